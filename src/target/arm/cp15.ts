// The AArch32 system registers (cp15, and the cp14 debug registers) of the system-mode Cortex-A15,
// as QEMU 10.0 defines them for `-M virt -cpu cortex-a15` (no EL2, no EL3): target/arm/helper.c's
// cp_reginfo tables (v6_cp_reginfo, v7_cp_reginfo, vmsa_cp_reginfo, vmsa_pmsa_cp_reginfo,
// lpae_cp_reginfo, generic_timer_cp_reginfo, the ID registers of register_cp_regs_for_features),
// target/arm/tcg/cpu32.c's cortexa15_cp_reginfo, and debug_helper.c's debug_cp_reginfo.
//
// A register is found by its packed key (cpKey in translate-system.ts) in one Map; a register that
// is missing, or whose access at the current privilege is not allowed, is UNDEFINED (the CPU raises
// the exception). Registers are 32-bit unless the key has the 64-bit bit (MRRC/MCRR forms).
// Cache maintenance and barriers are NOPs (there are no caches); TLB maintenance, and writes of
// the registers a translation depends on (SCTLR, TTBR0/1, TTBCR, DACR, PRRR/NMRR, CONTEXTIDR),
// flush the softmmu through the host (a TLB without ASIDs, so context switches flush too).
import { TIMER_PHYS as GT_PHYS, TIMER_VIRT as GT_VIRT, type ArmTimerId as GtTimer, type ArmTimerRegs } from "./system-host.ts";
import type { ArmMmuRegs } from "./mmu.ts";

/** The key of a coprocessor register: (64-bit, cp, opc1, CRn, CRm, opc2) packed into one number. */
export function cpKey(cp: number, is64: boolean, opc1: number, crn: number, crm: number, opc2: number): number {
  return ((is64 ? 1 : 0) << 20) | (cp << 16) | (opc1 << 12) | (crn << 8) | (crm << 4) | opc2;
}

/** c7 cache maintenance by MVA or set/way, and the v6 WFI encoding: writes that do nothing (QEMU's ARM_CP_NOP at PL1). */
const CACHE_OPS: ReadonlyArray<readonly [number, number]> = [
  [1, 0], // ICIALLUIS
  [1, 6], // BPIALLIS
  [5, 0], // ICIALLU
  [5, 1], // ICIMVAU
  [5, 6], // BPIALL
  [5, 7], // BPIMVA
  [6, 1], // DCIMVAC
  [6, 2], // DCISW
  [10, 1], // DCCMVAC
  [10, 2], // DCCSW
  [11, 1], // DCCMVAU
  [14, 1], // DCCIMVAC
  [14, 2], // DCCISW
  [0, 4], // the v6 WFI encoding: a NOP on v7
];
export const CP15_NOP_WRITES: ReadonlySet<number> = new Set(
  [...CACHE_OPS, [10, 4], [10, 5]].map(([crm, opc2]) => cpKey(15, false, 0, 7, crm, opc2)), // + CP15DSB, CP15DMB
);

/** Read-only constant registers at PL1: the translator reads them as constants (Linux reads CTR in every cache-maintenance loop). */
export const CP15_CONST_READS: ReadonlyMap<number, number> = new Map([
  [cpKey(15, false, 0, 0, 0, 0), 0x414fc0f0], // MIDR
  [cpKey(15, false, 0, 0, 0, 1), 0x8444c004], // CTR
  [cpKey(15, false, 0, 0, 0, 5), 0x80000000 | 0], // MPIDR
  [cpKey(15, false, 1, 0, 0, 1), 0x0a200023], // CLIDR
]);

/** What the registers need from the CPU around them. */
export interface Cp15Host {
  readonly timer: ArmTimerRegs;
  /** Every TLB entry and the jump cache (a translation-relevant register changed). */
  flushTlb(): void;
  /** The entries of one virtual page. */
  flushTlbPage(va: number): void;
  /** SCTLR.A/CPACR changed something the TB flags hold. */
  flagsChanged(): void;
  /** ATS1C{P,U}{R,W}: translates va and leaves the result in PAR. */
  addressTranslate(va: number, write: boolean, user: boolean): { parLo: number; parHi: number };
  /** ISR: the A, I and F bits of the pending interrupts. */
  isr(): number;
}

/** One register: how PL1 and PL0 read and write it. */
interface Reg {
  read?: () => number;
  write?: (v: number, hi: number) => void;
  /** 64-bit reads put the high word here. */
  pl0Read?: () => boolean;
  pl0Write?: boolean;
}

