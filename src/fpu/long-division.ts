/**
 * Long division of a remainder by a 64-bit divisor, up to 21 quotient bits
 * at a time, exact, with doubles: every partial product stays below 2^53.
 * Used by division and remainder on parts (where QEMU uses udiv_qrnnd and
 * estimateDiv128To64 with corrections; the results are the same exact
 * quotient bits).
 *
 * State: divisor D = dHi * 2^32 + dLo (top bit set) and remainder
 * R = rHi * 2^32 + rLo with 0 <= R < D, both as non-negative doubles.
 */

const TWO32 = 4294967296;
const INV_TWO32 = 1 / TWO32;

/**
 * dHi, dLo, 1 / D, rHi, rLo in a Float64Array: module variables holding
 * non-integer doubles would be boxed by the engine on every assignment.
 */
const S = new Float64Array(5);
const D_HI = 0,
  D_LO = 1,
  D_INV = 2,
  R_HI = 3,
  R_LO = 4;

/** Sets the divisor (uint64 words, top bit set). */
export function ldDivisor(h: number, l: number): void {
  const dh = h >>> 0;
  const dl = l >>> 0;
  S[D_HI] = dh;
  S[D_LO] = dl;
  S[D_INV] = 1 / (dh * TWO32 + dl);
}

/** Sets the remainder (uint64 words, must be below the divisor). */
export function ldRemainder(h: number, l: number): void {
  S[R_HI] = h >>> 0;
  S[R_LO] = l >>> 0;
}

/** R = R * 2^k (1 <= k <= 21); returns q = floor(R / D) and leaves R - q * D. */
export function ldStep(k: number): number {
  const scale = 1 << k;
  const dHi = S[D_HI]!,
    dLo = S[D_LO]!;
  const rl = S[R_LO]! | 0;
  // R * 2^k = hi * 2^32 + lo with hi < 2^53 and lo < 2^32.
  let hi = S[R_HI]! * scale + (rl >>> (32 - k));
  let lo = (rl << k) >>> 0;
  // Estimate (within one or two of the true digit), then correct exactly.
  let q = Math.floor((hi * TWO32 + lo) * S[D_INV]!);
  lo -= q * dLo;
  hi -= q * dHi;
  const c = Math.floor(lo * INV_TWO32);
  lo -= c * TWO32;
  hi += c;
  while (hi < 0) {
    q--;
    lo += dLo;
    if (lo >= TWO32) {
      lo -= TWO32;
      hi += 1;
    }
    hi += dHi;
  }
  while (hi > dHi || (hi === dHi && lo >= dLo)) {
    q++;
    lo -= dLo;
    if (lo < 0) {
      lo += TWO32;
      hi -= 1;
    }
    hi -= dHi;
  }
  S[R_HI] = hi;
  S[R_LO] = lo;
  return q;
}

/** High word of the remainder (as an int32). */
export function ldRemHi(): number {
  return S[R_HI]! | 0;
}

/** Low word of the remainder (as an int32). */
export function ldRemLo(): number {
  return S[R_LO]! | 0;
}

export function ldRemIsZero(): boolean {
  return S[R_HI] === 0 && S[R_LO] === 0;
}

/** 96-bit quotient accumulator (q0 most significant). */
let q0 = 0,
  q1 = 0,
  q2 = 0;

/**
 * Divides the 64-bit significands a / b (both with the top bit set) to a
 * 96-bit quotient normalized to bit 95, readable with quotientWord; the
 * remainder tells whether it is exact.  Returns 1 if a < b (the quotient's
 * exponent is one lower), else 0.
 */
export function divideSignificands(ah: number, al: number, bh: number, bl: number): number {
  ldDivisor(bh, bl);
  const less = ah >>> 0 !== bh >>> 0 ? ah >>> 0 < bh >>> 0 : al >>> 0 < bl >>> 0;
  if (less) {
    ldRemainder(ah, al);
    q0 = q1 = q2 = 0;
  } else {
    // a - b < b because both are normalized; the quotient's leading bit is 1.
    const lo = (al >>> 0) - (bl >>> 0);
    ldRemainder((ah >>> 0) - (bh >>> 0) - (lo < 0 ? 1 : 0), lo);
    q0 = q1 = 0;
    q2 = 1;
  }
  // 96 (or 95 after the leading 1) more bits: 4 x 21 + 12 (+ 11).
  for (let i = 0; i < 4; i++) push(21, ldStep(21));
  if (less) push(12, ldStep(12));
  else push(11, ldStep(11));
  return less ? 1 : 0;
}

function push(k: number, d: number): void {
  q0 = (q0 << k) | (q1 >>> (32 - k));
  q1 = (q1 << k) | (q2 >>> (32 - k));
  q2 = (q2 << k) | d;
}

/** Word i (0 = most significant) of the last divideSignificands quotient. */
export function quotientWord(i: number): number {
  return i === 0 ? q0 : i === 1 ? q1 : q2;
}
