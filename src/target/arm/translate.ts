// The ARM translator: A32, T32 and T16 instructions -> TCG ops (QEMU's target/arm/tcg/translate.c
// trans_* functions, same names and order). The generated decoders (decode-a32.ts, decode-t32.ts,
// decode-t16.ts) call one trans_* method per instruction; VFP instructions go to translate-vfp.ts.
// The CPU is QEMU's cortex-a15 with neon=off,vfp-d32=off (ARMv7VE, Thumb-2, integer divide in
// both states, VFPv4-D16), so QEMU's feature tests that are true for it are left out; the ones
// that make an instruction UNDEFINED on it are kept, with QEMU's reasons.
import type { Temp } from "../../tcg/context.ts";
import {
  Cond,
  MO_16,
  MO_32,
  MO_64,
  MO_8,
  MO_ALIGN,
  MO_ALIGN_4,
  MO_RMW,
  MO_SB,
  MO_SW,
  MO_UB,
  MO_UL,
  MO_UW,
  Opc,
} from "../../tcg/opcodes.ts";
import { CPSR_EXEC, CPSR_USER, CPSR_VALID, Excp, TBF_BE_DATA, TBF_THUMB, TPIDRURO, TPIDRURW, TEEHBR } from "./cpu-state.ts";
import { disasA32, disasA32Uncond, type A32DecodeHandler } from "./decode-a32.ts";
import type * as A from "./decode-a32.ts";
import { disasT16, type ArgCBZ, type ArgIT, type T16DecodeHandler } from "./decode-t16.ts";
import { disasT32, type ArgCi, type ArgLdstRi2, type ArgTbranch, type T32DecodeHandler } from "./decode-t32.ts";
import { disasVfp } from "./decode-vfp.ts";
import { ArmDisas, Dj, I32, I64, type ArmGlobals, type ArmHelperIds } from "./translate-base.ts";
import { VfpTranslator } from "./translate-vfp.ts";

/** A data-processing operation: computes dest from a and b, writing dest last. */
type Gen3 = (d: Temp, a: Temp, b: Temp) => void;
type Gen2 = (d: Temp, a: Temp) => void;

/** How a data-processing result is written back (QEMU's StoreRegKind). */
const enum Streg {
  None,
  Normal,
  SpCheck,
}

const ror32 = (x: number, r: number) => (r === 0 ? x | 0 : (x >>> r) | (x << (32 - r)) | 0);

export class ArmTranslator extends ArmDisas implements A32DecodeHandler, T32DecodeHandler, T16DecodeHandler {
  private readonly vfp: VfpTranslator;

  constructor(g: ArmGlobals, H: ArmHelperIds) {
    super(g, H);
    this.vfp = new VfpTranslator(this);
  }

  // ---- the decoders, in QEMU's order (disas_arm_insn, disas_thumb2_insn, disas_thumb_insn)
  protected decodeArm(insn: number): boolean {
    return disasA32(this, insn) || disasVfp(this.vfp, insn);
  }
  protected decodeArmUncond(insn: number): boolean {
    // disas_vfp_uncond and the Neon decoders have nothing for this CPU (no v8 VFP, no Neon).
    return disasA32Uncond(this, insn);
  }
  protected decodeThumb32(insn: number): boolean {
    return disasT32(this, insn) || (insn >>> 28 === 0xe && disasVfp(this.vfp, insn));
  }
  protected decodeThumb16(insn: number): boolean {
    return disasT16(this, insn);
  }

  // ================================================================ shifts

  /** gen_arm_shift_im: v shifted by an immediate, with the shifter carry into CF when `flags`. */
  private shiftIm(v: Temp, op: number, shift: number, flags: boolean, into?: Temp): Temp {
    const b = this.b,
      cf = this.g.cf;
    // `into`: where a shifted value is computed (a MOV's destination register), instead of a temp.
    const out = () => into ?? this.temp();
    switch (op) {
      case 0: {
        // LSL
        if (shift === 0) return v;
        if (flags) b.gen_extract(I32, cf, v, 32 - shift, 1);
        const t = out();
        b.gen_shli_i32(t, v, shift);
        return t;
      }
      case 1: {
        // LSR (#0 means #32)
        if (shift === 0) {
          if (flags) b.gen_shri_i32(cf, v, 31);
          return this.konst(0);
        }
        if (flags) b.gen_extract(I32, cf, v, shift - 1, 1);
        const t = out();
        b.gen_shri_i32(t, v, shift);
        return t;
      }
      case 2: {
        // ASR (#0 means #32)
        if (shift === 0) shift = 32;
        if (flags) b.gen_extract(I32, cf, v, shift - 1, 1);
        const t = out();
        b.gen_sari_i32(t, v, shift === 32 ? 31 : shift);
        return t;
      }
      default: {
        const t = out();
        if (shift !== 0) {
          // ROR
          if (flags) b.gen_extract(I32, cf, v, shift - 1, 1);
          b.binaryi(Opc.rotr, I32, t, v, shift);
          return t;
        }
        // RRX: C into bit 31
        const c = this.temp();
        b.gen_shli_i32(c, cf, 31);
        if (flags) b.gen_extract(I32, cf, v, 0, 1);
        b.gen_shri_i32(t, v, 1);
        b.gen_or_i32(t, t, c);
        return t;
      }
    }
  }

  /** gen_arm_shift_reg: v shifted by the bottom byte of register s (helpers set the carry). */
  private shiftReg(v: Temp, op: number, s: Temp, flags: boolean): Temp {
    const b = this.b;
    const t = this.temp();
    if (flags) {
      this.call(["shl_cc", "shr_cc", "sar_cc", "ror_cc"][op]!, t, [v, s]);
      return t;
    }
    switch (op) {
      case 0:
      case 1: {
        // gen_shl / gen_shr: counts of 32..255 give 0
        const c = this.temp(),
          r = this.temp();
        b.gen_andi_i32(c, s, 0x1f);
        b.binary(op === 0 ? Opc.shl : Opc.shr, I32, r, v, c);
        const hi = this.temp();
        b.gen_andi_i32(hi, s, 0xe0);
        b.gen_movcond(I32, Cond.NE, t, hi, this.konst(0), this.konst(0), r);
        return t;
      }
      case 2: {
        // gen_sar: the count saturates at 31
        const c = this.temp();
        b.gen_andi_i32(c, s, 0xff);
        b.gen_movcond(I32, Cond.GTU, c, c, this.konst(31), this.konst(31), c);
        b.binary(Opc.sar, I32, t, v, c);
        return t;
      }
      default: {
        const c = this.temp();
        b.gen_andi_i32(c, s, 0x1f);
        b.binary(Opc.rotr, I32, t, v, c);
        return t;
      }
    }
  }

  // ================================================================ data-processing generators

  private readonly gAnd: Gen3 = (d, a, b) => this.b.gen_and_i32(d, a, b);
  private readonly gEor: Gen3 = (d, a, b) => this.b.gen_xor_i32(d, a, b);
  private readonly gOrr: Gen3 = (d, a, b) => this.b.gen_or_i32(d, a, b);
  private readonly gBic: Gen3 = (d, a, b) => this.b.binary(Opc.andc, I32, d, a, b);
  private readonly gOrn: Gen3 = (d, a, b) => this.b.binary(Opc.orc, I32, d, a, b);
  private readonly gAdd: Gen3 = (d, a, b) => this.b.gen_add_i32(d, a, b);
  private readonly gSub: Gen3 = (d, a, b) => this.b.gen_sub_i32(d, a, b);
  private readonly gRsb: Gen3 = (d, a, b) => this.b.gen_sub_i32(d, b, a);
  private readonly gMov: Gen2 = (d, a) => this.b.gen_mov_i32(d, a);
  private readonly gMvn: Gen2 = (d, a) => this.b.unary(Opc.not, I32, d, a);

  /** gen_add_carry: d = a + b + C. */
  private readonly gAdc: Gen3 = (d, a, b) => {
    const t = this.temp();
    this.b.gen_add_i32(t, a, b);
    this.b.gen_add_i32(d, t, this.g.cf);
  };
  /** gen_sub_carry: d = a - b + C - 1. */
  private readonly gSbc: Gen3 = (d, a, b) => {
    const t = this.temp();
    this.b.gen_sub_i32(t, a, b);
    this.b.gen_add_i32(t, t, this.g.cf);
    this.b.gen_subi_i32(d, t, 1);
  };
  private readonly gRsc: Gen3 = (d, a, b) => this.gSbc(d, b, a);

  /** The value of an i32 constant temp (an immediate operand), or undefined. */
  private constOf(t: Temp): number | undefined {
    const c = this.b.ctx;
    return c.isConst(t) ? Number(c.constValue(t)) | 0 : undefined;
  }

  /**
   * VF (V in bit 31) of r = a + b when b is a constant: one op instead of QEMU's three. Adding a
   * positive constant overflows only from a >= 0 to r < 0, a negative one only from a < 0 to r >= 0,
   * zero never. `sign` is the sign of the constant added (for a - b, the opposite of b's).
   */
  private addConstVf(a: Temp, sign: number): void {
    const g = this.g;
    if (sign === 0) this.b.gen_movi_i32(g.vf, 0);
    else if (sign > 0) this.b.binary(Opc.andc, I32, g.vf, g.nf, a);
    else this.b.binary(Opc.andc, I32, g.vf, a, g.nf);
  }

