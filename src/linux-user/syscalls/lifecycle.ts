// A process's life (QEMU's syscall.c, Linux's kernel/exit.c, fs/exec.c): exit of a thread or of
// the whole group, waiting for children (wait4, waitid: exits, stops, continues, WNOHANG, WNOWAIT),
// and execve of guest programs and "#!" scripts (execve.ts resolves them, the process loads them).
import * as E from "../errno.ts";
import { O } from "../errno.ts";
import { PidFd } from "../pidfd.ts";
import type { AbiLayouts } from "../layouts.ts";
import { encodeSigInfo } from "../signal-info.ts";
import { SIGCHLD } from "../signals.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import { WCONTINUED, WEXITED, WNOHANG, WNOWAIT, WSTOPPED, WUNTRACED, type ChildReport, type Task } from "../task.ts";
import { AT_EMPTY_PATH, AT_FDCWD, cstring, putU32 } from "./common.ts";
import { joinPath } from "../paths.ts";

const __WNOTHREAD = 0x20000000,
  __WALL = 0x40000000,
  __WCLONE = 0x80000000 | 0;
const P_ALL = 0,
  P_PID = 1,
  P_PGID = 2,
  P_PIDFD = 3;

/** argv/envp: a NULL-terminated array of string pointers in guest memory; null on a fault, -E2BIG if too long. */
function stringArray(t: Task, addr: number, wordBytes: number): string[] | number {
  const out: string[] = [];
  if (addr === 0) return out;
  let total = 0;
  for (let i = 0; ; i++) {
    const w = t.as.read(addr + i * wordBytes, wordBytes);
    if (!w) return -E.EFAULT;
    const dv = new DataView(w.buffer);
    const p = wordBytes === 8 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
    if (p === 0) return out;
    const s = cstring(t, p, 1 << 17);
    if (s === null) return -E.EFAULT;
    total += s.length + 1 + wordBytes;
    if (total > 2 << 20 || i > 1 << 17) return -E.E2BIG;
    out.push(s);
  }
}

export function lifecycleSyscalls(L: AbiLayouts) {
  function execve(t: Task, dirfd: number, pathAddr: number, argvAddr: number, envpAddr: number, flags: number): SyscallResult {
    const path = pathAddr === 0 ? null : cstring(t, pathAddr);
    if (path === null) return -E.EFAULT;
    const argv = stringArray(t, argvAddr, L.wordBytes);
    if (typeof argv === "number") return argv;
    const envp = stringArray(t, envpAddr, L.wordBytes);
    if (typeof envp === "number") return envp;
    let file = path;
    if (dirfd !== AT_FDCWD && !path.startsWith("/")) {
      const d = t.fds.get(dirfd);
      if (!d) return -E.EBADF;
      if (!d.path) return -E.ENOENT;
      if (path === "") {
        if (!(flags & AT_EMPTY_PATH)) return -E.ENOENT;
        file = d.path;
      } else file = joinPath(d.path, path);
    }
    const r = t.execve(file, argv, envp);
    // On success the new program's registers are in place: no result to set.
    return r === 0 ? NO_RESULT : r;
  }

  /** Blocks until a child matching `sel` has something to report, then runs the call again. */
  function waitFor(t: Task, sel: number, options: number): SyscallResult {
    t.restartSyscall();
    t.block({ ready: () => t.waitChild(sel, options, false) !== null });
    return NO_RESULT;
  }

  function wait4(t: Task, a: SyscallArgs): SyscallResult {
    const pid = a.int(0),
      options = a.int(2);
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) return -E.EINVAL;
    const opts = options | WEXITED;
    const r = t.waitChild(pid === -1 ? -1 : pid, opts, true);
    if (typeof r === "number") return r;
    if (r) {
      if (a.ptr(1) && !putU32(t, a.ptr(1), r.status)) return -E.EFAULT;
      if (a.ptr(3) && !t.as.write(a.ptr(3), new Uint8Array(L.rusage.size))) return -E.EFAULT;
      return r.pid;
    }
    if (options & WNOHANG) return 0;
    return waitFor(t, pid, opts);
  }

  function waitid(t: Task, a: SyscallArgs): SyscallResult {
    const idtype = a.int(0),
      id = a.int(1),
      infop = a.ptr(2),
      options = a.int(3);
    if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) return -E.EINVAL;
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) return -E.EINVAL;
    let sel: number;
    if (idtype === P_ALL) sel = -1;
    else if (idtype === P_PID) {
      if (id <= 0) return -E.EINVAL;
      sel = id;
    } else if (idtype === P_PGID) {
      if (id < 0) return -E.EINVAL;
      sel = id === 0 ? 0 : -id;
    } else if (idtype === P_PIDFD) {
      // the pidfd's process (pidfd_get_pid: EBADF for any other file); a non-blocking pidfd makes
      // the call WNOHANG, and finding nothing then EAGAIN
      const d = t.fds.get(id);
      if (!(d instanceof PidFd)) return -E.EBADF;
      sel = d.pid;
      if (d.flags & O.NONBLOCK) {
        const r = t.waitChild(sel, options | WNOHANG, true);
        if (r === null && !(options & WNOHANG)) return -E.EAGAIN;
        return waitidResult(t, a, r, infop);
      }
    } else return -E.EINVAL;
    const r = t.waitChild(sel, options, true);
    if (typeof r === "number") return r;
    if (!r && !(options & WNOHANG)) return waitFor(t, sel, options);
    return waitidResult(t, a, r, infop);
  }

  /** waitid's siginfo and rusage for the child found (or zeros for none, under WNOHANG). */
  function waitidResult(t: Task, a: SyscallArgs, r: ChildReport | null | number, infop: number): SyscallResult {
    if (typeof r === "number") return r;
    if (infop) {
      const bytes = r
        ? encodeSigInfo(L.siginfo, { signo: SIGCHLD, code: r.code, pid: r.pid, uid: r.uid, status: r.siStatus })
        : new Uint8Array(L.siginfo.size);
      if (!t.as.write(infop, bytes)) return -E.EFAULT;
    }
    if (a.ptr(4) && !t.as.write(a.ptr(4), new Uint8Array(L.rusage.size))) return -E.EFAULT;
    return 0;
  }

  const handlers = {
    exit: (t, a) => {
      t.exitThread(a.int(0) & 0xff);
      return NO_RESULT;
    },
    exit_group: (t, a) => t.exitGroup(a.int(0) & 0xff),
    wait4,
    waitid,
    execve: (t, a) => execve(t, AT_FDCWD, a.ptr(0), a.ptr(1), a.ptr(2), 0),
    execveat: (t, a) => execve(t, a.int(0), a.ptr(1), a.ptr(2), a.ptr(3), a.int(4)),
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
