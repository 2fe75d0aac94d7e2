// A socket as an open file description (Linux's struct socket + struct sock, made generic): the
// operations the socket syscalls call (bind, listen, accept, connect, send, recv, shutdown, names,
// options) and its readiness for poll/select/epoll. Families implement it: inet stream and
// datagram sockets over the host-socket interface (inet-stream.ts, inet-dgram.ts), unix sockets
// inside the kernel (unix.ts).
//
// Blocking: an operation that cannot complete now returns WOULD_BLOCK (the syscall layer parks
// the thread until poll() shows the needed event, then runs the call again) or a SocketWait
// (the call completes when ready() turns true, with result()). Nothing here ever waits itself.
import { EINVAL, ENOPROTOOPT, ENOTCONN, EOPNOTSUPP, O, S_IFSOCK } from "../errno.ts";
import { FileDesc, POLL, WOULD_BLOCK } from "../files.ts";
import { kernelStat, type HostStat } from "../host-api.ts";
import type { Task } from "../task.ts";
import type { SockAddr } from "./sockaddr.ts";

export const SOCK_STREAM = 1,
  SOCK_DGRAM = 2,
  SOCK_RAW = 3,
  SOCK_SEQPACKET = 5;
/** socket()'s type argument carries these flags (= O_NONBLOCK, O_CLOEXEC on every ABI tciemu has). */
export const SOCK_NONBLOCK = O.NONBLOCK,
  SOCK_CLOEXEC = O.CLOEXEC,
  SOCK_TYPE_MASK = 0xf;

export const MSG = {
  OOB: 0x1,
  PEEK: 0x2,
  DONTROUTE: 0x4,
  CTRUNC: 0x8,
  TRUNC: 0x20,
  DONTWAIT: 0x40,
  EOR: 0x80,
  WAITALL: 0x100,
  NOSIGNAL: 0x4000,
  MORE: 0x8000,
  CMSG_CLOEXEC: 0x40000000,
} as const;

export const SHUT_RD = 0,
  SHUT_WR = 1,
  SHUT_RDWR = 2;

/** Levels and options (asm-generic/socket.h, netinet/in.h, netinet/tcp.h). */
export const SOL_SOCKET = 1,
  SOL_IP = 0,
  SOL_TCP = 6,
  SOL_UDP = 17,
  SOL_IPV6 = 41;

export const SO = {
  DEBUG: 1,
  REUSEADDR: 2,
  TYPE: 3,
  ERROR: 4,
  DONTROUTE: 5,
  BROADCAST: 6,
  SNDBUF: 7,
  RCVBUF: 8,
  KEEPALIVE: 9,
  OOBINLINE: 10,
  NO_CHECK: 11,
  PRIORITY: 12,
  LINGER: 13,
  BSDCOMPAT: 14,
  REUSEPORT: 15,
  PASSCRED: 16,
  PEERCRED: 17,
  RCVLOWAT: 18,
  SNDLOWAT: 19,
  RCVTIMEO_OLD: 20,
  SNDTIMEO_OLD: 21,
  BINDTODEVICE: 25,
  TIMESTAMP_OLD: 29,
  ACCEPTCONN: 30,
  PEERSEC: 31,
  SNDBUFFORCE: 32,
  RCVBUFFORCE: 33,
  PASSSEC: 34,
  MARK: 36,
  PROTOCOL: 38,
  DOMAIN: 39,
  RXQ_OVFL: 40,
  PEEK_OFF: 42,
  BUSY_POLL: 46,
  INCOMING_CPU: 49,
  ZEROCOPY: 60,
  RCVTIMEO_NEW: 66,
  SNDTIMEO_NEW: 67,
} as const;

/** A wait an operation needs (a connect in progress, a bind the host has not confirmed yet). */
export interface SocketWait {
  ready(): boolean;
  result(): number;
}

/** What recv gives: the bytes, the sender (datagrams), passed descriptions (unix), and a datagram's full length. */
export interface Received {
  data: Uint8Array;
  from: SockAddr | null;
  rights?: FileDesc[];
  /** Credentials of the sender (unix sockets, SO_PASSCRED). */
  creds?: { pid: number; uid: number; gid: number };
  /** The datagram's real length when it was longer than asked for (MSG_TRUNC). */
  fullLength?: number;
  /** The end of a record (SOCK_SEQPACKET). */
  eor?: boolean;
}

/** The sending side of a message: bytes plus what unix sockets carry beside them. */
export interface Outgoing {
  data: Uint8Array;
  to: SockAddr | null;
  flags: number;
  rights?: FileDesc[];
  creds?: { pid: number; uid: number; gid: number };
}

/** Option values the generic layer keeps for every socket (getsockopt returns what was set). */
export interface CommonOptions {
  reuseAddr: boolean;
  reusePort: boolean;
  keepAlive: boolean;
  broadcast: boolean;
  oobInline: boolean;
  passCred: boolean;
  /** SO_LINGER: null off, else seconds. */
  linger: number | null;
  /** Requested buffer sizes (Linux doubles them for getsockopt). */
  sndBuf: number;
  rcvBuf: number;
  rcvLowat: number;
  /** SO_RCVTIMEO/SO_SNDTIMEO in ns (0: none). */
  rcvTimeoNs: bigint;
  sndTimeoNs: bigint;
  priority: number;
  mark: number;
}

