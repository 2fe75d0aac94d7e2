// The user-mode NAT driven frame by frame with fake host sockets: ARP, ICMP echo, DHCP, DNS, UDP
// relay, TCP both ways (handshake, data, window, retransmission, FIN, RST), host forwarding, the
// policy and the limits. Frames are built and checked with test/net/frames.ts (its own checksum).
import { describe, expect, test } from "vitest";
import { RulePolicy } from "../../src/net/net-policy.ts";
import { NatHarness } from "./harness.ts";
import {
  ACK,
  arpRequest,
  BCAST,
  DNS_IP,
  dhcpMessage,
  dnsQuery,
  eth,
  FIN,
  GATEWAY,
  GUEST_IP,
  GUEST_MAC,
  guestIp,
  guestTcp,
  guestUdp,
  icmpEcho,
  ip,
  ipStr,
  ipv4,
  NAT_MAC,
  PSH,
  RST,
  SYN,
  udp,
  type Decoded,
} from "./frames.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe("ARP and ICMP", () => {
  test("answers who-has for the gateway and the DNS address, nothing else", () => {
    const h = new NatHarness();
    h.send(arpRequest(GUEST_IP, GATEWAY), arpRequest(GUEST_IP, DNS_IP), arpRequest(GUEST_IP, ip("10.0.2.77")));
    const out = h.take();
    expect(out.length).toBe(2);
    expect(out[0].arp).toMatchObject({ op: 2, senderIp: GATEWAY, targetIp: GUEST_IP });
    expect([...out[0].arp!.senderMac]).toEqual([0x52, 0x55, 10, 0, 2, 2]);
    expect([...out[0].dstMac]).toEqual([...GUEST_MAC]);
    expect(out[1].arp).toMatchObject({ op: 2, senderIp: DNS_IP });
    expect([...out[1].arp!.senderMac]).toEqual([0x52, 0x55, 10, 0, 2, 3]);
  });

  test("echo to the gateway is answered with the same id, sequence and data (TTL 255)", () => {
    const h = new NatHarness();
    const data = enc("ping payload 0123456789");
    h.send(guestIp(GATEWAY, 1, icmpEcho(0x1234, 7, data)), guestIp(ip("8.8.8.8"), 1, icmpEcho(1, 1, data)));
    const out = h.take();
    expect(out.length).toBe(1);
    const r = out[0];
    expect(r.ip).toMatchObject({ src: GATEWAY, dst: GUEST_IP, proto: 1, ttl: 255, checksumOk: true });
    expect(r.icmp!.checksumOk).toBe(true);
    expect(r.icmp!.type).toBe(0);
    expect([...r.icmp!.body.subarray(4)]).toEqual([0x12, 0x34, 0, 7, ...data]);
    expect(h.net.stats().drops["icmp-not-local"]).toBe(1);
  });

  test("bad IPv4 header checksums, fragments and bad ICMP checksums are dropped and counted", () => {
    const h = new NatHarness();
    const good = guestIp(GATEWAY, 1, icmpEcho(1, 1, enc("x")));
    const badIp = good.slice();
    badIp[24] ^= 0xff;
    const badIcmp = good.slice();
    badIcmp[14 + 20 + 8] ^= 1;
    const frag = guestIp(GATEWAY, 1, icmpEcho(1, 1, enc("x")), GUEST_IP, { frag: 0x2000 });
    h.send(badIp, badIcmp, frag, good.subarray(0, 20));
    expect(h.take()).toEqual([]);
    expect(h.net.stats().drops).toMatchObject({ "ipv4-checksum": 1, "icmp-checksum": 1, "ipv4-fragment": 1, "ipv4-short": 1 });
  });
});

