// virtio-net backend (device ID 1) for the virtio-mmio transport, after QEMU's hw/net/virtio-net.c,
// connected to a network backend (src/net: the user-mode NAT) through the NicLink/NetBackend pair.
//
// Queues: 0 = receive, 1 = transmit (no control queue, no multiqueue), 256 entries each.
// Features offered (what Linux's virtio_net negotiates of them):
//   MAC, STATUS (link always up), MRG_RXBUF (mergeable receive buffers: a frame may span several
//   buffers, num_buffers in the first header), and with `offloads` (the default) CSUM + HOST_TSO4
//   (the guest hands over TCP segments up to 64 KiB with the checksum left for the device: the NAT
//   needs neither, as it forwards the byte stream) and GUEST_CSUM + GUEST_TSO4 (the NAT hands the
//   guest TCP segments up to 64 KiB marked DATA_VALID, so neither side computes TCP checksums).
//   QEMU offers no offloads with -netdev user (slirp has no vnet header); here they are what makes
//   bulk TCP cheap for the emulated guest.
// Every header is the 12-byte virtio 1.x virtio_net_hdr (num_buffers included).
//
// Receive: frames from the backend wait in a bounded queue (RX_PENDING_MAX frames) until the guest
// posts buffers; the device keeps the buffers it popped until a frame fills them. `ready` is false
// while frames wait, which holds the NAT's bulk TCP data back; a receive-queue kick delivers what
// waits and tells the backend linkReady(). Frames are dropped (and counted) when the driver is not
// running, when the queue is full, or when a frame cannot fit the buffers (without MRG_RXBUF).
// Transmit: every chain is one frame (header + Ethernet frame) handed to the backend, completed at
// once; then the backend's flush() runs. Chains shorter than header + 14 bytes or longer than a
// 64 KiB segment are dropped and completed.
import type { NetBackend, NicLink, RxOffload } from "../net/nic-link.ts";
import type { DescChain, VirtioBackend, VirtioMmio } from "./virtio-mmio.ts";

export const VIRTIO_ID_NET = 1;

export const VIRTIO_NET_F_CSUM = 0n;
export const VIRTIO_NET_F_GUEST_CSUM = 1n;
export const VIRTIO_NET_F_MAC = 5n;
export const VIRTIO_NET_F_GUEST_TSO4 = 7n;
export const VIRTIO_NET_F_HOST_TSO4 = 11n;
export const VIRTIO_NET_F_MRG_RXBUF = 15n;
export const VIRTIO_NET_F_STATUS = 16n;

export const VIRTIO_NET_HDR_F_NEEDS_CSUM = 1;
export const VIRTIO_NET_HDR_F_DATA_VALID = 2;
export const VIRTIO_NET_HDR_GSO_NONE = 0;
export const VIRTIO_NET_HDR_GSO_TCPV4 = 1;
export const VIRTIO_NET_S_LINK_UP = 1;

/** sizeof(struct virtio_net_hdr_mrg_rxbuf): the header of every frame with VIRTIO_F_VERSION_1. */
export const VIRTIO_NET_HDR_LEN = 12;
export const VIRTIO_NET_QUEUE_SIZE = 256;
export const RX_QUEUE = 0;
export const TX_QUEUE = 1;
/** Frames waiting for receive buffers before new ones are dropped. */
export const RX_PENDING_MAX = 1024;
/** Largest frame accepted from the guest: a 64 KiB TSO segment plus Ethernet and a VLAN tag. */
export const TX_FRAME_MAX = 65535 + 14 + 4;
/** Ethernet + IPv4 + TCP headers without options: hdr_len of a GSO frame the NAT builds. */
const TCP_FRAME_HEADERS = 14 + 20 + 20;

export interface VirtioNetOptions {
  /** The NIC's MAC address (default 52:54:00:12:34:56). */
  mac?: Uint8Array;
  /** Offer checksum and TSO offloads (default true). */
  offloads?: boolean;
}

export interface VirtioNetCounters {
  rxFrames: number;
  rxBytes: number;
  rxDropped: number;
  /** Receive frames sent as GSO segments, and transmit frames that arrived as GSO segments. */
  rxGso: number;
  txFrames: number;
  txBytes: number;
  txDropped: number;
  txGso: number;
  /** Transmit kicks (QueueNotify writes for the transmit queue). */
  txKicks: number;
}

interface PendingFrame {
  frame: Uint8Array;
  offload: RxOffload | null;
}

