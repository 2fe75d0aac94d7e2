// The TB engine (src/exec/cpu-exec.ts, src/exec/tb-cache.ts, the interpreter's TB-control ops):
// chaining through goto_tb, unlinking on invalidation, flushes, the instruction budget and precise
// guest state after a fault.
import { afterAll, describe, expect, test } from "vitest";
import { Stop, type ExecOptions } from "../../src/exec/cpu-exec.ts";
import { MO_UQ, Type } from "../../src/tcg/opcodes.ts";
import { makeToy, G64, setI64, getI64 } from "./toy-target.ts";
import { EXCP_BAD_ADDR, EXCP_FETCH, EXCP_HALT, getPc, getX, makePcMachine, setPc, setX, type Insn, type PcMachine } from "./pc-toy.ts";

let checks = 0;
afterAll(() => console.log(`tb-engine.test.ts: ${checks} checks`));
function check(cond: boolean, what: string): void {
  checks++;
  expect(cond, what).toBe(true);
}

/**
 * The machines of the tests below translate every TB once, optimized (no cold tier): they count
 * translations, links and exits. The cold tier has its own tests at the end.
 */
function oneTier(prog: Record<number, Insn>, opts: ExecOptions = {}): PcMachine {
  return makePcMachine(prog, { coldEntries: 0, ...opts });
}

const OPTS = [
  { name: "default", opts: {} },
  { name: "noopt", opts: { optimize: false } },
  { name: "lowered", opts: { lowerI64: true } },
];

/**
 * A two-TB loop:  0x1000: x1 += 1; x3 -= 1; jmp 0x2000
 *                 0x2000: x2 += 2; bnez x3, 0x1000
 *                 0x2008: halt
 */
const LOOP: Record<number, Insn> = {
  0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 },
  0x1004: { op: "addi", rd: 3, rs: 3, imm: -1 },
  0x1008: { op: "jmp", target: 0x2000 },
  0x2000: { op: "addi", rd: 2, rs: 2, imm: 2 },
  0x2004: { op: "bnez", rs: 3, target: 0x1000 },
  0x2008: { op: "halt" },
};

function runLoop(m: PcMachine, n: number, budget = 1_000_000): Stop {
  setX(m, 1, 0n);
  setX(m, 2, 0n);
  setX(m, 3, BigInt(n));
  setPc(m, 0x1000);
  return m.exec.run(budget);
}

