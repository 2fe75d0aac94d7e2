// virtio-mmio transport, version 2 ("modern") register layout, with split virtqueues, as QEMU's
// hw/virtio/virtio-mmio.c + virtio.c for the parts Linux uses. On the virt board there are 8 slots
// at 0x10001000 + 0x1000*i (IRQ 1 + i); a slot without a backend reads as a transport with
// DeviceID 0, which Linux skips (as QEMU's empty slots).
//
// The device side of a virtqueue runs synchronously inside the QueueNotify write: every available
// chain is walked, handed to the backend, and put on the used ring; then InterruptStatus bit 0 is
// set (unless the driver set VIRTQ_AVAIL_F_NO_INTERRUPT) and the IrqLine goes high. Offered
// transport features: VIRTIO_F_VERSION_1 (required from the driver) and VIRTIO_RING_F_INDIRECT_DESC;
// VIRTIO_RING_F_EVENT_IDX is not offered.
//
// Defined behaviour for a misbehaving driver:
//  - register accesses of size != 4 below the config space, unknown offsets, writes to read-only
//    registers and reads of write-only ones: read 0 / ignored;
//  - FEATURES_OK with features the device did not offer or without VERSION_1: the bit is not set
//    (the driver reads Status back and gives up, as the spec says);
//  - QueueReady = 1 with a queue size of 0, above QueueNumMax or not a power of 2: stays 0;
//  - a malformed available ring or descriptor chain (avail index moved by more than the queue size,
//    head or next index out of range, a loop or a chain longer than the queue / indirect table,
//    nested or misplaced indirect descriptors, an indirect table whose length is not a multiple of
//    16, a writable descriptor followed by a readable one, any descriptor or ring outside RAM):
//    the device stops processing, sets DEVICE_NEEDS_RESET (0x40) in Status and raises a
//    configuration-change interrupt (InterruptStatus bit 1) until the driver resets it (Status = 0).
import type { DmaMemory, IrqLine, MmioDevice } from "./device.ts";
import { StateReader, StateWriter, type VmState } from "./vmstate.ts";

export const VIRTIO_MMIO_SIZE = 0x200;
export const VIRTIO_MMIO_MAGIC = 0x74726976; // "virt"
export const VIRTIO_MMIO_VENDOR = 0x554d4551; // "QEMU"

export const REG_MAGIC = 0x000;
export const REG_VERSION = 0x004;
export const REG_DEVICE_ID = 0x008;
export const REG_VENDOR_ID = 0x00c;
export const REG_DEVICE_FEATURES = 0x010;
export const REG_DEVICE_FEATURES_SEL = 0x014;
export const REG_DRIVER_FEATURES = 0x020;
export const REG_DRIVER_FEATURES_SEL = 0x024;
export const REG_QUEUE_SEL = 0x030;
export const REG_QUEUE_NUM_MAX = 0x034;
export const REG_QUEUE_NUM = 0x038;
export const REG_QUEUE_READY = 0x044;
export const REG_QUEUE_NOTIFY = 0x050;
export const REG_INTERRUPT_STATUS = 0x060;
export const REG_INTERRUPT_ACK = 0x064;
export const REG_STATUS = 0x070;
export const REG_QUEUE_DESC_LOW = 0x080;
export const REG_QUEUE_DESC_HIGH = 0x084;
export const REG_QUEUE_DRIVER_LOW = 0x090;
export const REG_QUEUE_DRIVER_HIGH = 0x094;
export const REG_QUEUE_DEVICE_LOW = 0x0a0;
export const REG_QUEUE_DEVICE_HIGH = 0x0a4;
export const REG_SHM_SEL = 0x0ac;
export const REG_SHM_LEN_LOW = 0x0b0;
export const REG_SHM_LEN_HIGH = 0x0b4;
export const REG_SHM_BASE_LOW = 0x0b8;
export const REG_SHM_BASE_HIGH = 0x0bc;
export const REG_CONFIG_GENERATION = 0x0fc;
export const REG_CONFIG = 0x100;

