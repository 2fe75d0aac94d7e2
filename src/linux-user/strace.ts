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

/** A signal as QEMU's print_signal shows it: the name of a standard one, else the number. */
const sigName = (sig: number): string => (sig >= 1 && sig <= 31 ? signalConst(sig) : String(sig >>> 0));

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

// Argument kinds: d signed decimal, u unsigned, x hex (C's %#x: 0 prints as 0), p pointer (NULL or
// 0x%016x), h hex (0x%x), s string, D dirfd, O open flags, M octal mode (after O: only with O_CREAT, as QEMU's
// print_open), P prot, F mmap flags, S signal, A access mode, R rlimit, C clock id, T statx flags,
// K statx mask, I shmat flags, N a file mode with its type (QEMU's print_file_mode: S_IFIFO|0600), V a device
// number after an N of a device node (makedev(major,minor); nothing otherwise), q a pointer through the host's printf %p (QEMU's format-string entries: "(nil)" or 0x%x),
// - skip (a handler argument the call itself does not have: open's AT_FDCWD)
/** QEMU's mode_flags, in its order: the first whose bits are all in the mode names its type. */
const NODE_TYPES: [number, string][] = [
  [0o140000, "S_IFSOCK"],
  [0o120000, "S_IFLNK"],
  [0o100000, "S_IFREG"],
  [0o60000, "S_IFBLK"],
  [0o40000, "S_IFDIR"],
  [0o20000, "S_IFCHR"],
  [0o10000, "S_IFIFO"],
];
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
  statx: "DsTKp",
  statfs: "sp",
  statfs64: "sp",
  fstatfs: "dq",
  fstatfs64: "dq",
  copy_file_range: "dqdquu",
  readlinkat: "Dspu",
  faccessat: "DsAx",
  faccessat2: "DsAx",
  getdents64: "dxu",
  mkdirat: "DsM",
  mknodat: "DsNV",
  mknod: "-sNV",
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
  shmat: "dpI",
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
  [0o20000000, "__O_TMPFILE"],
];
/** In the order of QEMU's mmap_flags table (the order -strace prints them in). */
/** shmat's flags, in QEMU's print_shmat order. */
const SHMAT_FLAGS: Array<[number, string]> = [
  [0o20000, "SHM_RND"],
  [0o40000, "SHM_REMAP"],
  [0o10000, "SHM_RDONLY"],
  [0o100000, "SHM_EXEC"],
];
const MFLAGS: Array<[number, string]> = [
  [0x1, "MAP_SHARED"],
  [0x2, "MAP_PRIVATE"],
  [0x20, "MAP_ANONYMOUS"],
  [0x800, "MAP_DENYWRITE"],
  [0x1000, "MAP_EXECUTABLE"],
  [0x10, "MAP_FIXED"],
  [0x100000, "MAP_FIXED_NOREPLACE"],
  [0x100, "MAP_GROWSDOWN"],
  [0x40000, "MAP_HUGETLB"],
  [0x2000, "MAP_LOCKED"],
  [0x10000, "MAP_NONBLOCK"],
  [0x4000, "MAP_NORESERVE"],
  [0x8000, "MAP_POPULATE"],
  [0x20000, "MAP_STACK"],
];
/** QEMU's statx_flags and statx_mask tables (AT_STATX_SYNC_AS_STAT is 0: always printed). */
const STATX_FLAGS: Array<[number, string]> = [
  [0x1000, "AT_EMPTY_PATH"],
  [0x800, "AT_NO_AUTOMOUNT"],
  [0x100, "AT_SYMLINK_NOFOLLOW"],
];
const STATX_MASK: Array<[number, string]> = [
  [0xfff, "STATX_ALL"],
  [0x7ff, "STATX_BASIC_STATS"],
  [0x1, "STATX_TYPE"],
  [0x2, "STATX_MODE"],
  [0x4, "STATX_NLINK"],
  [0x8, "STATX_UID"],
  [0x10, "STATX_GID"],
  [0x20, "STATX_ATIME"],
  [0x40, "STATX_MTIME"],
  [0x80, "STATX_CTIME"],
  [0x100, "STATX_INO"],
  [0x200, "STATX_SIZE"],
  [0x400, "STATX_BLOCKS"],
  [0x800, "STATX_BTIME"],
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

/** QEMU's print_ipc_cmd: the first IPC command name with the low byte's value (11 and 12 read as MSG_*). */
function ipcCmd(cmd: number): string {
  const names: Record<number, string> = {
    0: "IPC_RMID",
    1: "IPC_SET",
    2: "IPC_STAT",
    3: "IPC_INFO",
    11: "MSG_STAT",
    12: "MSG_INFO",
    13: "SHM_STAT",
    14: "SHM_INFO",
    15: "GETZCNT",
    16: "SETVAL",
    17: "SETALL",
    18: "SEM_STAT",
    19: "SEM_INFO",
  };
  return names[cmd & 0xff] ?? String(cmd & 0xff);
}

function flagNames(v: number, table: Array<[number, string]>, zero: string): string {
  const parts: string[] = [];
  let rest = v;
  for (const [bit, name] of table)
    if ((rest & bit) === bit) {
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
    return `--- ${sigName(si.signo)} ${this.siginfo(si)} ---`;
  }

  /** QEMU's print_siginfo: `{si_signo=..., si_code=..., ...}` with the union member it guesses. */
  private siginfo(si: SigInfo): string {
    const name = sigName;
    const code = SI_CODES[si.code] ?? String(si.code);
    let rest: string;
    if (si.addr !== undefined) rest = `si_addr=${si.addr === 0 ? "NULL" : this.hex(si.addr >>> 0)}`;
    else if (si.code === SI_USER || si.code === SI_TKILL || si.code === SI_KERNEL) rest = `si_pid=${si.pid ?? 0}, si_uid=${si.uid ?? 0}`;
    else if (si.signo === SIGCHLD)
      rest = `si_pid=${si.pid ?? 0}, si_uid=${si.uid ?? 0}, si_status=${si.status ?? 0}, si_utime=0, si_stime=0`;
    else if (si.timerId !== undefined)
      rest = `si_pid=${si.timerId}, si_uid=${si.overrun ?? 0}, si_sigval=${this.signedWord(si.value ?? 0n)}`;
    else rest = `si_pid=${si.pid ?? 0}, si_uid=${si.uid ?? 0}, si_sigval=${this.signedWord(si.value ?? 0n)}`;
    return `{si_signo=${name(si.signo)}, si_code=${code}, ${rest}}`;
  }

  /**
   * rt_sigqueueinfo's siginfo in guest memory (QEMU's print_rt_sigqueueinfo): the kill/_rt fields at
   * the generic offsets (pid, uid, then si_value: 12/16/20 on 32-bit ABIs, 16/20/24 on 64-bit ones).
   */
  private userSiginfo(mem: AddressSpace, addr: number): string {
    const b = mem.read(addr, 32);
    if (!b) return this.fmt("p", addr, addr, mem);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const at = this.wordBytes === 4 ? 12 : 16;
    const value = this.wordBytes === 4 ? BigInt(dv.getUint32(at + 8, true)) : dv.getBigUint64(at + 8, true);
    const code = dv.getInt32(8, true);
    return this.siginfo({ signo: dv.getInt32(0, true), code, pid: dv.getInt32(at, true), uid: dv.getUint32(at + 4, true), value });
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
        return v === 0 ? "0" : "0x" + v.toString(16);
      case "h":
        return "0x" + v.toString(16);
      case "o":
        return "0" + (v >>> 0).toString(8);
      case "p":
        return v === 0 ? "NULL" : this.hex(v);
      case "q":
        return v === 0 ? "(nil)" : "0x" + v.toString(16);
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
        const rest = flagNames(g & ~3, OFLAGS, "");
        return rest ? `${acc}|${rest}` : acc;
      }
      case "M":
        return "0" + (s32 & 0o7777).toString(8);
      case "N": {
        if (s32 === 0) return "000";
        const type = NODE_TYPES.find(([v]) => (s32 & v) === v);
        const perm = s32 & ~0o170000;
        const p = perm ? "0" + perm.toString(8) : "";
        return type ? (p ? `${type[1]}|${p}` : type[1]) : p;
      }
      case "V":
        return `makedev(${((s32 >>> 8) & 0xfff) | 0},${(s32 & 0xff) | ((s32 >>> 12) & ~0xff)})`;
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
      case "I":
        return flagNames(s32, SHMAT_FLAGS, "0");
      case "T": {
        // QEMU's print_flags: AT_STATX_SYNC_AS_STAT (0 in the sync-type mask 0x6000) matches whenever those bits are clear
        const sync = [
          [0, "AT_STATX_SYNC_AS_STAT"],
          [0x2000, "AT_STATX_FORCE_SYNC"],
          [0x4000, "AT_STATX_DONT_SYNC"],
        ].find((e) => e[0] === (s32 & 0x6000));
        const names = flagNames(s32 & ~0x6000, STATX_FLAGS, "")
          .split("|")
          .filter((x) => x);
        if (sync) names.push(sync[1] as string);
        else if (s32 & 0x6000) names.push(`0x${(s32 & 0x6000).toString(16)}`);
        return names.join("|");
      }
      case "K":
        return flagNames(s32, STATX_MASK, "0");
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

  /** QEMU's print_fcntl: the command by name, then the argument as that command reads it (none for the getters). */
  private fcntlArgs(a: SyscallArgs, mem: AddressSpace): string {
    const cmd = a.int(1),
      arg = a.int(2);
    const num = ["F_DUPFD", "F_SETFD", "F_SETOWN", "F_SETSIG", "F_SETLEASE", "F_DUPFD_CLOEXEC", "F_NOTIFY", "F_SETPIPE_SZ"];
    const ptr = ["F_GETLK", "F_SETLK", "F_SETLKW", "F_OFD_GETLK", "F_OFD_SETLK", "F_OFD_SETLKW"];
    const names: Record<number, string> = {
      0: "F_DUPFD",
      1: "F_GETFD",
      2: "F_SETFD",
      3: "F_GETFL",
      4: "F_SETFL",
      5: "F_GETLK",
      6: "F_SETLK",
      7: "F_SETLKW",
      8: "F_SETOWN",
      9: "F_GETOWN",
      10: "F_SETSIG",
      11: "F_GETSIG",
      36: "F_OFD_GETLK",
      37: "F_OFD_SETLK",
      38: "F_OFD_SETLKW",
      1024: "F_SETLEASE",
      1025: "F_GETLEASE",
      1026: "F_NOTIFY",
      1030: "F_DUPFD_CLOEXEC",
      1031: "F_SETPIPE_SZ",
      1032: "F_GETPIPE_SZ",
      1033: "F_ADD_SEALS",
      1034: "F_GET_SEALS",
    };
    if (this.wordBytes === 4) Object.assign(names, { 12: "F_GETLK64", 13: "F_SETLK64", 14: "F_SETLKW64" });
    const n = names[cmd];
    const fd = String(a.int(0));
    if (n === undefined) return `${fd},${cmd},${this.fmt("p", a.ptr(2), arg, mem)}`;
    if (n === "F_SETFL") return `${fd},${n},${this.fmt("O", a.ptr(2), arg, mem)}`;
    if (n === "F_ADD_SEALS") return `${fd},${n},0x${(arg >>> 0).toString(16)}`;
    if (num.includes(n)) return `${fd},${n},${arg}`;
    if (ptr.includes(n) || n.endsWith("64")) return `${fd},${n},${this.fmt("p", a.ptr(2), arg, mem)}`;
    return `${fd},${n}`;
  }

  /** QEMU's print_ioctl for the terminal queries programs make at start-up (others: "%#x,%#x"). */
  private ioctlArgs(a: SyscallArgs, mem: AddressSpace): string {
    const cmd = a.uint(1);
    const name = ({ 0x5401: "TCGETS", 0x540f: "TIOCGPGRP", 0x5413: "TIOCGWINSZ", 0x541b: "FIONREAD" } as Record<number, string>)[cmd];
    const hex = (v: number) => (v === 0 ? "0" : "0x" + v.toString(16));
    if (name === undefined) return `${a.int(0)},${hex(cmd)},${hex(a.uint(2))}`;
    return `${a.int(0)},${name},${this.fmt("p", a.ptr(2), a.int(2), mem)}`;
  }

  /** A long in hex as QEMU's TARGET_ABI_FMT_lx prints it (as wide as a pointer). */
  private hexLong(a: SyscallArgs, i: number): string {
    return this.hex(this.wordBytes === 4 ? a.uint(i) : a.ptr(i));
  }

  /**
   * QEMU's print_semctl, print_shmat and print_ipc: semctl's command by name, shmat's flags, and
   * ipc(2) as the semctl or shmat it multiplexes, else its first four arguments.
   */
  private ipcArgs(name: string, a: SyscallArgs, mem: AddressSpace): string {
    if (name === "semctl") return `semctl(${a.int(0)},${a.int(1)},${ipcCmd(a.int(2))},${this.hexLong(a, 3)})`;
    const call = a.int(0);
    if (call === 3) return `semctl(${a.int(1)},${a.int(2)},${ipcCmd(a.int(3))},${this.hexLong(a, 4)})`;
    if (call === 21) return `shmat(${a.int(1)},${this.fmt("p", a.ptr(4), a.int(4), mem)},${this.fmt("I", a.ptr(2), a.int(2), mem)})`;
    return `ipc(${call},${a.int(1)},${a.int(2)},${a.int(3)})`;
  }

  /** "name(args)" for a syscall about to run (name null: not a syscall of this ABI). */
  call(nr: number, name: string | null, a: SyscallArgs, mem: AddressSpace): string {
    if (!name) return `Unknown syscall ${nr}`;
    if (name === "semctl" || name === "ipc") return this.ipcArgs(name, a, mem);
    if (name === "fcntl" || name === "fcntl64") return `${name}(${this.fcntlArgs(a, mem)})`;
    if (name === "ioctl") return `${name}(${this.ioctlArgs(a, mem)})`;
    if (name === "rt_sigqueueinfo") return `${name}(${a.int(0)},${sigName(a.int(1))},${this.userSiginfo(mem, a.ptr(2))})`;
    if (name === "rt_tgsigqueueinfo") return `${name}(${a.int(0)},${a.int(1)},${sigName(a.int(2))},${this.userSiginfo(mem, a.ptr(3))})`;
    const f = this.formats[name];
    // qemu's generic printer: six abi_long arguments, signed, as the registers hold them (on a
    // 32-bit ABI the raw registers: a call whose 64-bit arguments come in register pairs has them
    // mapped for its handler, not for this)
    if (f === undefined)
      return `${name}(${[0, 1, 2, 3, 4, 5].map((i) => String(this.wordBytes === 4 ? a.rawLo[i] : a.ptr(i) >= 2 ** 63 ? a.int(i) : a.ptr(i))).join(",")})`;
    const parts: string[] = [];
    for (let i = 0; i < f.length; i++) {
      const k = f[i]!;
      if (k === "-") continue;
      if (k === "M" && f[i - 1] === "O" && !(a.int(i - 1) & 0o100)) continue; // QEMU prints the mode only with O_CREAT
      if (k === "V" && !(a.int(i - 1) & 0o60000)) continue; // and a device number only for S_IFCHR/S_IFBLK
      parts.push(this.fmt(k, a.ptr(i), a.int(i), mem));
    }
    return `${name}(${parts.join(",")})`;
  }

  /** The result part after " = ". */
  ret(name: string | null, r: number): string {
    if (r < 0 && r >= -4095) return `-1 errno=${-r} (${errnoText(-r)})`;
    if (name === "mmap" || name === "mmap2" || name === "brk" || name === "mremap" || name === "shmat") return this.hex(r);
    return String(r);
  }
}