/** cortex_a15_initfn's ID values with -M virt's EL2/EL3 removed and neon=off,vfp-d32=off. */
export const A15_MIDR = CP15_CONST_READS.get(cpKey(15, false, 0, 0, 0, 0))!;
const A15_CTR = CP15_CONST_READS.get(cpKey(15, false, 0, 0, 0, 1))!;
const A15_CLIDR = CP15_CONST_READS.get(cpKey(15, false, 1, 0, 0, 1))!;
const A15_CCSIDR = [0x701fe00a, 0x201fe00a, 0x711fe07a];
const ID_REGS: Record<string, number> = {
  "1:0": 0x00001131, // ID_PFR0
  "1:1": 0x00010001, // ID_PFR1 (QEMU clears Security and Virtualization without EL3/EL2)
  "1:2": 0x02010555, // ID_DFR0
  "1:3": 0, // ID_AFR0
  "1:4": 0x10201105, // ID_MMFR0
  "1:5": 0x20000000, // ID_MMFR1
  "1:6": 0x01240000, // ID_MMFR2
  "1:7": 0x02102211, // ID_MMFR3
  "2:0": 0x02101110, // ID_ISAR0
  "2:1": 0x13112111, // ID_ISAR1
  "2:2": 0x21232041, // ID_ISAR2
  "2:3": 0x11112131, // ID_ISAR3
  "2:4": 0x10011142, // ID_ISAR4
  "2:5": 0, // ID_ISAR5
};
const CPACR_RAO = 0xc0000000 | 0;
/** SCTLR bits software can change on this CPU (v7: the RES1/RAO bits stay). */
const SCTLR_RESET = 0x00c50078;
/** SCTLR.A (alignment checks), .V (high vectors), .TE (Thumb exceptions), .EE. */
export const SCTLR_A = 1 << 1;
export const SCTLR_V = 1 << 13;
export const SCTLR_EE = 1 << 25;
export const SCTLR_TE = 1 << 30;

/** The cp15 registers with state, in the order snapshots store them (src/hw/arm-virt-snapshot.ts). */
export const CP15_STATE_FIELDS = [
  "sctlr",
  "ttbcr",
  "ttbr0",
  "ttbr0Hi",
  "ttbr1",
  "ttbr1Hi",
  "dacr",
  "prrr",
  "nmrr",
  "cpacr",
  "dfsr",
  "ifsr",
  "dfar",
  "ifar",
  "parLo",
  "parHi",
  "vbar",
  "contextidr",
  "csselr",
  "amair0",
  "amair1",
  "pmcr",
  "pmcnten",
  "pmovsr",
  "pmselr",
  "pmuserenr",
  "pminten",
  "pmccntr",
  "pmxevtyper",
] as const;

/** The state of ArmCp15 as plain values (snapshots). */
export interface ArmCp15State {
  /** CP15_STATE_FIELDS' values, in that order. */
  fields: number[];
  /** The stored cp14 debug registers: [key, value]. */
  debug: [number, number][];
}

export class ArmCp15 implements ArmMmuRegs {
  sctlr = SCTLR_RESET;
  ttbcr = 0;
  ttbr0 = 0;
  ttbr0Hi = 0;
  ttbr1 = 0;
  ttbr1Hi = 0;
  dacr = 0;
  prrr = 0;
  nmrr = 0;
  /** ASEDIS and D32DIS read as one: no Advanced SIMD, 16 D registers (cpacr_write). */
  cpacr = CPACR_RAO;
  dfsr = 0;
  ifsr = 0;
  dfar = 0;
  ifar = 0;
  parLo = 0;
  parHi = 0;
  vbar = 0;
  contextidr = 0;
  csselr = 0;
  amair0 = 0;
  amair1 = 0;
  /** PMU registers Linux may touch (no counters count: QEMU's counters are not modelled here). */
  pmcr = 0x41002000;
  pmcnten = 0;
  pmovsr = 0;
  pmselr = 0;
  pmuserenr = 0;
  pminten = 0;
  pmccntr = 0;
  pmxevtyper = 0;
  /** cp14 debug registers software stores (breakpoint/watchpoint value and control): RAZ/WI otherwise. */
  private readonly debugRegs = new Map<number, number>();
  /** The high word of the last 64-bit read. */
  hi = 0;
  private readonly regs = new Map<number, Reg>();

