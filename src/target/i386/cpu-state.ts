// Where the i386 guest state lives in the register file R (slots from ENV_TARGET_BASE on), and the
// architectural constants the translator, helpers and tools share: EFLAGS bits, QEMU's hidden flags
// (hflags, the TB flags word), the lazy condition-code operations (CC_OP_*), descriptor bits and
// exception numbers. Everything is int32: EIP and the general registers are one slot each; the pc
// pair's high slot (PC_HI) stays 0.
import { ENV_TARGET_BASE } from "../../tci/state.ts";
import { FPU_BLOCK_SLOTS } from "./fpu/layout.ts";

/** EIP (the pc of the TB key; the code segment base is CS_BASE, 0 in Linux user mode). */
export const EIP = ENV_TARGET_BASE;
/** The pc pair's high word: always 0 for this 32-bit guest. */
export const PC_HI = EIP + 1;
/** The TB key's cs_base word (segs[R_CS].base). */
export const CS_BASE = EIP + 2;
/** The TB flags word: hflags | (eflags & (IOPL | TF | RF | VM | AC)), as cpu_get_tb_cpu_state. */
export const TB_FLAGS = EIP + 3;
/** General registers EAX..EDI (encoding order). */
export const REGS = EIP + 4;
/** Lazy flags: CC_DST, CC_SRC, CC_SRC2 and the pending operation CC_OP. */
export const CC_DST = REGS + 8;
export const CC_SRC = CC_DST + 1;
export const CC_SRC2 = CC_DST + 2;
export const CC_OP = CC_DST + 3;
/** The direction flag as +1 / -1 (QEMU's env->df). */
export const DF = CC_DST + 4;
/** EFLAGS without the arithmetic flags and DF (IF, TF, AC, ID, IOPL, bit 1 ...). */
export const EFLAGS = CC_DST + 5;
/** QEMU's env->hflags (CPL, CS32, SS32, ADDSEG, PE, OSFXSR, INHIBIT_IRQ ...). */
export const HFLAGS = CC_DST + 6;
/** Segment descriptor caches ES, CS, SS, DS, FS, GS: selector, base, limit, flags (4 slots each). */
export const SEGS = CC_DST + 8;
export const SEG_SLOTS = 4;
export const segSel = (seg: number) => SEGS + SEG_SLOTS * seg;
export const segBase = (seg: number) => SEGS + SEG_SLOTS * seg + 1;
export const segLimit = (seg: number) => SEGS + SEG_SLOTS * seg + 2;
export const segFlags = (seg: number) => SEGS + SEG_SLOTS * seg + 3;
/** LDTR and TR caches (same 4-slot layout), GDTR and IDTR (base, limit). */
export const LDT = SEGS + 6 * SEG_SLOTS;
export const TR = LDT + SEG_SLOTS;
export const GDT_BASE = TR + SEG_SLOTS;
export const GDT_LIMIT = GDT_BASE + 1;
export const IDT_BASE = GDT_BASE + 2;
export const IDT_LIMIT = GDT_BASE + 3;
/** The error code of the last exception (page faults: the x86 PF error code) and CR2. */
export const ERROR_CODE = GDT_BASE + 4;
export const CR2 = GDT_BASE + 5;
/** The last exception was a software interrupt (int N, int3, into): it completes at EXC_NEXT_EIP. */
export const EXC_IS_INT = GDT_BASE + 6;
export const EXC_NEXT_EIP = GDT_BASE + 7;
/** The x87 / MMX / SSE state block (src/target/i386/fpu/layout.ts). */
export const FPU = GDT_BASE + 8;
export const I386_ENV_SLOTS = FPU + FPU_BLOCK_SLOTS - ENV_TARGET_BASE;

export const reg = (r: number) => REGS + r;

