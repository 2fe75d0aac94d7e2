// ARM Generic Interrupt Controller v2 (distributor + CPU interface) for one CPU, as QEMU's
// hw/intc/arm_gic.c with the configuration hw/arm/virt.c gives it for `-M virt -cpu cortex-a15`:
// revision 2, num-cpu 1, num-irq 288 (32 internal + 256 SPIs), 8 priority bits, no security
// extensions (every access behaves as a Secure access, QEMU's `!gic_cpu_ns_access`) and no
// virtualization extensions.
//
//   distributor   (0x1000 bytes; virt maps it at 0x08000000)  `gic.distributor`
//   CPU interface (0x2000 bytes; virt maps it at 0x08010000)  `gic.cpuInterface`
//
// Interrupt inputs: `gic.spi(n)` is SPI n (interrupt ID 32 + n, what the DT's `<0 n flags>` names),
// `gic.ppi(id)` the private peripheral interrupt with ID 16..31 (the generic timer drives 26, 27,
// 29, 30). Outputs: the CPU's IRQ and FIQ lines. Group 0 interrupts go to FIQ when GICC_CTLR.FIQEn
// is set, everything else to IRQ.
//
// The state machine follows QEMU function by function (names cited in comments): edge-triggered
// interrupts latch pending on a rising input; level-triggered ones are pending while the line is
// high or after a GICD_ISPENDR write (gic_test_pending); GICC_IAR activates the best pending
// interrupt whose priority beats both the priority mask and the running priority, and GICC_EOIR
// drops the running priority (and deactivates, unless GICC_CTLR.EOImodeNS splits that into
// GICC_DIR). The running priority is derived from the active-priority registers (GICC_APRn) as
// in QEMU.
//
// Guest accesses: the distributor takes 1-, 2- and 4-byte accesses as QEMU (a 2/4-byte access is
// the byte accesses at consecutive offsets, except GICD_SGIR, which only a 4-byte write at 0xf00
// triggers); the CPU interface decodes the offset exactly and ignores the size (so a byte read of
// GICC_IAR acknowledges, as in QEMU). Unknown offsets and interrupt numbers ≥ 288 read 0 and
// ignore writes. One deliberate difference: acknowledging an SGI made pending through
// GICD_SPENDSGIR with a zero source mask trips an assertion in QEMU; here it returns source CPU 0.
import { SnapshotError, type StateReader, type StateWriter, type VmState } from "./vmstate.ts";
import type { IrqLine, MmioDevice } from "./device.ts";

export const GIC_DIST_SIZE = 0x1000;
export const GIC_CPU_SIZE = 0x2000;
/** Interrupt IDs in all: 16 SGIs, 16 PPIs, 256 SPIs (QEMU virt's NUM_IRQS + 32). */
export const GIC_NUM_IRQ = 288;
export const GIC_INTERNAL = 32;
export const GIC_NR_SGIS = 16;
/** The "no interrupt" ID GICC_IAR / GICC_HPPIR return. */
export const GIC_SPURIOUS = 1023;

// Distributor register offsets.
export const GICD_CTLR = 0x000;
export const GICD_TYPER = 0x004;
export const GICD_IIDR = 0x008;
export const GICD_IGROUPR = 0x080;
export const GICD_ISENABLER = 0x100;
export const GICD_ICENABLER = 0x180;
export const GICD_ISPENDR = 0x200;
export const GICD_ICPENDR = 0x280;
export const GICD_ISACTIVER = 0x300;
export const GICD_ICACTIVER = 0x380;
export const GICD_IPRIORITYR = 0x400;
export const GICD_ITARGETSR = 0x800;
export const GICD_ICFGR = 0xc00;
export const GICD_SGIR = 0xf00;
export const GICD_CPENDSGIR = 0xf10;
export const GICD_SPENDSGIR = 0xf20;

// CPU interface register offsets.
export const GICC_CTLR = 0x00;
export const GICC_PMR = 0x04;
export const GICC_BPR = 0x08;
export const GICC_IAR = 0x0c;
export const GICC_EOIR = 0x10;
export const GICC_RPR = 0x14;
export const GICC_HPPIR = 0x18;
export const GICC_ABPR = 0x1c;
export const GICC_APR = 0xd0;
export const GICC_NSAPR = 0xe0;
export const GICC_IIDR = 0xfc;
export const GICC_DIR = 0x1000;

