// virtio-9p on the virtio-mmio transport, driven the way Linux's 9pnet_virtio does: device ID,
// MOUNT_TAG feature and config space, one 128-entry queue, requests with the reply buffer split as
// zero-copy reads and writes split it (an 11-byte header, then the guest's pages), many requests
// outstanding before one notify, indirect tables, malformed chains, and reset.
import { describe, expect, test } from "vitest";
import { MemFs } from "../../src/hw/9p/memfs.ts";
import { DOTL_RDWR, Msg, P9_NOFID } from "../../src/hw/9p/protocol.ts";
import { WireReader, WireWriter } from "../../src/hw/9p/wire.ts";
import { writeFileAt } from "../../src/hw/9p/tree.ts";
import { IrqLatch } from "../../src/hw/device.ts";
import { VIRTIO_9P_QUEUE_SIZE, VIRTIO_ID_9P, Virtio9p } from "../../src/hw/virtio-9p.ts";
import {
  REG_CONFIG,
  REG_DEVICE_ID,
  REG_QUEUE_NUM_MAX,
  REG_QUEUE_SEL,
  REG_STATUS,
  STATUS_DEVICE_NEEDS_RESET,
  VirtioMmio,
} from "../../src/hw/virtio-mmio.ts";
import { P9Client } from "./9p-client.ts";
import { TestDriver, TestRam, type Buf } from "./virtio-driver.ts";

const enc = new TextEncoder();

function setup(tag = "hostshare") {
  const fs = new MemFs();
  writeFileAt(fs, ["hello.txt"], enc.encode("hello from the share\n"));
  const ram = new TestRam(16 << 20);
  const irq = new IrqLatch();
  const be = new Virtio9p({ tag, fs });
  const dev = new VirtioMmio(be, ram.dma, irq);
  const drv = new TestDriver(dev, ram);
  return { fs, ram, irq, be, dev, drv };
}

/** Submits one request; returns the reply (from the writable buffers, in order). */
function rpc(s: ReturnType<typeof setup>, msg: Uint8Array, inLens: number[] = [8192], outSplit: number[] = [], indirect = false) {
  const bufs: Buf[] = [];
  let off = 0;
  for (const n of outSplit) {
    bufs.push({ out: msg.subarray(off, off + n) });
    off += n;
  }
  bufs.push({ out: msg.subarray(off) });
  for (const n of inLens) bufs.push({ inLen: n });
  const { head, addrs } = s.drv.submit(0, bufs, { indirect });
  const used = s.drv.queues[0].takeUsed();
  expect(used.map((u) => u.id)).toEqual([head]);
  const len = used[0].len;
  const reply = new Uint8Array(len);
  let done = 0;
  inLens.forEach((n, i) => {
    const a = addrs[bufs.length - inLens.length + i];
    const k = Math.min(n, len - done);
    if (k > 0) reply.set(s.ram.get(a, k), done);
    done += Math.max(0, k);
  });
  const r = new WireReader(reply);
  return { size: r.u32(), type: r.u8(), tag: r.u16(), r, len };
}

const B = P9Client.build;

