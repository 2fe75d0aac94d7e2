/**
 * sin, cos and tan on doubles, bit-identical to glibc's x86-64 libm (2.36 to
 * 2.41: the algorithm files did not change), which is what QEMU's i386 guest
 * uses for fsin, fcos, fsincos and fptan (target/i386/tcg/fpu_helper.c,
 * helper_fsin etc. call the host's sin/cos/tan on ST0 converted to double).
 * JavaScript's Math.sin/cos/tan (V8's fdlibm port) are a different algorithm
 * and differ in the last bit for about 2% of arguments between 2^-20 and
 * 2^20, so tciemu carries glibc's.
 *
 * This is a TypeScript port of the IBM Accurate Mathematical Library in glibc:
 * sysdeps/ieee754/dbl-64/s_sin.c (__sin, __cos, do_sin, do_cos,
 * reduce_sincos, do_sincos), s_tan.c (__tan), branred.c (__branred) and dla.h
 * (EADD, MUL12, DIV2), with glibc's tables (libm-glibc-tables.ts, generated
 * from the C sources by tools/libm/gen-tables.ts).
 *
 * Two builds of the same C code exist in glibc's x86-64 libm, chosen at load
 * time by IFUNC (sysdeps/x86_64/fpu/multiarch/ifunc-avx-fma4.h): with FMA and
 * AVX2 usable, __sin_fma etc., compiled with -mfma -mavx2 so that gcc contracts
 * a*b + c into fused multiply-adds; otherwise the SSE2 (or the equivalent
 * -msse2avx AVX) build with every product rounded.  They give different
 * doubles for about 4 in 10,000 arguments of sin and cos (1 in 100,000 for
 * tan), so both are here: `sin`, `cos`, `tan` are the FMA build (what
 * qemu-i386 computes on any x86-64 host since Haswell / Zen, including CI),
 * `sinSse2`, `cosSse2`, `tanSse2` the build for hosts without FMA/AVX2.  The
 * places where gcc fused are those its widening_mul pass reports on these
 * sources (gcc 12's build of them gives the same results as the objects of
 * Debian trixie's gcc 14 build, see src/fpu/README.md); each `madd` below is
 * one of them, computed as an exact fma (libm-glibc-fma.ts) in the FMA build
 * and as a*b + c otherwise.
 *
 * errno and the floating-point exception flags glibc may set are not modelled
 * (QEMU ignores them).  The functions take and return JS numbers; NaN results
 * carry glibc's bits only through libmBits (JS numbers do not keep
 * NaN payloads reliably).
 */

import { fma } from "./libm-glibc-fma.ts";
import {
  BRANRED_BIG,
  BRANRED_BIG1,
  BRANRED_HP0,
  BRANRED_HP1,
  BRANRED_MP1,
  BRANRED_MP2,
  BRANRED_T576,
  BRANRED_TM24,
  BRANRED_TM600,
  BRANRED_TOVERP,
  SINCOSTAB,
  SIN_BIG,
  SIN_CS2,
  SIN_CS4,
  SIN_CS6,
  SIN_HP0,
  SIN_HP1,
  SIN_HPINV,
  SIN_MP1,
  SIN_MP2,
  SIN_PP3,
  SIN_PP4,
  SIN_S1,
  SIN_S2,
  SIN_S3,
  SIN_S4,
  SIN_S5,
  SIN_SN3,
  SIN_SN5,
  SIN_TOINT,
  TAN_D11,
  TAN_D3,
  TAN_D5,
  TAN_D7,
  TAN_D9,
  TAN_E0,
  TAN_E1,
  TAN_G1,
  TAN_G2,
  TAN_G3,
  TAN_G4,
  TAN_G5,
  TAN_GY2,
  TAN_HPINV,
  TAN_MFFTNHF,
  TAN_MP1,
  TAN_MP2,
  TAN_MP3,
  TAN_PP3,
  TAN_PP4,
  TAN_TOINT,
  TAN_XFG,
} from "./libm-glibc-tables.ts";

// ---------------------------------------------------------------------------
// Bits <-> numbers (module scratch; little-endian host as everywhere in tciemu)
// ---------------------------------------------------------------------------

const scratch = new ArrayBuffer(8);
const F64 = new Float64Array(scratch);
const I32 = new Int32Array(scratch);

