// The user-mode CLI's umask, as qemu-user's: the first guest process starts with the umask tciemu
// was started with, and the modes of what the guest creates are its mode & ~(the guest's umask),
// with nothing of the host process's own umask on top (the kernel applies the guest's; Node's is
// cleared). Compared with Debian's qemu-riscv64 started the same way, in fresh directories.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, sysrootDir } from "../../tools/debian/paths.ts";
import { requireTools } from "./harness.ts";

const CLI = join(repoRoot(), "tools/bin/tciemu-riscv64");
const SYSROOT = sysrootDir();
const BUSYBOX = join(SYSROOT, "bin/busybox");

// umask as inherited, then a looser one than the host's: mkdir -p's parents, a file, a fifo, a directory
const SCRIPT = [
  "umask",
  "umask 002",
  "mkdir -p a/b/c",
  "mkdir -m 777 d",
  "touch f",
  "mkfifo p",
  "stat -c '%n %a' a a/b a/b/c d f p",
  "umask 0",
  "mkdir e",
  "stat -c '%n %a' e",
].join("; ");

function runIn(emulator: string[], hostUmask: string): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-umask-"));
  try {
    const argv = [...emulator, "-L", SYSROOT, BUSYBOX, "sh", "-c", SCRIPT].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const r = spawnSync("bash", ["-c", `umask ${hostUmask} && exec ${argv}`], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    if (r.error) throw r.error;
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the user-mode CLI's umask", { timeout: 120_000 }, () => {
  for (const hostUmask of ["027", "022", "077"]) {
    test(`started with umask ${hostUmask}: inherited, then applied once, as qemu-riscv64`, () => {
      const q = runIn([requireTools().qemu], hostUmask);
      const t = runIn([CLI], hostUmask);
      expect(q.status).toBe(0);
      expect(q.stdout.split("\n")[0]).toBe(`0${hostUmask}`);
      expect(t.stdout).toBe(q.stdout);
      expect(t.stderr).toBe(q.stderr);
      expect(t.status).toBe(q.status);
    });
  }
});
