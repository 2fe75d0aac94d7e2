// virtio-mmio transport: negotiation, queue setup, notification suppression, and hostile rings.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import { VirtioBlk } from "../../src/hw/virtio-blk.ts";
import {
  INT_CONFIG_CHANGE,
  INT_USED_BUFFER,
  REG_CONFIG_GENERATION,
  REG_DEVICE_ID,
  REG_INTERRUPT_STATUS,
  REG_MAGIC,
  REG_QUEUE_NOTIFY,
  REG_QUEUE_NUM,
  REG_QUEUE_NUM_MAX,
  REG_QUEUE_READY,
  REG_QUEUE_SEL,
  REG_SHM_LEN_LOW,
  REG_SHM_SEL,
  REG_STATUS,
  REG_VENDOR_ID,
  REG_VERSION,
  STATUS_DEVICE_NEEDS_RESET,
  STATUS_FEATURES_OK,
  VIRTIO_F_INDIRECT_DESC,
  VIRTIO_F_VERSION_1,
  VIRTQ_AVAIL_F_NO_INTERRUPT,
  VIRTQ_DESC_F_INDIRECT,
  VIRTQ_DESC_F_NEXT,
  VIRTQ_DESC_F_WRITE,
  VirtioMmio,
} from "../../src/hw/virtio-mmio.ts";
import { VirtioRng } from "../../src/hw/virtio-rng.ts";
import { RAM_BASE, TestDriver, TestRam, type VirtQueue } from "./virtio-driver.ts";

function make(num?: number) {
  const ram = new TestRam();
  const irq = new IrqLatch();
  const dev = new VirtioMmio(new VirtioRng({ seed: 1 }), ram.dma, irq);
  const drv = new TestDriver(dev, ram);
  drv.negotiate();
  const q = drv.setupQueue(0, num);
  drv.w(REG_STATUS, 15);
  return { ram, irq, dev, drv, q };
}

/** Writes descriptors by hand, publishes `head`, notifies. */
function raw(drv: TestDriver, q: VirtQueue, descs: [number, number, number, number][], head = 0, table = q.desc) {
  descs.forEach(([addr, len, flags, next], i) => q.writeDesc(table, i, { addr, len, flags, next }));
  q.publish(head);
  drv.w(REG_QUEUE_NOTIFY, 0);
}

function expectBroken(dev: VirtioMmio, irq: IrqLatch) {
  expect(dev.deviceStatus & STATUS_DEVICE_NEEDS_RESET).toBe(STATUS_DEVICE_NEEDS_RESET);
  expect(dev.read(REG_INTERRUPT_STATUS, 4) & INT_CONFIG_CHANGE).toBe(INT_CONFIG_CHANGE);
  expect(irq.level).toBe(true);
}

