import { describe, expect, it } from "vitest";
import { runAgainstRef } from "./harness.ts";
import { opByName } from "./ops.ts";

// binary64 arithmetic vs the BigInt rational reference model: all edge-value
// combinations plus seeded random operands, in all five rounding modes.
const CASES: ReadonlyArray<[string, number]> = [
  ["fadd.d", 3000],
  ["fsub.d", 2000],
  ["fmul.d", 3000],
  ["fdiv.d", 3000],
  ["fsqrt.d", 3000],
  ["fmadd.d", 2000],
  ["fmsub.d", 800],
  ["fnmsub.d", 800],
  ["fnmadd.d", 800],
];

describe("binary64 arithmetic matches the reference model", () => {
  CASES.forEach(([name, perMode], i) => {
    it(name, { timeout: 60_000 }, () => {
      const r = runAgainstRef(opByName(name), perMode, 0x64000 + i);
      expect(r.failures).toEqual([]);
      expect(r.cases).toBeGreaterThan(5 * perMode);
    });
  });
});
