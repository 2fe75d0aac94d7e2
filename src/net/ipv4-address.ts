// IPv4 addresses as unsigned 32-bit numbers (10.0.2.15 = 0x0a00020f), with inet_aton's parser
// (QEMU's -netdev user parses its addresses with inet_aton, so "10.2" and "0x0a.0.2.15" work too).

/**
 * inet_aton (glibc's algorithm): 1 to 4 parts separated by '.', each decimal, octal (leading 0) or
 * hex (0x); the last part fills the remaining bytes; trailing white space is allowed. null if
 * malformed.
 */
export function parseIpv4(s: string): number | null {
  const parts: number[] = [];
  let i = 0;
  let val = 0;
  let digit = false;
  const ch = () => (i < s.length ? s.charCodeAt(i) : 0);
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const hexValue = (c: number) => (isDigit(c) ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);
  for (;;) {
    let c = ch();
    if (!isDigit(c)) return null;
    let base = 10;
    val = 0;
    digit = false;
    if (c === 0x30) {
      c = s.charCodeAt(++i) || 0;
      if (c === 0x78 || c === 0x58) {
        base = 16;
        c = s.charCodeAt(++i) || 0;
      } else {
        base = 8;
        digit = true;
      }
    }
    for (;;) {
      if (isDigit(c)) {
        if (base === 8 && c >= 0x38) return null;
        val = val * base + (c - 0x30);
      } else if (base === 16 && hexValue(c) >= 0) val = val * 16 + hexValue(c);
      else break;
      if (val > 0xffffffff) return null;
      digit = true;
      c = s.charCodeAt(++i) || 0;
    }
    if (c !== 0x2e /* . */) break;
    if (parts.length >= 3 || val > 0xff) return null;
    parts.push(val);
    i++;
  }
  const rest = s.slice(i);
  if (rest !== "" && !/^[ \t\n\v\f\r]/.test(rest)) return null;
  if (!digit) return null;
  const lastMax = [0xffffffff, 0xffffff, 0xffff, 0xff][parts.length];
  if (val > lastMax) return null;
  let a = 0;
  for (let k = 0; k < parts.length; k++) a += parts[k] * 2 ** (8 * (3 - k));
  return (a + val) >>> 0;
}

/** Strict dotted quad ("10.0.2.15"), as host sockets report addresses; null otherwise. */
export function parseDottedQuad(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const b = [m[1], m[2], m[3], m[4]].map(Number);
  if (b.some((x) => x > 255)) return null;
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

export function formatIpv4(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}`;
}

/** 127.0.0.0/8 */
export function isLoopback(a: number): boolean {
  return a >>> 24 === 127;
}

/** Multicast (224/4), limited broadcast, or 0.0.0.0/8: never a unicast peer. */
export function isSpecial(a: number): boolean {
  return a >>> 28 === 0xe || a >>> 28 === 0xf || a >>> 24 === 0;
}

/** The prefix length of a contiguous netmask, or -1. */
export function prefixLength(mask: number): number {
  const inv = ~mask >>> 0;
  if ((inv & (inv + 1)) !== 0) return -1;
  return 32 - Math.round(Math.log2(inv + 1));
}

export function readIpv4(b: Uint8Array, off: number): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

export function writeIpv4(b: Uint8Array, off: number, a: number): void {
  b[off] = a >>> 24;
  b[off + 1] = a >>> 16;
  b[off + 2] = a >>> 8;
  b[off + 3] = a;
}
