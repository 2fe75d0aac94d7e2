// Random straight-line programs with forward branches: chains of ops of both widths whose inputs are
// globals, TB temps written earlier, or constants, and whose outputs go to globals or temps. The
// reference model executes the same program; every global is compared afterwards. This exercises what
// single-op tests cannot: copy propagation and known-bits across chains, temp slot reuse, the *w
// fusion, dead-code removal, and knowledge reset at labels.
import { Cond, MO_SIGN, Opc, Type } from "../../src/tcg/opcodes.ts";
import type { Temp } from "../../src/tcg/context.ts";
import { Stop } from "../../src/exec/cpu-exec.ts";
import { ALL_CONDS, CONDN, Rng, S, U, refLoad, refOp, type Width } from "./reference-model.ts";
import { OPC_NAME, newWide, type Config, type Result, type SuiteHooks } from "./op-suite.ts";
import type { Wide } from "./wide-toy.ts";
import { hex, readSlot, runWide, slotOf32, slotOf64, writeSlot } from "./wide-toy.ts";

type Var = { k: "g"; w: Width; i: number } | { k: "t"; w: Width; id: number } | { k: "c"; w: Width; v: bigint };

interface Insn {
  kind: "op" | "br" | "label" | "ld";
  opc?: Opc;
  type?: Type;
  outs?: Var[];
  ins?: Var[];
  consts?: number[];
  label?: number;
  cond?: Cond;
  brW?: Width;
  memop?: number;
  addr?: number;
  mmu?: number;
  text: string;
}

export interface ProgramOptions {
  /** Number of ops. */
  length: number;
  /**
   * Steer clear of the defects pinned by dedicated tests (TSTEQ/TSTNE on identical operands; i64
   * ops that lower-i64.ts leaves as i64 writing TB temps; qemu_ld mmu indexes whose number looks
   * like a narrow MemOp to the optimizer), so that a fuzz failure points at something new.
   */
  avoidKnownBugs: boolean;
  lowered: boolean;
}

const NG = 12; // globals of each width used by programs
export const LD_BASE = 0x4000;
const LD_SPAN = 0x200;

const BIN: Opc[] = [
  Opc.add,
  Opc.sub,
  Opc.mul,
  Opc.and,
  Opc.or,
  Opc.xor,
  Opc.andc,
  Opc.orc,
  Opc.eqv,
  Opc.nand,
  Opc.nor,
  Opc.shl,
  Opc.shr,
  Opc.sar,
  Opc.rotl,
  Opc.rotr,
  Opc.divs,
  Opc.divu,
  Opc.rems,
  Opc.remu,
  Opc.muluh,
  Opc.mulsh,
  Opc.clz,
  Opc.ctz,
];
const UN: Opc[] = [Opc.mov, Opc.neg, Opc.not, Opc.ctpop];

/** i64 ops that lower-i64.ts turns into i32 ops (the rest stay i64 and write the pair directly). */
function loweredAway(opc: Opc, consts: number[], ins: Var[]): boolean {
  switch (opc) {
    case Opc.mov:
    case Opc.add:
    case Opc.sub:
    case Opc.neg:
    case Opc.and:
    case Opc.or:
    case Opc.xor:
    case Opc.andc:
    case Opc.orc:
    case Opc.eqv:
    case Opc.nand:
    case Opc.nor:
    case Opc.not:
    case Opc.mul:
    case Opc.setcond:
    case Opc.ext_i32_i64:
    case Opc.extu_i32_i64:
      return true;
    case Opc.shl:
    case Opc.shr:
    case Opc.sar:
      return ins[1].k === "c";
    case Opc.extract:
    case Opc.sextract: {
      const [pos, len] = consts;
      return (pos + len <= 32 && len < 32) || (pos === 0 && len === 32) || pos >= 32;
    }
  }
  return false;
}

function varText(v: Var): string {
  if (v.k === "g") return `${v.w === 64 ? "q" : "w"}${v.i}`;
  if (v.k === "t") return `t${v.id}${v.w === 64 ? "" : "w"}`;
  return hex(v.v, v.w);
}

export class Program {
  insns: Insn[] = [];
  init64: bigint[] = [];
  init32: bigint[] = [];
  nTemps = 0;
  ram: Uint8Array;
  constructor(
    readonly rng: Rng,
    readonly opts: ProgramOptions,
  ) {
    for (let i = 0; i < NG; i++) {
      this.init64.push(rng.value(64));
      this.init32.push(rng.value(32));
    }
    this.ram = new Uint8Array(LD_SPAN);
    for (let i = 0; i < LD_SPAN; i++) this.ram[i] = rng.u32() & 0xff;
    this.generate();
  }