export class VirtioNet implements VirtioBackend, NicLink {
  readonly deviceId = VIRTIO_ID_NET;
  readonly features: bigint;
  readonly queueSizes = [VIRTIO_NET_QUEUE_SIZE, VIRTIO_NET_QUEUE_SIZE];
  readonly mac: Uint8Array;
  readonly counters: VirtioNetCounters = {
    rxFrames: 0,
    rxBytes: 0,
    rxDropped: 0,
    rxGso: 0,
    txFrames: 0,
    txBytes: 0,
    txDropped: 0,
    txGso: 0,
    txKicks: 0,
  };
  private transport: VirtioMmio | null = null;
  private readonly config = new Uint8Array(12);
  private pending: PendingFrame[] = [];
  private pendingHead = 0;
  /** Receive chains popped from the ring and not yet filled. */
  private held: DescChain[] = [];
  private heldBytes = 0;
  private readonly hdr = new Uint8Array(VIRTIO_NET_HDR_LEN);

  constructor(
    readonly backend: NetBackend | null,
    opts: VirtioNetOptions = {},
  ) {
    this.mac = (opts.mac ?? new Uint8Array([0x52, 0x54, 0x00, 0x12, 0x34, 0x56])).slice(0, 6);
    let f = (1n << VIRTIO_NET_F_MAC) | (1n << VIRTIO_NET_F_STATUS) | (1n << VIRTIO_NET_F_MRG_RXBUF);
    if (opts.offloads ?? true)
      f |= (1n << VIRTIO_NET_F_CSUM) | (1n << VIRTIO_NET_F_HOST_TSO4) | (1n << VIRTIO_NET_F_GUEST_CSUM) | (1n << VIRTIO_NET_F_GUEST_TSO4);
    this.features = f;
    this.config.set(this.mac, 0);
    this.config[6] = VIRTIO_NET_S_LINK_UP; // status
    this.config[8] = 1; // max_virtqueue_pairs (read only with MQ)
    this.config[10] = 1500 & 0xff; // mtu (read only with MTU)
    this.config[11] = 1500 >>> 8;
    backend?.attach(this);
  }

  attachTransport(transport: VirtioMmio): void {
    this.transport = transport;
  }

  /**
   * Snapshots do not hold the NAT's host connections nor the receive buffers this device keeps
   * between frames: a machine with a connected NIC cannot be saved (a later version may add it).
   */
  snapshotBlocker(): string | null {
    return this.backend ? "a network card (virtio-net on a user-mode network) is attached; its host connections cannot be saved" : null;
  }

  private has(bit: bigint): boolean {
    return this.transport !== null && (this.transport.negotiatedFeatures & (1n << bit)) !== 0n;
  }

  // ---- NicLink

  get ready(): boolean {
    return this.pendingHead === this.pending.length && this.transport !== null && this.transport.queueUsable(RX_QUEUE);
  }

  get rxChecksumOffload(): boolean {
    return this.has(VIRTIO_NET_F_GUEST_CSUM);
  }

  get rxTso(): boolean {
    return this.has(VIRTIO_NET_F_GUEST_TSO4) && this.has(VIRTIO_NET_F_GUEST_CSUM);
  }

  deliver(frame: Uint8Array, offload: RxOffload | null): void {
    if (this.transport === null || !this.transport.queueUsable(RX_QUEUE) || this.pending.length - this.pendingHead >= RX_PENDING_MAX) {
      this.counters.rxDropped++;
      return;
    }
    this.pending.push({ frame, offload });
    this.flushRx();
  }

  // ---- VirtioBackend

  readConfig(offset: number, size: number): number {
    if (offset < 0 || offset + size > this.config.length) return 0;
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.config[offset + i] << (8 * i);
    return v >>> 0;
  }

  writeConfig(): void {
    // the MAC is read-only with VIRTIO_F_VERSION_1 (changing it needs CTRL_MAC_ADDR, not offered)
  }

  process(): number {
    return 0; // unused: queueNotify handles both queues
  }

  reset(): void {
    this.pending = [];
    this.pendingHead = 0;
    this.held = [];
    this.heldBytes = 0;
  }

  queueNotify(queue: number): void {
    if (queue === TX_QUEUE) this.transmit();
    else if (queue === RX_QUEUE) {
      this.flushRx();
      if (this.ready) this.backend?.linkReady();
    }
  }

  // ---- transmit

  private transmit(): void {
    const t = this.transport!;
    let n = 0;
    this.counters.txKicks++;
    for (let c = t.popChain(TX_QUEUE); c !== null; c = t.popChain(TX_QUEUE)) {
      const len = c.readableLength - VIRTIO_NET_HDR_LEN;
      const hdr = len >= 14 && len <= TX_FRAME_MAX ? c.read(0, VIRTIO_NET_HDR_LEN) : null;
      const frame = hdr === null ? null : c.read(VIRTIO_NET_HDR_LEN, len);
      if (hdr === null || frame === null) this.counters.txDropped++;
      else {
        this.counters.txFrames++;
        this.counters.txBytes += len;
        if (hdr[1] !== VIRTIO_NET_HDR_GSO_NONE) this.counters.txGso++;
        const partial = (hdr[0] & VIRTIO_NET_HDR_F_NEEDS_CSUM) !== 0;
        try {
          this.backend?.receive(frame, partial);
        } catch {
          this.counters.txDropped++; // a backend bug must not take the device down
        }
      }
      if (!t.pushUsed(TX_QUEUE, c.head, 0)) return;
      n++;
    }
    if (n > 0) {
      t.signalUsed(TX_QUEUE);
      this.backend?.flush();
    }
  }

