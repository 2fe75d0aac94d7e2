// openat2 (437 on every guest; src/linux-user/syscalls/openat2.ts) through ctypes in Python 3.13,
// against Debian's qemu-user, which hands it to the host kernel: struct open_how's size (EINVAL
// under 24 bytes, E2BIG for a non-zero byte past it, zeros accepted), mode without O_CREAT or
// O_TMPFILE, O_DIRECTORY|O_CREAT, O_PATH's flags, unknown and exclusive resolve bits;
// RESOLVE_NO_SYMLINKS (ELOOP; a final link with O_PATH|O_NOFOLLOW is opened), RESOLVE_NO_MAGICLINKS
// (/proc/self/fd/N, exe, cwd; /proc/self is an ordinary link), RESOLVE_NO_XDEV (into /proc),
// RESOLVE_BENEATH (EXDEV for "..", absolute paths and symlinks, magic links), RESOLVE_IN_ROOT (the
// dirfd is "/" for absolute paths, symlinks and ".."), RESOLVE_CACHED (EAGAIN for O_CREAT, O_TRUNC,
// O_TMPFILE), creating through a dangling link, "name/", O_TMPFILE, faults. Also openat's
// O_PATH|O_NOFOLLOW of a symlink (was ELOOP), open("") (was the directory, now ENOENT), F_GETFL
// of the kernel's /proc files and directories (the open's flags and O_LARGEFILE; was O_RDONLY),
// and open of a name below a directory's /proc/self/fd/N or /dev/fd/N (was ENOTDIR, or the
// host's own /dev/fd).
// Where qemu is not Linux (it drops O_* bits it does not know, and the upper 32, before the host
// checks them, and takes an open_how of any size if the tail is zero), tciemu is compared with the
// host's own Linux kernel: the second script run by the host's python3. Before, openat2 was ENOSYS.
import { spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runTciemu } from "./harness.ts";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, ctypes, errno, struct, fcntl
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def o2(dfd, path, flags=0, mode=0, resolve=0, size=24, tail=b"", show=True):
    b = struct.pack("<QQQ", flags, mode, resolve) + tail
    b += bytes(max(0, size - len(b)))
    buf = ctypes.create_string_buffer(b, max(len(b), 1))
    r = libc.syscall(ctypes.c_long(437), ctypes.c_long(dfd), ctypes.c_char_p(path.encode()), buf, ctypes.c_ulong(size))
    if r < 0: return errno.errorcode[ctypes.get_errno()]
    if flags & os.O_TMPFILE == os.O_TMPFILE: what = ("tmp", os.path.basename(os.readlink(f"/proc/self/fd/{r}")).startswith("#"), os.fstat(r).st_nlink)
    elif flags & os.O_PATH: what = ("path", os.path.basename(os.readlink(f"/proc/self/fd/{r}")), fcntl.fcntl(r, fcntl.F_GETFL) == flags | fcntl.fcntl(3, fcntl.F_GETFL) & ~3)
    elif os.path.isdir(f"/proc/self/fd/{r}"): what = ("dir", os.path.basename(os.readlink(f"/proc/self/fd/{r}")))
    elif flags & 3 == os.O_WRONLY: what = ("w", os.path.basename(os.readlink(f"/proc/self/fd/{r}")))
    else: what = os.read(r, 12) if show else "ok"
    os.close(r); return what
