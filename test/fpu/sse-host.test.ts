/**
 * src/fpu float32 / float64 / float16 against the host's SSE unit (and
 * FMA / F16C when the CPU has them), under all four MXCSR rounding modes
 * with and without DAZ and FTZ, comparing result bits and the MXCSR
 * exception flags.  The softfloat is configured as QEMU's x86 sse_status.
 *
 * Documented differences between QEMU and x86 hardware, which these tests
 * count but do not compare (the qemu-i386 tests in test/i386/fpu cover
 * them):
 *  - MXCSR.DE: QEMU never sets it (bit masked out of every comparison);
 *  - two NaN operands: QEMU applies the x87 rule (larger significand) to
 *    SSE, hardware returns the first operand;
 *  - FTZ: QEMU detects the denormal result before rounding, hardware after
 *    (a result that rounds up to the smallest normal is flushed by QEMU).
 */

import { describe, expect, it } from "vitest";
import * as F from "../../src/fpu/index.ts";
import { Flag, Relation, type FloatStatus } from "../../src/fpu/index.ts";
import { caseCount, genF32, genF32Pair, genF64, genF64Pair, genI32, genI64, seedFor, type Rng } from "./gen.ts";
import { H, hostHas } from "./host-oracle.ts";
import { describeRun, runHostOp, type Expected, type HostOp } from "./harness.ts";

const N = caseCount(200_000);

/** MXCSR values: every RC, with DAZ and FZ in all combinations, all exceptions masked. */
const MXCSRS: number[] = [];
for (let rc = 0; rc < 4; rc++) for (const daz of [0, 0x40]) for (const fz of [0, 0x8000]) MXCSRS.push(0x1f80 | (rc << 13) | daz | fz);

const st: FloatStatus = F.sseStatus();

function setup(ctrl: number): void {
  F.setMxcsr(st, ctrl);
}
function mx(): number {
  return F.mxcsrFlagsFromStatus(st);
}

const isNan32 = (a: number): boolean => (a & 0x7fffffff) >>> 0 > 0x7f800000;
const isNan64 = (lo: number, hi: number): boolean => (hi & 0x7fffffff) > 0x7ff00000 || ((hi & 0x7fffffff) === 0x7ff00000 && lo !== 0);
const minNormal32 = (r: number): boolean => (r & 0x7fffffff) === 0x00800000;
const minNormal64 = (lo: number, hi: number): boolean => lo === 0 && (hi & 0x7fffffff) === 0x00100000;

function gen2x32(rng: Rng, w: Uint32Array, off: number): void {
  const a = genF32(rng);
  w[off + 2] = a;
  w[off + 5] = genF32Pair(rng, a);
}
function gen2x64(rng: Rng, w: Uint32Array, off: number): void {
  const [lo, hi] = genF64(rng);
  w[off + 2] = lo;
  w[off + 3] = hi;
  const [bl, bh] = genF64Pair(rng, lo, hi);
  w[off + 5] = bl;
  w[off + 6] = bh;
}

/** The result is a float32 computed by fn; applies the NaN-pair and FTZ exclusions. */
function res32(w: Uint32Array, off: number, host: Uint32Array, hoff: number, r: number, twoNan: boolean): Expected {
  if (twoNan && isNan32(w[off + 2]!) && isNan32(w[off + 5]!))
    return { r0: 0, r1: 0, r2: 0, flags: 0, known: "two-NaN operands (x87 rule in QEMU's SSE)" };
  if ((st.flags & Flag.OutputDenormalFlushed) !== 0 && minNormal32(host[hoff]!) && (r & 0x7fffffff) === 0)
    return { r0: 0, r1: 0, r2: 0, flags: 0, known: "FTZ before rounding" };
  return { r0: r, r1: 0, r2: 0, flags: mx() };
}
function res64(w: Uint32Array, off: number, host: Uint32Array, hoff: number, lo: number, twoNan: boolean): Expected {
  const hi = st.hi;
  if (twoNan && isNan64(w[off + 2]!, w[off + 3]!) && isNan64(w[off + 5]!, w[off + 6]!))
    return { r0: 0, r1: 0, r2: 0, flags: 0, known: "two-NaN operands (x87 rule in QEMU's SSE)" };
  if ((st.flags & Flag.OutputDenormalFlushed) !== 0 && minNormal64(host[hoff]!, host[hoff + 1]!) && ((hi & 0x7fffffff) | lo) === 0)
    return { r0: 0, r1: 0, r2: 0, flags: 0, known: "FTZ before rounding" };
  return { r0: lo, r1: hi, r2: 0, flags: mx() };
}

