// The stepping debugger's engine, as a typed library API over a CpuExec:
//
//   const st = new Stepper(cpu.exec, { arch: new RiscvDebugArch(), readMem });
//   st.stepOp();          // one TCG op of the current TB (its bytecode, inputs before, outputs after)
//   st.stepInsn();        // one guest instruction (op steps up to the next instruction boundary)
//   st.stepTb();          // the rest of the current TB, or one whole TB
//   st.cont(budget, run); // full speed (run = the engine's CpuExec.run) until a breakpoint,
//                         // a watchpoint, an exception or the budget
//
// Op steps execute the TB's bytecode one instruction at a time with op-stepper.ts, so stepping and
// running at full speed go through the same bytecode and give the same results (test/debug). A TB
// being op-stepped is charged its instructions at tb_start exactly as the interpreter does, and a
// fault inside it is unwound to the faulting instruction as CpuExec does, so instruction counts,
// the instret/cycle/time CSRs and precise exceptions match a full-speed run.
//
// Guest exceptions (syscalls, faults) are not handled here: a step or run that raises one returns
// { kind: "exception" } with exec.excp set and the pc at the instruction, and whoever drives the CPU
// (LinuxProcess, through DebugSession) handles it.
import { LOOP_EXIT, MAX_INSNS_PER_TB, type CpuExec, Stop } from "../exec/cpu-exec.ts";
import { Opc, Type } from "../tcg/opcodes.ts";
import { disasBytecode } from "../tci/disas.ts";
import { ENV_BUDGET } from "../tci/state.ts";
import { addObserver, type RunFn } from "./hooks.ts";
import { insnLength, stepBytecode } from "./op-stepper.ts";
import type { DebugArch, MemReader } from "./riscv.ts";
import { TbInfoStore, type TbDebug } from "./tb-info.ts";

export type StopReason =
  | { kind: "start" }
  | { kind: "step" }
  | { kind: "breakpoint"; pc: bigint }
  | { kind: "watchpoint"; addr: number; len: number; old: Uint8Array; now: Uint8Array }
  | { kind: "exception"; excp: number }
  | { kind: "budget" }
  | { kind: "interrupt" };

export interface Watchpoint {
  addr: number;
  len: number;
  last: Uint8Array;
}

export interface ValueView {
  name: string;
  /** null for an operand that has no value (a label, an unreadable slot). */
  value: bigint | null;
  bits: 32 | 64;
}

export interface BytecodeView {
  pc: number;
  text: string;
  words: number[];
}

/** What one stepOp() did. */
export interface OpStep {
  tb: number;
  /** Guest pc of the instruction the op belongs to. */
  insnPc: bigint;
  /** The IR ops executed (usually one; two for a fused pair; none if the TB has no debug info). */
  ops: { index: number; text: string }[];
  bytecode: BytecodeView[];
  inputs: ValueView[];
  outputs: ValueView[];
  /** A guest instruction completed with this step (the next op belongs to another instruction). */
  insnDone: boolean;
  /** The TB was left (exit_tb, lookup, goto_ptr) or an exception ended it. */
  tbDone: boolean;
  /** TB exit value as tciExec would return it (when tbDone without exception). */
  exitValue?: number;
  stop?: StopReason;
}

export interface StepperOptions {
  arch: DebugArch;
  readMem: MemReader;
  /**
   * Told the budget of each slice the stepper runs (RiscvCpu.sliceBudget: the instret/cycle/time
   * CSRs are computed from it and the budget slot while a TB runs).
   */
  setSliceBudget?: (n: number) => void;
  /** Polled while running at full speed; return true to stop with { kind: "interrupt" }. */
  interrupted?: () => boolean;
}

/** The budget an op-stepped TB runs under (tb_start subtracts the TB's length from it). */
const OPSTEP_BUDGET = 1 << 29;
/** Instructions run between interrupt polls when running at full speed. */
const CHUNK = 1 << 20;

const i64 = (R: Int32Array, s: number) => (BigInt(R[s + 1] >>> 0) << 32n) | BigInt(R[s] >>> 0);

interface Position {
  tb: number;
  pc: number;
  insn: number;
  debug: TbDebug | undefined;
}

export class Stepper {
  readonly info: TbInfoStore;
  readonly breakpoints = new Set<number>();
  readonly watchpoints: Watchpoint[] = [];
  private cur: Position | null = null;
  private readonly detachObserver: () => void;
  private savedSinglestep: boolean | null = null;
  private globalSlotNames = new Map<number, string>();

