/**
 * Exact binary32 / binary64 arithmetic with RISC-V F/D semantics.
 *
 * Fast paths use the host's round-to-nearest-even doubles together with
 * error-free transformations (TwoSum, Dekker's product, exact remainders of
 * division and square root) to learn the exact rounding error, which decides
 * the inexact flag and the directed rounding modes.  Anything outside the
 * range where those transformations are exact (NaN, infinities, subnormal
 * operands or results, overflow) goes to the BigInt implementation in
 * exact.ts.
 */

import { directed64 } from "./directed.ts";
import { BINARY32, BINARY64, bits32, bits64, exactAdd, exactConvert, exactDiv, exactMul, exactMulAdd, exactSqrt } from "./exact.ts";
import { classify32, classify64 } from "./classify.ts";
import { eq32, eq64, le32, le64, lt32, lt64, max32, max64, min32, min64 } from "./compare.ts";
import { FFLAG_NV, FFLAG_NX, FFLAG_OF, RM_RDN, RM_RNE, RM_RTZ, RM_RUP, type FpState } from "./flags.ts";
import { F32_MAX, F32_MIN_NORMAL, roundF32, roundF32Normal } from "./round-f32.ts";
import { F32, F64, I32, NAN64_HI, ULP64, f64FromWords, isNaN32, isSNaN32 } from "./scratch.ts";
import { toInt32, toInt64, toUint32, toUint64 } from "./to-integer.ts";

const TWO_M968 = 2 ** -968;
const TWO_M1021 = 2 ** -1021;
const TWO_995 = 2 ** 995;
const TWO_1020 = 2 ** 1020;
/** Veltkamp splitting constant 2^27 + 1. */
const SPLIT = 134217729;
const TWO32 = 4294967296;
/** The sign bit of a high word / binary32, as an int32. */
const SIGN = -2147483648;
const EXP32 = 0x7f800000;
const TINY = Number.MIN_VALUE;

function big32(r: bigint): number {
  return Number(BigInt.asIntN(32, r));
}

export class SoftFloat implements FpState {
  /** Accrued exception flags (FFLAG_*); operations only OR bits in. */
  flags = 0;
  /** Low word of the last 64-bit result. */
  lo = 0;
  /** High word of the last 64-bit result. */
  hi = 0;

  private set64(r: bigint): void {
    this.lo = big32(r);
    this.hi = big32(r >> 32n);
  }

  // ---------------------------------------------------------------- binary64

  f64Add(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
    const x = f64FromWords(alo, ahi);
    const y = f64FromWords(blo, bhi);
    let s = x + y;
    if (s - s === 0) {
      if (rm === RM_RNE) {
        if ((this.flags & FFLAG_NX) === 0) {
          const bb = s - x;
          const err = x - (s - bb) + (y - bb);
          if (err !== 0) {
            if (err !== err) return this.f64AddSlow(alo, ahi, blo, bhi, rm);
            this.flags |= FFLAG_NX;
          }
        }
      } else {
        const bb = s - x;
        const err = x - (s - bb) + (y - bb);
        if (err === 0) {
          // Exact zero sums are -0 under RDN unless both operands are +0.
          if (s === 0 && rm === RM_RDN && (x !== 0 || (ahi | bhi) < 0)) s = -0;
        } else {
          if (err !== err) return this.f64AddSlow(alo, ahi, blo, bhi, rm);
          this.flags |= FFLAG_NX;
          s = directed64(s, err, rm);
          if (s - s !== 0) this.flags |= FFLAG_OF;
        }
      }
      F64[0] = s;
      this.lo = I32[0];
      this.hi = I32[1];
      return;
    }
    this.f64AddSlow(alo, ahi, blo, bhi, rm);
  }

  private f64AddSlow(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
    this.set64(exactAdd(BINARY64, bits64(alo, ahi), bits64(blo, bhi), rm, this));
  }

  f64Sub(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
    this.f64Add(alo, ahi, blo, bhi ^ SIGN, rm);
  }

