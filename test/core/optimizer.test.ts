// The optimizer (src/tcg/optimize.ts) and dead-code removal (src/tcg/liveness.ts) on realistic blocks:
// the op count must fall, and the guest-visible result must be the same with the optimizer on and off
// (and with i64 lowering), and equal to what the guest code means.
import { afterAll, describe, expect, test } from "vitest";
import { Stop } from "../../src/exec/cpu-exec.ts";
import type { TcgBuilder } from "../../src/tcg/builder.ts";
import type { Op, TcgContext, Temp } from "../../src/tcg/context.ts";
import { CALL_NO_RWG_SE, Cond, MO_SL, MO_UB, MO_UL, MO_UQ, MO_UW, OP_DEFS, Opc, Type } from "../../src/tcg/opcodes.ts";
import { CONFIGS, newWide } from "./op-suite.ts";
import { ALL_CONDS, CONDN, Rng, U, refCond } from "./reference-model.ts";
import { W_PC, readSlot, runWide, slotOf32, slotOf64, writeSlot, type Wide, type WideToy } from "./wide-toy.ts";

let checks = 0;
afterAll(() => console.log(`optimizer.test.ts: ${checks} checks`));

/** Ops of a TB, without insn_start markers. */
function countOps(ops: Op[]): number {
  return ops.filter((o) => o.opc !== Opc.insn_start).length;
}
function opName(o: Op): string {
  return (
    OP_DEFS[o.opc].name +
    (o.opc === Opc.insn_start || o.opc === Opc.tb_start || o.opc === Opc.exit_tb ? "" : o.type === Type.I64 ? "_i64" : "_i32")
  );
}
export function listing(ctx: TcgContext, ops: Op[]): string {
  const nm = (t: number) =>
    ctx.kind[t] === 2
      ? `$0x${(BigInt.asUintN(64, ctx.constValue(t)) & (ctx.type[t] === Type.I32 ? 0xffffffffn : (1n << 64n) - 1n)).toString(16)}`
      : ctx.name[t] || (ctx.parent[t] >= 0 ? `t${ctx.parent[t]}.${ctx.half[t] ? "hi" : "lo"}` : `t${t}`);
  return ops.map((o) => `  ${opName(o)} ${o.args.map((a, i) => (i < o.nOut + o.nIn ? nm(a) : String(a))).join(", ")}`).join("\n");
}

interface Captured {
  before: number;
  after: number;
  beforeOps: string;
  afterOps: string;
  afterOpcs: Opc[];
}

/** Runs a block in one configuration, capturing the op lists before and after optimization. */
function runCaptured(w: Wide, emit: (b: TcgBuilder, t: WideToy) => void): Captured & { stop: Stop } {
  const cap: Captured = { before: 0, after: 0, beforeOps: "", afterOps: "", afterOpcs: [] };
  const detach = w.exec.addObserver({
    opsBefore: (ctx, ops) => {
      cap.before = countOps(ops);
      cap.beforeOps = listing(ctx, ops);
    },
    opsAfter: (ctx, ops) => {
      cap.after = countOps(ops);
      cap.afterOps = listing(ctx, ops);
      cap.afterOpcs = ops.map((o) => o.opc);
    },
  });
  const stop = runWide(w, emit);
  detach();
  return { ...cap, stop };
}

// ---- a RISC-V-like front end over WideToy's globals: x1..x31 = q1..q31, x0 reads as constant 0

const A0 = 10,
  A1 = 11,
  A2 = 12,
  A3 = 13,
  A4 = 14,
  A5 = 15;

