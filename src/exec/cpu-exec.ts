// The CPU execution loop (QEMU's accel/tcg/cpu-exec.c) and its run control: find or translate the
// TB for the current (pc, cs_base, flags), chain it to the previous one, run the interpreter, turn
// guest exceptions raised inside a TB into precise state, and stop where a debugger or an embedder
// asked: breakpoints (QEMU's cpu_breakpoint_insert), watchpoints in the softmmu, single steps by
// guest instruction, by TB or by bytecode op, and instruction budgets. Target-independent: a guest
// plugs in through GuestTarget (target.ts).
//
//   exec.run(budget)       full speed until the budget, an exception, a breakpoint or a watchpoint
//   exec.stepBytecode()    one bytecode instruction of the current TB (entering it if needed)
//   exec.stepInsn()        exactly one guest instruction
//   exec.icount()          guest instructions executed, exact at any moment (also inside helpers)
//
// A debugger that wants to decide what every run() call does (the CLI debugger, the gdb stub)
// registers a DebugHandler; run() then hands the call to it, and the handler drives the engine
// through execute() and the step methods (QEMU calls gdb_handlesig from its CPU loop the same way).
import { TcgBuilder } from "../tcg/builder.ts";
import { TcgContext, type HelperInfo, type Op } from "../tcg/context.ts";
import { removeDeadOps } from "../tcg/liveness.ts";
import { lowerI64 } from "../tcg/lower-i64.ts";
import { optimize } from "../tcg/optimize.ts";
import { Opc } from "../tcg/opcodes.ts";
import { CodeBufferFull, Encoder, SCRATCH_SLOTS, TooManySlots, type EncodedTb } from "../tci/encode.ts";
import { tciExec } from "../tci/interpreter.ts";
import { HIGH_FIELD_MAX, PAIR_FIELD_MAX } from "../tci/format.ts";
import { warmUpInterpreter } from "./warmup.ts";
import {
  ENV_BUDGET,
  ENV_TARGET_BASE,
  ENV_ZERO,
  EXIT_NOCHAIN,
  EXIT_PROMOTE_BASE,
  MAX_MMU_IDX,
  PAGE_BITS,
  PAGE_MASK,
  PAGE_SIZE,
  TLB_SIZE_BITS,
  TciState,
  type SlowPath,
} from "../tci/state.ts";
import { Softmmu, type MmuHooks, type SoftmmuClient } from "../mem/softmmu.ts";
import { stepBytecode } from "./op-step.ts";
import { TbCache } from "./tb-cache.ts";
import { DisasContext, translatorLoop } from "./translator.ts";
import type { GuestTarget } from "./target.ts";

export type { GuestTarget } from "./target.ts";
export type { TranslateResult } from "./translator.ts";

export const MAX_INSNS_PER_TB = 512;
/** Entries of a cold TB before it is translated again with the optimizer (ExecOptions.coldEntries; "translation tiers" below). */
export const COLD_ENTRIES = 1024;

/** Why run(), execute() or a step returned: the engine's one exit reason. */
export const enum Stop {
  /** The instruction budget ran out (or an exit was requested, or a step completed). */
  Budget = 0,
  /** A guest exception is pending: see CpuExec.excp / excpAux; the pc is at the instruction. */
  Exception = 1,
  /** The next instruction has a breakpoint (it has not run; running again executes it). */
  Breakpoint = 2,
  /** An instruction accessed a watched range: see CpuExec.watchHit; the access has not happened. */
  Watchpoint = 3,
}

/** Engine-internal exception numbers (guests use numbers >= 0). */
const EXCP_WATCH = -2;
/** Internal: a store modified the running TB's page (preciseSmc); resume at it, alone (not a guest exception). */
const EXCP_SMC_RESTART = -3;

/** Thrown (never allocated per throw) to unwind from a helper or the slow path to the loop. */
export const LOOP_EXIT = { loopExit: true };

/** The slow path of an exec that has no guest memory (yet). */
const NO_MEMORY: SlowPath = {
  hi: 0,
  load(): number {
    throw new Error("guest memory access before attachSoftmmu()");
  },
  store(): void {
    throw new Error("guest memory access before attachSoftmmu()");
  },
};

export interface ExecOptions {
  codeWords?: number;
  maxTbs?: number;
  tempSlots?: number;
  optimize?: boolean;
  /** Lower i64 ops to i32 pairs before encoding (for measurement; see lower-i64.ts). */
  lowerI64?: boolean;
  /** One guest instruction per TB (QEMU's -singlestep / -one-insn-per-tb). */
  singlestep?: boolean;
  /**
   * Never chain TBs (QEMU's -d nochain: CF_NO_GOTO_TB | CF_NO_GOTO_PTR): no jump-slot links, and
   * lookup_and_goto_ptr becomes a plain exit, so every TB is entered from the main loop.
   */
  noChain?: boolean;
  /** Keep per-TB debug info (op -> bytecode ranges, temp slots) in EncodedTb.debug; translation-time cost only. */
  keepDebugInfo?: boolean;
  /**
   * The cold tier: a TB is first translated without the optimizer and translated again, optimized,
   * at its coldEntries-th entry (0: every TB optimized at once). Off while an observer is attached or
   * debug info is kept, so that logs and debuggers see the optimized ops.
   */
  coldEntries?: number;
}

/**
 * Observers of translation and execution for logs and debuggers (-d op, op_opt, out_asm, exec, int).
 * With none attached the engine's observer slot is null, so they cost nothing.
 */
