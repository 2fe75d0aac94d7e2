// Seeded test arguments for glibc's sin/cos/tan (src/fpu/libm-glibc.ts), as
// (lo, hi) word pairs of doubles.  Shared by test/fpu/libm-glibc.test.ts and
// tools/libm/compare.ts.  The mix aims at every path of s_sin.c, s_tan.c and
// branred.c: all exponents, the argument-range boundaries of __sin/__cos/__tan,
// points near multiples of pi/4 and pi/2 (quadrant changes, tiny reduced
// arguments, tan's cot branch), huge arguments up to DBL_MAX, tiny and
// subnormal values, signed zeros, infinities and NaNs with payloads.

import { Rng } from "../fuzz/rng.ts";

const view = new DataView(new ArrayBuffer(8));
function toWords(x: number, out: Uint32Array, i: number): void {
  view.setFloat64(0, x);
  out[2 * i + 1] = view.getUint32(0);
  out[2 * i] = view.getUint32(4);
}
function fromWords(hi: number, lo: number): number {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}

/** Fixed arguments present in every set (first in the array). */
export const SPECIAL_ARGUMENTS: readonly (readonly [number, number])[] = [
  [0x00000000, 0x00000000], // +0
  [0x80000000, 0x00000000], // -0
  [0x7ff00000, 0x00000000], // +Inf
  [0xfff00000, 0x00000000], // -Inf
  [0x7ff80000, 0x00000000], // qNaN
  [0xfff80000, 0x00000000], // -qNaN (x86 default NaN)
  [0x7ff80000, 0x12345678], // qNaN with payload
  [0xfff4abcd, 0x00000001], // -sNaN with payload
  [0x7ff00000, 0x00000001], // sNaN, smallest payload
  [0x7fffffff, 0xffffffff], // qNaN, all ones
  [0x00000000, 0x00000001], // smallest subnormal
  [0x800fffff, 0xffffffff], // largest negative subnormal
  [0x00100000, 0x00000000], // DBL_MIN
  [0x7fefffff, 0xffffffff], // DBL_MAX
  [0xffefffff, 0xffffffff], // -DBL_MAX
  [0x3ff00000, 0x00000000], // 1
  [0x400921fb, 0x54442d18], // pi
  [0x3ff921fb, 0x54442d18], // pi/2
  [0x3fe921fb, 0x54442d18], // pi/4
  [0x43e00000, 0x00000000], // 2^63 (QEMU's MAXTAN: still computed)
  [0x43e00000, 0x00000001], // just above 2^63 (QEMU sets C2)
  [0x5fe00000, 0x00000000], // 2^511
  // 6381956970095103 * 2^797, the double closest to a multiple of pi/2 (Kahan, McDonald)
  [0x7e16a7f2, 0x4eb6c6ff],
  [0x7e16a7f2, 0x4eb6c6fe],
  // arguments where glibc's FMA and SSE2 builds of tan differ (found with the real library)
  [0x3ff96f6d, 0x7407ba43],
  [0xbfa30e63, 0xed4215d3],
  [0xc10bacae, 0xf307362c],
  [0xbfa43c41, 0x9f049578],
  [0xc1909fab, 0xa9269b1f],
  [0xc0825bfb, 0x3c4ef9ed],
  [0xc1c3d7e2, 0x08dcf2b9],
  [0x4032d97c, 0x7f3321d2],
  [0x40f15e17, 0x04b592a7],
  [0xc0da35da, 0x54ff216f],
].map(([hi, lo]) => [hi! >>> 0, lo! >>> 0] as const);

/**
 * Range boundaries of s_sin.c and s_tan.c (and QEMU's 2^63 limit); arguments
 * are drawn within a few thousand ulps of each, both signs.
 */
const BOUNDARIES: readonly number[] = [
  fromWords(0x3e400000, 0), // cos: 2^-27
  fromWords(0x3e500000, 0), // sin: 2^-26
  0.126, // do_sin: Taylor series below
  fromWords(0x3feb6000, 0), // 0.855469
  fromWords(0x400368fd, 0), // 2.426265
  fromWords(0x419921fb, 0), // 105414350
  fromWords(0x3e4b096c, 0), // tan g1 1.259e-8
  fromWords(0x3faf212d, 0), // tan g2 = gy2 0.0608
  fromWords(0x3fe92f1a, 0), // tan g3 0.787
  25, // tan g4
  fromWords(0x4197d784, 0), // tan g5 1e8
  2 ** 63, // QEMU MAXTAN
  1,
  2 ** 27,
  2 ** 52,
];

