// Named pipes (src/linux-user/fifos.ts) and mknod on every guest, against Debian's qemu-user (which
// passes mknodat to the host kernel). Python 3.13: os.mkfifo and stat (S_ISFIFO, mode after the
// umask, size), EEXIST, fifo_open's rules (O_WRONLY|O_NONBLOCK without a reader: ENXIO; O_RDONLY|
// O_NONBLOCK at once, EOF with no writer; O_RDWR; reopening through /proc/self/fd; a blocking open
// that a signal handler interrupts leaves no reader behind), fstat and fstatvfs of an end, truncate
// and fsync (EINVAL; fsync of a pipe too), EAGAIN, EOF and POLLHUP when the writer closes, EPIPE
// without a reader (SIGPIPE ignored), blocking opens across fork (a writer child and a reader
// parent, then the reverse), mknod of regular files and its errors (a directory: EPERM, an unknown
// type: EINVAL, ENOENT, ENOTDIR; a character device as an unprivileged user: EPERM), execve of a
// FIFO (EACCES), a socket inode (S_ISSOCK, open: ENXIO, connect: ECONNREFUSED), scandir's d_type,
// rename, link and unlink. Then busybox sh with coreutils' mkfifo (mkfifoat), background writers,
// cat, wc, test -p and ls -l; and -strace's mknodat lines. Before, mknodat/mknod were ENOSYS on
// every guest.
import { describe, expect, test } from "vitest";
import { runQemu, runTciemu, type Case } from "./harness.ts";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, stat, signal, errno, select, functools, socket
print = functools.partial(print, flush=True)
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
os.umask(0o022)
os.mkfifo('p', 0o666)
st = os.stat('p'); print('stat', stat.S_ISFIFO(st.st_mode), oct(stat.S_IMODE(st.st_mode)), st.st_size, st.st_nlink)
print('lstat', stat.S_ISFIFO(os.lstat('p').st_mode))
try: os.mkfifo('p')
except FileExistsError as e: print('EEXIST', e.errno)
try: os.open('p', os.O_WRONLY | os.O_NONBLOCK)
except OSError as e: print('ENXIO', e.errno)
r = os.open('p', os.O_RDONLY | os.O_NONBLOCK); print('nb read open, no writer:', os.read(r, 10))
pl = select.poll(); pl.register(r, select.POLLIN); print('poll', pl.poll(0))
w = os.open('p', os.O_WRONLY | os.O_NONBLOCK); print('nb write open with a reader')
fs = os.fstat(w); print('fstat', stat.S_ISFIFO(fs.st_mode), fs.st_ino == st.st_ino, fs.st_dev == st.st_dev)
print('flags', os.get_blocking(r), os.get_blocking(w))
print('fstatvfs', os.fstatvfs(r).f_blocks == os.statvfs('.').f_blocks)
try: os.truncate('p', 0)
except OSError as e: print('truncate', errno.errorcode[e.errno])
for fd in [r, os.pipe()[1], os.open('.', os.O_PATH)]:
    try: os.fsync(fd)
    except OSError as e: print('fsync', errno.errorcode[e.errno])
w2 = os.open('/proc/self/fd/%d' % r, os.O_WRONLY); os.write(w2, b'proc '); os.close(w2)
os.write(w, b'abc'); print(os.read(r, 10))
try: os.read(r, 10)
except BlockingIOError as e: print('EAGAIN', e.errno)
os.close(w); print('eof', os.read(r, 10), pl.poll(0))
os.close(r)
rw = os.open('p', os.O_RDWR); os.write(rw, b'x'); print('rdwr', os.read(rw, 1))
w = os.open('p', os.O_WRONLY); os.close(rw)
try: os.write(w, b'y')
except BrokenPipeError as e: print('EPIPE', e.errno)
os.close(w)
class Alarm(Exception): pass
def alarm(s, f): raise Alarm()
signal.signal(signal.SIGALRM, alarm); signal.setitimer(signal.ITIMER_REAL, 0.05)
try: os.open('p', os.O_RDONLY)
except Alarm: print('open interrupted')
try: os.open('p', os.O_WRONLY | os.O_NONBLOCK)
except OSError as e: print('no reader left', errno.errorcode[e.errno])
pid = os.fork()
if pid == 0:
    w = os.open('p', os.O_WRONLY)
    for i in range(3): os.write(w, b'line %d\\n' % i)
    os._exit(0)
r = os.open('p', os.O_RDONLY)
data = b''
while True:
    b = os.read(r, 100)
    if not b: break
    data += b
os.close(r); print('reader parent', data, os.waitpid(pid, 0)[1])
pid = os.fork()
if pid == 0:
    r = os.open('p', os.O_RDONLY); print('reader child', os.read(r, 100), flush=True); os._exit(0)
