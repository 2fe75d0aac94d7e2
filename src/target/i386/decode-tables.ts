// The opcode tables of the i386 decoder, entry for entry those of QEMU 10's
// target/i386/tcg/decode-new.c.inc (opcodes_root, opcodes_0F, opcodes_0F38_*, opcodes_0F3A and the
// decode_* group functions), so that an instruction is valid, invalid, and as long exactly when it is
// under qemu-i386. Entries are written in the same shorthand as QEMU's X86_OP_ENTRY* macros:
//   e3("ADD", "E,b", "2op,b", "G,b", "lock")   operands 0 (written), 1 and 2 (read), then flags
// Flags: lock xchg btEvGv nolea mmx sextT0 zextT0 op0_Rd op2_Ry op0_Mw avx_movx, vexN[_rep3|_unal|_rep5],
// avx2_256, p_00/p_66/... (accepted SSE prefixes), cpuid(FEATURE), chk(i64,...).
// VEX encodings are kept so that their length is QEMU's; the model has no AVX, so all of them fault.
import {
  CHECK_CPL0,
  CHECK_I64,
  CHECK_I64_AMD,
  CHECK_IOPL,
  CHECK_O64,
  CHECK_O64_INTEL,
  CHECK_PROT,
  CHECK_PROT_OR_VM86,
  CHECK_SMM,
} from "./insn.ts";
import { CHECK_VEX128, CHECK_VM86_IOPL, CHECK_W0, CHECK_W1, PREFIX_DATA, PREFIX_REPNZ, PREFIX_REPZ, PREFIX_VEX } from "./insn.ts";
import { MAP_0F, MAP_0F38, MAP_0F3A, Special, T, Z } from "./insn.ts";
import { Op, type I386Op, type I386OpName } from "./ops.ts";

/** CPUID features the decoder checks (QEMU's X86CPUIDFeature). */
export const enum Feat {
  None = 0,
  THREEDNOW,
  ADX,
  AES,
  AVX,
  AVX2,
  BMI1,
  BMI2,
  CLFLUSH,
  CLFLUSHOPT,
  CLWB,
  CMOV,
  CMPCCXADD,
  CX8,
  CX16,
  F16C,
  FMA,
  FSGSBASE,
  FXSR,
  MOVBE,
  PCLMULQDQ,
  POPCNT,
  SHA_NI,
  SSE,
  SSE2,
  SSE3,
  SSSE3,
  SSE41,
  SSE42,
  SSE4A,
  XSAVE,
  XSAVEOPT,
}

/** X86VEXSpecial */
export const enum VexSpecial {
  None = 0,
  SSEUnaligned,
  REPScalar,
  AVX2_256,
}

/** gen = -1 marks QEMU's gen_multi0F (0F 00, 0F 01, 0F 1A, 0F 1B, 0F C7 /reg): the decoder picks the instruction. */
export const GEN_MULTI0F = -1;
/** gen = -2 marks gen_x87 (D8-DF). */
export const GEN_X87 = -2;

/** Accepted-prefix bits (QEMU's P_00, P_66, P_F3, P_F2): bit (prefix & (REPZ|REPNZ|DATA)). */
export const P_00 = 1;
export const P_66 = 1 << PREFIX_DATA;
export const P_F3 = 1 << PREFIX_REPZ;
export const P_F2 = 1 << PREFIX_REPNZ;

/** What a group decode function may look at and fetch (implemented by the decoder). */
export interface DecodeCtx {
  prefix: number;
  vexL: number;
  /** fetches the modrm byte once */
  getModrm(): number;
  /** fetches the next code byte */
  ldub(): number;
  /** opcode map of the last opcode byte (MAP_*), set by the 0F/0F38/0F3A decoders */
  map: number;
  /** MOV to/from CR/DR: the mod bits are taken as 11b whatever they are */
  forceModReg(): void;
  /** POP Ev addresses with ESP after the pop: QEMU's popl_esp_hack (bytes to add) */
  popEspHack: number;
  dflag: number;
}

export type DecodeFn = (s: DecodeCtx, e: OpEntry, b: { v: number }) => void;

/** One table entry (QEMU's X86OpEntry); the decoder works on a copy that group functions rewrite. */
export interface OpEntry {
  gen: I386Op;
  decode: DecodeFn | null;
  op0: T;
  s0: Z;
  op1: T;
  s1: Z;
  op2: T;
  s2: Z;
  op3Imm: boolean;
  special: Special;
  cpuid: Feat;
  vexClass: number;
  vexSpecial: VexSpecial;
  validPrefix: number;
  check: number;
}

export function emptyEntry(): OpEntry {
  return {
    gen: 0,
    decode: null,
    op0: T.None,
    s0: Z.None,
    op1: T.None,
    s1: Z.None,
    op2: T.None,
    s2: Z.None,
    op3Imm: false,
    special: Special.None,
    cpuid: Feat.None,
    vexClass: 0,
    vexSpecial: VexSpecial.None,
    validPrefix: 0,
    check: 0,
  };
}

export function copyEntry(dst: OpEntry, src: OpEntry): void {
  dst.gen = src.gen;
  dst.decode = src.decode;
  dst.op0 = src.op0;
  dst.s0 = src.s0;
  dst.op1 = src.op1;
  dst.s1 = src.s1;
  dst.op2 = src.op2;
  dst.s2 = src.s2;
  dst.op3Imm = src.op3Imm;
  dst.special = src.special;
  dst.cpuid = src.cpuid;
  dst.vexClass = src.vexClass;
  dst.vexSpecial = src.vexSpecial;
  dst.validPrefix = src.validPrefix;
  dst.check = src.check;
}

/** UNKNOWN_OPCODE: an all-zero entry (no gen, no operands). */
export const UNKNOWN: OpEntry = emptyEntry();

// ---- the shorthand -------------------------------------------------------------------------------

const TYPES: Record<string, T> = {
  None: T.None, A: T.A, B: T.B, C: T.C, D: T.D, E: T.E, F: T.F, G: T.G, H: T.H, I: T.I, J: T.J, L: T.L, M: T.M,
  N: T.N, O: T.O, P: T.P, Q: T.Q, R: T.R, S: T.S, U: T.U, V: T.V, W: T.W, X: T.X, Y: T.Y, EM: T.EM, WM: T.WM,
  I_unsigned: T.I_unsigned, nop: T.nop, "2op": T.TwoOp, LoBits: T.LoBits,
  "0": T.R0, "1": T.R1, "2": T.R2, "3": T.R3, "4": T.R4, "5": T.R5, "6": T.R6, "7": T.R7,
  ES: T.ES, CS: T.CS, SS: T.SS, DS: T.DS, FS: T.FS, GS: T.GS,
}; // prettier-ignore
const SIZES: Record<string, Z> = {
  None: Z.None, a: Z.a, b: Z.b, d: Z.d, dq: Z.dq, p: Z.p, pd: Z.pd, pi: Z.pi, ps: Z.ps, q: Z.q, qq: Z.qq, s: Z.s,
  sd: Z.sd, ss: Z.ss, si: Z.si, v: Z.v, w: Z.w, x: Z.x, y: Z.y, y_d64: Z.y_d64, z: Z.z, z_f64: Z.z_f64,
  d64: Z.d64, f64: Z.f64, xh: Z.xh,
}; // prettier-ignore
const FEATS: Record<string, Feat> = {
  "3DNOW": Feat.THREEDNOW, ADX: Feat.ADX, AES: Feat.AES, AVX: Feat.AVX, AVX2: Feat.AVX2, BMI1: Feat.BMI1,
  BMI2: Feat.BMI2, CLFLUSH: Feat.CLFLUSH, CLFLUSHOPT: Feat.CLFLUSHOPT, CLWB: Feat.CLWB, CMOV: Feat.CMOV,
  CMPCCXADD: Feat.CMPCCXADD, CX8: Feat.CX8, CX16: Feat.CX16, F16C: Feat.F16C, FMA: Feat.FMA,
  FSGSBASE: Feat.FSGSBASE, FXSR: Feat.FXSR, MOVBE: Feat.MOVBE, PCLMULQDQ: Feat.PCLMULQDQ, POPCNT: Feat.POPCNT,
  SHA_NI: Feat.SHA_NI, SSE: Feat.SSE, SSE2: Feat.SSE2, SSE3: Feat.SSE3, SSSE3: Feat.SSSE3, SSE41: Feat.SSE41,
  SSE42: Feat.SSE42, SSE4A: Feat.SSE4A, XSAVE: Feat.XSAVE, XSAVEOPT: Feat.XSAVEOPT,
}; // prettier-ignore
const CHECKS: Record<string, number> = {
  i64: CHECK_I64, o64: CHECK_O64, cpl0: CHECK_CPL0, vm86_iopl: CHECK_VM86_IOPL, iopl: CHECK_IOPL, VEX128: CHECK_VEX128,
  W0: CHECK_W0, W1: CHECK_W1, prot_or_vm86: CHECK_PROT_OR_VM86, prot: CHECK_PROT, smm: CHECK_SMM,
  i64_amd: CHECK_I64_AMD, o64_intel: CHECK_O64_INTEL,
}; // prettier-ignore
const PREFIXES: Record<string, number> = {
  p_00: P_00, p_66: P_66, p_f3: P_F3, p_f2: P_F2, p_00_66: P_00 | P_66, p_00_f3: P_00 | P_F3, p_66_f2: P_66 | P_F2,
  p_00_66_f3: P_00 | P_66 | P_F3, p_66_f3_f2: P_66 | P_F3 | P_F2, p_00_66_f3_f2: P_00 | P_66 | P_F3 | P_F2,
}; // prettier-ignore
const SPECIALS: Record<string, Special> = {
  lock: Special.HasLock, xchg: Special.Locked, btEvGv: Special.BitTest, nolea: Special.NoLoadEA, mmx: Special.MMX,
  sextT0: Special.SExtT0, zextT0: Special.ZExtT0, op0_Rd: Special.Op0_Rd, op2_Ry: Special.Op2_Ry,
  op0_Mw: Special.Op0_Mw, avx_movx: Special.AVXExtMov,
}; // prettier-ignore