type Bin32 = (a: number, b: number, s: FloatStatus) => number;
type Bin64 = (al: number, ah: number, bl: number, bh: number, s: FloatStatus) => number;

function arith32(name: string, host: number, fn: Bin32, twoNan = true): HostOp {
  return {
    name,
    host,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen: gen2x32,
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      const r = fn(w[off + 2]! | 0, w[off + 5]! | 0, st);
      if (!twoNan && (ctrl & 0x40) !== 0 && (r & 0x7f800000) === 0 && (r & 0x7fffff) !== 0 && h[hoff] === (r & 0x80000000) >>> 0)
        return { r0: 0, r1: 0, r2: 0, flags: 0, known: "min/max with DAZ (QEMU returns the unflushed operand)" };
      return res32(w, off, h, hoff, r, twoNan);
    },
  };
}
function arith64(name: string, host: number, fn: Bin64, twoNan = true): HostOp {
  return {
    name,
    host,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen: gen2x64,
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      const lo = fn(w[off + 2]! | 0, w[off + 3]! | 0, w[off + 5]! | 0, w[off + 6]! | 0, st);
      const hi = st.hi;
      if (
        !twoNan &&
        (ctrl & 0x40) !== 0 &&
        (hi & 0x7ff00000) === 0 &&
        ((hi & 0xfffff) | lo) !== 0 &&
        h[hoff] === 0 &&
        h[hoff + 1] === (hi & 0x80000000) >>> 0
      )
        return { r0: 0, r1: 0, r2: 0, flags: 0, known: "min/max with DAZ (QEMU returns the unflushed operand)" };
      return res64(w, off, h, hoff, lo, twoNan);
    },
  };
}

// QEMU's x86 helpers on top of softfloat (ops_sse.h).
const min32: Bin32 = (a, b, s) => (F.f32Compare(a, b, s) === Relation.Less ? a : b);
const max32: Bin32 = (a, b, s) => (F.f32Compare(b, a, s) === Relation.Less ? a : b);
function min64(al: number, ah: number, bl: number, bh: number, s: FloatStatus): number {
  const lt = F.f64Compare(al, ah, bl, bh, s) === Relation.Less;
  s.hi = lt ? ah : bh;
  return lt ? al : bl;
}
function max64(al: number, ah: number, bl: number, bh: number, s: FloatStatus): number {
  const lt = F.f64Compare(bl, bh, al, ah, s) === Relation.Less;
  s.hi = lt ? ah : bh;
  return lt ? al : bl;
}

/** cmpss/cmpsd predicate imm 0..7 (SSE_HELPER_CMP). */
function cmpPredicate(imm: number, rel: Relation): boolean {
  switch (imm & 7) {
    case 0:
      return rel === Relation.Equal;
    case 1:
      return rel === Relation.Less;
    case 2:
      return rel <= Relation.Equal;
    case 3:
      return rel === Relation.Unordered;
    case 4:
      return rel !== Relation.Equal;
    case 5:
      return rel !== Relation.Less;
    case 6:
      return !(rel <= Relation.Equal);
    default:
      return rel !== Relation.Unordered;
  }
}
const CMP_SIGNALING = [false, true, true, false, false, true, true, false];

/** comiss/ucomiss EFLAGS (CF, PF, ZF) for a relation, OF/SF/AF clear. */
function comisFlags(rel: Relation): number {
  switch (rel) {
    case Relation.Less:
      return 0x01;
    case Relation.Equal:
      return 0x40;
    case Relation.Greater:
      return 0;
    default:
      return 0x45;
  }
}

