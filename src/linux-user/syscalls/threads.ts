// Threads and processes being created, futexes and scheduling (QEMU's syscall.c do_fork and
// do_futex, Linux's kernel/fork.c and kernel/futex/): clone for threads and processes, fork,
// vfork, set_tid_address, the futex operations glibc uses, sched_* and getcpu.
import * as E from "../errno.ts";
import type { AbiLayouts } from "../layouts.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import { Restart } from "../wait.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import type { Task } from "../task.ts";
import { getU32, putU32, readTimespec } from "./common.ts";

const CLONE_VM = 0x100,
  CLONE_VFORK = 0x4000,
  CLONE_THREAD = 0x10000,
  CLONE_SETTLS = 0x80000,
  CLONE_PARENT_SETTID = 0x100000,
  CLONE_CHILD_CLEARTID = 0x200000,
  CLONE_CHILD_SETTID = 0x1000000;

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
            const nowClk = op & 256 ? t.host.realtimeNs() : t.host.monotonicNs();
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
    sched_getaffinity: (t, a) => {
      const size = a.long(1);
      const n = Math.max(1, t.host.cpus ?? 1);
      const bytes = L.wordBytes * Math.ceil(n / (8 * L.wordBytes));
      if (size < bytes || size % L.wordBytes) return -E.EINVAL;
      const b = new Uint8Array(bytes);
      for (let i = 0; i < n; i++) b[i >> 3] |= 1 << (i & 7);
      return t.as.write(a.ptr(2), b) ? bytes : -E.EFAULT;
    },
    sched_getparam: (t, a) => (putU32(t, a.ptr(1), 0) ? 0 : -E.EFAULT),
    getcpu: (t, a) => {
      if (a.ptr(0)) putU32(t, a.ptr(0), 0);
      if (a.ptr(1)) putU32(t, a.ptr(1), 0);
      return 0;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
