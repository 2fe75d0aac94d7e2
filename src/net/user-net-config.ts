// The configuration of a user-mode network (QEMU's `-netdev user,...`), and its parser with QEMU's
// defaults and error messages (net/slirp.c net_slirp_init and slirp_hostfwd): 10.0.2.0/24, the
// gateway (host) at .2, DNS at .3, DHCP from .15; `net=` moves all of them into another subnet.
// Option strings use QEMU's syntax: key=value pairs separated by ',' with ',,' for a literal comma.
import { formatIpv4, parseIpv4 } from "./ipv4-address.ts";

export interface HostForward {
  udp: boolean;
  /** Host address to bind ("0.0.0.0" = every interface, QEMU's default). */
  hostAddr: string;
  hostPort: number;
  /** Guest address (0 = the first DHCP address). */
  guestAddr: number;
  guestPort: number;
  /** The rule as written, for messages. */
  text: string;
}

export interface UserNetConfig {
  network: number;
  netmask: number;
  /** The gateway: the host as the guest sees it (connections to it go to the host's loopback). */
  host: number;
  dns: number;
  dhcpStart: number;
  /** restrict=on: the guest may not open anything outside (host forwarding still works). */
  restrict: boolean;
  hostname?: string;
  domainname?: string;
  hostfwd: HostForward[];
  /** tciemu extension `allow=RULE` (repeatable): only these destinations (see net-policy.ts); null = all. */
  allow: string[] | null;
}

export class NetOptionError extends Error {}

export function defaultUserNetConfig(): UserNetConfig {
  return {
    network: 0x0a000200,
    netmask: 0xffffff00,
    host: 0x0a000202,
    dns: 0x0a000203,
    dhcpStart: 0x0a00020f,
    restrict: false,
    hostfwd: [],
    allow: null,
  };
}

/** Splits "a=1,b=x,,y" into [["a","1"],["b","x,y"]] (QEMU's option syntax; a bare word has value null). */
export function splitQemuOptions(s: string): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  let cur = "";
  const parts: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ",") {
      if (s[i + 1] === ",") {
        cur += ",";
        i++;
        continue;
      }
      parts.push(cur);
      cur = "";
    } else cur += s[i];
  }
  parts.push(cur);
  for (const p of parts) {
    const eq = p.indexOf("=");
    out.push(eq < 0 ? [p, null] : [p.slice(0, eq), p.slice(eq + 1)]);
  }
  return out;
}

/** QEMU's boolean option values. */
export function parseOnOff(key: string, v: string | null): boolean {
  if (v === null || v === "on" || v === "yes" || v === "true" || v === "y") return true;
  if (v === "off" || v === "no" || v === "false" || v === "n") return false;
  throw new NetOptionError(`Parameter '${key}' expects 'on' or 'off'`);
}

/** The user-net keys this parser takes (besides id/type, which the caller handles). */
export const USER_NET_KEYS = [
  "net",
  "host",
  "dns",
  "dhcpstart",
  "restrict",
  "hostname",
  "domainname",
  "hostfwd",
  "ipv4",
  "ipv6",
  "allow",
] as const;

/**
 * Builds a configuration from `-netdev user` options (key, value) in order. Throws NetOptionError
 * with QEMU's message. Unknown keys are the caller's business.
 */
