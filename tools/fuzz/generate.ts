// Seeded random RV64GC + Zba/Zbb/Zbs (+ Zicond) test-program generator.
//
// A program is a static ELF (see elf-writer.ts) laid out as:
//
//   code 0x10000:  _start: j prologue
//                  dump:   state-dump subroutine (see below)
//                  prologue: load f0..f31, fcsr, x1..x31 from the init table,
//                            set sp and x8, call dump (record 0 = initial state)
//                  block_1 .. block_N: K random instructions each, then
//                            `sd ra,REC+8(sp); jal ra,dump; ld ra,REC+8(sp)`
//                  epilogue: write(1, sp, 4608) (sp area + scratch), exit_group(0)
//
//   data 0x200000: [0x000,0x208) dump record     = sp-1024 .. sp-504
//                  [0x3f8,0x400) dump counter    = sp-8
//                  [0x400,0x600) sp area (512 B) = sp .. sp+511    (c.*sp loads/stores)
//                  [0x600,0x1600) scratch (4 KB) = x8-2048 .. x8+2047 (all other memory ops)
//                  [0x2000,..)   init table (prologue values)
//                  [0x3000,..)   reload pool: 256 x values, then 256 f values
//
// Reserved registers: x2 (sp, constant) and x8 (base of the scratch area,
// constant). No generated instruction writes them, except c.addi16sp which is
// always emitted as an adjacent `c.addi16sp sp,+n ; c.addi16sp sp,-n` pair.
// Every other x register and every f register is random state (f0..f15 lean
// to doubles, f16..f31 to NaN-boxed singles; 10-20% of the time the
// generator crosses over, and some singles are deliberately mis-boxed).
//
// The dump subroutine stores x2..x31, f0..f31 (raw 64 bits) and fcsr into the
// record (the caller stored x1 before the call), bumps the counter into
// record[0], write()s the 520-byte record to stdout, and reloads the five
// registers it used (t0, a0, a1, a2, a7). It never touches f registers or
// fcsr, so state is unchanged. Record layout (little-endian u64s):
//   [0] counter (1 = initial state, k+1 = after block k), [1..31] x1..x31,
//   [32..63] f0..f31, [64] fcsr.
//
// Memory ops: plain loads/stores use x8 (or a temp register set with
// `addi t,x8,k`) with offsets that stay inside the scratch area; about 10% of
// them are deliberately misaligned (QEMU linux-user performs misaligned plain
// loads/stores, as Linux does for user space on hardware that traps them;
// the ISA allows either). AMOs, LR and SC are always naturally aligned. LR is
// always paired with an SC to the same address a few ALU instructions later
// (so SC succeeds); lone SCs have no reservation (every SC clears it), so they
// must fail with rd=1. Control flow is forward only: branches/jal/c.j/c.beqz
// skip 0..4 whole items of the same block; jalr/c.jr/c.jalr jump through an
// auipc+addi-computed address (sometimes odd, testing that jalr clears bit 0).

import { asm, insnDef, INSNS, type InsnDef, type Operands } from "./encode.ts";
import { CodeBuffer, writeElf, type ElfSymbol } from "./elf-writer.ts";
import { Rng } from "./rng.ts";

export const LAYOUT = {
  TEXT: 0x10000,
  DATA: 0x200000,
  RECORD: 0x200000,
  COUNTER: 0x2003f8,
  SP: 0x200400,
  SP_AREA_SIZE: 512,
  SCRATCH: 0x200600,
  SCRATCH_SIZE: 4096,
  BASE: 0x200e00,
  MEM_DUMP: 0x200400,
  MEM_DUMP_SIZE: 0x1200,
  INIT: 0x202000,
  POOL: 0x203000,
  POOL_ENTRIES: 256,
  DATA_SIZE: 0x4000,
} as const;

export const RECORD_SIZE = 520;
export const RECORD_FCSR = 64; // u64 index
export const SP_REG = 2;
export const BASE_REG = 8;
/** Registers the random instructions may write. */
export const WRITABLE_X: readonly number[] = [1, 3, 4, 5, 6, 7, ...Array.from({ length: 23 }, (_, i) => i + 9)];
const WRITABLE_CX = [9, 10, 11, 12, 13, 14, 15];
const CX = [8, 9, 10, 11, 12, 13, 14, 15];
const RMS = [0, 1, 2, 3, 4, 7];
const REC = -1024; // record offset from sp

export const ARCH_ATTR = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zba1p0_zbb1p0_zbs1p0";

export interface GenOptions {
  /** Generate Zicond (czero.*) instructions. Default false. */
  zicond?: boolean;
  /** Allow misaligned plain loads/stores. Default true. */
  misaligned?: boolean;
  /** Also write the 4608-byte data area after every record (to localize memory diffs). */
  memDumpEveryBlock?: boolean;
  /** Items per block: [min, max]. Default [16, 64]. */
  blockItems?: [number, number];
}

interface Ins {
  name: string;
  o: Operands;
}

interface Item {
  /** Coverage keys (principal instruction names). */
  cover: string[];
  insns: Ins[];
  /** For forward control flow: number of following items to skip. */
  skip?: number;
  /** Called once addresses are known; may patch operands of `insns`. */
  fix?: (itemAddr: number, targetAddr: number) => void;
}

export interface BlockInfo {
  /** 1-based block number == dump record index that follows it. */
  index: number;
  start: number;
  /** Address of the dump call sequence that ends the block. */
  end: number;
  /** Assembly text of the block, one line per instruction. */
  lines: string[];
  /** Record slots (1..31 = x1..x31, 32..63 = f0..f31) read by the block's instructions. */
  inputs: number[];
}

