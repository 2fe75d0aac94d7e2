// signalfd and signalfd4 (src/linux-user/signalfd.ts) on every guest, against Debian's qemu-user, through
// Python's ctypes (the raw syscalls, to reach the flags, the old signalfd of i386 and ARM and the
// errors): the flag and descriptor errors (EINVAL, EBADF, EFAULT), /proc/self/fd's
// anon_inode:[signalfd], fstat, F_GETFL/F_GETFD, poll/select/epoll readiness (POLLIN only while a
// signal of the mask is pending), EAGAIN, a read under 128 bytes (EINVAL), a new mask given through
// the fd (SIGKILL and SIGSTOP silently left out), several structs in one read in dequeue order
// (thread-directed first, then by number, real-time ones queued with their sigqueue values: ssi_int,
// ssi_ptr), a thread reading the process's signals but not another thread's, ITIMER_REAL (SI_KERNEL)
// and a POSIX timer (SI_TIMER, its value), SIGCHLD (ssi_pid, ssi_status, CLD_EXITED; CLD_KILLED), a blocking read
// and a blocking poll woken by another process's kill, a child reading its own signals through the
// inherited description, EINTR from a handled signal outside the mask (and a read that goes on under
// SA_RESTART), readv, O_NONBLOCK set by fcntl, a signal of the mask that
// arrives unblocked during a blocking read being read instead of handled, close-on-exec. Then
// -strace's signalfd4/signalfd lines, and the sizemask check (Linux's EINVAL; QEMU 10 ignores the
// size, so that one is compared with the host's own kernel). Before, both calls were ENOSYS.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { runQemu, runTciemu } from "./harness.ts";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, signal, select, ctypes, struct, threading, time
libc = ctypes.CDLL(None, use_errno=True)
NR = {'riscv64': (None, 74), 'i686': (321, 327), 'armv7l': (349, 355)}[os.uname().machine]
FMT = '<IiiIIiIIIIIiQQQQHHiQI28x'
NAMES = 'signo errno code pid uid fd tid band overrun trapno status int ptr utime stime addr addr_lsb pad2 syscall call_addr arch'.split()
S = signal
def sigset(sigs):
    return ctypes.create_string_buffer(struct.pack('<Q', sum(1 << (s - 1) for s in sigs)), 8)
def call(nr, *args):
    r = libc.syscall(nr, *args)
    return r if r >= 0 else -ctypes.get_errno()
def sfd(fd, sigs, flags=0, size=8):
    return call(NR[1], fd, sigset(sigs), size, flags)
def show(b, pids={}):
    out = []
    for k in range(0, len(b), 128):
        f = dict(zip(NAMES, struct.unpack_from(FMT, b, k)))
        txt = ['%s=%d' % (n, f[n]) for n in NAMES if f[n] and n not in ('pid', 'uid', 'utime', 'stime')]
        if f['pid']: txt.append('pid=' + pids.get(f['pid'], 'other'))
        if f['uid']: txt.append('uid=' + ('me' if f['uid'] == os.getuid() else 'other'))
        out.append('{' + ' '.join(txt) + '}')
    return '%d bytes %s' % (len(b), ' '.join(out))
def rd(fd, n=128, pids=None):
    try: return show(os.read(fd, n), pids or {os.getpid(): 'self'})
    except OSError as e: return 'errno %d' % e.errno
RT = S.SIGRTMIN
S.pthread_sigmask(S.SIG_BLOCK, {S.SIGUSR1, S.SIGUSR2, S.SIGCHLD, S.SIGALRM, RT, RT + 1, RT + 2})
print('errors:', sfd(-1, [S.SIGUSR1], 1), sfd(-1, [S.SIGUSR1], os.O_APPEND), sfd(99, [S.SIGUSR1]), sfd(-2, [S.SIGUSR1]),
      sfd(0, [S.SIGUSR1]), call(NR[1], -1, None, 8, 0))
