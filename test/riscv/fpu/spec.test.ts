import { describe, expect, it } from "vitest";
import {
  FFLAG_DZ,
  FFLAG_NV,
  FFLAG_NX,
  FFLAG_OF,
  FFLAG_UF,
  RM_RDN,
  RM_RMM,
  RM_RNE,
  RM_RTZ,
  RM_RUP,
  SoftFloat,
} from "../../../src/target/riscv/fpu/index.ts";
import { dbl, dblWords, flt, fltBits } from "./gen.ts";

// Hand-written cases for the RISC-V specific rules (unprivileged spec, F and
// D chapters; QEMU target/riscv/fpu_helper.c + fpu/softfloat).

const NAN64: [number, number] = [0, 0x7ff80000];
const QNAN64_PAYLOAD: [number, number] = [0x1234, 0xfffc0000 | 0];
const SNAN64: [number, number] = [1, 0x7ff00000];
const SNAN32 = 0x7f800001;
const QNAN32_PAYLOAD = 0xffc01234 | 0;
const MIN_NORMAL: [number, number] = [0, 0x00100000];
const MAX_SUB: [number, number] = [-1, 0x000fffff];

function fresh(): SoftFloat {
  return new SoftFloat();
}
function res64(sf: SoftFloat): [number, number] {
  return [sf.lo, sf.hi];
}
function val(sf: SoftFloat): number {
  return dbl(sf.lo, sf.hi);
}

describe("NaN handling", () => {
  it("produces the canonical NaN, never a propagated payload", () => {
    const sf = fresh();
    sf.f64Add(...QNAN64_PAYLOAD, ...dblWords(1), RM_RNE);
    expect(res64(sf)).toEqual(NAN64);
    expect(sf.flags).toBe(0);
    expect(sf.f32Mul(QNAN32_PAYLOAD, fltBits(2), RM_RNE)).toBe(0x7fc00000);
    sf.f32ToF64(QNAN32_PAYLOAD);
    expect(res64(sf)).toEqual(NAN64);
    expect(sf.f64ToF32(...QNAN64_PAYLOAD, RM_RNE)).toBe(0x7fc00000);
    expect(sf.flags).toBe(0);
  });

  it("raises NV for signaling NaN operands", () => {
    const sf = fresh();
    sf.f64Mul(...SNAN64, ...dblWords(1), RM_RNE);
    expect(res64(sf)).toEqual(NAN64);
    expect(sf.flags).toBe(FFLAG_NV);
    const s2 = fresh();
    s2.f32ToF64(SNAN32);
    expect(res64(s2)).toEqual(NAN64);
    expect(s2.flags).toBe(FFLAG_NV);
  });

  it("fma(inf, 0, qNaN) is invalid", () => {
    const sf = fresh();
    sf.f64MulAdd(0, 0x7ff00000, 0, 0, ...NAN64, RM_RNE, false, false);
    expect(res64(sf)).toEqual(NAN64);
    expect(sf.flags).toBe(FFLAG_NV);
    const s2 = fresh();
    expect(s2.f32MulAdd(0, 0x7f800000, 0x7fc00000, RM_RNE, false, false)).toBe(0x7fc00000);
    expect(s2.flags).toBe(FFLAG_NV);
  });

  it("invalid operations: inf-inf, 0*inf, 0/0, inf/inf, sqrt(-x)", () => {
    const inf = dblWords(Infinity);
    const ninf = dblWords(-Infinity);
    const z = dblWords(0);
    const cases: Array<(sf: SoftFloat) => void> = [
      (sf) => sf.f64Add(...inf, ...ninf, RM_RNE),
      (sf) => sf.f64Mul(...z, ...inf, RM_RNE),
      (sf) => sf.f64Div(...z, ...z, RM_RNE),
      (sf) => sf.f64Div(...inf, ...ninf, RM_RNE),
      (sf) => sf.f64Sqrt(...dblWords(-1), RM_RNE),
      (sf) => sf.f64Sqrt(...ninf, RM_RNE),
      (sf) => sf.f64MulAdd(...inf, ...dblWords(1), ...ninf, RM_RNE, false, false),
    ];
    for (const c of cases) {
      const sf = fresh();
      c(sf);
      expect(res64(sf)).toEqual(NAN64);
      expect(sf.flags).toBe(FFLAG_NV);
    }
  });
});

