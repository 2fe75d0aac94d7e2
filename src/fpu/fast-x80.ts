/**
 * Fast paths for floatx80 add, sub, mul, div and the conversions to and
 * from float64, for normal operands whose result stays normal (so the only
 * possible exception is Inexact) under the four IEEE rounding modes at any
 * x87 precision.  The significands live in local int32 words; the exact
 * result with a sticky bit is rounded once, as the parts code does, so the
 * bits are the same.  Anything else returns NOT_TAKEN for the generic path.
 */

import { NOT_TAKEN } from "./fast.ts";
import { divideSignificands, ldRemIsZero, quotientWord } from "./long-division.ts";
import { Flag, Round, X80Precision, type FloatStatus } from "./status.ts";
import { W, mul64To128 } from "./wide.ts";

const TWO32 = 4294967296;
const IMPLICIT = -2147483648;

/** Both floatx80 operands normal: exponent 1..0x7ffe with the integer bit set. */
export function normalX80(ahi: number, ase: number, bhi: number, bse: number): boolean {
  return ahi < 0 && bhi < 0 && ((ase & 0x7fff) - 1) >>> 0 < 0x7ffe && ((bse & 0x7fff) - 1) >>> 0 < 0x7ffe;
}

/**
 * Rounds the normalized significand (s0:s1, top bit set) with the bits
 * below it in (g0:g1, any nonzero bit of g1 being sticky) to the status's
 * precision and packs it with the biased exponent `exp` (>= 1 before
 * rounding).  Returns NOT_TAKEN if the result would overflow.
 */
function roundPack(sign: number, exp: number, s0: number, s1: number, g0: number, g1: number, st: FloatStatus): number {
  const prec = st.floatx80Precision;
  // Split into kept bits and the rest: rest compared with half an ulp.
  let r0: number, r1: number; // rest, as a 64-bit fraction of an ulp (r0 high word)
  let sticky: number;
  let lsbOdd: boolean;
  if (prec === X80Precision.X) {
    r0 = g0;
    r1 = g1;
    sticky = 0;
    lsbOdd = (s1 & 1) !== 0;
  } else if (prec === X80Precision.D) {
    // 53 bits: the low 11 bits of s1 are rounded off.
    r0 = (s1 << 21) | (g0 >>> 11);
    r1 = (g0 << 21) | (g1 >>> 11);
    sticky = g1 & 0x7ff;
    lsbOdd = (s1 & 0x800) !== 0;
    s1 &= ~0x7ff;
  } else if (prec === X80Precision.S) {
    // 24 bits: the low 8 bits of s0 and everything below.
    r0 = (s0 << 24) | (s1 >>> 8);
    r1 = (s1 << 24) | (g0 >>> 8);
    sticky = (g0 & 0xff) | g1;
    lsbOdd = (s0 & 0x100) !== 0;
    s0 &= ~0xff;
    s1 = 0;
  } else {
    return NOT_TAKEN;
  }
  const inexact = (r0 | r1 | sticky) !== 0;
  if (inexact) {
    let up: boolean;
    switch (st.roundingMode) {
      case Round.NearestEven:
        // above half, or exactly half with an odd lsb
        up = r0 < 0 && ((r0 & 0x7fffffff) !== 0 || r1 !== 0 || sticky !== 0 || lsbOdd);
        break;
      case Round.Down:
        up = sign !== 0;
        break;
      case Round.Up:
        up = sign === 0;
        break;
      case Round.ToZero:
        up = false;
        break;
      default:
        return NOT_TAKEN;
    }
    if (up) {
      // Add one ulp at the precision's lsb.
      if (prec === X80Precision.X) {
        const l = (s1 >>> 0) + 1;
        s1 = l | 0;
        if (l >= TWO32) s0 = (s0 + 1) | 0;
      } else if (prec === X80Precision.D) {
        const l = (s1 >>> 0) + 0x800;
        s1 = l | 0;
        if (l >= TWO32) s0 = (s0 + 1) | 0;
      } else {
        s0 = (s0 + 0x100) | 0;
      }
      if ((s0 | s1) === 0) {
        // Carry out of the significand.
        s0 = IMPLICIT;
        exp++;
      }
    }
  }
  if (exp >= 0x7fff) return NOT_TAKEN;
  if (inexact) st.flags |= Flag.Inexact;
  st.lo = s1;
  st.hi = s0;
  st.se = (sign << 15) | exp;
  return s1;
}