/** The double with high word hi and low word lo (module initialisation only). */
function fromWords(hi: number, lo: number): number {
  I32[0] = lo;
  I32[1] = hi;
  return F64[0]!;
}

// The argument ranges of __sin/__cos compare the high word k = hi & 0x7fffffff
// against constants; k < K is |x| < fromWords(K, 0) for every x (NaN fails all).
/** 0x3e500000: 2^-26, below which sin(x) = x. */
const SIN_TINY = fromWords(0x3e500000, 0);
/** 0x3e400000: 2^-27, below which cos(x) = 1. */
const COS_TINY = fromWords(0x3e400000, 0);
/** 0x3feb6000: 0.855469, end of the direct table range. */
const RANGE_TABLE = fromWords(0x3feb6000, 0);
/** 0x400368fd: 2.426265, end of the pi/2 - |x| range. */
const RANGE_HALF_PI = fromWords(0x400368fd, 0);
/** 0x419921fb: 105414350, end of reduce_sincos's range; __branred above. */
const RANGE_REDUCE = fromWords(0x419921fb, 0);

/** x with the sign of s (C copysign). */
function copysign(x: number, s: number): number {
  const ax = Math.abs(x);
  return s < 0 || (s === 0 && 1 / s < 0) ? -ax : ax;
}

/**
 * a*b + c as the build being emulated computes it at a place where gcc
 * contracted the expression: one rounding in the FMA build, two otherwise.
 */
function madd(a: number, b: number, c: number, fused: boolean): number {
  return fused ? fma(a, b, c) : a * b + c;
}

// ---------------------------------------------------------------------------
// __branred (branred.c): x = n*pi/2 + (a + aa), |a + aa| < pi/4, for huge x.
// Compiled without contraction in every build (CFLAGS-branred.c += -ffp-contract=off,
// and it is not part of the multiarch FMA objects).
// ---------------------------------------------------------------------------

/** branred.h split = CN = 2^27 + 1. */
const SPLIT_BRANRED = 134217729;

const branredR = new Float64Array(6);
/** Outputs of branred(): the reduced argument a + aa. */
let reducedA = 0;
let reducedAA = 0;

/** 2^e for -1022 <= e <= 1023, exactly (the C code edits the exponent field of t576). */
function pow2(e: number): number {
  I32[0] = 0;
  I32[1] = (e + 1023) << 20;
  return F64[0]!;
}

/** The biased exponent field of x (C: (u.i[HIGH_HALF] >> 20) & 2047). */
function exponentField(x: number): number {
  F64[0] = x;
  return (I32[1]! >> 20) & 2047;
}

/** One of branred's two passes: x (a 26-bit half of the argument) times 2/pi; returns sum, sets b/bb. */
let passB = 0;
let passBB = 0;
function branredPass(xh: number): number {
  const r = branredR;
  let k = ((exponentField(xh) - 450) / 24) | 0; // C integer division truncates toward zero
  if (k < 0) k = 0;
  // gor = t576 with (k*24) subtracted from its exponent: 2^(576 - 24k); t576 is 2^576.
  let gor = pow2(576 - 24 * k);
  for (let i = 0; i < 6; i++) {
    r[i] = xh * BRANRED_TOVERP[k + i]! * gor;
    gor *= BRANRED_TM24;
  }
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const s = r[i]! + BRANRED_BIG - BRANRED_BIG;
    sum += s;
    r[i] = r[i]! - s;
  }
  let t = 0;
  for (let i = 0; i < 6; i++) t += r[5 - i]!;
  let bb = r[0]! - t + r[1]! + r[2]! + r[3]! + r[4]! + r[5]!;
  let s = t + BRANRED_BIG - BRANRED_BIG;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = t - b + bb;
  s = sum + BRANRED_BIG1 - BRANRED_BIG1;
  sum -= s;
  passB = b;
  passBB = bb;
  return sum;
}

