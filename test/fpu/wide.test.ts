/**
 * The multi-word helpers of src/fpu/wide.ts (QEMU's softfloat-macros.h on
 * int32 words) against BigInt transcriptions of the C definitions.
 */

import { describe, expect, it } from "vitest";
import * as Wd from "../../src/fpu/wide.ts";
import { Rng, caseCount, seedFor } from "./gen.ts";

const N = caseCount(20_000);
const M64 = (1n << 64n) - 1n;
const M128 = (1n << 128n) - 1n;

const w = (h: number, l: number): bigint => (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
const hiw = (v: bigint): number => Number(BigInt.asIntN(32, v >> 32n));
const low = (v: bigint): number => Number(BigInt.asIntN(32, v));
/** W[i..i+2k] as a BigInt of k 64-bit words. */
function fromW(words: number): bigint {
  let v = 0n;
  for (let i = 0; i < words * 2; i++) v = (v << 32n) | BigInt(Wd.W[i]! >>> 0);
  return v;
}

/** A uint64 biased toward edge patterns. */
function u64(rng: Rng): bigint {
  switch (rng.int(5)) {
    case 0:
      return 0n;
    case 1:
      return M64 - BigInt(rng.int(3));
    case 2:
      return (1n << BigInt(rng.int(64))) + BigInt(rng.int(3)) - 1n;
    default:
      return w(rng.u32(), rng.u32());
  }
}

/** QEMU's estimateDiv128To64, in BigInt. */
function estimateRef(a0: bigint, a1: bigint, b: bigint): bigint {
  if (b <= a0) return M64;
  const b0 = b >> 32n;
  let z = b0 << 32n <= a0 ? 0xffffffff00000000n : (a0 / b0) << 32n;
  let rem = ((a0 << 64n) | a1) - b * z;
  // 128-bit wrap with a signed view of rem0.
  rem &= M128;
  while (rem >> 127n) {
    z = (z - 0x100000000n) & M64;
    rem = (rem + ((b0 << 64n) | ((b << 32n) & M64))) & M128;
  }
  const r0 = (((rem >> 64n) << 32n) | ((rem & M64) >> 32n)) & M64;
  z |= b0 << 32n <= r0 ? 0xffffffffn : r0 / b0;
  return z;
}

describe("wide.ts multi-word helpers", () => {
  it("mul64To128, mul128By64To192, mul128To256", { timeout: 600_000 }, () => {
    const rng = new Rng(seedFor(0x31de0001));
    for (let i = 0; i < N; i++) {
      const a = u64(rng),
        b = u64(rng),
        c = u64(rng),
        d = u64(rng);
      Wd.mul64To128(hiw(a), low(a), hiw(b), low(b));
      expect(fromW(2)).toBe(a * b);
      Wd.mul128By64To192(hiw(a), low(a), hiw(b), low(b), hiw(c), low(c));
      expect(fromW(3)).toBe((((a << 64n) | b) * c) & ((1n << 192n) - 1n));
      Wd.mul128To256(hiw(a), low(a), hiw(b), low(b), hiw(c), low(c), hiw(d), low(d));
      expect(fromW(4)).toBe(((a << 64n) | b) * ((c << 64n) | d));
    }
  });

  it("add/sub 128 and 192", { timeout: 600_000 }, () => {
    const rng = new Rng(seedFor(0x31de0002));
    for (let i = 0; i < N; i++) {
      const [a, b, c, d, e, f] = [u64(rng), u64(rng), u64(rng), u64(rng), u64(rng), u64(rng)];
      const x = (a << 64n) | b,
        y = (c << 64n) | d;
      Wd.add128(hiw(a), low(a), hiw(b), low(b), hiw(c), low(c), hiw(d), low(d));
      expect(fromW(2)).toBe((x + y) & M128);
      Wd.sub128(hiw(a), low(a), hiw(b), low(b), hiw(c), low(c), hiw(d), low(d));
      expect(fromW(2)).toBe((x - y) & M128);
      const X = (x << 64n) | e,
        Y = (y << 64n) | f;
      const M192 = (1n << 192n) - 1n;
      Wd.add192(hiw(a), low(a), hiw(b), low(b), hiw(e), low(e), hiw(c), low(c), hiw(d), low(d), hiw(f), low(f));
      expect(fromW(3)).toBe((X + Y) & M192);
      Wd.sub192(hiw(a), low(a), hiw(b), low(b), hiw(e), low(e), hiw(c), low(c), hiw(d), low(d), hiw(f), low(f));
      expect(fromW(3)).toBe((X - Y) & M192);
    }
  });

  it("shifts", { timeout: 600_000 }, () => {
    const rng = new Rng(seedFor(0x31de0003));
    for (let i = 0; i < N; i++) {
      const a = u64(rng),
        b = u64(rng);
      const x = (a << 64n) | b;
      const n = rng.int(140);
      Wd.shift128RightJamming(hiw(a), low(a), hiw(b), low(b), n);
      const lost = n >= 128 ? x : x & ((1n << BigInt(n)) - 1n);
      expect(fromW(2)).toBe((n >= 128 ? 0n : x >> BigInt(n)) | (n > 0 && lost !== 0n ? 1n : 0n));
      Wd.shift128Right(hiw(a), low(a), hiw(b), low(b), n);
      expect(fromW(2)).toBe(n >= 128 ? 0n : x >> BigInt(n));
      const m = n % 128;
      Wd.shift128Left(hiw(a), low(a), hiw(b), low(b), m);
      expect(fromW(2)).toBe((x << BigInt(m)) & M128);
      // shift64ExtraRightJamming
      Wd.shift64ExtraRightJamming(hiw(a), low(a), hiw(b), low(b), n);
      let z0: bigint, z1: bigint;
      if (n === 0) {
        z0 = a;
        z1 = b;
      } else if (n < 64) {
        z1 = ((a << BigInt(64 - n)) & M64) | (b !== 0n ? 1n : 0n);
        z0 = a >> BigInt(n);
      } else if (n === 64) {
        z1 = a | (b !== 0n ? 1n : 0n);
        z0 = 0n;
      } else {
        z1 = (a | b) !== 0n ? 1n : 0n;
        z0 = 0n;
      }
      expect(fromW(2)).toBe((z0 << 64n) | z1);
    }
  });

  it("estimateDiv128To64 and div64By32", { timeout: 600_000 }, () => {
    const rng = new Rng(seedFor(0x31de0004));
    for (let i = 0; i < N; i++) {
      const b = u64(rng) | (1n << 63n);
      let a0 = u64(rng);
      if (rng.chance(0.8)) a0 %= b;
      const a1 = u64(rng);
      Wd.estimateDiv128To64(hiw(a0), low(a0), hiw(a1), low(a1), hiw(b), low(b));
      expect(fromW(1)).toBe(estimateRef(a0, a1, b));
      const d = rng.u32() >>> 0 || 1;
      const h = rng.int(d);
      const l = rng.u32();
      const q = Wd.div64By32(h, l, d);
      const full = (BigInt(h) << 32n) | BigInt(l >>> 0);
      expect(BigInt(q >>> 0)).toBe(full / BigInt(d));
      expect(BigInt(Wd.divRem())).toBe(full % BigInt(d));
    }
  });
});
