// The decoded form of one i386 instruction: the record the decoder fills (one per decoder, reused
// for every instruction) and the translator reads. It mirrors QEMU's X86DecodedInsn
// (target/i386/tcg/decode-new.h) so that stage 2 can follow emit.c.inc operand by operand: an entry
// (operation id, operand types and sizes, flags) plus up to three decoded operands (unit, register
// number, MemOp size, whether it is the memory operand) and the decomposed memory address.
import type { I386Op } from "./ops.ts";

/** Prefix bits (QEMU's PREFIX_*); REPZ and REPNZ exclude each other (the last one wins). */
export const PREFIX_REPZ = 0x01;
export const PREFIX_REPNZ = 0x02;
export const PREFIX_LOCK = 0x04;
export const PREFIX_DATA = 0x08;
export const PREFIX_ADR = 0x10;
export const PREFIX_VEX = 0x20;

/** MemOp sizes (log2 of the byte count), as QEMU's MO_8..MO_256. */
export const MO_8 = 0;
export const MO_16 = 1;
export const MO_32 = 2;
export const MO_64 = 3;
export const MO_128 = 4;
export const MO_256 = 5;

/** General registers in encoding order. */
export const R_EAX = 0;
export const R_ECX = 1;
export const R_EDX = 2;
export const R_EBX = 3;
export const R_ESP = 4;
export const R_EBP = 5;
export const R_ESI = 6;
export const R_EDI = 7;

/** Segment registers in encoding order (the sreg field of MOV Sw). */
export const R_ES = 0;
export const R_CS = 1;
export const R_SS = 2;
export const R_DS = 3;
export const R_FS = 4;
export const R_GS = 5;

/** Where an operand lives (QEMU's X86OpUnit). */
export const enum Unit {
  /** no operand, or one the gen function handles itself (string operands, nop, implicit) */
  SKIP = 0,
  SEG = 1,
  CR = 2,
  DR = 3,
  /** a general register (n) or the memory operand (hasEa) loaded as an integer */
  INT = 4,
  IMM = 5,
  /** an XMM register (n) or a memory operand of that size */
  SSE = 6,
  /** an MMX register (n) or a memory operand of that size */
  MMX = 7,
}

/** Operand types of the decode tables (QEMU's X86OpType, Intel SDM appendix A letters). */
export const enum T {
  None = 0,
  A, // implicit
  B, // VEX.vvvv selects a GPR
  C, // reg selects a control register
  D, // reg selects a debug register
  E, // modrm: GPR or memory
  F, // EFLAGS
  G, // reg selects a GPR
  H, // VEX.vvvv selects an XMM register (without VEX: the destination again)
  I, // immediate, sign-extended
  J, // relative branch offset
  L, // upper 4 bits of an immediate select an XMM register
  M, // modrm: memory only
  N, // rm selects an MMX register (mod = 3 only)
  O, // absolute address in the instruction (moffs)
  P, // reg selects an MMX register
  Q, // modrm: MMX register or memory
  R, // rm selects a GPR (mod = 3 only)
  S, // reg selects a segment register
  U, // rm selects an XMM register (mod = 3 only)
  V, // reg selects an XMM register
  W, // modrm: XMM register or memory
  X, // string source DS:eSI
  Y, // string destination ES:eDI
  EM, // modrm: memory only, integer unit
  WM, // modrm: memory only, SSE unit
  I_unsigned, // immediate, zero-extended
  nop, // modrm decoded (any mod) but not interpreted
  TwoOp, // same as operand 0 (2-operand read-modify-write)
  LoBits, // register in bits 0-2 of the opcode
  R0, // fixed general registers eAX..eDI
  R1,
  R2,
  R3,
  R4,
  R5,
  R6,
  R7,
  ES, // fixed segment registers
  CS,
  SS,
  DS,
  FS,
  GS,
}

/** Operand sizes of the decode tables (QEMU's X86OpSize). */
export const enum Z {
  None = 0,
  a, // BOUND operand pair
  b,
  d,
  dq,
  p, // far pointer: offset size is the operand size
  pd,
  pi,
  ps,
  q,
  qq,
  s, // descriptor
  sd,
  ss,
  si,
  v, // 16/32 by operand size
  w,
  x, // 128/256 by VEX.L (64 for the MMX form)
  y, // 32 (64 with REX.W)
  y_d64,
  z, // 16 or 32 by operand size
  z_f64,
  d64,
  f64,
  xh, // half of an x operand
}

/** How the instruction treats LOCK and operand loading (QEMU's X86InsnSpecial). */
export const enum Special {
  None = 0,
  HasLock, // LOCK allowed with a memory destination
  Locked, // always locked with a memory destination (XCHG)
  BitTest, // like HasLock; operand 2 also displaces the memory address (BT* Ev,Gv)
  NoLoadEA, // the gen function computes the address itself
  Op0_Rd, // a register destination is always 32 bits
  Op2_Ry, // a register source is 32 bits (no high-byte registers)
  AVXExtMov,
  MMX, // no prefix: V/H/W/U become P/P/Q/N and x becomes q
  SExtT0, // operand 1 sign-extended when loaded
  ZExtT0, // operand 1 zero-extended when loaded
  Op0_Mw, // memory destination of MOV from a segment register is 16 bits
}