class Rv {
  constructor(
    readonly b: TcgBuilder,
    readonly t: WideToy,
  ) {}
  pc = 0x1000;
  get(r: number): Temp {
    return r === 0 ? this.b.const_i64(0) : this.t.g64[r];
  }
  /** QEMU's riscv translate.c computes into a destination temp, then gen_set_gpr copies it. */
  dest(): Temp {
    return this.b.temp_new_i64();
  }
  set(r: number, v: Temp): void {
    if (r !== 0) this.b.gen_mov_i64(this.t.g64[r], v);
  }
  insn(): void {
    this.b.gen_insn_start(this.pc, 0);
    this.pc += 4;
  }
  addi(rd: number, rs: number, imm: number): void {
    this.insn();
    const d = this.dest();
    this.b.gen_addi_i64(d, this.get(rs), imm);
    this.set(rd, d);
  }
  lui(rd: number, imm20: number): void {
    this.insn();
    const d = this.dest();
    this.b.gen_movi_i64(d, BigInt.asIntN(32, BigInt(imm20) << 12n));
    this.set(rd, d);
  }
  slli(rd: number, rs: number, sh: number): void {
    this.insn();
    const d = this.dest();
    this.b.gen_shli_i64(d, this.get(rs), sh);
    this.set(rd, d);
  }
  rop(opc: Opc, rd: number, rs1: number, rs2: number): void {
    this.insn();
    const d = this.dest();
    this.b.binary(opc, Type.I64, d, this.get(rs1), this.get(rs2));
    this.set(rd, d);
  }
  /** addw: 32-bit add, sign-extended (the frontend emits add then ext32s). */
  addw(rd: number, rs1: number, rs2: number): void {
    this.insn();
    const d = this.dest();
    this.b.gen_add_i64(d, this.get(rs1), this.get(rs2));
    this.b.gen_ext32s_i64(d, d);
    this.set(rd, d);
  }
  load(rd: number, rs: number, imm: number, memop: number): void {
    this.insn();
    const d = this.dest();
    this.b.gen_qemu_ld(Type.I64, d, this.get(rs), imm, memop, 0);
    this.set(rd, d);
  }
  store(rs2: number, rs1: number, imm: number, memop: number): void {
    this.insn();
    this.b.gen_qemu_st(Type.I64, this.get(rs2), this.get(rs1), imm, memop, 0);
  }
  andi(rd: number, rs: number, imm: number): void {
    this.insn();
    const d = this.dest();
    this.b.gen_andi_i64(d, this.get(rs), imm);
    this.set(rd, d);
  }
  zextw(rd: number, rs: number): void {
    this.insn();
    const d = this.dest();
    this.b.gen_ext32u_i64(d, this.get(rs));
    this.set(rd, d);
  }
  mv(rd: number, rs: number): void {
    this.addi(rd, rs, 0);
  }
  /** gen_goto_tb as in QEMU: goto_tb n; pc = dest; exit_tb(n). */
  gotoTb(n: 0 | 1, dest: number): void {
    this.b.gen_goto_tb(n);
    this.b.gen_movi_i64(this.t.pc, dest);
    this.b.gen_exit_tb(n);
  }
  branch(cond: Cond, rs1: number, rs2: number, target: number): void {
    this.insn();
    const next = this.pc;
    const L = this.b.label_new();
    this.b.gen_brcond(Type.I64, cond, this.get(rs1), this.get(rs2), L);
    this.gotoTb(1, next);
    this.b.gen_set_label(L);
    this.gotoTb(0, target);
  }
}

interface Scenario {
  name: string;
  /** Global registers (x1..x31) to initialize. */
  regs: Record<number, bigint>;
  ram?: (mem: Uint8Array) => void;
  emit(rv: Rv): void;
  /** Expected register values after the block (what the guest code means). */
  expect: Record<number, bigint>;
  /** The optimizer must remove at least this many of the front end's ops. */
  minSaved: number;
  /** Ops that must not survive optimization. */
  mustVanish?: Opc[];
  pc?: bigint;
  setup?(w: Wide): void;
}

function fillRam(mem: Uint8Array): void {
  const r = new Rng(2024);
  for (let i = 0; i < 0x4000; i++) mem[i] = r.u32() & 0xff;
}

