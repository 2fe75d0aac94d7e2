// Per-TB debug information for the stepper: the optimized IR ops of each TB, a copy of its temp
// tables, and the encoder's op -> bytecode ranges and temp -> R slot map (EncodedTb.debug, kept
// when CpuExec's keepDebugInfo option is on). Collected by an ExecObserver at translation time, so
// it costs nothing while TBs run.
import type { CpuExec, ExecObserver } from "../exec/cpu-exec.ts";
import { TempKind, cloneOp, type Op, type TcgContext } from "../tcg/context.ts";
import { Opc, Type } from "../tcg/opcodes.ts";
import type { EncodedTb } from "../tci/encode.ts";
import { formatOp, snapshotTemps, tempName, type DumpOptions, type TempTable } from "./tcg-dump.ts";

export interface TbDebug {
  tb: number;
  start: number;
  end: number;
  ops: Op[];
  temps: TempTable;
  opStart: Int32Array;
  opEnd: Int32Array;
  /** temp id -> R slot (-1 for constants). */
  slot: Int32Array;
  /** Per temp: index of the first and last op that mentions it (-1 if none), for liveness display. */
  firstUse: Int32Array;
  lastUse: Int32Array;
  /** Op groups by the code offset they start at: the end of their bytecode and the ops sharing it. */
  groups: Map<number, { end: number; ops: number[] }>;
}

export class TbInfoStore implements ExecObserver {
  private pending: { ops: Op[]; temps: TempTable } | null = null;
  private byTb = new Map<number, TbDebug>();

  constructor(
    readonly exec: CpuExec,
    readonly dump: DumpOptions = {},
  ) {}

  opsAfter(ctx: TcgContext, ops: Op[]): void {
    // The op objects are the context's pool, reused by the next TB: keep copies.
    this.pending = { ops: ops.map(cloneOp), temps: snapshotTemps(ctx) };
  }

  encoded(tb: number, enc: EncodedTb): void {
    const p = this.pending;
    this.pending = null;
    if (!p || !enc.debug) {
      this.byTb.delete(tb);
      return;
    }
    const n = p.temps.kind.length;
    const firstUse = new Int32Array(n).fill(-1),
      lastUse = new Int32Array(n).fill(-1);
    p.ops.forEach((op, k) => {
      for (let i = 0; i < op.nOut + op.nIn; i++) {
        const t = op.args[i];
        if (firstUse[t] < 0) firstUse[t] = k;
        lastUse[t] = k;
      }
    });
    const groups = new Map<number, { end: number; ops: number[] }>();
    const { opStart, opEnd } = enc.debug;
    for (let k = 0; k < p.ops.length; k++) {
      if (opEnd[k] <= opStart[k]) continue;
      const g = groups.get(opStart[k]);
      if (g) g.ops.push(k);
      else groups.set(opStart[k], { end: opEnd[k], ops: [k] });
    }
    this.byTb.set(tb, { tb, start: enc.start, end: enc.end, ops: p.ops, temps: p.temps, ...enc.debug, firstUse, lastUse, groups });
  }

  /** The debug info of a TB now in the cache, if it was translated with it. */
  get(tb: number): TbDebug | undefined {
    const d = this.byTb.get(tb);
    const tbs = this.exec.tbs;
    if (!d || tb >= tbs.count || tbs.codeStart[tb] !== d.start || tbs.codeEnd[tb] !== d.end) return undefined;
    return d;
  }

  /** Indexes of the ops whose bytecode contains code offset `pc` (two for a fused pair). */
  opsAt(d: TbDebug, pc: number): number[] {
    const r: number[] = [];
    for (let k = 0; k < d.ops.length; k++) if (d.opStart[k] <= pc && pc < d.opEnd[k]) r.push(k);
    return r;
  }

  /** The code range [start, end) of the op group containing pc: the ops that share their bytecode. */
  groupAt(d: TbDebug, pc: number): { start: number; end: number; ops: number[] } {
    const g = d.groups.get(pc);
    if (g) return { start: pc, end: g.end, ops: g.ops };
    const ops = this.opsAt(d, pc);
    if (ops.length === 0) return { start: pc, end: pc, ops };
    let start = d.opStart[ops[0]],
      end = d.opEnd[ops[0]];
    for (const k of ops) {
      start = Math.min(start, d.opStart[k]);
      end = Math.max(end, d.opEnd[k]);
    }
    return { start, end, ops };
  }

  opText(d: TbDebug, k: number): string {
    return formatOp(d.temps, d.ops[k], this.dump);
  }

  tempName(d: TbDebug, t: number): string {
    return tempName(d.temps, t, this.dump);
  }

  /** A temp's current value from its slot (pairs for i64), or null for a constant. */
  tempValue(d: TbDebug, t: number): bigint | null {
    if (d.temps.kind[t] === TempKind.Const) return null;
    const s = d.slot[t];
    if (s < 0) return null;
    const R = this.exec.S.R;
    return d.temps.type[t] === Type.I64 ? (BigInt(R[s + 1] >>> 0) << 32n) | BigInt(R[s] >>> 0) : BigInt(R[s] >>> 0);
  }

  /** The TB temps (not globals, not constants) the TB's ops mention. */
  tbTemps(d: TbDebug): number[] {
    const r: number[] = [];
    for (let t = d.temps.nGlobals; t < d.temps.kind.length; t++)
      if (d.temps.kind[t] === TempKind.Tb && d.firstUse[t] >= 0 && d.slot[t] >= 0) r.push(t);
    return r;
  }

  /** Index of the insn_start op that begins guest instruction `i` of the TB. */
  static insnStartOp(d: TbDebug, i: number): number {
    let n = -1;
    for (let k = 0; k < d.ops.length; k++) if (d.ops[k].opc === Opc.insn_start && ++n === i) return k;
    return -1;
  }
}
