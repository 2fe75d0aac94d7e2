// GENERATED FILE - DO NOT EDIT.
// Generated from spec/arm/a32.decode and spec/arm/a32-uncond.decode by `npx tsx tools/decodetree/gen.ts`.
// test/arm/decode-generated-fresh.test.ts fails when this file is stale.

import { times_2, times_4, type ArmDecodeContext } from "./decode-functions.ts";

/** Argument set &empty (a32.decode:17). */
export interface ArgEmpty {}

/** Argument set &s_rrr_shi (a32.decode:18). */
export interface ArgSRrrShi {
  s: number;
  rd: number;
  rn: number;
  rm: number;
  shim: number;
  shty: number;
}

/** Argument set &s_rrr_shr (a32.decode:19). */
export interface ArgSRrrShr {
  s: number;
  rn: number;
  rd: number;
  rm: number;
  rs: number;
  shty: number;
}

/** Argument set &s_rri_rot (a32.decode:20). */
export interface ArgSRriRot {
  s: number;
  rn: number;
  rd: number;
  imm: number;
  rot: number;
}

/** Argument set &s_rrrr (a32.decode:21). */
export interface ArgSRrrr {
  s: number;
  rd: number;
  rn: number;
  rm: number;
  ra: number;
}

/** Argument set &rrrr (a32.decode:22). */
export interface ArgRrrr {
  rd: number;
  rn: number;
  rm: number;
  ra: number;
}

/** Argument set &rrr_rot (a32.decode:23). */
export interface ArgRrrRot {
  rd: number;
  rn: number;
  rm: number;
  rot: number;
}

/** Argument set &rrr (a32.decode:24). */
export interface ArgRrr {
  rd: number;
  rn: number;
  rm: number;
}

/** Argument set &rr (a32.decode:25). */
export interface ArgRr {
  rd: number;
  rm: number;
}

/** Argument set &ri (a32.decode:26). */
export interface ArgRi {
  rd: number;
  imm: number;
}

/** Argument set &r (a32.decode:27). */
export interface ArgR {
  rm: number;
}

/** Argument set &i (a32.decode:28). */
export interface ArgI {
  imm: number;
}

/** Argument set &msr_reg (a32.decode:29). */
export interface ArgMsrReg {
  rn: number;
  r: number;
  mask: number;
}

/** Argument set &mrs_reg (a32.decode:30). */
export interface ArgMrsReg {
  rd: number;
  r: number;
}

/** Argument set &msr_bank (a32.decode:31). */
export interface ArgMsrBank {
  rn: number;
  r: number;
  sysm: number;
}

/** Argument set &mrs_bank (a32.decode:32). */
export interface ArgMrsBank {
  rd: number;
  r: number;
  sysm: number;
}

/** Argument set &ldst_rr (a32.decode:33). */
export interface ArgLdstRr {
  p: number;
  w: number;
  u: number;
  rn: number;
  rt: number;
  rm: number;
  shimm: number;
  shtype: number;
}

/** Argument set &ldst_ri (a32.decode:34). */
export interface ArgLdstRi {
  p: number;
  w: number;
  u: number;
  rn: number;
  rt: number;
  imm: number;
}

/** Argument set &ldst_block (a32.decode:35). */
export interface ArgLdstBlock {
  rn: number;
  i: number;
  b: number;
  u: number;
  w: number;
  list: number;
}

/** Argument set &strex (a32.decode:36). */
export interface ArgStrex {
  rn: number;
  rd: number;
  rt: number;
  rt2: number;
  imm: number;
}

/** Argument set &ldrex (a32.decode:37). */
export interface ArgLdrex {
  rn: number;
  rt: number;
  rt2: number;
  imm: number;
}

/** Argument set &bfx (a32.decode:38). */
export interface ArgBfx {
  rd: number;
  rn: number;
  lsb: number;
  widthm1: number;
}

/** Argument set &bfi (a32.decode:39). */
export interface ArgBfi {
  rd: number;
  rn: number;
  lsb: number;
  msb: number;
}

/** Argument set &sat (a32.decode:40). */
export interface ArgSat {
  rd: number;
  rn: number;
  satimm: number;
  imm: number;
  sh: number;
}

/** Argument set &pkh (a32.decode:41). */
export interface ArgPkh {
  rd: number;
  rn: number;
  rm: number;
  imm: number;
  tb: number;
}

/** Argument set &mcr (a32.decode:42). */
export interface ArgMcr {
  cp: number;
  opc1: number;
  crn: number;
  crm: number;
  opc2: number;
  rt: number;
}

/** Argument set &mcrr (a32.decode:43). */
export interface ArgMcrr {
  cp: number;
  opc1: number;
  crm: number;
  rt: number;
  rt2: number;
}

/** Argument set &msr_i (a32.decode:174). */
export interface ArgMsrI {
  r: number;
  mask: number;
  rot: number;
  imm: number;
}

/** Argument set &swp (a32.decode:319, implicit). */
export interface ArgSwp {
  rn: number;
  rt: number;
  rt2: number;
}

/** Argument set &setend (a32-uncond.decode:8). */
export interface ArgSetend {
  E: number;
}

/** Argument set &rfe (a32-uncond.decode:9). */
export interface ArgRfe {
  rn: number;
  w: number;
  pu: number;
}

/** Argument set &srs (a32-uncond.decode:10). */
export interface ArgSrs {
  mode: number;
  w: number;
  pu: number;
}

/** Argument set &cps (a32-uncond.decode:11). */
export interface ArgCps {
  mode: number;
  imod: number;
  M: number;
  A: number;
  I: number;
  F: number;
}

/**
 * One method per pattern name.  Return true when the instruction was handled;
 * false makes the decoder try the next candidate of an overlapping group and
 * finally report "no match".
 */
