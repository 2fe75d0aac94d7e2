/**
 * Fast paths for float32 and float64 add, sub, mul, div and sqrt, taken
 * when both operands and the result are normal numbers comfortably inside
 * the exponent range and the rounding mode is one of the four IEEE
 * directed/nearest modes.  There the only possible exception is Inexact,
 * and the host's round-to-nearest-even double arithmetic, with error-free
 * transformations that tell whether and in which direction it rounded,
 * gives exactly softfloat's result.  Everything else (zeros, denormals,
 * infinities, NaNs, results near the underflow or overflow thresholds,
 * ties-away and round-to-odd) returns NOT_TAKEN and goes through the
 * generic parts code.
 *
 * float32: +, -, *, / and sqrt of float32 values computed in double and
 * rounded to float32 are correctly rounded (53 >= 2 * 24 + 2); the float32
 * product is exact in double, and the residuals x - q * y and x - r * r are
 * exact by Sterbenz's lemma.  float64: TwoSum for addition, Dekker's
 * product for multiplication, division and square root (as the RISC-V
 * soft-float in src/target/riscv/fpu does).
 */

import { Flag, Round, type FloatStatus } from "./status.ts";

/** Returned (instead of a bit pattern) when the fast path does not apply. */
export const NOT_TAKEN = NaN;

const buf = new ArrayBuffer(8);
const F64 = new Float64Array(buf);
const I32 = new Int32Array(buf);
const F32 = new Float32Array(buf, 0, 1);

/** SCALE32[bits >>> 23] = +-2^(e - 150) for a normal biased exponent e (0 otherwise). */
const SCALE32 = new Float64Array(512);
/** SCALE64[hi >>> 20] = +-2^(e - 1075) for a normal biased exponent e (0 otherwise). */
const SCALE64 = new Float64Array(4096);
for (let k = 0; k < 512; k++) {
  const e = k & 0xff;
  if (e !== 0 && e !== 0xff) SCALE32[k] = (k & 0x100 ? -1 : 1) * 2 ** (e - 150);
}
for (let k = 0; k < 4096; k++) {
  const e = k & 0x7ff;
  if (e !== 0 && e !== 0x7ff) SCALE64[k] = (k & 0x800 ? -1 : 1) * 2 ** (e - 1075);
}

/** The value of a normal float32. */
function f32Value(a: number): number {
  return ((a & 0x7fffff) | 0x800000) * SCALE32[a >>> 23]!;
}

/** The value of a normal float64. */
function f64Value(lo: number, hi: number): number {
  return ((hi & 0xfffff) * 4294967296 + (lo >>> 0) + 4503599627370496) * SCALE64[hi >>> 20]!;
}

const F32_MIN = 2 ** -126;
const F32_MAX = 2 ** 128 - 2 ** 104;

/**
 * float32 result from the correctly rounded float f (as a double) and the
 * sign of the exact value minus f (dir: -1, 0, 1).
 */
function finish32(f: number, dir: number, st: FloatStatus): number {
  const af = Math.abs(f);
  if (!(af > F32_MIN && af < F32_MAX)) return NOT_TAKEN;
  F32[0] = f;
  let bits = I32[0]!;
  if (dir !== 0) {
    st.flags |= Flag.Inexact;
    const mode = st.roundingMode;
    if (mode !== Round.NearestEven) {
      // f is the nearest float; directed modes may need its neighbour on the side of the exact value.
      const up = dir > 0;
      if ((mode === Round.Up && up) || (mode === Round.Down && !up) || (mode === Round.ToZero && up === f < 0)) {
        // Move toward dir: away from zero if dir has f's sign.
        bits += dir > 0 === f > 0 ? 1 : -1;
      }
    }
  }
  return bits;
}

const SPLIT = 134217729; // 2^27 + 1
const D_MIN = 2 ** -1021;
const D_MAX = 2 ** 1020;
const D_LOW = 2 ** -968;
const D_OPMAX = 2 ** 995;

/** float64 result words from the RNE double r and the sign of the exact value minus r. */
function finish64(r: number, dir: number, st: FloatStatus): number {
  F64[0] = r;
  let lo = I32[0]!,
    hi = I32[1]!;
  if (dir !== 0) {
    st.flags |= Flag.Inexact;
    const mode = st.roundingMode;
    if (mode !== Round.NearestEven) {
      const up = dir > 0;
      if ((mode === Round.Up && up) || (mode === Round.Down && !up) || (mode === Round.ToZero && up === r < 0)) {
        if (dir > 0 === r > 0) {
          lo = (lo + 1) | 0;
          if (lo === 0) hi = (hi + 1) | 0;
        } else {
          if (lo === 0) hi = (hi - 1) | 0;
          lo = (lo - 1) | 0;
        }
      }
    }
  }
  st.hi = hi;
  st.lo = lo;
  return lo;
}

