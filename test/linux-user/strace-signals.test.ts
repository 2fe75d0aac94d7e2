// -strace's signal lines (QEMU's print_taken_signal: `--- SIGSEGV {si_signo=SIGSEGV, si_code=1,
// si_addr=0x00000010} ---`) against trixie's qemu-arm and qemu-riscv64 -strace on our own programs that
// take signals (tkill, kill, faults, SA_RESETHAND and then a default-ignored signal). The lines must
// match in order; pids are normalized, and so are fault addresses in mmap'd pages on riscv64 (the two
// place anonymous mappings differently there).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { armAbi, BufferHost, LinuxProcess, riscv64Abi, type LinuxAbi } from "../../src/linux-user/index.ts";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const CASES: { name: string; arch: "arm" | "riscv64"; abi: LinuxAbi; elf: string; qemuArgs: string[] }[] = [
  { name: "arm signals", arch: "arm", abi: armAbi, elf: "testdata/arm/signals.elf", qemuArgs: ["-cpu", "cortex-a15,neon=off,vfp-d32=off"] },
  { name: "riscv64 signals", arch: "riscv64", abi: riscv64Abi, elf: "testdata/riscv/user/signals.elf", qemuArgs: [] },
];

/** The signal lines of a -strace log, pids and mmap'd addresses normalized. */
function signalLines(log: string): string[] {
  return log
    .split("\n")
    .filter((l) => l.startsWith("--- "))
    .map((l) =>
      l
        .replace(/si_pid=\d+/g, "si_pid=PID")
        .replace(/si_addr=0x([0-9a-f]+)/g, (m, h: string) => (parseInt(h, 16) >= 0x10000000 ? `si_addr=MMAP+${h.slice(-3)}` : m)),
    );
}

describe("-strace prints the signals taken as qemu does", () => {
  for (const c of CASES) {
    test(c.name, { timeout: 120_000 }, () => {
      const q = trixieQemuUser(c.arch);
      if (!q) throw new Error(`qemu-${c.arch} (Debian trixie) is missing: bash tools/debian/fetch.sh qemu`);
      const path = join(repoRoot(), c.elf);
      const ref = spawnSync(q, [...c.qemuArgs, "-strace", path], { maxBuffer: 64 << 20 });
      if (ref.error) throw ref.error;
      const expected = signalLines(ref.stderr.toString("latin1"));

      const lines: string[] = [];
      const p = new LinuxProcess(new BufferHost(), { abi: c.abi });
      p.sys.trace = (line) => lines.push(line);
      p.load(new Uint8Array(readFileSync(path)), [path], []);
      const r = p.run();
      expect(r.exitCode).toBe(ref.status);
      expect(expected.length).toBeGreaterThan(3);
      expect(signalLines(lines.join("\n"))).toEqual(expected);
    });
  }
});
