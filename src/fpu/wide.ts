/**
 * Multi-word unsigned integer arithmetic on int32 words, the equivalent of
 * QEMU's include/fpu/softfloat-macros.h for a 32-bit host.
 *
 * A uint64 is passed as two int32 words (high, low); a 128-bit value as
 * four (a0h, a0l, a1h, a1l), most significant first, as QEMU passes
 * (a0, a1).  Results that do not fit in one int32 are written to the
 * shared output registers `W` (most significant word first) so that no
 * call allocates.  Callers must read W before the next call.
 */

/** Output registers of the functions below. */
export const W = new Int32Array(8);

const TWO32 = 4294967296;

/** High word of the last mul32 product. */
let mulHi = 0;

/** Low 32 bits of a * b (uint32 operands); the high 32 bits go to mul32Hi(). */
export function mul32(a: number, b: number): number {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  mulHi = (ah * bh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
  return (ll & 0xffff) | (mid << 16);
}

/** The high word of the last mul32 product. */
export function mul32Hi(): number {
  return mulHi;
}

/** Number of leading zero bits of a uint64 (64 for zero). */
export function clz64(h: number, l: number): number {
  return h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l);
}

/** Unsigned a < b for uint64 words. */
export function lt64(ah: number, al: number, bh: number, bl: number): boolean {
  return ah !== bh ? ah >>> 0 < bh >>> 0 : al >>> 0 < bl >>> 0;
}

/** Unsigned a <= b for uint64 words. */
export function le64(ah: number, al: number, bh: number, bl: number): boolean {
  return ah !== bh ? ah >>> 0 < bh >>> 0 : al >>> 0 <= bl >>> 0;
}

/** a * b, 64 x 64 -> 128 bits: W[0..3] = z0h, z0l, z1h, z1l (mul64To128). */
export function mul64To128(ah: number, al: number, bh: number, bl: number): void {
  const p0l = mul32(al, bl) >>> 0;
  const p0h = mulHi >>> 0;
  const p1l = mul32(al, bh) >>> 0;
  const p1h = mulHi >>> 0;
  const p2l = mul32(ah, bl) >>> 0;
  const p2h = mulHi >>> 0;
  const p3l = mul32(ah, bh) >>> 0;
  const p3h = mulHi >>> 0;
  let s = p0h + p1l + p2l;
  const c1 = s >= 2 * TWO32 ? 2 : s >= TWO32 ? 1 : 0;
  const w2 = s - c1 * TWO32;
  s = p1h + p2h + p3l + c1;
  const c2 = s >= 2 * TWO32 ? 2 : s >= TWO32 ? 1 : 0;
  const w1 = s - c2 * TWO32;
  W[0] = p3h + c2;
  W[1] = w1;
  W[2] = w2;
  W[3] = p0l;
}

