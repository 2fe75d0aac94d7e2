// GENERATED FILE - DO NOT EDIT.
// Generated from spec/arm/vfp.decode by `npx tsx tools/decodetree/gen.ts`.
// test/arm/decode-generated-fresh.test.ts fails when this file is stale.

import { type ArmDecodeContext } from "./decode-functions.ts";

/** Argument set &vfp_dnm_s (vfp.decode:33, implicit). */
export interface ArgVfpDnmS {
  vm: number;
  vn: number;
  vd: number;
}

/** Argument set &vfp_dm_ss (vfp.decode:36, implicit). */
export interface ArgVfpDmSs {
  vm: number;
  vd: number;
}

/** Argument set &VMOV_to_gp (vfp.decode:44, implicit). */
export interface ArgVMOVToGp {
  vn: number;
  size: number;
  index: number;
  u: number;
  rt: number;
}

/** Argument set &VMOV_from_gp (vfp.decode:48, implicit). */
export interface ArgVMOVFromGp {
  vn: number;
  size: number;
  index: number;
  rt: number;
}

/** Argument set &VMSR_VMRS (vfp.decode:54, implicit). */
export interface ArgVMSRVMRS {
  l: number;
  reg: number;
  rt: number;
}

/** Argument set &VMOV_single (vfp.decode:56, implicit). */
export interface ArgVMOVSingle {
  vn: number;
  l: number;
  rt: number;
}

/** Argument set &VMOV_64_sp (vfp.decode:58, implicit). */
export interface ArgVMOV64Sp {
  vm: number;
  op: number;
  rt2: number;
  rt: number;
}

/** Argument set &VLDR_VSTR_hp (vfp.decode:63, implicit). */
export interface ArgVLDRVSTRHp {
  vd: number;
  u: number;
  l: number;
  rn: number;
  imm: number;
}

/** Argument set &VLDM_VSTM_sp (vfp.decode:69, implicit). */
export interface ArgVLDMVSTMSp {
  vd: number;
  p: number;
  u: number;
  w: number;
  l: number;
  rn: number;
  imm: number;
}

/** Argument set &VMOV_imm_sp (vfp.decode:108, implicit). */
export interface ArgVMOVImmSp {
  vd: number;
  imm: number;
}

/** Argument set &VCMP_sp (vfp.decode:124, implicit). */
export interface ArgVCMPSp {
  vd: number;
  vm: number;
  z: number;
  e: number;
}

/** Argument set &VCVT_f32_f16 (vfp.decode:128, implicit). */
export interface ArgVCVTF32F16 {
  vd: number;
  vm: number;
  t: number;
}

/** Argument set &VCVT_int_sp (vfp.decode:136, implicit). */
export interface ArgVCVTIntSp {
  vd: number;
  vm: number;
  s: number;
}

/** Argument set &VCVT_fix_sp (vfp.decode:143, implicit). */
export interface ArgVCVTFixSp {
  vd: number;
  imm: number;
  opc: number;
}

/** Argument set &VCVT_sp_int (vfp.decode:147, implicit). */
export interface ArgVCVTSpInt {
  vd: number;
  vm: number;
  s: number;
  rz: number;
}

/**
 * One method per pattern name.  Return true when the instruction was handled;
 * false makes the decoder try the next candidate of an overlapping group and
 * finally report "no match".
 */