  constructor(
    readonly exec: CpuExec,
    readonly opts: StepperOptions,
  ) {
    exec.opts.keepDebugInfo = true;
    this.info = new TbInfoStore(exec, { globalName: (n) => opts.arch.globalName(n) });
    this.detachObserver = addObserver(exec, this.info);
    const ctx = exec.ctx;
    for (let g = 0; g < ctx.nGlobals; g++) {
      const s = ctx.slot[g];
      if (!this.globalSlotNames.has(s)) this.globalSlotNames.set(s, opts.arch.globalName(ctx.name[g]));
    }
  }

  /** Stops collecting debug info (the stepper must not be used afterwards). */
  dispose(): void {
    this.detachObserver();
    this.useSinglestepTbs(false);
    this.exec.opts.keepDebugInfo = false;
  }

  // ---- where we are

  /** True while a TB is being op-stepped (its remaining ops have not run yet). */
  get midTb(): boolean {
    return this.cur !== null;
  }

  /** The TB being op-stepped and the code offset of its next op, if any. */
  get position(): { tb: number; pc: number; insn: number; debug: TbDebug | undefined } | null {
    return this.cur ? { ...this.cur } : null;
  }

  /** Guest pc of the next instruction to execute (also mid-TB, from the TB's insn_start data). */
  pc(): bigint {
    const c = this.cur;
    if (c) {
      const d = this.exec.tbs.insnData[c.tb];
      return (BigInt(d[c.insn * 3 + 1] >>> 0) << 32n) | BigInt(d[c.insn * 3] >>> 0);
    }
    return i64(this.exec.S.R, this.opts.arch.pcSlot);
  }

  private pcNum(): number {
    return Number(this.pc());
  }

  // ---- stepping by op

  /**
   * Executes one TCG op (the bytecode instructions it was encoded into) of the current TB. With
   * `detail` false the returned step has no texts or values (faster, for stepping many ops).
   */
  stepOp(detail = true): OpStep {
    if (!this.cur) {
      const stop = this.enterTb();
      if (stop) return { tb: -1, insnPc: this.pc(), ops: [], bytecode: [], inputs: [], outputs: [], insnDone: true, tbDone: true, stop };
    }
    const cur = this.cur!;
    const S = this.exec.S;
    const d = cur.debug;
    const insnPc = detail ? this.pc() : 0n;
    const group = d ? this.info.groupAt(d, cur.pc) : null;
    const end = group && group.end > cur.pc ? group.end : cur.pc + insnLength(S.code, cur.pc);
    const opIdx = group ? group.ops : [];
    const step: OpStep = { tb: cur.tb, insnPc, ops: [], bytecode: [], inputs: [], outputs: [], insnDone: false, tbDone: false };
    const names = detail ? this.slotNamer(d, opIdx) : null;
    if (detail && d) {
      step.ops = opIdx.map((k) => ({ index: k, text: this.info.opText(d, k) }));
      step.inputs = this.operandValues(d, opIdx, "in");
    }
    for (;;) {
      const pc = cur.pc;
      const len = insnLength(S.code, pc);
      if (names) step.bytecode.push({ pc, text: disasBytecode(S.code, pc, names).text, words: Array.from(S.code.subarray(pc, pc + len)) });
      let out;
      try {
        out = stepBytecode(S, pc);
      } catch (e) {
        if (e !== LOOP_EXIT) throw e;
        this.unwind(pc);
        step.insnDone = step.tbDone = true;
        step.stop = { kind: "exception", excp: this.exec.excp };
        return step;
      }
      if (out.exit !== undefined) {
        this.leaveTb(out.exit);
        if (detail && d) step.outputs = this.operandValues(d, opIdx, "out");
        step.insnDone = step.tbDone = true;
        step.exitValue = out.exit;
        return step;
      }
      cur.pc = out.next;
      if (out.next !== pc + len || out.next >= end) break;
    }
    if (detail && d) step.outputs = this.operandValues(d, opIdx, "out");
    const insn = this.insnIndexAt(cur.tb, cur.pc, cur.insn);
    if (insn !== cur.insn) {
      cur.insn = insn;
      step.insnDone = true;
    }
    return step;
  }

