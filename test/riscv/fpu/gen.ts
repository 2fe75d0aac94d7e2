/**
 * Seeded test-vector generators.  Operands are produced as int32 words
 * (binary64 / 64-bit integers as lo, hi; binary32 / 32-bit integers in lo)
 * and aimed at the interesting places: rounding ties and boundaries,
 * cancellation, subnormals, the overflow / underflow thresholds.
 */

/** xoshiro128** PRNG. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  constructor(seed: number) {
    // splitmix32 to fill the state
    let x = seed | 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }
  /** Uniform int32. */
  i32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r | 0;
  }
  /** Uniform integer in [0, n), n <= 2^31. */
  int(n: number): number {
    return Math.floor(((this.i32() >>> 0) / 4294967296) * n);
  }
  chance(p: number): boolean {
    return (this.i32() >>> 0) / 4294967296 < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const buf = new ArrayBuffer(8);
const f64 = new Float64Array(buf);
const i32 = new Int32Array(buf);
const f32 = new Float32Array(buf, 0, 1);

export function dbl(lo: number, hi: number): number {
  i32[0] = lo;
  i32[1] = hi;
  return f64[0];
}
export function dblWords(x: number): [number, number] {
  f64[0] = x;
  return [i32[0], i32[1]];
}
export function flt(a: number): number {
  i32[0] = a;
  return f32[0];
}
export function fltBits(x: number): number {
  f32[0] = x;
  return i32[0];
}

// ------------------------------------------------------------------ edge values

const SIGN = -2147483648;

/** binary64 edge values as [lo, hi]. */
export const EDGE64: ReadonlyArray<readonly [number, number]> = (() => {
  const pos: Array<[number, number]> = [
    [0, 0], // +0
    [1, 0], // min subnormal
    [2, 0],
    [0x80000000 | 0, 0x00080000], // mid subnormal 2^-1023
    [-1, 0x000fffff], // max subnormal
    [0, 0x00100000], // min normal
    [1, 0x00100000],
    [-1, 0x001fffff],
    [0, 0x00200000],
    [0, 0x3ca00000], // 2^-53
    [0, 0x3fe00000], // 0.5
    [-1, 0x3fefffff], // 1 - 2^-53
    [0, 0x3ff00000], // 1
    [1, 0x3ff00000], // 1 + 2^-52
    [0, 0x3ff80000], // 1.5
    [0, 0x40000000], // 2
    [0, 0x40040000], // 2.5
    [0, 0x40080000], // 3
    dblWords(0.1),
    dblWords(1 / 3),
    dblWords(Math.SQRT2),
    [0, 0x41e00000], // 2^31
    [0, 0x41f00000], // 2^32
    dblWords(2147483647.5),
    dblWords(4294967295.5),
    [0, 0x43400000], // 2^53
    [0, 0x43e00000], // 2^63
    [0, 0x43f00000], // 2^64
    [-1, 0x43efffff], // 2^63 - 1024
    [0, 0x5ff00000], // 2^512
    [0, 0x1ff00000], // 2^-512
    [0, 0x7fe00000], // 2^1023
    [-2, 0x7fefffff], // max - ulp
    [-1, 0x7fefffff], // max
    [0, 0x7ff00000], // inf
    [0, 0x7ff80000], // canonical qNaN
    [0x1234, 0x7ffc0000], // qNaN payload
    [1, 0x7ff00000], // sNaN
    [0, 0x7ff40000], // sNaN payload
  ];
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of pos) {
    out.push([lo | 0, hi | 0]);
    out.push([lo | 0, hi | SIGN | 0]);
  }
  return out;
})();

