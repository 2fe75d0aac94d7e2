// Debian's python3.13 on every guest, next to Debian's qemu-user with the same -L sysroot: for
// tests of the generic Linux ABI (src/linux-user) that a Python script reaches on riscv64, i386
// and ARM alike. Missing tools fail the test (never a skip).
import { armAbi } from "../../src/linux-user/arm/abi.ts";
import { i386Abi } from "../../src/linux-user/i386/abi.ts";
import type { LinuxAbi } from "../../src/linux-user/abi.ts";
import { hasSysrootFor, requireUserland, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";
import { QEMU_ARM_CPU } from "../arm/corpus.ts";
import { diff, requireTools, runQemu, runTciemu, type Case } from "./harness.ts";

export interface PythonGuest {
  arch: "riscv64" | "i386" | "arm";
  tools(): { qemu: string; sysroot: string };
  qemuArgs: string[];
  abi?: LinuxAbi;
}

function debianTools(arch: "i386" | "armhf", emu: "i386" | "arm"): { qemu: string; sysroot: string } {
  if (!hasSysrootFor(arch)) throw new Error(`no ${arch} sysroot: run 'bash tools/debian/fetch.sh sysroot ${arch}'`);
  const qemu = trixieQemuUser(emu);
  if (!qemu) throw new Error(`no trixie qemu-${emu}: run 'bash tools/debian/fetch.sh qemu'`);
  return { qemu, sysroot: sysrootDir(arch) };
}

export const PYTHON_GUESTS: PythonGuest[] = [
  // riscv64's python3 is in the userland tree (tools/debian/fetch.sh userland riscv64), not the sysroot.
  { arch: "riscv64", tools: () => ({ qemu: requireTools().qemu, sysroot: requireUserland() }), qemuArgs: [] },
  { arch: "i386", tools: () => debianTools("i386", "i386"), qemuArgs: ["-cpu", "qemu32,-sse3"], abi: i386Abi },
  { arch: "arm", tools: () => debianTools("armhf", "arm"), qemuArgs: QEMU_ARM_CPU, abi: armAbi },
];

/** A case running `python3.13 -S -c script`. */
export function pythonCase(name: string, script: string): Case {
  return { name, argv: ["/usr/bin/python3.13", "-S", "-c", script] };
}

/** Runs `c` under qemu-user (which must succeed) and tciemu on guest `g`; throws on any difference. */
export function expectSameAsQemu(g: PythonGuest, c: Case): void {
  const { qemu, sysroot } = g.tools();
  const q = runQemu(c, qemu, sysroot, g.qemuArgs);
  if (q.status !== 0) throw new Error(`the script failed under qemu-user: ${q.stderr.toString()}`);
  const t = runTciemu(c, sysroot, g.abi ? { abi: g.abi } : {});
  const d = diff(q, t);
  if (d) throw new Error(`${g.arch}: ${d}`);
}
