import { describe, expect, it } from "vitest";
import { runAgainstOracle, type OracleRun } from "./oracle-harness.ts";
import { OPS, type OpDef } from "./ops.ts";

// binary64 ops (and conversions producing or consuming binary64) vs the host
// FPU, compiled from tools/fpu-oracle/oracle.c with the host gcc.  Fails (does
// not skip) if gcc is missing.
const ARITH = /^f(add|sub|mul|div|sqrt|n?m(add|sub))\./;
const ops = OPS.filter((op) => op.oracle !== 0 && (op.width === 64 || op.name === "fcvt.d.s" || /^fcvt\.d\./.test(op.name)));
const count = (op: OpDef): number => (ARITH.test(op.name) ? 100_000 : 30_000);

describe("binary64 ops match the host FPU (RNE/RTZ/RDN/RUP)", () => {
  let runs: OracleRun[] | undefined;
  const get = (): OracleRun[] => (runs ??= runAgainstOracle(ops, count, 0x0dac1e64));
  for (const op of ops) {
    it(op.name, { timeout: 120_000 }, () => {
      const run = get().find((r) => r.op === op.name)!;
      expect(run.failures).toEqual([]);
      expect(run.cases).toBe(count(op));
    });
  }
});
