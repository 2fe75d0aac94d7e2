// The ARM translator of the system-mode CPU: the user-mode translator (translate.ts) plus the
// instructions that only privileged software uses, as QEMU's target/arm/tcg/translate.c translates
// them when !IS_USER(s): MRS/MSR of the SPSR, CPS, the exception returns (SUBS pc, lr / MOVS pc,
// lr and LDM with the PC and ^), LDM/STM of the user registers, MRC/MCR/MRRC/MCRR of the system
// registers, WFI and HVC (the PSCI conduit). Their work is done by helpers the system CPU
// registers (src/target/arm/system-cpu.ts); this file only emits the calls, so the user-mode
// translator stays unchanged. At PL0 every one of them behaves as in Linux user mode (UNDEFINED,
// or a NOP for CPS), because the TB flags select PL0 and the same checks apply.
import type { Temp } from "../../tcg/context.ts";
import { MO_ALIGN, MO_UL, Opc } from "../../tcg/opcodes.ts";
import { CPSR_A, CPSR_EXEC, CPSR_F, CPSR_I, CPSR_J, CPSR_M, CPSR_USER, CPSR_VALID, TPIDRPRW, TPIDRURO } from "./cpu-state.ts";
import { CP15_CONST_READS, CP15_NOP_WRITES, cpKey } from "./cp15.ts";
import type * as A from "./decode-a32.ts";
import { Dj, I32, type ArmGlobals, type ArmHelperIds } from "./translate-base.ts";
import { ArmTranslator } from "./translate.ts";

const ror32 = (x: number, r: number) => (r === 0 ? x | 0 : (x >>> r) | (x << (32 - r)) | 0);

/** ARM_CPU_MODE_* numbers the banked MRS/MSR decode names (QEMU's arm_cpu_mode). */
const MODE = { USR: 0x10, FIQ: 0x11, IRQ: 0x12, SVC: 0x13, MON: 0x16, ABT: 0x17, HYP: 0x1a, UND: 0x1b } as const;

export interface ArmSystemTranslatorOptions {
  /**
   * The CPU has ARMv7's Virtualization Extensions as far as PL1 sees them (QEMU's ARM_FEATURE_EL2
   * for msr_banked_access_decode): MRS/MSR (banked register) exist. Without them (QEMU's `-M virt
   * -cpu cortex-a15`, virtualization=off) every banked form is UNDEFINED.
   */
  bankedAccess?: boolean;
}

export class ArmSystemTranslator extends ArmTranslator {
  private readonly bankedAccess: boolean;

  constructor(g: ArmGlobals, H: ArmHelperIds, opts: ArmSystemTranslatorOptions = {}) {
    super(g, H);
    this.system = true;
    this.bankedAccess = opts.bankedAccess ?? false;
    this.trans_MRS_bank = (a) => this.mrsBanked(a.r, a.sysm, a.rd);
    this.trans_MSR_bank = (a) => this.msrBanked(a.r, a.sysm, a.rn);
    // The data-processing exception returns: the user-mode fields UNDEF them.
    const subRri = this.trans_SUB_rri;
    this.trans_SUB_rri = (a: A.ArgSRriRot) => (a.rd === 15 && a.s && !this.user ? this.subsPcImm(a) : subRri(a));
    const movRxri = this.trans_MOV_rxri;
    this.trans_MOV_rxri = (a: A.ArgSRrrShi) => (a.rd === 15 && a.s && !this.user ? this.movsPcReg(a) : movRxri(a));
    // The user-mode translator's instructions that are fields (arrow functions) are replaced here.
    this.trans_CPS = (a) => this.cps(a);
    this.trans_WFI = (a) => this.wfi(a);
    this.trans_HVC = (a) => this.hvc(a);
    this.trans_SRS = (a) => this.srs(a);
    // ERET (trans_ERET): at PL1 without EL2 it returns with LR and the SPSR, as SUBS pc, lr, #0.
    this.trans_ERET = () => {
      if (this.user) this.unallocatedEncoding();
      else this.genRfe(this.regCopy(14), this.spsr());
      return true;
    };
    this.trans_RFE = (a) => this.rfe(a);
    const stm = this.trans_STM;
    this.trans_STM = (a) => (a.u ? this.stmUser(a) : stm(a));
    const mcr = this.trans_MCR,
      mrc = this.trans_MRC,
      mcrr = this.trans_MCRR,
      mrrc = this.trans_MRRC;
    this.trans_MCR = (a) => this.coprocSys(a.cp, false, a.opc1, a.crn, a.crm, a.opc2, false, a.rt, 0) || mcr(a);
    this.trans_MRC = (a) => this.coprocSys(a.cp, false, a.opc1, a.crn, a.crm, a.opc2, true, a.rt, 0) || mrc(a);
    this.trans_MCRR = (a) => this.coprocSys(a.cp, true, a.opc1, 0, a.crm, 0, false, a.rt, a.rt2) || mcrr(a);
    this.trans_MRRC = (a) => this.coprocSys(a.cp, true, a.opc1, 0, a.crm, 0, true, a.rt, a.rt2) || mrrc(a);
  }

