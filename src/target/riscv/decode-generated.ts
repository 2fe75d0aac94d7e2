// GENERATED FILE - DO NOT EDIT.
// Generated from spec/riscv/insn32.decode and spec/riscv/insn16.decode by `npx tsx tools/decodetree/gen.ts`.
// test/riscv/decode-generated-fresh.test.ts fails when this file is stale.

import { ex_rvc_register, ex_shift_1, ex_shift_12, ex_shift_2, ex_shift_3, ex_shift_4 } from "./decode-functions.ts";

/** Argument set &empty (insn32.decode:37). */
export interface ArgEmpty {}

/** Argument set &r (insn32.decode:38). */
export interface ArgR {
  rd: number;
  rs1: number;
  rs2: number;
}

/** Argument set &r2 (insn32.decode:39). */
export interface ArgR2 {
  rd: number;
  rs1: number;
}

/** Argument set &i (insn32.decode:40). */
export interface ArgI {
  imm: number;
  rs1: number;
  rd: number;
}

/** Argument set &s (insn32.decode:41). */
export interface ArgS {
  imm: number;
  rs1: number;
  rs2: number;
}

/** Argument set &b (insn32.decode:42). */
export interface ArgB {
  imm: number;
  rs2: number;
  rs1: number;
}

/** Argument set &u (insn32.decode:43). */
export interface ArgU {
  imm: number;
  rd: number;
}

/** Argument set &j (insn32.decode:44). */
export interface ArgJ {
  imm: number;
  rd: number;
}

/** Argument set &shift (insn32.decode:45). */
export interface ArgShift {
  shamt: number;
  rs1: number;
  rd: number;
}

/** Argument set &atomic (insn32.decode:46). */
export interface ArgAtomic {
  aq: number;
  rl: number;
  rs2: number;
  rs1: number;
  rd: number;
}

/** Argument set &r_rm (insn32.decode:47). */
export interface ArgRRm {
  rd: number;
  rs1: number;
  rs2: number;
  rm: number;
}

/** Argument set &r2_rm (insn32.decode:48). */
export interface ArgR2Rm {
  rd: number;
  rs1: number;
  rm: number;
}

/** Argument set &r4_rm (insn32.decode:49). */
export interface ArgR4Rm {
  rd: number;
  rs1: number;
  rs2: number;
  rs3: number;
  rm: number;
}

/** Argument set &csr (insn32.decode:50). */
export interface ArgCsr {
  csr: number;
  rs1: number;
  rd: number;
}

/** Argument set &fence (insn32.decode:51). */
export interface ArgFence {
  pred: number;
  succ: number;
}

/** Argument set &sfence_vma (insn32.decode:52). */
export interface ArgSfenceVma {
  rs1: number;
  rs2: number;
}

/**
 * One method per pattern name.  Return true when the instruction was handled;
 * false makes the decoder try the next candidate of an overlapping group and
 * finally report "no match".
 */
export interface RiscvDecodeHandler {
  trans_lui(a: ArgU): boolean;
  trans_auipc(a: ArgU): boolean;
  trans_jal(a: ArgJ): boolean;
  trans_jalr(a: ArgI): boolean;
  trans_beq(a: ArgB): boolean;
  trans_bne(a: ArgB): boolean;
  trans_blt(a: ArgB): boolean;
  trans_bge(a: ArgB): boolean;
  trans_bltu(a: ArgB): boolean;
  trans_bgeu(a: ArgB): boolean;
  trans_lb(a: ArgI): boolean;
  trans_lh(a: ArgI): boolean;
  trans_lw(a: ArgI): boolean;
  trans_ld(a: ArgI): boolean;
  trans_lbu(a: ArgI): boolean;
  trans_lhu(a: ArgI): boolean;
  trans_lwu(a: ArgI): boolean;
  trans_sb(a: ArgS): boolean;
  trans_sh(a: ArgS): boolean;
  trans_sw(a: ArgS): boolean;
  trans_sd(a: ArgS): boolean;
  trans_addi(a: ArgI): boolean;
  trans_slti(a: ArgI): boolean;
  trans_sltiu(a: ArgI): boolean;
  trans_xori(a: ArgI): boolean;
  trans_ori(a: ArgI): boolean;
  trans_andi(a: ArgI): boolean;
  trans_slli(a: ArgShift): boolean;
  trans_srli(a: ArgShift): boolean;
  trans_srai(a: ArgShift): boolean;
  trans_add(a: ArgR): boolean;
  trans_sub(a: ArgR): boolean;
  trans_sll(a: ArgR): boolean;
  trans_slt(a: ArgR): boolean;
  trans_sltu(a: ArgR): boolean;
  trans_xor(a: ArgR): boolean;
  trans_srl(a: ArgR): boolean;
  trans_sra(a: ArgR): boolean;
  trans_or(a: ArgR): boolean;
  trans_and(a: ArgR): boolean;
  trans_addiw(a: ArgI): boolean;
  trans_slliw(a: ArgShift): boolean;
  trans_srliw(a: ArgShift): boolean;
  trans_sraiw(a: ArgShift): boolean;
  trans_addw(a: ArgR): boolean;
  trans_subw(a: ArgR): boolean;
  trans_sllw(a: ArgR): boolean;
  trans_srlw(a: ArgR): boolean;
  trans_sraw(a: ArgR): boolean;
  trans_fence(a: ArgFence): boolean;
  trans_ecall(a: ArgEmpty): boolean;
  trans_ebreak(a: ArgEmpty): boolean;
  trans_fence_i(a: ArgEmpty): boolean;
  trans_sret(a: ArgEmpty): boolean;
  trans_mret(a: ArgEmpty): boolean;
  trans_wfi(a: ArgEmpty): boolean;
  trans_sfence_vma(a: ArgSfenceVma): boolean;
  trans_csrrw(a: ArgCsr): boolean;
  trans_csrrs(a: ArgCsr): boolean;
  trans_csrrc(a: ArgCsr): boolean;
  trans_csrrwi(a: ArgCsr): boolean;
  trans_csrrsi(a: ArgCsr): boolean;
  trans_csrrci(a: ArgCsr): boolean;
  trans_mul(a: ArgR): boolean;
  trans_mulh(a: ArgR): boolean;
  trans_mulhsu(a: ArgR): boolean;
  trans_mulhu(a: ArgR): boolean;
  trans_div(a: ArgR): boolean;
  trans_divu(a: ArgR): boolean;
  trans_rem(a: ArgR): boolean;
  trans_remu(a: ArgR): boolean;
  trans_mulw(a: ArgR): boolean;
  trans_divw(a: ArgR): boolean;
  trans_divuw(a: ArgR): boolean;
  trans_remw(a: ArgR): boolean;
  trans_remuw(a: ArgR): boolean;
  trans_lr_w(a: ArgAtomic): boolean;
  trans_sc_w(a: ArgAtomic): boolean;
  trans_amoswap_w(a: ArgAtomic): boolean;
  trans_amoadd_w(a: ArgAtomic): boolean;
  trans_amoxor_w(a: ArgAtomic): boolean;
  trans_amoand_w(a: ArgAtomic): boolean;
  trans_amoor_w(a: ArgAtomic): boolean;
  trans_amomin_w(a: ArgAtomic): boolean;
  trans_amomax_w(a: ArgAtomic): boolean;
  trans_amominu_w(a: ArgAtomic): boolean;
  trans_amomaxu_w(a: ArgAtomic): boolean;
  trans_lr_d(a: ArgAtomic): boolean;
  trans_sc_d(a: ArgAtomic): boolean;
  trans_amoswap_d(a: ArgAtomic): boolean;
  trans_amoadd_d(a: ArgAtomic): boolean;
  trans_amoxor_d(a: ArgAtomic): boolean;
  trans_amoand_d(a: ArgAtomic): boolean;
  trans_amoor_d(a: ArgAtomic): boolean;
  trans_amomin_d(a: ArgAtomic): boolean;
  trans_amomax_d(a: ArgAtomic): boolean;
  trans_amominu_d(a: ArgAtomic): boolean;
  trans_amomaxu_d(a: ArgAtomic): boolean;
  trans_flw(a: ArgI): boolean;
  trans_fsw(a: ArgS): boolean;
  trans_fmadd_s(a: ArgR4Rm): boolean;
  trans_fmsub_s(a: ArgR4Rm): boolean;
  trans_fnmsub_s(a: ArgR4Rm): boolean;
  trans_fnmadd_s(a: ArgR4Rm): boolean;
  trans_fadd_s(a: ArgRRm): boolean;
  trans_fsub_s(a: ArgRRm): boolean;
  trans_fmul_s(a: ArgRRm): boolean;
  trans_fdiv_s(a: ArgRRm): boolean;
  trans_fsqrt_s(a: ArgR2Rm): boolean;
  trans_fsgnj_s(a: ArgR): boolean;
  trans_fsgnjn_s(a: ArgR): boolean;
  trans_fsgnjx_s(a: ArgR): boolean;
  trans_fmin_s(a: ArgR): boolean;
  trans_fmax_s(a: ArgR): boolean;
  trans_fcvt_w_s(a: ArgR2Rm): boolean;
  trans_fcvt_wu_s(a: ArgR2Rm): boolean;
  trans_fcvt_l_s(a: ArgR2Rm): boolean;
  trans_fcvt_lu_s(a: ArgR2Rm): boolean;
  trans_fmv_x_w(a: ArgR2): boolean;
  trans_fclass_s(a: ArgR2): boolean;
  trans_feq_s(a: ArgR): boolean;
  trans_flt_s(a: ArgR): boolean;
  trans_fle_s(a: ArgR): boolean;
  trans_fcvt_s_w(a: ArgR2Rm): boolean;
  trans_fcvt_s_wu(a: ArgR2Rm): boolean;
  trans_fcvt_s_l(a: ArgR2Rm): boolean;
  trans_fcvt_s_lu(a: ArgR2Rm): boolean;
  trans_fmv_w_x(a: ArgR2): boolean;
  trans_fld(a: ArgI): boolean;
  trans_fsd(a: ArgS): boolean;
  trans_fmadd_d(a: ArgR4Rm): boolean;
  trans_fmsub_d(a: ArgR4Rm): boolean;
  trans_fnmsub_d(a: ArgR4Rm): boolean;
  trans_fnmadd_d(a: ArgR4Rm): boolean;
  trans_fadd_d(a: ArgRRm): boolean;
  trans_fsub_d(a: ArgRRm): boolean;
  trans_fmul_d(a: ArgRRm): boolean;
  trans_fdiv_d(a: ArgRRm): boolean;
  trans_fsqrt_d(a: ArgR2Rm): boolean;
  trans_fsgnj_d(a: ArgR): boolean;
  trans_fsgnjn_d(a: ArgR): boolean;
  trans_fsgnjx_d(a: ArgR): boolean;
  trans_fmin_d(a: ArgR): boolean;
  trans_fmax_d(a: ArgR): boolean;
  trans_fcvt_s_d(a: ArgR2Rm): boolean;
  trans_fcvt_d_s(a: ArgR2Rm): boolean;
  trans_feq_d(a: ArgR): boolean;
  trans_flt_d(a: ArgR): boolean;
  trans_fle_d(a: ArgR): boolean;
  trans_fclass_d(a: ArgR2): boolean;
  trans_fcvt_w_d(a: ArgR2Rm): boolean;
  trans_fcvt_wu_d(a: ArgR2Rm): boolean;
  trans_fcvt_l_d(a: ArgR2Rm): boolean;
  trans_fcvt_lu_d(a: ArgR2Rm): boolean;
  trans_fcvt_d_w(a: ArgR2Rm): boolean;
  trans_fcvt_d_wu(a: ArgR2Rm): boolean;
  trans_fcvt_d_l(a: ArgR2Rm): boolean;
  trans_fcvt_d_lu(a: ArgR2Rm): boolean;
  trans_fmv_x_d(a: ArgR2): boolean;
  trans_fmv_d_x(a: ArgR2): boolean;
  trans_sh1add(a: ArgR): boolean;
  trans_sh2add(a: ArgR): boolean;
  trans_sh3add(a: ArgR): boolean;
  trans_add_uw(a: ArgR): boolean;
  trans_sh1add_uw(a: ArgR): boolean;
  trans_sh2add_uw(a: ArgR): boolean;
  trans_sh3add_uw(a: ArgR): boolean;
  trans_slli_uw(a: ArgShift): boolean;
  trans_andn(a: ArgR): boolean;
  trans_orn(a: ArgR): boolean;
  trans_xnor(a: ArgR): boolean;
  trans_clz(a: ArgR2): boolean;
  trans_ctz(a: ArgR2): boolean;
  trans_cpop(a: ArgR2): boolean;
  trans_sext_b(a: ArgR2): boolean;
  trans_sext_h(a: ArgR2): boolean;
  trans_clzw(a: ArgR2): boolean;
  trans_ctzw(a: ArgR2): boolean;
  trans_cpopw(a: ArgR2): boolean;
  trans_max(a: ArgR): boolean;
  trans_maxu(a: ArgR): boolean;
  trans_min(a: ArgR): boolean;
  trans_minu(a: ArgR): boolean;
  trans_orc_b(a: ArgR2): boolean;
  trans_rev8(a: ArgR2): boolean;
  trans_rol(a: ArgR): boolean;
  trans_ror(a: ArgR): boolean;
  trans_rori(a: ArgShift): boolean;
  trans_rolw(a: ArgR): boolean;
  trans_rorw(a: ArgR): boolean;
  trans_roriw(a: ArgShift): boolean;
  trans_zext_h(a: ArgR2): boolean;
  trans_bclr(a: ArgR): boolean;
  trans_bclri(a: ArgShift): boolean;
  trans_bext(a: ArgR): boolean;
  trans_bexti(a: ArgShift): boolean;
  trans_binv(a: ArgR): boolean;
  trans_binvi(a: ArgShift): boolean;
  trans_bset(a: ArgR): boolean;
  trans_bseti(a: ArgShift): boolean;
  trans_czero_eqz(a: ArgR): boolean;
  trans_czero_nez(a: ArgR): boolean;
}

