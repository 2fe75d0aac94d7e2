// GENERATED FILE - DO NOT EDIT.
// Generated from spec/arm/t16.decode by `npx tsx tools/decodetree/gen.ts`.
// test/arm/decode-generated-fresh.test.ts fails when this file is stale.

import { plus_2, t16_pop_list, t16_push_list, t16_setflags, times_2, times_4, type ArmDecodeContext } from "./decode-functions.ts";
import type {
  ArgEmpty,
  ArgSRrrShi,
  ArgSRrrShr,
  ArgSRriRot,
  ArgSRrrr,
  ArgRrrRot,
  ArgRr,
  ArgRi,
  ArgR,
  ArgI,
  ArgLdstRr,
  ArgLdstRi,
  ArgLdstBlock,
  ArgSetend,
  ArgCps,
} from "./decode-a32.ts";
import type { ArgCi } from "./decode-t32.ts";

/** Argument set &IT (t16.decode:184, implicit). */
export interface ArgIT {
  cond_mask: number;
}

/** Argument set &CBZ (t16.decode:194, implicit). */
export interface ArgCBZ {
  imm: number;
  nz: number;
  rn: number;
}

/**
 * One method per pattern name.  Return true when the instruction was handled;
 * false makes the decoder try the next candidate of an overlapping group and
 * finally report "no match".
 */
export interface T16DecodeHandler extends ArmDecodeContext {
  trans_AND_rrri(a: ArgSRrrShi): boolean;
  trans_EOR_rrri(a: ArgSRrrShi): boolean;
  trans_MOV_rxrr(a: ArgSRrrShr): boolean;
  trans_ADC_rrri(a: ArgSRrrShi): boolean;
  trans_SBC_rrri(a: ArgSRrrShi): boolean;
  trans_TST_xrri(a: ArgSRrrShi): boolean;
  trans_RSB_rri(a: ArgSRriRot): boolean;
  trans_CMP_xrri(a: ArgSRrrShi): boolean;
  trans_CMN_xrri(a: ArgSRrrShi): boolean;
  trans_ORR_rrri(a: ArgSRrrShi): boolean;
  trans_MUL(a: ArgSRrrr): boolean;
  trans_BIC_rrri(a: ArgSRrrShi): boolean;
  trans_MVN_rxri(a: ArgSRrrShi): boolean;
  trans_STR_rr(a: ArgLdstRr): boolean;
  trans_STRH_rr(a: ArgLdstRr): boolean;
  trans_STRB_rr(a: ArgLdstRr): boolean;
  trans_LDRSB_rr(a: ArgLdstRr): boolean;
  trans_LDR_rr(a: ArgLdstRr): boolean;
  trans_LDRH_rr(a: ArgLdstRr): boolean;
  trans_LDRB_rr(a: ArgLdstRr): boolean;
  trans_LDRSH_rr(a: ArgLdstRr): boolean;
  trans_STR_ri(a: ArgLdstRi): boolean;
  trans_LDR_ri(a: ArgLdstRi): boolean;
  trans_STRB_ri(a: ArgLdstRi): boolean;
  trans_LDRB_ri(a: ArgLdstRi): boolean;
  trans_STRH_ri(a: ArgLdstRi): boolean;
  trans_LDRH_ri(a: ArgLdstRi): boolean;
  trans_ADR(a: ArgRi): boolean;
  trans_ADD_rri(a: ArgSRriRot): boolean;
  trans_STM(a: ArgLdstBlock): boolean;
  trans_LDM_t16(a: ArgLdstBlock): boolean;
  trans_MOV_rxri(a: ArgSRrrShi): boolean;
  trans_ADD_rrri(a: ArgSRrrShi): boolean;
  trans_SUB_rrri(a: ArgSRrrShi): boolean;
  trans_SUB_rri(a: ArgSRriRot): boolean;
  trans_MOV_rxi(a: ArgSRriRot): boolean;
  trans_CMP_xri(a: ArgSRriRot): boolean;
  trans_BX(a: ArgR): boolean;
  trans_BLX_r(a: ArgR): boolean;
  trans_SXTAH(a: ArgRrrRot): boolean;
  trans_SXTAB(a: ArgRrrRot): boolean;
  trans_UXTAH(a: ArgRrrRot): boolean;
  trans_UXTAB(a: ArgRrrRot): boolean;
  trans_SETEND(a: ArgSetend): boolean;
  trans_CPS(a: ArgCps): boolean;
  trans_REV(a: ArgRr): boolean;
  trans_REV16(a: ArgRr): boolean;
  trans_REVSH(a: ArgRr): boolean;
  trans_YIELD(a: ArgEmpty): boolean;
  trans_WFE(a: ArgEmpty): boolean;
  trans_WFI(a: ArgEmpty): boolean;
  trans_NOP(a: ArgEmpty): boolean;
  trans_IT(a: ArgIT): boolean;
  trans_HLT(a: ArgI): boolean;
  trans_BKPT(a: ArgI): boolean;
  trans_CBZ(a: ArgCBZ): boolean;
  trans_UDF(a: ArgEmpty): boolean;
  trans_SVC(a: ArgI): boolean;
  trans_B_cond_thumb(a: ArgCi): boolean;
  trans_B(a: ArgI): boolean;
  trans_BLX_suffix(a: ArgI): boolean;
  trans_BL_BLX_prefix(a: ArgI): boolean;
  trans_BL_suffix(a: ArgI): boolean;
}