describe("virtio-mmio transport", () => {
  test("an empty slot looks like QEMU's: magic, version, vendor, device 0, writes ignored", () => {
    const d = new VirtioMmio(null, new TestRam().dma, new IrqLatch());
    expect(d.read(REG_MAGIC, 4)).toBe(0x74726976);
    expect(d.read(REG_VERSION, 4)).toBe(2);
    expect(d.read(REG_VENDOR_ID, 4)).toBe(0x554d4551);
    expect(d.read(REG_DEVICE_ID, 4)).toBe(0);
    d.write(REG_STATUS, 4, 7);
    expect(d.read(REG_STATUS, 4)).toBe(0);
    expect(d.read(0x100, 4)).toBe(0);
  });

  test("feature negotiation: VERSION_1 required, unknown bits refused", () => {
    const ram = new TestRam();
    const dev = new VirtioMmio(new VirtioBlk(new Uint8Array(4096)), ram.dma, new IrqLatch());
    const drv = new TestDriver(dev, ram);
    expect(drv.negotiate((f) => f & ~(1n << VIRTIO_F_VERSION_1))).toBe(false);
    expect(drv.negotiate((f) => f | (1n << 40n))).toBe(false);
    expect(drv.negotiate((f) => f | (1n << 29n))).toBe(false); // EVENT_IDX not offered
    expect(drv.negotiate(() => 1n << VIRTIO_F_VERSION_1)).toBe(true);
    expect(dev.negotiatedFeatures).toBe(1n << VIRTIO_F_VERSION_1);
    // features cannot change after FEATURES_OK
    drv.w(0x24, 0);
    drv.w(0x20, 0xffffffff);
    expect(dev.negotiatedFeatures).toBe(1n << VIRTIO_F_VERSION_1);
  });

  test("queue registers: NumMax, bad sizes refused, ready reads back, other queues absent", () => {
    const ram = new TestRam();
    const dev = new VirtioMmio(new VirtioBlk(new Uint8Array(4096)), ram.dma, new IrqLatch());
    const drv = new TestDriver(dev, ram);
    drv.negotiate();
    drv.w(REG_QUEUE_SEL, 0);
    expect(drv.r(REG_QUEUE_NUM_MAX)).toBe(256);
    for (const bad of [0, 3, 512]) {
      drv.w(REG_QUEUE_NUM, bad);
      drv.w(REG_QUEUE_READY, 1);
      expect(drv.r(REG_QUEUE_READY)).toBe(0);
    }
    drv.w(REG_QUEUE_NUM, 16);
    drv.w(REG_QUEUE_READY, 1);
    expect(drv.r(REG_QUEUE_READY)).toBe(1);
    drv.w(REG_QUEUE_NUM, 32); // ignored while ready
    expect(drv.r(REG_QUEUE_NUM)).toBe(16);
    drv.w(REG_QUEUE_SEL, 1);
    expect(drv.r(REG_QUEUE_NUM_MAX)).toBe(0);
    drv.w(REG_QUEUE_READY, 1);
    expect(drv.r(REG_QUEUE_READY)).toBe(0);
    drv.w(REG_QUEUE_SEL, 0xffffffff);
    drv.w(REG_QUEUE_NOTIFY, 0xffffffff);
    drv.w(REG_QUEUE_NOTIFY, 7);
    drv.w(REG_SHM_SEL, 0);
    expect(drv.r(REG_SHM_LEN_LOW)).toBe(0xffffffff);
    expect(drv.r(REG_CONFIG_GENERATION)).toBe(0);
    // status 0 resets the queue
    drv.w(REG_STATUS, 0);
    drv.w(REG_QUEUE_SEL, 0);
    expect(drv.r(REG_QUEUE_READY)).toBe(0);
    expect(drv.r(REG_QUEUE_NUM)).toBe(256);
  });

  test("several chains per notify; NO_INTERRUPT suppresses the interrupt; ring wrap-around", () => {
    const { drv, q, irq, ram } = make(4);
    for (let i = 0; i < 3; i++) drv.submit(0, [{ inLen: 8 }], { notify: false });
    drv.w(REG_QUEUE_NOTIFY, 0);
    expect(q.takeUsed().map((u) => u.len)).toEqual([8, 8, 8]);
    expect(drv.ack()).toBe(INT_USED_BUFFER);
    ram.setU16(q.avail, VIRTQ_AVAIL_F_NO_INTERRUPT);
    drv.submit(0, [{ inLen: 8 }]);
    expect(q.takeUsed().length).toBe(1);
    expect(irq.level).toBe(false);
    ram.setU16(q.avail, 0);
    for (let i = 0; i < 70000; i++) {
      drv.submit(0, [{ inLen: 1 }]);
      if (q.takeUsed().length !== 1) throw new Error(`lost at ${i}`);
      ram.rewind(0x100000); // recycle test RAM
    }
  });

  test("a loop in a chain needs a reset; nothing is processed until the driver resets", () => {
    const { drv, q, dev, irq } = make(8);
    raw(drv, q, [
      [RAM_BASE + 0x200000, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1],
      [RAM_BASE + 0x200010, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0],
    ]);
    expectBroken(dev, irq);
    expect(q.takeUsed()).toEqual([]);
    drv.submit(0, [{ inLen: 8 }]);
    expect(q.takeUsed()).toEqual([]);
    drv.w(REG_STATUS, 0);
    expect(dev.deviceStatus).toBe(0);
    expect(irq.level).toBe(false);
    drv.negotiate();
    const q2 = drv.setupQueue(0);
    drv.w(REG_STATUS, 15);
    drv.submit(0, [{ inLen: 8 }]);
    expect(q2.takeUsed().length).toBe(1);
  });

  const W = VIRTQ_DESC_F_WRITE,
    N = VIRTQ_DESC_F_NEXT,
    I = VIRTQ_DESC_F_INDIRECT;
  const B = RAM_BASE + 0x300000;
  const hostile: [string, (drv: TestDriver, q: VirtQueue, ram: TestRam) => void][] = [
    ["next index out of range", (d, q) => raw(d, q, [[B, 8, W | N, 100]])],
    ["head index out of range", (d, q) => raw(d, q, [[B, 8, W, 0]], 9)],
    ["buffer outside RAM", (d, q) => raw(d, q, [[0x1000, 8, W, 0]])],
    ["buffer running past the end of RAM", (d, q, r) => raw(d, q, [[RAM_BASE + r.bytes.length - 4, 8, W, 0]])],
    ["4 GiB buffer", (d, q) => raw(d, q, [[B, 0xffffffff, W, 0]])],
    ["address above 2^53", (d, q) => raw(d, q, [[2 ** 60, 8, W, 0]])],
    [
      "readable after writable",
      (d, q) =>
        raw(d, q, [
          [B, 8, W | N, 1],
          [B + 8, 8, 0, 0],
        ]),
    ],
    [
      "chain longer than the queue",
      (d, q) =>
        raw(
          d,
          q,
          Array.from({ length: 8 }, (_, i) => [B + 8 * i, 8, W | N, (i + 1) % 8] as [number, number, number, number]),
        ),
    ],
    [
      "avail index moved by more than the queue size",
      (d, q, r) => {
        r.setU16(q.avail + 2, 9);
        d.w(REG_QUEUE_NOTIFY, 0);
      },
    ],
    ["indirect table length not a multiple of 16", (d, q) => raw(d, q, [[B, 24, I, 0]])],
    ["empty indirect table", (d, q) => raw(d, q, [[B, 0, I, 0]])],
    [
      "indirect with NEXT",
      (d, q) =>
        raw(d, q, [
          [B, 16, I | N, 1],
          [B, 8, W, 0],
        ]),
    ],
    [
      "indirect not at the head",
      (d, q) =>
        raw(d, q, [
          [B + 0x1000, 8, W | N, 1],
          [B, 16, I, 0],
        ]),
    ],
    [
      "nested indirect",
      (d, q) => {
        q.writeDesc(B, 0, { addr: B, len: 16, flags: I, next: 0 });
        raw(d, q, [[B, 16, I, 0]]);
      },
    ],
    [
      "loop inside an indirect table",
      (d, q) => {
        q.writeDesc(B, 0, { addr: B + 0x100, len: 8, flags: W | N, next: 1 });
        q.writeDesc(B, 1, { addr: B + 0x100, len: 8, flags: W | N, next: 0 });
        raw(d, q, [[B, 32, I, 0]]);
      },
    ],
    ["huge indirect table", (d, q) => raw(d, q, [[B, 16 * 4096, I, 0]])],
    ["indirect table outside RAM", (d, q) => raw(d, q, [[0x10, 32, I, 0]])],
    [
      "ring outside RAM",
      (d) => {
        d.w(REG_STATUS, 0);
        d.negotiate();
        d.w(REG_QUEUE_SEL, 0);
        d.w(0x80, 0x10);
        d.w(0x90, 0x20);
        d.w(0xa0, 0x40);
        d.w(REG_QUEUE_READY, 1);
        d.w(REG_STATUS, 15);
        d.w(REG_QUEUE_NOTIFY, 0);
      },
    ],
  ];
  for (const [name, act] of hostile) {
    test(`hostile: ${name} -> DEVICE_NEEDS_RESET`, () => {
      const { drv, q, dev, irq, ram } = make(8);
      act(drv, q, ram);
      expectBroken(dev, irq);
      expect(q.takeUsed()).toEqual([]);
    });
  }

  test("indirect descriptors are refused when not negotiated", () => {
    const ram = new TestRam();
    const irq = new IrqLatch();
    const dev = new VirtioMmio(new VirtioRng({ seed: 1 }), ram.dma, irq);
    const drv = new TestDriver(dev, ram);
    drv.negotiate((f) => f & ~(1n << VIRTIO_F_INDIRECT_DESC));
    const q = drv.setupQueue(0);
    drv.w(REG_STATUS, 15);
    drv.submit(0, [{ inLen: 8 }], { indirect: true });
    expectBroken(dev, irq);
    expect(q.takeUsed()).toEqual([]);
  });

  test("zero-length descriptors are skipped", () => {
    const { drv, q } = make(8);
    raw(drv, q, [
      [B, 0, W | N, 1],
      [B + 16, 4, W, 0],
    ]);
    expect(q.takeUsed()).toEqual([{ id: 0, len: 4 }]);
  });

  test("status: the driver cannot set NEEDS_RESET; FEATURES_OK sticks only when valid", () => {
    const { dev, drv } = make();
    drv.w(REG_STATUS, 0x4f);
    expect(dev.deviceStatus).toBe(0x0f);
    expect(dev.deviceStatus & STATUS_FEATURES_OK).toBe(STATUS_FEATURES_OK);
  });

  test("random rings and register traffic never throw", () => {
    let seed = 2024;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (let round = 0; round < 200; round++) {
      const { drv, q, dev, ram } = make(8);
      const base = q.desc - RAM_BASE;
      // scribble over the descriptor table, avail ring and some buffers
      for (let i = 0; i < 200; i++) {
        const at = base + (rnd() % 0x400);
        ram.bytes[at] = rnd() & 0xff;
      }
      for (let i = 0; i < 8; i++) {
        const at = q.desc + 16 * i;
        if (rnd() & 1) ram.setU64(at, RAM_BASE + (rnd() % (ram.bytes.length + 0x1000)));
        if (rnd() & 1) ram.setU32(at + 8, rnd() % 0x2000);
        if (rnd() & 1) ram.setU16(at + 14, rnd() % 10);
      }
      ram.setU16(q.avail + 2, rnd() % 12);
      for (let i = 0; i < 12; i++) ram.setU16(q.avail + 4 + 2 * i, rnd() % 10);
      drv.w(REG_QUEUE_NOTIFY, 0);
      for (let i = 0; i < 50; i++) {
        const off = rnd() % 0x200;
        const size = [1, 2, 4, 8][rnd() % 4];
        if (rnd() & 1) dev.read(off, size);
        else if (off !== REG_STATUS) dev.write(off, size, rnd() | 0);
      }
      drv.w(REG_QUEUE_NOTIFY, 0);
    }
  });
});
