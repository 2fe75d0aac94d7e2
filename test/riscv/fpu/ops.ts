/**
 * The table of operations under test: how to generate operands, how to call
 * the implementation, the reference model and the host oracle for each.
 *
 * Operands travel as 6 int32 words (a, b, c as lo/hi pairs; binary32 and
 * 32-bit integers in the lo word), results as 2 words (lo, hi).
 */

import type { SoftFloat } from "../../../src/target/riscv/fpu/index.ts";
import { OracleOp } from "../../../tools/fpu-oracle/oracle.ts";
import { type Kind, type Rng, gen32, gen64, genInt32, genInt64, genToInt32, genToInt64 } from "./gen.ts";
import {
  R32,
  R64,
  type IntKind,
  type Result,
  refAdd,
  refClass,
  refCompare,
  refConvert,
  refDiv,
  refFromInt,
  refMinMax,
  refMul,
  refMulAdd,
  refSqrt,
  refSub,
  refToInt,
} from "./ref-model.ts";

export interface OpDef {
  name: string;
  /** Host oracle op code, or 0 if the op is not checked against the host. */
  oracle: number;
  /** Whether the result depends on the rounding mode. */
  rounds: boolean;
  /** Number of float operands (for edge-value enumeration); 0 = integer operand. */
  arity: 0 | 1 | 2 | 3;
  /** Operand format of float operands. */
  width: 32 | 64;
  /** Result kind: a binary32 / binary64 value or an integer. */
  res: "f32" | "f64" | "int";
  gen(rng: Rng, w: Int32Array): void;
  /** Runs the implementation; writes result words into res[0], res[1]. */
  impl(sf: SoftFloat, w: Int32Array, rm: number, res: Int32Array): void;
  ref(w: Int32Array, rm: number): Result;
}

const b64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const b32 = (a: number): bigint => BigInt(a >>> 0);

function genF64(kind: Kind) {
  return (rng: Rng, w: Int32Array): void => gen64(rng, kind, w);
}
function genF32(kind: Kind) {
  return (rng: Rng, w: Int32Array): void => gen32(rng, kind, w);
}

function set64(sf: SoftFloat, res: Int32Array): void {
  res[0] = sf.lo;
  res[1] = sf.hi;
}
function set32(v: number, res: Int32Array): void {
  res[0] = v;
  res[1] = 0;
}

function d2(
  name: string,
  oracle: number,
  kind: Kind,
  call: (sf: SoftFloat, alo: number, ahi: number, blo: number, bhi: number, rm: number) => void,
  ref: (a: bigint, b: bigint, rm: number) => Result,
): OpDef {
  return {
    name,
    oracle,
    rounds: true,
    arity: 2,
    width: 64,
    res: "f64",
    gen: genF64(kind),
    impl(sf, w, rm, res) {
      call(sf, w[0]!, w[1]!, w[2]!, w[3]!, rm);
      set64(sf, res);
    },
    ref: (w, rm) => ref(b64(w[0]!, w[1]!), b64(w[2]!, w[3]!), rm),
  };
}

function s2(
  name: string,
  oracle: number,
  kind: Kind,
  call: (sf: SoftFloat, a: number, b: number, rm: number) => number,
  ref: (a: bigint, b: bigint, rm: number) => Result,
): OpDef {
  return {
    name,
    oracle,
    rounds: true,
    arity: 2,
    width: 32,
    res: "f32",
    gen: genF32(kind),
    impl(sf, w, rm, res) {
      set32(call(sf, w[0]!, w[2]!, rm), res);
    },
    ref: (w, rm) => ref(b32(w[0]!), b32(w[2]!), rm),
  };
}

function dFma(name: string, oracle: number, negP: boolean, negC: boolean): OpDef {
  return {
    name,
    oracle,
    rounds: true,
    arity: 3,
    width: 64,
    res: "f64",
    gen: genF64("fma"),
    impl(sf, w, rm, res) {
      sf.f64MulAdd(w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, rm, negP, negC);
      set64(sf, res);
    },
    ref: (w, rm) => refMulAdd(R64, b64(w[0]!, w[1]!), b64(w[2]!, w[3]!), b64(w[4]!, w[5]!), rm, negP, negC),
  };
}

function sFma(name: string, oracle: number, negP: boolean, negC: boolean): OpDef {
  return {
    name,
    oracle,
    rounds: true,
    arity: 3,
    width: 32,
    res: "f32",
    gen: genF32("fma"),
    impl(sf, w, rm, res) {
      set32(sf.f32MulAdd(w[0]!, w[2]!, w[4]!, rm, negP, negC), res);
    },
    ref: (w, rm) => refMulAdd(R32, b32(w[0]!), b32(w[2]!), b32(w[4]!), rm, negP, negC),
  };
}

