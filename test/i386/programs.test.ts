// Our own i386 test programs (testdata/i386/progs, built with Debian's i686 cross gcc) under tciemu-i386
// and trixie's qemu-i386 -cpu qemu32,-sse3: stdout, stderr and exit status must be identical. They
// cover EFLAGS after every ALU op, string ops with REP in both directions, SSE2 arithmetic and
// conversions, x87 rounding and transcendentals, self-modifying code (also within the running TB)
// and signals (faults with their siginfo and error codes, a legacy handler, FP state across handlers);
// epoll: glibc's epoll and eventfd calls with i386's packed 12-byte struct epoll_event.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const PROGRAMS = ["cpu-corners", "epoll"];

for (const name of PROGRAMS) {
  test(`${name} matches qemu-i386`, { timeout: 300_000 }, () => {
    const qemu = trixieQemuUser("i386");
    if (!qemu) throw new Error("no trixie qemu-i386: run 'bash tools/debian/fetch.sh qemu'");
    const elf = join(repoRoot(), "testdata/i386/progs", name);
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, [...args, elf], { encoding: "latin1", maxBuffer: 64 << 20 });
      return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    };
    const q = run(qemu, ["-cpu", "qemu32,-sse3"]);
    const t = run(join(repoRoot(), "tools/bin/tciemu-i386"), []);
    expect(q.stdout.length).toBeGreaterThan(500);
    expect(t).toEqual(q);
  });
}
