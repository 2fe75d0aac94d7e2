// An independent RISC-V instruction encoder for the differential fuzzer.
//
// Written from the RISC-V unprivileged ISA manual (base formats, RV64I, M, A,
// F, D, C, Zicsr, Zba, Zbb, Zbs, Zicond). It deliberately imports nothing from
// src/ so that an encoding bug here cannot mask a matching decoding bug there.
//
// Every instruction is described by an InsnDef: its mnemonic, extension, an
// operand signature (`sig`) shared with the generator and the assembler
// cross-check, its size (2 or 4 bytes) and an `enc` function that returns the
// instruction word. `asm` renders GNU-as syntax (numeric register names) used
// by test/fuzz/encode.test.ts to check every encoding against binutils.

export interface Operands {
  rd?: number;
  rs1?: number;
  rs2?: number;
  rs3?: number;
  imm?: number;
  rm?: number;
  aq?: boolean;
  rl?: boolean;
  csr?: number;
  pred?: number;
  succ?: number;
}

/**
 * Operand signatures. x = integer register, f = FP register, c = compressed
 * register (x8..x15 / f8..f15). Immediates are byte offsets/values as written
 * in assembly (not pre-shifted), except `U` (20-bit upper immediate) and
 * `C.LUI` (the signed 6-bit value of imm[17:12]).
 */
export type Sig =
  | "R" // xd, xs1, xs2
  | "I" // xd, xs1, simm12
  | "SH6" // xd, xs1, shamt 0..63
  | "SH5" // xd, xs1, shamt 0..31
  | "UN" // xd, xs1
  | "U" // xd, imm20 (0..0xfffff)
  | "LOAD" // xd, simm12(xs1)
  | "STORE" // xs2, simm12(xs1)
  | "FLOAD" // fd, simm12(xs1)
  | "FSTORE" // fs2, simm12(xs1)
  | "BRANCH" // xs1, xs2, offset (even, -4096..4094)
  | "JAL" // xd, offset (even, +-1 MiB)
  | "JALR" // xd, simm12(xs1)
  | "FENCE" // pred, succ
  | "NONE"
  | "LR" // xd, (xs1) [aq, rl]
  | "AMO" // xd, xs2, (xs1) [aq, rl]
  | "F3" // fd, fs1, fs2
  | "F3RM" // fd, fs1, fs2, rm
  | "F4RM" // fd, fs1, fs2, fs3, rm
  | "F2RM" // fd, fs1, rm
  | "FCMP" // xd, fs1, fs2
  | "FX" // xd, fs1
  | "FXRM" // xd, fs1, rm
  | "XF" // fd, xs1
  | "XFRM" // fd, xs1, rm
  | "CSR" // xd, csr, xs1
  | "CSRI" // xd, csr, uimm5
  | "C.ADDI4SPN" // cxd, x2, nzuimm (4..1020, multiple of 4)
  | "C.LW" // cxd, uimm(cxs1) 0..124 step 4
  | "C.LD" // cxd, uimm(cxs1) 0..248 step 8
  | "C.FLD" // cfd, uimm(cxs1) 0..248 step 8
  | "C.SW" // cxs2, uimm(cxs1)
  | "C.SD" // cxs2, uimm(cxs1)
  | "C.FSD" // cfs2, uimm(cxs1)
  | "C.CI" // xd (!=0), simm6 (-32..31)
  | "C.LI" // xd (!=0), simm6
  | "C.ADDI16SP" // x2, nzimm (-512..496, multiple of 16, != 0)
  | "C.LUI" // xd (!=0,2), nzimm6 (-32..31, != 0) = imm[17:12]
  | "C.SHIFT" // cxd, shamt 1..63 (srli/srai)
  | "C.ANDI" // cxd, simm6
  | "C.CA" // cxd, cxs2
  | "C.J" // offset (even, -2048..2046)
  | "C.BRANCH" // cxs1, offset (even, -256..254)
  | "C.SLLI" // xd (!=0), shamt 1..63
  | "C.LWSP" // xd (!=0), uimm(x2) 0..252 step 4
  | "C.LDSP" // xd (!=0), uimm(x2) 0..504 step 8
  | "C.FLDSP" // fd, uimm(x2) 0..504 step 8
  | "C.SWSP" // xs2, uimm(x2) 0..252 step 4
  | "C.SDSP" // xs2, uimm(x2) 0..504 step 8
  | "C.FSDSP" // fs2, uimm(x2) 0..504 step 8
  | "C.JR" // xs1 (!=0)
  | "C.MV" // xd (!=0), xs2 (!=0)
  | "C.NOP";

export type Ext = "I" | "M" | "A" | "F" | "D" | "C" | "Zicsr" | "Zba" | "Zbb" | "Zbs" | "Zicond";

export interface InsnDef {
  name: string;
  ext: Ext;
  sig: Sig;
  size: 2 | 4;
  enc: (o: Operands) => number;
}

// ---------------------------------------------------------------------------
// Field checks

function reg(r: number | undefined, what: string): number {
  if (r === undefined || !Number.isInteger(r) || r < 0 || r > 31) throw new Error(`bad ${what}: ${r}`);
  return r;
}

function creg(r: number | undefined, what: string): number {
  if (r === undefined || !Number.isInteger(r) || r < 8 || r > 15) throw new Error(`bad compressed ${what}: ${r}`);
  return r - 8;
}

function simm(v: number | undefined, bits: number, what: string, align = 1): number {
  const lo = -(2 ** (bits - 1));
  const hi = 2 ** (bits - 1) - 1;
  if (v === undefined || !Number.isInteger(v) || v < lo || v > hi || v % align !== 0) {
    throw new Error(`bad ${what}: ${v} (signed ${bits} bits, align ${align})`);
  }
  return v;
}

function uimm(v: number | undefined, max: number, what: string, align = 1, min = 0): number {
  if (v === undefined || !Number.isInteger(v) || v < min || v > max || v % align !== 0) {
    throw new Error(`bad ${what}: ${v} (${min}..${max}, align ${align})`);
  }
  return v;
}

