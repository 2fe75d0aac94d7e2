// pidfds (Linux's kernel/pid.c pidfd_open, fs/pidfs.c): a process (or, with PIDFD_THREAD, a thread)
// as a file description. Readable (POLLIN) once it has exited and is a zombie, POLLIN | POLLHUP once
// it has been reaped (pidfs_poll); read and write are EINVAL. pidfd_send_signal signals through it,
// and waitid(P_PIDFD) waits for it (syscalls/pidfd.ts, lifecycle.ts); both also take a /proc/<pid>
// directory's descriptor, as Linux's pidfd_to_pid does.
import { EINVAL, O } from "./errno.ts";
import { FileDesc, POLL, SyntheticDir } from "./files.ts";
import { kernelStat, type HostStat } from "./host-api.ts";

/** What became of a pidfd's task: running (or stopped), exited and not yet reaped, gone. */
export const enum PidState {
  Live = 0,
  Exited = 1,
  Reaped = 2,
}

export class PidFd extends FileDesc {
  constructor(
    /** The process id (or, for a thread pidfd, the thread id) it refers to. */
    readonly pid: number,
    /** PIDFD_THREAD: a thread's, not a thread group's. */
    readonly thread: boolean,
    flags: number,
    /** Asks the kernel what became of the task (evaluated at each poll). */
    private readonly state: () => PidState,
  ) {
    super();
    this.flags = O.RDWR | (flags & O.NONBLOCK);
  }

  /** /proc/<pid>/fd shows "anon_inode:[pidfd]", as pidfs names it. */
  override get anonName(): string {
    return "[pidfd]";
  }

  read(): number {
    return -EINVAL;
  }

  write(): number {
    return -EINVAL;
  }

  override poll(): number {
    const s = this.state();
    return s === PidState.Live ? 0 : s === PidState.Exited ? POLL.IN | POLL.RDNORM : POLL.IN | POLL.RDNORM | POLL.HUP;
  }

  override readable(): boolean {
    return this.state() !== PidState.Live;
  }

  override writable(): boolean {
    return false;
  }

  /** pidfs's inode: mode 0700 with no file type. */
  stat(): HostStat {
    return kernelStat(15n, BigInt(this.pid), 0o700);
  }
}

/**
 * The process a pidfd-taking call means by descriptor d (Linux's pidfd_to_pid): a pidfd's, or the
 * pid of a /proc/<pid> directory (`self` too, for the caller `self`); null for any other file.
 */
export function pidOfDescription(d: FileDesc, self: number): { pid: number; thread: boolean } | null {
  if (d instanceof PidFd) return { pid: d.pid, thread: d.thread };
  if (d instanceof SyntheticDir) {
    const m = /^\/proc\/(\d+|self)\/?$/.exec(d.path ?? "");
    if (m) return { pid: m[1] === "self" ? self : Number(m[1]), thread: false };
  }
  return null;
}
