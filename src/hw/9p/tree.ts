// Moving whole trees in and out of a 9P backend from the host side (the browser page's drop zone
// and download buttons, tests): files given as (path, bytes) pairs, tar archives, single files.
// Works on any FsBackend through its public operations; paths are "/"-separated byte strings
// (use utf8ToByteString for names typed or dropped by a user).
import type { FsBackend, FsPath } from "./backend.ts";
import { EEXIST, FsError } from "./errno.ts";
import { DOTL_RDONLY, DOTL_TRUNC, DOTL_WRONLY, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG } from "./protocol.ts";
import { makedev } from "./server.ts";
import { readTar, writeTar, type TarEntry, type TarType } from "./tar.ts";

const IO_CHUNK = 1 << 20;

/** A path string as backend names; refuses ".." (a tar member must not climb out of its destination). */
export function splitPath(path: string): string[] {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === ".." || p.includes("\0"))) throw new Error(`unsafe path ${JSON.stringify(path)}`);
  return parts;
}

/** mkdir -p: every directory of `path` (relative to the root) exists afterwards. */
export function mkdirs(fs: FsBackend, path: FsPath, mode = 0o755, uid = 0, gid = 0): void {
  for (let i = 1; i <= path.length; i++) {
    try {
      fs.mkdir(path.slice(0, i - 1), path[i - 1], mode, uid, gid);
    } catch (e) {
      if (!(e instanceof FsError) || e.errno !== EEXIST) throw e;
      if ((fs.lstat(path.slice(0, i)).mode & S_IFMT) !== S_IFDIR) throw e;
    }
  }
}

/** Creates or replaces the regular file at `path` (parents are created) with `data`. */
export function writeFileAt(
  fs: FsBackend,
  path: FsPath,
  data: Uint8Array,
  opts: { mode?: number; mtime?: number; uid?: number; gid?: number } = {},
): void {
  if (path.length === 0) throw new Error("writeFileAt: empty path");
  const dir = path.slice(0, -1);
  mkdirs(fs, dir);
  const { handle } = fs.create(dir, path[path.length - 1], DOTL_WRONLY | DOTL_TRUNC, opts.mode ?? 0o644, opts.uid ?? 0, opts.gid ?? 0);
  try {
    for (let off = 0; off < data.length;) {
      const n = fs.write(handle, off, data.subarray(off, Math.min(data.length, off + IO_CHUNK)));
      if (!(n > 0)) throw new Error("writeFileAt: short write");
      off += n;
    }
  } finally {
    fs.close(handle);
  }
  if (opts.mtime !== undefined) fs.setattr(path, null, { mtime: timeOf(opts.mtime), atime: timeOf(opts.mtime) });
}

/** The contents of the regular file at `path`. */
export function readFileAt(fs: FsBackend, path: FsPath): Uint8Array {
  const size = fs.lstat(path).size;
  const h = fs.open(path, DOTL_RDONLY);
  try {
    const out = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const n = fs.read(h, off, out.subarray(off, Math.min(size, off + IO_CHUNK)));
      if (!(n > 0)) break;
      off += n;
    }
    return off === size ? out : out.slice(0, off);
  } finally {
    fs.close(h);
  }
}

function timeOf(sec: number): { sec: number; nsec: number } {
  const s = Math.floor(sec);
  return { sec: s, nsec: Math.round((sec - s) * 1e9) };
}

export interface ImportedFile {
  /** "/"-separated byte-string path (e.g. a dropped file's webkitRelativePath, UTF-8 encoded). */
  path: string;
  data: Uint8Array;
  /** Modification time in ms (File.lastModified). */
  mtimeMs?: number;
}

/** Adds files (with their directories) below `dest`. */
export function importFiles(fs: FsBackend, files: Iterable<ImportedFile>, dest: FsPath = []): void {
  for (const f of files)
    writeFileAt(fs, [...dest, ...splitPath(f.path)], f.data, { mtime: f.mtimeMs === undefined ? undefined : f.mtimeMs / 1000 });
}

export interface TarImportReport {
  members: number;
  /** Members not created, with the reason (unsafe paths, special files a backend refuses). */
  skipped: string[];
}

/** Extracts a tar archive below `dest` (members with ".." are skipped, as GNU tar does). */
export function importTar(fs: FsBackend, tar: Uint8Array, dest: FsPath = []): TarImportReport {
  const report: TarImportReport = { members: 0, skipped: [] };
  const dirTimes: [FsPath, number][] = [];
  for (const e of readTar(tar)) {
    let rel: string[];
    try {
      rel = splitPath(e.path);
    } catch (err) {
      report.skipped.push(`${e.path}: ${(err as Error).message}`);
      continue;
    }
    const path = [...dest, ...rel];
    try {
      extract(fs, e, path, dest);
      if (e.type === "dir") dirTimes.push([path, e.mtime]);
      report.members++;
    } catch (err) {
      report.skipped.push(`${e.path}: ${(err as Error).message}`);
    }
  }
  // directory times last: creating their entries changed them
  for (const [p, t] of dirTimes) fs.setattr(p, null, { mtime: timeOf(t), atime: timeOf(t) });
  return report;
}

