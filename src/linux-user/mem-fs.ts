// An in-memory file system implementing HostFs (tests, browsers): directories, regular files and
// symbolic links in a tree of inodes, with POSIX-like semantics for the calls the emulator makes.
// Deterministic: inode numbers count up, times come from a settable clock, readdir is in creation
// order.
import type { HostDirEntry, HostFs, HostStat, HostStatfs } from "./host-api.ts";
import { EBADF, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, ENOTEMPTY, EPERM, O, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from "./errno.ts";

interface Inode {
  ino: number;
  mode: number;
  nlink: number;
  data: Uint8Array; // file contents (capacity >= size)
  size: number;
  target: string; // symlink target
  entries: Map<string, Inode> | null; // directories
  parent: Inode | null;
  atime: bigint;
  mtime: bigint;
  ctime: bigint;
  /** An O_TMPFILE file (without O_EXCL) that linkHandle may name (Linux's I_LINKABLE). */
  linkable?: boolean;
}

interface Handle {
  node: Inode;
  flags: number;
  pos: number;
}

export class MemFs implements HostFs {
  private nextIno = 1;
  readonly root: Inode;
  private cwd: Inode;
  private cwdPath = "/";
  private handles = new Map<number, Handle>();
  private nextHandle = 3;
  /** Clock for file times (ns since the epoch). */
  now: () => bigint = () => 1_700_000_000_000_000_000n;

  constructor() {
    this.root = this.newNode(S_IFDIR | 0o755, null);
    this.root.parent = this.root;
    this.cwd = this.root;
  }

  private newNode(mode: number, parent: Inode | null): Inode {
    const t = this.now();
    return {
      ino: this.nextIno++,
      mode,
      nlink: 1,
      data: new Uint8Array(0),
      size: 0,
      target: "",
      entries: (mode & S_IFMT) === S_IFDIR ? new Map() : null,
      parent,
      atime: t,
      mtime: t,
      ctime: t,
    };
  }

  /** Resolves a path; returns the node, or its parent and last name when `create` allows missing. */
  private walk(path: string, follow: boolean, depth = 0): { node: Inode | null; parent: Inode; name: string } | number {
    if (depth > 40) return -ELOOP;
    if (path === "") return -ENOENT;
    let dir = path.startsWith("/") ? this.root : this.cwd;
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.length === 0) return { node: dir, parent: dir.parent!, name: "." };
    for (let i = 0; i < parts.length; i++) {
      if (!dir.entries) return -ENOTDIR;
      const name = parts[i];
      const last = i === parts.length - 1;
      let node: Inode | null = name === ".." ? dir.parent : (dir.entries.get(name) ?? null);
      if (node && (node.mode & S_IFMT) === S_IFLNK && (!last || follow)) {
        const r = this.walk(node.target.startsWith("/") ? node.target : this.pathOf(dir) + "/" + node.target, true, depth + 1);
        if (typeof r === "number") return r;
        node = r.node;
        if (!node && !last) return -ENOENT;
        if (last) return { node, parent: r.parent, name: r.name };
      }
      if (last) return { node, parent: dir, name };
      if (!node) return -ENOENT;
      dir = node;
    }
    return -ENOENT;
  }

  private pathOf(dir: Inode): string {
    const names: string[] = [];
    let d = dir;
    while (d !== this.root) {
      const p = d.parent!;
      let found = "";
      for (const [n, c] of p.entries!) if (c === d) found = n;
      names.push(found);
      d = p;
    }
    return "/" + names.reverse().join("/");
  }

  private lookup(path: string, follow = true): Inode | number {
    const r = this.walk(path, follow);
    if (typeof r === "number") return r;
    return r.node ?? -ENOENT;
  }

  // ---- convenience for tests

  writeFile(path: string, data: Uint8Array | string, mode = 0o644): void {
    const h = this.open(path, O.WRONLY | O.CREAT | O.TRUNC, mode);
    if (h < 0) throw new Error(`MemFs.writeFile ${path}: errno ${-h}`);
    this.write(h, typeof data === "string" ? new TextEncoder().encode(data) : data, 0);
    this.close(h);
  }
  readFile(path: string): Uint8Array | null {
    const n = this.lookup(path);
    return typeof n === "number" ? null : n.data.slice(0, n.size);
  }
  mkdirp(path: string): void {
    let p = "";
    for (const part of path.split("/").filter(Boolean)) {
      p += "/" + part;
      this.mkdir(p, 0o755);
    }
  }

  // ---- HostFs

  open(path: string, flags: number, mode: number): number {
    const r = this.walk(path, (flags & O.NOFOLLOW) === 0);
    if (typeof r === "number") return r;
    let node = r.node;
    if (node && flags & O.CREAT && flags & O.EXCL) return -EEXIST;
    if (!node) {
      if (!(flags & O.CREAT)) return -ENOENT;
      if (!r.parent.entries) return -ENOTDIR;
      node = this.newNode(S_IFREG | (mode & 0o7777), r.parent);
      r.parent.entries.set(r.name, node);
    }
    if ((node.mode & S_IFMT) === S_IFLNK) return -ELOOP;
    const isDir = (node.mode & S_IFMT) === S_IFDIR;
    if (flags & O.DIRECTORY && !isDir) return -ENOTDIR;
    if (isDir && (flags & O.ACCMODE) !== O.RDONLY) return -EISDIR;
    if (flags & O.TRUNC && !isDir && (flags & O.ACCMODE) !== O.RDONLY) {
      node.size = 0;
      node.mtime = node.ctime = this.now();
    }
    const h = this.nextHandle++;
    this.handles.set(h, { node, flags, pos: 0 });
    return h;
  }
  /** O_TMPFILE: a regular file in directory `dir` with no name (nlink 0) until linkHandle gives it one. */
  openTmpfile(dir: string, flags: number, mode: number): number {
    const d = this.lookup(dir);
    if (typeof d === "number") return d;
    if (!d.entries) return -ENOTDIR;
    const node = this.newNode(S_IFREG | (mode & 0o7777), d);
    node.nlink = 0;
    node.linkable = (flags & O.EXCL) === 0;
    const h = this.nextHandle++;
    this.handles.set(h, { node, flags: flags & ~O.EXCL, pos: 0 });
    return h;
  }
  /** linkat(h, "", AT_FDCWD, to, AT_EMPTY_PATH): vfs_link's checks (a directory EPERM, an unlinked file ENOENT). */
  linkHandle(h: number, to: string): number {
    const f = this.handles.get(h);
    if (!f) return -EBADF;
    const b = this.walk(to, false);
    if (typeof b === "number") return b;
    if (b.node) return -EEXIST;
    if (!b.parent.entries) return -ENOTDIR;
    const n = f.node;
    if (n.entries) return -EPERM;
    if (n.nlink === 0 && !n.linkable) return -ENOENT;
    b.parent.entries.set(b.name, n);
    n.nlink++;
    n.ctime = this.now();
    return 0;
  }
  close(h: number): number {
    return this.handles.delete(h) ? 0 : -EBADF;
  }
  read(h: number, buf: Uint8Array, pos: number | null): number {
    const f = this.handles.get(h);
    if (!f) return -EBADF;
    if (f.node.entries) return -EISDIR;
    const at = pos ?? f.pos;
    const n = Math.max(0, Math.min(buf.length, f.node.size - at));
    buf.set(f.node.data.subarray(at, at + n));
    if (pos === null) f.pos += n;
    return n;
  }
  write(h: number, data: Uint8Array, pos: number | null): number {
    const f = this.handles.get(h);
    if (!f) return -EBADF;
    const node = f.node;
    let at = pos ?? f.pos;
    if (f.flags & O.APPEND) at = node.size;
    this.resize(node, Math.max(node.size, at + data.length));
    node.data.set(data, at);
    if (pos === null) f.pos = at + data.length;
    node.mtime = node.ctime = this.now();
    return data.length;
  }
  private resize(node: Inode, size: number): void {
    if (size > node.data.length) {
      const d = new Uint8Array(Math.max(size, node.data.length * 2, 256));
      d.set(node.data.subarray(0, node.size));
      node.data = d;
    } else if (size > node.size) node.data.fill(0, node.size, size);
    node.size = size;
  }
  private statOf(n: Inode): HostStat {
    return {
      dev: 1n,
      ino: BigInt(n.ino),
      mode: n.mode,
      nlink: n.entries ? 2 + [...n.entries.values()].filter((c) => c.entries).length : n.nlink,
      uid: 0,
      gid: 0,
      rdev: 0n,
      size: BigInt(n.entries ? 4096 : (n.mode & S_IFMT) === S_IFLNK ? n.target.length : n.size),
      blksize: 4096,
      blocks: BigInt(Math.ceil(n.size / 4096) * 8),
      atimeNs: n.atime,
      mtimeNs: n.mtime,
      ctimeNs: n.ctime,
    };
  }
  fstat(h: number): HostStat | number {
    const f = this.handles.get(h);
    return f ? this.statOf(f.node) : -EBADF;
  }
  stat(path: string, follow: boolean): HostStat | number {
    const n = this.lookup(path, follow);
    return typeof n === "number" ? n : this.statOf(n);
  }
  /** A RAM-backed file system without a size limit: what Linux's tmpfs reports (shmem_statfs, no counts). */
  statfs(path: string): HostStatfs | number {
    const n = this.lookup(path);
    return typeof n === "number" ? n : MemFs.STATFS;
  }
  fstatfs(h: number): HostStatfs | number {
    return this.handles.has(h) ? MemFs.STATFS : -EBADF;
  }
  private static readonly STATFS: HostStatfs = {
    type: 0x01021994, // TMPFS_MAGIC
    bsize: 4096,
    blocks: 0n,
    bfree: 0n,
    bavail: 0n,
    files: 0n,
    ffree: 0n,
    fsid: [0, 0],
    namelen: 255,
    frsize: 4096,
    flags: 0x20, // ST_VALID
  };
  readdir(path: string): HostDirEntry[] | number {
    const n = this.lookup(path);
    if (typeof n === "number") return n;
    if (!n.entries) return -ENOTDIR;
    return [...n.entries].map(([name, c]) => ({ name, ino: BigInt(c.ino), type: (c.mode & S_IFMT) >> 12 }));
  }
  readlink(path: string): string | number {
    const n = this.lookup(path, false);
    if (typeof n === "number") return n;
    return (n.mode & S_IFMT) === S_IFLNK ? n.target : -EINVAL;
  }
  mkdir(path: string, mode: number): number {
    const r = this.walk(path, false);
    if (typeof r === "number") return r;
    if (r.node) return -EEXIST;
    if (!r.parent.entries) return -ENOTDIR;
    r.parent.entries.set(r.name, this.newNode(S_IFDIR | (mode & 0o7777), r.parent));
    return 0;
  }
  rmdir(path: string): number {
    const r = this.walk(path, false);
    if (typeof r === "number") return r;
    if (!r.node) return -ENOENT;
    if (!r.node.entries) return -ENOTDIR;
    if (r.node.entries.size) return -ENOTEMPTY;
    if (r.node === this.root) return -EINVAL;
    r.parent.entries!.delete(r.name);
    return 0;
  }
  unlink(path: string): number {
    const r = this.walk(path, false);
    if (typeof r === "number") return r;
    if (!r.node) return -ENOENT;
    if (r.node.entries) return -EISDIR;
    r.parent.entries!.delete(r.name);
    r.node.nlink--;
    return 0;
  }
  rename(from: string, to: string): number {
    const a = this.walk(from, false);
    if (typeof a === "number") return a;
    if (!a.node) return -ENOENT;
    const b = this.walk(to, false);
    if (typeof b === "number") return b;
    if (!b.parent.entries) return -ENOTDIR;
    if (b.node?.entries && b.node.entries.size) return -ENOTEMPTY;
    a.parent.entries!.delete(a.name);
    b.parent.entries.set(b.name, a.node);
    a.node.parent = a.node.entries ? b.parent : a.node.parent;
    return 0;
  }
  link(from: string, to: string): number {
    const n = this.lookup(from, false);
    if (typeof n === "number") return n;
    const b = this.walk(to, false);
    if (typeof b === "number") return b;
    if (b.node) return -EEXIST;
    b.parent.entries!.set(b.name, n);
    n.nlink++;
    return 0;
  }
  symlink(target: string, path: string): number {
    const b = this.walk(path, false);
    if (typeof b === "number") return b;
    if (b.node) return -EEXIST;
    const n = this.newNode(S_IFLNK | 0o777, b.parent);
    n.target = target;
    b.parent.entries!.set(b.name, n);
    return 0;
  }
  chmod(path: string, mode: number): number {
    const n = this.lookup(path);
    if (typeof n === "number") return n;
    n.mode = (n.mode & S_IFMT) | (mode & 0o7777);
    return 0;
  }
  ftruncate(h: number, len: number): number {
    const f = this.handles.get(h);
    if (!f) return -EBADF;
    if (f.node.entries) return -EISDIR;
    this.resize(f.node, len);
    return 0;
  }
  fsync(h: number): number {
    return this.handles.has(h) ? 0 : -EBADF;
  }
  utimes(path: string, atimeNs: bigint | null, mtimeNs: bigint | null, follow: boolean): number {
    const n = this.lookup(path, follow);
    if (typeof n === "number") return n;
    if (atimeNs !== null) n.atime = atimeNs;
    if (mtimeNs !== null) n.mtime = mtimeNs;
    n.ctime = this.now();
    return 0;
  }
  access(path: string, _mode: number): number {
    const n = this.lookup(path);
    return typeof n === "number" ? n : 0;
  }
  getcwd(): string {
    return this.cwdPath;
  }
  chdir(path: string): number {
    const n = this.lookup(path);
    if (typeof n === "number") return n;
    if (!n.entries) return -ENOTDIR;
    this.cwd = n;
    this.cwdPath = this.pathOf(n);
    return 0;
  }
  isatty(_h: number): boolean {
    return false;
  }
}
