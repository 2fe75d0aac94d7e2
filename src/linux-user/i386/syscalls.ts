// i386's syscall table (Linux's arch/x86/entry/syscalls/syscall_32.tbl): its numbers mapped to the
// generic handlers, built per layout (the legacy calls on 32-bit time_t and struct stat, the *64 and
// *_time64 calls on their 64-bit structs), 64-bit arguments from register pairs (low word first),
// and the i386-only calls: set_thread_area, get_thread_area, time, the old sigaction/sigprocmask
// family, socketcall (the generic socket handlers of syscalls/net.ts) and ipc (which qemu-i386 also serves).
import * as E from "../errno.ts";
import { SyscallTable, type SyscallHandler } from "../syscall-table.ts";
import { PipeEnd } from "../files.ts";
import { Socket } from "../sockets/socket.ts";
import { AT_FDCWD_ARG, SyscallArgs } from "../syscall-args.ts";
import { enosys, getU32, nop, putU32 } from "../syscalls/common.ts";
import { fsSyscalls } from "../syscalls/fs.ts";
import { identitySyscalls, oldIdCall } from "../syscalls/identity.ts";
import { ipcSyscalls } from "../syscalls/ipc.ts";
import { inotifySyscalls } from "../syscalls/inotify.ts";
import { ioSyscalls } from "../syscalls/io.ts";
import { lifecycleSyscalls } from "../syscalls/lifecycle.ts";
import { memorySyscalls } from "../syscalls/memory.ts";
import { netSyscalls } from "../syscalls/net.ts";
import { privilegedSyscalls as priv } from "../syscalls/privileged.ts";
import { pollSyscalls } from "../syscalls/poll.ts";
import { pidfdSyscalls } from "../syscalls/pidfd.ts";
import { signalSyscalls } from "../syscalls/signals.ts";
import { statfsSyscalls } from "../syscalls/statfs.ts";
import { threadSyscalls } from "../syscalls/threads.ts";
import { setRealtime, timeSyscalls } from "../syscalls/time.ts";
import { CAP_SYS_TIME, hasCap } from "../capabilities.ts";
import { xattrEntries } from "../syscalls/xattr.ts";
import { NSIG, SIGKILL, SIGSTOP, UNBLOCKABLE } from "../signals.ts";
import type { I386UserCpu } from "./cpu.ts";
import { RLIMIT64 } from "../layouts.ts";
import { I386_LAYOUTS as L, STAT64, STATFS64, TIMESPEC64 } from "./structs.ts";
import { getThreadArea, setThreadArea } from "./thread-area.ts";

const io = ioSyscalls(L);
const io64 = ioSyscalls({ ...L, timespec: TIMESPEC64 });
// i386's struct epoll_event is packed (12 bytes, the data at 4), as on x86-64.
const poll = pollSyscalls(L, { epollEventSize: 12 });
const ino = inotifySyscalls(L);
const poll64 = pollSyscalls({ ...L, timespec: TIMESPEC64 }, { epollEventSize: 12 });
const fs = fsSyscalls(L);
const fs64 = fsSyscalls({ ...L, stat: STAT64 });
const fsTime64 = fsSyscalls({ ...L, timespec: TIMESPEC64 });
const mem = memorySyscalls(L);
const sig = signalSyscalls(L);
const sfs = statfsSyscalls(L);
const sfs64 = statfsSyscalls({ ...L, statfs: STATFS64 });
const sig64 = signalSyscalls({ ...L, timespec: TIMESPEC64 });
const thr = threadSyscalls(L);
const thr64 = threadSyscalls({ ...L, timespec: TIMESPEC64 });
const time = timeSyscalls(L);
const time64 = timeSyscalls({ ...L, timespec: TIMESPEC64 });
const id = identitySyscalls(L);
const pidfd = pidfdSyscalls(L);
/** prlimit64's struct rlimit64 (two u64) where getrlimit and ugetrlimit have two u32. */
const id64 = identitySyscalls({ ...L, rlimit: RLIMIT64 });
const life = lifecycleSyscalls(L);
const ipc = ipcSyscalls(L);
const ipc64 = ipcSyscalls({ ...L, timespec: TIMESPEC64 });

