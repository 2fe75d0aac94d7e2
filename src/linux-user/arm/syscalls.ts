// The ARM EABI syscall table (Linux's arch/arm/tools/syscall.tbl, the "common" entries) mapped to
// the generic handlers. Arguments are r0..r6 and the number is in r7 (OABI numbers come from the
// SWI immediate, see cpu.ts); a 64-bit argument takes an even/odd register pair (EABI), e.g.
// pread64(fd, buf, count, pos) has pos in (r4, r5). 32-bit time calls use the 32-bit timespec;
// glibc for armhf (64-bit time_t) uses the *_time64 calls, built over the 64-bit layouts. The
// ARM-private calls (cacheflush, set_tls...) are at 0xf0000 + n.
import { AT_FDCWD_ARG } from "../syscall-args.ts";
import { SyscallTable, type SyscallHandler } from "../syscall-table.ts";
import { enosys, nop } from "../syscalls/common.ts";
import { fsSyscalls } from "../syscalls/fs.ts";
import { identitySyscalls, oldIdCall } from "../syscalls/identity.ts";
import { ipcSyscalls } from "../syscalls/ipc.ts";
import { inotifySyscalls } from "../syscalls/inotify.ts";
import { ioSyscalls } from "../syscalls/io.ts";
import { lifecycleSyscalls } from "../syscalls/lifecycle.ts";
import { memorySyscalls } from "../syscalls/memory.ts";
import { signalSyscalls } from "../syscalls/signals.ts";
import { statfsSyscalls } from "../syscalls/statfs.ts";
import { threadSyscalls } from "../syscalls/threads.ts";
import { timeSyscalls } from "../syscalls/time.ts";
import { xattrEntries } from "../syscalls/xattr.ts";
import { netSyscalls } from "../syscalls/net.ts";
import { pollSyscalls } from "../syscalls/poll.ts";
import { pidfdSyscalls } from "../syscalls/pidfd.ts";
import { ArmUserCpu, ARM_NR_BASE } from "./cpu.ts";
import { ARM_LAYOUTS as L, ARM_LAYOUTS64 as L64 } from "./structs.ts";

const io = ioSyscalls(L);
const net = netSyscalls(L);
const io64 = ioSyscalls(L64);
// ARM EABI's struct epoll_event is 16 bytes (u64 data aligned to 8), unlike x86's packed 12.
const poll = pollSyscalls(L);
const ino = inotifySyscalls(L);
const poll64 = pollSyscalls(L64);
const fs = fsSyscalls(L);
const fs64 = fsSyscalls(L64);
const mem = memorySyscalls(L);
const sig = signalSyscalls(L);
const sfs = statfsSyscalls(L);
const sfs64 = statfsSyscalls(L64, [84, 88]); // see ARM_LAYOUTS64
const sig64 = signalSyscalls(L64);
const thr = threadSyscalls(L);
const thr64 = threadSyscalls(L64);
const time = timeSyscalls(L);
const time64 = timeSyscalls(L64);
const id = identitySyscalls(L);
const pidfd = pidfdSyscalls(L);
const id64 = identitySyscalls(L64);
const life = lifecycleSyscalls(L);
// ARM forces SHMLBA to 4 pages (__ARCH_FORCE_SHMLBA; qemu-arm's target_shmlba)
const ipc = ipcSyscalls(L, { shmlba: 4 * 4096 });
const ipc64 = ipcSyscalls(L64, { shmlba: 4 * 4096 });

const O_WRONLY = 1,
  O_CREAT = 0o100,
  O_TRUNC = 0o1000,
  AT_SYMLINK_NOFOLLOW = 0x100,
  AT_REMOVEDIR = 0x200;

/** set_tls(tls): TPIDRURO (QEMU's cpu_set_tls). */
const setTls: SyscallHandler = (t, a) => {
  if (t.cpu instanceof ArmUserCpu) t.cpu.arm.tls = a.uint(0);
  return 0;
};
/** get_tls(): TPIDRURO. */
const getTls: SyscallHandler = (t) => (t.cpu instanceof ArmUserCpu ? t.cpu.arm.tls | 0 : 0);

