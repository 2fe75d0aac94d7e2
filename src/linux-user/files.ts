// Open file descriptions and the guest's file descriptor table. A description is shared by dup'ed
// fds (offset and status flags); the table maps guest fds to descriptions plus FD_CLOEXEC.
import { devMajor, devMinor, kernelStat, type HostDirEntry, type HostFs, type HostStat, type LinuxHost } from "./host-api.ts";
import { EAGAIN, EBADF, EINVAL, EISDIR, ENOTDIR, EPIPE, ESPIPE, O, S_IFCHR, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG } from "./errno.ts";
import type { Thread } from "./thread.ts";

/**
 * The thread a poll or read is for and its thread group (Linux's `current`), for the descriptions
 * whose state is the caller's (a signalfd reads its caller's pending signals).
 */
export interface Caller {
  readonly thread: Thread;
  readonly threads: readonly Thread[];
  /** How many signals have been queued to its process (Task.signalsQueued). */
  readonly signalsQueued: number;
}

/** The calling thread of `t` (a Task: its thread now, its process's threads whenever asked), kept for a wait's later checks. */
export function callerOf(t: Caller): Caller {
  const thread = t.thread;
  return {
    thread,
    get threads() {
      return t.threads;
    },
    get signalsQueued() {
      return t.signalsQueued;
    },
  };
}

/**
 * What the kernel's lock table (file-locks.ts's FileLocks) hears from descriptions and fd tables:
 * declared here so that this file does not import the table that imports it.
 */
export interface LockTable {
  /** A description's last reference went: its OFD and flock locks go. */
  released(d: FileDesc): void;
  /** `owner` (an fd table: a process) closed a descriptor of d's file: its POSIX locks on it go. */
  closed(d: FileDesc, owner: object): void;
}

/**
 * What inotify (inotify.ts) hears from a description of a file it may watch: declared here so that
 * this file does not import the registry that imports it. Set at open for host files and FIFOs.
 */
export interface FileNotify {
  /** A read took bytes (IN_ACCESS; getdents too). */
  accessed(): void;
  /** A write put bytes (IN_MODIFY; ftruncate too). */
  modified(): void;
  /** fchmod, fchown (IN_ATTRIB). */
  attrib(): void;
  /** The description's last reference went (IN_CLOSE_WRITE or IN_CLOSE_NOWRITE). */
  closed(): void;
}

/** Returned by read/write of a description that would block (a pipe): the caller parks the thread. */
export const WOULD_BLOCK = -0x10000;

/** A terminal's job-control state: its foreground process group and session (tcsetpgrp, TIOCGSID). */
export class TerminalState {
  pgrp = 0;
  sid = 0;
}

/** poll(2) event bits (asm-generic/poll.h; the same on every Linux ABI tciemu has). */
export const POLL = {
  IN: 0x1,
  PRI: 0x2,
  OUT: 0x4,
  ERR: 0x8,
  HUP: 0x10,
  NVAL: 0x20,
  RDNORM: 0x40,
  RDBAND: 0x80,
  WRNORM: 0x100,
  WRBAND: 0x200,
  RDHUP: 0x2000,
} as const;

