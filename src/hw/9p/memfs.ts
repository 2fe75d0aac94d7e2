// An in-memory file tree as a 9P backend: what the browser page shares with the guest (the user
// drops files in and downloads them back, see tree.ts and tar.ts). Everything Linux's v9fs uses
// works on it: regular files (sparse, stored in 64 KiB chunks), directories, symlinks, hard links,
// device nodes, FIFOs and sockets as names (opening those gives ENXIO: there is nothing behind
// them), ownership, permissions (stored, not enforced: the guest kernel checks them), timestamps
// in ns. Open files stay usable after unlink, as on Linux.
//
// The tree has a size limit (`capacityBytes`, default 1 GiB, and `maxNodes`): past it writes get
// ENOSPC, so a guest cannot exhaust the page's memory.
import type { DirEntry, FsAttr, FsBackend, FsPath, FsStatfs, FsTime, SetAttr } from "./backend.ts";
import {
  EBADF,
  EEXIST,
  EFBIG,
  EINVAL,
  EISDIR,
  ELOOP,
  ENOENT,
  ENOSPC,
  ENOTDIR,
  ENOTEMPTY,
  ENXIO,
  EOPNOTSUPP,
  EPERM,
  FsError,
} from "./errno.ts";
import {
  DOTL_ACCMODE,
  DOTL_APPEND,
  DOTL_DIRECTORY,
  DOTL_EXCL,
  DOTL_RDONLY,
  DOTL_TRUNC,
  DOTL_WRONLY,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  V9FS_MAGIC,
  modeToDtype,
} from "./protocol.ts";

const CHUNK = 1 << 16;
const BLOCK = 4096;
/** Largest file (Linux's MAX_LFS_FILESIZE on 64-bit is larger; 2^53 is where JS numbers stop being exact). */
const MAX_FILE = Number.MAX_SAFE_INTEGER;

export interface MemFsOptions {
  /** Most bytes of file data held (default 1 GiB). */
  capacityBytes?: number;
  /** Most files, directories and links (default 1,000,000). */
  maxNodes?: number;
  /** Wall clock in ms (default Date.now). */
  nowMs?: () => number;
  /** Owner of the root directory (default 0:0) and its mode (default 0755). */
  rootUid?: number;
  rootGid?: number;
  rootMode?: number;
}

class MemNode {
  nlink = 1;
  atime: FsTime;
  mtime: FsTime;
  ctime: FsTime;
  /** Regular files: chunks of CHUNK bytes (undefined = hole). */
  chunks: (Uint8Array | undefined)[] | null = null;
  size = 0;
  /** Directories. */
  entries: Map<string, MemNode> | null = null;
  /** Symlinks. */
  target = "";
  /** Open handles: data of an unlinked file is released when the last one closes. */
  opens = 0;

  constructor(
    readonly ino: number,
    public mode: number,
    public uid: number,
    public gid: number,
    public rdev: number,
    now: FsTime,
  ) {
    this.atime = now;
    this.mtime = now;
    this.ctime = now;
    const t = mode & S_IFMT;
    if (t === S_IFREG) this.chunks = [];
    else if (t === S_IFDIR) {
      this.entries = new Map();
      this.nlink = 2;
    }
  }

  get type(): number {
    return this.mode & S_IFMT;
  }
}

interface MemHandle {
  node: MemNode;
  flags: number;
}

function fail(errno: number): never {
  throw new FsError(errno);
}

export class MemFs implements FsBackend<MemHandle> {
  readonly capacityBytes: number;
  readonly maxNodes: number;
  /** Bytes of file data held (allocated chunks). */
  usedBytes = 0;
  /** Nodes alive. */
  nodes = 1;
  private nextIno = 2;
  private readonly root: MemNode;
  private readonly nowMs: () => number;

  constructor(opts: MemFsOptions = {}) {
    this.capacityBytes = opts.capacityBytes ?? 1 << 30;
    this.maxNodes = opts.maxNodes ?? 1_000_000;
    this.nowMs = opts.nowMs ?? (() => Date.now());
    this.root = new MemNode(1, S_IFDIR | (opts.rootMode ?? 0o755), opts.rootUid ?? 0, opts.rootGid ?? 0, 0, this.now());
  }

  private now(): FsTime {
    const ms = this.nowMs();
    const sec = Math.floor(ms / 1000);
    return { sec, nsec: Math.round((ms - sec * 1000) * 1e6) };
  }