export interface ExecObserver {
  opsBefore?(ctx: TcgContext, ops: Op[], pcLo: number, pcHi: number): void;
  opsAfter?(ctx: TcgContext, ops: Op[], pcLo: number, pcHi: number): void;
  encoded?(tb: number, enc: EncodedTb): void;
  enterTb?(tb: number): void;
  /** Execution stopped with a guest exception (excp, excpAux... are set; the pc is at its instruction). */
  exception?(excp: number, aux: number, auxHi: number): void;
}

const OBSERVER_EVENTS = ["opsBefore", "opsAfter", "encoded", "enterTb", "exception"] as const;

/** Takes over run(): a debugger deciding what each call executes (see the file comment). */
export interface DebugHandler {
  run(budget: number): Stop;
}

/** A watched range of guest memory (QEMU's CPUWatchpoint). Addresses are numbers (< 2^53). */
export interface Watchpoint {
  readonly id: number;
  readonly addr: number;
  readonly len: number;
  readonly read: boolean;
  readonly write: boolean;
}

/** The access that stopped execution with Stop.Watchpoint. */
export interface WatchHit {
  watchpoint: Watchpoint;
  addr: number;
  size: number;
  write: boolean;
  /** For a store: the value being stored (low and high words). */
  valueLo: number;
  valueHi: number;
}

/** What one stepBytecode() did. */
export interface BytecodeStep {
  /** The TB being stepped (-1 when entering one failed with an exception). */
  tb: number;
  /** Code offset of the bytecode instruction that ran (-1 if none). */
  pc: number;
  /** Stop.Exception (a fault; pc restored to its instruction), Stop.Breakpoint (the TB was not entered), or Stop.Budget. */
  stop: Stop;
  /** A guest instruction completed with this step. */
  insnDone: boolean;
  /** The TB was left (or never entered). */
  tbDone: boolean;
  /** TB exit value as tciExec would return it (when tbDone without exception). */
  exitValue?: number;
}

/** The TB being executed one bytecode instruction at a time. */
interface OpStepPosition {
  tb: number;
  pc: number;
  insn: number;
}

/** The budget a TB runs under while stepped (tb_start subtracts the TB's length from it). */
const OPSTEP_BUDGET = 1 << 29;

const pcNumber = (lo: number, hi: number) => (hi >>> 0) * 4294967296 + (lo >>> 0);

export class CpuExec {
  readonly S: TciState;
  readonly tbs: TbCache;
  readonly ctx: TcgContext;
  readonly builder: TcgBuilder;
  private readonly encoder: Encoder;
  private readonly disas: DisasContext;
  /** The guest's cs_base slot, or the engine's always-zero slot. */
  private readonly csBaseSlot: number;
  /** Pending exception (valid after a Stop.Exception). */
  excp = 0;
  excpAux = 0;
  excpAuxHi = 0;
  /** Guest instructions completed (exact between calls; icount() is exact at any moment). */
  insns = 0;
  /** What addObserver attached, merged into one object with only the events someone wants (or null). */
  private observer: ExecObserver | null = null;
  private observers: ExecObserver[] = [];
  opts: Required<ExecOptions>;
  // statistics for `info jit`
  opsBeforeTotal = 0;
  opsAfterTotal = 0;
  insnsTranslated = 0;
  /** TBs translated cold (without the optimizer), and cold TBs translated again optimized. */
  coldTranslations = 0;
  promotions = 0;
  /**
   * Milliseconds spent in translate() (decode, optimize, encode), for the bench's TBs/s figure;
   * counted only while a clock is set (the core has no clock of its own: the host gives one).
   */
  translateMs = 0;
  translationClock: (() => number) | null = null;
  tbExits = 0;
  tbExitsChainable = 0;
  private exitRequested = false;
  /**
   * run()/execute() may overrun the budget by the rest of one TB instead of translating a
   * throw-away TB of exactly the instructions left (QEMU's cflags_next_tb with CF_COUNT_MASK).
   * For machines whose clock is the host's (no -icount): there the budget only says when to look at
   * the timers again, and QEMU itself runs on until an exit request, with no instruction budget at
   * all. Deterministic (-icount) machines, user mode and single steps keep exact budgets. A real-time
   * boot hits a slice end every 2^18 instructions: each cost a one-shot translation (~100 guest
   * instructions, discarded after one run).
   */
  approximateBudget = false;
  /** The budget of the slice being executed (0 outside execute() and op steps). */
  private sliceBudget = 0;
  private static readonly EXIT_REQUEST_BIAS = 0x40000000;
  private debugHandler: DebugHandler | null = null;
  private mmu: Softmmu | null = null;

  // run control
  private readonly bps = new Map<number, number>(); // pc (as a number) -> reference count
  /** A breakpoint at this pc was reported: the next execution starts by running its instruction. */
  private bpReportedAt = -1;
  private watchpoints: Watchpoint[] = [];
  private nextWatchId = 1;
  private watchSuspended = false;
  /** A watchpoint stopped the instruction at this pc: the next execution completes it first. */
  private watchReportedAt = -1;
  /** The access that ended the last execution with Stop.Watchpoint. */
  watchHit: WatchHit | null = null;
  private opStep: OpStepPosition | null = null;

