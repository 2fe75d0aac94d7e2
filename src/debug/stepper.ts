// The stepping core every debugger front end shares (the CLI debugger, the gdb stub, the page's
// stepper): the engine's run control (CpuExec: stepBytecode, stepInsn, execute, breakpoints,
// watchpoints) seen through the TB's IR, so that a step can be one TCG op with its bytecode, its
// inputs before and its outputs after.
//
//   const st = new Stepper(cpu.exec, { arch, readMem });
//   st.stepOp();          // one TCG op of the current TB (its bytecode, inputs before, outputs after)
//   st.stepInsn();        // one guest instruction (op steps up to the next instruction boundary)
//   st.stepTb();          // the rest of the current TB, or one whole TB
//   st.cont(budget);      // full speed until a breakpoint, a watchpoint, an exception or the budget
//
// Stepping and running at full speed execute the same bytecode through the same engine, so they
// give the same results, instruction counts and precise exceptions (test/debug).
//
// Guest exceptions (syscalls, faults) are not handled here: a step or run that raises one returns
// { kind: "exception" } with exec.excp set and the pc at the instruction, and whoever drives the CPU
// (LinuxProcess, through DebugSession) handles it.
import { Stop, type BytecodeStep, type CpuExec } from "../exec/cpu-exec.ts";
import { insnLength } from "../exec/op-step.ts";
import { Opc, Type } from "../tcg/opcodes.ts";
import { disasBytecode } from "../tci/disas.ts";
import type { DebugArch, MemReader } from "../exec/debug-arch.ts";
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
  /** The engine's watchpoint id. */
  id: number;
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
  /** Polled while running at full speed; return true to stop with { kind: "interrupt" }. */
  interrupted?: () => boolean;
}

/** Instructions run between interrupt polls when running at full speed. */
const CHUNK = 1 << 20;

export class Stepper {
  readonly info: TbInfoStore;
  readonly watchpoints: Watchpoint[] = [];
  private readonly detachObserver: () => void;
  private readonly keptDebugInfo: boolean;
  private globalSlotNames = new Map<number, string>();

  constructor(
    readonly exec: CpuExec,
    readonly opts: StepperOptions,
  ) {
    this.keptDebugInfo = exec.opts.keepDebugInfo;
    exec.opts.keepDebugInfo = true;
    this.info = new TbInfoStore(exec, { globalName: (n) => opts.arch.globalName(n) });
    this.detachObserver = exec.addObserver(this.info);
    const ctx = exec.ctx;
    for (let g = 0; g < ctx.nGlobals; g++) {
      const s = ctx.slot[g];
      if (!this.globalSlotNames.has(s)) this.globalSlotNames.set(s, opts.arch.globalName(ctx.name[g]));
    }
  }

  /** Stops collecting debug info and removes this stepper's watchpoints (it must not be used afterwards). */
  dispose(): void {
    this.detachObserver();
    for (const w of this.watchpoints) this.exec.removeWatchpoint(w.id);
    this.watchpoints.length = 0;
    this.exec.opts.keepDebugInfo = this.keptDebugInfo;
  }

  // ---- where we are

  /** True while a TB is being op-stepped (its remaining ops have not run yet). */
  get midTb(): boolean {
    return this.exec.midTb;
  }

  /** The TB being op-stepped and the code offset of its next op, if any. */
  get position(): { tb: number; pc: number; insn: number; debug: TbDebug | undefined } | null {
    const p = this.exec.opStepPosition;
    return p ? { tb: p.tb, pc: p.pc, insn: p.insn, debug: this.info.get(p.tb) } : null;
  }

  /** Guest pc of the next instruction to execute (also mid-TB, from the TB's insn_start data). */
  pc(): bigint {
    const p = this.exec.opStepPosition;
    if (p) {
      const d = this.exec.tbs.insnData[p.tb];
      return (BigInt(d[p.insn * 3 + 1] >>> 0) << 32n) | BigInt(d[p.insn * 3] >>> 0);
    }
    return BigInt(this.exec.currentPc());
  }

