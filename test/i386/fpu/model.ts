/**
 * What testdata/i386/fpu/fpu-ops.c does for each record, expressed as the
 * helper calls QEMU's translator (target/i386/tcg/translate.c gen_x87 and
 * the SSE emitters) makes for its instructions, on a persistent register
 * file: physical x87 registers, XMM registers and MXCSR carry over from one
 * record to the next exactly as in the guest program.
 */

import * as X from "../../../src/target/i386/fpu/index.ts";
import { ArrayFpuMemory, FPU_BLOCK_SLOTS, X87_REGS, resetFpuState, stSlot, xmmSlot } from "../../../src/target/i386/fpu/index.ts";

export const IN_WORDS = 16;
export const OUT_WORDS = 20;

const B = 0;
/** Register file: the FPU block, then scratch slots for 64-bit results. */
const R = new Int32Array(FPU_BLOCK_SLOTS + 8);
const TMP = FPU_BLOCK_SLOTS;
const XMM0 = xmmSlot(0);
const XMM1 = xmmSlot(1);
const MMX0 = X87_REGS; // mm0 is the significand of physical register 0

/** Memory: the operand M (16 bytes at 0), the result R (16 bytes at 16), the fnsave area at 64, a 512-byte area at 256. */
const bytes = new Uint8Array(1024);
const mem = new ArrayFpuMemory(bytes);
const words = new Uint32Array(bytes.buffer);
const M = 0;
const RES = 16;
const STAGE = 48;
const SAVE = 64;
const AREA = 256;

export function resetModel(): void {
  resetFpuState(R, B);
}

let rec: Uint32Array;
let ro = 0;
const a = (i: number): number => rec[ro + 2 + i]! | 0;
const b = (i: number): number => rec[ro + 6 + i]! | 0;
const c = (i: number): number => rec[ro + 10 + i]! | 0;

function load80(w0: number, w1: number, w2: number): void {
  words[STAGE / 4] = w0;
  words[STAGE / 4 + 1] = w1;
  words[STAGE / 4 + 2] = w2;
  X.fldt_ST0(R, B, mem, STAGE);
}

/** LOAD3: fninit, fldcw, fldt c, fldt b, fldt a. */
function load3(): void {
  X.fninit(R, B);
  X.fldcw(R, B, rec[ro + 1]! & 0xffff);
  load80(c(0), c(1), c(2));
  load80(b(0), b(1), b(2));
  load80(a(0), a(1), a(2));
}

/** D8 /r register forms: ST0 = ST0 op ST(1) through FT0. */
function arithST0(helper: (R: Int32Array, base: number) => void): void {
  X.fmov_FT0_STN(R, B, 1);
  helper(R, B);
}

let efl = 0;

type X87Op = () => void;

