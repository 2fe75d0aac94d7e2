// The 9P server's fids: each names a path under the shared root and, once opened, holds the
// backend's handle (file or directory), or the value of an extended attribute (xattrwalk).
// Paths are kept as name arrays, as QEMU's path-based fids are; renames fix them up (QEMU's
// v9fs_fix_fid_paths) so that a fid below a renamed directory keeps naming the same object.
import type { DirEntry, FsPath } from "./backend.ts";

export const enum FidKind {
  /** Walked or attached, not opened. */
  None,
  File,
  Dir,
  Xattr,
}

export class Fid {
  kind = FidKind.None;
  handle: unknown = null;
  /** Linux O_* flags the fid was opened with. */
  openFlags = 0;
  /** Directory listing taken when a readdir starts at offset 0 (offset n = after entry n). */
  listing: DirEntry[] | null = null;
  /** Value of an xattr fid. */
  xattr: Uint8Array | null = null;

  constructor(
    public path: FsPath,
    /** n_uname of the attach this fid descends from. */
    readonly uid: number,
  ) {}
}

export class FidTable {
  private readonly fids = new Map<number, Fid>();

  constructor(
    /** Most fids at a time; more are refused (ENFILE) so a guest cannot exhaust host memory. */
    readonly limit: number,
  ) {}

  get size(): number {
    return this.fids.size;
  }

  get(id: number): Fid | undefined {
    return this.fids.get(id);
  }

  has(id: number): boolean {
    return this.fids.has(id);
  }

  /** Adds a fid; false when `id` is in use or the table is full. */
  add(id: number, fid: Fid): boolean {
    if (this.fids.has(id) || this.fids.size >= this.limit) return false;
    this.fids.set(id, fid);
    return true;
  }

  get full(): boolean {
    return this.fids.size >= this.limit;
  }

  remove(id: number): Fid | undefined {
    const f = this.fids.get(id);
    if (f !== undefined) this.fids.delete(id);
    return f;
  }

  all(): IterableIterator<Fid> {
    return this.fids.values();
  }

  clear(): Fid[] {
    const out = [...this.fids.values()];
    this.fids.clear();
    return out;
  }

  /** After `from` was renamed to `to`: every fid at or below `from` now lives below `to`. */
  renamed(from: FsPath, to: FsPath): void {
    for (const f of this.fids.values()) if (isPrefix(from, f.path)) f.path = [...to, ...f.path.slice(from.length)];
  }
}

export function isPrefix(prefix: FsPath, path: FsPath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}
