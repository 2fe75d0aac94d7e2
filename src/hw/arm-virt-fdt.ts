// The device tree of the ARM `virt` board, as QEMU 10.0's hw/arm/virt.c (create_fdt,
// fdt_add_timer_nodes, fdt_add_cpu_nodes, fdt_add_gic_node, fdt_add_v2m_gic_node, create_uart,
// create_rtc, create_virtio_devices, fdt_add_pmu_nodes) and hw/arm/boot.c (arm_load_dtb: memory node,
// /chosen, fdt_add_psci_node) build it for `-M virt -cpu cortex-a15 -smp 1` without firmware:
// GICv2 with no virtualization extensions, HVC as the PSCI conduit, no highmem.
//
// Nodes come in the order QEMU's dtb has them (libfdt puts each new node first, so QEMU's are in
// reverse creation order); phandles are QEMU's (0x8000 clock, 0x8001 CPU, 0x8002 GIC, 0x8003
// v2m). What tciemu leaves out, because it does not emulate the device: the PCIe host bridge
// (pcie@10000000), fw-cfg, the two CFI flash banks (flash@0), the PL061 GPIO and the gpio-keys
// power button, and the platform bus; see src/hw/README.md for the comparison with QEMU's dtb.
import { FdtNode, fdtCells, fdtU64 } from "./fdt.ts";

export const ARM_VIRT_PHANDLE_CLOCK = 0x8000;
export const ARM_VIRT_PHANDLE_CPU = 0x8001;
export const ARM_VIRT_PHANDLE_GIC = 0x8002;
export const ARM_VIRT_PHANDLE_V2M = 0x8003;

/** DT interrupt specifier words (include/hw/arm/fdt.h). */
const GIC_FDT_IRQ_TYPE_SPI = 0;
const GIC_FDT_IRQ_TYPE_PPI = 1;
const GIC_FDT_IRQ_FLAGS_EDGE_LO_HI = 1;
const GIC_FDT_IRQ_FLAGS_LEVEL_HI = 4;
/** GICv2 PPI flags carry a CPU mask in bits 15..8: one CPU. */
const PPI_CPU_MASK_1 = 1 << 8;

export interface ArmVirtDtLayout {
  ramBase: number;
  ramBytes: number;
  gicDist: number;
  gicDistSize: number;
  gicCpu: number;
  gicCpuSize: number;
  gicV2m: number;
  gicV2mSize: number;
  uart: number;
  uartIrq: number;
  rtc: number;
  rtcIrq: number;
  virtio: number;
  virtioSize: number;
  virtioCount: number;
  virtioIrq: number;
  /** Generic timer PPIs as interrupt IDs: secure, non-secure physical, virtual, hypervisor. */
  timerPpis: [number, number, number, number];
}

/** Function IDs of /psci for an AArch32 CPU with PSCI >= 0.2 (boot.c's fdt_add_psci_node). */
const PSCI_0_2_CPU_SUSPEND = 0x84000001;
const PSCI_0_2_CPU_OFF = 0x84000002;
const PSCI_0_2_CPU_ON = 0x84000003;
const PSCI_0_2_MIGRATE = 0x84000005;

/**
 * The board's device tree. /chosen gets stdout-path and, if `seed` is given, QEMU's rng-seed (32
 * bytes) and kaslr-seed (8 bytes) from it (QEMU's dtb-randomness, on by default); the caller adds
 * bootargs and the initrd range.
 */
