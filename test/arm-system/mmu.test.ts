// The ARMv7 MMU walker on hand-built page tables: every short-descriptor type (section,
// supersection with PA[39:32], large and small pages), domains, AP/APX and the AFE model, XN/PXN,
// WXN/UWXN, the TTBR0/TTBR1 split and PD0/PD1, TEX/C/B and TEX remap memory types; LPAE walks of
// 1, 2 and 3 levels, the T0SZ/T1SZ split and its gap, EPD, table attributes, the access flag,
// Device alignment, address-size faults; external aborts on the walk; and the DFSR/IFSR and PAR
// encodings of each. mmu-qemu.test.ts checks thousands of random tables against QEMU itself.
import { describe, expect, test } from "vitest";
import {
  ArmTranslation,
  armTranslate,
  FAULT_ACCESS_FLAG,
  FAULT_ADDRESS_SIZE,
  FAULT_ALIGNMENT,
  FAULT_DOMAIN,
  FAULT_EXTERNAL_ON_WALK,
  FAULT_PERMISSION,
  FAULT_TRANSLATION,
  MEM_DEVICE,
  MEM_NORMAL,
  MEM_STRONGLY_ORDERED,
  MMU_FETCH,
  MMU_LOAD,
  MMU_STORE,
  PROT_EXEC,
  PROT_READ,
  PROT_WRITE,
  type ArmMmuRegs,
  type MmuAccess,
} from "../../src/target/arm/mmu.ts";

const RAM = 0x40000000;
const L1 = 0x40004000;

class Mem {
  readonly words = new Map<number, number>();
  set(addr: number, v: number) {
    this.words.set(addr, v >>> 0);
  }
  set64(addr: number, lo: number, hi: number) {
    this.set(addr, lo);
    this.set(addr + 4, hi);
  }
  read = (pa: number): number | null => (pa >= RAM && pa < RAM + 0x10000000 ? (this.words.get(pa) ?? 0) : null);
}

function regs(over: Partial<ArmMmuRegs> = {}): ArmMmuRegs {
  return {
    sctlr: 0x00c50079,
    ttbcr: 0,
    ttbr0: L1,
    ttbr0Hi: 0,
    ttbr1: 0,
    ttbr1Hi: 0,
    dacr: 0x55555555,
    prrr: 0xff0a81a8,
    nmrr: 0x40e040e0,
    ...over,
  };
}

const t = new ArmTranslation();
function tr(r: ArmMmuRegs, m: Mem, va: number, access: MmuAccess = MMU_LOAD, user = false, align = 0): ArmTranslation {
  armTranslate(r, va, access, user, align, m.read, t);
  return t;
}

/** A short-descriptor section: AP[2:0], domain, XN, TEX/C/B. */
function section(pa: number, { ap = 3, domain = 0, xn = 0, pxn = 0, tex = 1, c = 1, b = 1, s = 0, ng = 0 } = {}): number {
  return (
    (pa & 0xfff00000) |
    ((ap & 4) << 13) |
    ((ap & 3) << 10) |
    (tex << 12) |
    (domain << 5) |
    (xn << 4) |
    (c << 3) |
    (b << 2) |
    (s << 16) |
    (ng << 17) |
    (pxn ? 3 : 2)
  );
}

describe("MMU off", () => {
  test("flat, all permissions; data is Device-nGnRnE, fetches Normal", () => {
    const m = new Mem();
    const r = regs({ sctlr: 0x00c50078 });
    expect(tr(r, m, 0x12345678, MMU_STORE).pa).toBe(0x12345678);
    expect(t.prot).toBe(PROT_READ | PROT_WRITE | PROT_EXEC);
    expect(t.memType).toBe(MEM_STRONGLY_ORDERED);
    expect(tr(r, m, 0x100, MMU_FETCH).attrs).toBe(0x44);
    expect(tr(regs({ sctlr: 0x00c51078 }), m, 0x100, MMU_FETCH).attrs).toBe(0xee);
  });
});