function fastMode(st: FloatStatus): boolean {
  return st.roundingMode <= Round.ToZero;
}

/** Both float32 operands normal (biased exponent 1..254). */
export function normal32(a: number, b: number): boolean {
  return (((a >>> 23) & 0xff) - 1) >>> 0 < 254 && (((b >>> 23) & 0xff) - 1) >>> 0 < 254;
}

/** Both float64 operands normal. */
export function normal64(ahi: number, bhi: number): boolean {
  return (((ahi >>> 20) & 0x7ff) - 1) >>> 0 < 2046 && (((bhi >>> 20) & 0x7ff) - 1) >>> 0 < 2046;
}

export function fastAdd32(a: number, b: number, st: FloatStatus): number {
  if (!fastMode(st)) return NOT_TAKEN;
  const x = f32Value(a);
  const y = f32Value(b);
  const d = x + y;
  // TwoSum: d + err = x + y exactly.
  const bb = d - x;
  const err = x - (d - bb) + (y - bb);
  const f = Math.fround(d);
  const diff = d - f;
  return finish32(f, diff !== 0 ? (diff > 0 ? 1 : -1) : err > 0 ? 1 : err < 0 ? -1 : 0, st);
}

export function fastMul32(a: number, b: number, st: FloatStatus): number {
  if (!fastMode(st)) return NOT_TAKEN;
  const d = f32Value(a) * f32Value(b); // exact: 48-bit product
  const f = Math.fround(d);
  return finish32(f, d > f ? 1 : d < f ? -1 : 0, st);
}

export function fastDiv32(a: number, b: number, st: FloatStatus): number {
  if (!fastMode(st)) return NOT_TAKEN;
  const x = f32Value(a);
  const y = f32Value(b);
  const f = Math.fround(x / y);
  const r = x - f * y; // exact
  return finish32(f, r === 0 ? 0 : r > 0 === y > 0 ? 1 : -1, st);
}

export function fastSqrt32(a: number, st: FloatStatus): number {
  if (!fastMode(st) || a < 0 || (((a >>> 23) & 0xff) - 1) >>> 0 >= 254) return NOT_TAKEN;
  const x = f32Value(a);
  const f = Math.fround(Math.sqrt(x));
  const r = x - f * f; // exact
  return finish32(f, r > 0 ? 1 : r < 0 ? -1 : 0, st);
}

export function fastAdd64(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  if (!fastMode(st)) return NOT_TAKEN;
  const x = f64Value(alo, ahi);
  const y = f64Value(blo, bhi);
  const s = x + y;
  const as = Math.abs(s);
  if (!(as >= D_MIN && as <= D_MAX)) return NOT_TAKEN;
  const bb = s - x;
  const err = x - (s - bb) + (y - bb);
  return finish64(s, err > 0 ? 1 : err < 0 ? -1 : 0, st);
}

export function fastMul64(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  if (!fastMode(st)) return NOT_TAKEN;
  const x = f64Value(alo, ahi);
  const y = f64Value(blo, bhi);
  const p = x * y;
  const ap = Math.abs(p);
  if (!(ap >= D_LOW && ap <= D_MAX && Math.abs(x) <= D_OPMAX && Math.abs(y) <= D_OPMAX)) return NOT_TAKEN;
  // Dekker: x * y = p + err exactly.
  let c = SPLIT * x;
  const xh = c - (c - x);
  const xl = x - xh;
  c = SPLIT * y;
  const yh = c - (c - y);
  const yl = y - yh;
  const err = xh * yh - p + xh * yl + xl * yh + xl * yl;
  return finish64(p, err > 0 ? 1 : err < 0 ? -1 : 0, st);
}

export function fastDiv64(alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus): number {
  if (!fastMode(st)) return NOT_TAKEN;
  const x = f64Value(alo, ahi);
  const y = f64Value(blo, bhi);
  const q = x / y;
  const aq = Math.abs(q);
  const ax = Math.abs(x);
  if (!(aq >= D_LOW && aq <= D_OPMAX && ax >= D_LOW && ax <= D_MAX && Math.abs(y) <= D_OPMAX)) return NOT_TAKEN;
  // r = x - q * y exactly (q * y as ph + pl by Dekker; x - ph is exact).
  let c = SPLIT * q;
  const qh = c - (c - q);
  const ql = q - qh;
  c = SPLIT * y;
  const yh = c - (c - y);
  const yl = y - yh;
  const ph = q * y;
  const pl = qh * yh - ph + qh * yl + ql * yh + ql * yl;
  const r = x - ph - pl;
  return finish64(q, r === 0 ? 0 : r > 0 === y > 0 ? 1 : -1, st);
}

