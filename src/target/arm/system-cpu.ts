// The ARMv7-A system-mode CPU (QEMU's cortex-a15 on `-M virt`, without EL2/EL3, Neon or D32) for
// the ARM virt board: the user-mode CPU (cpu.ts, the shared translator) plus what PL1 needs —
// processor modes with banked registers and SPSRs (QEMU's switch_mode, cpsr_write), exception entry
// (arm_cpu_do_interrupt_aarch32 / take_aarch32_exception) and return (helper_cpsr_write_eret), the
// cp15/cp14 registers (cp15.ts), the MMU behind the softmmu (system-mmu.ts), IRQ and FIQ inputs,
// WFI and PSCI over HVC. It fits the board's ArmCpu interface (src/hw/arm-virt-machine.ts; see system-host.ts).
//
// Exceptions: helpers and the MMU raise engine exceptions (Excp.Udef, Swi, PrefetchAbort,
// DataAbort, Bkpt; aux = the faulting address, auxHi = the FSR), the engine restores the precise
// pc and IT state, and run() enters the exception vector here between slices. Interrupts are taken
// between slices too: an IRQ/FIQ input change or a CPSR write that unmasks a pending one ends the
// running slice (CpuExec.requestExit).
import { CpuExec, Stop, type ExecOptions } from "../../exec/cpu-exec.ts";
import { PAGE_BITS, type Softmmu } from "../../mem/softmmu.ts";
import type { HelperInfo } from "../../tcg/context.ts";
import { Type } from "../../tcg/opcodes.ts";
import { ArmCp15, SCTLR_A, SCTLR_EE, SCTLR_TE, SCTLR_V, type ArmCp15State } from "./cp15.ts";
import { ArmCpu } from "./cpu.ts";
import {
  CPSR_A,
  CPSR_E,
  CPSR_F,
  CPSR_I,
  CPSR_IL,
  CPSR_IT,
  CPSR_M,
  CPSR_NZCV,
  CPSR_T,
  CPSR_Z,
  CPSR_VALID,
  EXCL_ADDR,
  Excp,
  FPEXC,
  PC,
  REG,
  TB_FLAGS,
  TB_FLAGS2,
  TBF_ALIGN_MEM,
  TBF_MMUIDX_MASK,
  TBF_MMUIDX_SHIFT,
  TBF_THUMB,
  TBF2_VFPEN,
  UNCACHED_CPSR,
  cpsrRead,
  cpsrWrite,
  ARM_STATE_SLOTS,
} from "./cpu-state.ts";
import type { ArmIrqInput, ArmResetState, ArmSystemHost } from "./system-host.ts";
import { ArmSystemMmu } from "./system-mmu.ts";
import { ArmSystemTranslator } from "./translate-system.ts";

export const MODE_USR = 0x10;
export const MODE_FIQ = 0x11;
export const MODE_IRQ = 0x12;
export const MODE_SVC = 0x13;
export const MODE_ABT = 0x17;
export const MODE_UND = 0x1b;
export const MODE_SYS = 0x1f;

/** The softmmu indexes: one per privilege of the PL1&0 regime (QEMU's ARMMMUIdx_E10_0 / E10_1). */
export const MMU_IDX_PL0 = 0;
export const MMU_IDX_PL1 = 1;

/** Engine exception numbers of the asynchronous exceptions (QEMU's EXCP_IRQ / EXCP_FIQ). */
export const EXCP_IRQ = 5;
export const EXCP_FIQ = 6;

/** QEMU's excnames[] for the exceptions this CPU takes. */
const EXCP_NAMES: Record<number, string> = {
  1: "Undefined Instruction",
  2: "SVC",
  3: "Prefetch Abort",
  4: "Data Abort",
  5: "IRQ",
  6: "FIQ",
  7: "Breakpoint",
};