describe("DHCP", () => {
  const dhcpFrame = (msg: Uint8Array, mac = GUEST_MAC) => eth(BCAST, mac, 0x0800, ipv4(0, 0xffffffff, 17, udp(0, 68, 0xffffffff, 67, msg)));
  const options = (d: Decoded) => {
    const b = d.udp!.data;
    const o = new Map<number, number[]>();
    for (let p = 240; p < b.length && b[p] !== 255;) {
      if (b[p] === 0) {
        p++;
        continue;
      }
      o.set(b[p], [...b.subarray(p + 2, p + 2 + b[p + 1])]);
      p += 2 + b[p + 1];
    }
    return o;
  };

  test("DISCOVER -> OFFER, REQUEST -> ACK with slirp's options; a wrong address gets a NAK", () => {
    const h = new NatHarness();
    h.send(dhcpFrame(dhcpMessage(1, GUEST_MAC, 0xabcd)));
    let [offer] = h.take();
    expect(offer.ip).toMatchObject({ src: GATEWAY, dst: 0xffffffff, checksumOk: true });
    expect(offer.udp).toMatchObject({ sport: 67, dport: 68, checksumOk: true });
    const b = offer.udp!.data;
    expect(b.length).toBe(548);
    expect(b[0]).toBe(2);
    expect([...b.subarray(4, 8)]).toEqual([0, 0, 0xab, 0xcd]);
    expect(ipStr(((b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19]) >>> 0)).toBe("10.0.2.15");
    let o = options(offer);
    expect(o.get(53)).toEqual([2]);
    expect(o.get(54)).toEqual([10, 0, 2, 2]);
    expect(o.get(1)).toEqual([255, 255, 255, 0]);
    expect(o.get(3)).toEqual([10, 0, 2, 2]);
    expect(o.get(6)).toEqual([10, 0, 2, 3]);
    expect(o.get(51)).toEqual([0, 1, 0x51, 0x80]);

    h.send(dhcpFrame(dhcpMessage(3, GUEST_MAC, 0xabce, [50, 4, 10, 0, 2, 15])));
    [offer] = h.take();
    o = options(offer);
    expect(o.get(53)).toEqual([5]);

    h.send(dhcpFrame(dhcpMessage(3, GUEST_MAC, 0xabcf, [50, 4, 10, 0, 2, 99])));
    [offer] = h.take();
    o = options(offer);
    expect(o.get(53)).toEqual([6]);
    expect(dec(Uint8Array.from(o.get(56)!))).toBe("requested address not available");

    // a second client gets the next address
    const mac2 = Uint8Array.of(0x52, 0x54, 0, 0x12, 0x34, 0x57);
    h.send(dhcpFrame(dhcpMessage(1, mac2, 1), mac2));
    [offer] = h.take();
    expect([...offer.udp!.data.subarray(16, 20)]).toEqual([10, 0, 2, 16]);
  });

  test("net= moves every address; restrict=on leaves out router and DNS", () => {
    const h = new NatHarness({
      options: [
        ["net", "192.168.76.0/24"],
        ["restrict", "on"],
      ],
    });
    h.send(dhcpFrame(dhcpMessage(1, GUEST_MAC, 5)));
    const [offer] = h.take();
    expect([...offer.udp!.data.subarray(16, 20)]).toEqual([192, 168, 76, 15]);
    const o = options(offer);
    expect(o.get(54)).toEqual([192, 168, 76, 2]);
    expect(o.has(3)).toBe(false);
    expect(o.has(6)).toBe(false);
  });

  test("garbage is dropped", () => {
    const h = new NatHarness();
    const m = dhcpMessage(1, GUEST_MAC, 1);
    m[0] = 2; // a BOOTREPLY from the guest
    h.send(dhcpFrame(m), dhcpFrame(m.subarray(0, 100)));
    expect(h.take()).toEqual([]);
    expect(h.net.stats().drops.dhcp).toBe(2);
  });
});