describe("signed zeros and infinities", () => {
  it("division by zero raises DZ and gives a signed infinity", () => {
    const sf = fresh();
    sf.f64Div(...dblWords(-1), ...dblWords(0), RM_RNE);
    expect(val(sf)).toBe(-Infinity);
    expect(sf.flags).toBe(FFLAG_DZ);
    expect(flt(sf.f32Div(fltBits(1), fltBits(-0), RM_RNE))).toBe(-Infinity);
  });

  it("exact zero sums are +0, or -0 when rounding down", () => {
    const sf = fresh();
    sf.f64Sub(...dblWords(1.5), ...dblWords(1.5), RM_RNE);
    expect(Object.is(val(sf), 0)).toBe(true);
    sf.f64Sub(...dblWords(1.5), ...dblWords(1.5), RM_RDN);
    expect(Object.is(val(sf), -0)).toBe(true);
    sf.f64Add(...dblWords(-0), ...dblWords(-0), RM_RNE);
    expect(Object.is(val(sf), -0)).toBe(true);
    expect(sf.f32Add(0, 0x80000000 | 0, RM_RDN)).toBe(0x80000000 | 0);
    expect(sf.f32Add(0, 0x80000000 | 0, RM_RUP)).toBe(0);
    expect(sf.flags).toBe(0);
  });

  it("fnmadd negates both product and addend: -(+0 * 1) - (+0) = -0", () => {
    const sf = fresh();
    sf.f64MulAdd(...dblWords(0), ...dblWords(1), ...dblWords(0), RM_RNE, true, true);
    expect(Object.is(val(sf), -0)).toBe(true);
    // fmsub: 2*3 - 6 = +0 (exact cancellation), -0 under RDN
    sf.f64MulAdd(...dblWords(2), ...dblWords(3), ...dblWords(6), RM_RNE, false, true);
    expect(Object.is(val(sf), 0)).toBe(true);
    sf.f64MulAdd(...dblWords(2), ...dblWords(3), ...dblWords(6), RM_RDN, false, true);
    expect(Object.is(val(sf), -0)).toBe(true);
  });

  it("sqrt(-0) = -0 without flags", () => {
    const sf = fresh();
    sf.f64Sqrt(...dblWords(-0), RM_RNE);
    expect(Object.is(val(sf), -0)).toBe(true);
    expect(sf.f32Sqrt(0x80000000 | 0, RM_RNE)).toBe(0x80000000 | 0);
    expect(sf.flags).toBe(0);
  });
});

describe("rounding, overflow and underflow", () => {
  it("rounds 1/3 in every mode", () => {
    const third = 1 / 3;
    const up = dbl(...(([lo, hi]) => [lo + 1, hi] as [number, number])(dblWords(third)));
    const want = [third, third, third, up, third];
    for (const rm of [RM_RNE, RM_RTZ, RM_RDN, RM_RUP, RM_RMM]) {
      const sf = fresh();
      sf.f64Div(...dblWords(1), ...dblWords(3), rm);
      expect(val(sf)).toBe(want[rm]);
      expect(sf.flags).toBe(FFLAG_NX);
    }
  });

  it("RMM breaks ties away from zero, RNE to even", () => {
    // 1 + 2^-53 is the midpoint between 1 and 1 + 2^-52.
    const sf = fresh();
    sf.f64Add(...dblWords(1), ...dblWords(2 ** -53), RM_RNE);
    expect(val(sf)).toBe(1);
    sf.f64Add(...dblWords(1), ...dblWords(2 ** -53), RM_RMM);
    expect(val(sf)).toBe(1 + 2 ** -52);
    sf.f64Add(...dblWords(-1), ...dblWords(-(2 ** -53)), RM_RMM);
    expect(val(sf)).toBe(-1 - 2 ** -52);
    // 2^24 + 1 to binary32
    expect(flt(sf.i32ToF32(16777217, RM_RNE))).toBe(16777216);
    expect(flt(sf.i32ToF32(16777217, RM_RMM))).toBe(16777218);
  });

  it("overflow: infinity or the largest finite number depending on the mode", () => {
    const max = Number.MAX_VALUE;
    const want = [Infinity, max, max, Infinity, Infinity];
    for (const rm of [RM_RNE, RM_RTZ, RM_RDN, RM_RUP, RM_RMM]) {
      const sf = fresh();
      sf.f64Mul(...dblWords(max), ...dblWords(2), rm);
      expect(val(sf)).toBe(want[rm]);
      expect(sf.flags).toBe(FFLAG_OF | FFLAG_NX);
    }
    const sf = fresh();
    sf.f64Mul(...dblWords(-max), ...dblWords(2), RM_RDN);
    expect(val(sf)).toBe(-Infinity);
  });

  it("detects tininess after rounding", () => {
    // (1 - 2^-27) * (2^-1022 (1 + 2^-27)) = 2^-1022 (1 - 2^-54).
    const a = dblWords(1 - 2 ** -27);
    const b = dblWords(2 ** -1022 * (1 + 2 ** -27));
    const sf = fresh();
    // RNE: rounds (with unbounded exponent) to 2^-1022, so it is not tiny.
    sf.f64Mul(...a, ...b, RM_RNE);
    expect(res64(sf)).toEqual(MIN_NORMAL);
    expect(sf.flags).toBe(FFLAG_NX);
    // RTZ: rounds to 2^-1022 - 2^-1075, tiny: subnormal result and UF.
    const s2 = fresh();
    s2.f64Mul(...a, ...b, RM_RTZ);
    expect(res64(s2)).toEqual(MAX_SUB);
    expect(s2.flags).toBe(FFLAG_UF | FFLAG_NX);
    // RUP gives the min normal, not tiny.
    const s3 = fresh();
    s3.f64Mul(...a, ...b, RM_RUP);
    expect(res64(s3)).toEqual(MIN_NORMAL);
    expect(s3.flags).toBe(FFLAG_NX);
  });

  it("exact subnormal results raise no flags", () => {
    const sf = fresh();
    sf.f64Mul(...dblWords(2 ** -1000), ...dblWords(2 ** -60), RM_RNE);
    expect(val(sf)).toBe(2 ** -1060);
    expect(sf.flags).toBe(0);
  });

  it("fcvt.s.d underflow and overflow", () => {
    const sf = fresh();
    expect(sf.f64ToF32(...dblWords(1e-50), RM_RNE)).toBe(0);
    expect(sf.flags).toBe(FFLAG_UF | FFLAG_NX);
    const s2 = fresh();
    expect(s2.f64ToF32(...dblWords(1e-50), RM_RUP)).toBe(1);
    const s3 = fresh();
    expect(s3.f64ToF32(...dblWords(1e40), RM_RTZ)).toBe(0x7f7fffff);
    expect(s3.flags).toBe(FFLAG_OF | FFLAG_NX);
  });
});