describe("chaining via goto_tb", () => {
  for (const { name, opts } of OPTS) {
    test(`a loop of two TBs runs chained: each TB is translated once and the loop rarely returns to the main loop (${name})`, () => {
      const m = oneTier(LOOP, opts);
      const stop = runLoop(m, 50);
      check(stop === Stop.Exception && m.exec.excp === EXCP_HALT, "halts at the end");
      check(getX(m, 1) === 50n && getX(m, 2) === 100n && getX(m, 3) === 0n, `registers ${getX(m, 1)} ${getX(m, 2)} ${getX(m, 3)}`);
      check(getPc(m) === 0x2008, `pc restored to the halt: ${getPc(m).toString(16)}`);
      check(m.exec.insns === 50 * 5, `insns ${m.exec.insns}`); // the halt did not complete
      check(m.exec.tbs.translations === 3, `translations ${m.exec.tbs.translations}`);
      check(m.toy.translations.get(0x1000) === 1 && m.toy.translations.get(0x2000) === 1, "no retranslation");
      // The first pass through each edge returns to the loop, which chains it; after that the TBs
      // jump to each other directly: 0x1000->0x2000, 0x2000->0x1000 (taken), 0x2000->0x2008 (falls through).
      check(m.exec.tbs.chainedLinks === 3, `chained links ${m.exec.tbs.chainedLinks}`);
      check(m.exec.tbExits <= 4, `TB exits to the main loop: ${m.exec.tbExits}`);
      const a = m.exec.tbs.lookup(0x1000, 0, 0, 0),
        b = m.exec.tbs.lookup(0x2000, 0, 0, 0);
      check(m.exec.S.jmpTarget[a * 2] === m.exec.tbs.codeStart[b], "A's slot 0 jumps to B's code");
      check(m.exec.S.jmpTarget[b * 2 + 1] === m.exec.tbs.codeStart[a], "B's slot 1 jumps to A's code");
      check(m.exec.tbs.incoming[b].includes(a * 2) && m.exec.tbs.incoming[a].includes(b * 2 + 1), "incoming-edge lists");
    });
  }

  test("with noChain every TB returns to the main loop and results are identical", () => {
    const m = oneTier(LOOP, { noChain: true });
    runLoop(m, 50);
    check(getX(m, 1) === 50n && getX(m, 2) === 100n, "registers");
    check(m.exec.tbs.chainedLinks === 0, "no links");
    check(m.exec.tbExits === 100, `TB exits ${m.exec.tbExits}`);
    check(m.exec.insns === 250, `insns ${m.exec.insns}`);
  });

  test("indirect jumps (lookup_and_goto_ptr) go through the jump cache without returning to the loop", () => {
    // 0x1000: x1 += 1; x3 -= 1; jr x4 (x4 = 0x3000)   0x3000: bnez x3, 0x1000   0x3004: halt
    const m = oneTier({
      0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 },
      0x1004: { op: "addi", rd: 3, rs: 3, imm: -1 },
      0x1008: { op: "jr", rs: 4 },
      0x3000: { op: "bnez", rs: 3, target: 0x1000 },
      0x3004: { op: "halt" },
    });
    setX(m, 4, 0x3000n);
    const stop = runLoop(m, 40);
    check(stop === Stop.Exception && m.exec.excp === EXCP_HALT, "halts");
    check(getX(m, 1) === 40n, `x1 ${getX(m, 1)}`);
    check(m.exec.insns === 40 * 4, `insns ${m.exec.insns}`);
    check(m.exec.tbExits <= 4, `TB exits ${m.exec.tbExits}`);
  });
});

