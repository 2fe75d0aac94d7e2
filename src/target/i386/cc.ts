// Lazy EFLAGS evaluation (QEMU's target/i386/tcg/cc_helper.c and cc_helper_template.h.inc): the
// arithmetic flags of the pending operation CC_OP from its saved operands CC_DST, CC_SRC, CC_SRC2.
// All int32 math; the 8/16-bit forms work on the low bits as QEMU's DATA_TYPE does.
import { CC_A, CC_C, CC_O, CC_P, CC_S, CC_Z, CcOp, CC_OP_POPCNT, ccOpHasEflags, ccOpSize } from "./cpu-state.ts";

/** PF for each value of the low byte (compute_pf: set when the number of one bits is even). */
export const PARITY = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let n = 0;
    for (let b = i; b; b >>= 1) n += b & 1;
    t[i] = n & 1 ? 0 : CC_P;
  }
  return t;
})();

const MASKS = [0xff, 0xffff, -1, -1];
const SIGN = [0x80, 0x8000, 0x80000000 | 0, 0x80000000 | 0];

/** zf + sf + pf of a result of `size` (MO_8..MO_32). */
function zsp(dst: number, size: number): number {
  const d = dst & MASKS[size];
  return (d === 0 ? CC_Z : 0) | (d & SIGN[size] ? CC_S : 0) | PARITY[d & 0xff];
}

/** lshift(x, 12 - DATA_BITS) & CC_O: bit DATA_BITS-1 of x moved to bit 11. */
function ofBit(x: number, size: number): number {
  return ((x >>> ((8 << size) - 1)) & 1) << 11;
}

/** helper_cc_compute_all */
export function ccComputeAll(dst: number, src1: number, src2: number, op: number): number {
  if (op === CcOp.EFLAGS) return src1;
  if (op >= CcOp.MULB && op <= CcOp.BLSIQ) {
    const size = ccOpSize(op);
    const m = MASKS[size];
    switch ((op - CcOp.MULB) >> 2) {
      case 0: {
        // MUL: C = O = (src1 != 0) (src1 is target_long, not truncated)
        const cf = src1 !== 0 ? CC_C : 0;
        return cf | zsp(dst, size) | (cf ? CC_O : 0);
      }
      case 1: {
        // ADD: src1 is the second operand
        const d = dst & m,
          s1 = src1 & m;
        const s2 = (d - s1) & m;
        const cf = d >>> 0 < s1 >>> 0 ? CC_C : 0;
        return cf | zsp(d, size) | ((d ^ s1 ^ s2) & CC_A) | ofBit((s1 ^ s2 ^ -1) & (s1 ^ d), size);
      }
      case 2: {
        // ADC: src1 = operand, src2 = carry in; src13 computed one size wider
        const d = dst & m,
          s1 = src1 & m,
          s3 = src2 & m;
        const s13 = size === 2 ? (s1 >>> 0) + (s3 >>> 0) : s1 + s3;
        const s2 = (d - s13) & m;
        const cf = d >>> 0 < s13 ? CC_C : 0;
        return cf | zsp(d, size) | ((d ^ s1 ^ s2) & 0x10) | ofBit((s1 ^ s2 ^ -1) & (s1 ^ d), size);
      }
      case 3: {
        // SUB: src1 is the subtrahend
        const d = dst & m,
          s2 = src1 & m;
        const s1 = (d + s2) & m;
        const cf = s1 >>> 0 < s2 >>> 0 ? CC_C : 0;
        return cf | zsp(d, size) | ((d ^ s1 ^ s2) & CC_A) | ofBit((s1 ^ s2) & (s1 ^ d), size);
      }
      case 4: {
        // SBB: src1 = subtrahend, src2 = borrow in
        const d = dst & m,
          s2 = src1 & m,
          s3 = src2 & m;
        const s23 = size === 2 ? (s2 >>> 0) + (s3 >>> 0) : s2 + s3;
        const s1 = size === 2 ? (((d >>> 0) + s23) % 4294967296) | 0 : (d + s23) & m;
        const cf = s1 >>> 0 < s23 ? CC_C : 0;
        return cf | zsp(d, size) | ((d ^ s1 ^ s2) & 0x10) | ofBit((s1 ^ s2) & (s1 ^ d), size);
      }
      case 5:
        return zsp(dst, size);
      case 6: {
        // INC: src1 = old CF
        const d = dst & m;
        const s1 = (d - 1) & m;
        return (src1 & CC_C) | zsp(d, size) | ((d ^ s1 ^ 1) & CC_A) | (d === SIGN[size] ? CC_O : 0);
      }
      case 7: {
        // DEC: src1 = old CF
        const d = dst & m;
        const s1 = (d + 1) & m;
        return (src1 & CC_C) | zsp(d, size) | ((d ^ s1 ^ 1) & CC_A) | (d === ((SIGN[size] - 1) & m) ? CC_O : 0);
      }
      case 8:
        // SHL: C = msb of src1 (the value shifted by count - 1); O from src1 ^ dst
        return ((src1 >>> ((8 << size) - 1)) & CC_C) | zsp(dst, size) | ofBit(src1 ^ dst, size);
      case 9:
        // SAR/SHR: C = lsb of src1
        return (src1 & 1) | zsp(dst, size) | ofBit(src1 ^ dst, size);
      case 10: {
        // BMILG: C = (src1 == 0), P and A undefined (0)
        const d = dst & m;
        return ((src1 & m) === 0 ? CC_C : 0) | (d === 0 ? CC_Z : 0) | (d & SIGN[size] ? CC_S : 0);
      }
      case 11: {
        const d = dst & m;
        return ((src1 & m) !== 0 ? CC_C : 0) | (d === 0 ? CC_Z : 0) | (d & SIGN[size] ? CC_S : 0);
      }
    }
  }
  switch (op) {
    case CC_OP_POPCNT:
      return dst ? 0 : CC_Z;
    case CcOp.ADCX:
      return (src1 & ~CC_C) | (dst ? CC_C : 0);
    case CcOp.ADOX:
      return (src1 & ~CC_O) | (src2 ? CC_O : 0);
    case CcOp.ADCOX:
      return (src1 & ~(CC_C | CC_O)) | (dst ? CC_C : 0) | (src2 ? CC_O : 0);
  }
  return 0;
}