const scenarios: Scenario[] = [
  {
    name: "addi a0,a0,1; slli a1,a0,3; add a1,a1,a2; ld a3,0(a1); bne a3,zero,...",
    regs: { [A0]: 4n, [A2]: 0x1000n },
    ram: fillRam,
    emit(rv) {
      rv.addi(A0, A0, 1);
      rv.slli(A1, A0, 3);
      rv.rop(Opc.add, A1, A1, A2);
      rv.load(A3, A1, 0, MO_UQ);
      rv.branch(Cond.NE, A3, 0, 0x2000);
    },
    expect: { [A0]: 5n, [A1]: 0x1028n },
    // The exit_tb the toy appends after the branch's two exits is unreachable.
    minSaved: 1,
    pc: 0x2000n,
  },
  {
    name: "constant address computation: lui a5,2; addi a5,a5,0x40; ld a4,8(a5); sd a4,16(a5)",
    regs: {},
    ram: fillRam,
    emit(rv) {
      rv.lui(A5, 2);
      rv.addi(A5, A5, 0x40);
      rv.load(A4, A5, 8, MO_UQ);
      rv.store(A4, A5, 16, MO_UQ);
      rv.addi(A3, A5, -0x40);
    },
    expect: { [A5]: 0x2040n, [A3]: 0x2000n },
    minSaved: 3,
    mustVanish: [Opc.add],
  },
  {
    name: "redundant zero-extensions after zero-extending loads: lbu+andi 0xff, lhu+zext.h, lwu+zext.w",
    regs: { [A1]: 0x3000n },
    ram: fillRam,
    emit(rv) {
      rv.load(A0, A1, 1, MO_UB);
      rv.andi(A0, A0, 0xff);
      rv.load(A2, A1, 2, MO_UW);
      rv.insn();
      const d = rv.dest();
      rv.b.gen_ext16u(Type.I64, d, rv.get(A2));
      rv.set(A2, d);
      rv.load(A3, A1, 4, MO_UL);
      rv.zextw(A3, A3);
    },
    expect: {},
    // and/extract become movs of the register into the temp; `mov xN, temp` then copies xN to itself
    // and disappears, and the temp is dead: 2 ops per instruction (QEMU's fold_and + copy propagation)
    minSaved: 6,
    mustVanish: [Opc.and, Opc.extract],
  },
  {
    name: "x ^ x, x - x, x & x, x | 0, x * 1 through copies",
    regs: { [A0]: 0x123456789n, [A1]: 77n },
    emit(rv) {
      rv.rop(Opc.xor, A2, A0, A0);
      rv.rop(Opc.sub, A3, A1, A1);
      rv.rop(Opc.and, A4, A0, A0);
      rv.rop(Opc.or, A5, A1, 0);
      rv.insn();
      const d = rv.dest();
      rv.b.gen_muli_i64(d, rv.get(A0), 1);
      rv.set(16, d);
    },
    expect: { [A2]: 0n, [A3]: 0n, [A4]: 0x123456789n, [A5]: 77n, 16: 0x123456789n },
    // one op per instruction remains: `mov xN, $0` or `mov xN, xM` (the temp is propagated away)
    minSaved: 5,
    mustVanish: [Opc.xor, Opc.sub, Opc.and, Opc.or, Opc.mul],
  },
  {
    name: "copies through temps: mv a0,a1; mv a2,a0; add a3,a2,a0; addw a4,a3,a3",
    regs: { [A1]: 0x7fffffffn },
    emit(rv) {
      rv.mv(A0, A1);
      rv.mv(A2, A0);
      rv.rop(Opc.add, A3, A2, A0);
      rv.addw(A4, A3, A3);
    },
    expect: { [A0]: 0x7fffffffn, [A2]: 0x7fffffffn, [A3]: 0xfffffffen, [A4]: U(64, -4n) },
    // mv a0,a1 and mv a2,a0 (addi rd, rs, 0) become `mov a0, a1; mov a2, a1` (copy propagation
    // through the destination temps, as QEMU's optimizer does): 2 ops fewer
    minSaved: 2,
  },
  {
    name: "dead temps: values computed and never used, overwritten registers",
    regs: { [A0]: 5n, [A1]: 9n },
    emit(rv) {
      for (let i = 0; i < 4; i++) {
        rv.insn();
        const d = rv.dest();
        rv.b.gen_mul_i64(d, rv.get(A0), rv.get(A1)); // never used
      }
      rv.addi(A2, A0, 1); // overwritten below before anyone reads it
      rv.addi(A2, A1, 2);
    },
    expect: { [A2]: 11n },
    minSaved: 6,
  },
  {
    name: "constant folding chain: li t0,12; slli t0,t0,4; addi t0,t0,-1; xori; sltiu",
    regs: {},
    emit(rv) {
      rv.addi(5, 0, 12);
      rv.slli(5, 5, 4);
      rv.addi(5, 5, -1);
      rv.insn();
      const d = rv.dest();
      rv.b.gen_xori_i64(d, rv.get(5), 0x55);
      rv.set(6, d);
      rv.insn();
      const e = rv.dest();
      rv.b.gen_setcondi(Type.I64, Cond.LTU, e, rv.get(6), 0x100);
      rv.set(7, e);
    },
    expect: { 5: 191n, 6: 191n ^ 0x55n, 7: 1n },
    minSaved: 6,
    mustVanish: [Opc.shl, Opc.add, Opc.xor, Opc.setcond],
  },
];

function setupScenario(w: Wide, s: Scenario): void {
  for (let r = 1; r < 32; r++) writeSlot(w.R, slotOf64(r), 64, s.regs[r] ?? BigInt(r) * 0x1111n);
  s.ram?.(w.mem);
}

function snapshot(w: Wide): string {
  const regs: string[] = [];
  for (let r = 0; r < 32; r++) regs.push(readSlot(w.R, slotOf64(r), 64).toString(16));
  regs.push("pc=" + readSlot(w.R, W_PC, 64).toString(16));
  let h = 0;
  for (let i = 0; i < 0x4000; i++) h = Math.imul(h ^ w.mem[i], 0x01000193);
  return regs.join(",") + " ram#" + (h >>> 0).toString(16);
}