describe("invalidation unlinks incoming edges", () => {
  for (const { name, opts } of OPTS) {
    test(`invalidatePage drops the TB, unlinks the jumps into it, and the retranslated TB is chained again (${name})`, () => {
      const m = oneTier(LOOP, opts);
      runLoop(m, 10);
      const tbs = m.exec.tbs;
      const a = tbs.lookup(0x1000, 0, 0, 0),
        b = tbs.lookup(0x2000, 0, 0, 0);
      check(m.exec.S.jmpTarget[a * 2] === tbs.codeStart[b], "A chained to B before");
      // "Self-modifying code": the instruction at 0x2000 changes, its page is invalidated.
      m.toy.prog.set(0x2000, { op: "addi", rd: 2, rs: 2, imm: 5 });
      const halt = tbs.lookup(0x2008, 0, 0, 0);
      check(halt >= 0, "the halt TB exists");
      check(tbs.invalidatePage(0x2) === 2, "two TBs on page 2 (0x2000 and 0x2008)");
      check(tbs.lookup(0x2008, 0, 0, 0) === -1 && m.exec.S.jmpTarget[b * 2] === -1, "the halt TB is gone and B's link to it too");
      check(tbs.lookup(0x2000, 0, 0, 0) === -1, "B is gone from the hash table");
      check(m.exec.S.jmpTarget[a * 2] === -1 && tbs.jmpDest[a * 2] === -1, "A's jump into B is unlinked");
      check(m.exec.S.jmpTarget[b * 2] === -1 && m.exec.S.jmpTarget[b * 2 + 1] === -1, "B's own jumps are unlinked");
      check(tbs.incoming[b].length === 0, "B has no incoming edges left");
      check(
        m.exec.S.jcTb.every((t) => t !== b),
        "B is not in the jump cache",
      );
      check(tbs.jmpDest[b * 2 + 1] === -1, "B's slot into A is gone");
      // A still exists and still has B's old edge to A in its incoming list; that must be harmless.
      const before = tbs.translations;
      runLoop(m, 10);
      check(getX(m, 2) === 50n, `new code runs: x2 = ${getX(m, 2)}`);
      check(getX(m, 1) === 10n, "A still runs");
      check(tbs.translations === before + 2, `only B and the halt TB are retranslated (${tbs.translations - before})`);
      const b2 = tbs.lookup(0x2000, 0, 0, 0);
      check(b2 !== b && b2 >= 0, "a new TB for 0x2000");
      check(m.exec.S.jmpTarget[a * 2] === tbs.codeStart[b2], "A is chained to the new B");
      check(m.exec.S.jmpTarget[b2 * 2 + 1] === tbs.codeStart[a], "new B is chained to A");
    });
  }

  test("invalidate(tb) of a TB that is the target of several jumps unlinks all of them", () => {
    // Two TBs jump to a common tail: 0x1000 -> 0x3000, 0x2000 -> 0x3000; 0x3000: x3 -= 1; bnez x3, 0x1000; halt
    const prog: Record<number, Insn> = {
      0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 },
      0x1004: { op: "bnez", rs: 5, target: 0x2000 },
      0x1008: { op: "jmp", target: 0x3000 },
      0x2000: { op: "addi", rd: 2, rs: 2, imm: 1 },
      0x2004: { op: "jmp", target: 0x3000 },
      0x3000: { op: "addi", rd: 3, rs: 3, imm: -1 },
      0x3004: { op: "addi", rd: 5, rs: 3, imm: -10 }, // 0x1000 falls through to 0x1008 once (x3 == 10)
      0x3008: { op: "addi", rd: 6, rs: 3, imm: 0 },
      0x300c: { op: "bnez", rs: 6, target: 0x1000 },
      0x3010: { op: "halt" },
    };
    const m = oneTier(prog);
    setX(m, 3, 20n);
    setX(m, 5, 1n);
    setPc(m, 0x1000);
    m.exec.run(10_000);
    const tbs = m.exec.tbs;
    const c = tbs.lookup(0x3000, 0, 0, 0);
    const into = tbs.incoming[c].filter((s) => tbs.jmpDest[s] === c);
    check(into.length >= 2, `several jumps into the tail: ${into.length}`);
    tbs.invalidate(c);
    for (const s of into) check(m.exec.S.jmpTarget[s] === -1 && tbs.jmpDest[s] === -1, `slot ${s} unlinked`);
    setX(m, 3, 20n);
    setX(m, 1, 0n);
    setPc(m, 0x1000);
    m.exec.run(10_000);
    check(getX(m, 1) === 20n, `runs again after the invalidation: x1 = ${getX(m, 1)}`);
    const c2 = tbs.lookup(0x3000, 0, 0, 0);
    check(
      c2 >= 0 && c2 !== c && tbs.incoming[c2].filter((s) => tbs.jmpDest[s] === c2).length >= 2,
      "the new tail is chained from both again",
    );
  });
});

