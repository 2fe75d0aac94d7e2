// Principle 1: no run-time code generation anywhere in src/. A static scan finds the usual ways to
// compile code from strings, and the emulator runs guest programs under
// `node --disallow-code-generation-from-strings`, where V8 refuses eval and Function.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\beval\s*\(/, "eval"],
  [/\bnew\s+Function\b/, "new Function"],
  [/(^|[^.\w$])Function\s*\(/, "Function()"],
  [/\bWebAssembly\b/, "WebAssembly"],
  [/\bset(Timeout|Interval)\s*\(\s*["'`]/, "string timer"],
  [/import\s*\(\s*["'`](data|blob):/, "data:/blob: import"],
  [/["'`](node:)?vm["'`]/, "node:vm"],
  [/\bcreateObjectURL\b/, "blob URL"],
];

/**
 * The one blob URL src/ may make: the page's download link (src/web/download.ts) for bytes it holds
 * (snapshots, shared files). It only ever becomes an `<a download>` href, never a script, worker or
 * import source (which the page's script-src/worker-src 'self' would refuse anyway); there is no
 * other portable way to save in-memory bytes as a file.
 */
const ALLOWED: Record<string, string> = { "src/web/download.ts": "blob URL" };

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|js|mjs)$/.test(e)) yield p;
  }
}

describe("no run-time code generation", () => {
  test("src/ contains no eval, Function, WebAssembly, string timers or data:/blob: imports", () => {
    const hits: string[] = [];
    const root = repoRoot();
    for (const f of sourceFiles(join(root, "src"))) {
      const lines = readFileSync(f, "utf8").split("\n");
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, "");
        for (const [re, what] of FORBIDDEN)
          if (re.test(code) && ALLOWED[relative(root, f)] !== what) hits.push(`${relative(root, f)}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
    // the allowed blob URL is a download link and nothing else
    const download = readFileSync(join(root, "src/web/download.ts"), "utf8");
    expect(download.match(/createObjectURL/g)?.length).toBe(1);
    expect(download).toMatch(/a\.href = url;\s+a\.download = name;/);
  });

  test("the flag really blocks eval (control)", () => {
    const r = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", "-e", "eval('1')"], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("EvalError");
  });

  for (const prog of ["demo.elf", "ext/rv64d.elf", "ext/smc.elf"]) {
    test(`${prog} runs under --disallow-code-generation-from-strings`, { timeout: 120_000 }, () => {
      const root = repoRoot();
      const out = execFileSync(
        process.execPath,
        [
          "--disallow-code-generation-from-strings",
          "--import",
          "tsx",
          join(root, "src/cli/riscv64-user.ts"),
          join(root, "testdata/riscv", prog),
        ],
        { cwd: root, maxBuffer: 64 << 20 },
      );
      expect(out.length).toBeGreaterThan(0);
    });
  }
});
