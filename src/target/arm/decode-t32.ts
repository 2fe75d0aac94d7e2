// GENERATED FILE - DO NOT EDIT.
// Generated from spec/arm/t32.decode by `npx tsx tools/decodetree/gen.ts`.
// test/arm/decode-generated-fresh.test.ts fails when this file is stale.

import { negate, t32_branch24, t32_expandimm_imm, t32_expandimm_rot, times_2, times_4, type ArmDecodeContext } from "./decode-functions.ts";
import type {
  ArgEmpty,
  ArgSRrrShi,
  ArgSRrrShr,
  ArgSRriRot,
  ArgSRrrr,
  ArgRrrr,
  ArgRrrRot,
  ArgRrr,
  ArgRr,
  ArgRi,
  ArgR,
  ArgI,
  ArgMsrReg,
  ArgMrsReg,
  ArgMsrBank,
  ArgMrsBank,
  ArgLdstRr,
  ArgLdstRi,
  ArgLdstBlock,
  ArgStrex,
  ArgLdrex,
  ArgBfx,
  ArgBfi,
  ArgSat,
  ArgPkh,
  ArgMcr,
  ArgMcrr,
  ArgRfe,
  ArgSrs,
  ArgCps,
} from "./decode-a32.ts";

/** Argument set &ci (t32.decode:259). */
export interface ArgCi {
  cond: number;
  imm: number;
}

/** Argument set &ldst_ri2 (t32.decode:429). */
export interface ArgLdstRi2 {
  p: number;
  w: number;
  u: number;
  rn: number;
  rt: number;
  rt2: number;
  imm: number;
}

/** Argument set &tbranch (t32.decode:456). */
export interface ArgTbranch {
  rn: number;
  rm: number;
}

/**
 * One method per pattern name.  Return true when the instruction was handled;
 * false makes the decoder try the next candidate of an overlapping group and
 * finally report "no match".
 */
export interface T32DecodeHandler extends ArmDecodeContext {
  trans_TST_xrri(a: ArgSRrrShi): boolean;
  trans_AND_rrri(a: ArgSRrrShi): boolean;
  trans_BIC_rrri(a: ArgSRrrShi): boolean;
  trans_MOV_rxri(a: ArgSRrrShi): boolean;
  trans_ORR_rrri(a: ArgSRrrShi): boolean;
  trans_MVN_rxri(a: ArgSRrrShi): boolean;
  trans_ORN_rrri(a: ArgSRrrShi): boolean;
  trans_TEQ_xrri(a: ArgSRrrShi): boolean;
  trans_EOR_rrri(a: ArgSRrrShi): boolean;
  trans_PKH(a: ArgPkh): boolean;
  trans_CMN_xrri(a: ArgSRrrShi): boolean;
  trans_ADD_rrri(a: ArgSRrrShi): boolean;
  trans_ADC_rrri(a: ArgSRrrShi): boolean;
  trans_SBC_rrri(a: ArgSRrrShi): boolean;
  trans_CMP_xrri(a: ArgSRrrShi): boolean;
  trans_SUB_rrri(a: ArgSRrrShi): boolean;
  trans_RSB_rrri(a: ArgSRrrShi): boolean;
  trans_MOV_rxrr(a: ArgSRrrShr): boolean;
  trans_TST_xri(a: ArgSRriRot): boolean;
  trans_AND_rri(a: ArgSRriRot): boolean;
  trans_BIC_rri(a: ArgSRriRot): boolean;
  trans_MOV_rxi(a: ArgSRriRot): boolean;
  trans_ORR_rri(a: ArgSRriRot): boolean;
  trans_MVN_rxi(a: ArgSRriRot): boolean;
  trans_ORN_rri(a: ArgSRriRot): boolean;
  trans_TEQ_xri(a: ArgSRriRot): boolean;
  trans_EOR_rri(a: ArgSRriRot): boolean;
  trans_CMN_xri(a: ArgSRriRot): boolean;
  trans_ADD_rri(a: ArgSRriRot): boolean;
  trans_ADC_rri(a: ArgSRriRot): boolean;
  trans_SBC_rri(a: ArgSRriRot): boolean;
  trans_CMP_xri(a: ArgSRriRot): boolean;
  trans_SUB_rri(a: ArgSRriRot): boolean;
  trans_RSB_rri(a: ArgSRriRot): boolean;
  trans_ADR(a: ArgRi): boolean;
  trans_MOVW(a: ArgRi): boolean;
  trans_MOVT(a: ArgRi): boolean;
  trans_SSAT16(a: ArgSat): boolean;
  trans_SSAT(a: ArgSat): boolean;
  trans_USAT16(a: ArgSat): boolean;
  trans_USAT(a: ArgSat): boolean;
  trans_SBFX(a: ArgBfx): boolean;
  trans_UBFX(a: ArgBfx): boolean;
  trans_BFCI(a: ArgBfi): boolean;
  trans_MUL(a: ArgSRrrr): boolean;
  trans_MLA(a: ArgSRrrr): boolean;
  trans_MLS(a: ArgRrrr): boolean;
  trans_SMULL(a: ArgSRrrr): boolean;
  trans_UMULL(a: ArgSRrrr): boolean;
  trans_SMLAL(a: ArgSRrrr): boolean;
  trans_UMLAL(a: ArgSRrrr): boolean;
  trans_UMAAL(a: ArgRrrr): boolean;
  trans_SMULWB(a: ArgRrrr): boolean;
  trans_SMLAWB(a: ArgRrrr): boolean;
  trans_SMULWT(a: ArgRrrr): boolean;
  trans_SMLAWT(a: ArgRrrr): boolean;
  trans_SMULBB(a: ArgRrrr): boolean;
  trans_SMLABB(a: ArgRrrr): boolean;
  trans_SMULBT(a: ArgRrrr): boolean;
  trans_SMLABT(a: ArgRrrr): boolean;
  trans_SMULTB(a: ArgRrrr): boolean;
  trans_SMLATB(a: ArgRrrr): boolean;
  trans_SMULTT(a: ArgRrrr): boolean;
  trans_SMLATT(a: ArgRrrr): boolean;
  trans_SMLALBB(a: ArgRrrr): boolean;
  trans_SMLALBT(a: ArgRrrr): boolean;
  trans_SMLALTB(a: ArgRrrr): boolean;
  trans_SMLALTT(a: ArgRrrr): boolean;
  trans_USADA8(a: ArgRrrr): boolean;
  trans_SMLAD(a: ArgRrrr): boolean;
  trans_SMLADX(a: ArgRrrr): boolean;
  trans_SMLSD(a: ArgRrrr): boolean;
  trans_SMLSDX(a: ArgRrrr): boolean;
  trans_SMLALD(a: ArgRrrr): boolean;
  trans_SMLALDX(a: ArgRrrr): boolean;
  trans_SMLSLD(a: ArgRrrr): boolean;
  trans_SMLSLDX(a: ArgRrrr): boolean;
  trans_SMMLA(a: ArgRrrr): boolean;
  trans_SMMLAR(a: ArgRrrr): boolean;
  trans_SMMLS(a: ArgRrrr): boolean;
  trans_SMMLSR(a: ArgRrrr): boolean;
  trans_SDIV(a: ArgRrr): boolean;
  trans_UDIV(a: ArgRrr): boolean;
  trans_QADD(a: ArgRrr): boolean;
  trans_QSUB(a: ArgRrr): boolean;
  trans_QDADD(a: ArgRrr): boolean;
  trans_QDSUB(a: ArgRrr): boolean;
  trans_SEL(a: ArgRrr): boolean;
  trans_REV(a: ArgRr): boolean;
  trans_REV16(a: ArgRr): boolean;
  trans_RBIT(a: ArgRr): boolean;
  trans_REVSH(a: ArgRr): boolean;
  trans_CLZ(a: ArgRr): boolean;
  trans_YIELD(a: ArgEmpty): boolean;
  trans_WFE(a: ArgEmpty): boolean;
  trans_WFI(a: ArgEmpty): boolean;
  trans_ESB(a: ArgEmpty): boolean;
  trans_NOP(a: ArgEmpty): boolean;
  trans_CPS(a: ArgCps): boolean;
  trans_CLREX(a: ArgEmpty): boolean;
  trans_DSB(a: ArgEmpty): boolean;
  trans_DMB(a: ArgEmpty): boolean;
  trans_ISB(a: ArgEmpty): boolean;
  trans_MRS_bank(a: ArgMrsBank): boolean;
  trans_MRS_reg(a: ArgMrsReg): boolean;
  trans_MSR_bank(a: ArgMsrBank): boolean;
  trans_MSR_reg(a: ArgMsrReg): boolean;
  trans_BXJ(a: ArgR): boolean;
  trans_ERET(a: ArgEmpty): boolean;
  trans_SMC(a: ArgI): boolean;
  trans_HVC(a: ArgI): boolean;
  trans_UDF(a: ArgEmpty): boolean;
  trans_B_cond_thumb(a: ArgCi): boolean;
  trans_STRB_rr(a: ArgLdstRr): boolean;
  trans_STRB_ri(a: ArgLdstRi): boolean;
  trans_STRBT_ri(a: ArgLdstRi): boolean;
  trans_STRH_rr(a: ArgLdstRr): boolean;
  trans_STRH_ri(a: ArgLdstRi): boolean;
  trans_STRHT_ri(a: ArgLdstRi): boolean;
  trans_STR_rr(a: ArgLdstRr): boolean;
  trans_STR_ri(a: ArgLdstRi): boolean;
  trans_STRT_ri(a: ArgLdstRi): boolean;
  trans_PLD(a: ArgEmpty): boolean;
  trans_LDRB_ri(a: ArgLdstRi): boolean;
  trans_LDRBT_ri(a: ArgLdstRi): boolean;
  trans_LDRB_rr(a: ArgLdstRr): boolean;
  trans_LDRH_ri(a: ArgLdstRi): boolean;
  trans_PLDW(a: ArgEmpty): boolean;
  trans_LDRHT_ri(a: ArgLdstRi): boolean;
  trans_LDRH_rr(a: ArgLdstRr): boolean;
  trans_LDR_ri(a: ArgLdstRi): boolean;
  trans_LDRT_ri(a: ArgLdstRi): boolean;
  trans_LDR_rr(a: ArgLdstRr): boolean;
  trans_PLI(a: ArgEmpty): boolean;
  trans_LDRSB_ri(a: ArgLdstRi): boolean;
  trans_LDRSBT_ri(a: ArgLdstRi): boolean;
  trans_LDRSB_rr(a: ArgLdstRr): boolean;
  trans_LDRSH_ri(a: ArgLdstRi): boolean;
  trans_LDRSHT_ri(a: ArgLdstRi): boolean;
  trans_LDRSH_rr(a: ArgLdstRr): boolean;
  trans_STRD_ri_t32(a: ArgLdstRi2): boolean;
  trans_LDRD_ri_t32(a: ArgLdstRi2): boolean;
  trans_STREX(a: ArgStrex): boolean;
  trans_STREXB(a: ArgStrex): boolean;
  trans_STREXH(a: ArgStrex): boolean;
  trans_STREXD_t32(a: ArgStrex): boolean;
  trans_LDREX(a: ArgLdrex): boolean;
  trans_LDREXB(a: ArgLdrex): boolean;
  trans_LDREXH(a: ArgLdrex): boolean;
  trans_LDREXD_t32(a: ArgLdrex): boolean;
  trans_TBB(a: ArgTbranch): boolean;
  trans_TBH(a: ArgTbranch): boolean;
  trans_SADD8(a: ArgRrr): boolean;
  trans_QADD8(a: ArgRrr): boolean;
  trans_SHADD8(a: ArgRrr): boolean;
  trans_UADD8(a: ArgRrr): boolean;
  trans_UQADD8(a: ArgRrr): boolean;
  trans_UHADD8(a: ArgRrr): boolean;
  trans_SADD16(a: ArgRrr): boolean;
  trans_QADD16(a: ArgRrr): boolean;
  trans_SHADD16(a: ArgRrr): boolean;
  trans_UADD16(a: ArgRrr): boolean;
  trans_UQADD16(a: ArgRrr): boolean;
  trans_UHADD16(a: ArgRrr): boolean;
  trans_SASX(a: ArgRrr): boolean;
  trans_QASX(a: ArgRrr): boolean;
  trans_SHASX(a: ArgRrr): boolean;
  trans_UASX(a: ArgRrr): boolean;
  trans_UQASX(a: ArgRrr): boolean;
  trans_UHASX(a: ArgRrr): boolean;
  trans_SSUB8(a: ArgRrr): boolean;
  trans_QSUB8(a: ArgRrr): boolean;
  trans_SHSUB8(a: ArgRrr): boolean;
  trans_USUB8(a: ArgRrr): boolean;
  trans_UQSUB8(a: ArgRrr): boolean;
  trans_UHSUB8(a: ArgRrr): boolean;
  trans_SSUB16(a: ArgRrr): boolean;
  trans_QSUB16(a: ArgRrr): boolean;
  trans_SHSUB16(a: ArgRrr): boolean;
  trans_USUB16(a: ArgRrr): boolean;
  trans_UQSUB16(a: ArgRrr): boolean;
  trans_UHSUB16(a: ArgRrr): boolean;
  trans_SSAX(a: ArgRrr): boolean;
  trans_QSAX(a: ArgRrr): boolean;
  trans_SHSAX(a: ArgRrr): boolean;
  trans_USAX(a: ArgRrr): boolean;
  trans_UQSAX(a: ArgRrr): boolean;
  trans_UHSAX(a: ArgRrr): boolean;
  trans_SXTAH(a: ArgRrrRot): boolean;
  trans_UXTAH(a: ArgRrrRot): boolean;
  trans_SXTAB16(a: ArgRrrRot): boolean;
  trans_UXTAB16(a: ArgRrrRot): boolean;
  trans_SXTAB(a: ArgRrrRot): boolean;
  trans_UXTAB(a: ArgRrrRot): boolean;
  trans_STM_t32(a: ArgLdstBlock): boolean;
  trans_LDM_t32(a: ArgLdstBlock): boolean;
  trans_RFE(a: ArgRfe): boolean;
  trans_SRS(a: ArgSrs): boolean;
  trans_MCRR(a: ArgMcrr): boolean;
  trans_MRRC(a: ArgMcrr): boolean;
  trans_MCR(a: ArgMcr): boolean;
  trans_MRC(a: ArgMcr): boolean;
  trans_B(a: ArgI): boolean;
  trans_BL(a: ArgI): boolean;
  trans_BLX_i(a: ArgI): boolean;
}

