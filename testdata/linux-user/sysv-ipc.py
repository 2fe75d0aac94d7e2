# System V IPC through libc (ctypes: python3.13 has no sysv module), run by
# test/linux-user/sysv-ipc.test.ts under tciemu and qemu-user: `python3 -S -c <this> [shm] [sem] [msg] [proc] [perm-only]`.
# Prints only what does not depend on the host (no keys or addresses): errno values, whether
# processes see each other's writes, stat fields (sizes, attach counts, modes, values, counts), and
# the ids and IPC_INFO/*_INFO answers of a fresh IPC namespace (the test runs qemu-user in one).
import ctypes, os, platform, sys, time, signal

libc = ctypes.CDLL(None, use_errno=True)
W = ctypes.sizeof(ctypes.c_long)
P = 48 if W == 8 else 36  # struct ipc_perm
MACHINE = platform.machine()
IPC_PRIVATE, IPC_CREAT, IPC_EXCL, IPC_NOWAIT = 0, 0o1000, 0o2000, 0o4000
IPC_RMID, IPC_SET, IPC_STAT, IPC_INFO = 0, 1, 2, 3
KEY = (int.from_bytes(os.urandom(4), "little") & 0x3FFFFFFF) | 0x40000000
pid = os.getpid()

for name, res, args in [
    ("shmget", ctypes.c_int, [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]),
    ("shmat", ctypes.c_void_p, [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]),
    ("shmdt", ctypes.c_int, [ctypes.c_void_p]),
    ("shmctl", ctypes.c_int, [ctypes.c_int, ctypes.c_int, ctypes.c_void_p]),
    ("semget", ctypes.c_int, [ctypes.c_int, ctypes.c_int, ctypes.c_int]),
    ("semop", ctypes.c_int, [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]),
    ("semtimedop", ctypes.c_int, [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]),
    ("msgget", ctypes.c_int, [ctypes.c_int, ctypes.c_int]),
    ("msgsnd", ctypes.c_int, [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]),
    ("msgrcv", ctypes.c_ssize_t, [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_long, ctypes.c_int]),
    ("msgctl", ctypes.c_int, [ctypes.c_int, ctypes.c_int, ctypes.c_void_p]),
]:
    f = getattr(libc, name)
    f.restype, f.argtypes = res, args
libc.syscall.restype = ctypes.c_long


def call(f, *a):
    """The result, or -errno."""
    ctypes.set_errno(0)
    r = f(*a)
    if r is None:
        r = 0
    if r == -1 or (f is libc.shmat and r == (1 << (8 * W)) - 1):
        return -ctypes.get_errno()
    return r


def semctl(*a):
    """semctl's fourth argument is a union passed by value: an int or a pointer."""
    ctypes.set_errno(0)
    r = libc.semctl(*[ctypes.c_int(x) if isinstance(x, int) else x for x in a])
    return -ctypes.get_errno() if r == -1 else r


def u16(b, off):
    return int.from_bytes(b[off : off + 2], "little")


def word(b, off):
    return int.from_bytes(b[off : off + W], "little")


def i32(b, off):
    return int.from_bytes(b[off : off + 4], "little", signed=True)


def fork():
    sys.stdout.flush()
    return os.fork()


def blocked(child):
    """Waits until the child sleeps (in the call it blocks in: it does nothing else that sleeps)."""
    for _ in range(2000):
        with open("/proc/%d/stat" % child) as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "S":
                return
        time.sleep(0.005)


def wait(child):
    _, st = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(st)


# ---------------------------------------------------------------- shared memory
def shm_stat(id):
    b = ctypes.create_string_buffer(256)
    r = call(libc.shmctl, id, IPC_STAT, b)
    if r < 0:
        return r
    raw = b.raw
    # shm_segsz, shm_cpid, shm_lpid, shm_nattch
    cpid_at = P + (4 * W if W == 8 else 7 * W)
    return dict(
        segsz=word(raw, P),
        mode=u16(raw, 20),
        key0=i32(raw, 0) == 0,
        cpid=i32(raw, cpid_at) == pid,
        nattch=word(raw, cpid_at + 8),
        uid=i32(raw, 4) == os.getuid(),
    )


