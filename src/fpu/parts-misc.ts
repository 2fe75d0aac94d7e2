/**
 * Rounding to an integral value, conversions between parts and integers,
 * min/max, comparison and scaling (QEMU's parts_round_to_int_normal,
 * parts_float_to_sint / _uint, parts_sint_to_float / _uint,
 * parts_minmax, parts_compare, parts_scalbn in fpu/softfloat-parts.c.inc).
 */

import {
  C_DENORMAL,
  C_INF,
  C_NORMAL,
  C_QNAN,
  C_SNAN,
  C_ZERO,
  CLS,
  EXP,
  F0,
  F1,
  F2,
  F3,
  IMPLICIT,
  M_ANYNAN,
  M_DENORMAL,
  M_QNAN,
  M_SNAN,
  M_INF,
  M_ZERO,
  P,
  SIGN,
  fracAdd,
  fracAddi,
  fracClear,
  fracCmp,
  fracShl,
  fracShr,
  fracShrjam,
  isNanClass,
  onlyNormals,
} from "./parts.ts";
import { pickNan, returnNan } from "./parts-nan.ts";
import { Flag, Relation, Round, type FloatStatus } from "./status.ts";

function cmask(p: number): number {
  return 1 << P[p + CLS]!;
}

function clampScale(scale: number): number {
  return scale < -0x10000 ? -0x10000 : scale > 0x10000 ? 0x10000 : scale;
}

/**
 * Rounds normal part a to an integral value in mode rmode after adding
 * `scale` to its exponent; returns true if the result is inexact
 * (parts128_round_to_int_normal).  fracSize is the format's fraction width:
 * exponents at or above it are already integral.
 */
export function roundToIntNormal(a: number, rmode: Round, scale: number, fracSize: number): boolean {
  let exp = P[a + EXP]! + clampScale(scale);
  P[a + EXP] = exp;
  const sign = P[a + SIGN] !== 0;
  if (exp < 0) {
    // All fractional.
    let one: boolean;
    switch (rmode) {
      case Round.NearestEven:
        // More than one half: any bit below the integer bit.
        one = exp === -1 && ((P[a + F0]! & 0x7fffffff) | P[a + F1]! | P[a + F2]! | P[a + F3]!) !== 0;
        break;
      case Round.TiesAway:
        one = exp === -1;
        break;
      case Round.ToZero:
        one = false;
        break;
      case Round.Up:
        one = !sign;
        break;
      case Round.Down:
        one = sign;
        break;
      case Round.ToOdd:
        one = true;
        break;
      default:
        throw new Error(`softfloat: bad rounding mode ${rmode} for round-to-int`);
    }
    fracClear(a);
    P[a + EXP] = 0;
    if (one) P[a + F0] = IMPLICIT;
    else P[a + CLS] = C_ZERO;
    return true;
  }
  if (exp >= fracSize) return false;

  // lsb / rounding masks within the low half (F2:F3) of the fraction.
  let shiftAdj: number;
  let lsbH: number, lsbL: number;
  if (exp < 64) {
    // Rounding is not in the low word: shift the lsb to bit 2, leaving room for round and sticky.
    shiftAdj = 125 - exp;
    fracShrjam(a, shiftAdj);
    lsbH = 0;
    lsbL = 4;
  } else {
    shiftAdj = 0;
    const k = 63 - (exp & 63);
    lsbH = k >= 32 ? 1 << (k - 32) : 0;
    lsbL = k >= 32 ? 0 : 1 << k;
  }
  // rnd_mask = lsb - 1, half = lsb >> 1
  const rmH = lsbL === 0 ? (lsbH - 1) | 0 : 0;
  const rmL = lsbL === 0 ? -1 : (lsbL - 1) | 0;
  const halfH = lsbL === 0 ? lsbH >>> 1 : 0;
  const halfL = lsbL === 0 ? (lsbH === 1 ? IMPLICIT : 0) : lsbL >>> 1;
  const f2 = P[a + F2]!,
    f3 = P[a + F3]!;
  if ((f2 & rmH) === 0 && (f3 & rmL) === 0) {
    fracShl(a, shiftAdj);
    return false;
  }
  let incH = 0,
    incL = 0;
  switch (rmode) {
    case Round.NearestEven:
      if ((f2 & (rmH | lsbH)) !== halfH || (f3 & (rmL | lsbL)) !== halfL) {
        incH = halfH;
        incL = halfL;
      }
      break;
    case Round.TiesAway:
      incH = halfH;
      incL = halfL;
      break;
    case Round.ToZero:
      break;
    case Round.Up:
      if (!sign) {
        incH = rmH;
        incL = rmL;
      }
      break;
    case Round.Down:
      if (sign) {
        incH = rmH;
        incL = rmL;
      }
      break;
    case Round.ToOdd:
      if ((f2 & lsbH) === 0 && (f3 & lsbL) === 0) {
        incH = rmH;
        incL = rmL;
      }
      break;
    default:
      throw new Error(`softfloat: bad rounding mode ${rmode} for round-to-int`);
  }
  if (shiftAdj === 0) {
    if (fracAddi(a, incH, incL) !== 0) {
      fracShr(a, 1);
      P[a + F0] = P[a + F0]! | IMPLICIT;
      P[a + EXP] = P[a + EXP]! + 1;
    }
    P[a + F2] = P[a + F2]! & ~rmH;
    P[a + F3] = P[a + F3]! & ~rmL;
  } else {
    fracAddi(a, incH, incL);
    P[a + F2] = P[a + F2]! & ~rmH;
    P[a + F3] = P[a + F3]! & ~rmL;
    // Shift back carefully, not to overflow.
    fracShl(a, shiftAdj - 1);
    if (P[a + F0]! < 0) P[a + EXP] = P[a + EXP]! + 1;
    else fracAdd(a, a, a);
  }
  return true;
}

