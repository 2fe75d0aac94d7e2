/**
 * Seeded operand generators for the floating-point tests: edge values
 * (zeros, denormals, infinities, quiet and signalling NaNs, max/min normal,
 * for floatx80 also pseudo-denormals, unnormals, pseudo-infinities and
 * pseudo-NaNs) and random values aimed at rounding boundaries, cancellation
 * and the overflow/underflow thresholds.
 */

/** xoshiro128** seeded through splitmix32. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  constructor(seed: number) {
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
  u32(): number {
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
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(((this.u32() >>> 0) / 4294967296) * n);
  }
  chance(p: number): boolean {
    return (this.u32() >>> 0) / 4294967296 < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Random bits with long runs of zeros and ones (TestFloat's "random with runs"). */
function runs(rng: Rng, bits: number): number {
  let v = 0;
  let i = 0;
  while (i < bits) {
    const len = 1 + rng.int(Math.min(12, bits - i));
    const one = rng.chance(0.5);
    for (let k = 0; k < len && i < bits; k++, i++) v = (v << 1) | (one ? 1 : 0);
  }
  return v;
}

/** A random significand field of `bits` bits (<= 32): uniform, runs, or a few set bits. */
function sigBits(rng: Rng, bits: number): number {
  const mask = bits >= 32 ? -1 : (1 << bits) - 1;
  switch (rng.int(5)) {
    case 0:
      return rng.u32() & mask;
    case 1:
      return runs(rng, bits) & mask;
    case 2:
      return (1 << rng.int(bits)) & mask;
    case 3:
      return (mask ^ (1 << rng.int(bits))) & mask;
    default:
      return rng.chance(0.5) ? 0 : mask;
  }
}

// ------------------------------------------------------------------ float32

export const EDGE32: readonly number[] = [
  0x00000000, 0x00000001, 0x00000002, 0x003fffff, 0x00400000, 0x007fffff, 0x00800000, 0x00800001, 0x00ffffff, 0x01000000, 0x33800000,
  0x34000000, 0x3f000000, 0x3f7fffff, 0x3f800000, 0x3f800001, 0x3fc00000, 0x40000000, 0x40400000, 0x4b000000, 0x4b7fffff, 0x4effffff,
  0x4f000000, 0x4f000001, 0x5effffff, 0x5f000000, 0x7effffff, 0x7f000000, 0x7f7ffffe, 0x7f7fffff, 0x7f800000, 0x7f800001, 0x7fbfffff,
  0x7fc00000, 0x7fc00001, 0x7fffffff, 0x7fa00000, 0x477fe000, 0x477ff000, 0x38800000, 0x387fc000, 0x33000000, 0x1f800000,
];

export function genF32(rng: Rng): number {
  const sign = rng.chance(0.5) ? 0x80000000 : 0;
  switch (rng.int(8)) {
    case 0:
      return rng.u32();
    case 1:
      return rng.pick(EDGE32) | sign | 0;
    case 2: {
      // Exponent near the edges of the range.
      const e = rng.pick([0, 0, 1, 2, 23, 24, 25, 103, 104, 126, 127, 128, 150, 151, 230, 253, 254, 254, 255]);
      return sign | (e << 23) | sigBits(rng, 23) | 0;
    }
    default: {
      const e = 100 + rng.int(56);
      return sign | (e << 23) | sigBits(rng, 23) | 0;
    }
  }
}

