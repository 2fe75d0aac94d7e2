// Ethernet II framing: 6-byte destination and source MAC addresses and a 16-bit EtherType, no FCS
// (virtio-net frames carry none). 802.1Q tags and other EtherTypes are not routed by the NAT.

export const ETH_HEADER = 14;
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;
/** Largest IPv4 packet the NAT puts into one untagged frame (the guest's MTU). */
export const ETH_MTU = 1500;

export const BROADCAST_MAC = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** QEMU's default NIC address, 52:54:00:12:34:56 (+ n for the n-th NIC). */
export function defaultNicMac(n = 0): Uint8Array {
  return new Uint8Array([0x52, 0x54, 0x00, 0x12, 0x34, 0x56 + n]);
}

/** "52:54:00:12:34:56" (also with '-') -> bytes; null if malformed. */
export function parseMac(s: string): Uint8Array | null {
  const m = /^([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})$/.exec(
    s,
  );
  if (!m) return null;
  return new Uint8Array(m.slice(1, 7).map((h) => parseInt(h, 16)));
}

export function formatMac(b: Uint8Array, off = 0): string {
  const h: string[] = [];
  for (let i = 0; i < 6; i++) h.push(b[off + i].toString(16).padStart(2, "0"));
  return h.join(":");
}

export function macEquals(a: Uint8Array, aOff: number, b: Uint8Array, bOff = 0): boolean {
  for (let i = 0; i < 6; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}

/** Group (multicast or broadcast) address: the I/G bit of the first byte. */
export function isGroupMac(b: Uint8Array, off: number): boolean {
  return (b[off] & 1) !== 0;
}

export function etherType(frame: Uint8Array): number {
  return (frame[12] << 8) | frame[13];
}

export function writeEthernetHeader(frame: Uint8Array, dst: Uint8Array, src: Uint8Array, type: number): void {
  frame.set(dst.subarray(0, 6), 0);
  frame.set(src.subarray(0, 6), 6);
  frame[12] = type >>> 8;
  frame[13] = type & 0xff;
}
