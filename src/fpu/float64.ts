/**
 * float64 operations (QEMU's float64_* in fpu/softfloat.c).  A value is
 * passed as (lo, hi) int32 words; a float64 result is returned as its low
 * word with the high word in st.hi (and the low word also in st.lo).
 */

import { fastAdd64, fastCompare64, fastDiv64, fastMul64, fastSqrt64, normal64, plain64 } from "./fast.ts";
import { FLOAT64 } from "./formats.ts";
import { packF64, unpackF64 } from "./pack.ts";
import { PA, PB, PC } from "./parts.ts";
import { addsub, div, modrem, mul, mulAdd, sqrt } from "./parts-arith.ts";
import { MINMAX_ISMAG, MINMAX_ISMIN, MINMAX_ISNUM, MINMAX_ISNUMBER, compare, minmax, roundToInt, scalbn } from "./parts-misc.ts";
import type { FloatStatus, Relation } from "./status.ts";

export function f64Add(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  if (normal64(ahi, bhi)) {
    const r = fastAdd64(alo, ahi, blo, bhi, st);
    if (r === r) return r;
  }
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return packF64(addsub(PA, PB, st, false), st);
}

export function f64Sub(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  if (normal64(ahi, bhi)) {
    const r = fastAdd64(alo, ahi, blo, bhi ^ -2147483648, st);
    if (r === r) return r;
  }
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return packF64(addsub(PA, PB, st, true), st);
}

export function f64Mul(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  if (normal64(ahi, bhi)) {
    const r = fastMul64(alo, ahi, blo, bhi, st);
    if (r === r) return r;
  }
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return packF64(mul(PA, PB, st), st);
}

export function f64Div(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  if (normal64(ahi, bhi)) {
    const r = fastDiv64(alo, ahi, blo, bhi, st);
    if (r === r) return r;
  }
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return packF64(div(PA, PB, st), st);
}

/** IEEE remainder (float64_rem). */
export function f64Rem(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return packF64(modrem(PA, PB, false, st), st);
}

export function f64Sqrt(alo: number, ahi: number, st: FloatStatus): number {
  const r = fastSqrt64(alo, ahi, st);
  if (r === r) return r;
  unpackF64(PA, alo, ahi, st);
  sqrt(PA, st);
  return packF64(PA, st);
}

/** a * b + c rounded once; flags are MulAdd bits (float64_muladd). */
export function f64MulAdd(
  alo: number,
  ahi: number,
  blo: number,
  bhi: number,
  clo: number,
  chi: number,
  flags: number,
  st: FloatStatus,
): number {
  return f64MulAddScalbn(alo, ahi, blo, bhi, clo, chi, 0, flags, st);
}

/** (a * b + c) * 2^scale rounded once (float64_muladd_scalbn). */
export function f64MulAddScalbn(
  alo: number,
  ahi: number,
  blo: number,
  bhi: number,
  clo: number,
  chi: number,
  scale: number,
  flags: number,
  st: FloatStatus,
): number {
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  unpackF64(PC, clo, chi, st);
  return packF64(mulAdd(PA, PB, PC, scale, flags, st), st);
}

/** Rounds to an integral value in the status's rounding mode (float64_round_to_int). */
export function f64RoundToInt(alo: number, ahi: number, st: FloatStatus): number {
  unpackF64(PA, alo, ahi, st);
  roundToInt(PA, st.roundingMode, 0, st, FLOAT64.fracSize);
  return packF64(PA, st);
}

export function f64Scalbn(alo: number, ahi: number, n: number, st: FloatStatus): number {
  unpackF64(PA, alo, ahi, st);
  scalbn(PA, n, st);
  return packF64(PA, st);
}

/** Signalling comparison: Invalid for any NaN (float64_compare). */
export function f64Compare(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): Relation {
  if (plain64(alo, ahi) && plain64(blo, bhi)) return fastCompare64(alo, ahi, blo, bhi) as Relation;
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return compare(PA, PB, st, false);
}

/** Quiet comparison: Invalid only for signalling NaNs (float64_compare_quiet). */
export function f64CompareQuiet(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): Relation {
  if (plain64(alo, ahi) && plain64(blo, bhi)) return fastCompare64(alo, ahi, blo, bhi) as Relation;
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return compare(PA, PB, st, true);
}

function minmax64(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus, flags: number): number {
  unpackF64(PA, alo, ahi, st);
  unpackF64(PB, blo, bhi, st);
  return packF64(minmax(PA, PB, st, flags), st);
}

type Op2 = (alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus) => number;
export const f64Min: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, MINMAX_ISMIN);
export const f64Max: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, 0);
export const f64MinNum: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, MINMAX_ISMIN | MINMAX_ISNUM);
export const f64MaxNum: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, MINMAX_ISNUM);
export const f64MinNumMag: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, MINMAX_ISMIN | MINMAX_ISNUM | MINMAX_ISMAG);
export const f64MaxNumMag: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, MINMAX_ISNUM | MINMAX_ISMAG);
export const f64MinimumNumber: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, MINMAX_ISMIN | MINMAX_ISNUMBER);
export const f64MaximumNumber: Op2 = (alo, ahi, blo, bhi, st) => minmax64(alo, ahi, blo, bhi, st, MINMAX_ISNUMBER);
