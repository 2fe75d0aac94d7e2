/**
 * SSE / SSE2 floating-point helpers (QEMU's target/i386/ops_sse.h with
 * SHIFT = 1, i.e. 128-bit XMM registers), plus the SSE3 horizontal and
 * add-subtract forms.
 *
 * Operands are slot indices (absolute, into R) of 4-slot vectors: d is the
 * destination, v the first source (the destination again in legacy SSE
 * encodings), s the second source (a register or the XMM_T0 temporary
 * holding a memory operand).  MMX operands are 2-slot (low, high) indices.
 * `base` locates MXCSR, whose exception bits every helper updates.
 */

import {
  Flag,
  Relation,
  f32Add,
  f32Compare,
  f32CompareQuiet,
  f32Div,
  f32Mul,
  f32Sqrt,
  f32Sub,
  f32ToF64,
  f32ToInt32,
  f32ToInt32RoundToZero,
  f64Add,
  f64Compare,
  f64CompareQuiet,
  f64Div,
  f64Mul,
  f64Sqrt,
  f64Sub,
  f64ToF32,
  f64ToInt32,
  f64ToInt32RoundToZero,
  int32ToF32,
  int32ToF64,
  type FloatStatus,
} from "../../../fpu/index.ts";
import { SSE_MXCSR } from "./layout.ts";
import { sseBegin, sseEnd } from "./status.ts";

type Op32 = (a: number, b: number, st: FloatStatus) => number;
type Op64 = (alo: number, ahi: number, blo: number, bhi: number, st: FloatStatus) => number;

/** FPU_MIN: a < b (signalling compare) ? a : b. */
const min32: Op32 = (a, b, st) => (f32Compare(a, b, st) === Relation.Less ? a : b);
/** FPU_MAX: b < a ? a : b. */
const max32: Op32 = (a, b, st) => (f32Compare(b, a, st) === Relation.Less ? a : b);
const min64: Op64 = (alo, ahi, blo, bhi, st) => {
  const lt = f64Compare(alo, ahi, blo, bhi, st) === Relation.Less;
  st.hi = lt ? ahi : bhi;
  return lt ? alo : blo;
};
const max64: Op64 = (alo, ahi, blo, bhi, st) => {
  const lt = f64Compare(blo, bhi, alo, ahi, st) === Relation.Less;
  st.hi = lt ? ahi : bhi;
  return lt ? alo : blo;
};

function packed32(R: Int32Array, base: number, op: Op32, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i++) R[d + i] = op(R[v + i]!, R[s + i]!, st);
  sseEnd(R, base);
}

function packed64(R: Int32Array, base: number, op: Op64, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i += 2) {
    R[d + i] = op(R[v + i]!, R[v + i + 1]!, R[s + i]!, R[s + i + 1]!, st);
    R[d + i + 1] = st.hi;
  }
  sseEnd(R, base);
}

function scalar32(R: Int32Array, base: number, op: Op32, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = op(R[v]!, R[s]!, st);
  R[d + 1] = R[v + 1]!;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

function scalar64(R: Int32Array, base: number, op: Op64, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = op(R[v]!, R[v + 1]!, R[s]!, R[s + 1]!, st);
  R[d + 1] = st.hi;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

// ------------------------------------------------------------ arithmetic, min, max

export const addps = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed32(R, base, f32Add, d, v, s);
export const subps = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed32(R, base, f32Sub, d, v, s);
export const mulps = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed32(R, base, f32Mul, d, v, s);
export const divps = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed32(R, base, f32Div, d, v, s);
export const minps = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed32(R, base, min32, d, v, s);
export const maxps = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed32(R, base, max32, d, v, s);
export const addpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed64(R, base, f64Add, d, v, s);
export const subpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed64(R, base, f64Sub, d, v, s);
export const mulpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed64(R, base, f64Mul, d, v, s);
export const divpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed64(R, base, f64Div, d, v, s);
export const minpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed64(R, base, min64, d, v, s);
export const maxpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => packed64(R, base, max64, d, v, s);
export const addss = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar32(R, base, f32Add, d, v, s);
export const subss = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar32(R, base, f32Sub, d, v, s);
export const mulss = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar32(R, base, f32Mul, d, v, s);
export const divss = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar32(R, base, f32Div, d, v, s);
export const minss = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar32(R, base, min32, d, v, s);
export const maxss = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar32(R, base, max32, d, v, s);
export const addsd = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar64(R, base, f64Add, d, v, s);
export const subsd = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar64(R, base, f64Sub, d, v, s);
export const mulsd = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar64(R, base, f64Mul, d, v, s);
export const divsd = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar64(R, base, f64Div, d, v, s);
export const minsd = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar64(R, base, min64, d, v, s);
export const maxsd = (R: Int32Array, base: number, d: number, v: number, s: number): void => scalar64(R, base, max64, d, v, s);

export function sqrtps(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i++) R[d + i] = f32Sqrt(R[s + i]!, st);
  sseEnd(R, base);
}

export function sqrtpd(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i += 2) {
    R[d + i] = f64Sqrt(R[s + i]!, R[s + i + 1]!, st);
    R[d + i + 1] = st.hi;
  }
  sseEnd(R, base);
}