function x86Int32(fn: () => number): number {
  const old = st.flags;
  st.flags = 0;
  let r = fn();
  const nf = st.flags;
  if ((nf & Flag.Invalid) !== 0) r = -2147483648;
  st.flags = nf | old;
  return r;
}
function x86Int64(fn: () => number): number {
  const old = st.flags;
  st.flags = 0;
  let lo = fn();
  const nf = st.flags;
  if ((nf & Flag.Invalid) !== 0) {
    lo = 0;
    st.hi = -2147483648;
  }
  st.flags = nf | old;
  return lo;
}

const OPS: HostOp[] = [
  arith32("addss", H.S_ADD, F.f32Add),
  arith32("subss", H.S_SUB, F.f32Sub),
  arith32("mulss", H.S_MUL, F.f32Mul),
  arith32("divss", H.S_DIV, F.f32Div),
  arith32("sqrtss", H.S_SQRT, (a, _b, s) => F.f32Sqrt(a, s), false),
  arith32("minss", H.S_MIN, min32, false),
  arith32("maxss", H.S_MAX, max32, false),
  arith64("addsd", H.D_ADD, F.f64Add),
  arith64("subsd", H.D_SUB, F.f64Sub),
  arith64("mulsd", H.D_MUL, F.f64Mul),
  arith64("divsd", H.D_DIV, F.f64Div),
  arith64("sqrtsd", H.D_SQRT, (al, ah, _bl, _bh, s) => F.f64Sqrt(al, ah, s), false),
  arith64("minsd", H.D_MIN, min64, false),
  arith64("maxsd", H.D_MAX, max64, false),
  {
    name: "cmpss",
    host: H.S_CMP,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      gen2x32(rng, w, off);
      w[off + 8] = rng.int(8);
    },
    expect(w, off, ctrl) {
      setup(ctrl);
      const imm = w[off + 8]!;
      const a = w[off + 2]! | 0,
        b = w[off + 5]! | 0;
      const rel = CMP_SIGNALING[imm] ? F.f32Compare(a, b, st) : F.f32CompareQuiet(a, b, st);
      return { r0: cmpPredicate(imm, rel) ? -1 : 0, r1: 0, r2: 0, flags: mx() };
    },
  },
  {
    name: "cmpsd",
    host: H.D_CMP,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      gen2x64(rng, w, off);
      w[off + 8] = rng.int(8);
    },
    expect(w, off, ctrl) {
      setup(ctrl);
      const imm = w[off + 8]!;
      const al = w[off + 2]! | 0,
        ah = w[off + 3]! | 0,
        bl = w[off + 5]! | 0,
        bh = w[off + 6]! | 0;
      const rel = CMP_SIGNALING[imm] ? F.f64Compare(al, ah, bl, bh, st) : F.f64CompareQuiet(al, ah, bl, bh, st);
      const m = cmpPredicate(imm, rel) ? -1 : 0;
      return { r0: m, r1: m, r2: 0, flags: mx() };
    },
  },
  ...(["comiss", "ucomiss", "comisd", "ucomisd"] as const).map((name): HostOp => ({
    name,
    host: name === "comiss" ? H.S_COMI : name === "ucomiss" ? H.S_UCOMI : name === "comisd" ? H.D_COMI : H.D_UCOMI,
    ctrls: MXCSRS,
    flagMask: 0x3d | (0x8d5 << 8),
    words: 0,
    gen: name.endsWith("ss") ? gen2x32 : gen2x64,
    expect(w, off, ctrl) {
      setup(ctrl);
      const quiet = name.startsWith("u");
      let rel: Relation;
      if (name.endsWith("ss")) {
        rel = quiet ? F.f32CompareQuiet(w[off + 2]! | 0, w[off + 5]! | 0, st) : F.f32Compare(w[off + 2]! | 0, w[off + 5]! | 0, st);
      } else {
        const args = [w[off + 2]! | 0, w[off + 3]! | 0, w[off + 5]! | 0, w[off + 6]! | 0] as const;
        rel = quiet ? F.f64CompareQuiet(...args, st) : F.f64Compare(...args, st);
      }
      return { r0: 0, r1: 0, r2: 0, flags: mx() | (comisFlags(rel) << 8) };
    },
  })),
  {
    name: "cvtss2sd",
    host: H.S_CVT_SD,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      w[off + 2] = genF32(rng);
    },
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      return res64(w, off, h, hoff, F.f32ToF64(w[off + 2]! | 0, st), false);
    },
  },
  {
    name: "cvtsd2ss",
    host: H.D_CVT_SS,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      const [lo, hi] = genF64(rng);
      w[off + 2] = lo;
      w[off + 3] = hi;
    },
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      return res32(w, off, h, hoff, F.f64ToF32(w[off + 2]! | 0, w[off + 3]! | 0, st), false);
    },
  },
  ...(
    [
      ["cvtss2si", H.S_CVT_SI, false, false],
      ["cvttss2si", H.S_CVTT_SI, false, true],
      ["cvtsd2si", H.D_CVT_SI, true, false],
      ["cvttsd2si", H.D_CVTT_SI, true, true],
    ] as const
  ).map(([name, host, dbl, trunc]): HostOp => ({
    name,
    host,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      if (dbl) {
        const [lo, hi] = rng.chance(0.5) ? genF64(rng) : intLike64(rng);
        w[off + 2] = lo;
        w[off + 3] = hi;
      } else {
        w[off + 2] = rng.chance(0.5) ? genF32(rng) : intLike32(rng);
      }
    },
    expect(w, off, ctrl) {
      setup(ctrl);
      const a = w[off + 2]! | 0,
        ah = w[off + 3]! | 0;
      const r = x86Int32(() =>
        dbl
          ? trunc
            ? F.f64ToInt32RoundToZero(a, ah, st)
            : F.f64ToInt32(a, ah, st)
          : trunc
            ? F.f32ToInt32RoundToZero(a, st)
            : F.f32ToInt32(a, st),
      );
      return { r0: r, r1: 0, r2: 0, flags: mx() };
    },
  })),
  ...(
    [
      ["cvtss2si64", H.S_CVT_SI64, false, false],
      ["cvttss2si64", H.S_CVTT_SI64, false, true],
      ["cvtsd2si64", H.D_CVT_SI64, true, false],
      ["cvttsd2si64", H.D_CVTT_SI64, true, true],
    ] as const
  ).map(([name, host, dbl, trunc]): HostOp => ({
    name,
    host,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      if (dbl) {
        const [lo, hi] = rng.chance(0.5) ? genF64(rng) : intLike64(rng);
        w[off + 2] = lo;
        w[off + 3] = hi;
      } else {
        w[off + 2] = rng.chance(0.5) ? genF32(rng) : intLike32(rng);
      }
    },
    expect(w, off, ctrl) {
      setup(ctrl);
      const a = w[off + 2]! | 0,
        ah = w[off + 3]! | 0;
      const lo = x86Int64(() =>
        dbl
          ? trunc
            ? F.f64ToInt64RoundToZero(a, ah, st)
            : F.f64ToInt64(a, ah, st)
          : trunc
            ? F.f32ToInt64RoundToZero(a, st)
            : F.f32ToInt64(a, st),
      );
      return { r0: lo, r1: st.hi, r2: 0, flags: mx() };
    },
  })),
  ...(
    [
      ["cvtsi2ss", H.S_FROM_I32, false, false],
      ["cvtsi2ss64", H.S_FROM_I64, false, true],
      ["cvtsi2sd", H.D_FROM_I32, true, false],
      ["cvtsi2sd64", H.D_FROM_I64, true, true],
    ] as const
  ).map(([name, host, dbl, wide]): HostOp => ({
    name,
    host,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      if (wide) {
        const [lo, hi] = genI64(rng);
        w[off + 2] = lo;
        w[off + 3] = hi;
      } else {
        w[off + 2] = genI32(rng);
      }
    },
    expect(w, off, ctrl) {
      setup(ctrl);
      const lo = w[off + 2]! | 0,
        hi = w[off + 3]! | 0;
      if (dbl) {
        const r = wide ? F.int64ToF64(lo, hi, st) : F.int32ToF64(lo, st);
        return { r0: r, r1: st.hi, r2: 0, flags: mx() };
      }
      return { r0: wide ? F.int64ToF32(lo, hi, st) : F.int32ToF32(lo, st), r1: 0, r2: 0, flags: mx() };
    },
  })),
];

