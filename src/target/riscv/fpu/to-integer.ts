/**
 * Floating-point to integer conversion (RISC-V fcvt.{w,wu,l,lu}.{s,d}).
 *
 * The value is rounded to an integer under rm first; if that integer is out
 * of range (or the input is NaN / infinite) the result saturates and only NV
 * is raised; otherwise NX is raised when the rounding was inexact.
 * NaN converts to the largest value of the destination type.
 */

import { FFLAG_NV, FFLAG_NX, RM_RDN, RM_RMM, RM_RNE, RM_RUP, type FpState } from "./flags.ts";

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

/** Rounds finite x to an integral double under rm. */
export function roundToIntegral(x: number, rm: number): number {
  const t = Math.trunc(x);
  if (t === x) return x;
  switch (rm) {
    case RM_RNE: {
      const f = Math.abs(x - t);
      if (f > 0.5 || (f === 0.5 && t % 2 !== 0)) return x > 0 ? t + 1 : t - 1;
      return t;
    }
    case RM_RDN:
      return Math.floor(x);
    case RM_RUP:
      return Math.ceil(x);
    case RM_RMM:
      if (Math.abs(x - t) >= 0.5) return x > 0 ? t + 1 : t - 1;
      return t;
    default:
      return t;
  }
}

/** fcvt.w: returns the int32 result. */
export function toInt32(st: FpState, x: number, rm: number): number {
  if (x - x === 0) {
    const r = roundToIntegral(x, rm);
    if (r >= -2147483648 && r <= 2147483647) {
      if (r !== x) st.flags |= FFLAG_NX;
      return r | 0;
    }
  }
  st.flags |= FFLAG_NV;
  return x < 0 ? -2147483648 : 2147483647;
}

/** fcvt.wu: returns the 32-bit result as an int32. */
export function toUint32(st: FpState, x: number, rm: number): number {
  if (x - x === 0) {
    const r = roundToIntegral(x, rm);
    if (r >= 0 && r <= 4294967295) {
      if (r !== x) st.flags |= FFLAG_NX;
      return r | 0;
    }
  }
  st.flags |= FFLAG_NV;
  return x < 0 ? 0 : -1;
}

/** Stores integral double r (|r| < 2^64, two's complement) into st.lo/hi. */
function store64(st: FpState, r: number): void {
  const hi = Math.floor(r / TWO32);
  st.hi = hi | 0;
  st.lo = (r - hi * TWO32) | 0;
}

/** fcvt.l: result in st.lo/st.hi. */
export function toInt64(st: FpState, x: number, rm: number): void {
  if (x - x === 0) {
    const r = roundToIntegral(x, rm);
    if (r >= -TWO63 && r < TWO63) {
      if (r !== x) st.flags |= FFLAG_NX;
      store64(st, r);
      return;
    }
  }
  st.flags |= FFLAG_NV;
  if (x < 0) {
    st.lo = 0;
    st.hi = -2147483648;
  } else {
    st.lo = -1;
    st.hi = 2147483647;
  }
}

/** fcvt.lu: result in st.lo/st.hi. */
export function toUint64(st: FpState, x: number, rm: number): void {
  if (x - x === 0) {
    const r = roundToIntegral(x, rm);
    if (r >= 0 && r < TWO64) {
      if (r !== x) st.flags |= FFLAG_NX;
      store64(st, r);
      return;
    }
  }
  st.flags |= FFLAG_NV;
  const v = x < 0 ? 0 : -1;
  st.lo = v;
  st.hi = v;
}
