// Dead-op removal by backward liveness, as QEMU's liveness_pass_1 does it for a memory-to-memory
// machine: globals live in env slots and are always "in memory", so the only question is whether an
// op's results are ever observed.
//
// Observers of globals: TB exits (every global is live after the TB), ops that can fault (a guest
// exception must see precise state), calls that may read globals, and basic-block boundaries (this
// pass does not follow branches, so it assumes everything that crosses one is live).
// Instruction boundaries (insn_start) are not observers, as in QEMU: a register a TB writes twice
// with no observer in between keeps only its last store, so an op stepper stopped between them sees
// the old value; only a TB start has exactly a plain run's state (src/web/stepper.ts atTbStart).
// An op with no side effects whose outputs are all dead is deleted, pure helpers included.
// mulu2/muls2/add2/sub2 whose high output is dead become the single-word op.
// `op t; …; mov g, t` with t dead after the mov becomes `op g; …` inside one guest instruction (coalesce()).
import { TempKind, TcgContext, type Op } from "./context.ts";
import {
  CALL_NO_READ_GLOBALS,
  CALL_NO_SIDE_EFFECTS,
  OP_DEFS,
  OPF_BB_END,
  OPF_CAN_FAULT,
  OPF_SIDE_EFFECTS,
  OPF_TB_EXIT,
  Opc,
  Type,
} from "./opcodes.ts";

/** Per-temp scratch arrays, grown on demand and reused by every TB (no per-TB or per-op allocation). */
let firstBlock = new Int32Array(256);
let cross = new Uint8Array(256);
let setAt = new Int32Array(256);
let killAt = new Int32Array(256);
/** The output list, reused: valid until the next call. */
const kept: Op[] = [];

function grow(n: number): void {
  if (firstBlock.length >= n) return;
  const size = Math.max(n, firstBlock.length * 2);
  firstBlock = new Int32Array(size);
  cross = new Uint8Array(size);
  setAt = new Int32Array(size);
  killAt = new Int32Array(size);
}

/**
 * Returns the ops that survive, in order, in an array that the next call reuses. Liveness is kept
 * as event times instead of bit sets, so "every global is live" (a TB exit, a faulting op) and
 * "every temp that crosses blocks is live" (a block boundary) cost O(1) instead of a loop over all
 * temps: a temp is live when its latest "made live" event (its own, or a bulk one that covers it)
 * is later than its latest kill and the latest "everything dead" (a TB exit).
 */
