# inotify from a guest's point of view (test/linux-user/inotify.test.ts): the calls through ctypes,
# the events read with os.read and printed, wds as numbers, cookies as c1, c2... in order of
# appearance. Run in an empty working directory.
import ctypes, errno, fcntl, os, select, socket, struct, sys, termios

libc = ctypes.CDLL(None, use_errno=True)
libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
NAMES = ["ACCESS", "MODIFY", "ATTRIB", "CLOSE_WRITE", "CLOSE_NOWRITE", "OPEN", "MOVED_FROM", "MOVED_TO",
         "CREATE", "DELETE", "DELETE_SELF", "MOVE_SELF", "", "UNMOUNT", "Q_OVERFLOW", "IGNORED"]
IN = {n: 1 << i for i, n in enumerate(NAMES) if n}
IN["ISDIR"] = 0x40000000
IN["ONESHOT"] = 0x80000000
IN["ONLYDIR"] = 0x01000000
IN["DONT_FOLLOW"] = 0x02000000
IN["EXCL_UNLINK"] = 0x04000000
IN["MASK_CREATE"] = 0x10000000
IN["MASK_ADD"] = 0x20000000
ALL = 0xfff
NONBLOCK, CLOEXEC = os.O_NONBLOCK, os.O_CLOEXEC
cookies = {}


def call(r):
    if r < 0:
        e = ctypes.get_errno()
        return "-" + errno.errorcode[e]
    return r


def init1(flags=NONBLOCK):
    return call(libc.inotify_init1(flags))


def add(fd, path, mask):
    return call(libc.inotify_add_watch(fd, path.encode(), mask))


def rm(fd, wd):
    return call(libc.inotify_rm_watch(fd, wd))


def names(mask):
    out = [n for n, b in IN.items() if mask & b and n not in ("ONESHOT", "ONLYDIR", "DONT_FOLLOW", "EXCL_UNLINK", "MASK_CREATE", "MASK_ADD")]
    rest = mask & ~sum(IN[n] for n in out)
    return "|".join(out) + (f"|{rest:#x}" if rest else "")


def parse(buf):
    out, i = [], 0
    while i < len(buf):
        wd, mask, cookie, n = struct.unpack_from("iIII", buf, i)
        raw = buf[i + 16 : i + 16 + n]
        name = raw.rstrip(b"\0").decode()
        assert raw == name.encode() + b"\0" * (n - len(name)), raw
        if name.startswith("#"):
            name = "#INO"  # an O_TMPFILE file's name: its inode number
        if cookie:
            cookie = cookies.setdefault(cookie, f"c{len(cookies) + 1}")
        out.append(f"  wd={wd} {names(mask)} cookie={cookie} len={n} name={name!r}")
        i += 16 + n
    return out


def drain(fd, label):
    """Everything queued now, read with a large buffer (the fd must be non-blocking)."""
    print(label)
    while True:
        try:
            buf = os.read(fd, 65536)
        except BlockingIOError:
            break
        for line in parse(buf):
            print(line)


def scenario(title):
    print("==", title)


# ---- a directory's children: create, write (coalesced), read, attributes, rename, links, remove
scenario("children of a watched directory")
fd = init1()
os.mkdir("d")
wd = add(fd, "d", ALL)
print("wd", wd, "again", add(fd, "d/", ALL), add(fd, "./d", ALL))
f = os.open("d/a", os.O_CREAT | os.O_WRONLY, 0o644)
os.write(f, b"x")
os.write(f, b"y")
os.close(f)
f = os.open("d/a", os.O_RDONLY)
os.read(f, 10)
os.read(f, 10)
os.close(f)
os.chmod("d/a", 0o600)
os.utime("d/a", (1, 2))
os.truncate("d/a", 0)
f = os.open("d/a", os.O_WRONLY | os.O_TRUNC)
os.close(f)
f = os.open("d/a", os.O_RDWR | os.O_APPEND)
os.write(f, b"z")
os.pwrite(f, b"w", 0)
os.pread(f, 1, 0)
os.ftruncate(f, 1)
os.fchmod(f, 0o644)
os.close(f)
os.rename("d/a", "d/b")
os.link("d/b", "d/c")
os.symlink("b", "d/s")
os.unlink("d/c")
os.mkdir("d/sub")
os.rename("d/sub", "d/sub2")
os.rmdir("d/sub2")
sorted(os.listdir("d"))
drain(fd, "events")
f = os.open("d/fifo-not", os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o644)
os.close(f)
os.unlink("d/fifo-not")
os.unlink("d/b")
os.unlink("d/s")
drain(fd, "removed")
os.close(fd)

