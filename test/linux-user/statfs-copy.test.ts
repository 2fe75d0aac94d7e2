// statfs64/fstatfs64 and copy_file_range as Debian's coreutils use them, on i386 and armhf against trixie's
// qemu-<arch> with the same sysroot: `stat -f` (the fields that do not change while the tests run: not the
// free counts, nor the ID, which the Node host cannot learn), `df` (type, size, inodes, mount point from the
// host's mountinfo), and `cp` of a file larger than one copy_file_range call copies. stdout, stderr, the exit
// status and the copied file must be identical.
import { describe, test } from "vitest";
import { armAbi } from "../../src/linux-user/arm/abi.ts";
import { i386Abi } from "../../src/linux-user/i386/abi.ts";
import { hasSysrootFor, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";
import { diff, runQemu, runTciemu, type Case } from "./harness.ts";

/** 17 MiB and a bit of a pattern that no copy at a wrong offset reproduces. */
function bigFile(): Uint8Array {
  const b = new Uint8Array((17 << 20) + 12345);
  for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761) >>> 24;
  return b;
}

const CASES: Case[] = [
  { name: "stat -f", argv: ["/usr/bin/stat", "-f", "-c", "%n %l %t %T %s %S %b %c", ".", "f.txt", "/"], files: { "f.txt": "x\n" } },
  { name: "stat -f missing", argv: ["/usr/bin/stat", "-f", "nope"] },
  { name: "df", argv: ["/usr/bin/df", "--output=fstype,size,itotal,target", "."] },
  { name: "cp", argv: ["/usr/bin/cp", "in.bin", "out.bin"], files: { "in.bin": bigFile() }, outputs: ["out.bin"] },
  { name: "cp empty", argv: ["/usr/bin/cp", "e", "out"], files: { e: "" }, outputs: ["out"] },
];
const GUESTS = [
  { arch: "i386" as const, sysroot: "i386" as const, abi: i386Abi, qemuArgs: ["-cpu", "qemu32,-sse3"] },
  { arch: "arm" as const, sysroot: "armhf" as const, abi: armAbi, qemuArgs: ["-cpu", "cortex-a15,neon=off,vfp-d32=off"] },
];

describe("statfs and copy_file_range through coreutils, as under qemu", () => {
  for (const g of GUESTS)
    for (const c of CASES)
      test(`${g.arch} ${c.name}`, { timeout: 300_000 }, () => {
        if (!hasSysrootFor(g.sysroot))
          throw new Error(
            `no ${g.sysroot} Debian sysroot at ${sysrootDir(g.sysroot)}: run 'bash tools/debian/fetch.sh sysroot ${g.sysroot}'`,
          );
        const qemu = trixieQemuUser(g.arch);
        if (!qemu) throw new Error(`qemu-${g.arch} (Debian trixie) is missing: bash tools/debian/fetch.sh qemu`);
        const q = runQemu(c, qemu, sysrootDir(g.sysroot), g.qemuArgs);
        const t = runTciemu(c, sysrootDir(g.sysroot), { abi: g.abi });
        const d = diff(q, t);
        if (d) throw new Error(`${c.name}: ${d}`);
      });
});