  /**
   * One guest instruction with precise guest state afterwards (gdb's stepi): at a TB boundary it
   * runs a one-instruction TB through `run` (the engine), so no op of the next instruction has been
   * folded into it; inside a TB being op-stepped it finishes the current instruction by ops.
   */
  stepInsnExact(run: RunFn): StopReason {
    if (this.cur) return this.stepInsn();
    this.opts.setSliceBudget?.(1);
    const stop = run(1);
    if (stop === Stop.Exception) return { kind: "exception", excp: this.exec.excp };
    return { kind: "step" };
  }

  /** Op-steps to the end of the TB being stepped, if any (before handing the CPU back to the engine). */
  finishTb(): StopReason | null {
    while (this.cur) {
      const s = this.stepOp(false);
      if (s.stop) return s.stop;
    }
    return null;
  }

  /** Steps ops until the current guest instruction is complete. */
  stepInsn(onOp?: (s: OpStep) => void): StopReason {
    for (;;) {
      const s = this.stepOp(onOp !== undefined);
      onOp?.(s);
      if (s.stop) return s.stop;
      if (s.insnDone) return { kind: "step" };
    }
  }

  /** Steps ops until the current TB is left (one whole TB when none is being stepped). */
  stepTb(onOp?: (s: OpStep) => void): StopReason {
    for (;;) {
      const s = this.stepOp(onOp !== undefined);
      onOp?.(s);
      if (s.stop) return s.stop;
      if (s.tbDone) return { kind: "step" };
    }
  }

  // ---- running

  /**
   * Runs up to `budget` instructions with `run` (the engine's CpuExec.run, not an intercepted one)
   * until a breakpoint, a watchpoint change, an exception, an interrupt or the budget. A breakpoint
   * at the starting pc is not reported when `skipBreakpointAt` is that pc (resuming from it).
   */
  cont(budget: number, run: RunFn, skipBreakpointAt = -1): StopReason {
    const exec = this.exec;
    const start = exec.insns;
    let skip = skipBreakpointAt;
    // Finish the TB being op-stepped first, an instruction at a time so that its breakpoints and
    // watchpoints are seen.
    while (this.cur) {
      const r = this.stepInsn();
      if (r.kind !== "step") return r;
      const w = this.checkWatchpoints();
      if (w) return w;
      if (this.breakpoints.has(this.pcNum())) return { kind: "breakpoint", pc: this.pc() };
      skip = -1;
    }
    const hit = this.checkWatchpoints();
    if (hit) return hit;
    const wantSingle = this.watchpoints.length > 0;
    this.useSinglestepTbs(wantSingle);
    for (;;) {
      const left = budget - (exec.insns - start);
      if (left <= 0) return { kind: "budget" };
      if (this.opts.interrupted?.()) return { kind: "interrupt" };
      const pc = this.pcNum();
      if (pc !== skip && this.breakpoints.has(pc)) return { kind: "breakpoint", pc: BigInt(pc) };
      skip = -1;
      let n = Math.min(left, CHUNK);
      if (wantSingle) n = 1;
      else if (this.breakpoints.size) {
        const r = this.tbAtPc();
        if (typeof r !== "number") return r;
        n = Math.min(n, this.insnsBeforeBreakpoint(r));
      }
      this.opts.setSliceBudget?.(n);
      const before = exec.insns;
      const stop = run(n);
      if (stop === Stop.Exception) return { kind: "exception", excp: exec.excp };
      // The engine left early only because an exit was requested (a WFI, an interrupt that became
      // deliverable, a device stopping the machine): hand control back to whoever drives the CPU.
      if (exec.insns - before < n) return { kind: "budget" };
      if (wantSingle) {
        const w = this.checkWatchpoints();
        if (w) return w;
      }
    }
  }

  // ---- breakpoints and watchpoints

  addBreakpoint(pc: number): void {
    this.breakpoints.add(pc);
  }
  removeBreakpoint(pc: number): boolean {
    return this.breakpoints.delete(pc);
  }
  /** Watches guest memory [addr, addr+len): a run stops after an instruction that changes it. */
  addWatchpoint(addr: number, len: number): Watchpoint | null {
    const last = this.opts.readMem(addr, len);
    if (!last) return null;
    const w = { addr, len, last: last.slice() };
    this.watchpoints.push(w);
    return w;
  }
  removeWatchpoint(addr: number): boolean {
    const i = this.watchpoints.findIndex((w) => w.addr === addr);
    if (i < 0) return false;
    this.watchpoints.splice(i, 1);
    if (this.watchpoints.length === 0) this.useSinglestepTbs(false);
    return true;
  }