/** binary32 edge values. */
export const EDGE32: readonly number[] = (() => {
  const pos = [
    0,
    1,
    2,
    0x00400000,
    0x007fffff,
    0x00800000,
    0x00800001,
    0x00ffffff,
    0x01000000,
    0x33800000, // 2^-24
    0x3f000000,
    0x3f7fffff,
    0x3f800000,
    0x3f800001,
    0x3fc00000,
    0x40000000,
    0x40200000,
    0x40400000,
    fltBits(0.1),
    fltBits(1 / 3),
    fltBits(Math.SQRT2),
    0x4b800000, // 2^24
    0x4f000000, // 2^31
    0x4f800000, // 2^32
    0x4effffff, // 2^31 - 128
    0x5f000000, // 2^63
    0x5f800000, // 2^64
    0x5effffff,
    0x5f800000,
    0x1f800000, // 2^-64
    0x7f000000, // 2^127
    0x7f7ffffe,
    0x7f7fffff,
    0x7f800000,
    0x7fc00000,
    0x7fc01234,
    0x7f800001,
    0x7fa00000,
  ];
  const out: number[] = [];
  for (const p of pos) {
    out.push(p | 0);
    out.push(p | SIGN | 0);
  }
  return out;
})();

// ------------------------------------------------------------------ random values

function mant52(rng: Rng): [number, number] {
  // returns [lo 32 bits, hi 20 bits]
  switch (rng.int(6)) {
    case 0: {
      // short significand: top k bits random, rest zero
      const k = 1 + rng.int(52);
      let lo = rng.i32();
      let hi = rng.i32() & 0xfffff;
      const zeros = 52 - k;
      if (zeros >= 32) {
        lo = 0;
        hi &= ~((1 << (zeros - 32)) - 1) & 0xfffff;
      } else if (zeros > 0) lo &= ~((1 << zeros) - 1);
      return [lo | 0, hi];
    }
    case 1: {
      // few bits set
      let lo = 0;
      let hi = 0;
      const n = rng.int(4);
      for (let i = 0; i < n; i++) {
        const b = rng.int(52);
        if (b < 32) lo |= 1 << b;
        else hi |= 1 << (b - 32);
      }
      return [lo | 0, hi];
    }
    case 2: {
      // all ones with a few zeros
      let lo = -1;
      let hi = 0xfffff;
      const n = rng.int(3);
      for (let i = 0; i < n; i++) {
        const b = rng.int(52);
        if (b < 32) lo &= ~(1 << b);
        else hi &= ~(1 << (b - 32));
      }
      return [lo | 0, hi];
    }
    default:
      return [rng.i32(), rng.i32() & 0xfffff];
  }
}

function expF64(rng: Rng): number {
  switch (rng.int(8)) {
    case 0:
      return rng.int(2047); // anything finite
    case 1:
      return rng.int(5); // subnormal / tiny normal
    case 2:
      return 2042 + rng.int(5); // huge
    case 3:
      return 1023 + rng.int(128) - 64;
    default:
      return 1023 + rng.int(41) - 20;
  }
}

/** A random binary64 as [lo, hi]. */
export function randF64(rng: Rng): [number, number] {
  if (rng.chance(0.05)) return rng.pick(EDGE64) as [number, number];
  if (rng.chance(0.08)) {
    // small integers and simple fractions
    const v = (rng.int(1 << 20) - (1 << 19)) / (1 << rng.int(4));
    return dblWords(v);
  }
  const [lo, mh] = mant52(rng);
  const hi = (expF64(rng) << 20) | mh | (rng.chance(0.5) ? SIGN : 0);
  return [lo, hi | 0];
}

/** A random binary64 with biased exponent e (clamped to finite). */
export function f64WithExp(rng: Rng, e: number): [number, number] {
  const [lo, mh] = mant52(rng);
  const ee = Math.max(0, Math.min(2046, e));
  return [lo, (ee << 20) | mh | (rng.chance(0.5) ? SIGN : 0) | 0];
}

