// signalfd (Linux's fs/signalfd.c): a file that reads pending signals. It holds only a mask; what it
// reads are the pending signals of the thread that reads it, and of that thread's process, whose
// numbers are in the mask, each dequeued as sigtimedwait would take it (the thread's own first,
// then those sent to the process; synchronous ones, then by number) and returned as a 128-byte
// struct signalfd_siginfo (the same on every ABI). So a signalfd inherited over fork or execve
// reads the signals of whoever reads it, not of its creator, and poll, select and epoll answer for
// the thread that asks (Linux's `current`): POLLIN while such a signal is pending.
//
// Reads never block here: a read that finds nothing returns WOULD_BLOCK (EAGAIN under O_NONBLOCK)
// and the syscall layer waits (syscalls/io.ts), with signalfd's own rule that a signal of the mask
// which arrives unblocked while the reader waits is read rather than delivered.
import { EAGAIN, EINVAL, O } from "./errno.ts";
import { anonInode } from "./eventfd.ts";
import { FileDesc, POLL, WOULD_BLOCK, type Caller } from "./files.ts";
import type { HostStat } from "./host-api.ts";
import {
  SI_USER,
  SI_KERNEL,
  SIGBUS,
  SIGCHLD,
  SIGFPE,
  SIGILL,
  SIGIO,
  SIGSEGV,
  SIGSYS,
  SIGTRAP,
  nextPending,
  takePending,
  type SigInfo,
} from "./signals.ts";

/** sizeof(struct signalfd_siginfo). */
export const SIGNALFD_SIGINFO_BYTES = 128;
/** SFD_CLOEXEC and SFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK (the same values on riscv64, i386 and ARM). */
export const SFD_FLAGS = O.CLOEXEC | O.NONBLOCK;

const SI_TIMER = -2;
const SI_SIGIO = -5;

export class SignalFd extends FileDesc {
  /** Mask changes (each wakes the signalfd's waiters in Linux). */
  private changes = 0;

  constructor(
    /** The signals it reads (never SIGKILL or SIGSTOP). */
    private mask: bigint,
    flags: number,
  ) {
    super();
    this.flags = O.RDWR | (flags & O.NONBLOCK);
  }

  /** signalfd4 on this fd: a new mask. */
  setMask(mask: bigint): void {
    this.mask = mask;
    this.changes++;
  }

  /**
   * For epoll's edge-triggered mode: Linux wakes a signalfd's waiters at every signal queued to the
   * process (signalfd_notify) and at every mask change, and a ready signalfd is reported again.
   */
  override pollGenFor(who?: Caller): number {
    return this.changes + (who ? who.signalsQueued : 0);
  }

  override get anonName(): string {
    return "[signalfd]";
  }

  /**
   * read(2) for `who`: as many whole structs as fit in `buf` (EINVAL if not even one), each a
   * signal dequeued from `who`'s pending ones; WOULD_BLOCK (or EAGAIN if non-blocking) when none is
   * pending. Only the first signal may wait: once one is read, the rest are taken if pending.
   */
  readFor(who: Caller, buf: Uint8Array): number {
    const count = Math.floor(buf.length / SIGNALFD_SIGINFO_BYTES);
    if (count === 0) return -EINVAL;
    let total = 0;
    while (total < count * SIGNALFD_SIGINFO_BYTES) {
      const si = takePending(who.thread, who.threads, this.mask);
      if (!si) break;
      encodeSignalfdSiginfo(si, buf.subarray(total, total + SIGNALFD_SIGINFO_BYTES));
      total += SIGNALFD_SIGINFO_BYTES;
    }
    if (total > 0) return total;
    return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
  }

  /** Without a reader (splice, sendfile): nothing to read for (Linux has no splice_read here). */
  read(): number {
    return -EINVAL;
  }

  write(): number {
    return -EINVAL;
  }

  /** noop_llseek: the position stays 0. */
  override seek(): number {
    return 0;
  }

  /** Whether a signal of the mask is pending for `who` (signalfd_poll); never writable. */
  pendingFor(who: Caller): boolean {
    return nextPending(who.thread, who.threads, this.mask) !== null;
  }

  override poll(who?: Caller): number {
    return who && this.pendingFor(who) ? POLL.IN : 0;
  }
  override readable(): boolean {
    return false;
  }
  override writable(): boolean {
    return false;
  }

  stat(): HostStat {
    return anonInode();
  }
}

/** The kernel's own si_codes of a signal (Linux's sig_sicodes): the highest, and the siginfo layout they use. */
const SIG_SICODES: Record<number, [number, "fault" | "chld" | "poll" | "sys"]> = {
  [SIGILL]: [11, "fault"],
  [SIGFPE]: [15, "fault"],
  [SIGSEGV]: [10, "fault"],
  [SIGBUS]: [5, "fault"],
  [SIGTRAP]: [6, "fault"],
  [SIGCHLD]: [6, "chld"],
  [SIGIO]: [6, "poll"],
  [SIGSYS]: [2, "sys"],
};

/** Linux's siginfo_layout: which union member a siginfo with this signal and code carries. */
function layout(sig: number, code: number): "kill" | "timer" | "poll" | "fault" | "chld" | "rt" | "sys" {
  if (code > SI_USER && code < SI_KERNEL) {
    const l = SIG_SICODES[sig];
    if (l && code <= l[0]) return l[1];
    return code <= 6 ? "poll" : "kill";
  }
  if (code === SI_TIMER) return "timer";
  if (code === SI_SIGIO) return "poll";
  return code < 0 ? "rt" : "kill";
}

/**
 * struct signalfd_siginfo (128 bytes, one layout on every ABI) as Linux's signalfd_copyinfo fills
 * it from a siginfo: signo, errno, code, then the fields of the siginfo's layout, the rest zero.
 * ssi_ptr is the sigval zero-extended (a 32-bit guest's pointer, as a 64-bit kernel sees it), ssi_int its low 32 bits.
 */
export function encodeSignalfdSiginfo(si: SigInfo, out: Uint8Array): void {
  out.fill(0);
  const v = new DataView(out.buffer, out.byteOffset, SIGNALFD_SIGINFO_BYTES);
  v.setUint32(0, si.signo, true); // ssi_signo
  v.setInt32(8, si.code, true); // ssi_code
  const pidUid = () => {
    v.setUint32(12, si.pid ?? 0, true); // ssi_pid
    v.setUint32(16, si.uid ?? 0, true); // ssi_uid
  };
  const value = () => {
    const val = BigInt.asUintN(64, si.value ?? 0n);
    v.setInt32(44, Number(BigInt.asIntN(32, val)), true); // ssi_int
    v.setBigUint64(48, val, true); // ssi_ptr
  };
  switch (layout(si.signo, si.code)) {
    case "kill":
      pidUid();
      break;
    case "timer":
      v.setUint32(24, si.timerId ?? 0, true); // ssi_tid
      v.setUint32(32, si.overrun ?? 0, true); // ssi_overrun
      value();
      break;
    case "fault":
      v.setBigUint64(72, BigInt(si.addr ?? 0), true); // ssi_addr
      break;
    case "chld":
      pidUid();
      v.setInt32(40, si.status ?? 0, true); // ssi_status (ssi_utime, ssi_stime: no CPU times kept for a child)
      break;
    case "rt":
      pidUid();
      value();
      break;
    case "poll":
    case "sys":
      break;
  }
}