  /**
   * @param slow the guest-memory slow path; machines with RAM leave it out and call attachSoftmmu
   *   (the softmmu needs this exec's state, so it cannot exist before the exec does).
   */
  constructor(
    readonly target: GuestTarget,
    slow: SlowPath = NO_MEMORY,
    opts: ExecOptions = {},
  ) {
    if (target.pageBits !== PAGE_BITS)
      throw new Error(`tciemu: ${target.pageBits}-bit pages are not supported (the softmmu has ${PAGE_BITS})`);
    this.opts = {
      codeWords: opts.codeWords ?? 1 << 22,
      maxTbs: opts.maxTbs ?? 1 << 16,
      tempSlots: opts.tempSlots ?? 8192,
      optimize: opts.optimize ?? true,
      lowerI64: opts.lowerI64 ?? false,
      singlestep: opts.singlestep ?? false,
      noChain: opts.noChain ?? false,
      keepDebugInfo: opts.keepDebugInfo ?? false,
      coldEntries: opts.coldEntries ?? COLD_ENTRIES,
    };
    warmUpInterpreter();
    const envEnd = ENV_TARGET_BASE + target.envSlots; // engine slots come first
    const rSlots = envEnd + SCRATCH_SLOTS + this.opts.tempSlots;
    // The bytecode packs slot indices into 16-bit fields and jump slots (tb * 2 + n) into the
    // opcode word's 22-bit field, and a guest access's TLB base (mmu << TLB_SIZE_BITS) shares a word
    // with its address slot (src/tci/format.ts).
    if ((MAX_MMU_IDX - 1) << TLB_SIZE_BITS > PAIR_FIELD_MAX)
      throw new Error("tciemu: the TLB bases do not fit the bytecode's 16-bit field");
    if (rSlots > PAIR_FIELD_MAX + 1) throw new Error(`tciemu: ${rSlots} register slots exceed the bytecode's ${PAIR_FIELD_MAX + 1}`);
    if (this.opts.maxTbs * 2 > HIGH_FIELD_MAX + 1)
      throw new Error(`tciemu: maxTbs ${this.opts.maxTbs} exceeds ${(HIGH_FIELD_MAX + 1) / 2}`);
    this.S = new TciState(rSlots, this.opts.codeWords, this.opts.maxTbs, slow);
    this.tbs = new TbCache(this.S, this.opts.maxTbs);
    this.ctx = new TcgContext(envEnd);
    this.builder = new TcgBuilder(this.ctx);
    target.initGlobals(this.ctx);
    this.csBaseSlot = target.csBaseSlot >= 0 ? target.csBaseSlot : ENV_ZERO;
    this.encoder = new Encoder({ pcSlot: target.pcSlot, csBaseSlot: this.csBaseSlot, flagsSlot: target.flagsSlot }, rSlots);
    this.disas = new DisasContext(() => this.S.mem8);
  }

  /**
   * Gives the CPU guest RAM behind a softmmu whose TLB misses and faults go to `hooks` (or to the
   * hooks `makeHooks` builds around the new softmmu, for an MMU that fills its entries), and keeps
   * self-modifying code detectable: the RAM pages of every new TB are write-protected in the TLB
   * (stores to them take the slow path and invalidate the TBs), and a flush unprotects them all.
   */
  attachSoftmmu(ram: ArrayBufferLike, hooks: MmuHooks | ((mmu: Softmmu) => MmuHooks)): Softmmu {
    const client: SoftmmuClient = {
      codeWrite: (page) => this.invalidateCodePage(page),
      checkWatch: (lo, hi, size, read, write, vlo, vhi, retaddr) => this.checkWatchpoints(lo, hi, size, read, write, vlo, vhi, retaddr),
    };
    let built: MmuHooks | null = typeof hooks === "function" ? null : hooks;
    const mmu = new Softmmu(
      this.S,
      ram.byteLength,
      {
        tlbFill: (lo, hi, access, mmuIdx, retaddr) => built!.tlbFill(lo, hi, access, mmuIdx, retaddr),
        unaligned: (lo, hi, access, mmuIdx, retaddr) => built!.unaligned(lo, hi, access, mmuIdx, retaddr),
      },
      client,
    );
    if (typeof hooks === "function") built = hooks(mmu);
    this.mmu = mmu;
    this.S.slow = mmu;
    this.S.attachRam(ram);
    return mmu;
  }

  /** True when some observer is attached. */
  get observed(): boolean {
    return this.observer !== null;
  }

  /** Attaches an observer next to any already attached; returns the function that detaches it. */
  addObserver(obs: ExecObserver): () => void {
    this.observers.push(obs);
    this.rebuildObserver();
    return () => {
      this.observers = this.observers.filter((o) => o !== obs);
      this.rebuildObserver();
    };
  }

  private rebuildObserver(): void {
    if (this.observers.length === 0) {
      this.observer = null;
      return;
    }
    // One object whose methods exist only for events some observer has, so the engine's
    // `obs?.event` tests skip the others entirely.
    const merged: Record<string, (...a: never[]) => void> = {};
    for (const ev of OBSERVER_EVENTS) {
      const fns = this.observers.filter((o) => o[ev]).map((o) => (o[ev] as (...a: unknown[]) => void).bind(o));
      if (fns.length === 1) merged[ev] = fns[0];
      else if (fns.length > 1) merged[ev] = (...a: unknown[]) => fns.forEach((f) => f(...a));
    }
    this.observer = merged as ExecObserver;
  }

  /** Registers a helper and makes it callable from bytecode; returns its id. */
  helper(info: HelperInfo): number {
    const id = this.ctx.helper(info);
    this.S.helpers[id] = info.fn;
    return id;
  }

  /**
   * Raises a guest exception from a helper, the slow path or the loop. `retaddr` is the bytecode
   * offset of the op that raised it (S.retaddr inside helpers), or -1 when no TB is running.
   */
  raise(excp: number, aux = 0, auxHi = 0, retaddr = this.S.retaddr): never {
    this.excp = excp;
    this.excpAux = aux;
    this.excpAuxHi = auxHi;
    this.pendingRetaddr = retaddr;
    throw LOOP_EXIT;
  }
  private pendingRetaddr = -1;

