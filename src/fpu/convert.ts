/**
 * Conversions between the float formats and to/from integers (QEMU's
 * float*_to_float*, float*_to_[u]int*[_scalbn|_round_to_zero] and
 * [u]int*_to_float*[_scalbn] in fpu/softfloat.c).
 *
 * Float-to-integer conversions saturate and raise Invalid as QEMU's
 * softfloat does (NaN gives the maximum); targets that return an
 * "integer indefinite" or zero instead apply that in their helpers.
 * 64-bit results are returned as the low word with st.hi the high word.
 */

import { fastF32ToF64, fastF64ToF32, fastF64ToInt32, fastInt32ToF64 } from "./fast.ts";
import { fastF64ToX80, fastX80ToF64 } from "./fast-x80.ts";
import { FLOAT16, FLOAT16_AHP } from "./formats.ts";
import { packF16, packF32, packF64, packX80, unpackF16, unpackF32, unpackF64, unpackX80 } from "./pack.ts";
import { C_DENORMAL, C_INF, C_NORMAL, C_QNAN, C_SNAN, C_ZERO, CLS, EXP, F0, F1, P, PA, isNanClass } from "./parts.ts";
import { defaultNan, returnNan } from "./parts-nan.ts";
import { fromSint64, fromUint64, toSint32, toSint64, toUint32, toUint64 } from "./parts-misc.ts";
import { Flag, Round, type FloatStatus } from "./status.ts";

/** parts_float_to_float: NaN handling and the denormal-used flag of a format conversion. */
function floatToFloat(p: number, st: FloatStatus): void {
  const cls = P[p + CLS]!;
  if (isNanClass(cls)) returnNan(p, st);
  if (cls === C_DENORMAL) st.flags |= Flag.InputDenormalUsed;
}

/** parts_float_to_ahp: prepares a part for packing as ARM alternative half precision. */
function floatToAhp(p: number, st: FloatStatus): void {
  switch (P[p + CLS]!) {
    case C_SNAN:
      st.flags |= Flag.InvalidSnan;
    // fall through
    case C_QNAN:
      // No NaN in the format: Invalid and a zero with the NaN's sign.
      st.flags |= Flag.Invalid;
      P[p + CLS] = C_ZERO;
      break;
    case C_INF:
      // No infinity: Invalid and the maximum normal with the right sign.
      st.flags |= Flag.Invalid;
      P[p + CLS] = C_NORMAL;
      P[p + EXP] = FLOAT16_AHP.expMax;
      P[p + F0] = 0xffe00000 | 0;
      P[p + F1] = 0;
      break;
    case C_DENORMAL:
      st.flags |= Flag.InputDenormalUsed;
      break;
    default:
      break;
  }
}

// ------------------------------------------------------------ float <-> float

/** float16_to_float32; ieee = false selects ARM alternative half precision. */
export function f16ToF32(a: number, ieee: boolean, st: FloatStatus): number {
  unpackF16(PA, a, st, ieee ? FLOAT16 : FLOAT16_AHP);
  floatToFloat(PA, st);
  return packF32(PA, st);
}

/** float16_to_float64. */
export function f16ToF64(a: number, ieee: boolean, st: FloatStatus): number {
  unpackF16(PA, a, st, ieee ? FLOAT16 : FLOAT16_AHP);
  floatToFloat(PA, st);
  return packF64(PA, st);
}

/** float32_to_float16; ieee = false selects ARM alternative half precision. */
export function f32ToF16(a: number, ieee: boolean, st: FloatStatus): number {
  unpackF32(PA, a, st);
  if (ieee) {
    floatToFloat(PA, st);
    return packF16(PA, st, FLOAT16);
  }
  floatToAhp(PA, st);
  return packF16(PA, st, FLOAT16_AHP);
}

/** float64_to_float16. */
export function f64ToF16(lo: number, hi: number, ieee: boolean, st: FloatStatus): number {
  unpackF64(PA, lo, hi, st);
  if (ieee) {
    floatToFloat(PA, st);
    return packF16(PA, st, FLOAT16);
  }
  floatToAhp(PA, st);
  return packF16(PA, st, FLOAT16_AHP);
}