export function removeDeadOps(ctx: TcgContext, ops: Op[]): Op[] {
  const n = ctx.nTemps;
  const nGlobals = ctx.nGlobals;
  const parent = ctx.parent;
  const lowView = ctx.lowView;
  grow(n);
  // Temps referenced in more than one basic block are treated as live at every block boundary.
  firstBlock.fill(-1, 0, n);
  cross.fill(0, 0, n);
  setAt.fill(0, 0, n);
  killAt.fill(0, 0, n);
  let block = 0;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (OP_DEFS[op.opc].flags & OPF_BB_END) block++;
    const args = op.args;
    const m = op.nOut + op.nIn;
    for (let i = 0; i < m; i++) {
      let t = args[i];
      if (parent[t] >= 0) t = parent[t];
      if (firstBlock[t] < 0) firstBlock[t] = block;
      else if (firstBlock[t] !== block) cross[t] = 1;
    }
  }
  // Only per-TB temps cross as such (globals are covered by "every global is live"); an i64 temp's
  // i32 views cross with it.
  for (let t = nGlobals; t < n; t++) {
    if (ctx.kind[t] !== TempKind.Tb) cross[t] = 0;
    else if (parent[t] >= 0 && cross[parent[t]]) cross[t] = 1;
  }

  let clock = 1;
  let clearAt = 0; // everything dead (TB exit)
  let globalsAt = 0; // every global live
  let crossAt = 0; // every temp that crosses blocks live

  kept.length = 0;
  for (let k = ops.length - 1; k >= 0; k--) {
    const op = ops[k];
    const def = OP_DEFS[op.opc];
    if (def.flags & OPF_TB_EXIT) {
      clearAt = ++clock;
      globalsAt = ++clock;
    } else if (def.flags & OPF_BB_END) {
      globalsAt = ++clock;
      crossAt = clock;
    }

    // `op t, ...; mov g, t` with t dead after the mov computes into the global directly (the copy
    // propagation of optimize.ts makes later readers of t read g, so t usually dies at the mov).
    if (
      op.opc === Opc.mov &&
      isLive(op.args[0], nGlobals, parent, lowView, clearAt, globalsAt, crossAt) &&
      !isLive(op.args[1], nGlobals, parent, lowView, clearAt, globalsAt, crossAt) &&
      coalesce(ctx, ops, k)
    )
      continue;

    let sideEffects = (def.flags & OPF_SIDE_EFFECTS) !== 0;
    let readsGlobals = (def.flags & OPF_CAN_FAULT) !== 0;
    const args = op.args;
    if (op.opc === Opc.call) {
      const flags = ctx.helpers[args[op.nOut + op.nIn]].flags;
      sideEffects = !(flags & CALL_NO_SIDE_EFFECTS);
      readsGlobals = !(flags & CALL_NO_READ_GLOBALS);
    }

    if (!sideEffects && op.nOut > 0) {
      let anyLive = false;
      for (let i = 0; i < op.nOut; i++)
        if (isLive(args[i], nGlobals, parent, lowView, clearAt, globalsAt, crossAt)) {
          anyLive = true;
          break;
        }
      if (!anyLive) continue;
      // Double-word ops whose high half is unused become single-word ops.
      if (op.nOut === 2 && !isLive(args[1], nGlobals, parent, lowView, clearAt, globalsAt, crossAt)) {
        if (op.opc === Opc.mulu2 || op.opc === Opc.muls2) {
          // [lo, hi, a, b] -> mul [lo, a, b]
          op.opc = Opc.mul;
          args[1] = args[2];
          args[2] = args[3];
          args.length = 3;
          op.nOut = 1;
          op.nIn = 2;
        } else if (op.opc === Opc.add2 || op.opc === Opc.sub2) {
          // [rl, rh, al, ah, bl, bh] -> add/sub [rl, al, bl]
          op.opc = op.opc === Opc.add2 ? Opc.add : Opc.sub;
          args[1] = args[2];
          args[2] = args[4];
          args.length = 3;
          op.nOut = 1;
          op.nIn = 2;
        }
      }
    }
    if (op.nOut > 0) {
      const c = ++clock;
      for (let i = 0; i < op.nOut; i++) {
        const t = args[i];
        killAt[t] = c;
        const v = lowView[t];
        if (v >= 0) killAt[v] = killAt[v + 1] = c;
      }
    }
    if (readsGlobals) globalsAt = ++clock;
    const m = op.nOut + op.nIn;
    if (m > op.nOut) {
      const c = ++clock;
      for (let i = op.nOut; i < m; i++) {
        const t = args[i];
        setAt[t] = c;
        const v = lowView[t];
        if (v >= 0) setAt[v] = setAt[v + 1] = c;
      }
    }
    kept.push(op);
  }
  kept.reverse();
  return kept;
}

/** One temp's own liveness (see removeDeadOps). */
function liveOne(t: number, nGlobals: number, clearAt: number, globalsAt: number, crossAt: number): boolean {
  let made = setAt[t];
  if (t < nGlobals) {
    if (globalsAt > made) made = globalsAt;
  } else if (cross[t] !== 0 && crossAt > made) made = crossAt;
  return made > killAt[t] && made > clearAt;
}