/** Rounds part a to an integral value (parts_round_to_int). */
export function roundToInt(a: number, rmode: Round, scale: number, st: FloatStatus, fracSize: number): void {
  const cls = P[a + CLS]!;
  if (isNanClass(cls)) {
    returnNan(a, st);
  } else if (cls === C_NORMAL || cls === C_DENORMAL) {
    if (roundToIntNormal(a, rmode, scale, fracSize)) st.flags |= Flag.Inexact;
  }
}

/**
 * Converts part p to a signed integer in [min, max] (|min|, max <= 2^31),
 * saturating with Invalid (parts_float_to_sint).
 */
export function toSint32(p: number, rmode: Round, scale: number, min: number, max: number, st: FloatStatus): number {
  let flags = 0;
  let r: number;
  switch (P[p + CLS]!) {
    case C_SNAN:
      flags |= Flag.InvalidSnan;
    // fall through
    case C_QNAN:
      flags |= Flag.Invalid;
      r = max;
      break;
    case C_INF:
      flags = Flag.Invalid | Flag.InvalidCvti;
      r = P[p + SIGN] !== 0 ? min : max;
      break;
    case C_ZERO:
      return 0;
    default: {
      if (roundToIntNormal(p, rmode, scale, 126)) flags = Flag.Inexact;
      const exp = P[p + EXP]!;
      // Integral now: the value is frac_hi >> (63 - exp), exact in a double up to 2^53.
      const mag =
        exp > 52 ? Infinity : P[p + CLS] === C_ZERO ? 0 : (P[p + F0]! >>> 0) * 2 ** (exp - 31) + (P[p + F1]! >>> 0) * 2 ** (exp - 63);
      if (P[p + SIGN] !== 0) {
        if (mag <= -min) {
          r = -mag;
        } else {
          flags = Flag.Invalid | Flag.InvalidCvti;
          r = min;
        }
      } else if (mag > max) {
        flags = Flag.Invalid | Flag.InvalidCvti;
        r = max;
      } else {
        r = mag;
      }
    }
  }
  st.flags |= flags;
  return r | 0;
}