/** Exceptions the decoder can raise by itself (QEMU's EXCP* numbers). */
export const enum Fault {
  NONE = 0,
  /** #UD: invalid or unsupported instruction (SIGILL in user mode) */
  UD = 6,
  /** #GP: longer than 15 bytes, or privileged at CPL 3 (SIGSEGV in user mode) */
  GP = 13,
}

/** Checks of the decode tables (QEMU's X86InsnCheck). */
export const CHECK_I64 = 1;
export const CHECK_O64 = 2;
export const CHECK_NO_VM86 = 4;
export const CHECK_CPL0 = 8;
export const CHECK_VM86_IOPL = 16;
export const CHECK_CPL_IOPL = 32;
export const CHECK_IOPL = CHECK_CPL_IOPL | CHECK_VM86_IOPL;
export const CHECK_VEX128 = 64;
export const CHECK_W0 = 128;
export const CHECK_W1 = 256;
export const CHECK_PROT_OR_VM86 = 512;
export const CHECK_PROT = CHECK_PROT_OR_VM86 | CHECK_NO_VM86;
export const CHECK_SMM = 1024;
export const CHECK_I64_AMD = 2048;
export const CHECK_O64_INTEL = 4096;

/** Opcode maps. */
export const MAP_1BYTE = 0;
export const MAP_0F = 1;
export const MAP_0F38 = 2;
export const MAP_0F3A = 3;

/**
 * One decoded instruction. The decoder overwrites every field on each call, so a translator keeps one
 * instance and reads it before decoding the next instruction.
 */
export class I386Insn {
  /** address of the first byte (prefixes included) */
  pc = 0;
  /** bytes consumed: the instruction length, or how far QEMU read before raising `fault` */
  len = 0;
  /** the bytes read (len of them; at most 15 + 4 when too long) */
  readonly bytes = new Uint8Array(20);
  /** Fault.NONE, or the exception the instruction raises instead of executing */
  fault: Fault = Fault.NONE;

  /** PREFIX_* bits; for SSE forms F2/F3 cancel 66 as in QEMU's validate_sse_prefix */
  prefix = 0;
  /** segment override (R_ES..R_GS) or -1 */
  override = -1;
  /** operand and address size (MO_16 or MO_32) */
  dflag = MO_32;
  aflag = MO_32;
  /** VEX fields (an i686 model never accepts VEX, but its length still follows the encoding) */
  vexL = 0;
  vexV = 0;
  vexW = 0;

  /** MAP_* of the opcode and its last opcode byte (for 0F 0F 3DNow! the suffix is `immediate`) */
  map = MAP_1BYTE;
  b = 0;
  hasModrm = false;
  modrm = 0;

  /** the operation: a QEMU gen_* function name (see ops.ts) */
  op = 0 as I386Op;
  /** table operand types/sizes after group decoding (QEMU's decode->e) */
  readonly type = new Int8Array(4);
  readonly size = new Int8Array(4);
  special: Special = Special.None;
  check = 0;
  /** operand 3 is an 8-bit immediate (4-operand SSE forms) */
  hasOp3Imm = false;

  /** decoded operands 0..2 (QEMU's decode->op[]): unit, register number (-1 for memory), MemOp size */
  readonly unit = new Int8Array(3);
  readonly n = new Int8Array(3);
  readonly ot = new Int8Array(3);
  readonly hasEa = [false, false, false];
  /** immediate of each IMM operand (unsigned 32-bit for I_unsigned, else sign-extended) */
  readonly opImm = new Int32Array(3);
  /** the rightmost immediate, as QEMU's decode->immediate */
  immediate = 0;

  /** memory address parts (QEMU's AddressParts): base/index -1 when absent; scale is log2 */
  memDefSeg = R_DS;
  memBase = -1;
  memIndex = -1;
  memScale = 0;
  memDisp = 0;

  /** x87 (D8-DF): ((b & 7) << 3) | reg, as QEMU's gen_x87 switches on */
  x87Op = 0;

  /** condition code of Jcc/SETcc/CMOVcc/FCMOVcc: the low nibble of the opcode */
  get cc(): number {
    return this.b & 15;
  }
  get mod(): number {
    return this.modrm >> 6;
  }
  get reg(): number {
    return (this.modrm >> 3) & 7;
  }
  get rm(): number {
    return this.modrm & 7;
  }
  /** the segment a memory operand uses: the override, else the default of its base */
  get memSeg(): number {
    return this.override >= 0 ? this.override : this.memDefSeg;
  }
  /** true when some operand is the modrm/moffs memory operand */
  get hasMem(): boolean {
    return this.hasEa[0] || this.hasEa[1] || this.hasEa[2];
  }
}