# ---- the watched inode itself, beside its directory, and moves between directories
scenario("a file watched beside its directory")
fd = init1()
os.mkdir("e")
os.mkdir("e2")
with open("e/f", "w") as fh:
    fh.write("1")
wd_dir = add(fd, "e", ALL)
wd_dir2 = add(fd, "e2", ALL)
wd_f = add(fd, "e/f", ALL)
print("wds", wd_dir, wd_dir2, wd_f)
with open("e/f", "a") as fh:
    fh.write("2")
os.chmod("e/f", 0o640)
os.rename("e/f", "e2/g")
os.chmod("e2/g", 0o644)
with open("e2/h", "w") as fh:
    fh.write("3")
os.rename("e2/h", "e2/g")
os.unlink("e2/g")
drain(fd, "events")
os.rmdir("e2")
drain(fd, "rmdir of a watched directory")
os.close(fd)

# ---- a file unlinked while it is open: deleted when the last descriptor goes
scenario("unlinked while open")
fd = init1()
with open("e/o", "w") as fh:
    fh.write("1")
wds = add(fd, "e", ALL), add(fd, "e/o", ALL)
print("wds", *wds)
f = os.open("e/o", os.O_RDWR)
f2 = os.dup(f)
os.unlink("e/o")
os.write(f, b"x")
os.close(f)
drain(fd, "before the last close")
os.close(f2)
drain(fd, "after it")
os.close(fd)

# ---- IN_EXCL_UNLINK: no events for a child once it is unlinked
scenario("IN_EXCL_UNLINK")
a, b = init1(), init1()
print(add(a, "e", ALL | IN["EXCL_UNLINK"]), add(b, "e", ALL))
f = os.open("e/x", os.O_CREAT | os.O_RDWR, 0o600)
os.unlink("e/x")
os.write(f, b"x")
os.close(f)
drain(a, "excluded")
drain(b, "not excluded")
os.close(a)
os.close(b)

# ---- the flags of inotify_add_watch and the errors
scenario("flags and errors")
fd = init1(CLOEXEC | NONBLOCK)
# without O_LARGEFILE (0o100000 on i386, 0o400000 on ARM), which qemu-user adds to every F_GETFL of a
# 32-bit guest (the x86-64 host's O_LARGEFILE is 0); Linux gives an inotify instance O_RDONLY | O_NONBLOCK
print("init1 bad flags", init1(1), "fcntl", fcntl.fcntl(fd, fcntl.F_GETFD), fcntl.fcntl(fd, fcntl.F_GETFL) & ~0o500000)
os.mkdir("g")
with open("g/f", "w") as fh:
    fh.write("1")
os.symlink("f", "g/l")
os.link("g/f", "g/hard")
print("empty mask", add(fd, "g", 0), "only flags", add(fd, "g", IN["ONLYDIR"]))
print("unknown bits", add(fd, "g", IN["MODIFY"] | 0x1000))
print("missing", add(fd, "g/none", ALL), "onlydir on a file", add(fd, "g/f", ALL | IN["ONLYDIR"]))
print("not inotify", call(libc.inotify_add_watch(0, b"g", ALL)), call(libc.inotify_rm_watch(0, 1)))
print("bad fd", call(libc.inotify_add_watch(999, b"g", ALL)), call(libc.inotify_rm_watch(999, 1)))
print("add and create", add(fd, "g/f", ALL | IN["MASK_ADD"] | IN["MASK_CREATE"]))
wf = add(fd, "g/f", IN["MODIFY"])
print("file", wf, "hard link", add(fd, "g/hard", IN["MODIFY"]), "link followed", add(fd, "g/l", IN["MODIFY"]))
print("create again", add(fd, "g/f", IN["ATTRIB"] | IN["MASK_CREATE"]))
wl = add(fd, "g/l", IN["ATTRIB"] | IN["DONT_FOLLOW"] | IN["ONLYDIR"])
wl = add(fd, "g/l", IN["ATTRIB"] | IN["DONT_FOLLOW"])
print("link itself", wl)
os.chmod("g/f", 0o600)
with open("g/f", "a") as fh:
    fh.write("2")