  private live: Var[] = []; // temps initialized on every path so far

  /**
   * With avoidKnownBugs in a lowered configuration, i64 globals q8..q11 are "sinks": only i64 ops that
   * lower-i64.ts leaves as i64 write them, and nothing reads them (liveness.ts drops such an op when
   * its output is later read only through i32 halves; pinned in ops.test.ts).
   */
  private get sinks(): boolean {
    return this.opts.avoidKnownBugs && this.opts.lowered;
  }
  private global(w: Width): Var {
    return { k: "g", w, i: this.rng.below(this.sinks && w === 64 ? 8 : NG) };
  }

  private pickIn(w: Width, allowConst = true): Var {
    const r = this.rng;
    const temps = this.live.filter((v) => v.w === w);
    const x = r.below(10);
    if (allowConst && x < 2) return { k: "c", w, v: r.below(3) === 0 ? U(w, BigInt(r.below(64))) : r.value(w) };
    if (temps.length && x < 7) return r.pick(temps);
    return this.global(w);
  }

  /** An output; `sink` = the op stays i64 after lowering (see `sinks`). */
  private pickOut(w: Width, inRegion: boolean, sink: boolean): Var {
    const r = this.rng;
    if (sink && this.sinks && w === 64) return { k: "g", w, i: 8 + r.below(4) };
    const temps = this.live.filter((v) => v.w === w);
    if (r.below(3) === 0) return this.global(w);
    if (temps.length && (inRegion || r.below(2) === 0)) return r.pick(temps);
    if (inRegion) return this.global(w);
    const t: Var = { k: "t", w, id: this.nTemps++ };
    return t;
  }

  private generate(): void {
    const r = this.rng;
    let regionEnd = -1;
    let labels = 0;
    const pendingLabels: [number, number][] = []; // [insn index after which to place, label]
    for (let n = 0; n < this.opts.length; n++) {
      while (pendingLabels.length && pendingLabels[0][0] <= n) {
        const [, l] = pendingLabels.shift()!;
        this.insns.push({ kind: "label", label: l, text: `L${l}:` });
      }
      const inRegion = n < regionEnd;
      if (!inRegion && r.below(12) === 0) {
        // A forward branch over the next few ops.
        const w: Width = r.below(2) ? 64 : 32;
        const a = this.pickIn(w, true),
          b = this.pickIn(w, true);
        let cond = r.pick(ALL_CONDS);
        if (this.opts.avoidKnownBugs && isTst(cond) && a.k !== "c" && b.k !== "c") cond = Cond.EQ;
        const l = labels++;
        this.insns.push({
          kind: "br",
          cond,
          brW: w,
          ins: [a, b],
          label: l,
          text: `brcond_i${w} ${varText(a)}, ${varText(b)}, ${CONDN[cond]}, L${l}`,
        });
        regionEnd = n + 1 + r.below(5);
        pendingLabels.push([regionEnd, l]);
        continue;
      }
      this.genOp(inRegion);
    }
    for (const [, l] of pendingLabels) this.insns.push({ kind: "label", label: l, text: `L${l}:` });
  }