  f64Mul(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
    const x = f64FromWords(alo, ahi);
    const y = f64FromWords(blo, bhi);
    let p = x * y;
    const ap = Math.abs(p);
    if (ap >= TWO_M968 && ap <= TWO_1020 && Math.abs(x) <= TWO_995 && Math.abs(y) <= TWO_995) {
      if (rm !== RM_RNE || (this.flags & FFLAG_NX) === 0) {
        let c = SPLIT * x;
        const xh = c - (c - x);
        const xl = x - xh;
        c = SPLIT * y;
        const yh = c - (c - y);
        const yl = y - yh;
        const err = xh * yh - p + xh * yl + xl * yh + xl * yl;
        if (err !== 0) {
          this.flags |= FFLAG_NX;
          if (rm !== RM_RNE) p = directed64(p, err, rm);
        }
      }
    } else if (!(p === 0 && (x === 0 || y === 0))) {
      this.set64(exactMul(BINARY64, bits64(alo, ahi), bits64(blo, bhi), rm, this));
      return;
    }
    F64[0] = p;
    this.lo = I32[0];
    this.hi = I32[1];
  }

  f64Div(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
    const x = f64FromWords(alo, ahi);
    const y = f64FromWords(blo, bhi);
    let q = x / y;
    const aq = Math.abs(q);
    const ax = Math.abs(x);
    if (aq >= TWO_M968 && aq <= TWO_995 && ax >= TWO_M968 && ax <= TWO_1020 && Math.abs(y) <= TWO_995) {
      if (rm !== RM_RNE || (this.flags & FFLAG_NX) === 0) {
        // r = x - q*y exactly (q*y as ph + pl by Dekker; x - ph is exact).
        let c = SPLIT * q;
        const qh = c - (c - q);
        const ql = q - qh;
        c = SPLIT * y;
        const yh = c - (c - y);
        const yl = y - yh;
        const ph = q * y;
        const pl = qh * yh - ph + qh * yl + ql * yh + ql * yl;
        const r = x - ph - pl;
        if (r !== 0) {
          this.flags |= FFLAG_NX;
          // A quotient is never a midpoint here, so only the sign matters.
          if (rm !== RM_RNE) q = directed64(q, r > 0 === y > 0 ? TINY : -TINY, rm);
        }
      }
    } else if (!(x === 0 && y !== 0 && y === y)) {
      this.set64(exactDiv(BINARY64, bits64(alo, ahi), bits64(blo, bhi), rm, this));
      return;
    }
    F64[0] = q;
    this.lo = I32[0];
    this.hi = I32[1];
  }

  f64Sqrt(alo: number, ahi: number, rm: number): void {
    const x = f64FromWords(alo, ahi);
    if (x >= TWO_M968 && x <= TWO_1020) {
      let s = Math.sqrt(x);
      if (rm !== RM_RNE || (this.flags & FFLAG_NX) === 0) {
        const c = SPLIT * s;
        const sh = c - (c - s);
        const sl = s - sh;
        const ph = s * s;
        const pl = sh * sh - ph + 2 * sh * sl + sl * sl;
        const r = x - ph - pl;
        if (r !== 0) {
          this.flags |= FFLAG_NX;
          if (rm !== RM_RNE) s = directed64(s, r > 0 ? TINY : -TINY, rm);
        }
      }
      F64[0] = s;
      this.lo = I32[0];
      this.hi = I32[1];
      return;
    }
    this.set64(exactSqrt(BINARY64, bits64(alo, ahi), rm, this));
  }

