// The TCI backend: turns optimized TCG ops into bytecode words in the code cache.
//
// Temps get slots in the register file R right after the guest state (globals already have theirs);
// a slot is reused once its temp is dead. Constants never get slots of their own: ops take them as
// immediates (addi, brcondi_lt, ...) or they are materialized into scratch slots just before the op.
// Compare-and-branch picks one opcode per condition here, so the interpreter never switches on a
// condition at run time. See spec/tci/README.md for the format.
//
// Encoding a TB allocates nothing per op: bytecode numbers come from tables built once (never from
// names assembled at run time), operands are passed as arguments, and the per-temp and per-label
// scratch arrays are reused from TB to TB.
import { TempKind, type Op, type TcgContext, type Temp } from "../tcg/context.ts";
import { Cond, MO_BSWAP, MO_SIGN, MO_SIZE, Opc, Type, swapCond } from "../tcg/opcodes.ts";
import { BC_OPERANDS, BC_WORDS, Bc, type BcName } from "./opcodes.ts";
import { OP_MASK, writeInsn } from "./format.ts";
import { evalCond } from "../tcg/semantics.ts";
import { EXIT_PROMOTE_BASE, TLB_SIZE_BITS } from "./state.ts";

/** Scratch slots for materialized constants: 4 pairs, right after the guest state. */
export const SCRATCH_SLOTS = 8;

export interface EncodeTarget {
  /** env slots of the guest pc pair, the TB's cs_base word and flags word (for lookup_and_goto_ptr). */
  pcSlot: number;
  csBaseSlot: number;
  flagsSlot: number;
}

export interface EncodedTb {
  start: number;
  end: number;
  /** Per guest instruction: bytecode offset of its first op, then its insn_start words (3 each). */
  insnOffsets: Int32Array;
  insnData: Int32Array;
  /** Highest R slot used, plus one. */
  slotsUsed: number;
  /** Only when encode() was asked to keep it (debugger, logs): see TbDebugInfo. */
  debug?: TbDebugInfo;
}

/**
 * What a debugger needs to map bytecode back to IR: per op of the encoded list, the code range
 * [opStart, opEnd) its bytecode occupies (empty for ops that emit nothing; a fused pair shares one
 * range), and per temp id its R slot (-1 for constants and unused temps).
 */
export interface TbDebugInfo {
  opStart: Int32Array;
  opEnd: Int32Array;
  slot: Int32Array;
}

/** IR op name as used in bytecode names. */
const OPN: Record<number, string> = {
  [Opc.add]: "add",
  [Opc.sub]: "sub",
  [Opc.mul]: "mul",
  [Opc.and]: "and",
  [Opc.or]: "or",
  [Opc.xor]: "xor",
  [Opc.neg]: "neg",
  [Opc.not]: "not",
  [Opc.ctpop]: "ctpop",
  [Opc.andc]: "andc",
  [Opc.orc]: "orc",
  [Opc.eqv]: "eqv",
  [Opc.nand]: "nand",
  [Opc.nor]: "nor",
  [Opc.muluh]: "muluh",
  [Opc.mulsh]: "mulsh",
  [Opc.divs]: "divs",
  [Opc.divu]: "divu",
  [Opc.rems]: "rems",
  [Opc.remu]: "remu",
  [Opc.clz]: "clz",
  [Opc.ctz]: "ctz",
  [Opc.mulu2]: "mulu2",
  [Opc.muls2]: "muls2",
  [Opc.extract]: "extract",
  [Opc.sextract]: "sextract",
  [Opc.bswap16]: "bswap16",
  [Opc.bswap32]: "bswap32",
  [Opc.shl]: "shl",
  [Opc.shr]: "shr",
  [Opc.sar]: "sar",
  [Opc.rotl]: "rotl",
  [Opc.rotr]: "rotr",
};

const COND_SUFFIX: Record<number, string> = {
  [Cond.EQ]: "eq",
  [Cond.NE]: "ne",
  [Cond.LT]: "lt",
  [Cond.GE]: "ge",
  [Cond.LE]: "le",
  [Cond.GT]: "gt",
  [Cond.LTU]: "ltu",
  [Cond.GEU]: "geu",
  [Cond.LEU]: "leu",
  [Cond.GTU]: "gtu",
  [Cond.TSTEQ]: "tsteq",
  [Cond.TSTNE]: "tstne",
};

export class CodeBufferFull extends Error {}
export class TooManySlots extends Error {}

/** A bytecode number by name, or -1 (the tables below have holes where no form exists). */
function bc(name: string): number {
  const v = (Bc as Record<string, number>)[name];
  return v === undefined ? -1 : v;
}

/** Per IR opcode and width (index opc * 2 + (i64 ? 1 : 0)): the register form `<op>_<width>`. */
const REG_FORM = new Int16Array(512).fill(-1);
/** The same for the immediate form `<op>i_<width>`. */
const IMM_FORM = new Int16Array(512).fill(-1);
/** Per condition: brcond_<c>_<width> (index cond * 2 + i64), brcondi_..., setcond_<c>_i64, setcondi_<c>_i64. */
const BRCOND = new Int16Array(64).fill(-1);
const BRCONDI = new Int16Array(64).fill(-1);
const SETCOND_C64 = new Int16Array(32).fill(-1);
const SETCONDI_C64 = new Int16Array(32).fill(-1);
/** Guest loads: index size * 2 + signed, for i32 destinations, i64 destinations and 32-bit addresses. */
const QLD_I32 = new Int16Array(8).fill(-1);
const QLD_I64 = new Int16Array(8).fill(-1);
const QLD_A32 = new Int16Array(8).fill(-1);
/** Guest stores by size, for 64-bit and 32-bit addresses. */
const QST = new Int16Array(4);
const QST_A32 = new Int16Array(4);
/** Narrow env loads by IR opcode. */
const ENV_LD = new Int16Array(256).fill(-1);

