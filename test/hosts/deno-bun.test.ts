// Deno and Bun, both from npm (devDependencies `deno` and `bun`; .ci/run gets them through npm ci):
// recipes/deno.mjs runs the demo under `deno run` with no permission but reading the guest file, and
// recipes/node.mjs runs unchanged under `bun`. Both import "tciemu" from node_modules as a user's
// project would, and must print what the same recipe prints under Node, with the same instruction
// count (deterministic mode). A missing binary fails with the command that installs it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConsumer, npmBinary, parseRecipeResult, type Consumer, type RecipeResult } from "../../tools/build/consumer.ts";

let consumer: Consumer;
let reference: { stdout: string; result: RecipeResult };

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd: consumer.dir, encoding: "utf8", maxBuffer: 16 << 20, timeout: 300_000, env });
  if (r.error) throw r.error;
  return { ...r, result: parseRecipeResult(r.stderr) };
}

function binary(name: "deno" | "bun"): string {
  const bin = npmBinary(name);
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run 'npm ci' (${name} is a devDependency, its binary comes from npm)`);
  return bin;
}

beforeAll(async () => {
  consumer = await makeConsumer();
  const r = run(process.execPath, ["node.mjs", "demo.elf"]);
  if (r.status !== 0 || !r.result) throw new Error(`node node.mjs failed:\n${r.stderr}`);
  reference = { stdout: r.stdout, result: r.result };
}, 180_000);
afterAll(() => consumer?.cleanup());

describe("other JavaScript runtimes", () => {
  it("Deno: deno run --allow-read=demo.elf (nothing else) gives Node's output and instruction count", () => {
    const deno = binary("deno");
    // No lock file, no prompt: a permission the recipe lacks is an error, not a question. (Deno reads
    // the package.json next to the recipe, which makes it resolve "tciemu" from node_modules.)
    const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" };
    const r = run(deno, ["run", "--no-prompt", "--no-lock", `--allow-read=${consumer.elf}`, "deno.mjs", consumer.elf], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(reference.stdout);
    expect(r.result).toMatchObject({ reason: "exit", exitCode: 0, insns: reference.result.insns });
    const version = spawnSync(deno, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
    console.log(`${version}: demo in ${r.result!.ms.toFixed(0)} ms inside run() (Node: ${reference.result.ms.toFixed(0)} ms)`);
    // Control: the permission is really needed, and missing it is refused (not prompted).
    const denied = run(deno, ["run", "--no-prompt", "--no-lock", "deno.mjs", consumer.elf], env);
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toMatch(/NotCapable|PermissionDenied|Requires read access/);
  });

  it("Bun: bun node.mjs gives Node's output and instruction count", () => {
    const bun = binary("bun");
    const r = run(bun, ["node.mjs", consumer.elf]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(reference.stdout);
    expect(r.result).toMatchObject({ reason: "exit", exitCode: 0, insns: reference.result.insns });
    const version = spawnSync(bun, ["--version"], { encoding: "utf8" }).stdout.trim();
    console.log(
      `Bun ${version} (JavaScriptCore): demo in ${r.result!.ms.toFixed(0)} ms inside run() (Node: ${reference.result.ms.toFixed(0)} ms)`,
    );
  });
});
