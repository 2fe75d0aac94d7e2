// Core micro-benchmarks (issue 2.8): synthetic blocks built through the TCG builder API, run by the
// interpreter with chaining, measured in bytecode ops per second and words per op. Each block is a
// loop: its TB ends with goto_tb back to itself (or to its sibling), so the interpreter stays in its
// chained fast path, with the budget check at every TB entry.
import { CpuExec, type ExecOptions, type GuestTarget } from "../../src/exec/cpu-exec.ts";
import { DisasJump, type DisasContext, type TranslatorOps } from "../../src/exec/translator.ts";
import type { TcgBuilder } from "../../src/tcg/builder.ts";
import type { TcgContext, Temp } from "../../src/tcg/context.ts";
import { Cond, MO_UQ, Type } from "../../src/tcg/opcodes.ts";
import { insnWordsAt } from "../../src/tci/format.ts";
import { ENV_TARGET_BASE, PAGE_BITS } from "../../src/tci/state.ts";
import { type Softmmu, PAGE_SIZE } from "../../src/mem/softmmu.ts";

const PC = ENV_TARGET_BASE;
const FLAGS = PC + 2;
const G = PC + 4;

type Body = (b: TcgBuilder, g: Temp[], pc: number) => { next: [number, number] | number };

class BenchTarget implements GuestTarget, TranslatorOps {
  readonly addressBits = 64;
  readonly pageBits = PAGE_BITS;
  readonly pcSlot = PC;
  readonly csBaseSlot = -1;
  readonly flagsSlot = FLAGS;
  readonly envSlots = 4 + 32;
  readonly translator = this;
  readonly code = null;
  g: Temp[] = [];
  pcT!: Temp;
  constructor(private readonly body: Body) {}
  initGlobals(ctx: TcgContext): void {
    this.pcT = ctx.globalNew(Type.I64, PC, "pc");
    for (let i = 0; i < 16; i++) this.g.push(ctx.globalNew(Type.I64, G + 2 * i, `q${i}`));
  }
  // Each block is one "instruction" whose body ends the TB.
  tbStart(): void {}
  insnStart(db: DisasContext): void {
    db.b.gen_insn_start(db.pcFirstLo, 0);
  }
  tbStop(): void {}
  translateInsn(db: DisasContext): void {
    const b = db.b;
    const r = this.body(b, this.g, db.pcFirstLo);
    db.isJmp = DisasJump.NoReturn;
    const goto = (n: 0 | 1, dest: number) => {
      b.gen_goto_tb(n);
      b.gen_movi_i64(this.pcT, dest);
      b.gen_exit_tb(n);
    };
    if (typeof r.next === "number") goto(0, r.next);
    else {
      const [taken, fall] = r.next;
      const l = b.label_new();
      b.gen_brcondi(Type.I64, Cond.NE, this.g[15], 0, l);
      goto(1, fall);
      b.gen_set_label(l);
      goto(0, taken);
    }
  }
  restoreState(): void {}
}

