// MAP_SHARED file mappings (src/linux-user/shared-files.ts), on every guest, against Debian's
// qemu-user (which hands them to the host kernel) with the same -L sysroot, through Python:
//   - mmap.flush (msync) puts the mapping's bytes in the file, and read() sees them;
//   - mmap.resize (ftruncate, then mremap's growth) keeps the pages and extends the same mapping,
//     and close (munmap) writes the extension back;
//   - a page the guest did not write does not overwrite what write() put in the file meanwhile;
//   - a forked child's writes to a shared file mapping are the parent's too;
//   - read() and write() of a mapped file and the mapping see each other at once, as Linux's one
//     page cache shows them;
//   - each MAP_SHARED mmap of /dev/zero is a region of its own, shared with forked children;
//   - multiprocessing (fork start method): a Pool, a Value under a Lock from three processes, and
//     a Queue, whose semaphores live in MAP_SHARED files of /dev/shm.
// Before, such mappings were private copies: the first three lost the guest's writes, and
// multiprocessing deadlocked.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const MMAP = `import mmap, os
f = open('m.bin', 'w+b'); f.write(b'\\0' * 8192); f.flush()
m = mmap.mmap(f.fileno(), 8192)
m[0:5] = b'hello'; m[4096:4100] = b'WXYZ'; m.flush()
d = open('m.bin', 'rb').read(); print(d[0:5], d[4096:4100], len(d))
m.resize(12288); print(len(m), m[4096:4100], os.path.getsize('m.bin'))
m[8192:8195] = b'new'
os.pwrite(f.fileno(), b'via write', 6000)
m.close(); f.close()
d = open('m.bin', 'rb').read(); print(d[0:5], d[4096:4100], d[6000:6009], d[8192:8195], len(d))
s = open('s.bin', 'w+b'); s.write(b'\\0' * 4096); s.flush()
fm = mmap.mmap(s.fileno(), 4096, mmap.MAP_SHARED)
pid = os.fork()
if pid == 0:
    fm[0:5] = b'child'; os._exit(0)
os.waitpid(pid, 0); print(fm[0:5]); fm.close(); print(open('s.bin', 'rb').read()[0:5])
`;

const COHERENT = `import mmap, os
f = open('c.bin', 'w+b'); f.write(b'0123456789' * 1000); f.flush()
m = mmap.mmap(f.fileno(), 10000)
print(m[100:105])
os.pwrite(f.fileno(), b'WRITE', 100); print(m[100:105])
m[200:205] = b'MAPPD'; print(os.pread(f.fileno(), 5, 200))
f.seek(300); f.write(b'seek+write'); f.flush(); print(m[300:310])
m[5000:5003] = b'abc'; m.close(); f.close(); print(open('c.bin', 'rb').read()[5000:5003])
`;

const DEV_ZERO = `import mmap, os
fd = os.open('/dev/zero', os.O_RDWR)
a = mmap.mmap(fd, 4096, mmap.MAP_SHARED); b = mmap.mmap(fd, 4096, mmap.MAP_SHARED)
a[0:3] = b'aaa'; print(b[0:3])
pid = os.fork()
if pid == 0:
    b[0:3] = b'bbb'; os._exit(0)
os.waitpid(pid, 0); print(a[0:3], b[0:3])
`;

const MULTIPROCESSING = `import multiprocessing as mp
def square(x): return x * x
def bump(v, lock):
    for _ in range(200):
        with lock: v.value += 1
if __name__ == '__main__':
    mp.set_start_method('fork')
    with mp.Pool(2) as p: print(p.map(square, range(10)))
    v = mp.Value('i', 0); lock = mp.Lock()
    ps = [mp.Process(target=bump, args=(v, lock)) for _ in range(3)]
    [q.start() for q in ps]; [q.join() for q in ps]; print(v.value)
    q = mp.Queue(); pr = mp.Process(target=q.put, args=('hello',)); pr.start(); print(q.get()); pr.join()
`;

const CASES = [
  pythonCase("python mmap flush, resize, write-back and fork", MMAP),
  pythonCase("python multiprocessing pool, lock and queue", MULTIPROCESSING),
  pythonCase("python read() and write() of a mapped file see the mapping and it sees them", COHERENT),
  pythonCase("python /dev/zero MAP_SHARED: a new region per mmap, shared across fork", DEV_ZERO),
];

describe("MAP_SHARED file mappings are shared and reach the file, as Linux's", () => {
  for (const g of PYTHON_GUESTS)
    for (const c of CASES) test(`${g.arch}: ${c.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, c));
});
