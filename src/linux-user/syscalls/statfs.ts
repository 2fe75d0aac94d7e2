// statfs, fstatfs and the 32-bit ABIs' statfs64/fstatfs64 (QEMU's TARGET_NR_statfs/statfs64, Linux's
// fs/statfs.c): what the host says of the file system holding a file, in the ABI's struct statfs.
// Descriptions the kernel makes up answer as Linux's pseudo file systems do (simple_statfs): pipes
// pipefs, sockets sockfs, /proc's nodes proc, eventfds and epoll instances anon_inodefs.
import * as E from "../errno.ts";
import { MemFile } from "../memfd.ts";
import { CharDevice, HostFile, PipeEnd, StdioFile, SyntheticDir, SyntheticFile, type FileDesc } from "../files.ts";
import { FifoEnd } from "../fifos.ts";
import type { HostStatfs } from "../host-api.ts";
import type { AbiLayouts, StatfsField } from "../layouts.ts";
import { Socket } from "../sockets/socket.ts";
import type { Struct } from "../struct.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { pathArg, procNode, resolvePath, AT_FDCWD } from "./common.ts";

const PROC_SUPER_MAGIC = 0x9fa0,
  PIPEFS_MAGIC = 0x50495045,
  SOCKFS_MAGIC = 0x534f434b,
  ANON_INODE_FS_MAGIC = 0x09041934,
  TMPFS_MAGIC = 0x01021994;
/** f_flags: ST_VALID, and /proc's usual mount options (nosuid, nodev, noexec, relatime) for a host that has no /proc. */
const ST_VALID = 0x20,
  PROC_FLAGS = ST_VALID | 0x2 | 0x4 | 0x8 | 0x1000;

/** A pseudo file system as Linux's simple_statfs reports it: its magic, a page-sized block, no counts. */
function pseudoFs(type: number, flags = ST_VALID): HostStatfs {
  return { type, bsize: 4096, blocks: 0n, bfree: 0n, bavail: 0n, files: 0n, ffree: 0n, fsid: [0, 0], namelen: 255, frsize: 4096, flags };
}

/**
 * The kernel's /proc: the host's procfs mount as the host reports it (its flags, f_fsid: what
 * qemu-user's guest sees, its /proc being the host's), else the usual mount options.
 */
function procFs(t: Task): HostStatfs {
  const r = t.host.fs.statfs?.("/proc");
  return typeof r === "object" && r.type === PROC_SUPER_MAGIC ? r : pseudoFs(PROC_SUPER_MAGIC, PROC_FLAGS);
}

/** statfs of a guest path: /proc's own nodes are procfs, anything else is the host's (sysroot first, as qemu's path()). */
function statfsPath(t: Task, path: string): HostStatfs | number {
  if (path.startsWith("/") && procNode(t, path)) return procFs(t);
  const hp = resolvePath(t, AT_FDCWD, path, true);
  if (typeof hp === "number") return hp;
  const fs = t.host.fs;
  return fs.statfs ? fs.statfs(hp) : -E.ENOSYS;
}

function statfsFd(t: Task, d: FileDesc): HostStatfs | number {
  // a named pipe's end: the file system holding its name (its placeholder's), as Linux's
  if (d instanceof HostFile || d instanceof FifoEnd) {
    const fs = t.host.fs;
    // by handle where the host can (an unlinked file, the host's stdio), else by the path it was opened with
    if (d.h >= 0 && fs.fstatfs) {
      const r = fs.fstatfs(d.h);
      if (r !== -E.ENOSYS) return r;
    }
    if (d.path && fs.statfs) return fs.statfs(d.path);
    return -E.ENOSYS;
  }
  if (d instanceof PipeEnd || d instanceof StdioFile) return pseudoFs(PIPEFS_MAGIC);
  if (d instanceof Socket) return pseudoFs(SOCKFS_MAGIC);
  if (d instanceof SyntheticFile || d instanceof SyntheticDir) return procFs(t);
  if (d instanceof CharDevice || d instanceof MemFile) return pseudoFs(TMPFS_MAGIC); // the made-up /dev nodes: devtmpfs; memfds: shmem
  return pseudoFs(ANON_INODE_FS_MAGIC);
}

/**
 * The ABI's struct statfs. Counts that do not fit a 32-bit struct are EOVERFLOW, as Linux's
 * put_compat_statfs says (QEMU truncates them), except f_files/f_ffree of -1 ("no limit").
 */
function encodeStatfs(S: Struct<StatfsField>, v: HostStatfs): Uint8Array | number {
  if (S.offsetOf("f_bfree") - S.offsetOf("f_blocks") === 4) {
    const wide = (x: bigint) => x > 0xffffffffn;
    const wideCount = (x: bigint) => x !== 0xffffffffffffffffn && wide(x);
    if (wide(v.blocks) || wide(v.bfree) || wide(v.bavail) || wideCount(v.files) || wideCount(v.ffree)) return -E.EOVERFLOW;
  }
  const b = S.alloc();
  b.set("f_type", v.type)
    .set("f_bsize", v.bsize)
    .set("f_blocks", v.blocks)
    .set("f_bfree", v.bfree)
    .set("f_bavail", v.bavail)
    .set("f_files", v.files)
    .set("f_ffree", v.ffree)
    .set("f_fsid0", v.fsid[0])
    .set("f_fsid1", v.fsid[1])
    .set("f_namelen", v.namelen)
    .set("f_frsize", v.frsize)
    .set("f_flags", v.flags);
  return b.bytes;
}

function put(t: Task, S: Struct<StatfsField>, addr: number, v: HostStatfs | number): number {
  if (typeof v === "number") return v;
  const b = encodeStatfs(S, v);
  if (typeof b === "number") return b;
  return t.as.write(addr, b) ? 0 : -E.EFAULT;
}

/**
 * Handlers over L.statfs (the 32-bit ABIs build them again with struct statfs64 for the "64" calls).
 * `sizes64`: the sizes statfs64/fstatfs64 accept (default the struct's own).
 */
export function statfsSyscalls(L: AbiLayouts, sizes64: readonly number[] = [L.statfs.size]) {
  const S = L.statfs;
  const ofPath = (t: Task, path: string | number, buf: number): number =>
    typeof path === "number" ? path : put(t, S, buf, statfsPath(t, path));
  const ofFd = (t: Task, fd: number, buf: number): number => {
    const d = t.fds.get(fd);
    return d ? put(t, S, buf, statfsFd(t, d)) : -E.EBADF;
  };
  return {
    /** statfs(path, buf) */
    statfs: (t, a) => ofPath(t, pathArg(t, a, 0), a.ptr(1)),
    /** fstatfs(fd, buf) */
    fstatfs: (t, a) => ofFd(t, a.int(0), a.ptr(1)),
    /** statfs64(path, size, buf): the size must be one the ABI takes (i386: 84; ARM EABI: 84 or 88). */
    statfs64: (t, a) => (!sizes64.includes(a.long(1)) ? -E.EINVAL : ofPath(t, pathArg(t, a, 0), a.ptr(2))),
    /** fstatfs64(fd, size, buf) */
    fstatfs64: (t, a) => (!sizes64.includes(a.long(1)) ? -E.EINVAL : ofFd(t, a.int(0), a.ptr(2))),
  } satisfies Record<string, SyscallHandler>;
}