describe("short descriptors", () => {
  test("a section maps 1 MiB; its PAR", () => {
    const m = new Mem();
    m.set(L1 + (0xc01 << 2), section(0x40100000));
    expect(tr(regs(), m, 0xc0123456).fault).toBe(0);
    expect(t.pa).toBe(0x40123456);
    expect(t.pageBits).toBe(20);
    expect(t.prot).toBe(PROT_READ | PROT_WRITE | PROT_EXEC);
    expect(t.parLo).toBe(0x40123200); // PA[31:12], NS
    expect(t.memType).toBe(MEM_NORMAL);
  });

  test("a supersection maps 16 MiB with PA[39:32]; its PAR keeps only PA[31:24] and sets SS", () => {
    const m = new Mem();
    const desc = 0x45000000 | (1 << 18) | (0x3 << 20) | (0x5 << 5) | (3 << 10) | 2;
    m.set(L1 + (0x812 << 2), desc);
    tr(regs(), m, 0x81234567);
    expect(t.fault).toBe(0);
    expect(t.pa).toBe(0x5345234567); // PA[39:36] = 5 (bits 8:5), PA[35:32] = 3 (bits 23:20)
    expect(t.pageBits).toBe(24);
    expect(t.domain).toBe(0); // supersections are domain 0 whatever bits 8:5 say
    expect(t.parLo).toBe(0x45000202);
  });

  test("large (64 KiB) and small (4 KiB) pages through a page table; XN on small pages", () => {
    const m = new Mem();
    const l2 = 0x40008000;
    m.set(L1 + (0x100 << 2), l2 | (2 << 5) | 1); // page table, domain 2
    m.set(l2 + (0x34 << 2), 0x50060000 | (3 << 4) | 1); // large page (entry 0x34 lies in the 64 KiB block at 0x30)
    m.set(l2 + (0x45 << 2), 0x60007000 | (3 << 4) | 3); // small page, XN
    const r = regs({ dacr: 0x55555555 });
    tr(r, m, 0x10034abc);
    expect([t.fault, t.pa, t.pageBits]).toEqual([0, 0x50064abc, 16]);
    tr(r, m, 0x10045def, MMU_FETCH);
    expect([t.fault, t.level, t.domain]).toEqual([FAULT_PERMISSION, 2, 2]);
    expect(t.fsr).toBe(0x2f); // permission, page, domain 2
    tr(r, m, 0x10045def);
    expect([t.fault, t.pa, t.pageBits]).toEqual([0, 0x60007def, 12]);
  });

  test("translation faults: level 1 and level 2, with their FSR and PAR", () => {
    const m = new Mem();
    const l2 = 0x40008000;
    m.set(L1 + (0x200 << 2), l2 | (7 << 5) | 1);
    tr(regs(), m, 0x30000000);
    expect([t.fault, t.level, t.fsr]).toEqual([FAULT_TRANSLATION, 1, 0x5]);
    expect(t.parLo).toBe(0xb); // F | FS[3:0] << 1
    tr(regs(), m, 0x20000000);
    expect([t.fault, t.level, t.fsr]).toEqual([FAULT_TRANSLATION, 2, 0x77]);
  });

  test("domains: no access faults (before the level-2 walk, as QEMU), manager skips permission and AF checks", () => {
    const m = new Mem();
    m.set(L1 + (0x300 << 2), section(0x40000000, { domain: 3, ap: 0 }));
    m.set(L1 + (0x301 << 2), 0x40008000 | (4 << 5) | 1); // page table whose L2 is empty
    expect(tr(regs({ dacr: 0 }), m, 0x30000000).fsr).toBe(0x39);
    expect(tr(regs({ dacr: 0 }), m, 0x30100000).fsr).toBe(0x4b); // domain fault reported for the page
    const manager = regs({ dacr: 3 << 6, sctlr: 0x20c50079 }); // AFE on, AP[0] = 0
    expect(tr(manager, m, 0x30000000, MMU_STORE, true).fault).toBe(0);
    expect(t.prot).toBe(7);
    expect(tr(regs({ dacr: 1 << 6 }), m, 0x30000000).fsr).toBe(0x3d); // client: AP 000 is no access on v7
  });

  test("AP[2:0] for PL1 and PL0", () => {
    const m = new Mem();
    const cases: [number, number, number][] = [
      // ap, PL1 prot, PL0 prot (read/write bits)
      [0, 0, 0],
      [1, 3, 0],
      [2, 3, 1],
      [3, 3, 3],
      [4, 0, 0],
      [5, 1, 0],
      [6, 1, 1],
      [7, 1, 1],
    ];
    for (const [ap, priv, usr] of cases) {
      m.set(L1 + (0x400 << 2), section(0x40000000, { ap }));
      tr(regs(), m, 0x40000000);
      expect(t.fault === 0 ? t.prot & 3 : 0, `ap ${ap} PL1`).toBe(priv);
      tr(regs(), m, 0x40000000, MMU_LOAD, true);
      expect(t.fault === 0 ? t.prot & 3 : 0, `ap ${ap} PL0`).toBe(usr);
    }
    m.set(L1 + (0x400 << 2), section(0x40000000, { ap: 5 }));
    expect(tr(regs(), m, 0x40000000, MMU_STORE).fsr).toBe(0xd);
  });

  test("SCTLR.AFE: AP[0] is the access flag, AP[2:1] the simplified permissions", () => {
    const m = new Mem();
    const afe = regs({ sctlr: 0x20c50079 });
    m.set(L1 + (0x400 << 2), section(0x40000000, { ap: 2 })); // AP[0] = 0
    expect(tr(afe, m, 0x40000000).fsr).toBe(0x3);
    m.set(L1 + (0x400 << 2), section(0x40000000, { ap: 5 })); // AP[2:1] = 2: PL1 read-only
    expect(tr(afe, m, 0x40000000).prot & 3).toBe(PROT_READ);
    expect(tr(afe, m, 0x40000000, MMU_LOAD, true).fault).toBe(FAULT_PERMISSION);
  });

  test("XN, PXN, WXN and UWXN", () => {
    const m = new Mem();
    m.set(L1 + (0x400 << 2), section(0x40000000, { xn: 1 }));
    expect(tr(regs(), m, 0x40000000, MMU_FETCH).fault).toBe(FAULT_PERMISSION);
    m.set(L1 + (0x400 << 2), section(0x40000000, { pxn: 1 }));
    expect(tr(regs(), m, 0x40000000, MMU_FETCH).fault).toBe(FAULT_PERMISSION);
    expect(tr(regs(), m, 0x40000000, MMU_FETCH, true).fault).toBe(0); // PXN: PL0 may execute
    m.set(L1 + (0x400 << 2), section(0x40000000, { ap: 3 }));
    expect(tr(regs({ sctlr: 0x00c50079 | (1 << 19) }), m, 0x40000000, MMU_FETCH).fault).toBe(FAULT_PERMISSION); // WXN
    expect(tr(regs({ sctlr: 0x00c50079 | (1 << 20) }), m, 0x40000000, MMU_FETCH).fault).toBe(FAULT_PERMISSION); // UWXN
    expect(tr(regs({ sctlr: 0x00c50079 | (1 << 20) }), m, 0x40000000, MMU_FETCH, true).fault).toBe(0);
  });

  test("TTBCR.N splits TTBR0 and TTBR1; PD0/PD1 disable a walk", () => {
    const m = new Mem();
    const l1b = 0x40010000;
    m.set(L1 + (0x123 << 2), section(0x40000000));
    m.set(l1b + (0xc01 << 2), section(0x50000000));
    const r = regs({ ttbcr: 2, ttbr1: l1b });
    expect(tr(r, m, 0x12300000).pa).toBe(0x40000000);
    expect(tr(r, m, 0xc0100000).pa).toBe(0x50000000);
    expect(tr(regs({ ttbcr: 2 | (1 << 5), ttbr1: l1b }), m, 0xc0100000).fsr).toBe(0x5);
    expect(tr(regs({ ttbcr: 2 | (1 << 4), ttbr1: l1b }), m, 0x12300000).fsr).toBe(0x5);
    // With N = 2 the TTBR0 table is 4 KiB: its base need only be 4 KiB aligned.
    const small = 0x40021000;
    m.set(small + (0x123 << 2), section(0x48000000));
    expect(tr(regs({ ttbcr: 2, ttbr0: small | 0x5f, ttbr1: l1b }), m, 0x12300000).pa).toBe(0x48000000);
  });

  test("an external abort on the walk: level 1, and level 2 with the domain", () => {
    const m = new Mem();
    expect(tr(regs({ ttbr0: 0x10000000 }), m, 0x1000).fsr).toBe(0xc);
    m.set(L1, 0x20000000 | (9 << 5) | 1); // a page table outside RAM
    expect(tr(regs(), m, 0x1000).fsr).toBe(0x9e);
    expect(t.fault).toBe(FAULT_EXTERNAL_ON_WALK);
    expect(t.parLo).toBe(((0xe << 1) | 1) >>> 0);
  });

  test("memory types: TEX/C/B, and PRRR/NMRR with SCTLR.TRE", () => {
    const m = new Mem();
    const set = (o: object) => m.set(L1 + (0x400 << 2), section(0x40000000, o));
    set({ tex: 0, c: 0, b: 0 });
    expect(tr(regs(), m, 0x40000000).memType).toBe(MEM_STRONGLY_ORDERED);
    set({ tex: 0, c: 0, b: 1 });
    expect(tr(regs(), m, 0x40000000).memType).toBe(MEM_DEVICE);
    set({ tex: 2, c: 0, b: 0 });
    expect(tr(regs(), m, 0x40000000).memType).toBe(MEM_DEVICE);
    set({ tex: 5, c: 1, b: 1, s: 1 }); // Normal, outer WB-WA, inner WB no WA
    expect([tr(regs(), m, 0x40000000).memType, t.attrs, t.shareability]).toEqual([MEM_NORMAL, 0xfe, 3]);
    // Linux's PRRR/NMRR: TEX[0]:C:B = 0b000 is SO, 0b001 Normal non-cacheable, 0b100 Device,
    // 0b111 Normal WB-WA.
    const tre = regs({ sctlr: 0x10c50079 });
    set({ tex: 0, c: 0, b: 0 });
    expect(tr(tre, m, 0x40000000).memType).toBe(MEM_STRONGLY_ORDERED);
    set({ tex: 0, c: 0, b: 1 });
    expect([tr(tre, m, 0x40000000).memType, t.attrs]).toEqual([MEM_NORMAL, 0x44]);
    set({ tex: 1, c: 0, b: 0 });
    expect(tr(tre, m, 0x40000000).memType).toBe(MEM_DEVICE);
    set({ tex: 1, c: 1, b: 1 });
    expect([tr(tre, m, 0x40000000).memType, t.attrs]).toEqual([MEM_NORMAL, 0xff]);
  });
});

