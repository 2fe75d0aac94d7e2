// The translation context: temps (globals, per-TB temps, constants), labels, helpers and the op list
// of the translation block being built. One context is reused for every TB of a CPU; `resetForTb`
// drops everything but the globals and the helper table.
import { OP_DEFS, Opc, Type, type OpDef } from "./opcodes.ts";

export const enum TempKind {
  /** A field of the guest CPU state (QEMU's TEMP_GLOBAL); lives in a fixed env slot. */
  Global = 0,
  /** A temp that lives for the rest of the TB (QEMU's TEMP_TB / TEMP_EBB). */
  Tb = 1,
  /** A constant (QEMU's TEMP_CONST), hashed so each value has one temp per TB. */
  Const = 2,
}

/** A temp id. */
export type Temp = number;
export type Label = number;

export interface Op {
  opc: Opc;
  type: Type;
  /** Outputs, then inputs (temp ids), then constants. */
  args: number[];
  nOut: number;
  nIn: number;
}

/**
 * A helper receives the R-file slot indices of its output and inputs (an i64 value occupies slots
 * i and i+1) and reads/writes the register file directly, so a call passes no argument arrays.
 */
export type HelperFn = (out: number, a: number, b: number, c: number, d: number) => void;

export interface HelperInfo {
  name: string;
  fn: HelperFn;
  /** CALL_NO_READ_GLOBALS / CALL_NO_WRITE_GLOBALS / CALL_NO_SIDE_EFFECTS */
  flags: number;
  out: Type | null;
  ins: Type[];
}

/** A copy of an op that outlives the TB's op pool (debuggers and logs that keep ops). */
export function cloneOp(op: Op): Op {
  return { opc: op.opc, type: op.type, args: op.args.slice(), nOut: op.nOut, nIn: op.nIn };
}

export function opDef(op: Op): OpDef {
  return OP_DEFS[op.opc];
}

export class TcgContext {
  readonly kind: TempKind[] = [];
  readonly type: Type[] = [];
  /** For globals: the env slot (low word of a pair for i64). For other temps: assigned by the encoder. */
  readonly slot: number[] = [];
  readonly name: string[] = [];
  /** Constant values: low and high 32-bit words (high is 0 for i32). */
  readonly cLo: number[] = [];
  readonly cHi: number[] = [];
  /** For an i32 view of one half of an i64 temp (used by lower-i64.ts): the i64 temp, else -1. */
  readonly parent: number[] = [];
  /** For a view: 0 = low word, 1 = high word. */
  readonly half: number[] = [];
  /** For an i64 temp: its low view once created (the high view is the next temp), else -1. */
  readonly lowView: number[] = [];
  /** The same as [low, high] pairs for viewsOf (created with the views, so reading them allocates nothing). */
  private readonly viewPairs: ([Temp, Temp] | undefined)[] = [];
  nGlobals = 0;
  /**
   * The TB's ops in order. The Op objects (and their args arrays) come from a pool that is reused
   * by the next TB: whoever keeps ops past the next resetForTb copies them (cloneOp).
   */
  readonly ops: Op[] = [];
  nLabels = 0;
  readonly helpers: HelperInfo[] = [];
  private readonly helperIds = new Map<string, number>();
  /** Constants by value: i32 by their word, i64 by their high word then low word. */
  private readonly constI32Map = new Map<number, Temp>();
  private readonly constI64Map = new Map<number, Map<number, Temp>>();
  /** Op objects handed out to this TB (newOp); the pool keeps them for the next TB. */
  private readonly opPool: Op[][] = [];
  private readonly opPoolUsed: number[] = [];

  /**
   * @param envSlots number of int32 slots of guest state; temps are placed after them.
   */
  constructor(readonly envSlots: number) {}

  get nTemps(): number {
    return this.kind.length;
  }