  constructor(private readonly host: Cp15Host) {
    this.define();
  }

  reset(): void {
    this.sctlr = SCTLR_RESET;
    this.ttbcr = this.ttbr0 = this.ttbr0Hi = this.ttbr1 = this.ttbr1Hi = this.dacr = this.prrr = this.nmrr = 0;
    this.cpacr = CPACR_RAO;
    this.dfsr = this.ifsr = this.dfar = this.ifar = this.parLo = this.parHi = this.vbar = 0;
    this.contextidr = this.csselr = this.amair0 = this.amair1 = 0;
    this.pmcr = 0x41002000;
    this.pmcnten = this.pmovsr = this.pmselr = this.pmuserenr = this.pminten = this.pmccntr = this.pmxevtyper = 0;
    this.debugRegs.clear();
  }

  /** The registers' state (snapshots). */
  saveState(): ArmCp15State {
    return { fields: CP15_STATE_FIELDS.map((k) => this[k]), debug: [...this.debugRegs] };
  }

  /** Restores saveState()'s values; the caller flushes TLBs and rebuilds its flags. */
  loadState(s: ArmCp15State): void {
    CP15_STATE_FIELDS.forEach((k, i) => (this[k] = s.fields[i] | 0));
    this.debugRegs.clear();
    for (const [k, v] of s.debug) this.debugRegs.set(k, v | 0);
  }

  /** A register read (MRC, or MRRC with the high word in `hi`); undefined: UNDEFINED. */
  read(key: number, pl0: boolean): number | undefined {
    const r = this.regs.get(key) ?? this.fallbackCached(key);
    if (r === undefined || r.read === undefined) return undefined;
    if (pl0 && !(r.pl0Read?.() ?? false)) return undefined;
    this.hi = 0;
    return r.read() | 0;
  }

  /** A register write; false: UNDEFINED. */
  write(key: number, value: number, hi: number, pl0: boolean): boolean {
    const r = this.regs.get(key) ?? this.fallbackCached(key);
    if (r === undefined || r.write === undefined) return false;
    if (pl0 && !r.pl0Write) return false;
    r.write(value | 0, hi | 0);
    return true;
  }

  /** fallback() once per key (the kernel's c15/cp14 accesses repeat). */
  private fallbackCached(key: number): Reg | undefined {
    const r = this.fallback(key);
    if (r !== undefined) this.regs.set(key, r);
    return r;
  }

  /** Registers defined by ranges: the IMPDEF c15 space, the ID space's reserved words, cp14 debug. */
  private fallback(key: number): Reg | undefined {
    const is64 = (key >>> 20) & 1,
      cp = (key >>> 16) & 0xf,
      opc1 = (key >>> 12) & 0xf,
      crn = (key >>> 8) & 0xf,
      crm = (key >>> 4) & 0xf;
    if (is64) return undefined;
    // ARM_FEATURE_DUMMY_C15_REGS: all of c15 is RAZ/WI at PL1 (the CBAR is defined separately).
    if (cp === 15 && crn === 15) return { read: () => 0, write: () => {} };
    // The v6/v7 ID space: unallocated words of c0, opc1 0, crm 3..7 read as zero (QEMU's RAZ entries).
    if (cp === 15 && crn === 0 && opc1 === 0 && crm >= 3) return { read: () => 0 };
    // The v7.1 debug registers (debug_cp_reginfo, define_debug_regs): breakpoint and watchpoint
    // value/control registers store what is written; the rest of cp14 opc1 0 is RAZ/WI.
    if (cp === 14 && opc1 === 0) {
      const m = this.debugRegs;
      // DBGDSCRint (c0, c1, 0) is a read-only view of DBGDSCRext (c0, c2, 2): Linux sets MDBGen
      // through the latter and checks it through the former (enable_monitor_mode).
      if (crn === 0 && crm === 1 && (key & 0xf) === 0) return { read: () => m.get(cpKey(14, false, 0, 0, 2, 2)) ?? 0, pl0Read: () => true };
      return { read: () => m.get(key) ?? 0, write: (v) => void m.set(key, v) };
    }
    return undefined;
  }

