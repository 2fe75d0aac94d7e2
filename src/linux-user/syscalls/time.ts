// Time (QEMU's syscall.c, Linux's kernel/time/): clocks on the host's real-time and monotonic
// clocks, sleeping (the thread blocks when others can run, else the host sleeps), times, getrusage,
// and timers: the interval timers (getitimer, setitimer, alarm) and POSIX timers (timer_create and
// friends), kept by the process (timers.ts) and fired by the kernel between slices, and timerfds
// (timerfd.ts: timerfd_create, timerfd_settime, timerfd_gettime).
import * as E from "../errno.ts";
import { O } from "../errno.ts";
import { TimerFd } from "../timerfd.ts";
import type { AbiLayouts } from "../layouts.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import { Restart } from "../wait.ts";
import type { ProcessView, Task } from "../task.ts";
import type { Thread } from "../thread.ts";
import { NSIG, SIGALRM } from "../signals.ts";
import {
  ITIMER_REAL,
  MAX_POSIX_TIMERS,
  NTP_PHASE_LIMIT,
  SIGEV_NONE,
  SIGEV_SIGNAL,
  SIGEV_THREAD,
  SIGEV_THREAD_ID,
  TIMER_MAGIC,
  TimerClock,
} from "../timers.ts";
import { putU32, readTimespec, writeTimespec } from "./common.ts";
import { CAP_SYS_TIME, hasCap } from "../capabilities.ts";

const NS_PER_SEC = 1_000_000_000n;
const TIMER_ABSTIME = 1;
/** timerfd_settime flags (CANCEL_ON_SET is accepted: the host clock is never set under a guest). */
const TFD_TIMER_ABSTIME = 1,
  TFD_TIMER_CANCEL_ON_SET = 2;

/** The clock a POSIX timer on clock id `clk` counts on, or -errno (Linux's posix_clocks). */
function timerClock(clk: number): TimerClock | number {
  switch (clk) {
    case 0: // REALTIME
    case 1: // MONOTONIC
    case 7: // BOOTTIME
    case 8: // REALTIME_ALARM
    case 9: // BOOTTIME_ALARM
    case 11: // TAI
      return TimerClock.Real;
    case 2: // PROCESS_CPUTIME_ID
    case 3: // THREAD_CPUTIME_ID (the process's: one CPU runs every thread)
      return TimerClock.Cpu;
    case 4: // MONOTONIC_RAW and the coarse clocks have no timers
    case 5:
    case 6:
      return -E.EOPNOTSUPP;
  }
  return -E.EINVAL;
}

/** The CPU time (ns) thread th has run: what the kernel charged it, and its current stint. */
function threadCpuNs(th: Thread, now: bigint): bigint {
  return th.runNs + (th.runSince >= 0n ? now - th.runSince : 0n);
}

/** The CPU time (ns) of a process: its threads' charged time, and the stint of the one that runs. */
export function processCpuNs(p: ProcessView, now: bigint): bigint {
  let n = p.timers.runNs;
  for (const th of p.threads) if (th.runSince >= 0n) n += now - th.runSince;
  return n;
}

/**
 * The CPU time (ns) a CPU-time clock id names (Linux's pid_for_clock with clock_pid_type, as
 * clock_gettime and clock_getres check it), or null: the id is ~pid << 3 | perthread << 2 | which,
 * which 0..2 (PROF, VIRT, SCHED: all three are the time the kernel charged here), pid 0 for the
 * caller; a thread's clock is only for the caller's own threads, a process's needs a thread-group
 * leader. Ids ending in 3 are CLOCKFD dynamic clocks (a PTP device's descriptor), which no file is.
 */
function cpuClockNs(t: Task, clk: number, now: bigint): bigint | null {
  if ((clk & 3) === 3) return null;
  const pid = ~(clk >> 3);
  if (clk & 4) {
    const th = pid === 0 ? t.thread : t.threads.find((x) => x.tid === pid && !x.dead);
    return th ? threadCpuNs(th, now) : null;
  }
  const p = pid === 0 ? t : t.processView(pid);
  return p ? processCpuNs(p, now) : null;
}

/**
 * A clock's current value in ns, or null for an unknown clock id. The CPU-time clocks
 * (PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID and the ids clock_getcpuclockid and
 * pthread_getcpuclockid make) count the host time the kernel ran the process's or thread's code
 * and calls (Kernel.charge): not the time they were blocked, nor another process's.
 */
