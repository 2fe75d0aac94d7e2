// A guest-side virtio-mmio driver for tests: lays out split virtqueues in a RAM buffer the way
// Linux's virtio_mmio + virtio_ring do, negotiates features, submits chains and reads the used ring.
import { RamDma } from "../../src/hw/device.ts";
import {
  REG_DEVICE_FEATURES,
  REG_DEVICE_FEATURES_SEL,
  REG_DRIVER_FEATURES,
  REG_DRIVER_FEATURES_SEL,
  REG_INTERRUPT_ACK,
  REG_INTERRUPT_STATUS,
  REG_QUEUE_DESC_HIGH,
  REG_QUEUE_DESC_LOW,
  REG_QUEUE_DEVICE_HIGH,
  REG_QUEUE_DEVICE_LOW,
  REG_QUEUE_DRIVER_HIGH,
  REG_QUEUE_DRIVER_LOW,
  REG_QUEUE_NOTIFY,
  REG_QUEUE_NUM,
  REG_QUEUE_NUM_MAX,
  REG_QUEUE_READY,
  REG_QUEUE_SEL,
  REG_STATUS,
  STATUS_ACKNOWLEDGE,
  STATUS_DRIVER,
  STATUS_DRIVER_OK,
  STATUS_FEATURES_OK,
  VIRTQ_DESC_F_INDIRECT,
  VIRTQ_DESC_F_NEXT,
  VIRTQ_DESC_F_WRITE,
  type VirtioMmio,
} from "../../src/hw/virtio-mmio.ts";

export const RAM_BASE = 0x8000_0000;

export class TestRam {
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  readonly dma: RamDma;
  private next = 0x1000;

  constructor(size = 4 << 20) {
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
    this.dma = new RamDma(this.bytes, RAM_BASE);
  }

  /** Allocates `size` bytes aligned to `align`; returns the guest physical address. */
  alloc(size: number, align = 16): number {
    this.next = Math.ceil(this.next / align) * align;
    const a = this.next;
    this.next += size;
    if (this.next > this.bytes.length) throw new Error("test RAM exhausted");
    return RAM_BASE + a;
  }

  /** Makes later allocations start again at RAM offset `offset` (tests that recycle buffers). */
  rewind(offset: number): void {
    this.next = offset;
  }

  put(addr: number, data: Uint8Array): void {
    this.bytes.set(data, addr - RAM_BASE);
  }

  get(addr: number, len: number): Uint8Array {
    return this.bytes.slice(addr - RAM_BASE, addr - RAM_BASE + len);
  }

  u16(addr: number): number {
    return this.dv.getUint16(addr - RAM_BASE, true);
  }
  u32(addr: number): number {
    return this.dv.getUint32(addr - RAM_BASE, true);
  }
  setU16(addr: number, v: number): void {
    this.dv.setUint16(addr - RAM_BASE, v, true);
  }
  setU32(addr: number, v: number): void {
    this.dv.setUint32(addr - RAM_BASE, v, true);
  }
  setU64(addr: number, v: number): void {
    this.dv.setBigUint64(addr - RAM_BASE, BigInt(v), true);
  }
}

/** One buffer of a chain: `out` bytes for the device, or `inLen` bytes for the device to fill. */
export type Buf = { out: Uint8Array } | { inLen: number };

export interface Desc {
  addr: number;
  len: number;
  flags: number;
  next: number;
}

export class VirtQueue {
  freeHead = 0;
  availIdx = 0;
  lastUsed = 0;

  constructor(
    readonly ram: TestRam,
    readonly num: number,
    readonly desc: number,
    readonly avail: number,
    readonly used: number,
  ) {}

  writeDesc(table: number, i: number, d: Desc): void {
    const a = table + 16 * i;
    this.ram.setU64(a, d.addr);
    this.ram.setU32(a + 8, d.len);
    this.ram.setU16(a + 12, d.flags);
    this.ram.setU16(a + 14, d.next);
  }

  /** Puts head index `head` on the avail ring (does not notify). */
  publish(head: number): void {
    this.ram.setU16(this.avail + 4 + 2 * (this.availIdx % this.num), head);
    this.availIdx = (this.availIdx + 1) & 0xffff;
    this.ram.setU16(this.avail + 2, this.availIdx);
  }

  /** New used-ring entries since the last call. */
  takeUsed(): { id: number; len: number }[] {
    const out: { id: number; len: number }[] = [];
    const idx = this.ram.u16(this.used + 2);
    while (this.lastUsed !== idx) {
      const e = this.used + 4 + 8 * (this.lastUsed % this.num);
      out.push({ id: this.ram.u32(e), len: this.ram.u32(e + 4) });
      this.lastUsed = (this.lastUsed + 1) & 0xffff;
    }
    return out;
  }
}

export class TestDriver {
  readonly queues: VirtQueue[] = [];

  constructor(
    readonly dev: VirtioMmio,
    readonly ram: TestRam,
  ) {}

