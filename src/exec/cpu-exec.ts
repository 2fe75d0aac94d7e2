// The CPU execution loop (QEMU's accel/tcg/cpu-exec.c): find or translate the TB for the current
// (pc, flags), chain it to the previous one, run the interpreter, and turn guest exceptions raised
// inside a TB into precise state. Target-independent: a guest plugs in through GuestTarget.
import { TcgBuilder } from "../tcg/builder.ts";
import { TcgContext, type HelperInfo, type Op } from "../tcg/context.ts";
import { removeDeadOps } from "../tcg/liveness.ts";
import { lowerI64 } from "../tcg/lower-i64.ts";
import { optimize } from "../tcg/optimize.ts";
import { Opc } from "../tcg/opcodes.ts";
import { CodeBufferFull, Encoder, SCRATCH_SLOTS, TooManySlots, type EncodedTb } from "../tci/encode.ts";
import { tciExec } from "../tci/interpreter.ts";
import { warmUpInterpreter } from "../tci/warmup.ts";
import { ENV_BUDGET, EXIT_NOCHAIN, TciState, type SlowPath } from "../tci/state.ts";
import { Softmmu, type MmuHooks } from "../mem/softmmu.ts";
import { TbCache } from "./tb-cache.ts";

export const MAX_INSNS_PER_TB = 512;

export interface TranslateResult {
  /** Guest instructions in the TB. */
  icount: number;
  /** RAM pages (byte offset >> 12) the guest code was read from, for invalidation on writes. */
  pages: number[];
}

/** What a guest architecture provides to the execution engine. */
export interface GuestTarget {
  /** R slot of the guest pc (low word of a pair) and of the TB-flags word. */
  readonly pcSlot: number;
  readonly flagsSlot: number;
  /** Number of R slots of guest state, from ENV_TARGET_BASE on. */
  readonly envSlots: number;
  /** Creates the globals in ctx (called once). */
  initGlobals(ctx: TcgContext): void;
  /**
   * Emits one TB's ops (after the engine's tb_start) for code at (pcLo, pcHi) in mode `flags`.
   * Must raise the guest's fetch fault (via CpuExec.raise with retaddr -1) if the first instruction
   * cannot be fetched; stops before a later one that cannot.
   */
  translate(b: TcgBuilder, pcLo: number, pcHi: number, flags: number, maxInsns: number): TranslateResult;
  /** Writes back per-instruction state (at least the pc) from an insn_start record. */
  restoreState(data: Int32Array, index: number): void;
  /**
   * With an MMU: the RAM page holding the code at (pc, flags) now, or -1. A TB found in the hash
   * table is used only if it was translated from that page (QEMU keys TBs by physical address too).
   */
  codePage?(pcLo: number, pcHi: number, flags: number): number;
}

export const enum Stop {
  /** The instruction budget ran out (or an exit was requested). */
  Budget = 0,
  /** A guest exception is pending: see CpuExec.excp / excpAux. */
  Exception = 1,
}

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

/** Thrown (never allocated per throw) to unwind from a helper or the slow path to the loop. */
export const LOOP_EXIT = { loopExit: true };

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
}

/** Optional observers for logging (-d op, op_opt, out_asm, exec); null when off, so free. */
export interface ExecObserver {
  opsBefore?(ctx: TcgContext, ops: Op[], pcLo: number, pcHi: number): void;
  opsAfter?(ctx: TcgContext, ops: Op[], pcLo: number, pcHi: number): void;
  encoded?(tb: number, enc: EncodedTb): void;
  enterTb?(tb: number): void;
}

export class CpuExec {
  readonly S: TciState;
  readonly tbs: TbCache;
  readonly ctx: TcgContext;
  readonly builder: TcgBuilder;
  private readonly encoder: Encoder;
  /** Pending exception (valid after run() returned Stop.Exception). */
  excp = 0;
  excpAux = 0;
  excpAuxHi = 0;
  /** Guest instructions executed so far. */
  insns = 0;
  observer: ExecObserver | null = null;
  opts: Required<ExecOptions>;
  // statistics for `info jit`
  opsBeforeTotal = 0;
  opsAfterTotal = 0;
  insnsTranslated = 0;
  tbExits = 0;
  tbExitsChainable = 0;
  private exitRequested = false;
  private running = false;
  private static readonly EXIT_REQUEST_BIAS = 0x40000000;

