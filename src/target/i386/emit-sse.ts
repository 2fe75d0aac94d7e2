// The MMX, SSE and SSE2 instructions of the i386 translator (QEMU 10's emit.c.inc vector gen_*
// functions for what `qemu32,-sse3` decodes). Vector registers live in the FPU block of R (MMX
// register i = the significand of x87 register i, XMM n = 4 slots); a memory operand is first loaded
// into XMM_T0 / MMX_T0 as QEMU's gen_load does. Moves are inline ops; floating point goes through
// the fpu/ helpers and integer lanes through vec-int.ts, both called with a packed descriptor of the
// operand slots (one constant instead of three).
import type { Temp } from "../../tcg/context.ts";
import { Cond, MO_ALIGN, Opc, Type } from "../../tcg/opcodes.ts";
import { CcOp, FPU, I386Excp } from "./cpu-state.ts";
import { MMX_T0, SSE_XMM, SSE_XMM_T0, X87_REGS } from "./fpu/layout.ts";
import {
  MO_128,
  MO_16,
  MO_32,
  MO_64,
  MO_8,
  PREFIX_DATA,
  PREFIX_REPNZ,
  PREFIX_REPZ,
  R_DS,
  R_EDI,
  Special,
  Unit,
  type I386Insn,
} from "./insn.ts";
import { Op } from "./ops.ts";
import type { I386DisasContext as I386Translator } from "./disas-context.ts";
import { V } from "./vec-int.ts";

const I32 = Type.I32;

/** Absolute R slot of vector operand opn (its register, or the temp a memory operand was loaded into). */
export function vectorOffset(_s: I386Translator, d: I386Insn, opn: number): number {
  if (d.unit[opn] === Unit.MMX) return FPU + (d.hasEa[opn] ? MMX_T0 : X87_REGS + 3 * d.n[opn]);
  return FPU + (d.hasEa[opn] ? SSE_XMM_T0 : SSE_XMM + 4 * d.n[opn]);
}

/** vector_len: 8 bytes for MMX forms, 16 for SSE. */
function vectorLen(s: I386Translator, d: I386Insn): number {
  return d.special === Special.MMX && !(s.prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ)) ? 8 : 16;
}

/** sse_needs_alignment (no VEX here) */
function needsAlignment(d: I386Insn, ot: number): boolean {
  switch (d.vexClass) {
    case 2:
    case 4:
      if (d.sseUnaligned) return false;
      return ot >= MO_128;
    case 1:
      return ot >= MO_128;
    default:
      return false;
  }
}

/** 16-byte alignment of a 128-bit SSE access: #GP as QEMU's MO_ALIGN_16 (before any page fault). */
function checkAlign16(s: I386Translator): void {
  const b = s.b;
  const t = s.newTemp();
  const ok = b.label_new();
  if (s.ea.off) b.gen_addi_i32(t, s.ea.t, s.ea.off);
  else b.gen_mov_i32(t, s.ea.t);
  b.gen_brcondi(I32, Cond.TSTEQ, t, 15, ok);
  s.call("raise_exception", null, [s.k(I386Excp.GPF)]);
  b.gen_set_label(ok);
}

/** gen_load for MMX/SSE operands: a memory operand is loaded into the temp register. */
export function loadVectorOperand(s: I386Translator, d: I386Insn, opn: number): void {
  if (!d.hasEa[opn]) return;
  const ot = d.ot[opn];
  const dst = vectorOffset(s, d, opn);
  const b = s.b;
  const t = s.newTemp();
  switch (ot) {
    case MO_8:
    case MO_16:
    case MO_32:
      s.ld(ot, t, s.ea);
      if (ot === MO_32) s.stEnv(t, dst);
      else b.gen_st(ot === MO_8 ? Opc.st8 : Opc.st16, I32, t, dst * 4);
      break;
    case MO_64: {
      const v = b.temp_new_i64();
      s.ld64(v, s.ea);
      b.gen_st(Opc.st, Type.I64, v, dst * 4);
      break;
    }
    default: {
      // MO_128: QEMU loads it in one access (alignment checked first)
      if (needsAlignment(d, ot)) checkAlign16(s);
      const v0 = b.temp_new_i64(),
        v1 = b.temp_new_i64();
      s.ld64(v0, s.ea);
      s.ld64(v1, s.eaPlus(s.ea, 8));
      b.gen_st(Opc.st, Type.I64, v0, dst * 4);
      b.gen_st(Opc.st, Type.I64, v1, (dst + 2) * 4);
    }
  }
}

