// End-to-end check of the system-mode artefacts on the reference emulator: Debian's kernel and
// OpenSBI boot on QEMU's virt machine with OUR device tree (src/hw/fdt.ts, via -dtb) and OUR
// initramfs (tools/system/make-initramfs.ts, with virtio_mmio/virtio_blk/virtio_rng modules); the
// test drives /init's test mode over the serial console and powers off through sifive,test0.
// Skipped when qemu-system-riscv64 or the `fetch.sh system` files are missing.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import { Uart16550 } from "../../src/hw/uart16550.ts";
import { opensbiFirmware, systemBusybox, systemKernel } from "../../tools/debian/paths.ts";
import { buildInitramfs, INIT_STARTED, TEST_PROMPT, TEST_RC_PREFIX } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { virtDtb } from "./virt-dt-example.ts";

const QEMU = "qemu-system-riscv64";
const hasQemu = spawnSync(QEMU, ["--version"]).status === 0;
const kernel = systemKernel();
const fw = opensbiFirmware("fw_dynamic");
const busybox = systemBusybox();
const modulesDir = defaultModulesDir();
const ready = hasQemu && kernel !== undefined && fw !== undefined && busybox !== undefined && modulesDir !== undefined;

const tmp = mkdtempSync(join(tmpdir(), "tciemu-qemu-boot-"));
const serialTrace = join(tmp, "serial-trace.log");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("Debian kernel on QEMU virt with our DTB and initramfs", () => {
  test("boots, loads the virtio modules, runs commands, powers off", { timeout: 180_000 }, async () => {
    // Missing tools fail the test (principle 3): .ci/run installs qemu-system-misc and runs fetch.sh system.
    expect(ready, "needs qemu-system-riscv64 (apt-get install qemu-system-misc) and 'bash tools/debian/fetch.sh system'").toBe(true);
    const initrd = join(tmp, "initramfs.cpio.gz");
    writeFileSync(initrd, buildInitramfs({ busybox: busybox!, modules: ["virtio_mmio", "virtio_blk", "virtio_rng"], modulesDir }).gz);
    const dtb = join(tmp, "virt.dtb");
    writeFileSync(dtb, virtDtb({ ramSize: 256 << 20, bootargs: "console=ttyS0 tciemu.test=1" }));
    const disk = join(tmp, "disk.img");
    const img = new Uint8Array(1 << 20);
    img.set(new TextEncoder().encode("TCIEMU-DISK-MAGIC"), 0);
    writeFileSync(disk, img);

    const args = ["-M", "virt", "-m", "256M", "-smp", "1", "-display", "none", "-monitor", "none", "-serial", "stdio"];
    args.push("-bios", fw!, "-kernel", kernel!, "-initrd", initrd, "-dtb", dtb);
    args.push("-trace", "serial_read", "-trace", "serial_write", "-D", serialTrace);
    args.push("-drive", `file=${disk},format=raw,if=none,id=d0`, "-device", "virtio-blk-device,drive=d0", "-device", "virtio-rng-device");
    // The console goes to a regular file, which never pushes back: through a pipe (a socketpair in
    // Node) QEMU's transmitter would stall whenever this process reads late, making its UART trace
    // timing-dependent.
    const log = join(tmp, "console.log");
    const logFd = openSync(log, "w");
    const qemu = spawn(QEMU, args, { stdio: ["pipe", logFd, logFd] });
    closeSync(logFd);
    const stdin = qemu.stdin!;
    let out = "";
    const exited = new Promise<number | null>((resolve) => qemu.on("exit", (code) => resolve(code)));
    let pos = 0;
    const waitFor = (text: string, ms = 120_000) =>
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
          else setTimeout(poll, 10);
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
      expect(await run("cat /proc/device-tree/model; echo")).toContain("riscv-virtio,qemu");
      expect(await run("cat /proc/cmdline")).toContain("tciemu.test=1");
      const mods = await run("lsmod");
      for (const m of ["virtio_mmio", "virtio_blk", "virtio_rng"]) expect(mods).toContain(m);
      expect(await run("head -c 17 /dev/vda; echo")).toContain("TCIEMU-DISK-MAGIC");
      expect(await run("cat /sys/class/misc/hw_random/rng_current")).toContain("virtio_rng");
      expect(await run("cat /sys/class/rtc/rtc0/name")).toContain("goldfish_rtc");
      expect(await run("mount")).toMatch(/tmpfs on \/tmp/);
      expect(await run("false")).toContain("rc=1");
      stdin.write("poweroff -f\n");
      expect(await exited).toBe(0);
    } finally {
      if (qemu.exitCode === null) qemu.kill("SIGKILL");
    }
  });

  // Every UART register access OpenSBI, Linux's 8250 driver and the tty layer made during that boot
  // (QEMU's serial_read/serial_write trace), replayed against our Uart16550: each read must return
  // what QEMU's serial.c returned. Host input is injected when QEMU's trace shows it arrived (LSR.DR
  // or an RDA/timeout IIR), as the burst of bytes the guest then read from RBR. Our transmitter is
  // infinitely fast, while QEMU's stalls when the host side of the pipe is slow (LSR THRE/TEMT clear,
  // THRI late): while QEMU's transmitter is busy, those bits and a THRI-vs-none IIR are not compared;
  // nor is RDA vs character timeout (it depends on how the input was split into bursts).
  test("our UART answers the boot's 8250 register traffic exactly as QEMU's serial.c", () => {
    const events = readFileSync(serialTrace, "utf8")
      .split("\n")
      .map((l) => /^serial_(read|write) \w+ addr 0x([0-9a-f]+) val 0x([0-9a-f]+)/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ write: m[1] === "write", addr: parseInt(m[2], 16), val: parseInt(m[3], 16) }));
    expect(events.length).toBeGreaterThan(10000);
    const u = new Uart16550(new IrqLatch(), () => {});
    let lcr = 0;
    let txBusy = false;
    const mismatches: string[] = [];
    events.forEach((e, i) => {
      if (e.write) {
        if (e.addr === 3) lcr = e.val;
        u.write(e.addr, 1, e.val);
        return;
      }
      const id = e.val & 0x0f;
      const dlab = (lcr & 0x80) !== 0;
      const qemuHasData = (e.addr === 5 && e.val & 1) || (e.addr === 0 && !dlab) || (e.addr === 2 && (id === 4 || id === 0xc));
      if (qemuHasData && !u.dataReady) {
        const burst: number[] = [];
        for (let j = i; j < events.length; j++) {
          const f = events[j];
          if (f.write) continue;
          if (f.addr === 0) burst.push(f.val);
          else if (f.addr === 5 && !(f.val & 1)) break;
        }
        u.receive(Uint8Array.from(burst));
      }
      let got = u.read(e.addr, 1);
      if (e.addr === 5) {
        txBusy = (e.val & 0x60) !== 0x60;
        if (txBusy) got = (got & ~0x60) | (e.val & 0x60);
      }
      if (e.addr === 2 && txBusy && (got & 0x0f) === 2 && id === 1) got = e.val;
      // RDA vs character timeout depends on how the host input was split into bursts: same priority
      if (e.addr === 2 && (id === 4 || id === 0xc) && ((got & 0x0f) === 4 || (got & 0x0f) === 0xc)) got = e.val;
      if (got !== e.val) mismatches.push(`#${i} reg ${e.addr}: qemu 0x${e.val.toString(16)}, ours 0x${got.toString(16)}`);
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