export const STATUS_ACKNOWLEDGE = 1;
export const STATUS_DRIVER = 2;
export const STATUS_DRIVER_OK = 4;
export const STATUS_FEATURES_OK = 8;
export const STATUS_DEVICE_NEEDS_RESET = 0x40;
export const STATUS_FAILED = 0x80;

export const INT_USED_BUFFER = 1;
export const INT_CONFIG_CHANGE = 2;

export const VIRTIO_F_INDIRECT_DESC = 28n;
export const VIRTIO_F_EVENT_IDX = 29n;
export const VIRTIO_F_VERSION_1 = 32n;

export const VIRTQ_DESC_F_NEXT = 1;
export const VIRTQ_DESC_F_WRITE = 2;
export const VIRTQ_DESC_F_INDIRECT = 4;
export const VIRTQ_AVAIL_F_NO_INTERRUPT = 1;

/** Longest chain walked through an indirect table (QEMU's VIRTQUEUE_MAX_SIZE). */
export const MAX_INDIRECT = 1024;

const TWO32 = 0x1_0000_0000;

/** One buffer of a chain, in guest physical memory. */
export interface VirtqSegment {
  addr: number;
  len: number;
}

/**
 * A descriptor chain as the backend sees it: the device-readable buffers as one byte stream and the
 * device-writable buffers as another (virtio 1.x has no framing rules: headers may be split across
 * descriptors or share them with data).
 */
export class DescChain {
  readonly readable: VirtqSegment[] = [];
  readonly writable: VirtqSegment[] = [];
  readableLength = 0;
  writableLength = 0;

  constructor(
    readonly dma: DmaMemory,
    /** Head descriptor index (the id put on the used ring). */
    readonly head: number,
  ) {}

  /**
   * Bytes [offset, offset+len) of the readable stream, or null if that is beyond the stream or
   * outside RAM. The result may be a view into guest RAM: use it before returning to the board.
   */
  read(offset: number, len: number): Uint8Array | null {
    if (offset < 0 || len < 0 || offset + len > this.readableLength) return null;
    let i = 0;
    while (i < this.readable.length && offset >= this.readable[i].len) offset -= this.readable[i++].len;
    if (len === 0) return new Uint8Array(0);
    const first = this.readable[i];
    if (offset + len <= first.len) return this.dma.read(first.addr + offset, len);
    const out = new Uint8Array(len);
    let done = 0;
    for (; done < len; i++) {
      const s = this.readable[i];
      const n = Math.min(s.len - offset, len - done);
      const part = this.dma.read(s.addr + offset, n);
      if (part === null) return null;
      out.set(part, done);
      done += n;
      offset = 0;
    }
    return out;
  }

  /** Writes `data` at `offset` of the writable stream; false if beyond the stream or outside RAM. */
  write(offset: number, data: Uint8Array): boolean {
    if (offset < 0 || offset + data.length > this.writableLength) return false;
    let i = 0;
    while (i < this.writable.length && offset >= this.writable[i].len) offset -= this.writable[i++].len;
    let done = 0;
    for (; done < data.length; i++) {
      const s = this.writable[i];
      const n = Math.min(s.len - offset, data.length - done);
      if (!this.dma.write(s.addr + offset, n === data.length ? data : data.subarray(done, done + n))) return false;
      done += n;
      offset = 0;
    }
    return true;
  }
}