export abstract class FileDesc {
  refs = 0;
  /** For terminals: the job-control state the kernel keeps for the device. */
  terminal: TerminalState | null = null;
  /** Access mode and status flags (O_APPEND, O_NONBLOCK...), as F_GETFL shows them. */
  flags = 0;
  pos = 0;
  /** Host path, for directories (getdents), *at() calls relative to this fd and /proc/self/fd. */
  path: string | null = null;
  abstract read(buf: Uint8Array, pos: number | null): number;
  abstract write(data: Uint8Array, pos: number | null): number;
  abstract stat(): HostStat | number;
  /** New offset or -errno. */
  seek(off: number, whence: number): number {
    void off;
    void whence;
    return -ESPIPE;
  }
  isatty(): boolean {
    return false;
  }
  winsize(): { rows: number; cols: number; xpixel?: number; ypixel?: number } | null {
    return null;
  }
  /**
   * Whether pread/pwrite/preadv/pwritev work here (Linux's FMODE_PREAD / FMODE_PWRITE, which
   * nonseekable_open and stream_open clear): not on pipes, sockets, terminals; ESPIPE there.
   */
  positional(): boolean {
    return false;
  }
  /** Called when the last fd referring to the description is closed. */
  release(): number {
    return 0;
  }
  /** The kernel's lock table when the description holds OFD or flock locks (dropped at the last reference). */
  fileLocks: LockTable | null = null;
  /** inotify's view of the file this description has open (null: none it could watch, or opened O_PATH). */
  notify: FileNotify | null = null;
  /**
   * Drops a reference (an fd, a mapping, an in-flight SCM_RIGHTS); at the last, its locks go, inotify
   * hears of the close (before the file is released, as Linux's __fput) and it is released.
   */
  put(): number {
    if (--this.refs > 0) return 0;
    this.fileLocks?.released(this);
    this.notify?.closed();
    return this.release();
  }
  /** The name of an anonymous inode's file (/proc/<pid>/fd links read "anon_inode:NAME"), or null. */
  get anonName(): string | null {
    return null;
  }
  truncate(_len: number): number {
    return -EINVAL;
  }
  /**
   * fsync/fdatasync: 0 or -errno. EINVAL unless the description is a file the host syncs (Linux's
   * vfs_fsync_range without an f_op->fsync: pipes, FIFOs, sockets, anon inodes, /proc files).
   */
  sync(): number {
    return -EINVAL;
  }
  /** Whether a read/write would not block now (poll's POLLIN/POLLOUT; pipes, terminals). */
  readable(): boolean {
    return true;
  }
  writable(): boolean {
    return true;
  }
  /**
   * poll(2)'s readiness mask now (Linux's f_op->poll: POLL_IN/POLL_OUT..., see POLL), which
   * poll, select and epoll share, for thread `who` (only a signalfd's depends on it). The default
   * comes from readable() and writable().
   */
  poll(_who?: Caller): number {
    return (this.readable() ? POLL.IN | POLL.RDNORM : 0) | (this.writable() ? POLL.OUT | POLL.WRNORM : 0);
  }
  /**
   * Readiness comes from the host (terminal or embedder input, a host socket's events): a wait on
   * it is external, ended by the host rather than by guest threads alone (SliceStop.Idle).
   */
  get external(): boolean {
    return false;
  }
  /**
   * Readiness may come from the host's state without any guest thread acting (inotify's scan for
   * changes other programs make): a wait on it looks again after at most this many ns, or null.
   */
  get recheckNs(): bigint | null {
    return null;
  }
  /** A counter that changes when new events arrive (epoll's edge-triggered mode), for descriptions that keep one. */
  get pollGen(): number {
    return 0;
  }
  /** pollGen as thread `who` sees it (a signalfd's also counts the signals sent to who's process). */
  pollGenFor(_who?: Caller): number {
    return this.pollGen;
  }
  /** Host handle for mmap (file-backed), or -1. */
  get handle(): number {
    return -1;
  }
  /** A directory's entries including "." and ".." (getdents64), or -ENOTDIR. */
  entries(): HostDirEntry[] | number {
    return -ENOTDIR;
  }
  canRead(): boolean {
    return (this.flags & O.ACCMODE) !== O.WRONLY && !(this.flags & O.PATH);
  }
  canWrite(): boolean {
    return (this.flags & O.ACCMODE) !== O.RDONLY && !(this.flags & O.PATH);
  }
}

