import { describe, expect, it } from "vitest";
import { runAgainstRef } from "./harness.ts";
import { opByName } from "./ops.ts";

// binary32 arithmetic vs the BigInt rational reference model: all edge-value
// combinations plus seeded random operands, in all five rounding modes.
const CASES: ReadonlyArray<[string, number]> = [
  ["fadd.s", 3000],
  ["fsub.s", 2000],
  ["fmul.s", 3000],
  ["fdiv.s", 3000],
  ["fsqrt.s", 3000],
  ["fmadd.s", 3000],
  ["fmsub.s", 1500],
  ["fnmsub.s", 1500],
  ["fnmadd.s", 1500],
];

describe("binary32 arithmetic matches the reference model", () => {
  CASES.forEach(([name, perMode], i) => {
    it(name, { timeout: 60_000 }, () => {
      const r = runAgainstRef(opByName(name), perMode, 0x32000 + i);
      expect(r.failures).toEqual([]);
      expect(r.cases).toBeGreaterThan(5 * perMode);
    });
  });
});
