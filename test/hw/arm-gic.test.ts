// GICv2 (one CPU, no security extensions), programmed as Linux's irq-gic.c does, with the state
// machine QEMU's hw/intc/arm_gic.c implements: level/edge inputs, priorities, priority mask, binary
// point, running priority and preemption, SGIs with their source CPU, EOImode split, groups and
// FIQ, the GICv2m MSI frame, and a seeded fuzz of hostile accesses.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import {
  ArmGic,
  GICC_BPR,
  GICC_CTLR,
  GICC_DIR,
  GICC_EOIR,
  GICC_HPPIR,
  GICC_IAR,
  GICC_IIDR,
  GICC_PMR,
  GICC_RPR,
  GICD_CPENDSGIR,
  GICD_CTLR,
  GICD_ICACTIVER,
  GICD_ICENABLER,
  GICD_ICFGR,
  GICD_ICPENDR,
  GICD_IGROUPR,
  GICD_IIDR,
  GICD_IPRIORITYR,
  GICD_ISACTIVER,
  GICD_ISENABLER,
  GICD_ISPENDR,
  GICD_ITARGETSR,
  GICD_SGIR,
  GICD_SPENDSGIR,
  GICD_TYPER,
  GIC_SPURIOUS,
} from "../../src/hw/arm-gic.ts";
import { GicV2m } from "../../src/hw/gicv2m.ts";

function make() {
  const irq = new IrqLatch();
  const fiq = new IrqLatch();
  const gic = new ArmGic({ irq, fiq });
  const d = gic.distributor;
  const c = gic.cpuInterface;
  return { gic, irq, fiq, d, c };
}

/** Linux's gic_dist_init + gic_cpu_init for one CPU (irq-gic.c, no EOImode split). */
function linuxInit() {
  const m = make();
  const { d, c } = m;
  d.write(GICD_CTLR, 4, 0);
  const lines = ((d.read(GICD_TYPER, 4) & 0x1f) + 1) * 32;
  for (let i = 32; i < lines; i += 16) d.write(GICD_ICFGR + i / 4, 4, 0); // all SPIs level
  for (let i = 32; i < lines; i += 4) d.write(GICD_ITARGETSR + i, 4, 0x01010101);
  for (let i = 32; i < lines; i += 4) d.write(GICD_IPRIORITYR + i, 4, 0xa0a0a0a0);
  for (let i = 32; i < lines; i += 32) {
    d.write(GICD_ICACTIVER + i / 8, 4, 0xffffffff);
    d.write(GICD_ICENABLER + i / 8, 4, 0xffffffff);
  }
  d.write(GICD_CTLR, 4, 1);
  d.write(GICD_ICACTIVER, 4, 0xffffffff);
  d.write(GICD_ICENABLER, 4, 0xffff0000);
  d.write(GICD_ISENABLER, 4, 0x0000ffff);
  for (let i = 0; i < 32; i += 4) d.write(GICD_IPRIORITYR + i, 4, 0xa0a0a0a0);
  c.write(GICC_PMR, 4, 0xf0);
  c.write(GICC_CTLR, 4, 1);
  return m;
}

/** Enable an SPI (interrupt ID id) the way gic_unmask_irq does. */
function enable(d: ArmGic["distributor"], id: number, prio = 0xa0, edge = false) {
  const cfgOff = GICD_ICFGR + (id >> 4) * 4;
  const shift = (id % 16) * 2;
  const cfg = d.read(cfgOff, 4);
  d.write(cfgOff, 4, edge ? cfg | (2 << shift) : cfg & ~(2 << shift));
  d.write(GICD_IPRIORITYR + id, 1, prio);
  d.write(GICD_ISENABLER + (id >> 5) * 4, 4, 1 << (id & 31));
}

