// UDP from the guest to host sockets (slirp's udp.c): one host socket per guest (address, port),
// created at its first datagram and closed after UDP_IDLE_MS without traffic (slirp's SO_EXPIRE);
// datagrams from any host peer come back to that guest port with the peer as source. Host
// forwarding rules for UDP bind a host port and are sessions that never expire: the guest's
// answers from the forwarded port go back out through the same host socket.
import type { HostError, HostSockets, HostUdpSocket } from "./host-sockets.ts";
import { isLoopback, parseDottedQuad } from "./ipv4-address.ts";

export const UDP_IDLE_MS = 240_000;

interface Session {
  guestIp: number;
  guestPort: number;
  socket: HostUdpSocket;
  lastUse: number;
  permanent: boolean;
}

export interface UdpRelayContext {
  host: HostSockets;
  now(): number;
  /** The guest sent to `dst`: the host address to send to, or null to drop (policy, not routable). */
  hostAddressFor(dst: number, port: number): string | null;
  /** A datagram for the guest from `src`:`srcPort`. */
  toGuest(src: number, srcPort: number, dst: number, dstPort: number, payload: Uint8Array): void;
  gateway: number;
  maxSessions: number;
}

export class UdpRelay {
  private readonly sessions = new Map<number, Session>();
  private closed = false;
  dropped = 0;

  constructor(private readonly ctx: UdpRelayContext) {}

  get count(): number {
    return this.sessions.size;
  }

  /** A datagram from the guest (the payload is copied). */
  fromGuest(srcIp: number, srcPort: number, dstIp: number, dstPort: number, payload: Uint8Array): void {
    if (this.closed || dstPort === 0) return;
    const to = this.ctx.hostAddressFor(dstIp, dstPort);
    if (to === null) {
      this.dropped++;
      return;
    }
    const key = srcIp * 65536 + srcPort;
    let s = this.sessions.get(key);
    if (s === undefined) {
      if (this.sessions.size >= this.ctx.maxSessions && !this.expireOldest()) {
        this.dropped++;
        return;
      }
      s = this.open(srcIp, srcPort, false);
    }
    s.lastUse = this.ctx.now();
    s.socket.send(payload.slice(), to, dstPort);
  }

  /** Host forwarding: binds host:port and sends what arrives to guestIp:guestPort. Resolves once bound. */
  forward(hostAddr: string, hostPort: number, guestIp: number, guestPort: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let bound = false;
      const key = guestIp * 65536 + guestPort;
      const s: Session = {
        guestIp,
        guestPort,
        lastUse: this.ctx.now(),
        permanent: true,
        socket: this.ctx.host.openUdp(
          {
            onMessage: (d, h, p) => this.fromHost(s, d, h, p),
            onListening: () => {
              bound = true;
              resolve();
            },
            onError: (e: HostError) => {
              if (bound) return;
              s.socket.close();
              if (this.sessions.get(key) === s) this.sessions.delete(key);
              reject(e);
            },
          },
          { host: hostAddr, port: hostPort },
        ),
      };
      this.sessions.get(key)?.socket.close();
      this.sessions.set(key, s);
    });
  }

  /** Closes sessions idle for UDP_IDLE_MS. */
  poll(): void {
    const now = this.ctx.now();
    for (const [k, s] of this.sessions)
      if (!s.permanent && now - s.lastUse >= UDP_IDLE_MS) {
        s.socket.close();
        this.sessions.delete(k);
      }
  }

  close(): void {
    this.closed = true;
    for (const s of this.sessions.values()) s.socket.close();
    this.sessions.clear();
  }

  private open(guestIp: number, guestPort: number, permanent: boolean): Session {
    const s: Session = {
      guestIp,
      guestPort,
      lastUse: this.ctx.now(),
      permanent,
      socket: this.ctx.host.openUdp({ onMessage: (d, h, p) => this.fromHost(s, d, h, p) }),
    };
    this.sessions.set(guestIp * 65536 + guestPort, s);
    return s;
  }

  private fromHost(s: Session, data: Uint8Array, fromHost: string, fromPort: number): void {
    try {
      this.deliver(s, data, fromHost, fromPort);
    } catch {
      this.dropped++; // never let a bug escape into the host's event loop
    }
  }

  private deliver(s: Session, data: Uint8Array, fromHost: string, fromPort: number): void {
    if (this.closed || this.sessions.get(s.guestIp * 65536 + s.guestPort) !== s) return;
    let src = parseDottedQuad(fromHost);
    if (src === null) return; // IPv6 peers have no IPv4 address to show the guest
    if (isLoopback(src)) src = this.ctx.gateway;
    s.lastUse = this.ctx.now();
    this.ctx.toGuest(src, fromPort, s.guestIp, s.guestPort, data);
  }

  private expireOldest(): boolean {
    let oldest: [number, Session] | null = null;
    for (const e of this.sessions) if (!e[1].permanent && (oldest === null || e[1].lastUse < oldest[1].lastUse)) oldest = e;
    if (oldest === null) return false;
    oldest[1].socket.close();
    this.sessions.delete(oldest[0]);
    return true;
  }
}