function extract32_srs(insn: number): ArgSrs {
  return { mode: insn & 0x1f, w: (insn >>> 21) & 0x1, pu: 2 };
}

function extract32_ldstm(insn: number): ArgLdstBlock {
  return { rn: (insn >>> 16) & 0xf, i: 1, b: 0, u: 0, w: (insn >>> 21) & 0x1, list: insn & 0xffff };
}

function extract32_rfe(insn: number): ArgRfe {
  return { rn: (insn >>> 16) & 0xf, w: (insn >>> 21) & 0x1, pu: 2 };
}

function extract32_strex_i(h: T32DecodeHandler, insn: number): ArgStrex {
  return { rn: (insn >>> 16) & 0xf, rd: (insn >>> 8) & 0xf, rt: (insn >>> 12) & 0xf, rt2: 15, imm: times_4(h, insn & 0xff) };
}

function extract32_strex_0(insn: number): ArgStrex {
  return { rn: (insn >>> 16) & 0xf, rd: insn & 0xf, rt: (insn >>> 12) & 0xf, rt2: 15, imm: 0 };
}

function extract32_strex_d(insn: number): ArgStrex {
  return { rn: (insn >>> 16) & 0xf, rd: insn & 0xf, rt: (insn >>> 12) & 0xf, rt2: (insn >>> 8) & 0xf, imm: 0 };
}

function extract32_ldstd_ri8(h: T32DecodeHandler, insn: number): ArgLdstRi2 {
  return {
    p: 0,
    w: 1,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    rt2: (insn >>> 8) & 0xf,
    imm: times_4(h, insn & 0xff),
  };
}

function extract32_ldrex_i(h: T32DecodeHandler, insn: number): ArgLdrex {
  return { rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, rt2: 15, imm: times_4(h, insn & 0xff) };
}

function extract32_tbranch(insn: number): ArgTbranch {
  return { rn: (insn >>> 16) & 0xf, rm: insn & 0xf };
}

function extract32_ldrex_0(insn: number): ArgLdrex {
  return { rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, rt2: 15, imm: 0 };
}

function extract32_ldrex_d(insn: number): ArgLdrex {
  return { rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, rt2: (insn >>> 8) & 0xf, imm: 0 };
}

function extract32_ldstm_2(insn: number): ArgLdstBlock {
  return { rn: (insn >>> 16) & 0xf, i: 0, b: 1, u: 0, w: (insn >>> 21) & 0x1, list: insn & 0xffff };
}

function extract32_srs_2(insn: number): ArgSrs {
  return { mode: insn & 0x1f, w: (insn >>> 21) & 0x1, pu: 1 };
}

function extract32_rfe_2(insn: number): ArgRfe {
  return { rn: (insn >>> 16) & 0xf, w: (insn >>> 21) & 0x1, pu: 1 };
}

function extract32_ldstd_ri8_2(h: T32DecodeHandler, insn: number): ArgLdstRi2 {
  return {
    p: 1,
    w: 0,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    rt2: (insn >>> 8) & 0xf,
    imm: times_4(h, insn & 0xff),
  };
}

function extract32_ldstd_ri8_3(h: T32DecodeHandler, insn: number): ArgLdstRi2 {
  return {
    p: 1,
    w: 1,
    u: (insn >>> 23) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rt: (insn >>> 12) & 0xf,
    rt2: (insn >>> 8) & 0xf,
    imm: times_4(h, insn & 0xff),
  };
}

function extract32_S_xrr_shi(insn: number): ArgSRrrShi {
  return {
    s: 1,
    rd: 0,
    rn: (insn >>> 16) & 0xf,
    rm: insn & 0xf,
    shim: (((insn >>> 12) & 0x7) << 2) | ((insn >>> 6) & 0x3),
    shty: (insn >>> 4) & 0x3,
  };
}

function extract32_s_rrr_shi(insn: number): ArgSRrrShi {
  return {
    s: (insn >>> 20) & 0x1,
    rd: (insn >>> 8) & 0xf,
    rn: (insn >>> 16) & 0xf,
    rm: insn & 0xf,
    shim: (((insn >>> 12) & 0x7) << 2) | ((insn >>> 6) & 0x3),
    shty: (insn >>> 4) & 0x3,
  };
}

function extract32_s_rxr_shi(insn: number): ArgSRrrShi {
  return {
    s: (insn >>> 20) & 0x1,
    rd: (insn >>> 8) & 0xf,
    rn: 0,
    rm: insn & 0xf,
    shim: (((insn >>> 12) & 0x7) << 2) | ((insn >>> 6) & 0x3),
    shty: (insn >>> 4) & 0x3,
  };
}

