// Where the ARM (AArch32) guest state lives in the register file R (slots from ENV_TARGET_BASE on),
// the TB-flags layout, the exception numbers, and the one place that assembles and splits the CPSR.
//
// The layout follows QEMU's CPUARMState where the translator cares about it: r0..r14 and the pc
// are i32 globals (cpu_R[16]), the condition flags are four i32 globals in QEMU's representation
// (NF: bit 31 is N; ZF: Z is set when ZF == 0; CF: 0 or 1; VF: bit 31 is V), so setting them costs
// no packing; Q and GE are words of their own; the exclusive monitor is a pair of i64 words
// (cpu_exclusive_addr / cpu_exclusive_val). The Thumb bit and the IT state live in the TB-flags
// word itself (they select the translation), and so does the data endianness (SETEND); CPSR bits
// that translation does not depend on (mode, A/I/F masks) are in UNCACHED_CPSR. cpsrRead and
// cpsrWrite are the only functions that know how the architectural CPSR maps onto these slots, so
// that system mode (banked registers, mode changes) can extend them in one place.
import { ENV_TARGET_BASE } from "../../tci/state.ts";

const B = ENV_TARGET_BASE;
/** r0..r14 at REG + i; r15 (the pc) is PC. */
export const REG = B;
/** The pc: r15 (a pair whose high slot stays 0, as the engine keys TBs by a 64-bit pc). */
export const PC = B + 15;
/** TB flags (QEMU's TBFLAG_ANY and TBFLAG_AM32 fields; see TBF_*). */
export const TB_FLAGS = B + 17;
/** The TB key's second flags word (QEMU's cs_base: its TBFLAG_A32 fields; see TBF2_*). */
export const TB_FLAGS2 = B + 18;
export const NF = B + 19;
export const ZF = B + 20;
export const CF = B + 21;
export const VF = B + 22;
/** CPSR.Q as 0/1. */
export const QF = B + 23;
/** CPSR.GE[3:0]. */
export const GE = B + 24;
/** The exclusive monitor (i64 pairs): the address (-1: none) and the value loaded by LDREX. */
export const EXCL_ADDR = B + 25;
export const EXCL_VAL = B + 27;
/** TPIDRURO (the TLS pointer: set_tls, __kuser_get_tls) and TPIDRURW. */
export const TPIDRURO = B + 29;
export const TPIDRURW = B + 30;
/**
 * FPSCR as QEMU keeps it after vfp_set_fpscr: NZCV, AHP, DN, FZ, RMode, Len, Stride and the
 * cumulative exception bits (the helpers OR their new flags in at once, so nothing is pending).
 */
export const FPSCR = B + 31;
export const FPEXC = B + 32;
export const FPINST = B + 33;
export const FPINST2 = B + 34;
/** CPSR bits that no translation depends on: M[4:0], A, I, F (and E for system mode's reads). */
export const UNCACHED_CPSR = B + 35;
/** TEEHBR, the ThumbEE handler base (cp14; readable and writable at PL0, unused by Linux). */
export const TEEHBR = B + 36;
/** TPIDRPRW (system mode: the kernel's per-CPU offset, read inline as often as the kernel wants it). */
export const TPIDRPRW = B + 37;
/** VFP registers: D<i> is the pair VFP + 2i (low word first), S<i> is VFP + i. 32 D registers of room. */
export const VFP = B + 38;
/** Slots of the architectural state (what a context switch saves), from REG on. */
export const ARM_STATE_SLOTS = VFP + 64 - B;
/**
 * 256 read-only words holding 0..255 (KONST + i == i): constant helper operands (register numbers,
 * small immediates) that reach a helper without a materializing bytecode.
 */
export const KONST = VFP + 64;
export const ARM_ENV_SLOTS = KONST + 256 - B;

export const regSlot = (i: number) => (i === 15 ? PC : REG + i);
export const sSlot = (i: number) => VFP + i;
export const dSlot = (i: number) => VFP + 2 * i;

// ---- TB flags (R[TB_FLAGS]): QEMU's bit positions (target/arm/cpu.h TBFLAG_ANY, TBFLAG_AM32)
/** Data accesses are big-endian (CPSR.E, SETEND BE). */
export const TBF_BE_DATA = 1 << 3;
export const TBF_MMUIDX_SHIFT = 4;
export const TBF_MMUIDX_MASK = 0xf << TBF_MMUIDX_SHIFT;
/** SCTLR.A: every data access must be aligned (system mode). */
export const TBF_ALIGN_MEM = 1 << 10;
export const TBF_THUMB_SHIFT = 23;
export const TBF_THUMB = 1 << TBF_THUMB_SHIFT;
/** The IT state (QEMU's condexec_bits: cond << 4 | mask) in bits 31:24. */
export const TBF_CONDEXEC_SHIFT = 24;

// ---- second flags word (R[TB_FLAGS2], the cs_base of the TB key): TBFLAG_A32
export const TBF2_VECLEN_MASK = 7;
export const TBF2_VECSTRIDE_SHIFT = 3;
/** FPEXC.EN (always on in Linux user mode). */
export const TBF2_VFPEN = 1 << 7;

/** Linux user mode: PL0 (mmu index 0), little-endian, ARM state, VFP enabled. */
export const TB_FLAGS_USER = 0;
export const TB_FLAGS2_USER = TBF2_VFPEN;

