// UDP sockets (AF_INET, AF_INET6 SOCK_DGRAM) over the host-socket interface: one host UDP socket
// per guest socket, opened by bind, connect or the first send (the host then reports the port it
// got). Datagrams from the host wait in a queue here (dropped beyond the receive buffer, as a
// full socket buffer drops them); a connected socket takes datagrams from its peer only. Datagrams
// to the network's own resolver address (a page's) are answered by the kernel. A connected socket
// shows the source address the host's routing picks for its peer (getsockname: glibc's getaddrinfo
// connects a UDP socket to every result and sorts them by it, RFC 6724).
import type { HostUdpSocket } from "../../net/host-sockets.ts";
import { EAFNOSUPPORT, EDESTADDRREQ, EINVAL, EMSGSIZE, ENETUNREACH, ENOTCONN, EOPNOTSUPP, EPERM } from "../errno.ts";
import { POLL, WOULD_BLOCK } from "../files.ts";
import type { Task } from "../task.ts";
import { errnoOfHost } from "./errors.ts";
import type { GuestNetwork } from "./guest-network.ts";
import { AF_INET, AF_INET6, AF_UNSPEC, anyAddr, hostText, inetFromHost, type InetAddr, type SockAddr } from "./sockaddr.ts";
import { MSG, SHUT_RD, SOCK_DGRAM, Socket, type Outgoing, type Received, type SocketWait } from "./socket.ts";

interface Datagram {
  data: Uint8Array;
  from: InetAddr;
}

const SOL_IPV6 = 41,
  IPV6_V6ONLY = 26;

export class InetDgramSocket extends Socket {
  private udp: HostUdpSocket | null = null;
  /** The host has not yet said which port the socket got. */
  private opening = false;
  private openError = 0;
  private local: InetAddr | null = null;
  private peer: InetAddr | null = null;
  /** For a connected socket bound to the wildcard: the source address towards the peer. */
  private source: string | null = null;
  private readonly queue: Datagram[] = [];
  private queued = 0;
  private shutRd = false;
  private released = false;

  constructor(
    private readonly net: GuestNetwork,
    family: typeof AF_INET | typeof AF_INET6,
    protocol: number,
    flags: number,
  ) {
    super(family, SOCK_DGRAM, protocol, flags, { sndBuf: 212992, rcvBuf: 212992 });
  }

  private get inetFamily(): typeof AF_INET | typeof AF_INET6 {
    return this.family as typeof AF_INET | typeof AF_INET6;
  }

  override get external(): boolean {
    return true;
  }

  /** Opens the host socket (bound to `bind` when given); a wait until the host reports the port. */
  private open(bind: InetAddr | null): SocketWait | number {
    const host = this.net.host;
    if (!host) return -ENETUNREACH;
    this.opening = true;
    this.openError = 0;
    const v6only = this.protoOpts.get(`${SOL_IPV6}:${IPV6_V6ONLY}`)?.some((b) => b !== 0) ?? false;
    this.udp = host.openUdp(
      {
        onMessage: (data, fromHost, fromPort) => this.deliver(data, inetFromHost(this.inetFamily, fromHost, fromPort)),
        onListening: (bound) => {
          if (this.released) return;
          this.opening = false;
          this.local = inetFromHost(this.inetFamily, bound.host, bound.port);
          this.changed();
        },
        onError: (e) => {
          if (this.released) return;
          if (this.opening) {
            this.opening = false;
            this.openError = errnoOfHost(e, EINVAL);
            this.udp?.close();
            this.udp = null;
          }
          this.changed();
        },
      },
      bind ? { host: hostText(bind), port: bind.port } : { host: this.family === AF_INET6 ? "::" : "0.0.0.0", port: 0 },
      { family: this.family === AF_INET6 ? 6 : 4, ipv6Only: this.family === AF_INET6 && v6only },
    );
    return { ready: () => !this.opening, result: () => (this.udp ? 0 : -this.openError) };
  }

  private deliver(data: Uint8Array, from: InetAddr): void {
    if (this.released || this.shutRd) return;
    const p = this.peer;
    if (p && (p.port !== from.port || hostText(p) !== hostText(from))) return;
    if (this.queued + data.length > 2 * this.opts.rcvBuf) return; // a full receive buffer drops it
    this.queue.push({ data, from });
    this.queued += data.length;
    this.changed();
  }

  bind(_t: Task, addr: SockAddr): number | SocketWait {
    if (this.udp || this.local) return -EINVAL;
    const a = addr.family === AF_UNSPEC && this.family === AF_INET ? anyAddr(AF_INET) : addr;
    if (a.family !== this.family) return -EAFNOSUPPORT;
    return this.open(a as InetAddr);
  }

