// The ARMv7 generic timer (architected timer) of one CPU as a device model the CPU's cp15 accesses
// drive, as QEMU's target/arm/helper.c gt_* functions for a Cortex-A15 on `-M virt` (no EL2, no
// EL3, so the non-secure PL1 physical and the virtual timer are the ones software reaches):
//
//   counter       CNTPCT = floor(clock ns / 16): 62.5 MHz, QEMU's GTIMER_BACKCOMPAT_HZ for the
//                 Cortex-A15 (gt_get_countervalue with gt_cntfrq_period_ns = 16)
//   CNTVCT        CNTPCT - CNTVOFF (CNTVOFF is an EL2 register: 0 unless the board sets it)
//   CNTFRQ        62500000 at reset; writable at PL1 (the highest implemented level here), and as
//                 in QEMU a write changes only the register, not the counter's rate
//   CNTKCTL       PL0 access controls and the event stream, stored for the CPU
//   CNTx_CTL      ENABLE (bit 0), IMASK (bit 1), ISTATUS (bit 2, read-only)
//   CNTx_CVAL     64-bit compare value; ISTATUS = (counter - offset >= CVAL), unsigned
//   CNTx_TVAL     reads (CVAL - (counter - offset)) as 32 bits; a write sets
//                 CVAL = counter - offset + sign-extended value
//
// Each timer's output (ENABLE && ISTATUS && !IMASK) drives a GIC PPI: physical → ID 30, virtual →
// 27 (QEMU virt's ARCH_TIMER_NS_EL1_IRQ / ARCH_TIMER_VIRT_IRQ); the hyp (26) and secure (29)
// timers exist on the board's wiring but cannot be programmed on a CPU without EL2/EL3.
// Like QEMU, ISTATUS is recomputed when the timer is written and when its deadline passes: the
// board calls update() after each slice and nextDeadlineNs() to bound slices and WFI sleeps.
// 64-bit register values are bigints (the cold paths); the counter reads the CPU's MRRC does on
// every sched_clock() go through readCounterInto without allocating.
import type { Clock, IrqLine } from "./device.ts";
import type { StateReader, StateWriter, VmState } from "./vmstate.ts";

export const GT_PHYS = 0;
export const GT_VIRT = 1;
export type GtTimer = typeof GT_PHYS | typeof GT_VIRT;

/** CNTFRQ's reset value and the counter's real rate. */
export const GT_FREQ_HZ = 62_500_000;
/** Nanoseconds per counter tick (QEMU's gt_cntfrq_period_ns). */
export const GT_PERIOD_NS = 16;
/** GIC interrupt IDs of the timer outputs on the virt board (PPIs). */
export const GT_PPI_PHYS = 30;
export const GT_PPI_VIRT = 27;
export const GT_PPI_HYP = 26;
export const GT_PPI_SEC = 29;

export const GT_CTL_ENABLE = 1;
export const GT_CTL_IMASK = 2;
export const GT_CTL_ISTATUS = 4;

/** CNTKCTL bits. */
export const CNTKCTL_PL0PCTEN = 1 << 0;
export const CNTKCTL_PL0VCTEN = 1 << 1;
export const CNTKCTL_EVNTEN = 1 << 2;
export const CNTKCTL_EVNTDIR = 1 << 3;
export const CNTKCTL_PL0VTEN = 1 << 8;
export const CNTKCTL_PL0PTEN = 1 << 9;

const M64 = (1n << 64n) - 1n;
const TWO32 = 0x1_0000_0000;
/** Ticks beyond which QEMU parks the timer at INT64_MAX ns (gt_recalc_timer). */
const FAR_TICK = ((1n << 63n) - 1n) / 16n;

export class ArmGenericTimer implements VmState {
  /** CNTFRQ as software reads it. */
  cntfrq = GT_FREQ_HZ;
  /** CNTKCTL (32 bits). */
  cntkctl = 0;
  private readonly ctl = [0, 0];
  private readonly cval = [0n, 0n];
  private readonly outLevel = [false, false];
  private cntvoffLo = 0;
  private cntvoffHi = 0;

