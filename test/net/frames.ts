// Frame building and parsing for the NAT tests: what a guest's stack would put on the wire, and a
// decoder for what the NAT sends back (independent of src/net's own parsers where it matters:
// checksums are verified here with a plain reference implementation).

export const GUEST_MAC = Uint8Array.of(0x52, 0x54, 0, 0x12, 0x34, 0x56);
export const NAT_MAC = Uint8Array.of(0x52, 0x55, 10, 0, 2, 2);
export const BCAST = Uint8Array.of(255, 255, 255, 255, 255, 255);
export const GUEST_IP = ip("10.0.2.15");
export const GATEWAY = ip("10.0.2.2");
export const DNS_IP = ip("10.0.2.3");

export function ip(s: string): number {
  return s.split(".").reduce((a, b) => a * 256 + Number(b), 0) >>> 0;
}

export function ipStr(a: number): string {
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join(".");
}

/** Reference one's-complement checksum (RFC 1071), written independently of src/net/checksum.ts. */
export function refChecksum(parts: Uint8Array[]): number {
  let sum = 0;
  const bytes: number[] = [];
  for (const p of parts) bytes.push(...p);
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return ~sum & 0xffff;
}

function be16(n: number): number[] {
  return [(n >>> 8) & 255, n & 255];
}