describe("GICv2 registers", () => {
  test("identification and reset values", () => {
    const { d, c } = make();
    expect(d.read(GICD_TYPER, 4)).toBe(8); // 288 lines, one CPU, no security extensions
    expect(d.read(GICD_IIDR, 4)).toBe(0x43b);
    expect(c.read(GICC_IIDR, 4)).toBe(0x0002043b);
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map((o) => d.read(o, 4))).toEqual([
      0x90, 0xb4, 0x2b, 0, 0x0d, 0xf0, 0x05, 0xb1,
    ]);
    expect(d.read(0xfd0, 4)).toBe(4);
    expect(d.read(GICD_ISENABLER, 4)).toBe(0xffff); // SGIs always enabled
    expect(d.read(GICD_ICFGR, 4)).toBe(0xaaaaaaaa); // SGIs edge-triggered
    expect(c.read(GICC_RPR, 4)).toBe(0xff);
    expect(c.read(GICC_IAR, 4)).toBe(GIC_SPURIOUS);
    expect(c.read(GICC_BPR, 4)).toBe(0);
    expect(c.read(0x1c, 4)).toBe(1); // ABPR minimum
  });

  test("ITARGETSR is RAZ/WI on a uniprocessor GIC; SGI enables and edge bits cannot be cleared", () => {
    const { d } = make();
    d.write(GICD_ITARGETSR + 40, 4, 0xffffffff);
    expect(d.read(GICD_ITARGETSR + 40, 4)).toBe(0);
    d.write(GICD_ICENABLER, 4, 0xffffffff);
    expect(d.read(GICD_ISENABLER, 4)).toBe(0xffff);
    d.write(GICD_ICFGR, 4, 0);
    expect(d.read(GICD_ICFGR, 4)).toBe(0xaaaaaaaa);
    d.write(GICD_ISPENDR, 4, 0xffff); // SGIs cannot be made pending here
    expect(d.read(GICD_ISPENDR, 4)).toBe(0);
  });

  test("byte and halfword accesses to the distributor act on consecutive bytes", () => {
    const { d } = make();
    d.write(GICD_IPRIORITYR + 40, 2, 0x1234);
    expect(d.read(GICD_IPRIORITYR + 40, 4)).toBe(0x1234);
    expect(d.read(GICD_IPRIORITYR + 41, 1)).toBe(0x12);
    d.write(GICD_ISENABLER + 5, 1, 0x81); // IDs 40 and 47
    expect(d.read(GICD_ISENABLER + 4, 4)).toBe(0x8100);
  });
});

