// i386's struct layouts (QEMU's linux-user/syscall_defs.h for TARGET_I386 && TARGET_ABI32, Linux's
// arch/x86/include/uapi/asm/*.h for a 32-bit task) and address-space layout. longs and pointers are
// 4 bytes, time_t of the legacy calls 32 bits; the *64 / *_time64 calls have their own layouts.
import { FLOCK32, STATFS32, flock64Layout, statfs64Layout, type AbiLayouts, type AddressLayout } from "../layouts.ts";
import { struct } from "../struct.ts";

/**
 * A 32-bit task as qemu-i386 places it: TASK_SIZE as Linux on x86-64 gives a compat task
 * (0xffffe000); everything else is QEMU's own layout under its reserved 4 GiB (TASK_UNMAPPED_BASE
 * 0x40000000, ELF_ET_DYN_BASE 0x400000, an 8 MiB stack mmapped first, first-fit mmaps upward).
 */
export const I386_LAYOUT: AddressLayout = {
  taskSize: 0xffffe000,
  stackTop: 0x40801000,
  stackSize: 8 << 20,
  mmapBase: 0x40000000,
  pieBase: 0x400000,
  qemuLayout: true,
  mmapMinAddr: 0x10000,
};

const timespec = struct("timespec", 8, { tv_sec: [0, "s32"], tv_nsec: [4, "s32"] });
/**
 * struct __kernel_timespec of the *_time64 calls. tv_nsec is read as its low 32 bits: Linux drops
 * the padding above it for 32-bit tasks (get_timespec64), and glibc leaves that padding unset.
 */
export const TIMESPEC64 = struct("timespec64", 16, { tv_sec: [0, "s64"], tv_nsec: [8, "u32"] });

const timeval = struct("timeval", 8, { tv_sec: [0, "s32"], tv_usec: [4, "s32"] });

/** struct stat (the old stat/lstat/fstat, 106-108): QEMU's target_stat for i386. */
export const STAT = struct("stat", 64, {
  st_dev: [0, "u16"],
  st_ino: [4, "u32"],
  st_mode: [8, "u16"],
  st_nlink: [10, "u16"],
  st_uid: [12, "u16"],
  st_gid: [14, "u16"],
  st_rdev: [16, "u16"],
  st_size: [20, "u32"],
  st_blksize: [24, "u32"],
  st_blocks: [28, "u32"],
  st_atime: [32, "u32"],
  st_atime_nsec: [36, "u32"],
  st_mtime: [40, "u32"],
  st_mtime_nsec: [44, "u32"],
  st_ctime: [48, "u32"],
  st_ctime_nsec: [52, "u32"],
});

/** struct statfs64 for statfs64/fstatfs64: packed on x86 (84 bytes). */
export const STATFS64 = statfs64Layout(84);

/** struct stat64 as QEMU writes it for i386 (16-bit st_dev/st_rdev, packed, 96 bytes). */
export const STAT64 = struct("stat64", 96, {
  st_dev: [0, "u16"],
  __st_ino: [12, "u32"],
  st_mode: [16, "u32"],
  st_nlink: [20, "u32"],
  st_uid: [24, "u32"],
  st_gid: [28, "u32"],
  st_rdev: [32, "u16"],
  st_size: [44, "s64"],
  st_blksize: [52, "u32"],
  st_blocks: [56, "u32"],
  st_atime: [64, "u32"],
  st_atime_nsec: [68, "u32"],
  st_mtime: [72, "u32"],
  st_mtime_nsec: [76, "u32"],
  st_ctime: [80, "u32"],
  st_ctime_nsec: [84, "u32"],
  st_ino: [88, "u64"],
});

/** struct user_desc (set_thread_area, get_thread_area, modify_ldt, clone's CLONE_SETTLS). */
export const USER_DESC = struct("user_desc", 16, {
  entry_number: [0, "u32"],
  base_addr: [4, "u32"],
  limit: [8, "u32"],
  flags: [12, "u32"],
});

export const I386_LAYOUTS: AbiLayouts = {
  wordBytes: 4,
  stat: STAT,
  timespec,
  timeval,
  iovec: struct("iovec", 8, { iov_base: [0, "u32"], iov_len: [4, "u32"] }),
  // the kernel's struct sigaction for rt_sigaction: handler, flags, restorer, mask
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
  // packed on x86, like statfs64
  flock64: flock64Layout(true),
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