function extract16_shift_i(h: T16DecodeHandler, insn: number): ArgSRrrShi {
  return { s: t16_setflags(h), rd: insn & 0x7, rn: insn & 0x7, rm: (insn >>> 3) & 0x7, shim: (insn >>> 6) & 0x1f, shty: 0 };
}

function extract16_shift_i_2(h: T16DecodeHandler, insn: number): ArgSRrrShi {
  return { s: t16_setflags(h), rd: insn & 0x7, rn: insn & 0x7, rm: (insn >>> 3) & 0x7, shim: (insn >>> 6) & 0x1f, shty: 1 };
}

function extract16_shift_i_3(h: T16DecodeHandler, insn: number): ArgSRrrShi {
  return { s: t16_setflags(h), rd: insn & 0x7, rn: insn & 0x7, rm: (insn >>> 3) & 0x7, shim: (insn >>> 6) & 0x1f, shty: 2 };
}

function extract16_addsub_3(h: T16DecodeHandler, insn: number): ArgSRrrShi {
  return { s: t16_setflags(h), rd: insn & 0x7, rn: (insn >>> 3) & 0x7, rm: (insn >>> 6) & 0x7, shim: 0, shty: 0 };
}

function extract16_addsub_2i(h: T16DecodeHandler, insn: number): ArgSRriRot {
  return { s: t16_setflags(h), rn: (insn >>> 3) & 0x7, rd: insn & 0x7, imm: (insn >>> 6) & 0x7, rot: 0 };
}

function extract16_arith_1i(h: T16DecodeHandler, insn: number): ArgSRriRot {
  return { s: t16_setflags(h), rn: (insn >>> 8) & 0x7, rd: (insn >>> 8) & 0x7, imm: insn & 0xff, rot: 0 };
}

function extract16_arith_1i_2(insn: number): ArgSRriRot {
  return { s: 1, rn: (insn >>> 8) & 0x7, rd: (insn >>> 8) & 0x7, imm: insn & 0xff, rot: 0 };
}

function extract16_lll_noshr(h: T16DecodeHandler, insn: number): ArgSRrrShi {
  return { s: t16_setflags(h), rd: insn & 0x7, rn: insn & 0x7, rm: (insn >>> 3) & 0x7, shim: 0, shty: 0 };
}

function extract16_lxl_shr(h: T16DecodeHandler, insn: number): ArgSRrrShr {
  return { s: t16_setflags(h), rn: 0, rd: insn & 0x7, rm: insn & 0x7, rs: (insn >>> 3) & 0x7, shty: 0 };
}

function extract16_lxl_shr_2(h: T16DecodeHandler, insn: number): ArgSRrrShr {
  return { s: t16_setflags(h), rn: 0, rd: insn & 0x7, rm: insn & 0x7, rs: (insn >>> 3) & 0x7, shty: 1 };
}

function extract16_lxl_shr_3(h: T16DecodeHandler, insn: number): ArgSRrrShr {
  return { s: t16_setflags(h), rn: 0, rd: insn & 0x7, rm: insn & 0x7, rs: (insn >>> 3) & 0x7, shty: 2 };
}

