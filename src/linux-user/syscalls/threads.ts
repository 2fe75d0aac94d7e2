// Threads and processes being created, futexes and scheduling (QEMU's syscall.c do_fork and
// do_futex, Linux's kernel/fork.c and kernel/futex/): clone for threads and processes, fork,
// vfork, set_tid_address, the futex operations glibc uses, sched_* and getcpu.
import * as E from "../errno.ts";
import { CAP_SYS_NICE, hasCap } from "../capabilities.ts";
import type { AbiLayouts } from "../layouts.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import { Restart } from "../wait.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import type { Task } from "../task.ts";
import { getU32, putU32, readTimespec, threadById, writeTimespec } from "./common.ts";

const CLONE_VM = 0x100,
  CLONE_VFORK = 0x4000,
  CLONE_THREAD = 0x10000,
  CLONE_SETTLS = 0x80000,
  CLONE_PARENT_SETTID = 0x100000,
  CLONE_CHILD_CLEARTID = 0x200000,
  CLONE_CHILD_SETTID = 0x1000000;

const SCHED_FIFO = 1,
  SCHED_RR = 2,
  SCHED_RESET_ON_FORK = 0x40000000;

/** The CPUs the guest sees (the host's, LinuxHost.cpus), and the mask of them all. */
const cpuCount = (t: Task) => Math.max(1, t.host.cpus ?? 1);
const allCpus = (n: number) => (1n << BigInt(n)) - 1n;
const firstCpu = (mask: bigint | null) => {
  let i = 0;
  if (mask) while (!((mask >> BigInt(i)) & 1n)) i++;
  return i;
};

/** sched_get_priority_max/min (`rt`: the value for SCHED_FIFO and SCHED_RR). */
const schedPriority =
  (rt: number): SyscallHandler =>
  (t, a) => {
    const policy = a.int(0);
    if (policy === SCHED_FIFO || policy === SCHED_RR) return rt;
    return policy === 0 || policy === 3 || policy === 5 || policy === 6 ? 0 : -E.EINVAL;
  };

/**
 * sched_setscheduler(pid, policy, param) and sched_setparam (policy -1: the thread's own), as
 * Linux's do_sched_setscheduler and __sched_setscheduler check them: EINVAL for a negative pid or no
 * param, EFAULT, ESRCH, EINVAL for an unknown policy (SCHED_DEADLINE needs sched_setattr) or a
 * priority outside 1..99 for SCHED_FIFO/RR and other than 0 for the others; then, without
 * CAP_SYS_NICE, what needs it (user_check_sched_setscheduler) is EPERM. The nice value stays.
 */
function setScheduler(t: Task, pid: number, policy: number, param: number): number {
  if (!param || pid < 0) return -E.EINVAL;
  const prio = getU32(t, param);
  if (prio === null) return -E.EFAULT;
  const th = threadById(t, pid);
  if (!th) return -E.ESRCH;
  const s = th.sched;
  let resetOnFork = s.resetOnFork;
  if (policy === -1) policy = s.policy;
  else {
    resetOnFork = (policy & SCHED_RESET_ON_FORK) !== 0;
    policy &= ~SCHED_RESET_ON_FORK;
    if (policy !== 0 && policy !== SCHED_FIFO && policy !== SCHED_RR && policy !== 3 && policy !== 5) return -E.EINVAL;
  }
  const rt = policy === SCHED_FIFO || policy === SCHED_RR;
  if (prio >>> 0 > 99 || rt !== (prio !== 0)) return -E.EINVAL;
  if (!hasCap(t.caps, CAP_SYS_NICE)) {
    const limit = (res: number) => {
      const v = t.getRlimit(res)?.[0] ?? 0;
      return v < 0 ? Infinity : v;
    };
    if (rt && ((policy !== s.policy && !limit(14)) || (prio > s.priority && prio > limit(14)))) return -E.EPERM; // RLIMIT_RTPRIO
    if (s.policy === 5 && policy !== 5 && 20 - s.nice > limit(13)) return -E.EPERM; // leaving SCHED_IDLE: RLIMIT_NICE
    if (s.resetOnFork && !resetOnFork) return -E.EPERM;
  }
  s.policy = policy;
  s.priority = prio;
  s.resetOnFork = resetOnFork;
  return 0;
}

