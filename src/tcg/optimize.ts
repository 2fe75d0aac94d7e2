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

/** Shift facts (Optimizer.recordShift), ordered so a rotate's pair sorts as (low, high). */
const SH_NONE = 0,
  SH_SHL = 1, // x << n (i64)
  SH_SHR = 2, // x >>> n (i64)
  SH_LO_SHR = 3, // zext(x.lo >>> n): srliw
  SH_LO_SHL_SEXT = 4, // sext32(x.lo << n): slliw
  // The second shift of a rotate overwrote x (`srliw a, x, n; slliw x, x, 32-n`): "source" is the
  // other half a, "amount" the temp that holds or(a, x), computed before the write.
  SH_PAIR = 5;

/** Per Opc: commutative (constants are moved second). */
const COMMUTATIVE = new Uint8Array(256);
for (const o of [Opc.add, Opc.mul, Opc.and, Opc.or, Opc.xor, Opc.eqv, Opc.nand, Opc.nor, Opc.muluh, Opc.mulsh]) COMMUTATIVE[o] = 1;

export interface OptimizeStats {
  before: number;
  after: number;
}

/**
 * One optimizer per TcgContext, reused for every TB: its per-temp state lives in typed arrays that
 * grow on demand, and what it knows is dropped by bumping an epoch instead of clearing arrays, so a
 * TB costs no allocation beyond the ops' own pool.
 *
 * Known-zero bits ("zmask": the bits that may be non-zero) are 64-bit masks kept as two int32
 * words; a mask is known only while its epoch is current, else it is all ones.
 */
class Optimizer {
  /** Bumped whenever a temp is written; a recorded copy is valid only while its version matches. */
  private version = new Int32Array(256);
  private copySrc = new Int32Array(256);
  private copyVer = new Int32Array(256);
  /** The epoch a copy / a zmask was recorded in (valid while it equals `epoch`). */
  private copyEpoch = new Int32Array(256);
  private zmEpoch = new Int32Array(256);
  private zmLo = new Int32Array(256);
  private zmHi = new Int32Array(256);
  /** The globals' generation a copy or zmask involving a global was recorded in (calls clobber them all). */
  private copyGen = new Int32Array(256);
  private zmGen = new Int32Array(256);
  /** Knowledge is local to an extended basic block: a new block bumps the epoch. */
  private epoch = 1;
  /** Bumped when a call may write every global. */
  private globalsGen = 1;
  /** Masks computed by zm()/resultMask() (two words, to avoid returning pairs). */
  private mLo = 0;
  private mHi = 0;
  /**
   * Shift facts for the rotate idiom (rotateIdiom): what a temp was last computed as (SH_*: kind,
   * source, amount), valid while its version, its source's version, the block (epoch) and, for
   * globals, the globals' generation are the ones recorded.
   */
  private shKind = new Int32Array(256);
  private shSrc = new Int32Array(256);
  private shSrcVer = new Int32Array(256);
  private shAmt = new Int32Array(256);
  private shVer = new Int32Array(256);
  private shEpoch = new Int32Array(256);
  private shGen = new Int32Array(256);
  /** The last shift facts recorded (a ring), where a second shift looks for its partner. */
  private readonly recent = new Int32Array(8).fill(-1);
  private recentAt = 0;
  private readonly out: Op[] = [];
  private readonly unreachableOut: Op[] = [];
  private readonly labelUsed: Uint8Array[] = [new Uint8Array(64)];

  constructor(private readonly ctx: TcgContext) {}

  private grow(n: number): void {
    if (this.version.length >= n) return;
    const size = Math.max(n, this.version.length * 2);
    const g = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.version = g(this.version);
    this.copySrc = g(this.copySrc);
    this.copyVer = g(this.copyVer);
    this.copyEpoch = g(this.copyEpoch);
    this.zmEpoch = g(this.zmEpoch);
    this.zmLo = g(this.zmLo);
    this.zmHi = g(this.zmHi);
    this.copyGen = g(this.copyGen);
    this.zmGen = g(this.zmGen);
    this.shKind = g(this.shKind);
    this.shSrc = g(this.shSrc);
    this.shSrcVer = g(this.shSrcVer);
    this.shAmt = g(this.shAmt);
    this.shVer = g(this.shVer);
    this.shEpoch = g(this.shEpoch);
    this.shGen = g(this.shGen);
  }