/** __branred: returns n mod 4 and sets reducedA, reducedAA. */
function branred(x: number): number {
  x *= BRANRED_TM600;
  let t = x * SPLIT_BRANRED; // split x into two 26-bit halves
  const x1 = t - (t - x);
  const x2 = x - x1;

  const sum1 = branredPass(x1);
  const b1 = passB;
  const bb1 = passBB;
  const sum2 = branredPass(x2);
  const b2 = passB;
  const bb2 = passBB;

  let sum = sum1 + sum2;
  let b = b1 + b2;
  let bb = Math.abs(b1) > Math.abs(b2) ? b1 - b + b2 : b2 - b + b1;
  if (b > 0.5) {
    b -= 1.0;
    sum += 1.0;
  } else if (b < -0.5) {
    b += 1.0;
    sum -= 1.0;
  }
  let s = b + (bb + bb1 + bb2);
  t = b - s + bb + (bb1 + bb2);
  b = s * SPLIT_BRANRED;
  const t1 = b - (b - s);
  const t2 = s - t1;
  b = s * BRANRED_HP0;
  bb = t1 * BRANRED_MP1 - b + t1 * BRANRED_MP2 + t2 * BRANRED_MP1 + (t2 * BRANRED_MP2 + s * BRANRED_HP1 + t * BRANRED_HP0);
  s = b + bb;
  t = b - s + bb;
  reducedA = s;
  reducedAA = t;
  return (sum | 0) & 3; // (int) sum: sum is a small integer
}

// ---------------------------------------------------------------------------
// s_sin.c
// ---------------------------------------------------------------------------

/** TAYLOR_SIN (s_sin.c): sin(x + dx) for |x| < 0.126, with xx = x*x. */
function taylorSin(xx: number, x: number, dx: number, fused: boolean): number {
  // POLYNOMIAL(xx) = (((s5*xx + s4)*xx + s3)*xx + s2)*xx + s1
  let p = madd(xx, SIN_S5, SIN_S4, fused);
  p = madd(xx, p, SIN_S3, fused);
  p = madd(xx, p, SIN_S2, fused);
  p = madd(xx, p, SIN_S1, fused);
  // t = (POLYNOMIAL(xx) * x - 0.5 * dx) * xx + dx
  const t = madd(madd(p, x, -(0.5 * dx), fused), xx, dx, fused);
  return x + t;
}

/** SINCOS_TABLE_LOOKUP index: u.i[LOW_HALF] << 2 with u = big + |x|, i.e. round(|x| * 128) * 4. */
function tableIndex(u: number): number {
  return ((u - SIN_BIG) * 128) << 2;
}

/** do_cos (s_sin.c): cos(x + dx) via the table and short polynomials. */
function doCos(x: number, dx: number, fused: boolean): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const u = SIN_BIG + ax;
  x = ax - (u - SIN_BIG) + dx;
  const xx = x * x;
  // s = x + x*xx*(sn3 + xx*sn5);  c = xx*(cs2 + xx*(cs4 + xx*cs6))
  const s = madd(x * xx, madd(xx, SIN_SN5, SIN_SN3, fused), x, fused);
  const c = xx * madd(xx, madd(xx, SIN_CS6, SIN_CS4, fused), SIN_CS2, fused);
  const k = tableIndex(u);
  const sn = SINCOSTAB[k]!;
  const ssn = SINCOSTAB[k + 1]!;
  const cs = SINCOSTAB[k + 2]!;
  const ccs = SINCOSTAB[k + 3]!;
  // cor = (ccs - s*ssn - cs*c) - sn*s
  const cor = madd(-s, sn, madd(-c, cs, madd(-s, ssn, ccs, fused), fused), fused);
  return cs + cor;
}

/** do_sin (s_sin.c): sin(x + dx). */
function doSin(x: number, dx: number, fused: boolean): number {
  const xold = x;
  if (Math.abs(x) < 0.126) return taylorSin(x * x, x, dx, fused);
  if (x <= 0) dx = -dx;
  const ax = Math.abs(x);
  const u = SIN_BIG + ax;
  x = ax - (u - SIN_BIG);
  const xx = x * x;
  // s = x + (dx + x*xx*(sn3 + xx*sn5));  c = x*dx + xx*(cs2 + xx*(cs4 + xx*cs6))
  const s = x + madd(x * xx, madd(xx, SIN_SN5, SIN_SN3, fused), dx, fused);
  const c = madd(x, dx, xx * madd(xx, madd(xx, SIN_CS6, SIN_CS4, fused), SIN_CS2, fused), fused);
  const k = tableIndex(u);
  const sn = SINCOSTAB[k]!;
  const ssn = SINCOSTAB[k + 1]!;
  const cs = SINCOSTAB[k + 2]!;
  const ccs = SINCOSTAB[k + 3]!;
  // cor = (ssn + s*ccs - sn*c) + cs*s
  const cor = madd(s, cs, madd(-c, sn, madd(s, ccs, ssn, fused), fused), fused);
  return copysign(sn + cor, xold);
}