/** SIGCHLD, the exit signal fork and vfork send. */
const SIGCHLD = 17;

/**
 * clone(flags, newsp, ptid, tls, ctid) in the generic argument order (the CLONE_BACKWARDS order
 * riscv64 and i386 use; ARM's is the same). Architectures with another order (CLONE_BACKWARDS2/3)
 * give the table an argument spec that puts them in this order.
 */
function clone(t: Task, flags: number, newsp: number, ptid: number, tls: number, ctid: number): SyscallResult {
  const settls = flags & CLONE_SETTLS ? tls : null;
  if (!(flags & CLONE_THREAD)) {
    // A new process: fork (a copy-on-write copy of our memory), vfork (CLONE_VM|CLONE_VFORK: our
    // memory, and we sleep until it execs or exits, as posix_spawn uses it), or a process sharing
    // our memory (CLONE_VM).
    const vfork = (flags & CLONE_VFORK) !== 0;
    const pid = t.fork(flags & 0xff, newsp, settls, (flags & CLONE_VM) !== 0, vfork, (child) => {
      if (flags & CLONE_CHILD_SETTID) putU32(child, ctid, child.pid);
      if (flags & CLONE_CHILD_CLEARTID) child.thread.clearChildTid = ctid;
      if (flags & CLONE_PARENT_SETTID) putU32(t, ptid, child.pid);
    });
    if (pid < 0) return pid;
    return vfork ? NO_RESULT : pid; // a vfork's result is its wait's: the child's pid
  }
  if (!(flags & CLONE_VM)) return -E.EINVAL;
  const th = t.cloneThread(newsp, settls);
  if (!th) return -E.EAGAIN;
  if (flags & CLONE_PARENT_SETTID) putU32(t, ptid, th.tid);
  if (flags & CLONE_CHILD_SETTID) putU32(t, ctid, th.tid);
  if (flags & CLONE_CHILD_CLEARTID) th.clearChildTid = ctid;
  return th.tid;
}

