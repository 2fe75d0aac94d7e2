/**
 * The original SoftFloat floatx80 rounding routines that QEMU keeps for the
 * x87 transcendental helpers (roundAndPackFloatx80,
 * normalizeRoundAndPackFloatx80, propagateFloatx80NaN in fpu/softfloat.c).
 * They differ in details from the parts-based rounding (for instance in
 * how ties-away and the precision-controlled underflow are handled), so they
 * are reproduced separately.
 *
 * Significands are (zSig0, zSig1) = 128 bits as four int32 words; results
 * are returned as the low significand word with st.hi / st.se.
 */

import { pickNan } from "./parts-nan.ts";
import { PA, PB } from "./parts.ts";
import { packX80, unpackX80, x80DefaultNan } from "./pack.ts";
import { x80DefaultInf } from "./floatx80.ts";
import { Flag, Round, X80Precision, type FloatStatus } from "./status.ts";
import { W, shift128Left, shift64ExtraRightJamming } from "./wide.ts";

const TWO32 = 4294967296;

function pack(st: FloatStatus, sign: boolean, exp: number, hi: number, lo: number): number {
  st.lo = lo;
  st.hi = hi;
  st.se = (sign ? 0x8000 : 0) | (exp & 0x7fff);
  return lo;
}

/** roundAndPackFloatx80. */
export function roundAndPackX80(
  prec: X80Precision,
  sign: boolean,
  exp: number,
  s0h: number,
  s0l: number,
  s1h: number,
  s1l: number,
  st: FloatStatus,
): number {
  const mode = st.roundingMode;
  const nearestEven = mode === Round.NearestEven;
  if (prec !== X80Precision.X) {
    // 64-bit round mask / increment for double (11 bits) or single (40 bits) precision.
    let rmH: number, rmL: number, riH: number, riL: number;
    if (prec === X80Precision.D) {
      rmH = 0;
      rmL = 0x7ff;
      riH = 0;
      riL = 0x400;
    } else if (prec === X80Precision.S) {
      rmH = 0xff;
      rmL = -1;
      riH = 0x80;
      riL = 0;
    } else {
      throw new Error(`softfloat: bad floatx80 precision ${prec}`);
    }
    if ((s1h | s1l) !== 0) s0l |= 1;
    switch (mode) {
      case Round.NearestEven:
      case Round.TiesAway:
        break;
      case Round.ToZero:
        riH = riL = 0;
        break;
      case Round.Up:
        riH = sign ? 0 : rmH;
        riL = sign ? 0 : rmL;
        break;
      case Round.Down:
        riH = sign ? rmH : 0;
        riL = sign ? rmL : 0;
        break;
      default:
        throw new Error(`softfloat: bad rounding mode ${mode}`);
    }
    let rbH = s0h & rmH,
      rbL = s0l & rmL;
    if ((exp - 1) >>> 0 >= 0x7ffd) {
      // zSig0 + roundIncrement carries out?
      const carries = (s0h >>> 0) + (riH >>> 0) + ((s0l >>> 0) + (riL >>> 0) >= TWO32 ? 1 : 0) >= TWO32;
      if (exp > 0x7ffe || (exp === 0x7ffe && carries)) return overflow(st, sign, rmH, rmL);
      if (exp <= 0) {
        if (st.flushToZero) {
          st.flags |= Flag.OutputDenormalFlushed;
          return pack(st, sign, 0, 0, 0);
        }
        const isTiny = st.tininessBeforeRounding || exp < 0 || !carries;
        // shift64RightJamming(zSig0, 1 - zExp)
        const n = 1 - exp;
        if (n >= 64) {
          s0l = (s0h | s0l) !== 0 ? 1 : 0;
          s0h = 0;
        } else if (n >= 32) {
          const lost = n === 32 ? s0l : s0l | (s0h << (64 - n));
          s0l = n === 32 ? s0h : s0h >>> (n - 32);
          s0h = 0;
          if (lost !== 0) s0l |= 1;
        } else {
          const lost = s0l << (32 - n);
          s0l = (s0l >>> n) | (s0h << (32 - n));
          s0h = s0h >>> n;
          if (lost !== 0) s0l |= 1;
        }
        exp = 0;
        rbH = s0h & rmH;
        rbL = s0l & rmL;
        const inexact = (rbH | rbL) !== 0;
        if (isTiny && inexact) st.flags |= Flag.Underflow;
        if (inexact) st.flags |= Flag.Inexact;
        let sum = (s0l >>> 0) + (riL >>> 0);
        s0l = sum | 0;
        sum = (s0h >>> 0) + (riH >>> 0) + (sum >= TWO32 ? 1 : 0);
        s0h = sum | 0;
        if (s0h < 0) exp = 1;
        // roundIncrement = roundMask + 1; on a tie in nearest-even also clear the kept lsb.
        if (nearestEven && isHalf(rbH, rbL, rmH, rmL)) {
          rmH = (rmH << 1) | (rmL >>> 31) | 1;
          rmL = (rmL << 1) | 1;
        }
        s0h &= ~rmH;
        s0l &= ~rmL;
        return pack(st, sign, exp, s0h, s0l);
      }
    }
    if ((rbH | rbL) !== 0) st.flags |= Flag.Inexact;
    let sum = (s0l >>> 0) + (riL >>> 0);
    s0l = sum | 0;
    sum = (s0h >>> 0) + (riH >>> 0) + (sum >= TWO32 ? 1 : 0);
    s0h = sum | 0;
    if (sum >= TWO32) {
      exp++;
      s0h = -2147483648;
      s0l = 0;
    }
    if (nearestEven && isHalf(rbH, rbL, rmH, rmL)) {
      rmH = (rmH << 1) | (rmL >>> 31) | 1;
      rmL = (rmL << 1) | 1;
    }
    s0h &= ~rmH;
    s0l &= ~rmL;
    if ((s0h | s0l) === 0) exp = 0;
    return pack(st, sign, exp, s0h, s0l);
  }

  // Full 64-bit precision.
  const s1nz = (s1h | s1l) !== 0;
  let increment = roundIncrementX(mode, sign, s1h, s1nz);
  if ((exp - 1) >>> 0 >= 0x7ffd) {
    if (exp > 0x7ffe || (exp === 0x7ffe && s0h === -1 && s0l === -1 && increment)) return overflow(st, sign, 0, 0);
    if (exp <= 0) {
      const isTiny = st.tininessBeforeRounding || exp < 0 || !increment || !(s0h === -1 && s0l === -1);
      shift64ExtraRightJamming(s0h, s0l, s1h, s1l, 1 - exp);
      s0h = W[0]!;
      s0l = W[1]!;
      s1h = W[2]!;
      s1l = W[3]!;
      exp = 0;
      const nz = (s1h | s1l) !== 0;
      if (isTiny && nz) st.flags |= Flag.Underflow;
      if (nz) st.flags |= Flag.Inexact;
      increment = roundIncrementX(mode, sign, s1h, nz);
      if (increment) {
        const sum = (s0l >>> 0) + 1;
        s0l = sum | 0;
        if (sum >= TWO32) s0h = (s0h + 1) | 0;
        // A tie (zSig1 << 1 == 0) in nearest-even rounds to even.
        if ((s1h & 0x7fffffff) === 0 && s1l === 0 && nearestEven) s0l &= ~1;
        if (s0h < 0) exp = 1;
      }
      return pack(st, sign, exp, s0h, s0l);
    }
  }
  if (s1nz) st.flags |= Flag.Inexact;
  if (increment) {
    const sum = (s0l >>> 0) + 1;
    s0l = sum | 0;
    if (sum >= TWO32) s0h = (s0h + 1) | 0;
    if ((s0h | s0l) === 0) {
      exp++;
      s0h = -2147483648;
    } else if ((s1h & 0x7fffffff) === 0 && s1l === 0 && nearestEven) {
      s0l &= ~1;
    }
  } else if ((s0h | s0l) === 0) {
    exp = 0;
  }
  return pack(st, sign, exp, s0h, s0l);
}

