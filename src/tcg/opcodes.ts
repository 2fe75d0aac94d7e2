// The TCG intermediate representation's op set, modeled on QEMU's include/tcg/tcg-opc.h.
//
// Ops are type-generic (as in QEMU 10): an op carries its type (I32 or I64) separately. Each op's
// arguments are laid out as outputs, then inputs (both temp ids), then constants (condition codes, bit
// positions, labels, MemOps, helper ids...). `call` is the only op with a variable number of outputs
// and inputs; it stores them in its Op record.

export const enum Type {
  I32 = 0,
  I64 = 1,
}

export const enum Opc {
  mov,
  add,
  sub,
  neg,
  mul,
  mulu2,
  muls2,
  muluh,
  mulsh,
  divs,
  divu,
  rems,
  remu,
  and,
  or,
  xor,
  not,
  andc,
  orc,
  eqv,
  nand,
  nor,
  shl,
  shr,
  sar,
  rotl,
  rotr,
  clz,
  ctz,
  ctpop,
  extract,
  sextract,
  deposit,
  extract2,
  bswap16,
  bswap32,
  bswap64,
  setcond,
  negsetcond,
  movcond,
  brcond,
  add2,
  sub2,
  brcond2,
  setcond2,
  ext_i32_i64,
  extu_i32_i64,
  extrl_i64_i32,
  extrh_i64_i32,
  br,
  set_label,
  ld8u,
  ld8s,
  ld16u,
  ld16s,
  ld32u,
  ld32s,
  ld,
  st8,
  st16,
  st32,
  st,
  qemu_ld,
  qemu_st,
  call,
  insn_start,
  goto_tb,
  exit_tb,
  goto_ptr,
  lookup_and_goto_ptr,
  mb,
  tb_start,
  discard,
}

/** Op flags, in the spirit of QEMU's TCG_OPF_*. */
export const OPF_BB_END = 1; // ends a basic block (branches, labels, TB exits)
export const OPF_SIDE_EFFECTS = 2; // must not be removed even if its outputs are dead
export const OPF_CAN_FAULT = 4; // may raise a guest exception: globals must be up to date before it
export const OPF_TB_EXIT = 8; // leaves the TB: every global is live after it
export const OPF_COND_BRANCH = 16;

export interface OpDef {
  name: string;
  nOut: number;
  nIn: number;
  nConst: number;
  flags: number;
}

function d(name: string, nOut: number, nIn: number, nConst: number, flags = 0): OpDef {
  return { name, nOut, nIn, nConst, flags };
}

const SE = OPF_SIDE_EFFECTS;
/** Indexed by Opc. */
export const OP_DEFS: readonly OpDef[] = [
  d("mov", 1, 1, 0),
  d("add", 1, 2, 0),
  d("sub", 1, 2, 0),
  d("neg", 1, 1, 0),
  d("mul", 1, 2, 0),
  d("mulu2", 2, 2, 0),
  d("muls2", 2, 2, 0),
  d("muluh", 1, 2, 0),
  d("mulsh", 1, 2, 0),
  d("divs", 1, 2, 0),
  d("divu", 1, 2, 0),
  d("rems", 1, 2, 0),
  d("remu", 1, 2, 0),
  d("and", 1, 2, 0),
  d("or", 1, 2, 0),
  d("xor", 1, 2, 0),
  d("not", 1, 1, 0),
  d("andc", 1, 2, 0),
  d("orc", 1, 2, 0),
  d("eqv", 1, 2, 0),
  d("nand", 1, 2, 0),
  d("nor", 1, 2, 0),
  d("shl", 1, 2, 0),
  d("shr", 1, 2, 0),
  d("sar", 1, 2, 0),
  d("rotl", 1, 2, 0),
  d("rotr", 1, 2, 0),
  d("clz", 1, 2, 0),
  d("ctz", 1, 2, 0),
  d("ctpop", 1, 1, 0),
  d("extract", 1, 1, 2),
  d("sextract", 1, 1, 2),
  d("deposit", 1, 2, 2),
  d("extract2", 1, 2, 1),
  d("bswap16", 1, 1, 1),
  d("bswap32", 1, 1, 1),
  d("bswap64", 1, 1, 1),
  d("setcond", 1, 2, 1),
  d("negsetcond", 1, 2, 1),
  d("movcond", 1, 4, 1),
  d("brcond", 0, 2, 2, OPF_BB_END | OPF_COND_BRANCH),
  d("add2", 2, 4, 0),
  d("sub2", 2, 4, 0),
  d("brcond2", 0, 4, 2, OPF_BB_END | OPF_COND_BRANCH),
  d("setcond2", 1, 4, 1),
  d("ext_i32_i64", 1, 1, 0),
  d("extu_i32_i64", 1, 1, 0),
  d("extrl_i64_i32", 1, 1, 0),
  d("extrh_i64_i32", 1, 1, 0),
  d("br", 0, 0, 1, OPF_BB_END),
  d("set_label", 0, 0, 1, OPF_BB_END),
  d("ld8u", 1, 0, 1),
  d("ld8s", 1, 0, 1),
  d("ld16u", 1, 0, 1),
  d("ld16s", 1, 0, 1),
  d("ld32u", 1, 0, 1),
  d("ld32s", 1, 0, 1),
  d("ld", 1, 0, 1),
  d("st8", 0, 1, 1, SE),
  d("st16", 0, 1, 1, SE),
  d("st32", 0, 1, 1, SE),
  d("st", 0, 1, 1, SE),
  d("qemu_ld", 1, 1, 3, SE | OPF_CAN_FAULT),
  d("qemu_st", 0, 2, 3, SE | OPF_CAN_FAULT),
  d("call", 0, 0, 1, 0), // counts live in the Op record
  d("insn_start", 0, 0, 3, SE),
  d("goto_tb", 0, 0, 1, SE | OPF_BB_END),
  d("exit_tb", 0, 0, 1, SE | OPF_BB_END | OPF_TB_EXIT),
  d("goto_ptr", 0, 1, 0, SE | OPF_BB_END | OPF_TB_EXIT),
  d("lookup_and_goto_ptr", 0, 0, 0, SE | OPF_BB_END | OPF_TB_EXIT),
  d("mb", 0, 0, 1, SE),
  d("tb_start", 0, 0, 2, SE),
  d("discard", 1, 0, 0),
];

