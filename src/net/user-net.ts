// The user-mode NAT (QEMU's -netdev user, i.e. slirp, written in TypeScript): it sits behind a NIC
// as the guest's whole network. Frames from the guest are parsed and checked (Ethernet, ARP, IPv4
// with header checksum, ICMP, UDP, TCP with their checksums unless the NIC says they were left for
// the device); the NAT answers ARP for its own addresses, ICMP echo to the gateway and DNS server,
// DHCP, and DNS; it relays UDP datagrams and TCP streams to host sockets through the HostSockets
// interface after asking the policy, and brings host connections in through host forwarding.
//
// Addresses (defaults): network 10.0.2.0/24, gateway = the host 10.0.2.2 (connections to it go to
// the host's 127.0.0.1), DNS 10.0.2.3, DHCP from 10.0.2.15. Everything the guest can make the NAT
// hold is bounded (connections, pending connects, UDP sessions, DNS lookups, bytes queued), and
// every host socket is closed when its connection ends, times out, or the NAT is closed.
//
// Usage: new UserNet({host, config}); nic.attach / UserNet.attach(link); await startForwarding();
// call poll() every ~50-100 ms (timers), and flush() after each batch of receive() calls.
import { ARP_REPLY, ARP_REQUEST, buildArp, parseArp } from "./arp.ts";
import { DhcpServer, DHCP_CLIENT_PORT, DHCP_SERVER_PORT } from "./dhcp-server.ts";
import { DnsProxy, DNS_PORT } from "./dns-proxy.ts";
import { BROADCAST_MAC, ETH_HEADER, ETHERTYPE_ARP, ETHERTYPE_IPV4, etherType, isGroupMac, macEquals } from "./ethernet.ts";
import { GuestOutput } from "./guest-output.ts";
import type { HostError, HostIncomingTcp, HostListener, HostSockets } from "./host-sockets.ts";
import { echoReply, ICMP_ECHO_REQUEST, ICMP_TTL, ICMP_UNREACH_FILTERED, ICMP_UNREACH_HOST, icmpType, unreachable } from "./icmp.ts";
import { formatIpv4, isLoopback, isSpecial, parseDottedQuad, writeIpv4 } from "./ipv4-address.ts";
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, IPV4_HEADER, parseIpv4Header, type Ipv4Header } from "./ipv4.ts";
import { ALLOW_ALL, DENY_ALL, RulePolicy, type NetPolicy, type NetProto } from "./net-policy.ts";
import type { NetBackend, NicLink } from "./nic-link.ts";
import { DEFAULT_TCP_LIMITS, TcpConnection, type TcpContext, type TcpLimits } from "./tcp-connection.ts";
import { parseTcp, seqAdd, TCP_ACK, TCP_FIN, TCP_HEADER, TCP_RST, TCP_SYN, writeTcp } from "./tcp-segment.ts";
import { UdpRelay } from "./udp-relay.ts";
import { UDP_HEADER, parseUdp, writeUdp } from "./udp.ts";
import { defaultUserNetConfig, NetOptionError, type HostForward, type UserNetConfig } from "./user-net-config.ts";

export interface UserNetLimits extends TcpLimits {
  /** TCP connections at once (guest-initiated and forwarded). */
  maxTcp: number;
  /** Guest connections whose host side is still connecting. */
  maxConnecting: number;
  maxUdpSessions: number;
  maxDnsPending: number;
  /** Bytes queued for the guest over all connections above which host streams are paused. */
  globalQueueHigh: number;
  globalQueueLow: number;
}

export const DEFAULT_USER_NET_LIMITS: UserNetLimits = {
  ...DEFAULT_TCP_LIMITS,
  maxTcp: 512,
  maxConnecting: 64,
  maxUdpSessions: 256,
  maxDnsPending: 64,
  globalQueueHigh: 32 << 20,
  globalQueueLow: 16 << 20,
};

export interface UserNetOptions {
  host: HostSockets;
  config?: UserNetConfig;
  /** Default: from the config (restrict=on denies all, allow= rules, else everything, as QEMU). */
  policy?: NetPolicy;
  /** Milliseconds, monotonic. Default Date.now. */
  now?: () => number;
  limits?: Partial<UserNetLimits>;
}

export interface UserNetStats {
  tcp: number;
  tcpConnecting: number;
  udp: number;
  dnsPending: number;
  listeners: number;
  /** Host bytes waiting for the guest to acknowledge them. */
  queuedBytes: number;
  arpWaiting: number;
  framesSent: number;
  /** Frames and packets dropped, by reason. */
  drops: Record<string, number>;
}

