// Arm PrimeCell PL031 real-time clock as QEMU's hw/rtc/pl031.c, at 0x09010000 (SPI 2) on the ARM
// virt board. A 32-bit seconds counter (seconds since the Unix epoch, from the constructor's
// clock), a match register that raises the interrupt when the counter reaches it, and the
// PrimeCell ID registers.
//
//   0x00 RTCDR    read: the counter
//   0x04 RTCMR    match register; a write (re)arms the alarm
//   0x08 RTCLR    load register; a write sets the counter (hwclock -w) and re-arms the alarm
//   0x0c RTCCR    reads 1 (always enabled); writes ignored
//   0x10 RTCIMSC  interrupt mask (bit 0)
//   0x14 RTCRIS   raw interrupt status
//   0x18 RTCMIS   masked interrupt status
//   0x1c RTCICR   write: clear the bits written from the raw status
//   0xfe0..0xfff  PrimeCell IDs
// As in QEMU the alarm is a one-shot timer armed for (match - counter) mod 2^32 seconds from the
// moment of the write (0 seconds: it fires at once); the board calls update() after each slice
// and nsUntilAlarm() for WFI sleeps. Accesses of any size are decoded by their exact offset and
// the value is masked to the size (QEMU's ops have no size limits); unknown offsets read 0 and
// ignore writes.
import { SnapshotError, type StateReader, type StateWriter, type VmState } from "./vmstate.ts";
import type { IrqLine, MmioDevice } from "./device.ts";

export const PL031_SIZE = 0x1000;
export const RTC_DR = 0x00;
export const RTC_MR = 0x04;
export const RTC_LR = 0x08;
export const RTC_CR = 0x0c;
export const RTC_IMSC = 0x10;
export const RTC_RIS = 0x14;
export const RTC_MIS = 0x18;
export const RTC_ICR = 0x1c;
const PL031_ID = [0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
const NS_PER_S = 1e9;

export class Pl031 implements MmioDevice, VmState {
  private tickOffset = 0;
  private mr = 0;
  private lr = 0;
  private im = 0;
  private is = 0;
  /** Clock time (ns) at which the armed alarm fires, or null. */
  private alarmAtNs: number | null = null;
  private irqLevel = false;

  /**
   * @param irq the interrupt line (GIC SPI 2 on virt)
   * @param epochNs the RTC's clock: ns since the Unix epoch (QEMU's rtc_clock, the host clock by default)
   */
  constructor(
    private readonly irq: IrqLine,
    private readonly epochNs: () => number,
  ) {}

  /** Snapshots (QEMU's vmstate_pl031: the tick offset, registers and the armed alarm in clock time). */
  saveState(w: StateWriter): void {
    w.u32(this.tickOffset).u32(this.mr).u32(this.lr).u32(this.im).u32(this.is);
    w.f64(this.alarmAtNs ?? -1).bool(this.irqLevel);
  }

  loadState(r: StateReader): () => void {
    const [tickOffset, mr, lr] = [r.u32(), r.u32(), r.u32()];
    const im = r.range(r.u32(), 0, 1, "RTCIMSC"),
      is = r.range(r.u32(), 0, 1, "RTCRIS");
    const alarm = r.f64();
    if (!Number.isFinite(alarm) || (alarm < 0 && alarm !== -1)) throw new SnapshotError(`${r.what}: bad alarm time`);
    const irqLevel = r.bool();
    return () => {
      [this.tickOffset, this.mr, this.lr, this.im, this.is] = [tickOffset, mr, lr, im, is];
      this.alarmAtNs = alarm === -1 ? null : alarm;
      this.irqLevel = irqLevel;
    };
  }

  /** The counter as the guest reads it (QEMU's pl031_get_count). */
  count(): number {
    return (this.tickOffset + Math.floor(this.clockNs() / NS_PER_S)) >>> 0;
  }

  /** Fires a due alarm; the board calls it after each slice. */
  update(): void {
    if (this.alarmAtNs !== null && this.clockNs() >= this.alarmAtNs) this.fire();
  }

  /** Nanoseconds until the armed alarm fires (0 if due), or Infinity if none is armed. */
  nsUntilAlarm(): number {
    if (this.alarmAtNs === null) return Infinity;
    return Math.max(0, this.alarmAtNs - this.clockNs());
  }

  get irqAsserted(): boolean {
    return this.irqLevel;
  }

  read(offset: number, size: number): number {
    const v = this.readReg(offset);
    return size >= 4 ? v >>> 0 : v & ((1 << (8 * size)) - 1);
  }

  write(offset: number, size: number, value: number): void {
    const v = size >= 4 ? value >>> 0 : value & ((1 << (8 * size)) - 1);
    switch (offset) {
      case RTC_LR:
        this.lr = v;
        this.tickOffset = (this.tickOffset + v - this.count()) >>> 0;
        this.setAlarm();
        break;
      case RTC_MR:
        this.mr = v;
        this.setAlarm();
        break;
      case RTC_IMSC:
        this.im = v & 1;
        this.updateIrq();
        break;
      case RTC_ICR:
        this.is &= ~v;
        this.updateIrq();
        break;
    }
  }

  private readReg(offset: number): number {
    switch (offset) {
      case RTC_DR:
        return this.count();
      case RTC_MR:
        return this.mr;
      case RTC_IMSC:
        return this.im;
      case RTC_RIS:
        return this.is;
      case RTC_LR:
        return this.lr;
      case RTC_CR:
        return 1;
      case RTC_MIS:
        return this.is & this.im;
      default:
        if (offset >= 0xfe0 && offset < 0x1000) return PL031_ID[(offset - 0xfe0) >> 2];
        return 0;
    }
  }

  private clockNs(): number {
    const t = this.epochNs();
    return Number.isFinite(t) ? t : 0;
  }

  /** QEMU's pl031_set_alarm: the counter and the match wrap the same way. */
  private setAlarm(): void {
    const ticks = (this.mr - this.count()) >>> 0;
    if (ticks === 0) {
      this.alarmAtNs = null;
      this.fire();
    } else {
      this.alarmAtNs = this.clockNs() + ticks * NS_PER_S;
    }
  }

  private fire(): void {
    this.alarmAtNs = null;
    this.is = 1;
    this.updateIrq();
  }

  private updateIrq(): void {
    const level = (this.is & this.im) !== 0;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq.set(level);
    }
  }
}
