// virtio-blk over virtio-mmio, driven like Linux's virtio_blk: header / data / status chains.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import {
  VIRTIO_BLK_F_BLK_SIZE,
  VIRTIO_BLK_F_FLUSH,
  VIRTIO_BLK_F_RO,
  VIRTIO_BLK_F_SEG_MAX,
  VIRTIO_BLK_S_IOERR,
  VIRTIO_BLK_S_OK,
  VIRTIO_BLK_S_UNSUPP,
  VIRTIO_BLK_T_FLUSH,
  VIRTIO_BLK_T_GET_ID,
  VIRTIO_BLK_T_IN,
  VIRTIO_BLK_T_OUT,
  VirtioBlk,
  type BlockDevice,
} from "../../src/hw/virtio-blk.ts";
import {
  INT_USED_BUFFER,
  REG_CONFIG,
  REG_DEVICE_ID,
  REG_MAGIC,
  REG_VENDOR_ID,
  REG_VERSION,
  VIRTIO_F_INDIRECT_DESC,
  VIRTIO_F_VERSION_1,
  VIRTIO_MMIO_MAGIC,
  VIRTIO_MMIO_VENDOR,
  VirtioMmio,
} from "../../src/hw/virtio-mmio.ts";
import { TestDriver, TestRam } from "./virtio-driver.ts";

const DISK_SECTORS = 64;

function pattern(n: number): Uint8Array {
  const d = new Uint8Array(n);
  for (let i = 0; i < n; i++) d[i] = (i * 7 + (i >> 9)) & 0xff;
  return d;
}

function header(type: number, sector: number): Uint8Array {
  const h = new Uint8Array(16);
  const dv = new DataView(h.buffer);
  dv.setUint32(0, type, true);
  dv.setBigUint64(8, BigInt(sector), true);
  return h;
}

function make(disk: Uint8Array | BlockDevice = pattern(DISK_SECTORS * 512), opts: { readOnly?: boolean; serial?: string } = {}) {
  const ram = new TestRam();
  const irq = new IrqLatch();
  const blk = new VirtioBlk(disk, opts);
  const dev = new VirtioMmio(blk, ram.dma, irq);
  const drv = new TestDriver(dev, ram);
  return { ram, irq, blk, dev, drv, disk };
}

function request(
  drv: TestDriver,
  type: number,
  sector: number,
  data: { out?: Uint8Array; inLen?: number },
  opts: { indirect?: boolean } = {},
) {
  const bufs = [
    { out: header(type, sector) },
    ...(data.out ? [{ out: data.out }] : []),
    ...(data.inLen ? [{ inLen: data.inLen }] : []),
    { inLen: 1 },
  ];
  const { head, addrs } = drv.submit(0, bufs, opts);
  const used = drv.queues[0].takeUsed();
  const status = drv.ram.get(addrs[addrs.length - 1], 1)[0];
  const dataIn = data.inLen ? drv.ram.get(addrs[addrs.length - 2], data.inLen) : undefined;
  return { head, used, status, dataIn };
}

