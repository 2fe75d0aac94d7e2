// Which bytecode opcodes does the op suite make the encoder emit? Every opcode of
// spec/tci/bytecode.def must be reached by some TCG op sequence, except a short, explicit allow-list,
// so that a new opcode cannot be added without a test that produces (and therefore executes) it.
// The allow-listed opcodes are still executed here, from hand-assembled bytecode, against the
// reference model.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { Stop } from "../../src/exec/cpu-exec.ts";
import { CALL_NO_RWG_SE, Type } from "../../src/tcg/opcodes.ts";
import { tciExec } from "../../src/tci/interpreter.ts";
import { BC_NAMES, BC_OPERANDS, BC_WORDS, Bc } from "../../src/tci/opcodes.ts";
import { OP_MASK, writeInsn } from "../../src/tci/format.ts";
import { TciState, type SlowPath } from "../../src/tci/state.ts";
import type { CpuExec } from "../../src/exec/cpu-exec.ts";
import {
  CONFIGS,
  opGroups,
  runCases,
  runEnvOps,
  runMemLoads,
  runMemSequences,
  runMemStores,
  tempGroups,
  type SuiteHooks,
} from "./op-suite.ts";
import { runRandomPrograms } from "./random-programs.ts";
import { Rng, S, U } from "./reference-model.ts";
import { makePcMachine, setPc, setX, type Insn } from "./pc-toy.ts";
import { newWide } from "./op-suite.ts";
import { runWide, slotOf64, readSlot, writeSlot } from "./wide-toy.ts";
import { makeToy32, type Insn32 } from "./toy32.ts";
import { MO_SIGN } from "../../src/tcg/opcodes.ts";

/**
 * Opcodes no TCG op sequence can produce today, with the reason. Keep this list short: an entry here
 * means the encoder has no path to the opcode (dead bytecode, or a fusion not implemented yet).
 */
const NOT_EMITTED: Record<string, string> = {
  // encode.ts fuseW only fuses add/sub/mul and shl-by-immediate with a following sextract(0, 32);
  // the *w shifts by a register and the right shifts have no encoder path (an RV64 frontend emits
  // `shr t, a, b; sextract d, t, 0, 32` for srlw etc. only after ext32u/ext32s of the source, which
  // fuseW does not recognize). They are executed below from hand-assembled bytecode.
  shlw_i64: "no fuseW case for shl by a register",
  shrw_i64: "no fuseW case for shr",
  shriw_i64: "no fuseW case for shr by an immediate",
  sarw_i64: "no fuseW case for sar",
  sariw_i64: "no fuseW case for sar by an immediate",
};

const seen = new Uint32Array(BC_NAMES.length);
let tbsScanned = 0;

/** Decodes a TB's code, counting every opcode; fails on a word that is not an opcode. */
function scan(exec: CpuExec, tb: number): void {
  const C = exec.S.code;
  let pc = exec.tbs.codeStart[tb];
  const end = exec.tbs.codeEnd[tb];
  while (pc < end) {
    const op = C[pc] & OP_MASK;
    if (!(op >= 0 && op < BC_NAMES.length)) throw new Error(`TB ${tb}: word ${C[pc]} at ${pc} is not an opcode (stream out of sync)`);
    seen[op]++;
    pc += BC_WORDS[op];
  }
  if (pc !== end) throw new Error(`TB ${tb}: last instruction overruns the TB end (${pc} > ${end})`);
  tbsScanned++;
}

const hooks: SuiteHooks = {
  onExec(w) {
    w.exec.addObserver({ encoded: (tb) => scan(w.exec, tb) });
  },
};

function specOpcodes(): string[] {
  const text = readFileSync(new URL("../../spec/tci/bytecode.def", import.meta.url), "utf8");
  return text
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter((l) => l.length)
    .map((l) => l.split(/\s+/)[0]);
}

afterAll(() => {
  const hit = [...seen].filter((n) => n > 0).length;
  console.log(`bytecode-coverage.test.ts: ${tbsScanned} TBs scanned, ${hit}/${BC_NAMES.length} opcodes emitted`);
});

