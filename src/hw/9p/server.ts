// A 9P2000.L server over an FsBackend, after QEMU's hw/9pfs/9p.c: one request in, one reply out.
//
// `handle(request, reply)` decodes one T-message, runs it against the backend and encodes the
// R-message (or Rlerror) into `reply`, whose length is the room the guest gave for it. Requests
// are independent: each is answered on its own, so any number may be outstanding (the transport
// calls handle once per virtqueue chain) and tags are only echoed, never interpreted (a reused tag
// is simply answered twice; Tflush finds nothing in flight because nothing stays in flight).
//
// Errors follow QEMU's server errno for errno, so Linux's v9fs sees what it sees on QEMU:
//  - a truncated or inconsistent message (fields beyond its size, a count larger than the data):
//    EPROTO; a reply larger than the guest's buffer: EMSGSIZE;
//  - names with "/" or NUL, or empty: ENOENT; "." or ".." where a new name is needed: EEXIST
//    (create), EISDIR (rename), EINVAL/ENOTEMPTY (unlinkat); longer than 255 bytes: ENAMETOOLONG;
//  - ".." at the root stays at the root (the guest can never name anything above it);
//  - unknown fids: ENOENT or EINVAL as QEMU answers for each message; a fid in use as a new fid:
//    EINVAL; more than `maxFids` fids or `maxOpen` open fids: ENFILE;
//  - read/readdir counts are capped to msize and to the reply buffer; Twalk with more than 16
//    names: EINVAL; offsets >= 2^63: EINVAL; writes past 2^53 bytes: EFBIG;
//  - unknown messages (and 9P2000/9P2000.u ones): EOPNOTSUPP; on a read-only export every message
//    that could modify something: EROFS (QEMU's is_read_only_op), and lopen for writing: EROFS;
//  - xattrs are not supported (QEMU's security_model=none answers for unsupported namespaces):
//    listing gives an empty list, getting a name EOPNOTSUPP, creating one EOPNOTSUPP.
import type { DirEntry, FsAttr, FsBackend, FsPath, SetAttr } from "./backend.ts";
import {
  E2BIG,
  EBADF,
  EBUSY,
  EEXIST,
  EFBIG,
  EINVAL,
  EIO,
  EISDIR,
  EMSGSIZE,
  ENAMETOOLONG,
  ENFILE,
  ENOENT,
  ENOTDIR,
  ENOTEMPTY,
  EOPNOTSUPP,
  EPROTO,
  EROFS,
  FsError,
} from "./errno.ts";
import { Fid, FidKind, FidTable } from "./fid-table.ts";
import {
  AT_REMOVEDIR,
  ATTR_ATIME,
  ATTR_ATIME_SET,
  ATTR_CTIME,
  ATTR_GID,
  ATTR_MODE,
  ATTR_MTIME,
  ATTR_MTIME_SET,
  ATTR_SIZE,
  ATTR_UID,
  DOTL_ACCMODE,
  DOTL_APPEND,
  DOTL_CREATE,
  DOTL_DIRECT,
  DOTL_FASYNC,
  DOTL_NOCTTY,
  DOTL_RDONLY,
  DOTL_TRUNC,
  DT_DIR,
  DT_LNK,
  LOCK_FLAGS_BLOCK,
  LOCK_SUCCESS,
  LOCK_TYPE_UNLCK,
  Msg,
  P9_HEADER_SIZE,
  P9_IOHDR_READ,
  P9_IOHDRSZ,
  P9_MAXWELEM,
  P9_MIN_MSIZE,
  P9_NOFID,
  P9_VERSION_L,
  P9_VERSION_UNKNOWN,
  QTDIR,
  QTFILE,
  QTSYMLINK,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_IFSOCK,
  STATS_BASIC,
  XATTR_CREATE,
  XATTR_REPLACE,
  XATTR_SIZE_MAX,
} from "./protocol.ts";
import { ProtocolError, QID_SIZE, ReplyOverflow, WireReader, WireWriter, type Qid } from "./wire.ts";