/** Converts part p to an unsigned integer in [0, max] (max <= 2^32 - 1) (parts_float_to_uint); returns a uint32 as int32. */
export function toUint32(p: number, rmode: Round, scale: number, max: number, st: FloatStatus): number {
  let flags = 0;
  let r: number;
  switch (P[p + CLS]!) {
    case C_SNAN:
      flags |= Flag.InvalidSnan;
    // fall through
    case C_QNAN:
      flags |= Flag.Invalid;
      r = max;
      break;
    case C_INF:
      flags = Flag.Invalid | Flag.InvalidCvti;
      r = P[p + SIGN] !== 0 ? 0 : max;
      break;
    case C_ZERO:
      return 0;
    default: {
      if (roundToIntNormal(p, rmode, scale, 126)) {
        flags = Flag.Inexact;
        if (P[p + CLS] === C_ZERO) {
          r = 0;
          break;
        }
      }
      const exp = P[p + EXP]!;
      if (P[p + SIGN] !== 0) {
        flags = Flag.Invalid | Flag.InvalidCvti;
        r = 0;
      } else if (exp > 63) {
        flags = Flag.Invalid | Flag.InvalidCvti;
        r = max;
      } else {
        const mag = exp > 52 ? Infinity : (P[p + F0]! >>> 0) * 2 ** (exp - 31) + (P[p + F1]! >>> 0) * 2 ** (exp - 63);
        if (mag > max) {
          flags = Flag.Invalid | Flag.InvalidCvti;
          r = max;
        } else {
          r = mag;
        }
      }
    }
  }
  st.flags |= flags;
  return r | 0;
}

/** frac_hi >> (63 - exp) for 0 <= exp <= 63, into (hi, lo). */
let shH = 0,
  shL = 0;
function intPart(p: number, exp: number): void {
  const s = 63 - exp;
  const h = P[p + F0]!,
    l = P[p + F1]!;
  if (s === 0) {
    shH = h;
    shL = l;
  } else if (s >= 32) {
    shH = 0;
    shL = h >>> (s - 32);
  } else {
    shH = h >>> s;
    shL = (l >>> s) | (h << (32 - s));
  }
}

/**
 * Converts part p to int64, saturating to [-2^63, 2^63 - 1] with Invalid
 * (parts_float_to_sint): returns the low word, st.hi the high word.
 */
export function toSint64(p: number, rmode: Round, scale: number, st: FloatStatus): number {
  let flags = 0;
  let rh: number, rl: number;
  const cls = P[p + CLS]!;
  const neg = P[p + SIGN] !== 0;
  switch (cls) {
    case C_SNAN:
      flags |= Flag.InvalidSnan;
    // fall through
    case C_QNAN:
      flags |= Flag.Invalid;
      rh = 0x7fffffff;
      rl = -1;
      break;
    case C_INF:
      flags = Flag.Invalid | Flag.InvalidCvti;
      rh = neg ? IMPLICIT : 0x7fffffff;
      rl = neg ? 0 : -1;
      break;
    case C_ZERO:
      rh = rl = 0;
      break;
    default: {
      if (roundToIntNormal(p, rmode, scale, 126)) flags = Flag.Inexact;
      const exp = P[p + EXP]!;
      if (P[p + CLS] === C_ZERO) {
        rh = rl = 0;
      } else if (exp <= 63) {
        intPart(p, exp);
        rh = shH;
        rl = shL;
      } else {
        rh = rl = -1;
      }
      if (neg) {
        // r <= 2^63 ?
        if (rh >>> 0 < 0x80000000 || (rh === IMPLICIT && rl === 0)) {
          rl = -rl | 0;
          rh = (~rh + (rl === 0 ? 1 : 0)) | 0;
        } else {
          flags = Flag.Invalid | Flag.InvalidCvti;
          rh = IMPLICIT;
          rl = 0;
        }
      } else if (rh < 0) {
        flags = Flag.Invalid | Flag.InvalidCvti;
        rh = 0x7fffffff;
        rl = -1;
      }
    }
  }
  st.flags |= flags;
  st.hi = rh;
  st.lo = rl;
  return rl;
}

