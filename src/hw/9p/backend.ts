// The file-system operations the 9P server needs, implemented by an in-memory tree (memfs.ts, for
// the browser) and by a host directory (src/cli/host-dir-fs.ts, for Node).
//
// Calls are synchronous: the emulator is one thread and a request never moves more than msize
// bytes (the server caps it), so each call is short. Errors are thrown as FsError with a Linux
// errno; anything else a backend throws is answered with EIO.
//
// Paths are arrays of names relative to the shared root ([] is the root). The server has already
// checked every name (no "/", no NUL, not empty, not "." or "..") and resolved ".." lexically, so a
// backend only has to make sure it never leaves its root while following them: it must not follow
// symlinks in any component (a symlink where a directory is expected is ENOTDIR, a symlink as the
// object of open is ELOOP). Names are byte strings (wire.ts).
//
// Handles are opaque objects a backend returns from open/opendir/create; the server keeps one per
// open fid and gives it back until close. An open handle stays usable after its name is unlinked
// or renamed, as on Linux.

export type FsPath = readonly string[];

export interface FsTime {
  sec: number;
  nsec: number;
}

/** What Rgetattr reports; `ino` becomes the qid path. */
export interface FsAttr {
  /** st_mode with the file type bits (S_IF*). */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  /** Device number in glibc's encoding (makedev). */
  rdev: number;
  size: number;
  blksize: number;
  /** 512-byte blocks. */
  blocks: number;
  ino: number;
  atimeSec: number;
  atimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
  ctimeSec: number;
  ctimeNsec: number;
}

export interface DirEntry {
  /** Byte string, never "." or "..": the server adds those. */
  name: string;
  /** DT_* */
  type: number;
  ino: number;
}

/** Tsetattr, decoded. Absent fields are left alone. */
export interface SetAttr {
  mode?: number;
  /** -1 leaves the id alone (chown semantics). */
  uid?: number;
  gid?: number;
  size?: number;
  atime?: FsTime | "now";
  mtime?: FsTime | "now";
  /** Only ctime was asked for: update it (QEMU does chown(-1, -1)). */
  touchCtime?: boolean;
}

export interface FsStatfs {
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  fsid: number;
  namelen: number;
}

/**
 * Open flags are Linux's O_* values (Tlopen's P9_DOTL_* flags, minus O_CREAT, O_NOCTTY, FASYNC and
 * O_DIRECT as QEMU's get_dotl_openflags drops them); a host backend maps them to its platform.
 */
export interface FsBackend<H = unknown> {
  lstat(path: FsPath): FsAttr;
  /** Opens a non-directory (never following a symlink: ELOOP). */
  open(path: FsPath, flags: number): H;
  /** Opens a directory for readdir. */
  opendir(path: FsPath): H;
  /** Creates and opens a regular file `name` in `dir` (O_CREAT is implied; O_EXCL may be set). */
  create(dir: FsPath, name: string, flags: number, mode: number, uid: number, gid: number): { handle: H; attr: FsAttr };
  /** Reads into `dst` from `position`; returns the bytes read (0 at end of file). */
  read(h: H, position: number, dst: Uint8Array): number;
  /** Writes `src` (possibly a view of guest RAM: copy it if kept) at `position`; returns the bytes written. */
  write(h: H, position: number, src: Uint8Array): number;
  fstat(h: H): FsAttr;
  fsync(h: H, datasync: boolean): void;
  /** The directory's entries (without "." and ".."), in a stable order. */
  readdir(h: H): DirEntry[];
  close(h: H): void;
  mkdir(dir: FsPath, name: string, mode: number, uid: number, gid: number): FsAttr;
  symlink(dir: FsPath, name: string, target: string, uid: number, gid: number): FsAttr;
  /** `mode` includes the type (S_IFREG, S_IFIFO, S_IFCHR, S_IFBLK, S_IFSOCK). */
  mknod(dir: FsPath, name: string, mode: number, rdev: number, uid: number, gid: number): FsAttr;
  /** A new name `name` in `dir` for the (non-directory) object at `target`. */
  link(target: FsPath, dir: FsPath, name: string): void;
  readlink(path: FsPath): string;
  /** unlink, or rmdir when `dir` is true. */
  unlink(dir: FsPath, name: string, isDir: boolean): void;
  rename(oldDir: FsPath, oldName: string, newDir: FsPath, newName: string): void;
  /** Changes attributes of `path`, or of the open object `handle` when given (so an unlinked open file works). */
  setattr(path: FsPath, handle: H | null, attr: SetAttr): void;
  statfs(path: FsPath): FsStatfs;
}
