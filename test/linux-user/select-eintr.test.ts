// select after a signal, on every guest against Debian's qemu-user: Linux's core_sys_select writes
// the fd sets back when it returns a count (the ready fds; all clear at a timeout) and leaves them
// as they were when a handler interrupts it (EINTR). CPython's select.select retries with the same
// sets after EINTR (PEP 475), and asyncio's select loop learns of a signal through its wakeup fd
// that way. tciemu cleared the sets when it found nothing ready, before waiting: the retry waited
// on empty sets until its timeout (test_asyncio's SelectEventLoopTests.test_signal_handling_*).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import ctypes, errno, select, signal, socket
r, w = socket.socketpair(); r.setblocking(False); w.setblocking(False)
signal.signal(signal.SIGALRM, lambda *a: None)
signal.set_wakeup_fd(w.fileno())
signal.setitimer(signal.ITIMER_REAL, 0.05)
print('retry', [s is r for s in select.select([r], [], [], 10)[0]])
r.recv(10); signal.set_wakeup_fd(-1)
libc = ctypes.CDLL(None, use_errno=True)
a, b = socket.socketpair()
fds = [r.fileno(), a.fileno()]
def sel(zero_timeout):
    s = (ctypes.c_ubyte * 128)()
    for fd in fds: s[fd // 8] |= 1 << (fd % 8)
    tv = (ctypes.c_ubyte * 16)()
    n = libc.select(max(fds) + 1, ctypes.byref(s), None, None, ctypes.byref(tv) if zero_timeout else None)
    e = errno.errorcode[ctypes.get_errno()] if n < 0 else 'ok'
    return n, e, [bool(s[fd // 8] & (1 << (fd % 8))) for fd in fds], sum(s)
signal.setitimer(signal.ITIMER_REAL, 0.05)
print('interrupted', sel(False))
print('nothing ready', sel(True))
b.send(b'x')
print('ready', sel(False), sel(True))
`;
const CASE = pythonCase("python select interrupted by a signal, retried", SCRIPT);

describe("select and signals", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
