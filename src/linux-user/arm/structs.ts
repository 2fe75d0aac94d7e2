// The ARM EABI (armhf) struct layouts (Linux's arch/arm/include/uapi/asm/*.h and the asm-generic
// ones with 4-byte longs; QEMU's linux-user/syscall_defs.h for TARGET_ARM with EABI alignment:
// 64-bit members are 8-byte aligned) and the address-space layout of a 32-bit ARM task.
import {
  FLOCK32,
  RLIMIT64,
  STATFS32,
  flock64Layout,
  statfs64Layout,
  type AbiLayouts,
  type AddressLayout,
  type OpenFlagMap,
} from "../layouts.ts";
import { struct } from "../struct.ts";

/**
 * A native ARMv7 Linux task with the 3G/1G split (CONFIG_VMSPLIT_3G, as Debian's armmp kernel):
 * TASK_SIZE = PAGE_OFFSET - 16 MiB, the stack at the top, mmap_base 128 MiB below it (the
 * minimum stack gap), ELF_ET_DYN_BASE = TASK_SIZE / 3 * 2. The kuser helper page at 0xffff0000
 * lies above TASK_SIZE, as in Linux. One page at the top of the stack area holds the signal
 * trampolines (Linux maps its [sigpage] elsewhere; the guest sees only the address in lr).
 */
export const ARM_LAYOUT: AddressLayout = {
  taskSize: 0xbf000000,
  stackTop: 0xbefff000,
  stackSize: 8 << 20,
  mmapBase: 0xb7000000,
  pieBase: 0x7f555000,
};

export const timespec32 = struct("timespec", 8, { tv_sec: [0, "s32"], tv_nsec: [4, "s32"] });
/**
 * struct __kernel_timespec (the *_time64 syscalls): a 64-bit tv_nsec in the guest's memory, of which
 * a 32-bit kernel reads only the low half, its long (get_timespec64: "in 32-bit mode, this drops the
 * padding"); glibc's struct __timespec64 leaves the high half as padding, whatever was on the stack.
 * Written zeroed and then set, the high half is 0, as put_timespec64 writes it.
 */
export const timespec64 = struct("timespec64", 16, { tv_sec: [0, "s64"], tv_nsec: [8, "u32"] });
const timeval = struct("timeval", 8, { tv_sec: [0, "s32"], tv_usec: [4, "s32"] });

/** struct stat64 (EABI: st_dev 8-aligned, st_size at 48, the 64-bit st_ino at the end). */
export const stat64 = struct("stat64", 104, {
  st_dev: [0, "u64"],
  __st_ino: [12, "u32"],
  st_mode: [16, "u32"],
  st_nlink: [20, "u32"],
  st_uid: [24, "u32"],
  st_gid: [28, "u32"],
  st_rdev: [32, "u64"],
  st_size: [48, "s64"],
  st_blksize: [56, "u32"],
  st_blocks: [64, "u64"],
  st_atime: [72, "u32"],
  st_atime_nsec: [76, "u32"],
  st_mtime: [80, "u32"],
  st_mtime_nsec: [84, "u32"],
  st_ctime: [88, "u32"],
  st_ctime_nsec: [92, "u32"],
  st_ino: [96, "u64"],
});

/**
 * ARM's O_* values (arch/arm/include/uapi/asm/fcntl.h) differ from asm-generic's in four bits:
 * O_DIRECTORY 040000, O_NOFOLLOW 0100000, O_DIRECT 0200000, O_LARGEFILE 0400000 (generic:
 * 0200000, 0400000, 040000, 0100000).
 */
const ARM_OPEN_BITS: ReadonlyArray<readonly [number, number]> = [
  [0o40000, 0o200000],
  [0o100000, 0o400000],
  [0o200000, 0o40000],
  [0o400000, 0o100000],
];
const SWAPPED = ARM_OPEN_BITS.reduce((m, [a]) => m | a, 0);
export const ARM_OPEN_FLAGS: OpenFlagMap = {
  toGeneric: (f) => ARM_OPEN_BITS.reduce((r, [arm, gen]) => (f & arm ? r | gen : r), f & ~SWAPPED),
  fromGeneric: (f) => ARM_OPEN_BITS.reduce((r, [arm, gen]) => (f & gen ? r | arm : r), f & ~SWAPPED),
};

