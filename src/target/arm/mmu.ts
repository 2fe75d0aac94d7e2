// ARMv7-A VMSA stage 1 translation for the PL1&0 regime, as pure functions for the ARM system-mode
// CPU: the short-descriptor format (sections, supersections, large and small pages, domains and
// DACR, AP/APX with SCTLR.AFE's simplified model, XN and PXN, SCTLR.WXN/UWXN) and the LPAE
// long-descriptor format (TTBCR.EAE: TTBR0/TTBR1 split by T0SZ/T1SZ, start at level 1 or 2, table
// attributes, AP[2:1], XN/PXN, the access flag, MAIR memory types with the alignment check on
// Device memory), plus the MMU-off flat mapping. It follows QEMU 10.0's target/arm/ptw.c
// (get_phys_addr_v6, get_phys_addr_lpae, get_S1prot, ap_to_rw_prot_is_user,
// simple_ap_to_rw_prot_is_user, get_level1_table_address, aa32_va_parameters,
// get_phys_addr_disabled) for a Cortex-A15 without EL2/EL3 (a non-secure PL1&0 regime, PXN
// implemented, WXN present because the CPU has LPAE), including the order in which faults are
// detected, and encodes faults as QEMU does (internals.h's arm_fi_to_sfsc / arm_fi_to_lfsc) and
// PAR values as do_ats_write does.
//
// Nothing here touches CPU state: the caller passes the registers (ArmMmuRegs), the access, and a
// physical-read callback for the table walk (null = external abort, a "decode error" as QEMU
// reports it for unassigned addresses). The result goes into a reusable ArmTranslation, so a TLB
// miss allocates nothing. TEX remap (SCTLR.TRE with PRRR/NMRR) and the TEX/C/B encodings give the
// short-descriptor memory type, which QEMU does not act on for this format (no alignment check);
// it is reported for the CPU's information only.

export const MMU_LOAD = 0;
export const MMU_STORE = 1;
export const MMU_FETCH = 2;
export type MmuAccess = typeof MMU_LOAD | typeof MMU_STORE | typeof MMU_FETCH;

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;

export const FAULT_NONE = 0;
export const FAULT_TRANSLATION = 1;
export const FAULT_ACCESS_FLAG = 2;
export const FAULT_DOMAIN = 3;
export const FAULT_PERMISSION = 4;
export const FAULT_ALIGNMENT = 5;
/** A synchronous external abort on a translation table walk (the descriptor is not in RAM). */
export const FAULT_EXTERNAL_ON_WALK = 6;
export const FAULT_ADDRESS_SIZE = 7;

export const MEM_STRONGLY_ORDERED = 0;
export const MEM_DEVICE = 1;
export const MEM_NORMAL = 2;

// SCTLR bits the walk reads.
export const SCTLR_M = 1 << 0;
export const SCTLR_I = 1 << 12;
export const SCTLR_WXN = 1 << 19;
export const SCTLR_UWXN = 1 << 20;
export const SCTLR_TRE = 1 << 28;
export const SCTLR_AFE = 1 << 29;
// TTBCR bits.
export const TTBCR_PD0 = 1 << 4;
export const TTBCR_PD1 = 1 << 5;
export const TTBCR_EPD0 = 1 << 7;
export const TTBCR_EPD1 = 1 << 23;
export const TTBCR_EAE = 1 << 31;

/** The cp15 registers a PL1&0 stage 1 walk reads. */
export interface ArmMmuRegs {
  sctlr: number;
  ttbcr: number;
  /** TTBR0/TTBR1: the low word (short descriptors use only it), and the high word of the 64-bit LPAE form. */
  ttbr0: number;
  ttbr0Hi: number;
  ttbr1: number;
  ttbr1Hi: number;
  dacr: number;
  /** PRRR / NMRR; with TTBCR.EAE the same registers are MAIR0 / MAIR1. */
  prrr: number;
  nmrr: number;
}

/** Reads a little-endian 32-bit word of guest physical memory; null if nothing is there. */
export type PhysRead32 = (pa: number) => number | null;

const TWO32 = 0x1_0000_0000;