  /** Reports (and re-arms) the first watchpoint whose bytes changed since it was last seen. */
  checkWatchpoints(): StopReason | null {
    for (const w of this.watchpoints) {
      const now = this.opts.readMem(w.addr, w.len);
      if (!now) continue;
      let same = true;
      for (let i = 0; i < w.len; i++) if (now[i] !== w.last[i]) same = false;
      if (!same) {
        const old = w.last;
        w.last = now.slice();
        return { kind: "watchpoint", addr: w.addr, len: w.len, old, now: w.last };
      }
    }
    return null;
  }

  // ---- inspection

  /** The current TB's ops with the position marked: for `info tb`. */
  currentTbListing(): string[] {
    const c = this.cur;
    if (!c) return [];
    const d = c.debug;
    const S = this.exec.S;
    if (!d) {
      const lines: string[] = [];
      for (let pc = this.exec.tbs.codeStart[c.tb]; pc < this.exec.tbs.codeEnd[c.tb]; pc += insnLength(S.code, pc))
        lines.push(`${pc === c.pc ? "=>" : "  "} ${disasBytecode(S.code, pc).text}`);
      return lines;
    }
    const here = new Set(this.info.opsAt(d, c.pc));
    return d.ops.map((op, k) => {
      const text = this.info.opText(d, k);
      const mark = here.has(k) ? "=>" : "  ";
      return op.opc === Opc.insn_start ? `${mark} ${text}` : `${mark}  ${text}`;
    });
  }

  /** TB temps of the current TB with their slots and values (only meaningful while they are live). */
  temps(): { name: string; slot: number; value: bigint; live: boolean; type: Type }[] {
    const c = this.cur;
    if (!c || !c.debug) return [];
    const d = c.debug;
    const here = this.info.opsAt(d, c.pc);
    const k = here.length ? here[0] : this.nextOpIndex(d, c.pc);
    return this.info.tbTemps(d).map((t) => ({
      name: this.info.tempName(d, t),
      slot: d.slot[t],
      value: this.info.tempValue(d, t) ?? 0n,
      live: k > d.firstUse[t] && k <= d.lastUse[t],
      type: d.temps.type[t],
    }));
  }

  // ---- internals

  /** Finds or translates the TB at the current pc (with debug info) and starts op-stepping it. */
  private enterTb(): StopReason | null {
    const exec = this.exec;
    const tbs = exec.tbs;
    const R = exec.S.R;
    const { pcSlot, flagsSlot } = this.opts.arch;
    const lo = R[pcSlot],
      hi = R[pcSlot + 1],
      flags = R[flagsSlot];
    let tb = tbs.lookup(lo, hi, flags);
    if (tb >= 0 && !this.info.get(tb)) {
      tbs.invalidate(tb); // translated before the stepper was attached: redo it with debug info
      tb = -1;
    }
    if (tb < 0) {
      try {
        tb = exec.translate(lo, hi, flags, exec.opts.singlestep ? 1 : MAX_INSNS_PER_TB);
      } catch (e) {
        if (e !== LOOP_EXIT) throw e;
        return { kind: "exception", excp: exec.excp };
      }
      tbs.jcInsert(tb);
    }
    R[ENV_BUDGET] = OPSTEP_BUDGET;
    this.opts.setSliceBudget?.(OPSTEP_BUDGET);
    exec.observer?.enterTb?.(tb);
    this.cur = { tb, pc: tbs.codeStart[tb], insn: 0, debug: this.info.get(tb) };
    return null;
  }

  /** The TB left normally: account its instructions as CpuExec.run does. */
  private leaveTb(exitValue: number): void {
    const exec = this.exec;
    exec.insns += OPSTEP_BUDGET - Math.max(0, exec.S.R[ENV_BUDGET]);
    exec.tbExits++;
    if (exitValue >= 0) exec.tbExitsChainable++;
    this.cur = null;
  }

  /** A fault at code offset pc: precise state and instruction count, as CpuExec.unwind. */
  private unwind(pc: number): void {
    const exec = this.exec;
    const c = this.cur!;
    const tbs = exec.tbs;
    const idx = this.insnIndexAt(c.tb, pc);
    exec.target.restoreState(tbs.insnData[c.tb], idx);
    exec.S.R[ENV_BUDGET] += tbs.icount[c.tb] - idx;
    exec.insns += OPSTEP_BUDGET - Math.max(0, exec.S.R[ENV_BUDGET]);
    this.cur = null;
  }