export function fastSqrt64(lo: number, hi: number, st: FloatStatus): number {
  if (!fastMode(st) || hi < 0 || (((hi >>> 20) & 0x7ff) - 1) >>> 0 >= 2046) return NOT_TAKEN;
  const x = f64Value(lo, hi);
  if (!(x >= D_LOW && x <= D_MAX)) return NOT_TAKEN;
  const s = Math.sqrt(x);
  const c = SPLIT * s;
  const sh = c - (c - s);
  const sl = s - sh;
  const ph = s * s;
  const pl = sh * sh - ph + 2 * sh * sl + sl * sl;
  const r = x - ph - pl;
  return finish64(s, r > 0 ? 1 : r < 0 ? -1 : 0, st);
}

// ------------------------------------------------------------ comparisons

/** -1/0/1 ordering of two float32 that are neither NaN nor denormal (the Relation values). */
export function fastCompare32(a: number, b: number): number {
  // Zeros compare equal whatever their signs.
  if (((a | b) & 0x7fffffff) === 0) return 0;
  const ka = a < 0 ? -(a & 0x7fffffff) : a;
  const kb = b < 0 ? -(b & 0x7fffffff) : b;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** True if the float32 is neither a NaN nor a denormal. */
export function plain32(a: number): boolean {
  const e = a & 0x7f800000;
  return e === 0 ? (a & 0x7fffff) === 0 : e !== 0x7f800000 || (a & 0x7fffff) === 0;
}

/** True if the float64 is neither a NaN nor a denormal. */
export function plain64(lo: number, hi: number): boolean {
  const e = hi & 0x7ff00000;
  return e === 0 ? ((hi & 0xfffff) | lo) === 0 : e !== 0x7ff00000 || ((hi & 0xfffff) | lo) === 0;
}

/** -1/0/1 ordering of two float64 that are neither NaN nor denormal. */
export function fastCompare64(alo: number, ahi: number, blo: number, bhi: number): number {
  if (((ahi | bhi) & 0x7fffffff) === 0 && (alo | blo) === 0) return 0;
  const sa = ahi < 0,
    sb = bhi < 0;
  if (sa !== sb) return sa ? -1 : 1;
  // Same sign: compare magnitudes, reversed for negatives.
  const ha = ahi & 0x7fffffff,
    hb = bhi & 0x7fffffff;
  let c = ha !== hb ? (ha < hb ? -1 : 1) : alo === blo ? 0 : alo >>> 0 < blo >>> 0 ? -1 : 1;
  if (sa) c = -c;
  return c;
}

// ------------------------------------------------------------ conversions

/** float64 -> float32 for a normal float64 with a normal float32 result. */
export function fastF64ToF32(lo: number, hi: number, st: FloatStatus): number {
  if (!fastMode(st) || (((hi >>> 20) & 0x7ff) - 1) >>> 0 >= 2046) return NOT_TAKEN;
  const d = f64Value(lo, hi);
  const f = Math.fround(d);
  return finish32(f, d > f ? 1 : d < f ? -1 : 0, st);
}

/** float32 -> float64 for a normal float32 (always exact). */
export function fastF32ToF64(a: number, st: FloatStatus): number {
  if ((((a >>> 23) & 0xff) - 1) >>> 0 >= 254) return NOT_TAKEN;
  const e = ((a >>> 23) & 0xff) - 127 + 1023;
  st.hi = (a & -2147483648) | (e << 20) | ((a & 0x7fffff) >>> 3);
  st.lo = a << 29;
  return st.lo;
}

/** int32 -> float64 (always exact). */
export function fastInt32ToF64(a: number, st: FloatStatus): number {
  F64[0] = a;
  st.hi = I32[1]!;
  st.lo = I32[0]!;
  return st.lo;
}

/**
 * float64 -> int32 rounded in mode (round-to-zero for the truncating forms)
 * for values inside the int32 range: only Inexact can be raised.
 */
export function fastF64ToInt32(lo: number, hi: number, mode: Round, st: FloatStatus): number {
  const e = (hi >>> 20) & 0x7ff;
  // Normal with |x| < 2^30, or zero.
  if (e === 0) return ((hi & 0xfffff) | lo) === 0 ? 0 : NOT_TAKEN;
  if (e >= 1023 + 30 || mode > Round.ToZero) return NOT_TAKEN;
  const x = f64Value(lo, hi);
  let r: number;
  switch (mode) {
    case Round.NearestEven: {
      const f = Math.floor(x);
      const d = x - f;
      r = d > 0.5 || (d === 0.5 && (f & 1) !== 0) ? f + 1 : f;
      break;
    }
    case Round.Down:
      r = Math.floor(x);
      break;
    case Round.Up:
      r = Math.ceil(x);
      break;
    default:
      r = Math.trunc(x);
      break;
  }
  if (r !== x) st.flags |= Flag.Inexact;
  return r | 0;
}