/** The old select(struct sel_arg_struct *): n, the three sets and the timeval pointer as longs. */
const oldSelect: SyscallHandler = (t, a) => {
  const b = t.as.read(a.ptr(0), 20);
  if (!b) return -E.EFAULT;
  const dv = new DataView(b.buffer, b.byteOffset);
  const sa = new SyscallArgs(32);
  for (let i = 0; i < 5; i++) sa.rawLo[i] = dv.getUint32(4 * i, true) | 0;
  sa.load(null);
  return poll.select(t, sa);
};

/** The i386 adapter of the calling task (the i386-only calls need the CPU). */
const cpuOf = (t: { cpu: unknown }) => t.cpu as I386UserCpu;

/** The 16-bit uid/gid calls (QEMU's high2lowuid: ids above 65535 read as 65534). */
const low16 = oldIdCall;

/**
 * stime(tptr), i386's 25: the guest's CLOCK_REALTIME set to a 32-bit time_t's seconds, EFAULT
 * first, then EPERM without CAP_SYS_TIME (security_settime64) before the time's validity.
 */
const stimeCall: SyscallHandler = (t, a) => {
  const b = t.as.read(a.ptr(0), 4);
  if (!b) return -E.EFAULT;
  if (!hasCap(t.caps, CAP_SYS_TIME)) return -E.EPERM;
  return setRealtime(t, BigInt(new DataView(b.buffer, b.byteOffset).getInt32(0, true)), 0n);
};

/** time(tloc): seconds of the real-time clock, also stored at tloc when given. */
const timeCall: SyscallHandler = (t, a) => {
  const s = Number(t.realtimeNs() / 1_000_000_000n) | 0;
  if (a.ptr(0) && !putU32(t, a.ptr(0), s)) return -E.EFAULT;
  return s;
};

/** The old sigaction(sig, act, oact) with struct old_sigaction { handler; mask (32 bits); flags; restorer }. */
const oldSigaction: SyscallHandler = (t, a) => {
  const s = a.int(0),
    act = a.ptr(1),
    oact = a.ptr(2);
  if (s < 1 || s > NSIG) return -E.EINVAL;
  if (act && (s === SIGKILL || s === SIGSTOP)) return -E.EINVAL;
  const cur = t.sigactions[s];
  let nb: Uint8Array | null = null;
  if (act) {
    nb = t.as.read(act, 16);
    if (!nb) return -E.EFAULT;
  }
  if (oact) {
    const b = new Uint8Array(16);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, cur.handler >>> 0, true);
    dv.setUint32(4, Number(cur.mask & 0xffffffffn), true);
    dv.setUint32(8, cur.flags >>> 0, true);
    dv.setUint32(12, cur.restorer >>> 0, true);
    if (!t.as.write(oact, b)) return -E.EFAULT;
  }
  if (nb) {
    const dv = new DataView(nb.buffer);
    cur.handler = dv.getUint32(0, true);
    cur.mask = BigInt(dv.getUint32(4, true)) & ~UNBLOCKABLE;
    cur.flags = dv.getUint32(8, true) | 0;
    cur.restorer = dv.getUint32(12, true);
    t.hostSignalsChanged();
  }
  return 0;
};

/** sigprocmask(how, set, oset) on a 32-bit old_sigset_t. */
const oldSigprocmask: SyscallHandler = (t, a) => {
  const how = a.int(0),
    set = a.ptr(1),
    oset = a.ptr(2);
  const th = t.thread;
  let nv: bigint | null = null;
  if (set) {
    const v = getU32(t, set);
    if (v === null) return -E.EFAULT;
    nv = BigInt(v);
    if (how < 0 || how > 2) return -E.EINVAL;
  }
  if (oset && !putU32(t, oset, Number(th.sigmask & 0xffffffffn))) return -E.EFAULT;
  if (nv !== null) {
    if (how === 0) th.sigmask |= nv;
    else if (how === 1) th.sigmask &= ~nv;
    else th.sigmask = (th.sigmask & ~0xffffffffn) | nv;
    th.sigmask &= ~UNBLOCKABLE;
  }
  return 0;
};