/** A file, directory or device opened through the host file system. */
export class HostFile extends FileDesc {
  private dir: HostDirEntry[] | null = null;
  seekable: boolean;
  constructor(
    readonly fs: HostFs,
    readonly h: number,
    flags: number,
    path: string,
    readonly mode: number,
  ) {
    super();
    this.flags = flags;
    this.path = path;
    const t = mode & S_IFMT;
    this.seekable = t !== S_IFIFO && t !== S_IFCHR && t !== 0o140000;
  }
  override get handle(): number {
    return this.h;
  }
  get isDir(): boolean {
    return (this.mode & S_IFMT) === S_IFDIR;
  }
  read(buf: Uint8Array, pos: number | null): number {
    if (this.isDir) return -EISDIR;
    if (!this.seekable) return this.fs.read(this.h, buf, null);
    const n = this.fs.read(this.h, buf, pos ?? this.pos);
    if (n > 0 && pos === null) this.pos += n;
    return n;
  }
  write(data: Uint8Array, pos: number | null): number {
    if (!this.seekable) return this.fs.write(this.h, data, null);
    let at = pos ?? this.pos;
    if (this.flags & O.APPEND && pos === null) {
      const st = this.fs.fstat(this.h);
      if (typeof st !== "number") at = Number(st.size);
    }
    const n = this.fs.write(this.h, data, at);
    if (n > 0 && pos === null) this.pos = at + n;
    return n;
  }
  stat(): HostStat | number {
    // an O_PATH description without a host handle (a file it may not read, a symlink): by its path
    if (this.h < 0 && this.path) return this.fs.stat(this.path, !(this.flags & O.NOFOLLOW));
    return this.fs.fstat(this.h);
  }
  override seek(off: number, whence: number): number {
    if (!this.seekable) return this.deviceSeek();
    let base = 0;
    if (whence === 1) base = this.pos;
    else if (whence === 2) {
      const st = this.fs.fstat(this.h);
      if (typeof st === "number") return st;
      base = Number(st.size);
    } else if (whence === 3 || whence === 4) {
      // SEEK_DATA / SEEK_HOLE: no holes
      const st = this.fs.fstat(this.h);
      if (typeof st === "number") return st;
      if (off >= Number(st.size)) return -6; // ENXIO
      if (whence === 4) off = Number(st.size);
    } else if (whence !== 0) return -EINVAL;
    const np = base + off;
    if (np < 0) return -EINVAL;
    this.pos = np;
    if (this.isDir && np === 0) this.dir = null;
    return np;
  }
  /**
   * lseek on a FIFO, socket or character device: the memory devices' llseek (drivers/char/mem.c:
   * null, zero and full's null_lseek puts the offset at 0 whatever is asked; random and urandom's
   * noop_llseek leaves it and returns it), ESPIPE for the others (terminals' no_llseek).
   */
  private deviceSeek(): number {
    if ((this.mode & S_IFMT) !== S_IFCHR) return -ESPIPE;
    const st = this.fs.fstat(this.h);
    if (typeof st === "number") return st;
    if (devMajor(st.rdev) !== 1) return -ESPIPE;
    const minor = devMinor(st.rdev);
    if (minor === 3 || minor === 5 || minor === 7) return (this.pos = 0);
    return minor === 8 || minor === 9 ? this.pos : -ESPIPE;
  }
  /** Regular files, directories, and character devices other than terminals (/dev/zero has pread). */
  override positional(): boolean {
    return this.seekable || ((this.mode & S_IFMT) === S_IFCHR && !this.isatty());
  }
  override isatty(): boolean {
    return this.fs.isatty(this.h);
  }
  override winsize(): { rows: number; cols: number } | null {
    return this.fs.winsize?.(this.h) ?? null;
  }
  /** The host handle is not this description's to close (the host's own stdio; no handle at all). */
  borrowed = false;
  override release(): number {
    return this.borrowed || this.h < 0 ? 0 : this.fs.close(this.h);
  }
  override truncate(len: number): number {
    return this.fs.ftruncate(this.h, len);
  }
  override sync(): number {
    return this.fs.fsync(this.h);
  }
  /** Directory entries including "." and ".." (read once per pass over the directory). */
  override entries(): HostDirEntry[] | number {
    if (!this.isDir) return -ENOTDIR;
    if (!this.dir) {
      const r = this.fs.readdir(this.path!);
      if (typeof r === "number") return r;
      const self = this.fs.stat(this.path!, true);
      const up = this.fs.stat(this.path! + "/..", true);
      this.dir = [
        { name: ".", ino: typeof self === "number" ? 0n : self.ino, type: 4 },
        { name: "..", ino: typeof up === "number" ? 0n : up.ino, type: 4 },
        ...r,
      ];
    }
    return this.dir;
  }
}

