// Differential test: tciemu (in-process runElf with the ARM ABI) vs qemu-arm -cpu
// cortex-a15,neon=off,vfp-d32=off on seeded random A32/T32/T16/VFP programs (IT blocks,
// interworking branches, exclusives, faults). See tools/fuzz/arm-diff.ts; reproduce a failure
// with the command printed in the report. TCIEMU_FUZZ_COUNT / TCIEMU_FUZZ_SEED override the
// defaults.

import { expect, it } from "vitest";
import { runArmFuzz } from "../../tools/fuzz/arm-diff.ts";
import { buildArmProgram, classify, writtenRegs } from "../../tools/fuzz/arm-generate.ts";

const count = Number(process.env["TCIEMU_FUZZ_COUNT"] ?? 60_000);
const seed = Number(process.env["TCIEMU_FUZZ_SEED"] ?? 1);

it("the generator is deterministic and keeps the harness registers", () => {
  const a = buildArmProgram(7, 3, 500);
  const b = buildArmProgram(7, 3, 500);
  expect(a.elf).toEqual(b.elf);
  expect(a.insnCount).toBeGreaterThanOrEqual(500);
  // ldrd r8, r9 writes r9 (the harness base), mov pc / vmov pc, d14[1] write the pc
  expect(writtenRegs(classify(0xe1c980d0, false, false))).toContain(9);
  expect(writtenRegs(classify(0xe1a0f000, false, false))).toContain(15);
  expect(writtenRegs(classify(0xee3efb10, true, false))).toContain(15);
  // vmrs APSR_nzcv, fpscr only sets flags
  expect(writtenRegs(classify(0xeef1fa10, false, false))).not.toContain(15);
});

it(`tciemu matches qemu-arm on ${count} random instructions (seed ${seed})`, async () => {
  const s = await runArmFuzz({ count, seed, perProgram: 4000, maxMismatches: 3, quiet: true, log: () => {} });
  console.log(s.summaryLine);
  expect(s.mismatches, s.reports.join("\n\n")).toBe(0);
  expect(s.instructions).toBeGreaterThanOrEqual(count);
}, 300_000);
