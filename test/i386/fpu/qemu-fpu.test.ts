/**
 * src/target/i386/fpu (x87 and SSE/SSE2 helpers on src/fpu) against
 * qemu-i386: testdata/i386/fpu/fpu-ops.elf runs every listed instruction
 * under Debian trixie's qemu-i386 (-cpu qemu32,-sse3) over seeded operand
 * records, and the same instruction sequences are run through the helpers
 * (test/i386/fpu/model.ts); the x87 registers, status/control/tag words,
 * memory results, EFLAGS, XMM0 and MXCSR must be identical.
 *
 * fsin, fcos, fsincos and fptan call the host libm in QEMU; here the
 * helpers' libm interface is backed by the host C library (the same glibc
 * family as qemu-i386's static one), through test/fpu/host-oracle.c.
 *
 * FPU_QEMU_CASES sets the records per instruction (default 2000), FPU_SEED the
 * seed, FPU_QEMU_OPS a regular expression selecting instructions by name.
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as F from "../../../src/fpu/index.ts";
import { setX87Libm } from "../../../src/target/i386/fpu/index.ts";
import { repoRoot, trixieQemuUser } from "../../../tools/debian/paths.ts";
import { Rng, genF32, genF32Pair, genF64, genF64Pair, genI32, genX80, genX80Pair } from "../../fpu/gen.ts";
import { H, IN_WORDS as HIN, OUT_WORDS as HOUT, runHostOracle } from "../../fpu/host-oracle.ts";
import { IN_WORDS, OUT_WORDS, isKnownOp, isSseOp, resetModel, runModel } from "./model.ts";

const ELF = join(repoRoot(), "testdata", "i386", "fpu", "fpu-ops.elf");
const CPU = "qemu32,-sse3";
const N = Number(process.env["FPU_QEMU_CASES"] ?? 2000);
const ONLY = new RegExp(process.env["FPU_QEMU_OPS"] ?? ".");
const SEED = Number(process.env["FPU_SEED"] ?? 0x1386f00);

function qemu(): string {
  const q = trixieQemuUser("i386");
  if (q === undefined) throw new Error("qemu-i386 (Debian trixie) is missing: bash tools/debian/fetch.sh qemu");
  if (!existsSync(ELF)) throw new Error(`${ELF} is missing: bash testdata/i386/fpu/build.sh`);
  return q;
}

function runQemu(args: string[], input?: Uint32Array): Buffer {
  const res = spawnSync(qemu(), ["-cpu", CPU, ELF, ...args], {
    input: input ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : undefined,
    maxBuffer: 1 << 30,
  });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`qemu-i386 fpu-ops exited with ${res.status}: ${res.stderr.toString()}`);
  return res.stdout;
}

// ------------------------------------------------------------ operand generation

type Gen = (rng: Rng, w: Uint32Array, o: number) => void;

function putX80(w: Uint32Array, o: number, v: readonly number[]): void {
  w[o] = v[0]! >>> 0;
  w[o + 1] = v[1]! >>> 0;
  w[o + 2] = v[2]! & 0xffff;
  w[o + 3] = 0;
}

/** a, b, c: three floatx80 stack operands (b related to a). */
const genX3: Gen = (rng, w, o) => {
  const a = genX80(rng);
  putX80(w, o + 2, a);
  putX80(w, o + 6, genX80Pair(rng, a));
  putX80(w, o + 10, genX80(rng));
};

function withC(fill: (rng: Rng, w: Uint32Array, o: number) => void): Gen {
  return (rng, w, o) => {
    genX3(rng, w, o);
    fill(rng, w, o + 10);
  };
}

const genM32 = withC((rng, w, o) => (w[o] = genF32(rng)));
const genM64 = withC((rng, w, o) => {
  const [lo, hi] = genF64(rng);
  w[o] = lo;
  w[o + 1] = hi;
});
const genMI32 = withC((rng, w, o) => (w[o] = genI32(rng)));
const genMI64 = withC((rng, w, o) => {
  w[o] = rng.u32();
  w[o + 1] = rng.chance(0.5) ? rng.u32() : (rng.u32() >> 12) | 0;
});