  // ---- receive

  /** Moves waiting frames into the guest's receive buffers while there are enough. */
  private flushRx(): void {
    const t = this.transport;
    if (t === null) return;
    if (!t.queueUsable(RX_QUEUE)) {
      this.counters.rxDropped += this.pending.length - this.pendingHead;
      this.pending = [];
      this.pendingHead = 0;
      return;
    }
    const mrg = this.has(VIRTIO_NET_F_MRG_RXBUF);
    let delivered = 0;
    while (this.pendingHead < this.pending.length) {
      const p = this.pending[this.pendingHead];
      const need = VIRTIO_NET_HDR_LEN + p.frame.length;
      // enough buffers for the frame: one without MRG_RXBUF, as many as it takes with it
      while (this.held.length === 0 || (mrg && this.heldBytes < need && this.held.length < VIRTIO_NET_QUEUE_SIZE)) {
        const c = t.popChain(RX_QUEUE);
        if (c === null) break;
        if (c.writableLength === 0) {
          t.pushUsed(RX_QUEUE, c.head, 0); // a buffer the device cannot write to
          continue;
        }
        this.held.push(c);
        this.heldBytes += c.writableLength;
      }
      if (this.held.length === 0) break;
      const fits = mrg ? this.heldBytes >= need : this.held[0].writableLength >= need;
      if (!fits) {
        if (mrg && this.held.length < VIRTIO_NET_QUEUE_SIZE) break; // wait for more buffers
        this.counters.rxDropped++; // can never fit
        this.pendingHead++;
        continue;
      }
      if (!this.fill(p)) return;
      this.pendingHead++;
      delivered++;
    }
    if (this.pendingHead === this.pending.length) {
      this.pending = [];
      this.pendingHead = 0;
    } else if (this.pendingHead > 256) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
    if (delivered > 0) t.signalUsed(RX_QUEUE);
  }

  /** Writes one frame (header first) into the held buffers and puts them on the used ring. */
  private fill(p: PendingFrame): boolean {
    const t = this.transport!;
    const h = this.hdr;
    h.fill(0);
    const o = p.offload;
    if (o !== null && o.checksumNotFilled && this.has(VIRTIO_NET_F_GUEST_CSUM)) h[0] = VIRTIO_NET_HDR_F_DATA_VALID;
    if (o !== null && o.gsoMss > 0 && p.frame.length - TCP_FRAME_HEADERS > o.gsoMss && this.has(VIRTIO_NET_F_GUEST_TSO4)) {
      h[1] = VIRTIO_NET_HDR_GSO_TCPV4;
      this.counters.rxGso++;
      h[2] = TCP_FRAME_HEADERS; // hdr_len
      h[4] = o.gsoMss & 0xff; // gso_size
      h[5] = o.gsoMss >>> 8;
    }
    const total = VIRTIO_NET_HDR_LEN + p.frame.length;
    // count the buffers first: num_buffers goes into the first header
    let used = 0;
    for (let room = 0; room < total; used++) room += this.held[used].writableLength;
    h[10] = used & 0xff;
    h[11] = used >>> 8;
    let done = 0; // bytes of (header + frame) written
    for (let i = 0; i < used; i++) {
      const c = this.held[i];
      let off = 0;
      if (done < VIRTIO_NET_HDR_LEN) {
        // Linux's buffers are always at least a header long; a shorter one gets the header's head
        const n = Math.min(VIRTIO_NET_HDR_LEN - done, c.writableLength);
        if (!c.write(0, n === VIRTIO_NET_HDR_LEN ? h : h.subarray(done, done + n))) return this.dmaFailed();
        off = n;
        done += n;
      }
      const n = Math.min(c.writableLength - off, total - done);
      if (n > 0) {
        const start = done - VIRTIO_NET_HDR_LEN;
        if (!c.write(off, p.frame.subarray(start, start + n))) return this.dmaFailed();
        done += n;
        off += n;
      }
      if (!t.pushUsed(RX_QUEUE, c.head, off)) return false;
    }
    for (let i = 0; i < used; i++) this.heldBytes -= this.held[i].writableLength;
    this.held = used === this.held.length ? [] : this.held.slice(used);
    this.counters.rxFrames++;
    this.counters.rxBytes += p.frame.length;
    return true;
  }

  private dmaFailed(): boolean {
    this.counters.rxDropped++;
    this.held = [];
    this.heldBytes = 0;
    return false;
  }
}
