/**
 * Runs ops through the implementation and the host oracle (x86-64 SSE/FMA
 * via tools/fpu-oracle/oracle.c) in RNE/RTZ/RDN/RUP and compares result
 * bits and flags.
 *
 * Differences that are host conventions rather than arithmetic are mapped:
 *  - NaN results: the host propagates payloads / returns its negative
 *    "default NaN"; only NaN-ness is compared (canonical NaN bits are checked
 *    by the reference-model tests).
 *  - fma(inf, 0, qNaN): x86 FMA does not raise invalid, RISC-V does; flags
 *    are not compared for that one case.
 *  - float-to-integer saturation is already applied inside the oracle.
 */

import { SoftFloat } from "../../../src/target/riscv/fpu/index.ts";
import { IN_WORDS, OUT_WORDS, runOracle } from "../../../tools/fpu-oracle/oracle.ts";
import { Rng } from "./gen.ts";
import { describe as describeOp, type OpDef } from "./ops.ts";

export interface OracleRun {
  op: string;
  cases: number;
  failures: string[];
}

const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, "0");
const isNaN64 = (lo: number, hi: number): boolean => (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
const isNaN32 = (a: number): boolean => (a & 0x7f800000) === 0x7f800000 && (a & 0x7fffff) !== 0;
const isInf64 = (lo: number, hi: number): boolean => (hi & 0x7fffffff) === 0x7ff00000 && lo === 0;
const isZero64 = (lo: number, hi: number): boolean => (hi & 0x7fffffff) === 0 && lo === 0;
const isInf32 = (a: number): boolean => (a & 0x7fffffff) === 0x7f800000;
const isZero32 = (a: number): boolean => (a & 0x7fffffff) === 0;

/** True for fma(inf, 0, qNaN) / fma(0, inf, qNaN), where x86 and RISC-V differ on NV. */
function infZeroQNaN(op: OpDef, w: Int32Array): boolean {
  if (op.arity !== 3) return false;
  if (op.width === 64) {
    const infZero = (isInf64(w[0]!, w[1]!) && isZero64(w[2]!, w[3]!)) || (isZero64(w[0]!, w[1]!) && isInf64(w[2]!, w[3]!));
    return infZero && isNaN64(w[4]!, w[5]!);
  }
  const infZero = (isInf32(w[0]!) && isZero32(w[2]!)) || (isZero32(w[0]!) && isInf32(w[2]!));
  return infZero && isNaN32(w[4]!);
}

export function runAgainstOracle(ops: readonly OpDef[], count: (op: OpDef) => number, seed: number): OracleRun[] {
  const rng = new Rng(seed);
  const sizes = ops.map(count);
  const total = sizes.reduce((a, b) => a + b, 0);
  const rec = new Uint32Array(total * IN_WORDS);
  const w = new Int32Array(6);
  let k = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    for (let j = 0; j < sizes[i]!; j++) {
      op.gen(rng, w);
      rec[k++] = op.oracle;
      rec[k++] = op.rounds ? rng.int(4) : 0;
      for (let t = 0; t < 6; t++) rec[k++] = w[t]! >>> 0;
    }
  }
  const out = runOracle(rec);
  const sf = new SoftFloat();
  const res = new Int32Array(2);
  const runs: OracleRun[] = [];
  let r = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const run: OracleRun = { op: op.name, cases: sizes[i]!, failures: [] };
    for (let j = 0; j < sizes[i]!; j++, r++) {
      const base = r * IN_WORDS;
      for (let t = 0; t < 6; t++) w[t] = rec[base + 2 + t]! | 0;
      const rm = rec[base + 1]!;
      const o = r * OUT_WORDS;
      if (out[o + 3] !== 0) throw new Error(`oracle rejected ${op.name}`);
      const olo = out[o]! | 0;
      const ohi = out[o + 1]! | 0;
      const oflags = out[o + 2]!;
      sf.flags = 0;
      op.impl(sf, w, rm, res);
      let ok: boolean;
      const oNaN = op.res === "f64" ? isNaN64(olo, ohi) : op.res === "f32" ? isNaN32(olo) : false;
      if (oNaN) {
        const iNaN = op.res === "f64" ? isNaN64(res[0]!, res[1]!) : isNaN32(res[0]!);
        ok = iNaN && (sf.flags === oflags || infZeroQNaN(op, w));
      } else {
        ok = res[0] === olo && res[1] === ohi && sf.flags === oflags;
      }
      if (!ok && run.failures.length < 20) {
        run.failures.push(
          `${describeOp(op, w)} rm=${rm}: got ${hex(res[1]!)}_${hex(res[0]!)} flags ${sf.flags}, ` +
            `host ${hex(ohi)}_${hex(olo)} flags ${oflags}`,
        );
      }
    }
    runs.push(run);
  }
  return runs;
}
