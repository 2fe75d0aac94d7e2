// The user-mode CLIs limit V8's optimizing compiler to the interpreter for a run's first moments
// (src/cli/tiering.ts). That rests on V8 honouring `--turbo-filter` changed at run time, so this
// checks it with V8's own trace: while the hold lasts only tciExec is optimized; without the hold
// (TCIEMU_OPTIMIZE_AFTER_MS=-1) the translator's functions are too; and a user's own V8 tiering flag
// (--jitless here) is left alone and the run still gives the demo's answer. While it holds, V8 does
// no on-stack replacement either: tciExec is compiled once, not a second time for OSR.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";

const ROOT = repoRoot();
const TSX = join(ROOT, "node_modules/tsx/dist/esm/index.mjs");
const CLI = join(ROOT, "src/cli/riscv64-user.ts");
const DEMO = join(ROOT, "testdata/riscv/demo.elf");
// Functions of ours the demo makes hot besides the interpreter (tsx's own, optimized while it loads
// the sources before the CLI runs, are not counted).
const OURS = [
  "tciExec",
  "execRareOp",
  "removeDeadOps",
  "assignSlots",
  "encode",
  "translateInsn",
  "writeInsn",
  "f64Add",
  "f64Mul",
  "loadByte",
];

function run(nodeFlags: string[], optimizeAfterMs: string) {
  const r = spawnSync(process.execPath, [...nodeFlags, "--import", TSX, CLI, DEMO], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, TCIEMU_OPTIMIZE_AFTER_MS: optimizeAfterMs },
  });
  if (r.error) throw r.error;
  // "[completed optimizing 0x... <JSFunction name (sfi = ...)> (target TURBOFAN)]" (Node 20's V8)
  // TurboFan's only: Maglev, where Node has it on (22+), is not held back and compiles cheaply.
  const names = [...r.stdout.matchAll(/\[completed optimizing [^<]*<JSFunction (\S+)[^\]]*\(target TURBOFAN/g)].map((m) => m[1]);
  const optimized = new Set(names.filter((n) => OURS.includes(n)));
  const osr = /\[compiling method [^<]*<JSFunction tciExec[^\]]*OSR/.test(r.stdout);
  return { status: r.status, stdout: r.stdout, optimized, osr };
}

describe("the CLI's TurboFan hold (src/cli/tiering.ts)", () => {
  it("optimizes only the interpreter (and not for OSR) while it holds, everything hot without it", { timeout: 120_000 }, () => {
    const held = run(["--trace-opt"], "1000000");
    expect(held.status).toBe(0);
    expect([...held.optimized]).toEqual(["tciExec"]);
    expect(held.osr).toBe(false);
    const free = run(["--trace-opt"], "-1");
    expect(free.status).toBe(0);
    expect(free.optimized.has("tciExec")).toBe(true);
    expect(free.optimized.size).toBeGreaterThan(4);
  });

  it("leaves a user's V8 tiering flags alone (--jitless), with the same guest output as without the hold", { timeout: 300_000 }, () => {
    const plain = run([], "1000000");
    const jitless = run(["--jitless"], "1000000");
    const free = run([], "-1");
    expect(plain.status).toBe(0);
    expect(jitless.status).toBe(0);
    expect(plain.stdout).toContain("tciemu demo");
    expect(jitless.stdout).toBe(plain.stdout);
    expect(free.stdout).toBe(plain.stdout);
  });
});
