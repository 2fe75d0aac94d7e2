// Differential test: tciemu (in-process runElf) vs qemu-riscv64 on seeded
// random RV64GC + Zba/Zbb/Zbs (+ Zicond when the oracle has it) programs.
// See tools/fuzz/riscv-diff.ts; reproduce a failure with the command printed
// in the report. TCIEMU_FUZZ_COUNT / TCIEMU_FUZZ_SEED override the defaults;
// TCIEMU_FUZZ_MODULE points at another module exporting runElf.

import { expect, it } from "vitest";
import { runFuzz } from "../../tools/fuzz/riscv-diff.ts";

const count = Number(process.env["TCIEMU_FUZZ_COUNT"] ?? 200_000);
const seed = Number(process.env["TCIEMU_FUZZ_SEED"] ?? 1);
const tciemuModule = process.env["TCIEMU_FUZZ_MODULE"];

it(`tciemu matches qemu-riscv64 on ${count} random instructions (seed ${seed})`, async () => {
  const s = await runFuzz({
    count,
    seed,
    perProgram: 4000,
    maxMismatches: 3,
    quiet: true,
    log: () => {},
    ...(tciemuModule ? { tciemuModule } : {}),
  });
  console.log(s.summaryLine);
  expect(s.mismatches, s.reports.join("\n\n")).toBe(0);
  expect(s.instructions).toBeGreaterThanOrEqual(count);
}, 300_000);