  /**
   * Fused multiply-add with one rounding: (negProduct ? -(a*b) : a*b) +
   * (negAddend ? -c : c).  fmadd = (false, false), fmsub = (false, true),
   * fnmsub = (true, false), fnmadd = (true, true).
   */
  f64MulAdd(
    alo: number,
    ahi: number,
    blo: number,
    bhi: number,
    clo: number,
    chi: number,
    rm: number,
    negProduct: boolean,
    negAddend: boolean,
  ): void {
    if (negProduct) ahi ^= SIGN;
    if (negAddend) chi ^= SIGN;
    const x = f64FromWords(alo, ahi);
    const y = f64FromWords(blo, bhi);
    const z = f64FromWords(clo, chi);
    const uh = x * y;
    const au = Math.abs(uh);
    if (au >= TWO_M968 && au <= TWO_1020 && Math.abs(x) <= TWO_995 && Math.abs(y) <= TWO_995 && Math.abs(z) <= TWO_1020) {
      // x*y = uh + ul exactly.
      let c = SPLIT * x;
      const xh = c - (c - x);
      const xl = x - xh;
      c = SPLIT * y;
      const yh = c - (c - y);
      const yl = y - yh;
      const ul = xh * yh - uh + xh * yl + xl * yh + xl * yl;
      // v = uh + ul + z = s + e1 + ul = s + t + e2 = r + e3 + e2 = r + w + e4.
      const s = uh + z;
      let bb = s - uh;
      const e1 = uh - (s - bb) + (z - bb);
      const t = e1 + ul;
      bb = t - e1;
      const e2 = e1 - (t - bb) + (ul - bb);
      const r = s + t;
      bb = r - s;
      const e3 = s - (r - bb) + (t - bb);
      const w = e3 + e2;
      bb = w - e3;
      const e4 = e3 - (w - bb) + (e2 - bb);
      const ar = Math.abs(r);
      if (ar >= TWO_M1021 && ar <= TWO_1020) {
        F64[0] = r;
        const rlo = I32[0]!;
        const rhi = I32[1]!;
        if (w === 0) {
          this.lo = rlo;
          this.hi = rhi;
          return;
        }
        // Gap g from r to its neighbour on the side of v (r is normal, e >= 2).
        const away = w > 0 === r > 0;
        let g = ULP64[(rhi >>> 20) & 0x7ff]!;
        if (!away && rlo === 0 && (rhi & 0xfffff) === 0) g *= 0.5;
        const aw = Math.abs(w);
        if (aw < g) {
          // v lies strictly between r and its neighbour; compare |v - r| with g / 2.
          this.flags |= FFLAG_NX;
          const h = g * 0.5;
          const cmp = aw < h ? -1 : aw > h ? 1 : e4 === 0 ? 0 : e4 > 0 === w > 0 ? 1 : -1;
          let take: boolean;
          switch (rm) {
            case RM_RNE:
              take = cmp > 0 || (cmp === 0 && (rlo & 1) !== 0);
              break;
            case RM_RTZ:
              take = !away;
              break;
            case RM_RDN:
              take = w < 0;
              break;
            case RM_RUP:
              take = w > 0;
              break;
            default: // RM_RMM
              take = cmp > 0 || (cmp === 0 && away);
              break;
          }
          if (take) {
            F64[0] = r > 0 === away ? r + g : r - g;
            this.lo = I32[0]!;
            this.hi = I32[1]!;
          } else {
            this.lo = rlo;
            this.hi = rhi;
          }
          return;
        }
      } else if (r === 0 && w === 0) {
        // Exact cancellation of a nonzero product.
        this.lo = 0;
        this.hi = rm === RM_RDN ? SIGN : 0;
        return;
      }
    } else if ((x === 0 || y === 0) && x - x === 0 && y - y === 0 && z - z === 0) {
      // Exactly zero product: the result is z, or a signed zero.
      let r = uh + z;
      if (r === 0 && rm === RM_RDN && (ahi ^ bhi ^ chi) < 0) r = -0;
      F64[0] = r;
      this.lo = I32[0];
      this.hi = I32[1];
      return;
    }
    this.set64(exactMulAdd(BINARY64, bits64(alo, ahi), bits64(blo, bhi), bits64(clo, chi), rm, false, false, this));
  }

  f64Min(alo: number, ahi: number, blo: number, bhi: number): void {
    min64(this, alo, ahi, blo, bhi);
  }

  f64Max(alo: number, ahi: number, blo: number, bhi: number): void {
    max64(this, alo, ahi, blo, bhi);
  }

  f64Eq(alo: number, ahi: number, blo: number, bhi: number): number {
    return eq64(this, alo, ahi, blo, bhi);
  }

  f64Lt(alo: number, ahi: number, blo: number, bhi: number): number {
    return lt64(this, alo, ahi, blo, bhi);
  }