/** Standard streams of an in-memory host (BufferHost): a pipe as far as the guest can tell. */
export class StdioFile extends FileDesc {
  constructor(
    readonly host: LinuxHost,
    readonly fd: number,
  ) {
    super();
    this.flags = fd === 0 ? O.RDONLY : O.WRONLY;
  }
  read(buf: Uint8Array): number {
    if (this.fd !== 0) return -EBADF;
    if (buf.length > 0 && this.host.stdinReady && !this.host.stdinReady(buf.length)) return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
    const d = this.host.readStdin(buf.length);
    buf.set(d);
    return d.length;
  }
  override readable(): boolean {
    return this.fd !== 0 || !this.host.stdinReady || this.host.stdinReady(1);
  }
  override get external(): boolean {
    return this.fd === 0 && this.host.stdinReady !== undefined;
  }
  write(data: Uint8Array): number {
    if (this.fd === 1) this.host.writeStdout(data);
    else if (this.fd === 2) this.host.writeStderr(data);
    else return -EBADF;
    return data.length;
  }
  stat(): HostStat {
    return kernelStat(12n, BigInt(100 + this.fd), S_IFIFO | 0o600);
  }
}

/** Writes of at most this many bytes to a pipe are atomic (never interleaved, never partial). */
export const PIPE_BUF = 4096;

