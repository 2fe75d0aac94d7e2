/**
 * Rounding a value held exactly as a pair of doubles (s + e, with
 * s = RNE(s + e)) to binary32 under any RISC-V rounding mode.
 *
 * Math.fround(s) is the binary32 RNE rounding of s; the double-rounding
 * hazard (s exactly on a binary32 midpoint while e != 0) and the directed
 * modes are resolved from the exact residual s - fround(s) and the sign of e.
 */

import { FFLAG_NX, RM_RMM, RM_RNE, RM_RTZ, RM_RUP, type FpState } from "./flags.ts";
import { BINARY32, roundDoublePair } from "./exact.ts";
import { F32, I32 } from "./scratch.ts";

/** Smallest normal binary32, 2^-126. */
export const F32_MIN_NORMAL = 2 ** -126;
/** Largest finite binary32. */
export const F32_MAX = (2 - 2 ** -23) * 2 ** 127;

/**
 * binary32 bits of RISC-V rounding of v = s + e.  Preconditions:
 * F32_MIN_NORMAL < |s| < F32_MAX, s = RNE(v) as a double (or e == 0), and if
 * e == 0 but v != s (division, square root), v is neither a binary32 number
 * nor a binary32 midpoint unless s is.  Sets NX.
 */
export function roundF32Normal(st: FpState, s: number, e: number, rm: number): number {
  const f = Math.fround(s);
  const d = s - f; // exact
  F32[0] = f;
  const fb = I32[0];
  if (d === 0 && e === 0) return fb;
  st.flags |= FFLAG_NX;
  if (rm === RM_RNE && (e === 0 || d === 0)) return fb;
  // Sign of v - f, and the neighbour of f on that side.
  const up = d !== 0 ? d > 0 : e > 0;
  const away = up === f > 0;
  const nb = away ? fb + 1 : fb - 1;
  switch (rm) {
    case RM_RNE: {
      // s == f + d with d != 0 and e != 0: only a tie in s is ambiguous.
      I32[0] = nb;
      const h = (F32[0] - f) * 0.5;
      if (d === h && e > 0 === d > 0) return nb;
      return fb;
    }
    case RM_RTZ:
      return away ? fb : nb;
    case RM_RUP:
      return up ? nb : fb;
    case RM_RMM: {
      if (d === 0) return fb;
      I32[0] = nb;
      const h = (F32[0] - f) * 0.5;
      if (d !== h) return fb; // |d| < half gap (fround is nearest)
      // Exactly half in s: e decides, a true tie goes away from zero.
      if (e === 0) return away ? nb : fb;
      return e > 0 === d > 0 ? nb : fb;
    }
    default: // RM_RDN
      return up ? fb : nb;
  }
}

/**
 * binary32 bits of RISC-V rounding of the exact value s + e (two finite
 * doubles, s = RNE(s + e), s != 0), including overflow and subnormal results.
 */
export function roundF32(st: FpState, s: number, e: number, rm: number): number {
  const a = Math.abs(s);
  if (a > F32_MIN_NORMAL && a < F32_MAX) return roundF32Normal(st, s, e, rm);
  if (e === 0) {
    const f = Math.fround(s);
    if (f === s) {
      F32[0] = f;
      return I32[0];
    }
  }
  return Number(BigInt.asIntN(32, roundDoublePair(BINARY32, s, e, rm, st)));
}
