import { describe, expect, it } from "vitest";
import { SoftFloat } from "../../../src/target/riscv/fpu/index.ts";
import { dblWords, fltBits } from "./gen.ts";
import { opByName } from "./ops.ts";

// Hand-picked operands at the edges of the fast paths (intermediate overflow
// in the error-free transformations, double rounding, fast/slow path
// boundaries), checked against the reference model in all five modes.
const MAX = Number.MAX_VALUE;
type Case = [string, number[]]; // op, operand doubles (binary32 ops: float values)

const CASES: Case[] = [
  ["fadd.d", [-1.5 * 2 ** 970, MAX]], // TwoSum intermediate overflows
  ["fadd.d", [MAX, 2 ** 970]], // exact tie at the overflow threshold
  ["fadd.d", [MAX, 2 ** 970 - 2 ** 917]],
  ["fadd.d", [-MAX, -(2 ** 970)]],
  ["fadd.d", [MAX, -MAX]],
  ["fadd.d", [2 ** -1022, -(2 ** -1074)]],
  ["fsub.d", [2 ** -1021, 2 ** -1022 + 2 ** -1074]],
  ["fmul.d", [MAX, 1 + 2 ** -52]],
  ["fmul.d", [2 ** -537, 2 ** -537]],
  ["fmul.d", [2 ** 996, 2 ** -996 * 1.5]],
  ["fmul.d", [2 ** -1074, 2 ** 1000]],
  ["fmul.d", [3 * 2 ** -1074, 0.5]], // subnormal tie
  ["fmul.d", [2 ** -968 * (1 + 2 ** -52), 1 - 2 ** -53]],
  ["fdiv.d", [2 ** -1022, 1 + 2 ** -52]],
  ["fdiv.d", [1, MAX]],
  ["fdiv.d", [MAX, 0.5]],
  ["fdiv.d", [2 ** -968, 2 ** 995]],
  ["fdiv.d", [2 ** 1020, 2 ** -5]],
  ["fdiv.d", [3 * 2 ** -1074, 2]], // subnormal quotient tie
  ["fsqrt.d", [2 ** -968]],
  ["fsqrt.d", [2 ** -1073]],
  ["fsqrt.d", [MAX]],
  ["fmadd.d", [MAX, 2, -MAX]], // product overflows, sum does not
  ["fmadd.d", [2 ** -600, 2 ** -600, 2 ** -1074]], // product far below a subnormal addend
  ["fmadd.d", [2 ** -600, -(2 ** -600), 2 ** -1074]],
  ["fmadd.d", [1 + 2 ** -52, 1 - 2 ** -53, -1]],
  ["fmadd.d", [1 + 2 ** -30, 1 - 2 ** -30, 2 ** 53]], // 2^53 + 1 - 2^-60: near-tie
  ["fmadd.d", [1, 1, 2 ** 53]], // exact tie
  ["fmadd.d", [2 ** 995, 2 ** 25, -(2 ** 1020)]],
  ["fmadd.d", [2 ** 500, 2 ** 520, -MAX]],
  ["fnmadd.d", [0, 5, 0]],
  ["fmsub.d", [2 ** -1000, 2 ** -22, 2 ** -1022]],
  ["fmadd.s", [1 + 2 ** -23, 1.5, 2 ** -149]], // binary32 double rounding
  ["fmadd.s", [1 + 2 ** -23, 1.5, -(2 ** -149)]],
  ["fmadd.s", [2 ** 127, 2, -(2 ** 127)]],
  ["fadd.s", [3.4028234663852886e38, 2 ** 103]],
  ["fmul.s", [2 ** -75, 2 ** -75]],
  ["fmul.s", [1.5 * 2 ** -140, 2 ** -10]], // subnormal tie
  ["fdiv.s", [2 ** -126, 3]],
  ["fsqrt.s", [2 ** -149]],
];

const INT_CASES: Array<[string, bigint]> = [
  ["fcvt.s.l", 0x5c05393fffffffffn], // binary32 double rounding via the double sum
  ["fcvt.s.lu", 0xefaf39f000000002n],
  ["fcvt.s.l", -(2n ** 63n)],
  ["fcvt.d.l", 2n ** 53n + 1n],
  ["fcvt.d.lu", 2n ** 64n - 1n],
  ["fcvt.d.lu", 2n ** 63n + 2n ** 10n],
];

describe("boundary regressions match the reference model", () => {
  for (const [name, vals] of CASES) {
    it(`${name}(${vals.join(", ")})`, () => {
      const op = opByName(name);
      const w = new Int32Array(6);
      vals.forEach((v, i) => {
        if (op.width === 64) [w[2 * i], w[2 * i + 1]] = dblWords(v);
        else w[2 * i] = fltBits(v);
      });
      const res = new Int32Array(2);
      for (let rm = 0; rm < 5; rm++) {
        const want = op.ref(w, rm);
        const sf = new SoftFloat();
        op.impl(sf, w, rm, res);
        const got = (BigInt(res[1]! >>> 0) << 32n) | BigInt(res[0]! >>> 0);
        expect({ rm, bits: got.toString(16), flags: sf.flags }).toEqual({
          rm,
          bits: want.bits.toString(16),
          flags: want.flags,
        });
      }
    });
  }
  for (const [name, v] of INT_CASES) {
    it(`${name}(${v})`, () => {
      const op = opByName(name);
      const u = BigInt.asUintN(64, v);
      const w = Int32Array.of(Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0, 0, 0, 0, 0);
      const res = new Int32Array(2);
      for (let rm = 0; rm < 5; rm++) {
        const want = op.ref(w, rm);
        const sf = new SoftFloat();
        op.impl(sf, w, rm, res);
        const got = (BigInt(res[1]! >>> 0) << 32n) | BigInt(res[0]! >>> 0);
        expect({ rm, bits: got.toString(16), flags: sf.flags }).toEqual({
          rm,
          bits: want.bits.toString(16),
          flags: want.flags,
        });
      }
    });
  }
});