export interface A32DecodeHandler extends ArmDecodeContext {
  trans_AND_rrri(a: ArgSRrrShi): boolean;
  trans_EOR_rrri(a: ArgSRrrShi): boolean;
  trans_SUB_rrri(a: ArgSRrrShi): boolean;
  trans_RSB_rrri(a: ArgSRrrShi): boolean;
  trans_ADD_rrri(a: ArgSRrrShi): boolean;
  trans_ADC_rrri(a: ArgSRrrShi): boolean;
  trans_SBC_rrri(a: ArgSRrrShi): boolean;
  trans_RSC_rrri(a: ArgSRrrShi): boolean;
  trans_TST_xrri(a: ArgSRrrShi): boolean;
  trans_TEQ_xrri(a: ArgSRrrShi): boolean;
  trans_CMP_xrri(a: ArgSRrrShi): boolean;
  trans_CMN_xrri(a: ArgSRrrShi): boolean;
  trans_ORR_rrri(a: ArgSRrrShi): boolean;
  trans_MOV_rxri(a: ArgSRrrShi): boolean;
  trans_BIC_rrri(a: ArgSRrrShi): boolean;
  trans_MVN_rxri(a: ArgSRrrShi): boolean;
  trans_MOVW(a: ArgRi): boolean;
  trans_MOVT(a: ArgRi): boolean;
  trans_AND_rrrr(a: ArgSRrrShr): boolean;
  trans_EOR_rrrr(a: ArgSRrrShr): boolean;
  trans_SUB_rrrr(a: ArgSRrrShr): boolean;
  trans_RSB_rrrr(a: ArgSRrrShr): boolean;
  trans_ADD_rrrr(a: ArgSRrrShr): boolean;
  trans_ADC_rrrr(a: ArgSRrrShr): boolean;
  trans_SBC_rrrr(a: ArgSRrrShr): boolean;
  trans_RSC_rrrr(a: ArgSRrrShr): boolean;
  trans_TST_xrrr(a: ArgSRrrShr): boolean;
  trans_TEQ_xrrr(a: ArgSRrrShr): boolean;
  trans_CMP_xrrr(a: ArgSRrrShr): boolean;
  trans_CMN_xrrr(a: ArgSRrrShr): boolean;
  trans_ORR_rrrr(a: ArgSRrrShr): boolean;
  trans_MOV_rxrr(a: ArgSRrrShr): boolean;
  trans_BIC_rrrr(a: ArgSRrrShr): boolean;
  trans_MVN_rxrr(a: ArgSRrrShr): boolean;
  trans_AND_rri(a: ArgSRriRot): boolean;
  trans_EOR_rri(a: ArgSRriRot): boolean;
  trans_SUB_rri(a: ArgSRriRot): boolean;
  trans_RSB_rri(a: ArgSRriRot): boolean;
  trans_ADD_rri(a: ArgSRriRot): boolean;
  trans_ADC_rri(a: ArgSRriRot): boolean;
  trans_SBC_rri(a: ArgSRriRot): boolean;
  trans_RSC_rri(a: ArgSRriRot): boolean;
  trans_TST_xri(a: ArgSRriRot): boolean;
  trans_TEQ_xri(a: ArgSRriRot): boolean;
  trans_CMP_xri(a: ArgSRriRot): boolean;
  trans_CMN_xri(a: ArgSRriRot): boolean;
  trans_ORR_rri(a: ArgSRriRot): boolean;
  trans_MOV_rxi(a: ArgSRriRot): boolean;
  trans_BIC_rri(a: ArgSRriRot): boolean;
  trans_MVN_rxi(a: ArgSRriRot): boolean;
  trans_MUL(a: ArgSRrrr): boolean;
  trans_MLA(a: ArgSRrrr): boolean;
  trans_UMAAL(a: ArgRrrr): boolean;
  trans_MLS(a: ArgRrrr): boolean;
  trans_UMULL(a: ArgSRrrr): boolean;
  trans_UMLAL(a: ArgSRrrr): boolean;
  trans_SMULL(a: ArgSRrrr): boolean;
  trans_SMLAL(a: ArgSRrrr): boolean;
  trans_QADD(a: ArgRrr): boolean;
  trans_QSUB(a: ArgRrr): boolean;
  trans_QDADD(a: ArgRrr): boolean;
  trans_QDSUB(a: ArgRrr): boolean;
  trans_SMLABB(a: ArgRrrr): boolean;
  trans_SMLABT(a: ArgRrrr): boolean;
  trans_SMLATB(a: ArgRrrr): boolean;
  trans_SMLATT(a: ArgRrrr): boolean;
  trans_SMLAWB(a: ArgRrrr): boolean;
  trans_SMULWB(a: ArgRrrr): boolean;
  trans_SMLAWT(a: ArgRrrr): boolean;
  trans_SMULWT(a: ArgRrrr): boolean;
  trans_SMLALBB(a: ArgRrrr): boolean;
  trans_SMLALBT(a: ArgRrrr): boolean;
  trans_SMLALTB(a: ArgRrrr): boolean;
  trans_SMLALTT(a: ArgRrrr): boolean;
  trans_SMULBB(a: ArgRrrr): boolean;
  trans_SMULBT(a: ArgRrrr): boolean;
  trans_SMULTB(a: ArgRrrr): boolean;
  trans_SMULTT(a: ArgRrrr): boolean;
  trans_YIELD(a: ArgEmpty): boolean;
  trans_WFE(a: ArgEmpty): boolean;
  trans_WFI(a: ArgEmpty): boolean;
  trans_ESB(a: ArgEmpty): boolean;
  trans_NOP(a: ArgEmpty): boolean;
  trans_MSR_imm(a: ArgMsrI): boolean;
  trans_MRS_bank(a: ArgMrsBank): boolean;
  trans_MSR_bank(a: ArgMsrBank): boolean;
  trans_MRS_reg(a: ArgMrsReg): boolean;
  trans_MSR_reg(a: ArgMsrReg): boolean;
  trans_BX(a: ArgR): boolean;
  trans_BXJ(a: ArgR): boolean;
  trans_BLX_r(a: ArgR): boolean;
  trans_CLZ(a: ArgRr): boolean;
  trans_ERET(a: ArgEmpty): boolean;
  trans_HLT(a: ArgI): boolean;
  trans_BKPT(a: ArgI): boolean;
  trans_HVC(a: ArgI): boolean;
  trans_SMC(a: ArgI): boolean;
  trans_STRH_rr(a: ArgLdstRr): boolean;
  trans_LDRD_rr(a: ArgLdstRr): boolean;
  trans_STRD_rr(a: ArgLdstRr): boolean;
  trans_LDRH_rr(a: ArgLdstRr): boolean;
  trans_LDRSB_rr(a: ArgLdstRr): boolean;
  trans_LDRSH_rr(a: ArgLdstRr): boolean;
  trans_STRHT_rr(a: ArgLdstRr): boolean;
  trans_LDRHT_rr(a: ArgLdstRr): boolean;
  trans_LDRSBT_rr(a: ArgLdstRr): boolean;
  trans_LDRSHT_rr(a: ArgLdstRr): boolean;
  trans_STR_rr(a: ArgLdstRr): boolean;
  trans_STRB_rr(a: ArgLdstRr): boolean;
  trans_LDR_rr(a: ArgLdstRr): boolean;
  trans_LDRB_rr(a: ArgLdstRr): boolean;
  trans_STRT_rr(a: ArgLdstRr): boolean;
  trans_STRBT_rr(a: ArgLdstRr): boolean;
  trans_LDRT_rr(a: ArgLdstRr): boolean;
  trans_LDRBT_rr(a: ArgLdstRr): boolean;
  trans_STRH_ri(a: ArgLdstRi): boolean;
  trans_LDRD_ri_a32(a: ArgLdstRi): boolean;
  trans_STRD_ri_a32(a: ArgLdstRi): boolean;
  trans_LDRH_ri(a: ArgLdstRi): boolean;
  trans_LDRSB_ri(a: ArgLdstRi): boolean;
  trans_LDRSH_ri(a: ArgLdstRi): boolean;
  trans_STRHT_ri(a: ArgLdstRi): boolean;
  trans_LDRHT_ri(a: ArgLdstRi): boolean;
  trans_LDRSBT_ri(a: ArgLdstRi): boolean;
  trans_LDRSHT_ri(a: ArgLdstRi): boolean;
  trans_STR_ri(a: ArgLdstRi): boolean;
  trans_STRB_ri(a: ArgLdstRi): boolean;
  trans_LDR_ri(a: ArgLdstRi): boolean;
  trans_LDRB_ri(a: ArgLdstRi): boolean;
  trans_STRT_ri(a: ArgLdstRi): boolean;
  trans_STRBT_ri(a: ArgLdstRi): boolean;
  trans_LDRT_ri(a: ArgLdstRi): boolean;
  trans_LDRBT_ri(a: ArgLdstRi): boolean;
  trans_SWP(a: ArgSwp): boolean;
  trans_SWPB(a: ArgSwp): boolean;
  trans_STREX(a: ArgStrex): boolean;
  trans_STREXD_a32(a: ArgStrex): boolean;
  trans_STREXB(a: ArgStrex): boolean;
  trans_STREXH(a: ArgStrex): boolean;
  trans_LDREX(a: ArgLdrex): boolean;
  trans_LDREXD_a32(a: ArgLdrex): boolean;
  trans_LDREXB(a: ArgLdrex): boolean;
  trans_LDREXH(a: ArgLdrex): boolean;
  trans_USADA8(a: ArgRrrr): boolean;
  trans_SBFX(a: ArgBfx): boolean;
  trans_UBFX(a: ArgBfx): boolean;
  trans_BFCI(a: ArgBfi): boolean;
  trans_UDF(a: ArgEmpty): boolean;
  trans_SADD16(a: ArgRrr): boolean;
  trans_SASX(a: ArgRrr): boolean;
  trans_SSAX(a: ArgRrr): boolean;
  trans_SSUB16(a: ArgRrr): boolean;
  trans_SADD8(a: ArgRrr): boolean;
  trans_SSUB8(a: ArgRrr): boolean;
  trans_QADD16(a: ArgRrr): boolean;
  trans_QASX(a: ArgRrr): boolean;
  trans_QSAX(a: ArgRrr): boolean;
  trans_QSUB16(a: ArgRrr): boolean;
  trans_QADD8(a: ArgRrr): boolean;
  trans_QSUB8(a: ArgRrr): boolean;
  trans_SHADD16(a: ArgRrr): boolean;
  trans_SHASX(a: ArgRrr): boolean;
  trans_SHSAX(a: ArgRrr): boolean;
  trans_SHSUB16(a: ArgRrr): boolean;
  trans_SHADD8(a: ArgRrr): boolean;
  trans_SHSUB8(a: ArgRrr): boolean;
  trans_UADD16(a: ArgRrr): boolean;
  trans_UASX(a: ArgRrr): boolean;
  trans_USAX(a: ArgRrr): boolean;
  trans_USUB16(a: ArgRrr): boolean;
  trans_UADD8(a: ArgRrr): boolean;
  trans_USUB8(a: ArgRrr): boolean;
  trans_UQADD16(a: ArgRrr): boolean;
  trans_UQASX(a: ArgRrr): boolean;
  trans_UQSAX(a: ArgRrr): boolean;
  trans_UQSUB16(a: ArgRrr): boolean;
  trans_UQADD8(a: ArgRrr): boolean;
  trans_UQSUB8(a: ArgRrr): boolean;
  trans_UHADD16(a: ArgRrr): boolean;
  trans_UHASX(a: ArgRrr): boolean;
  trans_UHSAX(a: ArgRrr): boolean;
  trans_UHSUB16(a: ArgRrr): boolean;
  trans_UHADD8(a: ArgRrr): boolean;
  trans_UHSUB8(a: ArgRrr): boolean;
  trans_PKH(a: ArgPkh): boolean;
  trans_SSAT(a: ArgSat): boolean;
  trans_USAT(a: ArgSat): boolean;
  trans_SSAT16(a: ArgSat): boolean;
  trans_USAT16(a: ArgSat): boolean;
  trans_SXTAB16(a: ArgRrrRot): boolean;
  trans_SXTAB(a: ArgRrrRot): boolean;
  trans_SXTAH(a: ArgRrrRot): boolean;
  trans_UXTAB16(a: ArgRrrRot): boolean;
  trans_UXTAB(a: ArgRrrRot): boolean;
  trans_UXTAH(a: ArgRrrRot): boolean;
  trans_SEL(a: ArgRrr): boolean;
  trans_REV(a: ArgRr): boolean;
  trans_REV16(a: ArgRr): boolean;
  trans_REVSH(a: ArgRr): boolean;
  trans_RBIT(a: ArgRr): boolean;
  trans_SMLAD(a: ArgRrrr): boolean;
  trans_SMLADX(a: ArgRrrr): boolean;
  trans_SMLSD(a: ArgRrrr): boolean;
  trans_SMLSDX(a: ArgRrrr): boolean;
  trans_SDIV(a: ArgRrr): boolean;
  trans_UDIV(a: ArgRrr): boolean;
  trans_SMLALD(a: ArgRrrr): boolean;
  trans_SMLALDX(a: ArgRrrr): boolean;
  trans_SMLSLD(a: ArgRrrr): boolean;
  trans_SMLSLDX(a: ArgRrrr): boolean;
  trans_SMMLA(a: ArgRrrr): boolean;
  trans_SMMLAR(a: ArgRrrr): boolean;
  trans_SMMLS(a: ArgRrrr): boolean;
  trans_SMMLSR(a: ArgRrrr): boolean;
  trans_STM(a: ArgLdstBlock): boolean;
  trans_LDM_a32(a: ArgLdstBlock): boolean;
  trans_B(a: ArgI): boolean;
  trans_BL(a: ArgI): boolean;
  trans_MCRR(a: ArgMcrr): boolean;
  trans_MRRC(a: ArgMcrr): boolean;
  trans_MCR(a: ArgMcr): boolean;
  trans_MRC(a: ArgMcr): boolean;
  trans_SVC(a: ArgI): boolean;
  trans_BLX_i(a: ArgI): boolean;
  trans_RFE(a: ArgRfe): boolean;
  trans_SRS(a: ArgSrs): boolean;
  trans_CPS(a: ArgCps): boolean;
  trans_CLREX(a: ArgEmpty): boolean;
  trans_DSB(a: ArgEmpty): boolean;
  trans_DMB(a: ArgEmpty): boolean;
  trans_ISB(a: ArgEmpty): boolean;
  trans_SETEND(a: ArgSetend): boolean;
  trans_PLD(a: ArgEmpty): boolean;
  trans_PLDW(a: ArgEmpty): boolean;
  trans_PLI(a: ArgEmpty): boolean;
}

function extract32_s_rrr_shi(insn: number): ArgSRrrShi {
  return {
    s: (insn >>> 20) & 0x1,
    rd: (insn >>> 12) & 0xf,
    rn: (insn >>> 16) & 0xf,
    rm: insn & 0xf,
    shim: (insn >>> 7) & 0x1f,
    shty: (insn >>> 5) & 0x3,
  };
}

function extract32_s_rrr_shr(insn: number): ArgSRrrShr {
  return {
    s: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rd: (insn >>> 12) & 0xf,
    rm: insn & 0xf,
    rs: (insn >>> 8) & 0xf,
    shty: (insn >>> 5) & 0x3,
  };
}

function extract32_s_rd0mn(insn: number): ArgSRrrr {
  return { s: (insn >>> 20) & 0x1, rd: (insn >>> 16) & 0xf, rn: insn & 0xf, rm: (insn >>> 8) & 0xf, ra: 0 };
}

function extract32_s_rdamn(insn: number): ArgSRrrr {
  return { s: (insn >>> 20) & 0x1, rd: (insn >>> 16) & 0xf, rn: insn & 0xf, rm: (insn >>> 8) & 0xf, ra: (insn >>> 12) & 0xf };
}

function extract32_ldst_rr_pw0(insn: number): ArgLdstRr {
  return { p: 0, w: 0, u: (insn >>> 23) & 0x1, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, rm: insn & 0xf, shimm: 0, shtype: 0 };
}

function extract32_rdamn(insn: number): ArgRrrr {
  return { rd: (insn >>> 16) & 0xf, rn: insn & 0xf, rm: (insn >>> 8) & 0xf, ra: (insn >>> 12) & 0xf };
}

function extract32_ldst_ri8_pw0(insn: number): ArgLdstRi {
  return {
    p: 0,
    w: 0,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    imm: (((insn >>> 8) & 0xf) << 4) | (insn & 0xf),
  };
}

function extract32_MRS_reg(insn: number): ArgMrsReg {
  return { rd: (insn >>> 12) & 0xf, r: (insn >>> 22) & 0x1 };
}

function extract32_MRS_bank(insn: number): ArgMrsBank {
  return { rd: (insn >>> 12) & 0xf, r: (insn >>> 22) & 0x1, sysm: (((insn >>> 8) & 0x1) << 4) | ((insn >>> 16) & 0xf) };
}

function extract32_S_xrr_shi(insn: number): ArgSRrrShi {
  return { s: 1, rd: 0, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, shim: (insn >>> 7) & 0x1f, shty: (insn >>> 5) & 0x3 };
}

function extract32_MSR_reg(insn: number): ArgMsrReg {
  return { rn: insn & 0xf, r: (insn >>> 22) & 0x1, mask: (insn >>> 16) & 0xf };
}

function extract32_MSR_bank(insn: number): ArgMsrBank {
  return { rn: insn & 0xf, r: (insn >>> 22) & 0x1, sysm: (((insn >>> 8) & 0x1) << 4) | ((insn >>> 16) & 0xf) };
}

function extract32_rm(insn: number): ArgR {
  return { rm: insn & 0xf };
}

function extract32_ERET(_insn: number): ArgEmpty {
  return {};
}

function extract32_rd0mn(insn: number): ArgRrrr {
  return { rd: (insn >>> 16) & 0xf, rn: insn & 0xf, rm: (insn >>> 8) & 0xf, ra: 0 };
}

function extract32_s_rxr_shi(insn: number): ArgSRrrShi {
  return { s: (insn >>> 20) & 0x1, rd: (insn >>> 12) & 0xf, rn: 0, rm: insn & 0xf, shim: (insn >>> 7) & 0x1f, shty: (insn >>> 5) & 0x3 };
}

function extract32_rndm(insn: number): ArgRrr {
  return { rd: (insn >>> 12) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf };
}