  /** gen_add_CC: d = a + b with NZCV. */
  private readonly gAddCC: Gen3 = (d, a, b) => {
    const bb = this.b,
      g = this.g;
    const zero = this.konst(0);
    bb.gen_add2_i32(g.nf, g.cf, a, zero, b, zero);
    bb.gen_mov_i32(g.zf, g.nf);
    const bv = this.constOf(b);
    if (bv !== undefined) this.addConstVf(a, Math.sign(bv));
    else {
      bb.gen_xor_i32(g.vf, g.nf, a);
      const t = this.temp();
      bb.gen_xor_i32(t, a, b);
      bb.binary(Opc.andc, I32, g.vf, g.vf, t);
    }
    bb.gen_mov_i32(d, g.nf);
  };
  /** gen_adc_CC: d = a + b + C with NZCV. */
  private readonly gAdcCC: Gen3 = (d, a, b) => {
    const bb = this.b,
      g = this.g;
    const zero = this.konst(0);
    bb.gen_add2_i32(g.nf, g.cf, a, zero, g.cf, zero);
    bb.gen_add2_i32(g.nf, g.cf, g.nf, g.cf, b, zero);
    bb.gen_mov_i32(g.zf, g.nf);
    bb.gen_xor_i32(g.vf, g.nf, a);
    const t = this.temp();
    bb.gen_xor_i32(t, a, b);
    bb.binary(Opc.andc, I32, g.vf, g.vf, t);
    bb.gen_mov_i32(d, g.nf);
  };
  /** gen_sub_CC: d = a - b with NZCV. */
  private readonly gSubCC: Gen3 = (d, a, b) => {
    const bb = this.b,
      g = this.g;
    bb.gen_sub_i32(g.nf, a, b);
    bb.gen_mov_i32(g.zf, g.nf);
    bb.gen_setcond(I32, Cond.GEU, g.cf, a, b);
    const bv = this.constOf(b);
    // a - b overflows as a + (-b) would, INT_MIN included: a - INT_MIN overflows exactly when a >= 0.
    if (bv !== undefined) this.addConstVf(a, bv === 0 ? 0 : bv > 0 ? -1 : 1);
    else {
      bb.gen_xor_i32(g.vf, g.nf, a);
      const t = this.temp();
      bb.gen_xor_i32(t, a, b);
      bb.gen_and_i32(g.vf, g.vf, t);
    }
    bb.gen_mov_i32(d, g.nf);
  };
  /** gen_sbc_CC: d = a + ~b + C with NZCV. */
  private readonly gSbcCC: Gen3 = (d, a, b) => {
    const t = this.temp();
    this.b.unary(Opc.not, I32, t, b);
    this.gAdcCC(d, a, t);
  };
  private readonly gRsbCC: Gen3 = (d, a, b) => this.gSubCC(d, b, a);
  private readonly gRscCC: Gen3 = (d, a, b) => this.gSbcCC(d, b, a);

  /** Writes a data-processing result: computes into rd's global (or a temp for pc/none), then stores. */
  private finish(rd: number, kind: Streg, logicCc: boolean, compute: (d: Temp) => void): boolean {
    if (kind === Streg.None) {
      const t = this.temp();
      compute(t);
      if (logicCc) this.logicCC(t);
      return true;
    }
    const d = this.dst(rd);
    compute(d);
    if (logicCc) this.logicCC(d);
    if (rd === 15) {
      // ALUWritePC: interworking only from A32
      if (this.thumb || kind !== Streg.Normal) this.storeReg(15, d);
      else this.storeRegBx(15, d);
    }
    return true;
  }

  private opRrrShi(a: A.ArgSRrrShi, gen: Gen3, logicCc: boolean, kind: Streg): boolean {
    const t2 = this.shiftIm(this.reg(a.rm), a.shty, a.shim, logicCc);
    const t1 = this.reg(a.rn);
    return this.finish(a.rd, kind, logicCc, (d) => gen(d, t1, t2));
  }
  private opRxrShi(a: A.ArgSRrrShi, gen: Gen2, logicCc: boolean, kind: Streg): boolean {
    if (gen === this.gMov && a.rd !== 15 && kind === Streg.Normal) {
      // MOV/LSL/LSR/ASR/ROR by an immediate: shift straight into rd (no temp and copy).
      const d = this.g.r[a.rd];
      const t = this.shiftIm(this.reg(a.rm), a.shty, a.shim, logicCc, d);
      if (t !== d) this.b.gen_mov_i32(d, t);
      if (logicCc) this.logicCC(d);
      return true;
    }
    const t = this.shiftIm(this.reg(a.rm), a.shty, a.shim, logicCc);
    return this.finish(a.rd, kind, logicCc, (d) => gen(d, t));
  }
  private opRrrShr(a: A.ArgSRrrShr, gen: Gen3, logicCc: boolean, kind: Streg): boolean {
    const t2 = this.shiftReg(this.reg(a.rm), a.shty, this.reg(a.rs), logicCc);
    const t1 = this.reg(a.rn);
    return this.finish(a.rd, kind, logicCc, (d) => gen(d, t1, t2));
  }
  private opRxrShr(a: A.ArgSRrrShr, gen: Gen2, logicCc: boolean, kind: Streg): boolean {
    const t = this.shiftReg(this.reg(a.rm), a.shty, this.reg(a.rs), logicCc);
    return this.finish(a.rd, kind, logicCc, (d) => gen(d, t));
  }
  /** op_s_rri_rot: the immediate is rotated here so that a logical op's C comes from its bit 31. */
  private opRriRot(a: A.ArgSRriRot, gen: Gen3, logicCc: boolean, kind: Streg): boolean {
    const imm = ror32(a.imm, a.rot);
    if (logicCc && a.rot) this.b.gen_movi_i32(this.g.cf, imm >>> 31);
    const t1 = this.reg(a.rn);
    return this.finish(a.rd, kind, logicCc, (d) => gen(d, t1, this.konst(imm)));
  }
  private opRxiRot(a: A.ArgSRriRot, gen: Gen2, logicCc: boolean, kind: Streg): boolean {
    const imm = ror32(a.imm, a.rot);
    if (logicCc && a.rot) this.b.gen_movi_i32(this.g.cf, imm >>> 31);
    return this.finish(a.rd, kind, logicCc, (d) => gen(d, this.konst(imm)));
  }