function toIntOp(
  name: string,
  oracle: number,
  width: 32 | 64,
  kind: IntKind,
  call: (sf: SoftFloat, w: Int32Array, rm: number, res: Int32Array) => void,
): OpDef {
  return {
    name,
    oracle,
    rounds: true,
    arity: 1,
    width,
    res: "int",
    gen(rng, w) {
      if (width === 64) [w[0], w[1]] = genToInt64(rng);
      else {
        w[0] = genToInt32(rng);
        w[1] = 0;
      }
    },
    impl: call,
    ref: (w, rm) => (width === 64 ? refToInt(R64, b64(w[0]!, w[1]!), rm, kind) : refToInt(R32, b32(w[0]!), rm, kind)),
  };
}

function fromIntOp(
  name: string,
  oracle: number,
  width: 32 | 64,
  kind: IntKind,
  call: (sf: SoftFloat, w: Int32Array, rm: number, res: Int32Array) => void,
): OpDef {
  const wide = kind === "i64" || kind === "u64";
  return {
    name,
    oracle,
    rounds: true,
    arity: 0,
    width,
    res: width === 64 ? "f64" : "f32",
    gen(rng, w) {
      if (wide) [w[0], w[1]] = genInt64(rng);
      else {
        w[0] = genInt32(rng);
        w[1] = 0;
      }
    },
    impl: call,
    ref(w, rm) {
      let v: bigint;
      switch (kind) {
        case "i32":
          v = BigInt(w[0]! | 0);
          break;
        case "u32":
          v = BigInt(w[0]! >>> 0);
          break;
        case "i64":
          v = BigInt.asIntN(64, b64(w[0]!, w[1]!));
          break;
        default:
          v = b64(w[0]!, w[1]!);
      }
      return refFromInt(width === 64 ? R64 : R32, v, rm);
    },
  };
}

