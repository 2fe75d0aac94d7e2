/**
 * Independent reference model of RISC-V F/D arithmetic, written from the
 * definitions with exact BigInt rationals (no doubles anywhere): every
 * finite operand is decoded to n/d, the exact result is formed as a rational
 * (or, for square root, as the square root of a rational), and rounding is
 * done from the definition: round with an unbounded exponent range, detect
 * tininess on that result, re-round at the subnormal quantum if tiny, check
 * overflow against the largest finite number.
 *
 * Bits are BigInts (0 .. 2^width - 1); every op returns { bits, flags }.
 */

export const NX = 1;
export const UF = 2;
export const OF = 4;
export const DZ = 8;
export const NV = 16;

export interface RefFormat {
  readonly width: 32 | 64;
  readonly p: number;
  readonly expBits: number;
}
export const R32: RefFormat = { width: 32, p: 24, expBits: 8 };
export const R64: RefFormat = { width: 64, p: 53, expBits: 11 };

export interface Result {
  bits: bigint;
  flags: number;
}

const bias = (f: RefFormat): number => (1 << (f.expBits - 1)) - 1;
const emin = (f: RefFormat): number => 1 - bias(f);
const emax = (f: RefFormat): number => bias(f);
const pow2 = (k: number): bigint => 1n << BigInt(k);

function blen(x: bigint): number {
  let n = 0;
  while (x >= 1n << 64n) {
    x >>= 64n;
    n += 64;
  }
  while (x > 0n) {
    x >>= 1n;
    n++;
  }
  return n;
}

