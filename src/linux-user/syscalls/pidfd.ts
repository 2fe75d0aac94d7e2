// pidfd_open and pidfd_send_signal (Linux's kernel/pid.c, kernel/signal.c) over pidfd.ts's
// descriptions; waitid(P_PIDFD) is in lifecycle.ts. The same numbers on every ABI (424, 434).
import * as E from "../errno.ts";
import { O } from "../errno.ts";
import type { AbiLayouts } from "../layouts.ts";
import { PidFd, PidState, pidOfDescription } from "../pidfd.ts";
import { NSIG, SI_TKILL, SI_USER, type SigInfo } from "../signals.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { threadById } from "./common.ts";
import { readQueuedInfo } from "./signals.ts";

/** pidfd_open's flags: PIDFD_NONBLOCK is O_NONBLOCK, PIDFD_THREAD is O_EXCL. */
const PIDFD_NONBLOCK = O.NONBLOCK,
  PIDFD_THREAD = O.EXCL;
/** pidfd_send_signal's scopes (at most one). */
const PIDFD_SIGNAL_THREAD = 1,
  PIDFD_SIGNAL_THREAD_GROUP = 2,
  PIDFD_SIGNAL_PROCESS_GROUP = 4;

/** What became of process pid (a zombie has exited; a process the table no longer has was reaped). */
function processState(t: Task, pid: number): PidState {
  const p = t.processView(pid);
  return !p ? PidState.Reaped : p.stateLetter === "Z" ? PidState.Exited : PidState.Live;
}

export function pidfdSyscalls(L: AbiLayouts) {
  return {
    /**
     * pidfd_open(pid, flags) in Linux's order: unknown flags and pid <= 0 are EINVAL, no such task
     * ESRCH, a thread that leads no thread group ENOENT unless PIDFD_THREAD. Always close-on-exec.
     */
    pidfd_open: (t, a) => {
      const pid = a.int(0),
        flags = a.int(1);
      if (flags & ~(PIDFD_NONBLOCK | PIDFD_THREAD)) return -E.EINVAL;
      if (pid <= 0) return -E.EINVAL;
      const thread = (flags & PIDFD_THREAD) !== 0;
      let state: () => PidState;
      if (t.processView(pid) && !thread) state = () => processState(t, pid);
      else {
        const th = t.processView(pid)?.threads.find((x) => x.tid === pid) ?? threadById(t, pid);
        if (!th) return t.processView(pid) ? -E.ENOENT : -E.ESRCH;
        if (!thread) return -E.ENOENT;
        const tgid = th.tgid;
        // a thread that is not the leader is reaped as it exits
        state = () => {
          const ps = processState(t, tgid);
          if (ps !== PidState.Live) return ps;
          const x = t.processView(tgid)?.threads.find((y) => y.tid === pid);
          return x && !x.dead ? PidState.Live : pid === tgid ? PidState.Exited : PidState.Reaped;
        };
      }
      return t.fds.install(new PidFd(pid, thread, flags, state), true);
    },
    /**
     * pidfd_send_signal(pidfd, sig, info, flags): one scope flag at most (EINVAL), a pidfd or a
     * /proc/<pid> directory (EBADF), the task must still be there (ESRCH), then the signal's checks;
     * without info it is a kill (SI_USER); with info, sigqueue's rules (only to oneself with a
     * si_code >= 0 or SI_TKILL, EPERM). The scope is the pidfd's kind unless flags name one.
     */
    pidfd_send_signal: (t, a) => {
      const fd = a.int(0),
        sig = a.int(1),
        info = a.ptr(2),
        flags = a.int(3);
      if (flags & ~(PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP | PIDFD_SIGNAL_PROCESS_GROUP)) return -E.EINVAL;
      if (flags & (flags - 1)) return -E.EINVAL;
      const d = t.fds.get(fd);
      const target = d ? pidOfDescription(d, t.pid) : null;
      if (!target) return -E.EBADF;
      const scope = flags || (target.thread ? PIDFD_SIGNAL_THREAD : PIDFD_SIGNAL_THREAD_GROUP);
      let si: SigInfo;
      if (info) {
        const q = readQueuedInfo(t, L.siginfo, info, sig);
        if (typeof q === "number") return q;
        if ((target.pid !== t.pid || scope === PIDFD_SIGNAL_PROCESS_GROUP) && (q.code >= 0 || q.code === SI_TKILL)) return -E.EPERM;
        si = q;
      } else si = { signo: sig, code: SI_USER, pid: t.pid, uid: t.host.uid ?? 0 };
      if (scope === PIDFD_SIGNAL_THREAD) {
        const th = threadById(t, target.pid);
        if (!th) return -E.ESRCH;
        if (sig < 0 || sig > NSIG) return -E.EINVAL;
        return t.signalThread(th.tgid, target.pid, si);
      }
      if (!t.processView(target.pid)) return -E.ESRCH;
      if (sig < 0 || sig > NSIG) return -E.EINVAL;
      return t.kill(scope === PIDFD_SIGNAL_PROCESS_GROUP ? -target.pid : target.pid, si);
    },
  } satisfies Record<string, SyscallHandler>;
}
