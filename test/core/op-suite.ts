// The op suite: generators of test cases for every TCG op (checked against reference-model.ts) and a
// batch runner that packs many independent cases into one TB, runs it through the whole pipeline
// (optional lowerI64 -> optional optimizer -> liveness -> encoder -> interpreter) and compares every
// output. Shared by ops.test.ts (correctness) and bytecode-coverage.test.ts (which bytecodes the
// suite reaches).
//
// Operand shapes, per input: "g" = a global whose value is set before the TB runs (unknown at
// translation time), "c" = a constant temp (constant folding, immediate bytecode forms). Mixed shapes
// ("gc", "cg", ...) put constants in either position. Extra variants: `same` (both inputs are one temp:
// x op x), `alias` (an output is written to the global of an input), `viaTemp` (inputs are copied to TB
// temps and outputs go through TB temps before reaching a global).
import { Cond, MO_ALIGN, MO_SIGN, MO_SIZE, Opc, Type } from "../../src/tcg/opcodes.ts";
import type { TcgBuilder } from "../../src/tcg/builder.ts";
import type { Temp } from "../../src/tcg/context.ts";
import { Stop } from "../../src/exec/cpu-exec.ts";
import {
  ALL_CONDS,
  CONDN,
  MIN,
  Rng,
  S,
  U,
  envAccess,
  memBytes,
  ones,
  refEnvLoad,
  refEnvStore,
  refLoad,
  refOp,
  refStore,
  type Width,
} from "./reference-model.ts";
import {
  N32,
  N64,
  W_SCR,
  W_SCR_WORDS,
  hex,
  makeWide,
  readSlot,
  runWide,
  slotOf32,
  slotOf64,
  writeSlot,
  type Wide,
  type WideToy,
} from "./wide-toy.ts";

// ---------------------------------------------------------------- configurations

export interface Config {
  name: string;
  optimize: boolean;
  lowerI64: boolean;
}
export const CONFIGS: readonly Config[] = [
  { name: "opt", optimize: true, lowerI64: false },
  { name: "noopt", optimize: false, lowerI64: false },
  { name: "opt+lower", optimize: true, lowerI64: true },
  { name: "noopt+lower", optimize: false, lowerI64: true },
];

/** Called for every exec the suite creates (bytecode-coverage.test.ts hooks an observer in). */
export interface SuiteHooks {
  onExec?(w: Wide): void;
}

export function newWide(cfg: Config, hooks?: SuiteHooks, ramBytes?: number): Wide {
  // A small code cache: each batch is one TB and the cache is flushed before every batch.
  const w = makeWide({ optimize: cfg.optimize, lowerI64: cfg.lowerI64, codeWords: 1 << 17, maxTbs: 64 }, ramBytes);
  hooks?.onExec?.(w);
  return w;
}

export interface Result {
  failures: string[];
  checks: number;
}

// ---------------------------------------------------------------- op cases

export type Shape = "g" | "c";

export interface OpCase {
  /** e.g. "add_i64" */
  label: string;
  opc: Opc;
  /** The op's type (as passed to TcgContext.emit). */
  type: Type;
  inW: Width[];
  outW: Width[];
  consts: number[];
  ins: bigint[];
  expect: bigint[];
  shape: Shape[];
  /** Input 1 is the very same temp as input 0 (x op x). */
  same?: boolean;
  /** Per output: the input whose global the output overwrites. */
  alias?: (number | undefined)[];
  viaTemp?: boolean;
  /**
   * "rot64" / "rot32": the shift-shift-or rotate idiom of x by n (64-bit: `x << n | x >>> 64-n`;
   * RV64's srliw + slliw + or: the sign-extended 32-bit rotate right), which the optimizer turns
   * into one rotate; "rotw": roriw's ops (`extrl; rotr_i32 n; ext_i32_i64`), one rotliw bytecode.
   */
  form: "op" | "brcond" | "brcond2" | "wfuse" | "rot64" | "rot32" | "rotw";
  /** For "wfuse": the i64 op whose result is sign-extended from bit 31 (fused *w bytecodes). */
  inner?: Opc;
}

const wOf = (t: Type): Width => (t === Type.I64 ? 64 : 32);
const typeOf = (w: Width): Type => (w === 64 ? Type.I64 : Type.I32);

function shapeTag(c: OpCase): string {
  let s = c.shape.join("");
  if (c.same) s += " same-operand";
  if (c.alias) s += " alias" + c.alias.map((a) => (a === undefined ? "-" : String(a))).join("");
  if (c.viaTemp) s += " via-temps";
  return s;
}

export function describeCase(c: OpCase): string {
  const ins = c.ins.map((v, i) => hex(v, c.inW[i])).join(", ");
  const ks = c.consts.length ? " {" + c.consts.map((k, i) => (isCondOp(c) && i === 0 ? CONDN[k] : String(k))).join(", ") + "}" : "";
  return `${c.label}${c.inner !== undefined ? "(" + OPC_NAME[c.inner] + ")" : ""} [${shapeTag(c)}] (${ins})${ks}`;
}
function isCondOp(c: OpCase): boolean {
  return [Opc.setcond, Opc.negsetcond, Opc.movcond, Opc.brcond, Opc.brcond2, Opc.setcond2].includes(c.opc);
}

export const OPC_NAME: Record<number, string> = {
  [Opc.mov]: "mov",
  [Opc.add]: "add",
  [Opc.sub]: "sub",
  [Opc.neg]: "neg",
  [Opc.mul]: "mul",
  [Opc.mulu2]: "mulu2",
  [Opc.muls2]: "muls2",
  [Opc.muluh]: "muluh",
  [Opc.mulsh]: "mulsh",
  [Opc.divs]: "divs",
  [Opc.divu]: "divu",
  [Opc.rems]: "rems",
  [Opc.remu]: "remu",
  [Opc.and]: "and",
  [Opc.or]: "or",
  [Opc.xor]: "xor",
  [Opc.not]: "not",
  [Opc.andc]: "andc",
  [Opc.orc]: "orc",
  [Opc.eqv]: "eqv",
  [Opc.nand]: "nand",
  [Opc.nor]: "nor",
  [Opc.shl]: "shl",
  [Opc.shr]: "shr",
  [Opc.sar]: "sar",
  [Opc.rotl]: "rotl",
  [Opc.rotr]: "rotr",
  [Opc.clz]: "clz",
  [Opc.ctz]: "ctz",
  [Opc.ctpop]: "ctpop",
  [Opc.extract]: "extract",
  [Opc.sextract]: "sextract",
  [Opc.deposit]: "deposit",
  [Opc.extract2]: "extract2",
  [Opc.bswap16]: "bswap16",
  [Opc.bswap32]: "bswap32",
  [Opc.bswap64]: "bswap64",
  [Opc.setcond]: "setcond",
  [Opc.negsetcond]: "negsetcond",
  [Opc.movcond]: "movcond",
  [Opc.brcond]: "brcond",
  [Opc.add2]: "add2",
  [Opc.sub2]: "sub2",
  [Opc.brcond2]: "brcond2",
  [Opc.setcond2]: "setcond2",
  [Opc.ext_i32_i64]: "ext_i32_i64",
  [Opc.extu_i32_i64]: "extu_i32_i64",
  [Opc.extrl_i64_i32]: "extrl_i64_i32",
  [Opc.extrh_i64_i32]: "extrh_i64_i32",
};

interface CaseSpec {
  opc: Opc;
  type: Type;
  inW: Width[];
  outW: Width[];
  consts?: number[];
  label?: string;
  form?: OpCase["form"];
  inner?: Opc;
}

