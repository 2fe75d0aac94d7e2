/**
 * float16 (IEEE half precision) operations (QEMU's float16_* in
 * fpu/softfloat.c).  Values are 16-bit patterns in a number; results
 * likewise.  Alternative half precision only matters for conversions (see
 * convert.ts).
 */

import { FLOAT16 } from "./formats.ts";
import { packF16, unpackF16 } from "./pack.ts";
import { PA, PB, PC } from "./parts.ts";
import { addsub, div, mul, mulAdd, sqrt } from "./parts-arith.ts";
import { MINMAX_ISMAG, MINMAX_ISMIN, MINMAX_ISNUM, MINMAX_ISNUMBER, compare, minmax, roundToInt, scalbn } from "./parts-misc.ts";
import type { FloatStatus, Relation } from "./status.ts";

export function f16Add(a: number, b: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  return packF16(addsub(PA, PB, st, false), st);
}

export function f16Sub(a: number, b: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  return packF16(addsub(PA, PB, st, true), st);
}

export function f16Mul(a: number, b: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  return packF16(mul(PA, PB, st), st);
}

export function f16Div(a: number, b: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  return packF16(div(PA, PB, st), st);
}

export function f16Sqrt(a: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  sqrt(PA, st);
  return packF16(PA, st);
}

/** a * b + c rounded once; flags are MulAdd bits (float16_muladd). */
export function f16MulAdd(a: number, b: number, c: number, flags: number, st: FloatStatus): number {
  return f16MulAddScalbn(a, b, c, 0, flags, st);
}

/** (a * b + c) * 2^scale rounded once (float16_muladd_scalbn). */
export function f16MulAddScalbn(a: number, b: number, c: number, scale: number, flags: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  unpackF16(PC, c, st);
  return packF16(mulAdd(PA, PB, PC, scale, flags, st), st);
}

/** Rounds to an integral value in the status's rounding mode (float16_round_to_int). */
export function f16RoundToInt(a: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  roundToInt(PA, st.roundingMode, 0, st, FLOAT16.fracSize);
  return packF16(PA, st);
}

export function f16Scalbn(a: number, n: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  scalbn(PA, n, st);
  return packF16(PA, st);
}

/** Signalling comparison: Invalid for any NaN (float16_compare). */
export function f16Compare(a: number, b: number, st: FloatStatus): Relation {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  return compare(PA, PB, st, false);
}

/** Quiet comparison: Invalid only for signalling NaNs (float16_compare_quiet). */
export function f16CompareQuiet(a: number, b: number, st: FloatStatus): Relation {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  return compare(PA, PB, st, true);
}

function minmax16(a: number, b: number, st: FloatStatus, flags: number): number {
  unpackF16(PA, a, st);
  unpackF16(PB, b, st);
  return packF16(minmax(PA, PB, st, flags), st);
}

export const f16Min = (a: number, b: number, st: FloatStatus): number => minmax16(a, b, st, MINMAX_ISMIN);
export const f16Max = (a: number, b: number, st: FloatStatus): number => minmax16(a, b, st, 0);
export const f16MinNum = (a: number, b: number, st: FloatStatus): number => minmax16(a, b, st, MINMAX_ISMIN | MINMAX_ISNUM);
export const f16MaxNum = (a: number, b: number, st: FloatStatus): number => minmax16(a, b, st, MINMAX_ISNUM);
export const f16MinNumMag = (a: number, b: number, st: FloatStatus): number =>
  minmax16(a, b, st, MINMAX_ISMIN | MINMAX_ISNUM | MINMAX_ISMAG);
export const f16MaxNumMag = (a: number, b: number, st: FloatStatus): number => minmax16(a, b, st, MINMAX_ISNUM | MINMAX_ISMAG);
export const f16MinimumNumber = (a: number, b: number, st: FloatStatus): number => minmax16(a, b, st, MINMAX_ISMIN | MINMAX_ISNUMBER);
export const f16MaximumNumber = (a: number, b: number, st: FloatStatus): number => minmax16(a, b, st, MINMAX_ISNUMBER);
