/**
 * Arithmetic on parts: add/subtract, multiply, fused multiply-add, divide,
 * square root and remainder (QEMU's parts_addsub, parts_mul,
 * parts_muladd_scalbn, parts_div, parts_sqrt, parts_modrem in
 * fpu/softfloat-parts.c.inc and softfloat-parts-addsub.c.inc).
 *
 * Results are exact with a sticky bit in the fraction's lowest bit, ready
 * for one rounding by the format's pack function.  Inputs are freshly
 * unpacked values, whose fractions fit in the 64-bit high half.
 */

import { divideSignificands, ldDivisor, ldRemHi, ldRemIsZero, ldRemLo, ldRemainder, ldStep, quotientWord } from "./long-division.ts";
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
  M_INF,
  M_INFZERO,
  M_ZERO,
  P,
  PT,
  SIGN,
  copyPart,
  fracAdd,
  fracNeg,
  fracNormalize,
  fracShrjam,
  fracSub,
  isAnyNorm,
  onlyNormals,
} from "./parts.ts";
import { defaultNan, pickNan, pickNanMulAdd, returnNan } from "./parts-nan.ts";
import { Flag, MulAdd, Round, type FloatStatus } from "./status.ts";
import { W, mul64To128, mul128To256 } from "./wide.ts";

function cmask(p: number): number {
  return 1 << P[p + CLS]!;
}

/** a += b for two normal parts (parts_add_normal). */
export function addNormal(a: number, b: number): void {
  const diff = P[a + EXP]! - P[b + EXP]!;
  if (diff > 0) {
    fracShrjam(b, diff);
  } else if (diff < 0) {
    fracShrjam(a, -diff);
    P[a + EXP] = P[b + EXP]!;
  }
  if (fracAdd(a, a, b) !== 0) {
    fracShrjam(a, 1);
    P[a + F0] = P[a + F0]! | IMPLICIT;
    P[a + EXP] = P[a + EXP]! + 1;
  }
}

/** a -= b for two normal parts; false (and class zero) for an exact zero (parts_sub_normal). */
export function subNormal(a: number, b: number): boolean {
  const diff = P[a + EXP]! - P[b + EXP]!;
  if (diff > 0) {
    fracShrjam(b, diff);
    fracSub(a, a, b);
  } else if (diff < 0) {
    P[a + EXP] = P[b + EXP]!;
    P[a + SIGN] = P[a + SIGN]! ^ 1;
    fracShrjam(a, -diff);
    fracSub(a, b, a);
  } else if (fracSub(a, a, b) !== 0) {
    // Borrow: a was less than b.
    fracNeg(a);
    P[a + SIGN] = P[a + SIGN]! ^ 1;
  }
  const shift = fracNormalize(a);
  if (shift < 128) {
    P[a + EXP] = P[a + EXP]! - shift;
    return true;
  }
  P[a + CLS] = C_ZERO;
  return false;
}

/** a + b (or a - b); returns the result part (parts_addsub). */
export function addsub(a: number, b: number, st: FloatStatus, subtract: boolean): number {
  const bSign = P[b + SIGN]! ^ (subtract ? 1 : 0);
  let ab = cmask(a) | cmask(b);
  if ((ab & (M_DENORMAL | M_ANYNAN)) === M_DENORMAL) st.flags |= Flag.InputDenormalUsed;

  if (P[a + SIGN] !== bSign) {
    // Subtraction.
    if (onlyNormals(ab)) {
      P[b + SIGN] = bSign;
      if (subNormal(a, b)) return a;
      ab = M_ZERO;
    }
    if (ab === M_ZERO) {
      P[a + SIGN] = st.roundingMode === Round.Down ? 1 : 0;
      return a;
    }
    if ((ab & M_ANYNAN) !== 0) return pickNan(a, b, st);
    if ((ab & M_INF) !== 0) {
      if (P[a + CLS] !== C_INF) {
        P[b + SIGN] = bSign;
        return b;
      }
      if (P[b + CLS] !== C_INF) return a;
      st.flags |= Flag.Invalid | Flag.InvalidIsi;
      defaultNan(a, st);
      return a;
    }
  } else {
    // Addition.
    if (onlyNormals(ab)) {
      addNormal(a, b);
      return a;
    }
    if (ab === M_ZERO) return a;
    if ((ab & M_ANYNAN) !== 0) return pickNan(a, b, st);
    if ((ab & M_INF) !== 0) {
      P[a + CLS] = C_INF;
      return a;
    }
  }
  if (P[b + CLS] === C_ZERO) return a;
  P[b + SIGN] = bSign;
  return b;
}

