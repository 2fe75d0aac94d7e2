/**
 * Bit-level classification and small helpers on packed values (QEMU's
 * float*_is_*, *_default_nan, *_silence_nan, *_squash_input_denormal in
 * include/fpu/softfloat.h and fpu/softfloat-specialize.c.inc), for targets
 * whose signalling NaNs have the quiet bit clear (x86, ARM).
 */

import { P, PV, F0, F1, SIGN } from "./parts.ts";
import { defaultNan } from "./parts-nan.ts";
import { Flag, X80Behaviour, type FloatStatus } from "./status.ts";

// float16 -----------------------------------------------------------------

export function f16IsAnyNan(a: number): boolean {
  return (a & 0x7fff) > 0x7c00;
}
export function f16IsSignalingNan(a: number): boolean {
  return ((a >>> 9) & 0x3f) === 0x3e && (a & 0x1ff) !== 0;
}
export function f16IsQuietNan(a: number): boolean {
  return ((a >>> 9) & 0x3f) === 0x3f;
}
export function f16IsInfinity(a: number): boolean {
  return (a & 0x7fff) === 0x7c00;
}
export function f16IsZero(a: number): boolean {
  return (a & 0x7fff) === 0;
}
export function f16IsDenormal(a: number): boolean {
  return (a & 0x7c00) === 0 && (a & 0x3ff) !== 0;
}
export function f16DefaultNan(st: FloatStatus): number {
  defaultNan(PV, st);
  return (P[PV + SIGN]! << 15) | 0x7c00 | ((P[PV + F0]! >>> 21) & 0x3ff);
}
export function f16SilenceNan(a: number): number {
  return a | 0x200;
}

// float32 -----------------------------------------------------------------

export function f32IsAnyNan(a: number): boolean {
  return (a & 0x7fffffff) > 0x7f800000;
}
export function f32IsSignalingNan(a: number): boolean {
  return ((a >>> 22) & 0x1ff) === 0x1fe && (a & 0x3fffff) !== 0;
}
export function f32IsQuietNan(a: number): boolean {
  return (a << 1) >>> 0 >= 0xff800000;
}
export function f32IsInfinity(a: number): boolean {
  return (a & 0x7fffffff) === 0x7f800000;
}
export function f32IsZero(a: number): boolean {
  return (a & 0x7fffffff) === 0;
}
export function f32IsNeg(a: number): boolean {
  return a < 0;
}
export function f32IsDenormal(a: number): boolean {
  return (a & 0x7f800000) === 0 && (a & 0x7fffff) !== 0;
}
export function f32IsNormal(a: number): boolean {
  const e = (a >>> 23) & 0xff;
  return e !== 0 && e !== 0xff;
}
export function f32IsZeroOrNormal(a: number): boolean {
  return f32IsNormal(a) || f32IsZero(a);
}
export function f32DefaultNan(st: FloatStatus): number {
  defaultNan(PV, st);
  return (P[PV + SIGN]! << 31) | 0x7f800000 | ((P[PV + F0]! >>> 8) & 0x7fffff);
}
export function f32SilenceNan(a: number): number {
  return a | 0x400000;
}
/** float32_squash_input_denormal: a denormal becomes a signed zero (with the flag) when inputs are flushed. */
export function f32SquashInputDenormal(a: number, st: FloatStatus): number {
  if (st.flushInputsToZero && f32IsDenormal(a)) {
    st.flags |= Flag.InputDenormalFlushed;
    return a & -2147483648;
  }
  return a;
}

// float64 (lo, hi) -------------------------------------------------------

export function f64IsAnyNan(lo: number, hi: number): boolean {
  const h = hi & 0x7fffffff;
  return h > 0x7ff00000 || (h === 0x7ff00000 && lo !== 0);
}
export function f64IsSignalingNan(lo: number, hi: number): boolean {
  return ((hi >>> 19) & 0xfff) === 0xffe && ((hi & 0x7ffff) | lo) !== 0;
}
export function f64IsQuietNan(lo: number, hi: number): boolean {
  return (hi << 1) >>> 0 >= 0xfff00000;
}
export function f64IsInfinity(lo: number, hi: number): boolean {
  return (hi & 0x7fffffff) === 0x7ff00000 && lo === 0;
}
export function f64IsZero(lo: number, hi: number): boolean {
  return ((hi & 0x7fffffff) | lo) === 0;
}
export function f64IsNeg(hi: number): boolean {
  return hi < 0;
}
export function f64IsDenormal(lo: number, hi: number): boolean {
  return (hi & 0x7ff00000) === 0 && ((hi & 0xfffff) | lo) !== 0;
}
export function f64IsNormal(hi: number): boolean {
  const e = (hi >>> 20) & 0x7ff;
  return e !== 0 && e !== 0x7ff;
}
/** The default NaN: returns the low word, st.hi the high word. */
export function f64DefaultNan(st: FloatStatus): number {
  defaultNan(PV, st);
  const f0 = P[PV + F0]!,
    f1 = P[PV + F1]!;
  st.hi = (P[PV + SIGN]! << 31) | 0x7ff00000 | ((f0 >>> 11) & 0xfffff);
  st.lo = (f0 << 21) | (f1 >>> 11);
  return st.lo;
}
/** Sets the quiet bit: returns the high word (the low word is unchanged). */
export function f64SilenceNanHi(hi: number): number {
  return hi | 0x80000;
}

// floatx80 (lo, hi, se) ----------------------------------------------------

export function x80IsAnyNan(lo: number, hi: number, se: number): boolean {
  return (se & 0x7fff) === 0x7fff && ((hi & 0x7fffffff) | lo) !== 0;
}
export function x80IsSignalingNan(lo: number, hi: number, se: number): boolean {
  return (se & 0x7fff) === 0x7fff && (hi & 0x40000000) === 0 && ((hi & 0x3fffffff) | lo) !== 0;
}
export function x80IsQuietNan(lo: number, hi: number, se: number): boolean {
  return (se & 0x7fff) === 0x7fff && (hi & 0x40000000) !== 0;
}
/** floatx80_is_infinity: with x86 behaviour a pseudo-infinity (integer bit clear) is not one. */
export function x80IsInfinity(lo: number, hi: number, se: number, st: FloatStatus): boolean {
  if (hi >= 0 && (st.floatx80Behaviour & X80Behaviour.PseudoInfValid) === 0) return false;
  return (se & 0x7fff) === 0x7fff && ((hi & 0x7fffffff) | lo) === 0;
}
export function x80IsZero(lo: number, hi: number, se: number): boolean {
  return (se & 0x7fff) === 0 && (hi | lo) === 0;
}
export function x80IsZeroOrDenormal(se: number): boolean {
  return (se & 0x7fff) === 0;
}
export function x80IsNeg(se: number): boolean {
  return (se & 0x8000) !== 0;
}
/** floatx80_silence_nan: sets the integer and quiet bits; returns the new high word. */
export function x80SilenceNanHi(hi: number): number {
  return hi | 0xc0000000;
}