/** The value of an i386 register pair (low word first) as a signed 64-bit number. */
const pair = (a: { uint(i: number): number; int(i: number): number }, lo: number) => a.int(lo + 1) * 4294967296 + a.uint(lo);

/** fadvise64 (fd, off pair, u32 len, advice) and fadvise64_64 (fd, off pair, len pair, advice): advice only, checked as Linux. */
const fadvise =
  (lenPair: boolean): SyscallHandler =>
  (t, a) => {
    const d = t.fds.get(a.int(0));
    if (!d) return -E.EBADF;
    if (d instanceof PipeEnd || d instanceof Socket) return -E.ESPIPE;
    const len = lenPair ? pair(a, 3) : a.uint(3);
    const advice = a.int(lenPair ? 5 : 4);
    return advice < 0 || advice > 5 || len < 0 ? -E.EINVAL : 0;
  };

/** sgetmask(): the first 32 blocked signals. ssetmask(mask): replaces them, returns the old ones. */
const sgetmask: SyscallHandler = (t) => Number(t.thread.sigmask & 0xffffffffn) | 0;
const ssetmask: SyscallHandler = (t, a) => {
  const th = t.thread;
  const old = Number(th.sigmask & 0xffffffffn) | 0;
  th.sigmask = ((th.sigmask & ~0xffffffffn) | BigInt(a.int(0) >>> 0)) & ~UNBLOCKABLE;
  return old;
};

/** The generic socket handlers on i386's layouts; socketcall (#102) multiplexes them as Linux does. */
const net = netSyscalls(L);