  private define(): void {
    const h = this.host;
    const R = this.regs;
    const def = (opc1: number, crn: number, crm: number, opc2: number, r: Reg) => R.set(cpKey(15, false, opc1, crn, crm, opc2), r);
    const def64 = (opc1: number, crm: number, r: Reg) => R.set(cpKey(15, true, opc1, 0, crm, 0), r);
    const ro = (v: number): Reg => ({ read: () => v });
    const nop: Reg = { write: () => {} };
    const always = () => true;

    // ---- c0: identification
    def(0, 0, 0, 0, ro(A15_MIDR));
    def(0, 0, 0, 1, ro(A15_CTR));
    def(0, 0, 0, 2, ro(0)); // TCMTR
    def(0, 0, 0, 3, ro(0)); // TLBTR
    def(0, 0, 0, 4, ro(A15_MIDR)); // an alias of MIDR (QEMU's MIDR crm 0 opc2 4 and 7)
    def(0, 0, 0, 5, ro(CP15_CONST_READS.get(cpKey(15, false, 0, 0, 0, 5))!)); // MPIDR: multiprocessor format, CPU 0, not uniprocessor
    def(0, 0, 0, 6, ro(0)); // REVIDR
    def(0, 0, 0, 7, ro(A15_MIDR));
    for (const [k, v] of Object.entries(ID_REGS)) {
      const [crm, opc2] = k.split(":").map(Number);
      def(0, 0, crm, opc2, ro(v));
    }
    for (let opc2 = 6; opc2 < 8; opc2++) def(0, 0, 2, opc2, ro(0));
    def(1, 0, 0, 0, { read: () => A15_CCSIDR[((this.csselr & 1) === 1 ? 1 : 0) + ((this.csselr >>> 1) & 7 ? 2 : 0)] ?? 0 }); // CCSIDR
    def(1, 0, 0, 1, ro(A15_CLIDR));
    def(1, 0, 0, 7, ro(0)); // AIDR
    def(2, 0, 0, 0, { read: () => this.csselr, write: (v) => (this.csselr = v & 0xf) }); // CSSELR

    // ---- c1: system control
    const mmuWrite = (set: (v: number) => void) => (v: number) => {
      set(v);
      h.flushTlb();
    };
    def(0, 1, 0, 0, {
      read: () => this.sctlr,
      write: mmuWrite((v) => {
        this.sctlr = v;
        h.flagsChanged();
      }),
    });
    def(0, 1, 0, 1, { read: () => 0, write: () => {} }); // ACTLR (cortexa15: RAZ/WI at PL1)
    def(0, 1, 0, 2, {
      // CPACR: cp10/cp11 access (ASEDIS/D32DIS are RAO without Neon and D32)
      read: () => this.cpacr,
      write: (v) => {
        this.cpacr = (v & 0x00f00000) | CPACR_RAO;
        h.flagsChanged();
      },
    });
    def(0, 1, 1, 2, ro(0xc00)); // NSACR: cp10/cp11 accessible (no EL3: QEMU's const 0xc00)

    // ---- c2, c3: translation tables and domains
    def(0, 2, 0, 0, { read: () => this.ttbr0, write: mmuWrite((v) => ((this.ttbr0 = v), (this.ttbr0Hi = 0))) });
    def(0, 2, 0, 1, { read: () => this.ttbr1, write: mmuWrite((v) => ((this.ttbr1 = v), (this.ttbr1Hi = 0))) });
    // vmsa_ttbcr_write without EL3: N only in the short format; the long format's UNK/SBZP bits cleared.
    def(0, 2, 0, 2, {
      read: () => this.ttbcr,
      write: mmuWrite((v) => (this.ttbcr = v & (1 << 31) ? v & ~((7 << 19) | (3 << 14) | (0xf << 3)) : v & 7)),
    });
    def64(0, 2, {
      read: () => ((this.hi = this.ttbr0Hi), this.ttbr0),
      write: (lo, hi) => {
        this.ttbr0 = lo;
        this.ttbr0Hi = hi;
        h.flushTlb();
      },
    });
    def64(1, 2, {
      read: () => ((this.hi = this.ttbr1Hi), this.ttbr1),
      write: (lo, hi) => {
        this.ttbr1 = lo;
        this.ttbr1Hi = hi;
        h.flushTlb();
      },
    });
    def(0, 3, 0, 0, { read: () => this.dacr, write: mmuWrite((v) => (this.dacr = v)) });

    // ---- c5, c6: fault status and address
    def(0, 5, 0, 0, { read: () => this.dfsr, write: (v) => (this.dfsr = v) });
    def(0, 5, 0, 1, { read: () => this.ifsr, write: (v) => (this.ifsr = v) });
    def(0, 5, 1, 0, { read: () => 0, write: () => {} }); // ADFSR
    def(0, 5, 1, 1, { read: () => 0, write: () => {} }); // AIFSR
    def(0, 6, 0, 0, { read: () => this.dfar, write: (v) => (this.dfar = v) });
    def(0, 6, 0, 2, { read: () => this.ifar, write: (v) => (this.ifar = v) });

    // ---- c7: cache maintenance (NOPs), barriers, PAR and address translation
    for (const [crm, opc2] of CACHE_OPS) def(0, 7, crm, opc2, nop);
    for (const [crm, opc2] of [
      [5, 4], // CP15ISB
      [10, 4], // CP15DSB
      [10, 5], // CP15DMB
    ])
      def(0, 7, crm, opc2, { write: () => {}, pl0Write: true });
    def(0, 7, 4, 0, { read: () => this.parLo, write: (v) => ((this.parLo = v), (this.parHi = 0)) });
    def64(0, 7, {
      read: () => ((this.hi = this.parHi), this.parLo),
      write: (lo, hi) => ((this.parLo = lo), (this.parHi = hi)),
    });
    for (let opc2 = 0; opc2 < 4; opc2++)
      def(0, 7, 8, opc2, {
        write: (va) => {
          const r = h.addressTranslate(va, (opc2 & 1) !== 0, opc2 >= 2);
          this.parLo = r.parLo;
          this.parHi = r.parHi;
        },
      });

    // ---- c8: TLB maintenance
    const all: Reg = { write: () => h.flushTlb() };
    const page: Reg = { write: (v) => h.flushTlbPage(v) };
    for (const crm of [3, 5, 6, 7]) {
      def(0, 8, crm, 0, all); // TLBIALL(IS), ITLBIALL, DTLBIALL
      def(0, 8, crm, 1, page); // TLBIMVA(IS)
      def(0, 8, crm, 2, all); // TLBIASID(IS): no ASID tags, so everything
      def(0, 8, crm, 3, page); // TLBIMVAA(IS)
      def(0, 8, crm, 5, page); // TLBIMVAL(IS)
      def(0, 8, crm, 7, page); // TLBIMVAAL(IS)
    }

    // ---- c9: PMU (PMCR, enables, overflow, select, cycle counter) and the L2 control registers
    const pmuPl0 = () => (this.pmuserenr & 1) !== 0;
    def(0, 9, 12, 0, { read: () => this.pmcr, write: (v) => (this.pmcr = (this.pmcr & ~0x39) | (v & 0x39)), pl0Read: pmuPl0 });
    def(0, 9, 12, 1, { read: () => this.pmcnten, write: (v) => (this.pmcnten |= v & 0x8000003f), pl0Read: pmuPl0 });
    def(0, 9, 12, 2, { read: () => this.pmcnten, write: (v) => (this.pmcnten &= ~v), pl0Read: pmuPl0 });
    def(0, 9, 12, 3, { read: () => this.pmovsr, write: (v) => (this.pmovsr &= ~v), pl0Read: pmuPl0 });
    def(0, 9, 12, 4, { write: () => {} }); // PMSWINC
    def(0, 9, 12, 5, { read: () => this.pmselr, write: (v) => (this.pmselr = v & 0x1f), pl0Read: pmuPl0 });
    def(0, 9, 12, 6, ro(0x6000000)); // PMCEID0 (QEMU's for a15's event list: SW_INCR... simplified)
    def(0, 9, 12, 7, ro(0)); // PMCEID1
    def(0, 9, 13, 0, { read: () => this.pmccntr, write: (v) => (this.pmccntr = v), pl0Read: pmuPl0 });
    def(0, 9, 13, 1, { read: () => this.pmxevtyper, write: (v) => (this.pmxevtyper = v), pl0Read: pmuPl0 });
    def(0, 9, 13, 2, { read: () => 0, write: () => {}, pl0Read: pmuPl0 }); // PMXEVCNTR
    def(0, 9, 14, 0, { read: () => this.pmuserenr, write: (v) => (this.pmuserenr = v & 1), pl0Read: always });
    def(0, 9, 14, 1, { read: () => this.pminten, write: (v) => (this.pminten |= v) });
    def(0, 9, 14, 2, { read: () => this.pminten, write: (v) => (this.pminten &= ~v) });
    def(1, 9, 0, 2, { read: () => 0, write: () => {} }); // L2CTLR: one core
    def(1, 9, 0, 3, { read: () => 0, write: () => {} }); // L2ECTLR

    // ---- c10: memory attributes
    def(0, 10, 2, 0, { read: () => this.prrr, write: mmuWrite((v) => (this.prrr = v)) });
    def(0, 10, 2, 1, { read: () => this.nmrr, write: mmuWrite((v) => (this.nmrr = v)) });
    def(0, 10, 3, 0, { read: () => this.amair0, write: (v) => (this.amair0 = v) });
    def(0, 10, 3, 1, { read: () => this.amair1, write: (v) => (this.amair1 = v) });
    for (let opc2 = 0; opc2 < 8; opc2++) def(0, 10, 0, opc2, { read: () => 0, write: () => {} }); // TLB lockdown

    // ---- c12: vectors and interrupt status
    def(0, 12, 0, 0, { read: () => this.vbar, write: (v) => (this.vbar = v & ~0x1f) });
    def(0, 12, 1, 0, { read: () => h.isr() });

    // ---- c13: process, context and thread IDs (TPIDRURW/TPIDRURO/TPIDRPRW live in the CPU state)
    def(0, 13, 0, 0, { read: () => 0, write: () => {} }); // FCSEIDR: no FCSE
    def(0, 13, 0, 1, { read: () => this.contextidr, write: mmuWrite((v) => (this.contextidr = v)) });

    // ---- c14: the generic timer (generic_timer_cp_reginfo; PL0 access per CNTKCTL)
    const t = h.timer;
    def(0, 14, 0, 0, { read: () => t.cntfrq, write: (v) => (t.cntfrq = v), pl0Read: () => t.pl0CanReadFrequency() });
    def(0, 14, 1, 0, { read: () => t.cntkctl, write: (v) => (t.cntkctl = v & 0x30f) });
    const timerRegs = (crm: number, which: GtTimer) => {
      const pl0 = () => t.pl0CanAccessTimer(which);
      def(0, 14, crm, 0, { read: () => t.readTval(which), write: (v) => t.writeTval(which, v), pl0Read: pl0, pl0Write: false });
      def(0, 14, crm, 1, { read: () => t.readCtl(which), write: (v) => t.writeCtl(which, v), pl0Read: pl0, pl0Write: false });
    };
    timerRegs(2, GT_PHYS);
    timerRegs(3, GT_VIRT);
    const pair = new Int32Array(2);
    const counter = (which: GtTimer): Reg => ({
      // sched_clock reads CNTVCT all the time: no BigInt on this path.
      read: () => {
        t.readCounterInto(which, pair, 0, 1);
        this.hi = pair[1];
        return pair[0];
      },
      pl0Read: () => t.pl0CanReadCounter(which),
    });
    def64(0, 14, counter(GT_PHYS)); // CNTPCT
    def64(1, 14, counter(GT_VIRT)); // CNTVCT
    const cval = (which: GtTimer): Reg => ({
      read: () => {
        const v = t.readCval(which);
        this.hi = Number(BigInt.asIntN(32, v >> 32n));
        return Number(BigInt.asIntN(32, v));
      },
      write: (lo, hi) => t.writeCval(which, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)),
      pl0Read: () => t.pl0CanAccessTimer(which),
    });
    def64(2, 14, cval(GT_PHYS)); // CNTP_CVAL
    def64(3, 14, cval(GT_VIRT)); // CNTV_CVAL

    // ---- c15: the Cortex-A15's CBAR (the GIC's base: QEMU virt's reset-cbar), read-only
    def(4, 15, 0, 0, ro(0x08000000));

    // ---- cp14: the debug ID register (the rest is in fallback)
    R.set(cpKey(14, false, 0, 0, 0, 0), { read: () => 0x3515f021, pl0Read: always }); // DBGDIDR
    R.set(cpKey(14, false, 0, 1, 0, 0), { read: () => 0, pl0Read: always }); // DBGDRAR
    R.set(cpKey(14, false, 0, 2, 0, 0), { read: () => 0, pl0Read: always }); // DBGDSAR
    R.set(cpKey(14, true, 0, 0, 1, 0), { read: () => 0, pl0Read: always }); // DBGDRAR (64-bit)
    R.set(cpKey(14, true, 0, 0, 2, 0), { read: () => 0, pl0Read: always }); // DBGDSAR (64-bit)
    R.set(cpKey(14, false, 6, 1, 0, 0), { read: () => 0, write: () => {}, pl0Read: always, pl0Write: true }); // TEEHBR
  }
}