const GICD_CTLR_EN_GRP0 = 1;
const GICD_CTLR_EN_GRP1 = 2;
const GICC_CTLR_EN_GRP0 = 1 << 0;
const GICC_CTLR_EN_GRP1 = 1 << 1;
const GICC_CTLR_ACK_CTL = 1 << 2;
const GICC_CTLR_FIQ_EN = 1 << 3;
const GICC_CTLR_CBPR = 1 << 4;
const GICC_CTLR_EOIMODE = 1 << 9;
/** GICC_CTLR bits writable on a GICv2 without security extensions (QEMU's GICC_CTLR_V2_MASK). */
const GICC_CTLR_V2_MASK = 0x21f;
const GIC_MIN_BPR = 0;
const GIC_MIN_ABPR = 1;
/** 128 preemption levels / 32 bits (QEMU's GIC_NR_APRS). */
const GIC_NR_APRS = 4;
/** The running priority when nothing is active (one above the lowest priority, 0xff). */
const IDLE_PRIORITY = 0x100;
/** GICD_PIDR4..7, PIDR0..3, CIDR0..3 at 0xfd0..0xffc (QEMU's gic_id_gicv2). */
const GIC_ID_V2 = [0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

/** The CPU's interrupt inputs the GIC drives. */
export interface GicCpuLines {
  irq: IrqLine;
  fiq: IrqLine;
}

export class ArmGic implements VmState {
  readonly distributor: MmioDevice;
  readonly cpuInterface: MmioDevice;
  readonly numIrq = GIC_NUM_IRQ;

  // Per-interrupt state (QEMU's gic_irq_state, for the one CPU: each bit mask is bit 0 only).
  private readonly enabled = new Uint8Array(GIC_NUM_IRQ);
  private readonly pending = new Uint8Array(GIC_NUM_IRQ);
  private readonly active = new Uint8Array(GIC_NUM_IRQ);
  private readonly level = new Uint8Array(GIC_NUM_IRQ);
  private readonly edge = new Uint8Array(GIC_NUM_IRQ);
  private readonly group = new Uint8Array(GIC_NUM_IRQ);
  private readonly priority = new Uint8Array(GIC_NUM_IRQ);
  /** Per SGI: the source CPUs it is pending from (bit per CPU ID, as GICD_[CS]PENDSGIR show them). */
  private readonly sgiPending = new Uint8Array(GIC_NR_SGIS);
  private dctlr = 0;

  // CPU interface state.
  private cctlr = 0;
  private pmr = 0;
  private bpr = GIC_MIN_BPR;
  private abpr = GIC_MIN_ABPR;
  private runningPriority = IDLE_PRIORITY;
  private currentPending = GIC_SPURIOUS;
  private readonly apr = new Uint32Array(GIC_NR_APRS);
  private readonly nsapr = new Uint32Array(GIC_NR_APRS);

  private irqOut = false;
  private fiqOut = false;
  private readonly spiLines: IrqLine[] = [];
  private readonly ppiLines: IrqLine[] = [];

  constructor(private readonly cpu: GicCpuLines) {
    for (let n = 0; n < GIC_NUM_IRQ - GIC_INTERNAL; n++) {
      const irq = GIC_INTERNAL + n;
      this.spiLines.push({ set: (level) => this.setInput(irq, level) });
    }
    for (let id = GIC_NR_SGIS; id < GIC_INTERNAL; id++) this.ppiLines.push({ set: (level) => this.setInput(id, level) });
    this.distributor = {
      read: (offset, size) => this.distRead(offset, size),
      write: (offset, size, value) => this.distWrite(offset, size, value),
    };
    this.cpuInterface = {
      read: (offset, size) => this.cpuRead(offset, size),
      write: (offset, size, value) => this.cpuWrite(offset, size, value),
    };
    this.reset();
  }

  /** The input line of SPI n (interrupt ID 32 + n); lines outside 0..255 go nowhere. */
  spi(n: number): IrqLine {
    return this.spiLines[n] ?? { set() {} };
  }

  /** The input line of the PPI with interrupt ID `id` (16..31); other IDs go nowhere. */
  ppi(id: number): IrqLine {
    return this.ppiLines[id - GIC_NR_SGIS] ?? { set() {} };
  }

  /** Snapshots (QEMU's vmstate_gic for one CPU): per-interrupt state, the CPU interface, the outputs. */
  saveState(w: StateWriter): void {
    for (const a of [this.enabled, this.pending, this.active, this.level, this.edge, this.group, this.priority, this.sgiPending])
      w.bytes(a);
    for (const v of [this.dctlr, this.cctlr, this.pmr, this.bpr, this.abpr, this.runningPriority, this.currentPending]) w.u32(v);
    w.u32s(this.apr).u32s(this.nsapr).bool(this.irqOut).bool(this.fiqOut);
  }

  loadState(r: StateReader): () => void {
    const bits = (n: number, what: string, max: number) => {
      const a = r.bytes(n);
      if (a.length !== n) throw new SnapshotError(`${r.what}: ${what} for ${a.length} interrupts where this GIC has ${n}`);
      for (const v of a) r.range(v, 0, max, what);
      return a;
    };
    const arrays = [
      bits(GIC_NUM_IRQ, "enabled", 1),
      bits(GIC_NUM_IRQ, "pending", 1),
      bits(GIC_NUM_IRQ, "active", 1),
      bits(GIC_NUM_IRQ, "level", 1),
      bits(GIC_NUM_IRQ, "edge", 1),
      bits(GIC_NUM_IRQ, "group", 1),
      bits(GIC_NUM_IRQ, "priority", 0xff),
      bits(GIC_NR_SGIS, "SGI sources", 0xff),
    ];
    const dctlr = r.range(r.u32(), 0, 3, "GICD_CTLR"),
      cctlr = r.range(r.u32(), 0, 0x3ff, "GICC_CTLR"),
      pmr = r.range(r.u32(), 0, 0xff, "GICC_PMR"),
      bpr = r.range(r.u32(), 0, 7, "GICC_BPR"),
      abpr = r.range(r.u32(), 0, 7, "GICC_ABPR"),
      running = r.range(r.u32(), 0, IDLE_PRIORITY, "running priority"),
      current = r.range(r.u32(), 0, GIC_SPURIOUS, "highest pending interrupt");
    if (current !== GIC_SPURIOUS && current >= GIC_NUM_IRQ) throw new SnapshotError(`${r.what}: highest pending interrupt ${current}`);
    const apr = r.u32s(GIC_NR_APRS),
      nsapr = r.u32s(GIC_NR_APRS);
    const irqOut = r.bool(),
      fiqOut = r.bool();
    return () => {
      [this.enabled, this.pending, this.active, this.level, this.edge, this.group, this.priority, this.sgiPending].forEach((a, i) =>
        a.set(arrays[i]),
      );
      [this.dctlr, this.cctlr, this.pmr, this.bpr, this.abpr, this.runningPriority, this.currentPending] = [
        dctlr,
        cctlr,
        pmr,
        bpr,
        abpr,
        running,
        current,
      ];
      this.apr.set(apr);
      this.nsapr.set(nsapr);
      // The CPU's inputs follow the restored outputs.
      this.irqOut = irqOut;
      this.fiqOut = fiqOut;
      this.cpu.irq.set(irqOut);
      this.cpu.fiq.set(fiqOut);
    };
  }

  /** QEMU's arm_gic_common_reset_hold (no security extensions: reset priority 0). */
  reset(): void {
    this.enabled.fill(0);
    this.pending.fill(0);
    this.active.fill(0);
    this.level.fill(0);
    this.edge.fill(0);
    this.group.fill(0);
    this.priority.fill(0);
    this.sgiPending.fill(0);
    for (let i = 0; i < GIC_NR_SGIS; i++) {
      this.enabled[i] = 1;
      this.edge[i] = 1;
    }
    this.dctlr = 0;
    this.cctlr = 0;
    this.pmr = 0;
    this.bpr = GIC_MIN_BPR;
    this.abpr = GIC_MIN_ABPR;
    this.runningPriority = IDLE_PRIORITY;
    this.currentPending = GIC_SPURIOUS;
    this.apr.fill(0);
    this.nsapr.fill(0);
    this.update();
  }

  /** True while the GIC asserts the CPU's IRQ line. */
  get irqAsserted(): boolean {
    return this.irqOut;
  }

  /** True while the GIC asserts the CPU's FIQ line. */
  get fiqAsserted(): boolean {
    return this.fiqOut;
  }

  /** QEMU's gic_test_pending: latched pending, or a level-triggered input that is high. */
  isPending(irq: number): boolean {
    return this.pending[irq] !== 0 || (this.edge[irq] === 0 && this.level[irq] !== 0);
  }

  isActive(irq: number): boolean {
    return this.active[irq] !== 0;
  }

  // ---- inputs (QEMU's gic_set_irq / gic_set_irq_generic)

  private setInput(irq: number, high: boolean): void {
    const l = high ? 1 : 0;
    if (this.level[irq] === l) return;
    this.level[irq] = l;
    if (l && this.edge[irq]) this.pending[irq] = 1;
    this.update();
  }

  // ---- the output logic (QEMU's gic_update_internal / gic_get_best_irq)

  private update(): void {
    let irqLevel = false;
    let fiqLevel = false;
    this.currentPending = GIC_SPURIOUS;
    if ((this.dctlr & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1)) !== 0 && (this.cctlr & (GICC_CTLR_EN_GRP0 | GICC_CTLR_EN_GRP1)) !== 0) {
      let best = GIC_SPURIOUS;
      let bestPrio = 0x100;
      for (let irq = 0; irq < GIC_NUM_IRQ; irq++) {
        if (this.enabled[irq] && !this.active[irq] && this.isPending(irq) && this.priority[irq] < bestPrio) {
          bestPrio = this.priority[irq];
          best = irq;
        }
      }
      if (best !== GIC_SPURIOUS && bestPrio < this.pmr) {
        this.currentPending = best;
        const group = this.group[best];
        const groupBit = 1 << group;
        if (bestPrio < this.runningPriority && (this.dctlr & groupBit) !== 0 && (this.cctlr & groupBit) !== 0) {
          if (group === 0 && (this.cctlr & GICC_CTLR_FIQ_EN) !== 0) fiqLevel = true;
          else irqLevel = true;
        }
      }
    }
    if (irqLevel !== this.irqOut) {
      this.irqOut = irqLevel;
      this.cpu.irq.set(irqLevel);
    }
    if (fiqLevel !== this.fiqOut) {
      this.fiqOut = fiqLevel;
      this.cpu.fiq.set(fiqLevel);
    }
  }

  // ---- CPU interface operations

  /** QEMU's gic_get_current_pending_irq, for a Secure view of a GIC without security extensions. */
  private currentPendingIrq(): number {
    const irq = this.currentPending;
    if (irq < GIC_NUM_IRQ && this.group[irq] === 1 && (this.cctlr & GICC_CTLR_ACK_CTL) === 0) return 1022;
    return irq;
  }

  /** QEMU's gic_get_group_priority. */
  private groupPriority(irq: number): number {
    const bpr = (this.cctlr & GICC_CTLR_CBPR) === 0 && this.group[irq] ? this.abpr - 1 : this.bpr;
    return this.priority[irq] & (0xff << ((bpr & 7) + 1)) & 0xff;
  }

  /** QEMU's gic_acknowledge_irq (GICC_IAR read). */
  private acknowledge(): number {
    const irq = this.currentPendingIrq();
    if (irq >= GIC_NUM_IRQ) return irq;
    if (this.priority[irq] >= this.runningPriority) return GIC_SPURIOUS;
    // gic_activate_irq: set the active-priority bit of the preemption level, raise the running priority.
    const prio = this.groupPriority(irq);
    const level = prio >> (GIC_MIN_BPR + 1);
    const aprs = this.group[irq] ? this.nsapr : this.apr;
    aprs[level >> 5] |= 1 << (level & 31);
    this.runningPriority = prio;
    this.active[irq] = 1;
    let ret = irq;
    if (irq < GIC_NR_SGIS) {
      // gic_clear_pending_sgi: the lowest source CPU first.
      const sources = this.sgiPending[irq];
      const src = sources === 0 ? 0 : 31 - Math.clz32(sources & -sources);
      this.sgiPending[irq] = sources & ~(1 << src);
      if (this.sgiPending[irq] === 0) this.pending[irq] = 0;
      ret = irq | ((src & 7) << 10);
    } else {
      this.pending[irq] = 0;
    }
    this.update();
    return ret;
  }

  /** QEMU's gic_get_prio_from_apr_bits. */
  private prioFromAprs(): number {
    for (let i = 0; i < GIC_NR_APRS; i++) {
      const bits = this.apr[i] | this.nsapr[i];
      if (bits !== 0) return (i * 32 + (31 - Math.clz32(bits & -bits))) << (GIC_MIN_BPR + 1);
    }
    return IDLE_PRIORITY;
  }

  /** QEMU's gic_drop_prio: clear the lowest set bit of the group's active priorities. */
  private dropPriority(group: number): void {
    const aprs = group ? this.nsapr : this.apr;
    for (let i = 0; i < GIC_NR_APRS; i++) {
      if (aprs[i] === 0) continue;
      aprs[i] &= aprs[i] - 1;
      break;
    }
    this.runningPriority = this.prioFromAprs();
  }

  /** QEMU's gic_complete_irq (GICC_EOIR write). */
  private complete(irq: number): void {
    if (irq >= GIC_NUM_IRQ) return;
    if (this.runningPriority === IDLE_PRIORITY) return;
    this.dropPriority(this.group[irq]);
    if ((this.cctlr & GICC_CTLR_EOIMODE) === 0) this.active[irq] = 0;
    this.update();
  }

  /** QEMU's gic_deactivate_irq (GICC_DIR write): only meaningful with EOImode set. */
  private deactivate(irq: number): void {
    if (irq >= GIC_NUM_IRQ) return;
    if ((this.cctlr & GICC_CTLR_EOIMODE) === 0) return;
    this.active[irq] = 0;
  }

  // ---- CPU interface registers (QEMU's gic_cpu_read / gic_cpu_write)

  private cpuRead(offset: number, size: number): number {
    const v = this.cpuReadReg(offset);
    return size >= 4 ? v >>> 0 : v & ((1 << (8 * size)) - 1);
  }

  private cpuReadReg(offset: number): number {
    switch (offset) {
      case GICC_CTLR:
        return this.cctlr;
      case GICC_PMR:
        return this.pmr;
      case GICC_BPR:
        return this.bpr;
      case GICC_IAR:
        return this.acknowledge();
      case GICC_RPR:
        return this.runningPriority > 0xff ? 0xff : this.runningPriority;
      case GICC_HPPIR:
        return this.currentPendingIrq();
      case GICC_ABPR:
        return this.abpr;
      case GICC_APR:
      case GICC_APR + 4:
      case GICC_APR + 8:
      case GICC_APR + 12:
        return this.apr[(offset - GICC_APR) >> 2];
      case GICC_NSAPR:
      case GICC_NSAPR + 4:
      case GICC_NSAPR + 8:
      case GICC_NSAPR + 12:
        return this.nsapr[(offset - GICC_NSAPR) >> 2];
      case GICC_IIDR:
        return (2 << 16) | 0x43b;
      default:
        return 0;
    }
  }

  private cpuWrite(offset: number, size: number, value: number): void {
    const v = size >= 4 ? value >>> 0 : value & ((1 << (8 * size)) - 1);
    switch (offset) {
      case GICC_CTLR:
        this.cctlr = v & GICC_CTLR_V2_MASK;
        break;
      case GICC_PMR:
        this.pmr = v & 0xff;
        break;
      case GICC_BPR:
        this.bpr = Math.max(v & 7, GIC_MIN_BPR);
        break;
      case GICC_EOIR:
        this.complete(v & 0x3ff);
        return;
      case GICC_ABPR:
        this.abpr = Math.max(v & 7, GIC_MIN_ABPR);
        break;
      case GICC_APR:
      case GICC_APR + 4:
      case GICC_APR + 8:
      case GICC_APR + 12:
        this.apr[(offset - GICC_APR) >> 2] = v;
        this.runningPriority = this.prioFromAprs();
        break;
      case GICC_NSAPR:
      case GICC_NSAPR + 4:
      case GICC_NSAPR + 8:
      case GICC_NSAPR + 12:
        this.nsapr[(offset - GICC_NSAPR) >> 2] = v;
        this.runningPriority = this.prioFromAprs();
        break;
      case GICC_DIR:
        this.deactivate(v & 0x3ff);
        break;
      default:
        return;
    }
    this.update();
  }

  // ---- distributor registers (QEMU's gic_dist_readb / gic_dist_writeb / gic_dist_writel)

  private distRead(offset: number, size: number): number {
    if (size !== 1 && size !== 2 && size !== 4) return 0;
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.distReadByte(offset + i) << (8 * i);
    return v >>> 0;
  }

  private distReadByte(offset: number): number {
    if (offset < 0 || offset >= GIC_DIST_SIZE) return 0;
    if (offset < 0x100) {
      if (offset === 0) return this.dctlr;
      if (offset === 4) return GIC_NUM_IRQ / 32 - 1; // ITLinesNumber; CPUNumber 0; no SecurityExtn
      if (offset === 8) return 0x3b; // GICD_IIDR: Arm's JEP106 code
      if (offset === 9) return 0x04;
      if (offset < 0x80) return 0;
      const irq = (offset - GICD_IGROUPR) * 8;
      return irq < GIC_NUM_IRQ ? this.bits8(this.group, irq) : 0;
    }
    if (offset < 0x200) {
      const irq = ((offset - GICD_ISENABLER) & 0x7f) * 8;
      return irq < GIC_NUM_IRQ ? this.bits8(this.enabled, irq) : 0;
    }
    if (offset < 0x300) {
      const irq = ((offset - GICD_ISPENDR) & 0x7f) * 8;
      if (irq >= GIC_NUM_IRQ) return 0;
      let r = 0;
      for (let i = 0; i < 8; i++) if (this.isPending(irq + i)) r |= 1 << i;
      return r;
    }
    if (offset < 0x400) {
      const irq = ((offset - GICD_ISACTIVER) & 0x7f) * 8;
      return irq < GIC_NUM_IRQ ? this.bits8(this.active, irq) : 0;
    }
    if (offset < 0x800) {
      const irq = offset - GICD_IPRIORITYR;
      return irq < GIC_NUM_IRQ ? this.priority[irq] : 0;
    }
    if (offset < 0xc00) return 0; // GICD_ITARGETSR: RAZ/WI on a uniprocessor GIC
    if (offset < 0xf00) {
      const irq = (offset - GICD_ICFGR) * 4;
      if (irq >= GIC_NUM_IRQ) return 0;
      let r = 0;
      for (let i = 0; i < 4; i++) if (this.edge[irq + i]) r |= 2 << (2 * i);
      return r;
    }
    if (offset < 0xf10) return 0;
    if (offset < 0xf20) return this.sgiPending[offset - GICD_CPENDSGIR];
    if (offset < 0xf30) return this.sgiPending[offset - GICD_SPENDSGIR];
    if (offset < 0xfd0) return 0;
    return (offset & 3) === 0 ? GIC_ID_V2[(offset - 0xfd0) >> 2] : 0;
  }

  private bits8(state: Uint8Array, irq: number): number {
    let r = 0;
    for (let i = 0; i < 8; i++) if (state[irq + i]) r |= 1 << i;
    return r;
  }

  private distWrite(offset: number, size: number, value: number): void {
    if (size === 4 && offset === GICD_SGIR) {
      this.softwareInterrupt(value >>> 0);
      return;
    }
    if (size !== 1 && size !== 2 && size !== 4) return;
    for (let i = 0; i < size; i++) this.distWriteByte(offset + i, (value >>> (8 * i)) & 0xff);
  }

  /** GICD_SGIR (QEMU's gic_dist_writel at 0xf00): this GIC's only CPU is CPU 0. */
  private softwareInterrupt(value: number): void {
    const irq = value & 0xf;
    let mask: number;
    switch ((value >>> 24) & 3) {
      case 0:
        mask = (value >>> 16) & 0xff; // the CPU target list
        break;
      case 1:
        mask = 0xfe; // every CPU but the requester
        break;
      case 2:
        mask = 1; // the requester
        break;
      default:
        mask = 0xff; // reserved: QEMU sends it everywhere
        break;
    }
    if (mask & 1) {
      this.pending[irq] = 1;
      this.sgiPending[irq] |= 1; // from CPU 0
    }
    this.update();
  }

  private distWriteByte(offset: number, value: number): void {
    if (offset < 0 || offset >= GIC_DIST_SIZE) return;
    if (offset < 0x100) {
      if (offset === 0) this.dctlr = value & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1);
      else if (offset >= 0x80) {
        const irq = (offset - GICD_IGROUPR) * 8;
        if (irq >= GIC_NUM_IRQ) return;
        for (let i = 0; i < 8; i++) this.group[irq + i] = (value >> i) & 1;
      } else return;
    } else if (offset < 0x180) {
      const irq = (offset - GICD_ISENABLER) * 8;
      if (irq >= GIC_NUM_IRQ) return;
      if (irq < GIC_NR_SGIS) value = 0xff; // SGIs are always enabled
      for (let i = 0; i < 8; i++) if (value & (1 << i)) this.enabled[irq + i] = 1;
    } else if (offset < 0x200) {
      const irq = (offset - GICD_ICENABLER) * 8;
      if (irq >= GIC_NUM_IRQ) return;
      if (irq < GIC_NR_SGIS) value = 0;
      for (let i = 0; i < 8; i++) if (value & (1 << i)) this.enabled[irq + i] = 0;
    } else if (offset < 0x280) {
      const irq = (offset - GICD_ISPENDR) * 8;
      if (irq >= GIC_NUM_IRQ) return;
      if (irq < GIC_NR_SGIS) value = 0; // SGIs are made pending through GICD_SGIR / SPENDSGIR only
      for (let i = 0; i < 8; i++) if (value & (1 << i)) this.pending[irq + i] = 1;
    } else if (offset < 0x300) {
      const irq = (offset - GICD_ICPENDR) * 8;
      if (irq >= GIC_NUM_IRQ) return;
      if (irq < GIC_NR_SGIS) value = 0;
      for (let i = 0; i < 8; i++) if (value & (1 << i)) this.pending[irq + i] = 0;
    } else if (offset < 0x380) {
      const irq = (offset - GICD_ISACTIVER) * 8;
      if (irq >= GIC_NUM_IRQ) return;
      for (let i = 0; i < 8; i++) if (value & (1 << i)) this.active[irq + i] = 1;
    } else if (offset < 0x400) {
      const irq = (offset - GICD_ICACTIVER) * 8;
      if (irq >= GIC_NUM_IRQ) return;
      for (let i = 0; i < 8; i++) if (value & (1 << i)) this.active[irq + i] = 0;
    } else if (offset < 0x800) {
      const irq = offset - GICD_IPRIORITYR;
      if (irq >= GIC_NUM_IRQ) return;
      this.priority[irq] = value; // 8 implemented priority bits
    } else if (offset < 0xc00) {
      return; // GICD_ITARGETSR: RAZ/WI on a uniprocessor GIC
    } else if (offset < 0xf00) {
      const irq = (offset - GICD_ICFGR) * 4;
      if (irq >= GIC_NUM_IRQ) return;
      if (irq < GIC_NR_SGIS) value |= 0xaa; // SGIs stay edge-triggered
      for (let i = 0; i < 4; i++) this.edge[irq + i] = (value >> (2 * i + 1)) & 1;
    } else if (offset < 0xf10) {
      return; // GICD_SGIR only takes 32-bit writes
    } else if (offset < 0xf20) {
      const irq = offset - GICD_CPENDSGIR;
      this.sgiPending[irq] &= ~value;
      if (this.sgiPending[irq] === 0) this.pending[irq] = 0;
    } else if (offset < 0xf30) {
      const irq = offset - GICD_SPENDSGIR;
      this.pending[irq] = 1;
      this.sgiPending[irq] |= value;
    } else {
      return;
    }
    this.update();
  }
}