def shm():
    id = call(libc.shmget, IPC_PRIVATE, 10000, IPC_CREAT | 0o600)
    print("shmget private", id)
    print("stat", shm_stat(id))
    a = call(libc.shmat, id, None, 0)
    print("shmat", a > 0, "stat", shm_stat(id))
    ctypes.memmove(a, b"hello", 5)
    for line in open("/proc/self/maps"):
        f = line.split()
        lo, hi = (int(x, 16) for x in f[0].split("-"))
        if lo <= a < hi:
            # the size, rw-s, offset 0, the shm device, the id as inode, "/SYSV<key> (deleted)"
            print("maps", hi - lo, f[1:4], f[4] == str(id), f[5:])
    ctypes.memmove(a + 9995, b"end!!", 5)
    child = fork()
    if child == 0:
        print("child sees", ctypes.string_at(a, 5), ctypes.string_at(a + 9995, 5), "nattch", shm_stat(id)["nattch"], flush=True)
        ctypes.memmove(a + 100, b"from the child", 14)
        b2 = call(libc.shmat, id, None, 0)
        print("child second attach nattch", shm_stat(id)["nattch"], ctypes.string_at(b2 + 100, 14), flush=True)
        os._exit(0)  # exit detaches both
    print("child status", wait(child))
    print("parent sees", ctypes.string_at(a + 100, 14), "nattch", shm_stat(id)["nattch"])
    # execve detaches too: the count drops while the exec'd program still runs
    child = fork()
    if child == 0:
        call(libc.shmat, id, None, 0)
        os.execv("/bin/sleep", ["sleep", "1"])
    while shm_stat(id)["nattch"] > 1 and os.waitpid(child, os.WNOHANG) == (0, 0):
        time.sleep(0.01)
    print("detached at exec", shm_stat(id)["nattch"], os.waitpid(child, os.WNOHANG) == (0, 0))
    wait(child)
    ro = call(libc.shmat, id, None, 0o10000)  # SHM_RDONLY
    print("read-only attach", ctypes.string_at(ro, 5), shm_stat(id)["nattch"])
    print("shmdt ro", call(libc.shmdt, ro), shm_stat(id)["nattch"])
    print("shmdt again", call(libc.shmdt, ro))
    print("shmdt inside", call(libc.shmdt, a + 4096))
    # attaching at an address: the one just freed, with SHM_RND rounding, and over a mapping
    print("at freed address", call(libc.shmat, id, ro, 0) == ro, call(libc.shmdt, ro))
    print("SHM_RND", call(libc.shmat, id, ro + 1, 0o20000) == ro, call(libc.shmdt, ro))
    print("unaligned", call(libc.shmat, id, ro + 1, 0))
    print("over a mapping", call(libc.shmat, id, a, 0))
    print("over a mapping, SHM_REMAP", call(libc.shmat, id, a, 0o40000) == a, shm_stat(id)["nattch"])
    print("stale data", ctypes.string_at(a, 5))
    call(libc.shmdt, a)
    print("after shmdt", shm_stat(id)["nattch"])
    # keys
    k = call(libc.shmget, KEY, 4096, IPC_CREAT | 0o644)
    print("shmget key", k, call(libc.shmget, KEY, 4096, 0) == k, call(libc.shmget, KEY, 100, 0o600) == k)
    print("IPC_EXCL", call(libc.shmget, KEY, 4096, IPC_CREAT | IPC_EXCL | 0o600))
    print("too large", call(libc.shmget, KEY, 8192, 0))
    print("missing", call(libc.shmget, KEY ^ 0x5A5A5A5, 4096, 0))
    print("size 0", call(libc.shmget, IPC_PRIVATE, 0, IPC_CREAT | 0o600))
    print("bad id", call(libc.shmat, -1, None, 0), call(libc.shmctl, -1, IPC_STAT, ctypes.create_string_buffer(256)))
    print("bad cmd", call(libc.shmctl, k, 99, None))
    ka = call(libc.shmat, k, None, 0)
    for line in open("/proc/self/maps"):
        f = line.split()
        if int(f[0].split("-")[0], 16) == ka:
            print("maps of a keyed segment", f[5] == "/SYSV%08x" % KEY, f[6:])
    ctypes.memmove(ka, b"keyed", 5)
    child = fork()
    if child == 0:
        k2 = call(libc.shmget, KEY, 0, 0)
        print("child finds the key", k2 == k, ctypes.string_at(call(libc.shmat, k2, None, 0), 5), flush=True)
        os._exit(0)
    wait(child)
    # IPC_SET and stat fields
    b = ctypes.create_string_buffer(256)
    call(libc.shmctl, k, IPC_STAT, b)
    b[20] = 0o640 & 0xFF
    b[21] = 0o640 >> 8
    print("IPC_SET", call(libc.shmctl, k, IPC_SET, b), oct(shm_stat(k)["mode"]))
    print("SHM_STAT", call(libc.shmctl, k % 32768, 13, b) == k)
    info = ctypes.create_string_buffer(256)
    print("IPC_INFO", call(libc.shmctl, 0, IPC_INFO, info), [word(info.raw, i * W) for i in range(5)])
    # the highest index, used_ids, shm_tot (pages)
    print("SHM_INFO", call(libc.shmctl, 0, 14, info), i32(info.raw, 0), word(info.raw, W))
    # IPC_RMID while attached: SHM_DEST and the private key, still attachable; gone at the last detach
    print("IPC_RMID", call(libc.shmctl, k, IPC_RMID, None), shm_stat(k))
    print("key gone", call(libc.shmget, KEY, 4096, 0))
    again = call(libc.shmat, k, None, 0)
    print("attach removed", again > 0, ctypes.string_at(again, 5), shm_stat(k)["nattch"])
    print("shmdt", call(libc.shmdt, ka), shm_stat(k)["nattch"])
    # replacing the last attach of a removed segment by a new one keeps it
    print("SHM_REMAP over the only attach", call(libc.shmat, k, again, 0o40000) == again, ctypes.string_at(again, 5), shm_stat(k)["nattch"])
    print("last detach", call(libc.shmdt, again), shm_stat(k))
    print("rmid", call(libc.shmctl, id, IPC_RMID, None), shm_stat(id))
    # the ipc(2) multiplexer (i386's glibc path; qemu-arm serves it too) and i386's direct calls
    if MACHINE in ("i686", "armv7l"):
        raddr = ctypes.c_ulong(0)
        mid = libc.syscall(117, 23, IPC_PRIVATE, 4096, IPC_CREAT | 0o600, None, 0)
        r = libc.syscall(117, 21, mid, 0, ctypes.byref(raddr), None, 0)
        ctypes.memmove(raddr.value, b"ipc", 3)
        print("ipc shmat", r, raddr.value > 0, shm_stat(mid)["nattch"], ctypes.string_at(raddr.value, 3))
        print("ipc shmdt", libc.syscall(117, 22, 0, 0, 0, ctypes.c_void_p(raddr.value), 0), shm_stat(mid)["nattch"])
        print("ipc shmctl", libc.syscall(117, 24, mid, IPC_RMID, 0, None, 0), shm_stat(mid))
        print("ipc unknown", libc.syscall(117, 99, 0, 0, 0, None, 0), ctypes.get_errno())
    if MACHINE == "i686":
        did = libc.syscall(395, IPC_PRIVATE, 8192, IPC_CREAT | 0o600)
        da = libc.syscall(397, did, None, 0) & 0xFFFFFFFF
        ctypes.memmove(da, b"direct", 6)
        print("direct", did >= 0, ctypes.string_at(da, 6), shm_stat(did)["segsz"], shm_stat(did)["nattch"])
        print("direct shmdt", libc.syscall(398, ctypes.c_void_p(da)), libc.syscall(396, did, IPC_RMID, None))