export function f32ToF64(a: number, st: FloatStatus): number {
  const r = fastF32ToF64(a, st);
  if (r === r) return r;
  unpackF32(PA, a, st);
  floatToFloat(PA, st);
  return packF64(PA, st);
}

export function f64ToF32(lo: number, hi: number, st: FloatStatus): number {
  const r = fastF64ToF32(lo, hi, st);
  if (r === r) return r;
  unpackF64(PA, lo, hi, st);
  floatToFloat(PA, st);
  return packF32(PA, st);
}

export function f32ToX80(a: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  floatToFloat(PA, st);
  return packX80(PA, st);
}

export function f64ToX80(lo: number, hi: number, st: FloatStatus): number {
  const r = fastF64ToX80(lo, hi, st);
  if (r === r) return r;
  unpackF64(PA, lo, hi, st);
  floatToFloat(PA, st);
  return packX80(PA, st);
}

/** floatx80_to_float32 (an invalid encoding gives the default NaN). */
export function x80ToF32(lo: number, hi: number, se: number, st: FloatStatus): number {
  if (unpackX80(PA, lo, hi, se, st)) floatToFloat(PA, st);
  else defaultNan(PA, st);
  return packF32(PA, st);
}

/** floatx80_to_float64 (an invalid encoding gives the default NaN). */
export function x80ToF64(lo: number, hi: number, se: number, st: FloatStatus): number {
  const r = fastX80ToF64(lo, hi, se, st);
  if (r === r) return r;
  if (unpackX80(PA, lo, hi, se, st)) floatToFloat(PA, st);
  else defaultNan(PA, st);
  return packF64(PA, st);
}

// ------------------------------------------------------------ integer -> float

export function int64ToF16Scalbn(lo: number, hi: number, scale: number, st: FloatStatus): number {
  fromSint64(PA, hi, lo, scale);
  return packF16(PA, st);
}
export function int32ToF16Scalbn(a: number, scale: number, st: FloatStatus): number {
  fromSint64(PA, a >> 31, a, scale);
  return packF16(PA, st);
}
export function uint64ToF16Scalbn(lo: number, hi: number, scale: number, st: FloatStatus): number {
  fromUint64(PA, hi, lo, scale);
  return packF16(PA, st);
}
export function uint32ToF16Scalbn(a: number, scale: number, st: FloatStatus): number {
  fromUint64(PA, 0, a, scale);
  return packF16(PA, st);
}
export const int32ToF16 = (a: number, st: FloatStatus): number => int32ToF16Scalbn(a, 0, st);
export const uint32ToF16 = (a: number, st: FloatStatus): number => uint32ToF16Scalbn(a, 0, st);

export function int64ToF32Scalbn(lo: number, hi: number, scale: number, st: FloatStatus): number {
  fromSint64(PA, hi, lo, scale);
  return packF32(PA, st);
}
export function int32ToF32Scalbn(a: number, scale: number, st: FloatStatus): number {
  fromSint64(PA, a >> 31, a, scale);
  return packF32(PA, st);
}
export function uint64ToF32Scalbn(lo: number, hi: number, scale: number, st: FloatStatus): number {
  fromUint64(PA, hi, lo, scale);
  return packF32(PA, st);
}
export function uint32ToF32Scalbn(a: number, scale: number, st: FloatStatus): number {
  fromUint64(PA, 0, a, scale);
  return packF32(PA, st);
}
export const int32ToF32 = (a: number, st: FloatStatus): number => int32ToF32Scalbn(a, 0, st);
export const uint32ToF32 = (a: number, st: FloatStatus): number => uint32ToF32Scalbn(a, 0, st);
export const int64ToF32 = (lo: number, hi: number, st: FloatStatus): number => int64ToF32Scalbn(lo, hi, 0, st);
export const uint64ToF32 = (lo: number, hi: number, st: FloatStatus): number => uint64ToF32Scalbn(lo, hi, 0, st);