describe("flushes", () => {
  /** A ring of `n` TBs: TB k at 0x1000 * (k + 1) does x1 += k + 1 then jumps to the next; the last loops back while x3 != 0. */
  function ring(n: number): Record<number, Insn> {
    const p: Record<number, Insn> = {};
    for (let k = 0; k < n; k++) {
      const pc = 0x1000 * (k + 1);
      p[pc] = { op: "addi", rd: 1, rs: 1, imm: k + 1 };
      p[pc + 4] = { op: "addi", rd: 2, rs: 2, imm: 1 };
      if (k < n - 1) p[pc + 8] = { op: "jmp", target: pc + 0x1000 };
      else {
        p[pc + 8] = { op: "addi", rd: 3, rs: 3, imm: -1 };
        p[pc + 12] = { op: "bnez", rs: 3, target: 0x1000 };
        p[pc + 16] = { op: "halt" };
      }
    }
    return p;
  }

  test("a code cache too small for the working set is flushed and refilled, with correct results", () => {
    const n = 12,
      laps = 5;
    const m = oneTier(ring(n), { codeWords: 160 });
    setX(m, 3, BigInt(laps));
    setPc(m, 0x1000);
    const stop = m.exec.run(1_000_000);
    check(stop === Stop.Exception && m.exec.excp === EXCP_HALT, `halts (excp ${m.exec.excp})`);
    check(getX(m, 1) === BigInt(laps * ((n * (n + 1)) / 2)), `x1 = ${getX(m, 1)}`);
    check(getX(m, 2) === BigInt(laps * n), `x2 = ${getX(m, 2)}`);
    check(m.exec.tbs.flushes > 0, `flushes ${m.exec.tbs.flushes}`);
    check(m.exec.tbs.codeTop - m.exec.S.codeBase <= 160, "code stays inside the cache (which starts at codeBase)");
    m.exec.flushTbs();
    check(
      m.mmu.codePages.every((v) => v === 0),
      "a flush makes the code pages writable at full speed again",
    );
    check(m.exec.insns === laps * (3 * (n - 1) + 4), `insns ${m.exec.insns}`);
  });

  test("running out of TB slots (maxTbs) flushes too, and the flush unprotects the code pages", () => {
    const m = oneTier(ring(6), { maxTbs: 4 });
    setX(m, 3, 3n);
    setPc(m, 0x1000);
    m.exec.run(1_000_000);
    check(getX(m, 1) === 3n * 21n, `x1 = ${getX(m, 1)}`);
    check(m.exec.tbs.flushes > 0, `flushes ${m.exec.tbs.flushes}`);
    m.exec.flushTbs();
    check(
      m.mmu.codePages.every((v) => v === 0),
      "a flush makes the code pages writable at full speed again",
    );
  });

  test("a flush between two TBs never leaves a stale chain (the next TB is not linked from a flushed one)", () => {
    const m = oneTier(ring(3), { codeWords: 64 });
    setX(m, 3, 30n);
    setPc(m, 0x1000);
    m.exec.run(1_000_000);
    check(getX(m, 1) === 30n * 6n, `x1 = ${getX(m, 1)}`);
    // Every live link must point at the start of a live TB.
    const tbs = m.exec.tbs;
    for (let s = 0; s < tbs.count * 2; s++) {
      const d = tbs.jmpDest[s];
      if (d < 0) continue;
      check(d < tbs.count && !tbs.invalid[d] && m.exec.S.jmpTarget[s] === tbs.codeStart[d], `slot ${s} -> tb ${d}`);
    }
  });
});

describe("the instruction budget", () => {
  // An endless loop: 0x1000: x1 += 1; x2 += 1; jmp 0x1000   (3 instructions per TB)
  const ENDLESS: Record<number, Insn> = {
    0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 },
    0x1004: { op: "addi", rd: 2, rs: 2, imm: 1 },
    0x1008: { op: "jmp", target: 0x1000 },
  };
  for (const { name, opts } of [
    ...OPTS,
    { name: "noChain", opts: { noChain: true } },
    { name: "singlestep", opts: { singlestep: true } },
  ]) {
    test(`a chained loop that never ends stops after exactly the budget (${name})`, () => {
      const m = oneTier(ENDLESS, opts);
      setPc(m, 0x1000);
      let total = 0;
      for (const budget of [1, 2, 3, 4, 5, 7, 100, 1001, 3 * 333, 2]) {
        const before = m.exec.insns;
        const stop = m.exec.run(budget);
        total += budget;
        check(stop === Stop.Budget, "stops on the budget");
        check(m.exec.insns - before === budget, `run(${budget}) executed ${m.exec.insns - before}`);
        // Instruction i of the loop is at 0x1000 + 4 * (i % 3); x1 counts the first, x2 the second.
        const x1 = BigInt(Math.ceil(total / 3)),
          x2 = BigInt(Math.ceil((total - 1) / 3));
        check(getX(m, 1) === x1 && getX(m, 2) === x2, `after ${total}: x1 ${getX(m, 1)} (want ${x1}), x2 ${getX(m, 2)} (want ${x2})`);
        check(getPc(m) === 0x1000 + 4 * (total % 3), `pc ${getPc(m).toString(16)} after ${total}`);
      }
    });
  }

  test("requestExit() from a helper stops the chain at the next TB start and keeps the count exact", () => {
    const m = oneTier(ENDLESS);
    let calls = 0;
    const stopper = m.exec.helper({
      name: "stop_after_5",
      flags: 0,
      out: null,
      ins: [],
      fn: () => {
        if (++calls === 5) m.exec.requestExit();
      },
    });
    // Make the first instruction of the loop call the helper.
    m.toy.tbPrologue = (b) => b.gen_call(stopper, null, []);
    setPc(m, 0x1000);
    const stop = m.exec.run(1000);
    check(stop === Stop.Budget, "returns as if the budget ran out");
    check(calls === 5, `helper calls ${calls}`);
    check(m.exec.insns === 15, `insns ${m.exec.insns}`);
    check(getPc(m) === 0x1000 && getX(m, 1) === 5n, `pc ${getPc(m).toString(16)}, x1 ${getX(m, 1)}`);
    check(m.exec.run(6) === Stop.Budget && m.exec.insns === 21 && calls === 7, "the next run is not affected");
  });

  test("a budget smaller than the TB runs an exact-length TB once and leaves the cached TB intact", () => {
    const m = oneTier(ENDLESS);
    setPc(m, 0x1000);
    m.exec.run(3);
    const full = m.exec.tbs.lookup(0x1000, 0, 0, 0);
    check(full >= 0 && m.exec.tbs.icount[full] === 3, "the full TB is cached");
    m.exec.run(2);
    check(m.exec.tbs.lookup(0x1000, 0, 0, 0) === full, "the one-shot TB did not replace it");
    check(getPc(m) === 0x1008, `pc ${getPc(m).toString(16)}`);
  });
});