  /**
   * @param slow the guest-memory slow path; machines with RAM leave it out and call attachSoftmmu
   *   (the softmmu needs this exec's state, so it cannot exist before the exec does).
   */
  constructor(
    readonly target: GuestTarget,
    slow: SlowPath = NO_MEMORY,
    opts: ExecOptions = {},
  ) {
    this.opts = {
      codeWords: opts.codeWords ?? 1 << 22,
      maxTbs: opts.maxTbs ?? 1 << 16,
      tempSlots: opts.tempSlots ?? 8192,
      optimize: opts.optimize ?? true,
      lowerI64: opts.lowerI64 ?? false,
      singlestep: opts.singlestep ?? false,
      noChain: opts.noChain ?? false,
      keepDebugInfo: opts.keepDebugInfo ?? false,
    };
    warmUpInterpreter();
    const envEnd = target.envSlots + 2; // engine slots come first (ENV_TARGET_BASE)
    const rSlots = envEnd + SCRATCH_SLOTS + this.opts.tempSlots;
    this.S = new TciState(rSlots, this.opts.codeWords, this.opts.maxTbs, slow);
    this.tbs = new TbCache(this.S, this.opts.maxTbs);
    this.ctx = new TcgContext(envEnd);
    this.builder = new TcgBuilder(this.ctx);
    target.initGlobals(this.ctx);
    this.encoder = new Encoder({ pcSlot: target.pcSlot, flagsSlot: target.flagsSlot }, rSlots);
  }

  /**
   * Gives the CPU guest RAM behind a softmmu whose TLB misses, MMIO and faults go to `hooks`, and
   * keeps self-modifying code detectable: the RAM pages of every new TB are write-protected in the
   * TLB (stores to them take the slow path and invalidate the TBs), and a flush unprotects them all.
   */
  attachSoftmmu(ram: ArrayBuffer, hooks?: MmuHooks): Softmmu {
    const mmu = new Softmmu(this.S, ram.byteLength);
    if (hooks) mmu.hooks = hooks; // else the caller sets them (an MMU that needs the softmmu first)
    this.S.slow = mmu;
    this.S.attachRam(ram);
    this.onNewTb = (tb) => {
      for (const p of this.tbs.pages[tb]) mmu.markCodePage(p);
    };
    this.onFlush = () => {
      mmu.codePages.fill(0);
      mmu.flushAll();
    };
    return mmu;
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
    // Outside run() there is no TB chain to stop: the caller's loop looks at its state anyway.
    if (this.exitRequested || !this.running) return;
    this.exitRequested = true;
    this.S.R[ENV_BUDGET] = (this.S.R[ENV_BUDGET] - CpuExec.EXIT_REQUEST_BIAS) | 0;
  }

