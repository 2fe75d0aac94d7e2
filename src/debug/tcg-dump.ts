// TCG ops as text, in the syntax of QEMU's tcg_dump_ops (tcg/tcg.c), for `-d op` / `-d op_opt` and
// the debugger:
//
//    ---- 0000000000010078 0000000000000000
//    add_i64 x2/sp,x2/sp,$0xfffffffffffffff0
//    brcond_i64 x10/a0,$0x0,eq,$L1
//    call raise,$0x0,$0,$0x2,$0x0
//
// Differences from QEMU that come from tciemu's IR rather than from the printer: guest loads and
// stores carry a constant offset (printed `x2/sp+0x8`), helpers take no `env` argument, the TB
// prologue is one `tb_start` op, and `lookup_and_goto_ptr` is one op (QEMU: call lookup_tb_ptr +
// goto_ptr). QEMU's liveness annotations (`sync:`/`dead:`/`pref=`) are not printed.
import { TempKind, type HelperInfo, type Op } from "../tcg/context.ts";
import { COND_NAMES, MO_ALIGN, MO_BSWAP, MO_SIGN, MO_SIZE, OP_DEFS, Opc, Type } from "../tcg/opcodes.ts";

/** The parts of a TcgContext the printer reads (a TcgContext, or a snapshot kept for a TB). */
export interface TempTable {
  readonly kind: readonly TempKind[];
  readonly type: readonly Type[];
  readonly name: readonly string[];
  readonly cLo: readonly number[];
  readonly cHi: readonly number[];
  readonly nGlobals: number;
  readonly helpers: readonly HelperInfo[];
}

/** A copy of the temp tables of the TB just built (the context is reused by the next TB). */
export function snapshotTemps(ctx: TempTable): TempTable {
  return {
    kind: ctx.kind.slice(),
    type: ctx.type.slice(),
    name: ctx.name.slice(),
    cLo: ctx.cLo.slice(),
    cHi: ctx.cHi.slice(),
    nGlobals: ctx.nGlobals,
    helpers: ctx.helpers,
  };
}

export interface DumpOptions {
  /** Display name of a global (e.g. RISC-V "x2" -> "x2/sp"); default: its own name. */
  globalName?: (name: string) => string;
}

const hex64 = (lo: number, hi: number) => ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);

/** QEMU's tcg_get_arg_str: globals by name, temps as tmpN, constants as $0x... */
export function tempName(t: TempTable, id: number, opts: DumpOptions = {}): string {
  switch (t.kind[id]) {
    case TempKind.Global:
      return opts.globalName ? opts.globalName(t.name[id]) : t.name[id];
    case TempKind.Const:
      return t.type[id] === Type.I32 ? `$0x${(t.cLo[id] >>> 0).toString(16)}` : `$0x${hex64(t.cLo[id], t.cHi[id])}`;
    default:
      return `tmp${id - t.nGlobals}`;
  }
}

/** QEMU's ldst_name / alignment_name for a MemOp; null when it has bits QEMU would print numerically. */
function memopName(mop: number): string | null {
  const names: Record<number, string> = {
    0: "ub",
    4: "sb",
    1: "leuw",
    5: "lesw",
    2: "leul",
    6: "lesl",
    3: "leq",
    9: "beuw",
    13: "besw",
    10: "beul",
    14: "besl",
    11: "beq",
  };
  const op = names[mop & (MO_BSWAP | MO_SIGN | MO_SIZE)];
  const rest = mop & ~(MO_BSWAP | MO_SIGN | MO_SIZE | MO_ALIGN);
  if (op === undefined || rest !== 0) return null;
  return (mop & MO_ALIGN ? "al+" : "un+") + op;
}

const BSWAP_FLAGS: Record<number, string> = { 1: "iz", 2: "oz", 4: "os", 3: "iz,oz", 5: "iz,os" };

/** QEMU's mb printing: barrier kind and ordered pairs (TCG_BAR_* | TCG_MO_*). */
function mbName(v: number): string {
  const bar = ["none", "acq", "rel", "seq"][(v >> 4) & 3];
  const mo: Record<number, string> = {
    0: "none",
    1: "rr",
    2: "rw",
    4: "wr",
    8: "ww",
    3: "rr+rw",
    5: "rr+wr",
    9: "rr+ww",
    6: "rw+wr",
    10: "rw+ww",
    12: "wr+ww",
    7: "rr+rw+wr",
    11: "rr+rw+ww",
    13: "rr+wr+ww",
    14: "rw+wr+ww",
    15: "all",
  };
  return `${bar}:${mo[v & 15]}`;
}

