// pidfds on every guest (pidfd_open 434, pidfd_send_signal 424, waitid P_PIDFD), against Debian's
// qemu-user (which passes them to the host's kernel): pidfd_open's errors (a bad pid or flag, no
// such process, a thread that leads no group), the description (close-on-exec, pidfs' mode 0700
// without a file type, its /proc/self/fd link, read and write EINVAL), its readiness through poll,
// select and epoll (none while the process lives, POLLIN once it is a zombie, POLLIN | POLLHUP once
// reaped), waitid(P_PIDFD) and its errors, pidfd_send_signal to oneself through a pidfd and a
// /proc/<pid> directory, to a zombie, a reaped process and a child, and its errors. Before, both
// calls were ENOSYS (CPython's test_posix test_pidfd_open and test_signal test_pidfd_send_signal
// were skipped: 'system does not support pidfd_open', 'kernel does not support pidfds').
import { describe, test } from "vitest";
import { expectSameAsQemu, PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import errno, os, select, signal, stat, threading, time
def err(f, *a):
    try: return f(*a)
    except OSError as e: return errno.errorcode[e.errno]
print('open', err(os.pidfd_open, -1), err(os.pidfd_open, 0), err(os.pidfd_open, 0x3ffffff0), err(os.pidfd_open, os.getpid(), 1))
me = os.pidfd_open(os.getpid())
st = os.fstat(me)
print('self', os.get_inheritable(me), stat.S_IFMT(st.st_mode) == 0, oct(st.st_mode & 0o7777), os.readlink('/proc/self/fd/%d' % me), err(os.read, me, 8), err(os.write, me, b'x'))
p = select.poll(); p.register(me, select.POLLIN); print('poll self', p.poll(0))
# a thread's tid: not a thread-group leader
ready, done = threading.Event(), threading.Event(); tids = []
def run(): tids.append(threading.get_native_id()); ready.set(); done.wait()
th = threading.Thread(target=run); th.start(); ready.wait()
print('thread tid', err(os.pidfd_open, tids[0]))
done.set(); th.join()
# a child: readable once it has exited (zombie), waitid(P_PIDFD)
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.read(r, 1); os._exit(7)
fd = os.pidfd_open(pid, os.PIDFD_NONBLOCK if hasattr(os, 'PIDFD_NONBLOCK') else 0)
p = select.poll(); p.register(fd, select.POLLIN)
print('live child', p.poll(0), select.select([fd], [], [], 0)[0] == [])
os.write(w, b'x')
print('exited child', p.poll(5000), select.select([fd], [], [], 5)[0] == [fd])
ep = select.epoll(); ep.register(fd, select.EPOLLIN); print('epoll', ep.poll(1))
print('signal zombie', err(signal.pidfd_send_signal, fd, 0))
res = os.waitid(os.P_PIDFD, fd, os.WEXITED)
print('waitid', res.si_pid == pid, res.si_status, res.si_code == os.CLD_EXITED)
print('reaped', p.poll(0), err(signal.pidfd_send_signal, fd, 0), err(os.waitid, os.P_PIDFD, fd, os.WEXITED))
print('waitid badfd', err(os.waitid, os.P_PIDFD, 999, os.WEXITED), err(os.waitid, os.P_PIDFD, r, os.WEXITED))
# signals through a pidfd and through a /proc/<pid> directory
got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
print('send', signal.pidfd_send_signal(me, signal.SIGUSR1), got)
d = os.open('/proc/%d' % os.getpid(), os.O_DIRECTORY)
print('send procdir', signal.pidfd_send_signal(d, signal.SIGUSR1), got)
print('send errors', err(signal.pidfd_send_signal, 0, signal.SIGINT), err(signal.pidfd_send_signal, r, 0), err(signal.pidfd_send_signal, me, 0, None, 8),
      err(signal.pidfd_send_signal, me, 0, None, 3), err(signal.pidfd_send_signal, me, 1000), err(signal.pidfd_send_signal, 999, 0))
child = os.fork()
if child == 0:
    time.sleep(30); os._exit(0)
cfd = os.pidfd_open(child)
print('kill child', signal.pidfd_send_signal(cfd, signal.SIGTERM), os.waitpid(child, 0)[1])
`;
const CASE = pythonCase("python pidfd_open, pidfd_send_signal, waitid(P_PIDFD)", SCRIPT);

describe("pidfds", () => {
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${CASE.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, CASE));
});
