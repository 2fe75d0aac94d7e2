// VFP instructions (QEMU's target/arm/tcg/translate-vfp.c) for a VFPv4-D16 CPU without Advanced
// SIMD and without short vectors (MVFR0.FPShVec = 0: a non-zero FPSCR.Len or Stride makes the
// data-processing instructions UNDEFINED, as QEMU decides for cortex-a15). Moves and loads/stores
// are inline ops on the register slots; arithmetic, compares and conversions are one helper call
// each (vfp-helpers.ts) whose operands are register numbers from the KONST table.
import type { Temp } from "../../tcg/context.ts";
import { MO_ALIGN, MO_ALIGN_4, MO_UL, MO_UQ, MO_UW, Opc } from "../../tcg/opcodes.ts";
import { FPSCR, dSlot, sSlot } from "./cpu-state.ts";
import type * as V from "./decode-vfp.ts";
import type { ArmDisas } from "./translate-base.ts";
import { I32, I64 } from "./translate-base.ts";

/** The FPSCR register number of VMSR/VMRS. */
const enum VfpSysReg {
  FPSID = 0,
  FPSCR = 1,
  MVFR2 = 5,
  MVFR1 = 6,
  MVFR0 = 7,
  FPEXC = 8,
  FPINST = 9,
  FPINST2 = 10,
}

/** vfp_expand_imm (VFPExpandImm). */
function expandImm32(imm8: number): number {
  return (((imm8 & 0x80 ? 0x8000 : 0) | (imm8 & 0x40 ? 0x3e00 : 0x4000) | ((imm8 & 0x3f) << 3)) << 16) | 0;
}
function expandImm64(imm8: number): bigint {
  const hi16 = (imm8 & 0x80 ? 0x8000 : 0) | (imm8 & 0x40 ? 0x3fc0 : 0x4000) | (imm8 & 0x3f);
  return BigInt(hi16) << 48n;
}

export class VfpTranslator implements V.VfpDecodeHandler {
  constructor(private readonly s: ArmDisas) {}

  get condexecMask(): number {
    return this.s.condexecMask;
  }

  // ---- register access (vfp_load_reg32/64, vfp_store_reg32/64): plain env words
  private ldS(t: Temp, r: number): void {
    this.s.b.gen_ld(Opc.ld, I32, t, sSlot(r) * 4);
  }
  private stS(v: Temp, r: number): void {
    this.s.b.gen_st(Opc.st, I32, v, sSlot(r) * 4);
  }
  private ldD(t: Temp, r: number): void {
    this.s.b.gen_ld(Opc.ld, I64, t, dSlot(r) * 4);
  }
  private stD(v: Temp, r: number): void {
    this.s.b.gen_st(Opc.st, I64, v, dSlot(r) * 4);
  }

  /** vfp_access_check: FPEXC.EN (system mode); always on in Linux user mode. */
  private accessCheck(): boolean {
    if (this.s.vfpEnabled) return true;
    this.s.unallocatedEncoding();
    return false;
  }
  /** Short vectors are UNDEFINED on this CPU (no FPShVec). */
  private get vectors(): boolean {
    return this.s.vecLen !== 0 || this.s.vecStride !== 0;
  }
  /** One helper call on register numbers. */
  private op(name: string, ...regs: number[]): boolean {
    if (!this.accessCheck()) return true;
    const s = this.s;
    s.call(
      name,
      null,
      regs.map((r) => (r >= 0 && r < 256 ? s.k(r) : s.konst(r))),
    );
    return true;
  }

  // ================================================================ moves between registers

  trans_VMOV_to_gp(a: V.ArgVMOVToGp): boolean {
    // Sizes other than 32 bits are Advanced SIMD; D16-D31 do not exist.
    if (a.size !== 2 || a.vn & 0x10) return false;
    if (!this.accessCheck()) return true;
    const t = this.s.temp();
    this.s.b.gen_ld(Opc.ld, I32, t, (dSlot(a.vn) + a.index) * 4);
    this.s.storeReg(a.rt, t);
    return true;
  }
  trans_VMOV_from_gp(a: V.ArgVMOVFromGp): boolean {
    if (a.size !== 2 || a.vn & 0x10) return false;
    if (!this.accessCheck()) return true;
    this.s.b.gen_st(Opc.st, I32, this.s.reg(a.rt), (dSlot(a.vn) + a.index) * 4);
    return true;
  }

