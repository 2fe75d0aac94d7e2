/**
 * Shared scratch views used to move between IEEE bit patterns and JS numbers
 * without allocating.  The host is assumed to be little-endian (I32[0] is the
 * low word of F64[0]); every current browser and Node platform is.
 */

const buffer = new ArrayBuffer(8);

/** F64[0] aliases I32[0] (low word) and I32[1] (high word). */
export const F64 = new Float64Array(buffer);
/** Two int32 words over the same 8 bytes. */
export const I32 = new Int32Array(buffer);
/** F32[0] aliases I32[0]. */
export const F32 = new Float32Array(buffer, 0, 1);

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