  // ================================================================ exception return

  /** gen_rfe: pc and CPSR together (cpsr_write_eret masks the pc by the new T bit); leave to the loop. */
  private genRfe(pc: Temp, cpsr: Temp): void {
    this.call("exception_return", null, [pc, cpsr]);
    this.isJmp = Dj.Exit;
  }
  /** The current mode's SPSR in a temp. */
  private spsr(): Temp {
    const t = this.temp();
    this.call("spsr_read", t, []);
    return t;
  }
  /** SUBS pc, rn, #imm (Linux's `subs pc, lr, #4`): gen_exception_return. */
  private subsPcImm(a: A.ArgSRriRot): boolean {
    const t = this.temp();
    this.b.gen_subi_i32(t, this.reg(a.rn), ror32(a.imm, a.rot));
    this.genRfe(t, this.spsr());
    return true;
  }
  /** MOVS pc, rm (an unshifted register: Linux's `movs pc, lr`); shifted forms stay UNDEFINED here. */
  private movsPcReg(a: A.ArgSRrrShi): boolean {
    if (a.shim !== 0 || a.shty !== 0) {
      this.unallocatedEncoding();
      return true;
    }
    const t = this.regCopy(a.rm);
    this.genRfe(t, this.spsr());
    return true;
  }

  // ================================================================ PSRs

