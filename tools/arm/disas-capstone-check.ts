/**
 * Development check of src/target/arm/disas.ts against capstone 5 itself
 * (Debian trixie's libcapstone5, the library QEMU 10 disassembles with),
 * over many instruction words: every pattern of spec/arm with random
 * operands, plus uniformly random words.  The tests compare with qemu-arm;
 * this tool covers far more words per second while developing.
 *
 *   bash tools/arm/fetch-capstone.sh            # once: capstone into the cache
 *   npx tsx tools/arm/disas-capstone-check.ts [--mode arm|thumb] [--words N] [--seed S] [--show K] [--only PATTERN]
 *
 * Prints, per decoder pattern, the words that differ (first K of each).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DecodeNode, PatternDef } from "../decodetree/ast.ts";
import { type ArgSetRegistry, parseDecoder } from "../decodetree/parse.ts";
import { disasA32, disasA32Uncond } from "../../src/target/arm/decode-a32.ts";
import { disasT16 } from "../../src/target/arm/decode-t16.ts";
import { disasT32 } from "../../src/target/arm/decode-t32.ts";
import { disasVfp } from "../../src/target/arm/decode-vfp.ts";
import { disasArmBlock } from "../../src/target/arm/disas.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const PC = 0x10000;

function capstoneRoot(): string {
  const cache = process.env["TCIEMU_CACHE"] || join(process.env["HOME"] ?? "", ".cache", "tciemu");
  const root = join(cache, "capstone5", "root");
  if (!existsSync(join(root, "usr/include/capstone/capstone.h")))
    throw new Error(`capstone 5 not found in ${root}: run bash tools/arm/fetch-capstone.sh`);
  return root;
}

function buildOracle(): string {
  const root = capstoneRoot();
  const lib = join(root, "usr/lib/x86_64-linux-gnu");
  const dir = "/tmp/tciemu-capstone-oracle";
  mkdirSync(dir, { recursive: true });
  const exe = join(dir, "oracle");
  execFileSync("gcc", [
    "-O2",
    `-I${join(root, "usr/include")}`,
    join(ROOT, "tools/arm/capstone-oracle.c"),
    "-o",
    exe,
    join(lib, "libcapstone.so.5"),
    `-Wl,-rpath,${lib}`,
  ]);
  return exe;
}

function patterns(n: DecodeNode, out: PatternDef[] = []): PatternDef[] {
  if (n.kind === "group") for (const m of n.members) patterns(m, out);
  else out.push(n);
  return out;
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** The name of the first pattern the decoders try for a word (what QEMU would translate). */
function patternOf(w: number, thumb: boolean): string {
  let name = "-";
  const h = new Proxy(
    {},
    {
      get(_t, k) {
        if (k === "condexecMask") return 0;
        if (typeof k === "string" && k.startsWith("trans_"))
          return () => {
            if (name === "-") name = k.slice(6);
            return true;
          };
        return undefined;
      },
    },
  );
  // QEMU's decoder order: A32/T32 first, then VFP (T32: only with 1110 on top).
  if (!thumb) {
    if (w >>> 28 === 15) disasA32Uncond(h as never, w);
    else if (!disasA32(h as never, w)) disasVfp(h as never, w);
    return name;
  }
  if (w >>> 16 >= 0xe800) {
    if (!disasT32(h as never, w) && w >>> 28 === 14) disasVfp(h as never, w);
  } else disasT16(h as never, w & 0xffff);
  return name;
}

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (k: string, def: string) => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1]! : def;
  };
  const mode = opt("--mode", "arm");
  const thumb = mode === "thumb";
  const total = Number(opt("--words", "200000"));
  const seed = Number(opt("--seed", "1"));
  const show = Number(opt("--show", "3"));
  const only = opt("--only", "");
  const oracle = buildOracle();

  const reg: ArgSetRegistry = new Map();
  const parse = (f: string, w: 16 | 32) =>
    patterns(parseDecoder([{ path: f, text: readFileSync(join(ROOT, "spec/arm", f), "utf8") }], w, reg).root);
  const a32 = parse("a32.decode", 32);
  const uncond = parse("a32-uncond.decode", 32);
  const vfp = parse("vfp.decode", 32);
  const t32 = parse("t32.decode", 32);
  const t16 = parse("t16.decode", 16);
  const pats: { p: PatternDef; wide: boolean }[] = thumb
    ? [...t32, ...vfp].map((p) => ({ p, wide: true })).concat(t16.map((p) => ({ p, wide: false })))
    : [...a32, ...uncond, ...vfp].map((p) => ({ p, wide: true }));

  const next = rng(seed);
  const words = new Uint32Array(total);
  for (let i = 0; i < total; i++) {
    let w: number;
    const k = next() % 4;
    if (k === 0) {
      w = next();
      if (thumb && next() % 2) w &= 0xffff;
    } else {
      const { p, wide } = pats[next() % pats.length]!;
      w = ((next() & ~p.fixedmask) | p.fixedbits) >>> 0;
      if (!wide) w &= 0xffff;
      else if (thumb && pats.length && vfp.includes(p)) w = ((w & 0x0fffffff) | 0xe0000000) >>> 0; // T32 VFP has 1110 on top
      if (!thumb && vfp.includes(p) && w >>> 28 === 15) w = ((w & 0x0fffffff) | 0xe0000000) >>> 0;
      if (!thumb && a32.includes(p) && w >>> 28 === 15) w = ((w & 0x0fffffff) | 0xe0000000) >>> 0;
      if (k === 3) w = (w ^ (1 << (next() % (wide ? 32 : 16)))) >>> 0;
    }
    words[i] = w >>> 0;
  }
  const out = execFileSync(oracle, [mode], { input: Buffer.from(words.buffer), maxBuffer: 1 << 30 })
    .toString("utf8")
    .split("\n");

  const stats = new Map<string, { n: number; bad: number; examples: string[] }>();
  let bad = 0;
  for (let i = 0; i < total; i++) {
    const w = words[i]!;
    const [size, mn, ops] = out[i]!.split("\t");
    const theirs = `${mn} ${ops}`.trimEnd();
    let bytes: number[];
    if (!thumb) bytes = [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24];
    else if (w >>> 16 >= 0xe800) bytes = [(w >>> 16) & 0xff, w >>> 24, w & 0xff, (w >>> 8) & 0xff];
    else bytes = [w & 0xff, (w >>> 8) & 0xff];
    const lines = disasArmBlock((a) => bytes[a - PC] ?? 0, PC, bytes.length, thumb);
    const first = lines[0]!;
    const mine = `${first.mnemonic} ${first.operands}`.trimEnd();
    const mySize = first.units.length * (thumb ? 2 : 4);
    const name = patternOf(w, thumb);
    if (only && name !== only) continue;
    let st = stats.get(name);
    if (!st) stats.set(name, (st = { n: 0, bad: 0, examples: [] }));
    st.n++;
    if (mine !== theirs || String(mySize) !== size) {
      st.bad++;
      bad++;
      if (st.examples.length < show) st.examples.push(`  ${w.toString(16).padStart(8, "0")}  ours: ${mine}  |  capstone: ${theirs}`);
    }
  }
  const names = [...stats.keys()].sort((x, y) => stats.get(y)!.bad - stats.get(x)!.bad);
  for (const n of names) {
    const st = stats.get(n)!;
    if (!st.bad) continue;
    console.log(`${n}: ${st.bad}/${st.n}`);
    for (const e of st.examples) console.log(e);
  }
  console.log(
    `mode ${mode}, seed ${seed}: ${total} words, ${bad} differ, ${[...stats.values()].filter((s) => s.bad === 0).length}/${stats.size} patterns clean`,
  );
  process.exit(bad === 0 ? 0 : 1);
}

main();
