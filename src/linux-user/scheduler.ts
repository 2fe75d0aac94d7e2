// The cooperative scheduler: every guest thread of every process runs on the one JS thread, in
// slices. A thread gives up the CPU when its slice ends, when it blocks in a syscall (a Waiter),
// when it yields, or when its process stops or exits. pick() chooses the next runnable thread
// round-robin after the current one; when none can run, idle() says until when nothing will
// (the earliest deadline of a blocked call, or of a wait that asks to be looked at again: inotify's
// scan for the host's changes) and whether the host can wake a thread (terminal or embedder
// input). The kernel then sleeps the host (Node: Atomics.wait) or returns to its embedder's event
// loop (a Web Worker) until then; with neither, every thread waits on another forever: a deadlock.
import type { Thread } from "./thread.ts";

export interface IdleState {
  /** The earliest monotonic deadline (ns) of a blocked call, or null. */
  deadline: bigint | null;
  /** Some blocked call waits for the host (input), which may come at any time. */
  external: boolean;
}

export class Scheduler {
  /** Every live thread of every process, in round-robin order (creation order). */
  private readonly queue: Thread[] = [];

  add(t: Thread): void {
    this.queue.push(t);
  }

  remove(t: Thread): void {
    const i = this.queue.indexOf(t);
    if (i >= 0) this.queue.splice(i, 1);
  }

  get threads(): readonly Thread[] {
    return this.queue;
  }

  /** The next thread after `current` (which comes last) for which canRun is true, or null. */
  pick(current: Thread | null, canRun: (t: Thread) => boolean): Thread | null {
    const q = this.queue;
    const n = q.length;
    if (n === 0) return null;
    const start = current ? q.indexOf(current) : -1;
    for (let k = 1; k <= n; k++) {
      const t = q[(start + k + n) % n];
      if (canRun(t)) return t;
    }
    return null;
  }

  /** When something may become runnable again, over the threads `considered` accepts (`now`: the monotonic clock). */
  idle(considered: (t: Thread) => boolean, now: () => bigint): IdleState {
    let deadline: bigint | null = null;
    let external = false;
    for (const t of this.queue) {
      const w = t.wait;
      if (!w || !considered(t)) continue;
      if (w.deadline !== undefined && (deadline === null || w.deadline < deadline)) deadline = w.deadline;
      if (w.recheckNs !== undefined) {
        const at = now() + w.recheckNs;
        if (deadline === null || at < deadline) deadline = at;
      }
      if (w.external) external = true;
    }
    return { deadline, external };
  }
}