export const OPS: readonly OpDef[] = [
  // ---------------------------------------------------------------- binary64
  d2(
    "fadd.d",
    OracleOp.D_ADD,
    "add",
    (sf, a, b, c, d, rm) => sf.f64Add(a, b, c, d, rm),
    (a, b, rm) => refAdd(R64, a, b, rm),
  ),
  d2(
    "fsub.d",
    OracleOp.D_SUB,
    "add",
    (sf, a, b, c, d, rm) => sf.f64Sub(a, b, c, d, rm),
    (a, b, rm) => refSub(R64, a, b, rm),
  ),
  d2(
    "fmul.d",
    OracleOp.D_MUL,
    "mul",
    (sf, a, b, c, d, rm) => sf.f64Mul(a, b, c, d, rm),
    (a, b, rm) => refMul(R64, a, b, rm),
  ),
  d2(
    "fdiv.d",
    OracleOp.D_DIV,
    "div",
    (sf, a, b, c, d, rm) => sf.f64Div(a, b, c, d, rm),
    (a, b, rm) => refDiv(R64, a, b, rm),
  ),
  {
    name: "fsqrt.d",
    oracle: OracleOp.D_SQRT,
    rounds: true,
    arity: 1,
    width: 64,
    res: "f64",
    gen: genF64("sqrt"),
    impl(sf, w, rm, res) {
      sf.f64Sqrt(w[0]!, w[1]!, rm);
      set64(sf, res);
    },
    ref: (w, rm) => refSqrt(R64, b64(w[0]!, w[1]!), rm),
  },
  dFma("fmadd.d", OracleOp.D_FMADD, false, false),
  dFma("fmsub.d", OracleOp.D_FMSUB, false, true),
  dFma("fnmsub.d", OracleOp.D_FNMSUB, true, false),
  dFma("fnmadd.d", OracleOp.D_FNMADD, true, true),
  {
    ...d2(
      "fmin.d",
      0,
      "any",
      (sf, a, b, c, d) => sf.f64Min(a, b, c, d),
      (a, b) => refMinMax(R64, a, b, true),
    ),
    rounds: false,
  },
  {
    ...d2(
      "fmax.d",
      0,
      "any",
      (sf, a, b, c, d) => sf.f64Max(a, b, c, d),
      (a, b) => refMinMax(R64, a, b, false),
    ),
    rounds: false,
  },
  ...(["eq", "lt", "le"] as const).map((op): OpDef => ({
    name: `f${op}.d`,
    oracle: op === "eq" ? OracleOp.D_EQ : op === "lt" ? OracleOp.D_LT : OracleOp.D_LE,
    rounds: false,
    arity: 2,
    width: 64,
    res: "int",
    gen(rng, w) {
      gen64(rng, "any", w);
      if (rng.chance(0.2)) [w[2], w[3]] = [w[0]!, w[1]!];
      if (rng.chance(0.05)) [w[2], w[3]] = [w[0]!, w[1]! ^ -2147483648];
    },
    impl(sf, w, _rm, res) {
      const f = op === "eq" ? sf.f64Eq : op === "lt" ? sf.f64Lt : sf.f64Le;
      set32(f.call(sf, w[0]!, w[1]!, w[2]!, w[3]!), res);
    },
    ref: (w) => refCompare(R64, b64(w[0]!, w[1]!), b64(w[2]!, w[3]!), op),
  })),
  {
    name: "fclass.d",
    oracle: 0,
    rounds: false,
    arity: 1,
    width: 64,
    res: "int",
    gen: genF64("any"),
    impl(sf, w, _rm, res) {
      set32(sf.f64Class(w[0]!, w[1]!), res);
    },
    ref: (w) => refClass(R64, b64(w[0]!, w[1]!)),
  },
  toIntOp("fcvt.w.d", OracleOp.CVT_W_D, 64, "i32", (sf, w, rm, res) => set32(sf.f64ToI32(w[0]!, w[1]!, rm), res)),
  toIntOp("fcvt.wu.d", OracleOp.CVT_WU_D, 64, "u32", (sf, w, rm, res) => set32(sf.f64ToU32(w[0]!, w[1]!, rm), res)),
  toIntOp("fcvt.l.d", OracleOp.CVT_L_D, 64, "i64", (sf, w, rm, res) => {
    sf.f64ToI64(w[0]!, w[1]!, rm);
    set64(sf, res);
  }),
  toIntOp("fcvt.lu.d", OracleOp.CVT_LU_D, 64, "u64", (sf, w, rm, res) => {
    sf.f64ToU64(w[0]!, w[1]!, rm);
    set64(sf, res);
  }),
  fromIntOp("fcvt.d.w", OracleOp.CVT_D_W, 64, "i32", (sf, w, _rm, res) => {
    sf.i32ToF64(w[0]!);
    set64(sf, res);
  }),
  fromIntOp("fcvt.d.wu", OracleOp.CVT_D_WU, 64, "u32", (sf, w, _rm, res) => {
    sf.u32ToF64(w[0]!);
    set64(sf, res);
  }),
  fromIntOp("fcvt.d.l", OracleOp.CVT_D_L, 64, "i64", (sf, w, rm, res) => {
    sf.i64ToF64(w[0]!, w[1]!, rm);
    set64(sf, res);
  }),
  fromIntOp("fcvt.d.lu", OracleOp.CVT_D_LU, 64, "u64", (sf, w, rm, res) => {
    sf.u64ToF64(w[0]!, w[1]!, rm);
    set64(sf, res);
  }),
  {
    name: "fcvt.s.d",
    oracle: OracleOp.CVT_S_D,
    rounds: true,
    arity: 1,
    width: 64,
    res: "f32",
    gen(rng, w) {
      gen64(rng, "any", w);
      const r = rng.int(4);
      if (r === 0) {
        // binary32 subnormal / overflow range and near binary32 midpoints
        const e = rng.chance(0.5) ? 1023 - 126 - rng.int(26) : 1023 + 127 + rng.int(2) - 1;
        w[1] = (w[1]! & 0x800fffff) | (e << 20);
      } else if (r === 1) {
        // low 29 bits of the significand just around a binary32 half-ulp
        w[0] = (w[0]! & ~0x1fffffff) | (0x10000000 + rng.int(5) - 2);
      }
    },
    impl(sf, w, rm, res) {
      set32(sf.f64ToF32(w[0]!, w[1]!, rm), res);
    },
    ref: (w, rm) => refConvert(R64, R32, b64(w[0]!, w[1]!), rm),
  },
  {
    name: "fcvt.d.s",
    oracle: OracleOp.CVT_D_S,
    rounds: false,
    arity: 1,
    width: 32,
    res: "f64",
    gen: genF32("any"),
    impl(sf, w, _rm, res) {
      sf.f32ToF64(w[0]!);
      set64(sf, res);
    },
    ref: (w, rm) => refConvert(R32, R64, b32(w[0]!), rm),
  },
  // ---------------------------------------------------------------- binary32
  s2(
    "fadd.s",
    OracleOp.S_ADD,
    "add",
    (sf, a, b, rm) => sf.f32Add(a, b, rm),
    (a, b, rm) => refAdd(R32, a, b, rm),
  ),
  s2(
    "fsub.s",
    OracleOp.S_SUB,
    "add",
    (sf, a, b, rm) => sf.f32Sub(a, b, rm),
    (a, b, rm) => refSub(R32, a, b, rm),
  ),
  s2(
    "fmul.s",
    OracleOp.S_MUL,
    "mul",
    (sf, a, b, rm) => sf.f32Mul(a, b, rm),
    (a, b, rm) => refMul(R32, a, b, rm),
  ),
  s2(
    "fdiv.s",
    OracleOp.S_DIV,
    "div",
    (sf, a, b, rm) => sf.f32Div(a, b, rm),
    (a, b, rm) => refDiv(R32, a, b, rm),
  ),
  {
    name: "fsqrt.s",
    oracle: OracleOp.S_SQRT,
    rounds: true,
    arity: 1,
    width: 32,
    res: "f32",
    gen: genF32("sqrt"),
    impl(sf, w, rm, res) {
      set32(sf.f32Sqrt(w[0]!, rm), res);
    },
    ref: (w, rm) => refSqrt(R32, b32(w[0]!), rm),
  },
  sFma("fmadd.s", OracleOp.S_FMADD, false, false),
  sFma("fmsub.s", OracleOp.S_FMSUB, false, true),
  sFma("fnmsub.s", OracleOp.S_FNMSUB, true, false),
  sFma("fnmadd.s", OracleOp.S_FNMADD, true, true),
  {
    ...s2(
      "fmin.s",
      0,
      "any",
      (sf, a, b) => sf.f32Min(a, b),
      (a, b) => refMinMax(R32, a, b, true),
    ),
    rounds: false,
  },
  {
    ...s2(
      "fmax.s",
      0,
      "any",
      (sf, a, b) => sf.f32Max(a, b),
      (a, b) => refMinMax(R32, a, b, false),
    ),
    rounds: false,
  },
  ...(["eq", "lt", "le"] as const).map((op): OpDef => ({
    name: `f${op}.s`,
    oracle: op === "eq" ? OracleOp.S_EQ : op === "lt" ? OracleOp.S_LT : OracleOp.S_LE,
    rounds: false,
    arity: 2,
    width: 32,
    res: "int",
    gen(rng, w) {
      gen32(rng, "any", w);
      if (rng.chance(0.2)) w[2] = w[0]!;
      if (rng.chance(0.05)) w[2] = w[0]! ^ -2147483648;
    },
    impl(sf, w, _rm, res) {
      const f = op === "eq" ? sf.f32Eq : op === "lt" ? sf.f32Lt : sf.f32Le;
      set32(f.call(sf, w[0]!, w[2]!), res);
    },
    ref: (w) => refCompare(R32, b32(w[0]!), b32(w[2]!), op),
  })),
  {
    name: "fclass.s",
    oracle: 0,
    rounds: false,
    arity: 1,
    width: 32,
    res: "int",
    gen: genF32("any"),
    impl(sf, w, _rm, res) {
      set32(sf.f32Class(w[0]!), res);
    },
    ref: (w) => refClass(R32, b32(w[0]!)),
  },
  toIntOp("fcvt.w.s", OracleOp.CVT_W_S, 32, "i32", (sf, w, rm, res) => set32(sf.f32ToI32(w[0]!, rm), res)),
  toIntOp("fcvt.wu.s", OracleOp.CVT_WU_S, 32, "u32", (sf, w, rm, res) => set32(sf.f32ToU32(w[0]!, rm), res)),
  toIntOp("fcvt.l.s", OracleOp.CVT_L_S, 32, "i64", (sf, w, rm, res) => {
    sf.f32ToI64(w[0]!, rm);
    set64(sf, res);
  }),
  toIntOp("fcvt.lu.s", OracleOp.CVT_LU_S, 32, "u64", (sf, w, rm, res) => {
    sf.f32ToU64(w[0]!, rm);
    set64(sf, res);
  }),
  fromIntOp("fcvt.s.w", OracleOp.CVT_S_W, 32, "i32", (sf, w, rm, res) => set32(sf.i32ToF32(w[0]!, rm), res)),
  fromIntOp("fcvt.s.wu", OracleOp.CVT_S_WU, 32, "u32", (sf, w, rm, res) => set32(sf.u32ToF32(w[0]!, rm), res)),
  fromIntOp("fcvt.s.l", OracleOp.CVT_S_L, 32, "i64", (sf, w, rm, res) => set32(sf.i64ToF32(w[0]!, w[1]!, rm), res)),
  fromIntOp("fcvt.s.lu", OracleOp.CVT_S_LU, 32, "u64", (sf, w, rm, res) => set32(sf.u64ToF32(w[0]!, w[1]!, rm), res)),
];

export function opByName(name: string): OpDef {
  const op = OPS.find((o) => o.name === name);
  if (!op) throw new Error(`no op ${name}`);
  return op;
}

/** Human-readable operands for failure messages. */
export function describe(op: OpDef, w: Int32Array): string {
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, "0");
  const n = op.arity === 0 ? 1 : op.arity;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(op.width === 64 || op.arity === 0 ? `${hex(w[2 * i + 1]!)}_${hex(w[2 * i]!)}` : hex(w[2 * i]!));
  }
  return `${op.name}(${parts.join(", ")})`;
}