  connect(_t: Task, addr: SockAddr): number | SocketWait {
    if (addr.family === AF_UNSPEC) {
      this.peer = null;
      this.source = null;
      return 0;
    }
    if (addr.family !== AF_INET && addr.family !== AF_INET6) return -EAFNOSUPPORT;
    if (addr.family === AF_INET6 && this.family === AF_INET) return -EAFNOSUPPORT;
    // An AF_INET address on an AF_INET6 socket is its mapped form.
    const a = inetFromHost(this.inetFamily, hostText(addr), addr.port);
    this.peer = a;
    // Datagrams from others that arrived before are dropped (udp connect filters from now on).
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const d = this.queue[i];
      if (d.from.port !== a.port || hostText(d.from) !== hostText(a)) {
        this.queued -= d.data.length;
        this.queue.splice(i, 1);
      }
    }
    this.source = inetFromHost(this.inetFamily, guessSource(hostText(a)), 0).host;
    if (this.net.isResolver(a)) return 0;
    // Linux gives a connected socket its local port now (getsockname shows it).
    const opened = this.udp ? 0 : this.open(null);
    const host = this.net.host;
    if ((typeof opened === "number" && opened < 0) || !host?.sourceAddress) return opened;
    let routed = false;
    void host.sourceAddress(hostText(a)).then((h) => {
      routed = true;
      if (this.released) return;
      if (h !== null && this.peer === a) this.source = inetFromHost(this.inetFamily, h, 0).host;
      this.changed();
    });
    return {
      ready: () => routed && (typeof opened === "number" || opened.ready()),
      result: () => (typeof opened === "number" ? opened : opened.result()),
    };
  }

  send(_t: Task | null, m: Outgoing): number {
    if (m.flags & MSG.OOB) return -EOPNOTSUPP;
    let dest: InetAddr | null = this.peer;
    if (m.to && m.to.family !== AF_UNSPEC) {
      if (m.to.family !== AF_INET && m.to.family !== AF_INET6) return -EAFNOSUPPORT;
      if (m.to.family === AF_INET6 && this.family === AF_INET) return -EAFNOSUPPORT;
      dest = inetFromHost(this.inetFamily, hostText(m.to), m.to.port);
    }
    if (!dest) return -EDESTADDRREQ;
    if (dest.port === 0) return -EINVAL;
    if (m.data.length > (this.family === AF_INET ? 65507 : 65527)) return -EMSGSIZE;
    const host = hostText(dest);
    if (this.net.isResolver(dest)) {
      const from = dest;
      this.net.answerDns(m.data, (reply) => this.deliver(reply, from));
      return m.data.length;
    }
    if (!this.net.policy.allows("udp", host, dest.port)) return -EPERM;
    if (!this.udp) {
      const w = this.open(null);
      if (typeof w === "number") return w;
    }
    this.udp!.send(m.data, host, dest.port);
    return m.data.length;
  }

  recv(max: number, flags: number): Received | number {
    if (flags & MSG.OOB) return -EINVAL;
    const d = this.queue[0];
    if (!d) {
      if (this.softError) {
        const e = this.softError;
        this.softError = 0;
        return -e;
      }
      return this.shutRd ? { data: new Uint8Array(0), from: null } : WOULD_BLOCK;
    }
    if (!(flags & MSG.PEEK)) {
      this.queue.shift();
      this.queued -= d.data.length;
    }
    return { data: d.data.subarray(0, max), from: d.from, fullLength: d.data.length };
  }

  shutdown(how: number): number {
    if (!this.peer) return -ENOTCONN;
    if (how === SHUT_RD || how === 2) this.shutRd = true;
    this.changed();
    return 0;
  }

  override inq(): number {
    return this.queue[0]?.data.length ?? 0;
  }

  localAddr(): SockAddr {
    const l = this.local ?? anyAddr(this.inetFamily);
    const wildcard = hostText(l) === "0.0.0.0" || l.host === "::";
    return this.peer && this.source !== null && wildcard ? { ...l, host: this.source } : l;
  }

  peerAddr(): SockAddr | null {
    return this.peer;
  }

  poll(): number {
    let m = POLL.OUT | POLL.WRNORM;
    if (this.queue.length > 0 || this.shutRd) m |= POLL.IN | POLL.RDNORM;
    if (this.softError) m |= POLL.ERR;
    return m;
  }

  override release(): number {
    this.released = true;
    this.udp?.close();
    this.udp = null;
    this.queue.length = 0;
    return 0;
  }
}

/**
 * The source address towards `peer` before (or without) the host's answer: loopback for loopback
 * and wildcard peers (Linux sends to INADDR_ANY / in6addr_any over loopback), else the wildcard.
 */
function guessSource(peer: string): string {
  if (peer === "::" || peer === "::1") return "::1";
  if (peer.includes(":")) return "::";
  return peer === "0.0.0.0" || peer.startsWith("127.") ? "127.0.0.1" : "0.0.0.0";
}