  /**
   * System mode at PL1: FPSID, MVFR0/1 and FPEXC, which work whatever FPEXC.EN says (QEMU's
   * ignore_vfp_enabled); the CPU's helpers read them and take FPEXC writes (FPSID and MVFR writes
   * are ignored there). A write ends the TB: FPEXC.EN is in the TB flags.
   */
  private privilegedSysReg(a: V.ArgVMSRVMRS): boolean {
    const s = this.s;
    if (a.l) {
      const t = s.temp();
      s.call("vfp_sysreg_read", t, [s.k(a.reg)]);
      if (a.rt === 15) s.setNzcv(t);
      else s.storeReg(a.rt, t);
    } else {
      s.call("vfp_sysreg_write", null, [s.k(a.reg), s.reg(a.rt)]);
      s.genLookupTb();
    }
    return true;
  }

  trans_VMSR_VMRS(a: V.ArgVMSRVMRS): boolean {
    const s = this.s;
    switch (a.reg) {
      case VfpSysReg.FPSID:
        // VFPv3 restricts the ID registers to privileged access
        if (s.user) return false;
        break;
      case VfpSysReg.MVFR0:
      case VfpSysReg.MVFR1:
      case VfpSysReg.FPEXC:
        if (s.user) return false;
        break;
      case VfpSysReg.FPSCR:
        break;
      default:
        // MVFR2 (v8), FPINST/FPINST2 (not in VFPv3)
        return false;
    }
    if (a.reg !== VfpSysReg.FPSCR) {
      if (s.system) return this.privilegedSysReg(a);
      // Linux user mode never reaches the privileged VFP system registers.
      s.unallocatedEncoding();
      return true;
    }
    if (!this.accessCheck()) return true;
    const b = s.b;
    if (a.l) {
      const t = s.temp();
      b.gen_ld(Opc.ld, I32, t, FPSCR * 4);
      if (a.rt === 15)
        s.setNzcv(t); // VMRS APSR_nzcv, FPSCR
      else s.storeReg(a.rt, t);
    } else {
      s.call("set_fpscr", null, [s.reg(a.rt)]);
      s.genLookupTb();
    }
    return true;
  }

  trans_VMOV_single(a: V.ArgVMOVSingle): boolean {
    if (!this.accessCheck()) return true;
    const s = this.s;
    if (a.l) {
      const t = s.temp();
      this.ldS(t, a.vn);
      if (a.rt === 15) s.setNzcv(t);
      else s.storeReg(a.rt, t);
    } else this.stS(s.reg(a.rt), a.vn);
    return true;
  }
  /** Two core registers <-> two consecutive S registers (vm + 1 may be beyond s31, as in QEMU). */
  trans_VMOV_64_sp(a: V.ArgVMOV64Sp): boolean {
    if (!this.accessCheck()) return true;
    this.mov64(a, a.vm);
    return true;
  }
  trans_VMOV_64_dp(a: V.ArgVMOV64Sp): boolean {
    if (a.vm & 0x10) return false;
    if (!this.accessCheck()) return true;
    this.mov64(a, a.vm * 2);
    return true;
  }
  private mov64(a: V.ArgVMOV64Sp, sreg: number): void {
    const s = this.s;
    if (a.op) {
      const t = s.temp();
      this.ldS(t, sreg);
      s.storeReg(a.rt, t);
      const t2 = s.temp();
      this.ldS(t2, sreg + 1);
      s.storeReg(a.rt2, t2);
    } else {
      this.stS(s.reg(a.rt), sreg);
      this.stS(s.reg(a.rt2), sreg + 1);
    }
  }

  // ================================================================ loads and stores

  /** [rn + offset] with the pc read aligned (add_reg_for_lit), as base + constant. */
  private base(rn: number, offset: number): [Temp, number] {
    const s = this.s;
    if (rn === 15) return [s.k(0), ((s.pcRead() & ~3) + offset) | 0];
    return [s.g.r[rn], offset];
  }

