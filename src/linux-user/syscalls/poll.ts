// Waiting for readiness (Linux's fs/select.c, fs/eventpoll.c, fs/eventfd.c): poll, ppoll, select,
// pselect6, epoll_create(1), epoll_ctl, epoll_wait, epoll_pwait(2), eventfd(2). Readiness is
// FileDesc.poll(), the one readiness test every kind of description answers (pipes, sockets,
// eventfds, epoll instances, files).
//
// A call that finds nothing ready blocks with a Waiter whose ready() rescans and whose result
// writes the answer, with the timeout as its deadline. When the watched descriptions include one
// whose readiness comes from the host (a socket), the wait is external: the run loop lets the
// host's event loop run while the thread waits (SliceStop.Idle).
import * as E from "../errno.ts";
import { O } from "../errno.ts";
import { EpollFile, EPOLLEXCLUSIVE, EPOLLWAKEUP } from "../epoll.ts";
import { EFD_SEMAPHORE, EventFd } from "../eventfd.ts";
import { callerOf, HostFile, POLL, type FileDesc } from "../files.ts";
import { POLLFD, type AbiLayouts } from "../layouts.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { UNBLOCKABLE } from "../signals.ts";
import { Restart } from "../wait.ts";
import { readTimespec } from "./common.ts";

export interface PollOptions {
  /**
   * struct epoll_event's layout: 16 bytes with the data at 8 (the default: riscv64, ARM), or 12
   * with the data at 4 (x86's packed struct).
   */
  epollEventSize?: 12 | 16;
}

/** select's sets: readable includes hang-up and error, writable includes error (POLLIN_SET, POLLOUT_SET). */
const POLLIN_SET = POLL.IN | POLL.RDNORM | POLL.RDBAND | POLL.HUP | POLL.ERR;
const POLLOUT_SET = POLL.OUT | POLL.WRNORM | POLL.WRBAND | POLL.ERR;
const POLLEX_SET = POLL.PRI;

/**
 * Waits until `scan` finds something, at most `ts` ns (null: forever, 0: not at all); `scan`
 * writes the results to guest memory and returns the count (or -errno). With `none`, a scan that
 * finds nothing writes nothing (select: an interrupted call leaves the guest's sets as they were,
 * and the retry a program makes with them waits for the same fds); `none` writes the empty
 * results when the call ends with nothing.
 */
function waitReady(
  t: Task,
  ts: bigint | null,
  scan: () => number,
  ready: () => boolean,
  external: boolean,
  recheckNs: bigint | null = null,
  none?: () => number,
): SyscallResult {
  const n = scan();
  if (n === 0 && ts === 0n && none) return none();
  if (n !== 0 || ts === 0n) return n;
  // Any thread of any process may make it ready (the kernel's scheduler sees them all); with
  // nothing that can, the kernel sleeps to the deadline or reports the deadlock.
  t.block({
    ready,
    result: () => {
      const r = scan();
      return r === 0 && none ? none() : r;
    },
    deadline: ts === null ? undefined : t.host.monotonicNs() + ts,
    timeoutResult: 0,
    timeout: none,
    // A signal handler ends the wait with EINTR, SA_RESTART or not (-ERESTARTNOHAND).
    restart: Restart.NoHandler,
    external,
    recheckNs: recheckNs ?? undefined,
  });
  return NO_RESULT;
}

/** The shortest recheckNs of the descriptions a wait watches (null: none asks for one). */
function recheck(ds: Array<FileDesc | null | undefined>): bigint | null {
  let r: bigint | null = null;
  for (const d of ds) {
    const n = d?.recheckNs ?? null;
    if (n !== null && (r === null || n < r)) r = n;
  }
  return r;
}

/**
 * ppoll, pselect6 and epoll_pwait's signal mask: applied for the duration of the call (restored as
 * it returns, or in the frame of a handler that interrupts it; Linux's set_user_sigmask).
 */
