// The system emulator's monitor (Ctrl-A c / -monitor stdio): the QEMU HMP commands tciemu offers,
// on a board running Debian's OpenSBI.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { opensbiFirmware } from "../../tools/debian/paths.ts";
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
