// A guest thread (Linux's task within a thread group): its saved CPU registers while it is not
// running, its signal mask, pending signals and alternate stack, what it is blocked on, and
// CLONE_CHILD_CLEARTID. Threads of a process share the address space, fds and signal dispositions
// (LinuxProcess); each process has at least one (the one whose tid is the pid).
import { SS_DISABLE, type SigInfo } from "./signals.ts";
import type { Restart, Waiter } from "./wait.ts";

/** A blocked call a signal interrupted: settled when the signal is delivered (EINTR, restart or a partial result). */
export interface InterruptedCall {
  restart: Restart;
  /** The pc is on the syscall instruction (the call was set to run again), not after it. */
  atSyscall: boolean;
  /** Progress made before the interruption (bytes written), which becomes the result. */
  partial: number | null;
  trace?: (result: number) => void;
}

/**
 * A thread's scheduling attributes (Linux keeps them per task): its policy (SCHED_OTHER 0, FIFO 1,
 * RR 2, BATCH 3, IDLE 5) and real-time priority, SCHED_RESET_ON_FORK, its nice value (-20..19) and
 * the CPUs it may run on (null: all). Nothing is scheduled by them: they are what the calls report.
 */
export interface SchedAttrs {
  policy: number;
  priority: number;
  resetOnFork: boolean;
  nice: number;
  affinity: bigint | null;
}

/** What a new thread or process gets from the one that creates it (Linux's sched_fork: SCHED_RESET_ON_FORK). */
export function inheritSched(s: SchedAttrs): SchedAttrs {
  if (!s.resetOnFork) return { ...s };
  const rt = s.policy === 1 || s.policy === 2;
  return { policy: rt ? 0 : s.policy, priority: 0, resetOnFork: false, nice: rt || s.nice < 0 ? 0 : s.nice, affinity: s.affinity };
}

export class Thread {
  /** The CPU's register slots while the thread is not running (UserCpu.saveRegs layout). */
  readonly regs: Int32Array;
  private blocked = 0n;
  /** Called after every change of the signal mask (set for the first process's threads: LinuxProcess.hostSignalsChanged). */
  onMaskChange: (() => void) | null = null;
  /** The signals the thread blocks. */
  get sigmask(): bigint {
    return this.blocked;
  }
  set sigmask(m: bigint) {
    this.blocked = m;
    if (this.onMaskChange) this.onMaskChange();
  }
  pending: SigInfo[] = [];
  altSp = 0;
  altSize = 0;
  altFlags = SS_DISABLE;
  clearChildTid = 0;
  /** What the thread is blocked on (null: runnable). */
  wait: Waiter | null = null;
  /** A signal interrupted the thread's blocked call; the next signal delivery settles it. */
  interrupted: InterruptedCall | null = null;
  /**
   * A blocked call that ended: its result, set in the registers when the thread is switched in
   * (`atSyscall`: the pc is still on the syscall instruction of a call set to run again, and moves past it).
   */
  resume: { result: number; trace?: (result: number) => void; atSyscall?: boolean } | null = null;
  /** rt_sigsuspend: the mask to restore (saved in the handler's frame), while the temporary one applies. */
  savedMask: bigint | null = null;
  /**
   * rt_sigtimedwait: the signals the thread is waiting for. While it waits they count as unblocked
   * for choosing the thread a process-wide signal goes to, and as blocked otherwise (not discarded
   * when ignored, no handler run): the call dequeues them (Linux's real_blocked).
   */
  sigwaitSet = 0n;
  dead = false;
  /** Scheduling attributes (sched_setscheduler, setpriority, sched_setaffinity); see SchedAttrs. */
  sched: SchedAttrs = { policy: 0, priority: 0, resetOnFork: false, nice: 0, affinity: null };
  /** Host time (ns) it has run, up to its last switch out (its CPU-time clock; see Kernel.charge). */
  runNs = 0n;
  /** While it is the thread the kernel runs: when that began (host monotonic ns); -1 otherwise. */
  runSince = -1n;

  constructor(
    /** The thread id (execve by another thread makes that thread the leader: tid = pid). */
    public tid: number,
    /** The thread group (process) id. */
    readonly tgid: number,
    regSlots: number,
  ) {
    this.regs = new Int32Array(regSlots);
  }

  /** Whether sp lies on the thread's alternate signal stack. */
  onAltStack(sp: number): boolean {
    return !(this.altFlags & SS_DISABLE) && sp > this.altSp && sp <= this.altSp + this.altSize;
  }
}
