// openat2(2)'s struct open_how and its path walk (Linux's fs/open.c build_open_flags and
// fs/namei.c with LOOKUP_NO_XDEV, LOOKUP_NO_MAGICLINKS, LOOKUP_NO_SYMLINKS, LOOKUP_BENEATH and
// LOOKUP_IN_ROOT). QEMU hands the call to the host kernel (do_openat2); here the path is walked one
// component at a time over the host's file system (lstat, readlink) and the kernel's own /proc, and
// the name it ends at is opened as openat opens a host path.
import * as E from "../errno.ts";
import { O, S_IFDIR, S_IFLNK, S_IFMT } from "../errno.ts";
import type { HostStat } from "../host-api.ts";
import type { Task } from "../task.ts";
import { AT_FDCWD, procNode } from "./common.ts";

export const RESOLVE_NO_XDEV = 0x01,
  RESOLVE_NO_MAGICLINKS = 0x02,
  RESOLVE_NO_SYMLINKS = 0x04,
  RESOLVE_BENEATH = 0x08,
  RESOLVE_IN_ROOT = 0x10,
  RESOLVE_CACHED = 0x20;
const VALID_RESOLVE = 0x3f;
/** OPEN_HOW_SIZE_VER0: flags, mode and resolve, three u64. */
export const OPEN_HOW_SIZE = 24;
const __O_TMPFILE = O.TMPFILE & ~O.DIRECTORY;
/** VALID_OPEN_FLAGS (generic numbering): every O_* bit Linux knows, O_ACCMODE's two included. */
const VALID_OPEN_FLAGS =
  O.ACCMODE |
  O.CREAT |
  O.EXCL |
  O.NOCTTY |
  O.TRUNC |
  O.APPEND |
  O.NONBLOCK |
  O.SYNC |
  O.DSYNC |
  O.ASYNC |
  O.DIRECT |
  O.LARGEFILE |
  O.DIRECTORY |
  O.NOFOLLOW |
  O.NOATIME |
  O.CLOEXEC |
  O.PATH |
  __O_TMPFILE;
/** O_PATH_FLAGS: what O_PATH may come with. */
const O_PATH_FLAGS = O.DIRECTORY | O.NOFOLLOW | O.PATH | O.CLOEXEC;

/**
 * build_open_flags's checks of an open_how (generic O_* flags, `flagsHigh` the upper half of the u64
 * flags), in its order: 0 when it passes, else -EINVAL (or -EAGAIN for RESOLVE_CACHED with a call
 * that would create or truncate, which Linux does not even try).
 */
export function checkOpenHow(flags: number, flagsHigh: number, mode: bigint, resolve: bigint): number {
  if (flagsHigh !== 0 || (flags & ~O.CLOEXEC & ~VALID_OPEN_FLAGS) !== 0) return -E.EINVAL;
  if (resolve & ~BigInt(VALID_RESOLVE)) return -E.EINVAL;
  const r = Number(resolve);
  if (r & RESOLVE_BENEATH && r & RESOLVE_IN_ROOT) return -E.EINVAL;
  // WILL_CREATE: O_CREAT or __O_TMPFILE take a mode (S_IALLUGO), anything else none
  if (flags & (O.CREAT | __O_TMPFILE)) {
    if (mode & ~0o7777n) return -E.EINVAL;
  } else if (mode !== 0n) return -E.EINVAL;
  if ((flags & (O.DIRECTORY | O.CREAT)) === (O.DIRECTORY | O.CREAT)) return -E.EINVAL;
  if (flags & __O_TMPFILE) {
    if (!(flags & O.DIRECTORY)) return -E.EINVAL;
    if ((flags & O.ACCMODE) !== O.WRONLY && (flags & O.ACCMODE) !== O.RDWR) return -E.EINVAL;
  }
  if (flags & O.PATH && flags & ~O.CLOEXEC & ~O_PATH_FLAGS) return -E.EINVAL;
  if (r & RESOLVE_CACHED && flags & (O.TRUNC | O.CREAT | __O_TMPFILE)) return -E.EAGAIN;
  return 0;
}

/** What a name is to the walk: a host file (its lstat), or one of the kernel's /proc nodes. */
interface Step {
  st: HostStat | null;
  /** a directory (walk into it) */
  dir: boolean;
  /** a symbolic link and its target; `magic`: a /proc magic link (fd/N, exe, cwd) */
  link: string | null;
  magic: boolean;
  dev: bigint;
}

const split = (p: string) => p.split("/").filter((c) => c !== "" && c !== ".");
const join = (parts: string[]) => "/" + parts.join("/");

/**
 * The host path openat2 opens for `path` relative to `dirfd` under RESOLVE_* flags `resolve`, or
 * -errno: every component looked up in turn (40 links at most: ELOOP), with Linux's errors for a
 * lookup the flags forbid: ELOOP for a symlink under NO_SYMLINKS or a magic link under
 * NO_MAGICLINKS, EXDEV for a mount crossed under NO_XDEV (a directory on another device: bind
 * mounts of one device are not seen), and under BENEATH for an absolute path, an absolute symlink,
 * a ".." above the dirfd or a magic link; IN_ROOT makes the dirfd the root those resolve to. A
 * final symlink is left as it is for O_NOFOLLOW and for O_CREAT|O_EXCL (the open then fails as
 * Linux's does), a missing final name is returned for O_CREAT to create. The result is a host path
 * (absolute paths given go through the sysroot first, as qemu's path() unless scoped), or a /proc
 * path the caller opens through the kernel's procfs.
 */
