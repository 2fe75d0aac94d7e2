// A guest thread (Linux's task within a thread group): its saved CPU registers while it is not
// running, its signal mask, pending signals and alternate stack, what it is blocked on, and
// CLONE_CHILD_CLEARTID. Threads of a process share the address space, fds and signal dispositions
// (LinuxProcess); each process has at least one (the one whose tid is the pid).
import { SS_DISABLE, type SigInfo } from "./signals.ts";
import type { Waiter } from "./wait.ts";

export class Thread {
  /** The CPU's register slots while the thread is not running (UserCpu.saveRegs layout). */
  readonly regs: Int32Array;
  sigmask = 0n;
  pending: SigInfo[] = [];
  altSp = 0;
  altSize = 0;
  altFlags = SS_DISABLE;
  clearChildTid = 0;
  /** What the thread is blocked on (null: runnable). */
  wait: Waiter | null = null;
  dead = false;

  constructor(
    readonly tid: number,
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
