// Sockets (Linux's net/socket.c, QEMU's do_socket/do_bind/do_sendrecvmsg...): socket, socketpair,
// bind, listen, accept(4), connect, getsockname, getpeername, send/recv in all their forms (to/from,
// msg with iovecs and control messages, mmsg), shutdown, setsockopt/getsockopt, and socketcall
// (i386's multiplexer, which maps its call numbers onto the same handlers). Families live in
// ../sockets/: inet sockets over the host's network (sockets/guest-network.ts), unix sockets in
// the kernel.
//
// Blocking: a call that cannot complete parks the thread (Task.block) until the socket's
// readiness changes and then runs again from the start (restartSyscall), so nothing is half
// done when a thread sleeps; connect and bind, which wait for the host's answer, end with the
// answer instead. Inet sockets' waits are external: their readiness comes from host events, which
// the run loop lets in on SliceStop.Idle. SO_RCVTIMEO/SO_SNDTIMEO bound the waits (EAGAIN).
import * as E from "../errno.ts";
import { CAP_SETGID, CAP_SETUID, CAP_SYS_ADMIN, hasCap } from "../capabilities.ts";
import { PROT_WRITE } from "../address-space.ts";
import { WOULD_BLOCK, type FileDesc } from "../files.ts";
import type { AbiLayouts } from "../layouts.ts";
import { SI_USER, SIGPIPE } from "../signals.ts";
import { SyscallArgs } from "../syscall-args.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { networkOf } from "../sockets/guest-network.ts";
import { blockAgain } from "./io.ts";
import { InetDgramSocket } from "../sockets/inet-dgram.ts";
import { InetStreamSocket } from "../sockets/inet-stream.ts";
import { buildCmsg, cmsgSpace, msgLayouts, parseCmsgs, type Cmsg } from "../sockets/msghdr.ts";
import {
  AF_INET,
  AF_INET6,
  AF_NETLINK,
  AF_PACKET,
  AF_UNIX,
  encodeSockaddr,
  readSockaddr,
  writeSockaddr,
  type SockAddr,
} from "../sockets/sockaddr.ts";
import { getSocketOption, setSocketOption } from "../sockets/socket-options.ts";
import {
  MSG,
  releaseRights,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOCK_RAW,
  SOCK_SEQPACKET,
  SOCK_STREAM,
  SOCK_TYPE_MASK,
  Socket,
  SOL_SOCKET,
  type Outgoing,
  type Received,
  type SocketWait,
} from "../sockets/socket.ts";
import { UnixDgramSocket, UnixStreamSocket, type Creds } from "../sockets/unix.ts";

const SCM_RIGHTS = 1,
  SCM_CREDENTIALS = 2;
/** SCM_MAX_FD */
const MAX_RIGHTS = 253;
const MSG_WAITFORONE = 0x10000;
/** The most one call moves (as read/write): bigger requests are served in parts. */
const MAX_IO = 16 << 20;

/** The socket behind fd, or -EBADF / -ENOTSOCK. */
function sockOf(t: Task, fd: number): Socket | number {
  const d = t.fds.get(fd);
  if (!d) return -E.EBADF;
  return d instanceof Socket ? d : -E.ENOTSOCK;
}

function credsOf(t: Task): Creds {
  return { pid: t.pid, uid: t.host.uid ?? 0, gid: t.host.gid ?? 0 };
}

/** Ends the call with a SocketWait's outcome: now when it is ready, else when the thread wakes. */
function finish(t: Task, s: Socket, w: number | SocketWait, deadlineNs = 0n, timeoutResult = -E.EAGAIN): SyscallResult {
  if (typeof w === "number") return w;
  if (w.ready()) return w.result();
  t.block({
    ready: () => w.ready(),
    result: () => w.result(),
    external: s.external,
    deadline: deadlineNs > 0n ? t.host.monotonicNs() + deadlineNs : undefined,
    timeoutResult,
  });
  return NO_RESULT;
}

/**
 * A call that would block: -EAGAIN when the socket (or the call's MSG_DONTWAIT) is non-blocking,
 * else the thread waits until `ready` and the call runs again; `timeoutNs` is SO_RCVTIMEO/SNDTIMEO.
 */
