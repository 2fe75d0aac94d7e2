/**
 * src/target/riscv/decode-generated.ts is committed; this fails when it no
 * longer matches what tools/decodetree/gen.ts makes from spec/riscv/*.decode.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { generateRiscvDecoder, RISCV_OUTPUT } from "../../tools/decodetree/gen.ts";

test("decode-generated.ts is up to date with spec/riscv/*.decode", async () => {
  const expected = await generateRiscvDecoder();
  const committed = readFileSync(RISCV_OUTPUT, "utf8");
  // Compare as a boolean: a 2000-line diff would drown the instruction.
  expect(committed === expected, "stale: run `npx tsx tools/decodetree/gen.ts`").toBe(true);
});