/** reduce_sincos (s_sin.c) for |x| < 105414350: returns n mod 4, sets reducedA, reducedAA. */
function reduceSincos(x: number, fused: boolean): number {
  const t = madd(x, SIN_HPINV, SIN_TOINT, fused);
  const xn = t - SIN_TOINT;
  // n = v.i[LOW_HALF] & 3 with v = t: the low bits of the integer xn (two's complement).
  const n = xn & 3;
  const y = madd(-xn, SIN_MP2, madd(-xn, SIN_MP1, x, fused), fused); // (x - xn*mp1) - xn*mp2
  // t1 = xn*pp3; t2 = y - t1; db = (y - t2) - t1
  const t2 = madd(-xn, SIN_PP3, y, fused);
  let db = madd(-xn, SIN_PP3, y - t2, fused);
  // t1 = xn*pp4; b = t2 - t1; db += (t2 - b) - t1
  const b = madd(-xn, SIN_PP4, t2, fused);
  db += madd(-xn, SIN_PP4, t2 - b, fused);
  reducedA = b;
  reducedAA = db;
  return n;
}

/** do_sincos (s_sin.c): sin or cos of a + da for quadrant n. */
function doSincos(a: number, da: number, n: number, fused: boolean): number {
  const r = (n & 1) !== 0 ? doCos(a, da, fused) : doSin(a, da, fused);
  return (n & 2) !== 0 ? -r : r;
}

/** __sin (s_sin.c). */
function sinImpl(x: number, fused: boolean): number {
  const ax = Math.abs(x);
  if (ax < SIN_TINY) return x; // also ±0 and subnormals
  if (ax < RANGE_TABLE) return doSin(x, 0, fused);
  if (ax < RANGE_HALF_PI) return copysign(doCos(SIN_HP0 - ax, SIN_HP1, fused), x);
  if (ax < RANGE_REDUCE) {
    const n = reduceSincos(x, fused);
    return doSincos(reducedA, reducedAA, n, fused);
  }
  if (ax < Infinity) {
    const n = branred(x);
    return doSincos(reducedA, reducedAA, n, fused);
  }
  return x / x; // NaN for ±Inf and NaN
}

/** __cos (s_sin.c). */
function cosImpl(x: number, fused: boolean): number {
  const ax = Math.abs(x);
  if (ax < COS_TINY) return 1.0;
  if (ax < RANGE_TABLE) return doCos(x, 0, fused);
  if (ax < RANGE_HALF_PI) {
    const y = SIN_HP0 - ax;
    const a = y + SIN_HP1;
    const da = y - a + SIN_HP1;
    return doSin(a, da, fused);
  }
  if (ax < RANGE_REDUCE) {
    const n = reduceSincos(x, fused);
    return doSincos(reducedA, reducedAA, n + 1, fused);
  }
  if (ax < Infinity) {
    const n = branred(x);
    return doSincos(reducedA, reducedAA, n + 1, fused);
  }
  return x / x;
}

// ---------------------------------------------------------------------------
// s_tan.c
// ---------------------------------------------------------------------------

/** dla.h CN = 2^27 + 1 (Dekker's splitting constant). */
const DLA_CN = 134217729;

/** tan's polynomial I: d3 + a2*(d5 + a2*(d7 + a2*(d9 + a2*d11))). */
function tanPolyI(a2: number, fused: boolean): number {
  let t2 = madd(a2, TAN_D11, TAN_D9, fused);
  t2 = madd(a2, t2, TAN_D7, fused);
  t2 = madd(a2, t2, TAN_D5, fused);
  return madd(a2, t2, TAN_D3, fused);
}

