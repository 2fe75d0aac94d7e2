// The privileged architecture for system mode (QEMU's target/riscv/csr.c and cpu_helper.c): M, S and
// U modes, the machine and supervisor CSRs that OpenSBI and Linux use, trap entry with delegation,
// interrupts with the standard priorities, mret/sret, and the TB flags derived from all of that.
// CSRs a probe may touch but tciemu does not implement (PMP, HPM counters, Sstc, state enable...)
// raise illegal-instruction, which is how OpenSBI discovers what the hart has.
import { Excp, PC, TB_FLAGS, TBF_FS_SHIFT, TBF_MEMIDX_SHIFT } from "./cpu-state.ts";

export const PRV_U = 0,
  PRV_S = 1,
  PRV_M = 3;

// mstatus bits
const SIE = 1n << 1n,
  MIE = 1n << 3n,
  SPIE = 1n << 5n,
  MPIE = 1n << 7n,
  SPP = 1n << 8n,
  MPP = 3n << 11n,
  FS = 3n << 13n,
  MPRV = 1n << 17n,
  SUM = 1n << 18n,
  MXR = 1n << 19n,
  TVM = 1n << 20n,
  TW = 1n << 21n,
  TSR = 1n << 22n,
  SD = 1n << 63n;
const UXL_SXL = (2n << 32n) | (2n << 34n); // both XLEN 64, read-only
const SIE_BIT = 1 << 1,
  MIE_BIT = 1 << 3;
const MSTATUS_WMASK = SIE | MIE | SPIE | MPIE | SPP | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR;
const SSTATUS_MASK = SIE | SPIE | SPP | FS | SUM | MXR | (3n << 32n) | SD;
/** sstatus as words: the low word's bits, and the high word but for SD (UXL = 64 bits). */
const SSTATUS_LO = Number(SSTATUS_MASK & 0xffffffffn);
const SSTATUS_HI = Number((UXL_SXL & (3n << 32n)) >> 32n);

/** Interrupt numbers (bit positions in mip/mie). */
export const IRQ_SSI = 1,
  IRQ_MSI = 3,
  IRQ_STI = 5,
  IRQ_MTI = 7,
  IRQ_SEI = 9,
  IRQ_MEI = 11;
/** Priority order for simultaneous interrupts (privileged spec 3.1.9). */
const PRIORITY = [IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI];
const MIP_SW_MASK = (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI);
const MIDELEG_MASK = (1 << IRQ_SSI) | (1 << IRQ_STI) | (1 << IRQ_SEI);
const MEDELEG_MASK = 0xb3ff; // everything but ecall-from-M (11) and reserved 10, 14
const MIE_MASK = 0xaaa;

// misa: RV64 (MXL=2) + I M A F D C S U
const MISA = (2n << 62n) | BigInt(["I", "M", "A", "F", "D", "C", "S", "U"].reduce((m, c) => m | (1 << (c.charCodeAt(0) - 65)), 0));

const SATP_MODE_BARE = 0n,
  SATP_MODE_SV39 = 8n;

export interface PrivHost {
  R: Int32Array;
  /** Raises an illegal-instruction exception from the running CSR helper. */
  illegal(): never;
  /** Current time in mtime ticks (10 MHz), below 2^53. */
  timeTicks(): number;
  instret(): bigint;
  /** The MMU mapping may have changed: flush the TLB and jump cache. */
  flushTlb(): void;
  /** Something that may let an interrupt be taken changed: leave the TB loop so it is checked. */
  requestExit(): void;
}

