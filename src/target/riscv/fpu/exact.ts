/**
 * Exact (slow) IEEE-754 arithmetic on BigInt bit patterns, with RISC-V
 * semantics: canonical NaN results, tininess detected after rounding,
 * fma(inf, 0, qNaN) invalid.  The fast paths in softfloat.ts fall back to
 * these routines whenever an operand or the result leaves the range where the
 * double-precision error-free transformations are known to be exact
 * (special values, subnormals, overflow/underflow boundaries).
 *
 * Values are handled as sign + integer significand m + exponent e, i.e.
 * (-1)^sign * m * 2^e, with an optional sticky bit meaning "plus something
 * strictly between 0 and one unit of m's last place".
 */

import { FFLAG_DZ, FFLAG_NV, FFLAG_NX, FFLAG_OF, FFLAG_UF, RM_RDN, RM_RMM, RM_RNE, RM_RTZ, RM_RUP, type FpState } from "./flags.ts";
import { F64, I32 } from "./scratch.ts";

/** Parameters of an IEEE binary interchange format. */
export interface FloatFormat {
  /** Precision in bits, including the implicit bit. */
  readonly p: number;
  /** Exponent of the smallest normal number. */
  readonly emin: number;
  /** Exponent of the largest finite number. */
  readonly emax: number;
  /** Total width in bits. */
  readonly width: number;
}

export const BINARY32: FloatFormat = { p: 24, emin: -126, emax: 127, width: 32 };
export const BINARY64: FloatFormat = {
  p: 53,
  emin: -1022,
  emax: 1023,
  width: 64,
};

/** Operand classes produced by {@link unpack}. */
export const CLS_ZERO = 0;
export const CLS_FINITE = 1;
export const CLS_INF = 2;
export const CLS_QNAN = 3;
export const CLS_SNAN = 4;

/** A decoded operand: (-1)^sign * m * 2^e for CLS_ZERO / CLS_FINITE. */
export interface Unpacked {
  cls: number;
  sign: boolean;
  m: bigint;
  e: number;
}

export function unpack(fmt: FloatFormat, bits: bigint): Unpacked {
  const fracBits = fmt.p - 1;
  const expAll = (1 << (fmt.width - fmt.p)) - 1;
  const sign = ((bits >> BigInt(fmt.width - 1)) & 1n) === 1n;
  const exp = Number((bits >> BigInt(fracBits)) & BigInt(expAll));
  const frac = bits & ((1n << BigInt(fracBits)) - 1n);
  if (exp === expAll) {
    if (frac === 0n) return { cls: CLS_INF, sign, m: 0n, e: 0 };
    const quiet = (frac >> BigInt(fracBits - 1)) & 1n;
    return { cls: quiet ? CLS_QNAN : CLS_SNAN, sign, m: 0n, e: 0 };
  }
  if (exp === 0) {
    return {
      cls: frac === 0n ? CLS_ZERO : CLS_FINITE,
      sign,
      m: frac,
      e: fmt.emin - fracBits,
    };
  }
  return {
    cls: CLS_FINITE,
    sign,
    m: frac | (1n << BigInt(fracBits)),
    e: exp - 1 + fmt.emin - fracBits,
  };
}

/** The canonical quiet NaN of a format. */
export function canonicalNaN(fmt: FloatFormat): bigint {
  const expAll = BigInt((1 << (fmt.width - fmt.p)) - 1);
  return (expAll << BigInt(fmt.p - 1)) | (1n << BigInt(fmt.p - 2));
}

function signBit(fmt: FloatFormat, sign: boolean): bigint {
  return sign ? 1n << BigInt(fmt.width - 1) : 0n;
}

function infinity(fmt: FloatFormat, sign: boolean): bigint {
  const expAll = BigInt((1 << (fmt.width - fmt.p)) - 1);
  return signBit(fmt, sign) | (expAll << BigInt(fmt.p - 1));
}

function maxFinite(fmt: FloatFormat, sign: boolean): bigint {
  return infinity(fmt, sign) - 1n;
}

