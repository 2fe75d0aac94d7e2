// -strace output in qemu's style (QEMU's linux-user/strace.c):
//   PID name(arg,arg,...) = ret          errors as "-1 errno=N (text)"
//   --- SIGSEGV {si_signo=SIGSEGV, si_code=1, si_addr=0x00000010} ---   a signal being taken
// Arguments are printed per syscall name (strings quoted, flags by name, pointers in hex, as wide
// as the guest's pointers); calls without a description print their six arguments in decimal, as
// qemu's generic printer does. The numbers are the architecture's (its syscall table).
import type { OpenFlagMap } from "./layouts.ts";
import type { AddressSpace } from "./address-space.ts";
import { errnoText } from "./errno.ts";
import { SIGCHLD, SI_KERNEL, SI_TKILL, SI_USER, signalConst, type SigInfo } from "./signals.ts";

/** si_code names QEMU's print_si_code knows. */
const SI_CODES: Record<number, string> = {
  0: "SI_USER",
  0x80: "SI_KERNEL",
  [-1]: "SI_QUEUE",
  [-2]: "SI_TIMER",
  [-3]: "SI_MESGQ",
  [-4]: "SI_ASYNCIO",
  [-5]: "SI_SIGIO",
  [-6]: "SI_TKILL",
};
import type { SyscallArgs } from "./syscall-args.ts";

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
  mmap2: "puPFdx",
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

export class Strace {
  private readonly formats: Record<string, string>;
  private readonly ptrDigits: number;

  /**
   * @param wordBytes the guest's pointer size (pointers print with 2 hex digits per byte)
   * @param extraFormats argument descriptions of architecture-specific syscalls
   */
  constructor(
    private readonly wordBytes: 4 | 8,
    extraFormats: Record<string, string> = {},
    /** The ABI's O_* flags, when they are not asm-generic's (ARM). */
    private readonly openFlags?: OpenFlagMap,
  ) {
    this.formats = { ...FORMATS, ...extraFormats };
    this.ptrDigits = 2 * wordBytes;
  }

  /**
   * The line for a signal being taken (QEMU's print_taken_signal and print_siginfo), e.g.
   * `--- SIGSEGV {si_signo=SIGSEGV, si_code=1, si_addr=0x00000010} ---`. Which union member is
   * shown follows QEMU's guess (host_to_target_siginfo_noswap): the fault address for faults, pid
   * and uid for kill/tkill/kernel codes, the SIGCHLD fields, else the queued-signal fields (a
   * POSIX timer's id, overrun and value land in si_pid, si_uid and si_sigval there).
   */
  signal(si: SigInfo): string {
    const name = (sig: number) => (sig >= 1 && sig <= 31 ? signalConst(sig) : String(sig >>> 0));
    const code = SI_CODES[si.code] ?? String(si.code);
    let rest: string;
    if (si.addr !== undefined) rest = `si_addr=${si.addr === 0 ? "NULL" : this.hex(si.addr >>> 0)}`;
    else if (si.code === SI_USER || si.code === SI_TKILL || si.code === SI_KERNEL) rest = `si_pid=${si.pid ?? 0}, si_uid=${si.uid ?? 0}`;
    else if (si.signo === SIGCHLD)
      rest = `si_pid=${si.pid ?? 0}, si_uid=${si.uid ?? 0}, si_status=${si.status ?? 0}, si_utime=0, si_stime=0`;
    else if (si.timerId !== undefined)
      rest = `si_pid=${si.timerId}, si_uid=${si.overrun ?? 0}, si_sigval=${this.signedWord(si.value ?? 0n)}`;
    else rest = `si_pid=${si.pid ?? 0}, si_uid=${si.uid ?? 0}, si_sigval=0`;
    return `--- ${name(si.signo)} {si_signo=${name(si.signo)}, si_code=${code}, ${rest}} ---`;
  }

  /** A pointer-sized value as TARGET_ABI_FMT_ld prints it (signed). */
  private signedWord(v: bigint): string {
    return String(this.wordBytes === 4 ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v));
  }

  private hex(n: number): string {
    return "0x" + n.toString(16).padStart(this.ptrDigits, "0");
  }

  private fmt(kind: string, v: number, s32: number, mem: AddressSpace): string {
    switch (kind) {
      case "d":
        return this.wordBytes === 4 || v >= 2 ** 63 || v < 2 ** 31 ? String(s32) : String(v);
      case "u":
        return String(v);
      case "x":
        return "0x" + v.toString(16);
      case "o":
        return "0" + (v >>> 0).toString(8);
      case "p":
        return v === 0 ? "NULL" : this.hex(v);
      case "s": {
        if (v === 0) return "NULL";
        const b = mem.readCString(v, 4096);
        return b ? JSON.stringify(new TextDecoder().decode(b)) : this.hex(v);
      }
      case "D":
        return s32 === -100 ? "AT_FDCWD" : String(s32);
      case "O": {
        const acc = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"][s32 & 3];
        const g = this.openFlags ? this.openFlags.toGeneric(s32) : s32;
        const rest = flagNames(g & ~3 & ~0o20000000, OFLAGS, "");
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

  /** "name(args)" for a syscall about to run (name null: not a syscall of this ABI). */
  call(nr: number, name: string | null, a: SyscallArgs, mem: AddressSpace): string {
    if (!name) return `Unknown syscall ${nr}`;
    const f = this.formats[name];
    if (f === undefined) return `${name}(${[0, 1, 2, 3, 4, 5].map((i) => String(a.ptr(i) >= 2 ** 63 ? a.int(i) : a.ptr(i))).join(",")})`;
    return `${name}(${[...f].map((k, i) => this.fmt(k, a.ptr(i), a.int(i), mem)).join(",")})`;
  }

  /** The result part after " = ". */
  ret(name: string | null, r: number): string {
    if (r < 0 && r >= -4095) return `-1 errno=${-r} (${errnoText(-r)})`;
    if (name === "mmap" || name === "mmap2" || name === "brk" || name === "mremap") return this.hex(r);
    return String(r);
  }
}