describe("DNS", () => {
  const query = (h: NatHarness, id: number, name: string, type: number) =>
    h.send(guestUdp(DNS_IP, 40000 + id, 53, dnsQuery(id, name, type)));
  const rcode = (d: Decoded) => d.udp!.data[3] & 15;
  const answers = (d: Decoded) => (d.udp!.data[6] << 8) | d.udp!.data[7];

  test("A from the host resolver (loopback answered as the gateway), NXDOMAIN, NODATA for AAAA, NOTIMP, FORMERR, REFUSED", async () => {
    const h = new NatHarness({ policy: new RulePolicy(["dns:example.test:*", "dns:localhost:*", "dns:missing.test:*"]) });
    h.host.names = new Map([
      [
        "example.test",
        [
          { address: "192.0.2.10", family: 4 },
          { address: "192.0.2.11", family: 4 },
          { address: "2001:db8::1", family: 6 },
        ],
      ],
      ["localhost", [{ address: "127.0.0.1", family: 4 }]],
    ]);
    query(h, 1, "Example.TEST", 1);
    query(h, 2, "localhost", 1);
    query(h, 3, "missing.test", 1);
    query(h, 4, "localhost", 28);
    query(h, 5, "example.test", 15);
    query(h, 6, "forbidden.test", 1);
    h.send(guestUdp(DNS_IP, 40007, 53, Uint8Array.of(0, 7, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0)));
    await new Promise((r) => setTimeout(r, 0));
    const out = h.take();
    const byId = new Map(out.map((d) => [(d.udp!.data[0] << 8) | d.udp!.data[1], d]));
    for (const d of out) {
      expect(d.ip).toMatchObject({ src: DNS_IP, dst: GUEST_IP });
      expect(d.udp).toMatchObject({ sport: 53, checksumOk: true });
    }
    const a = byId.get(1)!;
    expect(rcode(a)).toBe(0);
    expect(answers(a)).toBe(2);
    const data = a.udp!.data;
    expect([...data.subarray(data.length - 4)]).toEqual([192, 0, 2, 11]);
    expect(a.udp!.dport).toBe(40001);
    expect([...byId.get(2)!.udp!.data.subarray(-4)]).toEqual([10, 0, 2, 2]);
    expect(rcode(byId.get(3)!)).toBe(3);
    expect([rcode(byId.get(4)!), answers(byId.get(4)!)]).toEqual([0, 0]);
    expect(rcode(byId.get(5)!)).toBe(4);
    expect(rcode(byId.get(6)!)).toBe(5);
    expect(rcode(byId.get(7)!)).toBe(1);
  });

  test("a lookup that never finishes gets SERVFAIL after 10 s; pending lookups are bounded", () => {
    const h = new NatHarness({ limits: { maxDnsPending: 4 } });
    for (let i = 0; i < 10; i++) query(h, i, `slow${i}.test`, 1);
    expect(h.host.lookups.length).toBe(4);
    expect(h.take()).toEqual([]);
    h.advance(10_050);
    const out = h.take();
    expect(out.length).toBe(4);
    for (const d of out) expect(rcode(d)).toBe(2);
    expect(h.net.stats().dnsPending).toBe(0);
  });
});

describe("UDP relay", () => {
  test("guest datagrams go out through one host socket per guest port; replies come back; idle sessions expire", () => {
    const h = new NatHarness();
    h.send(
      guestUdp(GATEWAY, 5000, 9999, enc("hello")),
      guestUdp(ip("192.0.2.1"), 5000, 7, enc("x")),
      guestUdp(ip("192.0.2.1"), 5001, 7, enc("y")),
    );
    expect(h.host.udps.length).toBe(2);
    expect(h.host.udps[0].sent.map((s) => [dec(s.data), s.host, s.port])).toEqual([
      ["hello", "127.0.0.1", 9999],
      ["x", "192.0.2.1", 7],
    ]);
    h.host.udps[0].receive(enc("back"), "127.0.0.1", 9999);
    h.host.udps[0].receive(enc("other"), "192.0.2.1", 7);
    const out = h.take();
    expect(out.map((d) => [ipStr(d.ip!.src), d.udp!.sport, d.udp!.dport, dec(d.udp!.data), d.udp!.checksumOk])).toEqual([
      ["10.0.2.2", 9999, 5000, "back", true],
      ["192.0.2.1", 7, 5000, "other", true],
    ]);
    h.advance(239_000, 1000);
    expect(h.net.stats().udp).toBe(2);
    h.advance(2_000, 1000);
    expect(h.net.stats().udp).toBe(0);
    expect(h.host.open).toBe(0);
  });

  test("a datagram larger than the MTU reaches the guest as IP fragments", () => {
    const h = new NatHarness();
    h.send(guestUdp(GATEWAY, 5000, 9999, enc("q")));
    const big = new Uint8Array(4000).map((_, i) => i & 255);
    h.host.udps[0].receive(big, "127.0.0.1", 9999);
    const out = h.take();
    expect(out.length).toBe(3);
    expect(out.map((d) => d.ip!.frag & 0x3fff)).toEqual([0x2000, 0x2000 | (1480 / 8), 2960 / 8]);
    for (const d of out) expect(d.ip!.checksumOk).toBe(true);
  });
});