describe("precise state after a fault", () => {
  test("the toy target: the 3rd instruction's load faults: its pc is restored and the budget refunded", () => {
    for (const opts of [{}, { optimize: false }, { lowerI64: true }, { optimize: false, lowerI64: true }]) {
      const toy = makeToy(opts);
      const where = JSON.stringify(opts);
      setI64(toy.R, G64 + 2, 0n);
      setI64(toy.R, G64 + 6, 0xdeadn);
      setI64(toy.R, G64 + 8, 0xbeefn);
      toy.target.icount = 4;
      toy.target.emit = (b, t) => {
        // insn 0 (pc 0x100, started by the toy): q1 = 11
        b.gen_movi_i64(t.g64[1], 11);
        b.gen_insn_start(0x104, 0); // insn 1: q1 = 22; q2 = 5
        b.gen_movi_i64(t.g64[1], 22);
        b.gen_movi_i64(t.g64[2], 5);
        b.gen_insn_start(0x108, 0); // insn 2: q3 = [outside RAM]
        b.gen_qemu_ld(Type.I64, t.g64[3], b.const_i64(0x7000_0000), 0, MO_UQ, 0);
        b.gen_insn_start(0x10c, 0); // insn 3: q1 = 33; q4 = 1
        b.gen_movi_i64(t.g64[1], 33);
        b.gen_movi_i64(t.g64[4], 1);
      };
      toy.R[2] = 0x100; // pc
      toy.R[3] = 0;
      const stop = toy.exec.run(100);
      check(stop === Stop.Exception, `${where}: stops with an exception`);
      check(
        toy.exec.excp === EXCP_BAD_ADDR && toy.exec.excpAux === 0x7000_0000,
        `${where}: excp ${toy.exec.excp} at ${toy.exec.excpAux.toString(16)}`,
      );
      check(
        JSON.stringify(toy.target.lastRestore) === JSON.stringify([0x108, 0]),
        `${where}: restored ${JSON.stringify(toy.target.lastRestore)}`,
      );
      check(toy.exec.insns === 2, `${where}: ${toy.exec.insns} instructions counted (2 completed before the fault)`);
      check(getI64(toy.R, G64 + 2) === 22n, `${where}: q1 = ${getI64(toy.R, G64 + 2)} (insn 1 done, insn 3 not)`);
      check(getI64(toy.R, G64 + 4) === 5n, `${where}: q2`);
      check(getI64(toy.R, G64 + 6) === 0xdeadn, `${where}: q3 untouched`);
      check(getI64(toy.R, G64 + 8) === 0xbeefn, `${where}: q4 untouched`);
    }
  });

  for (const { name, opts } of [...OPTS, { name: "cold tier, 2 entries", opts: { coldEntries: 2 } }]) {
    test(`a fault in a TB reached through a chain restores its pc and refunds exactly the unfinished instructions (${name})`, () => {
      // A (3 insns) -> B (4 insns; the 3rd loads from outside RAM)
      const prog: Record<number, Insn> = {
        0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 },
        0x1004: { op: "addi", rd: 3, rs: 3, imm: -1 },
        0x1008: { op: "bnez", rs: 3, target: 0x1000 }, // loop in A a few times first (chained to itself)
        0x100c: { op: "jmp", target: 0x2000 },
        0x2000: { op: "addi", rd: 2, rs: 2, imm: 7 },
        0x2004: { op: "addi", rd: 4, rs: 4, imm: 1 },
        0x2008: { op: "ld", rd: 5, addr: 0x12_0000 },
        0x200c: { op: "addi", rd: 6, rs: 6, imm: 1 },
        0x2010: { op: "jmp", target: 0x1000 },
      };
      const m = oneTier(prog, opts);
      setX(m, 3, 4n);
      setX(m, 5, 0x5555n);
      setPc(m, 0x1000);
      const stop = m.exec.run(1000);
      check(stop === Stop.Exception && m.exec.excp === EXCP_BAD_ADDR, `fault (excp ${m.exec.excp})`);
      check(getPc(m) === 0x2008, `pc ${getPc(m).toString(16)}`);
      check(JSON.stringify(m.toy.lastRestore) === JSON.stringify([0x2008, 0, 2]), `restore data ${JSON.stringify(m.toy.lastRestore)}`);
      // 4 laps of A's 3 instructions, the jmp, then 2 of B's instructions
      check(m.exec.insns === 4 * 3 + 1 + 2, `insns ${m.exec.insns}`);
      check(getX(m, 1) === 4n && getX(m, 2) === 7n && getX(m, 4) === 1n, "completed instructions took effect");
      check(getX(m, 5) === 0x5555n && getX(m, 6) === 0n, "the faulting and later instructions did not");
      // The same again with a budget that makes B a one-shot exact-length TB containing the fault.
      setX(m, 3, 1n);
      setPc(m, 0x1000);
      const before = m.exec.insns;
      const stop2 = m.exec.run(3 + 1 + 3);
      check(stop2 === Stop.Exception && getPc(m) === 0x2008, `one-shot TB fault: pc ${getPc(m).toString(16)}`);
      check(m.exec.insns - before === 3 + 1 + 2, `one-shot TB refund: ${m.exec.insns - before}`);
    });
  }

  test("a fault in a helper (halt) and a fetch fault during translation", () => {
    const m = oneTier({ 0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 }, 0x1004: { op: "halt" } });
    setPc(m, 0x1000);
    check(m.exec.run(10) === Stop.Exception && m.exec.excp === EXCP_HALT, "halt raises");
    check(getPc(m) === 0x1004 && m.exec.insns === 1, `pc ${getPc(m).toString(16)}, insns ${m.exec.insns}`);
    setPc(m, 0x9000);
    const before = m.exec.insns;
    check(m.exec.run(10) === Stop.Exception && m.exec.excp === EXCP_FETCH, "fetch fault from translate()");
    check(m.exec.insns === before, "no instruction counted");
    check(getPc(m) === 0x9000, "pc unchanged");
  });
});