/** (a0, a1) + (b0, b1) mod 2^128: W[0..3] (add128). */
export function add128(a0h: number, a0l: number, a1h: number, a1l: number, b0h: number, b0l: number, b1h: number, b1l: number): void {
  let s = (a1l >>> 0) + (b1l >>> 0);
  let c = s >= TWO32 ? 1 : 0;
  W[3] = s;
  s = (a1h >>> 0) + (b1h >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  W[2] = s;
  s = (a0l >>> 0) + (b0l >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  W[1] = s;
  W[0] = (a0h + b0h + c) | 0;
}

/** (a0, a1) - (b0, b1) mod 2^128: W[0..3] (sub128). */
export function sub128(a0h: number, a0l: number, a1h: number, a1l: number, b0h: number, b0l: number, b1h: number, b1l: number): void {
  let s = (a1l >>> 0) - (b1l >>> 0);
  let c = s < 0 ? 1 : 0;
  W[3] = s;
  s = (a1h >>> 0) - (b1h >>> 0) - c;
  c = s < 0 ? 1 : 0;
  W[2] = s;
  s = (a0l >>> 0) - (b0l >>> 0) - c;
  c = s < 0 ? 1 : 0;
  W[1] = s;
  W[0] = (a0h - b0h - c) | 0;
}

/** 192-bit add of (W-independent) six-word operands: W[0..5] (add192). */
export function add192(
  a0h: number,
  a0l: number,
  a1h: number,
  a1l: number,
  a2h: number,
  a2l: number,
  b0h: number,
  b0l: number,
  b1h: number,
  b1l: number,
  b2h: number,
  b2l: number,
): void {
  let s = (a2l >>> 0) + (b2l >>> 0);
  let c = s >= TWO32 ? 1 : 0;
  W[5] = s;
  s = (a2h >>> 0) + (b2h >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  W[4] = s;
  s = (a1l >>> 0) + (b1l >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  W[3] = s;
  s = (a1h >>> 0) + (b1h >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  W[2] = s;
  s = (a0l >>> 0) + (b0l >>> 0) + c;
  c = s >= TWO32 ? 1 : 0;
  W[1] = s;
  W[0] = (a0h + b0h + c) | 0;
}

/** 192-bit subtract: W[0..5] (sub192). */
export function sub192(
  a0h: number,
  a0l: number,
  a1h: number,
  a1l: number,
  a2h: number,
  a2l: number,
  b0h: number,
  b0l: number,
  b1h: number,
  b1l: number,
  b2h: number,
  b2l: number,
): void {
  let s = (a2l >>> 0) - (b2l >>> 0);
  let c = s < 0 ? 1 : 0;
  W[5] = s;
  s = (a2h >>> 0) - (b2h >>> 0) - c;
  c = s < 0 ? 1 : 0;
  W[4] = s;
  s = (a1l >>> 0) - (b1l >>> 0) - c;
  c = s < 0 ? 1 : 0;
  W[3] = s;
  s = (a1h >>> 0) - (b1h >>> 0) - c;
  c = s < 0 ? 1 : 0;
  W[2] = s;
  s = (a0l >>> 0) - (b0l >>> 0) - c;
  c = s < 0 ? 1 : 0;
  W[1] = s;
  W[0] = (a0h - b0h - c) | 0;
}

/** (a0, a1) * b, 128 x 64 -> 192 bits: W[0..5] (mul128By64To192). */
export function mul128By64To192(a0h: number, a0l: number, a1h: number, a1l: number, bh: number, bl: number): void {
  mul64To128(a1h, a1l, bh, bl);
  const m1h = W[0]!;
  const m1l = W[1]!;
  const z2h = W[2]!;
  const z2l = W[3]!;
  mul64To128(a0h, a0l, bh, bl);
  add128(W[0]!, W[1]!, W[2]!, W[3]!, 0, 0, m1h, m1l);
  W[4] = z2h;
  W[5] = z2l;
}

/** (a0, a1) * (b0, b1), 128 x 128 -> 256 bits: W[0..7] (mul128To256). */
export function mul128To256(a0h: number, a0l: number, a1h: number, a1l: number, b0h: number, b0l: number, b1h: number, b1l: number): void {
  mul64To128(a1h, a1l, b0h, b0l);
  const m1h = W[0]!,
    m1l = W[1]!,
    m2h = W[2]!,
    m2l = W[3]!;
  mul64To128(a0h, a0l, b1h, b1l);
  const n1h = W[0]!,
    n1l = W[1]!,
    n2h = W[2]!,
    n2l = W[3]!;
  mul64To128(a1h, a1l, b1h, b1l);
  const z2h = W[0]!,
    z2l = W[1]!,
    z3h = W[2]!,
    z3l = W[3]!;
  mul64To128(a0h, a0l, b0h, b0l);
  const z0h = W[0]!,
    z0l = W[1]!,
    z1h = W[2]!,
    z1l = W[3]!;
  add192(0, 0, m1h, m1l, m2h, m2l, 0, 0, n1h, n1l, n2h, n2l);
  add192(W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!, z0h, z0l, z1h, z1l, z2h, z2l);
  W[6] = z3h;
  W[7] = z3l;
}

/**
 * Shifts the 128-bit (a0, a1) right by count, jamming lost bits into the
 * least significant bit (shift128RightJamming): W[0..3].
 */
export function shift128RightJamming(a0h: number, a0l: number, a1h: number, a1l: number, count: number): void {
  if (count <= 0) {
    // QEMU only calls this with count >= 0 (count 0 is the identity).
    W[0] = a0h;
    W[1] = a0l;
    W[2] = a1h;
    W[3] = a1l;
    return;
  }
  if (count >= 128) {
    W[0] = 0;
    W[1] = 0;
    W[2] = 0;
    W[3] = (a0h | a0l | a1h | a1l) !== 0 ? 1 : 0;
    return;
  }
  let w0 = a0h,
    w1 = a0l,
    w2 = a1h,
    w3 = a1l,
    sticky = 0;
  while (count >= 32) {
    sticky |= w3;
    w3 = w2;
    w2 = w1;
    w1 = w0;
    w0 = 0;
    count -= 32;
  }
  if (count > 0) {
    const n = 32 - count;
    sticky |= w3 << n;
    w3 = (w3 >>> count) | (w2 << n);
    w2 = (w2 >>> count) | (w1 << n);
    w1 = (w1 >>> count) | (w0 << n);
    w0 = w0 >>> count;
  }
  W[0] = w0;
  W[1] = w1;
  W[2] = w2;
  W[3] = w3 | (sticky !== 0 ? 1 : 0);
}

/** Shifts the 128-bit (a0, a1) right by count (0 <= count), no jamming (shift128Right): W[0..3]. */
export function shift128Right(a0h: number, a0l: number, a1h: number, a1l: number, count: number): void {
  let w0 = a0h,
    w1 = a0l,
    w2 = a1h,
    w3 = a1l;
  if (count >= 128) {
    w0 = w1 = w2 = w3 = 0;
  } else {
    while (count >= 32) {
      w3 = w2;
      w2 = w1;
      w1 = w0;
      w0 = 0;
      count -= 32;
    }
    if (count > 0) {
      const n = 32 - count;
      w3 = (w3 >>> count) | (w2 << n);
      w2 = (w2 >>> count) | (w1 << n);
      w1 = (w1 >>> count) | (w0 << n);
      w0 = w0 >>> count;
    }
  }
  W[0] = w0;
  W[1] = w1;
  W[2] = w2;
  W[3] = w3;
}

/** Shifts the 128-bit (a0, a1) left by count (0 <= count < 128) (shift128Left / shortShift128Left): W[0..3]. */
export function shift128Left(a0h: number, a0l: number, a1h: number, a1l: number, count: number): void {
  let w0 = a0h,
    w1 = a0l,
    w2 = a1h,
    w3 = a1l;
  while (count >= 32) {
    w0 = w1;
    w1 = w2;
    w2 = w3;
    w3 = 0;
    count -= 32;
  }
  if (count > 0) {
    const n = 32 - count;
    w0 = (w0 << count) | (w1 >>> n);
    w1 = (w1 << count) | (w2 >>> n);
    w2 = (w2 << count) | (w3 >>> n);
    w3 = w3 << count;
  }
  W[0] = w0;
  W[1] = w1;
  W[2] = w2;
  W[3] = w3;
}

/**
 * shift64ExtraRightJamming: shifts (a0, a1) right by count; W[0..1] gets the
 * integer part, W[2..3] the extra word whose msb is the last bit shifted out
 * and whose other bits are nonzero iff any earlier bit was.
 */
export function shift64ExtraRightJamming(a0h: number, a0l: number, a1h: number, a1l: number, count: number): void {
  const a1nz = (a1h | a1l) !== 0 ? 1 : 0;
  if (count === 0) {
    W[0] = a0h;
    W[1] = a0l;
    W[2] = a1h;
    W[3] = a1l;
  } else if (count < 64) {
    // z1 = (a0 << (64 - count)) | (a1 != 0); z0 = a0 >> count
    shift128Left(0, 0, a0h, a0l, 64 - count);
    const z1h = W[2]!;
    const z1l = W[3]! | a1nz;
    shift128Right(a0h, a0l, 0, 0, count);
    W[2] = z1h;
    W[3] = z1l;
  } else if (count === 64) {
    W[0] = 0;
    W[1] = 0;
    W[2] = a0h;
    W[3] = a0l | a1nz;
  } else {
    W[0] = 0;
    W[1] = 0;
    W[2] = 0;
    W[3] = (a0h | a0l | a1nz) !== 0 ? 1 : 0;
  }
}

/**
 * floor((hi * 2^32 + lo) / d) for uint32 words with hi < d (so the
 * quotient fits in 32 bits); the remainder goes to divRem().
 */
let remOut = 0;
export function div64By32(hi: number, lo: number, d: number): number {
  const dd = d >>> 0;
  const h = hi >>> 0;
  const l = lo >>> 0;
  // Two 16-bit quotient digits; each partial dividend is < 2^48 so the
  // double arithmetic is exact and floor(t / dd) cannot round up.
  let t = h * 65536 + (l >>> 16);
  const q1 = Math.floor(t / dd);
  t = (t - q1 * dd) * 65536 + (l & 0xffff);
  const q0 = Math.floor(t / dd);
  remOut = t - q0 * dd;
  return (q1 * 65536 + q0) | 0;
}

/** Remainder of the last div64By32. */
export function divRem(): number {
  return remOut;
}

/**
 * estimateDiv128To64(a0, a1, b): QEMU's approximation of
 * floor((a0 * 2^64 + a1) / b), reproduced exactly (its callers use the
 * estimate unmodified).  b must be >= 2^63.  Result in W[0..1].
 */
export function estimateDiv128To64(a0h: number, a0l: number, a1h: number, a1l: number, bh: number, bl: number): void {
  if (le64(bh, bl, a0h, a0l)) {
    W[0] = -1;
    W[1] = -1;
    return;
  }
  const b0 = bh; // b >> 32
  // z = (b0 << 32 <= a0) ? 0xFFFFFFFF00000000 : (a0 / b0) << 32
  let zh: number;
  if (le64(b0, 0, a0h, a0l)) zh = -1;
  else zh = div64By32(a0h, a0l, b0);
  let zl = 0;
  // rem = (a0, a1) - b * z
  mul64To128(bh, bl, zh, zl);
  sub128(a0h, a0l, a1h, a1l, W[0]!, W[1]!, W[2]!, W[3]!);
  let r0h = W[0]!,
    r0l = W[1]!,
    r1h = W[2]!,
    r1l = W[3]!;
  while (r0h < 0) {
    zh = (zh - 1) | 0;
    // add128(rem0, rem1, b0, b1) with b0 = b >> 32, b1 = b << 32
    add128(r0h, r0l, r1h, r1l, 0, b0, bl, 0);
    r0h = W[0]!;
    r0l = W[1]!;
    r1h = W[2]!;
    r1l = W[3]!;
  }
  // rem0 = (rem0 << 32) | (rem1 >> 32)
  const remh = r0l;
  const reml = r1h;
  if (le64(b0, 0, remh, reml)) zl = -1;
  else zl = div64By32(remh, reml, b0);
  W[0] = zh;
  W[1] = zl;
}