/** A guest-side TCP endpoint talking to the NAT through the harness (just enough for the tests). */
class GuestConn {
  seq = 1000;
  ack = 0;
  received: number[] = [];
  peerWindow = 0;
  last: Decoded[] = [];
  constructor(
    readonly h: NatHarness,
    readonly dst: number,
    readonly dport: number,
    readonly sport = 40000,
    public window = 65535,
  ) {}

  segment(flags: number, data?: Uint8Array, seq = this.seq, window = this.window): Uint8Array {
    return guestTcp(this.dst, this.sport, this.dport, {
      seq,
      ack: this.ack,
      flags,
      data,
      window,
      mss: flags & SYN ? 1460 : undefined,
      wscale: flags & SYN ? 2 : undefined,
    });
  }

  /** Frames for this connection from the NAT since the last call; ACKs data in order when `autoAck`. */
  read(autoAck = false): Decoded[] {
    const out = this.h.take().filter((d) => d.tcp && d.tcp.dport === this.sport);
    for (const d of out) {
      const t = d.tcp!;
      expect(t.checksumOk).toBe(true);
      if (t.flags & SYN) this.ack = (t.seq + 1) >>> 0;
      else if (t.seq === this.ack && t.data.length > 0) {
        this.received.push(...t.data);
        this.ack = (this.ack + t.data.length) >>> 0;
      }
      if (t.flags & FIN && (t.seq + t.data.length) >>> 0 === this.ack) this.ack = (this.ack + 1) >>> 0;
      this.peerWindow = t.window;
    }
    this.last = out;
    if (autoAck && out.some((d) => d.tcp!.data.length > 0 || d.tcp!.flags & FIN)) this.h.send(this.segment(ACK));
    return out;
  }
}