/** Largest msize granted: QEMU's virtio_9p_msize_limit, (VIRTQUEUE_MAX_SIZE - 2) pages. */
export const MAX_MSIZE = (1024 - 2) * 4096;
/** msize before Tversion negotiates one (the classic 9P default). */
const DEFAULT_MSIZE = 8192;
const NAME_MAX = 255;
const PATH_MAX = 4096;
const TWO63 = 2 ** 63;

export interface NinePServerOptions {
  /** Refuse every modification with EROFS (-virtfs readonly=on). */
  readOnly?: boolean;
  /** Cap on the negotiated msize (default MAX_MSIZE). */
  maxMsize?: number;
  /** Most fids at a time (default 1 << 20). */
  maxFids?: number;
  /** Most open fids at a time (default 4096). */
  maxOpen?: number;
  /** Called with one line per request that failed (type, tag, errno), for -d style tracing. */
  trace?: (line: string) => void;
}

/** Messages that cannot modify anything (QEMU's is_read_only_op); the rest get EROFS on a read-only export. */
const READ_ONLY_OPS = new Set<number>([
  Msg.Treaddir,
  Msg.Tstatfs,
  Msg.Tgetattr,
  Msg.Txattrwalk,
  Msg.Tlock,
  Msg.Tgetlock,
  Msg.Treadlink,
  Msg.Tversion,
  Msg.Tlopen,
  Msg.Tattach,
  Msg.Tstat,
  Msg.Twalk,
  Msg.Tclunk,
  Msg.Tfsync,
  Msg.Topen,
  Msg.Tread,
  Msg.Tauth,
  Msg.Tflush,
]);

const SUPPORTED = new Set<number>([
  Msg.Tstatfs,
  Msg.Tlopen,
  Msg.Tlcreate,
  Msg.Tsymlink,
  Msg.Tmknod,
  Msg.Trename,
  Msg.Treadlink,
  Msg.Tgetattr,
  Msg.Tsetattr,
  Msg.Txattrwalk,
  Msg.Txattrcreate,
  Msg.Treaddir,
  Msg.Tfsync,
  Msg.Tlock,
  Msg.Tgetlock,
  Msg.Tlink,
  Msg.Tmkdir,
  Msg.Trenameat,
  Msg.Tunlinkat,
  Msg.Tversion,
  Msg.Tattach,
  Msg.Tflush,
  Msg.Twalk,
  Msg.Tread,
  Msg.Twrite,
  Msg.Tclunk,
  Msg.Tremove,
]);

function fail(errno: number): never {
  throw new FsError(errno);
}

/** A name for a new or existing directory entry: ENOENT if illegal, `dotErrno` for "." and "..". */
function checkName(name: string, dotErrno: number): void {
  if (name === "" || name.includes("/") || name.includes("\0")) fail(ENOENT);
  if (name === "." || name === "..") fail(dotErrno);
  if (name.length > NAME_MAX) fail(ENAMETOOLONG);
}

function parentOf(path: FsPath): FsPath {
  return path.slice(0, -1);
}

function isDir(a: FsAttr): boolean {
  return (a.mode & S_IFMT) === S_IFDIR;
}

/** QEMU's stat_to_qid. */
export function qidOf(a: FsAttr): Qid {
  const t = a.mode & S_IFMT;
  return {
    type: t === S_IFDIR ? QTDIR : t === S_IFLNK ? QTSYMLINK : QTFILE,
    version: (a.mtimeSec ^ ((a.size % 0x1000000) * 256)) >>> 0,
    path: a.ino,
  };
}

/** glibc's makedev (the dev_t encoding in Rgetattr's rdev). */
export function makedev(major: number, minor: number): number {
  const lo = ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & 0xfff00) << 12);
  const hi = (major & 0xfffff000) | (minor >>> 20);
  return (lo >>> 0) + (hi >>> 0) * 2 ** 32;
}

export class NinePServer {
  /** The negotiated msize. */
  msize = DEFAULT_MSIZE;
  private readonly fids: FidTable;
  private readonly maxMsize: number;
  private readonly maxOpen: number;
  private open = 0;

  constructor(
    readonly backend: FsBackend,
    readonly opts: NinePServerOptions = {},
  ) {
    this.maxMsize = Math.max(P9_MIN_MSIZE, Math.min(opts.maxMsize ?? MAX_MSIZE, MAX_MSIZE));
    this.maxOpen = opts.maxOpen ?? 4096;
    this.fids = new FidTable(opts.maxFids ?? 1 << 20);
  }