export function sqrtss(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = f32Sqrt(R[s]!, st);
  R[d + 1] = R[v + 1]!;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

export function sqrtsd(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = f64Sqrt(R[s]!, R[s + 1]!, st);
  R[d + 1] = st.hi;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

// ------------------------------------------------------------ SSE3 horizontal / alternating forms

/** haddps / hsubps: d = [op(v0,v1), op(v2,v3), op(s0,s1), op(s2,s3)]. */
function horizontal32(R: Int32Array, base: number, op: Op32, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  const r0 = op(R[v]!, R[v + 1]!, st);
  const r1 = op(R[v + 2]!, R[v + 3]!, st);
  const r2 = op(R[s]!, R[s + 1]!, st);
  const r3 = op(R[s + 2]!, R[s + 3]!, st);
  R[d] = r0;
  R[d + 1] = r1;
  R[d + 2] = r2;
  R[d + 3] = r3;
  sseEnd(R, base);
}

function horizontal64(R: Int32Array, base: number, op: Op64, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  const r0 = op(R[v]!, R[v + 1]!, R[v + 2]!, R[v + 3]!, st);
  const r0h = st.hi;
  const r1 = op(R[s]!, R[s + 1]!, R[s + 2]!, R[s + 3]!, st);
  R[d] = r0;
  R[d + 1] = r0h;
  R[d + 2] = r1;
  R[d + 3] = st.hi;
  sseEnd(R, base);
}

export const haddps = (R: Int32Array, base: number, d: number, v: number, s: number): void => horizontal32(R, base, f32Add, d, v, s);
export const hsubps = (R: Int32Array, base: number, d: number, v: number, s: number): void => horizontal32(R, base, f32Sub, d, v, s);
export const haddpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => horizontal64(R, base, f64Add, d, v, s);
export const hsubpd = (R: Int32Array, base: number, d: number, v: number, s: number): void => horizontal64(R, base, f64Sub, d, v, s);

export function addsubps(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i += 2) {
    R[d + i] = f32Sub(R[v + i]!, R[s + i]!, st);
    R[d + i + 1] = f32Add(R[v + i + 1]!, R[s + i + 1]!, st);
  }
  sseEnd(R, base);
}

export function addsubpd(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = f64Sub(R[v]!, R[v + 1]!, R[s]!, R[s + 1]!, st);
  R[d + 1] = st.hi;
  R[d + 2] = f64Add(R[v + 2]!, R[v + 3]!, R[s + 2]!, R[s + 3]!, st);
  R[d + 3] = st.hi;
  sseEnd(R, base);
}

// ------------------------------------------------------------ comparisons

/** The predicate of cmp{ps,pd,ss,sd} imm 0..7: eq, lt, le, unord, neq, nlt, nle, ord (SSE_HELPER_CMP). */
function predicate(imm: number, a: number, st: FloatStatus, b: number, dbl: boolean, alo: number, blo: number): boolean {
  // eq, unord, neq, ord use the quiet compare; lt, le, nlt, nle the signalling one.
  const signalling = imm === 1 || imm === 2 || imm === 5 || imm === 6;
  let rel: Relation;
  if (dbl) rel = signalling ? f64Compare(alo, a, blo, b, st) : f64CompareQuiet(alo, a, blo, b, st);
  else rel = signalling ? f32Compare(a, b, st) : f32CompareQuiet(a, b, st);
  switch (imm) {
    case 0:
      return rel === Relation.Equal;
    case 1:
      return rel === Relation.Less;
    case 2:
      return rel === Relation.Less || rel === Relation.Equal;
    case 3:
      return rel === Relation.Unordered;
    case 4:
      return rel !== Relation.Equal;
    case 5:
      return rel !== Relation.Less;
    case 6:
      return !(rel === Relation.Less || rel === Relation.Equal);
    default:
      return rel !== Relation.Unordered;
  }
}

/** cmpps d, v, s, imm (imm 0..7). */
export function cmpps(R: Int32Array, base: number, d: number, v: number, s: number, imm: number): void {
  const st = sseBegin(R, base);
  const p = imm & 7;
  for (let i = 0; i < 4; i++) R[d + i] = predicate(p, R[v + i]!, st, R[s + i]!, false, 0, 0) ? -1 : 0;
  sseEnd(R, base);
}

export function cmppd(R: Int32Array, base: number, d: number, v: number, s: number, imm: number): void {
  const st = sseBegin(R, base);
  const p = imm & 7;
  for (let i = 0; i < 4; i += 2) {
    const m = predicate(p, R[v + i + 1]!, st, R[s + i + 1]!, true, R[v + i]!, R[s + i]!) ? -1 : 0;
    R[d + i] = m;
    R[d + i + 1] = m;
  }
  sseEnd(R, base);
}

export function cmpss(R: Int32Array, base: number, d: number, v: number, s: number, imm: number): void {
  const st = sseBegin(R, base);
  R[d] = predicate(imm & 7, R[v]!, st, R[s]!, false, 0, 0) ? -1 : 0;
  R[d + 1] = R[v + 1]!;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

export function cmpsd(R: Int32Array, base: number, d: number, v: number, s: number, imm: number): void {
  const st = sseBegin(R, base);
  const m = predicate(imm & 7, R[v + 1]!, st, R[s + 1]!, true, R[v]!, R[s]!) ? -1 : 0;
  R[d] = m;
  R[d + 1] = m;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

/** EFLAGS CF/ZF/PF of comis/ucomis for less, equal, greater, unordered (comis_eflags). */
const COMIS_EFLAGS = [0x01, 0x40, 0x00, 0x45];

/** ucomiss: returns the EFLAGS value (CC_SRC with CC_OP_EFLAGS). */
export function ucomiss(R: Int32Array, base: number, d: number, s: number): number {
  const st = sseBegin(R, base);
  const rel = f32CompareQuiet(R[d]!, R[s]!, st);
  sseEnd(R, base);
  return COMIS_EFLAGS[rel + 1]!;
}

export function comiss(R: Int32Array, base: number, d: number, s: number): number {
  const st = sseBegin(R, base);
  const rel = f32Compare(R[d]!, R[s]!, st);
  sseEnd(R, base);
  return COMIS_EFLAGS[rel + 1]!;
}

export function ucomisd(R: Int32Array, base: number, d: number, s: number): number {
  const st = sseBegin(R, base);
  const rel = f64CompareQuiet(R[d]!, R[d + 1]!, R[s]!, R[s + 1]!, st);
  sseEnd(R, base);
  return COMIS_EFLAGS[rel + 1]!;
}

export function comisd(R: Int32Array, base: number, d: number, s: number): number {
  const st = sseBegin(R, base);
  const rel = f64Compare(R[d]!, R[d + 1]!, R[s]!, R[s + 1]!, st);
  sseEnd(R, base);
  return COMIS_EFLAGS[rel + 1]!;
}

// ------------------------------------------------------------ float <-> float

export function cvtps2pd(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  // Backwards, as QEMU, so that d may alias s.
  for (let i = 1; i >= 0; i--) {
    R[d + 2 * i] = f32ToF64(R[s + i]!, st);
    R[d + 2 * i + 1] = st.hi;
  }
  sseEnd(R, base);
}

export function cvtpd2ps(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 2; i++) R[d + i] = f64ToF32(R[s + 2 * i]!, R[s + 2 * i + 1]!, st);
  R[d + 2] = 0;
  R[d + 3] = 0;
  sseEnd(R, base);
}

export function cvtss2sd(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = f32ToF64(R[s]!, st);
  R[d + 1] = st.hi;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

export function cvtsd2ss(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = f64ToF32(R[s]!, R[s + 1]!, st);
  R[d + 1] = R[v + 1]!;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
  sseEnd(R, base);
}

// ------------------------------------------------------------ integer -> float

export function cvtdq2ps(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i++) R[d + i] = int32ToF32(R[s + i]!, st);
  sseEnd(R, base);
}

export function cvtdq2pd(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 1; i >= 0; i--) {
    R[d + 2 * i] = int32ToF64(R[s + i]!, st);
    R[d + 2 * i + 1] = st.hi;
  }
  sseEnd(R, base);
}

/** cvtpi2ps: the two int32 of MMX operand m into elements 0 and 1 of d. */
export function cvtpi2ps(R: Int32Array, base: number, d: number, m: number): void {
  const st = sseBegin(R, base);
  const a = R[m]!,
    b = R[m + 1]!;
  R[d] = int32ToF32(a, st);
  R[d + 1] = int32ToF32(b, st);
  sseEnd(R, base);
}

export function cvtpi2pd(R: Int32Array, base: number, d: number, m: number): void {
  const st = sseBegin(R, base);
  const a = R[m]!,
    b = R[m + 1]!;
  R[d] = int32ToF64(a, st);
  R[d + 1] = st.hi;
  R[d + 2] = int32ToF64(b, st);
  R[d + 3] = st.hi;
  sseEnd(R, base);
}

export function cvtsi2ss(R: Int32Array, base: number, d: number, val: number): void {
  const st = sseBegin(R, base);
  R[d] = int32ToF32(val, st);
  sseEnd(R, base);
}

export function cvtsi2sd(R: Int32Array, base: number, d: number, val: number): void {
  const st = sseBegin(R, base);
  R[d] = int32ToF64(val, st);
  R[d + 1] = st.hi;
  sseEnd(R, base);
}

// ------------------------------------------------------------ float -> integer

/**
 * x86 returns the integer indefinite 0x80000000 for any conversion that
 * raises Invalid (QEMU's WRAP_FLOATCONV around softfloat's saturation).
 */
function indef(st: FloatStatus, r: number, old: number): number {
  const nf = st.flags;
  st.flags = nf | old;
  return (nf & Flag.Invalid) !== 0 ? -2147483648 : r;
}

function cvt32(a: number, st: FloatStatus, trunc: boolean): number {
  const old = st.flags;
  st.flags = 0;
  return indef(st, trunc ? f32ToInt32RoundToZero(a, st) : f32ToInt32(a, st), old);
}

function cvt64(lo: number, hi: number, st: FloatStatus, trunc: boolean): number {
  const old = st.flags;
  st.flags = 0;
  return indef(st, trunc ? f64ToInt32RoundToZero(lo, hi, st) : f64ToInt32(lo, hi, st), old);
}

function ps2dq(R: Int32Array, base: number, d: number, s: number, trunc: boolean): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i++) R[d + i] = cvt32(R[s + i]!, st, trunc);
  sseEnd(R, base);
}