  // ---- resolution (no symlink is ever followed)

  private node(path: FsPath): MemNode {
    let n = this.root;
    for (const name of path) {
      if (n.entries === null) fail(ENOTDIR);
      n = n.entries.get(name) ?? fail(ENOENT);
    }
    return n;
  }

  private dir(path: FsPath): MemNode {
    const d = this.node(path);
    if (d.entries === null) fail(ENOTDIR);
    return d;
  }

  private newNode(mode: number, uid: number, gid: number, rdev = 0): MemNode {
    if (this.nodes >= this.maxNodes) fail(ENOSPC);
    this.nodes++;
    return new MemNode(this.nextIno++, mode, uid >>> 0, gid >>> 0, rdev, this.now());
  }

  private insert(d: MemNode, name: string, n: MemNode): void {
    if (d.entries!.has(name)) fail(EEXIST);
    if (d.nlink === 0) fail(ENOENT); // the directory was removed
    d.entries!.set(name, n);
    if (n.entries !== null) d.nlink++;
    d.mtime = d.ctime = this.now();
  }

  /** One link of `n` is gone (unlink, rmdir, replaced by rename). */
  private dropLink(n: MemNode): void {
    n.nlink = n.entries !== null ? 0 : n.nlink - 1;
    n.ctime = this.now();
    if (n.nlink === 0) {
      this.nodes--;
      if (n.opens === 0) this.release(n);
    }
  }

  private release(n: MemNode): void {
    if (n.chunks !== null) {
      for (const c of n.chunks) if (c !== undefined) this.usedBytes -= CHUNK;
      n.chunks = [];
    }
  }

  private attr(n: MemNode): FsAttr {
    let allocated = 0;
    if (n.chunks !== null) for (const c of n.chunks) if (c !== undefined) allocated += CHUNK;
    return {
      mode: n.mode,
      uid: n.uid,
      gid: n.gid,
      nlink: n.nlink,
      rdev: n.rdev,
      size: n.chunks !== null ? n.size : n.entries !== null ? BLOCK : n.target.length,
      blksize: BLOCK,
      blocks: n.entries !== null ? BLOCK / 512 : allocated / 512,
      ino: n.ino,
      atimeSec: n.atime.sec,
      atimeNsec: n.atime.nsec,
      mtimeSec: n.mtime.sec,
      mtimeNsec: n.mtime.nsec,
      ctimeSec: n.ctime.sec,
      ctimeNsec: n.ctime.nsec,
    };
  }

  // ---- file data

  private readData(n: MemNode, pos: number, dst: Uint8Array): number {
    if (pos >= n.size) return 0;
    const len = Math.min(dst.length, n.size - pos);
    let done = 0;
    while (done < len) {
      const at = pos + done;
      const ci = Math.floor(at / CHUNK);
      const off = at - ci * CHUNK;
      const k = Math.min(CHUNK - off, len - done);
      const c = n.chunks![ci];
      if (c === undefined) dst.fill(0, done, done + k);
      else dst.set(c.subarray(off, off + k), done);
      done += k;
    }
    return len;
  }

  private writeData(n: MemNode, pos: number, src: Uint8Array): number {
    if (pos + src.length > MAX_FILE) fail(EFBIG);
    const chunks = n.chunks!;
    // check space first so a write either happens completely or not at all
    let need = 0;
    const first = Math.floor(pos / CHUNK);
    const last = Math.floor((pos + src.length - 1) / CHUNK);
    for (let ci = first; src.length > 0 && ci <= last; ci++) if (chunks[ci] === undefined) need += CHUNK;
    if (this.usedBytes + need > this.capacityBytes) fail(ENOSPC);
    let done = 0;
    while (done < src.length) {
      const at = pos + done;
      const ci = Math.floor(at / CHUNK);
      const off = at - ci * CHUNK;
      const k = Math.min(CHUNK - off, src.length - done);
      let c = chunks[ci];
      if (c === undefined) {
        c = chunks[ci] = new Uint8Array(CHUNK);
        this.usedBytes += CHUNK;
      }
      c.set(src.subarray(done, done + k), off);
      done += k;
    }
    if (pos + src.length > n.size) n.size = pos + src.length;
    n.mtime = n.ctime = this.now();
    return src.length;
  }