/** Record slots read by one instruction (x regs 1..31, f regs 32..63). */
export function inputSlots(name: string, o: Operands): number[] {
  const d = insnDef(name);
  const x = (r: number | undefined) => (r === undefined || r === 0 ? [] : [r]);
  const f = (r: number | undefined) => (r === undefined ? [] : [32 + r]);
  switch (d.sig) {
    case "R":
    case "AMO":
    case "BRANCH":
    case "STORE":
    case "C.SW":
    case "C.SD":
      return [...x(o.rs1), ...x(o.rs2)];
    case "I":
    case "SH6":
    case "SH5":
    case "UN":
    case "LOAD":
    case "JALR":
    case "LR":
    case "FLOAD":
    case "CSR":
    case "XF":
    case "XFRM":
    case "C.LW":
    case "C.LD":
    case "C.FLD":
    case "C.JR":
    case "C.BRANCH":
      return x(o.rs1);
    case "FSTORE":
    case "C.FSD":
      return [...x(o.rs1), ...f(o.rs2)];
    case "F3":
    case "F3RM":
    case "FCMP":
      return [...f(o.rs1), ...f(o.rs2)];
    case "F4RM":
      return [...f(o.rs1), ...f(o.rs2), ...f(o.rs3)];
    case "F2RM":
    case "FX":
    case "FXRM":
      return f(o.rs1);
    case "C.CA":
      return [...x(o.rd), ...x(o.rs2)];
    case "C.CI":
    case "C.SHIFT":
    case "C.ANDI":
    case "C.SLLI":
      return x(o.rd);
    case "C.MV":
      return name === "c.add" ? [...x(o.rd), ...x(o.rs2)] : x(o.rs2);
    case "C.SWSP":
    case "C.SDSP":
      return x(o.rs2);
    case "C.FSDSP":
      return f(o.rs2);
    default:
      return [];
  }
}

export interface GeneratedProgram {
  seed: number;
  index: number;
  elf: Uint8Array;
  blocks: BlockInfo[];
  /** Random (block) instructions, including their address helpers. */
  insnCount: number;
  /** Records written: 1 (initial) + blocks.length. */
  records: number;
  expectedStdoutLength: number;
  memDumpEveryBlock: boolean;
  coverage: Map<string, number>;
  features: Map<string, number>;
  /** Static instructions in the whole program (for a maxInsns bound). */
  staticInsns: number;
}

// ---------------------------------------------------------------------------
// Interesting values

const M64 = (1n << 64n) - 1n;
const sx32 = (v: bigint): bigint => ((v & 0xffffffffn) ^ 0x80000000n) - 0x80000000n;

export function randomInt64(rng: Rng): bigint {
  const specials: bigint[] = [
    0n,
    1n,
    -1n,
    2n,
    -2n,
    0x7fffffffn,
    -0x80000000n,
    0x80000000n,
    0xffffffffn,
    0x100000000n,
    0x7fffffffffffffffn,
    -0x8000000000000000n,
    0x8000000000000000n - 1n,
    0xffffffff00000000n,
    0x00000000ffff8000n,
    0x7fffn,
    0x8000n,
    0xffffn,
    0x7fn,
    0x80n,
    0xffn,
    31n,
    32n,
    63n,
    64n,
  ];
  switch (rng.below(10)) {
    case 0:
    case 1:
    case 2:
      return rng.pick(specials) & M64;
    case 3:
      return BigInt(rng.range(-16, 16)) & M64;
    case 4: {
      const k = BigInt(rng.below(64));
      const p = 1n << k;
      return rng.pick([p, p - 1n, -p, ~p, p + 1n]) & M64;
    }
    case 5:
      return sx32(BigInt(rng.u32())) & M64;
    case 6:
      return BigInt(rng.u32());
    case 7:
      return rng.chance(0.5) ? randomF64(rng) : randomF32(rng) & 0xffffffffn;
    default:
      return rng.u64();
  }
}

/** Random double bit pattern, biased to specials. */
export function randomF64(rng: Rng): bigint {
  const specials: bigint[] = [
    0x0000000000000000n, // +0
    0x8000000000000000n, // -0
    0x7ff0000000000000n, // +inf
    0xfff0000000000000n, // -inf
    0x7ff8000000000000n, // canonical qNaN
    0xfff8000000000000n, // -qNaN
    0x7ff4000000000000n, // sNaN
    0x7ff0000000000001n, // sNaN, min payload
    0xfff0000000000001n,
    0x7fffffffffffffffn, // qNaN max payload
    0x0000000000000001n, // min subnormal
    0x8000000000000001n,
    0x000fffffffffffffn, // max subnormal
    0x0010000000000000n, // min normal
    0x8010000000000000n,
    0x7fefffffffffffffn, // max
    0xffefffffffffffffn,
    0x3ff0000000000000n, // 1.0
    0xbff0000000000000n, // -1.0
    0x3fe0000000000000n, // 0.5
    0xbfe0000000000000n,
    0x3ff8000000000000n, // 1.5
    0x4004000000000000n, // 2.5
    0xc004000000000000n, // -2.5
    0x400c000000000000n, // 3.5
    0x3fdfffffffffffffn, // 0.49999999999999994
    0x41e0000000000000n, // 2^31
    0x41dfffffffc00000n, // 2^31-1
    0x41dfffffffe00000n, // 2^31-0.5
    0xc1e0000000000000n, // -2^31
    0xc1e0000000200000n, // -2^31-1
    0x41f0000000000000n, // 2^32
    0x41efffffffe00000n, // 2^32-1
    0x43e0000000000000n, // 2^63
    0xc3e0000000000000n, // -2^63
    0x43dfffffffffffffn, // largest < 2^63
    0x43f0000000000000n, // 2^64
    0x43efffffffffffffn, // largest < 2^64
    0x4340000000000000n, // 2^53
    0x3ff0000000000001n, // 1+ulp
    0x3fefffffffffffffn, // 1-ulp/2
    0x3ff0000010000000n, // 1 + 2^-24: a tie when rounded to single
    0x3ff0000030000000n, // odd + half-ulp for single
    0x36a0000000000000n, // 2^-149 (min single subnormal)
    0x3690000000000000n, // 2^-150 (tie below min single subnormal)
    0x47efffffe0000000n, // FLT_MAX
    0x47efffffe8000000n, // FLT_MAX + half ulp-ish (overflow on rounding up)
    0x3810000000000000n, // FLT_MIN
  ];
  if (rng.chance(0.35)) return rng.pick(specials);
  const sign = rng.chance(0.5) ? 1n : 0n;
  let exp: bigint;
  switch (rng.below(6)) {
    case 0:
      exp = 0n;
      break;
    case 1:
      exp = rng.pick([1n, 2n, 0x7fdn, 0x7fen, 0x7ffn]);
      break;
    case 2:
      exp = BigInt(0x3ff + rng.range(-64, 64));
      break;
    case 3:
      exp = BigInt(0x3ff + rng.range(-160, 160)); // around single range
      break;
    default:
      exp = BigInt(rng.below(0x800));
  }
  let man: bigint;
  switch (rng.below(7)) {
    case 0:
      man = 0n;
      break;
    case 1:
      man = 0xfffffffffffffn;
      break;
    case 2:
      man = (rng.u64() & 0xfffffe0000000n) | 0x10000000n; // exact tie for f32 rounding
      break;
    case 3:
      man = rng.u64() & 0xfffffe0000000n; // exactly representable as f32
      break;
    case 4:
      man = (rng.u64() & 0xffffffffffff0n) | rng.pick([0x8n, 0x7n, 0x9n]);
      break;
    default:
      man = rng.u64() & 0xfffffffffffffn;
  }
  return (sign << 63n) | (exp << 52n) | man;
}