// ---- small building blocks

/** Copies n dwords between R slots. */
function copy(s: I386Translator, dst: number, src: number, n: number): void {
  if (dst === src) return;
  const t = s.newTemp();
  for (let i = 0; i < n; i++) {
    s.ldEnv(t, src + i);
    s.stEnv(t, dst + i);
  }
}
function zero(s: I386Translator, dst: number, n: number): void {
  // QEMU clears 16 bytes for a 16-byte vector length even when the destination is an MMX register
  // (MOVDQ2Q): its FPReg is 16 bytes, so the x87 register's sign/exponent goes too (here: 3 slots)
  if (dst >= FPU + X87_REGS && dst < FPU + X87_REGS + 24 && n > 3) n = 3;
  const z = s.k(0);
  for (let i = 0; i < n; i++) s.stEnv(z, dst + i);
}
/** Stores n dwords from R slots to the memory operand (16-byte stores check alignment first). */
function storeMem(s: I386Translator, src: number, n: number, align: boolean): void {
  const b = s.b;
  if (n === 1) {
    const t = s.newTemp();
    s.ldEnv(t, src);
    s.st(MO_32, t, s.ea);
    return;
  }
  if (n === 4 && align) checkAlign16(s);
  if (n === 4) {
    // one 16-byte access: both halves are checked before either is written
    s.call("probe_write", null, [s.eaValue(s.ea), s.k(16)]);
  }
  for (let i = 0; i < n; i += 2) {
    const v = b.temp_new_i64();
    b.gen_ld(Opc.ld, Type.I64, v, (src + i) * 4);
    s.st64(v, s.eaPlus(s.ea, 4 * i));
  }
}

/** gen_store_sse: op0 (register or memory) = the vector at src. */
function storeSse(s: I386Translator, d: I386Insn, src: number): void {
  const ot = d.ot[0];
  const len = vectorLen(s, d);
  if (!d.hasEa[0]) {
    copy(s, vectorOffset(s, d, 0), src, len >> 2);
    return;
  }
  storeMem(s, src, ot === MO_64 ? 2 : 4, needsAlignment(d, ot));
}

/** Packs an operation and its operand slots (relative to the FPU block) into one helper argument. */
function desc(op: number, bytes: number, dSlot: number, vSlot: number, sSlot: number): number {
  return op | (bytes === 16 ? 0x80 : 0) | ((dSlot - FPU) << 8) | ((vSlot - FPU) << 16) | ((sSlot - FPU) << 24);
}
function vec(s: I386Translator, op: V, bytes: number, dSlot: number, vSlot: number, sSlot: number, imm = 0): void {
  s.call("vec", null, [s.k(desc(op, bytes, dSlot, vSlot, sSlot)), s.k(imm)]);
}
/** An SSE floating-point helper by name: d, v, s slots and an immediate, packed the same way. */
function fp(s: I386Translator, name: string, dSlot: number, vSlot: number, sSlot: number, imm = 0): void {
  s.call(name, null, [s.k(desc(0, 16, dSlot, vSlot, sSlot)), s.k(imm)]);
}

type Emit = (s: I386Translator, d: I386Insn) => void;
const EMIT: Emit[] = [];
const def = (op: number, f: Emit) => (EMIT[op] = f);

export function emitSse(s: I386Translator, d: I386Insn): boolean {
  const f = EMIT[d.op];
  if (!f) return false;
  f(s, d);
  return true;
}

const off = (s: I386Translator, d: I386Insn, i: number) => vectorOffset(s, d, i);

// ---- integer lanes: op0 = op1 (x) op2

