/**
 * src/fpu against an independent exact model (the BigInt reference of the
 * RISC-V soft-float, src/target/riscv/fpu/exact.ts) for what the host cannot
 * check: float16 arithmetic, and the round-to-nearest-ties-away mode, for
 * add, sub, mul, div, sqrt and fused multiply-add in float16, float32 and
 * float64, with tininess detected after rounding.  NaN results are compared
 * as "a NaN" only (the reference returns RISC-V's canonical NaN; NaN
 * selection is covered by the host and QEMU tests).
 */

import { describe, expect, it } from "vitest";
import * as F from "../../src/fpu/index.ts";
import { Flag, Round, type FloatStatus } from "../../src/fpu/index.ts";
import {
  BINARY32,
  BINARY64,
  bits32,
  bits64,
  exactAdd,
  exactConvert,
  roundPack,
  exactDiv,
  exactMul,
  exactMulAdd,
  exactSqrt,
  exactSub,
  type FloatFormat,
} from "../../src/target/riscv/fpu/exact.ts";
import { caseCount, genF32, genF32Pair, genF64, genF64Pair, seedFor, Rng } from "./gen.ts";

const N = caseCount(40_000);
const BINARY16: FloatFormat = { p: 11, emin: -14, emax: 15, width: 16 };

/** softfloat rounding mode -> RISC-V rm (the reference's encoding). */
const MODES: ReadonlyArray<[Round, number]> = [
  [Round.NearestEven, 0],
  [Round.ToZero, 1],
  [Round.Down, 2],
  [Round.Up, 3],
  [Round.TiesAway, 4],
];

function rvFlags(f: number): number {
  return (
    (f & Flag.Inexact ? 1 : 0) |
    (f & Flag.Underflow ? 2 : 0) |
    (f & Flag.Overflow ? 4 : 0) |
    (f & Flag.DivByZero ? 8 : 0) |
    (f & Flag.Invalid ? 16 : 0)
  );
}

function status(): FloatStatus {
  const st = new F.FloatStatus();
  st.nan2Rule = F.Nan2Rule.SAB;
  st.nan3Rule = F.Nan3Rule.S_CAB;
  st.infZeroNanRule = F.InfZeroNan.DnanAlways;
  st.defaultNanPattern = 0b01000000;
  return st;
}

interface Fmt {
  name: string;
  ref: FloatFormat;
  width: number;
  gen(rng: Rng): bigint;
  pair(rng: Rng, a: bigint): bigint;
  isNan(v: bigint): boolean;
  add(a: bigint, b: bigint, st: FloatStatus): bigint;
  sub(a: bigint, b: bigint, st: FloatStatus): bigint;
  mul(a: bigint, b: bigint, st: FloatStatus): bigint;
  div(a: bigint, b: bigint, st: FloatStatus): bigint;
  sqrt(a: bigint, st: FloatStatus): bigint;
  fma(a: bigint, b: bigint, c: bigint, st: FloatStatus): bigint;
}

const lo = (v: bigint): number => Number(BigInt.asIntN(32, v));
const hi = (v: bigint): number => Number(BigInt.asIntN(32, v >> 32n));
const u64 = (l: number, h: number): bigint => bits64(l, h);