/** ST0 scaled into a range: exponent around `e0` +- spread. */
function genNear(e0: number, spread: number): Gen {
  return (rng, w, o) => {
    genX3(rng, w, o);
    if (rng.chance(0.8)) {
      w[o + 4] = (e0 + rng.int(2 * spread + 1) - spread) | (rng.chance(0.5) ? 0x8000 : 0);
      w[o + 3] = (w[o + 3]! | 0x80000000) >>> 0;
    }
  };
}

const genBcd = withC((rng, w, o) => {
  const bytes = new Uint8Array(12);
  const digits = 1 + rng.int(18);
  const bad = rng.chance(0.05);
  for (let i = 0; i < 9; i++) {
    const lo = 2 * i < digits ? rng.int(bad ? 16 : 10) : 0;
    const hi = 2 * i + 1 < digits ? rng.int(bad ? 16 : 10) : 0;
    bytes[i] = (hi << 4) | lo;
  }
  bytes[9] = rng.chance(0.5) ? 0x80 : 0;
  w.set(new Uint32Array(bytes.buffer).subarray(0, 3), o);
});

/** A control word for fldcw from memory. */
const genCwMem = withC((rng, w, o) => (w[o] = x87Cw(rng)));

/** fldenv / frstor / fxrstor images: a0 status word, a1 tag word. */
const genEnv: Gen = (rng, w, o) => {
  genX3(rng, w, o);
  w[o + 2] = rng.u32() & 0xffff;
  w[o + 3] = rng.chance(0.5) ? rng.u32() & 0xffff : rng.pick([0, 0xffff, 0x5555, 0xaaaa]);
  w[o + 4] = rng.u32() & 0x3f;
};

function x87Cw(rng: Rng): number {
  const pc = rng.chance(0.6) ? 3 : rng.int(4);
  const rc = rng.int(4);
  const masks = rng.chance(0.85) ? 0x3f : rng.u32() & 0x3f;
  const other = rng.chance(0.9) ? 0x40 : rng.u32() & 0xf0c0;
  return (masks | other | (pc << 8) | (rc << 10)) & 0xffff;
}

function mxcsr(rng: Rng): number {
  const rc = rng.int(4) << 13;
  const daz = rng.chance(0.25) ? 0x40 : 0;
  const fz = rng.chance(0.25) ? 0x8000 : 0;
  const masks = rng.chance(0.9) ? 0x1f80 : rng.u32() & 0x1f80;
  const flags = rng.chance(0.7) ? 0 : rng.u32() & 0x3f;
  return rc | daz | fz | masks | flags;
}

const genPs: Gen = (rng, w, o) => {
  for (let i = 0; i < 4; i++) {
    const a = genF32(rng);
    w[o + 2 + i] = a;
    w[o + 6 + i] = genF32Pair(rng, a);
  }
  w[o + 10] = genI32(rng);
  w[o + 11] = genI32(rng);
};

const genPd: Gen = (rng, w, o) => {
  for (let i = 0; i < 2; i++) {
    const [lo, hi] = genF64(rng);
    w[o + 2 + 2 * i] = lo;
    w[o + 3 + 2 * i] = hi;
    const [bl, bh] = genF64Pair(rng, lo, hi);
    w[o + 6 + 2 * i] = bl;
    w[o + 7 + 2 * i] = bh;
  }
  w[o + 10] = genI32(rng);
};

const genDq: Gen = (rng, w, o) => {
  for (let i = 0; i < 4; i++) {
    w[o + 2 + i] = genI32(rng);
    w[o + 6 + i] = genI32(rng);
  }
  w[o + 10] = genI32(rng);
  w[o + 11] = genI32(rng);
};