  private genOp(inRegion: boolean): void {
    const r = this.rng;
    const w: Width = r.below(2) ? 64 : 32;
    const type = w === 64 ? Type.I64 : Type.I32;
    const choice = r.below(20);
    let opc: Opc;
    let ins: Var[];
    let consts: number[] = [];
    let outW: Width[] = [w];
    let opType = type;
    if (choice < 9) {
      opc = r.pick(BIN);
      ins = [this.pickIn(w), this.pickIn(w)];
      if ([Opc.shl, Opc.shr, Opc.sar, Opc.rotl, Opc.rotr].includes(opc) && r.below(2)) ins[1] = { k: "c", w, v: BigInt(r.below(w)) };
      if (r.below(8) === 0) ins[1] = ins[0];
      if ([Opc.and, Opc.or, Opc.xor].includes(opc) && r.below(3) === 0)
        ins[1] = { k: "c", w, v: r.pick([0xffn, 0xffffn, 0xffffffffn, 0x7fn, 1n, U(w, -256n)]) };
    } else if (choice < 11) {
      opc = r.pick(UN);
      ins = [this.pickIn(w)];
    } else if (choice < 13) {
      opc = r.pick([Opc.extract, Opc.sextract, Opc.deposit]);
      const len = 1 + r.below(w),
        pos = r.below(w - len + 1);
      consts = [pos, len];
      ins = opc === Opc.deposit ? [this.pickIn(w), this.pickIn(w)] : [this.pickIn(w)];
      if (r.below(3) === 0)
        consts = r.pick([
          [0, 8],
          [0, 16],
          [0, 32 % w || 16],
          [8, 8],
        ]);
    } else if (choice < 15) {
      opc = r.pick([Opc.setcond, Opc.negsetcond, Opc.movcond]);
      const cond = r.pick(ALL_CONDS);
      consts = [cond];
      ins = opc === Opc.movcond ? [this.pickIn(w), this.pickIn(w), this.pickIn(w), this.pickIn(w)] : [this.pickIn(w), this.pickIn(w)];
      if (r.below(6) === 0) ins[1] = ins[0];
      // The optimizer folds TSTEQ/TSTNE on two copies of one value as if it were 0 (pinned in
      // optimizer.test.ts); copies arise from movs and from masks it proves redundant.
      if (this.opts.avoidKnownBugs && isTst(cond) && ins[0].k !== "c" && ins[1].k !== "c") consts = [Cond.NE];
    } else if (choice < 16) {
      opc = r.pick([Opc.extract2, Opc.bswap16, Opc.bswap32, ...(w === 64 ? [Opc.bswap64] : [])]);
      if (opc === Opc.extract2) {
        ins = [this.pickIn(w), this.pickIn(w)];
        consts = [r.below(w)];
      } else {
        ins = [this.pickIn(w)];
        consts = [r.pick([0, 2, 4])];
      }
    } else if (choice < 17) {
      // size changes
      const k = r.below(4);
      opc = [Opc.ext_i32_i64, Opc.extu_i32_i64, Opc.extrl_i64_i32, Opc.extrh_i64_i32][k];
      ins = [this.pickIn(k < 2 ? 32 : 64)];
      outW = [k < 2 ? 64 : 32];
      opType = k < 2 ? Type.I64 : Type.I32;
    } else if (choice < 18) {
      opc = r.pick([Opc.mulu2, Opc.muls2]);
      ins = [this.pickIn(w), this.pickIn(w)];
      outW = [w, w];
    } else if (choice < 19) {
      // A guest load (from a read-only area), often followed by a mask the optimizer may drop.
      const lw: Width = r.below(2) ? 64 : 32;
      const size = r.below(lw === 64 ? 4 : 3);
      const memop = size | (size < 3 && r.below(2) ? MO_SIGN : 0);
      const addr = LD_BASE + r.below(LD_SPAN - 8);
      const mmu = this.opts.avoidKnownBugs ? 3 : r.below(3);
      const out = this.pickOut(lw, inRegion, true);
      this.insns.push({
        kind: "ld",
        outs: [out],
        memop,
        addr,
        mmu,
        type: lw === 64 ? Type.I64 : Type.I32,
        text: `qemu_ld_i${lw} ${varText(out)}, [${hex(BigInt(addr), 16)}], memop ${memop}, mmu ${mmu}`,
      });
      this.define(out);
      if (r.below(2)) {
        const m = r.pick([0xffn, 0xffffn, 0x7fn, 0xffffffffn]);
        const out2 = this.pickOut(lw, inRegion, false);
        this.pushOp(Opc.and, lw === 64 ? Type.I64 : Type.I32, [out2], [out, { k: "c", w: lw, v: m }], []);
      }
      return;
    } else {
      // i64 op whose result is sign-extended from bit 31 (RV64 *W instructions)
      opc = r.pick([Opc.add, Opc.sub, Opc.mul, Opc.shl]);
      const ins2: Var[] = [this.pickIn(64), opc === Opc.shl ? { k: "c", w: 64, v: BigInt(r.below(40)) } : this.pickIn(64)];
      const t: Var = { k: "t", w: 64, id: this.nTemps++ };
      this.pushOp(opc, Type.I64, [t], ins2, []); // t is used once, right below (not added to live)
      const out = this.pickOut(64, inRegion, !loweredAway(Opc.sextract, [0, 32], [t]));
      this.pushOp(Opc.sextract, Type.I64, [out], [t], [0, 32]);
      this.define(out);
      return;
    }
    const sink = opType === Type.I64 && !loweredAway(opc, consts, ins);
    const outs = outW.map((ow) => this.pickOut(ow, inRegion, sink));
    if (outs.length === 2 && sameVar(outs[0], outs[1]))
      outs[1] = outs[0].k === "g" && outs[0].i >= 8 ? { k: "g", w: outW[1], i: 8 + ((outs[0].i - 7) % 4) } : this.global(outW[1]);
    this.pushOp(opc, opType, outs, ins, consts);
    for (const o of outs) this.define(o);
  }

