// Hardened JavaScript (SES, the `ses` package): recipes/ses.mjs locks the realm down at the strict
// settings (evalTaming "no-eval", errorTaming "safe", overrideTaming "min"), then evaluates the
// package's script form (tciemu/script) in a Compartment whose only endowments are the two the API
// documents (Float32Array and Float64Array, which SES keeps out of compartments), and runs the demo. The reference
// is recipes/node.mjs, the same guest through the same package in plain Node: same output, same
// instruction count. The time inside run() is printed for both; `npm run bench -- --only hosts`
// measures the ratio (goal <= 1.3), this test only guards against the 4-8x slowdown that frozen
// prototypes caused before src/tci/unfrozen-prototype.ts.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConsumer, parseRecipeResult, type Consumer, type RecipeResult } from "../../tools/build/consumer.ts";

let consumer: Consumer;
beforeAll(async () => {
  consumer = await makeConsumer();
}, 120_000);
afterAll(() => consumer?.cleanup());

function node(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, args, { cwd: consumer.dir, encoding: "utf8", maxBuffer: 16 << 20, timeout: 300_000 });
  if (r.error) throw r.error;
  return r;
}

function recipe(file: string): { stdout: string; result: RecipeResult } {
  const r = node([file, "demo.elf"]);
  const result = parseRecipeResult(r.stderr);
  if (r.status !== 0 || !result) throw new Error(`node ${file} failed (status ${r.status}):\n${r.stderr}`);
  return { stdout: r.stdout, result };
}

describe("SES: lockdown() + Compartment", () => {
  it("the realm really is locked down: no eval in the start compartment; no clock, Float64Array or performance in a compartment", () => {
    const probe = [
      `import "ses";`,
      `lockdown({ evalTaming: "no-eval", errorTaming: "safe", overrideTaming: "min" });`,
      `const t = (f) => { try { return String(f()); } catch (e) { return "throws " + e.name; } };`,
      `const c = new Compartment({ globals: {}, __options__: true });`,
      `console.log(JSON.stringify({`,
      `  eval: t(() => eval("1")), Function: t(() => Function("return 1")()),`,
      `  frozen: Object.isFrozen(Object.getPrototypeOf(Int32Array.prototype)) && Object.isFrozen(Object.prototype),`,
      `  inside: c.evaluate("[typeof performance, typeof crypto, typeof Float64Array, typeof Float32Array].join()"),`,
      `  dateNow: t(() => c.evaluate("Date.now()")), random: t(() => c.evaluate("Math.random()")),`,
      `}));`,
    ].join("\n");
    const r = node(["--input-type=module", "-e", probe]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      eval: "throws TypeError",
      Function: "throws TypeError",
      frozen: true,
      inside: "undefined,undefined,undefined,undefined",
      dateNow: "throws TypeError",
      random: "throws TypeError",
    });
  });

  it("without deterministic mode the compartment also needs the host's clocks and randomness: performance, crypto, Date", () => {
    const script = (globals: string) =>
      [
        `import "ses";`,
        `import { readFileSync } from "node:fs";`,
        `lockdown({ evalTaming: "no-eval", errorTaming: "safe", overrideTaming: "min" });`,
        `const source = readFileSync(new URL(import.meta.resolve("tciemu/script")), "utf8");`,
        `const { createGuest } = new Compartment({ globals: { ${globals} }, __options__: true }).evaluate(source);`,
        `try {`,
        `  const g = createGuest();`,
        `  g.loadElf(readFileSync("demo.elf"), ["demo"]);`,
        `  const r = g.run(3_000_000);`,
        `  console.log(r.reason, g.insns);`,
        `} catch (e) {`,
        `  console.log("throws", e.message);`,
        `}`,
      ].join("\n");
    const bare = node(["--input-type=module", "-e", script("Float32Array, Float64Array")]);
    expect(bare.stdout).toMatch(/^throws secure mode/);
    const endowed = node(["--input-type=module", "-e", script("Float32Array, Float64Array, performance, crypto, Date")]);
    expect(endowed.stdout.trim()).toBe("budget 3000000");
  });

  it("runs the demo with the same output and instruction count as plain Node", () => {
    // Interleaved, best of two on each side, so both see the machine in the same state.
    const plain1 = recipe("node.mjs");
    const ses1 = recipe("ses.mjs");
    const plain2 = recipe("node.mjs");
    const ses2 = recipe("ses.mjs");
    for (const r of [plain1, plain2, ses1, ses2]) expect(r.result).toMatchObject({ reason: "exit", exitCode: 0 });
    expect(ses1.stdout).toBe(plain1.stdout);
    expect(ses1.result.insns).toBe(plain1.result.insns);
    expect(ses2.result.insns).toBe(plain1.result.insns);
    expect(plain1.stdout.trimEnd().split("\n").at(-1)).toBe("demo: all self-checks passed");
    const plain = Math.min(plain1.result.ms, plain2.result.ms);
    const ses = Math.min(ses1.result.ms, ses2.result.ms);
    console.log(
      `demo (${plain1.result.insns.toLocaleString("en-US")} instructions) inside run(): plain Node ${plain.toFixed(0)} ms, ` +
        `SES lockdown + Compartment ${ses.toFixed(0)} ms: ratio ${(ses / plain).toFixed(2)} (goal <= 1.3, measured by npm run bench -- --only hosts)`,
    );
    // A regression guard only (timing belongs to the bench): frozen intrinsics once cost 4-8x.
    expect(ses / plain).toBeLessThan(2);
  });
});
