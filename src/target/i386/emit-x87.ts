// The x87 instructions of the i386 translator (QEMU 10's gen_x87 in target/i386/tcg/translate.c):
// memory operands are loaded/stored here and handed to the fpu/ helpers, which keep the register
// stack, tags and status word in the FPU block of R. The instruction and data pointers (fpip/fpcs,
// fpdp/fpds) are updated as QEMU does, so fnstenv/fxsave see the same values.
import { MO_SIGN } from "../../tcg/opcodes.ts";
import type { Temp } from "../../tcg/context.ts";
import { CcOp, FPU, segSel } from "./cpu-state.ts";
import { X87_FPCS, X87_FPDP, X87_FPDS, X87_FPIP } from "./fpu/layout.ts";
import { MO_16, MO_32, R_CS, type I386Insn } from "./insn.ts";
import { JCC_B, JCC_BE, JCC_P, JCC_Z, type I386DisasContext as I386Translator } from "./disas-context.ts";

const ARITH_ST0_FT0 = [
  "fadd_ST0_FT0",
  "fmul_ST0_FT0",
  "fcom_ST0_FT0",
  "fcom_ST0_FT0",
  "fsub_ST0_FT0",
  "fsubr_ST0_FT0",
  "fdiv_ST0_FT0",
  "fdivr_ST0_FT0",
];
// NOTE the exception in "r" op ordering (gen_helper_fp_arith_STN_ST0)
const ARITH_STN_ST0 = ["fadd_STN_ST0", "fmul_STN_ST0", "", "", "fsubr_STN_ST0", "fsub_STN_ST0", "fdivr_STN_ST0", "fdiv_STN_ST0"];
const CONSTS = ["fld1_ST0", "fldl2t_ST0", "fldl2e_ST0", "fldpi_ST0", "fldlg2_ST0", "fldln2_ST0", "fldz_ST0"];
const D9_6 = ["f2xm1", "fyl2x", "fptan", "fpatan", "fxtract", "fprem1", "fdecstp", "fincstp"];
const D9_7 = ["fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint", "fscale", "fsin", "fcos"];

