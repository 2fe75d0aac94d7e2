// The ARM CPU as Linux user mode sees it (QEMU's linux-user/arm/cpu_loop.c): the one file where
// linux-user meets the ARM execution engine. It creates the ArmCpu over a process's address space,
// runs slices, maps exceptions to CpuEvents the way QEMU's cpu_loop does (UDF patterns Linux
// treats as breakpoints, the OABI/ARM-private SWI numbers), emulates the kuser helpers when the pc
// reaches their page, and gives the kernel the syscall registers (r7 or the OABI immediate;
// r0..r6; result in r0).
import { Stop, type CpuExec, type ExecOptions } from "../../exec/cpu-exec.ts";
import { Access } from "../../mem/softmmu.ts";
import { ArmCpu } from "../../target/arm/cpu.ts";
import {
  ARM_STATE_SLOTS,
  CPSR_C,
  EXCL_ADDR,
  Excp,
  Fsr,
  PC,
  REG,
  TB_FLAGS,
  TBF_THUMB,
  TPIDRURO,
  regSlot,
} from "../../target/arm/cpu-state.ts";
import { PROT_READ, PROT_WRITE } from "../address-space.ts";
import type { CpuMemory } from "../kernel-memory.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import { CpuEvent, FaultAccess, type UserCpu } from "../user-cpu.ts";

/** si_codes QEMU's ARM cpu loop uses. */
const ILL_ILLOPN = 2,
  ILL_ILLTRP = 4;
/** OABI syscall numbers are the SWI immediate minus this (ARM_SYSCALL_BASE). */
const ARM_SYSCALL_BASE = 0x900000;
/** ARM-private syscalls (ARM_NR_BASE + n). */
export const ARM_NR_BASE = 0xf0000;
const ARM_NR_BREAKPOINT = ARM_NR_BASE + 1;

const EXCP_NAMES: Record<number, string> = {
  [Excp.Udef]: "undefined instruction",
  [Excp.Swi]: "software interrupt",
  [Excp.PrefetchAbort]: "prefetch abort",
  [Excp.DataAbort]: "data abort",
  [Excp.Bkpt]: "breakpoint",
  [Excp.KernelTrap]: "kernel trap",
};

export class ArmUserCpu implements UserCpu {
  readonly arm: ArmCpu;
  readonly exec: CpuExec;
  readonly regSlots = ARM_STATE_SLOTS;
  excp = 0;
  faultAddr = 0;
  faultAccess = FaultAccess.Read;
  faultCode = 0;
  debugStop: number = Stop.Budget;
  private readonly R: Int32Array;
  /** The syscall number the last SWI asked for (EABI r7, or the OABI immediate). */
  private nr = 0;
  /** Length of the last SWI (2 in Thumb state), for enterSyscall/restartSyscall. */
  private swiLen = 4;

  constructor(
    private readonly mem: CpuMemory,
    opts: ExecOptions,
  ) {
    const cpu = new ArmCpu(
      {
        codeRamOffset: (lo, hi) => mem.codeRamOffset(lo, hi),
        // A prefetch abort for code that cannot be read (translation/permission)
        fetchFault: (lo) =>
          cpu.exec.raise(
            Excp.PrefetchAbort,
            lo,
            mem.current.isMapped(Math.floor((lo >>> 0) / 4096)) ? Fsr.PermissionL1 : Fsr.TranslationL1,
            -1,
          ),
        // One engine serves every process: TBs are also keyed by the physical page of their code.
        codePage: (lo, hi) => mem.codePage(lo, hi),
      },
      opts,
    );
    const exec = cpu.exec;
    mem.mmu = exec.attachSoftmmu(mem.ram, mem);
    mem.raiseFault = (access, lo, _hi, retaddr) => {
      const misaligned = (access & 0x100) !== 0;
      const a = access & 0xff;
      const fsr = misaligned ? Fsr.Alignment : mem.current.isMapped(Math.floor((lo >>> 0) / 4096)) ? Fsr.PermissionL1 : Fsr.TranslationL1;
      return exec.raise(a === Access.Fetch ? Excp.PrefetchAbort : Excp.DataAbort, lo, fsr | (a === Access.Write ? 0x800 : 0), retaddr);
    };
    mem.onCodeWrite = (page) => exec.invalidateCodePage(page);
    this.arm = cpu;
    this.exec = exec;
    this.R = cpu.R;
  }

  run(budget: number): CpuEvent {
    const stop = this.exec.run(budget);
    if (stop === Stop.Budget) return CpuEvent.Budget;
    if (stop !== Stop.Exception) {
      this.debugStop = stop;
      return CpuEvent.Debug;
    }
    const exec = this.exec;
    return this.classify(exec.excp, exec.excpAux, exec.excpAuxHi);
  }

