/**
 * Canonicalizing raw fields into parts and rounding parts back to a format
 * (QEMU's parts_canonicalize, parts_uncanon_normal and parts_uncanon in
 * fpu/softfloat-parts.c.inc).
 *
 * Two rounding paths exist, as in QEMU: formats whose result fits in the
 * 64-bit high half of the fraction (float16/32/64 and floatx80 rounded to
 * single or double precision) jam the low half into a sticky bit and round
 * there; floatx80 at full precision rounds at the 128-bit boundary.
 */

import type { FloatFmt } from "./formats.ts";
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
  P,
  SIGN,
  fracAddi,
  fracClear,
  fracEqz,
  fracNormalize,
  fracShl,
  fracShr,
  fracShrjam,
  fracTruncjam,
} from "./parts.ts";
import { isSnanFrac } from "./parts-nan.ts";
import { Flag, Round, X80Behaviour, type FloatStatus } from "./status.ts";

const TWO32 = 4294967296;

/**
 * Classifies part p whose SIGN, EXP (biased field) and fraction (the raw
 * stored fraction, right-aligned in the 64-bit high half) have been filled
 * in (parts_canonicalize).
 */
export function canonicalize(p: number, st: FloatStatus, fmt: FloatFmt): void {
  const exp = P[p + EXP]!;
  if (exp === 0) {
    if (fracEqz(p)) {
      P[p + CLS] = C_ZERO;
    } else if (st.flushInputsToZero) {
      st.flags |= Flag.InputDenormalFlushed;
      P[p + CLS] = C_ZERO;
      fracClear(p);
    } else {
      const shift = fracNormalize(p);
      const pseudo = fmt.hasExplicitBit && (st.floatx80Behaviour & X80Behaviour.PseudoDenormalValid) !== 0;
      P[p + CLS] = C_DENORMAL;
      P[p + EXP] = fmt.fracShift - fmt.expBias - shift + (pseudo ? 0 : 1);
    }
  } else if (exp < fmt.expMax || fmt.armAltHp) {
    P[p + CLS] = C_NORMAL;
    P[p + EXP] = exp - fmt.expBias;
    fracShl(p, fmt.fracShift);
    P[p + F0] = P[p + F0]! | IMPLICIT;
  } else if (fracEqz(p)) {
    P[p + CLS] = C_INF;
  } else {
    fracShl(p, fmt.fracShift);
    P[p + CLS] = isSnanFrac(P[p + F0]!) ? C_SNAN : C_QNAN;
  }
}

/**
 * Rounds normal/denormal part p for a format with roundBits > 0: afterwards
 * EXP is the biased exponent and the fraction (shifted right by fracShift)
 * is in F0:F1 (parts64_uncanon_normal).
 */