  run(ops: Op[]): Op[] {
    const n = this.ctx.nTemps;
    this.grow(n + 64);
    this.version.fill(0, 0, n);
    this.reset();
    this.out.length = 0;
    for (let k = 0; k < ops.length; k++) this.step(ops[k]);
    return removeUnreachableInto(this.out, this.unreachableOut, this.labelUsed, this.ctx.nLabels);
  }

  private reset(): void {
    this.epoch++;
  }

  private written(t: Temp): void {
    const ctx = this.ctx;
    // Temps created during this pass (constants of folded results) are past the arrays' end.
    if (t >= this.version.length) this.grow(t + 64);
    this.version[t]++;
    this.copyEpoch[t] = 0;
    this.zmEpoch[t] = 0;
    const p = ctx.parent[t];
    if (p >= 0) {
      this.version[p]++;
      this.copyEpoch[p] = 0;
      this.zmEpoch[p] = 0;
    }
    const v = ctx.lowView[t];
    if (v >= 0) {
      this.written(v);
      this.written(v + 1);
    }
  }

  private resolve(t: Temp): Temp {
    if (t >= this.version.length || this.copyEpoch[t] !== this.epoch) return t;
    const s = this.copySrc[t];
    if (s < 0) return t;
    // Constants are never written (and those made by this pass are past the versions reset for it).
    if (this.ctx.kind[s] !== TempKind.Const && this.copyVer[t] !== this.version[s]) return t;
    if ((t < this.ctx.nGlobals || s < this.ctx.nGlobals) && this.copyGen[t] !== this.globalsGen) return t;
    return s;
  }

  /** The may-be-non-zero bits of t into (mLo, mHi). */
  private zm(t: Temp): void {
    const ctx = this.ctx;
    if (ctx.kind[t] === TempKind.Const) {
      this.mLo = ctx.cLo[t];
      this.mHi = ctx.type[t] === Type.I32 ? 0 : ctx.cHi[t];
    } else if (t < this.version.length && this.zmEpoch[t] === this.epoch && (t >= ctx.nGlobals || this.zmGen[t] === this.globalsGen)) {
      this.mLo = this.zmLo[t];
      this.mHi = this.zmHi[t];
    } else {
      this.mLo = -1;
      this.mHi = -1;
    }
  }

  private setZm(t: Temp, lo: number, hi: number): void {
    if (t >= this.version.length) this.grow(t + 64);
    this.zmLo[t] = lo;
    this.zmHi[t] = hi;
    this.zmEpoch[t] = this.epoch;
    this.zmGen[t] = this.globalsGen;
  }

  private konst(type: Type, v: bigint): Temp {
    return type === Type.I32 ? this.ctx.constI32(Number(BigInt.asIntN(32, v))) : this.ctx.constI64(v);
  }

  private konstWords(type: Type, lo: number, hi: number): Temp {
    return this.ctx.constNew(type, lo, hi);
  }

