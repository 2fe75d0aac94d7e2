// The system emulator's monitor (Ctrl-A c / -monitor stdio): the QEMU HMP commands tciemu offers,
// on a board running Debian's OpenSBI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { opensbiFirmware, repoRoot } from "../../tools/debian/paths.ts";
import { SnapshotDir } from "../../src/cli/snapshot-dir.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { monitorCommand } from "../../src/cli/system-riscv64.ts";

test("monitor: info registers / jit / mtree, xp, x, system_reset, quit", () => {
  const bios = opensbiFirmware("fw_dynamic", "bin");
  expect(bios, "run 'bash tools/debian/fetch.sh system'").toBeDefined();
  let out = "";
  const make = () =>
    new VirtBoard({
      ramBytes: 128 << 20,
      bios: new Uint8Array(readFileSync(bios!)),
      serialOut: (b) => (out += new TextDecoder().decode(b)),
      icountShift: 0,
    });
  let board = make();
  for (let i = 0; i < 20 && !out.includes("OpenSBI"); i++) board.machine.run(1_000_000);
  expect(out).toContain("OpenSBI v1.6");
  const regs = monitorCommand(board, "info registers", () => {}).text!;
  expect(regs).toMatch(/^ pc {7}0000000080[0-9a-f]{6}$/m);
  expect(regs).toContain(" priv     3");
  expect(monitorCommand(board, "info jit", () => {}).text).toMatch(/TB count\s+\d+/);
  expect(monitorCommand(board, "info mtree", () => {}).text).toContain("riscv_virt_board.ram");
  expect(monitorCommand(board, "xp /2x 0x1000", () => {}).text).toBe("0000000000001000: 0x00000297\n0000000000001004: 0x02828613");
  expect(monitorCommand(board, "x /1x 0x1000", () => {}).text).toBe("0000000000001000: 0x00000297"); // M mode: bare
  let reset = false;
  monitorCommand(board, "system_reset", () => {
    reset = true;
    board = make();
  });
  expect(reset).toBe(true);
  expect(board.machine.cpu.pc).toBe(0x1000n);
  expect(monitorCommand(board, "quit", () => {}).quit).toBe(true);
  expect(monitorCommand(board, "frobnicate", () => {}).text).toContain("unknown command");
});

test("monitor: savevm, info snapshots, loadvm, delvm; -loadvm and -snapshot-dir on the command line", { timeout: 300_000 }, () => {
  const bios = opensbiFirmware("fw_dynamic", "bin");
  expect(bios, "run 'bash tools/debian/fetch.sh system'").toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), "tciemu-snap-"));
  try {
    const snaps = new SnapshotDir(dir);
    let out = "";
    const board = new VirtBoard({
      ramBytes: 128 << 20,
      bios: new Uint8Array(readFileSync(bios!)),
      serialOut: (b) => (out += new TextDecoder().decode(b)),
      icountShift: 0,
    });
    board.machine.run(3_000_000);
    expect(monitorCommand(board, "info snapshots", () => {}, snaps).text).toBe("There is no snapshot available.");
    expect(monitorCommand(board, "savevm boot3m", () => {}, snaps).text).toBeUndefined();
    const pcAt3m = board.machine.cpu.pc;
    const list = monitorCommand(board, "info snapshots", () => {}, snaps).text!;
    expect(list).toMatch(/^1 +boot3m +[\d.]+ MiB \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  3000000$/m);
    board.machine.run(2_000_000);
    expect(monitorCommand(board, "loadvm boot3m", () => {}, snaps).text).toBeUndefined();
    expect(board.machine.insns).toBe(3_000_000);
    expect(board.machine.cpu.pc).toBe(pcAt3m);
    expect(monitorCommand(board, "loadvm nosuch", () => {}, snaps).text).toBe("Error: Snapshot 'nosuch' does not exist");
    expect(monitorCommand(board, "savevm ../escape", () => {}, snaps).text).toBe("Error: bad snapshot name '../escape'");

    // The command line: -loadvm resumes it; a damaged file is refused with the reason.
    const cli = join(repoRoot(), "src/cli/system-riscv64.ts");
    const tsx = join(repoRoot(), "node_modules/tsx/dist/esm/index.mjs");
    const args = ["--import", tsx, cli, "-bios", bios!, "-m", "128M", "-nographic", "-icount", "shift=0", "-snapshot-dir", dir];
    const ok = spawnSync(process.execPath, [...args, "-loadvm", "boot3m", "-monitor", "stdio"], {
      input: "info snapshots\nquit\n",
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(ok.stdout).toContain("boot3m");
    expect(ok.status).toBe(0);
    const file = join(dir, "boot3m.tciemu-vm");
    const bytes = readFileSync(file);
    writeFileSync(join(dir, "cut.tciemu-vm"), bytes.subarray(0, bytes.length - 100));
    const bad = spawnSync(process.execPath, [...args, "-loadvm", "cut"], { encoding: "utf8", timeout: 120_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/-loadvm: snapshot is truncated/);
    expect(monitorCommand(board, "delvm boot3m", () => {}, snaps).text).toBeUndefined();
    expect(snaps.list()).toEqual(["cut"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