/** VFP ID registers with neon=off,vfp-d32=off (arm_cpu_realizefn's MVFR fix-ups). */
const FPSID = 0x410430f0;
const MVFR0 = 0x10110221;
const MVFR1 = 0x11000011;

/** QEMU's bank_number: the register bank of a mode (-1: not a mode this CPU has). */
function bankNumber(mode: number): number {
  switch (mode) {
    case MODE_USR:
    case MODE_SYS:
      return 0;
    case MODE_SVC:
      return 1;
    case MODE_ABT:
      return 2;
    case MODE_UND:
      return 3;
    case MODE_IRQ:
      return 4;
    case MODE_FIQ:
      return 5;
    default:
      return -1;
  }
}

/** A mode this CPU has (User, FIQ, IRQ, SVC, Abort, Undefined, System): what a snapshot's CPSR may hold. */
export function isCpuMode(mode: number): boolean {
  return bankNumber(mode) >= 0;
}

/** PSCI function IDs QEMU's arm_is_psci_call accepts from AArch32 (anything else: HVC is UNDEFINED). */
function isPsciCall(fn: number): boolean {
  fn >>>= 0;
  return (fn >= 0x84000000 && fn <= 0x8400000a) || (fn >= 0x95c1ba5e && fn <= 0x95c1ba61);
}

export interface ArmSystemCpuOptions extends ExecOptions {
  /** Exceptions and interrupts as they are taken (-d int). */
  logInt?: (line: string) => void;
  /**
   * MRS/MSR (banked register), the part of ARMv7's Virtualization Extensions usable at PL1 (QEMU's
   * ARM_FEATURE_EL2 as msr_banked_access_decode tests it). Off by default, as on QEMU's `-M virt
   * -cpu cortex-a15` (virtualization=off), where every banked form is UNDEFINED. On, the CPU still
   * has no Hyp mode: Hyp's and Monitor's registers stay UNDEFINED, as from PL1 on a CPU with EL2.
   */
  bankedAccess?: boolean;
}

/**
 * The CPU's whole state as plain values, for snapshots (src/hw/arm-virt-snapshot.ts): the register
 * file's guest slots (r0..r15, flags, TB flags, the exclusive monitor, TLS, VFP, the CPSR's mode and
 * masks), the SPSRs and banked registers of the modes not running, WFI, the interrupt inputs'
 * levels, cp15 and the instruction count. Translated code and TLBs are not state: they are dropped.
 */
export interface ArmSystemCpuState {
  /** ARM_STATE_SLOTS slots from REG. */
  regs: Int32Array;
  spsr: number;
  bankedSpsr: Int32Array;
  bankedR13: Int32Array;
  bankedR14: Int32Array;
  usrRegs: Int32Array;
  fiqRegs: Int32Array;
  halted: boolean;
  irqLevel: boolean;
  fiqLevel: boolean;
  cp15: ArmCp15State;
  insns: number;
}

/** The sizes of ArmSystemCpuState's arrays (a snapshot reader checks them). */
export const ARM_CPU_STATE_SIZES = { regs: ARM_STATE_SLOTS, bankedSpsr: 6, bankedR13: 6, bankedR14: 6, usrRegs: 5, fiqRegs: 5 } as const;

export class ArmSystemCpu {
  readonly cpu: ArmCpu;
  readonly exec: CpuExec;
  readonly R: Int32Array;
  readonly cp15: ArmCp15;
  readonly mmu: ArmSystemMmu;
  readonly softmmu: Softmmu;
  private irqLevel = false;
  private fiqLevel = false;
  /** In WFI (or a PSCI CPU_SUSPEND): no instruction runs until IRQ or FIQ is asserted. */
  halted = false;
  private stopRequested = false;
  /** The current mode's SPSR, and the banked copies (QEMU's banked_spsr, banked_r13/r14, usr/fiq_regs). */
  spsr = 0;
  private readonly bankedSpsr = new Int32Array(6);
  private readonly bankedR13 = new Int32Array(6);
  private readonly bankedR14 = new Int32Array(6);
  private readonly usrRegs = new Int32Array(5);
  private readonly fiqRegs = new Int32Array(5);
  private read64Hi = 0;
  logInt: ((line: string) => void) | null;