/** float values that are integers or near the int32/int64 range, for the conversions. */
function intLike32(rng: Rng): number {
  const e = 127 + rng.int(66) - 2;
  return (rng.chance(0.5) ? 0x80000000 : 0) | (e << 23) | (rng.chance(0.3) ? 0 : rng.u32() & 0x7fffff) | 0;
}
function intLike64(rng: Rng): [number, number] {
  const e = 1023 + rng.int(66) - 2;
  return [rng.chance(0.3) ? 0 : rng.u32(), (rng.chance(0.5) ? -2147483648 : 0) | (e << 20) | (rng.u32() & 0xfffff)];
}

const FMA_OPS: HostOp[] = [
  {
    name: "vfmadd231ss",
    host: H.S_FMA,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      gen2x32(rng, w, off);
      w[off + 8] = rng.chance(0.3) ? genF32Pair(rng, w[off + 2]!) : genF32(rng);
    },
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      const a = w[off + 2]! | 0,
        b = w[off + 5]! | 0,
        c = w[off + 8]! | 0;
      if ([a, b, c].filter(isNan32).length >= 2)
        return { r0: 0, r1: 0, r2: 0, flags: 0, known: "several NaN operands (NaN order of FMA forms)" };
      return res32(w, off, h, hoff, F.f32MulAdd(a, b, c, 0, st), false);
    },
  },
  {
    name: "vfmadd231sd",
    host: H.D_FMA,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      gen2x64(rng, w, off);
      const [lo, hi] = rng.chance(0.3) ? genF64Pair(rng, w[off + 2]! | 0, w[off + 3]! | 0) : genF64(rng);
      w[off + 8] = lo;
      w[off + 9] = hi;
    },
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      const v = Array.from(w.subarray(off + 2, off + 10), (x) => x | 0);
      const nans = [isNan64(v[0]!, v[1]!), isNan64(v[3]!, v[4]!), isNan64(v[6]!, v[7]!)].filter((x) => x).length;
      if (nans >= 2) return { r0: 0, r1: 0, r2: 0, flags: 0, known: "several NaN operands (NaN order of FMA forms)" };
      return res64(w, off, h, hoff, F.f64MulAdd(v[0]!, v[1]!, v[3]!, v[4]!, v[6]!, v[7]!, 0, st), false);
    },
  },
];