  private pushOp(opc: Opc, type: Type, outs: Var[], ins: Var[], consts: number[]): void {
    // encode.ts binaryWithImm computes a+b for a `sub` of two constants, which also arises from
    // lowered i64 sub/neg of constants once liveness narrows sub2 to sub (pinned in ops.test.ts).
    if (this.opts.avoidKnownBugs && (opc === Opc.sub || opc === Opc.neg) && ins.every((v): boolean => v.k === "c"))
      ins[0] = this.global(ins[0].w);
    const text = `${OPC_NAME[opc]}_i${type === Type.I64 ? 64 : 32} ${[...outs, ...ins].map(varText).join(", ")}${consts.length ? " {" + consts.join(",") + "}" : ""}`;
    this.insns.push({ kind: "op", opc, type, outs, ins, consts, text });
  }

  private define(v: Var): void {
    if (v.k === "t" && !this.live.some((x) => x.k === "t" && x.id === v.id)) this.live.push(v);
  }

  /** Runs the program on the reference model; returns the final globals. */
  reference(): { g64: bigint[]; g32: bigint[] } {
    const g64 = [...this.init64],
      g32 = [...this.init32];
    const temps = new Map<number, bigint>();
    const get = (v: Var): bigint => {
      if (v.k === "c") return U(v.w, v.v);
      if (v.k === "g") return v.w === 64 ? g64[v.i] : g32[v.i];
      const x = temps.get(v.id);
      if (x === undefined) throw new Error(`program reads t${v.id} before writing it`);
      return x;
    };
    const set = (v: Var, x: bigint) => {
      if (v.k === "g") (v.w === 64 ? g64 : g32)[v.i] = U(v.w, x);
      else if (v.k === "t") temps.set(v.id, U(v.w, x));
    };
    let skipTo = -1;
    for (const ins of this.insns) {
      if (ins.kind === "label") {
        if (ins.label === skipTo) skipTo = -1;
        continue;
      }
      if (skipTo >= 0) continue;
      if (ins.kind === "br") {
        const [a, b] = ins.ins!.map(get);
        if (refOp(Opc.brcond, ins.brW!, [a, b], [ins.cond!])[0] === 1n) skipTo = ins.label!;
        continue;
      }
      if (ins.kind === "ld") {
        const w = ins.type === Type.I64 ? 64 : 32;
        set(ins.outs![0], refLoad(this.ram, ins.addr! - LD_BASE, ins.memop!, w));
        continue;
      }
      const w = ins.type === Type.I64 ? 64 : 32;
      const inVals = ins.ins!.map(get);
      const res = refOp(ins.opc!, ins.opc === Opc.extrl_i64_i32 || ins.opc === Opc.extrh_i64_i32 ? 64 : w, inVals, ins.consts);
      ins.outs!.forEach((o, k) => set(o, res[k]));
    }
    return { g64, g32 };
  }

  listing(): string {
    return this.insns.map((i) => "    " + i.text).join("\n");
  }
}

function isTst(c: Cond): boolean {
  return c === Cond.TSTEQ || c === Cond.TSTNE;
}

function sameVar(a: Var, b: Var): boolean {
  if (a.k !== b.k || a.w !== b.w) return false;
  if (a.k === "g" && b.k === "g") return a.i === b.i;
  if (a.k === "t" && b.k === "t") return a.id === b.id;
  if (a.k === "c" && b.k === "c") return a.v === b.v;
  return false;
}

