// Paths and file metadata (QEMU's syscall.c, Linux's fs/namei.c, fs/stat.c, fs/readdir.c):
// stat/statx, readlink, access, directory entries, creating, renaming, linking and removing
// names, permissions and times, the working directory. Absolute paths given to the lookup calls
// name the sysroot's copy when there is one (qemu's path()); /proc/self/exe and /proc/self/fd/N
// are answered from the process.
import * as E from "../errno.ts";
import { CAP_SYS_CHROOT, canSearchAnyDir, hasCap } from "../capabilities.ts";
import { O } from "../errno.ts";
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from "../errno.ts";
import { devMajor, devMinor, type HostStat } from "../host-api.ts";
import { DIRENT64, STATX, type AbiLayouts, type StatField } from "../layouts.ts";
import type { Struct } from "../struct.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { joinPath, linkTargetPath, realPath } from "../paths.ts";
import type { ProcNode } from "../procfs.ts";
import {
  AT_EMPTY_PATH,
  AT_FDCWD,
  AT_REMOVEDIR,
  AT_SYMLINK_FOLLOW,
  AT_SYMLINK_NOFOLLOW,
  cstring,
  enc,
  hostPathArg,
  hostPathPair,
  nsToNsec,
  nsToSec,
  outsideProc,
  pathArg,
  procNode,
  resolvePath,
} from "./common.ts";
import { HostFile, syntheticStat, type FileDesc } from "../files.ts";
import { FifoEnd } from "../fifos.ts";
import { FALLOC_KEEP_SIZE, FALLOC_PUNCH_HOLE, MemFile } from "../memfd.ts";
import { IN } from "../inotify.ts";

/** fallocate's mode bits (FALLOC_FL_SUPPORTED_MASK: KEEP_SIZE and the modes). */
const FALLOC_SUPPORTED = 0xff;

/** A struct stat (any ABI's layout: stat, stat64...) from host metadata. */
export function encodeStat(L: Struct<StatField>, st: HostStat): Uint8Array {
  const b = L.alloc();
  b.set("st_dev", st.dev);
  b.set("st_ino", st.ino);
  b.set("st_mode", st.mode);
  b.set("st_nlink", st.nlink);
  b.set("st_uid", st.uid);
  b.set("st_gid", st.gid);
  b.set("st_rdev", st.rdev);
  b.set("st_size", st.size);
  b.set("st_blksize", st.blksize);
  b.set("st_blocks", st.blocks);
  b.set("st_atime", nsToSec(st.atimeNs)).set("st_atime_nsec", nsToNsec(st.atimeNs));
  b.set("st_mtime", nsToSec(st.mtimeNs)).set("st_mtime_nsec", nsToNsec(st.mtimeNs));
  b.set("st_ctime", nsToSec(st.ctimeNs)).set("st_ctime_nsec", nsToNsec(st.ctimeNs));
  // i386/ARM stat64 repeat the inode number in a 32-bit __st_ino field.
  b.setOpt("__st_ino", st.ino);
  return b.bytes;
}

function encodeStatx(st: HostStat): Uint8Array {
  const b = STATX.alloc();
  const hasB = st.btimeNs !== undefined && st.btimeNs > 0n;
  b.set("stx_mask", 0x7ff | (hasB ? 0x800 : 0)); // STATX_BASIC_STATS (| STATX_BTIME)
  b.set("stx_blksize", st.blksize);
  b.set("stx_nlink", st.nlink);
  b.set("stx_uid", st.uid);
  b.set("stx_gid", st.gid);
  b.set("stx_mode", st.mode);
  b.set("stx_ino", st.ino);
  b.set("stx_size", st.size);
  b.set("stx_blocks", st.blocks);
  b.set("stx_atime_sec", nsToSec(st.atimeNs)).set("stx_atime_nsec", nsToNsec(st.atimeNs));
  if (hasB) b.set("stx_btime_sec", nsToSec(st.btimeNs!)).set("stx_btime_nsec", nsToNsec(st.btimeNs!));
  b.set("stx_ctime_sec", nsToSec(st.ctimeNs)).set("stx_ctime_nsec", nsToNsec(st.ctimeNs));
  b.set("stx_mtime_sec", nsToSec(st.mtimeNs)).set("stx_mtime_nsec", nsToNsec(st.mtimeNs));
  b.set("stx_rdev_major", devMajor(st.rdev)).set("stx_rdev_minor", devMinor(st.rdev));
  b.set("stx_dev_major", devMajor(st.dev)).set("stx_dev_minor", devMinor(st.dev));
  return b.bytes;
}

