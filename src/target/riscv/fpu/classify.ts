/**
 * RISC-V fclass: a one-hot 10-bit mask.
 *   bit 0 -inf, 1 negative normal, 2 negative subnormal, 3 -0,
 *   bit 4 +0, 5 positive subnormal, 6 positive normal, 7 +inf,
 *   bit 8 signaling NaN, 9 quiet NaN.
 */

function classBits(neg: boolean, expAll: boolean, expZero: boolean, fracNonzero: boolean, quiet: boolean): number {
  if (expAll) {
    if (fracNonzero) return quiet ? 1 << 9 : 1 << 8;
    return neg ? 1 << 0 : 1 << 7;
  }
  if (expZero) {
    if (fracNonzero) return neg ? 1 << 2 : 1 << 5;
    return neg ? 1 << 3 : 1 << 4;
  }
  return neg ? 1 << 1 : 1 << 6;
}

export function classify64(lo: number, hi: number): number {
  const exp = hi & 0x7ff00000;
  return classBits(hi < 0, exp === 0x7ff00000, exp === 0, ((hi & 0xfffff) | lo) !== 0, (hi & 0x80000) !== 0);
}

export function classify32(a: number): number {
  const exp = a & 0x7f800000;
  return classBits(a < 0, exp === 0x7f800000, exp === 0, (a & 0x7fffff) !== 0, (a & 0x400000) !== 0);
}
