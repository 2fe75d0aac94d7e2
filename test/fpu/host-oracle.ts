/**
 * Builds (once, cached outside the repository) and runs the host x86-64
 * floating-point oracle test/fpu/host-oracle.c.  Fails with the install
 * command when gcc is missing or the host is not x86-64.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheRoot } from "../../tools/debian/paths.ts";

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, "host-oracle.c");
const CFLAGS = ["-O1", "-mfma", "-mf16c", "-msse4.1", "-std=gnu11"];

/** Op codes (see host-oracle.c). */
export const H = {
  S_ADD: 1,
  S_SUB: 2,
  S_MUL: 3,
  S_DIV: 4,
  S_SQRT: 5,
  S_MIN: 6,
  S_MAX: 7,
  S_CMP: 8,
  S_COMI: 9,
  S_UCOMI: 10,
  S_CVT_SD: 11,
  S_CVT_SI: 12,
  S_CVTT_SI: 13,
  S_CVT_SI64: 14,
  S_CVTT_SI64: 15,
  S_FROM_I32: 16,
  S_FROM_I64: 17,
  S_FMA: 18,
  S_TO_F16: 19,
  S_FROM_F16: 20,
  S_ROUND: 21,
  S_REM: 22,
  D_ADD: 32,
  D_SUB: 33,
  D_MUL: 34,
  D_DIV: 35,
  D_SQRT: 36,
  D_MIN: 37,
  D_MAX: 38,
  D_CMP: 39,
  D_COMI: 40,
  D_UCOMI: 41,
  D_CVT_SS: 42,
  D_CVT_SI: 43,
  D_CVTT_SI: 44,
  D_CVT_SI64: 45,
  D_CVTT_SI64: 46,
  D_FROM_I32: 47,
  D_FROM_I64: 48,
  D_FMA: 49,
  D_ROUND: 50,
  D_REM: 51,
  X_ADD: 64,
  X_SUB: 65,
  X_MUL: 66,
  X_DIV: 67,
  X_SQRT: 68,
  X_PREM: 69,
  X_PREM1: 70,
  X_RNDINT: 71,
  X_SCALE: 72,
  X_COM: 73,
  X_UCOM: 74,
  X_COMI: 75,
  X_UCOMI: 76,
  X_LD32: 77,
  X_LD64: 78,
  X_ST32: 79,
  X_ST64: 80,
  X_IST16: 81,
  X_IST32: 82,
  X_IST64: 83,
  X_ILD32: 84,
  X_ILD64: 85,
  X_BLD: 86,
  X_BST: 87,
  X_XTRACT: 88,
  X_ISTT16: 89,
  X_ISTT32: 90,
  X_ISTT64: 91,
  L_SIN: 96,
  L_COS: 97,
  L_TAN: 98,
} as const;

export const IN_WORDS = 12;
export const OUT_WORDS = 4;

/** CPU features of the host (from /proc/cpuinfo). */
export function hostHas(feature: string): boolean {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    return new RegExp(`^flags\\s*:.*\\b${feature}\\b`, "m").test(info);
  } catch {
    return false;
  }
}

export function buildHostOracle(): string {
  if (process.arch !== "x64") throw new Error(`the host FPU oracle needs an x86-64 host (this is ${process.arch})`);
  const src = readFileSync(SOURCE);
  let gccVersion: string;
  try {
    gccVersion = execFileSync("gcc", ["-dumpfullversion", "-dumpversion"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("host gcc is required to build test/fpu/host-oracle.c: apt-get install gcc");
  }
  const hash = createHash("sha256").update(src).update(CFLAGS.join(" ")).update(gccVersion).digest("hex").slice(0, 16);
  const dir = join(cacheRoot(), "fpu");
  const exe = join(dir, `host-oracle-${hash}`);
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const tmp = `${exe}.${process.pid}.tmp`;
  try {
    execFileSync("gcc", [...CFLAGS, "-o", tmp, SOURCE, "-lm"], { stdio: "pipe" });
    renameSync(tmp, exe);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new Error(`gcc failed on host-oracle.c: ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`);
  }
  return exe;
}

/** Runs records (IN_WORDS each) through the oracle; returns OUT_WORDS per record. */
export function runHostOracle(records: Uint32Array): Uint32Array {
  const exe = buildHostOracle();
  const res = spawnSync(exe, [], { input: Buffer.from(records.buffer, records.byteOffset, records.byteLength), maxBuffer: 1 << 30 });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`host-oracle exited with ${res.status}: ${res.stderr?.toString()}`);
  const n = records.length / IN_WORDS;
  if (res.stdout.length !== n * OUT_WORDS * 4)
    throw new Error(`host-oracle: expected ${n * OUT_WORDS * 4} bytes, got ${res.stdout.length}`);
  const out = new Uint32Array(n * OUT_WORDS);
  new Uint8Array(out.buffer).set(res.stdout);
  return out;
}
