// TCP sockets (AF_INET, AF_INET6 SOCK_STREAM) over the host-socket interface, as qemu-user passes
// them to the host's own sockets: connect is HostSockets.connectTcp, bind+listen a host listener,
// accept takes its pending connections, and the bytes flow through the host stream.
//
// The host interface is asynchronous, so calls that need the host's answer (connect, bind: the
// port, EADDRINUSE) return a SocketWait, and data moves through buffers here: what the host sends
// waits in `rx` (the host stream is paused above RECV_HIGH), what the guest sends is handed to the
// host stream at once while its bufferedAmount is below SEND_HIGH (a blocking send takes all of
// its bytes; a full buffer blocks the next one until the host drains it).
//
// A bound socket listens on the host already (the only way to learn its port, or that it is in
// use, when bind returns); connections that arrive before listen() wait for it. A client socket
// that bound before connect connects from that address and port (the listener closes first).
//
// A host that cannot listen at all (HostSockets.canListen false: a page's Wisp relay) gets no
// listener: bind just records the address (a client may bind before connecting), and listen()
// fails with EOPNOTSUPP, so a server learns at once that nobody could ever connect to it.
import { ByteQueue } from "../../net/byte-queue.ts";
import type { HostIncomingTcp, HostListener, HostTcpHandlers, HostTcpStream } from "../../net/host-sockets.ts";
import { EAFNOSUPPORT, EALREADY, ECONNREFUSED, EINVAL, EISCONN, ENETUNREACH, ENOTCONN, EOPNOTSUPP, EPERM, EPIPE } from "../errno.ts";
import { POLL, WOULD_BLOCK } from "../files.ts";
import type { Task } from "../task.ts";
import { errnoOfHost } from "./errors.ts";
import type { GuestNetwork } from "./guest-network.ts";
import { AF_INET, AF_INET6, AF_UNSPEC, anyAddr, hostText, inetFromHost, type InetAddr, type SockAddr } from "./sockaddr.ts";
import { MSG, SHUT_RD, SHUT_WR, SOCK_STREAM, Socket, type Outgoing, type Received, type SocketWait } from "./socket.ts";

/** A send blocks while the host stream holds this much unsent. */
const SEND_HIGH = 256 * 1024;
/** The host stream is paused while this much received data waits for the guest, resumed below RECV_LOW. */
const RECV_HIGH = 1024 * 1024;
const RECV_LOW = 256 * 1024;
/** Connections waiting for accept() at most (beyond: refused), whatever backlog says. */
const MAX_BACKLOG = 4096;

type State = "fresh" | "binding" | "bound" | "listening" | "connecting" | "connected" | "failed" | "closed";

const SOL_IPV6 = 41,
  IPV6_V6ONLY = 26;

export class InetStreamSocket extends Socket {
  private state: State = "fresh";
  private local: InetAddr | null = null;
  private peer: InetAddr | null = null;
  private listener: HostListener | null = null;
  private readonly pending: HostIncomingTcp[] = [];
  private backlog = 128;
  private bindError = 0;
  private stream: HostTcpStream | null = null;
  private readonly rx = new ByteQueue();
  private rxPaused = false;
  private rxEof = false;
  private shutRd = false;
  private shutWr = false;
  private connectError = 0;
  private released = false;

  constructor(
    private readonly net: GuestNetwork,
    family: typeof AF_INET | typeof AF_INET6,
    protocol: number,
    flags: number,
  ) {
    super(family, SOCK_STREAM, protocol, flags, { sndBuf: 16384, rcvBuf: 131072 });
  }

  private get inetFamily(): typeof AF_INET | typeof AF_INET6 {
    return this.family as typeof AF_INET | typeof AF_INET6;
  }

  override get external(): boolean {
    return true;
  }

  override get listening(): boolean {
    return this.state === "listening";
  }

  /** The guest address must be of the socket's family (an AF_INET6 socket takes no AF_INET address here). */
  private checkFamily(a: SockAddr): InetAddr | number {
    if (a.family !== this.family) return -EAFNOSUPPORT;
    return a as InetAddr;
  }

  private get v6only(): boolean {
    const v = this.protoOpts.get(`${SOL_IPV6}:${IPV6_V6ONLY}`);
    return v !== undefined && v.some((b) => b !== 0);
  }

  // ---- bind, listen, accept

  bind(_t: Task, addr: SockAddr): number | SocketWait {
    if (this.state !== "fresh") return -EINVAL;
    // AF_UNSPEC with INADDR_ANY is accepted on AF_INET sockets (Linux's compatibility rule).
    const a = addr.family === AF_UNSPEC && this.family === AF_INET ? anyAddr(AF_INET) : this.checkFamily(addr);
    if (typeof a === "number") return a;
    return this.startListener(a);
  }

