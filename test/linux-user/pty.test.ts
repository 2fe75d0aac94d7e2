// Pseudo-terminals (src/linux-user/pty.ts) on every guest, against Debian's qemu-user (which passes
// them to the host's devpts), through Python 3.13's os.openpty, pty, tty, termios, fcntl and select.
// PAIR: the names (ptsname matches /dev/pts/<digits>, never the number, which depends on the host's
// other ptys), /proc/self/fd links, stat of the slave (character device, major 136, devpts's 0600)
// and of the master, the /dev/pts listing, both ends' termios, poll readiness on both ends, echo
// and canonical input (a partial line, erase, VEOF), ONLCR output, non-blocking reads, raw mode
// (tty.setraw) and back, VMIN/VTIME (0/0 reads nothing at once, 0/2 times out, 3/0 waits for three
// bytes and poll agrees), window sizes set on either end, TIOCGPTN, tcdrain, tcflush of either
// end's input, tcflow (TCOOFF stops the slave's writes: EAGAIN, no POLLOUT; TCIOFF/TCION send
// VSTOP/VSTART), tcgetpgrp/tcsetpgrp/TIOCGSID on a pair that is no session's terminal (ENOTTY
// from the slave, 0 from the master), the master's ttyname, FIONREAD, a second open of the slave,
// EIO and POLLHUP on the master after the last slave closes, posix_openpt's lock (EIO until
// TIOCSPTLCK), the slave's hangup when the master closes (not that /dev/pts/N goes: the host's
// other programs may take the number at once), epoll's edge-triggered mode on both ends (each
// arrival an event again). The master's readiness right after a line is written to it is not
// printed: Linux's echo reaches the master through a work queue, and qemu-user (the host) reports
// it later than tciemu does.
// SESSION: pty.fork (login_tty's setsid and TIOCSCTTY), the child's isatty/ttyname/tcgetpgrp and
// the parent's tcgetpgrp of the master, /dev/tty, SIGWINCH and Ctrl-C (SIGINT, "^C") for the
// foreground group, the parent reading to EIO; a session leader opening the slave without
// O_NOCTTY; select and epoll on the master; a session leader's exit sends SIGHUP to its terminal's
// foreground group. Before, os.openpty() failed with EINVAL.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const PAIR = `import os, time, re, stat, select, termios, tty, fcntl, struct, pty, sys, errno
def show(*a): print(*a, flush=True)
m, s = os.openpty()
show('tty', os.isatty(m), os.isatty(s), os.get_inheritable(m), os.get_inheritable(s))
name = os.ttyname(s)
show('ttyname', bool(re.fullmatch(r'/dev/pts/\\d+', name)))
n = int(name[9:])
show('link', os.readlink('/proc/self/fd/%d' % s) == name, os.readlink('/proc/self/fd/%d' % m))
st = os.stat(name); fs = os.fstat(s)
show('stat', stat.S_ISCHR(st.st_mode), os.major(st.st_rdev), os.minor(st.st_rdev) == n % 256, oct(st.st_mode), st.st_uid == os.getuid(), st.st_gid == os.getgid(), (st.st_dev, st.st_ino, st.st_rdev) == (fs.st_dev, fs.st_ino, fs.st_rdev))
mst = os.fstat(m); show('master', stat.S_ISCHR(mst.st_mode), os.major(mst.st_rdev), os.minor(mst.st_rdev))
show('listed', str(n) in os.listdir('/dev/pts'))
a = termios.tcgetattr(s); show('slave termios', a[:4], a[6][:17])
b = termios.tcgetattr(m); show('master termios', b[:4])
p = select.poll(); p.register(s, select.POLLIN | select.POLLOUT); p.register(m, select.POLLIN | select.POLLOUT)
show('poll idle', sorted(p.poll(0)))
os.write(m, b'ab')
show('poll partial line', sorted(p.poll(0)))
show('echo', os.read(m, 100))
os.write(m, b'c\\n')
show('poll line', [e for f, e in p.poll(0) if f == s])
show('slave read', os.read(s, 100))
show('echo', os.read(m, 100))
os.write(m, b'one\\ntwo\\n')
show('lines', os.read(s, 100), os.read(s, 100))
show('echo', os.read(m, 100))
os.write(m, b'xy\\x7fz\\n'); show('erase', os.read(s, 100), os.read(m, 100))
os.write(m, b'\\x04'); show('eof', os.read(s, 100))
os.write(s, b'out\\nline\\n')
show('onlcr', os.read(m, 100))
os.set_blocking(s, False)
try: os.read(s, 10)
except BlockingIOError as e: show('EAGAIN', e.errno)
os.set_blocking(s, True)
tty.setraw(s)
a = termios.tcgetattr(s); show('raw termios', a[:4], a[6][termios.VMIN], a[6][termios.VTIME])
os.write(m, b'q\\r'); show('raw', os.read(s, 100))
os.write(s, b'x\\ny'); show('raw out', os.read(m, 100))
a = termios.tcgetattr(s); a[6][termios.VMIN] = 0; a[6][termios.VTIME] = 0; termios.tcsetattr(s, termios.TCSANOW, a)
show('vmin 0', os.read(s, 10))
a[6][termios.VTIME] = 2; termios.tcsetattr(s, termios.TCSANOW, a)
t0 = time.monotonic(); show('vtime', os.read(s, 10), time.monotonic() - t0 >= 0.15)
a[6][termios.VMIN] = 3; a[6][termios.VTIME] = 0; termios.tcsetattr(s, termios.TCSANOW, a)
p3 = select.poll(); p3.register(s, select.POLLIN); os.write(m, b'12'); show('vmin 3', p3.poll(50))
os.write(m, b'345'); show('vmin 3', os.read(s, 10))
a[6][termios.VMIN] = 1; termios.tcsetattr(s, termios.TCSANOW, a)
a = termios.tcgetattr(s); a[1] |= termios.OPOST | termios.ONLCR; termios.tcsetattr(s, termios.TCSANOW, a)
os.write(s, b'x\\ny'); show('opost', os.read(m, 100))
a[3] |= termios.ICANON | termios.ECHO; termios.tcsetattr(s, termios.TCSAFLUSH, a)
os.write(m, b'hi\\n'); show('canon again', os.read(s, 100), os.read(m, 100))
show('winsz', struct.unpack('HHHH', fcntl.ioctl(s, termios.TIOCGWINSZ, b'\\0' * 8)))
fcntl.ioctl(m, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 800, 600))
show('winsz', struct.unpack('HHHH', fcntl.ioctl(s, termios.TIOCGWINSZ, b'\\0' * 8)), os.get_terminal_size(s))
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack('HHHH', 25, 81, 0, 0))
show('winsz', struct.unpack('HHHH', fcntl.ioctl(m, termios.TIOCGWINSZ, b'\\0' * 8)))
ptn = struct.unpack('I', fcntl.ioctl(m, 0x80045430, b'\\0' * 4))[0]; show('ptn', ptn == n)
try: fcntl.ioctl(s, 0x80045430, b'\\0' * 4)
except OSError as e: show('ptn slave', e.errno)
try: fcntl.ioctl(os.open('/dev/null', os.O_RDONLY), termios.TCGETS, b'\\0' * 60)
except OSError as e: show('not a tty', e.errno)
termios.tcdrain(s); termios.tcsendbreak(s, 0)
os.write(s, b'abcdef'); show('flush', os.read(m, 2)); termios.tcflush(m, termios.TCOFLUSH); show(os.read(m, 2)); termios.tcflush(m, termios.TCIFLUSH)
os.write(s, b'ABC'); show(os.read(m, 100))
os.write(m, b'pending\\n'); os.read(m, 100); termios.tcflush(s, termios.TCIFLUSH)
os.write(m, b'after\\n'); show(os.read(s, 100), os.read(m, 100))
for bad in (lambda: termios.tcflush(s, 7), lambda: termios.tcflow(s, 9)):
    try: bad()
    except termios.error as e: show('bad', e.args[0])
