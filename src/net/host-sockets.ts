// The host-socket interface: the only way the NAT (and later user-mode sockets and the page's
// relay) reaches the outside world. It is stream-shaped on purpose: a TCP connection is a pair of
// byte streams with half-close and flow control, a UDP socket is a datagram port, and name lookup
// is one call, so the same interface can be implemented over node:net/node:dgram/node:dns
// (src/cli/node-host-sockets.ts) or over the streams of one Wisp connection in a page's Worker.
//
// Rules every implementation follows:
//  - Callbacks never run inside a method call on the same object (they come from the host's event
//    loop), and no callback runs after onClose / after close().
//  - Buffers passed to write/send belong to the implementation afterwards; buffers passed to
//    onData/onMessage belong to the receiver.
//  - Addresses are strings: IPv4 dotted quads ("127.0.0.1") or names (a relay may resolve them).
//  - Flow control: `bufferedAmount` counts bytes accepted by write() but not yet handed to the host
//    network; onDrain fires when it falls to a low level after having been high. pause() asks the
//    stream to stop delivering onData (a few chunks may still arrive), resume() restarts it.

export type HostErrorCode =
  | "refused" // ECONNREFUSED
  | "unreachable" // EHOSTUNREACH, ENETUNREACH
  | "timeout" // ETIMEDOUT
  | "reset" // ECONNRESET, EPIPE
  | "in-use" // EADDRINUSE (listen)
  | "access" // EACCES (listen on a privileged port)
  | "not-found" // the name does not exist (lookup)
  | "denied" // refused by a policy (the relay's or the NAT's)
  | "other";

export interface HostError {
  code: HostErrorCode;
  message: string;
}

/** An address and port as the host sees it (getsockname/getpeername for user-mode sockets). */
export interface HostEndpoint {
  host: string;
  port: number;
}

export interface HostTcpHandlers {
  /** The connection is open (connectTcp only); `local` is the host side's own address. */
  onConnect?(local: HostEndpoint): void;
  /** Bytes from the peer. */
  onData(data: Uint8Array): void;
  /** The peer finished sending (half-close); writing is still allowed. */
  onEnd(): void;
  /** bufferedAmount fell to a low level after write() had buffered much. */
  onDrain(): void;
  /** The stream is gone: `error` is null after an orderly close of both directions. Last callback. */
  onClose(error: HostError | null): void;
}

export interface HostTcpStream {
  write(data: Uint8Array): void;
  /** Bytes written but not yet sent to the host network. */
  readonly bufferedAmount: number;
  /**
   * Half-close: no more writes; the peer sees end of stream. `final`: the caller reads nothing more
   * either (a close, not a shutdown), so a transport without half-close (Wisp) may close the
   * stream as soon as what was written is sent.
   */
  end(final?: boolean): void;
  pause(): void;
  resume(): void;
  /** Aborts the connection (a reset where the host can send one). onClose is not called. Idempotent. */
  close(): void;
}

/** A connection that arrived on a listener; accept() attaches handlers, reject() drops it. */
export interface HostIncomingTcp {
  readonly remoteHost: string;
  readonly remotePort: number;
  /** The address the connection came in on (a listener on 0.0.0.0 accepts on a real address), if known. */
  readonly localHost?: string;
  readonly localPort?: number;
  accept(handlers: HostTcpHandlers): HostTcpStream;
  reject(): void;
}

export interface HostListenHandlers {
  /** The listener is bound (to `bound`: the real port when 0 was asked for). */
  onListening(bound: HostEndpoint): void;
  onConnection(conn: HostIncomingTcp): void;
  /** Binding failed (or the listener broke); no more callbacks. */
  onError(error: HostError): void;
}

export interface HostListener {
  close(): void;
}

export interface HostUdpHandlers {
  onMessage(data: Uint8Array, fromHost: string, fromPort: number): void;
  /** A bind error (bound sockets), or a send error the host reported. The socket stays usable unless closed. */
  onError?(error: HostError): void;
  /** A bound socket is ready (openUdp with a bind address). */
  onListening?(bound: HostEndpoint): void;
}

export interface HostUdpSocket {
  send(data: Uint8Array, host: string, port: number): void;
  /** Idempotent; no callbacks after it. */
  close(): void;
}

export interface HostAddress {
  address: string;
  family: 4 | 6;
}

/** How a listener or UDP socket is opened (user-mode sockets pass what the guest asked for). */
export interface HostSocketOptions {
  /** IPv6 sockets: IPV6_V6ONLY (default: dual-stack, as Linux's default). */
  ipv6Only?: boolean;
  /** listen()'s backlog. */
  backlog?: number;
  /** UDP: the address family of the socket (default 4; 6 for IPv6 addresses). */
  family?: 4 | 6;
}

export interface HostSockets {
  /**
   * False when listenTcp can never succeed (a Wisp relay opens connections but cannot accept
   * them): a guest's bind then needs no host listener, and its listen() fails at once instead of
   * waiting for connections that cannot come. Absent: true.
   */
  readonly canListen?: boolean;
  /** Whether any of its sockets, listeners or UDP sockets is open (optional: unknown is false). */
  active?(): boolean;
  /**
   * A TCP connection to host:port; from `local` (address and port) when given: a guest socket that
   * bound before connecting keeps its address and port, as bind then connect does on Linux. A
   * host that cannot choose (a Wisp relay) ignores it.
   */
  connectTcp(host: string, port: number, handlers: HostTcpHandlers, local?: HostEndpoint): HostTcpStream;
  listenTcp(host: string, port: number, handlers: HostListenHandlers, opts?: HostSocketOptions): HostListener;
  /**
   * A UDP socket, on an ephemeral port unless `bind` is given (host forwarding, a guest's bind).
   * Without `bind` it is bound by its first send, after which onListening reports the port.
   */
  openUdp(handlers: HostUdpHandlers, bind?: { host: string; port: number }, opts?: HostSocketOptions): HostUdpSocket;
  /**
   * The host resolver (getaddrinfo, or the relay's): every address of `name`. Rejects with a
   * HostError ("not-found" when the name does not exist).
   */
  lookup(name: string): Promise<HostAddress[]>;
  /**
   * The host's own address it would send from to reach `host` (its routing decides: what Linux's
   * getsockname shows on a connected UDP socket, which glibc's getaddrinfo sorts by), or null when
   * it cannot say. Optional: without it a connected UDP socket shows loopback for loopback peers
   * and the wildcard address otherwise.
   */
  sourceAddress?(host: string): Promise<string | null>;
}
