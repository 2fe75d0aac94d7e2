// The user-mode benchmark set (issue 4.7): real Debian riscv64 programs from
// the trixie sysroot (tools/debian/fetch.sh sysroot), each run on inputs that
// are generated deterministically into a temporary directory.
//
// Every workload writes its whole result to stdout, so a run under any
// emulator can be checked against the others (and, where possible, against
// an independent host-side check: a hash computed by Node, a decompression).
//
// Sizes are for scale 1 (TCIEMU_BENCH_SCALE / --scale): about 1.6-2.7 billion
// guest instructions each, i.e. roughly 15-30 s under tciemu at its ~100
// guest MIPS (60 s at 30 MIPS); QEMU TCI takes a similar time, QEMU's JIT one
// to three seconds. Every size is linear in the scale (sqlite's index builds
// are n log n, close enough). Instruction counts are reproducible to a few
// thousand, except lua, whose string-hash seed comes from time and ASLR
// (table layout varies, ~0.1%); the output does not.

import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** How one workload is run: a program inside the sysroot with host paths as arguments. */
export interface Invocation {
  /** Program path relative to the sysroot, e.g. "usr/bin/lua5.4". */
  program: string;
  args: string[];
  /** Host file fed to the guest's stdin (else /dev/null). */
  stdin?: string;
  /** Human-readable size of the input, for the log. */
  inputNote: string;
  /**
   * Independent check of the guest's stdout (not relying on any emulator):
   * returns undefined when the output is right, else what is wrong. Absent
   * when there is no cheap host-side check; cross-emulator comparison still applies.
   */
  check?: (stdout: Buffer) => string | undefined;
}

export interface Workload {
  name: string;
  description: string;
  /** Writes the inputs into `dir` (an empty private directory) and says how to run. */
  prepare(dir: string, scale: number): Invocation;
}

// ---------------------------------------------------------------------------
// Deterministic inputs
// ---------------------------------------------------------------------------

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** `n` pseudo-random bytes (incompressible). */
export function randomBytes(n: number, seed: number): Buffer {
  const next = prng(seed);
  const b = Buffer.allocUnsafe(n);
  let i = 0;
  for (; i + 4 <= n; i += 4) b.writeUInt32LE(next(), i);
  for (; i < n; i++) b[i] = next() & 0xff;
  return b;
}

const ONSETS = [
  "",
  "b",
  "c",
  "d",
  "f",
  "g",
  "h",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "t",
  "v",
  "w",
  "br",
  "ch",
  "cl",
  "st",
  "th",
  "tr",
  "sh",
  "pl",
];
const VOWELS = ["a", "e", "i", "o", "u", "ea", "ou", "io", "ai", "ee"];
const CODAS = ["", "", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "rt", "ck", "m"];

/**
 * `n` bytes of English-like text: a fixed vocabulary of pseudo-words with a
 * Zipf distribution, sentences with commas and full stops, lines wrapped at
 * 72 columns and blank lines between paragraphs. gzip -6 shrinks it to about
 * a third, like real prose.
 */