/** stat of a /proc node (following links unless `nofollow`). */
function statProc(t: Task, path: string, node: ProcNode, nofollow: boolean, depth = 0): HostStat | number {
  switch (node.kind) {
    case "file":
      return syntheticStat(S_IFREG | 0o444, 3);
    case "dir":
      return syntheticStat(S_IFDIR | 0o555, 2);
    case "device":
      return node.stat();
    case "link":
    case "fd": {
      if (nofollow) return syntheticStat(S_IFLNK | 0o777, 4);
      if (node.kind === "fd") return node.files.get(node.fd)?.stat() ?? -E.ENOENT;
      const target = node.target();
      if (typeof target === "number") return target;
      const next = linkTargetPath(path, target);
      const n2 = procNode(t, next);
      if (n2 && depth < 8) return statProc(t, next, n2, false, depth + 1);
      return t.host.fs.stat(next, true);
    }
  }
}

/**
 * The flags fstatat and statx take (vfs_statx): AT_SYMLINK_NOFOLLOW, AT_NO_AUTOMOUNT,
 * AT_EMPTY_PATH and AT_STATX_SYNC_TYPE; any other bit is EINVAL.
 */
const STAT_FLAGS = 0x100 | 0x800 | 0x1000 | 0x6000;

/** stat of (dirfd, path, flags) with AT_EMPTY_PATH and /proc; named pipes' placeholders as their nodes. */
export function statAt(t: Task, dirfd: number, path: string, flags: number): HostStat | number {
  return t.namedPipes.stat(hostStatAt(t, dirfd, path, flags));
}