# ---------------------------------------------------------------- semaphores
class Sembuf(ctypes.Structure):
    _fields_ = [("num", ctypes.c_ushort), ("op", ctypes.c_short), ("flg", ctypes.c_short)]


def ops(*t):
    return (Sembuf * len(t))(*[Sembuf(*x) for x in t]), len(t)


def semop(id, *t, timeout=None):
    arr, n = ops(*t)
    if timeout is None:
        return call(libc.semop, id, arr, n)
    ts = (ctypes.c_long * 2)(int(timeout), int((timeout % 1) * 1e9))
    return call(libc.semtimedop, id, arr, n, ts)


GETPID, GETVAL, GETALL, GETNCNT, GETZCNT, SETVAL, SETALL = 11, 12, 13, 14, 15, 16, 17
SEM_UNDO = 0x1000


def sem_stat(id):
    b = ctypes.create_string_buffer(256)
    r = semctl(id, 0, IPC_STAT, b)
    if r < 0:
        return r
    return dict(nsems=word(b.raw, P + (2 * W if W == 8 else 4 * W)), mode=oct(u16(b.raw, 20)), otime=word(b.raw, P) != 0)


def getall(id, n):
    arr = (ctypes.c_ushort * n)()
    r = semctl(id, 0, GETALL, arr)
    return list(arr) if r == 0 else r


