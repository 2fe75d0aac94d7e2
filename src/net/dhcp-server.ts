// The NAT's DHCP server (RFC 2131/2132), as slirp's bootp.c: 16 addresses from the DHCP start
// address (10.0.2.15 ...), one per client MAC; DISCOVER gets an OFFER, REQUEST an ACK (or a NAK
// for an address that is not the client's), everything else is ignored. Replies go from the
// gateway's port 67 to 255.255.255.255:68 and carry: message type, server id, netmask, router and
// DNS (unless restricted), lease time 86400 s, host name and domain name when configured.
// Malformed messages (short, not a BOOTREQUEST, not Ethernet, options running past the end) are
// dropped without a reply.
import { readIpv4, writeIpv4 } from "./ipv4-address.ts";

export const DHCP_SERVER_PORT = 67;
export const DHCP_CLIENT_PORT = 68;
/** slirp's NB_BOOTP_CLIENTS */
export const DHCP_CLIENTS = 16;
export const LEASE_SECONDS = 24 * 3600;

const BOOTP_FIXED = 236; // op .. file
const BOOTP_VEND = 312; // slirp's DHCP_OPT_LEN: replies are 236 + 312 = 548 bytes
const COOKIE = [99, 130, 83, 99];
const DISCOVER = 1;
const OFFER = 2;
const REQUEST = 3;
const ACK = 5;
const NAK = 6;
const OPT_PAD = 0;
const OPT_END = 255;
const OPT_NETMASK = 1;
const OPT_ROUTER = 3;
const OPT_DNS = 6;
const OPT_HOSTNAME = 12;
const OPT_DOMAIN = 15;
const OPT_REQUESTED_IP = 50;
const OPT_LEASE = 51;
const OPT_MSG_TYPE = 53;
const OPT_SERVER_ID = 54;
const OPT_MESSAGE = 56;

export interface DhcpConfig {
  gateway: number;
  netmask: number;
  dns: number;
  dhcpStart: number;
  restricted: boolean;
  hostname?: string;
  domainname?: string;
}

export interface DhcpReply {
  /** The UDP payload (a BOOTREPLY). */
  payload: Uint8Array;
  /** The client's MAC and the address given to it (0 for a NAK), for the ARP table. */
  clientMac: Uint8Array;
  yourIp: number;
}

export class DhcpServer {
  /** MAC of each allocated slot, or null. */
  private readonly clients: Array<Uint8Array | null> = new Array(DHCP_CLIENTS).fill(null);

  constructor(private readonly cfg: DhcpConfig) {}

  /** The address leased to `mac`, or 0. */
  addressOf(mac: Uint8Array): number {
    const i = this.clients.findIndex((m) => m !== null && sameMac(m, mac));
    return i < 0 ? 0 : (this.cfg.dhcpStart + i) >>> 0;
  }

