/**
 * VFP disassembly text (capstone 5 spelling) for the patterns of
 * decode-vfp.ts, shared by A32 and T32 (the caller supplies the condition
 * suffix: bits 31:28 in A32, the IT block in Thumb).
 */
import type * as V from "./decode-vfp.ts";
import { type InsnText, r, uimm, unum } from "./disas-format.ts";

const s = (n: number) => `s${n}`;
const d = (n: number) => `d${n}`;

/** VFPExpandImm's single-precision value, printed like C's `%e` (capstone printFPImmOperand). */
export function vfpImmText(imm8: number): string {
  const sign = (imm8 >>> 7) & 1;
  const exp = (imm8 >>> 4) & 7;
  const mant = imm8 & 15;
  // imm8 = a:b:cd:efgh; the float's exponent is NOT(b):bbbbb:cd, i.e. cd + 1 or cd - 3 unbiased.
  const e = exp & 4 ? (exp & 3) - 3 : (exp & 3) + 1;
  const value = (sign ? -1 : 1) * 2 ** e * (1 + mant / 16);
  const [m, x] = value.toExponential(6).split("e");
  const ev = Number(x);
  return `#${m}e${ev < 0 ? "-" : "+"}${String(Math.abs(ev)).padStart(2, "0")}`;
}

const SYSREG: Record<number, string> = {
  0: "fpsid",
  1: "fpscr",
  5: "mvfr2",
  6: "mvfr1",
  7: "mvfr0",
  8: "fpexc",
  9: "fpinst",
  10: "fpinst2",
};

export class VfpDisassembler implements V.VfpDecodeHandler {
  readonly condexecMask = 0;
  insn = 0;
  /** The condition suffix to print ("" for always). */
  cond = "";
  text: InsnText | null = null;

  private emit(mnemonic: string, operands = ""): boolean {
    this.text = { mnemonic, operands };
    return true;
  }
  private fail(): boolean {
    this.text = null;
    return true;
  }
  private op(name: string, type = ""): string {
    return name + this.cond + type;
  }

  private sp3(name: string, a: V.ArgVfpDnmS): boolean {
    return this.emit(this.op(name, ".f32"), `${s(a.vd)}, ${s(a.vn)}, ${s(a.vm)}`);
  }
  private dp3(name: string, a: V.ArgVfpDnmS): boolean {
    return this.emit(this.op(name, ".f64"), `${d(a.vd)}, ${d(a.vn)}, ${d(a.vm)}`);
  }
  private sp2(name: string, a: V.ArgVfpDmSs): boolean {
    return this.emit(this.op(name, ".f32"), `${s(a.vd)}, ${s(a.vm)}`);
  }
  private dp2(name: string, a: V.ArgVfpDmSs): boolean {
    return this.emit(this.op(name, ".f64"), `${d(a.vd)}, ${d(a.vm)}`);
  }