/** Random single bit pattern (32 bits, not boxed), biased to specials. */
export function randomF32(rng: Rng): bigint {
  const specials: number[] = [
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x7f800001, 0xff800001, 0x7fffffff, 0x00000001,
    0x80000001, 0x007fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000,
    0x40200000, 0xc0200000, 0x40600000, 0x3effffff, 0x4f000000, 0xcf000000, 0x4effffff, 0x4f800000, 0x4f7fffff, 0x5f000000, 0xdf000000,
    0x5effffff, 0x5f800000, 0x5f7fffff, 0x4b000000, 0x3f800001, 0x3f7fffff, 0x33800000, 0x4b7fffff, 0xcb000001,
  ];
  if (rng.chance(0.35)) return BigInt(rng.pick(specials));
  const sign = rng.chance(0.5) ? 1 : 0;
  let exp: number;
  switch (rng.below(5)) {
    case 0:
      exp = 0;
      break;
    case 1:
      exp = rng.pick([1, 2, 0xfd, 0xfe, 0xff]);
      break;
    case 2:
      exp = 0x7f + rng.range(-40, 40);
      break;
    default:
      exp = rng.below(0x100);
  }
  let man: number;
  switch (rng.below(6)) {
    case 0:
      man = 0;
      break;
    case 1:
      man = 0x7fffff;
      break;
    case 2:
      man = (rng.u32() & 0x7ffff0) | rng.pick([0x8, 0x7, 0x9]);
      break;
    default:
      man = rng.u32() & 0x7fffff;
  }
  return BigInt(((sign << 31) | (exp << 23) | man) >>> 0);
}

/**
 * Random f-register value: doubles, NaN-boxed singles, and improperly boxed
 * singles. `prefer` biases to one precision (90%).
 */
export function randomFReg(rng: Rng, prefer?: "s" | "d"): bigint {
  const pDouble = prefer === "d" ? 0.9 : prefer === "s" ? 0.1 : 0.5;
  if (rng.chance(pDouble)) return randomF64(rng);
  const s = randomF32(rng);
  if (rng.chance(0.85)) return (0xffffffffn << 32n) | s;
  // Improper NaN-boxing: must read as the canonical NaN in single-precision ops.
  const upper = rng.pick([0n, 0xfffffffen, 0x7fffffffn, BigInt(rng.u32()), 0xffff7fffn]);
  return (upper << 32n) | s;
}

// ---------------------------------------------------------------------------
// Generator

const ALU_SIGS = new Set(["R", "I", "SH6", "SH5", "UN", "U"]);
const FP_SIGS = new Set(["F3", "F3RM", "F4RM", "F2RM", "FCMP", "FX", "FXRM", "XF", "XFRM"]);
const FILLERS = ["add", "sub", "xor", "and", "or", "sll", "srl", "sra", "addw", "mul", "slt", "sltu"];

/** Precision of the FP destination and sources of an instruction ("d" or "s"). */
function fpPrecision(name: string): { dst: "s" | "d"; src: "s" | "d" } {
  const m = /^fcvt\.([a-z]+)\.([a-z]+)$/.exec(name);
  if (m) {
    const t = (x: string): "s" | "d" | undefined => (x === "s" || x === "d" ? x : undefined);
    const dst = t(m[1]!);
    const src = t(m[2]!);
    return { dst: dst ?? src ?? "d", src: src ?? dst ?? "d" };
  }
  const p = name.endsWith(".s") || name === "fmv.x.w" || name === "fmv.w.x" ? "s" : "d";
  return { dst: p, src: p };
}

interface Kind {
  name: string;
  weight: number;
  gen: () => Item;
}

function ins(name: string, o: Operands): Ins {
  return { name, o };
}

function sizeOf(item: Item): number {
  let s = 0;
  for (const i of item.insns) s += insnDef(i.name).size;
  return s;
}

class Generator {
  readonly cover = new Map<string, number>();
  readonly features = new Map<string, number>();
  readonly kinds: Kind[] = [];
  private totalWeight = 0;

  constructor(
    readonly rng: Rng,
    readonly opts: Required<GenOptions>,
  ) {
    this.buildKinds();
  }

  feature(name: string): void {
    this.features.set(name, (this.features.get(name) ?? 0) + 1);
  }

  private rotateIdiom(): Item {
    const r = this.rng;
    const word = r.chance(0.5);
    const width = word ? 32 : 64;
    const n = 1 + r.below(width - 1);
    const x = this.sx();
    const a = this.wx(false),
      b = r.chance(0.1) ? a : this.wx(false);
    const m = r.chance(0.9) ? width - n : 1 + r.below(width - 1);
    const right = ins(word ? "srliw" : "srli", { rd: a, rs1: x, imm: n });
    const left = ins(word ? "slliw" : "slli", { rd: b, rs1: x, imm: m });
    const rightFirst = r.chance(0.5);
    // As compilers write it when x dies: the second shift overwrites x itself.
    if (WRITABLE_X.includes(x) && r.chance(0.3)) (rightFirst ? left : right).o.rd = x;
    const [d1, d2] = [right.o.rd!, left.o.rd!];
    const first = r.chance(0.5);
    const or = ins("or", { rd: r.chance(0.5) ? d1 : this.wx(), rs1: first ? d1 : d2, rs2: first ? d2 : d1 });
    const insns = rightFirst ? [right, left, or] : [left, right, or];
    this.feature(`rotate-idiom.${width}`);
    return { cover: ["rotate-idiom"], insns };
  }

