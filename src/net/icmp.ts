// ICMP (RFC 792) as the NAT needs it: echo replies from its own addresses (slirp's icmp_reflect,
// TTL 255) and destination-unreachable errors for connections the host could not open.
import { checksum } from "./checksum.ts";

export const ICMP_ECHO_REPLY = 0;
export const ICMP_UNREACHABLE = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_UNREACH_NET = 0;
export const ICMP_UNREACH_HOST = 1;
export const ICMP_UNREACH_PORT = 3;
/** "Communication administratively prohibited" (RFC 1812): the policy refused the destination. */
export const ICMP_UNREACH_FILTERED = 13;
/** TTL of ICMP replies (slirp's MAXTTL). */
export const ICMP_TTL = 255;

/** The type of the ICMP message at [off, off+len), or -1 if it is shorter than 8 bytes or its checksum fails. */
export function icmpType(frame: Uint8Array, off: number, len: number): number {
  if (len < 8 || checksum(frame, off, len) !== 0) return -1;
  return frame[off];
}

/** An echo reply body for the echo request at [off, off+len): same identifier, sequence and data. */
export function echoReply(frame: Uint8Array, off: number, len: number): Uint8Array {
  const r = frame.slice(off, off + len);
  r[0] = ICMP_ECHO_REPLY;
  r[1] = 0;
  r[2] = r[3] = 0;
  const c = checksum(r, 0, len);
  r[2] = c >>> 8;
  r[3] = c & 0xff;
  return r;
}

/**
 * A destination-unreachable body quoting the offending packet's IP header and first 8 bytes of
 * payload (RFC 792), so the guest's stack can match it to the socket.
 */
export function unreachable(code: number, packet: Uint8Array, ipOffset: number, ipHeaderLength: number): Uint8Array {
  const quote = Math.min(ipHeaderLength + 8, packet.length - ipOffset);
  const r = new Uint8Array(8 + quote);
  r[0] = ICMP_UNREACHABLE;
  r[1] = code;
  r.set(packet.subarray(ipOffset, ipOffset + quote), 8);
  const c = checksum(r, 0, r.length);
  r[2] = c >>> 8;
  r[3] = c & 0xff;
  return r;
}