fd = sfd(-1, [S.SIGUSR1, S.SIGKILL, S.SIGSTOP], os.O_NONBLOCK | os.O_CLOEXEC)
print('fd', fd, os.readlink('/proc/self/fd/%d' % fd), oct(os.fstat(fd).st_mode), oct(ctypes.CDLL(None).fcntl(fd, 3) & (os.O_ACCMODE | os.O_NONBLOCK)), ctypes.CDLL(None).fcntl(fd, 1))
print('empty:', rd(fd), select.poll().poll(0), select.select([fd], [fd], [fd], 0))
p = select.poll(); p.register(fd, select.POLLIN | select.POLLOUT)
ep = select.epoll(); ep.register(fd, select.EPOLLIN | select.EPOLLOUT)
os.kill(os.getpid(), S.SIGUSR1)
print('pending:', p.poll(0), select.select([fd], [fd], [], 0)[:2] == ([fd], []), ep.poll(0) == [(fd, select.EPOLLIN)], S.sigpending() == {S.SIGUSR1})
print('short buffer:', rd(fd, 127), 'read:', rd(fd, 1000), 'then', rd(fd), p.poll(0), ep.poll(0), S.sigpending())
try: os.write(fd, b'x' * 128)
except OSError as e: print('write errno', e.errno)
print('lseek', os.lseek(fd, 0, os.SEEK_CUR))
# a new mask through the fd: SIGUSR1 out, SIGUSR2 in, SIGKILL/SIGSTOP dropped
print('update:', sfd(fd, [S.SIGUSR2, S.SIGKILL, S.SIGSTOP]) == fd)
os.kill(os.getpid(), S.SIGUSR1); os.kill(os.getpid(), S.SIGUSR2)
print('after update:', rd(fd, 512), sorted(S.sigpending()))
os.kill(os.getpid(), S.SIGUSR2)
a, b = bytearray(100), bytearray(200)
print('readv:', os.readv(fd, [a, b]), show(bytes(a + b)[:128], {os.getpid(): 'self'}))
o2 = sfd(-1, [RT + 2]); os.set_blocking(o2, False); print('F_SETFL O_NONBLOCK:', rd(o2)); os.close(o2)
print('restore:', sfd(fd, [S.SIGUSR1, S.SIGUSR2, S.SIGALRM, RT, RT + 1], 0) == fd, rd(fd, 256))
# thread-directed before process-directed, then by number; real-time ones queue with their values
libc.sigqueue.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_void_p]
os.kill(os.getpid(), S.SIGUSR1)
libc.sigqueue(os.getpid(), RT + 1, 0x1234)
libc.sigqueue(os.getpid(), RT, 7)
libc.sigqueue(os.getpid(), RT + 1, 0x7fff0000)
S.raise_signal(S.SIGUSR2)
print('several:', rd(fd, 3 * 128 + 100))
print('rest:', rd(fd, 4096))
if NR[0]:  # the old signalfd: no flags (blocking, no close-on-exec)
    o = call(NR[0], -1, sigset([S.SIGUSR1]), 8); os.kill(os.getpid(), S.SIGUSR1)
    print('old signalfd:', rd(o), ctypes.CDLL(None).fcntl(o, 3) & os.O_NONBLOCK, ctypes.CDLL(None).fcntl(o, 1)); os.close(o)
# a thread-directed signal is read only by its thread; a process-directed one by any
pid = os.fork()
if pid == 0:
    S.pthread_kill(threading.get_ident(), S.SIGUSR2)
    os.kill(os.getpid(), S.SIGUSR1)
    out = []
    th = threading.Thread(target=lambda: out.append(rd(fd, 1024))); th.start(); th.join()
    os.write(1, ('other thread: %s main: %s\\n' % (out[0], rd(fd, 1024))).encode()); os._exit(0)
os.waitpid(pid, 0); S.sigtimedwait({S.SIGCHLD}, 0)
# ITIMER_REAL: SI_KERNEL
S.setitimer(S.ITIMER_REAL, 0.01)
bfd = sfd(-1, [S.SIGALRM])
print('itimer:', rd(bfd))
# a POSIX timer: SI_TIMER, its value, no overrun
class sigevent(ctypes.Structure):
    _fields_ = [('value', ctypes.c_void_p), ('signo', ctypes.c_int), ('notify', ctypes.c_int), ('pad', ctypes.c_int * 16)]