  /**
   * Folds the common two-constant ops (RISC-V's auipc + addi, lui + addiw, a 32-bit guest's
   * address arithmetic) on the constants' words, without evalOp's bigints: heap objects and
   * runtime calls in V8's baseline tiers, where most TBs are translated. Returns false for others.
   */
  private foldWords(op: Op): boolean {
    const ctx = this.ctx;
    const a = op.args[1],
      b = op.args[2];
    const i32 = op.type === Type.I32;
    const aLo = ctx.cLo[a],
      bLo = ctx.cLo[b];
    const aHi = i32 ? 0 : ctx.cHi[a],
      bHi = i32 ? 0 : ctx.cHi[b];
    let lo: number, hi: number;
    switch (op.opc) {
      case Opc.add:
        lo = (aLo + bLo) | 0;
        hi = (aHi + bHi + (lo >>> 0 < aLo >>> 0 ? 1 : 0)) | 0;
        break;
      case Opc.sub:
        lo = (aLo - bLo) | 0;
        hi = (aHi - bHi - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
        break;
      case Opc.and:
        lo = aLo & bLo;
        hi = aHi & bHi;
        break;
      case Opc.or:
        lo = aLo | bLo;
        hi = aHi | bHi;
        break;
      case Opc.xor:
        lo = aLo ^ bLo;
        hi = aHi ^ bHi;
        break;
      default:
        return false;
    }
    this.emitMov(op.type, op.args[0], this.konstWords(op.type, lo, i32 ? 0 : hi));
    return true;
  }

  private emitMov(type: Type, d: Temp, s: Temp): void {
    const ctx = this.ctx;
    this.written(d);
    if (d === s) return;
    const op = ctx.newOp(Opc.mov, type, 1, 1, 2);
    op.args[0] = d;
    op.args[1] = s;
    this.out.push(op);
    const sConst = ctx.kind[s] === TempKind.Const;
    if (type === Type.I32 && ctx.kind[s] === TempKind.Tb && ctx.kind[d] !== TempKind.Const && this.plain(d) && this.plain(s)) {
      // An i32 temp copied into a global (a 32-bit guest's result written back to a register) or
      // into another temp: later reads of the source read the destination instead (QEMU's
      // find_better_copy also prefers globals), so the source usually dies at the mov and liveness
      // computes the value into the destination directly (liveness.ts coalesce(); i64 values keep
      // the forward copy, since coalesce handles i32 only and a chain of i64 movs would stay).
      if (s >= this.version.length) this.grow(s + 64);
      this.copySrc[s] = d;
      this.copyVer[s] = this.version[d];
      this.copyEpoch[s] = this.epoch;
      this.copyGen[s] = this.globalsGen;
    } else if (sConst || (ctx.parent[s] < 0 && ctx.parent[d] < 0)) {
      this.copySrc[d] = s;
      this.copyVer[d] = sConst ? 0 : this.version[s];
      this.copyEpoch[d] = this.epoch;
      this.copyGen[d] = this.globalsGen;
    }
    this.zm(s);
    this.setZm(d, this.mLo, this.mHi);
  }

  /** Neither a half of an i64 nor an i64 with i32 views: a temp the copy tracking can swap freely. */
  private plain(t: Temp): boolean {
    return this.ctx.parent[t] < 0 && this.ctx.lowView[t] < 0;
  }

  private step(op: Op): void {
    const ctx = this.ctx;
    const opc = op.opc;
    const def = OP_DEFS[opc];
    const nOut = op.nOut,
      nIn = op.nIn;
    const args = op.args;
    // Replace inputs by the best copy.
    for (let i = nOut; i < nOut + nIn; i++) args[i] = this.resolve(args[i]);

    if (opc === Opc.set_label) {
      this.reset();
      this.out.push(op);
      return;
    }
    if (opc === Opc.call) {
      const flags = ctx.helpers[args[nOut + nIn]].flags;
      // Every global may have changed: forget what is known about them and copies of them.
      if (!(flags & (CALL_NO_WRITE_GLOBALS | CALL_NO_READ_GLOBALS))) this.globalsGen++;
      for (let i = 0; i < nOut; i++) this.written(args[i]);
      this.out.push(op);
      return;
    }
    if (opc === Opc.mov) {
      this.emitMov(op.type, args[0], args[1]);
      return;
    }
    if (opc === Opc.brcond || opc === Opc.brcond2) {
      if (this.foldBranch(op)) return;
      this.out.push(op);
      return;
    }
    if (def.flags & OPF_BB_END) {
      this.out.push(op);
      this.reset();
      return;
    }
    if (nOut === 0 || opc === Opc.qemu_ld || (opc >= Opc.ld8u && opc <= Opc.ld) || opc === Opc.discard) {
      for (let i = 0; i < nOut; i++) this.written(args[i]);
      if (opc === Opc.qemu_ld) {
        loadMask(args[3], op.type);
        this.setZm(args[0], maskLo, maskHi);
      }
      this.out.push(op);
      return;
    }

    // Canonical order: constants second.
    if (COMMUTATIVE[opc] && ctx.isConst(args[1]) && !ctx.isConst(args[2])) {
      const x = args[1];
      args[1] = args[2];
      args[2] = x;
    }
    if ((opc === Opc.setcond || opc === Opc.negsetcond || opc === Opc.movcond) && ctx.isConst(args[1]) && !ctx.isConst(args[2])) {
      const x = args[1];
      args[1] = args[2];
      args[2] = x;
      const ci = nOut + nIn;
      args[ci] = swapCond(args[ci]);
    }

    // Constant folding.
    let allConst = true;
    for (let i = nOut; i < nOut + nIn; i++) if (!ctx.isConst(args[i])) allConst = false;
    if (allConst && nOut === 1 && nIn === 2 && this.foldWords(op)) return;
    if (allConst) {
      const ins: bigint[] = [];
      for (let i = nOut; i < nOut + nIn; i++) ins.push(ctx.constValue(args[i]));
      const res = evalOp(opc, op.type, ins, args.slice(nOut + nIn));
      if (res) {
        for (let i = 0; i < nOut; i++) {
          const outType = opc === Opc.extrl_i64_i32 || opc === Opc.extrh_i64_i32 || opc === Opc.setcond2 ? Type.I32 : op.type;
          this.emitMov(outType, args[i], this.konst(outType, res[i]));
        }
        return;
      }
    }

    if (this.simplify(op)) return;
    if (opc === Opc.or && op.type === Type.I64 && this.rotateIdiom(op)) return;

    // What the result is as half of a rotate, read before the write (d may be its own source).
    const shift = op.type === Type.I64 ? this.shiftOf(op) : SH_NONE;
    // The second half of a rotate overwriting x: the rotate is computed from x first.
    const self = shift !== SH_NONE && this.pSrc === args[0];
    const partner = self ? this.findPartner(shift) : -1;
    const rot = partner >= 0 ? this.precomputeRotate(partner, shift) : -1;
    for (let i = 0; i < nOut; i++) this.written(args[i]);
    if (nOut === 1) {
      this.resultMask(op);
      this.setZm(args[0], this.mLo, this.mHi);
    }
    this.out.push(op);
    if (shift !== SH_NONE && !self) this.recordShift(args[0], shift, this.pSrc, this.pSrcVer, this.pAmt);
    if (rot >= 0) this.recordShift(args[0], SH_PAIR, partner, this.version[partner], rot);
  }

  // ---- The rotate idiom. Code for a base ISA without rotates (RV64GC without Zbb: SHA-2, SHA-3,
  // hashing loops) writes `x >>> n | x << (w - n)` as two shifts and an or; QEMU's optimizer keeps
  // the three ops, a native host runs them at a cycle each. Here every op is a dispatch, so the or
  // becomes one rotate when both shifts of the same unchanged x are known; the shifts' own results
  // stay (liveness removes them where nothing reads them).

  /** The pending fact's source, its version and the shift amount (shiftOf -> recordShift). */
  private pSrc = 0;
  private pSrcVer = 0;
  private pAmt = 0;

  /** What an i64 op's result is if it is one half of a rotate (SH_NONE if not); details in p*. */
  private shiftOf(op: Op): number {
    const ctx = this.ctx;
    const args = op.args;
    const src = args[1];
    if (src >= this.version.length) this.grow(src + 64);
    switch (op.opc) {
      case Opc.extract:
        // srliw: x's low word shifted right by pos, zero-extended (pos + len = 32)
        if (args[2] < 1 || args[2] > 31 || args[2] + args[3] !== 32 || ctx.isConst(src)) return SH_NONE;
        this.pSrc = src;
        this.pSrcVer = this.version[src];
        this.pAmt = args[2];
        return SH_LO_SHR;
      case Opc.shl:
      case Opc.shr: {
        if (!ctx.isConst(args[2]) || ctx.isConst(src)) return SH_NONE;
        const amt = ctx.cLo[args[2]] & 63;
        if (amt === 0) return SH_NONE;
        this.pSrc = src;
        this.pSrcVer = this.version[src];
        this.pAmt = amt;
        return op.opc === Opc.shl ? SH_SHL : SH_SHR;
      }
      case Opc.sextract:
        // slliw: `shl t, x, n; sextract d, t, 0, 32` with n < 32 is sext32(x.lo << n)
        if (args[2] !== 0 || args[3] !== 32 || this.shiftFact(src) !== SH_SHL || this.shAmt[src] > 31) return SH_NONE;
        this.pSrc = this.shSrc[src];
        this.pSrcVer = this.shSrcVer[src];
        this.pAmt = this.shAmt[src];
        return SH_LO_SHL_SEXT;
    }
    return SH_NONE;
  }

  /** Records that d (just written) is `kind` of src (at version srcVer) by amt. */
  private recordShift(d: Temp, kind: number, src: Temp, srcVer: number, amt: number): void {
    if (d >= this.version.length) this.grow(d + 64);
    if (kind !== SH_PAIR) {
      this.recent[this.recentAt] = d;
      this.recentAt = (this.recentAt + 1) & 7;
    }
    this.shKind[d] = kind;
    this.shSrc[d] = src;
    this.shSrcVer[d] = srcVer;
    this.shAmt[d] = amt;
    this.shVer[d] = this.version[d];
    this.shEpoch[d] = this.epoch;
    this.shGen[d] = this.globalsGen;
  }

  /** A recent temp holding the other half of a rotate of the pending source (p*), or -1. */
  private findPartner(kind: number): Temp {
    const want = kind === SH_SHL ? SH_SHR : kind === SH_SHR ? SH_SHL : kind === SH_LO_SHR ? SH_LO_SHL_SEXT : SH_LO_SHR;
    const width = kind === SH_SHL || kind === SH_SHR ? 64 : 32;
    for (let i = 0; i < 8; i++) {
      const t = this.recent[i];
      if (t < 0 || this.shiftFact(t) !== want) continue;
      if (this.shSrc[t] === this.pSrc && this.shSrcVer[t] === this.pSrcVer && this.shAmt[t] + this.pAmt === width) return t;
    }
    return -1;
  }

  /** Emits the rotate of the pending source whose halves are `partner` and a shift of `kind`, into a new temp. */
  private precomputeRotate(partner: Temp, kind: number): Temp {
    const r = this.ctx.tempNew(Type.I64);
    if (kind === SH_SHL || kind === SH_SHR) this.emitRotate64(r, this.pSrc, kind === SH_SHL ? this.pAmt : this.shAmt[partner]);
    else this.emitRotateW(r, this.pSrc, kind === SH_LO_SHR ? this.pAmt : this.shAmt[partner]);
    return r;
  }

  /** The temp holding `or(partner, d)` if d's rotate pair (SH_PAIR) with that partner still holds, else -1. */
  private pairRotate(d: Temp, partner: Temp): Temp {
    return this.shiftFact(d) === SH_PAIR && this.shSrc[d] === partner ? this.shAmt[d] : -1;
  }

  /** `rotl d, x, n` (i64). */
  private emitRotate64(d: Temp, x: Temp, n: number): void {
    const op = this.ctx.newOp(Opc.rotl, Type.I64, 1, 2, 3);
    op.args[0] = d;
    op.args[1] = x;
    op.args[2] = this.konstWords(Type.I64, n, 0);
    this.written(d);
    this.out.push(op);
  }

  /** roriw's ops, `extrl t, x; rotr t2, t, n; ext_i32_i64 d, t2` (one rotliw_i64 bytecode). */
  private emitRotateW(d: Temp, x: Temp, n: number): void {
    const ctx = this.ctx;
    const lo = ctx.tempNew(Type.I32),
      rot = ctx.tempNew(Type.I32);
    const ext = ctx.newOp(Opc.extrl_i64_i32, Type.I32, 1, 1, 2);
    ext.args[0] = lo;
    ext.args[1] = x;
    const r = ctx.newOp(Opc.rotr, Type.I32, 1, 2, 3);
    r.args[0] = rot;
    r.args[1] = lo;
    r.args[2] = this.konstWords(Type.I32, n, 0);
    const sx = ctx.newOp(Opc.ext_i32_i64, Type.I64, 1, 1, 2);
    sx.args[0] = d;
    sx.args[1] = rot;
    this.written(lo);
    this.written(rot);
    this.written(d);
    this.out.push(ext, r, sx);
  }

  /** The shift fact recorded for t if it still holds (t and its source unchanged), else SH_NONE. */
  private shiftFact(t: Temp): number {
    if (t >= this.version.length || this.shEpoch[t] !== this.epoch || this.shVer[t] !== this.version[t]) return SH_NONE;
    const src = this.shSrc[t];
    if (this.shSrcVer[t] !== this.version[src]) return SH_NONE;
    const nG = this.ctx.nGlobals;
    if ((t < nG || src < nG) && this.shGen[t] !== this.globalsGen) return SH_NONE;
    return this.shKind[t];
  }

  /**
   * `or c, a, b` where a and b are the two halves of a rotate of the same x: a 64-bit rotate
   * becomes `rotl c, x, m`, a 32-bit one (RV64's srliw + slliw) roriw's ops, `extrl t, x;
   * rotr t2, t, n; ext_i32_i64 c, t2`, which the encoder runs as one rotliw_i64. True when the or
   * was replaced.
   */
  private rotateIdiom(op: Op): boolean {
    const args = op.args;
    let a = args[1],
      b = args[2];
    // The second shift overwrote x: the rotate was computed before it (recordPair).
    const pre = Math.max(this.pairRotate(b, a), this.pairRotate(a, b));
    if (pre >= 0) {
      this.emitMov(Type.I64, args[0], pre);
      return true;
    }
    let ka = this.shiftFact(a),
      kb = this.shiftFact(b);
    if (ka === SH_NONE || kb === SH_NONE) return false;
    if (ka > kb) {
      const t = a;
      a = b;
      b = t;
      const k = ka;
      ka = kb;
      kb = k;
    }
    const x = this.shSrc[a];
    if (this.shSrc[b] !== x || this.shSrcVer[b] !== this.shSrcVer[a]) return false;
    const na = this.shAmt[a],
      nb = this.shAmt[b];
    if (ka === SH_SHL && kb === SH_SHR && na + nb === 64) {
      this.emitRotate64(args[0], x, na);
      return true;
    }
    if (ka === SH_LO_SHR && kb === SH_LO_SHL_SEXT && na + nb === 32) {
      this.emitRotateW(args[0], x, na);
      return true;
    }
    return false;
  }

  private movTo(op: Op, s: Temp): boolean {
    this.emitMov(op.type, op.args[0], s);
    return true;
  }

  private setTo(op: Op, lo: number, hi: number): boolean {
    this.emitMov(op.type, op.args[0], this.konstWords(op.type, lo, hi));
    return true;
  }

  /** Algebraic identities; returns true when the op was replaced. */
  private simplify(op: Op): boolean {
    const ctx = this.ctx;
    const args = op.args;
    const a = args[1],
      b = args[2];
    const i32 = op.type === Type.I32;
    // b as an unsigned constant of the op's width, in two words (bHi = 0 for i32)
    const bConst = op.nIn >= 2 && ctx.isConst(b);
    const bLo = bConst ? ctx.cLo[b] : 0;
    const bHi = bConst && !i32 ? ctx.cHi[b] : 0;
    const bZero = bConst && bLo === 0 && bHi === 0;
    const bOnes = bConst && bLo === -1 && (i32 || bHi === -1);
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
        if (bZero) return this.movTo(op, a);
        if (a === b && (op.opc === Opc.xor || op.opc === Opc.andc)) return this.setTo(op, 0, 0);
        if (a === b && op.opc === Opc.or) return this.movTo(op, a);
        if (bOnes && op.opc === Opc.or) return this.setTo(op, -1, i32 ? 0 : -1);
        break;
      case Opc.sub:
        if (bZero) return this.movTo(op, a);
        if (a === b) return this.setTo(op, 0, 0);
        if (bConst) {
          // x - c == x + (-c): the encoder has an immediate add.
          op.opc = Opc.add;
          const nLo = -bLo | 0;
          args[2] = this.konstWords(op.type, nLo, i32 ? 0 : (~bHi + (bLo === 0 ? 1 : 0)) | 0);
        }
        break;
      case Opc.mul:
        if (bZero) return this.setTo(op, 0, 0);
        if (bConst && bLo === 1 && bHi === 0) return this.movTo(op, a);
        break;
      case Opc.and:
        if (bZero) return this.setTo(op, 0, 0);
        if (a === b) return this.movTo(op, a);
        if (bConst) {
          this.zm(a);
          if ((this.mLo & ~bLo) === 0 && (i32 || (this.mHi & ~bHi) === 0)) return this.movTo(op, a);
        }
        break;
      case Opc.extract:
        if (args[2] === 0) {
          // The value has no bits at or above len: the extract is a copy.
          this.zm(a);
          const len = args[3];
          const clear =
            len >= 64
              ? true
              : len >= 32
                ? len === 32
                  ? this.mHi === 0
                  : this.mHi >>> (len - 32) === 0
                : this.mLo >>> len === 0 && this.mHi === 0;
          if (clear) return this.movTo(op, a);
        }
        break;
      case Opc.setcond:
      case Opc.negsetcond:
        // x cond x is constant, except the bit tests: x & x is x itself.
        if (a === b && args[3] !== Cond.TSTEQ && args[3] !== Cond.TSTNE) {
          const v = evalCond(i32 ? 32 : 64, args[3], 0n, 0n);
          if (!v) return this.setTo(op, 0, 0);
          return op.opc === Opc.setcond ? this.setTo(op, 1, 0) : this.setTo(op, -1, i32 ? 0 : -1);
        }
        break;
      case Opc.movcond:
        if (args[3] === args[4]) return this.movTo(op, args[3]);
        break;
    }
    return false;
  }