  f64Le(alo: number, ahi: number, blo: number, bhi: number): number {
    return le64(this, alo, ahi, blo, bhi);
  }

  f64Class(alo: number, ahi: number): number {
    return classify64(alo, ahi);
  }

  f64ToI32(alo: number, ahi: number, rm: number): number {
    return toInt32(this, f64FromWords(alo, ahi), rm);
  }

  f64ToU32(alo: number, ahi: number, rm: number): number {
    return toUint32(this, f64FromWords(alo, ahi), rm);
  }

  f64ToI64(alo: number, ahi: number, rm: number): void {
    toInt64(this, f64FromWords(alo, ahi), rm);
  }

  f64ToU64(alo: number, ahi: number, rm: number): void {
    toUint64(this, f64FromWords(alo, ahi), rm);
  }

  i32ToF64(v: number): void {
    F64[0] = v | 0;
    this.lo = I32[0];
    this.hi = I32[1];
  }

  u32ToF64(v: number): void {
    F64[0] = v >>> 0;
    this.lo = I32[0];
    this.hi = I32[1];
  }

  i64ToF64(lo: number, hi: number, rm: number): void {
    this.int64ToF64((hi | 0) * TWO32, lo >>> 0, rm);
  }

  u64ToF64(lo: number, hi: number, rm: number): void {
    this.int64ToF64((hi >>> 0) * TWO32, lo >>> 0, rm);
  }

  /** Rounds the integer h + l (h a multiple of 2^32, 0 <= l < 2^32). */
  private int64ToF64(h: number, l: number, rm: number): void {
    let s = h + l;
    const bb = s - h;
    const err = h - (s - bb) + (l - bb);
    if (err !== 0) {
      this.flags |= FFLAG_NX;
      if (rm !== RM_RNE) s = directed64(s, err, rm);
    }
    F64[0] = s;
    this.lo = I32[0];
    this.hi = I32[1];
  }

  // ---------------------------------------------------------------- binary32

  f32Add(a: number, b: number, rm: number): number {
    if ((a & EXP32) === EXP32 || (b & EXP32) === EXP32) {
      return big32(exactAdd(BINARY32, bits32(a), bits32(b), rm, this));
    }
    I32[0] = a;
    const x = F32[0];
    I32[0] = b;
    const y = F32[0];
    const s = x + y;
    if (s === 0) {
      // Exact: x == -y.
      if (rm === RM_RDN) return x !== 0 || (a | b) < 0 ? SIGN : 0;
      return x !== 0 ? 0 : a & b & SIGN;
    }
    const bb = s - x;
    return roundF32(this, s, x - (s - bb) + (y - bb), rm);
  }

  f32Sub(a: number, b: number, rm: number): number {
    return this.f32Add(a, b ^ SIGN, rm);
  }

  f32Mul(a: number, b: number, rm: number): number {
    if ((a & EXP32) === EXP32 || (b & EXP32) === EXP32) {
      return big32(exactMul(BINARY32, bits32(a), bits32(b), rm, this));
    }
    I32[0] = a;
    const x = F32[0];
    I32[0] = b;
    const p = x * F32[0]; // exact: 48 significant bits, normal double
    if (p === 0) return (a ^ b) & SIGN;
    return roundF32(this, p, 0, rm);
  }

  f32Div(a: number, b: number, rm: number): number {
    if ((a & EXP32) !== EXP32 && (b & EXP32) !== EXP32 && (b & 0x7fffffff) !== 0) {
      if ((a & 0x7fffffff) === 0) return (a ^ b) & SIGN;
      I32[0] = a;
      const x = F32[0];
      I32[0] = b;
      const q = x / F32[0];
      const aq = Math.abs(q);
      // A binary32 quotient is never within 2^-47 relative of a binary32
      // number or midpoint it is not equal to, so RNE(q) keeps the order.
      if (aq > F32_MIN_NORMAL && aq < F32_MAX) return roundF32Normal(this, q, 0, rm);
    }
    return big32(exactDiv(BINARY32, bits32(a), bits32(b), rm, this));
  }

