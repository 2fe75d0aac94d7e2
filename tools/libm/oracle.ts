/**
 * The real glibc sin/cos/tan, two ways, for src/fpu/libm-glibc.ts's tests:
 *
 *  - tools/libm/oracle.c built with the host gcc and linked against the
 *    machine's glibc (cached outside the repository, like tools/fpu-oracle);
 *  - testdata/i386/libm/x87-trig (fsin, fcos, fptan, fsincos) run under Debian
 *    trixie's qemu-i386, whose helpers call the glibc 2.41 statically linked
 *    into it: exactly the oracle tciemu-i386 is compared with.
 *
 * Both run with glibc's own choice of build (the FMA one on a CPU with FMA and
 * AVX2) or, with `sse2: true`, with GLIBC_TUNABLES masking FMA/AVX2/AVX so
 * that glibc's IFUNCs pick the SSE2 build.  Missing tools throw with the
 * command that installs them: the tests fail rather than skip.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheRoot, repoRoot, trixieQemuUser } from "../debian/paths.ts";

const SOURCE = fileURLToPath(new URL("oracle.c", import.meta.url));
const CFLAGS = ["-O2", "-std=gnu11", "-fno-builtin", "-ffp-contract=off"];

/** Makes glibc's IFUNC resolvers pick the SSE2 sin/cos/tan (sysdeps/x86_64/fpu/multiarch/ifunc-avx-fma4.h). */
export const SSE2_TUNABLES = "glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4,-AVX";

/** The x87 test program run under qemu-i386. */
export function x87TrigElf(): string {
  return join(repoRoot(), "testdata", "i386", "libm", "x87-trig");
}

function env(sse2: boolean): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e["GLIBC_TUNABLES"];
  if (sse2) e["GLIBC_TUNABLES"] = SSE2_TUNABLES;
  return e;
}

/** Compiles the oracle if needed and returns the executable's path. */
export function buildLibmOracle(): string {
  const src = readFileSync(SOURCE);
  let gccVersion: string;
  try {
    gccVersion = execFileSync("gcc", ["-dumpfullversion", "-dumpversion"], { encoding: "utf8" }).trim();
  } catch (e) {
    throw new Error(`libm oracle: host gcc is required (apt-get install gcc): ${String(e)}`);
  }
  const hash = createHash("sha256").update(src).update(CFLAGS.join(" ")).update(gccVersion).update(process.arch).digest("hex").slice(0, 16);
  const dir = cacheRoot();
  const exe = join(dir, `libm-oracle-${hash}`);
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const tmp = `${exe}.${process.pid}.${Date.now()}.tmp`;
  try {
    execFileSync("gcc", [...CFLAGS, "-o", tmp, SOURCE, "-lm"], { stdio: "pipe" });
    renameSync(tmp, exe); // atomic: concurrent builders race harmlessly
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as { stderr?: Buffer };
    throw new Error(`libm oracle: gcc failed: ${err.stderr?.toString() ?? String(e)}`);
  }
  return exe;
}

/** The build glibc selects on this machine by default: "fma" if FMA and AVX2 are usable. */
export function hostLibmBuild(): "fma" | "sse2" {
  if (process.arch !== "x64") throw new Error(`libm oracle: the glibc builds compared here are x86-64's; this host is ${process.arch}`);
  const out = execFileSync(buildLibmOracle(), ["build"], { encoding: "utf8", env: env(false) }).trim();
  if (out !== "fma" && out !== "sse2") throw new Error(`libm oracle: unexpected build answer ${out}`);
  return out;
}

function hex16(lo: number, hi: number): string {
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

function run(exe: string, args: string[], input: string | Buffer, sse2: boolean): Buffer {
  const res = spawnSync(exe, args, { input, maxBuffer: 1 << 30, env: env(sse2) });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${exe} ${args.join(" ")} exited with ${res.status}: ${res.stderr?.toString()}`);
  return res.stdout;
}

/** Parses lines of space-separated 16-digit hex words into (lo, hi) pairs. */
function parseHex(text: string, perLine: number, lines: number): Uint32Array {
  const out = new Uint32Array(2 * perLine * lines);
  let k = 0;
  let p = 0;
  for (let n = 0; n < lines; n++) {
    for (let j = 0; j < perLine; j++) {
      out[k + 1] = parseInt(text.slice(p, p + 8), 16);
      out[k] = parseInt(text.slice(p + 8, p + 16), 16);
      k += 2;
      p += 17; // 16 digits and a space or newline
    }
  }
  if (p !== text.length) throw new Error(`libm oracle: expected ${lines} lines of ${perLine} words, got ${text.length} bytes`);
  return out;
}

/**
 * glibc sin, cos, tan of each argument ((lo, hi) pairs) from the host library:
 * 6 words per argument (sin lo, hi, cos lo, hi, tan lo, hi).
 */
export function hostSinCosTan(args: Uint32Array, sse2: boolean): Uint32Array {
  const n = args.length / 2;
  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++) lines[i] = hex16(args[2 * i]!, args[2 * i + 1]!);
  const out = run(buildLibmOracle(), ["trig"], lines.join("\n") + "\n", sse2);
  return parseHex(out.toString("latin1"), 3, n);
}

/** The host's fma(a, b, c) for triples of (lo, hi) pairs (6 words each): 2 words per triple. */
export function hostFma(triples: Uint32Array): Uint32Array {
  const n = triples.length / 6;
  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = 6 * i;
    lines[i] =
      `${hex16(triples[t]!, triples[t + 1]!)} ${hex16(triples[t + 2]!, triples[t + 3]!)} ${hex16(triples[t + 4]!, triples[t + 5]!)}`;
  }
  const out = run(buildLibmOracle(), ["fma"], lines.join("\n") + "\n", false);
  return parseHex(out.toString("latin1"), 1, n);
}

/** Words per argument in runX87Trig's result: see testdata/i386/libm/x87-trig.c. */
export const X87_RECORD_WORDS = 12;

/**
 * Runs testdata/i386/libm/x87-trig under trixie's qemu-i386 on the arguments
 * ((lo, hi) pairs).  Per argument 12 words: fsin, fcos, fptan, fsincos sine,
 * fsincos cosine as (lo, hi), then the C2 flags word and a zero word.
 */
export function runX87Trig(args: Uint32Array, sse2: boolean): Uint32Array {
  const qemu = trixieQemuUser("i386");
  if (qemu === undefined) throw new Error("libm oracle: trixie's qemu-i386 is missing; run: bash tools/debian/fetch.sh qemu");
  const elf = x87TrigElf();
  if (!existsSync(elf)) throw new Error(`libm oracle: ${elf} is missing; run: bash testdata/i386/libm/build.sh`);
  const input = Buffer.from(args.buffer, args.byteOffset, args.byteLength); // (lo, hi) words = little-endian doubles
  const out = run(qemu, [elf], input, sse2);
  const n = args.length / 2;
  if (out.length !== n * X87_RECORD_WORDS * 4) throw new Error(`x87-trig: expected ${n * X87_RECORD_WORDS * 4} bytes, got ${out.length}`);
  const words = new Uint32Array(n * X87_RECORD_WORDS);
  new Uint8Array(words.buffer).set(out);
  return words;
}
