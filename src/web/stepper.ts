// The page's TCG stepper: executes a guest one TCG op, one guest instruction or one TB at a time
// with the real interpreter, and describes where it stands (guest instruction, its TCG ops, its
// bytecode, registers and temps) as plain data the worker posts to the page.
//
// Stepping is the shared core in src/debug/stepper.ts over the engine's run control (the same one
// the CLI debugger and the gdb stub use); this file only turns its position and the TB's debug
// info into the page's view. No DOM here: it runs in the worker, and in Node tests.
import { Stepper as StepCore } from "../debug/stepper.ts";
import { TbInfoStore, type TbDebug } from "../debug/tb-info.ts";
import type { Guest, RunOutcome } from "../embed/index.ts";
import { TempKind, type Op } from "../tcg/context.ts";
import { Opc, Type } from "../tcg/opcodes.ts";
import { disasBytecode } from "../tci/disas.ts";
import { ENV_BUDGET } from "../tci/state.ts";

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
  private readonly core: StepCore;
  private readonly store: TbInfoStore;
  private prevRegs: bigint[] = [];
  private prevTemps = new Map<string, string>();
  private changedRegs = new Set<number>();
  private changedTemps = new Set<string>();
  status = "paused";
  /** The last stop that ended stepping (exit, fault, blocked), if any. */
  stop: RunOutcome | null = null;

  constructor(readonly guest: Guest) {
    this.core = new StepCore(guest.exec, {
      arch: guest.arch,
      readMem: (addr, len) => {
        try {
          return guest.readMemory(addr, len);
        } catch {
          return null;
        }
      },
    });
    this.store = this.core.info;
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
    return this.guest.exec.midTb;
  }

  /** The TB being stepped and its debug info. */
  private get d(): TbDebug | null {
    const p = this.core.position;
    return p?.debug ?? null;
  }
  /** Bytecode offset of the next op to execute in the current TB. */
  private get bpc(): number {
    return this.core.position?.pc ?? -1;
  }
  /** Index of the guest instruction the next op belongs to. */
  private get idx(): number {
    return this.core.position?.insn ?? 0;
  }

  /** Makes sure the TB at the current pc is entered (with debug info). */
  enter(): RunOutcome | null {
    if (this.inTb || this.guest.exited) return null;
    const stop = this.core.enterTb();
    return stop ? this.afterException() : null;
  }

  /** Leaves stepping at an instruction boundary: the next run() finishes the TB at full speed. */
  leave(): void {}

  /** Whether the next op is the first of a guest instruction (a safe place to leave the TB). */
  get atInsnBoundary(): boolean {
    const p = this.core.position;
    if (!p) return true;
    const offs = this.guest.exec.tbs.insnOffsets[p.tb];
    return p.pc === offs[p.insn] || p.pc === this.guest.exec.tbs.codeStart[p.tb];
  }

  /**
   * Whether no op of the current TB has run yet. Only here is the guest state exactly a plain run's:
   * inside a TB the guest clock (Guest.insns) has already charged the whole TB (tb_start does, as
   * QEMU's icount does), and a register the TB writes twice may still hold its old value at an
   * instruction boundary (liveness removed the first store: nothing in between could observe it).
   */
  get atTbStart(): boolean {
    const p = this.core.position;
    return !p || p.pc === this.guest.exec.tbs.codeStart[p.tb];
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
      const r = g.deliverPendingFault();
      if (r) return (this.stop = r);
      return this.enter();
    }
    this.stop = null;
    const r0 = this.enter();
    if (r0) return r0;
    const reason =
      unit === "op"
        ? (this.core.stepOp(false).stop ?? { kind: "step" as const })
        : unit === "insn"
          ? this.core.stepInsn()
          : this.core.stepTb();
    if (reason.kind === "exception") return this.afterException();
    return this.enter();
  }

  private afterException(): RunOutcome | null {
    const exec = this.guest.exec;
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
    const exec = g.exec;
    const R = exec.S.R;
    const regs = g.regs().map((v, i) => ({ name: g.arch.generalRegs[i], value: hex(v), changed: this.changedRegs.has(i) }));
    const v: StepView = {
      pc: hex(this.core.pc()),
      insns: exec.completedInsns(),
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
    const bpc = this.bpc,
      idx = this.idx;
    const tbs = exec.tbs;
    const data = tbs.insnData[d.tb];
    const offs = tbs.insnOffsets[d.tb];
    const n = offs.length;
    v.tb = { id: d.tb, pc: hex(pcOf(data, 0)), icount: n, index: this.idx };
    const readMem = (addr: number, len: number): Uint8Array | null => {
      try {
        return g.readMemory(addr, len);
      } catch {
        return null;
      }
    };
    const from = Math.max(0, this.idx - 6),
      to = Math.min(n, from + 14);
    for (let i = from; i < to; i++) {
      const pc = pcOf(data, i);
      const text = g.arch.disas(Number(pc), readMem, R)?.text ?? "??";
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
    const ctx = this.guest.exec.ctx;
    for (let g = 0; g < ctx.nGlobals; g++) if (!names.has(ctx.slot[g])) names.set(ctx.slot[g], this.guest.arch.globalName(ctx.name[g]));
    for (let t = d.temps.nGlobals; t < d.temps.kind.length; t++) {
      const s = d.slot[t];
      if (s >= 0 && d.temps.kind[t] === TempKind.Tb && !names.has(s)) names.set(s, this.store.tempName(d, t));
    }
    return (s) => names.get(s) ?? `r${s}`;
  }
}