export class UserNet implements NetBackend, TcpContext {
  readonly config: UserNetConfig;
  readonly output: GuestOutput;
  readonly limits: UserNetLimits;
  readonly policy: NetPolicy;
  readonly drops: Record<string, number> = {};
  private readonly host: HostSockets;
  private readonly dhcp: DhcpServer;
  private readonly dns: DnsProxy;
  private readonly udp: UdpRelay;
  private readonly tcp = new Map<string, TcpConnection>();
  private readonly acks = new Set<TcpConnection>();
  private readonly blockedConns = new Set<TcpConnection>();
  private readonly globallyPaused = new Set<TcpConnection>();
  private readonly listeners: HostListener[] = [];
  private queuedTotal = 0;
  private isnState: number;
  private closed = false;
  readonly now: () => number;

  constructor(o: UserNetOptions) {
    this.host = o.host;
    this.config = o.config ?? defaultUserNetConfig();
    this.limits = { ...DEFAULT_USER_NET_LIMITS, ...o.limits };
    this.now = o.now ?? (() => Date.now());
    this.policy =
      o.policy ?? (this.config.restrict ? DENY_ALL : this.config.allow !== null ? new RulePolicy(this.config.allow) : ALLOW_ALL);
    const c = this.config;
    this.output = new GuestOutput(c.host, this.now);
    this.dhcp = new DhcpServer({
      gateway: c.host,
      netmask: c.netmask,
      dns: c.dns,
      dhcpStart: c.dhcpStart,
      restricted: c.restrict,
      hostname: c.hostname,
      domainname: c.domainname,
    });
    this.dns = new DnsProxy(this.host, this.policy, c.host, this.now, this.limits.maxDnsPending);
    this.udp = new UdpRelay({
      host: this.host,
      now: this.now,
      gateway: c.host,
      maxSessions: this.limits.maxUdpSessions,
      hostAddressFor: (dst, port) => {
        const r = this.route(dst, port, "udp");
        return typeof r === "string" && r !== "denied" && r !== "nowhere" ? r : null;
      },
      toGuest: (src, srcPort, dst, dstPort, payload) => this.sendUdp(src, srcPort, dst, dstPort, payload),
    });
    this.isnState = (this.now() * 4096) >>> 0;
  }

  // ---- NetBackend

  attach(link: NicLink | null): void {
    this.output.link = link;
  }

  receive(frame: Uint8Array, checksumPartial: boolean): void {
    if (this.closed) return;
    if (frame.length < ETH_HEADER) return this.drop("short-frame");
    // Any unicast is for the NAT (it is the guest's whole network: the gateway, the DNS server and
    // every host behind them answer ARP with their own 52:55:... address, as slirp's); of the group
    // addresses only broadcast is (multicast is IPv6 neighbour discovery, mDNS, ...: nobody here).
    if (isGroupMac(frame, 0) && !macEquals(frame, 0, BROADCAST_MAC)) return this.drop("multicast");
    const type = etherType(frame);
    if (type === ETHERTYPE_ARP) return this.arpInput(frame);
    if (type === ETHERTYPE_IPV4) return this.ipInput(frame, checksumPartial);
    this.drop("ethertype");
  }

  flush(): void {
    if (this.acks.size === 0) return;
    const list = [...this.acks];
    this.acks.clear();
    for (const c of list) if (c.ackPending && !c.finished) c.sendAck();
  }

  linkReady(): void {
    if (this.blockedConns.size === 0) return;
    const list = [...this.blockedConns];
    this.blockedConns.clear();
    for (const c of list) if (!c.finished) c.pump();
  }

  // ---- life cycle

  /** Binds the host forwarding rules; rejects with QEMU's message when one cannot be set up. */
  async startForwarding(): Promise<void> {
    for (const rule of this.config.hostfwd) {
      try {
        if (rule.udp) await this.udp.forward(rule.hostAddr, rule.hostPort, rule.guestAddr || this.config.dhcpStart, rule.guestPort);
        else await this.listen(rule);
      } catch {
        throw new NetOptionError(`Could not set up host forwarding rule '${rule.text}'`);
      }
    }
  }