  readonly irq: ArmIrqInput = {
    set: (level) => {
      this.irqLevel = level;
      if (level) this.exec.requestExit();
    },
  };
  readonly fiq: ArmIrqInput = {
    set: (level) => {
      this.fiqLevel = level;
      if (level) this.exec.requestExit();
    },
  };

  constructor(
    readonly host: ArmSystemHost,
    opts: ArmSystemCpuOptions = {},
  ) {
    this.logInt = opts.logInt ?? null;
    let mmu!: ArmSystemMmu;
    const code = {
      codeRamOffset: (lo: number, _hi: number, flags: number) => mmu.codeRamOffset(lo, flags),
      fetchFault: (lo: number, _hi: number, flags: number): never => mmu.fetchFault(lo, flags),
    };
    this.cp15 = new ArmCp15({
      timer: host.timer,
      flushTlb: () => this.flushTlb(),
      flushTlbPage: (va) => this.flushTlbPage(va),
      flagsChanged: () => this.rebuildFlags(),
      addressTranslate: (va, write, user) => mmu.addressTranslate(va, write, user),
      isr: () => (this.irqLevel ? CPSR_I : 0) | (this.fiqLevel ? CPSR_F : 0),
    });
    this.cpu = new ArmCpu(code, opts, {
      helpers: (R) => this.helpers(R),
      translator: (g, ids) => new ArmSystemTranslator(g, ids, { bankedAccess: opts.bankedAccess ?? false }),
    });
    this.exec = this.cpu.exec;
    this.R = this.cpu.R;
    const exec = this.exec;
    this.softmmu = exec.attachSoftmmu(host.ram, (softmmu) => {
      mmu = new ArmSystemMmu(this.cp15, softmmu, host, (e, aux, auxHi, ra) => exec.raise(e, aux, auxHi, ra));
      return mmu;
    });
    this.mmu = mmu;
    // TBs are keyed by virtual pc: check that the code's physical page is still the one translated.
    this.cpu.codePage = (lo, _hi, flags) => {
      const off = mmu.codeRamOffset(lo, flags);
      return off < 0 ? -1 : off >>> PAGE_BITS;
    };
  }

  // ---------------------------------------------------------------- the board's interface

  get insns(): number {
    return this.exec.icount();
  }

  /** The state a snapshot keeps (taken between two run() calls). */
  saveState(): ArmSystemCpuState {
    return {
      regs: this.R.slice(REG, REG + ARM_STATE_SLOTS),
      spsr: this.spsr,
      bankedSpsr: this.bankedSpsr.slice(),
      bankedR13: this.bankedR13.slice(),
      bankedR14: this.bankedR14.slice(),
      usrRegs: this.usrRegs.slice(),
      fiqRegs: this.fiqRegs.slice(),
      halted: this.halted,
      irqLevel: this.irqLevel,
      fiqLevel: this.fiqLevel,
      cp15: this.cp15.saveState(),
      insns: this.exec.icount(),
    };
  }

  /**
   * Restores saveState()'s values (array sizes as ARM_CPU_STATE_SIZES: the caller checks). A mode
   * the CPU does not have in the saved CPSR would leave the banking inconsistent, so the caller
   * checks that too (isCpuMode). Translated code, the jump cache and the TLBs are dropped.
   */
  loadState(s: ArmSystemCpuState): void {
    this.R.set(s.regs, REG);
    this.spsr = s.spsr | 0;
    this.bankedSpsr.set(s.bankedSpsr);
    this.bankedR13.set(s.bankedR13);
    this.bankedR14.set(s.bankedR14);
    this.usrRegs.set(s.usrRegs);
    this.fiqRegs.set(s.fiqRegs);
    this.halted = s.halted;
    this.irqLevel = s.irqLevel;
    this.fiqLevel = s.fiqLevel;
    this.stopRequested = false;
    this.cp15.loadState(s.cp15);
    this.exec.insns = s.insns;
    this.exec.flushTbs();
    this.flushTlb();
    this.rebuildFlags();
  }

