// The Internet checksum (RFC 1071): the one's-complement sum of 16-bit big-endian words, used by
// the IPv4 header, ICMP, UDP and TCP (the last two over a pseudo header, RFC 768 / RFC 793).
// Sums are kept as plain numbers and folded at the end; doubles are exact far beyond any frame.

/** Adds bytes [off, off+len) of `b` to a running sum (an odd length is padded with a zero byte). */
export function checksumAdd(sum: number, b: Uint8Array, off: number, len: number): number {
  const end = off + len;
  let i = off;
  let s = 0;
  // 32 Ki words per partial sum keep `s` within int32 range (32768 * 65535 < 2^31)
  while (end - i > 1) {
    const stop = Math.min(end - 1, i + 65536);
    for (; i < stop; i += 2) s += (b[i] << 8) | b[i + 1];
    sum += s;
    s = 0;
  }
  if (i < end) sum += b[i] << 8;
  return sum;
}

/** Folds a running sum to 16 bits and complements it: the value stored in a checksum field. */
export function checksumFinish(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** The checksum of a byte range on its own (IPv4 header, ICMP). 0 means the range (with its checksum field) verifies. */
export function checksum(b: Uint8Array, off: number, len: number): number {
  return checksumFinish(checksumAdd(0, b, off, len));
}

/** The running sum of the IPv4 pseudo header used by UDP and TCP (RFC 768, RFC 793). */
export function pseudoHeaderSum(src: number, dst: number, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}

/** The UDP/TCP checksum over the pseudo header and the L4 bytes [off, off+len). */
export function transportChecksum(src: number, dst: number, protocol: number, b: Uint8Array, off: number, len: number): number {
  return checksumFinish(checksumAdd(pseudoHeaderSum(src, dst, protocol, len), b, off, len));
}
