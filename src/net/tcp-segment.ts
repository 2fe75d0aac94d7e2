// TCP segments (RFC 9293): header parsing with the options the NAT uses (MSS, window scale) and
// segment building. Sequence numbers are uint32 values compared with 32-bit wrap-around (seqLt...).
import { transportChecksum } from "./checksum.ts";
import { IPPROTO_TCP } from "./ipv4.ts";

export const TCP_HEADER = 20;
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;

const OPT_END = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  /** The raw 16-bit window field (not scaled). */
  window: number;
  /** Payload offset in the frame and length. */
  dataOffset: number;
  dataLength: number;
  /** MSS option (SYN only), or 0. */
  mss: number;
  /** Window scale option (SYN only), or -1 when absent. */
  wscale: number;
}

export type TcpError = "short" | "header-length" | "checksum";

/** Parses the TCP header at `off` with `l4Length` bytes to the end of the IP packet. */
export function parseTcp(
  frame: Uint8Array,
  off: number,
  l4Length: number,
  src: number,
  dst: number,
  checkSum: boolean,
): TcpSegment | TcpError {
  if (l4Length < TCP_HEADER) return "short";
  const hlen = (frame[off + 12] >>> 4) * 4;
  if (hlen < TCP_HEADER || hlen > l4Length) return "header-length";
  if (checkSum && transportChecksum(src, dst, IPPROTO_TCP, frame, off, l4Length) !== 0) return "checksum";
  const flags = frame[off + 13];
  let mss = 0;
  let wscale = -1;
  if (flags & TCP_SYN) {
    for (let i = off + TCP_HEADER; i < off + hlen;) {
      const kind = frame[i];
      if (kind === OPT_END) break;
      if (kind === OPT_NOP) {
        i++;
        continue;
      }
      if (i + 1 >= off + hlen) break;
      const len = frame[i + 1];
      if (len < 2 || i + len > off + hlen) break; // malformed: ignore the rest
      if (kind === OPT_MSS && len === 4) mss = (frame[i + 2] << 8) | frame[i + 3];
      else if (kind === OPT_WSCALE && len === 3) wscale = Math.min(frame[i + 2], 14); // RFC 7323: values above 14 mean 14
      i += len;
    }
  }
  return {
    srcPort: (frame[off] << 8) | frame[off + 1],
    dstPort: (frame[off + 2] << 8) | frame[off + 3],
    seq: ((frame[off + 4] << 24) | (frame[off + 5] << 16) | (frame[off + 6] << 8) | frame[off + 7]) >>> 0,
    ack: ((frame[off + 8] << 24) | (frame[off + 9] << 16) | (frame[off + 10] << 8) | frame[off + 11]) >>> 0,
    flags,
    window: (frame[off + 14] << 8) | frame[off + 15],
    dataOffset: off + hlen,
    dataLength: l4Length - hlen,
    mss,
    wscale,
  };
}

/** Bytes of options in a SYN the NAT sends: MSS (4) + NOP + window scale (3), when asked for. */
export function synOptionsLength(wscale: number): number {
  return 4 + (wscale >= 0 ? 4 : 0);
}

/**
 * Writes a TCP header at `off` (the payload, if any, is already at off + header length). SYNs carry
 * MSS and, if `wscale` >= 0, window scale. The checksum is filled in when `withChecksum`.
 */
export function writeTcp(
  b: Uint8Array,
  off: number,
  src: number,
  srcPort: number,
  dst: number,
  dstPort: number,
  seq: number,
  ack: number,
  flags: number,
  window: number,
  payloadLength: number,
  withChecksum: boolean,
  mss = 0,
  wscale = -1,
): void {
  const optLen = flags & TCP_SYN ? synOptionsLength(wscale) : 0;
  const hlen = TCP_HEADER + optLen;
  b[off] = srcPort >>> 8;
  b[off + 1] = srcPort & 0xff;
  b[off + 2] = dstPort >>> 8;
  b[off + 3] = dstPort & 0xff;
  b[off + 4] = seq >>> 24;
  b[off + 5] = seq >>> 16;
  b[off + 6] = seq >>> 8;
  b[off + 7] = seq;
  b[off + 8] = ack >>> 24;
  b[off + 9] = ack >>> 16;
  b[off + 10] = ack >>> 8;
  b[off + 11] = ack;
  b[off + 12] = (hlen / 4) << 4;
  b[off + 13] = flags;
  b[off + 14] = window >>> 8;
  b[off + 15] = window & 0xff;
  b[off + 16] = b[off + 17] = 0;
  b[off + 18] = b[off + 19] = 0;
  if (optLen > 0) {
    const o = off + TCP_HEADER;
    b[o] = OPT_MSS;
    b[o + 1] = 4;
    b[o + 2] = mss >>> 8;
    b[o + 3] = mss & 0xff;
    if (wscale >= 0) {
      b[o + 4] = OPT_NOP;
      b[o + 5] = OPT_WSCALE;
      b[o + 6] = 3;
      b[o + 7] = wscale;
    }
  }
  if (withChecksum) {
    const c = transportChecksum(src, dst, IPPROTO_TCP, b, off, hlen + payloadLength);
    b[off + 16] = c >>> 8;
    b[off + 17] = c & 0xff;
  }
}

/** a < b in sequence space. */
export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

/** b - a as a signed 32-bit distance. */
export function seqDiff(b: number, a: number): number {
  return (b - a) | 0;
}

export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}