  trans_VMOV_to_gp(a: V.ArgVMOVToGp) {
    const type = a.size === 2 ? ".32" : `.${a.u ? "u" : "s"}${8 << a.size}`;
    return this.emit(this.op("vmov", type), `${r(a.rt)}, ${d(a.vn)}[${a.index}]`);
  }
  trans_VMOV_from_gp(a: V.ArgVMOVFromGp) {
    return this.emit(this.op("vmov", `.${8 << a.size}`), `${d(a.vn)}[${a.index}], ${r(a.rt)}`);
  }
  trans_VMSR_VMRS(a: V.ArgVMSRVMRS) {
    const reg = SYSREG[a.reg];
    if (!reg) return this.fail();
    if (a.l) return this.emit(this.op("vmrs"), `${a.rt === 15 && a.reg === 1 ? "apsr_nzcv" : r(a.rt)}, ${reg}`);
    if (a.reg >= 5 && a.reg <= 7) return this.fail(); // the MVFRs are read-only
    return this.emit(this.op("vmsr"), `${reg}, ${r(a.rt)}`);
  }
  trans_VMOV_single(a: V.ArgVMOVSingle) {
    return this.emit(this.op("vmov"), a.l ? `${r(a.rt)}, ${s(a.vn)}` : `${s(a.vn)}, ${r(a.rt)}`);
  }
  trans_VMOV_64_sp(a: V.ArgVMOV64Sp) {
    if (a.vm === 31) return this.fail();
    const regs = `${s(a.vm)}, ${s(a.vm + 1)}`;
    return this.emit(this.op("vmov"), a.op ? `${r(a.rt)}, ${r(a.rt2)}, ${regs}` : `${regs}, ${r(a.rt)}, ${r(a.rt2)}`);
  }
  trans_VMOV_64_dp(a: V.ArgVMOV64Sp) {
    return this.emit(this.op("vmov"), a.op ? `${r(a.rt)}, ${r(a.rt2)}, ${d(a.vm)}` : `${d(a.vm)}, ${r(a.rt)}, ${r(a.rt2)}`);
  }
  private ldst(reg: string, a: V.ArgVLDRVSTRHp, scale: number, type = ""): boolean {
    const off = a.imm * scale;
    const o = a.imm || !a.u ? `, #${a.u ? "" : "-"}${unum(off)}` : "";
    return this.emit(this.op(a.l ? "vldr" : "vstr", type), `${reg}, [${r(a.rn)}${o}]`);
  }
  trans_VLDR_VSTR_hp(a: V.ArgVLDRVSTRHp) {
    return this.ldst(s(a.vd), a, 2, ".16");
  }
  trans_VLDR_VSTR_sp(a: V.ArgVLDRVSTRHp) {
    return this.ldst(s(a.vd), a, 4);
  }
  trans_VLDR_VSTR_dp(a: V.ArgVLDRVSTRHp) {
    return this.ldst(d(a.vd), a, 4);
  }
  /** VLDM/VSTM; LLVM (DecodeSPRRegListOperand/DecodeDPRRegListOperand) clamps impossible lists. */
  private multi(a: V.ArgVLDMVSTMSp, dp: boolean): boolean {
    let n = dp ? a.imm >>> 1 : a.imm;
    if (n === 0 || n > (dp ? 16 : 32) || a.vd + n > 32) n = Math.min(dp ? 16 : 32, Math.max(1, a.vd + n > 32 ? 32 - a.vd : n));
    const regs: string[] = [];
    for (let i = 0; i < n; i++) regs.push(dp ? d(a.vd + i) : s(a.vd + i));
    const list = `{${regs.join(", ")}}`;
    const x = dp && a.imm & 1; // FLDMX/FSTMX
    if (x && this.insn & 0x00400000) return this.fail(); // FLDMX/FSTMX encode D = 0
    if (a.rn === 13 && a.w && !x) {
      if (a.l && !a.p) return this.emit(this.op("vpop"), list);
      if (!a.l && a.p) return this.emit(this.op("vpush"), list);
    }
    const name = x ? (a.l ? "fldm" : "fstm") + (a.p ? "db" : "ia") + "x" : (a.l ? "vldm" : "vstm") + (a.p ? "db" : "ia");
    return this.emit(this.op(name), `${r(a.rn)}${a.w ? "!" : ""}, ${list}`);
  }
  trans_VLDM_VSTM_sp(a: V.ArgVLDMVSTMSp) {
    return this.multi(a, false);
  }
  trans_VLDM_VSTM_dp(a: V.ArgVLDMVSTMSp) {
    return this.multi(a, true);
  }