const FMTS: Fmt[] = [
  {
    name: "float16",
    ref: BINARY16,
    width: 16,
    gen: (rng) => BigInt(rng.chance(0.7) ? rng.u32() & 0xffff : (rng.u32() & 0x8000) | ((5 + rng.int(21)) << 10) | (rng.u32() & 0x3ff)),
    pair: (rng, a) => (rng.chance(0.3) ? (a ^ BigInt(rng.int(4))) & 0xffffn : BigInt(rng.u32() & 0xffff)),
    isNan: (v) => (v & 0x7fffn) > 0x7c00n,
    add: (a, b, st) => BigInt(F.f16Add(Number(a), Number(b), st)),
    sub: (a, b, st) => BigInt(F.f16Sub(Number(a), Number(b), st)),
    mul: (a, b, st) => BigInt(F.f16Mul(Number(a), Number(b), st)),
    div: (a, b, st) => BigInt(F.f16Div(Number(a), Number(b), st)),
    sqrt: (a, st) => BigInt(F.f16Sqrt(Number(a), st)),
    fma: (a, b, c, st) => BigInt(F.f16MulAdd(Number(a), Number(b), Number(c), 0, st)),
  },
  {
    name: "float32",
    ref: BINARY32,
    width: 32,
    gen: (rng) => bits32(genF32(rng)),
    pair: (rng, a) => bits32(genF32Pair(rng, Number(BigInt.asIntN(32, a)))),
    isNan: (v) => (v & 0x7fffffffn) > 0x7f800000n,
    add: (a, b, st) => bits32(F.f32Add(lo(a), lo(b), st)),
    sub: (a, b, st) => bits32(F.f32Sub(lo(a), lo(b), st)),
    mul: (a, b, st) => bits32(F.f32Mul(lo(a), lo(b), st)),
    div: (a, b, st) => bits32(F.f32Div(lo(a), lo(b), st)),
    sqrt: (a, st) => bits32(F.f32Sqrt(lo(a), st)),
    fma: (a, b, c, st) => bits32(F.f32MulAdd(lo(a), lo(b), lo(c), 0, st)),
  },
  {
    name: "float64",
    ref: BINARY64,
    width: 64,
    gen: (rng) => {
      const [l, h] = genF64(rng);
      return u64(l, h);
    },
    pair: (rng, a) => {
      const [l, h] = genF64Pair(rng, lo(a), hi(a));
      return u64(l, h);
    },
    isNan: (v) => (v & 0x7fffffffffffffffn) > 0x7ff0000000000000n,
    add: (a, b, st) => u64(F.f64Add(lo(a), hi(a), lo(b), hi(b), st), st.hi),
    sub: (a, b, st) => u64(F.f64Sub(lo(a), hi(a), lo(b), hi(b), st), st.hi),
    mul: (a, b, st) => u64(F.f64Mul(lo(a), hi(a), lo(b), hi(b), st), st.hi),
    div: (a, b, st) => u64(F.f64Div(lo(a), hi(a), lo(b), hi(b), st), st.hi),
    sqrt: (a, st) => u64(F.f64Sqrt(lo(a), hi(a), st), st.hi),
    fma: (a, b, c, st) => u64(F.f64MulAdd(lo(a), hi(a), lo(b), hi(b), lo(c), hi(c), 0, st), st.hi),
  },
];

type OpName = "add" | "sub" | "mul" | "div" | "sqrt" | "fma";
const OPS: OpName[] = ["add", "sub", "mul", "div", "sqrt", "fma"];

