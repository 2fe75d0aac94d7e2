// SiFive CLINT (= ACLINT MSWI + MTIMER) for one hart, as QEMU's hw/intc/riscv_aclint.c on the virt
// board: a 64 KiB region with msip (hart 0) at 0x0, mtimecmp (hart 0) at 0x4000 and mtime at
// 0xbff8, timebase 10 MHz derived from a Clock.
//
// mtime = floor(clock.nowNs() / 100) + delta, where delta changes when the guest writes mtime (QEMU
// allows that). Values are JS numbers: exact up to 2^53 ticks (28 years at 10 MHz); a guest that
// writes mtime or mtimecmp values above 2^53 gets them rounded (mtimecmp = 2^64-1, the usual
// "disabled" value, simply never fires).
//
// MSIP (mip bit 3) follows msip[0] bit 0. MTIP (mip bit 7) is recomputed after every mtimecmp or
// mtime write and whenever the board calls update() (after each slice of guest execution).
//
// Bad accesses: sizes other than 4 read 0 and are ignored (QEMU would raise an access fault), as
// are misaligned offsets and offsets of harts that do not exist.
import { MIP_MSIP, MIP_MTIP, type Clock, type HartIrqs, type MmioDevice } from "./device.ts";
import type { StateReader, StateWriter, VmState } from "./vmstate.ts";

export const CLINT_SIZE = 0x10000;
export const CLINT_MSIP = 0x0;
export const CLINT_MTIMECMP = 0x4000;
export const CLINT_MTIME = 0xbff8;
/** mtime ticks per second. */
export const CLINT_TIMEBASE_HZ = 10_000_000;
const NS_PER_TICK = 1e9 / CLINT_TIMEBASE_HZ; // 100
const TWO32 = 0x1_0000_0000;
const TWO64 = TWO32 * TWO32;

export class Clint implements MmioDevice, VmState {
  private msip = 0;
  // mtimecmp as two 32-bit halves; QEMU resets it to 0 (so MTIP is set until firmware programs it)
  private cmpLo = 0;
  private cmpHi = 0;
  private delta = 0; // mtime - clock ticks
  private mtip = false;

  constructor(
    private readonly hart: HartIrqs,
    private readonly clock: Clock,
  ) {
    this.hart.setPending(MIP_MSIP, false);
    this.update();
  }

  /** Device reset: msip 0, mtimecmp 0, mtime keeps running from the clock. */
  reset(): void {
    this.msip = 0;
    this.cmpLo = this.cmpHi = 0;
    this.delta = 0;
    this.hart.setPending(MIP_MSIP, false);
    this.update();
  }

  saveState(w: StateWriter): void {
    w.u32(this.msip).u32(this.cmpLo).u32(this.cmpHi).f64(this.delta).bool(this.mtip);
  }

  loadState(r: StateReader): () => void {
    const msip = r.range(r.u32(), 0, 1, "msip"),
      cmpLo = r.u32(),
      cmpHi = r.u32(),
      delta = r.f64(),
      mtip = r.bool();
    if (!Number.isInteger(delta)) r.range(NaN, 0, 0, "mtime offset");
    return () => {
      this.msip = msip;
      this.cmpLo = cmpLo;
      this.cmpHi = cmpHi;
      this.delta = delta;
      this.mtip = mtip;
    };
  }

  /** The current mtime in ticks (what the `time` CSR reads). */
  mtime(): number {
    const t = Math.floor(this.clock.nowNs() / NS_PER_TICK) + this.delta;
    return t >= 0 ? t : t + TWO64; // a guest that wrote mtime backwards past 0 sees it wrap
  }

  /** mtimecmp of hart 0. */
  mtimecmp(): number {
    return this.cmpHi * TWO32 + this.cmpLo;
  }

  /** Recomputes MTIP from the clock; the board calls it after running a slice (and before WFI). */
  update(): void {
    const level = this.mtime() >= this.mtimecmp();
    if (level !== this.mtip) {
      this.mtip = level;
      this.hart.setPending(MIP_MTIP, level);
    }
  }

  /** True while MTIP is asserted. */
  get timerPending(): boolean {
    return this.mtip;
  }

  /**
   * The clock time (ns) at which MTIP will rise, so the board can sleep in WFI: a time at or
   * before now when it is already due, Infinity when mtimecmp is out of reach (>= 2^53 ticks).
   */
  nextDeadlineNs(): number {
    const cmp = this.mtimecmp();
    if (cmp >= Number.MAX_SAFE_INTEGER) return Infinity;
    const ns = (cmp - this.delta) * NS_PER_TICK;
    return Number.isFinite(ns) && ns < Number.MAX_SAFE_INTEGER ? Math.max(0, ns) : Infinity;
  }

  read(offset: number, size: number): number {
    if (size !== 4 || offset & 3) return 0;
    if (offset === CLINT_MSIP) return this.msip;
    if (offset === CLINT_MTIMECMP) return this.cmpLo;
    if (offset === CLINT_MTIMECMP + 4) return this.cmpHi;
    if (offset === CLINT_MTIME || offset === CLINT_MTIME + 4) {
      const t = this.mtime();
      return offset === CLINT_MTIME ? lo32(t) : hi32(t);
    }
    return 0;
  }

  write(offset: number, size: number, value: number): void {
    if (size !== 4 || offset & 3) return;
    value >>>= 0;
    if (offset === CLINT_MSIP) {
      this.msip = value & 1;
      this.hart.setPending(MIP_MSIP, this.msip !== 0);
    } else if (offset === CLINT_MTIMECMP) {
      this.cmpLo = value;
      this.update();
    } else if (offset === CLINT_MTIMECMP + 4) {
      this.cmpHi = value;
      this.update();
    } else if (offset === CLINT_MTIME || offset === CLINT_MTIME + 4) {
      const t = this.mtime();
      const want = offset === CLINT_MTIME ? hi32(t) * TWO32 + value : value * TWO32 + lo32(t);
      this.delta += want - t;
      this.update();
    }
  }
}

function lo32(t: number): number {
  return (t % TWO32) >>> 0;
}

function hi32(t: number): number {
  return Math.floor(t / TWO32) >>> 0;
}