  /** The result's may-be-non-zero bits into (mLo, mHi). */
  private resultMask(op: Op): void {
    const ctx = this.ctx;
    const a = op.args[1],
      b = op.args[2];
    const i32 = op.type === Type.I32;
    const fullHi = i32 ? 0 : -1;
    switch (op.opc) {
      case Opc.and: {
        this.zm(a);
        const lo = this.mLo,
          hi = this.mHi;
        this.zm(b);
        this.mLo &= lo;
        this.mHi &= hi;
        return;
      }
      case Opc.or:
      case Opc.xor: {
        this.zm(a);
        const lo = this.mLo,
          hi = this.mHi;
        this.zm(b);
        this.mLo |= lo;
        this.mHi |= hi;
        return;
      }
      case Opc.extract: {
        const len = op.args[3];
        this.mLo = len >= 32 ? -1 : (1 << len) - 1;
        this.mHi = len >= 64 ? -1 : len > 32 ? (1 << (len - 32)) - 1 : 0;
        return;
      }
      case Opc.extu_i32_i64:
        this.mLo = -1;
        this.mHi = 0;
        return;
      case Opc.setcond:
        this.mLo = 1;
        this.mHi = 0;
        return;
      case Opc.shr:
      case Opc.shl:
        if (ctx.isConst(b)) {
          const c = ctx.cLo[b] & (i32 ? 31 : 63);
          this.zm(a);
          if (op.opc === Opc.shr) shr64(this.mLo, this.mHi, c);
          else shl64(this.mLo, this.mHi, c);
          // shl stays within the width; shr keeps the bits of a mask wider than an i32 (as before)
          this.mLo = maskLo;
          this.mHi = op.opc === Opc.shl ? maskHi & fullHi : maskHi;
          return;
        }
        break;
      case Opc.ctpop:
        this.mLo = 127;
        this.mHi = 0;
        return;
      case Opc.clz:
      case Opc.ctz:
        if (ctx.isConst(b)) {
          this.zm(b);
          this.mLo |= 127;
          return;
        }
        break;
    }
    this.mLo = -1;
    this.mHi = fullHi;
  }

