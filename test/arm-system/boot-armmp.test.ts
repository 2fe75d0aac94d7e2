// Boots Debian trixie's unmodified armmp kernel on tciemu's ARM virt board with the system-mode
// Cortex-A15 (src/target/arm/system-cpu.ts), our initramfs (armhf busybox + /init in test mode, the
// virtio modules) and a virtio-blk romfs disk, then drives the shell: uname, /proc/cpuinfo,
// arithmetic, tmpfs files, mounting and reading the disk, PSCI poweroff. The kernel log must have
// no oops, BUG or WARNING line. The XZ zImage is unpacked by the board (its fast path, which
// test/hw/arm-virt-qemu.test.ts checks against QEMU's real decompressor); virtual time
// (-icount shift=3) makes the run deterministic.
// Needs `bash tools/debian/fetch.sh system-arm`.
import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import { memoryDisk } from "../../src/hw/virtio-blk.ts";
import { ArmSystemCpu } from "../../src/target/arm/system-cpu.ts";
import { systemArmBusybox, systemArmKernel } from "../../tools/debian/paths.ts";
import { buildInitramfs, TEST_PROMPT, TEST_RC_PREFIX } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { buildRomfs } from "../../tools/system/romfs.ts";

const FETCH = "run 'bash tools/debian/fetch.sh system-arm'";

test("Debian's armmp kernel boots to a shell on the ARM virt board and powers off", { timeout: 1_800_000 }, () => {
  const kernel = systemArmKernel();
  const busybox = systemArmBusybox();
  const modulesDir = defaultModulesDir("arm");
  expect(kernel && busybox && modulesDir, FETCH).toBeTruthy();
  const initrd = buildInitramfs({ busybox: busybox!, modules: ["virtio_mmio", "virtio_blk", "romfs"], modulesDir }).gz;
  const disk = buildRomfs([{ name: "hello.txt", data: new TextEncoder().encode("hello from a virtio-blk disk\n") }]);

  let out = "";
  const board = new ArmVirtBoard({
    ramBytes: 256 << 20,
    kernel: new Uint8Array(readFileSync(kernel!)),
    initrd,
    append: "console=ttyAMA0 tciemu.test=1",
    disks: [memoryDisk(disk)],
    serialOut: (b) => (out += new TextDecoder().decode(b)),
    icountShift: 3,
    unpackZImage: true,
    cpu: (host) => new ArmSystemCpu(host),
  });
  const m = board.machine;
  const waitFor = (pattern: string, from: number, maxInsns = 4e9): number => {
    const end = m.insns + maxInsns;
    for (;;) {
      const i = out.indexOf(pattern, from);
      if (i >= 0) return i + pattern.length;
      if (m.insns > end) throw new Error(`timed out waiting for ${JSON.stringify(pattern)}; console tail:\n${out.slice(-3000)}`);
      const r = m.run(4_000_000);
      if (r === "exit") throw new Error(`machine stopped while waiting for ${JSON.stringify(pattern)}; console tail:\n${out.slice(-3000)}`);
      if (r === "wfi") throw new Error(`the CPU sleeps with nothing to wake it; console tail:\n${out.slice(-3000)}`);
    }
  };
  let pos = waitFor(TEST_PROMPT, 0);
  const bootInsns = m.insns;
  const run = (cmd: string): { text: string; rc: number } => {
    board.input(new TextEncoder().encode(cmd + "\n"));
    const start = pos;
    const rcAt = waitFor(TEST_RC_PREFIX, start);
    const nl = out.indexOf("\n", rcAt);
    const rc = Number(out.slice(rcAt, nl >= 0 ? nl : undefined));
    const text = out.slice(start, rcAt - TEST_RC_PREFIX.length);
    pos = waitFor(TEST_PROMPT, rcAt);
    return { text, rc };
  };

  const uname = run("uname -a");
  expect(uname.rc).toBe(0);
  expect(uname.text).toMatch(/Linux .* 6\.12\.\d+\+deb13-armmp .* armv7l GNU\/Linux/);
  const cpuinfo = run("cat /proc/cpuinfo");
  expect(cpuinfo.text).toContain("ARMv7 Processor rev 0 (v7l)");
  expect(cpuinfo.text).toMatch(/Features\s*: .*\bvfpv4\b.*\blpae\b/);
  expect(cpuinfo.text).toContain("CPU part\t: 0xc0f");
  expect(run("echo $((6*7)) $((1<<40))").text.trim()).toBe("42 1099511627776");
  expect(run("echo tmpfs-ok > /tmp/f && cat /tmp/f && rm /tmp/f").text.trim()).toBe("tmpfs-ok");
  const mount = run("mkdir -p /mnt && mount -t romfs -o ro /dev/vda /mnt && ls /mnt && cat /mnt/hello.txt && umount /mnt");
  expect(mount.rc).toBe(0);
  expect(mount.text).toContain("hello from a virtio-blk disk");

  board.input(new TextEncoder().encode("poweroff -f\n"));
  let r = "";
  for (let i = 0; i < 500 && r !== "exit"; i++) r = m.run(4_000_000);
  expect(m.exitRequest?.kind).toBe("poweroff");

  const bad = out
    .split("\n")
    .filter((l) => /\bOops\b|\bBUG:|WARNING:|Call Trace|Kernel panic|segfault|Internal error|undefined instruction/.test(l));
  expect(bad).toEqual([]);
  console.log(`boot to shell: ${(bootInsns / 1e6).toFixed(0)} M instructions; whole run ${(m.insns / 1e6).toFixed(0)} M`);
});
