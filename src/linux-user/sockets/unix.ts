// AF_UNIX sockets, entirely inside the kernel (Linux's net/unix/af_unix.c): stream, seqpacket and
// datagram sockets, socketpair, names in the file system or the abstract namespace (guest-network.ts
// keeps them), and SCM_RIGHTS: a message carries open file descriptions, held while in flight and
// installed in the receiver's fd table. Descriptions are kernel objects shared by every process,
// so passing them between processes needs nothing more than passing them within one.
//
// A stream direction is a queue of segments (one per send, with the descriptions and credentials
// it carried); recv joins segments but, as Linux, never across one that carries descriptions.
import {
  EAFNOSUPPORT,
  ECONNREFUSED,
  ECONNRESET,
  EINVAL,
  EISCONN,
  EMSGSIZE,
  ENOTCONN,
  EOPNOTSUPP,
  EPERM,
  EPIPE,
  EPROTOTYPE,
} from "../errno.ts";
import { POLL, WOULD_BLOCK, type FileDesc } from "../files.ts";
import type { Task } from "../task.ts";
import type { GuestNetwork, UnixBindable } from "./guest-network.ts";
import { AF_UNIX, AF_UNSPEC, UNNAMED, type SockAddr, type UnixAddr } from "./sockaddr.ts";
import {
  dropRef,
  holdRef,
  MSG,
  SHUT_RD,
  SHUT_WR,
  SOCK_DGRAM,
  SOCK_SEQPACKET,
  Socket,
  type Outgoing,
  type Received,
  type SocketWait,
} from "./socket.ts";

/** Linux's default socket buffers for unix sockets (net.core.wmem_default). */
const UNIX_BUF = 212992;
/** net.unix.max_dgram_qlen */
const MAX_DGRAM_QLEN = 512;

export interface Creds {
  pid: number;
  uid: number;
  gid: number;
}

interface Segment {
  data: Uint8Array;
  /** Bytes of data already read. */
  off: number;
  rights?: FileDesc[];
  creds?: Creds;
  from?: UnixAddr;
}

/** One direction of a connection: what the writer sent and the reader has not read. */
class Channel {
  readonly segs: Segment[] = [];
  bytes = 0;
  /** The writer shut down or went away: the reader sees end of file after the data. */
  writerDone = false;
  /** The reader shut down or went away: the writer gets EPIPE. */
  readerDone = false;

  push(s: Segment): void {
    this.segs.push(s);
    this.bytes += s.data.length - s.off;
  }

  /** Drops every unread segment, letting go of the descriptions they carried. */
  clear(): void {
    for (const s of this.segs) if (s.rights) for (const d of s.rights) dropRef(d);
    this.segs.length = 0;
    this.bytes = 0;
  }
}

function holdAll(rights: FileDesc[] | undefined): FileDesc[] | undefined {
  if (!rights || rights.length === 0) return undefined;
  for (const d of rights) holdRef(d);
  return rights;
}

/** What both unix socket types share: the network, the name, the creator's credentials. */
abstract class UnixSocket extends Socket implements UnixBindable {
  boundKey: string | null = null;
  name: UnixAddr = UNNAMED;

  constructor(
    protected readonly net: GuestNetwork,
    type: number,
    flags: number,
    readonly creds: Creds,
  ) {
    super(AF_UNIX, type, 0, flags, { sndBuf: UNIX_BUF, rcvBuf: UNIX_BUF });
  }

  bind(t: Task, addr: SockAddr): number | SocketWait {
    if (addr.family !== AF_UNIX) return -EINVAL;
    if (this.boundKey !== null || this.name.kind !== "unnamed") return -EINVAL;
    const r = this.net.bindUnix(t, this, addr);
    if (typeof r === "number") return r;
    this.name = r;
    return 0;
  }

  localAddr(): SockAddr {
    return this.name;
  }

  protected unbind(): void {
    this.net.unbindUnix(this);
  }
}

export class UnixStreamSocket extends UnixSocket {
  private state: "fresh" | "listening" | "connected" = "fresh";
  private rx: Channel | null = null;
  private tx: Channel | null = null;
  private peer: UnixStreamSocket | null = null;
  private peerName: UnixAddr = UNNAMED;
  private peerCreds: Creds | null = null;
  private readonly pending: UnixStreamSocket[] = [];
  private backlog = 128;
  private released = false;

