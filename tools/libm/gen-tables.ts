// Generates src/fpu/libm-glibc-tables.ts: the tables and constants of glibc's
// IBM Accurate Mathematical Library sin/cos/tan (sysdeps/ieee754/dbl-64), taken
// bit for bit from a glibc source tree.
//
//   bash tools/libm/fetch-glibc-source.sh            # -> /tmp/tciemu-glibc/glibc-2.41 (Debian trixie's)
//   npx tsx tools/libm/gen-tables.ts /tmp/tciemu-glibc/glibc-2.41
//   npx prettier --write src/fpu/libm-glibc-tables.ts
//
// Every value is read from the big-endian (BIG_ENDI) word pairs, hex floats or
// decimal literals of the C sources and written as the shortest decimal that
// round-trips to the same double, so the TypeScript module holds exactly
// glibc's doubles.  The files read are listed with their SHA-256 in the output
// header; the sources are identical between glibc 2.36 (bookworm) and 2.41
// (trixie) except for comments (see src/fpu/README.md).

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = process.argv[2];
if (root === undefined) {
  console.error("usage: npx tsx tools/libm/gen-tables.ts GLIBC_SOURCE_DIR [OUT.ts]");
  process.exit(2);
}
const DBL64 = join(root, "sysdeps", "ieee754", "dbl-64");
const OUT = process.argv[3] ?? resolve(fileURLToPath(import.meta.url), "..", "..", "..", "src", "fpu", "libm-glibc-tables.ts");

const files = new Map<string, string>();
function read(name: string): string {
  const text = readFileSync(join(DBL64, name), "utf8");
  files.set(name, createHash("sha256").update(text).digest("hex"));
  return text;
}

const view = new DataView(new ArrayBuffer(8));
function fromWords(hi: number, lo: number): number {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}

/** The text between `#ifdef BIG_ENDI` and the `#else` that ends it. */
function bigEndianBlock(text: string, what: string): string {
  const start = text.indexOf("#ifdef BIG_ENDI");
  const end = text.indexOf("#else", start);
  if (start < 0 || end < 0) throw new Error(`${what}: no BIG_ENDI block`);
  return text.slice(start, end);
}

/** All 0x........ words of a block, paired (high word first) into doubles. */
function wordPairs(block: string, what: string): number[] {
  const words = [...block.matchAll(/0x([0-9a-fA-F]{8})/g)].map((m) => parseInt(m[1]!, 16));
  if (words.length % 2 !== 0) throw new Error(`${what}: odd number of words`);
  const out: number[] = [];
  for (let i = 0; i < words.length; i += 2) out.push(fromWords(words[i]!, words[i + 1]!));
  return out;
}

/** Named `name = {{0xHI, 0xLO}}` constants of a big-endian block. */
function namedPairs(block: string, what: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of block.matchAll(/(\w+)\s*=\s*\{\s*\{\s*0x([0-9a-fA-F]{8})\s*,\s*0x([0-9a-fA-F]{8})\s*\}\s*\}/g)) {
    out.set(m[1]!, fromWords(parseInt(m[2]!, 16), parseInt(m[3]!, 16)));
  }
  if (out.size === 0) throw new Error(`${what}: no constants`);
  return out;
}

/** C hex float literal (-0x1.5555555555555p-3) as a double; exact for normal values. */
function hexFloat(s: string): number {
  const m = /^(-?)0x([0-9a-fA-F])\.([0-9a-fA-F]*)p([+-]?\d+)$/.exec(s);
  if (m === null) throw new Error(`bad hex float ${s}`);
  const frac = m[3]!;
  if (frac.length > 13) throw new Error(`hex float ${s} has more than 52 fraction bits`);
  const mant = parseInt(m[2]! + frac, 16); // < 2^53: exact
  let v = mant;
  let e = parseInt(m[4]!, 10) - 4 * frac.length;
  while (e > 0) ((v *= 2), e--);
  while (e < 0) ((v /= 2), e++);
  return m[1] === "-" ? -v : v;
}

/** `static const double name = <literal>` definitions (hex floats or decimals) of a C file. */
function doubleDefs(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/\b(\w+)\s*=\s*(-?0x[0-9a-fA-F]\.[0-9a-fA-F]*p[+-]?\d+|-?\d+\.\d+(?:[eE][+-]?\d+)?)\s*[,;]/g)) {
    const lit = m[2]!;
    // Decimal literals go through the JS parser, which rounds correctly like gcc does.
    out.set(m[1]!, lit.includes("0x") ? hexFloat(lit) : Number(lit));
  }
  return out;
}

function need(map: Map<string, number>, name: string, what: string): number {
  const v = map.get(name);
  if (v === undefined) throw new Error(`${what}: ${name} not found`);
  return v;
}

function lit(x: number): string {
  if (Object.is(x, -0)) return "-0";
  const s = String(x);
  if (Number(s) !== x) throw new Error(`no round trip for ${s}`);
  return s;
}