describe("softfloat vs an exact BigInt model (float16, ties-away)", () => {
  for (const [fi, fmt] of FMTS.entries()) {
    for (const [oi, op] of OPS.entries()) {
      it(`${fmt.name} ${op}`, { timeout: 600_000 }, () => {
        const seed = seedFor(0xe8ac7000 + fi * 16 + oi);
        const rng = new Rng(seed);
        const st = status();
        const failures: string[] = [];
        let bad = 0;
        for (let i = 0; i < N; i++) {
          const [mode, rm] = MODES[i % MODES.length]!;
          const a = fmt.gen(rng);
          const b = fmt.pair(rng, a);
          const c = fmt.gen(rng);
          st.roundingMode = mode;
          st.flags = 0;
          const ref = { flags: 0, lo: 0, hi: 0 };
          let want: bigint, got: bigint;
          switch (op) {
            case "add":
              want = exactAdd(fmt.ref, a, b, rm, ref);
              got = fmt.add(a, b, st);
              break;
            case "sub":
              want = exactSub(fmt.ref, a, b, rm, ref);
              got = fmt.sub(a, b, st);
              break;
            case "mul":
              want = exactMul(fmt.ref, a, b, rm, ref);
              got = fmt.mul(a, b, st);
              break;
            case "div":
              want = exactDiv(fmt.ref, a, b, rm, ref);
              got = fmt.div(a, b, st);
              break;
            case "sqrt":
              want = exactSqrt(fmt.ref, a, rm, ref);
              got = fmt.sqrt(a, st);
              break;
            default:
              want = exactMulAdd(fmt.ref, a, b, c, rm, false, false, ref);
              got = fmt.fma(a, b, c, st);
              break;
          }
          const mask = (1n << BigInt(fmt.width)) - 1n;
          got &= mask;
          const nanIn = fmt.isNan(a) || fmt.isNan(b) || (op === "fma" && fmt.isNan(c));
          const sameValue = fmt.isNan(want) ? fmt.isNan(got) : got === want;
          // With a NaN operand the reference's flags follow RISC-V (e.g. fma(inf, 0, qNaN)); only compare the value then.
          const sameFlags = nanIn || rvFlags(st.flags) === ref.flags;
          if (!sameValue || !sameFlags) {
            bad++;
            if (failures.length < 10)
              failures.push(
                `${op} rm=${rm} a=${a.toString(16)} b=${b.toString(16)} c=${c.toString(16)}: want ${want.toString(16)} f=${ref.flags} got ${got.toString(16)} f=${rvFlags(st.flags)}`,
              );
          }
        }
        console.log(`${fmt.name} ${op}: ${N} cases (seed ${seed}), 5 rounding modes`);
        expect(failures, `${bad} of ${N} mismatched`).toEqual([]);
      });
    }
  }
});

