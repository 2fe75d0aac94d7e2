// The 32-bit guest path of the engine (issue 10.3), on the toy guest of toy32.ts against its
// reference model: guest addresses are i32 temps, loads and stores use the *_a32 bytecodes whose
// address arithmetic wraps at 2^32 with no extra op, the TLB has no high word to compare, TBs chain
// with 32-bit pcs, and faults are precise (pc of the faulting instruction, wrapped address).
import { describe, expect, test } from "vitest";
import { Stop } from "../../src/exec/cpu-exec.ts";
import { BC_NAMES } from "../../src/tci/opcodes.ts";
import { insnWordsAt, opcodeAt } from "../../src/tci/format.ts";
import { MO_ALIGN, MO_SIGN } from "../../src/tcg/opcodes.ts";
import { CONFIGS } from "./op-suite.ts";
import { Rng } from "./reference-model.ts";
import {
  EXCP_BAD_ADDR,
  EXCP_HALT,
  ND,
  NR,
  makeToy32,
  setToy32State,
  toy32Reference,
  toy32State,
  type Insn32,
  type Toy32State,
} from "./toy32.ts";

const RAM = 1 << 16;

function runEngine(prog: Record<number, Insn32>, init: Toy32State, budget: number, cfg: (typeof CONFIGS)[number]) {
  const m = makeToy32(prog, { optimize: cfg.optimize, lowerI64: cfg.lowerI64, codeWords: 1 << 16, maxTbs: 256, tempSlots: 1024 }, RAM);
  setToy32State(m, init);
  const stop = m.exec.run(budget);
  let end = "budget";
  if (stop === Stop.Exception) {
    if (m.exec.excp === EXCP_HALT) end = "halt";
    else if (m.exec.excp === EXCP_BAD_ADDR) end = `fault@${(m.exec.excpAux >>> 0).toString(16)}`;
    else if (m.exec.excp === 98) end = `unaligned@${(m.exec.excpAux >>> 0).toString(16)}`;
    else end = `excp ${m.exec.excp}`;
  }
  return { m, state: toy32State(m, end) };
}

function compare(prog: Record<number, Insn32>, init: Toy32State, budget: number, what: string): void {
  const want = toy32Reference(prog, init, budget);
  for (const cfg of CONFIGS) {
    const { state: got } = runEngine(prog, init, budget, cfg);
    const where = `${what} [${cfg.name}]`;
    expect(got.end, `${where}: end`).toBe(want.end);
    expect(got.pc.toString(16), `${where}: pc`).toBe(want.pc.toString(16));
    expect(got.insns, `${where}: instructions`).toBe(want.insns);
    expect(got.r, `${where}: r`).toEqual(want.r);
    expect(got.d, `${where}: d`).toEqual(want.d);
    expect(Buffer.from(got.mem).equals(Buffer.from(want.mem)), `${where}: memory`).toBe(true);
  }
}

function blankState(rng: Rng | null = null): Toy32State {
  const mem = new Uint8Array(RAM);
  if (rng) for (let i = 0; i < RAM; i++) mem[i] = rng.below(256);
  return { r: new Array(NR).fill(0), d: new Array(ND).fill(0n), pc: 0x100000, mem, end: "", insns: 0 };
}

/** A straight-line program at 0x100000 (outside RAM: code is not in guest memory) ending in halt. */
function program(insns: Insn32[]): Record<number, Insn32> {
  const p: Record<number, Insn32> = {};
  insns.forEach((x, i) => (p[0x100000 + 4 * i] = x));
  p[0x100000 + 4 * insns.length] = { op: "halt" };
  return p;
}

