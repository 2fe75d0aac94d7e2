// Debian trixie i386 programs (busybox-static; coreutils, python3.13, perl, lua5.4, sqlite3, gzip, xz,
// bzip2, 7-Zip dynamically linked against glibc) and the int $0x80 hello run under tciemu and under
// trixie's qemu-i386 -cpu qemu32,-sse3 with the same -L sysroot: stdout, stderr, exit status and
// selected output files must be identical, compared at test time. Needs
// `bash tools/debian/fetch.sh sysroot i386` and `bash tools/debian/fetch.sh qemu` (fails, never skips).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { i386Abi } from "../../src/linux-user/i386/abi.ts";
import { hasSysrootFor, repoRoot, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";
import { diff, runQemu, runTciemu } from "../linux-user/harness.ts";
import { I386_CORPUS } from "./corpus.ts";

const QEMU_CPU = ["-cpu", "qemu32,-sse3"];

function requireI386Tools(): { qemu: string; sysroot: string } {
  if (!hasSysrootFor("i386"))
    throw new Error(`no i386 Debian sysroot at ${sysrootDir("i386")}: run 'bash tools/debian/fetch.sh sysroot i386'`);
  const qemu = trixieQemuUser("i386");
  if (!qemu) throw new Error("no trixie qemu-i386 to compare with: run 'bash tools/debian/fetch.sh qemu'");
  return { qemu, sysroot: sysrootDir("i386") };
}

describe("the int $0x80 hello of the QEMU walkthrough", () => {
  test("output, status and the -d in_asm log match qemu-i386", { timeout: 120_000 }, () => {
    const { qemu } = requireI386Tools();
    const elf = join(repoRoot(), "testdata/i386/hello/hello.elf");
    const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-hello-"));
    try {
      const run = (cmd: string, args: string[], log: string) => {
        const r = spawnSync(cmd, [...args, "-d", "in_asm", "-D", join(dir, log), elf], { encoding: "latin1" });
        return { stdout: r.stdout, stderr: r.stderr, status: r.status, log: readFileSync(join(dir, log), "latin1") };
      };
      const q = run(qemu, QEMU_CPU, "q.log");
      const t = run(join(repoRoot(), "tools/bin/tciemu-i386"), [], "t.log");
      expect(q.stdout).toBe("Hello, world!\n");
      expect(t).toEqual(q);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Debian i386 programs match qemu-i386", () => {
  test("sysroot and qemu-i386 are present", () => {
    expect(() => requireI386Tools()).not.toThrow();
  });
  for (const c of I386_CORPUS) {
    test(c.name, { timeout: 600_000 }, () => {
      const { qemu, sysroot } = requireI386Tools();
      const q = runQemu(c, qemu, sysroot, QEMU_CPU);
      const t = runTciemu(c, sysroot, { abi: i386Abi });
      const d = diff(q, t);
      if (d) throw new Error(`${c.name}: ${d}`);
    });
  }
});