  trans_VLDR_VSTR_hp(a: V.ArgVLDRVSTRHp): boolean {
    if (!this.accessCheck()) return true;
    const s = this.s;
    const [base, off] = this.base(a.rn, a.u ? a.imm << 1 : -(a.imm << 1));
    const t = s.temp();
    const mo = s.memop(MO_UW | MO_ALIGN);
    if (a.l) {
      s.ld(t, base, off, mo);
      this.stS(t, a.vd);
    } else {
      this.ldS(t, a.vd);
      s.st(t, base, off, mo);
    }
    return true;
  }
  trans_VLDR_VSTR_sp(a: V.ArgVLDRVSTRHp): boolean {
    if (!this.accessCheck()) return true;
    const s = this.s;
    const [base, off] = this.base(a.rn, a.u ? a.imm << 2 : -(a.imm << 2));
    const t = s.temp();
    const mo = s.memop(MO_UL | MO_ALIGN);
    if (a.l) {
      s.ld(t, base, off, mo);
      this.stS(t, a.vd);
    } else {
      this.ldS(t, a.vd);
      s.st(t, base, off, mo);
    }
    return true;
  }
  trans_VLDR_VSTR_dp(a: V.ArgVLDRVSTRHp): boolean {
    if (a.vd & 0x10) return false;
    if (!this.accessCheck()) return true;
    const s = this.s;
    const [base, off] = this.base(a.rn, a.u ? a.imm << 2 : -(a.imm << 2));
    const t = s.temp64();
    const mo = MO_UQ | MO_ALIGN_4 | s.beData;
    if (a.l) {
      s.ld(t, base, off, mo);
      this.stD(t, a.vd);
    } else {
      this.ldD(t, a.vd);
      s.st(t, base, off, mo);
    }
    return true;
  }

  trans_VLDM_VSTM_sp(a: V.ArgVLDMVSTMSp): boolean {
    const n = a.imm;
    // UNPREDICTABLE counts and writeback to the pc: UNDEF
    if (n === 0 || a.vd + n > 32) return false;
    if (a.rn === 15 && a.w) return false;
    if (!this.accessCheck()) return true;
    const s = this.s;
    const [base, start] = this.base(a.rn, a.p ? -(n << 2) : 0);
    const mo = s.memop(MO_UL | MO_ALIGN);
    const t = s.temp();
    for (let i = 0; i < n; i++) {
      if (a.l) {
        s.ld(t, base, start + 4 * i, mo);
        this.stS(t, a.vd + i);
      } else {
        this.ldS(t, a.vd + i);
        s.st(t, base, start + 4 * i, mo);
      }
    }
    if (a.w) s.b.gen_addi_i32(s.g.r[a.rn], s.g.r[a.rn], a.p ? -(n << 2) : n << 2);
    return true;
  }
  trans_VLDM_VSTM_dp(a: V.ArgVLDMVSTMSp): boolean {
    const n = a.imm >> 1;
    if (n === 0 || a.vd + n > 32 || n > 16) return false;
    if (a.rn === 15 && a.w) return false;
    if (a.vd + n > 16) return false; // D16-D31 do not exist
    if (!this.accessCheck()) return true;
    const s = this.s;
    const [base, start] = this.base(a.rn, a.p ? -(a.imm << 2) : 0);
    const mo = MO_UQ | MO_ALIGN_4 | s.beData;
    const t = s.temp64();
    for (let i = 0; i < n; i++) {
      if (a.l) {
        s.ld(t, base, start + 8 * i, mo);
        this.stD(t, a.vd + i);
      } else {
        this.ldD(t, a.vd + i);
        s.st(t, base, start + 8 * i, mo);
      }
    }
    if (a.w) {
      // Decrement-before writes back the lowest address; FLDMX/FSTMX (odd imm) add one word.
      const delta = a.p ? -(a.imm << 2) : 8 * n + (a.imm & 1 ? 4 : 0);
      s.b.gen_addi_i32(s.g.r[a.rn], s.g.r[a.rn], delta);
    }
    return true;
  }

  // ================================================================ data processing

