// timerfd (src/linux-user/timerfd.ts) on every guest, against Debian's qemu-user, through Python's
// os.timerfd_* (3.13): gettime of a disarmed timer, a periodic timer read (blocking) and polled,
// the expirations counted over a sleep, disarming, a non-blocking REALTIME timer (EAGAIN, then an
// absolute expiry woken through epoll), and the errors: settime on another kind of descriptor,
// an unknown clock, write; /proc/self/fd's anon_inode:[timerfd] links (and [eventfd], [eventpoll]) and their
// fstat (0600, no file type), the interval a disarmed timer keeps (it_value 0 with an it_interval:
// gettime and the next settime report it; it was dropped, CPython's test_timerfd_ns_initval). Counts that depend on the machine's speed are only checked for a
// lower bound. Before, every timerfd call was ENOSYS.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, time, select
t = os.timerfd_create(time.CLOCK_MONOTONIC)
print(os.timerfd_gettime(t))
os.timerfd_settime(t, initial=0.05, interval=0.02)
v, i = os.timerfd_gettime(t); print(0 < v <= 0.05, i)
n = int.from_bytes(os.read(t, 8), 'little'); print(n >= 1)
p = select.poll(); p.register(t, select.POLLIN); print(p.poll(1000))
time.sleep(0.1); n = int.from_bytes(os.read(t, 8), 'little'); print(n >= 4)
os.timerfd_settime(t, initial=0)
print(os.timerfd_gettime(t))
print(os.timerfd_settime_ns(t, initial=0, interval=10**6), os.timerfd_gettime_ns(t), os.timerfd_settime_ns(t, initial=0))
nb = os.timerfd_create(time.CLOCK_REALTIME, flags=os.TFD_NONBLOCK | os.TFD_CLOEXEC)
try: os.read(nb, 8)
except BlockingIOError as e: print('EAGAIN', e.errno)
os.timerfd_settime(nb, initial=time.time() + 0.03, flags=os.TFD_TIMER_ABSTIME)
ep = select.epoll(); ep.register(nb, select.EPOLLIN); print(len(ep.poll(2)), int.from_bytes(os.read(nb, 8), 'little'))
try: os.timerfd_settime(0, initial=1)
except OSError as e: print('not a timerfd', e.errno)
try: os.timerfd_create(12345)
except OSError as e: print('bad clock', e.errno)
try: os.write(t, b'12345678')
except OSError as e: print('write', e.errno)
for x in (t, os.eventfd(0), ep.fileno()): print(os.readlink('/proc/self/fd/%d' % x), oct(os.fstat(x).st_mode))
`;
const CASE = pythonCase("python os.timerfd_* and poll/epoll on timerfds", SCRIPT);

describe("timerfd", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