describe("virtio-9p device", () => {
  test("device ID, feature, config space with the mount tag, queue size", () => {
    const s = setup("hostshare");
    expect(s.dev.read(REG_DEVICE_ID, 4)).toBe(VIRTIO_ID_9P);
    expect(s.drv.deviceFeatures() & 1n).toBe(1n); // VIRTIO_9P_MOUNT_TAG
    expect(s.dev.read(REG_CONFIG, 2)).toBe(9);
    const tag = [...Array(9).keys()].map((i) => s.dev.read(REG_CONFIG + 2 + i, 1));
    expect(String.fromCharCode(...tag)).toBe("hostshare");
    expect(s.dev.read(REG_CONFIG + 2, 4)).toBe(0x74736f68); // "host", little-endian
    expect(s.dev.read(REG_CONFIG + 11, 1)).toBe(0); // no NUL stored, nothing beyond
    s.dev.write(REG_CONFIG, 2, 1); // read-only
    expect(s.dev.read(REG_CONFIG, 2)).toBe(9);
    s.dev.write(REG_QUEUE_SEL, 4, 0);
    expect(s.dev.read(REG_QUEUE_NUM_MAX, 4)).toBe(VIRTIO_9P_QUEUE_SIZE);
    expect(() => setup("x".repeat(32))).toThrow(/longer than maximum \(31 bytes\)/);
  });

  test("version, attach, walk, open and read through the ring, zero-copy layouts, indirect tables", () => {
    const s = setup();
    expect(s.drv.init()).toBe(true);
    const v = rpc(
      s,
      B(Msg.Tversion, 0xffff, (w) => w.u32(1 << 17).str("9P2000.L")),
    );
    expect([v.type, v.tag, v.r.u32(), v.r.str()]).toEqual([Msg.Rversion, 0xffff, 1 << 17, "9P2000.L"]);
    expect(s.irq.level).toBe(true);
    s.drv.ack();
    expect(
      rpc(
        s,
        B(Msg.Tattach, 1, (w) => w.u32(1).u32(P9_NOFID).str("root").str("").u32(0)),
      ).type,
    ).toBe(Msg.Rattach);
    // the request split over several readable buffers, as in a zero-copy write
    const walk = B(Msg.Twalk, 2, (w) => w.u32(1).u32(2).u16(1).str("hello.txt"));
    expect(rpc(s, walk, [8192], [4, 3, 2]).type).toBe(Msg.Rwalk);
    expect(
      rpc(
        s,
        B(Msg.Tlopen, 3, (w) => w.u32(2).u32(DOTL_RDWR)),
        [8192],
        [],
        true,
      ).type,
    ).toBe(Msg.Rlopen);
    // a zero-copy read: an 11-byte header buffer, then the guest's pages
    const rd = rpc(
      s,
      B(Msg.Tread, 4, (w) => w.u32(2).u64(0).u32(100)),
      [11, 5, 4096],
    );
    expect([rd.type, rd.tag, rd.len]).toEqual([Msg.Rread, 4, 11 + 21]);
    const n = rd.r.u32();
    expect(new TextDecoder().decode(rd.r.bytes(n))).toBe("hello from the share\n");
    // a zero-copy write: header, then data pages
    const data = new Uint8Array(10000).fill(0x5a);
    const wr = rpc(
      s,
      B(Msg.Twrite, 5, (w) => w.u32(2).u64(0).u32(data.length).bytes(data)),
      [11],
      [23, 4096, 4096],
    );
    expect([wr.type, wr.r.u32()]).toEqual([Msg.Rwrite, 10000]);
    expect(s.fs.lstat(["hello.txt"]).size).toBe(10000);
    // an error fits the 11-byte header buffer of a zero-copy read
    const bad = rpc(
      s,
      B(Msg.Tread, 6, (w) => w.u32(99).u64(0).u32(100)),
      [11, 4096],
    );
    expect([bad.type, bad.len, bad.r.u32()]).toEqual([Msg.Rlerror, 11, 22]);
  });

  test("many requests outstanding before one notify, each answered with its tag", () => {
    const s = setup();
    s.drv.init();
    rpc(
      s,
      B(Msg.Tversion, 0xffff, (w) => w.u32(8192).str("9P2000.L")),
    );
    rpc(
      s,
      B(Msg.Tattach, 1, (w) => w.u32(1).u32(P9_NOFID).str("root").str("").u32(0)),
    );
    const heads: { head: number; addr: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const msg = B(Msg.Tgetattr, 100 + i, (w) => w.u32(i % 2 ? 1 : 77).u64(0x7ff));
      const { head, addrs } = s.drv.submit(0, [{ out: msg }, { inLen: 256 }], { notify: false, indirect: i % 3 === 0 });
      heads.push({ head, addr: addrs[1] });
    }
    s.dev.write(0x050, 4, 0); // QueueNotify
    const used = s.drv.queues[0].takeUsed();
    expect(used.map((u) => u.id)).toEqual(heads.map((h) => h.head));
    heads.forEach((h, i) => {
      const r = new WireReader(s.ram.get(h.addr, used[i].len));
      r.u32();
      expect([r.u8(), r.u16()]).toEqual([i % 2 ? Msg.Rgetattr : Msg.Rlerror, 100 + i]);
    });
  });

  test("chains that cannot be answered need a reset; reset clunks every fid", () => {
    for (const bufs of [
      [{ out: new Uint8Array(20) }] as Buf[],
      [{ out: new Uint8Array(5) }, { inLen: 100 }] as Buf[],
      [{ out: B(Msg.Tclunk, 1, (w) => w.u32(1)) }, { inLen: 10 }] as Buf[],
    ]) {
      const s = setup();
      s.drv.init();
      s.drv.submit(0, bufs);
      expect(s.dev.read(REG_STATUS, 4) & STATUS_DEVICE_NEEDS_RESET).toBe(STATUS_DEVICE_NEEDS_RESET);
    }
    const s = setup();
    s.drv.init();
    rpc(
      s,
      B(Msg.Tversion, 0xffff, (w) => w.u32(8192).str("9P2000.L")),
    );
    rpc(
      s,
      B(Msg.Tattach, 1, (w) => w.u32(1).u32(P9_NOFID).str("root").str("").u32(0)),
    );
    expect(s.be.server.fidCount).toBe(1);
    s.dev.write(REG_STATUS, 4, 0);
    expect(s.be.server.fidCount).toBe(0);
    // a garbage message inside a good chain is answered, not fatal
    s.drv.init();
    const g = new Uint8Array(64).fill(0xee);
    new WireWriter(g, 0).u32(64).u8(Msg.Twalk).u16(9);
    const r = rpc(s, g);
    expect([r.type, r.tag]).toEqual([Msg.Rlerror, 9]);
    // a message larger than any msize is not copied whole: EPROTO
    const huge = new Uint8Array(5 << 20);
    new WireWriter(huge, 0)
      .u32(huge.length)
      .u8(Msg.Twrite)
      .u16(10)
      .u32(1)
      .u64(0)
      .u32(huge.length - 23);
    const h = rpc(s, huge, [64]);
    expect([h.type, h.tag, h.r.u32()]).toEqual([Msg.Rlerror, 10, 71]);
    expect(s.dev.read(REG_STATUS, 4) & STATUS_DEVICE_NEEDS_RESET).toBe(0);
  });
});