// ---- CPSR (target/arm/cpu.h)
export const CPSR_M = 0x1f;
export const CPSR_T = 1 << 5;
export const CPSR_F = 1 << 6;
export const CPSR_I = 1 << 7;
export const CPSR_A = 1 << 8;
export const CPSR_E = 1 << 9;
export const CPSR_IT_2_7 = 0xfc00;
export const CPSR_GE = 0xf << 16;
export const CPSR_IL = 1 << 20;
export const CPSR_J = 1 << 24;
export const CPSR_IT_0_1 = 3 << 25;
export const CPSR_Q = 1 << 27;
export const CPSR_V = 1 << 28;
export const CPSR_C = 1 << 29;
export const CPSR_Z = 1 << 30;
export const CPSR_N = 1 << 31;
export const CPSR_NZCV = CPSR_N | CPSR_Z | CPSR_C | CPSR_V | 0;
export const CPSR_IT = CPSR_IT_0_1 | CPSR_IT_2_7;
export const CPSR_AIF = CPSR_A | CPSR_I | CPSR_F;
/** What MSR may change at PL0 (QEMU's CPSR_USER). */
export const CPSR_USER = CPSR_NZCV | CPSR_Q | CPSR_GE | CPSR_E;
/** Execution-state bits MSR never changes (QEMU's CPSR_EXEC). */
export const CPSR_EXEC = CPSR_T | CPSR_IT | CPSR_J | CPSR_IL;
/** CPSR bits that exist on this CPU (aarch32_cpsr_valid_mask for cortex-a15: no Jazelle, PAN, DIT, SSBS). */
export const CPSR_VALID = CPSR_M | CPSR_AIF | CPSR_IL | CPSR_NZCV | CPSR_T | CPSR_Q | CPSR_E | CPSR_GE | CPSR_IT;
export const ARM_CPU_MODE_USR = 0x10;

/** The architectural CPSR from the split-out slots (QEMU's cpsr_read). */
export function cpsrRead(R: Int32Array): number {
  const flags = R[TB_FLAGS];
  const condexec = (flags >>> TBF_CONDEXEC_SHIFT) & 0xff;
  return (
    (R[UNCACHED_CPSR] & ~(CPSR_E | CPSR_NZCV | CPSR_Q | CPSR_GE | CPSR_T | CPSR_IT)) |
    (R[NF] & CPSR_N) |
    (R[ZF] === 0 ? CPSR_Z : 0) |
    ((R[CF] & 1) << 29) |
    ((R[VF] >>> 31) << 28) |
    ((R[QF] & 1) << 27) |
    ((R[GE] & 0xf) << 16) |
    (flags & TBF_THUMB ? CPSR_T : 0) |
    (flags & TBF_BE_DATA ? CPSR_E : 0) |
    ((condexec & 3) << 25) |
    ((condexec & 0xfc) << 8)
  );
}

/** Writes the CPSR bits in mask (QEMU's cpsr_write with CPSRWriteByInstr, for the bits user mode has). */
export function cpsrWrite(R: Int32Array, val: number, mask: number): void {
  if (mask & CPSR_NZCV) {
    R[ZF] = ~val & CPSR_Z;
    R[NF] = val;
    R[CF] = (val >>> 29) & 1;
    R[VF] = (val << 3) & CPSR_N;
  }
  if (mask & CPSR_Q) R[QF] = val & CPSR_Q ? 1 : 0;
  let flags = R[TB_FLAGS];
  if (mask & CPSR_T) flags = val & CPSR_T ? flags | TBF_THUMB : flags & ~TBF_THUMB;
  let condexec = (flags >>> TBF_CONDEXEC_SHIFT) & 0xff;
  if (mask & CPSR_IT_0_1) condexec = (condexec & ~3) | ((val >>> 25) & 3);
  if (mask & CPSR_IT_2_7) condexec = (condexec & 3) | ((val >>> 8) & 0xfc);
  flags = (flags & ~(0xff << TBF_CONDEXEC_SHIFT)) | (condexec << TBF_CONDEXEC_SHIFT);
  if (mask & CPSR_E) flags = val & CPSR_E ? flags | TBF_BE_DATA : flags & ~TBF_BE_DATA;
  R[TB_FLAGS] = flags;
  if (mask & CPSR_GE) R[GE] = (val >>> 16) & 0xf;
  const other = mask & (CPSR_M | CPSR_AIF);
  if (other) R[UNCACHED_CPSR] = (R[UNCACHED_CPSR] & ~other) | (val & other);
}

/** FPSCR bits a write keeps (vfp_set_fpscr: NZCV, the cumulative flags, AHP, DN, FZ, RMode, Len, Stride). */
export const FPSCR_WRITABLE = 0xf0000000 | 0x9f | (1 << 26) | (1 << 25) | (1 << 24) | (3 << 22) | (7 << 16) | (3 << 20) | 0;

/** QEMU's exception numbers (target/arm/cpu.h EXCP_*), as the CPU raises them. */
export const enum Excp {
  Udef = 1,
  Swi = 2,
  PrefetchAbort = 3,
  DataAbort = 4,
  Bkpt = 7,
  /** A jump to the kuser helper page (QEMU's EXCP_KERNEL_TRAP, 0x10003): the kernel emulates it. */
  KernelTrap = 0x10003,
}

/**
 * Fault status for prefetch and data aborts (the short-descriptor FSR values QEMU's user-mode
 * cpu_loop looks at): the exception's aux word is the address, auxHi the FSR.
 */
export const enum Fsr {
  Alignment = 0x1,
  TranslationL1 = 0x5,
  PermissionL1 = 0xd,
}

/** Register names as QEMU prints them (-d cpu: R00..R15) and as gdb knows them. */
export const GDB_REG_NAMES = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"];
