import { describe, expect, it } from "vitest";
import { runAgainstRef } from "./harness.ts";
import { OPS } from "./ops.ts";

// Conversions, comparisons, min/max and fclass vs the reference model.
const ARITH = /^f(add|sub|mul|div|sqrt|n?m(add|sub))\./;

describe("conversions, comparisons, min/max, fclass match the reference model", () => {
  OPS.filter((op) => !ARITH.test(op.name)).forEach((op, i) => {
    it(op.name, { timeout: 60_000 }, () => {
      const perMode = op.rounds ? 3000 : 10000;
      const r = runAgainstRef(op, perMode, 0xc0000 + i);
      expect(r.failures).toEqual([]);
      expect(r.cases).toBeGreaterThanOrEqual(perMode);
    });
  });
});