function pd2dq(R: Int32Array, base: number, d: number, s: number, trunc: boolean): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 2; i++) R[d + i] = cvt64(R[s + 2 * i]!, R[s + 2 * i + 1]!, st, trunc);
  R[d + 2] = 0;
  R[d + 3] = 0;
  sseEnd(R, base);
}

export const cvtps2dq = (R: Int32Array, base: number, d: number, s: number): void => ps2dq(R, base, d, s, false);
export const cvttps2dq = (R: Int32Array, base: number, d: number, s: number): void => ps2dq(R, base, d, s, true);
export const cvtpd2dq = (R: Int32Array, base: number, d: number, s: number): void => pd2dq(R, base, d, s, false);
export const cvttpd2dq = (R: Int32Array, base: number, d: number, s: number): void => pd2dq(R, base, d, s, true);

/** cvt[t]ps2pi: elements 0 and 1 of s into the MMX operand m. */
function ps2pi(R: Int32Array, base: number, m: number, s: number, trunc: boolean): void {
  const st = sseBegin(R, base);
  const a = cvt32(R[s]!, st, trunc);
  const b = cvt32(R[s + 1]!, st, trunc);
  R[m] = a;
  R[m + 1] = b;
  sseEnd(R, base);
}

function pd2pi(R: Int32Array, base: number, m: number, s: number, trunc: boolean): void {
  const st = sseBegin(R, base);
  const a = cvt64(R[s]!, R[s + 1]!, st, trunc);
  const b = cvt64(R[s + 2]!, R[s + 3]!, st, trunc);
  R[m] = a;
  R[m + 1] = b;
  sseEnd(R, base);
}