function be32(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function pseudo(src: number, dst: number, proto: number, len: number): Uint8Array {
  return Uint8Array.from([...be32(src), ...be32(dst), 0, proto, ...be16(len)]);
}

export function eth(dst: Uint8Array, src: Uint8Array, type: number, payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(14 + payload.length);
  f.set(dst, 0);
  f.set(src, 6);
  f[12] = type >>> 8;
  f[13] = type & 255;
  f.set(payload, 14);
  return f;
}

export function ipv4(
  src: number,
  dst: number,
  proto: number,
  payload: Uint8Array,
  o: { id?: number; ttl?: number; frag?: number } = {},
): Uint8Array {
  const h = Uint8Array.from([
    0x45,
    0,
    ...be16(20 + payload.length),
    ...be16(o.id ?? 1),
    ...be16(o.frag ?? 0x4000),
    o.ttl ?? 64,
    proto,
    0,
    0,
    ...be32(src),
    ...be32(dst),
  ]);
  const c = refChecksum([h]);
  h[10] = c >>> 8;
  h[11] = c & 255;
  const p = new Uint8Array(20 + payload.length);
  p.set(h);
  p.set(payload, 20);
  return p;
}

export function udp(src: number, sport: number, dst: number, dport: number, data: Uint8Array): Uint8Array {
  const u = new Uint8Array(8 + data.length);
  u.set([...be16(sport), ...be16(dport), ...be16(8 + data.length), 0, 0]);
  u.set(data, 8);
  let c = refChecksum([pseudo(src, dst, 17, u.length), u]);
  if (c === 0) c = 0xffff;
  u[6] = c >>> 8;
  u[7] = c & 255;
  return u;
}

export interface TcpOpts {
  seq: number;
  ack?: number;
  flags: number;
  window?: number;
  mss?: number;
  wscale?: number;
  data?: Uint8Array;
}

export const FIN = 1;
export const SYN = 2;
export const RST = 4;
export const PSH = 8;
export const ACK = 16;

export function tcp(src: number, sport: number, dst: number, dport: number, o: TcpOpts): Uint8Array {
  const opts: number[] = [];
  if (o.mss !== undefined) opts.push(2, 4, ...be16(o.mss));
  if (o.wscale !== undefined) opts.push(1, 3, 3, o.wscale);
  while (opts.length % 4) opts.push(0);
  const data = o.data ?? new Uint8Array(0);
  const hl = 20 + opts.length;
  const t = new Uint8Array(hl + data.length);
  t.set([
    ...be16(sport),
    ...be16(dport),
    ...be32(o.seq >>> 0),
    ...be32((o.ack ?? 0) >>> 0),
    (hl / 4) << 4,
    o.flags,
    ...be16(o.window ?? 65535),
    0,
    0,
    0,
    0,
    ...opts,
  ]);
  t.set(data, hl);
  const c = refChecksum([pseudo(src, dst, 6, t.length), t]);
  t[16] = c >>> 8;
  t[17] = c & 255;
  return t;
}

/** A guest frame: Ethernet to the NAT's MAC around an IPv4 packet. */
export function guestIp(dst: number, proto: number, l4: Uint8Array, src = GUEST_IP, o: { id?: number; frag?: number } = {}): Uint8Array {
  return eth(NAT_MAC, GUEST_MAC, 0x0800, ipv4(src, dst, proto, l4, o));
}

export function guestTcp(dst: number, sport: number, dport: number, o: TcpOpts, src = GUEST_IP): Uint8Array {
  return guestIp(dst, 6, tcp(src, sport, dst, dport, o), src);
}

export function guestUdp(dst: number, sport: number, dport: number, data: Uint8Array, src = GUEST_IP): Uint8Array {
  return guestIp(dst, 17, udp(src, sport, dst, dport, data), src);
}

export function arpRequest(senderIp: number, targetIp: number, senderMac = GUEST_MAC): Uint8Array {
  return eth(
    BCAST,
    senderMac,
    0x0806,
    Uint8Array.from([0, 1, 8, 0, 6, 4, 0, 1, ...senderMac, ...be32(senderIp), 0, 0, 0, 0, 0, 0, ...be32(targetIp)]),
  );
}

export function arpReply(senderIp: number, targetIp: number, senderMac = GUEST_MAC): Uint8Array {
  return eth(
    NAT_MAC,
    senderMac,
    0x0806,
    Uint8Array.from([0, 1, 8, 0, 6, 4, 0, 2, ...senderMac, ...be32(senderIp), ...NAT_MAC, ...be32(targetIp)]),
  );
}

export function icmpEcho(id: number, seq: number, data: Uint8Array): Uint8Array {
  const m = new Uint8Array(8 + data.length);
  m.set([8, 0, 0, 0, ...be16(id), ...be16(seq)]);
  m.set(data, 8);
  const c = refChecksum([m]);
  m[2] = c >>> 8;
  m[3] = c & 255;
  return m;
}

export function dhcpMessage(type: number, mac: Uint8Array, xid: number, opts: number[] = [], ciaddr = 0): Uint8Array {
  const m = new Uint8Array(300);
  m.set([1, 1, 6, 0, ...be32(xid), 0, 0, 0x80, 0, ...be32(ciaddr)]);
  m.set(mac, 28);
  m.set([99, 130, 83, 99, 53, 1, type, ...opts, 255], 236);
  return m;
}

export function dnsQuery(id: number, name: string, qtype: number): Uint8Array {
  const q: number[] = [...be16(id), 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
  for (const l of name.split(".").filter(Boolean)) q.push(l.length, ...new TextEncoder().encode(l));
  q.push(0, ...be16(qtype), 0, 1);
  return Uint8Array.from(q);
}

export interface Decoded {
  dstMac: Uint8Array;
  srcMac: Uint8Array;
  type: number;
  arp?: { op: number; senderIp: number; targetIp: number; senderMac: Uint8Array };
  ip?: { src: number; dst: number; proto: number; ttl: number; checksumOk: boolean; frag: number };
  tcp?: {
    sport: number;
    dport: number;
    seq: number;
    ack: number;
    flags: number;
    window: number;
    mss: number;
    wscale: number;
    data: Uint8Array;
    checksumOk: boolean;
  };
  udp?: { sport: number; dport: number; data: Uint8Array; checksumOk: boolean };
  icmp?: { type: number; code: number; body: Uint8Array; checksumOk: boolean };
}

/** Decodes a frame from the NAT, verifying every checksum with the reference implementation. */
export function decode(f: Uint8Array, tcpChecksumFilled = true): Decoded {
  const d: Decoded = { dstMac: f.slice(0, 6), srcMac: f.slice(6, 12), type: (f[12] << 8) | f[13] };
  const r16 = (o: number) => (f[o] << 8) | f[o + 1];
  const r32 = (o: number) => ((f[o] << 24) | (f[o + 1] << 16) | (f[o + 2] << 8) | f[o + 3]) >>> 0;
  if (d.type === 0x0806) {
    d.arp = { op: r16(20), senderMac: f.slice(22, 28), senderIp: r32(28), targetIp: r32(38) };
    return d;
  }
  if (d.type !== 0x0800) return d;
  const ihl = (f[14] & 15) * 4;
  const total = r16(16);
  d.ip = { src: r32(26), dst: r32(30), proto: f[23], ttl: f[22], checksumOk: refChecksum([f.subarray(14, 14 + ihl)]) === 0, frag: r16(20) };
  const l4 = 14 + ihl;
  const len = total - ihl;
  const l4b = f.subarray(l4, l4 + len);
  if (d.ip.proto === 6) {
    const hl = (f[l4 + 12] >>> 4) * 4;
    let mss = 0;
    let wscale = -1;
    for (let i = l4 + 20; i < l4 + hl;) {
      if (f[i] === 0) break;
      if (f[i] === 1) {
        i++;
        continue;
      }
      if (f[i] === 2) mss = r16(i + 2);
      if (f[i] === 3) wscale = f[i + 2];
      i += f[i + 1];
    }
    const ok = !tcpChecksumFilled || refChecksum([pseudo(d.ip.src, d.ip.dst, 6, len), l4b]) === 0;
    d.tcp = {
      sport: r16(l4),
      dport: r16(l4 + 2),
      seq: r32(l4 + 4),
      ack: r32(l4 + 8),
      flags: f[l4 + 13],
      window: r16(l4 + 14),
      mss,
      wscale,
      data: f.slice(l4 + hl, l4 + len),
      checksumOk: ok,
    };
  } else if (d.ip.proto === 17) {
    d.udp = {
      sport: r16(l4),
      dport: r16(l4 + 2),
      data: f.slice(l4 + 8, l4 + len),
      checksumOk: refChecksum([pseudo(d.ip.src, d.ip.dst, 17, len), l4b]) === 0,
    };
  } else if (d.ip.proto === 1) {
    d.icmp = { type: f[l4], code: f[l4 + 1], body: f.slice(l4, l4 + len), checksumOk: refChecksum([l4b]) === 0 };
  }
  return d;
}
