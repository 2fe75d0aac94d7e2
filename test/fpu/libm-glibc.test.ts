import { describe, expect, it } from "vitest";
import { fma } from "../../src/fpu/libm-glibc-fma.ts";
import { cos, glibcLibm, sin, tan } from "../../src/fpu/libm-glibc.ts";
import { Rng } from "../../tools/fuzz/rng.ts";
import { buildDifferences, checkHost, checkQemu, Results, type FunctionCheck } from "../../tools/libm/check.ts";
import { libmArguments } from "../../tools/libm/inputs.ts";
import { hostFma, hostLibmBuild } from "../../tools/libm/oracle.ts";

// src/fpu/libm-glibc.ts against the real glibc at test time: the machine's
// glibc through tools/libm/oracle.c, and trixie's qemu-i386 (glibc 2.41
// inside) running fsin/fcos/fptan/fsincos in testdata/i386/libm/x87-trig.
// Each oracle runs twice: with glibc's own IFUNC choice (the FMA build on a
// CPU with FMA and AVX2) and forced to its SSE2 build.  Bigger runs:
// npx tsx tools/libm/compare.ts --count 5000000 --seed N.

const COUNT = 200_000;
const SEED = 0x5eed11b;

/** The checks without their counts, so that a failure prints the differing arguments. */
const failures = (checks: FunctionCheck[]): string[] =>
  checks.filter((c) => c.mismatches > 0).flatMap((c) => [`${c.name}: ${c.mismatches} of ${c.count}`, ...c.examples]);

describe("glibc sin/cos/tan in TypeScript (src/fpu/libm-glibc.ts)", () => {
  const args = libmArguments(COUNT, SEED);
  const build = hostLibmBuild();
  const chosen = new Results(args, glibcLibm(build));
  const sse2 = build === "sse2" ? chosen : new Results(args, glibcLibm("sse2"));

  for (const forceSse2 of [false, true]) {
    const label = forceSse2 ? "SSE2 build (GLIBC_TUNABLES)" : `glibc's own choice (${build} build on this CPU)`;
    const results = forceSse2 ? sse2 : chosen;

    it(`the machine's glibc, ${label}`, { timeout: 120_000 }, () => {
      const checks = checkHost(results, forceSse2);
      expect(failures(checks)).toEqual([]);
      expect(checks.map((c) => c.count)).toEqual([COUNT, COUNT, COUNT]);
    });

    it(`qemu-i386 fsin/fcos/fptan/fsincos, ${label}`, { timeout: 120_000 }, () => {
      const checks = checkQemu(results, forceSse2);
      expect(failures(checks)).toEqual([]);
      expect(checks.every((c) => c.count === COUNT)).toBe(true);
    });
  }

  it("the arguments tell the FMA and SSE2 builds apart for each function", () => {
    // Otherwise the comparisons above could not catch a wrong choice of fused operations.
    const fmaResults = build === "fma" ? chosen : new Results(args, glibcLibm("fma"));
    const d = buildDifferences(fmaResults, sse2);
    expect(d.sin).toBeGreaterThan(0);
    expect(d.cos).toBeGreaterThan(0);
    expect(d.tan).toBeGreaterThan(0);
  });

  it("the exact fma emulation matches the host's fma()", () => {
    const rng = new Rng(SEED, 0xf3a);
    const count = 100_000;
    const triples = new Uint32Array(6 * count);
    const view = new DataView(new ArrayBuffer(8));
    const put = (x: number, k: number): void => {
      view.setFloat64(0, x);
      triples[k] = view.getUint32(4);
      triples[k + 1] = view.getUint32(0);
    };
    const get = (k: number): number => {
      view.setUint32(0, triples[k + 1]!);
      view.setUint32(4, triples[k]!);
      return view.getFloat64(0);
    };
    const withExponent = (e: number): number => {
      view.setUint32(0, (((e + 1023) << 20) | (rng.u32() & 0xfffff) | (rng.u32() & 0x80000000)) >>> 0);
      view.setUint32(4, rng.u32());
      return view.getFloat64(0);
    };
    for (let i = 0; i < count; i++) {
      let a: number, b: number, c: number;
      if (i % 4 === 3) {
        // integers: a*b + c is exact in 61 bits, so exact rounding ties occur
        a = rng.below(1 << 30);
        b = rng.below(1 << 30);
        c = (rng.u32() & 0x0fffffff) * 2 ** 32 + rng.u32();
        if (rng.u32() & 1) c = -c;
      } else {
        a = withExponent(rng.below(200) - 100);
        b = withExponent(rng.below(200) - 100);
        const p = a * b;
        if (i % 4 === 2) {
          c = -p * (1 + (rng.below(1 << 20) - (1 << 19)) * 2 ** -52); // massive cancellation
        } else {
          view.setFloat64(0, p);
          const e = ((view.getUint32(0) >>> 20) & 0x7ff) - 1023;
          c = withExponent(Math.max(-1000, e + rng.below(121) - 60));
        }
      }
      put(a, 6 * i);
      put(b, 6 * i + 2);
      put(c, 6 * i + 4);
    }
    const oracle = hostFma(triples);
    const bad: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = fma(get(6 * i), get(6 * i + 2), get(6 * i + 4));
      view.setFloat64(0, r);
      if ((view.getUint32(4) !== oracle[2 * i] || view.getUint32(0) !== oracle[2 * i + 1]) && bad.length < 10) {
        bad.push(`fma(${get(6 * i)}, ${get(6 * i + 2)}, ${get(6 * i + 4)}) = ${r}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps ±0, returns 1 for cos(±0) and NaN for the infinities", () => {
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(Object.is(tan(-0), -0)).toBe(true);
    expect(cos(-0)).toBe(1);
    expect(sin(Infinity)).toBeNaN();
    expect(cos(-Infinity)).toBeNaN();
    expect(tan(Infinity)).toBeNaN();
  });
});