const BLOCKS: Record<string, Body> = {
  /** Integer arithmetic: a 64-bit LCG, xorshift and mixing, as compiled C would do it. */
  arith: (b, g) => {
    const t = b.temp_new_i64();
    b.gen_muli_i64(t, g[0], 6364136223846793005n);
    b.gen_addi_i64(g[0], t, 1442695040888963407n);
    b.gen_shri_i64(t, g[1], 12);
    b.gen_xor_i64(g[1], g[1], t);
    b.gen_shli_i64(t, g[1], 25);
    b.gen_xor_i64(g[1], g[1], t);
    b.gen_add_i64(g[2], g[2], g[0]);
    b.gen_and_i64(t, g[2], g[1]);
    b.gen_or_i64(g[3], g[3], t);
    b.gen_addi_i64(g[4], g[4], 1);
    b.gen_sub_i64(g[5], g[5], g[4]);
    b.gen_setcond(Type.I64, Cond.LTU, g[6], g[5], g[4]);
    b.gen_add_i64(g[7], g[7], g[6]);
    return { next: 0 };
  },
  /** Memory: loads and stores through the inline TLB fast path over a 64 KiB buffer. */
  memory: (b, g) => {
    const v = b.temp_new_i64();
    const a = b.temp_new_i64();
    b.gen_andi_i64(a, g[0], 0xfff8);
    b.gen_qemu_ld(Type.I64, v, a, 0x10000, MO_UQ, 0);
    b.gen_add_i64(v, v, g[0]);
    b.gen_qemu_st(Type.I64, v, a, 0x10000, MO_UQ, 0);
    b.gen_qemu_ld(Type.I64, g[2], a, 0x10008, MO_UQ, 0);
    b.gen_xor_i64(g[1], g[1], g[2]);
    b.gen_addi_i64(g[0], g[0], 72);
    return { next: 0 };
  },
  /** Branchy: two TBs chained both ways, with a data-dependent conditional branch in each. */
  branchy: (b, g, pc) => {
    b.gen_addi_i64(g[0], g[0], 1);
    b.gen_andi_i64(g[15], g[0], pc === 0 ? 3 : 5);
    b.gen_add_i64(g[1], g[1], g[15]);
    return { next: pc === 0 ? [0x40, 0] : [0, 0x40] };
  },
};

export interface CoreRow {
  block: string;
  mode: "paired" | "lowered";
  opsPerTb: number;
  wordsPerOp: number;
  mOpsPerSec: number;
  mTbPerSec: number;
}

function measure(name: string, body: Body, opts: ExecOptions, seconds: number): CoreRow {
  const target = new BenchTarget(body);
  const exec = new CpuExec(target, undefined, opts);
  const mmu: Softmmu = exec.attachSoftmmu(new ArrayBuffer(1 << 20), {
    tlbFill: (lo, hi, _a, idx) => mmu.setEntry(idx, lo, hi, lo & -PAGE_SIZE, true, true),
    unaligned: () => {
      throw new Error("unaligned");
    },
  });
  exec.run(1000); // translate and warm up
  // Count bytecode ops and words of the translated TBs.
  let ops = 0,
    words = 0;
  const C = exec.S.code;
  for (let tb = 0; tb < exec.tbs.count; tb++) {
    for (let pc = exec.tbs.codeStart[tb]; pc < exec.tbs.codeEnd[tb];) {
      ops++;
      const n = insnWordsAt(C, pc);
      words += n;
      pc += n;
    }
  }
  const opsPerTb = ops / exec.tbs.count;
  // Run in slices until `seconds` have passed.
  const slice = 2_000_000;
  let tbs = 0;
  const t0 = performance.now();
  let dt = 0;
  while (dt < seconds * 1000) {
    const before = exec.insns;
    exec.run(slice);
    tbs += exec.insns - before;
    dt = performance.now() - t0;
  }
  return {
    block: name,
    mode: opts.lowerI64 ? "lowered" : "paired",
    opsPerTb,
    wordsPerOp: words / ops,
    mOpsPerSec: (tbs * opsPerTb) / dt / 1000,
    mTbPerSec: tbs / dt / 1000,
  };
}

export function runCoreBench(seconds = 2, log: (s: string) => void = console.log): CoreRow[] {
  const rows: CoreRow[] = [];
  for (const [name, body] of Object.entries(BLOCKS)) {
    for (const lowerI64 of [false, true]) {
      const r = measure(name, body, { lowerI64 }, seconds);
      rows.push(r);
      log(
        `  ${r.block.padEnd(8)} ${r.mode.padEnd(8)} ops/TB ${r.opsPerTb.toFixed(1).padStart(5)}  words/op ${r.wordsPerOp.toFixed(2)}  ` +
          `${r.mOpsPerSec.toFixed(0).padStart(4)} M ops/s  ${r.mTbPerSec.toFixed(1).padStart(6)} M TB/s`,
      );
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith("core.ts")) runCoreBench(Number(process.argv[2] ?? 2));
