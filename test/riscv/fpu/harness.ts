/**
 * Shared driver: runs an op's implementation against the reference model
 * on edge-value combinations and seeded random operands, in every rounding
 * mode, checking result bits and flags.
 */

import { SoftFloat } from "../../../src/target/riscv/fpu/index.ts";
import { EDGE32, EDGE64, Rng } from "./gen.ts";
import { describe as describeOp, type OpDef } from "./ops.ts";

export interface RefRun {
  cases: number;
  failures: string[];
}

const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, "0");

/** Integer edge values as [lo, hi]. */
const INT_EDGES: ReadonlyArray<readonly [number, number]> = (() => {
  const vals: bigint[] = [0n, 1n, 2n, 3n, 0x7fffffffn, 0x80000000n, 0xffffffffn];
  for (const k of [24, 25, 31, 32, 53, 54, 62, 63]) {
    for (const d of [-3n, -1n, 0n, 1n, 3n]) vals.push((1n << BigInt(k)) + d);
  }
  vals.push((1n << 64n) - 1n, (1n << 64n) - 1025n, (1n << 63n) - 1n, 0x8000008000000000n, 0x0000010000000001n);
  const out: Array<[number, number]> = [];
  for (const v of vals) {
    for (const s of [v, -v]) {
      const u = BigInt.asUintN(64, s);
      out.push([Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0]);
    }
  }
  return out;
})();

/** Positive edge values (each also used negated) for three-operand ops. */
const THREE_OP_EDGES64: ReadonlyArray<[number, number]> = [
  [0, 0], // 0
  [1, 0], // min subnormal
  [-1, 0x000fffff], // max subnormal
  [0, 0x00100000], // min normal
  [0, 0x3ff00000], // 1
  [1, 0x3ff00000], // 1 + ulp
  [-1, 0x7fefffff], // max
  [0, 0x7ff00000], // inf
  [0, 0x7ff80000], // qNaN
  [1, 0x7ff00000], // sNaN
];
const THREE_OP_EDGES32: readonly number[] = [
  0, 1, 0x7fffff, 0x800000, 0x3f800000, 0x3f800001, 0x7f7fffff, 0x7f800000, 0x7fc00000, 0x7f800001,
];

function edgeOperands(op: OpDef): Int32Array[] {
  const list: Int32Array[] = [];
  if (op.arity === 0) {
    for (const [lo, hi] of INT_EDGES) list.push(Int32Array.of(lo, op.name.endsWith("w") || op.name.endsWith("wu") ? 0 : hi, 0, 0, 0, 0));
    return list;
  }
  const vals: Array<[number, number]> = op.width === 64 ? EDGE64.map(([lo, hi]) => [lo, hi]) : EDGE32.map((a) => [a, 0]);
  // For three operands use a subset of the edge values to bound the product set.
  const sub: Array<[number, number]> = [];
  if (op.arity === 3) {
    for (const [lo, hi] of op.width === 64 ? THREE_OP_EDGES64 : THREE_OP_EDGES32.map((a) => [a, 0])) {
      sub.push([lo, hi], op.width === 64 ? [lo, hi | -2147483648] : [lo | -2147483648, 0]);
    }
  }
  if (op.arity === 1) {
    for (const [lo, hi] of vals) list.push(Int32Array.of(lo, hi, 0, 0, 0, 0));
  } else if (op.arity === 2) {
    for (const a of vals) for (const b of vals) list.push(Int32Array.of(a[0], a[1], b[0], b[1], 0, 0));
  } else {
    for (const a of sub) for (const b of sub) for (const c of sub) list.push(Int32Array.of(a[0], a[1], b[0], b[1], c[0], c[1]));
  }
  return list;
}

export function runAgainstRef(op: OpDef, randomPerMode: number, seed: number): RefRun {
  const sf = new SoftFloat();
  const res = new Int32Array(2);
  const failures: string[] = [];
  let cases = 0;
  const rms = op.rounds ? [0, 1, 2, 3, 4] : [0];
  const check = (w: Int32Array, rm: number): void => {
    cases++;
    const ref = op.ref(w, rm);
    const rlo = Number(ref.bits & 0xffffffffn) | 0;
    const rhi = Number(ref.bits >> 32n) | 0;
    sf.flags = 0;
    op.impl(sf, w, rm, res);
    let bad = res[0] !== rlo || res[1] !== rhi || sf.flags !== ref.flags;
    if (!bad) {
      // Flags accrue: with NX already set the result must not change.
      sf.flags = 1;
      op.impl(sf, w, rm, res);
      bad = res[0] !== rlo || res[1] !== rhi || sf.flags !== (ref.flags | 1);
    }
    if (bad && failures.length < 20) {
      failures.push(
        `${describeOp(op, w)} rm=${rm}: got ${hex(res[1]!)}_${hex(res[0]!)} flags ${sf.flags}, ` +
          `want ${hex(rhi)}_${hex(rlo)} flags ${ref.flags}`,
      );
    }
  };
  for (const w of edgeOperands(op)) for (const rm of rms) check(w, rm);
  const rng = new Rng(seed);
  const w = new Int32Array(6);
  for (const rm of rms) {
    for (let i = 0; i < randomPerMode; i++) {
      op.gen(rng, w);
      check(w, rm);
    }
  }
  return { cases, failures };
}
