/**
 * Decomposed floating-point values ("parts"), QEMU's FloatParts128
 * (fpu/softfloat.c), and the fraction arithmetic on them.
 *
 * Every format is unpacked into the same 128-bit form: class, sign, an
 * unbiased exponent and a 128-bit fraction whose most significant bit
 * (bit 31 of word F0) is the integer bit, so that the value of a normal
 * number is  fraction * 2^(exp - 127).  QEMU itself uses 64-bit parts for
 * float16/32/64 and 128-bit parts for floatx80; both compute exact results
 * with a sticky bit before one rounding, so one 128-bit form gives the same
 * bits for every format.
 *
 * Parts live in slots of the module's Int32Array `P` (no allocation per
 * operation); a part is identified by its slot offset.
 */

/** Storage for the parts. */
export const P = new Int32Array(64);

/** Slot offsets. */
export const PA = 0;
export const PB = 8;
export const PC = 16;
/** Scratch slots for the operations themselves. */
export const PT = 24;
export const PU = 32;
export const PV = 40;

/** Field offsets inside a slot. */
export const CLS = 0;
export const SIGN = 1;
export const EXP = 2;
/** Fraction words, most significant first (F0:F1 = QEMU's frac_hi, F2:F3 = frac_lo). */
export const F0 = 3;
export const F1 = 4;
export const F2 = 5;
export const F3 = 6;

/** FloatClass (QEMU numbering, so 1 << class is the class mask). */
export const C_ZERO = 1;
export const C_NORMAL = 2;
export const C_DENORMAL = 3;
export const C_INF = 4;
export const C_QNAN = 5;
export const C_SNAN = 6;

/** Class masks (float_cmask_*). */
export const M_ZERO = 1 << C_ZERO;
export const M_NORMAL = 1 << C_NORMAL;
export const M_DENORMAL = 1 << C_DENORMAL;
export const M_INF = 1 << C_INF;
export const M_QNAN = 1 << C_QNAN;
export const M_SNAN = 1 << C_SNAN;
export const M_INFZERO = M_ZERO | M_INF;
export const M_ANYNAN = M_QNAN | M_SNAN;
export const M_ANYNORM = M_NORMAL | M_DENORMAL;

/** The integer bit in F0. */
export const IMPLICIT = -2147483648;

/** True if the mask holds only normal and denormal classes (cmask_is_only_normals). */
export function onlyNormals(mask: number): boolean {
  return (mask & ~M_ANYNORM) === 0;
}

export function isNanClass(c: number): boolean {
  return c >= C_QNAN;
}

export function isAnyNorm(c: number): boolean {
  return c === C_NORMAL || c === C_DENORMAL;
}

export function copyPart(dst: number, src: number): void {
  if (dst === src) return;
  P[dst] = P[src]!;
  P[dst + 1] = P[src + 1]!;
  P[dst + 2] = P[src + 2]!;
  P[dst + 3] = P[src + 3]!;
  P[dst + 4] = P[src + 4]!;
  P[dst + 5] = P[src + 5]!;
  P[dst + 6] = P[src + 6]!;
}

export function fracEqz(p: number): boolean {
  return (P[p + F0]! | P[p + F1]! | P[p + F2]! | P[p + F3]!) === 0;
}

export function fracClear(p: number): void {
  P[p + F0] = 0;
  P[p + F1] = 0;
  P[p + F2] = 0;
  P[p + F3] = 0;
}

export function fracAllOnes(p: number): void {
  P[p + F0] = -1;
  P[p + F1] = -1;
  P[p + F2] = -1;
  P[p + F3] = -1;
}

