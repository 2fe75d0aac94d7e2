/**
 * x87 helpers with their own algorithms in QEMU (target/i386/tcg/fpu_helper.c):
 * f2xm1, fyl2x, fyl2xp1, fpatan (polynomial approximations evaluated with
 * 128-bit fixed-point steps and softfloat floatx80 arithmetic), fprem /
 * fprem1, fscale, fxtract, fsqrt, frndint, and fsin / fcos / fsincos / fptan
 * (through the host's double libm, see libm.ts).  Each follows QEMU's code
 * step by step, including its use of the status flags and the legacy
 * roundAndPackFloatx80 rounding, so results and exceptions are identical.
 *
 * 64-bit quantities are kept as (high, low) int32 word pairs; a 128-bit
 * quantity (QEMU's sig0, sig1) is four words.
 */

import {
  Flag,
  Relation,
  Round,
  X80Precision,
  f64ToX80,
  int32ToX80,
  normalizeRoundAndPackX80,
  x80Compare,
  x80DefaultInf,
  x80DefaultNan,
  x80Div,
  x80InvalidEncoding,
  x80IsAnyNan,
  x80IsInfinity,
  x80IsSignalingNan,
  x80IsZero,
  x80Add,
  x80Mul,
  x80ModRem,
  x80QuotientLo,
  x80RoundToInt,
  x80Scalbn,
  x80Sqrt,
  x80Sub,
  x80ToF64,
  x80ToInt32,
  x80ToInt32RoundToZero,
} from "../../../fpu/index.ts";
import {
  W,
  add128,
  add192,
  clz64,
  estimateDiv128To64,
  le64,
  mul128By64To192,
  mul128To256,
  mul64To128,
  shift128Left,
  shift128Right,
  shift128RightJamming,
  sub128,
  sub192,
} from "../../../fpu/wide.ts";
import { X87_FPUS } from "./layout.ts";
import { x87Libm } from "./libm.ts";
import {
  F2XM1_COEFF_0,
  F2XM1_COEFF_0_LOW,
  F2XM1_COEFF_1,
  F2XM1_COEFF_2,
  F2XM1_COEFF_3,
  F2XM1_COEFF_4,
  F2XM1_COEFF_5,
  F2XM1_COEFF_6,
  F2XM1_COEFF_7,
  F2XM1_TABLE,
  FPATAN_COEFF_0,
  FPATAN_COEFF_1,
  FPATAN_COEFF_2,
  FPATAN_COEFF_3,
  FPATAN_COEFF_4,
  FPATAN_COEFF_5,
  FPATAN_COEFF_6,
  FPATAN_TABLE,
  FYL2X_COEFF_0,
  FYL2X_COEFF_0_LOW,
  FYL2X_COEFF_1,
  FYL2X_COEFF_2,
  FYL2X_COEFF_3,
  FYL2X_COEFF_4,
  FYL2X_COEFF_5,
  FYL2X_COEFF_6,
  FYL2X_COEFF_7,
  FYL2X_COEFF_8,
  FYL2X_COEFF_9,
} from "./x87-constants.ts";
import { fpop, fpush, stSlot } from "./x87.ts";
import { fpSt, x87Begin, x87End } from "./status.ts";

const IMPLICIT = -2147483648;

/** 128-bit significands of log(2), log2(e), pi/4, pi/2, 3pi/4 and pi, as (h0, l0, h1, l1). */
const LN2 = Int32Array.of(0xb17217f7 | 0, 0xd1cf79ab | 0, 0xc9e3b398 | 0, 0x03f2f6af);
const LOG2_E = Int32Array.of(0xb8aa3b29 | 0, 0x5c17f0bb, 0xbe87fed0 | 0, 0x691d3e89);
const PI_SIG = Int32Array.of(0xc90fdaa2 | 0, 0x2168c234, 0xc4c6628b | 0, 0x80dc1cd1 | 0);
const PI_34_SIG = Int32Array.of(0x96cbe3f9 | 0, 0x990e91a7 | 0, 0x9394c9e8 | 0, 0xa0a5159d | 0);
const PI_4_EXP = 0x3ffe;
const PI_2_EXP = 0x3fff;
const PI_34_EXP = 0x4000;
const PI_EXP = 0x4000;

// ------------------------------------------------------------ slot helpers

function put(R: Int32Array, d: number): void {
  R[d] = fpSt.lo;
  R[d + 1] = fpSt.hi;
  R[d + 2] = fpSt.se & 0xffff;
}

function set80(R: Int32Array, d: number, lo: number, hi: number, se: number): void {
  R[d] = lo;
  R[d + 1] = hi;
  R[d + 2] = se & 0xffff;
}

function copy80(R: Int32Array, d: number, s: number): void {
  R[d] = R[s]!;
  R[d + 1] = R[s + 1]!;
  R[d + 2] = R[s + 2]!;
}

/** Writes the default NaN into slot d. */
function putDefaultNan(R: Int32Array, d: number): void {
  x80DefaultNan(fpSt);
  put(R, d);
}

/** Slot d = silenced NaN of slot s (floatx80_silence_nan). */
function putSilenced(R: Int32Array, d: number, s: number): void {
  set80(R, d, R[s]!, R[s + 1]! | 0xc0000000, R[s + 2]!);
}

const isSnan = (R: Int32Array, s: number): boolean => x80IsSignalingNan(R[s]!, R[s + 1]!, R[s + 2]!);
const isAnyNan = (R: Int32Array, s: number): boolean => x80IsAnyNan(R[s]!, R[s + 1]!, R[s + 2]!);
const isInvalid = (R: Int32Array, s: number): boolean => x80InvalidEncoding(R[s]!, R[s + 1]!, R[s + 2]!, fpSt);
const isZero = (R: Int32Array, s: number): boolean => x80IsZero(R[s]!, R[s + 1]!, R[s + 2]!);
const isInf = (R: Int32Array, s: number): boolean => x80IsInfinity(R[s]!, R[s + 1]!, R[s + 2]!, fpSt);

// Accumulator for the floatx80 polynomial evaluations.
let accLo = 0,
  accHi = 0,
  accSe = 0;

function accFrom(): void {
  accLo = fpSt.lo;
  accHi = fpSt.hi;
  accSe = fpSt.se;
}

/**
 * Horner evaluation as QEMU writes it out: accum = c[k] * v, then for each
 * lower coefficient accum = (c + accum) * v, and finally accum = last + accum.
 */
function poly(coeffs: readonly Int32Array[], vlo: number, vhi: number, vse: number, last: Int32Array): void {
  let c = coeffs[0]!;
  x80Mul(c[2]!, c[1]!, c[0]!, vlo, vhi, vse, fpSt);
  accFrom();
  for (let i = 1; i < coeffs.length; i++) {
    c = coeffs[i]!;
    x80Add(c[2]!, c[1]!, c[0]!, accLo, accHi, accSe, fpSt);
    accFrom();
    x80Mul(accLo, accHi, accSe, vlo, vhi, vse, fpSt);
    accFrom();
  }
  x80Add(last[2]!, last[1]!, last[0]!, accLo, accHi, accSe, fpSt);
  accFrom();
}