  get seqpacket(): boolean {
    return this.type === SOCK_SEQPACKET;
  }

  /** socketpair(): two connected sockets. */
  static pair(net: GuestNetwork, type: number, flags: number, creds: Creds): [UnixStreamSocket, UnixStreamSocket] {
    const a = new UnixStreamSocket(net, type, flags, creds);
    const b = new UnixStreamSocket(net, type, flags, creds);
    UnixStreamSocket.join(a, b);
    return [a, b];
  }

  private static join(a: UnixStreamSocket, b: UnixStreamSocket): void {
    const ab = new Channel();
    const ba = new Channel();
    a.state = b.state = "connected";
    a.tx = ab;
    b.rx = ab;
    b.tx = ba;
    a.rx = ba;
    a.peer = b;
    b.peer = a;
    a.peerName = b.name;
    b.peerName = a.name;
    a.peerCreds = b.creds;
    b.peerCreds = a.creds;
  }

  override get listening(): boolean {
    return this.state === "listening";
  }

  override listen(backlog: number): number {
    if (this.state === "connected") return -EINVAL;
    if (this.name.kind === "unnamed") return -EINVAL;
    this.state = "listening";
    this.backlog = Math.max(0, backlog);
    this.changed();
    return 0;
  }

  override accept(flags: number): Socket | number {
    if (this.state !== "listening") return -EINVAL;
    const s = this.pending.shift();
    if (!s) return WOULD_BLOCK;
    s.flags = (s.flags & ~0o4000) | (flags & 0o4000);
    this.changed();
    return s;
  }

  connect(t: Task, addr: SockAddr): number | SocketWait {
    if (addr.family !== AF_UNIX) return addr.family === AF_UNSPEC ? -EINVAL : -EAFNOSUPPORT;
    if (this.state === "connected") return -EISCONN;
    if (this.state === "listening") return -EINVAL;
    const target = this.net.lookupUnix(t, addr);
    if (typeof target === "number") return target;
    if (!(target instanceof UnixStreamSocket) || target.type !== this.type) return -EPROTOTYPE;
    if (target.state !== "listening" || target.released) return -ECONNREFUSED;
    if (target.pending.length > Math.max(target.backlog, 16) + 16) return this.nonblocking ? -11 : -ECONNREFUSED;
    // The server's end of the new connection waits in its accept queue.
    const server = new UnixStreamSocket(this.net, this.type, 0, target.creds);
    server.name = target.name;
    UnixStreamSocket.join(this, server);
    target.pending.push(server);
    target.changed();
    return 0;
  }

  send(_t: Task | null, m: Outgoing): number {
    if (m.flags & MSG.OOB) return -EOPNOTSUPP;
    if (this.state !== "connected") return m.to ? -EOPNOTSUPP : -ENOTCONN;
    if (m.to) return -EISCONN;
    const tx = this.tx!;
    if (tx.readerDone || tx.writerDone) return -EPIPE;
    const cap = this.opts.sndBuf;
    const room = cap - tx.bytes;
    if (this.seqpacket) {
      if (m.data.length > cap) return -EMSGSIZE;
      if (room < m.data.length && tx.segs.length > 0) return WOULD_BLOCK;
      tx.push({ data: m.data, off: 0, rights: holdAll(m.rights), creds: m.creds });
    } else {
      if (m.data.length === 0 && !m.rights?.length) return 0;
      if (room <= 0) return WOULD_BLOCK;
      // A blocking send takes all its bytes (Linux waits for room and goes on); a non-blocking one what fits.
      const n = this.nonblocking || m.flags & MSG.DONTWAIT ? Math.min(room, m.data.length) : m.data.length;
      tx.push({ data: n === m.data.length ? m.data : m.data.subarray(0, n), off: 0, rights: holdAll(m.rights), creds: m.creds });
      this.peer?.changed();
      return n;
    }
    this.peer?.changed();
    return m.data.length;
  }