  get readOnly(): boolean {
    return this.opts.readOnly === true;
  }

  /** Fids in use (for tests and `info`). */
  get fidCount(): number {
    return this.fids.size;
  }

  /** Drops every fid and closes every handle (Tversion, device reset: QEMU's virtfs_reset). */
  reset(): void {
    for (const f of this.fids.clear()) this.closeFid(f);
    this.msize = DEFAULT_MSIZE;
  }

  /**
   * Handles the request in `req` (its first `size` bytes are the message) and writes the reply
   * into `reply`; returns the reply's length, or -1 if there is no tag to answer (fewer than 7
   * request bytes) or no room for even an Rlerror (fewer than 11 reply bytes).
   */
  handle(req: Uint8Array, reply: Uint8Array): number {
    if (req.length < P9_HEADER_SIZE || reply.length < P9_IOHDR_READ) return -1;
    const size = (req[0] | (req[1] << 8) | (req[2] << 16) | (req[3] << 24)) >>> 0;
    const type = req[4];
    const tag = req[5] | (req[6] << 8);
    let errno: number;
    try {
      if (size < P9_HEADER_SIZE || size > req.length) throw new ProtocolError(`size field ${size}, message has ${req.length} bytes`);
      if (!SUPPORTED.has(type)) fail(EOPNOTSUPP);
      // (Tremove goes on: it must clunk its fid even when refused)
      if (this.readOnly && !READ_ONLY_OPS.has(type) && type !== Msg.Tremove) fail(EROFS);
      const r = new WireReader(req, P9_HEADER_SIZE, size);
      const w = new WireWriter(reply, P9_HEADER_SIZE);
      this.dispatch(type, r, w);
      return this.finish(reply, w.pos, type + 1, tag);
    } catch (e) {
      errno = e instanceof FsError ? e.errno : e instanceof ProtocolError ? EPROTO : e instanceof ReplyOverflow ? EMSGSIZE : EIO;
      if (!(e instanceof FsError) && !(e instanceof ProtocolError) && !(e instanceof ReplyOverflow))
        this.opts.trace?.(`9p: internal error in message ${type}: ${(e as Error).stack ?? e}`);
    }
    this.opts.trace?.(`9p: tag ${tag} message ${type}: Rlerror ${errno}`);
    new WireWriter(reply, P9_HEADER_SIZE).u32(errno);
    return this.finish(reply, P9_IOHDR_READ, Msg.Rlerror, tag);
  }

  private finish(reply: Uint8Array, len: number, type: number, tag: number): number {
    new WireWriter(reply, 0).u32(len).u8(type).u16(tag);
    return len;
  }

  private dispatch(type: number, r: WireReader, w: WireWriter): void {
    switch (type) {
      case Msg.Tversion:
        return this.version(r, w);
      case Msg.Tattach:
        return this.attach(r, w);
      case Msg.Twalk:
        return this.walk(r, w);
      case Msg.Tlopen:
        return this.lopen(r, w);
      case Msg.Tlcreate:
        return this.lcreate(r, w);
      case Msg.Tread:
        return this.read(r, w);
      case Msg.Twrite:
        return this.write(r, w);
      case Msg.Tclunk:
        return this.clunk(r);
      case Msg.Tremove:
        return this.remove(r);
      case Msg.Tgetattr:
        return this.getattr(r, w);
      case Msg.Tsetattr:
        return this.setattr(r);
      case Msg.Treaddir:
        return this.readdir(r, w);
      case Msg.Tfsync:
        return this.fsync(r);
      case Msg.Tlock:
        return this.lock(r, w);
      case Msg.Tgetlock:
        return this.getlock(r, w);
      case Msg.Tmkdir:
        return this.mkdir(r, w);
      case Msg.Tsymlink:
        return this.symlink(r, w);
      case Msg.Tmknod:
        return this.mknod(r, w);
      case Msg.Tlink:
        return this.link(r);
      case Msg.Treadlink:
        return this.readlink(r, w);
      case Msg.Tunlinkat:
        return this.unlinkat(r);
      case Msg.Trenameat:
        return this.renameat(r);
      case Msg.Trename:
        return this.rename(r);
      case Msg.Tstatfs:
        return this.statfs(r, w);
      case Msg.Txattrwalk:
        return this.xattrwalk(r, w);
      case Msg.Txattrcreate:
        return this.xattrcreate(r);
      case Msg.Tflush:
        r.u16(); // oldtag: nothing is ever in flight, so there is nothing to cancel
        return;
      default:
        fail(EOPNOTSUPP);
    }
  }

