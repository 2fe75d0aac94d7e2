/**
 * Exact fused multiply-add on JS numbers (ECMAScript has no Math.fma), for the
 * glibc sin/cos/tan port in libm-glibc.ts: glibc's x86-64 FMA build of those
 * functions (sysdeps/x86_64/fpu/multiarch/s_sin-fma.c, s_tan-fma.c) lets gcc
 * contract a*b + c into vfmadd, so matching it needs RN(a*b + c) with one
 * rounding.
 *
 * Method: the product is split exactly with Dekker's algorithm (a*b = ph + pl),
 * c + ph is added exactly (Knuth's TwoSum: th + tl), and the last step
 * th + RO(tl + pl) rounds once to nearest because the inner sum is rounded to
 * odd (Boldo and Melquiond, "Emulation of FMA and correctly rounded sums:
 * proved algorithms using rounding to odd", IEEE TC 57(4), 2008).  Why it is
 * exact: if c + ph is inexact then |th| >= |ph|/2 (otherwise Sterbenz makes it
 * exact), so |tl + pl| <= 1.5 ulp(th) and the odd last bit of RO(tl + pl) lies
 * far below every rounding boundary of the result; if c + ph is exact, tl = 0
 * and RO(pl) = pl, so th + pl is the exact sum rounded once.
 *
 * Domain: exact when a*b and c are finite and no intermediate underflows, i.e.
 * |a*b| and every non-zero |c|, |a*b + c| stay above about 2^-960 and a, b
 * below 2^995 (the Dekker split).  A zero product or zero c is exact too.
 * Every fused operation in glibc's sin/cos/tan is far inside this domain
 * (arguments that would leave it take other paths), and test/fpu checks the
 * emulation against the host's fma().
 */

/** 2^27 + 1: Dekker's splitting constant for 53-bit doubles. */
const SPLIT = 134217729;

// Scratch for the bit step of round-to-odd; little-endian host as everywhere in tciemu.
const scratch = new ArrayBuffer(8);
const F64 = new Float64Array(scratch);
const U32 = new Uint32Array(scratch);

/**
 * x + y rounded to odd: the exact sum if representable, otherwise whichever of
 * the two neighbouring doubles has an odd significand.
 */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const z = s - x;
  const err = x - (s - z) + (y - z); // TwoSum: s + err == x + y exactly
  if (err === 0) return s;
  F64[0] = s;
  const lo = U32[0]!;
  if ((lo & 1) !== 0) return s; // already the odd neighbour
  // s is even: the odd neighbour is one unit away in the direction of err.
  // lo is even, so +1 never carries and -1 borrows only from 0.
  if (err > 0 === s > 0) {
    U32[0] = lo + 1;
  } else if (lo === 0) {
    U32[0] = 0xffffffff;
    U32[1] = U32[1]! - 1;
  } else {
    U32[0] = lo - 1;
  }
  return F64[0]!;
}

/** RN(a*b + c) with a single rounding, like the x86 vfmadd231sd that gcc emits for a contracted a*b + c. */
export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  // Zero product, zero addend or non-finite operands: the plain expression is already exact
  // (a zero product is exact; with c == 0, RN(a*b + c) is RN(a*b) for a non-zero product).
  if (ph === 0 || c === 0 || ph - ph !== 0 || c - c !== 0) return ph + c;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl; // a*b - ph exactly (Dekker)
  const th = c + ph;
  const z = th - c;
  const tl = c - (th - z) + (ph - z); // TwoSum: th + tl == c + ph exactly
  return th + addRoundToOdd(tl, pl);
}