// ---- EFLAGS
export const CC_C = 0x0001;
export const CC_P = 0x0004;
export const CC_A = 0x0010;
export const CC_Z = 0x0040;
export const CC_S = 0x0080;
export const CC_O = 0x0800;
export const CC_ALL = CC_O | CC_S | CC_Z | CC_A | CC_P | CC_C;
export const TF_MASK = 0x00000100;
export const IF_MASK = 0x00000200;
export const DF_MASK = 0x00000400;
export const IOPL_MASK = 0x00003000;
export const NT_MASK = 0x00004000;
export const RF_MASK = 0x00010000;
export const VM_MASK = 0x00020000;
export const AC_MASK = 0x00040000;
export const VIF_MASK = 0x00080000;
export const VIP_MASK = 0x00100000;
export const ID_MASK = 0x00200000;

// ---- hflags (QEMU's HF_*_MASK)
export const HF_CPL_MASK = 3;
export const HF_INHIBIT_IRQ_MASK = 1 << 3;
export const HF_CS32_MASK = 1 << 4;
export const HF_SS32_MASK = 1 << 5;
export const HF_ADDSEG_MASK = 1 << 6;
export const HF_PE_MASK = 1 << 7;
export const HF_TF_MASK = 1 << 8;
export const HF_MP_MASK = 1 << 9;
export const HF_EM_MASK = 1 << 10;
export const HF_TS_MASK = 1 << 11;
export const HF_RF_MASK = 1 << 16;
export const HF_OSFXSR_MASK = 1 << 22;
/** The eflags bits the TB flags word carries (cpu_get_tb_cpu_state). */
export const TB_EFLAGS_BITS = IOPL_MASK | TF_MASK | RF_MASK | VM_MASK | AC_MASK;

// ---- segment registers and descriptor bits (DESC_*)
export const R_ES = 0;
export const R_CS = 1;
export const R_SS = 2;
export const R_DS = 3;
export const R_FS = 4;
export const R_GS = 5;
export const DESC_G_MASK = 1 << 23;

/** A segment descriptor's base (words e1, e2 as in QEMU's get_seg_base). */
export function segBaseOf(e1: number, e2: number): number {
  return (e1 >>> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000) | 0;
}
/** A segment descriptor's limit in bytes, granularity applied (QEMU's get_seg_limit). */
export function segLimitOf(e1: number, e2: number): number {
  let limit = (e1 & 0xffff) | (e2 & 0x000f0000);
  if (e2 & DESC_G_MASK) limit = (limit << 12) | 0xfff;
  return limit | 0;
}
export const DESC_B_MASK = 1 << 22;
export const DESC_AVL_MASK = 1 << 20;
export const DESC_P_MASK = 1 << 15;
export const DESC_DPL_SHIFT = 13;
export const DESC_S_MASK = 1 << 12;
export const DESC_TYPE_SHIFT = 8;
export const DESC_A_MASK = 1 << 8;
export const DESC_CS_MASK = 1 << 11;
export const DESC_C_MASK = 1 << 10;
export const DESC_R_MASK = 1 << 9;
export const DESC_E_MASK = 1 << 10;
export const DESC_W_MASK = 1 << 9;

/** Linux's user selectors (GDT entries 4 and 5, RPL 3) and QEMU's GDT size. */
export const USER_CS = 0x23;
export const USER_DS = 0x2b;
export const GDT_ENTRIES = 9;
/** The TLS entries set_thread_area manages (GDT_ENTRY_TLS_MIN..MAX). */
export const GDT_ENTRY_TLS_MIN = 6;
export const GDT_ENTRY_TLS_ENTRIES = 3;