/** Converts part p to uint64, saturating with Invalid (parts_float_to_uint): low word returned, st.hi high. */
export function toUint64(p: number, rmode: Round, scale: number, st: FloatStatus): number {
  let flags = 0;
  let rh: number, rl: number;
  switch (P[p + CLS]!) {
    case C_SNAN:
      flags |= Flag.InvalidSnan;
    // fall through
    case C_QNAN:
      flags |= Flag.Invalid;
      rh = rl = -1;
      break;
    case C_INF:
      flags = Flag.Invalid | Flag.InvalidCvti;
      rh = rl = P[p + SIGN] !== 0 ? 0 : -1;
      break;
    case C_ZERO:
      rh = rl = 0;
      break;
    default: {
      if (roundToIntNormal(p, rmode, scale, 126)) {
        flags = Flag.Inexact;
        if (P[p + CLS] === C_ZERO) {
          rh = rl = 0;
          break;
        }
      }
      const exp = P[p + EXP]!;
      if (P[p + SIGN] !== 0) {
        flags = Flag.Invalid | Flag.InvalidCvti;
        rh = rl = 0;
      } else if (exp > 63) {
        flags = Flag.Invalid | Flag.InvalidCvti;
        rh = rl = -1;
      } else {
        intPart(p, exp);
        rh = shH;
        rl = shL;
      }
    }
  }
  st.flags |= flags;
  st.hi = rh;
  st.lo = rl;
  return rl;
}

/** Part p = the signed 64-bit integer (hi, lo) * 2^scale (parts_sint_to_float). */
export function fromSint64(p: number, hi: number, lo: number, scale: number): void {
  P[p + F2] = 0;
  P[p + F3] = 0;
  if ((hi | lo) === 0) {
    P[p + CLS] = C_ZERO;
    P[p + SIGN] = 0;
    P[p + EXP] = 0;
    P[p + F0] = 0;
    P[p + F1] = 0;
    return;
  }
  let neg = 0;
  if (hi < 0) {
    neg = 1;
    lo = -lo | 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) | 0;
  }
  fromMagnitude(p, hi, lo, scale);
  P[p + SIGN] = neg;
}

/** Part p = the unsigned 64-bit integer (hi, lo) * 2^scale (parts_uint_to_float). */
export function fromUint64(p: number, hi: number, lo: number, scale: number): void {
  P[p + F2] = 0;
  P[p + F3] = 0;
  P[p + SIGN] = 0;
  if ((hi | lo) === 0) {
    P[p + CLS] = C_ZERO;
    P[p + EXP] = 0;
    P[p + F0] = 0;
    P[p + F1] = 0;
    return;
  }
  fromMagnitude(p, hi, lo, scale);
}

function fromMagnitude(p: number, hi: number, lo: number, scale: number): void {
  const shift = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  P[p + CLS] = C_NORMAL;
  P[p + EXP] = 63 - shift + clampScale(scale);
  if (shift >= 32) {
    P[p + F0] = lo << (shift - 32);
    P[p + F1] = 0;
  } else if (shift > 0) {
    P[p + F0] = (hi << shift) | (lo >>> (32 - shift));
    P[p + F1] = lo << shift;
  } else {
    P[p + F0] = hi;
    P[p + F1] = lo;
  }
}

/** Flags for minmax (QEMU's minmax_*). */
export const MINMAX_ISMIN = 1;
export const MINMAX_ISNUM = 2;
export const MINMAX_ISMAG = 4;
export const MINMAX_ISNUMBER = 8;

