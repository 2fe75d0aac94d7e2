// What an architecture provides to run its Linux programs: a guest is a folder (riscv64/) holding
// one LinuxAbi. The generic kernel (process.ts, syscalls/*.ts) does everything else.
//
//   - cpu: the adapter over the execution engine (UserCpu; the only file that touches the engine)
//   - syscalls: its numbers mapped to generic handlers (and its own ones, e.g. riscv_hwprobe)
//   - layouts: its struct layouts, as data; layout: its address-space constants
//   - signals: building the handler's frame and sigreturn; vectors: the pages the kernel maps
//     for it (signal trampoline, ARM's kuser helpers)
//   - elf and auxv: which executables it runs and what the loader tells them
import type { ExecOptions } from "../exec/cpu-exec.ts";
import type { DebugArch } from "../exec/debug-arch.ts";
import type { AddressSpace } from "./address-space.ts";
import type { CpuMemory } from "./kernel-memory.ts";
import type { AbiLayouts, AddressLayout } from "./layouts.ts";
import type { SigAction, SigInfo } from "./signals.ts";
import type { SyscallTable } from "./syscall-table.ts";
import type { Thread } from "./thread.ts";
import type { UserCpu } from "./user-cpu.ts";

/** Which ELF files the architecture runs, and how to say what a wrong one is. */
export interface ElfAbi {
  /** e_machine (EM_RISCV 243, EM_386 3, EM_ARM 40) and its name in errors ("RISC-V"). */
  readonly machine: number;
  readonly machineName: string;
  /** ELFCLASS32 (1) or ELFCLASS64 (2). */
  readonly elfClass: 1 | 2;
  /** The error for the other class with the right machine ("32-bit ELF (riscv32); only riscv64 is supported"). */
  readonly wrongClass: string;
  /** The stack is executable when the program has no PT_GNU_STACK (QEMU's EXSTACK_DEFAULT; Linux's READ_IMPLIES_EXEC on i386). */
  readonly execStackDefault?: boolean;
}

/** What the loader puts in the auxiliary vector besides the generic entries. */
export interface AuxvAbi {
  readonly hwcap: number;
  readonly hwcap2: number;
  /** AT_PLATFORM's string ("i686", "v7l"), or null (riscv has none). */
  readonly platform: string | null;
  readonly minsigstksz: number;
}

/** Everything a signal frame needs; the arch writes the frame and, if that worked, the registers. */
export interface SignalDelivery<C extends UserCpu> {
  readonly cpu: C;
  readonly as: AddressSpace;
  readonly thread: Thread;
  readonly sig: number;
  readonly info: SigInfo;
  readonly action: SigAction;
  /** The stack to build the frame below (the alternate stack's top when switching to it). */
  readonly sp: number;
  /** uc_stack.ss_flags to save (SS_ONSTACK, SS_DISABLE or 0). */
  readonly ssFlags: number;
  /** The kernel's sigreturn trampoline (vectors), for handlers without SA_RESTORER. */
  readonly sigtramp: number;
}

/** What sigreturn read back from the frame (registers are already restored). */
export interface SigreturnState {
  /** The signal mask to restore. */
  readonly mask: bigint;
  /** uc_stack (rt frames): the alternate stack to restore. */
  readonly stack: { sp: number; flags: number; size: number } | null;
}

export interface SignalAbi<C extends UserCpu> {
  /**
   * Builds a handler's frame; false if it cannot be written. ABIs with two frame kinds (i386,
   * ARM) build the rt one when action.flags has SA_SIGINFO, as Linux does.
   */
  setupFrame(d: SignalDelivery<C>): boolean;
  /** sigreturn / rt_sigreturn from the frame at the stack pointer; null on a bad frame. */
  restoreFrame(cpu: C, as: AddressSpace, rt: boolean): SigreturnState | null;
}

/** What mapVectors maps for ABIs with a vdso. */
export interface MappedVectors {
  readonly sigtramp: number;
  readonly vdsoBase: number;
  /** AT_SYSINFO (the vsyscall entry), 0 for none. */
  readonly vdsoEntry: number;
}

export interface LinuxAbi<C extends UserCpu = UserCpu> {
  /** The architecture's name ("riscv64"). */
  readonly name: string;
  /** uname's machine field ("riscv64", "i686", "armv7l"). */
  readonly machine: string;
  readonly elf: ElfAbi;
  readonly layout: AddressLayout;
  readonly layouts: AbiLayouts;
  readonly syscalls: SyscallTable;
  /** -strace argument descriptions of arch-specific syscalls (see strace.ts). */
  readonly straceFormats?: Record<string, string>;
  readonly auxv: AuxvAbi;
  readonly signals: SignalAbi<C>;
  /**
   * qemu-user dumps core for this target (USE_ELF_CORE_DUMP in its elfload.c: i386 and ARM, not
   * riscv), so a fatal core signal prints "qemu: uncaught target signal N (...) - core dumped",
   * whatever RLIMIT_CORE says (its elf_core_dump returns success without writing when the limit is
   * 0). tciemu writes no core file. Absent: no message, as qemu-riscv64 10 prints none.
   */
  readonly coreDump?: boolean;
  /**
   * The kernel's one CPU over guest memory `mem` (it attaches the softmmu to mem, maps faults to
   * CpuEvents and keys TBs by physical code page through mem.codePage).
   */
  createCpu(mem: CpuMemory, opts: ExecOptions): C;
  /**
   * Maps the pages the kernel provides into a new process image; returns the signal trampoline's
   * address (0: none), or, for an ABI with a vdso, the trampoline, the vdso's base
   * (AT_SYSINFO_EHDR) and its vsyscall entry (AT_SYSINFO, i386). `alloc` (qemuLayout) finds room
   * for them as QEMU's mmap would.
   */
  mapVectors(as: AddressSpace, alloc?: (len: number) => number): number | MappedVectors;
  /**
   * Prepares the CPU of a freshly loaded process image (after the vectors; at load and at exec):
   * i386 maps the IDT and GDT into `as` as QEMU's target_cpu_copy_regs does and loads the segment
   * registers. The CPU holds the new image's first thread.
   */
  startCpu?(cpu: C, as: AddressSpace, alloc: (len: number) => number): void;
  /**
   * A new thread's own CPU structures, made before clone's changes to its registers (`regs`, a
   * copy of its creator's): i386 gives every thread a GDT of its own, a copy of its creator's
   * mapped where `alloc` finds room, as QEMU's cpu_copy does, so that its TLS entries
   * (set_thread_area, CLONE_SETTLS) are its own as Linux's per-thread tls_array. False: no room.
   */
  cloneThreadCpu?(as: AddressSpace, regs: Int32Array, alloc: (len: number) => number): boolean;
  /** The running thread exits (not the whole process): what cloneThreadCpu made goes (QEMU's target_cpu_free unmaps the GDT). */
  exitThreadCpu?(cpu: C, as: AddressSpace): void;
  /** /proc/cpuinfo for `cpus` CPUs, as qemu-user synthesizes it for the guest (absent: the host's shows through). */
  cpuinfo?(cpus: number): string;
  /** The target's description for logs, debuggers, the embedding API and the page. */
  debugArch(): DebugArch;
}