  private sp3(name: string, a: V.ArgVfpDnmS): boolean {
    if (this.vectors) return false;
    return this.op(name, a.vd, a.vn, a.vm);
  }
  private dp3(name: string, a: V.ArgVfpDnmS): boolean {
    if ((a.vd | a.vn | a.vm) & 0x10) return false;
    if (this.vectors) return false;
    return this.op(name, a.vd, a.vn, a.vm);
  }
  trans_VMLA_sp = (a: V.ArgVfpDnmS) => this.sp3("vmla_s", a);
  trans_VMLA_dp = (a: V.ArgVfpDnmS) => this.dp3("vmla_d", a);
  trans_VMLS_sp = (a: V.ArgVfpDnmS) => this.sp3("vmls_s", a);
  trans_VMLS_dp = (a: V.ArgVfpDnmS) => this.dp3("vmls_d", a);
  trans_VNMLS_sp = (a: V.ArgVfpDnmS) => this.sp3("vnmls_s", a);
  trans_VNMLS_dp = (a: V.ArgVfpDnmS) => this.dp3("vnmls_d", a);
  trans_VNMLA_sp = (a: V.ArgVfpDnmS) => this.sp3("vnmla_s", a);
  trans_VNMLA_dp = (a: V.ArgVfpDnmS) => this.dp3("vnmla_d", a);
  trans_VMUL_sp = (a: V.ArgVfpDnmS) => this.sp3("vmul_s", a);
  trans_VMUL_dp = (a: V.ArgVfpDnmS) => this.dp3("vmul_d", a);
  trans_VNMUL_sp = (a: V.ArgVfpDnmS) => this.sp3("vnmul_s", a);
  trans_VNMUL_dp = (a: V.ArgVfpDnmS) => this.dp3("vnmul_d", a);
  trans_VADD_sp = (a: V.ArgVfpDnmS) => this.sp3("vadd_s", a);
  trans_VADD_dp = (a: V.ArgVfpDnmS) => this.dp3("vadd_d", a);
  trans_VSUB_sp = (a: V.ArgVfpDnmS) => this.sp3("vsub_s", a);
  trans_VSUB_dp = (a: V.ArgVfpDnmS) => this.dp3("vsub_d", a);
  trans_VDIV_sp = (a: V.ArgVfpDnmS) => this.sp3("vdiv_s", a);
  trans_VDIV_dp = (a: V.ArgVfpDnmS) => this.dp3("vdiv_d", a);
  // VFMA & co: UNPREDICTABLE with short vectors in v7, UNDEFINED from v8: QEMU UNDEFs for both.
  trans_VFMA_sp = (a: V.ArgVfpDnmS) => this.sp3("vfma_s", a);
  trans_VFMS_sp = (a: V.ArgVfpDnmS) => this.sp3("vfms_s", a);
  trans_VFNMS_sp = (a: V.ArgVfpDnmS) => this.sp3("vfnms_s", a);
  trans_VFNMA_sp = (a: V.ArgVfpDnmS) => this.sp3("vfnma_s", a);
  trans_VFMA_dp = (a: V.ArgVfpDnmS) => this.dp3("vfma_d", a);
  trans_VFMS_dp = (a: V.ArgVfpDnmS) => this.dp3("vfms_d", a);
  trans_VFNMS_dp = (a: V.ArgVfpDnmS) => this.dp3("vfnms_d", a);
  trans_VFNMA_dp = (a: V.ArgVfpDnmS) => this.dp3("vfnma_d", a);

  trans_VMOV_imm_sp(a: V.ArgVMOVImmSp): boolean {
    if (this.vectors) return false;
    if (!this.accessCheck()) return true;
    this.stS(this.s.konst(expandImm32(a.imm)), a.vd);
    return true;
  }
  trans_VMOV_imm_dp(a: V.ArgVMOVImmSp): boolean {
    if (a.vd & 0x10) return false;
    if (this.vectors) return false;
    if (!this.accessCheck()) return true;
    this.stD(this.s.b.const_i64(expandImm64(a.imm)), a.vd);
    return true;
  }

