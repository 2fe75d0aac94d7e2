// The ARM `virt` board as QEMU's hw/arm/virt.c builds it for `-M virt -cpu cortex-a15 -smp 1`
// (GICv2, no security or virtualization extensions, no highmem, no firmware): the devices at
// QEMU's addresses and interrupts, a device tree written by tciemu's FDT writer, and the kernel,
// initrd and DTB loaded as hw/arm/boot.c loads them. The CPU is whatever implements ArmCpu
// (src/hw/arm-virt-machine.ts), created through `opts.cpu`.
//
//   0x08000000  GICv2 distributor      (DT: 0x10000; the registers fill 0x1000)
//   0x08010000  GICv2 CPU interface    (DT: 0x10000; the registers fill 0x2000)
//   0x08020000  GICv2m MSI frame       SPIs 48..111
//   0x09000000  PL011 UART             SPI 1
//   0x09010000  PL031 RTC              SPI 2
//   0x0a000000  virtio-mmio ×32, 0x200 apart, SPI 16 + i (edge); the first disk is on the last
//               transport, as QEMU assigns -drive if=virtio (see virtioSlot)
//   0x40000000  RAM
// Generic timer PPIs: 30 (physical), 27 (virtual), 26 (hyp), 29 (secure). PSCI through HVC.
// Not emulated (QEMU has them): PCIe, fw-cfg, the CFI flash at 0, the PL061 GPIO with its
// power button, the platform bus; their nodes are not in the device tree either.
import { ArmBootError, planArmBoot, type ArmBootPlan } from "./arm-boot.ts";
import { ArmGenericTimer, GT_PPI_HYP, GT_PPI_PHYS, GT_PPI_SEC, GT_PPI_VIRT } from "./arm-generic-timer.ts";
import { ArmGic, GIC_CPU_SIZE, GIC_DIST_SIZE } from "./arm-gic.ts";
import { armPsciNode, armReplaceMemoryNodes, armSetChosen, armVirtDeviceTree, type ArmVirtDtLayout } from "./arm-virt-fdt.ts";
import { ARM_VIRT_RAM_BASE, ArmVirtMachine, type ArmCpu, type ArmCpuHost } from "./arm-virt-machine.ts";
import { RamDma, type IrqLine } from "./device.ts";
import { FdtError, readFdt, writeFdt, type FdtNode } from "./fdt.ts";
import { GICV2M_SIZE, GicV2m } from "./gicv2m.ts";
import { MmioPage } from "./mmio-page.ts";
import { PL011_SIZE, Pl011 } from "./pl011.ts";
import { PL031_SIZE, Pl031 } from "./pl031.ts";
import { VirtioBlk, type BlockDevice } from "./virtio-blk.ts";
import { Virtio9p, type Virtio9pShare } from "./virtio-9p.ts";
import { VirtioMmio, type VirtioBackend } from "./virtio-mmio.ts";
import { SeededRandom, VirtioRng } from "./virtio-rng.ts";

export const ARM_VIRT_GIC_DIST = 0x08000000;
export const ARM_VIRT_GIC_CPU = 0x08010000;
export const ARM_VIRT_GIC_V2M = 0x08020000;
export const ARM_VIRT_UART0 = 0x09000000;
export const ARM_VIRT_RTC = 0x09010000;
export const ARM_VIRT_MMIO = 0x0a000000;
export const ARM_VIRT_MMIO_SIZE = 0x200;
export const ARM_VIRT_MMIO_COUNT = 32;
export const ARM_VIRT_UART0_SPI = 1;
export const ARM_VIRT_RTC_SPI = 2;
export const ARM_VIRT_MMIO_SPI = 16;
export const ARM_VIRT_V2M_SPI = 48;
export const ARM_VIRT_V2M_SPIS = 64;
/** The sizes QEMU's device tree gives the GIC regions (virt.c's memmap). */
const GIC_DT_REGION = 0x10000;
const MIB = 1 << 20;
/** RAM above 0x40000000 in a 32-bit physical space without highmem. */
export const ARM_VIRT_MAX_RAM = 3 * 1024 * MIB;

export { ArmBootError } from "./arm-boot.ts";

export interface ArmVirtOptions {
  ramBytes: number;
  /** The CPU (src/target/arm's system-mode CPU, or a test double). */
  cpu: (host: ArmCpuHost) => ArmCpu;
  /** zImage, Image or ELF. */
  kernel: Uint8Array;
  initrd?: Uint8Array;
  append?: string;
  /** A DTB to use instead of the generated one (memory, /chosen and /psci are fixed up, as QEMU does). */
  dtb?: Uint8Array;
  /** Virtio block devices in -drive order. */
  disks?: BlockDevice[];
  /** Shared directories (virtio-9p), after the disks. */
  shares?: Virtio9pShare[];
  /** Add a virtio-rng after the disks and shares (default true). */
  rng?: boolean;
  /** Console output (UART transmit). */
  serialOut: (bytes: Uint8Array) => void;
  /** Random bytes for virtio-rng and the DT's rng-seed / kaslr-seed (deterministic when omitted). */
  random?: (dst: Uint8Array) => void;
  /** Wall-clock ns since the epoch at power-on, for the RTC (default: the host's). */
  epochNs?: () => number;
  /** -icount shift (null: real time). */
  icountShift?: number | null;
  hostNowNs?: () => number;
  /** Unpack an XZ zImage and enter the decompressed kernel directly ("auto": when possible). */
  unpackZImage?: boolean | "auto";
}