/** A second operand related to a: close in value (cancellation, ties), or with a chosen exponent gap. */
export function genF32Pair(rng: Rng, a: number): number {
  switch (rng.int(6)) {
    case 0: {
      const d = rng.int(5) - 2;
      return (a + d) ^ (rng.chance(0.5) ? 0x80000000 : 0);
    }
    case 1: {
      // Exponent gap around the precision.
      const gap = rng.pick([1, 2, 22, 23, 24, 25, 26, 30, 60]) * (rng.chance(0.5) ? 1 : -1);
      const e = ((a >>> 23) & 0xff) + gap;
      if (e <= 0 || e >= 255) return genF32(rng);
      return ((a & 0x80000000) ^ (rng.chance(0.5) ? 0x80000000 : 0)) | (e << 23) | sigBits(rng, 23);
    }
    case 2: {
      // Exponents summing/differing to near the overflow or underflow thresholds (mul/div).
      const ea = (a >>> 23) & 0xff;
      const target = rng.pick([127 + 127, 127 + 128, 127 - 126, 127 - 125, 127 - 149, 127 - 150, 127 - 148, 0, 1]);
      let e = target - ea + 127;
      if (rng.chance(0.5)) e = ea - target + 127;
      if (e <= 0 || e >= 255) return genF32(rng);
      return (rng.chance(0.5) ? 0x80000000 : 0) | (e << 23) | sigBits(rng, 23) | 0;
    }
    default:
      return genF32(rng);
  }
}

// ------------------------------------------------------------------ float64 (lo, hi)

export const EDGE64: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [1, 0],
  [2, 0],
  [-1, 0x7ffff],
  [0, 0x80000],
  [-1, 0xfffff],
  [0, 0x100000],
  [1, 0x100000],
  [-1, 0x1fffff],
  [0, 0x3fe00000],
  [-1, 0x3fefffff],
  [0, 0x3ff00000],
  [1, 0x3ff00000],
  [0, 0x3ff80000],
  [0, 0x40000000],
  [0, 0x43300000],
  [-1, 0x433fffff],
  [0, 0x41e00000],
  [-1, 0x41dfffff],
  [0x400000, 0x41e00000],
  [0, 0x43e00000],
  [-1, 0x43dfffff],
  [0, 0x7fe00000],
  [-2, 0x7fefffff],
  [-1, 0x7fefffff],
  [0, 0x7ff00000],
  [1, 0x7ff00000],
  [-1, 0x7ff7ffff],
  [0, 0x7ff80000],
  [1, 0x7ff80000],
  [-1, 0x7fffffff],
  [0, 0x7ff40000],
  [0, 0x47efffff],
  [-0x20000000, 0x47efffff],
  [0, 0x380fffff],
  [0, 0x36a00000],
  [0, 0x3690000],
  [0, 0x3ca00000],
];

export function genF64(rng: Rng): [number, number] {
  const sign = rng.chance(0.5) ? -2147483648 : 0;
  switch (rng.int(8)) {
    case 0:
      return [rng.u32(), rng.u32()];
    case 1: {
      const [lo, hi] = rng.pick(EDGE64);
      return [lo, hi | sign];
    }
    case 2: {
      const e = rng.pick([0, 0, 1, 2, 52, 53, 54, 896, 897, 969, 970, 1022, 1023, 1024, 1075, 1076, 1150, 2045, 2046, 2046, 2047]);
      return [sigBits(rng, 32), sign | (e << 20) | sigBits(rng, 20)];
    }
    default: {
      const e = 990 + rng.int(70);
      return [sigBits(rng, 32), sign | (e << 20) | sigBits(rng, 20)];
    }
  }
}

export function genF64Pair(rng: Rng, lo: number, hi: number): [number, number] {
  switch (rng.int(6)) {
    case 0: {
      const d = rng.int(5) - 2;
      const l = (lo + d) | 0;
      return [l, hi ^ (rng.chance(0.5) ? -2147483648 : 0)];
    }
    case 1: {
      const gap = rng.pick([1, 2, 31, 32, 33, 51, 52, 53, 54, 55, 63, 64, 65, 110]) * (rng.chance(0.5) ? 1 : -1);
      const e = ((hi >>> 20) & 0x7ff) + gap;
      if (e <= 0 || e >= 2047) return genF64(rng);
      return [sigBits(rng, 32), ((hi & -2147483648) ^ (rng.chance(0.5) ? -2147483648 : 0)) | (e << 20) | sigBits(rng, 20)];
    }
    case 2: {
      const ea = (hi >>> 20) & 0x7ff;
      const target = rng.pick([1023 + 1023, 1023 + 1024, 1023 - 1022, 1023 - 1021, 1023 - 1074, 1023 - 1075, 1023 - 1073, 0, 1]);
      let e = target - ea + 1023;
      if (rng.chance(0.5)) e = ea - target + 1023;
      if (e <= 0 || e >= 2047) return genF64(rng);
      return [sigBits(rng, 32), (rng.chance(0.5) ? -2147483648 : 0) | (e << 20) | sigBits(rng, 20)];
    }
    default:
      return genF64(rng);
  }
}

