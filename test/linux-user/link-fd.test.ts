// linkat of an open file (src/linux-user/syscalls/fs.ts linkDescription) on every guest, against
// Debian's qemu-user run as root (which links as Linux does for CAP_DAC_READ_SEARCH), through ctypes'
// linkat in Python 3.13: linkat(fd, "", dirfd, name, AT_EMPTY_PATH) of an O_TMPFILE file (its first
// name, then a second in another directory; writes through the fd seen by the names; /proc still
// shows "#INO (deleted)"), of an O_TMPFILE|O_EXCL file (ENOENT), of an ordinary file (also after a
// rename, by the file and not its old path), of a file whose names are all gone (ENOENT), of an
// O_PATH descriptor; linkat of /proc/self/fd/N and /dev/fd/N with AT_SYMLINK_FOLLOW (without it the
// magic link itself: EXDEV); a directory (EPERM), a pipe and a memfd (EXDEV), bad descriptors,
// unknown flags, an empty path without AT_EMPTY_PATH, an existing or unreachable new name. Before,
// every linkat of an unnamed file was ENOENT. (The Node host makes the link with the host's
// `ln -L /proc/PID/fd/H`: Node has no linkat.)
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, ctypes, errno
libc = ctypes.CDLL(None, use_errno=True)
AT_EMPTY_PATH, AT_SYMLINK_FOLLOW = 0x1000, 0x400
def linkat(ofd, old, nfd, new, flags):
    r = libc.linkat(ofd, old.encode(), nfd, new.encode(), flags)
    return errno.errorcode[ctypes.get_errno()] if r else r
def e(f, *a, **k):
    try: return f(*a, **k)
    except OSError as x: return errno.errorcode[x.errno]
nm = lambda s: "#N" + os.path.basename(s).lstrip("#0123456789")
os.mkdir("sub"); sd = os.open("sub", os.O_RDONLY)
t = os.open(".", os.O_RDWR | os.O_TMPFILE, 0o640); os.write(t, b"tmp")
print(sorted(os.listdir(".")), os.fstat(t).st_nlink)
print(linkat(t, "", -100, "named", 0), linkat(t, "", -100, "named", AT_EMPTY_PATH), linkat(t, "", -100, "named", AT_EMPTY_PATH), linkat(t, "", sd, "n2", AT_EMPTY_PATH))
print(sorted(os.listdir(".")), os.listdir("sub"), os.fstat(t).st_nlink, open("named").read(), oct(os.stat("named").st_mode), os.stat("named").st_ino == os.fstat(t).st_ino, nm(os.readlink(f"/proc/self/fd/{t}")))
os.write(t, b"+more"); print(open("sub/n2").read())
x = os.open(".", os.O_RDWR | os.O_TMPFILE | os.O_EXCL, 0o600); print(linkat(x, "", -100, "excl", AT_EMPTY_PATH), linkat(-100, f"/proc/self/fd/{x}", -100, "excl2", AT_SYMLINK_FOLLOW))
u = os.open(".", os.O_RDWR | os.O_TMPFILE, 0o600); os.write(u, b"via proc")
print(linkat(-100, f"/proc/self/fd/{u}", -100, "viaproc", 0), linkat(-100, f"/proc/self/fd/{u}", -100, "viaproc", AT_SYMLINK_FOLLOW), open("viaproc").read(), os.fstat(u).st_nlink)
print(linkat(-100, f"/dev/fd/{u}", -100, "viadev", AT_SYMLINK_FOLLOW), os.path.exists("viadev"))
f = os.open("a", os.O_RDWR | os.O_CREAT, 0o600); os.write(f, b"aaa")
print(linkat(f, "", -100, "b", AT_EMPTY_PATH), os.stat("b").st_nlink, open("b").read(), linkat(-100, f"/proc/self/fd/{f}", -100, "c", AT_SYMLINK_FOLLOW), os.fstat(f).st_nlink)
os.rename("a", "a2"); print(linkat(f, "", -100, "d", AT_EMPTY_PATH), open("d").read(), os.stat("d").st_ino == os.fstat(f).st_ino)
for n in ("a2", "b", "c", "d"): os.unlink(n)
print(os.fstat(f).st_nlink, linkat(f, "", -100, "gone", AT_EMPTY_PATH), linkat(-100, f"/proc/self/fd/{f}", -100, "gone2", AT_SYMLINK_FOLLOW))
p = os.open("named", os.O_PATH); print(linkat(p, "", -100, "frompath", AT_EMPTY_PATH), os.stat("frompath").st_nlink)
r, w = os.pipe(); m = os.memfd_create("m")
print(linkat(sd, "", -100, "dirlink", AT_EMPTY_PATH), linkat(r, "", -100, "pipelink", AT_EMPTY_PATH), linkat(m, "", -100, "memlink", AT_EMPTY_PATH), linkat(-100, f"/proc/self/fd/{m}", -100, "memlink2", AT_SYMLINK_FOLLOW), linkat(-100, f"/proc/self/fd/{r}", -100, "pipelink2", AT_SYMLINK_FOLLOW))
print(linkat(99, "", -100, "bad", AT_EMPTY_PATH), linkat(t, "", -100, "bad", 0x1), linkat(t, "", -100, "named2", AT_EMPTY_PATH | AT_SYMLINK_FOLLOW), linkat(t, "", 99, "bad", AT_EMPTY_PATH), linkat(t, "", -100, "nodir/x", AT_EMPTY_PATH))
print(sorted(os.listdir(".")))
`;
const CASE = pythonCase("python linkat of descriptors: O_TMPFILE, AT_EMPTY_PATH, /proc/self/fd", SCRIPT);

describe("linkat of an open file", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
