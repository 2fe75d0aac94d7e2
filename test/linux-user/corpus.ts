// The Debian-program corpus: invocations whose stdout, stderr, exit status (and some output files)
// must be byte-identical under tciemu and qemu-riscv64. Inputs are small and generated here.
import { gzipSync } from "node:zlib";
import type { Case } from "./harness.ts";

/** Deterministic pseudo-random text: words and numbers on lines. */
export function text(lines: number, seed = 1): string {
  let x = seed >>> 0 || 1;
  const rnd = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const words = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "xyzzy",
    "plugh",
    "foo",
    "bar",
  ];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const n = 2 + (rnd() % 6);
    const ws: string[] = [];
    for (let k = 0; k < n; k++) ws.push(rnd() % 3 === 0 ? String(rnd() % 1000) : words[rnd() % words.length]);
    out.push(ws.join(" "));
  }
  return out.join("\n") + "\n";
}

const T1 = text(400, 7);
const CSV = Array.from({ length: 120 }, (_, i) => `${(i * 37) % 101},item${(i * 13) % 17},${((i * 7919) % 1000) / 10}`).join("\n") + "\n";
const BIN = Uint8Array.from({ length: 20000 }, (_, i) => (i * 131 + (i >> 7) * 7) & 0xff);

const BB = "/usr/bin/busybox";