/**
 * Multiplies the fractions of a and b into r (frac_mulw + frac_truncjam):
 * exact for 64-bit fractions; wider fractions keep a sticky bit.
 */
function fracMul(r: number, a: number, b: number): void {
  const a0 = P[a + F0]!,
    a1 = P[a + F1]!,
    a2 = P[a + F2]!,
    a3 = P[a + F3]!;
  const b0 = P[b + F0]!,
    b1 = P[b + F1]!,
    b2 = P[b + F2]!,
    b3 = P[b + F3]!;
  if ((a2 | a3 | b2 | b3) === 0) {
    mul64To128(a0, a1, b0, b1);
    P[r + F0] = W[0]!;
    P[r + F1] = W[1]!;
    P[r + F2] = W[2]!;
    P[r + F3] = W[3]!;
  } else {
    mul128To256(a0, a1, a2, a3, b0, b1, b2, b3);
    P[r + F0] = W[0]!;
    P[r + F1] = W[1]!;
    P[r + F2] = W[2]!;
    P[r + F3] = W[3]! | ((W[4]! | W[5]! | W[6]! | W[7]!) !== 0 ? 1 : 0);
  }
}

/** a * b; returns the result part (parts_mul). */
export function mul(a: number, b: number, st: FloatStatus): number {
  const ab = cmask(a) | cmask(b);
  const sign = P[a + SIGN]! ^ P[b + SIGN]!;
  if (onlyNormals(ab)) {
    if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
    fracMul(a, a, b);
    P[a + EXP] = P[a + EXP]! + P[b + EXP]! + 1;
    if (P[a + F0]! >= 0) {
      fracAdd(a, a, a);
      P[a + EXP] = P[a + EXP]! - 1;
    }
    P[a + SIGN] = sign;
    return a;
  }
  if (ab === M_INFZERO) {
    st.flags |= Flag.Invalid | Flag.InvalidImz;
    defaultNan(a, st);
    return a;
  }
  if ((ab & M_ANYNAN) !== 0) return pickNan(a, b, st);
  if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
  P[a + CLS] = (ab & M_INF) !== 0 ? C_INF : C_ZERO;
  P[a + SIGN] = sign;
  return a;
}

/**
 * a * b + c with one rounding, with QEMU's MulAdd negation flags; `scale`
 * is added to the result's exponent (parts_muladd_scalbn).  Returns the
 * result part.
 */