describe("virtio-blk", () => {
  test("identification, features and config space", () => {
    const { dev, drv } = make();
    expect(dev.read(REG_MAGIC, 4)).toBe(VIRTIO_MMIO_MAGIC);
    expect(dev.read(REG_VERSION, 4)).toBe(2);
    expect(dev.read(REG_DEVICE_ID, 4)).toBe(2);
    expect(dev.read(REG_VENDOR_ID, 4)).toBe(VIRTIO_MMIO_VENDOR);
    const f = drv.deviceFeatures();
    for (const bit of [VIRTIO_F_VERSION_1, VIRTIO_F_INDIRECT_DESC, VIRTIO_BLK_F_SEG_MAX, VIRTIO_BLK_F_BLK_SIZE, VIRTIO_BLK_F_FLUSH])
      expect((f >> bit) & 1n).toBe(1n);
    expect((f >> VIRTIO_BLK_F_RO) & 1n).toBe(0n);
    expect((f >> 29n) & 1n).toBe(0n); // no EVENT_IDX
    // capacity (u64, read as two 32-bit halves as Linux's virtio_cread64 does), seg_max, blk_size
    expect(dev.read(REG_CONFIG, 4)).toBe(DISK_SECTORS);
    expect(dev.read(REG_CONFIG + 4, 4)).toBe(0);
    expect(dev.read(REG_CONFIG + 12, 4)).toBe(254);
    expect(dev.read(REG_CONFIG + 20, 4)).toBe(512);
    expect(dev.read(REG_CONFIG + 20, 2)).toBe(512);
    expect(dev.read(REG_CONFIG + 21, 1)).toBe(2);
    expect(dev.read(REG_CONFIG + 0x100, 4)).toBe(0);
  });

  test("read sectors: data, status byte, used length, interrupt", () => {
    const { drv, irq, disk } = make();
    expect(drv.init()).toBe(true);
    const r = request(drv, VIRTIO_BLK_T_IN, 3, { inLen: 1024 });
    expect(r.status).toBe(VIRTIO_BLK_S_OK);
    expect(r.dataIn).toEqual((disk as Uint8Array).slice(3 * 512, 5 * 512));
    expect(r.used).toEqual([{ id: r.head, len: 1025 }]);
    expect(irq.level).toBe(true);
    expect(drv.ack()).toBe(INT_USED_BUFFER);
    expect(irq.level).toBe(false);
  });

  test("write then read back; indirect descriptors; any layout", () => {
    const { drv, disk } = make();
    drv.init();
    const data = new Uint8Array(1536).map((_, i) => 255 - (i & 0xff));
    expect(request(drv, VIRTIO_BLK_T_OUT, 10, { out: data }).status).toBe(VIRTIO_BLK_S_OK);
    expect((disk as Uint8Array).slice(10 * 512, 13 * 512)).toEqual(data);
    const back = request(drv, VIRTIO_BLK_T_IN, 10, { inLen: 1536 }, { indirect: true });
    expect(back.status).toBe(VIRTIO_BLK_S_OK);
    expect(back.dataIn).toEqual(data);
    // header and data in one readable descriptor; data and status in one writable descriptor
    const out = new Uint8Array(16 + 512);
    out.set(header(VIRTIO_BLK_T_OUT, 0));
    out.fill(0xab, 16);
    drv.submit(0, [{ out }, { inLen: 1 }]);
    expect((disk as Uint8Array)[511]).toBe(0xab);
    const { addrs } = drv.submit(0, [{ out: header(VIRTIO_BLK_T_IN, 0) }, { inLen: 513 }]);
    const got = drv.ram.get(addrs[1], 513);
    expect(got[0]).toBe(0xab);
    expect(got[512]).toBe(VIRTIO_BLK_S_OK);
    // header split over two descriptors, data over three
    const h = header(VIRTIO_BLK_T_IN, 1);
    const r = drv.submit(0, [{ out: h.slice(0, 5) }, { out: h.slice(5) }, { inLen: 100 }, { inLen: 300 }, { inLen: 112 }, { inLen: 1 }]);
    const joined = new Uint8Array([...drv.ram.get(r.addrs[2], 100), ...drv.ram.get(r.addrs[3], 300), ...drv.ram.get(r.addrs[4], 112)]);
    expect(joined).toEqual((disk as Uint8Array).slice(512, 1024));
  });

  test("flush, get-id, unsupported and out-of-range requests", () => {
    let flushed = 0;
    const img = pattern(DISK_SECTORS * 512);
    const disk: BlockDevice = {
      size: img.length,
      read: (o, d) => d.set(img.subarray(o, o + d.length)),
      write: (o, s) => img.set(s, o),
      flush: () => void flushed++,
    };
    const { drv } = make(disk, { serial: "serial-0123456789abcdefXYZ" });
    drv.init();
    expect(request(drv, VIRTIO_BLK_T_FLUSH, 0, {}).status).toBe(VIRTIO_BLK_S_OK);
    expect(flushed).toBe(1);
    const id = request(drv, VIRTIO_BLK_T_GET_ID, 0, { inLen: 20 });
    expect(id.status).toBe(VIRTIO_BLK_S_OK);
    expect(new TextDecoder().decode(id.dataIn)).toBe("serial-0123456789abc");
    expect(request(drv, 11 /* DISCARD */, 0, {}).status).toBe(VIRTIO_BLK_S_UNSUPP);
    expect(request(drv, VIRTIO_BLK_T_IN, DISK_SECTORS - 1, { inLen: 1024 }).status).toBe(VIRTIO_BLK_S_IOERR);
    expect(request(drv, VIRTIO_BLK_T_IN, DISK_SECTORS, { inLen: 512 }).status).toBe(VIRTIO_BLK_S_IOERR);
    expect(request(drv, VIRTIO_BLK_T_IN, 2 ** 53, { inLen: 512 }).status).toBe(VIRTIO_BLK_S_IOERR);
    expect(request(drv, VIRTIO_BLK_T_IN, 0, { inLen: 100 }).status).toBe(VIRTIO_BLK_S_IOERR); // not a multiple of 512
    expect(request(drv, VIRTIO_BLK_T_IN, DISK_SECTORS - 1, { inLen: 512 }).status).toBe(VIRTIO_BLK_S_OK);
    // a backend that throws gives IOERR
    disk.read = () => {
      throw new Error("EIO");
    };
    expect(request(drv, VIRTIO_BLK_T_IN, 0, { inLen: 512 }).status).toBe(VIRTIO_BLK_S_IOERR);
  });

  test("read-only disk: RO feature, writes fail with IOERR", () => {
    const img = pattern(8 * 512);
    const { drv } = make(img, { readOnly: true });
    expect((drv.deviceFeatures() >> VIRTIO_BLK_F_RO) & 1n).toBe(1n);
    drv.init();
    expect(request(drv, VIRTIO_BLK_T_OUT, 0, { out: new Uint8Array(512) }).status).toBe(VIRTIO_BLK_S_IOERR);
    expect(img[1]).toBe(7);
    expect(request(drv, VIRTIO_BLK_T_IN, 0, { inLen: 512 }).status).toBe(VIRTIO_BLK_S_OK);
  });

  test("a disk whose size is not a multiple of 512 exposes whole sectors only", () => {
    const { dev } = make(new Uint8Array(1000));
    expect(dev.read(REG_CONFIG, 4)).toBe(1);
  });

  test("a chain without header or status byte needs a reset", () => {
    const { drv, dev } = make();
    drv.init();
    drv.submit(0, [{ out: new Uint8Array(8) }, { inLen: 1 }]);
    expect(dev.deviceStatus & 0x40).toBe(0x40);
    drv.init();
    drv.submit(0, [{ out: header(VIRTIO_BLK_T_IN, 0) }]);
    expect(dev.deviceStatus & 0x40).toBe(0x40);
  });
});
