// A 9P backend that forwards every call to another one and counts the calls that change the tree,
// so the worker can tell the page that the guest added, changed or removed files in the share
// (the page's file list follows what the guest does without re-listing the tree on a timer).
import type { DirEntry, FsAttr, FsBackend, FsPath, FsStatfs, SetAttr } from "../hw/9p/backend.ts";
import { DOTL_TRUNC } from "../hw/9p/protocol.ts";

export class WatchedFs<H> implements FsBackend<H> {
  /** Bumped by every call that may have changed the tree (also by ones that then failed). */
  changes = 0;

  constructor(private readonly fs: FsBackend<H>) {}

  lstat(path: FsPath): FsAttr {
    return this.fs.lstat(path);
  }
  open(path: FsPath, flags: number): H {
    if (flags & DOTL_TRUNC) this.changes++;
    return this.fs.open(path, flags);
  }
  opendir(path: FsPath): H {
    return this.fs.opendir(path);
  }
  create(dir: FsPath, name: string, flags: number, mode: number, uid: number, gid: number): { handle: H; attr: FsAttr } {
    this.changes++;
    return this.fs.create(dir, name, flags, mode, uid, gid);
  }
  read(h: H, position: number, dst: Uint8Array): number {
    return this.fs.read(h, position, dst);
  }
  write(h: H, position: number, src: Uint8Array): number {
    this.changes++;
    return this.fs.write(h, position, src);
  }
  fstat(h: H): FsAttr {
    return this.fs.fstat(h);
  }
  fsync(h: H, datasync: boolean): void {
    this.fs.fsync(h, datasync);
  }
  readdir(h: H): DirEntry[] {
    return this.fs.readdir(h);
  }
  close(h: H): void {
    this.fs.close(h);
  }
  mkdir(dir: FsPath, name: string, mode: number, uid: number, gid: number): FsAttr {
    this.changes++;
    return this.fs.mkdir(dir, name, mode, uid, gid);
  }
  symlink(dir: FsPath, name: string, target: string, uid: number, gid: number): FsAttr {
    this.changes++;
    return this.fs.symlink(dir, name, target, uid, gid);
  }
  mknod(dir: FsPath, name: string, mode: number, rdev: number, uid: number, gid: number): FsAttr {
    this.changes++;
    return this.fs.mknod(dir, name, mode, rdev, uid, gid);
  }
  link(target: FsPath, dir: FsPath, name: string): void {
    this.changes++;
    this.fs.link(target, dir, name);
  }
  readlink(path: FsPath): string {
    return this.fs.readlink(path);
  }
  unlink(dir: FsPath, name: string, isDir: boolean): void {
    this.changes++;
    this.fs.unlink(dir, name, isDir);
  }
  rename(oldDir: FsPath, oldName: string, newDir: FsPath, newName: string): void {
    this.changes++;
    this.fs.rename(oldDir, oldName, newDir, newName);
  }
  setattr(path: FsPath, handle: H | null, attr: SetAttr): void {
    this.changes++;
    this.fs.setattr(path, handle, attr);
  }
  statfs(path: FsPath): FsStatfs {
    return this.fs.statfs(path);
  }
}