function sqrtFloor(n: bigint): bigint {
  if (n < 2n) return n;
  let lo = 0n;
  let hi = pow2(Math.ceil(blen(n) / 2) + 1);
  // Binary search: largest r with r*r <= n.
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (mid * mid <= n) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** An exact rational n/d with d > 0. */
interface Rat {
  n: bigint;
  d: bigint;
}

type Val = { t: "nan"; quiet: boolean } | { t: "inf"; neg: boolean } | { t: "num"; neg: boolean; mag: Rat };

export function decode(f: RefFormat, bits: bigint): Val {
  const fracBits = f.p - 1;
  const expMax = (1 << f.expBits) - 1;
  const neg = (bits >> BigInt(f.width - 1)) & 1n ? true : false;
  const e = Number((bits >> BigInt(fracBits)) & BigInt(expMax));
  const frac = bits & (pow2(fracBits) - 1n);
  if (e === expMax) {
    if (frac === 0n) return { t: "inf", neg };
    return { t: "nan", quiet: ((frac >> BigInt(fracBits - 1)) & 1n) === 1n };
  }
  const m = e === 0 ? frac : frac + pow2(fracBits);
  const k = (e === 0 ? 1 : e) - bias(f) - fracBits;
  const mag = k >= 0 ? { n: m << BigInt(k), d: 1n } : { n: m, d: pow2(-k) };
  return { t: "num", neg, mag };
}

const isSNaN = (v: Val): boolean => v.t === "nan" && !v.quiet;
const isNaN = (v: Val): boolean => v.t === "nan";
const isZero = (v: Val): boolean => v.t === "num" && v.mag.n === 0n;

export function canonNaN(f: RefFormat): bigint {
  const expMax = BigInt((1 << f.expBits) - 1);
  return (expMax << BigInt(f.p - 1)) | pow2(f.p - 2);
}
const signOf = (f: RefFormat, neg: boolean): bigint => (neg ? pow2(f.width - 1) : 0n);
const infBits = (f: RefFormat, neg: boolean): bigint => signOf(f, neg) | (BigInt((1 << f.expBits) - 1) << BigInt(f.p - 1));
const maxBits = (f: RefFormat, neg: boolean): bigint => infBits(f, neg) - 1n;
const zeroBits = (f: RefFormat, neg: boolean): bigint => signOf(f, neg);

// ------------------------------------------------------------------ magnitudes

/**
 * A positive real known exactly: either a rational or the square root of one.
 * scaled(u) gives floor(x / 2^u) and where the remainder lies:
 * 0 exact, 1 below half, 2 exactly half, 3 above half.
 */
interface Mag {
  log2floor(): number;
  scaled(u: number): { i: bigint; rc: number };
}

function ratLog2(r: Rat): number {
  // floor(log2(n/d)) for n/d > 0
  let k = blen(r.n) - blen(r.d);
  const ge = (k: number): boolean => (k >= 0 ? r.n >= r.d << BigInt(k) : r.n << BigInt(-k) >= r.d);
  while (!ge(k)) k--;
  while (ge(k + 1)) k++;
  return k;
}

function ratMag(r: Rat): Mag {
  return {
    log2floor: () => ratLog2(r),
    scaled(u) {
      const N = u >= 0 ? r.n : r.n << BigInt(-u);
      const D = u >= 0 ? r.d << BigInt(u) : r.d;
      const i = N / D;
      const rem2 = 2n * (N - i * D);
      return { i, rc: rem2 === 0n ? 0 : rem2 < D ? 1 : rem2 === D ? 2 : 3 };
    },
  };
}

function sqrtMag(r: Rat): Mag {
  return {
    log2floor: () => Math.floor(ratLog2(r) / 2),
    scaled(u) {
      // sqrt(n/d) / 2^u = sqrt(N / D)
      const N = u >= 0 ? r.n : r.n << BigInt(-2 * u);
      const D = u >= 0 ? r.d << BigInt(2 * u) : r.d;
      const i = sqrtFloor(N / D);
      if (i * i * D === N) return { i, rc: 0 };
      const lhs = 4n * N;
      const rhs = D * (2n * i + 1n) * (2n * i + 1n);
      return { i, rc: lhs < rhs ? 1 : lhs === rhs ? 2 : 3 };
    },
  };
}

function roundInt(i: bigint, rc: number, rm: number, neg: boolean): bigint {
  if (rc === 0) return i;
  switch (rm) {
    case 0:
      return rc === 3 || (rc === 2 && (i & 1n) === 1n) ? i + 1n : i;
    case 1:
      return i;
    case 2:
      return neg ? i + 1n : i;
    case 3:
      return neg ? i : i + 1n;
    case 4:
      return rc >= 2 ? i + 1n : i;
  }
  throw new Error("bad rm");
}

/** Bits of the exactly representable value m * 2^u (m >= 0). */
function encode(f: RefFormat, neg: boolean, m: bigint, u: number): bigint {
  if (m === 0n) return zeroBits(f, neg);
  while (m >= pow2(f.p)) {
    if (m & 1n) throw new Error("not representable");
    m >>= 1n;
    u++;
  }
  const qmin = emin(f) - (f.p - 1); // subnormal quantum exponent
  // value < 2^emin ?
  if (blen(m) - 1 + u < emin(f)) {
    if (u < qmin) throw new Error("below subnormal quantum");
    return signOf(f, neg) | (m << BigInt(u - qmin));
  }
  while (m < pow2(f.p - 1)) {
    m <<= 1n;
    u--;
  }
  const be = BigInt(u + f.p - 1 + bias(f));
  return signOf(f, neg) | (be << BigInt(f.p - 1)) | (m - pow2(f.p - 1));
}

/** Rounds the nonzero real (-1)^neg * mag to the format. */
function roundMag(f: RefFormat, neg: boolean, mag: Mag, rm: number): Result {
  const E = mag.log2floor();
  const u = E - (f.p - 1);
  const a = mag.scaled(u);
  const R = roundInt(a.i, a.rc, rm, neg);
  // tiny: R * 2^u < 2^emin
  const tiny = emin(f) - u >= 0 ? R < pow2(emin(f) - u) : false;
  if (tiny) {
    const us = emin(f) - (f.p - 1);
    const b = mag.scaled(us);
    const R2 = roundInt(b.i, b.rc, rm, neg);
    return { bits: encode(f, neg, R2, us), flags: b.rc ? NX | UF : 0 };
  }
  // overflow: R * 2^u > (2^p - 1) * 2^(emax - p + 1)
  const k = emax(f) - f.p + 1;
  const maxM = pow2(f.p) - 1n;
  const over = u >= k ? R << BigInt(u - k) > maxM : R > maxM << BigInt(k - u);
  if (over) {
    const toInf = rm === 0 || rm === 4 || (rm === 3 && !neg) || (rm === 2 && neg);
    return { bits: toInf ? infBits(f, neg) : maxBits(f, neg), flags: OF | NX };
  }
  return { bits: encode(f, neg, R, u), flags: a.rc ? NX : 0 };
}

// ------------------------------------------------------------------ signed rationals

interface SRat {
  n: bigint; // signed
  d: bigint;
}
const sr = (v: { neg: boolean; mag: Rat }): SRat => ({ n: v.neg ? -v.mag.n : v.mag.n, d: v.mag.d });
const sadd = (a: SRat, b: SRat): SRat => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const smul = (a: SRat, b: SRat): SRat => ({ n: a.n * b.n, d: a.d * b.d });

function roundSRat(f: RefFormat, v: SRat, rm: number): Result {
  const neg = v.n < 0n;
  return roundMag(f, neg, ratMag({ n: neg ? -v.n : v.n, d: v.d }), rm);
}

const nanResult = (f: RefFormat, nv: boolean): Result => ({ bits: canonNaN(f), flags: nv ? NV : 0 });

// ------------------------------------------------------------------ operations

export function refAdd(f: RefFormat, a: bigint, b: bigint, rm: number): Result {
  const x = decode(f, a);
  const y = decode(f, b);
  if (isNaN(x) || isNaN(y)) return nanResult(f, isSNaN(x) || isSNaN(y));
  if (x.t === "inf" && y.t === "inf") {
    return x.neg === y.neg ? { bits: infBits(f, x.neg), flags: 0 } : nanResult(f, true);
  }
  if (x.t === "inf") return { bits: infBits(f, x.neg), flags: 0 };
  if (y.t === "inf") return { bits: infBits(f, y.neg), flags: 0 };
  if (x.t !== "num" || y.t !== "num") throw new Error("unreachable");
  const s = sadd(sr(x), sr(y));
  if (s.n === 0n) {
    // IEEE 754 6.3: exact zero sum.
    if (isZero(x) && isZero(y) && x.neg === y.neg) return { bits: zeroBits(f, x.neg), flags: 0 };
    return { bits: zeroBits(f, rm === 2), flags: 0 };
  }
  return roundSRat(f, s, rm);
}

export function refSub(f: RefFormat, a: bigint, b: bigint, rm: number): Result {
  return refAdd(f, a, b ^ pow2(f.width - 1), rm);
}

export function refMul(f: RefFormat, a: bigint, b: bigint, rm: number): Result {
  const x = decode(f, a);
  const y = decode(f, b);
  if (isNaN(x) || isNaN(y)) return nanResult(f, isSNaN(x) || isSNaN(y));
  const neg = (x as { neg: boolean }).neg !== (y as { neg: boolean }).neg;
  if (x.t === "inf" || y.t === "inf") {
    if (isZero(x) || isZero(y)) return nanResult(f, true);
    return { bits: infBits(f, neg), flags: 0 };
  }
  if (x.t !== "num" || y.t !== "num") throw new Error("unreachable");
  if (isZero(x) || isZero(y)) return { bits: zeroBits(f, neg), flags: 0 };
  return roundMag(f, neg, ratMag({ n: x.mag.n * y.mag.n, d: x.mag.d * y.mag.d }), rm);
}

export function refDiv(f: RefFormat, a: bigint, b: bigint, rm: number): Result {
  const x = decode(f, a);
  const y = decode(f, b);
  if (isNaN(x) || isNaN(y)) return nanResult(f, isSNaN(x) || isSNaN(y));
  const neg = (x as { neg: boolean }).neg !== (y as { neg: boolean }).neg;
  if (x.t === "inf" && y.t === "inf") return nanResult(f, true);
  if (x.t === "inf") return { bits: infBits(f, neg), flags: 0 };
  if (y.t === "inf") return { bits: zeroBits(f, neg), flags: 0 };
  if (x.t !== "num" || y.t !== "num") throw new Error("unreachable");
  if (isZero(y)) {
    if (isZero(x)) return nanResult(f, true);
    return { bits: infBits(f, neg), flags: DZ };
  }
  if (isZero(x)) return { bits: zeroBits(f, neg), flags: 0 };
  return roundMag(f, neg, ratMag({ n: x.mag.n * y.mag.d, d: x.mag.d * y.mag.n }), rm);
}

export function refSqrt(f: RefFormat, a: bigint, rm: number): Result {
  const x = decode(f, a);
  if (isNaN(x)) return nanResult(f, isSNaN(x));
  if (x.t === "inf") return x.neg ? nanResult(f, true) : { bits: a, flags: 0 };
  if (x.t !== "num") throw new Error("unreachable");
  if (isZero(x)) return { bits: a, flags: 0 }; // sqrt(-0) = -0
  if (x.neg) return nanResult(f, true);
  return roundMag(f, false, sqrtMag(x.mag), rm);
}

export function refMulAdd(f: RefFormat, a: bigint, b: bigint, c: bigint, rm: number, negProduct: boolean, negAddend: boolean): Result {
  const x = decode(f, a);
  const y = decode(f, b);
  const z = decode(f, c);
  const infTimesZero = (x.t === "inf" && isZero(y)) || (isZero(x) && y.t === "inf");
  if (isNaN(x) || isNaN(y) || isNaN(z) || infTimesZero) {
    // RISC-V: inf * 0 + qNaN is invalid too.
    return nanResult(f, isSNaN(x) || isSNaN(y) || isSNaN(z) || infTimesZero);
  }
  const xs = x as { neg: boolean };
  const ys = y as { neg: boolean };
  const zs = z as { neg: boolean };
  const pneg = (xs.neg !== ys.neg) !== negProduct;
  const cneg = zs.neg !== negAddend;
  if (x.t === "inf" || y.t === "inf") {
    if (z.t === "inf" && cneg !== pneg) return nanResult(f, true);
    return { bits: infBits(f, pneg), flags: 0 };
  }
  if (z.t === "inf") return { bits: infBits(f, cneg), flags: 0 };
  if (x.t !== "num" || y.t !== "num" || z.t !== "num") throw new Error("unreachable");
  const prod: SRat = smul(sr(x), sr(y));
  if (pneg !== prod.n < 0n && prod.n !== 0n) prod.n = -prod.n;
  const cc: SRat = sr({ neg: cneg, mag: z.mag });
  const s = sadd(prod, cc);
  if (s.n === 0n) {
    const pz = prod.n === 0n;
    if (pz && isZero(z) && pneg === cneg) return { bits: zeroBits(f, pneg), flags: 0 };
    return { bits: zeroBits(f, rm === 2), flags: 0 };
  }
  return roundSRat(f, s, rm);
}

/** RISC-V minimumNumber / maximumNumber. */
export function refMinMax(f: RefFormat, a: bigint, b: bigint, isMin: boolean): Result {
  const x = decode(f, a);
  const y = decode(f, b);
  const flags = isSNaN(x) || isSNaN(y) ? NV : 0;
  if (isNaN(x) && isNaN(y)) return { bits: canonNaN(f), flags };
  if (isNaN(x)) return { bits: b, flags };
  if (isNaN(y)) return { bits: a, flags };
  const c = compareVals(x, y);
  if (c === 0) {
    // equal: -0 < +0 for this purpose
    const xneg = (x as { neg: boolean }).neg;
    const yneg = (y as { neg: boolean }).neg;
    if (xneg === yneg) return { bits: a, flags };
    return { bits: isMin === xneg ? a : b, flags };
  }
  return { bits: c < 0 === isMin ? a : b, flags };
}

/** -1, 0, 1 for non-NaN values (+0 == -0). */
function compareVals(x: Val, y: Val): number {
  if (x.t === "nan" || y.t === "nan") throw new Error("nan");
  if (x.t === "inf" && y.t === "inf") return x.neg === y.neg ? 0 : x.neg ? -1 : 1;
  if (x.t === "inf") return x.neg ? -1 : 1;
  if (y.t === "inf") return y.neg ? 1 : -1;
  const kx = sr(x);
  const ky = sr(y);
  const diff = kx.n * ky.d - ky.n * kx.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

export function refCompare(f: RefFormat, a: bigint, b: bigint, op: "eq" | "lt" | "le"): Result {
  const x = decode(f, a);
  const y = decode(f, b);
  if (isNaN(x) || isNaN(y)) {
    const nv = op === "eq" ? isSNaN(x) || isSNaN(y) : true;
    return { bits: 0n, flags: nv ? NV : 0 };
  }
  const c = compareVals(x, y);
  const r = op === "eq" ? c === 0 : op === "lt" ? c < 0 : c <= 0;
  return { bits: r ? 1n : 0n, flags: 0 };
}

export function refClass(f: RefFormat, a: bigint): Result {
  const x = decode(f, a);
  let bit: number;
  if (x.t === "nan") bit = x.quiet ? 9 : 8;
  else if (x.t === "inf") bit = x.neg ? 0 : 7;
  else if (x.mag.n === 0n) bit = x.neg ? 3 : 4;
  else {
    // subnormal iff below 2^emin
    const sub = ratLog2(x.mag) < emin(f);
    bit = x.neg ? (sub ? 2 : 1) : sub ? 5 : 6;
  }
  return { bits: 1n << BigInt(bit), flags: 0 };
}

export type IntKind = "i32" | "u32" | "i64" | "u64";

/** fcvt.{w,wu,l,lu}: result bits are the integer as an unsigned width-bit value. */
export function refToInt(f: RefFormat, a: bigint, rm: number, kind: IntKind): Result {
  const width = kind === "i32" || kind === "u32" ? 32 : 64;
  const signed = kind[0] === "i";
  const lo = signed ? -pow2(width - 1) : 0n;
  const hi = signed ? pow2(width - 1) - 1n : pow2(width) - 1n;
  const wrap = (v: bigint): bigint => BigInt.asUintN(width, v);
  const x = decode(f, a);
  if (x.t === "nan") return { bits: wrap(hi), flags: NV };
  if (x.t === "inf") return { bits: wrap(x.neg ? lo : hi), flags: NV };
  const s = ratMag(x.mag).scaled(0);
  const i = roundInt(s.i, s.rc, rm, x.neg);
  const v = x.neg ? -i : i;
  if (v < lo || v > hi) return { bits: wrap(x.neg ? lo : hi), flags: NV };
  return { bits: wrap(v), flags: s.rc ? NX : 0 };
}

/** fcvt.{s,d}.{w,wu,l,lu}: v is the exact integer value. */
export function refFromInt(f: RefFormat, v: bigint, rm: number): Result {
  if (v === 0n) return { bits: 0n, flags: 0 };
  const neg = v < 0n;
  return roundMag(f, neg, ratMag({ n: neg ? -v : v, d: 1n }), rm);
}

/** fcvt.s.d / fcvt.d.s. */
export function refConvert(from: RefFormat, to: RefFormat, a: bigint, rm: number): Result {
  const x = decode(from, a);
  if (x.t === "nan") return nanResult(to, !x.quiet);
  if (x.t === "inf") return { bits: infBits(to, x.neg), flags: 0 };
  if (x.mag.n === 0n) return { bits: zeroBits(to, x.neg), flags: 0 };
  return roundMag(to, x.neg, ratMag(x.mag), rm);
}