// ---- lazy condition codes (QEMU's CCOp)
export const enum CcOp {
  EFLAGS = 0,
  ADCX = 1,
  ADOX = 2,
  ADCOX = 3,
  MULB = 4,
  MULW,
  MULL,
  MULQ,
  ADDB,
  ADDW,
  ADDL,
  ADDQ,
  ADCB,
  ADCW,
  ADCL,
  ADCQ,
  SUBB,
  SUBW,
  SUBL,
  SUBQ,
  SBBB,
  SBBW,
  SBBL,
  SBBQ,
  LOGICB,
  LOGICW,
  LOGICL,
  LOGICQ,
  INCB,
  INCW,
  INCL,
  INCQ,
  DECB,
  DECW,
  DECL,
  DECQ,
  SHLB,
  SHLW,
  SHLL,
  SHLQ,
  SARB,
  SARW,
  SARL,
  SARQ,
  BMILGB,
  BMILGW,
  BMILGL,
  BMILGQ,
  BLSIB,
  BLSIW,
  BLSIL,
  BLSIQ,
  POPCNTB_,
  POPCNTW_,
  POPCNTL_,
  POPCNTQ_,
  /**
   * QEMU's enum declares CC_OP_POPCNT = CC_OP_POPCNTL__ (a 32-bit target) just before CC_OP_DYNAMIC,
   * so C numbers CC_OP_DYNAMIC one past POPCNTL: 0x37, the unused POPCNTQ's value. The same number
   * here keeps `-d op`'s insn_start words (pc, cc_op) identical to qemu-i386's.
   */
  DYNAMIC = POPCNTL_ + 1,
}
/** The one POPCNT operation of a 32-bit target (MO_TL size). */
export const CC_OP_POPCNT = CcOp.POPCNTL_;

/** Names as QEMU's cc_op_str prints them (-d cpu "CCO="; null: QEMU prints "[n]"). */
// prettier-ignore
export const CC_OP_NAMES: readonly (string | null)[] = [
  "EFLAGS", "ADCX", "ADOX", "ADCOX",
  "MULB", "MULW", "MULL", "MULQ",
  "ADDB", "ADDW", "ADDL", "ADDQ",
  "ADCB", "ADCW", "ADCL", "ADCQ",
  "SUBB", "SUBW", "SUBL", "SUBQ",
  "SBBB", "SBBW", "SBBL", "SBBQ",
  "LOGICB", "LOGICW", "LOGICL", "LOGICQ",
  "INCB", "INCW", "INCL", "INCQ",
  "DECB", "DECW", "DECL", "DECQ",
  "SHLB", "SHLW", "SHLL", "SHLQ",
  "SARB", "SARW", "SARL", "SARQ",
  "BMILGB", "BMILGW", "BMILGL", "BMILGQ",
  null, null, null, null,
  null, null, "POPCNT", "DYNAMIC",
];

/** The operand size (MO_8..MO_64) of a sized CC_OP (cc_op_size). */
export function ccOpSize(op: number): number {
  return (op - CcOp.MULB) & 3;
}

/** CC_OP_HAS_EFLAGS: CC_SRC holds the flags (EFLAGS, ADCX, ADOX, ADCOX). */
export function ccOpHasEflags(op: number): boolean {
  return op >= CcOp.EFLAGS && op <= CcOp.ADCOX;
}

// ---- exceptions (QEMU's EXCP* numbers); Linux user mode turns them into signals
export const enum I386Excp {
  DIVZ = 0,
  DB = 1,
  NMI = 2,
  INT3 = 3,
  INTO = 4,
  BOUND = 5,
  ILLOP = 6,
  PREX = 7,
  DFLT = 8,
  TSS = 10,
  NOSEG = 11,
  STACK = 12,
  GPF = 13,
  PAGE = 14,
  MCHK = 18,
  /** int $0x80: the syscall (QEMU raises the vector number itself). */
  SYSCALL = 0x80,
  /** PAUSE ends the TB and lets the main loop run (EXCP_INTERRUPT): a no-op for Linux. */
  INTERRUPT = 0x10000,
}

/** x86 page-fault error code bits (PG_ERROR_*). */
export const PG_ERROR_P_MASK = 1;
export const PG_ERROR_W_MASK = 2;
export const PG_ERROR_U_MASK = 4;
export const PG_ERROR_I_D_MASK = 0x10;