  private push(kind: TempKind, type: Type, slot: number, name: string, lo = 0, hi = 0, parent = -1, half = 0): Temp {
    this.parent.push(parent);
    this.half.push(half);
    this.kind.push(kind);
    this.type.push(type);
    this.slot.push(slot);
    this.name.push(name);
    this.cLo.push(lo | 0);
    this.cHi.push(hi | 0);
    this.lowView.push(-1);
    this.viewPairs.push(undefined);
    return this.kind.length - 1;
  }

  private setViews(t: Temp, lo: Temp, hi: Temp): [Temp, Temp] {
    const v: [Temp, Temp] = [lo, hi];
    this.lowView[t] = lo;
    this.viewPairs[t] = v;
    return v;
  }

  /** A global bound to an env slot (pairs use slot and slot+1). Create all globals before any TB. */
  globalNew(type: Type, slot: number, name: string): Temp {
    if (this.nTemps !== this.nGlobals) throw new Error("globals must be created before temps");
    if (slot < 0 || slot + (type === Type.I64 ? 2 : 1) > this.envSlots) throw new Error(`global ${name}: slot out of env`);
    this.nGlobals++;
    const t = this.push(TempKind.Global, type, slot, name);
    if (type === Type.I64) {
      this.nGlobals += 2;
      const lo = this.push(TempKind.Global, Type.I32, slot, `${name}_lo`, 0, 0, t, 0);
      const hi = this.push(TempKind.Global, Type.I32, slot + 1, `${name}_hi`, 0, 0, t, 1);
      this.setViews(t, lo, hi);
    }
    return t;
  }

  /**
   * The i32 temp that names one half of an i64 temp: it shares the pair's slot, so i64 ops (calls,
   * guest memory) and i32 ops on the halves see the same storage, as register pairs on a 32-bit host.
   */
  halfOf(t: Temp, half: 0 | 1): Temp {
    let lo = this.lowView[t];
    if (lo < 0) {
      if (this.type[t] !== Type.I64 || this.kind[t] !== TempKind.Tb) throw new Error("halfOf: not an i64 temp");
      lo = this.push(TempKind.Tb, Type.I32, -1, "", 0, 0, t, 0);
      const hi = this.push(TempKind.Tb, Type.I32, -1, "", 0, 0, t, 1);
      this.setViews(t, lo, hi);
    }
    return lo + half;
  }

  /** The views of an i64 temp, if any were created. */
  viewsOf(t: Temp): [Temp, Temp] | undefined {
    return this.viewPairs[t];
  }

  tempNew(type: Type): Temp {
    return this.push(TempKind.Tb, type, -1, "");
  }

  constI32(v: number): Temp {
    return this.constNew(Type.I32, v | 0, 0);
  }

  /** An i64 constant from a JS number (must be a safe integer) or a bigint. */
  constI64(v: number | bigint): Temp {
    if (typeof v === "number" && Number.isSafeInteger(v)) {
      // The common case without bigints: the two words of a safe integer, exactly.
      if ((v | 0) === v) return this.constNew(Type.I64, v, v < 0 ? -1 : 0);
      const hi = Math.floor(v / 4294967296);
      return this.constNew(Type.I64, (v - hi * 4294967296) | 0, hi | 0);
    }
    const b = BigInt.asIntN(64, BigInt(v));
    return this.constNew(Type.I64, Number(BigInt.asIntN(32, b)), Number(BigInt.asIntN(32, b >> 32n)));
  }

  constNew(type: Type, lo: number, hi: number): Temp {
    lo |= 0;
    if (type === Type.I32) {
      let t = this.constI32Map.get(lo);
      if (t === undefined) {
        t = this.push(TempKind.Const, type, -1, "", lo, 0);
        this.constI32Map.set(lo, t);
      }
      return t;
    }
    hi |= 0;
    let byLo = this.constI64Map.get(hi);
    if (byLo === undefined) {
      byLo = new Map();
      this.constI64Map.set(hi, byLo);
    }
    let t = byLo.get(lo);
    if (t === undefined) {
      t = this.push(TempKind.Const, type, -1, "", lo, hi);
      byLo.set(lo, t);
    }
    return t;
  }