/** Number of significant bits of a positive BigInt. */
export function bitLength(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
}

let roundInexact = false;

/**
 * Rounds m * 2^-sh (+ sticky) to an integer under rm for a value of the given
 * sign; sets roundInexact.
 */
function roundShift(m: bigint, sh: number, sticky: boolean, rm: number, sign: boolean): bigint {
  let q: bigint;
  let cmpHalf: number; // -1 below half, 0 exactly half, 1 above half
  let inexact: boolean;
  if (sh <= 0) {
    q = m << BigInt(-sh);
    inexact = sticky;
    cmpHalf = -1;
  } else {
    const bsh = BigInt(sh);
    q = m >> bsh;
    const rem = m & ((1n << bsh) - 1n);
    const half = 1n << (bsh - 1n);
    inexact = rem !== 0n || sticky;
    cmpHalf = rem > half ? 1 : rem < half ? -1 : sticky ? 1 : 0;
  }
  roundInexact = inexact;
  if (!inexact) return q;
  let up: boolean;
  switch (rm) {
    case RM_RNE:
      up = cmpHalf > 0 || (cmpHalf === 0 && (q & 1n) === 1n);
      break;
    case RM_RTZ:
      up = false;
      break;
    case RM_RDN:
      up = sign;
      break;
    case RM_RUP:
      up = !sign;
      break;
    case RM_RMM:
      up = cmpHalf >= 0;
      break;
    default:
      throw new RangeError(`invalid rounding mode ${rm}`);
  }
  return up ? q + 1n : q;
}

/**
 * Rounds (-1)^sign * (m + sticky) * 2^e to the format and returns its bits,
 * OR-ing NX/UF/OF into st.  m must be nonzero.
 */
export function roundPack(fmt: FloatFormat, sign: boolean, m: bigint, e: number, sticky: boolean, rm: number, st: FpState): bigint {
  const p = fmt.p;
  const n = bitLength(m);
  // Rounding with an unbounded exponent range, to p bits.
  let sh = n - p;
  let q = roundShift(m, sh, sticky, rm, sign);
  let inexact = roundInexact;
  if (q === 1n << BigInt(p)) {
    q >>= 1n;
    sh++;
  }
  const top = e + sh + p - 1; // exponent of the leading bit of q * 2^(e + sh)
  if (top > fmt.emax) {
    st.flags |= FFLAG_OF | FFLAG_NX;
    const toInf = rm === RM_RNE || rm === RM_RMM || (rm === RM_RUP && !sign) || (rm === RM_RDN && sign);
    return toInf ? infinity(fmt, sign) : maxFinite(fmt, sign);
  }
  if (top < fmt.emin) {
    // Tiny after rounding: round again at the subnormal quantum.
    const q2 = roundShift(m, fmt.emin - p + 1 - e, sticky, rm, sign);
    if (roundInexact) st.flags |= FFLAG_UF | FFLAG_NX;
    // q2 <= 2^(p-1); q2 == 2^(p-1) encodes the smallest normal number.
    return signBit(fmt, sign) | q2;
  }
  if (inexact) st.flags |= FFLAG_NX;
  const biased = BigInt(top - fmt.emin + 1);
  return signBit(fmt, sign) | (biased << BigInt(p - 1)) | (q - (1n << BigInt(p - 1)));
}

/** The bits of a zero of the given sign. */
function zero(fmt: FloatFormat, sign: boolean): bigint {
  return signBit(fmt, sign);
}

function invalid(fmt: FloatFormat, st: FpState): bigint {
  st.flags |= FFLAG_NV;
  return canonicalNaN(fmt);
}