  private foldBranch(op: Op): boolean {
    const ctx = this.ctx;
    const args = op.args;
    const two = op.opc === Opc.brcond2;
    const n = two ? 4 : 2;
    const cond: Cond = args[n];
    const label = args[n + 1];
    let taken: boolean | null = null;
    let allConst = true;
    for (let i = 0; i < n; i++) if (!ctx.isConst(args[i])) allConst = false;
    if (allConst) {
      taken = two
        ? evalCond(
            64,
            cond,
            (BigInt.asUintN(32, ctx.constValue(args[1])) << 32n) | BigInt.asUintN(32, ctx.constValue(args[0])),
            (BigInt.asUintN(32, ctx.constValue(args[3])) << 32n) | BigInt.asUintN(32, ctx.constValue(args[2])),
          )
        : evalCond(widthOf(op.type), cond, ctx.constValue(args[0]), ctx.constValue(args[1]));
    } else if (!two && args[0] === args[1] && cond !== Cond.TSTEQ && cond !== Cond.TSTNE) {
      taken = evalCond(32, cond, 0n, 0n);
    } else if (!two && ctx.isConst(args[0])) {
      const x = args[0];
      args[0] = args[1];
      args[1] = x;
      args[2] = swapCond(cond);
    }
    if (taken === null) return false;
    if (taken) {
      const br = ctx.newOp(Opc.br, Type.I32, 0, 0, 1);
      br.args[0] = label;
      this.out.push(br);
      this.reset();
    }
    return true;
  }
}

