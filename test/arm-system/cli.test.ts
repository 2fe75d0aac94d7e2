// tciemu-system-arm's command line: the options QEMU's qemu-system-arm has, its refusals, the
// generated device tree, and the monitor's commands on a board that has not started.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { armMonitorCommand, parseArmSystemArgs } from "../../src/cli/system-arm.ts";
import { ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import { ArmSystemCpu } from "../../src/target/arm/system-cpu.ts";
import { SnapshotDir } from "../../src/cli/snapshot-dir.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { saveVirtSnapshot } from "../../src/hw/virt-snapshot.ts";
import { repoRoot } from "../../tools/debian/paths.ts";

const CLI = join(repoRoot(), "tools/bin/tciemu-system-arm");
const tmp = mkdtempSync(join(tmpdir(), "tciemu-arm-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(CLI, args, { encoding: "utf8", timeout: 120_000 });

test("QEMU's options parse", () => {
  const o = parseArmSystemArgs([
    "-M",
    "virt",
    "-cpu",
    "cortex-a15",
    "-m",
    "512M",
    "-smp",
    "1",
    "-kernel",
    "k",
    "-initrd",
    "i",
    "-append",
    "x y",
  ]);
  expect(o.memBytes).toBe(512 << 20);
  expect([o.kernel, o.initrd, o.append]).toEqual(["k", "i", "x y"]);
  const p = parseArmSystemArgs(["-icount", "shift=3", "-drive", "file=d.img,format=raw,if=virtio", "-no-reboot", "--unpack-zimage=off"]);
  expect([p.icountShift, p.drives.resolve().map((d) => d.file), p.noReboot, p.unpackZImage]).toEqual([3, ["d.img"], true, false]);
});

test("bad options fail with QEMU-style messages", { timeout: 300_000 }, () => {
  expect(run("-cpu", "cortex-a9").stderr).toContain("unsupported CPU 'cortex-a9'");
  expect(run("-M", "vexpress-a9").stderr).toContain("unsupported machine 'vexpress-a9'");
  expect(run("-smp", "2").stderr).toContain("only -smp 1");
  const r = run("-kernel", join(tmp, "missing"));
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("could not load kernel");
  expect(run("-m", "8M", "-kernel", CLI).stderr).toContain("too small");
});

test("-machine dumpdtb writes the board's device tree", { timeout: 120_000 }, () => {
  const f = join(tmp, "virt.dtb");
  const r = run("-M", "virt,dumpdtb=" + f, "-m", "256M");
  expect(r.status, r.stderr).toBe(0);
  const dtb = readFileSync(f);
  expect(dtb.readUInt32BE(0)).toBe(0xd00dfeed);
  expect(dtb.toString("latin1")).toContain("arm,cortex-a15");
});

test("monitor: info registers in arm_cpu_dump_state's layout, x/xp, info mtree", () => {
  let cpu!: ArmSystemCpu;
  const kernel = new Uint8Array(64);
  const board = new ArmVirtBoard({ ramBytes: 64 << 20, kernel, serialOut: () => {}, cpu: (h) => (cpu = new ArmSystemCpu(h)) });
  const regs = armMonitorCommand(board, cpu, "info registers").text!;
  expect(regs).toMatch(/^R00=00000000 R01=00000000 R02=00000000 R03=00000000/);
  expect(regs).toContain("R15=40000000");
  expect(regs).toMatch(/PSR=400001d3 -Z-- A svc32/);
  // The boot stub at the start of RAM (QEMU's bootloader[]: mov r0, #0 first).
  expect(armMonitorCommand(board, cpu, "xp /1x 0x40000000").text).toBe("40000000: 0xe3a00000");
  expect(armMonitorCommand(board, cpu, "x /1x 0x40000000").text).toBe("40000000: 0xe3a00000");
  expect(armMonitorCommand(board, cpu, "xp /1x 0x100").text).toContain("Cannot access memory");
  expect(armMonitorCommand(board, cpu, "info mtree").text).toContain("0000000009000000-0000000009000fff (prio 0, i/o): pl011");
  expect(armMonitorCommand(board, cpu, "quit").quit).toBe(true);
});

test("gdb-multiarch: -S stops at the entry, stepi, x/i, a breakpoint, info registers, kill", { timeout: 300_000 }, async () => {
  const gdb = spawnSync("sh", ["-c", "command -v gdb-multiarch"], { encoding: "utf8" }).stdout.trim();
  expect(gdb, "gdb-multiarch is not installed (apt-get install gdb-multiarch)").not.toBe("");
  const elf = join(repoRoot(), "testdata/arm/virt-baremetal/sys-check.elf");
  const child = spawn(CLI, ["-M", "virt", "-m", "256M", "-kernel", elf, "-nographic", "-gdb", "tcp::0", "-S"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "",
    stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /gdb stub listening on [^:]+:(\d+)/.exec(stderr);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`exited (${code}) before listening: ${stderr}`)));
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const cmds = ["info registers pc cpsr", "stepi", "x/2i $pc", "break *0x40100100", "continue", "info registers pc sp", "kill"];
  const args = [
    "-batch",
    "-nx",
    "-ex",
    "set confirm off",
    "-ex",
    "set architecture arm",
    "-ex",
    `target remote 127.0.0.1:${port}`,
    ...cmds.flatMap((c) => ["-ex", c]),
  ];
  // gdb runs asynchronously: the emulator's pipes are read by this process's event loop meanwhile.
  const text = await new Promise<string>((resolve) => {
    const g = spawn(gdb, args, { stdio: ["ignore", "pipe", "pipe"] });
    let t = "";
    g.stdout.on("data", (d) => (t += d));
    g.stderr.on("data", (d) => (t += d));
    const timer = setTimeout(() => g.kill("SIGKILL"), 180_000);
    g.on("exit", () => {
      clearTimeout(timer);
      resolve(t);
    });
  });
  expect(text, text).toMatch(/pc\s+0x40100000/);
  expect(text).toMatch(/cpsr\s+0x400001d3/);
  expect(text).toContain("=> 0x40100004:\tldr\tsp, [pc, #16]");
  expect(text, text).toContain("Breakpoint 1, 0x40100100");
  expect(text).toMatch(/pc\s+0x40100100/);
  await done;
  expect(stdout).toContain("ID ");
});

test("monitor: savevm, info snapshots, loadvm, delvm on the ARM board; a RISC-V snapshot is refused by name", { timeout: 120_000 }, () => {
  const elf = new Uint8Array(readFileSync(join(repoRoot(), "testdata/arm/virt-baremetal/sys-check.elf")));
  let out = "";
  let cpu!: ArmSystemCpu;
  const board = new ArmVirtBoard({
    ramBytes: 64 << 20,
    kernel: elf,
    serialOut: (b) => (out += new TextDecoder().decode(b)),
    icountShift: 3,
    cpu: (h) => (cpu = new ArmSystemCpu(h)),
  });
  const dir = new SnapshotDir(join(tmp, "snaps"));
  const mon = (line: string) => armMonitorCommand(board, cpu, line, dir);
  expect(mon("info snapshots").text).toBe("There is no snapshot available.");
  board.machine.run(10_000);
  const regs = mon("info registers").text;
  const at = board.machine.insns;
  expect(mon("savevm first").text).toBeUndefined();
  expect(mon("info snapshots").text).toMatch(new RegExp(`^1 +first +[\\d.]+ MiB .* ${at}$`, "m"));
  const outAt = out.length;
  board.machine.run(5_000);
  expect(mon("info registers").text).not.toBe(regs);
  expect(mon("loadvm first").text).toBeUndefined();
  expect(board.machine.insns).toBe(at);
  expect(mon("info registers").text).toBe(regs);
  // the resumed program prints what it printed the first time from there on
  const again = out.length;
  board.machine.run(5_000);
  expect(out.slice(again)).toBe(out.slice(outAt, outAt + (out.length - again)));
  expect(mon("loadvm nothing").text).toBe("Error: Snapshot 'nothing' does not exist");
  expect(mon("delvm first").text).toBeUndefined();
  expect(mon("info snapshots").text).toBe("There is no snapshot available.");
  // a RISC-V board's snapshot in the same directory
  const rv = new VirtBoard({ ramBytes: 64 << 20, bios: Uint8Array.of(0x6f, 0, 0, 0), serialOut: () => {}, icountShift: 0 });
  dir.save("rv", saveVirtSnapshot(rv, "rv", 0));
  expect(mon("loadvm rv").text).toBe("Error: snapshot is of a 'riscv64-virt' machine, this is 'arm-virt'");
});
