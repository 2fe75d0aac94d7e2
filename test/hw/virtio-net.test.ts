// virtio-net driven the way Linux's virtio_net does: features, config (MAC, status), transmit chains
// with the 12-byte header (split or not), mergeable receive buffers (num_buffers), single receive
// buffers without MRG_RXBUF, frames waiting for buffers (ready / linkReady), receive offload headers
// (DATA_VALID, GSO TCPV4), reset, and malformed chains.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import { REG_CONFIG, REG_DEVICE_ID, REG_STATUS, VirtioMmio } from "../../src/hw/virtio-mmio.ts";
import {
  VIRTIO_NET_F_CSUM,
  VIRTIO_NET_F_GUEST_CSUM,
  VIRTIO_NET_F_GUEST_TSO4,
  VIRTIO_NET_F_HOST_TSO4,
  VIRTIO_NET_F_MAC,
  VIRTIO_NET_F_MRG_RXBUF,
  VIRTIO_NET_F_STATUS,
  VirtioNet,
} from "../../src/hw/virtio-net.ts";
import type { NetBackend, NicLink } from "../../src/net/nic-link.ts";
import { TestDriver, TestRam } from "./virtio-driver.ts";

class Backend implements NetBackend {
  link: NicLink | null = null;
  frames: Array<{ frame: Uint8Array; partial: boolean }> = [];
  flushes = 0;
  readyCalls = 0;
  attach(link: NicLink | null): void {
    this.link = link;
  }
  receive(frame: Uint8Array, partial: boolean): void {
    this.frames.push({ frame: frame.slice(), partial });
  }
  flush(): void {
    this.flushes++;
  }
  linkReady(): void {
    this.readyCalls++;
  }
}

const bit = (b: bigint) => 1n << b;

function make(accept?: (f: bigint) => bigint, mac = Uint8Array.of(2, 0, 0, 0, 0, 1)) {
  const ram = new TestRam(8 << 20);
  const irq = new IrqLatch();
  const backend = new Backend();
  const nic = new VirtioNet(backend, { mac });
  const dev = new VirtioMmio(nic, ram.dma, irq);
  const drv = new TestDriver(dev, ram);
  if (!drv.negotiate(accept)) throw new Error("negotiation failed");
  drv.setupQueue(0, 16);
  drv.setupQueue(1, 16);
  drv.w(REG_STATUS, 0xf);
  return { ram, irq, backend, nic, dev, drv };
}

const frameOf = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * seed + 7) & 255);

