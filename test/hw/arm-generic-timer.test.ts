// The ARMv7 generic timer model as QEMU's gt_* helpers: a 62.5 MHz counter from the clock,
// CNTVOFF, CTL/CVAL/TVAL semantics (unsigned 64-bit compare, 32-bit signed TVAL), ISTATUS and the
// PPI outputs, the next deadline for WFI, and the PL0 access checks of CNTKCTL.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import {
  ArmGenericTimer,
  CNTKCTL_PL0PCTEN,
  CNTKCTL_PL0PTEN,
  CNTKCTL_PL0VCTEN,
  GT_CTL_ENABLE,
  GT_CTL_IMASK,
  GT_CTL_ISTATUS,
  GT_FREQ_HZ,
  GT_PHYS,
  GT_VIRT,
} from "../../src/hw/arm-generic-timer.ts";

function make(ns = 1_000_000) {
  const clock = { t: ns, nowNs: () => clock.t };
  const phys = new IrqLatch();
  const virt = new IrqLatch();
  const gt = new ArmGenericTimer(clock, [phys, virt]);
  return { gt, clock, phys, virt };
}

describe("generic timer", () => {
  test("counter runs at 62.5 MHz (16 ns per tick); CNTVCT = CNTPCT - CNTVOFF", () => {
    const { gt, clock } = make(0);
    expect(gt.cntfrq).toBe(GT_FREQ_HZ);
    clock.t = 1600;
    expect(gt.readCounter(GT_PHYS)).toBe(100n);
    gt.cntvoff = 30n;
    expect(gt.readCounter(GT_VIRT)).toBe(70n);
    gt.cntvoff = 200n; // wraps below zero
    expect(gt.readCounter(GT_VIRT)).toBe(2n ** 64n - 100n);
    const out = new Int32Array(2);
    gt.readCounterInto(GT_VIRT, out, 0, 1);
    expect([out[0] >>> 0, out[1] >>> 0]).toEqual([0xffffff9c, 0xffffffff]);
    clock.t = 16 * (2 ** 40 + 5);
    gt.cntvoff = 0x1_0000_0006n;
    gt.readCounterInto(GT_VIRT, out, 0, 1);
    expect(((BigInt(out[1] >>> 0) << 32n) | BigInt(out[0] >>> 0)).toString(16)).toBe((2n ** 40n + 5n - 0x1_0000_0006n).toString(16));
    gt.readCounterInto(GT_PHYS, out, 1, 0);
    expect(out[1]).toBe(5);
    expect(out[0]).toBe(256);
  });

  test("CVAL: ISTATUS and the output follow enable, mask and the compare; update() at the deadline", () => {
    const { gt, clock, virt } = make(0);
    gt.writeCval(GT_VIRT, 1000n);
    gt.writeCtl(GT_VIRT, GT_CTL_ENABLE);
    expect(gt.readCtl(GT_VIRT)).toBe(GT_CTL_ENABLE);
    expect(gt.nextDeadlineNs()).toBe(16_000);
    clock.t = 16_000;
    expect(virt.level).toBe(false); // not seen until the board polls
    gt.update();
    expect(gt.readCtl(GT_VIRT)).toBe(GT_CTL_ENABLE | GT_CTL_ISTATUS);
    expect(virt.level).toBe(true);
    expect(gt.nextDeadlineNs()).toBe(Infinity);
    gt.writeCtl(GT_VIRT, GT_CTL_ENABLE | GT_CTL_IMASK);
    expect(virt.level).toBe(false);
    expect(gt.readCtl(GT_VIRT)).toBe(GT_CTL_ENABLE | GT_CTL_IMASK | GT_CTL_ISTATUS);
    gt.writeCtl(GT_VIRT, GT_CTL_ENABLE | GT_CTL_ISTATUS); // ISTATUS is read-only
    expect(virt.level).toBe(true);
    gt.writeCval(GT_VIRT, 2000n); // the interrupt handler programs the next event
    expect(virt.level).toBe(false);
    gt.writeCtl(GT_VIRT, 0);
    expect(gt.readCtl(GT_VIRT)).toBe(0);
  });

  test("TVAL: a signed 32-bit view of CVAL - counter", () => {
    const { gt, clock, phys } = make(16 * 5000);
    gt.writeTval(GT_PHYS, 100);
    expect(gt.readCval(GT_PHYS)).toBe(5100n);
    expect(gt.readTval(GT_PHYS)).toBe(100);
    clock.t = 16 * 5150;
    expect(gt.readTval(GT_PHYS)).toBe(2 ** 32 - 50);
    gt.writeTval(GT_PHYS, -10);
    expect(gt.readCval(GT_PHYS)).toBe(5140n);
    gt.writeCtl(GT_PHYS, GT_CTL_ENABLE);
    expect(phys.level).toBe(true);
    gt.writeTval(GT_PHYS, 0x7fffffff);
    expect(phys.level).toBe(false);
    expect(gt.nextDeadlineNs()).toBe(16 * (5150 + 0x7fffffff));
  });

  test("the compare is unsigned 64-bit; CNTVOFF moves the virtual timer's deadline", () => {
    const { gt, virt } = make(16 * 10);
    gt.writeCval(GT_VIRT, 2n ** 64n - 1n);
    gt.writeCtl(GT_VIRT, GT_CTL_ENABLE);
    expect(virt.level).toBe(false);
    expect(gt.nextDeadlineNs()).toBe(Infinity); // beyond 64 bits: never
    gt.writeCval(GT_VIRT, 5n);
    expect(virt.level).toBe(true);
    gt.cntvoff = 20n; // virtual count wraps to 2^64 - 10: below CVAL no more
    expect(virt.level).toBe(true);
    gt.writeCval(GT_VIRT, 2n ** 64n - 5n);
    expect(virt.level).toBe(false);
    expect(gt.nextDeadlineNs()).toBe(16 * 15);
  });

  test("CNTKCTL decides PL0 access; reset restores everything", () => {
    const { gt, virt } = make();
    expect(gt.pl0CanReadCounter(GT_VIRT) || gt.pl0CanReadFrequency()).toBe(false);
    gt.cntkctl = CNTKCTL_PL0VCTEN;
    expect(gt.pl0CanReadCounter(GT_VIRT)).toBe(true);
    expect(gt.pl0CanReadCounter(GT_PHYS)).toBe(false);
    expect(gt.pl0CanReadFrequency()).toBe(true);
    gt.cntkctl = CNTKCTL_PL0PCTEN | CNTKCTL_PL0PTEN;
    expect(gt.pl0CanAccessTimer(GT_PHYS)).toBe(true);
    expect(gt.pl0CanAccessTimer(GT_VIRT)).toBe(false);
    gt.cntfrq = 1;
    gt.writeCtl(GT_VIRT, GT_CTL_ENABLE);
    expect(virt.level).toBe(true); // CVAL 0
    gt.reset();
    expect(virt.level).toBe(false);
    expect(gt.cntfrq).toBe(GT_FREQ_HZ);
    expect(gt.cntkctl).toBe(0);
  });
});