/** The outcome of one translation (reused between calls). */
export class ArmTranslation {
  /** FAULT_NONE on success. */
  fault = FAULT_NONE;
  /** Walk level of the fault (1..2 short, 0..3 long). */
  level = 0;
  /** Domain of a short-descriptor fault (0 when not yet known, as in QEMU). */
  domain = 0;
  /** External abort type (0: decode error). */
  ea = 0;
  /** The regime uses the long-descriptor format (TTBCR.EAE): FSR and PAR use the long forms. */
  longFormat = false;
  /** Physical address (up to 40 bits). */
  pa = 0;
  /** log2 of the mapping's size (10..30): the softmmu uses at least its own page. */
  pageBits = 12;
  /** PROT_READ | PROT_WRITE | PROT_EXEC for the current privilege. */
  prot = 0;
  /** MEM_STRONGLY_ORDERED, MEM_DEVICE or MEM_NORMAL. */
  memType = MEM_NORMAL;
  /** The memory attributes in MAIR form (LPAE: the MAIR byte; short descriptors: derived, informational). */
  attrs = 0;
  /** Shareability in LPAE SH form (0 non-, 2 outer, 3 inner shareable). */
  shareability = 0;
  /** nG: not global (ASID-tagged). */
  notGlobal = false;

  /**
   * The fault status for DFSR / IFSR without WnR (bit 11), QEMU's arm_fi_to_sfsc (short form:
   * FS[4] at bit 10, domain at 7:4, ExT at 12) or arm_fi_to_lfsc (long form, bit 9 set).
   */
  get fsr(): number {
    if (this.fault === FAULT_NONE) return 0;
    return this.longFormat ? longFsc(this) : shortFsc(this);
  }

  /** The PAR an ATS1C** operation leaves, low word (QEMU's do_ats_write, non-secure: NS set). */
  get parLo(): number {
    if (this.longFormat) {
      if (this.fault !== FAULT_NONE) return ((1 << 11) | ((longFsc(this) & 0x3f) << 1) | 1) >>> 0;
      let sh = this.shareability;
      if ((this.attrs & 0xf0) === 0 || this.attrs === 0x44 || this.attrs === 0x40) sh = 2; // par_el1_shareability
      return (((this.pa % TWO32) & 0xfffff000) | (1 << 11) | (1 << 9) | (sh << 7)) >>> 0;
    }
    if (this.fault !== FAULT_NONE) {
      const fsr = shortFsc(this);
      return (((fsr & (1 << 10)) >>> 5) | ((fsr & (1 << 12)) >>> 6) | ((fsr & 0xf) << 1) | 1) >>> 0;
    }
    if (this.pageBits === 24) return (((this.pa % TWO32) & 0xff000000) | (1 << 1) | (1 << 9)) >>> 0;
    return (((this.pa % TWO32) & 0xfffff000) | (1 << 9)) >>> 0;
  }

  /** The high word of the 64-bit PAR (long format only: PA[39:32] and the attributes). */
  get parHi(): number {
    if (!this.longFormat || this.fault !== FAULT_NONE) return 0;
    return ((Math.floor(this.pa / TWO32) & 0xff) | (this.attrs << 24)) >>> 0;
  }

  private reset(): void {
    this.fault = FAULT_NONE;
    this.level = 0;
    this.domain = 0;
    this.ea = 0;
    this.pa = 0;
    this.pageBits = 12;
    this.prot = 0;
    this.memType = MEM_NORMAL;
    this.attrs = 0;
    this.shareability = 0;
    this.notGlobal = false;
  }

  /** @internal Starts a new translation. */
  begin(longFormat: boolean): this {
    this.reset();
    this.longFormat = longFormat;
    return this;
  }
}

function shortFsc(t: ArmTranslation): number {
  let fsc: number;
  switch (t.fault) {
    case FAULT_ACCESS_FLAG:
      fsc = t.level === 1 ? 0x3 : 0x6;
      break;
    case FAULT_ALIGNMENT:
      fsc = 0x1;
      break;
    case FAULT_PERMISSION:
      fsc = t.level === 1 ? 0xd : 0xf;
      break;
    case FAULT_DOMAIN:
      fsc = t.level === 1 ? 0x9 : 0xb;
      break;
    case FAULT_TRANSLATION:
      fsc = t.level === 1 ? 0x5 : 0x7;
      break;
    case FAULT_EXTERNAL_ON_WALK:
      fsc = (t.level === 1 ? 0xc : 0xe) | (t.ea << 12);
      break;
    default:
      fsc = 0;
  }
  return fsc | (t.domain << 4);
}