describe("GICv2 interrupt flow", () => {
  test("a level-triggered SPI: pending while high, active after IAR, pending again after EOI if still high", () => {
    const { gic, irq, d, c } = linuxInit();
    const uart = gic.spi(1); // interrupt ID 33
    enable(d, 33);
    uart.set(true);
    expect(irq.level).toBe(true);
    expect(c.read(GICC_HPPIR, 4)).toBe(33);
    expect(c.read(GICC_IAR, 4)).toBe(33);
    expect(irq.level).toBe(false); // active: it no longer signals
    expect(gic.isActive(33)).toBe(true);
    expect(c.read(GICC_RPR, 4)).toBe(0xa0);
    c.write(GICC_EOIR, 4, 33);
    expect(irq.level).toBe(true); // the line is still high
    expect(c.read(GICC_IAR, 4)).toBe(33);
    uart.set(false);
    c.write(GICC_EOIR, 4, 33);
    expect(irq.level).toBe(false);
    expect(c.read(GICC_RPR, 4)).toBe(0xff);
    expect(c.read(GICC_IAR, 4)).toBe(GIC_SPURIOUS);
  });

  test("an edge-triggered SPI latches on the rising edge only", () => {
    const { gic, irq, d, c } = linuxInit();
    enable(d, 48, 0xa0, true);
    const line = gic.spi(16);
    line.set(true);
    expect(c.read(GICC_IAR, 4)).toBe(48);
    c.write(GICC_EOIR, 4, 48);
    expect(irq.level).toBe(false); // still high, but no new edge
    line.set(false);
    line.set(true);
    expect(irq.level).toBe(true);
    expect(d.read(GICD_ISPENDR + 4, 4)).toBe(1 << 16);
    d.write(GICD_ICPENDR + 4, 4, 1 << 16);
    expect(irq.level).toBe(false);
  });

  test("disabled interrupts stay pending, software can set and clear pending and active", () => {
    const { gic, irq, d, c } = linuxInit();
    gic.spi(5).set(true); // ID 37, not enabled
    expect(d.read(GICD_ISPENDR + 4, 4)).toBe(1 << 5);
    expect(irq.level).toBe(false);
    d.write(GICD_ISPENDR + 4, 4, 1 << 10); // ID 42
    enable(d, 42);
    expect(c.read(GICC_HPPIR, 4)).toBe(42);
    d.write(GICD_ISACTIVER + 4, 4, 1 << 10);
    expect(irq.level).toBe(false);
    expect(c.read(GICC_HPPIR, 4)).toBe(GIC_SPURIOUS);
    d.write(GICD_ICACTIVER + 4, 4, 1 << 10);
    expect(irq.level).toBe(true);
  });

  test("priority mask, preemption by running priority and the binary point", () => {
    const { gic, irq, d, c } = linuxInit();
    enable(d, 40, 0x80);
    enable(d, 41, 0x40);
    enable(d, 42, 0x41);
    c.write(GICC_PMR, 4, 0x80);
    gic.spi(8).set(true);
    expect(irq.level).toBe(false); // 0x80 is not below the mask
    expect(c.read(GICC_HPPIR, 4)).toBe(GIC_SPURIOUS);
    c.write(GICC_PMR, 4, 0xf0);
    expect(c.read(GICC_IAR, 4)).toBe(40);
    expect(c.read(GICC_RPR, 4)).toBe(0x80);
    gic.spi(10).set(true); // 0x41 preempts 0x80
    expect(irq.level).toBe(true);
    expect(c.read(GICC_IAR, 4)).toBe(42);
    expect(c.read(GICC_RPR, 4)).toBe(0x40); // group priority with BPR 0: bits 7..1
    gic.spi(9).set(true); // 0x40 does not preempt running 0x40
    expect(irq.level).toBe(false);
    c.write(GICC_EOIR, 4, 42);
    expect(c.read(GICC_RPR, 4)).toBe(0x80);
    expect(irq.level).toBe(true);
    expect(c.read(GICC_IAR, 4)).toBe(41);
    c.write(GICC_EOIR, 4, 41);
    c.write(GICC_EOIR, 4, 40);
    expect(c.read(GICC_RPR, 4)).toBe(0xff);
    // BPR 3: group priority bits 7..4, so 0x41 no longer preempts an active 0x48.
    gic.spi(8).set(false);
    gic.spi(9).set(false);
    gic.spi(10).set(false);
    c.write(GICC_BPR, 4, 3);
    d.write(GICD_IPRIORITYR + 40, 1, 0x48);
    gic.spi(8).set(true);
    expect(c.read(GICC_IAR, 4)).toBe(40);
    expect(c.read(GICC_RPR, 4)).toBe(0x40);
    gic.spi(10).set(true);
    expect(irq.level).toBe(false);
    expect(c.read(GICC_IAR, 4)).toBe(GIC_SPURIOUS); // its priority 0x41 is not below the running 0x40
  });

  test("SGIs: GICD_SGIR target filters, source CPU in IAR, SPENDSGIR/CPENDSGIR", () => {
    const { irq, d, c } = linuxInit();
    d.write(GICD_SGIR, 4, (2 << 24) | 5); // to this CPU
    expect(irq.level).toBe(true);
    expect(c.read(GICC_IAR, 4)).toBe(5); // source CPU 0
    c.write(GICC_EOIR, 4, 5);
    d.write(GICD_SGIR, 4, (1 << 24) | 6); // to the others: nobody here
    expect(irq.level).toBe(false);
    d.write(GICD_SGIR, 4, (0 << 24) | (2 << 16) | 6); // target list CPU 1 only
    expect(irq.level).toBe(false);
    d.write(GICD_SGIR, 2, 7); // only a 32-bit write triggers
    expect(irq.level).toBe(false);
    d.write(GICD_SPENDSGIR + 3, 1, 0x06); // SGI 3 pending from CPUs 1 and 2
    expect(d.read(GICD_SPENDSGIR, 4)).toBe(0x06000000);
    expect(c.read(GICC_IAR, 4)).toBe(3 | (1 << 10));
    c.write(GICC_EOIR, 4, 3);
    expect(c.read(GICC_IAR, 4)).toBe(3 | (2 << 10));
    c.write(GICC_EOIR, 4, 3);
    expect(c.read(GICC_IAR, 4)).toBe(GIC_SPURIOUS);
    d.write(GICD_SPENDSGIR + 4, 1, 0x01);
    d.write(GICD_CPENDSGIR + 4, 1, 0x01);
    expect(d.read(GICD_ISPENDR, 4)).toBe(0);
    // A zero source mask: QEMU asserts on the acknowledge; here it reports source 0.
    d.write(GICD_SPENDSGIR + 8, 1, 0);
    expect(c.read(GICC_IAR, 4)).toBe(8);
  });

  test("EOImode 1 splits priority drop (EOIR) from deactivation (DIR)", () => {
    const { gic, irq, d, c } = linuxInit();
    c.write(GICC_CTLR, 4, 1 | (1 << 9));
    enable(d, 40);
    gic.spi(8).set(true);
    expect(c.read(GICC_IAR, 4)).toBe(40);
    c.write(GICC_EOIR, 4, 40);
    expect(c.read(GICC_RPR, 4)).toBe(0xff);
    expect(gic.isActive(40)).toBe(true);
    expect(irq.level).toBe(false);
    c.write(GICC_DIR, 4, 40);
    expect(gic.isActive(40)).toBe(false);
    expect(irq.level).toBe(true);
  });

  test("group 0 goes to FIQ with FIQEn; group 1 is hidden from IAR (1022) without AckCtl", () => {
    const { gic, irq, fiq, d, c } = linuxInit();
    c.write(GICC_CTLR, 4, 1 | 2 | (1 << 3));
    d.write(GICD_CTLR, 4, 3);
    enable(d, 40);
    gic.spi(8).set(true);
    expect(fiq.level).toBe(true);
    expect(irq.level).toBe(false);
    d.write(GICD_IGROUPR + 4, 4, 1 << 8);
    expect(fiq.level).toBe(false);
    expect(irq.level).toBe(true);
    expect(c.read(GICC_HPPIR, 4)).toBe(1022);
    expect(c.read(GICC_IAR, 4)).toBe(1022);
    c.write(GICC_CTLR, 4, 1 | 2 | 4);
    expect(c.read(GICC_IAR, 4)).toBe(40);
    d.write(GICD_CTLR, 4, 1); // group 1 forwarding off
    c.write(GICC_EOIR, 4, 40);
    expect(irq.level).toBe(false);
  });

  test("the generic timer's PPIs", () => {
    const { gic, irq, d, c } = linuxInit();
    d.write(GICD_ISENABLER, 4, 1 << 27);
    gic.ppi(27).set(true);
    expect(irq.level).toBe(true);
    expect(c.read(GICC_IAR, 4)).toBe(27);
    gic.ppi(27).set(false);
    c.write(GICC_EOIR, 4, 27);
    expect(irq.level).toBe(false);
    gic.ppi(5).set(true); // not a PPI: goes nowhere
    gic.spi(999).set(true);
    expect(d.read(GICD_ISPENDR, 4)).toBe(0);
  });
});

