// Fuzzing the NAT: seeded random and mutated frames (valid ones from a corpus, with bytes flipped,
// cut, extended, and checksums sometimes repaired so the damage reaches the deeper parsers), mixed
// with random host events (connects accepted or refused, data, ends, errors, lookups, datagrams),
// clock jumps and NIC back-pressure. After every step the NAT must be consistent: no exception,
// every open host socket belongs to a live connection or session, limits hold, the byte accounting
// adds up, and every frame it sent is well formed. At the end, silence and time must release every
// host socket, and close() the rest.
//
// Seeds: TCIEMU_NET_FUZZ_SEEDS=1,2,3 and TCIEMU_NET_FUZZ_STEPS=N override the defaults.
import { describe, expect, test } from "vitest";
import {
  refChecksum,
  ACK,
  arpReply,
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
  ipv4,
  NAT_MAC,
  PSH,
  RST,
  SYN,
  udp,
  decode,
} from "./frames.ts";
import { NatHarness } from "./harness.ts";

const SEEDS = (process.env.TCIEMU_NET_FUZZ_SEEDS ?? "1,2,3,4").split(",").map(Number);
const STEPS = Number(process.env.TCIEMU_NET_FUZZ_STEPS ?? 3000);

/** mulberry32 */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Recomputes the IPv4 header checksum and the TCP/UDP/ICMP checksum of a frame, where the lengths allow. */
function repair(f: Uint8Array): void {
  if (f.length < 34 || f[12] !== 8 || f[13] !== 0) return;
  const ihl = (f[14] & 15) * 4;
  if (ihl < 20 || f.length < 14 + ihl) return;
  f[24] = f[25] = 0;
  const c = refChecksum([f.subarray(14, 14 + ihl)]);
  f[24] = c >>> 8;
  f[25] = c & 255;
  const total = (f[16] << 8) | f[17];
  if (total < ihl || 14 + total > f.length) return;
  const l4 = 14 + ihl;
  const len = total - ihl;
  const proto = f[23];
  const at = proto === 6 ? 16 : proto === 17 ? 6 : proto === 1 ? 2 : -1;
  if (at < 0 || len < at + 2) return;
  f[l4 + at] = f[l4 + at + 1] = 0;
  const pseudo = Uint8Array.from([...f.subarray(26, 34), 0, proto, len >>> 8, len & 255]);
  const s = refChecksum(proto === 1 ? [f.subarray(l4, l4 + len)] : [pseudo, f.subarray(l4, l4 + len)]);
  f[l4 + at] = s >>> 8;
  f[l4 + at + 1] = s & 255;
}

