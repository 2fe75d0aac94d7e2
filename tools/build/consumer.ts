// A throw-away folder laid out like a project that ran `npm install tciemu`: a package.json, and
// node_modules/tciemu holding this checkout's package.json and a fresh dist/lib (buildLib). Node,
// Bun and Deno (which reads node_modules when a package.json is present) then resolve `"tciemu"`
// and `"tciemu/script"` through the package's exports map, as they would for a user. The host
// recipes of test/hosts/recipes/ and the guest are copied in; `ses` is linked from this checkout.
// Used by test/hosts/ and tools/bench/hosts.ts (the npm-pack round trip is test/package/).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLib, ROOT } from "./build.ts";

export interface Consumer {
  dir: string;
  /** The guest every recipe runs, copied in as demo.elf. */
  elf: string;
  cleanup(): void;
}

export const RECIPES_DIR = join(ROOT, "test/hosts/recipes");

export async function makeConsumer(elf = join(ROOT, "testdata/riscv/demo.elf")): Promise<Consumer> {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-consumer-"));
  const pkg = join(dir, "node_modules/tciemu");
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  await buildLib(ROOT, join(pkg, "dist"));
  symlinkSync(join(ROOT, "node_modules/ses"), join(dir, "node_modules/ses"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "tciemu-consumer", private: true, type: "module" }) + "\n");
  for (const f of readdirSync(RECIPES_DIR)) copyFileSync(join(RECIPES_DIR, f), join(dir, f));
  copyFileSync(elf, join(dir, "demo.elf"));
  return { dir, elf: join(dir, "demo.elf"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The JSON line every recipe prints on stderr. */
export interface RecipeResult {
  reason: string;
  exitCode?: number;
  insns: number;
  /** Milliseconds inside run(). */
  ms: number;
}

export function parseRecipeResult(stderr: string): RecipeResult | null {
  const line = stderr
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  return line ? (JSON.parse(line) as RecipeResult) : null;
}

/** The runtimes from npm (devDependencies deno and bun), as node_modules/.bin links them. */
export function npmBinary(name: "deno" | "bun"): string {
  return join(ROOT, "node_modules/.bin", name);
}