function hexOf(x: number): string {
  view.setFloat64(0, x);
  return `0x${view.getUint32(0).toString(16).padStart(8, "0")}_${view.getUint32(4).toString(16).padStart(8, "0")}`;
}

// ---- sources ---------------------------------------------------------------

const sincostab = wordPairs(bigEndianBlock(read("sincostab.c"), "sincostab.c"), "sincostab.c");
if (sincostab.length !== 440) throw new Error(`sincostab.c: ${sincostab.length} doubles, want 440`);

const xfg = wordPairs(bigEndianBlock(read("utan.tbl"), "utan.tbl"), "utan.tbl");
if (xfg.length !== 186 * 4) throw new Error(`utan.tbl: ${xfg.length} doubles, want ${186 * 4}`);

const usncs = doubleDefs(read("usncs.h"));
const ssin = doubleDefs(read("s_sin.c"));
const utan = namedPairs(bigEndianBlock(read("utan.h"), "utan.h"), "utan.h");
const branredText = read("branred.h");
const branred = namedPairs(bigEndianBlock(branredText, "branred.h"), "branred.h");
const toverpMatch = /toverp\[75\]\s*=\s*\{[^}]*\}/.exec(branredText);
if (toverpMatch === null) throw new Error("branred.h: toverp not found");
const toverp = [...toverpMatch[0].slice(toverpMatch[0].indexOf("{")).matchAll(/(\d+)\.0/g)].map((m) => Number(m[1]));
if (toverp.length !== 75) throw new Error(`branred.h: toverp has ${toverp.length} entries`);
// Inputs not written as constants in the C code but needed by the port.
read("s_tan.c");
read("branred.c");
read("dla.h");

// ---- output ----------------------------------------------------------------

interface Const {
  name: string;
  value: number;
  from: string;
}
const consts: Const[] = [];
const add = (name: string, value: number, from: string): void => void consts.push({ name, value, from });
for (const n of ["s1", "s2", "s3", "s4", "s5", "big", "hp0", "hp1", "mp1", "mp2", "pp3", "pp4", "hpinv", "toint"]) {
  add(`SIN_${n.toUpperCase()}`, need(usncs, n, "usncs.h"), `usncs.h ${n}`);
}
for (const n of ["sn3", "sn5", "cs2", "cs4", "cs6"]) add(`SIN_${n.toUpperCase()}`, need(ssin, n, "s_sin.c"), `s_sin.c ${n}`);
for (const n of ["d3", "d5", "d7", "d9", "d11", "e0", "e1", "mfftnhf", "g1", "g2", "g3", "g4", "g5", "gy2"]) {
  add(`TAN_${n.toUpperCase()}`, need(utan, n, "utan.h"), `utan.h ${n}`);
}
for (const n of ["mp1", "mp2", "mp3", "pp3", "pp4", "hpinv", "toint"])
  add(`TAN_${n.toUpperCase()}`, need(utan, n, "utan.h"), `utan.h ${n}`);
for (const n of ["t576", "tm600", "tm24", "big", "big1", "hp0", "hp1", "mp1", "mp2"]) {
  add(`BRANRED_${n.toUpperCase()}`, need(branred, n, "branred.h"), `branred.h ${n}`);
}

function array(name: string, doc: string, values: number[], perLine: number): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine)
    lines.push(
      "  " +
        values
          .slice(i, i + perLine)
          .map(lit)
          .join(", ") +
        ",",
    );
  return `/** ${doc} */\nexport const ${name} = new Float64Array([\n${lines.join("\n")}\n]);\n`;
}

const header = [
  "// GENERATED by tools/libm/gen-tables.ts from glibc's sysdeps/ieee754/dbl-64 sources; do not edit.",
  "// Tables and constants of the IBM Accurate Mathematical Library (glibc's sin, cos, tan),",
  "// Copyright (C) 2001-2025 Free Software Foundation, Inc., LGPL-2.1-or-later.",
  "// Values are glibc's doubles bit for bit (shortest round-trip decimals; the bits are in the comments).",
  "// Source files (SHA-256):",
  ...[...files].map(([n, h]) => `//   ${n} ${h}`),
  "",
].join("\n");

let body = "";
for (const c of consts) body += `/** ${c.from} (${hexOf(c.value)}) */\nexport const ${c.name} = ${lit(c.value)};\n`;
body += "\n";
body += array(
  "SINCOSTAB",
  "sincostab.c __sincostab: for k = 0..109 the four doubles sn, ssn, cs, ccs at 4k (sin and cos of k/128 as high + low parts).",
  sincostab,
  4,
);
body += "\n";
body += array("TAN_XFG", "utan.tbl xfg[186][4]: for i = 0..185 the doubles xi, Fi = tan(xi), Gi = 1/tan(xi), FFi at 4i.", xfg, 4);
body += "\n";
body += array("BRANRED_TOVERP", "branred.h toverp[75]: 2/pi in base 2^24 digits.", toverp, 10);

writeFileSync(OUT, header + "\n" + body);
console.log(`wrote ${OUT}: ${consts.length} constants, ${sincostab.length} + ${xfg.length} + ${toverp.length} table entries`);