function rmField(rm: number | undefined): number {
  if (rm === undefined || !Number.isInteger(rm) || rm < 0 || rm > 7) throw new Error(`bad rm: ${rm}`);
  return rm;
}

const bit = (v: number, i: number): number => (v >>> i) & 1;
const bits = (v: number, hi: number, lo: number): number => (v >>> lo) & ((1 << (hi - lo + 1)) - 1);

// ---------------------------------------------------------------------------
// 32-bit base formats (unpriv. ISA ch. 2.2/2.3)

export function rType(opcode: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): number {
  return ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode) >>> 0;
}

export function iType(opcode: number, f3: number, rd: number, rs1: number, imm12: number): number {
  return (((imm12 & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode) >>> 0;
}

export function sType(opcode: number, f3: number, rs1: number, rs2: number, imm12: number): number {
  const i = imm12 & 0xfff;
  return ((bits(i, 11, 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (bits(i, 4, 0) << 7) | opcode) >>> 0;
}

export function bType(opcode: number, f3: number, rs1: number, rs2: number, off13: number): number {
  const i = off13 & 0x1fff;
  return (
    ((bit(i, 12) << 31) |
      (bits(i, 10, 5) << 25) |
      (rs2 << 20) |
      (rs1 << 15) |
      (f3 << 12) |
      (bits(i, 4, 1) << 8) |
      (bit(i, 11) << 7) |
      opcode) >>>
    0
  );
}

export function uType(opcode: number, rd: number, imm20: number): number {
  return (((imm20 & 0xfffff) << 12) | (rd << 7) | opcode) >>> 0;
}

export function jType(opcode: number, rd: number, off21: number): number {
  const i = off21 & 0x1fffff;
  return ((bit(i, 20) << 31) | (bits(i, 10, 1) << 21) | (bit(i, 11) << 20) | (bits(i, 19, 12) << 12) | (rd << 7) | opcode) >>> 0;
}

export function r4Type(opcode: number, rm: number, fmt: number, rd: number, rs1: number, rs2: number, rs3: number): number {
  return ((rs3 << 27) | (fmt << 25) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | opcode) >>> 0;
}

// Major opcodes.
export const OP = {
  LOAD: 0x03,
  LOAD_FP: 0x07,
  MISC_MEM: 0x0f,
  OP_IMM: 0x13,
  AUIPC: 0x17,
  OP_IMM_32: 0x1b,
  STORE: 0x23,
  STORE_FP: 0x27,
  AMO: 0x2f,
  OP: 0x33,
  LUI: 0x37,
  OP_32: 0x3b,
  MADD: 0x43,
  MSUB: 0x47,
  NMSUB: 0x4b,
  NMADD: 0x4f,
  OP_FP: 0x53,
  BRANCH: 0x63,
  JALR: 0x67,
  JAL: 0x6f,
  SYSTEM: 0x73,
} as const;

// ---------------------------------------------------------------------------
// Instruction table

const DEFS: InsnDef[] = [];

function def(name: string, ext: Ext, sig: Sig, enc: (o: Operands) => number, size: 2 | 4 = 4): void {
  DEFS.push({ name, ext, sig, size, enc });
}

// --- RV64I ---------------------------------------------------------------

def("lui", "I", "U", (o) => uType(OP.LUI, reg(o.rd, "rd"), uimm(o.imm, 0xfffff, "imm20")));
def("auipc", "I", "U", (o) => uType(OP.AUIPC, reg(o.rd, "rd"), uimm(o.imm, 0xfffff, "imm20")));

for (const [name, f3] of [
  ["addi", 0],
  ["slti", 2],
  ["sltiu", 3],
  ["xori", 4],
  ["ori", 6],
  ["andi", 7],
] as const) {
  def(name, "I", "I", (o) => iType(OP.OP_IMM, f3, reg(o.rd, "rd"), reg(o.rs1, "rs1"), simm(o.imm, 12, "imm12")));
}
def("addiw", "I", "I", (o) => iType(OP.OP_IMM_32, 0, reg(o.rd, "rd"), reg(o.rs1, "rs1"), simm(o.imm, 12, "imm12")));

// Shifts by immediate: imm[11:6] (RV64) or imm[11:5] (W forms) select the op.
function shiftImm(opcode: number, f3: number, hi: number, wide: boolean) {
  return (o: Operands) => {
    const sh = uimm(o.imm, wide ? 63 : 31, "shamt");
    return iType(opcode, f3, reg(o.rd, "rd"), reg(o.rs1, "rs1"), (hi << (wide ? 6 : 5)) | sh);
  };
}
def("slli", "I", "SH6", shiftImm(OP.OP_IMM, 1, 0b000000, true));
def("srli", "I", "SH6", shiftImm(OP.OP_IMM, 5, 0b000000, true));
def("srai", "I", "SH6", shiftImm(OP.OP_IMM, 5, 0b010000, true));
def("slliw", "I", "SH5", shiftImm(OP.OP_IMM_32, 1, 0b0000000, false));
def("srliw", "I", "SH5", shiftImm(OP.OP_IMM_32, 5, 0b0000000, false));
def("sraiw", "I", "SH5", shiftImm(OP.OP_IMM_32, 5, 0b0100000, false));

function rr(opcode: number, f3: number, f7: number) {
  return (o: Operands) => rType(opcode, f3, f7, reg(o.rd, "rd"), reg(o.rs1, "rs1"), reg(o.rs2, "rs2"));
}

for (const [name, f3, f7] of [
  ["add", 0, 0],
  ["sub", 0, 0x20],
  ["sll", 1, 0],
  ["slt", 2, 0],
  ["sltu", 3, 0],
  ["xor", 4, 0],
  ["srl", 5, 0],
  ["sra", 5, 0x20],
  ["or", 6, 0],
  ["and", 7, 0],
] as const) {
  def(name, "I", "R", rr(OP.OP, f3, f7));
}
for (const [name, f3, f7] of [
  ["addw", 0, 0],
  ["subw", 0, 0x20],
  ["sllw", 1, 0],
  ["srlw", 5, 0],
  ["sraw", 5, 0x20],
] as const) {
  def(name, "I", "R", rr(OP.OP_32, f3, f7));
}

for (const [name, f3] of [
  ["lb", 0],
  ["lh", 1],
  ["lw", 2],
  ["ld", 3],
  ["lbu", 4],
  ["lhu", 5],
  ["lwu", 6],
] as const) {
  def(name, "I", "LOAD", (o) => iType(OP.LOAD, f3, reg(o.rd, "rd"), reg(o.rs1, "rs1"), simm(o.imm, 12, "imm12")));
}
for (const [name, f3] of [
  ["sb", 0],
  ["sh", 1],
  ["sw", 2],
  ["sd", 3],
] as const) {
  def(name, "I", "STORE", (o) => sType(OP.STORE, f3, reg(o.rs1, "rs1"), reg(o.rs2, "rs2"), simm(o.imm, 12, "imm12")));
}

for (const [name, f3] of [
  ["beq", 0],
  ["bne", 1],
  ["blt", 4],
  ["bge", 5],
  ["bltu", 6],
  ["bgeu", 7],
] as const) {
  def(name, "I", "BRANCH", (o) => bType(OP.BRANCH, f3, reg(o.rs1, "rs1"), reg(o.rs2, "rs2"), simm(o.imm, 13, "branch offset", 2)));
}
def("jal", "I", "JAL", (o) => jType(OP.JAL, reg(o.rd, "rd"), simm(o.imm, 21, "jal offset", 2)));
def("jalr", "I", "JALR", (o) => iType(OP.JALR, 0, reg(o.rd, "rd"), reg(o.rs1, "rs1"), simm(o.imm, 12, "imm12")));

def("fence", "I", "FENCE", (o) => iType(OP.MISC_MEM, 0, 0, 0, (uimm(o.pred, 15, "pred") << 4) | uimm(o.succ, 15, "succ")));
// fence.tso: fm=1000, pred=succ=RW.
def("fence.tso", "I", "NONE", () => iType(OP.MISC_MEM, 0, 0, 0, 0x833));

// --- M -------------------------------------------------------------------

for (const [name, f3] of [
  ["mul", 0],
  ["mulh", 1],
  ["mulhsu", 2],
  ["mulhu", 3],
  ["div", 4],
  ["divu", 5],
  ["rem", 6],
  ["remu", 7],
] as const) {
  def(name, "M", "R", rr(OP.OP, f3, 1));
}
for (const [name, f3] of [
  ["mulw", 0],
  ["divw", 4],
  ["divuw", 5],
  ["remw", 6],
  ["remuw", 7],
] as const) {
  def(name, "M", "R", rr(OP.OP_32, f3, 1));
}

// --- A -------------------------------------------------------------------

function amo(funct5: number, f3: number, hasRs2: boolean) {
  return (o: Operands) => {
    const f7 = (funct5 << 2) | ((o.aq ? 1 : 0) << 1) | (o.rl ? 1 : 0);
    return rType(OP.AMO, f3, f7, reg(o.rd, "rd"), reg(o.rs1, "rs1"), hasRs2 ? reg(o.rs2, "rs2") : 0);
  };
}
for (const [sfx, f3] of [
  ["w", 2],
  ["d", 3],
] as const) {
  def(`lr.${sfx}`, "A", "LR", amo(0b00010, f3, false));
  def(`sc.${sfx}`, "A", "AMO", amo(0b00011, f3, true));
  for (const [op, funct5] of [
    ["amoswap", 0b00001],
    ["amoadd", 0b00000],
    ["amoxor", 0b00100],
    ["amoand", 0b01100],
    ["amoor", 0b01000],
    ["amomin", 0b10000],
    ["amomax", 0b10100],
    ["amominu", 0b11000],
    ["amomaxu", 0b11100],
  ] as const) {
    def(`${op}.${sfx}`, "A", "AMO", amo(funct5, f3, true));
  }
}

// --- F and D -------------------------------------------------------------

function fp(funct5: number, fmt: number, f3: number | "rm", rs2Fixed?: number) {
  return (o: Operands) => {
    const f3v = f3 === "rm" ? rmField(o.rm) : f3;
    const rs2 = rs2Fixed !== undefined ? rs2Fixed : reg(o.rs2, "rs2");
    return rType(OP.OP_FP, f3v, (funct5 << 2) | fmt, reg(o.rd, "rd"), reg(o.rs1, "rs1"), rs2);
  };
}

for (const [p, fmt, ext, w] of [
  ["s", 0, "F", 2],
  ["d", 1, "D", 3],
] as const) {
  def(`fl${p === "s" ? "w" : "d"}`, ext, "FLOAD", (o) =>
    iType(OP.LOAD_FP, w, reg(o.rd, "rd"), reg(o.rs1, "rs1"), simm(o.imm, 12, "imm12")),
  );
  def(`fs${p === "s" ? "w" : "d"}`, ext, "FSTORE", (o) =>
    sType(OP.STORE_FP, w, reg(o.rs1, "rs1"), reg(o.rs2, "rs2"), simm(o.imm, 12, "imm12")),
  );
  for (const [name, opc] of [
    ["fmadd", OP.MADD],
    ["fmsub", OP.MSUB],
    ["fnmsub", OP.NMSUB],
    ["fnmadd", OP.NMADD],
  ] as const) {
    def(`${name}.${p}`, ext, "F4RM", (o) =>
      r4Type(opc, rmField(o.rm), fmt, reg(o.rd, "rd"), reg(o.rs1, "rs1"), reg(o.rs2, "rs2"), reg(o.rs3, "rs3")),
    );
  }
  def(`fadd.${p}`, ext, "F3RM", fp(0b00000, fmt, "rm"));
  def(`fsub.${p}`, ext, "F3RM", fp(0b00001, fmt, "rm"));
  def(`fmul.${p}`, ext, "F3RM", fp(0b00010, fmt, "rm"));
  def(`fdiv.${p}`, ext, "F3RM", fp(0b00011, fmt, "rm"));
  def(`fsqrt.${p}`, ext, "F2RM", fp(0b01011, fmt, "rm", 0));
  def(`fsgnj.${p}`, ext, "F3", fp(0b00100, fmt, 0));
  def(`fsgnjn.${p}`, ext, "F3", fp(0b00100, fmt, 1));
  def(`fsgnjx.${p}`, ext, "F3", fp(0b00100, fmt, 2));
  def(`fmin.${p}`, ext, "F3", fp(0b00101, fmt, 0));
  def(`fmax.${p}`, ext, "F3", fp(0b00101, fmt, 1));
  def(`feq.${p}`, ext, "FCMP", fp(0b10100, fmt, 2));
  def(`flt.${p}`, ext, "FCMP", fp(0b10100, fmt, 1));
  def(`fle.${p}`, ext, "FCMP", fp(0b10100, fmt, 0));
  def(`fclass.${p}`, ext, "FX", fp(0b11100, fmt, 1, 0));
  for (const [it, rs2] of [
    ["w", 0],
    ["wu", 1],
    ["l", 2],
    ["lu", 3],
  ] as const) {
    def(`fcvt.${it}.${p}`, ext, "FXRM", fp(0b11000, fmt, "rm", rs2));
    def(`fcvt.${p}.${it}`, ext, "XFRM", fp(0b11010, fmt, "rm", rs2));
  }
  def(p === "s" ? "fmv.x.w" : "fmv.x.d", ext, "FX", fp(0b11100, fmt, 0, 0));
  def(p === "s" ? "fmv.w.x" : "fmv.d.x", ext, "XF", fp(0b11110, fmt, 0, 0));
}
def("fcvt.s.d", "D", "F2RM", fp(0b01000, 0, "rm", 1));
def("fcvt.d.s", "D", "F2RM", fp(0b01000, 1, "rm", 0));

// --- Zicsr ---------------------------------------------------------------

for (const [name, f3] of [
  ["csrrw", 1],
  ["csrrs", 2],
  ["csrrc", 3],
] as const) {
  def(name, "Zicsr", "CSR", (o) => iType(OP.SYSTEM, f3, reg(o.rd, "rd"), reg(o.rs1, "rs1"), uimm(o.csr, 0xfff, "csr")));
}
for (const [name, f3] of [
  ["csrrwi", 5],
  ["csrrsi", 6],
  ["csrrci", 7],
] as const) {
  def(name, "Zicsr", "CSRI", (o) => iType(OP.SYSTEM, f3, reg(o.rd, "rd"), uimm(o.imm, 31, "uimm5"), uimm(o.csr, 0xfff, "csr")));
}

// --- Zba -----------------------------------------------------------------

def("add.uw", "Zba", "R", rr(OP.OP_32, 0, 0b0000100));
def("sh1add", "Zba", "R", rr(OP.OP, 2, 0b0010000));
def("sh2add", "Zba", "R", rr(OP.OP, 4, 0b0010000));
def("sh3add", "Zba", "R", rr(OP.OP, 6, 0b0010000));
def("sh1add.uw", "Zba", "R", rr(OP.OP_32, 2, 0b0010000));
def("sh2add.uw", "Zba", "R", rr(OP.OP_32, 4, 0b0010000));
def("sh3add.uw", "Zba", "R", rr(OP.OP_32, 6, 0b0010000));
def("slli.uw", "Zba", "SH6", shiftImm(OP.OP_IMM_32, 1, 0b000010, true));

// --- Zbb -----------------------------------------------------------------

def("andn", "Zbb", "R", rr(OP.OP, 7, 0b0100000));
def("orn", "Zbb", "R", rr(OP.OP, 6, 0b0100000));
def("xnor", "Zbb", "R", rr(OP.OP, 4, 0b0100000));
def("max", "Zbb", "R", rr(OP.OP, 6, 0b0000101));
def("maxu", "Zbb", "R", rr(OP.OP, 7, 0b0000101));
def("min", "Zbb", "R", rr(OP.OP, 4, 0b0000101));
def("minu", "Zbb", "R", rr(OP.OP, 5, 0b0000101));
def("rol", "Zbb", "R", rr(OP.OP, 1, 0b0110000));
def("ror", "Zbb", "R", rr(OP.OP, 5, 0b0110000));
def("rolw", "Zbb", "R", rr(OP.OP_32, 1, 0b0110000));
def("rorw", "Zbb", "R", rr(OP.OP_32, 5, 0b0110000));
def("rori", "Zbb", "SH6", shiftImm(OP.OP_IMM, 5, 0b011000, true));
def("roriw", "Zbb", "SH5", shiftImm(OP.OP_IMM_32, 5, 0b0110000, false));

function unary(opcode: number, f3: number, imm12: number) {
  return (o: Operands) => iType(opcode, f3, reg(o.rd, "rd"), reg(o.rs1, "rs1"), imm12);
}
def("clz", "Zbb", "UN", unary(OP.OP_IMM, 1, 0x600));
def("ctz", "Zbb", "UN", unary(OP.OP_IMM, 1, 0x601));
def("cpop", "Zbb", "UN", unary(OP.OP_IMM, 1, 0x602));
def("sext.b", "Zbb", "UN", unary(OP.OP_IMM, 1, 0x604));
def("sext.h", "Zbb", "UN", unary(OP.OP_IMM, 1, 0x605));
def("clzw", "Zbb", "UN", unary(OP.OP_IMM_32, 1, 0x600));
def("ctzw", "Zbb", "UN", unary(OP.OP_IMM_32, 1, 0x601));
def("cpopw", "Zbb", "UN", unary(OP.OP_IMM_32, 1, 0x602));
def("orc.b", "Zbb", "UN", unary(OP.OP_IMM, 5, 0x287));
def("rev8", "Zbb", "UN", unary(OP.OP_IMM, 5, 0x6b8)); // RV64 encoding
def("zext.h", "Zbb", "UN", (o) => rType(OP.OP_32, 4, 0b0000100, reg(o.rd, "rd"), reg(o.rs1, "rs1"), 0)); // RV64

// --- Zbs -----------------------------------------------------------------

def("bclr", "Zbs", "R", rr(OP.OP, 1, 0b0100100));
def("bext", "Zbs", "R", rr(OP.OP, 5, 0b0100100));
def("binv", "Zbs", "R", rr(OP.OP, 1, 0b0110100));
def("bset", "Zbs", "R", rr(OP.OP, 1, 0b0010100));
def("bclri", "Zbs", "SH6", shiftImm(OP.OP_IMM, 1, 0b010010, true));
def("bexti", "Zbs", "SH6", shiftImm(OP.OP_IMM, 5, 0b010010, true));
def("binvi", "Zbs", "SH6", shiftImm(OP.OP_IMM, 1, 0b011010, true));
def("bseti", "Zbs", "SH6", shiftImm(OP.OP_IMM, 1, 0b001010, true));

// --- Zicond --------------------------------------------------------------

def("czero.eqz", "Zicond", "R", rr(OP.OP, 5, 0b0000111));
def("czero.nez", "Zicond", "R", rr(OP.OP, 7, 0b0000111));

// --- C (RV64C) -----------------------------------------------------------
// Quadrant 0

def(
  "c.addi4spn",
  "C",
  "C.ADDI4SPN",
  (o) => {
    const i = uimm(o.imm, 1020, "nzuimm", 4, 4);
    if (o.rs1 !== undefined && o.rs1 !== 2) throw new Error("c.addi4spn rs1 must be sp");
    return (bits(i, 5, 4) << 11) | (bits(i, 9, 6) << 7) | (bit(i, 2) << 6) | (bit(i, 3) << 5) | (creg(o.rd, "rd") << 2) | 0b00;
  },
  2,
);

// CL/CS with 8-byte scaled offsets: uimm[5:3] -> 12:10, uimm[7:6] -> 6:5.
function clsD(f3: number, dataIsRd: boolean) {
  return (o: Operands) => {
    const i = uimm(o.imm, 248, "uimm", 8);
    const data = dataIsRd ? creg(o.rd, "rd") : creg(o.rs2, "rs2");
    return (f3 << 13) | (bits(i, 5, 3) << 10) | (creg(o.rs1, "rs1") << 7) | (bits(i, 7, 6) << 5) | (data << 2) | 0b00;
  };
}
// CL/CS with 4-byte scaled offsets: uimm[5:3] -> 12:10, uimm[2] -> 6, uimm[6] -> 5.
function clsW(f3: number, dataIsRd: boolean) {
  return (o: Operands) => {
    const i = uimm(o.imm, 124, "uimm", 4);
    const data = dataIsRd ? creg(o.rd, "rd") : creg(o.rs2, "rs2");
    return (f3 << 13) | (bits(i, 5, 3) << 10) | (creg(o.rs1, "rs1") << 7) | (bit(i, 2) << 6) | (bit(i, 6) << 5) | (data << 2) | 0b00;
  };
}
def("c.fld", "C", "C.FLD", clsD(0b001, true), 2);
def("c.lw", "C", "C.LW", clsW(0b010, true), 2);
def("c.ld", "C", "C.LD", clsD(0b011, true), 2);
def("c.fsd", "C", "C.FSD", clsD(0b101, false), 2);
def("c.sw", "C", "C.SW", clsW(0b110, false), 2);
def("c.sd", "C", "C.SD", clsD(0b111, false), 2);

// Quadrant 1
function ci(f3: number, op: number, rd: number, imm6: number): number {
  return (f3 << 13) | (bit(imm6, 5) << 12) | (rd << 7) | (bits(imm6, 4, 0) << 2) | op;
}

def("c.nop", "C", "C.NOP", () => 0x0001, 2);
def(
  "c.addi",
  "C",
  "C.CI",
  (o) => {
    const v = simm(o.imm, 6, "imm6");
    const rd = reg(o.rd, "rd");
    if (v === 0 || rd === 0) throw new Error("c.addi with rd=0 or imm=0 is a HINT");
    return ci(0b000, 0b01, rd, v & 0x3f);
  },
  2,
);
def(
  "c.addiw",
  "C",
  "C.CI",
  (o) => {
    const rd = reg(o.rd, "rd");
    if (rd === 0) throw new Error("c.addiw rd=0 is reserved");
    return ci(0b001, 0b01, rd, simm(o.imm, 6, "imm6") & 0x3f);
  },
  2,
);
def(
  "c.li",
  "C",
  "C.LI",
  (o) => {
    const rd = reg(o.rd, "rd");
    if (rd === 0) throw new Error("c.li rd=0 is a HINT");
    return ci(0b010, 0b01, rd, simm(o.imm, 6, "imm6") & 0x3f);
  },
  2,
);
def(
  "c.addi16sp",
  "C",
  "C.ADDI16SP",
  (o) => {
    const i = simm(o.imm, 10, "nzimm", 16);
    if (i === 0) throw new Error("c.addi16sp imm=0 is reserved");
    return (
      (0b011 << 13) | (bit(i, 9) << 12) | (2 << 7) | (bit(i, 4) << 6) | (bit(i, 6) << 5) | (bits(i, 8, 7) << 3) | (bit(i, 5) << 2) | 0b01
    );
  },
  2,
);
def(
  "c.lui",
  "C",
  "C.LUI",
  (o) => {
    const rd = reg(o.rd, "rd");
    const v = simm(o.imm, 6, "nzimm6");
    if (rd === 0 || rd === 2 || v === 0) throw new Error("c.lui: rd in {0,2} or imm=0 is reserved/HINT");
    return ci(0b011, 0b01, rd, v & 0x3f);
  },
  2,
);
function cbShift(f2: number) {
  return (o: Operands) => {
    const sh = uimm(o.imm, 63, "shamt", 1, 1);
    return (0b100 << 13) | (bit(sh, 5) << 12) | (f2 << 10) | (creg(o.rd, "rd") << 7) | (bits(sh, 4, 0) << 2) | 0b01;
  };
}
def("c.srli", "C", "C.SHIFT", cbShift(0b00), 2);
def("c.srai", "C", "C.SHIFT", cbShift(0b01), 2);
def(
  "c.andi",
  "C",
  "C.ANDI",
  (o) => {
    const v = simm(o.imm, 6, "imm6") & 0x3f;
    return (0b100 << 13) | (bit(v, 5) << 12) | (0b10 << 10) | (creg(o.rd, "rd") << 7) | (bits(v, 4, 0) << 2) | 0b01;
  },
  2,
);
function ca(b12: number, f2: number) {
  return (o: Operands) =>
    (0b100 << 13) | (b12 << 12) | (0b11 << 10) | (creg(o.rd, "rd") << 7) | (f2 << 5) | (creg(o.rs2, "rs2") << 2) | 0b01;
}
def("c.sub", "C", "C.CA", ca(0, 0b00), 2);
def("c.xor", "C", "C.CA", ca(0, 0b01), 2);
def("c.or", "C", "C.CA", ca(0, 0b10), 2);
def("c.and", "C", "C.CA", ca(0, 0b11), 2);
def("c.subw", "C", "C.CA", ca(1, 0b00), 2);
def("c.addw", "C", "C.CA", ca(1, 0b01), 2);
def(
  "c.j",
  "C",
  "C.J",
  (o) => {
    const i = simm(o.imm, 12, "c.j offset", 2) & 0xfff;
    return (
      (0b101 << 13) |
      (bit(i, 11) << 12) |
      (bit(i, 4) << 11) |
      (bits(i, 9, 8) << 9) |
      (bit(i, 10) << 8) |
      (bit(i, 6) << 7) |
      (bit(i, 7) << 6) |
      (bits(i, 3, 1) << 3) |
      (bit(i, 5) << 2) |
      0b01
    );
  },
  2,
);
function cbranch(f3: number) {
  return (o: Operands) => {
    const i = simm(o.imm, 9, "c.b offset", 2) & 0x1ff;
    return (
      (f3 << 13) |
      (bit(i, 8) << 12) |
      (bits(i, 4, 3) << 10) |
      (creg(o.rs1, "rs1") << 7) |
      (bits(i, 7, 6) << 5) |
      (bits(i, 2, 1) << 3) |
      (bit(i, 5) << 2) |
      0b01
    );
  };
}
def("c.beqz", "C", "C.BRANCH", cbranch(0b110), 2);
def("c.bnez", "C", "C.BRANCH", cbranch(0b111), 2);

// Quadrant 2
def(
  "c.slli",
  "C",
  "C.SLLI",
  (o) => {
    const rd = reg(o.rd, "rd");
    if (rd === 0) throw new Error("c.slli rd=0 is a HINT");
    return ci(0b000, 0b10, rd, uimm(o.imm, 63, "shamt", 1, 1));
  },
  2,
);
// c.fldsp/c.ldsp: uimm[5] -> 12, uimm[4:3] -> 6:5, uimm[8:6] -> 4:2
function ldsp(f3: number, isInt: boolean) {
  return (o: Operands) => {
    const rd = reg(o.rd, "rd");
    if (isInt && rd === 0) throw new Error("c.ldsp rd=0 is reserved");
    const i = uimm(o.imm, 504, "uimm", 8);
    return (f3 << 13) | (bit(i, 5) << 12) | (rd << 7) | (bits(i, 4, 3) << 5) | (bits(i, 8, 6) << 2) | 0b10;
  };
}
def("c.fldsp", "C", "C.FLDSP", ldsp(0b001, false), 2);
def(
  "c.lwsp",
  "C",
  "C.LWSP",
  (o) => {
    const rd = reg(o.rd, "rd");
    if (rd === 0) throw new Error("c.lwsp rd=0 is reserved");
    const i = uimm(o.imm, 252, "uimm", 4);
    // uimm[5] -> 12, uimm[4:2] -> 6:4, uimm[7:6] -> 3:2
    return (0b010 << 13) | (bit(i, 5) << 12) | (rd << 7) | (bits(i, 4, 2) << 4) | (bits(i, 7, 6) << 2) | 0b10;
  },
  2,
);
def("c.ldsp", "C", "C.LDSP", ldsp(0b011, true), 2);
function cr(f4: number, rd: number, rs2: number): number {
  return (f4 << 12) | (rd << 7) | (rs2 << 2) | 0b10;
}
def(
  "c.jr",
  "C",
  "C.JR",
  (o) => {
    const rs1 = reg(o.rs1, "rs1");
    if (rs1 === 0) throw new Error("c.jr rs1=0 is reserved");
    return cr(0b1000, rs1, 0);
  },
  2,
);
def(
  "c.mv",
  "C",
  "C.MV",
  (o) => {
    const rd = reg(o.rd, "rd");
    const rs2 = reg(o.rs2, "rs2");
    if (rd === 0 || rs2 === 0) throw new Error("c.mv rd=0 is a HINT, rs2=0 is c.jr");
    return cr(0b1000, rd, rs2);
  },
  2,
);
def(
  "c.jalr",
  "C",
  "C.JR",
  (o) => {
    const rs1 = reg(o.rs1, "rs1");
    if (rs1 === 0) throw new Error("c.jalr rs1=0 is c.ebreak");
    return cr(0b1001, rs1, 0);
  },
  2,
);
def(
  "c.add",
  "C",
  "C.MV",
  (o) => {
    const rd = reg(o.rd, "rd");
    const rs2 = reg(o.rs2, "rs2");
    if (rd === 0 || rs2 === 0) throw new Error("c.add rd=0 is a HINT, rs2=0 is c.jalr");
    return cr(0b1001, rd, rs2);
  },
  2,
);
// c.fsdsp/c.sdsp: uimm[5:3] -> 12:10, uimm[8:6] -> 9:7
function sdsp(f3: number) {
  return (o: Operands) => {
    const i = uimm(o.imm, 504, "uimm", 8);
    return (f3 << 13) | (bits(i, 5, 3) << 10) | (bits(i, 8, 6) << 7) | (reg(o.rs2, "rs2") << 2) | 0b10;
  };
}
def("c.fsdsp", "C", "C.FSDSP", sdsp(0b101), 2);
def(
  "c.swsp",
  "C",
  "C.SWSP",
  (o) => {
    const i = uimm(o.imm, 252, "uimm", 4);
    // uimm[5:2] -> 12:9, uimm[7:6] -> 8:7
    return (0b110 << 13) | (bits(i, 5, 2) << 9) | (bits(i, 7, 6) << 7) | (reg(o.rs2, "rs2") << 2) | 0b10;
  },
  2,
);
def("c.sdsp", "C", "C.SDSP", sdsp(0b111), 2);

// ---------------------------------------------------------------------------
// Lookup

export const INSNS: readonly InsnDef[] = DEFS;
const BY_NAME = new Map<string, InsnDef>(DEFS.map((d) => [d.name, d]));
if (BY_NAME.size !== DEFS.length) throw new Error("duplicate instruction definition");

export function insnDef(name: string): InsnDef {
  const d = BY_NAME.get(name);
  if (d === undefined) throw new Error(`unknown instruction ${name}`);
  return d;
}

/** Encode one instruction by mnemonic. Returns the instruction word (16 or 32 bits). */
export function encode(name: string, o: Operands = {}): number {
  return insnDef(name).enc(o);
}

// ---------------------------------------------------------------------------
// GNU assembler syntax (used for cross-checking with binutils)

export const RM_NAMES = ["rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn"] as const;
export const CSR_NAMES: Record<number, string> = {
  1: "fflags",
  2: "frm",
  3: "fcsr",
};

function fenceSet(v: number): string {
  let s = "";
  if (v & 8) s += "i";
  if (v & 4) s += "o";
  if (v & 2) s += "r";
  if (v & 1) s += "w";
  return s === "" ? "0" : s;
}

/** Renders `o` as GNU as source. Branch/jump offsets become `.+N`/`.-N`. */
export function asm(name: string, o: Operands = {}): string {
  const d = insnDef(name);
  const x = (r: number | undefined) => `x${r}`;
  const f = (r: number | undefined) => `f${r}`;
  const rel = (v: number | undefined) => ((v ?? 0) >= 0 ? `.+${v}` : `.${v}`);
  const rm = (v: number | undefined) => RM_NAMES[v ?? 7];
  const csr = (c: number | undefined) => CSR_NAMES[c ?? -1] ?? String(c);
  let mn = name;
  if (d.sig === "LR" || d.sig === "AMO") mn += o.aq ? (o.rl ? ".aqrl" : ".aq") : o.rl ? ".rl" : "";
  const ops = ((): string => {
    switch (d.sig) {
      case "R":
        return `${x(o.rd)},${x(o.rs1)},${x(o.rs2)}`;
      case "I":
      case "SH6":
      case "SH5":
        return `${x(o.rd)},${x(o.rs1)},${o.imm}`;
      case "UN":
        return `${x(o.rd)},${x(o.rs1)}`;
      case "U":
        return `${x(o.rd)},0x${(o.imm ?? 0).toString(16)}`;
      case "LOAD":
      case "JALR":
        return `${x(o.rd)},${o.imm}(${x(o.rs1)})`;
      case "STORE":
        return `${x(o.rs2)},${o.imm}(${x(o.rs1)})`;
      case "FLOAD":
        return `${f(o.rd)},${o.imm}(${x(o.rs1)})`;
      case "FSTORE":
        return `${f(o.rs2)},${o.imm}(${x(o.rs1)})`;
      case "BRANCH":
        return `${x(o.rs1)},${x(o.rs2)},${rel(o.imm)}`;
      case "JAL":
        return `${x(o.rd)},${rel(o.imm)}`;
      case "FENCE":
        return `${fenceSet(o.pred ?? 0)},${fenceSet(o.succ ?? 0)}`;
      case "NONE":
      case "C.NOP":
        return "";
      case "LR":
        return `${x(o.rd)},(${x(o.rs1)})`;
      case "AMO":
        return `${x(o.rd)},${x(o.rs2)},(${x(o.rs1)})`;
      case "F3":
        return `${f(o.rd)},${f(o.rs1)},${f(o.rs2)}`;
      case "F3RM":
        return `${f(o.rd)},${f(o.rs1)},${f(o.rs2)},${rm(o.rm)}`;
      case "F4RM":
        return `${f(o.rd)},${f(o.rs1)},${f(o.rs2)},${f(o.rs3)},${rm(o.rm)}`;
      case "F2RM":
        // binutils 2.40 accepts no rounding-mode operand on the exact fcvt.d.s.
        return name === "fcvt.d.s" ? `${f(o.rd)},${f(o.rs1)}` : `${f(o.rd)},${f(o.rs1)},${rm(o.rm)}`;
      case "FCMP":
        return `${x(o.rd)},${f(o.rs1)},${f(o.rs2)}`;
      case "FX":
        return `${x(o.rd)},${f(o.rs1)}`;
      case "FXRM":
        return `${x(o.rd)},${f(o.rs1)},${rm(o.rm)}`;
      case "XF":
        return `${f(o.rd)},${x(o.rs1)}`;
      case "XFRM":
        // Likewise the exact int->double conversions.
        return name === "fcvt.d.w" || name === "fcvt.d.wu" ? `${f(o.rd)},${x(o.rs1)}` : `${f(o.rd)},${x(o.rs1)},${rm(o.rm)}`;
      case "CSR":
        return `${x(o.rd)},${csr(o.csr)},${x(o.rs1)}`;
      case "CSRI":
        return `${x(o.rd)},${csr(o.csr)},${o.imm}`;
      case "C.ADDI4SPN":
        return `${x(o.rd)},x2,${o.imm}`;
      case "C.LW":
      case "C.LD":
        return `${x(o.rd)},${o.imm}(${x(o.rs1)})`;
      case "C.FLD":
        return `${f(o.rd)},${o.imm}(${x(o.rs1)})`;
      case "C.SW":
      case "C.SD":
        return `${x(o.rs2)},${o.imm}(${x(o.rs1)})`;
      case "C.FSD":
        return `${f(o.rs2)},${o.imm}(${x(o.rs1)})`;
      case "C.CI":
      case "C.LI":
      case "C.ANDI":
      case "C.SHIFT":
      case "C.SLLI":
        return `${x(o.rd)},${o.imm}`;
      case "C.ADDI16SP":
        return `x2,${o.imm}`;
      case "C.LUI":
        return `${x(o.rd)},0x${((o.imm ?? 0) & 0xfffff).toString(16)}`;
      case "C.CA":
        return `${x(o.rd)},${x(o.rs2)}`;
      case "C.J":
        return rel(o.imm);
      case "C.BRANCH":
        return `${x(o.rs1)},${rel(o.imm)}`;
      case "C.LWSP":
      case "C.LDSP":
        return `${x(o.rd)},${o.imm}(x2)`;
      case "C.FLDSP":
        return `${f(o.rd)},${o.imm}(x2)`;
      case "C.SWSP":
      case "C.SDSP":
        return `${x(o.rs2)},${o.imm}(x2)`;
      case "C.FSDSP":
        return `${f(o.rs2)},${o.imm}(x2)`;
      case "C.JR":
        return x(o.rs1);
      case "C.MV":
        return `${x(o.rd)},${x(o.rs2)}`;
    }
  })();
  return ops === "" ? mn : `${mn} ${ops}`;
}

// ---------------------------------------------------------------------------
// Random legal operands for a signature (full field ranges; used by the
// encoder cross-check, not by the program generator, which has its own rules).

export function sampleOperands(d: InsnDef, rnd: (n: number) => number): Operands {
  const r = () => rnd(32);
  const c = () => 8 + rnd(8);
  const nz = (exclude: number[] = [0]) => {
    for (;;) {
      const v = rnd(32);
      if (!exclude.includes(v)) return v;
    }
  };
  const s = (bitsN: number, alignN = 1) => {
    const span = 2 ** bitsN / alignN;
    return (rnd(span) - span / 2) * alignN;
  };
  const rmv = () => [0, 1, 2, 3, 4, 7][rnd(6)]!;
  const aqrl = () => ({ aq: rnd(2) === 1, rl: rnd(2) === 1 });
  switch (d.sig) {
    case "R":
      return { rd: r(), rs1: r(), rs2: r() };
    case "I":
    case "LOAD":
    case "JALR":
      return { rd: r(), rs1: r(), imm: s(12) };
    case "SH6":
      return { rd: r(), rs1: r(), imm: rnd(64) };
    case "SH5":
      return { rd: r(), rs1: r(), imm: rnd(32) };
    case "UN":
      return { rd: r(), rs1: r() };
    case "U":
      return { rd: r(), imm: rnd(0x100000) };
    case "STORE":
      return { rs1: r(), rs2: r(), imm: s(12) };
    case "FLOAD":
      return { rd: r(), rs1: r(), imm: s(12) };
    case "FSTORE":
      return { rs1: r(), rs2: r(), imm: s(12) };
    case "BRANCH":
      return { rs1: r(), rs2: r(), imm: s(13, 2) };
    case "JAL":
      return { rd: r(), imm: s(21, 2) };
    case "FENCE":
      return { pred: 1 + rnd(15), succ: 1 + rnd(15) };
    case "NONE":
    case "C.NOP":
      return {};
    case "LR":
      return { rd: r(), rs1: r(), ...aqrl() };
    case "AMO":
      return { rd: r(), rs1: r(), rs2: r(), ...aqrl() };
    case "F3":
    case "FCMP":
      return { rd: r(), rs1: r(), rs2: r() };
    case "F3RM":
      return { rd: r(), rs1: r(), rs2: r(), rm: rmv() };
    case "F4RM":
      return { rd: r(), rs1: r(), rs2: r(), rs3: r(), rm: rmv() };
    case "F2RM":
    case "FXRM":
    case "XFRM":
      return { rd: r(), rs1: r(), rm: rmv() };
    case "FX":
    case "XF":
      return { rd: r(), rs1: r() };
    case "CSR":
      return { rd: r(), rs1: r(), csr: 1 + rnd(3) };
    case "CSRI":
      return { rd: r(), imm: rnd(32), csr: 1 + rnd(3) };
    case "C.ADDI4SPN":
      return { rd: c(), imm: 4 * (1 + rnd(255)) };
    case "C.LW":
      return { rd: c(), rs1: c(), imm: 4 * rnd(32) };
    case "C.LD":
    case "C.FLD":
      return { rd: c(), rs1: c(), imm: 8 * rnd(32) };
    case "C.SW":
      return { rs2: c(), rs1: c(), imm: 4 * rnd(32) };
    case "C.SD":
    case "C.FSD":
      return { rs2: c(), rs1: c(), imm: 8 * rnd(32) };
    case "C.CI": {
      let imm = s(6);
      if (d.name === "c.addi" && imm === 0) imm = 1;
      return { rd: nz(), imm };
    }
    case "C.LI":
      return { rd: nz(), imm: s(6) };
    case "C.ADDI16SP": {
      const imm = s(10, 16);
      return { imm: imm === 0 ? 16 : imm };
    }
    case "C.LUI": {
      const imm = s(6);
      return { rd: nz([0, 2]), imm: imm === 0 ? 1 : imm };
    }
    case "C.SHIFT":
      return { rd: c(), imm: 1 + rnd(63) };
    case "C.ANDI":
      return { rd: c(), imm: s(6) };
    case "C.CA":
      return { rd: c(), rs2: c() };
    case "C.J":
      return { imm: s(12, 2) };
    case "C.BRANCH":
      return { rs1: c(), imm: s(9, 2) };
    case "C.SLLI":
      return { rd: nz(), imm: 1 + rnd(63) };
    case "C.LWSP":
      return { rd: nz(), imm: 4 * rnd(64) };
    case "C.LDSP":
      return { rd: nz(), imm: 8 * rnd(64) };
    case "C.FLDSP":
      return { rd: r(), imm: 8 * rnd(64) };
    case "C.SWSP":
      return { rs2: r(), imm: 4 * rnd(64) };
    case "C.SDSP":
    case "C.FSDSP":
      return { rs2: r(), imm: 8 * rnd(64) };
    case "C.JR":
      return { rs1: nz() };
    case "C.MV":
      return { rd: nz(), rs2: nz() };
  }
}
