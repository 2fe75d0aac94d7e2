/**
 * Differential check of our decodetree tool against QEMU's
 * scripts/decodetree.py.  For each decoder of a set, QEMU's script turns
 * QEMU's .decode files into C (in a temporary directory; nothing is
 * committed), a small generated C harness calls that decoder with stub
 * trans_* functions that log the pattern name and its argument values, and
 * the same words go through the TypeScript decoder our tool generates (from
 * the same QEMU files, or from our spec/arm files).  Every trans_* call, its
 * arguments and the decoder's result must agree on every word.
 *
 *   npx tsx tools/decodetree/crosscheck.ts [--set qemu-arm|spec-arm] [--words N] [--seed S]
 *   npx tsx tools/decodetree/crosscheck.ts --set files --file target/hppa/insns.decode --file ...[:16]
 *
 * qemu-arm: our tool on QEMU's own A32/T32/T16/VFP files (checks the tool).
 * spec-arm: our spec/arm/*.decode against QEMU's files (checks our patterns).
 *   With --real-functions both sides use the real transforms (QEMU's C
 *   functions copied out of translate.c/.h into the harness; our
 *   src/target/arm/decode-functions.ts) and the TS side is the committed
 *   src/target/arm/decode-*.ts.
 *   QEMU patterns that spec/arm leaves out (features the cortex-a15 model
 *   lacks: M-profile, MVE, v8.x) get stubs that decline (return false), as
 *   QEMU's trans_* functions do for that CPU; the list is printed.
 *
 * `!function=` transforms are replaced on both sides by the same mixing
 * function of their name and input, so the check sees which transform gets
 * which value.  Words: a third uniformly random, the rest built from a
 * random pattern's fixed bits (some with one bit flipped), so every pattern
 * is exercised.  Needs python3, gcc and QEMU's source (tools/qemu-tci/build.sh).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DecodeNode, PatternDef } from "./ast.ts";
import { emitDecoderModule } from "./emit-ts.ts";
import { qemuTciDir } from "../qemu-tci/paths.ts";
import { type ArgSetRegistry, parseDecoder } from "./parse.ts";

const ROOT = resolve(import.meta.dirname, "../..");

interface DecoderConfig {
  name: string;
  width: 16 | 32;
  qemuFiles: string[];
  ourFiles: string[];
}

/** QEMU's unpacked Debian source (tools/qemu-tci/build.sh puts it in the cache as src-<version>). */
function qemuSourceDir(): string {
  const base = qemuTciDir();
  let dirs: string[] = [];
  try {
    dirs = readdirSync(base).filter((d) => d.startsWith("src-"));
  } catch {
    // reported below
  }
  if (dirs.length === 0) throw new Error(`QEMU source not found under ${base}/src-*: run bash tools/qemu-tci/build.sh`);
  return join(base, dirs.sort().at(-1)!);
}

/** The ARM decoders in QEMU's order of declaration (later ones use earlier ones' argument sets). */
export function armDecoders(ours: "qemu" | "spec"): DecoderConfig[] {
  const q = join(qemuSourceDir(), "target/arm/tcg");
  // spec/arm has no file for a decoder whose every pattern cortex-a15 lacks (vfp-uncond).
  const mine = (f: string) => (ours === "qemu" ? [join(q, f)] : [join(ROOT, "spec/arm", f)].filter((p) => existsSync(p)));
  const one = (name: string, width: 16 | 32): DecoderConfig => ({
    name,
    width,
    qemuFiles: [join(q, `${name}.decode`)],
    ourFiles: mine(`${name}.decode`),
  });
  return [one("a32", 32), one("a32-uncond", 32), one("vfp", 32), one("vfp-uncond", 32), one("t32", 32), one("t16", 16)];
}

