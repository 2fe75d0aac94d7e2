// The TCI backend: turns optimized TCG ops into bytecode words in the code cache.
//
// Temps get slots in the register file R right after the guest state (globals already have theirs);
// a slot is reused once its temp is dead. Constants never get slots of their own: ops take them as
// immediates (addi, brcondi_lt, ...) or they are materialized into scratch slots just before the op.
// Compare-and-branch picks one opcode per condition here, so the interpreter never switches on a
// condition at run time. See spec/tci/README.md for the format.
import { TempKind, type Op, type TcgContext, type Temp } from "../tcg/context.ts";
import { Cond, MO_BSWAP, MO_SIGN, MO_SIZE, Opc, Type, swapCond } from "../tcg/opcodes.ts";
import { BC_WORDS, Bc, type BcName } from "./opcodes.ts";
import { OP_MASK, writeInsn } from "./format.ts";
import { evalCond } from "../tcg/semantics.ts";
import { TLB_SIZE_BITS } from "./state.ts";

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

export class CodeBufferFull extends Error {}
export class TooManySlots extends Error {}

export class Encoder {
  private code!: Int32Array;
  private pos = 0;
  private limit = 0;
  private slot: Int32Array = new Int32Array(0);
  private labelAt: number[] = [];
  private fixups: Array<[number, number]> = [];
  private scratchNext = 0;

  constructor(
    private readonly tgt: EncodeTarget,
    private readonly maxSlots: number,
  ) {}

  /**
   * Encodes ops into code[pos..limit). Throws CodeBufferFull when the cache has no room (the caller
   * flushes and retries) and TooManySlots when the TB needs more temp slots than R has.
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
  ): EncodedTb {
    this.code = code;
    this.pos = pos;
    this.limit = limit;
    this.labelAt = [];
    this.fixups = [];
    const slotsUsed = this.assignSlots(ctx, ops);
    const insnOffsets: number[] = [];
    const insnData: number[] = [];
    const start = pos;
    const opStart = keepDebugInfo ? new Int32Array(ops.length) : null;
    const opEnd = keepDebugInfo ? new Int32Array(ops.length) : null;

    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      this.scratchNext = 0;
      if (opStart) opStart[k] = this.pos;
      if (op.opc === Opc.insn_start) {
        if (opEnd) opEnd[k] = this.pos;
        insnOffsets.push(this.pos);
        insnData.push(op.args[0], op.args[1], op.args[2]);
        continue;
      }
      // Peephole: `op t, a, b; sextract d, t, 0, 32` with t dead afterwards -> one *w op (RV64's addw...).
      const next = ops[k + 1];
      if (next && this.fuseW(ctx, op, next, ops, k)) {
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
    for (const [at, label] of this.fixups) {
      const target = this.labelAt[label];
      if (target === undefined) throw new Error(`label ${label} never set`);
      this.code[at] = target;
    }
    const debug = opStart && opEnd ? { opStart, opEnd, slot: this.slot.slice() } : undefined;
    return { start, end: this.pos, insnOffsets: Int32Array.from(insnOffsets), insnData: Int32Array.from(insnData), slotsUsed, debug };
  }

  // ---- slot assignment
  private lastUse: Int32Array = new Int32Array(0);
  /** The TB branches backwards: "last use" in op order is not the last use in time. */
  private hasLoop = false;

