/**
 * Float-to-integer conversions of src/fpu (signed and unsigned 16/32/64-bit,
 * with scaling, in every rounding mode including ties-away and round-to-odd)
 * against an exact BigInt model of QEMU's parts_float_to_sint /
 * parts_float_to_uint: the value is rounded to an integer, then saturated
 * with Invalid (Inexact is not raised then); NaN gives the maximum, a
 * negative value rounding to zero gives 0 with Inexact, other negative
 * values give 0 with Invalid for unsigned targets.  Also checks all the
 * flag detail bits (InvalidCvti, InvalidSnan).
 */

import { describe, expect, it } from "vitest";
import * as F from "../../src/fpu/index.ts";
import { Flag, Round } from "../../src/fpu/index.ts";
import { caseCount, genF32, genF64, genX80, seedFor, Rng } from "./gen.ts";

const N = caseCount(60_000);
const MODES = [Round.NearestEven, Round.Down, Round.Up, Round.ToZero, Round.TiesAway, Round.ToOdd];

interface Val {
  nan: boolean;
  snan: boolean;
  inf: boolean;
  neg: boolean;
  /** |value| = m * 2^e */
  m: bigint;
  e: number;
}

function decode32(a: number): Val {
  const neg = a < 0;
  const e = (a >>> 23) & 0xff;
  const f = BigInt(a & 0x7fffff);
  if (e === 0xff) return { nan: f !== 0n, snan: f !== 0n && (a & 0x400000) === 0, inf: f === 0n, neg, m: 0n, e: 0 };
  if (e === 0) return { nan: false, snan: false, inf: false, neg, m: f, e: -149 };
  return { nan: false, snan: false, inf: false, neg, m: f | 0x800000n, e: e - 150 };
}

function decode64(lo: number, hi: number): Val {
  const neg = hi < 0;
  const e = (hi >>> 20) & 0x7ff;
  const f = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo >>> 0);
  if (e === 0x7ff) return { nan: f !== 0n, snan: f !== 0n && (hi & 0x80000) === 0, inf: f === 0n, neg, m: 0n, e: 0 };
  if (e === 0) return { nan: false, snan: false, inf: false, neg, m: f, e: -1074 };
  return { nan: false, snan: false, inf: false, neg, m: f | (1n << 52n), e: e - 1075 };
}

function decodeX80(lo: number, hi: number, se: number): Val {
  const neg = (se & 0x8000) !== 0;
  const e = se & 0x7fff;
  const m = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  // x86: an unnormal, pseudo-infinity or pseudo-NaN is invalid: it converts as the default (quiet) NaN.
  if (e !== 0 && hi >= 0) return { nan: true, snan: false, inf: false, neg, m: 0n, e: 0 };
  if (e === 0x7fff) {
    const f = m & ((1n << 63n) - 1n);
    return { nan: f !== 0n, snan: f !== 0n && (hi & 0x40000000) === 0, inf: f === 0n, neg, m: 0n, e: 0 };
  }
  return { nan: false, snan: false, inf: false, neg, m, e: (e === 0 ? 1 : e) - 16383 - 63 };
}

/** |value| * 2^scale rounded to an integer in mode, and whether that was inexact. */
function roundMag(v: Val, scale: number, mode: Round): [bigint, boolean] {
  const s = Math.max(-0x10000, Math.min(0x10000, scale));
  const e = v.e + s;
  if (e >= 0) return [v.m << BigInt(e), false];
  const sh = BigInt(-e);
  const q = v.m >> sh;
  const rem = v.m - (q << sh);
  if (rem === 0n) return [q, false];
  const half = 1n << (sh - 1n);
  let up: boolean;
  switch (mode) {
    case Round.NearestEven:
      up = rem > half || (rem === half && (q & 1n) === 1n);
      break;
    case Round.TiesAway:
      up = rem >= half;
      break;
    case Round.ToZero:
      up = false;
      break;
    case Round.Up:
      up = !v.neg;
      break;
    case Round.Down:
      up = v.neg;
      break;
    default: // ToOdd
      up = (q & 1n) === 0n;
      break;
  }
  return [up ? q + 1n : q, true];
}

function refSigned(v: Val, scale: number, mode: Round, bits: number): [bigint, number] {
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (v.nan) return [max, Flag.Invalid | (v.snan ? Flag.InvalidSnan : 0)];
  if (v.inf) return [v.neg ? min : max, Flag.Invalid | Flag.InvalidCvti];
  if (v.m === 0n) return [0n, 0];
  const [q, inexact] = roundMag(v, scale, mode);
  const r = v.neg ? -q : q;
  if (r < min) return [min, Flag.Invalid | Flag.InvalidCvti];
  if (r > max) return [max, Flag.Invalid | Flag.InvalidCvti];
  return [r, inexact ? Flag.Inexact : 0];
}

function refUnsigned(v: Val, scale: number, mode: Round, bits: number): [bigint, number] {
  const max = (1n << BigInt(bits)) - 1n;
  if (v.nan) return [max, Flag.Invalid | (v.snan ? Flag.InvalidSnan : 0)];
  if (v.inf) return [v.neg ? 0n : max, Flag.Invalid | Flag.InvalidCvti];
  if (v.m === 0n) return [0n, 0];
  const [q, inexact] = roundMag(v, scale, mode);
  if (q === 0n) return [0n, inexact ? Flag.Inexact : 0];
  if (v.neg) return [0n, Flag.Invalid | Flag.InvalidCvti];
  if (q > max) return [max, Flag.Invalid | Flag.InvalidCvti];
  return [q, inexact ? Flag.Inexact : 0];
}

