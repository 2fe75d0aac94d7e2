// The fuzz program generator: determinism, layout, coverage, and (when a
// qemu-riscv64 is available) that every generated program runs cleanly under
// the oracle.

import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildProgram, coverageKeys, generateProgram, LAYOUT, RECORD_SIZE } from "../../tools/fuzz/generate.ts";
import { defaultQemu } from "../../tools/fuzz/oracle.ts";
import { runFuzz } from "../../tools/fuzz/riscv-diff.ts";

describe("fuzz generator", () => {
  it("is deterministic per seed and program index", () => {
    const a = generateProgram(7, 3000);
    const b = generateProgram(7, 3000);
    const c = generateProgram(8, 3000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    expect(Buffer.from(buildProgram(7, 1, 3000).elf).equals(Buffer.from(a))).toBe(false);
  });

  it("describes its output layout", () => {
    const p = buildProgram(1, 0, 2000, { zicond: true });
    expect(p.insnCount).toBeGreaterThanOrEqual(2000);
    expect(p.records).toBe(p.blocks.length + 1);
    expect(p.expectedStdoutLength).toBe(p.records * RECORD_SIZE + LAYOUT.MEM_DUMP_SIZE);
    for (const b of p.blocks) expect(b.end).toBeGreaterThan(b.start);
    const m = buildProgram(1, 0, 2000, {
      zicond: true,
      memDumpEveryBlock: true,
    });
    expect(m.blocks.map((b) => b.lines.length)).toEqual(p.blocks.map((b) => b.lines.length));
  });

  it("generates every instruction kind", () => {
    const keys = coverageKeys({ zicond: true });
    const seen = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      for (const [k, v] of buildProgram(5, i, 4000, { zicond: true }).coverage) seen.set(k, (seen.get(k) ?? 0) + v);
    }
    expect(keys.filter((k) => !seen.has(k))).toEqual([]);
  });

  it("programs run cleanly under qemu-riscv64 (oracle only, 100k instructions)", async () => {
    expect(existsSync(defaultQemu()), "qemu-riscv64 missing: run 'bash tools/debian/fetch.sh qemu'").toBe(true);
    const s = await runFuzz({
      oracleOnly: true,
      count: 100_000,
      seed: 11,
      quiet: true,
      log: () => {},
    });
    console.log(s.summaryLine);
    expect(s.reports).toEqual([]);
    expect(s.mismatches).toBe(0);
    expect(s.instructions).toBeGreaterThanOrEqual(100_000);
  }, 120_000);
});