/** The device behind a transport (virtio-blk, virtio-rng, ...). */
export interface VirtioBackend {
  /** Virtio device ID (2 = block, 4 = entropy). */
  readonly deviceId: number;
  /** Device-specific feature bits; the transport adds VERSION_1 and INDIRECT_DESC. */
  readonly features: bigint;
  /** QueueNumMax of each virtqueue; the array's length is the number of queues. */
  readonly queueSizes: readonly number[];
  /** Config space read (offset from 0x100; size 1, 2 or 4); 0 outside the config structure. */
  readConfig(offset: number, size: number): number;
  /** Config space write; ignored where read-only. */
  writeConfig(offset: number, size: number, value: number): void;
  /**
   * Handles one available chain of `queue` and returns the number of bytes written into its
   * writable buffers (the used-ring length), or -1 if the request is malformed beyond an error
   * status (or DMA failed): the transport then sets DEVICE_NEEDS_RESET. Must not throw.
   */
  process(queue: number, chain: DescChain): number;
  /** Device reset (the driver wrote Status = 0). */
  reset?(): void;
  /**
   * Why the machine cannot be snapshotted now (state outside the guest that a snapshot cannot
   * hold, e.g. open host files of a shared directory), or null. Absent: always possible.
   */
  snapshotBlocker?(): string | null;
  /** Called once by the transport's constructor, for backends that use the queue methods below. */
  attachTransport?(transport: VirtioMmio): void;
  /**
   * If present, a QueueNotify (and notify()) calls this instead of handing every chain to
   * process(): the backend pops chains itself (popChain / pushUsed / signalUsed), e.g. a NIC that
   * keeps receive buffers until a frame arrives. Must not throw.
   */
  queueNotify?(queue: number): void;
}

interface Queue {
  max: number;
  num: number;
  ready: boolean;
  desc: [number, number];
  driver: [number, number];
  device: [number, number];
  // latched when ready is set
  descAddr: number;
  availAddr: number;
  usedAddr: number;
  lastAvail: number;
  usedIdx: number;
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

function addr64(p: [number, number]): number {
  return p[1] * TWO32 + p[0];
}

/** A backend with state of its own beyond guest memory (the transport saves it with its queues). */
function backendState(b: VirtioBackend | null): VmState | null {
  const v = b as Partial<VmState> | null;
  return v && typeof v.saveState === "function" && typeof v.loadState === "function" ? (v as VmState) : null;
}

export class VirtioMmio implements MmioDevice, VmState {
  private readonly queues: Queue[];
  private readonly deviceFeatures: bigint;
  private deviceFeaturesSel = 0;
  private driverFeaturesSel = 0;
  private driverFeatures = [0, 0];
  private queueSel = 0;
  private status = 0;
  private needsReset = false;
  private interruptStatus = 0;
  private configGeneration = 0;
  private indirectOk = false; // VIRTIO_F_INDIRECT_DESC accepted with FEATURES_OK
  private irqLevel = false;
  private readonly scratch = new Uint8Array(8);

  constructor(
    readonly backend: VirtioBackend | null,
    private readonly dma: DmaMemory,
    private readonly irq: IrqLine,
  ) {
    this.deviceFeatures =
      backend === null
        ? 0n
        : (BigInt.asUintN(64, backend.features) & ~(1n << VIRTIO_F_EVENT_IDX)) |
          (1n << VIRTIO_F_VERSION_1) |
          (1n << VIRTIO_F_INDIRECT_DESC);
    this.queues = (backend?.queueSizes ?? []).map((max) => ({
      max,
      num: max,
      ready: false,
      desc: [0, 0],
      driver: [0, 0],
      device: [0, 0],
      descAddr: 0,
      availAddr: 0,
      usedAddr: 0,
      lastAvail: 0,
      usedIdx: 0,
    }));
    backend?.attachTransport?.(this);
  }

  saveState(w: StateWriter): void {
    w.u32(this.deviceFeaturesSel).u32(this.driverFeaturesSel).u32(this.driverFeatures[0]).u32(this.driverFeatures[1]);
    w.u32(this.queueSel).u32(this.status).bool(this.needsReset).u32(this.interruptStatus).u32(this.configGeneration);
    w.bool(this.indirectOk).bool(this.irqLevel);
    w.u32(this.queues.length);
    for (const q of this.queues) {
      w.u32(q.num).bool(q.ready);
      for (const p of [q.desc, q.driver, q.device]) w.u32(p[0]).u32(p[1]);
      w.f64(q.descAddr).f64(q.availAddr).f64(q.usedAddr).u32(q.lastAvail).u32(q.usedIdx);
    }
    const bs = backendState(this.backend);
    w.bool(bs !== null);
    if (bs) {
      const sub = new StateWriter();
      bs.saveState(sub);
      w.bytes(sub.finish());
    }
  }

