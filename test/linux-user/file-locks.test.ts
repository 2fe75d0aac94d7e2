// File locks between guest processes (src/linux-user/file-locks.ts, syscalls/locks.ts) on every
// guest, against Debian's qemu-user (which passes them to the host kernel, so its answers are
// Linux's): POSIX record locks through lockf and fcntl (merging, splitting, SEEK_CUR/SEEK_END and
// negative lengths, a range beyond 4 GiB, F_GETLK with the ABI's struct flock reporting the holder,
// the plain fcntl syscall's 32-bit struct flock, release when any descriptor of the file closes, a
// blocking F_SETLKW the holder releases, a deadlock (EDEADLK), a signal handler interrupting a
// wait), flock (between descriptions, shared by a forked one, conversion, a failed conversion
// losing the old lock, blocking until the last close), OFD locks (between two descriptions of one
// process, pid -1, released with the description) and the errors (O_PATH, access modes, bad
// types, whences and ranges). Before, every lock call succeeded without locking and F_GETLK always
// said F_UNLCK.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, fcntl, struct, time, platform, errno
def p(*a): print(*a, flush=True)
# the struct flock fcntl.F_GETLK takes: riscv64's, ARM EABI's flock64 (8-aligned), i386's packed flock64
if struct.calcsize('P') == 8 or platform.machine().startswith('arm'): FMT = '<hh4xqqi4x'
elif fcntl.F_GETLK == 12: FMT = '<hhqqi'
else: FMT = '<hhiii'
parent = os.getpid()
def lk(fd, cmd, typ, start, ln, whence=0, pid=0):
    try: t, w, s, l, pi = struct.unpack(FMT, fcntl.fcntl(fd, cmd, struct.pack(FMT, typ, whence, start, ln, pid)))
    except OSError as e: return errno.errorcode[e.errno]
    return (t, w, s, l, 'parent' if pi == parent else pi) if cmd in (fcntl.F_GETLK, getattr(fcntl, 'F_OFD_GETLK', -1)) else 'ok'
def probe(fd, op, ln, start):
    try:
        fcntl.lockf(fd, op | fcntl.LOCK_NB, ln, start); fcntl.lockf(fd, fcntl.LOCK_UN, ln, start); return 'ok'
    except OSError as e: return errno.errorcode[e.errno]
def child(f):
    pid = os.fork()
    if pid == 0:
        try: f()
        finally: os._exit(0)
    os.waitpid(pid, 0)
G = 1 << 32
fd = os.open('lockfile', os.O_RDWR | os.O_CREAT, 0o644)
os.write(fd, b'x' * 100)
fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0)
fcntl.lockf(fd, fcntl.LOCK_EX, 10, 10)
fcntl.lockf(fd, fcntl.LOCK_SH, 10, 30)
fcntl.lockf(fd, fcntl.LOCK_EX, 50, G)
fcntl.lockf(fd, fcntl.LOCK_SH, 0, 2 * G)
fcntl.lockf(fd, fcntl.LOCK_UN, 5, 5)
p('neg len', lk(fd, fcntl.F_SETLK, fcntl.F_RDLCK, 60, -5))
os.lseek(fd, 70, 0)
p('seek cur', lk(fd, fcntl.F_SETLK, fcntl.F_RDLCK, 0, 3, 1))
p('seek end', lk(fd, fcntl.F_SETLK, fcntl.F_WRLCK, -10, 5, 2))
p('own', lk(fd, fcntl.F_GETLK, fcntl.F_WRLCK, 0, 0))
def probes():
    for s, n in ((0, 1), (4, 1), (5, 5), (10, 1), (19, 2), (21, 9), (30, 10), (41, 14), (55, 5), (54, 1), (60, 10), (70, 3), (73, 17), (90, 5), (95, 0)):
        p(s, n, probe(fd, fcntl.LOCK_SH, n, s), probe(fd, fcntl.LOCK_EX, n, s))
    for s, n in ((G - 1, 1), (G + 49, 1), (G + 50, 1), (2 * G - 1, 2), (3 * G, 0)):
        p(s, n, probe(fd, fcntl.LOCK_SH, n, s), probe(fd, fcntl.LOCK_EX, n, s))
    for t in (fcntl.F_RDLCK, fcntl.F_WRLCK):
        for s, n in ((0, 0), (5, 10), (20, 0), (45, 0), (G + 10, 1), (2 * G + 5, 10)):
            p('getlk', t, s, n, lk(fd, fcntl.F_GETLK, t, s, n))
