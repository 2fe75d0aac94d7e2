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
  /** For an i64 temp: its [low view, high view] once created. */
  private views = new Map<Temp, [Temp, Temp]>();
  nGlobals = 0;
  ops: Op[] = [];
  nLabels = 0;
  readonly helpers: HelperInfo[] = [];
  private readonly helperIds = new Map<string, number>();
  private constMap = new Map<string, Temp>();

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
    return this.kind.length - 1;
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
      this.views.set(t, [lo, hi]);
    }
    return t;
  }

  /**
   * The i32 temp that names one half of an i64 temp: it shares the pair's slot, so i64 ops (calls,
   * guest memory) and i32 ops on the halves see the same storage, as register pairs on a 32-bit host.
   */
  halfOf(t: Temp, half: 0 | 1): Temp {
    let v = this.views.get(t);
    if (!v) {
      if (this.type[t] !== Type.I64 || this.kind[t] !== TempKind.Tb) throw new Error("halfOf: not an i64 temp");
      const lo = this.push(TempKind.Tb, Type.I32, -1, "", 0, 0, t, 0);
      const hi = this.push(TempKind.Tb, Type.I32, -1, "", 0, 0, t, 1);
      v = [lo, hi];
      this.views.set(t, v);
    }
    return v[half];
  }

  /** The views of an i64 temp, if any were created. */
  viewsOf(t: Temp): [Temp, Temp] | undefined {
    return this.views.get(t);
  }

  tempNew(type: Type): Temp {
    return this.push(TempKind.Tb, type, -1, "");
  }

  constI32(v: number): Temp {
    return this.constNew(Type.I32, v | 0, 0);
  }

  /** An i64 constant from a JS number (must be a safe integer) or a bigint. */
  constI64(v: number | bigint): Temp {
    const b = BigInt.asIntN(64, BigInt(v));
    return this.constNew(Type.I64, Number(BigInt.asIntN(32, b)), Number(BigInt.asIntN(32, b >> 32n)));
  }

  constNew(type: Type, lo: number, hi: number): Temp {
    lo |= 0;
    hi = type === Type.I32 ? 0 : hi | 0;
    const key = `${type}:${lo}:${hi}`;
    let t = this.constMap.get(key);
    if (t === undefined) {
      t = this.push(TempKind.Const, type, -1, "", lo, hi);
      this.constMap.set(key, t);
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

  emit(opc: Opc, type: Type, args: number[], nOut?: number, nIn?: number): Op {
    const def = OP_DEFS[opc];
    const op: Op = { opc, type, args, nOut: nOut ?? def.nOut, nIn: nIn ?? def.nIn };
    this.ops.push(op);
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
    for (const k of [...this.views.keys()]) if (k >= n) this.views.delete(k);
    this.ops = [];
    this.nLabels = 0;
    this.constMap = new Map();
  }
}