  private startListener(a: InetAddr): number | SocketWait {
    const host = this.net.host;
    if (!host) return -EPERM;
    if (host.canListen === false) {
      this.local = a.port !== 0 ? a : { ...a, port: this.net.ephemeralPort() };
      this.state = "bound";
      return 0;
    }
    this.state = "binding";
    this.bindError = 0;
    this.listener = host.listenTcp(
      hostText(a),
      a.port,
      {
        onListening: (bound) => {
          if (this.released) return;
          this.local = inetFromHost(this.inetFamily, bound.host, bound.port);
          if (this.state === "binding") this.state = "bound";
          this.changed();
        },
        onConnection: (inc) => {
          if (this.released || this.pending.length >= Math.min(MAX_BACKLOG, this.backlog + 16)) return inc.reject();
          this.pending.push(inc);
          this.changed();
        },
        onError: (e) => {
          this.listener = null;
          if (this.released) return;
          const err = errnoOfHost(e, EINVAL);
          if (this.state === "binding") {
            this.bindError = err;
            this.state = "fresh";
          } else this.softError = err;
          this.changed();
        },
      },
      { ipv6Only: this.family === AF_INET6 && this.v6only, backlog: this.backlog },
    );
    return {
      ready: () => this.state !== "binding",
      result: () => (this.state === "fresh" ? -this.bindError : 0),
    };
  }

  override listen(backlog: number): number {
    if (this.state === "listening") {
      this.backlog = Math.max(0, backlog);
      return 0;
    }
    if (this.state === "fresh") {
      // listen() on an unbound socket binds it to an ephemeral port first (inet_autobind); the
      // syscall layer calls bind itself for that, see autobindForListen.
      return -EINVAL;
    }
    if (this.state !== "bound") return -EINVAL;
    if (this.net.host?.canListen === false) return -EOPNOTSUPP;
    this.backlog = Math.max(0, backlog);
    this.state = "listening";
    this.changed();
    return 0;
  }

  /** listen() on a fresh socket: bind to the wildcard address and an ephemeral port first. */
  autobindForListen(): SocketWait | null {
    if (this.state !== "fresh") return null;
    const w = this.startListener(anyAddr(this.inetFamily));
    return typeof w === "number" ? { ready: () => true, result: () => w } : w;
  }

  override accept(flags: number): Socket | number {
    if (this.state !== "listening") return -EINVAL;
    if (this.softError) {
      const e = this.softError;
      this.softError = 0;
      return -e;
    }
    const inc = this.pending.shift();
    if (!inc) return WOULD_BLOCK;
    const s = new InetStreamSocket(this.net, this.inetFamily, this.protocol, flags);
    s.state = "connected";
    s.local =
      inc.localHost !== undefined && inc.localPort !== undefined ? inetFromHost(this.inetFamily, inc.localHost, inc.localPort) : this.local;
    s.peer = inetFromHost(this.inetFamily, inc.remoteHost, inc.remotePort);
    s.stream = inc.accept(s.handlers());
    this.changed();
    return s;
  }

  // ---- connect

  connect(_t: Task, addr: SockAddr): number | SocketWait {
    if (this.state === "connected") return -EISCONN;
    if (this.state === "connecting") return -EALREADY;
    if (this.state === "listening" || this.state === "binding") return -EINVAL;
    const a = this.checkFamily(addr);
    if (typeof a === "number") return a;
    // A client that bound first connects from its address and port (the host listener that held
    // the port goes first).
    const from = this.state === "bound" && this.local ? { host: hostText(this.local), port: this.local.port } : undefined;
    if (this.listener) {
      this.listener.close();
      this.listener = null;
      for (const p of this.pending.splice(0)) p.reject();
    }
    const host = this.net.host;
    if (!host) return -ENETUNREACH;
    if (a.port === 0) return -ECONNREFUSED;
    const dest = hostText(a);
    if (!this.net.policy.allows("tcp", dest, a.port)) return -EPERM;
    this.state = "connecting";
    this.connectError = 0;
    this.softError = 0;
    this.peer = a;
    this.local = null;
    this.rxEof = this.shutRd = this.shutWr = false;
    this.rx.clear();
    this.stream = host.connectTcp(dest, a.port, this.handlers(), from);
    if (this.nonblocking) return -115; // EINPROGRESS
    return { ready: () => this.state !== "connecting", result: () => this.connectResult() };
  }

  /** A blocking connect's outcome (and what SO_ERROR then no longer reports). */
  private connectResult(): number {
    if (this.state === "connected") return 0;
    this.softError = 0;
    return -(this.connectError || ECONNREFUSED);
  }

  private handlers(): HostTcpHandlers {
    return {
      onConnect: (local) => {
        if (this.released) return;
        this.state = "connected";
        this.local = inetFromHost(this.inetFamily, local.host, local.port);
        this.changed();
      },
      onData: (d) => {
        if (this.released || this.shutRd) {
          // Data for a closed socket: Linux answers with a reset.
          if (this.released) this.stream?.close();
          return;
        }
        this.rx.push(d);
        if (this.rx.length > RECV_HIGH && !this.rxPaused) {
          this.rxPaused = true;
          this.stream?.pause();
        }
        this.changed();
      },
      onEnd: () => {
        this.rxEof = true;
        this.changed();
      },
      onDrain: () => this.changed(),
      onClose: (e) => {
        this.stream = null;
        if (this.released) return;
        if (this.state === "connecting") {
          this.connectError = errnoOfHost(e ?? { code: "refused", message: "" }, ECONNREFUSED);
          this.softError = this.connectError;
          this.state = "failed";
        } else {
          if (e) this.softError = errnoOfHost(e);
          this.rxEof = true;
          this.state = "closed";
        }
        this.changed();
      },
    };
  }