function hostStatAt(t: Task, dirfd: number, path: string, flags: number): HostStat | number {
  if (path === "" && flags & AT_EMPTY_PATH) {
    if (dirfd === AT_FDCWD) return t.host.fs.stat(t.cwd, true);
    const d = t.fds.get(dirfd);
    return d ? d.stat() : -E.EBADF;
  }
  if (path === "") return -E.ENOENT;
  if (path.startsWith("/")) {
    const node = procNode(t, path);
    // A trailing slash follows the link (/proc/self/ is the directory).
    if (node) return statProc(t, path, node, (flags & AT_SYMLINK_NOFOLLOW) !== 0 && !path.endsWith("/"));
  }
  const hp = resolvePath(t, dirfd, path, true);
  if (typeof hp === "number") return hp;
  return t.host.fs.stat(hp, (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

/** getdents64 (`wide`) or the 32-bit getdents: the directory's entries from its position on. */
function getdents(t: Task, a: SyscallArgs, wide: boolean): number {
  const d = t.fds.get(a.int(0));
  if (!d) return -E.EBADF;
  let ents = d.entries();
  if (typeof ents === "number") return ents;
  if (d instanceof HostFile) ents = t.namedPipes.entries(t.host.fs, d.path!, ents);
  d.notify?.accessed(); // iterate_dir's fsnotify_access, at every call
  const count = a.long(2);
  let i = d.pos;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (; i < ents.length; i++) {
    const name = enc.encode(ents[i].name);
    let rec: Uint8Array;
    if (wide) {
      const reclen = Math.ceil((DIRENT64.size + name.length + 1) / 8) * 8;
      if (size + reclen > count) break;
      const b = DIRENT64.view(new Uint8Array(reclen));
      b.set("d_ino", ents[i].ino)
        .set("d_off", i + 1)
        .set("d_reclen", reclen)
        .set("d_type", ents[i].type);
      b.bytes.set(name, DIRENT64.size);
      rec = b.bytes;
    } else {
      if (BigInt(ents[i].ino) > 0xffffffffn) {
        if (parts.length === 0) return -E.EOVERFLOW;
        break;
      }
      const reclen = Math.ceil((10 + name.length + 2) / 4) * 4;
      if (size + reclen > count) break;
      rec = new Uint8Array(reclen);
      const dv = new DataView(rec.buffer);
      dv.setUint32(0, Number(ents[i].ino), true);
      dv.setInt32(4, i + 1, true);
      dv.setUint16(8, reclen, true);
      rec.set(name, 10);
      rec[reclen - 1] = ents[i].type;
    }
    parts.push(rec);
    size += rec.length;
  }
  if (i < ents.length && parts.length === 0) return -E.EINVAL;
  const all = new Uint8Array(size);
  let o = 0;
  for (const b of parts) {
    all.set(b, o);
    o += b.length;
  }
  if (!t.as.write(a.ptr(1), all)) return -E.EFAULT;
  d.pos = i;
  return size;
}

/**
 * Handlers whose structs come from `L`: the ABI's native layouts, or for the "64" variants of a
 * 32-bit ABI the same handlers built again with { ...L, stat: stat64 } and so on.
 */
export function fsSyscalls(L: AbiLayouts) {
  const handlers = {
    fstat: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      const st = t.namedPipes.stat(d.stat());
      if (typeof st === "number") return st;
      return t.as.write(a.ptr(1), encodeStat(L.stat, st)) ? 0 : -E.EFAULT;
    },
    newfstatat: (t, a) => {
      const path = pathArg(t, a, 1);
      if (typeof path === "number") return path;
      if (a.int(3) & ~STAT_FLAGS) return -E.EINVAL;
      const st = statAt(t, a.int(0), path, a.int(3));
      if (typeof st === "number") return st;
      return t.as.write(a.ptr(2), encodeStat(L.stat, st)) ? 0 : -E.EFAULT;
    },
    statx: (t, a) => {
      const flags = a.int(2);
      // do_statx: both AT_STATX_FORCE_SYNC and AT_STATX_DONT_SYNC, or STATX__RESERVED in the mask
      if ((flags & 0x6000) === 0x6000 || a.int(3) & 0x80000000) return -E.EINVAL;
      const path = pathArg(t, a, 1);
      if (typeof path === "number") return path;
      if (flags & ~STAT_FLAGS) return -E.EINVAL;
      const st = statAt(t, a.int(0), path, flags);
      if (typeof st === "number") return st;
      return t.as.write(a.ptr(4), encodeStatx(st)) ? 0 : -E.EFAULT;
    },
    getdents64: (t, a) => getdents(t, a, true),
    /**
     * getdents (the 32-bit ABIs' old call): struct linux_dirent { u32 d_ino; s32 d_off; u16
     * d_reclen; char d_name[]; } with d_type in the record's last byte, records 4-aligned; an
     * inode number that does not fit 32 bits is EOVERFLOW (filldir).
     */
    getdents: (t, a) => getdents(t, a, false),
    readlinkat: (t, a) => {
      const path = pathArg(t, a, 1);
      if (typeof path === "number") return path;
      let target: string | number;
      const node = path.startsWith("/") ? procNode(t, path) : null;
      if (node) target = node.kind === "link" || node.kind === "fd" ? node.target() : -E.EINVAL;
      else {
        const hp = resolvePath(t, a.int(0), path, true);
        target = typeof hp === "number" ? hp : t.host.fs.readlink(hp);
      }
      if (typeof target === "number") return target;
      const size = a.long(3);
      if ((size | 0) <= 0) return -E.EINVAL;
      const b = enc.encode(target).subarray(0, size);
      return t.as.write(a.ptr(2), b) ? b.length : -E.EFAULT;
    },
    faccessat: (t, a) => faccess(t, a.int(0), a.ptr(1), a.int(2), 0),
    faccessat2: (t, a) => {
      // AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH only
      if (a.int(3) & ~(0x200 | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -E.EINVAL;
      return faccess(t, a.int(0), a.ptr(1), a.int(2), a.int(3));
    },
    mkdirat: (t, a) => {
      const hp = hostPathArg(t, a, 0, 1, false, -E.EEXIST);
      if (typeof hp === "number") return hp;
      return created(t, hp, t.host.fs.mkdir(hp, a.int(2) & ~t.umask & 0o7777));
    },
    unlinkat: (t, a) => {
      const hp = hostPathArg(t, a, 0, 1);
      if (typeof hp === "number") return hp;
      const st = t.fsnotify.lookup(hp);
      const r = a.int(2) & AT_REMOVEDIR ? t.host.fs.rmdir(hp) : unlinkName(t, hp, () => t.host.fs.unlink(hp));
      if (r === 0) t.fsnotify.removed(hp, st);
      return r;
    },
    mknodat: (t, a) => mknod(t, a),
    renameat: (t, a) => rename(t, a, 0),
    renameat2: (t, a) => rename(t, a, a.int(4)),
    linkat: (t, a) => {
      const flags = a.int(4);
      if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -E.EINVAL;
      const old = pathArg(t, a, 1),
        name = pathArg(t, a, 3);
      if (typeof old === "number") return old;
      if (typeof name === "number") return name;
      // the file of a descriptor: linkat(fd, "", ..., AT_EMPTY_PATH) or /proc/<pid>/fd/N followed
      let d: FileDesc | null = null;
      if (old === "" && a.int(0) !== AT_FDCWD) {
        if (!(flags & AT_EMPTY_PATH)) return -E.ENOENT;
        d = t.fds.get(a.int(0));
        if (!d) return -E.EBADF;
      } else if (old === "" && !(flags & AT_EMPTY_PATH)) return -E.ENOENT;
      else if (flags & AT_SYMLINK_FOLLOW) {
        const ra = resolvePath(t, a.int(0), old, false);
        if (typeof ra === "number") return ra;
        const node = ra.startsWith("/") ? procNode(t, ra) : null;
        if (node?.kind === "fd") {
          d = node.files.get(node.fd);
          if (!d) return -E.ENOENT;
        }
      }
      if (d) {
        const rb = resolvePath(t, a.int(2), name, false);
        const hb = typeof rb === "number" ? rb : outsideProc(t, rb, false, -E.EXDEV);
        if (typeof hb === "number") return hb;
        return linkDescription(t, d, hb);
      }
      const paths = hostPathPair(t, a, (flags & AT_SYMLINK_FOLLOW) !== 0);
      if (typeof paths === "number") return paths;
      const r = t.host.fs.link(paths[0], paths[1]);
      if (r === 0 && t.fsnotify.active) {
        const st = t.host.fs.stat(paths[1], false);
        t.fsnotify.linked(typeof st === "number" ? null : st, paths[1]);
      }
      return r;
    },
    symlinkat: (t, a) => {
      const target = pathArg(t, a, 0),
        b = pathArg(t, a, 2);
      if (typeof target === "number") return target;
      if (typeof b === "number") return b;
      const rb = resolvePath(t, a.int(1), b, false);
      const hb = typeof rb === "number" ? rb : outsideProc(t, rb, false, -E.EEXIST);
      if (typeof hb === "number") return hb;
      return created(t, hb, t.host.fs.symlink(target, hb));
    },
    fchmodat: (t, a) => {
      const hp = hostPathArg(t, a, 0, 1, true);
      if (typeof hp === "number") return hp;
      return changed(t, hp, true, IN.ATTRIB, t.host.fs.chmod(hp, a.int(2) & 0o7777));
    },
    fchmod: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      if (d instanceof MemFile) return d.inode.chmod(a.int(1) & 0o7777);
      const r = d.path ? t.host.fs.chmod(d.path, a.int(1) & 0o7777) : 0;
      if (r === 0) d.notify?.attrib();
      return r;
    },
    /**
     * fchownat(dirfd, path, uid, gid, flags), fchown(fd, uid, gid): the host's chown (as qemu-user's:
     * root may give any owner, others get the host's EPERM), -1 leaving an id as it is; inotify hears
     * IN_ATTRIB when an owner or group is given (Linux's notify_change with ATTR_UID or ATTR_GID,
     * whether or not it differs). fchown16 and the 16-bit chown/lchown take old_uid_t ids.
     */
    fchownat: fchownatWith(32),
    fchown: fchownWith(32),
    fchownat16: fchownatWith(16),
    fchown16: fchownWith(16),
    ftruncate: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      if (a.long(1) < 0) return -E.EINVAL;
      if (!d.canWrite()) return -E.EINVAL;
      if (d instanceof MemFile) return d.truncate(a.long(1), forgetTlb(t));
      const r = d.truncate(a.long(1));
      if (r === 0) d.notify?.modified();
      return r;
    },
    /**
     * fallocate(fd, mode, offset, len) in vfs_fallocate's order of checks; memfds allocate and punch
     * holes as shmem does (MemInode.fallocate), other files are EOPNOTSUPP (Node has no fallocate;
     * glibc's posix_fallocate then writes the range itself).
     */
    fallocate: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      const mode = a.int(1),
        off = a.long(2),
        len = a.long(3);
      if (off < 0 || len <= 0) return -E.EINVAL;
      if (mode & ~FALLOC_SUPPORTED) return -E.EOPNOTSUPP;
      switch (mode & ~FALLOC_KEEP_SIZE) {
        case 0: // ALLOCATE_RANGE
        case 0x40: // UNSHARE_RANGE
        case 0x10: // ZERO_RANGE
          break;
        case FALLOC_PUNCH_HOLE:
          if (!(mode & FALLOC_KEEP_SIZE)) return -E.EOPNOTSUPP;
          break;
        case 0x8: // COLLAPSE_RANGE
        case 0x20: // INSERT_RANGE
        case 0x80: // WRITE_ZEROES
          if (mode & FALLOC_KEEP_SIZE) return -E.EOPNOTSUPP;
          break;
        default:
          return -E.EOPNOTSUPP;
      }
      if (!d.canWrite()) return -E.EBADF;
      const st = d.stat();
      if (typeof st === "number") return st;
      const type = st.mode & S_IFMT;
      if (type === S_IFIFO) return -E.ESPIPE;
      if (type === S_IFDIR) return -E.EISDIR;
      if (type !== S_IFREG && type !== S_IFBLK) return -E.ENODEV;
      if (!(d instanceof MemFile)) return -E.EOPNOTSUPP;
      return d.inode.fallocate(mode, off, len, forgetTlb(t));
    },
    truncate: (t, a) => {
      if (a.long(1) < 0) return -E.EINVAL; // before the path, as do_sys_truncate
      const path = pathArg(t, a, 0);
      if (typeof path === "number") return path;
      const fs = t.host.fs;
      const hp = outsideProc(t, joinPath(t.cwd, path), true);
      if (typeof hp === "number") return hp;
      if (t.namedPipes.find(fs.stat(hp, true))) return -E.EINVAL; // vfs_truncate: not a regular file
      const h = fs.open(hp, O.WRONLY, 0);
      if (h < 0) return h;
      const r = fs.ftruncate(h, a.long(1));
      fs.close(h);
      return changed(t, hp, true, IN.MODIFY, r);
    },
    fsync: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d || d.flags & O.PATH) return -E.EBADF; // fdget: not an O_PATH descriptor
      return d.sync();
    },
    /**
     * utimensat(dfd, path, times, flags), in Linux's order: the times are read first (EFAULT), two
     * UTIME_OMITs succeed without looking at the path, then the path, then vfs_utimes's EINVAL for a
     * tv_nsec that is neither in [0, 10^9) nor UTIME_NOW / UTIME_OMIT (tv_sec is not checked).
     */
    utimensat: (t, a) => {
      const UTIME_NOW = 0x3fffffffn,
        UTIME_OMIT = 0x3ffffffen;
      let times: [bigint, bigint][] | null = null; // [tv_sec, tv_nsec] x 2
      const ta = a.ptr(2);
      if (ta) {
        const TS = L.timespec;
        const b = t.as.read(ta, 2 * TS.size);
        if (!b) return -E.EFAULT;
        times = [0, 1].map((i) => {
          const v = TS.view(b.subarray(i * TS.size));
          return [v.getBig("tv_sec"), v.getBig("tv_nsec")];
        });
        if (times[0][1] === UTIME_OMIT && times[1][1] === UTIME_OMIT) return 0;
      }
      const follow = (a.int(3) & AT_SYMLINK_NOFOLLOW) === 0;
      const hp = timesTarget(t, a.int(0), a.ptr(1), follow);
      if (typeof hp === "number") return hp;
      const now = t.realtimeNs();
      if (!times) return changed(t, hp, follow, IN.ATTRIB, t.host.fs.utimes(hp, now, now, follow));
      const valid = ([, ns]: [bigint, bigint]) => ns === UTIME_NOW || ns === UTIME_OMIT || (ns >= 0n && ns < 1_000_000_000n);
      if (!valid(times[0]) || !valid(times[1])) {
        const st = t.host.fs.stat(hp, follow);
        return typeof st === "number" ? st : -E.EINVAL;
      }
      const one = ([sec, ns]: [bigint, bigint]): bigint | null =>
        ns === UTIME_NOW ? now : ns === UTIME_OMIT ? null : sec * 1_000_000_000n + ns;
      const at = one(times[0]),
        mt = one(times[1]);
      // fsnotify_change: both times are IN_ATTRIB, the access time alone IN_ACCESS, the modification time IN_MODIFY
      const mask = at !== null && mt !== null ? IN.ATTRIB : at !== null ? IN.ACCESS : IN.MODIFY;
      return changed(t, hp, follow, mask, t.host.fs.utimes(hp, at, mt, follow));
    },
    /** futimesat(dirfd, path, struct timeval[2]) (and utimes as futimesat(AT_FDCWD, ...)); NULL: now. */
    futimesat: (t, a) => {
      let at = t.realtimeNs(),
        mt = at;
      if (a.ptr(2)) {
        const TV = L.timeval;
        const b = t.as.read(a.ptr(2), 2 * TV.size);
        if (!b) return -E.EFAULT;
        const ns: bigint[] = [];
        for (let i = 0; i < 2; i++) {
          const v = TV.view(b.subarray(i * TV.size));
          const usec = v.getBig("tv_usec");
          if (usec < 0n || usec >= 1_000_000n) return -E.EINVAL;
          ns.push(v.getBig("tv_sec") * 1_000_000_000n + usec * 1000n);
        }
        [at, mt] = ns;
      }
      return setTimes(t, a.int(0), a.ptr(1), at, mt, true);
    },
    /** utime(path, struct utimbuf { long actime, modtime; }); NULL: now. */
    utime: (t, a) => {
      let at = t.realtimeNs(),
        mt = at;
      if (a.ptr(1)) {
        const w = L.wordBytes;
        const b = t.as.read(a.ptr(1), 2 * w);
        if (!b) return -E.EFAULT;
        const dv = new DataView(b.buffer, b.byteOffset);
        const word = (i: number) => (w === 8 ? dv.getBigInt64(8 * i, true) : BigInt(dv.getInt32(4 * i, true)));
        at = word(0) * 1_000_000_000n;
        mt = word(1) * 1_000_000_000n;
      }
      return setTimes(t, AT_FDCWD, a.ptr(0), at, mt, true);
    },
    getcwd: (t, a) => {
      const cwd = enc.encode(t.cwd + "\0");
      if (a.long(1) < cwd.length) return -E.ERANGE;
      return t.as.write(a.ptr(0), cwd) ? cwd.length : -E.EFAULT;
    },
    /**
     * The working directory is the process's own (a canonical host path), not the host's. An
     * absolute path is the host's, never the sysroot's: qemu-user's chdir does not go through
     * path(), so after chdir("/usr") getcwd says "/usr" and relative names are the host's.
     */
    chdir: (t, a) => {
      const path = pathArg(t, a, 0);
      if (typeof path === "number") return path;
      if (path === "") return -E.ENOENT;
      return changeDir(t, path.startsWith("/") ? path : joinPath(t.cwd, path));
    },
    /**
     * chroot(path) (ksys_chroot): the path looked up as a directory (sysroot first, as qemu's
     * path(); ENOENT, ENOTDIR), search permission (EACCES), then CAP_SYS_CHROOT (EPERM). With the
     * capability the guest kernel would have to give the process a root of its own for every path
     * it resolves, which it does not model: ENOSYS, as before.
     */
    chroot: (t, a) => {
      const path = pathArg(t, a, 0);
      if (typeof path === "number") return path;
      if (path === "") return -E.ENOENT;
      const hp = resolvePath(t, AT_FDCWD, path, true);
      if (typeof hp === "number") return hp;
      const st = t.host.fs.stat(hp, true);
      if (typeof st === "number") return st;
      if ((st.mode & S_IFMT) !== S_IFDIR) return -E.ENOTDIR;
      if (t.host.fs.access(hp, 1) < 0 && !canSearchAnyDir(t.caps)) return -E.EACCES;
      return hasCap(t.caps, CAP_SYS_CHROOT) ? -E.ENOSYS : -E.EPERM;
    },
    fchdir: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      return d.path ? changeDir(t, d.path) : -E.ENOTDIR;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}

