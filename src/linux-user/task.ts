// What a syscall handler sees: the calling thread and its process (Linux's `current`), as an
// interface implemented by LinuxProcess. Handlers are generic (syscalls/*.ts): they reach guest
// memory by address, the fd table, signal state, a way to block and be woken, the process's
// identity and resources, and the process-level operations of the kernel (fork, execve, wait,
// kill, process groups), never the CPU; the few CPU operations a syscall needs (restart it, its
// stack pointer, clone's registers) are methods here that LinuxProcess implements through the
// architecture's UserCpu.
import type { AddressSpace } from "./address-space.ts";
import type { FileLocks } from "./file-locks.ts";
import type { NamedPipes } from "./fifos.ts";
import type { FsNotify } from "./inotify.ts";
import type { PtyTable } from "./pty.ts";
import type { FdTable, TerminalState } from "./files.ts";
import type { LinuxHost } from "./host-api.ts";
import type { CapSets } from "./capabilities.ts";
import type { AddressLayout } from "./layouts.ts";
import type { PageCache } from "./page-cache.ts";
import type { SharedFiles } from "./shared-files.ts";
import type { SigAction, SigInfo } from "./signals.ts";
import type { SysvIpc } from "./sysv-ipc.ts";
import type { Thread } from "./thread.ts";
import type { NtpState, ProcessTimers } from "./timers.ts";
import type { UserCpu } from "./user-cpu.ts";
import type { WaitQueue, Waiter } from "./wait.ts";

/** A resource limit [soft, hard] (-1 = unlimited). */
export type Rlimit = [number, number];

/** wait4/waitid options. */
export const WNOHANG = 1,
  WUNTRACED = 2,
  WSTOPPED = 2,
  WEXITED = 4,
  WCONTINUED = 8,
  WNOWAIT = 0x01000000;

/** What wait4/waitid report about a child (Linux's wait_task_zombie/stopped/continued). */
export interface ChildReport {
  pid: number;
  /** The wait4 status word (exit code << 8, signal, 0x7f | sig << 8 stopped, 0xffff continued). */
  status: number;
  /** waitid's si_code (CLD_EXITED, CLD_KILLED, CLD_STOPPED, CLD_CONTINUED) and si_status. */
  code: number;
  siStatus: number;
  uid: number;
}

/** Another process as /proc and the process-level syscalls see it. */
export interface ProcessView {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  /** /proc's state letter: R (running), S (sleeping), T (stopped), Z (zombie). */
  readonly stateLetter: string;
  /** The command name (the executable's base name, at most 15 bytes; prctl PR_SET_NAME). */
  readonly comm: string;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  readonly exePath: string;
  /** The working directory (a host path). */
  readonly cwd: string;
  /** Its memory (null once it has exited). */
  readonly as: AddressSpace | null;
  readonly threads: readonly Thread[];
  /** Its open files (null once it has exited). */
  readonly openFiles: FdTable | null;
  /** Guest instructions its threads have run. */
  readonly insnsRun: number;
  /** Its interval and POSIX timers, and the CPU time charged to it (ProcessTimers.runNs). */
  readonly timers: ProcessTimers;
  /** Its capability sets (capget of another pid, /proc/<pid>/status). */
  readonly caps: CapSets;
  /** A resource limit as it sees it (its own setrlimit, else the host's); null if unknown (prlimit64 of another pid). */
  getRlimit(res: number): Rlimit | null;
  setRlimit(res: number, v: Rlimit): void;
}

export interface Task extends ProcessView {
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
  /** The kernel's page cache (file mappings share its pages). */
  readonly pageCache: PageCache;
  /** The kernel's MAP_SHARED file mappings (one segment per file, for every process). */
  readonly sharedFiles: SharedFiles;
  /** The kernel's file locks (POSIX, OFD and flock), for every process. */
  readonly fileLocks: FileLocks;
  /** The kernel's named pipes (mknod S_IFIFO placeholders on the host), for every process. */
  readonly namedPipes: NamedPipes;
  /** The kernel's System V IPC objects (shm, semaphores, message queues), for every process. */
  readonly ipc: SysvIpc;
  /** The UTS names sethostname/setdomainname set, for every process (null: the host's). */
  readonly uts: { nodename: Uint8Array | null; domainname: Uint8Array | null };
  /** The kernel's inotify watches, to which file calls report what they change, for every process. */
  readonly fsnotify: FsNotify;
  /** The job-control state of the host's terminal (its foreground process group). */
  readonly terminal: TerminalState;
  /** The kernel's pseudo-terminal pairs (/dev/ptmx, /dev/pts/N). */
  readonly ptys: PtyTable;
  /** Process group and session. */
  pgid: number;
  sid: number;
  umask: number;
  /** Supplementary group ids (getgroups; the host's to start with, setgroups by root replaces them, sorted). */
  groups: readonly number[];
  /** Capability sets (capabilities.ts): what `capable` checks; capset replaces them. */
  caps: CapSets;
  /**
   * The guest's CLOCK_REALTIME in ns (the host's, moved by what clock_settime and settimeofday
   * set with CAP_SYS_TIME: the kernel's own clock, never the host's).
   */
  realtimeNs(): bigint;
  /** Sets the guest's CLOCK_REALTIME to `ns` (for every process of the kernel). */
  setRealtimeNs(ns: bigint): void;
  /** The kernel's timezone (sys_tz: settimeofday sets it, gettimeofday reads it). */
  readonly sysTz: { minuteswest: number; dsttime: number };
  /** The kernel's NTP state (adjtimex, clock_adjtime). */
  readonly ntp: NtpState;
  cwd: string;
  comm: string;
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
  /** /proc/cpuinfo for `cpus` guest CPUs as the architecture describes them, or null (the host's shows through). */
  cpuinfo(cpus: number): string | null;
  /** A free range of len bytes for mmap (top-down from the last one), or -1. */
  findMmapRange(len: number, hint?: number): number;

