// Which destinations the NAT may open on the guest's behalf. Every outgoing TCP connection and
// every UDP datagram's destination is checked before the host-socket interface sees it; host
// forwarding (which the user configured) and the NAT's own services (DHCP, DNS, ICMP echo to the
// gateway) are not outgoing and are not checked. DNS lookups are checked as ("dns", name, 53).
//
// The CLI allows everything, as QEMU does; `restrict=on` allows nothing; `allow=` rules (tciemu's
// extension of -netdev user) allow only what they list. Rules:
//   PROTO:HOST:PORTS   PROTO = tcp | udp | dns | *; HOST = a dotted quad, an a.b.c.d/len subnet, a
//                      host name, or *; PORTS = N, N-M or *
//   e.g. tcp:127.0.0.1:8000-8100, udp:*:53, tcp:10.0.0.0/8:*, dns:*:*
import { parseDottedQuad } from "./ipv4-address.ts";

export type NetProto = "tcp" | "udp" | "dns";

export interface NetPolicy {
  /** `host` is the address the NAT will open (after mapping the gateway to the host's loopback). */
  allows(proto: NetProto, host: string, port: number): boolean;
}

export const ALLOW_ALL: NetPolicy = { allows: () => true };
export const DENY_ALL: NetPolicy = { allows: () => false };

interface Rule {
  proto: NetProto | "*";
  /** exact name (lower case), or a subnet, or any */
  host: { kind: "any" } | { kind: "name"; name: string } | { kind: "net"; net: number; mask: number };
  lo: number;
  hi: number;
}

export class PolicyError extends Error {}

/** Parses one rule (see the file comment); throws PolicyError with the reason. */
export function parsePolicyRule(text: string): Rule {
  const m = /^(tcp|udp|dns|\*):(.+):(\*|\d+(?:-\d+)?)$/.exec(text.trim());
  if (!m) throw new PolicyError(`bad rule '${text}' (expected PROTO:HOST:PORTS, e.g. tcp:127.0.0.1:8000)`);
  const proto = m[1] as Rule["proto"];
  let host: Rule["host"];
  const h = m[2];
  if (h === "*") host = { kind: "any" };
  else if (h.includes("/")) {
    const [a, lenText] = h.split("/");
    const net = parseDottedQuad(a);
    const len = /^\d+$/.test(lenText) ? Number(lenText) : -1;
    if (net === null || len < 0 || len > 32) throw new PolicyError(`bad subnet '${h}' in rule '${text}'`);
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    host = { kind: "net", net: (net & mask) >>> 0, mask };
  } else {
    if (!/^[A-Za-z0-9.-]+$/.test(h)) throw new PolicyError(`bad host '${h}' in rule '${text}'`);
    const ip = parseDottedQuad(h);
    host = ip === null ? { kind: "name", name: h.toLowerCase() } : { kind: "net", net: ip, mask: 0xffffffff };
  }
  let lo = 0;
  let hi = 65535;
  if (m[3] !== "*") {
    const [a, b] = m[3].split("-").map(Number);
    lo = a;
    hi = b ?? a;
    if (lo > 65535 || hi > 65535 || lo > hi) throw new PolicyError(`bad port range '${m[3]}' in rule '${text}'`);
  }
  return { proto, host, lo, hi };
}

/** A policy that allows exactly what one of the rules matches. */
export class RulePolicy implements NetPolicy {
  private readonly rules: Rule[];

  constructor(rules: readonly string[]) {
    this.rules = rules.map(parsePolicyRule);
  }

  allows(proto: NetProto, host: string, port: number): boolean {
    const ip = parseDottedQuad(host);
    const name = host.toLowerCase();
    for (const r of this.rules) {
      if (r.proto !== "*" && r.proto !== proto) continue;
      if (port < r.lo || port > r.hi) continue;
      const h = r.host;
      if (h.kind === "any") return true;
      if (h.kind === "name" && h.name === name) return true;
      if (h.kind === "net" && ip !== null && (ip & h.mask) >>> 0 === h.net) return true;
    }
    return false;
  }
}