class itimerspec(ctypes.Structure):
    _fields_ = [('i_s', ctypes.c_long), ('i_ns', ctypes.c_long), ('v_s', ctypes.c_long), ('v_ns', ctypes.c_long)]
tid = ctypes.c_void_p()
ev = sigevent(99, RT + 2, 0)
print('timer_create', libc.timer_create(1, ctypes.byref(ev), ctypes.byref(tid)))
libc.timer_settime(tid, 0, ctypes.byref(itimerspec(0, 0, 0, 10_000_000)), None)
print('posix timer:', sfd(bfd, [RT + 2]) == bfd, rd(bfd).replace('tid=%d ' % (tid.value or 0), ''))
# SIGCHLD from a child that exits: blocking read
pid = os.fork()
if pid == 0: os._exit(3)
print('sigchld:', sfd(bfd, [S.SIGCHLD]) == bfd, rd(bfd, 128, {pid: 'child'}), os.waitpid(pid, 0)[1] >> 8)
pid = os.fork()
if pid == 0: S.pthread_sigmask(S.SIG_UNBLOCK, {S.SIGTERM}); os.kill(os.getpid(), S.SIGTERM); os._exit(9)
print('killed child:', rd(bfd, 128, {pid: 'child'}), os.waitpid(pid, 0)[1])
# a blocking poll woken by a signal sent later, from another process
pid = os.fork()
if pid == 0:
    time.sleep(0.05); os.kill(os.getppid(), S.SIGUSR2); os._exit(0)
sfd(bfd, [S.SIGUSR2, S.SIGCHLD]); p = select.poll(); p.register(bfd, select.POLLIN)
print('later:', p.poll(10000) == [(bfd, select.POLLIN)], rd(bfd, 128, {pid: 'child'}))
os.waitpid(pid, 0)
print('then sigchld:', rd(bfd, 128, {pid: 'child'}))
# the child reads its own signals through the inherited description, not the parent's
os.kill(os.getpid(), S.SIGUSR1)
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), S.SIGUSR2)
    os.write(w, ('child: ' + rd(fd, 1024, {os.getpid(): 'self', os.getppid(): 'parent'}) + '\\n').encode()); os._exit(0)
os.waitpid(pid, 0); print(os.read(r, 1000).decode().strip(), 'parent:', rd(fd, 1024))
# an unblocked handled signal outside the mask interrupts a blocking read (EINTR)
class Alarm(Exception): pass
def on_alarm(*a): raise Alarm()
S.signal(S.SIGALRM, on_alarm); S.pthread_sigmask(S.SIG_UNBLOCK, {S.SIGALRM})
S.setitimer(S.ITIMER_REAL, 0.05)
sfd(bfd, [S.SIGUSR1])
try: print(rd(bfd))
except Alarm: print('interrupted by SIGALRM')
# the same at the C level, where read() is not retried: EINTR, or with SA_RESTART the read goes on
libc.read.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]
buf = ctypes.create_string_buffer(128)
S.signal(S.SIGALRM, lambda *a: None)
for restart in (False, True):
    S.siginterrupt(S.SIGALRM, not restart)
    pid = os.fork()
    if pid == 0:  # SIGALRM once the parent sleeps in its read, SIGUSR1 later
        while open('/proc/%d/stat' % os.getppid()).read().split(') ')[1][0] != 'S': time.sleep(0.01)
        os.kill(os.getppid(), S.SIGALRM); time.sleep(0.3); os.kill(os.getppid(), S.SIGUSR1); os._exit(0)
    n = libc.read(bfd, buf, 128); e = ctypes.get_errno()
    print('SA_RESTART' if restart else 'no SA_RESTART', n, e if n < 0 else show(buf.raw[:n], {pid: 'child'}))
    if n < 0: print('then', rd(bfd, 128, {pid: 'child'}))
    os.waitpid(pid, 0)