/** xorshift128+ reduced to 32-bit outputs; deterministic for a seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  let b = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 2;
  let c = 0x243f6a88;
  let d = 0xb7e15162;
  return () => {
    let t = b << 9;
    let r = Math.imul(a, 5);
    r = (((r << 7) | (r >>> 25)) * 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    t = 0;
    return r >>> 0;
  };
}

function patterns(n: DecodeNode, out: PatternDef[] = []): PatternDef[] {
  if (n.kind === "group") for (const m of n.members) patterns(m, out);
  else out.push(n);
  return out;
}

/** A constant per transform name, the same in C and TS. */
function funcSalt(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h | 0;
}

interface CStruct {
  fields: string[];
}

/** Parses the argument structs and trans_* declarations out of decodetree.py's C. */
function parseQemuC(c: string): { structs: Map<string, CStruct>; trans: Map<string, string>; funcs: Set<string> } {
  const structs = new Map<string, CStruct>();
  for (const m of c.matchAll(/typedef struct \{\n([^}]*)\} (arg_[A-Za-z0-9_]+);/g)) {
    const fields = [...m[1]!.matchAll(/^\s+\S+ ([A-Za-z0-9_]+);$/gm)].map((x) => x[1]!);
    structs.set(m[2]!, { fields });
  }
  const alias = new Map<string, string>();
  for (const m of c.matchAll(/typedef (arg_[A-Za-z0-9_]+) (arg_[A-Za-z0-9_]+);/g)) alias.set(m[2]!, m[1]!);
  const trans = new Map<string, string>();
  for (const m of c.matchAll(/bool trans_([A-Za-z0-9_]+)\(DisasContext \*ctx, (arg_[A-Za-z0-9_]+) \*a\);/g)) {
    trans.set(m[1]!, alias.get(m[2]!) ?? m[2]!);
  }
  const funcs = new Set<string>();
  for (const m of c.matchAll(/= ([A-Za-z_][A-Za-z0-9_]*)\(ctx[,)]/g)) funcs.add(m[1]!);
  for (const m of c.matchAll(/[^A-Za-z0-9_]([A-Za-z_][A-Za-z0-9_]*)\(ctx, /g))
    if (!m[1]!.startsWith("trans_") && !m[1]!.startsWith("decode_")) funcs.add(m[1]!);
  return { structs, trans, funcs };
}

/** Argument structs of the decoders generated so far, for the next ones' `!extern` sets. */
const knownStructs = new Map<string, string>();

/** QEMU's own body of transform `f` (translate.c / translate.h), for --real-functions. */
function qemuFunctionSource(f: string): string {
  for (const file of ["target/arm/tcg/translate.c", "target/arm/tcg/translate.h"]) {
    const text = readFileSync(join(qemuSourceDir(), file), "utf8");
    const m = new RegExp(`^static (?:inline )?int ${f}\\(DisasContext \\*s(?:, int x)?\\)\\n\\{\\n[\\s\\S]*?^\\}$`, "m").exec(text);
    if (m) return m[0];
  }
  throw new Error(`QEMU function ${f} not found`);
}

let realFunctions = false;

/** The committed src/target/arm decoder for a QEMU decoder name (one that always fails for vfp-uncond). */
async function committedDecoder(name: string): Promise<(h: unknown, insn: number) => boolean> {
  const where: Record<string, [string, string]> = {
    a32: ["decode-a32.ts", "disasA32"],
    "a32-uncond": ["decode-a32.ts", "disasA32Uncond"],
    vfp: ["decode-vfp.ts", "disasVfp"],
    t32: ["decode-t32.ts", "disasT32"],
    t16: ["decode-t16.ts", "disasT16"],
  };
  const w = where[name];
  if (!w) return () => false;
  const m = (await import(pathToFileURL(join(ROOT, "src/target/arm", w[0])).href)) as Record<string, (h: unknown, insn: number) => boolean>;
  return m[w[1]]!;
}