export function fastAddX80(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (st.roundingMode > Round.ToZero) return NOT_TAKEN;
  let ea = ase & 0x7fff,
    eb = bse & 0x7fff;
  const sa = ase >>> 15,
    sb = (bse >>> 15) & 1;
  // Make a the operand of larger magnitude.
  let swap = ea < eb || (ea === eb && (ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 < blo >>> 0)));
  let x0 = ahi,
    x1 = alo,
    y0 = bhi,
    y1 = blo,
    sign = sa;
  if (swap) {
    x0 = bhi;
    x1 = blo;
    y0 = ahi;
    y1 = alo;
    const t = ea;
    ea = eb;
    eb = t;
    sign = sb;
  }
  // y shifted right by d into (y0, y1, y2, y3), lost bits jammed into y3.
  const d = ea - eb;
  let y2 = 0,
    y3 = 0;
  if (d >= 128) {
    y3 = 1;
    y0 = y1 = 0;
  } else {
    let k = d;
    let lost = 0;
    while (k >= 32) {
      lost |= y3;
      y3 = y2;
      y2 = y1;
      y1 = y0;
      y0 = 0;
      k -= 32;
    }
    if (k > 0) {
      const n = 32 - k;
      lost |= y3 << n;
      y3 = (y3 >>> k) | (y2 << n);
      y2 = (y2 >>> k) | (y1 << n);
      y1 = (y1 >>> k) | (y0 << n);
      y0 = y0 >>> k;
    }
    if (lost !== 0) y3 |= 1;
  }
  let z0: number, z1: number, z2: number, z3: number;
  let exp = ea;
  if (sa === sb) {
    let s = (y3 >>> 0) + 0;
    z3 = s | 0;
    s = y2 >>> 0;
    z2 = s | 0;
    s = (x1 >>> 0) + (y1 >>> 0);
    let c = s >= TWO32 ? 1 : 0;
    z1 = s | 0;
    s = (x0 >>> 0) + (y0 >>> 0) + c;
    c = s >= TWO32 ? 1 : 0;
    z0 = s | 0;
    if (c !== 0) {
      // Shift right one, jamming.
      const lost = z3 & 1;
      z3 = (z3 >>> 1) | (z2 << 31) | lost;
      z2 = (z2 >>> 1) | (z1 << 31);
      z1 = (z1 >>> 1) | (z0 << 31);
      z0 = (z0 >>> 1) | IMPLICIT;
      exp++;
    }
  } else {
    // x - y, x >= y in magnitude: (x0, x1, 0, 0) - (y0, y1, y2, y3).
    let s = 0 - (y3 >>> 0);
    let c = s < 0 ? 1 : 0;
    z3 = s | 0;
    s = 0 - (y2 >>> 0) - c;
    c = s < 0 ? 1 : 0;
    z2 = s | 0;
    s = (x1 >>> 0) - (y1 >>> 0) - c;
    c = s < 0 ? 1 : 0;
    z1 = s | 0;
    z0 = (x0 - y0 - c) | 0;
    // Normalize.
    if ((z0 | z1 | z2 | z3) === 0) return NOT_TAKEN; // exact zero: sign depends on the mode
    let shift = 0;
    while (z0 === 0) {
      z0 = z1;
      z1 = z2;
      z2 = z3;
      z3 = 0;
      shift += 32;
    }
    const k = Math.clz32(z0);
    if (k > 0) {
      const n = 32 - k;
      z0 = (z0 << k) | (z1 >>> n);
      z1 = (z1 << k) | (z2 >>> n);
      z2 = (z2 << k) | (z3 >>> n);
      z3 = z3 << k;
    }
    exp -= shift + k;
    if (exp < 1) return NOT_TAKEN;
  }
  return roundPack(sign, exp, z0, z1, z2, z3, st);
}

export function fastMulX80(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (st.roundingMode > Round.ToZero) return NOT_TAKEN;
  mul64To128(ahi, alo, bhi, blo);
  let z0 = W[0]!,
    z1 = W[1]!,
    z2 = W[2]!,
    z3 = W[3]!;
  let exp = (ase & 0x7fff) + (bse & 0x7fff) - 16383 + 1;
  if (z0 >= 0) {
    z0 = (z0 << 1) | (z1 >>> 31);
    z1 = (z1 << 1) | (z2 >>> 31);
    z2 = (z2 << 1) | (z3 >>> 31);
    z3 = z3 << 1;
    exp--;
  }
  if (exp < 1) return NOT_TAKEN;
  return roundPack(((ase ^ bse) >>> 15) & 1, exp, z0, z1, z2, z3, st);
}