def sem():
    id = call(libc.semget, IPC_PRIVATE, 3, IPC_CREAT | 0o600)
    print("semget", id, sem_stat(id), getall(id, 3))
    print("SETVAL", semctl(id, 1, SETVAL, 5), semctl(id, 1, GETVAL), semctl(id, 1, GETPID) == pid)
    print("SETALL", semctl(id, 0, SETALL, (ctypes.c_ushort * 3)(1, 2, 3)), getall(id, 3))
    print("semop", semop(id, (0, -1, 0), (2, 4, 0)), getall(id, 3), sem_stat(id))
    print("same sem twice", semop(id, (1, -2, 0), (1, 1, 0)), getall(id, 3))
    print("would block", semop(id, (0, -1, IPC_NOWAIT)), semop(id, (1, 0, IPC_NOWAIT)), getall(id, 3))
    print("all or nothing", semop(id, (2, -1, 0), (0, -5, IPC_NOWAIT)), getall(id, 3))
    print("timeout", semop(id, (0, -1, 0), timeout=0.05))
    print("range", semctl(id, 0, SETVAL, 32768), semctl(id, 0, SETVAL, -1), semop(id, (2, 32767, 0)))
    print("bad num", semop(id, (3, 1, 0)), semctl(id, 3, GETVAL), semctl(id, -1, GETVAL))
    print("nsops", call(libc.semop, id, ops((0, 0, 0))[0], 0), semop(id, *[(0, 0, IPC_NOWAIT)] * 501))
    print("bad id", semop(-1, (0, 1, 0)), semctl(-1, 0, GETVAL), semctl(id, 0, 99))
    print("semget", call(libc.semget, IPC_PRIVATE, 0, IPC_CREAT), call(libc.semget, IPC_PRIVATE, 32001, IPC_CREAT))
    k = call(libc.semget, KEY, 2, IPC_CREAT | 0o666)
    print("key", k, call(libc.semget, KEY, 1, 0) == k, call(libc.semget, KEY, 3, 0), call(libc.semget, KEY, 2, IPC_CREAT | IPC_EXCL))
    info = ctypes.create_string_buffer(256)
    print("IPC_INFO", semctl(0, 0, IPC_INFO, info), [i32(info.raw, 4 * i) for i in range(10)])
    # semusz: sets, semaem: semaphores
    print("SEM_INFO", semctl(0, 0, 19, info), i32(info.raw, 28), i32(info.raw, 36))
    print("SEM_STAT", semctl(k % 32768, 0, 18, info) == k)
    # blocking across processes: the child waits for a value, the parent counts the waiter and posts
    semctl(id, 0, SETVAL, 0)
    r, w = os.pipe()
    child = fork()
    if child == 0:
        os.close(r)
        os.write(w, b"x")
        t = semop(id, (0, -2, 0))
        print("child woken", t, semctl(id, 0, GETVAL), flush=True)
        os._exit(0)
    os.close(w)
    os.read(r, 1)
    while semctl(id, 0, GETNCNT) == 0:
        time.sleep(0.01)
    print("ncnt", semctl(id, 0, GETNCNT), "zcnt", semctl(id, 0, GETZCNT))
    semop(id, (0, 1, 0))
    time.sleep(0.05)
    print("one is not enough", semctl(id, 0, GETVAL), semctl(id, 0, GETNCNT))
    semop(id, (0, 3, 0))
    # the waiter's operation is done within the post (Linux's update_queue), before it runs again
    print("posted", semctl(id, 0, GETVAL), semctl(id, 0, GETNCNT))
    print("child status", wait(child), semctl(id, 0, GETVAL), semctl(id, 0, GETNCNT))
    # waiting for zero
    child = fork()
    if child == 0:
        print("zero", semop(id, (0, 0, 0)), flush=True)
        os._exit(0)
    while semctl(id, 0, GETZCNT) == 0:
        time.sleep(0.01)
    print("zcnt", semctl(id, 0, GETZCNT))
    semop(id, (0, -2, 0))
    print("zero reached", semctl(id, 0, GETZCNT))
    print("child status", wait(child))
    # SEM_UNDO: the child's adjustments are undone when it exits
    child = fork()
    if child == 0:
        print("undo", semop(id, (1, 3, SEM_UNDO), (2, -1, SEM_UNDO)), getall(id, 3), flush=True)
        os._exit(0)
    wait(child)
    print("after exit", getall(id, 3), semctl(id, 1, GETPID) == child)
    semop(id, (1, 2, SEM_UNDO))
    semctl(id, 1, SETVAL, 7)  # clears the adjustment
    # a signal handler interrupts a blocked semop: EINTR
    signal.signal(signal.SIGALRM, lambda *a: None)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    print("EINTR", semop(id, (0, -1, 0)))
    # IPC_RMID wakes waiters with EIDRM
    child = fork()
    if child == 0:
        print("removed while waiting", semop(id, (0, -1, 0)), flush=True)
        os._exit(0)
    while semctl(id, 0, GETNCNT) == 0:
        time.sleep(0.01)
    print("IPC_RMID", semctl(id, 0, IPC_RMID), wait(child), sem_stat(id), semop(id, (0, 1, 0)))
    print("rmid key", semctl(k, 0, IPC_RMID), call(libc.semget, KEY, 0, 0))
    if MACHINE in ("i686", "armv7l"):
        sid = libc.syscall(117, 2, IPC_PRIVATE, 1, IPC_CREAT | 0o600, None, 0)
        arr, n = ops((0, 2, 0))
        print("ipc semop", libc.syscall(117, 1, sid, n, 0, arr, 0), semctl(sid, 0, GETVAL))
        # SEMTIMEDOP with a 32-bit timespec (the fifth argument): EAGAIN at the timeout
        arr, n = ops((0, -3, 0))
        ts32 = (ctypes.c_int32 * 2)(0, 20000000)
        print("ipc semtimedop", libc.syscall(117, 4, sid, n, 0, arr, ts32), ctypes.get_errno())
        arg = ctypes.c_ulong(0)
        print("ipc semctl", libc.syscall(117, 3, sid, 0, GETVAL, ctypes.byref(arg), 0), libc.syscall(117, 3, sid, 0, IPC_RMID, ctypes.byref(arg), 0))
    if MACHINE == "armv7l":
        # ARM's semtimedop (312) takes a 32-bit timespec, semtimedop_time64 (420) a 64-bit one
        sid = call(libc.semget, IPC_PRIVATE, 1, IPC_CREAT | 0o600)
        arr, n = ops((0, -1, 0))
        r32 = libc.syscall(312, sid, arr, n, (ctypes.c_int32 * 2)(0, 20000000))
        e32 = ctypes.get_errno()
        r64 = libc.syscall(420, sid, arr, n, (ctypes.c_int64 * 2)(0, 20000000))
        print("semtimedop", r32, e32, r64, ctypes.get_errno(), semctl(sid, 0, IPC_RMID))
    if MACHINE == "i686":
        sid = libc.syscall(393, IPC_PRIVATE, 1, IPC_CREAT | 0o600)
        arr, n = ops((0, 0, IPC_NOWAIT))
        ts = (ctypes.c_longlong * 2)(0, 1000000)
        print("direct", libc.syscall(394, sid, 0, SETVAL, 1), libc.syscall(420, sid, arr, n, ts), ctypes.get_errno(), libc.syscall(394, sid, 0, IPC_RMID, 0))


