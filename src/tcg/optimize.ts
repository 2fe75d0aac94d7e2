// The TCG optimizer: one forward pass over a TB's ops, in the manner of QEMU's tcg/optimize.c.
//   - copy propagation (inputs are replaced by the constant or global they are a copy of),
//   - constant folding (via semantics.ts) and algebraic simplification (x+0, x&-1, x^x, ...),
//   - canonical operand order (constants second) so the encoder can use immediate forms,
//   - known-zero bits, enough to drop redundant zero-extensions and masks,
//   - branch folding (constant conditions become `br` or disappear),
// followed by removal of unreachable code after unconditional exits.
// Knowledge is local to an extended basic block: it is reset at every label.
import { TempKind, TcgContext, type Op, type Temp } from "./context.ts";
import { evalCond, evalOp, widthOf } from "./semantics.ts";
import { CALL_NO_WRITE_GLOBALS, CALL_NO_READ_GLOBALS, Cond, OP_DEFS, Opc, Type, swapCond, OPF_BB_END } from "./opcodes.ts";

const ALL = (1n << 64n) - 1n;
const COMMUTATIVE = new Set<Opc>([Opc.add, Opc.mul, Opc.and, Opc.or, Opc.xor, Opc.eqv, Opc.nand, Opc.nor, Opc.muluh, Opc.mulsh]);

export interface OptimizeStats {
  before: number;
  after: number;
}

class Optimizer {
  /** Bumped whenever a temp is written; a recorded copy is valid only while its version matches. */
  private version: number[] = [];
  private copySrc: number[] = [];
  private copyVer: number[] = [];
  /** Bits that may be non-zero (bigint, so i64 values are exact); ALL when unknown. */
  private zmask: bigint[] = [];
  private out: Op[] = [];

  constructor(private readonly ctx: TcgContext) {}

  run(ops: Op[]): Op[] {
    for (const op of ops) this.step(op);
    return removeUnreachable(this.out);
  }

  private reset(): void {
    this.copySrc = [];
    this.zmask = [];
  }

  private written(t: Temp): void {
    const ctx = this.ctx;
    this.version[t] = (this.version[t] ?? 0) + 1;
    this.copySrc[t] = -1;
    this.zmask[t] = ALL;
    const p = ctx.parent[t];
    if (p >= 0) {
      this.version[p] = (this.version[p] ?? 0) + 1;
      this.copySrc[p] = -1;
      this.zmask[p] = ALL;
    }
    const v = ctx.viewsOf(t);
    if (v) for (const h of v) this.written(h);
  }

  private resolve(t: Temp): Temp {
    const s = this.copySrc[t];
    if (s !== undefined && s >= 0 && this.copyVer[t] === (this.version[s] ?? 0)) return s;
    return t;
  }

  private zm(t: Temp): bigint {
    if (this.ctx.isConst(t)) return BigInt.asUintN(64, this.ctx.constValue(t)) & (this.ctx.type[t] === Type.I32 ? 0xffffffffn : ALL);
    return this.zmask[t] ?? ALL;
  }

  private konst(type: Type, v: bigint): Temp {
    return type === Type.I32 ? this.ctx.constI32(Number(BigInt.asIntN(32, v))) : this.ctx.constI64(v);
  }

  private emitMov(type: Type, d: Temp, s: Temp): void {
    this.written(d);
    if (d === s) return;
    this.out.push({ opc: Opc.mov, type, args: [d, s], nOut: 1, nIn: 1 });
    const ctx = this.ctx;
    if (type === Type.I32 && ctx.kind[s] === TempKind.Tb && ctx.kind[d] !== TempKind.Const && this.plain(d) && this.plain(s)) {
      // An i32 temp copied into a global (a 32-bit guest's result written back to a register) or
      // into another temp: later reads of the source read the destination instead (QEMU's
      // find_better_copy also prefers globals), so the source usually dies at the mov and liveness
      // computes the value into the destination directly (liveness.ts coalesce(); i64 values keep
      // the forward copy, since coalesce handles i32 only and a chain of i64 movs would stay).
      this.copySrc[s] = d;
      this.copyVer[s] = this.version[d] ?? 0;
    } else if (ctx.kind[s] !== TempKind.Const && ctx.parent[s] < 0 && ctx.parent[d] < 0) {
      this.copySrc[d] = s;
      this.copyVer[d] = this.version[s] ?? 0;
    } else if (this.ctx.kind[s] === TempKind.Const) {
      this.copySrc[d] = s;
      this.copyVer[d] = 0;
    }
    this.zmask[d] = this.zm(s);
  }

  /** Neither a half of an i64 nor an i64 with i32 views: a temp the copy tracking can swap freely. */
  private plain(t: Temp): boolean {
    return this.ctx.parent[t] < 0 && this.ctx.viewsOf(t) === undefined;
  }