describe("realistic blocks: fewer ops, same results", () => {
  for (const s of scenarios) {
    test(s.name, () => {
      const results: Record<string, string> = {};
      const counts: Record<string, [number, number]> = {};
      let optAfter = "";
      for (const cfg of CONFIGS) {
        const w = newWide(cfg);
        setupScenario(w, s);
        const cap = runCaptured(w, (b, t) => s.emit(new Rv(b, t)));
        expect(cap.stop, cfg.name).toBe(Stop.Budget);
        results[cfg.name] = snapshot(w);
        counts[cfg.name] = [cap.before, cap.after];
        if (cfg.name === "opt") optAfter = cap.afterOps;
        for (const [r, v] of Object.entries(s.expect)) {
          expect(readSlot(w.R, slotOf64(+r), 64), `${cfg.name}: x${r}`).toBe(v);
          checks++;
        }
        if (s.pc !== undefined) expect(readSlot(w.R, W_PC, 64), `${cfg.name}: pc`).toBe(s.pc);
      }
      console.log(
        `[optimizer] ${s.name}\n  ops before -> after: ` +
          Object.entries(counts)
            .map(([k, [a, b]]) => `${k} ${a} -> ${b}`)
            .join(", ") +
          `\n  optimized (opt):\n${optAfter.replace(/^/gm, "  ")}`,
      );
      // Identical guest state in every configuration.
      for (const cfg of CONFIGS) expect(results[cfg.name], cfg.name).toBe(results.opt);
      checks += CONFIGS.length;
      // The optimizer shrinks the block: at least `minSaved` ops fewer than what the front end emitted
      // (what QEMU's optimizer achieves on the same pattern; liveness alone runs in every config).
      expect(
        counts.opt[0] - counts.opt[1],
        `ops saved by the optimizer (before ${counts.opt[0]}, after ${counts.opt[1]})\n${optAfter}`,
      ).toBeGreaterThanOrEqual(s.minSaved);
      expect(counts.opt[1], "the optimizer does at least as well as liveness alone").toBeLessThanOrEqual(counts.noopt[1]);
      if (s.mustVanish)
        for (const o of s.mustVanish)
          expect(optAfter, `no ${OP_DEFS[o].name} left`).not.toMatch(new RegExp(`^\\s*${OP_DEFS[o].name}_`, "m"));
      checks += 2;
    });
  }

  test("a pure helper (CALL_NO_RWG_SE) whose result is unused is removed; an impure one stays", () => {
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      let pureCalls = 0,
        impureCalls = 0;
      const R = w.R;
      const pure = w.exec.helper({
        name: "pure_mul3",
        flags: CALL_NO_RWG_SE,
        out: Type.I64,
        ins: [Type.I64],
        fn: (out, a) => {
          pureCalls++;
          R[out] = Math.imul(R[a], 3);
          R[out + 1] = 0;
        },
      });
      const impure = w.exec.helper({
        name: "impure_count",
        flags: 0,
        out: Type.I64,
        ins: [Type.I64],
        fn: (out, a) => {
          impureCalls++;
          R[out] = R[a] + 1;
          R[out + 1] = 0;
        },
      });
      writeSlot(R, slotOf64(1), 64, 7n);
      const cap = runCaptured(w, (b, t) => {
        const x = b.temp_new_i64(),
          y = b.temp_new_i64(),
          z = b.temp_new_i64();
        b.gen_call(pure, x, [t.g64[1]]); // unused: removed
        b.gen_call(impure, y, [t.g64[1]]); // unused result, but side effects: kept
        b.gen_call(pure, z, [t.g64[1]]); // used: kept
        b.gen_mov_i64(t.g64[2], z);
      });
      const calls = cap.afterOpcs.filter((o) => o === Opc.call).length;
      expect(calls, `${cfg.name}: calls after optimization\n${cap.afterOps}`).toBe(2);
      expect(pureCalls, cfg.name).toBe(1);
      expect(impureCalls, cfg.name).toBe(1);
      expect(readSlot(R, slotOf64(2), 64), cfg.name).toBe(21n);
      checks += 4;
    }
  });

  test("copies and constants of globals are forgotten across a helper that may write globals", () => {
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      const R = w.R;
      const clobber = w.exec.helper({
        name: "clobber_q1",
        flags: 0, // may read and write globals
        out: null,
        ins: [],
        fn: () => {
          R[slotOf64(1)] = 1000;
          R[slotOf64(1) + 1] = 0;
        },
      });
      const pureId = w.exec.helper({
        name: "pure_id",
        flags: CALL_NO_RWG_SE,
        out: Type.I64,
        ins: [Type.I64],
        fn: (o, a) => ((R[o] = R[a]), (R[o + 1] = R[a + 1])),
      });
      writeSlot(R, slotOf64(1), 64, 5n);
      runCaptured(w, (b, t) => {
        const c = b.temp_new_i64();
        b.gen_mov_i64(c, t.g64[1]); // c = q1 (5)
        b.gen_movi_i64(t.g64[3], 42); // q3 = 42 (a known constant)
        b.gen_call(clobber, null, []);
        b.gen_add_i64(t.g64[2], t.g64[1], c); // 1000 + 5
        b.gen_mov_i64(t.g64[4], t.g64[3]);
        const p = b.temp_new_i64();
        b.gen_call(pureId, p, [t.g64[1]]); // a NO_RWG helper does not invalidate knowledge, and sees 1000
        b.gen_mov_i64(t.g64[5], p);
      });
      expect(readSlot(R, slotOf64(2), 64), cfg.name).toBe(1005n);
      expect(readSlot(R, slotOf64(4), 64), cfg.name).toBe(42n);
      expect(readSlot(R, slotOf64(5), 64), cfg.name).toBe(1000n);
      checks += 3;
    }
  });
});

