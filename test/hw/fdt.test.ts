// FDT writer/reader: round trip, and Debian's dtc must read what we write (and we must read what it
// writes). dtc is required: `apt-get install -y device-tree-compiler`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { allocPhandle, FdtError, FdtNode, fdtCells, fdtConcat, fdtStrings, fdtU64, readFdt, writeFdt } from "../../src/hw/fdt.ts";

const tmp = mkdtempSync(join(tmpdir(), "tciemu-fdt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dtc(args: string[], input?: Uint8Array): string {
  return execFileSync("dtc", args, { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
}

/** The minimal board of linux-boot-reference.md §4, as the board would build it. */
function minimalBoard(): { root: FdtNode; dtb: Uint8Array } {
  const root = new FdtNode("");
  root.set("#address-cells", 2).set("#size-cells", 2).set("compatible", "riscv-virtio").set("model", "riscv-virtio,qemu");
  const chosen = root.add("chosen");
  chosen.set("bootargs", "console=ttyS0 earlycon=sbi").set("stdout-path", "/soc/serial@10000000");
  chosen.set("linux,initrd-start", fdtU64(0x88200000)).set("linux,initrd-end", fdtU64(0x882fd104));
  root.add("memory@80000000").set("device_type", "memory").set("reg", fdtU64(0x80000000, 0x10000000));
  const cpus = root.add("cpus");
  cpus.set("#address-cells", 1).set("#size-cells", 0).set("timebase-frequency", 10_000_000);
  const cpu = cpus.add("cpu@0");
  cpu.set("device_type", "cpu").set("reg", 0).set("status", "okay").set("compatible", "riscv");
  cpu.set("riscv,isa", "rv64imafdc_zicsr_zifencei").set("mmu-type", "riscv,sv39");
  cpu.set("riscv,isa-base", "rv64i").set("riscv,isa-extensions", ["i", "m", "a", "f", "d", "c", "zicsr", "zifencei"]);
  allocPhandle(root, cpu);
  const intc = cpu.add("interrupt-controller");
  intc.set("#interrupt-cells", 1).set("interrupt-controller", true).set("compatible", "riscv,cpu-intc");
  const intcPh = allocPhandle(root, intc);
  const soc = root.add("soc");
  soc.set("#address-cells", 2).set("#size-cells", 2).set("compatible", "simple-bus").set("ranges", true);
  const test = soc.add("test@100000");
  test.set("compatible", ["sifive,test1", "sifive,test0", "syscon"]).set("reg", fdtU64(0x100000, 0x1000));
  const testPh = allocPhandle(root, test);
  root.add("poweroff").set("compatible", "syscon-poweroff").set("regmap", testPh).set("offset", 0).set("value", 0x5555);
  root.add("reboot").set("compatible", "syscon-reboot").set("regmap", testPh).set("offset", 0).set("value", 0x7777);
  const plic = soc.add("plic@c000000");
  const plicPh = allocPhandle(root, plic);
  plic.set("compatible", ["sifive,plic-1.0.0", "riscv,plic0"]).set("reg", fdtU64(0xc000000, 0x600000)).set("riscv,ndev", 95);
  plic.set("interrupt-controller", true).set("#address-cells", 0).set("#interrupt-cells", 1);
  plic.set("interrupts-extended", [intcPh, 11, intcPh, 9]);
  const uart = soc.add("serial@10000000");
  uart.set("compatible", "ns16550a").set("reg", fdtU64(0x10000000, 0x100)).set("clock-frequency", 3686400);
  uart.set("interrupt-parent", plicPh).set("interrupts", 10);
  soc
    .add("clint@2000000")
    .set("compatible", ["sifive,clint0", "riscv,clint0"])
    .set("reg", fdtU64(0x2000000, 0x10000))
    .set("interrupts-extended", [intcPh, 3, intcPh, 7]);
  soc
    .add("rtc@101000")
    .set("compatible", "google,goldfish-rtc")
    .set("reg", fdtU64(0x101000, 0x1000))
    .set("interrupt-parent", plicPh)
    .set("interrupts", 11);
  for (let i = 0; i < 8; i++) {
    const a = 0x10001000 + 0x1000 * i;
    soc
      .add(`virtio_mmio@${a.toString(16)}`)
      .set("compatible", "virtio,mmio")
      .set("reg", fdtU64(a, 0x1000))
      .set("interrupt-parent", plicPh)
      .set("interrupts", 1 + i);
  }
  const dtb = writeFdt(root, { reservations: [{ address: 0x80000000, size: 0x40000 }], padding: 1024 });
  return { root, dtb };
}

describe("fdt", () => {
  test("header, layout and value encodings", () => {
    const root = new FdtNode("");
    root.set("a", 1).set("b", [1, 2]).set("c", 0x1_0000_0002n).set("d", "x").set("e", ["p", "qq"]).set("f", true);
    root.set("g", new Uint8Array([9, 8, 7])).set("h", -1);
    const blob = writeFdt(root, { bootCpuidPhys: 3 });
    const dv = new DataView(blob.buffer);
    expect(dv.getUint32(0)).toBe(0xd00dfeed);
    expect(dv.getUint32(4)).toBe(blob.length);
    expect(dv.getUint32(20)).toBe(17);
    expect(dv.getUint32(24)).toBe(16);
    expect(dv.getUint32(28)).toBe(3);
    expect(dv.getUint32(8) % 4).toBe(0);
    expect(dv.getUint32(16) % 8).toBe(0);
    const r = readFdt(blob).root;
    expect(r.getU32("a")).toBe(1);
    expect(r.getCells("b")).toEqual([1, 2]);
    expect(r.getU64("c")).toBe(0x1_0000_0002n);
    expect(r.getString("d")).toBe("x");
    expect(r.getStrings("e")).toEqual(["p", "qq"]);
    expect(r.get("f")!.length).toBe(0);
    expect([...r.get("g")!]).toEqual([9, 8, 7]);
    expect(r.getU32("h")).toBe(0xffffffff);
    expect(fdtConcat(fdtCells(1), fdtU64(2n))).toEqual(new Uint8Array([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2]));
    expect(fdtStrings(["a", "b"])).toEqual(new Uint8Array([97, 0, 98, 0]));
  });

  test("round trip of the minimal virt board", () => {
    const { root, dtb } = minimalBoard();
    const p = readFdt(dtb);
    expect(p.version).toBe(17);
    expect(p.reservations).toEqual([{ address: 0x80000000n, size: 0x40000n }]);
    expect(p.totalSize).toBe(dtb.length);
    expect(writeFdt(p.root, { reservations: [{ address: 0x80000000, size: 0x40000 }], padding: 1024 })).toEqual(dtb);
    const paths = [...root.walk()].map(([path]) => path);
    expect([...p.root.walk()].map(([path]) => path)).toEqual(paths);
    expect(p.root.find("/soc/serial@10000000")!.getU32("interrupts")).toBe(10);
    expect(p.root.find("/cpus/cpu@0/interrupt-controller")!.getU32("phandle")).toBe(2);
    expect(p.root.find("soc/plic")!.getCells("interrupts-extended")).toEqual([2, 11, 2, 9]);
    expect(p.root.find("/chosen")!.getString("bootargs")).toBe("console=ttyS0 earlycon=sbi");
  });

  test("dtc decompiles our blob and finds everything we wrote", () => {
    const { dtb } = minimalBoard();
    const dts = dtc(["-I", "dtb", "-O", "dts", "-q", "-"], dtb);
    for (const line of [
      "/memreserve/\t0x0000000080000000 0x0000000000040000;",
      'compatible = "riscv-virtio";',
      'bootargs = "console=ttyS0 earlycon=sbi";',
      "linux,initrd-start = <0x00 0x88200000>;",
      "reg = <0x00 0x80000000 0x00 0x10000000>;",
      "timebase-frequency = <0x989680>;",
      'riscv,isa-extensions = "i\\0m\\0a\\0f\\0d\\0c\\0zicsr\\0zifencei";',
      "interrupt-controller;",
      'compatible = "sifive,test1\\0sifive,test0\\0syscon";',
      "interrupts-extended = <0x02 0x0b 0x02 0x09>;",
      "regmap = <0x03>;",
      "serial@10000000 {",
      "virtio_mmio@10008000 {",
      "ranges;",
    ])
      expect(dts).toContain(line);
    // and dtc's own checks pass when it recompiles the source
    const again = Buffer.from(execFileSync("dtc", ["-I", "dts", "-O", "dtb", "-q", "-"], { input: dts }));
    const p = readFdt(new Uint8Array(again));
    expect(p.root.find("/soc/clint@2000000")!.getCells("interrupts-extended")).toEqual([2, 3, 2, 7]);
  });

  test("we read what dtc writes, and dtc agrees after a patch of /chosen", () => {
    const src = join(tmp, "t.dts");
    writeFileSync(
      src,
      `/dts-v1/;
/memreserve/ 0x1000 0x2000;
/ {
  #address-cells = <2>; #size-cells = <2>;
  model = "test";
  chosen { bootargs = "old"; };
  intc: interrupt-controller { interrupt-controller; #interrupt-cells = <1>; };
  dev@1000 { reg = <0x0 0x1000 0x0 0x100>; interrupts-extended = <&intc 5>; data = [de ad be ef 01]; mixed = "a", "b"; };
};
`,
    );
    const out = join(tmp, "t.dtb");
    dtc(["-I", "dts", "-O", "dtb", "-p", "256", "-o", out, src]);
    const blob = new Uint8Array(readFileSync(out));
    const p = readFdt(blob);
    expect(p.reservations).toEqual([{ address: 0x1000n, size: 0x2000n }]);
    const dev = p.root.find("dev@1000")!;
    expect(dev.getCells("interrupts-extended")).toEqual([p.root.find("interrupt-controller")!.getU32("phandle"), 5]);
    expect([...dev.get("data")!]).toEqual([0xde, 0xad, 0xbe, 0xef, 1]);
    expect(dev.getStrings("mixed")).toEqual(["a", "b"]);
    // the board's -dtb path: patch /chosen and write it back
    const chosen = p.root.ensure("chosen");
    chosen.set("bootargs", "console=ttyS0 tciemu.test=1");
    chosen.set("linux,initrd-start", fdtU64(0x88200000)).set("linux,initrd-end", fdtU64(0x88300000));
    const patched = writeFdt(p.root, { reservations: p.reservations, bootCpuidPhys: p.bootCpuidPhys });
    const dts = dtc(["-I", "dtb", "-O", "dts", "-q", "-"], patched);
    expect(dts).toContain('bootargs = "console=ttyS0 tciemu.test=1";');
    expect(dts).toContain("linux,initrd-end = <0x00 0x88300000>;");
    expect(dts).toContain("data = [de ad be ef 01];");
    expect(dts).toContain("/memreserve/\t0x0000000000001000 0x0000000000002000;");
  });

  test("phandles: allocated above the existing maximum, kept when present", () => {
    const root = new FdtNode("");
    const a = root.add("a").set("phandle", 7);
    const b = root.add("b");
    expect(allocPhandle(root, a)).toBe(7);
    expect(allocPhandle(root, b)).toBe(8);
    expect(allocPhandle(root, b)).toBe(8);
    expect(root.child("a")).toBe(a);
    expect(root.find("/")).toBe(root);
  });

  test("malformed blobs throw FdtError, never anything else", () => {
    const { dtb } = minimalBoard();
    expect(() => readFdt(new Uint8Array(10))).toThrow(FdtError);
    expect(() => readFdt(new Uint8Array(100))).toThrow(FdtError);
    expect(() => readFdt(dtb.subarray(0, 200))).toThrow(FdtError);
    let seed = 5;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 3000; i++) {
      const bad = dtb.slice();
      const n = 1 + (rnd() % 4);
      for (let j = 0; j < n; j++) bad[rnd() % (i < 1500 ? 64 : bad.length)] = rnd() & 0xff;
      try {
        readFdt(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(FdtError);
      }
    }
  });
});
