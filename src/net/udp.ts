// UDP headers (RFC 768). A zero checksum means "none" over IPv4; the NAT always fills it in.
import { transportChecksum } from "./checksum.ts";
import { IPPROTO_UDP } from "./ipv4.ts";

export const UDP_HEADER = 8;

export interface UdpHeader {
  srcPort: number;
  dstPort: number;
  /** Offset of the payload in the frame, and its length. */
  payloadOffset: number;
  payloadLength: number;
}

export type UdpError = "short" | "length" | "checksum";

/**
 * Parses the UDP header at `off` of an IPv4 packet with `l4Length` bytes after the IP header.
 * `checkSum` false skips the checksum (the NIC said it is left for the device to fill in).
 */
export function parseUdp(
  frame: Uint8Array,
  off: number,
  l4Length: number,
  src: number,
  dst: number,
  checkSum: boolean,
): UdpHeader | UdpError {
  if (l4Length < UDP_HEADER) return "short";
  const length = (frame[off + 4] << 8) | frame[off + 5];
  if (length < UDP_HEADER || length > l4Length) return "length";
  const sum = (frame[off + 6] << 8) | frame[off + 7];
  if (checkSum && sum !== 0 && transportChecksum(src, dst, IPPROTO_UDP, frame, off, length) !== 0) return "checksum";
  return {
    srcPort: (frame[off] << 8) | frame[off + 1],
    dstPort: (frame[off + 2] << 8) | frame[off + 3],
    payloadOffset: off + UDP_HEADER,
    payloadLength: length - UDP_HEADER,
  };
}

/** Writes a UDP header in front of `payloadLength` bytes already at off+8, with the checksum. */
export function writeUdp(
  b: Uint8Array,
  off: number,
  src: number,
  srcPort: number,
  dst: number,
  dstPort: number,
  payloadLength: number,
): void {
  const length = UDP_HEADER + payloadLength;
  b[off] = srcPort >>> 8;
  b[off + 1] = srcPort & 0xff;
  b[off + 2] = dstPort >>> 8;
  b[off + 3] = dstPort & 0xff;
  b[off + 4] = length >>> 8;
  b[off + 5] = length & 0xff;
  b[off + 6] = 0;
  b[off + 7] = 0;
  let c = transportChecksum(src, dst, IPPROTO_UDP, b, off, length);
  if (c === 0) c = 0xffff; // 0 would mean "no checksum"
  b[off + 6] = c >>> 8;
  b[off + 7] = c & 0xff;
}