/** Results of loadMask/shr64/shl64 (two words, to avoid returning pairs). */
let maskLo = 0,
  maskHi = 0;

/** The may-be-non-zero bits of a guest load's result. */
function loadMask(memop: number, type: Type): void {
  const size = memop & 3;
  if (memop & 4 || size === 3 || (size === 2 && type === Type.I32)) {
    maskLo = -1;
    maskHi = type === Type.I32 ? 0 : -1;
  } else {
    maskLo = size === 2 ? -1 : (1 << (8 << size)) - 1;
    maskHi = 0;
  }
}

function shr64(lo: number, hi: number, c: number): void {
  if (c === 0) {
    maskLo = lo;
    maskHi = hi;
  } else if (c < 32) {
    maskLo = (lo >>> c) | (hi << (32 - c));
    maskHi = hi >>> c;
  } else {
    maskLo = hi >>> (c - 32);
    maskHi = 0;
  }
}

function shl64(lo: number, hi: number, c: number): void {
  if (c === 0) {
    maskLo = lo;
    maskHi = hi;
  } else if (c < 32) {
    maskHi = (hi << c) | (lo >>> (32 - c));
    maskLo = lo << c;
  } else {
    maskHi = lo << (c - 32);
    maskLo = 0;
  }
}

/** Drops ops after an unconditional exit or branch up to the next label, and labels nobody uses. */
export function removeUnreachable(ops: Op[]): Op[] {
  let nLabels = 0;
  for (const op of ops) if (op.opc === Opc.set_label) nLabels = Math.max(nLabels, op.args[0] + 1);
  return removeUnreachableInto(ops, [], [new Uint8Array(nLabels)], nLabels);
}

/** removeUnreachable writing into `out` (cleared first) with a reusable label table (grown in place). */
function removeUnreachableInto(ops: Op[], out: Op[], usedBox: Uint8Array[], nLabels: number): Op[] {
  if (usedBox[0].length < nLabels) usedBox[0] = new Uint8Array(Math.max(nLabels, usedBox[0].length * 2));
  const used = usedBox[0];
  used.fill(0, 0, nLabels);
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (op.opc === Opc.br) used[op.args[0]] = 1;
    else if (op.opc === Opc.brcond) used[op.args[3]] = 1;
    else if (op.opc === Opc.brcond2) used[op.args[5]] = 1;
  }
  out.length = 0;
  let dead = false;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (op.opc === Opc.set_label) {
      if (!used[op.args[0]]) continue;
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

const optimizers = new WeakMap<TcgContext, Optimizer>();

/** Optimizes a TB's ops; the result is an array that the next call for the same context reuses. */
export function optimize(ctx: TcgContext, ops: Op[]): Op[] {
  let o = optimizers.get(ctx);
  if (!o) {
    o = new Optimizer(ctx);
    optimizers.set(ctx, o);
  }
  return o.run(ops);
}