/** Integer -> float and float -> narrower float conversions, every IEEE mode with ties-away. */
describe("conversions vs the exact model", () => {
  const fmts: ReadonlyArray<[string, FloatFormat, number]> = [
    ["float16", BINARY16, 16],
    ["float32", BINARY32, 32],
    ["float64", BINARY64, 64],
  ];
  for (const [fi, [fname, fmt, width]] of fmts.entries()) {
    for (const [ki, kind] of (["int32", "uint32", "int64", "uint64"] as const).entries()) {
      it(`${kind} -> ${fname} (with scaling)`, { timeout: 600_000 }, () => {
        const seed = seedFor(0xe8ac8000 + fi * 8 + ki);
        const rng = new Rng(seed);
        const st = status();
        let bad = 0;
        const failures: string[] = [];
        for (let i = 0; i < N; i++) {
          const [mode, rm] = MODES[i % MODES.length]!;
          const lo = rng.u32();
          const hi = kind.endsWith("64") ? (rng.chance(0.3) ? rng.u32() >> rng.int(32) : rng.u32()) : 0;
          const scale = rng.chance(0.5) ? 0 : rng.int(61) - 30;
          const signed = kind.startsWith("int");
          let v = kind.endsWith("64") ? bits64(lo, hi) : bits32(lo);
          if (signed) v = BigInt.asIntN(kind.endsWith("64") ? 64 : 32, v);
          const ref = { flags: 0, lo: 0, hi: 0 };
          const neg = v < 0n;
          const m = neg ? -v : v;
          const want = m === 0n ? 0n : roundPack(fmt, neg, m, scale, false, rm, ref);
          st.roundingMode = mode;
          st.flags = 0;
          let got: bigint;
          const w = (r: number): bigint => (width === 64 ? bits64(r, st.hi) : BigInt(r >>> 0) & ((1n << BigInt(width)) - 1n));
          if (fname === "float16") {
            got = w(
              kind === "int32"
                ? F.int32ToF16Scalbn(lo, scale, st)
                : kind === "uint32"
                  ? F.uint32ToF16Scalbn(lo, scale, st)
                  : kind === "int64"
                    ? F.int64ToF16Scalbn(lo, hi, scale, st)
                    : F.uint64ToF16Scalbn(lo, hi, scale, st),
            );
          } else if (fname === "float32") {
            got = w(
              kind === "int32"
                ? F.int32ToF32Scalbn(lo, scale, st)
                : kind === "uint32"
                  ? F.uint32ToF32Scalbn(lo, scale, st)
                  : kind === "int64"
                    ? F.int64ToF32Scalbn(lo, hi, scale, st)
                    : F.uint64ToF32Scalbn(lo, hi, scale, st),
            );
          } else {
            got = w(
              kind === "int32"
                ? F.int32ToF64Scalbn(lo, scale, st)
                : kind === "uint32"
                  ? F.uint32ToF64Scalbn(lo, scale, st)
                  : kind === "int64"
                    ? F.int64ToF64Scalbn(lo, hi, scale, st)
                    : F.uint64ToF64Scalbn(lo, hi, scale, st),
            );
          }
          if (got !== want || rvFlags(st.flags) !== ref.flags) {
            bad++;
            if (failures.length < 8)
              failures.push(
                `${v} scale=${scale} rm=${rm}: want ${want.toString(16)} f=${ref.flags} got ${got.toString(16)} f=${rvFlags(st.flags)}`,
              );
          }
        }
        console.log(`${kind} -> ${fname}: ${N} cases (seed ${seed})`);
        expect(failures, `${bad} of ${N} mismatched`).toEqual([]);
      });
    }
  }

  const narrowing: ReadonlyArray<[string, FloatFormat, FloatFormat, (rng: Rng) => bigint, (v: bigint, st: FloatStatus) => bigint]> = [
    ["float64 -> float32", BINARY64, BINARY32, (rng) => FMTS[2]!.gen(rng), (v, st) => bits32(F.f64ToF32(lo(v), hi(v), st))],
    ["float64 -> float16", BINARY64, BINARY16, (rng) => FMTS[2]!.gen(rng), (v, st) => BigInt(F.f64ToF16(lo(v), hi(v), true, st))],
    ["float32 -> float16", BINARY32, BINARY16, (rng) => FMTS[1]!.gen(rng), (v, st) => BigInt(F.f32ToF16(lo(v), true, st))],
    ["float16 -> float32", BINARY16, BINARY32, (rng) => FMTS[0]!.gen(rng), (v, st) => bits32(F.f16ToF32(Number(v), true, st))],
    ["float16 -> float64", BINARY16, BINARY64, (rng) => FMTS[0]!.gen(rng), (v, st) => bits64(F.f16ToF64(Number(v), true, st), st.hi)],
  ];
  for (const [ni, [name, from, to, gen, conv]] of narrowing.entries()) {
    it(name, { timeout: 600_000 }, () => {
      const seed = seedFor(0xe8ac9000 + ni);
      const rng = new Rng(seed);
      const st = status();
      let bad = 0;
      const failures: string[] = [];
      const nanOf = (f: FloatFormat, v: bigint): boolean => {
        const fb = BigInt(f.p - 1);
        const e = (v >> fb) & ((1n << BigInt(f.width - f.p)) - 1n);
        return e === (1n << BigInt(f.width - f.p)) - 1n && (v & ((1n << fb) - 1n)) !== 0n;
      };
      for (let i = 0; i < N; i++) {
        const [mode, rm] = MODES[i % MODES.length]!;
        const v = gen(rng);
        const ref = { flags: 0, lo: 0, hi: 0 };
        const want = exactConvert(from, to, v, rm, ref);
        st.roundingMode = mode;
        st.flags = 0;
        const got = conv(v, st);
        const same = nanOf(to, want) ? nanOf(to, got) : got === want;
        if (!same || (!nanOf(from, v) && rvFlags(st.flags) !== ref.flags)) {
          bad++;
          if (failures.length < 8)
            failures.push(
              `${v.toString(16)} rm=${rm}: want ${want.toString(16)} f=${ref.flags} got ${got.toString(16)} f=${rvFlags(st.flags)}`,
            );
        }
      }
      console.log(`${name}: ${N} cases (seed ${seed})`);
      expect(failures, `${bad} of ${N} mismatched`).toEqual([]);
    });
  }
});