  reset(state: ArmResetState): void {
    const R = this.R;
    this.cpu.reset();
    this.cp15.reset();
    this.bankedSpsr.fill(0);
    this.bankedR13.fill(0);
    this.bankedR14.fill(0);
    this.usrRegs.fill(0);
    this.fiqRegs.fill(0);
    this.spsr = 0;
    this.halted = false;
    this.stopRequested = false;
    R[FPEXC] = 0;
    R[TB_FLAGS2] = 0;
    R[UNCACHED_CPSR] = state.cpsr & CPSR_M;
    // QEMU's reset leaves ZF = 0, i.e. Z set; a boot state that gives flags sets its own.
    cpsrWrite(R, state.cpsr & CPSR_NZCV ? state.cpsr : state.cpsr | CPSR_Z, CPSR_VALID);
    for (let i = 0; i < 15; i++) R[REG + i] = state.regs[i] | 0;
    R[PC] = state.regs[15] | 0;
    const c = state.cp15;
    this.cp15.sctlr = c.sctlr;
    if (c.ttbr0 !== undefined) this.cp15.ttbr0 = c.ttbr0;
    if (c.ttbcr !== undefined) this.cp15.ttbcr = c.ttbcr;
    if (c.dacr !== undefined) this.cp15.dacr = c.dacr;
    this.rebuildFlags();
    // The board rewrote RAM behind the softmmu's back: no TB may survive.
    this.exec.flushTbs();
    this.flushTlb();
  }

  requestExit(): void {
    this.stopRequested = true;
    this.exec.requestExit();
  }

  run(budget: number): "budget" | "wfi" | "stopped" {
    const exec = this.exec;
    const start = exec.insns;
    this.stopRequested = false;
    while (exec.insns - start < budget) {
      if (this.stopRequested) return "stopped";
      if (this.halted) {
        if (!this.irqLevel && !this.fiqLevel) return "wfi";
        this.halted = false;
      }
      this.checkInterrupts();
      const stop = exec.run(budget - (exec.insns - start));
      if (stop === Stop.Exception) this.takeException(exec.excp, exec.excpAux, exec.excpAuxHi);
      else if (stop !== Stop.Budget) return "stopped";
    }
    return this.stopRequested ? "stopped" : "budget";
  }

  // ---------------------------------------------------------------- debugger and monitor access

  /**
   * The physical address of virtual address va as the CPU sees it now (a read, else a fetch, at
   * the current privilege, then at PL1), or -1: QEMU's cpu_get_phys_page_debug for x and gdb.
   */
  debugTranslate(va: number): number {
    return this.mmu.debugTranslate(va >>> 0, this.mode === MODE_USR);
  }

  /** Writes guest virtual memory (RAM only) for a debugger, dropping the TBs translated from it. */
  writeVirtual(addr: number, data: Uint8Array): boolean {
    const ram = new Uint8Array(this.host.ram);
    for (let done = 0; done < data.length;) {
      const a = (addr + done) >>> 0;
      const pa = this.debugTranslate(a);
      if (pa < 0) return false;
      const n = Math.min(data.length - done, 4096 - (a & 0xfff));
      const off = this.host.phys.ramOffset(pa);
      if (off < 0 || this.host.phys.ramOffset(pa + n - 1) !== off + n - 1) return false;
      ram.set(data.subarray(done, done + n), off);
      this.exec.invalidateCodePage(off >>> PAGE_BITS);
      done += n;
    }
    this.flushTlb();
    return true;
  }