export function uncanonNormal64(p: number, st: FloatStatus, fmt: FloatFmt): void {
  fracTruncjam(p);
  let fh = P[p + F0]!;
  let fl = P[p + F1]!;
  const rmH = fmt.rmH,
    rmL = fmt.rmL;
  const sign = P[p + SIGN] !== 0;
  let incH = 0,
    incL = 0;
  let overflowNorm = false;
  let flags = 0;
  const mode = st.roundingMode;
  switch (mode) {
    case Round.NearestEvenMax:
    case Round.NearestEven:
      overflowNorm = mode === Round.NearestEvenMax;
      if ((fh & (rmH | fmt.lsbH)) !== fmt.halfH || (fl & (rmL | fmt.lsbL)) !== fmt.halfL) {
        incH = fmt.halfH;
        incL = fmt.halfL;
      }
      break;
    case Round.TiesAway:
      incH = fmt.halfH;
      incL = fmt.halfL;
      break;
    case Round.ToZero:
      overflowNorm = true;
      break;
    case Round.Up:
      if (!sign) {
        incH = rmH;
        incL = rmL;
      }
      overflowNorm = sign;
      break;
    case Round.Down:
      if (sign) {
        incH = rmH;
        incL = rmL;
      }
      overflowNorm = !sign;
      break;
    case Round.ToOdd:
    case Round.ToOddInf:
      overflowNorm = mode === Round.ToOdd;
      if ((fh & fmt.lsbH) === 0 && (fl & fmt.lsbL) === 0) {
        incH = rmH;
        incL = rmL;
      }
      break;
    default:
      throw new Error(`softfloat: bad rounding mode ${mode}`);
  }

  let exp = P[p + EXP]! + fmt.expBias;
  const shift = fmt.fracShift;
  if (exp > 0) {
    if ((fh & rmH) !== 0 || (fl & rmL) !== 0) {
      flags |= Flag.Inexact;
      const s = (fl >>> 0) + (incL >>> 0);
      const c = s >= TWO32 ? 1 : 0;
      fl = s | 0;
      const t = (fh >>> 0) + (incH >>> 0) + c;
      fh = t | 0;
      if (t >= TWO32) {
        fl = (fl >>> 1) | (fh << 31);
        fh = (fh >>> 1) | IMPLICIT;
        exp++;
      }
      fh &= ~rmH;
      fl &= ~rmL;
    }
    if (fmt.armAltHp) {
      if (exp > fmt.expMax) {
        flags = Flag.Invalid;
        exp = fmt.expMax;
        fh = ~rmH;
        fl = ~rmL;
      }
    } else if (exp >= fmt.expMax) {
      flags |= Flag.Overflow | Flag.Inexact;
      if (overflowNorm) {
        exp = fmt.expMax - 1;
        fh = ~rmH;
        fl = ~rmL;
      } else {
        P[p + CLS] = C_INF;
        exp = fmt.expMax;
        fh = 0;
        fl = 0;
      }
    }
  } else if (st.flushToZero && st.ftzBeforeRounding) {
    flags |= Flag.OutputDenormalFlushed;
    P[p + CLS] = C_ZERO;
    exp = 0;
    fh = 0;
    fl = 0;
  } else {
    let isTiny = st.tininessBeforeRounding || exp < 0;
    if (!isTiny) {
      // Tiny unless adding the increment carries out of the fraction.
      const c = (fl >>> 0) + (incL >>> 0) >= TWO32 ? 1 : 0;
      isTiny = (fh >>> 0) + (incH >>> 0) + c < TWO32;
    }
    // 64-bit shift right jamming by 1 - exp (>= 1).
    const n = 1 - exp;
    if (n >= 64) {
      fl = (fh | fl) !== 0 ? 1 : 0;
      fh = 0;
    } else if (n >= 32) {
      const lost = n === 32 ? fl : fl | (fh << (64 - n));
      fl = n === 32 ? fh : fh >>> (n - 32);
      fh = 0;
      if (lost !== 0) fl |= 1;
    } else {
      const lost = fl << (32 - n);
      fl = (fl >>> n) | (fh << (32 - n));
      fh = fh >>> n;
      if (lost !== 0) fl |= 1;
    }
    if ((fh & rmH) !== 0 || (fl & rmL) !== 0) {
      switch (mode) {
        case Round.NearestEven:
        case Round.NearestEvenMax:
          if ((fh & (rmH | fmt.lsbH)) !== fmt.halfH || (fl & (rmL | fmt.lsbL)) !== fmt.halfL) {
            incH = fmt.halfH;
            incL = fmt.halfL;
          } else {
            incH = 0;
            incL = 0;
          }
          break;
        case Round.ToOdd:
        case Round.ToOddInf:
          if ((fh & fmt.lsbH) === 0 && (fl & fmt.lsbL) === 0) {
            incH = rmH;
            incL = rmL;
          } else {
            incH = 0;
            incL = 0;
          }
          break;
        default:
          break;
      }
      flags |= Flag.Inexact;
      const s = (fl >>> 0) + (incL >>> 0);
      const c = s >= TWO32 ? 1 : 0;
      fl = s | 0;
      fh = ((fh >>> 0) + (incH >>> 0) + c) | 0;
      fh &= ~rmH;
      fl &= ~rmL;
    }
    const pseudo = fmt.hasExplicitBit && (st.floatx80Behaviour & X80Behaviour.PseudoDenormalValid) !== 0;
    exp = fh < 0 && !pseudo ? 1 : 0;
    if (isTiny) {
      if (st.flushToZero) {
        flags |= Flag.OutputDenormalFlushed;
        P[p + CLS] = C_ZERO;
        exp = 0;
        fh = 0;
        fl = 0;
      } else if ((flags & Flag.Inexact) !== 0) {
        flags |= Flag.Underflow;
      }
      if (exp === 0 && (fh | fl) === 0) P[p + CLS] = C_ZERO;
    }
  }
  // frac_shr(p, frac_shift) on the 64-bit high half.
  if (shift >= 32) {
    fl = fh >>> (shift - 32);
    fh = 0;
  } else if (shift > 0) {
    fl = (fl >>> shift) | (fh << (32 - shift));
    fh = fh >>> shift;
  }
  P[p + F0] = fh;
  P[p + F1] = fl;
  P[p + EXP] = exp;
  st.flags |= flags;
}

/**
 * Rounds normal/denormal part p to floatx80 extended precision at the
 * 128-bit boundary (parts128_uncanon_normal with frac_lsb == 0).
 * Afterwards EXP is the biased exponent and F0:F1 the significand.
 */
