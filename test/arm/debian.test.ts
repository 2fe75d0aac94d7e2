// Debian trixie armhf programs (busybox-static, coreutils, python3.13, perl, lua5.4, sqlite3, xz,
// bzip2, gzip, 7-Zip; all but busybox dynamically linked against glibc) run under tciemu's ARM
// guest and under Debian's qemu-arm -cpu cortex-a15,neon=off,vfp-d32=off with the same -L sysroot:
// stdout, stderr, exit status and selected output files must be identical. Needs
// `bash tools/debian/fetch.sh sysroot armhf` and `bash tools/debian/fetch.sh qemu` (the test fails,
// never skips, without them).
//
// The default suite runs a few cases of each program (DEFAULT_CASES); `npm run test:arm-corpus`
// (TCIEMU_ARM_CORPUS=all) runs every case: about 15 minutes on a loaded 2-core machine, mostly python3.
import { describe, expect, test } from "vitest";
import { armAbi } from "../../src/linux-user/arm/abi.ts";
import { diff, runQemu, runTciemu } from "../linux-user/harness.ts";
import { ARM_CORPUS, QEMU_ARM_CPU, requireArmTools } from "./corpus.ts";

/** The cases the default suite runs: one or two per program. */
const DEFAULT_CASES = new Set([
  "busybox sh arithmetic",
  "busybox sha256sum md5sum",
  "busybox tar extract",
  "lua script",
  "sqlite3 memory",
  "xz round trip",
  "bzip2 round trip",
  "gzip decompress",
  "coreutils ls -la",
  "coreutils sort",
  "python3 decimal",
  "python3 time64 syscalls",
  "python3 file syscall errors",
  "python3 arm file syscalls",
  "python3 arm old id, select and utimes calls",
  "perl text processing",
]);
const ALL = process.env["TCIEMU_ARM_CORPUS"] === "all";

describe("Debian armhf programs match qemu-arm", () => {
  test("sysroot and qemu-arm are present", () => {
    expect(() => requireArmTools()).not.toThrow();
  });
  test("every default case is in the corpus", () => {
    expect([...DEFAULT_CASES].filter((n) => !ARM_CORPUS.some((c) => c.name === n))).toEqual([]);
  });
  for (const c of ALL ? ARM_CORPUS : ARM_CORPUS.filter((x) => DEFAULT_CASES.has(x.name))) {
    test(c.name, { timeout: 180_000 }, () => {
      const { qemu, sysroot } = requireArmTools();
      const q = runQemu(c, qemu, sysroot, QEMU_ARM_CPU);
      const t = runTciemu(c, sysroot, { abi: armAbi });
      const d = diff(q, t);
      if (d) throw new Error(`${c.name}: ${d}`);
    });
  }
});
