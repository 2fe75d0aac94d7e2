/**
 * Thumb (T32 and T16) disassembly text in capstone 5's spelling, with the
 * IT-block state capstone keeps while it walks one block (LLVM's ITStatus:
 * an IT instruction pushes the conditions of its block; every following
 * instruction takes one).  The generated decoders identify the instruction;
 * one method per pattern name serves both widths (`wide` tells them apart,
 * since most T16 patterns reuse the T32/A32 names).  The `.w` suffixes are
 * LLVM's: a 32-bit form prints `.w` when a 16-bit form of the same
 * instruction exists.
 */
import type * as A from "./decode-a32.ts";
import { disasT16 } from "./decode-t16.ts";
import * as T from "./decode-t32.ts";
import { disasVfp } from "./decode-vfp.ts";
import {
  bankedReg,
  barrierOption,
  COND,
  type InsnText,
  isbOption,
  msrMask,
  r,
  regImmShift,
  regList,
  ror32,
  simm,
  signedOffset,
  uimm,
} from "./disas-format.ts";
import { t32AcquireRelease } from "./disas-acqrel.ts";
import { coprocText } from "./disas-coproc.ts";
import { VfpDisassembler, vdupText } from "./disas-vfp.ts";

const SHIFTS = ["lsl", "lsr", "asr", "ror"];

/** A subtracted T32 offset: capstone always prints it in hex (`#-0x4`, `#-0x0`). */
function negHex(v: number): string {
  return `#-0x${v.toString(16)}`;
}
/** Hint numbers LLVM names (SEVL is ARMv8, so it prints as a plain hint). */
const HINTS: Record<number, string> = { 0: "nop", 1: "yield", 2: "wfe", 3: "wfi", 4: "sev", 0x10: "esb", 0x14: "csdb" };

/** ThumbExpandImm: the value of a T32 modified immediate (i:imm3:imm8). */
function thumbExpandImm(x: number): number {
  const imm8 = x & 0xff;
  switch ((x >>> 8) & 0xf) {
    case 0:
      return imm8;
    case 1:
      return (imm8 * 0x00010001) >>> 0;
    case 2:
      return Math.imul(imm8, 0x01000100) >>> 0;
    case 3:
      return Math.imul(imm8, 0x01010101) >>> 0;
    default:
      return ror32(imm8 | 0x80, (x >>> 7) & 0x1f);
  }
}

export class ThumbDisassembler implements T.T32DecodeHandler {
  insn = 0;
  pc = 0;
  /** Decoding a 32-bit instruction. */
  wide = false;
  text: InsnText | null = null;
  /** LLVM's ITStatus: pending conditions, the next one last. */
  private it: number[] = [];
  /** The condition of the instruction being decoded (14 outside an IT block). */
  private cc = 14;
  /** Whether the instruction being decoded takes the IT block's condition (false for IT itself). */
  private predicated = true;
  private readonly vfp = new VfpDisassembler();

  /** t16_setflags reads this: 16-bit data processing sets flags only outside an IT block. */
  get condexecMask(): number {
    return this.it.length ? 1 : 0;
  }

  resetIt(): void {
    this.it.length = 0;
  }

  /** capstone's SKIPDATA does not touch the IT state. */
  skipped(): void {}

  private begin(insn: number, pc: number, wide: boolean): void {
    this.insn = insn >>> 0;
    this.pc = pc;
    this.wide = wide;
    this.text = null;
    this.predicated = true;
    const c = this.it.length ? this.it[this.it.length - 1]! : 14;
    this.cc = c === 15 ? 14 : c;
  }

  /** After a decoded instruction: it consumes one IT slot (LLVM AddThumbPredicate). */
  private finish(): InsnText | null {
    if (this.text && this.predicated && this.it.length) this.it.pop();
    return this.text;
  }

  disas16(insn: number, pc: number): InsnText | null {
    this.begin(insn & 0xffff, pc, false);
    if (disasT16(this, insn & 0xffff)) return this.finish();
    if ((insn & 0xff00) === 0x4700 && (insn & 0x84) !== 0x80) {
      // BX/BLX with bits 2:0 != 000, which QEMU rejects: LLVM reads bit 2 as the
      // ARMv8-M BXNS/BLXNS and soft-fails bits 1:0 (but fails BLX with them).
      const name = `${insn & 0x80 ? "blx" : "bx"}${insn & 4 ? "ns" : ""}`;
      this.text = { mnemonic: this.op(name), operands: r((insn >>> 3) & 15) };
      return this.finish();
    }
    return null;
  }

  disas32(insn: number, pc: number): InsnText | null {
    this.begin(insn, pc, true);
    // QEMU's order (disas_thumb2_insn): the T32 decoder, then VFP for 1110 on top.
    if (T.disasT32(this, insn)) return this.finish();
    const bfOp = (insn >>> 21) & 7;
    const bitfield = (insn & 0xfb108000) >>> 0 === 0xf3000000 && (bfOp === 2 || bfOp === 6);
    const softBits = 0x04000020;
    if ((bitfield && insn & softBits) || (insn >>> 25 === 0x75 && insn & 0x8000)) {
      // SBFX/UBFX with bit 26 or bit 5 set, or shifted-register data
      // processing with bit 15 set: QEMU rejects them, LLVM only soft-fails.
      const fixed = (insn >>> 25 === 0x75 ? insn & ~0x8000 : insn & ~softBits) >>> 0;
      this.begin(fixed, pc, true);
      if (T.disasT32(this, this.insn) && this.text) return this.finish();
      this.begin(insn, pc, true);
    }
    const acqrel = t32AcquireRelease(insn, COND[this.cc]!);
    if (acqrel) {
      this.text = acqrel;
      return this.finish();
    }
    if (insn >>> 28 !== 14) return this.coproc(insn);
    this.vfp.insn = insn;
    this.vfp.cond = COND[this.cc]!;
    this.vfp.text = null;
    if (!disasVfp(this.vfp, insn)) {
      // Capstone also reads VDUP (Advanced SIMD), and VMSR with nonzero should-be-zero bits.
      this.text = vdupText(insn, COND[this.cc]!);
      if (this.text) return this.finish();
      if ((insn & 0x0ff00f90) >>> 0 === 0x0ee00a10 && insn & 0x6f) {
        this.vfp.text = null;
        if (disasVfp(this.vfp, (insn & ~0x6f) >>> 0) && this.vfp.text) {
          this.text = this.vfp.text;
          return this.finish();
        }
      }
      return this.coproc(insn);
    }
    this.text = this.vfp.text;
    return this.finish();
  }