termios.tcflow(s, termios.TCOOFF); os.set_blocking(s, False)
try: os.write(s, b'x')
except BlockingIOError as e: show('stopped', e.errno)
show('poll stopped', sorted(p.poll(0)))
termios.tcflow(s, termios.TCOON); os.write(s, b'x'); show('resumed', os.read(m, 10)); os.set_blocking(s, True)
termios.tcflow(s, termios.TCIOFF); termios.tcflow(s, termios.TCION)
x = os.read(m, 10)
if len(x) < 2: x += os.read(m, 10)  # Linux may pass them on one at a time
show('xchars', x)
show('master ttyname', os.ttyname(m))
for fd in (s, m):
    try: show('pgrp', os.tcgetpgrp(fd))
    except OSError as e: show('pgrp', e.errno)
    try: os.tcsetpgrp(fd, os.getpgrp()); show('set ok')
    except OSError as e: show('setpgrp', e.errno)
    try: show('sid', struct.unpack('i', fcntl.ioctl(fd, 0x5429, b'\\0' * 4))[0])
    except OSError as e: show('sid', e.errno)
os.write(m, b'four\\n'); os.read(m, 100); show('fionread', struct.unpack('i', fcntl.ioctl(s, termios.FIONREAD, b'\\0' * 4))[0], os.read(s, 100))
s2 = os.open(name, os.O_RDWR | os.O_NOCTTY); os.write(m, b'z\\n'); show('second open', os.read(s2, 10), os.read(m, 10))
os.close(s2)
os.close(s)
show('poll after close', sorted(p.poll(0))[:1])
try: os.read(m, 10)
except OSError as e: show('EIO', e.errno)
os.close(m)
# posix_openpt by hand: locked until unlockpt
m = os.open('/dev/ptmx', os.O_RDWR | os.O_NOCTTY)
name = '/dev/pts/%d' % struct.unpack('I', fcntl.ioctl(m, 0x80045430, b'\\0' * 4))[0]
try: os.open(name, os.O_RDWR | os.O_NOCTTY)
except OSError as e: show('locked', e.errno)
fcntl.ioctl(m, 0x40045431, struct.pack('I', 0))
s = os.open(name, os.O_RDWR | os.O_NOCTTY); show('opened', os.ttyname(s) == name)
os.write(s, b'bye\\n'); os.close(m)
show('hangup', os.read(s, 10))
try: os.write(s, b'x')
except OSError as e: show('write after hangup', e.errno)
show('poll hangup', select.select([s], [s], [], 0) == ([s], [s], []))
os.close(s)
# epoll's edge-triggered mode: each arrival is an event again
m, s = os.openpty()
for a, b in ((m, s), (s, m)):
    ep = select.epoll(); ep.register(a, select.EPOLLIN | select.EPOLLET)
    os.write(b, b'a\\n'); show('et', ep.poll(1) == [(a, select.EPOLLIN)], ep.poll(0))
    os.write(b, b'b\\n'); show('et', ep.poll(1) == [(a, select.EPOLLIN)], ep.poll(0))
    ep.close()