function extract32_PKH(insn: number): ArgPkh {
  return {
    rd: (insn >>> 8) & 0xf,
    rn: (insn >>> 16) & 0xf,
    rm: insn & 0xf,
    imm: (((insn >>> 12) & 0x7) << 2) | ((insn >>> 6) & 0x3),
    tb: (insn >>> 5) & 0x1,
  };
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

function extract32_S_xri_rot(h: T32DecodeHandler, insn: number): ArgSRriRot {
  return {
    s: 1,
    rn: (insn >>> 16) & 0xf,
    rd: 0,
    imm: t32_expandimm_imm(h, (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff)),
    rot: t32_expandimm_rot(h, (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff)),
  };
}

function extract32_s_rri_rot(h: T32DecodeHandler, insn: number): ArgSRriRot {
  return {
    s: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    rd: (insn >>> 8) & 0xf,
    imm: t32_expandimm_imm(h, (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff)),
    rot: t32_expandimm_rot(h, (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff)),
  };
}

function extract32_s_rxi_rot(h: T32DecodeHandler, insn: number): ArgSRriRot {
  return {
    s: (insn >>> 20) & 0x1,
    rn: 0,
    rd: (insn >>> 8) & 0xf,
    imm: t32_expandimm_imm(h, (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff)),
    rot: t32_expandimm_rot(h, (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff)),
  };
}

function extract32_ADR(insn: number): ArgRi {
  return { rd: (insn >>> 8) & 0xf, imm: (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff) };
}

function extract32_s0_rri_12(insn: number): ArgSRriRot {
  return {
    s: 0,
    rn: (insn >>> 16) & 0xf,
    rd: (insn >>> 8) & 0xf,
    imm: (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff),
    rot: 0,
  };
}

function extract32_mov16(insn: number): ArgRi {
  return {
    rd: (insn >>> 8) & 0xf,
    imm: (((insn >>> 16) & 0xf) << 12) | (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff),
  };
}

function extract32_ADR_2(h: T32DecodeHandler, insn: number): ArgRi {
  return { rd: (insn >>> 8) & 0xf, imm: negate(h, (((insn >>> 26) & 0x1) << 11) | (((insn >>> 12) & 0x7) << 8) | (insn & 0xff)) };
}

function extract32_sat16(insn: number): ArgSat {
  return { rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, satimm: insn & 0x1f, imm: 0, sh: 0 };
}

function extract32_sat(insn: number): ArgSat {
  return {
    rd: (insn >>> 8) & 0xf,
    rn: (insn >>> 16) & 0xf,
    satimm: insn & 0x1f,
    imm: (((insn >>> 12) & 0x7) << 2) | ((insn >>> 6) & 0x3),
    sh: (insn >>> 21) & 0x1,
  };
}

function extract32_bfx(insn: number): ArgBfx {
  return {
    rd: (insn >>> 8) & 0xf,
    rn: (insn >>> 16) & 0xf,
    lsb: (((insn >>> 12) & 0x7) << 2) | ((insn >>> 6) & 0x3),
    widthm1: insn & 0x1f,
  };
}

function extract32_bfi(insn: number): ArgBfi {
  return { rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, lsb: (((insn >>> 12) & 0x7) << 2) | ((insn >>> 6) & 0x3), msb: insn & 0x1f };
}

function extract32_MSR_bank(insn: number): ArgMsrBank {
  return { rn: (insn >>> 16) & 0xf, r: (insn >>> 20) & 0x1, sysm: (((insn >>> 4) & 0x1) << 4) | ((insn >>> 8) & 0xf) };
}

function extract32_MSR_reg(insn: number): ArgMsrReg {
  return { rn: (insn >>> 16) & 0xf, r: (insn >>> 20) & 0x1, mask: (insn >>> 8) & 0xf };
}

function extract32_YIELD(_insn: number): ArgEmpty {
  return {};
}

function extract32_CPS(insn: number): ArgCps {
  return {
    mode: insn & 0x1f,
    imod: (insn >>> 9) & 0x3,
    M: (insn >>> 8) & 0x1,
    A: (insn >>> 7) & 0x1,
    I: (insn >>> 6) & 0x1,
    F: (insn >>> 5) & 0x1,
  };
}

function extract32_BXJ(insn: number): ArgR {
  return { rm: (insn >>> 16) & 0xf };
}

function extract32_SUB_rri(insn: number): ArgSRriRot {
  return { s: 1, rn: 14, rd: 15, imm: insn & 0xff, rot: 0 };
}

function extract32_MRS_bank(insn: number): ArgMrsBank {
  return { rd: (insn >>> 8) & 0xf, r: (insn >>> 20) & 0x1, sysm: (((insn >>> 4) & 0x1) << 4) | ((insn >>> 16) & 0xf) };
}

function extract32_MRS_reg(insn: number): ArgMrsReg {
  return { rd: (insn >>> 8) & 0xf, r: (insn >>> 20) & 0x1 };
}

function extract32_HVC(insn: number): ArgI {
  return { imm: (((insn >>> 16) & 0xf) << 12) | (insn & 0xfff) };
}

function extract32_SMC(insn: number): ArgI {
  return { imm: (insn >>> 16) & 0xf };
}

function extract32_B_cond_thumb(h: T32DecodeHandler, insn: number): ArgCi {
  return {
    cond: (insn >>> 22) & 0xf,
    imm: times_2(
      h,
      (((insn << 5) >> 31) << 19) |
        (((insn >>> 11) & 0x1) << 18) |
        (((insn >>> 13) & 0x1) << 17) |
        (((insn >>> 16) & 0x3f) << 11) |
        (insn & 0x7ff),
    ),
  };
}

function extract32_branch24(h: T32DecodeHandler, insn: number): ArgI {
  return {
    imm: t32_branch24(
      h,
      (((insn << 5) >> 31) << 23) |
        (((insn >>> 13) & 0x1) << 22) |
        (((insn >>> 11) & 0x1) << 21) |
        (((insn >>> 16) & 0x3ff) << 11) |
        (insn & 0x7ff),
    ),
  };
}

function extract32_ldst_rr(insn: number): ArgLdstRr {
  return { p: 1, w: 0, u: 1, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, rm: insn & 0xf, shimm: (insn >>> 4) & 0x3, shtype: 0 };
}

function extract32_ldst_ri_neg(insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 0, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, imm: insn & 0xff };
}

function extract32_ldst_ri_unp(insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 1, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, imm: insn & 0xff };
}

function extract32_ldst_ri_idx(insn: number): ArgLdstRi {
  return { p: (insn >>> 10) & 0x1, w: 1, u: (insn >>> 9) & 0x1, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, imm: insn & 0xff };
}

function extract32_ldst_ri_pos(insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 1, rn: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf, imm: insn & 0xfff };
}

function extract32_ldst_ri_lit(insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: (insn >>> 23) & 0x1, rn: 15, rt: (insn >>> 12) & 0xf, imm: insn & 0xfff };
}

function extract32_MOV_rxrr(insn: number): ArgSRrrShr {
  return { s: (insn >>> 20) & 0x1, rn: 0, rd: (insn >>> 8) & 0xf, rm: (insn >>> 16) & 0xf, rs: insn & 0xf, shty: (insn >>> 21) & 0x3 };
}

function extract32_rrr_rot(insn: number): ArgRrrRot {
  return { rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, rot: (insn >>> 4) & 0x3 };
}

function extract32_rndm(insn: number): ArgRrr {
  return { rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf };
}

function extract32_rdm(insn: number): ArgRr {
  return { rd: (insn >>> 8) & 0xf, rm: insn & 0xf };
}

function extract32_s0_rn0dm(insn: number): ArgSRrrr {
  return { s: 0, rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, ra: 0 };
}

function extract32_s0_rnadm(insn: number): ArgSRrrr {
  return { s: 0, rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, ra: (insn >>> 12) & 0xf };
}

function extract32_rnadm(insn: number): ArgRrrr {
  return { rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, ra: (insn >>> 12) & 0xf };
}

function extract32_rn0dm(insn: number): ArgRrrr {
  return { rd: (insn >>> 8) & 0xf, rn: (insn >>> 16) & 0xf, rm: insn & 0xf, ra: 0 };
}