export const ARM_LAYOUTS: AbiLayouts = {
  wordBytes: 4,
  openFlags: ARM_OPEN_FLAGS,
  // the old struct stat (stat, lstat, fstat): 16-bit mode/nlink/uid/gid
  stat: struct("stat", 64, {
    st_dev: [0, "u32"],
    st_ino: [4, "u32"],
    st_mode: [8, "u16"],
    st_nlink: [10, "u16"],
    st_uid: [12, "u16"],
    st_gid: [14, "u16"],
    st_rdev: [16, "u32"],
    st_size: [20, "s32"],
    st_blksize: [24, "u32"],
    st_blocks: [28, "u32"],
    st_atime: [32, "u32"],
    st_atime_nsec: [36, "u32"],
    st_mtime: [40, "u32"],
    st_mtime_nsec: [44, "u32"],
    st_ctime: [48, "u32"],
    st_ctime_nsec: [52, "u32"],
  }),
  timespec: timespec32,
  timeval,
  iovec: struct("iovec", 8, { iov_base: [0, "u32"], iov_len: [4, "u32"] }),
  // struct sigaction as rt_sigaction takes it on ARM: handler, flags, restorer, mask
  sigaction: struct("sigaction", 20, { sa_handler: [0, "u32"], sa_flags: [4, "u32"], sa_restorer: [8, "u32"], sa_mask: [12, "u64"] }),
  stack: struct("stack_t", 12, { ss_sp: [0, "u32"], ss_flags: [4, "s32"], ss_size: [8, "u32"] }),
  siginfo: struct("siginfo", 128, {
    si_signo: [0, "s32"],
    si_errno: [4, "s32"],
    si_code: [8, "s32"],
    si_addr: [12, "u32"],
    si_pid: [12, "s32"],
    si_uid: [16, "u32"],
    si_status: [20, "s32"],
    si_value: [20, "u32"],
  }),
  statfs: STATFS32,
  flock: FLOCK32,
  // EABI: l_start 8-aligned
  flock64: flock64Layout(false),
  rlimit: struct("rlimit", 8, { rlim_cur: [0, "u32"], rlim_max: [4, "u32"] }),
  rusage: struct("rusage", 72, {
    ru_utime_sec: [0, "s32"],
    ru_utime_usec: [4, "s32"],
    ru_stime_sec: [8, "s32"],
    ru_stime_usec: [12, "s32"],
    ru_maxrss: [16, "s32"],
  }),
  tms: struct("tms", 16, { tms_utime: [0, "s32"], tms_stime: [4, "s32"], tms_cutime: [8, "s32"], tms_cstime: [12, "s32"] }),
  sysinfo: struct("sysinfo", 64, {
    uptime: [0, "s32"],
    totalram: [16, "u32"],
    freeram: [20, "u32"],
    procs: [40, "u16"],
    mem_unit: [52, "u32"],
  }),
  itimerval: struct("itimerval", 16, {
    it_interval_sec: [0, "s32"],
    it_interval_usec: [4, "s32"],
    it_value_sec: [8, "s32"],
    it_value_usec: [12, "s32"],
  }),
  termios: struct("termios", 36, {
    c_iflag: [0, "u32"],
    c_oflag: [4, "u32"],
    c_cflag: [8, "u32"],
    c_lflag: [12, "u32"],
    c_line: [16, "u8"],
    c_cc: [17, "u8"],
  }),
};

/**
 * The layouts of the *64 / *_time64 syscalls: 64-bit time, stat64, statfs64, rlimit64. The kernel's
 * struct statfs64 is packed to 84 bytes on EABI (ARCH_PACK_STATFS64) although its C sizeof in user
 * space is 88: statfs64/fstatfs64 take either size (entry-common.S's sys_statfs64_wrapper turns 88
 * into 84) and write 84 bytes.
 */
export const ARM_LAYOUTS64: AbiLayouts = {
  ...ARM_LAYOUTS,
  stat: stat64,
  statfs: statfs64Layout(84),
  timespec: timespec64,
  rlimit: RLIMIT64,
};