export function clockNs(t: Task, clk: number): bigint | null {
  const h = t.host;
  if (clk < 0) return cpuClockNs(t, clk, h.monotonicNs());
  switch (clk) {
    case 0: // REALTIME
    case 5: // REALTIME_COARSE
    case 8: // REALTIME_ALARM
    case 11: // TAI
      return t.realtimeNs();
    case 1: // MONOTONIC
    case 4: // MONOTONIC_RAW
    case 6: // MONOTONIC_COARSE
    case 7: // BOOTTIME
    case 9:
      return h.monotonicNs();
    case 2: // PROCESS_CPUTIME_ID
      return processCpuNs(t, h.monotonicNs());
    case 3: // THREAD_CPUTIME_ID
      return threadCpuNs(t.thread, h.monotonicNs());
  }
  return null;
}

/**
 * Sleeps until a monotonic deadline: the thread blocks and others run; when nothing can run the
 * kernel sleeps the host (or its embedder waits) until the earliest deadline, so a sleeping guest
 * costs nothing. A signal handler ends it with EINTR, writing the time left to `rem` (0: none).
 */
function sleepUntil(t: Task, deadlineMono: bigint, remAddr = 0, TS: AbiLayouts["timespec"] | null = null): SyscallResult {
  if (deadlineMono <= t.host.monotonicNs()) return 0;
  t.block({
    ready: () => false,
    // The pc is past the syscall (the call ends at its deadline, never re-runs): a handler that
    // interrupts it returns to the next instruction with EINTR.
    result: () => 0,
    deadline: deadlineMono,
    timeoutResult: 0,
    restart: Restart.NoHandler,
    cancel: () => {
      const left = deadlineMono - t.host.monotonicNs();
      if (remAddr && TS && left > 0n) writeTimespec(t, TS, remAddr, left);
    },
  });
  return NO_RESULT;
}

/** timespec64_valid_settod: TIME_SETTOD_SEC_MAX is KTIME_SEC_MAX less 30 years of uptime. */
const validSettod = (sec: bigint, nsec: bigint) => sec >= 0n && sec < 8_277_292_036n && nsec >= 0n && nsec < NS_PER_SEC;

/**
 * do_settimeofday64 on the guest kernel's clock: an invalid time EINVAL, EPERM without
 * CAP_SYS_TIME (security_settime64), else the guest's CLOCK_REALTIME becomes sec.nsec.
 */
export function setRealtime(t: Task, sec: bigint, nsec: bigint): number {
  if (!validSettod(sec, nsec)) return -E.EINVAL;
  if (!hasCap(t.caps, CAP_SYS_TIME)) return -E.EPERM;
  t.setRealtimeNs(sec * NS_PER_SEC + nsec);
  return 0;
}

const ADJ_OFFSET = 0x1,
  ADJ_FREQUENCY = 0x2,
  ADJ_MAXERROR = 0x4,
  ADJ_ESTERROR = 0x8,
  ADJ_STATUS = 0x10,
  ADJ_TIMECONST = 0x20,
  ADJ_TAI = 0x80,
  ADJ_SETOFFSET = 0x100,
  ADJ_MICRO = 0x1000,
  ADJ_NANO = 0x2000,
  ADJ_TICK = 0x4000,
  ADJ_ADJTIME = 0x8000,
  ADJ_OFFSET_SINGLESHOT = 0x0001,
  ADJ_OFFSET_READONLY = 0x2000;
const STA_PLL = 0x1,
  STA_PPSFREQ = 0x2,
  STA_PPSTIME = 0x4,
  STA_UNSYNC = 0x40,
  STA_PPSSIGNAL = 0x100,
  STA_PPSJITTER = 0x200,
  STA_PPSWANDER = 0x400,
  STA_PPSERROR = 0x800,
  STA_CLOCKERR = 0x1000,
  STA_NANO = 0x2000,
  /** The bits only the kernel sets (PPS state, CLOCKERR, NANO, MODE, CLK). */
  STA_RONLY = 0xff00;
