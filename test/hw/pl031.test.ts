// PL031 RTC as QEMU's hw/rtc/pl031.c: the seconds counter from the clock, the load register,
// one-shot match alarms (also across the 32-bit wrap), the interrupt mask and clear, IDs, and
// hostile accesses.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import { PL031_SIZE, Pl031, RTC_CR, RTC_DR, RTC_ICR, RTC_IMSC, RTC_LR, RTC_MIS, RTC_MR, RTC_RIS } from "../../src/hw/pl031.ts";
import { fuzzMmio } from "./fuzz-util.ts";

function make(startSeconds = 1_700_000_000) {
  let now = startSeconds * 1e9;
  const irq = new IrqLatch();
  const rtc = new Pl031(irq, () => now);
  return { rtc, irq, advance: (s: number) => (now += s * 1e9) };
}

describe("pl031", () => {
  test("the counter is the clock's seconds; CR reads 1; IDs", () => {
    const { rtc, advance } = make();
    expect(rtc.read(RTC_DR, 4)).toBe(1_700_000_000);
    advance(2.5);
    expect(rtc.read(RTC_DR, 4)).toBe(1_700_000_002);
    expect(rtc.read(RTC_CR, 4)).toBe(1);
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map((o) => rtc.read(o, 4))).toEqual([
      0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
    ]);
  });

  test("a write to LR sets the counter (hwclock -w) and is read back from LR", () => {
    const { rtc, advance } = make();
    rtc.write(RTC_LR, 4, 1000);
    expect(rtc.read(RTC_DR, 4)).toBe(1000);
    expect(rtc.read(RTC_LR, 4)).toBe(1000);
    advance(3);
    expect(rtc.read(RTC_DR, 4)).toBe(1003);
  });

  test("match alarm: fires when due (update), masked by IMSC, cleared by ICR", () => {
    const { rtc, irq, advance } = make();
    rtc.write(RTC_IMSC, 4, 1);
    rtc.write(RTC_MR, 4, 1_700_000_010);
    expect(rtc.nsUntilAlarm()).toBe(10e9);
    advance(9);
    rtc.update();
    expect(rtc.read(RTC_RIS, 4)).toBe(0);
    advance(1);
    rtc.update();
    expect(rtc.read(RTC_RIS, 4)).toBe(1);
    expect(rtc.read(RTC_MIS, 4)).toBe(1);
    expect(irq.level).toBe(true);
    expect(rtc.nsUntilAlarm()).toBe(Infinity);
    rtc.write(RTC_IMSC, 4, 0);
    expect(irq.level).toBe(false);
    rtc.write(RTC_ICR, 4, 1);
    expect(rtc.read(RTC_RIS, 4)).toBe(0);
  });

  test("a match equal to the counter fires at once; one in the past waits for the wrap", () => {
    const { rtc, irq } = make();
    rtc.write(RTC_IMSC, 4, 1);
    rtc.write(RTC_MR, 4, 1_700_000_000);
    expect(irq.level).toBe(true);
    rtc.write(RTC_ICR, 4, 1);
    rtc.write(RTC_MR, 4, 1_699_999_999);
    expect(Math.abs(rtc.nsUntilAlarm() - (2 ** 32 - 1) * 1e9)).toBeLessThan(1e4); // ns as doubles near 2^62
  });

  test("sizes and offsets: decoded exactly, values masked to the size", () => {
    const { rtc } = make();
    expect(rtc.read(RTC_DR, 1)).toBe(1_700_000_000 & 0xff);
    expect(rtc.read(RTC_DR + 1, 1)).toBe(0);
    rtc.write(RTC_MR, 2, 0x12345678);
    expect(rtc.read(RTC_MR, 4)).toBe(0x5678);
  });

  test("hostile accesses", () => {
    const { rtc, advance } = make();
    expect(fuzzMmio(rtc, PL031_SIZE, 50_000, 31, (rnd) => (advance(rnd() % 3), rtc.update()))).toBe(0);
  });
});