describe("branch folding", () => {
  // brcond on two constants: taken -> br (the skipped code disappears); not taken -> nothing.
  const vals: bigint[] = [0n, 1n, 5n, U(64, -1n), 0x80000000n, 0x8000000000000000n];
  for (const w of [32, 64] as const) {
    test(`brcond_i${w} on constants becomes br or disappears, for every condition`, () => {
      for (const cfg of CONFIGS.filter((c) => c.optimize)) {
        const wide = newWide(cfg);
        for (const cond of ALL_CONDS) {
          for (const a of vals) {
            for (const bv of [0n, 5n, U(64, -1n)]) {
              const taken = refCond(cond, w, a, bv);
              writeSlot(wide.R, slotOf64(1), 64, 0n);
              writeSlot(wide.R, slotOf64(2), 64, 0n);
              writeSlot(wide.R, slotOf64(3), 64, 0n);
              const cap = runCaptured(wide, (b, t) => {
                const T = w === 64 ? Type.I64 : Type.I32;
                const k = (v: bigint) => (w === 64 ? b.const_i64(BigInt.asIntN(64, v)) : b.const_i32(Number(BigInt.asIntN(32, v))));
                // An unknown branch to L1 keeps L1 alive, so a folded `br L2` must stay visible.
                const L1 = b.label_new(),
                  L2 = b.label_new();
                b.gen_brcondi(Type.I64, Cond.EQ, t.g64[9], 12345, L1);
                b.gen_brcond(T, cond, k(a), k(bv), L2);
                b.gen_movi_i64(t.g64[1], 1); // runs only if not taken
                b.gen_set_label(L1);
                b.gen_movi_i64(t.g64[2], 1);
                b.gen_set_label(L2);
                b.gen_movi_i64(t.g64[3], 1);
              });
              const where = `${cfg.name} ${CONDN[cond]}(${a.toString(16)}, ${bv.toString(16)})\n${cap.afterOps}`;
              const brconds = cap.afterOpcs.filter((o) => o === Opc.brcond || o === Opc.brcond2).length;
              const brs = cap.afterOpcs.filter((o) => o === Opc.br).length;
              expect(brconds, where).toBe(1); // only the unknown one
              expect(brs, where).toBe(taken ? 1 : 0);
              expect(readSlot(wide.R, slotOf64(1), 64), where).toBe(taken ? 0n : 1n);
              expect(readSlot(wide.R, slotOf64(2), 64), where).toBe(taken ? 0n : 1n);
              expect(readSlot(wide.R, slotOf64(3), 64), where).toBe(1n);
              checks += 5;
            }
          }
        }
      }
    });
  }

  test("brcond on values the optimizer proved constant (through copies and arithmetic) folds too", () => {
    for (const cfg of CONFIGS.filter((c) => c.optimize)) {
      const w = newWide(cfg);
      const cap = runCaptured(w, (b, t) => {
        const x = b.temp_new_i64(),
          y = b.temp_new_i64();
        b.gen_movi_i64(x, 40);
        b.gen_addi_i64(y, x, 2);
        const L = b.label_new();
        b.gen_brcondi(Type.I64, Cond.EQ, y, 42, L); // always taken
        b.gen_movi_i64(t.g64[1], 111);
        b.gen_set_label(L);
        const z = b.temp_new_i32();
        b.gen_movi_i32(z, 7);
        const M = b.label_new();
        b.gen_brcondi(Type.I32, Cond.GTU, z, 8, M); // never taken
        b.gen_movi_i64(t.g64[2], 222);
        b.gen_set_label(M);
      });
      expect(cap.afterOpcs.includes(Opc.brcond) || cap.afterOpcs.includes(Opc.brcond2), `${cfg.name}\n${cap.afterOps}`).toBe(false);
      expect(readSlot(w.R, slotOf64(1), 64)).not.toBe(111n);
      expect(readSlot(w.R, slotOf64(2), 64)).toBe(222n);
      checks += 3;
    }
  });
});

