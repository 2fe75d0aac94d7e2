// The armhf Debian-program corpus: invocations whose stdout, stderr, exit status (and some output
// files) must be byte-identical under tciemu-arm and qemu-arm -cpu cortex-a15,neon=off,vfp-d32=off
// with the same -L sysroot. The architecture-neutral cases of the riscv64 corpus (busybox-static
// applets, lua, sqlite3, xz, bzip2, gzip, 7-Zip) plus coreutils, python3 and perl.
//
// Left out, because QEMU 10 differs from Linux there: nothing that statx()es a path of the sysroot
// (qemu-arm's statx ignores -L for 32-bit guests and answers for the host's file, where Linux and
// tciemu answer for the sysroot's): `ls -la /usr/bin/...`, `stat /etc/...`, and perl scripts that
// `use` modules (perl searches @INC with statx: under qemu-arm it finds nothing unless the host
// has the same perl, and dies with "Can't locate strict.pm").
import { CORPUS, FILE_ERRORS_PY, TIME64_PY, text } from "../linux-user/corpus.ts";
import type { Case } from "../linux-user/harness.ts";
import { hasSysrootFor, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";

const T1 = text(400, 7);
const BIN = Uint8Array.from({ length: 20000 }, (_, i) => (i * 131 + (i >> 7) * 7) & 0xff);

/** The riscv64 corpus's cases that do not depend on the architecture. */
const SHARED = CORPUS.filter((c) => /^(busybox|lua|sqlite3|xz|bzip2|gzip|7z) /.test(c.name));

const TREE: Record<string, string | Uint8Array> = {
  "tree/a.txt": "alpha\n",
  "tree/b.bin": BIN.subarray(0, 5000),
  "tree/sub/c.txt": T1,
  "tree/sub/deeper/d": "",
  "tree/z-last": "z\n",
};

const PY = "/usr/bin/python3.13";
/** Numbers in three columns: decimals, large and small magnitudes, exponents. */
const NUMS =
  Array.from({ length: 300 }, (_, i) => `${((i * 7919) % 1000) / 7 - 50} ${Math.sin(i) * 1e5} ${(i * 31) % 17}e${(i % 40) - 20}`).join(
    "\n",
  ) + "\n";

export const ARM_CORPUS: Case[] = [
  ...SHARED,
  // ---- coreutils (dynamic glibc)
  { name: "coreutils ls -la", argv: ["/usr/bin/ls", "-la", "--time-style=+%Y-%m-%d %H:%M:%S", "tree", "tree/sub"], files: TREE },
  { name: "coreutils ls -lR", argv: ["/usr/bin/ls", "-lRn", "--time-style=full-iso", "tree"], files: TREE },
  { name: "coreutils sort", argv: ["/usr/bin/sort", "-k2,2", "-k1,1nr", "in.txt"], files: { "in.txt": T1 } },
  { name: "coreutils sort -u stdin", argv: ["/usr/bin/sort", "-u", "-f"], stdin: T1 },
  { name: "coreutils sha256sum", argv: ["/usr/bin/sha256sum", "in.txt", "bin.dat"], files: { "in.txt": T1, "bin.dat": BIN } },
  { name: "coreutils sha256sum missing", argv: ["/usr/bin/sha256sum", "in.txt", "nonexistent"], files: { "in.txt": T1 } },
  // ---- python 3.13
  {
    name: "python3 arithmetic and math",
    argv: [
      PY,
      "-c",
      "import math, fractions\n" +
        "print(2**200, 10**30 // 7, -7 // 2, -7 % 3, divmod(1 << 70, 12345), pow(3, 1000, 10**9 + 7))\n" +
        "print(1/3, 2.5e-310, 1e308 * 10, float('nan') == float('nan'), round(2.675, 2), 0.1 + 0.2)\n" +
        "print(math.sqrt(2), math.exp(1), math.log(10), math.sin(1e6), math.atan2(-1, -1), math.gamma(5.5), math.fsum([0.1] * 10))\n" +
        "print(math.factorial(30), math.comb(60, 30), math.gcd(2**64, 6**40), math.isqrt(10**40 + 1), math.frexp(1e-300))\n" +
        "print(fractions.Fraction(355, 113) - fractions.Fraction(22, 7), (1.5).hex(), float.fromhex('0x1.8p-1070'), int('ff' * 20, 16))\n" +
        "print('%.17g %e %.3f' % (math.pi, 6.02214076e23, -0.0005), 1e22, 1e-7, 123456789012345678.0)",
    ],
  },
  {
    name: "python3 decimal",
    argv: [
      PY,
      "-c",
      "from decimal import Decimal, getcontext, ROUND_HALF_EVEN\n" +
        "getcontext().prec = 60\n" +
        "print(Decimal(1) / Decimal(7), Decimal(2).sqrt(), Decimal('1.1') * Decimal('3.3'), Decimal(10).ln())\n" +
        "print(Decimal('123.456').quantize(Decimal('0.01'), rounding=ROUND_HALF_EVEN), Decimal('-0'), Decimal('1e-30').exp())",
    ],
  },
  {
    name: "python3 json re hashlib",
    argv: [
      PY,
      "-c",
      "import json, re, hashlib, zlib, struct, collections\n" +
        "d = {'a': [1, 2.5, None, True], 'b': {'x': 'y\\u00e9'}, 'n': 10**20}\n" +
        "s = json.dumps(d, sort_keys=True); print(s, json.loads(s) == d, json.dumps(d, indent=1)[:40])\n" +
        "print(re.findall(r'(\\w+)@(\\w+)\\.com', 'a@b.com, cc@dd.com x@y.org'), re.sub(r'\\d+', lambda m: str(int(m.group()) * 2), 'a1b22c333'))\n" +
        "print(hashlib.sha256(b'abc').hexdigest(), hashlib.md5(b'x' * 1000).hexdigest(), hashlib.sha1(b'').hexdigest())\n" +
        "print(hashlib.sha512(bytes(range(256))).hexdigest()[:32], hashlib.blake2b(b'tciemu').hexdigest()[:32], zlib.crc32(b'hello'))\n" +
        "print(struct.pack('<idQ', -2, 1.5, 2**63).hex(), collections.Counter('mississippi').most_common(3))",
    ],
  },
  {
    name: "python3 script with files",
    argv: [PY, "s.py"],
    files: {
      "in.txt": T1,
      "s.py": `import os, sys
words = {}
with open("in.txt") as f:
    for line in f:
        for w in line.split():
            words[w] = words.get(w, 0) + 1
top = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top, len(words))
with open("out.txt", "w") as f:
    f.write("\\n".join(f"{k}={v}" for k, v in top) + "\\n")
print(sorted(os.listdir(".")), os.path.getsize("out.txt"))
class A:
    def __init__(self, x): self.x = x
    def __repr__(self): return f"A({self.x!r})"
print([A(i) for i in range(3)], {i: i * i for i in range(5)}, list(map(lambda x: x ** 0.5, [4, 9, 2])))
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)
sys.exit(4)
`,
    },
    outputs: ["out.txt"],
  },
  { name: "python3 exception exit", argv: [PY, "-c", "raise ValueError('bad value')"] },
  { name: "python3 time64 syscalls", argv: [PY, "-c", TIME64_PY] },
  { name: "python3 file syscall errors", argv: [PY, "-c", FILE_ERRORS_PY] },
  {
    // ARM EABI's own numbers, through ctypes: _llseek, fstat64/fstatat64 and statx with every flag
    // (EINVAL for the ones vfs_statx refuses), statfs64/fstatfs64 with 84 or 88 (the kernel writes
    // its packed 84-byte struct either way; QEMU accepts any size there, where Linux says EINVAL:
    // only the sizes Linux takes are compared), getdents (struct linux_dirent) and getdents64
    // (entries sorted: the host's directory order is not the same through Node).
    name: "python3 arm file syscalls",
    argv: [
      PY,
      "-c",
      `import ctypes, os, struct
libc = ctypes.CDLL(None, use_errno=True)
def sc(*a):
    r = libc.syscall(*a)
    return r if r != -1 else -ctypes.get_errno()
def buf(n): return ctypes.create_string_buffer(b'\\xee' * n, n)
fd = os.open('big', os.O_RDWR | os.O_CREAT, 0o644); os.ftruncate(fd, (5 << 30) + 123); os.pwrite(fd, b'END', 5 << 30)
res = buf(8)
print('_llseek', sc(140, fd, 1, 0x40000000, res, 0), struct.unpack('<q', res.raw)[0], sc(140, fd, 0xffffffff, 0xfffffff0, res, 1), struct.unpack('<q', res.raw)[0], sc(140, fd, 0, 0, res, 9), sc(140, fd, 0xffffffff, 0, res, 0))
st = buf(104)
print('fstat64', sc(197, fd, st), struct.unpack_from('<q', st.raw, 48)[0], st.raw[4:12].hex())
for fl in (0, 0x100, 0x800, 0x1000, 0x2000, 0x4000, 0x6000, 0x200, 0x400, 0x1234, 0x8000):
    print('fstatat64', hex(fl), sc(327, -100, b'big', st, fl), sc(327, -100, b'', st, fl), sc(327, -100, b'nope', st, fl))
sx = buf(256)
for fl, mask in ((0, 0x7ff), (0x6000, 0x7ff), (0x2000, 0x80000000), (0x200, 0x7ff), (0x4000, 0xfff)):
    print('statx', hex(fl), hex(mask), sc(397, -100, b'big', fl, mask, sx), sc(397, -100, b'nope', fl, mask, sx))
for size in (84, 88):
    sf = buf(96); r = sc(266, b'.', size, sf); print('statfs64', size, r, sf.raw[56:60] != b'\\xee' * 4, sf.raw[76:96].hex())
    sf = buf(96); r = sc(267, fd, size, sf); print('fstatfs64', size, r, sf.raw[76:96].hex())
print('ftruncate64 neg', sc(194, fd, 0, 0xffffffff, 0xffffffff), sc(193, b'big', 0, 0xffffffff, 0xffffffff))
print('pread64', os.pread(fd, 3, 5 << 30), 'pwrite64', os.pwrite(fd, b'Z', (5 << 30) + 122), os.fstat(fd).st_size)
os.mkdir('d'); os.mkdir('d/sub'); os.symlink('x', 'd/link')
for n in ['a', 'bb', 'ccc', 'dddd', 'e' * 100]: open('d/' + n, 'w').close()
def walk(nr, size):
    fd = os.open('d', os.O_RDONLY | os.O_DIRECTORY); out = []; calls = []
    while True:
        b = ctypes.create_string_buffer(size); n = sc(nr, fd, b, size); calls.append(n)
        if n <= 0: break
        o = 0
        while o < n:
            if nr == 141:
                ino, off, rl = struct.unpack_from('<IiH', b.raw, o); name = b.raw[o + 10:o + rl].split(b'\\0')[0]; ty = b.raw[o + rl - 1]
                out.append((name.decode(), ty, rl, rl % 4, ino == os.lstat(b'd/' + name).st_ino & 0xffffffff))
            else:
                ino, off, rl, ty = struct.unpack_from('<QqHB', b.raw, o); name = b.raw[o + 19:o + rl].split(b'\\0')[0]
                out.append((name.decode(), ty, rl, rl % 8, ino == os.lstat(b'd/' + name).st_ino))
            o += rl
    return sorted(out), len(calls), calls[-1]
print(walk(141, 4096)); print(walk(217, 4096))
b = ctypes.create_string_buffer(8); print(sc(141, os.open('d', os.O_RDONLY), b, 8), sc(141, os.open('d/a', os.O_RDONLY), b, 8), sc(141, 999, b, 8))`,
    ],
  },
  {
    // ARM EABI's older common calls through ctypes: the 16-bit old_uid_t ones (getuid 24 ... getegid
    // 50, getresuid/getresgid 165/171 write three 16-bit ids, setfsuid/setfsgid 138/139 and their
    // *32 calls return the old ids), _newselect 142, utimes 269 and futimesat 326 (glibc for armhf
    // uses none of them; they were ENOSYS, and 165/171 wrote 32-bit ids past a 16-bit caller's)
    name: "python3 arm old id, select and utimes calls",
    argv: [
      PY,
      "-c",
      `import ctypes, os, struct
libc = ctypes.CDLL(None, use_errno=True)
def sc(*a):
    r = libc.syscall(*a)
    return r if r != -1 else -ctypes.get_errno()
def buf(n): return ctypes.create_string_buffer(b'\\xee' * n, n)
print('ids16', [sc(n) for n in (24, 47, 49, 50)], 'ids32', [sc(n) for n in (199, 200, 201, 202)])
for nr in (165, 171):
    r, e, s = buf(4), buf(4), buf(4); print('getres16', nr, sc(nr, r, e, s), r.raw.hex(), e.raw.hex(), s.raw.hex())
print('setfs', sc(138, -1), sc(139, -1), sc(215, -1), sc(216, -1))
rd, wr = os.pipe(); os.write(wr, b'x')
sets = buf(128); ctypes.memmove(sets, struct.pack('<I', (1 << rd) | (1 << wr)) + bytes(124), 128)
ws = buf(128); ctypes.memmove(ws, struct.pack('<I', 1 << wr) + bytes(124), 128)
tv = ctypes.create_string_buffer(struct.pack('<ii', 0, 0), 8)
print('_newselect', sc(142, max(rd, wr) + 1, sets, ws, None, tv), sets.raw[:4].hex(), ws.raw[:4].hex(), sc(142, -1, None, None, None, tv))
open('f', 'w').close()
print('utimes', sc(269, b'f', ctypes.create_string_buffer(struct.pack('<iiii', 1000, 5, 2000, 7), 16)), os.stat('f').st_atime_ns, os.stat('f').st_mtime_ns)
print('futimesat', sc(326, -100, b'f', ctypes.create_string_buffer(struct.pack('<iiii', 3000, 1, 4000, 2), 16)), os.stat('f').st_atime_ns, os.stat('f').st_mtime_ns)
print('errors', sc(269, b'nope', None), sc(326, -100, b'f', ctypes.create_string_buffer(struct.pack('<iiii', 1, 1000000, 2, 0), 16)), sc(326, 999, b'f', None))`,
    ],
  },
  {
    // repr/float() round trips (shortest digits, subnormals), hex floats, %e/%g formatting, libm
    // (exp, log1p, erf, lgamma, cbrt...) and complex functions: glibc's soft paths over VFP
    name: "python3 float repr and libm",
    argv: [
      PY,
      "-c",
      `import math, struct, random, zlib
r = random.Random(12345)
xs = [r.random() * 10 ** r.randint(-320, 308) for _ in range(800)] + [r.uniform(-1e6, 1e6) for _ in range(300)]
h = 0
for x in xs:
    s = repr(x); y = float(s); assert y == x, (s, x)
    h = zlib.crc32(s.encode(), h)
print(h, repr(xs[0]), repr(xs[1]), repr(xs[-1]))
print([x.hex() for x in xs[:5]], [float.fromhex(x.hex()) == x for x in xs[:5]])
print(['%.20e' % x for x in xs[5:10]], ['%g' % x for x in xs[10:15]], [format(x, '.3%') for x in xs[-5:]])
print(math.fsum(x for x in xs if x < 1e300), sum(xs), math.prod(xs[-10:]))
print([round(x, 3) for x in xs[-6:]], [int(x) for x in xs[-6:]], [math.floor(x) for x in xs[-6:]], [math.ceil(x) for x in xs[-6:]])
print(5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, float('1e-400'), float('-0.0'), 1e16, 9007199254740993.0)
print(struct.unpack('<f', struct.pack('<f', 1/3)), struct.pack('<e', 65504.0).hex(), struct.unpack('<e', b'\\x01\\x00'))
import cmath
vals = [0.0, 0.5, 1.0, 1.5, 2.5, 10.0, -0.5, 1e-10, 100.0, 700.0, -745.0]
for f in ['exp','expm1','log1p','sin','cos','tan','atan','asinh','sinh','cosh','tanh','erf','erfc','lgamma','cbrt','exp2']:
    fn = getattr(math, f); out=[]
    for v in vals:
        try: out.append(repr(fn(v)))
        except Exception as e: out.append(type(e).__name__)
    print(f, ' '.join(out))
for v in [0.25, 1.0, 3.0, 1e300, 5e-324]:
    print(math.log(v), math.log2(v), math.log10(v), math.sqrt(v), math.acos(min(v,1)), math.hypot(v, 3) if v < 1e200 else 0, math.gamma(min(max(v, 0.01), 150)), math.nextafter(v, 0), math.ulp(v), math.fmod(v, 0.7), math.remainder(v, 0.7), math.copysign(v, -1), math.ldexp(v, -5), math.modf(v), math.trunc(v) if v<1e20 else 0)
print(math.dist((1,2,3),(4,5,6)), math.sumprod([1.1,2.2],[3.3,4.4]), math.fma(0.1, 10, -1) if hasattr(math,'fma') else None, math.pow(2, 0.5), 2 ** -1074, (-8) ** (1/3))
print(cmath.sqrt(-1), cmath.exp(1j*math.pi), cmath.log(-1), cmath.phase(-1-0j), cmath.polar(3+4j), cmath.rect(2, 1), cmath.asin(2), cmath.atanh(0.5+0.5j))
print((1+2j)/(3-4j), abs(3+4j), (2+3j)**(1.5-2j), complex('1e300+1e300j') * 2)`,
    ],
  },
  {
    // pread/pwrite/ftruncate/truncate past 2 and 4 GiB (64-bit offsets in register pairs), fcntl
    // and flock locks, utime, mmap, pipe2/select/poll/epoll, itimer and signal delivery, fork and
    // wait4's rusage, socketpair with SCM_RIGHTS, a unix datagram socket's timeout, links
    name: "python3 os calls",
    argv: [
      PY,
      "-c",
      `import os, fcntl, mmap, select, signal, time, resource, errno, struct, stat, socket
fd = os.open('f.bin', os.O_RDWR | os.O_CREAT, 0o640)
os.pwrite(fd, b'hello world', 5_000_000_000 % (1 << 20))
print(os.pread(fd, 5, 1_000_000 % (1 << 20) + 48576), os.lseek(fd, 0, os.SEEK_END), os.lseek(fd, -3, os.SEEK_CUR))
os.ftruncate(fd, 3 << 30); st = os.fstat(fd); print(st.st_size, st.st_blocks * 512 <= 1 << 21, stat.S_IMODE(st.st_mode) & 0o777, st.st_nlink)
os.lseek(fd, (3 << 30) - 4, 0); os.write(fd, b'tail'); print(os.pread(fd, 8, (3 << 30) - 6), os.lseek(fd, 0, os.SEEK_CUR))
os.posix_fadvise(fd, 0, 1 << 33, os.POSIX_FADV_SEQUENTIAL); print('fadvise ok')
try: os.posix_fallocate(fd, 1 << 31, 4096); print('falloc', os.fstat(fd).st_size)
except OSError as e: print('falloc err', e.errno)
os.truncate('f.bin', 5 << 30); print(os.stat('f.bin').st_size); os.truncate('f.bin', 100)
lk = struct.pack('hhqqi', fcntl.F_WRLCK, 0, 1 << 32, 100, 0)
print(len(fcntl.fcntl(fd, fcntl.F_SETLK, lk)), struct.unpack('hhqqi', fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 0, 0, 0)))[0])
fcntl.flock(fd, fcntl.LOCK_EX); fcntl.lockf(fd, fcntl.LOCK_UN, 10, 1 << 33); print(fcntl.fcntl(fd, fcntl.F_GETFL) & 0o3, fcntl.fcntl(fd, fcntl.F_GETFD))
os.utime('f.bin', ns=(1_234_567_890_123_456_000, 4_000_000_000_987_654_000)); st = os.stat('f.bin'); print(st.st_atime_ns, st.st_mtime_ns, st.st_mtime)
os.utime('f.bin', (2**31 + 0.5, -1.25)); st = os.stat('f.bin'); print(st.st_atime_ns, st.st_mtime_ns)
m = mmap.mmap(fd, 100, mmap.MAP_PRIVATE); m[0:5] = b'HELLO'; print(os.pread(fd, 5, 0), m[:5], m.find(b'\\0'), len(m)); m.close()
m = mmap.mmap(-1, 1 << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS); m[-1] = 7; print(m[(1 << 20) - 1], m[5], len(m))
r, w = os.pipe2(os.O_CLOEXEC | os.O_NONBLOCK); os.write(w, b'x' * 100)
print(select.select([r], [w], [], 0.01), [(e & 0xff) for _, e in select.poll().poll(0)] , os.read(r, 1000)[:3])
try: os.read(r, 10)
except BlockingIOError as e: print('EAGAIN', e.errno)
p = select.poll(); p.register(r, select.POLLIN); print(p.poll(20))
ep = select.epoll(); ep.register(w, select.EPOLLOUT); print(ep.poll(0.01))
fd2 = os.dup3(fd, 100, inheritable=False) if hasattr(os, 'dup3') else os.dup2(fd, 100, inheritable=False); print(fd2, os.get_inheritable(fd2))
print(resource.getrlimit(resource.RLIMIT_STACK)[0] > 0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0, os.times().elapsed != 0)
t1 = time.clock_gettime_ns(time.CLOCK_MONOTONIC); time.sleep(0.002); t2 = time.clock_gettime_ns(time.CLOCK_MONOTONIC); print(2_000_000 <= t2 - t1 < 2_000_000_000, time.clock_getres(time.CLOCK_REALTIME), time.time() > 1.7e9)
signal.signal(signal.SIGALRM, lambda *a: print('alarm', a[0])); signal.setitimer(signal.ITIMER_REAL, 0.01); time.sleep(0.2); print(signal.getitimer(signal.ITIMER_REAL))
signal.signal(signal.SIGUSR1, lambda s, f: print('usr1', s)); os.kill(os.getpid(), signal.SIGUSR1); print(signal.pthread_sigmask(signal.SIG_BLOCK, []))
pid = os.fork()
if pid == 0: os._exit(7)
print(os.waitpid(pid, 0)[1] >> 8)
pid = os.fork()
if pid == 0: os._exit(9)
pid2, status, ru = os.wait4(pid, 0); print(pid2 == pid, status >> 8, ru.ru_utime >= 0)
a, b = socket.socketpair(); a.sendall(b'ping' * 1000); print(len(b.recv(65536)), a.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) > 0); a.sendmsg([b'ab', b'cd'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, struct.pack('i', r))]); msg, anc, fl, ad = b.recvmsg(10, socket.CMSG_SPACE(4)); print(msg, len(anc), anc[0][:2] if anc else None)
u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); u.bind('sock'); u.settimeout(0.05)
try: u.recv(10)
except TimeoutError: print('timeout')
print(sorted(e.name for e in os.scandir('.')), os.statvfs('.').f_bsize > 0, os.path.exists('/proc/self/fd'), len(os.listdir('/proc/self/fd')) > 2)
os.mkdir('d'); os.symlink('f.bin', 'd/l'); print(os.readlink('d/l'), os.lstat('d/l').st_size, os.path.realpath('d/l').endswith('d/f.bin')); os.rename('d', 'e'); os.replace('f.bin', 'e/g'); print(sorted(os.listdir('e')))
os.link('e/g', 'h'); print(os.stat('h').st_nlink, os.access('h', os.W_OK), os.getcwd() == os.path.realpath('.')); os.chmod('h', 0o600); print(oct(os.stat('e/g').st_mode))
print(os.uname().machine, os.cpu_count() > 0, len(os.getrandom(16)), os.getpgrp() > 0, os.sysconf('SC_PAGE_SIZE'), os.sysconf('SC_CLK_TCK'))`,
    ],
  },
  // ---- perl
  {
    name: "perl text processing",
    argv: [
      "/usr/bin/perl",
      "-e",
      'my %c; while (<STDIN>) { $c{$_}++ for split } my @k = sort { $c{$b} <=> $c{$a} || $a cmp $b } keys %c; printf "%s %d\\n", $_, $c{$_} for @k[0..4]; ' +
        'print join(",", map { $_ ** 2 } 1..10), "\\n"; printf "%.10f %e %x %o %b\\n", atan2(1,1)*4, 1.5e300, 255, 8, 5; ' +
        '$_ = "hello world"; s/(\\w+)/\\u$1/g; print "$_\\n"; print scalar(reverse "abc"), " ", lc("ABC"), " ", sprintf("%05.1f", 3.14159), "\\n"; ' +
        "my @a = (3, 1, 2); print join(' ', sort { $a <=> $b } @a), ' ', 2**40, ' ', 7 % 3, ' ', int(-7/2), \"\\n\";",
    ],
    stdin: T1,
  },
  {
    name: "perl script with files",
    argv: ["/usr/bin/perl", "s.pl", "in.txt"],
    files: {
      "in.txt": T1,
      // no "use strict": perl looks for modules with statx (see above)
      "s.pl": `open(my $fh, "<", $ARGV[0]) or die "open: $!";
my ($n, $w) = (0, 0);
while (my $l = <$fh>) { $n++; $w += () = $l =~ /\\S+/g; }
close $fh;
print "$n lines $w words\\n";
open(my $out, ">", "out.txt") or die; print $out join("\\n", map { sprintf "%03d", $_ * 7 } 1..20), "\\n"; close $out;
my %h = map { $_ => length } qw(apple banana cherry);
print join(", ", map { "$_=$h{$_}" } sort keys %h), "\\n";
print "sum: ", eval { my $s = 0; $s += $_ for 1..1000; $s }, "\\n";
die "fatal at the end\\n";
`,
    },
    outputs: ["out.txt"],
  },
  {
    // sprintf of floats (%.17g %a %e), pack/unpack of every width and byte order, regexes with
    // backreferences and lookarounds, 64-bit integer and float arithmetic, gmtime/localtime, crypt
    name: "perl floats pack regex",
    argv: [
      "/usr/bin/perl",
      "-e",
      `printf("%.17g %.0f %.3e %g %a %s\\n", $_, $_, $_, $_, $_, $_) for (0.1, 1/3, 2**53+1, 1e300*1e10, -0.0, 5e-324, 123456789.987654321, 1e21, 1e15+0.3, -2.5, 0.5, 1.5);
print join(",", map { int($_ * 1000) / 1000 } map { sqrt($_), log($_), exp($_ / 10), sin($_), cos($_) } 1..12), "\\n";
my @p = unpack("C*", pack("d<", 3.14159)); print "@p\\n"; print unpack("H*", pack("f> N n V v q< Q> w", 1.1, 0xdeadbeef, 65535, 1, 2, -5, 2**63, 300)), "\\n";
print join(" ", unpack("l< s> c C a3 A3 Z* H4 b8", pack("l< s> c C a3 A3 Z* H4 b8", -123456, -2, -1, 255, "ab", "x", "zz", "beef", "10110001"))), "\\n";
my $s = "The quick brown fox jumps over the lazy dog" x 50; my $n = () = $s =~ /\\b(\\w)(\\w*)\\1\\b/gi; print "$n\\n";
(my $t = $s) =~ s/(\\w+)/ucfirst(reverse($1))/ge; print substr($t, 0, 80), "\\n"; print join("|", split /(?<=o)\\s+(?=[a-j])/, substr($s, 0, 120)), "\\n";
print 0xffffffff + 1, " ", -17 % 5, " ", 17 % -5, " ", 2**64, " ", 9**20, " ", int(2**52 + 0.5), " ", 1e16 + 1, " ", 7/2, " ", -7/2, " ", 1 <=> 2, " ", "10" == 10.0, "\\n";
print sprintf("%08.3f|%-8s|%+d|%x|%o|%e|%#b|%v02x", -3.14159, "ab", 5, -1, 511, 0.000123, 10, "1.22.333"), "\\n";
my @a = map { ($_ * 7919) % 1000 + $_ / 1000 } 1..2000; my @s = sort { $a <=> $b } @a; print "@s[0..5] $s[-1]\\n";
print "ok\\n" if "abc" lt "abd"; print scalar(localtime(0)), " ", scalar(gmtime(2**31)), "\\n"; print crypt("pw", "ab"), "\\n";`,
    ],
  },
  // ---- busybox awk (double arithmetic and printf), sqlite3 (math functions, printf, JSON, dates), sort -g
  {
    name: "busybox awk floating point printf",
    argv: [
      "/usr/bin/busybox",
      "awk",
      `{ s += $1; p = p * 1.0001 + $2; m = ($3 > m) ? $3 : m; printf "%.6f %10.3e %g %d %i %5.2f%% %c %o %x\\n", $1 / 3, $2, $3 * 1.5, $2, -$1, $1, 65 + NR % 26, NR, NR * 4099 }
END { printf "%.15g %.15g %.17g\\n", s, p, m; print s, p, m, s / NR, int(-3.7), 1e300 * 1e300, -1e300 * 1e300, substr("hello", 2, 3), index("abc", "c"), length("xyz"), 017 + 0, 0x1f + 0, "3.5abc" + 1, 1/7 }`,
    ],
    stdin: NUMS,
  },
  {
    name: "sqlite3 math printf json",
    argv: [
      "/usr/bin/sqlite3",
      ":memory:",
      `select printf('%.17g', 0.1 + 0.2), printf('%.3e', 6.02e23), printf('%g', 1e-5), printf('%!.20g', 1.0/3), printf('%,d', 123456789), printf('%x %o %c %5.2f%%', 255, 8, 65, 12.345);
select sqrt(2), exp(1), ln(10), log10(1000), log(2, 1024), pow(2, 0.5), sin(1), cos(1), tan(1), asin(0.5), acos(0.5), atan(1), atan2(-1, -1), pi(), degrees(pi()), radians(180), ceil(-1.5), floor(-1.5), trunc(-1.5), sign(-3), mod(7.5, 2);
select 1e308 * 10, -1e308 * 10, 9223372036854775807 + 1, 9223372036854775807 * 2, -9223372036854775808 / -1, 5 / 2, 5 / 2.0, 5 % 3, -5 % 3, round(2.5), round(-2.5), round(1.23456789, 5), abs(-9223372036854775807), cast('1e5' as real), cast(1e20 as integer), cast(-1.9 as integer), 0.1 + 0.2 = 0.3;
with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000) select count(*), sum(x), avg(x * 1.1), total(1.0 / x), max(sqrt(x)), group_concat(x % 7, '') filter (where x < 40), sum(x * x * x) from c;
with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000) select printf('%.10f', sum(1.0 / (x * x))), printf('%.15e', exp(sum(ln(x)) / count(*))), quote(1.5e-300), quote(x'00ff') from c;
create table t(a integer primary key, b text, c real); 
with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000) insert into t select x, hex(x * 2654435761 % 4294967296), x * 0.37 - 500 from c;
select count(*), sum(c), min(b), max(b), avg(length(b)) from t where c > 0; create index tb on t(b); select a, b, c from t where b between 'A' and 'B' order by c desc limit 5;
select json_object('a', 1.5, 'b', 1e100, 'c', 0.1), json_extract('{"x":[1,2.25e-5,{"y":-0.0}]}', '$.x[1]'), datetime(1700000000.5, 'unixepoch', 'subsec'), julianday('2024-02-29 12:00:00'), strftime('%s %j %W %f', '2038-01-19 03:14:08.123'), date('now') > '2020';`,
    ],
  },
  {
    name: "coreutils sort -g",
    argv: ["/usr/bin/sort", "-g", "in.txt"],
    files: { "in.txt": NUMS.split(/\s+/).join("\n") + "\n-inf\ninf\nnan\n0x1p3\n-0\n1e-310\n4.9e-324\n1.7976931348623157e308\n" },
  },
  {
    name: "coreutils printf floats",
    argv: [
      "/usr/bin/printf",
      "%a %A %.3a %g %e %.20f %Lf %La|%.30Lg|%10.4s|%#o|%#x\\n",
      "1",
      "0.1",
      "3.14159",
      "1e-300",
      "2.5",
      "0.1",
      "1.1",
      "0.3",
      "1e4000",
      "abcdefg",
      "8",
      "255",
    ],
  },
];

/** qemu-arm's CPU for the comparison: tciemu's model (cortex-a15 without Neon, 16 D registers). */
export const QEMU_ARM_CPU = ["-cpu", "cortex-a15,neon=off,vfp-d32=off"];

/** The armhf sysroot and trixie's qemu-arm (throws, with what to fetch, when missing). */
export function requireArmTools(): { qemu: string; sysroot: string } {
  if (!hasSysrootFor("armhf"))
    throw new Error(`no armhf Debian sysroot at ${sysrootDir("armhf")}: run 'bash tools/debian/fetch.sh sysroot armhf'`);
  const qemu = trixieQemuUser("arm");
  if (!qemu) throw new Error("no qemu-arm to compare with: run 'bash tools/debian/fetch.sh qemu'");
  return { qemu, sysroot: sysrootDir("armhf") };
}
