// The 9P backend for `-virtfs local,path=DIR`: a host directory through node:fs, after QEMU's
// hw/9pfs/9p-local.c (security_model=none or passthrough).
//
// No escape from DIR. Node has no openat(), so this backend gets the same guarantee the way QEMU's
// 9p-util-linux.c reaches *at() calls Node lacks: through /proc/self/fd. The root is opened once
// (O_PATH). Every operation walks its path from the root one component at a time, opening each
// directory with O_PATH | O_DIRECTORY | O_NOFOLLOW *relative to the previous directory's fd*
// ("/proc/self/fd/<fd>/<name>" resolves <name> inside the directory that fd holds, wherever that
// directory is now), exactly as QEMU's local_open_nofollow does with openat. The last component is
// then used relative to its parent's fd with calls that do not follow a final symlink (lstat,
// lchown, lutimes, readlink, unlink, rmdir, rename, link, mkdir, symlink, open with O_NOFOLLOW).
// chmod, utimes, truncate and statfs, which would follow a symlink, are done on an O_PATH fd of
// the object itself (checked not to be a symlink; QEMU's fchmodat_nofollow), reopened through
// /proc/self/fd when a real fd is needed.
//
// Symlink races: if a host process replaces a directory by a symlink after the guest walked
// through it, the next operation's O_NOFOLLOW open of that component fails (ENOTDIR), and a final
// component swapped for a symlink is never followed (ELOOP or the symlink itself). Nothing is
// checked first and used later by path: every step uses the fd the check produced.
//
// Without /proc/self/fd (macOS, or /proc not mounted) the backend falls back to checking each
// component with lstat and then using the path string: the same answers, but a host process racing
// between the check and the use could redirect that one operation. `procFd: false` forces that mode
// (tests run both).
//
// Files are opened with O_NONBLOCK (QEMU does too, then clears it): a FIFO in the share must not
// stop the emulator. Node cannot clear the flag, so FIFO reads give EAGAIN when empty.
// mknod can make regular files only (Node has no mknod): FIFOs and sockets get EOPNOTSUPP,
// device nodes EPERM (what an unprivileged QEMU gets).
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  futimesSync,
  lchownSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  statfsSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeSync,
  type BigIntStats,
} from "node:fs";
import type { DirEntry, FsAttr, FsBackend, FsPath, FsStatfs, SetAttr } from "../hw/9p/backend.ts";
import { timespecNs, utimesSeconds } from "./utimes-seconds.ts";
import { EINVAL, ELOOP, ENOTDIR, EOPNOTSUPP, EPERM, FsError, errnoFromCode } from "../hw/9p/errno.ts";
import {
  DOTL_ACCMODE,
  DOTL_APPEND,
  DOTL_DIRECTORY,
  DOTL_DSYNC,
  DOTL_EXCL,
  DOTL_NOATIME,
  DOTL_SYNC,
  DOTL_TRUNC,
  S_IFCHR,
  S_IFBLK,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_IFSOCK,
  modeToDtype,
} from "../hw/9p/protocol.ts";

/** Linux's O_PATH (010000000 on every architecture Node runs on); Node does not export it. */
const O_PATH = 0o10000000;
const MASK53 = (1n << 53n) - 1n;

export interface HostDirFsOptions {
  /** security_model=passthrough: failing to give a new file the guest's owner is an error (none: ignored). */
  passthrough?: boolean;
  /** Use /proc/self/fd for race-free resolution (default: when /proc/self/fd exists). */
  procFd?: boolean;
}

interface HostHandle {
  fd: number;
  /** Without /proc/self/fd: the checked path of an open directory, to list it by name. */
  dirPath: Buffer | null;
}

/** A resolved directory: `prefix` + name names an entry in it; close() when done. */
interface DirRef {
  prefix: Buffer;
  close(): void;
}

function fsError(e: unknown): FsError {
  if (e instanceof FsError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  return new FsError(errnoFromCode(code), (e as Error)?.message);
}

/** Runs a node:fs call, turning its error into an FsError with the Linux errno. */
function sys<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw fsError(e);
  }
}

function nameBuf(name: string): Buffer {
  return Buffer.from(name, "latin1");
}