  /** Handles one BOOTREQUEST (the UDP payload); the reply to broadcast, or null. */
  handle(msg: Uint8Array): DhcpReply | null {
    if (msg.length < BOOTP_FIXED || msg[0] !== 1 /* BOOTREQUEST */ || msg[1] !== 1 || msg[2] !== 6) return null;
    const mac = msg.slice(28, 34);
    if ((mac[0] & 1) !== 0) return null; // a group address is no client
    const ciaddr = readIpv4(msg, 12);
    let type = 0;
    let requested = 0;
    if (msg.length >= BOOTP_FIXED + 4 && COOKIE.every((c, i) => msg[BOOTP_FIXED + i] === c)) {
      for (let p = BOOTP_FIXED + 4; p < msg.length;) {
        const tag = msg[p];
        if (tag === OPT_PAD) {
          p++;
          continue;
        }
        if (tag === OPT_END || p + 1 >= msg.length) break;
        const len = msg[p + 1];
        if (p + 2 + len > msg.length) break;
        if (tag === OPT_MSG_TYPE && len >= 1) type = msg[p + 2];
        else if (tag === OPT_REQUESTED_IP && len >= 4) requested = readIpv4(msg, p + 2);
        p += 2 + len;
      }
    }
    if (type === REQUEST && requested === 0) requested = ciaddr;
    if (type === 0) type = REQUEST; // plain BOOTP clients get an answer too
    if (type !== DISCOVER && type !== REQUEST) return null;

    let slot = -1;
    if (type === DISCOVER) {
      if (requested !== 0) slot = this.claim(requested, mac);
      if (slot < 0) slot = this.allocate(mac);
      if (slot < 0) return null; // no address left
    } else if (requested !== 0) {
      slot = this.claim(requested, mac);
    } else {
      slot = this.clients.findIndex((m) => m !== null && sameMac(m, mac));
      if (slot < 0) slot = this.allocate(mac); // a client that remembers its address
      if (slot < 0) return null;
    }
    const yourIp = slot < 0 ? 0 : (this.cfg.dhcpStart + slot) >>> 0;

    const r = new Uint8Array(BOOTP_FIXED + BOOTP_VEND);
    r[0] = 2; // BOOTREPLY
    r[1] = 1;
    r[2] = 6;
    r.set(msg.subarray(4, 8), 4); // xid
    r.set(msg.subarray(10, 12), 10); // flags
    writeIpv4(r, 16, yourIp);
    writeIpv4(r, 20, this.cfg.gateway);
    r.set(mac, 28);
    let q = BOOTP_FIXED;
    r.set(COOKIE, q);
    q += 4;
    const opt = (tag: number, data: Uint8Array) => {
      if (q + 2 + data.length >= r.length - 1) return; // no room (slirp omits the option too)
      r[q] = tag;
      r[q + 1] = data.length;
      r.set(data, q + 2);
      q += 2 + data.length;
    };
    const ip = (a: number) => {
      const b = new Uint8Array(4);
      writeIpv4(b, 0, a);
      return b;
    };
    if (slot >= 0) {
      opt(OPT_MSG_TYPE, Uint8Array.of(type === DISCOVER ? OFFER : ACK));
      opt(OPT_SERVER_ID, ip(this.cfg.gateway));
      opt(OPT_NETMASK, ip(this.cfg.netmask));
      if (!this.cfg.restricted) {
        opt(OPT_ROUTER, ip(this.cfg.gateway));
        opt(OPT_DNS, ip(this.cfg.dns));
      }
      opt(OPT_LEASE, ip(LEASE_SECONDS));
      const enc = new TextEncoder();
      if (this.cfg.hostname) opt(OPT_HOSTNAME, enc.encode(this.cfg.hostname).subarray(0, 255));
      if (this.cfg.domainname) opt(OPT_DOMAIN, enc.encode(this.cfg.domainname).subarray(0, 255));
    } else {
      opt(OPT_MSG_TYPE, Uint8Array.of(NAK));
      opt(OPT_MESSAGE, new TextEncoder().encode("requested address not available"));
    }
    r[q] = OPT_END;
    return { payload: r, clientMac: mac, yourIp };
  }

  /** The slot of `addr` if it is free or already `mac`'s (slirp's request_addr). */
  private claim(addr: number, mac: Uint8Array): number {
    const i = (addr - this.cfg.dhcpStart) >>> 0;
    if (i >= DHCP_CLIENTS) return -1;
    const cur = this.clients[i];
    if (cur !== null && !sameMac(cur, mac)) return -1;
    this.clients[i] = mac;
    return i;
  }

  /** The client's slot, or the first free one (slirp's get_new_addr). */
  private allocate(mac: Uint8Array): number {
    let i = this.clients.findIndex((m) => m !== null && sameMac(m, mac));
    if (i < 0) i = this.clients.indexOf(null);
    if (i >= 0) this.clients[i] = mac;
    return i;
  }
}

function sameMac(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return false;
  return true;
}
