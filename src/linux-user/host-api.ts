// What the Linux user-mode emulator needs from its embedder. The core never imports Node: the CLI
// supplies a Node implementation (src/cli/node-host.ts), tests and a browser page the in-memory one
// (BufferHost with a MemFs, see host.ts and mem-fs.ts).
//
// The file system is reached by host path strings and host "handles" (small integers the host
// chooses); every call returns a result or a negative Linux errno (-ENOENT...). Paths, names and
// link targets, both ways, are byte strings (bytes.ts: one char per byte, 0..255), since Linux's
// names are bytes and need not be UTF-8: a host whose API takes text or other bytes converts
// (NodeFs passes Node Buffers of the same bytes). Flags and modes are
// Linux's (O_CREAT = 0o100 ...): a host whose OS numbers them differently translates.

/** A file's metadata, as Linux's struct stat / statx carry it. Times are ns since the epoch. */
export interface HostStat {
  dev: bigint;
  ino: bigint;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: bigint;
  size: bigint;
  blksize: number;
  blocks: bigint;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  /** Birth time if the host knows it. */
  btimeNs?: bigint;
}

/**
 * The stat of a file the kernel makes itself (a pipe, socket, anonymous inode, device node): what
 * Linux's in-memory file systems report, root's, one link, zeros where they keep nothing.
 */
export function kernelStat(dev: bigint, ino: bigint, mode: number, more: Partial<HostStat> = {}): HostStat {
  return {
    dev,
    ino,
    mode,
    nlink: 1,
    uid: 0,
    gid: 0,
    rdev: 0n,
    size: 0n,
    blksize: 4096,
    blocks: 0n,
    atimeNs: 0n,
    mtimeNs: 0n,
    ctimeNs: 0n,
    ...more,
  };
}

/** The major number of a Linux dev_t (HostStat.dev, rdev), as glibc's major() splits it. */
export function devMajor(d: bigint): number {
  return Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn));
}

/** The minor number of a Linux dev_t, as glibc's minor() splits it. */
export function devMinor(d: bigint): number {
  return Number((d & 0xffn) | ((d >> 12n) & ~0xffn));
}

export interface HostDirEntry {
  /** The name's bytes as a byte string. */
  name: string;
  ino: bigint;
  /** Linux DT_* type (DT_REG = 8, DT_DIR = 4, DT_LNK = 10 ...; 0 unknown). */
  type: number;
}

/** What statfs(2) says of a file system (Linux's struct kstatfs). */
export interface HostStatfs {
  /** The file system's magic number (EXT4_SUPER_MAGIC 0xef53, TMPFS_MAGIC 0x01021994, ...). */
  type: number;
  bsize: number;
  blocks: bigint;
  bfree: bigint;
  bavail: bigint;
  files: bigint;
  ffree: bigint;
  /** f_fsid's two words (0, 0 when the host does not say). */
  fsid: [number, number];
  namelen: number;
  frsize: number;
  /** ST_* mount flags with ST_VALID (0x20), or 0 when unknown (glibc's statvfs then reads /proc/mounts). */
  flags: number;
}

export interface HostFs {
  /** Opens a file; returns a handle >= 0 or -errno. `flags` are Linux O_* bits. */
  open(path: string, flags: number, mode: number): number;
  /**
   * open(dir, O_TMPFILE | flags): an unnamed regular file in directory `dir` (flags are the other
   * O_* bits: access mode, O_EXCL, O_APPEND...); a handle or -errno. Optional: without it the
   * kernel creates and unlinks a name in the directory.
   */
  openTmpfile?(dir: string, flags: number, mode: number): number;
  close(h: number): number;
  /** Reads into `buf` at `pos` (null: the handle's own position, for streams); bytes or -errno. */
  read(h: number, buf: Uint8Array, pos: number | null): number;
  write(h: number, data: Uint8Array, pos: number | null): number;
  fstat(h: number): HostStat | number;
  /** stat (follow = true) or lstat. */
  stat(path: string, follow: boolean): HostStat | number;
  /** statfs of the file system holding path (symlinks followed); absent: the guest's statfs gets ENOSYS. */
  statfs?(path: string): HostStatfs | number;
  /** statfs of the file system holding an open handle (fstatfs); absent: by the path it was opened with. */
  fstatfs?(h: number): HostStatfs | number;
  /** Directory entries without "." and "..", in the host's own order. */
  readdir(path: string): HostDirEntry[] | number;
  readlink(path: string): string | number;
  mkdir(path: string, mode: number): number;
  rmdir(path: string): number;
  unlink(path: string): number;
  rename(from: string, to: string): number;
  link(from: string, to: string): number;
  /**
   * linkat(h, "", AT_FDCWD, to, AT_EMPTY_PATH): a new name for the file handle `h` has open, even
   * one without a name (O_TMPFILE); the host's errors (ENOENT for a file that was unlinked, EEXIST,
   * EXDEV). Optional: without it a file is linked by the path it was opened with, while that path
   * still leads to it.
   */
  linkHandle?(h: number, to: string): number;
  symlink(target: string, path: string): number;
  chmod(path: string, mode: number): number;
  /**
   * chown (follow = true) or lchown: new owner and group, -1 for one left as it is; the host's
   * errors (ENOENT, EPERM for one who may not). Optional: without it ownership stays as it is and
   * the guest's chown succeeds on any file that exists.
   */
  chown?(path: string, uid: number, gid: number, follow: boolean): number;
  /** fchown of an open handle, as chown (optional: without it, by the path the file was opened with). */
  fchown?(h: number, uid: number, gid: number): number;
  ftruncate(h: number, len: number): number;
  fsync(h: number): number;
  /** Sets times in ns (null: leave as is). */
  utimes(path: string, atimeNs: bigint | null, mtimeNs: bigint | null, follow: boolean): number;
  /** access(2) mode bits R_OK 4, W_OK 2, X_OK 1, F_OK 0. */
  access(path: string, mode: number): number;
  /** The working directory the first process starts in (a byte string). */
  getcwd(): string;
  chdir(path: string): number;
  /** True when host handle `h` is a terminal (isatty). */
  isatty(h: number): boolean;
  /** Terminal window size of handle h, or null when it is not a terminal. */
  winsize?(h: number): { rows: number; cols: number } | null;
}