describe("regressions: optimizer folding and known bits", () => {
  test("copy propagation works through i64 globals as it does through i32 globals", () => {
    // optimize.ts emitMov records `d is a copy of s` only when neither has i32 views; but every i64
    // global gets views when it is created (TcgContext.globalNew), so copies of i64 globals (all the
    // registers of a 64-bit guest) are never propagated: `mov t, q1; mov q2, t` keeps both movs and t.
    const w = newWide(CONFIGS[0]);
    writeSlot(w.R, slotOf64(1), 64, 0x1234n);
    writeSlot(w.R, slotOf32(1), 32, 0x99n);
    const cap = runCaptured(w, (b, t) => {
      const x = b.temp_new_i32();
      b.gen_mov_i32(x, t.g32[1]);
      b.gen_mov_i32(t.g32[2], x); // -> mov w2, w1 (x dead)
      const y = b.temp_new_i64();
      b.gen_mov_i64(y, t.g64[1]);
      b.gen_mov_i64(t.g64[2], y); // -> mov q2, q1 (y dead)
      const z = b.temp_new_i64();
      b.gen_mov_i64(z, t.g64[1]);
      b.gen_add_i64(t.g64[3], z, z); // -> add q3, q1, q1 (z dead)
    });
    expect(readSlot(w.R, slotOf32(2), 32)).toBe(0x99n);
    expect(readSlot(w.R, slotOf64(2), 64)).toBe(0x1234n);
    expect(readSlot(w.R, slotOf64(3), 64)).toBe(0x2468n);
    expect(cap.afterOps, "i32").toMatch(/mov_i32 w2, w1$/m);
    expect(cap.afterOps, "i64 mov").toMatch(/mov_i64 q2, q1$/m);
    expect(cap.afterOps, "i64 add").toMatch(/add_i64 q3, q1, q1$/m);
    expect(cap.after, cap.afterOps).toBe(5); // tb_start, 3 ops, exit_tb
    checks += 7;
  });

  test("setcond/negsetcond/brcond with TSTEQ/TSTNE on one operand twice is (x & x) ==/!= 0, not a constant", () => {
    // optimize.ts folds `cond(x, x)` with evalCond(cond, 0, 0), which is right for EQ/LT/... but not for
    // the test conditions: TSTEQ(x, x) is x == 0. QEMU's do_constant_folding_cond_eq returns "unknown"
    // for TSTEQ/TSTNE.
    for (const cfg of CONFIGS) {
      for (const x of [0n, 6n, 0x8000000000000000n]) {
        const w = newWide(cfg);
        writeSlot(w.R, slotOf64(1), 64, x);
        writeSlot(w.R, slotOf32(1), 32, x & 0xffffffffn);
        runCaptured(w, (b, t) => {
          const q = t.g64,
            d = t.g32;
          b.gen_setcond(Type.I64, Cond.TSTEQ, q[2], q[1], q[1]);
          b.gen_setcond(Type.I64, Cond.TSTNE, q[3], q[1], q[1]);
          b.gen_negsetcond(Type.I64, Cond.TSTNE, q[4], q[1], q[1]);
          b.gen_setcond(Type.I32, Cond.TSTEQ, d[2], d[1], d[1]);
          b.gen_negsetcond(Type.I32, Cond.TSTNE, d[3], d[1], d[1]);
          const c = b.temp_new_i64();
          b.gen_mov_i64(c, q[1]); // a copy is the same value too
          const L = b.label_new();
          b.gen_movi_i64(q[5], 1);
          b.gen_brcond(Type.I64, Cond.TSTNE, q[1], c, L);
          b.gen_movi_i64(q[5], 0);
          b.gen_set_label(L);
          const M = b.label_new();
          b.gen_movi_i32(d[4], 1);
          b.gen_brcond(Type.I32, Cond.TSTEQ, d[1], d[1], M);
          b.gen_movi_i32(d[4], 0);
          b.gen_set_label(M);
        });
        const nz = x !== 0n,
          nz32 = (x & 0xffffffffn) !== 0n;
        const where = `${cfg.name} x=${x.toString(16)}`;
        expect(readSlot(w.R, slotOf64(2), 64), `${where}: setcond tsteq`).toBe(nz ? 0n : 1n);
        expect(readSlot(w.R, slotOf64(3), 64), `${where}: setcond tstne`).toBe(nz ? 1n : 0n);
        expect(readSlot(w.R, slotOf64(4), 64), `${where}: negsetcond tstne`).toBe(nz ? U(64, -1n) : 0n);
        expect(readSlot(w.R, slotOf32(2), 32), `${where}: setcond_i32 tsteq`).toBe(nz32 ? 0n : 1n);
        expect(readSlot(w.R, slotOf32(3), 32), `${where}: negsetcond_i32 tstne`).toBe(nz32 ? 0xffffffffn : 0n);
        expect(readSlot(w.R, slotOf64(5), 64), `${where}: brcond tstne (x, copy of x)`).toBe(nz ? 1n : 0n);
        expect(readSlot(w.R, slotOf32(4), 32), `${where}: brcond_i32 tsteq (x, x)`).toBe(nz32 ? 0n : 1n);
        checks += 7;
      }
    }
  });

  test("known zero bits of a qemu_ld come from its MemOp, not from its mmu index", () => {
    // optimize.ts records loadMask(args[4], ...) for qemu_ld, but args = [val, addr, offset, memop, mmuIdx]:
    // args[4] is the mmu index. With mmu index 0 every load looks like an 8-bit zero-extending load,
    // so a later `and x, 0xff` (or extract 0,8) is dropped as redundant.
    for (const cfg of CONFIGS) {
      const w = newWide(cfg);
      w.mem.set([0x34, 0x12, 0x78, 0x56, 0xbc, 0x9a, 0xf0, 0xde], 0x100);
      writeSlot(w.R, slotOf64(1), 64, 0x100n);
      runCaptured(w, (b, t) => {
        const x = b.temp_new_i64(),
          y = b.temp_new_i64(),
          z = b.temp_new_i32();
        b.gen_qemu_ld(Type.I64, x, t.g64[1], 0, MO_UW, 0);
        b.gen_andi_i64(t.g64[2], x, 0xff);
        b.gen_qemu_ld(Type.I64, y, t.g64[1], 0, MO_UQ, 0);
        b.gen_ext8u(Type.I64, t.g64[3], y);
        b.gen_qemu_ld(Type.I32, z, t.g64[1], 4, MO_SL, 0);
        b.gen_andi_i32(t.g32[1], z, 0xffff);
      });
      expect(readSlot(w.R, slotOf64(2), 64), `${cfg.name}: ld16u & 0xff`).toBe(0x34n);
      expect(readSlot(w.R, slotOf64(3), 64), `${cfg.name}: ext8u(ld64)`).toBe(0x34n);
      expect(readSlot(w.R, slotOf32(1), 32), `${cfg.name}: ld32 & 0xffff`).toBe(0x9abcn);
      checks += 3;
    }
  });

  test("an 8-bit zero-extending load makes `and 0xff` redundant in every mmu index", () => {
    // The same defect seen from the other side: with mmu index 1..3 the optimizer believes 16/32/64
    // bits may be set and keeps the mask.
    for (const mmu of [0, 1, 2, 3]) {
      const w = newWide(CONFIGS[0]);
      writeSlot(w.R, slotOf64(1), 64, 0x100n);
      const cap = runCaptured(w, (b, t) => {
        const x = b.temp_new_i64();
        b.gen_qemu_ld(Type.I64, x, t.g64[1], 0, MO_UB, mmu);
        b.gen_andi_i64(t.g64[2], x, 0xff);
      });
      expect(cap.afterOpcs.includes(Opc.and), `mmu ${mmu}:\n${cap.afterOps}`).toBe(false);
      checks++;
    }
  });

  test("a rotate written as two shifts and an or becomes one rotate (64-bit, and RV64's srliw + slliw)", () => {
    const x = 0x89abcdef12345678n;
    for (const n of [1, 7, 13, 31]) {
      const w = newWide(CONFIGS[0]);
      writeSlot(w.R, slotOf64(1), 64, x);
      const cap = runCaptured(w, (b, t) => {
        // x2 = x1 << n | x1 >>> (64 - n), through the guest registers x3, x4 as a compiler writes it
        b.gen_shli_i64(t.g64[3], t.g64[1], n);
        b.binaryi(Opc.shr, Type.I64, t.g64[4], t.g64[1], 64 - n);
        b.gen_or_i64(t.g64[2], t.g64[3], t.g64[4]);
        // x5 = srliw x1, n; x6 = slliw x1, 32 - n; x7 = x5 | x6 (sext32(rotr32(x1, n)))
        b.gen_extract(Type.I64, t.g64[5], t.g64[1], n, 32 - n);
        const s = b.temp_new_i64();
        b.gen_shli_i64(s, t.g64[1], 32 - n);
        b.gen_sextract(Type.I64, t.g64[6], s, 0, 32);
        b.gen_or_i64(t.g64[7], t.g64[6], t.g64[5]);
      });
      const M = (1n << 64n) - 1n;
      expect(readSlot(w.R, slotOf64(2), 64)).toBe(((x << BigInt(n)) | (x >> BigInt(64 - n))) & M);
      const lo = x & 0xffffffffn;
      const r32 = ((lo >> BigInt(n)) | (lo << BigInt(32 - n))) & 0xffffffffn;
      expect(readSlot(w.R, slotOf64(7), 64)).toBe(r32 & 0x80000000n ? r32 | 0xffffffff00000000n : r32);
      // the shifts' own results are still written (x3..x6 are live at the TB's end)
      expect(readSlot(w.R, slotOf64(3), 64)).toBe((x << BigInt(n)) & M);
      expect(cap.afterOps, cap.afterOps).toMatch(/rotl_i64 q2, q1, \$0x/);
      expect(cap.afterOps, cap.afterOps).toMatch(/rotr_i32 /);
      expect(cap.afterOps, cap.afterOps).not.toMatch(/or_i64/);
      checks += 6;
    }
  });

  test("a rotate whose second shift overwrites x (srliw a, x, n; slliw x, x, 32-n; or) is computed before that write", () => {
    const M = (1n << 64n) - 1n;
    for (const n of [3, 10, 25]) {
      const x = 0x0123456789abcdefn;
      const w = newWide(CONFIGS[0]);
      writeSlot(w.R, slotOf64(1), 64, x);
      writeSlot(w.R, slotOf64(5), 64, x);
      const cap = runCaptured(w, (b, t) => {
        // 32-bit, md5's form: x4 = srliw x1, n; x1 = slliw x1, 32-n; x4 = x4 | x1
        b.gen_extract(Type.I64, t.g64[4], t.g64[1], n, 32 - n);
        const s = b.temp_new_i64();
        b.gen_shli_i64(s, t.g64[1], 32 - n);
        b.gen_sextract(Type.I64, t.g64[1], s, 0, 32);
        b.gen_or_i64(t.g64[4], t.g64[4], t.g64[1]);
        // 64-bit: x6 = x5 << n; x5 = x5 >>> 64-n; x7 = x5 | x6
        b.gen_shli_i64(t.g64[6], t.g64[5], n);
        b.binaryi(Opc.shr, Type.I64, t.g64[5], t.g64[5], 64 - n);
        b.gen_or_i64(t.g64[7], t.g64[5], t.g64[6]);
      });
      const lo = x & 0xffffffffn;
      const r32 = ((lo >> BigInt(n)) | (lo << BigInt(32 - n))) & 0xffffffffn;
      expect(readSlot(w.R, slotOf64(4), 64)).toBe(r32 & 0x80000000n ? r32 | 0xffffffff00000000n : r32);
      const s32 = (lo << BigInt(32 - n)) & 0xffffffffn;
      expect(readSlot(w.R, slotOf64(1), 64)).toBe(s32 & 0x80000000n ? s32 | 0xffffffff00000000n : s32);
      expect(readSlot(w.R, slotOf64(7), 64)).toBe(((x << BigInt(n)) | (x >> BigInt(64 - n))) & M);
      expect(readSlot(w.R, slotOf64(5), 64)).toBe(x >> BigInt(64 - n));
      expect(cap.afterOps, cap.afterOps).toMatch(/rotr_i32 /);
      expect(cap.afterOps, cap.afterOps).toMatch(/rotl_i64 /);
      expect(cap.afterOps, cap.afterOps).not.toMatch(/or_i64/);
      checks += 7;
    }
  });

  test("sub of a constant becomes add of its negation, commutative ops put constants second", () => {
    const w = newWide(CONFIGS[0]);
    writeSlot(w.R, slotOf64(1), 64, 100n);
    writeSlot(w.R, slotOf32(1), 32, 100n);
    const cap = runCaptured(w, (b, t) => {
      b.gen_subi_i64(t.g64[2], t.g64[1], 5);
      b.gen_mul_i64(t.g64[3], b.const_i64(3), t.g64[1]);
      b.gen_setcond(Type.I32, Cond.LT, t.g32[2], b.const_i32(7), t.g32[1]); // 7 < w1  ==  w1 > 7
      b.gen_sub_i32(t.g32[3], b.const_i32(0), t.g32[1]);
    });
    expect(readSlot(w.R, slotOf64(2), 64)).toBe(95n);
    expect(readSlot(w.R, slotOf64(3), 64)).toBe(300n);
    expect(readSlot(w.R, slotOf32(2), 32)).toBe(1n);
    expect(readSlot(w.R, slotOf32(3), 32)).toBe(U(32, -100n));
    expect(cap.afterOps).toMatch(/add_i64 q2, q1, \$0xfffffffffffffffb/);
    expect(cap.afterOps).toMatch(/mul_i64 q3, q1, \$0x3/);
    expect(cap.afterOps).toMatch(/setcond_i32 w2, w1, \$0x7, 5/); // swapped to GT
    checks += 7;
  });
});