/** Significand shift and exponent of normalizeFloatx80Subnormal. */
function subnormalShift(h: number, l: number): number {
  return clz64(h, l);
}

// ------------------------------------------------------------ f2xm1

/** f2xm1: ST0 = 2^ST0 - 1 for |ST0| <= 1. */
export function f2xm1(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  let sigH = R[s0 + 1]!,
    sigL = R[s0]!;
  let exp = R[s0 + 2]! & 0x7fff;
  const sign = (R[s0 + 2]! & 0x8000) !== 0;

  if (isInvalid(R, s0)) {
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s0);
  } else if (isAnyNan(R, s0)) {
    if (isSnan(R, s0)) {
      st.flags |= Flag.Invalid;
      putSilenced(R, s0, s0);
    }
  } else if (exp > 0x3fff || (exp === 0x3fff && (sigH !== IMPLICIT || sigL !== 0))) {
    // Out of range for the instruction, treat as invalid.
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s0);
  } else if (exp === 0x3fff) {
    // Argument 1 or -1, exact result 1 or -0.5.
    if (sign) set80(R, s0, 0, IMPLICIT, 0xbffe);
  } else if (exp < 0x3fb0) {
    if (!isZero(R, s0)) {
      // Multiplying the argument by an extra-precision log(2) is precise enough.
      if (exp === 0) {
        const shift = subnormalShift(sigH, sigL);
        shift128Left(sigH, sigL, 0, 0, shift);
        sigH = W[0]!;
        sigL = W[1]!;
        exp = 1 - shift;
      }
      mul128By64To192(LN2[0]!, LN2[1]!, LN2[2]!, LN2[3]!, sigH, sigL);
      normalizeRoundAndPackX80(X80Precision.X, sign, exp, W[0]!, W[1]!, W[2]!, W[3]! | 1, st);
      put(R, s0);
    }
  } else {
    const saveMode = st.roundingMode;
    const savePrec = st.floatx80Precision;
    st.roundingMode = Round.NearestEven;
    st.floatx80Precision = X80Precision.X;

    // Find the nearest multiple of 1/32 to the argument.
    x80Scalbn(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, 5, st);
    const n = 32 + x80ToInt32(st.lo, st.hi, st.se, st);
    const t = n * 9;
    x80Sub(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, F2XM1_TABLE[t + 2]!, F2XM1_TABLE[t + 1]!, F2XM1_TABLE[t]!, st);
    const yLo = st.lo,
      yHi = st.hi,
      ySe = st.se;

    if (x80IsZero(yLo, yHi, ySe)) {
      // QEMU stores the table's t here (its comment says 2^t - 1).
      set80(R, s0, F2XM1_TABLE[t + 2]!, F2XM1_TABLE[t + 1]!, F2XM1_TABLE[t]!);
      st.flags = Flag.Inexact;
      st.roundingMode = saveMode;
    } else {
      // Lower parts of a polynomial expansion for (2^y - 1) / y.
      poly(
        [F2XM1_COEFF_7, F2XM1_COEFF_6, F2XM1_COEFF_5, F2XM1_COEFF_4, F2XM1_COEFF_3, F2XM1_COEFF_2, F2XM1_COEFF_1],
        yLo,
        yHi,
        ySe,
        F2XM1_COEFF_0_LOW,
      );
      // The full expansion is f2xm1_coeff_0 + accum (no carry out possible).
      let aexp = F2XM1_COEFF_0[0]! & 0x7fff;
      let asign = (F2XM1_COEFF_0[0]! & 0x8000) !== 0;
      shift128RightJamming(accHi, accLo, 0, 0, aexp - (accSe & 0x7fff));
      if (asign === ((accSe & 0x8000) !== 0)) add128(F2XM1_COEFF_0[1]!, F2XM1_COEFF_0[2]!, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
      else sub128(F2XM1_COEFF_0[1]!, F2XM1_COEFF_0[2]!, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
      // Approximation to 2^y - 1.
      mul128By64To192(W[0]!, W[1]!, W[2]!, W[3]!, yHi, yLo);
      let a0h = W[0]!,
        a0l = W[1]!,
        a1h = W[2]!,
        a1l = W[3]!;
      aexp += (ySe & 0x7fff) - 0x3ffe;
      asign = asign !== ((ySe & 0x8000) !== 0);
      if (n !== 32) {
        // Multiply by the precomputed 2^t and add 2^t - 1.
        mul128By64To192(a0h, a0l, a1h, a1l, F2XM1_TABLE[t + 4]!, F2XM1_TABLE[t + 5]!);
        a0h = W[0]!;
        a0l = W[1]!;
        a1h = W[2]!;
        a1l = W[3]!;
        aexp += (F2XM1_TABLE[t + 3]! & 0x7fff) - 0x3ffe;
        const bexp = F2XM1_TABLE[t + 6]! & 0x7fff;
        let b0h = F2XM1_TABLE[t + 7]!,
          b0l = F2XM1_TABLE[t + 8]!,
          b1h = 0,
          b1l = 0;
        if (bexp < aexp) {
          shift128RightJamming(b0h, b0l, b1h, b1l, aexp - bexp);
          b0h = W[0]!;
          b0l = W[1]!;
          b1h = W[2]!;
          b1l = W[3]!;
        } else if (aexp < bexp) {
          shift128RightJamming(a0h, a0l, a1h, a1l, bexp - aexp);
          a0h = W[0]!;
          a0l = W[1]!;
          a1h = W[2]!;
          a1l = W[3]!;
          aexp = bexp;
        }
        // The sign of 2^t - 1 is always that of the result.
        const bsign = (F2XM1_TABLE[t + 6]! & 0x8000) !== 0;
        if (asign === bsign) {
          // Avoid a carry out of the addition.
          shift128RightJamming(a0h, a0l, a1h, a1l, 1);
          a0h = W[0]!;
          a0l = W[1]!;
          a1h = W[2]!;
          a1l = W[3]!;
          shift128RightJamming(b0h, b0l, b1h, b1l, 1);
          ++aexp;
          add128(a0h, a0l, a1h, a1l, W[0]!, W[1]!, W[2]!, W[3]!);
        } else {
          sub128(b0h, b0l, b1h, b1l, a0h, a0l, a1h, a1l);
          asign = bsign;
        }
        a0h = W[0]!;
        a0l = W[1]!;
        a1h = W[2]!;
        a1l = W[3]!;
      }
      st.roundingMode = saveMode;
      normalizeRoundAndPackX80(X80Precision.X, asign, aexp, a0h, a0l, a1h, a1l | 1, st);
      put(R, s0);
    }
    st.floatx80Precision = savePrec;
  }
  x87End(R, base);
}

// ------------------------------------------------------------ fsin, fcos, fsincos, fptan

const MAXTAN = 9223372036854775808.0;
const F64 = new Float64Array(1);
const F64W = new Int32Array(F64.buffer);

/** floatx80_to_double (through fp_status, whose flags QEMU never merges here). */
function st0AsDouble(R: Int32Array, s: number): number {
  F64W[0] = x80ToF64(R[s]!, R[s + 1]!, R[s + 2]!, fpSt);
  F64W[1] = fpSt.hi;
  return F64[0]!;
}

/**
 * libm result of f on x as float64 words (F64W), with NaN and infinite
 * arguments handled as glibc does on x86-64.
 */
function libmCall(f: (x: number) => number, x: number, xlo: number, xhi: number): void {
  if (x !== x) {
    // A NaN argument comes back (quieted; it already is, from floatx80_to_float64).
    F64W[0] = xlo;
    F64W[1] = xhi | 0x80000;
    return;
  }
  if (x === Infinity || x === -Infinity) {
    // x / x, or x - x: the default NaN.
    F64W[0] = 0;
    F64W[1] = 0xfff80000 | 0;
    return;
  }
  F64[0] = f(x);
}

/** ST0 slot d = double_to_floatx80(F64W). */
function putDouble(R: Int32Array, d: number): void {
  f64ToX80(F64W[0]!, F64W[1]!, fpSt);
  put(R, d);
}

function libmBegin(R: Int32Array, base: number): void {
  // These helpers neither clear nor merge the softfloat flags (QEMU does
  // neither), but the rounding configuration must follow the control word.
  const flags = fpSt.flags;
  x87Begin(R, base);
  fpSt.flags = flags;
}

export function fptan(R: Int32Array, base: number): void {
  libmBegin(R, base);
  const s0 = stSlot(R, base, 0);
  const x = st0AsDouble(R, s0);
  if (x > MAXTAN || x < -MAXTAN) {
    R[base + X87_FPUS] = R[base + X87_FPUS]! | 0x400;
  } else {
    libmCall(x87Libm().tan, x, F64W[0]!, F64W[1]!);
    putDouble(R, s0);
    fpush(R, base);
    set80(R, stSlot(R, base, 0), 0, IMPLICIT, 0x3fff);
    R[base + X87_FPUS] = R[base + X87_FPUS]! & ~0x400;
  }
}

export function fsin(R: Int32Array, base: number): void {
  libmBegin(R, base);
  const s0 = stSlot(R, base, 0);
  const x = st0AsDouble(R, s0);
  if (x > MAXTAN || x < -MAXTAN) {
    R[base + X87_FPUS] = R[base + X87_FPUS]! | 0x400;
  } else {
    libmCall(x87Libm().sin, x, F64W[0]!, F64W[1]!);
    putDouble(R, s0);
    R[base + X87_FPUS] = R[base + X87_FPUS]! & ~0x400;
  }
}

export function fcos(R: Int32Array, base: number): void {
  libmBegin(R, base);
  const s0 = stSlot(R, base, 0);
  const x = st0AsDouble(R, s0);
  if (x > MAXTAN || x < -MAXTAN) {
    R[base + X87_FPUS] = R[base + X87_FPUS]! | 0x400;
  } else {
    libmCall(x87Libm().cos, x, F64W[0]!, F64W[1]!);
    putDouble(R, s0);
    R[base + X87_FPUS] = R[base + X87_FPUS]! & ~0x400;
  }
}

export function fsincos(R: Int32Array, base: number): void {
  libmBegin(R, base);
  const s0 = stSlot(R, base, 0);
  const x = st0AsDouble(R, s0);
  if (x > MAXTAN || x < -MAXTAN) {
    R[base + X87_FPUS] = R[base + X87_FPUS]! | 0x400;
  } else {
    const xlo = F64W[0]!,
      xhi = F64W[1]!;
    libmCall(x87Libm().sin, x, xlo, xhi);
    putDouble(R, s0);
    fpush(R, base);
    libmCall(x87Libm().cos, x, xlo, xhi);
    putDouble(R, stSlot(R, base, 0));
    R[base + X87_FPUS] = R[base + X87_FPUS]! & ~0x400;
  }
}

// ------------------------------------------------------------ fpatan

/** fpatan: ST1 = atan2(ST1, ST0), then pop. */
export function fpatan(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  const s1 = stSlot(R, base, 1);
  let a0h = R[s0 + 1]!,
    a0l = R[s0]!;
  let a0exp = R[s0 + 2]! & 0x7fff;
  const a0sign = (R[s0 + 2]! & 0x8000) !== 0;
  let a1h = R[s1 + 1]!,
    a1l = R[s1]!;
  let a1exp = R[s1 + 2]! & 0x7fff;
  const a1sign = (R[s1 + 2]! & 0x8000) !== 0;

  if (isSnan(R, s0)) {
    st.flags |= Flag.Invalid;
    putSilenced(R, s1, s0);
  } else if (isSnan(R, s1)) {
    st.flags |= Flag.Invalid;
    putSilenced(R, s1, s1);
  } else if (isInvalid(R, s0) || isInvalid(R, s1)) {
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s1);
  } else if (isAnyNan(R, s0)) {
    copy80(R, s1, s0);
  } else if (isAnyNan(R, s1)) {
    // Pass this NaN through.
  } else if (isZero(R, s1) && !a0sign) {
    // Pass this zero through.
  } else if (((isInf(R, s0) && !isInf(R, s1)) || a0exp - a1exp >= 80) && !a0sign) {
    // ST1 / ST0 is correct up to rounding; an exact finite nonzero quotient is still inexact.
    const savePrec = st.floatx80Precision;
    st.floatx80Precision = X80Precision.X;
    x80Div(R[s1]!, R[s1 + 1]!, R[s1 + 2]!, R[s0]!, R[s0 + 1]!, R[s0 + 2]!, st);
    put(R, s1);
    st.floatx80Precision = savePrec;
    if (!isZero(R, s1) && (st.flags & Flag.Inexact) === 0) {
      let sh = R[s1 + 1]!,
        sl = R[s1]!;
      let exp = R[s1 + 2]! & 0x7fff;
      const sign = (R[s1 + 2]! & 0x8000) !== 0;
      if (exp === 0) {
        const shift = subnormalShift(sh, sl);
        shift128Left(sh, sl, 0, 0, shift);
        sh = W[0]!;
        sl = W[1]!;
        exp = 1 - shift;
      }
      // sig - 1, with all-ones low bits.
      const ml = (sl - 1) | 0;
      const mh = sl === 0 ? (sh - 1) | 0 : sh;
      normalizeRoundAndPackX80(X80Precision.X, sign, exp, mh, ml, -1, -1, st);
      put(R, s1);
    }
  } else {
    // The result is inexact.
    const rsign = a1sign;
    let rexp: number, r0h: number, r0l: number, r1h: number, r1l: number;
    if (isZero(R, s1)) {
      // ST0 is negative: pi with the sign of ST1.
      rexp = PI_EXP;
      [r0h, r0l, r1h, r1l] = [PI_SIG[0]!, PI_SIG[1]!, PI_SIG[2]!, PI_SIG[3]!];
    } else if (isInf(R, s1)) {
      if (isInf(R, s0)) {
        if (a0sign) {
          rexp = PI_34_EXP;
          [r0h, r0l, r1h, r1l] = [PI_34_SIG[0]!, PI_34_SIG[1]!, PI_34_SIG[2]!, PI_34_SIG[3]!];
        } else {
          rexp = PI_4_EXP;
          [r0h, r0l, r1h, r1l] = [PI_SIG[0]!, PI_SIG[1]!, PI_SIG[2]!, PI_SIG[3]!];
        }
      } else {
        rexp = PI_2_EXP;
        [r0h, r0l, r1h, r1l] = [PI_SIG[0]!, PI_SIG[1]!, PI_SIG[2]!, PI_SIG[3]!];
      }
    } else if (isZero(R, s0) || a1exp - a0exp >= 80) {
      rexp = PI_2_EXP;
      [r0h, r0l, r1h, r1l] = [PI_SIG[0]!, PI_SIG[1]!, PI_SIG[2]!, PI_SIG[3]!];
    } else if (isInf(R, s0) || a0exp - a1exp >= 80) {
      // ST0 is negative.
      rexp = PI_EXP;
      [r0h, r0l, r1h, r1l] = [PI_SIG[0]!, PI_SIG[1]!, PI_SIG[2]!, PI_SIG[3]!];
    } else {
      // ST0 and ST1 are finite, nonzero and with exponents not too far apart.
      const saveMode = st.roundingMode;
      const savePrec = st.floatx80Precision;
      st.roundingMode = Round.NearestEven;
      st.floatx80Precision = X80Precision.X;

      if (a0exp === 0) {
        const shift = subnormalShift(a0h, a0l);
        shift128Left(a0h, a0l, 0, 0, shift);
        a0h = W[0]!;
        a0l = W[1]!;
        a0exp = 1 - shift;
      }
      if (a1exp === 0) {
        const shift = subnormalShift(a1h, a1l);
        shift128Left(a1h, a1l, 0, 0, shift);
        a1h = W[0]!;
        a1l = W[1]!;
        a1exp = 1 - shift;
      }
      let numExp: number, numH: number, numL: number, denExp: number, denH: number, denL: number;
      let adjExp: number, adj0h: number, adj0l: number, adj1h: number, adj1l: number, adjSub: boolean;
      if (a0exp > a1exp || (a0exp === a1exp && le64(a1h, a1l, a0h, a0l))) {
        // Work with abs(ST1) / abs(ST0).
        numExp = a1exp;
        numH = a1h;
        numL = a1l;
        denExp = a0exp;
        denH = a0h;
        denL = a0l;
        if (a0sign) {
          // The result is subtracted from pi.
          adjExp = PI_EXP;
          [adj0h, adj0l, adj1h, adj1l] = [PI_SIG[0]!, PI_SIG[1]!, PI_SIG[2]!, PI_SIG[3]!];
          adjSub = true;
        } else {
          adjExp = 0;
          adj0h = adj0l = adj1h = adj1l = 0;
          adjSub = false;
        }
      } else {
        // Work with abs(ST0) / abs(ST1): the result is added to or subtracted from pi/2.
        numExp = a0exp;
        numH = a0h;
        numL = a0l;
        denExp = a1exp;
        denH = a1h;
        denL = a1l;
        adjExp = PI_2_EXP;
        [adj0h, adj0l, adj1h, adj1l] = [PI_SIG[0]!, PI_SIG[1]!, PI_SIG[2]!, PI_SIG[3]!];
        adjSub = !a0sign;
      }

      // x = num / den, 0 < x <= 1 and not too small.
      let xexp = numExp - denExp + 0x3ffe;
      let rem0h = numH,
        rem0l = numL,
        rem1h = 0,
        rem1l = 0;
      if (le64(denH, denL, rem0h, rem0l)) {
        shift128Right(rem0h, rem0l, rem1h, rem1l, 1);
        [rem0h, rem0l, rem1h, rem1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
        ++xexp;
      }
      estimateDiv128To64(rem0h, rem0l, rem1h, rem1l, denH, denL);
      let x0h = W[0]!,
        x0l = W[1]!;
      mul64To128(denH, denL, x0h, x0l);
      sub128(rem0h, rem0l, rem1h, rem1l, W[0]!, W[1]!, W[2]!, W[3]!);
      [rem0h, rem0l, rem1h, rem1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
      while (rem0h < 0) {
        x0l = (x0l - 1) | 0;
        if (x0l === -1) x0h = (x0h - 1) | 0;
        add128(rem0h, rem0l, rem1h, rem1l, 0, 0, denH, denL);
        [rem0h, rem0l, rem1h, rem1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
      }
      estimateDiv128To64(rem1h, rem1l, 0, 0, denH, denL);
      const x1h = W[0]!,
        x1l = W[1]!;
      // No need to correct any estimation error in xsig1.

      // Split x = t + y, t = n/8 the nearest multiple of 1/8 to x.
      normalizeRoundAndPackX80(X80Precision.X, false, xexp + 3, x0h, x0l, x1h, x1l, st);
      const n = x80ToInt32(st.lo, st.hi, st.se, st);
      let ysign: boolean, yexp: number, texp: number;
      let y0h: number, y0l: number, y1h: number, y1l: number, tH: number, tL: number;
      if (n === 0) {
        ysign = false;
        yexp = xexp;
        [y0h, y0l, y1h, y1l] = [x0h, x0l, x1h, x1l];
        texp = 0;
        tH = tL = 0;
      } else {
        let shift = Math.clz32(n) + 32;
        texp = 0x403b - shift;
        // tsig = n << shift (64-bit)
        shift128Left(0, 0, 0, n, shift);
        tH = W[2]!;
        tL = W[3]!;
        if (texp === xexp) {
          sub128(x0h, x0l, x1h, x1l, tH, tL, 0, 0);
          [y0h, y0l, y1h, y1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          if (y0h >= 0) {
            ysign = false;
            if ((y0h | y0l) === 0) {
              if ((y1h | y1l) === 0) {
                yexp = 0;
              } else {
                shift = clz64(y1h, y1l) + 64;
                yexp = xexp - shift;
                shift128Left(y0h, y0l, y1h, y1l, shift);
                [y0h, y0l, y1h, y1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
              }
            } else {
              shift = clz64(y0h, y0l);
              yexp = xexp - shift;
              shift128Left(y0h, y0l, y1h, y1l, shift);
              [y0h, y0l, y1h, y1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
            }
          } else {
            ysign = true;
            sub128(0, 0, 0, 0, y0h, y0l, y1h, y1l);
            [y0h, y0l, y1h, y1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
            shift = (y0h | y0l) === 0 ? clz64(y1h, y1l) + 64 : clz64(y0h, y0l);
            yexp = xexp - shift;
            shift128Left(y0h, y0l, y1h, y1l, shift);
            [y0h, y0l, y1h, y1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          }
        } else {
          // t's exponent is greater than x's.
          shift128RightJamming(x0h, x0l, x1h, x1l, texp - xexp);
          ysign = true;
          sub128(tH, tL, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
          [y0h, y0l, y1h, y1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          shift = (y0h | y0l) === 0 ? clz64(y1h, y1l) + 64 : clz64(y0h, y0l);
          yexp = texp - shift;
          shift128Left(y0h, y0l, y1h, y1l, shift);
          [y0h, y0l, y1h, y1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
        }
      }

      // z = y / (1 + tx), so arctan(x) = arctan(t) + arctan(z).
      const zsign = ysign;
      let zexp: number, z0h: number, z0l: number, z1h: number, z1l: number;
      if (texp === 0 || yexp === 0) {
        zexp = yexp;
        [z0h, z0l, z1h, z1l] = [y0h, y0l, y1h, y1l];
      } else {
        const dexp = texp + xexp - 0x3ffe;
        mul128By64To192(x0h, x0l, x1h, x1l, tH, tL);
        shift128RightJamming(W[0]!, W[1]!, W[2]!, W[3]!, 0x3fff - dexp);
        const d0h = W[0]! | IMPLICIT,
          d0l = W[1]!,
          d1h = W[2]!,
          d1l = W[3]!;
        zexp = yexp - 1;
        let q0h = y0h,
          q0l = y0l,
          q1h = y1h,
          q1l = y1l,
          q2h = 0,
          q2l = 0;
        if (le64(d0h, d0l, q0h, q0l)) {
          shift128Right(q0h, q0l, q1h, q1l, 1);
          [q0h, q0l, q1h, q1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          ++zexp;
        }
        estimateDiv128To64(q0h, q0l, q1h, q1l, d0h, d0l);
        z0h = W[0]!;
        z0l = W[1]!;
        mul128By64To192(d0h, d0l, d1h, d1l, z0h, z0l);
        sub192(q0h, q0l, q1h, q1l, q2h, q2l, W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!);
        [q0h, q0l, q1h, q1l, q2h, q2l] = [W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!];
        while (q0h < 0) {
          z0l = (z0l - 1) | 0;
          if (z0l === -1) z0h = (z0h - 1) | 0;
          add192(q0h, q0l, q1h, q1l, q2h, q2l, 0, 0, d0h, d0l, d1h, d1l);
          [q0h, q0l, q1h, q1l, q2h, q2l] = [W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!];
        }
        estimateDiv128To64(q1h, q1l, q2h, q2l, d0h, d0l);
        z1h = W[0]!;
        z1l = W[1]!;
      }

      let azexp: number, az0h: number, az0l: number, az1h: number, az1l: number;
      if (zexp === 0) {
        azexp = 0;
        az0h = az0l = az1h = az1l = 0;
      } else {
        // z^2, then the polynomial.
        mul128To256(z0h, z0l, z1h, z1l, z0h, z0l, z1h, z1l);
        normalizeRoundAndPackX80(X80Precision.X, false, zexp + zexp - 0x3ffe, W[0]!, W[1]!, W[2]!, W[3]!, st);
        const z2lo = st.lo,
          z2hi = st.hi,
          z2se = st.se;
        poly([FPATAN_COEFF_6, FPATAN_COEFF_5, FPATAN_COEFF_4, FPATAN_COEFF_3, FPATAN_COEFF_2], z2lo, z2hi, z2se, FPATAN_COEFF_1);
        x80Mul(accLo, accHi, accSe, z2lo, z2hi, z2se, st);
        accFrom();
        // The full expansion is z * (fpatan_coeff_0 + accum); accum is negative and much smaller.
        const aexp = FPATAN_COEFF_0[0]! & 0x7fff;
        shift128RightJamming(accHi, accLo, 0, 0, aexp - (accSe & 0x7fff));
        sub128(FPATAN_COEFF_0[1]!, FPATAN_COEFF_0[2]!, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
        azexp = aexp + zexp - 0x3ffe;
        mul128To256(W[0]!, W[1]!, W[2]!, W[3]!, z0h, z0l, z1h, z1l);
        [az0h, az0l, az1h, az1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
      }

      // arctan(t) (positive or zero) + arctan(z) (sign zsign).
      let axexp: number, ax0h: number, ax0l: number, ax1h: number, ax1l: number;
      if (texp === 0) {
        axexp = azexp;
        [ax0h, ax0l, ax1h, ax1l] = [az0h, az0l, az1h, az1l];
      } else {
        const k = n * 6;
        const lowSign = (FPATAN_TABLE[k + 3]! & 0x8000) !== 0;
        const lowExp = FPATAN_TABLE[k + 3]! & 0x7fff;
        axexp = FPATAN_TABLE[k]! & 0x7fff;
        shift128RightJamming(FPATAN_TABLE[k + 4]!, FPATAN_TABLE[k + 5]!, 0, 0, axexp - lowExp);
        if (lowSign) sub128(FPATAN_TABLE[k + 1]!, FPATAN_TABLE[k + 2]!, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
        else add128(FPATAN_TABLE[k + 1]!, FPATAN_TABLE[k + 2]!, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
        [ax0h, ax0l, ax1h, ax1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
        if (azexp >= axexp) {
          shift128RightJamming(ax0h, ax0l, ax1h, ax1l, azexp - axexp + 1);
          [ax0h, ax0l, ax1h, ax1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          axexp = azexp + 1;
          shift128RightJamming(az0h, az0l, az1h, az1l, 1);
          [az0h, az0l, az1h, az1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
        } else {
          shift128RightJamming(ax0h, ax0l, ax1h, ax1l, 1);
          [ax0h, ax0l, ax1h, ax1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          shift128RightJamming(az0h, az0l, az1h, az1l, axexp - azexp + 1);
          [az0h, az0l, az1h, az1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          ++axexp;
        }
        if (zsign) sub128(ax0h, ax0l, ax1h, ax1l, az0h, az0l, az1h, az1l);
        else add128(ax0h, ax0l, ax1h, ax1l, az0h, az0l, az1h, az1l);
        [ax0h, ax0l, ax1h, ax1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
      }

      if (adjExp === 0) {
        rexp = axexp;
        [r0h, r0l, r1h, r1l] = [ax0h, ax0l, ax1h, ax1l];
      } else {
        // Add or subtract arctan(x) to the adjustment (pi or pi/2).
        if (adjExp >= axexp) {
          shift128RightJamming(ax0h, ax0l, ax1h, ax1l, adjExp - axexp + 1);
          [ax0h, ax0l, ax1h, ax1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          rexp = adjExp + 1;
          shift128RightJamming(adj0h, adj0l, adj1h, adj1l, 1);
          [adj0h, adj0l, adj1h, adj1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
        } else {
          shift128RightJamming(ax0h, ax0l, ax1h, ax1l, 1);
          [ax0h, ax0l, ax1h, ax1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          shift128RightJamming(adj0h, adj0l, adj1h, adj1l, axexp - adjExp + 1);
          [adj0h, adj0l, adj1h, adj1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
          rexp = axexp + 1;
        }
        if (adjSub) sub128(adj0h, adj0l, adj1h, adj1l, ax0h, ax0l, ax1h, ax1l);
        else add128(adj0h, adj0l, adj1h, adj1l, ax0h, ax0l, ax1h, ax1l);
        [r0h, r0l, r1h, r1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
      }
      st.roundingMode = saveMode;
      st.floatx80Precision = savePrec;
    }
    normalizeRoundAndPackX80(X80Precision.X, rsign, rexp, r0h, r0l, r1h, r1l | 1, st);
    put(R, s1);
  }
  fpop(R, base);
  x87End(R, base);
}

// ------------------------------------------------------------ fxtract

/** fxtract: ST0 -> exponent in ST1, significand (exponent 0x3fff) in ST0. */
export function fxtract(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  const tlo = R[s0]!,
    thi = R[s0 + 1]!,
    tse = R[s0 + 2]!;
  if (isZero(R, s0)) {
    // -1 / 0: -inf with divide-by-zero.
    x80Div(0, IMPLICIT, 0xbfff, 0, 0, 0, st);
    put(R, s0);
    fpush(R, base);
    set80(R, stSlot(R, base, 0), tlo, thi, tse);
  } else if (isInvalid(R, s0)) {
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s0);
    fpush(R, base);
    copy80(R, stSlot(R, base, 0), stSlot(R, base, 1));
  } else if (isAnyNan(R, s0)) {
    if (isSnan(R, s0)) {
      st.flags |= Flag.Invalid;
      putSilenced(R, s0, s0);
    }
    fpush(R, base);
    copy80(R, stSlot(R, base, 0), stSlot(R, base, 1));
  } else if (isInf(R, s0)) {
    fpush(R, base);
    copy80(R, stSlot(R, base, 0), stSlot(R, base, 1));
    x80DefaultInf(false, st);
    put(R, stSlot(R, base, 1));
  } else {
    let mh = thi,
      ml = tlo;
    let expdif: number;
    if ((tse & 0x7fff) === 0) {
      const shift = clz64(mh, ml);
      shift128Left(mh, ml, 0, 0, shift);
      mh = W[0]!;
      ml = W[1]!;
      expdif = 1 - 16383 - shift;
      st.flags |= Flag.InputDenormalFlushed;
    } else {
      expdif = (tse & 0x7fff) - 16383;
    }
    int32ToX80(expdif, st);
    put(R, s0);
    fpush(R, base);
    set80(R, stSlot(R, base, 0), ml, mh, (tse & ~0x7fff) | 16383);
  }
  x87End(R, base);
}

// ------------------------------------------------------------ fprem, fprem1

function fpremCommon(R: Int32Array, base: number, mod: boolean): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  const s1 = stSlot(R, base, 1);
  let exp0 = R[s0 + 2]! & 0x7fff;
  let exp1 = R[s1 + 2]! & 0x7fff;
  R[base + X87_FPUS] = R[base + X87_FPUS]! & ~0x4700;
  if (isZero(R, s0) || isZero(R, s1) || exp0 === 0x7fff || exp1 === 0x7fff || isInvalid(R, s0) || isInvalid(R, s1)) {
    x80ModRem(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, R[s1]!, R[s1 + 1]!, R[s1 + 2]!, mod, st);
    put(R, s0);
  } else {
    if (exp0 === 0) exp0 = 1 - clz64(R[s0 + 1]!, R[s0]!);
    if (exp1 === 0) exp1 = 1 - clz64(R[s1 + 1]!, R[s1]!);
    const expdiff = exp0 - exp1;
    if (expdiff < 64) {
      x80ModRem(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, R[s1]!, R[s1 + 1]!, R[s1 + 2]!, mod, st);
      put(R, s0);
      const q = x80QuotientLo();
      R[base + X87_FPUS] = R[base + X87_FPUS]! | ((q & 4) << 6) | ((q & 2) << 13) | ((q & 1) << 9);
    } else {
      // Partial remainder: reduce by 32..63 bits of quotient (as AMD documents and Intel does).
      const n = 32 + (expdiff % 32);
      x80Scalbn(R[s1]!, R[s1 + 1]!, R[s1 + 2]!, expdiff - n, st);
      x80ModRem(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, st.lo, st.hi, st.se, true, st);
      put(R, s0);
      R[base + X87_FPUS] = R[base + X87_FPUS]! | 0x400;
    }
  }
  x87End(R, base);
}

/**
 * fprem1: IEEE partial remainder.  As in QEMU, the quotient bits C0, C3, C1
 * stay clear (floatx80_modrem only reports the quotient of fprem).
 */
export function fprem1(R: Int32Array, base: number): void {
  fpremCommon(R, base, false);
}

/** fprem: partial remainder of the quotient truncated toward zero, with its low bits in C0, C3, C1. */
export function fprem(R: Int32Array, base: number): void {
  fpremCommon(R, base, true);
}

// ------------------------------------------------------------ fyl2x, fyl2xp1

let lgExp = 0,
  lg0h = 0,
  lg0l = 0,
  lg1h = 0,
  lg1l = 0;

/**
 * helper_fyl2x_common: log2(1 + arg) for 1 + arg in [sqrt(2)/2, sqrt(2)],
 * with rounding nearest-even and extended precision in effect; result in
 * lgExp, (lg0, lg1).
 */
function fyl2xCommon(alo: number, ahi: number, ase: number): void {
  const st = fpSt;
  const a0exp = ase & 0x7fff;
  const a0sign = (ase & 0x8000) !== 0;
  // arg / (2 + arg) with extra precision.
  let dexp: number;
  let d0h: number, d0l: number, d1h: number, d1l: number;
  if (a0sign) {
    dexp = 0x3fff;
    shift128RightJamming(ahi, alo, 0, 0, dexp - a0exp);
    sub128(0, 0, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
    [d0h, d0l, d1h, d1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
  } else {
    dexp = 0x4000;
    shift128RightJamming(ahi, alo, 0, 0, dexp - a0exp);
    [d0h, d0l, d1h, d1l] = [W[0]! | IMPLICIT, W[1]!, W[2]!, W[3]!];
  }
  let texp = a0exp - dexp + 0x3ffe;
  let r0h = ahi,
    r0l = alo,
    r1h = 0,
    r1l = 0,
    r2h = 0,
    r2l = 0;
  if (le64(d0h, d0l, r0h, r0l)) {
    shift128Right(r0h, r0l, r1h, r1l, 1);
    [r0h, r0l, r1h, r1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
    ++texp;
  }
  estimateDiv128To64(r0h, r0l, r1h, r1l, d0h, d0l);
  let t0h = W[0]!,
    t0l = W[1]!;
  mul128By64To192(d0h, d0l, d1h, d1l, t0h, t0l);
  sub192(r0h, r0l, r1h, r1l, r2h, r2l, W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!);
  [r0h, r0l, r1h, r1l, r2h, r2l] = [W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!];
  while (r0h < 0) {
    t0l = (t0l - 1) | 0;
    if (t0l === -1) t0h = (t0h - 1) | 0;
    add192(r0h, r0l, r1h, r1l, r2h, r2l, 0, 0, d0h, d0l, d1h, d1l);
    [r0h, r0l, r1h, r1l, r2h, r2l] = [W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!];
  }
  estimateDiv128To64(r1h, r1l, r2h, r2l, d0h, d0l);
  const t1h = W[0]!,
    t1l = W[1]!;
  // Its square.
  mul128To256(t0h, t0l, t1h, t1l, t0h, t0l, t1h, t1l);
  normalizeRoundAndPackX80(X80Precision.X, false, texp + texp - 0x3ffe, W[0]!, W[1]!, W[2]!, W[3]!, st);
  const t2lo = st.lo,
    t2hi = st.hi,
    t2se = st.se;
  poly(
    [FYL2X_COEFF_9, FYL2X_COEFF_8, FYL2X_COEFF_7, FYL2X_COEFF_6, FYL2X_COEFF_5, FYL2X_COEFF_4, FYL2X_COEFF_3, FYL2X_COEFF_2, FYL2X_COEFF_1],
    t2lo,
    t2hi,
    t2se,
    FYL2X_COEFF_0_LOW,
  );
  // fyl2x_coeff_0 + accum, times t.
  let aexp = FYL2X_COEFF_0[0]! & 0x7fff;
  const asign = (FYL2X_COEFF_0[0]! & 0x8000) !== 0;
  shift128RightJamming(accHi, accLo, 0, 0, aexp - (accSe & 0x7fff));
  if (asign === ((accSe & 0x8000) !== 0)) add128(FYL2X_COEFF_0[1]!, FYL2X_COEFF_0[2]!, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
  else sub128(FYL2X_COEFF_0[1]!, FYL2X_COEFF_0[2]!, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
  mul128To256(W[0]!, W[1]!, W[2]!, W[3]!, t0h, t0l, t1h, t1l);
  aexp += texp - 0x3ffe;
  lgExp = aexp;
  lg0h = W[0]!;
  lg0l = W[1]!;
  lg1h = W[2]!;
  lg1l = W[3]!;
}

/** fyl2xp1: ST1 = ST1 * log2(ST0 + 1), then pop. */
export function fyl2xp1(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  const s1 = stSlot(R, base, 1);
  let a0h = R[s0 + 1]!,
    a0l = R[s0]!;
  let a0exp = R[s0 + 2]! & 0x7fff;
  const a0sign = (R[s0 + 2]! & 0x8000) !== 0;
  let a1h = R[s1 + 1]!,
    a1l = R[s1]!;
  let a1exp = R[s1 + 2]! & 0x7fff;
  const a1sign = (R[s1 + 2]! & 0x8000) !== 0;

  if (isSnan(R, s0)) {
    st.flags |= Flag.Invalid;
    putSilenced(R, s1, s0);
  } else if (isSnan(R, s1)) {
    st.flags |= Flag.Invalid;
    putSilenced(R, s1, s1);
  } else if (isInvalid(R, s0) || isInvalid(R, s1)) {
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s1);
  } else if (isAnyNan(R, s0)) {
    copy80(R, s1, s0);
  } else if (isAnyNan(R, s1)) {
    // Pass this NaN through.
  } else if (
    a0exp > 0x3ffd ||
    (a0exp === 0x3ffd && (a0sign ? !le64(a0h, a0l, 0x95f61998 | 0, 0x0c4336f7) : !le64(a0h, a0l, 0xd413cccf | 0, 0xe7799211 | 0)))
  ) {
    // Out of range for the instruction (|ST0| must be below 1 - sqrt(2)/2; AMD allows sqrt(2)/2 - 1 .. sqrt(2) - 1).
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s1);
  } else if (isZero(R, s0) || isZero(R, s1) || a1exp === 0x7fff) {
    // One argument is zero, or multiplying by infinity: the product is exact.
    x80Mul(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, R[s1]!, R[s1 + 1]!, R[s1 + 2]!, st);
    put(R, s1);
  } else if (a0exp < 0x3fb0) {
    // Multiplying both arguments and an extra-precision log2(e) is precise enough.
    if (a0exp === 0) {
      const shift = subnormalShift(a0h, a0l);
      shift128Left(a0h, a0l, 0, 0, shift);
      a0h = W[0]!;
      a0l = W[1]!;
      a0exp = 1 - shift;
    }
    if (a1exp === 0) {
      const shift = subnormalShift(a1h, a1l);
      shift128Left(a1h, a1l, 0, 0, shift);
      a1h = W[0]!;
      a1l = W[1]!;
      a1exp = 1 - shift;
    }
    mul128By64To192(LOG2_E[0]!, LOG2_E[1]!, LOG2_E[2]!, LOG2_E[3]!, a0h, a0l);
    let exp = a0exp + 1;
    mul128By64To192(W[0]!, W[1]!, W[2]!, W[3]!, a1h, a1l);
    exp += a1exp - 0x3ffe;
    normalizeRoundAndPackX80(X80Precision.X, a0sign !== a1sign, exp, W[0]!, W[1]!, W[2]!, W[3]! | 1, st);
    put(R, s1);
  } else {
    const saveMode = st.roundingMode;
    const savePrec = st.floatx80Precision;
    st.roundingMode = Round.NearestEven;
    st.floatx80Precision = X80Precision.X;
    fyl2xCommon(R[s0]!, R[s0 + 1]!, R[s0 + 2]!);
    // Multiply by the second argument.
    if (a1exp === 0) {
      const shift = subnormalShift(a1h, a1l);
      shift128Left(a1h, a1l, 0, 0, shift);
      a1h = W[0]!;
      a1l = W[1]!;
      a1exp = 1 - shift;
    }
    mul128By64To192(lg0h, lg0l, lg1h, lg1l, a1h, a1l);
    const aexp = lgExp + a1exp - 0x3ffe;
    st.roundingMode = saveMode;
    normalizeRoundAndPackX80(X80Precision.X, a0sign !== a1sign, aexp, W[0]!, W[1]!, W[2]!, W[3]! | 1, st);
    put(R, s1);
    st.floatx80Precision = savePrec;
  }
  fpop(R, base);
  x87End(R, base);
}

const ONE_HI = IMPLICIT;
const ONE_SE = 0x3fff;

/** fyl2x: ST1 = ST1 * log2(ST0), then pop. */
export function fyl2x(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  const s1 = stSlot(R, base, 1);
  let a0h = R[s0 + 1]!,
    a0l = R[s0]!;
  let a0exp = R[s0 + 2]! & 0x7fff;
  const a0sign = (R[s0 + 2]! & 0x8000) !== 0;
  let a1h = R[s1 + 1]!,
    a1l = R[s1]!;
  let a1exp = R[s1 + 2]! & 0x7fff;
  const a1sign = (R[s1 + 2]! & 0x8000) !== 0;

  if (isSnan(R, s0)) {
    st.flags |= Flag.Invalid;
    putSilenced(R, s1, s0);
  } else if (isSnan(R, s1)) {
    st.flags |= Flag.Invalid;
    putSilenced(R, s1, s1);
  } else if (isInvalid(R, s0) || isInvalid(R, s1)) {
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s1);
  } else if (isAnyNan(R, s0)) {
    copy80(R, s1, s0);
  } else if (isAnyNan(R, s1)) {
    // Pass this NaN through.
  } else if (a0sign && !isZero(R, s0)) {
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s1);
  } else if (isInf(R, s1)) {
    const cmp = x80Compare(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, 0, ONE_HI, ONE_SE, st);
    if (cmp === Relation.Less) {
      R[s1 + 2] = R[s1 + 2]! ^ 0x8000;
    } else if (cmp === Relation.Greater) {
      // Infinity of the same sign as ST1.
    } else {
      st.flags |= Flag.Invalid;
      putDefaultNan(R, s1);
    }
  } else if (isInf(R, s0)) {
    if (isZero(R, s1)) {
      st.flags |= Flag.Invalid;
      putDefaultNan(R, s1);
    } else if (a1sign) {
      set80(R, s1, R[s0]!, R[s0 + 1]!, R[s0 + 2]! ^ 0x8000);
    } else {
      copy80(R, s1, s0);
    }
  } else if (isZero(R, s0)) {
    if (isZero(R, s1)) {
      st.flags |= Flag.Invalid;
      putDefaultNan(R, s1);
    } else {
      // Infinity with the opposite sign to ST1.
      st.flags |= Flag.DivByZero;
      set80(R, s1, 0, IMPLICIT, a1sign ? 0x7fff : 0xffff);
    }
  } else if (isZero(R, s1)) {
    if (x80Compare(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, 0, ONE_HI, ONE_SE, st) === Relation.Less) R[s1 + 2] = R[s1 + 2]! ^ 0x8000;
    // Otherwise ST1 is already the result.
  } else if (x80Compare(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, 0, ONE_HI, ONE_SE, st) === Relation.Equal) {
    set80(R, s1, 0, 0, a1sign ? 0x8000 : 0);
  } else {
    const saveMode = st.roundingMode;
    const savePrec = st.floatx80Precision;
    st.roundingMode = Round.NearestEven;
    st.floatx80Precision = X80Precision.X;
    if (a0exp === 0) {
      const shift = subnormalShift(a0h, a0l);
      shift128Left(a0h, a0l, 0, 0, shift);
      a0h = W[0]!;
      a0l = W[1]!;
      a0exp = 1 - shift;
    }
    if (a1exp === 0) {
      const shift = subnormalShift(a1h, a1l);
      shift128Left(a1h, a1l, 0, 0, shift);
      a1h = W[0]!;
      a1l = W[1]!;
      a1exp = 1 - shift;
    }
    let intExp = a0exp - 0x3fff;
    if (!le64(a0h, a0l, 0xb504f333 | 0, 0xf9de6484 | 0)) ++intExp;
    x80Scalbn(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, -intExp, st);
    x80Sub(st.lo, st.hi, st.se, 0, ONE_HI, ONE_SE, st);
    const mlo = st.lo,
      mhi = st.hi,
      mse = st.se;
    if (x80IsZero(mlo, mhi, mse)) {
      // Exact power of 2: multiply by ST1.
      st.roundingMode = saveMode;
      int32ToX80(intExp, st);
      x80Mul(st.lo, st.hi, st.se, R[s1]!, R[s1 + 1]!, R[s1 + 2]!, st);
      put(R, s1);
    } else {
      let asign = (mse & 0x8000) !== 0;
      fyl2xCommon(mlo, mhi, mse);
      let aexp = lgExp;
      let q0h = lg0h,
        q0l = lg0l,
        q1h = lg1h,
        q1l = lg1l;
      if (intExp !== 0) {
        const isign = intExp < 0;
        const ie = isign ? -intExp : intExp;
        const shift = Math.clz32(ie) + 32;
        shift128Left(0, 0, 0, ie, shift);
        const iH = W[2]!,
          iL = W[3]!;
        const iexp = 0x403e - shift;
        shift128RightJamming(q0h, q0l, q1h, q1l, iexp - aexp);
        if (asign === isign) add128(iH, iL, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
        else sub128(iH, iL, 0, 0, W[0]!, W[1]!, W[2]!, W[3]!);
        [q0h, q0l, q1h, q1l] = [W[0]!, W[1]!, W[2]!, W[3]!];
        aexp = iexp;
        asign = isign;
      }
      // Multiply by the second argument.  QEMU normalizes a subnormal ST1
      // here a second time: one whose leading bit was bit 62 has reached
      // exponent 0 again and moves to exponent 1.
      if (a1exp === 0) {
        const shift = subnormalShift(a1h, a1l);
        shift128Left(a1h, a1l, 0, 0, shift);
        a1h = W[0]!;
        a1l = W[1]!;
        a1exp = 1 - shift;
      }
      mul128By64To192(q0h, q0l, q1h, q1l, a1h, a1l);
      aexp += a1exp - 0x3ffe;
      st.roundingMode = saveMode;
      normalizeRoundAndPackX80(X80Precision.X, asign !== a1sign, aexp, W[0]!, W[1]!, W[2]!, W[3]! | 1, st);
      put(R, s1);
    }
    st.floatx80Precision = savePrec;
  }
  fpop(R, base);
  x87End(R, base);
}

// ------------------------------------------------------------ fsqrt, frndint, fscale

export function fsqrt(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  if ((R[s0 + 2]! & 0x8000) !== 0) R[base + X87_FPUS] = (R[base + X87_FPUS]! & ~0x4700) | 0x400;
  x80Sqrt(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, st);
  put(R, s0);
  x87End(R, base);
}

export function frndint(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  x80RoundToInt(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, st);
  put(R, s0);
  x87End(R, base);
}

/** fscale: ST0 = ST0 * 2^trunc(ST1). */
export function fscale(R: Int32Array, base: number): void {
  const st = x87Begin(R, base);
  const s0 = stSlot(R, base, 0);
  const s1 = stSlot(R, base, 1);
  if (isInvalid(R, s1) || isInvalid(R, s0)) {
    st.flags |= Flag.Invalid;
    putDefaultNan(R, s0);
  } else if (isAnyNan(R, s1)) {
    if (isSnan(R, s0)) st.flags |= Flag.Invalid;
    copy80(R, s0, s1);
    if (isSnan(R, s0)) {
      st.flags |= Flag.Invalid;
      putSilenced(R, s0, s0);
    }
  } else if (isInf(R, s1) && !isInvalid(R, s0) && !isAnyNan(R, s0)) {
    const neg0 = (R[s0 + 2]! & 0x8000) !== 0;
    if ((R[s1 + 2]! & 0x8000) !== 0) {
      if (isInf(R, s0)) {
        st.flags |= Flag.Invalid;
        putDefaultNan(R, s0);
      } else {
        set80(R, s0, 0, 0, neg0 ? 0x8000 : 0);
      }
    } else if (isZero(R, s0)) {
      st.flags |= Flag.Invalid;
      putDefaultNan(R, s0);
    } else {
      x80DefaultInf(neg0, st);
      put(R, s0);
    }
  } else {
    const savePrec = st.floatx80Precision;
    const saveFlags = st.flags;
    st.flags = 0;
    const n = x80ToInt32RoundToZero(R[s1]!, R[s1 + 1]!, R[s1 + 2]!, st);
    st.flags = saveFlags;
    st.floatx80Precision = X80Precision.X;
    x80Scalbn(R[s0]!, R[s0 + 1]!, R[s0 + 2]!, n, st);
    put(R, s0);
    st.floatx80Precision = savePrec;
  }
  x87End(R, base);
}
