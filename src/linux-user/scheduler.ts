// The cooperative scheduler: every guest thread runs on the one JS thread, in slices; a thread
// gives up the CPU when its slice ends, when it blocks in a syscall (a Waiter), or when it yields.
// pick() chooses the next runnable thread round-robin after the current one; when every thread
// is blocked it sleeps the host until the earliest timeout, and with none there is a deadlock.
//
// It works on any list of threads: today a process schedules its own (fork runs a child to
// completion inside the parent's syscall), and a multi-process kernel will pass every thread of
// every process, so that a pipe or wait4 in one process is woken by another.
import { ExitProcess } from "./exit.ts";
import type { LinuxHost } from "./host-api.ts";
import type { Thread } from "./thread.ts";

export class Scheduler {
  constructor(private readonly host: LinuxHost) {}

  private runnable(t: Thread, now: () => bigint): boolean {
    if (t.dead) return false;
    const w = t.wait;
    if (!w) return true;
    if (w.ready()) return true;
    if (w.deadline !== undefined && now() >= w.deadline) return true;
    return false;
  }

  /**
   * After pick() returned null: the earliest deadline of a blocked call (monotonic ns), or null.
   */
  idleDeadline: bigint | null = null;

  /**
   * The next thread to run (round robin after `current`, which comes last), waiting out timeouts;
   * null when every thread is blocked and one of them waits for the host (an external Waiter):
   * only the host's event loop can end that, so the caller must return to it (idleDeadline says
   * until when at most).
   */
  pick(threads: readonly Thread[], current: Thread): Thread | null {
    for (;;) {
      let nowCache: bigint | null = null;
      const now = () => (nowCache ??= this.host.monotonicNs());
      const n = threads.length;
      const start = Math.max(0, threads.indexOf(current));
      for (let k = 1; k <= n; k++) {
        const t = threads[(start + k) % n];
        if (this.runnable(t, now)) return t;
      }
      // Everything is blocked: sleep until the earliest deadline, or give up.
      let earliest: bigint | null = null;
      let external = false;
      for (const t of threads) {
        if (t.wait?.external) external = true;
        if (t.wait?.deadline !== undefined && (earliest === null || t.wait.deadline < earliest)) earliest = t.wait.deadline;
      }
      if (external) {
        this.idleDeadline = earliest;
        return null;
      }
      if (earliest === null) {
        this.host.writeStderr(new TextEncoder().encode(`tciemu: all guest threads are blocked forever (deadlock)\n`));
        throw new ExitProcess(1);
      }
      const d = earliest - this.host.monotonicNs();
      if (d > 0n) this.host.sleepNs?.(d);
      if (!this.host.sleepNs) {
        // No way to sleep: let the earliest deadline expire now.
        for (const t of threads) if (t.wait?.deadline === earliest) t.wait.deadline = 0n;
      }
    }
  }
}