  private listen(rule: HostForward): Promise<void> {
    return new Promise((resolve, reject) => {
      let up = false;
      const l = this.host.listenTcp(rule.hostAddr, rule.hostPort, {
        onListening: () => {
          up = true;
          resolve();
        },
        onConnection: (inc) => {
          try {
            this.forwardIn(rule, inc);
          } catch {
            this.drop("internal"); // a bug must not escape into the host's event loop
            inc.reject();
          }
        },
        onError: (e: HostError) => {
          if (!up) reject(e);
        },
      });
      this.listeners.push(l);
    });
  }

  /** Runs timers (retransmissions, timeouts, expiry). Call every 50-100 ms. */
  poll(): void {
    if (this.closed) return;
    const now = this.now();
    for (const c of this.tcp.values()) c.poll(now);
    this.udp.poll();
    this.dns.poll();
    this.output.poll();
    this.flush();
  }

  /** Closes every host socket and listener and forgets all state. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of [...this.tcp.values()]) c.finish();
    this.tcp.clear();
    for (const l of this.listeners) l.close();
    this.listeners.length = 0;
    this.udp.close();
    this.dns.close();
    this.output.reset();
  }

  stats(): UserNetStats {
    let connecting = 0;
    for (const c of this.tcp.values()) if (c.state === "syn-received" && c.host !== null) connecting++;
    return {
      tcp: this.tcp.size,
      tcpConnecting: connecting,
      udp: this.udp.count,
      dnsPending: this.dns.pendingCount,
      listeners: this.listeners.length,
      queuedBytes: this.queuedTotal,
      arpWaiting: this.output.waitingFrames,
      framesSent: this.output.counters.framesSent,
      drops: { ...this.drops },
    };
  }

  /** The TCP connections (for tests). */
  connections(): TcpConnection[] {
    return [...this.tcp.values()];
  }

  // ---- TcpContext

  removed(conn: TcpConnection): void {
    const k = key(conn.guestIp, conn.guestPort, conn.peerIp, conn.peerPort);
    if (this.tcp.get(k) === conn) this.tcp.delete(k);
    this.acks.delete(conn);
    this.blockedConns.delete(conn);
    this.globallyPaused.delete(conn);
  }

  queued(delta: number, conn: TcpConnection): void {
    this.queuedTotal += delta;
    if (delta > 0 && this.queuedTotal > this.limits.globalQueueHigh) {
      conn.pauseHost();
      this.globallyPaused.add(conn);
    } else if (delta < 0 && this.globallyPaused.size > 0 && this.queuedTotal < this.limits.globalQueueLow) {
      const list = [...this.globallyPaused];
      this.globallyPaused.clear();
      for (const c of list) if (c.wantsData) c.resumeHost();
    }
  }

  blocked(conn: TcpConnection): void {
    this.blockedConns.add(conn);
  }

  ackLater(conn: TcpConnection): void {
    this.acks.add(conn);
  }

  connectFailed(conn: TcpConnection, error: HostError): void {
    if (error.code === "refused" || error.code === "reset") {
      // a RST for the SYN, as a refusing host sends (RFC 9293: seq 0, ack = SYN + 1)
      this.sendTcpRst(conn.peerIp, conn.peerPort, conn.guestIp, conn.guestPort, 0, seqAdd(this.synSeq(conn), 1), true);
      return;
    }
    if (conn.synQuote === null) return;
    const code = error.code === "denied" ? ICMP_UNREACH_FILTERED : ICMP_UNREACH_HOST;
    this.sendIcmp(this.config.host, conn.guestIp, unreachable(code, conn.synQuote, 0, IPV4_HEADER));
  }

  private synSeq(conn: TcpConnection): number {
    const q = conn.synQuote;
    if (q === null || q.length < IPV4_HEADER + 8) return 0;
    const o = (q[0] & 0xf) * 4 + 4;
    return ((q[o] << 24) | (q[o + 1] << 16) | (q[o + 2] << 8) | q[o + 3]) >>> 0;
  }

  // ---- input

  private drop(reason: string): void {
    this.drops[reason] = (this.drops[reason] ?? 0) + 1;
  }

  private inSubnet(a: number): boolean {
    return (a & this.config.netmask) >>> 0 === this.config.network;
  }

  private arpInput(frame: Uint8Array): void {
    const a = parseArp(frame);
    if (a === null) return this.drop("arp");
    if (a.senderIp !== 0 && this.inSubnet(a.senderIp) && a.senderIp !== this.config.host && a.senderIp !== this.config.dns)
      this.output.learn(a.senderIp, a.senderMac);
    if (a.op !== ARP_REQUEST || a.targetIp === a.senderIp) return;
    if (a.targetIp !== this.config.host && a.targetIp !== this.config.dns) return;
    const mac = new Uint8Array([0x52, 0x55, 0, 0, 0, 0]);
    writeIpv4(mac, 2, a.targetIp);
    this.output.sendRaw(buildArp(ARP_REPLY, a.senderMac, mac, a.targetIp, a.senderMac, a.senderIp));
  }