/** -1/(b + db) as __tan's cot branch computes it: EADD's pair through DIV2 (dla.h) and y = c + dc. */
function negCot(a: number, t2: number, fused: boolean): number {
  // EADD (a, t2, b, db)
  const b = a + t2;
  const db = Math.abs(a) > Math.abs(t2) ? a - b + t2 : t2 - b + a;
  // DIV2 (1.0, 0.0, b, db, c, dc, t1, t2, t3, t4): c = 1/b; MUL12 (c, b, u, uu);
  // cc = (((1 - u) - uu) + 0.0 - c*db)/b
  const c = 1.0 / b;
  let u: number;
  let uu: number;
  if (fused) {
    // With __FP_FAST_FMA, MUL12 is EMULV: u = c*b, uu = fma(c, b, -u).
    u = c * b;
    uu = fma(c, b, -u);
  } else {
    // Dekker's MUL12 of dla.h as written (note its split: hx = (x - p) + p with p = CN*x).
    let p = DLA_CN * c;
    const hx = c - p + p;
    const tx = c - hx;
    p = DLA_CN * b;
    const hy = b - p + p;
    const ty = b - hy;
    p = hx * hy;
    const q = hx * ty + tx * hy;
    u = p + q;
    uu = p - u + q + tx * ty;
  }
  const cc = madd(-c, db, 1.0 - u - uu + 0.0, fused) / b;
  const z = c + cc;
  const zz = c - z + cc;
  return -(z + zz);
}

/** Table part of __tan (cases III, VII, IX, XI): tan or -cot of sy*(ya + yya). */
function tanTable(ya: number, yya: number, sy: number, cot: boolean, fused: boolean): number {
  // i = (int)(mfftnhf + 256*ya): truncation toward zero of a positive value
  const i = madd(ya, 256, TAN_MFFTNHF, fused) | 0;
  const z = ya - TAN_XFG[4 * i]! + yya;
  const z2 = z * z;
  const pz = madd(z * z2, madd(z2, TAN_E1, TAN_E0, fused), z, fused); // z + z*z2*(e0 + z2*e1)
  const fi = TAN_XFG[4 * i + 1]!;
  const gi = TAN_XFG[4 * i + 2]!;
  if (cot) {
    const t2 = (pz * (fi + gi)) / (fi + pz);
    return -sy * (gi - t2);
  }
  const t2 = (pz * (gi + fi)) / (gi - pz);
  return sy * (fi + t2);
}

/** Cases VI, VIII, X of __tan: |a| <= 0.0608 after reduction; tan or -cot of a + da. */
function tanSmall(a: number, da: number, cot: boolean, fused: boolean): number {
  const a2 = a * a;
  const t2 = madd(a * a2, tanPolyI(a2, fused), da, fused); // da + a*a2*t2
  return cot ? negCot(a, t2, fused) : a + t2;
}

/** Shared tail of __tan after a reduction to a + da (already EADD-normalised where the C code does). */
function tanReduced(a: number, da: number, n: number, fused: boolean): number {
  let ya: number;
  let yya: number;
  let sy: number;
  if (a < 0.0) {
    ya = -a;
    yya = -da;
    sy = -1;
  } else {
    ya = a;
    yya = da;
    sy = 1;
  }
  if (ya <= TAN_GY2) return tanSmall(a, da, n !== 0, fused);
  return tanTable(ya, yya, sy, n !== 0, fused);
}

