// SiFive PLIC as QEMU's hw/intc/sifive_plic.c, configured like the virt board's for one hart with
// hart-config "MS": context 0 = hart 0 M-mode (drives MEIP, mip bit 11), context 1 = hart 0
// S-mode (drives SEIP, mip bit 9). 96 interrupt sources including the non-existent source 0
// (the DT says riscv,ndev = 95), 7 priority levels (3 bits, WARL: written value mod 8).
//
// Layout: priority[irq] @ 4*irq, pending bits @ 0x1000, enable bits @ 0x2000 + 0x80*ctx,
// threshold @ 0x200000 + 0x1000*ctx, claim/complete @ 0x200004 + 0x1000*ctx.
//
// Sources are level-triggered: IrqLine.set(level) sets the pending bit to the level (as QEMU); a
// claim clears the pending bit and marks the source claimed, which masks it until the guest writes
// the source number to complete. Unlike QEMU, completing a source whose line is still high makes it
// pending again at once (as the PLIC gateway of the spec does), so a device that only reports level
// changes cannot lose an interrupt.
//
// Bad accesses: sizes other than 4, misaligned offsets, unknown offsets, writes to the pending bits,
// priorities above 7 are WARL-reduced, complete of a source >= 96: reads give 0, writes are ignored.
import { MIP_MEIP, MIP_SEIP, type HartIrqs, type IrqLine, type MmioDevice } from "./device.ts";
import type { StateReader, StateWriter, VmState } from "./vmstate.ts";

export const PLIC_NUM_SOURCES = 96;
export const PLIC_NUM_PRIORITIES = 7;
export const PLIC_PRIORITY_BASE = 0x0;
export const PLIC_PENDING_BASE = 0x1000;
export const PLIC_ENABLE_BASE = 0x2000;
export const PLIC_ENABLE_STRIDE = 0x80;
export const PLIC_CONTEXT_BASE = 0x200000;
export const PLIC_CONTEXT_STRIDE = 0x1000;
/** Size of the region on the virt board (QEMU's memmap entry). */
export const PLIC_SIZE = 0x600000;

const WORDS = (PLIC_NUM_SOURCES + 31) >>> 5;
const CONTEXT_BITS = [MIP_MEIP, MIP_SEIP];
const NUM_CONTEXTS = CONTEXT_BITS.length;

export class Plic implements MmioDevice, VmState {
  private readonly priority = new Uint32Array(PLIC_NUM_SOURCES);
  private readonly pending = new Uint32Array(WORDS);
  private readonly claimed = new Uint32Array(WORDS);
  private readonly levels = new Uint32Array(WORDS);
  private readonly enable = new Uint32Array(WORDS * NUM_CONTEXTS);
  private readonly threshold = new Uint32Array(NUM_CONTEXTS);
  private readonly outputs: boolean[] = new Array(NUM_CONTEXTS).fill(false);
  private readonly lines: IrqLine[] = [];

  constructor(private readonly hart: HartIrqs) {
    for (let i = 0; i < PLIC_NUM_SOURCES; i++) this.lines.push({ set: (level: boolean) => this.setSource(i, level) });
    for (let c = 0; c < NUM_CONTEXTS; c++) this.hart.setPending(CONTEXT_BITS[c], false);
  }

  /** The input line of interrupt source `source` (1..95); source 0 and out-of-range ones go nowhere. */
  irqLine(source: number): IrqLine {
    if (!Number.isInteger(source) || source < 1 || source >= PLIC_NUM_SOURCES) return { set() {} };
    return this.lines[source];
  }

  saveState(w: StateWriter): void {
    w.u32s(this.priority).u32s(this.pending).u32s(this.claimed).u32s(this.levels).u32s(this.enable).u32s(this.threshold);
    for (const o of this.outputs) w.bool(o);
  }

  loadState(r: StateReader): () => void {
    const priority = r.u32s(PLIC_NUM_SOURCES),
      pending = r.u32s(WORDS),
      claimed = r.u32s(WORDS),
      levels = r.u32s(WORDS),
      enable = r.u32s(WORDS * NUM_CONTEXTS),
      threshold = r.u32s(NUM_CONTEXTS);
    const outputs = this.outputs.map(() => r.bool());
    return () => {
      this.priority.set(priority);
      this.pending.set(pending);
      this.claimed.set(claimed);
      this.levels.set(levels);
      this.enable.set(enable);
      this.threshold.set(threshold);
      outputs.forEach((o, i) => (this.outputs[i] = o));
    };
  }

  /** Device reset: everything 0; line levels are kept (they belong to the devices). */
  reset(): void {
    this.priority.fill(0);
    this.pending.fill(0);
    this.claimed.fill(0);
    this.enable.fill(0);
    this.threshold.fill(0);
    for (let w = 0; w < WORDS; w++) this.pending[w] = this.levels[w];
    for (let c = 0; c < NUM_CONTEXTS; c++) {
      this.outputs[c] = false;
      this.hart.setPending(CONTEXT_BITS[c], false);
    }
    this.update();
  }