  /** Reads guest virtual memory (RAM and devices are not touched: RAM only), or null. */
  readVirtual(addr: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    const ram = new Uint8Array(this.host.ram);
    for (let done = 0; done < len;) {
      const a = (addr + done) >>> 0;
      const pa = this.debugTranslate(a);
      if (pa < 0) return null;
      const n = Math.min(len - done, 4096 - (a & 0xfff));
      const off = this.host.phys.ramOffset(pa);
      if (off < 0 || this.host.phys.ramOffset(pa + n - 1) !== off + n - 1) return null;
      out.set(ram.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  // ---------------------------------------------------------------- state

  get mode(): number {
    return this.R[UNCACHED_CPSR] & CPSR_M;
  }
  get cpsr(): number {
    return cpsrRead(this.R) >>> 0;
  }

  flushTlb(): void {
    this.softmmu.flushAll();
    this.exec.flushJumpCache();
    this.mmu?.flushCodeCache();
  }

  flushTlbPage(va: number): void {
    this.softmmu.flushPage(va & ~0xfff, 0);
    this.exec.flushJumpCachePage(va & ~0xfff, 0);
    this.mmu.flushCodePage(va);
  }

  /** The TB-flag bits that follow the system state: PL (mmu index), SCTLR.A, VFP enabled (FPEXC.EN and CPACR). */
  rebuildFlags(): void {
    const R = this.R;
    const pl0 = this.mode === MODE_USR;
    let f = R[TB_FLAGS] & ~(TBF_MMUIDX_MASK | TBF_ALIGN_MEM);
    f |= (pl0 ? MMU_IDX_PL0 : MMU_IDX_PL1) << TBF_MMUIDX_SHIFT;
    if (this.cp15.sctlr & SCTLR_A) f |= TBF_ALIGN_MEM;
    R[TB_FLAGS] = f;
    const cp10 = (this.cp15.cpacr >>> 20) & 3;
    const vfp = (R[FPEXC] & (1 << 30)) !== 0 && (cp10 === 3 || (cp10 === 1 && !pl0));
    R[TB_FLAGS2] = vfp ? R[TB_FLAGS2] | TBF2_VFPEN : R[TB_FLAGS2] & ~TBF2_VFPEN;
  }

  /** QEMU's switch_mode: bank out the old mode's r13, r14, SPSR (and r8..r12 for FIQ), bank in the new one's. */
  private switchMode(oldMode: number, newMode: number): void {
    if (oldMode === newMode) return;
    const R = this.R;
    if (oldMode === MODE_FIQ) {
      for (let i = 0; i < 5; i++) {
        this.fiqRegs[i] = R[REG + 8 + i];
        R[REG + 8 + i] = this.usrRegs[i];
      }
    } else if (newMode === MODE_FIQ) {
      for (let i = 0; i < 5; i++) {
        this.usrRegs[i] = R[REG + 8 + i];
        R[REG + 8 + i] = this.fiqRegs[i];
      }
    }
    let b = bankNumber(oldMode);
    if (b >= 0) {
      this.bankedR13[b] = R[REG + 13];
      this.bankedR14[b] = R[REG + 14];
      this.bankedSpsr[b] = this.spsr;
    }
    b = bankNumber(newMode);
    if (b >= 0) {
      R[REG + 13] = this.bankedR13[b];
      R[REG + 14] = this.bankedR14[b];
      this.spsr = this.bankedSpsr[b];
    }
  }

  /** cpsr_write for MSR, CPS and exception returns: a mode change banks registers; a bad mode is ignored (bad_mode_switch). */
  writeCpsr(val: number, mask: number): void {
    const R = this.R;
    const old = R[UNCACHED_CPSR] & CPSR_M;
    if ((old ^ val) & mask & CPSR_M) {
      if (bankNumber(val & CPSR_M) < 0) mask &= ~CPSR_M;
      else this.switchMode(old, val & CPSR_M);
    }
    cpsrWrite(R, val, mask);
    this.rebuildFlags();
    if (this.interruptDeliverable()) this.exec.requestExit();
  }

  /** The array holding the User-mode view of a register in the current mode (get_user_reg / set_user_reg); see userRegIndex. */
  private userRegArray(regno: number): Int32Array {
    const mode = this.mode;
    if (regno === 13 || regno === 14) {
      if (mode === MODE_USR || mode === MODE_SYS) return this.R;
      return regno === 13 ? this.bankedR13 : this.bankedR14;
    }
    return regno >= 8 && regno <= 12 && mode === MODE_FIQ ? this.usrRegs : this.R;
  }
  private userRegIndex(arr: Int32Array, regno: number): number {
    if (arr === this.R) return REG + regno;
    return arr === this.usrRegs ? regno - 8 : 0;
  }

  /**
   * Where MRS/MSR (banked) finds register `regno` (8..14, 16: SPSR) of mode `tgt`, after
   * msr_mrs_banked_exc_checks: UNDEFINED (CONSTRAINED UNPREDICTABLE) for the current mode's own
   * registers, User's r8..r12 outside FIQ mode, User's r13 from System mode and User's r14 from
   * System mode.
   */
  private bankedRegister(tgt: number, regno: number): [Int32Array, number] {
    const cur = this.mode;
    let ok = cur !== tgt;
    if (ok && tgt === MODE_USR) {
      if (regno >= 8 && regno <= 12) ok = cur === MODE_FIQ;
      else if (regno === 13 || regno === 14) ok = cur !== MODE_SYS;
    }
    if (!ok) this.exec.raise(Excp.Udef, 0, 0);
    if (regno === 16) return [this.bankedSpsr, bankNumber(tgt)];
    if (regno === 13) return [this.bankedR13, bankNumber(tgt)];
    if (regno === 14) return [this.bankedR14, bankNumber(tgt)];
    return [tgt === MODE_USR ? this.usrRegs : this.fiqRegs, regno - 8];
  }

  // ---------------------------------------------------------------- exceptions

  private interruptDeliverable(): boolean {
    const c = this.R[UNCACHED_CPSR];
    return (this.fiqLevel && !(c & CPSR_F)) || (this.irqLevel && !(c & CPSR_I));
  }

  private checkInterrupts(): void {
    const c = this.R[UNCACHED_CPSR];
    if (this.fiqLevel && !(c & CPSR_F)) this.takeException(EXCP_FIQ, 0, 0);
    else if (this.irqLevel && !(c & CPSR_I)) this.takeException(EXCP_IRQ, 0, 0);
  }

  /** arm_cpu_do_interrupt_aarch32 for the exceptions this CPU takes (aux: address, auxHi: FSR). */
  takeException(excp: number, aux: number, auxHi: number): void {
    const thumb = (this.R[TB_FLAGS] & TBF_THUMB) !== 0;
    if (this.logInt) this.logException(excp, aux, auxHi);
    switch (excp) {
      case Excp.Udef:
        return this.enter(MODE_UND, 0x04, CPSR_I, thumb ? 2 : 4);
      case Excp.Swi:
        return this.enter(MODE_SVC, 0x08, CPSR_I, 0);
      case Excp.Bkpt:
        // A debug exception taken as a prefetch abort (IFSR: debug event).
        this.cp15.ifsr = this.cp15.ttbcr & (1 << 31) ? 0x222 : 0x2;
        return this.enter(MODE_ABT, 0x0c, CPSR_A | CPSR_I, 4);
      case Excp.PrefetchAbort:
        this.cp15.ifsr = auxHi;
        this.cp15.ifar = aux;
        return this.enter(MODE_ABT, 0x0c, CPSR_A | CPSR_I, 4);
      case Excp.DataAbort:
        this.cp15.dfsr = auxHi;
        this.cp15.dfar = aux;
        return this.enter(MODE_ABT, 0x10, CPSR_A | CPSR_I, 8);
      case EXCP_IRQ:
        return this.enter(MODE_IRQ, 0x18, CPSR_A | CPSR_I, 4);
      case EXCP_FIQ:
        return this.enter(MODE_FIQ, 0x1c, CPSR_A | CPSR_I | CPSR_F, 4);
      default:
        throw new Error(`arm system cpu: unexpected exception ${excp} at pc 0x${(this.R[PC] >>> 0).toString(16)}`);
    }
  }

  /** arm_log_exception's lines (-d int), with the fault registers the exception will set. */
  private logException(excp: number, aux: number, auxHi: number): void {
    const name = EXCP_NAMES[excp] ?? "unknown";
    const h = (v: number) => (v >>> 0).toString(16);
    let text = `Taking exception ${excp} [${name}] on CPU 0\n...at pc 0x${h(this.R[PC])}, mode 0x${h(this.mode)}`;
    if (excp === Excp.DataAbort) text += `\n...with DFSR 0x${h(auxHi)} DFAR 0x${h(aux)}`;
    if (excp === Excp.PrefetchAbort) text += `\n...with IFSR 0x${h(auxHi)} IFAR 0x${h(aux)}`;
    this.logInt!(text);
  }

  /** take_aarch32_exception. */
  private enter(newMode: number, vector: number, mask: number, offset: number): void {
    const R = this.R;
    const sctlr = this.cp15.sctlr;
    const old = cpsrRead(R);
    const ret = (R[PC] + offset) | 0;
    this.switchMode(old & CPSR_M, newMode);
    this.spsr = old;
    let c = (old & ~(CPSR_M | CPSR_IT | CPSR_T | CPSR_E | CPSR_IL)) | newMode | mask;
    if (sctlr & SCTLR_TE) c |= CPSR_T;
    if (sctlr & SCTLR_EE) c |= CPSR_E;
    cpsrWrite(R, c, CPSR_VALID);
    R[REG + 14] = ret;
    R[PC] = ((sctlr & SCTLR_V ? 0xffff0000 : this.cp15.vbar) + vector) | 0;
    R[EXCL_ADDR] = R[EXCL_ADDR + 1] = -1;
    this.rebuildFlags();
  }

  // ---------------------------------------------------------------- helpers

  private helpers(R: Int32Array): Map<string, HelperInfo> {
    const out = new Map<string, HelperInfo>();
    const I = Type.I32;
    const add = (name: string, fn: HelperInfo["fn"], outType: Type | null, ins: Type[]) =>
      out.set(name, { name, fn, flags: 0, out: outType, ins });
    const undef = (): never => this.exec.raise(Excp.Udef, 0, 0);
    const pl0 = () => (R[UNCACHED_CPSR] & CPSR_M) === MODE_USR;

    add("cpsr_write", (_o, v, m) => this.writeCpsr(R[v], R[m]), null, [I, I]);
    add("spsr_read", (o) => (R[o] = this.spsr), I, []);
    add("spsr_write", (_o, v, m) => (this.spsr = (this.spsr & ~R[m]) | (R[v] & R[m])), null, [I, I]);
    // helper_cpsr_write_eret: the generated code passes the new pc; its low bits go by the new T bit.
    add(
      "exception_return",
      (_o, pc, cpsr) => {
        const newPc = R[pc];
        this.writeCpsr(R[cpsr], CPSR_VALID);
        R[PC] = newPc & (R[TB_FLAGS] & TBF_THUMB ? ~1 : ~3);
        R[EXCL_ADDR] = R[EXCL_ADDR + 1] = -1;
      },
      null,
      [I, I],
    );
    add(
      "get_user_reg",
      (o, r) => {
        const a = this.userRegArray(R[r]);
        R[o] = a[this.userRegIndex(a, R[r])];
      },
      I,
      [I],
    );
    add(
      "set_user_reg",
      (_o, r, v) => {
        const a = this.userRegArray(R[r]);
        a[this.userRegIndex(a, R[r])] = R[v];
      },
      null,
      [I, I],
    );
    // helper_mrs_banked / helper_msr_banked (Hyp's and Monitor's registers never get here: see
    // ArmSystemTranslator.bankedDecode). The target mode is never the current one, so its
    // registers are the banked copies.
    add(
      "mrs_banked",
      (o, m, r) => {
        const [arr, idx] = this.bankedRegister(R[m], R[r]);
        R[o] = arr[idx];
      },
      I,
      [I, I],
    );
    add(
      "msr_banked",
      (_o, v, m, r) => {
        const [arr, idx] = this.bankedRegister(R[m], R[r]);
        arr[idx] = R[v];
      },
      null,
      [I, I, I],
    );
    // helper_get_r13_banked / set_r13_banked (SRS): the current mode's r13 is the live register.
    const r13Of = (mode: number): { arr: Int32Array; idx: number } | null => {
      const cur = R[UNCACHED_CPSR] & CPSR_M;
      const b = bankNumber(mode);
      if (b < 0) return null;
      return b === bankNumber(cur) ? { arr: R, idx: REG + 13 } : { arr: this.bankedR13, idx: b };
    };
    add(
      "get_r13_banked",
      (o, m) => {
        const s = r13Of(R[m]);
        R[o] = s === null ? undef() : s.arr[s.idx];
      },
      I,
      [I],
    );
    add(
      "set_r13_banked",
      (_o, m, v) => {
        const s = r13Of(R[m]);
        if (s === null) undef();
        else s.arr[s.idx] = R[v];
      },
      null,
      [I, I],
    );
    add(
      "cp_read",
      (o, k) => {
        const v = this.cp15.read(R[k], pl0());
        R[o] = v === undefined ? undef() : v;
      },
      I,
      [I],
    );
    add(
      "cp_read64",
      (o, k) => {
        const v = this.cp15.read(R[k], pl0());
        R[o] = v === undefined ? undef() : v;
        this.read64Hi = this.cp15.hi;
      },
      I,
      [I],
    );
    add("cp_read64_hi", (o) => (R[o] = this.read64Hi), I, []);
    add(
      "cp_write",
      (_o, k, v) => {
        if (!this.cp15.write(R[k], R[v], 0, pl0())) undef();
      },
      null,
      [I, I],
    );
    add(
      "cp_write64",
      (_o, k, lo, hi) => {
        if (!this.cp15.write(R[k], R[lo], R[hi], pl0())) undef();
      },
      null,
      [I, I, I],
    );
    add(
      "wfi",
      () => {
        if (this.irqLevel || this.fiqLevel) return;
        this.halted = true;
        this.exec.requestExit();
      },
      null,
      [],
    );
    add(
      "hvc",
      () => {
        if (!isPsciCall(R[REG])) undef();
        const r = this.host.psci(R[REG], R[REG + 1], R[REG + 2], R[REG + 3]);
        R[REG] = r.r0;
        if (r.action === "wfi" && !this.irqLevel && !this.fiqLevel) {
          this.halted = true;
          this.exec.requestExit();
        }
      },
      null,
      [I],
    );
    add(
      "vfp_sysreg_read",
      (o, reg) => {
        switch (R[reg]) {
          case 0:
            R[o] = FPSID;
            break;
          case 6:
            R[o] = MVFR1;
            break;
          case 7:
            R[o] = MVFR0;
            break;
          default:
            R[o] = R[FPEXC];
        }
      },
      I,
      [I],
    );
    add(
      "vfp_sysreg_write",
      (_o, reg, v) => {
        if (R[reg] !== 8) return; // FPSID and MVFR writes are ignored
        R[FPEXC] = R[v];
        this.rebuildFlags();
      },
      null,
      [I, I],
    );
    return out;
  }
}