/** A minimal ustar archive of regular files (mode 0644, uid/gid 0, fixed mtime). */
function ustar(files: Record<string, string | Uint8Array>): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const [name, data0] of Object.entries(files)) {
    const data = typeof data0 === "string" ? enc.encode(data0) : data0;
    const h = new Uint8Array(512);
    const put = (off: number, s: string) => h.set(enc.encode(s), off);
    const oct = (off: number, len: number, v: number) => put(off, v.toString(8).padStart(len - 1, "0"));
    put(0, name);
    oct(100, 8, 0o644);
    oct(108, 8, 0);
    oct(116, 8, 0);
    oct(124, 12, data.length);
    oct(136, 12, 1704164645);
    h.fill(32, 148, 156);
    put(156, "0");
    put(257, "ustar");
    put(263, "00");
    put(265, "root");
    put(297, "root");
    let sum = 0;
    for (const b of h) sum += b;
    put(148, sum.toString(8).padStart(6, "0") + "\0 ");
    blocks.push(h);
    const body = new Uint8Array(Math.ceil(data.length / 512) * 512);
    body.set(data);
    blocks.push(body);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

/**
 * A python3 script for the 32-bit guests (armhf, i386: the same *_time64 syscall numbers) that calls
 * the time64 syscalls through ctypes with struct __kernel_timespec values whose tv_nsec high half
 * (glibc's padding) holds garbage, which a 32-bit kernel ignores (get_timespec64), with invalid
 * tv_nsec values (EINVAL, timespec64_valid / utimensat's nsec_valid, and in which order), and with
 * times before 1970 (stat's seconds round down, tv_nsec stays in [0, 10^9)). File times are whole
 * microseconds: the host's utimes (Node) keeps no more.
 */
export const TIME64_PY = `import ctypes, os, struct
libc = ctypes.CDLL(None, use_errno=True)
def sc(*a):
    r = libc.syscall(*a)
    return r if r != -1 else -ctypes.get_errno()
def ts(sec, ns, pad): return struct.pack('<qII', sec, ns & 0xffffffff, pad)
def buf(b): return ctypes.create_string_buffer(b, len(b))
open('f', 'w').close()
st = lambda: (os.stat('f').st_atime_ns, os.stat('f').st_mtime_ns)
print('utimensat', sc(412, -100, b'f', buf(ts(1234567890, 123456000, 0xdeadbeef) + ts(2000000000, 5000, 0x12345678)), 0), st())
print('omit', sc(412, -100, b'f', buf(ts(7, (1 << 30) - 2, 0xffffffff) + ts(1500000000, 250000000, 1)), 0), st())
print('bad', sc(412, -100, b'f', buf(ts(7, 1000000000, 0) + ts(1, 0, 0)), 0), sc(412, -100, b'f', buf(ts(7, -1, 0) + ts(1, 0, 0)), 0), st())
print('missing', sc(412, -100, b'nonexistent', buf(ts(7, 1000000000, 0) + ts(1, 0, 0)), 0), sc(412, -100, b'nonexistent', buf(ts(7, (1 << 30) - 2, 0) + ts(1, (1 << 30) - 2, 0)), 0))
print('pre-1970', sc(412, -100, b'f', buf(ts(-2, 750000000, 0) + ts(-86400 * 365, 0, 0)), 0), st())
print('microseconds', sc(412, -100, b'f', buf(ts(4, 5006000, 0) + ts(1700000000, 999999000, 0)), 0), st(), sc(412, -100, b'f', buf(ts(-3, 1000, 0) + ts(-1, 999999000, 0)), 0), st())
print('clock_nanosleep', sc(407, 1, 0, buf(ts(0, 1000, 0x80000000)), None), sc(407, 1, 0, buf(ts(0, -5, 0)), None))
print('nanosleep', sc(162, buf(struct.pack('<ii', 1, -5)), None), sc(162, buf(struct.pack('<ii', 0, 1000000000)), None))
print('ppoll', sc(414, None, 0, buf(ts(0, 1000, 0xffffffff)), None, 8), sc(414, None, 0, buf(ts(-1, 0, 0)), None, 8))
print('pselect', sc(413, 0, None, None, None, buf(ts(0, 1000, 0x91111111)), None), sc(413, 0, None, None, None, buf(ts(1, -1, 0)), None))
w = buf(struct.pack('<I', 5))
print('futex', sc(422, w, 0, 5, buf(ts(0, 1000, 0x80000001)), None, 0), sc(422, w, 0, 5, buf(ts(0, 1 << 31, 0)), None, 0), sc(422, w, 0, 6, buf(ts(0, -1, 0)), None, 0))
print('timer', sc(409, 0x7fff, 0, buf(ts(0, 0, 0xaaaaaaaa) + ts(100, 5, 0x55555555)), None))
print('sigtimedwait', sc(421, buf(struct.pack('<Q', 1 << 9)), None, buf(ts(0, 1000, 0xfedcba98)), 8))
g = buf(b'\\xff' * 16); print('clock_gettime', sc(403, 1, g), g.raw[12:].hex())
`;

/**
 * A python3 script for the glibc guests with python (armhf, i386): file syscalls' errors and their
 * order (truncate's negative length before the path; pread/pwrite/preadv/pwritev: a negative
 * position, the fd, then ESPIPE on a pipe, while /dev/zero has positional reads), and the
 * /proc/self/fd/N magic links in calls that change files: followed to the open file by chmod (glibc's
 * lchmod goes through one), truncate, utime and linkat(AT_SYMLINK_FOLLOW), never the host's own
 * /proc; EXDEV, EPERM or EEXIST for the link itself. posix_fadvise's checks; F_GETLK/F_OFD_GETLK.
 */
export const FILE_ERRORS_PY = `import os, errno, stat, fcntl, struct
def tr(name, f):
    try: r = f(); print(name, 'ok', r)
    except OSError as e: print(name, errno.errorcode.get(e.errno, e.errno))
with open('a', 'w') as f: f.write('x' * 5000)
r, w = os.pipe()
tr('truncate -1', lambda: os.truncate('a', -1))
tr('truncate -1 missing', lambda: os.truncate('missing', -1))
tr('size', lambda: os.stat('a').st_size)
tr('pwrite pipe', lambda: os.pwrite(w, b'x', 0))
tr('pread pipe', lambda: os.pread(r, 1, 0))
tr('pread -1', lambda: os.pread(os.open('a', os.O_RDONLY), 1, -1))
tr('pread bad fd -1', lambda: os.pread(999, 1, -1))
tr('preadv pipe', lambda: os.preadv(r, [bytearray(4)], 0))
tr('pwritev pipe', lambda: os.pwritev(w, [b'ab'], 0))
tr('pwrite O_RDONLY', lambda: os.pwrite(os.open('a', os.O_RDONLY), b'x', 0))
tr('pread O_WRONLY', lambda: os.pread(os.open('a', os.O_WRONLY), 1, 0))
tr('pread dir', lambda: os.pread(os.open('.', os.O_RDONLY), 1, 0))
tr('pread /dev/zero', lambda: os.pread(os.open('/dev/zero', os.O_RDONLY), 3, 100))
tr('write pipe', lambda: os.write(w, b'hello'))
tr('read pipe', lambda: os.read(r, 10))
tr('lchmod', lambda: os.chmod('a', 0o604, follow_symlinks=False))
tr('mode', lambda: oct(stat.S_IMODE(os.stat('a').st_mode)))
fd = os.open('a', os.O_RDONLY)
tr('chmod via fd link', lambda: os.chmod('/proc/self/fd/%d' % fd, 0o640))
tr('mode', lambda: oct(stat.S_IMODE(os.stat('a').st_mode)))
tr('truncate via fd link', lambda: os.truncate('/proc/self/fd/%d' % fd, 10))
tr('size', lambda: os.stat('a').st_size)
tr('utime via fd link', lambda: os.utime('/proc/self/fd/%d' % fd, (1000000000, 1500000000)))
tr('mtime', lambda: os.stat('a').st_mtime)
tr('link via fd link', lambda: os.link('/proc/self/fd/%d' % fd, 'b', follow_symlinks=True))
tr('nlink', lambda: os.stat('a').st_nlink)
tr('linkat follow via fd link', lambda: os.link('/proc/self/fd/%d' % fd, 'c', src_dir_fd=os.open('.', os.O_RDONLY), follow_symlinks=True))
tr('nlink', lambda: os.stat('a').st_nlink)
tr('rename from fd link', lambda: os.rename('/proc/self/fd/%d' % fd, 'z'))
tr('rename to fd link', lambda: os.rename('c', '/proc/self/fd/%d' % fd))
tr('unlink fd link', lambda: os.unlink('/proc/self/fd/%d' % fd))
tr('mkdir fd link', lambda: os.mkdir('/proc/self/fd/%d' % fd))
tr('symlink fd link', lambda: os.symlink('a', '/proc/self/fd/%d' % fd))
tr('chmod proc status', lambda: os.chmod('/proc/self/status', 0o600))
tr('files', lambda: sorted(os.listdir('.')))
tr('rmdir nonempty', lambda: (os.mkdir('d'), open('d/x', 'w').close(), os.rmdir('d')))
tr('rename dir over file', lambda: os.rename('d', 'a'))
tr('unlink dir', lambda: os.unlink('d'))
tr('link dir', lambda: os.link('d', 'e'))
tr('mkdir exists', lambda: os.mkdir('a'))
tr('readlink nonlink', lambda: os.readlink('a'))
tr('open O_EXCL', lambda: os.open('a', os.O_CREAT | os.O_EXCL))
tr('open ENOTDIR', lambda: os.open('a/x', os.O_RDONLY))
tr('open trailing slash', lambda: os.open('a/', os.O_RDONLY))
tr('chdir file', lambda: os.chdir('a'))
tr('symlink loop', lambda: (os.symlink('l1', 'l2'), os.symlink('l2', 'l1'), os.stat('l1')))
tr('O_NOFOLLOW', lambda: os.open('l1', os.O_RDONLY | os.O_NOFOLLOW))
tr('O_DIRECTORY file', lambda: os.open('a', os.O_RDONLY | os.O_DIRECTORY))
tr('long name', lambda: os.open('x' * 300, os.O_RDONLY | os.O_CREAT))
tr('write O_RDONLY', lambda: os.write(os.open('a', os.O_RDONLY), b'x'))
tr('read dir', lambda: os.read(os.open('.', os.O_RDONLY), 10))
tr('ftruncate O_RDONLY', lambda: os.ftruncate(os.open('a', os.O_RDONLY), 5))
tr('lseek pipe', lambda: os.lseek(r, 0, 1))
tr('fstat closed', lambda: os.fstat(12345))
tr('access X', lambda: os.access('a', os.X_OK))
tr('fadvise', lambda: os.posix_fadvise(os.open('a', os.O_RDONLY), 1 << 32, 1 << 33, os.POSIX_FADV_WILLNEED))
tr('fadvise advice 99', lambda: os.posix_fadvise(os.open('a', os.O_RDONLY), 0, 10, 99))
tr('fadvise bad fd', lambda: os.posix_fadvise(999, 0, 10, 0))
tr('fadvise pipe', lambda: os.posix_fadvise(r, 0, 10, 0))
tr('fadvise len -1', lambda: os.posix_fadvise(os.open('a', os.O_RDONLY), 0, -1, 0))
tr('OFD_GETLK unlocked', lambda: struct.unpack('hhqqi', fcntl.fcntl(os.open('a', os.O_RDWR), fcntl.F_OFD_GETLK, struct.pack('hhqqi', fcntl.F_WRLCK, 0, 0, 0, 0))))
tr('GETLK unlocked', lambda: struct.unpack('hhqqi', fcntl.fcntl(os.open('a', os.O_RDWR), fcntl.F_GETLK, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 5, 7, 0))))
tr('listing', lambda: sorted(os.listdir('.')))
`;

export const CORPUS: Case[] = [
  // ---- busybox (static)
  { name: "busybox echo", argv: [BB, "echo", "hi"] },
  { name: "busybox sh arithmetic", argv: [BB, "sh", "-c", "echo $((1+2))"] },
  {
    name: "busybox sh builtins",
    argv: [
      BB,
      "sh",
      "-c",
      'f() { echo "f:$1:$#"; }; for i in 1 2 3; do f $i a b; done; x=hello; echo ${x#he} ${#x} ${x%lo}; case $x in h*) echo yes;; esac; i=0; while [ $i -lt 5 ]; do i=$((i+1)); printf "%03d " $i; done; echo; set -- a b c; shift; echo "$@"; echo $((7*6)) $((1<<10)) $((17%5)); test -n "$x" && echo nonempty; [ "$x" = hello ] || echo never; echo done',
    ],
  },
  {
    name: "busybox sh read loop",
    argv: [BB, "sh", "-c", 'n=0; while read a b rest; do n=$((n+1)); [ $n -le 3 ] && echo "[$a|$b]"; done; echo lines=$n'],
    stdin: T1,
  },
  { name: "busybox sh exit status", argv: [BB, "sh", "-c", "echo out; echo err >&2; exit 3"] },
  {
    name: "busybox sh cd pwd glob",
    argv: [BB, "sh", "-c", "cd sub && echo *.txt && cd .. && echo sub/*"],
    files: { "sub/a.txt": "a", "sub/b.txt": "b", "sub/c.dat": "c" },
  },
  {
    name: "busybox awk sum",
    argv: [BB, "awk", "-F,", '{s+=$3; c[$2]++} END {printf "%.2f %d\\n", s, NR; n=0; for (k in c) n++; print n}', "in.csv"],
    files: { "in.csv": CSV },
  },
  { name: "busybox awk fields", argv: [BB, "awk", "NR%50==1 {print NR, NF, $1, toupper($2), length($0)}"], stdin: T1 },
  { name: "busybox sed", argv: [BB, "sed", "-e", "s/a/A/g", "-e", "/beta/d", "-e", "10q", "in.txt"], files: { "in.txt": T1 } },
  { name: "busybox sed in place", argv: [BB, "sed", "-i", "s/[0-9][0-9]*/N/g", "in.txt"], files: { "in.txt": T1 }, outputs: ["in.txt"] },
  { name: "busybox sort numeric", argv: [BB, "sort", "-t,", "-k1,1n", "-k2,2", "in.csv"], files: { "in.csv": CSV } },
  { name: "busybox sort -u -r", argv: [BB, "sort", "-u", "-r"], stdin: T1 },
  {
    name: "busybox uniq -c",
    argv: [BB, "uniq", "-c", "sorted.txt"],
    files: {
      "sorted.txt":
        T1.split("\n")
          .filter(Boolean)
          .map((l) => l.split(" ")[0])
          .sort()
          .join("\n") + "\n",
    },
  },
  { name: "busybox sha256sum md5sum", argv: [BB, "sha256sum", "in.txt", "bin.dat"], files: { "in.txt": T1, "bin.dat": BIN } },
  { name: "busybox md5sum", argv: [BB, "md5sum", "in.txt", "bin.dat"], files: { "in.txt": T1, "bin.dat": BIN } },
  { name: "busybox wc", argv: [BB, "wc", "in.txt"], files: { "in.txt": T1 } },
  { name: "busybox tr cut head tail", argv: [BB, "cut", "-d", " ", "-f", "2-3", "in.txt"], files: { "in.txt": text(30, 3) } },
  { name: "busybox od", argv: [BB, "od", "-A", "x", "-t", "x1z", "-N", "96", "bin.dat"], files: { "bin.dat": BIN } },
  { name: "busybox gzip -n", argv: [BB, "gzip", "-9", "-n", "-c", "in.txt"], files: { "in.txt": T1 } },
  { name: "busybox gunzip", argv: [BB, "gunzip", "-c", "in.gz"], files: { "in.gz": gzipSync(Buffer.from(T1)) } },
  { name: "busybox gzip -k", argv: [BB, "gzip", "-k", "in.txt"], files: { "in.txt": T1 }, outputs: ["in.txt.gz", "in.txt"] },
  {
    name: "busybox tar create",
    argv: [BB, "tar", "-cvf", "a.tar", "in.txt", "bin.dat"],
    files: { "in.txt": T1, "bin.dat": BIN },
    outputs: ["a.tar"],
  },
  {
    name: "busybox tar extract",
    argv: [BB, "tar", "-xvf", "t.tar"],
    files: { "t.tar": ustar({ "x/one.txt": "first\n", "x/two.bin": BIN.subarray(0, 3000) }) },
    outputs: ["x/one.txt", "x/two.bin"],
  },
  {
    name: "busybox tar list",
    argv: [BB, "tar", "-tvf", "t.tar"],
    files: { "t.tar": ustar({ "x/one.txt": "first\n", "x/two.bin": BIN.subarray(0, 3000) }) },
  },
  // busybox sh forks (tciemu runs a forked child to completion at once) for applets that need no exec
  {
    name: "busybox sh pipeline",
    argv: [
      BB,
      "sh",
      "-c",
      "seq 100 | sort -r | head -3; x=$(seq 3 | sort -r); echo $x; (exit 3); echo st=$?; seq 5 > s.txt; sort -n -r s.txt | head -2",
    ],
  },
  {
    name: "busybox sh file ops",
    argv: [
      BB,
      "sh",
      "-c",
      "cp in.txt copy.txt && md5sum copy.txt && mkdir -p d/e && mv copy.txt d/e/ && ls d/e && rm -r d && ls; expr length hello; basename /x/y.z .z; dirname /x/y.z",
    ],
    files: { "in.txt": T1 },
  },
  { name: "busybox sh exit from child", argv: [BB, "sh", "-c", "sort nonexistent; echo status=$?; seq 3 | head -1"] },
  { name: "busybox cat missing", argv: [BB, "cat", "nonexistent"] },
  { name: "busybox seq", argv: [BB, "seq", "5", "3", "20"] },
  { name: "busybox expr", argv: [BB, "expr", "6", "*", "7"] },
  { name: "busybox ls", argv: [BB, "ls", "-a", "sub"], files: { "sub/a.txt": "a", "sub/b.txt": "b", "sub/c.dat": "c" } },
  { name: "busybox find", argv: [BB, "find", ".", "-name", "*.txt"], files: { "sub/a.txt": "a" } },
  // ---- lua 5.4 (dynamic glibc)
  { name: "lua print", argv: ["/usr/bin/lua5.4", "-e", "print(1)"] },
  {
    name: "lua script",
    argv: ["/usr/bin/lua5.4", "s.lua"],
    files: {
      "s.lua": `local t = {}
for i = 1, 200 do t[i] = (i * 7919) % 1000 end
table.sort(t)
print(t[1], t[100], t[200], #t)
local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end
print(fib(20), 7 // 2, 7 / 2, 2^10, math.pi, string.format("%.3f %5d %x %q", 1/3, 42, 255, "a\\nb"))
local s = ("hello world from lua"):gsub("o", "0")
print(s, ("abc"):rep(3, ","), ("x=1, y=2"):match("y=(%d)"))
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end)
print(co(), co(), co())
print(pcall(function() error("boom") end))
print(select("#", 1, nil, 3), math.maxinteger, math.mininteger, 1e300 * 1e10, -0.0)
local f = assert(io.open("out.txt", "w")) f:write("line1\\n", 3.5, "\\n") f:close()
for l in io.lines("out.txt") do io.write("[", l, "]") end print()
print(os.remove("out.txt"), io.open("out.txt") == nil)
print(string.pack and #string.pack("i4d", 1, 2.0), utf8.char(228, 8364), utf8.len("äö"))
`,
    },
  },
  {
    name: "lua stdin",
    argv: [
      "/usr/bin/lua5.4",
      "-e",
      "local n, w = 0, 0 for l in io.lines() do n = n + 1 for _ in l:gmatch('%S+') do w = w + 1 end end print(n, w)",
    ],
    stdin: T1,
  },
  { name: "lua error exit", argv: ["/usr/bin/lua5.4", "-e", "error('bad thing')"] },
  // ---- sqlite3
  {
    name: "sqlite3 memory",
    argv: [
      "/usr/bin/sqlite3",
      ":memory:",
      "create table t(a integer, b text); insert into t values (1,'x'),(2,'y'),(3,'z'); select a*10, upper(b) from t order by a desc; select count(*), sum(a), avg(a) from t;",
    ],
  },
  {
    name: "sqlite3 file db",
    argv: ["/usr/bin/sqlite3", "db.sqlite"],
    stdin: `create table kv(k text primary key, v integer);
with recursive c(x) as (select 1 union all select x+1 from c where x < 500) insert into kv select 'key' || x, x * x from c;
select count(*), sum(v), min(k), max(k) from kv;
create index iv on kv(v);
select k from kv where v between 1000 and 2000 order by v;
.mode csv
select k, v from kv where k like 'key4_' order by k;
`,
  },
  { name: "sqlite3 error", argv: ["/usr/bin/sqlite3", ":memory:", "select * from nosuchtable;"] },
  // ---- compressors (dynamic)
  { name: "xz compress", argv: ["/usr/bin/xz", "-3", "-c", "in.txt"], files: { "in.txt": T1 } },
  { name: "xz round trip", argv: ["/usr/bin/xz", "-k", "-6", "in.txt"], files: { "in.txt": T1 }, outputs: ["in.txt.xz"] },
  { name: "xz decompress stdin", argv: ["/usr/bin/xz", "-dc"], stdin: new Uint8Array(0) },
  // threads: xz's multi-threaded encoder with two worker threads (clone, futex, condvars)
  { name: "xz -T2 threads", argv: ["/usr/bin/xz", "-T2", "-0", "--block-size=65536", "-c", "in.txt"], files: { "in.txt": text(6000, 11) } },
  { name: "bzip2 compress", argv: ["/usr/bin/bzip2", "-c", "-9", "in.txt"], files: { "in.txt": T1 } },
  { name: "bzip2 round trip", argv: ["/usr/bin/bzip2", "-k", "bin.dat"], files: { "bin.dat": BIN }, outputs: ["bin.dat.bz2"] },
  { name: "gzip compress", argv: ["/usr/bin/gzip", "-n", "-c", "in.txt"], files: { "in.txt": T1 } },
  { name: "gzip decompress", argv: ["/usr/bin/gzip", "-d", "-c", "in.gz"], files: { "in.gz": gzipSync(Buffer.from(T1)) } },
  // ---- 7-Zip
  {
    name: "7z add test extract",
    argv: ["/usr/lib/7zip/7z", "a", "-bso0", "-bsp0", "-mmt2", "-mx3", "a.7z", "in.txt", "bin.dat"],
    files: { "in.txt": T1, "bin.dat": BIN },
    outputs: ["a.7z"],
  },
];
