/**
 * src/target/arm/decode-*.ts are committed; this fails when they no longer
 * match what tools/decodetree/gen.ts makes from spec/arm/*.decode.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { generateArmDecoders } from "../../tools/decodetree/gen.ts";

test("src/target/arm/decode-*.ts are up to date with spec/arm/*.decode", async () => {
  for (const [path, expected] of await generateArmDecoders()) {
    const committed = readFileSync(path, "utf8");
    // Compare as a boolean: a long diff would drown the instruction.
    expect(committed === expected, `${path} is stale: run \`npx tsx tools/decodetree/gen.ts\``).toBe(true);
  }
}, 120_000); // prettier over ~6000 generated lines