drain(fd, "replaced mask: MODIFY only")
print("mask add", add(fd, "g/f", IN["ATTRIB"] | IN["MASK_ADD"]))
os.chmod("g/f", 0o644)
with open("g/f", "a") as fh:
    fh.write("3")
os.utime("g/l", (5, 6), follow_symlinks=False)
drain(fd, "MODIFY and ATTRIB")
print("rm", rm(fd, wf), "again", rm(fd, wf), "unknown", rm(fd, 12345), rm(fd, -1))
drain(fd, "ignored")
print("next wd", add(fd, "g/f", IN["MODIFY"]), "after", add(fd, "g", IN["CREATE"]))
os.close(fd)

# ---- IN_ONESHOT
scenario("IN_ONESHOT")
fd = init1()
w = add(fd, "g", IN["OPEN"] | IN["ONESHOT"])
for _ in range(2):
    os.close(os.open("g/f", os.O_RDONLY))
drain(fd, "one event, then ignored")
print("gone", rm(fd, w))
os.close(fd)

# ---- read(): buffers too small, names padded to 16, FIONREAD, readiness
scenario("reading")
fd = init1()
os.mkdir("r")
w = add(fd, "r", IN["CREATE"])
for n in ("a", "b" * 15, "c" * 16, "d" * 17):
    os.close(os.open("r/" + n, os.O_CREAT | os.O_WRONLY, 0o600))
buf = bytearray(4)
fcntl.ioctl(fd, termios.FIONREAD, buf)
print("FIONREAD", struct.unpack("i", buf)[0])
p = select.poll()
p.register(fd, select.POLLIN | select.POLLOUT)
print("poll", p.poll(0), "select", [len(x) for x in select.select([fd], [fd], [fd], 0)])
ep = select.epoll()
ep.register(fd, select.EPOLLIN | select.EPOLLOUT | select.EPOLLET)
print("epoll", ep.poll(0), ep.poll(0))
for size in (0, 15, 16, 31, 32, 33):
    try:
        r = os.read(fd, size)
        print("read", size, "->", len(r), parse(r))
    except OSError as e:
        print("read", size, "->", errno.errorcode[e.errno])
r = os.read(fd, 4096)
print("rest", len(r), parse(r))
print("empty", p.poll(0), select.select([fd], [], [], 0)[0], ep.poll(0))
try:
    os.read(fd, 4096)
except BlockingIOError as e:
    print("EAGAIN", e.errno)
os.close(os.open("r/z", os.O_CREAT | os.O_WRONLY, 0o600))
print("again", p.poll(0), ep.poll(0), ep.poll(0))
print("write", end=" ")
try:
    os.write(fd, b"x" * 16)
except OSError as e:
    print(errno.errorcode[e.errno])
print("link", os.readlink(f"/proc/self/fd/{fd}"))
drain(fd, "drained")
os.close(fd)

# ---- a blocking read woken by another process
scenario("blocking read, events from a child process")
fd = init1(0)
w = add(fd, "r", ALL)
pid = os.fork()
if pid == 0:
    with open("r/child", "w") as fh:
        fh.write("from the child")
    os.rename("r/child", "r/child2")
    os._exit(0)
first = os.read(fd, 4096)
os.waitpid(pid, 0)
lines = parse(first)
fcntl.fcntl(fd, fcntl.F_SETFL, os.O_NONBLOCK)
while True:
    try:
        lines += parse(os.read(fd, 4096))
    except BlockingIOError:
        break
