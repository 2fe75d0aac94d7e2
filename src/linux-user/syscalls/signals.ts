// Signals (QEMU's linux-user/signal.c and syscall.c, Linux's kernel/signal.c): dispositions, the
// mask, the alternate stack, waiting for a signal, sending one, and returning from a handler.
import * as E from "../errno.ts";
import type { AbiLayouts } from "../layouts.ts";
import { encodeSigInfo } from "../signal-info.ts";
import {
  MINSIGSTKSZ,
  NSIG,
  SI_TKILL,
  SI_USER,
  SIGKILL,
  SIGSTOP,
  SIG_DFL,
  SIG_IGN,
  SS_DISABLE,
  SS_ONSTACK,
  UNBLOCKABLE,
  defaultAction,
  nextPending,
  takePending,
  sigbit,
  type SigInfo,
} from "../signals.ts";
import { Restart } from "../wait.ts";
import { readTimespec } from "./common.ts";
import { SFD_FLAGS, SignalFd } from "../signalfd.ts";
import { NO_RESULT, type SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import type { Thread } from "../thread.ts";

/** sizeof(sigset_t) as rt_* syscalls take it: 64 signals. */
const SIGSET_BYTES = 8;

function readSigset(t: Task, addr: number): bigint | null {
  const b = t.as.read(addr, SIGSET_BYTES);
  return b ? new DataView(b.buffer).getBigUint64(0, true) : null;
}

function writeSigset(t: Task, addr: number, v: bigint): boolean {
  const b = new Uint8Array(SIGSET_BYTES);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return t.as.write(addr, b);
}

/** struct old_sigaction on 32-bit ABIs: handler, old_sigset_t mask, flags, restorer. */
const OLD_SIGACTION_BYTES = 16;

function writeOldSigset(t: Task, addr: number, v: bigint): boolean {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, Number(v & 0xffffffffn), true);
  return t.as.write(addr, b);
}

/**
 * sigpending's set (Linux's do_sigpending): the calling thread's pending signals and the process's
 * (those sent to it, which wait on the queue of whichever thread tciemu chose), that it blocks.
 */
function pendingSet(t: Task): bigint {
  const th = t.thread;
  let m = 0n;
  for (const x of t.threads) {
    if (x !== th && x.dead) continue;
    for (const p of x.pending) if (x === th || p.toProcess) m |= sigbit(p.signo);
  }
  return m & th.sigmask;
}