describe("long descriptors (LPAE)", () => {
  const EAE = 1 << 31;
  const T1 = 0x40100000; // level-1 table
  const T2 = 0x40101000;
  const T3 = 0x40102000;
  /** A block/page: AP[2:1], AF, SH, AttrIndx, XN/PXN. */
  const leaf = (pa: number, { ap = 0, af = 1, sh = 3, idx = 0, xn = 0, pxn = 0, page = false } = {}) =>
    [
      ((pa & 0xfffff000) | (ng0 << 11) | (af << 10) | (sh << 8) | (ap << 6) | (idx << 2) | (page ? 3 : 1)) >>> 0,
      ((xn << 22) | (pxn << 21)) >>> 0,
    ] as const;
  const ng0 = 0;
  const lregs = (over: Partial<ArmMmuRegs> = {}) => regs({ ttbcr: EAE, ttbr0: T1, prrr: 0x000004ff, nmrr: 0x44, ...over });

  test("1 GiB, 2 MiB and 4 KiB mappings; 40-bit PAs; the 64-bit PAR", () => {
    const m = new Mem();
    m.set64(T1 + 0 * 8, ...leaf(0x80000000));
    m.set64(T1 + 1 * 8, T2 | 3, 0);
    m.set64(T2 + 3 * 8, ...leaf(0x12600000, { idx: 1 }));
    m.set64(T2 + 4 * 8, T3 | 3, 0);
    m.set64(T3 + 5 * 8, ...leaf(0x33335000, { page: true }));
    m.set(T2 + 3 * 8 + 4, 0x7f); // PA[39:32] of the 2 MiB block
    expect(tr(lregs(), m, 0x3fffffff).pa).toBe(0xbfffffff);
    expect(t.pageBits).toBe(30);
    expect(tr(lregs(), m, 0x40654321).pa).toBe(0x7f12654321);
    expect(t.pageBits).toBe(21);
    expect([t.parLo, t.parHi]).toEqual([(0x12654000 | (1 << 11) | (1 << 9) | (2 << 7)) >>> 0, 0x7f | (0x04 << 24)]); // Device: SH reads 2
    expect(tr(lregs(), m, 0x40805123).pa).toBe(0x33335123);
    expect([t.pageBits, t.attrs, t.memType]).toEqual([12, 0xff, MEM_NORMAL]);
  });

  test("faults carry their level; FSR in the long format", () => {
    const m = new Mem();
    m.set64(T1 + 1 * 8, T2 | 3, 0);
    m.set64(T2 + 0, T3 | 3, 0);
    m.set64(T3 + 0, 0x40000000 | 1, 0); // the reserved level-3 "block"
    m.set64(T3 + 8, ...leaf(0x40000000, { page: true, af: 0 }));
    m.set64(T3 + 16, ...leaf(0x40000000, { page: true, ap: 3 }));
    expect([tr(lregs(), m, 0x00000000).fault, t.level, t.fsr]).toEqual([FAULT_TRANSLATION, 1, 0x205]);
    expect([tr(lregs(), m, 0x40200000).fault, t.level, t.fsr]).toEqual([FAULT_TRANSLATION, 2, 0x206]);
    expect([tr(lregs(), m, 0x40000000).fault, t.level, t.fsr]).toEqual([FAULT_TRANSLATION, 3, 0x207]);
    expect([tr(lregs(), m, 0x40001000).fault, t.fsr]).toEqual([FAULT_ACCESS_FLAG, 0x20b]);
    expect([tr(lregs(), m, 0x40002000, MMU_STORE).fault, t.fsr]).toEqual([FAULT_PERMISSION, 0x20f]);
    expect(t.parLo).toBe((1 << 11) | (0xf << 1) | 1);
    expect(tr(lregs(), m, 0x40002000, MMU_LOAD, true).fault).toBe(0); // AP 3: read-only at PL0 and PL1
  });

  test("T0SZ/T1SZ: TTBR1 for the top, the gap between faults; a walk starting at level 2", () => {
    const m = new Mem();
    const t1 = 0x40110000;
    m.set64(T1 + 0, ...leaf(0x00000000)); // TTBR0 (T0SZ 1): 0..2 GiB, level 1
    m.set64(t1 + 0x1ff * 8, ...leaf(0x12e00000)); // TTBR1 (T1SZ 2): top 1 GiB, starts at level 2
    const r = lregs({ ttbcr: EAE | 1 | (2 << 16), ttbr1: t1 });
    expect(tr(r, m, 0x3fff0000).pa).toBe(0x3fff0000);
    expect(tr(r, m, 0xffe01234).pa).toBe(0x12e01234);
    expect([tr(r, m, 0x90000000).fault, t.level]).toEqual([FAULT_TRANSLATION, 1]);
    expect(tr(lregs({ ttbcr: EAE | 1 | (2 << 16) | (1 << 23), ttbr1: t1 }), m, 0xffe01234).fault).toBe(FAULT_TRANSLATION); // EPD1
    expect(tr(lregs({ ttbcr: EAE | (1 << 7) }), m, 0x3fff0000).fault).toBe(FAULT_TRANSLATION); // EPD0
  });

  test("table attributes: APTable, XNTable, PXNTable", () => {
    const m = new Mem();
    m.set64(T1 + 1 * 8, T2 | 3, (1 << 27) | (1 << 29)); // PXNTable, APTable[0]
    m.set64(T2 + 0, ...leaf(0x40000000, { ap: 1 }));
    m.set64(T1 + 2 * 8, T3 | 3, (1 << 28) | (1 << 30)); // XNTable, APTable[1]
    m.set64(T3 + 0, ...leaf(0x80000000, { ap: 1 }));
    expect(tr(lregs(), m, 0x40000000, MMU_LOAD, true).fault).toBe(FAULT_PERMISSION); // no PL0 access
    expect(tr(lregs(), m, 0x40000000, MMU_FETCH).fault).toBe(FAULT_PERMISSION); // PXN
    expect(tr(lregs(), m, 0x40000000, MMU_STORE).fault).toBe(0);
    expect(tr(lregs(), m, 0x80000000, MMU_STORE, true).fault).toBe(FAULT_PERMISSION); // read-only
    expect(tr(lregs(), m, 0x80000000, MMU_FETCH, true).fault).toBe(FAULT_PERMISSION); // XN
  });

  test("Device memory faults misaligned accesses (before permissions); address size and external aborts", () => {
    const m = new Mem();
    m.set64(T1 + 1 * 8, ...leaf(0x09000000, { idx: 1, ap: 3 })); // MAIR0 byte 1 = 0x04: Device
    expect([tr(lregs(), m, 0x40000002, MMU_STORE, false, 2).fault, t.fsr]).toEqual([FAULT_ALIGNMENT, 0x221]);
    expect(tr(lregs(), m, 0x40000004, MMU_STORE, false, 2).fault).toBe(FAULT_PERMISSION);
    expect(tr(lregs(), m, 0x40000002, MMU_LOAD, false, 0).fault).toBe(0);
    expect([tr(lregs({ ttbr0Hi: 0x100 }), m, 0).fault, t.fsr]).toEqual([FAULT_ADDRESS_SIZE, 0x200]);
    expect([tr(lregs({ ttbr0: 0x1000 }), m, 0).fault, t.fsr]).toEqual([FAULT_EXTERNAL_ON_WALK, 0x215]);
  });
});