const X87: Record<string, X87Op> = {
  x_fadd_st0_st1: () => arithST0(X.fadd_ST0_FT0),
  x_fmul_st0_st1: () => arithST0(X.fmul_ST0_FT0),
  x_fsub_st0_st1: () => arithST0(X.fsub_ST0_FT0),
  x_fsubr_st0_st1: () => arithST0(X.fsubr_ST0_FT0),
  x_fdiv_st0_st1: () => arithST0(X.fdiv_ST0_FT0),
  x_fdivr_st0_st1: () => arithST0(X.fdivr_ST0_FT0),
  x_fadd_st1_st0: () => X.fadd_STN_ST0(R, B, 1),
  x_fmul_st1_st0: () => X.fmul_STN_ST0(R, B, 1),
  x_fsubr_st1_st0: () => X.fsubr_STN_ST0(R, B, 1),
  x_fsub_st1_st0: () => X.fsub_STN_ST0(R, B, 1),
  x_fdivr_st1_st0: () => X.fdivr_STN_ST0(R, B, 1),
  x_fdiv_st1_st0: () => X.fdiv_STN_ST0(R, B, 1),
  x_faddp: () => (X.fadd_STN_ST0(R, B, 1), X.fpop(R, B)),
  x_fmulp: () => (X.fmul_STN_ST0(R, B, 1), X.fpop(R, B)),
  x_fsubrp: () => (X.fsubr_STN_ST0(R, B, 1), X.fpop(R, B)),
  x_fsubp: () => (X.fsub_STN_ST0(R, B, 1), X.fpop(R, B)),
  x_fdivrp: () => (X.fdivr_STN_ST0(R, B, 1), X.fpop(R, B)),
  x_fdivp: () => (X.fdiv_STN_ST0(R, B, 1), X.fpop(R, B)),
  x_fadds: () => (X.flds_FT0(R, B, c(0)), X.fadd_ST0_FT0(R, B)),
  x_fmuls: () => (X.flds_FT0(R, B, c(0)), X.fmul_ST0_FT0(R, B)),
  x_fsubs: () => (X.flds_FT0(R, B, c(0)), X.fsub_ST0_FT0(R, B)),
  x_fsubrs: () => (X.flds_FT0(R, B, c(0)), X.fsubr_ST0_FT0(R, B)),
  x_fdivs: () => (X.flds_FT0(R, B, c(0)), X.fdiv_ST0_FT0(R, B)),
  x_fdivrs: () => (X.flds_FT0(R, B, c(0)), X.fdivr_ST0_FT0(R, B)),
  x_faddl: () => (X.fldl_FT0(R, B, c(0), c(1)), X.fadd_ST0_FT0(R, B)),
  x_fsubl: () => (X.fldl_FT0(R, B, c(0), c(1)), X.fsub_ST0_FT0(R, B)),
  x_fdivrl: () => (X.fldl_FT0(R, B, c(0), c(1)), X.fdivr_ST0_FT0(R, B)),
  x_fiaddl: () => (X.fildl_FT0(R, B, c(0)), X.fadd_ST0_FT0(R, B)),
  x_fimull: () => (X.fildl_FT0(R, B, c(0)), X.fmul_ST0_FT0(R, B)),
  x_fidivl: () => (X.fildl_FT0(R, B, c(0)), X.fdiv_ST0_FT0(R, B)),
  x_fiadds: () => (X.fildl_FT0(R, B, (c(0) << 16) >> 16), X.fadd_ST0_FT0(R, B)),
  x_fisubrs: () => (X.fildl_FT0(R, B, (c(0) << 16) >> 16), X.fsubr_ST0_FT0(R, B)),
  x_fcom: () => (X.fmov_FT0_STN(R, B, 1), X.fcom_ST0_FT0(R, B)),
  x_fcomp: () => (X.fmov_FT0_STN(R, B, 1), X.fcom_ST0_FT0(R, B), X.fpop(R, B)),
  x_fcompp: () => (X.fmov_FT0_STN(R, B, 1), X.fcom_ST0_FT0(R, B), X.fpop(R, B), X.fpop(R, B)),
  x_fucom: () => (X.fmov_FT0_STN(R, B, 1), X.fucom_ST0_FT0(R, B)),
  x_fucomp: () => (X.fmov_FT0_STN(R, B, 1), X.fucom_ST0_FT0(R, B), X.fpop(R, B)),
  x_fucompp: () => (X.fmov_FT0_STN(R, B, 1), X.fucom_ST0_FT0(R, B), X.fpop(R, B), X.fpop(R, B)),
  x_fcomi: () => (X.fmov_FT0_STN(R, B, 1), (efl = X.fcomi_ST0_FT0(R, B))),
  x_fcomip: () => (X.fmov_FT0_STN(R, B, 1), (efl = X.fcomi_ST0_FT0(R, B)), X.fpop(R, B)),
  x_fucomi: () => (X.fmov_FT0_STN(R, B, 1), (efl = X.fucomi_ST0_FT0(R, B))),
  x_fucomip: () => (X.fmov_FT0_STN(R, B, 1), (efl = X.fucomi_ST0_FT0(R, B)), X.fpop(R, B)),
  x_fcoms: () => (X.flds_FT0(R, B, c(0)), X.fcom_ST0_FT0(R, B)),
  x_fcompl: () => (X.fldl_FT0(R, B, c(0), c(1)), X.fcom_ST0_FT0(R, B), X.fpop(R, B)),
  x_ficoml: () => (X.fildl_FT0(R, B, c(0)), X.fcom_ST0_FT0(R, B)),
  x_ftst: () => (X.fldz_FT0(R, B), X.fcom_ST0_FT0(R, B)),
  x_fxam: () => X.fxam_ST0(R, B),
  x_fxam_empty: () => (X.ffree_STN(R, B, 0), X.fxam_ST0(R, B)),
  x_fchs: () => X.fchs_ST0(R, B),
  x_fabs: () => X.fabs_ST0(R, B),
  x_fsqrt: () => X.fsqrt(R, B),
  x_frndint: () => X.frndint(R, B),
  x_fscale: () => X.fscale(R, B),
  x_fxtract: () => X.fxtract(R, B),
  x_fprem: () => X.fprem(R, B),
  x_fprem1: () => X.fprem1(R, B),
  x_f2xm1: () => X.f2xm1(R, B),
  x_fyl2x: () => X.fyl2x(R, B),
  x_fyl2xp1: () => X.fyl2xp1(R, B),
  x_fpatan: () => X.fpatan(R, B),
  x_fptan: () => X.fptan(R, B),
  x_fsin: () => X.fsin(R, B),
  x_fcos: () => X.fcos(R, B),
  x_fsincos: () => X.fsincos(R, B),
  x_fld1: () => (X.fpush(R, B), X.fld1_ST0(R, B)),
  x_fldl2t: () => (X.fpush(R, B), X.fldl2t_ST0(R, B)),
  x_fldl2e: () => (X.fpush(R, B), X.fldl2e_ST0(R, B)),
  x_fldpi: () => (X.fpush(R, B), X.fldpi_ST0(R, B)),
  x_fldlg2: () => (X.fpush(R, B), X.fldlg2_ST0(R, B)),
  x_fldln2: () => (X.fpush(R, B), X.fldln2_ST0(R, B)),
  x_fldz: () => (X.fpush(R, B), X.fldz_ST0(R, B)),
  x_fxch: () => X.fxchg_ST0_STN(R, B, 1),
  x_fld_st1: () => (X.fpush(R, B), X.fmov_ST0_STN(R, B, 2)),
  x_fst_st1: () => X.fmov_STN_ST0(R, B, 1),
  x_fstp_st1: () => (X.fmov_STN_ST0(R, B, 1), X.fpop(R, B)),
  x_ffree_st1: () => X.ffree_STN(R, B, 1),
  x_fincstp: () => X.fincstp(R, B),
  x_fdecstp: () => X.fdecstp(R, B),
  x_fnclex: () => (X.flds_FT0(R, B, c(0)), X.fdiv_ST0_FT0(R, B), X.fclex(R, B)),
  x_flds: () => X.flds_ST0(R, B, c(0)),
  x_fldl: () => X.fldl_ST0(R, B, c(0), c(1)),
  x_fldt: () => X.fldt_ST0(R, B, mem, M),
  x_filds: () => X.fildl_ST0(R, B, (c(0) << 16) >> 16),
  x_fildl: () => X.fildl_ST0(R, B, c(0)),
  x_fildll: () => X.fildll_ST0(R, B, c(0), c(1)),
  x_fbld: () => X.fbld_ST0(R, B, mem, M),
  x_fsts: () => (words[RES / 4] = X.fsts_ST0(R, B)),
  x_fstps: () => ((words[RES / 4] = X.fsts_ST0(R, B)), X.fpop(R, B)),
  x_fstl: () => (X.fstl_ST0(R, B, TMP), (words[RES / 4] = R[TMP]!), (words[RES / 4 + 1] = R[TMP + 1]!)),
  x_fstpt: () => (X.fstt_ST0(R, B, mem, RES), X.fpop(R, B)),
  x_fists: () => (words[RES / 4] = X.fist_ST0(R, B) & 0xffff),
  x_fistl: () => (words[RES / 4] = X.fistl_ST0(R, B)),
  x_fistpll: () => (X.fistll_ST0(R, B, TMP), (words[RES / 4] = R[TMP]!), (words[RES / 4 + 1] = R[TMP + 1]!), X.fpop(R, B)),
  x_fisttps: () => ((words[RES / 4] = X.fistt_ST0(R, B) & 0xffff), X.fpop(R, B)),
  x_fisttpl: () => ((words[RES / 4] = X.fisttl_ST0(R, B)), X.fpop(R, B)),
  x_fisttpll: () => (X.fisttll_ST0(R, B, TMP), (words[RES / 4] = R[TMP]!), (words[RES / 4 + 1] = R[TMP + 1]!), X.fpop(R, B)),
  x_fbstp: () => (X.fbst_ST0(R, B, mem, RES), X.fpop(R, B)),
  x_fnstsw: () => (X.flds_FT0(R, B, c(0)), X.fdiv_ST0_FT0(R, B), (words[RES / 4] = X.fnstsw(R, B) & 0xffff)),
  x_fnstcw: () => (words[RES / 4] = X.fnstcw(R, B) & 0xffff),
  x_fldcw_fadd: () => (X.fldcw(R, B, c(0) & 0xffff), arithST0(X.fadd_ST0_FT0), (words[RES / 4] = X.fnstcw(R, B) & 0xffff)),
};

