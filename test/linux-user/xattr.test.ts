// Extended attributes (src/linux-user/syscalls/xattr.ts), on every guest, against Debian's qemu-user
// with the same -L sysroot: Python's shutil.copytree and copy2 (which copy xattrs through
// listxattr/getxattr/setxattr and gave up on ENOSYS) copy contents, modes, times and symlinks, and
// the errors the kernel finds before any file system is asked (a missing path, a file used as a
// directory, a bad descriptor, a name too long) are the same. Where the two may differ by design
// (tciemu answers as a file system without xattrs, qemu-user as the host's), the script only checks
// that the answer is one of Linux's "no such attribute" answers (ENODATA, EOPNOTSUPP).
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, shutil, errno
os.mkdir('src'); open('src/a.txt', 'w').write('alpha'); os.chmod('src/a.txt', 0o640)
os.utime('src/a.txt', (1e9, 1.5e9)); os.symlink('a.txt', 'src/l')
shutil.copytree('src', 'dst', symlinks=True)
shutil.copy2('src/a.txt', 'c.txt')
for p in ['dst/a.txt', 'c.txt']:
    s = os.stat(p); print(p, oct(s.st_mode), s.st_mtime, open(p).read())
print(os.readlink('dst/l'))
def err(f, *a):
    try: f(*a); return 'ok'
    except OSError as e: return errno.errorcode[e.errno]
NONE = ('ENODATA', 'EOPNOTSUPP', 'ENOTSUP')
print(err(os.listxattr, 'missing'), err(os.getxattr, 'missing', 'user.x'), err(os.setxattr, 'missing', 'user.x', b'v'), err(os.removexattr, 'nodir/x', 'user.x'))
print(err(os.getxattr, 'c.txt', 'user.' + 'x' * 300), err(os.getxattr, 'c.txt/x', 'user.x'), err(os.listxattr, 9999), err(os.setxattr, 9999, 'user.x', b'v'))
print(err(lambda: os.getxattr('src/l', 'user.x', follow_symlinks=False)) in NONE, err(os.getxattr, 'c.txt', 'user.nothere') in NONE)
print(all(n.startswith(('security.', 'system.')) for n in os.listxattr('c.txt')))
`;

const CASE = pythonCase("python shutil copytree, copy2 and xattr errors", SCRIPT);

describe("extended attributes: a file system without them, as Linux answers for one", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