# ---------------------------------------------------------------- message queues
MSG_NOERROR, MSG_EXCEPT = 0o10000, 0o20000


def send(q, mtype, text, flg=0):
    b = ctypes.create_string_buffer(W + len(text))
    b[:W] = mtype.to_bytes(W, "little", signed=True)
    b[W : W + len(text)] = text
    return call(libc.msgsnd, q, b, len(text), flg)


def recv(q, size, mtype, flg=0):
    b = ctypes.create_string_buffer(W + size + 16)
    r = call(libc.msgrcv, q, b, size, mtype, flg)
    if r < 0:
        return r
    return (int.from_bytes(b.raw[:W], "little", signed=True), b.raw[W : W + r])


# qemu-arm lays out msqid64_ds with its 64-bit times 8-aligned (4 bytes off Linux's layout from
# msg_stime on): under it, print only the ipc_perm part (the test compares the rest with i386's).
PERM_ONLY = "perm-only" in sys.argv


def msg_stat(q):
    b = ctypes.create_string_buffer(256)
    r = call(libc.msgctl, q, IPC_STAT, b)
    if r < 0:
        return r
    if PERM_ONLY:
        return dict(mode=oct(u16(b.raw, 20)))
    at = P + (3 * W if W == 8 else 6 * W)
    raw = b.raw
    return dict(
        cbytes=word(raw, at),
        qnum=word(raw, at + W),
        qbytes=word(raw, at + 2 * W),
        lspid=i32(raw, at + 3 * W) == pid,
        mode=oct(u16(raw, 20)),
    )