  // ---- helpers

  private fid(id: number, errno: number): Fid {
    return this.fids.get(id) ?? fail(errno);
  }

  private addFid(id: number, f: Fid): void {
    if (this.fids.has(id)) fail(EINVAL);
    if (!this.fids.add(id, f)) fail(ENFILE);
  }

  /** Forgets the fid's open state; returns the backend's close error (0 if none), never throws. */
  private closeFid(f: Fid): number {
    let errno = 0;
    if (f.handle !== null) {
      const h = f.handle;
      f.handle = null;
      this.open--;
      try {
        this.backend.close(h);
      } catch (e) {
        errno = e instanceof FsError ? e.errno : EIO;
      }
    }
    f.kind = FidKind.None;
    f.listing = null;
    f.xattr = null;
    return errno;
  }

  /** QEMU's blksize_to_iounit: the largest multiple of the block size a read or write can carry. */
  private iounit(blksize = 4096): number {
    const n = this.msize - P9_IOHDRSZ;
    return blksize > 0 ? n - (n % blksize) || n : n;
  }

  /** Attributes of what a fid names: of the open object if it is open (it may be unlinked). */
  private attrOf(f: Fid): FsAttr {
    return (f.kind === FidKind.File || f.kind === FidKind.Dir) && f.handle !== null
      ? this.backend.fstat(f.handle)
      : this.backend.lstat(f.path);
  }

  private reserveOpen(): void {
    if (this.open >= this.maxOpen) fail(ENFILE);
  }

  /** Tlopen/Tlcreate flags as the backend gets them (QEMU's get_dotl_openflags). */
  private static openFlags(flags: number): number {
    return flags & ~(DOTL_NOCTTY | DOTL_FASYNC | DOTL_CREATE | DOTL_DIRECT);
  }

  private static offset(v: number): number {
    if (v >= TWO63) fail(EINVAL);
    return v;
  }

  // ---- messages

  private version(r: WireReader, w: WireWriter): void {
    const msize = r.u32();
    const version = r.str();
    this.reset();
    if (version !== P9_VERSION_L) {
      w.u32(msize).str(P9_VERSION_UNKNOWN);
      return;
    }
    if (msize < P9_MIN_MSIZE) fail(EMSGSIZE);
    this.msize = Math.min(msize, this.maxMsize);
    w.u32(this.msize).str(P9_VERSION_L);
  }

  private attach(r: WireReader, w: WireWriter): void {
    const fid = r.u32();
    r.u32(); // afid: no authentication
    r.str(); // uname
    r.str(); // aname: one export per device
    const nUname = r.u32();
    const f = new Fid([], nUname);
    this.addFid(fid, f);
    let a: FsAttr;
    try {
      a = this.backend.lstat([]);
    } catch {
      this.fids.remove(fid);
      fail(EINVAL); // QEMU answers any failure to reach the root with EINVAL
    }
    w.qid(qidOf(a));
  }

