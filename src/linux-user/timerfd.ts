// timerfd (Linux's fs/timerfd.c): a timer read as a file. Armed with timerfd_settime, it expires
// on the host's monotonic clock (a REALTIME timer is converted when armed, as the POSIX timers of
// timers.ts are); each expiry, and each interval that passes after it, adds one to a count that
// read() returns as a u64 and resets (EAGAIN, or a blocking wait, while it is 0). Readable while the
// count is non-zero.
//
// The kernel learns when to wake up for it from the process that created it: an armed timerfd is
// one of that process's timer wakeups (ProcessTimers.wakeups), so a thread blocked on it, in
// read, poll or epoll, is woken at the expiry instead of being taken for deadlocked.
import { EAGAIN, EINVAL, O } from "./errno.ts";
import { anonInode } from "./eventfd.ts";
import { FileDesc, WOULD_BLOCK } from "./files.ts";
import type { HostStat } from "./host-api.ts";
import type { TimerWakeup } from "./timers.ts";

export class TimerFd extends FileDesc implements TimerWakeup {
  /** The next expiry on the host's monotonic clock (ns), or null while disarmed. */
  private deadline: bigint | null = null;
  private interval = 0n;
  /** Expirations not yet read. */
  private ticks = 0n;
  /** Counts changes, for epoll's edge-triggered mode. */
  private gen = 0;

  constructor(
    /** The clock it was created on (CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME...). */
    readonly clockId: number,
    flags: number,
    private readonly monotonicNs: () => bigint,
    /** The creating process's timer wakeups (Set semantics: armed timers are in it). */
    private readonly wakeups: Set<TimerWakeup>,
  ) {
    super();
    this.flags = O.RDWR | (flags & O.NONBLOCK);
  }

  /** Counts the expirations up to now and moves the deadline past them. */
  private collect(now: bigint): void {
    const d = this.deadline;
    if (d === null || now < d) return;
    const n = this.interval > 0n ? 1n + (now - d) / this.interval : 1n;
    this.ticks += n;
    this.gen++;
    if (this.interval > 0n) this.deadline = d + n * this.interval;
    else {
      this.deadline = null;
      this.wakeups.delete(this);
    }
  }

  /**
   * Arms the timer `value` ns from now (0: disarms it) with `interval` (0: one shot); the count of
   * unread expirations starts again from 0. Returns the old [remaining, interval]. A disarmed timer
   * keeps the interval it was given, as timerfd_setup stores it_interval whatever it_value is (and
   * gettime reports it): unlike a POSIX timer's, which common_timer_set clears.
   */
  set(value: bigint, interval: bigint): [bigint, bigint] {
    const now = this.monotonicNs();
    const old = this.get(now);
    this.ticks = 0n;
    this.deadline = value > 0n ? now + value : null;
    this.interval = interval;
    if (this.deadline === null) this.wakeups.delete(this);
    else this.wakeups.add(this);
    return old;
  }

  /** [remaining, interval]: remaining 0 when disarmed (a one-shot timer that expired is). */
  get(now = this.monotonicNs()): [bigint, bigint] {
    this.collect(now);
    return [this.deadline === null ? 0n : this.deadline - now, this.interval];
  }

  /**
   * When the kernel must look at this timer again. An expiry that nobody has counted yet is counted
   * here and asks for a look now: the idle kernel computes its deadline after its threads' ready()
   * tests, and a timer that expired in between (a sleep that woke a little early) would otherwise
   * leave a reader blocked with no deadline at all, taken for deadlocked.
   */
  nextWake(now: bigint): bigint | null {
    const ticks = this.ticks;
    this.collect(now);
    return this.ticks !== ticks ? now : this.deadline;
  }

  /** /proc/<pid>/fd shows "anon_inode:[timerfd]", as Linux names the inode. */
  override get anonName(): string {
    return "[timerfd]";
  }
  override get pollGen(): number {
    return this.gen;
  }

  read(buf: Uint8Array): number {
    if (buf.length < 8) return -EINVAL;
    this.collect(this.monotonicNs());
    if (this.ticks === 0n) return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
    new DataView(buf.buffer, buf.byteOffset, 8).setBigUint64(0, this.ticks, true);
    this.ticks = 0n;
    return 8;
  }

  write(): number {
    return -EINVAL;
  }

  override readable(): boolean {
    this.collect(this.monotonicNs());
    return this.ticks > 0n;
  }
  override writable(): boolean {
    return false;
  }

  override release(): number {
    this.wakeups.delete(this);
    return 0;
  }

  stat(): HostStat {
    return anonInode();
  }
}