/** Sum of two signed exact values, rounded; exact zeros follow IEEE sign rules. */
function sumExact(
  fmt: FloatFormat,
  sa: boolean,
  ma: bigint,
  ea: number,
  sb: boolean,
  mb: bigint,
  eb: number,
  rm: number,
  st: FpState,
): bigint {
  const e = Math.min(ea, eb);
  const va = ma << BigInt(ea - e);
  const vb = mb << BigInt(eb - e);
  const sum = (sa ? -va : va) + (sb ? -vb : vb);
  if (sum === 0n) {
    if (ma === 0n && mb === 0n && sa === sb) return zero(fmt, sa);
    return zero(fmt, rm === RM_RDN);
  }
  const neg = sum < 0n;
  return roundPack(fmt, neg, neg ? -sum : sum, e, false, rm, st);
}

export function exactAdd(fmt: FloatFormat, a: bigint, b: bigint, rm: number, st: FpState): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  if (x.cls >= CLS_QNAN || y.cls >= CLS_QNAN) {
    if (x.cls === CLS_SNAN || y.cls === CLS_SNAN) st.flags |= FFLAG_NV;
    return canonicalNaN(fmt);
  }
  if (x.cls === CLS_INF || y.cls === CLS_INF) {
    if (x.cls === CLS_INF && y.cls === CLS_INF && x.sign !== y.sign) {
      return invalid(fmt, st);
    }
    return infinity(fmt, x.cls === CLS_INF ? x.sign : y.sign);
  }
  return sumExact(fmt, x.sign, x.m, x.e, y.sign, y.m, y.e, rm, st);
}

export function exactSub(fmt: FloatFormat, a: bigint, b: bigint, rm: number, st: FpState): bigint {
  return exactAdd(fmt, a, b ^ (1n << BigInt(fmt.width - 1)), rm, st);
}

export function exactMul(fmt: FloatFormat, a: bigint, b: bigint, rm: number, st: FpState): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  const sign = x.sign !== y.sign;
  if (x.cls >= CLS_QNAN || y.cls >= CLS_QNAN) {
    if (x.cls === CLS_SNAN || y.cls === CLS_SNAN) st.flags |= FFLAG_NV;
    return canonicalNaN(fmt);
  }
  if (x.cls === CLS_INF || y.cls === CLS_INF) {
    if (x.cls === CLS_ZERO || y.cls === CLS_ZERO) return invalid(fmt, st);
    return infinity(fmt, sign);
  }
  if (x.cls === CLS_ZERO || y.cls === CLS_ZERO) return zero(fmt, sign);
  return roundPack(fmt, sign, x.m * y.m, x.e + y.e, false, rm, st);
}

export function exactDiv(fmt: FloatFormat, a: bigint, b: bigint, rm: number, st: FpState): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  const sign = x.sign !== y.sign;
  if (x.cls >= CLS_QNAN || y.cls >= CLS_QNAN) {
    if (x.cls === CLS_SNAN || y.cls === CLS_SNAN) st.flags |= FFLAG_NV;
    return canonicalNaN(fmt);
  }
  if (x.cls === CLS_INF) {
    return y.cls === CLS_INF ? invalid(fmt, st) : infinity(fmt, sign);
  }
  if (y.cls === CLS_INF) return zero(fmt, sign);
  if (y.cls === CLS_ZERO) {
    if (x.cls === CLS_ZERO) return invalid(fmt, st);
    st.flags |= FFLAG_DZ;
    return infinity(fmt, sign);
  }
  if (x.cls === CLS_ZERO) return zero(fmt, sign);
  // Scale the dividend so the quotient has at least p + 2 bits.
  const k = Math.max(0, fmt.p + 2 + bitLength(y.m) - bitLength(x.m));
  const num = x.m << BigInt(k);
  const q = num / y.m;
  const sticky = q * y.m !== num;
  return roundPack(fmt, sign, q, x.e - y.e - k, sticky, rm, st);
}

