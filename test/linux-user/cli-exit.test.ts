// The user-mode CLI ends with process.exit as soon as the guest has exited and nothing else keeps
// Node's event loop alive (src/cli/user-cli.ts: a short process saves Node's teardown). Guest
// output is written synchronously, so none of it may be lost on the way out: a large output
// through a pipe arrives whole, and the guest's exit status and fatal signal are the process's
// (it dies of the guest's signal, as qemu-user does; cli-signals.test.ts compares with qemu).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, sysrootDir } from "../../tools/debian/paths.ts";

const CLI = join(repoRoot(), "tools/bin/tciemu-riscv64");
const SYSROOT = sysrootDir();
const BUSYBOX = join(SYSROOT, "bin/busybox");

function run(args: string[]) {
  if (!existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} is missing: bash tools/debian/fetch.sh sysroot`);
  const r = spawnSync(CLI, ["-L", SYSROOT, BUSYBOX, ...args], { encoding: "utf8", maxBuffer: 64 << 20, timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

describe("the user-mode CLI's exit", { timeout: 120_000 }, () => {
  test("a large output through a pipe arrives whole before the process ends", () => {
    const r = run(["seq", "1", "200000"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.length).toBe(200_001); // the last newline leaves an empty string
    expect(lines[199_999]).toBe("200000");
    expect(r.stdout).toBe(Array.from({ length: 200_000 }, (_, i) => `${i + 1}\n`).join(""));
  });

  test("the guest's exit status and fatal signal are the process's", () => {
    expect(run(["sh", "-c", "echo out; echo err >&2; exit 7"])).toMatchObject({ status: 7, stdout: "out\n", stderr: "err\n" });
    const killed = run(["sh", "-c", "kill -TERM $$"]);
    expect(killed).toMatchObject({ status: null, signal: "SIGTERM" });
  });
});