export abstract class Socket extends FileDesc {
  /** Counts readiness changes, for epoll's edge-triggered mode. */
  gen = 0;
  /** SO_ERROR: a pending asynchronous error (positive errno), cleared when read. */
  softError = 0;
  readonly opts: CommonOptions;
  /** Options of other levels, kept as set (IP_TOS, TCP_NODELAY, IPV6_V6ONLY...): level:name -> bytes. */
  readonly protoOpts = new Map<string, Uint8Array>();

  constructor(
    readonly family: number,
    readonly type: number,
    readonly protocol: number,
    flags: number,
    defaults: { sndBuf: number; rcvBuf: number },
  ) {
    super();
    this.flags = O.RDWR | (flags & O.NONBLOCK);
    this.opts = {
      reuseAddr: false,
      reusePort: false,
      keepAlive: false,
      broadcast: false,
      oobInline: false,
      passCred: false,
      linger: null,
      sndBuf: defaults.sndBuf,
      rcvBuf: defaults.rcvBuf,
      rcvLowat: 1,
      rcvTimeoNs: 0n,
      sndTimeoNs: 0n,
      priority: 0,
      mark: 0,
    };
  }

  get nonblocking(): boolean {
    return (this.flags & O.NONBLOCK) !== 0;
  }

  override get pollGen(): number {
    return this.gen;
  }

  /** Something changed that a waiter or epoll may care about. */
  changed(): void {
    this.gen++;
  }

  // ---- the operations (defaults: what Linux answers for a socket type that lacks them)

  abstract bind(t: Task, addr: SockAddr): number | SocketWait;
  listen(_backlog: number): number {
    return -EOPNOTSUPP;
  }
  /** A connected socket, or -errno, or WOULD_BLOCK. `flags`: SOCK_NONBLOCK/SOCK_CLOEXEC for it. */
  accept(_flags: number): Socket | number {
    return -EOPNOTSUPP;
  }
  /** 0, -errno (-EINPROGRESS for a non-blocking stream connect), or a wait for the outcome. */
  abstract connect(t: Task, addr: SockAddr): number | SocketWait;
  /** Bytes taken, -errno, or WOULD_BLOCK. */
  abstract send(t: Task | null, m: Outgoing): number;
  /** A message, -errno, or WOULD_BLOCK. */
  abstract recv(max: number, flags: number): Received | number;
  abstract shutdown(how: number): number;
  abstract localAddr(): SockAddr;
  /** The peer, or null when not connected. */
  abstract peerAddr(): SockAddr | null;
  /** Whether a recv of `max` bytes with `flags` would not block (MSG_WAITALL waits for all of them). */
  recvReady(_max: number, _flags: number): boolean {
    return this.readable();
  }
  /** FIONREAD (SIOCINQ): bytes waiting to be read (a stream), or the next datagram's size. */
  inq(): number {
    return 0;
  }
  /** Whether listen() was called. */
  get listening(): boolean {
    return false;
  }
  /** poll()'s mask (without POLLNVAL). */
  abstract override poll(): number;

  /** SO_PEERCRED's answer (unix sockets), else null. */
  peerCred(): { pid: number; uid: number; gid: number } | null {
    return null;
  }

  /** A protocol option (levels other than SOL_SOCKET): 0, -errno; default: kept as set. */
  setProtoOption(level: number, name: number, value: Uint8Array): number {
    if (value.length < 1) return -EINVAL;
    this.protoOpts.set(`${level}:${name}`, value.slice());
    return 0;
  }
  /** A protocol option's value, or -ENOPROTOOPT. */
  getProtoOption(level: number, name: number): Uint8Array | number {
    return this.protoOpts.get(`${level}:${name}`) ?? -ENOPROTOOPT;
  }
  /** SO_SNDBUF/SO_RCVBUF changed (a family may pass them on). */
  buffersChanged(): void {}

  // ---- the file description

  override readable(): boolean {
    return (this.poll() & (POLL.IN | POLL.HUP | POLL.ERR | POLL.RDHUP)) !== 0;
  }
  override writable(): boolean {
    return (this.poll() & (POLL.OUT | POLL.ERR | POLL.HUP)) !== 0;
  }

  /** read(2) is recv without flags; the bytes go to `buf`. */
  read(buf: Uint8Array): number {
    if (this.listening) return -ENOTCONN;
    const r = this.recv(buf.length, 0);
    if (typeof r === "number") return r === WOULD_BLOCK && this.nonblocking ? -11 : r;
    buf.set(r.data.subarray(0, buf.length));
    releaseRights(r.rights);
    return Math.min(r.data.length, buf.length);
  }

  /** write(2) is send without flags and without an address. */
  write(data: Uint8Array): number {
    const r = this.send(null, { data: data.slice(), to: null, flags: 0 });
    return r === WOULD_BLOCK && this.nonblocking ? -11 : r;
  }

  stat(): HostStat {
    return kernelStat(8n, BigInt(this.ino), S_IFSOCK | 0o777);
  }

  private static nextIno = 20000;
  /** sockfs inode number: /proc/self/fd/N reads "socket:[ino]". */
  readonly ino = Socket.nextIno++;

  override canRead(): boolean {
    return true;
  }
  override canWrite(): boolean {
    return true;
  }
}

/** Descriptions received but not installed (read() on a unix socket with SCM_RIGHTS): dropped as Linux does. */
export function releaseRights(rights: FileDesc[] | undefined): void {
  if (!rights) return;
  for (const d of rights) dropRef(d);
}

/** Holds a description while it is in flight in a unix socket (Linux's SCM_RIGHTS file references). */
export function holdRef(d: FileDesc): void {
  d.refs++;
}

/** Lets go of an in-flight reference; the description is released when nothing holds it any more. */
export function dropRef(d: FileDesc): void {
  d.put();
}
