// HostSockets (src/net/host-sockets.ts) for Node: TCP through node:net, UDP through node:dgram,
// names through node:dns lookup (getaddrinfo: /etc/hosts, then the system's resolvers). Every
// socket it opens is closed by close(), after an error, or when both directions have ended, and
// `open` counts the live ones (the leak checks of the tests read it).
import type { Socket as UdpSocket } from "node:dgram";
import type { Server, Socket } from "node:net";
import { nodeDgram, nodeDns, nodeNet } from "./lazy-node.ts";
import type {
  HostAddress,
  HostEndpoint,
  HostError,
  HostErrorCode,
  HostIncomingTcp,
  HostListener,
  HostListenHandlers,
  HostSocketOptions,
  HostSockets,
  HostTcpHandlers,
  HostTcpStream,
  HostUdpHandlers,
  HostUdpSocket,
} from "../net/host-sockets.ts";

const CODES: Record<string, HostErrorCode> = {
  ECONNREFUSED: "refused",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EHOSTDOWN: "unreachable",
  ENETDOWN: "unreachable",
  ETIMEDOUT: "timeout",
  ECONNRESET: "reset",
  EPIPE: "reset",
  ECONNABORTED: "reset",
  EADDRINUSE: "in-use",
  EADDRNOTAVAIL: "in-use",
  EACCES: "access",
  EPERM: "access",
  ENOTFOUND: "not-found",
  ENODATA: "not-found",
  EAI_NONAME: "not-found",
};

export function hostError(e: unknown): HostError {
  const err = e as NodeJS.ErrnoException;
  return { code: CODES[err?.code ?? ""] ?? "other", message: err?.message ?? String(e) };
}

/** Bytes buffered in a socket before onDrain is worth waiting for (Node's default highWaterMark). */
const HIGH_WATER = 16 * 1024;

class NodeTcpStream implements HostTcpStream {
  private closed = false;
  private ended = false;
  private handlers: HostTcpHandlers | null;
  private needDrain = false;

  constructor(
    private readonly sock: Socket,
    handlers: HostTcpHandlers,
    private readonly owner: NodeHostSockets,
    connecting: boolean,
  ) {
    this.handlers = handlers;
    owner.open++;
    sock.setNoDelay(true);
    if (connecting) sock.once("connect", () => this.handlers?.onConnect?.({ host: sock.localAddress ?? "", port: sock.localPort ?? 0 }));
    sock.on("data", (d: Buffer) => this.handlers?.onData(new Uint8Array(d.buffer, d.byteOffset, d.length)));
    sock.on("end", () => this.handlers?.onEnd());
    sock.on("drain", () => {
      if (!this.needDrain) return;
      this.needDrain = false;
      this.handlers?.onDrain();
    });
    // 'close' follows an error with hadError set; the error is reported there
    let lastError: unknown = null;
    sock.on("error", (e) => (lastError = e));
    sock.on("close", (hadError: boolean) => {
      const h = this.handlers;
      this.release();
      h?.onClose(hadError ? hostError(lastError) : null);
    });
  }

  get bufferedAmount(): number {
    return this.closed ? 0 : this.sock.writableLength;
  }

  write(data: Uint8Array): void {
    if (this.closed || this.ended) return;
    if (!this.sock.write(data)) this.needDrain = true;
    else if (this.sock.writableLength > HIGH_WATER) this.needDrain = true;
  }

  end(): void {
    if (this.closed || this.ended) return;
    this.ended = true;
    this.sock.end();
  }

  pause(): void {
    if (!this.closed) this.sock.pause();
  }

  resume(): void {
    if (!this.closed) this.sock.resume();
  }

  close(): void {
    if (this.closed) return;
    this.release();
    this.sock.resetAndDestroy();
  }

  private release(): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers = null;
    this.owner.open--;
  }
}