/** Ops with their own prologue. */
const SPECIAL: Record<string, () => void> = {
  x_fldenv() {
    bytes.fill(0, AREA, AREA + 28);
    words[AREA / 4] = rec[ro + 1]!;
    words[AREA / 4 + 1] = rec[ro + 2]!;
    words[AREA / 4 + 2] = rec[ro + 3]!;
    load3();
    X.fldenv(R, B, mem, AREA, true);
  },
  x_frstor() {
    bytes.fill(0, SAVE, SAVE + 108);
    words[SAVE / 4] = rec[ro + 1]!;
    words[SAVE / 4 + 1] = rec[ro + 2]!;
    words[SAVE / 4 + 2] = rec[ro + 3]!;
    const put = (o: number, w: (i: number) => number): void => {
      const v = new DataView(bytes.buffer);
      v.setInt32(o, w(0), true);
      v.setInt32(o + 4, w(1), true);
      v.setUint16(o + 8, w(2) & 0xffff, true);
    };
    put(SAVE + 28, b);
    put(SAVE + 38, c);
    for (let i = 2; i < 8; i++) put(SAVE + 28 + 10 * i, a);
    X.frstor(R, B, mem, SAVE, true);
  },
};

function fnsave(out: Uint32Array, o: number, regs: boolean): void {
  X.fsave(R, B, mem, SAVE, true);
  const v = new DataView(bytes.buffer);
  out[o] = v.getUint32(SAVE, true) & 0xffff;
  out[o + 1] = v.getUint32(SAVE + 4, true) & 0xffff;
  out[o + 2] = v.getUint32(SAVE + 8, true) & 0xffff;
  if (regs) {
    for (let i = 0; i < 4; i++) {
      out[o + 3 + 3 * i] = v.getUint32(SAVE + 28 + 10 * i, true);
      out[o + 4 + 3 * i] = v.getUint32(SAVE + 32 + 10 * i, true);
      out[o + 5 + 3 * i] = v.getUint16(SAVE + 36 + 10 * i, true);
    }
  }
}