function applyCallMask(t: Task, maskAddr: number, size: number): number {
  if (!maskAddr) return 0;
  if (size !== 8) return -E.EINVAL;
  const b = t.as.read(maskAddr, 8);
  if (!b) return -E.EFAULT;
  const th = t.thread;
  th.savedMask = th.sigmask;
  th.sigmask = new DataView(b.buffer, b.byteOffset).getBigUint64(0, true) & ~UNBLOCKABLE;
  return 0;
}

export function pollSyscalls(L: AbiLayouts, opts: PollOptions = {}) {
  const evSize = opts.epollEventSize ?? 16;
  const evData = evSize === 12 ? 4 : 8;

  /** poll/ppoll over the pollfd array; ts null: no timeout. */
  function doPoll(t: Task, fdsAddr: number, nfds: number, ts: bigint | null): SyscallResult {
    if (nfds < 0 || nfds > Math.max(t.fds.limit, 1024)) return -E.EINVAL;
    const b = nfds ? t.as.read(fdsAddr, POLLFD.size * nfds) : new Uint8Array(0);
    if (!b) return -E.EFAULT;
    const entries: Array<[number, number]> = [];
    for (let i = 0; i < nfds; i++) {
      const p = POLLFD.view(b.subarray(POLLFD.size * i));
      entries.push([p.get("fd"), p.get("events") & 0xffff]);
    }
    const who = callerOf(t);
    const revents = (fd: number, ev: number): number => {
      if (fd < 0) return 0;
      const d = t.fds.get(fd);
      // POLLERR and POLLHUP are always reported; the rest only when asked for.
      return d ? d.poll(who) & (ev | POLL.ERR | POLL.HUP) : POLL.NVAL;
    };
    const scan = (): number => {
      let ready = 0;
      entries.forEach(([fd, ev], i) => {
        const rev = revents(fd, ev);
        POLLFD.view(b.subarray(POLLFD.size * i)).set("revents", rev);
        if (rev) ready++;
      });
      return t.as.write(fdsAddr, b) ? ready : -E.EFAULT;
    };
    const ready = () => entries.some(([fd, ev]) => revents(fd, ev) !== 0);
    const external = entries.some(([fd]) => (fd >= 0 && t.fds.get(fd)?.external) ?? false);
    return waitReady(t, ts, scan, ready, external, recheck(entries.map(([fd]) => (fd >= 0 ? t.fds.get(fd) : null))));
  }

  /** select/pselect6 over the three fd_sets (arrays of longs); ts null: no timeout. */
  function doSelect(t: Task, n: number, addrs: [number, number, number], ts: bigint | null): SyscallResult {
    if (n < 0) return -E.EINVAL;
    if (n > t.fds.limit) n = t.fds.limit;
    const bytes = Math.ceil(n / (8 * L.wordBytes)) * L.wordBytes;
    const sets: Array<Uint8Array | null> = [];
    for (const addr of addrs) {
      if (!addr) sets.push(null);
      else {
        const s = t.as.read(addr, bytes);
        if (!s) return -E.EFAULT;
        sets.push(s);
      }
    }
    const watched: Array<[number, number, FileDesc]> = [];
    for (let fd = 0; fd < n; fd++)
      for (let k = 0; k < 3; k++) {
        const s = sets[k];
        if (!s || !(s[fd >> 3] & (1 << (fd & 7)))) continue;
        const d = t.fds.get(fd);
        if (!d) return -E.EBADF;
        watched.push([fd, k, d]);
      }
    const who = callerOf(t);
    const hit = (k: number, d: FileDesc) => (d.poll(who) & (k === 0 ? POLLIN_SET : k === 1 ? POLLOUT_SET : POLLEX_SET)) !== 0;
    // Linux's core_sys_select writes the sets back when it returns a count (0 at a timeout), not
    // when a signal interrupts it.
    const write = (out: Array<Uint8Array | null>): number => {
      for (let k = 0; k < 3; k++) if (out[k] && !t.as.write(addrs[k], out[k]!)) return -E.EFAULT;
      return 0;
    };
    const empty = () => sets.map((s) => (s ? new Uint8Array(s.length) : null));
    const scan = (): number => {
      const out = empty();
      let ready = 0;
      for (const [fd, k, d] of watched)
        if (hit(k, d)) {
          out[k]![fd >> 3] |= 1 << (fd & 7);
          ready++;
        }
      if (ready === 0) return 0;
      return write(out) || ready;
    };
    const external = watched.some(([, , d]) => d.external);
    const ready = () => watched.some(([, k, d]) => hit(k, d));
    return waitReady(t, ts, scan, ready, external, recheck(watched.map(([, , d]) => d)), () => write(empty()));
  }

  function timespecArg(t: Task, addr: number): bigint | null | number {
    if (!addr) return null;
    return readTimespec(t, L.timespec, addr);
  }

  // ---- epoll

  function epollOf(t: Task, fd: number): EpollFile | number {
    const d = t.fds.get(fd);
    if (!d) return -E.EBADF;
    return d instanceof EpollFile ? d : -E.EINVAL;
  }

  function createEpoll(t: Task, flags: number): number {
    if (flags & ~O.CLOEXEC) return -E.EINVAL;
    const ep = new EpollFile(0);
    const fd = t.fds.install(ep, (flags & O.CLOEXEC) !== 0);
    return fd;
  }

  function epollWait(t: Task, epfd: number, evAddr: number, max: number, ts: bigint | null): SyscallResult {
    const ep = epollOf(t, epfd);
    if (typeof ep === "number") return ep;
    if (max <= 0 || max > 0x7fffffff / evSize) return -E.EINVAL;
    const who = callerOf(t);
    const scan = (): number => {
      const evs = ep.collect(max, true, who);
      if (evs.length === 0) return 0;
      // Only the two fields are stored: the padding of a 16-byte layout keeps what the guest had
      // there (ep_send_events' __put_user of events and data, as qemu's lock_user'd array).
      const ev = new Uint8Array(4);
      for (let i = 0; i < evs.length; i++) {
        new DataView(ev.buffer).setUint32(0, evs[i].events >>> 0, true);
        if (!t.as.write(evAddr + i * evSize, ev) || !t.as.write(evAddr + i * evSize + evData, evs[i].data)) return -E.EFAULT;
      }
      return evs.length;
    };
    return waitReady(t, ts, scan, () => ep.collect(1, false, who).length > 0, ep.external, ep.recheckNs);
  }

  const msTimeout = (ms: number): bigint | null => (ms < 0 ? null : BigInt(ms) * 1_000_000n);

  const handlers = {
    ppoll: (t, a) => {
      const ts = timespecArg(t, a.ptr(2));
      if (typeof ts === "number") return ts;
      const m = applyCallMask(t, a.ptr(3), a.long(4));
      if (m < 0) return m;
      return doPoll(t, a.ptr(0), a.long(1), ts);
    },
    /** poll(fds, nfds, timeout in ms; negative: none) (ABIs that have it). */
    poll: (t, a) => doPoll(t, a.ptr(0), a.long(1), msTimeout(a.int(2))),
    pselect6: (t, a) => {
      const ts = timespecArg(t, a.ptr(4));
      if (typeof ts === "number") return ts;
      if (a.ptr(5)) {
        // { const sigset_t *ss; size_t ss_len; }
        const w = t.as.read(a.ptr(5), 2 * L.wordBytes);
        if (!w) return -E.EFAULT;
        const dv = new DataView(w.buffer, w.byteOffset);
        const ptr = L.wordBytes === 8 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
        const len = L.wordBytes === 8 ? Number(dv.getBigUint64(8, true)) : dv.getUint32(4, true);
        const m = applyCallMask(t, ptr, len);
        if (m < 0) return m;
      }
      return doSelect(t, a.int(0), [a.ptr(1), a.ptr(2), a.ptr(3)], ts);
    },
    /** select(n, r, w, e, struct timeval *) (ABIs that have it; i386's _newselect). */
    select: (t, a) => {
      let ts: bigint | null = null;
      if (a.ptr(4)) {
        const b = t.as.read(a.ptr(4), L.timeval.size);
        if (!b) return -E.EFAULT;
        const v = L.timeval.view(b);
        const sec = v.getBig("tv_sec"),
          usec = v.getBig("tv_usec");
        if (sec < 0n || usec < 0n) return -E.EINVAL;
        ts = sec * 1_000_000_000n + usec * 1000n;
      }
      return doSelect(t, a.int(0), [a.ptr(1), a.ptr(2), a.ptr(3)], ts);
    },
    epoll_create: (t, a) => (a.int(0) <= 0 ? -E.EINVAL : createEpoll(t, 0)),
    epoll_create1: (t, a) => createEpoll(t, a.int(0)),
    epoll_ctl: (t, a) => {
      const ep = epollOf(t, a.int(0));
      if (typeof ep === "number") return ep;
      const op = a.int(1),
        fd = a.int(2);
      const d = t.fds.get(fd);
      if (!d) return -E.EBADF;
      if (d === ep) return -E.EINVAL;
      // Regular files and directories have no poll method: EPERM (as Linux).
      if (d instanceof HostFile && d.seekable) return -E.EPERM;
      const e = ep.find(fd, d);
      let events = 0;
      let data = new Uint8Array(8);
      if (op !== 2) {
        const b = t.as.read(a.ptr(3), evSize);
        if (!b) return -E.EFAULT;
        events = new DataView(b.buffer).getUint32(0, true) & ~EPOLLWAKEUP;
        data = b.slice(evData, evData + 8);
      }
      switch (op) {
        case 1: // EPOLL_CTL_ADD
          if (e) return -E.EEXIST;
          ep.add(fd, d, events, data, callerOf(t));
          return 0;
        case 2: // EPOLL_CTL_DEL
          if (!e) return -E.ENOENT;
          ep.remove(e);
          return 0;
        case 3: // EPOLL_CTL_MOD
          if (!e) return -E.ENOENT;
          if (events & EPOLLEXCLUSIVE || e.events & EPOLLEXCLUSIVE) return -E.EINVAL;
          e.events = events;
          e.data = data;
          e.disabled = false;
          e.lastMask = 0;
          return 0;
      }
      return -E.EINVAL;
    },
    epoll_wait: (t, a) => epollWait(t, a.int(0), a.ptr(1), a.int(2), msTimeout(a.int(3))),
    /** epoll_pwait(epfd, events, max, timeout ms, sigmask, sigsetsize). */
    epoll_pwait: (t, a) => {
      const m = applyCallMask(t, a.ptr(4), a.long(5));
      if (m < 0) return m;
      return epollWait(t, a.int(0), a.ptr(1), a.int(2), msTimeout(a.int(3)));
    },
    /** epoll_pwait2: a timespec timeout. */
    epoll_pwait2: (t, a) => {
      const ts = timespecArg(t, a.ptr(3));
      if (typeof ts === "number") return ts;
      const m = applyCallMask(t, a.ptr(4), a.long(5));
      if (m < 0) return m;
      return epollWait(t, a.int(0), a.ptr(1), a.int(2), ts);
    },
    eventfd2: (t, a) => eventfd(t, a.uint(0), a.int(1)),
    eventfd: (t, a) => eventfd(t, a.uint(0), 0),
  } satisfies Record<string, SyscallHandler>;

  function eventfd(t: Task, init: number, flags: number): number {
    if (flags & ~(O.CLOEXEC | O.NONBLOCK | EFD_SEMAPHORE)) return -E.EINVAL;
    const d = new EventFd(init, (flags & EFD_SEMAPHORE) !== 0, flags);
    return t.fds.install(d, (flags & O.CLOEXEC) !== 0);
  }

  return handlers;
}
