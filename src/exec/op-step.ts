// The single-op executor behind the engine's op stepping (CpuExec.stepBytecode): runs exactly one
// bytecode instruction of the code cache and says where execution goes next, without touching the
// interpreter's hot loop.
//
// Control ops (branches, TB exits, chaining, the budget check) are decided here. Every other op is
// run by the real interpreter, in place: the two words after the instruction are replaced by
// `exit_tb MAGIC` for the duration of one tciExec call and then restored. Running in place keeps
// the op's code offset, which helpers and the softmmu slow path use as their return address
// (S.retaddr / retaddr) to restore precise guest state on a fault, so faults inside a stepped op
// unwind exactly as in a full-speed run. A non-control op is never the last instruction of a TB, so
// the patch starts inside the TB; its second word may fall on the next TB's first word (after a
// one-word goto_ptr), which is restored before anything else runs, and the encoder leaves one spare
// word at the end of the code cache so that it never falls off the cache.
import { Cond } from "../tcg/opcodes.ts";
import { evalCond } from "../tcg/semantics.ts";
import { tciExec } from "../tci/interpreter.ts";
import { BC_NAMES, BC_WORDS, Bc } from "../tci/opcodes.ts";
import { OP_MASK, insnWordsAt, operandAt } from "../tci/format.ts";
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
  table[Bc.br] = (S, pc) => ({ next: operandAt(S.code, pc, 0) });
  table[Bc.brcond2_i32] = (S, pc) => {
    const C = S.code,
      R = S.R;
    const o = (i: number) => operandAt(C, pc, i);
    const a = (BigInt(R[o(1)]) << 32n) | BigInt(R[o(0)] >>> 0);
    const b = (BigInt(R[o(3)]) << 32n) | BigInt(R[o(2)] >>> 0);
    return { next: evalCond(64, o(4), a, b) ? o(5) : pc + BC_WORDS[Bc.brcond2_i32] };
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
      const x = operandAt(C, pc, 0),
        y = operandAt(C, pc, 1);
      const a = w === 64 ? i64v(R, x) : i32v(R, x);
      const b = imm ? BigInt(y) : w === 64 ? i64v(R, y) : i32v(R, y);
      return { next: evalCond(w, cond, a, b) ? operandAt(C, pc, 2) : pc + BC_WORDS[op] };
    };
  });
  table[Bc.tb_start] = (S, pc) => {
    const left = (S.R[0] - operandAt(S.code, pc, 0)) | 0;
    if (left < 0) return { exit: EXIT_REQUESTED_BASE - operandAt(S.code, pc, 1) };
    S.R[0] = left;
    return { next: pc + BC_WORDS[Bc.tb_start] };
  };
  // The debugger never follows a chain: it falls through to the TB's own exit (pc update + exit_tb),
  // which is what an unchained goto_tb does, and starts the next TB itself.
  table[Bc.goto_tb] = (_S, pc) => ({ next: pc + BC_WORDS[Bc.goto_tb] });
  table[Bc.exit_tb] = (S, pc) => ({ exit: operandAt(S.code, pc, 0) });
  table[Bc.goto_ptr] = () => ({ exit: EXIT_NOCHAIN });
  table[Bc.lookup_tb] = () => ({ exit: EXIT_NOCHAIN });
  return table;
}

const CONTROL = buildControl();
const MAGIC = 0x7ffe1234;

/** Length in words of the instruction at pc. */
export function insnLength(code: Int32Array, pc: number): number {
  const n = insnWordsAt(code, pc);
  if (n === 0) throw new Error(`op-step: bad opcode ${code[pc] & OP_MASK} at ${pc}`);
  return n;
}

/** True for the ops the stepper decides itself (branches and TB control). */
export function isControlOp(code: Int32Array, pc: number): boolean {
  return CONTROL[code[pc] & OP_MASK] !== null;
}

/**
 * Executes the one bytecode instruction at `pc`. Faults propagate exactly as from tciExec (the
 * CpuExec's LOOP_EXIT, with S.retaddr / the slow path's retaddr pointing at `pc`).
 */
export function stepBytecode(S: TciState, pc: number): OpOutcome {
  const C = S.code;
  const ctl = CONTROL[C[pc] & OP_MASK];
  if (ctl === undefined) throw new Error(`op-step: bad opcode ${C[pc] & OP_MASK} at ${pc}`);
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
  if (r !== MAGIC)
    throw new Error(`op-step: ${BC_NAMES[C[pc] & OP_MASK]} at ${pc} left through exit value ${r} instead of falling through`);
  return { next };
}

/** Where a lookup_tb at pc would jump (the jump cache hit), or -1: for display only. */
export function lookupTarget(S: TciState, pc: number): number {
  const C = S.code;
  const s = operandAt(C, pc, 0);
  const lo = S.R[s];
  const h = jcIndex(lo);
  const t = S.jcCode[h];
  return t >= 0 &&
    S.jcLo[h] === lo &&
    S.jcHi[h] === S.R[s + 1] &&
    S.jcCsBase[h] === S.R[operandAt(C, pc, 1)] &&
    S.jcFlags[h] === S.R[operandAt(C, pc, 2)]
    ? t
    : -1;
}
