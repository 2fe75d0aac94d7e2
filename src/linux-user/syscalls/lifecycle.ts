// A process's life (QEMU's syscall.c, Linux's kernel/exit.c, fs/exec.c): exit of a thread or of
// the whole group, wait4 for children (which fork has already run to completion, see
// LinuxProcess.fork), and execve, which fails as qemu's does without binfmt_misc.
import * as E from "../errno.ts";
import { S_IFMT } from "../errno.ts";
import type { AbiLayouts } from "../layouts.ts";
import { NO_RESULT, type SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { AT_FDCWD, isProcSelf, putU32, resolvePath } from "./common.ts";

/** sizeof(struct rusage) by word size: 16 longs after two timevals. */
function rusageBytes(L: AbiLayouts): number {
  return L.rusage.size;
}

function execve(t: Task, dirfd: number, pathAddr: number): number {
  const s = pathAddr === 0 ? null : t.as.readCString(pathAddr, 4096);
  if (!s) return -E.EFAULT;
  const path = new TextDecoder().decode(s);
  if (isProcSelf(t, path, "exe")) return -E.ENOEXEC;
  const hp = dirfd === AT_FDCWD ? path : resolvePath(t, dirfd, path, false);
  if (typeof hp === "number") return hp;
  const st = t.host.fs.stat(hp, true);
  if (typeof st === "number") return st;
  if ((st.mode & S_IFMT) === 0o40000) return -E.EACCES;
  return -E.ENOEXEC;
}

export function lifecycleSyscalls(L: AbiLayouts) {
  const handlers = {
    exit: (t, a) => {
      t.exitThread(a.int(0) & 0xff);
      return NO_RESULT;
    },
    exit_group: (t, a) => t.exitGroup(a.int(0) & 0xff),
    wait4: (t, a) => {
      const pid = a.int(0);
      const i = t.zombies.findIndex((z) => pid === -1 || pid === 0 || z.pid === pid || -pid === t.pid);
      if (i < 0) return -E.ECHILD;
      const z = t.zombies.splice(i, 1)[0];
      if (a.ptr(1) && !putU32(t, a.ptr(1), z.status)) return -E.EFAULT;
      if (a.ptr(3)) t.as.write(a.ptr(3), new Uint8Array(rusageBytes(L)));
      return z.pid;
    },
    /** Children are reaped by wait4 only (none is left for waitid to see). */
    waitid: () => -E.ECHILD,
    /** Like qemu without binfmt_misc: the host cannot execute a guest program. */
    execve: (t, a) => execve(t, AT_FDCWD, a.ptr(0)),
    execveat: (t, a) => execve(t, a.int(0), a.ptr(1)),
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