print("\n".join(lines))
ep = select.epoll()
ep.register(fd, select.EPOLLIN)
pid = os.fork()
if pid == 0:
    os.close(os.open("r/child3", os.O_CREAT | os.O_WRONLY, 0o600))
    os._exit(0)
print("epoll woken", ep.poll(30))
os.waitpid(pid, 0)
drain(fd, "after epoll")
os.close(fd)

# ---- links, renames of open files, FIFOs, one time of two, a directory removed under a watched one
scenario("links, open files renamed, FIFOs, utimensat, rmdir")
fd = init1()
os.mkdir("m")
os.mkdir("m/sub")
with open("m/f", "w") as fh:
    fh.write("1")
os.symlink("f", "m/l")
wds = add(fd, ".", ALL), add(fd, "m", ALL), add(fd, "m/f", ALL), add(fd, "m/sub", ALL)
print("wds", *wds)
os.link("m/f", "m/f2")
os.unlink("m/f2")
f = os.open("m/l", os.O_RDONLY)
os.close(f)
os.chmod("m/l", 0o600)
f = os.open("m/f", os.O_WRONLY)
os.rename("m/f", "m/g")
os.write(f, b"x")
os.close(f)
os.mkfifo("m/p")
f = os.open("m/p", os.O_RDWR)
os.write(f, b"abc")
os.read(f, 3)
os.close(f)
os.unlink("m/p")
f = os.open("m", os.O_TMPFILE | os.O_RDWR, 0o600)
os.write(f, b"x")
os.pread(f, 1, 0)
os.close(f)
sk = socket.socket(socket.AF_UNIX)
sk.bind("m/sock")
sk.close()
os.unlink("m/sock")


class timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


OMIT = (1 << 30) - 2
for times in ((5, OMIT), (OMIT, 6), (7, 8)):
    ts = (timespec * 2)(timespec(times[0] if times[0] != OMIT else 0, 0 if times[0] != OMIT else OMIT), timespec(times[1] if times[1] != OMIT else 0, 0 if times[1] != OMIT else OMIT))
    print("utimensat", call(libc.utimensat(-100, b"m/g", ts, 0)))
os.listdir("m/sub")
f = os.open("m/sub/x", os.O_CREAT | os.O_WRONLY, 0o600)
os.rename("m/sub", "m/sub2")
os.write(f, b"x")
os.close(f)
os.unlink("m/sub2/x")
os.rename("m/sub2", "m/sub")
os.rmdir("m/sub")
os.chown("m/g", os.getuid(), -1)
os.chown("m/g", -1, -1)
f = os.open("m/g", os.O_RDONLY)
os.fchown(f, -1, os.getgid())
os.close(f)
drain(fd, "events")
os.close(fd)

# ---- the queue's limit: IN_Q_OVERFLOW in the last place, the events after it dropped
scenario("overflow")
with open("/proc/sys/fs/inotify/max_queued_events") as fh:
    limit = int(fh.read())
fd = init1()
os.mkdir("q")
with open("q/f", "w") as fh:
    pass
a = add(fd, "q", IN["MODIFY"])
b = add(fd, "q/f", IN["MODIFY"])
f = os.open("q/f", os.O_WRONLY)
for _ in range(limit // 2 + 3):
    os.write(f, b"x")
buf = bytearray(4)
fcntl.ioctl(fd, termios.FIONREAD, buf)
print("limit", limit, "FIONREAD", struct.unpack("i", buf)[0], "=", (limit + 1) * 16 + (limit // 2) * 16)
data = b""
while True:
    try:
        data += os.read(fd, 65536)
    except BlockingIOError:
        break
# pairs of a named event (32 bytes) and the file's own (16), then the overflow event
print(len(data), parse(data[:96]), parse(data[-64:]))
os.write(f, b"x")
drain(fd, "after the overflow was read")
os.close(f)
os.close(fd)
print("done")