/** The transport a virtio device goes to: QEMU hands them out from the highest address down. */
export function virtioSlot(deviceIndex: number): number {
  return ARM_VIRT_MMIO_COUNT - 1 - deviceIndex;
}

export class ArmVirtBoard {
  readonly machine: ArmVirtMachine;
  readonly cpu: ArmCpu;
  readonly gic: ArmGic;
  readonly v2m: GicV2m;
  readonly uart: Pl011;
  readonly rtc: Pl031;
  readonly timer: ArmGenericTimer;
  readonly virtio: VirtioMmio[] = [];
  readonly fdt: Uint8Array;
  readonly boot: ArmBootPlan;
  /** The RTC's clock at machine time 0, ns since the epoch (a snapshot restores it). */
  epochNs: number;

  constructor(readonly opts: ArmVirtOptions) {
    if (!Number.isSafeInteger(opts.ramBytes) || opts.ramBytes < 16 * MIB) throw new ArmBootError(`-m ${opts.ramBytes / MIB}M is too small`);
    if (opts.ramBytes > ARM_VIRT_MAX_RAM)
      throw new ArmBootError(`-m ${opts.ramBytes / MIB}M: the 32-bit virt board has at most 3 GiB of RAM`);
    if (opts.ramBytes % (64 * 1024) !== 0) throw new ArmBootError("RAM size must be a multiple of 64 KiB");

    // The timer drives GIC PPIs and the GIC drives the CPU: wire through `gic` once it exists.
    let gic!: ArmGic;
    const ppi = (id: number): IrqLine => ({ set: (level) => gic.ppi(id).set(level) });
    const clock = { nowNs: () => machine.nowNs() };
    this.timer = new ArmGenericTimer(clock, [ppi(GT_PPI_PHYS), ppi(GT_PPI_VIRT)]);
    const machine = new ArmVirtMachine(
      { ramBytes: opts.ramBytes, icountShift: opts.icountShift ?? null, hostNowNs: opts.hostNowNs ?? (() => performance.now() * 1e6) },
      this.timer,
      opts.cpu,
    );
    this.machine = machine;
    this.cpu = machine.cpu;
    gic = new ArmGic({ irq: this.cpu.irq, fiq: this.cpu.fiq });
    this.gic = gic;
    this.v2m = new GicV2m((n) => gic.spi(n), ARM_VIRT_V2M_SPI, ARM_VIRT_V2M_SPIS);
    this.uart = new Pl011(gic.spi(ARM_VIRT_UART0_SPI), opts.serialOut);
    this.epochNs = opts.epochNs ? opts.epochNs() : Date.now() * 1e6;
    this.rtc = new Pl031(gic.spi(ARM_VIRT_RTC_SPI), () => this.epochNs + machine.nowNs());

    machine.addDevice(ARM_VIRT_GIC_DIST, GIC_DIST_SIZE, gic.distributor);
    machine.addDevice(ARM_VIRT_GIC_CPU, GIC_CPU_SIZE, gic.cpuInterface);
    machine.addDevice(ARM_VIRT_GIC_V2M, GICV2M_SIZE, this.v2m);
    machine.addDevice(ARM_VIRT_UART0, PL011_SIZE, this.uart);
    machine.addDevice(ARM_VIRT_RTC, PL031_SIZE, this.rtc);

    const random = opts.random ?? seeded(1);
    const dma = new RamDma(machine.ram8, ARM_VIRT_RAM_BASE);
    const backends: VirtioBackend[] = [
      ...(opts.disks ?? []).map((d) => new VirtioBlk(d)),
      ...(opts.shares ?? []).map((s) => new Virtio9p(s)),
      ...(opts.rng === false ? [] : [new VirtioRng({ source: random })]),
    ];
    if (backends.length > ARM_VIRT_MMIO_COUNT) throw new ArmBootError(`at most ${ARM_VIRT_MMIO_COUNT} virtio devices`);
    const bySlot = new Array<VirtioBackend | null>(ARM_VIRT_MMIO_COUNT).fill(null);
    backends.forEach((b, i) => (bySlot[virtioSlot(i)] = b));
    const pages = new Map<number, MmioPage>();
    for (let i = 0; i < ARM_VIRT_MMIO_COUNT; i++) {
      const dev = new VirtioMmio(bySlot[i], dma, gic.spi(ARM_VIRT_MMIO_SPI + i));
      this.virtio.push(dev);
      const base = ARM_VIRT_MMIO + i * ARM_VIRT_MMIO_SIZE;
      const pageBase = base & ~0xfff;
      let page = pages.get(pageBase);
      if (page === undefined) {
        page = new MmioPage();
        pages.set(pageBase, page);
        machine.addDevice(pageBase, 0x1000, page);
      }
      page.add(base - pageBase, ARM_VIRT_MMIO_SIZE, dev);
    }

    machine.tick = () => {
      this.timer.update();
      this.rtc.update();
    };
    machine.nextDeadlineNs = () => {
      const now = machine.nowNs();
      const t = this.timer.nextDeadlineNs();
      return Math.min(t > now ? t : Infinity, now + this.rtc.nsUntilAlarm());
    };

    // Boot images and the device tree (QEMU's arm_load_kernel + arm_load_dtb).
    this.boot = planArmBoot({
      ramBase: ARM_VIRT_RAM_BASE,
      ramBytes: opts.ramBytes,
      kernel: opts.kernel,
      initrd: opts.initrd,
      unpackZImage: opts.unpackZImage ?? false,
    });
    const seed = new Uint8Array(40);
    random(seed);
    const root = opts.dtb ? userDtb(opts.dtb, opts.ramBytes) : armVirtDeviceTree(this.layout(), seed);
    armSetChosen(root, opts.append, this.boot.initrd);
    this.fdt = writeFdt(root);
    if (this.boot.dtbAddr >= 0 && this.boot.dtbAddr + this.fdt.length > this.boot.dtbLimit)
      throw new ArmBootError("the device tree does not fit in RAM after the kernel and initrd: use more memory (-m)");
    machine.onReset = () => this.reset();
    this.loadImages();
    this.cpu.reset(this.boot.state);
  }