  loadState(r: StateReader): () => void {
    const regs = [r.u32(), r.u32(), r.u32(), r.u32(), r.u32(), r.range(r.u32(), 0, 0xff, "status")];
    const needsReset = r.bool(),
      interruptStatus = r.range(r.u32(), 0, 3, "interrupt status"),
      configGeneration = r.u32(),
      indirectOk = r.bool(),
      irqLevel = r.bool();
    const n = r.range(r.u32(), this.queues.length, this.queues.length, "queue count");
    const qs: Queue[] = [];
    for (let i = 0; i < n; i++) {
      const max = this.queues[i].max;
      const num = r.range(r.u32(), 0, max, "queue size"),
        ready = r.bool();
      const pairs = [0, 1, 2].map((): [number, number] => [r.u32(), r.u32()]);
      const descAddr = r.f64(),
        availAddr = r.f64(),
        usedAddr = r.f64();
      const lastAvail = r.range(r.u32(), 0, 0xffff, "last available index"),
        usedIdx = r.range(r.u32(), 0, 0xffff, "used index");
      qs.push({ max, num, ready, desc: pairs[0], driver: pairs[1], device: pairs[2], descAddr, availAddr, usedAddr, lastAvail, usedIdx });
    }
    const hasBackend = r.bool();
    const bs = backendState(this.backend);
    if (hasBackend !== (bs !== null)) r.range(NaN, 0, 0, "backend state");
    let applyBackend = () => {};
    if (bs) {
      const sub = new StateReader(r.bytes(), `${r.what} (backend)`);
      applyBackend = bs.loadState(sub);
      sub.end();
    }
    return () => {
      [this.deviceFeaturesSel, this.driverFeaturesSel, this.driverFeatures[0], this.driverFeatures[1], this.queueSel, this.status] = regs;
      this.needsReset = needsReset;
      this.interruptStatus = interruptStatus;
      this.configGeneration = configGeneration;
      this.indirectOk = indirectOk;
      this.irqLevel = irqLevel;
      qs.forEach((q, i) => (this.queues[i] = q));
      applyBackend();
    };
  }

  /** Device reset, as a Status = 0 write. */
  reset(): void {
    this.deviceFeaturesSel = this.driverFeaturesSel = 0;
    this.driverFeatures = [0, 0];
    this.queueSel = 0;
    this.status = 0;
    this.needsReset = false;
    this.indirectOk = false;
    this.interruptStatus = 0;
    for (const q of this.queues) {
      q.num = q.max;
      q.ready = false;
      q.desc = [0, 0];
      q.driver = [0, 0];
      q.device = [0, 0];
      q.descAddr = q.availAddr = q.usedAddr = 0;
      q.lastAvail = q.usedIdx = 0;
    }
    this.backend?.reset?.();
    this.updateIrq();
  }

  /** The Status register as the driver reads it. */
  get deviceStatus(): number {
    return this.status | (this.needsReset ? STATUS_DEVICE_NEEDS_RESET : 0);
  }

  /** Features the driver accepted (valid once FEATURES_OK is set). */
  get negotiatedFeatures(): bigint {
    return (BigInt(this.driverFeatures[1]) << 32n) | BigInt(this.driverFeatures[0]);
  }

  /** For backends: the config space changed (bumps ConfigGeneration, config-change interrupt). */
  configChanged(): void {
    this.configGeneration = (this.configGeneration + 1) >>> 0;
    if (this.status & STATUS_DRIVER_OK) {
      this.interruptStatus |= INT_CONFIG_CHANGE;
      this.updateIrq();
    }
  }

  /** Processes queue `index` as if the driver had notified it (for backends that complete later). */
  notify(index: number): void {
    const q = this.queues[index];
    if (q === undefined || !q.ready || this.needsReset) return;
    if (this.backend?.queueNotify) {
      try {
        this.backend.queueNotify(index);
      } catch {
        this.fail();
      }
      return;
    }
    if (!this.processQueue(index, q)) this.fail();
  }

