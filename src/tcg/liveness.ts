// Dead-op removal by backward liveness, as QEMU's liveness_pass_1 does it for a memory-to-memory
// machine: globals live in env slots and are always "in memory", so the only question is whether an
// op's results are ever observed.
//
// Observers of globals: TB exits (every global is live after the TB), ops that can fault (a guest
// exception must see precise state), calls that may read globals, and basic-block boundaries (this
// pass does not follow branches, so it assumes everything that crosses one is live).
// An op with no side effects whose outputs are all dead is deleted, pure helpers included.
// mulu2/muls2/add2/sub2 whose high output is dead become the single-word op.
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

export function removeDeadOps(ctx: TcgContext, ops: Op[]): Op[] {
  const n = ctx.nTemps;
  // Temps referenced in more than one basic block are treated as live at every block boundary.
  const firstBlock = new Int32Array(n).fill(-1);
  const crossesBlocks = new Uint8Array(n);
  let block = 0;
  for (const op of ops) {
    if (OP_DEFS[op.opc].flags & OPF_BB_END) block++;
    for (let i = 0; i < op.nOut + op.nIn; i++) {
      let t = op.args[i];
      if (ctx.parent[t] >= 0) t = ctx.parent[t];
      if (firstBlock[t] < 0) firstBlock[t] = block;
      else if (firstBlock[t] !== block) crossesBlocks[t] = 1;
    }
  }

  const live = new Uint8Array(n);
  const isLive = (t: number) => {
    if (live[t] !== 0 || (ctx.parent[t] >= 0 && live[ctx.parent[t]] !== 0)) return true;
    const v = ctx.viewsOf(t); // an i64 value read through its i32 halves (lowered mode)
    return v !== undefined && (live[v[0]] !== 0 || live[v[1]] !== 0);
  };
  const markLive = (t: number) => {
    live[t] = 1;
    const v = ctx.viewsOf(t);
    if (v) live[v[0]] = live[v[1]] = 1;
  };
  const kill = (t: number) => {
    live[t] = 0;
    const v = ctx.viewsOf(t);
    if (v) live[v[0]] = live[v[1]] = 0;
  };
  const globalsLive = () => {
    for (let g = 0; g < ctx.nGlobals; g++) live[g] = 1;
  };
  const blockBoundary = () => {
    globalsLive();
    for (let t = ctx.nGlobals; t < n; t++) if (crossesBlocks[t] && ctx.kind[t] === TempKind.Tb) markLive(t);
  };

  const kept: Op[] = [];
  for (let k = ops.length - 1; k >= 0; k--) {
    const op = ops[k];
    const def = OP_DEFS[op.opc];
    if (def.flags & OPF_TB_EXIT) {
      live.fill(0);
      globalsLive();
    } else if (def.flags & OPF_BB_END) {
      blockBoundary();
    }

    // `op t, ...; mov g, t` with t dead after the mov computes into the global directly (the copy
    // propagation of optimize.ts makes later readers of t read g, so t usually dies at the mov).
    if (op.opc === Opc.mov && isLive(op.args[0]) && !isLive(op.args[1]) && coalesce(ctx, ops, k)) continue;

    let sideEffects = (def.flags & OPF_SIDE_EFFECTS) !== 0;
    let readsGlobals = (def.flags & OPF_CAN_FAULT) !== 0;
    if (op.opc === Opc.call) {
      const flags = ctx.helpers[op.args[op.nOut + op.nIn]].flags;
      sideEffects = !(flags & CALL_NO_SIDE_EFFECTS);
      readsGlobals = !(flags & CALL_NO_READ_GLOBALS);
    }

    if (!sideEffects && op.nOut > 0) {
      let anyLive = false;
      for (let i = 0; i < op.nOut; i++) if (isLive(op.args[i])) anyLive = true;
      if (!anyLive) continue;
      // Double-word ops whose high half is unused become single-word ops.
      if (op.nOut === 2 && !isLive(op.args[1])) {
        if (op.opc === Opc.mulu2 || op.opc === Opc.muls2) {
          op.opc = Opc.mul;
          op.args = [op.args[0], op.args[2], op.args[3]];
          op.nOut = 1;
          op.nIn = 2;
        } else if (op.opc === Opc.add2 || op.opc === Opc.sub2) {
          op.opc = op.opc === Opc.add2 ? Opc.add : Opc.sub;
          op.args = [op.args[0], op.args[2], op.args[4]];
          op.nOut = 1;
          op.nIn = 2;
        }
      }
    }
    for (let i = 0; i < op.nOut; i++) kill(op.args[i]);
    if (readsGlobals) globalsLive();
    for (let i = op.nOut; i < op.nOut + op.nIn; i++) markLive(op.args[i]);
    kept.push(op);
  }
  return kept.reverse();
}

/** How far back coalesce() looks for the op that computes the temp. */
const COALESCE_WINDOW = 8;

/**
 * `op t, ...; [ops]; mov g, t` with t dead after the mov becomes `op g, ...; [ops]` when g is a
 * plain i32 global or temp and t a plain i32 temp; the ops in between may read t (they then read g) but
 * must not touch g, fault, call or end a block, so nobody sees g change earlier than it did. Calls
 * are never the op (a helper may read the global while it runs); every other single-output op reads
 * its inputs before it writes its output, and a faulting one (a guest load) writes nothing.
 * Returns whether the mov at ops[k] is gone.
 */
function coalesce(ctx: TcgContext, ops: Op[], k: number): boolean {
  const mov = ops[k];
  const g = mov.args[0],
    t = mov.args[1];
  if (mov.type !== Type.I32 || ctx.kind[g] === TempKind.Const || ctx.kind[t] !== TempKind.Tb) return false;
  if (ctx.parent[g] >= 0 || ctx.parent[t] >= 0 || ctx.viewsOf(g) !== undefined || ctx.viewsOf(t) !== undefined) return false;
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
    for (let a = 0; a < op.nOut + op.nIn; a++) if (op.args[a] === g) return false;
    for (let a = 0; a < op.nOut; a++) if (op.args[a] === t) return false;
  }
  return false;
}