  // --- operand helpers ---------------------------------------------------

  /** Writable destination x register; x0 sometimes when allowed. */
  wx(allowX0 = true): number {
    if (allowX0 && this.rng.chance(0.03)) {
      this.feature("rd=x0");
      return 0;
    }
    return this.rng.pick(WRITABLE_X);
  }
  /** Any x register as a source. */
  sx(): number {
    return this.rng.chance(0.04) ? 0 : this.rng.below(32);
  }
  /**
   * An f register. f0..f15 mostly hold doubles and f16..f31 mostly NaN-boxed
   * singles (prologue, reloads and the precision of the instructions writing
   * them), so that most operations see operands of their own format; 20% of
   * the picks ignore that and exercise NaN-boxing/unboxing.
   */
  fr(prec?: "s" | "d"): number {
    if (prec === undefined || this.rng.chance(0.2)) return this.rng.below(32);
    return (prec === "d" ? 0 : 16) + this.rng.below(16);
  }
  rm(): number {
    const r = this.rng.pick(RMS);
    this.feature(`rm=${r}`);
    return r;
  }
  tmp(exclude: number[] = []): number {
    for (;;) {
      const r = this.rng.pick(WRITABLE_X);
      if (!exclude.includes(r)) return r;
    }
  }
  imm12(): number {
    switch (this.rng.below(10)) {
      case 0:
        return 0;
      case 1:
        return this.rng.pick([1, -1]);
      case 2:
        return this.rng.pick([-2048, 2047]);
      case 3:
        return this.rng.range(-16, 16);
      default:
        return this.rng.range(-2048, 2047);
    }
  }
  imm6(): number {
    return this.rng.chance(0.3) ? this.rng.pick([0, 1, -1, -32, 31]) : this.rng.range(-32, 31);
  }
  shamt(max: number): number {
    return this.rng.chance(0.4) ? this.rng.pick([0, 1, max >> 1, (max >> 1) + 1, max]) : this.rng.range(0, max);
  }
  u20(): number {
    return this.rng.chance(0.3) ? this.rng.pick([0, 1, 0x7ffff, 0x80000, 0xfffff]) : this.rng.below(0x100000);
  }

  /** Offset from x8 for an access of `size` bytes; `mis` allows misalignment. */
  effOffset(size: number, mis: boolean): number {
    if (mis && this.opts.misaligned && this.rng.chance(0.1)) {
      const e = this.rng.range(-2048, 2048 - size);
      if (e % size !== 0) this.feature("misaligned");
      return e;
    }
    return size * this.rng.range(-2048 / size, 2048 / size - 1);
  }

  /** Address operands (pre-instructions, rs1, imm) for a plain load/store. */
  memAddr(size: number, mis: boolean, exclude: number[] = []): { pre: Ins[]; rs1: number; imm: number } {
    const eff = this.effOffset(size, mis);
    if (this.rng.chance(0.65)) return { pre: [], rs1: BASE_REG, imm: eff };
    const t = this.tmp(exclude);
    const k = this.rng.range(Math.max(-2048, eff - 2047), Math.min(2047, eff + 2048));
    return {
      pre: [ins("addi", { rd: t, rs1: BASE_REG, imm: k })],
      rs1: t,
      imm: eff - k,
    };
  }

  /** Naturally aligned address in a register for AMO/LR/SC. */
  amoAddr(size: number, exclude: number[] = []): { pre: Ins[]; rs1: number } {
    if (this.rng.chance(0.2)) return { pre: [], rs1: BASE_REG };
    const t = this.tmp(exclude);
    return {
      pre: [ins("addi", { rd: t, rs1: BASE_REG, imm: this.effOffset(size, false) })],
      rs1: t,
    };
  }

  /** Address for a compressed CL/CS access of `size` with a uimm of step `step` up to `max`. */
  cmemAddr(size: number, step: number, max: number, exclude: number[] = []): { pre: Ins[]; rs1: number; imm: number } {
    const u = step * this.rng.range(0, max / step);
    if (this.rng.chance(0.5)) return { pre: [], rs1: BASE_REG, imm: u };
    const candidates = WRITABLE_CX.filter((r) => !exclude.includes(r));
    const t = this.rng.pick(candidates);
    let eff: number;
    if (this.opts.misaligned && this.rng.chance(0.1)) {
      eff = this.rng.range(-2048 + u, 2048 - size);
      if (eff % size !== 0) this.feature("misaligned");
    } else {
      eff = size * this.rng.range(Math.ceil((-2048 + u) / size), 2048 / size - 1);
    }
    return {
      pre: [ins("addi", { rd: t, rs1: BASE_REG, imm: eff - u })],
      rs1: t,
      imm: u,
    };
  }

  // --- kinds ---------------------------------------------------------------

  private add(name: string, gen: () => Item, weight = 1): void {
    this.kinds.push({ name, weight, gen });
    this.totalWeight += weight;
  }

  private one(d: InsnDef, o: Operands, pre: Ins[] = []): Item {
    return { cover: [d.name], insns: [...pre, ins(d.name, o)] };
  }

