/**
 * float32 operations (QEMU's float32_* in fpu/softfloat.c).  Values are
 * int32 bit patterns; results likewise.
 */

import { fastAdd32, fastCompare32, fastDiv32, fastMul32, fastSqrt32, normal32, plain32 } from "./fast.ts";
import { FLOAT32 } from "./formats.ts";
import { packF32, unpackF32 } from "./pack.ts";
import { PA, PB, PC } from "./parts.ts";
import { addsub, div, modrem, mul, mulAdd, sqrt } from "./parts-arith.ts";
import { MINMAX_ISMAG, MINMAX_ISMIN, MINMAX_ISNUM, MINMAX_ISNUMBER, compare, minmax, roundToInt, scalbn } from "./parts-misc.ts";
import type { FloatStatus, Relation } from "./status.ts";

export function f32Add(a: number, b: number, st: FloatStatus): number {
  if (normal32(a, b)) {
    const r = fastAdd32(a, b, st);
    if (r === r) return r;
  }
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return packF32(addsub(PA, PB, st, false), st);
}

export function f32Sub(a: number, b: number, st: FloatStatus): number {
  if (normal32(a, b)) {
    const r = fastAdd32(a, b ^ -2147483648, st);
    if (r === r) return r;
  }
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return packF32(addsub(PA, PB, st, true), st);
}

export function f32Mul(a: number, b: number, st: FloatStatus): number {
  if (normal32(a, b)) {
    const r = fastMul32(a, b, st);
    if (r === r) return r;
  }
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return packF32(mul(PA, PB, st), st);
}

export function f32Div(a: number, b: number, st: FloatStatus): number {
  if (normal32(a, b)) {
    const r = fastDiv32(a, b, st);
    if (r === r) return r;
  }
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return packF32(div(PA, PB, st), st);
}

/** IEEE remainder (float32_rem). */
export function f32Rem(a: number, b: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return packF32(modrem(PA, PB, false, st), st);
}

export function f32Sqrt(a: number, st: FloatStatus): number {
  const r = fastSqrt32(a, st);
  if (r === r) return r;
  unpackF32(PA, a, st);
  sqrt(PA, st);
  return packF32(PA, st);
}

/** a * b + c rounded once; flags are MulAdd bits (float32_muladd). */
export function f32MulAdd(a: number, b: number, c: number, flags: number, st: FloatStatus): number {
  return f32MulAddScalbn(a, b, c, 0, flags, st);
}

/** (a * b + c) * 2^scale rounded once (float32_muladd_scalbn). */
export function f32MulAddScalbn(a: number, b: number, c: number, scale: number, flags: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  unpackF32(PC, c, st);
  return packF32(mulAdd(PA, PB, PC, scale, flags, st), st);
}

/** Rounds to an integral value in the status's rounding mode (float32_round_to_int). */
export function f32RoundToInt(a: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  roundToInt(PA, st.roundingMode, 0, st, FLOAT32.fracSize);
  return packF32(PA, st);
}

export function f32Scalbn(a: number, n: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  scalbn(PA, n, st);
  return packF32(PA, st);
}

/** Signalling comparison: Invalid for any NaN (float32_compare). */
export function f32Compare(a: number, b: number, st: FloatStatus): Relation {
  if (plain32(a) && plain32(b)) return fastCompare32(a, b) as Relation;
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return compare(PA, PB, st, false);
}

/** Quiet comparison: Invalid only for signalling NaNs (float32_compare_quiet). */
export function f32CompareQuiet(a: number, b: number, st: FloatStatus): Relation {
  if (plain32(a) && plain32(b)) return fastCompare32(a, b) as Relation;
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return compare(PA, PB, st, true);
}

function minmax32(a: number, b: number, st: FloatStatus, flags: number): number {
  unpackF32(PA, a, st);
  unpackF32(PB, b, st);
  return packF32(minmax(PA, PB, st, flags), st);
}

export const f32Min = (a: number, b: number, st: FloatStatus): number => minmax32(a, b, st, MINMAX_ISMIN);
export const f32Max = (a: number, b: number, st: FloatStatus): number => minmax32(a, b, st, 0);
export const f32MinNum = (a: number, b: number, st: FloatStatus): number => minmax32(a, b, st, MINMAX_ISMIN | MINMAX_ISNUM);
export const f32MaxNum = (a: number, b: number, st: FloatStatus): number => minmax32(a, b, st, MINMAX_ISNUM);
export const f32MinNumMag = (a: number, b: number, st: FloatStatus): number =>
  minmax32(a, b, st, MINMAX_ISMIN | MINMAX_ISNUM | MINMAX_ISMAG);
export const f32MaxNumMag = (a: number, b: number, st: FloatStatus): number => minmax32(a, b, st, MINMAX_ISNUM | MINMAX_ISMAG);
export const f32MinimumNumber = (a: number, b: number, st: FloatStatus): number => minmax32(a, b, st, MINMAX_ISMIN | MINMAX_ISNUMBER);
export const f32MaximumNumber = (a: number, b: number, st: FloatStatus): number => minmax32(a, b, st, MINMAX_ISNUMBER);
