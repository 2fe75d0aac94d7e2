// A process's timers: the three interval timers (Linux's kernel/time/itimer.c: ITIMER_REAL on the
// host's clock, ITIMER_VIRTUAL and ITIMER_PROF on the process's CPU time) and its POSIX timers
// (kernel/time/posix-timers.c: timer_create with SIGEV_SIGNAL, SIGEV_THREAD_ID or SIGEV_NONE).
// QEMU hands both to the host's kernel, so the guest's timers run on the host's clocks and the
// emulator's own CPU time; tciemu does the same: real clocks are the host's monotonic clock, and
// the kernel charges a process the host time its threads spend running (guest code for VIRTUAL,
// guest code and syscalls for PROF) while it has a CPU-time timer armed.
//
// Timers only keep deadlines; the kernel asks for the expired ones between slices (and shortens
// slices while any timer is armed), and wakes the host at the earliest real deadline when idle.
import { SIGALRM, SIGPROF, SIGVTALRM, SI_KERNEL, type SigInfo } from "./signals.ts";

/**
 * The guest kernel's NTP state (kernel/time/ntp.c), what adjtimex reads and, with CAP_SYS_TIME,
 * sets: a kernel no NTP daemon has touched (unsynchronized, the largest errors, HZ-100 ticks).
 * `freq` is Linux's scaled time_freq; `adjust` is adjtime()'s pending offset (µs).
 */
export interface NtpState {
  status: number;
  maxerror: bigint;
  esterror: bigint;
  constant: bigint;
  tick: bigint;
  tai: bigint;
  freq: bigint;
  adjust: bigint;
}

/** NTP_PHASE_LIMIT: the largest maxerror/esterror (µs), what an unsynchronized clock reports. */
export const NTP_PHASE_LIMIT = 16_000_000n;

export function newNtpState(): NtpState {
  return { status: 0x40, maxerror: NTP_PHASE_LIMIT, esterror: NTP_PHASE_LIMIT, constant: 2n, tick: 10_000n, tai: 0n, freq: 0n, adjust: 0n };
}

export const ITIMER_REAL = 0,
  ITIMER_VIRTUAL = 1,
  ITIMER_PROF = 2;
export const SIGEV_SIGNAL = 0,
  SIGEV_NONE = 1,
  SIGEV_THREAD = 2,
  SIGEV_THREAD_ID = 4;
export const SI_TIMER = -2;
/** QEMU's timer ids: TIMER_MAGIC | index (syscall.c); at most 32 timers (g_posix_timers). */
export const TIMER_MAGIC = 0x0caf0000;
export const MAX_POSIX_TIMERS = 32;

/** Which clock a timer counts on. */
export const enum TimerClock {
  /** The host's monotonic clock (REALTIME timers are converted when armed). */
  Real = 0,
  /** The process's time in guest code (ITIMER_VIRTUAL). */
  User = 1,
  /** The process's time in guest code and syscalls (ITIMER_PROF, the CPU-time clocks). */
  Cpu = 2,
}

export interface TimerState {
  clock: TimerClock;
  /** When it expires on its clock (ns); null: disarmed. */
  deadline: bigint | null;
  /** The reload (ns); 0: one-shot. */
  interval: bigint;
}

export interface PosixTimer extends TimerState {
  /** The index: the guest's id is TIMER_MAGIC | index (QEMU's). */
  index: number;
  /** The kernel's id (si_timerid, and the default sigev_value), as the host kernel numbers QEMU's timers. */
  kernelId: number;
  /** The clock id given to timer_create. */
  clockId: number;
  notify: number;
  signo: number;
  /** sigev_value (sival_int / sival_ptr, pointer-sized). */
  value: bigint;
  /** SIGEV_THREAD_ID: the target thread. */
  tid: number;
  /** The queued signal while it is pending (an expiry meanwhile counts as an overrun). */
  queued: SigInfo | null;
  /** timer_getoverrun: the overrun count of the last signal queued. */
  overrunLast: number;
}

/** A signal an expiry sends: to the process, or to thread `tid`. */
export interface TimerSignal {
  si: SigInfo;
  tid: number | null;
}

const ITIMER_SIGNALS = [SIGALRM, SIGVTALRM, SIGPROF];
const ITIMER_CLOCKS = [TimerClock.Real, TimerClock.User, TimerClock.Cpu];

/** Something else that needs the kernel awake at a time (an armed timerfd, src/linux-user/timerfd.ts). */
export interface TimerWakeup {
  /** The next time (host monotonic ns) it changes state, or null; `now` or earlier when it already has and nobody has looked. */
  nextWake(now: bigint): bigint | null;
}