function buildCHarness(dir: string, d: DecoderConfig, ourNames: Set<string>, declined: string[]): string {
  const py = join(qemuSourceDir(), "scripts/decodetree.py");
  const inc = join(dir, `${d.name}.c.inc`);
  const args = [py, `--static-decode=decode_${d.name.replace(/-/g, "_")}`, "-o", inc];
  if (d.width === 16) args.push("-w", "16");
  execFileSync("python3", [...args, ...d.qemuFiles], { stdio: ["ignore", "inherit", "inherit"] });
  const c = readFileSync(inc, "utf8");
  const { structs, trans, funcs } = parseQemuC(c);
  const externs: string[] = [];
  for (const m of c.matchAll(/typedef struct \{\n[^}]*\} (arg_[A-Za-z0-9_]+);/g))
    if (!knownStructs.has(m[1]!)) knownStructs.set(m[1]!, m[0]);
  for (const [, struct] of trans) {
    if (structs.has(struct)) continue;
    const def = knownStructs.get(struct);
    if (!def) throw new Error(`no struct ${struct} in ${d.name} or an earlier decoder`);
    structs.set(struct, parseQemuC(def).structs.get(struct)!);
    if (!externs.includes(def)) externs.push(def);
  }
  const insnType = d.width === 16 ? "uint16_t" : "uint32_t";
  const out: string[] = [
    "#include <stdint.h>",
    "#include <stdbool.h>",
    "#include <stdio.h>",
    "typedef struct DisasContext { int condexec_mask; } DisasContext;",
    "typedef int MemOp;",
    "static inline uint32_t extract32(uint32_t v, int s, int l) { return (v >> s) & (~0U >> (32 - l)); }",
    "static inline int32_t sextract32(uint32_t v, int s, int l) { return ((int32_t)(v << (32 - l - s))) >> (32 - l); }",
    "static inline uint32_t deposit32(uint32_t v, int s, int l, uint32_t f) {",
    "  uint32_t m = (~0U >> (32 - l)) << s; return (v & ~m) | ((f << s) & m); }",
    "static char line[1 << 16]; static int pos; static uint32_t cur_insn;",
  ];
  for (const f of funcs) {
    if (realFunctions) {
      out.push(qemuFunctionSource(f));
      continue;
    }
    const salt = funcSalt(f);
    const isParam = new RegExp(`[^A-Za-z0-9_]${f}\\(ctx\\)`).test(c);
    out.push(
      isParam
        ? `static int ${f}(DisasContext *ctx) { return ${salt}; }`
        : `static int ${f}(DisasContext *ctx, int x) { return (int)((uint32_t)x * 3u + (uint32_t)(${salt})); }`,
    );
  }
  out.push(...externs, `#include "${inc}"`);
  for (const [name, struct] of trans) {
    const s = structs.get(struct);
    if (!s) throw new Error(`no struct ${struct} for trans_${name}`);
    if (!ourNames.has(name)) {
      declined.push(name);
      out.push(`static bool trans_${name}(DisasContext *ctx, ${struct} *a) { return false; }`);
      continue;
    }
    const sorted = [...s.fields].sort();
    const fmt = sorted.map((f) => `${f}=%d`).join(",");
    const vals = sorted.map((f) => `, a->${f}`).join("");
    const hash = sorted.map((f) => `  x = (x ^ (uint32_t)a->${f}) * 0x01000193u;`);
    out.push(
      `static bool trans_${name}(DisasContext *ctx, ${struct} *a) {`,
      `  uint32_t x = (${funcSalt(name) >>> 0}u ^ cur_insn) * 0x01000193u;`,
      ...hash,
      `  pos += sprintf(line + pos, "${name}(${fmt})%s "${vals}, (x >> 30) == 0 ? "!" : "");`,
      `  return (x >> 30) != 0;`,
      `}`,
    );
  }
  out.push(
    "int main(void) {",
    "  static uint32_t buf[65536]; size_t n; DisasContext ctx = {0};",
    "  while ((n = fread(buf, 4, 65536, stdin)) > 0) {",
    "    for (size_t i = 0; i < n; i++) {",
    "      pos = 0; cur_insn = buf[i];",
    `      bool ok = decode_${d.name.replace(/-/g, "_")}(&ctx, (${insnType})buf[i]);`,
    '      printf("%s=%d\\n", line, ok); line[0] = 0;',
    "    }",
    "  }",
    "  return 0;",
    "}",
  );
  const src = join(dir, `${d.name}-harness.c`);
  writeFileSync(src, out.join("\n") + "\n");
  const exe = join(dir, `${d.name}-harness`);
  execFileSync("gcc", ["-O1", "-w", "-o", exe, src], { stdio: "inherit" });
  return exe;
}