export function fastDivX80(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (st.roundingMode > Round.ToZero) return NOT_TAKEN;
  const less = divideSignificands(ahi, alo, bhi, blo);
  const exp = (ase & 0x7fff) - (bse & 0x7fff) + 16383 - less;
  if (exp < 1) return NOT_TAKEN;
  return roundPack(((ase ^ bse) >>> 15) & 1, exp, quotientWord(0), quotientWord(1), quotientWord(2), ldRemIsZero() ? 0 : 1, st);
}

/** float64 -> floatx80 for a normal float64 (exact at 53 and 64 bits of precision). */
export function fastF64ToX80(lo: number, hi: number, st: FloatStatus): number {
  const e = (hi >>> 20) & 0x7ff;
  if ((e - 1) >>> 0 >= 2046 || st.floatx80Precision === X80Precision.S) return NOT_TAKEN;
  st.hi = IMPLICIT | ((hi & 0xfffff) << 11) | (lo >>> 21);
  st.lo = lo << 11;
  st.se = ((hi >>> 31) << 15) | (e - 1023 + 16383);
  return st.lo;
}

/** floatx80 -> float64 for a normal floatx80 whose rounded value is a normal float64. */
export function fastX80ToF64(lo: number, hi: number, se: number, st: FloatStatus): number {
  const e = (se & 0x7fff) - 16383 + 1023;
  // Leave 1 and 2046 (and anything outside) to the generic path: rounding may cross them.
  if (hi >= 0 || e < 2 || e > 2045 || st.roundingMode > Round.ToZero) return NOT_TAKEN;
  // Keep 53 bits: hi:lo >> 11, rest = low 11 bits.
  let m1 = (lo >>> 11) | (hi << 21);
  let m0 = (hi >>> 11) & 0xfffff; // the 20 fraction bits above m1 (integer bit dropped)
  const rest = lo & 0x7ff;
  let exp = e;
  if (rest !== 0) {
    st.flags |= Flag.Inexact;
    const sign = se & 0x8000;
    let up: boolean;
    switch (st.roundingMode) {
      case Round.NearestEven:
        up = rest > 0x400 || (rest === 0x400 && (m1 & 1) !== 0);
        break;
      case Round.Down:
        up = sign !== 0;
        break;
      case Round.Up:
        up = sign === 0;
        break;
      default:
        up = false;
        break;
    }
    if (up) {
      const l = (m1 >>> 0) + 1;
      m1 = l | 0;
      if (l >= TWO32) {
        m0++;
        if (m0 === 0x100000) {
          m0 = 0;
          exp++;
        }
      }
    }
  }
  st.lo = m1;
  st.hi = (se & 0x8000 ? IMPLICIT : 0) | (exp << 20) | m0;
  return m1;
}

/** True if the floatx80 is a normal number, a zero or an infinity (no NaN, denormal or invalid encoding). */
export function plainX80(lo: number, hi: number, se: number): boolean {
  const e = se & 0x7fff;
  if (e === 0) return (hi | lo) === 0;
  if (e === 0x7fff) return hi === IMPLICIT && lo === 0;
  return hi < 0;
}

/** -1/0/1 ordering of two plain floatx80 values. */
export function fastCompareX80(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number): number {
  const za = (ase & 0x7fff) === 0,
    zb = (bse & 0x7fff) === 0;
  if (za && zb) return 0;
  const sa = (ase & 0x8000) !== 0,
    sb = (bse & 0x8000) !== 0;
  if (sa !== sb) return sa ? -1 : 1;
  const ea = ase & 0x7fff,
    eb = bse & 0x7fff;
  let c =
    ea !== eb ? (ea < eb ? -1 : 1) : ahi !== bhi ? (ahi >>> 0 < bhi >>> 0 ? -1 : 1) : alo === blo ? 0 : alo >>> 0 < blo >>> 0 ? -1 : 1;
  if (sa) c = -c;
  return c;
}