describe("TCP from the guest", () => {
  function established(h: NatHarness, port = 8080): { g: GuestConn; stream: import("./fake-host.ts").FakeStream } {
    const g = new GuestConn(h, GATEWAY, port);
    h.send(g.segment(SYN));
    expect(g.read()).toEqual([]); // no SYN-ACK before the host connection is up
    const stream = h.host.streams.at(-1)!;
    expect([stream.host, stream.port]).toEqual(["127.0.0.1", port]);
    stream.accept();
    const [synack] = g.read();
    expect(synack.tcp!.flags).toBe(SYN | ACK);
    expect(synack.tcp!.ack).toBe(1001);
    expect(synack.tcp!.mss).toBe(1460);
    expect(synack.tcp!.wscale).toBe(7);
    g.seq = 1001;
    h.send(g.segment(ACK));
    expect(h.net.connections()[0].state).toBe("established");
    return { g, stream };
  }

  test("handshake, data both ways, FIN from the guest then from the host; the host socket is closed", () => {
    const h = new NatHarness();
    const { g, stream } = established(h);
    h.send(g.segment(ACK | PSH, enc("GET / HTTP/1.0\r\n\r\n")));
    g.seq += 18;
    expect(dec(stream.written[0])).toBe("GET / HTTP/1.0\r\n\r\n");
    expect(g.read()).toEqual([]); // a small segment's ACK is delayed (up to 40 ms)
    h.advance(50);
    const [ack] = g.read();
    expect(ack.tcp!.ack).toBe(g.seq);
    // two full segments are acknowledged at the end of the batch
    h.send(g.segment(ACK, new Uint8Array(1460)), g.segment(ACK, new Uint8Array(1460), g.seq + 1460));
    g.seq += 2920;
    expect(g.read().map((d) => d.tcp!.ack)).toEqual([g.seq]);
    stream.written = [];
    stream.send(enc("HTTP/1.0 200 OK\r\n\r\nhello"));
    g.read(true);
    expect(dec(Uint8Array.from(g.received))).toBe("HTTP/1.0 200 OK\r\n\r\nhello");
    h.send(g.segment(FIN | ACK));
    g.seq++;
    expect(g.read()[0].tcp).toMatchObject({ flags: ACK, ack: g.seq });
    expect(stream.ended).toBe(true);
    expect(h.net.connections()[0].state).toBe("close-wait");
    stream.sendEnd();
    const [fin] = g.read();
    expect(fin.tcp!.flags & FIN).toBe(FIN);
    expect(h.net.connections()[0].state).toBe("last-ack");
    h.send(g.segment(ACK));
    expect(h.net.stats().tcp).toBe(0);
    expect(stream.closed).toBe(true);
    expect(h.host.open).toBe(0);
  });

  test("the host finishes first: FIN to the guest, TIME-WAIT after the guest's FIN, then gone", () => {
    const h = new NatHarness();
    const { g, stream } = established(h);
    stream.send(enc("bye"));
    stream.sendEnd();
    g.read(true);
    expect(dec(Uint8Array.from(g.received))).toBe("bye");
    expect(h.net.connections()[0].state).toBe("fin-wait-2");
    h.send(g.segment(FIN | ACK));
    expect(h.net.connections()[0].state).toBe("time-wait");
    h.advance(2100);
    expect(h.net.stats().tcp).toBe(0);
    expect(h.host.open).toBe(0);
  });

  test("refused -> RST; policy -> ICMP administratively prohibited; connect timeout -> ICMP host unreachable", () => {
    const h = new NatHarness({ policy: new RulePolicy(["tcp:127.0.0.1:*", "tcp:192.0.2.0/24:*"]) });
    const g = new GuestConn(h, GATEWAY, 1);
    h.send(g.segment(SYN));
    h.host.streams[0].refuse();
    const [rst] = g.read();
    expect(rst.tcp).toMatchObject({ flags: RST | ACK, ack: 1001 });
    const g2 = new GuestConn(h, ip("198.51.100.1"), 80, 40001);
    h.send(g2.segment(SYN));
    const [icmp] = h.take();
    expect(icmp.icmp).toMatchObject({ type: 3, code: 13, checksumOk: true });
    expect(h.host.streams.length).toBe(1);
    const g3 = new GuestConn(h, ip("192.0.2.5"), 80, 40002);
    h.send(g3.segment(SYN));
    h.advance(60_100, 500);
    const out = h.take().filter((d) => d.icmp);
    expect(out[0].icmp).toMatchObject({ type: 3, code: 1 });
    // the quoted header lets the guest find its socket: source port 40002
    expect([out[0].icmp!.body[28], out[0].icmp!.body[29]]).toEqual([40002 >> 8, 40002 & 255]);
    expect(h.net.stats().tcp).toBe(0);
    expect(h.host.open).toBe(0);
  });

  test("segments for no connection get a RST; a bad TCP checksum is dropped", () => {
    const h = new NatHarness();
    const g = new GuestConn(h, GATEWAY, 80);
    h.send(g.segment(ACK, enc("stray")));
    const [rst] = g.read();
    expect(rst.tcp!.flags).toBe(RST);
    const bad = g.segment(SYN);
    bad[bad.length - 25] ^= 0x40; // inside the TCP header's options / ports area
    h.send(bad);
    expect(h.take()).toEqual([]);
    expect(h.net.stats().drops["tcp-checksum"]).toBe(1);
  });

  test("the guest's window limits what is sent; data waits, the host is paused above the high mark", () => {
    const h = new NatHarness({ limits: { sendHigh: 8192, sendLow: 2048 } });
    const { g, stream } = established(h);
    // the guest's window (scaled by 4) shrinks to 1000 * 4 bytes
    h.send(g.segment(ACK, undefined, g.seq, 1000));
    stream.send(new Uint8Array(10_000).fill(7));
    const out = g.read();
    // two full segments; the last 1080 bytes of window wait (sender silly-window avoidance)
    expect(out.reduce((n, d) => n + d.tcp!.data.length, 0)).toBe(2920);
    expect(stream.paused).toBe(true);
    g.received = [];
    g.read(); // nothing more
    // acknowledge and open the window: the rest flows, the host resumes below the low mark
    g.ack = (g.ack + 0) >>> 0;
    for (const d of out) g.received.push(...d.tcp!.data);
    g.ack = (out[0].tcp!.seq + 2920) >>> 0;
    h.send(g.segment(ACK, undefined, g.seq, 16000));
    const rest = g.read(true);
    expect(rest.reduce((n, d) => n + d.tcp!.data.length, 0)).toBe(7080);
    expect(stream.paused).toBe(false);
  });

  test("unacknowledged data is retransmitted after the RTO, and after three duplicate ACKs", () => {
    const h = new NatHarness();
    const { g, stream } = established(h);
    stream.send(new Uint8Array(3000).fill(1));
    const first = g.read(); // received, not acknowledged
    expect(first.length).toBe(3); // 1460 + 1460 + 80
    h.advance(1100);
    const again = g.read();
    expect(again.length).toBeGreaterThan(0);
    expect(again[0].tcp!.seq).toBe(first[0].tcp!.seq);
    // duplicate ACKs for the first segment
    const una = first[0].tcp!.seq;
    g.ack = una;
    for (let i = 0; i < 3; i++) h.send(g.segment(ACK));
    const fast = g.read();
    expect(fast.some((d) => d.tcp!.seq === una && d.tcp!.data.length === 1460)).toBe(true);
  });

  test("guest data beyond the advertised window is cut; out-of-order data gets a duplicate ACK", () => {
    const h = new NatHarness({ limits: { rcvBuffer: 4096, wscale: 0 } });
    const g = new GuestConn(h, GATEWAY, 80);
    h.send(g.segment(SYN));
    h.host.streams[0].accept();
    // the guest asked for window scaling: the SYN-ACK answers with shift 0 so its own scaling holds
    expect(g.read()[0].tcp!.wscale).toBe(0);
    g.seq = 1001;
    h.send(g.segment(ACK));
    const stream = h.host.streams[0];
    h.send(g.segment(ACK, new Uint8Array(6000).fill(3)));
    expect(stream.bytesWritten).toBe(4096);
    h.send(g.segment(ACK, enc("later"), g.seq + 9000));
    const acks = g.read();
    expect(acks.at(-1)!.tcp!.ack).toBe(1001 + 4096);
    expect(stream.bytesWritten).toBe(4096);
  });

  test("a RST from the guest closes the host side", () => {
    const h = new NatHarness();
    const { g, stream } = established(h);
    h.send(g.segment(RST | ACK));
    expect(stream.closed).toBe(true);
    expect(h.net.stats().tcp).toBe(0);
  });

  test("a host error resets the guest's connection", () => {
    const h = new NatHarness();
    const { g, stream } = established(h);
    stream.peerClose({ code: "reset", message: "reset" });
    const [rst] = g.read();
    expect(rst.tcp!.flags & RST).toBe(RST);
    expect(h.net.stats().tcp).toBe(0);
  });

  test("connection limits: beyond maxConnecting the SYN is refused", () => {
    const h = new NatHarness({ limits: { maxConnecting: 3 } });
    for (let i = 0; i < 5; i++) h.send(new GuestConn(h, GATEWAY, 80, 41000 + i).segment(SYN));
    expect(h.host.streams.length).toBe(3);
    expect(h.take().filter((d) => d.tcp && d.tcp.flags & RST).length).toBe(2);
    h.net.close();
    expect(h.host.open).toBe(0);
  });

  test("an unresponsive guest is abandoned: SYN-ACK retransmissions, then keepalive probes", () => {
    const h = new NatHarness();
    const g = new GuestConn(h, GATEWAY, 80);
    h.send(g.segment(SYN));
    h.host.streams[0].accept();
    h.advance(31_000, 500);
    expect(h.net.stats().tcp).toBe(0);
    expect(h.host.open).toBe(0);
    const h2 = new NatHarness();
    established(h2);
    h2.advance(600_000 + 9 * 75_000 + 1000, 5000);
    expect(h2.net.stats().tcp).toBe(0);
    expect(h2.host.open).toBe(0);
  });
});

