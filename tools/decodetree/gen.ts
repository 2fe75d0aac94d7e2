/**
 * Generates the decoders from spec/*.decode:
 *
 *   src/target/riscv/decode-generated.ts  <- spec/riscv/insn32.decode, insn16.decode
 *   src/target/arm/decode-a32.ts          <- spec/arm/a32.decode, a32-uncond.decode
 *   src/target/arm/decode-vfp.ts          <- spec/arm/vfp.decode
 *   src/target/arm/decode-t32.ts          <- spec/arm/t32.decode
 *   src/target/arm/decode-t16.ts          <- spec/arm/t16.decode (16-bit)
 *
 *   npx tsx tools/decodetree/gen.ts          # write the files
 *   npx tsx tools/decodetree/gen.ts --check  # exit 1 if a file is stale
 *
 * The ARM decoders are grouped as QEMU's target/arm/tcg/meson.build runs
 * decodetree.py (one decoder per .decode file, disas_a32, disas_a32_uncond,
 * disas_vfp, disas_t32, disas_t16); QEMU's vfp-uncond decoder has no
 * pattern cortex-a15 accepts and is absent.  Argument sets are shared: the
 * T32/T16 modules import the types a32 declares.
 *
 * Output is run through prettier (with the project's configuration) so
 * that `prettier --write .` leaves the committed files unchanged.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import type { ArgSetDef, DecodeFile } from "./ast.ts";
import { emitDecoderModule } from "./emit-ts.ts";
import { parseDecodeFile, parseDecoder } from "./parse.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const rel = (p: string) => relative(ROOT, p);

export const RISCV_OUTPUT = join(ROOT, "src/target/riscv/decode-generated.ts");
const INSN32 = join(ROOT, "spec/riscv/insn32.decode");
const INSN16 = join(ROOT, "spec/riscv/insn16.decode");

async function format(path: string, source: string): Promise<string> {
  const config = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(source, { ...config, filepath: path });
}

/** Returns the source text that belongs in src/target/riscv/decode-generated.ts. */
export async function generateRiscvDecoder(): Promise<string> {
  const argsets = new Map<string, ArgSetDef>();
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
  return format(RISCV_OUTPUT, source);
}

const ARM_SPEC = join(ROOT, "spec/arm");
const ARM_SRC = join(ROOT, "src/target/arm");

/** One generated ARM module: its decoders (each from one .decode file) and handler interface. */
interface ArmModule {
  output: string;
  handlerName: string;
  decoders: { file: string; functionName: string; width: 16 | 32 }[];
}

/** In dependency order: later modules use argument sets the earlier ones declare. */
export const ARM_MODULES: ArmModule[] = [
  {
    output: join(ARM_SRC, "decode-a32.ts"),
    handlerName: "A32DecodeHandler",
    decoders: [
      { file: "a32.decode", functionName: "disasA32", width: 32 },
      { file: "a32-uncond.decode", functionName: "disasA32Uncond", width: 32 },
    ],
  },
  {
    output: join(ARM_SRC, "decode-vfp.ts"),
    handlerName: "VfpDecodeHandler",
    decoders: [{ file: "vfp.decode", functionName: "disasVfp", width: 32 }],
  },
  {
    output: join(ARM_SRC, "decode-t32.ts"),
    handlerName: "T32DecodeHandler",
    decoders: [{ file: "t32.decode", functionName: "disasT32", width: 32 }],
  },
  {
    output: join(ARM_SRC, "decode-t16.ts"),
    handlerName: "T16DecodeHandler",
    decoders: [{ file: "t16.decode", functionName: "disasT16", width: 16 }],
  },
];

/** Returns output path -> source text for every generated ARM module. */
export async function generateArmDecoders(): Promise<Map<string, string>> {
  const argsets = new Map<string, ArgSetDef>();
  const moduleOfFile = new Map<string, string>();
  const parsed: { mod: ArmModule; files: DecodeFile[] }[] = [];
  for (const mod of ARM_MODULES) {
    const files = mod.decoders.map((d) => {
      const path = join(ARM_SPEC, d.file);
      moduleOfFile.set(rel(path), mod.output);
      return parseDecoder([{ path: rel(path), text: readFileSync(path, "utf8") }], d.width, argsets);
    });
    parsed.push({ mod, files });
  }
  const out = new Map<string, string>();
  for (const { mod, files } of parsed) {
    const names = mod.decoders.map((d) => `spec/arm/${d.file}`).join(" and ");
    const source = emitDecoderModule({
      decoders: files.map((file, i) => ({ file, functionName: mod.decoders[i]!.functionName })),
      argsets,
      handlerName: mod.handlerName,
      functionsModule: "./decode-functions.ts",
      functionContext: true,
      handlerExtends: "ArmDecodeContext",
      argSetModule: (a) => {
        const owner = moduleOfFile.get(a.file);
        return owner && owner !== mod.output ? `./${basename(owner)}` : undefined;
      },
      header: [
        "GENERATED FILE - DO NOT EDIT.",
        `Generated from ${names} by \`npx tsx tools/decodetree/gen.ts\`.`,
        "test/arm/decode-generated-fresh.test.ts fails when this file is stale.",
      ],
    });
    out.set(mod.output, await format(mod.output, source));
  }
  return out;
}

async function main(): Promise<void> {
  const all = new Map<string, string>([[RISCV_OUTPUT, await generateRiscvDecoder()], ...(await generateArmDecoders())]);
  const check = process.argv.includes("--check");
  let stale = false;
  for (const [path, text] of all) {
    if (check) {
      let current = "";
      try {
        current = readFileSync(path, "utf8");
      } catch {
        // A missing file is stale too.
      }
      if (current !== text) {
        console.error(`${rel(path)} is stale; run npx tsx tools/decodetree/gen.ts`);
        stale = true;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${rel(path)}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
