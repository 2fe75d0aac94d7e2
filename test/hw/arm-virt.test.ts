// The ARM virt board without a real CPU: a scripted stand-in implements ArmCpu and reaches the
// devices through the board's physical map, so the memory map, interrupt wiring (UART → GIC SPI 1
// → IRQ, timer → PPI 27 → IRQ, virtio → SPI 16 + slot), PSCI power-off and reset, WFI with
// virtual time, boot images and the device tree are checked where the CPU will see them.
import { describe, expect, test } from "vitest";
import { ARM_RESET_CPSR, bootStub, CORTEX_A15_RESET_SCTLR, type ArmBootState } from "../../src/hw/arm-boot.ts";
import { GT_CTL_ENABLE, GT_VIRT } from "../../src/hw/arm-generic-timer.ts";
import { GICC_CTLR, GICC_EOIR, GICC_IAR, GICC_PMR, GICD_CTLR, GICD_ISENABLER, GICD_TYPER } from "../../src/hw/arm-gic.ts";
import {
  ARM_VIRT_GIC_CPU,
  ARM_VIRT_GIC_DIST,
  ARM_VIRT_GIC_V2M,
  ARM_VIRT_MMIO,
  ARM_VIRT_RTC,
  ARM_VIRT_UART0,
  ArmBootError,
  ArmVirtBoard,
  type ArmVirtOptions,
} from "../../src/hw/arm-virt.ts";
import type { ArmCpu, ArmCpuHost, ArmCpuStop } from "../../src/hw/arm-virt-machine.ts";
import { IrqLatch } from "../../src/hw/device.ts";
import { readFdt } from "../../src/hw/fdt.ts";
import { memoryDisk } from "../../src/hw/virtio-blk.ts";
import { PSCI_FN_PSCI_VERSION, PSCI_FN_SYSTEM_OFF, PSCI_FN_SYSTEM_RESET } from "../../src/hw/psci.ts";
import { xorshift } from "./fuzz-util.ts";

/** A CPU that runs JavaScript steps (one "instruction" each) and can wait for interrupts. */
class ScriptCpu implements ArmCpu {
  readonly irq = new IrqLatch();
  readonly fiq = new IrqLatch();
  insns = 0;
  resets: ArmBootState[] = [];
  steps: Array<(host: ArmCpuHost) => "wfi" | void> = [];
  waiting = false;
  private stop = false;
  constructor(readonly host: ArmCpuHost) {}
  reset(state: ArmBootState): void {
    this.resets.push(state);
    this.waiting = false;
  }
  run(budget: number): ArmCpuStop {
    this.stop = false;
    for (let i = 0; i < budget; i++) {
      if (this.waiting) {
        if (!this.irq.level && !this.fiq.level) return "wfi";
        this.waiting = false;
      }
      if (this.stop) return "stopped";
      const step = this.steps.shift();
      this.insns++;
      if (step !== undefined && step(this.host) === "wfi") this.waiting = true;
    }
    return "budget";
  }
  requestExit(): void {
    this.stop = true;
  }
}

const MIB = 1 << 20;

function board(extra: Partial<ArmVirtOptions> = {}) {
  const out: number[] = [];
  let cpu!: ScriptCpu;
  const b = new ArmVirtBoard({
    ramBytes: 128 * MIB,
    kernel: new Uint8Array(4096).fill(0xe1),
    serialOut: (bytes) => out.push(...bytes),
    cpu: (host) => (cpu = new ScriptCpu(host)),
    icountShift: 4,
    epochNs: () => 1_700_000_000e9,
    ...extra,
  });
  const m = b.machine;
  const rd = (pa: number, size = 4) => m.physRead(pa, size);
  const wr = (pa: number, value: number, size = 4) => m.physWrite(pa, size, value);
  return { b, cpu, out, m, rd, wr };
}

/** Linux's GIC bring-up, shortened: distributor and CPU interface on, one interrupt enabled. */
function gicOn(wr: (pa: number, v: number) => boolean, id: number) {
  wr(ARM_VIRT_GIC_DIST + GICD_CTLR, 1);
  wr(ARM_VIRT_GIC_DIST + GICD_ISENABLER + (id >> 5) * 4, 1 << (id & 31));
  wr(ARM_VIRT_GIC_CPU + GICC_PMR, 0xf0);
  wr(ARM_VIRT_GIC_CPU + GICC_CTLR, 1);
}