  /** Makes the running TB chain stop at the next TB start (QEMU's cpu_exit). Safe from helpers. */
  requestExit(): void {
    // Outside execute() there is no TB chain to stop: the caller's loop looks at its state anyway.
    if (this.exitRequested || this.sliceBudget === 0) return;
    this.exitRequested = true;
    this.S.R[ENV_BUDGET] = (this.S.R[ENV_BUDGET] - CpuExec.EXIT_REQUEST_BIAS) | 0;
  }

  /** Guest instructions executed so far, exact also while a slice runs (for cycle/instret/time). */
  icount(): number {
    if (this.sliceBudget === 0) return this.insns;
    let left = this.S.R[ENV_BUDGET];
    if (this.exitRequested) left = (left + CpuExec.EXIT_REQUEST_BIAS) | 0;
    return this.insns + (this.sliceBudget - Math.max(0, left));
  }

  /**
   * Instructions completed, counting a TB being op-stepped only up to the instruction it is at (for
   * debuggers' displays; the guest's own clock is icount(), which charges a TB when it starts).
   */
  completedInsns(): number {
    return this.opStep ? this.insns + this.opStep.insn : this.insns;
  }

  // ---- running

  /** Lets a debugger decide what run() does (null: run() is execute()). */
  setDebugHandler(h: DebugHandler | null): void {
    this.debugHandler = h;
  }

  /** Runs at most `budget` guest instructions (through the debug handler when one is set). */
  run(budget: number): Stop {
    const h = this.debugHandler;
    return h ? h.run(budget) : this.execute(budget);
  }

  /**
   * Executes at most `budget` guest instructions at full speed, stopping early at an exception, a
   * breakpoint or a watchpoint. A TB being op-stepped is finished instruction by instruction first.
   */
  execute(budget: number): Stop {
    const start = this.insns;
    while (this.opStep) {
      if (this.insns - start >= budget) return Stop.Budget;
      const s = this.stepBytecode();
      if (s.stop !== Stop.Budget) return s.stop;
    }
    if (this.watchReportedAt >= 0 && this.insns - start < budget) {
      // Resuming at the instruction a watchpoint stopped: it runs now, without stopping again.
      if (this.watchReportedAt === this.currentPc()) {
        const stop = this.completeWatchedInsn();
        if (stop !== Stop.Budget) return stop;
      }
      this.watchReportedAt = -1;
    }
    budget -= this.insns - start;
    if (budget <= 0) return Stop.Budget;
    // Overrunning is only for free runs: not with breakpoints, watchpoints or observers about.
    const approximate = this.approximateBudget && this.bps.size === 0 && this.watchpoints.length === 0 && this.observer === null;
    return this.cpuExecLoop(budget, approximate);
  }

  /** The guest pc as a number. */
  currentPc(): number {
    const R = this.S.R;
    return pcNumber(R[this.target.pcSlot], R[this.target.pcSlot + 1]);
  }

  /** The TB for the current (pc, cs_base, flags), found or translated (QEMU's tb_lookup + tb_gen_code). */
  findTb(): number {
    const R = this.S.R;
    const { pcSlot, flagsSlot } = this.target;
    const lo = R[pcSlot],
      hi = R[pcSlot + 1],
      cs = R[this.csBaseSlot],
      flags = R[flagsSlot];
    const tbs = this.tbs;
    let tb = tbs.jcLookup(lo, hi, cs, flags);
    if (tb >= 0) return tb;
    const codePage = this.target.code?.codePage;
    if (codePage) {
      // TBs keyed by physical page too (system mode; user mode with one engine for many address
      // spaces). No page: nothing to look up, translating raises the fetch fault.
      const page = codePage.call(this.target.code, lo, hi, flags);
      tb = page < 0 ? -1 : tbs.lookup(lo, hi, cs, flags, page);
      if (tb >= 0 && tbs.pages[tb].length > 1 && !this.secondPageMatches(tb, flags)) {
        // An instruction crossing into a page that another page now backs here (QEMU checks
        // phys_page2 the same way): this TB is not ours.
        tbs.invalidate(tb);
        tb = -1;
      }
    } else tb = tbs.lookup(lo, hi, cs, flags, -1);
    if (tb < 0) tb = this.translate(lo, hi, cs, flags, this.opts.singlestep ? 1 : MAX_INSNS_PER_TB);
    // A TB at a breakpoint is entered only through this loop (never by lookup_tb), which checks it.
    // With an enterTb observer (-d exec/cpu) lookup_tb misses too, so every TB entered through it is
    // seen, as QEMU's helper_lookup_tb_ptr logs.
    if ((this.bps.size === 0 || !this.bps.has(pcNumber(lo, hi))) && !this.observer?.enterTb) tbs.jcInsert(tb);
    return tb;
  }

  /** Whether the second RAM page of a TB whose code crosses a page is what codePage gives for it now. */
  private secondPageMatches(tb: number, flags: number): boolean {
    const tbs = this.tbs;
    const lo = ((tbs.pcLo[tb] & PAGE_MASK) + PAGE_SIZE) | 0;
    const hi = lo === 0 ? (tbs.pcHi[tb] + 1) | 0 : tbs.pcHi[tb];
    return this.target.code!.codePage!(lo, hi, flags) === tbs.pages[tb][1];
  }