  /** True if queue `index` is set up and the device is not waiting for a reset. */
  queueUsable(index: number): boolean {
    const q = this.queues[index];
    return q !== undefined && q.ready && !this.needsReset && (this.status & STATUS_DRIVER_OK) !== 0;
  }

  /**
   * The next available chain of queue `index` (for backends with queueNotify), or null if there is
   * none. A malformed ring or chain sets DEVICE_NEEDS_RESET and gives null too.
   */
  popChain(index: number): DescChain | null {
    const q = this.queues[index];
    if (q === undefined || !q.ready || this.needsReset) return null;
    const r = this.nextChain(q);
    if (r === false) {
      this.fail();
      return null;
    }
    return r;
  }

  /** Puts a popped chain on the used ring with `len` bytes written; false (and needs-reset) on a DMA failure. */
  pushUsed(index: number, head: number, len: number): boolean {
    const q = this.queues[index];
    if (q === undefined || !q.ready || this.needsReset) return false;
    if (!this.putUsed(q, head, len)) {
      this.fail();
      return false;
    }
    return true;
  }

  /** Raises the used-buffer interrupt for queue `index` unless the driver suppressed it. */
  signalUsed(index: number): void {
    const q = this.queues[index];
    if (q === undefined || !q.ready || this.needsReset) return;
    if (!this.interruptUnlessSuppressed(q)) this.fail();
  }