const st = F.sseStatus();
const u64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

type Conv = { name: string; run(rng: Rng, mode: Round): [bigint, number, bigint, number, string] };

function intLikeScale(rng: Rng): number {
  return rng.chance(0.5) ? 0 : rng.int(41) - 20;
}

const CONVS: Conv[] = [];
for (const [bits, signed] of [
  [16, true],
  [16, false],
  [32, true],
  [32, false],
  [64, true],
  [64, false],
] as const) {
  const mask = (1n << BigInt(bits)) - 1n;
  const tag = `${signed ? "int" : "uint"}${bits}`;
  CONVS.push({
    name: `f32 -> ${tag}`,
    run(rng, mode) {
      const a = rng.chance(0.5)
        ? genF32(rng)
        : (rng.chance(0.5) ? 0x80000000 : 0) | ((120 + rng.int(50)) << 23) | (rng.u32() & 0x7fffff) | 0;
      const scale = intLikeScale(rng);
      const v = decode32(a);
      const [want, wf] = signed ? refSigned(v, scale, mode, bits) : refUnsigned(v, scale, mode, bits);
      st.flags = 0;
      let got: bigint;
      if (bits === 64) got = u64(signed ? F.f32ToInt64Scalbn(a, mode, scale, st) : F.f32ToUint64Scalbn(a, mode, scale, st), st.hi);
      else if (bits === 32) got = BigInt(signed ? F.f32ToInt32Scalbn(a, mode, scale, st) : F.f32ToUint32Scalbn(a, mode, scale, st));
      else got = BigInt(signed ? F.f32ToInt16Scalbn(a, mode, scale, st) : F.f32ToUint16Scalbn(a, mode, scale, st));
      return [want & mask, wf, got & mask, st.flags, `a=${(a >>> 0).toString(16)} scale=${scale}`];
    },
  });
  CONVS.push({
    name: `f64 -> ${tag}`,
    run(rng, mode) {
      const [lo, hi] = rng.chance(0.5)
        ? genF64(rng)
        : [rng.u32(), (rng.chance(0.5) ? -2147483648 : 0) | ((1015 + rng.int(60)) << 20) | (rng.u32() & 0xfffff)];
      const scale = intLikeScale(rng);
      const v = decode64(lo, hi);
      const [want, wf] = signed ? refSigned(v, scale, mode, bits) : refUnsigned(v, scale, mode, bits);
      st.flags = 0;
      let got: bigint;
      if (bits === 64)
        got = u64(signed ? F.f64ToInt64Scalbn(lo, hi, mode, scale, st) : F.f64ToUint64Scalbn(lo, hi, mode, scale, st), st.hi);
      else if (bits === 32)
        got = BigInt(signed ? F.f64ToInt32Scalbn(lo, hi, mode, scale, st) : F.f64ToUint32Scalbn(lo, hi, mode, scale, st));
      else got = BigInt(signed ? F.f64ToInt16Scalbn(lo, hi, mode, scale, st) : F.f64ToUint16Scalbn(lo, hi, mode, scale, st));
      return [want & mask, wf, got & mask, st.flags, `a=${(hi >>> 0).toString(16)}:${(lo >>> 0).toString(16)} scale=${scale}`];
    },
  });
  if (signed && bits >= 32) {
    CONVS.push({
      name: `x80 -> ${tag}`,
      run(rng, mode) {
        const [lo, hi, se] = rng.chance(0.5)
          ? genX80(rng)
          : [rng.u32(), rng.u32() | -2147483648, (rng.chance(0.5) ? 0x8000 : 0) | (0x3ff0 + rng.int(90))];
        const scale = intLikeScale(rng);
        const v = decodeX80(lo, hi, se);
        const [want, wf] = refSigned(v, scale, mode, bits);
        st.flags = 0;
        let got: bigint;
        if (bits === 64) got = u64(F.x80ToInt64Scalbn(lo, hi, se, mode, scale, st), st.hi);
        else got = BigInt(F.x80ToInt32Scalbn(lo, hi, se, mode, scale, st));
        // An invalid encoding raises Invalid while unpacking, then converts the default NaN.
        return [
          want & mask,
          wf,
          got & mask,
          st.flags,
          `a=${(se & 0xffff).toString(16)}:${(hi >>> 0).toString(16)}:${(lo >>> 0).toString(16)} scale=${scale}`,
        ];
      },
    });
  }
}

describe("float-to-integer conversions vs an exact model", () => {
  for (const [i, conv] of CONVS.entries()) {
    it(conv.name, { timeout: 600_000 }, () => {
      const seed = seedFor(0xc0de0000 + i);
      const rng = new Rng(seed);
      const failures: string[] = [];
      let bad = 0;
      for (let k = 0; k < N; k++) {
        const mode = MODES[k % MODES.length]!;
        const [want, wf, got, gf, desc] = conv.run(rng, mode);
        if (want !== got || wf !== gf) {
          bad++;
          if (failures.length < 8)
            failures.push(
              `${desc} mode=${mode}: want ${want.toString(16)} f=${wf.toString(16)} got ${got.toString(16)} f=${gf.toString(16)}`,
            );
        }
      }
      console.log(`${conv.name}: ${N} cases (seed ${seed}), 6 rounding modes`);
      expect(failures, `${bad} of ${N} mismatched`).toEqual([]);
    });
  }
});