open("top", "w").write("top"); os.mkdir("d"); os.mkdir("d/sub"); open("d/f", "w").write("in d"); open("d/sub/g", "w").write("in sub")
os.symlink("f", "d/lf"); os.symlink("/etc/hostname", "d/abs"); os.symlink("../top", "d/up"); os.symlink("sub", "d/lsub"); os.symlink("/f", "d/rootf"); os.symlink("nowhere", "d/dangling"); os.symlink("loop", "d/loop")
d = os.open("d", os.O_RDONLY | os.O_DIRECTORY); t = os.open("top", os.O_RDONLY); r, w = os.pipe()
print("size", [o2(d, "f", size=s) for s in (0, 8, 16, 23, 24, 25, 32, 4096)], o2(d, "f", size=32, tail=bytes(7) + bytes([1])), o2(d, "f", size=25, tail=bytes([1])))
print("how", o2(d, "f", mode=0o644), o2(d, "n", flags=os.O_CREAT | os.O_WRONLY, mode=0o10644), o2(d, "n1", flags=os.O_CREAT | os.O_WRONLY, mode=0o7644), o2(d, "sub", flags=os.O_DIRECTORY | os.O_CREAT))
print("resolve", o2(d, "f", resolve=0x40), o2(d, "f", resolve=0x18), o2(d, "f", resolve=1 << 40), o2(d, "f", resolve=0x3f & ~0x18))
print("O_PATH", o2(d, "f", flags=os.O_PATH | os.O_RDWR), o2(d, "f", flags=os.O_PATH | os.O_APPEND), o2(d, "lf", flags=os.O_PATH | os.O_NOFOLLOW), o2(d, "sub", flags=os.O_PATH | os.O_DIRECTORY), o2(d, "f", flags=os.O_PATH | os.O_DIRECTORY))
print("plain", o2(d, "f"), o2(d, "lf"), o2(d, "lsub/g"), o2(d, "lsub/../f"), o2(d, "up"), o2(d, ""), o2(d, "f/"), o2(d, "sub/"), o2(d, "dangling"), o2(d, "loop"), o2(t, "f"), o2(99, "f"))
print("NO_SYMLINKS", o2(d, "lf", resolve=4), o2(d, "lsub/g", resolve=4), o2(d, "lf", flags=os.O_PATH | os.O_NOFOLLOW, resolve=4), o2(d, "lf", flags=os.O_NOFOLLOW, resolve=4), o2(d, "sub/g", resolve=4), o2(-100, "d/lf", resolve=4), o2(d, "/proc/self/status", resolve=4))
print("NO_MAGICLINKS", o2(d, f"/proc/self/fd/{t}", resolve=2), o2(d, f"/proc/self/fd/{r}", resolve=2), o2(d, f"/proc/self/fd/{d}/f", resolve=2), o2(d, "/proc/self/exe", resolve=2), o2(d, "/proc/self/cwd/top", resolve=2), o2(d, "lf", resolve=2), o2(d, "/proc/self/status", resolve=2, show=False))
print("magic allowed", o2(d, f"/proc/self/fd/{t}"), o2(d, f"/proc/self/fd/{d}/f", resolve=1 << 0 if False else 0), o2(d, f"/proc/self/fd/{d}/sub/g", resolve=4 & 0), o2(d, "/proc/self/cwd/top", resolve=0))
print("NO_XDEV", o2(d, "/proc/self/status", resolve=1), o2(d, "f", resolve=1), o2(d, "../top", resolve=1), o2(d, "up", resolve=1), o2(-100, "/proc", resolve=1), o2(d, f"/proc/self/fd/{t}", resolve=1))
print("BENEATH", o2(d, "../top", resolve=8), o2(d, "sub/../f", resolve=8), o2(d, "/etc/hostname", resolve=8), o2(d, "abs", resolve=8), o2(d, "up", resolve=8), o2(d, "lf", resolve=8), o2(d, "lsub/../f", resolve=8), o2(d, "sub/../../top", resolve=8), o2(-100, "d/f", resolve=8), o2(-100, "top", resolve=8), o2(-100, "../x", resolve=8), o2(d, f"/proc/self/fd/{d}/f", resolve=8), o2(d, ".", resolve=8), o2(d, "..", resolve=8))
print("IN_ROOT", o2(d, "../f", resolve=16), o2(d, "/f", resolve=16), o2(d, "rootf", resolve=16), o2(d, "abs", resolve=16), o2(d, "up", resolve=16), o2(d, "../../sub/../f", resolve=16), o2(d, "/sub/g", resolve=16), o2(d, "/", resolve=16), o2(d, "..", resolve=16), o2(-100, "/top", resolve=16), o2(-100, "d/lsub/../../top", resolve=16))
print("CACHED", o2(d, "f", resolve=0x20), o2(d, "new2", flags=os.O_CREAT | os.O_WRONLY, resolve=0x20), o2(d, "f", flags=os.O_TRUNC | os.O_WRONLY, resolve=0x20), o2(d, ".", flags=os.O_TMPFILE | os.O_RDWR, resolve=0x20), o2(d, "lsub/g", resolve=0x20))
print("create", o2(d, "sub/c", flags=os.O_CREAT | os.O_WRONLY, mode=0o600, resolve=8), o2(d, "../c", flags=os.O_CREAT | os.O_WRONLY, mode=0o600, resolve=8), o2(d, "/c2", flags=os.O_CREAT | os.O_WRONLY, mode=0o600, resolve=16), o2(d, "dangling", flags=os.O_CREAT | os.O_WRONLY, mode=0o600, resolve=8), o2(d, "lf", flags=os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode=0o600, resolve=4), o2(d, "new/", flags=os.O_CREAT | os.O_WRONLY, mode=0o600, resolve=8))
print(sorted(os.listdir("d")), sorted(os.listdir("d/sub")), os.path.exists("c"), oct(os.stat("d/sub/c").st_mode))
print("tmpfile", o2(d, ".", flags=os.O_TMPFILE | os.O_RDWR, mode=0o600, resolve=8), o2(d, "..", flags=os.O_TMPFILE | os.O_RDWR, mode=0o600, resolve=8), sorted(os.listdir("d")))
print("abs", o2(-100, "/etc/hostname", show=False), o2(-100, "/usr/bin/python3.13", resolve=4, show=False), o2(-100, "/usr/bin/python3.13", resolve=1, show=False))
print("fault", libc.syscall(437, d, None, None, 24), errno.errorcode[ctypes.get_errno()], libc.syscall(437, d, None, ctypes.create_string_buffer(24), 24), errno.errorcode[ctypes.get_errno()], libc.syscall(437, d, b"f", None, 24), errno.errorcode[ctypes.get_errno()])
print("openat", os.open("lf", os.O_PATH | os.O_NOFOLLOW, dir_fd=d) > 0)
try: os.open("", os.O_RDONLY, dir_fd=d)
except OSError as e: print("empty", errno.errorcode[e.errno])
for p, f in (("/proc/self/status", 0), ("/proc/self/status", os.O_NONBLOCK), ("/proc/self", 0), ("/proc/self", os.O_DIRECTORY), ("/proc/self/fd", os.O_DIRECTORY | os.O_NONBLOCK)):
    fd = os.open(p, os.O_RDONLY | f); print(p, oct(fcntl.fcntl(fd, fcntl.F_GETFL))); os.close(fd)
