// 64-bit arithmetic on (lo, hi) int32 pairs, for the interpreter's out-of-line ops and helpers.
// Results that are pairs are written to `res` (a module-level scratch, so nothing is allocated).
// Everything is int32 arithmetic except division, which uses doubles when both operands fit in 53 bits
// and bigints otherwise (division is rare in guest code; correctness matters more there).

import { hotScratchArray } from "./unfrozen-prototype.ts";

export const res = hotScratchArray(new Int32Array(2));

/** High 32 bits of the unsigned 64-bit product a*b. */
export function mulhu32(a: number, b: number): number {
  const al = a & 0xffff,
    ah = a >>> 16,
    bl = b & 0xffff,
    bh = b >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const hh = ah * bh;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (hh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
}

/** High 32 bits of the signed 64-bit product a*b. */
export function mulhs32(a: number, b: number): number {
  let h = mulhu32(a, b);
  if (a < 0) h = (h - b) | 0;
  if (b < 0) h = (h - a) | 0;
  return h;
}

/** Low 64 bits of (ah:al)*(bh:bl) into res. */
export function mul64(al: number, ah: number, bl: number, bh: number): void {
  const hi = (mulhu32(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
  res[0] = Math.imul(al, bl);
  res[1] = hi;
}

/** The full 128-bit unsigned product; returns words [w0, w1, w2, w3] in res128. */
export const res128 = hotScratchArray(new Int32Array(4));
export function mulu128(al: number, ah: number, bl: number, bh: number): void {
  // Schoolbook on 32-bit limbs with 64-bit partial sums held as (lo, hi) via mulhu32.
  const p00l = Math.imul(al, bl),
    p00h = mulhu32(al, bl);
  const p01l = Math.imul(al, bh),
    p01h = mulhu32(al, bh);
  const p10l = Math.imul(ah, bl),
    p10h = mulhu32(ah, bl);
  const p11l = Math.imul(ah, bh),
    p11h = mulhu32(ah, bh);
  res128[0] = p00l;
  // word1 = p00h + p01l + p10l
  let s = (p00h >>> 0) + (p01l >>> 0) + (p10l >>> 0);
  res128[1] = s | 0;
  let carry = Math.floor(s / 4294967296);
  // word2 = p01h + p10h + p11l + carry
  s = (p01h >>> 0) + (p10h >>> 0) + (p11l >>> 0) + carry;
  res128[2] = s | 0;
  carry = Math.floor(s / 4294967296);
  res128[3] = (p11h + carry) | 0;
}

/** Signed 128-bit product of two i64 values: [w0..w3] in res128. */
export function muls128(al: number, ah: number, bl: number, bh: number): void {
  mulu128(al, ah, bl, bh);
  // Signed correction: subtract b<<64 if a<0, a<<64 if b<0 (mod 2^128).
  if (ah < 0) sub64hi(bl, bh);
  if (bh < 0) sub64hi(al, ah);
}
function sub64hi(l: number, h: number): void {
  const lo = (res128[2] - l) | 0;
  const borrow = res128[2] >>> 0 < l >>> 0 ? 1 : 0;
  res128[3] = (res128[3] - h - borrow) | 0;
  res128[2] = lo;
}

const TWO32 = 4294967296;

function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}
function fromBig(v: bigint): void {
  res[0] = Number(BigInt.asIntN(32, v));
  res[1] = Number(BigInt.asIntN(32, v >> 32n));
}
function fromNum(v: number): void {
  // v is an integer with |v| < 2^53
  res[0] = v | 0; // ToInt32 is modular, correct for negatives too
  res[1] = Math.floor(v / TWO32) | 0;
}
const fitsU53 = (hi: number) => hi >>> 0 < 0x200000;
const fitsS53 = (hi: number) => hi >= -0x200000 && hi < 0x200000;

/** Unsigned 64-bit division; by zero gives all ones. Quotient in res. */
export function divu64(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) {
    res[0] = res[1] = -1;
    return;
  }
  if (fitsU53(ah) && fitsU53(bh)) {
    fromNum(Math.floor(((ah >>> 0) * TWO32 + (al >>> 0)) / ((bh >>> 0) * TWO32 + (bl >>> 0))));
    return;
  }
  fromBig(BigInt.asUintN(64, toBig(al, ah)) / BigInt.asUintN(64, toBig(bl, bh)));
}

/** Unsigned 64-bit remainder; by zero gives the dividend. */
export function remu64(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) {
    res[0] = al;
    res[1] = ah;
    return;
  }
  if (fitsU53(ah) && fitsU53(bh)) {
    fromNum(((ah >>> 0) * TWO32 + (al >>> 0)) % ((bh >>> 0) * TWO32 + (bl >>> 0)));
    return;
  }
  fromBig(BigInt.asUintN(64, toBig(al, ah)) % BigInt.asUintN(64, toBig(bl, bh)));
}