# one of the mask that arrives unblocked while the reader waits is read, its handler does not run
S.signal(S.SIGUSR2, lambda *a: print('handler ran')); S.pthread_sigmask(S.SIG_UNBLOCK, {S.SIGUSR2})
sfd(bfd, [S.SIGUSR2])
pid = os.fork()
if pid == 0:  # once the parent sleeps in its read
    while open('/proc/%d/stat' % os.getppid()).read().split(') ')[1][0] != 'S': time.sleep(0.01)
    os.kill(os.getppid(), S.SIGUSR2); os._exit(0)
print('unblocked, in the mask:', rd(bfd, 128, {pid: 'child'}))
os.waitpid(pid, 0)
# close-on-exec: the flag-less one survives execve
S.pthread_sigmask(S.SIG_BLOCK, {S.SIGUSR2})
keep = sfd(-1, [S.SIGUSR1])
pid = os.fork()
if pid == 0:
    os.execv('/usr/bin/readlink', ['readlink', '/proc/self/fd/%d' % keep, '/proc/self/fd/%d' % fd])
print('readlink status', os.waitpid(pid, 0)[1] >> 8)
`;
const CASE = pythonCase("signalfd4/signalfd reads, readiness, errors", SCRIPT);

/**
 * epoll's edge-triggered mode on a signalfd: Linux wakes it at every signal queued to the process
 * (one of the mask or not; not a standard signal already pending) and at a new mask, and reports it
 * again while it is readable. Then a signal sent to the process by a thread while every thread
 * blocks it: sigpending in another thread shows it (it looked at the caller's queue only), and it is
 * read after the sending thread has ended (it was lost with that thread's queue). Last, a child's
 * pending signal read by the program it execs (coreutils dd) through an inherited signalfd.
 */
const EDGE = pythonCase(
  "epoll EPOLLET on a signalfd; process signals outliving threads; a read after execve",
  `import os, signal as S, select, ctypes, struct, threading, time
libc = ctypes.CDLL(None, use_errno=True)
NR = {'riscv64': 74, 'i686': 327, 'armv7l': 355}[os.uname().machine]
def sfd(fd, sigs, flags=0):
    return libc.syscall(NR, fd, ctypes.create_string_buffer(struct.pack('<Q', sum(1 << (s - 1) for s in sigs)), 8), 8, flags)
RT = S.SIGRTMIN
S.pthread_sigmask(S.SIG_BLOCK, {S.SIGUSR1, S.SIGUSR2, RT})
fd = sfd(-1, [S.SIGUSR1, RT], os.O_NONBLOCK)
ep = select.epoll(); ep.register(fd, select.EPOLLIN | select.EPOLLET)
me = os.getpid()
print('none', ep.poll(0))
os.kill(me, S.SIGUSR1); print('usr1', ep.poll(0), ep.poll(0))
os.kill(me, RT); print('rt', ep.poll(0), ep.poll(0))
os.kill(me, S.SIGUSR1); print('usr1 again (merged)', ep.poll(0))
os.kill(me, S.SIGUSR2); print('usr2, not in the mask', ep.poll(0))
sfd(fd, [S.SIGUSR1, RT]); print('mask set again', ep.poll(0))
os.read(fd, 1024); print('read all', ep.poll(0))
os.kill(me, S.SIGUSR2); print('usr2 while empty', ep.poll(0))
# a signal for the process while every thread blocks it waits on one of them: it stays pending when that one ends
fd2 = sfd(-1, [S.SIGUSR1], os.O_NONBLOCK)
sent, done = threading.Event(), threading.Event()
def sender(): os.kill(me, S.SIGUSR1); sent.set(); done.wait()
th = threading.Thread(target=sender); th.start(); sent.wait()
print('the sending thread waits:', sorted(S.sigpending()))
done.set(); th.join(); time.sleep(0.05)
print('the sending thread ended:', sorted(S.sigpending()), len(os.read(fd2, 128)))
# the program after execve reads its own signals (pending ones survive execve) through an inherited signalfd
fd3 = sfd(-1, [S.SIGUSR1])
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), S.SIGUSR1)
    os.dup2(fd3, 0); os.dup2(w, 1)
    os.execv('/usr/bin/dd', ['dd', 'bs=128', 'count=1', 'status=none'])