describe("host forwarding", () => {
  test("a host connection becomes a SYN to the guest (after ARP), data flows both ways", async () => {
    const h = new NatHarness({ options: [["hostfwd", "tcp:127.0.0.1:2222-:22"]] });
    const started = h.net.startForwarding();
    h.host.flushEvents();
    await started;
    expect(h.host.listeners.map((l) => [l.host, l.port])).toEqual([["127.0.0.1", 2222]]);
    const pending = h.host.listeners[0].connect("127.0.0.1", 50000);
    h.host.flushEvents();
    const stream = (await pending)!;
    let out = h.take();
    expect(out[0].arp).toMatchObject({ op: 1, targetIp: GUEST_IP });
    h.send(eth(NAT_MAC, GUEST_MAC, 0x0806, Uint8Array.from([0, 1, 8, 0, 6, 4, 0, 2, ...GUEST_MAC, 10, 0, 2, 15, ...NAT_MAC, 10, 0, 2, 2])));
    out = h.take();
    const syn = out[0].tcp!;
    expect(out[0].ip).toMatchObject({ src: GATEWAY, dst: GUEST_IP });
    expect(syn).toMatchObject({ flags: SYN, sport: 50000, dport: 22, mss: 1460, wscale: 7 });
    const g = new GuestConn(h, GATEWAY, 50000, 22);
    g.ack = (syn.seq + 1) >>> 0;
    h.send(guestTcp(GATEWAY, 22, 50000, { seq: 5000, ack: g.ack, flags: SYN | ACK, mss: 1460, wscale: 0 }));
    g.seq = 5001;
    const [ack] = g.read();
    expect(ack.tcp).toMatchObject({ flags: ACK, ack: 5001 });
    stream.send(enc("ssh-hello"));
    g.read(true);
    expect(dec(Uint8Array.from(g.received))).toBe("ssh-hello");
    h.send(g.segment(ACK | PSH, enc("SSH-2.0")));
    expect(dec(stream.written[0])).toBe("SSH-2.0");
    h.net.close();
    expect(h.host.open).toBe(0);
  });

  test("a rule that cannot bind fails with QEMU's message", async () => {
    const h = new NatHarness({ options: [["hostfwd", "tcp::2222-:22"]] });
    h.host.failListen = true;
    const started = h.net.startForwarding();
    h.host.flushEvents();
    await expect(started).rejects.toThrow("Could not set up host forwarding rule 'tcp::2222-:22'");
  });

  test("UDP forwarding: host datagrams reach the guest port, answers go back to the host peer", async () => {
    const h = new NatHarness({ options: [["hostfwd", "udp::5353-:53"]] });
    const started = h.net.startForwarding();
    h.host.flushEvents();
    await started;
    const u = h.host.udps[0];
    expect(u.bind).toEqual({ host: "0.0.0.0", port: 5353 });
    h.send(arpRequest(GUEST_IP, GATEWAY));
    h.take();
    u.receive(enc("query"), "127.0.0.1", 60000);
    const [d] = h.take();
    expect([ipStr(d.ip!.src), d.udp!.sport, ipStr(d.ip!.dst), d.udp!.dport, dec(d.udp!.data)]).toEqual([
      "10.0.2.2",
      60000,
      "10.0.2.15",
      53,
      "query",
    ]);
    h.send(guestUdp(GATEWAY, 53, 60000, enc("answer")));
    expect(u.sent.map((s) => [dec(s.data), s.host, s.port])).toEqual([["answer", "127.0.0.1", 60000]]);
  });
});

