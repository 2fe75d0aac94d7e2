/**
 * RISC-V comparisons and min/max.
 *
 * feq is a quiet comparison (NV only for signaling NaN operands); flt / fle
 * are signaling (NV for any NaN operand).  fmin / fmax follow IEEE 754-2019
 * minimumNumber / maximumNumber as RISC-V (F 2.2+) specifies: -0 < +0, a
 * single NaN operand yields the other operand, two NaNs yield the canonical
 * NaN, and any signaling NaN operand raises NV.
 */

import { FFLAG_NV, type FpState } from "./flags.ts";
import { F32, I32, f64FromWords, NAN32, NAN64_HI, isNaN32, isNaN64, isSNaN32, isSNaN64 } from "./scratch.ts";

export function eq64(st: FpState, alo: number, ahi: number, blo: number, bhi: number): number {
  if (f64FromWords(alo, ahi) === f64FromWords(blo, bhi)) return 1;
  if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) st.flags |= FFLAG_NV;
  return 0;
}

export function lt64(st: FpState, alo: number, ahi: number, blo: number, bhi: number): number {
  const x = f64FromWords(alo, ahi);
  const y = f64FromWords(blo, bhi);
  if (x < y) return 1;
  if (x !== x || y !== y) st.flags |= FFLAG_NV;
  return 0;
}

export function le64(st: FpState, alo: number, ahi: number, blo: number, bhi: number): number {
  const x = f64FromWords(alo, ahi);
  const y = f64FromWords(blo, bhi);
  if (x <= y) return 1;
  if (x !== x || y !== y) st.flags |= FFLAG_NV;
  return 0;
}

function minMax64(st: FpState, alo: number, ahi: number, blo: number, bhi: number, isMin: boolean): void {
  const x = f64FromWords(alo, ahi);
  const y = f64FromWords(blo, bhi);
  let pickA: boolean;
  if (x < y) pickA = isMin;
  else if (y < x) pickA = !isMin;
  else if (x === y)
    pickA = isMin === ahi < 0; // only differs for +-0
  else {
    if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) st.flags |= FFLAG_NV;
    const aNaN = isNaN64(alo, ahi);
    if (aNaN && isNaN64(blo, bhi)) {
      st.lo = 0;
      st.hi = NAN64_HI;
      return;
    }
    pickA = !aNaN;
  }
  if (pickA) {
    st.lo = alo;
    st.hi = ahi;
  } else {
    st.lo = blo;
    st.hi = bhi;
  }
}

export function min64(st: FpState, alo: number, ahi: number, blo: number, bhi: number): void {
  minMax64(st, alo, ahi, blo, bhi, true);
}

export function max64(st: FpState, alo: number, ahi: number, blo: number, bhi: number): void {
  minMax64(st, alo, ahi, blo, bhi, false);
}

export function eq32(st: FpState, a: number, b: number): number {
  I32[0] = a;
  const x = F32[0];
  I32[0] = b;
  if (x === F32[0]) return 1;
  if (isSNaN32(a) || isSNaN32(b)) st.flags |= FFLAG_NV;
  return 0;
}

export function lt32(st: FpState, a: number, b: number): number {
  I32[0] = a;
  const x = F32[0];
  I32[0] = b;
  const y = F32[0];
  if (x < y) return 1;
  if (x !== x || y !== y) st.flags |= FFLAG_NV;
  return 0;
}

export function le32(st: FpState, a: number, b: number): number {
  I32[0] = a;
  const x = F32[0];
  I32[0] = b;
  const y = F32[0];
  if (x <= y) return 1;
  if (x !== x || y !== y) st.flags |= FFLAG_NV;
  return 0;
}

function minMax32(st: FpState, a: number, b: number, isMin: boolean): number {
  I32[0] = a;
  const x = F32[0];
  I32[0] = b;
  const y = F32[0];
  if (x < y) return isMin ? a : b;
  if (y < x) return isMin ? b : a;
  if (x === y) return isMin === a < 0 ? a : b;
  if (isSNaN32(a) || isSNaN32(b)) st.flags |= FFLAG_NV;
  const aNaN = isNaN32(a);
  if (aNaN && isNaN32(b)) return NAN32;
  return aNaN ? b : a;
}

export function min32(st: FpState, a: number, b: number): number {
  return minMax32(st, a, b, true);
}

export function max32(st: FpState, a: number, b: number): number {
  return minMax32(st, a, b, false);
}
