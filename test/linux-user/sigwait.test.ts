// rt_sigtimedwait (sigwait, sigwaitinfo, sigtimedwait; rt_sigtimedwait_time64 through glibc on i386 and
// ARM) and rt_sigqueueinfo, for every guest, against trixie's qemu-<arch>: testdata/linux-user/sigwait.c
// built static with glibc per guest (testdata/riscv/user/sigwait.elf, testdata/arm/sigwait.elf,
// testdata/i386/progs/sigwait). It takes pending signals in Linux's order, times out, rejects bad
// arguments, waits for SIGALRM from a timer, for a signal from another process, is interrupted by a
// handled signal (EINTR), takes an unblocked waited-for signal without its handler, reads SIGCHLD's
// siginfo, and lets a second thread take process-wide signals. stdout, stderr and the exit status must be
// identical.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const GUESTS = [
  { arch: "riscv64" as const, elf: "testdata/riscv/user/sigwait.elf", build: "tools/build-testdata.sh", qemuArgs: [] },
  {
    arch: "arm" as const,
    elf: "testdata/arm/sigwait.elf",
    build: "tools/build-testdata-arm.sh",
    qemuArgs: ["-cpu", "cortex-a15,neon=off,vfp-d32=off"],
  },
  {
    arch: "i386" as const,
    elf: "testdata/i386/progs/sigwait",
    build: "testdata/i386/progs/build.sh",
    qemuArgs: ["-cpu", "qemu32,-sse3"],
  },
];

describe("rt_sigtimedwait as under qemu", () => {
  for (const g of GUESTS)
    test(`${g.arch} sigwait`, { timeout: 120_000 }, () => {
      const elf = join(repoRoot(), g.elf);
      if (!existsSync(elf)) throw new Error(`${elf} is missing: bash ${g.build}`);
      const q = trixieQemuUser(g.arch);
      if (!q) throw new Error(`qemu-${g.arch} (Debian trixie) is missing: bash tools/debian/fetch.sh qemu`);
      const ref = spawnSync(q, [...g.qemuArgs, elf], { maxBuffer: 1 << 20 });
      if (ref.error) throw ref.error;
      expect(ref.stdout.toString()).toContain("thread sigwait: 0 sig=12");
      // the CLI's host, whose clock runs while the guest sleeps (the in-memory one jumps to deadlines)
      const r = spawnSync(join(repoRoot(), `tools/bin/tciemu-${g.arch}`), [elf], { maxBuffer: 1 << 20 });
      if (r.error) throw r.error;
      expect(r.stdout.toString()).toBe(ref.stdout.toString());
      expect(r.stderr.toString()).toBe(ref.stderr.toString());
      expect(r.status).toBe(ref.status);
    });
});
