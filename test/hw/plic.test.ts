// PLIC: programmed as Linux's irq-sifive-plic and OpenSBI do; level-triggered claim/complete.
import { describe, expect, test } from "vitest";
import { MIP_MEIP, MIP_SEIP, type HartIrqs } from "../../src/hw/device.ts";
import { Plic, PLIC_CONTEXT_BASE, PLIC_ENABLE_BASE, PLIC_PENDING_BASE } from "../../src/hw/plic.ts";

class Mip implements HartIrqs {
  bits = 0;
  calls = 0;
  setPending(bit: number, level: boolean): void {
    this.calls++;
    this.bits = level ? this.bits | (1 << bit) : this.bits & ~(1 << bit);
  }
  has(bit: number): boolean {
    return (this.bits & (1 << bit)) !== 0;
  }
}

const S = 1; // S-mode context
const threshold = (ctx: number) => PLIC_CONTEXT_BASE + 0x1000 * ctx;
const claim = (ctx: number) => PLIC_CONTEXT_BASE + 0x1000 * ctx + 4;
const enable = (ctx: number, word = 0) => PLIC_ENABLE_BASE + 0x80 * ctx + 4 * word;

function make() {
  const mip = new Mip();
  const p = new Plic(mip);
  // Linux plic_init for the S context: threshold 0, priorities 1 for the sources it uses
  p.write(threshold(S), 4, 0);
  return { p, mip };
}

describe("plic", () => {
  test("UART interrupt 10 reaches SEIP through enable, priority and threshold", () => {
    const { p, mip } = make();
    const uart = p.irqLine(10);
    uart.set(true);
    expect(p.read(PLIC_PENDING_BASE, 4)).toBe(1 << 10);
    expect(mip.has(MIP_SEIP)).toBe(false); // not enabled, priority 0
    p.write(enable(S), 4, 1 << 10);
    expect(mip.has(MIP_SEIP)).toBe(false); // priority 0 never interrupts
    p.write(4 * 10, 4, 1);
    expect(mip.has(MIP_SEIP)).toBe(true);
    expect(mip.has(MIP_MEIP)).toBe(false);
    p.write(threshold(S), 4, 1);
    expect(mip.has(MIP_SEIP)).toBe(false);
    p.write(threshold(S), 4, 0);
    expect(mip.has(MIP_SEIP)).toBe(true);
    // claim: returns 10, clears pending, masks the source
    expect(p.read(claim(S), 4)).toBe(10);
    expect(mip.has(MIP_SEIP)).toBe(false);
    expect(p.read(PLIC_PENDING_BASE, 4)).toBe(0);
    expect(p.read(claim(S), 4)).toBe(0);
    // the device is serviced: line drops; complete
    uart.set(false);
    p.write(claim(S), 4, 10);
    expect(mip.has(MIP_SEIP)).toBe(false);
  });

  test("complete with the line still high makes the source pending again", () => {
    const { p, mip } = make();
    p.write(4 * 5, 4, 1);
    p.write(enable(S), 4, 1 << 5);
    p.irqLine(5).set(true);
    expect(p.read(claim(S), 4)).toBe(5);
    p.irqLine(5).set(true); // repeated level: no change while claimed
    expect(mip.has(MIP_SEIP)).toBe(false);
    p.write(claim(S), 4, 5);
    expect(mip.has(MIP_SEIP)).toBe(true);
    expect(p.read(claim(S), 4)).toBe(5);
  });

  test("highest priority wins, ties go to the lowest id; contexts are independent", () => {
    const { p, mip } = make();
    for (const irq of [1, 2, 33, 95]) p.write(4 * irq, 4, 2);
    p.write(4 * 33, 4, 7);
    p.write(enable(S, 0), 4, (1 << 1) | (1 << 2));
    p.write(enable(S, 1), 4, 1 << 1);
    p.write(enable(S, 2), 4, 1 << 31);
    for (const irq of [1, 2, 33, 95]) p.irqLine(irq).set(true);
    expect(p.read(PLIC_PENDING_BASE + 4, 4)).toBe(2);
    expect(p.read(PLIC_PENDING_BASE + 8, 4)).toBe(0x80000000);
    expect(p.read(claim(S), 4)).toBe(33);
    expect(p.read(claim(S), 4)).toBe(1);
    expect(p.read(claim(S), 4)).toBe(2);
    expect(p.read(claim(S), 4)).toBe(95);
    expect(p.read(claim(S), 4)).toBe(0);
    expect(mip.has(MIP_MEIP)).toBe(false);
    // M context sees nothing until enabled there
    p.write(enable(0, 0), 4, 1 << 1);
    p.write(claim(S), 4, 1); // complete 1: still high, pending again
    expect(mip.has(MIP_MEIP)).toBe(true);
    expect(mip.has(MIP_SEIP)).toBe(true);
    expect(p.read(claim(0), 4)).toBe(1);
    expect(mip.has(MIP_MEIP)).toBe(false);
    expect(mip.has(MIP_SEIP)).toBe(false);
  });

  test("registers read back; priorities are WARL mod 8", () => {
    const { p } = make();
    p.write(4 * 3, 4, 9);
    expect(p.read(4 * 3, 4)).toBe(1);
    p.write(enable(S, 2), 4, 0xffffffff);
    expect(p.read(enable(S, 2), 4)).toBe(0xffffffff);
    p.write(threshold(S), 4, 15);
    expect(p.read(threshold(S), 4)).toBe(7);
  });

  test("bad accesses: ignored / read 0, never throw", () => {
    const { p, mip } = make();
    p.write(PLIC_PENDING_BASE, 4, 0xffffffff); // pending is read-only
    expect(p.read(PLIC_PENDING_BASE, 4)).toBe(0);
    expect(p.read(PLIC_PENDING_BASE + 12, 4)).toBe(0); // past the 3 words
    p.write(enable(S, 5), 4, 1); // past the 3 words
    expect(p.read(enable(S, 5), 4)).toBe(0);
    p.write(4 * 10, 2, 1); // wrong size
    expect(p.read(4 * 10, 4)).toBe(0);
    p.write(4 * 10 + 1, 4, 1); // misaligned
    p.write(claim(S), 4, 1000); // complete of a bad source
    p.write(claim(2), 4, 1); // context 2 does not exist
    expect(p.read(claim(2), 4)).toBe(0);
    expect(p.read(threshold(S) + 8, 4)).toBe(0);
    p.irqLine(0).set(true);
    p.irqLine(96).set(true);
    p.irqLine(-1).set(true);
    expect(p.read(PLIC_PENDING_BASE, 4)).toBe(0);
    let seed = 99;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 20000; i++) {
      const off = rnd() % 0x600000;
      const size = [1, 2, 4, 8][rnd() % 4];
      if (rnd() & 1) p.read(off & ~3, size);
      else p.write(off & ~3, size, rnd() | 0);
      if (i % 50 === 0) p.irqLine(rnd() % 100).set((rnd() & 1) === 1);
    }
    expect(typeof mip.bits).toBe("number");
  });
});