  /** True when context `ctx` (0 = M, 1 = S) asserts its external interrupt. */
  contextPending(ctx: number): boolean {
    return this.outputs[ctx] === true;
  }

  private setSource(irq: number, level: boolean): void {
    const w = irq >>> 5,
      m = 1 << (irq & 31);
    const was = (this.levels[w] & m) !== 0;
    const pend = (this.pending[w] & m) !== 0;
    if (was === level && pend === level) return;
    if (level) {
      this.levels[w] |= m;
      this.pending[w] |= m;
    } else {
      this.levels[w] &= ~m;
      this.pending[w] &= ~m;
    }
    this.update();
  }

  /** The highest-priority pending, enabled, unclaimed source above the context's threshold, or 0. */
  private best(ctx: number): number {
    let maxIrq = 0;
    let maxPrio = this.threshold[ctx];
    for (let w = 0; w < WORDS; w++) {
      let bits = this.pending[w] & ~this.claimed[w] & this.enable[ctx * WORDS + w];
      while (bits !== 0) {
        const j = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        const irq = (w << 5) + j;
        if (irq >= PLIC_NUM_SOURCES) break;
        const prio = this.priority[irq];
        if (prio > maxPrio) {
          maxIrq = irq;
          maxPrio = prio;
        }
      }
    }
    return maxIrq;
  }

  private update(): void {
    for (let c = 0; c < NUM_CONTEXTS; c++) {
      const level = this.best(c) !== 0;
      if (level !== this.outputs[c]) {
        this.outputs[c] = level;
        this.hart.setPending(CONTEXT_BITS[c], level);
      }
    }
  }

  read(offset: number, size: number): number {
    if (size !== 4 || offset & 3 || offset < 0) return 0;
    if (offset < PLIC_PRIORITY_BASE + 4 * PLIC_NUM_SOURCES) return this.priority[(offset - PLIC_PRIORITY_BASE) >>> 2];
    if (offset >= PLIC_PENDING_BASE && offset < PLIC_PENDING_BASE + 4 * WORDS) return this.pending[(offset - PLIC_PENDING_BASE) >>> 2];
    if (offset >= PLIC_ENABLE_BASE && offset < PLIC_ENABLE_BASE + NUM_CONTEXTS * PLIC_ENABLE_STRIDE) {
      const ctx = ((offset - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE) | 0;
      const word = ((offset - PLIC_ENABLE_BASE) % PLIC_ENABLE_STRIDE) >>> 2;
      return word < WORDS ? this.enable[ctx * WORDS + word] : 0;
    }
    if (offset >= PLIC_CONTEXT_BASE && offset < PLIC_CONTEXT_BASE + NUM_CONTEXTS * PLIC_CONTEXT_STRIDE) {
      const ctx = ((offset - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE) | 0;
      const reg = (offset - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE;
      if (reg === 0) return this.threshold[ctx];
      if (reg === 4) return this.claim(ctx);
    }
    return 0;
  }

  write(offset: number, size: number, value: number): void {
    if (size !== 4 || offset & 3 || offset < 0) return;
    value >>>= 0;
    if (offset < PLIC_PRIORITY_BASE + 4 * PLIC_NUM_SOURCES) {
      this.priority[(offset - PLIC_PRIORITY_BASE) >>> 2] = value % (PLIC_NUM_PRIORITIES + 1);
      this.update();
    } else if (offset >= PLIC_ENABLE_BASE && offset < PLIC_ENABLE_BASE + NUM_CONTEXTS * PLIC_ENABLE_STRIDE) {
      const ctx = ((offset - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE) | 0;
      const word = ((offset - PLIC_ENABLE_BASE) % PLIC_ENABLE_STRIDE) >>> 2;
      if (word < WORDS) {
        this.enable[ctx * WORDS + word] = value;
        this.update();
      }
    } else if (offset >= PLIC_CONTEXT_BASE && offset < PLIC_CONTEXT_BASE + NUM_CONTEXTS * PLIC_CONTEXT_STRIDE) {
      const ctx = ((offset - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE) | 0;
      const reg = (offset - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE;
      if (reg === 0) {
        this.threshold[ctx] = value % (PLIC_NUM_PRIORITIES + 1);
        this.update();
      } else if (reg === 4) this.complete(value);
    }
    // pending bits and everything else: ignored
  }

  private claim(ctx: number): number {
    const irq = this.best(ctx);
    if (irq !== 0) {
      const w = irq >>> 5,
        m = 1 << (irq & 31);
      this.pending[w] &= ~m;
      this.claimed[w] |= m;
    }
    this.update();
    return irq;
  }

  private complete(irq: number): void {
    if (irq >= PLIC_NUM_SOURCES) return;
    const w = irq >>> 5,
      m = 1 << (irq & 31);
    this.claimed[w] &= ~m;
    if (this.levels[w] & m) this.pending[w] |= m; // gateway: a line still high requests again
    this.update();
  }
}