function mant23(rng: Rng): number {
  switch (rng.int(6)) {
    case 0: {
      const zeros = rng.int(24);
      return (rng.i32() & 0x7fffff & ~((1 << zeros) - 1)) >>> 0;
    }
    case 1: {
      let m = 0;
      const n = rng.int(4);
      for (let i = 0; i < n; i++) m |= 1 << rng.int(23);
      return m;
    }
    case 2: {
      let m = 0x7fffff;
      const n = rng.int(3);
      for (let i = 0; i < n; i++) m &= ~(1 << rng.int(23));
      return m;
    }
    default:
      return rng.i32() & 0x7fffff;
  }
}

function expF32(rng: Rng): number {
  switch (rng.int(8)) {
    case 0:
      return rng.int(255);
    case 1:
      return rng.int(4);
    case 2:
      return 250 + rng.int(5);
    case 3:
      return 127 + rng.int(64) - 32;
    default:
      return 127 + rng.int(31) - 15;
  }
}

/** A random binary32 bit pattern. */
export function randF32(rng: Rng): number {
  if (rng.chance(0.05)) return rng.pick(EDGE32);
  if (rng.chance(0.08)) return fltBits((rng.int(1 << 16) - (1 << 15)) / (1 << rng.int(4)));
  return (expF32(rng) << 23) | mant23(rng) | (rng.chance(0.5) ? SIGN : 0) | 0;
}

export function f32WithExp(rng: Rng, e: number): number {
  const ee = Math.max(0, Math.min(254, e));
  return (ee << 23) | mant23(rng) | (rng.chance(0.5) ? SIGN : 0) | 0;
}

const exp64 = (hi: number): number => (hi >>> 20) & 0x7ff;
const exp32 = (a: number): number => (a >>> 23) & 0xff;

/** Nudges the bits of a binary64 by a small signed amount (stays finite-ish). */
function perturb64(rng: Rng, lo: number, hi: number): [number, number] {
  const d = rng.int(9) - 4;
  const nlo = (lo + d) | 0;
  let nhi = hi;
  if (d > 0 && nlo >>> 0 < lo >>> 0) nhi = (hi + 1) | 0;
  if (d < 0 && nlo >>> 0 > lo >>> 0) nhi = (hi - 1) | 0;
  return [nlo, nhi];
}

// ------------------------------------------------------------------ operand sets

export type Kind = "add" | "mul" | "div" | "sqrt" | "fma" | "any";

/**
 * Operands for a binary64 operation into w[0..5] (a, b, c as lo/hi pairs).
 */