/** __tan (s_tan.c). */
function tanImpl(x: number, fused: boolean): number {
  if (!(x - x === 0)) return x - x; // ±Inf, NaN
  const w = Math.abs(x);

  // (I) |x| <= 1.259e-8
  if (w <= TAN_G1) return x;

  // (II) |x| <= 0.0608
  if (w <= TAN_G2) {
    const x2 = x * x;
    return madd(x * x2, tanPolyI(x2, fused), x, fused); // x + (t2 * x*x2)
  }

  // (III) |x| <= 0.787
  if (w <= TAN_G3) return tanTable(w, 0, x < 0.0 ? -1 : 1, false, fused);

  // 0.787 < |x| <= 25: range reduction by algorithm i
  if (w <= TAN_G4) {
    const t = madd(x, TAN_HPINV, TAN_TOINT, fused);
    const xn = t - TAN_TOINT;
    const t1 = madd(-xn, TAN_MP2, madd(-xn, TAN_MP1, x, fused), fused); // (x - xn*mp1) - xn*mp2
    const n = xn & 1; // v.i[LOW_HALF] & 1
    // da = xn*mp3; a = t1 - da; da = (t1 - a) - da
    const a = madd(-xn, TAN_MP3, t1, fused);
    const da = madd(-xn, TAN_MP3, t1 - a, fused);
    return tanReduced(a, da, n, fused);
  }

  let a: number;
  let da: number;
  let n: number;
  if (w <= TAN_G5) {
    // 25 < |x| <= 1e8: range reduction by algorithm ii
    const t = madd(x, TAN_HPINV, TAN_TOINT, fused);
    const xn = t - TAN_TOINT;
    const t1 = madd(-xn, TAN_MP2, madd(-xn, TAN_MP1, x, fused), fused);
    n = xn & 1;
    // da = xn*pp3; t = t1 - da; da = (t1 - t) - da
    const tt = madd(-xn, TAN_PP3, t1, fused);
    const da1 = madd(-xn, TAN_PP3, t1 - tt, fused);
    // t1 = xn*pp4; a = t - t1; da = ((t - a) - t1) + da
    a = madd(-xn, TAN_PP4, tt, fused);
    da = madd(-xn, TAN_PP4, tt - a, fused) + da1;
  } else {
    // 1e8 < |x| < 2^1024: algorithm iii
    n = branred(x) & 1;
    a = reducedA;
    da = reducedAA;
  }
  // EADD (a, da, t1, t2); a = t1; da = t2
  const s = a + da;
  const ds = Math.abs(a) > Math.abs(da) ? a - s + da : da - s + a;
  return tanReduced(s, ds, n, fused);
}

// ---------------------------------------------------------------------------
// Public interface
// ---------------------------------------------------------------------------

/** glibc's sin(x), FMA build (__sin_fma): what qemu-i386 computes on an x86-64 host with FMA and AVX2. */
export function sin(x: number): number {
  return sinImpl(x, true);
}

/** glibc's cos(x), FMA build (__cos_fma). */
export function cos(x: number): number {
  return cosImpl(x, true);
}

/** glibc's tan(x), FMA build (__tan_fma). */
export function tan(x: number): number {
  return tanImpl(x, true);
}

/** glibc's sin(x), SSE2 build (__sin_sse2, and __sin_avx which computes the same): hosts without FMA/AVX2. */
export function sinSse2(x: number): number {
  return sinImpl(x, false);
}

/** glibc's cos(x), SSE2 build. */
export function cosSse2(x: number): number {
  return cosImpl(x, false);
}

/** glibc's tan(x), SSE2 build. */
export function tanSse2(x: number): number {
  return tanImpl(x, false);
}

/** Which glibc build to follow: "fma" (x86-64 with FMA and AVX2) or "sse2". */
export type GlibcLibmBuild = "fma" | "sse2";

/** The three functions of one build. */
export interface GlibcLibm {
  readonly sin: (x: number) => number;
  readonly cos: (x: number) => number;
  readonly tan: (x: number) => number;
}

/** sin, cos and tan of the given glibc build. */
export function glibcLibm(build: GlibcLibmBuild): GlibcLibm {
  return build === "fma" ? { sin, cos, tan } : { sin: sinSse2, cos: cosSse2, tan: tanSse2 };
}

/**
 * Bit-exact form: f applied to the double (lo, hi), result written to out[0]
 * (low word) and out[1] (high word), with glibc's NaN results.  For a NaN
 * argument glibc returns x / x (sin, cos) or x - x (tan), which on x86-64 is the
 * argument with its quiet bit set; for ±Inf it is the x86 default NaN
 * 0xfff8000000000000.  Finite arguments go through f.
 */
export function libmBits(f: (x: number) => number, lo: number, hi: number, out: Int32Array): void {
  if ((hi & 0x7ff00000) === 0x7ff00000) {
    if (((hi & 0xfffff) | lo) !== 0) {
      out[0] = lo;
      out[1] = hi | 0x00080000;
    } else {
      out[0] = 0;
      out[1] = 0xfff80000 | 0;
    }
    return;
  }
  I32[0] = lo;
  I32[1] = hi;
  F64[0] = f(F64[0]!);
  out[0] = I32[0]!;
  out[1] = I32[1]!;
}
