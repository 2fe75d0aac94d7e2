// Seeded random MMIO traffic for the hostile-access tests of the device models: no access may
// throw, and every read must be an unsigned value that fits the access size.
import type { MmioDevice } from "../../src/hw/device.ts";

/** xorshift32: the same sequence for a seed on every run. */
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/**
 * `count` random reads and writes (sizes 0..8, offsets in [-64, span + 64), any value), with
 * `between` called every 64 accesses. Returns the number of bad read values (0 expected).
 */
export function fuzzMmio(dev: MmioDevice, span: number, count: number, seed: number, between?: (rnd: () => number) => void): number {
  const rnd = xorshift(seed);
  const sizes = [1, 2, 4, 1, 2, 4, 3, 8, 0];
  let bad = 0;
  for (let i = 0; i < count; i++) {
    const r = rnd();
    const size = sizes[r % sizes.length];
    const offset = (rnd() % (span + 128)) - 64;
    if ((r >>> 8) & 1) {
      const v = dev.read(offset, size);
      const limit = size >= 4 ? 2 ** 32 : size <= 0 ? 1 : 2 ** (8 * size);
      if (!(Number.isInteger(v) && v >= 0 && v < Math.max(limit, 1))) bad++;
    } else {
      dev.write(offset, size, rnd() | 0);
    }
    if (between && (i & 63) === 0) between(rnd);
  }
  return bad;
}