export interface VfpDecodeHandler extends ArmDecodeContext {
  trans_VMOV_to_gp(a: ArgVMOVToGp): boolean;
  trans_VMOV_from_gp(a: ArgVMOVFromGp): boolean;
  trans_VMSR_VMRS(a: ArgVMSRVMRS): boolean;
  trans_VMOV_single(a: ArgVMOVSingle): boolean;
  trans_VMOV_64_sp(a: ArgVMOV64Sp): boolean;
  trans_VMOV_64_dp(a: ArgVMOV64Sp): boolean;
  trans_VLDR_VSTR_hp(a: ArgVLDRVSTRHp): boolean;
  trans_VLDR_VSTR_sp(a: ArgVLDRVSTRHp): boolean;
  trans_VLDR_VSTR_dp(a: ArgVLDRVSTRHp): boolean;
  trans_VLDM_VSTM_sp(a: ArgVLDMVSTMSp): boolean;
  trans_VLDM_VSTM_dp(a: ArgVLDMVSTMSp): boolean;
  trans_VMLA_sp(a: ArgVfpDnmS): boolean;
  trans_VMLA_dp(a: ArgVfpDnmS): boolean;
  trans_VMLS_sp(a: ArgVfpDnmS): boolean;
  trans_VMLS_dp(a: ArgVfpDnmS): boolean;
  trans_VNMLS_sp(a: ArgVfpDnmS): boolean;
  trans_VNMLS_dp(a: ArgVfpDnmS): boolean;
  trans_VNMLA_sp(a: ArgVfpDnmS): boolean;
  trans_VNMLA_dp(a: ArgVfpDnmS): boolean;
  trans_VMUL_sp(a: ArgVfpDnmS): boolean;
  trans_VMUL_dp(a: ArgVfpDnmS): boolean;
  trans_VNMUL_sp(a: ArgVfpDnmS): boolean;
  trans_VNMUL_dp(a: ArgVfpDnmS): boolean;
  trans_VADD_sp(a: ArgVfpDnmS): boolean;
  trans_VADD_dp(a: ArgVfpDnmS): boolean;
  trans_VSUB_sp(a: ArgVfpDnmS): boolean;
  trans_VSUB_dp(a: ArgVfpDnmS): boolean;
  trans_VDIV_sp(a: ArgVfpDnmS): boolean;
  trans_VDIV_dp(a: ArgVfpDnmS): boolean;
  trans_VFMA_sp(a: ArgVfpDnmS): boolean;
  trans_VFMS_sp(a: ArgVfpDnmS): boolean;
  trans_VFNMS_sp(a: ArgVfpDnmS): boolean;
  trans_VFNMA_sp(a: ArgVfpDnmS): boolean;
  trans_VFMA_dp(a: ArgVfpDnmS): boolean;
  trans_VFMS_dp(a: ArgVfpDnmS): boolean;
  trans_VFNMS_dp(a: ArgVfpDnmS): boolean;
  trans_VFNMA_dp(a: ArgVfpDnmS): boolean;
  trans_VMOV_imm_sp(a: ArgVMOVImmSp): boolean;
  trans_VMOV_imm_dp(a: ArgVMOVImmSp): boolean;
  trans_VMOV_reg_sp(a: ArgVfpDmSs): boolean;
  trans_VMOV_reg_dp(a: ArgVfpDmSs): boolean;
  trans_VABS_sp(a: ArgVfpDmSs): boolean;
  trans_VABS_dp(a: ArgVfpDmSs): boolean;
  trans_VNEG_sp(a: ArgVfpDmSs): boolean;
  trans_VNEG_dp(a: ArgVfpDmSs): boolean;
  trans_VSQRT_sp(a: ArgVfpDmSs): boolean;
  trans_VSQRT_dp(a: ArgVfpDmSs): boolean;
  trans_VCMP_sp(a: ArgVCMPSp): boolean;
  trans_VCMP_dp(a: ArgVCMPSp): boolean;
  trans_VCVT_f32_f16(a: ArgVCVTF32F16): boolean;
  trans_VCVT_f16_f32(a: ArgVCVTF32F16): boolean;
  trans_VCVT_sp(a: ArgVfpDmSs): boolean;
  trans_VCVT_dp(a: ArgVfpDmSs): boolean;
  trans_VCVT_int_sp(a: ArgVCVTIntSp): boolean;
  trans_VCVT_int_dp(a: ArgVCVTIntSp): boolean;
  trans_VCVT_fix_sp(a: ArgVCVTFixSp): boolean;
  trans_VCVT_fix_dp(a: ArgVCVTFixSp): boolean;
  trans_VCVT_sp_int(a: ArgVCVTSpInt): boolean;
  trans_VCVT_dp_int(a: ArgVCVTSpInt): boolean;
}

function extract32_VMOV_64_sp(insn: number): ArgVMOV64Sp {
  return { vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1), op: (insn >>> 20) & 0x1, rt2: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf };
}

function extract32_VLDM_VSTM_sp(insn: number): ArgVLDMVSTMSp {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    p: 0,
    u: 1,
    w: (insn >>> 21) & 0x1,
    l: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    imm: insn & 0xff,
  };
}

function extract32_VMOV_64_dp(insn: number): ArgVMOV64Sp {
  return { vm: (((insn >>> 5) & 0x1) << 4) | (insn & 0xf), op: (insn >>> 20) & 0x1, rt2: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf };
}

function extract32_VLDM_VSTM_dp(insn: number): ArgVLDMVSTMSp {
  return {
    vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf),
    p: 0,
    u: 1,
    w: (insn >>> 21) & 0x1,
    l: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    imm: insn & 0xff,
  };
}

function extract32_VLDR_VSTR_hp(insn: number): ArgVLDRVSTRHp {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    u: (insn >>> 23) & 0x1,
    l: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    imm: insn & 0xff,
  };
}