/** helper_cc_compute_c */
export function ccComputeC(dst: number, src1: number, src2: number, op: number): number {
  if (op >= CcOp.MULB && op <= CcOp.BLSIQ) {
    const size = ccOpSize(op);
    const m = MASKS[size];
    switch ((op - CcOp.MULB) >> 2) {
      case 0:
        return src1 !== 0 ? 1 : 0;
      case 1:
        return (dst & m) >>> 0 < (src1 & m) >>> 0 ? 1 : 0;
      case 2: {
        const s13 = size === 2 ? (src1 >>> 0) + (src2 >>> 0) : (src1 & m) + (src2 & m);
        return (dst & m) >>> 0 < s13 ? 1 : 0;
      }
      case 3:
        return ((dst + src1) & m) >>> 0 < (src1 & m) >>> 0 ? 1 : 0;
      case 4: {
        const s23 = size === 2 ? (src1 >>> 0) + (src2 >>> 0) : (src1 & m) + (src2 & m);
        const s1 = size === 2 ? ((dst >>> 0) + s23) % 4294967296 : (dst + s23) & m;
        return s1 < s23 ? 1 : 0;
      }
      case 5:
        return 0;
      case 6:
      case 7:
        return src1;
      case 8:
        return (src1 >>> ((8 << size) - 1)) & 1;
      case 9:
        return src1 & 1;
      case 10:
        return (src1 & m) === 0 ? 1 : 0;
      case 11:
        return (src1 & m) !== 0 ? 1 : 0;
    }
  }
  switch (op) {
    case CcOp.EFLAGS:
    case CcOp.ADOX:
      return src1 & 1;
    case CcOp.ADCX:
    case CcOp.ADCOX:
      return dst;
  }
  return 0;
}

/** helper_cc_compute_nz: non-zero iff ZF is clear. */
export function ccComputeNz(dst: number, src1: number, op: number): number {
  if (ccOpHasEflags(op)) return ~src1 & CC_Z;
  return dst & MASKS[ccOpSize(op)];
}