describe("the cold tier: TBs first translated without the optimizer, again with it when hot", () => {
  /** Runs LOOP's 50 laps in slices of `slice` instructions; the state after every slice. */
  function slices(opts: ExecOptions, slice: number): string[] {
    const m = makePcMachine(LOOP, opts);
    setX(m, 3, 50n);
    setPc(m, 0x1000);
    const states: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const stop = m.exec.run(slice);
      states.push(`${stop} pc=${getPc(m).toString(16)} x1=${getX(m, 1)} x2=${getX(m, 2)} x3=${getX(m, 3)} insns=${m.exec.insns}`);
      if (stop !== Stop.Budget) break;
    }
    return states;
  }

  test("a cold TB is translated again at its coldEntries-th entry; results and instruction counts as with one tier", () => {
    const m = makePcMachine(LOOP, { coldEntries: 4 });
    const stop = runLoop(m, 50);
    check(stop === Stop.Exception && m.exec.excp === EXCP_HALT, "halts at the end");
    check(getX(m, 1) === 50n && getX(m, 2) === 100n && getX(m, 3) === 0n, `registers ${getX(m, 1)} ${getX(m, 2)} ${getX(m, 3)}`);
    check(getPc(m) === 0x2008, `pc ${getPc(m).toString(16)}`);
    // the entry that asked for the second translation ran nothing: its charge was refunded
    check(m.exec.insns === 50 * 5, `insns ${m.exec.insns}`);
    check(m.toy.translations.get(0x1000) === 2 && m.toy.translations.get(0x2000) === 2, "each loop TB translated twice");
    check(m.toy.translations.get(0x2008) === 1, "the halt TB, entered once, stays cold");
    const tbs = m.exec.tbs;
    const a = tbs.lookup(0x1000, 0, 0, 0),
      b = tbs.lookup(0x2000, 0, 0, 0);
    check(tbs.cold[a] === 0 && tbs.cold[b] === 0, "the TBs found now are the optimized ones");
    check(tbs.cold[tbs.lookup(0x2008, 0, 0, 0)] === 1, "the halt TB is cold");
    check(
      m.exec.S.jmpTarget[a * 2] === tbs.codeStart[b] && m.exec.S.jmpTarget[b * 2 + 1] === tbs.codeStart[a],
      "the optimized TBs are chained to each other",
    );
    let coldInvalid = 0;
    for (let t = 0; t < tbs.count; t++) if (tbs.cold[t] && tbs.invalid[t]) coldInvalid++;
    check(coldInvalid === 2, `the two cold loop TBs were dropped (${coldInvalid})`);
  });

  test("slices that end anywhere in the cold and the promoted phase leave the same states as one tier", () => {
    for (const slice of [1, 2, 3, 4, 5, 7, 11]) {
      for (const coldEntries of [2, 3, 8]) {
        const cold = slices({ coldEntries }, slice);
        const one = slices({ coldEntries: 0 }, slice);
        expect(cold, `slices of ${slice}, coldEntries ${coldEntries}`).toEqual(one);
        checks++;
      }
    }
  });

  test("with an observer attached or debug info kept, every TB is optimized at once", () => {
    for (const opts of [{ coldEntries: 4, keepDebugInfo: true }, { coldEntries: 4 }]) {
      const m = makePcMachine(LOOP, opts);
      if (!opts.keepDebugInfo) m.exec.addObserver({ encoded: () => {} });
      runLoop(m, 50);
      check(getX(m, 1) === 50n && m.exec.insns === 250, "same results");
      check(m.toy.translations.get(0x1000) === 1 && m.toy.translations.get(0x2000) === 1, "one translation per TB");
      for (let t = 0; t < m.exec.tbs.count; t++) check(m.exec.tbs.cold[t] === 0, `TB ${t} not cold`);
    }
  });

  test("op-stepping at a cold TB steps its optimized translation", () => {
    const m = makePcMachine(LOOP, { coldEntries: 1000 });
    runLoop(m, 3);
    check(m.exec.tbs.cold[m.exec.tbs.lookup(0x1000, 0, 0, 0)] === 1, "cold before");
    setX(m, 1, 0n);
    setX(m, 3, 5n);
    setPc(m, 0x1000);
    m.exec.opts.keepDebugInfo = true; // as src/debug/stepper.ts does when a debugger attaches
    let s = m.exec.stepBytecode();
    check(s.tb >= 0 && m.exec.tbs.cold[s.tb] === 0, "the stepped TB is not cold");
    check(m.toy.translations.get(0x1000) === 2, "translated again for stepping");
    while (!s.tbDone) s = m.exec.stepBytecode();
    check(getX(m, 1) === 1n && getX(m, 3) === 4n, `one lap of A: x1 ${getX(m, 1)} x3 ${getX(m, 3)}`);
    check(getPc(m) === 0x2000, `pc after A ${getPc(m).toString(16)}`);
  });
});
