/**
 * Directed rounding on top of the host's round-to-nearest-even.
 *
 * JS arithmetic gives s = RNE(v).  When the error v - s is known (exactly,
 * or at least its sign), the result under any RISC-V rounding mode is either
 * s or the neighbouring double on the side of the error, s +- gap, which is
 * computed exactly in double arithmetic.
 */

import { RM_RDN, RM_RMM, RM_RTZ, RM_RUP } from "./flags.ts";
import { F64, I32, ULP64 } from "./scratch.ts";

/**
 * Result of rounding v = s + err under rm, where s = RNE(v) is finite and
 * nonzero, err != 0 has the sign of v - s and |v - s| <= half the gap from s
 * to its neighbour on that side.  For RMM, err must be exact (it is compared
 * with the half gap); callers whose results can never be exact midpoints
 * (division, square root) may pass any value of the right sign that is far
 * smaller than an ulp.  May return an infinity (overflow, which the caller
 * must flag).
 */
export function directed64(s: number, err: number, rm: number): number {
  let away: boolean; // move to the neighbour further from zero?
  switch (rm) {
    case RM_RTZ:
      if (s > 0 === err > 0) return s;
      away = false;
      break;
    case RM_RDN:
      if (err > 0) return s;
      away = s < 0;
      break;
    case RM_RUP:
      if (err < 0) return s;
      away = s > 0;
      break;
    case RM_RMM: {
      // Error towards zero: s is the nearest, and on a tie s is the one away
      // from zero.  Error away from zero: only an exact tie moves.
      if (s > 0 !== err > 0) return s;
      F64[0] = s;
      const g = ULP64[(I32[1]! >>> 20) & 0x7ff]!;
      if (g !== 2 * Math.abs(err)) return s;
      return s > 0 ? s + g : s - g;
    }
    default:
      return s;
  }
  F64[0] = s;
  const hi = I32[1]!;
  const e = (hi >>> 20) & 0x7ff;
  let g = ULP64[e]!;
  // Below a power of two the spacing halves (not at the subnormal boundary).
  if (!away && e > 1 && I32[0] === 0 && (hi & 0xfffff) === 0) g *= 0.5;
  const n = s > 0 === away ? s + g : s - g;
  return n === 0 ? (s > 0 ? 0 : -0) : n;
}
