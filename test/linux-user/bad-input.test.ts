// The CLI on malformed programs, a missing program or interpreter, or a directory: exactly one line
// on stderr starting with "tciemu-riscv64:", exit status 1, never a stack trace.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, riscvTestdataDir, sysrootDir } from "../../tools/debian/paths.ts";

const TSX = join(repoRoot(), "node_modules", ".bin", "tsx");
const CLI = join(repoRoot(), "src", "cli", "riscv64-user.ts");

function cli(args: string[]) {
  const r = spawnSync(TSX, [CLI, ...args], { encoding: "utf8", cwd: repoRoot() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: ReturnType<typeof cli>, pattern?: RegExp) {
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines.length, `stderr: ${r.stderr}`).toBe(1);
  expect(lines[0]).toMatch(/^tciemu-riscv64: /);
  if (pattern) expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe("");
  expect(r.status).toBe(1);
}

describe("bad input to tciemu-riscv64", () => {
  const bad = join(riscvTestdataDir(), "bad");
  for (const f of readdirSync(bad).sort()) {
    test(`bad/${f}`, { timeout: 30_000 }, () => {
      expectOneLineError(cli([join(bad, f)]));
    });
  }
  test("missing program", { timeout: 30_000 }, () => {
    expectOneLineError(cli(["/nonexistent/dir/prog"]), /No such file or directory/);
  });
  test("a directory", { timeout: 30_000 }, () => {
    expectOneLineError(cli([riscvTestdataDir()]), /is a directory/);
  });
  test("missing interpreter (dynamic program without -L)", { timeout: 30_000 }, () => {
    // lua5.4 from the sysroot names /lib/ld-linux-riscv64-lp64d.so.1; with an empty -L prefix that
    // the host does not have as a riscv64 ELF. Without the sysroot, use a made-up prefix on a
    // committed program instead (the error is then about the program, still one line).
    const lua = join(sysrootDir(), "usr", "bin", "lua5.4");
    expectOneLineError(cli(["-L", "/nonexistent-sysroot", lua]), /interpreter|No such file/);
  });
  test("unknown option", { timeout: 30_000 }, () => {
    expectOneLineError(cli(["-nosuchoption", "x"]));
  });
});
