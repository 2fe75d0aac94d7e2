// -strace's signal lines (QEMU's print_taken_signal: `--- SIGSEGV {si_signo=SIGSEGV, si_code=1,
// si_addr=0x00000010} ---`) against trixie's qemu-arm and qemu-riscv64 -strace on our own programs that
// take signals (tkill, kill, faults, SA_RESETHAND and then a default-ignored signal), and on sigwait.c
// (testdata/linux-user) for every guest: sigqueue's rt_sigqueueinfo with its siginfo, handlers taking pending signals. The lines must
// match in order; pids are normalized, and so are fault addresses in mmap'd pages on riscv64 (the two
// place anonymous mappings differently there).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { i386Abi } from "../../src/linux-user/i386/abi.ts";
import { armAbi, BufferHost, LinuxProcess, riscv64Abi, type LinuxAbi } from "../../src/linux-user/index.ts";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const ARM_CPU = ["-cpu", "cortex-a15,neon=off,vfp-d32=off"];
const CASES: { name: string; arch: "arm" | "riscv64" | "i386"; abi: LinuxAbi; elf: string; qemuArgs: string[] }[] = [
  { name: "arm signals", arch: "arm", abi: armAbi, elf: "testdata/arm/signals.elf", qemuArgs: ["-cpu", "cortex-a15,neon=off,vfp-d32=off"] },
  { name: "riscv64 signals", arch: "riscv64", abi: riscv64Abi, elf: "testdata/riscv/user/signals.elf", qemuArgs: [] },
  // sigqueue's rt_sigqueueinfo call (its siginfo) and handlers taking queued and pending signals
  { name: "riscv64 sigwait", arch: "riscv64", abi: riscv64Abi, elf: "testdata/riscv/user/sigwait.elf", qemuArgs: [] },
  { name: "arm sigwait", arch: "arm", abi: armAbi, elf: "testdata/arm/sigwait.elf", qemuArgs: ARM_CPU },
  { name: "i386 sigwait", arch: "i386", abi: i386Abi, elf: "testdata/i386/progs/sigwait", qemuArgs: ["-cpu", "qemu32,-sse3"] },
];

/** The signal lines (and rt_sigqueueinfo calls) of a -strace log, pids and mmap'd addresses normalized. */
function signalLines(log: string): string[] {
  return log
    .split("\n")
    .map((l) => l.replace(/^\d+ (rt_sigqueueinfo\(\d+,)/, "$1"))
    .filter((l) => l.startsWith("--- ") || l.startsWith("rt_sigqueueinfo("))
    .map((l) =>
      l
        .replace(/si_pid=\d+/g, "si_pid=PID")
        .replace(/^rt_sigqueueinfo\(\d+,/, "rt_sigqueueinfo(PID,")
        .replace(/si_addr=0x([0-9a-f]+)/g, (m, h: string) => (parseInt(h, 16) >= 0x10000000 ? `si_addr=MMAP+${h.slice(-3)}` : m)),
    );
}

/**
 * QEMU's -strace of a program that forks: parent and child write the same stderr in pieces (a signal
 * line is several writes), so the child's `exit_group(0)` or its pid can land inside the parent's
 * `--- SIGUSR2 {...} ---`, or the line can start after the child's text. That garbling is the
 * reference's race, not its answer: rerun it until every line with a signal marker is one whole
 * signal line.
 */
function referenceRun(qemu: string, args: string[]): { ref: ReturnType<typeof spawnSync>; expected: string[] } {
  for (let attempt = 1; ; attempt++) {
    const ref = spawnSync(qemu, args, { maxBuffer: 64 << 20 });
    if (ref.error) throw ref.error;
    const log = ref.stderr.toString("latin1");
    const expected = signalLines(log);
    const whole = log.split("\n").every((l) => !l.includes("--- ") || /^--- \S+ \{[^{}]*\} ---$/.test(l));
    if (whole || attempt === 10) return { ref, expected };
  }
}

describe("-strace prints the signals taken as qemu does", () => {
  for (const c of CASES) {
    test(c.name, { timeout: 120_000 }, () => {
      const q = trixieQemuUser(c.arch);
      if (!q) throw new Error(`qemu-${c.arch} (Debian trixie) is missing: bash tools/debian/fetch.sh qemu`);
      const path = join(repoRoot(), c.elf);
      const { ref, expected } = referenceRun(q, [...c.qemuArgs, "-strace", path]);

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
