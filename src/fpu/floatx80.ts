/**
 * floatx80 operations (QEMU's floatx80_* in fpu/softfloat.c).  A value is
 * passed as (lo, hi, se): the 64-bit significand (explicit integer bit in
 * bit 31 of hi) and the 16-bit sign/exponent.  A floatx80 result is
 * returned as its significand's low word with st.hi and st.se holding the
 * rest.  Results are rounded to st.floatx80Precision; invalid encodings
 * (unnormals, pseudo-infinities, pseudo-NaNs) raise Invalid and give the
 * default NaN.
 */

import { fastAddX80, fastCompareX80, fastDivX80, fastMulX80, normalX80, plainX80 } from "./fast-x80.ts";
import { FLOATX80 } from "./formats.ts";
import { packX80, unpackX80, x80DefaultNan } from "./pack.ts";
import { PA, PB } from "./parts.ts";
import { addsub, div, modQuotHi, modQuotLo, modrem, mul, sqrt } from "./parts-arith.ts";
import { compare, roundToInt, scalbn } from "./parts-misc.ts";
import { Relation, X80Behaviour, type FloatStatus } from "./status.ts";

export function x80Add(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (normalX80(ahi, ase, bhi, bse)) {
    const r = fastAddX80(alo, ahi, ase, blo, bhi, bse, st);
    if (r === r) return r;
  }
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return x80DefaultNan(st);
  return packX80(addsub(PA, PB, st, false), st);
}

export function x80Sub(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (normalX80(ahi, ase, bhi, bse)) {
    const r = fastAddX80(alo, ahi, ase, blo, bhi, bse ^ 0x8000, st);
    if (r === r) return r;
  }
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return x80DefaultNan(st);
  return packX80(addsub(PA, PB, st, true), st);
}

export function x80Mul(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (normalX80(ahi, ase, bhi, bse)) {
    const r = fastMulX80(alo, ahi, ase, blo, bhi, bse, st);
    if (r === r) return r;
  }
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return x80DefaultNan(st);
  return packX80(mul(PA, PB, st), st);
}

export function x80Div(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (normalX80(ahi, ase, bhi, bse)) {
    const r = fastDivX80(alo, ahi, ase, blo, bhi, bse, st);
    if (r === r) return r;
  }
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return x80DefaultNan(st);
  return packX80(div(PA, PB, st), st);
}

/**
 * Remainder (floatx80_modrem): the IEEE remainder, or with `mod` the
 * remainder of the quotient truncated toward zero; in that case the low
 * 64 bits of |quotient| are available from x80QuotientLo / x80QuotientHi
 * (zero otherwise, as in QEMU).
 */
export function x80ModRem(
  alo: number,
  ahi: number,
  ase: number,
  blo: number,
  bhi: number,
  bse: number,
  mod: boolean,
  st: FloatStatus,
): number {
  quotLo = quotHi = 0;
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return x80DefaultNan(st);
  const r = modrem(PA, PB, mod, st);
  if (mod) {
    quotLo = modQuotLo;
    quotHi = modQuotHi;
  }
  return packX80(r, st);
}

let quotLo = 0;
let quotHi = 0;

/** Low word of the quotient of the last x80ModRem with mod. */
export function x80QuotientLo(): number {
  return quotLo;
}

/** High word of the quotient of the last x80ModRem with mod. */
export function x80QuotientHi(): number {
  return quotHi;
}

/** IEEE remainder (floatx80_rem). */
export function x80Rem(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  return x80ModRem(alo, ahi, ase, blo, bhi, bse, false, st);
}

/** Truncating remainder (floatx80_mod). */
export function x80Mod(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  return x80ModRem(alo, ahi, ase, blo, bhi, bse, true, st);
}

export function x80Sqrt(alo: number, ahi: number, ase: number, st: FloatStatus): number {
  if (!unpackX80(PA, alo, ahi, ase, st)) return x80DefaultNan(st);
  sqrt(PA, st);
  return packX80(PA, st);
}

/** Rounds to an integral value (floatx80_round_to_int), at the status's precision. */
export function x80RoundToInt(alo: number, ahi: number, ase: number, st: FloatStatus): number {
  if (!unpackX80(PA, alo, ahi, ase, st)) return x80DefaultNan(st);
  roundToInt(PA, st.roundingMode, 0, st, FLOATX80[st.floatx80Precision]!.fracSize);
  return packX80(PA, st);
}

/** Rounds to the status's floatx80 precision (floatx80_round). */
export function x80Round(alo: number, ahi: number, ase: number, st: FloatStatus): number {
  if (!unpackX80(PA, alo, ahi, ase, st)) return x80DefaultNan(st);
  return packX80(PA, st);
}

export function x80Scalbn(alo: number, ahi: number, ase: number, n: number, st: FloatStatus): number {
  if (!unpackX80(PA, alo, ahi, ase, st)) return x80DefaultNan(st);
  scalbn(PA, n, st);
  return packX80(PA, st);
}

export function x80Compare(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): Relation {
  if (plainX80(alo, ahi, ase) && plainX80(blo, bhi, bse)) return fastCompareX80(alo, ahi, ase, blo, bhi, bse) as Relation;
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return Relation.Unordered;
  return compare(PA, PB, st, false);
}

export function x80CompareQuiet(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): Relation {
  if (plainX80(alo, ahi, ase) && plainX80(blo, bhi, bse)) return fastCompareX80(alo, ahi, ase, blo, bhi, bse) as Relation;
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return Relation.Unordered;
  return compare(PA, PB, st, true);
}

/** The default infinity of the given sign (floatx80_default_inf): returns lo, st.hi / st.se. */
export function x80DefaultInf(sign: boolean, st: FloatStatus): number {
  st.lo = 0;
  st.hi = (st.floatx80Behaviour & X80Behaviour.DefaultInfIntBitIsZero) !== 0 ? 0 : -2147483648;
  st.se = (sign ? 0x8000 : 0) | 0x7fff;
  return 0;
}

export { x80DefaultNan };
