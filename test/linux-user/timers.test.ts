// Timers that fire, for every guest, against trixie's qemu-<arch>: our riscv64 program (setitimer REAL,
// VIRTUAL and PROF, a timer interrupting nanosleep, a POSIX timer with a sigev_value; testdata/arm/timers.c
// is the ARM one, in test/arm/programs.test.ts), and coreutils' `timeout` (timer_create + SIGALRM, then
// SIGTERM to its child) on armhf and i386: `timeout 1 sleep 5` ends with 124, `timeout 5 true` with 0.
// stdout, stderr and the exit status must be identical.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { armAbi } from "../../src/linux-user/arm/abi.ts";
import { i386Abi } from "../../src/linux-user/i386/abi.ts";
import { runElf } from "../../src/linux-user/index.ts";
import { hasSysrootFor, repoRoot, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";
import { diff, runQemu, runTciemu, type Case } from "./harness.ts";

function requireQemu(arch: "riscv64" | "arm" | "i386"): string {
  const q = trixieQemuUser(arch);
  if (!q) throw new Error(`qemu-${arch} (Debian trixie) is missing: bash tools/debian/fetch.sh qemu`);
  return q;
}

function requireSysroot(arch: "armhf" | "i386"): string {
  if (!hasSysrootFor(arch))
    throw new Error(`no ${arch} Debian sysroot at ${sysrootDir(arch)}: run 'bash tools/debian/fetch.sh sysroot ${arch}'`);
  return sysrootDir(arch);
}

describe("timers fire as under qemu", () => {
  test("riscv64 timers.elf", { timeout: 120_000 }, () => {
    const elf = join(repoRoot(), "testdata", "riscv", "user", "timers.elf");
    const ref = spawnSync(requireQemu("riscv64"), [elf], { maxBuffer: 1 << 20 });
    if (ref.error) throw ref.error;
    const r = runElf({ elf: new Uint8Array(readFileSync(elf)), argv: [elf] });
    expect(new TextDecoder().decode(r.stdout)).toBe(ref.stdout.toString());
    expect(r.exitCode).toBe(ref.status);
  });

  const TIMEOUT: Case[] = [
    { name: "timeout 1 sleep 5", argv: ["/usr/bin/timeout", "1", "/usr/bin/sleep", "5"] },
    { name: "timeout 5 true", argv: ["/usr/bin/timeout", "5", "/usr/bin/true"] },
  ];
  const GUESTS = [
    { arch: "arm" as const, sysroot: "armhf" as const, abi: armAbi, qemuArgs: ["-cpu", "cortex-a15,neon=off,vfp-d32=off"] },
    { arch: "i386" as const, sysroot: "i386" as const, abi: i386Abi, qemuArgs: ["-cpu", "qemu32,-sse3"] },
  ];
  for (const g of GUESTS)
    for (const c of TIMEOUT)
      test(`${g.arch} coreutils ${c.name}`, { timeout: 300_000 }, () => {
        const sysroot = requireSysroot(g.sysroot);
        const q = runQemu(c, requireQemu(g.arch), sysroot, g.qemuArgs);
        const t = runTciemu(c, sysroot, { abi: g.abi });
        const d = diff(q, t);
        if (d) throw new Error(`${c.name}: ${d}`);
        expect(t.status).toBe(c.argv[2] === "/usr/bin/sleep" ? 124 : 0);
      });
});
