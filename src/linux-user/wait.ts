// How a guest thread blocks in a syscall and is woken (the kernel's wait queues, cooperatively).
//
// A blocked thread holds a Waiter: a readiness test the scheduler evaluates when it looks for a
// thread to run, an optional deadline, and what the syscall returns once the wait ends. Readiness
// is a predicate over shared kernel objects (a pipe buffer, a futex word's waiter record, a child
// table), not over the waiting process, so a wait can be satisfied by any thread of any process
// the scheduler runs: pipes and wait4 across processes need nothing more than a scheduler that
// sees every thread. WaitQueue is the event-driven form for objects that know their waiters
// (futexes): wake() marks waiters ready instead of having every waiter poll.

export interface Waiter {
  /** True when the thread may continue. */
  ready(): boolean;
  /** The syscall's result when ready; absent: the syscall is executed again (it was restarted). */
  result?: () => number;
  /** Monotonic deadline (ns); at it the wait ends with timeoutResult. */
  deadline?: bigint;
  timeoutResult?: number;
  /** Called when the wait ends without becoming ready (timeout, signal), to unregister. */
  cancel?: () => void;
  /** -strace: the call's text, completed with its result when the thread resumes. */
  trace?: (result: number) => void;
  /**
   * Woken by the host (a host socket's events), not by another guest thread: when nothing else can
   * run the scheduler reports the process idle (SliceStop.Idle) instead of sleeping or deadlocking,
   * and its runner lets the host's event loop run (runProcessAsync).
   */
  external?: boolean;
}

/** A waiter record in a WaitQueue: `woken` is what the Waiter's ready() tests. */
export interface QueuedWait<K> {
  key: K;
  /** Selects waiters within a key (futex bitsets); wake(…, mask) wakes those with a common bit. */
  mask: number;
  woken: boolean;
}

/** Waiters on keyed events (futex addresses); wake() is FIFO as Linux's futex hash buckets are. */
export class WaitQueue<K> {
  private waiters: QueuedWait<K>[] = [];

  /** Registers a waiter for `key`; its Waiter tests `w.woken`, and calls remove(w) on cancel. */
  add(key: K, mask = -1): QueuedWait<K> {
    const w: QueuedWait<K> = { key, mask, woken: false };
    this.waiters.push(w);
    return w;
  }

  remove(w: QueuedWait<K>): void {
    this.waiters = this.waiters.filter((x) => x !== w);
  }

  /** Wakes up to n waiters on `key` whose mask shares a bit with `mask`; returns how many. */
  wake(key: K, n: number, mask = -1): number {
    let woken = 0;
    for (const w of this.waiters) {
      if (woken >= n) break;
      if (w.key === key && !w.woken && (w.mask & mask) !== 0) {
        w.woken = true;
        woken++;
      }
    }
    if (woken) this.waiters = this.waiters.filter((w) => !w.woken);
    return woken;
  }

  /** Moves up to n waiters on `from` to `to` (FUTEX_REQUEUE); returns how many. */
  requeue(from: K, to: K, n: number): number {
    let moved = 0;
    for (const w of this.waiters) {
      if (moved >= n) break;
      if (w.key === from && !w.woken) {
        w.key = to;
        moved++;
      }
    }
    return moved;
  }
}