describe("offloads", () => {
  test("with TSO and checksum offload the NAT sends 64 KiB segments marked for GSO", () => {
    const h = new NatHarness();
    h.nic.rxTso = true;
    h.nic.rxChecksumOffload = true;
    const g = new GuestConn(h, GATEWAY, 80, 40000, 65535);
    h.send(g.segment(SYN));
    h.host.streams[0].accept();
    g.read();
    g.seq = 1001;
    h.send(g.segment(ACK, undefined, g.seq, 30000)); // window 30000 << 2
    h.host.streams[0].send(new Uint8Array(200_000).fill(9));
    h.host.flushEvents();
    const frames = h.nic.frames;
    expect(frames.length).toBe(2);
    expect(frames[0].offload).toEqual({ checksumNotFilled: true, gsoMss: 1460 });
    expect(frames[0].frame.length).toBe(14 + 20 + 20 + 65495);
    expect(frames[1].frame.length).toBe(14 + 40 + 120_000 - 65495);
  });

  test("frames whose checksum the guest left for the device are not checked", () => {
    const h = new NatHarness();
    const g = new GuestConn(h, GATEWAY, 80);
    const f = g.segment(SYN);
    f[14 + 20 + 16] ^= 0xff; // a partial checksum, as Linux leaves it with NEEDS_CSUM
    h.net.receive(f, true);
    expect(h.host.streams.length).toBe(1);
  });
});