export function gen64(rng: Rng, kind: Kind, w: Int32Array): void {
  let [alo, ahi] = randF64(rng);
  let [blo, bhi] = randF64(rng);
  let [clo, chi] = randF64(rng);
  const r = rng.int(10);
  switch (kind) {
    case "add":
      if (r < 4) {
        // close exponents / cancellation / alignment boundary
        const ea = exp64(ahi);
        [blo, bhi] = rng.chance(0.5) ? perturb64(rng, alo, ahi ^ (rng.chance(0.5) ? SIGN : 0)) : f64WithExp(rng, ea - rng.int(60));
      } else if (r < 5) {
        [alo, ahi] = f64WithExp(rng, rng.int(3));
        [blo, bhi] = f64WithExp(rng, rng.int(3));
      } else if (r < 6) {
        [alo, ahi] = f64WithExp(rng, 2046);
        [blo, bhi] = f64WithExp(rng, 2046 - rng.int(55));
      }
      break;
    case "mul":
      if (r < 3) {
        // result near the underflow threshold
        const ea = 1 + rng.int(2046);
        [alo, ahi] = f64WithExp(rng, ea);
        [blo, bhi] = f64WithExp(rng, 1023 + 1 - 1023 - (ea - 1023) + rng.int(60) - 55);
      } else if (r < 5) {
        // result near the overflow threshold
        const ea = 1023 + rng.int(1023);
        [alo, ahi] = f64WithExp(rng, ea);
        [blo, bhi] = f64WithExp(rng, 2046 - ea + 1023 + rng.int(3) - 1);
      }
      break;
    case "div":
      if (r < 2) {
        const ea = rng.int(2047);
        [alo, ahi] = f64WithExp(rng, ea);
        [blo, bhi] = f64WithExp(rng, ea + 1022 + rng.int(60) - 5);
      } else if (r < 4) {
        const ea = 1023 + rng.int(1023);
        [alo, ahi] = f64WithExp(rng, ea);
        [blo, bhi] = f64WithExp(rng, ea - 1023 + rng.int(3) - 1);
      } else if (r < 6) {
        // exact or near-exact quotients: a = b * q with q short
        const y = dbl(blo, bhi);
        const q = (rng.int(1 << 12) + 1) * 2 ** (rng.int(40) - 20);
        [alo, ahi] = perturb64(rng, ...dblWords(y * q));
      }
      break;
    case "sqrt":
      if (r < 4) {
        // near squares
        const s = dbl(alo, ahi);
        const t = Math.abs(s) ** 0.5;
        [alo, ahi] = perturb64(rng, ...dblWords(t * t));
      } else if (r < 5) {
        [alo, ahi] = f64WithExp(rng, rng.int(4));
      }
      break;
    case "fma": {
      if (r < 4) {
        // addend close to -(a*b): massive cancellation
        const p = dbl(alo, ahi) * dbl(blo, bhi);
        if (Number.isFinite(p) && p !== 0) {
          [clo, chi] = perturb64(rng, ...dblWords(-p));
          if (rng.chance(0.3)) chi ^= SIGN;
        }
      } else if (r < 6) {
        // addend far below the product (sticky bits), or exactly half an ulp
        const p = dbl(alo, ahi) * dbl(blo, bhi);
        if (Number.isFinite(p) && p !== 0) {
          const ep = Math.floor(Math.log2(Math.abs(p)));
          const k = rng.chance(0.5) ? 53 : 50 + rng.int(60);
          const v = 2 ** (ep - k) * (rng.chance(0.5) ? 1 : -1) * (rng.chance(0.5) ? 1 : 1.5);
          [clo, chi] = dblWords(v);
        }
      } else if (r < 7) {
        // product near underflow
        const ea = 1 + rng.int(2046);
        [alo, ahi] = f64WithExp(rng, ea);
        [blo, bhi] = f64WithExp(rng, 2046 - ea - 1023 + rng.int(60) - 50);
        [clo, chi] = f64WithExp(rng, rng.int(4));
      } else if (r < 8) {
        // product near overflow
        const ea = 1023 + rng.int(1023);
        [alo, ahi] = f64WithExp(rng, ea);
        [blo, bhi] = f64WithExp(rng, 2046 - ea + 1023 + rng.int(3) - 1);
        [clo, chi] = f64WithExp(rng, 2040 + rng.int(7));
      } else if (r < 9) {
        // a*b = 2^k (1 - 2^-60 u^2) is half an ulp of c minus a sliver
        // (u = 0: exactly half): the sum sits on or just off a midpoint.
        const u = rng.chance(0.2) ? 0 : 1 + rng.int(1 << 20);
        const k = rng.int(200) - 100;
        const x = (1 + u * 2 ** -30) * 2 ** k;
        const y = (1 - u * 2 ** -30) * (rng.chance(0.5) ? 1 : -1);
        const [mlo, mhi] = mant52(rng);
        const c = dbl(mlo, ((1023 + k + 1 + 52) << 20) | mhi) * (rng.chance(0.5) ? 1 : -1);
        [alo, ahi] = dblWords(x);
        [blo, bhi] = dblWords(y);
        [clo, chi] = dblWords(c);
      }
      break;
    }
    default:
      break;
  }
  w[0] = alo;
  w[1] = ahi;
  w[2] = blo;
  w[3] = bhi;
  w[4] = clo;
  w[5] = chi;
}

