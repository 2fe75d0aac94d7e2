/**
 * src/fpu with QEMU's ARM configuration (armVfpStatus / setArmFpscr)
 * against qemu-arm -cpu cortex-a15,neon=off,vfp-d32=off running
 * testdata/arm/fpu/vfp-ops.elf: default-NaN mode, flush-to-zero with the
 * input-denormal flag (IDC), alternative half precision, the 2- and 3-NaN
 * propagation rules (fused multiply-add picks C, then A, then B), 0 * inf +
 * NaN, tininess before rounding, conversions to integer (NaN gives 0) and
 * fixed point, and FPSCR's cumulative flags and NZCV.  Each instruction is
 * modelled the way QEMU's translator and vfp helpers build it from softfloat
 * calls (target/arm/tcg/translate-vfp.c, vfp_helper.c).
 *
 * FPU_ARM_CASES sets the records per instruction (default 4000), FPU_SEED the seed.
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as F from "../../src/fpu/index.ts";
import { Relation, Round, type FloatStatus } from "../../src/fpu/index.ts";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";
import { Rng, genF32, genF32Pair, genF64, genF64Pair, genI32 } from "./gen.ts";

const ELF = join(repoRoot(), "testdata", "arm", "fpu", "vfp-ops.elf");
const CPU = "cortex-a15,neon=off,vfp-d32=off";
const N = Number(process.env["FPU_ARM_CASES"] ?? 4000);
const SEED = Number(process.env["FPU_SEED"] ?? 0xa4a0000);
const IN = 12;
const OUT = 4;

function runQemu(args: string[], input?: Uint32Array): Buffer {
  const q = trixieQemuUser("arm");
  if (q === undefined) throw new Error("qemu-arm (Debian trixie) is missing: bash tools/debian/fetch.sh qemu");
  if (!existsSync(ELF)) throw new Error(`${ELF} is missing: bash testdata/arm/fpu/build.sh`);
  const res = spawnSync(q, ["-cpu", CPU, ELF, ...args], {
    input: input ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : undefined,
    maxBuffer: 1 << 28,
  });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`qemu-arm vfp-ops exited with ${res.status}: ${res.stderr.toString()}`);
  return res.stdout;
}

const SIGN = -2147483648;
/** FPSCR bits kept by a write: NZCV, AHP, DN, FZ, RMode, the cumulative exception bits. */
const FPSCR_KEPT = 0xf0000000 | 0x07c00000 | 0x9f;

const st: FloatStatus = F.armVfpStatus();

interface Res {
  lo: number;
  hi: number;
  /** NZCV for comparisons, else undefined (kept from the input). */
  nzcv?: number;
}

function nzcv(rel: Relation): number {
  return rel === Relation.Equal ? 0x6 : rel === Relation.Less ? 0x8 : rel === Relation.Greater ? 0x2 : 0x3;
}

/** CONV_FTOI: a NaN converts to 0 with Invalid. */
function ftoi32(a: number, conv: () => number): number {
  if (F.f32IsAnyNan(a)) {
    st.flags |= F.Flag.Invalid;
    return 0;
  }
  return conv();
}
function ftoi64(lo: number, hi: number, conv: () => number): number {
  if (F.f64IsAnyNan(lo, hi)) {
    st.flags |= F.Flag.Invalid;
    return 0;
  }
  return conv();
}

/** Runs f with round-to-nearest (the AArch32 fixed-to-float helpers). */
function nearest<T>(f: () => T): T {
  const m = st.roundingMode;
  st.roundingMode = Round.NearestEven;
  const r = f();
  st.roundingMode = m;
  return r;
}

function withoutFlush<T>(inputs: boolean, f: () => T): T {
  const save = inputs ? st.flushInputsToZero : st.flushToZero;
  if (inputs) st.flushInputsToZero = false;
  else st.flushToZero = false;
  const r = f();
  if (inputs) st.flushInputsToZero = save;
  else st.flushToZero = save;
  return r;
}

type Model = (a: number, ah: number, b: number, bh: number, c: number, ch: number, ahp: boolean) => Res;
const s32 = (lo: number): Res => ({ lo, hi: 0 });
const d64 = (lo: number): Res => ({ lo, hi: st.hi });

