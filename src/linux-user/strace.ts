// Syscall numbers (asm-generic, as riscv64 uses them) and -strace output in qemu's style:
//   PID name(arg,arg,...) = ret          errors as "-1 errno=N (text)"
// Arguments are printed per syscall (strings quoted, flags by name, pointers in hex); calls
// without a description print their six arguments in decimal, as qemu's generic printer does.
import { errnoText } from "./errno.ts";
import type { LinuxProcess } from "./process.ts";
import { signalConst } from "./signals.ts";

export const NR = {
  getcwd: 17,
  eventfd2: 19,
  epoll_create1: 20,
  epoll_ctl: 21,
  epoll_pwait: 22,
  dup: 23,
  dup3: 24,
  fcntl: 25,
  ioctl: 29,
  flock: 32,
  mknodat: 33,
  mkdirat: 34,
  unlinkat: 35,
  symlinkat: 36,
  linkat: 37,
  renameat: 38,
  statfs: 43,
  fstatfs: 44,
  truncate: 45,
  ftruncate: 46,
  fallocate: 47,
  faccessat: 48,
  chdir: 49,
  fchdir: 50,
  fchmod: 52,
  fchmodat: 53,
  fchownat: 54,
  fchown: 55,
  openat: 56,
  close: 57,
  pipe2: 59,
  getdents64: 61,
  lseek: 62,
  read: 63,
  write: 64,
  readv: 65,
  writev: 66,
  pread64: 67,
  pwrite64: 68,
  preadv: 69,
  pwritev: 70,
  sendfile: 71,
  pselect6: 72,
  ppoll: 73,
  readlinkat: 78,
  newfstatat: 79,
  fstat: 80,
  sync: 81,
  fsync: 82,
  fdatasync: 83,
  utimensat: 88,
  capget: 90,
  personality: 92,
  exit: 93,
  exit_group: 94,
  waitid: 95,
  set_tid_address: 96,
  futex: 98,
  set_robust_list: 99,
  get_robust_list: 100,
  nanosleep: 101,
  getitimer: 102,
  setitimer: 103,
  clock_gettime: 113,
  clock_getres: 114,
  clock_nanosleep: 115,
  sched_setparam: 118,
  sched_setscheduler: 119,
  sched_getscheduler: 120,
  sched_getparam: 121,
  sched_setaffinity: 122,
  sched_getaffinity: 123,
  sched_yield: 124,
  sched_get_priority_max: 125,
  sched_get_priority_min: 126,
  kill: 129,
  tkill: 130,
  tgkill: 131,
  sigaltstack: 132,
  rt_sigsuspend: 133,
  rt_sigaction: 134,
  rt_sigprocmask: 135,
  rt_sigpending: 136,
  rt_sigtimedwait: 137,
  rt_sigreturn: 139,
  setpriority: 140,
  getpriority: 141,
  setregid: 143,
  setgid: 144,
  setreuid: 145,
  setuid: 146,
  setresuid: 147,
  getresuid: 148,
  setresgid: 149,
  getresgid: 150,
  times: 153,
  setpgid: 154,
  getpgid: 155,
  getsid: 156,
  setsid: 157,
  getgroups: 158,
  setgroups: 159,
  uname: 160,
  getrlimit: 163,
  setrlimit: 164,
  getrusage: 165,
  umask: 166,
  prctl: 167,
  getcpu: 168,
  gettimeofday: 169,
  getpid: 172,
  getppid: 173,
  getuid: 174,
  geteuid: 175,
  getgid: 176,
  getegid: 177,
  gettid: 178,
  sysinfo: 179,
  socket: 198,
  socketpair: 199,
  connect: 203,
  brk: 214,
  munmap: 215,
  mremap: 216,
  clone: 220,
  execve: 221,
  mmap: 222,
  fadvise64: 223,
  mprotect: 226,
  msync: 227,
  mlock: 228,
  munlock: 229,
  mlockall: 230,
  munlockall: 231,
  mincore: 232,
  madvise: 233,
  riscv_hwprobe: 258,
  wait4: 260,
  prlimit64: 261,
  syncfs: 267,
  renameat2: 276,
  getrandom: 278,
  memfd_create: 279,
  membarrier: 283,
  copy_file_range: 285,
  readahead: 213,
  statx: 291,
  rseq: 293,
  clone3: 435,
  close_range: 436,
  openat2: 437,
  faccessat2: 439,
  execveat: 281,
} as const;

export const NAMES: Record<number, string> = Object.fromEntries(Object.entries(NR).map(([k, v]) => [v, k]));