/** Runs one program on an exec; returns the mismatches (empty when it behaved like the reference). */
export function runProgram(w: Wide, p: Program): { bad: string[]; checks: number } {
  const want = p.reference();
  let checks = 0;
  w.mem.set(p.ram, LD_BASE);
  for (let i = 0; i < NG; i++) {
    writeSlot(w.R, slotOf64(i), 64, p.init64[i]);
    writeSlot(w.R, slotOf32(i), 32, p.init32[i]);
  }
  let err: string | null = null;
  try {
    const stop = runWide(w, (b, t) => {
      const temps = new Map<number, Temp>();
      const labels = new Map<number, number>();
      const lab = (l: number) => {
        let x = labels.get(l);
        if (x === undefined) labels.set(l, (x = b.label_new()));
        return x;
      };
      const tv = (v: Var): Temp => {
        if (v.k === "c") return v.w === 64 ? b.const_i64(S(64, v.v)) : b.const_i32(Number(S(32, v.v)));
        if (v.k === "g") return v.w === 64 ? t.g64[v.i] : t.g32[v.i];
        let x = temps.get(v.id);
        if (x === undefined) temps.set(v.id, (x = v.w === 64 ? b.temp_new_i64() : b.temp_new_i32()));
        return x;
      };
      for (const ins of p.insns) {
        if (ins.kind === "label") b.gen_set_label(lab(ins.label!));
        else if (ins.kind === "br")
          b.gen_brcond(ins.brW === 64 ? Type.I64 : Type.I32, ins.cond!, tv(ins.ins![0]), tv(ins.ins![1]), lab(ins.label!));
        else if (ins.kind === "ld")
          b.gen_qemu_ld(ins.type!, tv(ins.outs![0]), b.const_i64(LD_BASE), ins.addr! - LD_BASE, ins.memop!, ins.mmu!);
        else b.ctx.emit(ins.opc!, ins.type!, [...ins.outs!.map(tv), ...ins.ins!.map(tv), ...ins.consts!]);
      }
    });
    if (stop !== Stop.Budget) err = `exception ${w.exec.excp}`;
  } catch (e) {
    err = `threw ${(e as Error).message}`;
  }
  const bad: string[] = [];
  if (err) bad.push(err);
  else {
    for (let i = 0; i < NG; i++) {
      const g = readSlot(w.R, slotOf64(i), 64),
        h = readSlot(w.R, slotOf32(i), 32);
      checks += 2;
      if (g !== want.g64[i]) bad.push(`q${i} = ${hex(g)}, expected ${hex(want.g64[i])}`);
      if (h !== want.g32[i]) bad.push(`w${i} = ${hex(h, 32)}, expected ${hex(want.g32[i], 32)}`);
    }
  }
  return { bad, checks };
}

/** Runs `count` random programs (seeds seed, seed+1, ...) in one configuration. */
export function runRandomPrograms(
  cfg: Config,
  seed: number,
  count: number,
  opts: Omit<ProgramOptions, "lowered">,
  hooks?: SuiteHooks,
): Result {
  const w = newWide(cfg, hooks, 1 << 16);
  const res: Result = { failures: [], checks: 0 };
  for (let s = seed; s < seed + count; s++) {
    const p = new Program(new Rng(s), { ...opts, lowered: cfg.lowerI64 });
    const { bad, checks } = runProgram(w, p);
    res.checks += checks;
    if (bad.length) res.failures.push(`${cfg.name}: random program seed ${s}: ${bad.join("; ")}\n${p.listing()}`);
  }
  return res;
}

/**
 * Delta-debugging: drops instructions (never labels) while the program still misbehaves, so a failure
 * report shows a handful of ops instead of forty.
 */
export function minimize(w: Wide, p: Program): Program {
  const fails = (q: Program) => {
    try {
      q.reference();
    } catch {
      return false; // reads a temp that is no longer written
    }
    return runProgram(w, q).bad.length > 0;
  };
  let cur = p;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = cur.insns.length - 1; i >= 0; i--) {
      if (cur.insns[i].kind === "label") continue;
      const q = Object.create(Program.prototype) as Program;
      Object.assign(q, cur);
      q.insns = cur.insns.filter((_, j) => j !== i);
      if (fails(q)) {
        cur = q;
        changed = true;
      }
    }
  }
  return cur;
}

/** Like runRandomPrograms, but each failure is reported with its minimized program. */
export function runRandomProgramsMinimized(
  cfg: Config,
  seed: number,
  count: number,
  opts: Omit<ProgramOptions, "lowered">,
  maxReports = 3,
): Result {
  const w = newWide(cfg, undefined, 1 << 16);
  const res: Result = { failures: [], checks: 0 };
  for (let s = seed; s < seed + count; s++) {
    const p = new Program(new Rng(s), { ...opts, lowered: cfg.lowerI64 });
    const { bad, checks } = runProgram(w, p);
    res.checks += checks;
    if (!bad.length) continue;
    if (res.failures.length >= maxReports) {
      res.failures.push(`${cfg.name}: random program seed ${s}: ${bad.join("; ")}`);
      continue;
    }
    const m = minimize(w, p);
    res.failures.push(
      `${cfg.name}: random program seed ${s}: ${bad.join("; ")}\n  minimized to (${runProgram(w, m).bad.join("; ")}):\n${m.listing()}\n  initial q: ${m.init64.map((x) => x.toString(16)).join(" ")}\n  initial w: ${m.init32.map((x) => x.toString(16)).join(" ")}`,
    );
  }
  return res;
}
