// Compares src/fpu/libm-glibc.ts with the real glibc (tools/libm/oracle.ts) on
// a set of arguments; shared by test/fpu/libm-glibc.test.ts and
// tools/libm/compare.ts.

import { libmBits, type GlibcLibm } from "../../src/fpu/libm-glibc.ts";
import { hostSinCosTan, runX87Trig, X87_RECORD_WORDS } from "./oracle.ts";

export interface FunctionCheck {
  /** "sin", "fsincos.cos", ... */
  name: string;
  /** Arguments compared. */
  count: number;
  /** Number of differing results. */
  mismatches: number;
  /** The first few differences, readable. */
  examples: string[];
}

const hex = (lo: number, hi: number): string => (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");

/** f on each argument ((lo, hi) pairs) as (lo, hi) pairs, NaNs with glibc's bits. */
export function evaluate(f: (x: number) => number, args: Uint32Array): Uint32Array {
  const n = args.length / 2;
  const out = new Uint32Array(2 * n);
  const w = new Int32Array(2);
  for (let i = 0; i < n; i++) {
    libmBits(f, args[2 * i]! | 0, args[2 * i + 1]! | 0, w);
    out[2 * i] = w[0]! >>> 0;
    out[2 * i + 1] = w[1]! >>> 0;
  }
  return out;
}

function compare(name: string, args: Uint32Array, mine: Uint32Array, oracle: Uint32Array, stride: number, offset: number): FunctionCheck {
  const n = args.length / 2;
  const check: FunctionCheck = { name, count: n, mismatches: 0, examples: [] };
  for (let i = 0; i < n; i++) {
    const lo = oracle[stride * i + offset]!;
    const hi = oracle[stride * i + offset + 1]!;
    if (mine[2 * i] === lo && mine[2 * i + 1] === hi) continue;
    check.mismatches++;
    if (check.examples.length < 8) {
      check.examples.push(`${name}(${hex(args[2 * i]!, args[2 * i + 1]!)}) = ${hex(mine[2 * i]!, mine[2 * i + 1]!)}, glibc ${hex(lo, hi)}`);
    }
  }
  return check;
}

/** Our results of one build, computed once per argument set. */
export class Results {
  private readonly memo = new Map<string, Uint32Array>();
  constructor(
    readonly args: Uint32Array,
    readonly lib: GlibcLibm,
  ) {}
  of(name: "sin" | "cos" | "tan"): Uint32Array {
    let r = this.memo.get(name);
    if (r === undefined) this.memo.set(name, (r = evaluate(this.lib[name], this.args)));
    return r;
  }
}

/** sin, cos, tan against the machine's glibc (forced to its SSE2 build when sse2). */
export function checkHost(results: Results, sse2: boolean): FunctionCheck[] {
  const oracle = hostSinCosTan(results.args, sse2);
  return (["sin", "cos", "tan"] as const).map((f, k) => compare(f, results.args, results.of(f), oracle, 6, 2 * k));
}

/**
 * fsin, fcos, fptan, fsincos under trixie's qemu-i386 (glibc 2.41 inside).
 * QEMU computes |x| <= 2^63 (MAXTAN in fpu_helper.c) through libm; above it,
 * and for infinities, it sets C2 and leaves ST0 = x, which is what is expected
 * there.  The C2 flags are checked as a fifth entry "C2".
 */
export function checkQemu(results: Results, sse2: boolean): FunctionCheck[] {
  const { args } = results;
  const n = args.length / 2;
  const rec = runX87Trig(args, sse2);
  const sin = new Uint32Array(results.of("sin"));
  const cos = new Uint32Array(results.of("cos"));
  const tan = new Uint32Array(results.of("tan"));
  const c2: FunctionCheck = { name: "C2", count: n, mismatches: 0, examples: [] };
  for (let i = 0; i < n; i++) {
    const lo = args[2 * i]!;
    const hi = args[2 * i + 1]!;
    const mag = hi & 0x7fffffff;
    const isNaN = mag >= 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
    const outOfRange = !isNaN && (mag > 0x43e00000 || (mag === 0x43e00000 && lo !== 0));
    if (outOfRange) {
      for (const e of [sin, cos, tan]) ((e[2 * i] = lo), (e[2 * i + 1] = hi));
    }
    const flags = rec[X87_RECORD_WORDS * i + 10]!;
    if (flags !== (outOfRange ? 0xf : 0)) {
      c2.mismatches++;
      if (c2.examples.length < 8) c2.examples.push(`C2 flags ${flags} for ${hex(lo, hi)}`);
    }
  }
  return [
    compare("fsin", args, sin, rec, X87_RECORD_WORDS, 0),
    compare("fcos", args, cos, rec, X87_RECORD_WORDS, 2),
    compare("fptan", args, tan, rec, X87_RECORD_WORDS, 4),
    compare("fsincos.sin", args, sin, rec, X87_RECORD_WORDS, 6),
    compare("fsincos.cos", args, cos, rec, X87_RECORD_WORDS, 8),
    c2,
  ];
}

/** How many arguments give different results in the two builds, per function. */
export function buildDifferences(fma: Results, sse2: Results): Record<"sin" | "cos" | "tan", number> {
  const count = (f: "sin" | "cos" | "tan"): number => {
    const a = fma.of(f);
    const b = sse2.of(f);
    let d = 0;
    for (let i = 0; i < a.length; i += 2) if (a[i] !== b[i] || a[i + 1] !== b[i + 1]) d++;
    return d;
  };
  return { sin: count("sin"), cos: count("cos"), tan: count("tan") };
}
