/**
 * Shared driver for the host-oracle tests: builds records for one
 * operation, runs them through the host, computes the same operation in
 * TypeScript and compares, separating cases where QEMU's softfloat is known
 * to differ from x86 hardware (counted, with the reason, never compared).
 */

import { IN_WORDS, OUT_WORDS, runHostOracle } from "./host-oracle.ts";
import { Rng } from "./gen.ts";

export interface HostCase {
  /** The record being built: a0..a2 at 2..4, b0..b2 at 5..7, c0..c2 at 8..10. */
  readonly rec: Uint32Array;
  readonly off: number;
}

export interface Expected {
  r0: number;
  r1: number;
  r2: number;
  flags: number;
  /** Set when this case is a documented QEMU-vs-hardware difference: the reason. */
  known?: string;
}

export interface HostOp {
  name: string;
  host: number;
  /** Control register values to cycle through (MXCSR or x87 control word). */
  ctrls: readonly number[];
  /** Fills operands a, b, c of record i (words at off + 2 ...). */
  gen(rng: Rng, w: Uint32Array, off: number, i: number): void;
  /** Computes the expected record from the operands and control word. */
  expect(w: Uint32Array, off: number, ctrl: number, host: Uint32Array, hoff: number): Expected;
  /** Which output bits of the flags word to compare. */
  flagMask: number;
  /** Which result words to compare (default all three). */
  words?: number;
}

export interface RunResult {
  cases: number;
  known: Map<string, number>;
  /** Number of mismatching cases. */
  failed: number;
  /** The first mismatches, formatted. */
  failures: string[];
}

const hex = (x: number): string => "0x" + (x >>> 0).toString(16).padStart(8, "0");

export function runHostOp(op: HostOp, n: number, seed: number): RunResult {
  const rng = new Rng(seed);
  const rec = new Uint32Array(n * IN_WORDS);
  for (let i = 0; i < n; i++) {
    const off = i * IN_WORDS;
    rec[off] = op.host;
    rec[off + 1] = op.ctrls[i % op.ctrls.length]!;
    op.gen(rng, rec, off, i);
  }
  const out = runHostOracle(rec);
  const known = new Map<string, number>();
  const failures: string[] = [];
  let failed = 0;
  const words = op.words ?? 3;
  for (let i = 0; i < n; i++) {
    const off = i * IN_WORDS;
    const hoff = i * OUT_WORDS;
    const e = op.expect(rec, off, rec[off + 1]!, out, hoff);
    if (e.known !== undefined) {
      known.set(e.known, (known.get(e.known) ?? 0) + 1);
      continue;
    }
    const got = [out[hoff]!, out[hoff + 1]!, out[hoff + 2]!, (out[hoff + 3]! & op.flagMask) >>> 0];
    const exp = [e.r0 >>> 0, e.r1 >>> 0, e.r2 >>> 0, (e.flags & op.flagMask) >>> 0];
    let ok = got[3] === exp[3];
    for (let k = 0; k < words; k++) if (got[k] !== exp[k]) ok = false;
    if (!ok) failed++;
    if (!ok && failures.length < 20) {
      const ops = Array.from(rec.subarray(off + 2, off + 11), hex).join(" ");
      failures.push(
        `${op.name} ctrl=${hex(rec[off + 1]!)} ops=[${ops}] host=[${got.slice(0, words).map(hex).join(" ")}] f=${hex(got[3]!)} ts=[${exp.slice(0, words).map(hex).join(" ")}] f=${hex(exp[3]!)}`,
      );
    }
  }
  return { cases: n, known, failed, failures };
}

export function describeRun(name: string, seed: number, r: RunResult): string {
  const k = [...r.known].map(([why, c]) => `${c} ${why}`).join(", ");
  return `${name}: ${r.cases} cases (seed ${seed})${k ? `; known QEMU-vs-hardware differences not compared: ${k}` : ""}`;
}