  private ipInput(frame: Uint8Array, partial: boolean): void {
    const h = parseIpv4Header(frame, ETH_HEADER);
    if (typeof h === "string") return this.drop(`ipv4-${h}`);
    const src = h.src;
    if (src === 0xffffffff || src >>> 28 === 0xe) return this.drop("ipv4-source");
    const l4 = ETH_HEADER + h.headerLength;
    const l4Length = h.totalLength - h.headerLength;
    if (src !== 0 && this.inSubnet(src) && this.output.arp.get(src) === undefined) this.output.learn(src, frame.subarray(6, 12));
    switch (h.protocol) {
      case IPPROTO_ICMP:
        return this.icmpInput(frame, h, l4, l4Length);
      case IPPROTO_UDP:
        return this.udpInput(frame, h, l4, l4Length, partial);
      case IPPROTO_TCP:
        if (src === 0) return this.drop("ipv4-source");
        return this.tcpInput(frame, h, l4, l4Length, partial);
      default:
        this.drop("ip-protocol");
    }
  }

  private icmpInput(frame: Uint8Array, h: Ipv4Header, l4: number, len: number): void {
    const type = icmpType(frame, l4, len);
    if (type < 0) return this.drop("icmp-checksum");
    if (type !== ICMP_ECHO_REQUEST) return this.drop("icmp-type");
    if (h.src === 0) return this.drop("ipv4-source");
    if (h.dst !== this.config.host && h.dst !== this.config.dns) return this.drop("icmp-not-local");
    this.sendIcmp(h.dst, h.src, echoReply(frame, l4, len), ICMP_TTL);
  }

  private udpInput(frame: Uint8Array, h: Ipv4Header, l4: number, len: number, partial: boolean): void {
    const u = parseUdp(frame, l4, len, h.src, h.dst, !partial);
    if (typeof u === "string") return this.drop(`udp-${u}`);
    const payload = frame.subarray(u.payloadOffset, u.payloadOffset + u.payloadLength);
    const c = this.config;
    if (u.dstPort === DHCP_SERVER_PORT && (h.dst === 0xffffffff || h.dst === c.host)) {
      const r = this.dhcp.handle(payload);
      if (r === null) return this.drop("dhcp");
      if (r.yourIp !== 0) this.output.learn(r.yourIp, r.clientMac);
      this.sendUdp(c.host, DHCP_SERVER_PORT, 0xffffffff, DHCP_CLIENT_PORT, r.payload);
      return;
    }
    if (h.src === 0) return this.drop("ipv4-source");
    if (h.dst === c.dns && u.dstPort === DNS_PORT) {
      const src = h.src;
      const port = u.srcPort;
      this.dns.handle(payload, (resp) => {
        if (!this.closed) this.sendUdp(c.dns, DNS_PORT, src, port, resp);
      });
      return;
    }
    this.udp.fromGuest(h.src, u.srcPort, h.dst, u.dstPort, payload);
  }

  /**
   * Where a guest packet to dst:port goes on the host: an address string, "denied" (the policy said
   * no) or "nowhere" (an address in the virtual network that is nobody, broadcast, multicast).
   */
  private route(dst: number, port: number, proto: NetProto): string {
    let addr: string;
    if (dst === this.config.host) addr = "127.0.0.1";
    else if (this.inSubnet(dst) || isSpecial(dst) || isLoopback(dst)) return "nowhere";
    else addr = formatIpv4(dst);
    if (!this.policy.allows(proto, addr, port)) {
      this.drop("policy");
      return "denied";
    }
    return addr;
  }