export function genX87(s: I386Translator, d: I386Insn): void {
  const b = s.b;
  let updateFip = true;
  const modrm = d.modrm;
  const mod = (modrm >> 6) & 3;
  const rm = modrm & 7;
  const op = d.x87Op;
  const c = (v: number) => s.k(v);
  const h = (name: string, ...ins: Temp[]) => s.call(name, null, ins);
  if (mod !== 3) {
    // memory operand: the address without segment base is the data pointer
    const ea = s.leaModrm1(d);
    const lastAddr = s.newTemp();
    if (ea.off) b.gen_addi_i32(lastAddr, ea.t, ea.off);
    else b.gen_mov_i32(lastAddr, ea.t);
    const a = s.leaVSeg({ t: lastAddr, off: 0 }, s.aflag, d.memDefSeg, s.override);
    let updateFdp = true;
    const t = s.newTemp();
    const addr = () => s.eaValue(a);
    if ((op & 0x08) === 0) {
      // 00-07 fxxxs, 10-17 fixxxl, 20-27 fxxxl, 30-37 fixxx
      switch (op >> 4) {
        case 0:
          s.ld(MO_32, t, a);
          h("flds_FT0", t);
          break;
        case 1:
          s.ld(MO_32, t, a);
          h("fildl_FT0", t);
          break;
        case 2: {
          const v = b.temp_new_i64();
          s.ld64(v, a);
          h("fldl_FT0", v);
          break;
        }
        default:
          s.ld(MO_16 | MO_SIGN, t, a);
          h("fildl_FT0", t);
      }
      h(ARITH_ST0_FT0[op & 7]);
      if ((op & 7) === 3) h("fpop");
    } else {
      switch (op) {
        case 0x08: // flds
        case 0x0a: // fsts
        case 0x0b: // fstps
        case 0x18: // fildl, fisttpl, fistl, fistpl
        case 0x19:
        case 0x1a:
        case 0x1b:
        case 0x28: // fldl, fisttpll, fstl, fstpl
        case 0x29:
        case 0x2a:
        case 0x2b:
        case 0x38: // filds, fisttps, fists, fistps
        case 0x39:
        case 0x3a:
        case 0x3b:
          switch (op & 7) {
            case 0:
              switch (op >> 4) {
                case 0:
                  s.ld(MO_32, t, a);
                  h("flds_ST0", t);
                  break;
                case 1:
                  s.ld(MO_32, t, a);
                  h("fildl_ST0", t);
                  break;
                case 2: {
                  const v = b.temp_new_i64();
                  s.ld64(v, a);
                  h("fldl_ST0", v);
                  break;
                }
                default:
                  s.ld(MO_16 | MO_SIGN, t, a);
                  h("fildl_ST0", t);
              }
              break;
            case 1:
              switch (op >> 4) {
                case 1:
                  s.call("fisttl_ST0", t, []);
                  s.st(MO_32, t, a);
                  break;
                case 2: {
                  const v = b.temp_new_i64();
                  s.call("fisttll_ST0", v, []);
                  s.st64(v, a);
                  break;
                }
                default:
                  s.call("fistt_ST0", t, []);
                  s.st(MO_16, t, a);
              }
              h("fpop");
              break;
            default:
              switch (op >> 4) {
                case 0:
                  s.call("fsts_ST0", t, []);
                  s.st(MO_32, t, a);
                  break;
                case 1:
                  s.call("fistl_ST0", t, []);
                  s.st(MO_32, t, a);
                  break;
                case 2: {
                  const v = b.temp_new_i64();
                  s.call("fstl_ST0", v, []);
                  s.st64(v, a);
                  break;
                }
                default:
                  s.call("fist_ST0", t, []);
                  s.st(MO_16, t, a);
              }
              if ((op & 7) === 3) h("fpop");
          }
          break;
        case 0x0c: // fldenv
          h("fldenv", addr(), c(s.dflag - 1));
          updateFip = updateFdp = false;
          break;
        case 0x0d: // fldcw
          s.ld(MO_16, t, a);
          h("fldcw", t);
          updateFip = updateFdp = false;
          break;
        case 0x0e: // fnstenv
          h("fstenv", addr(), c(s.dflag - 1));
          updateFip = updateFdp = false;
          break;
        case 0x0f: // fnstcw
          s.call("fnstcw", t, []);
          s.st(MO_16, t, a);
          updateFip = updateFdp = false;
          break;
        case 0x1d: // fldt
          h("fldt_ST0", addr());
          break;
        case 0x1f: // fstpt
          h("fstt_ST0", addr());
          h("fpop");
          break;
        case 0x2c: // frstor
          h("frstor", addr(), c(s.dflag - 1));
          updateFip = updateFdp = false;
          break;
        case 0x2e: // fnsave
          h("fsave", addr(), c(s.dflag - 1));
          updateFip = updateFdp = false;
          break;
        case 0x2f: // fnstsw
          s.call("fnstsw", t, []);
          s.st(MO_16, t, a);
          updateFip = updateFdp = false;
          break;
        case 0x3c: // fbld
          h("fbld_ST0", addr());
          break;
        case 0x3e: // fbstp
          h("fbst_ST0", addr());
          h("fpop");
          break;
        case 0x3d: {
          // fildll
          const v = b.temp_new_i64();
          s.ld64(v, a);
          h("fildll_ST0", v);
          break;
        }
        case 0x3f: {
          // fistpll
          const v = b.temp_new_i64();
          s.call("fistll_ST0", v, []);
          s.st64(v, a);
          h("fpop");
          break;
        }
        default:
          s.illegal();
          return;
      }
    }
    if (updateFdp) {
      const lastSeg = s.override >= 0 ? s.override : d.memDefSeg;
      const sel = s.newTemp();
      s.ldEnv(sel, segSel(lastSeg));
      s.stEnv(sel, FPU + X87_FPDS);
      s.stEnv(lastAddr, FPU + X87_FPDP);
    }
  } else {
    const opreg = rm;
    switch (op) {
      case 0x08: // fld sti
        h("fpush");
        h("fmov_ST0_STN", c((opreg + 1) & 7));
        break;
      case 0x09: // fxchg sti
      case 0x29:
      case 0x39:
        h("fxchg_ST0_STN", c(opreg));
        break;
      case 0x0a: // fnop
        s.ioStart();
        h("fwait");
        updateFip = false;
        break;
      case 0x0c:
        switch (rm) {
          case 0:
            h("fchs_ST0");
            break;
          case 1:
            h("fabs_ST0");
            break;
          case 4:
            h("fldz_FT0");
            h("fcom_ST0_FT0");
            break;
          default:
            h("fxam_ST0");
        }
        break;
      case 0x0d:
        h("fpush");
        h(CONSTS[rm]);
        break;
      case 0x0e:
        h(D9_6[rm]);
        break;
      case 0x0f:
        h(D9_7[rm]);
        break;
      case 0x00:
      case 0x01:
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x07:
      case 0x20:
      case 0x21:
      case 0x24:
      case 0x25:
      case 0x26:
      case 0x27:
      case 0x30:
      case 0x31:
      case 0x34:
      case 0x35:
      case 0x36:
      case 0x37:
        if (op >= 0x20) {
          h(ARITH_STN_ST0[op & 7], c(opreg));
          if (op >= 0x30) h("fpop");
        } else {
          h("fmov_FT0_STN", c(opreg));
          h(ARITH_ST0_FT0[op & 7]);
        }
        break;
      case 0x02: // fcom
      case 0x22:
        h("fmov_FT0_STN", c(opreg));
        h("fcom_ST0_FT0");
        break;
      case 0x03: // fcomp
      case 0x23:
      case 0x32:
        h("fmov_FT0_STN", c(opreg));
        h("fcom_ST0_FT0");
        h("fpop");
        break;
      case 0x15: // fucompp
        h("fmov_FT0_STN", c(1));
        h("fucom_ST0_FT0");
        h("fpop");
        h("fpop");
        break;
      case 0x1c:
        if (rm === 2) {
          h("fclex");
          updateFip = false;
        } else if (rm === 3) {
          h("fninit");
          updateFip = false;
        }
        break;
      case 0x1d: // fucomi
      case 0x1e: // fcomi
      case 0x3d: // fucomip
      case 0x3e: {
        // fcomip
        s.updateCcOp();
        h("fmov_FT0_STN", c(opreg));
        s.call((op & 7) === 5 ? "fucomi_ST0_FT0" : "fcomi_ST0_FT0", s.g.ccSrc, []);
        if (op >= 0x38) h("fpop");
        s.setCcOp(CcOp.EFLAGS);
        break;
      }
      case 0x28: // ffree
        h("ffree_STN", c(opreg));
        break;
      case 0x2a: // fst sti
        h("fmov_STN_ST0", c(opreg));
        break;
      case 0x2b: // fstp sti
      case 0x0b:
      case 0x3a:
      case 0x3b:
        h("fmov_STN_ST0", c(opreg));
        h("fpop");
        break;
      case 0x2c: // fucom
        h("fmov_FT0_STN", c(opreg));
        h("fucom_ST0_FT0");
        break;
      case 0x2d: // fucomp
        h("fmov_FT0_STN", c(opreg));
        h("fucom_ST0_FT0");
        h("fpop");
        break;
      case 0x33: // fcompp
        h("fmov_FT0_STN", c(1));
        h("fcom_ST0_FT0");
        h("fpop");
        h("fpop");
        break;
      case 0x38: // ffreep
        h("ffree_STN", c(opreg));
        h("fpop");
        break;
      case 0x3c: {
        // fnstsw %ax
        const t = s.newTemp();
        s.call("fnstsw", t, []);
        s.movRegV(MO_16, 0, t);
        break;
      }
      case 0x10:
      case 0x11:
      case 0x12:
      case 0x13:
      case 0x18:
      case 0x19:
      case 0x1a:
      case 0x1b: {
        // fcmov
        const fcmovCc = [JCC_B << 1, JCC_Z << 1, JCC_BE << 1, JCC_P << 1];
        const op1 = fcmovCc[op & 3] | (((op >> 3) & 1) ^ 1);
        const l1 = b.label_new();
        s.jccNoeob(op1, l1);
        h("fmov_ST0_STN", c(opreg));
        b.gen_set_label(l1);
        break;
      }
      default:
        s.illegal();
        return;
    }
  }
  if (updateFip) {
    const sel = s.newTemp();
    s.ldEnv(sel, segSel(R_CS));
    s.stEnv(sel, FPU + X87_FPCS);
    s.stEnv(s.eipCur(), FPU + X87_FPIP);
  }
}
