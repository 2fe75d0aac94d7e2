// IPv4 headers (RFC 791): parsing with the checks a host makes before accepting a packet, building
// headers for the packets the NAT sends to the guest, and fragmenting those larger than the MTU.
//
// Received fragments are dropped, not reassembled: the guest's TCP never fragments (it honours the
// MSS), so only oversized UDP datagrams from the guest are lost, which keeps a guest from tying up
// reassembly memory. slirp reassembles; the difference is stated in src/net/README.md.
import { checksum } from "./checksum.ts";
import { ETH_HEADER, ETH_MTU } from "./ethernet.ts";
import { readIpv4, writeIpv4 } from "./ipv4-address.ts";

export const IPV4_HEADER = 20;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
/** TTL of the packets the NAT originates (slirp's IPDEFTTL is 64; its ICMP replies use 255). */
export const DEFAULT_TTL = 64;

export interface Ipv4Header {
  /** Offset of the header in the frame. */
  offset: number;
  headerLength: number;
  /** Total length from the header (the frame may carry Ethernet padding after it). */
  totalLength: number;
  protocol: number;
  src: number;
  dst: number;
  ttl: number;
  id: number;
  tos: number;
}

export type Ipv4Error = "short" | "version" | "header-length" | "total-length" | "checksum" | "fragment";

/** Parses and checks the IPv4 header at `off`; an error string if the packet must be dropped. */
export function parseIpv4Header(frame: Uint8Array, off: number): Ipv4Header | Ipv4Error {
  if (frame.length < off + IPV4_HEADER) return "short";
  const vihl = frame[off];
  if (vihl >>> 4 !== 4) return "version";
  const headerLength = (vihl & 0xf) * 4;
  if (headerLength < IPV4_HEADER || frame.length < off + headerLength) return "header-length";
  const totalLength = (frame[off + 2] << 8) | frame[off + 3];
  if (totalLength < headerLength || totalLength > frame.length - off) return "total-length";
  if (checksum(frame, off, headerLength) !== 0) return "checksum";
  const fragment = ((frame[off + 6] << 8) | frame[off + 7]) & 0x3fff; // MF + offset
  if (fragment !== 0) return "fragment";
  return {
    offset: off,
    headerLength,
    totalLength,
    protocol: frame[off + 9],
    src: readIpv4(frame, off + 12),
    dst: readIpv4(frame, off + 16),
    ttl: frame[off + 8],
    id: (frame[off + 4] << 8) | frame[off + 5],
    tos: frame[off + 1],
  };
}

/** Writes a 20-byte header (no options) with its checksum. `dontFragment` sets DF. */
export function writeIpv4Header(
  b: Uint8Array,
  off: number,
  totalLength: number,
  id: number,
  protocol: number,
  src: number,
  dst: number,
  ttl = DEFAULT_TTL,
  dontFragment = false,
  fragmentField = 0,
): void {
  b[off] = 0x45;
  b[off + 1] = 0;
  b[off + 2] = totalLength >>> 8;
  b[off + 3] = totalLength & 0xff;
  b[off + 4] = id >>> 8;
  b[off + 5] = id & 0xff;
  const frag = fragmentField | (dontFragment ? 0x4000 : 0);
  b[off + 6] = frag >>> 8;
  b[off + 7] = frag & 0xff;
  b[off + 8] = ttl;
  b[off + 9] = protocol;
  b[off + 10] = 0;
  b[off + 11] = 0;
  writeIpv4(b, off + 12, src);
  writeIpv4(b, off + 16, dst);
  const c = checksum(b, off, IPV4_HEADER);
  b[off + 10] = c >>> 8;
  b[off + 11] = c & 0xff;
}

/**
 * Splits an Ethernet frame holding one IPv4 packet (20-byte header) into frames of at most `mtu`
 * bytes of IP each (RFC 791 fragmentation; offsets in 8-byte units). The Ethernet header is copied.
 */
export function fragmentIpv4(frame: Uint8Array, mtu = ETH_MTU): Uint8Array[] {
  const ip = ETH_HEADER;
  const total = (frame[ip + 2] << 8) | frame[ip + 3];
  if (total <= mtu) return [frame];
  const payload = total - IPV4_HEADER;
  const chunk = (mtu - IPV4_HEADER) & ~7;
  const id = (frame[ip + 4] << 8) | frame[ip + 5];
  const ttl = frame[ip + 8];
  const proto = frame[ip + 9];
  const src = readIpv4(frame, ip + 12);
  const dst = readIpv4(frame, ip + 16);
  const out: Uint8Array[] = [];
  for (let done = 0; done < payload; done += chunk) {
    const n = Math.min(chunk, payload - done);
    const more = done + n < payload;
    const f = new Uint8Array(ETH_HEADER + IPV4_HEADER + n);
    f.set(frame.subarray(0, ETH_HEADER), 0);
    writeIpv4Header(f, ip, IPV4_HEADER + n, id, proto, src, dst, ttl, false, (more ? 0x2000 : 0) | (done >>> 3));
    f.set(frame.subarray(ip + IPV4_HEADER + done, ip + IPV4_HEADER + done + n), ip + IPV4_HEADER);
    out.push(f);
  }
  return out;
}