/** Operands for a binary32 operation into w[0], w[2], w[4]. */
export function gen32(rng: Rng, kind: Kind, w: Int32Array): void {
  let a = randF32(rng);
  let b = randF32(rng);
  let c = randF32(rng);
  const r = rng.int(10);
  switch (kind) {
    case "add":
      if (r < 4) {
        b = rng.chance(0.5) ? ((a ^ (rng.chance(0.5) ? SIGN : 0)) + rng.int(9) - 4) | 0 : f32WithExp(rng, exp32(a) - rng.int(30));
      } else if (r < 5) {
        a = f32WithExp(rng, rng.int(3));
        b = f32WithExp(rng, rng.int(3));
      } else if (r < 6) {
        a = f32WithExp(rng, 254);
        b = f32WithExp(rng, 254 - rng.int(26));
      }
      break;
    case "mul":
      if (r < 3) {
        const ea = 1 + rng.int(254);
        a = f32WithExp(rng, ea);
        b = f32WithExp(rng, 127 - (ea - 127) - 126 + rng.int(30) - 25);
      } else if (r < 5) {
        const ea = 127 + rng.int(127);
        a = f32WithExp(rng, ea);
        b = f32WithExp(rng, 254 - ea + 127 + rng.int(3) - 1);
      }
      break;
    case "div":
      if (r < 2) {
        const ea = rng.int(255);
        a = f32WithExp(rng, ea);
        b = f32WithExp(rng, ea + 126 + rng.int(30) - 5);
      } else if (r < 4) {
        const ea = 127 + rng.int(127);
        a = f32WithExp(rng, ea);
        b = f32WithExp(rng, ea - 127 + rng.int(3) - 1);
      } else if (r < 6) {
        const q = (rng.int(1 << 8) + 1) * 2 ** (rng.int(20) - 10);
        a = (fltBits(flt(b) * q) + rng.int(5) - 2) | 0;
      }
      break;
    case "sqrt":
      if (r < 4) {
        const t = Math.fround(Math.abs(flt(a)) ** 0.5);
        a = (fltBits(t * t) + rng.int(5) - 2) | 0;
      } else if (r < 5) a = f32WithExp(rng, rng.int(3));
      break;
    case "fma": {
      const p = flt(a) * flt(b);
      if (r < 4 && Number.isFinite(p) && p !== 0) {
        c = (fltBits(-p) + rng.int(9) - 4) | 0;
        if (rng.chance(0.3)) c ^= SIGN;
      } else if (r < 6 && Number.isFinite(p) && p !== 0) {
        const ep = Math.floor(Math.log2(Math.abs(p)));
        const k = rng.chance(0.5) ? 24 : 20 + rng.int(40);
        c = fltBits(2 ** (ep - k) * (rng.chance(0.5) ? 1 : -1) * (rng.chance(0.5) ? 1 : 1.5));
      } else if (r < 7) {
        const ea = 1 + rng.int(254);
        a = f32WithExp(rng, ea);
        b = f32WithExp(rng, 254 - ea - 127 + rng.int(30) - 25);
        c = f32WithExp(rng, rng.int(3));
      } else if (r < 8) {
        const ea = 127 + rng.int(127);
        a = f32WithExp(rng, ea);
        b = f32WithExp(rng, 254 - ea + 127 + rng.int(3) - 1);
        c = f32WithExp(rng, 250 + rng.int(5));
      } else if (r < 9) {
        // a*b = 2^k (1 - 2^-30 u^2): half an ulp of c minus a sliver below
        // double precision, the binary32 double-rounding trap.
        const u = rng.chance(0.2) ? 0 : rng.chance(0.5) ? 1 : 1 + rng.int(255);
        const k = rng.int(100) - 50;
        a = fltBits((1 + u * 2 ** -15) * 2 ** k);
        b = fltBits((1 - u * 2 ** -15) * (rng.chance(0.5) ? 1 : -1));
        c = ((127 + k + 1 + 23) << 23) | mant23(rng) | (rng.chance(0.5) ? SIGN : 0) | 0;
      }
      break;
    }
    default:
      break;
  }
  w[0] = a;
  w[1] = 0;
  w[2] = b;
  w[3] = 0;
  w[4] = c;
  w[5] = 0;
}