  recv(max: number, flags: number): Received | number {
    if (flags & MSG.OOB) return -EOPNOTSUPP;
    if (this.state !== "connected") return -EINVAL;
    const rx = this.rx!;
    if (rx.segs.length === 0) {
      if (this.softError) {
        const e = this.softError;
        this.softError = 0;
        return -e;
      }
      if (rx.writerDone || rx.readerDone) return { data: new Uint8Array(0), from: null };
      return WOULD_BLOCK;
    }
    const peek = (flags & MSG.PEEK) !== 0;
    if (this.seqpacket) {
      const s = rx.segs[0];
      const data = s.data.subarray(0, max);
      if (!peek) {
        rx.segs.shift();
        rx.bytes -= s.data.length;
        this.peer?.changed();
      }
      // no MSG_EOR: Linux's AF_UNIX seqpacket recvmsg (__unix_dgram_recvmsg) sets only MSG_TRUNC
      return { data, from: null, rights: peek ? undefined : s.rights, creds: s.creds, fullLength: s.data.length };
    }
    if (flags & MSG.WAITALL && !peek && rx.bytes < max && !rx.writerDone && !this.nonblocking) {
      // Wait for all of it, unless descriptions come first (Linux stops at them).
      if (!rx.segs.some((s) => s.rights)) return WOULD_BLOCK;
    }
    const out = new Uint8Array(Math.min(max, rx.bytes));
    let n = 0;
    let rights: FileDesc[] | undefined;
    let creds: Creds | undefined;
    for (let i = 0; i < rx.segs.length && n < out.length;) {
      const s = rx.segs[i];
      if (n > 0 && s.rights) break; // a segment with descriptions starts a read of its own
      if (n === 0) creds = s.creds;
      const k = Math.min(out.length - n, s.data.length - s.off);
      out.set(s.data.subarray(s.off, s.off + k), n);
      n += k;
      if (!peek && s.rights) {
        rights = s.rights;
        s.rights = undefined;
      }
      if (peek) {
        i++;
        if (s.rights) break;
        continue;
      }
      s.off += k;
      rx.bytes -= k;
      if (s.off === s.data.length) rx.segs.splice(i, 1);
      if (rights) break;
    }
    if (!peek) this.peer?.changed();
    return { data: out.subarray(0, n), from: null, rights, creds };
  }

  override recvReady(max: number, flags: number): boolean {
    if (!(flags & MSG.WAITALL) || this.state !== "connected" || this.seqpacket) return this.readable();
    const rx = this.rx!;
    return rx.bytes >= max || rx.writerDone || rx.readerDone || this.softError !== 0 || rx.segs.some((s) => s.rights);
  }

  shutdown(how: number): number {
    if (this.state !== "connected") return -ENOTCONN;
    if (how === SHUT_RD || how === 2) this.rx!.readerDone = true;
    if (how === SHUT_WR || how === 2) this.tx!.writerDone = true;
    this.peer?.changed();
    this.changed();
    return 0;
  }

  peerAddr(): SockAddr | null {
    return this.state === "connected" ? this.peerName : null;
  }

  override inq(): number {
    if (!this.rx) return 0;
    return this.seqpacket ? (this.rx.segs[0]?.data.length ?? 0) : this.rx.bytes;
  }

  override peerCred(): Creds | null {
    return this.peerCreds;
  }

  poll(): number {
    let m = 0;
    if (this.state === "listening") return this.pending.length ? POLL.IN | POLL.RDNORM : 0;
    if (this.state === "fresh") return POLL.OUT | POLL.WRNORM | POLL.HUP;
    const rx = this.rx!,
      tx = this.tx!;
    if (rx.segs.length > 0) m |= POLL.IN | POLL.RDNORM;
    if (rx.writerDone || rx.readerDone) m |= POLL.IN | POLL.RDNORM | POLL.RDHUP;
    if ((rx.writerDone || rx.readerDone) && (tx.readerDone || tx.writerDone)) m |= POLL.HUP;
    if (tx.bytes < this.opts.sndBuf || tx.readerDone || tx.writerDone) m |= POLL.OUT | POLL.WRNORM;
    if (this.softError) m |= POLL.ERR;
    return m;
  }

  override release(): number {
    this.released = true;
    this.unbind();
    for (const s of this.pending.splice(0)) s.release();
    if (this.state === "connected") {
      const rx = this.rx!,
        tx = this.tx!;
      const peer = this.peer;
      // Unread data makes the peer's next read fail with ECONNRESET (unix_release_sock).
      if (peer && rx.segs.length > 0) peer.softError = ECONNRESET;
      rx.readerDone = true;
      tx.writerDone = true;
      rx.clear();
      peer?.changed();
    }
    return 0;
  }
}

interface Dgram {
  data: Uint8Array;
  from: UnixAddr;
  rights?: FileDesc[];
  creds?: Creds;
}