function changeDir(t: Task, hostPath: string): number {
  const real = realPath(t.host.fs, hostPath, true);
  if (typeof real === "number") return real;
  // search permission: the host's access(), or CAP_DAC_READ_SEARCH / CAP_DAC_OVERRIDE (generic_permission)
  if (t.host.fs.access(real, 1) < 0 && !canSearchAnyDir(t.caps)) return -E.EACCES;
  t.cwd = real;
  return 0;
}

/**
 * The host path whose times utimensat, futimesat and utime set: the path at pathAddr from dirfd, or
 * dirfd's own file when pathAddr is 0; /proc paths as outsideProc resolves them. Or -errno.
 */
function timesTarget(t: Task, dirfd: number, pathAddr: number, follow: boolean): string | number {
  let hp: string | number;
  if (pathAddr === 0) {
    const d = t.fds.get(dirfd);
    if (!d) return -E.EBADF;
    hp = d.path ?? -E.EBADF;
  } else {
    const path = cstring(t, pathAddr);
    if (path === null) return -E.EFAULT;
    hp = resolvePath(t, dirfd, path, true);
  }
  return typeof hp === "number" ? hp : outsideProc(t, hp, follow);
}

/** Sets a file's times (ns; null: unchanged): the file timesTarget finds. */
function setTimes(t: Task, dirfd: number, pathAddr: number, at: bigint | null, mt: bigint | null, follow: boolean): number {
  const hp = timesTarget(t, dirfd, pathAddr, follow);
  return typeof hp === "number" ? hp : changed(t, hp, follow, IN.ATTRIB, t.host.fs.utimes(hp, at, mt, follow));
}