/** roundBits << 1 == roundMask + 1, i.e. the discarded bits are exactly one half. */
function isHalf(rbH: number, rbL: number, rmH: number, rmL: number): boolean {
  const dh = (rbH << 1) | (rbL >>> 31);
  const dl = rbL << 1;
  // roundMask + 1
  const il = (rmL + 1) | 0;
  const ih = (rmH + (il === 0 ? 1 : 0)) | 0;
  return dh === ih && dl === il;
}

function roundIncrementX(mode: Round, sign: boolean, s1h: number, s1nz: boolean): boolean {
  switch (mode) {
    case Round.NearestEven:
    case Round.TiesAway:
      return s1h < 0;
    case Round.ToZero:
      return false;
    case Round.Up:
      return !sign && s1nz;
    case Round.Down:
      return sign && s1nz;
    default:
      throw new Error(`softfloat: bad rounding mode ${mode}`);
  }
}

function overflow(st: FloatStatus, sign: boolean, rmH: number, rmL: number): number {
  st.flags |= Flag.Overflow | Flag.Inexact;
  const mode = st.roundingMode;
  if (mode === Round.ToZero || (sign && mode === Round.Up) || (!sign && mode === Round.Down)) {
    return pack(st, sign, 0x7ffe, ~rmH, ~rmL);
  }
  return x80DefaultInf(sign, st);
}

/** normalizeRoundAndPackFloatx80: as roundAndPackX80 for a significand that need not be normalized. */
export function normalizeRoundAndPackX80(
  prec: X80Precision,
  sign: boolean,
  exp: number,
  s0h: number,
  s0l: number,
  s1h: number,
  s1l: number,
  st: FloatStatus,
): number {
  if ((s0h | s0l) === 0) {
    s0h = s1h;
    s0l = s1l;
    s1h = s1l = 0;
    exp -= 64;
  }
  const shift = s0h !== 0 ? Math.clz32(s0h) : 32 + Math.clz32(s0l);
  shift128Left(s0h, s0l, s1h, s1l, shift);
  return roundAndPackX80(prec, sign, exp - shift, W[0]!, W[1]!, W[2]!, W[3]!, st);
}

/** propagateFloatx80NaN: the NaN result of a two-operand operation, one of which is a NaN. */
export function propagateX80Nan(alo: number, ahi: number, ase: number, blo: number, bhi: number, bse: number, st: FloatStatus): number {
  if (!unpackX80(PA, alo, ahi, ase, st) || !unpackX80(PB, blo, bhi, bse, st)) return x80DefaultNan(st);
  return packX80(pickNan(PA, PB, st), st);
}