// Argument kinds: d signed decimal, u unsigned, x hex, p pointer (NULL or 0x%016x), s string,
// D dirfd, O open flags, M octal mode, P prot, F mmap flags, S signal, A access mode, R rlimit,
// C clock id, - skip
const FORMATS: Record<string, string> = {
  openat: "DsOM",
  close: "d",
  read: "dxu",
  write: "dxu",
  pread64: "dxuu",
  pwrite64: "dxuu",
  readv: "dxd",
  writev: "dxd",
  lseek: "ddd",
  fstat: "dp",
  newfstatat: "Dspx",
  statx: "Dsxxp",
  readlinkat: "Dspu",
  faccessat: "DsAx",
  faccessat2: "DsAx",
  getdents64: "dxu",
  mkdirat: "DsM",
  unlinkat: "Dsx",
  renameat: "DsDs",
  renameat2: "DsDsx",
  linkat: "DsDsx",
  symlinkat: "sDs",
  fchmodat: "DsM",
  fchmod: "dM",
  utimensat: "Dspx",
  chdir: "s",
  getcwd: "xu",
  dup: "d",
  dup3: "ddx",
  fcntl: "ddx",
  ioctl: "dxx",
  pipe2: "px",
  ftruncate: "dd",
  fsync: "d",
  mmap: "puPFdx",
  munmap: "pu",
  mprotect: "puP",
  mremap: "puuxp",
  madvise: "pud",
  brk: "p",
  clone: "xpppp",
  futex: "pXdppd",
  set_tid_address: "x",
  set_robust_list: "xu",
  rseq: "xudx",
  exit: "d",
  exit_group: "d",
  kill: "dS",
  tkill: "dS",
  tgkill: "ddS",
  rt_sigaction: "Spp",
  rt_sigprocmask: "dpp",
  sigaltstack: "pp",
  clock_gettime: "Cp",
  clock_getres: "Cp",
  clock_nanosleep: "Cdpp",
  nanosleep: "pp",
  gettimeofday: "pp",
  prlimit64: "dRpp",
  getrandom: "xud",
  uname: "p",
  umask: "o",
  getpid: "",
  gettid: "",
  getppid: "",
  getuid: "",
  geteuid: "",
  getgid: "",
  getegid: "",
  sched_yield: "",
  sched_getaffinity: "dup",
  rt_sigreturn: "",
  riscv_hwprobe: "xddddd",
};

const OFLAGS: Array<[number, string]> = [
  [0o100, "O_CREAT"],
  [0o200, "O_EXCL"],
  [0o400, "O_NOCTTY"],
  [0o1000, "O_TRUNC"],
  [0o2000, "O_APPEND"],
  [0o4000, "O_NONBLOCK"],
  [0o10000, "O_DSYNC"],
  [0o20000, "O_ASYNC"],
  [0o40000, "O_DIRECT"],
  [0o100000, "O_LARGEFILE"],
  [0o200000, "O_DIRECTORY"],
  [0o400000, "O_NOFOLLOW"],
  [0o1000000, "O_NOATIME"],
  [0o2000000, "O_CLOEXEC"],
  [0o10000000, "O_PATH"],
];
const MFLAGS: Array<[number, string]> = [
  [0x1, "MAP_SHARED"],
  [0x2, "MAP_PRIVATE"],
  [0x10, "MAP_FIXED"],
  [0x20, "MAP_ANONYMOUS"],
  [0x100, "MAP_GROWSDOWN"],
  [0x800, "MAP_DENYWRITE"],
  [0x1000, "MAP_EXECUTABLE"],
  [0x2000, "MAP_LOCKED"],
  [0x4000, "MAP_NORESERVE"],
  [0x8000, "MAP_POPULATE"],
  [0x10000, "MAP_NONBLOCK"],
  [0x20000, "MAP_STACK"],
  [0x40000, "MAP_HUGETLB"],
  [0x100000, "MAP_FIXED_NOREPLACE"],
];
const RLIMITS = [
  "RLIMIT_CPU",
  "RLIMIT_FSIZE",
  "RLIMIT_DATA",
  "RLIMIT_STACK",
  "RLIMIT_CORE",
  "RLIMIT_RSS",
  "RLIMIT_NPROC",
  "RLIMIT_NOFILE",
  "RLIMIT_MEMLOCK",
  "RLIMIT_AS",
  "RLIMIT_LOCKS",
  "RLIMIT_SIGPENDING",
  "RLIMIT_MSGQUEUE",
  "RLIMIT_NICE",
  "RLIMIT_RTPRIO",
  "RLIMIT_RTTIME",
];
const CLOCKS = [
  "CLOCK_REALTIME",
  "CLOCK_MONOTONIC",
  "CLOCK_PROCESS_CPUTIME_ID",
  "CLOCK_THREAD_CPUTIME_ID",
  "CLOCK_MONOTONIC_RAW",
  "CLOCK_REALTIME_COARSE",
  "CLOCK_MONOTONIC_COARSE",
  "CLOCK_BOOTTIME",
];

