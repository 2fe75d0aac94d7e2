// Job control on a controlling terminal (Linux's __tty_check_change and n_tty's job_control): a
// process of a background process group that reads its controlling terminal, writes it while
// TOSTOP is set, or changes it (tcsetattr, tcsetpgrp, tcflush, tcflow, tcsendbreak) gets its
// group stopped by SIGTTIN or SIGTTOU, and the call runs again once the group is continued (a
// handler without SA_RESTART makes it EINTR instead). If the process ignores or blocks the signal,
// a read fails with EIO and anything else goes on; in an orphaned group (no shell left to continue
// it) the call fails with EIO. Job-control shells rely on it: `cat &` stops at its first read
// ("Stopped (tty input)"), `stty -tostop` and back decide whether background output stops.
import { EIO } from "../errno.ts";
import type { FileDesc } from "../files.ts";
import { ldisc, PtyMaster } from "../pty.ts";
import { SI_KERNEL, SIG_IGN, sigbit, SIGTTIN } from "../signals.ts";
import { NO_RESULT, type SyscallResult } from "../syscall-table.ts";
import type { Task } from "../task.ts";

/** c_lflag's TOSTOP: background writes stop too (asm-generic). */
export const TOSTOP = 0o400;

/**
 * The check before a call on terminal description `d` (`sig`: SIGTTIN for reads, SIGTTOU for the
 * rest): null to go on, or the call's result (-EIO, or NO_RESULT: the group was sent `sig` and
 * the call runs again when the thread next runs).
 */
export function ttyJobControl(t: Task, d: FileDesc, sig: number): SyscallResult | null {
  const term = d.terminal;
  // only the caller's controlling terminal, whose foreground group is another (never a pty's master side)
  if (!term || d instanceof PtyMaster || term.sid !== t.sid || term.pgrp === 0 || term.pgrp === t.pgid) return null;
  const ignored = t.sigactions[sig].handler === SIG_IGN || (t.thread.sigmask & sigbit(sig)) !== 0n;
  if (ignored) return sig === SIGTTIN ? -EIO : null;
  if (t.orphanedGroup(t.pgid)) return -EIO;
  // The call is parked first, so that the signal finds it: a stop leaves it to run again after
  // SIGCONT, a handler settles it as Linux's -ERESTARTSYS (again with SA_RESTART, else EINTR).
  t.restartSyscall();
  t.block({ ready: () => true });
  t.kill(-t.pgid, { signo: sig, code: SI_KERNEL, pid: 0, uid: 0 });
  return NO_RESULT;
}

/** ttyJobControl for a write: only while the terminal's TOSTOP is set (a line discipline tciemu keeps). */
export function ttyWriteJobControl(t: Task, d: FileDesc, sig: number): SyscallResult | null {
  const l = d.terminal ? ldisc(d) : null; // a pty master is never a controlling terminal: ttyJobControl says so
  return l && l.termios.lflag & TOSTOP ? ttyJobControl(t, d, sig) : null;
}