function extract32_i16(insn: number): ArgI {
  return { imm: (((insn >>> 8) & 0xfff) << 4) | (insn & 0xf) };
}

function extract32_S_xrr_shr(insn: number): ArgSRrrShr {
  return { s: 1, rn: (insn >>> 16) & 0xf, rd: 0, rm: insn & 0xf, rs: (insn >>> 8) & 0xf, shty: (insn >>> 5) & 0x3 };
}

function extract32_s_rxr_shr(insn: number): ArgSRrrShr {
  return { s: (insn >>> 20) & 0x1, rn: 0, rd: (insn >>> 12) & 0xf, rm: insn & 0xf, rs: (insn >>> 8) & 0xf, shty: (insn >>> 5) & 0x3 };
}

function extract32_swp(insn: number): ArgSwp {
  return { rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, rt2: insn & 0xf };
}

function extract32_ldst_rr_p1w(insn: number): ArgLdstRr {
  return {
    p: 1,
    w: (insn >>> 21) & 0x1,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    rm: insn & 0xf,
    shimm: 0,
    shtype: 0,
  };
}

function extract32_strex(insn: number): ArgStrex {
  return { rn: (insn >>> 16) & 0xf, rd: (insn >>> 12) & 0xf, rt: insn & 0xf, rt2: 15, imm: 0 };
}

function extract32_ldrex(insn: number): ArgLdrex {
  return { rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, rt2: 15, imm: 0 };
}

function extract32_SMC(insn: number): ArgI {
  return { imm: insn & 0xf };
}

function extract32_rdm(insn: number): ArgRr {
  return { rd: (insn >>> 12) & 0xf, rm: insn & 0xf };
}

function extract32_ldst_ri8_p1w(insn: number): ArgLdstRi {
  return {
    p: 1,
    w: (insn >>> 21) & 0x1,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    imm: (((insn >>> 8) & 0xf) << 4) | (insn & 0xf),
  };
}

function extract32_s_rri_rot(h: A32DecodeHandler, insn: number): ArgSRriRot {
  return {
    s: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rd: (insn >>> 12) & 0xf,
    imm: insn & 0xff,
    rot: times_2(h, (insn >>> 8) & 0xf),
  };
}

function extract32_mov16(insn: number): ArgRi {
  return { rd: (insn >>> 12) & 0xf, imm: (((insn >>> 16) & 0xf) << 12) | (insn & 0xfff) };
}

function extract32_S_xri_rot(h: A32DecodeHandler, insn: number): ArgSRriRot {
  return { s: 1, rn: (insn >>> 16) & 0xf, rd: 0, imm: insn & 0xff, rot: times_2(h, (insn >>> 8) & 0xf) };
}

function extract32_msr_i(insn: number): ArgMsrI {
  return { r: 0, mask: (insn >>> 16) & 0xf, rot: (insn >>> 8) & 0xf, imm: insn & 0xff };
}

function extract32_msr_i_2(insn: number): ArgMsrI {
  return { r: 1, mask: (insn >>> 16) & 0xf, rot: (insn >>> 8) & 0xf, imm: insn & 0xff };
}

function extract32_s_rxi_rot(h: A32DecodeHandler, insn: number): ArgSRriRot {
  return { s: (insn >>> 20) & 0x1, rn: 0, rd: (insn >>> 12) & 0xf, imm: insn & 0xff, rot: times_2(h, (insn >>> 8) & 0xf) };
}

function extract32_ldst_ri12_pw0(insn: number): ArgLdstRi {
  return { p: 0, w: 0, u: (insn >>> 23) & 0x1, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, imm: insn & 0xfff };
}

function extract32_ldst_ri12_p1w(insn: number): ArgLdstRi {
  return { p: 1, w: (insn >>> 21) & 0x1, u: (insn >>> 23) & 0x1, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, imm: insn & 0xfff };
}

function extract32_ldst_rs_pw0(insn: number): ArgLdstRr {
  return {
    p: 0,
    w: 0,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    rm: insn & 0xf,
    shimm: (insn >>> 7) & 0x1f,
    shtype: (insn >>> 5) & 0x3,
  };
}

function extract32_PKH(insn: number): ArgPkh {
  return { rd: (insn >>> 12) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, imm: (insn >>> 7) & 0x1f, tb: (insn >>> 6) & 0x1 };
}

function extract32_rrr_rot(insn: number): ArgRrrRot {
  return { rd: (insn >>> 12) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, rot: (insn >>> 10) & 0x3 };
}

function extract32_sat(insn: number): ArgSat {
  return { rd: (insn >>> 12) & 0xf, rn: insn & 0xf, satimm: (insn >>> 16) & 0x1f, imm: (insn >>> 7) & 0x1f, sh: (insn >>> 6) & 0x1 };
}

function extract32_sat16(insn: number): ArgSat {
  return { rd: (insn >>> 12) & 0xf, rn: insn & 0xf, satimm: (insn >>> 16) & 0xf, imm: 0, sh: 0 };
}

function extract32_ldst_rs_p1w(insn: number): ArgLdstRr {
  return {
    p: 1,
    w: (insn >>> 21) & 0x1,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    rm: insn & 0xf,
    shimm: (insn >>> 7) & 0x1f,
    shtype: (insn >>> 5) & 0x3,
  };
}

function extract32_rdmn(insn: number): ArgRrr {
  return { rd: (insn >>> 16) & 0xf, rn: insn & 0xf, rm: (insn >>> 8) & 0xf };
}

function extract32_bfx(insn: number): ArgBfx {
  return { rd: (insn >>> 12) & 0xf, rn: insn & 0xf, lsb: (insn >>> 7) & 0x1f, widthm1: (insn >>> 16) & 0x1f };
}

function extract32_BFCI(insn: number): ArgBfi {
  return { rd: (insn >>> 12) & 0xf, rn: insn & 0xf, lsb: (insn >>> 7) & 0x1f, msb: (insn >>> 16) & 0x1f };
}

function extract32_STM(insn: number): ArgLdstBlock {
  return {
    rn: (insn >>> 16) & 0xf,
    i: (insn >>> 23) & 0x1,
    b: (insn >>> 24) & 0x1,
    u: (insn >>> 22) & 0x1,
    w: (insn >>> 21) & 0x1,
    list: insn & 0xffff,
  };
}

function extract32_branch(h: A32DecodeHandler, insn: number): ArgI {
  return { imm: times_4(h, (insn << 8) >> 8) };
}

function extract32_mcrr(insn: number): ArgMcrr {
  return { cp: (insn >>> 8) & 0xf, opc1: (insn >>> 4) & 0xf, crm: insn & 0xf, rt: (insn >>> 12) & 0xf, rt2: (insn >>> 16) & 0xf };
}

function extract32_mcr(insn: number): ArgMcr {
  return {
    cp: (insn >>> 8) & 0xf,
    opc1: (insn >>> 21) & 0x7,
    crn: (insn >>> 16) & 0xf,
    crm: insn & 0xf,
    opc2: (insn >>> 5) & 0x7,
    rt: (insn >>> 12) & 0xf,
  };
}

function extract32_SVC(insn: number): ArgI {
  return { imm: insn & 0xffffff };
}

function extract32_CPS(insn: number): ArgCps {
  return {
    mode: insn & 0x1f,
    imod: (insn >>> 18) & 0x3,
    M: (insn >>> 17) & 0x1,
    A: (insn >>> 8) & 0x1,
    I: (insn >>> 7) & 0x1,
    F: (insn >>> 6) & 0x1,
  };
}

function extract32_SETEND(insn: number): ArgSetend {
  return { E: (insn >>> 9) & 0x1 };
}

function extract32_RFE(insn: number): ArgRfe {
  return { rn: (insn >>> 16) & 0xf, w: (insn >>> 21) & 0x1, pu: (insn >>> 23) & 0x3 };
}

function extract32_SRS(insn: number): ArgSrs {
  return { mode: insn & 0x1f, w: (insn >>> 21) & 0x1, pu: (insn >>> 23) & 0x3 };
}

function extract32_BLX_i(h: A32DecodeHandler, insn: number): ArgI {
  return { imm: times_2(h, (((insn << 8) >> 8) << 1) | ((insn >>> 24) & 0x1)) };
}

