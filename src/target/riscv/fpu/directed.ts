/**
 * Directed rounding on top of the host's round-to-nearest-even.
 *
 * JS arithmetic gives s = RNE(v).  When the error v - s is known (exactly,
 * or at least its sign), the result under any RISC-V rounding mode is either
 * s or the neighbouring double on the side of the error.  These helpers
 * move s by one unit in the last place by incrementing / decrementing the
 * 64-bit pattern.
 */

import { RM_RDN, RM_RMM, RM_RTZ, RM_RUP } from "./flags.ts";
import { F64, I32 } from "./scratch.ts";

/** The double adjacent to nonzero finite s, one step further from zero. */
export function nextAway64(s: number): number {
  F64[0] = s;
  const lo = (I32[0] + 1) | 0;
  I32[0] = lo;
  if (lo === 0) I32[1] = (I32[1] + 1) | 0;
  return F64[0];
}

/** The double adjacent to nonzero finite s, one step closer to zero. */
export function nextToward0(s: number): number {
  F64[0] = s;
  const lo = I32[0];
  if (lo === 0) I32[1] = (I32[1] - 1) | 0;
  I32[0] = (lo - 1) | 0;
  return F64[0];
}

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
  switch (rm) {
    case RM_RTZ:
      return s > 0 === err > 0 ? s : nextToward0(s);
    case RM_RDN:
      return err > 0 ? s : s > 0 ? nextToward0(s) : nextAway64(s);
    case RM_RUP:
      return err < 0 ? s : s > 0 ? nextAway64(s) : nextToward0(s);
    case RM_RMM: {
      // Error towards zero: s is the nearest, and on a tie s is the one away
      // from zero.  Error away from zero: only an exact tie moves.
      if (s > 0 !== err > 0) return s;
      const n = nextAway64(s);
      return n - s === 2 * err ? n : s;
    }
    default:
      return s;
  }
}
