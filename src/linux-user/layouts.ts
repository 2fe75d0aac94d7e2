// The guest ABI's data: where things go in the address space, and the struct layouts the generic
// syscall code reads and writes. Each architecture provides an AddressLayout and an AbiLayouts
// (riscv64/structs.ts); layouts that are the same on every Linux ABI (statx, linux_dirent64,
// pollfd) are here.
import { struct, type Struct } from "./struct.ts";

/** Address-space constants of a process (Linux's TASK_SIZE, mmap_base, ELF_ET_DYN_BASE, stack). */
export interface AddressLayout {
  /** One past the highest user address (TASK_SIZE): nothing is mapped at or above it. */
  readonly taskSize: number;
  /** The initial stack ends at stackTop and is stackSize long. */
  readonly stackTop: number;
  readonly stackSize: number;
  /** mmap without a hint searches top-down from here (the interpreter goes just below it). */
  readonly mmapBase: number;
  /** Where a PIE (ET_DYN) executable's lowest segment is loaded. */
  readonly pieBase: number;
  /**
   * QEMU linux-user's own placement for guests that run under a reserved address space (32-bit
   * guests on 64-bit hosts, e.g. qemu-i386), instead of Linux's top-down one: mmaps without
   * MAP_FIXED take the first free range at or above the hint (else mmapBase), from mmapMinAddr when
   * nothing above fits; the stack is mmapped before the interpreter; the initial stack and the
   * auxiliary vector are laid out as create_elf_tables does. Lets programs see qemu's addresses.
   */
  readonly qemuLayout?: boolean;
  /** The lowest address mmap may return (the host's vm.mmap_min_addr under QEMU; default 64 KiB). */
  readonly mmapMinAddr?: number;
}

/** The highest address + 1 a non-fixed mmap may use. */
export function mmapLimit(l: AddressLayout): number {
  return l.qemuLayout ? l.taskSize : l.mmapBase;
}

export type StatField =
  | "st_dev"
  | "st_ino"
  | "st_mode"
  | "st_nlink"
  | "st_uid"
  | "st_gid"
  | "st_rdev"
  | "st_size"
  | "st_blksize"
  | "st_blocks"
  | "st_atime"
  | "st_atime_nsec"
  | "st_mtime"
  | "st_mtime_nsec"
  | "st_ctime"
  | "st_ctime_nsec";

export type TimespecField = "tv_sec" | "tv_nsec";
export type StatfsField =
  | "f_type"
  | "f_bsize"
  | "f_blocks"
  | "f_bfree"
  | "f_bavail"
  | "f_files"
  | "f_ffree"
  | "f_fsid0"
  | "f_fsid1"
  | "f_namelen"
  | "f_frsize"
  | "f_flags";
export type TimevalField = "tv_sec" | "tv_usec";
export type FlockField = "l_type" | "l_whence" | "l_start" | "l_len" | "l_pid";

/**
 * An ABI whose O_* flag values differ from asm-generic's (ARM: O_DIRECTORY, O_NOFOLLOW, O_DIRECT
 * and O_LARGEFILE), translated where flags cross the syscall boundary (QEMU's fcntl_flags_tbl).
 */
export interface OpenFlagMap {
  toGeneric(flags: number): number;
  fromGeneric(flags: number): number;
}

/** The native struct layouts of an ABI (what its plain, non-"64" syscalls use). */
export interface AbiLayouts {
  /** O_* flags, when they are not asm-generic's. */
  readonly openFlags?: OpenFlagMap;
  /** sizeof(long) and of a pointer. */
  readonly wordBytes: 4 | 8;
  readonly stat: Struct<StatField>;
  /** struct statfs (statfs, fstatfs; the "64" variants of a 32-bit ABI get struct statfs64 here). */
  readonly statfs: Struct<StatfsField>;
  readonly timespec: Struct<TimespecField>;
  readonly timeval: Struct<TimevalField>;
  readonly iovec: Struct<"iov_base" | "iov_len">;
  /** struct sigaction as rt_sigaction takes it (a "sa_restorer" field where the ABI has one). */
  readonly sigaction: Struct<"sa_handler" | "sa_flags" | "sa_mask">;
  readonly stack: Struct<"ss_sp" | "ss_flags" | "ss_size">;
  readonly siginfo: Struct<"si_signo" | "si_errno" | "si_code" | "si_addr" | "si_pid" | "si_uid">;
  readonly rlimit: Struct<"rlim_cur" | "rlim_max">;
  readonly rusage: Struct<"ru_utime_sec" | "ru_utime_usec" | "ru_maxrss">;
  readonly tms: Struct<"tms_utime">;
  readonly sysinfo: Struct<"uptime" | "totalram" | "freeram" | "procs" | "mem_unit">;
  readonly itimerval: Struct<"it_interval_sec" | "it_interval_usec" | "it_value_sec" | "it_value_usec">;
  readonly termios: Struct<"c_iflag" | "c_oflag" | "c_cflag" | "c_lflag" | "c_line" | "c_cc">;
  /** struct flock (fcntl's F_GETLK, F_SETLK, F_SETLKW). */
  readonly flock: Struct<FlockField>;
  /** struct flock64 (fcntl64's F_*LK64, and the F_OFD_* commands of fcntl and fcntl64, as QEMU reads them). */
  readonly flock64: Struct<FlockField>;
}

