// The NAT's DNS server at 10.0.2.3:53 (UDP): queries for A records are answered from the host
// resolver (HostSockets.lookup, i.e. getaddrinfo with /etc/hosts on Node) instead of forwarding the
// raw packet as slirp does, so it also works where the host has no UDP path to a name server (a
// page's relay). Host loopback addresses are answered as the gateway address, which the NAT maps
// back to the host's loopback. AAAA gets an empty answer for names that exist (the NAT has no IPv6),
// other types NOTIMP, names the policy refuses REFUSED, names that do not resolve NXDOMAIN, and
// other lookup failures or a lookup slower than DNS_TIMEOUT_MS SERVFAIL.
// At most `maxPending` lookups run at once; further queries are dropped (the guest retries).
import {
  buildDnsFormErr,
  buildDnsResponse,
  CLASS_IN,
  parseDnsQuery,
  RCODE_NOERROR,
  RCODE_NOTIMP,
  RCODE_NXDOMAIN,
  RCODE_REFUSED,
  RCODE_SERVFAIL,
  TYPE_A,
  TYPE_AAAA,
  type DnsQuery,
} from "./dns-message.ts";
import type { HostAddress, HostError, HostSockets } from "./host-sockets.ts";
import { isLoopback, parseDottedQuad, writeIpv4 } from "./ipv4-address.ts";
import type { NetPolicy } from "./net-policy.ts";

export const DNS_PORT = 53;
export const DNS_TIMEOUT_MS = 10_000;
export const DNS_TTL = 60;

interface Pending {
  deadline: number;
  reply: (response: Uint8Array) => void;
  q: DnsQuery;
}

export class DnsProxy {
  private readonly pending = new Set<Pending>();
  private closed = false;

  constructor(
    private readonly host: HostSockets,
    private readonly policy: NetPolicy,
    private readonly gateway: number,
    private readonly now: () => number,
    private readonly maxPending = 64,
  ) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** One query (a UDP payload); `reply` gets the response payload, now or later, or never (dropped). */
  handle(msg: Uint8Array, reply: (response: Uint8Array) => void): void {
    if (this.closed) return;
    const q = parseDnsQuery(msg);
    if (q === null) return;
    if (q === "formerr") return reply(buildDnsFormErr(msg));
    if (q.opcode !== 0 || q.qclass !== CLASS_IN || (q.qtype !== TYPE_A && q.qtype !== TYPE_AAAA))
      return reply(buildDnsResponse(q, RCODE_NOTIMP));
    if (q.name === null || q.name === "") return reply(buildDnsResponse(q, RCODE_NXDOMAIN));
    if (!this.policy.allows("dns", q.name, DNS_PORT)) return reply(buildDnsResponse(q, RCODE_REFUSED));
    if (this.pending.size >= this.maxPending) return;
    const p: Pending = { deadline: this.now() + DNS_TIMEOUT_MS, reply, q };
    this.pending.add(p);
    this.host
      .lookup(q.name)
      .then(
        (addrs) => this.answer(p, addrs),
        (e: HostError) => this.fail(p, e?.code === "not-found" ? RCODE_NXDOMAIN : RCODE_SERVFAIL),
      )
      .catch(() => this.pending.delete(p)); // a bug in answering must not become an unhandled rejection
  }

  /** Timers: lookups past their deadline get SERVFAIL. */
  poll(): void {
    const now = this.now();
    for (const p of this.pending) if (now >= p.deadline) this.fail(p, RCODE_SERVFAIL);
  }

  close(): void {
    this.closed = true;
    this.pending.clear();
  }

  private answer(p: Pending, addrs: readonly HostAddress[]): void {
    if (!this.pending.delete(p) || this.closed) return;
    const rdatas: Uint8Array[] = [];
    if (p.q.qtype === TYPE_A) {
      const seen = new Set<number>();
      for (const a of addrs) {
        if (a.family !== 4) continue;
        let ip = parseDottedQuad(a.address);
        if (ip === null) continue;
        if (isLoopback(ip)) ip = this.gateway;
        if (seen.has(ip)) continue;
        seen.add(ip);
        const r = new Uint8Array(4);
        writeIpv4(r, 0, ip);
        rdatas.push(r);
      }
    }
    // A name with addresses but none of the asked family is NODATA (NOERROR, no answers).
    p.reply(addrs.length === 0 ? buildDnsResponse(p.q, RCODE_NXDOMAIN) : buildDnsResponse(p.q, RCODE_NOERROR, p.q.qtype, rdatas, DNS_TTL));
  }

  private fail(p: Pending, rcode: number): void {
    if (!this.pending.delete(p) || this.closed) return;
    p.reply(buildDnsResponse(p.q, rcode));
  }
}