export class ProcessTimers {
  /** Host time this process spent in guest code / in guest code and syscalls while charged (ns). */
  userNs = 0n;
  cpuNs = 0n;
  /**
   * Host time (ns) its threads have run, up to their last switch out, always charged (the CPU-time
   * clocks, getrusage, times): a thread blocked in a call, or the idle kernel, adds nothing.
   */
  runNs = 0n;
  readonly itimers: TimerState[] = ITIMER_CLOCKS.map((clock) => ({ clock, deadline: null, interval: 0n }));
  readonly posix: (PosixTimer | null)[] = [];
  /**
   * The next kernel timer id: Linux hands them out in order per process (posix_timer_add) and a
   * timer_create that fails on its sigevent has used one up already.
   */
  nextKernelId = 0;
  /** The process's armed timerfds: no signal, but a thread may be blocked reading one. */
  readonly wakeups = new Set<TimerWakeup>();

  /** The current value of a timer's clock. */
  now(clock: TimerClock, monoNs: bigint): bigint {
    return clock === TimerClock.Real ? monoNs : clock === TimerClock.User ? this.userNs : this.cpuNs;
  }

  private *all(): Generator<TimerState> {
    yield* this.itimers;
    for (const p of this.posix) if (p) yield p;
  }

  /** Whether any timer is armed (the kernel then checks between slices). */
  get armed(): boolean {
    if (this.wakeups.size > 0) return true;
    for (const t of this.all()) if (t.deadline !== null) return true;
    return false;
  }

  /** Whether a CPU-time timer is armed (the kernel then charges this process its running time). */
  get cpuArmed(): boolean {
    for (const t of this.all()) if (t.deadline !== null && t.clock !== TimerClock.Real) return true;
    return false;
  }

  /** The earliest deadline on the host's clock after `now` (the kernel wakes up for it when idle), or null. */
  nextRealDeadline(now: bigint): bigint | null {
    let d: bigint | null = null;
    for (const t of this.all()) if (t.clock === TimerClock.Real && t.deadline !== null && (d === null || t.deadline < d)) d = t.deadline;
    for (const w of this.wakeups) {
      const x = w.nextWake(now);
      if (x !== null && (d === null || x < d)) d = x;
    }
    return d;
  }

  /**
   * Arms (value > 0) or disarms a timer: value and interval relative to its clock's `now`. Returns
   * the old [remaining, interval] (remaining 0 when disarmed).
   */
  set(t: TimerState, value: bigint, interval: bigint, now: bigint): [bigint, bigint] {
    const old = this.get(t, now);
    t.deadline = value > 0n ? now + value : null;
    t.interval = interval;
    return old;
  }

  /** [remaining, interval]; an expired timer not yet processed reads as 1 ns left (still armed). */
  get(t: TimerState, now: bigint): [bigint, bigint] {
    if (t.deadline === null) return [0n, t.interval];
    const left = t.deadline - now;
    return [left > 0n ? left : 1n, t.interval];
  }

  /** Forgets everything (a forked child starts without timers; execve deletes the POSIX timers). */
  clearPosix(): void {
    this.posix.length = 0;
  }

  /** A free POSIX timer slot, or -1 (EAGAIN). */
  freeIndex(): number {
    for (let i = 0; i < MAX_POSIX_TIMERS; i++) if (!this.posix[i]) return i;
    return -1;
  }

  /**
   * The signals of every timer that has expired at `monoNs` (and the process's CPU times), with
   * periodic ones reloaded past `now`, skipping the periods they missed (hrtimer_forward; the CPU
   * itimers too: their clock advances in whole slices here, not in ticks, and a slow slice must not
   * turn into a burst of signals), a POSIX timer whose signal is still pending counts overruns
   * instead of queueing another.
   */
  expire(monoNs: bigint, pending: (si: SigInfo) => boolean): TimerSignal[] {
    const out: TimerSignal[] = [];
    this.itimers.forEach((t, which) => {
      const now = this.now(t.clock, monoNs);
      if (t.deadline === null || t.deadline > now) return;
      if (t.interval > 0n) t.deadline += ((now - t.deadline) / t.interval + 1n) * t.interval;
      else t.deadline = null;
      out.push({ si: { signo: ITIMER_SIGNALS[which], code: SI_KERNEL, pid: 0, uid: 0 }, tid: null });
    });
    for (const p of this.posix) {
      if (!p || p.deadline === null) continue;
      const now = this.now(p.clock, monoNs);
      if (p.deadline > now) continue;
      let missed = 0n;
      if (p.interval > 0n) {
        missed = (now - p.deadline) / p.interval;
        p.deadline += (missed + 1n) * p.interval;
      } else p.deadline = null;
      if (p.notify === SIGEV_NONE) continue;
      const extra = Number(missed > 0x7fffffffn ? 0x7fffffffn : missed);
      if (p.queued && pending(p.queued)) {
        p.queued.overrun = Math.min(0x7fffffff, (p.queued.overrun ?? 0) + 1 + extra);
        p.overrunLast = p.queued.overrun;
        continue;
      }
      const si: SigInfo = { signo: p.signo, code: SI_TIMER, timerId: p.kernelId, overrun: extra, value: p.value };
      p.queued = si;
      p.overrunLast = extra;
      out.push({ si, tid: p.notify & SIGEV_THREAD_ID ? p.tid : null });
    }
    return out;
  }
}
