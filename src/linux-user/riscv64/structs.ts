// riscv64's struct layouts (asm-generic with 64-bit longs: Linux's include/uapi/asm-generic/*.h,
// QEMU's linux-user/syscall_defs.h for TARGET_RISCV) and address-space layout.
import { flock64Layout, type AbiLayouts, type AddressLayout } from "../layouts.ts";
import { struct } from "../struct.ts";

/** Sv39-sized user space, like Linux on riscv64 (addresses below 2^38). */
export const RISCV64_LAYOUT: AddressLayout = {
  taskSize: 0x4000000000,
  stackTop: 0x3fffff0000,
  stackSize: 8 << 20,
  mmapBase: 0x3f00000000,
  pieBase: 0x2aaaaaa000,
};

const timespec = struct("timespec", 16, { tv_sec: [0, "s64"], tv_nsec: [8, "s64"] });
const timeval = struct("timeval", 16, { tv_sec: [0, "s64"], tv_usec: [8, "s64"] });

const flock = flock64Layout(false);

export const RISCV64_LAYOUTS: AbiLayouts = {
  wordBytes: 8,
  flock,
  flock64: flock,
  // asm-generic struct stat
  stat: struct("stat", 128, {
    st_dev: [0, "u64"],
    st_ino: [8, "u64"],
    st_mode: [16, "u32"],
    st_nlink: [20, "u32"],
    st_uid: [24, "u32"],
    st_gid: [28, "u32"],
    st_rdev: [32, "u64"],
    st_size: [48, "s64"],
    st_blksize: [56, "s32"],
    st_blocks: [64, "s64"],
    st_atime: [72, "s64"],
    st_atime_nsec: [80, "u64"],
    st_mtime: [88, "s64"],
    st_mtime_nsec: [96, "u64"],
    st_ctime: [104, "s64"],
    st_ctime_nsec: [112, "u64"],
  }),
  timespec,
  timeval,
  iovec: struct("iovec", 16, { iov_base: [0, "u64"], iov_len: [8, "u64"] }),
  // no sa_restorer: riscv returns through the kernel's trampoline
  sigaction: struct("sigaction", 24, { sa_handler: [0, "u64"], sa_flags: [8, "u64"], sa_mask: [16, "u64"] }),
  stack: struct("stack_t", 24, { ss_sp: [0, "u64"], ss_flags: [8, "s32"], ss_size: [16, "u64"] }),
  siginfo: struct("siginfo", 128, {
    si_signo: [0, "s32"],
    si_errno: [4, "s32"],
    si_code: [8, "s32"],
    si_addr: [16, "u64"],
    si_pid: [16, "s32"],
    si_uid: [20, "u32"],
    si_status: [24, "s32"],
    si_value: [24, "u64"],
  }),
  statfs: struct("statfs", 120, {
    f_type: [0, "s64"],
    f_bsize: [8, "s64"],
    f_blocks: [16, "u64"],
    f_bfree: [24, "u64"],
    f_bavail: [32, "u64"],
    f_files: [40, "u64"],
    f_ffree: [48, "u64"],
    f_fsid0: [56, "s32"],
    f_fsid1: [60, "s32"],
    f_namelen: [64, "s64"],
    f_frsize: [72, "s64"],
    f_flags: [80, "s64"],
  }),
  rlimit: struct("rlimit", 16, { rlim_cur: [0, "s64"], rlim_max: [8, "s64"] }),
  rusage: struct("rusage", 144, {
    ru_utime_sec: [0, "s64"],
    ru_utime_usec: [8, "s64"],
    ru_stime_sec: [16, "s64"],
    ru_stime_usec: [24, "s64"],
    ru_maxrss: [32, "s64"],
  }),
  tms: struct("tms", 32, { tms_utime: [0, "s64"], tms_stime: [8, "s64"], tms_cutime: [16, "s64"], tms_cstime: [24, "s64"] }),
  sysinfo: struct("sysinfo", 112, {
    uptime: [0, "s64"],
    totalram: [32, "u64"],
    freeram: [40, "u64"],
    procs: [80, "u16"],
    mem_unit: [104, "u32"],
  }),
  itimerval: struct("itimerval", 32, {
    it_interval_sec: [0, "s64"],
    it_interval_usec: [8, "s64"],
    it_value_sec: [16, "s64"],
    it_value_usec: [24, "s64"],
  }),
  // struct termios with NCCS = 19 (TCGETS)
  termios: struct("termios", 36, {
    c_iflag: [0, "u32"],
    c_oflag: [4, "u32"],
    c_cflag: [8, "u32"],
    c_lflag: [12, "u32"],
    c_line: [16, "u8"],
    c_cc: [17, "u8"],
  }),
};
