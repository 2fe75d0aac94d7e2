// memfd_create (src/linux-user/memfd.ts) and open(dir, O_TMPFILE) on every guest, against Debian's
// qemu-user, through Python 3.13: a memfd's /proc/self/fd link, fstat (S_IFREG, st_nlink 0),
// read/write/pread/pwrite/lseek/ftruncate, MAP_SHARED pages that read() and write() see and a
// forked child writes to, a MAP_PRIVATE copy-on-write mapping, both named in /proc/self/maps, FIONREAD, copy_file_range (between
// memfds; EXDEV to and from another file system), a sparse 1 TiB file (st_blocks counts the pages it
// has, which a shrink gives back while it is mapped; SEEK_DATA/SEEK_HOLE find them), memfd_create's
// flag and name errors, MFD_NOEXEC_SEAL and MFD_EXEC (modes, seals, fchmod's EPERM under
// F_SEAL_EXEC), the seals (F_ADD_SEALS/F_GET_SEALS: EPERM for a shrink, a growth or a write they
// forbid, EBUSY for F_SEAL_WRITE while mapped, EPERM once F_SEAL_SEAL is set), fallocate through
// ctypes (posix_fallocate, KEEP_SIZE, PUNCH_HOLE seen through read() and a mapping, the modes shmem
// refuses, vfs_fallocate's errors, seals; EOPNOTSUPP on a host file); then tempfile.TemporaryFile()
// and os.open(".", O_RDWR|O_TMPFILE) (an unnamed file: nothing appears in the directory; /proc
// shows "DIR/#INO (deleted)" for its fd and mapping, as for an unlinked file) and O_TMPFILE's errors. Before, memfd_create was ENOSYS and O_TMPFILE EOPNOTSUPP.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, mmap, fcntl, tempfile, errno, stat, termios, array, ctypes, re
def err(f, *a):
    try: return f(*a)
    except OSError as e: return errno.errorcode[e.errno]
fd = os.memfd_create("hello")
print(os.readlink(f"/proc/self/fd/{fd}"), fcntl.fcntl(fd, fcntl.F_GETFD), fcntl.fcntl(fd, fcntl.F_GETFL) & 3)
st = os.fstat(fd); print(stat.S_ISREG(st.st_mode), oct(st.st_mode & 0o7777), st.st_size, st.st_nlink)
print(os.write(fd, b"hello world"), os.lseek(fd, 0, os.SEEK_CUR), os.fstat(fd).st_size)
os.lseek(fd, 0, 0); print(os.read(fd, 100), os.pread(fd, 5, 6))
print(os.pwrite(fd, b"XY", 20), os.fstat(fd).st_size, os.pread(fd, 30, 0))
os.ftruncate(fd, 8192); print(os.fstat(fd).st_size, os.lseek(fd, 0, os.SEEK_END))
m = mmap.mmap(fd, 8192, mmap.MAP_SHARED)
print(m[:11]); m[0:5] = b"HELLO"; print(os.pread(fd, 5, 0))
os.pwrite(fd, b"abc", 4096); print(m[4096:4099])
p = mmap.mmap(fd, 4096, mmap.MAP_PRIVATE)
print(sorted((w[1], w[2], w[3], w[5:]) for w in map(str.split, open("/proc/self/maps")) if "/memfd:hello" in w))
p[0:5] = b"priv!"; print(p[:11], os.pread(fd, 11, 0), m[:11])
os.pwrite(fd, b"J", 1); print(p[:3], m[:3])
pid = os.fork()
if pid == 0:
    m[100:105] = b"child"; os.pwrite(fd, b"kid", 200); os._exit(0)