/** A binary64 near an integer / conversion boundary, as [lo, hi]. */
export function genToInt64(rng: Rng): [number, number] {
  const r = rng.int(8);
  if (r < 2) return randF64(rng);
  if (r < 3) return rng.pick(EDGE64) as [number, number];
  const bounds = [0, 1, 2, 2 ** 31, 2 ** 32, 2 ** 52, 2 ** 53, 2 ** 63, 2 ** 64];
  const base = rng.pick(bounds) * (rng.chance(0.5) ? 1 : -1);
  let v: number;
  if (r < 5) v = base + (rng.int(9) - 4) * 0.5 + (rng.chance(0.3) ? 0.25 : 0);
  else if (r < 6) v = base + (rng.int(2000) - 1000) / 64;
  else v = (rng.i32() / (1 << rng.int(30))) * 2 ** rng.int(40);
  const [lo, hi] = dblWords(v);
  return rng.chance(0.5) ? perturb64(rng, lo, hi) : [lo, hi];
}

/** A binary32 near an integer / conversion boundary. */
export function genToInt32(rng: Rng): number {
  const r = rng.int(8);
  if (r < 2) return randF32(rng);
  if (r < 3) return rng.pick(EDGE32);
  const bounds = [0, 1, 2, 2 ** 23, 2 ** 24, 2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64];
  const base = rng.pick(bounds) * (rng.chance(0.5) ? 1 : -1);
  const v = r < 6 ? base + (rng.int(9) - 4) * 0.5 : (rng.i32() / (1 << rng.int(30))) * 2 ** rng.int(40);
  return (fltBits(v) + (rng.chance(0.5) ? rng.int(5) - 2 : 0)) | 0;
}

/** A random 64-bit integer as [lo, hi] with varied magnitude. */
export function genInt64(rng: Rng): [number, number] {
  const r = rng.int(7);
  if (r === 0) {
    // near 2^k boundaries: +-(2^k + small)
    const k = rng.int(64);
    const v = (1n << BigInt(k)) + BigInt(rng.int(9) - 4);
    const s = rng.chance(0.5) ? v : -v;
    const u = BigInt.asUintN(64, s);
    return [Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0];
  }
  if (r === 2) {
    // a binary32 / binary64 midpoint plus or minus a sliver below 53 bits
    const p = rng.chance(0.5) ? 24 : 53;
    const m = (BigInt(rng.i32() >>> 0) << 32n) | BigInt(rng.i32() >>> 0);
    const top = (m & ((1n << BigInt(p - 1)) - 1n)) | (1n << BigInt(p - 1)); // p bits
    const mid = top * 2n + 1n; // p+1 bits, odd: a midpoint at precision p
    const j = rng.int(63 - p);
    let v = mid << BigInt(j);
    if (rng.chance(0.7)) v += BigInt(rng.int(7) - 3);
    if (rng.chance(0.5)) v = -v;
    const u = BigInt.asUintN(64, v);
    return [Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0];
  }
  if (r === 1) {
    // values with a short significand, sometimes a tie bit below it
    const k = rng.int(40);
    const m = BigInt(rng.i32() >>> 0) | 1n;
    const v = BigInt.asUintN(64, m << BigInt(k));
    return [Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0];
  }
  const sh = rng.int(64);
  let hi = rng.i32();
  let lo = rng.i32();
  if (sh >= 32) {
    lo = hi >> (sh - 32);
    hi = hi >> 31;
  } else if (sh > 0) {
    lo = (lo >>> sh) | (hi << (32 - sh));
    hi = hi >> sh;
  }
  return [lo | 0, hi | 0];
}

/** A random 32-bit integer with varied magnitude. */
export function genInt32(rng: Rng): number {
  const r = rng.int(4);
  if (r === 0) {
    const k = rng.int(32);
    const v = (2 ** k + rng.int(9) - 4) * (rng.chance(0.5) ? 1 : -1);
    return v | 0;
  }
  return rng.i32() >> rng.int(32);
}