function faccess(t: Task, dirfd: number, pathAddr: number, mode: number, flags: number): number {
  const path = pathAddr === 0 ? null : cstring(t, pathAddr);
  if (path === null) return -E.EFAULT;
  if (path === "" && flags & AT_EMPTY_PATH) return t.fds.get(dirfd) ? 0 : -E.EBADF;
  const node = path.startsWith("/") ? procNode(t, path) : null;
  if (node) {
    const st = statProc(t, path, node, false);
    if (typeof st === "number") return st;
    return mode & 2 && (st.mode & S_IFMT) !== S_IFREG ? -E.EACCES : 0;
  }
  const hp = resolvePath(t, dirfd, path, true);
  if (typeof hp === "number") return hp;
  return t.host.fs.access(hp, mode & 7);
}

function rename(t: Task, a: SyscallArgs, flags: number): number {
  const paths = hostPathPair(t, a);
  if (typeof paths === "number") return paths;
  const [ha, hb] = paths;
  if (flags & ~1) return -E.EINVAL;
  if (flags & 1 && typeof t.host.fs.stat(hb, false) !== "number") return -E.EEXIST; // RENAME_NOREPLACE
  const from = t.fsnotify.lookup(ha),
    over = t.fsnotify.lookup(hb);
  const r = unlinkName(t, hb, () => t.host.fs.rename(ha, hb));
  if (r === 0) t.fsnotify.moved(ha, hb, from, over);
  return r;
}