rd = lambda p: os.read(os.open(p, os.O_RDONLY), 10)
def e(f, *a):
    try: return f(*a)
    except OSError as x: return errno.errorcode[x.errno]
print("through fd links", e(rd, f"/proc/self/fd/{d}/f"), e(rd, f"/dev/fd/{d}/sub/g"), e(rd, f"/proc/self/fd/{t}/x"), e(rd, f"/proc/self/fd/{r}/x"), e(rd, f"/proc/self/fd/{d}/nope"), e(rd, "/proc/self/status/x"), e(rd, f"/proc/self/fd/{d}/../d/f"))
`;
const CASE = pythonCase("python openat2 through ctypes: open_how checks and RESOLVE_*", SCRIPT);

/** Cases where qemu-user is not Linux (see above): the host kernel answers them. */
const LINUX_SCRIPT = `import os, ctypes, errno, struct
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def o2(path, flags=0, size=24, tail=b""):
    b = struct.pack("<QQQ", flags, 0, 0) + tail
    b += bytes(max(0, size - len(b)))
    buf = ctypes.create_string_buffer(b, max(len(b), 1))
    r = libc.syscall(ctypes.c_long(437), ctypes.c_long(-100), ctypes.c_char_p(path.encode()), buf, ctypes.c_ulong(size))
    if r < 0: return errno.errorcode[ctypes.get_errno()]
    os.close(r); return "ok"
open("f", "w").write("x")
print(o2("f", size=4096), o2("f", size=4097), o2("f", size=8192), o2("f", size=4097, tail=bytes(4072) + bytes([1])))
print(o2("f", flags=0x4), o2("f", flags=0x8), o2("f", flags=1 << 23), o2("f", flags=1 << 30), o2("f", flags=0x80000000), o2("f", flags=1 << 32), o2("f", flags=1 << 63), o2("f", flags=os.O_CLOEXEC))
print(o2(".", flags=os.O_RDWR | (os.O_TMPFILE & ~os.O_DIRECTORY)), o2(".", flags=os.O_RDONLY | os.O_TMPFILE), o2(".", flags=os.O_WRONLY | os.O_TMPFILE), o2("f", flags=os.O_WRONLY | os.O_RDWR))
`;
const LINUX_CASE = pythonCase("python openat2 flag bits and sizes qemu-user does not check", LINUX_SCRIPT);

/** LINUX_SCRIPT run natively by the host's python3 (the host must be Linux with openat2). */
function hostLinux(): string {
  if (process.platform !== "linux") throw new Error("the host's Linux kernel is the reference for this case: run it on Linux");
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "tciemu-openat2-")));
  try {
    const r = spawnSync("python3", ["-S", "-c", LINUX_SCRIPT], { cwd: dir, encoding: "latin1" });
    if (r.error) throw new Error(`python3: ${r.error.message} (the host's python3 runs the Linux reference)`);
    if (r.status !== 0) throw new Error(`the reference script failed on the host: ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("openat2", () => {
  for (const g of PYTHON_GUESTS) {
    test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
    test(`${g.arch}: ${LINUX_CASE.name} match the host's Linux`, { timeout: 300_000 }, () => {
      const want = hostLinux();
      const t = runTciemu(LINUX_CASE, g.tools().sysroot, g.abi ? { abi: g.abi } : {});
      expect(t.stderr.toString()).toBe("");
      expect(t.stdout.toString("latin1")).toBe(want);
    });
  }
});