const PI_4_HI = 0.7853981633974483; // RN(pi/4)
const PI_4_LO = 3.061616997868383e-17; // RN(pi/4 - PI_4_HI)

/**
 * count arguments (the SPECIAL_ARGUMENTS first) as (lo, hi) word pairs.
 * Same seed, same arguments on every platform.
 */
export function libmArguments(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(2 * count);
  const rng = new Rng(seed, 0x11b7);
  let i = 0;
  for (const [hi, lo] of SPECIAL_ARGUMENTS) {
    if (i >= count) break;
    out[2 * i] = lo;
    out[2 * i + 1] = hi;
    i++;
  }
  const sign = (): number => (rng.u32() & 1 ? -1 : 1);
  /** A random double with the given unbiased exponent (normal range). */
  const withExponent = (e: number): number => {
    const hi = (((e + 1023) << 20) | (rng.u32() & 0xfffff)) >>> 0;
    return sign() * fromWords(hi, rng.u32());
  };
  /** x moved by up to ±k units in the last place (through the bit pattern). */
  const nudge = (x: number, k: number): number => {
    toWords(x, out, i);
    const d = rng.below(2 * k + 1) - k;
    let lo = out[2 * i]! + d;
    let hi = out[2 * i + 1]!;
    if (lo < 0) ((lo += 0x100000000), (hi -= 1));
    else if (lo > 0xffffffff) ((lo -= 0x100000000), (hi += 1));
    return fromWords(hi, lo);
  };
  for (; i < count; i++) {
    const kind = rng.below(100);
    let x: number;
    if (kind < 8) {
      // any bit pattern: all exponents, NaNs, infinities, subnormals
      out[2 * i] = rng.u32();
      out[2 * i + 1] = rng.u32();
      continue;
    } else if (kind < 20) {
      // uniform over exponents of the whole finite range
      x = withExponent(rng.below(2046) - 1022);
    } else if (kind < 50) {
      // the main ranges: 2^-30 .. 2^30
      x = withExponent(rng.below(61) - 30);
    } else if (kind < 70) {
      // near k*pi/4 (quadrant edges, tiny reduced arguments), k up to 2^8, 2^24 or 2^40
      const scale = [256, 1 << 24, 2 ** 40][rng.below(3)]!;
      const k = rng.below(Math.min(scale, 0x100000000)) + (scale > 0x100000000 ? rng.below(scale / 0x100000000) * 0x100000000 : 0);
      x = sign() * (k * PI_4_HI + k * PI_4_LO);
      // a few ulps off, or off by up to 1 scaled down by 2^0 .. 2^-40
      x = rng.below(4) === 0 ? x + (sign() * rng.u32() * 2 ** -32) / 2 ** rng.below(41) : nudge(x, 64);
    } else if (kind < 78) {
      // near k*pi/2 within tan's small-y range (|y| <= 0.0608 after reduction)
      const k = rng.below(1 << 20);
      x = k * 2 * PI_4_HI + k * 2 * PI_4_LO + (rng.u32() / 0x100000000 - 0.5) * 0.15;
      x *= sign();
    } else if (kind < 88) {
      // range boundaries
      const b = BOUNDARIES[rng.below(BOUNDARIES.length)]!;
      x = sign() * nudge(b, 4096);
    } else if (kind < 94) {
      // huge: 2^27 .. DBL_MAX (the __branred range)
      x = withExponent(27 + rng.below(997));
    } else {
      // tiny: subnormals and normals below 2^-20
      if (rng.u32() & 1) {
        out[2 * i] = rng.u32();
        out[2 * i + 1] = (rng.u32() & 0x800fffff) >>> 0; // subnormal or zero
        continue;
      }
      x = withExponent(-1022 + rng.below(1002));
    }
    toWords(x, out, i);
  }
  return out;
}
