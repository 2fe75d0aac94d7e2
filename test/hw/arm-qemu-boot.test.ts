// End-to-end check of the ARM system artefacts on the reference emulator: Debian's armmp kernel
// (the zImage, unmodified) boots on qemu-system-arm's virt machine with OUR device tree
// (src/hw/arm-virt-fdt.ts, via -dtb) and OUR initramfs (tools/system, armhf busybox, the armmp
// virtio_mmio / virtio_blk / virtio_rng modules); the test drives /init's test mode on the PL011
// console and powers off through PSCI. Then the GIC and PL011 register traffic of that boot
// (QEMU's gic_* and pl011_* trace events, device inputs included) is replayed against tciemu's
// ArmGic and Pl011: every read must return what QEMU's models returned.
// Needs qemu-system-arm (apt-get install qemu-system-arm) and `bash tools/debian/fetch.sh system-arm`.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ArmGic } from "../../src/hw/arm-gic.ts";
import { ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import type { ArmCpu } from "../../src/hw/arm-virt-machine.ts";
import { IrqLatch } from "../../src/hw/device.ts";
import { Pl011 } from "../../src/hw/pl011.ts";
import { FETCH_QEMU_SYSTEM_ARM, qemuSystemArm, systemArmBusybox, systemArmKernel } from "../../tools/debian/paths.ts";
import { buildInitramfs, INIT_STARTED, TEST_PROMPT, TEST_RC_PREFIX } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";

const QEMU = qemuSystemArm() ?? "qemu-system-arm";
const hasQemu = qemuSystemArm() !== undefined && spawnSync(QEMU, ["--version"]).status === 0;
const kernel = systemArmKernel();
const busybox = systemArmBusybox();
const modulesDir = defaultModulesDir("arm");
const ready = hasQemu && kernel !== undefined && busybox !== undefined && modulesDir !== undefined;
const RAM = 256 << 20;

const tmp = mkdtempSync(join(tmpdir(), "tciemu-arm-qemu-boot-"));
const trace = join(tmp, "trace.log");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const idleCpu = (): ArmCpu => ({ irq: new IrqLatch(), fiq: new IrqLatch(), insns: 0, reset() {}, run: () => "wfi", requestExit() {} });

describe("Debian armmp kernel on qemu-system-arm with our DTB and initramfs", () => {
  test("boots, loads the virtio modules, runs commands, powers off through PSCI", { timeout: 600_000 }, async () => {
    expect(ready, `needs trixie's qemu-system-arm ('${FETCH_QEMU_SYSTEM_ARM}') and 'bash tools/debian/fetch.sh system-arm'`).toBe(true);
    const initrd = join(tmp, "initramfs.cpio.gz");
    writeFileSync(initrd, buildInitramfs({ busybox: busybox!, modules: ["virtio_mmio", "virtio_blk", "virtio_rng"], modulesDir }).gz);
    const dtb = join(tmp, "virt.dtb");
    writeFileSync(dtb, new ArmVirtBoard({ ramBytes: RAM, kernel: new Uint8Array(64), serialOut: () => {}, cpu: idleCpu }).fdt);
    const disk = join(tmp, "disk.img");
    const img = new Uint8Array(1 << 20);
    img.set(new TextEncoder().encode("TCIEMU-DISK-MAGIC"), 0);
    writeFileSync(disk, img);

    const args = [
      "-M",
      "virt",
      "-cpu",
      "cortex-a15",
      "-m",
      "256M",
      "-smp",
      "1",
      "-display",
      "none",
      "-monitor",
      "none",
      "-serial",
      "stdio",
    ];
    args.push("-kernel", kernel!, "-initrd", initrd, "-dtb", dtb, "-append", "console=ttyAMA0 tciemu.test=1", "-nic", "none");
    args.push("-trace", "gic_dist_*", "-trace", "gic_cpu_*", "-trace", "gic_set_irq", "-trace", "pl011_*", "-D", trace);
    args.push("-drive", `file=${disk},format=raw,if=none,id=d0`, "-device", "virtio-blk-device,drive=d0", "-device", "virtio-rng-device");
    const log = join(tmp, "console.log");
    const logFd = openSync(log, "w");
    const qemu = spawn(QEMU, args, { stdio: ["pipe", logFd, logFd] });
    closeSync(logFd);
    const stdin = qemu.stdin!;
    let out = "";
    const exited = new Promise<number | null>((resolve) => qemu.on("exit", (code) => resolve(code)));
    let pos = 0;
    const waitFor = (text: string, ms = 400_000) =>
      new Promise<number>((resolve, reject) => {
        const deadline = Date.now() + ms;
        const poll = () => {
          out = readFileSync(log, "latin1");
          const at = out.indexOf(text, pos);
          if (at >= 0) {
            pos = at + text.length;
            resolve(pos);
          } else if (Date.now() > deadline || qemu.exitCode !== null)
            reject(new Error(`no ${JSON.stringify(text)} on the console; output:\n${out.slice(-3000)}`));
          else setTimeout(poll, 20);
        };
        poll();
      });
    const run = async (cmd: string): Promise<string> => {
      stdin.write(cmd + "\n");
      const start = pos;
      const end = await waitFor(TEST_RC_PREFIX);
      await waitFor(TEST_PROMPT);
      return out.slice(start, end - TEST_RC_PREFIX.length) + "rc=" + out.slice(end, out.indexOf("\n", end)).trim();
    };
    try {
      await waitFor(INIT_STARTED);
      await waitFor(TEST_PROMPT);
      expect(await run("cat /proc/device-tree/model; echo")).toContain("linux,dummy-virt");
      // Our tree, not QEMU's: no PCIe host bridge node, and the aliases QEMU 7.2 does not write.
      expect(await run("ls /proc/device-tree")).not.toContain("pcie@");
      expect(await run("cat /proc/device-tree/aliases/serial0; echo")).toContain("/pl011@9000000");
      expect(await run("cat /proc/cmdline")).toContain("tciemu.test=1");
      expect(await run("uname -m")).toContain("armv7l");
      const mods = await run("lsmod");
      for (const m of ["virtio_mmio", "virtio_blk", "virtio_rng"]) expect(mods).toContain(m);
      expect(await run("head -c 17 /dev/vda; echo")).toContain("TCIEMU-DISK-MAGIC");
      expect(await run("cat /sys/class/misc/hw_random/rng_current")).toContain("virtio_rng");
      expect(await run("cat /sys/class/rtc/rtc0/name")).toContain("pl031");
      expect(await run("grep -c GICv2 /proc/interrupts")).not.toContain("\n0\n");
      expect(await run("dmesg | grep -ci -e 'psci: PSCIv1.1' -e 'arch_timer: cp15 timer'")).toContain("2");
      expect(await run("mount")).toMatch(/tmpfs on \/tmp/);
      expect(await run("false")).toContain("rc=1");
      stdin.write("poweroff -f\n");
      expect(await exited).toBe(0);
    } finally {
      if (qemu.exitCode === null) qemu.kill("SIGKILL");
    }
  });

  test("our GIC answers the boot's distributor and CPU interface traffic exactly as QEMU's", () => {
    const lines = readFileSync(trace, "utf8").split("\n");
    const irq = new IrqLatch();
    const gic = new ArmGic({ irq, fiq: new IrqLatch() });
    let reads = 0;
    let acks = 0;
    const mismatches: string[] = [];
    for (const l of lines) {
      let m: RegExpExecArray | null;
      if ((m = /^gic_set_irq irq (\d+) level (\d+)/.exec(l))) {
        const id = Number(m[1]);
        (id < 32 ? gic.ppi(id) : gic.spi(id - 32)).set(m[2] !== "0");
      } else if ((m = /^gic_dist_(read|write) dist (?:read|write) at 0x([0-9a-f]+) size (\d+): 0x([0-9a-f]+)/.exec(l))) {
        const [, kind, off, size, data] = m;
        if (kind === "write") gic.distributor.write(parseInt(off, 16), Number(size), parseInt(data, 16));
        else {
          reads++;
          const ours = gic.distributor.read(parseInt(off, 16), Number(size));
          if (ours !== parseInt(data, 16)) mismatches.push(`${l} -> ours 0x${ours.toString(16)}`);
        }
      } else if ((m = /^gic_cpu_(read|write) cpu 0 iface (?:read|write) at 0x([0-9a-f]+):? 0x([0-9a-f]+)/.exec(l))) {
        const [, kind, off, data] = m;
        if (kind === "write") gic.cpuInterface.write(parseInt(off, 16), 4, parseInt(data, 16));
        else {
          reads++;
          const ours = gic.cpuInterface.read(parseInt(off, 16), 4);
          if (parseInt(off, 16) === 0xc && ours < 1020) acks++;
          if (ours !== parseInt(data, 16)) mismatches.push(`${l} -> ours 0x${ours.toString(16)}`);
        }
      }
    }
    expect(reads).toBeGreaterThan(1000);
    expect(acks).toBeGreaterThan(200);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  test("our PL011 answers the boot's UART traffic (earlycon, amba-pl011, the tty) exactly as QEMU's", () => {
    const lines = readFileSync(trace, "utf8").split("\n");
    const u = new Pl011(new IrqLatch(), () => {});
    let reads = 0;
    const mismatches: string[] = [];
    for (const l of lines) {
      let m: RegExpExecArray | null;
      // A received character: pl011_put_fifo in QEMU 7.2, pl011_fifo_rx_put in 10.0.
      if ((m = /^(?:pl011_put_fifo new char 0x|pl011_fifo_rx_put RX FIFO push char \[0x)([0-9a-f]+)/.exec(l)))
        u.receive(new Uint8Array([parseInt(m[1], 16)]));
      else if ((m = /^pl011_(read|write) addr 0x([0-9a-f]+) value 0x([0-9a-f]+)/.exec(l))) {
        const off = parseInt(m[2], 16);
        const v = parseInt(m[3], 16);
        if (m[1] === "write") u.write(off, 4, v);
        else {
          reads++;
          const ours = u.read(off, 4);
          if (ours !== v) mismatches.push(`${l} -> ours 0x${ours.toString(16)}`);
        }
      }
    }
    expect(reads).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
