// The system-mode CPU against qemu-system-arm on whole bare-metal programs: each ELF runs on
// trixie's `qemu-system-arm -M virt -cpu cortex-a15,neon=off,vfp-d32=off` (QEMU 10.0, the CPU tciemu
// models) and on tciemu's ARM virt board with
// ArmSystemCpu, and what it prints on the PL011 must be the same.
//   sys-check.elf  modes and banked registers, UNDEF/SVC/BKPT/aborts with LR, SPSR, CPSR and fault
//                  registers, User mode and back, LDM/STM with ^, VFP enable, the virtual timer's
//                  interrupt through the GIC out of WFI, ISR, PSCI over HVC
//   mmu-walk.elf   400 rounds of random page tables translated with ATS1C** (4000 PARs)
// Needs trixie's qemu-system-arm: bash tools/debian/fetch.sh qemu-system-arm.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import { ArmSystemCpu } from "../../src/target/arm/system-cpu.ts";
import { FETCH_QEMU_SYSTEM_ARM, repoRoot, requireQemuSystemArm } from "../../tools/debian/paths.ts";

const DIR = join(repoRoot(), "testdata/arm/virt-baremetal");

function qemu(elf: string): { out: string; major: number } {
  try {
    const version = /version (\d+)\./.exec(execFileSync(requireQemuSystemArm(), ["--version"], { encoding: "utf8" }));
    const args = ["-M", "virt", "-cpu", "cortex-a15,neon=off,vfp-d32=off", "-m", "256M", "-nic", "none", "-kernel", elf, "-nographic"];
    const out = execFileSync(requireQemuSystemArm(), args, { encoding: "utf8", timeout: 240_000, maxBuffer: 1 << 26 });
    return { out, major: version ? Number(version[1]) : 0 };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`qemu-system-arm did not start: run '${FETCH_QEMU_SYSTEM_ARM}'`);
    throw e;
  }
}

function tciemu(elf: string): string {
  let out = "";
  const board = new ArmVirtBoard({
    ramBytes: 256 << 20,
    kernel: new Uint8Array(readFileSync(elf)),
    serialOut: (b) => (out += new TextDecoder().decode(b)),
    icountShift: 3,
    cpu: (host) => new ArmSystemCpu(host),
  });
  for (let i = 0; i < 1000 && !board.machine.exitRequest; i++) {
    const r = board.machine.run(1_000_000);
    if (r === "wfi") throw new Error(`the CPU sleeps with nothing to wake it; output:\n${out}`);
  }
  expect(board.machine.exitRequest?.kind, "PSCI SYSTEM_OFF at the end").toBe("poweroff");
  return out;
}

describe("bare-metal programs: tciemu's system-mode CPU vs qemu-system-arm", () => {
  test("sys-check: modes, exceptions, cp15, GIC interrupt, VFP, PSCI", { timeout: 300_000 }, () => {
    const elf = join(DIR, "sys-check.elf");
    const q = qemu(elf).out.split("\n");
    const t = tciemu(elf).split("\n");
    expect(q).toContain("E");
    expect(t).toEqual(q);
  });

  test("mmu-walk: 4000 ATS translations through the CPU give QEMU's PARs", { timeout: 600_000 }, () => {
    const elf = join(DIR, "mmu-walk.elf");
    const { out, major } = qemu(elf);
    const q = out.split("\n");
    const t = tciemu(elf).split("\n");
    expect(t.length).toBe(q.length);
    const mismatches: string[] = [];
    for (let i = 0; i < q.length; i++) {
      if (q[i] === t[i]) continue;
      const f = q[i].split(" ");
      if (f[0] === "Q" && major < 8) {
        // QEMU 8+: the long-format PAR of Device or Normal non-cacheable memory has SH = 0b10.
        const lo = parseInt(f[3], 16),
          attrs = parseInt(f[4], 16) >>> 24;
        if ((lo & 0x801) === 0x800 && ((attrs & 0xf0) === 0 || attrs === 0x44 || attrs === 0x40)) {
          f[3] = (((lo & ~0x180) | (2 << 7)) >>> 0).toString(16).padStart(8, "0");
          if (f.join(" ") === t[i]) continue;
        }
      }
      mismatches.push(`line ${i + 1}: qemu '${q[i]}' tciemu '${t[i]}'`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(q.filter((l) => l.startsWith("Q ")).length).toBe(4000);
  });
});