export const cvtps2pi = (R: Int32Array, base: number, m: number, s: number): void => ps2pi(R, base, m, s, false);
export const cvttps2pi = (R: Int32Array, base: number, m: number, s: number): void => ps2pi(R, base, m, s, true);
export const cvtpd2pi = (R: Int32Array, base: number, m: number, s: number): void => pd2pi(R, base, m, s, false);
export const cvttpd2pi = (R: Int32Array, base: number, m: number, s: number): void => pd2pi(R, base, m, s, true);

export function cvtss2si(R: Int32Array, base: number, s: number): number {
  const st = sseBegin(R, base);
  const r = cvt32(R[s]!, st, false);
  sseEnd(R, base);
  return r;
}

export function cvttss2si(R: Int32Array, base: number, s: number): number {
  const st = sseBegin(R, base);
  const r = cvt32(R[s]!, st, true);
  sseEnd(R, base);
  return r;
}

export function cvtsd2si(R: Int32Array, base: number, s: number): number {
  const st = sseBegin(R, base);
  const r = cvt64(R[s]!, R[s + 1]!, st, false);
  sseEnd(R, base);
  return r;
}

export function cvttsd2si(R: Int32Array, base: number, s: number): number {
  const st = sseBegin(R, base);
  const r = cvt64(R[s]!, R[s + 1]!, st, true);
  sseEnd(R, base);
  return r;
}