export const ARM_SYSCALLS = new SyscallTable({
  0: ["restart_syscall", enosys],
  1: ["exit", life.exit],
  2: ["fork", thr.fork],
  3: ["read", io.read],
  4: ["write", io.write],
  5: ["open", io.openat, [AT_FDCWD_ARG, 0, 1, 2]],
  6: ["close", io.close],
  8: ["creat", io.openat, [AT_FDCWD_ARG, 0, { value: O_CREAT | O_WRONLY | O_TRUNC }, 1]],
  9: ["link", fs.linkat, [AT_FDCWD_ARG, 0, AT_FDCWD_ARG, 1, { value: 0 }]],
  10: ["unlink", fs.unlinkat, [AT_FDCWD_ARG, 0, { value: 0 }]],
  11: ["execve", life.execve],
  12: ["chdir", fs.chdir],
  14: ["mknod", fs.mknodat, [AT_FDCWD_ARG, 0, 1, 2]],
  15: ["chmod", fs.fchmodat, [AT_FDCWD_ARG, 0, 1]],
  16: ["lchown", fs.fchownat16, [AT_FDCWD_ARG, 0, 1, 2, { value: AT_SYMLINK_NOFOLLOW }]], // old_uid_t ids
  19: ["lseek", io.lseek],
  20: ["getpid", id.getpid],
  23: ["setuid", id.setuid16],
  // 24/47/49/50, 138/139, 165/171: the 16-bit old_uid_t calls, as i386's (ids above 65535 read as 65534)
  24: ["getuid", oldIdCall(id.getuid)],
  26: ["ptrace", enosys],
  29: ["pause", sig.pause],
  33: ["access", fs.faccessat, [AT_FDCWD_ARG, 0, 1]],
  34: ["nice", id.nice],
  36: ["sync", nop],
  37: ["kill", sig.kill],
  38: ["rename", fs.renameat, [AT_FDCWD_ARG, 0, AT_FDCWD_ARG, 1]],
  39: ["mkdir", fs.mkdirat, [AT_FDCWD_ARG, 0, 1]],
  40: ["rmdir", fs.unlinkat, [AT_FDCWD_ARG, 0, { value: AT_REMOVEDIR }]],
  41: ["dup", io.dup],
  42: ["pipe", io.pipe2, [0, { value: 0 }]],
  43: ["times", time.times],
  45: ["brk", mem.brk],
  46: ["setgid", id.setgid16],
  47: ["getgid", oldIdCall(id.getgid)],
  49: ["geteuid", oldIdCall(id.geteuid)],
  50: ["getegid", oldIdCall(id.getegid)],
  54: ["ioctl", io.ioctl],
  55: ["fcntl", io.fcntl],
  57: ["setpgid", id.setpgid],
  60: ["umask", id.umask],
  63: ["dup2", io.dup2],
  64: ["getppid", id.getppid],
  65: ["getpgrp", id.getpgid, [{ value: 0 }]],
  66: ["setsid", id.setsid],
  67: ["sigaction", sig.sigaction],
  70: ["setreuid", id.setreuid16],
  71: ["setregid", id.setregid16],
  73: ["sigpending", sig.sigpending],
  75: ["setrlimit", id.setrlimit],
  77: ["getrusage", time.getrusage],
  78: ["gettimeofday", time.gettimeofday],
  79: ["settimeofday", time.settimeofday],
  80: ["getgroups", id.getgroups16],
  81: ["setgroups", id.setgroups16],
  83: ["symlink", fs.symlinkat, [0, AT_FDCWD_ARG, 1]],
  85: ["readlink", fs.readlinkat, [AT_FDCWD_ARG, 0, 1, 2]],
  91: ["munmap", mem.munmap],
  92: ["truncate", fs.truncate],
  93: ["ftruncate", fs.ftruncate],
  94: ["fchmod", fs.fchmod],
  95: ["fchown", fs.fchown16],
  96: ["getpriority", id.getpriority],
  97: ["setpriority", id.setpriority],
  99: ["statfs", sfs.statfs],
  100: ["fstatfs", sfs.fstatfs],
  104: ["setitimer", time.setitimer],
  105: ["getitimer", time.getitimer],
  106: ["stat", fs.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: 0 }]],
  107: ["lstat", fs.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: AT_SYMLINK_NOFOLLOW }]],
  108: ["fstat", fs.fstat],
  114: ["wait4", life.wait4],
  116: ["sysinfo", id.sysinfo],
  // the OABI ipc(2) multiplexer: EABI glibc never calls it, qemu-arm serves it all the same
  117: ["ipc", ipc.ipc],
  118: ["fsync", fs.fsync],
  119: ["sigreturn", sig.sigreturn],
  120: ["clone", thr.clone],
  122: ["uname", id.uname],
  74: ["sethostname", id.sethostname],
  121: ["setdomainname", id.setdomainname],
  125: ["mprotect", mem.mprotect],
  126: ["sigprocmask", sig.sigprocmask],
  132: ["getpgid", id.getpgid],
  133: ["fchdir", fs.fchdir],
  136: ["personality", nop],
  // setfsuid/setfsgid return the old fsuid/fsgid, which are the host's ids here
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
  150: ["mlock", nop],
  151: ["munlock", nop],
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
  180: ["pread64", io.pread64, [0, 1, 2, [4, 5]]],
  181: ["pwrite64", io.pwrite64, [0, 1, 2, [4, 5]]],
  182: ["chown", fs.fchownat16, [AT_FDCWD_ARG, 0, 1, 2, { value: 0 }]],
  183: ["getcwd", fs.getcwd],
  184: ["capget", id.capget],
  185: ["capset", id.capset],
  186: ["sigaltstack", sig.sigaltstack],
  187: ["sendfile", io.sendfile],
  190: ["vfork", thr.vfork],
  191: ["ugetrlimit", id.getrlimit],
  192: ["mmap2", mem.mmap2],
  193: ["truncate64", fs.truncate, [0, [2, 3]]],
  194: ["ftruncate64", fs.ftruncate, [0, [2, 3]]],
  195: ["stat64", fs64.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: 0 }]],
  196: ["lstat64", fs64.newfstatat, [AT_FDCWD_ARG, 0, 1, { value: AT_SYMLINK_NOFOLLOW }]],
  197: ["fstat64", fs64.fstat],
  198: ["lchown32", fs.fchownat, [AT_FDCWD_ARG, 0, 1, 2, { value: AT_SYMLINK_NOFOLLOW }]],
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
  215: ["setfsuid32", id.setfsuid],
  216: ["setfsgid32", id.setfsgid],
  217: ["getdents64", fs.getdents64],
  219: ["mincore", mem.mincore],
  220: ["madvise", mem.madvise],
  221: ["fcntl64", io.fcntl64],
  224: ["gettid", thr.gettid],
  225: ["readahead", nop],
  ...xattrEntries(226),
  238: ["tkill", sig.tkill],
  239: ["sendfile64", io.sendfile64],
  240: ["futex", thr.futex],
  241: ["sched_setaffinity", thr.sched_setaffinity],
  242: ["sched_getaffinity", thr.sched_getaffinity],
  248: ["exit_group", life.exit_group],
  250: ["epoll_create", poll.epoll_create],
  251: ["epoll_ctl", poll.epoll_ctl],
  252: ["epoll_wait", poll.epoll_wait],
  256: ["set_tid_address", thr.set_tid_address],
  257: ["timer_create", time.timer_create],
  258: ["timer_settime", time.timer_settime],
  259: ["timer_gettime", time.timer_gettime],
  260: ["timer_getoverrun", time.timer_getoverrun],
  261: ["timer_delete", time.timer_delete],
  262: ["clock_settime", time.clock_settime],
  263: ["clock_gettime", time.clock_gettime],
  264: ["clock_getres", time.clock_getres],
  265: ["clock_nanosleep", time.clock_nanosleep],
  266: ["statfs64", sfs64.statfs64],
  267: ["fstatfs64", sfs64.fstatfs64],
  268: ["tgkill", sig.tgkill],
  269: ["utimes", fs.futimesat, [AT_FDCWD_ARG, 0, 1]],
  270: ["arm_fadvise64_64", io.fadvise64, [0, [2, 3], [4, 5], 1]], // (fd, advice, offset, len)
  280: ["waitid", life.waitid],
  // sockets: the generic handlers of syscalls/net.ts (ARM EABI has direct calls, no socketcall)
  281: ["socket", net.socket],
  282: ["bind", net.bind],
  283: ["connect", net.connect],
  284: ["listen", net.listen],
  285: ["accept", net.accept],
  286: ["getsockname", net.getsockname],
  287: ["getpeername", net.getpeername],
  288: ["socketpair", net.socketpair],
  289: ["send", net.send],
  290: ["sendto", net.sendto],
  291: ["recv", net.recv],
  292: ["recvfrom", net.recvfrom],
  293: ["shutdown", net.shutdown],
  294: ["setsockopt", net.setsockopt],
  295: ["getsockopt", net.getsockopt],
  296: ["sendmsg", net.sendmsg],
  297: ["recvmsg", net.recvmsg],
  298: ["semop", ipc.semop],
  299: ["semget", ipc.semget],
  300: ["semctl", ipc.semctl],
  301: ["msgsnd", ipc.msgsnd],
  302: ["msgrcv", ipc.msgrcv],
  303: ["msgget", ipc.msgget],
  304: ["msgctl", ipc.msgctl],
  305: ["shmat", ipc.shmat],
  306: ["shmdt", ipc.shmdt],
  307: ["shmget", ipc.shmget],
  308: ["shmctl", ipc.shmctl],
  312: ["semtimedop", ipc.semtimedop],
  365: ["recvmmsg", net.recvmmsg],
  366: ["accept4", net.accept4],
  374: ["sendmmsg", net.sendmmsg],
  417: ["recvmmsg_time64", net.recvmmsg_time64],
  316: ["inotify_init", ino.inotify_init],
  317: ["inotify_add_watch", ino.inotify_add_watch],
  318: ["inotify_rm_watch", ino.inotify_rm_watch],
  322: ["openat", io.openat],
  323: ["mkdirat", fs.mkdirat],
  324: ["mknodat", fs.mknodat],
  325: ["fchownat", fs.fchownat],
  326: ["futimesat", fs.futimesat],
  327: ["fstatat64", fs64.newfstatat],
  328: ["unlinkat", fs.unlinkat],
  329: ["renameat", fs.renameat],
  330: ["linkat", fs.linkat],
  331: ["symlinkat", fs.symlinkat],
  332: ["readlinkat", fs.readlinkat],
  333: ["fchmodat", fs.fchmodat],
  334: ["faccessat", fs.faccessat],
  335: ["pselect6", io.pselect6],
  336: ["ppoll", io.ppoll],
  // -ENOSYS on purpose, as qemu 10 does for every target (glibc copes)
  338: ["set_robust_list", enosys],
  339: ["get_robust_list", enosys],
  340: ["splice", io.splice],
  341: ["arm_sync_file_range", io.sync_file_range, [0, [2, 3], [4, 5], 1]], // (fd, flags, offset, nbytes)
  342: ["tee", io.tee],
  343: ["vmsplice", io.vmsplice],
  345: ["getcpu", thr.getcpu],
  346: ["epoll_pwait", poll.epoll_pwait],
  348: ["utimensat", fs.utimensat],
  349: ["signalfd", sig.signalfd],
  350: ["timerfd_create", time.timerfd_create],
  351: ["eventfd", poll.eventfd],
  352: ["fallocate", fs.fallocate, [0, 1, [2, 3], [4, 5]]],
  353: ["timerfd_settime", time.timerfd_settime],
  354: ["timerfd_gettime", time.timerfd_gettime],
  355: ["signalfd4", sig.signalfd4],
  356: ["eventfd2", poll.eventfd2],
  357: ["epoll_create1", poll.epoll_create1],
  358: ["dup3", io.dup3],
  359: ["pipe2", io.pipe2],
  360: ["inotify_init1", ino.inotify_init1],
  361: ["preadv", io.preadv, [0, 1, 2, [3, 4]]],
  362: ["pwritev", io.pwritev, [0, 1, 2, [3, 4]]],
  363: ["rt_tgsigqueueinfo", sig.rt_tgsigqueueinfo],
  369: ["prlimit64", id64.prlimit64],
  373: ["syncfs", nop],
  382: ["renameat2", fs.renameat2],
  384: ["getrandom", id.getrandom],
  385: ["memfd_create", io.memfd_create],
  387: ["execveat", life.execveat],
  389: ["membarrier", nop],
  391: ["copy_file_range", io.copy_file_range],
  // (fd, iov, cnt, pos_l, pos_h, flags): two longs, not an aligned 64-bit pair
  392: ["preadv2", io.preadv2, [0, 1, 2, [3, 4], 5]],
  393: ["pwritev2", io.pwritev2, [0, 1, 2, [3, 4], 5]],
  397: ["statx", fs.statx],
  398: ["rseq", enosys],
  403: ["clock_gettime64", time64.clock_gettime],
  404: ["clock_settime64", time64.clock_settime],
  406: ["clock_getres_time64", time64.clock_getres],
  407: ["clock_nanosleep_time64", time64.clock_nanosleep],
  408: ["timer_gettime64", time64.timer_gettime],
  409: ["timer_settime64", time64.timer_settime],
  410: ["timerfd_gettime64", time64.timerfd_gettime],
  411: ["timerfd_settime64", time64.timerfd_settime],
  412: ["utimensat_time64", fs64.utimensat],
  413: ["pselect6_time64", io64.pselect6],
  414: ["ppoll_time64", io64.ppoll],
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
  // ARM-private calls (QEMU's cpu_loop: cacheflush is a no-op, usr26/usr32 are -ENOSYS)
  [ARM_NR_BASE + 2]: ["cacheflush", nop],
  [ARM_NR_BASE + 3]: ["usr26", enosys],
  [ARM_NR_BASE + 4]: ["usr32", enosys],
  [ARM_NR_BASE + 5]: ["set_tls", setTls],
  [ARM_NR_BASE + 6]: ["get_tls", getTls],
});