/** ntp.c's scales: PPM_SCALE (ppm << 16 to ns << 32 per s), MAXFREQ_SCALED (500 ppm), PPM_SCALE_INV. */
const PPM_SCALE = 65_536_000n,
  MAXFREQ_SCALED = 500_000n << 32n,
  PPM_SCALE_INV = (1n << 51n) / PPM_SCALE + 1n;
const shiftRight = (x: bigint, s: bigint) => (x < 0n ? -(-x >> s) : x >> s);
const clampBig = (x: bigint, lo: bigint, hi: bigint) => (x < lo ? lo : x > hi ? hi : x);

/**
 * adjtimex / clock_adjtime(CLOCK_REALTIME) on a struct timex of `w`-byte longs at `addr`
 * (kernel/time/timekeeping.c do_adjtimex, ntp.c __do_adjtimex): the guest kernel's own NTP state
 * (Task.ntp) and clock. timekeeping_validate_timex's checks first (ADJ_ADJTIME without
 * SINGLESHOT EINVAL; any change without CAP_SYS_TIME EPERM; a tick outside 9000..11000 EINVAL;
 * ADJ_SETOFFSET's microseconds or nanoseconds EINVAL), then ADJ_SETOFFSET moves the guest's
 * CLOCK_REALTIME, the other modes set the state as ntp.c does, and the struct comes back filled
 * in; the result is the clock state (TIME_ERROR 5 while unsynchronized, else TIME_OK 0). Not
 * modelled: the PLL/FLL (ADJ_OFFSET with STA_PLL is accepted, the offset reads 0), the slewing of
 * adjtime()'s offset and the growth of maxerror over time, leap seconds, PPS.
 */
function adjtimexAt(t: Task, addr: number, w: 4 | 8): number {
  const size = 20 * w + 48;
  const b = t.as.read(addr, size);
  if (!b) return -E.EFAULT;
  const dv = new DataView(b.buffer, b.byteOffset, size);
  const get = (slot: number) => (w === 8 ? dv.getBigInt64(slot * 8, true) : BigInt(dv.getInt32(slot * 4, true)));
  const put = (slot: number, v: bigint) =>
    w === 8 ? dv.setBigInt64(slot * 8, v, true) : dv.setInt32(slot * 4, Number(BigInt.asIntN(32, v)), true);
  const modes = dv.getUint32(0, true);
  const [OFFSET, FREQ, MAXERR, ESTERR, STATUS, CONSTANT, PRECISION, TOLERANCE, SEC, USEC, TICK] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const capable = hasCap(t.caps, CAP_SYS_TIME);
  if (modes & ADJ_ADJTIME) {
    if (!(modes & ADJ_OFFSET_SINGLESHOT)) return -E.EINVAL;
    if (!(modes & ADJ_OFFSET_READONLY) && !capable) return -E.EPERM;
  } else {
    if (modes && !capable) return -E.EPERM;
    if (modes & ADJ_TICK && (get(TICK) < 9000n || get(TICK) > 11000n)) return -E.EINVAL;
  }
  if (modes & ADJ_SETOFFSET) {
    if (!capable) return -E.EPERM;
    const us = get(USEC);
    if (us < 0n || us >= (modes & ADJ_NANO ? NS_PER_SEC : 1_000_000n)) return -E.EINVAL;
  }
  if (w === 8 && modes & ADJ_FREQUENCY) {
    const f = get(FREQ);
    if (f < -(1n << 63n) / PPM_SCALE || f > ((1n << 63n) - 1n) / PPM_SCALE) return -E.EINVAL;
  }
  const n = t.ntp;
  if (modes & ADJ_SETOFFSET) {
    const delta = get(SEC) * NS_PER_SEC + (modes & ADJ_NANO ? get(USEC) : get(USEC) * 1000n);
    const now = t.realtimeNs() + delta;
    if (!validSettod(now / NS_PER_SEC, now % NS_PER_SEC)) return -E.EINVAL;
    t.setRealtimeNs(now);
  }
  let offset = 0n;
  if (modes & ADJ_ADJTIME) {
    offset = n.adjust;
    if (!(modes & ADJ_OFFSET_READONLY)) n.adjust = get(OFFSET);
  } else if (modes) {
    if (modes & ADJ_STATUS) {
      const st = Number(get(STATUS));
      if (n.status & STA_PLL && !(st & STA_PLL)) n.status = STA_UNSYNC;
      n.status = (n.status & STA_RONLY) | (st & ~STA_RONLY & 0xffff);
    }
    if (modes & ADJ_NANO) n.status |= STA_NANO;
    if (modes & ADJ_MICRO) n.status &= ~STA_NANO;
    if (modes & ADJ_FREQUENCY) n.freq = clampBig(get(FREQ) * PPM_SCALE, -MAXFREQ_SCALED, MAXFREQ_SCALED);
    if (modes & ADJ_MAXERROR) n.maxerror = clampBig(get(MAXERR), 0n, NTP_PHASE_LIMIT);
    if (modes & ADJ_ESTERROR) n.esterror = clampBig(get(ESTERR), 0n, NTP_PHASE_LIMIT);
    if (modes & ADJ_TIMECONST) n.constant = clampBig(clampBig(get(CONSTANT), 0n, 10n) + (n.status & STA_NANO ? 0n : 4n), 0n, 10n);
    if (modes & ADJ_TAI && get(CONSTANT) > 0n) n.tai = get(CONSTANT);
    if (modes & ADJ_TICK) n.tick = get(TICK);
  }
  const st = n.status;
  const error =
    st & (STA_UNSYNC | STA_CLOCKERR) ||
    (st & (STA_PPSFREQ | STA_PPSTIME) && !(st & STA_PPSSIGNAL)) ||
    (st & (STA_PPSTIME | STA_PPSJITTER)) === (STA_PPSTIME | STA_PPSJITTER) ||
    (st & STA_PPSFREQ && st & (STA_PPSWANDER | STA_PPSERROR));
  put(OFFSET, offset);
  put(FREQ, shiftRight((n.freq >> 19n) * PPM_SCALE_INV, 32n));
  put(MAXERR, n.maxerror);
  put(ESTERR, n.esterror);
  put(STATUS, BigInt(st));
  put(CONSTANT, n.constant);
  put(PRECISION, 1n);
  put(TOLERANCE, MAXFREQ_SCALED / PPM_SCALE);
  const now = t.realtimeNs();
  put(SEC, now / NS_PER_SEC);
  put(USEC, st & STA_NANO ? now % NS_PER_SEC : (now % NS_PER_SEC) / 1000n);
  put(TICK, n.tick);
  for (let slot = 12; slot < 20; slot++) put(slot, 0n); // PPS: ppsfreq, jitter, shift, stabil, jitcnt, calcnt, errcnt, stbcnt
  dv.setInt32(20 * w, Number(n.tai), true);
  return t.as.write(addr, b) ? (error ? 5 : 0) : -E.EFAULT;
}