child(probes)
fd2 = os.open('lockfile', os.O_RDONLY)
os.close(fd2)
p('after closing another fd')
child(probes)
# a blocking F_SETLKW that the holder releases
fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0)
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.write(w, b'1'); t0 = time.monotonic()
    fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0)
    p('setlkw granted', time.monotonic() - t0 >= 0.1, probe(fd, fcntl.LOCK_EX, 1, 0))
    os._exit(0)
os.read(r, 1); time.sleep(0.3)
fcntl.lockf(fd, fcntl.LOCK_UN, 10, 0)
os.waitpid(pid, 0)
# a deadlock between two processes' F_SETLKW: the second to wait gets EDEADLK
fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0)
pid = os.fork()
if pid == 0:
    fcntl.lockf(fd, fcntl.LOCK_EX, 1, 1); os.write(w, b'1')
    fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0)
    p('child got byte 0')
    os._exit(0)
os.read(r, 1); time.sleep(0.3)
try: fcntl.lockf(fd, fcntl.LOCK_EX, 1, 1); p('no deadlock')
except OSError as e: p('deadlock', errno.errorcode[e.errno])
fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)
os.waitpid(pid, 0)
# a signal handler interrupts a blocked F_SETLKW (Python's handlers have no SA_RESTART)
fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0)
def intr():
    import signal
    def h(s, f): raise InterruptedError('alarm')
    signal.signal(signal.SIGALRM, h); signal.setitimer(signal.ITIMER_REAL, 0.1)
    try: fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0); p('not interrupted')
    except InterruptedError as e: p('interrupted', e)
child(intr)
fcntl.lockf(fd, fcntl.LOCK_UN, 0, 0)
# flock: whole-file locks of open file descriptions, apart from record locks
fa = os.open('lockfile', os.O_RDWR)
fcntl.flock(fa, fcntl.LOCK_EX)
def fl(fd, op):
    try: fcntl.flock(fd, op); return 'ok'
    except OSError as e: return errno.errorcode[e.errno]
def flocks():
    fb = os.open('lockfile', os.O_RDONLY)
    p('flock other description', fl(fb, fcntl.LOCK_SH | fcntl.LOCK_NB), fl(fb, fcntl.LOCK_EX | fcntl.LOCK_NB))
    p('record lock beside flock', probe(fd, fcntl.LOCK_EX, 0, 0))
    p('flock shared description', fl(fa, fcntl.LOCK_SH | fcntl.LOCK_NB))
    p('both shared', fl(fb, fcntl.LOCK_SH | fcntl.LOCK_NB), fl(fb, fcntl.LOCK_EX | fcntl.LOCK_NB), fl(fb, fcntl.LOCK_UN))
child(flocks)
p('converted by the child', fl(fa, fcntl.LOCK_EX | fcntl.LOCK_NB))
pid = os.fork()
if pid == 0:
    os.close(fa)
    fb = os.open('lockfile', os.O_RDONLY)
    os.write(w, b'1'); t0 = time.monotonic()
    fcntl.flock(fb, fcntl.LOCK_SH)
    p('flock granted after the last close', time.monotonic() - t0 >= 0.1)
    os._exit(0)
os.read(r, 1); time.sleep(0.3)
os.close(fa)
os.waitpid(pid, 0)
# a failed conversion loses the old lock (flock_lock_inode drops it first)
fa = os.open('lockfile', os.O_RDWR); fcntl.flock(fa, fcntl.LOCK_SH)
r2, w2 = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(fa)
    fb = os.open('lockfile', os.O_RDONLY); fcntl.flock(fb, fcntl.LOCK_SH); os.write(w, b'1')
    os.read(r2, 1)
    p('after the failed conversion', fl(fb, fcntl.LOCK_EX | fcntl.LOCK_NB))
    os._exit(0)
