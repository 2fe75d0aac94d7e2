// IPv6 addresses as 16 bytes, in the text forms hosts use (inet_pton's input, RFC 5952's output).
// The NAT has no IPv6, but user-mode sockets pass AF_INET6 addresses between the guest and host
// sockets, which take and report them as text ("::1", "::ffff:127.0.0.1", "fe80::1%eth0").
import { parseDottedQuad } from "./ipv4-address.ts";

/** inet_pton(AF_INET6): 16 bytes, or null if malformed. A zone suffix ("%eth0") is ignored. */
export function parseIpv6(text: string): Uint8Array | null {
  const zone = text.indexOf("%");
  const s = zone >= 0 ? text.slice(0, zone) : text;
  if (s.length < 2 || s.length > 45) return null;
  const out = new Uint8Array(16);
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === "") return [];
    const words: number[] = [];
    const items = part.split(":");
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (i === items.length - 1 && it.includes(".")) {
        const v4 = parseDottedQuad(it);
        if (v4 === null) return null;
        words.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(it)) return null;
        words.push(Number.parseInt(it, 16));
      }
    }
    return words;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === null || tail === null) return null;
  const n = head.length + tail.length;
  if (halves.length === 1 ? n !== 8 : n > 7) return null;
  const words = [...head, ...new Array<number>(8 - n).fill(0), ...tail];
  for (let i = 0; i < 8; i++) {
    out[2 * i] = words[i] >>> 8;
    out[2 * i + 1] = words[i] & 0xff;
  }
  return out;
}

/** Whether the address is an IPv4-mapped one (::ffff:a.b.c.d). */
export function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** RFC 5952 text (inet_ntop): lower case, the longest run of two or more zero words as "::", mapped IPv4 as a dotted quad. */
export function formatIpv6(b: Uint8Array): string {
  if (isV4Mapped(b)) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const w: number[] = [];
  for (let i = 0; i < 8; i++) w.push((b[2 * i] << 8) | b[2 * i + 1]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(":");
  if (best < 0) return hex(w);
  return `${hex(w.slice(0, best))}::${hex(w.slice(best + bestLen))}`;
}