{
  for (const [opcStr, name] of Object.entries(OPN)) {
    const opc = Number(opcStr);
    for (let w = 0; w < 2; w++) {
      const sfx = w ? "_i64" : "_i32";
      REG_FORM[opc * 2 + w] = bc(`${name}${sfx}`);
      IMM_FORM[opc * 2 + w] = bc(`${name}i${sfx}`);
    }
  }
  for (const [condStr, c] of Object.entries(COND_SUFFIX)) {
    const cond = Number(condStr);
    for (let w = 0; w < 2; w++) {
      const sfx = w ? "_i64" : "_i32";
      BRCOND[cond * 2 + w] = bc(`brcond_${c}${sfx}`);
      BRCONDI[cond * 2 + w] = bc(`brcondi_${c}${sfx}`);
    }
    SETCOND_C64[cond] = bc(`setcond_${c}_i64`);
    SETCONDI_C64[cond] = bc(`setcondi_${c}_i64`);
  }
  const sizes = ["qld8", "qld16", "qld32", "qld64"];
  for (let size = 0; size < 4; size++)
    for (let signed = 0; signed < 2; signed++) {
      const su = size < 2 ? (signed ? "s" : "u") : "";
      QLD_I32[size * 2 + signed] = bc(size === 3 ? "qld32_i32" : `${sizes[size]}${su}_i32`); // size 3 is refused before use
      QLD_I64[size * 2 + signed] = bc(size === 3 ? "qld64_i64" : `${sizes[size]}${size < 3 ? (signed ? "s" : "u") : ""}_i64`);
      QLD_A32[size * 2 + signed] = bc(size === 3 ? "qld64_a32" : `${sizes[size]}${su}_a32`);
    }
  const st = ["qst8", "qst16", "qst32", "qst64"];
  for (let size = 0; size < 4; size++) {
    QST[size] = bc(st[size]);
    QST_A32[size] = bc(`${st[size]}_a32`);
  }
  ENV_LD[Opc.ld8u] = Bc.ld8u_env;
  ENV_LD[Opc.ld8s] = Bc.ld8s_env;
  ENV_LD[Opc.ld16u] = Bc.ld16u_env;
  ENV_LD[Opc.ld16s] = Bc.ld16s_env;
}

/** Per bytecode: its operand count (BC_OPERANDS' letters). */
const N_OPERANDS = Int8Array.from(BC_OPERANDS, (l) => l.length);

function formOf(table: Int16Array, i: number, what: string): number {
  const v = table[i];
  if (v < 0) throw new Error(`encoder: no bytecode for ${what}`);
  return v;
}

export class Encoder {
  private code!: Int32Array;
  private pos = 0;
  private limit = 0;
  private slot: Int32Array = new Int32Array(0);
  /** Per label: its code offset once set, else -1 (first nLabels entries valid for the TB being encoded). */
  private labelAt = new Int32Array(64);
  /** Branch words to patch: (code offset, label) pairs. */
  private fixups = new Int32Array(64);
  private nFixups = 0;
  private scratchNext = 0;
  /** Operands of the instruction being written (reused; writeInsn reads it). */
  /**
   * Operand arrays by operand count, reused: one array whose length was set per instruction cost a
   * V8 runtime call (and a re-grow) for every bytecode instruction written.
   */
  private readonly operandsByCount: number[][] = [0, 1, 2, 3, 4, 5, 6].map((n) => new Array<number>(n).fill(0));
  /** Per guest instruction of the TB being encoded: code offset, then its 3 insn_start words. */
  private insnOffsets = new Int32Array(64);
  private insnData = new Int32Array(192);
  // slot assignment scratch (per temp / per op), reused from TB to TB
  private lastUse: Int32Array = new Int32Array(0);
  /** The globals' env slots (fixed once the first TB is translated), copied into `slot` per TB in one set(). */
  private globalSlots: Int32Array = new Int32Array(0);
  private globalSlotsOf: TcgContext | null = null;
  private dieHead = new Int32Array(256);
  private dieTail = new Int32Array(256);
  private dieNext = new Int32Array(256);
  private free1 = new Int32Array(64);
  private free2 = new Int32Array(64);
  private labelSeen = new Uint8Array(64);
  /** The TB branches backwards: "last use" in op order is not the last use in time. */
  private hasLoop = false;

  constructor(
    private readonly tgt: EncodeTarget,
    private readonly maxSlots: number,
  ) {}

  /** Entries a cold TB counts (tb_cold) before the CPU loop translates it again; 0: not cold. */
  private coldEntries = 0;

