// Our glibc test programs in testdata/linux-user, built static per guest (testdata/riscv/user/<name>.elf,
// testdata/arm/<name>.elf, testdata/i386/progs/<name>; tools/build-testdata.sh, tools/build-testdata-arm.sh,
// testdata/i386/progs/build.sh), under the CLI (whose host clock runs while the guest sleeps; the in-memory
// host jumps to deadlines) and under trixie's qemu-<arch>: stdout, stderr and the exit status must be identical.
// - sigwait: rt_sigtimedwait (sigwait, sigwaitinfo, sigtimedwait; rt_sigtimedwait_time64 through glibc on
//   i386 and ARM) and rt_sigqueueinfo: pending signals in Linux's order, a timeout, bad arguments, SIGALRM
//   from a timer, a signal from another process, EINTR from a handled signal, an unblocked waited-for
//   signal taken without its handler, SIGCHLD's siginfo, process-wide signals taken by a second thread.
// - fsinfo: statfs/fstatfs (statfs64/fstatfs64 through glibc on 32-bit guests, the plain calls directly) of a
//   directory, /proc, a pipe, a socket, an eventfd; copy_file_range with and without offsets and its errors.
// - rcvtimeo: SO_RCVTIMEO/SO_SNDTIMEO ending blocking recv, read, recvmsg, accept and send with EAGAIN (and
//   the program going on), EINTR despite SA_RESTART when the wait has a timeout; AF_UNIX and UDP.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const PROGRAMS = [
  { name: "sigwait", marker: "thread sigwait: 0 sig=12" },
  { name: "rcvtimeo", marker: "stream send full: -1 EAGAIN" },
  { name: "fsinfo", marker: "same file apart: 20" },
];
const GUESTS = [
  { arch: "riscv64" as const, elf: (n: string) => `testdata/riscv/user/${n}.elf`, build: "tools/build-testdata.sh", qemuArgs: [] },
  {
    arch: "arm" as const,
    elf: (n: string) => `testdata/arm/${n}.elf`,
    build: "tools/build-testdata-arm.sh",
    qemuArgs: ["-cpu", "cortex-a15,neon=off,vfp-d32=off"],
  },
  {
    arch: "i386" as const,
    elf: (n: string) => `testdata/i386/progs/${n}`,
    build: "testdata/i386/progs/build.sh",
    qemuArgs: ["-cpu", "qemu32,-sse3"],
  },
];

describe("glibc programs as under qemu", () => {
  for (const p of PROGRAMS)
    for (const g of GUESTS)
      test(`${g.arch} ${p.name}`, { timeout: 120_000 }, () => {
        const elf = join(repoRoot(), g.elf(p.name));
        if (!existsSync(elf)) throw new Error(`${elf} is missing: bash ${g.build}`);
        const q = trixieQemuUser(g.arch);
        if (!q) throw new Error(`qemu-${g.arch} (Debian trixie) is missing: bash tools/debian/fetch.sh qemu`);
        // a scratch directory as the working directory (fsinfo makes files there; both runs see one file system)
        const cwd = mkdtempSync(join(tmpdir(), "tciemu-glibc-"));
        try {
          const ref = spawnSync(q, [...g.qemuArgs, elf], { cwd, maxBuffer: 1 << 20 });
          if (ref.error) throw ref.error;
          expect(ref.stdout.toString()).toContain(p.marker);
          const r = spawnSync(join(repoRoot(), `tools/bin/tciemu-${g.arch}`), [elf], { cwd, maxBuffer: 1 << 20, timeout: 100_000 });
          if (r.error) throw r.error;
          expect(r.stdout.toString()).toBe(ref.stdout.toString());
          expect(r.stderr.toString()).toBe(ref.stderr.toString());
          expect(r.status).toBe(ref.status);
        } finally {
          rmSync(cwd, { recursive: true, force: true });
        }
      });
});