os.read(r, 1)
p('conversion', fl(fa, fcntl.LOCK_EX | fcntl.LOCK_NB))
os.write(w2, b'1'); os.waitpid(pid, 0); os.close(fa)
p('flock errors', fl(fd, 3), fl(fd, 0), fl(fd, 16), fl(999, fcntl.LOCK_SH), fl(fd, fcntl.LOCK_UN))
# the plain fcntl syscall with struct flock (32-bit offsets on i386 and ARM), through ctypes
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
F32 = FMT if struct.calcsize('P') == 8 else '<hhiii'
def raw(fd, cmd, typ, start, ln):
    b = ctypes.create_string_buffer(struct.pack(F32, typ, 0, start, ln, 0))
    if libc.syscall(25 if platform.machine() == 'riscv64' else 55, fd, cmd, b) < 0: return errno.errorcode[ctypes.get_errno()]
    t, w, s, l, pi = struct.unpack(F32, b.raw[:struct.calcsize(F32)])
    return (t, w, s, l, 'parent' if pi == parent else pi)
fcntl.lockf(fd, fcntl.LOCK_EX, 10, 100)
child(lambda: p('raw fcntl', raw(fd, 5, fcntl.F_RDLCK, 0, 0), raw(fd, 6, fcntl.F_RDLCK, 105, 1), raw(fd, 6, fcntl.F_RDLCK, 110, 0), raw(fd, 5, fcntl.F_WRLCK, 100, 0)))
fcntl.lockf(fd, fcntl.LOCK_UN, 0, 0)
# OFD locks: owned by the description, conflicting within one process
if hasattr(fcntl, 'F_OFD_SETLK'):
    o1 = os.open('lockfile', os.O_RDWR); o2 = os.open('lockfile', os.O_RDWR)
    p('ofd set', lk(o1, fcntl.F_OFD_SETLK, fcntl.F_WRLCK, 0, 10))
    p('ofd other description', lk(o2, fcntl.F_OFD_SETLK, fcntl.F_RDLCK, 5, 1), lk(o2, fcntl.F_OFD_GETLK, fcntl.F_RDLCK, 0, 0))
    p('posix against ofd', lk(o2, fcntl.F_GETLK, fcntl.F_RDLCK, 0, 0), lk(o2, fcntl.F_SETLK, fcntl.F_RDLCK, 9, 1))
    p('ofd same description', lk(o1, fcntl.F_OFD_SETLK, fcntl.F_RDLCK, 5, 20), lk(o1, fcntl.F_OFD_GETLK, fcntl.F_WRLCK, 0, 0))
    p('ofd pid', lk(o1, fcntl.F_OFD_SETLK, fcntl.F_RDLCK, 0, 1, pid=1), lk(o1, fcntl.F_OFD_GETLK, fcntl.F_RDLCK, 0, 1, pid=1))
    child(lambda: p('ofd from a child', lk(o2, fcntl.F_GETLK, fcntl.F_WRLCK, 0, 0), lk(o1, fcntl.F_GETLK, fcntl.F_WRLCK, 0, 0)))
    os.close(o1)
    p('ofd after close', lk(o2, fcntl.F_OFD_GETLK, fcntl.F_WRLCK, 0, 0), lk(o2, fcntl.F_OFD_SETLK, fcntl.F_WRLCK, 0, 0))
# errors
ro = os.open('lockfile', os.O_RDONLY); wo = os.open('lockfile', os.O_WRONLY)
p('modes', lk(ro, fcntl.F_SETLK, fcntl.F_WRLCK, 0, 1), lk(wo, fcntl.F_SETLK, fcntl.F_RDLCK, 0, 1), lk(ro, fcntl.F_SETLK, fcntl.F_RDLCK, 0, 1), lk(wo, fcntl.F_SETLK, fcntl.F_UNLCK, 0, 0))
op = os.open('lockfile', os.O_PATH)
p('O_PATH', fl(op, fcntl.LOCK_UN), fl(op, fcntl.LOCK_SH), lk(op, fcntl.F_SETLK, fcntl.F_UNLCK, 0, 0), lk(op, fcntl.F_GETLK, fcntl.F_RDLCK, 0, 0))
p('bad', lk(fd, fcntl.F_SETLK, 7, 0, 1), lk(fd, fcntl.F_SETLK, fcntl.F_RDLCK, 0, 1, 3), lk(fd, fcntl.F_GETLK, fcntl.F_UNLCK, 0, 1), lk(fd, fcntl.F_SETLK, fcntl.F_RDLCK, -1, 1), lk(fd, fcntl.F_SETLK, fcntl.F_RDLCK, 5, -6))
`;
const CASE = pythonCase("python lockf, fcntl record and OFD locks and flock between processes", SCRIPT);

describe("file locks", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