/** Comparison conditions, numbered as in QEMU's TCGCond. */
export const enum Cond {
  NEVER = 0,
  ALWAYS = 1,
  EQ = 8,
  NE = 9,
  LT = 2,
  GE = 3,
  LE = 4,
  GT = 5,
  LTU = 6,
  GEU = 7,
  LEU = 10,
  GTU = 11,
  TSTEQ = 12,
  TSTNE = 13,
}

export const COND_NAMES: Record<number, string> = {
  0: "never",
  1: "always",
  8: "eq",
  9: "ne",
  2: "lt",
  3: "ge",
  4: "le",
  5: "gt",
  6: "ltu",
  7: "geu",
  10: "leu",
  11: "gtu",
  12: "tsteq",
  13: "tstne",
};

export function invertCond(c: Cond): Cond {
  switch (c) {
    case Cond.NEVER:
      return Cond.ALWAYS;
    case Cond.ALWAYS:
      return Cond.NEVER;
    case Cond.EQ:
      return Cond.NE;
    case Cond.NE:
      return Cond.EQ;
    case Cond.LT:
      return Cond.GE;
    case Cond.GE:
      return Cond.LT;
    case Cond.LE:
      return Cond.GT;
    case Cond.GT:
      return Cond.LE;
    case Cond.LTU:
      return Cond.GEU;
    case Cond.GEU:
      return Cond.LTU;
    case Cond.LEU:
      return Cond.GTU;
    case Cond.GTU:
      return Cond.LEU;
    case Cond.TSTEQ:
      return Cond.TSTNE;
    case Cond.TSTNE:
      return Cond.TSTEQ;
  }
  throw new Error(`bad cond ${c}`);
}

/** The condition that gives the same answer with the operands swapped. */
export function swapCond(c: Cond): Cond {
  switch (c) {
    case Cond.LT:
      return Cond.GT;
    case Cond.GT:
      return Cond.LT;
    case Cond.LE:
      return Cond.GE;
    case Cond.GE:
      return Cond.LE;
    case Cond.LTU:
      return Cond.GTU;
    case Cond.GTU:
      return Cond.LTU;
    case Cond.LEU:
      return Cond.GEU;
    case Cond.GEU:
      return Cond.LEU;
    default:
      return c; // EQ, NE, TSTEQ, TSTNE, NEVER, ALWAYS are symmetric
  }
}

/** MemOp, as in QEMU's include/exec/memop.h (the subset tciemu uses). */
export const MO_8 = 0;
export const MO_16 = 1;
export const MO_32 = 2;
export const MO_64 = 3;
export const MO_SIZE = 3;
export const MO_SIGN = 4;
export const MO_BSWAP = 8; // guest is big-endian relative to the (little-endian) host
export const MO_ALIGN = 16; // the access must be naturally aligned, else it faults
/** The load half of an atomic read-modify-write (AMO, SC): its faults are reported as stores. */
export const MO_RMW = 32;
/** The access must be 4-byte aligned, whatever its size (QEMU's MO_ALIGN_4: ARM's LDRD, VLDR.64). */
export const MO_ALIGN_4 = 64;
export const MO_UB = MO_8;
export const MO_SB = MO_8 | MO_SIGN;
export const MO_UW = MO_16;
export const MO_SW = MO_16 | MO_SIGN;
export const MO_UL = MO_32;
export const MO_SL = MO_32 | MO_SIGN;
export const MO_UQ = MO_64;

/** QEMU-style helper flags (TCG_CALL_*). */
export const CALL_NO_READ_GLOBALS = 1; // implies NO_WRITE_GLOBALS
export const CALL_NO_WRITE_GLOBALS = 2;
export const CALL_NO_SIDE_EFFECTS = 4; // may be deleted when its result is unused
export const CALL_NO_RWG_SE = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_SIDE_EFFECTS;
