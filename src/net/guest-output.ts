// Everything the NAT sends to the guest goes through here (slirp's if_encap + ip_output): the
// Ethernet and IPv4 headers are filled in, the destination MAC comes from the ARP table, and a
// packet for a guest address whose MAC is not known yet waits (bounded) while the NAT asks
// who-has. The NAT's own MAC is 52:55 followed by the gateway address, as slirp's.
import { ArpTable, ARP_REQUEST, buildArp } from "./arp.ts";
import { BROADCAST_MAC, ETH_HEADER, ETH_MTU, ETHERTYPE_IPV4, writeEthernetHeader } from "./ethernet.ts";
import { fragmentIpv4, IPV4_HEADER, writeIpv4Header, DEFAULT_TTL } from "./ipv4.ts";
import type { NicLink, RxOffload } from "./nic-link.ts";
import { writeIpv4 } from "./ipv4-address.ts";

/** Frames held per address while its MAC is unknown, and addresses held at once. */
const ARP_WAIT_FRAMES = 16;
const ARP_WAIT_ADDRESSES = 8;
const ARP_RETRY_MS = 1000;

interface Waiting {
  frames: Array<{ frame: Uint8Array; offload: RxOffload | null }>;
  askedAt: number;
}

export interface OutputCounters {
  framesSent: number;
  framesDroppedNoLink: number;
  framesDroppedArp: number;
}

export class GuestOutput {
  link: NicLink | null = null;
  readonly mac: Uint8Array;
  readonly arp = new ArpTable(16);
  readonly counters: OutputCounters = { framesSent: 0, framesDroppedNoLink: 0, framesDroppedArp: 0 };
  private readonly waiting = new Map<number, Waiting>();
  private ipId = 0;

  constructor(
    private readonly gateway: number,
    private readonly now: () => number,
  ) {
    this.mac = new Uint8Array([0x52, 0x55, 0, 0, 0, 0]);
    writeIpv4(this.mac, 2, gateway);
  }

  /** The link can take bulk data now. */
  get ready(): boolean {
    return this.link !== null && this.link.ready;
  }

  /** A zeroed frame with room for Ethernet + IPv4 headers and `l4Length` bytes at offset 34. */
  static alloc(l4Length: number): Uint8Array {
    return new Uint8Array(ETH_HEADER + IPV4_HEADER + l4Length);
  }

  /**
   * Fills in the headers of `frame` (its L4 bytes at offset 34, the whole frame being the packet) and
   * sends it from `src` to `dst`. Packets over the MTU are fragmented unless `offload` carries GSO.
   */
  sendIpv4(
    frame: Uint8Array,
    src: number,
    dst: number,
    protocol: number,
    offload: RxOffload | null = null,
    ttl = DEFAULT_TTL,
    dontFragment = false,
  ): void {
    const total = frame.length - ETH_HEADER;
    this.ipId = (this.ipId + 1) & 0xffff;
    writeIpv4Header(frame, ETH_HEADER, total, this.ipId, protocol, src, dst, ttl, dontFragment);
    const broadcast = dst === 0xffffffff;
    const mac = broadcast ? BROADCAST_MAC : this.arp.get(dst);
    if (total > ETH_MTU && (offload === null || offload.gsoMss === 0)) {
      for (const f of fragmentIpv4(frame, ETH_MTU)) this.toMac(f, dst, mac, null);
      return;
    }
    this.toMac(frame, dst, mac, offload);
  }

  /** Sends a complete frame as is (ARP). */
  sendRaw(frame: Uint8Array): void {
    this.deliver(frame, null);
  }

  /** The guest announced or revealed its MAC for `ip`: remember it and release waiting packets. */
  learn(ip: number, mac: Uint8Array): void {
    if (mac[0] & 1) return;
    this.arp.set(ip, mac);
    const w = this.waiting.get(ip);
    if (w === undefined) return;
    this.waiting.delete(ip);
    for (const f of w.frames) {
      f.frame.set(mac.subarray(0, 6), 0);
      this.deliver(f.frame, f.offload);
    }
  }

  /** Retries who-has for addresses with waiting packets; drops those waiting too long. */
  poll(): void {
    const now = this.now();
    for (const [ip, w] of this.waiting) {
      if (now - w.askedAt < ARP_RETRY_MS) continue;
      if (now - w.askedAt > 4 * ARP_RETRY_MS) {
        this.counters.framesDroppedArp += w.frames.length;
        this.waiting.delete(ip);
        continue;
      }
      this.ask(ip);
      w.askedAt = now;
    }
  }

  /** Forgets learned addresses and waiting packets. */
  reset(): void {
    this.arp.clear();
    this.waiting.clear();
  }

  get waitingFrames(): number {
    let n = 0;
    for (const w of this.waiting.values()) n += w.frames.length;
    return n;
  }

  private toMac(frame: Uint8Array, dst: number, mac: Uint8Array | undefined, offload: RxOffload | null): void {
    if (mac !== undefined) {
      writeEthernetHeader(frame, mac, this.mac, ETHERTYPE_IPV4);
      this.deliver(frame, offload);
      return;
    }
    writeEthernetHeader(frame, BROADCAST_MAC, this.mac, ETHERTYPE_IPV4);
    let w = this.waiting.get(dst);
    if (w === undefined) {
      if (this.waiting.size >= ARP_WAIT_ADDRESSES) {
        this.counters.framesDroppedArp++;
        return;
      }
      w = { frames: [], askedAt: this.now() };
      this.waiting.set(dst, w);
      this.ask(dst);
    }
    if (w.frames.length >= ARP_WAIT_FRAMES) {
      this.counters.framesDroppedArp++;
      return;
    }
    w.frames.push({ frame, offload });
  }

  private ask(ip: number): void {
    this.deliver(buildArp(ARP_REQUEST, BROADCAST_MAC, this.mac, this.gateway, new Uint8Array(6), ip), null);
  }

  private deliver(frame: Uint8Array, offload: RxOffload | null): void {
    if (this.link === null) {
      this.counters.framesDroppedNoLink++;
      return;
    }
    this.counters.framesSent++;
    this.link.deliver(frame, offload);
  }
}