  /** The addresses and interrupts the device tree describes. */
  layout(): ArmVirtDtLayout {
    return {
      ramBase: ARM_VIRT_RAM_BASE,
      ramBytes: this.opts.ramBytes,
      gicDist: ARM_VIRT_GIC_DIST,
      gicDistSize: GIC_DT_REGION,
      gicCpu: ARM_VIRT_GIC_CPU,
      gicCpuSize: GIC_DT_REGION,
      gicV2m: ARM_VIRT_GIC_V2M,
      gicV2mSize: GICV2M_SIZE,
      uart: ARM_VIRT_UART0,
      uartIrq: ARM_VIRT_UART0_SPI,
      rtc: ARM_VIRT_RTC,
      rtcIrq: ARM_VIRT_RTC_SPI,
      virtio: ARM_VIRT_MMIO,
      virtioSize: ARM_VIRT_MMIO_SIZE,
      virtioCount: ARM_VIRT_MMIO_COUNT,
      virtioIrq: ARM_VIRT_MMIO_SPI,
      timerPpis: [GT_PPI_SEC, GT_PPI_PHYS, GT_PPI_VIRT, GT_PPI_HYP],
    };
  }

  /** Host input for the console UART. */
  input(bytes: Uint8Array): void {
    this.uart.receive(bytes);
    this.cpu.requestExit();
  }

  /** A system reset (PSCI SYSTEM_RESET, the monitor's system_reset): devices, images, CPU. */
  reset(): void {
    this.gic.reset();
    this.uart.reset();
    this.timer.reset();
    for (const v of this.virtio) v.reset();
    // The PL031 has no reset in QEMU: its time and alarm survive.
    this.machine.exitRequest = null;
    this.loadImages();
    this.cpu.reset(this.boot.state);
  }

  /** QEMU re-copies its ROM blobs (kernel, initrd, boot stub, DTB) on every reset. */
  private loadImages(): void {
    for (const b of this.boot.blobs) this.machine.writePhys(b.addr, b.data);
    if (this.boot.dtbAddr >= 0) this.machine.writePhys(this.boot.dtbAddr, this.fdt);
  }
}

function seeded(seed: number): (dst: Uint8Array) => void {
  const g = new SeededRandom(seed);
  return (d) => g.fill(d);
}

/** A user's -dtb, fixed up as arm_load_dtb does: our memory node and QEMU's /psci node. */
function userDtb(dtb: Uint8Array, ramBytes: number): FdtNode {
  let root: FdtNode;
  try {
    root = readFdt(dtb).root;
  } catch (e) {
    if (e instanceof FdtError) throw new ArmBootError(`-dtb: ${e.message}`);
    throw e;
  }
  if (root.getU32("#address-cells") === 0 || root.getU32("#size-cells") === 0)
    throw new ArmBootError("-dtb: dtb file invalid (#address-cells or #size-cells 0)");
  armReplaceMemoryNodes(root, ARM_VIRT_RAM_BASE, ramBytes);
  const psci = root.child("psci");
  if (psci !== undefined) root.children.splice(root.children.indexOf(psci), 1);
  root.children.unshift(armPsciNode());
  return root;
}