function extract16_lxl_shr_4(h: T16DecodeHandler, insn: number): ArgSRrrShr {
  return { s: t16_setflags(h), rn: 0, rd: insn & 0x7, rm: insn & 0x7, rs: (insn >>> 3) & 0x7, shty: 3 };
}

function extract16_xll_noshr(insn: number): ArgSRrrShi {
  return { s: 1, rd: 0, rn: insn & 0x7, rm: (insn >>> 3) & 0x7, shim: 0, shty: 0 };
}

function extract16_RSB_rri(h: T16DecodeHandler, insn: number): ArgSRriRot {
  return { s: t16_setflags(h), rn: (insn >>> 3) & 0x7, rd: insn & 0x7, imm: 0, rot: 0 };
}

function extract16_MUL(h: T16DecodeHandler, insn: number): ArgSRrrr {
  return { s: t16_setflags(h), rd: insn & 0x7, rn: (insn >>> 3) & 0x7, rm: insn & 0x7, ra: 0 };
}

function extract16_addsub_2h(insn: number): ArgSRrrShi {
  return {
    s: 0,
    rd: (((insn >>> 7) & 0x1) << 3) | (insn & 0x7),
    rn: (((insn >>> 7) & 0x1) << 3) | (insn & 0x7),
    rm: (insn >>> 3) & 0xf,
    shim: 0,
    shty: 0,
  };
}

function extract16_addsub_2h_2(insn: number): ArgSRrrShi {
  return {
    s: 1,
    rd: (((insn >>> 7) & 0x1) << 3) | (insn & 0x7),
    rn: (((insn >>> 7) & 0x1) << 3) | (insn & 0x7),
    rm: (insn >>> 3) & 0xf,
    shim: 0,
    shty: 0,
  };
}

function extract16_branchr(insn: number): ArgR {
  return { rm: (insn >>> 3) & 0xf };
}

function extract16_ldst_spec_i(h: T16DecodeHandler, insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 1, rn: 15, rt: (insn >>> 8) & 0x7, imm: times_4(h, insn & 0xff) };
}

function extract16_ldst_rr(insn: number): ArgLdstRr {
  return { p: 1, w: 0, u: 1, rn: (insn >>> 3) & 0x7, rt: insn & 0x7, rm: (insn >>> 6) & 0x7, shimm: 0, shtype: 0 };
}

function extract16_ldst_ri_4(h: T16DecodeHandler, insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 1, rn: (insn >>> 3) & 0x7, rt: insn & 0x7, imm: times_4(h, (insn >>> 6) & 0x1f) };
}

function extract16_ldst_ri_1(insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 1, rn: (insn >>> 3) & 0x7, rt: insn & 0x7, imm: (insn >>> 6) & 0x1f };
}

function extract16_ldst_ri_2(h: T16DecodeHandler, insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 1, rn: (insn >>> 3) & 0x7, rt: insn & 0x7, imm: times_2(h, (insn >>> 6) & 0x1f) };
}

function extract16_ldst_spec_i_2(h: T16DecodeHandler, insn: number): ArgLdstRi {
  return { p: 1, w: 0, u: 1, rn: 13, rt: (insn >>> 8) & 0x7, imm: times_4(h, insn & 0xff) };
}

function extract16_ADR(h: T16DecodeHandler, insn: number): ArgRi {
  return { rd: (insn >>> 8) & 0x7, imm: times_4(h, insn & 0xff) };
}

function extract16_ADD_rri(h: T16DecodeHandler, insn: number): ArgSRriRot {
  return { s: 0, rn: 13, rd: (insn >>> 8) & 0x7, imm: times_4(h, insn & 0xff), rot: 0 };
}

function extract16_addsub_sp_i(h: T16DecodeHandler, insn: number): ArgSRriRot {
  return { s: 0, rn: 13, rd: 13, imm: times_4(h, insn & 0x7f), rot: 0 };
}

function extract16_extend(insn: number): ArgRrrRot {
  return { rd: insn & 0x7, rn: 15, rm: (insn >>> 3) & 0x7, rot: 0 };
}

function extract16_rdm(insn: number): ArgRr {
  return { rd: insn & 0x7, rm: (insn >>> 3) & 0x7 };
}