// ------------------------------------------------------------------ floatx80 (lo, hi, se)

export const EDGEX80: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0], // zero
  [1, 0, 0], // min denormal
  [-1, 0x7fffffff, 0], // max denormal
  [0, -2147483648, 0], // pseudo-denormal
  [5, -2147483648, 0], // pseudo-denormal
  [0, -2147483648, 1], // min normal
  [0, -2147483648, 0x3fff], // 1
  [1, -2147483648, 0x3fff],
  [-1, -1, 0x3ffe],
  [0, -1073741824, 0x3fff], // 1.5
  [0, -2147483648, 0x403e], // 2^63
  [0, -2147483648, 0x401e], // 2^31
  [-1, -1, 0x7ffe], // max
  [0, -2147483648, 0x7fff], // inf
  [0, -1073741824, 0x7fff], // default qNaN pattern
  [1, -1073741824, 0x7fff],
  [1, -2147483648, 0x7fff], // sNaN
  [0, -1610612736, 0x7fff], // sNaN 0xa0..
  [0, 0, 0x7fff], // pseudo-infinity
  [1, 0, 0x7fff], // pseudo-NaN
  [0, 0x40000000, 0x7fff], // pseudo-NaN (quiet bit)
  [0, 0x40000000, 0x3fff], // unnormal
  [0, 0, 0x4000], // unnormal zero
  [0x800, -2147483648, 0x3fff], // 1 + 2^-52
  [0x400, -2147483648, 0x3fff], // 1 + 2^-53 (double tie)
  [0, -2147483392, 0x3fff], // 1 + 2^-24 (single tie)
  [0, -2147483520, 0x3fff], // 1 + 2^-25
  [0, -2147483648, 0x3c01], // double min normal
  [0, -2147483648, 0x3f81], // single min normal
  [0, -2147483648, 0x43fe], // double max-ish
];

export function genX80(rng: Rng): [number, number, number] {
  const sign = rng.chance(0.5) ? 0x8000 : 0;
  switch (rng.int(10)) {
    case 0:
      return [rng.u32(), rng.u32(), rng.u32() & 0xffff];
    case 1:
    case 2: {
      const [lo, hi, se] = rng.pick(EDGEX80);
      return [lo, hi, se | sign];
    }
    case 3: {
      const e = rng.pick([
        0, 0, 1, 2, 63, 64, 65, 0x3c00, 0x3c01, 0x3f80, 0x3f81, 0x3ffe, 0x3fff, 0x4000, 0x43fe, 0x43ff, 0x407e, 0x407f, 0x7ffd, 0x7ffe,
        0x7ffe, 0x7fff,
      ]);
      const hi = e === 0 ? sigBits(rng, 31) : sigBits(rng, 31) | -2147483648;
      return [sigBits(rng, 32), hi, e | sign];
    }
    case 4: {
      // Significands around the 24- and 53-bit rounding points.
      const e = 0x3f00 + rng.int(0x200);
      const hi = -2147483648 | sigBits(rng, 31);
      let lo = sigBits(rng, 32);
      if (rng.chance(0.5)) lo = (lo & 0xfff) | (rng.chance(0.5) ? 0x400 : 0);
      return [lo, rng.chance(0.5) ? (hi & ~0xff) | (rng.chance(0.5) ? 0x80 : 0x7f) : hi, e | sign];
    }
    default: {
      const e = 0x3f00 + rng.int(0x200);
      return [sigBits(rng, 32), -2147483648 | sigBits(rng, 31), e | sign];
    }
  }
}

