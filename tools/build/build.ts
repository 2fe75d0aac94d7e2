// npm run build (and npm ci / npm pack, through the "prepare" script): compiles tciemu into dist/,
// the JavaScript the package ships and the CLIs run (tsx stays a development tool):
//
//   dist/lib/index.js            the embedding API (src/embed), ESM, no Node import in its graph
//   dist/lib/<bin>.cjs           one per CLI in package.json's "bin" (tools/build/bins.ts), with #!: one
//                                CommonJS file each (see CLI_FORMAT below)
//   dist/lib/chunk-*.js          parts of index.js's graph (esbuild code splitting)
//   dist/lib/*.mjs               files the CLIs load by `new URL("./x.mjs", import.meta.url)` (the gdb socket worker)
//   dist/types/**/*.d.ts         declarations (tsc, tsconfig.types.json): embed/index.d.ts, web/protocol.d.ts
//   dist/web/                    the strict-CSP page and its module worker (tools/web/build.ts)
//   dist/extension/              the page as an unpacked Chrome MV3 extension (tools/build/extension.ts)
//
// Why esbuild bundles instead of tsc's file-per-module output: a CLI start then parses one file
// instead of ~150 modules, and esbuild inlines `const enum` members as literals across files, which
// the interpreter's switch needs for a jump table (spec/tci/README.md).
// The build checks that inlining happened (checkConstEnumSwitches) and that the output generates no
// code at run time (tools/web/scan.ts), and fails otherwise.
//
//   npx tsx tools/build/build.ts [--only lib,types,web,extension]
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { BIN_EXT, binFile, checkBins, LIB_DIR, listBins, readPackageJson } from "./bins.ts";
import { buildExtension } from "./extension.ts";
import { buildWeb } from "../web/build.ts";
import { scanDir } from "../web/scan.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** dist/lib/.built: touched (with the build's start time) when dist/lib is complete; tools/bin/cli compares src/ against it. */
export const STAMP_NAME = ".built";

/** The switch functions whose `case Bc.x` labels must come out as numbers. */
const CONST_ENUM_SWITCHES = [
  { source: "src/tci/interpreter.ts", fn: "tciExec" },
  { source: "src/tci/interp-rare.ts", fn: "execRareOp" },
];

/** dist/lib (into `dist`, default the checkout's dist/). */
export async function buildLib(root = ROOT, dist = join(root, "dist")): Promise<string[]> {
  const problems = checkBins(root);
  if (problems.length) throw new Error(`package.json "bin" is out of step with src/cli:\n  ${problems.join("\n  ")}`);
  const outdir = join(dist, "lib");
  rmSync(outdir, { recursive: true, force: true });
  const bins = listBins(root);
  const r = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { index: "src/embed/index.ts" },
    bundle: true,
    splitting: true,
    format: "esm",
    // "node" only decides how node:* imports resolve (external); the embedding API's graph has none.
    platform: "node",
    // The library also runs in browsers, Deno and Bun: no Node-version-specific syntax lowering.
    target: "es2022",
    outdir,
    // Flat output: a `new URL("./x", import.meta.url)` means the same folder whichever chunk it lands in.
    chunkNames: "chunk-[hash]",
    metafile: true,
    logLevel: "warning",
    legalComments: "none",
  });
  const outputs = Object.keys(r.metafile.outputs).map((f) => resolve(root, f));
  const cli = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(bins.map((b) => [b.name, b.source])),
    outdir,
    ...CLI_FORMAT,
  });
  outputs.push(...Object.keys(cli.metafile.outputs).map((f) => resolve(root, f)));
  for (const b of bins) {
    const file = join(outdir, binFile(b.name));
    writeFileSync(file, `#!/usr/bin/env node\n${readFileSync(file, "utf8")}`);
    chmodSync(file, 0o755);
  }
  outputs.push(...copyUrlAssets(root, outdir, outputs));
  outputs.push(await buildScript(outdir));
  checkConstEnumSwitches(root, outputs);
  const scan = scanDir(outdir);
  if (scan.findings.length)
    throw new Error(
      `run-time code generation in ${LIB_DIR}:\n  ${scan.findings.map((f) => `${f.file}: ${f.what}: ${f.context}`).join("\n  ")}`,
    );
  return outputs;
}