/** Floats near integers and the int32 range, for the float-to-int conversions. */
const genCvtPs: Gen = (rng, w, o) => {
  genPs(rng, w, o);
  for (let i = 0; i < 4; i++) {
    if (rng.chance(0.5)) w[o + 6 + i] = ((rng.chance(0.5) ? 0x80000000 : 0) | ((126 + rng.int(34)) << 23) | (rng.u32() & 0x7fffff)) >>> 0;
  }
};
const genCvtPd: Gen = (rng, w, o) => {
  genPd(rng, w, o);
  for (let i = 0; i < 2; i++) {
    if (rng.chance(0.5))
      w[o + 7 + 2 * i] = ((rng.chance(0.5) ? 0x80000000 : 0) | ((1022 + rng.int(34)) << 20) | (rng.u32() & 0xfffff)) >>> 0;
  }
};

const genMx = (rng: Rng, w: Uint32Array, o: number): void => {
  genPs(rng, w, o);
  w[o + 10] = mxcsr(rng) & ~0x3f;
};

function generatorFor(name: string): Gen {
  if (name.startsWith("s_")) {
    if (name === "s_ldmxcsr_addss") return genMx;
    if (/cvt(t?)ps2(dq|pi)|cvtt?ss2si/.test(name)) return genCvtPs;
    if (/cvt(t?)pd2(dq|pi)|cvtt?sd2si/.test(name)) return genCvtPd;
    if (/cvtdq2|cvtsi2|cvtpi2/.test(name)) return genDq;
    if (/pd|sd/.test(name)) return genPd;
    return genPs;
  }
  switch (name) {
    case "x_fadds":
    case "x_fmuls":
    case "x_fsubs":
    case "x_fsubrs":
    case "x_fdivs":
    case "x_fdivrs":
    case "x_fcoms":
    case "x_flds":
    case "x_fnclex":
    case "x_fnstsw":
      return genM32;
    case "x_faddl":
    case "x_fsubl":
    case "x_fdivrl":
    case "x_fcompl":
    case "x_fldl":
      return genM64;
    case "x_fiaddl":
    case "x_fimull":
    case "x_fidivl":
    case "x_fiadds":
    case "x_fisubrs":
    case "x_ficoml":
    case "x_filds":
    case "x_fildl":
      return genMI32;
    case "x_fildll":
      return genMI64;
    case "x_fbld":
      return genBcd;
    case "x_fldcw_fadd":
      return genCwMem;
    case "x_fldenv":
    case "x_frstor":
    case "x_fxrstor":
      return genEnv;
    case "x_f2xm1":
      return genNear(0x3ffd, 6);
    case "x_fyl2xp1":
      return genNear(0x3ff8, 12);
    case "x_fyl2x":
      return genNear(0x3fff, 40);
    case "x_fsin":
    case "x_fcos":
    case "x_fsincos":
    case "x_fptan":
      return genNear(0x4000, 70);
    case "x_fists":
    case "x_fistl":
    case "x_fistpll":
    case "x_fisttps":
    case "x_fisttpl":
    case "x_fisttpll":
    case "x_fbstp":
    case "x_frndint":
      return genNear(0x3fff + 20, 44);
    default:
      return genX3;
  }
}

// ------------------------------------------------------------ host libm for fsin & co.