  classify(excp: number, auxLo: number, auxHi: number): CpuEvent {
    this.excp = excp;
    this.faultCode = 0;
    this.faultAccess = FaultAccess.Read;
    const R = this.R;
    const pc = R[PC] >>> 0;
    const thumb = (R[TB_FLAGS] & TBF_THUMB) !== 0;
    switch (excp) {
      case Excp.Udef: {
        this.faultAddr = pc;
        // The UDF patterns the Linux kernel uses as breakpoints give SIGTRAP.
        const w = this.mem.current.read(pc, 4);
        if (w) {
          const op = (w[0] | (w[1] << 8) | (w[2] << 16) | (w[3] << 24)) >>> 0;
          const bkpt = thumb ? (op & 0xffff) === 0xde01 || op === 0xa000f7f0 : (op & 0x0fffffff) === 0x07f001f0;
          if (bkpt) return CpuEvent.Breakpoint;
        }
        this.faultCode = ILL_ILLOPN;
        return CpuEvent.IllegalInsn;
      }
      case Excp.Swi:
        return this.classifySwi(pc, thumb);
      case Excp.PrefetchAbort:
      case Excp.DataAbort:
        this.faultAddr = auxLo >>> 0;
        this.faultAccess = excp === Excp.PrefetchAbort ? FaultAccess.Fetch : auxHi & 0x800 ? FaultAccess.Write : FaultAccess.Read;
        return (auxHi & 0x1f) === Fsr.Alignment ? CpuEvent.Misaligned : CpuEvent.PageFault;
      case Excp.Bkpt:
        this.faultAddr = pc;
        return CpuEvent.Breakpoint;
      case Excp.KernelTrap:
        return this.kernelTrap(pc);
    }
    this.faultAddr = pc;
    return CpuEvent.Other;
  }

  /**
   * The SWI left the pc after itself (QEMU's DISAS_SWI); put it back on the instruction, find the
   * number as QEMU's cpu_loop does: Thumb and "svc 0" use r7 (EABI), another ARM immediate is an
   * OABI number (immediate ^ 0x900000); ARM-private numbers >= 0xf0800 are SIGILL, the breakpoint
   * call SIGTRAP.
   */
  private classifySwi(pc: number, thumb: boolean): CpuEvent {
    const R = this.R;
    this.swiLen = thumb ? 2 : 4;
    const at = (pc - this.swiLen) >>> 0;
    let n = R[regSlot(7)] >>> 0;
    if (!thumb) {
      const w = this.mem.current.read(at, 4);
      const imm = w ? (w[0] | (w[1] << 8) | (w[2] << 16)) >>> 0 : 0;
      if (imm !== 0) n = (imm ^ ARM_SYSCALL_BASE) >>> 0;
    }
    if (n > ARM_NR_BASE) {
      if (n === ARM_NR_BREAKPOINT) {
        R[PC] = at | 0;
        this.faultAddr = at;
        return CpuEvent.Breakpoint;
      }
      if (n >= 0xf0800) {
        // SIGILL with the SWI's address; the pc stays after it (as Linux and QEMU do)
        this.faultAddr = at;
        this.faultCode = ILL_ILLTRP;
        return CpuEvent.IllegalInsn;
      }
    }
    this.nr = n;
    R[PC] = at | 0;
    return CpuEvent.Syscall;
  }

  kindOf(excp: number): CpuEvent {
    switch (excp) {
      case Excp.Udef:
        return CpuEvent.IllegalInsn;
      case Excp.Swi:
        return CpuEvent.Syscall;
      case Excp.PrefetchAbort:
      case Excp.DataAbort:
        return CpuEvent.PageFault;
      case Excp.Bkpt:
        return CpuEvent.Breakpoint;
      case Excp.KernelTrap:
        return CpuEvent.Budget;
    }
    return CpuEvent.Other;
  }

  exceptionName(excp: number): string {
    return EXCP_NAMES[excp] ?? `exception 0x${excp.toString(16)}`;
  }

  // ---- the kuser helpers (Linux's Documentation/arch/arm/kernel_user_helpers.rst), emulated when the
  // pc reaches their addresses as QEMU's do_kernel_trap does, then "returning" to lr.