/** A pipe's shared buffer (Linux's pipe_inode_info): 64 KiB by default, F_SETPIPE_SZ changes it. */
export class PipeBuffer {
  chunks: Uint8Array[] = [];
  size = 0;
  readers = 0;
  writers = 0;
  capacity = 65536;
  static nextIno = 1000;
  readonly ino = PipeBuffer.nextIno++;
  /** Free bytes (splice and tee fill at most this much; a full pipe has none). */
  get room(): number {
    return this.capacity - this.size;
  }
  /** Copies up to out.length bytes from the front into out without taking them (tee); their count. */
  peek(out: Uint8Array): number {
    let n = 0;
    for (let i = 0; n < out.length && i < this.chunks.length; i++) {
      const c = this.chunks[i];
      const k = Math.min(c.length, out.length - n);
      out.set(c.subarray(0, k), n);
      n += k;
    }
    return n;
  }
  /** Drops n (at most size) bytes from the front, as a read does. */
  consume(n: number): void {
    this.size -= n;
    while (n > 0) {
      const c = this.chunks[0];
      if (n >= c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(n);
      n -= c.length;
    }
  }
  /** Appends data that the caller has made room for (a copy: the caller may reuse its buffer). */
  push(data: Uint8Array): void {
    this.chunks.push(data.slice());
    this.size += data.length;
  }
}

export class PipeEnd extends FileDesc {
  /** Whether this end reads: the read end, or a named pipe opened O_RDWR (isWrite is set too then). */
  readonly isRead: boolean;
  constructor(
    readonly buf: PipeBuffer,
    readonly isWrite: boolean,
    flags: number,
    rdwr = false,
  ) {
    super();
    this.isRead = rdwr || !isWrite;
    this.flags = (rdwr ? O.RDWR : isWrite ? O.WRONLY : O.RDONLY) | (flags & O.NONBLOCK);
    if (isWrite) buf.writers++;
    if (this.isRead) buf.readers++;
  }
  read(out: Uint8Array): number {
    if (!this.isRead) return -EBADF;
    const b = this.buf;
    if (b.size === 0) {
      if (b.writers === 0 || out.length === 0) return 0;
      return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
    }
    const n = b.peek(out);
    b.consume(n);
    return n;
  }
  /**
   * Writes what fits (pipe_write): a write of at most PIPE_BUF bytes goes in whole or not at all;
   * a longer one may be partial (the syscall layer blocks for the rest). WOULD_BLOCK when nothing
   * could be written, -EPIPE without readers.
   */
  write(data: Uint8Array): number {
    if (!this.isWrite) return -EBADF;
    const b = this.buf;
    if (b.readers === 0) return -EPIPE;
    const room = b.capacity - b.size;
    if (data.length === 0) return 0;
    if (room <= 0 || (data.length <= PIPE_BUF && room < data.length)) return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
    const n = Math.min(room, data.length);
    b.push(data.subarray(0, n));
    return n;
  }
  override readable(): boolean {
    return this.isRead && (this.buf.size > 0 || this.buf.writers === 0);
  }
  override writable(): boolean {
    return this.isWrite && (this.buf.capacity - this.buf.size >= PIPE_BUF || this.buf.readers === 0);
  }
  /** Room for a write of n more bytes to make progress (all of it when n <= PIPE_BUF). */
  roomFor(n: number): boolean {
    const room = this.buf.capacity - this.buf.size;
    return this.buf.readers === 0 || (n <= PIPE_BUF ? room >= n : room > 0);
  }
  /**
   * Whether the writers being gone is a hang-up for this reader: always for a pipe; a named pipe's
   * reader only once a writer opened since it did (Linux's f_pipe / w_counter check in pipe_poll).
   */
  protected writersCame(): boolean {
    return true;
  }
  /** pipe_poll: the read end hangs up when the writers are gone, the write end errs when the readers are. */
  override poll(): number {
    const b = this.buf;
    let m = 0;
    if (this.isRead) m |= (b.size > 0 ? POLL.IN | POLL.RDNORM : 0) | (b.writers === 0 && this.writersCame() ? POLL.HUP : 0);
    if (this.isWrite) m |= b.readers === 0 ? POLL.ERR | POLL.OUT | POLL.WRNORM : this.writable() ? POLL.OUT | POLL.WRNORM : 0;
    return m;
  }
  stat(): HostStat {
    return kernelStat(13n, BigInt(this.buf.ino), S_IFIFO | 0o600);
  }
  override release(): number {
    if (this.isWrite) this.buf.writers--;
    if (this.isRead) this.buf.readers--;
    return 0;
  }
}

/** A read-only file whose contents the emulator makes up (/proc/self/maps ...). */
export class SyntheticFile extends FileDesc {
  constructor(readonly data: Uint8Array) {
    super();
    this.flags = O.RDONLY;
  }
  read(buf: Uint8Array, pos: number | null): number {
    const at = pos ?? this.pos;
    const n = Math.max(0, Math.min(buf.length, this.data.length - at));
    buf.set(this.data.subarray(at, at + n));
    if (pos === null) this.pos += n;
    return n;
  }
  write(): number {
    return -EBADF;
  }
  stat(): HostStat {
    return syntheticStat(S_IFREG | 0o444, 4026531842, 1);
  }
  override positional(): boolean {
    return true;
  }
  override seek(off: number, whence: number): number {
    const base = whence === 1 ? this.pos : whence === 2 ? this.data.length : 0;
    if (base + off < 0) return -EINVAL;
    return (this.pos = base + off);
  }
}

/**
 * The memory devices (drivers/char/mem.c) for hosts whose file system has no /dev (the browser's
 * MemFs): null (reads end, writes vanish), zero (reads zeros), full (writes fail with ENOSPC),
 * random and urandom (the host's randomness).
 */
export class CharDevice extends FileDesc {
  constructor(
    readonly kind: "null" | "zero" | "full" | "random" | "urandom",
    flags: number,
    private readonly random: (n: number) => Uint8Array,
  ) {
    super();
    this.flags = flags;
    this.path = `/dev/${kind}`;
  }
  read(buf: Uint8Array): number {
    if (this.kind === "null") return 0;
    if (this.kind === "random" || this.kind === "urandom") buf.set(this.random(buf.length));
    else buf.fill(0);
    return buf.length;
  }
  write(data: Uint8Array): number {
    return this.kind === "full" ? -28 : data.length; // ENOSPC
  }
  override positional(): boolean {
    return true;
  }
  override seek(): number {
    return 0;
  }
  stat(): HostStat {
    const minor = { null: 3n, zero: 5n, full: 7n, random: 8n, urandom: 9n }[this.kind];
    return kernelStat(5n, minor, S_IFCHR | 0o666, { rdev: (1n << 8n) | minor });
  }
}

/** A directory the kernel makes up (/proc, /proc/<pid>, /proc/<pid>/fd). */
export class SyntheticDir extends FileDesc {
  private list: HostDirEntry[] | null = null;
  constructor(
    path: string,
    private readonly make: () => HostDirEntry[],
  ) {
    super();
    this.flags = O.RDONLY | O.DIRECTORY;
    this.path = path;
  }
  read(): number {
    return -EISDIR;
  }
  write(): number {
    return -EBADF;
  }
  stat(): HostStat {
    return syntheticStat(S_IFDIR | 0o555, 1, 2);
  }
  override entries(): HostDirEntry[] {
    this.list ??= [{ name: ".", ino: 1n, type: 4 }, { name: "..", ino: 1n, type: 4 }, ...this.make()];
    return this.list;
  }
  override positional(): boolean {
    return true;
  }
  override seek(off: number, whence: number): number {
    if (whence !== 0 || off < 0) return -EINVAL;
    if (off === 0) this.list = null;
    return (this.pos = off);
  }
}

export class FdTable {
  private fds: Array<{ d: FileDesc; cloexec: boolean } | undefined> = [];
  /** RLIMIT_NOFILE */
  limit = 1024;
  /** The kernel's lock table: closing any descriptor of a file drops the POSIX locks this table (the process) holds on it. */
  fileLocks: LockTable | null = null;