  // ---- data

  send(_t: Task | null, m: Outgoing): number {
    if (m.flags & MSG.OOB) return -EOPNOTSUPP;
    if (this.state === "connecting") return WOULD_BLOCK;
    if (this.softError) {
      const e = this.softError;
      this.softError = 0;
      return -e;
    }
    if (this.state !== "connected" || this.shutWr || !this.stream) return -EPIPE;
    if (m.data.length === 0) return 0;
    if (this.stream.bufferedAmount >= SEND_HIGH) return WOULD_BLOCK;
    this.stream.write(m.data);
    return m.data.length;
  }

  recv(max: number, flags: number): Received | number {
    if (flags & MSG.OOB) return -EINVAL;
    if (this.state === "listening" || this.state === "fresh" || this.state === "bound" || this.state === "binding") return -ENOTCONN;
    if (this.state === "connecting") return WOULD_BLOCK;
    const have = this.rx.length;
    if (have === 0) {
      if (this.softError) {
        const e = this.softError;
        this.softError = 0;
        return -e;
      }
      if (this.rxEof || this.shutRd || this.state !== "connected") return { data: new Uint8Array(0), from: null };
      return WOULD_BLOCK;
    }
    if (flags & MSG.WAITALL && !(flags & MSG.PEEK) && have < max && !this.rxEof && this.state === "connected" && !this.nonblocking)
      return WOULD_BLOCK;
    const n = Math.min(max, have);
    const data = new Uint8Array(flags & MSG.TRUNC ? 0 : n);
    if (!(flags & MSG.TRUNC)) this.rx.copyTo(data, 0, 0, n);
    if (!(flags & MSG.PEEK)) {
      this.rx.drop(n);
      if (this.rxPaused && this.rx.length < RECV_LOW) {
        this.rxPaused = false;
        this.stream?.resume();
      }
    }
    return { data, from: null, fullLength: flags & MSG.TRUNC ? n : undefined };
  }

  override recvReady(max: number, flags: number): boolean {
    if (!(flags & MSG.WAITALL) || this.state !== "connected") return this.readable();
    return this.rx.length >= max || this.rxEof || this.softError !== 0 || this.shutRd;
  }

  shutdown(how: number): number {
    if (this.state === "listening" && (how === SHUT_RD || how === 2)) {
      this.shutRd = true;
      this.changed();
      return 0;
    }
    if (this.state !== "connected" && this.state !== "closed") return -ENOTCONN;
    if (how === SHUT_RD || how === 2) this.shutRd = true;
    if ((how === SHUT_WR || how === 2) && !this.shutWr) {
      this.shutWr = true;
      this.stream?.end();
    }
    this.changed();
    return 0;
  }

  override inq(): number {
    return this.rx.length;
  }

  // ---- names and readiness

  localAddr(): SockAddr {
    return this.local ?? anyAddr(this.inetFamily);
  }

  peerAddr(): SockAddr | null {
    return this.state === "connected" || (this.state === "closed" && this.peer) ? this.peer : null;
  }

  poll(): number {
    let m = 0;
    switch (this.state) {
      case "listening":
        if (this.pending.length > 0 || this.shutRd) m |= POLL.IN | POLL.RDNORM;
        break;
      case "connecting":
      case "binding":
        break;
      case "fresh":
      case "bound":
        m |= POLL.OUT | POLL.WRNORM | POLL.HUP;
        break;
      case "failed":
        m |= POLL.IN | POLL.RDNORM | POLL.RDHUP | POLL.OUT | POLL.WRNORM | POLL.HUP;
        break;
      case "connected":
      case "closed": {
        if (this.rx.length > 0) m |= POLL.IN | POLL.RDNORM;
        if (this.rxEof || this.shutRd) m |= POLL.IN | POLL.RDNORM | POLL.RDHUP;
        if (this.shutWr || this.state === "closed" || (this.stream !== null && this.stream.bufferedAmount < SEND_HIGH))
          m |= POLL.OUT | POLL.WRNORM;
        if ((this.rxEof && this.shutWr) || this.state === "closed") m |= POLL.HUP;
        break;
      }
    }
    if (this.softError) m |= POLL.ERR;
    return m;
  }

  // ---- the end

  override release(): number {
    this.released = true;
    this.listener?.close();
    this.listener = null;
    for (const p of this.pending.splice(0)) p.reject();
    const s = this.stream;
    if (s) {
      // Linux resets a connection closed with unread data, or with SO_LINGER 0; else it ends it
      // gracefully and lets the host finish sending (the handlers reset it if data still comes).
      if (this.rx.length > 0 || this.opts.linger === 0) {
        s.close();
        this.stream = null;
      } else s.end(true);
    }
    this.rx.clear();
    return 0;
  }
}