function longFsc(t: ArmTranslation): number {
  let fsc: number;
  switch (t.fault) {
    case FAULT_ADDRESS_SIZE:
      fsc = t.level;
      break;
    case FAULT_ACCESS_FLAG:
      fsc = 0b001000 | t.level;
      break;
    case FAULT_PERMISSION:
      fsc = 0b001100 | t.level;
      break;
    case FAULT_TRANSLATION:
      fsc = 0b000100 | t.level;
      break;
    case FAULT_EXTERNAL_ON_WALK:
      fsc = 0b010100 | t.level | (t.ea << 12);
      break;
    case FAULT_ALIGNMENT:
      fsc = 0x21;
      break;
    case FAULT_DOMAIN:
      fsc = 0b111100 | t.level;
      break;
    default:
      fsc = 0;
  }
  return fsc | (1 << 9);
}

/**
 * Translates `va` for an access from PL0 (`user`) or PL1. `alignBits` is log2 of the access's
 * natural alignment (0 for bytes): LPAE Device memory faults a misaligned access, as QEMU does.
 * Returns true on success (t.pa, t.prot, ...) and false on a fault (t.fault, t.fsr, t.parLo).
 */
export function armTranslate(
  regs: ArmMmuRegs,
  va: number,
  access: MmuAccess,
  user: boolean,
  alignBits: number,
  read: PhysRead32,
  t: ArmTranslation,
): boolean {
  va >>>= 0;
  const longFormat = (regs.ttbcr & TTBCR_EAE) !== 0;
  t.begin(longFormat);
  if ((regs.sctlr & SCTLR_M) === 0) return translateDisabled(regs, va, access, t);
  return longFormat ? translateLpae(regs, va, access, user, alignBits, read, t) : translateShort(regs, va, access, user, read, t);
}

/** QEMU's get_phys_addr_disabled: flat, all permissions, Device for data, Normal for fetches. */
function translateDisabled(regs: ArmMmuRegs, va: number, access: MmuAccess, t: ArmTranslation): boolean {
  t.pa = va;
  t.prot = PROT_READ | PROT_WRITE | PROT_EXEC;
  t.pageBits = 12;
  if (access === MMU_FETCH) {
    t.attrs = regs.sctlr & SCTLR_I ? 0xee : 0x44;
    t.memType = MEM_NORMAL;
  } else {
    t.attrs = 0x00;
    t.memType = MEM_STRONGLY_ORDERED;
  }
  t.shareability = 2;
  return true;
}

function fail(t: ArmTranslation, fault: number, level: number, domain = 0): false {
  t.fault = fault;
  t.level = level;
  t.domain = domain;
  return false;
}

// ---------------------------------------------------------------- short descriptors

/** QEMU's ap_to_rw_prot_is_user for an ARMv7 CPU (AP[2:0], a client domain). */
function apToRw(ap: number, isUser: boolean): number {
  switch (ap) {
    case 1:
      return isUser ? 0 : PROT_READ | PROT_WRITE;
    case 2:
      return isUser ? PROT_READ : PROT_READ | PROT_WRITE;
    case 3:
      return PROT_READ | PROT_WRITE;
    case 5:
      return isUser ? 0 : PROT_READ;
    case 6:
    case 7:
      return PROT_READ;
    default:
      return 0; // 0: no access on ARMv7; 4: reserved
  }
}

/** QEMU's simple_ap_to_rw_prot_is_user (AP[2:1]: the simplified model and LPAE). */
function simpleApToRw(ap: number, isUser: boolean): number {
  switch (ap) {
    case 0:
      return isUser ? 0 : PROT_READ | PROT_WRITE;
    case 1:
      return PROT_READ | PROT_WRITE;
    case 2:
      return isUser ? 0 : PROT_READ;
    default:
      return PROT_READ;
  }
}

/** QEMU's get_S1prot for an AArch32 PL1&0 regime on an ARMv7 CPU with LPAE (so WXN/UWXN exist). */
function s1prot(sctlr: number, user: boolean, userRw: number, privRw: number, xn: boolean, pxn: boolean): number {
  const protRw = user ? userRw : privRw;
  const wxn = (sctlr & SCTLR_WXN) !== 0;
  if (user) {
    xn = xn || (userRw & PROT_READ) === 0;
  } else {
    const uwxn = (sctlr & SCTLR_UWXN) !== 0;
    xn = xn || (privRw & PROT_READ) === 0 || pxn || (uwxn && (userRw & PROT_WRITE) !== 0);
  }
  if (xn || (wxn && (protRw & PROT_WRITE) !== 0)) return protRw;
  return protRw | PROT_EXEC;
}