class NodeUdp implements HostUdpSocket {
  private closed = false;
  /** Datagrams handed to Node and not yet sent (its send is asynchronous: an address lookup first). */
  private sending = 0;

  constructor(
    private readonly sock: UdpSocket,
    private readonly owner: NodeHostSockets,
  ) {
    owner.open++;
  }

  send(data: Uint8Array, host: string, port: number): void {
    if (this.closed) return;
    this.sending++;
    this.sock.send(data, port, host, () => {
      // send errors (unreachable, refused) are like lost datagrams
      if (--this.sending === 0 && this.closed) this.sock.close();
    });
  }

  /**
   * The guest's socket is gone: no more callbacks. The host socket closes once what was sent has
   * left: a datagram sendto accepted is in Linux's queue already when close() follows, and Node's
   * close would drop the sends it has not done yet.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.owner.open--;
    if (this.sending === 0) this.sock.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

export interface NodeHostSocketsOptions {
  /** Give up a TCP connect after this long (default: the OS's timeout). */
  connectTimeoutMs?: number;
  /** Runs after every callback into the NAT (the machine loop uses it to wake from WFI). */
  onEvent?: () => void;
}

export class NodeHostSockets implements HostSockets {
  /** Host sockets, listeners and UDP sockets currently open. */
  open = 0;

  constructor(private readonly opts: NodeHostSocketsOptions = {}) {}

  active(): boolean {
    return this.open > 0;
  }

  /** Calls `f` and then onEvent. */
  after<A extends unknown[]>(f: (...a: A) => void): (...a: A) => void {
    const ev = this.opts.onEvent;
    if (ev === undefined) return f;
    return (...a: A) => {
      try {
        f(...a);
      } finally {
        ev();
      }
    };
  }

  wrapTcp(h: HostTcpHandlers): HostTcpHandlers {
    if (this.opts.onEvent === undefined) return h;
    return {
      onConnect: h.onConnect && this.after((local: HostEndpoint) => h.onConnect!(local)),
      onData: this.after((d: Uint8Array) => h.onData(d)),
      onEnd: this.after(() => h.onEnd()),
      onDrain: this.after(() => h.onDrain()),
      onClose: this.after((e: HostError | null) => h.onClose(e)),
    };
  }

  connectTcp(host: string, port: number, handlers: HostTcpHandlers, local?: HostEndpoint): HostTcpStream {
    const from = local ? { localAddress: local.host, localPort: local.port } : {};
    const sock = nodeNet().connect({ host, port, allowHalfOpen: true, timeout: this.opts.connectTimeoutMs, ...from });
    const s = new NodeTcpStream(sock, this.wrapTcp(handlers), this, true);
    if (this.opts.connectTimeoutMs !== undefined) {
      sock.once("timeout", () => {
        if (sock.connecting) sock.destroy(Object.assign(new Error("connect timed out"), { code: "ETIMEDOUT" }));
      });
      sock.once("connect", () => sock.setTimeout(0));
    }
    return s;
  }

