// Boots Debian trixie's unmodified riscv64 kernel with Debian's OpenSBI on tciemu's virt board, with
// our initramfs (busybox + /init in test mode) and a virtio-blk romfs disk, then drives the shell:
// uname, /proc/cpuinfo, arithmetic, tmpfs files, mounting and reading the disk, poweroff. The kernel
// log must show no oops, BUG or WARNING (QEMU shows none on this boot either).
// Virtual time (-icount shift=0) makes the run deterministic.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { opensbiFirmware, systemKernel, systemBusybox, systemDir } from "../../tools/debian/paths.ts";
import { buildInitramfs, TEST_PROMPT, TEST_RC_PREFIX } from "../../tools/system/initramfs.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { memoryDisk } from "../../src/hw/virtio-blk.ts";
import { loadVirtSnapshot, saveVirtSnapshot } from "../../src/hw/virt-snapshot.ts";
import { buildRomfs } from "../../tools/system/romfs.ts";

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`${what} missing: run 'bash tools/debian/fetch.sh system'`);
  return v;
}

test("Debian's kernel boots to a shell on the virt board and powers off", { timeout: 600_000 }, () => {
  const kernel = need(systemKernel(), "Debian kernel");
  const bios = need(opensbiFirmware("fw_dynamic", "bin"), "OpenSBI");
  const busybox = need(systemBusybox(), "busybox-static");
  const modulesDir = join(
    systemDir(),
    "usr/lib/modules",
    readFileSync(kernel).length
      ? execFileSync("ls", [join(systemDir(), "usr/lib/modules")])
          .toString()
          .trim()
          .split("\n")[0]
      : "",
  );
  // romfs rather than ext4: the RISC-V kernel spends ~2e9 instructions relocating the 600 KB ext4
  // module (guest work that QEMU executes too), romfs.ko is 11 KB.
  const initrd = buildInitramfs({ busybox, modules: ["virtio_mmio", "virtio_blk", "romfs"], modulesDir }).gz;
  const disk = buildRomfs([{ name: "hello.txt", data: new TextEncoder().encode("hello from a virtio-blk disk\n") }]);

  let out = "";
  const board = new VirtBoard({
    ramBytes: 256 << 20,
    bios: new Uint8Array(readFileSync(bios)),
    kernel: new Uint8Array(readFileSync(kernel)),
    initrd,
    append: "console=ttyS0 tciemu.test=1",
    disks: [memoryDisk(disk)],
    serialOut: (b) => (out += new TextDecoder().decode(b)),
    icountShift: 0,
  });
  const m = board.machine;
  const waitFor = (pattern: string, from: number, maxInsns = 3e9): number => {
    const end = m.insns + maxInsns;
    for (;;) {
      const i = out.indexOf(pattern, from);
      if (i >= 0) return i + pattern.length;
      if (m.insns > end) throw new Error(`timed out waiting for ${JSON.stringify(pattern)}; console tail:\n${out.slice(-2000)}`);
      const r = m.run(2_000_000);
      if (r === "exit") throw new Error(`machine stopped while waiting for ${JSON.stringify(pattern)}; console tail:\n${out.slice(-2000)}`);
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
  expect(uname.text).toMatch(/Linux .* 6\.12\.\d+\+deb13-riscv64 .* riscv64 GNU\/Linux/);
  const cpuinfo = run("cat /proc/cpuinfo");
  expect(cpuinfo.text).toContain("isa\t\t: rv64imafdc");
  expect(cpuinfo.text).toContain("mmu\t\t: sv39");
  expect(run("echo $((6*7)) $((1<<40))").text.trim()).toBe("42 1099511627776");
  expect(run("echo tmpfs-ok > /tmp/f && cat /tmp/f && rm /tmp/f").text.trim()).toBe("tmpfs-ok");
  const mount = run("mkdir -p /mnt && mount -t romfs -o ro /dev/vda /mnt && ls /mnt && cat /mnt/hello.txt && umount /mnt");
  expect(mount.rc).toBe(0);
  expect(mount.text).toContain("hello from a virtio-blk disk");

  // A snapshot of the booted shell (issue 15.1): small (zero pages are not stored), and a fresh
  // machine resumes it and answers a command.
  const snap = saveVirtSnapshot(board, "shell", Date.now());
  expect(snap.length, `snapshot of a booted 256 MiB shell: ${(snap.length / 1e6).toFixed(1)} MB`).toBeLessThan(64e6);
  console.log(`snapshot of the booted shell: ${(snap.length / 1e6).toFixed(1)} MB`);
  {
    let out2 = "";
    const resumed = new VirtBoard({
      ramBytes: 256 << 20,
      bios: new Uint8Array(readFileSync(bios)),
      disks: [memoryDisk(new Uint8Array(disk.length))],
      serialOut: (b) => (out2 += new TextDecoder().decode(b)),
      icountShift: 0,
    });
    loadVirtSnapshot(resumed, snap);
    resumed.input(new TextEncoder().encode("echo resumed $((20+22))\n"));
    for (let i = 0; i < 200 && !out2.includes("resumed 42"); i++) resumed.machine.run(2_000_000);
    expect(out2).toContain("resumed 42");
    const cat = "cat /mnt/hello.txt 2>/dev/null; mount -t romfs -o ro /dev/vda /mnt && cat /mnt/hello.txt\n";
    resumed.input(new TextEncoder().encode(cat));
    for (let i = 0; i < 400 && !out2.includes("hello from a virtio-blk disk"); i++) resumed.machine.run(2_000_000);
    expect(out2, "the snapshot carried the disk's contents").toContain("hello from a virtio-blk disk");
  }

  board.input(new TextEncoder().encode("poweroff -f\n"));
  for (let i = 0; i < 500 && !board.exit; i++) m.run(2_000_000);
  expect(board.exit?.kind).toBe("poweroff");

  const bad = out.split("\n").filter((l) => /\bOops\b|\bBUG:|WARNING:|Call Trace|Kernel panic|segfault/.test(l));
  expect(bad).toEqual([]);
  console.log(`boot to shell: ${(bootInsns / 1e6).toFixed(0)} M instructions; whole run ${(m.insns / 1e6).toFixed(0)} M`);
});