// ------------------------------------------------------------ approximations

const F32_ONE = 0x3f800000;

/** rsqrtps: QEMU computes 1 / sqrt(x) exactly rounded, raising no exceptions. */
export function rsqrtps(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i++) R[d + i] = f32Div(F32_ONE, f32Sqrt(R[s + i]!, st), st);
}

export function rsqrtss(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = f32Div(F32_ONE, f32Sqrt(R[s]!, st), st);
  R[d + 1] = R[v + 1]!;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
}

/** rcpps: QEMU computes 1 / x exactly rounded, raising no exceptions. */
export function rcpps(R: Int32Array, base: number, d: number, s: number): void {
  const st = sseBegin(R, base);
  for (let i = 0; i < 4; i++) R[d + i] = f32Div(F32_ONE, R[s + i]!, st);
}

export function rcpss(R: Int32Array, base: number, d: number, v: number, s: number): void {
  const st = sseBegin(R, base);
  R[d] = f32Div(F32_ONE, R[s]!, st);
  R[d + 1] = R[v + 1]!;
  R[d + 2] = R[v + 2]!;
  R[d + 3] = R[v + 3]!;
}

// ------------------------------------------------------------ MXCSR

/**
 * ldmxcsr (cpu_set_mxcsr): the translator raises #GP for reserved bits
 * (QEMU: bits above 0xffff) before calling this.
 */
export function ldmxcsr(R: Int32Array, base: number, val: number): void {
  R[base + SSE_MXCSR] = val;
}

/** stmxcsr: the current MXCSR, exception bits included. */
export function stmxcsr(R: Int32Array, base: number): number {
  return R[base + SSE_MXCSR]!;
}