function mk(spec: CaseSpec, ins: bigint[], shape: Shape[], extra: Partial<OpCase> = {}): OpCase {
  const consts = spec.consts ?? [];
  const form = spec.form ?? "op";
  const normIns = ins.map((v, i) => U(spec.inW[i], v));
  let expect: bigint[];
  if (form === "wfuse") expect = [U(64, S(32, refOp(spec.inner!, 64, normIns)[0]))];
  else if (form === "rot64") {
    const [x, n] = normIns;
    expect = [U(64, (x << n) | (x >> (64n - n)))];
  } else if (form === "rot32" || form === "rotw") {
    const [x, n] = [U(32, normIns[0]), normIns[1]];
    expect = [U(64, S(32, (x >> n) | (x << (32n - n))))];
  } else
    expect = refOp(
      spec.opc,
      form === "brcond2" ? 32 : wOf(spec.type),
      extra.same ? [normIns[0], normIns[0], ...normIns.slice(2)] : normIns,
      consts,
    );
  const label = spec.label ?? `${OPC_NAME[spec.opc]}_i${wOf(spec.type)}`;
  return {
    label,
    opc: spec.opc,
    type: spec.type,
    inW: spec.inW,
    outW: spec.outW,
    consts,
    ins: normIns,
    expect,
    shape,
    form,
    inner: spec.inner,
    ...extra,
  };
}

// ---------------------------------------------------------------- value sets

export const EDGE64: readonly bigint[] = [
  0n,
  1n,
  2n,
  ones(64),
  ones(64) - 1n,
  MIN(64),
  MIN(64) - 1n,
  MIN(64) + 1n,
  0xffffffffn,
  0xfffffffen,
  0x80000000n,
  0x7fffffffn,
  0x100000000n,
  0xffffffff80000000n,
];
export const EDGE32: readonly bigint[] = [
  0n,
  1n,
  2n,
  ones(32),
  ones(32) - 1n,
  MIN(32),
  MIN(32) - 1n,
  MIN(32) + 1n,
  0xffffn,
  0x10000n,
  0x8000n,
  0x7fffn,
  0xffn,
  0x12345678n,
];
const COND64: readonly bigint[] = [
  0n,
  1n,
  ones(64),
  MIN(64),
  MIN(64) - 1n,
  0xffffffffn,
  0x80000000n,
  0x100000000n,
  0xffffffff80000000n,
  0x7fffffffn,
];
const COND32: readonly bigint[] = [0n, 1n, ones(32), MIN(32), MIN(32) - 1n, 0xffffn, 0x8000n, 0x80000001n, 0xfffffffen, 0x7fffn];

export const edges = (w: Width) => (w === 64 ? EDGE64 : EDGE32);
const condVals = (w: Width) => (w === 64 ? COND64 : COND32);

function pairs(xs: readonly bigint[], ys: readonly bigint[] = xs): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (const x of xs) for (const y of ys) out.push([x, y]);
  return out;
}
function randomPairs(rng: Rng, w: Width, n: number): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (let i = 0; i < n; i++) out.push([rng.value(w), rng.value(w)]);
  return out;
}
function seedOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

const SHAPES2: Shape[][] = [
  ["g", "g"],
  ["c", "c"],
  ["g", "c"],
  ["c", "g"],
];
const SHAPES4: Shape[][] = [
  ["g", "g", "g", "g"],
  ["c", "c", "c", "c"],
  ["g", "c", "g", "c"],
  ["c", "g", "c", "g"],
  ["g", "g", "c", "c"],
  ["c", "c", "g", "g"],
];

// ---------------------------------------------------------------- generators

export interface Group {
  /** Test name, e.g. "add i64". */
  name: string;
  cases: OpCase[];
}

const BINARY: Opc[] = [
  Opc.add,
  Opc.sub,
  Opc.mul,
  Opc.muluh,
  Opc.mulsh,
  Opc.divs,
  Opc.divu,
  Opc.rems,
  Opc.remu,
  Opc.and,
  Opc.or,
  Opc.xor,
  Opc.andc,
  Opc.orc,
  Opc.eqv,
  Opc.nand,
  Opc.nor,
];
const SHIFTS: Opc[] = [Opc.shl, Opc.shr, Opc.sar, Opc.rotl, Opc.rotr];
const UNARY: Opc[] = [Opc.mov, Opc.neg, Opc.not, Opc.ctpop];

function binaryCases(opc: Opc, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`bin${opc}:${w}`));
  const spec: CaseSpec = { opc, type: typeOf(w), inW: [w, w], outW: [w] };
  const ps = [...pairs(edges(w)), ...randomPairs(rng, w, 48)];
  const out: OpCase[] = [];
  for (const sh of SHAPES2) for (const [a, b] of ps) out.push(mk(spec, [a, b], sh));
  for (const a of [...edges(w), rng.value(w), rng.value(w)]) out.push(mk(spec, [a, a], ["g", "g"], { same: true }));
  for (const [a, b] of ps.slice(-12)) {
    out.push(mk(spec, [a, b], ["g", "g"], { alias: [0] }));
    out.push(mk(spec, [a, b], ["g", "g"], { alias: [1] }));
    out.push(mk(spec, [a, b], ["g", "c"], { alias: [0] }));
  }
  return out;
}

function shiftCases(opc: Opc, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`sh${opc}:${w}`));
  const spec: CaseSpec = { opc, type: typeOf(w), inW: [w, w], outW: [w] };
  const vals =
    w === 64
      ? [0x8123456789abcdefn, 1n, ones(64), 0x7f00ff00a5a55a5an, rng.value(64), rng.value(64)]
      : [0x89abcdefn, 1n, ones(32), 0x7f00ff5an, rng.value(32), rng.value(32)];
  // Counts 0..w-1, then out-of-range counts (taken mod w by tciemu's definition).
  const counts: bigint[] = [];
  for (let n = 0; n < w; n++) counts.push(BigInt(n));
  const wild = [
    BigInt(w),
    BigInt(w + 1),
    BigInt(2 * w - 1),
    100n,
    ones(w),
    U(w, -5n),
    ...(w === 64 ? [0x100000003n, 0xffffffff00000021n] : [0x80000007n]),
  ];
  const out: OpCase[] = [];
  for (const sh of SHAPES2) {
    for (const v of vals) for (const n of counts) out.push(mk(spec, [v, n], sh));
    for (const v of vals.slice(0, 3)) for (const n of wild) out.push(mk(spec, [v, n], sh));
  }
  for (const n of [0n, 1n, BigInt(w - 1), 5n]) out.push(mk(spec, [vals[0], n], ["g", "c"], { alias: [0] }));
  for (const n of [0n, 3n, BigInt(w - 1)]) out.push(mk(spec, [vals[3], n], ["g", "g"], { alias: [1] }));
  for (const v of [3n, BigInt(w + 2), ones(w)]) out.push(mk(spec, [v, v], ["g", "g"], { same: true }));
  return out;
}

function unaryCases(opc: Opc, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`un${opc}:${w}`));
  const spec: CaseSpec = { opc, type: typeOf(w), inW: [w], outW: [w] };
  const vals = [...edges(w)];
  for (let i = 0; i < w; i += 3) vals.push(1n << BigInt(i));
  for (let i = 0; i < 24; i++) vals.push(rng.value(w));
  const out: OpCase[] = [];
  for (const sh of [["g"], ["c"]] as Shape[][]) for (const v of vals) out.push(mk(spec, [v], sh));
  for (const v of vals.slice(0, 6)) out.push(mk(spec, [v], ["g"], { alias: [0] }));
  return out;
}

