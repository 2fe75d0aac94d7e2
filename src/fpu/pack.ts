/**
 * Unpacking each format into parts and rounding/packing parts into each
 * format (QEMU's *_unpack_canonical / *_round_pack_canonical).
 *
 * Register conventions: float16 and float32 are numbers holding the bit
 * pattern (float32 as an int32); float64 is (lo, hi) int32 words; floatx80
 * is (lo, hi) significand words plus se = sign << 15 | exponent.
 */

import { FLOAT16, FLOAT32, FLOAT64, FLOATX80, type FloatFmt } from "./formats.ts";
import { C_DENORMAL, C_INF, C_NORMAL, C_QNAN, C_SNAN, C_ZERO, CLS, EXP, F0, F1, F2, F3, IMPLICIT, P, SIGN } from "./parts.ts";
import { defaultNan, isSnanFrac } from "./parts-nan.ts";
import { canonicalize, uncanon, uncanonNormal64, uncanonNormalX80 } from "./parts-round.ts";
import { Flag, X80Behaviour, X80Precision, type FloatStatus } from "./status.ts";

export function unpackF16(p: number, a: number, st: FloatStatus, fmt: FloatFmt = FLOAT16): void {
  P[p + SIGN] = (a >>> 15) & 1;
  P[p + EXP] = (a >>> 10) & 0x1f;
  P[p + F0] = 0;
  P[p + F1] = a & 0x3ff;
  P[p + F2] = 0;
  P[p + F3] = 0;
  canonicalize(p, st, fmt);
}

export function unpackF32(p: number, a: number, st: FloatStatus): void {
  P[p + SIGN] = a >>> 31;
  P[p + EXP] = (a >>> 23) & 0xff;
  P[p + F0] = 0;
  P[p + F1] = a & 0x7fffff;
  P[p + F2] = 0;
  P[p + F3] = 0;
  canonicalize(p, st, FLOAT32);
}

export function unpackF64(p: number, lo: number, hi: number, st: FloatStatus): void {
  P[p + SIGN] = hi >>> 31;
  P[p + EXP] = (hi >>> 20) & 0x7ff;
  P[p + F0] = hi & 0xfffff;
  P[p + F1] = lo;
  P[p + F2] = 0;
  P[p + F3] = 0;
  canonicalize(p, st, FLOAT64);
}

/** floatx80_invalid_encoding: an unnormal, pseudo-infinity or pseudo-NaN (per the status's behaviour). */
export function x80InvalidEncoding(lo: number, hi: number, se: number, st: FloatStatus): boolean {
  const exp = se & 0x7fff;
  if (hi < 0 || exp === 0) return false;
  if (exp === 0x7fff) {
    const flag = (hi | lo) !== 0 ? X80Behaviour.PseudoNanValid : X80Behaviour.PseudoInfValid;
    return (st.floatx80Behaviour & flag) === 0;
  }
  return (st.floatx80Behaviour & X80Behaviour.UnnormalValid) === 0;
}

/**
 * Unpacks a floatx80 (floatx80_unpack_canonical).  Returns false (after
 * raising Invalid) for an invalid encoding; the caller then returns the
 * default NaN.
 */
export function unpackX80(p: number, lo: number, hi: number, se: number, st: FloatStatus): boolean {
  const exp = se & 0x7fff;
  if (x80InvalidEncoding(lo, hi, se, st)) {
    st.flags |= Flag.Invalid;
    return false;
  }
  P[p + SIGN] = (se >>> 15) & 1;
  P[p + EXP] = exp;
  P[p + F0] = hi;
  P[p + F1] = lo;
  P[p + F2] = 0;
  P[p + F3] = 0;
  if (exp !== 0x7fff) {
    canonicalize(p, st, FLOATX80[X80Precision.X]!);
  } else {
    // The explicit integer bit is ignored, after the invalid checks.
    const h = hi & 0x7fffffff;
    P[p + F0] = h;
    P[p + CLS] = (h | lo) === 0 ? C_INF : isSnanFrac(h) ? C_SNAN : C_QNAN;
  }
  return true;
}

export function packF16(p: number, st: FloatStatus, fmt: FloatFmt = FLOAT16): number {
  uncanon(p, st, fmt);
  return (P[p + SIGN]! << 15) | ((P[p + EXP]! & 0x1f) << 10) | (P[p + F1]! & 0x3ff);
}

export function packF32(p: number, st: FloatStatus): number {
  uncanon(p, st, FLOAT32);
  return (P[p + SIGN]! << 31) | ((P[p + EXP]! & 0xff) << 23) | (P[p + F1]! & 0x7fffff);
}

/** Packs a float64: returns the low word, st.hi gets the high word (st.lo the low). */
export function packF64(p: number, st: FloatStatus): number {
  uncanon(p, st, FLOAT64);
  const lo = P[p + F1]!;
  st.hi = (P[p + SIGN]! << 31) | ((P[p + EXP]! & 0x7ff) << 20) | (P[p + F0]! & 0xfffff);
  st.lo = lo;
  return lo;
}

/**
 * Rounds to the status's floatx80 precision and packs
 * (floatx80_round_pack_canonical): returns the significand's low word;
 * st.hi / st.se get its high word and the sign+exponent.
 */
export function packX80(p: number, st: FloatStatus): number {
  const prec = st.floatx80Precision;
  const fmt = FLOATX80[prec]!;
  let fh: number, fl: number, exp: number;
  const cls = P[p + CLS]!;
  let inf = false;
  switch (cls) {
    case C_NORMAL:
    case C_DENORMAL:
      if (prec === X80Precision.X) uncanonNormalX80(p, st, fmt);
      else uncanonNormal64(p, st, fmt);
      fh = P[p + F0]!;
      fl = P[p + F1]!;
      exp = P[p + EXP]!;
      inf = exp === fmt.expMax;
      break;
    case C_INF:
      inf = true;
      fh = fl = exp = 0;
      break;
    case C_ZERO:
      fh = fl = exp = 0;
      break;
    case C_SNAN:
    case C_QNAN:
      fh = P[p + F0]! | IMPLICIT;
      fl = P[p + F1]!;
      exp = fmt.expMax;
      break;
    default:
      throw new Error(`softfloat: unclassified part ${cls}`);
  }
  if (inf) {
    // x86 and m68k differ in the setting of the integer bit.
    fh = (st.floatx80Behaviour & X80Behaviour.DefaultInfIntBitIsZero) !== 0 ? 0 : IMPLICIT;
    fl = 0;
    exp = fmt.expMax;
  }
  st.lo = fl;
  st.hi = fh;
  st.se = (P[p + SIGN]! << 15) | (exp & 0x7fff);
  return fl;
}

/** Writes the default NaN of the status into st (floatx80_default_nan) and returns its low word. */
export function x80DefaultNan(st: FloatStatus): number {
  defaultNan(PDN, st);
  st.lo = P[PDN + F1]!;
  st.hi = P[PDN + F0]! | IMPLICIT;
  st.se = (P[PDN + SIGN]! << 15) | 0x7fff;
  return st.lo;
}

/** Scratch slot for default-NaN construction. */
const PDN = 56;