  isConst(t: Temp): boolean {
    return this.kind[t] === TempKind.Const;
  }

  /** A constant's value as a signed 64-bit bigint (i32 constants are sign-extended). */
  constValue(t: Temp): bigint {
    return this.type[t] === Type.I32 ? BigInt(this.cLo[t]) : (BigInt(this.cHi[t]) << 32n) | BigInt(this.cLo[t] >>> 0);
  }

  labelNew(): Label {
    return this.nLabels++;
  }

  /** Registers a helper once; later registrations of the same name return the same id. */
  helper(info: HelperInfo): number {
    const id = this.helperIds.get(info.name);
    if (id !== undefined) return id;
    this.helpers.push(info);
    this.helperIds.set(info.name, this.helpers.length - 1);
    return this.helpers.length - 1;
  }

  /** Appends an op whose arguments are given as an array (copied: the caller may reuse it). */
  emit(opc: Opc, type: Type, args: readonly number[], nOut?: number, nIn?: number): Op {
    const def = OP_DEFS[opc];
    const op = this.newOp(opc, type, nOut ?? def.nOut, nIn ?? def.nIn, args.length);
    const a = op.args;
    for (let i = 0; i < args.length; i++) a[i] = args[i];
    this.ops.push(op);
    return op;
  }

  /** emitOp with the op's usual output and input counts (OP_DEFS). */
  emitArgs(opc: Opc, type: Type, n: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): Op {
    const def = OP_DEFS[opc];
    return this.emitOp(opc, type, def.nOut, def.nIn, n, a0, a1, a2, a3, a4, a5);
  }

  /**
   * Appends an op with `n` arguments a0..a(n-1) (outputs, inputs, constants) without allocating:
   * the builder's path for every op.
   */
  emitOp(opc: Opc, type: Type, nOut: number, nIn: number, n: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): Op {
    const op = this.newOp(opc, type, nOut, nIn, n);
    const a = op.args;
    if (n > 0) a[0] = a0;
    if (n > 1) a[1] = a1;
    if (n > 2) a[2] = a2;
    if (n > 3) a[3] = a3;
    if (n > 4) a[4] = a4;
    if (n > 5) a[5] = a5;
    this.ops.push(op);
    return op;
  }

  /**
   * An op object from the TB's pool, not yet in `ops` (the optimizer builds its output list from
   * them). Its args array has length n, contents unspecified. Valid until the next resetForTb.
   */
  newOp(opc: Opc, type: Type, nOut: number, nIn: number, n: number): Op {
    // One pool per argument count, so a reused op's args array keeps its length (setting an array's
    // length is a V8 runtime call and a re-grow; it was ~5% of a boot's translation time).
    while (this.opPool.length <= n) {
      this.opPool.push([]);
      this.opPoolUsed.push(0);
    }
    const pool = this.opPool[n];
    const used = this.opPoolUsed[n];
    let op: Op;
    if (used < pool.length) {
      op = pool[used];
      op.opc = opc;
      op.type = type;
      op.nOut = nOut;
      op.nIn = nIn;
      if (op.args.length !== n) op.args.length = n; // someone shortened it in place (liveness, noChain)
    } else {
      op = { opc, type, args: new Array<number>(n).fill(0), nOut, nIn };
      pool.push(op);
    }
    this.opPoolUsed[n] = used + 1;
    return op;
  }

  /** Drops the previous TB's ops, temps, constants and labels. */
  resetForTb(): void {
    const n = this.nGlobals;
    this.kind.length = n;
    this.type.length = n;
    this.slot.length = n;
    this.name.length = n;
    this.cLo.length = n;
    this.cHi.length = n;
    this.parent.length = n;
    this.half.length = n;
    this.lowView.length = n;
    this.viewPairs.length = n;
    this.ops.length = 0;
    this.opPoolUsed.fill(0);
    this.nLabels = 0;
    this.constI32Map.clear();
    this.constI64Map.clear();
  }
}