function countCases(opc: Opc, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`cnt${opc}:${w}`));
  const spec: CaseSpec = { opc, type: typeOf(w), inW: [w, w], outW: [w] };
  const vals = [...edges(w)];
  for (let i = 0; i < w; i++) vals.push(1n << BigInt(i));
  for (let i = 0; i < w; i += 5) vals.push(ones(w) << BigInt(i));
  for (let i = 0; i < 16; i++) vals.push(rng.value(w));
  const zs = [BigInt(w), 0n, 0x1234n, ones(w)];
  const out: OpCase[] = [];
  for (const sh of SHAPES2) for (const v of vals) out.push(mk(spec, [v, zs[(vals.indexOf(v) + SHAPES2.indexOf(sh)) % zs.length]], sh));
  for (const sh of SHAPES2) for (const z of zs) out.push(mk(spec, [0n, z], sh));
  out.push(mk(spec, [0n, 0n], ["g", "g"], { same: true }));
  out.push(mk(spec, [0x100n, 0n], ["g", "g"], { same: true }));
  out.push(mk(spec, [0n, 77n], ["g", "g"], { alias: [0] }));
  out.push(mk(spec, [0x40n, 77n], ["g", "g"], { alias: [1] }));
  return out;
}

/** (pos, len) pairs: every pair for 32 bits; for 64 bits every pos and every len, crossed with a sample. */
export function bitFields(w: Width): [number, number][] {
  const out: [number, number][] = [];
  const seen = new Set<string>();
  const add = (pos: number, len: number) => {
    if (len < 1 || pos < 0 || pos + len > w) return;
    const k = `${pos},${len}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push([pos, len]);
    }
  };
  if (w === 32) {
    for (let pos = 0; pos < 32; pos++) for (let len = 1; pos + len <= 32; len++) add(pos, len);
    return out;
  }
  for (let pos = 0; pos < 64; pos++)
    for (const len of [1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 48, 63, 64 - pos, 32 - pos, 64 - pos - 1]) add(pos, len);
  for (let len = 1; len <= 64; len++) {
    add(0, len);
    add(64 - len, len);
    add(32 - (len >> 1), len);
  }
  return out;
}

function fieldCases(opc: Opc.extract | Opc.sextract | Opc.deposit, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`bf${opc}:${w}`));
  const out: OpCase[] = [];
  const fields = bitFields(w);
  fields.forEach(([pos, len], i) => {
    const spec: CaseSpec = { opc, type: typeOf(w), inW: opc === Opc.deposit ? [w, w] : [w], outW: [w], consts: [pos, len] };
    if (opc === Opc.deposit) {
      const a = rng.value(w),
        b = i % 3 === 0 ? ones(w) : rng.value(w);
      out.push(mk(spec, [a, b], ["g", "g"]));
      out.push(mk(spec, [a, b], ["c", "c"]));
      out.push(mk(spec, [a, b], i % 2 ? ["g", "c"] : ["c", "g"]));
      if (i % 7 === 0) out.push(mk(spec, [a, b], ["g", "g"], { same: true }));
      if (i % 11 === 0) out.push(mk(spec, [a, b], ["g", "g"], { alias: [i % 2] }));
    } else {
      const v = i % 4 === 0 ? ones(w) : rng.value(w);
      const v2 = U(w, ~v);
      out.push(mk(spec, [v], ["g"]));
      out.push(mk(spec, [v2], ["g"]));
      out.push(mk(spec, [v], ["c"]));
      if (i % 9 === 0) out.push(mk(spec, [v2], ["g"], { alias: [0] }));
    }
  });
  return out;
}

function extract2Cases(w: Width): OpCase[] {
  const rng = new Rng(seedOf(`ex2:${w}`));
  const out: OpCase[] = [];
  for (let pos = 0; pos < w; pos++) {
    const spec: CaseSpec = { opc: Opc.extract2, type: typeOf(w), inW: [w, w], outW: [w], consts: [pos] };
    const ps: [bigint, bigint][] = [
      [rng.value(w), rng.value(w)],
      [w === 64 ? 0x0123456789abcdefn : 0x89abcdefn, w === 64 ? 0xfedcba9876543210n : 0x76543210n],
    ];
    for (const [a, b] of ps) for (const sh of SHAPES2) out.push(mk(spec, [a, b], sh));
    if (pos % 5 === 0) {
      out.push(mk(spec, ps[0], ["g", "g"], { same: true }));
      out.push(mk(spec, ps[0], ["g", "g"], { alias: [pos % 2] }));
    }
  }
  return out;
}

function bswapCases(opc: Opc.bswap16 | Opc.bswap32 | Opc.bswap64, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`bs${opc}:${w}`));
  const out: OpCase[] = [];
  const nbits = opc === Opc.bswap16 ? 16 : opc === Opc.bswap32 ? 32 : 64;
  const flagSets = opc === Opc.bswap64 || (opc === Opc.bswap32 && w === 32) ? [0] : [0, 1, 2, 4, 3, 5];
  const vals = [...edges(w), w === 64 ? 0x0123456789abcdefn : 0x89abcdefn, 0x80n, 0x8000n, 0x7f80n];
  for (let i = 0; i < 16; i++) vals.push(rng.value(w));
  for (const flags of flagSets) {
    const spec: CaseSpec = { opc, type: typeOf(w), inW: [w], outW: [w], consts: [flags] };
    for (const v0 of vals) {
      // TCG_BSWAP_IZ promises an input zero-extended from the swapped width.
      const v = flags & 1 ? v0 & ones(nbits) : v0;
      out.push(mk(spec, [v], ["g"]));
      out.push(mk(spec, [v], ["c"]));
    }
    out.push(mk(spec, [vals[vals.length - 1] & (flags & 1 ? ones(nbits) : ones(w))], ["g"], { alias: [0] }));
  }
  return out;
}

function condCases(opc: Opc.setcond | Opc.negsetcond | Opc.movcond | Opc.brcond, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`cond${opc}:${w}`));
  const out: OpCase[] = [];
  const ps = [...pairs(condVals(w)), ...randomPairs(rng, w, 8)];
  // Pairs that differ only in the low word / only in the sign of the low word (pair compares).
  if (w === 64)
    ps.push(
      [0x500000000n, 0x5ffffffffn],
      [0x5ffffffffn, 0x500000000n],
      [0xffffffff00000001n, 0xffffffff80000000n],
      [0x100000000n, 0xffffffffn],
    );
  const isMov = opc === Opc.movcond;
  const isBr = opc === Opc.brcond;
  for (const cond of ALL_CONDS) {
    const spec: CaseSpec = isMov
      ? { opc, type: typeOf(w), inW: [w, w, w, w], outW: [w], consts: [cond] }
      : { opc, type: typeOf(w), inW: [w, w], outW: [isBr ? 32 : w], consts: [cond], form: isBr ? "brcond" : "op" };
    const shapes = isMov ? SHAPES4 : SHAPES2;
    ps.forEach(([a, b], i) => {
      const ins = isMov ? [a, b, rng.value(w), rng.value(w)] : [a, b];
      for (let s = 0; s < shapes.length; s++) {
        // Constant-only shapes fold at translation time; sample them more sparsely for movcond.
        if (isMov && s >= 2 && (i + s) % 3 !== 0) continue;
        out.push(mk(spec, ins, shapes[s]));
      }
    });
    for (const v of condVals(w)) {
      const ins = isMov ? [v, v, rng.value(w), rng.value(w)] : [v, v];
      out.push(mk(spec, ins, isMov ? ["g", "g", "g", "g"] : ["g", "g"], { same: true }));
    }
    if (isMov) {
      // v1 == v2 (the optimizer may drop the compare), and outputs aliasing each input.
      const v = rng.value(w);
      out.push(mk(spec, [ps[3][0], ps[3][1], v, v], ["g", "g", "g", "g"]));
      for (let k = 0; k < 4; k++)
        out.push(mk(spec, [ps[5 + k][0], ps[5 + k][1], rng.value(w), rng.value(w)], ["g", "g", "g", "g"], { alias: [k] }));
    } else if (!isBr) {
      out.push(mk(spec, ps[7], ["g", "g"], { alias: [0] }));
      out.push(mk(spec, ps[9], ["g", "c"], { alias: [0] }));
    }
  }
  return out;
}

function mul2Cases(opc: Opc.mulu2 | Opc.muls2, w: Width): OpCase[] {
  const rng = new Rng(seedOf(`m2${opc}:${w}`));
  const spec: CaseSpec = { opc, type: typeOf(w), inW: [w, w], outW: [w, w] };
  const ps = [...pairs(edges(w)), ...randomPairs(rng, w, 32)];
  const out: OpCase[] = [];
  for (const sh of SHAPES2) for (const [a, b] of ps) out.push(mk(spec, [a, b], sh));
  for (const [a, b] of ps.slice(-10)) {
    out.push(mk(spec, [a, b], ["g", "g"], { alias: [0, 1] })); // lo -> a, hi -> b
    out.push(mk(spec, [a, b], ["g", "g"], { alias: [1, 0] })); // lo -> b, hi -> a
    out.push(mk(spec, [a, b], ["g", "g"], { alias: [0, undefined] }));
    out.push(mk(spec, [a, b], ["g", "g"], { alias: [undefined, 1] }));
    out.push(mk(spec, [a, b], ["g", "c"], { alias: [0, undefined] }));
  }
  for (const a of [...edges(w).slice(0, 8), rng.value(w)]) out.push(mk(spec, [a, a], ["g", "g"], { same: true }));
  return out;
}

function split64(v: bigint): [bigint, bigint] {
  return [U(32, v), U(32, v >> 32n)];
}

function addsub2Cases(opc: Opc.add2 | Opc.sub2): OpCase[] {
  const rng = new Rng(seedOf(`as2${opc}`));
  const spec: CaseSpec = { opc, type: Type.I32, inW: [32, 32, 32, 32], outW: [32, 32] };
  const ps = [...pairs(COND64), ...randomPairs(rng, 64, 24)];
  const out: OpCase[] = [];
  ps.forEach(([x, y], i) => {
    const ins = [...split64(x), ...split64(y)];
    for (let s = 0; s < SHAPES4.length; s++) if (s < 2 || (i + s) % 2 === 0) out.push(mk(spec, ins, SHAPES4[s]));
  });
  for (const [x, y] of ps.slice(-8)) {
    const ins = [...split64(x), ...split64(y)];
    out.push(mk(spec, ins, ["g", "g", "g", "g"], { alias: [0, 1] }));
    out.push(mk(spec, ins, ["g", "g", "g", "g"], { alias: [2, 3] }));
    out.push(mk(spec, ins, ["g", "g", "g", "g"], { alias: [1, 0] })); // crossed halves
    out.push(mk(spec, ins, ["g", "g", "g", "g"], { alias: [3, 2] }));
    out.push(mk(spec, ins, ["g", "g", "c", "c"], { alias: [0, 1] }));
  }
  return out;
}

function cond2Cases(opc: Opc.brcond2 | Opc.setcond2): OpCase[] {
  const rng = new Rng(seedOf(`c2${opc}`));
  const out: OpCase[] = [];
  const ps = [
    ...pairs(COND64),
    ...randomPairs(rng, 64, 6),
    [0x500000000n, 0x5ffffffffn] as [bigint, bigint],
    [0xffffffff00000001n, 0xffffffff80000000n] as [bigint, bigint],
  ];
  for (const cond of ALL_CONDS) {
    const spec: CaseSpec =
      opc === Opc.brcond2
        ? { opc, type: Type.I32, inW: [32, 32, 32, 32], outW: [32], consts: [cond], form: "brcond2", label: "brcond2_i32" }
        : { opc, type: Type.I32, inW: [32, 32, 32, 32], outW: [32], consts: [cond], label: "setcond2_i32" };
    ps.forEach(([x, y], i) => {
      const ins = [...split64(x), ...split64(y)];
      for (let s = 0; s < SHAPES4.length; s++) if (s < 2 || (i + s) % 3 === 0) out.push(mk(spec, ins, SHAPES4[s]));
    });
    if (opc === Opc.setcond2) out.push(mk(spec, [...split64(ps[4][0]), ...split64(ps[4][1])], ["g", "g", "g", "g"], { alias: [1] }));
  }
  return out;
}

function convCases(): Group[] {
  const rng = new Rng(seedOf("conv"));
  const groups: Group[] = [];
  const v32 = [...EDGE32, ...Array.from({ length: 16 }, () => rng.value(32))];
  const v64 = [...EDGE64, ...Array.from({ length: 16 }, () => rng.value(64))];
  for (const opc of [Opc.ext_i32_i64, Opc.extu_i32_i64] as const) {
    const spec: CaseSpec = { opc, type: Type.I64, inW: [32], outW: [64] };
    groups.push({ name: OPC_NAME[opc], cases: v32.flatMap((v) => [mk(spec, [v], ["g"]), mk(spec, [v], ["c"])]) });
  }
  for (const opc of [Opc.extrl_i64_i32, Opc.extrh_i64_i32] as const) {
    const spec: CaseSpec = { opc, type: Type.I32, inW: [64], outW: [32] };
    groups.push({ name: OPC_NAME[opc], cases: v64.flatMap((v) => [mk(spec, [v], ["g"]), mk(spec, [v], ["c"])]) });
  }
  return groups;
}

/** i64 add/sub/mul/shl followed by sextract(0, 32): the encoder fuses these into RV64-style *w bytecodes. */
function wfuseCases(): OpCase[] {
  const rng = new Rng(seedOf("wfuse"));
  const out: OpCase[] = [];
  const ps = [...pairs(COND64), ...randomPairs(rng, 64, 16)];
  for (const inner of [Opc.add, Opc.sub, Opc.mul]) {
    const spec: CaseSpec = { opc: inner, type: Type.I64, inW: [64, 64], outW: [64], form: "wfuse", inner, label: "sextract32_i64" };
    for (const [a, b] of ps)
      for (const sh of [
        ["g", "g"],
        ["g", "c"],
      ] as Shape[][])
        out.push(mk(spec, [a, b], sh));
  }
  const spec: CaseSpec = {
    opc: Opc.shl,
    type: Type.I64,
    inW: [64, 64],
    outW: [64],
    form: "wfuse",
    inner: Opc.shl,
    label: "sextract32_i64",
  };
  for (let n = 0; n < 64; n++)
    for (const v of [0x89abcdef12345678n, rng.value(64)])
      out.push(mk(spec, [v, BigInt(n)], ["g", "c"]), mk(spec, [v, BigInt(n)], ["g", "g"]));
  return out;
}

/** Rotates written without a rotate op, and roriw's ops (see OpCase.form). */
function rotateCases(): OpCase[] {
  const rng = new Rng(seedOf("rotate"));
  const out: OpCase[] = [];
  for (const form of ["rot64", "rot32", "rotw"] as const) {
    const spec: CaseSpec = { opc: Opc.rotl, type: Type.I64, inW: [64, 64], outW: [64], form, label: `${form}_idiom` };
    for (let n = 1; n < (form === "rot64" ? 64 : 32); n++)
      for (const v of [0x89abcdef12345678n, 0x7fffffff80000001n, rng.value(64)]) out.push(mk(spec, [v, BigInt(n)], ["g", "c"]));
  }
  return out;
}

let memo: Group[] | null = null;

/** Every op group of the suite (generated once per process; callers must not mutate it). */
export function opGroups(): Group[] {
  return (memo ??= makeOpGroups());
}

function makeOpGroups(): Group[] {
  const groups: Group[] = [];
  for (const w of [32, 64] as Width[]) {
    const t = `i${w}`;
    for (const opc of UNARY) groups.push({ name: `${OPC_NAME[opc]} ${t}`, cases: unaryCases(opc, w) });
    for (const opc of BINARY) groups.push({ name: `${OPC_NAME[opc]} ${t}`, cases: binaryCases(opc, w) });
    for (const opc of SHIFTS) groups.push({ name: `${OPC_NAME[opc]} ${t}`, cases: shiftCases(opc, w) });
    for (const opc of [Opc.clz, Opc.ctz]) groups.push({ name: `${OPC_NAME[opc]} ${t}`, cases: countCases(opc, w) });
    for (const opc of [Opc.mulu2, Opc.muls2] as const) groups.push({ name: `${OPC_NAME[opc]} ${t}`, cases: mul2Cases(opc, w) });
    for (const opc of [Opc.extract, Opc.sextract, Opc.deposit] as const)
      groups.push({ name: `${OPC_NAME[opc]} ${t}`, cases: fieldCases(opc, w) });
    groups.push({ name: `extract2 ${t}`, cases: extract2Cases(w) });
    groups.push({ name: `bswap16 ${t}`, cases: bswapCases(Opc.bswap16, w) });
    groups.push({ name: `bswap32 ${t}`, cases: bswapCases(Opc.bswap32, w) });
    if (w === 64) groups.push({ name: `bswap64 ${t}`, cases: bswapCases(Opc.bswap64, 64) });
    for (const opc of [Opc.setcond, Opc.negsetcond, Opc.movcond, Opc.brcond] as const)
      groups.push({ name: `${OPC_NAME[opc]} ${t}`, cases: condCases(opc, w) });
  }
  groups.push({ name: "add2 i32", cases: addsub2Cases(Opc.add2) });
  groups.push({ name: "sub2 i32", cases: addsub2Cases(Opc.sub2) });
  groups.push({ name: "brcond2 i32", cases: cond2Cases(Opc.brcond2) });
  groups.push({ name: "setcond2 i32", cases: cond2Cases(Opc.setcond2) });
  groups.push(...convCases());
  groups.push({ name: "i64 op + sextract(0,32) (fused *w forms)", cases: wfuseCases() });
  groups.push({ name: "rotates as shifts and or, and roriw's ops", cases: rotateCases() });
  return groups;
}

/**
 * The same ops with inputs copied into TB temps and results written to TB temps, then moved to
 * globals (what front ends do: compute into a temp, then gen_set_gpr). One representative subset per
 * op, so a failure here that is absent in opGroups() points at temp handling, not at the op.
 */
export function tempGroups(): Group[] {
  return opGroups().map((g) => {
    const picked = g.cases.filter((c, i) => !c.alias && !c.shape.includes("c") && i % 5 === 0);
    return { name: g.name, cases: picked.map((c) => ({ ...c, viaTemp: true })) };
  });
}

// ---------------------------------------------------------------- the batch runner

class Alloc {
  n64 = 0;
  n32 = 0;
  private shared = new Map<string, number>();
  /** [slot, width, value] to write before the run; `keep` ones must be unchanged afterwards. */
  presets: { slot: number; w: Width; v: bigint; keep: boolean }[] = [];
  fits(need64: number, need32: number): boolean {
    return this.n64 + need64 <= N64 && this.n32 + need32 <= N32;
  }
  private next(w: Width): number {
    return w === 64 ? this.n64++ : this.n32++;
  }
  private slot(w: Width, i: number): number {
    return w === 64 ? slotOf64(i) : slotOf32(i);
  }
  /** A global holding v, shared with other cases of the batch that read the same value. */
  input(w: Width, v: bigint): number {
    const k = `${w}:${v}`;
    let i = this.shared.get(k);
    if (i === undefined) {
      i = this.next(w);
      this.shared.set(k, i);
      this.presets.push({ slot: this.slot(w, i), w, v, keep: true });
    }
    return i;
  }
  /** A global for this case only, holding v (it may be overwritten). */
  own(w: Width, v: bigint): number {
    const i = this.next(w);
    this.presets.push({ slot: this.slot(w, i), w, v, keep: false });
    return i;
  }
}

const SENTINEL = 0x5a5a5a5aa5a5a5a5n;

interface Planned {
  c: OpCase;
  inG: number[]; // global index per input, -1 for constants
  outG: number[];
}

function plan(c: OpCase, al: Alloc): Planned {
  const inG = c.ins.map((v, i) => {
    if (c.shape[i] === "c" || (c.same && i === 1)) return -1;
    return c.alias?.includes(i) ? al.own(c.inW[i], v) : al.input(c.inW[i], v);
  });
  const outG = c.outW.map((w, k) => {
    const a = c.alias?.[k];
    return a !== undefined ? inG[a] : al.own(w, SENTINEL);
  });
  return { c, inG, outG };
}

function needs(c: OpCase): [number, number] {
  let n64 = 0,
    n32 = 0;
  c.inW.forEach((w, i) => {
    if (c.shape[i] === "g") w === 64 ? n64++ : n32++;
  });
  c.outW.forEach((w) => (w === 64 ? n64++ : n32++));
  return [n64, n32];
}

function emitPlanned(b: TcgBuilder, t: WideToy, p: Planned): void {
  const { c } = p;
  const g = (w: Width, i: number) => (w === 64 ? t.g64[i] : t.g32[i]);
  const ins: Temp[] = [];
  c.ins.forEach((v, i) => {
    const w = c.inW[i];
    if (c.same && i === 1) return ins.push(ins[0]);
    if (c.shape[i] === "c") return ins.push(w === 64 ? b.const_i64(S(64, v)) : b.const_i32(Number(S(32, v))));
    let x = g(w, p.inG[i]);
    if (c.viaTemp) {
      const tmp = b.ctx.tempNew(typeOf(w));
      b.mov(typeOf(w), tmp, x);
      x = tmp;
    }
    ins.push(x);
  });
  const outs = c.outW.map((w, k) => (c.viaTemp ? b.ctx.tempNew(typeOf(w)) : g(w, p.outG[k])));
  switch (c.form) {
    case "op":
      b.ctx.emit(c.opc, c.type, [...outs, ...ins, ...c.consts]);
      break;
    case "wfuse": {
      const tmp = b.temp_new_i64();
      b.ctx.emit(c.inner!, Type.I64, [tmp, ins[0], ins[1]]);
      b.gen_sextract(Type.I64, outs[0], tmp, 0, 32);
      break;
    }
    case "rot64":
    case "rot32":
    case "rotw": {
      const n = Number(c.ins[1]);
      const x = ins[0];
      if (c.form === "rot64") {
        const hi = b.temp_new_i64(),
          lo = b.temp_new_i64();
        b.gen_shli_i64(hi, x, n);
        b.binaryi(Opc.shr, Type.I64, lo, x, 64 - n);
        b.gen_or_i64(outs[0], hi, lo);
      } else if (c.form === "rot32") {
        const r = b.temp_new_i64(),
          l = b.temp_new_i64();
        b.gen_extract(Type.I64, r, x, n, 32 - n);
        b.gen_shli_i64(l, x, 32 - n);
        b.gen_sextract(Type.I64, l, l, 0, 32);
        b.gen_or_i64(outs[0], r, l);
      } else {
        const t = b.temp_new_i32(),
          r = b.temp_new_i32();
        b.gen_extrl_i64_i32(t, x);
        b.binaryi(Opc.rotr, Type.I32, r, t, n);
        b.gen_ext_i32_i64(outs[0], r);
      }
      break;
    }
    case "brcond":
    case "brcond2": {
      const L = b.label_new();
      b.movi(Type.I32, outs[0], 1);
      if (c.form === "brcond") b.gen_brcond(c.type, c.consts[0], ins[0], ins[1], L);
      else b.gen_brcond2_i32(c.consts[0], ins[0], ins[1], ins[2], ins[3], L);
      b.movi(Type.I32, outs[0], 0);
      b.gen_set_label(L);
      break;
    }
  }
  if (c.viaTemp) c.outW.forEach((w, k) => b.mov(typeOf(w), g(w, p.outG[k]), outs[k]));
}

const MAX_CASES_PER_TB = 160;

/** Runs cases through one configuration, batched into as few TBs as the globals allow. */
export function runCases(cases: readonly OpCase[], cfg: Config, hooks?: SuiteHooks, wide?: Wide): Result {
  const w = wide ?? newWide(cfg, hooks);
  const res: Result = { failures: [], checks: 0 };
  let batch: OpCase[] = [];
  let al = new Alloc();
  const flush = () => {
    if (batch.length) runBatch(w, cfg, batch, res, true);
    batch = [];
    al = new Alloc();
  };
  for (const c of cases) {
    const [n64, n32] = needs(c);
    if (!al.fits(n64, n32) || batch.length >= MAX_CASES_PER_TB) flush();
    al.n64 += n64; // conservative reservation (sharing only makes it smaller)
    al.n32 += n32;
    batch.push(c);
  }
  flush();
  return res;
}

function runBatch(w: Wide, cfg: Config, cases: OpCase[], res: Result, splitOnError: boolean): void {
  const al = new Alloc();
  const planned = cases.map((c) => plan(c, al));
  for (const p of al.presets) writeSlot(w.R, p.slot, p.w, p.v);
  let err: string | null = null;
  try {
    const stop = runWide(w, (b, t) => planned.forEach((p) => emitPlanned(b, t, p)));
    if (stop !== Stop.Budget) err = `stopped with exception ${w.exec.excp}`;
  } catch (e) {
    err = `threw ${(e as Error).message}`;
  }
  if (err !== null) {
    if (splitOnError && cases.length > 1) {
      for (const c of cases) runBatch(w, cfg, [c], res, false);
    } else {
      res.checks++;
      res.failures.push(`${cfg.name}: ${describeCase(cases[0])}: ${err}`);
    }
    return;
  }
  for (const p of planned) {
    p.c.outW.forEach((ow, k) => {
      const slot = ow === 64 ? slotOf64(p.outG[k]) : slotOf32(p.outG[k]);
      const got = readSlot(w.R, slot, ow);
      res.checks++;
      if (got !== p.c.expect[k])
        res.failures.push(`${cfg.name}: ${describeCase(p.c)} -> out${k} = ${hex(got, ow)}, expected ${hex(p.c.expect[k], ow)}`);
    });
  }
  for (const p of al.presets) {
    if (!p.keep) continue;
    res.checks++;
    const got = readSlot(w.R, p.slot, p.w);
    if (got !== U(p.w, p.v))
      res.failures.push(
        `${cfg.name}: input global at slot ${p.slot} clobbered: ${hex(got, p.w)}, was ${hex(p.v, p.w)} (batch starting with ${describeCase(cases[0])})`,
      );
  }
}

/** A compact report: failure count per (config, op, shape), then the first examples. */
export function summarize(failures: readonly string[], max = 12): string {
  if (!failures.length) return "";
  const byKey = new Map<string, number>();
  for (const f of failures) {
    const m = /^([^:]+): (\S+) \[([^\]]*)\]/.exec(f);
    const k = m ? `${m[1]} ${m[2]} [${m[3]}]` : f.slice(0, 60);
    byKey.set(k, (byKey.get(k) ?? 0) + 1);
  }
  const lines = [`${failures.length} failing checks`];
  for (const [k, n] of [...byKey].slice(0, 40)) lines.push(`  ${n} x ${k}`);
  lines.push("first failures:");
  for (const f of failures.slice(0, max)) lines.push("  " + f);
  return lines.join("\n");
}

// ---------------------------------------------------------------- guest memory (qemu_ld / qemu_st)

export const RAM_BYTES = 1 << 20;

export interface MemCase {
  w: Width;
  memop: number;
  /** Guest address accessed (inside RAM). */
  addr: number;
  /** Base register value and fused offset (base + off == addr, mod 2^64). */
  base: bigint;
  off: number;
  addrShape: Shape;
  mmu: number;
  /** Store: the value stored (register width w). */
  value?: bigint;
  valueShape?: Shape;
}

function memopName(memop: number): string {
  const size = ["8", "16", "32", "64"][memop & MO_SIZE];
  return `${memop & MO_SIGN ? "s" : "u"}${size}${memop & MO_ALIGN ? "+align" : ""}`;
}
export function describeMem(kind: string, m: MemCase): string {
  return `${kind} i${m.w} ${memopName(m.memop)} @${hex(BigInt(m.addr), 32)} (base ${hex(m.base)} ${m.off >= 0 ? "+" : "-"} ${Math.abs(m.off)}, ${m.addrShape}, mmu ${m.mmu})${m.value !== undefined ? ` value ${hex(m.value, m.w)} [${m.valueShape}]` : ""}`;
}

/** Every (register width, MemOp) pair a front end can use. */
export function memOps(): [Width, number][] {
  const out: [Width, number][] = [];
  for (const size of [0, 1, 2]) for (const sign of [0, MO_SIGN]) out.push([32, size | sign], [64, size | sign]);
  out.push([64, 3]);
  return out;
}

/** Address forms for an access of `bytes` at a given RAM address. */
function addrForms(addr: number, k: number): { base: bigint; off: number }[] {
  const A = BigInt(addr);
  const forms = [
    { base: A, off: 0 },
    { base: A - 0x7f0n, off: 0x7f0 },
    { base: A + 8n, off: -8 },
    { base: U(64, -16n), off: addr + 16 }, // the low word wraps: carry into the high word
    { base: A + 0x12345n, off: -0x12345 },
  ];
  return [forms[k % 5]];
}

export function memLoadCases(rng: Rng): MemCase[] {
  const out: MemCase[] = [];
  let k = 0;
  for (const [w, memop] of memOps()) {
    const n = memBytes(memop);
    const addrs: number[] = [];
    for (let i = 0; i < 3; i++) addrs.push(0x1000 + 64 * rng.below(60) + n * rng.below(8)); // aligned
    for (let j = 1; j < n; j++) addrs.push(0x3000 + 64 * rng.below(60) + j); // misaligned within a page
    for (let j = 1; j < n; j++) addrs.push(0x5000 - j); // crosses the page boundary at 0x5000
    addrs.push(0x6000, 0x6fff - (n - 1)); // first and last bytes of a page
    for (const addr of addrs) {
      for (const shape of ["g", "c"] as Shape[]) {
        for (const f of addrForms(addr, k++)) out.push({ w, memop, addr, base: f.base, off: f.off, addrShape: shape, mmu: k % 3 });
      }
    }
    if (n > 1) {
      // MO_ALIGN on an aligned address must not fault.
      out.push({ w, memop: memop | MO_ALIGN, addr: 0x7000 + 8 * n, base: BigInt(0x7000 + 8 * n), off: 0, addrShape: "g", mmu: 0 });
    }
  }
  return out;
}

export function memStoreCases(rng: Rng): MemCase[] {
  const out: MemCase[] = [];
  let k = 0;
  let slotAddr = 0x10000;
  const nextAligned = () => (slotAddr += 16) - 16;
  let cross = 0x20000;
  for (const [w, memop] of memOps()) {
    if (memop & MO_SIGN) continue; // stores have no sign
    const n = memBytes(memop);
    const addrs: number[] = [nextAligned(), nextAligned()];
    for (let j = 1; j < n; j++) addrs.push(nextAligned() + j);
    for (let j = 1; j < n; j++) addrs.push((cross += 0x1000) - j);
    for (const addr of addrs) {
      for (const [as, vs] of [
        ["g", "g"],
        ["c", "c"],
        ["g", "c"],
      ] as Shape[][]) {
        // Each shape gets its own region, so no two stores of a batch overlap.
        const a = addr + 0x30000 * (as === "c" ? 1 : vs === "c" ? 2 : 0);
        const f = addrForms(a, k++)[0];
        out.push({ w, memop, addr: a, base: f.base, off: f.off, addrShape: as, mmu: k % 3, value: rng.value(w), valueShape: vs });
      }
    }
  }
  return out;
}

function fillRandom(mem: Uint8Array, seed: number, from: number, to: number): void {
  const rng = new Rng(seed);
  for (let i = from; i < to; i += 4) {
    const v = rng.u32();
    for (let j = 0; j < 4 && i + j < to; j++) mem[i + j] = (v >>> (8 * j)) & 0xff;
  }
}

/** Loads of every size/sign into both widths, aligned/misaligned/page-crossing, every address form. */
export function runMemLoads(cfg: Config, hooks?: SuiteHooks): Result {
  const w = newWide(cfg, hooks, RAM_BYTES);
  const res: Result = { failures: [], checks: 0 };
  fillRandom(w.mem, 1234, 0, 0x20000);
  const snapshot = w.mem.slice();
  const cases = memLoadCases(new Rng(77));
  for (let i = 0; i < cases.length; i += 100) {
    const chunk = cases.slice(i, i + 100);
    const al = new Alloc();
    const planned = chunk.map((m) => ({ m, addrG: m.addrShape === "g" ? al.input(64, m.base) : -1, outG: al.own(m.w, SENTINEL) }));
    for (const p of al.presets) writeSlot(w.R, p.slot, p.w, p.v);
    let err: string | null = null;
    try {
      const stop = runWide(w, (b, t) => {
        for (const p of planned) {
          const addr = p.addrG >= 0 ? t.g64[p.addrG] : b.const_i64(S(64, p.m.base));
          b.gen_qemu_ld(typeOf(p.m.w), p.m.w === 64 ? t.g64[p.outG] : t.g32[p.outG], addr, p.m.off, p.m.memop, p.m.mmu);
        }
      });
      if (stop !== Stop.Budget) err = `exception ${w.exec.excp} at ${hex(BigInt(w.exec.excpAux >>> 0), 32)}`;
    } catch (e) {
      err = `threw ${(e as Error).message}`;
    }
    if (err) {
      res.failures.push(`${cfg.name}: batch of loads starting with ${describeMem("ld", chunk[0])}: ${err}`);
      continue;
    }
    for (const p of planned) {
      res.checks++;
      const got = readSlot(w.R, p.m.w === 64 ? slotOf64(p.outG) : slotOf32(p.outG), p.m.w);
      const want = refLoad(snapshot, p.m.addr, p.m.memop, p.m.w);
      if (got !== want) res.failures.push(`${cfg.name}: ${describeMem("ld", p.m)} = ${hex(got, p.m.w)}, expected ${hex(want, p.m.w)}`);
    }
    res.checks++;
    if (!w.mem.every((v, j) => v === snapshot[j])) res.failures.push(`${cfg.name}: loads modified RAM`);
  }
  return res;
}

const STORE_AREA = 0xc0000;

/** Stores of every size from both widths; RAM must change exactly where the reference says. */
export function runMemStores(cfg: Config, hooks?: SuiteHooks): Result {
  const w = newWide(cfg, hooks, RAM_BYTES);
  const res: Result = { failures: [], checks: 0 };
  const cases = memStoreCases(new Rng(99));
  for (let i = 0; i < cases.length; i += 100) {
    const chunk = cases.slice(i, i + 100);
    fillRandom(w.mem, 555 + i, 0, STORE_AREA);
    const model = w.mem.slice();
    for (const m of chunk) refStore(model, m.addr, m.memop, m.value!);
    const al = new Alloc();
    const planned = chunk.map((m) => ({
      m,
      addrG: m.addrShape === "g" ? al.input(64, m.base) : -1,
      valG: m.valueShape === "g" ? al.input(m.w, m.value!) : -1,
    }));
    for (const p of al.presets) writeSlot(w.R, p.slot, p.w, p.v);
    let err: string | null = null;
    try {
      const stop = runWide(w, (b, t) => {
        for (const p of planned) {
          const addr = p.addrG >= 0 ? t.g64[p.addrG] : b.const_i64(S(64, p.m.base));
          const val =
            p.valG >= 0
              ? p.m.w === 64
                ? t.g64[p.valG]
                : t.g32[p.valG]
              : p.m.w === 64
                ? b.const_i64(S(64, p.m.value!))
                : b.const_i32(Number(S(32, p.m.value!)));
          b.gen_qemu_st(typeOf(p.m.w), val, addr, p.m.off, p.m.memop, p.m.mmu);
        }
      });
      if (stop !== Stop.Budget) err = `exception ${w.exec.excp} at ${hex(BigInt(w.exec.excpAux >>> 0), 32)}`;
    } catch (e) {
      err = `threw ${(e as Error).message}`;
    }
    if (err) {
      res.failures.push(`${cfg.name}: batch of stores starting with ${describeMem("st", chunk[0])}: ${err}`);
      continue;
    }
    for (const m of chunk) {
      res.checks++;
      const n = memBytes(m.memop);
      const got = Array.from(w.mem.subarray(m.addr, m.addr + n));
      const want = Array.from(model.subarray(m.addr, m.addr + n));
      if (got.join() !== want.join())
        res.failures.push(
          `${cfg.name}: ${describeMem("st", m)} wrote [${got.map((x) => x.toString(16))}], expected [${want.map((x) => x.toString(16))}]`,
        );
    }
    res.checks++;
    const stray: number[] = [];
    for (let j = 0; j < STORE_AREA; j++) if (w.mem[j] !== model[j]) stray.push(j);
    if (stray.length)
      res.failures.push(
        `${cfg.name}: stores left RAM different from the model at ${stray.length} bytes, first ${hex(BigInt(stray[0]), 32)}`,
      );
  }
  return res;
}

/**
 * Random interleaved loads and stores of mixed sizes on a small window that straddles a page
 * boundary, in one TB: each load must see exactly the stores before it.
 */
export function runMemSequences(cfg: Config, hooks?: SuiteHooks): Result {
  const w = newWide(cfg, hooks, RAM_BYTES);
  const res: Result = { failures: [], checks: 0 };
  const rng = new Rng(4242);
  const ops = memOps();
  for (let round = 0; round < 6; round++) {
    fillRandom(w.mem, 9000 + round, 0x8f00, 0x9100);
    const model = w.mem.slice();
    const al = new Alloc();
    type Step = { load: boolean; m: MemCase; g: number; want?: bigint };
    const steps: Step[] = [];
    const base = al.input(64, 0x8fe0n);
    for (let i = 0; i < 60; i++) {
      const [rw, memop] = rng.pick(ops);
      const addr = 0x8fe0 + rng.below(56);
      const m: MemCase = { w: rw, memop, addr, base: 0x8fe0n, off: addr - 0x8fe0, addrShape: "g", mmu: rng.below(2) };
      if (rng.below(2)) {
        m.value = rng.value(rw);
        refStore(model, addr, memop, m.value);
        steps.push({ load: false, m, g: al.input(rw, m.value) });
      } else {
        steps.push({ load: true, m, g: al.own(rw, SENTINEL), want: refLoad(model, addr, memop, rw) });
      }
    }
    for (const p of al.presets) writeSlot(w.R, p.slot, p.w, p.v);
    let err: string | null = null;
    try {
      const stop = runWide(w, (b, t) => {
        for (const s of steps) {
          const r = s.m.w === 64 ? t.g64[s.g] : t.g32[s.g];
          if (s.load) b.gen_qemu_ld(typeOf(s.m.w), r, t.g64[base], s.m.off, s.m.memop, s.m.mmu);
          else b.gen_qemu_st(typeOf(s.m.w), r, t.g64[base], s.m.off, s.m.memop, s.m.mmu);
        }
      });
      if (stop !== Stop.Budget) err = `exception ${w.exec.excp}`;
    } catch (e) {
      err = `threw ${(e as Error).message}`;
    }
    if (err) {
      res.failures.push(`${cfg.name}: load/store sequence ${round}: ${err}`);
      continue;
    }
    for (const s of steps) {
      if (!s.load) continue;
      res.checks++;
      const got = readSlot(w.R, s.m.w === 64 ? slotOf64(s.g) : slotOf32(s.g), s.m.w);
      if (got !== s.want)
        res.failures.push(
          `${cfg.name}: sequence ${round}: ${describeMem("ld", s.m)} = ${hex(got, s.m.w)}, expected ${hex(s.want!, s.m.w)}`,
        );
    }
    res.checks++;
    const diff = [];
    for (let j = 0x8f00; j < 0x9100; j++) if (w.mem[j] !== model[j]) diff.push(j);
    if (diff.length)
      res.failures.push(`${cfg.name}: sequence ${round}: RAM differs from the model at ${diff.map((x) => x.toString(16)).join(",")}`);
  }
  return res;
}

// ---------------------------------------------------------------- env fields by byte offset

/** Byte offset of env scratch word i. */
export const scrOff = (i: number) => 4 * W_SCR + 4 * i;

export interface EnvCase {
  opc: Opc;
  w: Width;
  off: number; // byte offset into env (R)
  value?: bigint;
}

export function envLoadCases(): EnvCase[] {
  const out: EnvCase[] = [];
  const loads: [Opc, Width[]][] = [
    [Opc.ld8u, [32, 64]],
    [Opc.ld8s, [32, 64]],
    [Opc.ld16u, [32, 64]],
    [Opc.ld16s, [32, 64]],
    [Opc.ld32u, [64]],
    [Opc.ld32s, [64]],
    [Opc.ld, [32, 64]],
  ];
  for (const [opc, ws] of loads) {
    for (const w of ws) {
      const [n] = envAccess(opc, w);
      const align = Math.min(n, 4); // 64-bit fields need only word alignment in env
      for (let off = 0; off + n <= 16; off += align) out.push({ opc, w, off: scrOff(0) + off });
    }
  }
  return out;
}

export function envStoreCases(rng: Rng): EnvCase[] {
  const out: EnvCase[] = [];
  const stores: [Opc, Width[]][] = [
    [Opc.st8, [32, 64]],
    [Opc.st16, [32, 64]],
    [Opc.st32, [64]],
    [Opc.st, [32, 64]],
  ];
  let word = 4; // scratch words 4.. are written; each case gets its own 16-byte field
  for (const [opc, ws] of stores) {
    for (const w of ws) {
      const [n] = envAccess(opc, w);
      const align = Math.min(n, 4);
      for (let sub = 0; sub < 8; sub += align) {
        out.push({ opc, w, off: scrOff(word) + sub, value: rng.value(w) });
        word += 4;
      }
    }
  }
  if (word > W_SCR_WORDS) throw new Error("env store cases overflow the scratch area");
  return out;
}

/** ld* / st* on env fields that are not globals: every size, signedness, width and sub-word offset. */
export function runEnvOps(cfg: Config, hooks?: SuiteHooks): Result {
  const w = newWide(cfg, hooks);
  const res: Result = { failures: [], checks: 0 };
  const rng = new Rng(31337);
  const loads = envLoadCases();
  const stores = envStoreCases(rng);
  const scr = (i: number) => scrOff(i);
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < W_SCR_WORDS; i++) w.R[W_SCR + i] = rng.u32() | 0;
    const before = w.env.slice(scr(0), scr(W_SCR_WORDS));
    const model = w.env.slice(); // whole-env byte image, updated with the reference stores
    const al = new Alloc();
    const lp = loads.map((c) => ({ c, g: al.own(c.w, SENTINEL), want: refEnvLoad(model, c.off, c.opc, c.w) }));
    const sp = stores.map((c) => ({ c, g: round === 1 ? -1 : al.input(c.w, c.value!) }));
    for (const s of stores) refEnvStore(model, s.off, s.opc, s.w, s.value!);
    for (const p of al.presets) writeSlot(w.R, p.slot, p.w, p.v);
    let err: string | null = null;
    try {
      const stop = runWide(w, (b, t) => {
        for (const p of lp) b.gen_ld(p.c.opc as Opc.ld8u, typeOf(p.c.w), p.c.w === 64 ? t.g64[p.g] : t.g32[p.g], p.c.off);
        for (const p of sp) {
          const v =
            p.g >= 0
              ? p.c.w === 64
                ? t.g64[p.g]
                : t.g32[p.g]
              : p.c.w === 64
                ? b.const_i64(S(64, p.c.value!))
                : b.const_i32(Number(S(32, p.c.value!)));
          b.gen_st(p.c.opc as Opc.st8, typeOf(p.c.w), v, p.c.off);
        }
      });
      if (stop !== Stop.Budget) err = `exception ${w.exec.excp}`;
    } catch (e) {
      err = `threw ${(e as Error).message}`;
    }
    if (err) {
      res.failures.push(`${cfg.name}: env round ${round}: ${err}`);
      continue;
    }
    for (const p of lp) {
      res.checks++;
      const got = readSlot(w.R, p.c.w === 64 ? slotOf64(p.g) : slotOf32(p.g), p.c.w);
      if (got !== p.want)
        res.failures.push(
          `${cfg.name}: ${OPC_NAME[p.c.opc] ?? "ld" + p.c.opc}_i${p.c.w} env+${p.c.off - scr(0)} = ${hex(got, p.c.w)}, expected ${hex(p.want, p.c.w)}`,
        );
    }
    for (let off = scr(0); off < scr(W_SCR_WORDS); off++) {
      res.checks++;
      if (w.env[off] !== model[off]) {
        const s = stores.find((x) => off >= x.off && off < x.off + envAccess(x.opc, x.w)[0]);
        res.failures.push(
          `${cfg.name}: env byte +${off - scr(0)} = ${w.env[off].toString(16)}, expected ${model[off].toString(16)} (was ${before[off - scr(0)].toString(16)}; ${s ? `st${envAccess(s.opc, s.w)[0] * 8}_i${s.w} ${hex(s.value!, s.w)} at +${s.off - scr(0)}` : "no store there"})`,
        );
        break;
      }
    }
  }
  return res;
}

export const OP_NAMES_FOR_REPORT = OPC_NAME;
export { Cond };