  private truncate(n: MemNode, size: number): void {
    if (n.entries !== null) fail(EISDIR);
    if (n.chunks === null) fail(EINVAL);
    if (size > MAX_FILE) fail(EFBIG);
    const chunks = n.chunks;
    const keep = Math.ceil(size / CHUNK);
    for (let ci = keep; ci < chunks.length; ci++) if (chunks[ci] !== undefined) this.usedBytes -= CHUNK;
    chunks.length = Math.min(chunks.length, keep);
    const tail = size % CHUNK;
    if (tail !== 0 && chunks[keep - 1] !== undefined) chunks[keep - 1]!.fill(0, tail);
    n.size = size;
    n.mtime = n.ctime = this.now();
  }

  // ---- FsBackend

  lstat(path: FsPath): FsAttr {
    return this.attr(this.node(path));
  }

  open(path: FsPath, flags: number): MemHandle {
    const n = this.node(path);
    return this.openNode(n, flags);
  }

  private openNode(n: MemNode, flags: number): MemHandle {
    const t = n.type;
    if (t === S_IFLNK) fail(ELOOP);
    if (t === S_IFDIR) {
      if ((flags & DOTL_ACCMODE) !== DOTL_RDONLY) fail(EISDIR);
    } else {
      if (flags & DOTL_DIRECTORY) fail(ENOTDIR);
      if (t !== S_IFREG) fail(ENXIO); // device nodes, FIFOs and sockets have nothing behind them here
      if (flags & DOTL_TRUNC && (flags & DOTL_ACCMODE) !== DOTL_RDONLY) this.truncate(n, 0);
    }
    n.opens++;
    return { node: n, flags };
  }

  opendir(path: FsPath): MemHandle {
    const n = this.dir(path);
    n.opens++;
    return { node: n, flags: DOTL_RDONLY };
  }

  create(dir: FsPath, name: string, flags: number, mode: number, uid: number, gid: number): { handle: MemHandle; attr: FsAttr } {
    const d = this.dir(dir);
    const existing = d.entries!.get(name);
    if (existing !== undefined) {
      if (flags & DOTL_EXCL) fail(EEXIST);
      const handle = this.openNode(existing, flags);
      return { handle, attr: this.attr(existing) };
    }
    const n = this.newNode(S_IFREG | (mode & 0o7777), uid, gid);
    this.insert(d, name, n);
    n.opens++;
    return { handle: { node: n, flags }, attr: this.attr(n) };
  }

  read(h: MemHandle, position: number, dst: Uint8Array): number {
    if ((h.flags & DOTL_ACCMODE) === DOTL_WRONLY || h.node.chunks === null) fail(EBADF);
    const n = this.readData(h.node, position, dst);
    h.node.atime = this.now();
    return n;
  }

  write(h: MemHandle, position: number, src: Uint8Array): number {
    if ((h.flags & DOTL_ACCMODE) === DOTL_RDONLY || h.node.chunks === null) fail(EBADF);
    return this.writeData(h.node, h.flags & DOTL_APPEND ? h.node.size : position, src);
  }

  fstat(h: MemHandle): FsAttr {
    return this.attr(h.node);
  }

  fsync(): void {}

  readdir(h: MemHandle): DirEntry[] {
    const out: DirEntry[] = [];
    if (h.node.entries === null) fail(ENOTDIR);
    for (const [name, n] of h.node.entries) out.push({ name, type: modeToDtype(n.mode), ino: n.ino });
    return out;
  }

  close(h: MemHandle): void {
    const n = h.node;
    n.opens--;
    if (n.opens === 0 && n.nlink === 0) this.release(n);
  }

  mkdir(dir: FsPath, name: string, mode: number, uid: number, gid: number): FsAttr {
    const d = this.dir(dir);
    if (d.entries!.has(name)) fail(EEXIST);
    const n = this.newNode(S_IFDIR | (mode & 0o7777), uid, gid);
    this.insert(d, name, n);
    return this.attr(n);
  }

  symlink(dir: FsPath, name: string, target: string, uid: number, gid: number): FsAttr {
    const d = this.dir(dir);
    if (d.entries!.has(name)) fail(EEXIST);
    const n = this.newNode(S_IFLNK | 0o777, uid, gid);
    n.target = target;
    this.insert(d, name, n);
    return this.attr(n);
  }