/**
 * What a memfd calls after giving pages back to the pool (a shrink, a punched hole): the caller's
 * TLB forgets every page (other address spaces' entries go when the CPU switches to them).
 */
function forgetTlb(t: Task): () => void {
  return () => t.as.observer.remapped(t.as, 0, Infinity);
}

/** `r`, the result of a call that made the name `hp`: inotify hears IN_CREATE when it is 0. */
function created(t: Task, hp: string, r: number): number {
  if (r === 0) t.fsnotify.created(hp);
  return r;
}

/** `r`, the result of a change to the file `hp` names (`follow`: through a last-component link): inotify hears `mask` when it is 0. */
/** An owner or group id as chown takes it: uid_t, or the 16-bit calls' old_uid_t; all ones (-1) leaves it as it is. */
function chownId(v: number, bits: 16 | 32): number {
  const id = bits === 16 ? v & 0xffff : v >>> 0;
  return id === (bits === 16 ? 0xffff : 0xffffffff) ? -1 : id;
}

/** chown of host path hp (follow: chown, else lchown); on a host that cannot, the file must exist. */
function chownPath(t: Task, hp: string, uid: number, gid: number, follow: boolean): number {
  const fs = t.host.fs;
  let r: number;
  if (fs.chown) r = fs.chown(hp, uid, gid, follow);
  else {
    const st = fs.stat(hp, follow);
    r = typeof st === "number" ? st : 0;
  }
  return uid === -1 && gid === -1 ? r : changed(t, hp, follow, IN.ATTRIB, r);
}