function operand(spec: string): [T, Z] {
  const [t, z] = spec.split(",");
  const ty = TYPES[t!];
  const sz = SIZES[z!];
  if (ty === undefined || sz === undefined) throw new Error(`i386 decode table: bad operand ${spec}`);
  return [ty, sz];
}

function applyFlags(e: OpEntry, flags: string): OpEntry {
  for (const f of flags.split(/\s+/)) {
    if (f === "") continue;
    let m: RegExpMatchArray | null;
    if (f in SPECIALS) e.special = SPECIALS[f]!;
    else if (f in PREFIXES) e.validPrefix = PREFIXES[f]!;
    else if ((m = /^vex(\d+)(?:_(rep3|unal|rep5))?$/.exec(f))) {
      e.vexClass = Number(m[1]);
      if (m[2] === "unal") e.vexSpecial = VexSpecial.SSEUnaligned;
      else if (m[2]) e.vexSpecial = VexSpecial.REPScalar;
    } else if (f === "avx2_256") e.vexSpecial = VexSpecial.AVX2_256;
    else if ((m = /^cpuid\((\w+)\)$/.exec(f))) e.cpuid = FEATS[m[1]!]!;
    else if ((m = /^chk\(([\w,]+)\)$/.exec(f))) for (const c of m[1]!.split(",")) e.check |= CHECKS[c]!;
    else throw new Error(`i386 decode table: bad flag ${f}`);
  }
  return e;
}

function build(gen: I386OpName | null, decode: DecodeFn | null, a: string, b: string, c: string, flags: string, op3Imm = false): OpEntry {
  const e = emptyEntry();
  e.gen = gen === null ? 0 : Op[gen];
  e.decode = decode;
  [e.op0, e.s0] = operand(a);
  [e.op1, e.s1] = operand(b);
  [e.op2, e.s2] = operand(c);
  e.op3Imm = op3Imm;
  return applyFlags(e, flags);
}

const N = "None,None";
const twoOp = (a: string) => `2op,${a.split(",")[1]}`;

/** X86_OP_ENTRY3 */
export const e3 = (op: I386OpName, a: string, b: string, c: string, fl = "") => build(op, null, a, b, c, fl);
/** X86_OP_ENTRY4: ENTRY3 plus an Ib operand 3 */
export const e4 = (op: I386OpName, a: string, b: string, c: string, fl = "") => build(op, null, a, b, c, fl, true);
/** X86_OP_ENTRY2: op0 = op0 op op2 */
export const e2 = (op: I386OpName, a: string, c: string, fl = "") => build(op, null, a, twoOp(a), c, fl);
/** X86_OP_ENTRYrr: reads two operands, writes none */
export const err = (op: I386OpName, b: string, c: string, fl = "") => build(op, null, N, b, c, fl);
/** X86_OP_ENTRYwr */
export const ewr = (op: I386OpName, a: string, b: string, fl = "") => build(op, null, a, b, N, fl);
/** X86_OP_ENTRYw */
export const ew = (op: I386OpName, a: string, fl = "") => build(op, null, a, N, N, fl);
/** X86_OP_ENTRYr */
export const er = (op: I386OpName, b: string, fl = "") => build(op, null, N, b, N, fl);
/** X86_OP_ENTRY1 */
export const e1 = (op: I386OpName, a: string, fl = "") => build(op, null, a, twoOp(a), N, fl);
/** X86_OP_ENTRY0 */
export const e0 = (op: I386OpName, fl = "") => build(op, null, N, N, N, fl);
/** X86_OP_GROUP3 and friends: a decode function refines the entry */
export const g3 = (fn: DecodeFn, a: string, b: string, c: string, fl = "") => build(null, fn, a, b, c, fl);
export const g2 = (fn: DecodeFn, a: string, c: string, fl = "") => build(null, fn, a, twoOp(a), c, fl);
export const g1 = (fn: DecodeFn, a: string, fl = "") => build(null, fn, a, twoOp(a), N, fl);
export const gw = (fn: DecodeFn, a: string, fl = "") => build(null, fn, a, N, N, fl);
export const gwr = (fn: DecodeFn, a: string, b: string, fl = "") => build(null, fn, a, b, N, fl);
export const g0 = (fn: DecodeFn, fl = "") => build(null, fn, N, N, N, fl);

function byPrefix(s: DecodeCtx, entries: readonly OpEntry[]): OpEntry {
  if (s.prefix & PREFIX_REPNZ) return entries[3]!;
  if (s.prefix & PREFIX_REPZ) return entries[2]!;
  if (s.prefix & PREFIX_DATA) return entries[1]!;
  return entries[0]!;
}

function table(n: number, init: Record<number, OpEntry>): OpEntry[] {
  const t: OpEntry[] = [];
  for (let i = 0; i < n; i++) t.push(init[i] ?? UNKNOWN);
  return t;
}

const U = UNKNOWN;

// ---- group decoders (decode_group* and decode_0Fxx of decode-new.c.inc) ----------------------------

const group8Gen: (I386OpName | null)[] = [null, null, null, null, "BT", "BTS", "BTR", "BTC"];
const decodeGroup8: DecodeFn = (s, e) => {
  const op = (s.getModrm() >> 3) & 7;
  e.gen = group8Gen[op] === null ? 0 : Op[group8Gen[op]!];
  if (op === 4) {
    // prevent writeback and LOCK for BT
    e.op1 = e.op0;
    e.op0 = T.None;
    e.s0 = Z.None;
  } else {
    e.special = Special.HasLock;
  }
};

const group9Reg = { ...e0("NOP"), gen: GEN_MULTI0F }; // unconverted in QEMU (RDRAND, RDSEED, RDPID)
const cmpxchg8b = e1("CMPXCHG8B", "M,q", "lock p_00 cpuid(CX8)");
const decodeGroup9: DecodeFn = (s, e) => {
  const modrm = s.getModrm();
  const op = (modrm >> 3) & 7;
  if (modrm >> 6 === 3) copyEntry(e, group9Reg);
  else if (op === 1)
    copyEntry(e, cmpxchg8b); // no REX.W outside 64-bit mode: never CMPXCHG16B
  else copyEntry(e, U);
};

const group15Reg = table(8, {
  0: ew("RDxxBASE", "R,y", "cpuid(FSGSBASE) chk(o64) p_f3"),
  1: ew("RDxxBASE", "R,y", "cpuid(FSGSBASE) chk(o64) p_f3"),
  2: er("WRxxBASE", "R,y", "cpuid(FSGSBASE) chk(o64) p_f3 zextT0"),
  3: er("WRxxBASE", "R,y", "cpuid(FSGSBASE) chk(o64) p_f3 zextT0"),
  5: e0("LFENCE", "cpuid(SSE) p_00"),
  6: e0("MFENCE", "cpuid(SSE2) p_00"),
  7: e0("SFENCE", "cpuid(SSE) p_00"),
});
const group15Mem = table(8, {
  0: ew("FXSAVE", "M,y", "cpuid(FXSR) p_00"),
  1: er("FXRSTOR", "M,y", "cpuid(FXSR) p_00"),
  2: er("LDMXCSR", "E,d", "vex5 chk(VEX128) p_00"),
  3: ew("STMXCSR", "E,d", "vex5 chk(VEX128) p_00"),
  4: ew("XSAVE", "M,y", "cpuid(XSAVE) p_00"),
  5: er("XRSTOR", "M,y", "cpuid(XSAVE) p_00"),
  6: ew("XSAVEOPT", "M,b", "cpuid(XSAVEOPT) p_00"),
  7: ew("NOP", "M,b", "cpuid(CLFLUSH) p_00"),
});
const group15Mem66 = table(8, {
  6: ew("NOP", "M,b", "cpuid(CLWB)"),
  7: ew("NOP", "M,b", "cpuid(CLFLUSHOPT)"),
});
const decodeGroup15: DecodeFn = (s, e) => {
  const modrm = s.getModrm();
  const op = (modrm >> 3) & 7;
  if (modrm >> 6 === 3) copyEntry(e, group15Reg[op]!);
  else if (s.prefix & PREFIX_DATA) copyEntry(e, group15Mem66[op]!);
  else copyEntry(e, group15Mem[op]!);
};

const group17Gen: (I386OpName | null)[] = [null, "BLSR", "BLSMSK", "BLSI", null, null, null, null];
const decodeGroup17: DecodeFn = (s, e) => {
  const op = (s.getModrm() >> 3) & 7;
  e.gen = group17Gen[op] === null ? 0 : Op[group17Gen[op]!];
};