/** Decodes one 32-bit instruction (t32.decode); false if no pattern matched or every matching handler declined. */
export function disasT32(h: T32DecodeHandler, insn: number): boolean {
  // Accept the word as int32 or uint32; bit operations below work on int32.
  insn |= 0;
  switch (insn >>> 27) {
    case 0x1d:
      switch ((insn >>> 24) & 0x7) {
        case 0x0:
          switch (insn & 0x500000) {
            case 0x0:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  if (((insn >>> 5) & 0x7fff) === 0x6e00) {
                    // t32.decode:534: SRS 1110 1000 00.0 1101 1100 0000 000. .... @srs pu=2
                    if (h.trans_SRS(extract32_srs(insn))) return true;
                  }
                  break;
                case 0x1:
                  // t32.decode:520: STM_t32 1110 1000 10.0 .... ................ @ldstm i=1 b=0
                  if (h.trans_STM_t32(extract32_ldstm(insn))) return true;
                  break;
              }
              break;
            case 0x100000:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  if ((insn & 0xffff) === 0xc000) {
                    // t32.decode:528: RFE 1110 1000 00.1 .... 1100000000000000 @rfe pu=2
                    if (h.trans_RFE(extract32_rfe(insn))) return true;
                  }
                  break;
                case 0x1:
                  // t32.decode:522: LDM_t32 1110 1000 10.1 .... ................ @ldstm i=1 b=0
                  if (h.trans_LDM_t32(extract32_ldstm(insn))) return true;
                  break;
              }
              break;
            case 0x400000:
              switch ((insn >>> 21) & 0x1) {
                case 0x0:
                  switch ((insn >>> 23) & 0x1) {
                    case 0x0:
                      // t32.decode:446: STREX 1110 1000 0100 .... .... .... .... .... @strex_i
                      if (h.trans_STREX(extract32_strex_i(h, insn))) return true;
                      break;
                    case 0x1:
                      switch ((insn >>> 4) & 0xf) {
                        case 0x4:
                          if (((insn >>> 8) & 0xf) === 0xf) {
                            // t32.decode:447: STREXB 1110 1000 1100 .... .... 1111 0100 .... @strex_0
                            if (h.trans_STREXB(extract32_strex_0(insn))) return true;
                          }
                          break;
                        case 0x5:
                          if (((insn >>> 8) & 0xf) === 0xf) {
                            // t32.decode:448: STREXH 1110 1000 1100 .... .... 1111 0101 .... @strex_0
                            if (h.trans_STREXH(extract32_strex_0(insn))) return true;
                          }
                          break;
                        case 0x7:
                          // t32.decode:449: STREXD_t32 1110 1000 1100 .... .... .... 0111 .... @strex_d
                          if (h.trans_STREXD_t32(extract32_strex_d(insn))) return true;
                          break;
                      }
                      break;
                  }
                  break;
                case 0x1:
                  // t32.decode:432: STRD_ri_t32 1110 1000 .110 .... .... .... ........ @ldstd_ri8 w=1 p=0
                  if (h.trans_STRD_ri_t32(extract32_ldstd_ri8(h, insn))) return true;
                  break;
              }
              break;
            case 0x500000:
              switch ((insn >>> 21) & 0x1) {
                case 0x0:
                  switch ((insn >>> 23) & 0x1) {
                    case 0x0:
                      if (((insn >>> 8) & 0xf) === 0xf) {
                        // t32.decode:451: LDREX 1110 1000 0101 .... .... 1111 .... .... @ldrex_i
                        if (h.trans_LDREX(extract32_ldrex_i(h, insn))) return true;
                      }
                      break;
                    case 0x1:
                      switch ((insn >>> 4) & 0xf) {
                        case 0x0:
                          if (((insn >>> 8) & 0xff) === 0xf0) {
                            // t32.decode:459: TBB 1110 1000 1101 .... 1111 0000 0000 .... @tbranch
                            if (h.trans_TBB(extract32_tbranch(insn))) return true;
                          }
                          break;
                        case 0x1:
                          if (((insn >>> 8) & 0xff) === 0xf0) {
                            // t32.decode:460: TBH 1110 1000 1101 .... 1111 0000 0001 .... @tbranch
                            if (h.trans_TBH(extract32_tbranch(insn))) return true;
                          }
                          break;
                        case 0x4:
                          if ((insn & 0xf0f) === 0xf0f) {
                            // t32.decode:452: LDREXB 1110 1000 1101 .... .... 1111 0100 1111 @ldrex_0
                            if (h.trans_LDREXB(extract32_ldrex_0(insn))) return true;
                          }
                          break;
                        case 0x5:
                          if ((insn & 0xf0f) === 0xf0f) {
                            // t32.decode:453: LDREXH 1110 1000 1101 .... .... 1111 0101 1111 @ldrex_0
                            if (h.trans_LDREXH(extract32_ldrex_0(insn))) return true;
                          }
                          break;
                        case 0x7:
                          if ((insn & 0xf) === 0xf) {
                            // t32.decode:454: LDREXD_t32 1110 1000 1101 .... .... .... 0111 1111 @ldrex_d
                            if (h.trans_LDREXD_t32(extract32_ldrex_d(insn))) return true;
                          }
                          break;
                      }
                      break;
                  }
                  break;
                case 0x1:
                  // t32.decode:433: LDRD_ri_t32 1110 1000 .111 .... .... .... ........ @ldstd_ri8 w=1 p=0
                  if (h.trans_LDRD_ri_t32(extract32_ldstd_ri8(h, insn))) return true;
                  break;
              }
              break;
          }
          break;
        case 0x1:
          switch (insn & 0x500000) {
            case 0x0:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  // t32.decode:521: STM_t32 1110 1001 00.0 .... ................ @ldstm i=0 b=1
                  if (h.trans_STM_t32(extract32_ldstm_2(insn))) return true;
                  break;
                case 0x1:
                  if (((insn >>> 5) & 0x7fff) === 0x6e00) {
                    // t32.decode:535: SRS 1110 1001 10.0 1101 1100 0000 000. .... @srs pu=1
                    if (h.trans_SRS(extract32_srs_2(insn))) return true;
                  }
                  break;
              }
              break;
            case 0x100000:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  // t32.decode:523: LDM_t32 1110 1001 00.1 .... ................ @ldstm i=0 b=1
                  if (h.trans_LDM_t32(extract32_ldstm_2(insn))) return true;
                  break;
                case 0x1:
                  if ((insn & 0xffff) === 0xc000) {
                    // t32.decode:529: RFE 1110 1001 10.1 .... 1100000000000000 @rfe pu=1
                    if (h.trans_RFE(extract32_rfe_2(insn))) return true;
                  }
                  break;
              }
              break;
            case 0x400000:
              switch ((insn >>> 21) & 0x1) {
                case 0x0:
                  // t32.decode:434: STRD_ri_t32 1110 1001 .100 .... .... .... ........ @ldstd_ri8 w=0 p=1
                  if (h.trans_STRD_ri_t32(extract32_ldstd_ri8_2(h, insn))) return true;
                  break;
                case 0x1:
                  // t32.decode:436: STRD_ri_t32 1110 1001 .110 .... .... .... ........ @ldstd_ri8 w=1 p=1
                  if (h.trans_STRD_ri_t32(extract32_ldstd_ri8_3(h, insn))) return true;
                  break;
              }
              break;
            case 0x500000:
              switch ((insn >>> 21) & 0x1) {
                case 0x0:
                  // t32.decode:435: LDRD_ri_t32 1110 1001 .101 .... .... .... ........ @ldstd_ri8 w=0 p=1
                  if (h.trans_LDRD_ri_t32(extract32_ldstd_ri8_2(h, insn))) return true;
                  break;
                case 0x1:
                  // t32.decode:437: LDRD_ri_t32 1110 1001 .111 .... .... .... ........ @ldstd_ri8 w=1 p=1
                  if (h.trans_LDRD_ri_t32(extract32_ldstd_ri8_3(h, insn))) return true;
                  break;
              }
              break;
          }
          break;
        case 0x2:
          switch (insn & 0xe08000) {
            case 0x0:
              if ((insn & 0x100f00) === 0x100f00) {
                // t32.decode:52: TST_xrri 1110101 0000 1 .... 0 ... 1111 .... .... @S_xrr_shi
                if (h.trans_TST_xrri(extract32_S_xrr_shi(insn))) return true;
              }
              // t32.decode:53: AND_rrri 1110101 0000 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_AND_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x200000:
              // t32.decode:55: BIC_rrri 1110101 0001 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_BIC_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x400000:
              if ((insn & 0xf0000) === 0xf0000) {
                // t32.decode:57: MOV_rxri 1110101 0010 . 1111 0 ... .... .... .... @s_rxr_shi
                if (h.trans_MOV_rxri(extract32_s_rxr_shi(insn))) return true;
              }
              // t32.decode:58: ORR_rrri 1110101 0010 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_ORR_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x600000:
              if ((insn & 0xf0000) === 0xf0000) {
                // t32.decode:61: MVN_rxri 1110101 0011 . 1111 0 ... .... .... .... @s_rxr_shi
                if (h.trans_MVN_rxri(extract32_s_rxr_shi(insn))) return true;
              }
              // t32.decode:62: ORN_rrri 1110101 0011 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_ORN_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x800000:
              if ((insn & 0x100f00) === 0x100f00) {
                // t32.decode:65: TEQ_xrri 1110101 0100 1 .... 0 ... 1111 .... .... @S_xrr_shi
                if (h.trans_TEQ_xrri(extract32_S_xrr_shi(insn))) return true;
              }
              // t32.decode:66: EOR_rrri 1110101 0100 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_EOR_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0xc00000:
              if ((insn & 0x100010) === 0x0) {
                // t32.decode:68: PKH 1110101 0110 0 rn:4 0 ... rd:4 .. tb:1 0 rm:4 &pkh imm=%imm5_12_6
                if (h.trans_PKH(extract32_PKH(insn))) return true;
              }
              break;
          }
          break;
        case 0x3:
          switch (insn & 0xe08000) {
            case 0x0:
              if ((insn & 0x100f00) === 0x100f00) {
                // t32.decode:70: CMN_xrri 1110101 1000 1 .... 0 ... 1111 .... .... @S_xrr_shi
                if (h.trans_CMN_xrri(extract32_S_xrr_shi(insn))) return true;
              }
              // t32.decode:71: ADD_rrri 1110101 1000 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_ADD_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x400000:
              // t32.decode:73: ADC_rrri 1110101 1010 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_ADC_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0x600000:
              // t32.decode:74: SBC_rrri 1110101 1011 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_SBC_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0xa00000:
              if ((insn & 0x100f00) === 0x100f00) {
                // t32.decode:76: CMP_xrri 1110101 1101 1 .... 0 ... 1111 .... .... @S_xrr_shi
                if (h.trans_CMP_xrri(extract32_S_xrr_shi(insn))) return true;
              }
              // t32.decode:77: SUB_rrri 1110101 1101 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_SUB_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
            case 0xc00000:
              // t32.decode:79: RSB_rrri 1110101 1110 . .... 0 ... .... .... .... @s_rrr_shi
              if (h.trans_RSB_rrri(extract32_s_rrr_shi(insn))) return true;
              break;
          }
          break;
        case 0x4:
          switch ((insn >>> 20) & 0xf) {
            case 0x4:
              // t32.decode:542: MCRR 1110 1100 0100 .... .... .... .... .... @mcrr
              if (h.trans_MCRR(extract32_mcrr(insn))) return true;
              break;
            case 0x5:
              // t32.decode:543: MRRC 1110 1100 0101 .... .... .... .... .... @mcrr
              if (h.trans_MRRC(extract32_mcrr(insn))) return true;
              break;
          }
          break;
        case 0x6:
          switch (insn & 0x100010) {
            case 0x10:
              // t32.decode:545: MCR 1110 1110 ... 0 .... .... .... ... 1 .... @mcr
              if (h.trans_MCR(extract32_mcr(insn))) return true;
              break;
            case 0x100010:
              // t32.decode:546: MRC 1110 1110 ... 1 .... .... .... ... 1 .... @mcr
              if (h.trans_MRC(extract32_mcr(insn))) return true;
              break;
          }
          break;
      }
      break;
    case 0x1e:
      switch ((insn >>> 15) & 0x1) {
        case 0x0:
          switch ((insn >>> 22) & 0xf) {
            case 0x0:
              switch ((insn >>> 21) & 0x1) {
                case 0x0:
                  if ((insn & 0x100f00) === 0x100f00) {
                    // t32.decode:96: TST_xri 1111 0.0 0000 1 .... 0 ... 1111 ........ @S_xri_rot
                    if (h.trans_TST_xri(extract32_S_xri_rot(h, insn))) return true;
                  }
                  // t32.decode:97: AND_rri 1111 0.0 0000 . .... 0 ... .... ........ @s_rri_rot
                  if (h.trans_AND_rri(extract32_s_rri_rot(h, insn))) return true;
                  break;
                case 0x1:
                  // t32.decode:99: BIC_rri 1111 0.0 0001 . .... 0 ... .... ........ @s_rri_rot
                  if (h.trans_BIC_rri(extract32_s_rri_rot(h, insn))) return true;
                  break;
              }
              break;
            case 0x1:
              switch ((insn >>> 21) & 0x1) {
                case 0x0:
                  if ((insn & 0xf0000) === 0xf0000) {
                    // t32.decode:101: MOV_rxi 1111 0.0 0010 . 1111 0 ... .... ........ @s_rxi_rot
                    if (h.trans_MOV_rxi(extract32_s_rxi_rot(h, insn))) return true;
                  }
                  // t32.decode:102: ORR_rri 1111 0.0 0010 . .... 0 ... .... ........ @s_rri_rot
                  if (h.trans_ORR_rri(extract32_s_rri_rot(h, insn))) return true;
                  break;
                case 0x1:
                  if ((insn & 0xf0000) === 0xf0000) {
                    // t32.decode:105: MVN_rxi 1111 0.0 0011 . 1111 0 ... .... ........ @s_rxi_rot
                    if (h.trans_MVN_rxi(extract32_s_rxi_rot(h, insn))) return true;
                  }
                  // t32.decode:106: ORN_rri 1111 0.0 0011 . .... 0 ... .... ........ @s_rri_rot
                  if (h.trans_ORN_rri(extract32_s_rri_rot(h, insn))) return true;
                  break;
              }
              break;
            case 0x2:
              if (((insn >>> 21) & 0x1) === 0x0) {
                if ((insn & 0x100f00) === 0x100f00) {
                  // t32.decode:109: TEQ_xri 1111 0.0 0100 1 .... 0 ... 1111 ........ @S_xri_rot
                  if (h.trans_TEQ_xri(extract32_S_xri_rot(h, insn))) return true;
                }
                // t32.decode:110: EOR_rri 1111 0.0 0100 . .... 0 ... .... ........ @s_rri_rot
                if (h.trans_EOR_rri(extract32_s_rri_rot(h, insn))) return true;
              }
              break;
            case 0x4:
              if (((insn >>> 21) & 0x1) === 0x0) {
                if ((insn & 0x100f00) === 0x100f00) {
                  // t32.decode:113: CMN_xri 1111 0.0 1000 1 .... 0 ... 1111 ........ @S_xri_rot
                  if (h.trans_CMN_xri(extract32_S_xri_rot(h, insn))) return true;
                }
                // t32.decode:114: ADD_rri 1111 0.0 1000 . .... 0 ... .... ........ @s_rri_rot
                if (h.trans_ADD_rri(extract32_s_rri_rot(h, insn))) return true;
              }
              break;
            case 0x5:
              switch ((insn >>> 21) & 0x1) {
                case 0x0:
                  // t32.decode:116: ADC_rri 1111 0.0 1010 . .... 0 ... .... ........ @s_rri_rot
                  if (h.trans_ADC_rri(extract32_s_rri_rot(h, insn))) return true;
                  break;
                case 0x1:
                  // t32.decode:117: SBC_rri 1111 0.0 1011 . .... 0 ... .... ........ @s_rri_rot
                  if (h.trans_SBC_rri(extract32_s_rri_rot(h, insn))) return true;
                  break;
              }
              break;
            case 0x6:
              if (((insn >>> 21) & 0x1) === 0x1) {
                if ((insn & 0x100f00) === 0x100f00) {
                  // t32.decode:119: CMP_xri 1111 0.0 1101 1 .... 0 ... 1111 ........ @S_xri_rot
                  if (h.trans_CMP_xri(extract32_S_xri_rot(h, insn))) return true;
                }
                // t32.decode:120: SUB_rri 1111 0.0 1101 . .... 0 ... .... ........ @s_rri_rot
                if (h.trans_SUB_rri(extract32_s_rri_rot(h, insn))) return true;
              }
              break;
            case 0x7:
              if (((insn >>> 21) & 0x1) === 0x0) {
                // t32.decode:122: RSB_rri 1111 0.0 1110 . .... 0 ... .... ........ @s_rri_rot
                if (h.trans_RSB_rri(extract32_s_rri_rot(h, insn))) return true;
              }
              break;
            case 0x8:
              if (((insn >>> 20) & 0x3) === 0x0) {
                if ((insn & 0xf0000) === 0xf0000) {
                  // t32.decode:132: ADR 1111 0.1 0000 0 1111 0 ... rd:4 ........ &ri imm=%imm12_26_12_0
                  if (h.trans_ADR(extract32_ADR(insn))) return true;
                }
                // t32.decode:133: ADD_rri 1111 0.1 0000 0 .... 0 ... .... ........ @s0_rri_12
                if (h.trans_ADD_rri(extract32_s0_rri_12(insn))) return true;
              }
              break;
            case 0x9:
              if (((insn >>> 20) & 0x3) === 0x0) {
                // t32.decode:144: MOVW 1111 0.10 0100 .... 0 ... .... ........ @mov16
                if (h.trans_MOVW(extract32_mov16(insn))) return true;
              }
              break;
            case 0xa:
              if (((insn >>> 20) & 0x3) === 0x2) {
                if ((insn & 0xf0000) === 0xf0000) {
                  // t32.decode:136: ADR 1111 0.1 0101 0 1111 0 ... rd:4 ........ &ri imm=%neg12_26_12_0
                  if (h.trans_ADR(extract32_ADR_2(h, insn))) return true;
                }
                // t32.decode:137: SUB_rri 1111 0.1 0101 0 .... 0 ... .... ........ @s0_rri_12
                if (h.trans_SUB_rri(extract32_s0_rri_12(insn))) return true;
              }
              break;
            case 0xb:
              if (((insn >>> 20) & 0x3) === 0x0) {
                // t32.decode:145: MOVT 1111 0.10 1100 .... 0 ... .... ........ @mov16
                if (h.trans_MOVT(extract32_mov16(insn))) return true;
              }
              break;
            case 0xc:
              if ((insn & 0x4100020) === 0x0) {
                if ((insn & 0x2070c0) === 0x200000) {
                  // t32.decode:153: SSAT16 1111 0011 001 0 .... 0 000 .... 00 0 ..... @sat16
                  if (h.trans_SSAT16(extract32_sat16(insn))) return true;
                }
                // t32.decode:154: SSAT 1111 0011 00. 0 .... 0 ... .... .. 0 ..... @sat
                if (h.trans_SSAT(extract32_sat(insn))) return true;
              }
              break;
            case 0xd:
              switch (insn & 0x4300020) {
                case 0x0:
                  // t32.decode:165: SBFX 1111 0011 010 0 .... 0 ... .... ..0..... @bfx
                  if (h.trans_SBFX(extract32_bfx(insn))) return true;
                  break;
                case 0x200000:
                  // t32.decode:167: BFCI 1111 0011 011 0 .... 0 ... .... ..0..... @bfi
                  if (h.trans_BFCI(extract32_bfi(insn))) return true;
                  break;
              }
              break;
            case 0xe:
              if ((insn & 0x4100020) === 0x0) {
                if ((insn & 0x2070c0) === 0x200000) {
                  // t32.decode:157: USAT16 1111 0011 101 0 .... 0 000 .... 00 0 ..... @sat16
                  if (h.trans_USAT16(extract32_sat16(insn))) return true;
                }
                // t32.decode:158: USAT 1111 0011 10. 0 .... 0 ... .... .. 0 ..... @sat
                if (h.trans_USAT(extract32_sat(insn))) return true;
              }
              break;
            case 0xf:
              if ((insn & 0x4300020) === 0x0) {
                // t32.decode:166: UBFX 1111 0011 110 0 .... 0 ... .... ..0..... @bfx
                if (h.trans_UBFX(extract32_bfx(insn))) return true;
              }
              break;
          }
          break;
        case 0x1:
          switch (insn & 0x5000) {
            case 0x0:
              if ((insn & 0x3800000) === 0x3800000) {
                switch (insn & 0x4602000) {
                  case 0x0:
                    if ((insn & 0xcf) === 0x0) {
                      if ((insn & 0x20) === 0x20) {
                        // t32.decode:289: MSR_bank 1111 0011 100 r:1 rn:4 1000 .... 001. 0000 &msr_bank sysm=%msr_sysm
                        if (h.trans_MSR_bank(extract32_MSR_bank(insn))) return true;
                      }
                      if ((insn & 0x30) === 0x0) {
                        // t32.decode:290: MSR_reg 1111 0011 100 r:1 rn:4 1000 mask:4 0000 0000 &msr_reg
                        if (h.trans_MSR_reg(extract32_MSR_reg(insn))) return true;
                      }
                    }
                    break;
                  case 0x200000:
                    switch (insn & 0x1f0800) {
                      case 0xf0000:
                        if ((insn & 0x7ec) === 0x0) {
                          switch (insn & 0x13) {
                            case 0x1:
                              // t32.decode:267: YIELD 1111 0011 1010 1111 1000 0000 0000 0001
                              if (h.trans_YIELD(extract32_YIELD(insn))) return true;
                              break;
                            case 0x2:
                              // t32.decode:268: WFE 1111 0011 1010 1111 1000 0000 0000 0010
                              if (h.trans_WFE(extract32_YIELD(insn))) return true;
                              break;
                            case 0x3:
                              // t32.decode:269: WFI 1111 0011 1010 1111 1000 0000 0000 0011
                              if (h.trans_WFI(extract32_YIELD(insn))) return true;
                              break;
                            case 0x10:
                              // t32.decode:271: ESB 1111 0011 1010 1111 1000 0000 0001 0000
                              if (h.trans_ESB(extract32_YIELD(insn))) return true;
                              break;
                          }
                        }
                        if ((insn & 0x700) === 0x0) {
                          // t32.decode:274: NOP 1111 0011 1010 1111 1000 0000 ---- ----
                          if (h.trans_NOP(extract32_YIELD(insn))) return true;
                        }
                        // t32.decode:276: CPS 1111 0011 1010 1111 1000 0 imod:2 M:1 A:1 I:1 F:1 mode:5 &cps
                        if (h.trans_CPS(extract32_CPS(insn))) return true;
                        break;
                      case 0x1f0800:
                        switch ((insn >>> 4) & 0x7f) {
                          case 0x72:
                            if ((insn & 0xf) === 0xf) {
                              // t32.decode:279: CLREX 1111 0011 1011 1111 1000 1111 0010 1111
                              if (h.trans_CLREX(extract32_YIELD(insn))) return true;
                            }
                            break;
                          case 0x74:
                            // t32.decode:280: DSB 1111 0011 1011 1111 1000 1111 0100 ----
                            if (h.trans_DSB(extract32_YIELD(insn))) return true;
                            break;
                          case 0x75:
                            // t32.decode:281: DMB 1111 0011 1011 1111 1000 1111 0101 ----
                            if (h.trans_DMB(extract32_YIELD(insn))) return true;
                            break;
                          case 0x76:
                            // t32.decode:282: ISB 1111 0011 1011 1111 1000 1111 0110 ----
                            if (h.trans_ISB(extract32_YIELD(insn))) return true;
                            break;
                        }
                        break;
                    }
                    break;
                  case 0x400000:
                    switch (insn & 0x100f00) {
                      case 0xf00:
                        if ((insn & 0xff) === 0x0) {
                          // t32.decode:292: BXJ 1111 0011 1100 rm:4 1000 1111 0000 0000 &r
                          if (h.trans_BXJ(extract32_BXJ(insn))) return true;
                        }
                        break;
                      case 0x100f00:
                        if (((insn >>> 16) & 0xf) === 0xe) {
                          if ((insn & 0xff) === 0x0) {
                            // t32.decode:295: ERET 1111 0011 1101 1110 1000 1111 0000 0000
                            if (h.trans_ERET(extract32_YIELD(insn))) return true;
                          }
                          // t32.decode:296: SUB_rri 1111 0011 1101 1110 1000 1111 imm:8 &s_rri_rot rot=0 s=1 rd=15 rn=14
                          if (h.trans_SUB_rri(extract32_SUB_rri(insn))) return true;
                        }
                        break;
                    }
                    break;
                  case 0x600000:
                    if ((insn & 0xcf) === 0x0) {
                      if ((insn & 0x20) === 0x20) {
                        // t32.decode:285: MRS_bank 1111 0011 111 r:1 .... 1000 rd:4 001. 0000 &mrs_bank sysm=%mrs_sysm
                        if (h.trans_MRS_bank(extract32_MRS_bank(insn))) return true;
                      }
                      if ((insn & 0xf0030) === 0xf0000) {
                        // t32.decode:286: MRS_reg 1111 0011 111 r:1 1111 1000 rd:4 0000 0000 &mrs_reg
                        if (h.trans_MRS_reg(extract32_MRS_reg(insn))) return true;
                      }
                    }
                    break;
                  case 0x4600000:
                    switch ((insn >>> 20) & 0x1) {
                      case 0x0:
                        // t32.decode:299: HVC 1111 0111 1110 .... 1000 .... .... .... &i imm=%imm16_16_0
                        if (h.trans_HVC(extract32_HVC(insn))) return true;
                        break;
                      case 0x1:
                        if ((insn & 0xfff) === 0x0) {
                          // t32.decode:298: SMC 1111 0111 1111 imm:4 1000 0000 0000 0000 &i
                          if (h.trans_SMC(extract32_SMC(insn))) return true;
                        }
                        break;
                    }
                    break;
                  case 0x4602000:
                    if (((insn >>> 20) & 0x1) === 0x1) {
                      // t32.decode:300: UDF 1111 0111 1111 ---- 1010 ---- ---- ----
                      if (h.trans_UDF(extract32_YIELD(insn))) return true;
                    }
                    break;
                }
              }
              // t32.decode:302: B_cond_thumb 1111 0. cond:4 ...... 10.0 ............ &ci imm=%imm21
              if (h.trans_B_cond_thumb(extract32_B_cond_thumb(h, insn))) return true;
              break;
            case 0x1000:
              // t32.decode:554: B 1111 0. .......... 10.1 ............ @branch24
              if (h.trans_B(extract32_branch24(h, insn))) return true;
              break;
            case 0x4000:
              // t32.decode:556: BLX_i 1111 0. .......... 11.0 ............ @branch24
              if (h.trans_BLX_i(extract32_branch24(h, insn))) return true;
              break;
            case 0x5000:
              // t32.decode:555: BL 1111 0. .......... 11.1 ............ @branch24
              if (h.trans_BL(extract32_branch24(h, insn))) return true;
              break;
          }
          break;
      }
      break;
    case 0x1f:
      switch ((insn >>> 24) & 0x7) {
        case 0x0:
          switch ((insn >>> 20) & 0x7) {
            case 0x0:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  switch (insn & 0x900) {
                    case 0x0:
                      if ((insn & 0x6c0) === 0x0) {
                        // t32.decode:317: STRB_rr 1111 1000 0000 .... .... 000000 .. .... @ldst_rr
                        if (h.trans_STRB_rr(extract32_ldst_rr(insn))) return true;
                      }
                      break;
                    case 0x800:
                      switch ((insn >>> 9) & 0x3) {
                        case 0x2:
                          // t32.decode:319: STRB_ri 1111 1000 0000 .... .... 1100 ........ @ldst_ri_neg
                          if (h.trans_STRB_ri(extract32_ldst_ri_neg(insn))) return true;
                          break;
                        case 0x3:
                          // t32.decode:320: STRBT_ri 1111 1000 0000 .... .... 1110 ........ @ldst_ri_unp
                          if (h.trans_STRBT_ri(extract32_ldst_ri_unp(insn))) return true;
                          break;
                      }
                      break;
                    case 0x900:
                      // t32.decode:318: STRB_ri 1111 1000 0000 .... .... 1..1 ........ @ldst_ri_idx
                      if (h.trans_STRB_ri(extract32_ldst_ri_idx(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // t32.decode:321: STRB_ri 1111 1000 1000 .... .... ............ @ldst_ri_pos
                  if (h.trans_STRB_ri(extract32_ldst_ri_pos(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              if ((insn & 0xf0000) === 0xf0000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:339: PLD 1111 1000 -001 1111 1111 ------------
                  if (h.trans_PLD(extract32_YIELD(insn))) return true;
                }
                // t32.decode:340: LDRB_ri 1111 1000 .001 1111 .... ............ @ldst_ri_lit
                if (h.trans_LDRB_ri(extract32_ldst_ri_lit(insn))) return true;
              }
              if ((insn & 0x800000) === 0x800000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:343: PLD 1111 1000 1001 ---- 1111 ------------
                  if (h.trans_PLD(extract32_YIELD(insn))) return true;
                }
                // t32.decode:344: LDRB_ri 1111 1000 1001 .... .... ............ @ldst_ri_pos
                if (h.trans_LDRB_ri(extract32_ldst_ri_pos(insn))) return true;
              }
              if ((insn & 0x800900) === 0x900) {
                // t32.decode:346: LDRB_ri 1111 1000 0001 .... .... 1..1 ........ @ldst_ri_idx
                if (h.trans_LDRB_ri(extract32_ldst_ri_idx(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xc00) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:348: PLD 1111 1000 0001 ---- 1111 1100 --------
                  if (h.trans_PLD(extract32_YIELD(insn))) return true;
                }
                // t32.decode:349: LDRB_ri 1111 1000 0001 .... .... 1100 ........ @ldst_ri_neg
                if (h.trans_LDRB_ri(extract32_ldst_ri_neg(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xe00) {
                // t32.decode:351: LDRBT_ri 1111 1000 0001 .... .... 1110 ........ @ldst_ri_unp
                if (h.trans_LDRBT_ri(extract32_ldst_ri_unp(insn))) return true;
              }
              if ((insn & 0x800fc0) === 0x0) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:353: PLD 1111 1000 0001 ---- 1111 000000 -- ----
                  if (h.trans_PLD(extract32_YIELD(insn))) return true;
                }
                // t32.decode:354: LDRB_rr 1111 1000 0001 .... .... 000000 .. .... @ldst_rr
                if (h.trans_LDRB_rr(extract32_ldst_rr(insn))) return true;
              }
              break;
            case 0x2:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  switch (insn & 0x900) {
                    case 0x0:
                      if ((insn & 0x6c0) === 0x0) {
                        // t32.decode:323: STRH_rr 1111 1000 0010 .... .... 000000 .. .... @ldst_rr
                        if (h.trans_STRH_rr(extract32_ldst_rr(insn))) return true;
                      }
                      break;
                    case 0x800:
                      switch ((insn >>> 9) & 0x3) {
                        case 0x2:
                          // t32.decode:325: STRH_ri 1111 1000 0010 .... .... 1100 ........ @ldst_ri_neg
                          if (h.trans_STRH_ri(extract32_ldst_ri_neg(insn))) return true;
                          break;
                        case 0x3:
                          // t32.decode:326: STRHT_ri 1111 1000 0010 .... .... 1110 ........ @ldst_ri_unp
                          if (h.trans_STRHT_ri(extract32_ldst_ri_unp(insn))) return true;
                          break;
                      }
                      break;
                    case 0x900:
                      // t32.decode:324: STRH_ri 1111 1000 0010 .... .... 1..1 ........ @ldst_ri_idx
                      if (h.trans_STRH_ri(extract32_ldst_ri_idx(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // t32.decode:327: STRH_ri 1111 1000 1010 .... .... ............ @ldst_ri_pos
                  if (h.trans_STRH_ri(extract32_ldst_ri_pos(insn))) return true;
                  break;
              }
              break;
            case 0x3:
              if ((insn & 0xf0000) === 0xf0000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:359: PLD 1111 1000 -011 1111 1111 ------------
                  if (h.trans_PLD(extract32_YIELD(insn))) return true;
                }
                // t32.decode:360: LDRH_ri 1111 1000 .011 1111 .... ............ @ldst_ri_lit
                if (h.trans_LDRH_ri(extract32_ldst_ri_lit(insn))) return true;
              }
              if ((insn & 0x800000) === 0x800000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:363: PLDW 1111 1000 1011 ---- 1111 ------------
                  if (h.trans_PLDW(extract32_YIELD(insn))) return true;
                }
                // t32.decode:364: LDRH_ri 1111 1000 1011 .... .... ............ @ldst_ri_pos
                if (h.trans_LDRH_ri(extract32_ldst_ri_pos(insn))) return true;
              }
              if ((insn & 0x800900) === 0x900) {
                // t32.decode:366: LDRH_ri 1111 1000 0011 .... .... 1..1 ........ @ldst_ri_idx
                if (h.trans_LDRH_ri(extract32_ldst_ri_idx(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xc00) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:368: PLDW 1111 1000 0011 ---- 1111 1100 --------
                  if (h.trans_PLDW(extract32_YIELD(insn))) return true;
                }
                // t32.decode:369: LDRH_ri 1111 1000 0011 .... .... 1100 ........ @ldst_ri_neg
                if (h.trans_LDRH_ri(extract32_ldst_ri_neg(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xe00) {
                // t32.decode:371: LDRHT_ri 1111 1000 0011 .... .... 1110 ........ @ldst_ri_unp
                if (h.trans_LDRHT_ri(extract32_ldst_ri_unp(insn))) return true;
              }
              if ((insn & 0x800fc0) === 0x0) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:373: PLDW 1111 1000 0011 ---- 1111 000000 -- ----
                  if (h.trans_PLDW(extract32_YIELD(insn))) return true;
                }
                // t32.decode:374: LDRH_rr 1111 1000 0011 .... .... 000000 .. .... @ldst_rr
                if (h.trans_LDRH_rr(extract32_ldst_rr(insn))) return true;
              }
              break;
            case 0x4:
              switch ((insn >>> 23) & 0x1) {
                case 0x0:
                  switch (insn & 0x900) {
                    case 0x0:
                      if ((insn & 0x6c0) === 0x0) {
                        // t32.decode:329: STR_rr 1111 1000 0100 .... .... 000000 .. .... @ldst_rr
                        if (h.trans_STR_rr(extract32_ldst_rr(insn))) return true;
                      }
                      break;
                    case 0x800:
                      switch ((insn >>> 9) & 0x3) {
                        case 0x2:
                          // t32.decode:331: STR_ri 1111 1000 0100 .... .... 1100 ........ @ldst_ri_neg
                          if (h.trans_STR_ri(extract32_ldst_ri_neg(insn))) return true;
                          break;
                        case 0x3:
                          // t32.decode:332: STRT_ri 1111 1000 0100 .... .... 1110 ........ @ldst_ri_unp
                          if (h.trans_STRT_ri(extract32_ldst_ri_unp(insn))) return true;
                          break;
                      }
                      break;
                    case 0x900:
                      // t32.decode:330: STR_ri 1111 1000 0100 .... .... 1..1 ........ @ldst_ri_idx
                      if (h.trans_STR_ri(extract32_ldst_ri_idx(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // t32.decode:333: STR_ri 1111 1000 1100 .... .... ............ @ldst_ri_pos
                  if (h.trans_STR_ri(extract32_ldst_ri_pos(insn))) return true;
                  break;
              }
              break;
            case 0x5:
              if ((insn & 0xf0000) === 0xf0000) {
                // t32.decode:378: LDR_ri 1111 1000 .101 1111 .... ............ @ldst_ri_lit
                if (h.trans_LDR_ri(extract32_ldst_ri_lit(insn))) return true;
              }
              if ((insn & 0x800000) === 0x800000) {
                // t32.decode:379: LDR_ri 1111 1000 1101 .... .... ............ @ldst_ri_pos
                if (h.trans_LDR_ri(extract32_ldst_ri_pos(insn))) return true;
              }
              if ((insn & 0x800900) === 0x900) {
                // t32.decode:380: LDR_ri 1111 1000 0101 .... .... 1..1 ........ @ldst_ri_idx
                if (h.trans_LDR_ri(extract32_ldst_ri_idx(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xc00) {
                // t32.decode:381: LDR_ri 1111 1000 0101 .... .... 1100 ........ @ldst_ri_neg
                if (h.trans_LDR_ri(extract32_ldst_ri_neg(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xe00) {
                // t32.decode:382: LDRT_ri 1111 1000 0101 .... .... 1110 ........ @ldst_ri_unp
                if (h.trans_LDRT_ri(extract32_ldst_ri_unp(insn))) return true;
              }
              if ((insn & 0x800fc0) === 0x0) {
                // t32.decode:383: LDR_rr 1111 1000 0101 .... .... 000000 .. .... @ldst_rr
                if (h.trans_LDR_rr(extract32_ldst_rr(insn))) return true;
              }
              break;
          }
          break;
        case 0x1:
          switch ((insn >>> 20) & 0x7) {
            case 0x1:
              if ((insn & 0xf0000) === 0xf0000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:387: PLI 1111 1001 -001 1111 1111 ------------
                  if (h.trans_PLI(extract32_YIELD(insn))) return true;
                }
                // t32.decode:388: LDRSB_ri 1111 1001 .001 1111 .... ............ @ldst_ri_lit
                if (h.trans_LDRSB_ri(extract32_ldst_ri_lit(insn))) return true;
              }
              if ((insn & 0x800000) === 0x800000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:391: PLI 1111 1001 1001 ---- 1111 ------------
                  if (h.trans_PLI(extract32_YIELD(insn))) return true;
                }
                // t32.decode:392: LDRSB_ri 1111 1001 1001 .... .... ............ @ldst_ri_pos
                if (h.trans_LDRSB_ri(extract32_ldst_ri_pos(insn))) return true;
              }
              if ((insn & 0x800900) === 0x900) {
                // t32.decode:394: LDRSB_ri 1111 1001 0001 .... .... 1..1 ........ @ldst_ri_idx
                if (h.trans_LDRSB_ri(extract32_ldst_ri_idx(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xc00) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:396: PLI 1111 1001 0001 ---- 1111 1100 --------
                  if (h.trans_PLI(extract32_YIELD(insn))) return true;
                }
                // t32.decode:397: LDRSB_ri 1111 1001 0001 .... .... 1100 ........ @ldst_ri_neg
                if (h.trans_LDRSB_ri(extract32_ldst_ri_neg(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xe00) {
                // t32.decode:399: LDRSBT_ri 1111 1001 0001 .... .... 1110 ........ @ldst_ri_unp
                if (h.trans_LDRSBT_ri(extract32_ldst_ri_unp(insn))) return true;
              }
              if ((insn & 0x800fc0) === 0x0) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:401: PLI 1111 1001 0001 ---- 1111 000000 -- ----
                  if (h.trans_PLI(extract32_YIELD(insn))) return true;
                }
                // t32.decode:402: LDRSB_rr 1111 1001 0001 .... .... 000000 .. .... @ldst_rr
                if (h.trans_LDRSB_rr(extract32_ldst_rr(insn))) return true;
              }
              break;
            case 0x3:
              if ((insn & 0xf0000) === 0xf0000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:407: NOP 1111 1001 -011 1111 1111 ------------
                  if (h.trans_NOP(extract32_YIELD(insn))) return true;
                }
                // t32.decode:408: LDRSH_ri 1111 1001 .011 1111 .... ............ @ldst_ri_lit
                if (h.trans_LDRSH_ri(extract32_ldst_ri_lit(insn))) return true;
              }
              if ((insn & 0x800000) === 0x800000) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:411: NOP 1111 1001 1011 ---- 1111 ------------
                  if (h.trans_NOP(extract32_YIELD(insn))) return true;
                }
                // t32.decode:412: LDRSH_ri 1111 1001 1011 .... .... ............ @ldst_ri_pos
                if (h.trans_LDRSH_ri(extract32_ldst_ri_pos(insn))) return true;
              }
              if ((insn & 0x800900) === 0x900) {
                // t32.decode:414: LDRSH_ri 1111 1001 0011 .... .... 1..1 ........ @ldst_ri_idx
                if (h.trans_LDRSH_ri(extract32_ldst_ri_idx(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xc00) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:416: NOP 1111 1001 0011 ---- 1111 1100 --------
                  if (h.trans_NOP(extract32_YIELD(insn))) return true;
                }
                // t32.decode:417: LDRSH_ri 1111 1001 0011 .... .... 1100 ........ @ldst_ri_neg
                if (h.trans_LDRSH_ri(extract32_ldst_ri_neg(insn))) return true;
              }
              if ((insn & 0x800f00) === 0xe00) {
                // t32.decode:419: LDRSHT_ri 1111 1001 0011 .... .... 1110 ........ @ldst_ri_unp
                if (h.trans_LDRSHT_ri(extract32_ldst_ri_unp(insn))) return true;
              }
              if ((insn & 0x800fc0) === 0x0) {
                if ((insn & 0xf000) === 0xf000) {
                  // t32.decode:421: NOP 1111 1001 0011 ---- 1111 000000 -- ----
                  if (h.trans_NOP(extract32_YIELD(insn))) return true;
                }
                // t32.decode:422: LDRSH_rr 1111 1001 0011 .... .... 000000 .. .... @ldst_rr
                if (h.trans_LDRSH_rr(extract32_ldst_rr(insn))) return true;
              }
              break;
          }
          break;
        case 0x2:
          switch (insn & 0x80f0c0) {
            case 0xf000:
              if (((insn >>> 4) & 0x3) === 0x0) {
                // t32.decode:82: MOV_rxrr 1111 1010 0 shty:2 s:1 rm:4 1111 rd:4 0000 rs:4 &s_rrr_shr rn=0
                if (h.trans_MOV_rxrr(extract32_MOV_rxrr(insn))) return true;
              }
              break;
            case 0xf080:
              switch ((insn >>> 20) & 0x7) {
                case 0x0:
                  // t32.decode:509: SXTAH 1111 1010 0000 .... 1111 .... 10.. .... @rrr_rot
                  if (h.trans_SXTAH(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x1:
                  // t32.decode:510: UXTAH 1111 1010 0001 .... 1111 .... 10.. .... @rrr_rot
                  if (h.trans_UXTAH(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x2:
                  // t32.decode:511: SXTAB16 1111 1010 0010 .... 1111 .... 10.. .... @rrr_rot
                  if (h.trans_SXTAB16(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x3:
                  // t32.decode:512: UXTAB16 1111 1010 0011 .... 1111 .... 10.. .... @rrr_rot
                  if (h.trans_UXTAB16(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x4:
                  // t32.decode:513: SXTAB 1111 1010 0100 .... 1111 .... 10.. .... @rrr_rot
                  if (h.trans_SXTAB(extract32_rrr_rot(insn))) return true;
                  break;
                case 0x5:
                  // t32.decode:514: UXTAB 1111 1010 0101 .... 1111 .... 10.. .... @rrr_rot
                  if (h.trans_UXTAB(extract32_rrr_rot(insn))) return true;
                  break;
              }
              break;
            case 0x80f000:
              switch (insn & 0x700030) {
                case 0x0:
                  // t32.decode:464: SADD8 1111 1010 1000 .... 1111 .... 0000 .... @rndm
                  if (h.trans_SADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x10:
                  // t32.decode:465: QADD8 1111 1010 1000 .... 1111 .... 0001 .... @rndm
                  if (h.trans_QADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x20:
                  // t32.decode:466: SHADD8 1111 1010 1000 .... 1111 .... 0010 .... @rndm
                  if (h.trans_SHADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x100000:
                  // t32.decode:471: SADD16 1111 1010 1001 .... 1111 .... 0000 .... @rndm
                  if (h.trans_SADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100010:
                  // t32.decode:472: QADD16 1111 1010 1001 .... 1111 .... 0001 .... @rndm
                  if (h.trans_QADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100020:
                  // t32.decode:473: SHADD16 1111 1010 1001 .... 1111 .... 0010 .... @rndm
                  if (h.trans_SHADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x200000:
                  // t32.decode:478: SASX 1111 1010 1010 .... 1111 .... 0000 .... @rndm
                  if (h.trans_SASX(extract32_rndm(insn))) return true;
                  break;
                case 0x200010:
                  // t32.decode:479: QASX 1111 1010 1010 .... 1111 .... 0001 .... @rndm
                  if (h.trans_QASX(extract32_rndm(insn))) return true;
                  break;
                case 0x200020:
                  // t32.decode:480: SHASX 1111 1010 1010 .... 1111 .... 0010 .... @rndm
                  if (h.trans_SHASX(extract32_rndm(insn))) return true;
                  break;
                case 0x400000:
                  // t32.decode:485: SSUB8 1111 1010 1100 .... 1111 .... 0000 .... @rndm
                  if (h.trans_SSUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x400010:
                  // t32.decode:486: QSUB8 1111 1010 1100 .... 1111 .... 0001 .... @rndm
                  if (h.trans_QSUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x400020:
                  // t32.decode:487: SHSUB8 1111 1010 1100 .... 1111 .... 0010 .... @rndm
                  if (h.trans_SHSUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x500000:
                  // t32.decode:492: SSUB16 1111 1010 1101 .... 1111 .... 0000 .... @rndm
                  if (h.trans_SSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x500010:
                  // t32.decode:493: QSUB16 1111 1010 1101 .... 1111 .... 0001 .... @rndm
                  if (h.trans_QSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x500020:
                  // t32.decode:494: SHSUB16 1111 1010 1101 .... 1111 .... 0010 .... @rndm
                  if (h.trans_SHSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x600000:
                  // t32.decode:499: SSAX 1111 1010 1110 .... 1111 .... 0000 .... @rndm
                  if (h.trans_SSAX(extract32_rndm(insn))) return true;
                  break;
                case 0x600010:
                  // t32.decode:500: QSAX 1111 1010 1110 .... 1111 .... 0001 .... @rndm
                  if (h.trans_QSAX(extract32_rndm(insn))) return true;
                  break;
                case 0x600020:
                  // t32.decode:501: SHSAX 1111 1010 1110 .... 1111 .... 0010 .... @rndm
                  if (h.trans_SHSAX(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x80f040:
              switch (insn & 0x700030) {
                case 0x0:
                  // t32.decode:467: UADD8 1111 1010 1000 .... 1111 .... 0100 .... @rndm
                  if (h.trans_UADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x10:
                  // t32.decode:468: UQADD8 1111 1010 1000 .... 1111 .... 0101 .... @rndm
                  if (h.trans_UQADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x20:
                  // t32.decode:469: UHADD8 1111 1010 1000 .... 1111 .... 0110 .... @rndm
                  if (h.trans_UHADD8(extract32_rndm(insn))) return true;
                  break;
                case 0x100000:
                  // t32.decode:474: UADD16 1111 1010 1001 .... 1111 .... 0100 .... @rndm
                  if (h.trans_UADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100010:
                  // t32.decode:475: UQADD16 1111 1010 1001 .... 1111 .... 0101 .... @rndm
                  if (h.trans_UQADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x100020:
                  // t32.decode:476: UHADD16 1111 1010 1001 .... 1111 .... 0110 .... @rndm
                  if (h.trans_UHADD16(extract32_rndm(insn))) return true;
                  break;
                case 0x200000:
                  // t32.decode:481: UASX 1111 1010 1010 .... 1111 .... 0100 .... @rndm
                  if (h.trans_UASX(extract32_rndm(insn))) return true;
                  break;
                case 0x200010:
                  // t32.decode:482: UQASX 1111 1010 1010 .... 1111 .... 0101 .... @rndm
                  if (h.trans_UQASX(extract32_rndm(insn))) return true;
                  break;
                case 0x200020:
                  // t32.decode:483: UHASX 1111 1010 1010 .... 1111 .... 0110 .... @rndm
                  if (h.trans_UHASX(extract32_rndm(insn))) return true;
                  break;
                case 0x400000:
                  // t32.decode:488: USUB8 1111 1010 1100 .... 1111 .... 0100 .... @rndm
                  if (h.trans_USUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x400010:
                  // t32.decode:489: UQSUB8 1111 1010 1100 .... 1111 .... 0101 .... @rndm
                  if (h.trans_UQSUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x400020:
                  // t32.decode:490: UHSUB8 1111 1010 1100 .... 1111 .... 0110 .... @rndm
                  if (h.trans_UHSUB8(extract32_rndm(insn))) return true;
                  break;
                case 0x500000:
                  // t32.decode:495: USUB16 1111 1010 1101 .... 1111 .... 0100 .... @rndm
                  if (h.trans_USUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x500010:
                  // t32.decode:496: UQSUB16 1111 1010 1101 .... 1111 .... 0101 .... @rndm
                  if (h.trans_UQSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x500020:
                  // t32.decode:497: UHSUB16 1111 1010 1101 .... 1111 .... 0110 .... @rndm
                  if (h.trans_UHSUB16(extract32_rndm(insn))) return true;
                  break;
                case 0x600000:
                  // t32.decode:502: USAX 1111 1010 1110 .... 1111 .... 0100 .... @rndm
                  if (h.trans_USAX(extract32_rndm(insn))) return true;
                  break;
                case 0x600010:
                  // t32.decode:503: UQSAX 1111 1010 1110 .... 1111 .... 0101 .... @rndm
                  if (h.trans_UQSAX(extract32_rndm(insn))) return true;
                  break;
                case 0x600020:
                  // t32.decode:504: UHSAX 1111 1010 1110 .... 1111 .... 0110 .... @rndm
                  if (h.trans_UHSAX(extract32_rndm(insn))) return true;
                  break;
              }
              break;
            case 0x80f080:
              switch (insn & 0x700030) {
                case 0x0:
                  // t32.decode:240: QADD 1111 1010 1000 .... 1111 .... 1000 .... @rndm
                  if (h.trans_QADD(extract32_rndm(insn))) return true;
                  break;
                case 0x10:
                  // t32.decode:242: QDADD 1111 1010 1000 .... 1111 .... 1001 .... @rndm
                  if (h.trans_QDADD(extract32_rndm(insn))) return true;
                  break;
                case 0x20:
                  // t32.decode:241: QSUB 1111 1010 1000 .... 1111 .... 1010 .... @rndm
                  if (h.trans_QSUB(extract32_rndm(insn))) return true;
                  break;
                case 0x30:
                  // t32.decode:243: QDSUB 1111 1010 1000 .... 1111 .... 1011 .... @rndm
                  if (h.trans_QDSUB(extract32_rndm(insn))) return true;
                  break;
                case 0x100000:
                  // t32.decode:246: REV 1111 1010 1001 ---- 1111 .... 1000 .... @rdm
                  if (h.trans_REV(extract32_rdm(insn))) return true;
                  break;
                case 0x100010:
                  // t32.decode:247: REV16 1111 1010 1001 ---- 1111 .... 1001 .... @rdm
                  if (h.trans_REV16(extract32_rdm(insn))) return true;
                  break;
                case 0x100020:
                  // t32.decode:248: RBIT 1111 1010 1001 ---- 1111 .... 1010 .... @rdm
                  if (h.trans_RBIT(extract32_rdm(insn))) return true;
                  break;
                case 0x100030:
                  // t32.decode:249: REVSH 1111 1010 1001 ---- 1111 .... 1011 .... @rdm
                  if (h.trans_REVSH(extract32_rdm(insn))) return true;
                  break;
                case 0x200000:
                  // t32.decode:245: SEL 1111 1010 1010 .... 1111 .... 1000 .... @rndm
                  if (h.trans_SEL(extract32_rndm(insn))) return true;
                  break;
                case 0x300000:
                  // t32.decode:250: CLZ 1111 1010 1011 ---- 1111 .... 1000 .... @rdm
                  if (h.trans_CLZ(extract32_rdm(insn))) return true;
                  break;
              }
              break;
          }
          break;
        case 0x3:
          switch (insn & 0xf000f0) {
            case 0x0:
              if ((insn & 0xf000) === 0xf000) {
                // t32.decode:180: MUL 1111 1011 0000 .... 1111 .... 0000 .... @s0_rn0dm
                if (h.trans_MUL(extract32_s0_rn0dm(insn))) return true;
              }
              // t32.decode:181: MLA 1111 1011 0000 .... .... .... 0000 .... @s0_rnadm
              if (h.trans_MLA(extract32_s0_rnadm(insn))) return true;
              break;
            case 0x10:
              // t32.decode:183: MLS 1111 1011 0000 .... .... .... 0001 .... @rnadm
              if (h.trans_MLS(extract32_rnadm(insn))) return true;
              break;
            case 0x100000:
              if ((insn & 0xf000) === 0xf000) {
                // t32.decode:198: SMULBB 1111 1011 0001 .... 1111 .... 0000 .... @rn0dm
                if (h.trans_SMULBB(extract32_rn0dm(insn))) return true;
              }
              // t32.decode:199: SMLABB 1111 1011 0001 .... .... .... 0000 .... @rnadm
              if (h.trans_SMLABB(extract32_rnadm(insn))) return true;
              break;
            case 0x100010:
              if ((insn & 0xf000) === 0xf000) {
                // t32.decode:202: SMULBT 1111 1011 0001 .... 1111 .... 0001 .... @rn0dm
                if (h.trans_SMULBT(extract32_rn0dm(insn))) return true;
              }
              // t32.decode:203: SMLABT 1111 1011 0001 .... .... .... 0001 .... @rnadm
              if (h.trans_SMLABT(extract32_rnadm(insn))) return true;
              break;
            case 0x100020:
              if ((insn & 0xf000) === 0xf000) {
                // t32.decode:206: SMULTB 1111 1011 0001 .... 1111 .... 0010 .... @rn0dm
                if (h.trans_SMULTB(extract32_rn0dm(insn))) return true;
              }
              // t32.decode:207: SMLATB 1111 1011 0001 .... .... .... 0010 .... @rnadm
              if (h.trans_SMLATB(extract32_rnadm(insn))) return true;
              break;
            case 0x100030:
              if ((insn & 0xf000) === 0xf000) {
                // t32.decode:210: SMULTT 1111 1011 0001 .... 1111 .... 0011 .... @rn0dm
                if (h.trans_SMULTT(extract32_rn0dm(insn))) return true;
              }
              // t32.decode:211: SMLATT 1111 1011 0001 .... .... .... 0011 .... @rnadm
              if (h.trans_SMLATT(extract32_rnadm(insn))) return true;
              break;
            case 0x200000:
              // t32.decode:221: SMLAD 1111 1011 0010 .... .... .... 0000 .... @rnadm
              if (h.trans_SMLAD(extract32_rnadm(insn))) return true;
              break;
            case 0x200010:
              // t32.decode:222: SMLADX 1111 1011 0010 .... .... .... 0001 .... @rnadm
              if (h.trans_SMLADX(extract32_rnadm(insn))) return true;
              break;
            case 0x300000:
              if ((insn & 0xf000) === 0xf000) {
                // t32.decode:190: SMULWB 1111 1011 0011 .... 1111 .... 0000 .... @rn0dm
                if (h.trans_SMULWB(extract32_rn0dm(insn))) return true;
              }
              // t32.decode:191: SMLAWB 1111 1011 0011 .... .... .... 0000 .... @rnadm
              if (h.trans_SMLAWB(extract32_rnadm(insn))) return true;
              break;
            case 0x300010:
              if ((insn & 0xf000) === 0xf000) {
                // t32.decode:194: SMULWT 1111 1011 0011 .... 1111 .... 0001 .... @rn0dm
                if (h.trans_SMULWT(extract32_rn0dm(insn))) return true;
              }
              // t32.decode:195: SMLAWT 1111 1011 0011 .... .... .... 0001 .... @rnadm
              if (h.trans_SMLAWT(extract32_rnadm(insn))) return true;
              break;
            case 0x400000:
              // t32.decode:223: SMLSD 1111 1011 0100 .... .... .... 0000 .... @rnadm
              if (h.trans_SMLSD(extract32_rnadm(insn))) return true;
              break;
            case 0x400010:
              // t32.decode:224: SMLSDX 1111 1011 0100 .... .... .... 0001 .... @rnadm
              if (h.trans_SMLSDX(extract32_rnadm(insn))) return true;
              break;
            case 0x500000:
              // t32.decode:231: SMMLA 1111 1011 0101 .... .... .... 0000 .... @rnadm
              if (h.trans_SMMLA(extract32_rnadm(insn))) return true;
              break;
            case 0x500010:
              // t32.decode:232: SMMLAR 1111 1011 0101 .... .... .... 0001 .... @rnadm
              if (h.trans_SMMLAR(extract32_rnadm(insn))) return true;
              break;
            case 0x600000:
              // t32.decode:233: SMMLS 1111 1011 0110 .... .... .... 0000 .... @rnadm
              if (h.trans_SMMLS(extract32_rnadm(insn))) return true;
              break;
            case 0x600010:
              // t32.decode:234: SMMLSR 1111 1011 0110 .... .... .... 0001 .... @rnadm
              if (h.trans_SMMLSR(extract32_rnadm(insn))) return true;
              break;
            case 0x700000:
              // t32.decode:219: USADA8 1111 1011 0111 .... .... .... 0000 .... @rnadm
              if (h.trans_USADA8(extract32_rnadm(insn))) return true;
              break;
            case 0x800000:
              // t32.decode:184: SMULL 1111 1011 1000 .... .... .... 0000 .... @s0_rnadm
              if (h.trans_SMULL(extract32_s0_rnadm(insn))) return true;
              break;
            case 0x9000f0:
              if (((insn >>> 12) & 0xf) === 0xf) {
                // t32.decode:236: SDIV 1111 1011 1001 .... 1111 .... 1111 .... @rndm
                if (h.trans_SDIV(extract32_rndm(insn))) return true;
              }
              break;
            case 0xa00000:
              // t32.decode:185: UMULL 1111 1011 1010 .... .... .... 0000 .... @s0_rnadm
              if (h.trans_UMULL(extract32_s0_rnadm(insn))) return true;
              break;
            case 0xb000f0:
              if (((insn >>> 12) & 0xf) === 0xf) {
                // t32.decode:237: UDIV 1111 1011 1011 .... 1111 .... 1111 .... @rndm
                if (h.trans_UDIV(extract32_rndm(insn))) return true;
              }
              break;
            case 0xc00000:
              // t32.decode:186: SMLAL 1111 1011 1100 .... .... .... 0000 .... @s0_rnadm
              if (h.trans_SMLAL(extract32_s0_rnadm(insn))) return true;
              break;
            case 0xc00080:
              // t32.decode:213: SMLALBB 1111 1011 1100 .... .... .... 1000 .... @rnadm
              if (h.trans_SMLALBB(extract32_rnadm(insn))) return true;
              break;
            case 0xc00090:
              // t32.decode:214: SMLALBT 1111 1011 1100 .... .... .... 1001 .... @rnadm
              if (h.trans_SMLALBT(extract32_rnadm(insn))) return true;
              break;
            case 0xc000a0:
              // t32.decode:215: SMLALTB 1111 1011 1100 .... .... .... 1010 .... @rnadm
              if (h.trans_SMLALTB(extract32_rnadm(insn))) return true;
              break;
            case 0xc000b0:
              // t32.decode:216: SMLALTT 1111 1011 1100 .... .... .... 1011 .... @rnadm
              if (h.trans_SMLALTT(extract32_rnadm(insn))) return true;
              break;
            case 0xc000c0:
              // t32.decode:226: SMLALD 1111 1011 1100 .... .... .... 1100 .... @rnadm
              if (h.trans_SMLALD(extract32_rnadm(insn))) return true;
              break;
            case 0xc000d0:
              // t32.decode:227: SMLALDX 1111 1011 1100 .... .... .... 1101 .... @rnadm
              if (h.trans_SMLALDX(extract32_rnadm(insn))) return true;
              break;
            case 0xd000c0:
              // t32.decode:228: SMLSLD 1111 1011 1101 .... .... .... 1100 .... @rnadm
              if (h.trans_SMLSLD(extract32_rnadm(insn))) return true;
              break;
            case 0xd000d0:
              // t32.decode:229: SMLSLDX 1111 1011 1101 .... .... .... 1101 .... @rnadm
              if (h.trans_SMLSLDX(extract32_rnadm(insn))) return true;
              break;
            case 0xe00000:
              // t32.decode:187: UMLAL 1111 1011 1110 .... .... .... 0000 .... @s0_rnadm
              if (h.trans_UMLAL(extract32_s0_rnadm(insn))) return true;
              break;
            case 0xe00060:
              // t32.decode:188: UMAAL 1111 1011 1110 .... .... .... 0110 .... @rnadm
              if (h.trans_UMAAL(extract32_rnadm(insn))) return true;
              break;
          }
          break;
      }
      break;
  }
  return false;
}