const F16_OPS: HostOp[] = [
  {
    name: "vcvtps2ph",
    host: H.S_TO_F16,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      // Bias toward the float16 range.
      w[off + 2] = rng.chance(0.5)
        ? genF32(rng)
        : (rng.chance(0.5) ? 0x80000000 : 0) | ((100 + rng.int(45)) << 23) | (rng.u32() & 0x7fffff) | 0;
    },
    expect(w, off, ctrl) {
      setup(ctrl);
      const a = w[off + 2]! | 0;
      const r = F.f32ToF16(a, true, st);
      // QEMU's cvtps2ph applies sse_status's DAZ and FTZ, which F16C hardware ignores.
      if (((ctrl & 0x40) !== 0 && F.f32IsDenormal(a)) || (st.flags & Flag.OutputDenormalFlushed) !== 0)
        return { r0: 0, r1: 0, r2: 0, flags: 0, known: "F16C with DAZ/FTZ on a denormal" };
      return { r0: r, r1: 0, r2: 0, flags: mx() };
    },
  },
  {
    name: "vcvtph2ps",
    host: H.S_FROM_F16,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      w[off + 2] = rng.u32() & 0xffff;
    },
    expect(w, off, ctrl) {
      setup(ctrl);
      if ((ctrl & 0x40) !== 0 && F.f16IsDenormal(w[off + 2]!))
        return { r0: 0, r1: 0, r2: 0, flags: 0, known: "F16C with DAZ on a denormal" };
      return { r0: F.f16ToF32(w[off + 2]!, true, st), r1: 0, r2: 0, flags: mx() };
    },
  },
];