function binary(op: number, v: V): void {
  def(op, (s, d) => {
    const len = vectorLen(s, d);
    vec(s, v, len, off(s, d, 0), off(s, d, 1), off(s, d, 2));
  });
}
binary(Op.PADDB, V.PADDB);
binary(Op.PADDW, V.PADDW);
binary(Op.PADDD, V.PADDD);
binary(Op.PADDQ, V.PADDQ);
binary(Op.PSUBB, V.PSUBB);
binary(Op.PSUBW, V.PSUBW);
binary(Op.PSUBD, V.PSUBD);
binary(Op.PSUBQ, V.PSUBQ);
binary(Op.PADDSB, V.PADDSB);
binary(Op.PADDSW, V.PADDSW);
binary(Op.PADDUSB, V.PADDUSB);
binary(Op.PADDUSW, V.PADDUSW);
binary(Op.PSUBSB, V.PSUBSB);
binary(Op.PSUBSW, V.PSUBSW);
binary(Op.PSUBUSB, V.PSUBUSB);
binary(Op.PSUBUSW, V.PSUBUSW);
binary(Op.PAND, V.PAND);
binary(Op.PANDN, V.PANDN);
binary(Op.POR, V.POR);
binary(Op.PXOR, V.PXOR);
binary(Op.PCMPEQB, V.PCMPEQB);
binary(Op.PCMPEQW, V.PCMPEQW);
binary(Op.PCMPEQD, V.PCMPEQD);
binary(Op.PCMPGTB, V.PCMPGTB);
binary(Op.PCMPGTW, V.PCMPGTW);
binary(Op.PCMPGTD, V.PCMPGTD);
binary(Op.PMULLW, V.PMULLW);
binary(Op.PMULHW, V.PMULHW);
binary(Op.PMULHUW, V.PMULHUW);
binary(Op.PMULUDQ, V.PMULUDQ);
binary(Op.PMADDWD, V.PMADDWD);
binary(Op.PSADBW, V.PSADBW);
binary(Op.PAVGB, V.PAVGB);
binary(Op.PAVGW, V.PAVGW);
binary(Op.PMINUB, V.PMINUB);
binary(Op.PMAXUB, V.PMAXUB);
binary(Op.PMINSW, V.PMINSW);
binary(Op.PMAXSW, V.PMAXSW);
binary(Op.PACKSSWB, V.PACKSSWB);
binary(Op.PACKUSWB, V.PACKUSWB);
binary(Op.PACKSSDW, V.PACKSSDW);
binary(Op.PUNPCKLBW, V.PUNPCKLBW);
binary(Op.PUNPCKLWD, V.PUNPCKLWD);
binary(Op.PUNPCKLDQ, V.PUNPCKLDQ);
binary(Op.PUNPCKLQDQ, V.PUNPCKLQDQ);
binary(Op.PUNPCKHBW, V.PUNPCKHBW);
binary(Op.PUNPCKHWD, V.PUNPCKHWD);
binary(Op.PUNPCKHDQ, V.PUNPCKHDQ);
binary(Op.PUNPCKHQDQ, V.PUNPCKHQDQ);
binary(Op.PSRLW_r, V.PSRLW);
binary(Op.PSRAW_r, V.PSRAW);
binary(Op.PSLLW_r, V.PSLLW);
binary(Op.PSRLD_r, V.PSRLD);
binary(Op.PSRAD_r, V.PSRAD);
binary(Op.PSLLD_r, V.PSLLD);
binary(Op.PSRLQ_r, V.PSRLQ);
binary(Op.PSLLQ_r, V.PSLLQ);

/** unpcklps/pd and unpckhps/pd: the dq / qdq integer unpacks (F2/F3 have none: #UD). */
function fpUnpack(op: number, ps: V, pd: V): void {
  def(op, (s, d) => {
    if (s.prefix & (PREFIX_REPZ | PREFIX_REPNZ)) return s.illegal();
    vec(s, s.prefix & PREFIX_DATA ? pd : ps, 16, off(s, d, 0), off(s, d, 1), off(s, d, 2));
  });
}
fpUnpack(Op.VUNPCKLPx, V.PUNPCKLDQ, V.PUNPCKLQDQ);
fpUnpack(Op.VUNPCKHPx, V.PUNPCKHDQ, V.PUNPCKHQDQ);

/** Shifts by an immediate: op0 = op1 shifted. */
function shiftImm(op: number, v: V): void {
  def(op, (s, d) => {
    vec(s, v, vectorLen(s, d), off(s, d, 0), off(s, d, 1), off(s, d, 1), d.immediate & 0xff);
  });
}
shiftImm(Op.PSRLW_i, V.PSRLW_I);
shiftImm(Op.PSRAW_i, V.PSRAW_I);
shiftImm(Op.PSLLW_i, V.PSLLW_I);
shiftImm(Op.PSRLD_i, V.PSRLD_I);
shiftImm(Op.PSRAD_i, V.PSRAD_I);
shiftImm(Op.PSLLD_i, V.PSLLD_I);
shiftImm(Op.PSRLQ_i, V.PSRLQ_I);
shiftImm(Op.PSLLQ_i, V.PSLLQ_I);
shiftImm(Op.PSRLDQ_i, V.PSRLDQ_I);
shiftImm(Op.PSLLDQ_i, V.PSLLDQ_I);