function extract16_HLT(insn: number): ArgI {
  return { imm: insn & 0x3f };
}

function extract16_CBZ(h: T16DecodeHandler, insn: number): ArgCBZ {
  return { imm: times_2(h, (((insn >>> 9) & 0x1) << 5) | ((insn >>> 3) & 0x1f)), nz: (insn >>> 11) & 0x1, rn: insn & 0x7 };
}

function extract16_STM(h: T16DecodeHandler, insn: number): ArgLdstBlock {
  return { rn: 13, i: 0, b: 1, u: 0, w: 1, list: t16_push_list(h, insn & 0x1ff) };
}

function extract16_SETEND(insn: number): ArgSetend {
  return { E: (insn >>> 3) & 0x1 };
}

function extract16_CPS(h: T16DecodeHandler, insn: number): ArgCps {
  return { mode: 0, imod: plus_2(h, (insn >>> 4) & 0x1), M: 0, A: (insn >>> 2) & 0x1, I: (insn >>> 1) & 0x1, F: insn & 0x1 };
}

function extract16_LDM_t16(h: T16DecodeHandler, insn: number): ArgLdstBlock {
  return { rn: 13, i: 1, b: 0, u: 0, w: 1, list: t16_pop_list(h, insn & 0x1ff) };
}

function extract16_BKPT(insn: number): ArgI {
  return { imm: insn & 0xff };
}

function extract16_YIELD(_insn: number): ArgEmpty {
  return {};
}

function extract16_IT(insn: number): ArgIT {
  return { cond_mask: insn & 0xff };
}

function extract16_ldstm(insn: number): ArgLdstBlock {
  return { rn: (insn >>> 8) & 0x7, i: 1, b: 0, u: 0, w: 1, list: insn & 0xff };
}

function extract16_B_cond_thumb(h: T16DecodeHandler, insn: number): ArgCi {
  return { cond: (insn >>> 8) & 0xf, imm: times_2(h, (insn << 24) >> 24) };
}

function extract16_B(h: T16DecodeHandler, insn: number): ArgI {
  return { imm: times_2(h, (insn << 21) >> 21) };
}

function extract16_BLX_suffix(insn: number): ArgI {
  return { imm: insn & 0x7ff };
}

function extract16_BL_BLX_prefix(insn: number): ArgI {
  return { imm: (insn << 21) >> 21 };
}