describe("GICv2m MSI frame", () => {
  test("MSI_TYPER and SETSPI pulses an edge-triggered SPI", () => {
    const { gic, irq, d, c } = linuxInit();
    const v2m = new GicV2m((n) => gic.spi(n), 48, 64);
    expect(v2m.read(0x008, 4)).toBe((80 << 16) | 64);
    expect(v2m.read(0xfcc, 4)).toBe(0x51 << 20);
    expect(v2m.read(0x008, 2)).toBe(0);
    enable(d, 81, 0xa0, true);
    v2m.write(0x040, 4, 81);
    expect(irq.level).toBe(true);
    expect(c.read(GICC_IAR, 4)).toBe(81);
    v2m.write(0x040, 4, 79); // below the frame: ignored
    v2m.write(0x040, 1, 81); // bad size: ignored
    c.write(GICC_EOIR, 4, 81);
    expect(irq.level).toBe(false);
  });
});

describe("hostile accesses", () => {
  test("200k seeded random accesses never throw and reads stay within their size", () => {
    const { gic, d, c } = linuxInit();
    const v2m = new GicV2m((n) => gic.spi(n), 48, 64);
    let s = 0x1234567;
    const rnd = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return s >>> 0;
    };
    const sizes = [1, 2, 4, 3, 8, 0];
    let bad = 0;
    for (let i = 0; i < 200_000; i++) {
      const r = rnd();
      const size = sizes[r % sizes.length];
      const which = (r >>> 3) % 3;
      const offset = which === 1 ? rnd() % 0x2400 : (rnd() % 0x1100) - (r & 0x10 ? 0x40 : 0);
      const dev = which === 0 ? d : which === 1 ? c : v2m;
      if ((r >>> 8) & 1) {
        const v = dev.read(offset, size);
        if (!(Number.isInteger(v) && v >= 0 && v <= 0xffffffff && (size >= 4 || size <= 0 || v < 2 ** (8 * size)))) bad++;
      } else {
        dev.write(offset, size, rnd() | 0);
      }
      if ((r & 0xff) === 0) gic.spi(rnd() % 300).set(((r >>> 9) & 1) === 1);
    }
    expect(bad).toBe(0);
  }, 60_000);
});
