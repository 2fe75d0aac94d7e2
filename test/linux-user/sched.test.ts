// Scheduling attributes on every guest, against Debian's qemu-user (which passes the calls to the
// host's kernel): sched_getscheduler/setscheduler/getparam/setparam with Linux's EINVAL and ESRCH,
// SCHED_RESET_ON_FORK, sched_rr_get_interval, sched_get_priority_max/min, sched_getaffinity and
// sched_setaffinity (kept, inherited over fork; getcpu gives a CPU of the mask), getpriority/setpriority with the host's nice value
// to start with. tciemu ignored every set (nop), answered pid -1 and unknown pids, had no
// sched_rr_get_interval (ENOSYS) and its priority max/min were 0 on riscv64 and ARM (CPython's
// test_posix scheduler and affinity tests, test_os test_process_cpu_count_affinity and
// test_set_get_priority), and i386's and ARM's old nice(2) (ENOSYS before). Only what needs no CAP_SYS_NICE is tried (CI's root may not have it:
// nice values are only raised, no real-time policy is set).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import ctypes, errno, os, sys
def tryit(fn, *a):
    try: return fn(*a)
    except OSError as e: return errno.errorcode[e.errno]
def forked(f):
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        f(); os._exit(0)
    os.waitpid(pid, 0)
NOPID = 0x3ffffff0
p0 = os.sched_param(0)
print(os.sched_getscheduler(0), os.sched_getparam(0), tryit(os.sched_getscheduler, -1), tryit(os.sched_getscheduler, NOPID))
print(tryit(os.sched_getparam, -1), tryit(os.sched_getparam, NOPID))
print(tryit(os.sched_setscheduler, 0, os.SCHED_BATCH, p0), os.sched_getscheduler(0), os.sched_getparam(0))
print(tryit(os.sched_setscheduler, 0, os.SCHED_BATCH, os.sched_param(1)), tryit(os.sched_setscheduler, 0, os.SCHED_RR, p0),
      tryit(os.sched_setscheduler, 0, os.SCHED_FIFO, os.sched_param(100)), tryit(os.sched_setscheduler, 0, 42, p0), tryit(os.sched_setscheduler, 0, 6, p0))
print(tryit(os.sched_setscheduler, -1, 0, p0), tryit(os.sched_setscheduler, NOPID, 0, p0), tryit(os.sched_setparam, 0, p0),
      tryit(os.sched_setparam, 0, os.sched_param(5)), tryit(os.sched_setparam, -1, p0), tryit(os.sched_setparam, NOPID, p0))
forked(lambda: print('child', os.sched_getscheduler(0), flush=True))
print(tryit(os.sched_setscheduler, 0, os.SCHED_OTHER, p0), os.sched_getscheduler(0))
rr = tryit(os.sched_rr_get_interval, 0)
print(type(rr), 0 <= rr < 1, tryit(os.sched_rr_get_interval, -1), tryit(os.sched_rr_get_interval, NOPID))
print([os.sched_get_priority_max(p) for p in (0, 1, 2, 3, 5)], [os.sched_get_priority_min(p) for p in (0, 1, 2, 3, 5)],
      tryit(os.sched_get_priority_max, 42), tryit(os.sched_get_priority_min, -1))
def reset_on_fork():
    print(tryit(os.sched_setscheduler, 0, os.SCHED_BATCH | os.SCHED_RESET_ON_FORK, p0), os.sched_getscheduler(0) == os.SCHED_BATCH | os.SCHED_RESET_ON_FORK, flush=True)
    forked(lambda: print('grandchild', os.sched_getscheduler(0), flush=True))
forked(reset_on_fork)
# affinity: the CPUs differ from host to host; what is compared is what the calls do with them
m = os.sched_getaffinity(0)
print(len(m) >= 1, os.process_cpu_count() == len(m), tryit(os.sched_getaffinity, -1), tryit(os.sched_getaffinity, NOPID))
print(tryit(os.sched_setaffinity, 0, []), tryit(os.sched_setaffinity, 0, [1000]), tryit(os.sched_setaffinity, -1, m), tryit(os.sched_setaffinity, NOPID, m))
first = min(m)
print(tryit(os.sched_setaffinity, 0, [first]), os.sched_getaffinity(0) == {first}, os.process_cpu_count())
forked(lambda: print('child', os.sched_getaffinity(0) == {first}, flush=True))
last = max(m)
print(tryit(os.sched_setaffinity, 0, [last]), ctypes.CDLL(None).sched_getcpu() == last)
print(tryit(os.sched_setaffinity, 0, m), os.sched_getaffinity(0) == m)
# nice values: the host's to start with (both emulators run at the test's own), raised only (no CAP_SYS_NICE needed)
base = os.getpriority(os.PRIO_PROCESS, 0)
print(base, base == os.getpriority(os.PRIO_PROCESS, os.getpid()), tryit(os.getpriority, 7, 0), tryit(os.getpriority, os.PRIO_PROCESS, NOPID))
print(tryit(os.setpriority, os.PRIO_PROCESS, 0, base + 1), os.getpriority(os.PRIO_PROCESS, 0) - base)
forked(lambda: print('child', os.getpriority(os.PRIO_PROCESS, 0) - base, flush=True))
print(tryit(os.setpriority, os.PRIO_PROCESS, NOPID, 0), tryit(os.setpriority, 9, 0, 0), tryit(os.getpriority, os.PRIO_PGRP, NOPID))
def own_group():
    os.setpgid(0, 0)
    print(tryit(os.setpriority, os.PRIO_PGRP, 0, base + 2), os.getpriority(os.PRIO_PGRP, 0) - base, os.getpriority(os.PRIO_PROCESS, 0) - base, flush=True)
forked(own_group)
# the old nice(2) of i386 and ARM (34; glibc's nice() uses setpriority): raised only, then clamped at 19
if os.uname().machine in ('i686', 'armv7l'):
    libc = ctypes.CDLL(None, use_errno=True)
    def nice(inc):
        r = libc.syscall(34, inc)
        return r if r != -1 else errno.errorcode[ctypes.get_errno()]
    before = os.getpriority(os.PRIO_PROCESS, 0)
    print('nice', nice(1), os.getpriority(os.PRIO_PROCESS, 0) - before, nice(0), nice(100), os.getpriority(os.PRIO_PROCESS, 0))
    forked(lambda: print('child', nice(-100) if os.getuid() else 'root', flush=True))
print(tryit(os.setpriority, os.PRIO_PROCESS, 0, 100), os.getpriority(os.PRIO_PROCESS, 0))
`;
const CASE = pythonCase("python sched_* and get/setpriority", SCRIPT);

describe("scheduling attributes (sched_*, getpriority, setpriority)", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