  private cpuExecLoop(budget: number, approximate = false): Stop {
    const S = this.S;
    const R = S.R;
    const tbs = this.tbs;
    const { pcSlot } = this.target;
    budget = Math.max(0, Math.min(budget, CpuExec.EXIT_REQUEST_BIAS - 1)) | 0;
    R[ENV_BUDGET] = budget;
    this.exitRequested = false;
    this.sliceBudget = budget;
    let lastExit = -1;
    let stop = Stop.Budget;
    const obs = this.observer;
    const checkBps = this.bps.size > 0;
    for (;;) {
      if (this.exitRequested) break;
      const left = R[ENV_BUDGET];
      if (left <= 0) break;
      if (checkBps) {
        const pc = pcNumber(R[pcSlot], R[pcSlot + 1]);
        if (this.bps.has(pc)) {
          if (this.bpReportedAt !== pc) {
            this.bpReportedAt = pc;
            stop = Stop.Breakpoint;
            break;
          }
          lastExit = -1; // never chain into a TB that starts at a breakpoint
        }
        this.bpReportedAt = -1;
      }
      let tb: number;
      const flushesBefore = tbs.flushes;
      try {
        tb = this.findTb();
      } catch (e) {
        if (e !== LOOP_EXIT) throw e;
        stop = Stop.Exception;
        break;
      }
      if (tbs.flushes !== flushesBefore) lastExit = -1;
      let oneShot = false;
      if (approximate && tbs.icount[tb] > left && !this.oneInsnNext) {
        // Run the whole TB: its tb_start takes the budget to exactly 0, so the loop ends after it.
        const extra = tbs.icount[tb] - left;
        R[ENV_BUDGET] = left + extra;
        budget += extra;
        this.sliceBudget = budget;
      } else if (tbs.icount[tb] > left || (this.oneInsnNext && tbs.icount[tb] > 1)) {
        // Not enough budget for the whole TB, or a store that modifies its own TB's page must run
        // alone: run an exact-length TB once (QEMU's cflags_next_tb).
        const n = this.oneInsnNext ? 1 : left;
        this.oneInsnNext = false;
        try {
          tb = this.translate(R[pcSlot], R[pcSlot + 1], R[this.csBaseSlot], R[this.target.flagsSlot], n);
        } catch (e) {
          if (e !== LOOP_EXIT) throw e;
          stop = Stop.Exception;
          break;
        }
        oneShot = true;
        lastExit = -1;
      }
      if (lastExit >= 0 && !this.opts.noChain) tbs.link(lastExit, tb);
      if (obs?.enterTb) obs.enterTb(tb);
      this.oneInsnNext = false;
      let ret: number;
      try {
        this.runningTb = true;
        ret = tciExec(S, tbs.codeStart[tb]);
      } catch (e) {
        this.runningTb = false;
        if (oneShot) tbs.invalidate(tb);
        if (e !== LOOP_EXIT) throw e;
        this.unwind();
        if (this.excp === EXCP_SMC_RESTART) {
          this.oneInsnNext = true;
          lastExit = -1;
          continue;
        }
        if (this.excp === EXCP_WATCH) {
          this.watchReportedAt = this.currentPc();
          stop = Stop.Watchpoint;
        } else stop = Stop.Exception;
        break;
      }
      this.runningTb = false;
      if (oneShot) tbs.invalidate(tb);
      this.tbExits++;
      if (ret >= 0) {
        lastExit = this.opts.noChain ? -1 : ret;
        this.tbExitsChainable++;
      } else if (ret === EXIT_NOCHAIN) {
        lastExit = -1;
      } else if (ret <= EXIT_PROMOTE_BASE) {
        // A cold TB's last counted entry: nothing of it ran, its charge was refunded.
        this.promote(EXIT_PROMOTE_BASE - ret);
        lastExit = -1;
      } else {
        // tb_start found the budget spent: that TB did not run; the pc is its start.
        this.pcAtStartOf(-2 - ret);
        lastExit = -1;
      }
    }
    if (this.exitRequested) {
      this.exitRequested = false;
      R[ENV_BUDGET] = (R[ENV_BUDGET] + CpuExec.EXIT_REQUEST_BIAS) | 0;
    }
    this.insns += budget - Math.max(0, R[ENV_BUDGET]);
    this.sliceBudget = 0;
    if (stop === Stop.Exception) obs?.exception?.(this.excp, this.excpAux, this.excpAuxHi);
    return stop;
  }

  /** Restores precise guest state for an exception raised inside a TB (QEMU's cpu_restore_state). */
  private unwind(): void {
    const retaddr = this.pendingRetaddr;
    this.pendingRetaddr = -1;
    if (retaddr < 0) return;
    const tbs = this.tbs;
    const tb = tbs.findByCodeOffset(retaddr);
    if (tb < 0) throw new Error(`cpu-exec: exception at code offset ${retaddr} outside any TB`);
    const idx = this.insnIndexAt(tb, retaddr);
    this.target.restoreState(tbs.insnData[tb], idx);
    // The TB was charged in full at tb_start; refund the instructions that did not complete.
    this.S.R[ENV_BUDGET] += tbs.icount[tb] - idx;
  }

  /** Index of the guest instruction of `tb` whose bytecode holds code offset pc (searching from `from`). */
  insnIndexAt(tb: number, pc: number, from = 0): number {
    const offs = this.tbs.insnOffsets[tb];
    let idx = from < offs.length && offs[from] <= pc ? from : 0;
    while (idx + 1 < offs.length && offs[idx + 1] <= pc) idx++;
    return idx;
  }

  /** Translates, optimizes and encodes one TB; returns its id. Throws LOOP_EXIT on a fetch fault. */
  translate(lo: number, hi: number, csBase: number, flags: number, maxInsns: number): number {
    const clock = this.translationClock;
    if (clock === null) return this.translateTb(lo, hi, csBase, flags, maxInsns);
    const t0 = clock();
    try {
      return this.translateTb(lo, hi, csBase, flags, maxInsns);
    } finally {
      this.translateMs += clock() - t0;
    }
  }

