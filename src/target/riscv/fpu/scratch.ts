/**
 * Shared scratch views used to move between IEEE bit patterns and JS numbers
 * without allocating.  The host is assumed to be little-endian (I32[0] is the
 * low word of F64[0]); every current browser and Node platform is.
 */
import { hotScratchArray } from "../../../tci/unfrozen-prototype.ts";

const buffer = new ArrayBuffer(8);

/** F64[0] aliases I32[0] (low word) and I32[1] (high word). */
export const F64 = hotScratchArray(new Float64Array(buffer));
/** Two int32 words over the same 8 bytes. */
export const I32 = hotScratchArray(new Int32Array(buffer));
/** F32[0] aliases I32[0]. */
export const F32 = hotScratchArray(new Float32Array(buffer, 0, 1));

/** Canonical binary32 NaN (RISC-V never propagates payloads). */
export const NAN32 = 0x7fc00000;
/** High word of the canonical binary64 NaN 0x7ff8000000000000 (low word 0). */
export const NAN64_HI = 0x7ff80000;

/** True if the binary64 (lo, hi) is a NaN of either kind. */
export function isNaN64(lo: number, hi: number): boolean {
  return (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
}

/** True if the binary64 (lo, hi) is a signaling NaN. */
export function isSNaN64(lo: number, hi: number): boolean {
  return isNaN64(lo, hi) && (hi & 0x80000) === 0;
}

/** True if the binary32 bit pattern is a NaN of either kind. */
export function isNaN32(a: number): boolean {
  return (a & 0x7f800000) === 0x7f800000 && (a & 0x7fffff) !== 0;
}

/** True if the binary32 bit pattern is a signaling NaN. */
export function isSNaN32(a: number): boolean {
  return isNaN32(a) && (a & 0x400000) === 0;
}

/**
 * SCALE[hi >>> 20] = +-2^(e - 1075) for a normal biased exponent e (sign
 * from bit 11 of the index), 0 for zero/subnormal/inf/NaN.
 */
const SCALE = new Float64Array(4096);
/** ULP64[e] = 2^(max(e, 1) - 1075): the unit in the last place for biased exponent e. */
export const ULP64 = new Float64Array(2048);
// Doubling from 2^-1074 (exact at every step) instead of `2 ** n`: this runs at every start, before
// V8 optimizes anything, and 6,000 generic exponentiations in the interpreter took ~3 ms of it.
for (let e = 1, p = 5e-324; e < 0x7ff; e++, p *= 2) {
  ULP64[e] = p;
  SCALE[e] = p;
  SCALE[e | 0x800] = -p;
}
ULP64[0] = ULP64[1];
ULP64[0x7ff] = ULP64[0x7fe] * 2;

/**
 * The binary64 (lo, hi) as a JS number.  Computed arithmetically
 * ((2^52 + fraction) * 2^(e - 1075), exact) rather than through the typed
 * arrays: writing two 32-bit halves and reading them back as one 64-bit load
 * defeats store-to-load forwarding and costs several nanoseconds.
 */
export function f64FromWords(lo: number, hi: number): number {
  const sc = SCALE[hi >>> 20]!;
  if (sc !== 0) return ((hi & 0xfffff) * 4294967296 + (lo >>> 0) + 4503599627370496) * sc;
  return f64FromWordsRare(lo, hi);
}

function f64FromWordsRare(lo: number, hi: number): number {
  if ((hi & 0x7ff00000) === 0) {
    // zero or subnormal: fraction * 2^-1074, exact
    const x = ((hi & 0xfffff) * 4294967296 + (lo >>> 0)) * 5e-324;
    return hi < 0 ? -x : x;
  }
  I32[0] = lo;
  I32[1] = hi;
  return F64[0]!;
}