describe("virtio-net", () => {
  test("device 1, MAC and link status in config space, offered features", () => {
    const { dev, drv } = make();
    expect(dev.read(REG_DEVICE_ID, 4)).toBe(1);
    expect([0, 1, 2, 3, 4, 5].map((i) => dev.read(REG_CONFIG + i, 1))).toEqual([2, 0, 0, 0, 0, 1]);
    expect(dev.read(REG_CONFIG + 6, 2)).toBe(1);
    const f = drv.deviceFeatures();
    for (const b of [
      VIRTIO_NET_F_CSUM,
      VIRTIO_NET_F_GUEST_CSUM,
      VIRTIO_NET_F_MAC,
      VIRTIO_NET_F_GUEST_TSO4,
      VIRTIO_NET_F_HOST_TSO4,
      VIRTIO_NET_F_MRG_RXBUF,
      VIRTIO_NET_F_STATUS,
    ])
      expect(f & bit(b)).toBe(bit(b));
    const plain = new VirtioNet(null, { offloads: false });
    expect(plain.features).toBe(bit(VIRTIO_NET_F_MAC) | bit(VIRTIO_NET_F_STATUS) | bit(VIRTIO_NET_F_MRG_RXBUF));
  });

  test("transmit: header and frame in one buffer or split; NEEDS_CSUM is passed on; flush after the kick", () => {
    const { drv, backend, irq } = make();
    const f1 = frameOf(60);
    const hdr = new Uint8Array(12);
    drv.submit(1, [{ out: Uint8Array.from([...hdr, ...f1]) }]);
    const h2 = hdr.slice();
    h2[0] = 1; // NEEDS_CSUM
    const f2 = frameOf(3000, 3);
    drv.submit(1, [{ out: h2 }, { out: f2.subarray(0, 100) }, { out: f2.subarray(100) }]);
    expect(backend.frames.map((f) => [f.frame.length, f.partial])).toEqual([
      [60, false],
      [3000, true],
    ]);
    expect(backend.frames[1].frame).toEqual(f2);
    expect(backend.flushes).toBe(2);
    expect(drv.queues[1].takeUsed().map((u) => u.len)).toEqual([0, 0]);
    expect(irq.level).toBe(true);
    // too short: dropped but completed
    drv.submit(1, [{ out: new Uint8Array(20) }]);
    expect(backend.frames.length).toBe(2);
    expect(drv.queues[1].takeUsed().length).toBe(1);
  });

  test("receive with mergeable buffers: a frame spans buffers, num_buffers in the first header", () => {
    const { drv, backend, nic, ram } = make();
    const bufs = [0, 1, 2, 3].map(() => drv.submit(0, [{ inLen: 1526 }]).addrs[0]);
    expect(nic.ready).toBe(true);
    const f = frameOf(3000, 5);
    backend.link!.deliver(f, null);
    const used = drv.queues[0].takeUsed();
    expect(used.map((u) => u.len)).toEqual([1526, 3012 - 1526]);
    const hdr = ram.get(bufs[0], 12);
    expect(hdr[10] | (hdr[11] << 8)).toBe(2);
    expect(hdr.subarray(0, 10)).toEqual(new Uint8Array(10));
    expect(Uint8Array.from([...ram.get(bufs[0] + 12, 1514), ...ram.get(bufs[1], 3012 - 1526)])).toEqual(f);
  });

  test("frames wait for buffers; the receive kick delivers them and tells the backend", () => {
    const { drv, backend, nic } = make();
    backend.link!.deliver(frameOf(100), null);
    backend.link!.deliver(frameOf(200), null);
    expect(nic.ready).toBe(false);
    drv.submit(0, [{ inLen: 2048 }]);
    expect(drv.queues[0].takeUsed().map((u) => u.len)).toEqual([112]);
    expect(backend.readyCalls).toBe(0);
    drv.submit(0, [{ inLen: 2048 }]);
    expect(drv.queues[0].takeUsed().map((u) => u.len)).toEqual([212]);
    expect(nic.ready).toBe(true);
    expect(backend.readyCalls).toBe(1);
  });

  test("without MRG_RXBUF a frame takes one buffer (a chain of descriptors); one too big is dropped", () => {
    const { drv, backend, nic, ram } = make((f) => f & ~bit(VIRTIO_NET_F_MRG_RXBUF));
    const { addrs } = drv.submit(0, [{ inLen: 12 }, { inLen: 1514 }]);
    drv.submit(0, [{ inLen: 100 }]);
    const f = frameOf(1514);
    backend.link!.deliver(f, null);
    expect(drv.queues[0].takeUsed().map((u) => u.len)).toEqual([1526]);
    expect(ram.get(addrs[1], 1514)).toEqual(f);
    expect(ram.get(addrs[0], 12)[10]).toBe(1); // num_buffers is 1
    backend.link!.deliver(frameOf(500), null);
    expect(nic.counters.rxDropped).toBe(1);
  });

  test("receive offloads: DATA_VALID and GSO TCPV4 with the MSS, only when negotiated", () => {
    const { drv, backend, ram } = make();
    expect(backend.link!.rxTso).toBe(true);
    expect(backend.link!.rxChecksumOffload).toBe(true);
    const bufs = Array.from({ length: 12 }, () => drv.submit(0, [{ inLen: 4096 }]).addrs[0]);
    backend.link!.deliver(frameOf(14 + 40 + 40000), { checksumNotFilled: true, gsoMss: 1460 });
    const hdr = ram.get(bufs[0], 12);
    expect([hdr[0], hdr[1], hdr[2] | (hdr[3] << 8), hdr[4] | (hdr[5] << 8), hdr[10]]).toEqual([2, 1, 54, 1460, 10]);
    const plain = make((f) => f & ~(bit(VIRTIO_NET_F_GUEST_TSO4) | bit(VIRTIO_NET_F_GUEST_CSUM)));
    expect(plain.backend.link!.rxTso).toBe(false);
    expect(plain.backend.link!.rxChecksumOffload).toBe(false);
  });

  test("reset drops waiting frames; nothing is delivered before DRIVER_OK", () => {
    const { drv, backend, nic } = make();
    backend.link!.deliver(frameOf(64), null);
    drv.w(REG_STATUS, 0);
    expect(nic.ready).toBe(false);
    backend.link!.deliver(frameOf(64), null);
    expect(nic.counters.rxDropped).toBe(1);
  });

  test("a malformed receive chain makes the device need a reset, without throwing", () => {
    const { drv, backend, dev } = make();
    const q = drv.queues[0];
    q.writeDesc(q.desc, 0, { addr: 0x10, len: 100, flags: 2, next: 0 }); // outside RAM
    q.publish(0);
    drv.w(0x50, 0);
    backend.link!.deliver(frameOf(64), null);
    expect(dev.deviceStatus & 0x40).toBe(0x40);
  });
});
