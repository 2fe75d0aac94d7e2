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