function translateShort(regs: ArmMmuRegs, va: number, access: MmuAccess, user: boolean, read: PhysRead32, t: ArmTranslation): boolean {
  // get_level1_table_address: TTBCR.N splits the address space between TTBR0 and TTBR1.
  const n = regs.ttbcr & 7;
  const mask = n === 0 ? 0 : ~(0xffffffff >>> n) >>> 0;
  let table: number;
  if ((va & mask) >>> 0 !== 0) {
    if (regs.ttbcr & TTBCR_PD1) return fail(t, FAULT_TRANSLATION, 1);
    table = regs.ttbr1 & 0xffffc000;
  } else {
    if (regs.ttbcr & TTBCR_PD0) return fail(t, FAULT_TRANSLATION, 1);
    table = regs.ttbr0 & ~(0x3fff >>> n);
  }
  table = (table | ((va >>> 18) & 0x3ffc)) >>> 0;
  let desc = read(table);
  if (desc === null) return fail(t, FAULT_EXTERNAL_ON_WALK, 1);
  desc >>>= 0;
  const type = desc & 3;
  if (type === 0) return fail(t, FAULT_TRANSLATION, 1); // type 3 is a section with PXN (PXN implemented)
  const supersection = type !== 1 && (desc & (1 << 18)) !== 0;
  const domain = supersection ? 0 : (desc >>> 5) & 0xf;
  const level = type === 1 ? 2 : 1;
  const domainProt = (regs.dacr >>> (domain * 2)) & 3;
  if (domainProt === 0 || domainProt === 2) return fail(t, FAULT_DOMAIN, level, domain);

  let ap: number;
  let xn: boolean;
  let pxn: boolean;
  let tex: number;
  let cb: number;
  let s: boolean;
  if (type !== 1) {
    if (supersection) {
      // PA[31:24] | PA[35:32] from bits 23:20 | PA[39:36] from bits 8:5
      t.pa = ((desc & 0xff000000) | (va & 0x00ffffff)) >>> 0;
      t.pa += (((desc >>> 20) & 0xf) | (((desc >>> 5) & 0xf) << 4)) * TWO32;
      t.pageBits = 24;
    } else {
      t.pa = ((desc & 0xfff00000) | (va & 0x000fffff)) >>> 0;
      t.pageBits = 20;
    }
    ap = ((desc >>> 10) & 3) | ((desc >>> 13) & 4);
    xn = (desc & (1 << 4)) !== 0;
    pxn = (desc & 1) !== 0;
    tex = (desc >>> 12) & 7;
    cb = (desc >>> 2) & 3;
    s = (desc & (1 << 16)) !== 0;
    t.notGlobal = (desc & (1 << 17)) !== 0;
  } else {
    pxn = ((desc >>> 2) & 1) !== 0;
    const l2 = ((desc & 0xfffffc00) | ((va >>> 10) & 0x3fc)) >>> 0;
    const d2 = read(l2);
    if (d2 === null) return fail(t, FAULT_EXTERNAL_ON_WALK, 2, domain);
    desc = d2 >>> 0;
    ap = ((desc >>> 4) & 3) | ((desc >>> 7) & 4);
    switch (desc & 3) {
      case 0:
        return fail(t, FAULT_TRANSLATION, 2, domain);
      case 1: // 64 KiB large page
        t.pa = ((desc & 0xffff0000) | (va & 0xffff)) >>> 0;
        xn = (desc & (1 << 15)) !== 0;
        tex = (desc >>> 12) & 7;
        t.pageBits = 16;
        break;
      default: // 4 KiB small page (XN in bit 0)
        t.pa = ((desc & 0xfffff000) | (va & 0xfff)) >>> 0;
        xn = (desc & 1) !== 0;
        tex = (desc >>> 6) & 7;
        t.pageBits = 12;
        break;
    }
    cb = (desc >>> 2) & 3;
    s = (desc & (1 << 10)) !== 0;
    t.notGlobal = (desc & (1 << 11)) !== 0;
  }
  shortMemoryType(regs, tex, cb, s, t);

  if (domainProt === 3) {
    // A manager domain: no permission checks, and no access flag check either (as in QEMU).
    t.prot = PROT_READ | PROT_WRITE | PROT_EXEC;
    return true;
  }
  let userRw: number;
  let privRw: number;
  if (regs.sctlr & SCTLR_AFE) {
    // The simplified model: AP[0] is the access flag.
    if ((ap & 1) === 0) return fail(t, FAULT_ACCESS_FLAG, level, domain);
    userRw = simpleApToRw(ap >>> 1, true);
    privRw = simpleApToRw(ap >>> 1, false);
  } else {
    userRw = apToRw(ap, true);
    privRw = apToRw(ap, false);
  }
  t.prot = s1prot(regs.sctlr, user, userRw, privRw, xn, pxn);
  if ((t.prot & (1 << access)) === 0) return fail(t, FAULT_PERMISSION, level, domain);
  return true;
}