describe("bytecode coverage of the op suite", () => {
  test("the generated opcode table matches spec/tci/bytecode.def", () => {
    const spec = specOpcodes();
    expect(BC_NAMES).toEqual(spec);
    for (let i = 0; i < spec.length; i++) expect((Bc as Record<string, number>)[spec[i]]).toBe(i);
  });

  test("run the op suite in every configuration, recording emitted opcodes", { timeout: 120_000 }, () => {
    // Every op group (all shapes), the temp variants, guest memory, env fields and random programs.
    const groups = [...opGroups(), ...tempGroups()];
    for (const cfg of CONFIGS) {
      for (const g of groups) runCases(g.cases, cfg, hooks);
      runMemLoads(cfg, hooks);
      runMemStores(cfg, hooks);
      runMemSequences(cfg, hooks);
      runEnvOps(cfg, hooks);
    }
    // Random programs, for combinations (fused forms, chains) the per-op groups do not produce.
    for (const cfg of CONFIGS) runRandomPrograms(cfg, 1, 40, { length: 40, avoidKnownBugs: true }, hooks);
    expect(tbsScanned).toBeGreaterThan(1000);
  });

  test("32-bit guest memory: every *_a32 load and store", () => {
    // guest32.test.ts checks their results against a reference model; here they are only counted.
    for (const cfg of CONFIGS) {
      const insns: Insn32[] = [];
      for (const size of [0, 1, 2, 3]) {
        for (const sign of size < 2 ? [0, MO_SIGN] : [0]) insns.push({ op: "ld", rd: 1, rb: 2, off: 16, memop: size | sign });
        insns.push({ op: "st", rs: 1, rb: 2, off: 32, memop: size });
      }
      const prog: Record<number, Insn32> = {};
      insns.forEach((x, i) => (prog[0x1000 + 4 * i] = x));
      prog[0x1000 + 4 * insns.length] = { op: "halt" };
      const m = makeToy32(prog, { optimize: cfg.optimize, lowerI64: cfg.lowerI64 });
      m.exec.addObserver({ encoded: (tb) => scan(m.exec, tb) });
      m.R[m.toy.pcSlot] = 0x1000;
      expect(m.exec.run(100)).toBe(Stop.Exception);
    }
  });

  test("TB-control blocks: goto_tb/exit_tb chains, lookup_and_goto_ptr, goto_ptr, calls, mb", () => {
    for (const cfg of CONFIGS) {
      // Chained direct jumps, a conditional branch, an indirect jump and a helper call.
      const prog: Record<number, Insn> = {
        0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 },
        0x1004: { op: "addi", rd: 3, rs: 3, imm: -1 },
        0x1008: { op: "jmp", target: 0x2000 },
        0x2000: { op: "bnez", rs: 3, target: 0x3000 },
        0x2004: { op: "halt" },
        0x3000: { op: "jr", rs: 4 },
      };
      const m = makePcMachine(prog, { optimize: cfg.optimize, lowerI64: cfg.lowerI64 });
      m.exec.addObserver({ encoded: (tb) => scan(m.exec, tb) });
      setX(m, 3, 5n);
      setX(m, 4, 0x1000n);
      setPc(m, 0x1000);
      expect(m.exec.run(1000)).toBe(Stop.Exception);
      // goto_ptr (to "no TB": a negative code offset leaves the TB), mb, pure and impure calls.
      const w = newWide(cfg, hooks);
      const R = w.R;
      const pure = w.exec.helper({
        name: "p",
        flags: CALL_NO_RWG_SE,
        out: Type.I64,
        ins: [Type.I64, Type.I64],
        fn: (o, a, b) => ((R[o] = R[a] + R[b]), (R[o + 1] = 0)),
      });
      const impure = w.exec.helper({ name: "i", flags: 0, out: null, ins: [Type.I32], fn: () => {} });
      writeSlot(R, slotOf64(1), 64, 5n);
      runWide(w, (b, t) => {
        b.gen_mb(0);
        b.gen_call(pure, t.g64[2], [t.g64[1], b.const_i64(3)]);
        b.gen_call(impure, null, [b.const_i32(1)]);
        const p = b.temp_new_i32();
        b.gen_movi_i32(p, -1);
        b.gen_goto_ptr(p);
      });
      expect(readSlot(R, slotOf64(2), 64)).toBe(8n);
    }
  });

  test("the cold tier's tb_cold: TBs counting their entries, then translated again", () => {
    // Observers turn the cold tier off (src/exec/cpu-exec.ts), so the TBs are scanned afterwards;
    // the dropped cold ones keep their code until the next flush.
    const m = makePcMachine(
      { 0x1000: { op: "addi", rd: 1, rs: 1, imm: 1 }, 0x1004: { op: "bnez", rs: 1, target: 0x1000 } },
      { coldEntries: 3 },
    );
    setPc(m, 0x1000);
    m.exec.run(20);
    for (let tb = 0; tb < m.exec.tbs.count; tb++) scan(m.exec, tb);
    expect(seen[Bc.tb_cold]).toBeGreaterThan(0);
  });

  test("every opcode of bytecode.def is emitted, except the commented allow-list", () => {
    const missing = specOpcodes().filter((name) => seen[BC_NAMES.indexOf(name)] === 0 && !(name in NOT_EMITTED));
    expect(missing, "opcodes the encoder never produced").toEqual([]);
    // An allow-listed opcode that starts being emitted should leave the list.
    const nowEmitted = Object.keys(NOT_EMITTED).filter((name) => seen[BC_NAMES.indexOf(name)] > 0);
    expect(nowEmitted, "allow-listed opcodes that are emitted after all").toEqual([]);
    for (const name of Object.keys(NOT_EMITTED)) expect(BC_NAMES, `allow-list entry ${name} is not an opcode`).toContain(name);
  });
});