const MODELS: Record<string, Model> = {
  vadd_f32: (a, _ah, b, _bh, c) => ({ lo: F.f32Add(a, b, st), hi: 0 }),
  vsub_f32: (a, _ah, b) => s32(F.f32Sub(a, b, st)),
  vmul_f32: (a, _ah, b) => s32(F.f32Mul(a, b, st)),
  vdiv_f32: (a, _ah, b) => s32(F.f32Div(a, b, st)),
  vsqrt_f32: (a) => s32(F.f32Sqrt(a, st)),
  vmla_f32: (a, _ah, b, _bh, c) => s32(F.f32Add(c, F.f32Mul(a, b, st), st)),
  vmls_f32: (a, _ah, b, _bh, c) => s32(F.f32Add(c, F.f32Mul(a, b, st) ^ SIGN, st)),
  vnmla_f32: (a, _ah, b, _bh, c) => {
    const t = F.f32Mul(a, b, st) ^ SIGN;
    return s32(F.f32Add(c ^ SIGN, t, st));
  },
  vnmls_f32: (a, _ah, b, _bh, c) => {
    const t = F.f32Mul(a, b, st);
    return s32(F.f32Add(c ^ SIGN, t, st));
  },
  vnmul_f32: (a, _ah, b) => s32(F.f32Mul(a, b, st) ^ SIGN),
  vfma_f32: (a, _ah, b, _bh, c) => s32(F.f32MulAdd(a, b, c, 0, st)),
  vfms_f32: (a, _ah, b, _bh, c) => s32(F.f32MulAdd(a ^ SIGN, b, c, 0, st)),
  vfnma_f32: (a, _ah, b, _bh, c) => s32(F.f32MulAdd(a ^ SIGN, b, c ^ SIGN, 0, st)),
  vfnms_f32: (a, _ah, b, _bh, c) => s32(F.f32MulAdd(a, b, c ^ SIGN, 0, st)),
  vcmp_f32: (a, _ah, b, _bh, c) => ({ lo: c, hi: 0, nzcv: nzcv(F.f32CompareQuiet(a, b, st)) }),
  vcmpe_f32: (a, _ah, b, _bh, c) => ({ lo: c, hi: 0, nzcv: nzcv(F.f32Compare(a, b, st)) }),
  vcmp0_f32: (a, _ah, _b, _bh, c) => ({ lo: c, hi: 0, nzcv: nzcv(F.f32CompareQuiet(a, 0, st)) }),
  vcmpe0_f32: (a, _ah, _b, _bh, c) => ({ lo: c, hi: 0, nzcv: nzcv(F.f32Compare(a, 0, st)) }),
  vabs_f32: (a) => s32(a & 0x7fffffff),
  vneg_f32: (a) => s32(a ^ SIGN),
  vcvt_s32_f32: (_a, _ah, b) => s32(ftoi32(b, () => F.f32ToInt32RoundToZero(b, st))),
  vcvtr_s32_f32: (_a, _ah, b) => s32(ftoi32(b, () => F.f32ToInt32(b, st))),
  vcvt_u32_f32: (_a, _ah, b) => s32(ftoi32(b, () => F.f32ToUint32RoundToZero(b, st))),
  vcvtr_u32_f32: (_a, _ah, b) => s32(ftoi32(b, () => F.f32ToUint32(b, st))),
  vcvt_f32_s32: (_a, _ah, b) => s32(F.int32ToF32(b, st)),
  vcvt_f32_u32: (_a, _ah, b) => s32(F.uint32ToF32(b, st)),
  vcvt_s32_f32_fix16: (_a, _ah, _b, _bh, c) => s32(ftoi32(c, () => F.f32ToInt32Scalbn(c, Round.ToZero, 16, st))),
  vcvt_u32_f32_fix3: (_a, _ah, _b, _bh, c) => s32(ftoi32(c, () => F.f32ToUint32Scalbn(c, Round.ToZero, 3, st))),
  vcvt_s16_f32_fix8: (_a, _ah, _b, _bh, c) => s32(ftoi32(c, () => F.f32ToInt16Scalbn(c, Round.ToZero, 8, st))),
  vcvt_u16_f32_fix1: (_a, _ah, _b, _bh, c) => s32(ftoi32(c, () => F.f32ToUint16Scalbn(c, Round.ToZero, 1, st))),
  vcvt_f32_s32_fix16: (_a, _ah, _b, _bh, c) => s32(nearest(() => F.int32ToF32Scalbn(c, -16, st))),
  vcvt_f32_u32_fix31: (_a, _ah, _b, _bh, c) => s32(nearest(() => F.uint32ToF32Scalbn(c, -31, st))),
  vcvt_f32_s16_fix4: (_a, _ah, _b, _bh, c) => s32(nearest(() => F.int32ToF32Scalbn((c << 16) >> 16, -4, st))),
  vcvt_f32_u16_fix16: (_a, _ah, _b, _bh, c) => s32(nearest(() => F.uint32ToF32Scalbn(c & 0xffff, -16, st))),
  vcvtb_f16_f32: (_a, _ah, b, _bh, c, _ch, ahp) => s32((c & ~0xffff) | withoutFlush(false, () => F.f32ToF16(b, !ahp, st))),
  vcvtt_f16_f32: (_a, _ah, b, _bh, c, _ch, ahp) => s32((c & 0xffff) | (withoutFlush(false, () => F.f32ToF16(b, !ahp, st)) << 16)),
  vcvtb_f32_f16: (_a, _ah, b, _bh, _c, _ch, ahp) => s32(withoutFlush(true, () => F.f16ToF32(b & 0xffff, !ahp, st))),
  vcvtt_f32_f16: (_a, _ah, b, _bh, _c, _ch, ahp) => s32(withoutFlush(true, () => F.f16ToF32(b >>> 16, !ahp, st))),
  vcvt_f32_f64: (_a, _ah, b, bh) => s32(F.f64ToF32(b, bh, st)),
  vcvt_s32_f64: (_a, _ah, b, bh) => s32(ftoi64(b, bh, () => F.f64ToInt32RoundToZero(b, bh, st))),
  vcvtr_s32_f64: (_a, _ah, b, bh) => s32(ftoi64(b, bh, () => F.f64ToInt32(b, bh, st))),
  vcvt_u32_f64: (_a, _ah, b, bh) => s32(ftoi64(b, bh, () => F.f64ToUint32RoundToZero(b, bh, st))),
  vcvtr_u32_f64: (_a, _ah, b, bh) => s32(ftoi64(b, bh, () => F.f64ToUint32(b, bh, st))),
  vadd_f64: (a, ah, b, bh) => d64(F.f64Add(a, ah, b, bh, st)),
  vsub_f64: (a, ah, b, bh) => d64(F.f64Sub(a, ah, b, bh, st)),
  vmul_f64: (a, ah, b, bh) => d64(F.f64Mul(a, ah, b, bh, st)),
  vdiv_f64: (a, ah, b, bh) => d64(F.f64Div(a, ah, b, bh, st)),
  vsqrt_f64: (a, ah) => d64(F.f64Sqrt(a, ah, st)),
  vmla_f64: (a, ah, b, bh, c, ch) => {
    const tl = F.f64Mul(a, ah, b, bh, st);
    return d64(F.f64Add(c, ch, tl, st.hi, st));
  },
  vnmls_f64: (a, ah, b, bh, c, ch) => {
    const tl = F.f64Mul(a, ah, b, bh, st);
    return d64(F.f64Add(c, ch ^ SIGN, tl, st.hi, st));
  },
  vnmul_f64: (a, ah, b, bh) => {
    const lo = F.f64Mul(a, ah, b, bh, st);
    return { lo, hi: st.hi ^ SIGN };
  },
  vfma_f64: (a, ah, b, bh, c, ch) => d64(F.f64MulAdd(a, ah, b, bh, c, ch, 0, st)),
  vfms_f64: (a, ah, b, bh, c, ch) => d64(F.f64MulAdd(a, ah ^ SIGN, b, bh, c, ch, 0, st)),
  vfnma_f64: (a, ah, b, bh, c, ch) => d64(F.f64MulAdd(a, ah ^ SIGN, b, bh, c, ch ^ SIGN, 0, st)),
  vfnms_f64: (a, ah, b, bh, c, ch) => d64(F.f64MulAdd(a, ah, b, bh, c, ch ^ SIGN, 0, st)),
  vcmp_f64: (a, ah, b, bh, c, ch) => ({ lo: c, hi: ch, nzcv: nzcv(F.f64CompareQuiet(a, ah, b, bh, st)) }),
  vcmpe_f64: (a, ah, b, bh, c, ch) => ({ lo: c, hi: ch, nzcv: nzcv(F.f64Compare(a, ah, b, bh, st)) }),
  vcvt_f64_f32: (_a, _ah, b) => d64(F.f32ToF64(b, st)),
  vcvt_f64_s32: (_a, _ah, b) => d64(F.int32ToF64(b, st)),
  vcvt_f64_u32: (_a, _ah, b) => d64(F.uint32ToF64(b, st)),
  // The to-fixed helpers return the int32 sign-extended to 64 bits, stored in the whole D register.
  vcvt_s32_f64_fix20: (_a, _ah, _b, _bh, c, ch) => {
    const r = ftoi64(c, ch, () => F.f64ToInt32Scalbn(c, ch, Round.ToZero, 20, st));
    return { lo: r, hi: r >> 31 };
  },
  vcvt_f64_u32_fix7: (_a, _ah, _b, _bh, c) => d64(nearest(() => F.uint32ToF64Scalbn(c, -7, st))),
};