  // ---- threads
  /** The calling thread. */
  readonly thread: Thread;
  readonly threads: readonly Thread[];
  /** Futex waiters of this address space, keyed by guest address. */
  readonly futexes: WaitQueue<number>;
  /** Futex waiters on MAP_SHARED memory (any process), keyed by physical address. */
  readonly sharedFutexes: WaitQueue<number>;
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
  /** clone(CLONE_VM|CLONE_THREAD): a new thread running on `newSp` (0: the caller's) with TLS `tls`; null at the task limit. */
  cloneThread(newSp: number, tls: number | null): Thread | null;
  /**
   * fork / vfork / clone without CLONE_THREAD: a child process (sharing the address space with
   * `shareVm`, the parent waiting until it execs or exits with `vfork`); `setup` runs in it before
   * it starts. Returns the child's pid (the child sees 0), or -errno (EAGAIN at RLIMIT_NPROC).
   */
  fork(exitSignal: number, newSp: number, tls: number | null, shareVm: boolean, vfork: boolean, setup: (child: Task) => void): number;
  /** execve: replaces the program (0: done, the new image runs; else -errno and nothing changed). */
  execve(path: string, argv: string[], envp: string[]): number;
  /** exit: ends the calling thread (the process with the last one). */
  exitThread(code: number): void;
  /** exit_group: ends the process. */
  exitGroup(code: number): never;

  // ---- other processes
  /**
   * A child matching wait4's pid selector (> 0 a pid, -1 any, 0 our group, < -1 group -pid) that
   * has something to report under `options` (WEXITED/WUNTRACED/WCONTINUED); with `consume` the
   * report is taken (a zombie is reaped). null: children exist but none has anything to report;
   * -ECHILD: no such child.
   */
  waitChild(sel: number, options: number, consume: boolean): ChildReport | null | number;
  /** kill(2): a signal to a pid, a process group (0, < -1) or every process (-1); 0 or -errno. */
  kill(pid: number, si: SigInfo): number;
  /** tgkill/tkill: a signal to thread `tid` (of process `tgid` unless null); 0 or -ESRCH. */
  signalThread(tgid: number | null, tid: number, si: SigInfo): number;
  /** A process by pid (zombies included), or null. */
  processView(pid: number): ProcessView | null;
  /** Every process's pid (zombies included), ascending. */
  pids(): number[];
  setpgid(pid: number, pgid: number): number;
  /** Whether process group `pgid` is orphaned (no member's parent is in another group of its session). */
  orphanedGroup(pgid: number): boolean;
  setsid(): number;

  // ---- signals
  readonly sigactions: SigAction[];
  /** After a change to `sigactions`: the host passes its own signals on while the guest catches or blocks them (LinuxHost.catchSignal). */
  hostSignalsChanged(): void;
  /** How many signals have been queued to the process (its signalfds' wakeups, for epoll's edge-triggered mode). */
  readonly signalsQueued: number;
  /** Queues a signal for a thread, or (null) for the process. */
  queueSignal(si: SigInfo, target: Thread | null): void;
  /** A synchronous signal for the calling thread (delivered now, default action if blocked). */
  forceSignal(si: SigInfo): void;
  /** Delivers the calling thread's deliverable pending signals. */
  processSignals(): void;
  /** sigreturn (rt: rt_sigreturn): restores the state the handler's frame saved; false on a bad frame. */
  sigreturn(rt: boolean): boolean;

  // ---- timers
  /** Call after arming or disarming a timer. */
  timersChanged(): void;
}
