// When an idle kernel wakes up for a timerfd (src/linux-user/timerfd.ts nextWake). The kernel tests
// its blocked threads' ready() first and asks the timers for its next deadline after; a one-shot
// timerfd that expired in between (the host's sleep woke a little early, the guest read it a
// moment before) answered "no deadline", and a reader blocked on it was taken for deadlocked
// (CPython's test_os timerfd TFD_TIMER_ABSTIME tests, now and then, on a loaded host).
import { describe, expect, test } from "vitest";
import { TimerFd } from "../../src/linux-user/timerfd.ts";
import type { TimerWakeup } from "../../src/linux-user/timers.ts";

function timer(): { fd: TimerFd; clock: { now: bigint }; wakeups: Set<TimerWakeup> } {
  const clock = { now: 0n };
  const wakeups = new Set<TimerWakeup>();
  return { fd: new TimerFd(1, 0, () => clock.now, wakeups), clock, wakeups };
}

describe("timerfd wake-ups", () => {
  test("a one-shot expiry nobody has counted asks for a look now, then none", () => {
    const { fd, clock, wakeups } = timer();
    fd.set(100n, 0n);
    expect(fd.nextWake(50n)).toBe(100n);
    clock.now = 150n;
    const w = fd.nextWake(150n);
    expect(w).not.toBeNull();
    expect(w! <= 150n).toBe(true);
    expect(fd.readable()).toBe(true);
    expect(fd.nextWake(150n)).toBeNull(); // counted: nothing more to wake for
    expect(wakeups.has(fd)).toBe(false);
    const buf = new Uint8Array(8);
    expect(fd.read(buf)).toBe(8);
    expect(new DataView(buf.buffer).getBigUint64(0, true)).toBe(1n);
  });

  test("a periodic timer nobody reads asks for one look now, then sleeps to its next expiry", () => {
    const { fd, clock } = timer();
    fd.set(100n, 100n);
    clock.now = 250n;
    expect(fd.nextWake(250n)).toBe(250n); // two expiries counted (100, 200)
    expect(fd.nextWake(250n)).toBe(300n); // no busy loop while the ticks stay unread
    const buf = new Uint8Array(8);
    expect(fd.read(buf)).toBe(8);
    expect(new DataView(buf.buffer).getBigUint64(0, true)).toBe(2n);
  });
});