  /** do_vfp_2op_sp/dp with an inline operation on the value. */
  private sp2(a: V.ArgVfpDmSs, f: ((d: Temp, m: Temp) => void) | null): boolean {
    if (this.vectors) return false;
    if (!this.accessCheck()) return true;
    const t = this.s.temp();
    this.ldS(t, a.vm);
    if (f) f(t, t);
    this.stS(t, a.vd);
    return true;
  }
  private dp2(a: V.ArgVfpDmSs, f: ((d: Temp, m: Temp) => void) | null): boolean {
    if ((a.vd | a.vm) & 0x10) return false;
    if (this.vectors) return false;
    if (!this.accessCheck()) return true;
    const t = this.s.temp64();
    this.ldD(t, a.vm);
    if (f) f(t, t);
    this.stD(t, a.vd);
    return true;
  }
  trans_VMOV_reg_sp = (a: V.ArgVfpDmSs) => this.sp2(a, null);
  trans_VMOV_reg_dp = (a: V.ArgVfpDmSs) => this.dp2(a, null);
  trans_VABS_sp = (a: V.ArgVfpDmSs) => this.sp2(a, (d, m) => this.s.b.gen_andi_i32(d, m, 0x7fffffff));
  trans_VABS_dp = (a: V.ArgVfpDmSs) => this.dp2(a, (d, m) => this.s.b.gen_andi_i64(d, m, 0x7fffffffffffffffn));
  trans_VNEG_sp = (a: V.ArgVfpDmSs) => this.sp2(a, (d, m) => this.s.b.gen_xori_i32(d, m, 0x80000000));
  trans_VNEG_dp = (a: V.ArgVfpDmSs) => this.dp2(a, (d, m) => this.s.b.gen_xori_i64(d, m, -0x8000000000000000n));
  trans_VSQRT_sp(a: V.ArgVfpDmSs): boolean {
    if (this.vectors) return false;
    return this.op("vsqrt_s", a.vd, a.vm);
  }
  trans_VSQRT_dp(a: V.ArgVfpDmSs): boolean {
    if ((a.vd | a.vm) & 0x10) return false;
    if (this.vectors) return false;
    return this.op("vsqrt_d", a.vd, a.vm);
  }

  trans_VCMP_sp(a: V.ArgVCMPSp): boolean {
    // Vm must be zero for the compare-with-zero form
    if (a.z && a.vm !== 0) return false;
    return this.op("vcmp_s", a.vd, a.vm, a.e | (a.z << 1));
  }
  trans_VCMP_dp(a: V.ArgVCMPSp): boolean {
    if (a.z && a.vm !== 0) return false;
    if ((a.vd | a.vm) & 0x10) return false;
    return this.op("vcmp_d", a.vd, a.vm, a.e | (a.z << 1));
  }

  // ================================================================ conversions

  trans_VCVT_f32_f16 = (a: V.ArgVCVTF32F16) => this.op("vcvt_s_h", a.vd, a.vm, a.t);
  trans_VCVT_f16_f32 = (a: V.ArgVCVTF32F16) => this.op("vcvt_h_s", a.vd, a.vm, a.t);
  /** f32 -> f64 */
  trans_VCVT_sp(a: V.ArgVfpDmSs): boolean {
    if (a.vd & 0x10) return false;
    return this.op("vcvt_d_s", a.vd, a.vm);
  }
  /** f64 -> f32 */
  trans_VCVT_dp(a: V.ArgVfpDmSs): boolean {
    if (a.vm & 0x10) return false;
    return this.op("vcvt_s_d", a.vd, a.vm);
  }
  trans_VCVT_int_sp = (a: V.ArgVCVTIntSp) => this.op("vcvt_s_int", a.vd, a.vm, a.s);
  trans_VCVT_int_dp(a: V.ArgVCVTIntSp): boolean {
    if (a.vd & 0x10) return false;
    return this.op("vcvt_d_int", a.vd, a.vm, a.s);
  }
  trans_VCVT_fix_sp(a: V.ArgVCVTFixSp): boolean {
    const frac = a.opc & 1 ? 32 - a.imm : 16 - a.imm;
    return this.op("vcvt_fix_s", a.vd, a.opc, frac);
  }
  trans_VCVT_fix_dp(a: V.ArgVCVTFixSp): boolean {
    if (a.vd & 0x10) return false;
    const frac = a.opc & 1 ? 32 - a.imm : 16 - a.imm;
    return this.op("vcvt_fix_d", a.vd, a.opc, frac);
  }
  trans_VCVT_sp_int = (a: V.ArgVCVTSpInt) => this.op("vcvt_int_s", a.vd, a.vm, a.s | (a.rz << 1));
  trans_VCVT_dp_int(a: V.ArgVCVTSpInt): boolean {
    if (a.vm & 0x10) return false;
    return this.op("vcvt_int_d", a.vd, a.vm, a.s | (a.rz << 1));
  }
}