export function uncanonNormalX80(p: number, st: FloatStatus, fmt: FloatFmt): void {
  const sign = P[p + SIGN] !== 0;
  let incH = 0,
    incL = 0;
  let overflowNorm = false;
  let flags = 0;
  const mode = st.roundingMode;
  switch (mode) {
    case Round.NearestEvenMax:
    case Round.NearestEven:
      overflowNorm = mode === Round.NearestEvenMax;
      if ((P[p + F1]! & 1) !== 0 || P[p + F2] !== IMPLICIT || P[p + F3] !== 0) incH = IMPLICIT;
      break;
    case Round.TiesAway:
      incH = IMPLICIT;
      break;
    case Round.ToZero:
      overflowNorm = true;
      break;
    case Round.Up:
      if (!sign) incH = incL = -1;
      overflowNorm = sign;
      break;
    case Round.Down:
      if (sign) incH = incL = -1;
      overflowNorm = !sign;
      break;
    case Round.ToOdd:
    case Round.ToOddInf:
      overflowNorm = mode === Round.ToOdd;
      if ((P[p + F1]! & 1) === 0) incH = incL = -1;
      break;
    default:
      throw new Error(`softfloat: bad rounding mode ${mode}`);
  }

  let exp = P[p + EXP]! + fmt.expBias;
  if (exp > 0) {
    if ((P[p + F2]! | P[p + F3]!) !== 0) {
      flags |= Flag.Inexact;
      if (fracAddi(p, incH, incL) !== 0) {
        fracShr(p, 1);
        P[p + F0] = P[p + F0]! | IMPLICIT;
        exp++;
      }
      P[p + F2] = 0;
      P[p + F3] = 0;
    }
    if (exp >= fmt.expMax) {
      flags |= Flag.Overflow | Flag.Inexact;
      if (overflowNorm) {
        exp = fmt.expMax - 1;
        P[p + F0] = -1;
        P[p + F1] = -1;
        P[p + F2] = 0;
        P[p + F3] = 0;
      } else {
        P[p + CLS] = C_INF;
        exp = fmt.expMax;
        fracClear(p);
      }
    }
  } else if (st.flushToZero && st.ftzBeforeRounding) {
    flags |= Flag.OutputDenormalFlushed;
    P[p + CLS] = C_ZERO;
    exp = 0;
    fracClear(p);
  } else {
    let isTiny = st.tininessBeforeRounding || exp < 0;
    if (!isTiny) {
      let c = (P[p + F3]! >>> 0) + (incL >>> 0) >= TWO32 ? 1 : 0;
      c = (P[p + F2]! >>> 0) + (incH >>> 0) + c >= TWO32 ? 1 : 0;
      c = (P[p + F1]! >>> 0) + c >= TWO32 ? 1 : 0;
      c = (P[p + F0]! >>> 0) + c >= TWO32 ? 1 : 0;
      isTiny = c === 0;
    }
    const pseudo = fmt.hasExplicitBit && (st.floatx80Behaviour & X80Behaviour.PseudoDenormalValid) !== 0;
    fracShrjam(p, (pseudo ? 0 : 1) - exp);
    if ((P[p + F2]! | P[p + F3]!) !== 0) {
      switch (mode) {
        case Round.NearestEven:
        case Round.NearestEvenMax:
          incL = 0;
          incH = (P[p + F1]! & 1) !== 0 || P[p + F2] !== IMPLICIT || P[p + F3] !== 0 ? IMPLICIT : 0;
          break;
        case Round.ToOdd:
        case Round.ToOddInf:
          incH = incL = (P[p + F1]! & 1) !== 0 ? 0 : -1;
          break;
        default:
          break;
      }
      flags |= Flag.Inexact;
      fracAddi(p, incH, incL);
      P[p + F2] = 0;
      P[p + F3] = 0;
    }
    exp = P[p + F0]! < 0 && !pseudo ? 1 : 0;
    if (isTiny) {
      if (st.flushToZero) {
        flags |= Flag.OutputDenormalFlushed;
        P[p + CLS] = C_ZERO;
        exp = 0;
        fracClear(p);
      } else if ((flags & Flag.Inexact) !== 0) {
        flags |= Flag.Underflow;
      }
      if (exp === 0 && fracEqz(p)) P[p + CLS] = C_ZERO;
    }
  }
  P[p + EXP] = exp;
  st.flags |= flags;
}

/**
 * Rounds part p to an IEEE-style format (parts_uncanon): afterwards EXP is
 * the biased exponent field and F0:F1 the fraction field (with the integer
 * bit, which packing drops).
 */
export function uncanon(p: number, st: FloatStatus, fmt: FloatFmt): void {
  const cls = P[p + CLS]!;
  if (cls === C_NORMAL || cls === C_DENORMAL) {
    uncanonNormal64(p, st, fmt);
    return;
  }
  switch (cls) {
    case C_ZERO:
      P[p + EXP] = 0;
      fracClear(p);
      return;
    case C_INF:
      if (fmt.armAltHp) throw new Error("softfloat: infinity in alternative half precision");
      P[p + EXP] = fmt.expMax;
      fracClear(p);
      return;
    case C_QNAN:
    case C_SNAN:
      if (fmt.armAltHp) throw new Error("softfloat: NaN in alternative half precision");
      P[p + EXP] = fmt.expMax;
      P[p + F2] = 0;
      P[p + F3] = 0;
      fracShr(p, fmt.fracShift);
      return;
    default:
      throw new Error(`softfloat: unclassified part ${cls}`);
  }
}
