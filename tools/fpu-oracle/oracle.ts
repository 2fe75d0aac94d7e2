/**
 * Builds (once, cached outside the repository) and runs the host
 * floating-point oracle tools/fpu-oracle/oracle.c.  See that file for the
 * record format.  Throws if gcc is unavailable: the tests that use the
 * oracle must fail rather than silently skip.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, "oracle.c");
const CFLAGS = ["-O2", "-std=gnu11", "-frounding-math", "-fsignaling-nans", "-fno-fast-math", "-ffp-contract=off"];

/** Oracle op codes (see oracle.c). */
export const OracleOp = {
  D_ADD: 1,
  D_SUB: 2,
  D_MUL: 3,
  D_DIV: 4,
  D_SQRT: 5,
  D_FMADD: 6,
  D_FMSUB: 7,
  D_FNMSUB: 8,
  D_FNMADD: 9,
  D_EQ: 10,
  D_LT: 11,
  D_LE: 12,
  CVT_W_D: 13,
  CVT_WU_D: 14,
  CVT_L_D: 15,
  CVT_LU_D: 16,
  CVT_D_W: 17,
  CVT_D_WU: 18,
  CVT_D_L: 19,
  CVT_D_LU: 20,
  CVT_S_D: 21,
  CVT_D_S: 22,
  S_ADD: 33,
  S_SUB: 34,
  S_MUL: 35,
  S_DIV: 36,
  S_SQRT: 37,
  S_FMADD: 38,
  S_FMSUB: 39,
  S_FNMSUB: 40,
  S_FNMADD: 41,
  S_EQ: 42,
  S_LT: 43,
  S_LE: 44,
  CVT_W_S: 45,
  CVT_WU_S: 46,
  CVT_L_S: 47,
  CVT_LU_S: 48,
  CVT_S_W: 49,
  CVT_S_WU: 50,
  CVT_S_L: 51,
  CVT_S_LU: 52,
} as const;

/** Words per input record and per output record. */
export const IN_WORDS = 8;
export const OUT_WORDS = 4;

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "tciemu");
}

/** Compiles the oracle if needed and returns the executable's path. */
export function buildOracle(): string {
  const src = readFileSync(SOURCE);
  let gccVersion: string;
  try {
    gccVersion = execFileSync("gcc", ["-dumpfullversion", "-dumpversion"], {
      encoding: "utf8",
    }).trim();
  } catch (e) {
    throw new Error(`fpu-oracle: host gcc is required to build the oracle (${String(e)})`);
  }
  const hash = createHash("sha256").update(src).update(CFLAGS.join(" ")).update(gccVersion).update(process.arch).digest("hex").slice(0, 16);
  const dir = cacheDir();
  const exe = join(dir, `fpu-oracle-${hash}`);
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const tmp = `${exe}.${process.pid}.${Date.now()}.tmp`;
  try {
    execFileSync("gcc", [...CFLAGS, "-o", tmp, SOURCE, "-lm"], { stdio: "pipe" });
    renameSync(tmp, exe); // atomic: concurrent builders race harmlessly
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as { stderr?: Buffer };
    throw new Error(`fpu-oracle: gcc failed: ${err.stderr?.toString() ?? String(e)}`);
  }
  return exe;
}

/**
 * Runs records (IN_WORDS uint32 each) through the oracle and returns the
 * results (OUT_WORDS uint32 each).
 */
export function runOracle(records: Uint32Array): Uint32Array {
  const exe = buildOracle();
  const input = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
  const res = spawnSync(exe, [], { input, maxBuffer: 1 << 30 });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`fpu-oracle exited with ${res.status}: ${res.stderr?.toString()}`);
  }
  const out = res.stdout;
  const n = records.length / IN_WORDS;
  if (out.length !== n * OUT_WORDS * 4) {
    throw new Error(`fpu-oracle: expected ${n * OUT_WORDS * 4} bytes, got ${out.length}`);
  }
  const copy = new Uint32Array(n * OUT_WORDS);
  new Uint8Array(copy.buffer).set(out);
  return copy;
}