/** The host's x87 loads quiet a signalling NaN before fprem1 compares two NaNs (no SSE remainder exists to compare with). */
const TWO_NAN_REM = "two NaNs (the x87 load quiets signalling NaNs before fprem1 picks one)";

/** Round to integral (SSE4.1 roundss/roundsd with MXCSR's mode) and the IEEE remainder (x87 fprem1 on the host: value and invalid flag). */
const EXTRA_OPS: HostOp[] = [
  {
    name: "roundss",
    host: H.S_ROUND,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      w[off + 2] = rng.chance(0.5) ? genF32(rng) : intLike32(rng);
    },
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      return res32(w, off, h, hoff, F.f32RoundToInt(w[off + 2]! | 0, st), false);
    },
  },
  {
    name: "roundsd",
    host: H.D_ROUND,
    ctrls: MXCSRS,
    flagMask: 0x3d,
    gen(rng, w, off) {
      const [lo, hi] = rng.chance(0.5) ? genF64(rng) : intLike64(rng);
      w[off + 2] = lo;
      w[off + 3] = hi;
    },
    expect(w, off, ctrl, h, hoff) {
      setup(ctrl);
      return res64(w, off, h, hoff, F.f64RoundToInt(w[off + 2]! | 0, w[off + 3]! | 0, st), false);
    },
  },
  {
    name: "remainderf",
    host: H.S_REM,
    ctrls: [0x1f80],
    flagMask: 0x01,
    gen: gen2x32,
    expect(w, off, ctrl) {
      setup(ctrl);
      const r = F.f32Rem(w[off + 2]! | 0, w[off + 5]! | 0, st);
      if (isNan32(w[off + 2]!) && isNan32(w[off + 5]!)) return { r0: 0, r1: 0, r2: 0, flags: 0, known: TWO_NAN_REM };
      return { r0: r, r1: 0, r2: 0, flags: mx() };
    },
  },
  {
    name: "remainder",
    host: H.D_REM,
    ctrls: [0x1f80],
    flagMask: 0x01,
    gen: gen2x64,
    expect(w, off, ctrl) {
      setup(ctrl);
      const lo = F.f64Rem(w[off + 2]! | 0, w[off + 3]! | 0, w[off + 5]! | 0, w[off + 6]! | 0, st);
      if (isNan64(w[off + 2]!, w[off + 3]!) && isNan64(w[off + 5]!, w[off + 6]!))
        return { r0: 0, r1: 0, r2: 0, flags: 0, known: TWO_NAN_REM };
      return { r0: lo, r1: st.hi, r2: 0, flags: mx() };
    },
  },
];

describe("softfloat float32/float64 vs host SSE", () => {
  const all = [...OPS, ...EXTRA_OPS, ...(hostHas("fma") ? FMA_OPS : []), ...(hostHas("f16c") ? F16_OPS : [])];
  for (const [i, op] of all.entries()) {
    it(op.name, { timeout: 600_000 }, () => {
      const seed = seedFor(0x5e5e0000 + i);
      const r = runHostOp(op, N, seed);
      console.log(describeRun(op.name, seed, r));
      expect(r.failures, `${r.failed} of ${r.cases} mismatched`).toEqual([]);
    });
  }
  it("runs the FMA and F16C checks when the CPU has them", () => {
    console.log(`host FMA: ${hostHas("fma")}, F16C: ${hostHas("f16c")}`);
  });
});