/** Signed 64-bit division: by zero gives -1, MIN / -1 gives MIN. */
export function divs64(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) {
    res[0] = res[1] = -1;
    return;
  }
  if (fitsS53(ah) && fitsS53(bh)) {
    fromNum(Math.trunc((ah * TWO32 + (al >>> 0)) / (bh * TWO32 + (bl >>> 0))));
    return;
  }
  if (bl === -1 && bh === -1) {
    // -a, which wraps for MIN
    res[0] = -al | 0;
    res[1] = (~ah + (al === 0 ? 1 : 0)) | 0;
    return;
  }
  fromBig(toBig(al, ah) / toBig(bl, bh));
}

/** Signed 64-bit remainder: by zero gives the dividend, MIN % -1 gives 0. */
export function rems64(al: number, ah: number, bl: number, bh: number): void {
  if ((bl | bh) === 0) {
    res[0] = al;
    res[1] = ah;
    return;
  }
  if (fitsS53(ah) && fitsS53(bh)) {
    const r = (ah * TWO32 + (al >>> 0)) % (bh * TWO32 + (bl >>> 0));
    fromNum(r === 0 ? 0 : r); // avoid -0
    return;
  }
  if (bl === -1 && bh === -1) {
    res[0] = res[1] = 0;
    return;
  }
  fromBig(toBig(al, ah) % toBig(bl, bh));
}

export function clz64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}
export function ctz32(v: number): number {
  return v === 0 ? 32 : 31 - Math.clz32(v & -v);
}
export function ctz64(lo: number, hi: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}
export function ctpop32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}
export function bswap32(v: number): number {
  return (v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24) | 0;
}

/** 64-bit shifts by a count taken mod 64; results in res. */
export function shl64(lo: number, hi: number, n: number): void {
  n &= 63;
  if (n === 0) {
    res[0] = lo;
    res[1] = hi;
  } else if (n < 32) {
    res[1] = (hi << n) | (lo >>> (32 - n));
    res[0] = lo << n;
  } else {
    res[1] = lo << (n - 32);
    res[0] = 0;
  }
}
export function shr64(lo: number, hi: number, n: number): void {
  n &= 63;
  if (n === 0) {
    res[0] = lo;
    res[1] = hi;
  } else if (n < 32) {
    res[0] = (lo >>> n) | (hi << (32 - n));
    res[1] = hi >>> n;
  } else {
    res[0] = hi >>> (n - 32);
    res[1] = 0;
  }
}
export function sar64(lo: number, hi: number, n: number): void {
  n &= 63;
  if (n === 0) {
    res[0] = lo;
    res[1] = hi;
  } else if (n < 32) {
    res[0] = (lo >>> n) | (hi << (32 - n));
    res[1] = hi >> n;
  } else {
    res[0] = hi >> (n - 32);
    res[1] = hi >> 31;
  }
}
export function rotl64(lo: number, hi: number, n: number): void {
  n &= 63;
  if (n === 0) {
    res[0] = lo;
    res[1] = hi;
    return;
  }
  if (n >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    n -= 32;
    if (n === 0) {
      res[0] = lo;
      res[1] = hi;
      return;
    }
  }
  res[1] = (hi << n) | (lo >>> (32 - n));
  res[0] = (lo << n) | (hi >>> (32 - n));
}

/** Signed and unsigned 64-bit comparisons. */
export function lt64(al: number, ah: number, bl: number, bh: number): boolean {
  return ah < bh || (ah === bh && al >>> 0 < bl >>> 0);
}
export function ltu64(al: number, ah: number, bl: number, bh: number): boolean {
  return ah >>> 0 < bh >>> 0 || (ah === bh && al >>> 0 < bl >>> 0);
}
