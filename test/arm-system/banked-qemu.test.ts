// MRS/MSR (banked register) against qemu-system-arm: testdata/arm/virt-baremetal/banked.elf runs
// every (R, SYSm) encoding of both instructions, in A32 and T32 (and r15 as the register), from
// each PL1 mode, and prints what each read, which ones were UNDEFINED, and every mode's banked
// registers after each MSR sweep. Two configurations, each the same output on both emulators:
//   - QEMU's `-M virt -cpu cortex-a15` (no Virtualization Extensions): every form UNDEFINED;
//     tciemu's CPU as the board makes it (bankedAccess off).
//   - `-M virt,virtualization=on` (the program leaves Hyp mode through MSR ELR_hyp + ERET, then
//     runs in SVC as on tciemu): the architecture's banked register table with QEMU's choices for
//     the CONSTRAINED UNPREDICTABLE cases (UNDEF); tciemu's CPU with bankedAccess on.
// Needs trixie's qemu-system-arm: bash tools/debian/fetch.sh qemu-system-arm.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import { ArmSystemCpu } from "../../src/target/arm/system-cpu.ts";
import { FETCH_QEMU_SYSTEM_ARM, repoRoot, requireQemuSystemArm } from "../../tools/debian/paths.ts";

const ELF = join(repoRoot(), "testdata/arm/virt-baremetal/banked.elf");

function qemu(machine: string): string {
  try {
    const args = ["-M", machine, "-cpu", "cortex-a15,neon=off,vfp-d32=off", "-m", "256M", "-nic", "none", "-kernel", ELF, "-nographic"];
    return execFileSync(requireQemuSystemArm(), args, { encoding: "utf8", timeout: 240_000, maxBuffer: 1 << 26 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`qemu-system-arm did not start: run '${FETCH_QEMU_SYSTEM_ARM}'`);
    throw e;
  }
}

function tciemu(bankedAccess: boolean): string {
  let out = "";
  const board = new ArmVirtBoard({
    ramBytes: 256 << 20,
    kernel: new Uint8Array(readFileSync(ELF)),
    serialOut: (b) => (out += new TextDecoder().decode(b)),
    icountShift: 3,
    cpu: (host) => new ArmSystemCpu(host, { bankedAccess }),
  });
  for (let i = 0; i < 1000 && !board.machine.exitRequest; i++) {
    const r = board.machine.run(1_000_000);
    if (r === "wfi") throw new Error(`the CPU sleeps with nothing to wake it; output:\n${out}`);
  }
  expect(board.machine.exitRequest?.kind, "PSCI SYSTEM_OFF at the end").toBe("poweroff");
  return out;
}

describe("MRS/MSR (banked register): tciemu's system-mode CPU vs qemu-system-arm", () => {
  test("without the Virtualization Extensions (-M virt): every banked form is UNDEFINED", { timeout: 300_000 }, () => {
    const q = qemu("virt");
    expect(q).toContain("DONE");
    expect(tciemu(false)).toBe(q);
  });

  test("with them (-M virt,virtualization=on): the banked register table, UNDEF where QEMU has it", { timeout: 300_000 }, () => {
    const q = qemu("virt,virtualization=on");
    expect(q).toContain("DONE");
    // the sweep did read something: not every access UNDEFINED
    expect(q).toMatch(/^MRSA (?!(deadbeef ?)+$)/m);
    const t = tciemu(true);
    const ql = q.split("\n"),
      tl = t.split("\n");
    for (let i = 0; i < Math.max(ql.length, tl.length); i++) expect(tl[i], `line ${i + 1}`).toBe(ql[i]);
  });
});