export const I386_SYSCALLS = new SyscallTable({
  // the privileged calls: EPERM without their capability, ENOSYS with it (syscalls/privileged.ts)
  21: ["mount", priv.mount],
  22: ["umount", priv.umount],
  51: ["acct", priv.acct],
  52: ["umount2", priv.umount2],
  87: ["swapon", priv.swapon],
  88: ["reboot", priv.reboot],
  111: ["vhangup", priv.vhangup],
  115: ["swapoff", priv.swapoff],
  217: ["pivot_root", priv.pivot_root],
  1: ["exit", life.exit],
  2: ["fork", thr.fork],
  3: ["read", io.read],
  4: ["write", io.write],
  5: ["open", io.openat, [AT_FDCWD_ARG, 0, 1, 2]],
  6: ["close", io.close],
  7: ["waitpid", life.wait4, [0, 1, 2, { value: 0 }]],
  8: ["creat", io.openat, [AT_FDCWD_ARG, 0, { value: 0x241 }, 1]],
  9: ["link", fs.linkat, [AT_FDCWD_ARG, 0, AT_FDCWD_ARG, 1, { value: 0 }]],
  10: ["unlink", fs.unlinkat, [AT_FDCWD_ARG, 0, { value: 0 }]],
  11: ["execve", life.execve],
  12: ["chdir", fs.chdir],
  13: ["time", timeCall],
  14: ["mknod", fs.mknodat, [AT_FDCWD_ARG, 0, 1, 2]],
  15: ["chmod", fs.fchmodat, [AT_FDCWD_ARG, 0, 1]],
  16: ["lchown", fs.fchownat16, [AT_FDCWD_ARG, 0, 1, 2, { value: 0x100 }]], // old_uid_t ids (AT_SYMLINK_NOFOLLOW)
  19: ["lseek", io.lseek],
  20: ["getpid", id.getpid],
  23: ["setuid", id.setuid16],
  24: ["getuid", low16(id.getuid)],
  25: ["stime", stimeCall],
  27: ["alarm", time.alarm],
  30: ["utime", fs.utime],
  29: ["pause", sig.pause],
  33: ["access", fs.faccessat, [AT_FDCWD_ARG, 0, 1]],
  34: ["nice", id.nice],
  36: ["sync", nop],
  37: ["kill", sig.kill],
  38: ["rename", fs.renameat, [AT_FDCWD_ARG, 0, AT_FDCWD_ARG, 1]],
  39: ["mkdir", fs.mkdirat, [AT_FDCWD_ARG, 0, 1]],
  40: ["rmdir", fs.unlinkat, [AT_FDCWD_ARG, 0, { value: 0x200 }]],
  41: ["dup", io.dup],
  42: ["pipe", io.pipe2, [0, { value: 0 }]],
  43: ["times", time.times],
  45: ["brk", mem.brk],
  46: ["setgid", id.setgid16],
  47: ["getgid", low16(id.getgid)],
  49: ["geteuid", low16(id.geteuid)],
  50: ["getegid", low16(id.getegid)],
  54: ["ioctl", io.ioctl],
  55: ["fcntl", io.fcntl],
  57: ["setpgid", id.setpgid],
  60: ["umask", id.umask],
  61: ["chroot", fs.chroot],
  63: ["dup2", io.dup2],
  64: ["getppid", id.getppid],
  65: ["getpgrp", id.getpgid, [{ value: 0 }]],
  66: ["setsid", id.setsid],
  67: ["sigaction", oldSigaction],
  68: ["sgetmask", sgetmask],
  69: ["ssetmask", ssetmask],
  70: ["setreuid", id.setreuid16],
  71: ["setregid", id.setregid16],
  73: ["sigpending", sig.sigpending],
  75: ["setrlimit", id.setrlimit],
  76: ["getrlimit", id.getrlimit],
  77: ["getrusage", time.getrusage],
  78: ["gettimeofday", time.gettimeofday],
  79: ["settimeofday", time.settimeofday],
  80: ["getgroups", id.getgroups16],
  81: ["setgroups", id.setgroups16],
  83: ["symlink", fs.symlinkat, [0, AT_FDCWD_ARG, 1]],
  82: ["select", oldSelect],
  85: ["readlink", fs.readlinkat, [AT_FDCWD_ARG, 0, 1, 2]],
  90: ["mmap", mem.old_mmap],
  91: ["munmap", mem.munmap],
  92: ["truncate", fs.truncate],
  93: ["ftruncate", fs.ftruncate],
  94: ["fchmod", fs.fchmod],
  95: ["fchown", fs.fchown16],
  96: ["getpriority", id.getpriority],
  97: ["setpriority", id.setpriority],
  99: ["statfs", sfs.statfs],
  100: ["fstatfs", sfs.fstatfs],
  102: ["socketcall", net.socketcall],
  104: ["setitimer", time.setitimer],
  105: ["getitimer", time.getitimer],
  106: ["stat", fs.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: 0 }]],
  107: ["lstat", fs.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: 0x100 }]],
  108: ["fstat", fs.fstat],
  114: ["wait4", life.wait4],
  116: ["sysinfo", id.sysinfo],
  117: ["ipc", ipc.ipc],
  118: ["fsync", fs.fsync],
  119: ["sigreturn", sig.sigreturn],
  120: ["clone", thr.clone],
  122: ["uname", id.uname],
  74: ["sethostname", id.sethostname],
  121: ["setdomainname", id.setdomainname],
  123: ["modify_ldt", enosys],
  124: ["adjtimex", time.adjtimex],
  125: ["mprotect", mem.mprotect],
  126: ["sigprocmask", oldSigprocmask],
  132: ["getpgid", id.getpgid],
  133: ["fchdir", fs.fchdir],
  136: ["personality", nop],
  138: ["setfsuid", id.setfsuid16],
  139: ["setfsgid", id.setfsgid16],
  140: ["_llseek", io._llseek],
  141: ["getdents", fs.getdents],
  142: ["_newselect", poll.select],
  143: ["flock", io.flock],
  144: ["msync", mem.msync],
  145: ["readv", io.readv],
  146: ["writev", io.writev],
  147: ["getsid", id.getsid],
  148: ["fdatasync", fs.fsync],
  150: ["mlock", mem.mlock],
  151: ["munlock", mem.mlock],
  152: ["mlockall", nop],
  153: ["munlockall", nop],
  154: ["sched_setparam", thr.sched_setparam],
  155: ["sched_getparam", thr.sched_getparam],
  156: ["sched_setscheduler", thr.sched_setscheduler],
  157: ["sched_getscheduler", thr.sched_getscheduler],
  158: ["sched_yield", thr.sched_yield],
  159: ["sched_get_priority_max", thr.sched_get_priority_max],
  160: ["sched_get_priority_min", thr.sched_get_priority_min],
  161: ["sched_rr_get_interval", thr.sched_rr_get_interval],
  162: ["nanosleep", time.nanosleep],
  163: ["mremap", mem.mremap],
  164: ["setresuid", id.setresuid16],
  165: ["getresuid", id.getresuid16],
  168: ["poll", io.poll],
  170: ["setresgid", id.setresgid16],
  171: ["getresgid", id.getresgid16],
  172: ["prctl", id.prctl],
  173: ["rt_sigreturn", sig.rt_sigreturn],
  174: ["rt_sigaction", sig.rt_sigaction],
  175: ["rt_sigprocmask", sig.rt_sigprocmask],
  176: ["rt_sigpending", sig.rt_sigpending],
  177: ["rt_sigtimedwait", sig.rt_sigtimedwait],
  178: ["rt_sigqueueinfo", sig.rt_sigqueueinfo],
  179: ["rt_sigsuspend", sig.rt_sigsuspend],
  180: ["pread64", io.pread64, [0, 1, 2, [3, 4]]],
  181: ["pwrite64", io.pwrite64, [0, 1, 2, [3, 4]]],
  182: ["chown", fs.fchownat16, [AT_FDCWD_ARG, 0, 1, 2, { value: 0 }]],
  183: ["getcwd", fs.getcwd],
  184: ["capget", id.capget],
  185: ["capset", id.capset],
  186: ["sigaltstack", sig.sigaltstack],
  187: ["sendfile", io.sendfile],
  190: ["vfork", thr.vfork],
  191: ["ugetrlimit", id.getrlimit],
  192: ["mmap2", mem.mmap2],
  193: ["truncate64", fs.truncate, [0, [1, 2]]],
  194: ["ftruncate64", fs.ftruncate, [0, [1, 2]]],
  195: ["stat64", fs64.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: 0 }]],
  196: ["lstat64", fs64.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: 0x100 }]],
  197: ["fstat64", fs64.fstat],
  198: ["lchown32", fs.fchownat, [AT_FDCWD_ARG, 0, 1, 2, { value: 0x100 }]], // AT_SYMLINK_NOFOLLOW
  199: ["getuid32", id.getuid],
  200: ["getgid32", id.getgid],
  201: ["geteuid32", id.geteuid],
  202: ["getegid32", id.getegid],
  203: ["setreuid32", id.setreuid],
  204: ["setregid32", id.setregid],
  205: ["getgroups32", id.getgroups],
  206: ["setgroups32", id.setgroups],
  207: ["fchown32", fs.fchown],
  208: ["setresuid32", id.setresuid],
  209: ["getresuid32", id.getresuid],
  210: ["setresgid32", id.setresgid],
  211: ["getresgid32", id.getresgid],
  212: ["chown32", fs.fchownat, [AT_FDCWD_ARG, 0, 1, 2, { value: 0 }]],
  213: ["setuid32", id.setuid],
  214: ["setgid32", id.setgid],
  // setfsuid/setfsgid return the old fsuid/fsgid, which are the host's ids here
  215: ["setfsuid32", id.setfsuid],
  216: ["setfsgid32", id.setfsgid],
  218: ["mincore", mem.mincore],
  219: ["madvise", mem.madvise],
  220: ["getdents64", fs.getdents64],
  221: ["fcntl64", io.fcntl64],
  224: ["gettid", thr.gettid],
  225: ["readahead", nop],
  ...xattrEntries(226),
  238: ["tkill", sig.tkill],
  239: ["sendfile64", io.sendfile64],
  240: ["futex", thr.futex],
  241: ["sched_setaffinity", thr.sched_setaffinity],
  242: ["sched_getaffinity", thr.sched_getaffinity],
  243: ["set_thread_area", (t, a) => setThreadArea(cpuOf(t).cpu, t.as, a.ptr(0))],
  244: ["get_thread_area", (t, a) => getThreadArea(cpuOf(t).cpu, t.as, a.ptr(0))],
  250: ["fadvise64", fadvise(false)],
  252: ["exit_group", life.exit_group],
  254: ["epoll_create", poll.epoll_create],
  255: ["epoll_ctl", poll.epoll_ctl],
  256: ["epoll_wait", poll.epoll_wait],
  258: ["set_tid_address", thr.set_tid_address],
  259: ["timer_create", time.timer_create],
  260: ["timer_settime", time.timer_settime],
  261: ["timer_gettime", time.timer_gettime],
  262: ["timer_getoverrun", time.timer_getoverrun],
  263: ["timer_delete", time.timer_delete],
  264: ["clock_settime", time.clock_settime],
  265: ["clock_gettime", time.clock_gettime],
  266: ["clock_getres", time.clock_getres],
  267: ["clock_nanosleep", time.clock_nanosleep],
  268: ["statfs64", sfs64.statfs64],
  269: ["fstatfs64", sfs64.fstatfs64],
  270: ["tgkill", sig.tgkill],
  271: ["utimes", fs.futimesat, [AT_FDCWD_ARG, 0, 1]],
  272: ["fadvise64_64", io.fadvise64, [0, [1, 2], [3, 4], 5]],
  284: ["waitid", life.waitid],
  291: ["inotify_init", ino.inotify_init],
  292: ["inotify_add_watch", ino.inotify_add_watch],
  293: ["inotify_rm_watch", ino.inotify_rm_watch],
  295: ["openat", io.openat],
  296: ["mkdirat", fs.mkdirat],
  297: ["mknodat", fs.mknodat],
  298: ["fchownat", fs.fchownat],
  299: ["futimesat", fs.futimesat],
  300: ["fstatat64", fs64.newfstatat],
  301: ["unlinkat", fs.unlinkat],
  302: ["renameat", fs.renameat],
  303: ["linkat", fs.linkat],
  304: ["symlinkat", fs.symlinkat],
  305: ["readlinkat", fs.readlinkat],
  306: ["fchmodat", fs.fchmodat],
  307: ["faccessat", fs.faccessat],
  308: ["pselect6", io.pselect6],
  309: ["ppoll", io.ppoll],
  // -ENOSYS on purpose, as qemu-i386 10 does (glibc copes)
  311: ["set_robust_list", enosys],
  312: ["get_robust_list", enosys],
  313: ["splice", io.splice],
  314: ["sync_file_range", io.sync_file_range, [0, [1, 2], [3, 4], 5]],
  315: ["tee", io.tee],
  316: ["vmsplice", io.vmsplice],
  318: ["getcpu", thr.getcpu],
  319: ["epoll_pwait", poll.epoll_pwait],
  320: ["utimensat", fs.utimensat],
  321: ["signalfd", sig.signalfd],
  322: ["timerfd_create", time.timerfd_create],
  323: ["eventfd", poll.eventfd],
  324: ["fallocate", fs.fallocate, [0, 1, [2, 3], [4, 5]]],
  325: ["timerfd_settime", time.timerfd_settime],
  326: ["timerfd_gettime", time.timerfd_gettime],
  327: ["signalfd4", sig.signalfd4],
  328: ["eventfd2", poll.eventfd2],
  329: ["epoll_create1", poll.epoll_create1],
  330: ["dup3", io.dup3],
  331: ["pipe2", io.pipe2],
  332: ["inotify_init1", ino.inotify_init1],
  // (fd, iov, cnt, pos_l, pos_h): the offset's two halves in esi, edi
  333: ["preadv", io.preadv, [0, 1, 2, [3, 4]]],
  334: ["pwritev", io.pwritev, [0, 1, 2, [3, 4]]],
  335: ["rt_tgsigqueueinfo", sig.rt_tgsigqueueinfo],
  337: ["recvmmsg", net.recvmmsg],
  340: ["prlimit64", id64.prlimit64],
  343: ["clock_adjtime", time.clock_adjtime],
  344: ["syncfs", nop],
  345: ["sendmmsg", net.sendmmsg],
  353: ["renameat2", fs.renameat2],
  355: ["getrandom", id.getrandom],
  356: ["memfd_create", io.memfd_create],
  358: ["execveat", life.execveat],
  359: ["socket", net.socket],
  360: ["socketpair", net.socketpair],
  361: ["bind", net.bind],
  362: ["connect", net.connect],
  363: ["listen", net.listen],
  364: ["accept4", net.accept4],
  365: ["getsockopt", net.getsockopt],
  366: ["setsockopt", net.setsockopt],
  367: ["getsockname", net.getsockname],
  368: ["getpeername", net.getpeername],
  369: ["sendto", net.sendto],
  370: ["sendmsg", net.sendmsg],
  371: ["recvfrom", net.recvfrom],
  372: ["recvmsg", net.recvmsg],
  373: ["shutdown", net.shutdown],
  375: ["membarrier", nop],
  377: ["copy_file_range", io.copy_file_range],
  378: ["preadv2", io.preadv2, [0, 1, 2, [3, 4], 5]],
  379: ["pwritev2", io.pwritev2, [0, 1, 2, [3, 4], 5]],
  383: ["statx", fs.statx],
  384: ["arch_prctl", enosys],
  386: ["rseq", enosys],
  // the direct SysV IPC calls of Linux 5.1 (i386 has no semop or 32-bit-time semtimedop of its own)
  393: ["semget", ipc.semget],
  394: ["semctl", ipc.semctl],
  395: ["shmget", ipc.shmget],
  396: ["shmctl", ipc.shmctl],
  397: ["shmat", ipc.shmat],
  398: ["shmdt", ipc.shmdt],
  399: ["msgget", ipc.msgget],
  400: ["msgsnd", ipc.msgsnd],
  401: ["msgrcv", ipc.msgrcv],
  402: ["msgctl", ipc.msgctl],
  403: ["clock_gettime64", time64.clock_gettime],
  404: ["clock_settime64", time64.clock_settime],
  405: ["clock_adjtime64", time.clock_adjtime64],
  406: ["clock_getres_time64", time64.clock_getres],
  407: ["clock_nanosleep_time64", time64.clock_nanosleep],
  408: ["timer_gettime64", time64.timer_gettime],
  409: ["timer_settime64", time64.timer_settime],
  410: ["timerfd_gettime64", time64.timerfd_gettime],
  411: ["timerfd_settime64", time64.timerfd_settime],
  412: ["utimensat_time64", fsTime64.utimensat],
  413: ["pselect6_time64", io64.pselect6],
  414: ["ppoll_time64", io64.ppoll],
  417: ["recvmmsg_time64", net.recvmmsg_time64],
  420: ["semtimedop_time64", ipc64.semtimedop],
  421: ["rt_sigtimedwait_time64", sig64.rt_sigtimedwait],
  422: ["futex_time64", thr64.futex],
  423: ["sched_rr_get_interval_time64", thr64.sched_rr_get_interval],
  424: ["pidfd_send_signal", pidfd.pidfd_send_signal],
  434: ["pidfd_open", pidfd.pidfd_open],
  435: ["clone3", enosys],
  436: ["close_range", io.close_range],
  437: ["openat2", io.openat2],
  439: ["faccessat2", fs.faccessat2],
  441: ["epoll_pwait2", poll64.epoll_pwait2],
});

export { UNBLOCKABLE };