def(Op.PSHUFW, (s, d) => vec(s, V.PSHUFW, 8, off(s, d, 0), off(s, d, 1), off(s, d, 1), d.immediate & 0xff));
def(Op.PSHUFD, (s, d) => vec(s, V.PSHUFD, 16, off(s, d, 0), off(s, d, 1), off(s, d, 1), d.immediate & 0xff));
def(Op.PSHUFHW, (s, d) => vec(s, V.PSHUFHW, 16, off(s, d, 0), off(s, d, 1), off(s, d, 1), d.immediate & 0xff));
def(Op.PSHUFLW, (s, d) => vec(s, V.PSHUFLW, 16, off(s, d, 0), off(s, d, 1), off(s, d, 1), d.immediate & 0xff));
def(Op.VSHUF, (s, d) =>
  vec(s, s.prefix & PREFIX_DATA ? V.SHUFPD : V.SHUFPS, 16, off(s, d, 0), off(s, d, 1), off(s, d, 2), d.immediate & 0xff),
);

def(Op.PMOVMSKB, (s, d) => {
  s.call("pmovmskb", s.T0, [s.k(off(s, d, 2)), s.k(vectorLen(s, d))]);
});
def(Op.MOVMSK, (s, d) => {
  s.call(s.prefix & PREFIX_DATA ? "movmskpd" : "movmskps", s.T0, [s.k(off(s, d, 2))]);
});
def(Op.MASKMOV, (s, d) => {
  const ea = s.leaVSeg({ t: s.g.regs[R_EDI], off: 0 }, s.aflag, R_DS, s.override);
  s.call("maskmov", null, [s.k(off(s, d, 1)), s.k(off(s, d, 2)), s.eaValue(ea), s.k(s.prefix & PREFIX_DATA ? 16 : 8)]);
});
def(Op.PINSRW, (s, d) => {
  const len = vectorLen(s, d);
  const val = d.immediate & ((len >> 1) - 1);
  const o0 = off(s, d, 0),
    o1 = off(s, d, 1);
  if (o1 !== o0) copy(s, o0, o1, 4);
  s.b.gen_st(Opc.st16, I32, s.T1, o0 * 4 + 2 * val);
});
def(Op.PEXTRW, (s, d) => {
  const len = vectorLen(s, d);
  const val = d.immediate & ((len >> 1) - 1);
  s.b.gen_ld(Opc.ld16u, I32, s.T0, off(s, d, 1) * 4 + 2 * val);
});

// ---- moves