export class RiscvPriv {
  priv = PRV_M;
  /**
   * mstatus as its low word: the high word is fixed (UXL = SXL = 64 bits) but for SD, which is
   * "FS is dirty", so the low word is the whole state. A number, because the kernel toggles SIE
   * hundreds of thousands of times per boot (csrSstatusSie); the rest of this file works on the
   * 64-bit value through the accessors below.
   */
  mstatusLo = 0;
  get mstatus(): bigint {
    return BigInt(this.mstatusLo >>> 0) | UXL_SXL | (((this.mstatusLo >>> 13) & 3) === 3 ? SD : 0n);
  }
  set mstatus(v: bigint) {
    this.mstatusLo = Number(v & 0xffffffffn) | 0;
  }
  medeleg = 0;
  mideleg = 0;
  mie = 0;
  /** mip: bits driven by devices and bits written by software. */
  mip = 0;
  mtvec = 0n;
  stvec = 0n;
  /**
   * The trap CSRs as (lo, hi) words, [s|m][scratch, epc, cause, tval] at ((csr >> 9 & 1) * 4 + (csr & 3)) * 2:
   * plain storage that trap entries and exits (OpenSBI's and Linux's) read and swap ~150k times per
   * boot (csrPlain, in numbers); the bigint accessors below serve everything else.
   */
  private readonly plain = new Int32Array(16);
  private plainGet(w: number): bigint {
    return (BigInt(this.plain[w + 1] >>> 0) << 32n) | BigInt(this.plain[w] >>> 0);
  }
  private plainSet(w: number, v: bigint): void {
    this.plain[w] = Number(BigInt.asIntN(32, v));
    this.plain[w + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }
  get sscratch(): bigint {
    return this.plainGet(0);
  }
  set sscratch(v: bigint) {
    this.plainSet(0, v);
  }
  get sepc(): bigint {
    return this.plainGet(2);
  }
  set sepc(v: bigint) {
    this.plainSet(2, v);
  }
  get scause(): bigint {
    return this.plainGet(4);
  }
  set scause(v: bigint) {
    this.plainSet(4, v);
  }
  get stval(): bigint {
    return this.plainGet(6);
  }
  set stval(v: bigint) {
    this.plainSet(6, v);
  }
  get mscratch(): bigint {
    return this.plainGet(8);
  }
  set mscratch(v: bigint) {
    this.plainSet(8, v);
  }
  get mepc(): bigint {
    return this.plainGet(10);
  }
  set mepc(v: bigint) {
    this.plainSet(10, v);
  }
  get mcause(): bigint {
    return this.plainGet(12);
  }
  set mcause(v: bigint) {
    this.plainSet(12, v);
  }
  get mtval(): bigint {
    return this.plainGet(14);
  }
  set mtval(v: bigint) {
    this.plainSet(14, v);
  }
  private satpValue = 0n;
  /** satp's MODE is Sv39, and the root page table's physical address: for the page walk (numbers). */
  sv39 = false;
  satpRoot = 0;
  get satp(): bigint {
    return this.satpValue;
  }
  set satp(v: bigint) {
    this.satpValue = v;
    this.sv39 = v >> 60n === SATP_MODE_SV39;
    this.satpRoot = Number(v & ((1n << 44n) - 1n)) * 4096;
  }
  mcounteren = 0n;
  scounteren = 0n;
  menvcfg = 0n;
  senvcfg = 0n;
  mcountinhibit = 0n;
  /** WFI: the hart sleeps until an interrupt is pending. */
  waiting = false;

  constructor(private readonly host: PrivHost) {}

  reset(): void {
    this.priv = PRV_M;
    this.mstatus = UXL_SXL;
    this.medeleg = this.mideleg = this.mie = this.mip = 0;
    this.satp = 0n;
    this.waiting = false;
    this.updateFlags();
  }

  get fsOff(): boolean {
    return (this.mstatus & FS) === 0n;
  }

  /** Recomputes the TB flags word from the privilege and mstatus. */
  updateFlags(): void {
    const fs = Number((this.mstatus >> 13n) & 3n);
    let memPriv = this.priv;
    if (this.priv === PRV_M && this.mstatus & MPRV) memPriv = Number((this.mstatus >> 11n) & 3n);
    const memIdx = memPriv | (memPriv === PRV_S && this.mstatus & SUM ? 4 : 0);
    this.host.R[TB_FLAGS] = this.priv | (memIdx << TBF_MEMIDX_SHIFT) | (fs << TBF_FS_SHIFT);
  }

  get mxr(): boolean {
    return (this.mstatus & MXR) !== 0n;
  }

  markFsDirty(): void {
    this.mstatus |= FS | SD;
    this.updateFlags();
  }

  // ---- CSR access. Returns the old value; `write` is null for a read-only access.

  csr(csr: number, write: bigint | null): bigint {
    const h = this.host;
    // Privilege: bits 9:8 give the lowest privilege that may access; 11:10 = 3 means read-only.
    if (((csr >> 8) & 3) > this.priv) h.illegal();
    if (write !== null && csr >> 10 === 3) h.illegal();
    const old = this.read(csr);
    if (write !== null) this.write(csr, write);
    return old;
  }

  private counterAllowed(bit: number): void {
    if (this.priv < PRV_M && !((Number(this.mcounteren) >> bit) & 1)) this.host.illegal();
    if (this.priv < PRV_S && !((Number(this.scounteren) >> bit) & 1)) this.host.illegal();
  }

  /**
   * csrrs/csrrc of sstatus with a source that holds no bit but SIE: Linux's local_irq_save/restore/
   * enable/disable, ~280k per boot, in numbers instead of csr()'s 64-bit path. Writes the old sstatus
   * to R[out], R[out + 1]. Returns false (nothing done) when the access is not one of those, or
   * must trap: the caller then takes the general path.
   */
  csrSstatusSie(set: boolean, srcLo: number, srcHi: number, writes: boolean, R: Int32Array, out: number): boolean {
    if (srcHi !== 0 || (srcLo & ~SIE_BIT) !== 0 || this.priv < PRV_S) return false;
    const lo = this.mstatusLo;
    R[out] = lo & SSTATUS_LO;
    R[out + 1] = ((lo >>> 13) & 3) === 3 ? SSTATUS_HI | (1 << 31) : SSTATUS_HI;
    if (writes) {
      const v = set ? lo | srcLo : lo & ~srcLo;
      if (v !== lo) {
        this.mstatusLo = v;
        if (set) this.interruptMayBeDeliverable();
      }
    }
    return true;
  }

  /**
   * Any csrrw/csrrs/csrrc of [m|s][scratch, epc, cause, tval] (the caller checks the number), in
   * numbers; writes the old value to R[out], R[out + 1]. False when the privilege is too low (the
   * general path raises the fault).
   */
  csrPlain(csr: number, op: number, srcLo: number, srcHi: number, writes: boolean, R: Int32Array, out: number): boolean {
    if (((csr >> 8) & 3) > this.priv) return false;
    const P = this.plain;
    const w = (((csr >> 9) & 1) * 4 + (csr & 3)) * 2;
    const lo = P[w],
      hi = P[w + 1];
    if (writes) {
      const nlo = op === 0 ? srcLo : op === 1 ? lo | srcLo : lo & ~srcLo;
      P[w] = (csr & 3) === 1 ? nlo & ~1 : nlo; // mepc/sepc: bit 0 is always 0
      P[w + 1] = op === 0 ? srcHi : op === 1 ? hi | srcHi : hi & ~srcHi;
    }
    R[out] = lo;
    R[out + 1] = hi;
    return true;
  }

  /** rdtime (csrr rd, time), ~70k per boot, without csr()'s 64-bit path. */
  csrTime(R: Int32Array, out: number): void {
    this.counterAllowed(1);
    const t = this.host.timeTicks();
    R[out] = t | 0; // ToInt32 of a non-negative integer below 2^53 is its low word
    R[out + 1] = Math.floor(t / 4294967296) | 0;
  }

  private read(csr: number): bigint {
    const h = this.host;
    switch (csr) {
      // counters
      case 0xc00:
        this.counterAllowed(0);
        return h.instret();
      case 0xc01:
        this.counterAllowed(1);
        return BigInt(h.timeTicks());
      case 0xc02:
        this.counterAllowed(2);
        return h.instret();
      case 0xb00:
      case 0xb02:
        return h.instret();
      // supervisor
      case 0x100:
        return this.sstatus();
      case 0x104:
        return BigInt(this.mie & this.mideleg);
      case 0x105:
        return this.stvec;
      case 0x106:
        return this.scounteren;
      case 0x10a:
        return this.senvcfg;
      case 0x140:
        return this.sscratch;
      case 0x141:
        return this.sepc;
      case 0x142:
        return this.scause;
      case 0x143:
        return this.stval;
      case 0x144:
        return BigInt(this.mip & this.mideleg);
      case 0x180:
        if (this.priv === PRV_S && this.mstatus & TVM) h.illegal();
        return this.satp;
      // machine
      case 0xf11: // mvendorid
        return 0n;
      case 0xf12: // marchid, mimpid: QEMU's values (kernels look these up for errata)
      case 0xf13:
        return 0x70216n;
      case 0xf14: // mhartid
        return 0n;
      case 0xf15: // mconfigptr
        return 0n;
      case 0x300:
        return this.mstatusRead();
      case 0x301:
        return MISA;
      case 0x302:
        return BigInt(this.medeleg);
      case 0x303:
        return BigInt(this.mideleg);
      case 0x304:
        return BigInt(this.mie);
      case 0x305:
        return this.mtvec;
      case 0x306:
        return this.mcounteren;
      case 0x30a:
        return this.menvcfg;
      case 0x320:
        return this.mcountinhibit;
      case 0x340:
        return this.mscratch;
      case 0x341:
        return this.mepc;
      case 0x342:
        return this.mcause;
      case 0x343:
        return this.mtval;
      case 0x344:
        return BigInt(this.mip);
    }
    return h.illegal();
  }

  private write(csr: number, v: bigint): void {
    const h = this.host;
    const u = BigInt.asUintN(64, v);
    switch (csr) {
      case 0x100:
        this.setMstatus((this.mstatus & ~SSTATUS_MASK) | (u & SSTATUS_MASK & MSTATUS_WMASK) | UXL_SXL);
        return;
      case 0x104:
        this.mie = (this.mie & ~this.mideleg) | (Number(u & 0xfffn) & this.mideleg & MIE_MASK);
        this.interruptMayBeDeliverable();
        return;
      case 0x105:
        this.stvec = u & ~2n;
        return;
      case 0x106:
        this.scounteren = u & 7n;
        return;
      case 0x10a:
        this.senvcfg = u & 1n;
        return;
      case 0x140:
        this.sscratch = u;
        return;
      case 0x141:
        this.sepc = u & ~1n;
        return;
      case 0x142:
        this.scause = u;
        return;
      case 0x143:
        this.stval = u;
        return;
      case 0x144: {
        const m = this.mideleg & (1 << IRQ_SSI);
        this.mip = (this.mip & ~m) | (Number(u & 0xfffn) & m);
        this.interruptMayBeDeliverable();
        return;
      }
      case 0x180: {
        if (this.priv === PRV_S && this.mstatus & TVM) h.illegal();
        const mode = u >> 60n;
        // Only Sv39: a write selecting another mode has no effect at all (WARL), so a kernel probing
        // Sv57 and Sv48 falls back to Sv39 by itself.
        if (mode !== SATP_MODE_BARE && mode !== SATP_MODE_SV39) return;
        this.satp = u & ((0xfn << 60n) | ((1n << 44n) - 1n)); // MODE + PPN; ASID not kept (no ASID bits)
        h.flushTlb();
        return;
      }
      case 0x300: {
        let v = (this.mstatus & ~MSTATUS_WMASK) | (u & MSTATUS_WMASK) | UXL_SXL;
        // MPP cannot hold 2 (reserved): keep it legal.
        if (((v >> 11n) & 3n) === 2n) v &= ~MPP;
        this.setMstatus(v);
        return;
      }
      case 0x301: // misa: writes ignored (no extension can be turned off)
        return;
      case 0x302:
        this.medeleg = Number(u & 0xffffn) & MEDELEG_MASK;
        return;
      case 0x303:
        this.mideleg = Number(u & 0xfffn) & MIDELEG_MASK;
        this.interruptMayBeDeliverable();
        return;
      case 0x304:
        this.mie = Number(u & 0xfffn) & MIE_MASK;
        this.interruptMayBeDeliverable();
        return;
      case 0x305:
        this.mtvec = u & ~2n;
        return;
      case 0x306:
        this.mcounteren = u & 7n;
        return;
      case 0x30a:
        this.menvcfg = u & 1n;
        return;
      case 0x320:
        this.mcountinhibit = u & 5n;
        return;
      case 0x340:
        this.mscratch = u;
        return;
      case 0x341:
        this.mepc = u & ~1n;
        return;
      case 0x342:
        this.mcause = u;
        return;
      case 0x343:
        this.mtval = u;
        return;
      case 0x344:
        this.mip = (this.mip & ~MIP_SW_MASK) | (Number(u & 0xfffn) & MIP_SW_MASK);
        this.interruptMayBeDeliverable();
        return;
      case 0xc00:
      case 0xc01:
      case 0xc02:
      case 0xb00:
      case 0xb02:
        return; // counters: writes ignored
    }
    h.illegal();
  }

  /**
   * SUM and MPRV/MPP select other mmu indexes (see updateFlags), whose TLB entries stay valid; only
   * MXR changes what an existing entry allows, so only it flushes the TLB.
   */
  private setMstatus(v: bigint): void {
    const changed = v ^ this.mstatus;
    this.mstatus = v;
    this.fixSd();
    this.updateFlags();
    if (changed & MXR) this.host.flushTlb();
    if (changed & (MIE | SIE)) this.interruptMayBeDeliverable();
  }

  /** Leaves the TB loop only if an interrupt can now be taken (the kernel toggles SIE constantly). */
  private interruptMayBeDeliverable(): void {
    if (this.pendingInterrupt() >= 0) this.host.requestExit();
  }

  private fixSd(): void {
    if ((this.mstatus & FS) === FS) this.mstatus |= SD;
    else this.mstatus &= ~SD;
  }
  private mstatusRead(): bigint {
    return this.mstatus;
  }
  private sstatus(): bigint {
    return this.mstatus & SSTATUS_MASK;
  }

  // ---- traps

  /** Enters the trap handler for an exception (interrupt = false) or an interrupt. */
  trap(cause: number, tval: bigint, interrupt: boolean): void {
    const R = this.host.R;
    const pc = (BigInt(R[PC + 1] >>> 0) << 32n) | BigInt(R[PC] >>> 0);
    const deleg = interrupt ? this.mideleg : this.medeleg;
    const toS = this.priv <= PRV_S && ((deleg >> cause) & 1) !== 0;
    const causeVal = interrupt ? (1n << 63n) | BigInt(cause) : BigInt(cause);
    let target: bigint;
    if (toS) {
      this.scause = causeVal;
      this.sepc = pc;
      this.stval = tval;
      let s = this.mstatus;
      s = this.mstatus & SIE ? s | SPIE : s & ~SPIE;
      s = this.priv === PRV_S ? s | SPP : s & ~SPP;
      this.mstatus = s & ~SIE;
      this.priv = PRV_S;
      target = this.vector(this.stvec, cause, interrupt);
    } else {
      this.mcause = causeVal;
      this.mepc = pc;
      this.mtval = tval;
      let s = this.mstatus;
      s = this.mstatus & MIE ? s | MPIE : s & ~MPIE;
      s = (s & ~MPP) | (BigInt(this.priv) << 11n);
      this.mstatus = s & ~MIE;
      this.priv = PRV_M;
      target = this.vector(this.mtvec, cause, interrupt);
    }
    this.setPc(target);
    this.updateFlags();
  }

  private vector(tvec: bigint, cause: number, interrupt: boolean): bigint {
    const base = tvec & ~3n;
    return interrupt && (tvec & 3n) === 1n ? base + 4n * BigInt(cause) : base;
  }

  private setPc(v: bigint): void {
    const R = this.host.R;
    R[PC] = Number(BigInt.asIntN(32, v));
    R[PC + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }

  /** mret: returns the new pc (the helper writes it). */
  mret(): bigint {
    if (this.priv !== PRV_M) this.host.illegal();
    const mpp = Number((this.mstatus >> 11n) & 3n);
    let s = this.mstatus;
    s = s & MPIE ? s | MIE : s & ~MIE;
    s |= MPIE;
    s &= ~MPP; // MPP <- U
    if (mpp !== PRV_M) s &= ~MPRV;
    this.mstatus = s;
    this.priv = mpp;
    this.updateFlags();
    this.interruptMayBeDeliverable();
    return this.mepc;
  }

  sret(): bigint {
    if (this.priv < PRV_S || (this.priv === PRV_S && this.mstatus & TSR)) this.host.illegal();
    const spp = this.mstatus & SPP ? PRV_S : PRV_U;
    let s = this.mstatus;
    s = s & SPIE ? s | SIE : s & ~SIE;
    s |= SPIE;
    s &= ~SPP;
    s &= ~MPRV;
    this.mstatus = s;
    this.priv = spp;
    this.updateFlags();
    this.interruptMayBeDeliverable();
    return this.sepc;
  }

  wfi(): void {
    if (this.priv === PRV_U || (this.priv === PRV_S && this.mstatus & TW)) this.host.illegal();
    this.waiting = true;
    this.host.requestExit();
  }

  /** The interrupt to take now, or -1. */
  pendingInterrupt(): number {
    const pending = this.mip & this.mie;
    if (!pending) return -1;
    const mEnabled = this.priv < PRV_M || (this.mstatusLo & MIE_BIT) !== 0;
    const sEnabled = this.priv < PRV_S || (this.priv === PRV_S && (this.mstatusLo & SIE_BIT) !== 0);
    const m = mEnabled ? pending & ~this.mideleg : 0;
    const s = sEnabled ? pending & this.mideleg : 0;
    for (const irq of PRIORITY) if (m & (1 << irq)) return irq;
    for (const irq of PRIORITY) if (s & (1 << irq)) return irq;
    return -1;
  }

  /** Devices drive these mip bits. */
  setPending(bit: number, level: boolean): void {
    const old = this.mip;
    this.mip = level ? this.mip | (1 << bit) : this.mip & ~(1 << bit);
    if (this.mip !== old && level) {
      if (this.mie & (1 << bit)) this.waiting = false;
      this.interruptMayBeDeliverable();
    }
  }

  /** WFI ends when any interrupt is pending and enabled in mie, whatever the global enables. */
  get wakeable(): boolean {
    return (this.mip & this.mie) !== 0;
  }
}

export { Excp };