export function threadSyscalls(L: AbiLayouts) {
  const TS = L.timespec;

  function futex(t: Task, a: SyscallArgs): SyscallResult {
    const uaddr = a.ptr(0);
    const op = a.int(1);
    const val = a.int(2) >>> 0;
    const cmd = op & 127;
    const val3 = a.int(5);
    // Futexes on MAP_SHARED memory without FUTEX_PRIVATE_FLAG are keyed by physical address, so
    // processes sharing the page meet; the others by address within this address space.
    const shared = !(op & 128) ? t.as.sharedPhysAddr(uaddr) : -1;
    const q = shared >= 0 ? t.sharedFutexes : t.futexes;
    const key = (addr: number) => {
      if (shared < 0) return addr;
      const k = t.as.sharedPhysAddr(addr);
      return k < 0 ? -1 - addr : k;
    };
    switch (cmd) {
      case 0: // FUTEX_WAIT
      case 9: {
        // FUTEX_WAIT_BITSET
        // the timeout first: sys_futex reads and checks it (futex_init_timeout) before do_futex
        let deadline: bigint | undefined;
        const tsAddr = a.ptr(3);
        if (tsAddr) {
          const ts = readTimespec(t, TS, tsAddr);
          if (typeof ts === "number") return ts;
          if (cmd === 9) {
            // absolute, on CLOCK_MONOTONIC or (FUTEX_CLOCK_REALTIME) CLOCK_REALTIME
            const nowClk = op & 256 ? t.realtimeNs() : t.host.monotonicNs();
            deadline = t.host.monotonicNs() + (ts - nowClk);
          } else deadline = t.host.monotonicNs() + ts;
        }
        const bitset = cmd === 9 ? val3 : -1;
        if (bitset === 0) return -E.EINVAL;
        if (uaddr % 4) return -E.EINVAL;
        const cur = getU32(t, uaddr);
        if (cur === null) return -E.EFAULT;
        if (cur !== val) return -E.EAGAIN;
        const w = q.add(key(uaddr), bitset);
        t.block({
          ready: () => w.woken,
          result: () => 0,
          deadline,
          timeoutResult: -E.ETIMEDOUT,
          cancel: () => q.remove(w),
          // futex_wait: restarted after a handler without a timeout, EINTR with one (ERESTART_RESTARTBLOCK)
          restart: deadline === undefined ? Restart.Sys : Restart.NoHandler,
        });
        return NO_RESULT;
      }
      case 1: // FUTEX_WAKE
        return q.wake(key(uaddr), val, -1);
      case 10: // FUTEX_WAKE_BITSET
        if (val3 === 0) return -E.EINVAL;
        return q.wake(key(uaddr), val, val3);
      case 3: // FUTEX_REQUEUE
      case 4: {
        // FUTEX_CMP_REQUEUE
        if (cmd === 4) {
          const cur = getU32(t, uaddr);
          if (cur === null) return -E.EFAULT;
          if (cur !== val3 >>> 0) return -E.EAGAIN;
        }
        const woken = q.wake(key(uaddr), val, -1);
        return woken + q.requeue(key(uaddr), key(a.ptr(4)), a.int(3));
      }
      case 5: {
        // FUTEX_WAKE_OP
        const uaddr2 = a.ptr(4);
        const old = getU32(t, uaddr2);
        if (old === null) return -E.EFAULT;
        const opc = (val3 >>> 28) & 7;
        const cmp = (val3 >>> 24) & 15;
        let oparg = (val3 << 8) >> 20;
        const cmparg = (val3 << 20) >> 20;
        if ((val3 >>> 28) & 8) oparg = 1 << (oparg & 31);
        const o = old | 0;
        const nv = opc === 0 ? oparg : opc === 1 ? o + oparg : opc === 2 ? o | oparg : opc === 3 ? o & ~oparg : o ^ oparg;
        putU32(t, uaddr2, nv);
        let n = q.wake(key(uaddr), val, -1);
        const c =
          cmp === 0
            ? o === cmparg
            : cmp === 1
              ? o !== cmparg
              : cmp === 2
                ? o < cmparg
                : cmp === 3
                  ? o <= cmparg
                  : cmp === 4
                    ? o > cmparg
                    : o >= cmparg;
        if (c) n += q.wake(key(uaddr2), a.int(3), -1);
        return n;
      }
      default:
        return -E.ENOSYS;
    }
  }

  const handlers = {
    clone: (t, a) => clone(t, a.long(0), a.ptr(1), a.ptr(2), a.ptr(3), a.ptr(4)),
    /** fork and vfork as clone(SIGCHLD) and clone(CLONE_VM|CLONE_VFORK|SIGCHLD) (ABIs that have them). */
    fork: (t) => clone(t, SIGCHLD, 0, 0, 0, 0),
    vfork: (t) => clone(t, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0),
    set_tid_address: (t, a) => {
      t.thread.clearChildTid = a.ptr(0);
      return t.thread.tid;
    },
    futex,
    gettid: (t) => t.thread.tid,
    sched_yield: (t) => {
      t.yieldCpu();
      return 0;
    },
    /** sched_getaffinity(pid, len, mask): the thread's CPUs; len must hold every CPU's bit, in whole longs. */
    sched_getaffinity: (t, a) => {
      const size = a.long(1);
      const n = cpuCount(t);
      const bytes = L.wordBytes * Math.ceil(n / (8 * L.wordBytes));
      if (size < bytes || size % L.wordBytes) return -E.EINVAL;
      const th = threadById(t, a.int(0));
      if (!th) return -E.ESRCH;
      const mask = th.sched.affinity ?? allCpus(n);
      const b = new Uint8Array(bytes);
      for (let i = 0; i < n; i++) if ((mask >> BigInt(i)) & 1n) b[i >> 3] |= 1 << (i & 7);
      return t.as.write(a.ptr(2), b) ? bytes : -E.EFAULT;
    },
    /**
     * sched_setaffinity(pid, len, mask): QEMU's checks (len in whole abi_ulongs, EINVAL), then the
     * mask is read (bits past len are clear, past the last CPU ignored: EFAULT), then the thread
     * (ESRCH); a mask with none of the CPUs is EINVAL. It lasts over fork, clone and execve.
     */
    sched_setaffinity: (t, a) => {
      const len = a.uint(1);
      if (len % L.wordBytes) return -E.EINVAL;
      const n = cpuCount(t);
      const b = t.as.read(a.ptr(2), Math.min(len, L.wordBytes * Math.ceil(n / (8 * L.wordBytes))));
      if (!b) return -E.EFAULT;
      let mask = 0n;
      for (let i = 0; i < n && i >> 3 < b.length; i++) if (b[i >> 3] & (1 << (i & 7))) mask |= 1n << BigInt(i);
      const th = threadById(t, a.int(0));
      if (!th) return -E.ESRCH;
      if (mask === 0n) return -E.EINVAL;
      th.sched.affinity = mask === allCpus(n) ? null : mask;
      return 0;
    },
    /** sched_getscheduler(pid): the policy, with SCHED_RESET_ON_FORK when it is set. */
    sched_getscheduler: (t, a) => {
      const pid = a.int(0);
      if (pid < 0) return -E.EINVAL;
      const th = threadById(t, pid);
      if (!th) return -E.ESRCH;
      return th.sched.policy | (th.sched.resetOnFork ? SCHED_RESET_ON_FORK : 0);
    },
    /** sched_getparam(pid, param): the real-time priority (0 for the other policies). */
    sched_getparam: (t, a) => {
      const pid = a.int(0);
      if (!a.ptr(1) || pid < 0) return -E.EINVAL;
      const th = threadById(t, pid);
      if (!th) return -E.ESRCH;
      return putU32(t, a.ptr(1), th.sched.priority) ? 0 : -E.EFAULT;
    },
    sched_setscheduler: (t, a) => (a.int(1) < 0 ? -E.EINVAL : setScheduler(t, a.int(0), a.int(1), a.ptr(2))),
    /** sched_setparam(pid, param): sched_setscheduler keeping the policy. */
    sched_setparam: (t, a) => setScheduler(t, a.int(0), -1, a.ptr(1)),
    /**
     * sched_rr_get_interval(pid, ts): SCHED_RR's time slice (sched_rr_timeslice_ms, 100 ms); the
     * fair policies' slice is under a jiffy on Linux's defaults (0), SCHED_FIFO has none (0).
     */
    sched_rr_get_interval: (t, a) => {
      const pid = a.int(0);
      if (pid < 0) return -E.EINVAL;
      const th = threadById(t, pid);
      if (!th) return -E.ESRCH;
      return writeTimespec(t, L.timespec, a.ptr(1), th.sched.policy === SCHED_RR ? 100_000_000n : 0n) ? 0 : -E.EFAULT;
    },
    /** sched_get_priority_max/min: 99 and 1 for SCHED_FIFO and SCHED_RR, 0 for the other policies. */
    sched_get_priority_max: schedPriority(99),
    sched_get_priority_min: schedPriority(1),
    /** getcpu(cpu, node): the first CPU the thread may run on, node 0. */
    getcpu: (t, a) => {
      if (a.ptr(0)) putU32(t, a.ptr(0), firstCpu(t.thread.sched.affinity));
      if (a.ptr(1)) putU32(t, a.ptr(1), 0);
      return 0;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