  private translateTb(lo: number, hi: number, csBase: number, flags: number, maxInsns: number): number {
    const tbs = this.tbs;
    const cold = this.translatesCold();
    for (let attempt = 0; ; attempt++) {
      const ctx = this.ctx;
      ctx.resetForTb();
      this.builder.gen_tb_start();
      const db = this.disas;
      db.reset(this.builder, this.target.code, lo, hi, csBase, flags, maxInsns);
      db.noChain = this.opts.noChain || this.opts.singlestep; // QEMU: one_insn_per_tb implies CF_NO_GOTO_TB
      const res = translatorLoop(this.target.translator, db, this.bps.size ? (l, h) => this.bps.has(pcNumber(l, h)) : null);
      let ops = ctx.ops;
      const obs = this.observer;
      if (obs?.opsBefore) obs.opsBefore(ctx, ops, lo, hi);
      this.opsBeforeTotal += countOps(ops);
      if (this.opts.lowerI64) ops = lowerI64(ctx, ops);
      if (this.opts.optimize && !cold) ops = optimize(ctx, ops);
      ops = removeDeadOps(ctx, ops);
      if (this.opts.noChain)
        for (const op of ops)
          if (op.opc === Opc.lookup_and_goto_ptr) {
            // the TB's own (pooled) op: rewritten in place
            op.opc = Opc.exit_tb;
            op.args.length = 1;
            op.args[0] = -1;
          }
      if (obs?.opsAfter) obs.opsAfter(ctx, ops, lo, hi);
      if (tbs.count >= tbs.maxTbs) this.flushTbs();
      try {
        const enc = this.encoder.encode(
          ctx,
          ops,
          this.S.code,
          tbs.codeTop,
          this.S.code.length - 1, // one spare word for the op stepper's patch (op-step.ts)
          tbs.count,
          res.icount,
          this.opts.keepDebugInfo,
          cold ? this.opts.coldEntries : 0,
        );
        tbs.codeTop = enc.end;
        const tb = tbs.add(lo, hi, csBase, flags, enc.start, enc.end, res.icount, res.pages, enc.insnOffsets, enc.insnData);
        if (cold) {
          tbs.cold[tb] = 1;
          this.coldTranslations++;
        }
        this.opsAfterTotal += countOps(ops);
        this.insnsTranslated += res.icount;
        if (this.mmu) for (const p of res.pages) this.mmu.markCodePage(p);
        if (obs?.encoded) obs.encoded(tb, enc);
        return tb;
      } catch (e) {
        if (e instanceof CodeBufferFull && attempt < 2) {
          this.flushTbs();
          continue;
        }
        if (e instanceof TooManySlots && maxInsns > 1) {
          maxInsns = Math.max(1, maxInsns >> 1);
          continue;
        }
        throw e;
      }
    }
  }

  // ---- translation tiers. A short process translates all its code in V8's baseline tiers (the
  // translator is not optimized yet), ~600,000 host instructions per TB, of which the optimizer is
  // about an eighth, and runs most TBs a few times. So a TB is first translated without the optimizer
  // (cold): it counts its entries (tb_cold, right after its tb_start) and at the coldEntries-th leaves
  // before running anything; the loop drops it and translates it again, optimized. A second
  // translation costs a whole one, so the count is high: at 64 a fifth of `ls -l`'s 5,000 TBs came
  // back (no gain), at 1,024 one in a hundred. Chains into the cold TB go with it and form again to
  // the optimized one.

  /** The next translation is a cold TB's second one (promote() asked for it). */
  private promoting = false;

  /** Whether the TB about to be translated is cold (and consumes a pending promotion). */
  private translatesCold(): boolean {
    if (this.promoting) {
      this.promoting = false;
      return false;
    }
    const o = this.opts;
    return o.optimize && o.coldEntries > 1 && !o.keepDebugInfo && this.observer === null;
  }

  /** TB tb left before running anything (no budget, or a cold TB's last entry): the pc is its start. */
  private pcAtStartOf(tb: number): void {
    const R = this.S.R;
    R[this.target.pcSlot] = this.tbs.pcLo[tb];
    R[this.target.pcSlot + 1] = this.tbs.pcHi[tb];
  }

  /** Replaces cold TB tb, which has not run, by an optimized translation at the next lookup. */
  private promote(tb: number): void {
    this.pcAtStartOf(tb);
    this.tbs.invalidate(tb);
    this.promoting = true;
    this.promotions++;
  }

  /** Drops every TB (QEMU's tb_flush); the code pages are writable at full speed again. */
  flushTbs(): void {
    if (this.opStep) throw new Error("cpu-exec: flushTbs while a TB is being stepped");
    this.tbs.flush();
    if (this.mmu) {
      this.mmu.codePages.fill(0);
      this.mmu.flushAll();
    }
  }

  /** Drops the TBs translated from a RAM page (self-modifying code, a debugger's memory write). */
  invalidateCodePage(ramPage: number): void {
    // QEMU's tb_invalidate_phys_page_unwind: with precise SMC, a guest store from inside a TB of more
    // than one instruction whose code is on this page stops that TB before the store (the store is not
    // done); the loop runs the store alone next (cflags_next_tb = 1), then translates the new bytes.
    let restart = false;
    if (this.target.preciseSmc && this.runningTb && this.S.retaddr >= 0) {
      const tbs = this.tbs;
      const tb = tbs.findByCodeOffset(this.S.retaddr);
      restart = tb >= 0 && tbs.icount[tb] > 1 && tbs.pages[tb]!.includes(ramPage);
    }
    this.tbs.invalidatePage(ramPage);
    if (restart) this.raise(EXCP_SMC_RESTART);
  }
  /** tciExec is running a TB of cpuExecLoop (guest stores come from its ops). */
  private runningTb = false;
  /** The next TB holds one instruction (after EXCP_SMC_RESTART). */
  private oneInsnNext = false;