def(Op.MOVDQ, (s, d) => storeSse(s, d, off(s, d, 2)));
def(Op.MOVD_to, (s, d) => {
  const o0 = off(s, d, 0);
  zero(s, o0, vectorLen(s, d) >> 2);
  s.stEnv(s.T1, o0);
});
def(Op.MOVD_from, (s, d) => {
  s.ldEnv(s.T0, off(s, d, 2));
});
function movq(s: I386Translator, d: I386Insn): void {
  const b = s.b;
  const src = off(s, d, 2);
  if (d.hasEa[0]) {
    const v = b.temp_new_i64();
    b.gen_ld(Opc.ld, Type.I64, v, src * 4);
    s.st64(v, s.ea);
  } else {
    const o0 = off(s, d, 0);
    const lo = s.newTemp(),
      hi = s.newTemp();
    s.ldEnv(lo, src);
    s.ldEnv(hi, src + 1);
    zero(s, o0, vectorLen(s, d) >> 2);
    s.stEnv(lo, o0);
    s.stEnv(hi, o0 + 1);
  }
}
def(Op.MOVQ, movq);
def(Op.MOVq_dq, (s, d) => {
  s.call("enter_mmx", null, []);
  movq(s, d);
});
def(Op.VMOVSS, (s, d) => {
  const t = s.newTemp();
  s.ldEnv(t, off(s, d, 2));
  copy(s, off(s, d, 0), off(s, d, 1), 4);
  s.stEnv(t, off(s, d, 0));
});
def(Op.VMOVSS_ld, (s, d) => {
  const t = s.newTemp();
  s.ld(MO_32, t, s.ea);
  const o0 = off(s, d, 0);
  zero(s, o0, 4);
  s.stEnv(t, o0);
});
def(Op.VMOVSS_st, (s, d) => {
  const t = s.newTemp();
  s.ldEnv(t, off(s, d, 2));
  s.st(MO_32, t, s.ea);
});
def(Op.VMOVSD_ld, (s, d) => {
  const b = s.b;
  const v = b.temp_new_i64();
  s.ld64(v, s.ea);
  const o0 = off(s, d, 0);
  zero(s, o0 + 2, 2);
  b.gen_st(Opc.st, Type.I64, v, o0 * 4);
});
def(Op.VMOVLPx, (s, d) => {
  const b = s.b;
  const v = b.temp_new_i64();
  b.gen_ld(Opc.ld, Type.I64, v, off(s, d, 2) * 4);
  copy(s, off(s, d, 0), off(s, d, 1), 4);
  b.gen_st(Opc.st, Type.I64, v, off(s, d, 0) * 4);
});
def(Op.VMOVLPx_ld, (s, d) => {
  const b = s.b;
  const v = b.temp_new_i64();
  s.ld64(v, s.ea);
  copy(s, off(s, d, 0), off(s, d, 1), 4);
  b.gen_st(Opc.st, Type.I64, v, off(s, d, 0) * 4);
});
def(Op.VMOVLPx_st, (s, d) => {
  const b = s.b;
  const v = b.temp_new_i64();
  b.gen_ld(Opc.ld, Type.I64, v, off(s, d, 2) * 4);
  s.st64(v, s.ea);
});
def(Op.VMOVHPx_ld, (s, d) => {
  const b = s.b;
  const v = b.temp_new_i64();
  s.ld64(v, s.ea);
  b.gen_st(Opc.st, Type.I64, v, (off(s, d, 0) + 2) * 4);
  if (off(s, d, 0) !== off(s, d, 1)) copy(s, off(s, d, 0), off(s, d, 1), 2);
});
def(Op.VMOVHPx_st, (s, d) => {
  const b = s.b;
  const v = b.temp_new_i64();
  b.gen_ld(Opc.ld, Type.I64, v, (off(s, d, 2) + 2) * 4);
  s.st64(v, s.ea);
});
def(Op.VMOVHPx, (s, d) => {
  const o0 = off(s, d, 0);
  if (o0 !== off(s, d, 2)) copy(s, o0 + 2, off(s, d, 2) + 2, 2);
  if (o0 !== off(s, d, 1)) copy(s, o0, off(s, d, 1), 2);
});
def(Op.VMOVHLPS, (s, d) => {
  const o0 = off(s, d, 0);
  const b = s.b;
  const v = b.temp_new_i64();
  b.gen_ld(Opc.ld, Type.I64, v, (off(s, d, 2) + 2) * 4);
  b.gen_st(Opc.st, Type.I64, v, o0 * 4);
  if (o0 !== off(s, d, 1)) copy(s, o0 + 2, off(s, d, 1) + 2, 2);
});
def(Op.VMOVLHPS, (s, d) => {
  const o0 = off(s, d, 0);
  const b = s.b;
  const v = b.temp_new_i64();
  b.gen_ld(Opc.ld, Type.I64, v, off(s, d, 2) * 4);
  b.gen_st(Opc.st, Type.I64, v, (o0 + 2) * 4);
  if (o0 !== off(s, d, 1)) copy(s, o0, off(s, d, 1), 2);
});

// ---- floating point (fpu/sse.ts)