  /**
   * Encodes ops into code[pos..limit). Throws CodeBufferFull when the cache has no room (the caller
   * flushes and retries) and TooManySlots when the TB needs more temp slots than R has.
   * With coldEntries > 0 the TB counts its entries after its tb_start and, at the last, leaves
   * with EXIT_PROMOTE_BASE - tbId before running anything (the cold tier, src/exec/cpu-exec.ts).
   */
  encode(
    ctx: TcgContext,
    ops: Op[],
    code: Int32Array,
    pos: number,
    limit: number,
    tbId: number,
    icount: number,
    keepDebugInfo = false,
    coldEntries = 0,
  ): EncodedTb {
    this.coldEntries = coldEntries;
    this.code = code;
    this.pos = pos;
    this.limit = limit;
    const nLabels = ctx.nLabels;
    if (this.labelAt.length < nLabels) this.labelAt = new Int32Array(Math.max(nLabels, this.labelAt.length * 2));
    this.labelAt.fill(-1, 0, nLabels);
    this.nFixups = 0;
    const slotsUsed = this.assignSlots(ctx, ops);
    let nInsns = 0;
    const start = pos;
    const opStart = keepDebugInfo ? new Int32Array(ops.length) : null;
    const opEnd = keepDebugInfo ? new Int32Array(ops.length) : null;

    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      this.scratchNext = 0;
      if (opStart) opStart[k] = this.pos;
      if (op.opc === Opc.insn_start) {
        if (opEnd) opEnd[k] = this.pos;
        if (nInsns === this.insnOffsets.length) {
          this.insnOffsets = grown(this.insnOffsets, nInsns * 2);
          this.insnData = grown(this.insnData, nInsns * 6);
        }
        this.insnOffsets[nInsns] = this.pos;
        this.insnData[nInsns * 3] = op.args[0];
        this.insnData[nInsns * 3 + 1] = op.args[1];
        this.insnData[nInsns * 3 + 2] = op.args[2];
        nInsns++;
        continue;
      }
      // Peephole: `extrl t, x; rotl/rotr t2, t, c; ext_i32_i64 d, t2` with t and t2 dead afterwards
      // -> one rotliw (RV64's roriw, and the optimizer's rewrite of the shift-shift-or rotate idiom).
      // (the opcode test first, inline: most ops are not extrl, and a call costs in V8's baseline tiers,
      // where a short process translates all its code)
      if (op.opc === Opc.extrl_i64_i32 && k + 2 < ops.length && this.fuseRotW(ctx, op, ops[k + 1], ops[k + 2], k)) {
        if (opStart && opEnd) {
          opStart[k + 1] = opStart[k + 2] = opStart[k];
          opEnd[k] = opEnd[k + 1] = opEnd[k + 2] = this.pos;
        }
        k += 2;
        continue;
      }
      // Peephole: `op t, a, b; sextract d, t, 0, 32` with t dead afterwards -> one *w op (RV64's addw...).
      const next = k + 1 < ops.length ? ops[k + 1] : null;
      if (next !== null && next.opc === Opc.sextract && this.fuseW(ctx, op, next, k)) {
        if (opStart && opEnd) {
          opStart[k + 1] = opStart[k];
          opEnd[k] = opEnd[k + 1] = this.pos;
        }
        k++;
        continue;
      }
      this.encodeOp(ctx, op, tbId, icount);
      if (opEnd) opEnd[k] = this.pos;
    }
    // Chained entries (goto_tb, lookup_tb) charge the budget themselves and enter a TB right after
    // its tb_start, reading its operands: every TB must begin with it.
    if ((this.code[start] & OP_MASK) !== Bc.tb_start) throw new Error("encoder: a TB must begin with tb_start");
    for (let i = 0; i < this.nFixups; i++) {
      const at = this.fixups[2 * i],
        label = this.fixups[2 * i + 1];
      const target = this.labelAt[label];
      if (target < 0) throw new Error(`label ${label} never set`);
      this.code[at] = target;
    }
    const debug = opStart && opEnd ? { opStart, opEnd, slot: this.slot.slice(0, ctx.nTemps) } : undefined;
    return {
      start,
      end: this.pos,
      insnOffsets: this.insnOffsets.slice(0, nInsns),
      insnData: this.insnData.slice(0, nInsns * 3),
      slotsUsed,
      debug,
    };
  }

  // ---- slot assignment
  private assignSlots(ctx: TcgContext, ops: Op[]): number {
    const n = ctx.nTemps;
    if (this.slot.length < n) {
      const size = Math.max(n, this.slot.length * 2, 256);
      this.slot = new Int32Array(size);
      this.lastUse = new Int32Array(size);
    }
    const slot = this.slot;
    const last = this.lastUse;
    // A loop over the ~200 globals (an i64 register and its two halves each) cost more per TB than
    // the rest of the slot assignment in V8's baseline tiers, where a short process translates.
    const nGlobals = ctx.nGlobals;
    if (this.globalSlotsOf !== ctx || this.globalSlots.length !== nGlobals) {
      this.globalSlots = Int32Array.from(ctx.slot.slice(0, nGlobals));
      this.globalSlotsOf = ctx;
    }
    slot.set(this.globalSlots);
    slot.fill(-1, nGlobals, n);
    last.fill(-1, 0, n);
    const parent = ctx.parent;
    if (this.labelSeen.length < ctx.nLabels) this.labelSeen = new Uint8Array(Math.max(ctx.nLabels, this.labelSeen.length * 2));
    const seen = this.labelSeen;
    seen.fill(0, 0, ctx.nLabels);
    let backward = false;
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      const args = op.args;
      if (op.opc === Opc.set_label) seen[args[0]] = 1;
      else if (
        (op.opc === Opc.br && seen[args[0]]) ||
        (op.opc === Opc.brcond && seen[args[3]]) ||
        (op.opc === Opc.brcond2 && seen[args[5]])
      )
        backward = true;
      const m = op.nOut + op.nIn;
      for (let i = 0; i < m; i++) {
        const t = args[i];
        last[parent[t] >= 0 ? parent[t] : t] = k;
      }
    }
    // Temps dying at op k: a linked list per op (dieHead[k] -> dieNext[t] -> ... -1).
    if (this.dieHead.length < ops.length) {
      this.dieHead = new Int32Array(Math.max(ops.length, this.dieHead.length * 2));
      this.dieTail = new Int32Array(this.dieHead.length);
    }
    if (this.dieNext.length < n) this.dieNext = new Int32Array(Math.max(n, this.dieNext.length * 2));
    const dieHead = this.dieHead,
      dieTail = this.dieTail,
      dieNext = this.dieNext;
    dieHead.fill(-1, 0, ops.length);
    const base = ctx.envSlots + SCRATCH_SLOTS;
    let top = base;
    let n1 = 0,
      n2 = 0;
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      const args = op.args;
      const m = op.nOut + op.nIn;
      for (let i = 0; i < m; i++) {
        let t = args[i];
        if (parent[t] >= 0) t = parent[t];
        if (slot[t] >= 0 || ctx.kind[t] !== TempKind.Tb) continue;
        const pair = ctx.type[t] === Type.I64;
        let s: number;
        if (pair && n2 > 0) s = this.free2[--n2];
        else if (!pair && n1 > 0) s = this.free1[--n1];
        else {
          s = top;
          top += pair ? 2 : 1;
        }
        slot[t] = s;
        if (!backward) {
          // appended, so slots are freed in the order their temps were first seen
          const d = last[t];
          dieNext[t] = -1;
          if (dieHead[d] < 0) dieHead[d] = t;
          else dieNext[dieTail[d]] = t;
          dieTail[d] = t;
        }
      }
      for (let t = dieHead[k]; t >= 0; t = dieNext[t]) {
        if (ctx.type[t] === Type.I64) {
          if (n2 === this.free2.length) this.free2 = grown(this.free2, n2 * 2);
          this.free2[n2++] = slot[t];
        } else {
          if (n1 === this.free1.length) this.free1 = grown(this.free1, n1 * 2);
          this.free1[n1++] = slot[t];
        }
      }
    }
    this.hasLoop = backward;
    if (top > this.maxSlots) throw new TooManySlots(`TB needs ${top} register slots, R has ${this.maxSlots}`);
    for (let t = ctx.nGlobals; t < n; t++) if (parent[t] >= 0 && slot[parent[t]] >= 0) slot[t] = slot[parent[t]] + ctx.half[t];
    return top;
  }

  // ---- emission
  /** Writes bytecode `op` with its operands (as many as BC_OPERANDS gives it; the rest are ignored). */
  private ins(op: number, o0 = 0, o1 = 0, o2 = 0, o3 = 0, o4 = 0, o5 = 0): void {
    if (this.pos + BC_WORDS[op] > this.limit) throw new CodeBufferFull();
    const n = N_OPERANDS[op];
    const a = this.operandsByCount[n];
    if (n > 0) a[0] = o0;
    if (n > 1) a[1] = o1;
    if (n > 2) a[2] = o2;
    if (n > 3) a[3] = o3;
    if (n > 4) a[4] = o4;
    if (n > 5) a[5] = o5;
    this.pos = writeInsn(this.code, this.pos, op, a);
  }
  /** A branch: the operands without the target, which is the instruction's last operand and word. */
  private insBranch(op: number, label: number, o0 = 0, o1 = 0, o2 = 0, o3 = 0, o4 = 0): void {
    const at = this.pos + BC_WORDS[op] - 1;
    this.ins(op, o0, o1, o2, o3, o4, 0);
    this.code[at] = this.target(label, at);
  }

  /** Slot of a temp's value; constants are materialized into a scratch slot first. */
  private src(ctx: TcgContext, t: Temp): number {
    if (ctx.kind[t] !== TempKind.Const) {
      const s = this.slot[t];
      if (s < 0) throw new Error(`temp ${t} has no slot`);
      return s;
    }
    const s = ctx.envSlots + 2 * this.scratchNext++;
    if (ctx.type[t] === Type.I32) this.ins(Bc.movi_i32, s, ctx.cLo[t]);
    else this.ins(Bc.movi_i64, s, ctx.cLo[t], ctx.cHi[t]);
    return s;
  }
  private dst(t: Temp): number {
    return this.slot[t];
  }
  /** Whether a constant operand is usable as a sign-extended 32-bit immediate (its value is cLo). */
  private isImm(ctx: TcgContext, t: Temp): boolean {
    if (ctx.kind[t] !== TempKind.Const) return false;
    return ctx.type[t] === Type.I32 || ctx.cHi[t] === ctx.cLo[t] >> 31;
  }
  /** The code offset of a label, or 0 with a fixup of word `at` once the label is placed. */
  private target(label: number, at: number): number {
    const t = this.labelAt[label];
    if (t >= 0) return t;
    if (2 * this.nFixups + 2 > this.fixups.length) this.fixups = grown(this.fixups, this.fixups.length * 2);
    this.fixups[2 * this.nFixups] = at;
    this.fixups[2 * this.nFixups + 1] = label;
    this.nFixups++;
    return 0;
  }

  private fuseRotW(ctx: TcgContext, ext: Op, rot: Op, sext: Op, k: number): boolean {
    if (this.hasLoop || ext.opc !== Opc.extrl_i64_i32 || (rot.opc !== Opc.rotl && rot.opc !== Opc.rotr) || rot.type !== Type.I32)
      return false;
    if (sext.opc !== Opc.ext_i32_i64) return false;
    const t = ext.args[0],
      x = ext.args[1],
      r = rot.args[0];
    if (rot.args[1] !== t || sext.args[1] !== r || ctx.isConst(x) || !ctx.isConst(rot.args[2])) return false;
    if (ctx.kind[t] !== TempKind.Tb || this.lastUse[t] !== k + 1 || ctx.kind[r] !== TempKind.Tb || this.lastUse[r] !== k + 2) return false;
    const c = ctx.cLo[rot.args[2]] & 31;
    if (c === 0) return false;
    this.ins(Bc.rotliw_i64, this.dst(sext.args[0]), this.src(ctx, x), rot.opc === Opc.rotl ? c : 32 - c);
    return true;
  }

  private fuseW(ctx: TcgContext, op: Op, next: Op, k: number): boolean {
    if (this.hasLoop || op.type !== Type.I64 || next.opc !== Opc.sextract || next.type !== Type.I64) return false;
    const na = next.args;
    if (na[2] !== 0 || na[3] !== 32 || na[1] !== op.args[0]) return false;
    const t = op.args[0];
    if (ctx.kind[t] !== TempKind.Tb || this.lastUse[t] !== k + 1 || ctx.lowView[t] >= 0) return false;
    const d = this.dst(na[0]);
    const a = op.args[1],
      b = op.args[2];
    if (ctx.isConst(a)) return false;
    const bImm = this.isImm(ctx, b);
    const bi = ctx.cLo[b];
    switch (op.opc) {
      case Opc.add:
        if (bImm) this.ins(Bc.addiw_i64, d, this.src(ctx, a), bi);
        else this.ins(Bc.addw_i64, d, this.src(ctx, a), this.src(ctx, b));
        return true;
      case Opc.sub:
        if (bImm) this.ins(Bc.addiw_i64, d, this.src(ctx, a), -bi | 0);
        else this.ins(Bc.subw_i64, d, this.src(ctx, a), this.src(ctx, b));
        return true;
      case Opc.mul:
        this.ins(Bc.mulw_i64, d, this.src(ctx, a), this.src(ctx, b));
        return true;
      case Opc.shl:
        if (!bImm || bi < 0 || bi > 31) return false;
        this.ins(Bc.shliw_i64, d, this.src(ctx, a), bi);
        return true;
    }
    return false;
  }

  private encodeOp(ctx: TcgContext, op: Op, tbId: number, icount: number): void {
    const a = op.args;
    const i64 = op.type === Type.I64;
    const w = i64 ? 1 : 0;
    switch (op.opc) {
      case Opc.mov:
        if (ctx.isConst(a[1])) {
          if (i64) this.ins(Bc.movi_i64, this.dst(a[0]), ctx.cLo[a[1]], ctx.cHi[a[1]]);
          else this.ins(Bc.movi_i32, this.dst(a[0]), ctx.cLo[a[1]]);
        } else if (this.dst(a[0]) !== this.src(ctx, a[1])) this.ins(i64 ? Bc.mov_i64 : Bc.mov_i32, this.dst(a[0]), this.src(ctx, a[1]));
        return;
      case Opc.add:
      case Opc.sub:
      case Opc.mul:
      case Opc.and:
      case Opc.or:
      case Opc.xor:
        return this.binaryWithImm(ctx, op);
      case Opc.shl:
      case Opc.shr:
      case Opc.sar:
      case Opc.rotl:
      case Opc.rotr:
        return this.shift(ctx, op);
      case Opc.neg:
      case Opc.not:
      case Opc.ctpop: {
        const x = this.src(ctx, a[1]);
        this.ins(formOf(REG_FORM, op.opc * 2 + w, OPN[op.opc]), this.dst(a[0]), x);
        return;
      }
      case Opc.andc:
      case Opc.orc:
      case Opc.eqv:
      case Opc.nand:
      case Opc.nor:
      case Opc.muluh:
      case Opc.mulsh:
      case Opc.divs:
      case Opc.divu:
      case Opc.rems:
      case Opc.remu:
      case Opc.clz:
      case Opc.ctz: {
        const x = this.src(ctx, a[1]),
          y = this.src(ctx, a[2]);
        this.ins(formOf(REG_FORM, op.opc * 2 + w, OPN[op.opc]), this.dst(a[0]), x, y);
        return;
      }
      case Opc.mulu2:
      case Opc.muls2: {
        const x = this.src(ctx, a[2]),
          y = this.src(ctx, a[3]);
        this.ins(formOf(REG_FORM, op.opc * 2 + w, OPN[op.opc]), this.dst(a[0]), this.dst(a[1]), x, y);
        return;
      }
      case Opc.add2:
      case Opc.sub2: {
        const s0 = this.src(ctx, a[2]),
          s1 = this.src(ctx, a[3]),
          s2 = this.src(ctx, a[4]),
          s3 = this.src(ctx, a[5]);
        this.ins(op.opc === Opc.add2 ? Bc.add2_i32 : Bc.sub2_i32, this.dst(a[0]), this.dst(a[1]), s0, s1, s2, s3);
        return;
      }
      case Opc.extract:
      case Opc.sextract: {
        const d = a[0],
          pos = a[2],
          len = a[3];
        const x = this.src(ctx, a[1]);
        if (i64 && pos === 0 && len === 32) this.ins(op.opc === Opc.extract ? Bc.ext32u_i64 : Bc.ext32s_i64, this.dst(d), x);
        else this.ins(formOf(REG_FORM, op.opc * 2 + w, OPN[op.opc]), this.dst(d), x, pos, len);
        return;
      }
      case Opc.deposit: {
        const x = this.src(ctx, a[1]),
          y = this.src(ctx, a[2]);
        this.ins(i64 ? Bc.deposit_i64 : Bc.deposit_i32, this.dst(a[0]), x, y, a[3], a[4]);
        return;
      }
      case Opc.extract2: {
        const x = this.src(ctx, a[1]),
          y = this.src(ctx, a[2]);
        this.ins(i64 ? Bc.extract2_i64 : Bc.extract2_i32, this.dst(a[0]), x, y, a[3]);
        return;
      }
      case Opc.bswap16:
      case Opc.bswap32: {
        const x = this.src(ctx, a[1]);
        this.ins(formOf(REG_FORM, op.opc * 2 + w, OPN[op.opc]), this.dst(a[0]), x, a[2]);
        return;
      }
      case Opc.bswap64: {
        const x = this.src(ctx, a[1]);
        this.ins(Bc.bswap64_i64, this.dst(a[0]), x);
        return;
      }
      case Opc.setcond:
      case Opc.negsetcond:
        return this.setcond(ctx, op);
      case Opc.setcond2: {
        const s0 = this.src(ctx, a[1]),
          s1 = this.src(ctx, a[2]),
          s2 = this.src(ctx, a[3]),
          s3 = this.src(ctx, a[4]);
        this.ins(Bc.setcond2_i32, this.dst(a[0]), s0, s1, s2, s3, a[5]);
        return;
      }
      case Opc.movcond: {
        const s0 = this.src(ctx, a[1]),
          s1 = this.src(ctx, a[2]),
          s2 = this.src(ctx, a[3]),
          s3 = this.src(ctx, a[4]);
        this.ins(i64 ? Bc.movcond_i64 : Bc.movcond_i32, this.dst(a[0]), s0, s1, s2, s3, a[5]);
        return;
      }
      case Opc.brcond:
        return this.brcond(ctx, op);
      case Opc.brcond2: {
        const s0 = this.src(ctx, a[0]),
          s1 = this.src(ctx, a[1]),
          s2 = this.src(ctx, a[2]),
          s3 = this.src(ctx, a[3]);
        this.insBranch(Bc.brcond2_i32, a[5], s0, s1, s2, s3, a[4]);
        return;
      }
      case Opc.ext_i32_i64:
      case Opc.extu_i32_i64: {
        const x = this.src(ctx, a[1]);
        this.ins(op.opc === Opc.ext_i32_i64 ? Bc.ext_i32_i64 : Bc.extu_i32_i64, this.dst(a[0]), x);
        return;
      }
      case Opc.extrl_i64_i32:
      case Opc.extrh_i64_i32:
        if (ctx.isConst(a[1])) this.ins(Bc.movi_i32, this.dst(a[0]), op.opc === Opc.extrl_i64_i32 ? ctx.cLo[a[1]] : ctx.cHi[a[1]]);
        else this.ins(Bc.mov_i32, this.dst(a[0]), this.src(ctx, a[1]) + (op.opc === Opc.extrh_i64_i32 ? 1 : 0));
        return;
      case Opc.br:
        this.insBranch(Bc.br, a[0]);
        return;
      case Opc.set_label:
        this.labelAt[a[0]] = this.pos;
        return;
      case Opc.ld8u:
      case Opc.ld8s:
      case Opc.ld16u:
      case Opc.ld16s:
      case Opc.ld32u:
      case Opc.ld32s:
      case Opc.ld:
        return this.envLoad(op);
      case Opc.st8:
      case Opc.st16:
      case Opc.st32:
      case Opc.st:
        return this.envStore(ctx, op);
      case Opc.qemu_ld:
        return this.guestLoad(ctx, op);
      case Opc.qemu_st: {
        const addr = a[1],
          off = a[2],
          memop = a[3],
          mmu = a[4];
        let vs = this.src(ctx, a[0]);
        const as = this.addrSlot(ctx, addr);
        const a32 = ctx.type[addr] === Type.I32;
        const size = memop & MO_SIZE;
        if (memop & MO_BSWAP && size > 0) {
          // A big-endian guest access: swap into a scratch slot, then store (QEMU does the same on
          // hosts without byte-swapping stores).
          const t = ctx.envSlots + 2 * this.scratchNext++;
          if (size === 3) this.ins(Bc.bswap64_i64, t, vs);
          else this.ins(size === 2 ? Bc.bswap32_i32 : Bc.bswap16_i32, t, vs, 0);
          vs = t;
        }
        this.ins(a32 ? QST_A32[size] : QST[size], vs, as, mmu << TLB_SIZE_BITS, off, memop & ~MO_BSWAP);
        return;
      }
      case Opc.call: {
        const nOut = op.nOut,
          nIn = op.nIn;
        const i0 = nIn > 0 ? this.src(ctx, a[nOut]) : 0,
          i1 = nIn > 1 ? this.src(ctx, a[nOut + 1]) : 0,
          i2 = nIn > 2 ? this.src(ctx, a[nOut + 2]) : 0,
          i3 = nIn > 3 ? this.src(ctx, a[nOut + 3]) : 0;
        this.ins(Bc.call, a[nOut + nIn], nOut ? this.dst(a[0]) : 0, i0, i1, i2, i3);
        return;
      }
      case Opc.goto_tb:
        this.ins(Bc.goto_tb, tbId * 2 + a[0]);
        return;
      case Opc.exit_tb:
        this.ins(Bc.exit_tb, a[0] < 0 ? -1 : tbId * 2 + a[0]);
        return;
      case Opc.goto_ptr:
        this.ins(Bc.goto_ptr, this.src(ctx, a[0]));
        return;
      case Opc.lookup_and_goto_ptr:
        this.ins(Bc.lookup_tb, this.tgt.pcSlot, this.tgt.csBaseSlot, this.tgt.flagsSlot);
        return;
      case Opc.mb:
        this.ins(Bc.mb, a[0]);
        return;
      case Opc.tb_start:
        this.ins(Bc.tb_start, icount, tbId);
        if (this.coldEntries > 0) {
          this.ins(Bc.tb_cold, this.coldEntries);
          this.ins(Bc.exit_tb, EXIT_PROMOTE_BASE - tbId);
        }
        return;
      case Opc.discard:
      case Opc.insn_start:
        return;
    }
    throw new Error(`encoder: unsupported op ${op.opc}`);
  }

  private binaryWithImm(ctx: TcgContext, op: Op): void {
    const d = op.args[0],
      a = op.args[1],
      b = op.args[2];
    const i64 = op.type === Type.I64;
    const w = i64 ? 1 : 0;
    const opc = op.opc;
    // Immediate forms: add/and/or/xor in both widths, mul in i32 only; x - c is x + (-c).
    if (this.isImm(ctx, b) && !ctx.isConst(a) && (opc !== Opc.mul || !i64)) {
      const bi = ctx.cLo[b];
      if (opc !== Opc.sub) {
        this.ins(formOf(IMM_FORM, opc * 2 + w, OPN[opc]), this.dst(d), this.src(ctx, a), bi);
        return;
      }
      if (!i64 || bi !== -0x80000000) {
        this.ins(i64 ? Bc.addi_i64 : Bc.addi_i32, this.dst(d), this.src(ctx, a), -bi | 0);
        return;
      }
    }
    if (ctx.isConst(a) && !ctx.isConst(b) && opc !== Opc.sub) {
      if (this.isImm(ctx, a) && (opc !== Opc.mul || !i64)) {
        this.ins(formOf(IMM_FORM, opc * 2 + w, OPN[opc]), this.dst(d), this.src(ctx, b), ctx.cLo[a]);
        return;
      }
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    this.ins(formOf(REG_FORM, opc * 2 + w, OPN[opc]), this.dst(d), x, y);
  }

  private shift(ctx: TcgContext, op: Op): void {
    const d = op.args[0],
      a = op.args[1],
      b = op.args[2];
    const i64 = op.type === Type.I64;
    const bits = i64 ? 64 : 32;
    const w = i64 ? 1 : 0;
    if (ctx.isConst(b)) {
      let c = ctx.cLo[b] & (bits - 1);
      let opc = op.opc;
      if (opc === Opc.rotr) {
        opc = Opc.rotl;
        c = (bits - c) & (bits - 1);
      }
      // 64-bit shifts: the count's range picks the opcode, so that the interpreter tests nothing at
      // run time (two branches fewer per shift; in Ignition a few bytecodes fewer).
      if (i64 && opc !== Opc.rotl && (c === 0 || c >= 32)) {
        if (c === 0) this.ins(Bc.mov_i64, this.dst(d), this.src(ctx, a));
        else
          this.ins(opc === Opc.shl ? Bc.shlhi_i64 : opc === Opc.shr ? Bc.shrhi_i64 : Bc.sarhi_i64, this.dst(d), this.src(ctx, a), c - 32);
        return;
      }
      this.ins(formOf(IMM_FORM, opc * 2 + w, OPN[opc]), this.dst(d), this.src(ctx, a), c);
      return;
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    this.ins(formOf(REG_FORM, op.opc * 2 + w, OPN[op.opc]), this.dst(d), x, y);
  }

  private setcond(ctx: TcgContext, op: Op): void {
    const d = op.args[0];
    let a = op.args[1],
      b = op.args[2],
      cond: Cond = op.args[3];
    const i64 = op.type === Type.I64;
    if (ctx.isConst(a) && !ctx.isConst(b)) {
      const x = a;
      a = b;
      b = x;
      cond = swapCond(cond);
    }
    const bImm = this.isImm(ctx, b);
    const bi = ctx.cLo[b];
    if (op.opc === Opc.setcond && i64 && (cond === Cond.LT || cond === Cond.LTU || cond === Cond.EQ || cond === Cond.NE)) {
      if (bImm) this.ins(SETCONDI_C64[cond], this.dst(d), this.src(ctx, a), bi);
      else {
        const x = this.src(ctx, a),
          y = this.src(ctx, b);
        this.ins(SETCOND_C64[cond], this.dst(d), x, y);
      }
      return;
    }
    if (op.opc === Opc.setcond && bImm) {
      this.ins(i64 ? Bc.setcondi_i64 : Bc.setcondi_i32, this.dst(d), this.src(ctx, a), bi, cond);
      return;
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    const name = op.opc === Opc.setcond ? (i64 ? Bc.setcond_i64 : Bc.setcond_i32) : i64 ? Bc.negsetcond_i64 : Bc.negsetcond_i32;
    this.ins(name, this.dst(d), x, y, cond);
  }

  private brcond(ctx: TcgContext, op: Op): void {
    let a = op.args[0],
      b = op.args[1],
      cond: Cond = op.args[2];
    const label = op.args[3];
    const w = op.type === Type.I64 ? 1 : 0;
    if (ctx.isConst(a) && ctx.isConst(b))
      cond = evalCond(op.type === Type.I64 ? 64 : 32, cond, ctx.constValue(a), ctx.constValue(b)) ? Cond.ALWAYS : Cond.NEVER;
    if (cond === Cond.ALWAYS) {
      this.insBranch(Bc.br, label);
      return;
    }
    if (cond === Cond.NEVER) return;
    if (ctx.isConst(a) && !ctx.isConst(b)) {
      const x = a;
      a = b;
      b = x;
      cond = swapCond(cond);
    }
    if (this.isImm(ctx, b) && !ctx.isConst(a)) {
      const x = this.src(ctx, a);
      this.insBranch(formOf(BRCONDI, cond * 2 + w, "brcondi"), label, x, ctx.cLo[b]);
      return;
    }
    // Register forms exist for eq ne lt ge ltu geu tsteq tstne; the others swap their operands.
    if (cond === Cond.LE || cond === Cond.GT || cond === Cond.LEU || cond === Cond.GTU) {
      const x = a;
      a = b;
      b = x;
      cond = swapCond(cond);
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    this.insBranch(formOf(BRCOND, cond * 2 + w, "brcond"), label, x, y);
  }

  /**
   * An address operand: a pair slot for 64-bit guests, a single slot for 32-bit guests (constants
   * are materialized). Returns the slot and whether the address is 32 bits wide (the *_a32 forms).
   */
  private addrSlot(ctx: TcgContext, t: Temp): number {
    return this.src(ctx, t);
  }

  private guestLoad(ctx: TcgContext, op: Op): void {
    const args = op.args;
    const v = args[0],
      addr = args[1],
      off = args[2],
      memop = args[3],
      mmu = args[4];
    const as = this.addrSlot(ctx, addr);
    const a32 = ctx.type[addr] === Type.I32;
    const size = memop & MO_SIZE;
    const bswap = (memop & MO_BSWAP) !== 0 && size > 0;
    // A big-endian access loads unsigned, then swaps (and sign-extends) in place.
    const signed = (memop & MO_SIGN) !== 0 && !bswap;
    if (op.type === Type.I32 && size === 3) throw new Error("encoder: 64-bit load into an i32");
    const i64 = op.type === Type.I64;
    const slowOp = bswap ? memop & ~(MO_BSWAP | MO_SIGN) : memop;
    const d = this.dst(v);
    const form = size * 2 + (signed ? 1 : 0);
    if (a32) {
      // 32-bit guest: the load fills one slot (or a pair for 64 bits); an i64 destination of a
      // narrower access is extended afterwards (rare: 32-bit guests keep most values in i32s).
      this.ins(QLD_A32[form], d, as, mmu << TLB_SIZE_BITS, off, slowOp);
      if (bswap) {
        const ext = memop & MO_SIGN ? 4 : 0;
        if (size === 3) this.ins(Bc.bswap64_i64, d, d);
        else this.ins(size === 2 ? Bc.bswap32_i32 : Bc.bswap16_i32, d, d, ext);
      }
      if (i64 && size < 3) this.ins(memop & MO_SIGN ? Bc.ext_i32_i64 : Bc.extu_i32_i64, d, d);
      return;
    }
    this.ins(i64 ? QLD_I64[form] : QLD_I32[form], d, as, mmu << TLB_SIZE_BITS, off, slowOp);
    if (!bswap) return;
    const ext = memop & MO_SIGN ? 4 : 0;
    if (size === 3) this.ins(Bc.bswap64_i64, d, d);
    else if (size === 2) this.ins(i64 ? Bc.bswap32_i64 : Bc.bswap32_i32, d, d, ext);
    else this.ins(i64 ? Bc.bswap16_i64 : Bc.bswap16_i32, d, d, ext);
  }

  private envLoad(op: Op): void {
    const d = op.args[0],
      off = op.args[1];
    const i64 = op.type === Type.I64;
    const ds = this.dst(d);
    switch (op.opc) {
      case Opc.ld:
      case Opc.ld32u:
      case Opc.ld32s:
        if (off & 3) throw new Error("env ld: offset not word-aligned");
        if (op.opc === Opc.ld && i64) this.ins(Bc.mov_i64, ds, off >> 2);
        else if (!i64) this.ins(Bc.mov_i32, ds, off >> 2);
        else this.ins(op.opc === Opc.ld32s ? Bc.ext_i32_i64 : Bc.extu_i32_i64, ds, off >> 2);
        return;
      default: {
        if ((op.opc === Opc.ld16u || op.opc === Opc.ld16s) && off & 1) throw new Error("env ld16: offset not halfword-aligned");
        this.ins(ENV_LD[op.opc], ds, off);
        if (i64) {
          if (op.opc === Opc.ld8s || op.opc === Opc.ld16s) this.ins(Bc.sari_i32, ds + 1, ds, 31);
          else this.ins(Bc.movi_i32, ds + 1, 0);
        }
      }
    }
  }

  private envStore(ctx: TcgContext, op: Op): void {
    const off = op.args[1];
    const vs = this.src(ctx, op.args[0]);
    switch (op.opc) {
      case Opc.st8:
        this.ins(Bc.st8_env, vs, off);
        return;
      case Opc.st16:
        if (off & 1) throw new Error("env st16: offset not halfword-aligned");
        this.ins(Bc.st16_env, vs, off);
        return;
      case Opc.st32:
        if (off & 3) throw new Error("env st: offset not word-aligned");
        this.ins(Bc.mov_i32, off >> 2, vs);
        return;
      case Opc.st:
        if (off & 3) throw new Error("env st: offset not word-aligned");
        this.ins(op.type === Type.I64 ? Bc.mov_i64 : Bc.mov_i32, off >> 2, vs);
        return;
    }
  }
}

/** A copy of `a` with room for n elements. */
function grown(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(n, 16));
  b.set(a.subarray(0, Math.min(a.length, b.length)));
  return b;
}
