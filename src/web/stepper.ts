// The page's TCG stepper: executes a guest one bytecode op, one guest instruction or one TB at a
// time with the real interpreter, and describes where it stands (guest instruction, its TCG ops,
// its bytecode, registers and temps) as plain data the worker posts to the page.
//
// Built on the debugger's pieces in src/debug: stepBytecode (one op of the code cache, in place),
// TbInfoStore (per-TB ops, op -> bytecode ranges and temp -> slot map, from CpuExec's
// keepDebugInfo) and the QEMU-style op printer. The stepper translates its own copy of the TB at the
// current pc (breakpoints ignored) and invalidates it when it leaves, so full-speed runs never meet
// it. No DOM here: it runs in the worker, and in Node tests.
import { addObserver } from "../debug/hooks.ts";
import { stepBytecode } from "../debug/op-stepper.ts";
import { TbInfoStore, type TbDebug } from "../debug/tb-info.ts";
import type { Guest, RunOutcome } from "../embed/index.ts";
import { LOOP_EXIT } from "../exec/cpu-exec.ts";
import { TempKind, type Op } from "../tcg/context.ts";
import { Opc, Type } from "../tcg/opcodes.ts";
import { disasBytecode } from "../tci/disas.ts";
import { ENV_BUDGET } from "../tci/state.ts";
import { ABI_NAMES, PC, xslot } from "../target/riscv/cpu-state.ts";
import { disassemble } from "../target/riscv/disas.ts";

export type StepUnit = "op" | "insn" | "tb";

export interface StepRow {
  text: string;
  /** "done" (already executed in this TB), "current" (executes next), "" otherwise. */
  state: "done" | "current" | "";
}

export interface StepView {
  pc: string;
  insns: number;
  status: string;
  tb: { id: number; pc: string; icount: number; index: number } | null;
  /** The TB's guest instructions (a window around the current one). */
  guest: StepRow[];
  /** The current guest instruction's TCG ops (optimized, as -d op_opt prints them). */
  ops: StepRow[];
  /** The current guest instruction's bytecode. */
  bytecode: StepRow[];
  regs: { name: string; value: string; changed: boolean }[];
  temps: { name: string; slot: string; value: string; changed: boolean }[];
}

const hex = (v: bigint, w = 16) => BigInt.asUintN(64, v).toString(16).padStart(w, "0");
const pcOf = (d: Int32Array, i: number) => (BigInt(d[3 * i + 1] >>> 0) << 32n) | BigInt(d[3 * i] >>> 0);
const BIG = 0x3fffffff;

export class Stepper {
  private d: TbDebug | null = null;
  /** Bytecode offset of the next op to execute in the current TB. */
  private bpc = -1;
  /** Index of the guest instruction the next op belongs to. */
  private idx = 0;
  private readonly store: TbInfoStore;
  private prevRegs: bigint[] = [];
  private prevTemps = new Map<string, string>();
  private changedRegs = new Set<number>();
  private changedTemps = new Set<string>();
  status = "paused";
  /** The last stop that ended stepping (exit, fault, blocked), if any. */
  stop: RunOutcome | null = null;

  constructor(readonly guest: Guest) {
    this.store = new TbInfoStore(guest.cpu.exec, { globalName: (n) => riscvGlobalName(n) });
    this.prevRegs = guest.regs();
  }

  /** Starts change tracking afresh (after the guest ran at full speed). */
  rebase(): void {
    this.prevRegs = this.guest.regs();
    this.changedRegs.clear();
    this.changedTemps.clear();
  }

  /** Whether the stepper holds a TB (the guest is inside it). */
  get inTb(): boolean {
    return this.d !== null;
  }

  /** Makes sure the TB at the current pc is ready (translates a fresh, debug-annotated copy). */
  enter(): RunOutcome | null {
    if (this.d || this.guest.exited) return null;
    const g = this.guest;
    const exec = g.cpu.exec;
    const detach = addObserver(exec, this.store);
    let tb: number;
    try {
      tb = g.translateForStepper(true);
    } catch (e) {
      if (e !== LOOP_EXIT) throw e;
      return this.afterException();
    } finally {
      detach();
    }
    const d = this.store.get(tb);
    if (!d) throw new Error("stepper: no debug info for the TB (CpuExec keepDebugInfo missing?)");
    this.d = d;
    this.bpc = d.start;
    this.idx = 0;
    return null;
  }

  /** Leaves the current TB at an instruction boundary (before continuing at full speed). */
  leave(): void {
    const d = this.d;
    if (!d) return;
    const tbs = this.guest.cpu.exec.tbs;
    if (d.tb < tbs.count) tbs.invalidate(d.tb);
    this.d = null;
    this.guest.clearStopState();
  }