export function signalSyscalls(L: AbiLayouts) {
  const SA = L.sigaction;
  const SS = L.stack;

  const handlers = {
    rt_sigaction: (t, a) => {
      const sig = a.int(0),
        act = a.ptr(1),
        oact = a.ptr(2);
      if (a.long(3) !== SIGSET_BYTES) return -E.EINVAL;
      if (sig < 1 || sig > NSIG) return -E.EINVAL;
      if (act && (sig === SIGKILL || sig === SIGSTOP)) return -E.EINVAL;
      const s = t.sigactions[sig];
      let nb: Uint8Array | null = null;
      if (act) {
        nb = t.as.read(act, SA.size);
        if (!nb) return -E.EFAULT;
      }
      if (oact) {
        const b = SA.alloc();
        b.set("sa_handler", s.handler)
          .set("sa_flags", s.flags >>> 0)
          .set("sa_mask", s.mask);
        b.setOpt("sa_restorer", s.restorer);
        if (!t.as.write(oact, b.bytes)) return -E.EFAULT;
      }
      if (nb) {
        const v = SA.view(nb);
        s.handler = v.get("sa_handler");
        s.flags = v.low32("sa_flags");
        s.mask = v.getBig("sa_mask") & ~UNBLOCKABLE;
        s.restorer = v.getOpt("sa_restorer");
        // Now ignored (SIG_IGN, or SIG_DFL of a signal whose default is to ignore): pending ones go.
        if (s.handler === SIG_IGN || (s.handler === SIG_DFL && defaultAction(sig) === "ignore"))
          for (const th of t.threads) th.pending = th.pending.filter((p) => p.signo !== sig);
        t.hostSignalsChanged();
      }
      return 0;
    },
    /**
     * sigaction (32-bit ABIs: ARM, i386) with struct old_sigaction { handler, old_sigset_t mask, flags,
     * restorer }: the mask is the first 32 signals (QEMU's TARGET_NR_sigaction, Linux's sys_sigaction).
     */
    sigaction: (t, a) => {
      const sig = a.int(0),
        act = a.ptr(1),
        oact = a.ptr(2);
      if (sig < 1 || sig > NSIG) return -E.EINVAL;
      if (act && (sig === SIGKILL || sig === SIGSTOP)) return -E.EINVAL;
      const s = t.sigactions[sig];
      let nb: Uint8Array | null = null;
      if (act) {
        nb = t.as.read(act, OLD_SIGACTION_BYTES);
        if (!nb) return -E.EFAULT;
      }
      if (oact) {
        const b = new Uint8Array(OLD_SIGACTION_BYTES);
        const dv = new DataView(b.buffer);
        dv.setUint32(0, s.handler >>> 0, true);
        dv.setUint32(4, Number(s.mask & 0xffffffffn), true);
        dv.setUint32(8, s.flags >>> 0, true);
        dv.setUint32(12, (s.restorer ?? 0) >>> 0, true);
        if (!t.as.write(oact, b)) return -E.EFAULT;
      }
      if (nb) {
        const dv = new DataView(nb.buffer, nb.byteOffset);
        s.handler = dv.getUint32(0, true);
        s.mask = BigInt(dv.getUint32(4, true)) & ~UNBLOCKABLE;
        s.flags = dv.getUint32(8, true) | 0;
        s.restorer = dv.getUint32(12, true);
        if (s.handler === 1) for (const th of t.threads) th.pending = th.pending.filter((p) => p.signo !== sig);
        t.hostSignalsChanged();
      }
      return 0;
    },
    /** sigprocmask (32-bit ABIs) on an old_sigset_t: only the first 32 signals change (Linux's sys_sigprocmask). */
    sigprocmask: (t, a) => {
      const how = a.int(0),
        set = a.ptr(1),
        oset = a.ptr(2);
      const th = t.thread;
      let nv: bigint | null = null;
      if (set) {
        const b = t.as.read(set, 4);
        if (!b) return -E.EFAULT;
        nv = BigInt(new DataView(b.buffer, b.byteOffset).getUint32(0, true));
        if (how < 0 || how > 2) return -E.EINVAL;
      }
      if (oset && !writeOldSigset(t, oset, th.sigmask)) return -E.EFAULT;
      if (nv !== null) {
        if (how === 0) th.sigmask |= nv;
        else if (how === 1) th.sigmask &= ~nv;
        else th.sigmask = (th.sigmask & ~0xffffffffn) | nv;
        th.sigmask &= ~UNBLOCKABLE;
      }
      return 0;
    },
    /** sigpending (32-bit ABIs): the first 32 pending signals as an old_sigset_t. */
    sigpending: (t, a) => {
      return writeOldSigset(t, a.ptr(0), pendingSet(t)) ? 0 : -E.EFAULT;
    },
    /** pause: wait for a signal with the current mask, as rt_sigsuspend does (Linux's sys_pause). */
    pause: (t) => {
      const th = t.thread;
      const mask = th.sigmask;
      if (!th.pending.some((s) => !(mask & sigbit(s.signo)))) {
        // nothing could ever arrive: no other thread or process, no timer
        if (t.threads.length <= 1 && !t.timers.armed && t.pids().length <= 1) return -E.EINTR;
        t.restartSyscall();
        t.block({ ready: () => th.pending.some((s) => !(mask & sigbit(s.signo))) });
        return NO_RESULT;
      }
      t.setResult(-E.EINTR);
      t.processSignals();
      return NO_RESULT;
    },
    rt_sigprocmask: (t, a) => {
      const how = a.int(0),
        set = a.ptr(1),
        oset = a.ptr(2);
      const th = t.thread;
      if (a.long(3) !== SIGSET_BYTES) return -E.EINVAL;
      let nv: bigint | null = null;
      if (set) {
        nv = readSigset(t, set);
        if (nv === null) return -E.EFAULT;
        if (how < 0 || how > 2) return -E.EINVAL;
      }
      if (oset && !writeSigset(t, oset, th.sigmask)) return -E.EFAULT;
      if (nv !== null) {
        if (how === 0) th.sigmask |= nv;
        else if (how === 1) th.sigmask &= ~nv;
        else th.sigmask = nv;
        th.sigmask &= ~UNBLOCKABLE;
      }
      return 0;
    },
    rt_sigreturn: (t) => {
      if (!t.sigreturn(true)) t.forceSignal({ signo: 11, code: SI_USER, pid: t.pid, uid: 0 });
      return NO_RESULT;
    },
    /** sigreturn (i386, ARM): from a non-RT frame. */
    sigreturn: (t) => {
      if (!t.sigreturn(false)) t.forceSignal({ signo: 11, code: SI_USER, pid: t.pid, uid: 0 });
      return NO_RESULT;
    },
    sigaltstack: (t, a) => {
      const ss = a.ptr(0),
        oss = a.ptr(1);
      const th = t.thread;
      const on = th.onAltStack(t.stackPointer());
      if (oss) {
        const b = SS.alloc();
        b.set("ss_sp", th.altSp)
          .set("ss_flags", th.altFlags & SS_DISABLE ? SS_DISABLE : on ? SS_ONSTACK : 0)
          .set("ss_size", th.altSize);
        if (!t.as.write(oss, b.bytes)) return -E.EFAULT;
      }
      if (ss) {
        const b = t.as.read(ss, SS.size);
        if (!b) return -E.EFAULT;
        if (on) return -E.EPERM;
        const v = SS.view(b);
        const spv = v.get("ss_sp");
        const flags = v.get("ss_flags");
        const size = v.get("ss_size");
        if (flags & ~(SS_DISABLE | 0x80000000)) return -E.EINVAL;
        if (flags & SS_DISABLE) {
          th.altSp = 0;
          th.altSize = 0;
          th.altFlags = SS_DISABLE;
        } else {
          if (size < MINSIGSTKSZ) return -E.ENOMEM;
          th.altSp = spv;
          th.altSize = size;
          th.altFlags = 0;
        }
      }
      return 0;
    },
    rt_sigpending: (t, a) => {
      return writeSigset(t, a.ptr(0), pendingSet(t)) ? 0 : -E.EFAULT;
    },
    /**
     * Waits with a temporary mask until a signal runs a handler; the handler's frame holds the old
     * mask, restored by its sigreturn (Linux's saved_sigmask). Always -EINTR.
     */
    rt_sigsuspend: (t, a) => {
      if (a.long(1) !== SIGSET_BYTES) return -E.EINVAL;
      const m = readSigset(t, a.ptr(0));
      if (m === null) return -E.EFAULT;
      const th = t.thread;
      th.savedMask = th.sigmask;
      th.sigmask = m & ~UNBLOCKABLE;
      if (th.pending.some((s) => !(th.sigmask & sigbit(s.signo)))) return -E.EINTR; // delivered as it returns
      t.block({ ready: () => false, result: () => -E.EINTR, restart: Restart.NoHandler });
      return NO_RESULT;
    },
    /**
     * rt_sigtimedwait(set, info, timeout, sigsetsize) (sigwait, sigwaitinfo, sigtimedwait; Linux's
     * do_sigtimedwait): takes a pending signal of the set, else waits for one for at most the
     * timeout (EAGAIN when it passes; a zero timeout only looks). The signal is dequeued without
     * running its handler, and its siginfo goes to `info`. A signal outside the set that is not
     * blocked ends the wait with EINTR (after its handler; also for a stop signal), never restarted.
     */
    rt_sigtimedwait: (t, a) => {
      if (a.long(3) !== SIGSET_BYTES) return -E.EINVAL;
      const setv = readSigset(t, a.ptr(0));
      if (setv === null) return -E.EFAULT;
      let timeout: bigint | null = null;
      if (a.ptr(2)) {
        const ts = readTimespec(t, L.timespec, a.ptr(2));
        if (typeof ts === "number") return ts;
        timeout = ts;
      }
      const set = setv & ~UNBLOCKABLE;
      const th = t.thread;
      const info = a.ptr(1);
      // Dequeues the chosen signal and writes its siginfo (lost on a bad `info`, as in Linux); null: none pending.
      const take = (): number | null => {
        const si = takePending(th, t.threads, set);
        if (!si) return null;
        if (info && !t.as.write(info, encodeSigInfo(L.siginfo, si))) return -E.EFAULT;
        return si.signo;
      };
      const now = take();
      if (now !== null) return now;
      if (timeout === 0n) return -E.EAGAIN;
      th.sigwaitSet = set;
      t.block({
        ready: () => nextPending(th, t.threads, set) !== null,
        result: () => {
          th.sigwaitSet = 0n;
          return take() ?? -E.EAGAIN;
        },
        deadline: timeout === null ? undefined : t.host.monotonicNs() + timeout,
        timeoutResult: -E.EAGAIN,
        cancel: () => {
          th.sigwaitSet = 0n;
        },
        // Interrupted: a waited-for signal that came meanwhile still wins (Linux dequeues after waking), else EINTR.
        partial: () => take() ?? -E.EINTR,
        restart: Restart.NoHandler,
      });
      return NO_RESULT;
    },
    /**
     * rt_sigqueueinfo(pid, sig, info) (sigqueue): the caller's siginfo (its code, pid, uid, value) to a
     * process; a code that would pass for the kernel's or kill's (>= 0, SI_TKILL) only to itself (Linux's
     * do_rt_sigqueueinfo).
     */
    rt_sigqueueinfo: (t, a) => {
      const si = readQueuedInfo(t, L.siginfo, a.ptr(2), a.int(1));
      if (typeof si === "number") return si;
      const pid = a.int(0);
      if ((si.code >= 0 || si.code === SI_TKILL) && pid !== t.pid) return -E.EPERM;
      if (pid <= 0) return -E.ESRCH;
      return t.kill(pid, si);
    },
    /** rt_tgsigqueueinfo(tgid, tid, sig, info) (pthread_sigqueue): the same to one thread (do_rt_tgsigqueueinfo). */
    rt_tgsigqueueinfo: (t, a) => {
      const tgid = a.int(0),
        tid = a.int(1);
      if (tgid <= 0 || tid <= 0) return -E.EINVAL;
      const si = readQueuedInfo(t, L.siginfo, a.ptr(3), a.int(2));
      if (typeof si === "number") return si;
      if ((si.code >= 0 || si.code === SI_TKILL) && tid !== t.thread.tid) return -E.EPERM;
      return t.signalThread(tgid, tid, si);
    },
    kill: (t, a) => {
      const pid = a.int(0),
        sig = a.int(1);
      if (sig < 0 || sig > NSIG) return -E.EINVAL;
      return t.kill(pid, { signo: sig, code: SI_USER, pid: t.pid, uid: t.host.uid ?? 0 });
    },
    tkill: (t, a) => tkill(t, null, a.int(0), a.int(1)),
    tgkill: (t, a) => tkill(t, a.int(0), a.int(1), a.int(2)),
    /** signalfd4(fd, mask, sizemask, flags): SFD_NONBLOCK, SFD_CLOEXEC. */
    signalfd4: (t, a) => signalfd(t, a.int(0), a.ptr(1), a.ptr(2), a.int(3)),
    /** signalfd(fd, mask, sizemask) (i386, ARM): signalfd4 without flags. */
    signalfd: (t, a) => signalfd(t, a.int(0), a.ptr(1), a.ptr(2), 0),
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}

/**
 * Linux's signalfd4 in its order: sizemask must be sizeof(sigset_t) (QEMU 10 ignores it), the mask
 * is read (EFAULT), the flags checked; SIGKILL and SIGSTOP leave the mask silently. fd -1 makes a
 * signalfd; another fd must be one (EBADF if it is no descriptor, EINVAL if it is another kind),
 * whose mask is replaced (its flags stay) and which is returned.
 */
function signalfd(t: Task, fd: number, maskAddr: number, size: number, flags: number): number {
  if (size !== SIGSET_BYTES) return -E.EINVAL;
  const m = readSigset(t, maskAddr);
  if (m === null) return -E.EFAULT;
  if (flags & ~SFD_FLAGS) return -E.EINVAL;
  const mask = m & ~UNBLOCKABLE;
  if (fd === -1) return t.fds.install(new SignalFd(mask, flags), (flags & E.O.CLOEXEC) !== 0);
  const d = t.fds.get(fd);
  if (!d) return -E.EBADF;
  if (!(d instanceof SignalFd)) return -E.EINVAL;
  d.setMask(mask);
  return fd;
}

/** The siginfo rt_sigqueueinfo sends: the caller's, with si_signo = sig (Linux's __copy_siginfo_from_user). */
export function readQueuedInfo(t: Task, L: AbiLayouts["siginfo"], addr: number, sig: number): SigInfo | number {
  if (sig < 0 || sig > NSIG) return -E.EINVAL;
  const b = t.as.read(addr, L.size);
  if (!b) return -E.EFAULT;
  const v = L.view(b);
  return { signo: sig, code: v.get("si_code"), pid: v.get("si_pid"), uid: v.get("si_uid"), value: v.getOptBig("si_value") };
}

function tkill(t: Task, tgid: number | null, tid: number, sig: number): number {
  if (sig < 0 || sig > NSIG || tid <= 0 || (tgid !== null && tgid <= 0)) return -E.EINVAL;
  return t.signalThread(tgid, tid, { signo: sig, code: SI_TKILL, pid: t.pid, uid: t.host.uid ?? 0 });
}
