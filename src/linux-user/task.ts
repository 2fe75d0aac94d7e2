// What a syscall handler sees: the calling thread and its process (Linux's `current`), as an
// interface implemented by LinuxProcess. Handlers are generic (syscalls/*.ts): they reach guest
// memory by address, the fd table, signal state, a way to block and be woken, and the process's
// identity and resources, never the CPU; the few CPU operations a syscall needs (restart it, its
// stack pointer, clone's registers) are methods here that LinuxProcess implements through the
// architecture's UserCpu.
import type { AddressSpace } from "./address-space.ts";
import type { FdTable } from "./files.ts";
import type { LinuxHost } from "./host-api.ts";
import type { AddressLayout } from "./layouts.ts";
import type { SigAction, SigInfo } from "./signals.ts";
import type { Thread } from "./thread.ts";
import type { UserCpu } from "./user-cpu.ts";
import type { WaitQueue, Waiter } from "./wait.ts";

/** A resource limit [soft, hard] (-1 = unlimited). */
export type Rlimit = [number, number];

/** A child that has ended and not been waited for: its pid and wait status. */
export interface Zombie {
  pid: number;
  status: number;
}

export interface Task {
  // ---- the process
  readonly host: LinuxHost;
  /**
   * The CPU, for an architecture's own handlers only (i386's set_thread_area, ARM's set_tls and
   * cacheflush reach their adapter through it); generic handlers never use it.
   */
  readonly cpu: UserCpu;
  /** Guest memory, by guest address (a JS number). */
  readonly as: AddressSpace;
  readonly fds: FdTable;
  readonly pid: number;
  readonly ppid: number;
  /** Process group and session. */
  pgid: number;
  sid: number;
  umask: number;
  /** The executable's host path (/proc/self/exe). */
  exePath: string;
  /** brk: the heap's start and current end. */
  brkStart: number;
  brk: number;
  readonly layout: AddressLayout;
  /** uname's machine field ("riscv64", "i686", "armv7l"). */
  readonly machine: string;
  /** Host path for an absolute guest path: the sysroot's copy if it exists (qemu's path()). */
  sysrootPath(p: string): string;
  /** A free range of len bytes for mmap (top-down from the last one), or -1. */
  findMmapRange(len: number, hint?: number): number;
  /** A resource limit as the guest sees it (its own setrlimit, else the host's); null if unknown. */
  getRlimit(res: number): Rlimit | null;
  setRlimit(res: number, v: Rlimit): void;
  /** Ended children not yet reaped. */
  readonly zombies: Zombie[];

  // ---- threads
  /** The calling thread. */
  readonly thread: Thread;
  readonly threads: readonly Thread[];
  /** Futex waiters of this address space, keyed by guest address. */
  readonly futexes: WaitQueue<number>;
  /** Parks the calling thread until `w` is ready (the handler returns NO_RESULT). */
  block(w: Waiter): void;
  /** Makes the syscall run again when the thread resumes (a blocked call that rechecks). */
  restartSyscall(): void;
  /** Sets the syscall's result now (for handlers that deliver signals before returning). */
  setResult(v: number): void;
  /** Ends this thread's slice (sched_yield). */
  yieldCpu(): void;
  /** The calling thread's stack pointer. */
  stackPointer(): number;
  /** clone(CLONE_VM|CLONE_THREAD): a new thread running on `newSp` (0: the caller's) with TLS `tls`. */
  cloneThread(newSp: number, tls: number | null): Thread;
  /**
   * fork / vfork / clone without CLONE_VM: a child process; `setup` runs in it before it starts.
   * Returns the child's pid (the child sees 0).
   */
  fork(exitSignal: number, newSp: number, tls: number | null, setup: (child: Task) => void): number;
  /** exit: ends the calling thread (the process with the last one). */
  exitThread(code: number): void;
  /** exit_group: ends the process. */
  exitGroup(code: number): never;

  // ---- signals
  readonly sigactions: SigAction[];
  /** Queues a signal for a thread, or (null) for the process. */
  queueSignal(si: SigInfo, target: Thread | null): void;
  /** A synchronous signal for the calling thread (delivered now, default action if blocked). */
  forceSignal(si: SigInfo): void;
  /** Delivers the calling thread's deliverable pending signals. */
  processSignals(): void;
  /** sigreturn (rt: rt_sigreturn): restores the state the handler's frame saved; false on a bad frame. */
  sigreturn(rt: boolean): boolean;
}