  trans_VMLA_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vmla", a);
  }
  trans_VMLA_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vmla", a);
  }
  trans_VMLS_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vmls", a);
  }
  trans_VMLS_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vmls", a);
  }
  trans_VNMLS_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vnmls", a);
  }
  trans_VNMLS_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vnmls", a);
  }
  trans_VNMLA_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vnmla", a);
  }
  trans_VNMLA_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vnmla", a);
  }
  trans_VMUL_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vmul", a);
  }
  trans_VMUL_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vmul", a);
  }
  trans_VNMUL_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vnmul", a);
  }
  trans_VNMUL_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vnmul", a);
  }
  trans_VADD_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vadd", a);
  }
  trans_VADD_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vadd", a);
  }
  trans_VSUB_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vsub", a);
  }
  trans_VSUB_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vsub", a);
  }
  trans_VDIV_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vdiv", a);
  }
  trans_VDIV_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vdiv", a);
  }
  trans_VFMA_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vfma", a);
  }
  trans_VFMS_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vfms", a);
  }
  trans_VFNMS_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vfnms", a);
  }
  trans_VFNMA_sp(a: V.ArgVfpDnmS) {
    return this.sp3("vfnma", a);
  }
  trans_VFMA_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vfma", a);
  }
  trans_VFMS_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vfms", a);
  }
  trans_VFNMS_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vfnms", a);
  }
  trans_VFNMA_dp(a: V.ArgVfpDnmS) {
    return this.dp3("vfnma", a);
  }
  trans_VMOV_imm_sp(a: V.ArgVMOVImmSp) {
    return this.emit(this.op("vmov", ".f32"), `${s(a.vd)}, ${vfpImmText(a.imm)}`);
  }
  trans_VMOV_imm_dp(a: V.ArgVMOVImmSp) {
    return this.emit(this.op("vmov", ".f64"), `${d(a.vd)}, ${vfpImmText(a.imm)}`);
  }
  trans_VMOV_reg_sp(a: V.ArgVfpDmSs) {
    return this.sp2("vmov", a);
  }
  trans_VMOV_reg_dp(a: V.ArgVfpDmSs) {
    return this.dp2("vmov", a);
  }
  trans_VABS_sp(a: V.ArgVfpDmSs) {
    return this.sp2("vabs", a);
  }
  trans_VABS_dp(a: V.ArgVfpDmSs) {
    return this.dp2("vabs", a);
  }
  trans_VNEG_sp(a: V.ArgVfpDmSs) {
    return this.sp2("vneg", a);
  }
  trans_VNEG_dp(a: V.ArgVfpDmSs) {
    return this.dp2("vneg", a);
  }
  trans_VSQRT_sp(a: V.ArgVfpDmSs) {
    return this.sp2("vsqrt", a);
  }
  trans_VSQRT_dp(a: V.ArgVfpDmSs) {
    return this.dp2("vsqrt", a);
  }
  /** VCMP with zero: LLVM's encoding has Vm = 0 and M = 0. */
  private badZero(a: V.ArgVCMPSp): boolean {
    return !!a.z && (this.insn & 0x2f) !== 0;
  }
  trans_VCMP_sp(a: V.ArgVCMPSp) {
    if (this.badZero(a)) return this.fail();
    return this.emit(this.op(a.e ? "vcmpe" : "vcmp", ".f32"), `${s(a.vd)}, ${a.z ? "#0" : s(a.vm)}`);
  }
  trans_VCMP_dp(a: V.ArgVCMPSp) {
    if (this.badZero(a)) return this.fail();
    return this.emit(this.op(a.e ? "vcmpe" : "vcmp", ".f64"), `${d(a.vd)}, ${a.z ? "#0" : d(a.vm)}`);
  }
  trans_VCVT_f32_f16(a: V.ArgVCVTF32F16) {
    return this.emit(this.op(a.t ? "vcvtt" : "vcvtb", ".f32.f16"), `${s(a.vd)}, ${s(a.vm)}`);
  }
  trans_VCVT_f16_f32(a: V.ArgVCVTF32F16) {
    return this.emit(this.op(a.t ? "vcvtt" : "vcvtb", ".f16.f32"), `${s(a.vd)}, ${s(a.vm)}`);
  }
  trans_VCVT_sp(a: V.ArgVfpDmSs) {
    return this.emit(this.op("vcvt", ".f64.f32"), `${d(a.vd)}, ${s(a.vm)}`);
  }
  trans_VCVT_dp(a: V.ArgVfpDmSs) {
    return this.emit(this.op("vcvt", ".f32.f64"), `${s(a.vd)}, ${d(a.vm)}`);
  }
  trans_VCVT_int_sp(a: V.ArgVCVTIntSp) {
    return this.emit(this.op("vcvt", `.f32.${a.s ? "s" : "u"}32`), `${s(a.vd)}, ${s(a.vm)}`);
  }
  trans_VCVT_int_dp(a: V.ArgVCVTIntSp) {
    return this.emit(this.op("vcvt", `.f64.${a.s ? "s" : "u"}32`), `${d(a.vd)}, ${s(a.vm)}`);
  }
  /** Fixed point: opc = op(to fixed):U:sx; the fraction bits are size - imm. */
  private fix(a: V.ArgVCVTFixSp, dp: boolean): boolean {
    const toFixed = a.opc & 4;
    const size = a.opc & 1 ? 32 : 16;
    const fixType = `${a.opc & 2 ? "u" : "s"}${size}`;
    const fpType = dp ? "f64" : "f32";
    const reg = dp ? d(a.vd) : s(a.vd);
    const type = toFixed ? `.${fixType}.${fpType}` : `.${fpType}.${fixType}`;
    return this.emit(this.op("vcvt", type), `${reg}, ${reg}, ${uimm(size - a.imm)}`);
  }
  trans_VCVT_fix_sp(a: V.ArgVCVTFixSp) {
    return this.fix(a, false);
  }
  trans_VCVT_fix_dp(a: V.ArgVCVTFixSp) {
    return this.fix(a, true);
  }
  trans_VCVT_sp_int(a: V.ArgVCVTSpInt) {
    return this.emit(this.op(a.rz ? "vcvt" : "vcvtr", `.${a.s ? "s" : "u"}32.f32`), `${s(a.vd)}, ${s(a.vm)}`);
  }
  trans_VCVT_dp_int(a: V.ArgVCVTSpInt) {
    return this.emit(this.op(a.rz ? "vcvt" : "vcvtr", `.${a.s ? "s" : "u"}32.f64`), `${s(a.vd)}, ${d(a.vm)}`);
  }
}

/**
 * VDUP (core register) -- Advanced SIMD, so not in spec/arm (QEMU: UNDEFINED
 * without Neon), but capstone decodes it: `vdup{cond}.{8,16,32} {d,q}n, rt`.
 */
export function vdupText(insn: number, cond: string): InsnText | null {
  if ((insn & 0x0f900f5f) >>> 0 !== 0x0e800b10) return null;
  const b = (insn >>> 22) & 1;
  const e = (insn >>> 5) & 1;
  if (b && e) return null;
  const size = b ? 8 : e ? 16 : 32;
  const vn = (((insn >>> 7) & 1) << 4) | ((insn >>> 16) & 15);
  const q = (insn >>> 21) & 1;
  if (q && vn & 1) return null;
  return { mnemonic: `vdup${cond}.${size}`, operands: `${q ? `q${vn >>> 1}` : d(vn)}, ${r((insn >>> 12) & 15)}` };
}
