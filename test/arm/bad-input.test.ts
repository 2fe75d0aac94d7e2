// tciemu-arm on malformed programs, programs of other architectures, a missing program or interpreter, a
// directory and bad options: exactly one line on stderr starting with "tciemu-arm:", exit status 1, never a
// stack trace (testdata/riscv/bad holds truncated and corrupt ELFs; qemu-arm refuses all of them too).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, riscvTestdataDir, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";

const TSX = join(repoRoot(), "node_modules", ".bin", "tsx");
const CLI = join(repoRoot(), "src", "cli", "arm-user.ts");

function cli(args: string[]) {
  const r = spawnSync(TSX, [CLI, ...args], { encoding: "utf8", cwd: repoRoot() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function qemuFails(args: string[]): void {
  const q = trixieQemuUser("arm");
  if (!q) throw new Error("qemu-arm (Debian trixie) is missing: bash tools/debian/fetch.sh qemu");
  const r = spawnSync(q, ["-cpu", "cortex-a15,neon=off,vfp-d32=off", ...args], { encoding: "utf8" });
  expect(r.status, `qemu-arm ${args.join(" ")} should fail too`).not.toBe(0);
}

function expectOneLineError(r: ReturnType<typeof cli>, pattern?: RegExp) {
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines.length, `stderr: ${r.stderr}`).toBe(1);
  expect(lines[0]).toMatch(/^tciemu-arm: /);
  if (pattern) expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe("");
  expect(r.status).toBe(1);
}

describe("bad input to tciemu-arm", () => {
  const bad = join(riscvTestdataDir(), "bad");
  for (const f of readdirSync(bad).sort()) {
    test(`bad/${f}`, { timeout: 30_000 }, () => {
      qemuFails([join(bad, f)]);
      expectOneLineError(cli([join(bad, f)]));
    });
  }
  test("a RISC-V program", { timeout: 30_000 }, () => {
    const p = join(riscvTestdataDir(), "demo.elf");
    qemuFails([p]);
    expectOneLineError(cli([p]), /not ARM/);
  });
  test("missing program", { timeout: 30_000 }, () => {
    expectOneLineError(cli(["/nonexistent/dir/prog"]), /No such file or directory/);
  });
  test("a directory", { timeout: 30_000 }, () => {
    expectOneLineError(cli([riscvTestdataDir()]), /is a directory/);
  });
  test("missing interpreter (dynamic program with a wrong -L)", { timeout: 30_000 }, () => {
    const ls = join(sysrootDir("armhf"), "usr", "bin", "ls");
    qemuFails(["-L", "/nonexistent-sysroot", ls]);
    expectOneLineError(cli(["-L", "/nonexistent-sysroot", ls]), /interpreter|No such file/);
  });
  test("unknown option and CPU model", { timeout: 30_000 }, () => {
    expectOneLineError(cli(["-nosuchoption", "x"]));
    expectOneLineError(cli(["-cpu", "cortex-a9", join(repoRoot(), "testdata", "arm", "excl.elf")]), /CPU model/);
  });
});