w = os.open('p', os.O_WRONLY); os.write(w, b'hello'); os.close(w); print('writer parent', os.waitpid(pid, 0)[1])
os.mknod('reg', 0o600 | stat.S_IFREG); st = os.stat('reg'); print('reg', stat.S_ISREG(st.st_mode), oct(stat.S_IMODE(st.st_mode)), st.st_size)
os.mknod('reg0', 0o644); print('reg0', stat.S_ISREG(os.stat('reg0').st_mode))
for name, mode in [('d', stat.S_IFDIR | 0o700), ('bad', 0o170000 | 0o600), ('p', stat.S_IFIFO | 0o600), ('no/p', stat.S_IFIFO | 0o600), ('reg/p', stat.S_IFIFO | 0o600)]:
    try: os.mknod(name, mode)
    except OSError as e: print('mknod', name, errno.errorcode[e.errno])
os.umask(0o077); os.mkfifo('u', 0o666); print('umask', oct(stat.S_IMODE(os.stat('u').st_mode)))
os.mkdir('sub'); os.chmod('sub', 0o777); os.chmod('.', 0o755)
pid = os.fork()
if pid == 0:
    os.setuid(65534)
    try: os.mknod('sub/c', stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except OSError as e: print('chr as a user', errno.errorcode[e.errno], flush=True)
    os._exit(0)
os.waitpid(pid, 0)
os.mkfifo('x', 0o755); os.chmod('x', 0o755)
pid = os.fork()
if pid == 0:
    try: os.execv('./x', ['x'])
    except OSError as e: print('exec', errno.errorcode[e.errno], flush=True)
    os._exit(0)
os.waitpid(pid, 0); os.unlink('x')
os.mknod('s', stat.S_IFSOCK | 0o600); st = os.lstat('s'); print('sock', stat.S_ISSOCK(st.st_mode), oct(stat.S_IMODE(st.st_mode)), st.st_size)
try: os.open('s', os.O_RDONLY)
except OSError as e: print('open sock', errno.errorcode[e.errno])
try: socket.socket(socket.AF_UNIX).connect('s')
except OSError as e: print('connect', errno.errorcode[e.errno])
print(sorted((e.name, e.is_file(), e.is_dir(), stat.S_ISFIFO(e.stat(follow_symlinks=False).st_mode)) for e in os.scandir('.')))
os.rename('p', 'q'); print('renamed', stat.S_ISFIFO(os.stat('q').st_mode))
os.link('q', 'q2'); os.unlink('q'); print('link', stat.S_ISFIFO(os.stat('q2').st_mode))
os.unlink('q2'); os.unlink('u'); os.unlink('s'); print(os.path.exists('q2'), sorted(os.listdir('.')))
`;
const CASE = pythonCase("python os.mkfifo, FIFO opens, reads and writes across fork, os.mknod", SCRIPT);

/** coreutils' mkfifo (-m too), background writers, cat and wc, test -p, ls -l's type letter, rm. */
const SHELL: Case = {
  name: "busybox sh: mkfifo, a background writer, cat",
  argv: [
    "/bin/busybox",
    "sh",
    "-c",
    "mkfifo p; (echo hi > p &); cat p; mkfifo -m 600 q; test -p q && echo q is a fifo; " +
      "(printf 'a\\nb\\n' > q &); wc -l < q; ls -l p q | cut -c1-10; rm p q; ls",
  ],
};

/** mknodat of every node type, for -strace's line (QEMU's print_mknodat). */
const STRACE = pythonCase(
  "-strace of mknodat",
  `import os, stat
for name, mode, dev in [('p', stat.S_IFIFO | 0o640, 0), ('r', 0o600, 0), ('r2', stat.S_IFREG | 0o4755, 0), ('s', stat.S_IFSOCK, 0),
                        ('c', stat.S_IFCHR | 0o600, os.makedev(1, 3)), ('b', stat.S_IFBLK | 0o600, os.makedev(259, 300)), ('d', stat.S_IFDIR, 0)]:
    try: os.mknod(name, mode, dev)
    except OSError: pass
`,
);

/**
 * The mknodat lines of a -strace log without the pid; a device node's without its result (qemu as
 * root makes one, tciemu cannot: EPERM).
 */
function mknodLines(log: string): string[] {
  return log
    .split("\n")
    .map((l) => l.replace(/^\d+ /, ""))
    .filter((l) => l.startsWith("mknodat("))
    .map((l) => (/S_IF(CHR|BLK)/.test(l) ? l.replace(/ = .*/, "") : l));
}

describe("named pipes", () => {
  for (const g of PYTHON_GUESTS) {
    test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
    test(`${g.arch}: ${SHELL.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, SHELL));
    test(`${g.arch}: ${STRACE.name} matches qemu-user's`, { timeout: 300_000 }, () => {
      const { qemu, sysroot } = g.tools();
      const q = mknodLines(runQemu(STRACE, qemu, sysroot, [...g.qemuArgs, "-strace"]).stderr.toString());
      if (q.length !== 7) throw new Error(`qemu-user's -strace has ${q.length} mknodat lines`);
      const lines: string[] = [];
      runTciemu(STRACE, sysroot, { ...(g.abi ? { abi: g.abi } : {}), strace: (l) => lines.push(l) });
      expect(mknodLines(lines.join("\n"))).toEqual(q);
    });
  }
});
