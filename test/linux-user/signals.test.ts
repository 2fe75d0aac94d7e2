// Signal delivery to guest handlers (testdata/riscv/user/signals.c): SIGSEGV on unmapped and
// read-only pages with siginfo and ucontext checked by the handler, which resumes through
// rt_sigreturn; sigaltstack; a blocked SIGUSR1; SIGILL; and an uncaught SIGSEGV, which exits with
// 139 (without qemu's "uncaught target signal" message: qemu-riscv64 10 has no core dump, see
// core-message.test.ts). Compared with qemu-riscv64 too.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { qemuRiscv64, repoRoot, riscvTestdataDir } from "../../tools/debian/paths.ts";
import { runElf } from "../../src/linux-user/index.ts";

const ELF = join(riscvTestdataDir(), "user", "signals.elf");
const EXPECTED = `sigaction: 0
load unmapped: hits=1 signo=1111 code=1 addr_ok=1 value=23130 s2=1234567 fcsr=21 masked=0
store read-only: hits=2 code=2 addr_ok=1
sigaltstack: 0
altstack: hits=3 on_alt=1
blocked: usr1=0
unblocked: usr1=10
sigill: signo=4
sigaction(SIGKILL): -22, bad size: -22
`;

describe("guest signal handlers", () => {
  test("handled SIGSEGV, SIGILL, SIGUSR1 (in-process)", () => {
    const r = runElf({ elf: new Uint8Array(readFileSync(ELF)), argv: [ELF] });
    expect(new TextDecoder().decode(r.stdout)).toBe(EXPECTED);
    expect(r.exitCode).toBe(0);
  });
  test("uncaught SIGSEGV (in-process)", () => {
    const r = runElf({ elf: new Uint8Array(readFileSync(ELF)), argv: [ELF, "crash"] });
    expect(new TextDecoder().decode(r.stdout)).toBe(EXPECTED + "now faulting for real\n");
    expect(new TextDecoder().decode(r.stderr)).toBe("");
    expect(r.exitCode).toBe(139);
    expect(r.signal).toBe(11);
  });
  test("CLI matches qemu-riscv64, including the uncaught signal", { timeout: 60_000 }, () => {
    const qemu = qemuRiscv64();
    if (!qemu) throw new Error("no qemu-riscv64: run 'bash tools/debian/fetch.sh qemu'");
    for (const args of [[], ["crash"]]) {
      const q = spawnSync(qemu, [ELF, ...args], { encoding: "utf8" });
      const t = spawnSync(
        join(repoRoot(), "node_modules", ".bin", "tsx"),
        [join(repoRoot(), "src", "cli", "riscv64-user.ts"), ELF, ...args],
        { encoding: "utf8" },
      );
      expect(t.stdout).toBe(q.stdout);
      expect(t.stderr).toBe(q.stderr);
      expect(t.status).toBe(q.status ?? 128 + (q.signal === "SIGSEGV" ? 11 : 0));
    }
  });
});