  /** A copy for a forked child: the same open file descriptions (shared offsets), the same flags. */
  clone(): FdTable {
    const t = new FdTable();
    t.limit = this.limit;
    t.fileLocks = this.fileLocks;
    this.fds.forEach((e, fd) => {
      if (!e) return;
      e.d.refs++;
      t.fds[fd] = { d: e.d, cloexec: e.cloexec };
    });
    return t;
  }

  /** execve: closes the descriptors marked FD_CLOEXEC. */
  closeOnExec(): void {
    this.fds.forEach((e, fd) => {
      if (e?.cloexec) this.close(fd);
    });
  }

  get(fd: number): FileDesc | null {
    return (fd >= 0 && this.fds[fd]?.d) || null;
  }
  cloexec(fd: number): boolean {
    return this.fds[fd]?.cloexec ?? false;
  }
  setCloexec(fd: number, v: boolean): void {
    const e = this.fds[fd];
    if (e) e.cloexec = v;
  }
  /** Installs d at the lowest free fd >= min; returns the fd or -EMFILE. */
  install(d: FileDesc, cloexec = false, min = 0): number {
    let fd = min;
    while (this.fds[fd]) fd++;
    if (fd >= this.limit) return -24;
    return this.installAt(fd, d, cloexec);
  }
  installAt(fd: number, d: FileDesc, cloexec = false): number {
    if (this.fds[fd]) this.close(fd);
    d.refs++;
    this.fds[fd] = { d, cloexec };
    return fd;
  }
  close(fd: number): number {
    const e = fd >= 0 ? this.fds[fd] : undefined;
    if (!e) return -EBADF;
    this.fds[fd] = undefined;
    this.fileLocks?.closed(e.d, this);
    return e.d.put();
  }
  /** Open fds, for /proc/self/fd and closing everything at exit. */
  list(): number[] {
    const r: number[] = [];
    this.fds.forEach((e, i) => e && r.push(i));
    return r;
  }
}

/** Metadata of a node the kernel makes up (procfs-like: device 4, owned by root, empty, no times). */
export function syntheticStat(mode: number, ino: number, nlink = 1): HostStat {
  return {
    dev: 4n,
    ino: BigInt(ino),
    mode,
    nlink,
    uid: 0,
    gid: 0,
    rdev: 0n,
    size: 0n,
    blksize: 1024,
    blocks: 0n,
    atimeNs: 0n,
    mtimeNs: 0n,
    ctimeNs: 0n,
  };
}
