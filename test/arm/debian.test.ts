// Debian trixie armhf programs (busybox-static, coreutils, python3.13, perl, lua5.4, sqlite3, xz,
// bzip2, gzip, 7-Zip; all but busybox dynamically linked against glibc) run under tciemu's ARM
// guest and under Debian's qemu-arm -cpu cortex-a15,neon=off,vfp-d32=off with the same -L sysroot:
// stdout, stderr, exit status and selected output files must be identical. Needs
// `bash tools/debian/fetch.sh sysroot armhf` and `bash tools/debian/fetch.sh qemu` (the test fails,
// never skips, without them).
import { describe, expect, test } from "vitest";
import { armAbi } from "../../src/linux-user/arm/abi.ts";
import { diff, runQemu, runTciemu } from "../linux-user/harness.ts";
import { ARM_CORPUS, QEMU_ARM_CPU, requireArmTools } from "./corpus.ts";

describe("Debian armhf programs match qemu-arm", () => {
  test("sysroot and qemu-arm are present", () => {
    expect(() => requireArmTools()).not.toThrow();
  });
  for (const c of ARM_CORPUS) {
    test(c.name, { timeout: 180_000 }, () => {
      const { qemu, sysroot } = requireArmTools();
      const q = runQemu(c, qemu, sysroot, QEMU_ARM_CPU);
      const t = runTciemu(c, sysroot, { abi: armAbi });
      const d = diff(q, t);
      if (d) throw new Error(`${c.name}: ${d}`);
    });
  }
});
