/**
 * NaN handling on parts: the default NaN, silencing, and the target's
 * propagation rules for two and three operands (QEMU's
 * fpu/softfloat-specialize.c.inc and parts_return_nan / parts_pick_nan /
 * parts_pick_nan_muladd in fpu/softfloat-parts.c.inc).
 */

import { C_QNAN, C_SNAN, CLS, EXP, F0, F1, F2, F3, M_INFZERO, M_SNAN, P, SIGN, fracCmp, isNanClass } from "./parts.ts";
import { Flag, InfZeroNan, Nan2Rule, type FloatStatus } from "./status.ts";

/** Writes the status's default NaN into part p (parts128_default_nan). */
export function defaultNan(p: number, st: FloatStatus): void {
  const pattern = st.defaultNanPattern;
  if (pattern === 0) throw new Error("softfloat: the target did not set a default NaN pattern");
  const rep = (pattern & 1) !== 0;
  P[p + CLS] = C_QNAN;
  P[p + SIGN] = pattern >>> 7;
  P[p + EXP] = 0x7fffffff;
  P[p + F0] = ((pattern & 0x7f) << 24) | (rep ? 0xffffff : 0);
  P[p + F1] = rep ? -1 : 0;
  P[p + F2] = rep ? -1 : 0;
  P[p + F3] = rep ? -1 : 0;
}

/** Makes the NaN in part p quiet (parts_silence_nan). */
export function silenceNan(p: number): void {
  P[p + F0] = P[p + F0]! | 0x40000000;
  P[p + CLS] = C_QNAN;
}

/** True if a NaN fraction with this top word is signalling (parts_is_snan_frac). */
export function isSnanFrac(f0: number): boolean {
  return (f0 & 0x40000000) === 0;
}

/** Result of an operation on one NaN operand (parts_return_nan). */
export function returnNan(a: number, st: FloatStatus): void {
  if (P[a + CLS] === C_SNAN) {
    st.flags |= Flag.Invalid | Flag.InvalidSnan;
    if (st.defaultNanMode) defaultNan(a, st);
    else silenceNan(a);
  } else if (st.defaultNanMode) {
    defaultNan(a, st);
  }
}

/** Chooses the NaN result of a two-operand operation (parts_pick_nan); returns the chosen part. */
export function pickNan(a: number, b: number, st: FloatStatus): number {
  const ca = P[a + CLS]!;
  const cb = P[b + CLS]!;
  let haveSnan = false;
  if (ca === C_SNAN || cb === C_SNAN) {
    st.flags |= Flag.Invalid | Flag.InvalidSnan;
    haveSnan = true;
  }
  if (st.defaultNanMode) {
    defaultNan(a, st);
    return a;
  }
  let ret: number;
  switch (st.nan2Rule) {
    case Nan2Rule.SAB:
      if (haveSnan) {
        ret = ca === C_SNAN ? a : b;
        break;
      }
      ret = isNanClass(ca) ? a : b;
      break;
    case Nan2Rule.AB:
      ret = isNanClass(ca) ? a : b;
      break;
    case Nan2Rule.SBA:
      if (haveSnan) {
        ret = cb === C_SNAN ? b : a;
        break;
      }
      ret = isNanClass(cb) ? b : a;
      break;
    case Nan2Rule.BA:
      ret = isNanClass(cb) ? b : a;
      break;
    case Nan2Rule.X87: {
      if (ca === C_SNAN) {
        if (cb !== C_SNAN) {
          ret = cb === C_QNAN ? b : a;
          break;
        }
      } else if (ca === C_QNAN) {
        if (cb === C_SNAN || cb !== C_QNAN) {
          ret = a;
          break;
        }
      } else {
        ret = b;
        break;
      }
      let cmp = fracCmp(a, b);
      if (cmp === 0) cmp = P[a + SIGN]! < P[b + SIGN]! ? 1 : 0;
      ret = cmp > 0 ? a : b;
      break;
    }
    default:
      throw new Error("softfloat: the target did not set a 2-NaN propagation rule");
  }
  if (P[ret + CLS] === C_SNAN) silenceNan(ret);
  return ret;
}

/**
 * Chooses the NaN result of a fused multiply-add a * b + c
 * (parts_pick_nan_muladd); abMask / abcMask are the operands' class masks.
 */
export function pickNanMulAdd(a: number, b: number, c: number, st: FloatStatus, abMask: number, abcMask: number): number {
  const infzero = abMask === M_INFZERO;
  const haveSnan = (abcMask & M_SNAN) !== 0;
  if (haveSnan) st.flags |= Flag.Invalid | Flag.InvalidSnan;
  if (infzero && (st.infZeroNanRule & InfZeroNan.SuppressInvalid) === 0) st.flags |= Flag.Invalid | Flag.InvalidImz;
  let ret: number;
  if (st.defaultNanMode) {
    defaultNan(a, st);
    return a;
  } else if (infzero) {
    switch (st.infZeroNanRule & ~InfZeroNan.SuppressInvalid) {
      case InfZeroNan.DnanNever:
        break;
      case InfZeroNan.DnanAlways:
        defaultNan(a, st);
        return a;
      case InfZeroNan.DnanIfQnan:
        if (P[c + CLS] === C_QNAN) {
          defaultNan(a, st);
          return a;
        }
        break;
      default:
        throw new Error("softfloat: the target did not set an inf*0+NaN rule");
    }
    ret = c;
  } else {
    let rule: number = st.nan3Rule;
    if (rule === 0) throw new Error("softfloat: the target did not set a 3-NaN propagation rule");
    const wantSnan = haveSnan && (rule & 64) !== 0;
    for (;;) {
      const idx = rule & 3;
      ret = idx === 0 ? a : idx === 1 ? b : c;
      rule >>= 2;
      const cls = P[ret + CLS]!;
      if (wantSnan ? cls === C_SNAN : isNanClass(cls)) break;
    }
  }
  if (P[ret + CLS] === C_SNAN) silenceNan(ret);
  return ret;
}