export class UnixDgramSocket extends UnixSocket {
  private peer: UnixDgramSocket | null = null;
  private readonly queue: Dgram[] = [];
  private shutRd = false;
  private shutWr = false;
  private released = false;

  static pair(net: GuestNetwork, flags: number, creds: Creds): [UnixDgramSocket, UnixDgramSocket] {
    const a = new UnixDgramSocket(net, SOCK_DGRAM, flags, creds);
    const b = new UnixDgramSocket(net, SOCK_DGRAM, flags, creds);
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  connect(t: Task, addr: SockAddr): number | SocketWait {
    if (addr.family === AF_UNSPEC) {
      this.peer = null;
      return 0;
    }
    if (addr.family !== AF_UNIX) return -EINVAL;
    const target = this.net.lookupUnix(t, addr);
    if (typeof target === "number") return target;
    if (!(target instanceof UnixDgramSocket)) return -EPROTOTYPE;
    this.peer = target;
    return 0;
  }

  /** Whether `target` takes a datagram from us now: not full, not connected to someone else. */
  private check(target: UnixDgramSocket): number {
    if (target.released) return -ECONNREFUSED;
    if (target.peer && target.peer !== this && target.peer !== null && !target.peer.released) return -EPERM;
    if (target.shutRd) return -EPIPE;
    if (target.queue.length >= MAX_DGRAM_QLEN) return WOULD_BLOCK;
    return 0;
  }

  send(t: Task | null, m: Outgoing): number {
    if (m.flags & MSG.OOB) return -EOPNOTSUPP;
    if (this.shutWr) return -EPIPE;
    let target: UnixDgramSocket | null = this.peer;
    if (m.to && m.to.family !== AF_UNSPEC) {
      if (m.to.family !== AF_UNIX || !t) return -EINVAL;
      const r = this.net.lookupUnix(t, m.to);
      if (typeof r === "number") return r;
      if (!(r instanceof UnixDgramSocket)) return -EPROTOTYPE;
      target = r;
    }
    if (!target) return -ENOTCONN;
    if (m.data.length > this.opts.sndBuf) return -EMSGSIZE;
    const c = this.check(target);
    if (c !== 0) return c;
    target.queue.push({ data: m.data, from: this.name, rights: holdAll(m.rights), creds: m.creds });
    target.changed();
    return m.data.length;
  }

  recv(max: number, flags: number): Received | number {
    if (flags & MSG.OOB) return -EOPNOTSUPP;
    const d = this.queue[0];
    if (!d) {
      if (this.softError) {
        const e = this.softError;
        this.softError = 0;
        return -e;
      }
      return this.shutRd ? { data: new Uint8Array(0), from: null } : WOULD_BLOCK;
    }
    const peek = (flags & MSG.PEEK) !== 0;
    if (!peek) {
      this.queue.shift();
      this.peer?.changed();
    }
    // an unbound sender gives no address at all (unix_copy_addr: msg_namelen stays 0)
    const from = d.from.kind === "unnamed" ? null : d.from;
    return { data: d.data.subarray(0, max), from, rights: peek ? undefined : d.rights, creds: d.creds, fullLength: d.data.length };
  }

  shutdown(how: number): number {
    if (how === SHUT_RD || how === 2) this.shutRd = true;
    if (how === SHUT_WR || how === 2) this.shutWr = true;
    this.changed();
    return 0;
  }

  peerAddr(): SockAddr | null {
    return this.peer ? this.peer.name : null;
  }

  override inq(): number {
    return this.queue[0]?.data.length ?? 0;
  }

  override peerCred(): Creds | null {
    return this.peer ? this.peer.creds : null;
  }

  poll(): number {
    let m = 0;
    if (this.queue.length > 0 || this.shutRd) m |= POLL.IN | POLL.RDNORM;
    if (this.shutRd && this.shutWr) m |= POLL.HUP;
    const p = this.peer;
    if (!p || p.released || p.queue.length < MAX_DGRAM_QLEN) m |= POLL.OUT | POLL.WRNORM;
    if (this.softError) m |= POLL.ERR;
    return m;
  }

  override release(): number {
    this.released = true;
    this.unbind();
    for (const d of this.queue) if (d.rights) for (const r of d.rights) dropRef(r);
    this.queue.length = 0;
    const p = this.peer;
    if (p && p.peer === this) p.changed();
    return 0;
  }
}