/** A temp is live if it is, or the i64 it is a half of is, or one of its halves is (lowered mode). */
function isLive(
  t: number,
  nGlobals: number,
  parent: number[],
  lowView: number[],
  clearAt: number,
  globalsAt: number,
  crossAt: number,
): boolean {
  if (liveOne(t, nGlobals, clearAt, globalsAt, crossAt)) return true;
  const p = parent[t];
  if (p >= 0 && liveOne(p, nGlobals, clearAt, globalsAt, crossAt)) return true;
  const v = lowView[t];
  return v >= 0 && (liveOne(v, nGlobals, clearAt, globalsAt, crossAt) || liveOne(v + 1, nGlobals, clearAt, globalsAt, crossAt));
}

/** How far back coalesce() looks for the op that computes the temp. */
const COALESCE_WINDOW = 8;

/**
 * `op t, ...; [ops]; mov g, t` with t dead after the mov becomes `op g, ...; [ops]` when g is a
 * plain i32 global or temp and t a plain i32 temp; the ops in between may read t (they then read g) but
 * must not touch g (nor its env slot, through another global or an env load), fault, call, have side
 * effects or end a block, so nobody sees g change earlier than it did. insn_start has side effects,
 * so the fold stays inside one guest instruction: the state at every instruction boundary, where
 * the op stepper stops and a fault unwinds to, is the same as without it (test/web/stepper.test.ts
 * and test/core/coalesce.test.ts check this). Calls are never the op (a helper may read the global
 * while it runs); every other single-output op reads its inputs before it writes its output, and a
 * faulting one (a guest load) writes nothing.
 * Returns whether the mov at ops[k] is gone.
 */
function coalesce(ctx: TcgContext, ops: Op[], k: number): boolean {
  const mov = ops[k];
  const g = mov.args[0],
    t = mov.args[1];
  if (mov.type !== Type.I32 || ctx.kind[g] === TempKind.Const || ctx.kind[t] !== TempKind.Tb) return false;
  if (ctx.parent[g] >= 0 || ctx.parent[t] >= 0 || ctx.lowView[g] >= 0 || ctx.lowView[t] >= 0) return false;
  const gSlot = ctx.kind[g] === TempKind.Global ? ctx.slot[g] : -1;
  for (let j = k - 1; j >= 0 && j >= k - COALESCE_WINDOW; j--) {
    const op = ops[j];
    const writesT = op.nOut > 0 && op.args[0] === t;
    if (writesT) {
      if (op.nOut !== 1 || op.type !== Type.I32 || op.opc === Opc.call || op.opc === Opc.discard) return false;
      op.args[0] = g;
      for (let i = j + 1; i < k; i++) {
        const o = ops[i];
        for (let a = o.nOut; a < o.nOut + o.nIn; a++) if (o.args[a] === t) o.args[a] = g;
      }
      return true;
    }
    const flags = OP_DEFS[op.opc].flags;
    if (flags & (OPF_BB_END | OPF_CAN_FAULT | OPF_SIDE_EFFECTS | OPF_TB_EXIT) || op.opc === Opc.call) return false;
    for (let a = 0; a < op.nOut + op.nIn; a++) {
      const x = op.args[a];
      if (x === g || (gSlot >= 0 && ctx.kind[x] === TempKind.Global && overlaps(ctx.slot[x], ctx.type[x], gSlot))) return false;
    }
    // An env load (state without a global) must not read g's field either; off is a byte offset.
    if (gSlot >= 0 && op.nIn === 0 && isEnvLoad(op.opc) && overlaps(op.args[1] >> 2, op.type, gSlot)) return false;
    for (let a = 0; a < op.nOut; a++) if (op.args[a] === t) return false;
  }
  return false;
}

/** Whether a value of `type` at env slot `slot` covers slot `s` (an i64 takes two slots). */
function overlaps(slot: number, type: Type, s: number): boolean {
  return slot === s || (type === Type.I64 && slot + 1 === s);
}

function isEnvLoad(opc: Opc): boolean {
  return (
    opc === Opc.ld8u ||
    opc === Opc.ld8s ||
    opc === Opc.ld16u ||
    opc === Opc.ld16s ||
    opc === Opc.ld32u ||
    opc === Opc.ld32s ||
    opc === Opc.ld
  );
}