  listenTcp(host: string, port: number, handlers: HostListenHandlers, opts: HostSocketOptions = {}): HostListener {
    const server: Server = nodeNet().createServer({ allowHalfOpen: true, pauseOnConnect: true });
    this.open++;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.open--;
      server.close();
    };
    // Every callback goes through after(): a run loop idle on this listener (a guest's bind) wakes.
    server.on(
      "error",
      this.after((e: Error) => {
        if (closed) return;
        close();
        handlers.onError(hostError(e));
      }),
    );
    server.on(
      "listening",
      this.after(() => {
        const a = server.address();
        if (!closed) handlers.onListening(typeof a === "object" && a !== null ? { host: a.address, port: a.port } : { host, port });
      }),
    );
    server.on("connection", (sock: Socket) => {
      if (closed) return void sock.destroy();
      const owner = this;
      const inc: HostIncomingTcp = {
        remoteHost: sock.remoteAddress ?? "",
        remotePort: sock.remotePort ?? 0,
        localHost: sock.localAddress,
        localPort: sock.localPort,
        accept(h: HostTcpHandlers): HostTcpStream {
          const s = new NodeTcpStream(sock, owner.wrapTcp(h), owner, false);
          sock.resume();
          return s;
        },
        reject() {
          sock.resetAndDestroy();
        },
      };
      this.after(() => handlers.onConnection(inc))();
    });
    server.listen({ port, host, ipv6Only: opts.ipv6Only ?? false, backlog: opts.backlog });
    return { close };
  }

  openUdp(handlers: HostUdpHandlers, bind?: { host: string; port: number }, opts: HostSocketOptions = {}): HostUdpSocket {
    const family = opts.family ?? (bind && bind.host.includes(":") ? 6 : 4);
    // Node resolves every address, an IP literal too, in a later tick before it sends (and binds),
    // and close() drops what is still being resolved: a guest's sendto then close lost the
    // datagram, where Linux has queued it when sendto returns. Once the socket is bound, IP
    // literals (all the guest passes) resolve at once, so send hands the datagram to the host's
    // kernel within the call. A bind given here stays asynchronous (its callbacks come later,
    // as the callers expect); without one, the first send binds within the call.
    let syncLookup = !bind;
    const lookup = (address: string, o: unknown, cb: (err: Error | null, address: string, family: number) => void) => {
      const f = nodeNet().isIP(address);
      if (syncLookup && f !== 0) cb(null, address, f);
      else
        (nodeDns().lookup as (a: string, o: unknown, cb: (err: Error | null, address: string, family: number) => void) => void)(
          address,
          o,
          cb,
        );
    };
    const sock = nodeDgram().createSocket({ type: family === 6 ? "udp6" : "udp4", ipv6Only: opts.ipv6Only ?? false, lookup });
    sock.once("listening", () => (syncLookup = true));
    const u = new NodeUdp(sock, this);
    sock.on(
      "message",
      this.after((msg: Buffer, rinfo: { address: string; port: number }) => {
        if (!u.isClosed) handlers.onMessage(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), rinfo.address, rinfo.port);
      }),
    );
    sock.on(
      "error",
      this.after((e: Error) => {
        if (!u.isClosed) handlers.onError?.(hostError(e));
      }),
    );
    sock.on(
      "listening",
      this.after(() => {
        const a = sock.address();
        if (!u.isClosed) handlers.onListening?.({ host: a.address, port: a.port });
      }),
    );
    if (bind) sock.bind(bind.port, bind.host);
    return u;
  }

  sourceAddress(host: string): Promise<string | null> {
    // A connected UDP socket sends nothing; the kernel picks the route and the source address.
    const p = new Promise<string | null>((resolve) => {
      const s = nodeDgram().createSocket(host.includes(":") ? "udp6" : "udp4");
      const done = (a: string | null) => {
        s.close();
        resolve(a);
      };
      s.on("error", () => done(null));
      try {
        s.connect(9, host, () => done(s.address().address));
      } catch {
        done(null);
      }
    });
    const ev = this.opts.onEvent;
    if (ev !== undefined) void p.then(() => queueMicrotask(ev));
    return p;
  }

  lookup(name: string): Promise<HostAddress[]> {
    const p = new Promise<HostAddress[]>((resolve, reject) =>
      nodeDns().lookup(name, { all: true, verbatim: true }, (err, addrs) => {
        if (err) reject(hostError(err));
        else resolve(addrs.filter((a) => a.family === 4 || a.family === 6).map((a) => ({ address: a.address, family: a.family as 4 | 6 })));
      }),
    );
    // the NAT's continuation runs in a microtask after this settles; wake the machine after it
    const ev = this.opts.onEvent;
    if (ev !== undefined)
      p.then(
        () => queueMicrotask(ev),
        () => queueMicrotask(ev),
      );
    return p;
  }
}
