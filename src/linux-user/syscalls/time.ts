// Time (QEMU's syscall.c, Linux's kernel/time/): clocks on the host's real-time and monotonic
// clocks, sleeping (the thread blocks when others can run, else the host sleeps), times, getrusage,
// and interval timers (none fire: getitimer/setitimer report them disarmed).
import * as E from "../errno.ts";
import type { AbiLayouts } from "../layouts.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import { Restart } from "../wait.ts";
import type { Task } from "../task.ts";
import { readTimespec, writeTimespec } from "./common.ts";

/** A clock's current value in ns, or null for an unknown clock id. */
export function clockNs(t: Task, clk: number): bigint | null {
  const h = t.host;
  switch (clk) {
    case 0: // REALTIME
    case 5: // REALTIME_COARSE
    case 8: // REALTIME_ALARM
    case 11: // TAI
      return h.realtimeNs();
    case 1: // MONOTONIC
    case 4: // MONOTONIC_RAW
    case 6: // MONOTONIC_COARSE
    case 7: // BOOTTIME
    case 9:
    case 2: // PROCESS_CPUTIME_ID
    case 3: // THREAD_CPUTIME_ID
      return h.monotonicNs();
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
      return writeTimespec(t, TS, a.ptr(1), clk === 5 || clk === 6 ? 4_000_000n : 1n) ? 0 : -E.EFAULT;
    },
    gettimeofday: (t, a) => {
      const ns = t.host.realtimeNs();
      if (a.ptr(0)) {
        const b = TV.alloc();
        b.set("tv_sec", ns / 1_000_000_000n).set("tv_usec", (ns % 1_000_000_000n) / 1000n);
        if (!t.as.write(a.ptr(0), b.bytes)) return -E.EFAULT;
      }
      if (a.ptr(1) && !t.as.write(a.ptr(1), new Uint8Array(8))) return -E.EFAULT; // struct timezone
      return 0;
    },
    nanosleep: (t, a) => {
      const ns = readTimespec(t, TS, a.ptr(0));
      if (ns === null) return -E.EFAULT;
      if (ns < 0n) return -E.EINVAL;
      return sleepUntil(t, t.host.monotonicNs() + ns, a.ptr(1), TS);
    },
    clock_nanosleep: (t, a) => {
      const clk = a.int(0),
        flags = a.int(1);
      const ns = readTimespec(t, TS, a.ptr(2));
      if (ns === null) return -E.EFAULT;
      const now = clockNs(t, clk);
      if (now === null) return -E.EINVAL;
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
    getitimer: (t, a) => {
      t.as.write(a.ptr(1), new Uint8Array(L.itimerval.size));
      return 0;
    },
    setitimer: (t, a) => {
      if (a.ptr(2)) t.as.write(a.ptr(2), new Uint8Array(L.itimerval.size));
      return 0;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