def msg_lrpid(q):
    b = ctypes.create_string_buffer(256)
    call(libc.msgctl, q, IPC_STAT, b)
    return i32(b.raw, P + (3 * W if W == 8 else 6 * W) + 3 * W + 4)


def msg():
    q = call(libc.msgget, IPC_PRIVATE, IPC_CREAT | 0o600)
    print("msgget", q, msg_stat(q))
    for t, text in [(5, b"five"), (1, b"one"), (3, b"three"), (1, b"one again"), (7, b"seven")]:
        send(q, t, text)
    print("stat", msg_stat(q))
    print("type 0", recv(q, 100, 0))
    print("type 1", recv(q, 100, 1))
    print("type <= 4", recv(q, 100, -4))
    print("except 1", recv(q, 100, 1, MSG_EXCEPT))
    print("E2BIG", recv(q, 3, 0), msg_stat(q).get("qnum"))
    print("MSG_NOERROR", recv(q, 3, 0, MSG_NOERROR), msg_stat(q))
    print("ENOMSG", recv(q, 100, 0, IPC_NOWAIT), recv(q, 100, 9, IPC_NOWAIT))
    print("bad type", send(q, 0, b"x"), send(q, -1, b"x"))
    print("too long", send(q, 1, b"x" * 8193))
    print("empty", send(q, 2, b""), recv(q, 10, 2))
    # a full queue: EAGAIN with IPC_NOWAIT
    n = 0
    while send(q, 1, b"x" * 4096, IPC_NOWAIT) == 0:
        n += 1
    print("full after", n, send(q, 1, b"y", IPC_NOWAIT), msg_stat(q))
    # a blocked sender completes when a receiver makes room
    child = fork()
    if child == 0:
        print("blocked send", send(q, 9, b"late"), flush=True)
        os._exit(0)
    time.sleep(0.05)
    print("received", recv(q, 4096, 1)[1][:4])
    print("child status", wait(child))
    while recv(q, 4096, 1, IPC_NOWAIT) != -42:
        pass
    print("late one", recv(q, 100, 0, IPC_NOWAIT), msg_stat(q))
    # a blocked receiver wakes up for its type only
    child = fork()
    if child == 0:
        print("child got", recv(q, 100, 4), flush=True)
        os._exit(0)
    blocked(child)
    send(q, 3, b"not for the child")
    send(q, 4, b"for the child")
    # handed over to the waiting receiver at once (pipelined_send): never on the queue
    st = msg_stat(q)
    print("handed over", st.get("qnum"), st.get("cbytes"), PERM_ONLY or msg_lrpid(q) == child)
    print("child status", wait(child), recv(q, 100, 0, IPC_NOWAIT))
    # a waiting receiver whose buffer is too small gets E2BIG, and the message stays
    child = fork()
    if child == 0:
        print("child too small", recv(q, 2, 0), flush=True)
        os._exit(0)
    blocked(child)
    send(q, 5, b"long message")
    print("stays", msg_stat(q).get("qnum"), wait(child), recv(q, 100, 0, IPC_NOWAIT))
    signal.signal(signal.SIGALRM, lambda *a: None)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    print("EINTR", recv(q, 100, 0))
    # keys, IPC_SET, removal while a receiver waits
    k = call(libc.msgget, KEY, IPC_CREAT | 0o644)
    print("key", k, call(libc.msgget, KEY, 0) == k, call(libc.msgget, KEY, IPC_CREAT | IPC_EXCL), call(libc.msgget, KEY ^ 0x5A5A5A5, 0))
    b = ctypes.create_string_buffer(256)
    call(libc.msgctl, k, IPC_STAT, b)
    at = P + (3 * W if W == 8 else 6 * W) + 2 * W
    if not PERM_ONLY:
        b[at : at + W] = (1000).to_bytes(W, "little")
    b[20] = 0o600 & 0xFF
    b[21] = 0o600 >> 8
    print("IPC_SET", call(libc.msgctl, k, IPC_SET, b), msg_stat(k))
    if not PERM_ONLY:
        print("small queue", send(k, 1, b"x" * 1001, IPC_NOWAIT), send(k, 1, b"x" * 1000, IPC_NOWAIT), send(k, 1, b"", IPC_NOWAIT))
    info = ctypes.create_string_buffer(256)
    print("IPC_INFO", call(libc.msgctl, 0, IPC_INFO, info), [i32(info.raw, 4 * i) for i in range(7)], u16(info.raw, 28))
    send(q, 5, b"12345")
    # msgpool: queues, msgmap: messages, msgtql: bytes
    print("MSG_INFO", call(libc.msgctl, 0, 12, info), [i32(info.raw, 4 * i) for i in (0, 1, 6)])
    recv(q, 10, 5)
    print("MSG_STAT", call(libc.msgctl, k % 32768, 11, info) == k)
    child = fork()
    if child == 0:
        print("removed while waiting", recv(q, 100, 0), flush=True)
        os._exit(0)
    blocked(child)
    print("IPC_RMID", call(libc.msgctl, q, IPC_RMID, None), wait(child), msg_stat(q), send(q, 1, b"x"))
    print("rmid key", call(libc.msgctl, k, IPC_RMID, None), call(libc.msgget, KEY, 0))
    if MACHINE in ("i686", "armv7l"):
        mq = libc.syscall(117, 13, IPC_PRIVATE, IPC_CREAT | 0o600, 0, None, 0)
        m = ctypes.create_string_buffer(W + 8)
        m[:W] = (6).to_bytes(W, "little")
        m[W : W + 3] = b"abc"
        print("ipc msgsnd", libc.syscall(117, 11, mq, 3, 0, m, 0))
        out = ctypes.create_string_buffer(W + 8)
        kludge = (ctypes.c_void_p * 2)(ctypes.cast(out, ctypes.c_void_p).value, 6)
        print("ipc msgrcv", libc.syscall(117, 12, mq, 8, 0, kludge, 0), out.raw[W : W + 3])
        print("ipc msgctl", libc.syscall(117, 14, mq, IPC_RMID, 0, None, 0))
    if MACHINE == "i686":
        mq = libc.syscall(399, IPC_PRIVATE, IPC_CREAT | 0o600)
        m = ctypes.create_string_buffer(W + 8)
        m[:W] = (2).to_bytes(W, "little")
        m[W : W + 6] = b"direct"
        out = ctypes.create_string_buffer(W + 8)
        print("direct", libc.syscall(400, mq, m, 6, 0), libc.syscall(401, mq, out, 8, 0, 0), out.raw[W : W + 6], libc.syscall(402, mq, IPC_RMID, None))


