// splice, tee and vmsplice (Linux's fs/splice.c, src/linux-user/syscalls/io.ts) and
// sync_file_range on every guest, against Debian's qemu-user (which hands them to the host kernel),
// through Python's os.splice and glibc's splice/tee/vmsplice/sync_file_range called with ctypes:
//   - file to pipe and pipe to file at the file position (which advances) and at a loff_t offset
//     (written back, the position left alone), up to the end of the file; pipe to pipe; tee
//     leaving the source pipe's bytes in place; vmsplice into a pipe and out of one;
//   - the errors in Linux's order: len 0 before anything, unknown flags, EBADF (no fd, the wrong
//     end), ESPIPE (an offset for a pipe), EINVAL (no pipe, the same pipe, a negative offset,
//     O_APPEND, tee to a file), EAGAIN (SPLICE_F_NONBLOCK, a pipe's O_NONBLOCK, a full pipe),
//     EPIPE without readers, 0 without writers;
//   - MAP_SHARED coherence: splice reads what a mapping wrote, and a mapping sees what it wrote;
//   - waiting: for a child that writes later (splice, tee, vmsplice out of a pipe, whose
//     O_NONBLOCK Linux ignores) or reads a full pipe (splice and vmsplice into it);
//   - large counts (at most what the pipe holds or has room for, a 1 MiB pipe); a signal while
//     waiting (EINTR, or the call restarts under SA_RESTART);
//   - AF_UNIX stream, seqpacket and datagram sockets as either end (a stream takes
//     SPLICE_F_NONBLOCK, the others wait for data all the same);
//   - sync_file_range's checks (ARM's arm_sync_file_range has its own argument order).
// Before, splice, tee and vmsplice were ENOSYS on every guest, and ARM's sync_file_range did nothing.
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, errno, ctypes, time, mmap, fcntl, socket, signal
libc = ctypes.CDLL(None, use_errno=True)
c_loff = ctypes.c_int64
class iovec(ctypes.Structure): _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]
libc.splice.argtypes = [ctypes.c_int, ctypes.POINTER(c_loff), ctypes.c_int, ctypes.POINTER(c_loff), ctypes.c_size_t, ctypes.c_uint]
libc.splice.restype = ctypes.c_ssize_t
libc.tee.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_size_t, ctypes.c_uint]
libc.tee.restype = ctypes.c_ssize_t
libc.vmsplice.argtypes = [ctypes.c_int, ctypes.POINTER(iovec), ctypes.c_size_t, ctypes.c_uint]
libc.vmsplice.restype = ctypes.c_ssize_t
libc.sync_file_range.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
libc.sync_file_range.restype = ctypes.c_int
MOVE, NB, MORE, GIFT = os.SPLICE_F_MOVE, os.SPLICE_F_NONBLOCK, os.SPLICE_F_MORE, 8
def r(v):
    return v if v >= 0 else errno.errorcode[ctypes.get_errno()]
def sp(fi, fo, n, flags=0, oi=None, oo=None):
    pi = ctypes.byref(oi) if oi is not None else None
    po = ctypes.byref(oo) if oo is not None else None
    return r(libc.splice(fi, pi, fo, po, n, flags))
def tee(fi, fo, n, flags=0): return r(libc.tee(fi, fo, n, flags))
def iov(*bufs):
    a = (iovec * len(bufs))()
    for i, b in enumerate(bufs): a[i].base = ctypes.addressof(b); a[i].len = len(b)
    return a
def vms(fd, a, flags=0): return r(libc.vmsplice(fd, a, len(a), flags))
def sfr(fd, off, n, flags=0): return r(libc.sync_file_range(fd, off, n, flags))
def drain(fd):
    fl = fcntl.fcntl(fd, fcntl.F_GETFL); fcntl.fcntl(fd, fcntl.F_SETFL, fl | os.O_NONBLOCK)
    out = b''
    try:
        while True:
            d = os.read(fd, 65536)
            if not d: break
            out += d
    except BlockingIOError: pass
    fcntl.fcntl(fd, fcntl.F_SETFL, fl)
    return out
