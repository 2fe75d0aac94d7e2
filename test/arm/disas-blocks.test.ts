/**
 * Whole translation blocks: testdata/arm/disas/blocks.elf (A32, VFP, Thumb
 * with IT blocks) under qemu-arm `-d in_asm` without -one-insn-per-tb, so
 * that each logged block holds many instructions and capstone's IT state
 * runs across them; disasArmBlock over the same bytes must print the same
 * lines.  Fails (does not skip) when qemu-arm is missing.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { disasArmBlock, formatDisasLine } from "../../src/target/arm/disas.ts";
import { logBlocks, QEMU_CPU, qemuArm } from "./qemu-in-asm.ts";

const ELF = resolve(import.meta.dirname, "../../testdata/arm/disas/blocks.elf");

/** A reader of the ELF's loaded bytes by virtual address (ELF32 little-endian PT_LOAD segments). */
function loadedBytes(path: string): (addr: number) => number {
  const f = readFileSync(path);
  const phoff = f.readUInt32LE(28);
  const phentsize = f.readUInt16LE(42);
  const phnum = f.readUInt16LE(44);
  const segs: { vaddr: number; off: number; size: number }[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (f.readUInt32LE(p) === 1) segs.push({ off: f.readUInt32LE(p + 4), vaddr: f.readUInt32LE(p + 8), size: f.readUInt32LE(p + 16) });
  }
  return (addr) => {
    const s = segs.find((x) => addr >= x.vaddr && addr < x.vaddr + x.size);
    if (!s) throw new Error(`address 0x${addr.toString(16)} is not loaded`);
    return f[s.off + addr - s.vaddr]!;
  };
}

test("multi-instruction blocks with IT state match qemu-arm -d in_asm", () => {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-arm-blocks-"));
  try {
    const log = join(dir, "in_asm.log");
    execFileSync(qemuArm(), ["-cpu", QEMU_CPU, "-d", "in_asm", "-D", log, ELF], { stdio: ["ignore", "ignore", "pipe"] });
    const read = loadedBytes(ELF);
    const blocks = logBlocks(readFileSync(log, "utf8"));
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const lines of blocks) {
      const pc = parseInt(lines[0]!.slice(2, 10), 16);
      // Thumb lines show 4-digit halfwords; the block's size is the sum of the units shown.
      const units = lines.map((l) => l.slice(12, 22).trim().split(/\s+/));
      const thumb = units[0]![0]!.length === 4;
      const size = units.reduce((n, u) => n + u.length * (thumb ? 2 : 4), 0);
      const ours = disasArmBlock(read, pc, size, thumb).map((l) => formatDisasLine(l, thumb));
      expect(ours.join("\n")).toBe(lines.join("\n"));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