  /** Forgets every jump-cache entry (the guest's address space changed: TLB flush, satp write). */
  flushJumpCache(): void {
    this.S.jcCode.fill(-1);
    this.S.jcTb.fill(-1);
  }

  /** Forgets the jump-cache entries of TBs that start on guest page (lo, hi) (sfence.vma of one page). */
  flushJumpCachePage(lo: number, hi: number): void {
    this.tbs.jcFlushPage(lo, hi);
  }

  // ---- breakpoints (QEMU's cpu_breakpoint_insert/remove); pcs are numbers below 2^53

  /** Stops execution before the instruction at pc (each insert needs its own remove). */
  addBreakpoint(pc: number): void {
    const n = this.bps.get(pc) ?? 0;
    this.bps.set(pc, n + 1);
    // TBs that hold pc past their first instruction, and chains/jump-cache entries into one that
    // starts there, would run past it: drop them (QEMU's breakpoint_invalidate).
    if (n === 0) this.invalidateTbsContaining(pc);
  }

  removeBreakpoint(pc: number): boolean {
    const n = this.bps.get(pc);
    if (n === undefined) return false;
    if (n > 1) this.bps.set(pc, n - 1);
    else {
      this.bps.delete(pc);
      if (this.bpReportedAt === pc) this.bpReportedAt = -1;
      this.invalidateTbsContaining(pc); // TBs ended before it can be longer now
    }
    return true;
  }

  hasBreakpoint(pc: number): boolean {
    return this.bps.has(pc);
  }

  breakpoints(): number[] {
    return [...this.bps.keys()];
  }

  private invalidateTbsContaining(pc: number): void {
    const tbs = this.tbs;
    const cur = this.opStep?.tb ?? -1;
    for (let tb = 0; tb < tbs.count; tb++) {
      if (tbs.invalid[tb] || tb === cur) continue;
      const d = tbs.insnData[tb];
      for (let i = 0; i < d.length; i += 3) {
        if (pcNumber(d[i], d[i + 1]) === pc) {
          tbs.invalidate(tb);
          break;
        }
      }
    }
  }

  // ---- watchpoints: accesses to watched pages take the softmmu slow path, which checks them

  /** Watches [addr, addr+len) for reads and/or writes; returns the watchpoint. */
  addWatchpoint(addr: number, len: number, read: boolean, write: boolean): Watchpoint {
    const w: Watchpoint = { id: this.nextWatchId++, addr, len: Math.max(1, len), read, write };
    this.watchpoints.push(w);
    this.mmu?.watchRange(addr, w.len, 1);
    return w;
  }

  removeWatchpoint(id: number): boolean {
    const w = this.watchpoints.find((x) => x.id === id);
    if (!w) return false;
    this.watchpoints = this.watchpoints.filter((x) => x !== w);
    this.mmu?.watchRange(w.addr, w.len, -1);
    return true;
  }

  watchpointList(): readonly Watchpoint[] {
    return this.watchpoints;
  }

  private checkWatchpoints(
    lo: number,
    hi: number,
    size: number,
    read: boolean,
    write: boolean,
    vlo: number,
    vhi: number,
    retaddr: number,
  ): void {
    if (this.watchSuspended) return;
    const a = pcNumber(lo, hi);
    for (const w of this.watchpoints) {
      if (a + size <= w.addr || a >= w.addr + w.len) continue;
      if (!((write && w.write) || (read && w.read))) continue;
      this.watchHit = { watchpoint: w, addr: a, size, write, valueLo: vlo, valueHi: vhi };
      this.raise(EXCP_WATCH, lo, hi, retaddr);
    }
  }

  /**
   * Completes the instruction a watchpoint stopped (the access happens, watchpoints are not checked
   * for it): QEMU's "stop after access" for gdb's watchpoints.
   */
  completeWatchedInsn(): Stop {
    this.watchReportedAt = -1;
    this.watchSuspended = true;
    try {
      return this.stepInsn();
    } finally {
      this.watchSuspended = false;
    }
  }

  // ---- stepping

  /** True while a TB is being executed one bytecode instruction at a time. */
  get midTb(): boolean {
    return this.opStep !== null;
  }

  /** The TB being op-stepped, the code offset of its next bytecode instruction and its guest instruction index. */
  get opStepPosition(): Readonly<OpStepPosition> | null {
    return this.opStep;
  }