// ------------------------------------------------------------ operands

const NANS32 = [0x7fc00000, 0x7f800001, 0xffc12345 | 0, 0x7fa00000, 0xff800002 | 0, 0x7fffffff];
const NANS64: Array<[number, number]> = [
  [0, 0x7ff80000],
  [1, 0x7ff00000],
  [0x1234, 0xfff81234 | 0],
  [0, 0x7ff40000],
  [-1, 0x7fffffff],
];

function fpscr(rng: Rng): number {
  let v = rng.int(4) << 22;
  if (rng.chance(0.35)) v |= 1 << 24; // FZ
  if (rng.chance(0.3)) v |= 1 << 25; // DN
  if (rng.chance(0.3)) v |= 1 << 26; // AHP
  if (rng.chance(0.25)) v |= rng.u32() & 0x9f; // cumulative flags
  if (rng.chance(0.25)) v |= rng.u32() & 0xf0000000; // NZCV
  if (rng.chance(0.1)) v |= rng.u32() & 0x9f00; // trap enables: RAZ/WI
  return v >>> 0;
}

function gen(name: string, rng: Rng, w: Uint32Array, o: number): void {
  const dbl = /f64/.test(name) && !/^vcvt_f64_(f32|s32|u32)$/.test(name) && !/^vcvt_f64_u32_fix/.test(name);
  if (/f64_(s32|u32)$|^vcvt_f32_(s32|u32)$/.test(name)) {
    w[o + 4] = genI32(rng);
    w[o + 6] = genI32(rng);
    return;
  }
  if (/^vcvt_f32_(s|u)(16|32)_fix|^vcvt_f64_u32_fix/.test(name)) {
    w[o + 6] = genI32(rng);
    w[o + 7] = genI32(rng);
    return;
  }
  if (/^vcvt(b|t)_f32_f16$/.test(name)) {
    w[o + 4] = rng.u32();
    w[o + 6] = rng.u32();
    return;
  }
  if (dbl || /f32_f64|_f64$|_f64_fix/.test(name)) {
    const [al, ah] = genF64(rng);
    const [bl, bh] = genF64Pair(rng, al, ah);
    let [cl, ch] = rng.chance(0.3) ? genF64Pair(rng, al, ah) : genF64(rng);
    w[o + 2] = al;
    w[o + 3] = ah;
    w[o + 4] = bl;
    w[o + 5] = bh;
    if (rng.chance(0.15)) {
      // Several NaNs for the propagation rules.
      for (const k of [2, 4, 6]) {
        if (rng.chance(0.6)) {
          const [nl, nh] = rng.pick(NANS64);
          w[o + k] = nl;
          w[o + k + 1] = nh;
          if (k === 6) [cl, ch] = [nl, nh];
        }
      }
    }
    w[o + 6] = cl;
    w[o + 7] = ch;
    return;
  }
  const a = genF32(rng);
  w[o + 2] = a;
  w[o + 4] = genF32Pair(rng, a);
  w[o + 6] = rng.chance(0.3) ? genF32Pair(rng, a) : genF32(rng);
  if (/16/.test(name) && rng.chance(0.5)) {
    // Values in the float16 range, and around its overflow threshold.
    w[o + 4] = ((rng.chance(0.5) ? 0x80000000 : 0) | ((100 + rng.int(45)) << 23) | (rng.u32() & 0x7fffff)) >>> 0;
  }
  if (/fix/.test(name) && rng.chance(0.5)) {
    w[o + 6] = ((rng.chance(0.5) ? 0x80000000 : 0) | ((110 + rng.int(40)) << 23) | (rng.u32() & 0x7fffff)) >>> 0;
  }
  if (rng.chance(0.15)) {
    for (const k of [2, 4, 6]) if (rng.chance(0.6)) w[o + k] = rng.pick(NANS32);
  }
  if (rng.chance(0.05)) {
    // 0 * inf + c
    w[o + 2] = rng.chance(0.5) ? 0 : 0x7f800000;
    w[o + 4] = w[o + 2] === 0 ? 0xff800000 : 0x80000000;
  }
}

