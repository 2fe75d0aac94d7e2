// ARP for IPv4 over Ethernet (RFC 826): the NAT answers who-has for its own addresses (the gateway,
// the DNS server) as slirp's arp_input does, learns the guest's MAC from its requests and replies,
// and asks who-has itself before its first packet to a guest address it has not seen yet.
import { ETH_HEADER, ETHERTYPE_ARP, ETHERTYPE_IPV4, writeEthernetHeader } from "./ethernet.ts";
import { readIpv4, writeIpv4 } from "./ipv4-address.ts";

export const ARP_PACKET = 28;
export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;

export interface ArpPacket {
  op: number;
  senderMac: Uint8Array;
  senderIp: number;
  targetMac: Uint8Array;
  targetIp: number;
}

/** Parses the ARP packet of an Ethernet frame; null unless it is IPv4-over-Ethernet ARP. */
export function parseArp(frame: Uint8Array): ArpPacket | null {
  const o = ETH_HEADER;
  if (frame.length < o + ARP_PACKET) return null;
  const htype = (frame[o] << 8) | frame[o + 1];
  const ptype = (frame[o + 2] << 8) | frame[o + 3];
  if (htype !== 1 || ptype !== ETHERTYPE_IPV4 || frame[o + 4] !== 6 || frame[o + 5] !== 4) return null;
  return {
    op: (frame[o + 6] << 8) | frame[o + 7],
    senderMac: frame.slice(o + 8, o + 14),
    senderIp: readIpv4(frame, o + 14),
    targetMac: frame.slice(o + 18, o + 24),
    targetIp: readIpv4(frame, o + 24),
  };
}

/** An ARP frame (request or reply). */
export function buildArp(
  op: number,
  ethDst: Uint8Array,
  senderMac: Uint8Array,
  senderIp: number,
  targetMac: Uint8Array,
  targetIp: number,
): Uint8Array {
  const f = new Uint8Array(ETH_HEADER + ARP_PACKET);
  writeEthernetHeader(f, ethDst, senderMac, ETHERTYPE_ARP);
  const o = ETH_HEADER;
  f[o + 1] = 1; // Ethernet
  f[o + 2] = ETHERTYPE_IPV4 >>> 8;
  f[o + 3] = ETHERTYPE_IPV4 & 0xff;
  f[o + 4] = 6;
  f[o + 5] = 4;
  f[o + 7] = op;
  f.set(senderMac.subarray(0, 6), o + 8);
  writeIpv4(f, o + 14, senderIp);
  f.set(targetMac.subarray(0, 6), o + 18);
  writeIpv4(f, o + 24, targetIp);
  return f;
}

/** The guest side's IPv4 -> MAC table (bounded; the oldest entry goes first, like slirp's ring). */
export class ArpTable {
  private readonly map = new Map<number, Uint8Array>();

  constructor(private readonly capacity = 16) {}

  get(ip: number): Uint8Array | undefined {
    return this.map.get(ip);
  }

  set(ip: number, mac: Uint8Array): void {
    if (ip === 0 || ip === 0xffffffff) return;
    this.map.delete(ip);
    if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value!);
    this.map.set(ip, mac.slice(0, 6));
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
