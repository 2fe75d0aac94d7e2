// Extended attributes: setxattr, getxattr, listxattr, removexattr and their l- (no symlink follow)
// and f- (file descriptor) forms (Linux's fs/xattr.c).
//
// The guest's files are the host's, reached through an API without extended attributes (Node's fs),
// so tciemu answers as Linux does for a file system that has no xattr support at all: the name, the
// path or the descriptor is checked first (EFAULT, ERANGE, ENOENT, ENOTDIR, ELOOP, EBADF, as the
// kernel checks them), then listxattr finds no names (0: vfs_listxattr without a handler and without
// a security module) and get/set/remove fail with EOPNOTSUPP. Programs treat that as "this file
// system does not keep attributes": Python's shutil.copystat, coreutils' cp -a and tar skip them,
// where ENOSYS (an unknown system call) made shutil.copy2 and copytree fail.
import * as E from "../errno.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import type { SyscallEntry, SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW, pathArg } from "./common.ts";
import { statAt } from "./fs.ts";

/** XATTR_NAME_MAX: a name is 1..255 bytes. */
const NAME_MAX = 255;
/** XATTR_SIZE_MAX: a value is at most 64 KiB. */
const SIZE_MAX = 65536;

/** The attribute name in argument i: 0 when valid, else -EFAULT or -ERANGE (empty or too long). */
function checkName(t: Task, a: SyscallArgs, i: number): number {
  const addr = a.ptr(i);
  if (addr === 0) return -E.EFAULT;
  const b = t.as.readCString(addr, NAME_MAX + 1);
  if (b === null) {
    // Unterminated within 256 bytes: too long if all 256 are readable, else a fault.
    return t.as.read(addr, NAME_MAX + 1) ? -E.ERANGE : -E.EFAULT;
  }
  return b.length === 0 ? -E.ERANGE : 0;
}

/** The file in argument 0 (a path, followed or not, or a descriptor) exists: 0, or the errno. */
function checkFile(t: Task, a: SyscallArgs, kind: "path" | "lpath" | "fd"): number {
  if (kind === "fd") return t.fds.get(a.int(0)) ? 0 : -E.EBADF;
  const path = pathArg(t, a, 0);
  if (typeof path === "number") return path;
  const st = statAt(t, AT_FDCWD, path, kind === "lpath" ? AT_SYMLINK_NOFOLLOW : 0);
  return typeof st === "number" ? st : 0;
}

function setxattr(kind: "path" | "lpath" | "fd"): SyscallHandler {
  return (t, a) => {
    const name = checkName(t, a, 1);
    if (name < 0) return name;
    if (a.long(3) > SIZE_MAX) return -E.E2BIG;
    const f = checkFile(t, a, kind);
    return f < 0 ? f : -E.EOPNOTSUPP;
  };
}

function getxattr(kind: "path" | "lpath" | "fd"): SyscallHandler {
  return (t, a) => {
    const name = checkName(t, a, 1);
    if (name < 0) return name;
    const f = checkFile(t, a, kind);
    return f < 0 ? f : -E.EOPNOTSUPP;
  };
}

function listxattr(kind: "path" | "lpath" | "fd"): SyscallHandler {
  return (t, a) => checkFile(t, a, kind);
}

function removexattr(kind: "path" | "lpath" | "fd"): SyscallHandler {
  return (t, a) => {
    const name = checkName(t, a, 1);
    if (name < 0) return name;
    const f = checkFile(t, a, kind);
    return f < 0 ? f : -E.EOPNOTSUPP;
  };
}

/** The twelve handlers, by their Linux names (the same on every ABI: no struct, no 64-bit argument). */
export const xattrSyscalls = {
  setxattr: setxattr("path"),
  lsetxattr: setxattr("lpath"),
  fsetxattr: setxattr("fd"),
  getxattr: getxattr("path"),
  lgetxattr: getxattr("lpath"),
  fgetxattr: getxattr("fd"),
  listxattr: listxattr("path"),
  llistxattr: listxattr("lpath"),
  flistxattr: listxattr("fd"),
  removexattr: removexattr("path"),
  lremovexattr: removexattr("lpath"),
  fremovexattr: removexattr("fd"),
} satisfies Record<string, SyscallHandler>;

/**
 * The twelve calls as a syscall table's entries from number `first` on, in their order on every ABI
 * (setxattr, lsetxattr, fsetxattr, getxattr... fremovexattr): riscv64 5, i386 and ARM 226.
 */
export function xattrEntries(first: number): Record<number, SyscallEntry> {
  const out: Record<number, SyscallEntry> = {};
  Object.entries(xattrSyscalls).forEach(([name, fn], i) => (out[first + i] = [name, fn]));
  return out;
}