export function genX80Pair(rng: Rng, a: readonly [number, number, number]): [number, number, number] {
  const ea = a[2] & 0x7fff;
  switch (rng.int(6)) {
    case 0: {
      const d = rng.int(5) - 2;
      return [(a[0] + d) | 0, a[1], a[2] ^ (rng.chance(0.5) ? 0x8000 : 0)];
    }
    case 1: {
      const gap = rng.pick([1, 2, 23, 24, 25, 52, 53, 54, 63, 64, 65, 66, 130]) * (rng.chance(0.5) ? 1 : -1);
      const e = ea + gap;
      if (e <= 0 || e >= 0x7fff) return genX80(rng);
      return [sigBits(rng, 32), -2147483648 | sigBits(rng, 31), e | (rng.chance(0.5) ? 0x8000 : 0)];
    }
    case 2: {
      const target = rng.pick([0x3fff + 0x3fff, 0x3fff + 0x4000, 0x3fff - 0x3ffe, 0x3fff - 0x3ffd, 0x3fff - 0x403e, 0x3fff - 0x403d, 0, 1]);
      let e = target - ea + 0x3fff;
      if (rng.chance(0.5)) e = ea - target + 0x3fff;
      if (e <= 0 || e >= 0x7fff) return genX80(rng);
      return [sigBits(rng, 32), -2147483648 | sigBits(rng, 31), e | (rng.chance(0.5) ? 0x8000 : 0)];
    }
    default:
      return genX80(rng);
  }
}

// ------------------------------------------------------------------ integers

/** A 32-bit integer biased toward the float conversion boundaries. */
export function genI32(rng: Rng): number {
  switch (rng.int(4)) {
    case 0:
      return rng.u32();
    case 1:
      return rng.pick([0, 1, -1, 2, 0x7fffffff, -2147483648, 0x1000000, 0x1000001, 0xffffff, 0x7fffff80, 0x7fffffc0]);
    default: {
      const bits = 1 + rng.int(32);
      const v = sigBits(rng, bits) | (bits < 32 ? 1 << (bits - 1) : 0);
      return rng.chance(0.5) ? -v | 0 : v;
    }
  }
}

/** A 64-bit integer as (lo, hi). */
export function genI64(rng: Rng): [number, number] {
  switch (rng.int(4)) {
    case 0:
      return [rng.u32(), rng.u32()];
    case 1:
      return rng.pick([
        [0, 0],
        [1, 0],
        [-1, -1],
        [-1, 0x7fffffff],
        [0, -2147483648],
        [0x400, 0x200000],
        [0x401, 0x200000],
        [-0x400, 0x7fffffff],
      ] as const) as [number, number];
    default: {
      const bits = 1 + rng.int(64);
      const hi = bits > 32 ? sigBits(rng, bits - 32) | (1 << (bits - 33)) : 0;
      const lo = bits > 32 ? sigBits(rng, 32) : sigBits(rng, bits) | (1 << (bits - 1));
      if (!rng.chance(0.5)) return [lo, hi];
      const nl = -lo | 0;
      return [nl, (~hi + (nl === 0 ? 1 : 0)) | 0];
    }
  }
}

/** Cases per operation: FPU_CASES in the environment, or the default. */
export function caseCount(def: number): number {
  const env = process.env["FPU_CASES"];
  const n = env ? Number(env) : def;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`FPU_CASES must be a positive number, got ${env}`);
  return Math.floor(n);
}

/** Seed: FPU_SEED in the environment, or the default. */
export function seedFor(def: number): number {
  const env = process.env["FPU_SEED"];
  return env ? Number(env) | 0 : def;
}
