/**
 * Format descriptors, QEMU's FloatFmt (fpu/softfloat.c): exponent width and
 * bias, fraction width, and where rounding happens in the 64-bit high half
 * of the parts fraction.
 */

export interface FloatFmt {
  readonly expSize: number;
  readonly expBias: number;
  /** All-ones biased exponent (infinities and NaNs). */
  readonly expMax: number;
  /** Stored fraction bits (63 for floatx80: the integer bit is explicit). */
  readonly fracSize: number;
  /** Right shift from the parts' 64-bit high half to the packed fraction. */
  readonly fracShift: number;
  /**
   * Number of low bits of the 64-bit high half below the result's least
   * significant bit (QEMU's round_mask = 2^roundBits - 1).  Zero means the
   * floatx80 extended-precision rounding, done at the 128-bit boundary.
   */
  readonly roundBits: number;
  /** ARM alternative half precision: no infinities or NaNs. */
  readonly armAltHp: boolean;
  /** The format stores the integer bit (floatx80). */
  readonly hasExplicitBit: boolean;
  /** round_mask, its lowest kept bit (frac_lsb) and half of that (frac_lsbm1), as (high, low) words. */
  readonly rmH: number;
  readonly rmL: number;
  readonly lsbH: number;
  readonly lsbL: number;
  readonly halfH: number;
  readonly halfL: number;
}

/** Word pair of 2^k (0 <= k < 64). */
function powHi(k: number): number {
  return k >= 32 ? 1 << (k - 32) : 0;
}
function powLo(k: number): number {
  return k >= 32 ? 0 : 1 << k;
}
/** Word pair of 2^k - 1. */
function maskHi(k: number): number {
  return k > 32 ? (1 << (k - 32)) - 1 : 0;
}
function maskLo(k: number): number {
  return k >= 32 ? -1 : ((1 << k) - 1) | 0;
}

function rounding(rb: number): { rmH: number; rmL: number; lsbH: number; lsbL: number; halfH: number; halfL: number } {
  if (rb === 0) return { rmH: 0, rmL: 0, lsbH: 0, lsbL: 0, halfH: 0, halfL: 0 };
  return { rmH: maskHi(rb), rmL: maskLo(rb), lsbH: powHi(rb), lsbL: powLo(rb), halfH: powHi(rb - 1), halfL: powLo(rb - 1) };
}

function ieee(e: number, f: number, altHp = false): FloatFmt {
  const shift = (-f - 1) & 63;
  return {
    expSize: e,
    expBias: ((1 << e) - 1) >> 1,
    expMax: (1 << e) - 1,
    fracSize: f,
    fracShift: shift,
    roundBits: shift,
    armAltHp: altHp,
    hasExplicitBit: false,
    ...rounding(shift),
  };
}

function x80(r: number): FloatFmt {
  return {
    expSize: 15,
    expBias: 16383,
    expMax: 0x7fff,
    fracSize: r === 64 ? 63 : r,
    fracShift: 0,
    roundBits: r === 64 ? 0 : (-r - 1) & 63,
    armAltHp: false,
    hasExplicitBit: r === 64,
    ...rounding(r === 64 ? 0 : (-r - 1) & 63),
  };
}

export const FLOAT16: FloatFmt = ieee(5, 10);
export const FLOAT16_AHP: FloatFmt = ieee(5, 10, true);
export const BFLOAT16: FloatFmt = ieee(8, 7);
export const FLOAT32: FloatFmt = ieee(8, 23);
export const FLOAT64: FloatFmt = ieee(11, 52);
/** floatx80 by rounding precision (X80Precision.X, D, S). */
export const FLOATX80: readonly FloatFmt[] = [x80(64), x80(52), x80(23)];