function removeExisting(fs: FsBackend, path: FsPath): void {
  try {
    const a = fs.lstat(path);
    if ((a.mode & S_IFMT) !== S_IFDIR) fs.unlink(path.slice(0, -1), path[path.length - 1], false);
  } catch {
    // nothing there
  }
}

function extract(fs: FsBackend, e: TarEntry, path: FsPath, dest: FsPath): void {
  if (path.length === 0) return; // "." itself
  const dir = path.slice(0, -1);
  const name = path[path.length - 1];
  mkdirs(fs, dir);
  switch (e.type) {
    case "dir":
      mkdirs(fs, path, e.mode);
      fs.setattr(path, null, { mode: e.mode });
      return;
    case "file":
      writeFileAt(fs, path, e.data ?? new Uint8Array(0), { mode: e.mode, mtime: e.mtime });
      fs.setattr(path, null, { mode: e.mode });
      return;
    case "symlink":
      removeExisting(fs, path);
      fs.symlink(dir, name, e.linkname ?? "", e.uid, e.gid);
      fs.setattr(path, null, { mtime: timeOf(e.mtime), atime: timeOf(e.mtime) }); // the link's own times
      return;
    case "hardlink":
      removeExisting(fs, path);
      fs.link([...dest, ...splitPath(e.linkname ?? "")], dir, name);
      return;
    default: {
      removeExisting(fs, path);
      const t = e.type === "chr" ? S_IFCHR : e.type === "blk" ? S_IFBLK : S_IFIFO;
      fs.mknod(dir, name, t | e.mode, t === S_IFIFO ? 0 : makedev(e.devmajor ?? 0, e.devminor ?? 0), e.uid, e.gid);
    }
  }
}

/** The tree below `root` as tar members (depth first, directories before their contents, hard links kept). */
export function* treeEntries(fs: FsBackend, root: FsPath = []): Generator<TarEntry> {
  const seen = new Map<number, string>();
  const walk = function* (path: FsPath, rel: string): Generator<TarEntry> {
    const a = fs.lstat(path);
    const base = { path: rel, mode: a.mode & 0o7777, uid: a.uid, gid: a.gid, mtime: a.mtimeSec };
    const t = a.mode & S_IFMT;
    if (t === S_IFDIR) {
      if (rel !== "") yield { ...base, type: "dir" };
      const h = fs.opendir(path);
      let names: string[];
      try {
        names = fs.readdir(h).map((d) => d.name);
      } finally {
        fs.close(h);
      }
      names.sort();
      for (const n of names) yield* walk([...path, n], rel === "" ? n : `${rel}/${n}`);
      return;
    }
    if (a.nlink > 1 && t !== S_IFDIR) {
      const first = seen.get(a.ino);
      if (first !== undefined) {
        yield { ...base, type: "hardlink", linkname: first };
        return;
      }
      seen.set(a.ino, rel);
    }
    if (t === S_IFREG) yield { ...base, type: "file", data: readFileAt(fs, path) };
    else if (t === S_IFLNK) yield { ...base, type: "symlink", linkname: fs.readlink(path) };
    else {
      const type: TarType = t === S_IFCHR ? "chr" : t === S_IFBLK ? "blk" : "fifo";
      if (t === S_IFCHR || t === S_IFIFO || t === S_IFBLK) {
        const lo = a.rdev % 2 ** 32;
        const hi = Math.floor(a.rdev / 2 ** 32);
        yield {
          ...base,
          type,
          devmajor: ((lo >>> 8) & 0xfff) | (hi & 0xfffff000),
          devminor: ((lo & 0xff) | ((lo >>> 12) & 0xfff00) | ((hi & 0xfff) << 20)) >>> 0,
        };
      }
      // sockets have no tar representation
    }
  };
  yield* walk(root, "");
}

export interface TreeItem {
  /** "/"-separated byte-string path relative to the root of the listing. */
  path: string;
  type: "file" | "dir" | "symlink" | "other";
  size: number;
  mtimeSec: number;
}

/** Everything below `root` without reading file contents (for a file browser: pick files to download with readFileAt). */
export function* listTree(fs: FsBackend, root: FsPath = []): Generator<TreeItem> {
  const walk = function* (path: FsPath, rel: string): Generator<TreeItem> {
    const h = fs.opendir(path);
    let names: string[];
    try {
      names = fs.readdir(h).map((d) => d.name);
    } finally {
      fs.close(h);
    }
    for (const n of names.sort()) {
      const p = [...path, n];
      const r = rel === "" ? n : `${rel}/${n}`;
      const a = fs.lstat(p);
      const t = a.mode & S_IFMT;
      yield {
        path: r,
        type: t === S_IFREG ? "file" : t === S_IFDIR ? "dir" : t === S_IFLNK ? "symlink" : "other",
        size: a.size,
        mtimeSec: a.mtimeSec,
      };
      if (t === S_IFDIR) yield* walk(p, r);
    }
  };
  yield* walk(root, "");
}

/** The tree below `root` as a tar archive (what the page's "download all" saves). */
export function exportTar(fs: FsBackend, root: FsPath = []): Uint8Array {
  return writeTar(treeEntries(fs, root));
}
