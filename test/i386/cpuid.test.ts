/**
 * The CPUID answers of the i386 CPU models (src/target/i386/cpu-model.ts) against qemu-i386 itself:
 * testdata/i386/cpuid-dump.c prints every leaf of the basic, hypervisor, extended and Centaur ranges
 * (with subleaves 0-5) under `qemu-i386 -cpu <model>`, and each line must be what the model returns.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { QEMU32_NO_SSE3, QEMU32_NO_SSE3_CLFLUSH } from "../../src/target/i386/cpu-model.ts";
import { repoRoot } from "../../tools/debian/paths.ts";
import { CC, requireCrossTools, requireQemuI386 } from "./qemu-inasm.ts";

const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

describe("i386 CPUID vs qemu-i386", () => {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-cpuid-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let elf = "";

  for (const model of [QEMU32_NO_SSE3, QEMU32_NO_SSE3_CLFLUSH]) {
    test(`-cpu ${model.qemuCpu}`, () => {
      const qemu = requireQemuI386();
      requireCrossTools();
      if (!elf) {
        elf = join(dir, "cpuid-dump.elf");
        execFileSync(CC, ["-O2", "-static", "-o", elf, join(repoRoot(), "testdata", "i386", "cpuid-dump.c")]);
      }
      const r = spawnSync(qemu, ["-cpu", model.qemuCpu, elf], { encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(0);
      const lines = r.stdout.trim().split("\n");
      expect(lines.length).toBeGreaterThan(800);
      const diffs: string[] = [];
      for (const line of lines) {
        const [leaf, sub] = line
          .split(":")[0]!
          .split(" ")
          .map((s) => parseInt(s, 16));
        const ours = `${hex8(leaf!)} ${sub!.toString(16)}: ${model.cpuid(leaf!, sub!).map(hex8).join(" ")}`;
        if (ours !== line) diffs.push(`QEMU ${line}\nours ${ours}`);
      }
      expect(diffs).toEqual([]);
    }, 120_000);
  }
});
