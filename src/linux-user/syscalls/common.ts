// Helpers the syscall modules share: guest memory words, C strings and timespecs, guest paths
// resolved against dirfds and the sysroot, and the *at() constants.
import * as E from "../errno.ts";
import type { Struct } from "../struct.ts";
import type { TimespecField } from "../layouts.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import type { Task } from "../task.ts";
import type { Thread } from "../thread.ts";
import { joinPath, linkTargetPath, normalizePath } from "../paths.ts";
import { HostFile } from "../files.ts";
import { procLookup, type ProcNode } from "../procfs.ts";
import { byteStringToBytes, bytesToByteString } from "../bytes.ts";

export const AT_FDCWD = -100,
  AT_SYMLINK_NOFOLLOW = 0x100,
  AT_REMOVEDIR = 0x200,
  AT_SYMLINK_FOLLOW = 0x400,
  AT_EMPTY_PATH = 0x1000;
export const PAGE = 4096;

/** A byte string's bytes (bytes.ts): what a name the kernel hands back is in guest memory. */
export const enc = { encode: byteStringToBytes };

export function getU32(t: Task, addr: number): number | null {
  const b = t.as.read(addr, 4);
  return b ? new DataView(b.buffer).getUint32(0, true) : null;
}

export function putU32(t: Task, addr: number, v: number): boolean {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return t.as.write(addr, b);
}

/**
 * A guest C string (at most `max` bytes, PATH_MAX by default) as a byte string (bytes.ts: names are
 * bytes, UTF-8 or not), or null when unreadable or unterminated.
 */
export function cstring(t: Task, addr: number, max = 4096): string | null {
  const b = t.as.readCString(addr, max);
  return b ? bytesToByteString(b) : null;
}

/**
 * Reads a struct timespec argument (a timeout or a time to sleep to) as ns: -EFAULT on a fault,
 * -EINVAL unless it is timespec64_valid (tv_sec >= 0, 0 <= tv_nsec < 10^9), as every syscall that
 * takes one checks (get_timespec64 and timespec64_valid or poll_select_set_timeout).
 */
export function readTimespec(t: Task, L: Struct<TimespecField>, addr: number): bigint | number {
  const b = t.as.read(addr, L.size);
  if (!b) return -E.EFAULT;
  const v = L.view(b);
  const sec = v.getBig("tv_sec"),
    nsec = v.getBig("tv_nsec");
  if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) return -E.EINVAL;
  return sec * 1_000_000_000n + nsec;
}

/**
 * The seconds of a time in ns, rounded down (a time before 1970 is negative seconds and a
 * nanosecond part in [0, 1e9), as in a kernel timespec; BigInt's / rounds toward zero).
 */
export function nsToSec(ns: bigint): bigint {
  const s = ns / 1_000_000_000n;
  return ns < 0n && s * 1_000_000_000n !== ns ? s - 1n : s;
}

/** The nanosecond part (0..999999999) of a time in ns, the rest of nsToSec. */
export function nsToNsec(ns: bigint): bigint {
  const r = ns % 1_000_000_000n;
  return r < 0n ? r + 1_000_000_000n : r;
}

export function writeTimespec(t: Task, L: Struct<TimespecField>, addr: number, ns: bigint): boolean {
  const v = L.alloc();
  v.set("tv_sec", nsToSec(ns));
  v.set("tv_nsec", nsToNsec(ns));
  return t.as.write(addr, v.bytes);
}

/**
 * The thread a sched_* or PRIO_PROCESS call names (Linux's find_process_by_pid): 0 the caller,
 * else a live thread by tid (a process's pid is its first thread's tid); null: none (ESRCH).
 */
export function threadById(t: Task, tid: number): Thread | null {
  if (tid === 0) return t.thread;
  if (tid < 0) return null;
  for (const pid of t.pids()) {
    const th = t.processView(pid)?.threads.find((x) => x.tid === tid && !x.dead);
    if (th) return th;
  }
  return null;
}

/** The guest path in argument i, or -EFAULT. */
export function pathArg(t: Task, a: SyscallArgs, i: number): string | number {
  const addr = a.ptr(i);
  if (addr === 0) return -E.EFAULT;
  const s = cstring(t, addr);
  return s === null ? -E.EFAULT : s;
}