/** IEEE min/max family (parts_minmax); returns the chosen part. */
export function minmax(a: number, b: number, st: FloatStatus, flags: number): number {
  const ab = cmask(a) | cmask(b);
  if ((ab & M_ANYNAN) !== 0) {
    if ((flags & (MINMAX_ISNUM | MINMAX_ISNUMBER)) !== 0 && (ab & M_SNAN) === 0 && (ab & ~M_QNAN) !== 0) {
      if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
      return isNanClass(P[a + CLS]!) ? b : a;
    }
    if ((flags & MINMAX_ISNUMBER) !== 0 && (ab & M_SNAN) !== 0 && (ab & ~M_ANYNAN) !== 0) {
      st.flags |= Flag.Invalid;
      return isNanClass(P[a + CLS]!) ? b : a;
    }
    return pickNan(a, b, st);
  }
  if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
  let aExp = P[a + EXP]!,
    bExp = P[b + EXP]!;
  if (!onlyNormals(ab)) {
    const ca = P[a + CLS]!,
      cb = P[b + CLS]!;
    if (ca === C_INF) aExp = 0x7fff;
    else if (ca === C_ZERO) aExp = -0x8000;
    if (cb === C_INF) bExp = 0x7fff;
    else if (cb === C_ZERO) bExp = -0x8000;
  }
  let cmp = aExp - bExp;
  if (cmp === 0) cmp = fracCmp(a, b);
  if ((flags & MINMAX_ISMAG) === 0 || cmp === 0) {
    const sa = P[a + SIGN]!,
      sb = P[b + SIGN]!;
    if (sa !== sb) cmp = sa !== 0 ? -1 : 1;
    else if (sa !== 0) cmp = -cmp;
  }
  if ((flags & MINMAX_ISMIN) !== 0) cmp = -cmp;
  return cmp < 0 ? b : a;
}

/** Compares a and b (parts_compare). */
export function compare(a: number, b: number, st: FloatStatus, quiet: boolean): Relation {
  const ab = cmask(a) | cmask(b);
  const sa = P[a + SIGN] !== 0,
    sb = P[b + SIGN] !== 0;
  if (onlyNormals(ab)) {
    if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
    if (sa !== sb) return sa ? Relation.Less : Relation.Greater;
    const ea = P[a + EXP]!,
      eb = P[b + EXP]!;
    let cmp = ea === eb ? fracCmp(a, b) : ea < eb ? -1 : 1;
    if (sa) cmp = -cmp;
    return cmp as Relation;
  }
  if ((ab & M_ANYNAN) !== 0) {
    if ((ab & M_SNAN) !== 0) st.flags |= Flag.Invalid | Flag.InvalidSnan;
    else if (!quiet) st.flags |= Flag.Invalid;
    return Relation.Unordered;
  }
  if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
  if ((ab & M_ZERO) !== 0) {
    if (ab === M_ZERO) return Relation.Equal;
    if (P[a + CLS] === C_ZERO) return sb ? Relation.Greater : Relation.Less;
    return sa ? Relation.Less : Relation.Greater;
  }
  if (ab === M_INF) {
    if (sa === sb) return Relation.Equal;
  } else if (P[b + CLS] === C_INF) {
    return sb ? Relation.Greater : Relation.Less;
  }
  return sa ? Relation.Less : Relation.Greater;
}

/** a * 2^n (parts_scalbn). */
export function scalbn(a: number, n: number, st: FloatStatus): void {
  switch (P[a + CLS]!) {
    case C_SNAN:
    case C_QNAN:
      returnNan(a, st);
      break;
    case C_ZERO:
    case C_INF:
      break;
    case C_DENORMAL:
      st.flags |= Flag.InputDenormalUsed;
    // fall through
    case C_NORMAL:
      P[a + EXP] = P[a + EXP]! + clampScale(n);
      break;
    default:
      throw new Error("softfloat: unclassified part");
  }
}