/** gen_fp_sse: ps / pd / ss / sd by prefix (op0 = op1 (x) op2). */
function fpSse(op: number, base: string): void {
  def(op, (s, d) => {
    const p = s.prefix;
    const name = p & PREFIX_REPZ ? `${base}ss` : p & PREFIX_REPNZ ? `${base}sd` : p & PREFIX_DATA ? `${base}pd` : `${base}ps`;
    fp(s, name, off(s, d, 0), off(s, d, 1), off(s, d, 2));
  });
}
fpSse(Op.VADD, "add");
fpSse(Op.VSUB, "sub");
fpSse(Op.VMUL, "mul");
fpSse(Op.VDIV, "div");
fpSse(Op.VMIN, "min");
fpSse(Op.VMAX, "max");
def(Op.VSQRT, (s, d) => {
  const p = s.prefix;
  if (p & (PREFIX_REPZ | PREFIX_REPNZ)) fp(s, p & PREFIX_REPZ ? "sqrtss" : "sqrtsd", off(s, d, 0), off(s, d, 1), off(s, d, 2));
  else fp(s, p & PREFIX_DATA ? "sqrtpd" : "sqrtps", off(s, d, 0), off(s, d, 0), off(s, d, 2));
});
function unaryFp32(op: number, base: string): void {
  def(op, (s, d) => {
    const p = s.prefix;
    if (p & (PREFIX_DATA | PREFIX_REPNZ)) return s.illegal();
    if (p & PREFIX_REPZ) fp(s, `${base}ss`, off(s, d, 0), off(s, d, 1), off(s, d, 2));
    else fp(s, `${base}ps`, off(s, d, 0), off(s, d, 0), off(s, d, 2));
  });
}
unaryFp32(Op.VRSQRT, "rsqrt");
unaryFp32(Op.VRCP, "rcp");
def(Op.VCMP, (s, d) => {
  const p = s.prefix;
  const name = p & PREFIX_REPZ ? "cmpss" : p & PREFIX_REPNZ ? "cmpsd" : p & PREFIX_DATA ? "cmppd" : "cmpps";
  fp(s, name, off(s, d, 0), off(s, d, 1), off(s, d, 2), d.immediate & 7);
});
function comi(op: number, quiet: boolean): void {
  def(op, (s, d) => {
    const name = (quiet ? "u" : "") + (s.prefix & PREFIX_DATA ? "comisd" : "comiss");
    s.call(name, s.g.ccSrc, [s.k(desc(0, 16, off(s, d, 1), off(s, d, 1), off(s, d, 2)))]);
    s.setCcOp(CcOp.EFLAGS);
  });
}
comi(Op.VCOMI, false);
comi(Op.VUCOMI, true);
/** Unary conversions: op0 = f(op2). */
function unary(op: number, name: string): void {
  def(op, (s, d) => fp(s, name, off(s, d, 0), off(s, d, 0), off(s, d, 2)));
}
unary(Op.VCVTPS2PD, "cvtps2pd");
unary(Op.VCVTPD2PS, "cvtpd2ps");
unary(Op.VCVTDQ2PS, "cvtdq2ps");
unary(Op.VCVTPS2DQ, "cvtps2dq");
unary(Op.VCVTTPS2DQ, "cvttps2dq");
unary(Op.VCVTDQ2PD, "cvtdq2pd");
unary(Op.VCVTPD2DQ, "cvtpd2dq");
unary(Op.VCVTTPD2DQ, "cvttpd2dq");
def(Op.VCVTSS2SD, (s, d) => fp(s, "cvtss2sd", off(s, d, 0), off(s, d, 1), off(s, d, 2)));
def(Op.VCVTSD2SS, (s, d) => fp(s, "cvtsd2ss", off(s, d, 0), off(s, d, 1), off(s, d, 2)));
def(Op.VCVTSI2Sx, (s, d) => {
  copy(s, off(s, d, 0), off(s, d, 1), 4);
  s.call(s.prefix & PREFIX_REPNZ ? "cvtsi2sd" : "cvtsi2ss", null, [s.k(desc(0, 16, off(s, d, 0), 0 + FPU, 0 + FPU)), s.T1]);
});
function toSi(op: number, trunc: boolean): void {
  def(op, (s, d) => {
    const sd = (s.prefix & PREFIX_REPNZ) !== 0;
    const name = `cvt${trunc ? "t" : ""}${sd ? "sd" : "ss"}2si`;
    s.call(name, s.T0, [s.k(desc(0, 16, FPU, FPU, off(s, d, 2)))]);
  });
}
toSi(Op.VCVTSx2SI, false);
toSi(Op.VCVTTSx2SI, true);
def(Op.CVTPI2Px, (s, d) => {
  s.call("enter_mmx", null, []);
  fp(s, s.prefix & PREFIX_DATA ? "cvtpi2pd" : "cvtpi2ps", off(s, d, 0), off(s, d, 0), off(s, d, 2));
});
function toPi(op: number, trunc: boolean): void {
  def(op, (s, d) => {
    s.call("enter_mmx", null, []);
    const name = `cvt${trunc ? "t" : ""}${s.prefix & PREFIX_DATA ? "pd" : "ps"}2pi`;
    fp(s, name, off(s, d, 0), off(s, d, 0), off(s, d, 2));
  });
}
toPi(Op.CVTPx2PI, false);
toPi(Op.CVTTPx2PI, true);

export { MO_ALIGN, type Temp };