  read(offset: number, size: number): number {
    if (offset >= REG_CONFIG) {
      if (this.backend === null || (size !== 1 && size !== 2 && size !== 4)) return 0;
      return this.backend.readConfig(offset - REG_CONFIG, size) >>> 0;
    }
    if (size !== 4) return 0;
    if (this.backend === null) {
      if (offset === REG_MAGIC) return VIRTIO_MMIO_MAGIC;
      if (offset === REG_VERSION) return 2;
      if (offset === REG_VENDOR_ID) return VIRTIO_MMIO_VENDOR;
      if (offset === REG_SHM_LEN_LOW || offset === REG_SHM_LEN_HIGH || offset === REG_SHM_BASE_LOW || offset === REG_SHM_BASE_HIGH)
        return 0xffffffff;
      return 0;
    }
    const q = this.queues[this.queueSel];
    switch (offset) {
      case REG_MAGIC:
        return VIRTIO_MMIO_MAGIC;
      case REG_VERSION:
        return 2;
      case REG_DEVICE_ID:
        return this.backend.deviceId;
      case REG_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
      case REG_DEVICE_FEATURES:
        if (this.deviceFeaturesSel > 1) return 0;
        return Number((this.deviceFeatures >> BigInt(32 * this.deviceFeaturesSel)) & 0xffffffffn);
      case REG_QUEUE_NUM_MAX:
        return q === undefined ? 0 : q.max;
      case REG_QUEUE_NUM:
        return q === undefined ? 0 : q.num;
      case REG_QUEUE_READY:
        return q?.ready ? 1 : 0;
      case REG_INTERRUPT_STATUS:
        return this.interruptStatus;
      case REG_STATUS:
        return this.deviceStatus;
      case REG_QUEUE_DESC_LOW:
        return q?.desc[0] ?? 0;
      case REG_QUEUE_DESC_HIGH:
        return q?.desc[1] ?? 0;
      case REG_QUEUE_DRIVER_LOW:
        return q?.driver[0] ?? 0;
      case REG_QUEUE_DRIVER_HIGH:
        return q?.driver[1] ?? 0;
      case REG_QUEUE_DEVICE_LOW:
        return q?.device[0] ?? 0;
      case REG_QUEUE_DEVICE_HIGH:
        return q?.device[1] ?? 0;
      case REG_SHM_LEN_LOW:
      case REG_SHM_LEN_HIGH:
      case REG_SHM_BASE_LOW:
      case REG_SHM_BASE_HIGH:
        return 0xffffffff; // no shared memory regions
      case REG_CONFIG_GENERATION:
        return this.configGeneration;
      default:
        return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (this.backend === null) return;
    if (offset >= REG_CONFIG) {
      if (size === 1 || size === 2 || size === 4) this.backend.writeConfig(offset - REG_CONFIG, size, value >>> 0);
      return;
    }
    if (size !== 4) return;
    value >>>= 0;
    const q = this.queues[this.queueSel];
    switch (offset) {
      case REG_DEVICE_FEATURES_SEL:
        this.deviceFeaturesSel = value;
        return;
      case REG_DRIVER_FEATURES:
        if (this.driverFeaturesSel <= 1 && !(this.status & STATUS_FEATURES_OK)) this.driverFeatures[this.driverFeaturesSel] = value;
        return;
      case REG_DRIVER_FEATURES_SEL:
        this.driverFeaturesSel = value;
        return;
      case REG_QUEUE_SEL:
        this.queueSel = value;
        return;
      case REG_QUEUE_NUM:
        if (q !== undefined && !q.ready) q.num = value;
        return;
      case REG_QUEUE_READY:
        if (q === undefined) return;
        if ((value & 1) === 0) {
          q.ready = false;
          return;
        }
        if (q.ready) return;
        if (q.num === 0 || q.num > q.max || (q.num & (q.num - 1)) !== 0) return;
        q.descAddr = addr64(q.desc);
        q.availAddr = addr64(q.driver);
        q.usedAddr = addr64(q.device);
        q.lastAvail = q.usedIdx = 0;
        q.ready = true;
        return;
      case REG_QUEUE_NOTIFY:
        this.notify(value);
        return;
      case REG_INTERRUPT_ACK:
        this.interruptStatus &= ~value;
        this.updateIrq();
        return;
      case REG_STATUS:
        this.writeStatus(value & 0xff);
        return;
      case REG_QUEUE_DESC_LOW:
      case REG_QUEUE_DESC_HIGH:
      case REG_QUEUE_DRIVER_LOW:
      case REG_QUEUE_DRIVER_HIGH:
      case REG_QUEUE_DEVICE_LOW:
      case REG_QUEUE_DEVICE_HIGH: {
        if (q === undefined || q.ready) return;
        const pair = offset < REG_QUEUE_DRIVER_LOW ? q.desc : offset < REG_QUEUE_DEVICE_LOW ? q.driver : q.device;
        pair[(offset >>> 2) & 1] = value;
        return;
      }
      default:
        return;
    }
  }

  private writeStatus(value: number): void {
    if (value === 0) {
      this.reset();
      return;
    }
    value &= ~STATUS_DEVICE_NEEDS_RESET;
    if (value & STATUS_FEATURES_OK && !(this.status & STATUS_FEATURES_OK)) {
      const wanted = this.negotiatedFeatures;
      const ok = (wanted & ~this.deviceFeatures) === 0n && (wanted & (1n << VIRTIO_F_VERSION_1)) !== 0n;
      if (!ok) value &= ~STATUS_FEATURES_OK;
      this.indirectOk = ok && (wanted & (1n << VIRTIO_F_INDIRECT_DESC)) !== 0n;
    }
    this.status = value;
  }

  private fail(): void {
    this.needsReset = true;
    if (this.status & STATUS_DRIVER_OK) this.interruptStatus |= INT_CONFIG_CHANGE;
    this.updateIrq();
  }

  private updateIrq(): void {
    const level = this.interruptStatus !== 0;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq.set(level);
    }
  }

  /** Runs every available chain of q; false if the ring or a chain is malformed. */
  private processQueue(index: number, q: Queue): boolean {
    let done = 0;
    for (;;) {
      const chain = this.nextChain(q);
      if (chain === false) return false;
      if (chain === null) break;
      let len: number;
      try {
        len = this.backend!.process(index, chain);
      } catch {
        len = -1;
      }
      if (!(len >= 0)) return false;
      if (!this.putUsed(q, chain.head, len)) return false;
      done++;
    }
    return done === 0 || this.interruptUnlessSuppressed(q);
  }