os.close(w)
b = b''
while True:
    c = os.read(r, 4096)
    if not c: break
    b += c
print('after execve, dd read', len(b), struct.unpack_from('<I', b)[0] if b else None, struct.unpack_from('<I', b, 12)[0] == pid if b else None, os.waitpid(pid, 0)[1])
`,
);

/**
 * glibc's signalfd() (signalfd4) with flags, an existing fd, bad flags, a non-signalfd; the old call
 * on i386 and ARM; then signalfd4 with a sizemask other than sizeof(sigset_t) (4, 16, 0), whose
 * results it prints (-errno or a descriptor).
 */
const STRACE_SCRIPT = (signalfd4: number) => `import ctypes, struct, os
libc = ctypes.CDLL(None, use_errno=True)
m = ctypes.create_string_buffer(struct.pack('<Q', 1 << 9), 16)
fd = libc.signalfd(-1, m, os.O_NONBLOCK | os.O_CLOEXEC)
libc.signalfd(fd, m, 0)
libc.signalfd(-1, m, 1)
libc.signalfd(0, m, 0)
old = {'i686': 321, 'armv7l': 349}.get(os.uname().machine)
if old: libc.syscall(old, -1, m, 8)
r = [libc.syscall(${signalfd4}, -1, m, n, 0) for n in (4, 16, 0)]
print(*[x if x >= 0 else -ctypes.get_errno() for x in r])
`;
const SIGNALFD4_NR = { riscv64: 74, i386: 327, arm: 355 };

/**
 * The signalfd4/signalfd lines of a -strace log with a sizemask of 8, without the pid and the
 * arguments that differ between the two (the mask's address, the registers after the call's own
 * arguments).
 */
function signalfdLines(log: string): string[] {
  const out: string[] = [];
  for (const l of log.split("\n")) {
    const m = /^(?:\d+ )?(signalfd4?)\((-?\d+),-?\d+,8,(-?\d+),.*\) = (.*)$/.exec(l);
    if (m) out.push(`${m[1]}(${m[2]},MASK,8${m[1] === "signalfd4" ? `,${m[3]}` : ""}) = ${m[4]}`);
  }
  return out;
}

describe("signalfd", () => {
  for (const g of PYTHON_GUESTS) {
    test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
    test(`${g.arch}: ${EDGE.name} matches qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, EDGE));
    test(`${g.arch}: -strace of signalfd4 and signalfd match qemu-user's; a sizemask other than 8 is EINVAL`, { timeout: 300_000 }, () => {
      const { qemu, sysroot } = g.tools();
      const c = pythonCase("signalfd4 and signalfd calls", STRACE_SCRIPT(SIGNALFD4_NR[g.arch]));
      const q = signalfdLines(runQemu(c, qemu, sysroot, [...g.qemuArgs, "-strace"]).stderr.toString());
      if (q.length !== (g.arch === "riscv64" ? 4 : 5)) throw new Error(`qemu-user's -strace has ${q.length} signalfd lines`);
      const lines: string[] = [];
      const t = runTciemu(c, sysroot, { ...(g.abi ? { abi: g.abi } : {}), strace: (l) => lines.push(l) });
      expect(signalfdLines(lines.join("\n"))).toEqual(q);
      // The sizemask: qemu-user passes any size to the host, so the reference is the host's own Linux
      // (x86-64: signalfd4 is 289), which checks it as every Linux does.
      const host = spawnSync("python3", ["-c", STRACE_SCRIPT(289)], { encoding: "utf8" });
      if (host.error || host.status !== 0) throw new Error(`the host's python3 is needed: ${host.error ?? host.stderr}`);
      expect(host.stdout).toBe("-22 -22 -22\n");
      expect(t.stdout.toString()).toBe(host.stdout);
    });
  }
});