function extract32_VLDM_VSTM_sp_2(insn: number): ArgVLDMVSTMSp {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    p: 1,
    u: 0,
    w: 1,
    l: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    imm: insn & 0xff,
  };
}

function extract32_VLDR_VSTR_dp(insn: number): ArgVLDRVSTRHp {
  return {
    vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf),
    u: (insn >>> 23) & 0x1,
    l: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    imm: insn & 0xff,
  };
}

function extract32_VLDM_VSTM_dp_2(insn: number): ArgVLDMVSTMSp {
  return {
    vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf),
    p: 1,
    u: 0,
    w: 1,
    l: (insn >>> 20) & 0x1,
    rn: (insn >>> 16) & 0xf,
    imm: insn & 0xff,
  };
}

function extract32_vfp_dnm_s(insn: number): ArgVfpDnmS {
  return {
    vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    vn: (((insn >>> 16) & 0xf) << 1) | ((insn >>> 7) & 0x1),
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
  };
}

function extract32_VMOV_single(insn: number): ArgVMOVSingle {
  return { vn: (((insn >>> 16) & 0xf) << 1) | ((insn >>> 7) & 0x1), l: (insn >>> 20) & 0x1, rt: (insn >>> 12) & 0xf };
}

function extract32_VMOV_imm_sp(insn: number): ArgVMOVImmSp {
  return { vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1), imm: (((insn >>> 16) & 0xf) << 4) | (insn & 0xf) };
}

function extract32_VMSR_VMRS(insn: number): ArgVMSRVMRS {
  return { l: (insn >>> 20) & 0x1, reg: (insn >>> 16) & 0xf, rt: (insn >>> 12) & 0xf };
}

function extract32_vfp_dm_ss(insn: number): ArgVfpDmSs {
  return { vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1), vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1) };
}

function extract32_VCMP_sp(insn: number): ArgVCMPSp {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    z: (insn >>> 16) & 0x1,
    e: (insn >>> 7) & 0x1,
  };
}

function extract32_VCVT_f32_f16(insn: number): ArgVCVTF32F16 {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    t: (insn >>> 7) & 0x1,
  };
}

function extract32_vfp_dm_ds(insn: number): ArgVfpDmSs {
  return { vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1), vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf) };
}

function extract32_VCVT_int_sp(insn: number): ArgVCVTIntSp {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    s: (insn >>> 7) & 0x1,
  };
}

function extract32_VCVT_sp_int(insn: number): ArgVCVTSpInt {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    s: (insn >>> 16) & 0x1,
    rz: (insn >>> 7) & 0x1,
  };
}

function extract32_VCVT_fix_sp(insn: number): ArgVCVTFixSp {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    imm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    opc: (((insn >>> 18) & 0x1) << 2) | (((insn >>> 16) & 0x1) << 1) | ((insn >>> 7) & 0x1),
  };
}

function extract32_vfp_dnm_d(insn: number): ArgVfpDnmS {
  return {
    vm: (((insn >>> 5) & 0x1) << 4) | (insn & 0xf),
    vn: (((insn >>> 7) & 0x1) << 4) | ((insn >>> 16) & 0xf),
    vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf),
  };
}

function extract32_VMOV_from_gp(insn: number): ArgVMOVFromGp {
  return { vn: (((insn >>> 7) & 0x1) << 4) | ((insn >>> 16) & 0xf), size: 2, index: (insn >>> 21) & 0x1, rt: (insn >>> 12) & 0xf };
}

function extract32_VMOV_from_gp_2(insn: number): ArgVMOVFromGp {
  return {
    vn: (((insn >>> 7) & 0x1) << 4) | ((insn >>> 16) & 0xf),
    size: 1,
    index: (((insn >>> 21) & 0x1) << 1) | ((insn >>> 6) & 0x1),
    rt: (insn >>> 12) & 0xf,
  };
}

function extract32_VMOV_from_gp_3(insn: number): ArgVMOVFromGp {
  return {
    vn: (((insn >>> 7) & 0x1) << 4) | ((insn >>> 16) & 0xf),
    size: 0,
    index: (((insn >>> 21) & 0x1) << 2) | ((insn >>> 5) & 0x3),
    rt: (insn >>> 12) & 0xf,
  };
}

function extract32_VMOV_imm_dp(insn: number): ArgVMOVImmSp {
  return { vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf), imm: (((insn >>> 16) & 0xf) << 4) | (insn & 0xf) };
}

function extract32_vfp_dm_dd(insn: number): ArgVfpDmSs {
  return { vm: (((insn >>> 5) & 0x1) << 4) | (insn & 0xf), vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf) };
}