  /** Generic coprocessor instructions (111x 11xx), which QEMU rejects but capstone decodes. */
  private coproc(insn: number): InsnText | null {
    if (((insn >>> 26) & 3) !== 3) return null;
    const two = ((insn >>> 28) & 1) === 1;
    this.text = coprocText(((insn & 0x0fffffff) | 0xe0000000) >>> 0, COND[this.cc]!, two);
    // the coprocessor fields sit where A32 has them; bits 27:24 say which instruction
    if (this.text && two) this.text = coprocText(((insn & 0x0fffffff) | 0xf0000000) >>> 0, "", true);
    return this.finish();
  }

  private get cond(): string {
    return COND[this.cc]!;
  }
  private emit(mnemonic: string, operands = ""): boolean {
    this.text = { mnemonic, operands };
    return true;
  }
  private fail(): boolean {
    this.text = null;
    return true;
  }
  private bit(n: number): number {
    return (this.insn >>> n) & 1;
  }
  /** name + S + condition (+ `.w` when asked). */
  private op(name: string, s = 0, w = false): string {
    return name + (s ? "s" : "") + this.cond + (w ? ".w" : "");
  }

  // ---- data processing, register --------------------------------------------------

  /** T32 shifted-register data processing; `w` says whether LLVM's spelling has .w. */
  private dpReg(name: string, a: A.ArgSRrrShi, w: boolean): boolean {
    return this.emit(this.op(name, a.s, w), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}${regImmShift(a.shty, a.shim)}`);
  }
  private cmpReg(name: string, a: A.ArgSRrrShi): boolean {
    if (!this.wide) return this.emit(this.op(name), `${r(a.rn)}, ${r(a.rm)}`);
    return this.emit(this.op(name, 0, true), `${r(a.rn)}, ${r(a.rm)}${regImmShift(a.shty, a.shim)}`);
  }
  /** T16 two-operand ALU: `ands rd, rm`. */
  private alu16(name: string, a: A.ArgSRrrShi): boolean {
    return this.emit(this.op(name, a.s), `${r(a.rd)}, ${r(a.rm)}`);
  }

  trans_AND_rrri(a: A.ArgSRrrShi) {
    return this.wide ? this.dpReg("and", a, true) : this.alu16("and", a);
  }
  trans_EOR_rrri(a: A.ArgSRrrShi) {
    return this.wide ? this.dpReg("eor", a, true) : this.alu16("eor", a);
  }
  trans_ADC_rrri(a: A.ArgSRrrShi) {
    return this.wide ? this.dpReg("adc", a, true) : this.alu16("adc", a);
  }
  trans_SBC_rrri(a: A.ArgSRrrShi) {
    return this.wide ? this.dpReg("sbc", a, true) : this.alu16("sbc", a);
  }
  trans_ORR_rrri(a: A.ArgSRrrShi) {
    return this.wide ? this.dpReg("orr", a, true) : this.alu16("orr", a);
  }
  trans_BIC_rrri(a: A.ArgSRrrShi) {
    return this.wide ? this.dpReg("bic", a, true) : this.alu16("bic", a);
  }
  trans_ORN_rrri(a: A.ArgSRrrShi) {
    return this.dpReg("orn", a, false);
  }
  trans_RSB_rrri(a: A.ArgSRrrShi) {
    return this.dpReg("rsb", a, false);
  }
  trans_TST_xrri(a: A.ArgSRrrShi) {
    return this.cmpReg("tst", a);
  }
  trans_TEQ_xrri(a: A.ArgSRrrShi) {
    return this.cmpReg("teq", a);
  }
  trans_CMN_xrri(a: A.ArgSRrrShi) {
    return this.cmpReg("cmn", a);
  }
  trans_CMP_xrri(a: A.ArgSRrrShi) {
    return this.cmpReg("cmp", a);
  }
  trans_ADD_rrri(a: A.ArgSRrrShi) {
    if (this.wide) return this.dpReg("add", a, true);
    if ((this.insn & 0xfc00) === 0x4400) {
      // High registers; with Rm == SP LLVM's tADDrSP spells out all three operands.
      if (a.rm === 13) return this.emit(this.op("add"), `${r(a.rd)}, sp, ${r(a.rd)}`);
      return this.emit(this.op("add"), `${r(a.rd)}, ${r(a.rm)}`);
    }
    return this.emit(this.op("add", a.s), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  trans_SUB_rrri(a: A.ArgSRrrShi) {
    if (this.wide) return this.dpReg("sub", a, true);
    return this.emit(this.op("sub", a.s), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  trans_MOV_rxri(a: A.ArgSRrrShi) {
    if (!this.wide) {
      if ((this.insn & 0xfc00) === 0x4400) return this.emit(this.op("mov"), `${r(a.rd)}, ${r(a.rm)}`); // high registers
      if (a.shty === 0 && a.shim === 0) return this.emit(this.op("mov", a.s), `${r(a.rd)}, ${r(a.rm)}`);
      return this.emit(this.op(SHIFTS[a.shty]!, a.s), `${r(a.rd)}, ${r(a.rm)}, ${uimm(a.shim === 0 ? 32 : a.shim)}`);
    }
    if (a.shty === 0 && a.shim === 0) return this.emit(this.op("mov", a.s, true), `${r(a.rd)}, ${r(a.rm)}`);
    if (a.shty === 3 && a.shim === 0) return this.emit(this.op("rrx", a.s), `${r(a.rd)}, ${r(a.rm)}`);
    return this.emit(this.op(SHIFTS[a.shty]!, a.s, true), `${r(a.rd)}, ${r(a.rm)}, ${uimm(a.shim === 0 ? 32 : a.shim)}`);
  }
  trans_MVN_rxri(a: A.ArgSRrrShi) {
    if (!this.wide) return this.alu16("mvn", a);
    return this.emit(this.op("mvn", a.s, true), `${r(a.rd)}, ${r(a.rm)}${regImmShift(a.shty, a.shim)}`);
  }
  trans_MOV_rxrr(a: A.ArgSRrrShr) {
    if (!this.wide) return this.emit(this.op(SHIFTS[a.shty]!, a.s), `${r(a.rd)}, ${r(a.rs)}`);
    return this.emit(this.op(SHIFTS[a.shty]!, a.s, true), `${r(a.rd)}, ${r(a.rm)}, ${r(a.rs)}`);
  }
  trans_PKH(a: A.ArgPkh) {
    if (a.tb) return this.emit(this.op("pkhtb"), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}, asr ${uimm(a.imm === 0 ? 32 : a.imm)}`);
    return this.emit(this.op("pkhbt"), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}${a.imm ? `, lsl ${uimm(a.imm)}` : ""}`);
  }

  // ---- data processing, immediate ------------------------------------------------------

  /** The T32 modified immediate; AND/ORR/EOR/BIC/MVN print it unsigned (capstone printOperand). */
  private modImm(unsigned: boolean): string {
    const v = thumbExpandImm(((this.insn >>> 15) & 0x800) | ((this.insn >>> 4) & 0x700) | (this.insn & 0xff));
    return unsigned ? uimm(v) : simm(v);
  }
  private dpImm(name: string, a: A.ArgSRriRot, w: boolean, unsigned = false): boolean {
    return this.emit(this.op(name, a.s, w), `${r(a.rd)}, ${r(a.rn)}, ${this.modImm(unsigned)}`);
  }
  private cmpImm(name: string, a: A.ArgSRriRot): boolean {
    if (!this.wide) return this.emit(this.op(name), `${r(a.rn)}, ${uimm(a.imm)}`);
    return this.emit(this.op(name, 0, true), `${r(a.rn)}, ${this.modImm(false)}`);
  }
  trans_TST_xri(a: A.ArgSRriRot) {
    return this.cmpImm("tst", a);
  }
  trans_TEQ_xri(a: A.ArgSRriRot) {
    return this.cmpImm("teq", a);
  }
  trans_CMN_xri(a: A.ArgSRriRot) {
    return this.cmpImm("cmn", a);
  }
  trans_CMP_xri(a: A.ArgSRriRot) {
    return this.cmpImm("cmp", a);
  }
  trans_AND_rri(a: A.ArgSRriRot) {
    return this.dpImm("and", a, false, true);
  }
  trans_BIC_rri(a: A.ArgSRriRot) {
    return this.dpImm("bic", a, false, true);
  }
  trans_ORR_rri(a: A.ArgSRriRot) {
    return this.dpImm("orr", a, false, true);
  }
  trans_ORN_rri(a: A.ArgSRriRot) {
    return this.dpImm("orn", a, false);
  }
  trans_EOR_rri(a: A.ArgSRriRot) {
    return this.dpImm("eor", a, false, true);
  }
  trans_ADC_rri(a: A.ArgSRriRot) {
    return this.dpImm("adc", a, false);
  }
  trans_SBC_rri(a: A.ArgSRriRot) {
    return this.dpImm("sbc", a, false);
  }
  trans_RSB_rri(a: A.ArgSRriRot) {
    if (!this.wide) return this.emit(this.op("rsb", a.s), `${r(a.rd)}, ${r(a.rn)}, #0`);
    return this.dpImm("rsb", a, true);
  }
  trans_MOV_rxi(a: A.ArgSRriRot) {
    if (!this.wide) return this.emit(this.op("mov", a.s), `${r(a.rd)}, ${uimm(a.imm)}`);
    return this.emit(this.op("mov", a.s, true), `${r(a.rd)}, ${this.modImm(false)}`);
  }
  trans_MVN_rxi(a: A.ArgSRriRot) {
    return this.emit(this.op("mvn", a.s), `${r(a.rd)}, ${this.modImm(true)}`);
  }
  /** ADD/SUB immediate: T16 forms, T32 modified immediate, or T32 plain 12-bit (ADDW/SUBW). */
  private addSubImm(name: "add" | "sub", a: A.ArgSRriRot): boolean {
    if (!this.wide) {
      const i = this.insn;
      if ((i & 0xf800) === 0xa800) return this.emit(this.op(name), `${r(a.rd)}, sp, ${uimm(a.imm)}`);
      if ((i & 0xff00) === 0xb000) return this.emit(this.op(name), `sp, ${uimm(a.imm)}`);
      if ((i & 0xfc00) === 0x1c00) return this.emit(this.op(name, a.s), `${r(a.rd)}, ${r(a.rn)}, ${uimm(a.imm)}`);
      return this.emit(this.op(name, a.s), `${r(a.rd)}, ${uimm(a.imm)}`);
    }
    if (this.insn >>> 8 === 0xf3de8f) return this.emit(this.op("subs"), `pc, lr, ${uimm(a.imm)}`);
    if (this.bit(25)) return this.emit(this.op(`${name}w`), `${r(a.rd)}, ${r(a.rn)}, ${uimm(a.imm)}`);
    return this.dpImm(name, a, true);
  }
  trans_ADD_rri(a: A.ArgSRriRot) {
    return this.addSubImm("add", a);
  }
  trans_SUB_rri(a: A.ArgSRriRot) {
    return this.addSubImm("sub", a);
  }
  trans_ADR(a: A.ArgRi) {
    if (!this.wide) return this.emit(this.op("adr"), `${r(a.rd)}, ${uimm(a.imm)}`);
    if (this.bit(23)) return this.emit(this.op("subw"), `${r(a.rd)}, pc, ${uimm(-a.imm)}`); // the SUBW form (also for #0)
    return this.emit(this.op("addw"), `${r(a.rd)}, pc, ${uimm(a.imm)}`);
  }
  trans_MOVW(a: A.ArgRi) {
    return this.emit(this.op("movw"), `${r(a.rd)}, ${uimm(a.imm)}`);
  }
  trans_MOVT(a: A.ArgRi) {
    return this.emit(this.op("movt"), `${r(a.rd)}, ${uimm(a.imm)}`);
  }
  private satShift(a: A.ArgSat): string {
    if (a.sh) return `, asr ${uimm(a.imm === 0 ? 32 : a.imm)}`;
    return a.imm ? `, lsl ${uimm(a.imm)}` : "";
  }
  trans_SSAT(a: A.ArgSat) {
    return this.emit(this.op("ssat"), `${r(a.rd)}, ${uimm(a.satimm + 1)}, ${r(a.rn)}${this.satShift(a)}`);
  }
  trans_USAT(a: A.ArgSat) {
    return this.emit(this.op("usat"), `${r(a.rd)}, ${uimm(a.satimm)}, ${r(a.rn)}${this.satShift(a)}`);
  }
  trans_SSAT16(a: A.ArgSat) {
    if (a.satimm > 15) return this.fail();
    return this.emit(this.op("ssat16"), `${r(a.rd)}, ${uimm(a.satimm + 1)}, ${r(a.rn)}`);
  }
  trans_USAT16(a: A.ArgSat) {
    if (a.satimm > 15) return this.fail();
    return this.emit(this.op("usat16"), `${r(a.rd)}, ${uimm(a.satimm)}, ${r(a.rn)}`);
  }
  trans_SBFX(a: A.ArgBfx) {
    return this.emit(this.op("sbfx"), `${r(a.rd)}, ${r(a.rn)}, ${uimm(a.lsb)}, ${uimm(a.widthm1 + 1)}`);
  }
  trans_UBFX(a: A.ArgBfx) {
    return this.emit(this.op("ubfx"), `${r(a.rd)}, ${r(a.rn)}, ${uimm(a.lsb)}, ${uimm(a.widthm1 + 1)}`);
  }
  trans_BFCI(a: A.ArgBfi) {
    const lsb = Math.min(a.lsb, a.msb);
    const width = uimm(a.msb - lsb + 1);
    if (a.rn === 15) return this.emit(this.op("bfc"), `${r(a.rd)}, ${uimm(lsb)}, ${width}`);
    return this.emit(this.op("bfi"), `${r(a.rd)}, ${r(a.rn)}, ${uimm(lsb)}, ${width}`);
  }

  // ---- multiplies and DSP -----------------------------------------------------------------

  trans_MUL(a: A.ArgSRrrr) {
    if (!this.wide) return this.emit(this.op("mul", a.s), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rd)}`);
    return this.emit(this.op("mul"), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  trans_MLA(a: A.ArgSRrrr) {
    return this.rrrr("mla", a);
  }
  trans_MLS(a: A.ArgRrrr) {
    return this.rrrr("mls", a);
  }
  private long(name: string, a: A.ArgRrrr): boolean {
    return this.emit(this.op(name), `${r(a.ra)}, ${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  private rrrr(name: string, a: A.ArgRrrr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}, ${r(a.ra)}`);
  }
  private rrr0(name: string, a: A.ArgRrrr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  private rrr(name: string, a: A.ArgRrr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  private dual(acc: string, plain: string | null, a: A.ArgRrrr): boolean {
    if (a.ra === 15 && plain) return this.rrr0(plain, a);
    return this.rrrr(acc, a);
  }
  trans_SMULL(a: A.ArgSRrrr) {
    return this.long("smull", a);
  }
  trans_UMULL(a: A.ArgSRrrr) {
    return this.long("umull", a);
  }
  trans_SMLAL(a: A.ArgSRrrr) {
    return this.long("smlal", a);
  }
  trans_UMLAL(a: A.ArgSRrrr) {
    return this.long("umlal", a);
  }
  trans_UMAAL(a: A.ArgRrrr) {
    return this.long("umaal", a);
  }
  trans_SMULWB(a: A.ArgRrrr) {
    return this.rrr0("smulwb", a);
  }
  trans_SMLAWB(a: A.ArgRrrr) {
    return this.rrrr("smlawb", a);
  }
  trans_SMULWT(a: A.ArgRrrr) {
    return this.rrr0("smulwt", a);
  }
  trans_SMLAWT(a: A.ArgRrrr) {
    return this.rrrr("smlawt", a);
  }
  trans_SMULBB(a: A.ArgRrrr) {
    return this.rrr0("smulbb", a);
  }
  trans_SMLABB(a: A.ArgRrrr) {
    return this.rrrr("smlabb", a);
  }
  trans_SMULBT(a: A.ArgRrrr) {
    return this.rrr0("smulbt", a);
  }
  trans_SMLABT(a: A.ArgRrrr) {
    return this.rrrr("smlabt", a);
  }
  trans_SMULTB(a: A.ArgRrrr) {
    return this.rrr0("smultb", a);
  }
  trans_SMLATB(a: A.ArgRrrr) {
    return this.rrrr("smlatb", a);
  }
  trans_SMULTT(a: A.ArgRrrr) {
    return this.rrr0("smultt", a);
  }
  trans_SMLATT(a: A.ArgRrrr) {
    return this.rrrr("smlatt", a);
  }
  trans_SMLALBB(a: A.ArgRrrr) {
    return this.long("smlalbb", a);
  }
  trans_SMLALBT(a: A.ArgRrrr) {
    return this.long("smlalbt", a);
  }
  trans_SMLALTB(a: A.ArgRrrr) {
    return this.long("smlaltb", a);
  }
  trans_SMLALTT(a: A.ArgRrrr) {
    return this.long("smlaltt", a);
  }
  trans_USADA8(a: A.ArgRrrr) {
    return this.dual("usada8", "usad8", a);
  }
  trans_SMLAD(a: A.ArgRrrr) {
    return this.dual("smlad", "smuad", a);
  }
  trans_SMLADX(a: A.ArgRrrr) {
    return this.dual("smladx", "smuadx", a);
  }
  trans_SMLSD(a: A.ArgRrrr) {
    return this.dual("smlsd", "smusd", a);
  }
  trans_SMLSDX(a: A.ArgRrrr) {
    return this.dual("smlsdx", "smusdx", a);
  }
  trans_SMLALD(a: A.ArgRrrr) {
    return this.long("smlald", a);
  }
  trans_SMLALDX(a: A.ArgRrrr) {
    return this.long("smlaldx", a);
  }
  trans_SMLSLD(a: A.ArgRrrr) {
    return this.long("smlsld", a);
  }
  trans_SMLSLDX(a: A.ArgRrrr) {
    return this.long("smlsldx", a);
  }
  trans_SMMLA(a: A.ArgRrrr) {
    return this.dual("smmla", "smmul", a);
  }
  trans_SMMLAR(a: A.ArgRrrr) {
    return this.dual("smmlar", "smmulr", a);
  }
  trans_SMMLS(a: A.ArgRrrr) {
    return this.rrrr("smmls", a);
  }
  trans_SMMLSR(a: A.ArgRrrr) {
    return this.rrrr("smmlsr", a);
  }
  trans_SDIV(a: A.ArgRrr) {
    return this.rrr("sdiv", a);
  }
  trans_UDIV(a: A.ArgRrr) {
    return this.rrr("udiv", a);
  }
  private qarith(name: string, a: A.ArgRrr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rm)}, ${r(a.rn)}`);
  }
  trans_QADD(a: A.ArgRrr) {
    return this.qarith("qadd", a);
  }
  trans_QSUB(a: A.ArgRrr) {
    return this.qarith("qsub", a);
  }
  trans_QDADD(a: A.ArgRrr) {
    return this.qarith("qdadd", a);
  }
  trans_QDSUB(a: A.ArgRrr) {
    return this.qarith("qdsub", a);
  }
  trans_SEL(a: A.ArgRrr) {
    return this.rrr("sel", a);
  }
  /**
   * REV/RBIT/CLZ: T32 repeats Rm in bits 19:16; LLVM's generated decoder ORs
   * both copies into one register number.
   */
  private rr(name: string, a: A.ArgRr, w: boolean): boolean {
    const rm = this.wide ? ((this.insn >>> 16) & 15) | a.rm : a.rm;
    return this.emit(this.op(name, 0, w && this.wide), `${r(a.rd)}, ${r(rm)}`);
  }
  trans_REV(a: A.ArgRr) {
    return this.rr("rev", a, true);
  }
  trans_REV16(a: A.ArgRr) {
    return this.rr("rev16", a, true);
  }
  trans_REVSH(a: A.ArgRr) {
    return this.rr("revsh", a, true);
  }
  trans_RBIT(a: A.ArgRr) {
    return this.rr("rbit", a, false);
  }
  trans_CLZ(a: A.ArgRr) {
    return this.rr("clz", a, false);
  }
  private parallel(name: string) {
    return (a: A.ArgRrr) => this.rrr(name, a);
  }
  trans_SADD8 = this.parallel("sadd8");
  trans_QADD8 = this.parallel("qadd8");
  trans_SHADD8 = this.parallel("shadd8");
  trans_UADD8 = this.parallel("uadd8");
  trans_UQADD8 = this.parallel("uqadd8");
  trans_UHADD8 = this.parallel("uhadd8");
  trans_SADD16 = this.parallel("sadd16");
  trans_QADD16 = this.parallel("qadd16");
  trans_SHADD16 = this.parallel("shadd16");
  trans_UADD16 = this.parallel("uadd16");
  trans_UQADD16 = this.parallel("uqadd16");
  trans_UHADD16 = this.parallel("uhadd16");
  trans_SASX = this.parallel("sasx");
  trans_QASX = this.parallel("qasx");
  trans_SHASX = this.parallel("shasx");
  trans_UASX = this.parallel("uasx");
  trans_UQASX = this.parallel("uqasx");
  trans_UHASX = this.parallel("uhasx");
  trans_SSUB8 = this.parallel("ssub8");
  trans_QSUB8 = this.parallel("qsub8");
  trans_SHSUB8 = this.parallel("shsub8");
  trans_USUB8 = this.parallel("usub8");
  trans_UQSUB8 = this.parallel("uqsub8");
  trans_UHSUB8 = this.parallel("uhsub8");
  trans_SSUB16 = this.parallel("ssub16");
  trans_QSUB16 = this.parallel("qsub16");
  trans_SHSUB16 = this.parallel("shsub16");
  trans_USUB16 = this.parallel("usub16");
  trans_UQSUB16 = this.parallel("uqsub16");
  trans_UHSUB16 = this.parallel("uhsub16");
  trans_SSAX = this.parallel("ssax");
  trans_QSAX = this.parallel("qsax");
  trans_SHSAX = this.parallel("shsax");
  trans_USAX = this.parallel("usax");
  trans_UQSAX = this.parallel("uqsax");
  trans_UHSAX = this.parallel("uhsax");

  /** Extend and add; Rn == PC (and every T16 form) is the plain extend. */
  private extend(name: string, a: A.ArgRrrRot): boolean {
    const rot = a.rot ? `, ror #${a.rot * 8}` : "";
    if (a.rn === 15) {
      const plain = name.replace("a", "");
      return this.emit(this.op(plain, 0, this.wide && !plain.endsWith("16")), `${r(a.rd)}, ${r(a.rm)}${rot}`);
    }
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}${rot}`);
  }
  trans_SXTAH(a: A.ArgRrrRot) {
    return this.extend("sxtah", a);
  }
  trans_UXTAH(a: A.ArgRrrRot) {
    return this.extend("uxtah", a);
  }
  trans_SXTAB16(a: A.ArgRrrRot) {
    return this.extend("sxtab16", a);
  }
  trans_UXTAB16(a: A.ArgRrrRot) {
    return this.extend("uxtab16", a);
  }
  trans_SXTAB(a: A.ArgRrrRot) {
    return this.extend("sxtab", a);
  }
  trans_UXTAB(a: A.ArgRrrRot) {
    return this.extend("uxtab", a);
  }

  // ---- hints, barriers, system --------------------------------------------------------------

  private hint(): boolean {
    if (!this.wide) {
      const op = (this.insn >>> 4) & 15;
      const name = op <= 4 ? HINTS[op] : undefined; // tHINT knows nop..sev only
      return name ? this.emit(this.op(name)) : this.emit(this.op("hint"), uimm(op));
    }
    const op = this.insn & 0xff;
    const name = HINTS[op];
    if (name) return this.emit(this.op(name, 0, op !== 0x14)); // CSDB has no 16-bit form
    if (op >= 0xf0) return this.emit(this.op("dbg"), uimm(op & 15));
    return this.emit(this.op("hint", 0, true), uimm(op));
  }
  trans_YIELD(_a: A.ArgEmpty) {
    return this.hint();
  }
  trans_WFE(_a: A.ArgEmpty) {
    return this.hint();
  }
  trans_WFI(_a: A.ArgEmpty) {
    return this.hint();
  }
  trans_ESB(_a: A.ArgEmpty) {
    return this.hint();
  }
  trans_NOP(a: A.ArgEmpty) {
    if (this.wide && this.insn >>> 20 !== 0xf3a) return this.loadToPcNop(a);
    return this.hint();
  }
  /** T32 signed-halfword loads to PC, which QEMU runs as NOPs: LLVM has no such instruction. */
  private loadToPcNop(_a: A.ArgEmpty): boolean {
    return this.fail();
  }
  trans_CPS(a: A.ArgCps) {
    const flags = (a.A ? "a" : "") + (a.I ? "i" : "") + (a.F ? "f" : "");
    if (!this.wide) return this.emit(a.imod === 3 ? "cpsid" : "cpsie", flags || "none");
    if (a.imod === 1) return this.fail();
    if (a.imod === 0) return a.M ? this.emit("cps", uimm(a.mode)) : this.fail();
    const name = `${a.imod === 2 ? "cpsie" : "cpsid"}.w`;
    if (a.M) return this.emit(name.slice(0, -2), `${flags || "none"}, ${uimm(a.mode)}`);
    if (a.mode) return this.fail();
    return this.emit(name, flags || "none");
  }
  trans_CLREX(_a: A.ArgEmpty) {
    return this.emit(this.op("clrex"));
  }
  trans_DSB(_a: A.ArgEmpty) {
    if ((this.insn & 15) === 12) return this.emit(this.op("dfb"));
    return this.emit(this.op("dsb"), barrierOption(this.insn & 15));
  }
  trans_DMB(_a: A.ArgEmpty) {
    return this.emit(this.op("dmb"), barrierOption(this.insn & 15));
  }
  trans_ISB(_a: A.ArgEmpty) {
    return this.emit(this.op("isb"), isbOption(this.insn & 15));
  }
  trans_MRS_bank(a: A.ArgMrsBank) {
    const name = bankedReg(a.r, a.sysm);
    return name ? this.emit(this.op("mrs"), `${r(a.rd)}, ${name}`) : this.fail();
  }
  trans_MRS_reg(a: A.ArgMrsReg) {
    return this.emit(this.op("mrs"), `${r(a.rd)}, ${a.r ? "spsr" : "apsr"}`);
  }
  trans_MSR_bank(a: A.ArgMsrBank) {
    const name = bankedReg(a.r, a.sysm);
    return name ? this.emit(this.op("msr"), `${name}, ${r(a.rn)}`) : this.fail();
  }
  trans_MSR_reg(a: A.ArgMsrReg) {
    if (!a.r && !a.mask) return this.fail();
    return this.emit(this.op("msr"), `${msrMask(a.r, a.mask)}, ${r(a.rn)}`);
  }
  trans_BXJ(a: A.ArgR) {
    return this.emit(this.op("bxj"), r(a.rm));
  }
  trans_ERET(_a: A.ArgEmpty) {
    return this.emit(this.op("eret"));
  }
  trans_SMC(a: A.ArgI) {
    return this.emit(this.op("smc"), uimm(a.imm));
  }
  trans_HVC(a: A.ArgI) {
    return this.emit("hvc.w", uimm(a.imm));
  }
  trans_UDF(_a: A.ArgEmpty) {
    if (!this.wide) {
      if (this.insn === 0xdef9) return this.fail(); // capstone drops LLVM's __brkdiv0
      if (this.insn === 0xdefe) return this.emit("trap");
      return this.emit("udf", uimm(this.insn & 0xff));
    }
    return this.emit("udf.w", uimm(((this.insn >>> 4) & 0xf000) | (this.insn & 0xfff)));
  }

  // ---- branches ---------------------------------------------------------------------------------

  private target(offset: number): string {
    return uimm((this.pc + 4 + offset) >>> 0);
  }
  trans_B_cond_thumb(a: T.ArgCi) {
    if (a.cond >= 14) {
      // The miscellaneous-control space, where QEMU declines; capstone reads SMC with its SBZ bits ignored.
      if (this.insn >>> 20 === 0xf7f && ((this.insn >>> 12) & 0xf) === 8) return this.emit(this.op("smc"), uimm((this.insn >>> 16) & 15));
      return this.fail();
    }
    this.predicated = false;
    return this.emit(`b${COND[a.cond]}${this.wide ? ".w" : ""}`, this.target(a.imm));
  }
  trans_B(a: A.ArgI) {
    return this.emit(this.op("b", 0, this.wide), this.target(a.imm));
  }
  trans_BL(a: A.ArgI) {
    return this.emit(this.op("bl"), this.target(a.imm));
  }
  trans_BLX_i(a: A.ArgI) {
    if (a.imm & 2) return this.fail(); // H must be 0 (LLVM tBLXi; QEMU declines it too)
    return this.emit(this.op("blx"), uimm((((this.pc + 4) & ~3) + a.imm) >>> 0));
  }
  trans_BX(a: A.ArgR) {
    return this.emit(this.op("bx"), r(a.rm));
  }
  trans_BLX_r(a: A.ArgR) {
    return this.emit(this.op("blx"), r(a.rm));
  }
  trans_CBZ(a: { nz: number; rn: number; imm: number }) {
    this.predicated = false;
    return this.emit(a.nz ? "cbnz" : "cbz", `${r(a.rn)}, ${this.target(a.imm)}`);
  }
  trans_TBB(a: T.ArgTbranch) {
    return this.emit(this.op("tbb"), `[${r(a.rn)}, ${r(a.rm)}]`);
  }
  trans_TBH(a: T.ArgTbranch) {
    return this.emit(this.op("tbh"), `[${r(a.rn)}, ${r(a.rm)}, lsl #1]`);
  }
  trans_BLX_suffix(_a: A.ArgI) {
    return this.fail();
  }
  trans_BL_BLX_prefix(_a: A.ArgI) {
    return this.fail();
  }
  trans_BL_suffix(_a: A.ArgI) {
    return this.fail();
  }

  // ---- loads and stores -------------------------------------------------------------------------

  /** Single loads/stores of either width: register offset, the imm8 forms, imm12, literal. */
  private ldstReg(name: string, a: A.ArgLdstRr): boolean {
    if (!this.wide) return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}, ${r(a.rm)}]`);
    const sh = a.shimm ? `, lsl #${a.shimm}` : "";
    return this.emit(this.op(name, 0, true), `${r(a.rt)}, [${r(a.rn)}, ${r(a.rm)}${sh}]`);
  }
  /**
   * Immediate-offset loads/stores.  T16: `[rn, #imm]`.  T32 (capstone
   * printT2AddrMode*): literal `[pc, #imm]`/`[pc, #-0x..]`, imm12 `[rn, #imm]`,
   * negative imm8 `[rn, #-0x..]`, pre-indexed `[rn, #imm]!` (0 printed),
   * post-indexed `[rn], #imm`.
   */
  private ldstImm(name: string, a: A.ArgLdstRi): boolean {
    const i = this.insn;
    if (!this.wide) {
      if (a.rn === 15) return this.emit(this.op(name), `${r(a.rt)}, [pc, ${uimm(a.imm)}]`);
      return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}${a.imm ? `, ${uimm(a.imm)}` : ""}]`);
    }
    if (a.rn === 15) return this.emit(this.op(name, 0, true), `${r(a.rt)}, [pc, ${a.u ? uimm(a.imm) : negHex(a.imm)}]`);
    if (i & 0x00800000) return this.emit(this.op(name, 0, true), `${r(a.rt)}, [${r(a.rn)}${a.imm ? `, ${uimm(a.imm)}` : ""}]`);
    if (!a.p) return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}], ${a.u ? simm(a.imm) : a.imm ? simm(-a.imm) : "#-0"}`);
    if (!a.u) return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}, ${negHex(a.imm)}]${a.w ? "!" : ""}`);
    return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}, ${uimm(a.imm)}]${a.w ? "!" : ""}`);
  }
  private ldstT(name: string, a: A.ArgLdstRi): boolean {
    if (a.rn === 15 && name.startsWith("str")) return this.fail();
    return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}${a.imm ? `, ${uimm(a.imm)}` : ""}]`);
  }
  private store(name: string, a: A.ArgLdstRi): boolean {
    if (this.wide && a.rn === 15) return this.fail();
    return this.ldstImm(name, a);
  }
  private storeReg(name: string, a: A.ArgLdstRr): boolean {
    if (this.wide && a.rn === 15) return this.fail();
    return this.ldstReg(name, a);
  }
  trans_STRB_rr(a: A.ArgLdstRr) {
    return this.storeReg("strb", a);
  }
  trans_STRB_ri(a: A.ArgLdstRi) {
    return this.store("strb", a);
  }
  trans_STRBT_ri(a: A.ArgLdstRi) {
    return this.ldstT("strbt", a);
  }
  trans_STRH_rr(a: A.ArgLdstRr) {
    return this.storeReg("strh", a);
  }
  trans_STRH_ri(a: A.ArgLdstRi) {
    return this.store("strh", a);
  }
  trans_STRHT_ri(a: A.ArgLdstRi) {
    return this.ldstT("strht", a);
  }
  trans_STR_rr(a: A.ArgLdstRr) {
    return this.storeReg("str", a);
  }
  trans_STR_ri(a: A.ArgLdstRi) {
    return this.store("str", a);
  }
  trans_STRT_ri(a: A.ArgLdstRi) {
    return this.ldstT("strt", a);
  }
  trans_LDRB_ri(a: A.ArgLdstRi) {
    return this.ldstImm("ldrb", a);
  }
  trans_LDRBT_ri(a: A.ArgLdstRi) {
    return this.ldstT("ldrbt", a);
  }
  trans_LDRB_rr(a: A.ArgLdstRr) {
    return this.ldstReg("ldrb", a);
  }
  trans_LDRH_ri(a: A.ArgLdstRi) {
    return this.ldstImm("ldrh", a);
  }
  trans_LDRHT_ri(a: A.ArgLdstRi) {
    return this.ldstT("ldrht", a);
  }
  trans_LDRH_rr(a: A.ArgLdstRr) {
    return this.ldstReg("ldrh", a);
  }
  trans_LDR_ri(a: A.ArgLdstRi) {
    return this.ldstImm("ldr", a);
  }
  trans_LDRT_ri(a: A.ArgLdstRi) {
    return this.ldstT("ldrt", a);
  }
  trans_LDR_rr(a: A.ArgLdstRr) {
    return this.ldstReg("ldr", a);
  }
  trans_LDRSB_ri(a: A.ArgLdstRi) {
    return this.ldstImm("ldrsb", a);
  }
  trans_LDRSBT_ri(a: A.ArgLdstRi) {
    return this.ldstT("ldrsbt", a);
  }
  trans_LDRSB_rr(a: A.ArgLdstRr) {
    return this.ldstReg("ldrsb", a);
  }
  trans_LDRSH_ri(a: A.ArgLdstRi) {
    return this.ldstImm("ldrsh", a);
  }
  trans_LDRSHT_ri(a: A.ArgLdstRi) {
    return this.ldstT("ldrsht", a);
  }
  trans_LDRSH_rr(a: A.ArgLdstRr) {
    return this.ldstReg("ldrsh", a);
  }
  /** PLD/PLDW/PLI: the same four addressing forms as the loads they share space with. */
  private preload(name: string): boolean {
    const i = this.insn;
    const rn = (i >>> 16) & 15;
    if (rn === 15) {
      const up = i & 0x00800000;
      if (name !== "pld" && name !== "pli") return this.fail();
      // The halfword (bit 21) forms: only capstone's decode of U = 0 with a non-register-looking offset.
      if (i & 0x00200000 && (up || (i & 0xfc0) === 0 || (i & 0xf00) === 0xc00)) return this.fail();
      return this.emit(name, `[pc, ${up ? uimm(i & 0xfff) : negHex(i & 0xfff)}]`);
    }
    if (i & 0x00800000) return this.emit(name, `[${r(rn)}${i & 0xfff ? `, ${uimm(i & 0xfff)}` : ""}]`);
    if ((i & 0xf00) === 0xc00) return this.emit(name, `[${r(rn)}, ${negHex(i & 0xff)}]`);
    const sh = (i >>> 4) & 3;
    return this.emit(name, `[${r(rn)}, ${r(i & 15)}${sh ? `, lsl #${sh}` : ""}]`);
  }
  trans_PLD(_a: A.ArgEmpty) {
    return this.preload("pld");
  }
  trans_PLDW(_a: A.ArgEmpty) {
    return this.preload("pldw");
  }
  trans_PLI(_a: A.ArgEmpty) {
    return this.preload("pli");
  }
  private dual2(name: string, a: T.ArgLdstRi2): boolean {
    const regs = `${r(a.rt)}, ${r(a.rt2)}`;
    if (!a.p) return this.emit(this.op(name), `${regs}, [${r(a.rn)}], ${a.u ? simm(a.imm) : a.imm ? simm(-a.imm) : "#-0"}`);
    if (!a.u) return this.emit(this.op(name), `${regs}, [${r(a.rn)}, ${negHex(a.imm)}]${a.w ? "!" : ""}`);
    const off = a.imm || a.w ? `, ${uimm(a.imm)}` : "";
    return this.emit(this.op(name), `${regs}, [${r(a.rn)}${off}]${a.w ? "!" : ""}`);
  }
  trans_STRD_ri_t32(a: T.ArgLdstRi2) {
    return this.dual2("strd", a);
  }
  trans_LDRD_ri_t32(a: T.ArgLdstRi2) {
    return this.dual2("ldrd", a);
  }
  private exOff(imm: number): string {
    return imm ? `, ${uimm(imm)}` : "";
  }
  trans_STREX(a: A.ArgStrex) {
    // Rt == 1111 is the ARMv8-M TT encoding, which capstone decodes (QEMU: STREX on this CPU).
    if (a.rt === 15) {
      const name = `tt${this.bit(7) ? "a" : ""}${this.bit(6) ? "t" : ""}`;
      return this.emit(this.op(name), `${r((this.insn >>> 8) & 15)}, ${r(a.rn)}`);
    }
    return this.emit(this.op("strex"), `${r(a.rd)}, ${r(a.rt)}, [${r(a.rn)}${this.exOff(a.imm)}]`);
  }
  trans_STREXB(a: A.ArgStrex) {
    return this.emit(this.op("strexb"), `${r(a.rd)}, ${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_STREXH(a: A.ArgStrex) {
    return this.emit(this.op("strexh"), `${r(a.rd)}, ${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_STREXD_t32(a: A.ArgStrex) {
    return this.emit(this.op("strexd"), `${r(a.rd)}, ${r(a.rt)}, ${r(a.rt2)}, [${r(a.rn)}]`);
  }
  trans_LDREX(a: A.ArgLdrex) {
    return this.emit(this.op("ldrex"), `${r(a.rt)}, [${r(a.rn)}${this.exOff(a.imm)}]`);
  }
  trans_LDREXB(a: A.ArgLdrex) {
    return this.emit(this.op("ldrexb"), `${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_LDREXH(a: A.ArgLdrex) {
    return this.emit(this.op("ldrexh"), `${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_LDREXD_t32(a: A.ArgLdrex) {
    return this.emit(this.op("ldrexd"), `${r(a.rt)}, ${r(a.rt2)}, [${r(a.rn)}]`);
  }

  // ---- block transfers ---------------------------------------------------------------------------

  trans_STM(a: A.ArgLdstBlock) {
    // T16 only (T32 uses STM_t32): STMIA Rn!, or PUSH.
    if ((a.list & 0xffff) === 0) return this.fail();
    if (a.rn === 13) return this.emit(this.op("push"), regList(a.list));
    if (a.list === 0) return this.fail();
    return this.emit(this.op("stm"), `${r(a.rn)}!, ${regList(a.list)}`);
  }
  trans_LDM_t16(a: A.ArgLdstBlock) {
    if ((a.list & 0xffff) === 0) return this.fail();
    if (a.rn === 13) return this.emit(this.op("pop"), regList(a.list));
    if (a.list === 0) return this.fail();
    const wb = a.list & (1 << a.rn) ? "" : "!";
    return this.emit(this.op("ldm"), `${r(a.rn)}${wb}, ${regList(a.list)}`);
  }
  private block32(load: boolean, a: A.ArgLdstBlock): boolean {
    const db = a.b === 1;
    if (a.list === 0) return this.fail();
    if (!load && a.list & 0xa000) return this.fail(); // SP and PC cannot be stored (t2STM encodings fix those bits)
    if (a.rn === 13 && a.w && (a.list & (a.list - 1)) !== 0) {
      if (load && !db) return this.emit(this.op("pop", 0, true), regList(a.list));
      if (!load && db) return this.emit(this.op("push", 0, true), regList(a.list));
    }
    const name = (load ? "ldm" : "stm") + (db ? "db" : "");
    return this.emit(this.op(name, 0, !db), `${r(a.rn)}${a.w ? "!" : ""}, ${regList(a.list)}`);
  }
  trans_STM_t32(a: A.ArgLdstBlock) {
    return this.block32(false, a);
  }
  trans_LDM_t32(a: A.ArgLdstBlock) {
    return this.block32(true, a);
  }
  trans_RFE(a: { rn: number; w: number; pu: number }) {
    return this.emit(this.op(a.pu === 1 ? "rfeia" : "rfedb"), `${r(a.rn)}${a.w ? "!" : ""}`);
  }
  trans_SRS(a: { mode: number; w: number; pu: number }) {
    return this.emit(this.op(a.pu === 1 ? "srsia" : "srsdb"), `sp${a.w ? "!" : ""}, ${uimm(a.mode)}`);
  }

  // ---- coprocessors ---------------------------------------------------------------------------------

  trans_MCRR(a: A.ArgMcrr) {
    if (a.cp === 10 || a.cp === 11) return false; // the VFP decoder's space (QEMU valid_cp)
    return this.emit(this.op("mcrr"), `p${a.cp}, ${uimm(a.opc1)}, ${r(a.rt)}, ${r(a.rt2)}, c${a.crm}`);
  }
  trans_MRRC(a: A.ArgMcrr) {
    if (a.cp === 10 || a.cp === 11) return false; // the VFP decoder's space (QEMU valid_cp)
    return this.emit(this.op("mrrc"), `p${a.cp}, ${uimm(a.opc1)}, ${r(a.rt)}, ${r(a.rt2)}, c${a.crm}`);
  }
  /**
   * MCR/MRC p9 in the shape of VMOV between a core register and a
   * half-precision register: capstone (FullFP16 enabled) prints that
   * instruction, although QEMU has no FP16 arithmetic on this CPU.
   */
  private vmovHalf(a: A.ArgMcr, toCore: boolean): boolean | undefined {
    if (a.cp !== 9 || a.opc1 !== 0 || a.crm !== 0 || (a.opc2 & 3) !== 0) return undefined;
    const sreg = `s${(a.crn << 1) | (a.opc2 >>> 2)}`;
    const name = `vmov${this.cond}.f16`;
    return this.emit(name, toCore ? `${r(a.rt)}, ${sreg}` : `${sreg}, ${r(a.rt)}`);
  }
  trans_MCR(a: A.ArgMcr) {
    if (a.cp === 10 || a.cp === 11) return false; // the VFP decoder's space (QEMU valid_cp)
    const half = this.vmovHalf(a, false);
    if (half !== undefined) return half;
    return this.emit(this.op("mcr"), `p${a.cp}, ${uimm(a.opc1)}, ${r(a.rt)}, c${a.crn}, c${a.crm}, ${uimm(a.opc2)}`);
  }
  trans_MRC(a: A.ArgMcr) {
    if (a.cp === 10 || a.cp === 11) return false; // the VFP decoder's space (QEMU valid_cp)
    const half = this.vmovHalf(a, true);
    if (half !== undefined) return half;
    const rt = a.rt === 15 ? "apsr_nzcv" : r(a.rt);
    return this.emit(this.op("mrc"), `p${a.cp}, ${uimm(a.opc1)}, ${rt}, c${a.crn}, c${a.crm}, ${uimm(a.opc2)}`);
  }

  // ---- T16 only ---------------------------------------------------------------------------------------

  trans_SETEND(a: A.ArgSetend) {
    this.predicated = false;
    return this.emit("setend", a.E ? "be" : "le");
  }
  trans_IT(a: { cond_mask: number }) {
    // LLVM DecodeIT turns a first condition of 1111 into AL (1110).
    const first = Math.min(a.cond_mask >>> 4, 14);
    const mask = a.cond_mask & 15;
    const nested = this.it.length > 0;
    this.predicated = false;
    let suffix = "";
    const tz = 31 - Math.clz32(mask & -mask);
    for (let pos = 3; pos > tz; pos--) suffix += ((mask >>> pos) & 1) === (first & 1) ? "t" : "e";
    this.emit(`it${suffix}`, first === 14 ? "al" : COND[first]!);
    if (!nested) {
      // LLVM ITStatus::setITState: the first condition is used first (pushed last).
      const states: number[] = [];
      for (let pos = tz + 1; pos <= 3; pos++) states.push(((mask >>> pos) & 1) === (first & 1) ? first : first ^ 1);
      states.push(first);
      this.it.length = 0;
      this.it.push(...states);
    }
    return true;
  }
  trans_HLT(_a: A.ArgI) {
    return this.fail();
  }
  trans_BKPT(a: A.ArgI) {
    this.predicated = true;
    return this.emit("bkpt", uimm(a.imm));
  }
  trans_SVC(a: A.ArgI) {
    return this.emit(this.op("svc"), uimm(a.imm));
  }
}
