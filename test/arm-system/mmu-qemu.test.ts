// The MMU walker (src/target/arm/mmu.ts) against QEMU's own: testdata/arm/virt-baremetal/mmu-walk.elf
// builds random short-descriptor and LPAE page tables and register settings under
// `qemu-system-arm -M virt -cpu cortex-a15`, translates random addresses with ATS1CPR/CPW/CUR/CUW
// and prints the tables, the registers and each PAR; every translation is replayed here and the
// PAR must be the same (4000 translations, seed fixed in the program).
//
// The reference is trixie's QEMU 10.0 (tools/debian/fetch.sh qemu-system-arm). One thing changed
// in QEMU 8: for a long-format PAR of Device or Normal non-cacheable memory the SH field reads 0b10
// (outer shareable, helper.c's par_el1_shareability) instead of the descriptor's SH; the walker
// follows QEMU 10, and PARs of a 7.x QEMU (TCIEMU_QEMU_SYSTEM_ARM) are compared with that field
// adjusted.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ArmTranslation, armTranslate, MMU_LOAD, MMU_STORE, type ArmMmuRegs } from "../../src/target/arm/mmu.ts";
import { FETCH_QEMU_SYSTEM_ARM, repoRoot, requireQemuSystemArm } from "../../tools/debian/paths.ts";

function qemu(args: string[]): string {
  try {
    return execFileSync(requireQemuSystemArm(), args, { encoding: "utf8", timeout: 240_000, maxBuffer: 1 << 26 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`qemu-system-arm did not start: run '${FETCH_QEMU_SYSTEM_ARM}'`);
    throw e;
  }
}

describe("MMU walker vs qemu-system-arm", () => {
  test("4000 random translations give QEMU's PAR", () => {
    const version = /version (\d+)\./.exec(qemu(["--version"]));
    const major = version ? Number(version[1]) : 0;
    const elf = join(repoRoot(), "testdata/arm/virt-baremetal/mmu-walk.elf");
    const out = qemu(["-M", "virt", "-cpu", "cortex-a15", "-m", "256M", "-kernel", elf, "-nographic", "-nic", "none"]);
    expect(out).toContain("\nE\n");
    let mem = new Map<number, number>();
    let regs: ArmMmuRegs | null = null;
    const read = (pa: number) => (pa >= 0x40000000 && pa < 0x50000000 ? (mem.get(pa) ?? 0) : null);
    const t = new ArmTranslation();
    let queries = 0;
    let faults = 0;
    const mismatches: string[] = [];
    for (const line of out.split("\n")) {
      const f = line.trim().split(/\s+/);
      const v = f.slice(1).map((x) => parseInt(x, 16));
      if (f[0] === "I") {
        mem = new Map();
        regs = null;
      } else if (f[0] === "W") {
        mem.set(v[0], v[1]);
      } else if (f[0] === "R") {
        regs = { sctlr: v[0], ttbcr: v[1], ttbr0: v[2], ttbr0Hi: v[3], ttbr1: v[4], ttbr1Hi: v[5], dacr: v[6], prrr: v[7], nmrr: v[8] };
      } else if (f[0] === "Q" && regs !== null) {
        const [va, op, parLo, parHi] = v;
        armTranslate(regs, va, op & 1 ? MMU_STORE : MMU_LOAD, op >= 2, 0, read, t);
        queries++;
        if (t.fault) faults++;
        let expectLo = parLo;
        const attrs = parHi >>> 24;
        if (major < 8 && (parLo & 0x801) === 0x800 && ((attrs & 0xf0) === 0 || attrs === 0x44 || attrs === 0x40))
          expectLo = ((parLo & ~0x180) | (2 << 7)) >>> 0;
        if (t.parLo !== expectLo || t.parHi !== parHi)
          mismatches.push(`${line} -> ours ${t.parLo.toString(16)} ${t.parHi.toString(16)} regs ${JSON.stringify(regs)}`);
      }
    }
    expect(queries).toBe(4000);
    expect(faults).toBeGreaterThan(500); // the tables give both translations and faults of every kind
    expect(queries - faults).toBeGreaterThan(500);
    expect(mismatches.slice(0, 10)).toEqual([]);
  }, 300_000);
});
