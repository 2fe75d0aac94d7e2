// Long comparison of src/fpu/libm-glibc.ts with the real glibc: the machine's
// glibc (tools/libm/oracle.c) and trixie's qemu-i386 (fsin/fcos/fptan/fsincos
// of testdata/i386/libm/x87-trig), each with glibc's own build choice and
// forced to the SSE2 build.  Run it niced; it uses one core.
//
//   nice -n 10 npx tsx tools/libm/compare.ts --count 5000000 --seed 1
//
// Options:
//   --count N     arguments in total (default 1000000), drawn by tools/libm/inputs.ts
//   --seed S      seed (default 1)
//   --chunk C     arguments per oracle run (default 250000)
//   --no-qemu     only the host glibc
//   --no-host     only qemu-i386
//   --no-sse2     only glibc's own build choice
// Exit status 1 if any result differs.

import { glibcLibm } from "../../src/fpu/libm-glibc.ts";
import { buildDifferences, checkHost, checkQemu, Results, type FunctionCheck } from "./check.ts";
import { libmArguments } from "./inputs.ts";
import { hostLibmBuild } from "./oracle.ts";

function option(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return def;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`);
  return v;
}
const flag = (name: string): boolean => process.argv.includes(name);

const count = option("--count", 1_000_000);
const seed = option("--seed", 1);
const chunk = option("--chunk", 250_000);
const build = hostLibmBuild();

const totals = new Map<string, { count: number; mismatches: number; examples: string[] }>();
function add(prefix: string, checks: FunctionCheck[]): void {
  for (const c of checks) {
    const key = `${prefix} ${c.name}`;
    const t = totals.get(key) ?? { count: 0, mismatches: 0, examples: [] };
    t.count += c.count;
    t.mismatches += c.mismatches;
    if (t.examples.length < 8) t.examples.push(...c.examples.slice(0, 8 - t.examples.length));
    totals.set(key, t);
  }
}

const diffs = { sin: 0, cos: 0, tan: 0 };
const started = Date.now();
console.log(`glibc build chosen on this host: ${build}; ${count} arguments, seed ${seed}`);
for (let done = 0, part = 0; done < count; part++) {
  const n = Math.min(chunk, count - done);
  // each chunk is its own seeded stream (seed, part): any chunk can be re-run alone
  const args = libmArguments(n, seed * 65536 + part);
  const own = new Results(args, glibcLibm(build));
  const sse2 = build === "sse2" ? own : new Results(args, glibcLibm("sse2"));
  const fma = build === "fma" ? own : new Results(args, glibcLibm("fma"));
  if (!flag("--no-host")) {
    add(`host ${build}`, checkHost(own, false));
    if (!flag("--no-sse2")) add("host sse2", checkHost(sse2, true));
  }
  if (!flag("--no-qemu")) {
    add(`qemu-i386 ${build}`, checkQemu(own, false));
    if (!flag("--no-sse2")) add("qemu-i386 sse2", checkQemu(sse2, true));
  }
  const d = buildDifferences(fma, sse2);
  diffs.sin += d.sin;
  diffs.cos += d.cos;
  diffs.tan += d.tan;
  done += n;
  process.stderr.write(`\r${done} / ${count} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
process.stderr.write("\n");

let bad = 0;
for (const [key, t] of totals) {
  console.log(`${key.padEnd(28)} ${String(t.count).padStart(10)} compared, ${t.mismatches} mismatches`);
  for (const e of t.examples) console.log(`    ${e}`);
  bad += t.mismatches;
}
console.log(`arguments where glibc's FMA and SSE2 builds differ: sin ${diffs.sin}, cos ${diffs.cos}, tan ${diffs.tan}`);
console.log(bad === 0 ? "OK: 0 mismatches" : `FAIL: ${bad} mismatches`);
process.exit(bad === 0 ? 0 : 1);