describe("ARM virt physical map", () => {
  test("devices answer at QEMU's addresses; holes are bus errors", () => {
    const { rd } = board();
    expect(rd(ARM_VIRT_GIC_DIST + GICD_TYPER)).toBe(8);
    expect(rd(ARM_VIRT_GIC_DIST + 0xfe8)).toBe(0x2b);
    expect(rd(ARM_VIRT_GIC_CPU + 0xfc)).toBe(0x0002043b);
    expect(rd(ARM_VIRT_GIC_V2M + 8)).toBe((80 << 16) | 64);
    expect(rd(ARM_VIRT_UART0 + 0xfe0)).toBe(0x11);
    expect(rd(ARM_VIRT_RTC + 0xfe0)).toBe(0x31);
    expect(rd(ARM_VIRT_RTC)).toBe(1_700_000_000);
    expect(rd(ARM_VIRT_GIC_DIST + 0x1000)).toBeNull(); // the DT says 64 KiB, the registers fill 4
    expect(rd(0x09020000)).toBeNull(); // no fw-cfg
    expect(rd(0x00000000)).toBeNull(); // no flash
    expect(rd(0x40000000 + 128 * MIB)).toBeNull(); // end of RAM
  });

  test("32 virtio-mmio transports 0x200 apart; the disk on the last one, then the RNG", () => {
    const disk = memoryDisk(new Uint8Array(1 << 16), false);
    const { rd } = board({ disks: [disk] });
    const ids: number[] = [];
    for (let i = 0; i < 32; i++) {
      const base = ARM_VIRT_MMIO + 0x200 * i;
      expect(rd(base)).toBe(0x74726976);
      ids.push(rd(base + 8)!);
    }
    expect(ids.slice(29)).toEqual([0, 4, 2]);
    expect(ids.slice(0, 29).every((id) => id === 0)).toBe(true);
    expect(rd(ARM_VIRT_MMIO + 0x3e00 + 0x100, 4)).toBe(128); // capacity in sectors
  });

  test("UART transmit, and its interrupt through GIC SPI 1 to the CPU's IRQ line", () => {
    const { cpu, out, rd, wr } = board();
    gicOn(wr, 33);
    wr(ARM_VIRT_UART0 + 0x38, 1 << 5); // IMSC: TX
    wr(ARM_VIRT_UART0, 0x41);
    expect(out).toEqual([0x41]);
    expect(cpu.irq.level).toBe(true);
    expect(rd(ARM_VIRT_GIC_CPU + GICC_IAR)).toBe(33);
    wr(ARM_VIRT_UART0 + 0x44, 1 << 5); // ICR
    wr(ARM_VIRT_GIC_CPU + GICC_EOIR, 33);
    expect(cpu.irq.level).toBe(false);
  });

  test("hostile traffic over every device page (seeded) never throws", () => {
    const disk = memoryDisk(new Uint8Array(1 << 16), false);
    const { m } = board({ disks: [disk] });
    const rnd = xorshift(4242);
    const pages = [0x08000000, 0x08010000, 0x08011000, 0x08020000, 0x09000000, 0x09010000, 0x0a000000, 0x0a001000, 0x0a002000, 0x0a003000];
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const pa = pages[rnd() % pages.length] + (rnd() % 0x1000);
      const size = [1, 2, 4][rnd() % 3];
      if (rnd() & 1) {
        const v = m.physRead(pa, size);
        if (v === null || !(v >= 0 && v < 2 ** (8 * size))) bad++;
      } else m.physWrite(pa, size, rnd() | 0);
    }
    expect(bad).toBe(0);
  });

  test("host input reaches the UART and wakes the CPU", () => {
    const { b, rd } = board();
    b.input(new TextEncoder().encode("ok"));
    expect(rd(ARM_VIRT_UART0) ?? 0).toBe(0x6f);
  });
});

