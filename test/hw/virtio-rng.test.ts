// virtio-rng: Linux's virtio-rng driver posts one writable buffer at a time.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import { REG_CONFIG, REG_DEVICE_ID, VirtioMmio } from "../../src/hw/virtio-mmio.ts";
import { MAX_RNG_BYTES, SeededRandom, VirtioRng } from "../../src/hw/virtio-rng.ts";
import { TestDriver, TestRam } from "./virtio-driver.ts";

function make(src: ConstructorParameters<typeof VirtioRng>[0]) {
  const ram = new TestRam(8 << 20);
  const irq = new IrqLatch();
  const dev = new VirtioMmio(new VirtioRng(src), ram.dma, irq);
  const drv = new TestDriver(dev, ram);
  return { ram, irq, dev, drv };
}

function fetch(drv: TestDriver, n: number) {
  const { addrs } = drv.submit(0, [{ inLen: n }]);
  const [used] = drv.queues[0].takeUsed();
  return { used, bytes: drv.ram.get(addrs[0], used.len) };
}

describe("virtio-rng", () => {
  test("device 4, no config; deterministic with a seed", () => {
    const a = make({ seed: 7 });
    expect(a.dev.read(REG_DEVICE_ID, 4)).toBe(4);
    expect(a.dev.read(REG_CONFIG, 4)).toBe(0);
    expect(a.drv.init()).toBe(true);
    const x = fetch(a.drv, 64);
    expect(x.used.len).toBe(64);
    expect(a.irq.level).toBe(true);
    const b = make({ seed: 7 });
    b.drv.init();
    expect(fetch(b.drv, 64).bytes).toEqual(x.bytes);
    const c = make({ seed: 8 });
    c.drv.init();
    expect(fetch(c.drv, 64).bytes).not.toEqual(x.bytes);
    expect(new Set(x.bytes).size).toBeGreaterThan(30);
  });

  test("callback source, chunked; requests are capped", () => {
    const calls: number[] = [];
    const { drv } = make({ source: (d) => (calls.push(d.length), d.fill(0x5a)) });
    drv.init();
    const r = fetch(drv, 32);
    expect(r.bytes).toEqual(new Uint8Array(32).fill(0x5a));
    const big = fetch(drv, MAX_RNG_BYTES + 4096);
    expect(big.used.len).toBe(MAX_RNG_BYTES);
    expect(Math.max(...calls)).toBeLessThanOrEqual(65536);
  });

  test("a throwing source completes the request empty", () => {
    const { drv, dev } = make({
      source: () => {
        throw new Error("no entropy");
      },
    });
    drv.init();
    expect(fetch(drv, 16).used.len).toBe(0);
    expect(dev.deviceStatus & 0x40).toBe(0);
  });

  test("SeededRandom is stable", () => {
    const g = new SeededRandom(1);
    const v = [g.next32(), g.next32(), g.next32()];
    const h = new SeededRandom(1);
    expect([h.next32(), h.next32(), h.next32()]).toEqual(v);
    expect(new SeededRandom(0).next32()).not.toBe(0);
  });
});