  private buildKinds(): void {
    const r = this.rng;
    for (const d of INSNS) {
      if (d.ext === "Zicond" && !this.opts.zicond) continue;
      const n = d.name;
      if (ALU_SIGS.has(d.sig)) {
        this.add(n, () => {
          switch (d.sig) {
            case "R":
              return this.one(
                d,
                {
                  rd: this.wx(),
                  rs1: this.sx(),
                  rs2: r.chance(0.15) ? -1 : this.sx(),
                },
                [],
              );
            case "I":
              return this.one(d, {
                rd: this.wx(),
                rs1: this.sx(),
                imm: this.imm12(),
              });
            case "SH6":
              return this.one(d, {
                rd: this.wx(),
                rs1: this.sx(),
                imm: this.shamt(63),
              });
            case "SH5":
              return this.one(d, {
                rd: this.wx(),
                rs1: this.sx(),
                imm: this.shamt(31),
              });
            case "UN":
              return this.one(d, { rd: this.wx(), rs1: this.sx() });
            default:
              return this.one(d, { rd: this.wx(), imm: this.u20() });
          }
        });
      } else if (FP_SIGS.has(d.sig)) {
        const { dst: pd, src: ps } = fpPrecision(n);
        this.add(n, () => {
          switch (d.sig) {
            case "F3":
              return this.one(d, {
                rd: this.fr(pd),
                rs1: this.fr(ps),
                rs2: this.fr(ps),
              });
            case "F3RM":
              return this.one(d, {
                rd: this.fr(pd),
                rs1: this.fr(ps),
                rs2: this.fr(ps),
                rm: this.rm(),
              });
            case "F4RM":
              return this.one(d, {
                rd: this.fr(pd),
                rs1: this.fr(ps),
                rs2: this.fr(ps),
                rs3: this.fr(ps),
                rm: this.rm(),
              });
            case "F2RM":
              return this.one(d, {
                rd: this.fr(pd),
                rs1: this.fr(ps),
                rm: this.rm(),
              });
            case "FCMP":
              return this.one(d, {
                rd: this.wx(),
                rs1: this.fr(ps),
                rs2: this.fr(ps),
              });
            case "FX":
              return this.one(d, { rd: this.wx(), rs1: this.fr(ps) });
            case "FXRM":
              return this.one(d, {
                rd: this.wx(),
                rs1: this.fr(ps),
                rm: this.rm(),
              });
            case "XF":
              return this.one(d, { rd: this.fr(pd), rs1: this.sx() });
            default:
              return this.one(d, {
                rd: this.fr(pd),
                rs1: this.sx(),
                rm: this.rm(),
              });
          }
        });
      } else {
        switch (d.sig) {
          case "LOAD":
          case "FLOAD":
          case "STORE":
          case "FSTORE": {
            const size = { b: 1, h: 2, w: 4, d: 8 }[n.replace(/^f?[ls]/, "").replace(/u$/, "")[0] as "b" | "h" | "w" | "d"];
            const isF = d.sig === "FLOAD" || d.sig === "FSTORE";
            const isLoad = d.sig === "LOAD" || d.sig === "FLOAD";
            this.add(n, () => {
              const data = isF ? this.fr(size === 8 ? "d" : "s") : isLoad ? this.wx() : this.sx();
              const a = this.memAddr(size, true);
              return isLoad
                ? this.one(d, { rd: data, rs1: a.rs1, imm: a.imm }, a.pre)
                : this.one(d, { rs2: data, rs1: a.rs1, imm: a.imm }, a.pre);
            });
            break;
          }
          case "BRANCH":
            this.add(n, () => {
              const rs1 = this.sx();
              const item = this.one(d, {
                rs1,
                rs2: r.chance(0.25) ? rs1 : this.sx(),
                imm: 0,
              });
              return this.forward(item);
            });
            break;
          case "JAL":
            this.add(n, () => {
              const rd = r.chance(0.3) ? 0 : r.chance(0.3) ? 1 : this.wx();
              return this.forward(this.one(d, { rd, imm: 0 }));
            });
            break;
          case "JALR":
            this.add(n, () => this.indirect("jalr"));
            break;
          case "FENCE":
            this.add(n, () => this.one(d, { pred: r.range(1, 15), succ: r.range(1, 15) }));
            break;
          case "NONE":
            this.add(n, () => this.one(d, {}));
            break;
          case "LR":
            this.add(n, () => this.lrsc(n.endsWith(".d") ? 8 : 4));
            break;
          case "AMO":
            if (n.startsWith("sc.")) {
              this.add(n, () => {
                const size = n.endsWith(".d") ? 8 : 4;
                const a = this.amoAddr(size);
                this.feature("sc-without-reservation");
                return this.one(d, { rd: this.wx(), rs2: this.sx(), rs1: a.rs1, ...this.aqrl() }, a.pre);
              });
            } else {
              this.add(n, () => {
                const size = n.endsWith(".d") ? 8 : 4;
                const a = this.amoAddr(size);
                return this.one(d, { rd: this.wx(), rs2: this.sx(), rs1: a.rs1, ...this.aqrl() }, a.pre);
              });
            }
            break;
          case "CSR":
          case "CSRI":
            this.add(n, () => this.csr(d));
            break;
          default:
            this.add(n, () => this.compressed(d));
        }
      }
    }
    // Rotates written as two shifts and an or (code for RV64GC without Zbb), which the optimizer
    // turns into one rotate: the shifts in either order, the or's operands either way round, and
    // sometimes a source overwritten by the first shift or amounts that do not add up (no rotate).
    this.add("rotate-idiom", () => this.rotateIdiom(), 4);
    // Reloads of boundary values from the pool keep registers interesting.
    this.add("reload.x", () => this.reload(false), 10);
    this.add("reload.f", () => this.reload(true), 16);
  }

  aqrl(): { aq: boolean; rl: boolean } {
    const aq = this.rng.chance(0.5);
    const rl = this.rng.chance(0.5);
    if (aq) this.feature("aq");
    if (rl) this.feature("rl");
    return { aq, rl };
  }

  forward(item: Item): Item {
    item.skip = this.rng.chance(0.15) ? 0 : this.rng.range(1, 4);
    const last = item.insns[item.insns.length - 1]!;
    item.fix = (addr, target) => {
      // offset from the (last) control-flow instruction
      let at = addr;
      for (const i of item.insns.slice(0, -1)) at += insnDef(i.name).size;
      last.o.imm = target - at;
    };
    return item;
  }

  /** auipc t,0 ; addi t,t,off ; (jalr rd,imm(t) | c.jr t | c.jalr t) to a forward target. */
  indirect(kind: "jalr" | "c.jr" | "c.jalr"): Item {
    const t = this.tmp();
    const rd = this.rng.chance(0.3) ? 0 : this.wx();
    const imm = kind === "jalr" ? this.rng.range(-64, 64) : 0;
    const odd = this.rng.chance(0.2) ? 1 : 0;
    if (odd) this.feature("jump-to-odd-address");
    const auipc = ins("auipc", { rd: t, imm: 0 });
    const addi = ins("addi", { rd: t, rs1: t, imm: 0 });
    const jump = kind === "jalr" ? ins("jalr", { rd, rs1: t, imm }) : ins(kind, { rs1: t });
    const item: Item = {
      cover: [kind],
      insns: [auipc, addi, jump],
      skip: this.rng.range(0, 4),
    };
    item.fix = (addr, target) => {
      addi.o.imm = target - addr - imm + odd;
    };
    return item;
  }