  // ---- stepping by op

  /**
   * Enters the TB at the pc with debug info (retranslating one made before the stepper existed),
   * without executing any of it; a stop if the TB could not be entered (a fetch fault).
   */
  enterTb(): StopReason | null {
    const exec = this.exec;
    if (exec.midTb) return null;
    for (let attempt = 0; attempt < 2; attempt++) {
      const stop = exec.enterTbForStepping();
      if (stop !== null) return { kind: "exception", excp: exec.excp };
      const p = exec.opStepPosition!;
      if (this.info.get(p.tb)) return null;
      exec.retranslateCurrentTb();
    }
    return null; // no debug info even so (steps still work, without IR texts)
  }

  /**
   * Executes one TCG op (the bytecode instructions it was encoded into) of the current TB. With
   * `detail` false the returned step has no texts or values (faster, for stepping many ops).
   */
  stepOp(detail = true): OpStep {
    const stop = this.enterTb();
    if (stop) return { tb: -1, insnPc: this.pc(), ops: [], bytecode: [], inputs: [], outputs: [], insnDone: true, tbDone: true, stop };
    const exec = this.exec;
    const S = exec.S;
    const cur = exec.opStepPosition!;
    const tb = cur.tb;
    const d = this.info.get(tb);
    const insnPc = detail ? this.pc() : 0n;
    const group = d ? this.info.groupAt(d, cur.pc) : null;
    const end = group && group.end > cur.pc ? group.end : cur.pc + insnLength(S.code, cur.pc);
    const opIdx = group ? group.ops : [];
    const step: OpStep = { tb, insnPc, ops: [], bytecode: [], inputs: [], outputs: [], insnDone: false, tbDone: false };
    const names = detail ? this.slotNamer(d, opIdx) : null;
    if (detail && d) {
      step.ops = opIdx.map((k) => ({ index: k, text: this.info.opText(d, k) }));
      step.inputs = this.operandValues(d, opIdx, "in");
    }
    for (;;) {
      const pc = exec.opStepPosition!.pc;
      const len = insnLength(S.code, pc);
      if (names) step.bytecode.push({ pc, text: disasBytecode(S.code, pc, names).text, words: Array.from(S.code.subarray(pc, pc + len)) });
      const r: BytecodeStep = exec.stepBytecode();
      if (r.stop !== Stop.Budget) {
        step.insnDone = step.tbDone = true;
        step.stop = this.reasonOf(r.stop);
        return step;
      }
      if (r.tbDone) {
        if (detail && d) step.outputs = this.operandValues(d, opIdx, "out");
        step.insnDone = step.tbDone = true;
        step.exitValue = r.exitValue;
        return step;
      }
      if (r.insnDone) step.insnDone = true;
      const next = exec.opStepPosition!.pc;
      if (next !== pc + len || next >= end) break;
    }
    if (detail && d) step.outputs = this.operandValues(d, opIdx, "out");
    return step;
  }

  /** The StopReason of an engine stop during a step. */
  private reasonOf(stop: Stop): StopReason {
    switch (stop) {
      case Stop.Exception:
        return { kind: "exception", excp: this.exec.excp };
      case Stop.Watchpoint:
        return this.watchStop() ?? { kind: "step" };
      case Stop.Breakpoint:
        return { kind: "breakpoint", pc: this.pc() };
      default:
        return { kind: "step" };
    }
  }

  /**
   * One guest instruction with precise guest state afterwards (gdb's stepi): at a TB boundary it
   * runs a one-instruction TB through the engine, so no op of the next instruction has been folded
   * into it; inside a TB being op-stepped it finishes the current instruction by ops.
   */
  stepInsnExact(): StopReason {
    if (this.exec.midTb) return this.stepInsn();
    const stop = this.exec.stepInsn();
    if (stop === Stop.Watchpoint) return this.watchStop() ?? { kind: "step" };
    return stop === Stop.Exception ? { kind: "exception", excp: this.exec.excp } : { kind: "step" };
  }