export interface CrosscheckOptions {
  set: "qemu-arm" | "spec-arm" | "files";
  /** Words per decoder (16-bit decoders get every word instead). */
  words: number;
  seed: number;
  /** QEMU's transforms in C and src/target/arm/decode-functions.ts (with the committed modules) instead of mixing stubs. */
  realFunctions?: boolean;
  /** For set "files": QEMU-source-relative paths, `:16` for 16-bit decoders. */
  files?: string[];
  log?: (line: string) => void;
}

/** Runs the check; returns the number of words on which the decoders disagree. */
export async function crosscheck(o: CrosscheckOptions): Promise<number> {
  const { set, words: total, seed } = o;
  const log = o.log ?? ((l: string) => console.log(l));
  realFunctions = !!o.realFunctions;
  let decoders: DecoderConfig[];
  if (set === "files") {
    // Each file (relative to QEMU's source) is one decoder, in order.
    decoders = (o.files ?? []).map((a) => {
      const [path, w] = a.split(":");
      const full = resolve(qemuSourceDir(), path!);
      const name = path!.replace(/\.decode$/, "").replace(/[^A-Za-z0-9]+/g, "_");
      return { name, width: w === "16" ? 16 : 32, qemuFiles: [full], ourFiles: [full] } as DecoderConfig;
    });
  } else {
    decoders = armDecoders(set === "qemu-arm" ? "qemu" : "spec");
  }
  const dir = join("/tmp", `tciemu-decodetree-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });

  // Our side: every decoder of the set into one module, transforms replaced by the mixing stub.
  const registry: ArgSetRegistry = new Map();
  const parsed = decoders.map((d) =>
    parseDecoder(
      d.ourFiles.map((p) => ({ path: p, text: readFileSync(p, "utf8") })),
      d.width,
      registry,
    ),
  );
  const qemuRegistry: ArgSetRegistry = new Map();
  const qemuParsed = decoders.map((d) =>
    parseDecoder(
      d.qemuFiles.map((p) => ({ path: p, text: readFileSync(p, "utf8") })),
      d.width,
      qemuRegistry,
    ),
  );
  const source = emitDecoderModule({
    decoders: parsed.map((file, i) => ({ file, functionName: `decode_${decoders[i]!.name.replace(/-/g, "_")}` })),
    argsets: registry,
    handlerName: "Handler",
    functionsModule: "./stub-functions.ts",
    functionContext: true,
    header: ["crosscheck module (temporary)"],
  });
  writeFileSync(join(dir, "decoders.ts"), source);
  const funcs = new Set<string>();
  for (const m of source.matchAll(/^import \{ ([^}]*) \} from "\.\/stub-functions\.ts";/gm))
    for (const f of m[1]!.split(", ")) funcs.add(f);
  writeFileSync(
    join(dir, "stub-functions.ts"),
    realFunctions
      ? `export * from ${JSON.stringify(join(ROOT, "src/target/arm/decode-functions.ts"))};\n`
      : [...funcs]
          .map((f) => {
            const salt = funcSalt(f);
            return `export function ${f}(_h: unknown, x?: number): number { return x === undefined ? ${salt} : (Math.imul(x, 3) + ${salt}) | 0; }`;
          })
          .join("\n") + "\n",
  );
  const mod = (await import(pathToFileURL(join(dir, "decoders.ts")).href)) as Record<string, (h: unknown, insn: number) => boolean>;

  let line = "";
  let curInsn = 0;
  const cache = new Map<string, (a: Record<string, number>) => boolean>();
  const handler = new Proxy(
    {},
    {
      get(_t, key) {
        if (key === "condexecMask") return 0; // outside an IT block, as the C harness's context
        if (typeof key !== "string" || !key.startsWith("trans_")) return undefined;
        let f = cache.get(key);
        if (!f) {
          const name = key.slice(6);
          const salt = funcSalt(name);
          f = (a) => {
            const keys = Object.keys(a).sort();
            // Decline a quarter of the calls (same rule as the C stubs) to reach later group members.
            let x = Math.imul(salt ^ curInsn, 0x01000193);
            for (const k of keys) x = Math.imul(x ^ a[k]!, 0x01000193);
            const decline = x >>> 30 === 0;
            line += `${name}(${keys.map((k) => `${k}=${a[k]! | 0}`).join(",")})${decline ? "!" : ""} `;
            return !decline;
          };
          cache.set(key, f);
        }
        return f;
      },
    },
  );

  let mismatches = 0;
  const next = rng(seed);
  for (let di = 0; di < decoders.length; di++) {
    const d = decoders[di]!;
    const ourNames = new Set(patterns(parsed[di]!.root).map((p) => p.name));
    const declined: string[] = [];
    const exe = buildCHarness(dir, d, ourNames, declined);
    const pats = [...patterns(parsed[di]!.root), ...patterns(qemuParsed[di]!.root)];
    let decode = mod[`decode_${d.name.replace(/-/g, "_")}`]!;
    if (set === "spec-arm" && realFunctions) decode = await committedDecoder(d.name);
    const wmask = d.width === 16 ? 0xffff : 0xffffffff;
    const perDecoder = d.width === 16 ? Math.min(total, 1 << 16) : total;
    let bad = 0;
    const counts = new Map<string, number>();
    for (let done = 0; done < perDecoder;) {
      const n = Math.min(1 << 20, perDecoder - done);
      const words = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        let w: number;
        if (d.width === 16 && perDecoder === 1 << 16)
          w = done + i; // every 16-bit word
        else {
          const r = next() % 3;
          w = next();
          if (r !== 0) {
            const p = pats[next() % pats.length]!;
            w = ((w & ~p.fixedmask) | p.fixedbits) >>> 0;
            if (r === 2) w = (w ^ (1 << (next() % d.width))) >>> 0;
          }
        }
        words[i] = (w & wmask) >>> 0;
      }
      const cOut = execFileSync(exe, { input: Buffer.from(words.buffer), maxBuffer: 1 << 30 })
        .toString("utf8")
        .split("\n");
      for (let i = 0; i < n; i++) {
        line = "";
        curInsn = words[i]! | 0;
        const ok = decode(handler, words[i]!);
        const mine = `${line}=${ok ? 1 : 0}`;
        const theirs = cOut[i]!;
        for (const m of mine.matchAll(/(\w+)\(/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
        if (mine !== theirs) {
          if (bad < 10) log(`${d.name} ${words[i]!.toString(16).padStart(d.width / 4, "0")}:\n  ours: ${mine}\n  qemu: ${theirs}`);
          bad++;
        }
      }
      done += n;
    }
    const unmatched = [...ourNames].filter((p) => !counts.has(p));
    log(
      `${d.name}: ${perDecoder} words, ${bad} mismatches, ${counts.size} of ${ourNames.size} patterns called` +
        (unmatched.length ? `, never called: ${unmatched.join(" ")}` : "") +
        (declined.length ? `\n  QEMU patterns not in ours (stubs decline): ${declined.join(" ")}` : ""),
    );
    mismatches += bad;
  }
  log(`set ${set}, seed ${seed}: ${mismatches} mismatches`);
  rmSync(dir, { recursive: true, force: true });
  return mismatches;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (k: string, def: string) => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1]! : def;
  };
  const set = opt("--set", "spec-arm");
  if (set !== "qemu-arm" && set !== "spec-arm" && set !== "files") throw new Error(`unknown --set ${set}`);
  const mismatches = await crosscheck({
    set,
    words: Number(opt("--words", "1000000")),
    seed: Number(opt("--seed", "1")),
    realFunctions: argv.includes("--real-functions"),
    files: argv.flatMap((a, i) => (argv[i - 1] === "--file" ? [a] : [])),
  });
  process.exit(mismatches === 0 ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