  /** Whether the next op is the first of a guest instruction (a safe place to leave the TB). */
  get atInsnBoundary(): boolean {
    const d = this.d;
    if (!d) return true;
    const offs = this.guest.cpu.exec.tbs.insnOffsets[d.tb];
    return this.bpc === offs[this.idx] || this.bpc === d.start;
  }

  /** Executes one op, one guest instruction or one TB. Returns a stop (exit, fault, blocked) or null. */
  step(unit: StepUnit): RunOutcome | null {
    this.snapshot();
    this.status = `stepped one ${unit === "insn" ? "instruction" : unit === "tb" ? "TB" : "op"}`;
    const r = this.stepInner(unit);
    this.diff();
    return r;
  }

  private stepInner(unit: StepUnit): RunOutcome | null {
    const g = this.guest;
    if (g.exited) return (this.stop = { reason: "exit", insns: 0, pc: g.pc, ...g.exited });
    if (g.faultPending) {
      // The fault reported last time is delivered now (signal handler, or death).
      this.leave();
      const r = g.deliverPendingFault();
      if (r) return (this.stop = r);
      return this.enter();
    }
    this.stop = null;
    let r = this.enter();
    if (r) return r;
    const startTb = this.d!.tb;
    const startIdx = this.idx;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const res = this.stepOp();
      if (res.stop) return (this.stop = res.stop);
      if (unit === "op") break;
      if (res.leftTb) break;
      if (unit === "insn" && (this.d!.tb !== startTb || this.idx !== startIdx)) break;
    }
    r = this.enter();
    return r;
  }

  /** One bytecode op of the current TB. */
  private stepOp(): { stop?: RunOutcome | null; leftTb?: boolean } {
    const g = this.guest;
    const cpu = g.cpu;
    const exec = cpu.exec;
    const S = exec.S;
    const d = this.d!;
    const tbs = exec.tbs;
    // A huge budget, so tb_start never exits; instret() then reads the retired count exactly.
    S.R[ENV_BUDGET] = BIG;
    cpu.sliceBudget = BIG;
    S.retaddr = this.bpc;
    let out;
    try {
      out = stepBytecode(S, this.bpc);
    } catch (e) {
      if (e !== LOOP_EXIT) throw e;
      cpu.restoreState(tbs.insnData[d.tb], this.idx);
      this.leave();
      return { stop: this.afterException(), leftTb: true };
    } finally {
      cpu.sliceBudget = 0;
      S.R[ENV_BUDGET] = 0;
    }
    if (out.exit !== undefined) {
      // The TB is left (its exit already wrote the next pc): its last instruction has retired.
      exec.insns += tbs.insnOffsets[d.tb].length - this.idx;
      this.leave();
      return { leftTb: true };
    }
    this.bpc = out.next;
    const offs = tbs.insnOffsets[d.tb];
    let i = this.idx;
    while (i + 1 < offs.length && offs[i + 1] <= this.bpc) i++;
    if (i !== this.idx) {
      exec.insns += i - this.idx;
      this.idx = i;
      // The pc global is only written at TB exits; make it precise at the instruction boundary.
      cpu.restoreState(tbs.insnData[d.tb], i);
    }
    return {};
  }

  private afterException(): RunOutcome | null {
    const exec = this.guest.cpu.exec;
    const r = this.guest.deliverException(exec.excp, exec.excpAux, exec.excpAuxHi);
    this.status = r ? r.reason : "exception handled";
    if (r) this.stop = r;
    return r;
  }

  private snapshot(): void {
    this.prevRegs = this.guest.regs();
    this.prevTemps = new Map(this.view().temps.map((t) => [t.name, t.value]));
  }
  private diff(): void {
    const now = this.guest.regs();
    this.changedRegs = new Set(now.flatMap((v, i) => (v !== this.prevRegs[i] ? [i] : [])));
    this.changedTemps = new Set(
      this.view()
        .temps.filter((t) => this.prevTemps.has(t.name) && this.prevTemps.get(t.name) !== t.value)
        .map((t) => t.name),
    );
  }

  /** The current state as plain data. */
  view(): StepView {
    const g = this.guest;
    const exec = g.cpu.exec;
    const R = exec.S.R;
    const regs = g.regs().map((v, i) => ({ name: `x${i}/${ABI_NAMES[i]}`, value: hex(v), changed: this.changedRegs.has(i) }));
    const v: StepView = {
      pc: hex(g.pc),
      insns: g.insns,
      status: this.stop ? this.stop.reason : this.status,
      tb: null,
      guest: [],
      ops: [],
      bytecode: [],
      regs,
      temps: [],
    };
    const d = this.d;
    if (!d) return v;
    const tbs = exec.tbs;
    const data = tbs.insnData[d.tb];
    const offs = tbs.insnOffsets[d.tb];
    const n = offs.length;
    v.tb = { id: d.tb, pc: hex(pcOf(data, 0)), icount: n, index: this.idx };
    const read = (pc: bigint): number | null => {
      try {
        const b = g.readMemory(pc, 2);
        const lo = b[0] | (b[1] << 8);
        if ((lo & 3) !== 3) return lo;
        const c = g.readMemory(pc + 2n, 2);
        return lo | (c[0] << 16) | (c[1] << 24);
      } catch {
        return null;
      }
    };
    const from = Math.max(0, this.idx - 6),
      to = Math.min(n, from + 14);
    for (let i = from; i < to; i++) {
      const pc = pcOf(data, i);
      const w = read(pc);
      const text = w === null ? "??" : disassemble(w, pc).text.replace(/\t/g, " ");
      v.guest.push({ text: `${hex(pc, 8)}  ${text}`, state: i === this.idx ? "current" : i < this.idx ? "done" : "" });
    }
    // The current instruction's ops (from its insn_start to the next) and their bytecode; before the
    // first instruction, the TB prologue (tb_start).
    const prologue = this.bpc < offs[0];
    const k0 = prologue ? 0 : TbInfoStore.insnStartOp(d, this.idx);
    let k1 = d.ops.length;
    for (let k = k0 + 1; k < d.ops.length; k++)
      if (d.ops[k].opc === Opc.insn_start) {
        k1 = k;
        break;
      }
    const cur = new Set(this.store.opsAt(d, this.bpc));
    for (let k = k0; k < k1; k++) {
      if (k < 0) continue;
      const done = d.opEnd[k] <= this.bpc && d.opEnd[k] > d.opStart[k] && !cur.has(k);
      v.ops.push({ text: this.store.opText(d, k), state: cur.has(k) ? "current" : done ? "done" : "" });
    }
    const slotName = this.slotNamer(d);
    const bStart = prologue ? d.start : offs[this.idx],
      bEnd = prologue ? offs[0] : this.idx + 1 < n ? offs[this.idx + 1] : d.end;
    for (let pc = bStart; pc < bEnd;) {
      const { text, len } = disasBytecode(exec.S.code, pc, slotName);
      v.bytecode.push({ text: `@${pc}  ${text}`, state: pc === this.bpc ? "current" : pc < this.bpc ? "done" : "" });
      pc += len;
    }
    if (bStart === bEnd) v.bytecode.push({ text: "(no bytecode: the optimizer folded this instruction into others)", state: "" });
    // The TB temps the current instruction's ops use, with their values.
    const seen = new Set<number>();
    for (let k = Math.max(0, k0); k < k1; k++) {
      const op: Op = d.ops[k];
      for (let i = 0; i < op.nOut + op.nIn; i++) {
        const t = op.args[i];
        if (seen.has(t) || d.temps.kind[t] !== TempKind.Tb || d.slot[t] < 0) continue;
        seen.add(t);
        const s = d.slot[t];
        const val = d.temps.type[t] === Type.I64 ? hex((BigInt(R[s + 1]) << 32n) | BigInt(R[s] >>> 0)) : hex(BigInt(R[s] >>> 0), 8);
        const name = this.store.tempName(d, t);
        v.temps.push({
          name,
          slot: d.temps.type[t] === Type.I64 ? `r${s}:r${s + 1}` : `r${s}`,
          value: val,
          changed: this.changedTemps.has(name),
        });
      }
    }
    return v;
  }

  /** Names R slots in bytecode listings: globals by guest name, temps as tmpN, the rest rN. */
  private slotNamer(d: TbDebug): (s: number) => string {
    const names = new Map<number, string>();
    names.set(ENV_BUDGET, "budget");
    names.set(PC, "pc");
    for (let i = 1; i < 32; i++) names.set(xslot(i), `x${i}/${ABI_NAMES[i]}`);
    for (let t = d.temps.nGlobals; t < d.temps.kind.length; t++) {
      const s = d.slot[t];
      if (s >= 0 && d.temps.kind[t] === TempKind.Tb && !names.has(s)) names.set(s, this.store.tempName(d, t));
    }
    return (s) => names.get(s) ?? `r${s}`;
  }
}

function riscvGlobalName(n: string): string {
  const m = /^x(\d+)$/.exec(n);
  return m ? `x${m[1]}/${ABI_NAMES[+m[1]]}` : n;
}