export interface LinuxHost {
  writeStdout(data: Uint8Array): void;
  writeStderr(data: Uint8Array): void;
  /** Up to `max` bytes of standard input; an empty array at end of input. */
  readStdin(max: number): Uint8Array;
  /**
   * Whether a read of standard input would complete now (data or end of input); absent: always.
   * A guest reading while it is false blocks (other processes run) until the host has input.
   */
  stdinReady?(max: number): boolean;
  /** Nanoseconds since the Unix epoch, and since an arbitrary start (monotonic). */
  realtimeNs(): bigint;
  monotonicNs(): bigint;
  randomBytes(n: number): Uint8Array;
  /** The file system (host paths). */
  readonly fs: HostFs;
  /**
   * Host handles for the guest's fds 0, 1 and 2, or null to use readStdin/writeStdout/writeStderr
   * (in-memory stdio, a pipe as far as the guest can tell).
   */
  readonly stdioHandles?: [number, number, number] | null;
  /** Blocks the host for `ns` nanoseconds (nanosleep); may return at once. */
  sleepNs?(ns: bigint): void;
  /** Process ids the guest sees. */
  readonly pid?: number;
  readonly ppid?: number;
  /**
   * The process group and session the first guest process is in (qemu-user's are its host
   * process's, so the guest is no session leader); default its own pid for both.
   */
  readonly pgid?: number;
  readonly sid?: number;
  /**
   * The first guest process (the one the host started) was stopped by a stop signal's default
   * action `sig` (Ctrl-Z on its terminal) and no guest process is left running: the host stops
   * itself by `sig`, as qemu-user's process is stopped so that the shell that started it sees a
   * stopped job, and returns once it is continued; the kernel then continues the process's group
   * (the shell's `fg` sends SIGCONT to the job). Without it the process stays stopped until
   * another guest process continues it.
   */
  suspend?(sig: number): void;
  /**
   * The first guest process (its pid is the host process's, as qemu-user's guest is its host
   * process) now catches or ignores signal `sig` (`caught`), or takes its default action again
   * (or has exited): while it catches it, the host passes the signal on when the host process gets
   * it (Kernel.killFromHost); otherwise the host's own default action applies, which is the one the
   * guest would take. Called for every signal below 32 whenever dispositions may have changed.
   */
  catchSignal?(sig: number, caught: boolean): void;
  /**
   * The session of the first guest process's parent (the host process that started tciemu): a
   * group whose members' parents are all in other sessions is orphaned, and the terminal's stop
   * signals are discarded there (Linux's is_current_pgrp_orphaned). Default: the same session.
   */
  readonly parentSid?: number;
  /**
   * The umask the first guest process starts with (qemu-user's is its host process's; default
   * 0o022). The kernel applies the guest's umask itself, so a host whose calls create files must
   * not apply one of its own on top (NodeLinuxHost clears Node's).
   */
  readonly umask?: number;
  /** User and group ids and supplementary groups (default root). */
  readonly uid?: number;
  readonly gid?: number;
  readonly groups?: number[];
  /**
   * The host process's capability sets (Linux: /proc/self/status CapEff, CapPrm, CapInh, CapBnd,
   * CapAmb), which the first guest process starts with, as qemu-user's guest has its process's;
   * default: root's full set for uid 0, none for another user (capabilities.ts).
   */
  readonly capabilities?: HostCapabilities;
  /** The nice value (-20..19) the first guest process starts with (qemu-user's is its host process's); default 0. */
  readonly nice?: number;
  /** Online CPUs the guest sees (sched_getaffinity); default 1. */
  readonly cpus?: number;
  /** uname(2) fields other than machine (qemu passes the host's through). */
  readonly uname?: { sysname: string; nodename: string; release: string; version: string; domainname: string };
  /** Resource limits [soft, hard] by Linux RLIMIT_* number (-1 = unlimited), as the host has them. */
  rlimit?(resource: number): [number, number] | null;
  /**
   * The network user-mode sockets use (host sockets, policy, unix socket names); without it the
   * guest has unix sockets only (sockets/guest-network.ts).
   */
  readonly network?: NetworkNamespace;
}

/** A process's capability sets as bit masks (bit n: capability n, CAP_CHOWN 0 ... CAP_CHECKPOINT_RESTORE 40). */
export interface HostCapabilities {
  effective: bigint;
  permitted: bigint;
  inheritable: bigint;
  bounding: bigint;
  ambient: bigint;
}

/**
 * The network user-mode sockets reach: a GuestNetwork (sockets/guest-network.ts). Declared here
 * by a marker only, so that this interface module imports nothing of the kernel.
 */
export interface NetworkNamespace {
  readonly isGuestNetwork: true;
  /**
   * Whether host sockets are open, whose events a guest that sleeps may be waiting to see: its
   * next read finds the data that came meanwhile, as on Linux (Kernel.runAsync idles on the
   * host's event loop then, not in a blocking sleep).
   */
  hostActive?(): boolean;
}