/**
 * The CLIs are CommonJS, one self-contained file each (`.cjs`: the package is "type": "module").
 * Node starts a CommonJS main script without its ES module loader, which an ES module main first
 * has to set up (compiling its internal modules) and then feed the entry's graph through (resolve,
 * read, link, evaluate, a file at a time): an entry that imports only node:fs and friends started
 * ~8 ms later as an ES module than as CommonJS, out of `node -e 0`'s ~100 (2026-12-07), and the
 * user-mode CLIs' start-up is what issue 17.2 counts in multiples of `node -e 0`.
 * `import.meta.url` (a CLI's own URL, for files beside it and createRequire) becomes the file's URL.
 */
export const CLI_FORMAT: esbuild.BuildOptions & { metafile: true } = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "es2022",
  outExtension: { ".js": BIN_EXT },
  define: { "import.meta.url": "__tciemu_module_url" },
  banner: { js: `const __tciemu_module_url = require("node:url").pathToFileURL(__filename).href;` },
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
};

/** File name of the script form of the API (package export "tciemu/script"). */
export const SCRIPT_NAME = "tciemu.script.js";

/** ECMAScript's global constructors and functions (plus the two text codecs every host shares). */
const STANDARD_GLOBALS = [
  "AggregateError",
  "Array",
  "ArrayBuffer",
  "BigInt",
  "BigInt64Array",
  "BigUint64Array",
  "Boolean",
  "DataView",
  "Date",
  "Error",
  "EvalError",
  "Float32Array",
  "Float64Array",
  "Int16Array",
  "Int32Array",
  "Int8Array",
  "JSON",
  "Map",
  "Math",
  "Number",
  "Object",
  "Promise",
  "Proxy",
  "RangeError",
  "ReferenceError",
  "Reflect",
  "RegExp",
  "Set",
  "String",
  "Symbol",
  "SyntaxError",
  "TypeError",
  "URIError",
  "Uint16Array",
  "Uint32Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "WeakMap",
  "WeakSet",
  "isFinite",
  "isNaN",
  "parseFloat",
  "parseInt",
  "TextDecoder",
  "TextEncoder",
];

/**
 * dist/lib/tciemu.script.js: the embedding API (dist/lib/index.js and its chunks) as one classic
 * script whose completion value is the module namespace, for hosts that evaluate scripts rather
 * than load modules: `new Compartment({ globals }).evaluate(source)` under SES. It is esbuild's IIFE
 * without the `var tciemu =` in front, so evaluating it declares nothing and yields the exports.
 *
 * It starts by binding the standard globals it uses to constants (`const { Math, Int32Array, ... }
 * = globalThis`): a compartment evaluates code inside `with` scopes over its global object, where
 * every free reference to a global, `Math.imul` in the interpreter loop included, is a dynamic
 * lookup that V8 cannot optimize (the demo ran 1.5-1.8x slower than the same code as a module).
 */
async function buildScript(outdir: string): Promise<string> {
  const r = await esbuild.build({
    entryPoints: [join(outdir, "index.js")],
    bundle: true,
    format: "iife",
    globalName: "tciemu",
    target: "es2022",
    write: false,
    logLevel: "warning",
    legalComments: "none",
  });
  const text = r.outputFiles[0].text;
  const prefix = /^(?:"use strict";\n)?var tciemu = /.exec(text);
  if (!prefix) throw new Error(`${SCRIPT_NAME}: esbuild's IIFE no longer starts with 'var tciemu = '`);
  const body = text.slice(prefix[0].length);
  const used = STANDARD_GLOBALS.filter((name) => new RegExp(`(?<![.\\w$])${name}(?![\\w$])`).test(body));
  const file = join(outdir, SCRIPT_NAME);
  writeFileSync(
    file,
    [
      `"use strict";`,
      `// tciemu ${readPackageJson(ROOT).version}: the embedding API as one script; its completion value is the module namespace.`,
      `// The standard globals it uses, bound once (in an SES compartment a free global is a with-scope lookup).`,
      `const { ${used.join(", ")} } = globalThis;`,
      body,
    ].join("\n"),
  );
  return file;
}

/**
 * Copies the files that bundled code opens relative to itself (`new URL("./name", import.meta.url)`),
 * found by name under src/ (each must exist exactly once there).
 */
function copyUrlAssets(root: string, outdir: string, outputs: string[]): string[] {
  const names = new Set<string>();
  for (const f of outputs)
    if (/\.c?js$/.test(f))
      for (const m of readFileSync(f, "utf8").matchAll(/new URL\(\s*"\.\/([\w.-]+)"\s*,\s*(?:import\.meta\.url|__tciemu_module_url)\s*\)/g))
        names.add(m[1]);
  const copied: string[] = [];
  for (const name of names) {
    const found = findFiles(join(root, "src"), name);
    if (found.length !== 1)
      throw new Error(`${LIB_DIR}: code opens ./${name} relative to itself; expected one src/**/${name}, found ${found.length}`);
    copyFileSync(found[0], join(outdir, name));
    copied.push(join(outdir, name));
  }
  return copied;
}