os.waitpid(pid, 0); print(m[100:105], os.pread(fd, 3, 200), m[200:203])
os.ftruncate(fd, 3); print(os.pread(fd, 10, 0), m[:3])
os.ftruncate(fd, 10); print(os.pread(fd, 10, 0))
print(os.fsync(fd), os.fdatasync(fd)); a = array.array("i", [0]); os.lseek(fd, 4, 0); fcntl.ioctl(fd, termios.FIONREAD, a); print(a[0])
g = os.memfd_create("copy"); print(os.copy_file_range(fd, g, 100, 0, 0), os.pread(g, 10, 0))
h = os.open("h", os.O_RDWR | os.O_CREAT, 0o600); os.write(h, b"host"); os.unlink("h")
print(err(os.copy_file_range, fd, h, 5, 0, 0), err(os.copy_file_range, h, g, 5, 0, 0), err(os.copy_file_range, h, g, 5, 9, 0))
m.close(); p.close()
b = os.memfd_create("sparse"); os.ftruncate(b, 1 << 40); os.pwrite(b, b"end", (1 << 40) - 3)
bm = mmap.mmap(b, 1 << 20, mmap.MAP_SHARED); print(bm[:3], os.pread(b, 3, (1 << 40) - 3), os.fstat(b).st_blocks)
print(os.lseek(b, 0, os.SEEK_HOLE), os.lseek(b, 4096, os.SEEK_DATA), os.lseek(b, 5, os.SEEK_DATA), err(os.lseek, b, 1 << 40, os.SEEK_DATA))
os.ftruncate(b, 10); print(os.fstat(b).st_size, os.fstat(b).st_blocks, bm[:3]); bm.close()
print(err(os.memfd_create, "x" * 249) != "EINVAL", err(os.memfd_create, "x" * 250))
print(err(os.memfd_create, "y", 0x100), err(os.memfd_create, "y", 0x40), err(os.memfd_create, "y", 0x18))
n = os.memfd_create("noexec", 8); print(oct(os.fstat(n).st_mode & 0o7777), fcntl.fcntl(n, fcntl.F_GET_SEALS))
x = os.memfd_create("exec", 0x10); print(oct(os.fstat(x).st_mode & 0o7777), fcntl.fcntl(x, fcntl.F_GET_SEALS))
os.fchmod(x, 0o640); print(oct(os.fstat(x).st_mode & 0o7777), err(os.fchmod, n, 0o755), err(os.fchmod, n, 0o600), oct(os.fstat(n).st_mode))
c = os.memfd_create("cloexec", 0); print(fcntl.fcntl(c, fcntl.F_GETFD), os.readlink(f"/proc/self/fd/{c}"))
print(err(fcntl.fcntl, fd, fcntl.F_GET_SEALS), err(fcntl.fcntl, fd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE))
s = os.memfd_create("seal", os.MFD_ALLOW_SEALING); os.write(s, b"0123456789")
print(fcntl.fcntl(s, fcntl.F_GET_SEALS))
fcntl.fcntl(s, fcntl.F_ADD_SEALS, fcntl.F_SEAL_SHRINK); print(fcntl.fcntl(s, fcntl.F_GET_SEALS))
print(err(os.ftruncate, s, 5), err(os.ftruncate, s, 4096), os.fstat(s).st_size)
fcntl.fcntl(s, fcntl.F_ADD_SEALS, fcntl.F_SEAL_GROW)
print(err(os.ftruncate, s, 30), err(os.pwrite, s, b"z", 4096), err(os.pwrite, s, b"z", 0), os.fstat(s).st_size)
ms = mmap.mmap(s, 4096, mmap.MAP_SHARED)
print(err(fcntl.fcntl, s, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE)); ms.close()
fcntl.fcntl(s, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE | fcntl.F_SEAL_SEAL)
print(fcntl.fcntl(s, fcntl.F_GET_SEALS), err(os.write, s, b"w"), err(os.pwrite, s, b"w", 0))
print(err(mmap.mmap, s, 4096, mmap.MAP_SHARED), len(mmap.mmap(s, 4096, mmap.MAP_PRIVATE)))
print(err(fcntl.fcntl, s, fcntl.F_ADD_SEALS, fcntl.F_SEAL_GROW), os.pread(s, 12, 0))
r = os.open(f"/proc/self/fd/{s}", os.O_RDONLY); print(os.read(r, 4), os.fstat(r).st_ino == os.fstat(s).st_ino)
libc = ctypes.CDLL(None, use_errno=True)
def fall(fd, mode, off, ln):
    r = libc.fallocate64(fd, mode, ctypes.c_int64(off), ctypes.c_int64(ln))
    return errno.errorcode[ctypes.get_errno()] if r else r