/** Decodes one 16-bit instruction (t16.decode); false if no pattern matched or every matching handler declined. */
export function disasT16(h: T16DecodeHandler, insn: number): boolean {
  insn &= 0xffff;
  switch ((insn >>> 12) & 0xf) {
    case 0x0:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:107: MOV_rxri 000 00 ..... ... ... @shift_i shty=0
          if (h.trans_MOV_rxri(extract16_shift_i(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:108: MOV_rxri 000 01 ..... ... ... @shift_i shty=1
          if (h.trans_MOV_rxri(extract16_shift_i_2(h, insn))) return true;
          break;
      }
      break;
    case 0x1:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:109: MOV_rxri 000 10 ..... ... ... @shift_i shty=2
          if (h.trans_MOV_rxri(extract16_shift_i_3(h, insn))) return true;
          break;
        case 0x1:
          switch ((insn >>> 9) & 0x3) {
            case 0x0:
              // t16.decode:113: ADD_rrri 0001100 ... ... ... @addsub_3
              if (h.trans_ADD_rrri(extract16_addsub_3(h, insn))) return true;
              break;
            case 0x1:
              // t16.decode:114: SUB_rrri 0001101 ... ... ... @addsub_3
              if (h.trans_SUB_rrri(extract16_addsub_3(h, insn))) return true;
              break;
            case 0x2:
              // t16.decode:118: ADD_rri 0001 110 ... ... ... @addsub_2i
              if (h.trans_ADD_rri(extract16_addsub_2i(h, insn))) return true;
              break;
            case 0x3:
              // t16.decode:119: SUB_rri 0001 111 ... ... ... @addsub_2i
              if (h.trans_SUB_rri(extract16_addsub_2i(h, insn))) return true;
              break;
          }
          break;
      }
      break;
    case 0x2:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:125: MOV_rxi 00100 ... ........ @arith_1i %s
          if (h.trans_MOV_rxi(extract16_arith_1i(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:126: CMP_xri 00101 ... ........ @arith_1i s=1
          if (h.trans_CMP_xri(extract16_arith_1i_2(insn))) return true;
          break;
      }
      break;
    case 0x3:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:127: ADD_rri 00110 ... ........ @arith_1i %s
          if (h.trans_ADD_rri(extract16_arith_1i(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:128: SUB_rri 00111 ... ........ @arith_1i %s
          if (h.trans_SUB_rri(extract16_arith_1i(h, insn))) return true;
          break;
      }
      break;
    case 0x4:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          switch ((insn >>> 8) & 0x7) {
            case 0x0:
              switch ((insn >>> 6) & 0x3) {
                case 0x0:
                  // t16.decode:37: AND_rrri 010000 0000 ... ... @lll_noshr
                  if (h.trans_AND_rrri(extract16_lll_noshr(h, insn))) return true;
                  break;
                case 0x1:
                  // t16.decode:38: EOR_rrri 010000 0001 ... ... @lll_noshr
                  if (h.trans_EOR_rrri(extract16_lll_noshr(h, insn))) return true;
                  break;
                case 0x2:
                  // t16.decode:39: MOV_rxrr 010000 0010 ... ... @lxl_shr shty=0
                  if (h.trans_MOV_rxrr(extract16_lxl_shr(h, insn))) return true;
                  break;
                case 0x3:
                  // t16.decode:40: MOV_rxrr 010000 0011 ... ... @lxl_shr shty=1
                  if (h.trans_MOV_rxrr(extract16_lxl_shr_2(h, insn))) return true;
                  break;
              }
              break;
            case 0x1:
              switch ((insn >>> 6) & 0x3) {
                case 0x0:
                  // t16.decode:41: MOV_rxrr 010000 0100 ... ... @lxl_shr shty=2
                  if (h.trans_MOV_rxrr(extract16_lxl_shr_3(h, insn))) return true;
                  break;
                case 0x1:
                  // t16.decode:42: ADC_rrri 010000 0101 ... ... @lll_noshr
                  if (h.trans_ADC_rrri(extract16_lll_noshr(h, insn))) return true;
                  break;
                case 0x2:
                  // t16.decode:43: SBC_rrri 010000 0110 ... ... @lll_noshr
                  if (h.trans_SBC_rrri(extract16_lll_noshr(h, insn))) return true;
                  break;
                case 0x3:
                  // t16.decode:44: MOV_rxrr 010000 0111 ... ... @lxl_shr shty=3
                  if (h.trans_MOV_rxrr(extract16_lxl_shr_4(h, insn))) return true;
                  break;
              }
              break;
            case 0x2:
              switch ((insn >>> 6) & 0x3) {
                case 0x0:
                  // t16.decode:45: TST_xrri 010000 1000 ... ... @xll_noshr
                  if (h.trans_TST_xrri(extract16_xll_noshr(insn))) return true;
                  break;
                case 0x1:
                  // t16.decode:46: RSB_rri 010000 1001 rn:3 rd:3 &s_rri_rot %s imm=0 rot=0
                  if (h.trans_RSB_rri(extract16_RSB_rri(h, insn))) return true;
                  break;
                case 0x2:
                  // t16.decode:47: CMP_xrri 010000 1010 ... ... @xll_noshr
                  if (h.trans_CMP_xrri(extract16_xll_noshr(insn))) return true;
                  break;
                case 0x3:
                  // t16.decode:48: CMN_xrri 010000 1011 ... ... @xll_noshr
                  if (h.trans_CMN_xrri(extract16_xll_noshr(insn))) return true;
                  break;
              }
              break;
            case 0x3:
              switch ((insn >>> 6) & 0x3) {
                case 0x0:
                  // t16.decode:49: ORR_rrri 010000 1100 ... ... @lll_noshr
                  if (h.trans_ORR_rrri(extract16_lll_noshr(h, insn))) return true;
                  break;
                case 0x1:
                  // t16.decode:50: MUL 010000 1101 rn:3 rd:3 &s_rrrr %s rm=%reg_0 ra=0
                  if (h.trans_MUL(extract16_MUL(h, insn))) return true;
                  break;
                case 0x2:
                  // t16.decode:51: BIC_rrri 010000 1110 ... ... @lll_noshr
                  if (h.trans_BIC_rrri(extract16_lll_noshr(h, insn))) return true;
                  break;
                case 0x3:
                  // t16.decode:52: MVN_rxri 010000 1111 ... ... @lll_noshr
                  if (h.trans_MVN_rxri(extract16_lll_noshr(h, insn))) return true;
                  break;
              }
              break;
            case 0x4:
              // t16.decode:135: ADD_rrri 0100 0100 . .... ... @addsub_2h s=0
              if (h.trans_ADD_rrri(extract16_addsub_2h(insn))) return true;
              break;
            case 0x5:
              // t16.decode:136: CMP_xrri 0100 0101 . .... ... @addsub_2h s=1
              if (h.trans_CMP_xrri(extract16_addsub_2h_2(insn))) return true;
              break;
            case 0x6:
              // t16.decode:137: MOV_rxri 0100 0110 . .... ... @addsub_2h s=0
              if (h.trans_MOV_rxri(extract16_addsub_2h(insn))) return true;
              break;
            case 0x7:
              switch (insn & 0x87) {
                case 0x0:
                  // t16.decode:150: BX 0100 0111 0 .... 000 @branchr
                  if (h.trans_BX(extract16_branchr(insn))) return true;
                  break;
                case 0x80:
                  // t16.decode:151: BLX_r 0100 0111 1 .... 000 @branchr
                  if (h.trans_BLX_r(extract16_branchr(insn))) return true;
                  break;
              }
              break;
          }
          break;
        case 0x1:
          // t16.decode:88: LDR_ri 01001 ... ........ @ldst_spec_i rn=15
          if (h.trans_LDR_ri(extract16_ldst_spec_i(h, insn))) return true;
          break;
      }
      break;
    case 0x5:
      switch ((insn >>> 9) & 0x7) {
        case 0x0:
          // t16.decode:58: STR_rr 0101 000 ... ... ... @ldst_rr
          if (h.trans_STR_rr(extract16_ldst_rr(insn))) return true;
          break;
        case 0x1:
          // t16.decode:59: STRH_rr 0101 001 ... ... ... @ldst_rr
          if (h.trans_STRH_rr(extract16_ldst_rr(insn))) return true;
          break;
        case 0x2:
          // t16.decode:60: STRB_rr 0101 010 ... ... ... @ldst_rr
          if (h.trans_STRB_rr(extract16_ldst_rr(insn))) return true;
          break;
        case 0x3:
          // t16.decode:61: LDRSB_rr 0101 011 ... ... ... @ldst_rr
          if (h.trans_LDRSB_rr(extract16_ldst_rr(insn))) return true;
          break;
        case 0x4:
          // t16.decode:62: LDR_rr 0101 100 ... ... ... @ldst_rr
          if (h.trans_LDR_rr(extract16_ldst_rr(insn))) return true;
          break;
        case 0x5:
          // t16.decode:63: LDRH_rr 0101 101 ... ... ... @ldst_rr
          if (h.trans_LDRH_rr(extract16_ldst_rr(insn))) return true;
          break;
        case 0x6:
          // t16.decode:64: LDRB_rr 0101 110 ... ... ... @ldst_rr
          if (h.trans_LDRB_rr(extract16_ldst_rr(insn))) return true;
          break;
        case 0x7:
          // t16.decode:65: LDRSH_rr 0101 111 ... ... ... @ldst_rr
          if (h.trans_LDRSH_rr(extract16_ldst_rr(insn))) return true;
          break;
      }
      break;
    case 0x6:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:75: STR_ri 01100 ..... ... ... @ldst_ri_4
          if (h.trans_STR_ri(extract16_ldst_ri_4(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:76: LDR_ri 01101 ..... ... ... @ldst_ri_4
          if (h.trans_LDR_ri(extract16_ldst_ri_4(h, insn))) return true;
          break;
      }
      break;
    case 0x7:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:77: STRB_ri 01110 ..... ... ... @ldst_ri_1
          if (h.trans_STRB_ri(extract16_ldst_ri_1(insn))) return true;
          break;
        case 0x1:
          // t16.decode:78: LDRB_ri 01111 ..... ... ... @ldst_ri_1
          if (h.trans_LDRB_ri(extract16_ldst_ri_1(insn))) return true;
          break;
      }
      break;
    case 0x8:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:79: STRH_ri 10000 ..... ... ... @ldst_ri_2
          if (h.trans_STRH_ri(extract16_ldst_ri_2(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:80: LDRH_ri 10001 ..... ... ... @ldst_ri_2
          if (h.trans_LDRH_ri(extract16_ldst_ri_2(h, insn))) return true;
          break;
      }
      break;
    case 0x9:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:86: STR_ri 10010 ... ........ @ldst_spec_i rn=13
          if (h.trans_STR_ri(extract16_ldst_spec_i_2(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:87: LDR_ri 10011 ... ........ @ldst_spec_i rn=13
          if (h.trans_LDR_ri(extract16_ldst_spec_i_2(h, insn))) return true;
          break;
      }
      break;
    case 0xa:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:92: ADR 10100 rd:3 ........ imm=%imm8_0x4
          if (h.trans_ADR(extract16_ADR(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:93: ADD_rri 10101 rd:3 ........ &s_rri_rot rn=13 s=0 rot=0 imm=%imm8_0x4
          if (h.trans_ADD_rri(extract16_ADD_rri(h, insn))) return true;
          break;
      }
      break;
    case 0xb:
      switch ((insn >>> 10) & 0x1) {
        case 0x0:
          switch ((insn >>> 8) & 0x1) {
            case 0x0:
              switch (insn & 0xa80) {
                case 0x0:
                  // t16.decode:143: ADD_rri 1011 0000 0 ....... @addsub_sp_i
                  if (h.trans_ADD_rri(extract16_addsub_sp_i(h, insn))) return true;
                  break;
                case 0x80:
                  // t16.decode:144: SUB_rri 1011 0000 1 ....... @addsub_sp_i
                  if (h.trans_SUB_rri(extract16_addsub_sp_i(h, insn))) return true;
                  break;
                case 0x200:
                  switch ((insn >>> 6) & 0x1) {
                    case 0x0:
                      // t16.decode:158: SXTAH 1011 0010 00 ... ... @extend
                      if (h.trans_SXTAH(extract16_extend(insn))) return true;
                      break;
                    case 0x1:
                      // t16.decode:159: SXTAB 1011 0010 01 ... ... @extend
                      if (h.trans_SXTAB(extract16_extend(insn))) return true;
                      break;
                  }
                  break;
                case 0x280:
                  switch ((insn >>> 6) & 0x1) {
                    case 0x0:
                      // t16.decode:160: UXTAH 1011 0010 10 ... ... @extend
                      if (h.trans_UXTAH(extract16_extend(insn))) return true;
                      break;
                    case 0x1:
                      // t16.decode:161: UXTAB 1011 0010 11 ... ... @extend
                      if (h.trans_UXTAB(extract16_extend(insn))) return true;
                      break;
                  }
                  break;
                case 0xa00:
                  switch ((insn >>> 6) & 0x1) {
                    case 0x0:
                      // t16.decode:171: REV 1011 1010 00 ... ... @rdm
                      if (h.trans_REV(extract16_rdm(insn))) return true;
                      break;
                    case 0x1:
                      // t16.decode:172: REV16 1011 1010 01 ... ... @rdm
                      if (h.trans_REV16(extract16_rdm(insn))) return true;
                      break;
                  }
                  break;
                case 0xa80:
                  switch ((insn >>> 6) & 0x1) {
                    case 0x0:
                      // t16.decode:189: HLT 1011 1010 10 imm:6 &i
                      if (h.trans_HLT(extract16_HLT(insn))) return true;
                      break;
                    case 0x1:
                      // t16.decode:173: REVSH 1011 1010 11 ... ... @rdm
                      if (h.trans_REVSH(extract16_rdm(insn))) return true;
                      break;
                  }
                  break;
              }
              break;
            case 0x1:
              // t16.decode:194: CBZ 1011 nz:1 0.1 ..... rn:3 imm=%imm6_9_3
              if (h.trans_CBZ(extract16_CBZ(h, insn))) return true;
              break;
          }
          break;
        case 0x1:
          switch (insn & 0xa00) {
            case 0x0:
              // t16.decode:200: STM 1011 010 ......... &ldst_block i=0 b=1 u=0 w=1 rn=13 list=%push_list
              if (h.trans_STM(extract16_STM(h, insn))) return true;
              break;
            case 0x200:
              switch ((insn >>> 5) & 0xf) {
                case 0x2:
                  if ((insn & 0x17) === 0x10) {
                    // t16.decode:163: SETEND 1011 0110 010 1 E:1 000 &setend
                    if (h.trans_SETEND(extract16_SETEND(insn))) return true;
                  }
                  break;
                case 0x3:
                  if (((insn >>> 3) & 0x1) === 0x0) {
                    // t16.decode:167: CPS 1011 0110 011 . 0 A:1 I:1 F:1 &cps mode=0 M=0 %imod
                    if (h.trans_CPS(extract16_CPS(h, insn))) return true;
                  }
                  break;
              }
              break;
            case 0x800:
              // t16.decode:201: LDM_t16 1011 110 ......... &ldst_block i=1 b=0 u=0 w=1 rn=13 list=%pop_list
              if (h.trans_LDM_t16(extract16_LDM_t16(h, insn))) return true;
              break;
            case 0xa00:
              switch ((insn >>> 8) & 0x1) {
                case 0x0:
                  // t16.decode:190: BKPT 1011 1110 imm:8 &i
                  if (h.trans_BKPT(extract16_BKPT(insn))) return true;
                  break;
                case 0x1:
                  if ((insn & 0xf) === 0x0) {
                    if ((insn & 0xf0) === 0x10) {
                      // t16.decode:178: YIELD 1011 1111 0001 0000
                      if (h.trans_YIELD(extract16_YIELD(insn))) return true;
                    }
                    if ((insn & 0xf0) === 0x20) {
                      // t16.decode:179: WFE 1011 1111 0010 0000
                      if (h.trans_WFE(extract16_YIELD(insn))) return true;
                    }
                    if ((insn & 0xf0) === 0x30) {
                      // t16.decode:180: WFI 1011 1111 0011 0000
                      if (h.trans_WFI(extract16_YIELD(insn))) return true;
                    }
                    // t16.decode:182: NOP 1011 1111 ---- 0000
                    if (h.trans_NOP(extract16_YIELD(insn))) return true;
                  }
                  // t16.decode:184: IT 1011 1111 cond_mask:8
                  if (h.trans_IT(extract16_IT(insn))) return true;
                  break;
              }
              break;
          }
          break;
      }
      break;
    case 0xc:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:100: STM 11000 ... ........ @ldstm
          if (h.trans_STM(extract16_ldstm(insn))) return true;
          break;
        case 0x1:
          // t16.decode:101: LDM_t16 11001 ... ........ @ldstm
          if (h.trans_LDM_t16(extract16_ldstm(insn))) return true;
          break;
      }
      break;
    case 0xd:
      if ((insn & 0xf00) === 0xe00) {
        // t16.decode:207: UDF 1101 1110 ---- ----
        if (h.trans_UDF(extract16_YIELD(insn))) return true;
      }
      if ((insn & 0xf00) === 0xf00) {
        // t16.decode:208: SVC 1101 1111 imm:8 &i
        if (h.trans_SVC(extract16_BKPT(insn))) return true;
      }
      // t16.decode:209: B_cond_thumb 1101 cond:4 ........ &ci imm=%imm8_0x2
      if (h.trans_B_cond_thumb(extract16_B_cond_thumb(h, insn))) return true;
      break;
    case 0xe:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:216: B 11100 ........... &i imm=%imm11_0x2
          if (h.trans_B(extract16_B(h, insn))) return true;
          break;
        case 0x1:
          // t16.decode:217: BLX_suffix 11101 imm:11 &i
          if (h.trans_BLX_suffix(extract16_BLX_suffix(insn))) return true;
          break;
      }
      break;
    case 0xf:
      switch ((insn >>> 11) & 0x1) {
        case 0x0:
          // t16.decode:218: BL_BLX_prefix 11110 imm:s11 &i
          if (h.trans_BL_BLX_prefix(extract16_BL_BLX_prefix(insn))) return true;
          break;
        case 0x1:
          // t16.decode:219: BL_suffix 11111 imm:11 &i
          if (h.trans_BL_suffix(extract16_BLX_suffix(insn))) return true;
          break;
      }
      break;
  }
  return false;
}