# ---------------------------------------------------------------- /proc/sysvipc
def proc():
    a = call(libc.shmget, KEY, 6000, IPC_CREAT | 0o640)
    b = call(libc.shmget, IPC_PRIVATE, 100, IPC_CREAT | 0o600)
    p = call(libc.shmat, a, None, 0)
    ctypes.memmove(p, b"x", 1)
    ctypes.memmove(p + 4096, b"y", 1)
    s = call(libc.semget, IPC_PRIVATE, 4, IPC_CREAT | 0o660)
    semop(s, (1, 1, 0))
    q = call(libc.msgget, KEY, IPC_CREAT | 0o604)
    send(q, 1, b"abc")
    send(q, 2, b"defgh")
    for name in ("shm", "sem", "msg"):
        lines = open("/proc/sysvipc/" + name).read().split("\n")
        print(name, repr(lines[0]))
        for line in lines[1:-1]:
            f = [int(x, 8) if i == 2 else int(x) for i, x in enumerate(line.split())]
            f[0] = "KEY" if f[0] == KEY else f[0]
            # the line's length as if the pids (%5u) had at most 5 digits
            pids = f[4:6] if name == "shm" else f[5:7] if name == "msg" else []
            width = len(line) - sum(max(0, len(str(x)) - 5) for x in pids)
            if name == "shm":  # cpid, lpid, times
                f[4:6] = [x == pid for x in f[4:6]]
                f[11:14] = [x > 0 for x in f[11:14]]
            elif name == "sem":
                f[8:10] = [x > 0 for x in f[8:10]]
            else:
                f[5:7] = [x == pid for x in f[5:7]]
                f[11:14] = [x > 0 for x in f[11:14]]
            print(" ", f, width)
    call(libc.shmdt, p)
    for id in a, b:
        call(libc.shmctl, id, IPC_RMID, None)
    semctl(s, 0, IPC_RMID)
    call(libc.msgctl, q, IPC_RMID, None)
    print("empty", [len(open("/proc/sysvipc/" + n).read().split("\n")) for n in ("shm", "sem", "msg")])


for part in sys.argv[1:]:
    if part != "perm-only":
        print("----", part)
        {"shm": shm, "sem": sem, "msg": msg, "proc": proc}[part]()