describe("ARM virt machine loop", () => {
  test("the virtual timer wakes a WFI through PPI 27 with virtual time (icount)", () => {
    const { b, cpu, m, wr, rd } = board();
    gicOn(wr, 27);
    const timer = b.timer;
    cpu.steps.push(() => {
      timer.writeTval(GT_VIRT, 62_500); // 1 ms at 62.5 MHz
      timer.writeCtl(GT_VIRT, GT_CTL_ENABLE);
    });
    cpu.steps.push(() => "wfi");
    let woke = -1;
    cpu.steps.push(() => {
      woke = m.nowNs();
    });
    expect(m.run(100)).toBe("budget");
    expect(woke).toBeGreaterThanOrEqual(1_000_000);
    expect(woke).toBeLessThan(1_000_000 + 1000);
    expect(rd(ARM_VIRT_GIC_CPU + GICC_IAR)).toBe(27);
  });

  test("WFI with nothing to wake it returns 'wfi'", () => {
    const { cpu, m } = board();
    cpu.steps.push(() => "wfi");
    expect(m.run(100)).toBe("wfi");
  });

  test("PSCI: VERSION returns, SYSTEM_OFF stops the machine", () => {
    const { cpu, m } = board();
    let version = 0;
    cpu.steps.push((h) => void (version = h.psci(PSCI_FN_PSCI_VERSION, 0, 0, 0).r0));
    cpu.steps.push((h) => void h.psci(PSCI_FN_SYSTEM_OFF | 0, 0, 0, 0));
    expect(m.run(1000)).toBe("exit");
    expect(version).toBe(0x10001);
    expect(m.exitRequest).toEqual({ kind: "poweroff" });
  });

  test("PSCI SYSTEM_RESET resets the CPU and reloads the images; with noReboot it exits", () => {
    const { b, cpu, m } = board();
    m.ram8[0] = 0x55; // the boot stub gets rewritten
    cpu.steps.push((h) => void h.psci(PSCI_FN_SYSTEM_RESET | 0, 0, 0, 0));
    expect(m.run(10)).toBe("budget");
    expect(cpu.resets.length).toBe(2);
    expect(m.ram8[0]).toBe(0x00);
    expect(b.boot.kind).toBe("linux");
    cpu.steps.push((h) => void h.psci(PSCI_FN_SYSTEM_RESET | 0, 0, 0, 0));
    expect(m.run(10, true)).toBe("exit");
    expect(m.exitRequest).toEqual({ kind: "reset" });
  });
});

describe("ARM virt boot images", () => {
  test("QEMU's layout: stub at RAM start, kernel at +64 KiB, initrd at +64 MiB (half of 128), DTB after it", () => {
    const initrd = new Uint8Array(5000).fill(7);
    const { b, cpu, m } = board({ initrd, append: "console=ttyAMA0" });
    expect(b.boot.dtbAddr).toBe(0x40000000 + 64 * MIB + 0x2000);
    expect(b.boot.initrd).toEqual({ start: 0x44000000, end: 0x44000000 + 5000 });
    expect(Array.from(m.ram8.subarray(0, 28))).toEqual(Array.from(bootStub(0xffffffff, b.boot.dtbAddr, 0x40010000)));
    expect(m.ram8[0x10000]).toBe(0xe1);
    expect(m.ram8[64 * MIB + 4999]).toBe(7);
    const state = cpu.resets[0];
    expect(state.regs[15]).toBe(0x40000000);
    expect(state.cpsr).toBe(ARM_RESET_CPSR);
    expect(state.cp15.sctlr).toBe(CORTEX_A15_RESET_SCTLR);
    // The DTB in RAM is the board's, with /chosen filled in.
    const off = b.boot.dtbAddr - 0x40000000;
    const dt = readFdt(m.ram8.slice(off, off + b.fdt.length)).root;
    expect(dt.find("/chosen")!.getString("bootargs")).toBe("console=ttyAMA0");
    expect(dt.find("/chosen")!.getU64("linux,initrd-start")).toBe(0x44000000n);
    expect(dt.find("/chosen")!.getString("stdout-path")).toBe("/pl011@9000000");
    expect(dt.find("/memory@40000000")!.getCells("reg")).toEqual([0, 0x40000000, 0, 128 * MIB]);
  });

  test("a user -dtb gets our memory node, /chosen and QEMU's /psci", () => {
    const base = board();
    const { b } = board({ dtb: base.b.fdt, ramBytes: 64 * MIB, append: "x" });
    const dt = readFdt(b.fdt).root;
    expect(dt.find("/memory@40000000")!.getCells("reg")).toEqual([0, 0x40000000, 0, 64 * MIB]);
    expect(dt.children.filter((c) => c.name === "psci").length).toBe(1);
    expect(dt.find("/chosen")!.getString("bootargs")).toBe("x");
  });

  test("bad configurations are clear errors", () => {
    expect(() => board({ ramBytes: 8 * MIB })).toThrow(ArmBootError);
    expect(() => board({ ramBytes: 4096 * MIB })).toThrow(ArmBootError);
    expect(() => board({ ramBytes: 16 * MIB, kernel: new Uint8Array(17 * MIB) })).toThrow(ArmBootError);
    expect(() => board({ dtb: new Uint8Array(100) })).toThrow(ArmBootError);
    expect(() => board({ unpackZImage: true })).toThrow(ArmBootError); // not a zImage
  });
});