  /** msr_mask for a privileged or user MSR. */
  private msrMaskSys(flags: number, spsr: boolean): number {
    let mask = 0;
    if (flags & 1) mask |= 0xff;
    if (flags & 2) mask |= 0xff00;
    if (flags & 4) mask |= 0xff0000;
    if (flags & 8) mask |= 0xff000000;
    // aarch32_cpsr_valid_mask: the Cortex-A15's ID_ISAR1.Jazelle makes J valid (the CPSR's own
    // writes drop it with the rest of the execution state below; an SPSR keeps it).
    mask &= CPSR_VALID | CPSR_J;
    if (!spsr) mask &= ~CPSR_EXEC;
    if (this.user) mask &= CPSR_USER;
    return mask;
  }
  private msrSpsr(mask: number, v: Temp): boolean {
    if (this.user) {
      this.unallocatedEncoding();
      return true;
    }
    this.call("spsr_write", null, [v, this.konst(mask)]);
    this.genLookupTb();
    return true;
  }
  override trans_MSR_imm(a: A.ArgMsrI): boolean {
    if (!a.r) return super.trans_MSR_imm(a);
    return this.msrSpsr(this.msrMaskSys(a.mask, true), this.konst(ror32(a.imm, a.rot * 2)));
  }
  override trans_MSR_reg(a: A.ArgMsrReg): boolean {
    if (!a.r) return super.trans_MSR_reg(a);
    return this.msrSpsr(this.msrMaskSys(a.mask, true), this.regCopy(a.rn));
  }
  override trans_MRS_reg(a: A.ArgMrsReg): boolean {
    if (!a.r || this.user) return super.trans_MRS_reg(a);
    this.storeReg(a.rd, this.spsr());
    return true;
  }
  /**
   * msr_banked_access_decode: (r, sysm) to the target mode and register number (16: its SPSR, 17:
   * ELR_hyp), or null after emitting UNDEF for the cases QEMU UNDEFs at translate time
   * (CONSTRAINED UNPREDICTABLE: PL0, r15, unallocated encodings, Monitor's registers without
   * EL3, Hyp's without being at EL2 or above; this CPU has neither). The checks that depend on the
   * current mode are the helpers' (msr_mrs_banked_exc_checks).
   */
  private bankedDecode(r: number, sysm: number, rn: number): { mode: number; regno: number } | null {
    let mode = -1,
      regno = -1;
    if (this.bankedAccess && !this.user && rn !== 15) {
      if (r) {
        const spsrs: Record<number, number> = {
          0xe: MODE.FIQ,
          0x10: MODE.IRQ,
          0x12: MODE.SVC,
          0x14: MODE.ABT,
          0x16: MODE.UND,
          0x1c: MODE.MON,
          0x1e: MODE.HYP,
        };
        if (sysm in spsrs) [mode, regno] = [spsrs[sysm], 16];
      } else if (sysm <= 6) [mode, regno] = [MODE.USR, sysm + 8];
      else if (sysm >= 8 && sysm <= 0xe) [mode, regno] = [MODE.FIQ, sysm];
      else if (sysm >= 0x10 && sysm !== 0x18 && sysm !== 0x19 && sysm !== 0x1a && sysm !== 0x1b) {
        const byPair: Record<number, number> = {
          0x10: MODE.IRQ,
          0x12: MODE.SVC,
          0x14: MODE.ABT,
          0x16: MODE.UND,
          0x1c: MODE.MON,
          0x1e: MODE.HYP,
        };
        mode = byPair[sysm & ~1];
        regno = sysm & 1 ? 13 : mode === MODE.HYP ? 17 : 14;
      }
      // No EL3 (Monitor) and no EL2 (the CPU is never at EL2 or above): their registers UNDEF.
      if (mode === MODE.MON || mode === MODE.HYP) mode = -1;
    }
    if (mode < 0) {
      this.unallocatedEncoding();
      return null;
    }
    return { mode, regno };
  }
  /** gen_mrs_banked: the helper may UNDEF (the current mode's own register), so it runs with the pc synced, and the TB ends. */
  private mrsBanked(r: number, sysm: number, rd: number): boolean {
    const d = this.bankedDecode(r, sysm, rd);
    if (d === null) return true;
    const t = this.temp();
    this.call("mrs_banked", t, [this.konst(d.mode), this.konst(d.regno)]);
    this.storeReg(rd, t);
    this.setPc(this.pcCurr + this.insnLen);
    this.isJmp = Dj.UpdateExit;
    return true;
  }
  /** gen_msr_banked. */
  private msrBanked(r: number, sysm: number, rn: number): boolean {
    const d = this.bankedDecode(r, sysm, rn);
    if (d === null) return true;
    this.call("msr_banked", null, [this.reg(rn), this.konst(d.mode), this.konst(d.regno)]);
    this.setPc(this.pcCurr + this.insnLen);
    this.isJmp = Dj.UpdateExit;
    return true;
  }

  /** CPS (trans_CPS): a NOP at PL0. */
  private cps(a: A.ArgCps): boolean {
    if (this.user) return true;
    let mask = 0,
      val = 0;
    if (a.imod & 2) {
      if (a.A) mask |= CPSR_A;
      if (a.I) mask |= CPSR_I;
      if (a.F) mask |= CPSR_F;
      if (a.imod & 1) val |= mask;
    }
    if (a.M) {
      mask |= CPSR_M;
      val |= a.mode;
    }
    if (mask) {
      this.call("cpsr_write", null, [this.konst(val), this.konst(mask)]);
      this.genLookupTb();
    }
    return true;
  }

  // ================================================================ hints and calls

  /** WFI: the CPU sleeps until an interrupt (helper_wfi); the TB ends so the loop sees it. */
  private wfi(_a: A.ArgEmpty): boolean {
    this.setPc(this.pcCurr + this.insnLen);
    this.call("wfi", null, []);
    this.isJmp = Dj.Yield;
    return true;
  }