// ------------------------------------------------------------ the test

const hex = (x: number): string => "0x" + (x >>> 0).toString(16).padStart(8, "0");
let opNames: string[] = [];

describe("ARM VFP rules vs qemu-arm", () => {
  beforeAll(() => {
    opNames = runQemu(["--list"]).toString().trim().split("\n");
  });

  it("models every listed instruction", () => {
    expect(opNames.length).toBeGreaterThan(50);
    expect(opNames.filter((n) => !(n in MODELS))).toEqual([]);
  });

  it("every instruction matches", { timeout: 900_000 }, () => {
    const failures: string[] = [];
    let total = 0;
    for (const [op, name] of opNames.entries()) {
      const rng = new Rng(SEED + op);
      const recs = new Uint32Array(N * IN);
      for (let i = 0; i < N; i++) {
        const o = i * IN;
        recs[o] = op;
        recs[o + 1] = fpscr(rng);
        gen(name, rng, recs, o);
      }
      const out = runQemu([], recs);
      expect(out.length).toBe(N * OUT * 4);
      const q = new Uint32Array(out.buffer, out.byteOffset, N * OUT);
      let bad = 0;
      for (let i = 0; i < N; i++) {
        const o = i * IN;
        const f = recs[o + 1]!;
        F.setArmFpscr(st, f);
        st.flags = 0;
        const r = MODELS[name]!(
          recs[o + 2]! | 0,
          recs[o + 3]! | 0,
          recs[o + 4]! | 0,
          recs[o + 5]! | 0,
          recs[o + 6]! | 0,
          recs[o + 7]! | 0,
          (f & (1 << 26)) !== 0,
        );
        let fo = (f & FPSCR_KEPT) | F.armFpscrFlagsFromStatus(st);
        if (r.nzcv !== undefined) fo = (fo & 0x0fffffff) | (r.nzcv << 28);
        const isS = !/f64/.test(name) || /^vcvt(r?)_(s32|u32)_f64$|^vcvt_f32_f64$/.test(name);
        const expHi = isS ? 0 : r.hi;
        const qo = i * OUT;
        const ok = q[qo] === r.lo >>> 0 && q[qo + 1] === expHi >>> 0 && q[qo + 2] === fo >>> 0;
        if (!ok) {
          bad++;
          if (bad <= 3) {
            failures.push(
              `${name} #${i} fpscr=${hex(f)} a=${hex(recs[o + 3]!)}${hex(recs[o + 2]!).slice(2)} b=${hex(recs[o + 5]!)}${hex(recs[o + 4]!).slice(2)} c=${hex(recs[o + 7]!)}${hex(recs[o + 6]!).slice(2)}: qemu ${hex(q[qo + 1]!)}:${hex(q[qo]!)} fpscr ${hex(q[qo + 2]!)}, ts ${hex(expHi)}:${hex(r.lo)} fpscr ${hex(fo)}`,
            );
          }
        }
      }
      if (bad > 3) failures.push(`${name}: ${bad} of ${N} mismatched`);
      total += N;
    }
    console.log(`ARM VFP vs qemu-arm (-cpu ${CPU}): ${opNames.length} instructions x ${N} records = ${total} (seed ${SEED})`);
    expect(failures).toEqual([]);
  });
});