export function englishText(n: number, seed: number): Buffer {
  const next = prng(seed);
  const rnd = (k: number) => next() % k;
  const vocab: string[] = [];
  const seen = new Set<string>();
  const common = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "it",
    "that",
    "was",
    "for",
    "on",
    "with",
    "as",
    "be",
    "at",
    "by",
    "this",
    "from",
    "or",
  ];
  for (const w of common) {
    vocab.push(w);
    seen.add(w);
  }
  while (vocab.length < 6000) {
    const syl = 1 + rnd(3) + (rnd(4) === 0 ? 1 : 0);
    let w = "";
    for (let s = 0; s < syl; s++)
      w += ONSETS[rnd(ONSETS.length)] + VOWELS[rnd(VOWELS.length)] + (s === syl - 1 ? CODAS[rnd(CODAS.length)] : "");
    if (w.length < 2 || seen.has(w)) continue;
    seen.add(w);
    vocab.push(w);
  }
  // Zipf(s = 1.05) cumulative weights over ranks
  const cum = new Float64Array(vocab.length);
  let total = 0;
  for (let r = 0; r < vocab.length; r++) {
    total += 1 / Math.pow(r + 1, 1.05);
    cum[r] = total;
  }
  const word = () => {
    const x = (next() / 4294967296) * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo];
  };
  const out = Buffer.allocUnsafe(n + 256);
  let len = 0;
  let col = 0;
  let sentences = 0;
  const put = (s: string) => {
    len += out.write(s, len, "latin1");
  };
  while (len < n) {
    const words = 4 + rnd(18);
    for (let i = 0; i < words; i++) {
      let w = word();
      if (i === 0) w = w[0].toUpperCase() + w.slice(1);
      if (i === words - 1) w += rnd(10) === 0 ? "?" : ".";
      else if (rnd(9) === 0) w += ",";
      if (col > 0 && col + 1 + w.length > 72) {
        put("\n");
        col = 0;
      } else if (col > 0) {
        put(" ");
        col++;
      }
      put(w);
      col += w.length;
    }
    if (++sentences % (3 + rnd(6)) === 0) {
      put("\n\n");
      col = 0;
      sentences = 0;
    }
  }
  return out.subarray(0, n);
}

const MB = 1 << 20;

function sizeFor(base: number, scale: number): number {
  return Math.max(4096, Math.round(base * scale));
}

function countFor(base: number, scale: number): number {
  return Math.max(1, Math.round(base * scale));
}