export function mulAdd(a: number, b: number, c: number, scale: number, flags: number, st: FloatStatus): number {
  const ab = cmask(a) | cmask(b);
  const abc = ab | cmask(c);
  if ((abc & M_ANYNAN) !== 0) return pickNanMulAdd(a, b, c, st, ab, abc);
  if ((flags & MulAdd.NegateC) !== 0) P[c + SIGN] = P[c + SIGN]! ^ 1;
  let sign = P[a + SIGN]! ^ P[b + SIGN]!;
  if ((flags & MulAdd.NegateProduct) !== 0) sign ^= 1;
  P[a + SIGN] = sign;

  let kind: number; // 0 normal, 1 zero, 2 sub-zero, 3 inf
  compute: {
    if (!onlyNormals(ab)) {
      if (ab === M_INFZERO) {
        st.flags |= Flag.Invalid | Flag.InvalidImz;
        defaultNan(a, st);
        return a;
      }
      if ((ab & M_INF) !== 0) {
        if (P[c + CLS] === C_INF && sign !== P[c + SIGN]) {
          st.flags |= Flag.Invalid | Flag.InvalidIsi;
          defaultNan(a, st);
          return a;
        }
        kind = 3;
        break compute;
      }
      // The product is zero.
      const cc = P[c + CLS]!;
      if (isAnyNorm(cc)) {
        copyPart(a, c);
        P[a + EXP] = P[a + EXP]! + scale;
        kind = 0;
        break compute;
      }
      if (cc === C_ZERO) {
        if ((flags & MulAdd.SuppressAddProductZero) !== 0) {
          P[a + SIGN] = P[c + SIGN]!;
          kind = 1;
        } else {
          kind = sign !== P[c + SIGN] ? 2 : 1;
        }
        break compute;
      }
      // c is infinite: fall through.
    }
    if (P[c + CLS] === C_INF) {
      P[a + SIGN] = P[c + SIGN]!;
      kind = 3;
      break compute;
    }
    // The product, exactly, in the scratch part.
    P[PT + SIGN] = sign;
    P[PT + EXP] = P[a + EXP]! + P[b + EXP]! + 1;
    fracMul(PT, a, b);
    if (P[PT + F0]! >= 0) {
      fracAdd(PT, PT, PT);
      P[PT + EXP] = P[PT + EXP]! - 1;
    }
    if (P[c + CLS] !== C_ZERO) {
      if (sign === P[c + SIGN]) {
        addNormal(PT, c);
      } else if (!subNormal(PT, c)) {
        kind = 2;
        break compute;
      }
    }
    P[a + SIGN] = P[PT + SIGN]!;
    P[a + EXP] = P[PT + EXP]! + scale;
    P[a + F0] = P[PT + F0]!;
    P[a + F1] = P[PT + F1]!;
    P[a + F2] = P[PT + F2]!;
    P[a + F3] = P[PT + F3]!;
    kind = 0;
  }
  if (kind === 2) {
    P[a + SIGN] = st.roundingMode === Round.Down ? 1 : 0;
    P[a + CLS] = C_ZERO;
  } else if (kind === 1) {
    P[a + CLS] = C_ZERO;
  } else if (kind === 3) {
    P[a + CLS] = C_INF;
  }
  if ((flags & MulAdd.NegateResult) !== 0) P[a + SIGN] = P[a + SIGN]! ^ 1;
  if ((abc & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
  return a;
}

/**
 * Divides the fractions (64-bit, top bit set): a.frac = a / b normalized
 * with a sticky bit; returns 1 if a < b (the exponent must drop by one)
 * (frac_div).
 */
function fracDiv(a: number, b: number): number {
  const less = divideSignificands(P[a + F0]!, P[a + F1]!, P[b + F0]!, P[b + F1]!);
  P[a + F0] = quotientWord(0);
  P[a + F1] = quotientWord(1);
  P[a + F2] = quotientWord(2);
  P[a + F3] = ldRemIsZero() ? 0 : 1;
  return less;
}

/** a / b; returns the result part (parts_div). */
export function div(a: number, b: number, st: FloatStatus): number {
  const ab = cmask(a) | cmask(b);
  const sign = P[a + SIGN]! ^ P[b + SIGN]!;
  if (onlyNormals(ab)) {
    if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
    P[a + SIGN] = sign;
    P[a + EXP] = P[a + EXP]! - (P[b + EXP]! + fracDiv(a, b));
    return a;
  }
  if (ab === M_ZERO) {
    st.flags |= Flag.Invalid | Flag.InvalidZdz;
    defaultNan(a, st);
    return a;
  }
  if (ab === M_INF) {
    st.flags |= Flag.Invalid | Flag.InvalidIdi;
    defaultNan(a, st);
    return a;
  }
  if ((ab & M_ANYNAN) !== 0) return pickNan(a, b, st);
  if ((ab & M_DENORMAL) !== 0 && P[b + CLS] !== C_ZERO) st.flags |= Flag.InputDenormalUsed;
  P[a + SIGN] = sign;
  const ca = P[a + CLS]!;
  if (ca === C_INF || ca === C_ZERO) return a;
  if (P[b + CLS] === C_INF) {
    P[a + CLS] = C_ZERO;
    return a;
  }
  // x / 0
  st.flags |= Flag.DivByZero;
  P[a + CLS] = C_INF;
  return a;
}

/**
 * Square root of part a in place (parts_sqrt).  The root is computed
 * exactly to 66 bits with a sticky bit, which rounds identically to QEMU's
 * Newton-Raphson result for every format.
 */
export function sqrt(a: number, st: FloatStatus): void {
  const cls = P[a + CLS]!;
  const sign = P[a + SIGN] !== 0;
  if (cls !== C_NORMAL) {
    switch (cls) {
      case C_DENORMAL:
        if (!sign) st.flags |= Flag.InputDenormalUsed;
        break;
      case C_SNAN:
      case C_QNAN:
        returnNan(a, st);
        return;
      case C_ZERO:
        return;
      case C_INF:
        if (sign) {
          st.flags |= Flag.Invalid | Flag.InvalidSqrt;
          defaultNan(a, st);
        }
        return;
      default:
        throw new Error(`softfloat: unclassified part ${cls}`);
    }
  }
  if (sign) {
    st.flags |= Flag.Invalid | Flag.InvalidSqrt;
    defaultNan(a, st);
    return;
  }
  const e = P[a + EXP]!;
  const odd = (e & 1) !== 0;
  // X = 2m (even exponent) or 4m (odd), m the 64-bit fraction; the input
  // stream is X * 2^66, fed two bits at a time from M = X << 30.
  let m2: number, m1: number, m0: number;
  const fh = P[a + F0]!,
    fl = P[a + F1]!;
  if (odd) {
    // X = m << 2, M = m << 32
    m2 = fh;
    m1 = fl;
    m0 = 0;
  } else {
    // X = m << 1, M = m << 31
    m2 = fh >>> 1;
    m1 = (fh << 31) | (fl >>> 1);
    m0 = fl << 31;
  }
  // Bitwise restoring square root: root < 2^66, rem <= 2 * root.
  let r2 = 0,
    r1 = 0,
    r0 = 0; // root
  let s2 = 0,
    s1 = 0,
    s0 = 0; // remainder
  for (let i = 0; i < 66; i++) {
    const pair = m2 >>> 30;
    m2 = (m2 << 2) | (m1 >>> 30);
    m1 = (m1 << 2) | (m0 >>> 30);
    m0 = m0 << 2;
    // rem = rem * 4 + pair
    s2 = (s2 << 2) | (s1 >>> 30);
    s1 = (s1 << 2) | (s0 >>> 30);
    s0 = (s0 << 2) | pair;
    // t = root * 4 + 1
    const t2 = (r2 << 2) | (r1 >>> 30);
    const t1 = (r1 << 2) | (r0 >>> 30);
    const t0 = (r0 << 2) | 1;
    // root = root * 2
    r2 = (r2 << 1) | (r1 >>> 31);
    r1 = (r1 << 1) | (r0 >>> 31);
    r0 = r0 << 1;
    const ge = s2 >>> 0 !== t2 >>> 0 ? s2 >>> 0 > t2 >>> 0 : s1 >>> 0 !== t1 >>> 0 ? s1 >>> 0 > t1 >>> 0 : s0 >>> 0 >= t0 >>> 0;
    if (ge) {
      let d = (s0 >>> 0) - (t0 >>> 0);
      let c = d < 0 ? 1 : 0;
      s0 = d | 0;
      d = (s1 >>> 0) - (t1 >>> 0) - c;
      c = d < 0 ? 1 : 0;
      s1 = d | 0;
      s2 = (s2 - t2 - c) | 0;
      r0 |= 1;
    }
  }
  // root has exactly 66 bits: place its top bit at bit 127.
  P[a + F0] = (r2 << 30) | (r1 >>> 2);
  P[a + F1] = (r1 << 30) | (r0 >>> 2);
  P[a + F2] = r0 << 30;
  P[a + F3] = (s2 | s1 | s0) !== 0 ? 1 : 0;
  P[a + EXP] = (odd ? e - 1 : e) >> 1;
}

/** Low 64 bits of the integer quotient of the last truncating modrem. */
export let modQuotHi = 0;
export let modQuotLo = 0;

/**
 * Remainder of a / b in place (parts_modrem): the IEEE remainder, or with
 * `mod` the remainder of the quotient truncated toward zero, whose low 64
 * bits go to modQuotHi / modQuotLo.  Returns the result part.
 */
export function modrem(a: number, b: number, mod: boolean, st: FloatStatus): number {
  const ab = cmask(a) | cmask(b);
  modQuotHi = modQuotLo = 0;
  if (onlyNormals(ab)) {
    if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
    fracModrem(a, b, mod);
    return a;
  }
  if ((ab & M_ANYNAN) !== 0) return pickNan(a, b, st);
  if (P[a + CLS] === C_INF || P[b + CLS] === C_ZERO) {
    st.flags |= Flag.Invalid;
    defaultNan(a, st);
    return a;
  }
  if ((ab & M_DENORMAL) !== 0) st.flags |= Flag.InputDenormalUsed;
  return a;
}

function fracModrem(a: number, b: number, mod: boolean): void {
  let diff = P[a + EXP]! - P[b + EXP]!;
  if (diff < -1) return;
  const bh = P[b + F0]!,
    bl = P[b + F1]!;
  let ah = P[a + F0]!,
    al = P[a + F1]!;
  if (diff === -1) {
    // |a| < |b| / 2 ... |b|: the truncated quotient is 0.
    if (mod || !(ah >>> 0 > bh >>> 0 || (ah === bh && al >>> 0 > bl >>> 0))) return;
    // |a| > |b| / 2: the remainder is |b| - |a| = (2b - a) / 2 at b's exponent - 1.
    const lo = ((bl << 1) >>> 0) - (al >>> 0);
    ah = (((bh << 1) | (bl >>> 31)) - ah - (lo < 0 ? 1 : 0)) | 0;
    al = lo | 0;
    P[a + SIGN] = P[a + SIGN]! ^ 1;
    normalizeRemainder(a, ah, al, P[b + EXP]! - 1);
    return;
  }
  ldDivisor(bh, bl);
  let qh = 0,
    ql = 0;
  if (ah >>> 0 > bh >>> 0 || (ah === bh && al >>> 0 >= bl >>> 0)) {
    const lo = (al >>> 0) - (bl >>> 0);
    ah = (ah - bh - (lo < 0 ? 1 : 0)) | 0;
    al = lo | 0;
    ql = 1;
  }
  ldRemainder(ah, al);
  while (diff > 0) {
    const k = diff > 16 ? 16 : diff;
    const d = ldStep(k);
    qh = (qh << k) | (ql >>> (32 - k));
    ql = (ql << k) | d;
    diff -= k;
  }
  let rh = ldRemHi(),
    rl = ldRemLo();
  if (mod) {
    modQuotHi = qh;
    modQuotLo = ql;
  } else {
    // t = b - r; take it if smaller, or on a tie with an odd quotient.
    const lo = (bl >>> 0) - (rl >>> 0);
    const th = (bh - rh - (lo < 0 ? 1 : 0)) | 0;
    const tl = lo | 0;
    const cmp = th >>> 0 !== rh >>> 0 ? (th >>> 0 < rh >>> 0 ? -1 : 1) : tl >>> 0 !== rl >>> 0 ? (tl >>> 0 < rl >>> 0 ? -1 : 1) : 0;
    if (cmp < 0 || (cmp === 0 && (ql & 1) !== 0)) {
      rh = th;
      rl = tl;
      P[a + SIGN] = P[a + SIGN]! ^ 1;
    }
  }
  normalizeRemainder(a, rh, rl, P[b + EXP]!);
}

/** Stores the remainder r (units of b's least significant bit at exponent e) normalized into a. */
function normalizeRemainder(a: number, rh: number, rl: number, e: number): void {
  if ((rh | rl) === 0) {
    P[a + CLS] = C_ZERO;
    return;
  }
  P[a + F0] = rh;
  P[a + F1] = rl;
  P[a + F2] = 0;
  P[a + F3] = 0;
  const shift = fracNormalize(a);
  P[a + EXP] = e - shift;
}
