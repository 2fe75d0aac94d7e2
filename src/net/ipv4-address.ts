// IPv4 addresses as unsigned 32-bit numbers (10.0.2.15 = 0x0a00020f), with inet_aton's parser
// (QEMU's -netdev user parses its addresses with inet_aton, so "10.2" and "0x0a.0.2.15" work too).

/** inet_aton: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes. null if malformed. */
export function parseIpv4(s: string): number | null {
  const parts = s.split(".");
  if (parts.length < 1 || parts.length > 4) return null;
  const vals: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = parseInt(p, 10);
    else return null;
    if (!Number.isSafeInteger(v)) return null;
    vals.push(v);
  }
  const last = vals.length - 1;
  for (let i = 0; i < last; i++) if (vals[i] > 0xff) return null;
  const lastMax = [0xffffffff, 0xffffff, 0xffff, 0xff][last];
  if (vals[last] > lastMax) return null;
  let a = 0;
  for (let i = 0; i < last; i++) a += vals[i] * 2 ** (8 * (3 - i));
  return (a + vals[last]) >>> 0;
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