  /** HVC #imm: the PSCI conduit on this board (gen_hvc + arm_handle_psci_call); UNDEFINED at PL0. */
  private hvc(a: A.ArgI): boolean {
    if (this.user) {
      this.unallocatedEncoding();
      return true;
    }
    this.setPc(this.pcCurr);
    this.call("hvc", null, [this.konst(a.imm)]);
    this.setPc(this.pcCurr + this.insnLen);
    this.isJmp = Dj.Yield;
    return true;
  }

  // ================================================================ SRS, RFE

  /** gen_srs: LR and SPSR onto the stack of `mode` (its banked r13: helper get_r13_banked). */
  private srs(a: A.ArgSrs): boolean {
    // UNDEFINED at PL0; UNPREDICTABLE modes (Monitor, Hyp, invalid) UNDEF as in QEMU.
    if (this.user || ![0x10, 0x11, 0x12, 0x13, 0x17, 0x1b, 0x1f].includes(a.mode)) {
      this.unallocatedEncoding();
      return true;
    }
    const addr = this.temp();
    this.call("get_r13_banked", addr, [this.k(a.mode)]);
    this.b.gen_addi_i32(addr, addr, [-4, 0, -8, 4][a.pu]);
    const mo = this.memop(MO_UL | MO_ALIGN);
    this.st(this.reg(14), addr, 0, mo);
    this.st(this.spsr(), addr, 4, mo);
    if (a.w) {
      this.b.gen_addi_i32(addr, addr, [-4, 8, 0, 4][a.pu]); // the final address: DA/DB -8, IA/IB +8 from r13
      this.call("set_r13_banked", null, [this.k(a.mode), addr]);
    }
    this.setPc(this.pcCurr + this.insnLen);
    this.isJmp = Dj.UpdateExit;
    return true;
  }

  /** trans_RFE: pc and CPSR from memory, as an exception return. */
  private rfe(a: A.ArgRfe): boolean {
    if (this.user) {
      this.unallocatedEncoding();
      return true;
    }
    const addr = this.regCopy(a.rn);
    this.b.gen_addi_i32(addr, addr, [-4, 0, -8, 4][a.pu]);
    const mo = this.memop(MO_UL | MO_ALIGN);
    const pc = this.temp(),
      cpsr = this.temp();
    this.ld(pc, addr, 0, mo);
    this.ld(cpsr, addr, 4, mo);
    if (a.w) {
      this.b.gen_addi_i32(addr, addr, [-4, 8, 0, 4][a.pu]);
      this.storeReg(a.rn, addr);
    }
    this.genRfe(pc, cpsr);
    return true;
  }

  // ================================================================ LDM/STM with ^

  private static popcount(x: number): number {
    let n = 0;
    for (let i = 0; i < 16; i++) n += (x >>> i) & 1;
    return n;
  }
  private static sysBlockPre(a: A.ArgLdstBlock, n: number): number {
    if (a.b) return a.i ? 4 : -(n * 4);
    return !a.i && n !== 1 ? -((n - 1) * 4) : 0;
  }

  /** do_ldm with a.u: exception return (the pc in the list) or the user-mode registers. */
  private ldmPrivileged(a: A.ArgLdstBlock): boolean {
    const list = a.list;
    const n = ArmSystemTranslator.popcount(list);
    const excRet = (list & 0x8000) !== 0;
    // LDM (user) with writeback is UNPREDICTABLE; QEMU UNDEFs it.
    if (this.user || n < 1 || a.rn === 15 || (!excRet && a.w)) {
      this.unallocatedEncoding();
      return true;
    }
    const base = this.regCopy(a.rn);
    const pre = ArmSystemTranslator.sysBlockPre(a, n);
    const mo = this.memop(MO_UL | MO_ALIGN);
    let loadedBase: Temp | null = null;
    let pcVal: Temp | null = null;
    for (let i = 0, j = 0; i < 16; i++) {
      if (!(list & (1 << i))) continue;
      const off = pre + 4 * j;
      j++;
      if (i === 15) {
        pcVal = this.temp();
        this.ld(pcVal, base, off, mo);
      } else if (!excRet && i >= 8) {
        const t = this.temp();
        this.ld(t, base, off, mo);
        this.call("set_user_reg", null, [this.k(i), t]);
      } else if (i === a.rn) {
        loadedBase = this.temp();
        this.ld(loadedBase, base, off, mo);
      } else this.ld(this.g.r[i], base, off, mo);
    }
    if (a.w) this.b.gen_addi_i32(this.g.r[a.rn], base, a.i ? n * 4 : -(n * 4));
    if (loadedBase) this.b.gen_mov_i32(this.g.r[a.rn], loadedBase);
    if (pcVal) this.genRfe(pcVal, this.spsr());
    return true;
  }
  override trans_LDM_a32(a: A.ArgLdstBlock): boolean {
    return a.u ? this.ldmPrivileged(a) : super.trans_LDM_a32(a);
  }

