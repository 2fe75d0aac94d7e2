// The page's shared folder (issue 15.6), on the worker's side: an in-memory tree (MemFs) that the
// booted machine sees as a virtio-9p share with the mount tag `host`, and that the page fills with
// dropped or picked files and reads back (one file, or the whole tree as a tar). It lives as long
// as the page: booting or resuming another machine keeps its contents (as a host directory outlives
// QEMU's -virtfs), reloading the page empties it.
import type { FsPath } from "../hw/9p/backend.ts";
import { EEXIST, EISDIR, ENOENT, ENOSPC, ENOTDIR, FsError } from "../hw/9p/errno.ts";
import { MemFs } from "../hw/9p/memfs.ts";
import { exportTar, importFiles, listTree, readFileAt, splitPath } from "../hw/9p/tree.ts";
import { byteStringToUtf8, utf8ToByteString } from "../hw/9p/wire.ts";
import type { Virtio9pShare } from "../hw/virtio-9p.ts";
import type { ShareItem } from "./protocol.ts";
import { WatchedFs } from "./watched-fs.ts";

/** The mount tag: `mount -t 9p -o trans=virtio,version=9p2000.L host /mnt`. */
export const SHARE_TAG = "host";
/** Most bytes of file data the share holds (the guest gets ENOSPC beyond; the page an error). */
export const SHARE_CAPACITY = 512 << 20;
/** Most entries sent to the page in one listing. */
export const SHARE_LIST_MAX = 2000;

export class PageShare {
  readonly fs = new MemFs({ capacityBytes: SHARE_CAPACITY });
  /** What the 9p server uses: the tree, with the guest's changes counted. */
  private readonly watched = new WatchedFs(this.fs);
  /** Tree changes made by the page (imports). */
  private imports = 0;

  /** The share for VirtBoard's `shares` (a new server per board; the tree is the same). */
  device(): Virtio9pShare {
    return { tag: SHARE_TAG, fs: this.watched };
  }

  /** A number that changes whenever the guest or the page changed the tree. */
  get generation(): number {
    return this.watched.changes + this.imports;
  }

  /** Adds files below the root; `path` is "/"-separated text (a dropped file's relative path). */
  import(files: { path: string; data: Uint8Array; mtimeMs?: number }[]): { files: number; bytes: number } {
    this.imports++;
    let bytes = 0;
    try {
      importFiles(
        this.fs,
        files.map((f) => {
          bytes += f.data.length;
          return { path: utf8ToByteString(f.path), data: f.data, mtimeMs: f.mtimeMs };
        }),
      );
    } catch (e) {
      throw new Error(`adding to the share: ${describe(e)}`);
    }
    return { files: files.length, bytes };
  }

  /** The regular file at `path` (a byte-string path from list()). */
  read(path: string): Uint8Array {
    try {
      return readFileAt(this.fs, this.path(path));
    } catch (e) {
      throw new Error(`reading ${byteStringToUtf8(path)} from the share: ${describe(e)}`);
    }
  }

  /** The whole tree as a tar archive. */
  tar(): Uint8Array {
    return exportTar(this.fs);
  }

  list(): { items: ShareItem[]; truncated: boolean; usedBytes: number; capacityBytes: number } {
    const items: ShareItem[] = [];
    let truncated = false;
    for (const it of listTree(this.fs)) {
      if (items.length === SHARE_LIST_MAX) {
        truncated = true;
        break;
      }
      items.push({ path: it.path, name: byteStringToUtf8(it.path), type: it.type, size: it.size, mtimeSec: it.mtimeSec });
    }
    return { items, truncated, usedBytes: this.fs.usedBytes, capacityBytes: this.fs.capacityBytes };
  }

  private path(p: string): FsPath {
    return splitPath(p);
  }
}

const ERRORS: Record<number, string> = {
  [ENOSPC]: `the share is full (it holds at most ${SHARE_CAPACITY >> 20} MiB)`,
  [ENOENT]: "no such file",
  [ENOTDIR]: "a file is where a folder should be",
  [EEXIST]: "a folder is where a file should be",
  [EISDIR]: "it is a folder",
};

function describe(e: unknown): string {
  if (e instanceof FsError) return ERRORS[e.errno] ?? e.message;
  return e instanceof Error ? e.message : String(e);
}