/** Linux O_* (Tlopen's) to this host's open flags. */
function hostOpenFlags(flags: number): number {
  const c = constants;
  let o = flags & DOTL_ACCMODE;
  if (flags & DOTL_TRUNC) o |= c.O_TRUNC;
  if (flags & DOTL_APPEND) o |= c.O_APPEND;
  if (flags & DOTL_EXCL) o |= c.O_EXCL;
  if (flags & DOTL_DIRECTORY) o |= c.O_DIRECTORY;
  if (flags & DOTL_DSYNC && c.O_DSYNC) o |= c.O_DSYNC;
  if (flags & DOTL_SYNC && c.O_SYNC) o |= c.O_SYNC;
  if (flags & DOTL_NOATIME && c.O_NOATIME) o |= c.O_NOATIME;
  return o | c.O_NOFOLLOW | c.O_NONBLOCK;
}

export class HostDirFs implements FsBackend<HostHandle> {
  readonly procFd: boolean;
  private readonly rootFd: number;
  private readonly rootDev: bigint;
  /** The root's path with a trailing "/" (used without /proc/self/fd). */
  private readonly rootBuf: Buffer;

  /** Opens the shared directory; throws FsError (ENOENT, ENOTDIR, EACCES...) if it cannot. */
  constructor(
    root: string,
    readonly opts: HostDirFsOptions = {},
  ) {
    this.procFd = opts.procFd ?? existsSync("/proc/self/fd");
    this.rootBuf = Buffer.from(root.endsWith("/") ? root : root + "/");
    // the root itself may be a symlink (QEMU opens it with O_DIRECTORY, following)
    this.rootFd = sys(() => openSync(root, (this.procFd ? O_PATH : constants.O_RDONLY) | constants.O_DIRECTORY));
    this.rootDev = sys(() => fstatSync(this.rootFd, { bigint: true })).dev;
  }

  /** Closes the root (the backend is unusable afterwards). */
  dispose(): void {
    closeSync(this.rootFd);
  }

  // ---- resolution

  private procPrefix(fd: number): Buffer {
    return Buffer.from(`/proc/self/fd/${fd}/`);
  }

  private at(dir: DirRef, name: string): Buffer {
    return Buffer.concat([dir.prefix, nameBuf(name)]);
  }

  /** The directory `path` names, reached without following any symlink. */
  private openDir(path: FsPath): DirRef {
    if (this.procFd) {
      let fd = this.rootFd;
      try {
        for (const name of path) {
          const next = openSync(Buffer.concat([this.procPrefix(fd), nameBuf(name)]), O_PATH | constants.O_DIRECTORY | constants.O_NOFOLLOW);
          if (fd !== this.rootFd) closeSync(fd);
          fd = next;
        }
      } catch (e) {
        if (fd !== this.rootFd) closeSync(fd);
        const err = fsError(e);
        // a symlink where a directory is needed: O_NOFOLLOW|O_DIRECTORY says ELOOP or ENOTDIR
        throw err.errno === ELOOP ? new FsError(ENOTDIR) : err;
      }
      const own = fd;
      return { prefix: this.procPrefix(own), close: () => (own !== this.rootFd ? closeSync(own) : undefined) };
    }
    let p = this.rootBuf;
    for (const name of path) {
      const q = Buffer.concat([p, nameBuf(name)]);
      if (!sys(() => lstatSync(q)).isDirectory()) throw new FsError(ENOTDIR);
      p = Buffer.concat([q, Buffer.from("/")]);
    }
    return { prefix: p, close: () => undefined };
  }

  private inDir<T>(dir: FsPath, f: (d: DirRef) => T): T {
    const d = this.openDir(dir);
    try {
      return sys(() => f(d));
    } finally {
      d.close();
    }
  }

  /** Runs f with the parent of `path` and its last name (path must not be the root). */
  private inParent<T>(path: FsPath, f: (d: DirRef, name: string) => T): T {
    return this.inDir(path.slice(0, -1), (d) => f(d, path[path.length - 1]));
  }

