// DNS messages (RFC 1035) as far as the NAT's resolver needs them: the question of a query, and a
// response that echoes it with address records. Names are checked as host names (letters, digits,
// '-', '_'; labels of 1..63 bytes, 255 bytes in all); compression pointers in the question are
// followed with a hop limit so a crafted message cannot loop.

export const DNS_HEADER = 12;
export const TYPE_A = 1;
export const TYPE_AAAA = 28;
export const CLASS_IN = 1;
export const RCODE_NOERROR = 0;
export const RCODE_FORMERR = 1;
export const RCODE_SERVFAIL = 2;
export const RCODE_NXDOMAIN = 3;
export const RCODE_NOTIMP = 4;
export const RCODE_REFUSED = 5;
/** The largest response over UDP without EDNS (RFC 1035 4.2.1); longer ones are truncated (TC). */
export const DNS_UDP_MAX = 512;

export interface DnsQuery {
  id: number;
  /** Recursion desired (echoed). */
  rd: boolean;
  opcode: number;
  /** The question's name in lower case without the final dot ("" for the root); null if it is no host name. */
  name: string | null;
  qtype: number;
  qclass: number;
  /** The question section's bytes (echoed in the response). */
  question: Uint8Array;
}

/**
 * Parses a query. null when the message must be dropped without an answer (shorter than a header,
 * or a response); "formerr" when it deserves a FORMERR (no single question, a malformed name).
 */
export function parseDnsQuery(msg: Uint8Array): DnsQuery | "formerr" | null {
  if (msg.length < DNS_HEADER) return null;
  if (msg[2] & 0x80) return null; // QR: a response, never answered
  const qdcount = (msg[4] << 8) | msg[5];
  if (qdcount !== 1) return "formerr";
  let p = DNS_HEADER;
  let end = -1; // where the question continues after a pointer
  const labels: string[] = [];
  let total = 0;
  let hostname = true;
  for (let hops = 0; ;) {
    if (p >= msg.length) return "formerr";
    const len = msg[p];
    if (len === 0) {
      p++;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= msg.length || ++hops > 16) return "formerr";
      if (end < 0) end = p + 2;
      p = ((len & 0x3f) << 8) | msg[p + 1];
      continue;
    }
    if (len & 0xc0) return "formerr"; // reserved label types
    if (p + 1 + len > msg.length) return "formerr";
    total += len + 1;
    if (total > 255) return "formerr";
    let s = "";
    for (let i = 0; i < len; i++) {
      const c = msg[p + 1 + i];
      const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
      if (!ok) hostname = false;
      s += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
    }
    labels.push(s);
    p += 1 + len;
  }
  const qEnd = end < 0 ? p : end;
  if (qEnd + 4 > msg.length) return "formerr";
  return {
    id: (msg[0] << 8) | msg[1],
    rd: (msg[2] & 1) !== 0,
    opcode: (msg[2] >>> 3) & 0xf,
    name: hostname ? labels.join(".") : null,
    qtype: (msg[qEnd] << 8) | msg[qEnd + 1],
    qclass: (msg[qEnd + 2] << 8) | msg[qEnd + 3],
    question: msg.slice(DNS_HEADER, qEnd + 4),
  };
}

/** A response to `q`: the question echoed, then one answer per rdata (all of `type`), names by pointer. */
export function buildDnsResponse(
  q: Pick<DnsQuery, "id" | "rd" | "opcode" | "question">,
  rcode: number,
  type = 0,
  rdatas: readonly Uint8Array[] = [],
  ttl = 60,
): Uint8Array {
  // A pointer to the question name only works if it starts within 0x3fff (always: it is at 12).
  let answers = rdatas.slice();
  const size = () => DNS_HEADER + q.question.length + answers.reduce((n, r) => n + 12 + r.length, 0);
  let truncated = false;
  while (answers.length > 0 && size() > DNS_UDP_MAX) {
    answers = answers.slice(0, -1);
    truncated = true;
  }
  const out = new Uint8Array(size());
  out[0] = q.id >>> 8;
  out[1] = q.id & 0xff;
  out[2] = 0x80 | (q.opcode << 3) | (truncated ? 0x02 : 0) | (q.rd ? 1 : 0);
  out[3] = 0x80 | (rcode & 0xf); // RA
  out[5] = 1; // QDCOUNT
  out[7] = answers.length;
  out.set(q.question, DNS_HEADER);
  let p = DNS_HEADER + q.question.length;
  for (const r of answers) {
    out[p] = 0xc0;
    out[p + 1] = DNS_HEADER;
    out[p + 2] = type >>> 8;
    out[p + 3] = type & 0xff;
    out[p + 5] = CLASS_IN;
    out[p + 6] = ttl >>> 24;
    out[p + 7] = ttl >>> 16;
    out[p + 8] = ttl >>> 8;
    out[p + 9] = ttl & 0xff;
    out[p + 10] = r.length >>> 8;
    out[p + 11] = r.length & 0xff;
    out.set(r, p + 12);
    p += 12 + r.length;
  }
  return out;
}

/** A FORMERR answer to a message whose question could not be read (echoes the id only). */
export function buildDnsFormErr(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(DNS_HEADER);
  out[0] = msg[0];
  out[1] = msg[1];
  out[2] = 0x80 | (msg[2] & 0x79); // QR, opcode, RD
  out[3] = 0x80 | RCODE_FORMERR;
  return out;
}
