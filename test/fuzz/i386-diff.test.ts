// Differential test: tciemu (in-process runElf) vs trixie's qemu-i386 -cpu qemu32,-sse3 on seeded
// random i386 slots (integer, x87, MMX, SSE, SSE2, prefixes, faults): registers, EFLAGS, the fxsave
// image, the signal each slot raised and the memory it addressed must match byte for byte. See
// tools/fuzz/i386-diff.ts (`npm run fuzz:i386`); reproduce a failure with the command printed in the
// report. TCIEMU_FUZZ_COUNT / TCIEMU_FUZZ_SEED override the defaults.
import { expect, it } from "vitest";
import { fuzzI386 } from "../../tools/fuzz/i386-diff.ts";

const count = Number(process.env["TCIEMU_FUZZ_COUNT"] ?? 15_000);
const seed = Number(process.env["TCIEMU_FUZZ_SEED"] ?? 1);

it(`tciemu matches qemu-i386 on ${count} random i386 instructions (seed ${seed})`, async () => {
  const s = await fuzzI386({ count, seed, slots: 1000, maxMismatches: 3, jobs: 2, quiet: true, log: () => {} });
  console.log(s.summaryLine);
  expect(s.mismatches, s.reports.join("\n\n")).toBe(0);
  expect(s.instructions).toBeGreaterThanOrEqual(count);
}, 600_000);
