// How a guest thread blocks in a syscall and is woken (the kernel's wait queues, cooperatively).
//
// A blocked thread holds a Waiter: a readiness test the scheduler evaluates when it looks for a
// thread to run, an optional deadline, and what the syscall returns once the wait ends. Readiness
// is a predicate over shared kernel objects (a pipe buffer, a futex word's waiter record, a child
// table), not over the waiting process, so a wait can be satisfied by any thread of any process
// the scheduler runs: pipes and wait4 across processes need nothing more than a scheduler that
// sees every thread. WaitQueue is the event-driven form for objects that know their waiters
// (futexes): wake() marks waiters ready instead of having every waiter poll.

/** Returned by Waiter.result when the call made progress but must keep waiting (a long pipe write). */
export const WAIT_MORE = Symbol("wait more");

/**
 * What a signal handler interrupting a blocked call does to it (Linux's -ERESTARTSYS family):
 * Sys restarts it after the handler when the handler has SA_RESTART and fails it with EINTR
 * otherwise (read, write, wait4, futex); NoHandler fails it with EINTR (poll, select, sleeps,
 * sigsuspend); NoIntr always restarts it.
 */
export const enum Restart {
  Sys = 0,
  NoHandler = 1,
  NoIntr = 2,
}

export interface Waiter {
  /** True when the thread may continue. */
  ready(): boolean;
  /**
   * The syscall's result when ready, or WAIT_MORE to keep waiting; absent: the pc is back on the
   * syscall instruction (restartSyscall) and the call runs again (at a deadline it ends instead: the
   * kernel moves the pc past the instruction and the result is timeoutResult).
   */
  result?: () => number | typeof WAIT_MORE;
  /** Monotonic deadline (ns); at it the wait ends with timeoutResult. */
  deadline?: bigint;
  timeoutResult?: number;
  /** At the deadline, instead of timeoutResult: what the call writes then and its result (select's empty sets). */
  timeout?: () => number;
  /** Called when the wait ends without becoming ready (timeout, signal), to unregister. */
  cancel?: () => void;
  /** -strace: the call's text, completed with its result when the thread resumes. */
  trace?: (result: number) => void;
  /** What a signal handler does to the call (default Restart.Sys). */
  restart?: Restart;
  /** The call's result if a signal interrupts it after it made progress (bytes already written), else null. */
  partial?: () => number | null;
  /**
   * Woken by the host (terminal or embedder input, a host socket's events), not by another guest
   * thread: when nothing else can run the kernel is idle (SliceStop.Idle) instead of deadlocked,
   * and its runner waits for the host (run()) or lets the host's event loop run (runAsync()).
   */
  external?: boolean;
  /**
   * ready() may turn true by itself as the host's state changes (a FIFO of the host's, read and
   * written non-blocking: POLL_NS; inotify looking for changes other programs make to watched files):
   * when nothing else can run, the kernel looks again after at most this many ns instead of
   * reporting a deadlock.
   */
  recheckNs?: bigint;
}

/** How often an idle kernel asks the host again about a FIFO of the host's (Waiter.recheckNs): 10 ms. */
export const POLL_NS = 10_000_000n;

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