export function isProcSelf(t: Task, path: string, what: string): boolean {
  return path === `/proc/self/${what}` || path === `/proc/${t.pid}/${what}`;
}

/** The kernel's own node for an absolute guest path under /proc or /dev/fd (procfs.ts), or null. */
export function procNode(t: Task, path: string): ProcNode | null {
  if (!path.startsWith("/proc") && !path.startsWith("/dev/")) return null;
  return procLookup(t, normalizePath(path));
}

/** Host path for a guest path relative to dirfd; `sysroot`: qemu's path() applies. */
export function resolvePath(t: Task, dirfd: number, path: string, sysroot: boolean): string | number {
  if (path.startsWith("/")) return sysroot ? t.sysrootPath(path) : path;
  if (dirfd === AT_FDCWD) return joinPath(t.cwd, path);
  const d = t.fds.get(dirfd);
  if (!d) return -E.EBADF;
  if (!d.path) return -E.ENOTDIR;
  if (path === "") return d.path;
  return d.path + "/" + path;
}

/**
 * The host path a call that changes a file or a name (chmod, truncate, utimensat, mkdir, unlink,
 * rename, link, symlink) acts on, for `hp`, a path already resolved against its dirfd: a path the
 * kernel answers itself (procfs.ts: /proc/<pid>/..., /dev/fd/N) must not reach the host's file
 * system, whose /proc/self is the emulator's own process. When the call follows a last-component
 * link, /proc/<pid>/fd/N is the file that descriptor has open, as Linux's magic links are (glibc's
 * lchmod changes an O_PATH descriptor's file through /proc/self/fd/N), and the exe and cwd links
 * are their targets; anything else there is not a file these calls can change: `refused`, EPERM
 * (unlink, chmod) unless the call says otherwise (EEXIST for a new name, EXDEV for rename and link).
 */
export function outsideProc(t: Task, hp: string, follow: boolean, refused = -E.EPERM, depth = 0): string | number {
  const node = hp.startsWith("/") ? procNode(t, hp) : null;
  if (!node) return hp;
  if (follow && depth < 8) {
    if (node.kind === "fd") {
      const d = node.files.get(node.fd);
      return d instanceof HostFile && d.path ? d.path : refused;
    }
    if (node.kind === "link") {
      const target = node.target();
      return typeof target === "number" ? target : outsideProc(t, linkTargetPath(hp, target), true, refused, depth + 1);
    }
  }
  return refused;
}

/**
 * Host path of the guest path in argument `pathIdx`, relative to the dirfd in `dirfdIdx`, or -errno,
 * for a call that changes it (see outsideProc; `follow`: the call follows a last-component link).
 */
export function hostPathArg(
  t: Task,
  a: SyscallArgs,
  dirfdIdx: number,
  pathIdx: number,
  follow = false,
  refused = -E.EPERM,
): string | number {
  const path = pathArg(t, a, pathIdx);
  if (typeof path === "number") return path;
  const hp = resolvePath(t, a.int(dirfdIdx), path, false);
  return typeof hp === "number" ? hp : outsideProc(t, hp, follow, refused);
}

/**
 * renameat/linkat's (olddirfd, old, newdirfd, new): both copied in first, then resolved, as Linux
 * (`followOld`: linkat's AT_SYMLINK_FOLLOW).
 */
export function hostPathPair(t: Task, a: SyscallArgs, followOld = false): [string, string] | number {
  const pa = pathArg(t, a, 1),
    pb = pathArg(t, a, 3);
  if (typeof pa === "number") return pa;
  if (typeof pb === "number") return pb;
  const ra = resolvePath(t, a.int(0), pa, false),
    rb = resolvePath(t, a.int(2), pb, false);
  if (typeof ra === "number") return ra;
  if (typeof rb === "number") return rb;
  const ha = outsideProc(t, ra, followOld, -E.EXDEV),
    hb = outsideProc(t, rb, false, -E.EXDEV);
  if (typeof ha === "number") return ha;
  if (typeof hb === "number") return hb;
  return [ha, hb];
}

/** A handler for a syscall that is not implemented (visible with -strace, as qemu's). */
export const enosys = (): number => -E.ENOSYS;
/** A handler for a call that succeeds doing nothing. */
export const nop = (): number => 0;