function sizeNote(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

/** A check that the guest printed exactly `want`. */
function exactly(want: string): (out: Buffer) => string | undefined {
  return (out) => (out.toString("latin1") === want ? undefined : `expected '${want.trim()}'`);
}

/**
 * A `<hash>sum FILE` run over pseudo-random data, checked against the host's digest: `program` and
 * the arguments before the file name, e.g. busybox's applet name.
 */
function hashSum(dir: string, bytes: number, seed: number, algo: "sha256" | "md5", program: string, pre: string[]): Invocation {
  const data = randomBytes(bytes, seed);
  const file = join(dir, "random.bin");
  writeFileSync(file, data);
  return {
    program,
    args: [...pre, file],
    inputNote: sizeNote(data.length),
    check: exactly(`${createHash(algo).update(data).digest("hex")}  ${file}\n`),
  };
}

/** Decompresses with a host tool (xz, bzip2) when it is installed; undefined if not. */
function hostDecompress(tool: string, data: Buffer): Buffer | undefined {
  const r = spawnSync(tool, ["-dc"], { input: data, maxBuffer: 1 << 30 });
  if (r.error !== undefined || r.status !== 0) return undefined;
  return r.stdout;
}

function roundTrip(tool: string, original: Buffer): (out: Buffer) => string | undefined {
  return (out) => {
    const back = hostDecompress(tool, out);
    if (back === undefined) return undefined; // no host tool: cross-emulator check only
    return back.equals(original) ? undefined : `host '${tool} -dc' of the output does not give back the input`;
  };
}

// ---------------------------------------------------------------------------
// Guest scripts
// ---------------------------------------------------------------------------

// Lua: recursive calls, string formatting and concatenation, pattern
// matching, table inserts and sorting. Work is `reps` times a fixed round.
const LUA_SCRIPT = `-- tciemu user-mode benchmark (deterministic)
local reps = tonumber(arg[1]) or 1
local seed = 12345
local function rnd()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed
end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local acc, slen, hits, sorted = 0, 0, 0, 0
for rep = 1, reps do
  acc = acc + fib(22)
  local parts = {}
  for i = 1, 4000 do parts[#parts + 1] = string.format("%d:%x:%s", i, rnd(), ("ab"):rep(i % 5)) end
  local s = table.concat(parts, ",")
  slen = slen + #s
  for w in s:gmatch("%d+:%x%x%x") do hits = hits + 1 end
  s = s:gsub("ab", "BA"):upper()
  local t = {}
  for i = 1, 6000 do t[i] = rnd() % 100000 end
  table.sort(t)
  local names = {}
  for i = 1, 1500 do names[i] = string.format("k%07d", rnd() % 10000000) end
  table.sort(names, function(a, b) return a > b end)
  local m = {}
  for i = 1, #names do m[names[i]] = (m[names[i]] or 0) + i end
  local cnt = 0
  for k, v in pairs(m) do cnt = cnt + v % 7 end
  sorted = (sorted + t[1] + t[#t] + #names[1] + cnt + #s) % 1000000007
end
print(string.format("reps=%d fib=%d slen=%d hits=%d sum=%d", reps, acc, slen, hits, sorted))
`;

function sqliteScript(rows: number): string {
  return `-- tciemu user-mode benchmark (deterministic: no random(), no time)
CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c REAL);
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < ${rows})
INSERT INTO t SELECT i, (i * 7919) % 10007, printf('name-%08x-%d', (i * 2654435761) % 4294967296, i % 97), (i % 1000) / 7.0 FROM r;
CREATE INDEX t_a ON t(a);
CREATE INDEX t_b ON t(b);
SELECT count(*), sum(a), printf('%.6f', avg(c)) FROM t;
SELECT a % 100 AS g, count(*), printf('%.4f', sum(c)) FROM t GROUP BY g ORDER BY g LIMIT 5;
SELECT b FROM t ORDER BY b DESC LIMIT 3;
SELECT count(*), sum(x.c > y.c) FROM t x JOIN t y ON y.id = x.a + 1 WHERE y.a < 5000;
SELECT substr(b, 6, 2) AS p, count(*), max(id) FROM t GROUP BY p ORDER BY count(*) DESC, p LIMIT 4;
UPDATE t SET c = c * 2 WHERE a % 3 = 0;
DELETE FROM t WHERE a % 5 = 0;
SELECT count(*), printf('%.4f', total(c)), group_concat(id % 10, '') FROM (SELECT * FROM t WHERE a BETWEEN 100 AND 130 ORDER BY id LIMIT 40);
SELECT count(DISTINCT a), min(b), max(b) FROM t;
`;
}

// ---------------------------------------------------------------------------
// The set
// ---------------------------------------------------------------------------

export const WORKLOADS: Workload[] = [
  {
    name: "sha256sum",
    description: "busybox sha256sum of pseudo-random data (static binary)",
    prepare: (dir, scale) => hashSum(dir, sizeFor(32 * MB, scale), 0x5a256, "sha256", "bin/busybox", ["sha256sum"]),
  },
  {
    name: "gzip",
    description: "busybox gzip -c of generated English-like text (static binary)",
    prepare(dir, scale) {
      const data = englishText(sizeFor(6 * MB, scale), 0x6a1b);
      const file = join(dir, "text.txt");
      writeFileSync(file, data);
      return {
        program: "bin/busybox",
        args: ["gzip", "-c", file],
        inputNote: `${sizeNote(data.length)} text`,
        check: (out) => {
          try {
            return gunzipSync(out).equals(data) ? undefined : "gunzip of the output does not give back the input";
          } catch (e) {
            return `output is not valid gzip: ${String(e)}`;
          }
        },
      };
    },
  },
  {
    name: "lua",
    description: "lua5.4 script: fib, string.format/concat/gsub/gmatch, table.sort",
    prepare(dir, scale) {
      const file = join(dir, "bench.lua");
      writeFileSync(file, LUA_SCRIPT);
      const reps = countFor(18, scale);
      return { program: "usr/bin/lua5.4", args: [file, String(reps)], inputNote: `${reps} round${reps === 1 ? "" : "s"}` };
    },
  },
  {
    name: "sqlite",
    description: "sqlite3 :memory: script: bulk insert, indexes, joins, group by, update/delete",
    prepare(dir, scale) {
      const rows = countFor(60_000, scale);
      const file = join(dir, "bench.sql");
      writeFileSync(file, sqliteScript(rows));
      return { program: "usr/bin/sqlite3", args: [":memory:"], stdin: file, inputNote: `${rows} rows` };
    },
  },
  {
    name: "xz",
    description: "xz -6 -T1 -c of generated English-like text",
    prepare(dir, scale) {
      const data = englishText(sizeFor(0.85 * MB, scale), 0x7a7a);
      const file = join(dir, "text.txt");
      writeFileSync(file, data);
      return {
        program: "usr/bin/xz",
        args: ["-6", "-T1", "-c", file],
        inputNote: `${sizeNote(data.length)} text`,
        check: roundTrip("xz", data),
      };
    },
  },
  {
    name: "bzip2",
    description: "bzip2 -9 -c of generated English-like text",
    prepare(dir, scale) {
      const data = englishText(sizeFor(4.5 * MB, scale), 0xb21b2);
      const file = join(dir, "text.txt");
      writeFileSync(file, data);
      return {
        program: "usr/bin/bzip2",
        args: ["-9", "-c", file],
        inputNote: `${sizeNote(data.length)} text`,
        check: roundTrip("bzip2", data),
      };
    },
  },
];

export function workloadNames(): string[] {
  return WORKLOADS.map((w) => w.name);
}

/** TCIEMU_BENCH_SCALE, or 1. */
export function envScale(): number {
  const s = Number(process.env["TCIEMU_BENCH_SCALE"] ?? "");
  return Number.isFinite(s) && s > 0 ? s : 1;
}

// ---------------------------------------------------------------------------
// The short-run set (issue 17.3): programs of 1-3 s under QEMU TCI, where start-up and cold
// translation weigh as much as steady-state speed. Run from the userland (tools/debian/fetch.sh
// userland: the sysroot plus coreutils and dash), so dynamically linked coreutils commands and a
// shell script are in the set next to short forms of the Debian set above.
// ---------------------------------------------------------------------------

/** A workload of the set above at a fixed fraction of its size. */
function shortOf(name: string, fraction: number): Workload {
  const w = WORKLOADS.find((x) => x.name === name)!;
  return {
    name: `${name}-short`,
    description: `${w.description}, ${fraction} of its size`,
    prepare: (dir, scale) => w.prepare(dir, fraction * scale),
  };
}

/** The dash script of the short set: string building, case, arithmetic; prints what it counted. */
function dashScript(n: number): { script: string; want: string } {
  let s = "";
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (i % 10 === 7) s += String(i);
    sum += i % 13;
  }
  return {
    script: `i=0; s=""; sum=0; while [ $i -lt ${n} ]; do case $i in *7) s="$s$i";; esac; sum=$((sum + i % 13)); i=$((i+1)); done; echo \${#s} $sum`,
    want: `${s.length} ${sum}\n`,
  };
}