/** Unsigned comparison of two fractions: -1, 0 or 1. */
export function fracCmp(a: number, b: number): number {
  for (let i = F0; i <= F3; i++) {
    const x = P[a + i]! >>> 0;
    const y = P[b + i]! >>> 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const TWO32 = 4294967296;

/** r.frac = a.frac + b.frac; returns the carry out. */
export function fracAdd(r: number, a: number, b: number): number {
  let s = (P[a + F3]! >>> 0) + (P[b + F3]! >>> 0);
  let c = s >= TWO32 ? 1 : 0;
  P[r + F3] = s;
  s = (P[a + F2]! >>> 0) + (P[b + F2]! >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  P[r + F2] = s;
  s = (P[a + F1]! >>> 0) + (P[b + F1]! >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  P[r + F1] = s;
  s = (P[a + F0]! >>> 0) + (P[b + F0]! >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  P[r + F0] = s;
  return c;
}

/** r.frac = a.frac - b.frac; returns the borrow out. */
export function fracSub(r: number, a: number, b: number): number {
  let s = (P[a + F3]! >>> 0) - (P[b + F3]! >>> 0);
  let c = s < 0 ? 1 : 0;
  P[r + F3] = s;
  s = (P[a + F2]! >>> 0) - (P[b + F2]! >>> 0) - c;
  c = s < 0 ? 1 : 0;
  P[r + F2] = s;
  s = (P[a + F1]! >>> 0) - (P[b + F1]! >>> 0) - c;
  c = s < 0 ? 1 : 0;
  P[r + F1] = s;
  s = (P[a + F0]! >>> 0) - (P[b + F0]! >>> 0) - c;
  c = s < 0 ? 1 : 0;
  P[r + F0] = s;
  return c;
}

/**
 * Adds the 64-bit (incHi, incLo) to the low half (F2:F3) of the fraction,
 * carrying into the high half (frac128_addi); returns the carry out.
 */
export function fracAddi(p: number, incHi: number, incLo: number): number {
  let s = (P[p + F3]! >>> 0) + (incLo >>> 0);
  let c = s >= TWO32 ? 1 : 0;
  P[p + F3] = s;
  s = (P[p + F2]! >>> 0) + (incHi >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  P[p + F2] = s;
  if (c === 0) return 0;
  s = (P[p + F1]! >>> 0) + 1;
  c = s >= TWO32 ? 1 : 0;
  P[p + F1] = s;
  if (c === 0) return 0;
  s = (P[p + F0]! >>> 0) + 1;
  c = s >= TWO32 ? 1 : 0;
  P[p + F0] = s;
  return c;
}

/** Two's complement negation of the fraction. */
export function fracNeg(p: number): void {
  let s = -(P[p + F3]! >>> 0);
  let c = s < 0 ? 1 : 0;
  P[p + F3] = s;
  s = -(P[p + F2]! >>> 0) - c;
  c = s < 0 ? 1 : 0;
  P[p + F2] = s;
  s = -(P[p + F1]! >>> 0) - c;
  c = s < 0 ? 1 : 0;
  P[p + F1] = s;
  P[p + F0] = -P[p + F0]! - c;
}

/** Shifts the fraction left by c bits (0 <= c < 128). */
export function fracShl(p: number, c: number): void {
  if (c === 0) return;
  let w0 = P[p + F0]!,
    w1 = P[p + F1]!,
    w2 = P[p + F2]!,
    w3 = P[p + F3]!;
  while (c >= 32) {
    w0 = w1;
    w1 = w2;
    w2 = w3;
    w3 = 0;
    c -= 32;
  }
  if (c > 0) {
    const n = 32 - c;
    w0 = (w0 << c) | (w1 >>> n);
    w1 = (w1 << c) | (w2 >>> n);
    w2 = (w2 << c) | (w3 >>> n);
    w3 = w3 << c;
  }
  P[p + F0] = w0;
  P[p + F1] = w1;
  P[p + F2] = w2;
  P[p + F3] = w3;
}

/** Shifts the fraction right by c bits (0 <= c < 128), dropping bits. */
export function fracShr(p: number, c: number): void {
  if (c === 0) return;
  let w0 = P[p + F0]!,
    w1 = P[p + F1]!,
    w2 = P[p + F2]!,
    w3 = P[p + F3]!;
  while (c >= 32) {
    w3 = w2;
    w2 = w1;
    w1 = w0;
    w0 = 0;
    c -= 32;
  }
  if (c > 0) {
    const n = 32 - c;
    w3 = (w3 >>> c) | (w2 << n);
    w2 = (w2 >>> c) | (w1 << n);
    w1 = (w1 >>> c) | (w0 << n);
    w0 = w0 >>> c;
  }
  P[p + F0] = w0;
  P[p + F1] = w1;
  P[p + F2] = w2;
  P[p + F3] = w3;
}

/** Shifts the fraction right by c >= 0 bits, jamming lost bits into bit 0 (frac_shrjam). */
export function fracShrjam(p: number, c: number): void {
  if (c === 0) return;
  let w0 = P[p + F0]!,
    w1 = P[p + F1]!,
    w2 = P[p + F2]!,
    w3 = P[p + F3]!;
  if (c >= 128) {
    P[p + F0] = 0;
    P[p + F1] = 0;
    P[p + F2] = 0;
    P[p + F3] = (w0 | w1 | w2 | w3) !== 0 ? 1 : 0;
    return;
  }
  let sticky = 0;
  while (c >= 32) {
    sticky |= w3;
    w3 = w2;
    w2 = w1;
    w1 = w0;
    w0 = 0;
    c -= 32;
  }
  if (c > 0) {
    const n = 32 - c;
    sticky |= w3 << n;
    w3 = (w3 >>> c) | (w2 << n);
    w2 = (w2 >>> c) | (w1 << n);
    w1 = (w1 >>> c) | (w0 << n);
    w0 = w0 >>> c;
  }
  P[p + F0] = w0;
  P[p + F1] = w1;
  P[p + F2] = w2;
  P[p + F3] = w3 | (sticky !== 0 ? 1 : 0);
}

/** Shifts the fraction left until its top bit is set; returns the shift (128 for zero). */
export function fracNormalize(p: number): number {
  const w0 = P[p + F0]!;
  if (w0 < 0) return 0;
  let shift: number;
  if (w0 !== 0) shift = Math.clz32(w0);
  else if (P[p + F1] !== 0) shift = 32 + Math.clz32(P[p + F1]!);
  else if (P[p + F2] !== 0) shift = 64 + Math.clz32(P[p + F2]!);
  else if (P[p + F3] !== 0) shift = 96 + Math.clz32(P[p + F3]!);
  else return 128;
  fracShl(p, shift);
  return shift;
}

/** Jams the low half of the fraction into bit 0 of the high half and clears it (frac64_truncjam). */
export function fracTruncjam(p: number): void {
  if ((P[p + F2]! | P[p + F3]!) !== 0) P[p + F1] = P[p + F1]! | 1;
  P[p + F2] = 0;
  P[p + F3] = 0;
}