describe("allow-listed opcodes, executed from hand-assembled bytecode", () => {
  const noSlow: SlowPath = {
    hi: 0,
    load: () => {
      throw new Error("no memory");
    },
    store: () => {
      throw new Error("no memory");
    },
  };
  // RV64 semantics: the low 32 bits are shifted (count mod 32), the 32-bit result is sign-extended.
  const model: Record<string, (a: bigint, n: number) => bigint> = {
    shlw_i64: (a, n) => U(64, S(32, a << BigInt(n))),
    shliw_i64: (a, n) => U(64, S(32, a << BigInt(n))),
    shrw_i64: (a, n) => U(64, S(32, U(32, a) >> BigInt(n))),
    shriw_i64: (a, n) => U(64, S(32, U(32, a) >> BigInt(n))),
    sarw_i64: (a, n) => U(64, S(32, a) >> BigInt(n)),
    sariw_i64: (a, n) => U(64, S(32, a) >> BigInt(n)),
  };
  for (const name of [...Object.keys(NOT_EMITTED), "shliw_i64"]) {
    test(name, () => {
      const S0 = new TciState(64, 256, 2, noSlow);
      const R = S0.R,
        C = S0.code;
      const rng = new Rng(name.length * 77);
      const op = BC_NAMES.indexOf(name);
      const imm = BC_OPERANDS[op] === "dsn";
      let failures = 0;
      for (let i = 0; i < 400; i++) {
        const a = rng.value(64);
        const cnt = i < 64 ? BigInt(i) : rng.value(64);
        const n = Number(cnt & 31n);
        writeSlot(R, 10, 64, a);
        writeSlot(R, 12, 64, cnt);
        // op d=20, s=10, (s=12 | n); exit_tb 0
        writeInsn(C, writeInsn(C, 0, op, [20, 10, imm ? n : 12]), Bc.exit_tb, [0]);
        expect(tciExec(S0, 0)).toBe(0);
        const got = readSlot(R, 20, 64);
        const want = model[name](a, n);
        if (got !== want) {
          failures++;
          expect(got, `${name}(${a.toString(16)}, ${n})`).toBe(want);
        }
      }
      expect(failures).toBe(0);
    });
  }
});