function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(p, name));
    else if (e.name === name) out.push(p);
  }
  return out;
}

/** The text of top-level `function name(` in bundled output (up to the next top-level statement). */
export function functionText(src: string, name: string): string | null {
  const start = src.search(new RegExp(`^(export )?function ${name}\\(`, "m"));
  if (start < 0) return null;
  const bodyStart = src.indexOf("\n", start) + 1;
  const end = src.slice(bodyStart).search(/^\S/m);
  // the closing brace is the first line back at column 0; include it
  return end < 0 ? src.slice(start) : src.slice(start, bodyStart + end + 1);
}

/**
 * The interpreter's switches must have literal case labels (V8 builds a jump table only for those):
 * as many numeric labels in the output as `case Bc.` labels in the source, and no symbolic one.
 */
export function checkConstEnumSwitches(root: string, outputs: string[]): { fn: string; cases: number }[] {
  const texts = outputs.filter((f) => /\.c?js$/.test(f)).map((f) => readFileSync(f, "utf8"));
  return CONST_ENUM_SWITCHES.map(({ source, fn }) => {
    const want = (readFileSync(join(root, source), "utf8").match(/\bcase Bc\.\w+:/g) ?? []).length;
    const body = texts.map((t) => functionText(t, fn)).find((t) => t !== null);
    if (!body) throw new Error(`const-enum check: function ${fn} not found in ${LIB_DIR}`);
    const numeric = (body.match(/\bcase -?\d+\b/g) ?? []).length;
    const symbolic = body.match(/\bcase [A-Za-z_$][\w$]*\.[\w$]+/g) ?? [];
    if (want === 0 || numeric < want || symbolic.length)
      throw new Error(
        `const-enum check: ${fn} has ${numeric} numeric case labels (source ${source}: ${want} \`case Bc.\`), symbolic: ${symbolic.slice(0, 3).join(", ")}`,
      );
    return { fn, cases: numeric };
  });
}

/** dist/types: tsc declarations for the embedding API and the worker protocol, with .js import specifiers. */
export function buildTypes(root = ROOT, dist = join(root, "dist")): string[] {
  const outdir = join(dist, "types");
  rmSync(outdir, { recursive: true, force: true });
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.types.json"), "--outDir", outdir], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.types.json failed:\n${r.stdout}${r.stderr}`);
  // The sources import each other as "./x.ts" (allowImportingTsExtensions); declarations must name
  // "./x.js", which every TypeScript resolution mode maps to x.d.ts.
  const files = listFiles(outdir).filter((f) => f.endsWith(".d.ts"));
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    const out = src.replace(/((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.ts(["'])/g, "$1$2.js$3");
    if (out !== src) writeFileSync(f, out);
  }
  return files;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

export const ALL_PARTS = ["lib", "types", "web", "extension"];

export async function build(
  root = ROOT,
  only = ALL_PARTS,
  dist = join(root, "dist"),
  log: (s: string) => void = (s) => void process.stdout.write(`build: ${s}\n`),
): Promise<void> {
  const started = new Date();
  let t = performance.now();
  const step = (what: string) => {
    const now = performance.now();
    log(`${what} (${Math.round(now - t)} ms)`);
    t = now;
  };
  mkdirSync(dist, { recursive: true });
  if (only.includes("lib")) {
    const files = await buildLib(root, dist);
    const size = files.reduce((n, f) => n + statSync(f).size, 0);
    step(
      `${LIB_DIR}: ${files.length} files, ${(size / 1024).toFixed(0)} KiB (${listBins(root)
        .map((b) => b.name)
        .join(", ")}, index.js)`,
    );
  }
  if (only.includes("types")) step(`dist/types: ${buildTypes(root, dist).length} declaration files`);
  if (only.includes("web")) step(`dist/web: ${(await buildWeb(join(dist, "web"))).files.length} files`);
  if (only.includes("extension")) step(`dist/extension: ${(await buildExtension(join(dist, "extension"))).files.length} files`);
  if (only.includes("lib")) {
    const stamp = join(dist, "lib", STAMP_NAME);
    writeFileSync(stamp, "");
    // The build's start time: a source saved while it ran is newer, so tools/bin/cli falls back to tsx.
    utimesSync(stamp, started, started);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--only");
  const only = i >= 0 ? process.argv[i + 1].split(",") : undefined;
  await build(ROOT, only).catch((e: unknown) => {
    process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