/**
 * chown of what a description has open: a host file by its handle (by its path for an O_PATH one
 * without a handle); pipes, sockets and memfds keep their owner (accepted).
 */
function chownDesc(t: Task, d: FileDesc, uid: number, gid: number): number {
  let r = 0;
  if (d instanceof HostFile) {
    const fs = t.host.fs;
    if (d.h >= 0 && fs.fchown) r = fs.fchown(d.h, uid, gid);
    else if (d.path) r = fs.chown ? fs.chown(d.path, uid, gid, !(d.flags & O.NOFOLLOW)) : 0;
  }
  if (r === 0 && (uid !== -1 || gid !== -1)) d.notify?.attrib();
  return r;
}

/** fchownat (32-bit ids) or the 16-bit chown/lchown through it: AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH (do_fchownat). */
function fchownatWith(bits: 16 | 32): SyscallHandler {
  return (t, a) => {
    const flags = a.int(4);
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -E.EINVAL;
    const uid = chownId(a.uint(2), bits),
      gid = chownId(a.uint(3), bits);
    const follow = (flags & AT_SYMLINK_NOFOLLOW) === 0;
    const path = pathArg(t, a, 1);
    if (typeof path === "number") return path;
    if (path === "" && flags & AT_EMPTY_PATH && a.int(0) !== AT_FDCWD) {
      const d = t.fds.get(a.int(0));
      return d ? chownDesc(t, d, uid, gid) : -E.EBADF;
    }
    const hp = hostPathArg(t, a, 0, 1, follow);
    if (typeof hp === "number") return hp;
    return chownPath(t, hp, uid, gid, follow);
  };
}

