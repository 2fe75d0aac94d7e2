// The system-mode CPU's MMU glue: the softmmu's TLB misses (QEMU's arm_cpu_tlb_fill) and the
// translator's code fetches go through the VMSA walker of mmu.ts with the cp15 registers, and
// faults become prefetch and data aborts with QEMU's FSR encodings (arm_deliver_fault: the FSR in
// the exception's auxHi, the address in aux, WnR for writes). One TLB per privilege (mmu index 0 =
// PL0, 1 = PL1) of the one PL1&0 regime; the CPU flushes both on TLB maintenance and on writes of
// the registers a walk reads. Physical addresses that are neither RAM nor a device are external
// aborts (decode errors, ExT = 0, as arm_extabort_type gives for unassigned memory).
import { Access, PAGE_SIZE, type MmuHooks, type Softmmu } from "../../mem/softmmu.ts";
import type { ArmCp15 } from "./cp15.ts";
import { Excp, TBF_MMUIDX_MASK, TBF_MMUIDX_SHIFT } from "./cpu-state.ts";
import type { ArmSystemHost } from "./system-host.ts";
import { ArmTranslation, MMU_FETCH, MMU_LOAD, MMU_STORE, PROT_READ, PROT_WRITE, TTBCR_EAE, armTranslate } from "./mmu.ts";

/** DFSR/IFSR bit 11: the abort was a write. */
const FSR_WNR = 1 << 11;
/** A code-fetch cache entry count (direct mapped by virtual page). */
const CODE_CACHE = 256;

export class ArmSystemMmu implements MmuHooks {
  private readonly t = new ArmTranslation();
  private readonly read32: (pa: number) => number | null;
  /** Virtual page (+ PL bit) → RAM offset of recent code translations: TB lookups check the code's page on every miss. */
  private readonly codeTag = new Int32Array(CODE_CACHE).fill(-1);
  private readonly codeOff = new Int32Array(CODE_CACHE);

  constructor(
    private readonly regs: ArmCp15,
    private readonly softmmu: Softmmu,
    private readonly host: ArmSystemHost,
    private readonly raise: (excp: number, aux: number, auxHi: number, retaddr: number) => never,
  ) {
    this.read32 = (pa) => host.readPhys32(pa);
  }

  flushCodeCache(): void {
    this.codeTag.fill(-1);
  }

  /** Forgets the code translation of one virtual page (TLBIMVA and friends). */
  flushCodePage(va: number): void {
    this.codeTag[(va >>> 12) & (CODE_CACHE - 1)] = -1;
  }

  private get longFormat(): boolean {
    return (this.regs.ttbcr & TTBCR_EAE) !== 0;
  }

  tlbFill(lo: number, _hi: number, access: Access, mmuIdx: number, retaddr: number): void {
    const t = this.t;
    const write = access === Access.Write;
    const acc = write ? MMU_STORE : access === Access.Fetch ? MMU_FETCH : MMU_LOAD;
    if (!armTranslate(this.regs, lo, acc, mmuIdx === 0, 0, this.read32, t))
      this.raise(Excp.DataAbort, lo, t.fsr | (write ? FSR_WNR : 0), retaddr);
    const pa = t.pa - (t.pa % PAGE_SIZE);
    const read = (t.prot & PROT_READ) !== 0,
      wr = (t.prot & PROT_WRITE) !== 0;
    const ramOff = this.host.phys.ramOffset(pa);
    if (ramOff >= 0) {
      this.softmmu.setEntry(mmuIdx, lo, 0, ramOff, read, wr);
      return;
    }
    const d = pa < 0x1_0000_0000 ? this.host.phys.device(pa) : null;
    if (d === null) this.raise(Excp.DataAbort, lo, this.externalFsr() | (write ? FSR_WNR : 0), retaddr);
    this.softmmu.setIoEntry(mmuIdx, lo, 0, d.dev, d.pageOffset, read, wr);
  }

  unaligned(lo: number, _hi: number, access: Access, _mmuIdx: number, retaddr: number): never {
    return this.raise(Excp.DataAbort, lo, (this.longFormat ? 0x221 : 0x1) | (access === Access.Write ? FSR_WNR : 0), retaddr);
  }

  /** A synchronous external abort's FSR (short 0x8, long 0x10 with the LPAE bit). */
  private externalFsr(): number {
    return this.longFormat ? 0x210 : 0x8;
  }

  /** RAM offset of the code byte at va under the TB flags' privilege, or -1 (fault, or not RAM). */
  codeRamOffset(va: number, flags: number): number {
    const user = (flags & TBF_MMUIDX_MASK) >>> TBF_MMUIDX_SHIFT === 0;
    const vpage = va >>> 12;
    const i = vpage & (CODE_CACHE - 1);
    const tag = (vpage << 1) | (user ? 1 : 0);
    if (this.codeTag[i] === tag) return this.codeOff[i] + (va & 0xfff);
    const t = this.t;
    if (!armTranslate(this.regs, va, MMU_FETCH, user, 0, this.read32, t)) return -1;
    const off = this.host.phys.ramOffset(t.pa - (t.pa % PAGE_SIZE));
    if (off < 0) return -1;
    this.codeTag[i] = tag;
    this.codeOff[i] = off;
    return off + (va & 0xfff);
  }

  /** The prefetch abort for an address codeRamOffset rejected. */
  fetchFault(va: number, flags: number): never {
    const user = (flags & TBF_MMUIDX_MASK) >>> TBF_MMUIDX_SHIFT === 0;
    const t = this.t;
    if (!armTranslate(this.regs, va, MMU_FETCH, user, 0, this.read32, t)) return this.raise(Excp.PrefetchAbort, va, t.fsr, -1);
    return this.raise(Excp.PrefetchAbort, va, this.externalFsr(), -1);
  }

  /** The debugger's translation (no fault raised): a load, else a fetch, as `user`, then at PL1; -1 if none. */
  debugTranslate(va: number, user: boolean): number {
    const t = new ArmTranslation();
    for (const u of user ? [true, false] : [false])
      for (const acc of [MMU_LOAD, MMU_FETCH] as const) if (armTranslate(this.regs, va, acc, u, 0, this.read32, t)) return t.pa;
    return -1;
  }

  /** ATS1C**: the PAR for a translation of va (do_ats_write). */
  addressTranslate(va: number, write: boolean, user: boolean): { parLo: number; parHi: number } {
    const t = new ArmTranslation();
    armTranslate(this.regs, va, write ? MMU_STORE : MMU_LOAD, user, 0, this.read32, t);
    return { parLo: t.parLo | 0, parHi: t.parHi | 0 };
  }
}