  private step(op: Op): void {
    const ctx = this.ctx;
    const def = OP_DEFS[op.opc];
    const { nOut, nIn } = op;
    // Replace inputs by the best copy.
    for (let i = nOut; i < nOut + nIn; i++) op.args[i] = this.resolve(op.args[i]);
    const args = op.args;

    if (op.opc === Opc.set_label) {
      this.reset();
      this.out.push(op);
      return;
    }
    if (op.opc === Opc.call) {
      const flags = ctx.helpers[args[nOut + nIn]].flags;
      if (!(flags & (CALL_NO_WRITE_GLOBALS | CALL_NO_READ_GLOBALS))) for (let g = 0; g < ctx.nGlobals; g++) this.written(g);
      for (let i = 0; i < nOut; i++) this.written(args[i]);
      this.out.push(op);
      return;
    }
    if (op.opc === Opc.mov) {
      this.emitMov(op.type, args[0], args[1]);
      return;
    }
    if (op.opc === Opc.brcond || op.opc === Opc.brcond2) {
      if (this.foldBranch(op)) return;
      this.out.push(op);
      return;
    }
    if (def.flags & OPF_BB_END) {
      this.out.push(op);
      this.reset();
      return;
    }
    if (nOut === 0 || op.opc === Opc.qemu_ld || (op.opc >= Opc.ld8u && op.opc <= Opc.ld) || op.opc === Opc.discard) {
      for (let i = 0; i < nOut; i++) this.written(args[i]);
      if (op.opc === Opc.qemu_ld) this.zmask[args[0]] = loadMask(args[3], op.type);
      this.out.push(op);
      return;
    }

    // Canonical order: constants second.
    if (COMMUTATIVE.has(op.opc) && ctx.isConst(args[1]) && !ctx.isConst(args[2])) [args[1], args[2]] = [args[2], args[1]];
    if ((op.opc === Opc.setcond || op.opc === Opc.negsetcond || op.opc === Opc.movcond) && ctx.isConst(args[1]) && !ctx.isConst(args[2])) {
      [args[1], args[2]] = [args[2], args[1]];
      const ci = nOut + nIn;
      args[ci] = swapCond(args[ci]);
    }

    // Constant folding.
    let allConst = true;
    for (let i = nOut; i < nOut + nIn; i++) if (!ctx.isConst(args[i])) allConst = false;
    if (allConst) {
      const ins = args.slice(nOut, nOut + nIn).map((t) => ctx.constValue(t));
      const res = evalOp(op.opc, op.type, ins, args.slice(nOut + nIn));
      if (res) {
        for (let i = 0; i < nOut; i++) {
          const outType = op.opc === Opc.extrl_i64_i32 || op.opc === Opc.extrh_i64_i32 || op.opc === Opc.setcond2 ? Type.I32 : op.type;
          this.emitMov(outType, args[i], this.konst(outType, res[i]));
        }
        return;
      }
    }

    if (this.simplify(op)) return;

    for (let i = 0; i < nOut; i++) this.written(args[i]);
    if (nOut === 1) this.zmask[args[0]] = this.resultMask(op);
    this.out.push(op);
  }

  /** Algebraic identities; returns true when the op was replaced. */
  private simplify(op: Op): boolean {
    const ctx = this.ctx;
    const [d, a, b] = op.args;
    const t = op.type;
    const w = widthOf(t);
    const mask = w === 32 ? 0xffffffffn : ALL;
    const bc = op.nIn >= 2 && ctx.isConst(b) ? BigInt.asUintN(w, ctx.constValue(b)) : null;
    const mov = (s: Temp) => (this.emitMov(t, d, s), true);
    const set = (v: bigint) => (this.emitMov(t, d, this.konst(t, v)), true);
    switch (op.opc) {
      case Opc.add:
      case Opc.or:
      case Opc.xor:
      case Opc.shl:
      case Opc.shr:
      case Opc.sar:
      case Opc.rotl:
      case Opc.rotr:
      case Opc.andc:
        if (bc === 0n) return mov(a);
        if (a === b && (op.opc === Opc.xor || op.opc === Opc.andc)) return set(0n);
        if (a === b && op.opc === Opc.or) return mov(a);
        if (bc === mask && op.opc === Opc.or) return set(-1n);
        break;
      case Opc.sub:
        if (bc === 0n) return mov(a);
        if (a === b) return set(0n);
        if (bc !== null) {
          // x - c == x + (-c): the encoder has an immediate add.
          op.opc = Opc.add;
          op.args[2] = this.konst(t, -bc);
        }
        break;
      case Opc.mul:
        if (bc === 0n) return set(0n);
        if (bc === 1n) return mov(a);
        break;
      case Opc.and:
        if (bc === 0n) return set(0n);
        if (a === b) return mov(a);
        if (bc !== null && (this.zm(a) & ~bc & mask) === 0n) return mov(a);
        break;
      case Opc.extract:
        if (op.args[2] === 0 && this.zm(a) >> BigInt(op.args[3]) === 0n) return mov(a);
        break;
      case Opc.setcond:
      case Opc.negsetcond:
        // x cond x is constant, except the bit tests: x & x is x itself.
        if (a === b && op.args[3] !== Cond.TSTEQ && op.args[3] !== Cond.TSTNE) {
          const v = evalCond(w, op.args[3], 0n, 0n);
          return set(v ? (op.opc === Opc.setcond ? 1n : -1n) : 0n);
        }
        break;
      case Opc.movcond:
        if (op.args[3] === op.args[4]) return mov(op.args[3]);
        break;
    }
    return false;
  }

