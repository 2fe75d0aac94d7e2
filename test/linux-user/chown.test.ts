// chown, lchown and fchown (and the 16-bit calls of i386 and ARM) on every guest, against Debian's
// qemu-user, which passes them to the host's kernel: as root any owner and group, -1 (0xffff for
// the 16-bit calls) leaving one as it is, lchown changing the link itself, ENOENT/ENOTDIR/EBADF as
// Linux's. tciemu accepted and ignored them all (a chown of a missing file succeeded; i386's 16-bit
// chown and lchown were no-ops). CI runs as root; as another user both emulators get the host's EPERM.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import ctypes, errno, os, platform, tempfile
d = tempfile.mkdtemp()
f = os.path.join(d, 'f'); open(f, 'w').close()
l = os.path.join(d, 'l'); os.symlink(f, l)
def st(p, follow=True):
    s = os.stat(p, follow_symlinks=follow); return (s.st_uid, s.st_gid)
def tryit(fn, *a):
    try: fn(*a); return 'ok'
    except OSError as e: return errno.errorcode[e.errno]
print(tryit(os.chown, f, 2**31, 2**31 + 1), st(f))
print(tryit(os.chown, f, -1, 7), st(f))
print(tryit(os.lchown, l, 5, 6), st(f), st(l, False))
print(tryit(os.chown, l, 8, 9), st(f), st(l, False))
fd = os.open(f, os.O_RDONLY)
print(tryit(os.fchown, fd, 3, -1), st(f))
os.close(fd)
print(tryit(os.fchown, fd, 0, 0))
fd = os.open(f, os.O_PATH)
print(tryit(os.fchown, fd, 0, 0)); os.close(fd)
print(tryit(os.chown, os.path.join(d, 'missing'), 0, 0), tryit(os.lchown, os.path.join(d, 'missing'), 0, 0))
print(tryit(os.chown, os.path.join(f, 'x'), 0, 0))
if platform.machine() != 'riscv64':
    # the 16-bit calls: chown 182, lchown 16, fchown 95 (old_uid_t, 0xffff leaves an id as it is)
    libc = ctypes.CDLL(None, use_errno=True)
    print(libc.syscall(182, f.encode(), 0xffff, 0x1234), st(f))
    print(libc.syscall(16, l.encode(), 0x4321, 0xffff), st(f), st(l, False))
    fd = os.open(f, os.O_RDONLY)
    print(libc.syscall(95, fd, 11, 12), st(f))
    os.close(fd)
print(tryit(os.chown, f, 0, 0), st(f))
os.unlink(l); os.unlink(f); os.rmdir(d)
`;
const CASE = pythonCase("python chown, lchown, fchown", SCRIPT);

describe("file ownership (chown, lchown, fchown, fchownat)", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