  /** Pops the next available chain: null if there is none, false if the ring or the chain is malformed. */
  private nextChain(q: Queue): DescChain | null | false {
    const availHdr = this.dma.read(q.availAddr, 4);
    if (availHdr === null) return false;
    const availIdx = u16(availHdr, 2);
    if (((availIdx - q.lastAvail) & 0xffff) > q.num) return false;
    if (q.lastAvail === availIdx) return null;
    const ent = this.dma.read(q.availAddr + 4 + 2 * (q.lastAvail % q.num), 2);
    if (ent === null) return false;
    const chain = this.walk(q, u16(ent, 0));
    if (chain === null) return false;
    q.lastAvail = (q.lastAvail + 1) & 0xffff;
    return chain;
  }

  /** Writes a used element and the new used index; false on a DMA failure. */
  private putUsed(q: Queue, head: number, len: number): boolean {
    const s = this.scratch;
    const slot = q.usedIdx % q.num;
    s[0] = head & 0xff;
    s[1] = head >>> 8;
    s[2] = s[3] = 0;
    s[4] = len & 0xff;
    s[5] = (len >>> 8) & 0xff;
    s[6] = (len >>> 16) & 0xff;
    s[7] = (len >>> 24) & 0xff;
    if (!this.dma.write(q.usedAddr + 4 + 8 * slot, s)) return false;
    q.usedIdx = (q.usedIdx + 1) & 0xffff;
    s[0] = q.usedIdx & 0xff;
    s[1] = q.usedIdx >>> 8;
    return this.dma.write(q.usedAddr + 2, s.subarray(0, 2));
  }

  /** Sets InterruptStatus bit 0 unless the driver set VIRTQ_AVAIL_F_NO_INTERRUPT; false on a DMA failure. */
  private interruptUnlessSuppressed(q: Queue): boolean {
    const flags = this.dma.read(q.availAddr, 2);
    if (flags === null) return false;
    if (!(u16(flags, 0) & VIRTQ_AVAIL_F_NO_INTERRUPT)) {
      this.interruptStatus |= INT_USED_BUFFER;
      this.updateIrq();
    }
    return true;
  }

  /** Walks the chain starting at `head`; null if it is malformed. */
  private walk(q: Queue, head: number): DescChain | null {
    const chain = new DescChain(this.dma, head);
    let table = q.descAddr;
    let tableSize = q.num;
    let limit = q.num;
    let idx = head;
    let count = 0;
    let indirect = false;
    for (;;) {
      if (idx >= tableSize || ++count > limit) return null;
      const d = this.dma.read(table + 16 * idx, 16);
      if (d === null) return null;
      const addr = u32(d, 4) * TWO32 + u32(d, 0);
      const len = u32(d, 8);
      const flags = u16(d, 12);
      const next = u16(d, 14);
      if (flags & VIRTQ_DESC_F_INDIRECT) {
        // only the head of a direct chain may point to a table, and only on its own
        if (!this.indirectOk || indirect || count !== 1 || flags & VIRTQ_DESC_F_NEXT) return null;
        if (len === 0 || len % 16 !== 0 || len / 16 > MAX_INDIRECT) return null;
        table = addr;
        tableSize = limit = len / 16;
        idx = 0;
        count = 0;
        indirect = true;
        continue;
      }
      if (len > 0) {
        if (flags & VIRTQ_DESC_F_WRITE) {
          chain.writable.push({ addr, len });
          chain.writableLength += len;
        } else {
          if (chain.writable.length > 0) return null; // readable after writable
          chain.readable.push({ addr, len });
          chain.readableLength += len;
        }
        // reject buffers outside RAM up front so backends see only valid segments (RAM is contiguous,
        // so checking the first and the last byte is enough and costs nothing)
        if (this.dma.read(addr, 1) === null || this.dma.read(addr + len - 1, 1) === null) return null;
      }
      if (!(flags & VIRTQ_DESC_F_NEXT)) return chain;
      idx = next;
    }
  }
}