  lrsc(size: number): Item {
    const sfx = size === 8 ? "d" : "w";
    const a = this.amoAddr(size);
    const excl = [a.rs1];
    const rd1 = this.tmp(excl);
    const insns: Ins[] = [...a.pre, ins(`lr.${sfx}`, { rd: rd1, rs1: a.rs1, ...this.aqrl() })];
    const fillers = this.rng.range(0, 2);
    for (let i = 0; i < fillers; i++) {
      insns.push(
        ins(this.rng.pick(FILLERS), {
          rd: this.tmp(excl),
          rs1: this.sx(),
          rs2: this.sx(),
        }),
      );
    }
    insns.push(
      ins(`sc.${sfx}`, {
        rd: this.wx(),
        rs2: this.sx(),
        rs1: a.rs1,
        ...this.aqrl(),
      }),
    );
    this.feature("lr/sc-pair");
    return { cover: [`lr.${sfx}`, `sc.${sfx}`], insns };
  }

  csr(d: InsnDef): Item {
    const r = this.rng;
    const csr = 1 + r.below(3);
    const csrName = ["", "fflags", "frm", "fcsr"][csr]!;
    this.feature(`csr=${csrName}`);
    const rd = this.wx();
    const pre: Ins[] = [];
    const setT = (v: number): number => {
      const t = this.tmp();
      pre.push(ins("addi", { rd: t, rs1: 0, imm: v }));
      return t;
    };
    // frm must stay in 0..4 (5..7 make dynamic-rm instructions illegal).
    // Clearing bits (csrrc/csrrci) can never leave 0..4.
    switch (d.name) {
      case "csrrw":
      case "csrrs": {
        let rs1: number;
        if (csr === 1 || (d.name === "csrrs" && r.chance(0.15))) {
          rs1 = csr === 1 ? this.sx() : 0;
        } else if (csr === 2) {
          if (d.name === "csrrs") pre.push(ins("csrrci", { rd: 0, csr: 2, imm: 7 }));
          rs1 = r.chance(0.15) ? 0 : setT(r.range(0, 4));
        } else {
          // fcsr: bits 7:5 are frm; upper bits are ignored on write.
          const frmBits = d.name === "csrrw" ? r.range(0, 4) : 0;
          const v = (r.range(-8, 7) << 8) | (frmBits << 5) | r.below(32);
          rs1 = setT(v);
        }
        return this.one(d, { rd, csr, rs1 }, pre);
      }
      case "csrrc":
        return this.one(d, { rd, csr, rs1: this.sx() });
      case "csrrwi":
        return this.one(d, {
          rd,
          csr,
          imm: csr === 2 ? r.range(0, 4) : r.below(32),
        });
      case "csrrsi":
        if (csr === 2) {
          if (r.chance(0.2)) return this.one(d, { rd, csr, imm: 0 });
          pre.push(ins("csrrci", { rd: 0, csr: 2, imm: 7 }));
          return this.one(d, { rd, csr, imm: r.range(0, 4) }, pre);
        }
        return this.one(d, { rd, csr, imm: r.below(32) }); // fcsr uimm only reaches fflags
      default: // csrrci
        return this.one(d, { rd, csr, imm: r.below(32) });
    }
  }

  compressed(d: InsnDef): Item {
    const r = this.rng;
    const xw = () => r.pick(WRITABLE_X);
    switch (d.sig) {
      case "C.ADDI4SPN":
        return this.one(d, {
          rd: r.pick(WRITABLE_CX),
          imm: 4 * r.range(1, 255),
        });
      case "C.LW":
      case "C.LD":
      case "C.FLD": {
        const size = d.sig === "C.LW" ? 4 : 8;
        const rd = d.sig === "C.FLD" ? r.pick(CX) : r.pick(WRITABLE_CX);
        const a = this.cmemAddr(size, size, size === 4 ? 124 : 248);
        return this.one(d, { rd, rs1: a.rs1, imm: a.imm }, a.pre);
      }
      case "C.SW":
      case "C.SD":
      case "C.FSD": {
        const size = d.sig === "C.SW" ? 4 : 8;
        const a = this.cmemAddr(size, size, size === 4 ? 124 : 248);
        return this.one(d, { rs2: r.pick(CX), rs1: a.rs1, imm: a.imm }, a.pre);
      }
      case "C.NOP":
        return this.one(d, {});
      case "C.CI": {
        let imm = this.imm6();
        if (d.name === "c.addi" && imm === 0) imm = r.pick([1, -1]);
        return this.one(d, { rd: xw(), imm });
      }
      case "C.LI":
        return this.one(d, { rd: xw(), imm: this.imm6() });
      case "C.ADDI16SP": {
        let imm = 16 * r.range(-31, 31);
        if (imm === 0) imm = 16;
        this.feature("c.addi16sp-pair");
        return {
          cover: ["c.addi16sp", "c.addi16sp"],
          insns: [ins(d.name, { imm }), ins(d.name, { imm: -imm })],
        };
      }
      case "C.LUI": {
        let imm = this.imm6();
        if (imm === 0) imm = r.pick([1, -1, -32, 31]);
        return this.one(d, { rd: xw(), imm });
      }
      case "C.SHIFT":
        return this.one(d, {
          rd: r.pick(WRITABLE_CX),
          imm: r.chance(0.3) ? r.pick([1, 31, 32, 63]) : r.range(1, 63),
        });
      case "C.ANDI":
        return this.one(d, { rd: r.pick(WRITABLE_CX), imm: this.imm6() });
      case "C.CA":
        return this.one(d, { rd: r.pick(WRITABLE_CX), rs2: r.pick(CX) });
      case "C.J":
        return this.forward(this.one(d, { imm: 0 }));
      case "C.BRANCH":
        return this.forward(this.one(d, { rs1: r.pick(CX), imm: 0 }));
      case "C.SLLI":
        return this.one(d, {
          rd: xw(),
          imm: r.chance(0.3) ? r.pick([1, 31, 32, 63]) : r.range(1, 63),
        });
      case "C.LWSP":
        return this.one(d, { rd: xw(), imm: 4 * r.range(0, 63) });
      case "C.LDSP":
        return this.one(d, { rd: xw(), imm: 8 * r.range(0, 63) });
      case "C.FLDSP":
        return this.one(d, { rd: this.fr("d"), imm: 8 * r.range(0, 63) });
      case "C.SWSP":
        return this.one(d, { rs2: this.sx(), imm: 4 * r.range(0, 63) });
      case "C.SDSP":
        return this.one(d, { rs2: this.sx(), imm: 8 * r.range(0, 63) });
      case "C.FSDSP":
        return this.one(d, { rs2: this.fr("d"), imm: 8 * r.range(0, 63) });
      case "C.JR":
        return this.indirect(d.name as "c.jr" | "c.jalr");
      case "C.MV":
        return this.one(d, { rd: xw(), rs2: r.range(1, 31) });
      default:
        throw new Error(`no generator for ${d.name} (${d.sig})`);
    }
  }