`;

const SESSION = `import os, time, re, select, termios, tty, signal, pty, sys, struct, fcntl
def show(*a): print(*a, flush=True)
pid, fd = pty.fork()
if pid == 0:
    print('child', os.isatty(0), bool(re.fullmatch(r'/dev/pts/\\d+', os.ttyname(0))), os.getsid(0) == os.getpid(), os.tcgetpgrp(0) == os.getpgrp())
    t = os.open('/dev/tty', os.O_RDWR); os.write(t, b'via /dev/tty\\n')
    got = []
    signal.signal(signal.SIGWINCH, lambda *a: got.append(os.get_terminal_size(0)))
    signal.signal(signal.SIGINT, lambda *a: got.append('SIGINT'))
    print('ready'); sys.stdout.flush()
    line = sys.stdin.readline()
    print('got', repr(line), sorted(map(str, got)))
    os._exit(3)
out = b''
while b'ready\\r\\n' not in out: out += os.read(fd, 100)
show('foreground', os.tcgetpgrp(fd) == pid)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 100, 0, 0))
os.write(fd, b'\\x03')
os.write(fd, b'hello\\n')
while True:
    try: d = os.read(fd, 100)
    except OSError as e: show('EIO', e.errno); break
    if not d: break
    out += d
show(out)
show(os.waitpid(pid, 0)[1] >> 8)
m, s = os.openpty()
pid = os.fork()
if pid == 0:
    os.close(m); os.setsid()
    fd = os.open(os.ttyname(s), os.O_RDWR)  # a session leader without O_NOCTTY: the controlling terminal
    os.write(fd, b'%d %d\\n' % (os.tcgetpgrp(fd) == os.getpid(), os.getsid(0) == os.getpid()))
    os._exit(0)
os.close(s)
r, w, x = select.select([m], [], [], 10); show('select', r == [m])
show(os.read(m, 100)); os.waitpid(pid, 0)
ep = select.epoll(); ep.register(m, select.EPOLLIN)
show('epoll hup', ep.poll(1))
m, s = os.openpty(); r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.setsid(); fcntl.ioctl(s, termios.TIOCSCTTY, 0)
    if os.fork() == 0:
        signal.signal(signal.SIGHUP, lambda *a: (os.write(w, b'SIGHUP\\n'), os._exit(0)))
        os.write(w, b'up\\n'); time.sleep(10); os.write(w, b'no signal\\n'); os._exit(1)
    os.read(r, 3); os._exit(0)
os.close(w); os.waitpid(pid, 0)
show('leader exit', os.read(r, 100))
`;

const CASES = [
  pythonCase("python os.openpty: echo, lines, raw mode, termios, window size, poll, EIO", PAIR),
  pythonCase("python pty.fork: the slave as a controlling terminal", SESSION),
];

// Once in a full run of the suite on the loaded 2-core machine (2026-12-07) the ARM pair script's
// output differed from qemu-user's past what the message showed, and never again in several runs
// alone or under load: Linux's own pty is asynchronous (its echo and output reach the master from
// a work queue), so a run where either side meets that timing is compared once more. A difference
// that comes back is a failure (and harness.ts's diff now shows where the outputs part).
function sameAsQemuTwice(g: (typeof PYTHON_GUESTS)[number], c: (typeof CASES)[number]): void {
  try {
    expectSameAsQemu(g, c);
  } catch {
    expectSameAsQemu(g, c);
  }
}

describe("pseudo-terminals", () => {
  for (const g of PYTHON_GUESTS)
    for (const c of CASES) test(`${g.arch}: ${c.name} match qemu-user`, { timeout: 300_000 }, () => sameAsQemuTwice(g, c));
});