describe("NAT fuzzing", () => {
  for (const seed of SEEDS) {
    test(`seed ${seed}: ${STEPS} steps of random and mutated traffic and host events`, { timeout: 120_000 }, async () => {
      const r = rng(seed);
      const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
      const int = (n: number) => Math.floor(r() * n);
      const limits = {
        maxTcp: 24,
        maxConnecting: 8,
        maxUdpSessions: 12,
        maxDnsPending: 6,
        sendHigh: 20_000,
        sendLow: 5_000,
        rcvBuffer: 30_000,
      };
      const h = new NatHarness({
        options: [
          ["hostfwd", "tcp::2222-:22"],
          ["hostfwd", "udp::5353-:53"],
        ],
        limits,
      });
      await h.startForwarding();
      const externals = [
        GATEWAY,
        DNS_IP,
        ip("192.0.2.1"),
        ip("198.51.100.7"),
        ip("10.0.2.99"),
        ip("224.0.0.251"),
        0xffffffff,
        ip("127.0.0.1"),
      ];
      const ports = [22, 53, 67, 68, 80, 443, 8080, 0, 65535];
      const data = (n: number) => Uint8Array.from({ length: n }, () => int(256));

      const validFrame = (): Uint8Array => {
        const conns = h.net.connections();
        switch (int(12)) {
          case 0:
            return arpRequest(GUEST_IP, pick(externals));
          case 1:
            return arpReply(GUEST_IP, GATEWAY);
          case 2:
            return guestIp(pick(externals), 1, icmpEcho(int(65536), int(65536), data(int(100))));
          case 3:
            return eth(
              BCAST,
              GUEST_MAC,
              0x0800,
              ipv4(
                0,
                0xffffffff,
                17,
                udp(
                  0,
                  68,
                  0xffffffff,
                  67,
                  dhcpMessage(pick([1, 3, 7, 8]), GUEST_MAC, int(1e9), r() < 0.5 ? [50, 4, 10, 0, 2, 15 + int(20)] : []),
                ),
              ),
            );
          case 4:
            return guestUdp(
              DNS_IP,
              1024 + int(60000),
              53,
              dnsQuery(int(65536), pick(["a.test", "localhost", "", "x".repeat(70), "b.test"]), pick([1, 28, 15, 255])),
            );
          case 5:
            return guestUdp(pick(externals), 1024 + int(16), pick(ports), data(int(2000)));
          case 6:
            return guestTcp(pick(externals), 40000 + int(40), pick(ports), {
              seq: int(2 ** 32),
              flags: SYN,
              mss: pick([0, 536, 1460, 9000]),
              wscale: pick([0, 7, 14, 20]),
            });
          default: {
            if (conns.length === 0)
              return guestTcp(GATEWAY, 40000 + int(40), 80, { seq: int(2 ** 32), flags: pick([ACK, RST, FIN | ACK, SYN | ACK]) });
            // a segment for an existing connection, with plausible or random numbers
            const c = pick(conns);
            const near = (x: number) => (x + int(5000) - 2500) >>> 0;
            const seen = natSent.get(`${c.guestIp}:${c.guestPort}:${c.peerIp}:${c.peerPort}`);
            const seg = {
              seq: r() < 0.8 ? (r() < 0.7 ? c.expectedSeq : near(c.expectedSeq)) : int(2 ** 32),
              ack: seen !== undefined && r() < 0.85 ? (r() < 0.7 ? seen : near(seen)) : int(2 ** 32),
              flags: pick([ACK, ACK | PSH, ACK | FIN, RST, RST | ACK, SYN, SYN | ACK, ACK]),
              window: pick([0, 1, 100, 65535]),
              data: r() < 0.5 ? data(int(3000)) : undefined,
            };
            return guestTcp(c.peerIp, c.guestPort, c.peerPort, seg, c.guestIp);
          }
        }
      };

      const mutate = (f: Uint8Array): Uint8Array => {
        let m = f.slice();
        const n = 1 + int(6);
        for (let i = 0; i < n; i++) {
          const k = int(4);
          if (k === 0 && m.length > 0) m[int(m.length)] = int(256);
          else if (k === 1) m = m.subarray(0, int(m.length + 1)).slice();
          else if (k === 2) {
            const e = new Uint8Array(m.length + int(64));
            e.set(m);
            for (let j = m.length; j < e.length; j++) e[j] = int(256);
            m = e;
          } else if (m.length > 20) m[14 + int(Math.min(40, m.length - 14))] ^= 1 << int(8); // header bits
        }
        if (r() < 0.6) repair(m);
        return m;
      };

      const hostEvent = () => {
        const live = h.host.streams.filter((s) => !s.closed);
        const k = int(10);
        if (k < 6 && live.length > 0) {
          const s = pick(live);
          switch (int(7)) {
            case 0:
              if (!s.connected) s.accept();
              break;
            case 1:
              if (!s.connected) s.refuse(pick(["refused", "unreachable", "timeout", "reset", "other"] as const));
              break;
            case 2:
            case 3:
              s.send(data(1 + int(20_000)));
              break;
            case 4:
              s.sendEnd();
              break;
            case 5:
              s.bufferedAmount = int(60_000);
              if (r() < 0.5) s.drain();
              break;
            case 6:
              h.host.later(() => s.peerClose(r() < 0.5 ? null : { code: "reset", message: "reset" }));
              break;
          }
        } else if (k === 6) {
          const u = h.host.udps.filter((x) => !x.closed);
          if (u.length > 0) pick(u).receive(data(int(3000)), pick(["127.0.0.1", "192.0.2.1", "::1", "bogus"]), int(65536));
        } else if (k === 7) {
          const l = h.host.lookups.shift();
          if (l) {
            if (r() < 0.5) l.resolve([{ address: pick(["127.0.0.1", "192.0.2.5", "2001:db8::5"]), family: 4 }]);
            else l.reject({ code: pick(["not-found", "other"] as const), message: "x" });
          }
        } else if (k === 8) {
          void h.host.listeners[0].connect(pick(["127.0.0.1", "::ffff:192.0.2.9", "::1"]), int(65536));
        } else {
          h.nic.ready = r() < 0.8;
          if (h.nic.ready) h.net.linkReady();
        }
      };

      const check = () => {
        const st = h.net.stats();
        const conns = h.net.connections();
        expect(st.tcp).toBeLessThanOrEqual(limits.maxTcp);
        expect(st.udp).toBeLessThanOrEqual(limits.maxUdpSessions + 1);
        expect(st.dnsPending).toBeLessThanOrEqual(limits.maxDnsPending);
        expect(st.arpWaiting).toBeLessThanOrEqual(16 * 8);
        expect(st.queuedBytes).toBe(conns.reduce((n, c) => n + c.queuedBytes, 0));
        // every open host stream belongs to a live connection (no leaked host sockets)
        const owned = new Set(conns.map((c) => c.host));
        for (const s of h.host.streams) if (!s.closed) expect(owned.has(s)).toBe(true);
        for (const c of conns) {
          expect(c.state).not.toBe("closed");
          statesSeen.add(c.state);
        }
        expect(h.host.udps.filter((u) => !u.closed).length).toBe(st.udp);
        // what went to the guest is well formed
        for (const { frame, offload } of h.nic.frames) {
          const d = decode(frame);
          if (d.tcp) {
            const t = d.tcp;
            natSent.set(
              `${d.ip!.dst}:${t.dport}:${d.ip!.src}:${t.sport}`,
              (t.seq + t.data.length + (t.flags & SYN ? 1 : 0) + (t.flags & FIN ? 1 : 0)) >>> 0,
            );
          }
          if (d.ip) {
            expect(d.ip.checksumOk).toBe(true);
            expect(frame.length).toBeLessThanOrEqual(offload?.gsoMss ? 65535 + 14 : 1514);
            const fragment = (d.ip.frag & 0x3fff) !== 0; // L4 checksums cover the whole datagram
            if (d.tcp) expect(d.tcp.checksumOk).toBe(true);
            if (d.udp && !fragment) expect(d.udp.checksumOk).toBe(true);
            if (d.icmp) expect(d.icmp.checksumOk).toBe(true);
          } else expect(d.arp).toBeDefined();
        }
        h.nic.frames = [];
      };

      const statesSeen = new Set<string>();
      /** Per connection (guest:port:peer:port), the end of what the NAT sent: what a guest would acknowledge. */
      const natSent = new Map<string, number>();
      let sent = 0;
      for (let step = 0; step < STEPS; step++) {
        const k = r();
        if (k < 0.35) {
          h.net.receive(validFrame(), r() < 0.05);
          sent++;
        } else if (k < 0.65) {
          h.net.receive(mutate(validFrame()), false);
          sent++;
        } else if (k < 0.68) h.net.receive(data(int(200)), false);
        else if (k < 0.9) hostEvent();
        else h.advance(pick([10, 50, 300, 1000, 5000, 60_000]), 50);
        if (r() < 0.3) h.net.flush();
        h.host.flushEvents();
        await Promise.resolve(); // lookups settle
        check();
      }
      expect(sent).toBeGreaterThan(STEPS / 2);
      // the traffic reached the interesting states, and bytes moved both ways
      expect([...statesSeen].sort()).toEqual(expect.arrayContaining(["established", "syn-received", "syn-sent"]));
      expect(statesSeen.size).toBeGreaterThanOrEqual(5);
      expect(h.host.streams.reduce((n, s) => n + s.bytesWritten, 0)).toBeGreaterThan(0);
      if (process.env.FUZZ_TRACE) process.stderr.write(`states ${[...statesSeen]} drops ${JSON.stringify(h.net.stats().drops)}\n`);

      // silence: every connection, session and lookup ends by itself
      h.nic.ready = true;
      h.net.linkReady();
      for (const l of h.host.lookups.splice(0)) l.reject({ code: "other", message: "late" });
      await Promise.resolve();
      h.advance(3 * 3600_000, 5000);
      check();
      const st = h.net.stats();
      expect([st.tcp, st.udp - 1, st.dnsPending]).toEqual([0, 0, 0]); // the UDP forwarding rule stays
      expect(h.host.open).toBe(2); // the two forwarding rules
      h.net.close();
      expect(h.host.open).toBe(0);
      expect(NAT_MAC.length).toBe(6);
    });
  }
});
