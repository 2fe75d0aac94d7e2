// lseek on character devices and close_range's flags, on every guest against Debian's qemu-user
// (which passes both to the host's kernel).
// - The memory devices seek (drivers/char/mem.c): null, zero and full's null_lseek puts the offset
//   at 0 whatever is asked, random and urandom's noop_llseek returns it; a whence past SEEK_HOLE is
//   EINVAL before any file's llseek (a pipe's too). tciemu said ESPIPE for every character device,
//   so Python's open('/dev/null', 'r+') (a BufferedRandom, which must seek) failed: CPython's
//   test_subprocess *_are_single_inout_fd tests.
// - close_range(first, last, flags): CLOSE_RANGE_CLOEXEC (4) marks the fds close-on-exec instead of
//   closing them; unknown flags and first > last are EINVAL. tciemu ignored the flags (closed the fds).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import ctypes, errno, fcntl, io, os
def tr(name, f):
    try: print(name, 'ok', f())
    except OSError as e: print(name, errno.errorcode.get(e.errno, e.errno))
for dev in ('null', 'zero', 'full', 'urandom', 'random'):
    fd = os.open('/dev/' + dev, os.O_RDWR)
    if dev == 'zero': os.read(fd, 10)
    tr(dev + ' seek 100', lambda: os.lseek(fd, 100, os.SEEK_SET))
    tr(dev + ' seek cur', lambda: os.lseek(fd, 5, os.SEEK_CUR))
    tr(dev + ' seek end', lambda: os.lseek(fd, -7, os.SEEK_END))
    tr(dev + ' seek data', lambda: os.lseek(fd, 3, os.SEEK_DATA))
    tr(dev + ' whence 5', lambda: os.lseek(fd, 0, 5))
    tr(dev + ' whence -1', lambda: os.lseek(fd, 0, -1))
    tr(dev + ' tell', lambda: os.lseek(fd, 0, os.SEEK_CUR))
    os.close(fd)
r, w = os.pipe()
tr('pipe seek', lambda: os.lseek(r, 0, os.SEEK_SET))
tr('pipe whence 9', lambda: os.lseek(r, 0, 9))
with io.open(os.devnull, 'r+') as f:
    print('devnull r+', f.seekable(), f.tell(), f.write('abc'), f.read(), f.seek(10))
libc = ctypes.CDLL(None, use_errno=True)
def close_range(a, b, flags):
    r = libc.close_range(a, b, flags)
    return r if r == 0 else errno.errorcode[ctypes.get_errno()]
fds = [os.dup(w) for _ in range(4)]
for fd in fds: os.set_inheritable(fd, True)
print('cloexec', close_range(fds[0], fds[1], 4), [(os.get_inheritable(fd)) for fd in fds])
print('unshare', close_range(fds[2], fds[2], 2), [fcntl.fcntl(fd, fcntl.F_GETFD) if fd != fds[2] else 'closed' for fd in fds])
tr('closed fd', lambda: os.fstat(fds[2]))
print('bad flags', close_range(fds[3], fds[3], 1), close_range(fds[3], fds[3], 8), os.get_inheritable(fds[3]))
print('first > last', close_range(fds[3], fds[0], 0), os.get_inheritable(fds[3]))
print('both', close_range(fds[3], 0xffffffff, 6))
tr('after both', lambda: os.get_inheritable(fds[3]))
print('to the end', close_range(fds[0], 0xffffffff, 0))
tr('fd closed', lambda: os.fstat(fds[0]))
`;
const CASE = pythonCase("python lseek on the memory devices, close_range flags", SCRIPT);

describe("lseek on character devices, close_range", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