  /**
   * Runs f with a path that names the object at `path` itself and stays bound to it (an O_PATH fd
   * seen through /proc/self/fd), after checking it is not a symlink. Used for the calls that would
   * follow one (chmod, utimes, truncate, statfs).
   */
  private onObject<T>(path: FsPath, f: (self: Buffer) => T): T {
    if (!this.procFd) {
      const p = path.length === 0 ? this.rootBuf : this.inParent(path, (d, n) => this.at(d, n));
      if (path.length > 0 && sys(() => lstatSync(p)).isSymbolicLink()) throw new FsError(ELOOP);
      return sys(() => f(p));
    }
    const fd = path.length === 0 ? this.rootFd : this.inParent(path, (d, n) => openSync(this.at(d, n), O_PATH | constants.O_NOFOLLOW));
    try {
      if (sys(() => fstatSync(fd)).isSymbolicLink()) throw new FsError(ELOOP);
      return sys(() => f(Buffer.from(`/proc/self/fd/${fd}`)));
    } finally {
      if (fd !== this.rootFd) closeSync(fd);
    }
  }

  // ---- attributes

  private attr(st: BigIntStats): FsAttr {
    let ino = st.ino;
    // several devices below one share: keep inode numbers of different devices apart (QEMU remaps them)
    if (st.dev !== this.rootDev) ino ^= (st.dev & 0xffffn) << 37n;
    // nanoseconds in [0, 1e9) and seconds rounded down, also before 1970 (as struct timespec has them)
    const nsec = (ns: bigint) => Number(((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n);
    const sec = (ns: bigint) => Number((ns - BigInt(nsec(ns))) / 1_000_000_000n);
    return {
      mode: Number(st.mode),
      uid: Number(st.uid),
      gid: Number(st.gid),
      nlink: Number(st.nlink),
      rdev: Number(st.rdev),
      size: Number(st.size),
      blksize: Number(st.blksize),
      blocks: Number(st.blocks),
      ino: Number(ino & MASK53),
      atimeSec: sec(st.atimeNs),
      atimeNsec: nsec(st.atimeNs),
      mtimeSec: sec(st.mtimeNs),
      mtimeNsec: nsec(st.mtimeNs),
      ctimeSec: sec(st.ctimeNs),
      ctimeNsec: nsec(st.ctimeNs),
    };
  }

  private lstatAt(d: DirRef, name: string): FsAttr {
    return this.attr(lstatSync(this.at(d, name), { bigint: true }));
  }

  /** Gives a new object the guest's owner (errors ignored unless passthrough) and its exact mode (no umask). */
  private setCred(d: DirRef, name: string, uid: number, gid: number, mode: number | null): void {
    try {
      lchownSync(this.at(d, name), uid, gid);
    } catch (e) {
      if (this.opts.passthrough) throw e;
    }
    if (mode !== null) this.chmodNoFollow(d, name, mode);
  }

  private chmodNoFollow(d: DirRef, name: string, mode: number): void {
    if (!this.procFd) {
      if (lstatSync(this.at(d, name)).isSymbolicLink()) throw new FsError(EOPNOTSUPP);
      chmodSync(this.at(d, name), mode);
      return;
    }
    const fd = openSync(this.at(d, name), O_PATH | constants.O_NOFOLLOW);
    try {
      if (fstatSync(fd).isSymbolicLink()) throw new FsError(EOPNOTSUPP);
      chmodSync(`/proc/self/fd/${fd}`, mode);
    } finally {
      closeSync(fd);
    }
  }

  // ---- FsBackend

  lstat(path: FsPath): FsAttr {
    if (path.length === 0) return this.attr(sys(() => fstatSync(this.rootFd, { bigint: true })));
    return this.inParent(path, (d, n) => this.lstatAt(d, n));
  }

  open(path: FsPath, flags: number): HostHandle {
    if (path.length === 0) return this.opendir(path);
    const fd = this.inParent(path, (d, n) => openSync(this.at(d, n), hostOpenFlags(flags)));
    return { fd, dirPath: null };
  }

  opendir(path: FsPath): HostHandle {
    // a readable fd (O_RDONLY), so that EACCES shows at open as on Linux
    const flags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
    if (path.length === 0) {
      const root = this.procFd ? Buffer.from(`/proc/self/fd/${this.rootFd}`) : this.rootBuf;
      return { fd: sys(() => openSync(root, constants.O_RDONLY | constants.O_DIRECTORY)), dirPath: this.procFd ? null : root };
    }
    return this.inParent(path, (d, n) => {
      const p = this.at(d, n);
      return { fd: openSync(p, flags), dirPath: this.procFd ? null : Buffer.concat([p, Buffer.from("/")]) };
    });
  }

  create(dir: FsPath, name: string, flags: number, mode: number, uid: number, gid: number): { handle: HostHandle; attr: FsAttr } {
    return this.inDir(dir, (d) => {
      const fd = openSync(this.at(d, name), hostOpenFlags(flags) | constants.O_CREAT, mode);
      try {
        // on the fd itself: nothing can swap the file between creating and setting its owner and mode
        try {
          fchownSync(fd, uid, gid);
        } catch (e) {
          if (this.opts.passthrough) throw e;
        }
        fchmodSync(fd, mode & 0o7777);
        return { handle: { fd, dirPath: null }, attr: this.attr(fstatSync(fd, { bigint: true })) };
      } catch (e) {
        closeSync(fd);
        throw e;
      }
    });
  }

  read(h: HostHandle, position: number, dst: Uint8Array): number {
    return sys(() => readSync(h.fd, dst, 0, dst.length, position));
  }

  write(h: HostHandle, position: number, src: Uint8Array): number {
    return sys(() => writeSync(h.fd, src, 0, src.length, position));
  }

  fstat(h: HostHandle): FsAttr {
    return this.attr(sys(() => fstatSync(h.fd, { bigint: true })));
  }

  fsync(h: HostHandle, datasync: boolean): void {
    sys(() => (datasync ? fdatasyncSync(h.fd) : fsyncSync(h.fd)));
  }

  readdir(h: HostHandle): DirEntry[] {
    const dir = h.dirPath ?? this.procPrefix(h.fd);
    return sys(() => {
      const out: DirEntry[] = [];
      for (const e of readdirSync(dir, { withFileTypes: true, encoding: "buffer" })) {
        const name = e.name.toString("latin1");
        let st: BigIntStats;
        try {
          st = lstatSync(Buffer.concat([dir, e.name]), { bigint: true });
        } catch {
          continue; // removed since it was listed
        }
        out.push({ name, type: modeToDtype(Number(st.mode)), ino: this.attr(st).ino });
      }
      return out;
    });
  }

  close(h: HostHandle): void {
    sys(() => closeSync(h.fd));
  }

  mkdir(dir: FsPath, name: string, mode: number, uid: number, gid: number): FsAttr {
    return this.inDir(dir, (d) => {
      mkdirSync(this.at(d, name), { mode });
      this.setCred(d, name, uid, gid, mode & 0o7777);
      return this.lstatAt(d, name);
    });
  }

  symlink(dir: FsPath, name: string, target: string, uid: number, gid: number): FsAttr {
    return this.inDir(dir, (d) => {
      symlinkSync(Buffer.from(target, "latin1"), this.at(d, name));
      this.setCred(d, name, uid, gid, null);
      return this.lstatAt(d, name);
    });
  }

  mknod(dir: FsPath, name: string, mode: number, _rdev: number, uid: number, gid: number): FsAttr {
    const t = mode & S_IFMT;
    if (t === S_IFCHR || t === S_IFBLK) throw new FsError(EPERM);
    if (t === S_IFIFO || t === S_IFSOCK) throw new FsError(EOPNOTSUPP);
    if (t !== S_IFREG) throw new FsError(EINVAL);
    return this.inDir(dir, (d) => {
      closeSync(
        openSync(this.at(d, name), constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, mode & 0o7777),
      );
      this.setCred(d, name, uid, gid, mode & 0o7777);
      return this.lstatAt(d, name);
    });
  }

  link(target: FsPath, dir: FsPath, name: string): void {
    if (target.length === 0) throw new FsError(EPERM);
    this.inParent(target, (td, tn) => this.inDir(dir, (d) => linkSync(this.at(td, tn), this.at(d, name))));
  }

  readlink(path: FsPath): string {
    if (path.length === 0) throw new FsError(EINVAL);
    return this.inParent(path, (d, n) => readlinkSync(this.at(d, n), { encoding: "buffer" }).toString("latin1"));
  }

  unlink(dir: FsPath, name: string, isDir: boolean): void {
    this.inDir(dir, (d) => (isDir ? rmdirSync(this.at(d, name)) : unlinkSync(this.at(d, name))));
  }

  rename(oldDir: FsPath, oldName: string, newDir: FsPath, newName: string): void {
    this.inDir(oldDir, (od) => this.inDir(newDir, (nd) => renameSync(this.at(od, oldName), this.at(nd, newName))));
  }

  setattr(path: FsPath, handle: HostHandle | null, a: SetAttr): void {
    sys(() => {
      if (handle !== null) this.setattrFd(handle.fd, a);
      else this.setattrPath(path, a);
    });
  }

  /** On an open file (works after unlink), in QEMU's order: mode, times, owner, size. */
  private setattrFd(fd: number, a: SetAttr): void {
    if (a.mode !== undefined) fchmodSync(fd, a.mode);
    if (a.atime !== undefined || a.mtime !== undefined) {
      const [at, mt] = this.times(a, fstatSync(fd, { bigint: true }));
      futimesSync(fd, at, mt);
    }
    if (a.uid !== undefined || a.gid !== undefined) fchownSync(fd, a.uid ?? -1, a.gid ?? -1);
    else if (a.touchCtime) fchownSync(fd, -1, -1);
    if (a.size !== undefined) ftruncateSync(fd, a.size);
  }

  private setattrPath(path: FsPath, a: SetAttr): void {
    const isLink = path.length > 0 && (this.lstat(path).mode & S_IFMT) === S_IFLNK;
    if (a.mode !== undefined) {
      if (isLink) throw new FsError(EOPNOTSUPP); // Linux cannot chmod a symlink
      this.onObject(path, (p) => chmodSync(p, a.mode!));
    }
    if (a.atime !== undefined || a.mtime !== undefined) {
      if (path.length === 0) {
        const [at, mt] = this.times(a, fstatSync(this.rootFd, { bigint: true }));
        this.onObject(path, (p) => utimesSync(p, at, mt));
      } else
        this.inParent(path, (d, n) => {
          const [at, mt] = this.times(a, lstatSync(this.at(d, n), { bigint: true }));
          lutimesSync(this.at(d, n), at, mt);
        });
    }
    if (a.uid !== undefined || a.gid !== undefined || a.touchCtime) {
      const uid = a.uid ?? -1;
      const gid = a.gid ?? -1;
      if (path.length === 0) this.onObject(path, (p) => lchownSync(p, uid, gid));
      else this.inParent(path, (d, n) => lchownSync(this.at(d, n), uid, gid));
    }
    if (a.size !== undefined) {
      if (isLink) throw new FsError(ELOOP);
      this.onObject(path, (p) => {
        const fd = openSync(p, constants.O_WRONLY | constants.O_NONBLOCK | (this.procFd ? 0 : constants.O_NOFOLLOW));
        try {
          ftruncateSync(fd, a.size!);
        } finally {
          closeSync(fd);
        }
      });
    }
  }

  /** [atime, mtime] for utimes: "now", the given time, or the current one when not asked to change. */
  private times(a: SetAttr, st: BigIntStats): [string | number, string | number] {
    const pick = (t: SetAttr["atime"], cur: bigint) =>
      t === undefined ? utimesSeconds(cur) : t === "now" ? Date.now() / 1000 : utimesSeconds(timespecNs(t.sec, t.nsec));
    return [pick(a.atime, st.atimeNs), pick(a.mtime, st.mtimeNs)];
  }

  statfs(path: FsPath): FsStatfs {
    const s = this.onObjectOrLink(path, (p) => statfsSync(p));
    return {
      type: Number(s.type) >>> 0,
      bsize: Number(s.bsize),
      blocks: Number(s.blocks),
      bfree: Number(s.bfree),
      bavail: Number(s.bavail),
      files: Number(s.files),
      ffree: Number(s.ffree),
      fsid: Number(this.rootDev & MASK53),
      namelen: 255,
    };
  }

  /** statfs of a symlink is the file system it lives on: use its directory. */
  private onObjectOrLink<T>(path: FsPath, f: (p: Buffer) => T): T {
    if (path.length > 0 && (this.lstat(path).mode & S_IFMT) === S_IFLNK) return this.onObject(path.slice(0, -1), f);
    return this.onObject(path, f);
  }
}