describe("float to integer conversion (saturating)", () => {
  it("fcvt.w.d", () => {
    const cases: Array<[number, number, number, number]> = [
      // value, rm, result, flags
      [NaN, RM_RNE, 0x7fffffff, FFLAG_NV],
      [Infinity, RM_RNE, 0x7fffffff, FFLAG_NV],
      [-Infinity, RM_RNE, -0x80000000, FFLAG_NV],
      [2147483647.5, RM_RNE, 0x7fffffff, FFLAG_NV], // rounds to 2^31: invalid, not inexact
      [2147483647.5, RM_RTZ, 0x7fffffff, FFLAG_NX],
      [-2147483648.5, RM_RTZ, -0x80000000, FFLAG_NX],
      [-2147483648.5, RM_RDN, -0x80000000, FFLAG_NV],
      [2.5, RM_RNE, 2, FFLAG_NX],
      [2.5, RM_RMM, 3, FFLAG_NX],
      [-2.5, RM_RMM, -3, FFLAG_NX],
      [-2.5, RM_RUP, -2, FFLAG_NX],
      [-0, RM_RNE, 0, 0],
    ];
    for (const [v, rm, want, flags] of cases) {
      const sf = fresh();
      expect(sf.f64ToI32(...dblWords(v), rm)).toBe(want);
      expect(sf.flags).toBe(flags);
    }
  });

  it("fcvt.wu.d returns the 32-bit pattern as an int32", () => {
    const cases: Array<[number, number, number, number]> = [
      [NaN, RM_RNE, -1, FFLAG_NV],
      [4294967295, RM_RNE, -1, 0],
      [4294967296, RM_RNE, -1, FFLAG_NV],
      [-1, RM_RNE, 0, FFLAG_NV],
      [-0.5, RM_RTZ, 0, FFLAG_NX], // rounds to -0: in range
      [-0.5, RM_RDN, 0, FFLAG_NV], // rounds to -1: invalid
      [-Infinity, RM_RNE, 0, FFLAG_NV],
    ];
    for (const [v, rm, want, flags] of cases) {
      const sf = fresh();
      expect(sf.f64ToU32(...dblWords(v), rm)).toBe(want);
      expect(sf.flags).toBe(flags);
    }
  });

  it("fcvt.l.d / fcvt.lu.d", () => {
    const sf = fresh();
    sf.f64ToI64(...dblWords(2 ** 63), RM_RNE);
    expect([sf.lo, sf.hi]).toEqual([-1, 0x7fffffff]);
    expect(sf.flags).toBe(FFLAG_NV);
    const s2 = fresh();
    s2.f64ToI64(...dblWords(-(2 ** 63)), RM_RNE);
    expect([s2.lo, s2.hi]).toEqual([0, -0x80000000]);
    expect(s2.flags).toBe(0);
    const s3 = fresh();
    s3.f64ToU64(...dblWords(2 ** 64 - 2048), RM_RNE);
    expect([s3.lo >>> 0, s3.hi >>> 0]).toEqual([0xfffff800, 0xffffffff]);
    const s4 = fresh();
    s4.f64ToU64(...NAN64, RM_RNE);
    expect([s4.lo, s4.hi]).toEqual([-1, -1]);
    expect(s4.flags).toBe(FFLAG_NV);
    const s5 = fresh();
    s5.f64ToI64(...dblWords(-1.5), RM_RNE);
    expect([s5.lo, s5.hi]).toEqual([-2, -1]);
    expect(s5.flags).toBe(FFLAG_NX);
  });

  it("fcvt.w.s of a signaling NaN is invalid and saturates positive", () => {
    const sf = fresh();
    expect(sf.f32ToI32(SNAN32 | 0x80000000, RM_RNE)).toBe(0x7fffffff);
    expect(sf.flags).toBe(FFLAG_NV);
  });
});

