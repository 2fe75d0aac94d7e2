/**
 * A32 disassembly text, in the form capstone 5 prints it (what QEMU 10 logs
 * for `-d in_asm`).  The instruction is identified by the generated decoders
 * (decode-a32.ts for the conditional and unconditional spaces); each
 * trans_* method spells its pattern.  Where capstone's decoder (LLVM's)
 * rejects an encoding QEMU accepts -- mostly "should be" bits and
 * UNPREDICTABLE register choices that LLVM flags as SoftFail -- the method
 * returns no text and the caller prints `.byte` as capstone's SKIPDATA does.
 */
import * as A from "./decode-a32.ts";
import {
  barrierOption,
  bankedReg,
  COND,
  type InsnText,
  isbOption,
  modImm,
  msrMask,
  r,
  regImmShift,
  regList,
  signedOffset,
  uimm,
} from "./disas-format.ts";

const LDM_MODE = ["da", "", "db", "ib"];

/** Formats one A32 word; `text` is null when capstone would not decode it. */
export class A32Disassembler implements A.A32DecodeHandler {
  readonly condexecMask = 0;
  insn = 0;
  pc = 0;
  text: InsnText | null = null;

  private get cond(): string {
    return COND[this.insn >>> 28]!;
  }

  /** Mnemonic with the S suffix (when set) and then the condition, as LLVM orders them. */
  private op(name: string, s = 0): string {
    return name + (s ? "s" : "") + this.cond;
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

  // ---- data processing ------------------------------------------------------

  private dpShiftImm(name: string, a: A.ArgSRrrShi): boolean {
    return this.emit(this.op(name, a.s), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}${regImmShift(a.shty, a.shim)}`);
  }
  private cmpShiftImm(name: string, a: A.ArgSRrrShi): boolean {
    return this.emit(this.op(name), `${r(a.rn)}, ${r(a.rm)}${regImmShift(a.shty, a.shim)}`);
  }
  private dpShiftReg(name: string, a: A.ArgSRrrShr): boolean {
    return this.emit(this.op(name, a.s), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}, ${SHIFTS[a.shty]} ${r(a.rs)}`);
  }
  private cmpShiftReg(name: string, a: A.ArgSRrrShr): boolean {
    return this.emit(this.op(name), `${r(a.rn)}, ${r(a.rm)}, ${SHIFTS[a.shty]} ${r(a.rs)}`);
  }
  private dpImm(name: string, a: A.ArgSRriRot): boolean {
    return this.emit(this.op(name, a.s), `${r(a.rd)}, ${r(a.rn)}, ${modImm(a.imm, a.rot)}`);
  }
  private cmpImm(name: string, a: A.ArgSRriRot): boolean {
    return this.emit(this.op(name), `${r(a.rn)}, ${modImm(a.imm, a.rot)}`);
  }