export const SHORT_WORKLOADS: Workload[] = [
  shortOf("sha256sum", 0.12),
  shortOf("gzip", 0.09),
  shortOf("lua", 0.06),
  shortOf("sqlite", 0.05),
  shortOf("xz", 0.08),
  shortOf("bzip2", 0.1),
  {
    name: "md5sum (coreutils)",
    description: "coreutils md5sum (dynamically linked: ld.so, libc) of pseudo-random data",
    prepare: (dir, scale) => hashSum(dir, sizeFor(20 * MB, scale), 0x3d5, "md5", "usr/bin/md5sum", []),
  },
  {
    name: "sort (coreutils)",
    description: "coreutils sort (dynamically linked) of English-like lines, C locale",
    prepare(dir, scale) {
      const text = englishText(sizeFor(0.5 * MB, scale), 0x5047).toString("latin1");
      const lines = text.split(/\s+/).filter(Boolean);
      const file = join(dir, "words.txt");
      writeFileSync(file, lines.join("\n") + "\n", "latin1");
      const want = [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join("\n") + "\n";
      return {
        program: "usr/bin/sort",
        args: [file],
        inputNote: `${lines.length} words`,
        check: (out) => (out.toString("latin1") === want ? undefined : "output differs from the host's byte-order sort"),
      };
    },
  },
  {
    name: "dash script",
    description: "dash -c: a loop of string building, case and arithmetic",
    prepare(_dir, scale) {
      const { script, want } = dashScript(countFor(5_000, scale));
      return {
        program: "usr/bin/dash",
        args: ["-c", script],
        inputNote: "loop",
        check: exactly(want),
      };
    },
  },
];