  mknod(dir: FsPath, name: string, mode: number, rdev: number, uid: number, gid: number): FsAttr {
    const d = this.dir(dir);
    if (d.entries!.has(name)) fail(EEXIST);
    const t = mode & S_IFMT;
    if (t === S_IFDIR || t === S_IFLNK) fail(EINVAL);
    const n = this.newNode(mode, uid, gid, rdev);
    this.insert(d, name, n);
    return this.attr(n);
  }

  link(target: FsPath, dir: FsPath, name: string): void {
    const n = this.node(target);
    if (n.entries !== null) fail(EPERM);
    const d = this.dir(dir);
    if (n.nlink === 0) fail(ENOENT);
    this.insert(d, name, n);
    n.nlink++;
    n.ctime = this.now();
  }

  readlink(path: FsPath): string {
    const n = this.node(path);
    if (n.type !== S_IFLNK) fail(EINVAL);
    return n.target;
  }

  unlink(dir: FsPath, name: string, isDir: boolean): void {
    const d = this.dir(dir);
    const n = d.entries!.get(name) ?? fail(ENOENT);
    if (isDir) {
      if (n.entries === null) fail(ENOTDIR);
      if (n.entries.size > 0) fail(ENOTEMPTY);
      d.nlink--;
    } else if (n.entries !== null) fail(EISDIR);
    d.entries!.delete(name);
    d.mtime = d.ctime = this.now();
    this.dropLink(n);
  }

  rename(oldDir: FsPath, oldName: string, newDir: FsPath, newName: string): void {
    const od = this.dir(oldDir);
    const n = od.entries!.get(oldName) ?? fail(ENOENT);
    const nd = this.dir(newDir);
    if (n.entries !== null) {
      // a directory cannot move below itself (rename(2)'s EINVAL)
      const from = [...oldDir, oldName];
      if (newDir.length >= from.length && from.every((c, i) => newDir[i] === c)) fail(EINVAL);
    }
    const dst = nd.entries!.get(newName);
    if (dst === n) return; // the same object (hard links, or the same name): nothing to do
    if (dst !== undefined) {
      if (n.entries !== null) {
        if (dst.entries === null) fail(ENOTDIR);
        if (dst.entries.size > 0) fail(ENOTEMPTY);
      } else if (dst.entries !== null) fail(EISDIR);
      nd.entries!.delete(newName);
      if (dst.entries !== null) nd.nlink--;
      this.dropLink(dst);
    }
    od.entries!.delete(oldName);
    if (n.entries !== null) od.nlink--;
    nd.entries!.set(newName, n);
    if (n.entries !== null) nd.nlink++;
    const now = this.now();
    od.mtime = od.ctime = nd.mtime = nd.ctime = n.ctime = now;
  }

  setattr(path: FsPath, handle: MemHandle | null, a: SetAttr): void {
    const n = handle !== null ? handle.node : this.node(path);
    if (n.type === S_IFLNK) {
      // as on a host: a symlink's mode cannot change, and truncating one would have to follow it
      if (a.mode !== undefined) fail(EOPNOTSUPP);
      if (a.size !== undefined) fail(ELOOP);
    }
    if (a.mode !== undefined) n.mode = (n.mode & S_IFMT) | (a.mode & 0o7777);
    if (a.atime !== undefined) n.atime = a.atime === "now" ? this.now() : { ...a.atime };
    if (a.mtime !== undefined) n.mtime = a.mtime === "now" ? this.now() : { ...a.mtime };
    if (a.uid !== undefined && a.uid !== -1) n.uid = a.uid >>> 0;
    if (a.gid !== undefined && a.gid !== -1) n.gid = a.gid >>> 0;
    if (a.size !== undefined) this.truncate(n, a.size);
    n.ctime = this.now();
  }

  statfs(path: FsPath): FsStatfs {
    this.node(path); // the object must exist, as for statfs(2)
    const blocks = Math.floor(this.capacityBytes / BLOCK);
    const free = Math.max(0, Math.floor((this.capacityBytes - this.usedBytes) / BLOCK));
    return {
      type: V9FS_MAGIC,
      bsize: BLOCK,
      blocks,
      bfree: free,
      bavail: free,
      files: this.maxNodes,
      ffree: Math.max(0, this.maxNodes - this.nodes),
      fsid: 0,
      namelen: 255,
    };
  }
}