function flagNames(v: number, table: Array<[number, string]>, zero: string): string {
  const parts: string[] = [];
  let rest = v;
  for (const [bit, name] of table)
    if ((v & bit) === bit) {
      parts.push(name);
      rest &= ~bit;
    }
  if (rest) parts.push(`0x${(rest >>> 0).toString(16)}`);
  return parts.length ? parts.join("|") : zero;
}

const hex16 = (n: number) => "0x" + n.toString(16).padStart(16, "0");

export class Strace {
  constructor(private readonly p: LinuxProcess) {}

  private fmt(kind: string, v: number, s32: number): string {
    switch (kind) {
      case "d":
        return v >= 2 ** 63 || v < 2 ** 31 ? String(s32) : String(v);
      case "u":
        return String(v);
      case "x":
        return "0x" + v.toString(16);
      case "o":
        return "0" + (v >>> 0).toString(8);
      case "p":
        return v === 0 ? "NULL" : hex16(v);
      case "s": {
        if (v === 0) return "NULL";
        const b = this.p.as.readCString(v, 4096);
        return b ? JSON.stringify(new TextDecoder().decode(b)) : hex16(v);
      }
      case "D":
        return s32 === -100 ? "AT_FDCWD" : String(s32);
      case "O": {
        const acc = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"][s32 & 3];
        const rest = flagNames(s32 & ~3 & ~0o20000000, OFLAGS, "");
        return rest ? `${acc}|${rest}` : acc;
      }
      case "M":
        return "0" + (s32 & 0o7777).toString(8);
      case "P":
        return flagNames(
          s32,
          [
            [4, "PROT_EXEC"],
            [1, "PROT_READ"],
            [2, "PROT_WRITE"],
          ],
          "PROT_NONE",
        );
      case "F":
        return flagNames(s32, MFLAGS, "0");
      case "S":
        return signalConst(s32);
      case "A":
        return s32 === 0
          ? "F_OK"
          : flagNames(
              s32,
              [
                [4, "R_OK"],
                [2, "W_OK"],
                [1, "X_OK"],
              ],
              "F_OK",
            );
      case "R":
        return RLIMITS[s32] ?? String(s32);
      case "C":
        return CLOCKS[s32] ?? String(s32);
      case "X": {
        const ops = [
          "FUTEX_WAIT",
          "FUTEX_WAKE",
          "FUTEX_FD",
          "FUTEX_REQUEUE",
          "FUTEX_CMP_REQUEUE",
          "FUTEX_WAKE_OP",
          "FUTEX_LOCK_PI",
          "FUTEX_UNLOCK_PI",
          "FUTEX_TRYLOCK_PI",
          "FUTEX_WAIT_BITSET",
          "FUTEX_WAKE_BITSET",
          "FUTEX_WAIT_REQUEUE_PI",
          "FUTEX_CMP_REQUEUE_PI",
        ];
        const parts: string[] = [];
        if (s32 & 128) parts.push("FUTEX_PRIVATE_FLAG");
        if (s32 & 256) parts.push("FUTEX_CLOCK_REALTIME");
        parts.push(ops[s32 & 127] ?? String(s32 & 127));
        return parts.join("|");
      }
    }
    return String(v);
  }

  /** "name(args)" for a syscall about to run. */
  call(nr: number, addr: (i: number) => number, lo32: (i: number) => number): string {
    const name = NAMES[nr];
    if (!name) return `Unknown syscall ${nr}`;
    const f = FORMATS[name];
    if (f === undefined) return `${name}(${[0, 1, 2, 3, 4, 5].map((i) => String(addr(i) >= 2 ** 63 ? lo32(i) : addr(i))).join(",")})`;
    return `${name}(${[...f].map((k, i) => this.fmt(k, addr(i), lo32(i))).join(",")})`;
  }

  /** The result part after " = ". */
  ret(nr: number, r: number, addr: (i: number) => number): string {
    if (r < 0 && r >= -4095) return `-1 errno=${-r} (${errnoText(-r)})`;
    void addr;
    if (nr === NR.mmap || nr === NR.brk || nr === NR.mremap) return hex16(r);
    return String(r);
  }
}