function extract32_VCMP_dp(insn: number): ArgVCMPSp {
  return {
    vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf),
    vm: (((insn >>> 5) & 0x1) << 4) | (insn & 0xf),
    z: (insn >>> 16) & 0x1,
    e: (insn >>> 7) & 0x1,
  };
}

function extract32_vfp_dm_sd(insn: number): ArgVfpDmSs {
  return { vm: (((insn >>> 5) & 0x1) << 4) | (insn & 0xf), vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1) };
}

function extract32_VCVT_int_dp(insn: number): ArgVCVTIntSp {
  return {
    vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf),
    vm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    s: (insn >>> 7) & 0x1,
  };
}

function extract32_VCVT_dp_int(insn: number): ArgVCVTSpInt {
  return {
    vd: (((insn >>> 12) & 0xf) << 1) | ((insn >>> 22) & 0x1),
    vm: (((insn >>> 5) & 0x1) << 4) | (insn & 0xf),
    s: (insn >>> 16) & 0x1,
    rz: (insn >>> 7) & 0x1,
  };
}

function extract32_VCVT_fix_dp(insn: number): ArgVCVTFixSp {
  return {
    vd: (((insn >>> 22) & 0x1) << 4) | ((insn >>> 12) & 0xf),
    imm: ((insn & 0xf) << 1) | ((insn >>> 5) & 0x1),
    opc: (((insn >>> 18) & 0x1) << 2) | (((insn >>> 16) & 0x1) << 1) | ((insn >>> 7) & 0x1),
  };
}

function extract32_VMOV_to_gp(insn: number): ArgVMOVToGp {
  return { vn: (((insn >>> 7) & 0x1) << 4) | ((insn >>> 16) & 0xf), size: 2, index: (insn >>> 21) & 0x1, u: 0, rt: (insn >>> 12) & 0xf };
}

function extract32_VMOV_to_gp_2(insn: number): ArgVMOVToGp {
  return {
    vn: (((insn >>> 7) & 0x1) << 4) | ((insn >>> 16) & 0xf),
    size: 1,
    index: (((insn >>> 21) & 0x1) << 1) | ((insn >>> 6) & 0x1),
    u: (insn >>> 23) & 0x1,
    rt: (insn >>> 12) & 0xf,
  };
}

function extract32_VMOV_to_gp_3(insn: number): ArgVMOVToGp {
  return {
    vn: (((insn >>> 7) & 0x1) << 4) | ((insn >>> 16) & 0xf),
    size: 0,
    index: (((insn >>> 21) & 0x1) << 2) | ((insn >>> 5) & 0x3),
    u: (insn >>> 23) & 0x1,
    rt: (insn >>> 12) & 0xf,
  };
}