export function int64ToF64Scalbn(lo: number, hi: number, scale: number, st: FloatStatus): number {
  fromSint64(PA, hi, lo, scale);
  return packF64(PA, st);
}
export function int32ToF64Scalbn(a: number, scale: number, st: FloatStatus): number {
  if (scale === 0) return fastInt32ToF64(a, st);
  fromSint64(PA, a >> 31, a, scale);
  return packF64(PA, st);
}
export function uint64ToF64Scalbn(lo: number, hi: number, scale: number, st: FloatStatus): number {
  fromUint64(PA, hi, lo, scale);
  return packF64(PA, st);
}
export function uint32ToF64Scalbn(a: number, scale: number, st: FloatStatus): number {
  fromUint64(PA, 0, a, scale);
  return packF64(PA, st);
}
export const int32ToF64 = (a: number, st: FloatStatus): number => int32ToF64Scalbn(a, 0, st);
export const uint32ToF64 = (a: number, st: FloatStatus): number => uint32ToF64Scalbn(a, 0, st);
export const int64ToF64 = (lo: number, hi: number, st: FloatStatus): number => int64ToF64Scalbn(lo, hi, 0, st);
export const uint64ToF64 = (lo: number, hi: number, st: FloatStatus): number => uint64ToF64Scalbn(lo, hi, 0, st);

/** int64_to_floatx80 (rounded to the status's floatx80 precision). */
export function int64ToX80(lo: number, hi: number, st: FloatStatus): number {
  fromSint64(PA, hi, lo, 0);
  return packX80(PA, st);
}
export function int32ToX80(a: number, st: FloatStatus): number {
  fromSint64(PA, a >> 31, a, 0);
  return packX80(PA, st);
}

// ------------------------------------------------------------ float -> integer

const I16_MIN = -32768;
const I16_MAX = 32767;
const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

export function f16ToInt16Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  return toSint32(PA, rmode, scale, I16_MIN, I16_MAX, st);
}
export function f16ToInt32Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  return toSint32(PA, rmode, scale, I32_MIN, I32_MAX, st);
}
export function f16ToInt64Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  return toSint64(PA, rmode, scale, st);
}
export function f16ToUint16Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  return toUint32(PA, rmode, scale, 0xffff, st);
}
export function f16ToUint32Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  return toUint32(PA, rmode, scale, 0xffffffff, st);
}
export function f16ToUint64Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF16(PA, a, st);
  return toUint64(PA, rmode, scale, st);
}
export const f16ToInt32 = (a: number, st: FloatStatus): number => f16ToInt32Scalbn(a, st.roundingMode, 0, st);
export const f16ToInt32RoundToZero = (a: number, st: FloatStatus): number => f16ToInt32Scalbn(a, Round.ToZero, 0, st);
export const f16ToUint32 = (a: number, st: FloatStatus): number => f16ToUint32Scalbn(a, st.roundingMode, 0, st);
export const f16ToUint32RoundToZero = (a: number, st: FloatStatus): number => f16ToUint32Scalbn(a, Round.ToZero, 0, st);

export function f32ToInt16Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  return toSint32(PA, rmode, scale, I16_MIN, I16_MAX, st);
}
export function f32ToInt32Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  return toSint32(PA, rmode, scale, I32_MIN, I32_MAX, st);
}
export function f32ToInt64Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  return toSint64(PA, rmode, scale, st);
}
export function f32ToUint16Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  return toUint32(PA, rmode, scale, 0xffff, st);
}
export function f32ToUint32Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  return toUint32(PA, rmode, scale, 0xffffffff, st);
}
export function f32ToUint64Scalbn(a: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF32(PA, a, st);
  return toUint64(PA, rmode, scale, st);
}
export const f32ToInt32 = (a: number, st: FloatStatus): number => f32ToInt32Scalbn(a, st.roundingMode, 0, st);
export const f32ToInt32RoundToZero = (a: number, st: FloatStatus): number => f32ToInt32Scalbn(a, Round.ToZero, 0, st);
export const f32ToInt64 = (a: number, st: FloatStatus): number => f32ToInt64Scalbn(a, st.roundingMode, 0, st);
export const f32ToInt64RoundToZero = (a: number, st: FloatStatus): number => f32ToInt64Scalbn(a, Round.ToZero, 0, st);
export const f32ToUint32 = (a: number, st: FloatStatus): number => f32ToUint32Scalbn(a, st.roundingMode, 0, st);
export const f32ToUint32RoundToZero = (a: number, st: FloatStatus): number => f32ToUint32Scalbn(a, Round.ToZero, 0, st);
export const f32ToUint64 = (a: number, st: FloatStatus): number => f32ToUint64Scalbn(a, st.roundingMode, 0, st);
export const f32ToUint64RoundToZero = (a: number, st: FloatStatus): number => f32ToUint64Scalbn(a, Round.ToZero, 0, st);