  /** Op-steps to the end of the TB being stepped, if any (before handing the CPU back to the engine). */
  finishTb(): StopReason | null {
    while (this.exec.midTb) {
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
   * Runs up to `budget` instructions until a breakpoint, a watchpoint change, an exception, an
   * interrupt or the budget. A breakpoint at the starting pc is not reported when
   * `skipBreakpointAt` is that pc (resuming from it).
   */
  cont(budget: number, skipBreakpointAt = -1): StopReason {
    const exec = this.exec;
    const start = exec.insns;
    // Finish the TB being op-stepped first, an instruction at a time so that its breakpoints and
    // watchpoints are seen.
    let first = true;
    while (exec.midTb) {
      const r = this.stepInsn();
      if (r.kind !== "step") return r;
      if (exec.hasBreakpoint(exec.currentPc())) return { kind: "breakpoint", pc: this.pc() };
      first = false;
    }
    const changed = this.changedWatchpoint();
    if (changed) return changed;
    if (first && skipBreakpointAt === exec.currentPc()) exec.skipBreakpointOnce();
    for (;;) {
      const left = budget - (exec.insns - start);
      if (left <= 0) return { kind: "budget" };
      if (this.opts.interrupted?.()) return { kind: "interrupt" };
      const n = Math.min(left, CHUNK);
      const before = exec.insns;
      const stop = exec.execute(n);
      switch (stop) {
        case Stop.Exception:
          return { kind: "exception", excp: exec.excp };
        case Stop.Breakpoint:
          return { kind: "breakpoint", pc: this.pc() };
        case Stop.Watchpoint: {
          const w = this.watchStop();
          if (w) return w;
          continue;
        }
      }
      // The engine left early only because an exit was requested (a WFI, an interrupt that became
      // deliverable, a device stopping the machine): hand control back to whoever drives the CPU.
      if (exec.insns - before < n) return { kind: "budget" };
    }
  }

  /**
   * A write watchpoint stopped an instruction before its store: complete the instruction (QEMU's
   * "stop after access") and report the watchpoint if the watched bytes changed (gdb's semantics).
   */
  private watchStop(): StopReason | null {
    const stop = this.exec.completeWatchedInsn();
    if (stop === Stop.Exception) return { kind: "exception", excp: this.exec.excp };
    return this.changedWatchpoint();
  }

  // ---- breakpoints and watchpoints

  get breakpoints(): number[] {
    return this.exec.breakpoints();
  }
  addBreakpoint(pc: number): void {
    if (!this.exec.hasBreakpoint(pc)) this.exec.addBreakpoint(pc);
  }
  removeBreakpoint(pc: number): boolean {
    return this.exec.removeBreakpoint(pc);
  }
  clearBreakpoints(): void {
    for (const pc of this.exec.breakpoints()) while (this.exec.removeBreakpoint(pc));
  }
  /** Watches guest memory [addr, addr+len): a run stops after an instruction that changes it. */
  addWatchpoint(addr: number, len: number): Watchpoint | null {
    const last = this.opts.readMem(addr, len);
    if (!last) return null;
    const w = { addr, len, last: last.slice(), id: this.exec.addWatchpoint(addr, len, false, true).id };
    this.watchpoints.push(w);
    return w;
  }
  removeWatchpoint(addr: number): boolean {
    const i = this.watchpoints.findIndex((w) => w.addr === addr);
    if (i < 0) return false;
    this.exec.removeWatchpoint(this.watchpoints[i].id);
    this.watchpoints.splice(i, 1);
    return true;
  }

  /** Reports (and re-arms) the first watchpoint whose bytes changed since it was last seen. */
  changedWatchpoint(): StopReason | null {
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
    const c = this.position;
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
    const c = this.position;
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

  private nextOpIndex(d: TbDebug, pc: number): number {
    for (let k = 0; k < d.ops.length; k++) if (d.opStart[k] >= pc && d.opEnd[k] > d.opStart[k]) return k;
    return d.ops.length;
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