  /**
   * @param clock machine time (the board's: virtual with -icount, else host time)
   * @param outputs the PPI lines of the physical and the virtual timer, in GT_PHYS / GT_VIRT order
   */
  constructor(
    private readonly clock: Clock,
    private readonly outputs: readonly [IrqLine, IrqLine],
  ) {}

  /** Snapshots: the registers and the output levels (the GIC keeps its own copy of the lines). */
  saveState(w: StateWriter): void {
    w.u32(this.cntfrq).u32(this.cntkctl);
    for (const t of [GT_PHYS, GT_VIRT]) w.u32(this.ctl[t]).u64(this.cval[t]).bool(this.outLevel[t]);
    w.u32(this.cntvoffLo).u32(this.cntvoffHi);
  }

  loadState(r: StateReader): () => void {
    const cntfrq = r.u32(),
      cntkctl = r.u32();
    const timers = [GT_PHYS, GT_VIRT].map(() => ({ ctl: r.range(r.u32(), 0, 7, "CNTx_CTL"), cval: r.u64(), out: r.bool() }));
    const voffLo = r.u32(),
      voffHi = r.u32();
    return () => {
      this.cntfrq = cntfrq;
      this.cntkctl = cntkctl;
      timers.forEach((t, i) => {
        this.ctl[i] = t.ctl;
        this.cval[i] = t.cval;
        this.outLevel[i] = t.out;
      });
      this.cntvoffLo = voffLo;
      this.cntvoffHi = voffHi;
    };
  }

  /** CPU reset: registers to their reset values, outputs low. */
  reset(): void {
    this.cntfrq = GT_FREQ_HZ;
    this.cntkctl = 0;
    this.ctl[0] = this.ctl[1] = 0;
    this.cval[0] = this.cval[1] = 0n;
    this.cntvoffLo = this.cntvoffHi = 0;
    this.setOutput(GT_PHYS, false);
    this.setOutput(GT_VIRT, false);
  }

  /** The physical count (CNTPCT) as a number: exact, it stays below 2^49 for 142 years of clock. */
  physicalCount(): number {
    const ns = this.clock.nowNs();
    return ns > 0 ? Math.floor(ns / GT_PERIOD_NS) : 0;
  }

  /** CNTVOFF (an EL2 register: the board, or a later EL2 model, sets it). */
  get cntvoff(): bigint {
    return (BigInt(this.cntvoffHi) << 32n) | BigInt(this.cntvoffLo);
  }

  set cntvoff(v: bigint) {
    const u = BigInt.asUintN(64, v);
    this.cntvoffLo = Number(u & 0xffff_ffffn);
    this.cntvoffHi = Number(u >> 32n);
    this.recalc(GT_VIRT); // gt_cntvoff_write
  }

  /** CNTPCT / CNTVCT (QEMU's gt_cnt_read / gt_virt_cnt_read). */
  readCounter(t: GtTimer): bigint {
    const c = BigInt(this.physicalCount());
    return t === GT_PHYS ? c : BigInt.asUintN(64, c - this.cntvoff);
  }

  /** CNTPCT / CNTVCT into out[lo] and out[hi] as int32 halves (the MRRC's Rt, Rt2), without allocating. */
  readCounterInto(t: GtTimer, out: Int32Array, lo: number, hi: number): void {
    const c = this.physicalCount();
    let l = c % TWO32;
    let h = Math.floor(c / TWO32);
    if (t === GT_VIRT) {
      l -= this.cntvoffLo;
      h -= this.cntvoffHi;
      if (l < 0) {
        l += TWO32;
        h -= 1;
      }
    }
    out[lo] = l | 0;
    out[hi] = h | 0;
  }

  readCtl(t: GtTimer): number {
    return this.ctl[t];
  }

  /** QEMU's gt_ctl_write: ENABLE and IMASK are written, ISTATUS is kept. */
  writeCtl(t: GtTimer, value: number): void {
    const old = this.ctl[t];
    this.ctl[t] = (old & ~3) | (value & 3);
    if ((old ^ value) & GT_CTL_ENABLE) this.recalc(t);
    else if ((old ^ value) & GT_CTL_IMASK) this.updateIrq(t);
  }