  // DO_ANY3 / DO_ANY2 / DO_CMP2
  trans_AND_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gAnd, a.s !== 0, Streg.Normal);
  trans_AND_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gAnd, a.s !== 0, Streg.Normal);
  trans_AND_rri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gAnd, a.s !== 0, Streg.Normal);
  trans_EOR_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gEor, a.s !== 0, Streg.Normal);
  trans_EOR_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gEor, a.s !== 0, Streg.Normal);
  trans_EOR_rri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gEor, a.s !== 0, Streg.Normal);
  trans_ORR_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gOrr, a.s !== 0, Streg.Normal);
  trans_ORR_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gOrr, a.s !== 0, Streg.Normal);
  trans_ORR_rri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gOrr, a.s !== 0, Streg.Normal);
  trans_BIC_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gBic, a.s !== 0, Streg.Normal);
  trans_BIC_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gBic, a.s !== 0, Streg.Normal);
  trans_BIC_rri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gBic, a.s !== 0, Streg.Normal);
  trans_RSB_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, a.s ? this.gRsbCC : this.gRsb, false, Streg.Normal);
  trans_RSB_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, a.s ? this.gRsbCC : this.gRsb, false, Streg.Normal);
  trans_RSB_rri = (a: A.ArgSRriRot) => this.opRriRot(a, a.s ? this.gRsbCC : this.gRsb, false, Streg.Normal);
  trans_ADC_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, a.s ? this.gAdcCC : this.gAdc, false, Streg.Normal);
  trans_ADC_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, a.s ? this.gAdcCC : this.gAdc, false, Streg.Normal);
  trans_ADC_rri = (a: A.ArgSRriRot) => this.opRriRot(a, a.s ? this.gAdcCC : this.gAdc, false, Streg.Normal);
  trans_SBC_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, a.s ? this.gSbcCC : this.gSbc, false, Streg.Normal);
  trans_SBC_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, a.s ? this.gSbcCC : this.gSbc, false, Streg.Normal);
  trans_SBC_rri = (a: A.ArgSRriRot) => this.opRriRot(a, a.s ? this.gSbcCC : this.gSbc, false, Streg.Normal);
  trans_RSC_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, a.s ? this.gRscCC : this.gRsc, false, Streg.Normal);
  trans_RSC_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, a.s ? this.gRscCC : this.gRsc, false, Streg.Normal);
  trans_RSC_rri = (a: A.ArgSRriRot) => this.opRriRot(a, a.s ? this.gRscCC : this.gRsc, false, Streg.Normal);
  trans_TST_xrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gAnd, true, Streg.None);
  trans_TST_xrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gAnd, true, Streg.None);
  trans_TST_xri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gAnd, true, Streg.None);
  trans_TEQ_xrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gEor, true, Streg.None);
  trans_TEQ_xrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gEor, true, Streg.None);
  trans_TEQ_xri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gEor, true, Streg.None);
  trans_CMN_xrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gAddCC, false, Streg.None);
  trans_CMN_xrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gAddCC, false, Streg.None);
  trans_CMN_xri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gAddCC, false, Streg.None);
  trans_CMP_xrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gSubCC, false, Streg.None);
  trans_CMP_xrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, this.gSubCC, false, Streg.None);
  trans_CMP_xri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gSubCC, false, Streg.None);
  private addKind(a: { rd: number; rn: number }): Streg {
    return a.rd === 13 && a.rn === 13 ? Streg.SpCheck : Streg.Normal;
  }
  trans_ADD_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, a.s ? this.gAddCC : this.gAdd, false, this.addKind(a));
  trans_ADD_rrrr = (a: A.ArgSRrrShr) => this.opRrrShr(a, a.s ? this.gAddCC : this.gAdd, false, this.addKind(a));
  trans_ADD_rri = (a: A.ArgSRriRot) => this.opRriRot(a, a.s ? this.gAddCC : this.gAdd, false, this.addKind(a));
  /** SUBS pc / MOVS pc (exception return) are UNPREDICTABLE in user mode: QEMU UNDEFs. */
  private excReturnUndef(a: { rd: number; s: number }): boolean {
    if (a.rd === 15 && a.s) {
      // System mode's exception return (STREG_EXC_RET) comes with the privileged CPU.
      this.unallocatedEncoding();
      return true;
    }
    return false;
  }
  trans_SUB_rrri = (a: A.ArgSRrrShi) => this.excReturnUndef(a) || this.opRrrShi(a, a.s ? this.gSubCC : this.gSub, false, this.addKind(a));
  trans_SUB_rrrr = (a: A.ArgSRrrShr) => this.excReturnUndef(a) || this.opRrrShr(a, a.s ? this.gSubCC : this.gSub, false, this.addKind(a));
  trans_SUB_rri = (a: A.ArgSRriRot) => this.excReturnUndef(a) || this.opRriRot(a, a.s ? this.gSubCC : this.gSub, false, this.addKind(a));
  private movKind(a: { rd: number }): Streg {
    return a.rd === 13 ? Streg.SpCheck : Streg.Normal;
  }
  trans_MOV_rxri = (a: A.ArgSRrrShi) => this.excReturnUndef(a) || this.opRxrShi(a, this.gMov, a.s !== 0, this.movKind(a));
  trans_MOV_rxrr = (a: A.ArgSRrrShr) => this.excReturnUndef(a) || this.opRxrShr(a, this.gMov, a.s !== 0, this.movKind(a));
  trans_MOV_rxi = (a: A.ArgSRriRot) => this.excReturnUndef(a) || this.opRxiRot(a, this.gMov, a.s !== 0, this.movKind(a));
  trans_MVN_rxri = (a: A.ArgSRrrShi) => this.opRxrShi(a, this.gMvn, a.s !== 0, Streg.Normal);
  trans_MVN_rxrr = (a: A.ArgSRrrShr) => this.opRxrShr(a, this.gMvn, a.s !== 0, Streg.Normal);
  trans_MVN_rxi = (a: A.ArgSRriRot) => this.opRxiRot(a, this.gMvn, a.s !== 0, Streg.Normal);
  trans_ORN_rrri = (a: A.ArgSRrrShi) => this.opRrrShi(a, this.gOrn, a.s !== 0, Streg.Normal);
  trans_ORN_rri = (a: A.ArgSRriRot) => this.opRriRot(a, this.gOrn, a.s !== 0, Streg.Normal);

  trans_ADR(a: A.ArgRi): boolean {
    this.storeRegBx(a.rd, this.regForLit(15, a.imm));
    return true;
  }
  trans_MOVW(a: A.ArgRi): boolean {
    this.storeReg(a.rd, this.konst(a.imm));
    return true;
  }
  trans_MOVT(a: A.ArgRi): boolean {
    const b = this.b;
    const t = this.temp();
    b.gen_ext16u(I32, t, this.reg(a.rd));
    b.gen_ori_i32(a.rd === 15 ? t : this.g.r[a.rd], t, a.imm << 16);
    if (a.rd === 15) this.storeReg(15, t);
    return true;
  }

  // ================================================================ multiply

  private opMla(a: A.ArgSRrrr, add: boolean): boolean {
    const b = this.b;
    const d = this.dst(a.rd);
    if (add) {
      const t = this.temp();
      b.gen_mul_i32(t, this.reg(a.rn), this.reg(a.rm));
      b.gen_add_i32(d, t, this.reg(a.ra));
    } else b.gen_mul_i32(d, this.reg(a.rn), this.reg(a.rm));
    if (a.s) this.logicCC(d);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_MUL = (a: A.ArgSRrrr) => this.opMla(a, false);
  trans_MLA = (a: A.ArgSRrrr) => this.opMla(a, true);
  trans_MLS(a: A.ArgRrrr): boolean {
    const b = this.b;
    const t = this.temp();
    b.gen_mul_i32(t, this.reg(a.rn), this.reg(a.rm));
    const d = this.dst(a.rd);
    b.gen_sub_i32(d, this.reg(a.ra), t);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }

  /** Stores (lo, hi) to ra and rd as QEMU does (ra first: rd wins when they are the same). */
  private storePair(ra: number, rd: number, lo: Temp, hi: Temp): void {
    this.storeReg(ra, lo);
    this.storeReg(rd, hi);
  }

  private opMlal(a: A.ArgSRrrr, uns: boolean, add: boolean): boolean {
    const b = this.b,
      g = this.g;
    const lo = this.temp(),
      hi = this.temp();
    if (uns) b.gen_mulu2(I32, lo, hi, this.reg(a.rm), this.reg(a.rn));
    else b.gen_muls2(I32, lo, hi, this.reg(a.rm), this.reg(a.rn));
    if (add) b.gen_add2_i32(lo, hi, lo, hi, this.reg(a.ra), this.reg(a.rd));
    if (a.s) {
      b.gen_mov_i32(g.nf, hi);
      b.gen_or_i32(g.zf, lo, hi);
    }
    this.storePair(a.ra, a.rd, lo, hi);
    return true;
  }
  trans_UMULL = (a: A.ArgSRrrr) => this.opMlal(a, true, false);
  trans_SMULL = (a: A.ArgSRrrr) => this.opMlal(a, false, false);
  trans_UMLAL = (a: A.ArgSRrrr) => this.opMlal(a, true, true);
  trans_SMLAL = (a: A.ArgSRrrr) => this.opMlal(a, false, true);
  trans_UMAAL(a: A.ArgRrrr): boolean {
    const b = this.b;
    const lo = this.temp(),
      hi = this.temp();
    const zero = this.konst(0);
    b.gen_mulu2(I32, lo, hi, this.reg(a.rm), this.reg(a.rn));
    b.gen_add2_i32(lo, hi, lo, hi, this.reg(a.ra), zero);
    b.gen_add2_i32(lo, hi, lo, hi, this.reg(a.rd), zero);
    this.storePair(a.ra, a.rd, lo, hi);
    return true;
  }

  // ---- saturating addition and subtraction
  private opQaddsub(a: A.ArgRrr, add: boolean, doub: boolean): boolean {
    let t1 = this.reg(a.rn);
    if (doub) {
      const t = this.temp();
      this.call("add_saturate", t, [t1, t1]);
      t1 = t;
    }
    const d = this.dst(a.rd);
    this.call(add ? "add_saturate" : "sub_saturate", d, [this.reg(a.rm), t1]);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_QADD = (a: A.ArgRrr) => this.opQaddsub(a, true, false);
  trans_QSUB = (a: A.ArgRrr) => this.opQaddsub(a, false, false);
  trans_QDADD = (a: A.ArgRrr) => this.opQaddsub(a, true, true);
  trans_QDSUB = (a: A.ArgRrr) => this.opQaddsub(a, false, true);

  // ---- halfword multiply and multiply accumulate
  /** gen_mulxy: the signed product of the selected halves. */
  private mulxy(n: Temp, m: Temp, x: boolean, y: boolean): Temp {
    const b = this.b;
    const t0 = this.temp(),
      t1 = this.temp();
    if (x) b.gen_sari_i32(t0, n, 16);
    else b.gen_ext16s(I32, t0, n);
    if (y) b.gen_sari_i32(t1, m, 16);
    else b.gen_ext16s(I32, t1, m);
    b.gen_mul_i32(t0, t0, t1);
    return t0;
  }
  private opSmlaxxx(a: A.ArgRrrr, addLong: 0 | 1 | 2, nt: boolean, mt: boolean): boolean {
    const b = this.b;
    const p = this.mulxy(this.reg(a.rn), this.reg(a.rm), nt, mt);
    switch (addLong) {
      case 0:
        this.storeReg(a.rd, p);
        break;
      case 1: {
        const t = this.temp();
        this.call("add_setq", t, [p, this.reg(a.ra)]);
        this.storeReg(a.rd, t);
        break;
      }
      default: {
        const lo = this.temp(),
          hi = this.temp(),
          s = this.temp();
        b.gen_sari_i32(s, p, 31);
        b.gen_add2_i32(lo, hi, this.reg(a.ra), this.reg(a.rd), p, s);
        this.storePair(a.ra, a.rd, lo, hi);
      }
    }
    return true;
  }
  trans_SMULBB = (a: A.ArgRrrr) => this.opSmlaxxx(a, 0, false, false);
  trans_SMULBT = (a: A.ArgRrrr) => this.opSmlaxxx(a, 0, false, true);
  trans_SMULTB = (a: A.ArgRrrr) => this.opSmlaxxx(a, 0, true, false);
  trans_SMULTT = (a: A.ArgRrrr) => this.opSmlaxxx(a, 0, true, true);
  trans_SMLABB = (a: A.ArgRrrr) => this.opSmlaxxx(a, 1, false, false);
  trans_SMLABT = (a: A.ArgRrrr) => this.opSmlaxxx(a, 1, false, true);
  trans_SMLATB = (a: A.ArgRrrr) => this.opSmlaxxx(a, 1, true, false);
  trans_SMLATT = (a: A.ArgRrrr) => this.opSmlaxxx(a, 1, true, true);
  trans_SMLALBB = (a: A.ArgRrrr) => this.opSmlaxxx(a, 2, false, false);
  trans_SMLALBT = (a: A.ArgRrrr) => this.opSmlaxxx(a, 2, false, true);
  trans_SMLALTB = (a: A.ArgRrrr) => this.opSmlaxxx(a, 2, true, false);
  trans_SMLALTT = (a: A.ArgRrrr) => this.opSmlaxxx(a, 2, true, true);

  private opSmlawx(a: A.ArgRrrr, add: boolean, mt: boolean): boolean {
    const b = this.b;
    const m = this.temp();
    // The nominal result is product<47:16>: shift the 16-bit input up so it is product<63:32>.
    if (mt) b.gen_andi_i32(m, this.reg(a.rm), 0xffff0000);
    else b.gen_shli_i32(m, this.reg(a.rm), 16);
    const lo = this.temp(),
      hi = this.temp();
    b.gen_muls2(I32, lo, hi, this.reg(a.rn), m);
    if (add) this.call("add_setq", hi, [hi, this.reg(a.ra)]);
    this.storeReg(a.rd, hi);
    return true;
  }
  trans_SMULWB = (a: A.ArgRrrr) => this.opSmlawx(a, false, false);
  trans_SMULWT = (a: A.ArgRrrr) => this.opSmlawx(a, false, true);
  trans_SMLAWB = (a: A.ArgRrrr) => this.opSmlawx(a, true, false);
  trans_SMLAWT = (a: A.ArgRrrr) => this.opSmlawx(a, true, true);

  // ================================================================ hints, MSR, MRS

  /** YIELD, WFE, WFI: in user mode they only yield to the main loop (QEMU's helper_yield / wfi). */
  private yieldHint(): boolean {
    this.setPc(this.pcCurr + this.insnLen);
    this.isJmp = Dj.Yield;
    return true;
  }
  trans_YIELD = (_a: A.ArgEmpty) => this.yieldHint();
  trans_WFE = (_a: A.ArgEmpty) => this.yieldHint();
  trans_WFI = (_a: A.ArgEmpty) => this.yieldHint();
  /** No RAS on this CPU: ESB is a NOP. */
  trans_ESB = (_a: A.ArgEmpty) => true;
  trans_NOP = (_a: A.ArgEmpty) => true;

  /** msr_mask: the PSR bits an MSR with field mask `flags` may set. */
  private msrMask(flags: number, spsr: number): number {
    let mask = 0;
    if (flags & 1) mask |= 0xff;
    if (flags & 2) mask |= 0xff00;
    if (flags & 4) mask |= 0xff0000;
    if (flags & 8) mask |= 0xff000000;
    mask &= CPSR_VALID;
    if (!spsr) mask &= ~CPSR_EXEC;
    if (this.user) mask &= CPSR_USER;
    return mask;
  }
  /** gen_set_psr: false when not permitted (SPSR access in user mode). */
  private genSetPsr(mask: number, spsr: number, v: Temp): boolean {
    if (spsr) return false; // SPSRs do not exist in user mode (system mode: banked SPSR write)
    this.call("cpsr_write", null, [v, this.konst(mask)]);
    this.genLookupTb();
    return true;
  }
  trans_MSR_imm(a: A.ArgMsrI): boolean {
    const val = ror32(a.imm, a.rot * 2);
    const mask = this.msrMask(a.mask, a.r);
    if (!this.genSetPsr(mask, a.r, this.konst(val))) this.unallocatedEncoding();
    return true;
  }
  /** Banked-register MSR/MRS: UNDEFINED in user mode (msr_banked_access_decode). */
  trans_MRS_bank = (_a: A.ArgMrsBank) => (this.unallocatedEncoding(), true);
  trans_MSR_bank = (_a: A.ArgMsrBank) => (this.unallocatedEncoding(), true);
  trans_MRS_reg(a: A.ArgMrsReg): boolean {
    if (a.r) {
      // MRS SPSR: UNDEFINED in user mode
      this.unallocatedEncoding();
      return true;
    }
    const t = this.temp();
    this.call("cpsr_read", t, []);
    this.storeReg(a.rd, t);
    return true;
  }
  trans_MSR_reg(a: A.ArgMsrReg): boolean {
    const mask = this.msrMask(a.mask, a.r);
    if (!this.genSetPsr(mask, a.r, this.regCopy(a.rn))) this.unallocatedEncoding();
    return true;
  }

  // ================================================================ branches and misc

  trans_BX(a: A.ArgR): boolean {
    this.genBx(this.reg(a.rm));
    return true;
  }
  /** BXJ: this CPU has a trivial Jazelle (QEMU: "equivalent to bx"). */
  trans_BXJ(a: A.ArgR): boolean {
    this.genBx(this.reg(a.rm));
    return true;
  }
  trans_BLX_r(a: A.ArgR): boolean {
    const t = this.regCopy(a.rm);
    this.b.gen_movi_i32(this.g.r[14], (this.pcCurr + this.insnLen) | (this.thumb ? 1 : 0));
    this.genBx(t);
    return true;
  }
  trans_CLZ(a: A.ArgRr): boolean {
    const d = this.dst(a.rd);
    this.b.binary(Opc.clz, I32, d, this.reg(a.rm), this.konst(32));
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  /** ERET, HVC, SMC: UNDEFINED in user mode. */
  trans_ERET = (_a: A.ArgEmpty) => (this.unallocatedEncoding(), true);
  trans_HVC = (_a: A.ArgI) => (this.unallocatedEncoding(), true);
  trans_SMC = (_a: A.ArgI) => (this.unallocatedEncoding(), true);
  /** HLT: not semihosting here, and UNDEFINED before v8. */
  trans_HLT = (_a: A.ArgI) => (this.unallocatedEncoding(), true);
  trans_BKPT(_a: A.ArgI): boolean {
    this.genExceptionInsn(Excp.Bkpt);
    return true;
  }

  // ================================================================ load/store

  private get userMmuIdx(): number {
    // get_a32_user_mem_index: the PL0 index (the same one in Linux user mode)
    return 0;
  }

  /** op_addr_rr_pre: rn (+/-) the shifted rm when pre-indexed. */
  private addrRrPre(a: A.ArgLdstRr): Temp {
    const addr = this.regCopy(a.rn);
    if (a.p) {
      const ofs = this.shiftIm(this.reg(a.rm), a.shtype, a.shimm, false);
      if (a.u) this.b.gen_add_i32(addr, addr, ofs);
      else this.b.gen_sub_i32(addr, addr, ofs);
    }
    return addr;
  }
  /** op_addr_rr_post: post-index the address and write it back (or just write back). */
  private addrRrPost(a: A.ArgLdstRr, addr: Temp): void {
    if (!a.p) {
      const ofs = this.shiftIm(this.reg(a.rm), a.shtype, a.shimm, false);
      if (a.u) this.b.gen_add_i32(addr, addr, ofs);
      else this.b.gen_sub_i32(addr, addr, ofs);
    } else if (!a.w) return;
    this.storeReg(a.rn, addr);
  }
  private opLoadRr(a: A.ArgLdstRr, mop: number, mmu: number): boolean {
    const addr = this.addrRrPre(a);
    const t = this.temp();
    this.ld(t, addr, 0, this.memop(mop), mmu);
    // Base writeback first, so that a loaded value wins over an overlapping index register.
    this.addrRrPost(a, addr);
    this.storeRegFromLoad(a.rt, t);
    return true;
  }
  private opStoreRr(a: A.ArgLdstRr, mop: number, mmu: number): boolean {
    // In Thumb encodings of stores Rn == 1111 is UNDEFINED
    if (this.thumb && a.rn === 15) return false;
    const addr = this.addrRrPre(a);
    this.st(this.reg(a.rt), addr, 0, this.memop(mop), mmu);
    this.addrRrPost(a, addr);
    return true;
  }

  /** The immediate offset, negated for U == 0. */
  private static ofs(a: { u: number; imm: number }): number {
    return a.u ? a.imm : -a.imm;
  }
  /** A base temp and constant offset for [rn, #ofs] (the pc reads aligned: literal). */
  private baseOf(rn: number, ofs: number): [Temp, number] {
    if (rn === 15) return [this.k(0), ((this.pcRead() & ~3) + ofs) | 0];
    return [this.g.r[rn], ofs];
  }
  /** op_addr_ri_post: post-index and/or write back. */
  private addrRiPost(a: A.ArgLdstRi, addr: Temp): void {
    if (!a.p) this.b.gen_addi_i32(addr, addr, ArmTranslator.ofs(a));
    else if (!a.w) return;
    this.storeReg(a.rn, addr);
  }
  private opLoadRi(a: A.ArgLdstRi, mop: number, mmu: number): boolean {
    const ofs = ArmTranslator.ofs(a);
    const mo = this.memop(mop);
    if (a.p && !a.w) {
      // No writeback: load [rn + ofs] straight into rt (one bytecode op).
      const [base, off] = this.baseOf(a.rn, ofs);
      if (a.rt !== 15) {
        this.ld(this.g.r[a.rt], base, off, mo, mmu);
        return true;
      }
      const t = this.temp();
      this.ld(t, base, off, mo, mmu);
      this.storeRegFromLoad(15, t);
      return true;
    }
    if (a.rn !== 15 && a.rt !== 15 && a.rt !== a.rn) {
      // Writeback with distinct registers (ldr r6, [r4], #4 and pre-indexed forms): load straight
      // into rt, then step rn. Two bytecode ops instead of four; a faulting load writes neither.
      const rn = this.g.r[a.rn];
      this.ld(this.g.r[a.rt], rn, a.p ? ofs : 0, mo, mmu);
      this.b.gen_addi_i32(rn, rn, ofs);
      return true;
    }
    const addr = this.regForLit(a.rn, a.p ? ofs : 0);
    const t = this.temp();
    this.ld(t, addr, 0, mo, mmu);
    this.addrRiPost(a, addr);
    this.storeRegFromLoad(a.rt, t);
    return true;
  }
  private opStoreRi(a: A.ArgLdstRi, mop: number, mmu: number): boolean {
    if (this.thumb && a.rn === 15) return false;
    const ofs = ArmTranslator.ofs(a);
    const mo = this.memop(mop);
    if (a.p && !a.w) {
      const [base, off] = this.baseOf(a.rn, ofs);
      this.st(this.reg(a.rt), base, off, mo, mmu);
      return true;
    }
    if (a.rn !== 15) {
      // Writeback: store at rn (+ ofs when pre-indexed), then step rn (a faulting store leaves rn).
      const rn = this.g.r[a.rn];
      this.st(this.reg(a.rt), rn, a.p ? ofs : 0, mo, mmu);
      this.b.gen_addi_i32(rn, rn, ofs);
      return true;
    }
    const addr = this.regForLit(a.rn, a.p ? ofs : 0);
    this.st(this.reg(a.rt), addr, 0, mo, mmu);
    this.addrRiPost(a, addr);
    return true;
  }

  /** do_ldrd_load: one 64-bit access, 4-byte aligned; rt gets the word at the lower address. */
  private ldrdLoad(base: Temp, off: number, rt: number, rt2: number): void {
    const b = this.b;
    const t64 = this.temp64();
    this.ld(t64, base, off, MO_64 | MO_ALIGN_4 | this.beData);
    const lo = this.temp(),
      hi = this.temp();
    if (this.beData) {
      b.gen_extrl_i64_i32(hi, t64);
      b.gen_extrh_i64_i32(lo, t64);
    } else {
      b.gen_extrl_i64_i32(lo, t64);
      b.gen_extrh_i64_i32(hi, t64);
    }
    this.storeReg(rt, lo);
    this.storeReg(rt2, hi);
  }
  /** do_strd_store. */
  private strdStore(base: Temp, off: number, rt: number, rt2: number): void {
    const t64 = this.temp64();
    const lo = this.reg(rt),
      hi = this.reg(rt2);
    // concat(lo, hi): zero-extend lo, then deposit hi into the top word
    const l = this.temp64();
    this.b.gen_extu_i32_i64(l, this.beData ? hi : lo);
    const h = this.temp64();
    this.b.gen_extu_i32_i64(h, this.beData ? lo : hi);
    this.b.gen_deposit(I64, t64, l, h, 32, 32);
    this.st(t64, base, off, MO_64 | MO_ALIGN_4 | this.beData);
  }
  trans_LDRD_rr(a: A.ArgLdstRr): boolean {
    if (a.rt & 1) {
      this.unallocatedEncoding();
      return true;
    }
    const addr = this.addrRrPre(a);
    this.ldrdLoad(addr, 0, a.rt, a.rt + 1);
    this.addrRrPost(a, addr);
    return true;
  }
  trans_STRD_rr(a: A.ArgLdstRr): boolean {
    if (a.rt & 1) {
      this.unallocatedEncoding();
      return true;
    }
    const addr = this.addrRrPre(a);
    this.strdStore(addr, 0, a.rt, a.rt + 1);
    this.addrRrPost(a, addr);
    return true;
  }
  private opLdrdRi(a: A.ArgLdstRi, rt2: number): boolean {
    const ofs = ArmTranslator.ofs(a);
    if (a.p && !a.w) {
      const [base, off] = this.baseOf(a.rn, ofs);
      this.ldrdLoad(base, off, a.rt, rt2);
      return true;
    }
    const addr = this.regForLit(a.rn, a.p ? ofs : 0);
    this.ldrdLoad(addr, 0, a.rt, rt2);
    this.addrRiPost(a, addr);
    return true;
  }
  private opStrdRi(a: A.ArgLdstRi, rt2: number): boolean {
    const ofs = ArmTranslator.ofs(a);
    if (a.p && !a.w) {
      const [base, off] = this.baseOf(a.rn, ofs);
      this.strdStore(base, off, a.rt, rt2);
      return true;
    }
    const addr = this.regForLit(a.rn, a.p ? ofs : 0);
    this.strdStore(addr, 0, a.rt, rt2);
    this.addrRiPost(a, addr);
    return true;
  }
  trans_LDRD_ri_a32 = (a: A.ArgLdstRi) => !(a.rt & 1) && this.opLdrdRi(a, a.rt + 1);
  trans_LDRD_ri_t32 = (a: ArgLdstRi2) => this.opLdrdRi(a, a.rt2);
  trans_STRD_ri_a32 = (a: A.ArgLdstRi) => !(a.rt & 1) && this.opStrdRi(a, a.rt + 1);
  trans_STRD_ri_t32 = (a: ArgLdstRi2) => this.opStrdRi(a, a.rt2);

  // DO_LDST
  trans_LDR_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_UL, this.mmuIdx);
  trans_LDRT_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_UL, this.userMmuIdx);
  trans_LDR_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_UL, this.mmuIdx);
  trans_LDRT_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_UL, this.userMmuIdx);
  trans_LDRB_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_UB, this.mmuIdx);
  trans_LDRBT_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_UB, this.userMmuIdx);
  trans_LDRB_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_UB, this.mmuIdx);
  trans_LDRBT_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_UB, this.userMmuIdx);
  trans_LDRH_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_UW, this.mmuIdx);
  trans_LDRHT_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_UW, this.userMmuIdx);
  trans_LDRH_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_UW, this.mmuIdx);
  trans_LDRHT_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_UW, this.userMmuIdx);
  trans_LDRSB_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_SB, this.mmuIdx);
  trans_LDRSBT_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_SB, this.userMmuIdx);
  trans_LDRSB_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_SB, this.mmuIdx);
  trans_LDRSBT_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_SB, this.userMmuIdx);
  trans_LDRSH_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_SW, this.mmuIdx);
  trans_LDRSHT_ri = (a: A.ArgLdstRi) => this.opLoadRi(a, MO_SW, this.userMmuIdx);
  trans_LDRSH_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_SW, this.mmuIdx);
  trans_LDRSHT_rr = (a: A.ArgLdstRr) => this.opLoadRr(a, MO_SW, this.userMmuIdx);
  trans_STR_ri = (a: A.ArgLdstRi) => this.opStoreRi(a, MO_UL, this.mmuIdx);
  trans_STRT_ri = (a: A.ArgLdstRi) => this.opStoreRi(a, MO_UL, this.userMmuIdx);
  trans_STR_rr = (a: A.ArgLdstRr) => this.opStoreRr(a, MO_UL, this.mmuIdx);
  trans_STRT_rr = (a: A.ArgLdstRr) => this.opStoreRr(a, MO_UL, this.userMmuIdx);
  trans_STRB_ri = (a: A.ArgLdstRi) => this.opStoreRi(a, MO_UB, this.mmuIdx);
  trans_STRBT_ri = (a: A.ArgLdstRi) => this.opStoreRi(a, MO_UB, this.userMmuIdx);
  trans_STRB_rr = (a: A.ArgLdstRr) => this.opStoreRr(a, MO_UB, this.mmuIdx);
  trans_STRBT_rr = (a: A.ArgLdstRr) => this.opStoreRr(a, MO_UB, this.userMmuIdx);
  trans_STRH_ri = (a: A.ArgLdstRi) => this.opStoreRi(a, MO_UW, this.mmuIdx);
  trans_STRHT_ri = (a: A.ArgLdstRi) => this.opStoreRi(a, MO_UW, this.userMmuIdx);
  trans_STRH_rr = (a: A.ArgLdstRr) => this.opStoreRr(a, MO_UW, this.mmuIdx);
  trans_STRHT_rr = (a: A.ArgLdstRr) => this.opStoreRr(a, MO_UW, this.userMmuIdx);

  // ---- synchronization primitives
  /** op_swp: an atomic exchange (a load with store permission, then the store). */
  private opSwp(a: A.ArgSwp, mop: number): boolean {
    const t = this.temp();
    const addr = this.reg(a.rn);
    const mo = mop | this.beData;
    this.ld(t, addr, 0, mo | MO_RMW);
    this.st(this.reg(a.rt2), addr, 0, mo);
    this.storeReg(a.rt, t);
    return true;
  }
  trans_SWP = (a: A.ArgSwp) => this.opSwp(a, MO_UL | MO_ALIGN);
  trans_SWPB = (a: A.ArgSwp) => this.opSwp(a, MO_UB);

  /** gen_load_exclusive. */
  private loadExclusive(rt: number, rt2: number, addr: Temp, size: number): void {
    const b = this.b,
      g = this.g;
    const mo = size | MO_ALIGN | this.beData;
    if (size === 3) {
      const t64 = this.temp64();
      this.ld(t64, addr, 0, mo);
      b.gen_mov_i64(g.exclVal, t64);
      const lo = this.temp(),
        hi = this.temp();
      if (this.beData) {
        b.gen_extrl_i64_i32(hi, t64);
        b.gen_extrh_i64_i32(lo, t64);
      } else {
        b.gen_extrl_i64_i32(lo, t64);
        b.gen_extrh_i64_i32(hi, t64);
      }
      this.storeReg(rt2, hi);
      this.storeReg(rt, lo);
    } else {
      const t = this.temp();
      this.ld(t, addr, 0, mo);
      b.gen_extu_i32_i64(g.exclVal, t);
      this.storeReg(rt, t);
    }
    b.gen_extu_i32_i64(g.exclAddr, addr);
  }

  /**
   * gen_store_exclusive: if the monitor holds this address and memory still holds the value LDREX
   * saw, store and rd = 0; else rd = 1. Single-threaded, so QEMU's non-atomic cmpxchg: it loads,
   * then stores either the new or the old value.
   */
  private storeExclusive(rd: number, rt: number, rt2: number, addr: Temp, size: number): void {
    const b = this.b,
      g = this.g;
    const fail = b.label_new(),
      done = b.label_new();
    const ext = this.temp64();
    b.gen_extu_i32_i64(ext, addr);
    b.gen_brcond(I64, Cond.NE, ext, g.exclAddr, fail);
    const mo = size | MO_ALIGN | this.beData;
    const res = this.temp();
    if (size === 3) {
      const n64 = this.temp64(),
        l = this.temp64(),
        h = this.temp64();
      b.gen_extu_i32_i64(l, this.reg(this.beData ? rt2 : rt));
      b.gen_extu_i32_i64(h, this.reg(this.beData ? rt : rt2));
      b.gen_deposit(I64, n64, l, h, 32, 32);
      const o64 = this.temp64(),
        w64 = this.temp64();
      this.ld(o64, addr, 0, mo);
      b.gen_movcond(I64, Cond.EQ, w64, o64, g.exclVal, n64, o64);
      this.st(w64, addr, 0, mo);
      const ne = this.temp64();
      b.gen_setcond(I64, Cond.NE, ne, o64, g.exclVal);
      b.gen_extrl_i64_i32(res, ne);
    } else {
      const cmp = this.temp(),
        old = this.temp(),
        w = this.temp();
      b.gen_extrl_i64_i32(cmp, g.exclVal);
      this.ld(old, addr, 0, mo);
      // tcg_gen_atomic_cmpxchg_i32 compares with the expected value cut to the access size, but
      // gen_store_exclusive's status compares with all 32 bits: after a wider LDREX, a STREXB/H
      // whose byte/halfword matches stores and still reports failure, as in QEMU.
      let cmpSized = cmp;
      if (size < 2) {
        cmpSized = this.temp();
        b.gen_andi_i32(cmpSized, cmp, size === 0 ? 0xff : 0xffff);
      }
      b.gen_movcond(I32, Cond.EQ, w, old, cmpSized, this.reg(rt), old);
      this.st(w, addr, 0, mo);
      b.gen_setcond(I32, Cond.NE, res, old, cmp);
    }
    b.gen_mov_i32(g.r[rd], res);
    b.gen_br(done);
    b.gen_set_label(fail);
    b.gen_movi_i32(g.r[rd], 1);
    b.gen_set_label(done);
    this.genClrex();
  }

  private opStrex(a: A.ArgStrex, size: number): boolean {
    const t = this.thumb;
    // We UNDEF for these UNPREDICTABLE cases (v7A rules).
    if (
      a.rd === 15 ||
      a.rn === 15 ||
      a.rt === 15 ||
      a.rd === a.rn ||
      a.rd === a.rt ||
      (t && (a.rd === 13 || a.rt === 13)) ||
      (size === 3 && (a.rt2 === 15 || a.rd === a.rt2 || (t && a.rt2 === 13)))
    ) {
      this.unallocatedEncoding();
      return true;
    }
    const addr = this.temp();
    this.b.gen_addi_i32(addr, this.reg(a.rn), a.imm);
    this.storeExclusive(a.rd, a.rt, a.rt2, addr, size);
    return true;
  }
  trans_STREX = (a: A.ArgStrex) => this.opStrex(a, MO_32);
  trans_STREXD_a32(a: A.ArgStrex): boolean {
    if (a.rt & 1) {
      this.unallocatedEncoding();
      return true;
    }
    return this.opStrex({ ...a, rt2: a.rt + 1 }, MO_64);
  }
  trans_STREXD_t32 = (a: A.ArgStrex) => this.opStrex(a, MO_64);
  trans_STREXB = (a: A.ArgStrex) => this.opStrex(a, MO_8);
  trans_STREXH = (a: A.ArgStrex) => this.opStrex(a, MO_16);

  private opLdrex(a: A.ArgLdrex, size: number): boolean {
    const t = this.thumb;
    if (a.rn === 15 || a.rt === 15 || (t && a.rt === 13) || (size === 3 && (a.rt2 === 15 || a.rt === a.rt2 || (t && a.rt2 === 13)))) {
      this.unallocatedEncoding();
      return true;
    }
    const addr = this.temp();
    this.b.gen_addi_i32(addr, this.reg(a.rn), a.imm);
    this.loadExclusive(a.rt, a.rt2, addr, size);
    return true;
  }
  trans_LDREX = (a: A.ArgLdrex) => this.opLdrex(a, MO_32);
  trans_LDREXD_a32(a: A.ArgLdrex): boolean {
    if (a.rt & 1) {
      this.unallocatedEncoding();
      return true;
    }
    return this.opLdrex({ ...a, rt2: a.rt + 1 }, MO_64);
  }
  trans_LDREXD_t32 = (a: A.ArgLdrex) => this.opLdrex(a, MO_64);
  trans_LDREXB = (a: A.ArgLdrex) => this.opLdrex(a, MO_8);
  trans_LDREXH = (a: A.ArgLdrex) => this.opLdrex(a, MO_16);

  // ================================================================ media instructions

  trans_USADA8(a: A.ArgRrrr): boolean {
    const t = this.temp();
    this.call("usad8", t, [this.reg(a.rn), this.reg(a.rm)]);
    if (a.ra !== 15) this.b.gen_add_i32(t, t, this.reg(a.ra));
    this.storeReg(a.rd, t);
    return true;
  }
  private opBfx(a: A.ArgBfx, u: boolean): boolean {
    const width = a.widthm1 + 1;
    const shift = a.lsb;
    if (shift + width > 32) {
      this.unallocatedEncoding();
      return true;
    }
    const d = this.dst(a.rd);
    if (u) this.b.gen_extract(I32, d, this.reg(a.rn), shift, width);
    else this.b.gen_sextract(I32, d, this.reg(a.rn), shift, width);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_SBFX = (a: A.ArgBfx) => this.opBfx(a, false);
  trans_UBFX = (a: A.ArgBfx) => this.opBfx(a, true);
  trans_BFCI(a: A.ArgBfi): boolean {
    const msb = a.msb,
      lsb = a.lsb;
    if (msb < lsb) {
      this.unallocatedEncoding();
      return true;
    }
    const width = msb + 1 - lsb;
    const tin = a.rn === 15 ? this.konst(0) : this.reg(a.rn);
    const d = this.dst(a.rd);
    this.b.gen_deposit(I32, d, this.reg(a.rd), tin, lsb, width);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_UDF(_a: A.ArgEmpty): boolean {
    this.unallocatedEncoding();
    return true;
  }

  // ---- parallel addition and subtraction (helpers; the s and u families set GE)
  private opParAddsub(a: A.ArgRrr, helper: string): boolean {
    const t = this.temp();
    this.call(helper, t, [this.reg(a.rn), this.reg(a.rm)]);
    this.storeReg(a.rd, t);
    return true;
  }
  trans_SADD16 = (a: A.ArgRrr) => this.opParAddsub(a, "sadd16");
  trans_SASX = (a: A.ArgRrr) => this.opParAddsub(a, "saddsubx");
  trans_SSAX = (a: A.ArgRrr) => this.opParAddsub(a, "ssubaddx");
  trans_SSUB16 = (a: A.ArgRrr) => this.opParAddsub(a, "ssub16");
  trans_SADD8 = (a: A.ArgRrr) => this.opParAddsub(a, "sadd8");
  trans_SSUB8 = (a: A.ArgRrr) => this.opParAddsub(a, "ssub8");
  trans_UADD16 = (a: A.ArgRrr) => this.opParAddsub(a, "uadd16");
  trans_UASX = (a: A.ArgRrr) => this.opParAddsub(a, "uaddsubx");
  trans_USAX = (a: A.ArgRrr) => this.opParAddsub(a, "usubaddx");
  trans_USUB16 = (a: A.ArgRrr) => this.opParAddsub(a, "usub16");
  trans_UADD8 = (a: A.ArgRrr) => this.opParAddsub(a, "uadd8");
  trans_USUB8 = (a: A.ArgRrr) => this.opParAddsub(a, "usub8");
  trans_QADD16 = (a: A.ArgRrr) => this.opParAddsub(a, "qadd16");
  trans_QASX = (a: A.ArgRrr) => this.opParAddsub(a, "qaddsubx");
  trans_QSAX = (a: A.ArgRrr) => this.opParAddsub(a, "qsubaddx");
  trans_QSUB16 = (a: A.ArgRrr) => this.opParAddsub(a, "qsub16");
  trans_QADD8 = (a: A.ArgRrr) => this.opParAddsub(a, "qadd8");
  trans_QSUB8 = (a: A.ArgRrr) => this.opParAddsub(a, "qsub8");
  trans_UQADD16 = (a: A.ArgRrr) => this.opParAddsub(a, "uqadd16");
  trans_UQASX = (a: A.ArgRrr) => this.opParAddsub(a, "uqaddsubx");
  trans_UQSAX = (a: A.ArgRrr) => this.opParAddsub(a, "uqsubaddx");
  trans_UQSUB16 = (a: A.ArgRrr) => this.opParAddsub(a, "uqsub16");
  trans_UQADD8 = (a: A.ArgRrr) => this.opParAddsub(a, "uqadd8");
  trans_UQSUB8 = (a: A.ArgRrr) => this.opParAddsub(a, "uqsub8");
  trans_SHADD16 = (a: A.ArgRrr) => this.opParAddsub(a, "shadd16");
  trans_SHASX = (a: A.ArgRrr) => this.opParAddsub(a, "shaddsubx");
  trans_SHSAX = (a: A.ArgRrr) => this.opParAddsub(a, "shsubaddx");
  trans_SHSUB16 = (a: A.ArgRrr) => this.opParAddsub(a, "shsub16");
  trans_SHADD8 = (a: A.ArgRrr) => this.opParAddsub(a, "shadd8");
  trans_SHSUB8 = (a: A.ArgRrr) => this.opParAddsub(a, "shsub8");
  trans_UHADD16 = (a: A.ArgRrr) => this.opParAddsub(a, "uhadd16");
  trans_UHASX = (a: A.ArgRrr) => this.opParAddsub(a, "uhaddsubx");
  trans_UHSAX = (a: A.ArgRrr) => this.opParAddsub(a, "uhsubaddx");
  trans_UHSUB16 = (a: A.ArgRrr) => this.opParAddsub(a, "uhsub16");
  trans_UHADD8 = (a: A.ArgRrr) => this.opParAddsub(a, "uhadd8");
  trans_UHSUB8 = (a: A.ArgRrr) => this.opParAddsub(a, "uhsub8");

  // ---- packing, unpacking, saturation, reversal
  trans_PKH(a: A.ArgPkh): boolean {
    const b = this.b;
    let shift = a.imm;
    const tm = this.temp();
    const d = this.dst(a.rd);
    if (a.tb) {
      // PKHTB
      if (shift === 0) shift = 31;
      b.gen_sari_i32(tm, this.reg(a.rm), shift);
      b.gen_deposit(I32, d, this.reg(a.rn), tm, 0, 16);
    } else {
      // PKHBT
      b.gen_shli_i32(tm, this.reg(a.rm), shift);
      b.gen_deposit(I32, d, tm, this.reg(a.rn), 0, 16);
    }
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  private opSat(a: A.ArgSat, helper: string): boolean {
    const b = this.b;
    const shift = a.imm;
    const t = this.temp();
    if (a.sh) b.gen_sari_i32(t, this.reg(a.rn), shift ? shift : 31);
    else b.gen_shli_i32(t, this.reg(a.rn), shift);
    this.call(helper, t, [t, this.k(a.satimm)]);
    this.storeReg(a.rd, t);
    return true;
  }
  trans_SSAT = (a: A.ArgSat) => this.opSat(a, "ssat");
  trans_USAT = (a: A.ArgSat) => this.opSat(a, "usat");
  trans_SSAT16 = (a: A.ArgSat) => this.opSat(a, "ssat16");
  trans_USAT16 = (a: A.ArgSat) => this.opSat(a, "usat16");

  /** op_xta: extend a rotated byte/halfword (an extract when the field does not wrap), add rn. */
  private opXta(a: A.ArgRrrRot, kind: "sb" | "sh" | "ub" | "uh" | "sb16" | "ub16"): boolean {
    const b = this.b;
    const rot = a.rot * 8;
    const rm = this.reg(a.rm);
    const t = this.temp();
    const width = kind === "sb" || kind === "ub" ? 8 : 16;
    if (kind === "sb16" || kind === "ub16") {
      let r = rm;
      if (rot) {
        r = this.temp();
        b.binaryi(Opc.rotr, I32, r, rm, rot);
      }
      if (kind === "ub16") b.gen_andi_i32(t, r, 0x00ff00ff);
      else this.call("sxtb16", t, [r]);
    } else if (rot + width <= 32) {
      if (kind[0] === "s") b.gen_sextract(I32, t, rm, rot, width);
      else b.gen_extract(I32, t, rm, rot, width);
    } else {
      const r = this.temp();
      b.binaryi(Opc.rotr, I32, r, rm, rot);
      if (kind[0] === "s") b.gen_sextract(I32, t, r, 0, width);
      else b.gen_extract(I32, t, r, 0, width);
    }
    if (a.rn !== 15) {
      if (kind === "sb16" || kind === "ub16") this.add16(t, t, this.reg(a.rn));
      else b.gen_add_i32(t, t, this.reg(a.rn));
    }
    this.storeReg(a.rd, t);
    return true;
  }
  /** gen_add16: two independent 16-bit additions. */
  private add16(d: Temp, x: Temp, y: Temp): void {
    const b = this.b;
    const t = this.temp(),
      x1 = this.temp(),
      y1 = this.temp();
    b.gen_xor_i32(t, x, y);
    b.gen_andi_i32(t, t, 0x8000);
    b.gen_andi_i32(x1, x, ~0x8000);
    b.gen_andi_i32(y1, y, ~0x8000);
    b.gen_add_i32(x1, x1, y1);
    b.gen_xor_i32(d, x1, t);
  }
  trans_SXTAB = (a: A.ArgRrrRot) => this.opXta(a, "sb");
  trans_SXTAH = (a: A.ArgRrrRot) => this.opXta(a, "sh");
  trans_SXTAB16 = (a: A.ArgRrrRot) => this.opXta(a, "sb16");
  trans_UXTAB = (a: A.ArgRrrRot) => this.opXta(a, "ub");
  trans_UXTAH = (a: A.ArgRrrRot) => this.opXta(a, "uh");
  trans_UXTAB16 = (a: A.ArgRrrRot) => this.opXta(a, "ub16");

  trans_SEL(a: A.ArgRrr): boolean {
    const t = this.temp();
    this.call("sel_flags", t, [this.g.ge, this.reg(a.rn), this.reg(a.rm)]);
    this.storeReg(a.rd, t);
    return true;
  }
  trans_REV(a: A.ArgRr): boolean {
    const d = this.dst(a.rd);
    this.b.gen_bswap32(I32, d, this.reg(a.rm), 0);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_REV16(a: A.ArgRr): boolean {
    // Each halfword byte-swapped: bswap32 then rotate by 16.
    const t = this.temp();
    this.b.gen_bswap32(I32, t, this.reg(a.rm), 0);
    const d = this.dst(a.rd);
    this.b.binaryi(Opc.rotr, I32, d, t, 16);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_REVSH(a: A.ArgRr): boolean {
    const d = this.dst(a.rd);
    this.b.gen_bswap16(I32, d, this.reg(a.rm), 4 /* sign-extend the result */);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_RBIT(a: A.ArgRr): boolean {
    const t = this.temp();
    this.call("rbit", t, [this.reg(a.rm)]);
    this.storeReg(a.rd, t);
    return true;
  }

  // ---- signed multiply, divide
  /** gen_smul_dual: [lo product, hi product] of the signed halves. */
  private smulDual(n: Temp, m: Temp): [Temp, Temp] {
    const b = this.b;
    const a0 = this.temp(),
      b0 = this.temp(),
      a1 = this.temp(),
      b1 = this.temp();
    b.gen_ext16s(I32, a0, n);
    b.gen_ext16s(I32, b0, m);
    b.gen_mul_i32(a0, a0, b0);
    b.gen_sari_i32(a1, n, 16);
    b.gen_sari_i32(b1, m, 16);
    b.gen_mul_i32(b1, b1, a1);
    return [a0, b1];
  }
  private swappedRm(a: A.ArgRrrr, swap: boolean): Temp {
    if (!swap) return this.reg(a.rm);
    const t = this.temp();
    this.b.binaryi(Opc.rotr, I32, t, this.reg(a.rm), 16);
    return t;
  }
  private opSmlad(a: A.ArgRrrr, mSwap: boolean, sub: boolean): boolean {
    const b = this.b,
      g = this.g;
    const [p1, p2] = this.smulDual(this.reg(a.rn), this.swappedRm(a, mSwap));
    let r = this.temp();
    if (sub) {
      // cannot overflow: a plain subtraction, then a Q-setting addition of ra
      b.gen_sub_i32(r, p1, p2);
      if (a.ra !== 15) this.call("add_setq", r, [r, this.reg(a.ra)]);
    } else if (a.ra === 15) {
      this.call("add_setq", r, [p1, p2]);
    } else {
      // Add the products and ra at 64 bits, then set Q if the sum does not fit in 32.
      const p64 = this.temp64(),
        q64 = this.temp64();
      b.gen_ext_i32_i64(p64, p1);
      b.gen_ext_i32_i64(q64, p2);
      b.gen_add_i64(p64, p64, q64);
      b.gen_ext_i32_i64(q64, this.reg(a.ra));
      b.gen_add_i64(p64, p64, q64);
      r = this.temp();
      const hi = this.temp(),
        s = this.temp();
      b.gen_extrl_i64_i32(r, p64);
      b.gen_extrh_i64_i32(hi, p64);
      b.gen_sari_i32(s, r, 31);
      b.gen_movcond(I32, Cond.NE, g.qf, hi, s, this.konst(1), g.qf);
    }
    this.storeReg(a.rd, r);
    return true;
  }
  trans_SMLAD = (a: A.ArgRrrr) => this.opSmlad(a, false, false);
  trans_SMLADX = (a: A.ArgRrrr) => this.opSmlad(a, true, false);
  trans_SMLSD = (a: A.ArgRrrr) => this.opSmlad(a, false, true);
  trans_SMLSDX = (a: A.ArgRrrr) => this.opSmlad(a, true, true);

  private opSmlald(a: A.ArgRrrr, mSwap: boolean, sub: boolean): boolean {
    const b = this.b;
    const [p1, p2] = this.smulDual(this.reg(a.rn), this.swappedRm(a, mSwap));
    const l1 = this.temp64(),
      l2 = this.temp64();
    b.gen_ext_i32_i64(l1, p1);
    b.gen_ext_i32_i64(l2, p2);
    if (sub) b.gen_sub_i64(l1, l1, l2);
    else b.gen_add_i64(l1, l1, l2);
    // gen_addq: + (rd:ra)
    const acc = this.temp64(),
      hi64 = this.temp64();
    b.gen_extu_i32_i64(acc, this.reg(a.ra));
    b.gen_extu_i32_i64(hi64, this.reg(a.rd));
    b.gen_deposit(I64, acc, acc, hi64, 32, 32);
    b.gen_add_i64(l1, l1, acc);
    const lo = this.temp(),
      hi = this.temp();
    b.gen_extrl_i64_i32(lo, l1);
    b.gen_extrh_i64_i32(hi, l1);
    this.storePair(a.ra, a.rd, lo, hi);
    return true;
  }
  trans_SMLALD = (a: A.ArgRrrr) => this.opSmlald(a, false, false);
  trans_SMLALDX = (a: A.ArgRrrr) => this.opSmlald(a, true, false);
  trans_SMLSLD = (a: A.ArgRrrr) => this.opSmlald(a, false, true);
  trans_SMLSLDX = (a: A.ArgRrrr) => this.opSmlald(a, true, true);

  private opSmmla(a: A.ArgRrrr, round: boolean, sub: boolean): boolean {
    const b = this.b;
    const lo = this.temp(),
      hi = this.temp();
    b.gen_muls2(I32, lo, hi, this.reg(a.rn), this.reg(a.rm));
    if (a.ra !== 15) {
      if (sub) {
        // 64-bit (ra:0) - product: the borrow from a non-zero low part matters for rounding.
        b.gen_sub2_i32(lo, hi, this.konst(0), this.reg(a.ra), lo, hi);
      } else b.gen_add_i32(hi, hi, this.reg(a.ra));
    }
    if (round) {
      // Adding 0x80000000 to the 64-bit value carries into the high word when bit 31 is set.
      b.gen_shri_i32(lo, lo, 31);
      b.gen_add_i32(hi, hi, lo);
    }
    this.storeReg(a.rd, hi);
    return true;
  }
  trans_SMMLA = (a: A.ArgRrrr) => this.opSmmla(a, false, false);
  trans_SMMLAR = (a: A.ArgRrrr) => this.opSmmla(a, true, false);
  trans_SMMLS = (a: A.ArgRrrr) => this.opSmmla(a, false, true);
  trans_SMMLSR = (a: A.ArgRrrr) => this.opSmmla(a, true, true);

  /** op_div: a zero divisor gives 0 (no trap on A-profile); INT_MIN / -1 gives INT_MIN (the TCG op's). */
  private opDiv(a: A.ArgRrr, u: boolean): boolean {
    const b = this.b;
    const q = this.temp();
    const rm = this.reg(a.rm);
    b.binary(u ? Opc.divu : Opc.divs, I32, q, this.reg(a.rn), rm);
    const d = this.dst(a.rd);
    b.gen_movcond(I32, Cond.EQ, d, rm, this.konst(0), this.konst(0), q);
    if (a.rd === 15) this.storeReg(15, d);
    return true;
  }
  trans_SDIV = (a: A.ArgRrr) => this.opDiv(a, false);
  trans_UDIV = (a: A.ArgRrr) => this.opDiv(a, true);

  // ================================================================ block data transfer

  /** The offset of the lowest address from rn (op_addr_block_pre). */
  private static blockPre(a: A.ArgLdstBlock, n: number): number {
    if (a.b) return a.i ? 4 : -(n * 4);
    return !a.i && n !== 1 ? -((n - 1) * 4) : 0;
  }
  /** The writeback value's offset from rn (op_addr_block_post applied to blockPre's address). */
  private static blockFinal(a: A.ArgLdstBlock, n: number): number {
    return a.i ? n * 4 : -(n * 4);
  }
  private static popcount16(x: number): number {
    let n = 0;
    for (let i = 0; i < 16; i++) n += (x >>> i) & 1;
    return n;
  }

  private opStm(a: A.ArgLdstBlock): boolean {
    if (a.u) {
      // STM (user registers): only in privileged modes
      this.unallocatedEncoding();
      return true;
    }
    const list = a.list;
    const n = ArmTranslator.popcount16(list);
    if (n < 1 || a.rn === 15) {
      this.unallocatedEncoding();
      return true;
    }
    // Addresses are rn + constant offsets (the base is written back only after every store).
    const base = this.g.r[a.rn];
    const pre = ArmTranslator.blockPre(a, n);
    const mo = this.memop(MO_UL | MO_ALIGN);
    for (let i = 0, j = 0; i < 16; i++) {
      if (!(list & (1 << i))) continue;
      this.st(this.reg(i), base, pre + 4 * j, mo);
      j++;
    }
    if (a.w) this.b.gen_addi_i32(this.g.r[a.rn], base, ArmTranslator.blockFinal(a, n));
    return true;
  }
  trans_STM = (a: A.ArgLdstBlock) => this.opStm(a);
  trans_STM_t32(a: A.ArgLdstBlock): boolean {
    // Writeback register in the list is UNPREDICTABLE for T32.
    if (a.w && a.list & (1 << a.rn)) {
      this.unallocatedEncoding();
      return true;
    }
    return this.opStm(a);
  }

  private doLdm(a: A.ArgLdstBlock): boolean {
    if (a.u) {
      // LDM (user), LDM (exception return): only in privileged modes
      this.unallocatedEncoding();
      return true;
    }
    const list = a.list;
    const n = ArmTranslator.popcount16(list);
    if (n < 1 || a.rn === 15) {
      this.unallocatedEncoding();
      return true;
    }
    const base = this.g.r[a.rn];
    const pre = ArmTranslator.blockPre(a, n);
    const mo = this.memop(MO_UL | MO_ALIGN);
    let loadedBase: Temp | null = null;
    let pcVal: Temp | null = null;
    for (let i = 0, j = 0; i < 16; i++) {
      if (!(list & (1 << i))) continue;
      const off = pre + 4 * j;
      j++;
      if (i === a.rn) {
        loadedBase = this.temp();
        this.ld(loadedBase, base, off, mo);
      } else if (i === 15) {
        pcVal = this.temp();
        this.ld(pcVal, base, off, mo);
      } else {
        // A later faulting load leaves the registers loaded before it written, as QEMU does.
        this.ld(this.g.r[i], base, off, mo);
      }
    }
    if (a.w) this.b.gen_addi_i32(this.g.r[a.rn], base, ArmTranslator.blockFinal(a, n));
    if (loadedBase) this.storeReg(a.rn, loadedBase);
    if (pcVal) this.storeRegFromLoad(15, pcVal);
    return true;
  }
  trans_LDM_a32(a: A.ArgLdstBlock): boolean {
    // Writeback register in the list is UNPREDICTABLE for ArchVersion() >= 7.
    if (a.w && a.list & (1 << a.rn)) {
      this.unallocatedEncoding();
      return true;
    }
    return this.doLdm(a);
  }
  trans_LDM_t32(a: A.ArgLdstBlock): boolean {
    if (a.w && a.list & (1 << a.rn)) {
      this.unallocatedEncoding();
      return true;
    }
    return this.doLdm(a);
  }
  trans_LDM_t16(a: A.ArgLdstBlock): boolean {
    // Writeback is conditional on the base register not being loaded.
    return this.doLdm({ ...a, w: a.list & (1 << a.rn) ? 0 : 1 });
  }

  // ================================================================ branches

  /** jmp_diff: branch offsets are from the pc read value (pc_curr + 8 or + 4). */
  private target(imm: number): number {
    return (this.pcRead() + imm) | 0;
  }
  trans_B(a: A.ArgI): boolean {
    this.genJmp(this.target(a.imm));
    return true;
  }
  trans_B_cond_thumb(a: ArgCi): boolean {
    // The condition comes from the encoding; such a branch must be outside an IT block.
    if (a.cond >= 0xe) return false;
    if (this.condexecMask) {
      this.unallocatedEncoding();
      return true;
    }
    this.armSkipUnless(a.cond);
    this.genJmp(this.target(a.imm));
    return true;
  }
  trans_BL(a: A.ArgI): boolean {
    this.b.gen_movi_i32(this.g.r[14], (this.pcCurr + this.insnLen) | (this.thumb ? 1 : 0));
    this.genJmp(this.target(a.imm));
    return true;
  }
  trans_BLX_i(a: A.ArgI): boolean {
    if (this.thumb && a.imm & 2) return false;
    const b = this.b;
    b.gen_movi_i32(this.g.r[14], (this.pcCurr + this.insnLen) | (this.thumb ? 1 : 0));
    // The other state; the target is computed from the aligned pc.
    if (this.thumb) b.gen_andi_i32(this.g.flags, this.g.flags, ~TBF_THUMB);
    else b.gen_ori_i32(this.g.flags, this.g.flags, TBF_THUMB);
    this.genJmp(this.target(a.imm - (this.pcCurr & 3)));
    return true;
  }
  /** The Thumb-1 BL/BLX halves: a Thumb-2 CPU always decodes the pair as one 32-bit instruction. */
  trans_BL_BLX_prefix = (_a: A.ArgI) => false;
  trans_BL_suffix = (_a: A.ArgI) => false;
  trans_BLX_suffix = (_a: A.ArgI) => false;

  private opTbranch(a: ArgTbranch, half: boolean): boolean {
    const b = this.b;
    const t = this.temp();
    const rm = this.reg(a.rm);
    if (half) b.gen_add_i32(t, rm, rm);
    else b.gen_mov_i32(t, rm);
    const addr = this.temp();
    b.gen_add_i32(addr, this.reg(a.rn), t);
    this.ld(t, addr, 0, this.memop(half ? MO_UW : MO_UB));
    b.gen_add_i32(t, t, t);
    b.gen_addi_i32(t, t, this.pcRead());
    this.storeReg(15, t);
    return true;
  }
  trans_TBB = (a: ArgTbranch) => this.opTbranch(a, false);
  trans_TBH = (a: ArgTbranch) => this.opTbranch(a, true);
  trans_CBZ(a: ArgCBZ): boolean {
    this.genCondlabel();
    this.b.gen_brcondi(I32, a.nz ? Cond.EQ : Cond.NE, this.reg(a.rn), 0, this.condlabel);
    this.genJmp(this.target(a.imm));
    return true;
  }

  /** SVC: the exception is taken after the instruction (DISAS_SWI); the CPU loop reads the immediate. */
  trans_SVC(a: A.ArgI): boolean {
    this.setPc(this.pcCurr + this.insnLen);
    this.svcImm = a.imm;
    this.isJmp = Dj.Swi;
    return true;
  }

  // ================================================================ system instructions

  /** RFE, SRS: UNDEFINED in user mode (system mode adds them with the privileged CPU). */
  trans_RFE = (_a: A.ArgRfe) => (this.unallocatedEncoding(), true);
  trans_SRS = (_a: A.ArgSrs) => (this.unallocatedEncoding(), true);
  /** CPS: a NOP in user mode. */
  trans_CPS = (_a: A.ArgCps) => true;
  trans_CLREX(_a: A.ArgEmpty): boolean {
    this.genClrex();
    return true;
  }
  trans_DSB(_a: A.ArgEmpty): boolean {
    this.b.gen_mb(0);
    return true;
  }
  trans_DMB = (a: A.ArgEmpty) => this.trans_DSB(a);
  trans_ISB(_a: A.ArgEmpty): boolean {
    // Break the TB, so that self-modifying code is seen (QEMU does the same).
    this.isJmp = Dj.TooMany;
    return true;
  }
  trans_SETEND(a: A.ArgSetend): boolean {
    if ((a as { E?: number }).E !== (this.beData ? 1 : 0)) {
      this.b.gen_xori_i32(this.g.flags, this.g.flags, TBF_BE_DATA);
      this.isJmp = Dj.UpdateExit;
    }
    return true;
  }
  /** Preloads are NOPs (PLDW needs the MP extensions, which this CPU has). */
  trans_PLD = (_a: A.ArgEmpty) => true;
  trans_PLDW = (_a: A.ArgEmpty) => true;
  trans_PLI = (_a: A.ArgEmpty) => true;
  trans_IT(a: ArgIT): boolean {
    // No code, just state; 0b1111 conditions are treated as "always" (CONSTRAINED UNPREDICTABLE).
    this.condexecCond = (a.cond_mask >>> 4) & 0xe;
    this.condexecMask = a.cond_mask & 0x1f;
    return true;
  }

  // ================================================================ coprocessors

  /** valid_cp: v7 reserves cp8..cp13 (cp10/cp11 are VFP, decoded elsewhere). */
  private static validCp(cp: number): boolean {
    return cp < 8 || cp >= 14;
  }
  trans_MCR = (a: A.ArgMcr) => ArmTranslator.validCp(a.cp) && this.coproc(a.cp, false, a.opc1, a.crn, a.crm, a.opc2, false, a.rt, 0);
  trans_MRC = (a: A.ArgMcr) => ArmTranslator.validCp(a.cp) && this.coproc(a.cp, false, a.opc1, a.crn, a.crm, a.opc2, true, a.rt, 0);
  trans_MCRR = (a: A.ArgMcrr) => ArmTranslator.validCp(a.cp) && this.coproc(a.cp, true, a.opc1, 0, a.crm, 0, false, a.rt, a.rt2);
  trans_MRRC = (a: A.ArgMcrr) => ArmTranslator.validCp(a.cp) && this.coproc(a.cp, true, a.opc1, 0, a.crm, 0, true, a.rt, a.rt2);

  /**
   * do_coproc_insn for the AArch32 system registers QEMU's cortex-a15 lets PL0 reach: TPIDRURW
   * (read/write), TPIDRURO (read), the CP15 ISB/DSB/DMB operations (write), PMUSERENR (read 0),
   * the RAZ debug registers DBGDIDR/DBGDRAR/DBGDSAR/DBGDTRTX and the ThumbEE TEEHBR. Everything
   * else is UNDEFINED at PL0 (no register, or an access check that traps), as in QEMU.
   */
  private coproc(
    cp: number,
    is64: boolean,
    opc1: number,
    crn: number,
    crm: number,
    opc2: number,
    isRead: boolean,
    rt: number,
    rt2: number,
  ): boolean {
    const b = this.b;
    const key = `${cp}:${is64 ? 64 : 32}:${opc1}:${crn}:${crm}:${opc2}`;
    const readConst = (v: number) => {
      if (!isRead) return false;
      this.coprocResult(rt, this.konst(v));
      return true;
    };
    let ok: boolean;
    switch (key) {
      case "15:32:0:13:0:2": // TPIDRURW
        if (isRead) {
          const t = this.temp();
          b.gen_ld(Opc.ld, I32, t, TPIDRURW * 4);
          this.coprocResult(rt, t);
        } else {
          b.gen_st(Opc.st, I32, this.reg(rt), TPIDRURW * 4);
          this.genLookupTb(); // a register write ends the TB (ARM_CP_SUPPRESS_TB_END not set)
        }
        ok = true;
        break;
      case "15:32:0:13:0:3": // TPIDRURO: read-only at PL0
        if (isRead) {
          const t = this.temp();
          b.gen_ld(Opc.ld, I32, t, TPIDRURO * 4);
          this.coprocResult(rt, t);
          ok = true;
        } else ok = false;
        break;
      case "15:32:0:7:5:4": // ISB: write ignored, ends the TB
        if (!isRead) this.genLookupTb();
        ok = !isRead;
        break;
      case "15:32:0:7:10:4": // DSB
      case "15:32:0:7:10:5": // DMB
        ok = !isRead;
        break;
      case "15:32:0:9:14:0": // PMUSERENR: PL0_R
        ok = readConst(0);
        break;
      case "14:32:0:0:0:0": // DBGDIDR
        ok = readConst(0x3515f021);
        break;
      case "14:32:0:1:0:0": // DBGDRAR
      case "14:32:0:2:0:0": // DBGDSAR
        ok = readConst(0);
        break;
      case "14:32:0:0:5:0": // DBGDTRTX: RAZ/WI
        if (isRead) this.coprocResult(rt, this.konst(0));
        ok = true;
        break;
      case "14:64:0:0:1:0": // DBGDRAR (64-bit)
      case "14:64:0:0:2:0": // DBGDSAR (64-bit)
        if (!isRead) ok = false;
        else {
          this.storeReg(rt, this.konst(0));
          this.storeReg(rt2, this.konst(0));
          ok = true;
        }
        break;
      case "14:32:6:1:0:0": // TEEHBR
        if (isRead) {
          const t = this.temp();
          b.gen_ld(Opc.ld, I32, t, TEEHBR * 4);
          this.coprocResult(rt, t);
        } else {
          b.gen_st(Opc.st, I32, this.reg(rt), TEEHBR * 4);
          this.genLookupTb();
        }
        ok = true;
        break;
      default:
        ok = false;
    }
    if (!ok) this.unallocatedEncoding();
    return true;
  }
  /** A 32-bit register read: rt == 15 sets NZCV from the value's top bits (MRC APSR_nzcv). */
  private coprocResult(rt: number, v: Temp): void {
    if (rt === 15) this.setNzcv(v);
    else this.storeReg(rt, v);
  }
}