/** Installs a libm answering from the host C library for the arguments the records will use. */
function installHostLibm(records: Uint32Array, n: number): void {
  const st = F.x87Status();
  const args: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const o = i * IN_WORDS;
    F.setX87ControlWord(st, records[o + 1]!);
    const lo = F.x80ToF64(records[o + 2]! | 0, records[o + 3]! | 0, records[o + 4]!, st);
    args.push([lo, st.hi]);
  }
  const recs = new Uint32Array(args.length * 3 * HIN);
  args.forEach(([lo, hi], i) => {
    for (let k = 0; k < 3; k++) {
      const o = (3 * i + k) * HIN;
      recs[o] = [H.L_SIN, H.L_COS, H.L_TAN][k]!;
      recs[o + 2] = lo;
      recs[o + 3] = hi;
    }
  });
  const res = runHostOracle(recs);
  const table = new Map<string, [number, number, number]>();
  const f64 = new Float64Array(1);
  const w = new Uint32Array(f64.buffer);
  args.forEach(([lo, hi], i) => {
    const vals = [0, 1, 2].map((k) => {
      w[0] = res[(3 * i + k) * HOUT]!;
      w[1] = res[(3 * i + k) * HOUT + 1]!;
      return f64[0]!;
    });
    table.set(`${lo >>> 0}:${hi >>> 0}`, vals as [number, number, number]);
  });
  const look =
    (k: number) =>
    (x: number): number => {
      f64[0] = x;
      const v = table.get(`${w[0]}:${w[1]}`);
      if (v === undefined) throw new Error(`libm argument ${x} was not prepared`);
      return v[k]!;
    };
  setX87Libm({ sin: look(0), cos: look(1), tan: look(2) });
}

// ------------------------------------------------------------ the test

/** Output words compared: everything, but EFLAGS only where an instruction defines them. */
function compareMask(name: string): number[] {
  const words = Array.from({ length: OUT_WORDS }, (_, i) => i);
  if (isSseOp(name) && !/comis/.test(name)) return words.filter((i) => i !== 18);
  return words;
}

const hex = (x: number): string => "0x" + (x >>> 0).toString(16).padStart(8, "0");

let opNames: string[] = [];

describe("x87 / SSE helpers vs qemu-i386", () => {
  beforeAll(() => {
    opNames = runQemu(["--list"]).toString().trim().split("\n");
  });

  it("the model covers every operation the guest program lists", () => {
    expect(opNames.length).toBeGreaterThan(150);
    expect(opNames.filter((n) => !isKnownOp(n))).toEqual([]);
  });

  it("every operation matches", { timeout: 1_200_000 }, () => {
    const failures: string[] = [];
    let total = 0;
    for (const [op, name] of opNames.entries()) {
      if (!ONLY.test(name)) continue;
      const rng = new Rng(SEED + op);
      const gen = generatorFor(name);
      const records = new Uint32Array(N * IN_WORDS);
      for (let i = 0; i < N; i++) {
        const o = i * IN_WORDS;
        records[o] = op;
        records[o + 1] = isSseOp(name) ? mxcsr(rng) : x87Cw(rng);
        gen(rng, records, o);
      }
      if (/^x_(fsin|fcos|fsincos|fptan)$/.test(name)) installHostLibm(records, N);
      const got = runQemu([], records);
      expect(got.length).toBe(N * OUT_WORDS * 4);
      const q = new Uint32Array(got.buffer, got.byteOffset, N * OUT_WORDS);
      const exp = new Uint32Array(OUT_WORDS);
      const mask = compareMask(name);
      resetModel();
      let bad = 0;
      for (let i = 0; i < N; i++) {
        runModel(name, records, i, exp, 0);
        const qo = i * OUT_WORDS;
        if (mask.some((k) => q[qo + k] !== exp[k])) {
          bad++;
          if (bad <= 3) {
            const ops = Array.from(records.subarray(i * IN_WORDS + 1, i * IN_WORDS + 14), hex).join(" ");
            const diff = mask.filter((k) => q[qo + k] !== exp[k]).map((k) => `[${k}] qemu ${hex(q[qo + k]!)} ts ${hex(exp[k]!)}`);
            failures.push(`${name} #${i} in=[${ops}] ${diff.join(", ")}`);
          }
        }
      }
      if (bad > 3) failures.push(`${name}: ${bad} of ${N} mismatched`);
      total += N;
    }
    console.log(`x87/SSE vs qemu-i386 (-cpu ${CPU}): ${total / N} instructions x ${N} records = ${total} (seed ${SEED})`);
    expect(failures).toEqual([]);
  });
});