  r(off: number): number {
    return this.dev.read(off, 4);
  }
  w(off: number, v: number): void {
    this.dev.write(off, 4, v);
  }

  deviceFeatures(): bigint {
    this.w(REG_DEVICE_FEATURES_SEL, 0);
    const lo = BigInt(this.r(REG_DEVICE_FEATURES));
    this.w(REG_DEVICE_FEATURES_SEL, 1);
    return (BigInt(this.r(REG_DEVICE_FEATURES)) << 32n) | lo;
  }

  /** Linux's probe: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK; true if the device accepted. */
  negotiate(accept: (offered: bigint) => bigint = (f) => f): boolean {
    this.w(REG_STATUS, 0);
    this.w(REG_STATUS, STATUS_ACKNOWLEDGE);
    this.w(REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    const want = accept(this.deviceFeatures());
    this.w(REG_DRIVER_FEATURES_SEL, 0);
    this.w(REG_DRIVER_FEATURES, Number(want & 0xffffffffn));
    this.w(REG_DRIVER_FEATURES_SEL, 1);
    this.w(REG_DRIVER_FEATURES, Number((want >> 32n) & 0xffffffffn));
    this.w(REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
    return (this.r(REG_STATUS) & STATUS_FEATURES_OK) !== 0;
  }

  setupQueue(index: number, num?: number): VirtQueue {
    this.w(REG_QUEUE_SEL, index);
    if (this.r(REG_QUEUE_READY) !== 0) throw new Error("queue already ready");
    const max = this.r(REG_QUEUE_NUM_MAX);
    if (max === 0) throw new Error("no such queue");
    const n = num ?? max;
    const desc = this.ram.alloc(16 * n, 16);
    const avail = this.ram.alloc(6 + 2 * n, 2);
    const used = this.ram.alloc(6 + 8 * n, 4);
    this.w(REG_QUEUE_NUM, n);
    this.w(REG_QUEUE_DESC_LOW, desc >>> 0);
    this.w(REG_QUEUE_DESC_HIGH, Math.floor(desc / 2 ** 32));
    this.w(REG_QUEUE_DRIVER_LOW, avail >>> 0);
    this.w(REG_QUEUE_DRIVER_HIGH, Math.floor(avail / 2 ** 32));
    this.w(REG_QUEUE_DEVICE_LOW, used >>> 0);
    this.w(REG_QUEUE_DEVICE_HIGH, Math.floor(used / 2 ** 32));
    this.w(REG_QUEUE_READY, 1);
    const q = new VirtQueue(this.ram, n, desc, avail, used);
    this.queues[index] = q;
    return q;
  }

  /** negotiate + queues + DRIVER_OK. */
  init(queueCount = 1): boolean {
    if (!this.negotiate()) return false;
    for (let i = 0; i < queueCount; i++) this.setupQueue(i);
    this.w(REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
    return true;
  }

  /**
   * Builds a chain from `bufs` (data copied into fresh RAM) starting at the queue's next free
   * descriptor, or in an indirect table; returns the head and the guest addresses of the buffers.
   */
  submit(qi: number, bufs: Buf[], opts: { indirect?: boolean; notify?: boolean } = {}): { head: number; addrs: number[] } {
    const q = this.queues[qi];
    const addrs = bufs.map((b) => {
      const len = "out" in b ? b.out.length : b.inLen;
      const a = this.ram.alloc(Math.max(len, 1), 8);
      if ("out" in b) this.ram.put(a, b.out);
      return a;
    });
    const descs: Desc[] = bufs.map((b, i) => ({
      addr: addrs[i],
      len: "out" in b ? b.out.length : b.inLen,
      flags: ("out" in b ? 0 : VIRTQ_DESC_F_WRITE) | (i + 1 < bufs.length ? VIRTQ_DESC_F_NEXT : 0),
      next: 0,
    }));
    let head: number;
    if (opts.indirect) {
      const table = this.ram.alloc(16 * descs.length, 16);
      descs.forEach((d, i) => q.writeDesc(table, i, { ...d, next: i + 1 }));
      head = q.freeHead;
      q.writeDesc(q.desc, head, { addr: table, len: 16 * descs.length, flags: VIRTQ_DESC_F_INDIRECT, next: 0 });
      q.freeHead = (q.freeHead + 1) % q.num;
    } else {
      head = q.freeHead;
      descs.forEach((d, i) => {
        const idx = (head + i) % q.num;
        q.writeDesc(q.desc, idx, { ...d, next: (head + i + 1) % q.num });
      });
      q.freeHead = (q.freeHead + descs.length) % q.num;
    }
    q.publish(head);
    if (opts.notify !== false) this.w(REG_QUEUE_NOTIFY, qi);
    return { head, addrs };
  }

  /** The interrupt handler: reads and acknowledges InterruptStatus. */
  ack(): number {
    const s = this.r(REG_INTERRUPT_STATUS);
    this.w(REG_INTERRUPT_ACK, s);
    return s;
  }
}