/** fchown(fd, uid, gid): EBADF for an O_PATH descriptor (fdget refuses it). */
function fchownWith(bits: 16 | 32): SyscallHandler {
  return (t, a) => {
    const d = t.fds.get(a.int(0));
    if (!d || d.flags & O.PATH) return -E.EBADF;
    return chownDesc(t, d, chownId(a.uint(1), bits), chownId(a.uint(2), bits));
  };
}

function changed(t: Task, hp: string, follow: boolean, mask: number, r: number): number {
  if (r === 0) t.fsnotify.changed(hp, follow, mask);
  return r;
}

/** Removes or replaces the name hp by `op` (unlink, rename over it): a named pipe goes with its last name. */
/**
 * A new name `hb` (a host path) for the file description `d` (do_linkat with AT_EMPTY_PATH or a
 * followed magic link): the new name's errors first (filename_create), EXDEV for a file on none of
 * the host's file systems (a memfd, a pipe, a socket: Linux's other mounts), EPERM for a
 * directory; then the host links the file the handle has open (HostFs.linkHandle: an O_TMPFILE file
 * gets its first name, an unlinked one is ENOENT), or, on a host without it, the path the file was
 * opened by while that path still leads to it (ENOENT otherwise: no copy is ever made).
 */
function linkDescription(t: Task, d: FileDesc, hb: string): number {
  const fs = t.host.fs;
  const there = fs.stat(hb, false);
  if (typeof there !== "number") return -E.EEXIST;
  if (there !== -E.ENOENT) return there;
  const dir = fs.stat(hb.replace(/\/+$/, "").replace(/[^/]*$/, "") || "/", true);
  if (typeof dir === "number") return dir;
  if ((dir.mode & S_IFMT) !== S_IFDIR) return -E.ENOTDIR;
  if (d instanceof FifoEnd && d.path) return fs.link(d.path, hb);
  if (!(d instanceof HostFile)) return -E.EXDEV;
  if (d.isDir) return -E.EPERM;
  if (d.h >= 0 && fs.linkHandle) return fs.linkHandle(d.h, hb);
  const own = d.stat(),
    named = d.path ? fs.stat(d.path, false) : -E.ENOENT;
  if (typeof own === "number" || typeof named === "number" || own.dev !== named.dev || own.ino !== named.ino) return -E.ENOENT;
  return fs.link(d.path!, hb);
}

function unlinkName(t: Task, hp: string, op: () => number): number {
  const st = t.namedPipes.size ? t.host.fs.stat(hp, false) : -E.ENOENT;
  const r = op();
  if (r === 0) t.namedPipes.unlinked(st);
  return r;
}

/**
 * mknodat(dirfd, path, mode, dev) (and mknod as mknodat(AT_FDCWD, ...)), in do_mknodat's order: the
 * type (may_mknod: a directory is EPERM, an unknown type EINVAL), then the name (ENOENT, EEXIST...),
 * then the node. Node's fs cannot make special files, so (see fifos.ts) a FIFO or socket inode is
 * an empty regular placeholder on the host that the kernel shows as the node; a regular file (type
 * 0 too) is an empty file. Device nodes are EPERM even for root (Linux's answer without
 * CAP_MKNOD, as in a container): the host cannot make one, and a placeholder could not be one.
 */
function mknod(t: Task, a: SyscallArgs): number {
  const mode = a.int(2) >>> 0;
  const type = mode & S_IFMT || S_IFREG;
  if (type === S_IFDIR) return -E.EPERM;
  if (![S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK].includes(type)) return -E.EINVAL;
  const hp = hostPathArg(t, a, 0, 1, false, -E.EEXIST);
  if (typeof hp === "number") return hp;
  const fs = t.host.fs;
  const perm = mode & ~t.umask & 0o7777;
  if (type === S_IFCHR || type === S_IFBLK) {
    // filename_create's errors come first (an existing name, a missing directory).
    const st = fs.stat(hp, false);
    if (typeof st !== "number") return -E.EEXIST;
    if (st !== -E.ENOENT) return st;
    const i = hp.lastIndexOf("/");
    const parent = fs.stat(i < 0 ? "." : hp.slice(0, i) || "/", true);
    return typeof parent === "number" ? parent : -E.EPERM;
  }
  const h = fs.open(hp, O.CREAT | O.EXCL | O.WRONLY, perm);
  if (h < 0) return h;
  // The host's own umask applied too: the mode as the guest asked for it.
  fs.chmod(hp, perm);
  const st = fs.fstat(h);
  fs.close(h);
  if (typeof st === "number") return st;
  if (type !== S_IFREG) t.namedPipes.add(st, type);
  return created(t, hp, 0);
}
