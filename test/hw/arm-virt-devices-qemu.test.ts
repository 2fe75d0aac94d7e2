// The ARM virt board's GICv2, GICv2m, PL011 and PL031 models against QEMU's:
// testdata/arm/virt-baremetal/dev-trace.elf makes 30000 register accesses under
// `qemu-system-arm -M virt -cpu cortex-a15` and reports each one (with the value every read
// returned) on the PL011. The same accesses are replayed through tciemu's board, physical map
// included, together with the program's own UART output (its transmit interrupt feeds the GIC),
// and every read must return what QEMU's did. Needs qemu-system-arm (apt-get install
// qemu-system-arm); the installed one is bookworm's 7.2, whose models of these registers match
// QEMU 10.0's for everything the program touches (it leaves out PL011 loopback, added in QEMU 9)
// except the divisor registers' width, adjusted below.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ARM_VIRT_UART0, ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import type { ArmCpu } from "../../src/hw/arm-virt-machine.ts";
import { IrqLatch } from "../../src/hw/device.ts";
import { FETCH_QEMU_SYSTEM_ARM, repoRoot, requireQemuSystemArm } from "../../tools/debian/paths.ts";

const idleCpu = (): ArmCpu => ({ irq: new IrqLatch(), fiq: new IrqLatch(), insns: 0, reset() {}, run: () => "wfi", requestExit() {} });

describe("ARM virt devices vs qemu-system-arm", () => {
  test("30000 GIC, GICv2m, PL011 and PL031 accesses read back what QEMU's models return", () => {
    const elf = join(repoRoot(), "testdata/arm/virt-baremetal/dev-trace.elf");
    let out: string;
    try {
      out = execFileSync(
        requireQemuSystemArm(),
        ["-M", "virt", "-cpu", "cortex-a15", "-m", "256M", "-kernel", elf, "-nographic", "-nic", "none"],
        {
          encoding: "latin1",
          timeout: 240_000,
          maxBuffer: 1 << 26,
        },
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`qemu-system-arm did not start: run '${FETCH_QEMU_SYSTEM_ARM}'`);
      throw e;
    }
    expect(out).toContain("\nE\n");
    const version = /version (\d+)\./.exec(execFileSync(requireQemuSystemArm(), ["--version"], { encoding: "utf8" }));
    const major = version ? Number(version[1]) : 0;
    // QEMU 7.2 keeps all 32 bits written to UARTIBRD / UARTFBRD; 10.0 keeps 16 and 6 (IBRD_MASK,
    // FBRD_MASK), as the PL011 does. Masking QEMU's value is a no-op for versions that mask.
    const expected = (addr: number, value: number) =>
      major < 10 && addr === ARM_VIRT_UART0 + 0x24 ? value & 0xffff : major < 10 && addr === ARM_VIRT_UART0 + 0x28 ? value & 0x3f : value;
    const board = new ArmVirtBoard({ ramBytes: 256 << 20, kernel: new Uint8Array(64), serialOut: () => {}, cpu: idleCpu });
    const m = board.machine;
    const mismatches: string[] = [];
    let reads = 0;
    let acks = 0;
    for (const line of out.split("\n")) {
      const f = line.split(" ");
      if (f[0] === "R" || f[0] === "W") {
        const [addr, size, value] = f.slice(1).map((x) => parseInt(x, 16));
        if (f[0] === "W") m.physWrite(addr, size, value);
        else {
          const ours = m.physRead(addr, size);
          reads++;
          if (addr === 0x0801000c && (value & 0x3ff) < 1020) acks++;
          if (ours !== expected(addr, value)) mismatches.push(`${line}: ours ${ours?.toString(16)}`);
        }
      }
      if (line === "E") break;
      for (const ch of line + "\n") m.physWrite(ARM_VIRT_UART0, 4, ch.charCodeAt(0));
    }
    expect(reads).toBeGreaterThan(8000);
    expect(acks).toBeGreaterThan(300); // interrupts were acknowledged, not just spurious reads
    expect(mismatches.slice(0, 10)).toEqual([]);
  }, 300_000);
});