function extract32_i(insn: number): ArgI {
  return { imm: insn >> 20, rs1: (insn >>> 15) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract32_fence(insn: number): ArgFence {
  return { pred: (insn >>> 24) & 0xf, succ: (insn >>> 20) & 0xf };
}

function extract32_fence_i(_insn: number): ArgEmpty {
  return {};
}

function extract32_sh6(insn: number): ArgShift {
  return { shamt: (insn >>> 20) & 0x3f, rs1: (insn >>> 15) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract32_r2(insn: number): ArgR2 {
  return { rd: (insn >>> 7) & 0x1f, rs1: (insn >>> 15) & 0x1f };
}

function extract32_u(insn: number): ArgU {
  return { imm: ex_shift_12(insn >> 12), rd: (insn >>> 7) & 0x1f };
}

function extract32_sh5(insn: number): ArgShift {
  return { shamt: (insn >>> 20) & 0x1f, rs1: (insn >>> 15) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract32_s(insn: number): ArgS {
  return { imm: ((insn >> 25) << 5) | ((insn >>> 7) & 0x1f), rs1: (insn >>> 15) & 0x1f, rs2: (insn >>> 20) & 0x1f };
}

function extract32_atom_st(insn: number): ArgAtomic {
  return {
    aq: (insn >>> 26) & 0x1,
    rl: (insn >>> 25) & 0x1,
    rs2: (insn >>> 20) & 0x1f,
    rs1: (insn >>> 15) & 0x1f,
    rd: (insn >>> 7) & 0x1f,
  };
}

function extract32_atom_ld(insn: number): ArgAtomic {
  return { aq: (insn >>> 26) & 0x1, rl: (insn >>> 25) & 0x1, rs2: 0, rs1: (insn >>> 15) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract32_r(insn: number): ArgR {
  return { rd: (insn >>> 7) & 0x1f, rs1: (insn >>> 15) & 0x1f, rs2: (insn >>> 20) & 0x1f };
}

function extract32_r4_rm(insn: number): ArgR4Rm {
  return { rd: (insn >>> 7) & 0x1f, rs1: (insn >>> 15) & 0x1f, rs2: (insn >>> 20) & 0x1f, rs3: insn >>> 27, rm: (insn >>> 12) & 0x7 };
}

function extract32_r_rm(insn: number): ArgRRm {
  return { rd: (insn >>> 7) & 0x1f, rs1: (insn >>> 15) & 0x1f, rs2: (insn >>> 20) & 0x1f, rm: (insn >>> 12) & 0x7 };
}

function extract32_r2_rm(insn: number): ArgR2Rm {
  return { rd: (insn >>> 7) & 0x1f, rs1: (insn >>> 15) & 0x1f, rm: (insn >>> 12) & 0x7 };
}

function extract32_b(insn: number): ArgB {
  return {
    imm: ex_shift_1(((insn >> 31) << 11) | (((insn >>> 7) & 0x1) << 10) | (((insn >>> 25) & 0x3f) << 4) | ((insn >>> 8) & 0xf)),
    rs2: (insn >>> 20) & 0x1f,
    rs1: (insn >>> 15) & 0x1f,
  };
}

function extract32_j(insn: number): ArgJ {
  return {
    imm: ex_shift_1(((insn >> 31) << 19) | (((insn >>> 12) & 0xff) << 11) | (((insn >>> 20) & 0x1) << 10) | ((insn >>> 21) & 0x3ff)),
    rd: (insn >>> 7) & 0x1f,
  };
}

function extract32_sfence_vma(insn: number): ArgSfenceVma {
  return { rs1: (insn >>> 15) & 0x1f, rs2: (insn >>> 20) & 0x1f };
}

function extract32_csr(insn: number): ArgCsr {
  return { csr: insn >>> 20, rs1: (insn >>> 15) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract16_c_addi4spn(insn: number): ArgI {
  return {
    imm: ex_shift_2((((insn >>> 7) & 0xf) << 4) | (((insn >>> 11) & 0x3) << 2) | (((insn >>> 5) & 0x1) << 1) | ((insn >>> 6) & 0x1)),
    rs1: 2,
    rd: ex_rvc_register((insn >>> 2) & 0x7),
  };
}

function extract16_c_addi(insn: number): ArgI {
  return { imm: (((insn << 19) >> 31) << 5) | ((insn >>> 2) & 0x1f), rs1: (insn >>> 7) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract16_c_slli(insn: number): ArgShift {
  return { shamt: (((insn >>> 12) & 0x1) << 5) | ((insn >>> 2) & 0x1f), rs1: (insn >>> 7) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract16_cl_d(insn: number): ArgI {
  return {
    imm: ex_shift_3((((insn >>> 5) & 0x3) << 3) | ((insn >>> 10) & 0x7)),
    rs1: ex_rvc_register((insn >>> 7) & 0x7),
    rd: ex_rvc_register((insn >>> 2) & 0x7),
  };
}

function extract16_c_ldsp(insn: number): ArgI {
  return {
    imm: ex_shift_3((((insn >>> 2) & 0x7) << 3) | (((insn >>> 12) & 0x1) << 2) | ((insn >>> 5) & 0x3)),
    rs1: 2,
    rd: (insn >>> 7) & 0x1f,
  };
}

function extract16_cl_w(insn: number): ArgI {
  return {
    imm: ex_shift_2((((insn >>> 5) & 0x1) << 4) | (((insn >>> 10) & 0x7) << 1) | ((insn >>> 6) & 0x1)),
    rs1: ex_rvc_register((insn >>> 7) & 0x7),
    rd: ex_rvc_register((insn >>> 2) & 0x7),
  };
}

function extract16_c_li(insn: number): ArgI {
  return { imm: (((insn << 19) >> 31) << 5) | ((insn >>> 2) & 0x1f), rs1: 0, rd: (insn >>> 7) & 0x1f };
}

function extract16_c_lwsp(insn: number): ArgI {
  return {
    imm: ex_shift_2((((insn >>> 2) & 0x3) << 4) | (((insn >>> 12) & 0x1) << 3) | ((insn >>> 4) & 0x7)),
    rs1: 2,
    rd: (insn >>> 7) & 0x1f,
  };
}

function extract16_c_addi16sp(insn: number): ArgI {
  return {
    imm: ex_shift_4(
      (((insn << 19) >> 31) << 5) |
        (((insn >>> 3) & 0x3) << 3) |
        (((insn >>> 5) & 0x1) << 2) |
        (((insn >>> 2) & 0x1) << 1) |
        ((insn >>> 6) & 0x1),
    ),
    rs1: 2,
    rd: 2,
  };
}

function extract16_c_lui(insn: number): ArgU {
  return { imm: ex_shift_12((((insn << 19) >> 31) << 5) | ((insn >>> 2) & 0x1f)), rd: (insn >>> 7) & 0x1f };
}

function extract16_c_shift(insn: number): ArgShift {
  return {
    shamt: (((insn >>> 12) & 0x1) << 5) | ((insn >>> 2) & 0x1f),
    rs1: ex_rvc_register((insn >>> 7) & 0x7),
    rd: ex_rvc_register((insn >>> 7) & 0x7),
  };
}

function extract16_c_andi(insn: number): ArgI {
  return {
    imm: (((insn << 19) >> 31) << 5) | ((insn >>> 2) & 0x1f),
    rs1: ex_rvc_register((insn >>> 7) & 0x7),
    rd: ex_rvc_register((insn >>> 7) & 0x7),
  };
}

function extract16_c_alu(insn: number): ArgR {
  return { rd: ex_rvc_register((insn >>> 7) & 0x7), rs1: ex_rvc_register((insn >>> 7) & 0x7), rs2: ex_rvc_register((insn >>> 2) & 0x7) };
}

function extract16_c_jalr(insn: number): ArgI {
  return { imm: 0, rs1: (insn >>> 7) & 0x1f, rd: 0 };
}

function extract16_c_mv(insn: number): ArgI {
  return { imm: 0, rs1: (insn >>> 2) & 0x1f, rd: (insn >>> 7) & 0x1f };
}

function extract16_c_jalr_2(insn: number): ArgI {
  return { imm: 0, rs1: (insn >>> 7) & 0x1f, rd: 1 };
}

function extract16_c_add(insn: number): ArgR {
  return { rd: (insn >>> 7) & 0x1f, rs1: (insn >>> 7) & 0x1f, rs2: (insn >>> 2) & 0x1f };
}

function extract16_cs_d(insn: number): ArgS {
  return {
    imm: ex_shift_3((((insn >>> 5) & 0x3) << 3) | ((insn >>> 10) & 0x7)),
    rs1: ex_rvc_register((insn >>> 7) & 0x7),
    rs2: ex_rvc_register((insn >>> 2) & 0x7),
  };
}

function extract16_c_j(insn: number): ArgJ {
  return {
    imm: ex_shift_1(
      (((insn << 19) >> 31) << 10) |
        (((insn >>> 8) & 0x1) << 9) |
        (((insn >>> 9) & 0x3) << 7) |
        (((insn >>> 6) & 0x1) << 6) |
        (((insn >>> 7) & 0x1) << 5) |
        (((insn >>> 2) & 0x1) << 4) |
        (((insn >>> 11) & 0x1) << 3) |
        ((insn >>> 3) & 0x7),
    ),
    rd: 0,
  };
}

function extract16_c_sdsp(insn: number): ArgS {
  return { imm: ex_shift_3((((insn >>> 7) & 0x7) << 3) | ((insn >>> 10) & 0x7)), rs1: 2, rs2: (insn >>> 2) & 0x1f };
}

function extract16_cs_w(insn: number): ArgS {
  return {
    imm: ex_shift_2((((insn >>> 5) & 0x1) << 4) | (((insn >>> 10) & 0x7) << 1) | ((insn >>> 6) & 0x1)),
    rs1: ex_rvc_register((insn >>> 7) & 0x7),
    rs2: ex_rvc_register((insn >>> 2) & 0x7),
  };
}

function extract16_c_bz(insn: number): ArgB {
  return {
    imm: ex_shift_1(
      (((insn << 19) >> 31) << 7) |
        (((insn >>> 5) & 0x3) << 5) |
        (((insn >>> 2) & 0x1) << 4) |
        (((insn >>> 10) & 0x3) << 2) |
        ((insn >>> 3) & 0x3),
    ),
    rs2: 0,
    rs1: ex_rvc_register((insn >>> 7) & 0x7),
  };
}

function extract16_c_swsp(insn: number): ArgS {
  return { imm: ex_shift_2((((insn >>> 7) & 0x3) << 4) | ((insn >>> 9) & 0xf)), rs1: 2, rs2: (insn >>> 2) & 0x1f };
}

/** Decodes one 32-bit instruction (insn32.decode); false if no pattern matched or every matching handler declined. */
export function decodeInsn32(h: RiscvDecodeHandler, insn: number): boolean {
  // Accept the word as int32 or uint32; bit operations below work on int32.
  insn |= 0;
  switch (insn & 0x7f) {
    case 0x3:
      switch ((insn >>> 12) & 0x7) {
        case 0x0:
          // insn32.decode:90: lb ............ ..... 000 ..... 0000011 @i
          if (h.trans_lb(extract32_i(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:91: lh ............ ..... 001 ..... 0000011 @i
          if (h.trans_lh(extract32_i(insn))) return true;
          break;
        case 0x2:
          // insn32.decode:92: lw ............ ..... 010 ..... 0000011 @i
          if (h.trans_lw(extract32_i(insn))) return true;
          break;
        case 0x3:
          // insn32.decode:93: ld ............ ..... 011 ..... 0000011 @i
          if (h.trans_ld(extract32_i(insn))) return true;
          break;
        case 0x4:
          // insn32.decode:94: lbu ............ ..... 100 ..... 0000011 @i
          if (h.trans_lbu(extract32_i(insn))) return true;
          break;
        case 0x5:
          // insn32.decode:95: lhu ............ ..... 101 ..... 0000011 @i
          if (h.trans_lhu(extract32_i(insn))) return true;
          break;
        case 0x6:
          // insn32.decode:96: lwu ............ ..... 110 ..... 0000011 @i
          if (h.trans_lwu(extract32_i(insn))) return true;
          break;
      }
      break;
    case 0x7:
      switch ((insn >>> 12) & 0x7) {
        case 0x2:
          // insn32.decode:210: flw ............ ..... 010 ..... 0000111 @i
          if (h.trans_flw(extract32_i(insn))) return true;
          break;
        case 0x3:
          // insn32.decode:244: fld ............ ..... 011 ..... 0000111 @i
          if (h.trans_fld(extract32_i(insn))) return true;
          break;
      }
      break;
    case 0xf:
      switch ((insn >>> 12) & 0x7) {
        case 0x0:
          // insn32.decode:135: fence ---- .... .... ----- 000 ----- 0001111 @fence
          if (h.trans_fence(extract32_fence(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:142: fence_i ---- ---- ---- ----- 001 ----- 0001111
          if (h.trans_fence_i(extract32_fence_i(insn))) return true;
          break;
      }
      break;
    case 0x13:
      switch ((insn >>> 12) & 0x7) {
        case 0x0:
          // insn32.decode:103: addi ............ ..... 000 ..... 0010011 @i
          if (h.trans_addi(extract32_i(insn))) return true;
          break;
        case 0x1:
          switch (insn >>> 26) {
            case 0x0:
              // insn32.decode:109: slli 000000 ...... ..... 001 ..... 0010011 @sh6
              if (h.trans_slli(extract32_sh6(insn))) return true;
              break;
            case 0xa:
              // insn32.decode:327: bseti 001010 ...... ..... 001 ..... 0010011 @sh6
              if (h.trans_bseti(extract32_sh6(insn))) return true;
              break;
            case 0x12:
              // insn32.decode:321: bclri 010010 ...... ..... 001 ..... 0010011 @sh6
              if (h.trans_bclri(extract32_sh6(insn))) return true;
              break;
            case 0x18:
              switch ((insn >>> 20) & 0x3f) {
                case 0x0:
                  // insn32.decode:295: clz 0110000 00000 ..... 001 ..... 0010011 @r2
                  if (h.trans_clz(extract32_r2(insn))) return true;
                  break;
                case 0x1:
                  // insn32.decode:296: ctz 0110000 00001 ..... 001 ..... 0010011 @r2
                  if (h.trans_ctz(extract32_r2(insn))) return true;
                  break;
                case 0x2:
                  // insn32.decode:297: cpop 0110000 00010 ..... 001 ..... 0010011 @r2
                  if (h.trans_cpop(extract32_r2(insn))) return true;
                  break;
                case 0x4:
                  // insn32.decode:298: sext_b 0110000 00100 ..... 001 ..... 0010011 @r2
                  if (h.trans_sext_b(extract32_r2(insn))) return true;
                  break;
                case 0x5:
                  // insn32.decode:299: sext_h 0110000 00101 ..... 001 ..... 0010011 @r2
                  if (h.trans_sext_h(extract32_r2(insn))) return true;
                  break;
              }
              break;
            case 0x1a:
              // insn32.decode:325: binvi 011010 ...... ..... 001 ..... 0010011 @sh6
              if (h.trans_binvi(extract32_sh6(insn))) return true;
              break;
          }
          break;
        case 0x2:
          // insn32.decode:104: slti ............ ..... 010 ..... 0010011 @i
          if (h.trans_slti(extract32_i(insn))) return true;
          break;
        case 0x3:
          // insn32.decode:105: sltiu ............ ..... 011 ..... 0010011 @i
          if (h.trans_sltiu(extract32_i(insn))) return true;
          break;
        case 0x4:
          // insn32.decode:106: xori ............ ..... 100 ..... 0010011 @i
          if (h.trans_xori(extract32_i(insn))) return true;
          break;
        case 0x5:
          switch (insn >>> 26) {
            case 0x0:
              // insn32.decode:110: srli 000000 ...... ..... 101 ..... 0010011 @sh6
              if (h.trans_srli(extract32_sh6(insn))) return true;
              break;
            case 0xa:
              if (((insn >>> 20) & 0x3f) === 0x7) {
                // insn32.decode:307: orc_b 001010 000111 ..... 101 ..... 0010011 @r2
                if (h.trans_orc_b(extract32_r2(insn))) return true;
              }
              break;
            case 0x10:
              // insn32.decode:111: srai 010000 ...... ..... 101 ..... 0010011 @sh6
              if (h.trans_srai(extract32_sh6(insn))) return true;
              break;
            case 0x12:
              // insn32.decode:323: bexti 010010 ...... ..... 101 ..... 0010011 @sh6
              if (h.trans_bexti(extract32_sh6(insn))) return true;
              break;
            case 0x18:
              // insn32.decode:311: rori 011000 ...... ..... 101 ..... 0010011 @sh6
              if (h.trans_rori(extract32_sh6(insn))) return true;
              break;
            case 0x1a:
              if (((insn >>> 20) & 0x3f) === 0x38) {
                // insn32.decode:308: rev8 011010 111000 ..... 101 ..... 0010011 @r2
                if (h.trans_rev8(extract32_r2(insn))) return true;
              }
              break;
          }
          break;
        case 0x6:
          // insn32.decode:107: ori ............ ..... 110 ..... 0010011 @i
          if (h.trans_ori(extract32_i(insn))) return true;
          break;
        case 0x7:
          // insn32.decode:108: andi ............ ..... 111 ..... 0010011 @i
          if (h.trans_andi(extract32_i(insn))) return true;
          break;
      }
      break;
    case 0x17:
      // insn32.decode:79: auipc .................... ..... 0010111 @u
      if (h.trans_auipc(extract32_u(insn))) return true;
      break;
    case 0x1b:
      switch ((insn >>> 12) & 0x7) {
        case 0x0:
          // insn32.decode:124: addiw ............ ..... 000 ..... 0011011 @i
          if (h.trans_addiw(extract32_i(insn))) return true;
          break;
        case 0x1:
          switch (insn >>> 26) {
            case 0x0:
              if (((insn >>> 25) & 0x1) === 0x0) {
                // insn32.decode:125: slliw 0000000 ..... ..... 001 ..... 0011011 @sh5
                if (h.trans_slliw(extract32_sh5(insn))) return true;
              }
              break;
            case 0x2:
              // insn32.decode:287: slli_uw 000010 ...... ..... 001 ..... 0011011 @sh6
              if (h.trans_slli_uw(extract32_sh6(insn))) return true;
              break;
            case 0x18:
              switch ((insn >>> 20) & 0x3f) {
                case 0x0:
                  // insn32.decode:300: clzw 0110000 00000 ..... 001 ..... 0011011 @r2
                  if (h.trans_clzw(extract32_r2(insn))) return true;
                  break;
                case 0x1:
                  // insn32.decode:301: ctzw 0110000 00001 ..... 001 ..... 0011011 @r2
                  if (h.trans_ctzw(extract32_r2(insn))) return true;
                  break;
                case 0x2:
                  // insn32.decode:302: cpopw 0110000 00010 ..... 001 ..... 0011011 @r2
                  if (h.trans_cpopw(extract32_r2(insn))) return true;
                  break;
              }
              break;
          }
          break;
        case 0x5:
          switch (insn >>> 25) {
            case 0x0:
              // insn32.decode:126: srliw 0000000 ..... ..... 101 ..... 0011011 @sh5
              if (h.trans_srliw(extract32_sh5(insn))) return true;
              break;
            case 0x20:
              // insn32.decode:127: sraiw 0100000 ..... ..... 101 ..... 0011011 @sh5
              if (h.trans_sraiw(extract32_sh5(insn))) return true;
              break;
            case 0x30:
              // insn32.decode:314: roriw 0110000 ..... ..... 101 ..... 0011011 @sh5
              if (h.trans_roriw(extract32_sh5(insn))) return true;
              break;
          }
          break;
      }
      break;
    case 0x23:
      switch ((insn >>> 12) & 0x7) {
        case 0x0:
          // insn32.decode:98: sb ....... ..... ..... 000 ..... 0100011 @s
          if (h.trans_sb(extract32_s(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:99: sh ....... ..... ..... 001 ..... 0100011 @s
          if (h.trans_sh(extract32_s(insn))) return true;
          break;
        case 0x2:
          // insn32.decode:100: sw ....... ..... ..... 010 ..... 0100011 @s
          if (h.trans_sw(extract32_s(insn))) return true;
          break;
        case 0x3:
          // insn32.decode:101: sd ....... ..... ..... 011 ..... 0100011 @s
          if (h.trans_sd(extract32_s(insn))) return true;
          break;
      }
      break;
    case 0x27:
      switch ((insn >>> 12) & 0x7) {
        case 0x2:
          // insn32.decode:211: fsw ....... ..... ..... 010 ..... 0100111 @s
          if (h.trans_fsw(extract32_s(insn))) return true;
          break;
        case 0x3:
          // insn32.decode:245: fsd ....... ..... ..... 011 ..... 0100111 @s
          if (h.trans_fsd(extract32_s(insn))) return true;
          break;
      }
      break;
    case 0x2f:
      switch ((insn & 0xf8007000) >>> 0) {
        case 0x2000:
          // insn32.decode:185: amoadd_w 00000 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amoadd_w(extract32_atom_st(insn))) return true;
          break;
        case 0x3000:
          // insn32.decode:197: amoadd_d 00000 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amoadd_d(extract32_atom_st(insn))) return true;
          break;
        case 0x8002000:
          // insn32.decode:184: amoswap_w 00001 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amoswap_w(extract32_atom_st(insn))) return true;
          break;
        case 0x8003000:
          // insn32.decode:196: amoswap_d 00001 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amoswap_d(extract32_atom_st(insn))) return true;
          break;
        case 0x10002000:
          if (((insn >>> 20) & 0x1f) === 0x0) {
            // insn32.decode:182: lr_w 00010 . . 00000 ..... 010 ..... 0101111 @atom_ld
            if (h.trans_lr_w(extract32_atom_ld(insn))) return true;
          }
          break;
        case 0x10003000:
          if (((insn >>> 20) & 0x1f) === 0x0) {
            // insn32.decode:194: lr_d 00010 . . 00000 ..... 011 ..... 0101111 @atom_ld
            if (h.trans_lr_d(extract32_atom_ld(insn))) return true;
          }
          break;
        case 0x18002000:
          // insn32.decode:183: sc_w 00011 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_sc_w(extract32_atom_st(insn))) return true;
          break;
        case 0x18003000:
          // insn32.decode:195: sc_d 00011 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_sc_d(extract32_atom_st(insn))) return true;
          break;
        case 0x20002000:
          // insn32.decode:186: amoxor_w 00100 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amoxor_w(extract32_atom_st(insn))) return true;
          break;
        case 0x20003000:
          // insn32.decode:198: amoxor_d 00100 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amoxor_d(extract32_atom_st(insn))) return true;
          break;
        case 0x40002000:
          // insn32.decode:188: amoor_w 01000 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amoor_w(extract32_atom_st(insn))) return true;
          break;
        case 0x40003000:
          // insn32.decode:200: amoor_d 01000 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amoor_d(extract32_atom_st(insn))) return true;
          break;
        case 0x60002000:
          // insn32.decode:187: amoand_w 01100 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amoand_w(extract32_atom_st(insn))) return true;
          break;
        case 0x60003000:
          // insn32.decode:199: amoand_d 01100 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amoand_d(extract32_atom_st(insn))) return true;
          break;
        case 0x80002000:
          // insn32.decode:189: amomin_w 10000 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amomin_w(extract32_atom_st(insn))) return true;
          break;
        case 0x80003000:
          // insn32.decode:201: amomin_d 10000 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amomin_d(extract32_atom_st(insn))) return true;
          break;
        case 0xa0002000:
          // insn32.decode:190: amomax_w 10100 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amomax_w(extract32_atom_st(insn))) return true;
          break;
        case 0xa0003000:
          // insn32.decode:202: amomax_d 10100 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amomax_d(extract32_atom_st(insn))) return true;
          break;
        case 0xc0002000:
          // insn32.decode:191: amominu_w 11000 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amominu_w(extract32_atom_st(insn))) return true;
          break;
        case 0xc0003000:
          // insn32.decode:203: amominu_d 11000 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amominu_d(extract32_atom_st(insn))) return true;
          break;
        case 0xe0002000:
          // insn32.decode:192: amomaxu_w 11100 . . ..... ..... 010 ..... 0101111 @atom_st
          if (h.trans_amomaxu_w(extract32_atom_st(insn))) return true;
          break;
        case 0xe0003000:
          // insn32.decode:204: amomaxu_d 11100 . . ..... ..... 011 ..... 0101111 @atom_st
          if (h.trans_amomaxu_d(extract32_atom_st(insn))) return true;
          break;
      }
      break;
    case 0x33:
      switch ((insn & 0xfe007000) >>> 0) {
        case 0x0:
          // insn32.decode:113: add 0000000 ..... ..... 000 ..... 0110011 @r
          if (h.trans_add(extract32_r(insn))) return true;
          break;
        case 0x1000:
          // insn32.decode:115: sll 0000000 ..... ..... 001 ..... 0110011 @r
          if (h.trans_sll(extract32_r(insn))) return true;
          break;
        case 0x2000:
          // insn32.decode:116: slt 0000000 ..... ..... 010 ..... 0110011 @r
          if (h.trans_slt(extract32_r(insn))) return true;
          break;
        case 0x3000:
          // insn32.decode:117: sltu 0000000 ..... ..... 011 ..... 0110011 @r
          if (h.trans_sltu(extract32_r(insn))) return true;
          break;
        case 0x4000:
          // insn32.decode:118: xor 0000000 ..... ..... 100 ..... 0110011 @r
          if (h.trans_xor(extract32_r(insn))) return true;
          break;
        case 0x5000:
          // insn32.decode:119: srl 0000000 ..... ..... 101 ..... 0110011 @r
          if (h.trans_srl(extract32_r(insn))) return true;
          break;
        case 0x6000:
          // insn32.decode:121: or 0000000 ..... ..... 110 ..... 0110011 @r
          if (h.trans_or(extract32_r(insn))) return true;
          break;
        case 0x7000:
          // insn32.decode:122: and 0000000 ..... ..... 111 ..... 0110011 @r
          if (h.trans_and(extract32_r(insn))) return true;
          break;
        case 0x2000000:
          // insn32.decode:165: mul 0000001 ..... ..... 000 ..... 0110011 @r
          if (h.trans_mul(extract32_r(insn))) return true;
          break;
        case 0x2001000:
          // insn32.decode:166: mulh 0000001 ..... ..... 001 ..... 0110011 @r
          if (h.trans_mulh(extract32_r(insn))) return true;
          break;
        case 0x2002000:
          // insn32.decode:167: mulhsu 0000001 ..... ..... 010 ..... 0110011 @r
          if (h.trans_mulhsu(extract32_r(insn))) return true;
          break;
        case 0x2003000:
          // insn32.decode:168: mulhu 0000001 ..... ..... 011 ..... 0110011 @r
          if (h.trans_mulhu(extract32_r(insn))) return true;
          break;
        case 0x2004000:
          // insn32.decode:169: div 0000001 ..... ..... 100 ..... 0110011 @r
          if (h.trans_div(extract32_r(insn))) return true;
          break;
        case 0x2005000:
          // insn32.decode:170: divu 0000001 ..... ..... 101 ..... 0110011 @r
          if (h.trans_divu(extract32_r(insn))) return true;
          break;
        case 0x2006000:
          // insn32.decode:171: rem 0000001 ..... ..... 110 ..... 0110011 @r
          if (h.trans_rem(extract32_r(insn))) return true;
          break;
        case 0x2007000:
          // insn32.decode:172: remu 0000001 ..... ..... 111 ..... 0110011 @r
          if (h.trans_remu(extract32_r(insn))) return true;
          break;
        case 0xa004000:
          // insn32.decode:305: min 0000101 ..... ..... 100 ..... 0110011 @r
          if (h.trans_min(extract32_r(insn))) return true;
          break;
        case 0xa005000:
          // insn32.decode:306: minu 0000101 ..... ..... 101 ..... 0110011 @r
          if (h.trans_minu(extract32_r(insn))) return true;
          break;
        case 0xa006000:
          // insn32.decode:303: max 0000101 ..... ..... 110 ..... 0110011 @r
          if (h.trans_max(extract32_r(insn))) return true;
          break;
        case 0xa007000:
          // insn32.decode:304: maxu 0000101 ..... ..... 111 ..... 0110011 @r
          if (h.trans_maxu(extract32_r(insn))) return true;
          break;
        case 0xe005000:
          // insn32.decode:332: czero_eqz 0000111 ..... ..... 101 ..... 0110011 @r
          if (h.trans_czero_eqz(extract32_r(insn))) return true;
          break;
        case 0xe007000:
          // insn32.decode:333: czero_nez 0000111 ..... ..... 111 ..... 0110011 @r
          if (h.trans_czero_nez(extract32_r(insn))) return true;
          break;
        case 0x20002000:
          // insn32.decode:280: sh1add 0010000 ..... ..... 010 ..... 0110011 @r
          if (h.trans_sh1add(extract32_r(insn))) return true;
          break;
        case 0x20004000:
          // insn32.decode:281: sh2add 0010000 ..... ..... 100 ..... 0110011 @r
          if (h.trans_sh2add(extract32_r(insn))) return true;
          break;
        case 0x20006000:
          // insn32.decode:282: sh3add 0010000 ..... ..... 110 ..... 0110011 @r
          if (h.trans_sh3add(extract32_r(insn))) return true;
          break;
        case 0x28001000:
          // insn32.decode:326: bset 0010100 ..... ..... 001 ..... 0110011 @r
          if (h.trans_bset(extract32_r(insn))) return true;
          break;
        case 0x40000000:
          // insn32.decode:114: sub 0100000 ..... ..... 000 ..... 0110011 @r
          if (h.trans_sub(extract32_r(insn))) return true;
          break;
        case 0x40004000:
          // insn32.decode:294: xnor 0100000 ..... ..... 100 ..... 0110011 @r
          if (h.trans_xnor(extract32_r(insn))) return true;
          break;
        case 0x40005000:
          // insn32.decode:120: sra 0100000 ..... ..... 101 ..... 0110011 @r
          if (h.trans_sra(extract32_r(insn))) return true;
          break;
        case 0x40006000:
          // insn32.decode:293: orn 0100000 ..... ..... 110 ..... 0110011 @r
          if (h.trans_orn(extract32_r(insn))) return true;
          break;
        case 0x40007000:
          // insn32.decode:292: andn 0100000 ..... ..... 111 ..... 0110011 @r
          if (h.trans_andn(extract32_r(insn))) return true;
          break;
        case 0x48001000:
          // insn32.decode:320: bclr 0100100 ..... ..... 001 ..... 0110011 @r
          if (h.trans_bclr(extract32_r(insn))) return true;
          break;
        case 0x48005000:
          // insn32.decode:322: bext 0100100 ..... ..... 101 ..... 0110011 @r
          if (h.trans_bext(extract32_r(insn))) return true;
          break;
        case 0x60001000:
          // insn32.decode:309: rol 0110000 ..... ..... 001 ..... 0110011 @r
          if (h.trans_rol(extract32_r(insn))) return true;
          break;
        case 0x60005000:
          // insn32.decode:310: ror 0110000 ..... ..... 101 ..... 0110011 @r
          if (h.trans_ror(extract32_r(insn))) return true;
          break;
        case 0x68001000:
          // insn32.decode:324: binv 0110100 ..... ..... 001 ..... 0110011 @r
          if (h.trans_binv(extract32_r(insn))) return true;
          break;
      }
      break;
    case 0x37:
      // insn32.decode:78: lui .................... ..... 0110111 @u
      if (h.trans_lui(extract32_u(insn))) return true;
      break;
    case 0x3b:
      switch ((insn & 0xfe007000) >>> 0) {
        case 0x0:
          // insn32.decode:128: addw 0000000 ..... ..... 000 ..... 0111011 @r
          if (h.trans_addw(extract32_r(insn))) return true;
          break;
        case 0x1000:
          // insn32.decode:130: sllw 0000000 ..... ..... 001 ..... 0111011 @r
          if (h.trans_sllw(extract32_r(insn))) return true;
          break;
        case 0x5000:
          // insn32.decode:131: srlw 0000000 ..... ..... 101 ..... 0111011 @r
          if (h.trans_srlw(extract32_r(insn))) return true;
          break;
        case 0x2000000:
          // insn32.decode:173: mulw 0000001 ..... ..... 000 ..... 0111011 @r
          if (h.trans_mulw(extract32_r(insn))) return true;
          break;
        case 0x2004000:
          // insn32.decode:174: divw 0000001 ..... ..... 100 ..... 0111011 @r
          if (h.trans_divw(extract32_r(insn))) return true;
          break;
        case 0x2005000:
          // insn32.decode:175: divuw 0000001 ..... ..... 101 ..... 0111011 @r
          if (h.trans_divuw(extract32_r(insn))) return true;
          break;
        case 0x2006000:
          // insn32.decode:176: remw 0000001 ..... ..... 110 ..... 0111011 @r
          if (h.trans_remw(extract32_r(insn))) return true;
          break;
        case 0x2007000:
          // insn32.decode:177: remuw 0000001 ..... ..... 111 ..... 0111011 @r
          if (h.trans_remuw(extract32_r(insn))) return true;
          break;
        case 0x8000000:
          // insn32.decode:283: add_uw 0000100 ..... ..... 000 ..... 0111011 @r
          if (h.trans_add_uw(extract32_r(insn))) return true;
          break;
        case 0x8004000:
          if (((insn >>> 20) & 0x1f) === 0x0) {
            // insn32.decode:315: zext_h 0000100 00000 ..... 100 ..... 0111011 @r2
            if (h.trans_zext_h(extract32_r2(insn))) return true;
          }
          break;
        case 0x20002000:
          // insn32.decode:284: sh1add_uw 0010000 ..... ..... 010 ..... 0111011 @r
          if (h.trans_sh1add_uw(extract32_r(insn))) return true;
          break;
        case 0x20004000:
          // insn32.decode:285: sh2add_uw 0010000 ..... ..... 100 ..... 0111011 @r
          if (h.trans_sh2add_uw(extract32_r(insn))) return true;
          break;
        case 0x20006000:
          // insn32.decode:286: sh3add_uw 0010000 ..... ..... 110 ..... 0111011 @r
          if (h.trans_sh3add_uw(extract32_r(insn))) return true;
          break;
        case 0x40000000:
          // insn32.decode:129: subw 0100000 ..... ..... 000 ..... 0111011 @r
          if (h.trans_subw(extract32_r(insn))) return true;
          break;
        case 0x40005000:
          // insn32.decode:132: sraw 0100000 ..... ..... 101 ..... 0111011 @r
          if (h.trans_sraw(extract32_r(insn))) return true;
          break;
        case 0x60001000:
          // insn32.decode:312: rolw 0110000 ..... ..... 001 ..... 0111011 @r
          if (h.trans_rolw(extract32_r(insn))) return true;
          break;
        case 0x60005000:
          // insn32.decode:313: rorw 0110000 ..... ..... 101 ..... 0111011 @r
          if (h.trans_rorw(extract32_r(insn))) return true;
          break;
      }
      break;
    case 0x43:
      switch ((insn >>> 25) & 0x3) {
        case 0x0:
          // insn32.decode:212: fmadd_s ..... 00 ..... ..... ... ..... 1000011 @r4_rm
          if (h.trans_fmadd_s(extract32_r4_rm(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:246: fmadd_d ..... 01 ..... ..... ... ..... 1000011 @r4_rm
          if (h.trans_fmadd_d(extract32_r4_rm(insn))) return true;
          break;
      }
      break;
    case 0x47:
      switch ((insn >>> 25) & 0x3) {
        case 0x0:
          // insn32.decode:213: fmsub_s ..... 00 ..... ..... ... ..... 1000111 @r4_rm
          if (h.trans_fmsub_s(extract32_r4_rm(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:247: fmsub_d ..... 01 ..... ..... ... ..... 1000111 @r4_rm
          if (h.trans_fmsub_d(extract32_r4_rm(insn))) return true;
          break;
      }
      break;
    case 0x4b:
      switch ((insn >>> 25) & 0x3) {
        case 0x0:
          // insn32.decode:214: fnmsub_s ..... 00 ..... ..... ... ..... 1001011 @r4_rm
          if (h.trans_fnmsub_s(extract32_r4_rm(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:248: fnmsub_d ..... 01 ..... ..... ... ..... 1001011 @r4_rm
          if (h.trans_fnmsub_d(extract32_r4_rm(insn))) return true;
          break;
      }
      break;
    case 0x4f:
      switch ((insn >>> 25) & 0x3) {
        case 0x0:
          // insn32.decode:215: fnmadd_s ..... 00 ..... ..... ... ..... 1001111 @r4_rm
          if (h.trans_fnmadd_s(extract32_r4_rm(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:249: fnmadd_d ..... 01 ..... ..... ... ..... 1001111 @r4_rm
          if (h.trans_fnmadd_d(extract32_r4_rm(insn))) return true;
          break;
      }
      break;
    case 0x53:
      switch (insn >>> 25) {
        case 0x0:
          // insn32.decode:216: fadd_s 0000000 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fadd_s(extract32_r_rm(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:250: fadd_d 0000001 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fadd_d(extract32_r_rm(insn))) return true;
          break;
        case 0x4:
          // insn32.decode:217: fsub_s 0000100 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fsub_s(extract32_r_rm(insn))) return true;
          break;
        case 0x5:
          // insn32.decode:251: fsub_d 0000101 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fsub_d(extract32_r_rm(insn))) return true;
          break;
        case 0x8:
          // insn32.decode:218: fmul_s 0001000 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fmul_s(extract32_r_rm(insn))) return true;
          break;
        case 0x9:
          // insn32.decode:252: fmul_d 0001001 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fmul_d(extract32_r_rm(insn))) return true;
          break;
        case 0xc:
          // insn32.decode:219: fdiv_s 0001100 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fdiv_s(extract32_r_rm(insn))) return true;
          break;
        case 0xd:
          // insn32.decode:253: fdiv_d 0001101 ..... ..... ... ..... 1010011 @r_rm
          if (h.trans_fdiv_d(extract32_r_rm(insn))) return true;
          break;
        case 0x10:
          switch ((insn >>> 12) & 0x7) {
            case 0x0:
              // insn32.decode:221: fsgnj_s 0010000 ..... ..... 000 ..... 1010011 @r
              if (h.trans_fsgnj_s(extract32_r(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:222: fsgnjn_s 0010000 ..... ..... 001 ..... 1010011 @r
              if (h.trans_fsgnjn_s(extract32_r(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:223: fsgnjx_s 0010000 ..... ..... 010 ..... 1010011 @r
              if (h.trans_fsgnjx_s(extract32_r(insn))) return true;
              break;
          }
          break;
        case 0x11:
          switch ((insn >>> 12) & 0x7) {
            case 0x0:
              // insn32.decode:255: fsgnj_d 0010001 ..... ..... 000 ..... 1010011 @r
              if (h.trans_fsgnj_d(extract32_r(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:256: fsgnjn_d 0010001 ..... ..... 001 ..... 1010011 @r
              if (h.trans_fsgnjn_d(extract32_r(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:257: fsgnjx_d 0010001 ..... ..... 010 ..... 1010011 @r
              if (h.trans_fsgnjx_d(extract32_r(insn))) return true;
              break;
          }
          break;
        case 0x14:
          switch ((insn >>> 12) & 0x7) {
            case 0x0:
              // insn32.decode:224: fmin_s 0010100 ..... ..... 000 ..... 1010011 @r
              if (h.trans_fmin_s(extract32_r(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:225: fmax_s 0010100 ..... ..... 001 ..... 1010011 @r
              if (h.trans_fmax_s(extract32_r(insn))) return true;
              break;
          }
          break;
        case 0x15:
          switch ((insn >>> 12) & 0x7) {
            case 0x0:
              // insn32.decode:258: fmin_d 0010101 ..... ..... 000 ..... 1010011 @r
              if (h.trans_fmin_d(extract32_r(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:259: fmax_d 0010101 ..... ..... 001 ..... 1010011 @r
              if (h.trans_fmax_d(extract32_r(insn))) return true;
              break;
          }
          break;
        case 0x20:
          if (((insn >>> 20) & 0x1f) === 0x1) {
            // insn32.decode:260: fcvt_s_d 0100000 00001 ..... ... ..... 1010011 @r2_rm
            if (h.trans_fcvt_s_d(extract32_r2_rm(insn))) return true;
          }
          break;
        case 0x21:
          if (((insn >>> 20) & 0x1f) === 0x0) {
            // insn32.decode:261: fcvt_d_s 0100001 00000 ..... ... ..... 1010011 @r2_rm
            if (h.trans_fcvt_d_s(extract32_r2_rm(insn))) return true;
          }
          break;
        case 0x2c:
          if (((insn >>> 20) & 0x1f) === 0x0) {
            // insn32.decode:220: fsqrt_s 0101100 00000 ..... ... ..... 1010011 @r2_rm
            if (h.trans_fsqrt_s(extract32_r2_rm(insn))) return true;
          }
          break;
        case 0x2d:
          if (((insn >>> 20) & 0x1f) === 0x0) {
            // insn32.decode:254: fsqrt_d 0101101 00000 ..... ... ..... 1010011 @r2_rm
            if (h.trans_fsqrt_d(extract32_r2_rm(insn))) return true;
          }
          break;
        case 0x50:
          switch ((insn >>> 12) & 0x7) {
            case 0x0:
              // insn32.decode:234: fle_s 1010000 ..... ..... 000 ..... 1010011 @r
              if (h.trans_fle_s(extract32_r(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:233: flt_s 1010000 ..... ..... 001 ..... 1010011 @r
              if (h.trans_flt_s(extract32_r(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:232: feq_s 1010000 ..... ..... 010 ..... 1010011 @r
              if (h.trans_feq_s(extract32_r(insn))) return true;
              break;
          }
          break;
        case 0x51:
          switch ((insn >>> 12) & 0x7) {
            case 0x0:
              // insn32.decode:264: fle_d 1010001 ..... ..... 000 ..... 1010011 @r
              if (h.trans_fle_d(extract32_r(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:263: flt_d 1010001 ..... ..... 001 ..... 1010011 @r
              if (h.trans_flt_d(extract32_r(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:262: feq_d 1010001 ..... ..... 010 ..... 1010011 @r
              if (h.trans_feq_d(extract32_r(insn))) return true;
              break;
          }
          break;
        case 0x60:
          switch ((insn >>> 20) & 0x1f) {
            case 0x0:
              // insn32.decode:226: fcvt_w_s 1100000 00000 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_w_s(extract32_r2_rm(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:227: fcvt_wu_s 1100000 00001 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_wu_s(extract32_r2_rm(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:228: fcvt_l_s 1100000 00010 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_l_s(extract32_r2_rm(insn))) return true;
              break;
            case 0x3:
              // insn32.decode:229: fcvt_lu_s 1100000 00011 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_lu_s(extract32_r2_rm(insn))) return true;
              break;
          }
          break;
        case 0x61:
          switch ((insn >>> 20) & 0x1f) {
            case 0x0:
              // insn32.decode:266: fcvt_w_d 1100001 00000 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_w_d(extract32_r2_rm(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:267: fcvt_wu_d 1100001 00001 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_wu_d(extract32_r2_rm(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:268: fcvt_l_d 1100001 00010 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_l_d(extract32_r2_rm(insn))) return true;
              break;
            case 0x3:
              // insn32.decode:269: fcvt_lu_d 1100001 00011 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_lu_d(extract32_r2_rm(insn))) return true;
              break;
          }
          break;
        case 0x68:
          switch ((insn >>> 20) & 0x1f) {
            case 0x0:
              // insn32.decode:235: fcvt_s_w 1101000 00000 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_s_w(extract32_r2_rm(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:236: fcvt_s_wu 1101000 00001 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_s_wu(extract32_r2_rm(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:237: fcvt_s_l 1101000 00010 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_s_l(extract32_r2_rm(insn))) return true;
              break;
            case 0x3:
              // insn32.decode:238: fcvt_s_lu 1101000 00011 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_s_lu(extract32_r2_rm(insn))) return true;
              break;
          }
          break;
        case 0x69:
          switch ((insn >>> 20) & 0x1f) {
            case 0x0:
              // insn32.decode:270: fcvt_d_w 1101001 00000 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_d_w(extract32_r2_rm(insn))) return true;
              break;
            case 0x1:
              // insn32.decode:271: fcvt_d_wu 1101001 00001 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_d_wu(extract32_r2_rm(insn))) return true;
              break;
            case 0x2:
              // insn32.decode:272: fcvt_d_l 1101001 00010 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_d_l(extract32_r2_rm(insn))) return true;
              break;
            case 0x3:
              // insn32.decode:273: fcvt_d_lu 1101001 00011 ..... ... ..... 1010011 @r2_rm
              if (h.trans_fcvt_d_lu(extract32_r2_rm(insn))) return true;
              break;
          }
          break;
        case 0x70:
          switch (insn & 0x1f07000) {
            case 0x0:
              // insn32.decode:230: fmv_x_w 1110000 00000 ..... 000 ..... 1010011 @r2
              if (h.trans_fmv_x_w(extract32_r2(insn))) return true;
              break;
            case 0x1000:
              // insn32.decode:231: fclass_s 1110000 00000 ..... 001 ..... 1010011 @r2
              if (h.trans_fclass_s(extract32_r2(insn))) return true;
              break;
          }
          break;
        case 0x71:
          switch (insn & 0x1f07000) {
            case 0x0:
              // insn32.decode:274: fmv_x_d 1110001 00000 ..... 000 ..... 1010011 @r2
              if (h.trans_fmv_x_d(extract32_r2(insn))) return true;
              break;
            case 0x1000:
              // insn32.decode:265: fclass_d 1110001 00000 ..... 001 ..... 1010011 @r2
              if (h.trans_fclass_d(extract32_r2(insn))) return true;
              break;
          }
          break;
        case 0x78:
          if ((insn & 0x1f07000) === 0x0) {
            // insn32.decode:239: fmv_w_x 1111000 00000 ..... 000 ..... 1010011 @r2
            if (h.trans_fmv_w_x(extract32_r2(insn))) return true;
          }
          break;
        case 0x79:
          if ((insn & 0x1f07000) === 0x0) {
            // insn32.decode:275: fmv_d_x 1111001 00000 ..... 000 ..... 1010011 @r2
            if (h.trans_fmv_d_x(extract32_r2(insn))) return true;
          }
          break;
      }
      break;
    case 0x63:
      switch ((insn >>> 12) & 0x7) {
        case 0x0:
          // insn32.decode:83: beq ....... ..... ..... 000 ..... 1100011 @b
          if (h.trans_beq(extract32_b(insn))) return true;
          break;
        case 0x1:
          // insn32.decode:84: bne ....... ..... ..... 001 ..... 1100011 @b
          if (h.trans_bne(extract32_b(insn))) return true;
          break;
        case 0x4:
          // insn32.decode:85: blt ....... ..... ..... 100 ..... 1100011 @b
          if (h.trans_blt(extract32_b(insn))) return true;
          break;
        case 0x5:
          // insn32.decode:86: bge ....... ..... ..... 101 ..... 1100011 @b
          if (h.trans_bge(extract32_b(insn))) return true;
          break;
        case 0x6:
          // insn32.decode:87: bltu ....... ..... ..... 110 ..... 1100011 @b
          if (h.trans_bltu(extract32_b(insn))) return true;
          break;
        case 0x7:
          // insn32.decode:88: bgeu ....... ..... ..... 111 ..... 1100011 @b
          if (h.trans_bgeu(extract32_b(insn))) return true;
          break;
      }
      break;
    case 0x67:
      if (((insn >>> 12) & 0x7) === 0x0) {
        // insn32.decode:81: jalr ............ ..... 000 ..... 1100111 @i
        if (h.trans_jalr(extract32_i(insn))) return true;
      }
      break;
    case 0x6f:
      // insn32.decode:80: jal .................... ..... 1101111 @j
      if (h.trans_jal(extract32_j(insn))) return true;
      break;
    case 0x73:
      switch ((insn >>> 12) & 0x7) {
        case 0x0:
          switch ((insn & 0xfe000f80) >>> 0) {
            case 0x0:
              switch ((insn >>> 15) & 0x3ff) {
                case 0x0:
                  // insn32.decode:136: ecall 000000000000 00000 000 00000 1110011
                  if (h.trans_ecall(extract32_fence_i(insn))) return true;
                  break;
                case 0x20:
                  // insn32.decode:137: ebreak 000000000001 00000 000 00000 1110011
                  if (h.trans_ebreak(extract32_fence_i(insn))) return true;
                  break;
              }
              break;
            case 0x10000000:
              switch ((insn >>> 15) & 0x3ff) {
                case 0x40:
                  // insn32.decode:147: sret 0001000 00010 00000 000 00000 1110011
                  if (h.trans_sret(extract32_fence_i(insn))) return true;
                  break;
                case 0xa0:
                  // insn32.decode:149: wfi 0001000 00101 00000 000 00000 1110011
                  if (h.trans_wfi(extract32_fence_i(insn))) return true;
                  break;
              }
              break;
            case 0x12000000:
              // insn32.decode:150: sfence_vma 0001001 ..... ..... 000 00000 1110011 @sfence_vma
              if (h.trans_sfence_vma(extract32_sfence_vma(insn))) return true;
              break;
            case 0x30000000:
              if (((insn >>> 15) & 0x3ff) === 0x40) {
                // insn32.decode:148: mret 0011000 00010 00000 000 00000 1110011
                if (h.trans_mret(extract32_fence_i(insn))) return true;
              }
              break;
          }
          break;
        case 0x1:
          // insn32.decode:155: csrrw ............ ..... 001 ..... 1110011 @csr
          if (h.trans_csrrw(extract32_csr(insn))) return true;
          break;
        case 0x2:
          // insn32.decode:156: csrrs ............ ..... 010 ..... 1110011 @csr
          if (h.trans_csrrs(extract32_csr(insn))) return true;
          break;
        case 0x3:
          // insn32.decode:157: csrrc ............ ..... 011 ..... 1110011 @csr
          if (h.trans_csrrc(extract32_csr(insn))) return true;
          break;
        case 0x5:
          // insn32.decode:158: csrrwi ............ ..... 101 ..... 1110011 @csr
          if (h.trans_csrrwi(extract32_csr(insn))) return true;
          break;
        case 0x6:
          // insn32.decode:159: csrrsi ............ ..... 110 ..... 1110011 @csr
          if (h.trans_csrrsi(extract32_csr(insn))) return true;
          break;
        case 0x7:
          // insn32.decode:160: csrrci ............ ..... 111 ..... 1110011 @csr
          if (h.trans_csrrci(extract32_csr(insn))) return true;
          break;
      }
      break;
  }
  return false;
}

/** Decodes one 16-bit instruction (insn16.decode); false if no pattern matched or every matching handler declined. */
export function decodeInsn16(h: RiscvDecodeHandler, insn: number): boolean {
  insn &= 0xffff;
  switch (insn & 0xe003) {
    case 0x0:
      switch ((insn >>> 12) & 0x1) {
        case 0x0:
          switch ((insn >>> 11) & 0x1) {
            case 0x0:
              switch ((insn >>> 10) & 0x1) {
                case 0x0:
                  switch ((insn >>> 9) & 0x1) {
                    case 0x0:
                      switch ((insn >>> 8) & 0x1) {
                        case 0x0:
                          switch ((insn >>> 7) & 0x1) {
                            case 0x0:
                              switch ((insn >>> 6) & 0x1) {
                                case 0x0:
                                  if (((insn >>> 5) & 0x1) === 0x1) {
                                    // insn16.decode:90: addi 000 00000001 ... 00 @c_addi4spn
                                    if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
                                  }
                                  break;
                                case 0x1:
                                  // insn16.decode:89: addi 000 0000001. ... 00 @c_addi4spn
                                  if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
                                  break;
                              }
                              break;
                            case 0x1:
                              // insn16.decode:88: addi 000 000001.. ... 00 @c_addi4spn
                              if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
                              break;
                          }
                          break;
                        case 0x1:
                          // insn16.decode:87: addi 000 00001... ... 00 @c_addi4spn
                          if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      // insn16.decode:86: addi 000 0001.... ... 00 @c_addi4spn
                      if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // insn16.decode:85: addi 000 001..... ... 00 @c_addi4spn
                  if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              // insn16.decode:84: addi 000 01...... ... 00 @c_addi4spn
              if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
              break;
          }
          break;
        case 0x1:
          // insn16.decode:83: addi 000 1....... ... 00 @c_addi4spn
          if (h.trans_addi(extract16_c_addi4spn(insn))) return true;
          break;
      }
      break;
    case 0x1:
      // insn16.decode:101: addi 000 . ..... ..... 01 @c_addi
      if (h.trans_addi(extract16_c_addi(insn))) return true;
      break;
    case 0x2:
      // insn16.decode:149: slli 000 . ..... ..... 10 @c_slli
      if (h.trans_slli(extract16_c_slli(insn))) return true;
      break;
    case 0x2000:
      // insn16.decode:91: fld 001 ... ... .. ... 00 @cl_d
      if (h.trans_fld(extract16_cl_d(insn))) return true;
      break;
    case 0x2001:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          switch ((insn >>> 10) & 0x1) {
            case 0x0:
              switch ((insn >>> 9) & 0x1) {
                case 0x0:
                  switch ((insn >>> 8) & 0x1) {
                    case 0x0:
                      if (((insn >>> 7) & 0x1) === 0x1) {
                        // insn16.decode:108: addiw 001 . 00001 ..... 01 @c_addi
                        if (h.trans_addiw(extract16_c_addi(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // insn16.decode:107: addiw 001 . 0001. ..... 01 @c_addi
                      if (h.trans_addiw(extract16_c_addi(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // insn16.decode:106: addiw 001 . 001.. ..... 01 @c_addi
                  if (h.trans_addiw(extract16_c_addi(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              // insn16.decode:105: addiw 001 . 01... ..... 01 @c_addi
              if (h.trans_addiw(extract16_c_addi(insn))) return true;
              break;
          }
          break;
        case 0x1:
          // insn16.decode:104: addiw 001 . 1.... ..... 01 @c_addi
          if (h.trans_addiw(extract16_c_addi(insn))) return true;
          break;
      }
      break;
    case 0x2002:
      // insn16.decode:150: fld 001 . ..... ..... 10 @c_ldsp
      if (h.trans_fld(extract16_c_ldsp(insn))) return true;
      break;
    case 0x4000:
      // insn16.decode:92: lw 010 ... ... .. ... 00 @cl_w
      if (h.trans_lw(extract16_cl_w(insn))) return true;
      break;
    case 0x4001:
      // insn16.decode:110: addi 010 . ..... ..... 01 @c_li
      if (h.trans_addi(extract16_c_li(insn))) return true;
      break;
    case 0x4002:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          switch ((insn >>> 10) & 0x1) {
            case 0x0:
              switch ((insn >>> 9) & 0x1) {
                case 0x0:
                  switch ((insn >>> 8) & 0x1) {
                    case 0x0:
                      if (((insn >>> 7) & 0x1) === 0x1) {
                        // insn16.decode:157: lw 010 . 00001 ..... 10 @c_lwsp
                        if (h.trans_lw(extract16_c_lwsp(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // insn16.decode:156: lw 010 . 0001. ..... 10 @c_lwsp
                      if (h.trans_lw(extract16_c_lwsp(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // insn16.decode:155: lw 010 . 001.. ..... 10 @c_lwsp
                  if (h.trans_lw(extract16_c_lwsp(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              // insn16.decode:154: lw 010 . 01... ..... 10 @c_lwsp
              if (h.trans_lw(extract16_c_lwsp(insn))) return true;
              break;
          }
          break;
        case 0x1:
          // insn16.decode:153: lw 010 . 1.... ..... 10 @c_lwsp
          if (h.trans_lw(extract16_c_lwsp(insn))) return true;
          break;
      }
      break;
    case 0x6000:
      // insn16.decode:93: ld 011 ... ... .. ... 00 @cl_d
      if (h.trans_ld(extract16_cl_d(insn))) return true;
      break;
    case 0x6001:
      if ((insn & 0xf80) === 0x100) {
        switch ((insn >>> 12) & 0x1) {
          case 0x0:
            switch ((insn >>> 6) & 0x1) {
              case 0x0:
                switch ((insn >>> 5) & 0x1) {
                  case 0x0:
                    switch ((insn >>> 4) & 0x1) {
                      case 0x0:
                        switch ((insn >>> 3) & 0x1) {
                          case 0x0:
                            if (((insn >>> 2) & 0x1) === 0x1) {
                              // insn16.decode:121: addi 011 0 00010 00001 01 @c_addi16sp
                              if (h.trans_addi(extract16_c_addi16sp(insn))) return true;
                            }
                            break;
                          case 0x1:
                            // insn16.decode:120: addi 011 0 00010 0001. 01 @c_addi16sp
                            if (h.trans_addi(extract16_c_addi16sp(insn))) return true;
                            break;
                        }
                        break;
                      case 0x1:
                        // insn16.decode:119: addi 011 0 00010 001.. 01 @c_addi16sp
                        if (h.trans_addi(extract16_c_addi16sp(insn))) return true;
                        break;
                    }
                    break;
                  case 0x1:
                    // insn16.decode:118: addi 011 0 00010 01... 01 @c_addi16sp
                    if (h.trans_addi(extract16_c_addi16sp(insn))) return true;
                    break;
                }
                break;
              case 0x1:
                // insn16.decode:117: addi 011 0 00010 1.... 01 @c_addi16sp
                if (h.trans_addi(extract16_c_addi16sp(insn))) return true;
                break;
            }
            break;
          case 0x1:
            // insn16.decode:116: addi 011 1 00010 ..... 01 @c_addi16sp
            if (h.trans_addi(extract16_c_addi16sp(insn))) return true;
            break;
        }
      }
      switch ((insn >>> 12) & 0x1) {
        case 0x0:
          switch ((insn >>> 6) & 0x1) {
            case 0x0:
              switch ((insn >>> 5) & 0x1) {
                case 0x0:
                  switch ((insn >>> 4) & 0x1) {
                    case 0x0:
                      switch ((insn >>> 3) & 0x1) {
                        case 0x0:
                          if (((insn >>> 2) & 0x1) === 0x1) {
                            // insn16.decode:129: lui 011 0 ..... 00001 01 @c_lui
                            if (h.trans_lui(extract16_c_lui(insn))) return true;
                          }
                          break;
                        case 0x1:
                          // insn16.decode:128: lui 011 0 ..... 0001. 01 @c_lui
                          if (h.trans_lui(extract16_c_lui(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      // insn16.decode:127: lui 011 0 ..... 001.. 01 @c_lui
                      if (h.trans_lui(extract16_c_lui(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // insn16.decode:126: lui 011 0 ..... 01... 01 @c_lui
                  if (h.trans_lui(extract16_c_lui(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              // insn16.decode:125: lui 011 0 ..... 1.... 01 @c_lui
              if (h.trans_lui(extract16_c_lui(insn))) return true;
              break;
          }
          break;
        case 0x1:
          // insn16.decode:124: lui 011 1 ..... ..... 01 @c_lui
          if (h.trans_lui(extract16_c_lui(insn))) return true;
          break;
      }
      break;
    case 0x6002:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          switch ((insn >>> 10) & 0x1) {
            case 0x0:
              switch ((insn >>> 9) & 0x1) {
                case 0x0:
                  switch ((insn >>> 8) & 0x1) {
                    case 0x0:
                      if (((insn >>> 7) & 0x1) === 0x1) {
                        // insn16.decode:162: ld 011 . 00001 ..... 10 @c_ldsp
                        if (h.trans_ld(extract16_c_ldsp(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // insn16.decode:161: ld 011 . 0001. ..... 10 @c_ldsp
                      if (h.trans_ld(extract16_c_ldsp(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // insn16.decode:160: ld 011 . 001.. ..... 10 @c_ldsp
                  if (h.trans_ld(extract16_c_ldsp(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              // insn16.decode:159: ld 011 . 01... ..... 10 @c_ldsp
              if (h.trans_ld(extract16_c_ldsp(insn))) return true;
              break;
          }
          break;
        case 0x1:
          // insn16.decode:158: ld 011 . 1.... ..... 10 @c_ldsp
          if (h.trans_ld(extract16_c_ldsp(insn))) return true;
          break;
      }
      break;
    case 0x8001:
      switch ((insn >>> 10) & 0x3) {
        case 0x0:
          // insn16.decode:133: srli 100 . 00 ... ..... 01 @c_shift
          if (h.trans_srli(extract16_c_shift(insn))) return true;
          break;
        case 0x1:
          // insn16.decode:134: srai 100 . 01 ... ..... 01 @c_shift
          if (h.trans_srai(extract16_c_shift(insn))) return true;
          break;
        case 0x2:
          // insn16.decode:135: andi 100 . 10 ... ..... 01 @c_andi
          if (h.trans_andi(extract16_c_andi(insn))) return true;
          break;
        case 0x3:
          switch (insn & 0x1060) {
            case 0x0:
              // insn16.decode:136: sub 100 0 11 ... 00 ... 01 @c_alu
              if (h.trans_sub(extract16_c_alu(insn))) return true;
              break;
            case 0x20:
              // insn16.decode:137: xor 100 0 11 ... 01 ... 01 @c_alu
              if (h.trans_xor(extract16_c_alu(insn))) return true;
              break;
            case 0x40:
              // insn16.decode:138: or 100 0 11 ... 10 ... 01 @c_alu
              if (h.trans_or(extract16_c_alu(insn))) return true;
              break;
            case 0x60:
              // insn16.decode:139: and 100 0 11 ... 11 ... 01 @c_alu
              if (h.trans_and(extract16_c_alu(insn))) return true;
              break;
            case 0x1000:
              // insn16.decode:140: subw 100 1 11 ... 00 ... 01 @c_alu
              if (h.trans_subw(extract16_c_alu(insn))) return true;
              break;
            case 0x1020:
              // insn16.decode:141: addw 100 1 11 ... 01 ... 01 @c_alu
              if (h.trans_addw(extract16_c_alu(insn))) return true;
              break;
          }
          break;
      }
      break;
    case 0x8002:
      switch (insn & 0x1040) {
        case 0x0:
          switch ((insn >>> 5) & 0x1) {
            case 0x0:
              switch ((insn >>> 4) & 0x1) {
                case 0x0:
                  switch ((insn >>> 3) & 0x1) {
                    case 0x0:
                      switch ((insn >>> 2) & 0x1) {
                        case 0x0:
                          switch ((insn >>> 11) & 0x1) {
                            case 0x0:
                              switch ((insn >>> 10) & 0x1) {
                                case 0x0:
                                  switch ((insn >>> 9) & 0x1) {
                                    case 0x0:
                                      switch ((insn >>> 8) & 0x1) {
                                        case 0x0:
                                          if (((insn >>> 7) & 0x1) === 0x1) {
                                            // insn16.decode:169: jalr 100 0 00001 00000 10 @c_jalr rd=0
                                            if (h.trans_jalr(extract16_c_jalr(insn))) return true;
                                          }
                                          break;
                                        case 0x1:
                                          // insn16.decode:168: jalr 100 0 0001. 00000 10 @c_jalr rd=0
                                          if (h.trans_jalr(extract16_c_jalr(insn))) return true;
                                          break;
                                      }
                                      break;
                                    case 0x1:
                                      // insn16.decode:167: jalr 100 0 001.. 00000 10 @c_jalr rd=0
                                      if (h.trans_jalr(extract16_c_jalr(insn))) return true;
                                      break;
                                  }
                                  break;
                                case 0x1:
                                  // insn16.decode:166: jalr 100 0 01... 00000 10 @c_jalr rd=0
                                  if (h.trans_jalr(extract16_c_jalr(insn))) return true;
                                  break;
                              }
                              break;
                            case 0x1:
                              // insn16.decode:165: jalr 100 0 1.... 00000 10 @c_jalr rd=0
                              if (h.trans_jalr(extract16_c_jalr(insn))) return true;
                              break;
                          }
                          break;
                        case 0x1:
                          // insn16.decode:175: addi 100 0 ..... 00001 10 @c_mv
                          if (h.trans_addi(extract16_c_mv(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      // insn16.decode:174: addi 100 0 ..... 0001. 10 @c_mv
                      if (h.trans_addi(extract16_c_mv(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // insn16.decode:173: addi 100 0 ..... 001.. 10 @c_mv
                  if (h.trans_addi(extract16_c_mv(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              // insn16.decode:172: addi 100 0 ..... 01... 10 @c_mv
              if (h.trans_addi(extract16_c_mv(insn))) return true;
              break;
          }
          break;
        case 0x40:
          // insn16.decode:171: addi 100 0 ..... 1.... 10 @c_mv
          if (h.trans_addi(extract16_c_mv(insn))) return true;
          break;
        case 0x1000:
          switch ((insn >>> 5) & 0x1) {
            case 0x0:
              switch ((insn >>> 4) & 0x1) {
                case 0x0:
                  switch ((insn >>> 3) & 0x1) {
                    case 0x0:
                      switch ((insn >>> 2) & 0x1) {
                        case 0x0:
                          switch ((insn >>> 11) & 0x1) {
                            case 0x0:
                              switch ((insn >>> 10) & 0x1) {
                                case 0x0:
                                  switch ((insn >>> 9) & 0x1) {
                                    case 0x0:
                                      switch ((insn >>> 8) & 0x1) {
                                        case 0x0:
                                          switch ((insn >>> 7) & 0x1) {
                                            case 0x0:
                                              // insn16.decode:177: ebreak 100 1 00000 00000 10
                                              if (h.trans_ebreak(extract32_fence_i(insn))) return true;
                                              break;
                                            case 0x1:
                                              // insn16.decode:183: jalr 100 1 00001 00000 10 @c_jalr rd=1
                                              if (h.trans_jalr(extract16_c_jalr_2(insn))) return true;
                                              break;
                                          }
                                          break;
                                        case 0x1:
                                          // insn16.decode:182: jalr 100 1 0001. 00000 10 @c_jalr rd=1
                                          if (h.trans_jalr(extract16_c_jalr_2(insn))) return true;
                                          break;
                                      }
                                      break;
                                    case 0x1:
                                      // insn16.decode:181: jalr 100 1 001.. 00000 10 @c_jalr rd=1
                                      if (h.trans_jalr(extract16_c_jalr_2(insn))) return true;
                                      break;
                                  }
                                  break;
                                case 0x1:
                                  // insn16.decode:180: jalr 100 1 01... 00000 10 @c_jalr rd=1
                                  if (h.trans_jalr(extract16_c_jalr_2(insn))) return true;
                                  break;
                              }
                              break;
                            case 0x1:
                              // insn16.decode:179: jalr 100 1 1.... 00000 10 @c_jalr rd=1
                              if (h.trans_jalr(extract16_c_jalr_2(insn))) return true;
                              break;
                          }
                          break;
                        case 0x1:
                          // insn16.decode:189: add 100 1 ..... 00001 10 @c_add
                          if (h.trans_add(extract16_c_add(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      // insn16.decode:188: add 100 1 ..... 0001. 10 @c_add
                      if (h.trans_add(extract16_c_add(insn))) return true;
                      break;
                  }
                  break;
                case 0x1:
                  // insn16.decode:187: add 100 1 ..... 001.. 10 @c_add
                  if (h.trans_add(extract16_c_add(insn))) return true;
                  break;
              }
              break;
            case 0x1:
              // insn16.decode:186: add 100 1 ..... 01... 10 @c_add
              if (h.trans_add(extract16_c_add(insn))) return true;
              break;
          }
          break;
        case 0x1040:
          // insn16.decode:185: add 100 1 ..... 1.... 10 @c_add
          if (h.trans_add(extract16_c_add(insn))) return true;
          break;
      }
      break;
    case 0xa000:
      // insn16.decode:94: fsd 101 ... ... .. ... 00 @cs_d
      if (h.trans_fsd(extract16_cs_d(insn))) return true;
      break;
    case 0xa001:
      // insn16.decode:142: jal 101 ........... 01 @c_j
      if (h.trans_jal(extract16_c_j(insn))) return true;
      break;
    case 0xa002:
      // insn16.decode:191: fsd 101 ...... ..... 10 @c_sdsp
      if (h.trans_fsd(extract16_c_sdsp(insn))) return true;
      break;
    case 0xc000:
      // insn16.decode:95: sw 110 ... ... .. ... 00 @cs_w
      if (h.trans_sw(extract16_cs_w(insn))) return true;
      break;
    case 0xc001:
      // insn16.decode:143: beq 110 ... ... ..... 01 @c_bz
      if (h.trans_beq(extract16_c_bz(insn))) return true;
      break;
    case 0xc002:
      // insn16.decode:192: sw 110 ...... ..... 10 @c_swsp
      if (h.trans_sw(extract16_c_swsp(insn))) return true;
      break;
    case 0xe000:
      // insn16.decode:96: sd 111 ... ... .. ... 00 @cs_d
      if (h.trans_sd(extract16_cs_d(insn))) return true;
      break;
    case 0xe001:
      // insn16.decode:144: bne 111 ... ... ..... 01 @c_bz
      if (h.trans_bne(extract16_c_bz(insn))) return true;
      break;
    case 0xe002:
      // insn16.decode:193: sd 111 ...... ..... 10 @c_sdsp
      if (h.trans_sd(extract16_c_sdsp(insn))) return true;
      break;
  }
  return false;
}