export function armVirtDeviceTree(l: ArmVirtDtLayout, seed?: Uint8Array): FdtNode {
  const hex = (n: number) => n.toString(16);
  const root = new FdtNode("");
  root
    .set("interrupt-parent", ARM_VIRT_PHANDLE_GIC)
    .set("dma-coherent", true)
    .set("model", "linux,dummy-virt")
    .set("#size-cells", 2)
    .set("#address-cells", 2)
    .set("compatible", "linux,dummy-virt");

  root.children.push(armPsciNode());

  root
    .add(`memory@${hex(l.ramBase)}`)
    .set("reg", fdtU64(l.ramBase, l.ramBytes))
    .set("device_type", "memory");

  for (let i = 0; i < l.virtioCount; i++) {
    const base = l.virtio + i * l.virtioSize;
    root
      .add(`virtio_mmio@${hex(base)}`)
      .set("dma-coherent", true)
      .set("interrupts", [GIC_FDT_IRQ_TYPE_SPI, l.virtioIrq + i, GIC_FDT_IRQ_FLAGS_EDGE_LO_HI])
      .set("reg", fdtU64(base, l.virtioSize))
      .set("compatible", "virtio,mmio");
  }

  root
    .add(`pl031@${hex(l.rtc)}`)
    .set("clock-names", "apb_pclk")
    .set("clocks", ARM_VIRT_PHANDLE_CLOCK)
    .set("interrupts", [GIC_FDT_IRQ_TYPE_SPI, l.rtcIrq, GIC_FDT_IRQ_FLAGS_LEVEL_HI])
    .set("reg", fdtU64(l.rtc, 0x1000))
    .set("compatible", ["arm,pl031", "arm,primecell"]);

  const uartPath = `/pl011@${hex(l.uart)}`;
  root
    .add(uartPath.slice(1))
    .set("clock-names", ["uartclk", "apb_pclk"])
    .set("clocks", [ARM_VIRT_PHANDLE_CLOCK, ARM_VIRT_PHANDLE_CLOCK])
    .set("interrupts", [GIC_FDT_IRQ_TYPE_SPI, l.uartIrq, GIC_FDT_IRQ_FLAGS_LEVEL_HI])
    .set("reg", fdtU64(l.uart, 0x1000))
    .set("compatible", ["arm,pl011", "arm,primecell"]);

  // The Cortex-A15 has a PMU but is not ARMv8: QEMU adds the node without a compatible.
  root.add("pmu");

  const intc = root.add(`intc@${hex(l.gicDist)}`);
  intc
    .set("phandle", ARM_VIRT_PHANDLE_GIC)
    .set("reg", fdtU64(l.gicDist, l.gicDistSize, l.gicCpu, l.gicCpuSize))
    .set("compatible", "arm,cortex-a15-gic")
    .set("ranges", true)
    .set("#size-cells", 2)
    .set("#address-cells", 2)
    .set("interrupt-controller", true)
    .set("#interrupt-cells", 3);
  intc
    .add(`v2m@${hex(l.gicV2m)}`)
    .set("phandle", ARM_VIRT_PHANDLE_V2M)
    .set("reg", fdtU64(l.gicV2m, l.gicV2mSize))
    .set("msi-controller", true)
    .set("compatible", "arm,gic-v2m-frame");

  const cpus = root.add("cpus");
  cpus.set("#size-cells", 0).set("#address-cells", 1);
  cpus.add("cpu-map").add("socket0").add("cluster0").add("core0").set("cpu", ARM_VIRT_PHANDLE_CPU);
  // No enable-method: QEMU sets "psci" only with more than one CPU.
  cpus.add("cpu@0").set("phandle", ARM_VIRT_PHANDLE_CPU).set("reg", 0).set("compatible", "arm,cortex-a15").set("device_type", "cpu");

  const ppiFlags = GIC_FDT_IRQ_FLAGS_LEVEL_HI | PPI_CPU_MASK_1;
  const ppis: number[] = [];
  for (const id of l.timerPpis) ppis.push(GIC_FDT_IRQ_TYPE_PPI, id - 16, ppiFlags);
  root.add("timer").set("interrupts", ppis).set("always-on", true).set("compatible", "arm,armv7-timer");

  root
    .add("apb-pclk")
    .set("phandle", ARM_VIRT_PHANDLE_CLOCK)
    .set("clock-output-names", "clk24mhz")
    .set("clock-frequency", 24_000_000)
    .set("#clock-cells", 0)
    .set("compatible", "fixed-clock");

  root.add("aliases").set("serial0", uartPath);

  const chosen = root.add("chosen");
  chosen.set("stdout-path", uartPath);
  if (seed !== undefined && seed.length >= 40) {
    chosen.set("rng-seed", seed.slice(0, 32));
    chosen.set("kaslr-seed", seed.slice(32, 40));
  }
  return root;
}

/**
 * /psci as boot.c's fdt_add_psci_node writes it for an AArch32 CPU with PSCI 1.1 and the HVC
 * conduit (also put into a user's -dtb, replacing any /psci there).
 */
export function armPsciNode(): FdtNode {
  return new FdtNode("psci")
    .set("migrate", PSCI_0_2_MIGRATE)
    .set("cpu_on", PSCI_0_2_CPU_ON)
    .set("cpu_off", PSCI_0_2_CPU_OFF)
    .set("cpu_suspend", PSCI_0_2_CPU_SUSPEND)
    .set("method", "hvc")
    .set("compatible", ["arm,psci-1.0", "arm,psci-0.2", "arm,psci"]);
}

/** Sets bootargs and the initrd range in /chosen the way boot.c's arm_load_dtb does. */
export function armSetChosen(root: FdtNode, bootargs: string | undefined, initrd: { start: number; end: number } | null): void {
  const chosen = root.ensure("chosen");
  if (bootargs !== undefined && bootargs !== "") chosen.set("bootargs", bootargs);
  if (initrd !== null) {
    chosen.set("linux,initrd-start", fdtU64(initrd.start));
    chosen.set("linux,initrd-end", fdtU64(initrd.end));
  }
}

/**
 * arm_load_dtb's memory fix-up for a user-supplied -dtb: every /memory or /memory@... node is
 * replaced by one describing the board's RAM (QEMU nops them and adds its own).
 */
export function armReplaceMemoryNodes(root: FdtNode, ramBase: number, ramBytes: number): void {
  for (const c of [...root.children])
    if (c.name === "memory" || c.name.startsWith("memory@")) root.children.splice(root.children.indexOf(c), 1);
  const acells = root.getU32("#address-cells") ?? 2;
  const scells = root.getU32("#size-cells") ?? 1;
  const words: number[] = [];
  const push = (v: number, cells: number) => {
    for (let i = cells - 1; i >= 0; i--) words.push(i >= 2 ? 0 : Math.floor(v / 2 ** (32 * i)) >>> 0);
  };
  push(ramBase, acells);
  push(ramBytes, scells);
  const mem = new FdtNode(`memory@${ramBase.toString(16)}`);
  mem.set("reg", fdtCells(...words)).set("device_type", "memory");
  root.children.unshift(mem);
}
