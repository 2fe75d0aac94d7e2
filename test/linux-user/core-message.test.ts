// qemu's "qemu: uncaught target signal N (...) - core dumped" line for a guest a core-dumping signal
// ends (src/linux-user/process.ts coreDumps, LinuxAbi.coreDump): qemu prints it when its target has
// ELF core dumps (i386, ARM), also with RLIMIT_CORE 0 (its elf_core_dump then returns success
// without writing), and never for riscv64 (no core dump in qemu 10). The CLI of every guest is
// compared with Debian's qemu-user under `ulimit -c 0` and `ulimit -c unlimited` (in a temp dir:
// qemu writes its core file there), and the in-process run too. Before, tciemu printed it exactly
// when RLIMIT_CORE was not 0: missing on i386 and ARM with 0, extra on riscv64 otherwise.
import { spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { diff, runQemu, runTciemu } from "./harness.ts";
import { PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const CASE = pythonCase("python killed by SIGSEGV", "import os; print('before', flush=True); os.kill(os.getpid(), 11)");

describe("qemu's uncaught-signal message", () => {
  for (const g of PYTHON_GUESTS) {
    test(`${g.arch}: the CLI under ulimit -c 0 and unlimited matches qemu-user`, { timeout: 300_000 }, () => {
      const { qemu, sysroot } = g.tools();
      const py = sysroot + CASE.argv[0];
      const cli = join(repoRoot(), "src", "cli", `${g.arch}-user.ts`);
      const tsx = join(repoRoot(), "node_modules", ".bin", "tsx");
      for (const limit of ["0", "unlimited"]) {
        const dir = realpathSync(mkdtempSync(join(tmpdir(), "tciemu-core-")));
        try {
          const run = (cmd: string[]) => {
            const r = spawnSync("sh", ["-c", `ulimit -c ${limit}; exec "$@"`, "sh", ...cmd], { cwd: dir, encoding: "latin1" });
            if (r.error) throw r.error;
            // a shell's status (both die by the signal itself)
            const status = r.status ?? 128 + (r.signal ? constants.signals[r.signal] : 0);
            return { out: r.stdout, err: r.stderr, status };
          };
          const q = run([qemu, ...g.qemuArgs, "-L", sysroot, py, ...CASE.argv.slice(1)]);
          const t = run([tsx, cli, "-L", sysroot, py, ...CASE.argv.slice(1)]);
          expect(q.out).toBe("before\n");
          expect({ limit, ...t }).toEqual({ limit, ...q });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });
    test(`${g.arch}: in-process matches qemu-user`, { timeout: 300_000 }, () => {
      const { qemu, sysroot } = g.tools();
      const d = diff(runQemu(CASE, qemu, sysroot, g.qemuArgs), runTciemu(CASE, sysroot, g.abi ? { abi: g.abi } : {}));
      if (d) throw new Error(`${g.arch}: ${d}`);
    });
  }
});