  private walk(r: WireReader, w: WireWriter): void {
    const fid = r.u32();
    const newfid = r.u32();
    const n = r.u16();
    if (n > P9_MAXWELEM) fail(EINVAL);
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const name = r.str();
      if (name === "" || name.includes("/") || name.includes("\0")) fail(ENOENT);
      if (name.length > NAME_MAX) fail(ENAMETOOLONG);
      names.push(name);
    }
    const f = this.fid(fid, ENOENT);
    const qids: Qid[] = [];
    let path: FsPath = f.path;
    let err = 0;
    if (n > 0) {
      let attr = this.backend.lstat(path);
      for (const name of names) {
        let next: FsPath;
        if (name === ".." && path.length === 0)
          next = path; // the root is its own parent
        else {
          if (!isDir(attr)) {
            err = ENOTDIR;
            break;
          }
          next = name === "." ? path : name === ".." ? parentOf(path) : [...path, name];
        }
        try {
          attr = this.backend.lstat(next);
        } catch (e) {
          err = e instanceof FsError ? e.errno : EIO;
          break;
        }
        path = next;
        qids.push(qidOf(attr));
      }
    }
    if (err !== 0 && qids.length === 0) fail(err);
    if (err === 0) {
      // fully walked: only now does the fid change or the new fid appear (9P: a partial walk changes nothing)
      if (fid === newfid) {
        if (f.kind !== FidKind.None) fail(EINVAL);
        f.path = path;
      } else this.addFid(newfid, new Fid(path, f.uid));
    }
    w.u16(qids.length);
    for (const q of qids) w.qid(q);
  }

  private lopen(r: WireReader, w: WireWriter): void {
    const f = this.fid(r.u32(), ENOENT);
    const flags = r.u32();
    if (f.kind !== FidKind.None) fail(EINVAL);
    const attr = this.backend.lstat(f.path);
    this.reserveOpen();
    if (isDir(attr)) {
      f.handle = this.backend.opendir(f.path);
      f.kind = FidKind.Dir;
      this.open++;
      w.qid(qidOf(attr)).u32(0);
      return;
    }
    const o = NinePServer.openFlags(flags);
    if (this.readOnly && ((o & DOTL_ACCMODE) !== DOTL_RDONLY || o & (DOTL_APPEND | DOTL_TRUNC))) fail(EROFS);
    f.handle = this.backend.open(f.path, o);
    f.kind = FidKind.File;
    f.openFlags = o;
    this.open++;
    w.qid(qidOf(attr)).u32(this.iounit());
  }

  private lcreate(r: WireReader, w: WireWriter): void {
    const dfid = r.u32();
    const name = r.str();
    const flags = r.u32();
    const mode = r.u32();
    const gid = r.u32();
    checkName(name, EEXIST);
    const f = this.fid(dfid, ENOENT);
    if (f.kind !== FidKind.None) fail(EINVAL);
    this.reserveOpen();
    const o = NinePServer.openFlags(flags);
    const { handle, attr } = this.backend.create(f.path, name, o, mode & 0o7777, f.uid, gid);
    f.path = [...f.path, name];
    f.handle = handle;
    f.kind = FidKind.File;
    f.openFlags = o;
    this.open++;
    w.qid(qidOf(attr)).u32(this.iounit());
  }

  private read(r: WireReader, w: WireWriter): void {
    const f = this.fid(r.u32(), EINVAL);
    const offset = r.u64();
    const count = r.u32();
    const max = Math.min(count, this.msize - P9_IOHDR_READ, w.buf.length - P9_IOHDR_READ);
    const data = w.buf.subarray(P9_IOHDR_READ, P9_IOHDR_READ + Math.max(0, max));
    let n = 0;
    if (f.kind === FidKind.File) {
      let pos = NinePServer.offset(offset);
      if (pos <= Number.MAX_SAFE_INTEGER) {
        // keep reading after short reads, as QEMU's v9fs_read does, until the count or end of file
        while (n < data.length) {
          let got: number;
          try {
            got = this.backend.read(f.handle, pos, data.subarray(n));
          } catch (e) {
            if (n > 0) break; // report what was read; the error will come again on the next read
            throw e;
          }
          if (!(got > 0)) break;
          n += got;
          pos += got;
        }
      }
    } else if (f.kind === FidKind.Xattr) {
      const v = f.xattr!;
      if (offset < v.length) {
        n = Math.min(data.length, v.length - offset);
        data.set(v.subarray(offset, offset + n));
      }
    } else if (f.kind === FidKind.Dir) fail(EOPNOTSUPP);
    else fail(EINVAL);
    w.u32(n);
    w.pos += n;
  }

  private write(r: WireReader, w: WireWriter): void {
    const fid = r.u32();
    const offset = r.u64();
    const count = r.u32();
    const data = r.bytes(count);
    const f = this.fid(fid, EINVAL);
    if (f.kind !== FidKind.File) fail(EINVAL);
    let pos = NinePServer.offset(offset);
    if (pos + count > Number.MAX_SAFE_INTEGER) fail(EFBIG);
    let n = 0;
    while (n < count) {
      const put = this.backend.write(f.handle, pos, n === 0 ? data : data.subarray(n));
      if (!(put > 0)) break;
      n += put;
      pos += put;
    }
    w.u32(n);
  }

  private clunk(r: WireReader): void {
    const f = this.fids.remove(r.u32()) ?? fail(ENOENT);
    const errno = this.closeFid(f); // the fid is gone either way (close(2) semantics)
    if (errno !== 0) fail(errno);
  }

  private remove(r: WireReader): void {
    const id = r.u32();
    const f = this.fid(id, EINVAL);
    // Tremove clunks the fid whether or not the removal works (9P, and Linux forgets the fid)
    this.fids.remove(id);
    this.closeFid(f);
    if (this.readOnly) fail(EROFS);
    if (f.path.length === 0) fail(EBUSY);
    const attr = this.backend.lstat(f.path);
    this.backend.unlink(parentOf(f.path), f.path[f.path.length - 1], isDir(attr));
  }

  private getattr(r: WireReader, w: WireWriter): void {
    const f = this.fid(r.u32(), ENOENT);
    r.u64(); // request_mask: the basic fields are always there
    const a = this.attrOf(f);
    w.u64(STATS_BASIC)
      .qid(qidOf(a))
      .u32(a.mode)
      .u32(a.uid)
      .u32(a.gid)
      .u64(a.nlink)
      .u64(a.rdev)
      .u64(a.size)
      .u64(this.iounit(a.blksize)) // st_blksize: cp and friends size their buffers by it
      .u64(a.blocks)
      // seconds are signed (before 1970): Linux reads the u64 into a time64_t
      .i64(a.atimeSec)
      .u64(a.atimeNsec)
      .i64(a.mtimeSec)
      .u64(a.mtimeNsec)
      .i64(a.ctimeSec)
      .u64(a.ctimeNsec)
      .u64(0) // btime
      .u64(0)
      .u64(0) // gen
      .u64(0); // data_version
  }

  private setattr(r: WireReader): void {
    const f = this.fid(r.u32(), EINVAL);
    const valid = r.u32();
    const mode = r.u32();
    const uid = r.i32();
    const gid = r.i32();
    const size = r.u64();
    const atimeSec = r.i64();
    const atimeNsec = r.u64();
    const mtimeSec = r.i64();
    const mtimeNsec = r.u64();
    const a: SetAttr = {};
    if (valid & ATTR_MODE) a.mode = mode & 0o7777;
    if (valid & ATTR_ATIME) a.atime = valid & ATTR_ATIME_SET ? { sec: atimeSec, nsec: atimeNsec % 1e9 } : "now";
    if (valid & ATTR_MTIME) a.mtime = valid & ATTR_MTIME_SET ? { sec: mtimeSec, nsec: mtimeNsec % 1e9 } : "now";
    if (valid & (ATTR_UID | ATTR_GID)) {
      a.uid = valid & ATTR_UID ? uid : -1;
      a.gid = valid & ATTR_GID ? gid : -1;
    } else if (valid & ATTR_CTIME && !(valid & 0x7f & ~ATTR_CTIME)) a.touchCtime = true;
    if (valid & ATTR_SIZE) {
      if (size >= TWO63) fail(EINVAL);
      if (size > Number.MAX_SAFE_INTEGER) fail(EFBIG);
      a.size = size;
    }
    this.backend.setattr(f.path, f.kind === FidKind.File ? f.handle : null, a);
  }

  private readdir(r: WireReader, w: WireWriter): void {
    const fid = r.u32();
    const offset = r.u64();
    let count = r.u32();
    // QEMU's v9fs_readdir: never more than msize, nor than the guest's buffer, minus the header
    count = Math.min(count, Math.min(this.msize, w.buf.length) - P9_IOHDR_READ);
    const f = this.fid(fid, EINVAL);
    if (f.kind !== FidKind.Dir) fail(ENOTDIR);
    if (offset === 0 || f.listing === null) f.listing = this.listing(f);
    const start = w.pos;
    w.u32(0);
    const body = w.pos;
    const list = f.listing;
    for (let i = offset; i < list.length; i++) {
      const e = list[i];
      const len = QID_SIZE + 8 + 1 + 2 + e.name.length;
      if (w.pos - body + len > count) break;
      w.qid({ type: e.type === DT_DIR ? QTDIR : e.type === DT_LNK ? QTSYMLINK : QTFILE, version: 0, path: e.ino })
        .u64(i + 1)
        .u8(e.type)
        .str(e.name);
    }
    new WireWriter(w.buf, start).u32(w.pos - body);
  }

  /** ".", "..", then the backend's entries (the root's ".." is the root itself, so nothing above it shows). */
  private listing(f: Fid): DirEntry[] {
    const self = this.backend.fstat(f.handle);
    let parentIno = self.ino;
    if (f.path.length > 0) {
      try {
        parentIno = this.backend.lstat(parentOf(f.path)).ino;
      } catch {
        // the directory was moved or removed: ".." stays itself
      }
    }
    return [{ name: ".", type: DT_DIR, ino: self.ino }, { name: "..", type: DT_DIR, ino: parentIno }, ...this.backend.readdir(f.handle)];
  }

  private fsync(r: WireReader): void {
    const f = this.fid(r.u32(), ENOENT);
    const datasync = r.u32();
    if ((f.kind !== FidKind.File && f.kind !== FidKind.Dir) || f.handle === null) fail(EBADF);
    this.backend.fsync(f.handle, datasync !== 0);
  }

  /**
   * Locks always succeed, as on QEMU: the server has one client, whose VFS already arbitrates
   * between its own processes.
   */
  private lock(r: WireReader, w: WireWriter): void {
    const fid = r.u32();
    r.u8(); // type
    const flags = r.u32();
    r.u64(); // start
    r.u64(); // length
    r.u32(); // proc_id
    r.str(); // client_id
    if (flags & ~LOCK_FLAGS_BLOCK) fail(EINVAL);
    const f = this.fid(fid, ENOENT);
    if (f.handle === null) fail(EBADF);
    this.backend.fstat(f.handle);
    w.u8(LOCK_SUCCESS);
  }

  private getlock(r: WireReader, w: WireWriter): void {
    const fid = r.u32();
    r.u8(); // type
    const start = r.u64();
    const length = r.u64();
    const procId = r.u32();
    const clientId = r.str();
    const f = this.fid(fid, ENOENT);
    if (f.handle === null) fail(EBADF);
    this.backend.fstat(f.handle);
    w.u8(LOCK_TYPE_UNLCK).u64(start).u64(length).u32(procId).str(clientId);
  }

  private mkdir(r: WireReader, w: WireWriter): void {
    const dfid = r.u32();
    const name = r.str();
    const mode = r.u32();
    const gid = r.u32();
    checkName(name, EEXIST);
    const d = this.fid(dfid, ENOENT);
    w.qid(qidOf(this.backend.mkdir(d.path, name, mode & 0o7777, d.uid, gid)));
  }

  private symlink(r: WireReader, w: WireWriter): void {
    const dfid = r.u32();
    const name = r.str();
    const target = r.str();
    const gid = r.u32();
    checkName(name, EEXIST);
    const d = this.fid(dfid, EINVAL);
    if (target === "") fail(ENOENT);
    if (target.includes("\0")) fail(EINVAL);
    if (target.length >= PATH_MAX) fail(ENAMETOOLONG);
    w.qid(qidOf(this.backend.symlink(d.path, name, target, d.uid, gid)));
  }

  private mknod(r: WireReader, w: WireWriter): void {
    const dfid = r.u32();
    const name = r.str();
    let mode = r.u32();
    const major = r.u32();
    const minor = r.u32();
    const gid = r.u32();
    checkName(name, EEXIST);
    const d = this.fid(dfid, ENOENT);
    if ((mode & S_IFMT) === 0) mode |= S_IFREG; // mknod(2): type 0 is a regular file
    const t = mode & S_IFMT;
    if (t !== S_IFREG && t !== S_IFCHR && t !== S_IFBLK && t !== S_IFIFO && t !== S_IFSOCK) fail(EINVAL);
    const rdev = t === S_IFCHR || t === S_IFBLK ? makedev(major, minor) : 0;
    w.qid(qidOf(this.backend.mknod(d.path, name, t | (mode & 0o7777), rdev, d.uid, gid)));
  }

  private link(r: WireReader): void {
    const dfid = r.u32();
    const fid = r.u32();
    const name = r.str();
    checkName(name, EEXIST);
    const d = this.fid(dfid, ENOENT);
    const f = this.fid(fid, ENOENT);
    this.backend.link(f.path, d.path, name);
  }

  private readlink(r: WireReader, w: WireWriter): void {
    const f = this.fid(r.u32(), ENOENT);
    w.str(this.backend.readlink(f.path));
  }

  private unlinkat(r: WireReader): void {
    const dfid = r.u32();
    const name = r.str();
    const flags = r.u32();
    if (name === "" || name.includes("/") || name.includes("\0")) fail(ENOENT);
    if (name === ".") fail(EINVAL);
    if (name === "..") fail(ENOTEMPTY);
    if (name.length > NAME_MAX) fail(ENAMETOOLONG);
    if (flags & ~AT_REMOVEDIR) fail(EINVAL);
    const d = this.fid(dfid, EINVAL);
    this.backend.unlink(d.path, name, (flags & AT_REMOVEDIR) !== 0);
  }

  private renameat(r: WireReader): void {
    const olddirfid = r.u32();
    const oldName = r.str();
    const newdirfid = r.u32();
    const newName = r.str();
    checkName(oldName, EISDIR);
    checkName(newName, EISDIR);
    const od = this.fid(olddirfid, ENOENT);
    const nd = newdirfid === P9_NOFID ? od : this.fid(newdirfid, ENOENT);
    const from = [...od.path, oldName];
    const to = [...nd.path, newName];
    this.backend.rename(od.path, oldName, nd.path, newName);
    this.fids.renamed(from, to);
  }

  private rename(r: WireReader): void {
    const fid = r.u32();
    const newdirfid = r.u32();
    const name = r.str();
    checkName(name, EISDIR);
    const f = this.fid(fid, ENOENT);
    if (f.kind !== FidKind.None) fail(EINVAL);
    if (f.path.length === 0) fail(EBUSY);
    const dir = newdirfid === P9_NOFID ? parentOf(f.path) : this.fid(newdirfid, ENOENT).path;
    const from = f.path;
    const to = [...dir, name];
    this.backend.rename(parentOf(from), from[from.length - 1], dir, name);
    this.fids.renamed(from, to);
  }

  private statfs(r: WireReader, w: WireWriter): void {
    const f = this.fid(r.u32(), ENOENT);
    const s = this.backend.statfs(f.path);
    w.u32(s.type).u32(s.bsize).u64(s.blocks).u64(s.bfree).u64(s.bavail).u64(s.files).u64(s.ffree).u64(s.fsid).u32(s.namelen);
  }

  private xattrwalk(r: WireReader, w: WireWriter): void {
    const fid = r.u32();
    const newfid = r.u32();
    const name = r.str();
    const f = this.fid(fid, ENOENT);
    if (this.fids.has(newfid)) fail(EINVAL);
    this.attrOf(f); // the object must still exist
    if (name !== "") fail(EOPNOTSUPP); // no attribute can be read
    const x = new Fid(f.path, f.uid);
    x.kind = FidKind.Xattr;
    x.xattr = new Uint8Array(0); // the list of names is empty
    this.addFid(newfid, x);
    w.u64(0);
  }

  private xattrcreate(r: WireReader): void {
    const fid = r.u32();
    r.str(); // name
    const size = r.u64();
    const flags = r.u32();
    if (flags & ~(XATTR_CREATE | XATTR_REPLACE)) fail(EINVAL);
    if (size > XATTR_SIZE_MAX) fail(E2BIG);
    const f = this.fid(fid, EINVAL);
    if (f.kind !== FidKind.None) fail(EINVAL);
    fail(EOPNOTSUPP);
  }
}