  reload(isF: boolean): Item {
    // f pool: first half doubles, second half singles (see buildProgram).
    const fd = this.fr();
    const half = LAYOUT.POOL_ENTRIES / 2;
    const entry = !isF ? this.rng.below(LAYOUT.POOL_ENTRIES) : (this.rng.chance(0.9) === fd < 16 ? 0 : half) + this.rng.below(half);
    const addr = LAYOUT.POOL + (isF ? LAYOUT.POOL_ENTRIES * 8 : 0) + entry * 8;
    const t = this.tmp();
    const auipc = ins("auipc", { rd: t, imm: 0 });
    const load = isF ? ins("fld", { rd: fd, rs1: t, imm: 0 }) : ins("ld", { rd: t, rs1: t, imm: 0 });
    const item: Item = {
      cover: [isF ? "reload.f" : "reload.x"],
      insns: [auipc, load],
    };
    item.fix = (at) => {
      const off = addr - at;
      const hi = (off + 0x800) >> 12;
      auipc.o.imm = hi & 0xfffff;
      load.o.imm = off - hi * 4096;
    };
    return item;
  }

  randomItem(): Item {
    let w = this.rng.below(this.totalWeight);
    for (const k of this.kinds) {
      if (w < k.weight) {
        const item = k.gen();
        // R-type "rs2 = -1" marker: same register as rs1 (x op x).
        for (const i of item.insns) if (i.o.rs2 === -1) i.o.rs2 = i.o.rs1;
        for (const c of item.cover) this.cover.set(c, (this.cover.get(c) ?? 0) + 1);
        return item;
      }
      w -= k.weight;
    }
    throw new Error("unreachable");
  }
}

// ---------------------------------------------------------------------------
// Program assembly

interface Emitter {
  code: CodeBuffer;
  e: (name: string, o?: Operands) => void;
}

function emitter(base: number): Emitter {
  const code = new CodeBuffer(base);
  return {
    code,
    e: (name, o = {}) => {
      const d = insnDef(name);
      code.emit(d.enc(o), d.size);
    },
  };
}

/** 64-bit little-endian store into a byte array. */
function putU64(buf: Uint8Array, off: number, v: bigint): void {
  for (let i = 0; i < 8; i++) buf[off + i] = Number((v >> BigInt(8 * i)) & 0xffn);
}

function li32(e: Emitter["e"], rd: number, v: number): void {
  // v must be a non-negative 32-bit address below 2^31
  const hi = (v + 0x800) >> 12;
  const lo = v - hi * 4096;
  e("lui", { rd, imm: hi & 0xfffff });
  if (lo !== 0) e("addi", { rd, rs1: rd, imm: lo });
}

