// Debian trixie riscv64 programs (busybox-static, lua5.4, sqlite3, xz, bzip2, gzip, 7-Zip, all but
// busybox dynamically linked against glibc) run under tciemu and under Debian's qemu-riscv64 with
// the same -L sysroot: stdout, stderr, exit status and selected output files must be identical.
// Needs `bash tools/debian/fetch.sh sysroot` and `bash tools/debian/fetch.sh qemu` (the test fails,
// never skips, without them).
import { describe, expect, test } from "vitest";
import { CORPUS } from "./corpus.ts";
import { diff, requireTools, runQemu, runTciemu } from "./harness.ts";

describe("Debian riscv64 programs match qemu-riscv64", () => {
  test("sysroot and qemu-riscv64 are present", () => {
    expect(() => requireTools()).not.toThrow();
  });
  for (const c of CORPUS) {
    test(c.name, { timeout: 120_000 }, () => {
      const { qemu, sysroot } = requireTools();
      const q = runQemu(c, qemu, sysroot);
      const t = runTciemu(c, sysroot);
      const d = diff(q, t);
      if (d) throw new Error(`${c.name}: ${d}`);
    });
  }
});