/** Cache policy codes as TEX[1:0] / NMRR use them: 0 non-cacheable, 1 WB-WA, 2 WT, 3 WB no WA. */
const POLICY_TO_MAIR_NIBBLE = [0x4, 0xf, 0xa, 0xe];

/**
 * The short-descriptor memory type: TEX/C/B directly, or through PRRR/NMRR with SCTLR.TRE.
 * Reserved encodings are reported as Normal non-cacheable.
 */
function shortMemoryType(regs: ArmMmuRegs, tex: number, cb: number, s: boolean, t: ArmTranslation): void {
  let type: number;
  let inner = 0;
  let outer = 0;
  let shareable: boolean;
  if (regs.sctlr & SCTLR_TRE) {
    const n = ((tex & 1) << 2) | cb;
    const tr = (regs.prrr >>> (2 * n)) & 3;
    if (tr === 0) {
      type = MEM_STRONGLY_ORDERED;
      shareable = true;
    } else if (tr === 1) {
      type = MEM_DEVICE;
      shareable = ((regs.prrr >>> (s ? 17 : 16)) & 1) !== 0;
    } else {
      type = MEM_NORMAL;
      inner = (regs.nmrr >>> (2 * n)) & 3;
      outer = (regs.nmrr >>> (16 + 2 * n)) & 3;
      shareable = ((regs.prrr >>> (s ? 19 : 18)) & 1) !== 0;
    }
  } else if (tex & 4) {
    type = MEM_NORMAL;
    inner = cb === 0 ? 0 : cb === 1 ? 1 : cb === 2 ? 2 : 3;
    outer = tex & 3;
    shareable = s;
  } else {
    const code = (tex << 2) | cb;
    shareable = s;
    switch (code) {
      case 0b00000:
        type = MEM_STRONGLY_ORDERED;
        shareable = true;
        break;
      case 0b00001:
        type = MEM_DEVICE;
        shareable = true;
        break;
      case 0b00010:
        type = MEM_NORMAL;
        inner = outer = 2;
        break;
      case 0b00011:
        type = MEM_NORMAL;
        inner = outer = 3;
        break;
      case 0b00111:
        type = MEM_NORMAL;
        inner = outer = 1;
        break;
      case 0b01000:
        type = MEM_DEVICE;
        shareable = false;
        break;
      default: // non-cacheable (0b00100) and the reserved / IMPLEMENTATION DEFINED encodings
        type = MEM_NORMAL;
        break;
    }
  }
  t.memType = type;
  t.attrs =
    type === MEM_STRONGLY_ORDERED ? 0x00 : type === MEM_DEVICE ? 0x04 : (POLICY_TO_MAIR_NIBBLE[outer] << 4) | POLICY_TO_MAIR_NIBBLE[inner];
  t.shareability = shareable ? 3 : 0;
}

// ---------------------------------------------------------------- long descriptors (LPAE)