/** Ops whose QEMU name carries no _i32/_i64 suffix. */
const UNTYPED = new Set<Opc>([
  Opc.insn_start,
  Opc.br,
  Opc.set_label,
  Opc.call,
  Opc.goto_tb,
  Opc.exit_tb,
  Opc.goto_ptr,
  Opc.lookup_and_goto_ptr,
  Opc.mb,
  Opc.tb_start,
  Opc.discard,
  Opc.ext_i32_i64,
  Opc.extu_i32_i64,
  Opc.extrl_i64_i32,
  Opc.extrh_i64_i32,
]);

/** An op's name as QEMU prints it (add_i64, qemu_ld_i64, brcond2_i32, set_label, ...). */
export function opName(op: Op): string {
  const base = OP_DEFS[op.opc].name;
  return UNTYPED.has(op.opc) ? base : `${base}_${op.type === Type.I64 ? "i64" : "i32"}`;
}

const c64 = (v: number) => `$0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;

/**
 * One op as text, without the leading space QEMU puts in front of every op; insn_start gives
 * "---- <pc> <word>" (the caller adds the blank line QEMU prints before it).
 */
export function formatOp(t: TempTable, op: Op, opts: DumpOptions = {}): string {
  const a = op.args;
  const T = (id: number) => tempName(t, id, opts);
  switch (op.opc) {
    case Opc.insn_start:
      return `---- ${hex64(a[0], a[1]).padStart(16, "0")} ${BigInt.asUintN(64, BigInt(a[2])).toString(16).padStart(16, "0")}`;
    case Opc.call: {
      const h = t.helpers[a[op.nOut + op.nIn]];
      const parts = [h ? h.name : `helper${a[op.nOut + op.nIn]}`, `$0x${(h?.flags ?? 0).toString(16)}`, `$${op.nOut}`];
      for (let i = 0; i < op.nOut + op.nIn; i++) parts.push(T(a[i]));
      return `call ${parts.join(",")}`;
    }
    case Opc.br:
    case Opc.set_label:
      return `${opName(op)} $L${a[0]}`;
    case Opc.mb:
      return `mb ${mbName(a[0])}`;
    case Opc.ld8u:
    case Opc.ld8s:
    case Opc.ld16u:
    case Opc.ld16s:
    case Opc.ld32u:
    case Opc.ld32s:
    case Opc.ld:
    case Opc.st8:
    case Opc.st16:
    case Opc.st32:
    case Opc.st:
      return `${opName(op)} ${T(a[0])},env,${c64(a[1])}`;
    case Opc.qemu_ld:
    case Opc.qemu_st: {
      const [v, addr, off, memop, mmu] = a;
      const where = off === 0 ? T(addr) : `${T(addr)}${off < 0 ? "-" : "+"}0x${Math.abs(off).toString(16)}`;
      const mo = memopName(memop);
      return `${opName(op)} ${T(v)},${where},${mo ?? `$0x${memop.toString(16)}`},${mmu}`;
    }
  }
  const parts: string[] = [];
  const nt = op.nOut + op.nIn;
  for (let i = 0; i < nt; i++) parts.push(T(a[i]));
  let k = nt;
  switch (op.opc) {
    case Opc.brcond:
    case Opc.brcond2:
    case Opc.setcond:
    case Opc.negsetcond:
    case Opc.movcond:
    case Opc.setcond2:
      parts.push(COND_NAMES[a[k]] ?? c64(a[k]));
      k++;
      break;
    case Opc.bswap16:
    case Opc.bswap32:
    case Opc.bswap64:
      parts.push(BSWAP_FLAGS[a[k]] ?? c64(a[k]));
      k++;
      break;
  }
  if (op.opc === Opc.brcond || op.opc === Opc.brcond2) parts.push(`$L${a[k++]}`);
  for (; k < a.length; k++) parts.push(c64(a[k]));
  return parts.length ? `${opName(op)} ${parts.join(",")}` : opName(op);
}

/** The lines QEMU's tcg_dump_ops prints for an op list (without the "OP:" heading). */
export function dumpOps(t: TempTable, ops: readonly Op[], opts: DumpOptions = {}): string[] {
  const lines: string[] = [];
  for (const op of ops) {
    if (op.opc === Opc.insn_start) lines.push("");
    lines.push(" " + formatOp(t, op, opts));
  }
  return lines;
}