  /** STM (user registers): the banked r8..r14 of User mode are stored (helper get_user_reg). */
  private stmUser(a: A.ArgLdstBlock): boolean {
    const list = a.list;
    const n = ArmSystemTranslator.popcount(list);
    if (this.user || n < 1 || a.rn === 15 || a.w) {
      this.unallocatedEncoding();
      return true;
    }
    const base = this.g.r[a.rn];
    const pre = ArmSystemTranslator.sysBlockPre(a, n);
    const mo = this.memop(MO_UL | MO_ALIGN);
    for (let i = 0, j = 0; i < 16; i++) {
      if (!(list & (1 << i))) continue;
      let v: Temp;
      if (i >= 8 && i < 15) {
        v = this.temp();
        this.call("get_user_reg", v, [this.k(i)]);
      } else v = this.reg(i);
      this.st(v, base, pre + 4 * j, mo);
      j++;
    }
    return true;
  }

  // ================================================================ system registers

  /** MRC/MCR/MRRC/MCRR: cp14 and cp15 through the CPU's register table (do_coproc_insn). */
  private coprocSys(
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
    if (cp !== 14 && cp !== 15) return false;
    // TPIDRURW, TPIDRURO reads and TEEHBR live in the CPU state: the user-mode translation reads
    // and writes them inline. TPIDRURO is writable at PL1 (the kernel's set_tls).
    if (!is64 && cp === 15 && opc1 === 0 && crn === 13 && crm === 0 && (opc2 === 2 || opc2 === 3)) {
      if (opc2 === 2 || isRead || this.user) return false;
      this.b.gen_st(Opc.st, I32, this.reg(rt), TPIDRURO * 4);
      this.genLookupTb();
      return true;
    }
    if (!is64 && cp === 15 && opc1 === 0 && crn === 13 && crm === 0 && opc2 === 4 && !this.user) {
      // TPIDRPRW: a plain register in the CPU state, so the kernel's per-CPU accesses need no helper.
      if (isRead) {
        const t = this.temp();
        this.b.gen_ld(Opc.ld, I32, t, TPIDRPRW * 4);
        this.storeReg(rt, t);
      } else this.b.gen_st(Opc.st, I32, this.reg(rt), TPIDRPRW * 4);
      return true;
    }
    if (!is64 && cp === 14 && opc1 === 6 && crn === 1 && crm === 0 && opc2 === 0) return false;
    const k = cpKey(cp, is64, opc1, crn, crm, opc2);
    // Cache maintenance and the v6 WFI encoding at PL1: no code and no TB end (QEMU's ARM_CP_NOP).
    if (!isRead && !this.user && CP15_NOP_WRITES.has(k)) return true;
    const constant = isRead && !this.user ? CP15_CONST_READS.get(k) : undefined;
    if (constant !== undefined) {
      if (rt === 15) this.setNzcv(this.konst(constant));
      else this.storeReg(rt, this.konst(constant));
      return true;
    }
    const key = this.konst(k);
    if (is64) {
      if (isRead) {
        const lo = this.temp(),
          hi = this.temp();
        this.call("cp_read64", lo, [key]);
        this.call("cp_read64_hi", hi, []);
        this.storeReg(rt, lo);
        this.storeReg(rt2, hi);
      } else {
        this.call("cp_write64", null, [key, this.reg(rt), this.reg(rt2)]);
        this.genLookupTb();
      }
      return true;
    }
    if (isRead) {
      const t = this.temp();
      this.call("cp_read", t, [key]);
      if (rt === 15) this.setNzcv(t);
      else this.storeReg(rt, t);
    } else {
      this.call("cp_write", null, [key, this.reg(rt)]);
      this.genLookupTb();
    }
    return true;
  }
}