export function userNetConfig(options: ReadonlyArray<readonly [string, string | null]>): UserNetConfig {
  const c = defaultUserNetConfig();
  let vnetwork: string | null = null;
  let vhost: string | null = null;
  let vdns: string | null = null;
  let vdhcp: string | null = null;
  let ipv4 = true;
  let ipv6 = true;
  const fwd: string[] = [];
  for (const [k, v] of options) {
    const val = v ?? "";
    switch (k) {
      case "net":
        vnetwork = val;
        break;
      case "host":
        vhost = val;
        break;
      case "dns":
        vdns = val;
        break;
      case "dhcpstart":
        vdhcp = val;
        break;
      case "restrict":
        c.restrict = parseOnOff(k, v);
        break;
      case "hostname":
        if (val.length > 255) throw new NetOptionError("'vhostname' parameter cannot exceed 255 bytes");
        c.hostname = val;
        break;
      case "domainname":
        if (val === "") throw new NetOptionError("'domainname' parameter cannot be empty");
        if (val.length > 255) throw new NetOptionError("'domainname' parameter cannot exceed 255 bytes");
        c.domainname = val;
        break;
      case "hostfwd":
        fwd.push(val);
        break;
      case "ipv4":
        ipv4 = parseOnOff(k, v);
        break;
      case "ipv6":
        ipv6 = parseOnOff(k, v);
        break;
      case "allow":
        (c.allow ??= []).push(val);
        break;
    }
  }
  if (!ipv4 && (vnetwork !== null || vhost !== null || vdns !== null))
    throw new NetOptionError("IPv4 disabled but netmask/host/dns provided");
  if (!ipv4 && !ipv6) throw new NetOptionError("IPv4 and IPv6 disabled");
  if (!ipv4) throw new NetOptionError("ipv4=off is not supported (tciemu's NAT is IPv4 only)");

  if (vnetwork !== null) {
    let net: number | null;
    let mask: number;
    const slash = vnetwork.indexOf("/");
    if (slash < 0) {
      net = parseIpv4(vnetwork);
      if (net === null) throw new NetOptionError("Failed to parse netmask");
      // classful default masks, as net_slirp_init
      if (!(net & 0x80000000)) mask = 0xff000000;
      else if ((net & 0xfff00000) >>> 0 === 0xac100000) mask = 0xfff00000;
      else if ((net & 0xc0000000) >>> 0 === 0x80000000) mask = 0xffff0000;
      else if ((net & 0xffff0000) >>> 0 === 0xc0a80000) mask = 0xffff0000;
      else if ((net & 0xffff0000) >>> 0 === 0xc6120000) mask = 0xfffe0000;
      else if ((net & 0xe0000000) >>> 0 === 0xe0000000) mask = 0xffffff00;
      else mask = 0xfffffff0;
    } else {
      net = parseIpv4(vnetwork.slice(0, slash));
      if (net === null) throw new NetOptionError("Failed to parse netmask");
      const m = vnetwork.slice(slash + 1);
      if (/^-?\d+$/.test(m)) {
        const shift = Number(m);
        if (shift < 4 || shift > 32) throw new NetOptionError("Invalid netmask provided (must be in range 4-32)");
        mask = shift === 32 ? 0xffffffff : (0xffffffff << (32 - shift)) >>> 0;
      } else {
        const mm = parseIpv4(m);
        if (mm === null) throw new NetOptionError("Failed to parse netmask (trailing chars)");
        mask = mm;
      }
    }
    c.netmask = mask >>> 0;
    c.network = (net & mask) >>> 0;
    const inv = ~mask >>> 0;
    c.host = (c.network | (0x0202 & inv)) >>> 0;
    c.dhcpStart = (c.network | (0x020f & inv)) >>> 0;
    c.dns = (c.network | (0x0203 & inv)) >>> 0;
  }
  const inNet = (a: number) => (a & c.netmask) >>> 0 === c.network;
  if (vhost !== null) {
    const h = parseIpv4(vhost);
    if (h === null) throw new NetOptionError("Failed to parse host");
    c.host = h;
  }
  if (!inNet(c.host)) throw new NetOptionError("Host doesn't belong to network");
  if (vdns !== null) {
    const d = parseIpv4(vdns);
    if (d === null) throw new NetOptionError("Failed to parse DNS");
    c.dns = d;
  }
  if (c.restrict && !inNet(c.dns)) throw new NetOptionError("DNS doesn't belong to network");
  if (c.dns === c.host) throw new NetOptionError("DNS must be different from host");
  if (vdhcp !== null) {
    const d = parseIpv4(vdhcp);
    if (d === null) throw new NetOptionError("Failed to parse DHCP start address");
    c.dhcpStart = d;
  }
  if (!inNet(c.dhcpStart)) throw new NetOptionError("DHCP doesn't belong to network");
  if (c.dhcpStart === c.host || c.dhcpStart === c.dns) throw new NetOptionError("DHCP must be different from host and DNS");
  for (const f of fwd) c.hostfwd.push(parseHostForward(f));
  return c;
}

/** Takes "sep"-terminated text off the front (QEMU's get_str_sep); null if `sep` does not occur. */
function takeUntil(s: { rest: string }, sep: string): string | null {
  const i = s.rest.indexOf(sep);
  if (i < 0) return null;
  const head = s.rest.slice(0, i);
  s.rest = s.rest.slice(i + 1);
  return head;
}

/**
 * qemu_strtoi with base 0 and an end pointer, as slirp_hostfwd calls it: strtol's prefix (white
 * space, sign, 0x / 0 / decimal) and whatever follows the digits is ignored; null without digits
 * or out of int range.
 */
function strtoi(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX](?=[0-9a-fA-F])[0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return null;
  const t = m[2];
  let v = t.length > 1 && (t[1] === "x" || t[1] === "X") ? parseInt(t.slice(2), 16) : t[0] === "0" ? parseInt(t, 8) : parseInt(t, 10);
  if (m[1] === "-") v = -v;
  return v >= -0x80000000 && v <= 0x7fffffff ? v : null;
}

/** `[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport` (slirp_hostfwd's parser and messages). */
export function parseHostForward(text: string): HostForward {
  const bad = (reason: string): never => {
    throw new NetOptionError(`Invalid host forwarding rule '${text}' (${reason})`);
  };
  const s = { rest: text };
  const proto = takeUntil(s, ":");
  if (proto === null) bad("No : separators");
  let udp = false;
  if (proto === "udp") udp = true;
  else if (proto !== "tcp" && proto !== "") bad("Bad protocol name");
  const haddr = takeUntil(s, ":");
  if (haddr === null) bad("Missing : separator");
  let hostAddr = "0.0.0.0";
  if (haddr !== "") {
    const a = parseIpv4(haddr!);
    if (a === null) bad("Bad host address");
    hostAddr = formatIpv4(a!);
  }
  const hport = takeUntil(s, "-");
  if (hport === null) bad("Bad host port separator");
  const hostPort = strtoi(hport!);
  if (hostPort === null || hostPort < 0 || hostPort > 65535) bad("Bad host port");
  const gaddr = takeUntil(s, ":");
  if (gaddr === null) bad("Missing guest address");
  let guestAddr = 0;
  if (gaddr !== "") {
    const a = parseIpv4(gaddr!);
    if (a === null) bad("Bad guest address");
    guestAddr = a!;
  }
  const guestPort = strtoi(s.rest);
  if (guestPort === null || guestPort < 1 || guestPort > 65535) bad("Bad guest port");
  return { udp, hostAddr, hostPort: hostPort!, guestAddr, guestPort: guestPort!, text };
}