  private kernelTrap(pc: number): CpuEvent {
    const R = this.R;
    const r = (i: number) => R[regSlot(i)];
    this.faultAddr = pc;
    switch (pc) {
      case 0xffff0fa0: // __kuser_memory_barrier
        break;
      case 0xffff0fc0: {
        // __kuser_cmpxchg: r0 old, r1 new, r2 ptr; r0 = 0 and C set if it stored
        const addr = r(2) >>> 0;
        const ev = this.atomicCheck(addr, 4);
        if (ev !== null) return ev;
        const b = this.mem.current.read(addr, 4)!;
        const val = b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24);
        const ok = val === r(0);
        if (ok) this.mem.current.write(addr, u32le(r(1)));
        this.setC(ok);
        R[regSlot(0)] = ok ? 0 : -1;
        break;
      }
      case 0xffff0fe0: // __kuser_get_tls
        R[regSlot(0)] = R[TPIDRURO];
        break;
      case 0xffff0f60: {
        // __kuser_cmpxchg64: r0 -> old, r1 -> new, r2 ptr
        const oldp = r(0) >>> 0,
          newp = r(1) >>> 0;
        const oldv = this.mem.current.read(oldp, 8);
        if (!oldv) return this.segv(oldp);
        const newv = this.mem.current.read(newp, 8);
        if (!newv) return this.segv(newp);
        const addr = r(2) >>> 0;
        const ev = this.atomicCheck(addr, 8);
        if (ev !== null) return ev;
        const cur = this.mem.current.read(addr, 8)!;
        let ok = true;
        for (let i = 0; i < 8; i++) if (cur[i] !== oldv[i]) ok = false;
        if (ok) this.mem.current.write(addr, newv);
        this.setC(ok);
        R[regSlot(0)] = ok ? 0 : -1;
        break;
      }
      default:
        // QEMU aborts on any other address of the page; here it is a fault of the guest's own.
        return this.segv(pc);
    }
    // Jump back to the caller (lr; bit 0 selects Thumb, an even lr leaves the state as it is).
    let lr = r(14) >>> 0;
    if (lr & 1) {
      R[TB_FLAGS] |= TBF_THUMB;
      lr &= ~1;
    }
    R[PC] = lr | 0;
    return CpuEvent.Budget;
  }

  /** atomic_mmu_lookup: alignment (SIGBUS) and read+write access (SIGSEGV). */
  private atomicCheck(addr: number, size: number): CpuEvent | null {
    if (addr & (size - 1)) {
      this.faultAddr = addr;
      return CpuEvent.Misaligned;
    }
    const prot = this.mem.current.protOf(Math.floor(addr / 4096));
    if (prot < 0 || (prot & (PROT_READ | PROT_WRITE)) !== (PROT_READ | PROT_WRITE)) return this.segv(addr);
    return null;
  }
  private segv(addr: number): CpuEvent {
    this.faultAddr = addr >>> 0;
    return CpuEvent.PageFault;
  }
  private setC(c: boolean): void {
    this.arm.writeCpsr(c ? CPSR_C : 0, CPSR_C);
  }

  requestExit(): void {
    this.exec.requestExit();
  }

  get insns(): number {
    return this.exec.icount();
  }

  /** The pc; setting it interworks like BX (bit 0 selects Thumb state), as the ELF entry does. */
  get pc(): number {
    return this.R[PC] >>> 0;
  }
  set pc(v: number) {
    this.arm.thumb = (v & 1) !== 0;
    this.R[PC] = v & ~1;
  }
  get sp(): number {
    return this.R[regSlot(13)] >>> 0;
  }
  set sp(v: number) {
    this.R[regSlot(13)] = v | 0;
  }
  getReg(i: number): number {
    return this.R[regSlot(i)] >>> 0;
  }
  setReg(i: number, v: number): void {
    this.R[regSlot(i)] = v | 0;
  }

  saveRegs(into: Int32Array): void {
    into.set(this.R.subarray(REG, REG + ARM_STATE_SLOTS));
  }
  loadRegs(from: Int32Array): void {
    this.R.set(from.subarray(0, ARM_STATE_SLOTS), REG);
    this.R[EXCL_ADDR] = this.R[EXCL_ADDR + 1] = -1; // a context switch clears the monitor
  }

  syscallNr(): number {
    return this.nr;
  }
  readSyscallArgs(args: SyscallArgs): void {
    const R = this.R;
    for (let i = 0; i < 7; i++) {
      args.rawLo[i] = R[regSlot(i)];
      args.rawHi[i] = 0;
    }
  }
  setSyscallResult(v: number | bigint): void {
    this.R[regSlot(0)] = typeof v === "bigint" ? Number(BigInt.asIntN(32, v)) : v | 0;
  }
  enterSyscall(): void {
    this.R[PC] = (this.R[PC] + this.swiLen) | 0;
  }
  restartSyscall(): void {
    this.R[PC] = (this.R[PC] - this.swiLen) | 0;
  }

  initCloneRegs(regs: Int32Array, newSp: number, tls: number | null): void {
    regs[regSlot(0) - REG] = 0;
    if (newSp) regs[regSlot(13) - REG] = newSp | 0;
    if (tls !== null) regs[TPIDRURO - REG] = tls | 0;
  }
}

function u32le(v: number): Uint8Array {
  return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

/** The ArmCpu under an ARM process's adapter (tests, the debugger, the embedding API). */
export function armCpuOf(p: { readonly cpu: UserCpu }): ArmCpu {
  if (!(p.cpu instanceof ArmUserCpu)) throw new Error("not an ARM process");
  return p.cpu.arm;
}