/** Decodes one 32-bit instruction (a32.decode); false if no pattern matched or every matching handler declined. */
export function disasA32(h: A32DecodeHandler, insn: number): boolean {
  // Accept the word as int32 or uint32; bit operations below work on int32.
  insn |= 0;
  switch ((insn >>> 25) & 0x7) {
    case 0x0:
      switch (insn & 0x1000010) {
        case 0x0:
          switch ((insn >>> 21) & 0x7) {
            case 0x0:
              // a32.decode:53: AND_rrri .... 000 0000 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_AND_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x1:
              // a32.decode:54: EOR_rrri .... 000 0001 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_EOR_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x2:
              // a32.decode:55: SUB_rrri .... 000 0010 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_SUB_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x3:
              // a32.decode:56: RSB_rrri .... 000 0011 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_RSB_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x4:
              // a32.decode:57: ADD_rrri .... 000 0100 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_ADD_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x5:
              // a32.decode:58: ADC_rrri .... 000 0101 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_ADC_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x6:
              // a32.decode:59: SBC_rrri .... 000 0110 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_SBC_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x7:
              // a32.decode:60: RSC_rrri .... 000 0111 . .... .... ..... .. 0 .... @s_rrr_shi
              if (h.trans_RSC_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
          }
          break;
        case 0x10:
          switch (insn & 0x600080) {
            case 0x0:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  // a32.decode:83: AND_rrrr .... 000 0000 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_AND_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
                case 0x1:
                  // a32.decode:87: ADD_rrrr .... 000 0100 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_ADD_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
              }
              break;
            case 0x80:
              switch ((insn >>> 5) & 0x3) {
                case 0x0:
                  switch ((insn >>> 23) & 0x1) {
                    case 0x0:
                      if (((insn >>> 12) & 0xf) === 0x0) {
                        // a32.decode:135: MUL .... 0000 000 . .... 0000 .... 1001 .... @s_rd0mn
                        if (h.trans_MUL(extract32_s_rd0mn(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // a32.decode:139: UMULL .... 0000 100 . .... .... .... 1001 .... @s_rdamn
                      if (h.trans_UMULL(extract32_s_rdamn(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  switch (insn & 0x100f00) {
                    case 0x0:
                      // a32.decode:227: STRH_rr .... 000. .0.0 .... .... 0000 1011 .... @ldst_rr_pw0
                      if (h.trans_STRH_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                    case 0x100000:
                      // a32.decode:233: LDRH_rr .... 000. .0.1 .... .... 0000 1011 .... @ldst_rr_pw0
                      if (h.trans_LDRH_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                  }
                  break;
                case 0x2:
                  switch (insn & 0x100f00) {
                    case 0x0:
                      // a32.decode:229: LDRD_rr .... 000. .0.0 .... .... 0000 1101 .... @ldst_rr_pw0
                      if (h.trans_LDRD_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                    case 0x100000:
                      // a32.decode:235: LDRSB_rr .... 000. .0.1 .... .... 0000 1101 .... @ldst_rr_pw0
                      if (h.trans_LDRSB_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                  }
                  break;
                case 0x3:
                  switch (insn & 0x100f00) {
                    case 0x0:
                      // a32.decode:231: STRD_rr .... 000. .0.0 .... .... 0000 1111 .... @ldst_rr_pw0
                      if (h.trans_STRD_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                    case 0x100000:
                      // a32.decode:237: LDRSH_rr .... 000. .0.1 .... .... 0000 1111 .... @ldst_rr_pw0
                      if (h.trans_LDRSH_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                  }
                  break;
              }
              break;
            case 0x200000:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  // a32.decode:84: EOR_rrrr .... 000 0001 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_EOR_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
                case 0x1:
                  // a32.decode:88: ADC_rrrr .... 000 0101 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_ADC_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
              }
              break;
            case 0x200080:
              switch ((insn >>> 5) & 0x3) {
                case 0x0:
                  switch ((insn >>> 23) & 0x1) {
                    case 0x0:
                      // a32.decode:136: MLA .... 0000 001 . .... .... .... 1001 .... @s_rdamn
                      if (h.trans_MLA(extract32_s_rdamn(insn))) return true;
                      break;
                    case 0x1:
                      // a32.decode:140: UMLAL .... 0000 101 . .... .... .... 1001 .... @s_rdamn
                      if (h.trans_UMLAL(extract32_s_rdamn(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  switch (insn & 0x100f00) {
                    case 0x0:
                      // a32.decode:243: STRHT_rr .... 000. .0.0 .... .... 0000 1011 .... @ldst_rr_p0w1
                      if (h.trans_STRHT_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                    case 0x100000:
                      // a32.decode:244: LDRHT_rr .... 000. .0.1 .... .... 0000 1011 .... @ldst_rr_p0w1
                      if (h.trans_LDRHT_rr(extract32_ldst_rr_pw0(insn))) return true;
                      break;
                  }
                  break;
                case 0x2:
                  if ((insn & 0x100f00) === 0x100000) {
                    // a32.decode:245: LDRSBT_rr .... 000. .0.1 .... .... 0000 1101 .... @ldst_rr_p0w1
                    if (h.trans_LDRSBT_rr(extract32_ldst_rr_pw0(insn))) return true;
                  }
                  break;
                case 0x3:
                  if ((insn & 0x100f00) === 0x100000) {
                    // a32.decode:246: LDRSHT_rr .... 000. .0.1 .... .... 0000 1111 .... @ldst_rr_p0w1
                    if (h.trans_LDRSHT_rr(extract32_ldst_rr_pw0(insn))) return true;
                  }
                  break;
              }
              break;
            case 0x400000:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  // a32.decode:85: SUB_rrrr .... 000 0010 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_SUB_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
                case 0x1:
                  // a32.decode:89: SBC_rrrr .... 000 0110 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_SBC_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
              }
              break;
            case 0x400080:
              switch ((insn >>> 5) & 0x3) {
                case 0x0:
                  switch ((insn >>> 23) & 0x1) {
                    case 0x0:
                      if (((insn >>> 20) & 0x1) === 0x0) {
                        // a32.decode:137: UMAAL .... 0000 010 0 .... .... .... 1001 .... @rdamn
                        if (h.trans_UMAAL(extract32_rdamn(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // a32.decode:141: SMULL .... 0000 110 . .... .... .... 1001 .... @s_rdamn
                      if (h.trans_SMULL(extract32_s_rdamn(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      // a32.decode:276: STRH_ri .... 000. .1.0 .... .... .... 1011 .... @ldst_ri8_pw0
                      if (h.trans_STRH_ri(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                    case 0x1:
                      // a32.decode:282: LDRH_ri .... 000. .1.1 .... .... .... 1011 .... @ldst_ri8_pw0
                      if (h.trans_LDRH_ri(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                  }
                  break;
                case 0x2:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      // a32.decode:278: LDRD_ri_a32 .... 000. .1.0 .... .... .... 1101 .... @ldst_ri8_pw0
                      if (h.trans_LDRD_ri_a32(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                    case 0x1:
                      // a32.decode:284: LDRSB_ri .... 000. .1.1 .... .... .... 1101 .... @ldst_ri8_pw0
                      if (h.trans_LDRSB_ri(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                  }
                  break;
                case 0x3:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      // a32.decode:280: STRD_ri_a32 .... 000. .1.0 .... .... .... 1111 .... @ldst_ri8_pw0
                      if (h.trans_STRD_ri_a32(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                    case 0x1:
                      // a32.decode:286: LDRSH_ri .... 000. .1.1 .... .... .... 1111 .... @ldst_ri8_pw0
                      if (h.trans_LDRSH_ri(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                  }
                  break;
              }
              break;
            case 0x600000:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  // a32.decode:86: RSB_rrrr .... 000 0011 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_RSB_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
                case 0x1:
                  // a32.decode:90: RSC_rrrr .... 000 0111 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_RSC_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
              }
              break;
            case 0x600080:
              switch ((insn >>> 5) & 0x3) {
                case 0x0:
                  switch ((insn >>> 23) & 0x1) {
                    case 0x0:
                      if (((insn >>> 20) & 0x1) === 0x0) {
                        // a32.decode:138: MLS .... 0000 011 0 .... .... .... 1001 .... @rdamn
                        if (h.trans_MLS(extract32_rdamn(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // a32.decode:142: SMLAL .... 0000 111 . .... .... .... 1001 .... @s_rdamn
                      if (h.trans_SMLAL(extract32_s_rdamn(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      // a32.decode:291: STRHT_ri .... 000. .1.0 .... .... .... 1011 .... @ldst_ri8_p0w1
                      if (h.trans_STRHT_ri(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                    case 0x1:
                      // a32.decode:292: LDRHT_ri .... 000. .1.1 .... .... .... 1011 .... @ldst_ri8_p0w1
                      if (h.trans_LDRHT_ri(extract32_ldst_ri8_pw0(insn))) return true;
                      break;
                  }
                  break;
                case 0x2:
                  if (((insn >>> 20) & 0x1) === 0x1) {
                    // a32.decode:293: LDRSBT_ri .... 000. .1.1 .... .... .... 1101 .... @ldst_ri8_p0w1
                    if (h.trans_LDRSBT_ri(extract32_ldst_ri8_pw0(insn))) return true;
                  }
                  break;
                case 0x3:
                  if (((insn >>> 20) & 0x1) === 0x1) {
                    // a32.decode:294: LDRSHT_ri .... 000. .1.1 .... .... .... 1111 .... @ldst_ri8_p0w1
                    if (h.trans_LDRSHT_ri(extract32_ldst_ri8_pw0(insn))) return true;
                  }
                  break;
              }
              break;
          }
          break;
        case 0x1000000:
          switch (insn & 0xa00000) {
            case 0x0:
              switch ((insn >>> 20) & 0x1) {
                case 0x0:
                  switch ((insn >>> 5) & 0x7) {
                    case 0x0:
                      switch (insn & 0xe0f) {
                        case 0x0:
                          if ((insn & 0xf0100) === 0xf0000) {
                            // a32.decode:204: MRS_reg ---- 0001 0 r:1 00 1111 rd:4 0000 0000 0000 &mrs_reg
                            if (h.trans_MRS_reg(extract32_MRS_reg(insn))) return true;
                          }
                          break;
                        case 0x200:
                          // a32.decode:202: MRS_bank ---- 0001 0 r:1 00 .... rd:4 001. 0000 0000 &mrs_bank %sysm
                          if (h.trans_MRS_bank(extract32_MRS_bank(insn))) return true;
                          break;
                      }
                      break;
                    case 0x4:
                      switch ((insn >>> 22) & 0x1) {
                        case 0x0:
                          // a32.decode:154: SMLABB .... 0001 0000 .... .... .... 1000 .... @rdamn
                          if (h.trans_SMLABB(extract32_rdamn(insn))) return true;
                          break;
                        case 0x1:
                          // a32.decode:162: SMLALBB .... 0001 0100 .... .... .... 1000 .... @rdamn
                          if (h.trans_SMLALBB(extract32_rdamn(insn))) return true;
                          break;
                      }
                      break;
                    case 0x5:
                      switch ((insn >>> 22) & 0x1) {
                        case 0x0:
                          // a32.decode:156: SMLATB .... 0001 0000 .... .... .... 1010 .... @rdamn
                          if (h.trans_SMLATB(extract32_rdamn(insn))) return true;
                          break;
                        case 0x1:
                          // a32.decode:164: SMLALTB .... 0001 0100 .... .... .... 1010 .... @rdamn
                          if (h.trans_SMLALTB(extract32_rdamn(insn))) return true;
                          break;
                      }
                      break;
                    case 0x6:
                      switch ((insn >>> 22) & 0x1) {
                        case 0x0:
                          // a32.decode:155: SMLABT .... 0001 0000 .... .... .... 1100 .... @rdamn
                          if (h.trans_SMLABT(extract32_rdamn(insn))) return true;
                          break;
                        case 0x1:
                          // a32.decode:163: SMLALBT .... 0001 0100 .... .... .... 1100 .... @rdamn
                          if (h.trans_SMLALBT(extract32_rdamn(insn))) return true;
                          break;
                      }
                      break;
                    case 0x7:
                      switch ((insn >>> 22) & 0x1) {
                        case 0x0:
                          // a32.decode:157: SMLATT .... 0001 0000 .... .... .... 1110 .... @rdamn
                          if (h.trans_SMLATT(extract32_rdamn(insn))) return true;
                          break;
                        case 0x1:
                          // a32.decode:165: SMLALTT .... 0001 0100 .... .... .... 1110 .... @rdamn
                          if (h.trans_SMLALTT(extract32_rdamn(insn))) return true;
                          break;
                      }
                      break;
                  }
                  break;
                case 0x1:
                  switch (insn & 0x40f000) {
                    case 0x0:
                      // a32.decode:61: TST_xrri .... 000 1000 1 .... 0000 ..... .. 0 .... @S_xrr_shi
                      if (h.trans_TST_xrri(extract32_S_xrr_shi(insn))) return true;
                      break;
                    case 0x400000:
                      // a32.decode:63: CMP_xrri .... 000 1010 1 .... 0000 ..... .. 0 .... @S_xrr_shi
                      if (h.trans_CMP_xrri(extract32_S_xrr_shi(insn))) return true;
                      break;
                  }
                  break;
              }
              break;
            case 0x200000:
              switch ((insn >>> 20) & 0x1) {
                case 0x0:
                  switch ((insn >>> 5) & 0x7) {
                    case 0x0:
                      switch ((insn >>> 9) & 0x7f) {
                        case 0x78:
                          if (((insn >>> 8) & 0x1) === 0x0) {
                            // a32.decode:205: MSR_reg ---- 0001 0 r:1 10 mask:4 1111 0000 0000 rn:4 &msr_reg
                            if (h.trans_MSR_reg(extract32_MSR_reg(insn))) return true;
                          }
                          break;
                        case 0x79:
                          // a32.decode:203: MSR_bank ---- 0001 0 r:1 10 .... 1111 001. 0000 rn:4 &msr_bank %sysm
                          if (h.trans_MSR_bank(extract32_MSR_bank(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      if ((insn & 0x4fff00) === 0xfff00) {
                        // a32.decode:208: BXJ .... 0001 0010 1111 1111 1111 0010 .... @rm
                        if (h.trans_BXJ(extract32_rm(insn))) return true;
                      }
                      break;
                    case 0x3:
                      if ((insn & 0x4fff0f) === 0x40000e) {
                        // a32.decode:213: ERET ---- 0001 0110 0000 0000 0000 0110 1110
                        if (h.trans_ERET(extract32_ERET(insn))) return true;
                      }
                      break;
                    case 0x4:
                      switch ((insn >>> 22) & 0x1) {
                        case 0x0:
                          // a32.decode:158: SMLAWB .... 0001 0010 .... .... .... 1000 .... @rdamn
                          if (h.trans_SMLAWB(extract32_rdamn(insn))) return true;
                          break;
                        case 0x1:
                          if (((insn >>> 12) & 0xf) === 0x0) {
                            // a32.decode:166: SMULBB .... 0001 0110 .... 0000 .... 1000 .... @rd0mn
                            if (h.trans_SMULBB(extract32_rd0mn(insn))) return true;
                          }
                          break;
                      }
                      break;
                    case 0x5:
                      switch (insn & 0x40f000) {
                        case 0x0:
                          // a32.decode:159: SMULWB .... 0001 0010 .... 0000 .... 1010 .... @rd0mn
                          if (h.trans_SMULWB(extract32_rd0mn(insn))) return true;
                          break;
                        case 0x400000:
                          // a32.decode:168: SMULTB .... 0001 0110 .... 0000 .... 1010 .... @rd0mn
                          if (h.trans_SMULTB(extract32_rd0mn(insn))) return true;
                          break;
                      }
                      break;
                    case 0x6:
                      switch ((insn >>> 22) & 0x1) {
                        case 0x0:
                          // a32.decode:160: SMLAWT .... 0001 0010 .... .... .... 1100 .... @rdamn
                          if (h.trans_SMLAWT(extract32_rdamn(insn))) return true;
                          break;
                        case 0x1:
                          if (((insn >>> 12) & 0xf) === 0x0) {
                            // a32.decode:167: SMULBT .... 0001 0110 .... 0000 .... 1100 .... @rd0mn
                            if (h.trans_SMULBT(extract32_rd0mn(insn))) return true;
                          }
                          break;
                      }
                      break;
                    case 0x7:
                      switch (insn & 0x40f000) {
                        case 0x0:
                          // a32.decode:161: SMULWT .... 0001 0010 .... 0000 .... 1110 .... @rd0mn
                          if (h.trans_SMULWT(extract32_rd0mn(insn))) return true;
                          break;
                        case 0x400000:
                          // a32.decode:169: SMULTT .... 0001 0110 .... 0000 .... 1110 .... @rd0mn
                          if (h.trans_SMULTT(extract32_rd0mn(insn))) return true;
                          break;
                      }
                      break;
                  }
                  break;
                case 0x1:
                  switch (insn & 0x40f000) {
                    case 0x0:
                      // a32.decode:62: TEQ_xrri .... 000 1001 1 .... 0000 ..... .. 0 .... @S_xrr_shi
                      if (h.trans_TEQ_xrri(extract32_S_xrr_shi(insn))) return true;
                      break;
                    case 0x400000:
                      // a32.decode:64: CMN_xrri .... 000 1011 1 .... 0000 ..... .. 0 .... @S_xrr_shi
                      if (h.trans_CMN_xrri(extract32_S_xrr_shi(insn))) return true;
                      break;
                  }
                  break;
              }
              break;
            case 0x800000:
              switch ((insn >>> 22) & 0x1) {
                case 0x0:
                  // a32.decode:65: ORR_rrri .... 000 1100 . .... .... ..... .. 0 .... @s_rrr_shi
                  if (h.trans_ORR_rrri(extract32_s_rrr_shi(insn))) return true;
                  break;
                case 0x1:
                  // a32.decode:67: BIC_rrri .... 000 1110 . .... .... ..... .. 0 .... @s_rrr_shi
                  if (h.trans_BIC_rrri(extract32_s_rrr_shi(insn))) return true;
                  break;
              }
              break;
            case 0xa00000:
              switch (insn & 0x4f0000) {
                case 0x0:
                  // a32.decode:66: MOV_rxri .... 000 1101 . 0000 .... ..... .. 0 .... @s_rxr_shi
                  if (h.trans_MOV_rxri(extract32_s_rxr_shi(insn))) return true;
                  break;
                case 0x400000:
                  // a32.decode:68: MVN_rxri .... 000 1111 . 0000 .... ..... .. 0 .... @s_rxr_shi
                  if (h.trans_MVN_rxri(extract32_s_rxr_shi(insn))) return true;
                  break;
              }
              break;
          }
          break;
        case 0x1000010:
          switch (insn & 0x400080) {
            case 0x0:
              switch (insn & 0xa00000) {
                case 0x0:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      switch ((insn >>> 5) & 0x3) {
                        case 0x2:
                          if (((insn >>> 8) & 0xf) === 0x0) {
                            // a32.decode:148: QADD .... 0001 0000 .... .... 0000 0101 .... @rndm
                            if (h.trans_QADD(extract32_rndm(insn))) return true;
                          }
                          break;
                        case 0x3:
                          // a32.decode:215: HLT .... 0001 0000 .... .... .... 0111 .... @i16
                          if (h.trans_HLT(extract32_i16(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      if (((insn >>> 12) & 0xf) === 0x0) {
                        // a32.decode:91: TST_xrrr .... 000 1000 1 .... 0000 .... 0 .. 1 .... @S_xrr_shr
                        if (h.trans_TST_xrrr(extract32_S_xrr_shr(insn))) return true;
                      }
                      break;
                  }
                  break;
                case 0x200000:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      switch ((insn >>> 5) & 0x3) {
                        case 0x0:
                          if (((insn >>> 8) & 0xfff) === 0xfff) {
                            // a32.decode:207: BX .... 0001 0010 1111 1111 1111 0001 .... @rm
                            if (h.trans_BX(extract32_rm(insn))) return true;
                          }
                          break;
                        case 0x1:
                          if (((insn >>> 8) & 0xfff) === 0xfff) {
                            // a32.decode:209: BLX_r .... 0001 0010 1111 1111 1111 0011 .... @rm
                            if (h.trans_BLX_r(extract32_rm(insn))) return true;
                          }
                          break;
                        case 0x2:
                          if (((insn >>> 8) & 0xf) === 0x0) {
                            // a32.decode:149: QSUB .... 0001 0010 .... .... 0000 0101 .... @rndm
                            if (h.trans_QSUB(extract32_rndm(insn))) return true;
                          }
                          break;
                        case 0x3:
                          // a32.decode:216: BKPT .... 0001 0010 .... .... .... 0111 .... @i16
                          if (h.trans_BKPT(extract32_i16(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      if (((insn >>> 12) & 0xf) === 0x0) {
                        // a32.decode:92: TEQ_xrrr .... 000 1001 1 .... 0000 .... 0 .. 1 .... @S_xrr_shr
                        if (h.trans_TEQ_xrrr(extract32_S_xrr_shr(insn))) return true;
                      }
                      break;
                  }
                  break;
                case 0x800000:
                  // a32.decode:95: ORR_rrrr .... 000 1100 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_ORR_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
                case 0xa00000:
                  if (((insn >>> 16) & 0xf) === 0x0) {
                    // a32.decode:96: MOV_rxrr .... 000 1101 . 0000 .... .... 0 .. 1 .... @s_rxr_shr
                    if (h.trans_MOV_rxrr(extract32_s_rxr_shr(insn))) return true;
                  }
                  break;
              }
              break;
            case 0x80:
              switch (insn & 0x100f60) {
                case 0x0:
                  if ((insn & 0xa00000) === 0x0) {
                    // a32.decode:321: SWP .... 0001 0000 .... .... 0000 1001 .... @swp
                    if (h.trans_SWP(extract32_swp(insn))) return true;
                  }
                  break;
                case 0x20:
                  // a32.decode:228: STRH_rr .... 000. .0.0 .... .... 0000 1011 .... @ldst_rr_p1w
                  if (h.trans_STRH_rr(extract32_ldst_rr_p1w(insn))) return true;
                  break;
                case 0x40:
                  // a32.decode:230: LDRD_rr .... 000. .0.0 .... .... 0000 1101 .... @ldst_rr_p1w
                  if (h.trans_LDRD_rr(extract32_ldst_rr_p1w(insn))) return true;
                  break;
                case 0x60:
                  // a32.decode:232: STRD_rr .... 000. .0.0 .... .... 0000 1111 .... @ldst_rr_p1w
                  if (h.trans_STRD_rr(extract32_ldst_rr_p1w(insn))) return true;
                  break;
                case 0xf00:
                  switch (insn & 0xa00000) {
                    case 0x800000:
                      // a32.decode:328: STREX .... 0001 1000 .... .... 1111 1001 .... @strex
                      if (h.trans_STREX(extract32_strex(insn))) return true;
                      break;
                    case 0xa00000:
                      // a32.decode:329: STREXD_a32 .... 0001 1010 .... .... 1111 1001 .... @strex
                      if (h.trans_STREXD_a32(extract32_strex(insn))) return true;
                      break;
                  }
                  break;
                case 0x100020:
                  // a32.decode:234: LDRH_rr .... 000. .0.1 .... .... 0000 1011 .... @ldst_rr_p1w
                  if (h.trans_LDRH_rr(extract32_ldst_rr_p1w(insn))) return true;
                  break;
                case 0x100040:
                  // a32.decode:236: LDRSB_rr .... 000. .0.1 .... .... 0000 1101 .... @ldst_rr_p1w
                  if (h.trans_LDRSB_rr(extract32_ldst_rr_p1w(insn))) return true;
                  break;
                case 0x100060:
                  // a32.decode:238: LDRSH_rr .... 000. .0.1 .... .... 0000 1111 .... @ldst_rr_p1w
                  if (h.trans_LDRSH_rr(extract32_ldst_rr_p1w(insn))) return true;
                  break;
                case 0x100f00:
                  switch (insn & 0xa0000f) {
                    case 0x80000f:
                      // a32.decode:333: LDREX .... 0001 1001 .... .... 1111 1001 1111 @ldrex
                      if (h.trans_LDREX(extract32_ldrex(insn))) return true;
                      break;
                    case 0xa0000f:
                      // a32.decode:334: LDREXD_a32 .... 0001 1011 .... .... 1111 1001 1111 @ldrex
                      if (h.trans_LDREXD_a32(extract32_ldrex(insn))) return true;
                      break;
                  }
                  break;
              }
              break;
            case 0x400000:
              switch (insn & 0xa00000) {
                case 0x0:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      switch ((insn >>> 5) & 0x3) {
                        case 0x2:
                          if (((insn >>> 8) & 0xf) === 0x0) {
                            // a32.decode:150: QDADD .... 0001 0100 .... .... 0000 0101 .... @rndm
                            if (h.trans_QDADD(extract32_rndm(insn))) return true;
                          }
                          break;
                        case 0x3:
                          // a32.decode:217: HVC .... 0001 0100 .... .... .... 0111 .... @i16
                          if (h.trans_HVC(extract32_i16(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      if (((insn >>> 12) & 0xf) === 0x0) {
                        // a32.decode:93: CMP_xrrr .... 000 1010 1 .... 0000 .... 0 .. 1 .... @S_xrr_shr
                        if (h.trans_CMP_xrrr(extract32_S_xrr_shr(insn))) return true;
                      }
                      break;
                  }
                  break;
                case 0x200000:
                  switch ((insn >>> 20) & 0x1) {
                    case 0x0:
                      switch (insn & 0xf60) {
                        case 0x40:
                          // a32.decode:151: QDSUB .... 0001 0110 .... .... 0000 0101 .... @rndm
                          if (h.trans_QDSUB(extract32_rndm(insn))) return true;
                          break;
                        case 0x60:
                          if (((insn >>> 12) & 0xff) === 0x0) {
                            // a32.decode:218: SMC ---- 0001 0110 0000 0000 0000 0111 imm:4 &i
                            if (h.trans_SMC(extract32_SMC(insn))) return true;
                          }
                          break;
                        case 0xf00:
                          if (((insn >>> 16) & 0xf) === 0xf) {
                            // a32.decode:211: CLZ .... 0001 0110 1111 .... 1111 0001 .... @rdm
                            if (h.trans_CLZ(extract32_rdm(insn))) return true;
                          }
                          break;
                      }
                      break;
                    case 0x1:
                      if (((insn >>> 12) & 0xf) === 0x0) {
                        // a32.decode:94: CMN_xrrr .... 000 1011 1 .... 0000 .... 0 .. 1 .... @S_xrr_shr
                        if (h.trans_CMN_xrrr(extract32_S_xrr_shr(insn))) return true;
                      }
                      break;
                  }
                  break;
                case 0x800000:
                  // a32.decode:97: BIC_rrrr .... 000 1110 . .... .... .... 0 .. 1 .... @s_rrr_shr
                  if (h.trans_BIC_rrrr(extract32_s_rrr_shr(insn))) return true;
                  break;
                case 0xa00000:
                  if (((insn >>> 16) & 0xf) === 0x0) {
                    // a32.decode:98: MVN_rxrr .... 000 1111 . 0000 .... .... 0 .. 1 .... @s_rxr_shr
                    if (h.trans_MVN_rxrr(extract32_s_rxr_shr(insn))) return true;
                  }
                  break;
              }
              break;
            case 0x400080:
              switch (insn & 0x100060) {
                case 0x0:
                  switch (insn & 0xa00f00) {
                    case 0x0:
                      // a32.decode:322: SWPB .... 0001 0100 .... .... 0000 1001 .... @swp
                      if (h.trans_SWPB(extract32_swp(insn))) return true;
                      break;
                    case 0x800f00:
                      // a32.decode:330: STREXB .... 0001 1100 .... .... 1111 1001 .... @strex
                      if (h.trans_STREXB(extract32_strex(insn))) return true;
                      break;
                    case 0xa00f00:
                      // a32.decode:331: STREXH .... 0001 1110 .... .... 1111 1001 .... @strex
                      if (h.trans_STREXH(extract32_strex(insn))) return true;
                      break;
                  }
                  break;
                case 0x20:
                  // a32.decode:277: STRH_ri .... 000. .1.0 .... .... .... 1011 .... @ldst_ri8_p1w
                  if (h.trans_STRH_ri(extract32_ldst_ri8_p1w(insn))) return true;
                  break;
                case 0x40:
                  // a32.decode:279: LDRD_ri_a32 .... 000. .1.0 .... .... .... 1101 .... @ldst_ri8_p1w
                  if (h.trans_LDRD_ri_a32(extract32_ldst_ri8_p1w(insn))) return true;
                  break;
                case 0x60:
                  // a32.decode:281: STRD_ri_a32 .... 000. .1.0 .... .... .... 1111 .... @ldst_ri8_p1w
                  if (h.trans_STRD_ri_a32(extract32_ldst_ri8_p1w(insn))) return true;
                  break;
                case 0x100000:
                  switch (insn & 0xa00f0f) {
                    case 0x800f0f:
                      // a32.decode:335: LDREXB .... 0001 1101 .... .... 1111 1001 1111 @ldrex
                      if (h.trans_LDREXB(extract32_ldrex(insn))) return true;
                      break;
                    case 0xa00f0f:
                      // a32.decode:336: LDREXH .... 0001 1111 .... .... 1111 1001 1111 @ldrex
                      if (h.trans_LDREXH(extract32_ldrex(insn))) return true;
                      break;
                  }
                  break;
                case 0x100020:
                  // a32.decode:283: LDRH_ri .... 000. .1.1 .... .... .... 1011 .... @ldst_ri8_p1w
                  if (h.trans_LDRH_ri(extract32_ldst_ri8_p1w(insn))) return true;
                  break;
                case 0x100040:
                  // a32.decode:285: LDRSB_ri .... 000. .1.1 .... .... .... 1101 .... @ldst_ri8_p1w
                  if (h.trans_LDRSB_ri(extract32_ldst_ri8_p1w(insn))) return true;
                  break;
                case 0x100060:
                  // a32.decode:287: LDRSH_ri .... 000. .1.1 .... .... .... 1111 .... @ldst_ri8_p1w
                  if (h.trans_LDRSH_ri(extract32_ldst_ri8_p1w(insn))) return true;
                  break;
              }
              break;
          }
          break;
      }
      break;
    case 0x1:
      switch ((insn >>> 21) & 0xf) {
        case 0x0:
          // a32.decode:110: AND_rri .... 001 0000 . .... .... ............ @s_rri_rot
          if (h.trans_AND_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x1:
          // a32.decode:111: EOR_rri .... 001 0001 . .... .... ............ @s_rri_rot
          if (h.trans_EOR_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x2:
          // a32.decode:112: SUB_rri .... 001 0010 . .... .... ............ @s_rri_rot
          if (h.trans_SUB_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x3:
          // a32.decode:113: RSB_rri .... 001 0011 . .... .... ............ @s_rri_rot
          if (h.trans_RSB_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x4:
          // a32.decode:114: ADD_rri .... 001 0100 . .... .... ............ @s_rri_rot
          if (h.trans_ADD_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x5:
          // a32.decode:115: ADC_rri .... 001 0101 . .... .... ............ @s_rri_rot
          if (h.trans_ADC_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x6:
          // a32.decode:116: SBC_rri .... 001 0110 . .... .... ............ @s_rri_rot
          if (h.trans_SBC_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x7:
          // a32.decode:117: RSC_rri .... 001 0111 . .... .... ............ @s_rri_rot
          if (h.trans_RSC_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0x8:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // a32.decode:74: MOVW .... 0011 0000 .... .... ............ @mov16
              if (h.trans_MOVW(extract32_mov16(insn))) return true;
              break;
            case 0x1:
              if (((insn >>> 12) & 0xf) === 0x0) {
                // a32.decode:118: TST_xri .... 001 1000 1 .... 0000 ............ @S_xri_rot
                if (h.trans_TST_xri(extract32_S_xri_rot(h, insn))) return true;
              }
              break;
          }
          break;
        case 0x9:
          switch (insn & 0x10f000) {
            case 0xf000:
              if ((insn & 0xf0000) === 0x0) {
                if ((insn & 0xec) === 0x0) {
                  switch (insn & 0x13) {
                    case 0x1:
                      // a32.decode:180: YIELD ---- 0011 0010 0000 1111 ---- 0000 0001
                      if (h.trans_YIELD(extract32_ERET(insn))) return true;
                      break;
                    case 0x2:
                      // a32.decode:181: WFE ---- 0011 0010 0000 1111 ---- 0000 0010
                      if (h.trans_WFE(extract32_ERET(insn))) return true;
                      break;
                    case 0x3:
                      // a32.decode:182: WFI ---- 0011 0010 0000 1111 ---- 0000 0011
                      if (h.trans_WFI(extract32_ERET(insn))) return true;
                      break;
                    case 0x10:
                      // a32.decode:184: ESB ---- 0011 0010 0000 1111 ---- 0001 0000
                      if (h.trans_ESB(extract32_ERET(insn))) return true;
                      break;
                  }
                }
                // a32.decode:186: NOP ---- 0011 0010 0000 1111 ---- ---- ----
                if (h.trans_NOP(extract32_ERET(insn))) return true;
              }
              // a32.decode:188: MSR_imm .... 0011 0010 .... 1111 .... .... .... @msr_i r=0
              if (h.trans_MSR_imm(extract32_msr_i(insn))) return true;
              break;
            case 0x100000:
              // a32.decode:119: TEQ_xri .... 001 1001 1 .... 0000 ............ @S_xri_rot
              if (h.trans_TEQ_xri(extract32_S_xri_rot(h, insn))) return true;
              break;
          }
          break;
        case 0xa:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // a32.decode:75: MOVT .... 0011 0100 .... .... ............ @mov16
              if (h.trans_MOVT(extract32_mov16(insn))) return true;
              break;
            case 0x1:
              if (((insn >>> 12) & 0xf) === 0x0) {
                // a32.decode:120: CMP_xri .... 001 1010 1 .... 0000 ............ @S_xri_rot
                if (h.trans_CMP_xri(extract32_S_xri_rot(h, insn))) return true;
              }
              break;
          }
          break;
        case 0xb:
          switch (insn & 0x10f000) {
            case 0xf000:
              // a32.decode:190: MSR_imm .... 0011 0110 .... 1111 .... .... .... @msr_i r=1
              if (h.trans_MSR_imm(extract32_msr_i_2(insn))) return true;
              break;
            case 0x100000:
              // a32.decode:121: CMN_xri .... 001 1011 1 .... 0000 ............ @S_xri_rot
              if (h.trans_CMN_xri(extract32_S_xri_rot(h, insn))) return true;
              break;
          }
          break;
        case 0xc:
          // a32.decode:122: ORR_rri .... 001 1100 . .... .... ............ @s_rri_rot
          if (h.trans_ORR_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0xd:
          if (((insn >>> 16) & 0xf) === 0x0) {
            // a32.decode:123: MOV_rxi .... 001 1101 . 0000 .... ............ @s_rxi_rot
            if (h.trans_MOV_rxi(extract32_s_rxi_rot(h, insn))) return true;
          }
          break;
        case 0xe:
          // a32.decode:124: BIC_rri .... 001 1110 . .... .... ............ @s_rri_rot
          if (h.trans_BIC_rri(extract32_s_rri_rot(h, insn))) return true;
          break;
        case 0xf:
          if (((insn >>> 16) & 0xf) === 0x0) {
            // a32.decode:125: MVN_rxi .... 001 1111 . 0000 .... ............ @s_rxi_rot
            if (h.trans_MVN_rxi(extract32_s_rxi_rot(h, insn))) return true;
          }
          break;
      }
      break;
    case 0x2:
      switch (insn & 0x1500000) {
        case 0x0:
          switch ((insn >>> 21) & 0x1) {
            case 0x0:
              // a32.decode:302: STR_ri .... 010. .0.0 .... .... ............ @ldst_ri12_pw0
              if (h.trans_STR_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
            case 0x1:
              // a32.decode:312: STRT_ri .... 010. .0.0 .... .... ............ @ldst_ri12_p0w1
              if (h.trans_STRT_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
          }
          break;
        case 0x100000:
          switch ((insn >>> 21) & 0x1) {
            case 0x0:
              // a32.decode:306: LDR_ri .... 010. .0.1 .... .... ............ @ldst_ri12_pw0
              if (h.trans_LDR_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
            case 0x1:
              // a32.decode:314: LDRT_ri .... 010. .0.1 .... .... ............ @ldst_ri12_p0w1
              if (h.trans_LDRT_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
          }
          break;
        case 0x400000:
          switch ((insn >>> 21) & 0x1) {
            case 0x0:
              // a32.decode:304: STRB_ri .... 010. .1.0 .... .... ............ @ldst_ri12_pw0
              if (h.trans_STRB_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
            case 0x1:
              // a32.decode:313: STRBT_ri .... 010. .1.0 .... .... ............ @ldst_ri12_p0w1
              if (h.trans_STRBT_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
          }
          break;
        case 0x500000:
          switch ((insn >>> 21) & 0x1) {
            case 0x0:
              // a32.decode:308: LDRB_ri .... 010. .1.1 .... .... ............ @ldst_ri12_pw0
              if (h.trans_LDRB_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
            case 0x1:
              // a32.decode:315: LDRBT_ri .... 010. .1.1 .... .... ............ @ldst_ri12_p0w1
              if (h.trans_LDRBT_ri(extract32_ldst_ri12_pw0(insn))) return true;
              break;
          }
          break;
        case 0x1000000:
          // a32.decode:301: STR_ri .... 010. .0.0 .... .... ............ @ldst_ri12_p1w
          if (h.trans_STR_ri(extract32_ldst_ri12_p1w(insn))) return true;
          break;
        case 0x1100000:
          // a32.decode:305: LDR_ri .... 010. .0.1 .... .... ............ @ldst_ri12_p1w
          if (h.trans_LDR_ri(extract32_ldst_ri12_p1w(insn))) return true;
          break;
        case 0x1400000:
          // a32.decode:303: STRB_ri .... 010. .1.0 .... .... ............ @ldst_ri12_p1w
          if (h.trans_STRB_ri(extract32_ldst_ri12_p1w(insn))) return true;
          break;
        case 0x1500000:
          // a32.decode:307: LDRB_ri .... 010. .1.1 .... .... ............ @ldst_ri12_p1w
          if (h.trans_LDRB_ri(extract32_ldst_ri12_p1w(insn))) return true;
          break;
      }
      break;
    case 0x3:
      switch (insn & 0x1400010) {
        case 0x0:
          switch ((insn >>> 20) & 0x3) {
            case 0x0:
              // a32.decode:253: STR_rr .... 011. .0.0 .... .... .... ...0 .... @ldst_rs_pw0
              if (h.trans_STR_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
            case 0x1:
              // a32.decode:257: LDR_rr .... 011. .0.1 .... .... .... ...0 .... @ldst_rs_pw0
              if (h.trans_LDR_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
            case 0x2:
              // a32.decode:264: STRT_rr .... 011. .0.0 .... .... .... ...0 .... @ldst_rs_p0w1
              if (h.trans_STRT_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
            case 0x3:
              // a32.decode:266: LDRT_rr .... 011. .0.1 .... .... .... ...0 .... @ldst_rs_p0w1
              if (h.trans_LDRT_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
          }
          break;
        case 0x10:
          switch (insn & 0xa00020) {
            case 0x0:
              switch (insn & 0x100fc0) {
                case 0x100f00:
                  // a32.decode:355: SADD16 .... 0110 0001 .... .... 1111 0001 .... @rndm
                  if (h.trans_SADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:357: SSAX .... 0110 0001 .... .... 1111 0101 .... @rndm
                  if (h.trans_SSAX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f80:
                  // a32.decode:359: SADD8 .... 0110 0001 .... .... 1111 1001 .... @rndm
                  if (h.trans_SADD8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x20:
              switch (insn & 0x100fc0) {
                case 0x100f00:
                  // a32.decode:356: SASX .... 0110 0001 .... .... 1111 0011 .... @rndm
                  if (h.trans_SASX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:358: SSUB16 .... 0110 0001 .... .... 1111 0111 .... @rndm
                  if (h.trans_SSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x100fc0:
                  // a32.decode:360: SSUB8 .... 0110 0001 .... .... 1111 1111 .... @rndm
                  if (h.trans_SSUB8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x200000:
              switch (insn & 0x100fc0) {
                case 0xf00:
                  // a32.decode:362: QADD16 .... 0110 0010 .... .... 1111 0001 .... @rndm
                  if (h.trans_QADD16(extract32_rndm(insn))) return true;
                  break;
                case 0xf40:
                  // a32.decode:364: QSAX .... 0110 0010 .... .... 1111 0101 .... @rndm
                  if (h.trans_QSAX(extract32_rndm(insn))) return true;
                  break;
                case 0xf80:
                  // a32.decode:366: QADD8 .... 0110 0010 .... .... 1111 1001 .... @rndm
                  if (h.trans_QADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x100f00:
                  // a32.decode:369: SHADD16 .... 0110 0011 .... .... 1111 0001 .... @rndm
                  if (h.trans_SHADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:371: SHSAX .... 0110 0011 .... .... 1111 0101 .... @rndm
                  if (h.trans_SHSAX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f80:
                  // a32.decode:373: SHADD8 .... 0110 0011 .... .... 1111 1001 .... @rndm
                  if (h.trans_SHADD8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x200020:
              switch (insn & 0x100fc0) {
                case 0xf00:
                  // a32.decode:363: QASX .... 0110 0010 .... .... 1111 0011 .... @rndm
                  if (h.trans_QASX(extract32_rndm(insn))) return true;
                  break;
                case 0xf40:
                  // a32.decode:365: QSUB16 .... 0110 0010 .... .... 1111 0111 .... @rndm
                  if (h.trans_QSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0xfc0:
                  // a32.decode:367: QSUB8 .... 0110 0010 .... .... 1111 1111 .... @rndm
                  if (h.trans_QSUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x100f00:
                  // a32.decode:370: SHASX .... 0110 0011 .... .... 1111 0011 .... @rndm
                  if (h.trans_SHASX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:372: SHSUB16 .... 0110 0011 .... .... 1111 0111 .... @rndm
                  if (h.trans_SHSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x100fc0:
                  // a32.decode:374: SHSUB8 .... 0110 0011 .... .... 1111 1111 .... @rndm
                  if (h.trans_SHSUB8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x800000:
              if (((insn >>> 20) & 0x1) === 0x0) {
                // a32.decode:398: PKH ---- 0110 1000 rn:4 rd:4 imm:5 tb:1 01 rm:4 &pkh
                if (h.trans_PKH(extract32_PKH(insn))) return true;
              }
              break;
            case 0x800020:
              switch (insn & 0x1003c0) {
                case 0x40:
                  // a32.decode:411: SXTAB16 .... 0110 1000 .... .... ..00 0111 .... @rrr_rot
                  if (h.trans_SXTAB16(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x380:
                  if (((insn >>> 10) & 0x3) === 0x3) {
                    // a32.decode:418: SEL .... 0110 1000 .... .... 1111 1011 .... @rndm
                    if (h.trans_SEL(extract32_rndm(insn))) return true;
                  }
                  break;
              }
              break;
            case 0xa00000:
              // a32.decode:403: SSAT .... 0110 101. .... .... .... ..01 .... @sat
              if (h.trans_SSAT(extract32_sat(insn))) return true;
              break;
            case 0xa00020:
              switch (insn & 0x1003c0) {
                case 0x40:
                  // a32.decode:412: SXTAB .... 0110 1010 .... .... ..00 0111 .... @rrr_rot
                  if (h.trans_SXTAB(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x300:
                  if (((insn >>> 10) & 0x3) === 0x3) {
                    // a32.decode:405: SSAT16 .... 0110 1010 .... .... 1111 0011 .... @sat16
                    if (h.trans_SSAT16(extract32_sat16(insn))) return true;
                  }
                  break;
                case 0x100040:
                  // a32.decode:413: SXTAH .... 0110 1011 .... .... ..00 0111 .... @rrr_rot
                  if (h.trans_SXTAH(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x100300:
                  if ((insn & 0xf0c00) === 0xf0c00) {
                    // a32.decode:419: REV .... 0110 1011 1111 .... 1111 0011 .... @rdm
                    if (h.trans_REV(extract32_rdm(insn))) return true;
                  }
                  break;
                case 0x100380:
                  if ((insn & 0xf0c00) === 0xf0c00) {
                    // a32.decode:420: REV16 .... 0110 1011 1111 .... 1111 1011 .... @rdm
                    if (h.trans_REV16(extract32_rdm(insn))) return true;
                  }
                  break;
              }
              break;
          }
          break;
        case 0x400000:
          switch ((insn >>> 20) & 0x3) {
            case 0x0:
              // a32.decode:255: STRB_rr .... 011. .1.0 .... .... .... ...0 .... @ldst_rs_pw0
              if (h.trans_STRB_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
            case 0x1:
              // a32.decode:259: LDRB_rr .... 011. .1.1 .... .... .... ...0 .... @ldst_rs_pw0
              if (h.trans_LDRB_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
            case 0x2:
              // a32.decode:265: STRBT_rr .... 011. .1.0 .... .... .... ...0 .... @ldst_rs_p0w1
              if (h.trans_STRBT_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
            case 0x3:
              // a32.decode:267: LDRBT_rr .... 011. .1.1 .... .... .... ...0 .... @ldst_rs_p0w1
              if (h.trans_LDRBT_rr(extract32_ldst_rs_pw0(insn))) return true;
              break;
          }
          break;
        case 0x400010:
          switch (insn & 0xa00020) {
            case 0x0:
              switch (insn & 0x100fc0) {
                case 0x100f00:
                  // a32.decode:376: UADD16 .... 0110 0101 .... .... 1111 0001 .... @rndm
                  if (h.trans_UADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:378: USAX .... 0110 0101 .... .... 1111 0101 .... @rndm
                  if (h.trans_USAX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f80:
                  // a32.decode:380: UADD8 .... 0110 0101 .... .... 1111 1001 .... @rndm
                  if (h.trans_UADD8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x20:
              switch (insn & 0x100fc0) {
                case 0x100f00:
                  // a32.decode:377: UASX .... 0110 0101 .... .... 1111 0011 .... @rndm
                  if (h.trans_UASX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:379: USUB16 .... 0110 0101 .... .... 1111 0111 .... @rndm
                  if (h.trans_USUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x100fc0:
                  // a32.decode:381: USUB8 .... 0110 0101 .... .... 1111 1111 .... @rndm
                  if (h.trans_USUB8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x200000:
              switch (insn & 0x100fc0) {
                case 0xf00:
                  // a32.decode:383: UQADD16 .... 0110 0110 .... .... 1111 0001 .... @rndm
                  if (h.trans_UQADD16(extract32_rndm(insn))) return true;
                  break;
                case 0xf40:
                  // a32.decode:385: UQSAX .... 0110 0110 .... .... 1111 0101 .... @rndm
                  if (h.trans_UQSAX(extract32_rndm(insn))) return true;
                  break;
                case 0xf80:
                  // a32.decode:387: UQADD8 .... 0110 0110 .... .... 1111 1001 .... @rndm
                  if (h.trans_UQADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x100f00:
                  // a32.decode:390: UHADD16 .... 0110 0111 .... .... 1111 0001 .... @rndm
                  if (h.trans_UHADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:392: UHSAX .... 0110 0111 .... .... 1111 0101 .... @rndm
                  if (h.trans_UHSAX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f80:
                  // a32.decode:394: UHADD8 .... 0110 0111 .... .... 1111 1001 .... @rndm
                  if (h.trans_UHADD8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x200020:
              switch (insn & 0x100fc0) {
                case 0xf00:
                  // a32.decode:384: UQASX .... 0110 0110 .... .... 1111 0011 .... @rndm
                  if (h.trans_UQASX(extract32_rndm(insn))) return true;
                  break;
                case 0xf40:
                  // a32.decode:386: UQSUB16 .... 0110 0110 .... .... 1111 0111 .... @rndm
                  if (h.trans_UQSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0xfc0:
                  // a32.decode:388: UQSUB8 .... 0110 0110 .... .... 1111 1111 .... @rndm
                  if (h.trans_UQSUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x100f00:
                  // a32.decode:391: UHASX .... 0110 0111 .... .... 1111 0011 .... @rndm
                  if (h.trans_UHASX(extract32_rndm(insn))) return true;
                  break;
                case 0x100f40:
                  // a32.decode:393: UHSUB16 .... 0110 0111 .... .... 1111 0111 .... @rndm
                  if (h.trans_UHSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x100fc0:
                  // a32.decode:395: UHSUB8 .... 0110 0111 .... .... 1111 1111 .... @rndm
                  if (h.trans_UHSUB8(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x800020:
              if ((insn & 0x1003c0) === 0x40) {
                // a32.decode:414: UXTAB16 .... 0110 1100 .... .... ..00 0111 .... @rrr_rot
                if (h.trans_UXTAB16(extract32_rrr_rot(insn))) return true;
              }
              break;
            case 0xa00000:
              // a32.decode:404: USAT .... 0110 111. .... .... .... ..01 .... @sat
              if (h.trans_USAT(extract32_sat(insn))) return true;
              break;
            case 0xa00020:
              switch (insn & 0x1003c0) {
                case 0x40:
                  // a32.decode:415: UXTAB .... 0110 1110 .... .... ..00 0111 .... @rrr_rot
                  if (h.trans_UXTAB(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x300:
                  if (((insn >>> 10) & 0x3) === 0x3) {
                    // a32.decode:406: USAT16 .... 0110 1110 .... .... 1111 0011 .... @sat16
                    if (h.trans_USAT16(extract32_sat16(insn))) return true;
                  }
                  break;
                case 0x100040:
                  // a32.decode:416: UXTAH .... 0110 1111 .... .... ..00 0111 .... @rrr_rot
                  if (h.trans_UXTAH(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x100300:
                  if ((insn & 0xf0c00) === 0xf0c00) {
                    // a32.decode:422: RBIT .... 0110 1111 1111 .... 1111 0011 .... @rdm
                    if (h.trans_RBIT(extract32_rdm(insn))) return true;
                  }
                  break;
                case 0x100380:
                  if ((insn & 0xf0c00) === 0xf0c00) {
                    // a32.decode:421: REVSH .... 0110 1111 1111 .... 1111 1011 .... @rdm
                    if (h.trans_REVSH(extract32_rdm(insn))) return true;
                  }
                  break;
              }
              break;
          }
          break;
        case 0x1000000:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // a32.decode:254: STR_rr .... 011. .0.0 .... .... .... ...0 .... @ldst_rs_p1w
              if (h.trans_STR_rr(extract32_ldst_rs_p1w(insn))) return true;
              break;
            case 0x1:
              // a32.decode:258: LDR_rr .... 011. .0.1 .... .... .... ...0 .... @ldst_rs_p1w
              if (h.trans_LDR_rr(extract32_ldst_rs_p1w(insn))) return true;
              break;
          }
          break;
        case 0x1000010:
          switch (insn & 0xa00060) {
            case 0x0:
              switch (insn & 0x100080) {
                case 0x0:
                  // a32.decode:428: SMLAD .... 0111 0000 .... .... .... 0001 .... @rdamn
                  if (h.trans_SMLAD(extract32_rdamn(insn))) return true;
                  break;
                case 0x100000:
                  if (((insn >>> 12) & 0xf) === 0xf) {
                    // a32.decode:433: SDIV .... 0111 0001 .... 1111 .... 0001 .... @rdmn
                    if (h.trans_SDIV(extract32_rdmn(insn))) return true;
                  }
                  break;
              }
              break;
            case 0x20:
              if ((insn & 0x100080) === 0x0) {
                // a32.decode:429: SMLADX .... 0111 0000 .... .... .... 0011 .... @rdamn
                if (h.trans_SMLADX(extract32_rdamn(insn))) return true;
              }
              break;
            case 0x40:
              if ((insn & 0x100080) === 0x0) {
                // a32.decode:430: SMLSD .... 0111 0000 .... .... .... 0101 .... @rdamn
                if (h.trans_SMLSD(extract32_rdamn(insn))) return true;
              }
              break;
            case 0x60:
              if ((insn & 0x100080) === 0x0) {
                // a32.decode:431: SMLSDX .... 0111 0000 .... .... .... 0111 .... @rdamn
                if (h.trans_SMLSDX(extract32_rdamn(insn))) return true;
              }
              break;
            case 0x200000:
              if ((insn & 0x10f080) === 0x10f000) {
                // a32.decode:434: UDIV .... 0111 0011 .... 1111 .... 0001 .... @rdmn
                if (h.trans_UDIV(extract32_rdmn(insn))) return true;
              }
              break;
            case 0x800000:
              if ((insn & 0x100080) === 0x0) {
                // a32.decode:340: USADA8 ---- 0111 1000 rd:4 ra:4 rm:4 0001 rn:4
                if (h.trans_USADA8(extract32_rdamn(insn))) return true;
              }
              break;
            case 0xa00040:
              // a32.decode:344: SBFX .... 0111 101 ..... .... ..... 101 .... @bfx
              if (h.trans_SBFX(extract32_bfx(insn))) return true;
              break;
          }
          break;
        case 0x1400000:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // a32.decode:256: STRB_rr .... 011. .1.0 .... .... .... ...0 .... @ldst_rs_p1w
              if (h.trans_STRB_rr(extract32_ldst_rs_p1w(insn))) return true;
              break;
            case 0x1:
              // a32.decode:260: LDRB_rr .... 011. .1.1 .... .... .... ...0 .... @ldst_rs_p1w
              if (h.trans_LDRB_rr(extract32_ldst_rs_p1w(insn))) return true;
              break;
          }
          break;
        case 0x1400010:
          switch (insn & 0xa00060) {
            case 0x0:
              switch (insn & 0x100080) {
                case 0x0:
                  // a32.decode:436: SMLALD .... 0111 0100 .... .... .... 0001 .... @rdamn
                  if (h.trans_SMLALD(extract32_rdamn(insn))) return true;
                  break;
                case 0x100000:
                  // a32.decode:441: SMMLA .... 0111 0101 .... .... .... 0001 .... @rdamn
                  if (h.trans_SMMLA(extract32_rdamn(insn))) return true;
                  break;
              }
              break;
            case 0x20:
              switch (insn & 0x100080) {
                case 0x0:
                  // a32.decode:437: SMLALDX .... 0111 0100 .... .... .... 0011 .... @rdamn
                  if (h.trans_SMLALDX(extract32_rdamn(insn))) return true;
                  break;
                case 0x100000:
                  // a32.decode:442: SMMLAR .... 0111 0101 .... .... .... 0011 .... @rdamn
                  if (h.trans_SMMLAR(extract32_rdamn(insn))) return true;
                  break;
              }
              break;
            case 0x40:
              switch (insn & 0x100080) {
                case 0x0:
                  // a32.decode:438: SMLSLD .... 0111 0100 .... .... .... 0101 .... @rdamn
                  if (h.trans_SMLSLD(extract32_rdamn(insn))) return true;
                  break;
                case 0x100080:
                  // a32.decode:443: SMMLS .... 0111 0101 .... .... .... 1101 .... @rdamn
                  if (h.trans_SMMLS(extract32_rdamn(insn))) return true;
                  break;
              }
              break;
            case 0x60:
              switch (insn & 0x100080) {
                case 0x0:
                  // a32.decode:439: SMLSLDX .... 0111 0100 .... .... .... 0111 .... @rdamn
                  if (h.trans_SMLSLDX(extract32_rdamn(insn))) return true;
                  break;
                case 0x100080:
                  // a32.decode:444: SMMLSR .... 0111 0101 .... .... .... 1111 .... @rdamn
                  if (h.trans_SMMLSR(extract32_rdamn(insn))) return true;
                  break;
              }
              break;
            case 0x800000:
              // a32.decode:348: BFCI ---- 0111 110 msb:5 rd:4 lsb:5 001 rn:4 &bfi
              if (h.trans_BFCI(extract32_BFCI(insn))) return true;
              break;
            case 0xa00040:
              // a32.decode:345: UBFX .... 0111 111 ..... .... ..... 101 .... @bfx
              if (h.trans_UBFX(extract32_bfx(insn))) return true;
              break;
            case 0xa00060:
              if ((insn & 0xf0100080) >>> 0 === 0xe0100080) {
                // a32.decode:351: UDF 1110 0111 1111 ---- ---- ---- 1111 ----
                if (h.trans_UDF(extract32_ERET(insn))) return true;
              }
              break;
          }
          break;
      }
      break;
    case 0x4:
      switch ((insn >>> 20) & 0x1) {
        case 0x0:
          // a32.decode:448: STM ---- 100 b:1 i:1 u:1 w:1 0 rn:4 list:16 &ldst_block
          if (h.trans_STM(extract32_STM(insn))) return true;
          break;
        case 0x1:
          // a32.decode:449: LDM_a32 ---- 100 b:1 i:1 u:1 w:1 1 rn:4 list:16 &ldst_block
          if (h.trans_LDM_a32(extract32_STM(insn))) return true;
          break;
      }
      break;
    case 0x5:
      switch ((insn >>> 24) & 0x1) {
        case 0x0:
          // a32.decode:456: B .... 1010 ........................ @branch
          if (h.trans_B(extract32_branch(h, insn))) return true;
          break;
        case 0x1:
          // a32.decode:457: BL .... 1011 ........................ @branch
          if (h.trans_BL(extract32_branch(h, insn))) return true;
          break;
      }
      break;
    case 0x6:
      switch ((insn >>> 20) & 0x1f) {
        case 0x4:
          // a32.decode:465: MCRR .... 1100 0100 .... .... .... .... .... @mcrr
          if (h.trans_MCRR(extract32_mcrr(insn))) return true;
          break;
        case 0x5:
          // a32.decode:466: MRRC .... 1100 0101 .... .... .... .... .... @mcrr
          if (h.trans_MRRC(extract32_mcrr(insn))) return true;
          break;
      }
      break;
    case 0x7:
      switch ((insn >>> 24) & 0x1) {
        case 0x0:
          switch (insn & 0x100010) {
            case 0x10:
              // a32.decode:468: MCR .... 1110 ... 0 .... .... .... ... 1 .... @mcr
              if (h.trans_MCR(extract32_mcr(insn))) return true;
              break;
            case 0x100010:
              // a32.decode:469: MRC .... 1110 ... 1 .... .... .... ... 1 .... @mcr
              if (h.trans_MRC(extract32_mcr(insn))) return true;
              break;
          }
          break;
        case 0x1:
          // a32.decode:473: SVC ---- 1111 imm:24 &i
          if (h.trans_SVC(extract32_SVC(insn))) return true;
          break;
      }
      break;
  }
  return false;
}

/** Decodes one 32-bit instruction (a32-uncond.decode); false if no pattern matched or every matching handler declined. */
export function disasA32Uncond(h: A32DecodeHandler, insn: number): boolean {
  // Accept the word as int32 or uint32; bit operations below work on int32.
  insn |= 0;
  switch (insn >>> 25) {
    case 0x78:
      switch (insn & 0x1f1fc20) {
        case 0x1000000:
          if (((insn >>> 9) & 0x1) === 0x0) {
            // a32-uncond.decode:23: CPS 1111 0001 0000 imod:2 M:1 0 0000 000 A:1 I:1 F:1 0 mode:5 &cps
            if (h.trans_CPS(extract32_CPS(insn))) return true;
          }
          break;
        case 0x1010000:
          if ((insn & 0xe01df) === 0x0) {
            // a32-uncond.decode:31: SETEND 1111 0001 0000 0001 0000 00 E:1 0 0000 0000 &setend
            if (h.trans_SETEND(extract32_SETEND(insn))) return true;
          }
          break;
      }
      break;
    case 0x7a:
      switch (insn & 0x1700000) {
        case 0x100000:
          // a32-uncond.decode:45: PLDW 1111 0100 -001 ---- ---- ---- ---- ----
          if (h.trans_PLDW(extract32_ERET(insn))) return true;
          break;
        case 0x500000:
          if (((insn >>> 12) & 0xf) === 0xf) {
            // a32-uncond.decode:37: PLI 1111 0100 -101 ---- 1111 ---- ---- ----
            if (h.trans_PLI(extract32_ERET(insn))) return true;
          }
          break;
        case 0x1100000:
          if (((insn >>> 12) & 0xf) === 0xf) {
            // a32-uncond.decode:36: PLDW 1111 0101 -001 ---- 1111 ---- ---- ----
            if (h.trans_PLDW(extract32_ERET(insn))) return true;
          }
          break;
        case 0x1500000:
          if (((insn >>> 12) & 0xf) === 0xf) {
            // a32-uncond.decode:35: PLD 1111 0101 -101 ---- 1111 ---- ---- ----
            if (h.trans_PLD(extract32_ERET(insn))) return true;
          }
          break;
        case 0x1700000:
          switch (insn & 0x8ffff0) {
            case 0xff010:
              if ((insn & 0xf) === 0xf) {
                // a32-uncond.decode:26: CLREX 1111 0101 0111 1111 1111 0000 0001 1111
                if (h.trans_CLREX(extract32_ERET(insn))) return true;
              }
              break;
            case 0xff040:
              // a32-uncond.decode:27: DSB 1111 0101 0111 1111 1111 0000 0100 ----
              if (h.trans_DSB(extract32_ERET(insn))) return true;
              break;
            case 0xff050:
              // a32-uncond.decode:28: DMB 1111 0101 0111 1111 1111 0000 0101 ----
              if (h.trans_DMB(extract32_ERET(insn))) return true;
              break;
            case 0xff060:
              // a32-uncond.decode:29: ISB 1111 0101 0111 1111 1111 0000 0110 ----
              if (h.trans_ISB(extract32_ERET(insn))) return true;
              break;
          }
          break;
      }
      break;
    case 0x7b:
      switch (insn & 0x1700010) {
        case 0x100000:
          // a32-uncond.decode:46: PLDW 1111 0110 -001 ---- ---- ---- ---0 ----
          if (h.trans_PLDW(extract32_ERET(insn))) return true;
          break;
        case 0x500000:
          if (((insn >>> 12) & 0xf) === 0xf) {
            // a32-uncond.decode:41: PLI 1111 0110 -101 ---- 1111 ----- -- 0 ----
            if (h.trans_PLI(extract32_ERET(insn))) return true;
          }
          break;
        case 0x1100000:
          if (((insn >>> 12) & 0xf) === 0xf) {
            // a32-uncond.decode:40: PLDW 1111 0111 -001 ---- 1111 ----- -- 0 ----
            if (h.trans_PLDW(extract32_ERET(insn))) return true;
          }
          break;
        case 0x1500000:
          if (((insn >>> 12) & 0xf) === 0xf) {
            // a32-uncond.decode:39: PLD 1111 0111 -101 ---- 1111 ----- -- 0 ----
            if (h.trans_PLD(extract32_ERET(insn))) return true;
          }
          break;
      }
      break;
    case 0x7c:
      switch (insn & 0x50ffe0) {
        case 0x100a00:
          if ((insn & 0x1f) === 0x0) {
            // a32-uncond.decode:20: RFE 1111 100 pu:2 0 w:1 1 rn:4 0000 1010 0000 0000 &rfe
            if (h.trans_RFE(extract32_RFE(insn))) return true;
          }
          break;
        case 0x400500:
          if (((insn >>> 16) & 0xf) === 0xd) {
            // a32-uncond.decode:21: SRS 1111 100 pu:2 1 w:1 0 1101 0000 0101 000 mode:5 &srs
            if (h.trans_SRS(extract32_SRS(insn))) return true;
          }
          break;
      }
      break;
    case 0x7d:
      // a32-uncond.decode:16: BLX_i 1111 101 . ........................ &i imm=%imm24h
      if (h.trans_BLX_i(extract32_BLX_i(h, insn))) return true;
      break;
  }
  return false;
}