// ------------------------------------------------------------ SSE

function loadXmm(): void {
  for (let i = 0; i < 4; i++) {
    R[B + XMM0 + i] = a(i);
    R[B + XMM1 + i] = b(i);
  }
}

type SseOp = () => void;
const x0 = B + XMM0,
  x1 = B + XMM1;
const TMPX = B + X.SSE_XMM_T0;

/** A memory operand (b's words) in the temporary vector. */
function memB(): number {
  for (let i = 0; i < 4; i++) R[TMPX + i] = b(i);
  return TMPX;
}

const SSE: Record<string, SseOp> = {
  s_addps: () => X.addps(R, B, x0, x0, x1),
  s_subps: () => X.subps(R, B, x0, x0, x1),
  s_mulps: () => X.mulps(R, B, x0, x0, x1),
  s_divps: () => X.divps(R, B, x0, x0, x1),
  s_minps: () => X.minps(R, B, x0, x0, x1),
  s_maxps: () => X.maxps(R, B, x0, x0, x1),
  s_sqrtps: () => X.sqrtps(R, B, x0, x1),
  s_addss: () => X.addss(R, B, x0, x0, x1),
  s_subss: () => X.subss(R, B, x0, x0, memB()),
  s_mulss: () => X.mulss(R, B, x0, x0, x1),
  s_divss: () => X.divss(R, B, x0, x0, x1),
  s_minss: () => X.minss(R, B, x0, x0, x1),
  s_maxss: () => X.maxss(R, B, x0, x0, x1),
  s_sqrtss: () => X.sqrtss(R, B, x0, x0, x1),
  s_rcpss: () => X.rcpss(R, B, x0, x0, x1),
  s_rsqrtss: () => X.rsqrtss(R, B, x0, x0, x1),
  s_rcpps: () => X.rcpps(R, B, x0, x1),
  s_rsqrtps: () => X.rsqrtps(R, B, x0, x1),
  s_addpd: () => X.addpd(R, B, x0, x0, x1),
  s_subpd: () => X.subpd(R, B, x0, x0, x1),
  s_mulpd: () => X.mulpd(R, B, x0, x0, x1),
  s_divpd: () => X.divpd(R, B, x0, x0, memB()),
  s_minpd: () => X.minpd(R, B, x0, x0, x1),
  s_maxpd: () => X.maxpd(R, B, x0, x0, x1),
  s_sqrtpd: () => X.sqrtpd(R, B, x0, x1),
  s_addsd: () => X.addsd(R, B, x0, x0, x1),
  s_subsd: () => X.subsd(R, B, x0, x0, x1),
  s_mulsd: () => X.mulsd(R, B, x0, x0, memB()),
  s_divsd: () => X.divsd(R, B, x0, x0, x1),
  s_minsd: () => X.minsd(R, B, x0, x0, x1),
  s_maxsd: () => X.maxsd(R, B, x0, x0, x1),
  s_sqrtsd: () => X.sqrtsd(R, B, x0, x0, x1),
  s_cmpps0: () => X.cmpps(R, B, x0, x0, x1, 0),
  s_cmpps1: () => X.cmpps(R, B, x0, x0, x1, 1),
  s_cmpps2: () => X.cmpps(R, B, x0, x0, x1, 2),
  s_cmpps3: () => X.cmpps(R, B, x0, x0, x1, 3),
  s_cmpps4: () => X.cmpps(R, B, x0, x0, x1, 4),
  s_cmpps5: () => X.cmpps(R, B, x0, x0, x1, 5),
  s_cmpps6: () => X.cmpps(R, B, x0, x0, x1, 6),
  s_cmpps7: () => X.cmpps(R, B, x0, x0, x1, 7),
  s_cmpss1: () => X.cmpss(R, B, x0, x0, x1, 1),
  s_cmpss6: () => X.cmpss(R, B, x0, x0, x1, 6),
  s_cmppd0: () => X.cmppd(R, B, x0, x0, x1, 0),
  s_cmppd2: () => X.cmppd(R, B, x0, x0, x1, 2),
  s_cmppd3: () => X.cmppd(R, B, x0, x0, x1, 3),
  s_cmppd5: () => X.cmppd(R, B, x0, x0, x1, 5),
  s_cmpsd0: () => X.cmpsd(R, B, x0, x0, x1, 0),
  s_cmpsd7: () => X.cmpsd(R, B, x0, x0, x1, 7),
  s_comiss: () => (efl = X.comiss(R, B, x0, x1)),
  s_ucomiss: () => (efl = X.ucomiss(R, B, x0, x1)),
  s_comisd: () => (efl = X.comisd(R, B, x0, x1)),
  s_ucomisd: () => (efl = X.ucomisd(R, B, x0, x1)),
  s_cvtps2pd: () => X.cvtps2pd(R, B, x0, x1),
  s_cvtpd2ps: () => X.cvtpd2ps(R, B, x0, x1),
  s_cvtss2sd: () => X.cvtss2sd(R, B, x0, x0, x1),
  s_cvtsd2ss: () => X.cvtsd2ss(R, B, x0, x0, x1),
  s_cvtdq2ps: () => X.cvtdq2ps(R, B, x0, x1),
  s_cvtdq2pd: () => X.cvtdq2pd(R, B, x0, x1),
  s_cvtps2dq: () => X.cvtps2dq(R, B, x0, x1),
  s_cvttps2dq: () => X.cvttps2dq(R, B, x0, x1),
  s_cvtpd2dq: () => X.cvtpd2dq(R, B, x0, x1),
  s_cvttpd2dq: () => X.cvttpd2dq(R, B, x0, x1),
  s_cvtsi2ss: () => X.cvtsi2ss(R, B, x0, c(0)),
  s_cvtsi2sd: () => X.cvtsi2sd(R, B, x0, c(0)),
  s_cvtss2si: () => (words[RES / 4] = X.cvtss2si(R, B, x1)),
  s_cvttss2si: () => (words[RES / 4] = X.cvttss2si(R, B, x1)),
  s_cvtsd2si: () => (words[RES / 4] = X.cvtsd2si(R, B, x1)),
  s_cvttsd2si: () => (words[RES / 4] = X.cvttsd2si(R, B, x1)),
  s_cvtpi2ps: () => (movqToMm0(), X.enterMmx(R, B), X.cvtpi2ps(R, B, x0, B + MMX0), X.emms(R, B)),
  s_cvtpi2pd: () => (movqToMm0(), X.enterMmx(R, B), X.cvtpi2pd(R, B, x0, B + MMX0), X.emms(R, B)),
  s_cvtps2pi: () => (X.enterMmx(R, B), X.cvtps2pi(R, B, B + MMX0, x1), movqFromMm0(), X.emms(R, B)),
  s_cvttps2pi: () => (X.enterMmx(R, B), X.cvttps2pi(R, B, B + MMX0, x1), movqFromMm0(), X.emms(R, B)),
  s_cvtpd2pi: () => (X.enterMmx(R, B), X.cvtpd2pi(R, B, B + MMX0, x1), movqFromMm0(), X.emms(R, B)),
  s_cvttpd2pi: () => (X.enterMmx(R, B), X.cvttpd2pi(R, B, B + MMX0, x1), movqFromMm0(), X.emms(R, B)),
  s_ldmxcsr_addss: () => (X.ldmxcsr(R, B, c(0)), X.addss(R, B, x0, x0, x1)),
};