  readCval(t: GtTimer): bigint {
    return this.cval[t];
  }

  writeCval(t: GtTimer, value: bigint): void {
    this.cval[t] = BigInt.asUintN(64, value);
    this.recalc(t);
  }

  /** QEMU's do_tval_read: the low 32 bits of CVAL - (counter - offset). */
  readTval(t: GtTimer): number {
    return Number(BigInt.asUintN(32, this.cval[t] - this.readCounter(t)));
  }

  /** QEMU's do_tval_write: CVAL = counter - offset + the sign-extended 32-bit value. */
  writeTval(t: GtTimer, value: number): void {
    this.cval[t] = BigInt.asUintN(64, this.readCounter(t) + BigInt(value | 0));
    this.recalc(t);
  }

  /** Recomputes ISTATUS and the outputs of both timers (call after each slice). */
  update(): void {
    if (this.ctl[GT_PHYS] & GT_CTL_ENABLE) this.recalc(GT_PHYS);
    if (this.ctl[GT_VIRT] & GT_CTL_ENABLE) this.recalc(GT_VIRT);
  }

  /**
   * The clock time (ns) of the next ISTATUS change of an enabled timer, or Infinity: QEMU's
   * nexttick in gt_recalc_timer (the compare value is reached, or the offset counter wraps).
   * Deadlines beyond 2^63 - 1 ns count as never, as in QEMU.
   */
  nextDeadlineNs(): number {
    let best = Infinity;
    for (const t of [GT_PHYS, GT_VIRT] as const) {
      if ((this.ctl[t] & GT_CTL_ENABLE) === 0) continue;
      const offset = t === GT_VIRT ? this.cntvoff : 0n;
      const count = BigInt(this.physicalCount());
      let next: bigint;
      if (BigInt.asUintN(64, count - offset) >= this.cval[t]) {
        if (offset <= count) continue; // only when the 64-bit counter wraps
        next = offset;
      } else {
        // When (counter - offset) reaches CVAL. If cval + offset overflows, QEMU gives up ("as far
        // in the future as possible") although the wrapped sum is reached; the hardware, and
        // update() here, fire then, so the deadline says so too.
        next = (this.cval[t] + offset) & M64;
        if (next <= count) continue;
      }
      if (next > FAR_TICK) continue; // QEMU: "as far in the future as possible" (INT64_MAX ns)
      const ns = Number(next) * GT_PERIOD_NS;
      if (ns < best) best = ns;
    }
    return best;
  }

  /** True while the timer's interrupt output is asserted. */
  irqAsserted(t: GtTimer): boolean {
    return this.outLevel[t];
  }

  // ---- PL0 access checks for the CPU (QEMU's gt_counter_access / gt_timer_access / gt_cntfrq_access
  // at EL0 on a CPU without EL2: CNTKCTL decides; false means the access is UNDEFINED)

  pl0CanReadCounter(t: GtTimer): boolean {
    return ((this.cntkctl >>> t) & 1) !== 0;
  }

  pl0CanAccessTimer(t: GtTimer): boolean {
    return ((this.cntkctl >>> (9 - t)) & 1) !== 0;
  }

  pl0CanReadFrequency(): boolean {
    return (this.cntkctl & 3) !== 0;
  }

  // ---- QEMU's gt_recalc_timer / gt_update_irq

  private recalc(t: GtTimer): void {
    if (this.ctl[t] & GT_CTL_ENABLE) {
      const istatus = this.readCounter(t) >= this.cval[t];
      this.ctl[t] = istatus ? this.ctl[t] | GT_CTL_ISTATUS : this.ctl[t] & ~GT_CTL_ISTATUS;
    } else {
      this.ctl[t] &= ~GT_CTL_ISTATUS;
    }
    this.updateIrq(t);
  }

  private updateIrq(t: GtTimer): void {
    this.setOutput(t, (this.ctl[t] & (GT_CTL_ISTATUS | GT_CTL_IMASK)) === GT_CTL_ISTATUS);
  }

  private setOutput(t: GtTimer, level: boolean): void {
    if (level === this.outLevel[t]) return;
    this.outLevel[t] = level;
    this.outputs[t].set(level);
  }
}