/** Decodes one 32-bit instruction (vfp.decode); false if no pattern matched or every matching handler declined. */
export function disasVfp(h: VfpDecodeHandler, insn: number): boolean {
  // Accept the word as int32 or uint32; bit operations below work on int32.
  insn |= 0;
  switch (insn & 0xf000f00) {
    case 0xc000a00:
      switch ((insn >>> 23) & 0x1) {
        case 0x0:
          if ((insn & 0x6000d0) === 0x400010) {
            // vfp.decode:58: VMOV_64_sp ---- 1100 010 op:1 rt2:4 rt:4 1010 00.1 .... vm=%vm_sp
            if (h.trans_VMOV_64_sp(extract32_VMOV_64_sp(insn))) return true;
          }
          break;
        case 0x1:
          // vfp.decode:69: VLDM_VSTM_sp ---- 1100 1 . w:1 l:1 rn:4 .... 1010 imm:8 vd=%vd_sp p=0 u=1
          if (h.trans_VLDM_VSTM_sp(extract32_VLDM_VSTM_sp(insn))) return true;
          break;
      }
      break;
    case 0xc000b00:
      switch ((insn >>> 23) & 0x1) {
        case 0x0:
          if ((insn & 0x6000d0) === 0x400010) {
            // vfp.decode:59: VMOV_64_dp ---- 1100 010 op:1 rt2:4 rt:4 1011 00.1 .... vm=%vm_dp
            if (h.trans_VMOV_64_dp(extract32_VMOV_64_dp(insn))) return true;
          }
          break;
        case 0x1:
          // vfp.decode:70: VLDM_VSTM_dp ---- 1100 1 . w:1 l:1 rn:4 .... 1011 imm:8 vd=%vd_dp p=0 u=1
          if (h.trans_VLDM_VSTM_dp(extract32_VLDM_VSTM_dp(insn))) return true;
          break;
      }
      break;
    case 0xd000900:
      if (((insn >>> 21) & 0x1) === 0x0) {
        // vfp.decode:63: VLDR_VSTR_hp ---- 1101 u:1 .0 l:1 rn:4 .... 1001 imm:8 vd=%vd_sp
        if (h.trans_VLDR_VSTR_hp(extract32_VLDR_VSTR_hp(insn))) return true;
      }
      break;
    case 0xd000a00:
      switch ((insn >>> 21) & 0x1) {
        case 0x0:
          // vfp.decode:64: VLDR_VSTR_sp ---- 1101 u:1 .0 l:1 rn:4 .... 1010 imm:8 vd=%vd_sp
          if (h.trans_VLDR_VSTR_sp(extract32_VLDR_VSTR_hp(insn))) return true;
          break;
        case 0x1:
          if (((insn >>> 23) & 0x1) === 0x0) {
            // vfp.decode:71: VLDM_VSTM_sp ---- 1101 0.1 l:1 rn:4 .... 1010 imm:8 vd=%vd_sp p=1 u=0 w=1
            if (h.trans_VLDM_VSTM_sp(extract32_VLDM_VSTM_sp_2(insn))) return true;
          }
          break;
      }
      break;
    case 0xd000b00:
      switch ((insn >>> 21) & 0x1) {
        case 0x0:
          // vfp.decode:65: VLDR_VSTR_dp ---- 1101 u:1 .0 l:1 rn:4 .... 1011 imm:8 vd=%vd_dp
          if (h.trans_VLDR_VSTR_dp(extract32_VLDR_VSTR_dp(insn))) return true;
          break;
        case 0x1:
          if (((insn >>> 23) & 0x1) === 0x0) {
            // vfp.decode:72: VLDM_VSTM_dp ---- 1101 0.1 l:1 rn:4 .... 1011 imm:8 vd=%vd_dp p=1 u=0 w=1
            if (h.trans_VLDM_VSTM_dp(extract32_VLDM_VSTM_dp_2(insn))) return true;
          }
          break;
      }
      break;
    case 0xe000a00:
      switch (insn & 0xa00050) {
        case 0x0:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // vfp.decode:76: VMLA_sp ---- 1110 0.00 .... .... 1010 .0.0 .... @vfp_dnm_s
              if (h.trans_VMLA_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
            case 0x1:
              // vfp.decode:80: VNMLS_sp ---- 1110 0.01 .... .... 1010 .0.0 .... @vfp_dnm_s
              if (h.trans_VNMLS_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
          }
          break;
        case 0x10:
          if ((insn & 0x40002f) === 0x0) {
            // vfp.decode:56: VMOV_single ---- 1110 000 l:1 .... rt:4 1010 . 001 0000 vn=%vn_sp
            if (h.trans_VMOV_single(extract32_VMOV_single(insn))) return true;
          }
          break;
        case 0x40:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // vfp.decode:78: VMLS_sp ---- 1110 0.00 .... .... 1010 .1.0 .... @vfp_dnm_s
              if (h.trans_VMLS_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
            case 0x1:
              // vfp.decode:82: VNMLA_sp ---- 1110 0.01 .... .... 1010 .1.0 .... @vfp_dnm_s
              if (h.trans_VNMLA_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
          }
          break;
        case 0x200000:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // vfp.decode:84: VMUL_sp ---- 1110 0.10 .... .... 1010 .0.0 .... @vfp_dnm_s
              if (h.trans_VMUL_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
            case 0x1:
              // vfp.decode:88: VADD_sp ---- 1110 0.11 .... .... 1010 .0.0 .... @vfp_dnm_s
              if (h.trans_VADD_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
          }
          break;
        case 0x200040:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // vfp.decode:86: VNMUL_sp ---- 1110 0.10 .... .... 1010 .1.0 .... @vfp_dnm_s
              if (h.trans_VNMUL_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
            case 0x1:
              // vfp.decode:90: VSUB_sp ---- 1110 0.11 .... .... 1010 .1.0 .... @vfp_dnm_s
              if (h.trans_VSUB_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
          }
          break;
        case 0x800000:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // vfp.decode:92: VDIV_sp ---- 1110 1.00 .... .... 1010 .0.0 .... @vfp_dnm_s
              if (h.trans_VDIV_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
            case 0x1:
              // vfp.decode:99: VFNMS_sp ---- 1110 1.01 .... .... 1010 .0.0 .... @vfp_dnm_s
              if (h.trans_VFNMS_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
          }
          break;
        case 0x800040:
          if (((insn >>> 20) & 0x1) === 0x1) {
            // vfp.decode:100: VFNMA_sp ---- 1110 1.01 .... .... 1010 .1.0 .... @vfp_dnm_s
            if (h.trans_VFNMA_sp(extract32_vfp_dnm_s(insn))) return true;
          }
          break;
        case 0xa00000:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // vfp.decode:97: VFMA_sp ---- 1110 1.10 .... .... 1010 .0.0 .... @vfp_dnm_s
              if (h.trans_VFMA_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
            case 0x1:
              if ((insn & 0xa0) === 0x0) {
                // vfp.decode:108: VMOV_imm_sp ---- 1110 1.11 .... .... 1010 0000 .... vd=%vd_sp imm=%vmov_imm
                if (h.trans_VMOV_imm_sp(extract32_VMOV_imm_sp(insn))) return true;
              }
              break;
          }
          break;
        case 0xa00010:
          if ((insn & 0x4000af) === 0x400000) {
            // vfp.decode:54: VMSR_VMRS ---- 1110 111 l:1 reg:4 rt:4 1010 0001 0000
            if (h.trans_VMSR_VMRS(extract32_VMSR_VMRS(insn))) return true;
          }
          break;
        case 0xa00040:
          switch ((insn >>> 20) & 0x1) {
            case 0x0:
              // vfp.decode:98: VFMS_sp ---- 1110 1.10 .... .... 1010 .1.0 .... @vfp_dnm_s
              if (h.trans_VFMS_sp(extract32_vfp_dnm_s(insn))) return true;
              break;
            case 0x1:
              switch (insn & 0xa0000) {
                case 0x0:
                  switch ((insn >>> 18) & 0x1) {
                    case 0x0:
                      switch (insn & 0x10080) {
                        case 0x0:
                          // vfp.decode:111: VMOV_reg_sp ---- 1110 1.11 0000 .... 1010 01.0 .... @vfp_dm_ss
                          if (h.trans_VMOV_reg_sp(extract32_vfp_dm_ss(insn))) return true;
                          break;
                        case 0x80:
                          // vfp.decode:114: VABS_sp ---- 1110 1.11 0000 .... 1010 11.0 .... @vfp_dm_ss
                          if (h.trans_VABS_sp(extract32_vfp_dm_ss(insn))) return true;
                          break;
                        case 0x10000:
                          // vfp.decode:117: VNEG_sp ---- 1110 1.11 0001 .... 1010 01.0 .... @vfp_dm_ss
                          if (h.trans_VNEG_sp(extract32_vfp_dm_ss(insn))) return true;
                          break;
                        case 0x10080:
                          // vfp.decode:120: VSQRT_sp ---- 1110 1.11 0001 .... 1010 11.0 .... @vfp_dm_ss
                          if (h.trans_VSQRT_sp(extract32_vfp_dm_ss(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      // vfp.decode:124: VCMP_sp ---- 1110 1.11 010 z:1 .... 1010 e:1 1.0 .... vd=%vd_sp vm=%vm_sp
                      if (h.trans_VCMP_sp(extract32_VCMP_sp(insn))) return true;
                      break;
                  }
                  break;
                case 0x20000:
                  switch (insn & 0x50000) {
                    case 0x0:
                      // vfp.decode:128: VCVT_f32_f16 ---- 1110 1.11 0010 .... 1010 t:1 1.0 .... vd=%vd_sp vm=%vm_sp
                      if (h.trans_VCVT_f32_f16(extract32_VCVT_f32_f16(insn))) return true;
                      break;
                    case 0x10000:
                      // vfp.decode:129: VCVT_f16_f32 ---- 1110 1.11 0011 .... 1010 t:1 1.0 .... vd=%vd_sp vm=%vm_sp
                      if (h.trans_VCVT_f16_f32(extract32_VCVT_f32_f16(insn))) return true;
                      break;
                    case 0x50000:
                      if (((insn >>> 7) & 0x1) === 0x1) {
                        // vfp.decode:132: VCVT_sp ---- 1110 1.11 0111 .... 1010 11.0 .... @vfp_dm_ds
                        if (h.trans_VCVT_sp(extract32_vfp_dm_ds(insn))) return true;
                      }
                      break;
                  }
                  break;
                case 0x80000:
                  switch ((insn >>> 18) & 0x1) {
                    case 0x0:
                      if (((insn >>> 16) & 0x1) === 0x0) {
                        // vfp.decode:136: VCVT_int_sp ---- 1110 1.11 1000 .... 1010 s:1 1.0 .... vd=%vd_sp vm=%vm_sp
                        if (h.trans_VCVT_int_sp(extract32_VCVT_int_sp(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // vfp.decode:147: VCVT_sp_int ---- 1110 1.11 110 s:1 .... 1010 rz:1 1.0 .... vd=%vd_sp vm=%vm_sp
                      if (h.trans_VCVT_sp_int(extract32_VCVT_sp_int(insn))) return true;
                      break;
                  }
                  break;
                case 0xa0000:
                  // vfp.decode:143: VCVT_fix_sp ---- 1110 1.11 1.1. .... 1010 .1.0 .... vd=%vd_sp imm=%vm_sp opc=%vcvt_fix_op
                  if (h.trans_VCVT_fix_sp(extract32_VCVT_fix_sp(insn))) return true;
                  break;
              }
              break;
          }
          break;
      }
      break;
    case 0xe000b00:
      switch (insn & 0x100010) {
        case 0x0:
          switch (insn & 0xa00040) {
            case 0x0:
              // vfp.decode:77: VMLA_dp ---- 1110 0.00 .... .... 1011 .0.0 .... @vfp_dnm_d
              if (h.trans_VMLA_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x40:
              // vfp.decode:79: VMLS_dp ---- 1110 0.00 .... .... 1011 .1.0 .... @vfp_dnm_d
              if (h.trans_VMLS_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x200000:
              // vfp.decode:85: VMUL_dp ---- 1110 0.10 .... .... 1011 .0.0 .... @vfp_dnm_d
              if (h.trans_VMUL_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x200040:
              // vfp.decode:87: VNMUL_dp ---- 1110 0.10 .... .... 1011 .1.0 .... @vfp_dnm_d
              if (h.trans_VNMUL_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x800000:
              // vfp.decode:93: VDIV_dp ---- 1110 1.00 .... .... 1011 .0.0 .... @vfp_dnm_d
              if (h.trans_VDIV_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0xa00000:
              // vfp.decode:101: VFMA_dp ---- 1110 1.10 .... .... 1011 .0.0 .... @vfp_dnm_d
              if (h.trans_VFMA_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0xa00040:
              // vfp.decode:102: VFMS_dp ---- 1110 1.10 .... .... 1011 .1.0 .... @vfp_dnm_d
              if (h.trans_VFMS_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
          }
          break;
        case 0x10:
          switch (insn & 0xc0000f) {
            case 0x0:
              switch ((insn >>> 5) & 0x1) {
                case 0x0:
                  if (((insn >>> 6) & 0x1) === 0x0) {
                    // vfp.decode:50: VMOV_from_gp ---- 1110 0 0 index:1 0 .... rt:4 1011 .00 1 0000 vn=%vn_dp size=2
                    if (h.trans_VMOV_from_gp(extract32_VMOV_from_gp(insn))) return true;
                  }
                  break;
                case 0x1:
                  // vfp.decode:49: VMOV_from_gp ---- 1110 0 0. 0 .... rt:4 1011 ..1 1 0000 vn=%vn_dp size=1 index=%vmov_idx_h
                  if (h.trans_VMOV_from_gp(extract32_VMOV_from_gp_2(insn))) return true;
                  break;
              }
              break;
            case 0x400000:
              // vfp.decode:48: VMOV_from_gp ---- 1110 0 1. 0 .... rt:4 1011 ... 1 0000 vn=%vn_dp size=0 index=%vmov_idx_b
              if (h.trans_VMOV_from_gp(extract32_VMOV_from_gp_3(insn))) return true;
              break;
          }
          break;
        case 0x100000:
          switch (insn & 0xa00040) {
            case 0x0:
              // vfp.decode:81: VNMLS_dp ---- 1110 0.01 .... .... 1011 .0.0 .... @vfp_dnm_d
              if (h.trans_VNMLS_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x40:
              // vfp.decode:83: VNMLA_dp ---- 1110 0.01 .... .... 1011 .1.0 .... @vfp_dnm_d
              if (h.trans_VNMLA_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x200000:
              // vfp.decode:89: VADD_dp ---- 1110 0.11 .... .... 1011 .0.0 .... @vfp_dnm_d
              if (h.trans_VADD_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x200040:
              // vfp.decode:91: VSUB_dp ---- 1110 0.11 .... .... 1011 .1.0 .... @vfp_dnm_d
              if (h.trans_VSUB_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x800000:
              // vfp.decode:103: VFNMS_dp ---- 1110 1.01 .... .... 1011 .0.0 .... @vfp_dnm_d
              if (h.trans_VFNMS_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0x800040:
              // vfp.decode:104: VFNMA_dp ---- 1110 1.01 .... .... 1011 .1.0 .... @vfp_dnm_d
              if (h.trans_VFNMA_dp(extract32_vfp_dnm_d(insn))) return true;
              break;
            case 0xa00000:
              if ((insn & 0xa0) === 0x0) {
                // vfp.decode:109: VMOV_imm_dp ---- 1110 1.11 .... .... 1011 0000 .... vd=%vd_dp imm=%vmov_imm
                if (h.trans_VMOV_imm_dp(extract32_VMOV_imm_dp(insn))) return true;
              }
              break;
            case 0xa00040:
              switch (insn & 0xa0000) {
                case 0x0:
                  switch ((insn >>> 18) & 0x1) {
                    case 0x0:
                      switch (insn & 0x10080) {
                        case 0x0:
                          // vfp.decode:112: VMOV_reg_dp ---- 1110 1.11 0000 .... 1011 01.0 .... @vfp_dm_dd
                          if (h.trans_VMOV_reg_dp(extract32_vfp_dm_dd(insn))) return true;
                          break;
                        case 0x80:
                          // vfp.decode:115: VABS_dp ---- 1110 1.11 0000 .... 1011 11.0 .... @vfp_dm_dd
                          if (h.trans_VABS_dp(extract32_vfp_dm_dd(insn))) return true;
                          break;
                        case 0x10000:
                          // vfp.decode:118: VNEG_dp ---- 1110 1.11 0001 .... 1011 01.0 .... @vfp_dm_dd
                          if (h.trans_VNEG_dp(extract32_vfp_dm_dd(insn))) return true;
                          break;
                        case 0x10080:
                          // vfp.decode:121: VSQRT_dp ---- 1110 1.11 0001 .... 1011 11.0 .... @vfp_dm_dd
                          if (h.trans_VSQRT_dp(extract32_vfp_dm_dd(insn))) return true;
                          break;
                      }
                      break;
                    case 0x1:
                      // vfp.decode:125: VCMP_dp ---- 1110 1.11 010 z:1 .... 1011 e:1 1.0 .... vd=%vd_dp vm=%vm_dp
                      if (h.trans_VCMP_dp(extract32_VCMP_dp(insn))) return true;
                      break;
                  }
                  break;
                case 0x20000:
                  if ((insn & 0x50080) === 0x50080) {
                    // vfp.decode:133: VCVT_dp ---- 1110 1.11 0111 .... 1011 11.0 .... @vfp_dm_sd
                    if (h.trans_VCVT_dp(extract32_vfp_dm_sd(insn))) return true;
                  }
                  break;
                case 0x80000:
                  switch ((insn >>> 18) & 0x1) {
                    case 0x0:
                      if (((insn >>> 16) & 0x1) === 0x0) {
                        // vfp.decode:137: VCVT_int_dp ---- 1110 1.11 1000 .... 1011 s:1 1.0 .... vd=%vd_dp vm=%vm_sp
                        if (h.trans_VCVT_int_dp(extract32_VCVT_int_dp(insn))) return true;
                      }
                      break;
                    case 0x1:
                      // vfp.decode:148: VCVT_dp_int ---- 1110 1.11 110 s:1 .... 1011 rz:1 1.0 .... vd=%vd_sp vm=%vm_dp
                      if (h.trans_VCVT_dp_int(extract32_VCVT_dp_int(insn))) return true;
                      break;
                  }
                  break;
                case 0xa0000:
                  // vfp.decode:144: VCVT_fix_dp ---- 1110 1.11 1.1. .... 1011 .1.0 .... vd=%vd_dp imm=%vm_sp opc=%vcvt_fix_op
                  if (h.trans_VCVT_fix_dp(extract32_VCVT_fix_dp(insn))) return true;
                  break;
              }
              break;
          }
          break;
        case 0x100010:
          switch (insn & 0x40000f) {
            case 0x0:
              switch ((insn >>> 5) & 0x1) {
                case 0x0:
                  if ((insn & 0x800040) === 0x0) {
                    // vfp.decode:46: VMOV_to_gp ---- 1110 0 0 index:1 1 .... rt:4 1011 .00 1 0000 vn=%vn_dp size=2 u=0
                    if (h.trans_VMOV_to_gp(extract32_VMOV_to_gp(insn))) return true;
                  }
                  break;
                case 0x1:
                  // vfp.decode:45: VMOV_to_gp ---- 1110 u:1 0. 1 .... rt:4 1011 ..1 1 0000 vn=%vn_dp size=1 index=%vmov_idx_h
                  if (h.trans_VMOV_to_gp(extract32_VMOV_to_gp_2(insn))) return true;
                  break;
              }
              break;
            case 0x400000:
              // vfp.decode:44: VMOV_to_gp ---- 1110 u:1 1. 1 .... rt:4 1011 ... 1 0000 vn=%vn_dp size=0 index=%vmov_idx_b
              if (h.trans_VMOV_to_gp(extract32_VMOV_to_gp_3(insn))) return true;
              break;
          }
          break;
      }
      break;
  }
  return false;
}
