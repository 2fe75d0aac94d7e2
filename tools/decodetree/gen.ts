/**
 * Generates src/target/riscv/decode-generated.ts from spec/riscv/insn32.decode
 * and spec/riscv/insn16.decode.
 *
 *   npx tsx tools/decodetree/gen.ts          # write the file
 *   npx tsx tools/decodetree/gen.ts --check  # exit 1 if the file is stale
 *
 * The output is run through prettier (with the project's configuration) so
 * that `prettier --write .` leaves the committed file unchanged.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import type { ArgSetDef } from "./ast.ts";
import { emitDecoderModule } from "./emit-ts.ts";
import { parseDecodeFile } from "./parse.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const RISCV_OUTPUT = join(ROOT, "src/target/riscv/decode-generated.ts");
const INSN32 = join(ROOT, "spec/riscv/insn32.decode");
const INSN16 = join(ROOT, "spec/riscv/insn16.decode");

/** Returns the source text that belongs in src/target/riscv/decode-generated.ts. */
export async function generateRiscvDecoder(): Promise<string> {
  const argsets = new Map<string, ArgSetDef>();
  const rel = (p: string) => relative(ROOT, p);
  // insn32 first: insn16 refers to its argument sets with !extern.
  const insn32 = parseDecodeFile(readFileSync(INSN32, "utf8"), rel(INSN32), 32, argsets);
  const insn16 = parseDecodeFile(readFileSync(INSN16, "utf8"), rel(INSN16), 16, argsets);
  const source = emitDecoderModule({
    decoders: [
      { file: insn32, functionName: "decodeInsn32" },
      { file: insn16, functionName: "decodeInsn16" },
    ],
    argsets,
    handlerName: "RiscvDecodeHandler",
    functionsModule: "./decode-functions.ts",
    header: [
      "GENERATED FILE - DO NOT EDIT.",
      `Generated from ${rel(INSN32)} and ${rel(INSN16)} by \`npx tsx tools/decodetree/gen.ts\`.`,
      "test/riscv/decode-generated-fresh.test.ts fails when this file is stale.",
    ],
  });
  const config = (await prettier.resolveConfig(RISCV_OUTPUT)) ?? {};
  return prettier.format(source, { ...config, filepath: RISCV_OUTPUT });
}

async function main(): Promise<void> {
  const text = await generateRiscvDecoder();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(RISCV_OUTPUT, "utf8");
    } catch {
      // A missing file is stale too.
    }
    if (current !== text) {
      console.error(`${relative(ROOT, RISCV_OUTPUT)} is stale; run npx tsx tools/decodetree/gen.ts`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(RISCV_OUTPUT, text);
  console.log(`wrote ${relative(ROOT, RISCV_OUTPUT)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
