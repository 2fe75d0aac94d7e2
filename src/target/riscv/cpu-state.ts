// Where the RISC-V guest state lives in the register file R (slots from ENV_TARGET_BASE on), and the
// architectural exception causes. Every 64-bit register is a pair of slots (low word first).
import { ENV_TARGET_BASE } from "../../tci/state.ts";

export const PC = ENV_TARGET_BASE; // pair
/** TB flags word: everything the translator specialises on (privilege/mmu index, FS state...). */
export const TB_FLAGS = PC + 2;
export const FFLAGS = PC + 3; // accrued exception flags (5 bits)
export const FRM = PC + 4; // dynamic rounding mode (3 bits)
export const XREG = PC + 6; // x0..x31: XREG + 2*i (x0's pair is never written)
export const FREG = XREG + 64; // f0..f31
export const LOAD_RES = FREG + 64; // LR/SC reservation address (pair; -1 when none)
export const LOAD_VAL = LOAD_RES + 2; // value seen by LR (pair)
export const RISCV_ENV_SLOTS = LOAD_VAL + 2 - ENV_TARGET_BASE + 2;

export const xslot = (i: number) => XREG + 2 * i;

/**
 * TB flags (R[TB_FLAGS]): everything the translator specialises on. A change of mode selects other
 * TBs instead of invalidating any.
 *   bits 0-1  privilege of instruction fetch and of ecall/xret checks (0 U, 1 S, 3 M)
 *   bits 2-4  mmu index of data accesses (the privilege, with MPRV applied, + 4 when SUM is set)
 *   bits 5-6  mstatus.FS (0 off: FP instructions trap; 3 dirty)
 */
export const TBF_PRIV_MASK = 3;
export const TBF_MEMIDX_SHIFT = 2;
export const TBF_FS_SHIFT = 5;
/** Linux user mode: user privilege, FP on and dirty. */
export const TB_FLAGS_USER = 3 << TBF_FS_SHIFT;
export const fslot = (i: number) => FREG + 2 * i;

/** mcause values for synchronous exceptions. */
export const enum Excp {
  InsnMisaligned = 0,
  InsnAccessFault = 1,
  IllegalInsn = 2,
  Breakpoint = 3,
  LoadMisaligned = 4,
  LoadAccessFault = 5,
  StoreMisaligned = 6,
  StoreAccessFault = 7,
  UEcall = 8,
  SEcall = 9,
  MEcall = 11,
  InsnPageFault = 12,
  LoadPageFault = 13,
  StorePageFault = 15,
}

/** ABI register names, for logs and the debugger. */
export const ABI_NAMES = [
  "zero",
  "ra",
  "sp",
  "gp",
  "tp",
  "t0",
  "t1",
  "t2",
  "s0",
  "s1",
  "a0",
  "a1",
  "a2",
  "a3",
  "a4",
  "a5",
  "a6",
  "a7",
  "s2",
  "s3",
  "s4",
  "s5",
  "s6",
  "s7",
  "s8",
  "s9",
  "s10",
  "s11",
  "t3",
  "t4",
  "t5",
  "t6",
];