function wouldBlock(t: Task, s: Socket, dontwait: boolean, ready: () => boolean, timeoutNs: bigint): SyscallResult {
  if (s.nonblocking || dontwait) return -E.EAGAIN;
  return blockAgain(t, s, ready, timeoutNs);
}

function sigpipe(t: Task): void {
  t.queueSignal({ signo: SIGPIPE, code: SI_USER, pid: t.pid, uid: t.host.uid ?? 0 }, t.thread);
}

function putInt(t: Task, addr: number, v: number): boolean {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v, true);
  return t.as.write(addr, b);
}

/** Whether [addr, addr+len) can be written (checked before data is taken out of a socket). */
function writableRange(t: Task, addr: number, len: number): boolean {
  if (len <= 0) return true;
  for (let a = addr - (addr % 4096); a < addr + len; a += 4096) if (t.as.ramOffset(Math.max(a, addr), PROT_WRITE) < 0) return false;
  return true;
}

export function netSyscalls(L: AbiLayouts) {
  const ML = msgLayouts(L.wordBytes);
  const IOV = L.iovec;

  function iovecs(t: Task, addr: number, n: number): Array<[number, number]> | number {
    if (n < 0 || n > 1024) return -E.EMSGSIZE;
    if (n === 0) return [];
    const b = t.as.read(addr, IOV.size * n);
    if (!b) return -E.EFAULT;
    const r: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      const v = IOV.view(b.subarray(IOV.size * i));
      r.push([v.get("iov_base"), v.get("iov_len")]);
    }
    return r;
  }

  // ---- creating

  function socket(t: Task, domain: number, typeArg: number, protocol: number): number | Socket {
    const type = typeArg & SOCK_TYPE_MASK;
    if (typeArg & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) return -E.EINVAL;
    const flags = typeArg & SOCK_NONBLOCK;
    const net = networkOf(t.host);
    switch (domain) {
      case AF_UNIX:
        if (protocol !== 0 && protocol !== AF_UNIX) return -E.EPROTONOSUPPORT;
        if (type === SOCK_STREAM || type === SOCK_SEQPACKET) return new UnixStreamSocket(net, type, flags, credsOf(t));
        if (type === SOCK_DGRAM) return new UnixDgramSocket(net, type, flags, credsOf(t));
        return -E.ESOCKTNOSUPPORT;
      case AF_INET:
      case AF_INET6:
        if (type === SOCK_STREAM) {
          if (protocol !== 0 && protocol !== 6) return -E.EPROTONOSUPPORT;
          return new InetStreamSocket(net, domain, protocol || 6, flags);
        }
        if (type === SOCK_DGRAM) {
          if (protocol !== 0 && protocol !== 17) return -E.EPROTONOSUPPORT;
          return new InetDgramSocket(net, domain, protocol || 17, flags);
        }
        if (type === SOCK_RAW) return -E.EPERM;
        return -E.ESOCKTNOSUPPORT;
      case AF_NETLINK:
      case AF_PACKET:
        // glibc's getaddrinfo falls back when netlink is missing (it then assumes IPv4 and IPv6).
        return -E.EAFNOSUPPORT;
    }
    return -E.EAFNOSUPPORT;
  }

  function install(t: Task, s: Socket, cloexec: boolean): number {
    const fd = t.fds.install(s, cloexec);
    if (fd < 0) s.release();
    return fd;
  }

  // ---- sending and receiving

  /** Reads a sendmsg's control messages: descriptions to pass and credentials; -errno if bad. */
  function controlIn(t: Task, s: Socket, addr: number, len: number): { rights?: FileDesc[]; creds?: Creds } | number {
    if (addr === 0 || len === 0) return {};
    if (len > 1 << 16) return -E.ENOBUFS;
    const b = t.as.read(addr, len);
    if (!b) return -E.EFAULT;
    const msgs = parseCmsgs(ML, b);
    if (msgs === null) return -E.EINVAL;
    const out: { rights?: FileDesc[]; creds?: Creds } = {};
    for (const m of msgs) {
      if (m.level !== SOL_SOCKET) continue; // IP-level ancillary data (IP_PKTINFO...) is not supported: ignored
      if (m.type === SCM_RIGHTS) {
        if (s.family !== AF_UNIX) return -E.EINVAL;
        const n = Math.floor(m.data.length / 4);
        if (n === 0) continue;
        const rights = out.rights ?? [];
        if (rights.length + n > MAX_RIGHTS) return -E.EINVAL;
        const dv = new DataView(m.data.buffer, m.data.byteOffset, m.data.length);
        for (let i = 0; i < n; i++) {
          const d = t.fds.get(dv.getInt32(4 * i, true));
          if (!d) return -E.EBADF;
          rights.push(d);
        }
        out.rights = rights;
      } else if (m.type === SCM_CREDENTIALS) {
        if (s.family !== AF_UNIX) return -E.EINVAL;
        if (m.data.length < 12) return -E.EINVAL;
        const dv = new DataView(m.data.buffer, m.data.byteOffset, 12);
        const c = { pid: dv.getInt32(0, true), uid: dv.getInt32(4, true), gid: dv.getInt32(8, true) };
        const own = credsOf(t);
        // scm_check_creds: another pid needs CAP_SYS_ADMIN, another uid CAP_SETUID, another gid CAP_SETGID
        if (c.pid !== own.pid && !hasCap(t.caps, CAP_SYS_ADMIN)) return -E.EPERM;
        if (c.uid !== own.uid && !hasCap(t.caps, CAP_SETUID)) return -E.EPERM;
        if (c.gid !== own.gid && !hasCap(t.caps, CAP_SETGID)) return -E.EPERM;
        out.creds = c;
      } else return -E.EINVAL;
    }
    return out;
  }

  /** Sends one message; the result of send/sendto/sendmsg. */
  function doSend(t: Task, s: Socket, m: Outgoing, mayBlock = true): SyscallResult {
    if (s.family === AF_UNIX && !m.creds) m.creds = credsOf(t);
    const r = s.send(t, m);
    if (r === WOULD_BLOCK) {
      if (!mayBlock) return -E.EAGAIN;
      return wouldBlock(t, s, (m.flags & MSG.DONTWAIT) !== 0, () => s.writable(), s.opts.sndTimeoNs);
    }
    if (r === -E.EPIPE && !(m.flags & MSG.NOSIGNAL)) sigpipe(t);
    return r;
  }

  /** Receives one message of at most `max` bytes; a Received, or the call's result (-errno, NO_RESULT). */
  function doRecv(t: Task, s: Socket, max: number, flags: number, mayBlock = true): Received | SyscallResult {
    if (s.listening) return -E.ENOTCONN;
    const r = s.recv(Math.min(max, MAX_IO), flags & ~MSG.CMSG_CLOEXEC);
    if (r === WOULD_BLOCK) {
      if (!mayBlock) return -E.EAGAIN;
      return wouldBlock(t, s, (flags & MSG.DONTWAIT) !== 0, () => s.recvReady(max, flags), s.opts.rcvTimeoNs);
    }
    return r;
  }

  /** What a receive call returns: the bytes, or (MSG_TRUNC asked) the datagram's full length. */
  const recvResult = (r: Received, flags: number) => (flags & MSG.TRUNC && r.fullLength !== undefined ? r.fullLength : r.data.length);

  function sendto(t: Task, fd: number, buf: number, len: number, flags: number, addr: number, addrLen: number): SyscallResult {
    const s = sockOf(t, fd);
    if (typeof s === "number") return s;
    if (len < 0) return -E.EINVAL;
    const n = Math.min(len, MAX_IO);
    const data = n === 0 ? new Uint8Array(0) : t.as.read(buf, n);
    if (!data) return -E.EFAULT;
    let to: SockAddr | null = null;
    if (addr !== 0) {
      const a = readSockaddr(t, addr, addrLen);
      if (typeof a === "number") return a;
      to = a;
    }
    return doSend(t, s, { data, to, flags });
  }

  function recvfrom(t: Task, fd: number, buf: number, len: number, flags: number, addr: number, addrLenPtr: number): SyscallResult {
    const s = sockOf(t, fd);
    if (typeof s === "number") return s;
    if (len < 0) return -E.EINVAL;
    if (!writableRange(t, buf, Math.min(len, MAX_IO))) return -E.EFAULT;
    const r = doRecv(t, s, len, flags);
    if (typeof r !== "object") return r;
    releaseRights(r.rights);
    if (r.data.length && !t.as.write(buf, r.data)) return -E.EFAULT;
    if (addr !== 0 && r.from) {
      const w = writeSockaddr(t, addr, addrLenPtr, r.from);
      if (w < 0) return w;
    } else if (addr !== 0 && addrLenPtr !== 0 && !putInt(t, addrLenPtr, 0)) return -E.EFAULT;
    return recvResult(r, flags);
  }

  /** sendmsg for one msghdr at `mh`. */
  function sendOne(t: Task, s: Socket, mh: number, flags: number, mayBlock: boolean): SyscallResult {
    const hb = t.as.read(mh, ML.msghdr.size);
    if (!hb) return -E.EFAULT;
    const h = ML.msghdr.view(hb);
    const iov = iovecs(t, h.get("msg_iov"), h.get("msg_iovlen"));
    if (typeof iov === "number") return iov;
    const parts: Uint8Array[] = [];
    let total = 0;
    for (const [base, len] of iov) {
      if (len === 0) continue;
      const n = Math.min(len, MAX_IO - total);
      const b = t.as.read(base, n);
      if (!b) return -E.EFAULT;
      parts.push(b);
      total += n;
      if (total >= MAX_IO) break;
    }
    const data = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      data.set(p, o);
      o += p.length;
    }
    let to: SockAddr | null = null;
    if (h.get("msg_name") !== 0 && h.get("msg_namelen") !== 0) {
      const a = readSockaddr(t, h.get("msg_name"), h.get("msg_namelen"));
      if (typeof a === "number") return a;
      to = a;
    }
    const c = controlIn(t, s, h.get("msg_control"), h.get("msg_controllen"));
    if (typeof c === "number") return c;
    return doSend(t, s, { data, to, flags, rights: c.rights, creds: c.creds }, mayBlock);
  }

  /** recvmsg into one msghdr at `mh`. */
  function recvOne(t: Task, s: Socket, mh: number, flags: number, mayBlock: boolean): SyscallResult {
    const hb = t.as.read(mh, ML.msghdr.size);
    if (!hb) return -E.EFAULT;
    const h = ML.msghdr.view(hb);
    const iov = iovecs(t, h.get("msg_iov"), h.get("msg_iovlen"));
    if (typeof iov === "number") return iov;
    let want = 0;
    for (const [base, len] of iov) {
      if (!writableRange(t, base, Math.min(len, MAX_IO))) return -E.EFAULT;
      want += len;
    }
    const r = doRecv(t, s, want, flags, mayBlock);
    if (typeof r !== "object") return r;
    // Scatter the bytes over the iovecs.
    let off = 0;
    for (const [base, len] of iov) {
      if (off >= r.data.length) break;
      const k = Math.min(len, r.data.length - off);
      if (!t.as.write(base, r.data.subarray(off, off + k))) return -E.EFAULT;
      off += k;
    }
    // Linux starts msg_flags from the call's MSG_CMSG_CLOEXEC (___sys_recvmsg), so it shows there.
    let mflags = flags & MSG.CMSG_CLOEXEC;
    if (r.fullLength !== undefined && r.fullLength > r.data.length && s.type !== SOCK_STREAM) mflags |= MSG.TRUNC;
    if (r.eor) mflags |= MSG.EOR;
    // The sender's address.
    const nameAddr = h.get("msg_name");
    if (nameAddr !== 0) {
      if (r.from) {
        const bytes = encodeSockaddr(r.from);
        const n = Math.min(bytes.length, h.get("msg_namelen"));
        if (n > 0 && !t.as.write(nameAddr, bytes.subarray(0, n))) return -E.EFAULT;
        h.set("msg_namelen", bytes.length);
      } else h.set("msg_namelen", 0);
    }
    // Control messages: passed descriptions, credentials.
    const ctlAddr = h.get("msg_control");
    const ctlLen = h.get("msg_controllen");
    const msgs: Cmsg[] = [];
    if (r.creds && s.opts.passCred) {
      const b = new Uint8Array(12);
      const dv = new DataView(b.buffer);
      dv.setInt32(0, r.creds.pid, true);
      dv.setInt32(4, r.creds.uid, true);
      dv.setInt32(8, r.creds.gid, true);
      msgs.push({ level: SOL_SOCKET, type: SCM_CREDENTIALS, data: b });
    }
    let used = 0;
    const out: Uint8Array[] = [];
    for (const m of msgs) {
      const b = buildCmsg(ML, m);
      if (used + b.length > ctlLen) {
        mflags |= MSG.CTRUNC;
        break;
      }
      out.push(b);
      used += b.length;
    }
    if (r.rights && r.rights.length > 0) {
      // As many descriptors as fit (Linux's scm_detach_fds: MSG_CTRUNC, the rest are closed).
      const room = Math.floor((ctlLen - used - cmsgSpace(ML, 0)) / 4);
      const n = Math.max(0, Math.min(r.rights.length, room));
      if (n < r.rights.length) mflags |= MSG.CTRUNC;
      if (n > 0) {
        const ints = new Uint8Array(4 * n);
        const dv = new DataView(ints.buffer);
        for (let i = 0; i < n; i++) {
          const fd = t.fds.install(r.rights[i], (flags & MSG.CMSG_CLOEXEC) !== 0);
          if (fd < 0) {
            mflags |= MSG.CTRUNC;
            break;
          }
          dv.setInt32(4 * i, fd, true);
        }
        const b = buildCmsg(ML, { level: SOL_SOCKET, type: SCM_RIGHTS, data: ints });
        out.push(b.subarray(0, Math.min(b.length, ctlLen - used)));
        used += Math.min(b.length, ctlLen - used);
      }
      // Our in-flight references end here (installed ones are held by the fd table now).
      releaseRights(r.rights);
    }
    if (used > 0) {
      let o = 0;
      const all = new Uint8Array(used);
      for (const b of out) {
        all.set(b, o);
        o += b.length;
      }
      if (!t.as.write(ctlAddr, all)) return -E.EFAULT;
    }
    h.set("msg_controllen", used);
    h.set("msg_flags", mflags);
    if (!t.as.write(mh, h.bytes)) return -E.EFAULT;
    return recvResult(r, flags);
  }

  // ---- handlers

  const handlers = {
    socket: (t, a) => {
      const s = socket(t, a.int(0), a.int(1), a.int(2));
      if (typeof s === "number") return s;
      return install(t, s, (a.int(1) & SOCK_CLOEXEC) !== 0);
    },
    socketpair: (t, a) => {
      const domain = a.int(0),
        typeArg = a.int(1),
        protocol = a.int(2);
      const type = typeArg & SOCK_TYPE_MASK;
      if (typeArg & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) return -E.EINVAL;
      if (domain === AF_INET || domain === AF_INET6) return -E.EOPNOTSUPP;
      if (domain !== AF_UNIX) return -E.EAFNOSUPPORT;
      if (protocol !== 0 && protocol !== AF_UNIX) return -E.EPROTONOSUPPORT;
      const net = networkOf(t.host);
      const flags = typeArg & SOCK_NONBLOCK;
      let pair: [Socket, Socket];
      if (type === SOCK_STREAM || type === SOCK_SEQPACKET) pair = UnixStreamSocket.pair(net, type, flags, credsOf(t));
      else if (type === SOCK_DGRAM) pair = UnixDgramSocket.pair(net, flags, credsOf(t));
      else return -E.ESOCKTNOSUPPORT;
      const cloexec = (typeArg & SOCK_CLOEXEC) !== 0;
      const f0 = install(t, pair[0], cloexec);
      if (f0 < 0) {
        pair[1].release();
        return f0;
      }
      const f1 = install(t, pair[1], cloexec);
      if (f1 < 0) {
        t.fds.close(f0);
        return f1;
      }
      const b = new Uint8Array(8);
      new DataView(b.buffer).setInt32(0, f0, true);
      new DataView(b.buffer).setInt32(4, f1, true);
      if (!t.as.write(a.ptr(3), b)) {
        t.fds.close(f0);
        t.fds.close(f1);
        return -E.EFAULT;
      }
      return 0;
    },
    bind: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const addr = readSockaddr(t, a.ptr(1), a.int(2));
      if (typeof addr === "number") return addr;
      return finish(t, s, s.bind(t, addr));
    },
    listen: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const backlog = a.int(1);
      if (s instanceof InetStreamSocket) {
        const w = s.autobindForListen();
        if (w) return finish(t, s, { ready: () => w.ready(), result: () => (w.result() < 0 ? w.result() : s.listen(backlog)) });
      }
      return s.listen(backlog);
    },
    accept: (t, a) => accept4(t, a, 0),
    accept4: (t, a) => accept4(t, a, a.int(3)),
    connect: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const addr = readSockaddr(t, a.ptr(1), a.int(2));
      if (typeof addr === "number") return addr;
      // A blocking connect that outlasts SO_SNDTIMEO returns EINPROGRESS and goes on (Linux's inet_stream_connect).
      return finish(t, s, s.connect(t, addr), s.opts.sndTimeoNs, -E.EINPROGRESS);
    },
    getsockname: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      return writeSockaddr(t, a.ptr(1), a.ptr(2), s.localAddr());
    },
    getpeername: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const p = s.peerAddr();
      if (!p) return -E.ENOTCONN;
      return writeSockaddr(t, a.ptr(1), a.ptr(2), p);
    },
    sendto: (t, a) => sendto(t, a.int(0), a.ptr(1), a.ptr(2), a.int(3), a.ptr(4), a.int(5)),
    recvfrom: (t, a) => recvfrom(t, a.int(0), a.ptr(1), a.ptr(2), a.int(3), a.ptr(4), a.ptr(5)),
    /** send/recv (ABIs that have them): sendto/recvfrom without an address. */
    send: (t, a) => sendto(t, a.int(0), a.ptr(1), a.ptr(2), a.int(3), 0, 0),
    recv: (t, a) => recvfrom(t, a.int(0), a.ptr(1), a.ptr(2), a.int(3), 0, 0),
    sendmsg: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      return sendOne(t, s, a.ptr(1), a.int(2), true);
    },
    recvmsg: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      return recvOne(t, s, a.ptr(1), a.int(2), true);
    },
    /**
     * sendmmsg: the first message may block; later ones are sent while they go without waiting (a
     * restarted call must not send the first ones again), and the count sent is returned.
     */
    sendmmsg: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const vec = a.ptr(1);
      const n = Math.min(a.uint(2), 1024);
      const flags = a.int(3);
      let done = 0;
      for (; done < n; done++) {
        const mh = vec + done * ML.mmsghdrSize;
        const r = sendOne(t, s, mh, flags, done === 0);
        if (r === NO_RESULT) return r;
        if (r < 0) {
          if (done === 0) return r;
          break;
        }
        if (!putInt(t, mh + ML.msghdr.size, r)) return done > 0 ? done : -E.EFAULT;
      }
      return done;
    },
    /**
     * recvmmsg: the first message may block, later ones are taken while they are there (as with
     * MSG_WAITFORONE); the timeout argument is not used.
     */
    recvmmsg: (t, a) => recvmmsg(t, a),
    recvmmsg_time64: (t, a) => recvmmsg(t, a),
    shutdown: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const how = a.int(1);
      if (how < 0 || how > 2) return -E.EINVAL;
      return s.shutdown(how);
    },
    setsockopt: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const len = a.int(4);
      if (len < 0) return -E.EINVAL;
      const v = len === 0 ? new Uint8Array(0) : t.as.read(a.ptr(3), Math.min(len, 4096));
      if (!v) return -E.EFAULT;
      return setSocketOption(L, s, a.int(1), a.int(2), v);
    },
    getsockopt: (t, a) => {
      const s = sockOf(t, a.int(0));
      if (typeof s === "number") return s;
      const lb = t.as.read(a.ptr(4), 4);
      if (!lb) return -E.EFAULT;
      const len = new DataView(lb.buffer).getInt32(0, true);
      if (len < 0) return -E.EINVAL;
      const v = getSocketOption(L, s, a.int(1), a.int(2));
      if (typeof v === "number") return v;
      const n = Math.min(len, v.length);
      if (n > 0 && !t.as.write(a.ptr(3), v.subarray(0, n))) return -E.EFAULT;
      return putInt(t, a.ptr(4), n) ? 0 : -E.EFAULT;
    },
  } satisfies Record<string, SyscallHandler>;

  function accept4(t: Task, a: SyscallArgs, flags: number): SyscallResult {
    const s = sockOf(t, a.int(0));
    if (typeof s === "number") return s;
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) return -E.EINVAL;
    if (a.ptr(1) !== 0) {
      const lb = t.as.read(a.ptr(2), 4);
      if (!lb) return -E.EFAULT;
      if (new DataView(lb.buffer).getInt32(0, true) < 0) return -E.EINVAL;
    }
    const r = s.accept(flags & SOCK_NONBLOCK);
    if (r === WOULD_BLOCK) return wouldBlock(t, s, false, () => s.readable(), s.opts.rcvTimeoNs);
    if (typeof r === "number") return r;
    const fd = install(t, r, (flags & SOCK_CLOEXEC) !== 0);
    if (fd < 0) return fd;
    const peer = r.peerAddr();
    if (a.ptr(1) !== 0 && peer) {
      const w = writeSockaddr(t, a.ptr(1), a.ptr(2), peer);
      if (w < 0) return w;
    }
    return fd;
  }

  function recvmmsg(t: Task, a: SyscallArgs): SyscallResult {
    const s = sockOf(t, a.int(0));
    if (typeof s === "number") return s;
    const vec = a.ptr(1);
    const n = Math.min(a.uint(2), 1024);
    const flags = a.int(3) & ~MSG_WAITFORONE;
    let done = 0;
    for (; done < n; done++) {
      const mh = vec + done * ML.mmsghdrSize;
      const r = recvOne(t, s, mh, done === 0 ? flags : flags | MSG.DONTWAIT, done === 0);
      if (r === NO_RESULT) return r;
      if (r < 0) {
        if (done === 0) return r;
        break;
      }
      if (!putInt(t, mh + ML.msghdr.size, r)) return done > 0 ? done : -E.EFAULT;
    }
    return done;
  }

  /**
   * socketcall(call, args) (i386): the call number selects the handler, the arguments are longs at
   * `args` (Linux's sys_socketcall; QEMU's do_socketcall).
   */
  const SOCKETCALL: Array<[keyof typeof handlers, number] | null> = [
    null,
    ["socket", 3],
    ["bind", 3],
    ["connect", 3],
    ["listen", 2],
    ["accept", 3],
    ["getsockname", 3],
    ["getpeername", 3],
    ["socketpair", 4],
    ["send", 4],
    ["recv", 4],
    ["sendto", 6],
    ["recvfrom", 6],
    ["shutdown", 2],
    ["setsockopt", 5],
    ["getsockopt", 5],
    ["sendmsg", 3],
    ["recvmsg", 3],
    ["accept4", 4],
    ["recvmmsg", 5],
    ["sendmmsg", 4],
  ];

  const socketcall: SyscallHandler = (t, a) => {
    const call = a.int(0);
    const e = call >= 1 && call < SOCKETCALL.length ? SOCKETCALL[call] : null;
    if (!e) return -E.EINVAL;
    const [name, nargs] = e;
    const w = L.wordBytes;
    const b = t.as.read(a.ptr(1), nargs * w);
    if (!b) return -E.EFAULT;
    const dv = new DataView(b.buffer);
    const vals: number[] = [];
    for (let i = 0; i < nargs; i++) vals.push(w === 4 ? dv.getUint32(4 * i, true) : Number(dv.getBigUint64(8 * i, true)));
    return handlers[name](t, argsOf(vals, w));
  };

  return { ...handlers, socketcall };
}

/** Arguments read from memory (socketcall) as the SyscallArgs the handlers take: raw "registers", loaded. */
function argsOf(vals: number[], wordBytes: 4 | 8): SyscallArgs {
  const a = new SyscallArgs(wordBytes === 8 ? 64 : 32);
  vals.forEach((v, i) => {
    a.rawLo[i] = v | 0;
    a.rawHi[i] = wordBytes === 8 ? Math.floor(v / 4294967296) | 0 : 0;
  });
  a.load(null);
  return a;
}
