// Goldfish RTC as Linux's rtc-goldfish driver uses it.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import {
  GoldfishRtc,
  RTC_ALARM_HIGH,
  RTC_ALARM_LOW,
  RTC_ALARM_STATUS,
  RTC_CLEAR_ALARM,
  RTC_CLEAR_INTERRUPT,
  RTC_IRQ_ENABLED,
  RTC_TIME_HIGH,
  RTC_TIME_LOW,
} from "../../src/hw/goldfish-rtc.ts";

const T0 = 1_763_700_000_000_000_000n; // 2025-11-21, ns

function make() {
  const clock = { t: T0 };
  const irq = new IrqLatch();
  const rtc = new GoldfishRtc(irq, () => clock.t);
  const readTime = () => {
    const lo = BigInt(rtc.read(RTC_TIME_LOW, 4));
    return (BigInt(rtc.read(RTC_TIME_HIGH, 4)) << 32n) | lo;
  };
  const setAlarm = (ns: bigint) => {
    rtc.write(RTC_ALARM_HIGH, 4, Number(ns >> 32n));
    rtc.write(RTC_ALARM_LOW, 4, Number(ns & 0xffffffffn));
  };
  return { clock, irq, rtc, readTime, setAlarm };
}

describe("goldfish-rtc", () => {
  test("TIME_LOW latches TIME_HIGH", () => {
    const { clock, rtc, readTime } = make();
    expect(readTime()).toBe(T0);
    const lo = rtc.read(RTC_TIME_LOW, 4);
    clock.t += 1n << 32n; // high word moves between the two reads
    expect((BigInt(rtc.read(RTC_TIME_HIGH, 4)) << 32n) | BigInt(lo)).toBe(T0);
    expect(readTime()).toBe(T0 + (1n << 32n));
  });

  test("setting the time (hwclock -w) offsets the clock", () => {
    const { clock, rtc, readTime } = make();
    const want = 1_000_000_000_000_000_000n;
    rtc.write(RTC_TIME_HIGH, 4, Number(want >> 32n));
    rtc.write(RTC_TIME_LOW, 4, Number(want & 0xffffffffn));
    expect(readTime()).toBe(want);
    clock.t += 5n;
    expect(readTime()).toBe(want + 5n);
  });

  test("alarm: armed, fires on update(), interrupt gated by IRQ_ENABLED, cleared by CLEAR_INTERRUPT", () => {
    const { clock, irq, rtc, setAlarm } = make();
    rtc.write(RTC_IRQ_ENABLED, 4, 1);
    expect(rtc.read(RTC_IRQ_ENABLED, 4)).toBe(1);
    setAlarm(T0 + 1000n);
    expect(rtc.read(RTC_ALARM_STATUS, 4)).toBe(1);
    expect(rtc.read(RTC_ALARM_LOW, 4)).toBe(Number((T0 + 1000n) & 0xffffffffn));
    expect(rtc.read(RTC_ALARM_HIGH, 4)).toBe(Number((T0 + 1000n) >> 32n));
    expect(rtc.nsUntilAlarm()).toBe(1000);
    clock.t += 999n;
    rtc.update();
    expect(irq.level).toBe(false);
    clock.t += 1n;
    rtc.update();
    expect(irq.level).toBe(true);
    expect(rtc.read(RTC_ALARM_STATUS, 4)).toBe(0);
    expect(rtc.nsUntilAlarm()).toBe(Infinity);
    rtc.write(RTC_CLEAR_INTERRUPT, 4, 0);
    expect(irq.level).toBe(false);
  });

  test("an alarm in the past fires at once; CLEAR_ALARM disarms; disabled IRQ stays low", () => {
    const { clock, irq, rtc, setAlarm } = make();
    setAlarm(T0 - 1n);
    expect(irq.level).toBe(false); // pending but not enabled
    rtc.write(RTC_IRQ_ENABLED, 4, 1);
    expect(irq.level).toBe(true);
    rtc.write(RTC_CLEAR_INTERRUPT, 4, 1);
    setAlarm(T0 + 50n);
    rtc.write(RTC_CLEAR_ALARM, 4, 1);
    clock.t += 100n;
    rtc.update();
    expect(irq.level).toBe(false);
  });

  test("bad accesses read 0 and are ignored", () => {
    const { rtc, readTime } = make();
    expect(rtc.read(0x20, 4)).toBe(0);
    expect(rtc.read(RTC_TIME_LOW, 2)).toBe(0);
    rtc.write(RTC_TIME_LOW, 1, 0);
    rtc.write(0x800, 4, 0);
    rtc.write(RTC_TIME_HIGH, 8, 0);
    expect(readTime()).toBe(T0);
    // a number clock works too, and a broken one reads 0 rather than throwing
    expect(new GoldfishRtc(new IrqLatch(), () => 1e18).read(RTC_TIME_LOW, 4)).toBe(Number((10n ** 18n) & 0xffffffffn));
    expect(new GoldfishRtc(new IrqLatch(), () => NaN).read(RTC_TIME_LOW, 4)).toBe(0);
  });
});