  trans_AND_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("and", a);
  }
  trans_EOR_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("eor", a);
  }
  trans_SUB_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("sub", a);
  }
  trans_RSB_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("rsb", a);
  }
  trans_ADD_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("add", a);
  }
  trans_ADC_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("adc", a);
  }
  trans_SBC_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("sbc", a);
  }
  trans_RSC_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("rsc", a);
  }
  trans_TST_xrri(a: A.ArgSRrrShi) {
    return this.cmpShiftImm("tst", a);
  }
  trans_TEQ_xrri(a: A.ArgSRrrShi) {
    return this.cmpShiftImm("teq", a);
  }
  trans_CMP_xrri(a: A.ArgSRrrShi) {
    return this.cmpShiftImm("cmp", a);
  }
  trans_CMN_xrri(a: A.ArgSRrrShi) {
    return this.cmpShiftImm("cmn", a);
  }
  trans_ORR_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("orr", a);
  }
  trans_BIC_rrri(a: A.ArgSRrrShi) {
    return this.dpShiftImm("bic", a);
  }
  trans_MOV_rxri(a: A.ArgSRrrShi) {
    // LLVM's MOVsi prints as the shift instruction; the unshifted form is MOVr.
    if (a.shty === 0 && a.shim === 0) return this.emit(this.op("mov", a.s), `${r(a.rd)}, ${r(a.rm)}`);
    if (a.shty === 3 && a.shim === 0) return this.emit(this.op("rrx", a.s), `${r(a.rd)}, ${r(a.rm)}`);
    return this.emit(this.op(SHIFTS[a.shty]!, a.s), `${r(a.rd)}, ${r(a.rm)}, ${uimm(a.shim === 0 ? 32 : a.shim)}`);
  }
  trans_MVN_rxri(a: A.ArgSRrrShi) {
    return this.emit(this.op("mvn", a.s), `${r(a.rd)}, ${r(a.rm)}${regImmShift(a.shty, a.shim)}`);
  }
  trans_MOVW(a: A.ArgRi) {
    return this.emit(this.op("movw"), `${r(a.rd)}, ${uimm(a.imm)}`);
  }
  trans_MOVT(a: A.ArgRi) {
    return this.emit(this.op("movt"), `${r(a.rd)}, ${uimm(a.imm)}`);
  }

  trans_AND_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("and", a);
  }
  trans_EOR_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("eor", a);
  }
  trans_SUB_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("sub", a);
  }
  trans_RSB_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("rsb", a);
  }
  trans_ADD_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("add", a);
  }
  trans_ADC_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("adc", a);
  }
  trans_SBC_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("sbc", a);
  }
  trans_RSC_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("rsc", a);
  }
  trans_TST_xrrr(a: A.ArgSRrrShr) {
    return this.cmpShiftReg("tst", a);
  }
  trans_TEQ_xrrr(a: A.ArgSRrrShr) {
    return this.cmpShiftReg("teq", a);
  }
  trans_CMP_xrrr(a: A.ArgSRrrShr) {
    return this.cmpShiftReg("cmp", a);
  }
  trans_CMN_xrrr(a: A.ArgSRrrShr) {
    return this.cmpShiftReg("cmn", a);
  }
  trans_ORR_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("orr", a);
  }
  trans_MOV_rxrr(a: A.ArgSRrrShr) {
    return this.emit(this.op(SHIFTS[a.shty]!, a.s), `${r(a.rd)}, ${r(a.rm)}, ${r(a.rs)}`);
  }
  trans_BIC_rrrr(a: A.ArgSRrrShr) {
    return this.dpShiftReg("bic", a);
  }
  trans_MVN_rxrr(a: A.ArgSRrrShr) {
    return this.emit(this.op("mvn", a.s), `${r(a.rd)}, ${r(a.rm)}, ${SHIFTS[a.shty]} ${r(a.rs)}`);
  }

  trans_AND_rri(a: A.ArgSRriRot) {
    return this.dpImm("and", a);
  }
  trans_EOR_rri(a: A.ArgSRriRot) {
    return this.dpImm("eor", a);
  }
  trans_SUB_rri(a: A.ArgSRriRot) {
    return this.dpImm("sub", a);
  }
  trans_RSB_rri(a: A.ArgSRriRot) {
    return this.dpImm("rsb", a);
  }
  trans_ADD_rri(a: A.ArgSRriRot) {
    return this.dpImm("add", a);
  }
  trans_ADC_rri(a: A.ArgSRriRot) {
    return this.dpImm("adc", a);
  }
  trans_SBC_rri(a: A.ArgSRriRot) {
    return this.dpImm("sbc", a);
  }
  trans_RSC_rri(a: A.ArgSRriRot) {
    return this.dpImm("rsc", a);
  }
  trans_TST_xri(a: A.ArgSRriRot) {
    return this.cmpImm("tst", a);
  }
  trans_TEQ_xri(a: A.ArgSRriRot) {
    return this.cmpImm("teq", a);
  }
  trans_CMP_xri(a: A.ArgSRriRot) {
    return this.cmpImm("cmp", a);
  }
  trans_CMN_xri(a: A.ArgSRriRot) {
    return this.cmpImm("cmn", a);
  }
  trans_ORR_rri(a: A.ArgSRriRot) {
    return this.dpImm("orr", a);
  }
  trans_MOV_rxi(a: A.ArgSRriRot) {
    return this.emit(this.op("mov", a.s), `${r(a.rd)}, ${modImm(a.imm, a.rot, a.rd === 15)}`);
  }
  trans_BIC_rri(a: A.ArgSRriRot) {
    return this.dpImm("bic", a);
  }
  trans_MVN_rxi(a: A.ArgSRriRot) {
    return this.emit(this.op("mvn", a.s), `${r(a.rd)}, ${modImm(a.imm, a.rot)}`);
  }

  // ---- multiplies ------------------------------------------------------------

  trans_MUL(a: A.ArgSRrrr) {
    return this.emit(this.op("mul", a.s), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  trans_MLA(a: A.ArgSRrrr) {
    return this.emit(this.op("mla", a.s), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}, ${r(a.ra)}`);
  }
  trans_MLS(a: A.ArgRrrr) {
    return this.emit(this.op("mls"), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}, ${r(a.ra)}`);
  }
  private long(name: string, a: { rd: number; rn: number; rm: number; ra: number; s?: number }): boolean {
    return this.emit(this.op(name, a.s ?? 0), `${r(a.ra)}, ${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  trans_UMAAL(a: A.ArgRrrr) {
    return this.long("umaal", a);
  }
  trans_UMULL(a: A.ArgSRrrr) {
    return this.long("umull", a);
  }
  trans_UMLAL(a: A.ArgSRrrr) {
    return this.long("umlal", a);
  }
  trans_SMULL(a: A.ArgSRrrr) {
    return this.long("smull", a);
  }
  trans_SMLAL(a: A.ArgSRrrr) {
    return this.long("smlal", a);
  }
  private rrr(name: string, a: A.ArgRrr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  /** QADD and friends take Rm before Rn. */
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
  private rrrr(name: string, a: A.ArgRrrr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}, ${r(a.ra)}`);
  }
  private rrr0(name: string, a: A.ArgRrrr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
  }
  trans_SMLABB(a: A.ArgRrrr) {
    return this.rrrr("smlabb", a);
  }
  trans_SMLABT(a: A.ArgRrrr) {
    return this.rrrr("smlabt", a);
  }
  trans_SMLATB(a: A.ArgRrrr) {
    return this.rrrr("smlatb", a);
  }
  trans_SMLATT(a: A.ArgRrrr) {
    return this.rrrr("smlatt", a);
  }
  trans_SMLAWB(a: A.ArgRrrr) {
    return this.rrrr("smlawb", a);
  }
  trans_SMLAWT(a: A.ArgRrrr) {
    return this.rrrr("smlawt", a);
  }
  trans_SMULWB(a: A.ArgRrrr) {
    return this.rrr0("smulwb", a);
  }
  trans_SMULWT(a: A.ArgRrrr) {
    return this.rrr0("smulwt", a);
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
  trans_SMULBB(a: A.ArgRrrr) {
    return this.rrr0("smulbb", a);
  }
  trans_SMULBT(a: A.ArgRrrr) {
    return this.rrr0("smulbt", a);
  }
  trans_SMULTB(a: A.ArgRrrr) {
    return this.rrr0("smultb", a);
  }
  trans_SMULTT(a: A.ArgRrrr) {
    return this.rrr0("smultt", a);
  }

  // ---- hints, status registers, miscellaneous ---------------------------------------

  /** The hint space: capstone needs the SBO/SBZ bits (15:8 = 1111 0000). */
  private hint(): boolean {
    if ((this.insn & 0xff00) !== 0xf000) return this.fail();
    const op = this.insn & 0xff;
    // SEVL is ARMv8: LLVM prints it as a plain hint.
    const names: Record<number, string> = { 0: "nop", 1: "yield", 2: "wfe", 3: "wfi", 4: "sev", 0x10: "esb", 0x14: "csdb" };
    const name = names[op];
    if (name) return this.emit(this.op(name));
    if (op >= 0xf0) return this.emit(this.op("dbg"), uimm(op & 15));
    return this.emit(this.op("hint"), uimm(op));
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
  trans_NOP(_a: A.ArgEmpty) {
    return this.hint();
  }
  trans_MSR_imm(a: A.ArgMsrI) {
    return this.emit(this.op("msr"), `${msrMask(a.r, a.mask)}, ${modImm(a.imm, a.rot * 2, true)}`);
  }
  trans_MRS_bank(a: A.ArgMrsBank) {
    const name = bankedReg(a.r, a.sysm);
    return name ? this.emit(this.op("mrs"), `${r(a.rd)}, ${name}`) : this.fail();
  }
  trans_MSR_bank(a: A.ArgMsrBank) {
    const name = bankedReg(a.r, a.sysm);
    return name ? this.emit(this.op("msr"), `${name}, ${r(a.rn)}`) : this.fail();
  }
  trans_MRS_reg(a: A.ArgMrsReg) {
    return this.emit(this.op("mrs"), `${r(a.rd)}, ${a.r ? "spsr" : "apsr"}`);
  }
  trans_MSR_reg(a: A.ArgMsrReg) {
    if (!a.r && !a.mask) return this.fail(); // LLVM DecodeMSRMask: no field at all
    return this.emit(this.op("msr"), `${msrMask(a.r, a.mask)}, ${r(a.rn)}`);
  }
  trans_BX(a: A.ArgR) {
    return this.emit(this.op("bx"), r(a.rm));
  }
  trans_BXJ(a: A.ArgR) {
    return this.emit(this.op("bxj"), r(a.rm));
  }
  trans_BLX_r(a: A.ArgR) {
    return this.emit(this.op("blx"), r(a.rm));
  }
  trans_CLZ(a: A.ArgRr) {
    return this.emit(this.op("clz"), `${r(a.rd)}, ${r(a.rm)}`);
  }
  trans_ERET(_a: A.ArgEmpty) {
    return this.emit(this.op("eret"));
  }
  trans_HLT(_a: A.ArgI) {
    // ARMv8: not in capstone's ARMv7 feature set.
    return this.fail();
  }
  trans_BKPT(a: A.ArgI) {
    if (this.insn >>> 28 !== 14) return this.fail();
    return this.emit("bkpt", uimm(a.imm));
  }
  trans_HVC(a: A.ArgI) {
    return this.emit("hvc", uimm(a.imm));
  }
  trans_SMC(a: A.ArgI) {
    return this.emit(this.op("smc"), uimm(a.imm));
  }

  // ---- loads and stores --------------------------------------------------------------

  /** Addressing mode 3 (halfword, signed byte, doubleword), register offset. */
  private am3Reg(name: string, rt: string, a: A.ArgLdstRr): boolean {
    const off = `${a.u ? "" : "-"}${r(a.rm)}`;
    if (!a.p) return this.emit(this.op(name), `${rt}, [${r(a.rn)}], ${off}`);
    return this.emit(this.op(name), `${rt}, [${r(a.rn)}, ${off}]${a.w ? "!" : ""}`);
  }
  /** Addressing mode 3, immediate offset. */
  private am3Imm(name: string, rt: string, a: A.ArgLdstRi): boolean {
    const sub = !a.u;
    if (!a.p) return this.emit(this.op(name), `${rt}, [${r(a.rn)}], ${signedOffset(sub, a.imm)}`);
    const off = a.imm || sub || a.w ? `, ${signedOffset(sub, a.imm)}` : "";
    return this.emit(this.op(name), `${rt}, [${r(a.rn)}${off}]${a.w ? "!" : ""}`);
  }
  private pair(rt: number): string {
    return `${r(rt)}, ${r(rt + 1)}`;
  }
  /** LLVM's GPRPair operand: the even/odd pair containing Rt; none above r13. */
  private gprPair(rt: number): string {
    return this.pair(rt & ~1);
  }
  trans_STRH_rr(a: A.ArgLdstRr) {
    return this.am3Reg("strh", r(a.rt), a);
  }
  trans_LDRD_rr(a: A.ArgLdstRr) {
    if (a.rt === 15) return this.fail();
    return this.am3Reg("ldrd", this.pair(a.rt), a);
  }
  trans_STRD_rr(a: A.ArgLdstRr) {
    if (a.rt === 15) return this.fail();
    return this.am3Reg("strd", this.pair(a.rt), a);
  }
  trans_LDRH_rr(a: A.ArgLdstRr) {
    return this.am3Reg("ldrh", r(a.rt), a);
  }
  trans_LDRSB_rr(a: A.ArgLdstRr) {
    return this.am3Reg("ldrsb", r(a.rt), a);
  }
  trans_LDRSH_rr(a: A.ArgLdstRr) {
    return this.am3Reg("ldrsh", r(a.rt), a);
  }
  trans_STRHT_rr(a: A.ArgLdstRr) {
    return this.am3Reg("strht", r(a.rt), a);
  }
  trans_LDRHT_rr(a: A.ArgLdstRr) {
    return this.am3Reg("ldrht", r(a.rt), a);
  }
  trans_LDRSBT_rr(a: A.ArgLdstRr) {
    return this.am3Reg("ldrsbt", r(a.rt), a);
  }
  trans_LDRSHT_rr(a: A.ArgLdstRr) {
    return this.am3Reg("ldrsht", r(a.rt), a);
  }
  trans_STRH_ri(a: A.ArgLdstRi) {
    return this.am3Imm("strh", r(a.rt), a);
  }
  trans_LDRD_ri_a32(a: A.ArgLdstRi) {
    if (a.rt === 15) return this.fail();
    return this.am3Imm("ldrd", this.pair(a.rt), a);
  }
  trans_STRD_ri_a32(a: A.ArgLdstRi) {
    if (a.rt === 15) return this.fail();
    return this.am3Imm("strd", this.pair(a.rt), a);
  }
  trans_LDRH_ri(a: A.ArgLdstRi) {
    return this.am3Imm("ldrh", r(a.rt), a);
  }
  trans_LDRSB_ri(a: A.ArgLdstRi) {
    return this.am3Imm("ldrsb", r(a.rt), a);
  }
  trans_LDRSH_ri(a: A.ArgLdstRi) {
    return this.am3Imm("ldrsh", r(a.rt), a);
  }
  trans_STRHT_ri(a: A.ArgLdstRi) {
    return this.am3Imm("strht", r(a.rt), a);
  }
  trans_LDRHT_ri(a: A.ArgLdstRi) {
    return this.am3Imm("ldrht", r(a.rt), a);
  }
  trans_LDRSBT_ri(a: A.ArgLdstRi) {
    return this.am3Imm("ldrsbt", r(a.rt), a);
  }
  trans_LDRSHT_ri(a: A.ArgLdstRi) {
    return this.am3Imm("ldrsht", r(a.rt), a);
  }

  /** Addressing mode 2 (word and unsigned byte), register offset with shift. */
  private am2Reg(name: string, a: A.ArgLdstRr): boolean {
    const off = `${a.u ? "" : "-"}${r(a.rm)}${regImmShift(a.shtype, a.shimm)}`;
    if (!a.p) return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}], ${off}`);
    return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}, ${off}]${a.w ? "!" : ""}`);
  }
  /** Addressing mode 2, 12-bit immediate offset. */
  private am2Imm(name: string, a: A.ArgLdstRi): boolean {
    const sub = !a.u;
    if (!a.p) return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}], ${signedOffset(sub, a.imm)}`);
    const off = a.imm || sub || a.w ? `, ${signedOffset(sub, a.imm)}` : ""; // pre-indexed prints #0
    return this.emit(this.op(name), `${r(a.rt)}, [${r(a.rn)}${off}]${a.w ? "!" : ""}`);
  }
  trans_STR_rr(a: A.ArgLdstRr) {
    return this.am2Reg("str", a);
  }
  trans_STRB_rr(a: A.ArgLdstRr) {
    return this.am2Reg("strb", a);
  }
  trans_LDR_rr(a: A.ArgLdstRr) {
    return this.am2Reg("ldr", a);
  }
  trans_LDRB_rr(a: A.ArgLdstRr) {
    return this.am2Reg("ldrb", a);
  }
  trans_STRT_rr(a: A.ArgLdstRr) {
    return this.am2Reg("strt", a);
  }
  trans_STRBT_rr(a: A.ArgLdstRr) {
    return this.am2Reg("strbt", a);
  }
  trans_LDRT_rr(a: A.ArgLdstRr) {
    return this.am2Reg("ldrt", a);
  }
  trans_LDRBT_rr(a: A.ArgLdstRr) {
    return this.am2Reg("ldrbt", a);
  }
  trans_STR_ri(a: A.ArgLdstRi) {
    // STR Rt, [SP, #-4]! is PUSH {Rt}.
    if (a.p && a.w && !a.u && a.rn === 13 && a.imm === 4 && a.rt !== 15) return this.emit(this.op("push"), `{${r(a.rt)}}`);
    return this.am2Imm("str", a);
  }
  trans_STRB_ri(a: A.ArgLdstRi) {
    return this.am2Imm("strb", a);
  }
  trans_LDR_ri(a: A.ArgLdstRi) {
    // LDR Rt, [SP], #4 is POP {Rt}.
    if (!a.p && a.u && a.rn === 13 && a.imm === 4) return this.emit(this.op("pop"), `{${r(a.rt)}}`);
    return this.am2Imm("ldr", a);
  }
  trans_LDRB_ri(a: A.ArgLdstRi) {
    return this.am2Imm("ldrb", a);
  }
  trans_STRT_ri(a: A.ArgLdstRi) {
    return this.am2Imm("strt", a);
  }
  trans_STRBT_ri(a: A.ArgLdstRi) {
    return this.am2Imm("strbt", a);
  }
  trans_LDRT_ri(a: A.ArgLdstRi) {
    return this.am2Imm("ldrt", a);
  }
  trans_LDRBT_ri(a: A.ArgLdstRi) {
    return this.am2Imm("ldrbt", a);
  }

  trans_SWP(a: A.ArgSwp) {
    return this.emit(this.op("swp"), `${r(a.rt)}, ${r(a.rt2)}, [${r(a.rn)}]`);
  }
  trans_SWPB(a: A.ArgSwp) {
    return this.emit(this.op("swpb"), `${r(a.rt)}, ${r(a.rt2)}, [${r(a.rn)}]`);
  }
  trans_STREX(a: A.ArgStrex) {
    return this.emit(this.op("strex"), `${r(a.rd)}, ${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_STREXD_a32(a: A.ArgStrex) {
    if (a.rt > 13) return this.fail();
    return this.emit(this.op("strexd"), `${r(a.rd)}, ${this.gprPair(a.rt)}, [${r(a.rn)}]`);
  }
  trans_STREXB(a: A.ArgStrex) {
    return this.emit(this.op("strexb"), `${r(a.rd)}, ${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_STREXH(a: A.ArgStrex) {
    return this.emit(this.op("strexh"), `${r(a.rd)}, ${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_LDREX(a: A.ArgLdrex) {
    return this.emit(this.op("ldrex"), `${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_LDREXD_a32(a: A.ArgLdrex) {
    if (a.rt > 13) return this.fail();
    return this.emit(this.op("ldrexd"), `${this.gprPair(a.rt)}, [${r(a.rn)}]`);
  }
  trans_LDREXB(a: A.ArgLdrex) {
    return this.emit(this.op("ldrexb"), `${r(a.rt)}, [${r(a.rn)}]`);
  }
  trans_LDREXH(a: A.ArgLdrex) {
    return this.emit(this.op("ldrexh"), `${r(a.rt)}, [${r(a.rn)}]`);
  }

  // ---- media ---------------------------------------------------------------------------

  trans_USADA8(a: A.ArgRrrr) {
    if (a.ra === 15) return this.emit(this.op("usad8"), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}`);
    return this.rrrr("usada8", a);
  }
  trans_SBFX(a: A.ArgBfx) {
    return this.emit(this.op("sbfx"), `${r(a.rd)}, ${r(a.rn)}, ${uimm(a.lsb)}, ${uimm(a.widthm1 + 1)}`);
  }
  trans_UBFX(a: A.ArgBfx) {
    return this.emit(this.op("ubfx"), `${r(a.rd)}, ${r(a.rn)}, ${uimm(a.lsb)}, ${uimm(a.widthm1 + 1)}`);
  }
  trans_BFCI(a: A.ArgBfi) {
    // LLVM DecodeBitfieldMaskOperand: with lsb > msb it uses lsb = msb.
    const lsb = Math.min(a.lsb, a.msb);
    const width = uimm(a.msb - lsb + 1);
    if (a.rn === 15) return this.emit(this.op("bfc"), `${r(a.rd)}, ${uimm(lsb)}, ${width}`);
    return this.emit(this.op("bfi"), `${r(a.rd)}, ${r(a.rn)}, ${uimm(lsb)}, ${width}`);
  }
  trans_UDF(_a: A.ArgEmpty) {
    if (this.insn === 0xe7ffdefe || this.insn === 0xe7fedef0) return this.emit("trap"); // LLVM's TRAP and TRAPNaCl
    return this.emit("udf", uimm(((this.insn >>> 4) & 0xfff0) | (this.insn & 15)));
  }
  trans_SADD16(a: A.ArgRrr) {
    return this.rrr("sadd16", a);
  }
  trans_SASX(a: A.ArgRrr) {
    return this.rrr("sasx", a);
  }
  trans_SSAX(a: A.ArgRrr) {
    return this.rrr("ssax", a);
  }
  trans_SSUB16(a: A.ArgRrr) {
    return this.rrr("ssub16", a);
  }
  trans_SADD8(a: A.ArgRrr) {
    return this.rrr("sadd8", a);
  }
  trans_SSUB8(a: A.ArgRrr) {
    return this.rrr("ssub8", a);
  }
  trans_QADD16(a: A.ArgRrr) {
    return this.rrr("qadd16", a);
  }
  trans_QASX(a: A.ArgRrr) {
    return this.rrr("qasx", a);
  }
  trans_QSAX(a: A.ArgRrr) {
    return this.rrr("qsax", a);
  }
  trans_QSUB16(a: A.ArgRrr) {
    return this.rrr("qsub16", a);
  }
  trans_QADD8(a: A.ArgRrr) {
    return this.rrr("qadd8", a);
  }
  trans_QSUB8(a: A.ArgRrr) {
    return this.rrr("qsub8", a);
  }
  trans_SHADD16(a: A.ArgRrr) {
    return this.rrr("shadd16", a);
  }
  trans_SHASX(a: A.ArgRrr) {
    return this.rrr("shasx", a);
  }
  trans_SHSAX(a: A.ArgRrr) {
    return this.rrr("shsax", a);
  }
  trans_SHSUB16(a: A.ArgRrr) {
    return this.rrr("shsub16", a);
  }
  trans_SHADD8(a: A.ArgRrr) {
    return this.rrr("shadd8", a);
  }
  trans_SHSUB8(a: A.ArgRrr) {
    return this.rrr("shsub8", a);
  }
  trans_UADD16(a: A.ArgRrr) {
    return this.rrr("uadd16", a);
  }
  trans_UASX(a: A.ArgRrr) {
    return this.rrr("uasx", a);
  }
  trans_USAX(a: A.ArgRrr) {
    return this.rrr("usax", a);
  }
  trans_USUB16(a: A.ArgRrr) {
    return this.rrr("usub16", a);
  }
  trans_UADD8(a: A.ArgRrr) {
    return this.rrr("uadd8", a);
  }
  trans_USUB8(a: A.ArgRrr) {
    return this.rrr("usub8", a);
  }
  trans_UQADD16(a: A.ArgRrr) {
    return this.rrr("uqadd16", a);
  }
  trans_UQASX(a: A.ArgRrr) {
    return this.rrr("uqasx", a);
  }
  trans_UQSAX(a: A.ArgRrr) {
    return this.rrr("uqsax", a);
  }
  trans_UQSUB16(a: A.ArgRrr) {
    return this.rrr("uqsub16", a);
  }
  trans_UQADD8(a: A.ArgRrr) {
    return this.rrr("uqadd8", a);
  }
  trans_UQSUB8(a: A.ArgRrr) {
    return this.rrr("uqsub8", a);
  }
  trans_UHADD16(a: A.ArgRrr) {
    return this.rrr("uhadd16", a);
  }
  trans_UHASX(a: A.ArgRrr) {
    return this.rrr("uhasx", a);
  }
  trans_UHSAX(a: A.ArgRrr) {
    return this.rrr("uhsax", a);
  }
  trans_UHSUB16(a: A.ArgRrr) {
    return this.rrr("uhsub16", a);
  }
  trans_UHADD8(a: A.ArgRrr) {
    return this.rrr("uhadd8", a);
  }
  trans_UHSUB8(a: A.ArgRrr) {
    return this.rrr("uhsub8", a);
  }
  trans_PKH(a: A.ArgPkh) {
    if (a.tb) return this.emit(this.op("pkhtb"), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}, asr ${uimm(a.imm === 0 ? 32 : a.imm)}`);
    return this.emit(this.op("pkhbt"), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}${a.imm ? `, lsl ${uimm(a.imm)}` : ""}`);
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
    return this.emit(this.op("ssat16"), `${r(a.rd)}, ${uimm(a.satimm + 1)}, ${r(a.rn)}`);
  }
  trans_USAT16(a: A.ArgSat) {
    return this.emit(this.op("usat16"), `${r(a.rd)}, ${uimm(a.satimm)}, ${r(a.rn)}`);
  }
  /** Extend-and-add; with Rn == PC the plain extend. */
  private extend(name: string, a: A.ArgRrrRot): boolean {
    const rot = a.rot ? `, ror #${a.rot * 8}` : "";
    if (a.rn === 15) return this.emit(this.op(name.replace("a", "")), `${r(a.rd)}, ${r(a.rm)}${rot}`);
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rn)}, ${r(a.rm)}${rot}`);
  }
  trans_SXTAB16(a: A.ArgRrrRot) {
    return this.extend("sxtab16", a);
  }
  trans_SXTAB(a: A.ArgRrrRot) {
    return this.extend("sxtab", a);
  }
  trans_SXTAH(a: A.ArgRrrRot) {
    return this.extend("sxtah", a);
  }
  trans_UXTAB16(a: A.ArgRrrRot) {
    return this.extend("uxtab16", a);
  }
  trans_UXTAB(a: A.ArgRrrRot) {
    return this.extend("uxtab", a);
  }
  trans_UXTAH(a: A.ArgRrrRot) {
    return this.extend("uxtah", a);
  }
  trans_SEL(a: A.ArgRrr) {
    return this.rrr("sel", a);
  }
  private rr(name: string, a: A.ArgRr): boolean {
    return this.emit(this.op(name), `${r(a.rd)}, ${r(a.rm)}`);
  }
  trans_REV(a: A.ArgRr) {
    return this.rr("rev", a);
  }
  trans_REV16(a: A.ArgRr) {
    return this.rr("rev16", a);
  }
  trans_REVSH(a: A.ArgRr) {
    return this.rr("revsh", a);
  }
  trans_RBIT(a: A.ArgRr) {
    return this.rr("rbit", a);
  }
  /** Dual multiplies: Ra == PC selects the non-accumulating mnemonic. */
  private dual(acc: string, plain: string | null, a: A.ArgRrrr): boolean {
    if (a.ra === 15 && plain) return this.rrr0(plain, a);
    return this.rrrr(acc, a);
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
  trans_SDIV(a: A.ArgRrr) {
    return this.rrr("sdiv", a);
  }
  trans_UDIV(a: A.ArgRrr) {
    return this.rrr("udiv", a);
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
    return this.dual("smmls", null, a);
  }
  trans_SMMLSR(a: A.ArgRrrr) {
    return this.dual("smmlsr", null, a);
  }

  // ---- block transfers, branches, coprocessors, SVC ---------------------------------------

  private block(base: string, a: A.ArgLdstBlock): boolean {
    const load = base === "ldm";
    const mode = LDM_MODE[(a.b << 1) | a.i]!;
    if (a.list === 0) return this.fail();
    const user = this.bit(22);
    if (!user && a.w && a.rn === 13 && bitCountAtLeast2(a.list)) {
      if (load && mode === "") return this.emit(this.op("pop"), regList(a.list));
      if (!load && mode === "db") return this.emit(this.op("push"), regList(a.list));
    }
    return this.emit(this.op(base + mode), `${r(a.rn)}${a.w ? "!" : ""}, ${regList(a.list)}${user ? " ^" : ""}`);
  }
  trans_STM(a: A.ArgLdstBlock) {
    return this.block("stm", a);
  }
  trans_LDM_a32(a: A.ArgLdstBlock) {
    return this.block("ldm", a);
  }
  private branchTarget(offset: number): string {
    return uimm((this.pc + 8 + offset) >>> 0);
  }
  trans_B(a: A.ArgI) {
    return this.emit(this.op("b"), this.branchTarget(a.imm));
  }
  trans_BL(a: A.ArgI) {
    return this.emit(this.op("bl"), this.branchTarget(a.imm));
  }
  trans_BLX_i(a: A.ArgI) {
    return this.emit("blx", this.branchTarget(a.imm));
  }
  trans_MCRR(a: A.ArgMcrr) {
    if (a.cp === 10 || a.cp === 11) return false; // the VFP decoder's space (QEMU valid_cp), which LLVM's MCR never decodes
    return this.emit(this.op("mcrr"), `p${a.cp}, ${uimm(a.opc1)}, ${r(a.rt)}, ${r(a.rt2)}, c${a.crm}`);
  }
  trans_MRRC(a: A.ArgMcrr) {
    if (a.cp === 10 || a.cp === 11) return false;
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
    if (a.cp === 10 || a.cp === 11) return false;
    const half = this.vmovHalf(a, false);
    if (half !== undefined) return half;
    return this.emit(this.op("mcr"), `p${a.cp}, ${uimm(a.opc1)}, ${r(a.rt)}, c${a.crn}, c${a.crm}, ${uimm(a.opc2)}`);
  }
  trans_MRC(a: A.ArgMcr) {
    if (a.cp === 10 || a.cp === 11) return false;
    const half = this.vmovHalf(a, true);
    if (half !== undefined) return half;
    const rt = a.rt === 15 ? "apsr_nzcv" : r(a.rt);
    return this.emit(this.op("mrc"), `p${a.cp}, ${uimm(a.opc1)}, ${rt}, c${a.crn}, c${a.crm}, ${uimm(a.opc2)}`);
  }
  trans_SVC(a: A.ArgI) {
    return this.emit(this.op("svc"), uimm(a.imm));
  }

  // ---- the unconditional space -------------------------------------------------------------

  trans_RFE(a: A.ArgRfe) {
    return this.emit(`rfe${LDM_MODE[a.pu]! || "ia"}`, `${r(a.rn)}${a.w ? "!" : ""}`);
  }
  trans_SRS(a: A.ArgSrs) {
    return this.emit(`srs${LDM_MODE[a.pu]! || "ia"}`, `sp${a.w ? "!" : ""}, ${uimm(a.mode)}`);
  }
  trans_CPS(a: A.ArgCps) {
    const flags = (a.A ? "a" : "") + (a.I ? "i" : "") + (a.F ? "f" : "");
    if (a.imod === 1) return this.fail(); // LLVM DecodeCPSInstruction
    if (!a.M) {
      // Without M, LLVM's decode table accepts a nonzero mode field only for
      // some I:F:mode<4> combinations (measured against capstone 5).
      const ok = a.mode === 0 || (a.I && !a.F) || (!a.I && a.F && a.mode >= 16) || (a.I && a.F && a.mode < 16);
      if (!ok) return this.fail();
      return a.imod === 0 ? this.emit("cps", uimm(a.mode)) : this.emit(a.imod === 2 ? "cpsie" : "cpsid", flags || "none");
    }
    if (a.imod === 0) return this.emit("cps", uimm(a.mode));
    return this.emit(a.imod === 2 ? "cpsie" : "cpsid", `${flags || "none"}, ${uimm(a.mode)}`);
  }
  trans_CLREX(_a: A.ArgEmpty) {
    return this.emit("clrex");
  }
  trans_DSB(_a: A.ArgEmpty) {
    if ((this.insn & 15) === 12) return this.emit("dfb"); // capstone's alias for DSB #12
    return this.emit("dsb", barrierOption(this.insn & 15));
  }
  trans_DMB(_a: A.ArgEmpty) {
    return this.emit("dmb", barrierOption(this.insn & 15));
  }
  trans_ISB(_a: A.ArgEmpty) {
    return this.emit("isb", isbOption(this.insn & 15));
  }
  trans_SETEND(a: A.ArgSetend) {
    return this.emit("setend", a.E ? "be" : "le");
  }
  /** Preload hints: immediate (bit 25 clear) or shifted-register offset. */
  private preload(name: string): boolean {
    const rn = (this.insn >>> 16) & 15;
    const sub = !this.bit(23);
    if (!this.bit(25)) {
      const imm = this.insn & 0xfff;
      if (rn === 15) return this.emit(name, `[pc, ${signedOffset(sub, imm)}]`);
      return this.emit(name, `[${r(rn)}${imm || sub ? `, ${signedOffset(sub, imm)}` : ""}]`);
    }
    const rm = this.insn & 15;
    const shift = regImmShift((this.insn >>> 5) & 3, (this.insn >>> 7) & 31);
    return this.emit(name, `[${r(rn)}, ${sub ? "-" : ""}${r(rm)}${shift}]`);
  }
  trans_PLD(_a: A.ArgEmpty) {
    return this.preload("pld");
  }
  trans_PLDW(_a: A.ArgEmpty) {
    // The unallocated hints QEMU runs as PLDW (bit 24 clear) are not instructions for LLVM.
    if (!this.bit(24)) return this.fail();
    return this.preload("pldw");
  }
  trans_PLI(_a: A.ArgEmpty) {
    return this.preload("pli");
  }
}

const SHIFTS = ["lsl", "lsr", "asr", "ror"];

function bitCountAtLeast2(x: number): boolean {
  return (x & (x - 1)) !== 0;
}