  private assignSlots(ctx: TcgContext, ops: Op[]): number {
    const n = ctx.nTemps;
    const slot = (this.slot = new Int32Array(n).fill(-1));
    for (let g = 0; g < ctx.nGlobals; g++) slot[g] = ctx.slot[g];
    const root = (t: number) => (ctx.parent[t] >= 0 ? ctx.parent[t] : t);
    const last = (this.lastUse = new Int32Array(n).fill(-1));
    let backward = false;
    const labelsSeen = new Set<number>();
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      if (op.opc === Opc.set_label) labelsSeen.add(op.args[0]);
      if (
        (op.opc === Opc.br && labelsSeen.has(op.args[0])) ||
        (op.opc === Opc.brcond && labelsSeen.has(op.args[3])) ||
        (op.opc === Opc.brcond2 && labelsSeen.has(op.args[5]))
      )
        backward = true;
      for (let i = 0; i < op.nOut + op.nIn; i++) last[root(op.args[i])] = k;
    }
    const base = ctx.envSlots + SCRATCH_SLOTS;
    let top = base;
    const free1: number[] = [];
    const free2: number[] = [];
    const dying: number[][] = ops.map(() => []);
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      for (let i = 0; i < op.nOut + op.nIn; i++) {
        const t = root(op.args[i]);
        if (slot[t] >= 0 || ctx.kind[t] !== TempKind.Tb) continue;
        const pair = ctx.type[t] === Type.I64;
        let s = pair ? free2.pop() : free1.pop();
        if (s === undefined) {
          s = top;
          top += pair ? 2 : 1;
        }
        slot[t] = s;
        if (!backward) dying[last[t]].push(t);
      }
      for (const t of dying[k]) (ctx.type[t] === Type.I64 ? free2 : free1).push(slot[t]);
    }
    this.hasLoop = backward;
    if (top > this.maxSlots) throw new TooManySlots(`TB needs ${top} register slots, R has ${this.maxSlots}`);
    for (let t = ctx.nGlobals; t < n; t++) if (ctx.parent[t] >= 0 && slot[ctx.parent[t]] >= 0) slot[t] = slot[ctx.parent[t]] + ctx.half[t];
    return top;
  }

  // ---- emission
  private ins(name: BcName, ...operands: number[]): void {
    const op = Bc[name];
    if (this.pos + BC_WORDS[op] > this.limit) throw new CodeBufferFull();
    this.pos = writeInsn(this.code, this.pos, op, operands);
  }
  /** A branch: `operands` without the target, which is the instruction's last word. */
  private insBranch(name: BcName, label: number, ...operands: number[]): void {
    const at = this.pos + BC_WORDS[Bc[name]] - 1;
    operands.push(0);
    this.ins(name, ...operands);
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
    if (ctx.type[t] === Type.I32) this.ins("movi_i32", s, ctx.cLo[t]);
    else this.ins("movi_i64", s, ctx.cLo[t], ctx.cHi[t]);
    return s;
  }
  private dst(t: Temp): number {
    return this.slot[t];
  }
  /** A constant operand usable as a sign-extended 32-bit immediate, or null. */
  private imm(ctx: TcgContext, t: Temp): number | null {
    if (ctx.kind[t] !== TempKind.Const) return null;
    if (ctx.type[t] === Type.I32) return ctx.cLo[t];
    return ctx.cHi[t] === ctx.cLo[t] >> 31 ? ctx.cLo[t] : null;
  }
  /** The code offset of a label, or 0 with a fixup of word `at` once the label is placed. */
  private target(label: number, at: number): number {
    const t = this.labelAt[label];
    if (t !== undefined) return t;
    this.fixups.push([at, label]);
    return 0;
  }

  private fuseW(ctx: TcgContext, op: Op, next: Op, ops: Op[], k: number): boolean {
    if (this.hasLoop || op.type !== Type.I64 || next.opc !== Opc.sextract || next.type !== Type.I64) return false;
    if (next.args[2] !== 0 || next.args[3] !== 32 || next.args[1] !== op.args[0]) return false;
    const t = op.args[0];
    if (ctx.kind[t] !== TempKind.Tb || this.lastUse[t] !== k + 1 || ctx.viewsOf(t)) return false;
    const d = this.dst(next.args[0]);
    const [, a, b] = op.args;
    if (ctx.isConst(a)) return false;
    const bi = this.imm(ctx, b);
    switch (op.opc) {
      case Opc.add:
        if (bi !== null) this.ins("addiw_i64", d, this.src(ctx, a), bi);
        else this.ins("addw_i64", d, this.src(ctx, a), this.src(ctx, b));
        return true;
      case Opc.sub:
        if (bi !== null) this.ins("addiw_i64", d, this.src(ctx, a), -bi | 0);
        else this.ins("subw_i64", d, this.src(ctx, a), this.src(ctx, b));
        return true;
      case Opc.mul:
        this.ins("mulw_i64", d, this.src(ctx, a), this.src(ctx, b));
        return true;
      case Opc.shl:
        if (bi === null || bi < 0 || bi > 31) return false;
        this.ins("shliw_i64", d, this.src(ctx, a), bi);
        return true;
    }
    return false;
  }

  private encodeOp(ctx: TcgContext, op: Op, tbId: number, icount: number): void {
    const a = op.args;
    const i64 = op.type === Type.I64;
    const S = (t: Temp) => this.src(ctx, t);
    const D = (t: Temp) => this.dst(t);
    switch (op.opc) {
      case Opc.mov:
        if (ctx.isConst(a[1])) {
          if (i64) this.ins("movi_i64", D(a[0]), ctx.cLo[a[1]], ctx.cHi[a[1]]);
          else this.ins("movi_i32", D(a[0]), ctx.cLo[a[1]]);
        } else if (D(a[0]) !== S(a[1])) this.ins(i64 ? "mov_i64" : "mov_i32", D(a[0]), S(a[1]));
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
      case Opc.ctpop:
        this.ins(`${OPN[op.opc]}_${i64 ? "i64" : "i32"}` as BcName, D(a[0]), S(a[1]));
        return;
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
        const x = S(a[1]),
          y = S(a[2]);
        this.ins(`${OPN[op.opc]}_${i64 ? "i64" : "i32"}` as BcName, D(a[0]), x, y);
        return;
      }
      case Opc.mulu2:
      case Opc.muls2: {
        const x = S(a[2]),
          y = S(a[3]);
        this.ins(`${OPN[op.opc]}_${i64 ? "i64" : "i32"}` as BcName, D(a[0]), D(a[1]), x, y);
        return;
      }
      case Opc.add2:
      case Opc.sub2: {
        const s = [S(a[2]), S(a[3]), S(a[4]), S(a[5])];
        this.ins(op.opc === Opc.add2 ? "add2_i32" : "sub2_i32", D(a[0]), D(a[1]), ...s);
        return;
      }
      case Opc.extract:
      case Opc.sextract: {
        const [d, s, pos, len] = a;
        if (i64 && pos === 0 && len === 32) this.ins(op.opc === Opc.extract ? "ext32u_i64" : "ext32s_i64", D(d), S(s));
        else this.ins(`${OPN[op.opc]}_${i64 ? "i64" : "i32"}` as BcName, D(d), S(s), pos, len);
        return;
      }
      case Opc.deposit: {
        const x = S(a[1]),
          y = S(a[2]);
        this.ins(i64 ? "deposit_i64" : "deposit_i32", D(a[0]), x, y, a[3], a[4]);
        return;
      }
      case Opc.extract2: {
        const x = S(a[1]),
          y = S(a[2]);
        this.ins(i64 ? "extract2_i64" : "extract2_i32", D(a[0]), x, y, a[3]);
        return;
      }
      case Opc.bswap16:
      case Opc.bswap32:
        this.ins(`${OPN[op.opc]}_${i64 ? "i64" : "i32"}` as BcName, D(a[0]), S(a[1]), a[2]);
        return;
      case Opc.bswap64:
        this.ins("bswap64_i64", D(a[0]), S(a[1]));
        return;
      case Opc.setcond:
      case Opc.negsetcond:
        return this.setcond(ctx, op);
      case Opc.setcond2: {
        const s = [S(a[1]), S(a[2]), S(a[3]), S(a[4])];
        this.ins("setcond2_i32", D(a[0]), ...s, a[5]);
        return;
      }
      case Opc.movcond: {
        const s = [S(a[1]), S(a[2]), S(a[3]), S(a[4])];
        this.ins(i64 ? "movcond_i64" : "movcond_i32", D(a[0]), ...s, a[5]);
        return;
      }
      case Opc.brcond:
        return this.brcond(ctx, op);
      case Opc.brcond2: {
        const s = [S(a[0]), S(a[1]), S(a[2]), S(a[3])];
        this.insBranch("brcond2_i32", a[5], ...s, a[4]);
        return;
      }
      case Opc.ext_i32_i64:
      case Opc.extu_i32_i64:
        this.ins(op.opc === Opc.ext_i32_i64 ? "ext_i32_i64" : "extu_i32_i64", D(a[0]), S(a[1]));
        return;
      case Opc.extrl_i64_i32:
      case Opc.extrh_i64_i32:
        if (ctx.isConst(a[1])) this.ins("movi_i32", D(a[0]), op.opc === Opc.extrl_i64_i32 ? ctx.cLo[a[1]] : ctx.cHi[a[1]]);
        else this.ins("mov_i32", D(a[0]), S(a[1]) + (op.opc === Opc.extrh_i64_i32 ? 1 : 0));
        return;
      case Opc.br:
        this.insBranch("br", a[0]);
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
        const [v, addr, off, memop, mmu] = a;
        let vs = S(v);
        const as = this.addrSlot(ctx, addr);
        const a32 = ctx.type[addr] === Type.I32;
        const size = memop & MO_SIZE;
        if (memop & MO_BSWAP && size > 0) {
          // A big-endian guest access: swap into a scratch slot, then store (QEMU does the same on
          // hosts without byte-swapping stores).
          const t = ctx.envSlots + 2 * this.scratchNext++;
          if (size === 3) this.ins("bswap64_i64", t, vs);
          else this.ins(size === 2 ? "bswap32_i32" : "bswap16_i32", t, vs, 0);
          vs = t;
        }
        const names = a32 ? (["qst8_a32", "qst16_a32", "qst32_a32", "qst64_a32"] as const) : (["qst8", "qst16", "qst32", "qst64"] as const);
        this.ins(names[size], vs, as, mmu << TLB_SIZE_BITS, off, memop & ~MO_BSWAP);
        return;
      }
      case Opc.call: {
        const nOut = op.nOut,
          nIn = op.nIn;
        const ins = [0, 0, 0, 0];
        for (let i = 0; i < nIn; i++) ins[i] = S(a[nOut + i]);
        this.ins("call", a[nOut + nIn], nOut ? D(a[0]) : 0, ...ins);
        return;
      }
      case Opc.goto_tb:
        this.ins("goto_tb", tbId * 2 + a[0]);
        return;
      case Opc.exit_tb:
        this.ins("exit_tb", a[0] < 0 ? -1 : tbId * 2 + a[0]);
        return;
      case Opc.goto_ptr:
        this.ins("goto_ptr", S(a[0]));
        return;
      case Opc.lookup_and_goto_ptr:
        this.ins("lookup_tb", this.tgt.pcSlot, this.tgt.csBaseSlot, this.tgt.flagsSlot);
        return;
      case Opc.mb:
        this.ins("mb", a[0]);
        return;
      case Opc.tb_start:
        this.ins("tb_start", icount, tbId);
        return;
      case Opc.discard:
      case Opc.insn_start:
        return;
    }
    throw new Error(`encoder: unsupported op ${op.opc}`);
  }

  private binaryWithImm(ctx: TcgContext, op: Op): void {
    const [d, a, b] = op.args;
    const i64 = op.type === Type.I64;
    const sfx = i64 ? "_i64" : "_i32";
    const opc = op.opc;
    const bi = this.imm(ctx, b);
    // Immediate forms: add/and/or/xor in both widths, mul in i32 only; x - c is x + (-c).
    if (bi !== null && !ctx.isConst(a) && (opc !== Opc.mul || !i64)) {
      if (opc !== Opc.sub) {
        this.ins(`${OPN[opc]}i${sfx}` as BcName, this.dst(d), this.src(ctx, a), bi);
        return;
      }
      if (!i64 || bi !== -0x80000000) {
        this.ins(`addi${sfx}` as BcName, this.dst(d), this.src(ctx, a), -bi | 0);
        return;
      }
    }
    if (ctx.isConst(a) && !ctx.isConst(b) && opc !== Opc.sub) {
      const ai = this.imm(ctx, a);
      if (ai !== null && (opc !== Opc.mul || !i64)) {
        this.ins(`${OPN[opc]}i${sfx}` as BcName, this.dst(d), this.src(ctx, b), ai);
        return;
      }
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    this.ins(`${OPN[opc]}${sfx}` as BcName, this.dst(d), x, y);
  }

  private shift(ctx: TcgContext, op: Op): void {
    const [d, a, b] = op.args;
    const i64 = op.type === Type.I64;
    const w = i64 ? 64 : 32;
    const sfx = i64 ? "_i64" : "_i32";
    if (ctx.isConst(b)) {
      let c = ctx.cLo[b] & (w - 1);
      let opc = op.opc;
      if (opc === Opc.rotr) {
        opc = Opc.rotl;
        c = (w - c) & (w - 1);
      }
      this.ins(`${OPN[opc]}i${sfx}` as BcName, this.dst(d), this.src(ctx, a), c);
      return;
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    this.ins(`${OPN[op.opc]}${sfx}` as BcName, this.dst(d), x, y);
  }

  private setcond(ctx: TcgContext, op: Op): void {
    let [d, a, b, cond] = op.args;
    const i64 = op.type === Type.I64;
    if (ctx.isConst(a) && !ctx.isConst(b)) {
      [a, b] = [b, a];
      cond = swapCond(cond);
    }
    const bi = this.imm(ctx, b);
    if (op.opc === Opc.setcond && i64 && (cond === Cond.LT || cond === Cond.LTU || cond === Cond.EQ || cond === Cond.NE)) {
      const c = { [Cond.LT]: "lt", [Cond.LTU]: "ltu", [Cond.EQ]: "eq", [Cond.NE]: "ne" }[cond as Cond.LT | Cond.LTU | Cond.EQ | Cond.NE];
      if (bi !== null) this.ins(`setcondi_${c}_i64` as BcName, this.dst(d), this.src(ctx, a), bi);
      else {
        const x = this.src(ctx, a),
          y = this.src(ctx, b);
        this.ins(`setcond_${c}_i64` as BcName, this.dst(d), x, y);
      }
      return;
    }
    if (op.opc === Opc.setcond && bi !== null) {
      this.ins(i64 ? "setcondi_i64" : "setcondi_i32", this.dst(d), this.src(ctx, a), bi, cond);
      return;
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    const name = `${op.opc === Opc.setcond ? "setcond" : "negsetcond"}${i64 ? "_i64" : "_i32"}` as BcName;
    this.ins(name, this.dst(d), x, y, cond);
  }

  private brcond(ctx: TcgContext, op: Op): void {
    let [a, b, cond, label] = op.args;
    const sfx = op.type === Type.I64 ? "_i64" : "_i32";
    if (ctx.isConst(a) && ctx.isConst(b))
      cond = evalCond(op.type === Type.I64 ? 64 : 32, cond, ctx.constValue(a), ctx.constValue(b)) ? Cond.ALWAYS : Cond.NEVER;
    if (cond === Cond.ALWAYS) {
      this.insBranch("br", label);
      return;
    }
    if (cond === Cond.NEVER) return;
    if (ctx.isConst(a) && !ctx.isConst(b)) {
      [a, b] = [b, a];
      cond = swapCond(cond);
    }
    const bi = this.imm(ctx, b);
    if (bi !== null && !ctx.isConst(a)) {
      const x = this.src(ctx, a);
      this.insBranch(`brcondi_${COND_SUFFIX[cond]}${sfx}` as BcName, label, x, bi);
      return;
    }
    // Register forms exist for eq ne lt ge ltu geu tsteq tstne; the others swap their operands.
    if (cond === Cond.LE || cond === Cond.GT || cond === Cond.LEU || cond === Cond.GTU) {
      [a, b] = [b, a];
      cond = swapCond(cond);
    }
    const x = this.src(ctx, a),
      y = this.src(ctx, b);
    this.insBranch(`brcond_${COND_SUFFIX[cond]}${sfx}` as BcName, label, x, y);
  }

  /**
   * An address operand: a pair slot for 64-bit guests, a single slot for 32-bit guests (constants
   * are materialized). Returns the slot and whether the address is 32 bits wide (the *_a32 forms).
   */
  private addrSlot(ctx: TcgContext, t: Temp): number {
    return this.src(ctx, t);
  }

  private guestLoad(ctx: TcgContext, op: Op): void {
    const [v, addr, off, memop, mmu] = op.args;
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
    if (a32) {
      // 32-bit guest: the load fills one slot (or a pair for 64 bits); an i64 destination of a
      // narrower access is extended afterwards (rare: 32-bit guests keep most values in i32s).
      const name = (size === 3 ? "qld64_a32" : `${["qld8", "qld16", "qld32"][size]}${size < 2 ? (signed ? "s" : "u") : ""}_a32`) as BcName;
      this.ins(name, d, as, mmu << TLB_SIZE_BITS, off, slowOp);
      if (bswap) {
        const ext = memop & MO_SIGN ? 4 : 0;
        if (size === 3) this.ins("bswap64_i64", d, d);
        else this.ins(size === 2 ? "bswap32_i32" : "bswap16_i32", d, d, ext);
      }
      if (i64 && size < 3) this.ins(memop & MO_SIGN ? "ext_i32_i64" : "extu_i32_i64", d, d);
      return;
    }
    let name: BcName;
    if (!i64) name = ((["qld8", "qld16", "qld32", "qld32"] as const)[size] + (size < 2 ? (signed ? "s" : "u") : "") + "_i32") as BcName;
    else name = (size === 3 ? "qld64_i64" : `${["qld8", "qld16", "qld32"][size]}${signed ? "s" : "u"}_i64`) as BcName;
    this.ins(name, d, as, mmu << TLB_SIZE_BITS, off, slowOp);
    if (!bswap) return;
    const ext = memop & MO_SIGN ? 4 : 0;
    if (size === 3) this.ins("bswap64_i64", d, d);
    else if (size === 2) this.ins(i64 ? "bswap32_i64" : "bswap32_i32", d, d, ext);
    else this.ins(i64 ? "bswap16_i64" : "bswap16_i32", d, d, ext);
  }

  private envLoad(op: Op): void {
    const [d, off] = op.args;
    const i64 = op.type === Type.I64;
    const ds = this.dst(d);
    switch (op.opc) {
      case Opc.ld:
      case Opc.ld32u:
      case Opc.ld32s:
        if (off & 3) throw new Error("env ld: offset not word-aligned");
        if (op.opc === Opc.ld && i64) this.ins("mov_i64", ds, off >> 2);
        else if (!i64) this.ins("mov_i32", ds, off >> 2);
        else this.ins(op.opc === Opc.ld32s ? "ext_i32_i64" : "extu_i32_i64", ds, off >> 2);
        return;
      default: {
        if ((op.opc === Opc.ld16u || op.opc === Opc.ld16s) && off & 1) throw new Error("env ld16: offset not halfword-aligned");
        const name = (
          { [Opc.ld8u]: "ld8u_env", [Opc.ld8s]: "ld8s_env", [Opc.ld16u]: "ld16u_env", [Opc.ld16s]: "ld16s_env" } as Record<number, BcName>
        )[op.opc];
        this.ins(name, ds, off);
        if (i64) {
          if (op.opc === Opc.ld8s || op.opc === Opc.ld16s) this.ins("sari_i32", ds + 1, ds, 31);
          else this.ins("movi_i32", ds + 1, 0);
        }
      }
    }
  }

  private envStore(ctx: TcgContext, op: Op): void {
    const [v, off] = op.args;
    const vs = this.src(ctx, v);
    switch (op.opc) {
      case Opc.st8:
        this.ins("st8_env", vs, off);
        return;
      case Opc.st16:
        if (off & 1) throw new Error("env st16: offset not halfword-aligned");
        this.ins("st16_env", vs, off);
        return;
      case Opc.st32:
        if (off & 3) throw new Error("env st: offset not word-aligned");
        this.ins("mov_i32", off >> 2, vs);
        return;
      case Opc.st:
        if (off & 3) throw new Error("env st: offset not word-aligned");
        this.ins(op.type === Type.I64 ? "mov_i64" : "mov_i32", off >> 2, vs);
        return;
    }
  }
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
