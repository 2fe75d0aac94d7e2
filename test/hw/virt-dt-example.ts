// A device tree for a QEMU-virt-like board built with src/hw/fdt.ts: the minimal board of
// /work/shared/design/linux-boot-reference.md §4 plus the goldfish RTC and the 8 virtio-mmio slots,
// at QEMU virt's addresses. Used by the FDT tests and by the QEMU boot test (which boots Debian's
// kernel on QEMU with this DTB), so it doubles as a checked example for the board.
import { allocPhandle, FdtNode, fdtU64, writeFdt } from "../../src/hw/fdt.ts";

export interface VirtDtOptions {
  ramBase?: number;
  ramSize?: number;
  bootargs?: string;
  initrd?: { start: number; end: number };
}

export function virtDeviceTree(opts: VirtDtOptions = {}): FdtNode {
  const ramBase = opts.ramBase ?? 0x80000000;
  const ramSize = opts.ramSize ?? 256 << 20;
  const root = new FdtNode("");
  root.set("#address-cells", 2).set("#size-cells", 2).set("compatible", "riscv-virtio").set("model", "riscv-virtio,qemu");

  const chosen = root.add("chosen");
  if (opts.bootargs !== undefined) chosen.set("bootargs", opts.bootargs);
  chosen.set("stdout-path", "/soc/serial@10000000");
  if (opts.initrd) chosen.set("linux,initrd-start", fdtU64(opts.initrd.start)).set("linux,initrd-end", fdtU64(opts.initrd.end));

  root
    .add(`memory@${ramBase.toString(16)}`)
    .set("device_type", "memory")
    .set("reg", fdtU64(ramBase, ramSize));

  const cpus = root.add("cpus");
  cpus.set("#address-cells", 1).set("#size-cells", 0).set("timebase-frequency", 10_000_000);
  const cpu = cpus.add("cpu@0");
  allocPhandle(root, cpu);
  cpu.set("device_type", "cpu").set("reg", 0).set("status", "okay").set("compatible", "riscv");
  cpu.set("riscv,isa", "rv64imafdc_zicsr_zifencei").set("mmu-type", "riscv,sv39");
  const intc = cpu.add("interrupt-controller");
  intc.set("#interrupt-cells", 1).set("interrupt-controller", true).set("compatible", "riscv,cpu-intc");
  const intcPh = allocPhandle(root, intc);

  const soc = root.add("soc");
  soc.set("#address-cells", 2).set("#size-cells", 2).set("compatible", "simple-bus").set("ranges", true);

  const test = soc.add("test@100000");
  const testPh = allocPhandle(root, test);
  test.set("compatible", ["sifive,test1", "sifive,test0", "syscon"]).set("reg", fdtU64(0x100000, 0x1000));
  root.add("poweroff").set("compatible", "syscon-poweroff").set("regmap", testPh).set("offset", 0).set("value", 0x5555);
  root.add("reboot").set("compatible", "syscon-reboot").set("regmap", testPh).set("offset", 0).set("value", 0x7777);

  const plic = soc.add("plic@c000000");
  const plicPh = allocPhandle(root, plic);
  plic.set("compatible", ["sifive,plic-1.0.0", "riscv,plic0"]).set("reg", fdtU64(0xc000000, 0x600000));
  plic.set("riscv,ndev", 95).set("interrupt-controller", true).set("#address-cells", 0).set("#interrupt-cells", 1);
  plic.set("interrupts-extended", [intcPh, 11, intcPh, 9]);

  soc
    .add("clint@2000000")
    .set("compatible", ["sifive,clint0", "riscv,clint0"])
    .set("reg", fdtU64(0x2000000, 0x10000))
    .set("interrupts-extended", [intcPh, 3, intcPh, 7]);

  const dev = (name: string, addr: number, size: number, irq: number, compatible: string) =>
    soc
      .add(`${name}@${addr.toString(16)}`)
      .set("compatible", compatible)
      .set("reg", fdtU64(addr, size))
      .set("interrupt-parent", plicPh)
      .set("interrupts", irq);
  dev("serial", 0x10000000, 0x100, 10, "ns16550a").set("clock-frequency", 3686400);
  dev("rtc", 0x101000, 0x1000, 11, "google,goldfish-rtc");
  for (let i = 0; i < 8; i++) dev("virtio_mmio", 0x10001000 + 0x1000 * i, 0x1000, 1 + i, "virtio,mmio");
  return root;
}

export function virtDtb(opts: VirtDtOptions = {}): Uint8Array {
  return writeFdt(virtDeviceTree(opts));
}