export function f64ToInt16Scalbn(lo: number, hi: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF64(PA, lo, hi, st);
  return toSint32(PA, rmode, scale, I16_MIN, I16_MAX, st);
}
export function f64ToInt32Scalbn(lo: number, hi: number, rmode: Round, scale: number, st: FloatStatus): number {
  if (scale === 0) {
    const r = fastF64ToInt32(lo, hi, rmode, st);
    if (r === r) return r;
  }
  unpackF64(PA, lo, hi, st);
  return toSint32(PA, rmode, scale, I32_MIN, I32_MAX, st);
}
export function f64ToInt64Scalbn(lo: number, hi: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF64(PA, lo, hi, st);
  return toSint64(PA, rmode, scale, st);
}
export function f64ToUint16Scalbn(lo: number, hi: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF64(PA, lo, hi, st);
  return toUint32(PA, rmode, scale, 0xffff, st);
}
export function f64ToUint32Scalbn(lo: number, hi: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF64(PA, lo, hi, st);
  return toUint32(PA, rmode, scale, 0xffffffff, st);
}
export function f64ToUint64Scalbn(lo: number, hi: number, rmode: Round, scale: number, st: FloatStatus): number {
  unpackF64(PA, lo, hi, st);
  return toUint64(PA, rmode, scale, st);
}
export const f64ToInt32 = (lo: number, hi: number, st: FloatStatus): number => f64ToInt32Scalbn(lo, hi, st.roundingMode, 0, st);
export const f64ToInt32RoundToZero = (lo: number, hi: number, st: FloatStatus): number => f64ToInt32Scalbn(lo, hi, Round.ToZero, 0, st);
export const f64ToInt64 = (lo: number, hi: number, st: FloatStatus): number => f64ToInt64Scalbn(lo, hi, st.roundingMode, 0, st);
export const f64ToInt64RoundToZero = (lo: number, hi: number, st: FloatStatus): number => f64ToInt64Scalbn(lo, hi, Round.ToZero, 0, st);
export const f64ToUint32 = (lo: number, hi: number, st: FloatStatus): number => f64ToUint32Scalbn(lo, hi, st.roundingMode, 0, st);
export const f64ToUint32RoundToZero = (lo: number, hi: number, st: FloatStatus): number => f64ToUint32Scalbn(lo, hi, Round.ToZero, 0, st);
export const f64ToUint64 = (lo: number, hi: number, st: FloatStatus): number => f64ToUint64Scalbn(lo, hi, st.roundingMode, 0, st);
export const f64ToUint64RoundToZero = (lo: number, hi: number, st: FloatStatus): number => f64ToUint64Scalbn(lo, hi, Round.ToZero, 0, st);

/** floatx80_to_int32[_round_to_zero]: an invalid encoding converts as the default NaN. */
export function x80ToInt32Scalbn(lo: number, hi: number, se: number, rmode: Round, scale: number, st: FloatStatus): number {
  if (!unpackX80(PA, lo, hi, se, st)) defaultNan(PA, st);
  return toSint32(PA, rmode, scale, I32_MIN, I32_MAX, st);
}
export function x80ToInt64Scalbn(lo: number, hi: number, se: number, rmode: Round, scale: number, st: FloatStatus): number {
  if (!unpackX80(PA, lo, hi, se, st)) defaultNan(PA, st);
  return toSint64(PA, rmode, scale, st);
}
export const x80ToInt32 = (lo: number, hi: number, se: number, st: FloatStatus): number =>
  x80ToInt32Scalbn(lo, hi, se, st.roundingMode, 0, st);
export const x80ToInt32RoundToZero = (lo: number, hi: number, se: number, st: FloatStatus): number =>
  x80ToInt32Scalbn(lo, hi, se, Round.ToZero, 0, st);
export const x80ToInt64 = (lo: number, hi: number, se: number, st: FloatStatus): number =>
  x80ToInt64Scalbn(lo, hi, se, st.roundingMode, 0, st);
export const x80ToInt64RoundToZero = (lo: number, hi: number, se: number, st: FloatStatus): number =>
  x80ToInt64Scalbn(lo, hi, se, Round.ToZero, 0, st);