  /**
   * Executes one bytecode instruction of the current TB, entering the TB at the pc first if none
   * is being stepped. The TB is charged at tb_start and a fault inside it is unwound exactly as in
   * execute(), so instruction counts and precise exceptions match a full-speed run.
   */
  stepBytecode(): BytecodeStep {
    if (!this.opStep) {
      const stop = this.enterOpStep();
      if (stop !== null) {
        this.observer?.exception?.(this.excp, this.excpAux, this.excpAuxHi);
        return { tb: -1, pc: -1, stop, insnDone: true, tbDone: true };
      }
    }
    const cur = this.opStep!;
    const S = this.S;
    const pc = cur.pc;
    let out;
    try {
      out = stepBytecode(S, pc);
    } catch (e) {
      if (e !== LOOP_EXIT) throw e;
      this.unwindOpStep(pc);
      if (this.excp === EXCP_WATCH) {
        this.watchReportedAt = this.currentPc();
        return { tb: cur.tb, pc, stop: Stop.Watchpoint, insnDone: true, tbDone: true };
      }
      this.observer?.exception?.(this.excp, this.excpAux, this.excpAuxHi);
      return { tb: cur.tb, pc, stop: Stop.Exception, insnDone: true, tbDone: true };
    }
    if (out.exit !== undefined) {
      this.leaveOpStep(out.exit);
      return { tb: cur.tb, pc, stop: Stop.Budget, insnDone: true, tbDone: true, exitValue: out.exit };
    }
    cur.pc = out.next;
    const insn = this.insnIndexAt(cur.tb, cur.pc, cur.insn);
    const insnDone = insn !== cur.insn;
    if (insnDone) {
      // The pc global is only written at TB exits: make the guest state precise at the boundary,
      // so that whoever looks at the registers between steps sees the next instruction's pc.
      this.target.restoreState(this.tbs.insnData[cur.tb], insn);
    }
    cur.insn = insn;
    return { tb: cur.tb, pc, stop: Stop.Budget, insnDone, tbDone: false };
  }

  /**
   * Exactly one guest instruction with precise state afterwards: inside a TB being op-stepped it
   * finishes the current instruction; at a TB boundary it runs a one-instruction TB. Breakpoints
   * do not stop a step (it is how execution moves past them).
   */
  stepInsn(): Stop {
    if (this.opStep) {
      for (;;) {
        const s = this.stepBytecode();
        if (s.stop !== Stop.Budget) return s.stop;
        if (s.insnDone) return Stop.Budget;
      }
    }
    if (this.watchReportedAt >= 0 && this.watchReportedAt === this.currentPc()) return this.completeWatchedInsn();
    this.skipBreakpointOnce();
    const stop = this.cpuExecLoop(1);
    return stop === Stop.Breakpoint ? Stop.Budget : stop;
  }

  /** Runs to the end of the TB being op-stepped, or one whole TB, by bytecode steps. */
  stepTb(): Stop {
    for (;;) {
      const s = this.stepBytecode();
      if (s.stop !== Stop.Budget) return s.stop;
      if (s.tbDone) return Stop.Budget;
    }
  }

  /**
   * Enters the TB at the pc for stepping without executing any of it (stepBytecode does this
   * itself when needed); returns a Stop if that failed (a fetch fault: Stop.Exception).
   */
  enterTbForStepping(): Stop | null {
    if (this.opStep) return null;
    const stop = this.enterOpStep();
    if (stop !== null) this.observer?.exception?.(this.excp, this.excpAux, this.excpAuxHi);
    return stop;
  }

  /** Makes the next execution run the instruction at the pc even if it has a breakpoint (once). */
  skipBreakpointOnce(): void {
    const pc = this.currentPc();
    if (this.bps.has(pc)) this.bpReportedAt = pc;
  }

  /** Finds or translates the TB at the pc and starts op-stepping it; a Stop if that failed. */
  private enterOpStep(): Stop | null {
    let tb: number;
    try {
      tb = this.findTb();
    } catch (e) {
      if (e !== LOOP_EXIT) throw e;
      return Stop.Exception;
    }
    if (this.tbs.cold[tb]) {
      // translated before a debugger asked for debug info: step its optimized translation
      this.promote(tb);
      try {
        tb = this.findTb();
      } catch (e) {
        if (e !== LOOP_EXIT) throw e;
        return Stop.Exception;
      }
    }
    this.S.R[ENV_BUDGET] = OPSTEP_BUDGET;
    this.sliceBudget = OPSTEP_BUDGET;
    this.observer?.enterTb?.(tb);
    this.opStep = { tb, pc: this.tbs.codeStart[tb], insn: 0 };
    return null;
  }

  /** Abandons the TB being stepped so that it is translated again (with new options). */
  retranslateCurrentTb(): void {
    const c = this.opStep;
    if (!c || c.pc !== this.tbs.codeStart[c.tb]) return; // only before its first op
    this.opStep = null;
    this.sliceBudget = 0;
    this.tbs.invalidate(c.tb);
  }

  /** The stepped TB was left normally: account its instructions as execute() does. */
  private leaveOpStep(exitValue: number): void {
    this.insns += OPSTEP_BUDGET - Math.max(0, this.S.R[ENV_BUDGET]);
    this.sliceBudget = 0;
    this.tbExits++;
    if (exitValue >= 0) this.tbExitsChainable++;
    this.opStep = null;
    if (exitValue < EXIT_NOCHAIN) {
      // tb_start found no budget (cannot happen with OPSTEP_BUDGET, kept for symmetry)
      this.pcAtStartOf(-2 - exitValue);
    }
  }

  /** A fault at code offset pc of the stepped TB: precise state and instruction count, as unwind(). */
  private unwindOpStep(pc: number): void {
    const c = this.opStep!;
    this.pendingRetaddr = -1;
    const idx = this.insnIndexAt(c.tb, pc);
    this.target.restoreState(this.tbs.insnData[c.tb], idx);
    this.S.R[ENV_BUDGET] += this.tbs.icount[c.tb] - idx;
    this.insns += OPSTEP_BUDGET - Math.max(0, this.S.R[ENV_BUDGET]);
    this.sliceBudget = 0;
    this.opStep = null;
  }
}

function countOps(ops: Op[]): number {
  // indexed, not for-of: this runs for every TB of a cold start, before V8 optimizes anything
  let n = 0;
  for (let i = 0; i < ops.length; i++) if (ops[i].opc !== Opc.insn_start) n++;
  return n;
}
