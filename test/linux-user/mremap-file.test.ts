// mremap growing a MAP_PRIVATE file mapping (src/linux-user/syscalls/memory.ts heldFilePages,
// AddressSpace.mapContinuation) on every guest, against Debian's qemu-user, through ctypes in
// Python 3.13: the grown pages read the file's bytes past the old end (a page written before the
// growth keeps the write, the file does not see it), the partial last page reads zeros past the
// end of the file, a page wholly past it is SIGBUS (in a forked child whose SIGBUS and SIGSEGV
// handler is _exit(signo)) until the file grows to it, /proc/self/maps shows one mapping, a
// mapping at an offset, a mapping whose descriptor was closed before the growth (the mapping keeps
// the file), and SIGBUS past the end of a plain mmap; MADV_DONTNEED of a written private file
// page reads the file again. Before, the grown pages and the discarded page read zeros and no page
// was ever SIGBUS.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, ctypes, mmap
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.mremap.restype = ctypes.c_void_p
libc.mremap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_int]
libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
libc.madvise.restype = ctypes.c_int
libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
P = 4096; RW = mmap.PROT_READ | mmap.PROT_WRITE
def touch(addr, n=1):
    pid = os.fork()
    if pid == 0:
        # SIGBUS or SIGSEGV: _exit(signo) as the handler (no core dump message)
        for sig in (7, 11): libc.signal(sig, ctypes.cast(libc._exit, ctypes.c_void_p))
        ctypes.string_at(addr, n); os._exit(0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
with open("f", "wb") as f: f.write(b"A" * P + b"B" * P + b"C" * P + b"D" * 100)
fd = os.open("f", os.O_RDWR)
a = libc.mmap(None, P, RW, mmap.MAP_PRIVATE, fd, 0)
print(ctypes.string_at(a, 2))
b = libc.mremap(a, P, 3 * P, 1)
print(b != 2**64 - 1 and b is not None, ctypes.string_at(b, 1), ctypes.string_at(b + P, 2), ctypes.string_at(b + 2 * P + P - 2, 2))
ctypes.memmove(b + P, b"xy", 2); print(ctypes.string_at(b + P, 3), os.pread(fd, 3, P))
c = libc.mremap(b, 3 * P, 6 * P, 1)
print(ctypes.string_at(c + P, 3), ctypes.string_at(c + 3 * P, 100) == b"D" * 100, ctypes.string_at(c + 3 * P + 100, 4), touch(c + 3 * P + 4000), touch(c + 4 * P), touch(c + 5 * P + 8))
print(sum(1 for l in open("/proc/self/maps") if l.rstrip().endswith("/f")))
os.pwrite(fd, b"E" * 10, 4 * P)
print(touch(c + 4 * P), ctypes.string_at(c + 4 * P, 12), touch(c + 5 * P))
os.ftruncate(fd, 3 * P + 100)
g = libc.mmap(None, P, RW, mmap.MAP_PRIVATE, fd, 2 * P); os.close(fd)
h = libc.mremap(g, P, 3 * P, 1)
print(ctypes.string_at(h, 2), ctypes.string_at(h + P, 3), touch(h + 2 * P))
q = libc.mmap(None, 3 * P, mmap.PROT_READ, mmap.MAP_PRIVATE, os.open("f", os.O_RDONLY), P)
print(ctypes.string_at(q, 1), ctypes.string_at(q + P, 1), touch(q + 2 * P))
m = libc.mmap(None, 2 * P, RW, mmap.MAP_PRIVATE, os.open("f", os.O_RDONLY), 0); ctypes.memmove(m, b"xyz", 3)
print(ctypes.string_at(m, 4), libc.madvise(m, 2 * P, 4), ctypes.string_at(m, 4))
libc.munmap(c, 6 * P); libc.munmap(h, 3 * P); print("done")
`;
const CASE = pythonCase("python mremap of a private file mapping: the file's bytes, SIGBUS past its end", SCRIPT);

describe("mremap of a private file mapping", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
