// Goldfish RTC as QEMU's hw/rtc/goldfish_rtc.c, at 0x101000 (IRQ 11) on the virt board.
// Time is nanoseconds since the Unix epoch from the constructor's function, plus an offset the
// guest can change by writing TIME_LOW / TIME_HIGH (as `hwclock -w` does).
//
//   0x00 TIME_LOW        read: low 32 bits of now, and latches the high 32 bits; write: sets them
//   0x04 TIME_HIGH       read: the latched high bits; write: sets the high 32 bits of now
//   0x08 ALARM_LOW       read/write; a write arms the alarm (fires at once if already due)
//   0x0c ALARM_HIGH      read/write (write this first)
//   0x10 IRQ_ENABLED     bit 0
//   0x14 CLEAR_ALARM     write: disarm
//   0x18 ALARM_STATUS    read: 1 while armed
//   0x1c CLEAR_INTERRUPT write: drop the pending interrupt
// The IRQ line is irq_pending & irq_enabled. An armed alarm fires when the board calls update()
// (after each slice) and finds it due; nsUntilAlarm() tells the board how long it may sleep.
// Bad accesses: sizes other than 4 and unknown offsets read 0 and are ignored.
import type { IrqLine, MmioDevice } from "./device.ts";
import type { StateReader, StateWriter, VmState } from "./vmstate.ts";

export const GOLDFISH_RTC_SIZE = 0x1000;
export const RTC_TIME_LOW = 0x00;
export const RTC_TIME_HIGH = 0x04;
export const RTC_ALARM_LOW = 0x08;
export const RTC_ALARM_HIGH = 0x0c;
export const RTC_IRQ_ENABLED = 0x10;
export const RTC_CLEAR_ALARM = 0x14;
export const RTC_ALARM_STATUS = 0x18;
export const RTC_CLEAR_INTERRUPT = 0x1c;

const M32 = 0xffff_ffffn;
const M64 = 0xffff_ffff_ffff_ffffn;

/** Host wall-clock time in ns since the epoch, for the board (ms resolution). */
export function hostEpochNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

export class GoldfishRtc implements MmioDevice, VmState {
  private offset = 0n;
  private timeHigh = 0;
  private alarmNext = 0n;
  private alarmRunning = false;
  private irqPending = false;
  private irqEnabled = false;
  private irqLevel = false;

  constructor(
    private readonly irq: IrqLine,
    private readonly epochNs: () => number | bigint,
  ) {}

  reset(): void {
    this.alarmNext = 0n;
    this.alarmRunning = false;
    this.irqPending = false;
    this.irqEnabled = false;
    this.updateIrq();
  }

  saveState(w: StateWriter): void {
    w.u64(this.offset).u32(this.timeHigh).u64(this.alarmNext);
    w.bool(this.alarmRunning).bool(this.irqPending).bool(this.irqEnabled).bool(this.irqLevel);
  }

  loadState(r: StateReader): () => void {
    const offset = BigInt.asIntN(64, r.u64()),
      timeHigh = r.u32(),
      alarmNext = r.u64(),
      alarmRunning = r.bool(),
      irqPending = r.bool(),
      irqEnabled = r.bool(),
      irqLevel = r.bool();
    return () => {
      Object.assign(this, { offset, timeHigh, alarmNext, alarmRunning, irqPending, irqEnabled, irqLevel });
    };
  }

  /** The RTC's current count: ns since the epoch as the guest sees it (64-bit unsigned). */
  now(): bigint {
    const t = this.epochNs();
    const n = typeof t === "bigint" ? t : Number.isFinite(t) ? BigInt(Math.floor(t)) : 0n;
    return (n + this.offset) & M64;
  }

  /** Fires a due alarm; the board calls it after running a slice. */
  update(): void {
    if (this.alarmRunning && this.now() >= this.alarmNext) this.fire();
  }

  /** Nanoseconds until the armed alarm is due (0 if due), or Infinity if none is armed. */
  nsUntilAlarm(): number {
    if (!this.alarmRunning) return Infinity;
    const d = this.alarmNext - this.now();
    return d <= 0n ? 0 : Number(d);
  }

  read(offset: number, size: number): number {
    if (size !== 4) return 0;
    switch (offset) {
      case RTC_TIME_LOW: {
        const t = this.now();
        this.timeHigh = Number(t >> 32n);
        return Number(t & M32);
      }
      case RTC_TIME_HIGH:
        return this.timeHigh;
      case RTC_ALARM_LOW:
        return Number(this.alarmNext & M32);
      case RTC_ALARM_HIGH:
        return Number(this.alarmNext >> 32n);
      case RTC_IRQ_ENABLED:
        return this.irqEnabled ? 1 : 0;
      case RTC_ALARM_STATUS:
        return this.alarmRunning ? 1 : 0;
      default:
        return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (size !== 4) return;
    const v = BigInt(value >>> 0);
    switch (offset) {
      case RTC_TIME_LOW: {
        const cur = this.now();
        this.offset += ((cur & ~M32) | v) - cur;
        break;
      }
      case RTC_TIME_HIGH: {
        const cur = this.now();
        this.offset += ((cur & M32) | (v << 32n)) - cur;
        break;
      }
      case RTC_ALARM_LOW:
        this.alarmNext = (this.alarmNext & ~M32) | v;
        this.setAlarm();
        break;
      case RTC_ALARM_HIGH:
        this.alarmNext = (this.alarmNext & M32) | (v << 32n);
        break;
      case RTC_IRQ_ENABLED:
        this.irqEnabled = (value & 1) !== 0;
        this.updateIrq();
        break;
      case RTC_CLEAR_ALARM:
        this.alarmRunning = false;
        break;
      case RTC_CLEAR_INTERRUPT:
        this.irqPending = false;
        this.updateIrq();
        break;
    }
  }

  private setAlarm(): void {
    if (this.alarmNext <= this.now()) this.fire();
    else this.alarmRunning = true;
  }

  private fire(): void {
    this.alarmRunning = false;
    this.irqPending = true;
    this.updateIrq();
  }

  private updateIrq(): void {
    const level = this.irqPending && this.irqEnabled;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq.set(level);
    }
  }
}