f = os.open('data.bin', os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(f, bytes(range(48, 48 + 64)) * 100)
os.lseek(f, 0, 0)
pr, pw = os.pipe()
# file -> pipe, at the file position (which advances) and at an offset (which does not move it)
print('f->p', sp(f, pw, 10, MOVE | MORE), os.lseek(f, 0, 1), drain(pr))
o = c_loff(100); print('f->p off', sp(f, pw, 7, 0, o, None), o.value, os.lseek(f, 0, 1), drain(pr))
o = c_loff(6398); print('f->p eof', sp(f, pw, 50, 0, o, None), o.value, drain(pr))
o = c_loff(6400); print('f->p past', sp(f, pw, 50, 0, o, None), o.value)
print('os.splice', os.splice(f, pw, 5), os.splice(f, pw, 3, offset_src=1000), drain(pr))
# pipe -> file, at the position and at an offset
os.write(pw, b'HELLO-SPLICE')
print('p->f', sp(pr, f, 5), os.lseek(f, 0, 1), os.pread(f, 8, 15))
o = c_loff(2); print('p->f off', sp(pr, f, 100, 0, None, o), o.value, os.lseek(f, 0, 1), os.pread(f, 10, 0))
# pipe -> pipe, partial, and the same pipe
qr, qw = os.pipe()
os.write(pw, b'abcdefghij')
print('p->p', sp(pr, qw, 4), drain(qr), sp(pr, qw, 100), drain(qr))
print('same pipe', sp(pr, pw, 1))
# tee: a copy that leaves the source as it was
os.write(pw, b'teedata!')
print('tee', tee(pr, qw, 3), drain(qr), tee(pr, qw, 100), drain(qr), drain(pr))
print('tee empty nb', tee(pr, qw, 10, NB), 'tee file', tee(pr, f, 10), 'tee same', tee(pr, pw, 1))
# vmsplice into a pipe, and out of one into buffers
a, b = ctypes.create_string_buffer(b'vm-one', 6), ctypes.create_string_buffer(b'|two', 4)
print('vmsplice in', vms(pw, iov(a, b), GIFT), drain(pr))
os.write(pw, b'0123456789')
x, y = ctypes.create_string_buffer(3), ctypes.create_string_buffer(4)
print('vmsplice out', vms(pr, iov(x, y)), x.raw, y.raw, drain(pr))
print('vmsplice empty nb', vms(pr, iov(x), NB), 'on file', vms(f, iov(x)), 'none', r(libc.vmsplice(pw, None, 0, 0)))
print('vmsplice flags', vms(pw, iov(a), 0x10), 'bad fd', vms(99, iov(a)), 'count', r(libc.vmsplice(pw, iov(a), 1025, 0)))
# the errors
print('len 0', sp(99, 98, 0), 'flags', sp(pr, f, 1, 0x10), 'tee len 0', tee(99, 98, 0), 'tee flags', tee(99, 98, 0, 0x10))
print('ebadf', sp(99, f, 1), sp(pr, 98, 1), tee(99, qw, 1), tee(pr, 98, 1))
print('espipe', sp(pr, f, 1, 0, c_loff(0), None), sp(f, pw, 1, 0, None, c_loff(0)))
print('no pipe', sp(f, f, 1), 'wrong ends', sp(pw, f, 1), sp(f, pr, 1), sp(pr, qr, 1), sp(pw, qw, 1))
print('neg offset', sp(f, pw, 1, 0, c_loff(-1), None), 'tee wrong', tee(pw, qw, 1), tee(pr, qr, 1))
print('empty nb', sp(pr, f, 10, NB), sp(pr, qw, 10, NB))
ap = os.open('app.bin', os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644); os.write(pw, b'zz')
print('append', sp(pr, ap, 2), 'ro', sp(pr, os.open('data.bin', os.O_RDONLY), 2), drain(pr))
fl = fcntl.fcntl(pr, fcntl.F_GETFL); fcntl.fcntl(pr, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print('O_NONBLOCK in', sp(pr, f, 10), sp(pr, qw, 10), tee(pr, qw, 10))
fcntl.fcntl(pr, fcntl.F_SETFL, fl)
# a full pipe: EAGAIN without blocking
fcntl.fcntl(qw, fcntl.F_SETPIPE_SZ, 4096)
os.write(qw, b'x' * 4096)
o = c_loff(0); print('full', sp(f, qw, 10, NB, o, None), vms(qw, iov(a), NB), os.write(pw, b'q'), sp(pr, qw, 1, NB), tee(pr, qw, 1, NB))
drain(qr); drain(pr)
# no readers: EPIPE (Python ignores SIGPIPE)
os.close(qr); os.write(pw, b'e')
print('epipe', sp(f, qw, 1, 0, c_loff(0), None), sp(pr, qw, 1), tee(pr, qw, 1), vms(qw, iov(a)), drain(pr))
# no writers: end of file
sr, sw = os.pipe(); os.write(sw, b'last'); os.close(sw)
print('eof', sp(sr, f, 100, 0, None, c_loff(0)), sp(sr, f, 100), sp(sr, pw, 100), tee(sr, pw, 10), vms(sr, iov(x)))
# MAP_SHARED: splice reads what the mapping wrote and the mapping sees what splice wrote
m = mmap.mmap(f, 4096)
m[0:4] = b'MMAP'; print('mmap->p', sp(f, pw, 4, 0, c_loff(0), None), drain(pr))
os.write(pw, b'PIPE'); print('p->mmap', sp(pr, f, 4, 0, None, c_loff(8)), m[0:12]); m.close()
# blocking: the reader waits for a child that writes later
def later(fd, data):
    if os.fork() == 0:
        time.sleep(0.1); os.write(fd, data); os._exit(0)
later(pw, b'late!'); print('blocked p->f', sp(pr, f, 100, 0, None, c_loff(200)), os.pread(f, 5, 200)); os.wait()
tr, tw = os.pipe()
later(pw, b'tee-late'); print('blocked tee', tee(pr, tw, 100), drain(tr), drain(pr)); os.wait()
later(pw, b'p-late'); print('blocked p->p', sp(pr, tw, 100), drain(tr)); os.wait()
fcntl.fcntl(pr, fcntl.F_SETFL, fl | os.O_NONBLOCK)
later(pw, b'vm-late'); print('blocked vmsplice out, O_NONBLOCK ignored', vms(pr, iov(y)), y.raw, drain(pr)); os.wait()
fcntl.fcntl(pr, fcntl.F_SETFL, fl)
# blocking on a full pipe until a child reads
fr, fw = os.pipe(); fcntl.fcntl(fw, fcntl.F_SETPIPE_SZ, 4096); os.write(fw, b'y' * 4096)
def reader():
    if os.fork() == 0:
        time.sleep(0.1); os.read(fr, 4096); os._exit(0)
reader(); print('blocked f->p', sp(f, fw, 10, 0, c_loff(0), None), drain(fr)); os.wait()
os.write(fw, b'y' * 4096); reader(); print('blocked vmsplice in', vms(fw, iov(a)), drain(fr)); os.wait()
# AF_UNIX sockets as splice ends: stream (which takes SPLICE_F_NONBLOCK), seqpacket, datagram
for kind in (socket.SOCK_STREAM, socket.SOCK_SEQPACKET, socket.SOCK_DGRAM):
    s1, s2 = socket.socketpair(socket.AF_UNIX, kind)
    s1.send(b'sock-data')
    print(kind, 's->p', sp(s2.fileno(), pw, 100, MOVE), drain(pr))
    os.write(pw, b'pipe-to-sock')
    print(kind, 'p->s', sp(pr, s1.fileno(), 100), s2.recv(100))
    print(kind, 'offsets', sp(s2.fileno(), pw, 1, 0, c_loff(0), None), sp(pr, s1.fileno(), 1, 0, None, c_loff(0)))
    later(s1.fileno(), b'late'); n = sp(s2.fileno(), pw, 100, NB); print(kind, 'NONBLOCK', n)
    if n == 'EAGAIN': print(kind, 'blocked s->p', sp(s2.fileno(), pw, 100))
    print(drain(pr)); os.wait()
# large counts: at most what the pipe holds or has room for
bf = os.open('big.bin', os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644); os.write(bf, b'B' * 300000)
bo = os.open('out.bin', os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
br, bw = os.pipe()
print('big f->p', sp(bf, bw, 1 << 20, 0, c_loff(0), None), sp(bf, bw, 1 << 20, NB, c_loff(0), None))
print('big p->f', sp(br, bo, 1 << 30), os.fstat(bo).st_size)
fcntl.fcntl(bw, fcntl.F_SETPIPE_SZ, 1 << 20)
print('1M pipe', sp(bf, bw, 1 << 20, 0, c_loff(0), None), sp(br, bo, 1 << 30, 0, None, c_loff(0)))
# a signal while waiting: EINTR, or the call restarts under SA_RESTART
got = []
signal.signal(signal.SIGUSR1, lambda *a: got.append(1))
if os.fork() == 0:
    time.sleep(0.1); os.kill(os.getppid(), signal.SIGUSR1); time.sleep(0.2); os.write(bw, b'!'); os._exit(0)
print('eintr', sp(br, bo, 10), got); os.wait(); print(drain(br))
signal.siginterrupt(signal.SIGUSR1, False)
if os.fork() == 0:
    time.sleep(0.1); os.kill(os.getppid(), signal.SIGUSR1); time.sleep(0.1); os.write(bw, b'after'); os._exit(0)
print('restart', sp(br, bo, 10), got); os.wait()
# sync_file_range (ARM's arm_sync_file_range takes the flags second)
print('sfr', sfr(f, 0, 0), sfr(f, 10, 100, 7), sfr(f, 0, 0, 8), sfr(f, -1, 0), sfr(f, 0, -1), sfr(99, 0, 0, 8), sfr(pr, 0, 0), sfr(os.open('/dev/null', os.O_RDONLY), 0, 0), sfr(f, 1 << 62, 1 << 62))
`;
const CASE = pythonCase("python splice, tee, vmsplice and sync_file_range", SCRIPT);

describe("splice", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
