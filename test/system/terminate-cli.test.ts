// tciemu-system-riscv64 ends on SIGINT, SIGHUP and SIGTERM as qemu-system-riscv64 does (QEMU's
// termsig_handler): "terminating on signal N" on stderr, the terminal given back, status 0 (it
// died by the signal before). Both run Debian's OpenSBI without a kernel; the signal goes once
// OpenSBI's banner is out. QEMU also names the sender ("from pid N (comm)"), which Node cannot
// know: that part is left out of the comparison.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";
import { opensbiFirmware, repoRoot } from "../../tools/debian/paths.ts";

function runUntilSignalled(argv: string[], sig: NodeJS.Signals): Promise<{ stderr: string; status: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sent = false;
    const timer = setTimeout(() => p.kill("SIGKILL"), 120_000);
    p.stdout.setEncoding("latin1").on("data", (s: string) => {
      stdout += s;
      if (!sent && stdout.includes("Boot HART ID")) {
        sent = true;
        p.kill(sig);
      }
    });
    p.stderr.setEncoding("latin1").on("data", (s: string) => (stderr += s));
    p.on("error", reject);
    p.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({
        stderr: stderr
          .replace(/ from pid \d+ \(.*\)$/m, "")
          .replace(/^qemu-system-riscv64:/m, "EMU:")
          .replace(/^tciemu-system-riscv64:/m, "EMU:"),
        status,
        signal,
      });
    });
  });
}

for (const sig of ["SIGTERM", "SIGHUP"] as const) {
  test(`${sig}: terminating on the signal, status 0, as qemu-system-riscv64`, { timeout: 300_000 }, async () => {
    const bios = opensbiFirmware("fw_dynamic", "bin");
    expect(bios, "run 'bash tools/debian/fetch.sh system'").toBeDefined();
    const args = ["-M", "virt", "-m", "256M", "-nographic", "-monitor", "none", "-bios", bios!];
    const q = await runUntilSignalled(["qemu-system-riscv64", ...args], sig);
    const t = await runUntilSignalled([join(repoRoot(), "tools/bin/tciemu-system-riscv64"), ...args], sig);
    expect(q.stderr).toMatch(/^EMU: terminating on signal \d+\n$/);
    expect(t).toEqual(q);
  });
}
