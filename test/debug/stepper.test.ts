// The stepping debugger executes the same bytecode as a full-speed run, so stepping by TCG op, by
// guest instruction, by TB, or any mix with breakpoints and watchpoints must end in exactly the
// same state: exit status, output, instruction count, registers and every mapped byte of memory.
import { describe, expect, test } from "vitest";
import { runDebugged, runPlain, Scripted, testElf, type Outcome } from "./harness.ts";
import type { Command } from "../../src/debug/session.ts";
import type { OpStep } from "../../src/debug/stepper.ts";
import { executableSymbols } from "../../src/debug/linux-user.ts";
import { BC_WORDS, Bc } from "../../src/tci/opcodes.ts";

function same(a: Outcome, b: Outcome): void {
  expect(b.exitCode).toBe(a.exitCode);
  expect(b.stdout).toBe(a.stdout);
  expect(b.insns).toBe(a.insns);
  expect(b.regs).toEqual(a.regs);
  expect(b.memHash).toBe(a.memHash);
}

const forever = (kind: "stepop" | "stepi" | "steptb"): Command => ({ kind, count: Infinity });

describe("stepping gives the same results as running at full speed", () => {
  const whole: [string, "stepop" | "stepi" | "steptb"][] = [
    ["ext/rv64i.elf", "stepop"],
    ["ext/rv64m.elf", "stepi"],
    ["ext/rv64a.elf", "stepop"],
    ["ext/rv64f.elf", "steptb"],
    ["ext/rv64d.elf", "stepop"],
    ["ext/rv64c.elf", "stepi"],
    ["ext/zicsr.elf", "stepop"],
    ["ext/zbb.elf", "stepop"],
    ["ext/smc.elf", "stepop"],
    ["debug/gdbdemo.elf", "stepop"],
  ];
  for (const [prog, kind] of whole)
    test(`${prog}: every instruction by ${kind}`, { timeout: 120_000 }, () => {
      const elf = testElf(prog);
      const plain = runPlain(elf);
      expect(plain.exitCode).toBe(0);
      same(plain, runDebugged(elf, new Scripted(() => forever(kind))));
    });

  test("demo.elf: 12 million TCG ops one at a time, then full speed", { timeout: 300_000 }, () => {
    const elf = testElf("demo.elf");
    const plain = runPlain(elf);
    const ctl = new Scripted((n) => (n === 0 ? { kind: "stepop", count: 12_000_000 } : { kind: "continue" }));
    const dbg = runDebugged(elf, ctl);
    same(plain, dbg);
    expect(ctl.stops.map((s) => s.kind)).toEqual(["start", "step"]);
  });

  test(
    "demo.elf and rv64c.elf: a seeded random mix of op, instruction and TB steps and runs with breakpoints",
    { timeout: 300_000 },
    () => {
      for (const prog of ["ext/rv64c.elf", "demo.elf"]) {
        const elf = testElf(prog);
        const plain = runPlain(elf);
        let seed = 12345;
        const rnd = (n: number) => {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          return (seed >>> 8) % n;
        };
        let steps = 0;
        const ctl = new Scripted((_n, s) => {
          if (++steps > 3000) {
            s.stepper.clearBreakpoints();
            return { kind: "continue" };
          }
          switch (rnd(5)) {
            case 0:
              return { kind: "stepop", count: 1 + rnd(40) };
            case 1:
              return { kind: "stepi", count: 1 + rnd(20) };
            case 2:
              return { kind: "steptb", count: 1 + rnd(3) };
            default: {
              // a breakpoint a little ahead on the path: an address seen in the current TB's code
              s.stepper.clearBreakpoints();
              const pc = Number(s.stepper.pc());
              s.stepper.addBreakpoint(pc + 2 * (1 + rnd(64)));
              return prog === "demo.elf" && steps > 2900 ? { kind: "continue" } : { kind: "stepi", count: 1 + rnd(500) };
            }
          }
        });
        same(plain, runDebugged(elf, ctl));
      }
    },
  );
});

