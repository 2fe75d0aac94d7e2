/**
 * Long division of a remainder by a 64-bit divisor, 1..16 quotient bits at
 * a time, exact, with doubles: every partial product stays below 2^53.
 * Used by division and remainder on parts (where QEMU uses udiv_qrnnd and
 * estimateDiv128To64 with corrections; the results are the same exact
 * quotient bits).
 *
 * State: divisor D = dHi * 2^32 + dLo (top bit set) and remainder
 * R = rHi * 2^32 + rLo with 0 <= R < D, both as non-negative doubles.
 */

const TWO32 = 4294967296;

let dHi = 0;
let dLo = 0;
let dApprox = 0;
let rHi = 0;
let rLo = 0;

/** Sets the divisor (uint64 words, top bit set). */
export function ldDivisor(h: number, l: number): void {
  dHi = h >>> 0;
  dLo = l >>> 0;
  dApprox = dHi * TWO32 + dLo;
}

/** Sets the remainder (uint64 words, must be below the divisor). */
export function ldRemainder(h: number, l: number): void {
  rHi = h >>> 0;
  rLo = l >>> 0;
}

/** R = R * 2^k (1 <= k <= 16); returns q = floor(R / D) and leaves R - q * D. */
export function ldStep(k: number): number {
  const scale = 1 << k;
  const split = 2 ** (32 - k);
  const low = rLo % split;
  let hi = rHi * scale + (rLo - low) / split;
  let lo = low * scale;
  let q = Math.floor((hi * TWO32 + lo) / dApprox);
  lo -= q * dLo;
  hi -= q * dHi;
  const c = Math.floor(lo / TWO32);
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
  rHi = hi;
  rLo = lo;
  return q;
}

/** High word of the remainder (as an int32). */
export function ldRemHi(): number {
  return rHi | 0;
}

/** Low word of the remainder (as an int32). */
export function ldRemLo(): number {
  return rLo | 0;
}

export function ldRemIsZero(): boolean {
  return rHi === 0 && rLo === 0;
}
