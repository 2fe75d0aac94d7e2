/**
 * RISC-V fflags bits (the accrued exception flags in fcsr[4:0]) and the
 * rounding-mode encodings used by the rm instruction field and frm.
 */

/** Inexact. */
export const FFLAG_NX = 1;
/** Underflow (tiny after rounding and inexact). */
export const FFLAG_UF = 2;
/** Overflow. */
export const FFLAG_OF = 4;
/** Divide by zero. */
export const FFLAG_DZ = 8;
/** Invalid operation. */
export const FFLAG_NV = 16;

/** Round to nearest, ties to even. */
export const RM_RNE = 0;
/** Round towards zero. */
export const RM_RTZ = 1;
/** Round down (towards -infinity). */
export const RM_RDN = 2;
/** Round up (towards +infinity). */
export const RM_RUP = 3;
/** Round to nearest, ties to max magnitude. */
export const RM_RMM = 4;

/**
 * The object the arithmetic routines report into: accrued flags and a 64-bit
 * result as two int32 words (lo = bits 31..0, hi = bits 63..32).
 */
export interface FpState {
  flags: number;
  lo: number;
  hi: number;
}