describe("32-bit guest addresses (the *_a32 bytecodes)", () => {
  test("base + offset wraps at 2^32 in both directions, for every access size", () => {
    const init = blankState(new Rng(5));
    init.r[1] = 0xfffffff8; // + 0x10 wraps to 0x8
    init.r[2] = 0x10; // - 0x20 wraps to 0xfffffff0 (RAM's mirror at the top)
    init.r[3] = 0x89abcdef;
    init.d[1] = 0x0123456789abcdefn;
    const insns: Insn32[] = [];
    for (const size of [0, 1, 2]) {
      insns.push({ op: "st", rs: 3, rb: 1, off: 0x10 + 8 * size, memop: size });
      insns.push({ op: "ld", rd: 4, rb: 1, off: 0x10 + 8 * size, memop: size | MO_SIGN });
      insns.push({ op: "ld", rd: 5, rb: 2, off: -0x20 - 8 * size, memop: size });
    }
    insns.push({ op: "st", rs: 1, rb: 1, off: 0x40, memop: 3 });
    insns.push({ op: "ld", rd: 2, rb: 2, off: -0x40, memop: 3 });
    compare(program(insns), init, 1000, "wrapping accesses");
  });

  test("a fault is precise: the pc of the access, the wrapped address, the instructions before it retired", () => {
    const init = blankState();
    init.r[1] = 0x80000000 - 0x100; // + 0x104: not RAM -> fault at 0x80000004
    const prog = program([
      { op: "addi", rd: 2, rs: 2, imm: 1 },
      { op: "addi", rd: 2, rs: 2, imm: 1 },
      { op: "ld", rd: 3, rb: 1, off: 0x104, memop: 2 },
      { op: "addi", rd: 2, rs: 2, imm: 1 },
    ]);
    compare(prog, init, 1000, "fault");
    const { state } = runEngine(prog, init, 1000, CONFIGS[0]);
    expect(state.end).toBe("fault@80000004");
    expect(state.pc).toBe(0x100008);
    expect(state.r[2]).toBe(2);
  });

  test("TBs chain with 32-bit pcs and the jump cache serves indirect exits", () => {
    const prog: Record<number, Insn32> = {
      0x2000: { op: "addi", rd: 1, rs: 1, imm: 3 },
      0x2004: { op: "addi", rd: 2, rs: 2, imm: -1 },
      0x2008: { op: "jmp", target: 0x3000 },
      0x3000: { op: "st", rs: 1, rb: 0, off: 0x100, memop: 2 },
      0x3004: { op: "bnez", rs: 2, target: 0x2000 },
      0x3008: { op: "halt" },
    };
    const init = blankState();
    init.pc = 0x2000;
    init.r[2] = 500;
    compare(prog, init, 100_000, "loop");
    const { m } = runEngine(prog, init, 100_000, CONFIGS[0]);
    expect(m.exec.tbs.chainedLinks, "direct jumps were chained").toBeGreaterThan(0);
    expect(m.exec.tbExits, "the loop ran in the interpreter's chained path").toBeLessThan(50);
  });

  test(
    "seeded random load/store programs match the reference model (sizes, signs, alignment, page and 2^32 crossings)",
    { timeout: 60_000 },
    () => {
      let programs = 0,
        accesses = 0;
      for (let seed = 1; seed <= 120; seed++) {
        const rng = new Rng(seed * 7919);
        const init = blankState(rng);
        // Bases near 0, near the top of the 4 GiB space, in the middle of RAM, and anywhere.
        const bases = [0, 8, 0xfffffffc, 0xffff8000, 0x7ffc, RAM - 4, 0x80000000, rng.below(2 ** 32)];
        for (let i = 1; i < NR; i++) init.r[i] = bases[rng.below(bases.length)] >>> 0;
        for (let i = 0; i < ND; i++) init.d[i] = rng.value(64);
        const insns: Insn32[] = [];
        const n = 10 + rng.below(30);
        for (let k = 0; k < n; k++) {
          const size = rng.below(4);
          const memop = size | (size < 3 && rng.below(2) ? MO_SIGN : 0) | (rng.below(6) === 0 ? MO_ALIGN : 0);
          const rb = 1 + rng.below(NR - 1);
          // Offsets: small, negative, around a page end, and large ones that wrap.
          const offs = [0, 4, -4, 0xffc, -0x1000, 0x7ffffff0, -0x7ffffff0, (rng.below(2 ** 16) - 2 ** 15) | 0];
          const off = offs[rng.below(offs.length)] | 0;
          const base = init.r[rb];
          // Keep the reference simple: no access that straddles RAM's end and its mirror.
          const a = (base + off) >>> 0;
          if ((a < RAM && a + 8 > RAM) || (a < 2 ** 32 && a + 8 > 2 ** 32)) continue;
          accesses++;
          if (rng.below(3) === 0) insns.push({ op: "addi", rd: rb, rs: rb, imm: rng.below(64) - 32 });
          else if (rng.below(2))
            insns.push({ op: "ld", rd: size === 3 ? rng.below(ND) : rng.below(NR), rb, off, memop: memop & ~(size === 3 ? MO_SIGN : 0) });
          else insns.push({ op: "st", rs: size === 3 ? rng.below(ND) : rng.below(NR), rb, off, memop: memop & ~MO_SIGN });
        }
        const prog = program(insns);
        compare(prog, init, 1000, `seed ${seed}`);
        // A budget that ends mid-program: exact-length TBs stop at the right instruction.
        compare(prog, init, Math.max(1, insns.length >> 1), `seed ${seed}, half budget`);
        programs++;
      }
      expect(programs).toBe(120);
      expect(accesses).toBeGreaterThan(2000);
    },
  );

  test("the 32-bit path costs no extra op: an access is one *_a32 bytecode", () => {
    const init = blankState();
    const prog = program([{ op: "ld", rd: 1, rb: 2, off: 0x10, memop: 2 }]);
    const m = makeToy32(prog, {}, RAM);
    setToy32State(m, init);
    const names: string[] = [];
    m.exec.addObserver({
      encoded: (_tb, enc) => {
        for (let pc = enc.start; pc < enc.end; pc += insnWordsAt(m.exec.S.code, pc)) {
          const op = opcodeAt(m.exec.S.code, pc);
          names.push(BC_NAMES[op]);
          if (BC_NAMES[op] !== "tb_start" && BC_NAMES[op] !== "qld32_a32") break;
        }
      },
    });
    m.exec.run(1);
    expect(names.slice(0, 2)).toEqual(["tb_start", "qld32_a32"]);
  });
});
