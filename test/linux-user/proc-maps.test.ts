// /proc/self/maps (src/linux-user/procfs.ts) on every guest, against Debian's qemu-user: Python
// maps a file MAP_SHARED and, from its second page, MAP_PRIVATE, unmaps the middle of the private
// mapping and makes a later page writable, maps a file it then deletes, grows a MAP_SHARED file
// mapping (mmap.resize: mremap) and maps MAP_SHARED anonymous memory, then prints what does not
// depend on where things are: the set of names (the executable, ld.so and the libraries by their
// canonical host paths, the files, "(deleted)", "/dev/zero (deleted)", [stack], [heap]), per file
// the permissions (p or s), offsets (and, for its own files, sizes) of its lines with the device
// and inode checked against stat, the names starting at column 73, /proc/<pid>/maps naming the
// same, and /proc/self/smaps's fields, sizes, Anonymous and VmFlags for the files and the stack.
// [vdso] is left out: tciemu gives riscv64 and ARM a signal trampoline page, not a vdso. Before,
// every line was anonymous ("00000000 00:00 0", no name).
import { describe, test } from "vitest";
import type { Case } from "./harness.ts";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, mmap, ctypes
cwd = os.getcwd() + '/'
libc = ctypes.CDLL(None)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.munmap.argtypes = libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
P = mmap.PAGESIZE
def lines(path='/proc/self/maps'):
    out = []
    for l in open(path):
        f = l.split(None, 5)
        name = f[5].rstrip('\\n') if len(f) > 5 else ''
        out.append((l, f[1], int(f[2], 16), f[3], int(f[4]), name.replace(cwd, './')))
    return out
with open('data', 'wb') as f: f.write(bytes(range(256)) * (8 * P // 256))
fd = os.open('data', os.O_RDWR)
shared = libc.mmap(None, 4 * P, 3, 1, fd, 0)
private = libc.mmap(None, 6 * P, 1, 2, fd, P)
libc.munmap(private + 2 * P, P, 0)
libc.mprotect(private + 4 * P, P, 3)
with open('gone', 'wb') as f: f.write(b'x' * P)
gfd = os.open('gone', os.O_RDONLY)
gst = os.fstat(gfd)
gone = libc.mmap(None, P, 1, 2, gfd, 0)
os.close(gfd); os.unlink('gone')
anon = mmap.mmap(-1, 2 * P)
with open('grow', 'wb') as f: f.write(b'y' * 2 * P)
gr = open('grow', 'r+b')
grow = mmap.mmap(gr.fileno(), 2 * P)
grow.resize(3 * P)
m = lines()
names = sorted({n for *_, n in m if n and n != '[vdso]'})
print(names)
print('[heap]' in names, '[stack]' in names)
for n in names:
    if n.startswith('['): continue
    per = sorted((p, o, int(e, 16) - int(s, 16) if n.startswith('.') else 0) for l, p, o, _, _, x in m if x == n for s, e in [l.split()[0].split('-')])
    devino = {(d, i) for _, _, _, d, i, x in m if x == n}
    st = gst if n == './gone (deleted)' else None if n.startswith('/dev/zero') else os.stat(n)
    ok = st is None or devino == {('%02x:%02x' % (os.major(st.st_dev), os.minor(st.st_dev)), st.st_ino)}
    print(n, ['%s %x %x' % x for x in per], ok)
print(all(l[72] == ' ' and l[73] != ' ' for l, *_, n in m if n))
print([n for *_, n in lines('/proc/%d/maps' % os.getpid())] == [n for *_, n in lines()])
sm = []
for l in open('/proc/self/smaps'):
    f = l.split()
    if not f[0].endswith(':'): sm.append([f[1], ' '.join(f[5:]).replace(cwd, './'), {}])
    else: sm[-1][2][f[0]] = ' '.join(f[1:])
print(sorted((n, p, d['Size:'], d['Anonymous:'], d['VmFlags:']) for p, n, d in sm if n.startswith(('./', '/dev/zero', '[stack]'))))
print(sorted({tuple(d) for *_, d in sm}))
`;
const CASE = pythonCase("python reading /proc/self/maps after mmap, munmap, mprotect and unlink", SCRIPT);

// i386 lays out memory as qemu does (qemuLayout), so there the whole file is the same, addresses
// included: coreutils' cat (whose brk starts on a page of its own: [heap]) reading its own maps.
const CAT: Case = { name: "cat /proc/self/maps", argv: ["/usr/bin/cat", "/proc/self/maps"] };
const CAT_SMAPS: Case = { name: "cat /proc/self/smaps", argv: ["/usr/bin/cat", "/proc/self/smaps"] };

describe("/proc/self/maps", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} matches qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
  const i386 = PYTHON_GUESTS.find((g) => g.arch === "i386")!;
  for (const c of [CAT, CAT_SMAPS])
    test(`i386: ${c.name} is byte for byte qemu-user's`, { timeout: 120_000 }, () => expectSameAsQemu(i386, c));
});