function translateLpae(
  regs: ArmMmuRegs,
  va: number,
  access: MmuAccess,
  user: boolean,
  alignBits: number,
  read: PhysRead32,
  t: ArmTranslation,
): boolean {
  // aa32_va_parameters
  const t0sz = regs.ttbcr & 7;
  const t1sz = (regs.ttbcr >>> 16) & 7;
  const select = t1sz === 0 ? va > 0xffffffff >>> t0sz : va >= ~(0xffffffff >>> t1sz) >>> 0;
  const tsz = select ? t1sz : t0sz;
  const epd = select ? (regs.ttbcr & TTBCR_EPD1) !== 0 : (regs.ttbcr & TTBCR_EPD0) !== 0;
  const inputsize = 32 - tsz;
  let level = 1;
  // The top bits must all equal the selected half (the gap between the two is a fault).
  if (inputsize < 32) {
    const top = va >>> inputsize;
    if (top !== (select ? 0xffffffff >>> inputsize : 0)) return fail(t, FAULT_TRANSLATION, level);
  }
  const ttbrLo = select ? regs.ttbr1 : regs.ttbr0;
  const ttbrHi = select ? regs.ttbr1Hi : regs.ttbr0Hi;
  if (epd) return fail(t, FAULT_TRANSLATION, level);
  level = 4 - Math.floor((inputsize - 4) / 9);
  let indexMask = 2 ** (inputsize - 9 * (4 - level)) - 1;
  // The TTBR's address field: bits 47:40 set are an address size fault (outputs are 40 bits).
  if ((ttbrHi & 0xff00) !== 0) return fail(t, FAULT_ADDRESS_SIZE, 0);
  let baseLo = (ttbrLo & ~indexMask) >>> 0;
  let baseHi = ttbrHi & 0xff;
  let tableAttrs = 0;
  let lo: number;
  let hi: number;
  for (;;) {
    const offset = ((va >>> (9 * (4 - level))) & indexMask & ~7) >>> 0;
    const addr = baseHi * TWO32 + ((baseLo | offset) >>> 0);
    const l = read(addr);
    const h = l === null ? null : read(addr + 4);
    if (l === null || h === null) return fail(t, FAULT_EXTERNAL_ON_WALK, level);
    lo = l >>> 0;
    hi = h >>> 0;
    // Invalid, or a block where blocks are not allowed (level 3's "block" encoding 01 is reserved).
    if ((lo & 1) === 0 || ((lo & 2) === 0 && level === 3)) return fail(t, FAULT_TRANSLATION, level);
    baseLo = (lo & 0xfffff000) >>> 0;
    baseHi = hi & 0xff;
    if ((lo & 2) !== 0 && level < 3) {
      tableAttrs |= hi >>> 27; // PXNTable, XNTable, APTable[1:0], NSTable
      level++;
      indexMask = 0xfff;
      continue;
    }
    break;
  }
  const pageBits = 9 * (4 - level) + 3;
  const pageMask = pageBits >= 32 ? 0xffffffff : 2 ** pageBits - 1;
  t.pa = baseHi * TWO32 + (((baseLo & ~pageMask) | (va & pageMask)) >>> 0);
  t.pageBits = pageBits;
  // The access flag (no hardware update on ARMv7).
  if ((lo & (1 << 10)) === 0) return fail(t, FAULT_ACCESS_FLAG, level);
  // Attributes of the block/page, with the table attributes folded in.
  let ap = (lo >>> 6) & 3;
  let xn = ((hi >>> 22) & 1) !== 0;
  let pxn = ((hi >>> 21) & 1) !== 0;
  if (tableAttrs & 1) pxn = true;
  if (tableAttrs & 2) xn = true;
  if (tableAttrs & 4) ap &= ~1; // APTable[0]: no PL0 access
  if (tableAttrs & 8) ap |= 2; // APTable[1]: read-only
  const userRw = simpleApToRw(ap, true);
  const privRw = simpleApToRw(ap, false);
  t.prot = s1prot(regs.sctlr, user, userRw, privRw, xn, pxn);
  // MAIR0 (AttrIndx 0..3) and MAIR1 (4..7) are the PRRR/NMRR registers.
  const attrIndx = (lo >>> 2) & 7;
  const mair = attrIndx < 4 ? regs.prrr : regs.nmrr;
  t.attrs = (mair >>> ((attrIndx & 3) * 8)) & 0xff;
  t.shareability = (lo >>> 8) & 3;
  t.notGlobal = (lo & (1 << 11)) !== 0;
  const device = (t.attrs & 0xf0) === 0;
  t.memType = device ? (t.attrs === 0 ? MEM_STRONGLY_ORDERED : MEM_DEVICE) : MEM_NORMAL;
  // Device memory needs aligned accesses; checked before permissions, as in QEMU.
  if (device && alignBits > 0 && (va & ((1 << alignBits) - 1)) !== 0) return fail(t, FAULT_ALIGNMENT, level);
  if ((t.prot & (1 << access)) === 0) return fail(t, FAULT_PERMISSION, level);
  return true;
}