f = os.memfd_create("falloc", os.MFD_ALLOW_SEALING)
os.posix_fallocate(f, 0, 10000); print(os.fstat(f).st_size, os.fstat(f).st_blocks)
print(fall(f, 1, 20000, 8192), os.fstat(f).st_size, os.fstat(f).st_blocks)
os.pwrite(f, b"x" * 10000, 0); fm = mmap.mmap(f, 8192, mmap.MAP_SHARED)
print(fall(f, 3, 100, 8200), os.fstat(f).st_blocks, os.pread(f, 10000, 0).count(b"x"), fm[:100].count(b"x"), fm[4096:4100], os.fstat(f).st_blocks)
print(fall(f, 2, 0, 10), fall(f, 0x10, 0, 10), fall(f, 0x100, 0, 10), fall(f, 0, -1, 10), fall(f, 0, 0, 0), fall(99, 0, 0, 0))
print(fall(f, 8, 0, 4096), fall(f, 9, 0, 4096), os.lseek(f, 0, os.SEEK_HOLE), os.lseek(f, 4096, os.SEEK_DATA))
r, w = os.pipe(); print(fall(w, 0, 0, 10), fall(r, 0, 0, 10), fall(os.open(".", os.O_RDONLY), 0, 0, 10))
fm.close(); fcntl.fcntl(f, fcntl.F_ADD_SEALS, fcntl.F_SEAL_GROW)
print(fall(f, 0, 0, 100), fall(f, 0, 30000, 100), fall(f, 1, 30000, 100))
fcntl.fcntl(f, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE); print(fall(f, 3, 0, 100))
h = os.open("h2", os.O_RDWR | os.O_CREAT, 0o600); print(fall(h, 0x100, 0, 10)); os.unlink("h2")
with tempfile.TemporaryFile(dir=".") as f:
    f.write(b"temporary"); f.seek(0); print(f.read(), os.fstat(f.fileno()).st_nlink, os.listdir("."))
t = os.open(".", os.O_RDWR | os.O_TMPFILE, 0o600)
nm = lambda s: re.sub(r"#[0-9]+", "#N", os.path.basename(s))
os.ftruncate(t, 4096); tm = mmap.mmap(t, 4096, mmap.MAP_PRIVATE)
print(oct(fcntl.fcntl(t, fcntl.F_GETFL)), oct(fcntl.fcntl(fd, fcntl.F_GETFL)), nm(os.readlink(f"/proc/self/fd/{t}")), [nm(" ".join(l.split()[5:])) for l in open("/proc/self/maps") if "#" in l]); os.ftruncate(t, 0)
u = os.open("u", os.O_RDWR | os.O_CREAT, 0o600); un = nm(os.readlink(f"/proc/self/fd/{u}")); os.unlink("u"); print(un, nm(os.readlink(f"/proc/self/fd/{u}")))
print(os.write(t, b"tmp"), os.pread(t, 3, 0), stat.S_ISREG(os.fstat(t).st_mode), os.fstat(t).st_nlink, oct(os.fstat(t).st_mode & 0o777))
print(os.listdir("."), err(os.open, ".", os.O_RDONLY | os.O_TMPFILE), err(os.open, ".", os.O_RDWR | os.O_TMPFILE | os.O_CREAT))
print(err(os.open, "nonexistent", os.O_RDWR | os.O_TMPFILE), err(os.open, "f", os.O_RDWR | os.O_CREAT), err(os.open, "f", os.O_RDWR | os.O_TMPFILE))
`;
const CASE = pythonCase("python os.memfd_create, mmap, seals and O_TMPFILE", SCRIPT);

describe("memfd and O_TMPFILE", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