/** movq M, %mm0: enters MMX mode and writes the significand of physical register 0. */
function movqToMm0(): void {
  X.enterMmx(R, B);
  R[B + MMX0] = c(0);
  R[B + MMX0 + 1] = c(1);
}

function movqFromMm0(): void {
  X.enterMmx(R, B);
  words[RES / 4] = R[B + MMX0]!;
  words[RES / 4 + 1] = R[B + MMX0 + 1]!;
}

export function isKnownOp(name: string): boolean {
  return name in X87 || name in SPECIAL || name in SSE || name === "x_fxsave" || name === "x_fxrstor";
}

export function isSseOp(name: string): boolean {
  return name in SSE;
}

/** Runs record i of `records` (for op `name`) and writes the expected output record. */
export function runModel(name: string, records: Uint32Array, i: number, out: Uint32Array, o: number): void {
  rec = records;
  ro = i * IN_WORDS;
  out.fill(0, o, o + OUT_WORDS);
  bytes.fill(0, RES, RES + 16);
  new Uint32Array(bytes.buffer, M, 4).set(records.subarray(ro + 10, ro + 14));
  efl = 0;
  const sse = name in SSE;
  if (sse) {
    X.ldmxcsr(R, B, records[ro + 1]!);
    loadXmm();
    SSE[name]!();
    fnsave(out, o, false);
    for (let k = 0; k < 4; k++) out[o + 3 + k] = R[x0 + k]!;
    out[o + 15] = words[RES / 4]!;
    out[o + 16] = words[RES / 4 + 1]!;
    out[o + 18] = efl;
    out[o + 19] = X.stmxcsr(R, B);
    return;
  }
  if (name === "x_fxsave") {
    X.ldmxcsr(R, B, 0x1f80);
    for (let k = 0; k < 4; k++) R[x0 + k] = a(k);
    load3();
    bytes.fill(0xaa, AREA, AREA + 512);
    X.fxsave(R, B, mem, AREA);
    fnsave(out, o, true);
    const v = new DataView(bytes.buffer);
    const w = (off: number): number => v.getUint32(AREA + off, true);
    for (let k = 0; k < 4; k++) out[o + 3 + k] = w(160 + 4 * k);
    out[o + 7] = w(32);
    out[o + 8] = w(36);
    out[o + 9] = v.getUint16(AREA + 40, true);
    out[o + 10] = w(28);
    out[o + 11] = w(42);
    out[o + 12] = w(8);
    out[o + 13] = w(12);
    out[o + 14] = w(16);
    out[o + 15] = w(0);
    out[o + 16] = w(4);
    out[o + 17] = w(24);
    out[o + 19] = X.stmxcsr(R, B);
    return;
  }
  if (name === "x_fxrstor") {
    bytes.fill(0, AREA, AREA + 512);
    const v = new DataView(bytes.buffer);
    v.setUint16(AREA, records[ro + 1]! & 0xffff, true);
    v.setUint16(AREA + 2, a(0) & 0xffff, true);
    v.setUint8(AREA + 4, a(1) & 0xff);
    v.setUint32(AREA + 24, 0x1f80 | (a(2) & 0x3f), true);
    v.setInt32(AREA + 32, b(0), true);
    v.setInt32(AREA + 36, b(1), true);
    v.setUint16(AREA + 40, b(2) & 0xffff, true);
    for (let k = 0; k < 4; k++) v.setInt32(AREA + 160 + 4 * k, c(k), true);
    X.fxrstor(R, B, mem, AREA);
    const mx = X.stmxcsr(R, B);
    const xm = [R[x0]!, R[x0 + 1]!, R[x0 + 2]!];
    fnsave(out, o, true);
    out[o + 15] = xm[0]!;
    out[o + 16] = xm[1]!;
    out[o + 17] = xm[2]!;
    out[o + 19] = mx;
    return;
  }
  if (name in SPECIAL) {
    SPECIAL[name]!();
  } else {
    load3();
    X87[name]!();
  }
  fnsave(out, o, true);
  out[o + 15] = words[RES / 4]!;
  out[o + 16] = words[RES / 4 + 1]!;
  out[o + 17] = words[RES / 4 + 2]! & 0xffff;
  out[o + 18] = efl;
  out[o + 19] = 0x1f80;
}

/** ST slot helper for tests that inspect the model directly. */
export function modelST(i: number): [number, number, number] {
  const s = stSlot(R, B, i);
  return [R[s]!, R[s + 1]!, R[s + 2]!];
}