  private tcpInput(frame: Uint8Array, h: Ipv4Header, l4: number, len: number, partial: boolean): void {
    const seg = parseTcp(frame, l4, len, h.src, h.dst, !partial);
    if (typeof seg === "string") return this.drop(`tcp-${seg}`);
    const k = key(h.src, seg.srcPort, h.dst, seg.dstPort);
    let conn = this.tcp.get(k);
    const f = seg.flags;
    if (conn !== undefined && conn.state === "time-wait" && f & TCP_SYN && !(f & TCP_ACK)) {
      conn.finish(); // the guest reuses the port pair: a new connection
      conn = undefined;
    }
    if (conn !== undefined) return conn.input(seg, frame);
    if (f & TCP_RST) return;
    const segLen = seg.dataLength + (f & TCP_SYN ? 1 : 0) + (f & TCP_FIN ? 1 : 0);
    const refuse = () =>
      f & TCP_ACK
        ? this.sendTcpRst(h.dst, seg.dstPort, h.src, seg.srcPort, seg.ack, 0, false)
        : this.sendTcpRst(h.dst, seg.dstPort, h.src, seg.srcPort, 0, seqAdd(seg.seq, segLen), true);
    if (!(f & TCP_SYN) || f & (TCP_ACK | TCP_FIN)) return refuse();
    if (seg.dstPort === 0 || isSpecial(h.dst)) return this.drop("tcp-destination");
    const to = this.route(h.dst, seg.dstPort, "tcp");
    if (to === "nowhere") return refuse();
    const quote = frame.slice(ETH_HEADER, ETH_HEADER + h.headerLength + 8);
    if (to === "denied") return this.sendIcmp(this.config.host, h.src, unreachable(ICMP_UNREACH_FILTERED, quote, 0, h.headerLength));
    let connecting = 0;
    for (const c of this.tcp.values()) if (c.state === "syn-received") connecting++;
    if (this.tcp.size >= this.limits.maxTcp || connecting >= this.limits.maxConnecting) {
      this.drop("tcp-limit");
      return refuse();
    }
    const c = TcpConnection.fromGuestSyn(this, h.src, seg.srcPort, h.dst, seg.dstPort, seg, this.isn(), (handlers) =>
      this.host.connectTcp(to, seg.dstPort, handlers),
    );
    c.synQuote = quote;
    this.tcp.set(k, c);
  }

  private forwardIn(rule: HostForward, inc: HostIncomingTcp): void {
    if (this.closed || this.tcp.size >= this.limits.maxTcp) {
      this.drop("tcp-limit");
      inc.reject();
      return;
    }
    let peer = parseDottedQuad(inc.remoteHost.replace(/^::ffff:/, ""));
    if (peer === null || peer === 0 || isLoopback(peer)) peer = this.config.host;
    const guestIp = rule.guestAddr || this.config.dhcpStart;
    const k = key(guestIp, rule.guestPort, peer, inc.remotePort);
    this.tcp.get(k)?.finish();
    const c = TcpConnection.toGuest(this, guestIp, rule.guestPort, peer, inc.remotePort, this.isn());
    this.tcp.set(k, c);
    c.start((h) => inc.accept(h));
  }

  // ---- output helpers

  private isn(): number {
    this.isnState = (this.isnState + 0x9e3779b9 + ((this.now() * 250) >>> 0)) >>> 0;
    return this.isnState;
  }

  private sendUdp(src: number, srcPort: number, dst: number, dstPort: number, payload: Uint8Array): void {
    if (payload.length > 65535 - IPV4_HEADER - UDP_HEADER) return this.drop("udp-too-big");
    const f = GuestOutput.alloc(UDP_HEADER + payload.length);
    f.set(payload, ETH_HEADER + IPV4_HEADER + UDP_HEADER);
    writeUdp(f, ETH_HEADER + IPV4_HEADER, src, srcPort, dst, dstPort, payload.length);
    this.output.sendIpv4(f, src, dst, IPPROTO_UDP);
  }

  private sendIcmp(src: number, dst: number, body: Uint8Array, ttl?: number): void {
    const f = GuestOutput.alloc(body.length);
    f.set(body, ETH_HEADER + IPV4_HEADER);
    this.output.sendIpv4(f, src, dst, IPPROTO_ICMP, null, ttl);
  }

  private sendTcpRst(src: number, srcPort: number, dst: number, dstPort: number, seq: number, ack: number, withAck: boolean): void {
    const f = GuestOutput.alloc(TCP_HEADER);
    writeTcp(f, ETH_HEADER + IPV4_HEADER, src, srcPort, dst, dstPort, seq, ack, TCP_RST | (withAck ? TCP_ACK : 0), 0, 0, true);
    this.output.sendIpv4(f, src, dst, IPPROTO_TCP);
  }
}

function key(guestIp: number, guestPort: number, peerIp: number, peerPort: number): string {
  return `${guestIp}:${guestPort}:${peerIp}:${peerPort}`;
}