  /** Index of the guest instruction whose bytecode holds pc (searching forward from `from`). */
  private insnIndexAt(tb: number, pc: number, from = 0): number {
    const offs = this.exec.tbs.insnOffsets[tb];
    let idx = from < offs.length && offs[from] <= pc ? from : 0;
    while (idx + 1 < offs.length && offs[idx + 1] <= pc) idx++;
    return idx;
  }

  private nextOpIndex(d: TbDebug, pc: number): number {
    for (let k = 0; k < d.ops.length; k++) if (d.opStart[k] >= pc && d.opEnd[k] > d.opStart[k]) return k;
    return d.ops.length;
  }

  /** The TB for the current pc (translating it if needed), or the exception translation raised. */
  private tbAtPc(): number | StopReason {
    const exec = this.exec;
    const tbs = exec.tbs;
    const R = exec.S.R;
    const { pcSlot, flagsSlot } = this.opts.arch;
    const lo = R[pcSlot],
      hi = R[pcSlot + 1],
      flags = R[flagsSlot];
    let tb = tbs.jcLookup(lo, hi, flags);
    if (tb < 0) tb = tbs.lookup(lo, hi, flags);
    if (tb < 0) {
      try {
        tb = exec.translate(lo, hi, flags, exec.opts.singlestep ? 1 : MAX_INSNS_PER_TB);
      } catch (e) {
        if (e !== LOOP_EXIT) throw e;
        return { kind: "exception", excp: exec.excp };
      }
      tbs.jcInsert(tb);
    }
    return tb;
  }

  /** How many of a TB's instructions run before one that has a breakpoint (its length if none). */
  private insnsBeforeBreakpoint(tb: number): number {
    const tbs = this.exec.tbs;
    const data = tbs.insnData[tb];
    const n = tbs.icount[tb];
    for (let i = 1; i < n; i++) {
      const pc = (data[i * 3 + 1] >>> 0) * 4294967296 + (data[i * 3] >>> 0);
      if (this.breakpoints.has(pc)) return i;
    }
    return n;
  }

  /** While watchpoints exist, TBs are one instruction long so that every instruction can be checked. */
  private useSinglestepTbs(on: boolean): void {
    const exec = this.exec;
    if (on && this.savedSinglestep === null) {
      this.savedSinglestep = exec.opts.singlestep;
      if (!exec.opts.singlestep) {
        exec.opts.singlestep = true;
        this.flushTbs();
      }
    } else if (!on && this.savedSinglestep !== null) {
      const was = this.savedSinglestep;
      this.savedSinglestep = null;
      if (!was) {
        exec.opts.singlestep = false;
        this.flushTbs();
      }
    }
  }

  private flushTbs(): void {
    if (this.cur) return; // never while a TB is being stepped; the next call retries
    this.exec.tbs.flush();
    this.exec.onFlush?.();
  }

  private slotNamer(d: TbDebug | undefined, opIdx: number[]): (s: number) => string {
    const local = new Map<number, string>();
    if (d)
      for (const k of opIdx) {
        const op = d.ops[k];
        for (let i = 0; i < op.nOut + op.nIn; i++) {
          const t = op.args[i];
          if (d.slot[t] >= 0 && t >= d.temps.nGlobals) local.set(d.slot[t], this.info.tempName(d, t));
        }
      }
    return (s) => local.get(s) ?? this.globalSlotNames.get(s) ?? `r${s}`;
  }

  private operandValues(d: TbDebug, opIdx: number[], which: "in" | "out"): ValueView[] {
    const seen = new Set<number>();
    const r: ValueView[] = [];
    for (const k of opIdx) {
      const op = d.ops[k];
      const from = which === "in" ? op.nOut : 0;
      const to = which === "in" ? op.nOut + op.nIn : op.nOut;
      for (let i = from; i < to; i++) {
        const t = op.args[i];
        if (seen.has(t) || d.temps.kind[t] === 2 /* Const */) continue;
        seen.add(t);
        r.push({ name: this.info.tempName(d, t), value: this.info.tempValue(d, t), bits: d.temps.type[t] === Type.I64 ? 64 : 32 });
      }
    }
    return r;
  }
}
