// What the generic kernel needs from a guest CPU: the per-architecture adapter over the execution
// engine (riscv64/cpu.ts for RISC-V). Everything engine-specific — running a slice, instruction
// budgets, the target's exception numbers, register slots — stays behind this interface, so the
// kernel's run loop, syscall dispatcher and signal code never see a RiscvCpu.
import type { CpuExec } from "../exec/cpu-exec.ts";
import type { SyscallArgs } from "./syscall-args.ts";

/** Why UserCpu.run() returned: the target's exceptions mapped to what Linux does with them. */
export const enum CpuEvent {
  /** The instruction budget ran out (or an exit was requested). */
  Budget = 0,
  /** A system call instruction (ecall, int $0x80, svc 0). */
  Syscall = 1,
  /** An access the page table does not allow: faultAddr, faultAccess (SIGSEGV). */
  PageFault = 2,
  /** An undefined instruction (SIGILL, ILL_ILLOPC or faultCode); faultAddr is its pc. */
  IllegalInsn = 3,
  /** A breakpoint instruction (SIGTRAP, TRAP_BRKPT); faultAddr is its pc. */
  Breakpoint = 4,
  /** A misaligned access the CPU does not support (SIGBUS, BUS_ADRALN): faultAddr. */
  Misaligned = 5,
  /** An arithmetic exception (SIGFPE, code in faultCode: FPE_INTDIV...): faultAddr is the pc. */
  Arithmetic = 6,
  /** An exception Linux does not know (raised by a debugger or an embedder): see `excp`. */
  Other = 7,
  /** The engine stopped at a breakpoint or watchpoint (its run control): see `debugStop`. */
  Debug = 8,
}

/** The access that faulted (the softmmu's Access numbering). */
export const enum FaultAccess {
  Read = 0,
  Write = 1,
  Fetch = 2,
}

/** The signal a fault raises, when the architecture decides it itself (i386's SI_KERNEL faults). */
export interface FaultSignal {
  readonly signo: number;
  readonly code: number;
  readonly addr: number;
}

export interface UserCpu {
  /** The execution engine, for tools that observe it (logs, debugger, TB statistics). */
  readonly exec: CpuExec;

  /** Runs the loaded registers for at most `budget` guest instructions. */
  run(budget: number): CpuEvent;
  /**
   * Classifies an engine exception that a stepper (which ran bytecode itself) left pending, and
   * fills the event details as run() would.
   */
  classify(excp: number, auxLo: number, auxHi: number): CpuEvent;
  /** What a target exception number is, without changing any state (debuggers ask). */
  kindOf(excp: number): CpuEvent;
  /** Details of the last event: the target's exception number, fault address, access and code. */
  readonly excp: number;
  readonly faultAddr: number;
  readonly faultAccess: FaultAccess;
  readonly faultCode: number;
  /**
   * The signal for the last classified fault, for architectures whose faults are not just
   * "the event's signal with the fault address" (i386: #GP is SIGSEGV with SI_KERNEL, int3 SIGTRAP
   * with SI_KERNEL, as QEMU's cpu_loop). Absent or null: the generic mapping of the event.
   */
  faultSignal?(): FaultSignal | null;
  /** A readable name of a target exception number ("load page fault"). */
  exceptionName(excp: number): string;
  /** Makes a running run() return soon (QEMU's cpu_exit); safe from hooks and callbacks. */
  requestExit(): void;
  /** Guest instructions retired so far (including the running slice: the engine counts them). */
  readonly insns: number;
  /** For CpuEvent.Debug: the engine's Stop (Breakpoint or Watchpoint). */
  readonly debugStop: number;

  /** The program counter and stack pointer as guest addresses. */
  pc: number;
  sp: number;

  /** Size of a thread's saved register state, and saving/loading it (a context switch). */
  readonly regSlots: number;
  saveRegs(into: Int32Array): void;
  /** Loads registers; drops the CPU's load reservation (LR/SC, LDREX), as a context switch does. */
  loadRegs(from: Int32Array): void;

  /** The syscall number, and the raw argument registers into args.rawLo/rawHi. */
  syscallNr(): number;
  readSyscallArgs(args: SyscallArgs): void;
  /** The syscall's return value (or -errno). */
  setSyscallResult(v: number | bigint): void;
  /** Moves the pc past the syscall instruction (before dispatching it), or back onto it (to restart it). */
  enterSyscall(): void;
  restartSyscall(): void;

  /**
   * Prepares saved registers (a copy of the calling thread's) for the child of clone/fork: the
   * syscall returns 0 there, on `newSp` if not 0, with thread pointer `tls` if not null (CLONE_SETTLS).
   */
  initCloneRegs(regs: Int32Array, newSp: number, tls: number | null): void;
}