/** floor(sqrt(n)) for n >= 0. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Start above the root and descend (Newton's method is monotone from above).
  let x = 1n << BigInt((bitLength(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function exactSqrt(fmt: FloatFormat, a: bigint, rm: number, st: FpState): bigint {
  const x = unpack(fmt, a);
  if (x.cls >= CLS_QNAN) {
    if (x.cls === CLS_SNAN) st.flags |= FFLAG_NV;
    return canonicalNaN(fmt);
  }
  if (x.cls === CLS_ZERO) return zero(fmt, x.sign);
  if (x.sign) return invalid(fmt, st);
  if (x.cls === CLS_INF) return infinity(fmt, false);
  let m = x.m;
  let e = x.e;
  if (e & 1) {
    m <<= 1n;
    e -= 1;
  }
  // Make m have at least 2 * (p + 2) bits so the root has p + 2 bits.
  let k = Math.max(0, 2 * (fmt.p + 2) - bitLength(m));
  if (k & 1) k++;
  const n = m << BigInt(k);
  const r = isqrt(n);
  return roundPack(fmt, false, r, (e - k) / 2, r * r !== n, rm, st);
}

/**
 * (+-a * b) +- c with a single rounding; negProduct negates a*b and
 * negAddend negates c (RISC-V fmsub/fnmsub/fnmadd).
 */
export function exactMulAdd(
  fmt: FloatFormat,
  a: bigint,
  b: bigint,
  c: bigint,
  rm: number,
  negProduct: boolean,
  negAddend: boolean,
  st: FpState,
): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  const z = unpack(fmt, c);
  const ps = (x.sign !== y.sign) !== negProduct;
  const zs = z.sign !== negAddend;
  const infZero = (x.cls === CLS_INF && y.cls === CLS_ZERO) || (x.cls === CLS_ZERO && y.cls === CLS_INF);
  if (x.cls >= CLS_QNAN || y.cls >= CLS_QNAN || z.cls >= CLS_QNAN || infZero) {
    if (x.cls === CLS_SNAN || y.cls === CLS_SNAN || z.cls === CLS_SNAN) {
      st.flags |= FFLAG_NV;
    }
    if (infZero) st.flags |= FFLAG_NV;
    return canonicalNaN(fmt);
  }
  if (x.cls === CLS_INF || y.cls === CLS_INF) {
    if (z.cls === CLS_INF && zs !== ps) return invalid(fmt, st);
    return infinity(fmt, ps);
  }
  if (z.cls === CLS_INF) return infinity(fmt, zs);
  return sumExact(fmt, ps, x.m * y.m, x.e + y.e, zs, z.m, z.e, rm, st);
}

/** Format conversion between binary32 and binary64 (either direction). */
export function exactConvert(from: FloatFormat, to: FloatFormat, a: bigint, rm: number, st: FpState): bigint {
  const x = unpack(from, a);
  if (x.cls >= CLS_QNAN) {
    if (x.cls === CLS_SNAN) st.flags |= FFLAG_NV;
    return canonicalNaN(to);
  }
  if (x.cls === CLS_INF) return infinity(to, x.sign);
  if (x.cls === CLS_ZERO) return zero(to, x.sign);
  return roundPack(to, x.sign, x.m, x.e, false, rm, st);
}

/** BigInt bits of a JS number (as binary64). */
export function doubleBits(x: number): bigint {
  F64[0] = x;
  return bits64(I32[0], I32[1]);
}

/** BigInt bits of a binary64 given as two int32 words. */
export function bits64(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** BigInt bits of a binary32 given as an int32. */
export function bits32(a: number): bigint {
  return BigInt(a >>> 0);
}

/**
 * Rounds the exact sum s + e of two finite doubles (not both zero, sum not
 * zero) to the format.  Used by the binary32 paths for results outside the
 * binary32 normal range.
 */
export function roundDoublePair(fmt: FloatFormat, s: number, e: number, rm: number, st: FpState): bigint {
  const u = unpack(BINARY64, doubleBits(s));
  const v = unpack(BINARY64, doubleBits(e));
  const ex = Math.min(u.e, v.e);
  const mu = u.m << BigInt(u.e - ex);
  const mv = v.m << BigInt(v.e - ex);
  const sum = (u.sign ? -mu : mu) + (v.sign ? -mv : mv);
  const neg = sum < 0n;
  return roundPack(fmt, neg, neg ? -sum : sum, ex, false, rm, st);
}