  private resultMask(op: Op): bigint {
    const [, a, b] = op.args;
    const w = widthOf(op.type);
    const full = w === 32 ? 0xffffffffn : ALL;
    switch (op.opc) {
      case Opc.and:
        return this.zm(a) & this.zm(b);
      case Opc.or:
      case Opc.xor:
        return this.zm(a) | this.zm(b);
      case Opc.extract:
        return (1n << BigInt(op.args[3])) - 1n;
      case Opc.extu_i32_i64:
        return 0xffffffffn;
      case Opc.setcond:
        return 1n;
      case Opc.shr:
        return this.ctx.isConst(b) ? this.zm(a) >> (BigInt.asUintN(w, this.ctx.constValue(b)) % BigInt(w)) : full;
      case Opc.shl:
        return this.ctx.isConst(b) ? (this.zm(a) << (BigInt.asUintN(w, this.ctx.constValue(b)) % BigInt(w))) & full : full;
      case Opc.ctpop:
      case Opc.clz:
      case Opc.ctz:
        return this.ctx.isConst(b) || op.opc === Opc.ctpop ? 127n | (op.opc === Opc.ctpop ? 0n : this.zm(b)) : full;
    }
    return full;
  }

  private foldBranch(op: Op): boolean {
    const ctx = this.ctx;
    const two = op.opc === Opc.brcond2;
    const n = two ? 4 : 2;
    const cond: Cond = op.args[n];
    const label = op.args[n + 1];
    let taken: boolean | null = null;
    const ins = op.args.slice(0, n);
    if (ins.every((t) => ctx.isConst(t))) {
      const v = ins.map((t) => ctx.constValue(t));
      taken = two
        ? evalCond(
            64,
            cond,
            (BigInt.asUintN(32, v[1]) << 32n) | BigInt.asUintN(32, v[0]),
            (BigInt.asUintN(32, v[3]) << 32n) | BigInt.asUintN(32, v[2]),
          )
        : evalCond(widthOf(op.type), cond, v[0], v[1]);
    } else if (!two && op.args[0] === op.args[1] && cond !== Cond.TSTEQ && cond !== Cond.TSTNE) {
      taken = evalCond(32, cond, 0n, 0n);
    } else if (!two && ctx.isConst(op.args[0])) {
      [op.args[0], op.args[1]] = [op.args[1], op.args[0]];
      op.args[2] = swapCond(cond);
    }
    if (taken === null) return false;
    if (taken) {
      this.out.push({ opc: Opc.br, type: Type.I32, args: [label], nOut: 0, nIn: 0 });
      this.reset();
    }
    return true;
  }
}

function loadMask(memop: number, type: Type): bigint {
  const size = memop & 3;
  if (memop & 4 || size === 3) return type === Type.I32 ? 0xffffffffn : ALL;
  if (size === 2 && type === Type.I32) return 0xffffffffn;
  return (1n << BigInt(8 << size)) - 1n;
}

/** Drops ops after an unconditional exit or branch up to the next label, and labels nobody uses. */
export function removeUnreachable(ops: Op[]): Op[] {
  const used = new Set<number>();
  for (const op of ops) {
    if (op.opc === Opc.br) used.add(op.args[0]);
    else if (op.opc === Opc.brcond) used.add(op.args[3]);
    else if (op.opc === Opc.brcond2) used.add(op.args[5]);
  }
  const out: Op[] = [];
  let dead = false;
  for (const op of ops) {
    if (op.opc === Opc.set_label) {
      if (!used.has(op.args[0])) continue;
      dead = false;
      // A `br` straight to the next label is a no-op.
      const prev = out[out.length - 1];
      if (prev && prev.opc === Opc.br && prev.args[0] === op.args[0]) out.pop();
    }
    if (dead && op.opc !== Opc.insn_start) continue;
    out.push(op);
    if (op.opc === Opc.br || op.opc === Opc.exit_tb || op.opc === Opc.goto_ptr || op.opc === Opc.lookup_and_goto_ptr) dead = true;
  }
  return out;
}

export function optimize(ctx: TcgContext, ops: Op[]): Op[] {
  return new Optimizer(ctx).run(ops);
}
