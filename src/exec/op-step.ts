// The single-op executor behind the engine's op stepping (CpuExec.stepBytecode): runs exactly one
// bytecode instruction of the code cache and says where execution goes next, without touching the
// interpreter's hot loop.
//
// Control ops (branches, TB exits, chaining, the budget check) are decided here. Every other op is
// run by the real interpreter, in place: the two words after the instruction are replaced by
// `exit_tb MAGIC` for the duration of one tciExec call and then restored. Running in place keeps
// the op's code offset, which helpers and the softmmu slow path use as their return address
// (S.retaddr / retaddr) to restore precise guest state on a fault, so faults inside a stepped op
// unwind exactly as in a full-speed run. Every instruction is at least two words long, and a
// non-control op is never the last instruction of a TB, so the patch stays inside the TB.
import { Cond } from "../tcg/opcodes.ts";
import { evalCond } from "../tcg/semantics.ts";
import { tciExec } from "../tci/interpreter.ts";
import { BC_NAMES, BC_OPERANDS, Bc } from "../tci/opcodes.ts";
import { EXIT_NOCHAIN, EXIT_REQUESTED_BASE, jcIndex, type TciState } from "../tci/state.ts";

/** Outcome of one instruction: continue at `next`, or the TB was left with `exit` (as tciExec returns). */
export type OpOutcome = { next: number; exit?: undefined } | { exit: number; next?: undefined };

/** What a control op does; null for ops the interpreter runs in place. */
type Control = (S: TciState, pc: number) => OpOutcome;

const COND_BY_SUFFIX: Record<string, Cond> = {
  eq: Cond.EQ,
  ne: Cond.NE,
  lt: Cond.LT,
  ge: Cond.GE,
  le: Cond.LE,
  gt: Cond.GT,
  ltu: Cond.LTU,
  geu: Cond.GEU,
  leu: Cond.LEU,
  gtu: Cond.GTU,
  tsteq: Cond.TSTEQ,
  tstne: Cond.TSTNE,
};

const i32v = (R: Int32Array, s: number) => BigInt(R[s]);
const i64v = (R: Int32Array, s: number) => (BigInt(R[s + 1]) << 32n) | BigInt(R[s] >>> 0);

function buildControl(): (Control | null)[] {
  const table: (Control | null)[] = BC_NAMES.map(() => null);
  table[Bc.br] = (S, pc) => ({ next: S.code[pc + 1] });
  table[Bc.brcond2_i32] = (S, pc) => {
    const C = S.code,
      R = S.R;
    const a = (BigInt(R[C[pc + 2]]) << 32n) | BigInt(R[C[pc + 1]] >>> 0);
    const b = (BigInt(R[C[pc + 4]]) << 32n) | BigInt(R[C[pc + 3]] >>> 0);
    return { next: evalCond(64, C[pc + 5], a, b) ? C[pc + 6] : pc + 7 };
  };
  BC_NAMES.forEach((name, op) => {
    const m = /^brcond(i?)_([a-z]+)_(i32|i64)$/.exec(name);
    if (!m) return;
    const imm = m[1] === "i",
      cond = COND_BY_SUFFIX[m[2]],
      w = m[3] === "i64" ? 64 : 32;
    table[op] = (S, pc) => {
      const C = S.code,
        R = S.R;
      const a = w === 64 ? i64v(R, C[pc + 1]) : i32v(R, C[pc + 1]);
      const b = imm ? BigInt(C[pc + 2]) : w === 64 ? i64v(R, C[pc + 2]) : i32v(R, C[pc + 2]);
      return { next: evalCond(w, cond, a, b) ? C[pc + 3] : pc + 4 };
    };
  });
  table[Bc.tb_start] = (S, pc) => {
    const left = (S.R[0] - S.code[pc + 1]) | 0;
    if (left < 0) return { exit: EXIT_REQUESTED_BASE - S.code[pc + 2] };
    S.R[0] = left;
    return { next: pc + 3 };
  };
  // The debugger never follows a chain: it falls through to the TB's own exit (pc update + exit_tb),
  // which is what an unchained goto_tb does, and starts the next TB itself.
  table[Bc.goto_tb] = (_S, pc) => ({ next: pc + 2 });
  table[Bc.exit_tb] = (S, pc) => ({ exit: S.code[pc + 1] });
  table[Bc.goto_ptr] = () => ({ exit: EXIT_NOCHAIN });
  table[Bc.lookup_tb] = () => ({ exit: EXIT_NOCHAIN });
  return table;
}

const CONTROL = buildControl();
const MAGIC = 0x7ffe1234;

/** Length in words of the instruction at pc. */
export function insnLength(code: Int32Array, pc: number): number {
  const letters = BC_OPERANDS[code[pc]];
  if (letters === undefined) throw new Error(`op-step: bad opcode ${code[pc]} at ${pc}`);
  return 1 + letters.length;
}

/** True for the ops the stepper decides itself (branches and TB control). */
export function isControlOp(code: Int32Array, pc: number): boolean {
  return CONTROL[code[pc]] !== null;
}

/**
 * Executes the one bytecode instruction at `pc`. Faults propagate exactly as from tciExec (the
 * CpuExec's LOOP_EXIT, with S.retaddr / the slow path's retaddr pointing at `pc`).
 */
export function stepBytecode(S: TciState, pc: number): OpOutcome {
  const C = S.code;
  const ctl = CONTROL[C[pc]];
  if (ctl === undefined) throw new Error(`op-step: bad opcode ${C[pc]} at ${pc}`);
  if (ctl) return ctl(S, pc);
  const next = pc + insnLength(C, pc);
  const save0 = C[next],
    save1 = C[next + 1];
  C[next] = Bc.exit_tb;
  C[next + 1] = MAGIC;
  let r: number;
  try {
    r = tciExec(S, pc);
  } finally {
    C[next] = save0;
    C[next + 1] = save1;
  }
  if (r !== MAGIC) throw new Error(`op-step: ${BC_NAMES[C[pc]]} at ${pc} left through exit value ${r} instead of falling through`);
  return { next };
}

/** Where a lookup_tb at pc would jump (the jump cache hit), or -1: for display only. */
export function lookupTarget(S: TciState, pc: number): number {
  const s = S.code[pc + 1];
  const lo = S.R[s];
  const h = jcIndex(lo);
  const t = S.jcCode[h];
  const C = S.code;
  return t >= 0 && S.jcLo[h] === lo && S.jcHi[h] === S.R[s + 1] && S.jcCsBase[h] === S.R[C[pc + 2]] && S.jcFlags[h] === S.R[C[pc + 3]]
    ? t
    : -1;
}
