// CPU-time clock ids and clock_settime on every guest, against Debian's qemu-user (which passes the
// ids to the host's kernel): the ids clock_getcpuclockid and pthread_getcpuclockid make
// (~pid << 3 | perthread << 2 | which) for the caller, its other thread, a child, a thread of
// another process, a thread that is not a group leader, an unknown pid and a CLOCKFD id, through
// clock_gettime and clock_getres; clock_settime's answers that come before any capability check
// (a clock that cannot be set, an invalid time, a CPU clock's EPERM). Before, every negative clock
// id was EINVAL (CPython's test_time test_pthread_getcpuclockid) and clock_settime was ENOSYS
// (test_clock_settime, test_monotonic_settime, which expect EPERM without CAP_SYS_TIME). The CPU
// clocks' values only by bounds loose enough for a loaded machine: a sleep adds (almost) nothing,
// a busy loop does, another thread's run counts for the process and not for the caller (they were
// the monotonic clock: CPython's test_process_time, test_thread_time). No valid time is set.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import errno, os, sys, threading, time
def err(f, *a):
    try: f(*a); return 'ok'
    except OSError as e: return errno.errorcode[e.errno]
    except OverflowError: return 'overflow'  # i386's 32-bit time_t
def clk(pid, which, thread=False): return (~pid << 3) | which | (4 if thread else 0)
NOPID = 0x0ffffff0  # above PID_MAX_LIMIT, and its clock id still a C int
me = time.pthread_getcpuclockid(threading.get_ident())
print(me < 0, me & 7, me == clk(threading.get_native_id(), 2, True), time.clock_gettime(me) <= time.clock_gettime(me), time.clock_getres(me))
for pid in (0, os.getpid(), NOPID):
    print('process', pid == 0, [err(time.clock_gettime, clk(pid, w)) for w in range(4)], err(time.clock_getres, clk(pid, 2)))
for tid in (0, threading.get_native_id(), NOPID):
    print('thread', tid == 0, [err(time.clock_gettime, clk(tid, w, True)) for w in range(4)], err(time.clock_getres, clk(tid, 2, True)))
ready, done = threading.Event(), threading.Event()
other = []
def run():
    other.append(threading.get_native_id()); ready.set(); done.wait()
th = threading.Thread(target=run); th.start(); ready.wait()
print('other thread', err(time.clock_gettime, clk(other[0], 2, True)), err(time.clock_gettime, clk(other[0], 2)), err(time.clock_getres, clk(other[0], 2)),
      time.pthread_getcpuclockid(th.ident) == clk(other[0], 2, True))
done.set(); th.join()
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.read(r, 1); os._exit(0)
print('child', err(time.clock_gettime, clk(pid, 2)), err(time.clock_gettime, clk(pid, 0)), err(time.clock_gettime, clk(pid, 2, True)), err(time.clock_getres, clk(pid, 1, True)))
os.write(w, b'x'); os.waitpid(pid, 0)
print('settime', err(time.clock_settime, time.CLOCK_MONOTONIC, 1.0), err(time.clock_settime, 12345, 1.0), err(time.clock_settime, time.CLOCK_PROCESS_CPUTIME_ID, 1.0),
      err(time.clock_settime, time.CLOCK_REALTIME, -1.0), err(time.clock_settime_ns, time.CLOCK_REALTIME, 10**9 - 1 - 2 * 10**9), err(time.clock_settime_ns, time.CLOCK_REALTIME, 8_277_292_036 * 10**9))
# what the CPU clocks count: not a sleep, a busy loop, another thread's run (to the process, not to the caller)
s, t0 = time.process_time(), time.thread_time(); time.sleep(0.25); print('sleep', time.process_time() - s < 0.1, time.thread_time() - t0 < 0.1)
def spin():
    e = time.monotonic() + 0.25
    while time.monotonic() < e: pass
s = time.process_time(); spin(); print('busy', time.process_time() - s > 0)
s, t0 = time.process_time(), time.thread_time()
th = threading.Thread(target=spin); th.start(); th.join()
print('other thread ran', time.process_time() - s > 0, time.thread_time() - t0 < 0.1)
print('settime cpu', err(time.clock_settime, me, 1.0), err(time.clock_settime, clk(0, 0), 1.0), err(time.clock_settime, clk(NOPID, 2), 1.0), err(time.clock_settime, clk(0, 3), 1.0))
`;
const CASE = pythonCase("python CPU clock ids and clock_settime errors", SCRIPT);

describe("CPU-time clock ids, clock_settime", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