describe("comparisons, min/max, fclass", () => {
  it("feq is quiet, flt/fle signal on any NaN", () => {
    const sf = fresh();
    expect(sf.f64Eq(...NAN64, ...NAN64)).toBe(0);
    expect(sf.flags).toBe(0);
    expect(sf.f64Eq(...SNAN64, ...dblWords(1))).toBe(0);
    expect(sf.flags).toBe(FFLAG_NV);
    const s2 = fresh();
    expect(s2.f64Lt(...NAN64, ...dblWords(1))).toBe(0);
    expect(s2.flags).toBe(FFLAG_NV);
    const s3 = fresh();
    expect(s3.f32Le(0x7fc00000, 0)).toBe(0);
    expect(s3.flags).toBe(FFLAG_NV);
    expect(s3.f64Eq(...dblWords(0), ...dblWords(-0))).toBe(1);
    expect(s3.f64Lt(...dblWords(-0), ...dblWords(0))).toBe(0);
  });

  it("fmin/fmax: -0 < +0, NaN operands ignored, sNaN signals", () => {
    const sf = fresh();
    sf.f64Min(...dblWords(0), ...dblWords(-0));
    expect(Object.is(val(sf), -0)).toBe(true);
    sf.f64Max(...dblWords(-0), ...dblWords(0));
    expect(Object.is(val(sf), 0)).toBe(true);
    sf.f64Min(...QNAN64_PAYLOAD, ...dblWords(3));
    expect(val(sf)).toBe(3);
    expect(sf.flags).toBe(0);
    sf.f64Max(...dblWords(3), ...SNAN64);
    expect(val(sf)).toBe(3);
    expect(sf.flags).toBe(FFLAG_NV);
    const s2 = fresh();
    s2.f64Min(...QNAN64_PAYLOAD, ...QNAN64_PAYLOAD);
    expect(res64(s2)).toEqual(NAN64);
    expect(s2.f32Max(QNAN32_PAYLOAD, SNAN32)).toBe(0x7fc00000);
    expect(s2.flags).toBe(FFLAG_NV);
  });

  it("fclass", () => {
    const sf = fresh();
    expect(sf.f64Class(...dblWords(-Infinity))).toBe(1 << 0);
    expect(sf.f64Class(...dblWords(-1))).toBe(1 << 1);
    expect(sf.f64Class(...dblWords(-(2 ** -1070)))).toBe(1 << 2);
    expect(sf.f64Class(...dblWords(-0))).toBe(1 << 3);
    expect(sf.f64Class(...dblWords(0))).toBe(1 << 4);
    expect(sf.f64Class(...MAX_SUB)).toBe(1 << 5);
    expect(sf.f64Class(...MIN_NORMAL)).toBe(1 << 6);
    expect(sf.f64Class(...dblWords(Infinity))).toBe(1 << 7);
    expect(sf.f64Class(...SNAN64)).toBe(1 << 8);
    expect(sf.f64Class(...NAN64)).toBe(1 << 9);
    expect(sf.f32Class(SNAN32)).toBe(1 << 8);
    expect(sf.f32Class(0x00000001)).toBe(1 << 5);
  });
});

describe("flags accrue", () => {
  it("operations only OR bits into flags", () => {
    const sf = fresh();
    sf.flags = FFLAG_DZ;
    sf.f64Div(...dblWords(1), ...dblWords(3), RM_RNE);
    expect(sf.flags).toBe(FFLAG_DZ | FFLAG_NX);
    sf.f64Add(...dblWords(1), ...dblWords(2), RM_RNE);
    expect(sf.flags).toBe(FFLAG_DZ | FFLAG_NX);
  });
});