/** Build one program. `seed` + `index` select the random stream. */
export function buildProgram(seed: number, index: number, count: number, options: GenOptions = {}): GeneratedProgram {
  const opts: Required<GenOptions> = {
    zicond: options.zicond ?? false,
    misaligned: options.misaligned ?? true,
    memDumpEveryBlock: options.memDumpEveryBlock ?? false,
    blockItems: options.blockItems ?? [16, 64],
  };
  const rng = new Rng(seed, index, 0x52495343);
  const dataRng = new Rng(seed, index, 0x44415441);
  const g = new Generator(rng, opts);
  const symbols: ElfSymbol[] = [];
  const { code, e } = emitter(LAYOUT.TEXT);
  const L = LAYOUT;

  // ---- data image
  const data = new Uint8Array(L.DATA_SIZE);
  for (let i = L.SP - L.DATA; i < L.SCRATCH + L.SCRATCH_SIZE - L.DATA; i++) data[i] = dataRng.below(256);
  // Some structured values in memory too.
  for (let i = 0; i < 64; i++) {
    const off = L.SCRATCH - L.DATA + 8 * dataRng.below(L.SCRATCH_SIZE / 8);
    putU64(data, off, dataRng.chance(0.5) ? randomInt64(dataRng) : randomFReg(dataRng));
  }
  const initOff = L.INIT - L.DATA;
  for (let f = 0; f < 32; f++) putU64(data, initOff + 8 * f, randomFReg(dataRng, f < 16 ? "d" : "s"));
  const frm0 = dataRng.range(0, 4);
  putU64(data, initOff + 256, BigInt((frm0 << 5) | dataRng.below(32)));
  for (let x = 1; x < 32; x++) putU64(data, initOff + 264 + 8 * x, randomInt64(dataRng));
  const poolOff = L.POOL - L.DATA;
  for (let i = 0; i < L.POOL_ENTRIES; i++) {
    putU64(data, poolOff + 8 * i, randomInt64(dataRng));
    const prec = i < L.POOL_ENTRIES / 2 ? "d" : "s";
    putU64(data, poolOff + 8 * (L.POOL_ENTRIES + i), randomFReg(dataRng, prec));
  }

  // ---- _start: jump over the dump routine
  symbols.push({ name: "_start", addr: code.pc, type: "func" });
  const jToPrologue = code.length;
  e("jal", { rd: 0, imm: 0 }); // patched below

  // ---- dump subroutine
  const dumpAddr = code.pc;
  symbols.push({ name: "dump", addr: dumpAddr, type: "func" });
  for (let x = 2; x < 32; x++) e("sd", { rs2: x, rs1: SP_REG, imm: REC + 8 * x });
  for (let f = 0; f < 32; f++) e("fsd", { rs2: f, rs1: SP_REG, imm: REC + 256 + 8 * f });
  e("csrrs", { rd: 5, csr: 3, rs1: 0 });
  e("sd", { rs2: 5, rs1: SP_REG, imm: REC + 8 * RECORD_FCSR });
  e("ld", { rd: 5, rs1: SP_REG, imm: -8 });
  e("addi", { rd: 5, rs1: 5, imm: 1 });
  e("sd", { rs2: 5, rs1: SP_REG, imm: -8 });
  e("sd", { rs2: 5, rs1: SP_REG, imm: REC });
  const ecall = () => code.emit(0x00000073, 4);
  const writeSys = (bufOff: number, len: number) => {
    e("addi", { rd: 10, rs1: 0, imm: 1 });
    e("addi", { rd: 11, rs1: SP_REG, imm: bufOff });
    if (len < 2048) e("addi", { rd: 12, rs1: 0, imm: len });
    else li32(e, 12, len);
    e("addi", { rd: 17, rs1: 0, imm: 64 });
    ecall();
  };
  writeSys(REC, RECORD_SIZE);
  if (opts.memDumpEveryBlock) writeSys(0, L.MEM_DUMP_SIZE);
  for (const x of [5, 10, 11, 12, 17]) e("ld", { rd: x, rs1: SP_REG, imm: REC + 8 * x });
  e("jalr", { rd: 0, rs1: 1, imm: 0 });

  // ---- prologue
  const prologueAddr = code.pc;
  symbols.push({ name: "prologue", addr: prologueAddr, type: "func" });
  code.patch32(jToPrologue, insnDef("jal").enc({ rd: 0, imm: prologueAddr - L.TEXT }));
  li32(e, BASE_REG, L.INIT);
  for (let f = 0; f < 32; f++) e("fld", { rd: f, rs1: BASE_REG, imm: 8 * f });
  e("ld", { rd: 5, rs1: BASE_REG, imm: 256 });
  e("csrrw", { rd: 0, csr: 3, rs1: 5 });
  for (const x of WRITABLE_X) e("ld", { rd: x, rs1: BASE_REG, imm: 264 + 8 * x });
  li32(e, SP_REG, L.SP);
  li32(e, BASE_REG, L.BASE);
  const callDump = () => {
    e("sd", { rs2: 1, rs1: SP_REG, imm: REC + 8 });
    e("jal", { rd: 1, imm: dumpAddr - code.pc });
    e("ld", { rd: 1, rs1: SP_REG, imm: REC + 8 });
  };
  callDump();

  // ---- blocks
  const blocks: BlockInfo[] = [];
  let insnCount = 0;
  const [bmin, bmax] = opts.blockItems;
  while (insnCount < count) {
    const nItems = rng.range(bmin, bmax);
    const items: Item[] = [];
    for (let i = 0; i < nItems; i++) items.push(g.randomItem());
    // addresses
    const start = code.pc;
    const addrs: number[] = [];
    let a = start;
    for (const it of items) {
      addrs.push(a);
      a += sizeOf(it);
    }
    const end = a;
    const lines: string[] = [];
    const inputs = new Set<number>();
    items.forEach((it, i) => {
      if (it.fix) {
        const skip = Math.min(it.skip ?? 0, items.length - 1 - i);
        const target = i + 1 + skip < items.length ? addrs[i + 1 + skip]! : end;
        it.fix(addrs[i]!, target);
      }
      let pc = addrs[i]!;
      for (const x of it.insns) {
        e(x.name, x.o);
        for (const sl of inputSlots(x.name, x.o)) inputs.add(sl);
        lines.push(`${pc.toString(16)}: ${asm(x.name, x.o)}`);
        pc += insnDef(x.name).size;
        insnCount++;
      }
    });
    if (code.pc !== end) throw new Error("internal: block size mismatch");
    const index = blocks.length + 1;
    symbols.push({ name: `block_${index}`, addr: start, type: "func" });
    blocks.push({
      index,
      start,
      end,
      lines,
      inputs: [...inputs].sort((p, q) => p - q),
    });
    callDump();
  }

  // ---- epilogue: final memory dump, exit_group(0)
  symbols.push({ name: "epilogue", addr: code.pc, type: "func" });
  writeSys(0, L.MEM_DUMP_SIZE);
  e("addi", { rd: 10, rs1: 0, imm: 0 });
  e("addi", { rd: 17, rs1: 0, imm: 94 });
  ecall();

  const text = code.toBytes();
  symbols.push(
    { name: "dump_record", addr: L.RECORD, size: RECORD_SIZE, type: "object" },
    { name: "sp_area", addr: L.SP, size: L.SP_AREA_SIZE, type: "object" },
    { name: "scratch", addr: L.SCRATCH, size: L.SCRATCH_SIZE, type: "object" },
    { name: "init_table", addr: L.INIT, type: "object" },
    { name: "pool", addr: L.POOL, type: "object" },
  );
  const elf = writeElf({
    text,
    textAddr: L.TEXT,
    data,
    dataAddr: L.DATA,
    entry: L.TEXT,
    symbols,
    arch: ARCH_ATTR,
  });
  const records = 1 + blocks.length;
  return {
    seed,
    index,
    elf,
    blocks,
    insnCount,
    records,
    expectedStdoutLength: records * RECORD_SIZE + (opts.memDumpEveryBlock ? records * L.MEM_DUMP_SIZE : 0) + L.MEM_DUMP_SIZE,
    memDumpEveryBlock: opts.memDumpEveryBlock,
    coverage: g.cover,
    features: g.features,
    staticInsns: text.length / 2,
  };
}

/** `generateProgram(seed, count)` -> ELF bytes (program index 0). */
export function generateProgram(seed: number, count: number, options: GenOptions = {}): Uint8Array {
  return buildProgram(seed, 0, count, options).elf;
}

/** All coverage keys the generator can produce with these options. */
export function coverageKeys(options: GenOptions = {}): string[] {
  const g = new Generator(new Rng(0), {
    zicond: options.zicond ?? false,
    misaligned: true,
    memDumpEveryBlock: false,
    blockItems: [16, 64],
  });
  return g.kinds.map((k) => k.name);
}