  /** Runs at most `budget` guest instructions. */
  run(budget: number): Stop {
    const S = this.S;
    const R = S.R;
    const tbs = this.tbs;
    const { pcSlot, flagsSlot } = this.target;
    budget = Math.max(0, Math.min(budget, CpuExec.EXIT_REQUEST_BIAS - 1)) | 0;
    R[ENV_BUDGET] = budget;
    this.exitRequested = false;
    this.running = true;
    let lastExit = -1;
    let stop = Stop.Budget;
    const obs = this.observer;
    for (;;) {
      if (this.exitRequested) break;
      const left = R[ENV_BUDGET];
      if (left <= 0) break;
      const lo = R[pcSlot],
        hi = R[pcSlot + 1],
        flags = R[flagsSlot];
      let tb = tbs.jcLookup(lo, hi, flags);
      if (tb < 0) {
        tb = tbs.lookup(lo, hi, flags, this.target.codePage ? this.target.codePage(lo, hi, flags) : -1);
        if (tb < 0) {
          const before = tbs.flushes;
          try {
            tb = this.translate(lo, hi, flags, this.opts.singlestep ? 1 : MAX_INSNS_PER_TB);
          } catch (e) {
            if (e !== LOOP_EXIT) throw e;
            stop = Stop.Exception;
            break;
          }
          if (tbs.flushes !== before) lastExit = -1;
        }
        tbs.jcInsert(tb);
      }
      let oneShot = false;
      if (tbs.icount[tb] > left) {
        // Not enough budget for the whole TB: run an exact-length TB once (QEMU's cflags_next_tb).
        try {
          tb = this.translate(lo, hi, flags, left);
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
      let ret: number;
      try {
        ret = tciExec(S, tbs.codeStart[tb]);
      } catch (e) {
        if (oneShot) tbs.invalidate(tb);
        if (e !== LOOP_EXIT) throw e;
        this.unwind();
        stop = Stop.Exception;
        break;
      }
      if (oneShot) tbs.invalidate(tb);
      this.tbExits++;
      if (ret >= 0) {
        lastExit = this.opts.noChain ? -1 : ret;
        this.tbExitsChainable++;
      } else if (ret === EXIT_NOCHAIN) {
        lastExit = -1;
      } else {
        // tb_start found the budget spent: that TB did not run; the pc is its start.
        const t = -2 - ret;
        R[pcSlot] = tbs.pcLo[t];
        R[pcSlot + 1] = tbs.pcHi[t];
        lastExit = -1;
      }
    }
    if (this.exitRequested) {
      this.exitRequested = false;
      R[ENV_BUDGET] = (R[ENV_BUDGET] + CpuExec.EXIT_REQUEST_BIAS) | 0;
    }
    this.running = false;
    this.insns += budget - Math.max(0, R[ENV_BUDGET]);
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
    const offs = tbs.insnOffsets[tb];
    let idx = 0;
    for (let i = 0; i < offs.length; i++) if (offs[i] <= retaddr) idx = i;
    this.target.restoreState(tbs.insnData[tb], idx);
    // The TB was charged in full at tb_start; refund the instructions that did not complete.
    this.S.R[ENV_BUDGET] += tbs.icount[tb] - idx;
  }

  /** Translates, optimizes and encodes one TB; returns its id. */
  translate(lo: number, hi: number, flags: number, maxInsns: number): number {
    const tbs = this.tbs;
    for (let attempt = 0; ; attempt++) {
      const ctx = this.ctx;
      ctx.resetForTb();
      this.builder.gen_tb_start();
      const res = this.target.translate(this.builder, lo, hi, flags, maxInsns);
      let ops = ctx.ops;
      const obs = this.observer;
      if (obs?.opsBefore) obs.opsBefore(ctx, ops, lo, hi);
      this.opsBeforeTotal += countOps(ops);
      if (this.opts.lowerI64) ops = lowerI64(ctx, ops);
      if (this.opts.optimize) ops = optimize(ctx, ops);
      ops = removeDeadOps(ctx, ops);
      if (this.opts.noChain) ops = ops.map((op) => (op.opc === Opc.lookup_and_goto_ptr ? { ...op, opc: Opc.exit_tb, args: [-1] } : op));
      if (obs?.opsAfter) obs.opsAfter(ctx, ops, lo, hi);
      if (tbs.count >= tbs.maxTbs) {
        tbs.flush();
        this.onFlush?.();
      }
      try {
        const enc = this.encoder.encode(
          ctx,
          ops,
          this.S.code,
          tbs.codeTop,
          this.S.code.length,
          tbs.count,
          res.icount,
          this.opts.keepDebugInfo,
        );
        tbs.codeTop = enc.end;
        const tb = tbs.add(lo, hi, flags, enc.start, enc.end, res.icount, res.pages, enc.insnOffsets, enc.insnData);
        this.opsAfterTotal += countOps(ops);
        this.insnsTranslated += res.icount;
        this.onNewTb?.(tb);
        if (obs?.encoded) obs.encoded(tb, enc);
        return tb;
      } catch (e) {
        if (e instanceof CodeBufferFull && attempt < 2) {
          tbs.flush();
          this.onFlush?.();
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

  /** Set by the machine: called after a TB is added (to write-protect its pages) and after a flush. */
  onNewTb: ((tb: number) => void) | null = null;
  onFlush: (() => void) | null = null;
}

function countOps(ops: Op[]): number {
  let n = 0;
  for (const op of ops) if (op.opc !== Opc.insn_start) n++;
  return n;
}