/**
 * do_clock_adjtime: CLOCK_REALTIME is adjtimex (an invalid id EINVAL, a clock without clock_adj
 * EOPNOTSUPP; the CPU clocks' ids are EOPNOTSUPP too).
 */
function clockAdjtime(t: Task, clk: number, addr: number, w: 4 | 8): number {
  if (clk === 0) return adjtimexAt(t, addr, w);
  return clockNs(t, clk) === null ? -E.EINVAL : -E.EOPNOTSUPP;
}

/**
 * Built per timespec/timeval layout: a 32-bit ABI builds them twice, with its 32-bit time_t
 * structs for the old calls and with 64-bit ones for clock_gettime64 and friends.
 */
export function timeSyscalls(L: AbiLayouts) {
  const TS = L.timespec;
  const TV = L.timeval;
  const handlers = {
    clock_gettime: (t, a) => {
      const ns = clockNs(t, a.int(0));
      if (ns === null) return -E.EINVAL;
      return writeTimespec(t, TS, a.ptr(1), ns) ? 0 : -E.EFAULT;
    },
    clock_getres: (t, a) => {
      const clk = a.int(0);
      if (clockNs(t, clk) === null) return -E.EINVAL;
      if (!a.ptr(1)) return 0;
      // The coarse clocks tick, and so do the PROF and VIRT CPU clocks (by jiffies: Debian's HZ 250).
      const tick = clk === 5 || clk === 6 || (clk < 0 && (clk & 3) !== 2);
      return writeTimespec(t, TS, a.ptr(1), tick ? 4_000_000n : 1n) ? 0 : -E.EFAULT;
    },
    /**
     * clock_settime(clk, tp) in sys_clock_settime's order: a clock that cannot be set is EINVAL
     * (only REALTIME and the CPU clocks of clock_getcpuclockid have a clock_set), then the timespec
     * is read (EFAULT); a CPU clock is EPERM (posix_cpu_clock_set), an invalid time EINVAL, then
     * CAP_SYS_TIME (EPERM without it). With it the guest kernel's own CLOCK_REALTIME is set, for
     * every guest process: the host's clock is not the emulator's to change (qemu-user, which
     * passes the call to the host, sets the host machine's clock then).
     */
    clock_settime: (t, a) => {
      const clk = a.int(0);
      if (clk !== 0 && (clk >= 0 || cpuClockNs(t, clk, 0n) === null)) return -E.EINVAL;
      const b = t.as.read(a.ptr(1), TS.size);
      if (!b) return -E.EFAULT;
      if (clk < 0) return -E.EPERM;
      const v = TS.view(b);
      return setRealtime(t, v.getBig("tv_sec"), v.getBig("tv_nsec"));
    },
    /**
     * settimeofday(tv, tz) (kernel/time/time.c): tv's microseconds within 0..999999 (EINVAL), both
     * read (EFAULT); the time as clock_settime's (EINVAL, CAP_SYS_TIME), a timezone within
     * +-15 hours (EINVAL) is the kernel's sys_tz that gettimeofday returns.
     */
    settimeofday: (t, a) => {
      let tv: [bigint, bigint] | null = null;
      if (a.ptr(0)) {
        const b = t.as.read(a.ptr(0), TV.size);
        if (!b) return -E.EFAULT;
        const v = TV.view(b);
        const usec = v.getBig("tv_usec");
        if (usec < 0n || usec >= 1_000_000n) return -E.EINVAL;
        tv = [v.getBig("tv_sec"), usec * 1000n];
      }
      let tz: [number, number] | null = null;
      if (a.ptr(1)) {
        const b = t.as.read(a.ptr(1), 8);
        if (!b) return -E.EFAULT;
        const dv = new DataView(b.buffer, b.byteOffset);
        tz = [dv.getInt32(0, true), dv.getInt32(4, true)];
      }
      if (tv && !validSettod(tv[0], tv[1])) return -E.EINVAL;
      if (!hasCap(t.caps, CAP_SYS_TIME)) return -E.EPERM;
      if (tz) {
        if (tz[0] > 15 * 60 || tz[0] < -15 * 60) return -E.EINVAL;
        t.sysTz.minuteswest = tz[0];
        t.sysTz.dsttime = tz[1];
      }
      return tv ? setRealtime(t, tv[0], tv[1]) : 0;
    },
    /** adjtimex(buf): on the ABI's struct timex (longs of the word size). */
    adjtimex: (t, a) => adjtimexAt(t, a.ptr(0), L.wordBytes === 8 ? 8 : 4),
    /** clock_adjtime(clk, buf): CLOCK_REALTIME's is adjtimex; the other clocks cannot be adjusted (EOPNOTSUPP; EINVAL for no clock). */
    clock_adjtime: (t, a) => clockAdjtime(t, a.int(0), a.ptr(1), L.wordBytes === 8 ? 8 : 4),
    /** clock_adjtime64 of the 32-bit ABIs: struct __kernel_timex, 64-bit fields. */
    clock_adjtime64: (t, a) => clockAdjtime(t, a.int(0), a.ptr(1), 8),
    gettimeofday: (t, a) => {
      const ns = t.realtimeNs();
      if (a.ptr(0)) {
        const b = TV.alloc();
        b.set("tv_sec", ns / 1_000_000_000n).set("tv_usec", (ns % 1_000_000_000n) / 1000n);
        if (!t.as.write(a.ptr(0), b.bytes)) return -E.EFAULT;
      }
      if (a.ptr(1)) {
        // struct timezone: the kernel's sys_tz
        const z = new Uint8Array(8);
        const dv = new DataView(z.buffer);
        dv.setInt32(0, t.sysTz.minuteswest, true);
        dv.setInt32(4, t.sysTz.dsttime, true);
        if (!t.as.write(a.ptr(1), z)) return -E.EFAULT;
      }
      return 0;
    },
    nanosleep: (t, a) => {
      const ns = readTimespec(t, TS, a.ptr(0));
      if (typeof ns === "number") return ns;
      return sleepUntil(t, t.host.monotonicNs() + ns, a.ptr(1), TS);
    },
    clock_nanosleep: (t, a) => {
      const clk = a.int(0),
        flags = a.int(1);
      const now = clockNs(t, clk);
      if (now === null) return -E.EINVAL;
      const ns = readTimespec(t, TS, a.ptr(2));
      if (typeof ns === "number") return ns;
      const rel = flags & 1 ? ns - now : ns;
      return sleepUntil(t, t.host.monotonicNs() + (rel > 0n ? rel : 0n), flags & 1 ? 0 : a.ptr(3), TS);
    },
    times: (t, a) => {
      const ticks = t.host.monotonicNs() / 10_000_000n;
      if (a.ptr(0)) {
        const b = L.tms.alloc();
        b.set("tms_utime", ticks);
        if (!t.as.write(a.ptr(0), b.bytes)) return -E.EFAULT;
      }
      return Number(ticks);
    },
    getrusage: (t, a) => {
      const b = L.rusage.alloc();
      const us = t.host.monotonicNs() / 1000n;
      b.set("ru_utime_sec", us / 1_000_000n).set("ru_utime_usec", us % 1_000_000n);
      b.set("ru_maxrss", t.as.pagesInUse * 4);
      return t.as.write(a.ptr(1), b.bytes) ? 0 : -E.EFAULT;
    },
    /** getitimer(which, value): what is left and the interval. */
    getitimer: (t, a) => {
      const which = a.int(0);
      if (which < 0 || which > 2) return -E.EINVAL;
      const tm = t.timers;
      const it = tm.itimers[which];
      return writeItimerval(t, a.ptr(1), itimerLeft(tm.get(it, tm.now(it.clock, t.host.monotonicNs())))) ? 0 : -E.EFAULT;
    },
    /** setitimer(which, new, old): a NULL new value disarms (as Linux still accepts). */
    setitimer: (t, a) => {
      const which = a.int(0);
      if (which < 0 || which > 2) return -E.EINVAL;
      let v: [bigint, bigint] = [0n, 0n];
      if (a.ptr(1)) {
        const r = readItimerval(t, a.ptr(1));
        if (typeof r === "number") return r;
        v = r;
      }
      const tm = t.timers;
      const it = tm.itimers[which];
      const old = tm.set(it, v[0], v[1], tm.now(it.clock, t.host.monotonicNs()));
      t.timersChanged();
      if (a.ptr(2) && !writeItimerval(t, a.ptr(2), itimerLeft(old))) return -E.EFAULT;
      return 0;
    },
    /** alarm(seconds): ITIMER_REAL one-shot; the old one's seconds left, rounded (alarm_setitimer). */
    alarm: (t, a) => {
      const secs = BigInt(a.uint(0));
      const tm = t.timers;
      const it = tm.itimers[ITIMER_REAL];
      const [left] = itimerLeft(tm.set(it, secs * NS_PER_SEC, 0n, t.host.monotonicNs()));
      t.timersChanged();
      const usec = (left % NS_PER_SEC) / 1000n;
      let r = left / NS_PER_SEC;
      if ((r === 0n && usec !== 0n) || usec >= 500_000n) r++;
      return Number(r);
    },
    /** timer_create(clock, sigevent, *timerid): QEMU's ids (TIMER_MAGIC | index). */
    timer_create: (t, a) => {
      const clock = timerClock(a.int(0));
      if (clock < 0) return clock;
      const tm = t.timers;
      const index = tm.freeIndex();
      if (index < 0) return -E.EAGAIN;
      // struct sigevent: sigev_value (a pointer-sized union), sigev_signo, sigev_notify, sigev_notify_thread_id
      const w = L.wordBytes;
      const b = a.ptr(1) ? t.as.read(a.ptr(1), w + 12) : null;
      if (a.ptr(1) && !b) return -E.EFAULT;
      // the kernel's id is taken before the sigevent is checked (do_timer_create)
      const kernelId = tm.nextKernelId++;
      let value = BigInt(kernelId),
        signo = SIGALRM,
        notify = SIGEV_SIGNAL,
        tid = 0;
      if (b) {
        const dv = new DataView(b.buffer, b.byteOffset);
        value = w === 8 ? dv.getBigUint64(0, true) : BigInt(dv.getUint32(0, true));
        signo = dv.getInt32(w, true);
        notify = dv.getInt32(w + 4, true);
        tid = dv.getInt32(w + 8, true);
        // good_sigevent (SIGEV_THREAD signals the process, as SIGEV_SIGNAL: the C library makes the thread)
        if (notify !== SIGEV_NONE && notify !== SIGEV_SIGNAL && notify !== SIGEV_THREAD && notify !== (SIGEV_SIGNAL | SIGEV_THREAD_ID))
          return -E.EINVAL;
        if (notify !== SIGEV_NONE && (signo <= 0 || signo > NSIG)) return -E.EINVAL;
        if (notify & SIGEV_THREAD_ID && !t.threads.some((x) => x.tid === tid && !x.dead)) return -E.EINVAL;
      }
      // timer_t is an int on every ABI (4 bytes, even on 64-bit ones)
      if (!putU32(t, a.ptr(2), TIMER_MAGIC | index)) return -E.EFAULT;
      tm.posix[index] = {
        index,
        kernelId,
        clockId: a.int(0),
        clock: clock as TimerClock,
        deadline: null,
        interval: 0n,
        notify,
        signo,
        value,
        tid,
        queued: null,
        overrunLast: 0,
      };
      return 0;
    },
    /** timer_settime(id, flags, new, old): TIMER_ABSTIME values are times on the timer's clock. */
    timer_settime: (t, a) => {
      const p = posixTimer(t, a.int(0));
      if (typeof p === "number") return p;
      if (!a.ptr(2)) return -E.EINVAL;
      const spec = readItimerspec(t, a.ptr(2));
      if (typeof spec === "number") return spec;
      const [interval, value] = spec;
      const tm = t.timers;
      const mono = t.host.monotonicNs();
      const now = tm.now(p.clock, mono);
      let rel = value;
      if (value > 0n && a.int(1) & TIMER_ABSTIME) {
        // absolute: on the REALTIME clocks, a wall-clock time; on the others, the clock's own value
        const clockNow = p.clock === TimerClock.Real ? (isRealtime(p.clockId) ? t.realtimeNs() : mono) : now;
        rel = value - clockNow;
        if (rel <= 0n) rel = 1n;
      }
      const old = tm.set(p, rel, value > 0n ? interval : 0n, now);
      p.queued = null;
      t.timersChanged();
      if (a.ptr(3) && !writeItimerspec(t, a.ptr(3), old)) return -E.EFAULT;
      return 0;
    },
    timer_gettime: (t, a) => {
      const p = posixTimer(t, a.int(0));
      if (typeof p === "number") return p;
      const tm = t.timers;
      return writeItimerspec(t, a.ptr(1), tm.get(p, tm.now(p.clock, t.host.monotonicNs()))) ? 0 : -E.EFAULT;
    },
    timer_getoverrun: (t, a) => {
      const p = posixTimer(t, a.int(0));
      return typeof p === "number" ? p : p.overrunLast;
    },
    timer_delete: (t, a) => {
      const p = posixTimer(t, a.int(0));
      if (typeof p === "number") return p;
      t.timers.posix[p.index] = null;
      t.timersChanged();
      return 0;
    },
    /** timerfd_create(clockid, flags): REALTIME, MONOTONIC, BOOTTIME and their _ALARM forms. */
    timerfd_create: (t, a) => {
      const clk = a.int(0),
        flags = a.int(1);
      if (![0, 1, 7, 8, 9].includes(clk)) return -E.EINVAL;
      if (flags & ~(O.CLOEXEC | O.NONBLOCK)) return -E.EINVAL;
      const d = new TimerFd(clk, flags, () => t.host.monotonicNs(), t.timers.wakeups);
      return t.fds.install(d, (flags & O.CLOEXEC) !== 0);
    },
    /** timerfd_settime(fd, flags, new, old): TFD_TIMER_ABSTIME values are times on the timer's clock. */
    timerfd_settime: (t, a) => {
      const d = timerFd(t, a.int(0));
      if (typeof d === "number") return d;
      const flags = a.int(1);
      if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) return -E.EINVAL;
      const spec = readItimerspec(t, a.ptr(2));
      if (typeof spec === "number") return spec;
      const [interval, value] = spec;
      let rel = value;
      if (value > 0n && flags & TFD_TIMER_ABSTIME) {
        rel = value - (isRealtime(d.clockId) ? t.realtimeNs() : t.host.monotonicNs());
        if (rel <= 0n) rel = 1n; // already past: expires at once
      }
      const old = d.set(rel, interval);
      t.timersChanged();
      if (a.ptr(3) && !writeItimerspec(t, a.ptr(3), old)) return -E.EFAULT;
      return 0;
    },
    timerfd_gettime: (t, a) => {
      const d = timerFd(t, a.int(0));
      if (typeof d === "number") return d;
      return writeItimerspec(t, a.ptr(1), d.get()) ? 0 : -E.EFAULT;
    },
  } satisfies Record<string, SyscallHandler>;

  /** The timerfd behind fd: EBADF for no descriptor, EINVAL for another kind. */
  function timerFd(t: Task, fd: number): TimerFd | number {
    const d = t.fds.get(fd);
    if (!d) return -E.EBADF;
    return d instanceof TimerFd ? d : -E.EINVAL;
  }

  /** QEMU's get_timer_id: the magic in the upper half, a live timer's index in the lower. */
  function posixTimer(t: Task, id: number) {
    if ((id & 0xffff0000) !== TIMER_MAGIC) return -E.EINVAL;
    const p = t.timers.posix[id & 0xffff];
    return (id & 0xffff) < MAX_POSIX_TIMERS && p ? p : -E.EINVAL;
  }

  /** struct itimerval (two timevals: interval, value) → [value, interval] in ns; EINVAL as timeval_valid. */
  function readItimerval(t: Task, addr: number): [bigint, bigint] | number {
    const b = t.as.read(addr, L.itimerval.size);
    if (!b) return -E.EFAULT;
    const v = L.itimerval.view(b);
    const ns = (sec: bigint, usec: bigint) => (sec < 0n || usec < 0n || usec >= 1_000_000n ? null : sec * NS_PER_SEC + usec * 1000n);
    const interval = ns(v.getBig("it_interval_sec"), v.getBig("it_interval_usec"));
    const value = ns(v.getBig("it_value_sec"), v.getBig("it_value_usec"));
    return interval === null || value === null ? -E.EINVAL : [value, interval];
  }

  function writeItimerval(t: Task, addr: number, [value, interval]: [bigint, bigint]): boolean {
    const v = L.itimerval.alloc();
    v.set("it_interval_sec", interval / NS_PER_SEC).set("it_interval_usec", (interval % NS_PER_SEC) / 1000n);
    v.set("it_value_sec", value / NS_PER_SEC).set("it_value_usec", (value % NS_PER_SEC) / 1000n);
    return t.as.write(addr, v.bytes);
  }

  /** struct itimerspec (two timespecs: interval, value) → [interval, value] ns; EINVAL as timespec64_valid. */
  function readItimerspec(t: Task, addr: number): [bigint, bigint] | number {
    const b = t.as.read(addr, 2 * TS.size);
    if (!b) return -E.EFAULT;
    const out: bigint[] = [];
    for (const off of [0, TS.size]) {
      const v = TS.view(b.subarray(off));
      const sec = v.getBig("tv_sec"),
        nsec = v.getBig("tv_nsec");
      if (sec < 0n || nsec < 0n || nsec >= NS_PER_SEC) return -E.EINVAL;
      out.push(sec * NS_PER_SEC + nsec);
    }
    return [out[0], out[1]];
  }

  function writeItimerspec(t: Task, addr: number, [value, interval]: [bigint, bigint]): boolean {
    return writeTimespec(t, TS, addr, interval) && writeTimespec(t, TS, addr + TS.size, value);
  }

  return handlers;
}

/** The REALTIME clocks (absolute timer values are wall-clock times). */
const isRealtime = (clk: number) => clk === 0 || clk === 8 || clk === 11;

/** An interval timer's [left, interval] as getitimer shows it: an expiring one has 1 µs left (itimer_get_remtime). */
function itimerLeft([left, interval]: [bigint, bigint]): [bigint, bigint] {
  return [left > 0n && left < 1000n ? 1000n : left, interval];
}