describe("breakpoints, watchpoints and op details", () => {
  const elf = testElf("debug/gdbdemo.elf");
  const syms = executableSymbols(elf);
  const fn = syms.byNameLookup("add_squares")!;
  const counter = syms.byNameLookup("counter")!;

  test("a breakpoint stops before each call of the function", () => {
    const ctl = new Scripted((n, s) => {
      if (n === 0) s.stepper.addBreakpoint(fn.addr);
      return { kind: "continue" };
    });
    const r = runDebugged(elf, ctl);
    expect(r.stdout).toBe("total 84 counter 84\n");
    expect(ctl.stops.map((s) => s.kind)).toEqual(["start", "breakpoint", "breakpoint", "breakpoint", "breakpoint"]);
    for (const s of ctl.stops.slice(1)) expect(Number(s.pc)).toBe(fn.addr);
  });

  test("a watchpoint stops after each write that changes the variable, with old and new bytes", () => {
    const seen: bigint[] = [];
    const ctl = new Scripted((n, s) => {
      if (n === 0) expect(s.stepper.addWatchpoint(counter.addr, 8)).not.toBeNull();
      return { kind: "continue" };
    });
    const orig = ctl.stopped.bind(ctl);
    ctl.stopped = (ev, s) => {
      const r = ev.reason as { kind: string; now?: Uint8Array };
      if (r.kind === "watchpoint") seen.push(new DataView(r.now!.buffer).getBigUint64(0, true));
      return orig(ev, s);
    };
    const r = runDebugged(elf, ctl);
    expect(r.stdout).toBe("total 84 counter 84\n");
    expect(seen).toEqual([5n, 18n, 43n, 84n]);
    // each stop is right after the store: the instruction before the pc is `sd` in add_squares
    for (const s of ctl.stops.slice(1)) expect(Number(s.pc)).toBeGreaterThan(fn.addr);
  });

  for (const resume of ["continue", "detach"] as const)
    test(`${resume} from the middle of an op-stepped TB finishes that TB first`, () => {
      const ctl = new Scripted((n, s) => {
        if (n === 0) s.stepper.addBreakpoint(fn.addr);
        if (n === 1) {
          s.stepper.clearBreakpoints();
          return { kind: "stepi", count: 2 };
        }
        if (n === 2) {
          expect(s.stepper.midTb).toBe(true);
          expect(Number(s.stepper.pc())).toBe(fn.addr + 8);
          return { kind: resume };
        }
        return { kind: "continue" };
      });
      const r = runDebugged(elf, ctl);
      expect(r.stdout).toBe("total 84 counter 84\n");
    });

  test("sop shows the op, its bytecode words, inputs before and outputs after", () => {
    const ops: OpStep[] = [];
    const ctl = new Scripted(
      (n, s) => {
        if (n === 0) {
          s.stepper.addBreakpoint(fn.addr);
          return { kind: "continue" };
        }
        if (n === 1) return { kind: "stepop", count: 3 };
        s.stepper.clearBreakpoints();
        return { kind: "continue" };
      },
      (op) => ops.push(op),
    );
    runDebugged(elf, ctl);
    // add_squares(1, 2) starts with mul a0,a0,a0: tb_start first, then the multiply
    const mul = ops.find((o) => o.ops.some((x) => x.text.startsWith("mul_i64")))!;
    expect(mul).toBeDefined();
    expect(mul.ops[0].text).toBe("mul_i64 x10/a0,x10/a0,x10/a0");
    expect(mul.bytecode[0].text).toMatch(/^mul_i64 x10\/a0, x10\/a0, x10\/a0$/);
    expect(mul.bytecode[0].words.length).toBe(BC_WORDS[Bc.mul_i64]); // ^d(ss): 2 words
    expect(mul.inputs).toEqual([{ name: "x10/a0", value: 1n, bits: 64 }]);
    expect(mul.outputs).toEqual([{ name: "x10/a0", value: 1n, bits: 64 }]);
    expect(Number(mul.insnPc)).toBe(fn.addr);
  });
});