  f32Sqrt(a: number, rm: number): number {
    if (a > 0 && a < EXP32) {
      I32[0] = a;
      // sqrt of any positive binary32 is a binary32 normal; same argument as
      // for division.
      return roundF32Normal(this, Math.sqrt(F32[0]), 0, rm);
    }
    if ((a & 0x7fffffff) === 0) return a;
    return big32(exactSqrt(BINARY32, bits32(a), rm, this));
  }

  f32MulAdd(a: number, b: number, c: number, rm: number, negProduct: boolean, negAddend: boolean): number {
    if (negProduct) a ^= SIGN;
    if (negAddend) c ^= SIGN;
    if ((a & EXP32) === EXP32 || (b & EXP32) === EXP32 || (c & EXP32) === EXP32) {
      return big32(exactMulAdd(BINARY32, bits32(a), bits32(b), bits32(c), rm, false, false, this));
    }
    I32[0] = a;
    const x = F32[0];
    I32[0] = b;
    const p = x * F32[0]; // exact
    I32[0] = c;
    const z = F32[0];
    const s = p + z;
    if (s === 0) {
      // Exact: p == -z.
      if (p === 0 && ((a ^ b ^ c) & SIGN) === 0) return c; // same-signed zeros
      return rm === RM_RDN ? SIGN : 0;
    }
    const bb = s - p;
    return roundF32(this, s, p - (s - bb) + (z - bb), rm);
  }

  f32Min(a: number, b: number): number {
    return min32(this, a, b);
  }

  f32Max(a: number, b: number): number {
    return max32(this, a, b);
  }

  f32Eq(a: number, b: number): number {
    return eq32(this, a, b);
  }

  f32Lt(a: number, b: number): number {
    return lt32(this, a, b);
  }

  f32Le(a: number, b: number): number {
    return le32(this, a, b);
  }

  f32Class(a: number): number {
    return classify32(a);
  }

  f32ToI32(a: number, rm: number): number {
    I32[0] = a;
    return toInt32(this, F32[0], rm);
  }

  f32ToU32(a: number, rm: number): number {
    I32[0] = a;
    return toUint32(this, F32[0], rm);
  }

  f32ToI64(a: number, rm: number): void {
    I32[0] = a;
    toInt64(this, F32[0], rm);
  }

  f32ToU64(a: number, rm: number): void {
    I32[0] = a;
    toUint64(this, F32[0], rm);
  }

  i32ToF32(v: number, rm: number): number {
    v |= 0;
    if (v >= -16777216 && v <= 16777216) {
      F32[0] = v;
      return I32[0];
    }
    return roundF32Normal(this, v, 0, rm);
  }

  u32ToF32(v: number, rm: number): number {
    const u = v >>> 0;
    if (u <= 16777216) {
      F32[0] = u;
      return I32[0];
    }
    return roundF32Normal(this, u, 0, rm);
  }

  i64ToF32(lo: number, hi: number, rm: number): number {
    return this.int64ToF32((hi | 0) * TWO32, lo >>> 0, rm);
  }

  u64ToF32(lo: number, hi: number, rm: number): number {
    return this.int64ToF32((hi >>> 0) * TWO32, lo >>> 0, rm);
  }

  private int64ToF32(h: number, l: number, rm: number): number {
    const s = h + l;
    if (s === 0) return 0;
    const bb = s - h;
    return roundF32Normal(this, s, h - (s - bb) + (l - bb), rm);
  }

  f32ToF64(a: number): void {
    if (isNaN32(a)) {
      if (isSNaN32(a)) this.flags |= FFLAG_NV;
      this.lo = 0;
      this.hi = NAN64_HI;
      return;
    }
    I32[0] = a;
    F64[0] = F32[0];
    this.lo = I32[0];
    this.hi = I32[1];
  }

  f64ToF32(alo: number, ahi: number, rm: number): number {
    if ((ahi & 0x7ff00000) === 0x7ff00000) {
      return big32(exactConvert(BINARY64, BINARY32, bits64(alo, ahi), rm, this));
    }
    const x = f64FromWords(alo, ahi);
    if (x === 0) return ahi & SIGN;
    return roundF32(this, x, 0, rm);
  }
}