function shiftGroup(entries: Record<number, OpEntry>): DecodeFn {
  const t = table(8, entries);
  return (s, e) => copyEntry(e, t[(s.getModrm() >> 3) & 7]!);
}
const decodeGroup12 = shiftGroup({
  2: e3("PSRLW_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
  4: e3("PSRAW_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
  6: e3("PSLLW_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
});
const decodeGroup13 = shiftGroup({
  2: e3("PSRLD_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
  4: e3("PSRAD_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
  6: e3("PSLLD_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
});
const decodeGroup14 = shiftGroup({
  2: e3("PSRLQ_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
  3: e3("PSRLDQ_i", "H,x", "U,x", "I,b", "vex7 avx2_256 p_66"),
  6: e3("PSLLQ_i", "H,x", "U,x", "I,b", "vex7 mmx avx2_256 p_00_66"),
  7: e3("PSLLDQ_i", "H,x", "U,x", "I,b", "vex7 avx2_256 p_66"),
});

function prefixGroup(entries: OpEntry[]): DecodeFn {
  return (s, e) => copyEntry(e, byPrefix(s, entries));
}
function modPrefixGroup(reg: OpEntry[], mem: OpEntry[]): DecodeFn {
  return (s, e) => copyEntry(e, byPrefix(s, s.getModrm() >> 6 === 3 ? reg : mem));
}

const decode0F6F = prefixGroup([
  e3("MOVDQ", "P,q", N, "Q,q", "vex5 mmx"), // movq
  e3("MOVDQ", "V,x", N, "W,x", "vex1"), // movdqa
  e3("MOVDQ", "V,x", N, "W,x", "vex4_unal"), // movdqu
  U,
]);
const decode0F70 = prefixGroup([
  e3("PSHUFW", "P,q", "Q,q", "I,b", "vex4 mmx"),
  e3("PSHUFD", "V,x", "W,x", "I,b", "vex4 avx2_256"),
  e3("PSHUFHW", "V,x", "W,x", "I,b", "vex4 avx2_256"),
  e3("PSHUFLW", "V,x", "W,x", "I,b", "vex4 avx2_256"),
]);
const decode0F77: DecodeFn = (s, e) => {
  if (!(s.prefix & PREFIX_VEX)) e.gen = Op.EMMS;
  else if (!s.vexL) {
    e.gen = Op.VZEROUPPER;
    e.vexClass = 8;
  } else {
    e.gen = Op.VZEROALL;
    e.vexClass = 8;
  }
};
const insertqI = e3("INSERTQ_i", "V,x", "U,x", "I,w", "cpuid(SSE4A)");
const extrqI = e3("EXTRQ_i", "U,x", N, "I,w", "cpuid(SSE4A)");
const decode0F78: DecodeFn = (s, e) => {
  e.gen = 0;
  if (s.prefix & PREFIX_REPNZ) copyEntry(e, insertqI);
  else if (s.prefix & PREFIX_REPZ) {
    // undefined
  } else if (s.prefix & PREFIX_DATA) {
    if (((s.getModrm() >> 3) & 7) === 0) copyEntry(e, extrqI);
  }
};
const decode0F79: DecodeFn = (s, e) => {
  e.gen = 0;
  if (s.prefix & PREFIX_REPNZ) e.gen = Op.INSERTQ_r;
  else if (s.prefix & PREFIX_REPZ) {
    // undefined
  } else if (s.prefix & PREFIX_DATA) e.gen = Op.EXTRQ_r;
};
const decode0F7E = prefixGroup([
  e3("MOVD_from", "E,y", N, "P,y", "vex5 mmx"),
  e3("MOVD_from", "E,y", N, "V,y", "vex5"),
  e3("MOVQ", "V,dq", N, "W,q", "vex5"),
  U,
]);
const decode0F7F = prefixGroup([
  e3("MOVDQ", "W,x", N, "V,x", "vex5 mmx"), // movq
  e3("MOVDQ", "W,x", N, "V,x", "vex1"), // movdqa
  e3("MOVDQ", "W,x", N, "V,x", "vex4_unal"), // movdqu
  U,
]);
const popcnt = ewr("POPCNT", "G,v", "E,v", "cpuid(POPCNT) zextT0");
const decode0FB8: DecodeFn = (s, e) => copyEntry(e, s.prefix & PREFIX_REPZ ? popcnt : U);

/**
 * BSF/TZCNT and BSR/LZCNT. QEMU selects TZCNT on ABM and LZCNT on BMI1 (decode_0FBC/0FBD); our
 * model has neither, so F3 0F BC/BD are plain BSF/BSR as on a Pentium Pro.
 */
export const bsf = e3("BSF", "G,v", "E,v", "2op,v", "zextT0");
export const bsr = e3("BSR", "G,v", "E,v", "2op,v", "zextT0");
const tzcnt = ewr("TZCNT", "G,v", "E,v", "zextT0");
const lzcnt = ewr("LZCNT", "G,v", "E,v", "zextT0");

/** Features the current decode sees (set by the decoder from its CPU model before each call). */
export const tableFeatures = { abm: false, bmi1: false };
const decode0FBC: DecodeFn = (s, e) =>
  copyEntry(e, tableFeatures.abm && s.prefix & PREFIX_REPZ && !(s.prefix & PREFIX_REPNZ) ? tzcnt : bsf);
const decode0FBD: DecodeFn = (s, e) =>
  copyEntry(e, tableFeatures.bmi1 && s.prefix & PREFIX_REPZ && !(s.prefix & PREFIX_REPNZ) ? lzcnt : bsr);

const decode0FD6 = prefixGroup([U, e3("MOVQ", "W,dq", N, "V,q", "vex5"), e3("MOVq_dq", "V,dq", N, "N,q"), e3("MOVq_dq", "P,q", N, "U,q")]);

const decode0F10 = modPrefixGroup(
  [
    e3("MOVDQ", "V,x", N, "W,x", "vex4_unal"), // MOVUPS
    e3("MOVDQ", "V,x", N, "W,x", "vex4_unal"), // MOVUPD
    e3("VMOVSS", "V,x", "H,x", "W,x", "vex5"),
    e3("VMOVLPx", "V,x", "H,x", "W,x", "vex5"), // MOVSD
  ],
  [
    e3("MOVDQ", "V,x", N, "W,x", "vex4_unal"), // MOVUPS
    e3("MOVDQ", "V,x", N, "W,x", "vex4_unal"), // MOVUPD
    e3("VMOVSS_ld", "V,x", "H,x", "M,ss", "vex5"),
    e3("VMOVSD_ld", "V,x", "H,x", "M,sd", "vex5"),
  ],
);
const decode0F11 = modPrefixGroup(
  [
    e3("MOVDQ", "W,x", N, "V,x", "vex4_unal"), // MOVUPS
    e3("MOVDQ", "W,x", N, "V,x", "vex4_unal"), // MOVUPD
    e3("VMOVSS", "W,x", "H,x", "V,x", "vex5"),
    e3("VMOVLPx", "W,x", "H,x", "V,q", "vex5"), // MOVSD
  ],
  [
    e3("MOVDQ", "W,x", N, "V,x", "vex4_unal"), // MOVUPS
    e3("MOVDQ", "W,x", N, "V,x", "vex4_unal"), // MOVUPD
    e3("VMOVSS_st", "M,ss", N, "V,x", "vex5"),
    e3("VMOVLPx_st", "M,sd", N, "V,x", "vex5"), // MOVSD
  ],
);
const opcodes0F12Mem = [
  e3("VMOVLPx_ld", "V,dq", "H,dq", "M,q", "vex5"), // MOVLPS
  e3("VMOVLPx_ld", "V,dq", "H,dq", "M,q", "vex5"), // MOVLPD
  e3("VMOVSLDUP", "V,x", N, "W,x", "vex4 cpuid(SSE3)"),
  e3("VMOVDDUP", "V,x", N, "WM,q", "vex5 cpuid(SSE3)"),
];
const opcodes0F12Reg = [
  e3("VMOVHLPS", "V,dq", "H,dq", "U,dq", "vex7"),
  e3("VMOVLPx", "W,dq", "H,dq", "U,q", "vex5"), // MOVLPD
  e3("VMOVSLDUP", "V,x", N, "U,x", "vex4 cpuid(SSE3)"),
  e3("VMOVDDUP", "V,x", N, "U,x", "vex5 cpuid(SSE3)"),
];
const decode0F12: DecodeFn = (s, e) => {
  if (s.getModrm() >> 6 === 3) copyEntry(e, byPrefix(s, opcodes0F12Reg));
  else {
    copyEntry(e, byPrefix(s, opcodes0F12Mem));
    if (s.prefix & PREFIX_REPNZ && s.vexL) e.s2 = Z.qq;
  }
};
const decode0F16 = modPrefixGroup(
  [
    e3("VMOVLHPS", "V,dq", "H,dq", "U,q", "vex7"),
    e3("VMOVHPx", "V,x", "H,x", "U,x", "vex5"), // MOVHPD
    e3("VMOVSHDUP", "V,x", N, "U,x", "vex4 cpuid(SSE3)"),
    U,
  ],
  [
    e3("VMOVHPx_ld", "V,dq", "H,dq", "M,q", "vex5"), // MOVHPS
    e3("VMOVHPx_ld", "V,dq", "H,dq", "M,q", "vex5"), // MOVHPD
    e3("VMOVSHDUP", "V,x", N, "W,x", "vex4 cpuid(SSE3)"),
    U,
  ],
);
const decode0F2A = prefixGroup([
  e3("CVTPI2Px", "V,x", N, "Q,q"),
  e3("CVTPI2Px", "V,x", N, "Q,q"),
  e3("VCVTSI2Sx", "V,x", "H,x", "E,y", "vex3"),
  e3("VCVTSI2Sx", "V,x", "H,x", "E,y", "vex3"),
]);
const decode0F2B = prefixGroup([
  e3("MOVDQ", "M,x", N, "V,x", "vex1"), // MOVNTPS
  e3("MOVDQ", "M,x", N, "V,x", "vex1"), // MOVNTPD
  e3("VMOVSS_st", "M,ss", N, "V,x", "vex4 cpuid(SSE4A)"), // MOVNTSS
  e3("VMOVLPx_st", "M,sd", N, "V,x", "vex4 cpuid(SSE4A)"), // MOVNTSD
]);
const decode0F2C = prefixGroup([
  e3("CVTTPx2PI", "P,q", N, "W,q"),
  e3("CVTTPx2PI", "P,q", N, "W,dq"),
  e3("VCVTTSx2SI", "G,y", N, "W,ss", "vex3"),
  e3("VCVTTSx2SI", "G,y", N, "W,sd", "vex3"),
]);
const decode0F2D = prefixGroup([
  e3("CVTPx2PI", "P,q", N, "W,q"),
  e3("CVTPx2PI", "P,q", N, "W,dq"),
  e3("VCVTSx2SI", "G,y", N, "W,ss", "vex3"),
  e3("VCVTSx2SI", "G,y", N, "W,sd", "vex3"),
]);
const decodeVxCOMISx: DecodeFn = (s, e, b) => {
  e.s1 = e.s2 = s.prefix & PREFIX_DATA ? Z.sd : Z.ss;
  e.gen = b.v === 0x2e ? Op.VUCOMI : Op.VCOMI;
};
const decodeSseUnary: DecodeFn = (s, e, b) => {
  if (!(s.prefix & (PREFIX_REPZ | PREFIX_REPNZ))) {
    e.op1 = T.None;
    e.s1 = Z.None;
  }
  if (b.v === 0x51) e.gen = Op.VSQRT;
  else if (b.v === 0x52) e.gen = Op.VRSQRT;
  else if (b.v === 0x53) e.gen = Op.VRCP;
};
const decode0F5A = prefixGroup([
  e2("VCVTPS2PD", "V,x", "W,xh", "vex2"),
  e2("VCVTPD2PS", "V,x", "W,x", "vex2"),
  e3("VCVTSS2SD", "V,x", "H,x", "W,x", "vex2_rep3"),
  e3("VCVTSD2SS", "V,x", "H,x", "W,x", "vex2_rep3"),
]);
const decode0F5B = prefixGroup([
  e2("VCVTDQ2PS", "V,x", "W,x", "vex2"),
  e2("VCVTPS2DQ", "V,x", "W,x", "vex2"),
  e2("VCVTTPS2DQ", "V,x", "W,x", "vex2"),
  U,
]);
const decode0FE6 = prefixGroup([
  U,
  e2("VCVTTPD2DQ", "V,x", "W,x", "vex2"),
  e2("VCVTDQ2PD", "V,x", "W,x", "vex5"),
  e2("VCVTPD2DQ", "V,x", "W,x", "vex2"),
]);
/** MOV to/from CR/DR ignore the mod bits: QEMU forces mod = 3 (decode_MOV_CR_DR). */
export const decodeMovCrDr: DecodeFn = (s, e) => {
  s.getModrm();
  s.forceModReg();
  e.gen = Op.MOV;
};

// 0F 38 --------------------------------------------------------------------------------------------

const opcodes0F38_00toEF = table(240, {
  0x00: e3("PSHUFB", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x01: e3("PHADDW", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x02: e3("PHADDD", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x03: e3("PHADDSW", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x04: e3("PMADDUBSW", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x05: e3("PHSUBW", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x06: e3("PHSUBD", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x07: e3("PHSUBSW", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x10: e2("PBLENDVB", "V,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x13: e2("VCVTPH2PS", "V,x", "W,xh", "vex11 chk(W0) cpuid(F16C) p_66"),
  0x14: e2("BLENDVPS", "V,x", "W,x", "vex4 cpuid(SSE41) p_66"),
  0x15: e2("BLENDVPD", "V,x", "W,x", "vex4 cpuid(SSE41) p_66"),
  0x16: e3("VPERMD", "V,qq", "H,qq", "W,qq", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x17: e3("VPTEST", N, "V,x", "W,x", "vex4 cpuid(SSE41) p_66"),
  0x20: e3("VPMOVSXBW", "V,x", N, "W,q", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x21: e3("VPMOVSXBD", "V,x", N, "W,d", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x22: e3("VPMOVSXBQ", "V,x", N, "W,w", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x23: e3("VPMOVSXWD", "V,x", N, "W,q", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x24: e3("VPMOVSXWQ", "V,x", N, "W,d", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x25: e3("VPMOVSXDQ", "V,x", N, "W,q", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x30: e3("VPMOVZXBW", "V,x", N, "W,q", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x31: e3("VPMOVZXBD", "V,x", N, "W,d", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x32: e3("VPMOVZXBQ", "V,x", N, "W,w", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x33: e3("VPMOVZXWD", "V,x", N, "W,q", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x34: e3("VPMOVZXWQ", "V,x", N, "W,d", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x35: e3("VPMOVZXDQ", "V,x", N, "W,q", "vex5 cpuid(SSE41) avx_movx avx2_256 p_66"),
  0x36: e3("VPERMD", "V,qq", "H,qq", "W,qq", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x37: e3("PCMPGTQ", "V,x", "H,x", "W,x", "vex4 cpuid(SSE42) avx2_256 p_66"),
  0x40: e3("PMULLD", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x41: e3("VPHMINPOSUW", "V,dq", N, "W,dq", "vex4 cpuid(SSE41) p_66"),
  0x45: e3("VPSRLV", "V,x", "H,x", "W,x", "vex6 cpuid(AVX2) p_66"),
  0x46: e3("VPSRAV", "V,x", "H,x", "W,x", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x47: e3("VPSLLV", "V,x", "H,x", "W,x", "vex6 cpuid(AVX2) p_66"),
  0x90: e3("VPGATHERD", "V,x", "H,x", "M,d", "vex12 cpuid(AVX2) p_66"),
  0x91: e3("VPGATHERQ", "V,x", "H,x", "M,q", "vex12 cpuid(AVX2) p_66"),
  0x92: e3("VPGATHERD", "V,x", "H,x", "M,d", "vex12 cpuid(AVX2) p_66"),
  0x93: e3("VPGATHERQ", "V,x", "H,x", "M,q", "vex12 cpuid(AVX2) p_66"),
  0x96: e3("VFMADDSUB132Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x97: e3("VFMSUBADD132Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xa6: e3("VFMADDSUB213Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xa7: e3("VFMSUBADD213Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xb6: e3("VFMADDSUB231Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xb7: e3("VFMSUBADD231Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x08: e3("PSIGNB", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x09: e3("PSIGNW", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x0a: e3("PSIGND", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x0b: e3("PMULHRSW", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x0c: e3("VPERMILPS", "V,x", "H,x", "W,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x0d: e3("VPERMILPD", "V,x", "H,x", "W,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x0e: e3("VTESTPS", N, "V,x", "W,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x0f: e3("VTESTPD", N, "V,x", "W,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x18: e3("VPBROADCASTD", "V,x", N, "W,d", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x19: e3("VPBROADCASTQ", "V,qq", N, "W,q", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x1a: e3("VBROADCASTx128", "V,qq", N, "WM,dq", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x1c: e3("PABSB", "V,x", N, "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x1d: e3("PABSW", "V,x", N, "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x1e: e3("PABSD", "V,x", N, "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x28: e3("PMULDQ", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x29: e3("PCMPEQQ", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x2a: e3("MOVDQ", "V,x", N, "WM,x", "vex1 cpuid(SSE41) avx2_256 p_66"), // movntdqa
  0x2b: e3("VPACKUSDW", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x2c: e3("VMASKMOVPS", "V,x", "H,x", "WM,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x2d: e3("VMASKMOVPD", "V,x", "H,x", "WM,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x2e: e3("VMASKMOVPS_st", "M,x", "V,x", "H,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x2f: e3("VMASKMOVPD_st", "M,x", "V,x", "H,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x38: e3("PMINSB", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x39: e3("PMINSD", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x3a: e3("PMINUW", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x3b: e3("PMINUD", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x3c: e3("PMAXSB", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x3d: e3("PMAXSD", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x3e: e3("PMAXUW", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x3f: e3("PMAXUD", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x58: e3("VPBROADCASTD", "V,x", N, "W,d", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x59: e3("VPBROADCASTQ", "V,x", N, "W,q", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x5a: e3("VBROADCASTx128", "V,qq", N, "WM,dq", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x78: e3("VPBROADCASTB", "V,x", N, "W,b", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x79: e3("VPBROADCASTW", "V,x", N, "W,w", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x8c: e3("VPMASKMOV", "V,x", "H,x", "WM,x", "vex6 cpuid(AVX2) p_66"),
  0x8e: e3("VPMASKMOV_st", "M,x", "V,x", "H,x", "vex6 cpuid(AVX2) p_66"),
  0x98: e3("VFMADD132Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x99: e3("VFMADD132Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x9a: e3("VFMSUB132Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x9b: e3("VFMSUB132Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x9c: e3("VFNMADD132Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x9d: e3("VFNMADD132Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x9e: e3("VFNMSUB132Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0x9f: e3("VFNMSUB132Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xa8: e3("VFMADD213Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xa9: e3("VFMADD213Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xaa: e3("VFMSUB213Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xab: e3("VFMSUB213Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xac: e3("VFNMADD213Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xad: e3("VFNMADD213Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xae: e3("VFNMSUB213Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xaf: e3("VFNMSUB213Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xb8: e3("VFMADD231Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xb9: e3("VFMADD231Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xba: e3("VFMSUB231Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xbb: e3("VFMSUB231Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xbc: e3("VFNMADD231Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xbd: e3("VFNMADD231Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xbe: e3("VFNMSUB231Px", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xbf: e3("VFNMSUB231Sx", "V,x", "H,x", "W,x", "vex6 cpuid(FMA) p_66"),
  0xc8: e2("SHA1NEXTE", "V,dq", "W,dq", "cpuid(SHA_NI)"),
  0xc9: e2("SHA1MSG1", "V,dq", "W,dq", "cpuid(SHA_NI)"),
  0xca: e2("SHA1MSG2", "V,dq", "W,dq", "cpuid(SHA_NI)"),
  0xcb: e2("SHA256RNDS2", "V,dq", "W,dq", "cpuid(SHA_NI)"),
  0xcc: e2("SHA256MSG1", "V,dq", "W,dq", "cpuid(SHA_NI)"),
  0xcd: e2("SHA256MSG2", "V,dq", "W,dq", "cpuid(SHA_NI)"),
  0xdb: e3("VAESIMC", "V,dq", N, "W,dq", "vex4 cpuid(AES) p_66"),
  0xdc: e3("VAESENC", "V,x", "H,x", "W,x", "vex4 cpuid(AES) p_66"),
  0xdd: e3("VAESENCLAST", "V,x", "H,x", "W,x", "vex4 cpuid(AES) p_66"),
  0xde: e3("VAESDEC", "V,x", "H,x", "W,x", "vex4 cpuid(AES) p_66"),
  0xdf: e3("VAESDECLAST", "V,x", "H,x", "W,x", "vex4 cpuid(AES) p_66"),
  ...Object.fromEntries(
    Array.from({ length: 16 }, (_, i) => [0xe0 + i, e3("CMPccXADD", "M,y", "G,y", "B,y", "vex13 xchg chk(o64) cpuid(CMPCCXADD) p_66")]),
  ),
});

/** 0F 38 F0-FF: five rows for no prefix, 66, F3, F2, 66+F2. */
const opcodes0F38_F0toFF: OpEntry[][] = Array.from({ length: 16 }, () => [U, U, U, U, U]);
opcodes0F38_F0toFF[0] = [
  ewr("MOVBE", "G,v", "M,v", "cpuid(MOVBE)"),
  ewr("MOVBE", "G,v", "M,v", "cpuid(MOVBE)"),
  U,
  e2("CRC32", "G,d", "E,b", "cpuid(SSE42)"),
  e2("CRC32", "G,d", "E,b", "cpuid(SSE42)"),
];
opcodes0F38_F0toFF[1] = [
  ewr("MOVBE", "M,v", "G,v", "cpuid(MOVBE)"),
  ewr("MOVBE", "M,v", "G,v", "cpuid(MOVBE)"),
  U,
  e2("CRC32", "G,d", "E,v", "cpuid(SSE42)"),
  e2("CRC32", "G,d", "E,v", "cpuid(SSE42)"),
];
opcodes0F38_F0toFF[2] = [e3("ANDN", "G,y", "B,y", "E,y", "vex13 cpuid(BMI1)"), U, U, U, U];
opcodes0F38_F0toFF[3] = [g3(decodeGroup17, "B,y", N, "E,y", "vex13 cpuid(BMI1)"), U, U, U, U];
opcodes0F38_F0toFF[5] = [
  e3("BZHI", "G,y", "E,y", "B,y", "vex13 cpuid(BMI1)"),
  U,
  e3("PEXT", "G,y", "B,y", "E,y", "vex13 zextT0 cpuid(BMI2)"),
  e3("PDEP", "G,y", "B,y", "E,y", "vex13 zextT0 cpuid(BMI2)"),
  U,
];
opcodes0F38_F0toFF[6] = [
  U,
  e2("ADCX", "G,y", "E,y", "cpuid(ADX)"),
  e2("ADOX", "G,y", "E,y", "cpuid(ADX)"),
  e3("MULX", "G,y", "E,y", "2,y", "vex13 cpuid(BMI2)"),
  U,
];
opcodes0F38_F0toFF[7] = [
  e3("BEXTR", "G,y", "E,y", "B,y", "vex13 zextT0 cpuid(BMI1)"),
  e3("SHLX", "G,y", "E,y", "B,y", "vex13 cpuid(BMI1)"),
  e3("SARX", "G,y", "E,y", "B,y", "vex13 sextT0 cpuid(BMI1)"),
  e3("SHRX", "G,y", "E,y", "B,y", "vex13 zextT0 cpuid(BMI1)"),
  U,
];

const decode0F38: DecodeFn = (s, e, b) => {
  b.v = s.ldub();
  s.map = MAP_0F38;
  if (b.v < 0xf0) copyEntry(e, opcodes0F38_00toEF[b.v]!);
  else {
    let row = 0;
    if (s.prefix & PREFIX_REPZ)
      row = 2; // F3 has priority over 66
    else {
      row += s.prefix & PREFIX_REPNZ ? 3 : 0;
      row += s.prefix & PREFIX_DATA ? 1 : 0;
    }
    copyEntry(e, opcodes0F38_F0toFF[b.v & 15]![row]!);
  }
};

// 0F 3A --------------------------------------------------------------------------------------------

const vinsertpsReg = e4("VINSERTPS_r", "V,dq", "H,dq", "U,dq", "vex5 cpuid(SSE41) p_66");
const vinsertpsMem = e4("VINSERTPS_m", "V,dq", "H,dq", "M,d", "vex5 cpuid(SSE41) p_66");
const decodeVINSERTPS: DecodeFn = (s, e) => copyEntry(e, s.getModrm() >> 6 === 3 ? vinsertpsReg : vinsertpsMem);

const opcodes0F3A = table(256, {
  0x00: e3("VPERMQ", "V,qq", "W,qq", "I,b", "vex6 chk(W1) cpuid(AVX2) p_66"),
  0x01: e3("VPERMQ", "V,qq", "W,qq", "I,b", "vex6 chk(W1) cpuid(AVX2) p_66"),
  0x02: e4("VBLENDPS", "V,x", "H,x", "W,x", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x04: e3("VPERMILPS_i", "V,x", "W,x", "I,b", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x05: e3("VPERMILPD_i", "V,x", "W,x", "I,b", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x06: e4("VPERM2x128", "V,qq", "H,qq", "W,qq", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x14: e3("PEXTRB", "E,b", "V,dq", "I,b", "vex5 cpuid(SSE41) op0_Rd p_66"),
  0x15: e3("PEXTRW", "E,w", "V,dq", "I,b", "vex5 cpuid(SSE41) op0_Rd p_66"),
  0x16: e3("PEXTR", "E,y", "V,dq", "I,b", "vex5 cpuid(SSE41) p_66"),
  0x17: e3("VEXTRACTPS", "E,d", "V,dq", "I,b", "vex5 cpuid(SSE41) p_66"),
  0x1d: e3("VCVTPS2PH", "W,xh", "V,x", "I,b", "vex11 chk(W0) cpuid(F16C) p_66"),
  0x20: e4("PINSRB", "V,dq", "H,dq", "E,b", "vex5 cpuid(SSE41) op2_Ry p_66"),
  0x21: g0(decodeVINSERTPS),
  0x22: e4("PINSR", "V,dq", "H,dq", "E,y", "vex5 cpuid(SSE41) p_66"),
  0x40: e4("VDDPS", "V,x", "H,x", "W,x", "vex2 cpuid(SSE41) p_66"),
  0x41: e4("VDDPD", "V,dq", "H,dq", "W,dq", "vex2 cpuid(SSE41) p_66"),
  0x42: e4("VMPSADBW", "V,x", "H,x", "W,x", "vex2 cpuid(SSE41) avx2_256 p_66"),
  0x44: e4("PCLMULQDQ", "V,dq", "H,dq", "W,dq", "vex4 cpuid(PCLMULQDQ) p_66"),
  0x46: e4("VPERM2x128", "V,qq", "H,qq", "W,qq", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x60: e4("PCMPESTRM", N, "V,dq", "W,dq", "vex4_unal cpuid(SSE42) p_66"),
  0x61: e4("PCMPESTRI", N, "V,dq", "W,dq", "vex4_unal cpuid(SSE42) p_66"),
  0x62: e4("PCMPISTRM", N, "V,dq", "W,dq", "vex4_unal cpuid(SSE42) p_66"),
  0x63: e4("PCMPISTRI", N, "V,dq", "W,dq", "vex4_unal cpuid(SSE42) p_66"),
  0x08: e3("VROUNDPS", "V,x", "W,x", "I,b", "vex2 cpuid(SSE41) p_66"),
  0x09: e3("VROUNDPD", "V,x", "W,x", "I,b", "vex2 cpuid(SSE41) p_66"),
  0x0a: e4("VROUNDSS", "V,x", "H,x", "W,ss", "vex3 cpuid(SSE41) p_66"),
  0x0b: e4("VROUNDSD", "V,x", "H,x", "W,sd", "vex3 cpuid(SSE41) p_66"),
  0x0c: e4("VBLENDPS", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) p_66"),
  0x0d: e4("VBLENDPD", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) p_66"),
  0x0e: e4("VPBLENDW", "V,x", "H,x", "W,x", "vex4 cpuid(SSE41) avx2_256 p_66"),
  0x0f: e4("PALIGNR", "V,x", "H,x", "W,x", "vex4 cpuid(SSSE3) mmx avx2_256 p_00_66"),
  0x18: e4("VINSERTx128", "V,qq", "H,qq", "W,dq", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x19: e3("VEXTRACTx128", "W,dq", "V,qq", "I,b", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x38: e4("VINSERTx128", "V,qq", "H,qq", "W,dq", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x39: e3("VEXTRACTx128", "W,dq", "V,qq", "I,b", "vex6 chk(W0) cpuid(AVX2) p_66"),
  0x4a: e4("VBLENDVPS", "V,x", "H,x", "W,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x4b: e4("VBLENDVPD", "V,x", "H,x", "W,x", "vex6 chk(W0) cpuid(AVX) p_66"),
  0x4c: e4("VPBLENDVB", "V,x", "H,x", "W,x", "vex6 chk(W0) cpuid(AVX) p_66 avx2_256"),
  0xcc: e3("SHA1RNDS4", "V,dq", "W,dq", "I,b", "cpuid(SHA_NI)"),
  0xdf: e3("VAESKEYGEN", "V,dq", "W,dq", "I,b", "vex4 cpuid(AES) p_66"),
  0xf0: e3("RORX", "G,y", "E,y", "I,b", "vex13 cpuid(BMI2) p_f2"),
});

const decode0F3A: DecodeFn = (s, e, b) => {
  b.v = s.ldub();
  s.map = MAP_0F3A;
  copyEntry(e, opcodes0F3A[b.v]!);
};

// 0F -----------------------------------------------------------------------------------------------

const cmovcc = e2("CMOVcc", "G,v", "E,v", "cpuid(CMOV)");
const jccZ = er("Jcc", "J,z_f64");
const setcc = ew("SETcc", "E,b");
const bswap = e1("BSWAP", "LoBits,y");

export const opcodes0F: OpEntry[] = table(256, {
  0x00: { ...e1("NOP", "nop,v", "nolea"), gen: GEN_MULTI0F }, // unconverted (multi0F)
  0x01: { ...e1("NOP", "nop,v", "nolea"), gen: GEN_MULTI0F }, // unconverted (multi0F)
  0x02: ewr("LAR", "G,v", "E,w", "chk(prot)"),
  0x03: ewr("LSL", "G,v", "E,w", "chk(prot)"),
  0x05: e0("SYSCALL", "chk(o64_intel)"),
  0x06: e0("CLTS", "chk(cpl0)"),
  0x07: e0("SYSRET", "chk(o64_intel,prot,cpl0)"),
  0x10: g0(decode0F10),
  0x11: g0(decode0F11),
  0x12: g0(decode0F12),
  0x13: e3("VMOVLPx_st", "M,q", N, "V,q", "vex5 p_00_66"),
  0x14: e3("VUNPCKLPx", "V,x", "H,x", "W,x", "vex4 p_00_66"),
  0x15: e3("VUNPCKHPx", "V,x", "H,x", "W,x", "vex4 p_00_66"),
  0x16: g0(decode0F16),
  0x17: e3("VMOVHPx_st", "M,q", N, "V,dq", "vex5 p_00_66"),
  0x20: gwr(decodeMovCrDr, "R,y_d64", "C,y_d64", "chk(cpl0)"),
  0x21: gwr(decodeMovCrDr, "R,y_d64", "D,y_d64", "chk(cpl0)"),
  0x22: gwr(decodeMovCrDr, "C,y_d64", "R,y_d64", "zextT0 chk(cpl0)"),
  0x23: gwr(decodeMovCrDr, "D,y_d64", "R,y_d64", "zextT0 chk(cpl0)"),
  0x30: e0("WRMSR", "chk(cpl0)"),
  0x31: e0("RDTSC"),
  0x32: e0("RDMSR", "chk(cpl0)"),
  0x33: e0("RDPMC"),
  0x34: e0("SYSENTER", "chk(i64_amd,prot_or_vm86)"),
  0x35: e0("SYSEXIT", "chk(i64_amd,prot,cpl0)"),
  0x50: e3("MOVMSK", "G,y", N, "U,x", "vex7 p_00_66"),
  0x51: g3(decodeSseUnary, "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"), // sqrtps
  0x52: g3(decodeSseUnary, "V,x", "H,x", "W,x", "vex4_rep5 p_00_f3"), // rsqrtps
  0x53: g3(decodeSseUnary, "V,x", "H,x", "W,x", "vex4_rep5 p_00_f3"), // rcpps
  0x54: e3("PAND", "V,x", "H,x", "W,x", "vex4 p_00_66"), // vand
  0x55: e3("PANDN", "V,x", "H,x", "W,x", "vex4 p_00_66"), // vandn
  0x56: e3("POR", "V,x", "H,x", "W,x", "vex4 p_00_66"), // vor
  0x57: e3("PXOR", "V,x", "H,x", "W,x", "vex4 p_00_66"), // vxor
  0x60: e3("PUNPCKLBW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x61: e3("PUNPCKLWD", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x62: e3("PUNPCKLDQ", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x63: e3("PACKSSWB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x64: e3("PCMPGTB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x65: e3("PCMPGTW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x66: e3("PCMPGTD", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x67: e3("PACKUSWB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x70: g0(decode0F70),
  0x71: g0(decodeGroup12),
  0x72: g0(decodeGroup13),
  0x73: g0(decodeGroup14),
  0x74: e3("PCMPEQB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x75: e3("PCMPEQW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x76: e3("PCMPEQD", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x77: g0(decode0F77),
  0x80: jccZ, 0x81: jccZ, 0x82: jccZ, 0x83: jccZ, 0x84: jccZ, 0x85: jccZ, 0x86: jccZ, 0x87: jccZ,
  0x88: jccZ, 0x89: jccZ, 0x8a: jccZ, 0x8b: jccZ, 0x8c: jccZ, 0x8d: jccZ, 0x8e: jccZ, 0x8f: jccZ,
  0x90: setcc, 0x91: setcc, 0x92: setcc, 0x93: setcc, 0x94: setcc, 0x95: setcc, 0x96: setcc, 0x97: setcc,
  0x98: setcc, 0x99: setcc, 0x9a: setcc, 0x9b: setcc, 0x9c: setcc, 0x9d: setcc, 0x9e: setcc, 0x9f: setcc,
  0x40: cmovcc, 0x41: cmovcc, 0x42: cmovcc, 0x43: cmovcc, 0x44: cmovcc, 0x45: cmovcc, 0x46: cmovcc, 0x47: cmovcc,
  0x48: cmovcc, 0x49: cmovcc, 0x4a: cmovcc, 0x4b: cmovcc, 0x4c: cmovcc, 0x4d: cmovcc, 0x4e: cmovcc, 0x4f: cmovcc,
  0xa0: er("PUSH", "FS,w"),
  0xa1: ew("POP", "FS,w"),
  0xa2: e0("CPUID"),
  0xa3: err("BT", "E,v", "G,v", "btEvGv"),
  0xa4: e4("SHLD", "E,v", "2op,v", "G,v"),
  0xa5: e3("SHLD", "E,v", "2op,v", "G,v"),
  0xb0: e2("CMPXCHG", "E,b", "G,b", "lock"),
  0xb1: e2("CMPXCHG", "E,v", "G,v", "lock"),
  0xb2: e3("LSS", "G,v", "EM,p", N),
  0xb3: e2("BTR", "E,v", "G,v", "btEvGv"),
  0xb4: e3("LFS", "G,v", "EM,p", N),
  0xb5: e3("LGS", "G,v", "EM,p", N),
  0xb6: e3("MOV", "G,v", "E,b", N, "zextT0"), // MOVZX
  0xb7: e3("MOV", "G,v", "E,w", N, "zextT0"), // MOVZX
  0xc0: e2("XADD", "E,b", "G,b", "lock"),
  0xc1: e2("XADD", "E,v", "G,v", "lock"),
  0xc2: e4("VCMP", "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"),
  0xc3: e3("MOV", "EM,y", "G,y", N, "cpuid(SSE2)"), // MOVNTI
  0xc4: e4("PINSRW", "V,dq", "H,dq", "E,w", "vex5 mmx p_00_66"),
  0xc5: e3("PEXTRW", "G,d", "U,dq", "I,b", "vex5 mmx p_00_66"),
  0xc6: e4("VSHUF", "V,x", "H,x", "W,x", "vex4 p_00_66"),
  0xc7: g0(decodeGroup9),
  0xd0: e3("VADDSUB", "V,x", "H,x", "W,x", "vex2 cpuid(SSE3) p_66_f2"),
  0xd1: e3("PSRLW_r", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xd2: e3("PSRLD_r", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xd3: e3("PSRLQ_r", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xd4: e3("PADDQ", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xd5: e3("PMULLW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xd6: g0(decode0FD6),
  0xd7: e3("PMOVMSKB", "G,d", N, "U,x", "vex7 mmx avx2_256 p_00_66"),
  0xe0: e3("PAVGB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xe1: e3("PSRAW_r", "V,x", "H,x", "W,x", "vex7 mmx avx2_256 p_00_66"),
  0xe2: e3("PSRAD_r", "V,x", "H,x", "W,x", "vex7 mmx avx2_256 p_00_66"),
  0xe3: e3("PAVGW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xe4: e3("PMULHUW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xe5: e3("PMULHW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xe6: g0(decode0FE6),
  0xe7: e3("MOVDQ", "W,x", N, "V,x", "vex1 mmx p_00_66"), // MOVNTQ/MOVNTDQ
  0xf0: e3("MOVDQ", "V,x", N, "WM,x", "vex4_unal cpuid(SSE3) p_f2"), // LDDQU
  0xf1: e3("PSLLW_r", "V,x", "H,x", "W,x", "vex7 mmx avx2_256 p_00_66"),
  0xf2: e3("PSLLD_r", "V,x", "H,x", "W,x", "vex7 mmx avx2_256 p_00_66"),
  0xf3: e3("PSLLQ_r", "V,x", "H,x", "W,x", "vex7 mmx avx2_256 p_00_66"),
  0xf4: e3("PMULUDQ", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xf5: e3("PMADDWD", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xf6: e3("PSADBW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xf7: e3("MASKMOV", N, "V,dq", "U,dq", "vex4_unal avx2_256 mmx p_00_66"),
  0x08: e0("NOP"), // INVD, privileged only under SVM intercept
  0x09: e0("NOP"), // WBINVD
  0x0b: e0("UD"), // UD2
  0x0d: e1("NOP", "M,v"), // 3DNow! prefetch
  0x0e: e0("EMMS", "cpuid(3DNOW)"), // femms
  0x0f: e3("THREEDNOW", "P,q", "Q,q", "I,b", "cpuid(3DNOW)"),
  0x18: e1("NOP", "nop,v"), // prefetch/reserved NOP
  0x19: e1("NOP", "nop,v"),
  0x1a: { ...e1("NOP", "nop,v", "nolea"), gen: GEN_MULTI0F }, // unconverted MPX (multi0F)
  0x1b: { ...e1("NOP", "nop,v", "nolea"), gen: GEN_MULTI0F }, // unconverted MPX (multi0F)
  0x1c: e1("NOP", "nop,v"),
  0x1d: e1("NOP", "nop,v"),
  0x1e: e1("NOP", "nop,v"),
  0x1f: e1("NOP", "nop,v"), // NOP/reserved NOP (also ENDBR32 = F3 0F 1E FB)
  0x28: e3("MOVDQ", "V,x", N, "W,x", "vex1 p_00_66"), // MOVAPS
  0x29: e3("MOVDQ", "W,x", N, "V,x", "vex1 p_00_66"), // MOVAPS
  0x2a: g0(decode0F2A),
  0x2b: g0(decode0F2B),
  0x2c: g0(decode0F2C),
  0x2d: g0(decode0F2D),
  0x2e: g3(decodeVxCOMISx, N, "V,x", "W,x", "vex3 p_00_66"), // VUCOMISS/SD
  0x2f: g3(decodeVxCOMISx, N, "V,x", "W,x", "vex3 p_00_66"), // VCOMISS/SD
  0x38: g0(decode0F38),
  0x3a: g0(decode0F3A),
  0x58: e3("VADD", "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"),
  0x59: e3("VMUL", "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"),
  0x5a: g0(decode0F5A),
  0x5b: g0(decode0F5B),
  0x5c: e3("VSUB", "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"),
  0x5d: e3("VMIN", "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"),
  0x5e: e3("VDIV", "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"),
  0x5f: e3("VMAX", "V,x", "H,x", "W,x", "vex2_rep3 p_00_66_f3_f2"),
  0x68: e3("PUNPCKHBW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x69: e3("PUNPCKHWD", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x6a: e3("PUNPCKHDQ", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x6b: e3("PACKSSDW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0x6c: e3("PUNPCKLQDQ", "V,x", "H,x", "W,x", "vex4 p_66 avx2_256"),
  0x6d: e3("PUNPCKHQDQ", "V,x", "H,x", "W,x", "vex4 p_66 avx2_256"),
  0x6e: e3("MOVD_to", "V,dq", N, "E,y", "vex5 mmx p_00_66"), // wrong dest Vy on SDM!
  0x6f: g0(decode0F6F),
  0x78: g0(decode0F78),
  0x79: g2(decode0F79, "V,x", "U,x", "cpuid(SSE4A)"),
  0x7c: e3("VHADD", "V,x", "H,x", "W,x", "vex2 cpuid(SSE3) p_66_f2"),
  0x7d: e3("VHSUB", "V,x", "H,x", "W,x", "vex2 cpuid(SSE3) p_66_f2"),
  0x7e: g0(decode0F7E),
  0x7f: g0(decode0F7F),
  0xa8: er("PUSH", "GS,w"),
  0xa9: ew("POP", "GS,w"),
  0xaa: e0("RSM", "chk(smm)"),
  0xab: e2("BTS", "E,v", "G,v", "btEvGv"),
  0xac: e4("SHRD", "E,v", "2op,v", "G,v"),
  0xad: e3("SHRD", "E,v", "2op,v", "G,v"),
  0xae: g0(decodeGroup15),
  0xaf: e3("IMUL3", "G,v", "E,v", "2op,v", "sextT0"),
  0xb8: g0(decode0FB8),
  0xb9: er("UD", "nop,v"), // UD1: decoded as modrm (a page fault wins over #UD)
  0xba: g2(decodeGroup8, "E,v", "I,b"),
  0xbb: e2("BTC", "E,v", "G,v", "btEvGv"),
  0xbc: g0(decode0FBC),
  0xbd: g0(decode0FBD),
  0xbe: e3("MOV", "G,v", "E,b", N, "sextT0"), // MOVSX
  0xbf: e3("MOV", "G,v", "E,w", N, "sextT0"), // MOVSX
  0xc8: bswap, 0xc9: bswap, 0xca: bswap, 0xcb: bswap, 0xcc: bswap, 0xcd: bswap, 0xce: bswap, 0xcf: bswap,
  0xd8: e3("PSUBUSB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xd9: e3("PSUBUSW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xda: e3("PMINUB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xdb: e3("PAND", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xdc: e3("PADDUSB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xdd: e3("PADDUSW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xde: e3("PMAXUB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xdf: e3("PANDN", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xe8: e3("PSUBSB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xe9: e3("PSUBSW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xea: e3("PMINSW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xeb: e3("POR", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xec: e3("PADDSB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xed: e3("PADDSW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xee: e3("PMAXSW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xef: e3("PXOR", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xf8: e3("PSUBB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xf9: e3("PSUBW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xfa: e3("PSUBD", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xfb: e3("PSUBQ", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xfc: e3("PADDB", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xfd: e3("PADDW", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xfe: e3("PADDD", "V,x", "H,x", "W,x", "vex4 mmx avx2_256 p_00_66"),
  0xff: er("UD", "nop,v"), // UD0
}); // prettier-ignore

export const decode0F: DecodeFn = (s, e, b) => {
  b.v = s.ldub();
  s.map = MAP_0F;
  copyEntry(e, opcodes0F[b.v]!);
};

// one-byte opcodes -----------------------------------------------------------------------------------

const arpl = e2("ARPL", "E,w", "G,w", "chk(prot)");
const decode63: DecodeFn = (s, e) => copyEntry(e, arpl); // not 64-bit code: always ARPL

const group1Gen: I386OpName[] = ["ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "SUB"];
const decodeGroup1: DecodeFn = (s, e) => {
  const op = (s.getModrm() >> 3) & 7;
  e.gen = Op[group1Gen[op]!];
  if (op === 7) {
    // CMP: prevent writeback
    e.op1 = e.op0;
    e.op0 = T.None;
    e.s0 = Z.None;
  } else {
    e.special = Special.HasLock;
  }
};
const decodeGroup1A: DecodeFn = (s, e) => {
  const op = (s.getModrm() >> 3) & 7;
  if (op !== 0)
    copyEntry(e, U); // could be XOP prefix too
  else {
    e.gen = Op.POP;
    // the address must use the value of ESP after the pop
    s.popEspHack = 1 << s.dflag; // 2 or 4 bytes
  }
};
const group2Gen: I386OpName[] = ["ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SHL", "SAR"];
const decodeGroup2: DecodeFn = (s, e) => {
  const op = (s.getModrm() >> 3) & 7;
  e.gen = Op[group2Gen[op]!];
  e.special = op === 7 ? Special.SExtT0 : Special.ZExtT0;
};
const opcodesGrp3 = table(16, {
  0x00: err("AND", "E,b", "I,b"),
  0x01: err("AND", "E,b", "I,b"),
  0x02: e1("NOT", "E,b", "lock"),
  0x03: e1("NEG", "E,b", "lock"),
  0x04: err("MUL", "E,b", "0,b", "zextT0"),
  0x05: err("IMUL", "E,b", "0,b", "sextT0"),
  0x06: er("DIV", "E,b"),
  0x07: er("IDIV", "E,b"),
  0x08: err("AND", "E,v", "I,z"),
  0x09: err("AND", "E,v", "I,z"),
  0x0a: e1("NOT", "E,v", "lock"),
  0x0b: e1("NEG", "E,v", "lock"),
  0x0c: err("MUL", "E,v", "0,v", "zextT0"),
  0x0d: err("IMUL", "E,v", "0,v", "sextT0"),
  0x0e: er("DIV", "E,v"),
  0x0f: er("IDIV", "E,v"),
});
const decodeGroup3: DecodeFn = (s, e, b) => copyEntry(e, opcodesGrp3[((b.v & 1) << 3) | ((s.getModrm() >> 3) & 7)]!);
const opcodesGrp45 = table(16, {
  0x00: e1("INC", "E,b", "lock"),
  0x01: e1("DEC", "E,b", "lock"),
  0x08: e1("INC", "E,v", "lock"),
  0x09: e1("DEC", "E,v", "lock"),
  0x0a: er("CALL_m", "E,f64", "zextT0"),
  0x0b: er("CALLF_m", "M,p"),
  0x0c: er("JMP_m", "E,f64", "zextT0"),
  0x0d: er("JMPF_m", "M,p"),
  0x0e: er("PUSH", "E,d64"),
});
const decodeGroup45: DecodeFn = (s, e, b) => copyEntry(e, opcodesGrp45[((b.v & 1) << 3) | ((s.getModrm() >> 3) & 7)]!);
const decodeGroup11: DecodeFn = (s, e) => {
  if (((s.getModrm() >> 3) & 7) !== 0) copyEntry(e, U);
  else e.gen = Op.MOV;
};
const pause = e0("PAUSE");
const nop = e0("NOP");
const decode90: DecodeFn = (s, e) => copyEntry(e, s.prefix & PREFIX_REPZ ? pause : nop); // no REX.B outside 64-bit mode

const alu = (op: I386OpName): Record<number, OpEntry> => ({
  0: e2(op, "E,b", "G,b", "lock"),
  1: e2(op, "E,v", "G,v", "lock"),
  2: e2(op, "G,b", "E,b", "lock"),
  3: e2(op, "G,v", "E,v", "lock"),
  4: e2(op, "0,b", "I,b", "lock"), // AL, Ib
  5: e2(op, "0,v", "I,z", "lock"), // rAX, Iz
});
function at(base: number, entries: Record<number, OpEntry>): Record<number, OpEntry> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [base + Number(k), v]));
}
function eight(base: number, make: (i: number) => OpEntry): Record<number, OpEntry> {
  return Object.fromEntries(Array.from({ length: 8 }, (_, i) => [base + i, make(i)]));
}
const jccB = er("Jcc", "J,b");
const x87 = { ...e1("NOP", "nop,v", "nolea"), gen: GEN_X87 }; // gen_x87: x87 needs the address without segment base

export const opcodesRoot: OpEntry[] = table(256, {
  ...at(0x00, alu("ADD")),
  0x06: er("PUSH", "ES,w", "chk(i64)"),
  0x07: ew("POP", "ES,w", "chk(i64)"),
  ...at(0x08, alu("OR")),
  0x0e: er("PUSH", "CS,w", "chk(i64)"),
  0x0f: g0(decode0F),
  ...at(0x10, alu("ADC")),
  0x16: er("PUSH", "SS,w", "chk(i64)"),
  0x17: ew("POP", "SS,w", "chk(i64)"),
  ...at(0x18, alu("SBB")),
  0x1e: er("PUSH", "DS,w", "chk(i64)"),
  0x1f: ew("POP", "DS,w", "chk(i64)"),
  ...at(0x20, alu("AND")),
  0x27: e0("DAA", "chk(i64)"),
  ...at(0x28, alu("SUB")),
  0x2f: e0("DAS", "chk(i64)"),
  ...at(0x30, alu("XOR")),
  0x37: e0("AAA", "chk(i64)"),
  0x38: err("SUB", "E,b", "G,b"),
  0x39: err("SUB", "E,v", "G,v"),
  0x3a: err("SUB", "G,b", "E,b"),
  0x3b: err("SUB", "G,v", "E,v"),
  0x3c: err("SUB", "0,b", "I,b"), // AL, Ib
  0x3d: err("SUB", "0,v", "I,z"), // rAX, Iz
  0x3f: e0("AAS", "chk(i64)"),
  ...eight(0x40, (i) => e1("INC", `${i},v`, "chk(i64)")),
  ...eight(0x48, (i) => e1("DEC", `${i},v`, "chk(i64)")),
  ...eight(0x50, () => er("PUSH", "LoBits,d64")),
  ...eight(0x58, () => ew("POP", "LoBits,d64")),
  0x60: e0("PUSHA", "chk(i64)"),
  0x61: e0("POPA", "chk(i64)"),
  0x62: err("BOUND", "G,v", "M,a", "chk(i64)"),
  0x63: g0(decode63),
  0x68: er("PUSH", "I,z"),
  0x69: e3("IMUL3", "G,v", "E,v", "I,z", "sextT0"),
  0x6a: er("PUSH", "I,b"),
  0x6b: e3("IMUL3", "G,v", "E,v", "I,b", "sextT0"),
  0x6c: err("INS", "Y,b", "2,w"), // DX
  0x6d: err("INS", "Y,z", "2,w"), // DX
  0x6e: err("OUTS", "X,b", "2,w"), // DX
  0x6f: err("OUTS", "X,z", "2,w"), // DX
  ...eight(0x70, () => jccB),
  ...eight(0x78, () => jccB),
  0x80: g2(decodeGroup1, "E,b", "I,b"),
  0x81: g2(decodeGroup1, "E,v", "I,z"),
  0x82: g2(decodeGroup1, "E,b", "I,b", "chk(i64)"),
  0x83: g2(decodeGroup1, "E,v", "I,b"),
  0x84: err("AND", "E,b", "G,b"),
  0x85: err("AND", "E,v", "G,v"),
  0x86: e2("XCHG", "E,b", "G,b", "xchg"),
  0x87: e2("XCHG", "E,v", "G,v", "xchg"),
  0x88: ewr("MOV", "E,b", "G,b"),
  0x89: ewr("MOV", "E,v", "G,v"),
  0x8a: ewr("MOV", "G,b", "E,b"),
  0x8b: ewr("MOV", "G,v", "E,v"),
  0x8c: ewr("MOV", "E,v", "S,w", "op0_Mw"), // memory destination is always 16-bit
  0x8d: ewr("LEA", "G,v", "M,v", "nolea"),
  0x8e: ewr("MOV", "S,w", "E,w"),
  0x8f: gw(decodeGroup1A, "E,d64"),
  0x90: g0(decode90),
  ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [0x91 + i, e2("XCHG", "0,v", "LoBits,v")])),
  0x98: e1("CBW", "0,v"), // rAX
  0x99: ewr("CWD", "2,v", "0,v"), // rDX, rAX
  0x9a: err("CALLF", "I_unsigned,p", "I_unsigned,w", "chk(i64)"),
  0x9b: e0("WAIT"),
  0x9c: e0("PUSHF", "chk(vm86_iopl)"),
  0x9d: e0("POPF", "chk(vm86_iopl)"),
  0x9e: e0("SAHF"),
  0x9f: e0("LAHF"),
  0xa0: e3("MOV", "0,b", "O,b", N), // AL, Ob
  0xa1: e3("MOV", "0,v", "O,v", N), // rAX, Ov
  0xa2: e3("MOV", "O,b", "0,b", N), // Ob, AL
  0xa3: e3("MOV", "O,v", "0,v", N), // Ov, rAX
  0xa4: err("MOVS", "Y,b", "X,b"),
  0xa5: err("MOVS", "Y,v", "X,v"),
  0xa6: err("CMPS", "Y,b", "X,b"),
  0xa7: err("CMPS", "Y,v", "X,v"),
  0xa8: err("AND", "0,b", "I,b"), // TEST AL, Ib
  0xa9: err("AND", "0,v", "I,z"), // TEST rAX, Iz
  0xaa: ewr("STOS", "Y,b", "0,b"),
  0xab: ewr("STOS", "Y,v", "0,v"),
  0xac: er("LODS", "X,b"), // manual writeback: REP LODS writes EAX after every LODS
  0xad: er("LODS", "X,v"),
  0xae: err("SCAS", "0,b", "Y,b"),
  0xaf: err("SCAS", "0,v", "Y,v"),
  ...eight(0xb0, () => e3("MOV", "LoBits,b", "I,b", N)),
  ...eight(0xb8, () => ewr("MOV", "LoBits,v", "I,v")),
  0xc0: g2(decodeGroup2, "E,b", "I,b"),
  0xc1: g2(decodeGroup2, "E,v", "I,b"),
  0xc2: er("RET", "I,w"),
  0xc3: e0("RET"),
  0xc4: e3("LES", "G,z", "EM,p", N, "chk(i64)"),
  0xc5: e3("LDS", "G,z", "EM,p", N, "chk(i64)"),
  0xc6: g3(decodeGroup11, "E,b", "I,b", N), // reg=000b
  0xc7: g3(decodeGroup11, "E,v", "I,z", N), // reg=000b
  0xc8: err("ENTER", "I,w", "I,b"),
  0xc9: e1("LEAVE", "A,d64"),
  0xca: er("RETF", "I,w"),
  0xcb: e0("RETF"),
  0xcc: e0("INT3"),
  0xcd: er("INT", "I,b", "chk(vm86_iopl)"),
  0xce: e0("INTO"),
  0xcf: e0("IRET", "chk(vm86_iopl)"),
  0xd0: g1(decodeGroup2, "E,b"),
  0xd1: g1(decodeGroup2, "E,v"),
  0xd2: g2(decodeGroup2, "E,b", "1,b"), // CL
  0xd3: g2(decodeGroup2, "E,v", "1,b"), // CL
  0xd4: e2("AAM", "0,w", "I,b"),
  0xd5: e2("AAD", "0,w", "I,b"),
  0xd6: ew("SALC", "0,b"),
  0xd7: e1("XLAT", "0,b", "zextT0"), // AL read/written
  ...eight(0xd8, () => x87),
  0xe0: er("LOOPNE", "J,b"), // implicit: CX with aflag size
  0xe1: er("LOOPE", "J,b"),
  0xe2: er("LOOP", "J,b"),
  0xe3: er("JCXZ", "J,b"),
  0xe4: ewr("IN", "0,b", "I_unsigned,b"), // AL
  0xe5: ewr("IN", "0,z", "I_unsigned,b"), // AX/EAX
  0xe6: err("OUT", "0,b", "I_unsigned,b"), // AL
  0xe7: err("OUT", "0,z", "I_unsigned,b"), // AX/EAX
  0xe8: er("CALL", "J,z_f64"),
  0xe9: er("JMP", "J,z_f64"),
  0xea: err("JMPF", "I_unsigned,p", "I_unsigned,w", "chk(i64)"),
  0xeb: er("JMP", "J,b"),
  0xec: ewr("IN", "0,b", "2,w"), // AL, DX
  0xed: ewr("IN", "0,z", "2,w"), // AX/EAX, DX
  0xee: err("OUT", "0,b", "2,w"), // DX, AL
  0xef: err("OUT", "0,z", "2,w"), // DX, AX/EAX
  0xf1: e0("INT1"),
  0xf4: e0("HLT", "chk(cpl0)"),
  0xf5: e0("CMC"),
  0xf6: g1(decodeGroup3, "E,b"),
  0xf7: g1(decodeGroup3, "E,v"),
  0xf8: e0("CLC"),
  0xf9: e0("STC"),
  0xfa: e0("CLI", "chk(iopl)"),
  0xfb: e0("STI", "chk(iopl)"),
  0xfc: e0("CLD"),
  0xfd: e0("STD"),
  0xfe: g1(decodeGroup45, "E,b"),
  0xff: g1(decodeGroup45, "E,v"),
});

/** decode_root */
export const decodeRoot: DecodeFn = (s, e, b) => copyEntry(e, opcodesRoot[b.v]!);
export { decode0F38, decode0F3A };