// ---- layouts every Linux ABI shares

/** struct statfs of the 32-bit ABIs (i386, ARM): every field a 32-bit word (asm-generic/statfs.h). */
/** struct rlimit64 (prlimit64, and ARM's and i386's 64-bit rlimit calls): two s64 on every ABI. */
export const RLIMIT64 = struct("rlimit64", 16, { rlim_cur: [0, "s64"], rlim_max: [8, "s64"] });

export const STATFS32 = struct("statfs", 64, {
  f_type: [0, "u32"],
  f_bsize: [4, "u32"],
  f_blocks: [8, "u32"],
  f_bfree: [12, "u32"],
  f_bavail: [16, "u32"],
  f_files: [20, "u32"],
  f_ffree: [24, "u32"],
  f_fsid0: [28, "s32"],
  f_fsid1: [32, "s32"],
  f_namelen: [36, "u32"],
  f_frsize: [40, "u32"],
  f_flags: [44, "u32"],
});

/**
 * struct statfs64 of the 32-bit ABIs: 64-bit block and file counts. x86 packs it (ARCH_PACK_STATFS64:
 * 84 bytes), ARM EABI aligns its 64-bit members and so pads it to 88 (QEMU's target_statfs64 with
 * ABI_LLONG_ALIGNMENT 4 / 8); the fields are at the same offsets.
 */
export function statfs64Layout(size: 84 | 88): Struct<StatfsField> {
  return struct("statfs64", size, {
    f_type: [0, "u32"],
    f_bsize: [4, "u32"],
    f_blocks: [8, "u64"],
    f_bfree: [16, "u64"],
    f_bavail: [24, "u64"],
    f_files: [32, "u64"],
    f_ffree: [40, "u64"],
    f_fsid0: [48, "s32"],
    f_fsid1: [52, "s32"],
    f_namelen: [56, "u32"],
    f_frsize: [60, "u32"],
    f_flags: [64, "u32"],
  });
}

export const STATX = struct("statx", 256, {
  stx_mask: [0, "u32"],
  stx_blksize: [4, "u32"],
  stx_attributes: [8, "u64"],
  stx_nlink: [16, "u32"],
  stx_uid: [20, "u32"],
  stx_gid: [24, "u32"],
  stx_mode: [28, "u16"],
  stx_ino: [32, "u64"],
  stx_size: [40, "u64"],
  stx_blocks: [48, "u64"],
  stx_attributes_mask: [56, "u64"],
  stx_atime_sec: [64, "s64"],
  stx_atime_nsec: [72, "u32"],
  stx_btime_sec: [80, "s64"],
  stx_btime_nsec: [88, "u32"],
  stx_ctime_sec: [96, "s64"],
  stx_ctime_nsec: [104, "u32"],
  stx_mtime_sec: [112, "s64"],
  stx_mtime_nsec: [120, "u32"],
  stx_rdev_major: [128, "u32"],
  stx_rdev_minor: [132, "u32"],
  stx_dev_major: [136, "u32"],
  stx_dev_minor: [140, "u32"],
});

/**
 * struct flock with 64-bit offsets (QEMU's target_flock64; riscv64's struct flock): l_start 8-aligned
 * (32 bytes) except on i386, which packs it (24 bytes).
 */
export function flock64Layout(packed: boolean): Struct<FlockField> {
  const o = packed ? 4 : 8;
  return struct(packed ? "flock64" : "flock", packed ? 24 : 32, {
    l_type: [0, "s16"],
    l_whence: [2, "s16"],
    l_start: [o, "s64"],
    l_len: [o + 8, "s64"],
    l_pid: [o + 16, "s32"],
  });
}

/** struct flock of the 32-bit ABIs (i386, ARM): 32-bit offsets. */
export const FLOCK32 = struct("flock", 16, {
  l_type: [0, "s16"],
  l_whence: [2, "s16"],
  l_start: [4, "s32"],
  l_len: [8, "s32"],
  l_pid: [12, "s32"],
});

/** struct linux_dirent64 without its name (d_name starts at 19). */
export const DIRENT64 = struct("linux_dirent64", 19, { d_ino: [0, "u64"], d_off: [8, "s64"], d_reclen: [16, "u16"], d_type: [18, "u8"] });

export const POLLFD = struct("pollfd", 8, { fd: [0, "s32"], events: [4, "s16"], revents: [6, "s16"] });

export const WINSIZE = struct("winsize", 8, { ws_row: [0, "u16"], ws_col: [2, "u16"], ws_xpixel: [4, "u16"], ws_ypixel: [6, "u16"] });

/** struct new_utsname: six 65-byte strings. */
export const UTSNAME_FIELD = 65;
export const UTSNAME_SIZE = 6 * UTSNAME_FIELD;