export function resolveOpenHow(t: Task, dirfd: number, path: string, flags: number, resolve: number): string | number {
  const fs = t.host.fs;
  if (path === "") return -E.ENOENT;
  const scoped = (resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT)) !== 0;
  let base: string;
  if (dirfd === AT_FDCWD) base = t.cwd;
  else {
    const d = t.fds.get(dirfd);
    if (!d) return -E.EBADF;
    if (!d.path) return -E.ENOTDIR;
    base = d.path;
  }
  const procDev = (() => {
    let dev: bigint | null = null;
    return () => {
      if (dev === null) {
        const st = fs.stat("/proc", true);
        dev = typeof st === "number" ? -1n : st.dev;
      }
      return dev;
    };
  })();
  const look = (p: string): Step | number => {
    const node = p === "/proc" || p.startsWith("/proc/") ? procNode(t, p) : null;
    if (node) {
      const dev = procDev();
      switch (node.kind) {
        case "dir":
          return { st: null, dir: true, link: null, magic: false, dev };
        case "file":
        case "device":
          return { st: null, dir: false, link: null, magic: false, dev };
        case "fd": {
          const d = node.files.get(node.fd);
          if (!d) return -E.ENOENT;
          // a description without a path (a pipe, a memfd) has nothing to walk into ("")
          return { st: null, dir: false, link: d.path ?? "", magic: true, dev };
        }
        case "link": {
          const target = node.target();
          if (typeof target === "number") return target;
          return { st: null, dir: false, link: target, magic: target.startsWith("/"), dev };
        }
      }
    }
    const st = fs.stat(p, false);
    if (typeof st === "number") {
      // a device the host's file system lacks (/dev/null in a browser)
      const dev = p.startsWith("/dev/") ? procNode(t, p) : null;
      return dev?.kind === "device" ? { st: null, dir: false, link: null, magic: false, dev: -2n } : st;
    }
    const type = st.mode & S_IFMT;
    let link: string | null = null;
    if (type === S_IFLNK) {
      const target = fs.readlink(p);
      if (typeof target === "number") return target;
      link = target;
    }
    return { st, dir: type === S_IFDIR, link, magic: false, dev: st.dev };
  };
  const devOf = (parts: string[]): bigint | number => {
    const s = look(join(parts));
    return typeof s === "number" ? s : s.dev;
  };

  const root = scoped && resolve & RESOLVE_IN_ROOT ? split(base) : [];
  let cur: string[];
  let todo: string[];
  if (path.startsWith("/")) {
    if (resolve & RESOLVE_BENEATH) return -E.EXDEV;
    cur = [...root];
    todo = split(scoped ? path : t.sysrootPath(path));
  } else {
    cur = split(base);
    todo = split(path);
  }
  // the directory the walk starts in must be one
  const start = look(join(cur));
  if (typeof start === "number") return start;
  if (!start.dir) return -E.ENOTDIR;
  const xdev = (resolve & RESOLVE_NO_XDEV) !== 0;
  const startDev = path.startsWith("/") && !scoped ? devOf([]) : start.dev;
  if (typeof startDev === "number") return startDev;
  const beneathRoot = resolve & RESOLVE_BENEATH ? split(base) : root;
  const trailingSlash = /\/\.?$/.test(path);
  let links = 0;
  const atRoot = () => cur.length === beneathRoot.length && cur.every((c, i) => c === beneathRoot[i]);
  while (todo.length) {
    const c = todo.shift()!;
    const last = todo.length === 0;
    if (c === "..") {
      if (scoped && atRoot()) {
        if (resolve & RESOLVE_BENEATH) return -E.EXDEV;
        continue; // IN_ROOT: ".." of the root is the root
      }
      if (cur.length === 0) continue;
      const up = cur.slice(0, -1);
      if (xdev) {
        const dev = devOf(up);
        if (typeof dev === "number") return dev;
        if (dev !== startDev) return -E.EXDEV;
      }
      cur = up;
      continue;
    }
    const next = [...cur, c];
    const s = look(join(next));
    if (typeof s === "number") {
      // O_CREAT makes a missing final name, else open says ENOENT; "name/" is no file to create
      if (s === -E.ENOENT && last) return !trailingSlash ? join(next) : flags & O.CREAT ? -E.EISDIR : s;
      return s;
    }
    if (s.link !== null) {
      const follow = !last || trailingSlash || !(flags & O.NOFOLLOW || (flags & (O.CREAT | O.EXCL)) === (O.CREAT | O.EXCL));
      if (!follow) return join(next);
      if (resolve & RESOLVE_NO_SYMLINKS) return -E.ELOOP;
      if (s.magic) {
        // nd_jump_link: refused outright, across mounts, or in a scoped lookup
        if (resolve & RESOLVE_NO_MAGICLINKS) return -E.ELOOP;
        // (what it names is never on /proc's own mount: a host file, a pipe, a memfd)
        if (xdev || scoped) return -E.EXDEV;
        // the kernel's procfs opens what it names (a pipe, a memfd, the exe)
        if (last) return join(next);
        if (s.link === "") return -E.ENOTDIR;
      }
      if (++links > 40) return -E.ELOOP;
      const target: string = s.link;
      if (target.startsWith("/")) {
        if (resolve & RESOLVE_BENEATH) return -E.EXDEV;
        // nd_jump_root: under NO_XDEV the root must be on the start's mount
        const rootParts = s.magic ? [] : root;
        if (xdev) {
          const dev = devOf(rootParts);
          if (typeof dev === "number") return dev;
          if (dev !== startDev) return -E.EXDEV;
        }
        cur = [...rootParts];
      }
      todo.unshift(...split(target));
      continue;
    }
    if (xdev && s.dir && s.dev !== startDev) return -E.EXDEV;
    if ((!last || trailingSlash) && !s.dir) return -E.ENOTDIR;
    cur = next;
  }
  return join(cur);
}
