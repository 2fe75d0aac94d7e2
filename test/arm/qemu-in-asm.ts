/**
 * Runs instruction words under Debian trixie's qemu-arm (the reference) with
 * `-one-insn-per-tb -d in_asm`, through testdata/arm/disas/driver.elf, and
 * returns for each word the lines qemu-arm logged for the block at the code
 * slot, in order.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { trixieQemuUser } from "../../tools/debian/paths.ts";
import { Mode, type TestWord } from "./disas-words.ts";

const ROOT = resolve(import.meta.dirname, "../..");
export const DRIVER = join(ROOT, "testdata/arm/disas/driver.elf");
/** The CPU model tciemu's ARM guest will be (and the oracle runs with). */
export const QEMU_CPU = "cortex-a15,neon=off,vfp-d32=off";
/** The driver's code slots: word i at base + ((i + 1) % 64) * 4096. */
export const SLOT_ARM = 0x60000000;
export const SLOT_THUMB = 0x60080000;

/** qemu-arm from the cache, or an error that says how to get it. */
export function qemuArm(): string {
  const q = trixieQemuUser("arm");
  if (!q) throw new Error("Debian trixie's qemu-arm is missing: run 'bash tools/debian/fetch.sh qemu'");
  return q;
}

/** Where the driver runs word `i` (see testdata/arm/disas/driver.S: its counter starts at 1). */
export function slotAddress(w: TestWord, i: number): number {
  return (w.mode === Mode.A32 ? SLOT_ARM : SLOT_THUMB) + ((i + 1) & 63) * 4096;
}

/**
 * The in_asm lines (without the trailing newline) qemu-arm printed for each
 * word's block at its slot, in order; null for a word that got no block.
 */
export function qemuInAsm(words: TestWord[]): (string[] | null)[] {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-arm-disas-"));
  try {
    const buf = Buffer.alloc(words.length * 8);
    words.forEach((w, i) => {
      buf.writeUInt32LE(w.mode, i * 8);
      buf.writeUInt32LE(w.word >>> 0, i * 8 + 4);
    });
    const input = join(dir, "words.bin");
    const log = join(dir, "in_asm.log");
    writeFileSync(input, buf);
    execFileSync(qemuArm(), ["-cpu", QEMU_CPU, "-one-insn-per-tb", "-d", "in_asm", "-D", log, DRIVER, input], {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 600_000,
    });
    return matchBlocks(words, readFileSync(log, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Splits an in_asm log into blocks (their lines starting with an address). */
export function logBlocks(log: string): string[][] {
  return log
    .split("----------------\n")
    .map((b) => b.split("\n").filter((l) => l.startsWith("0x")))
    .filter((b) => b.length > 0);
}

/**
 * Walks the log's blocks in order and gives each word the first block at
 * its slot address after the previous word's block (blocks elsewhere, such
 * as the return path or code a branch reached, are skipped).
 */
function matchBlocks(words: TestWord[], log: string): (string[] | null)[] {
  const blocks = logBlocks(log).map((lines) => ({ addr: parseInt(lines[0]!.slice(2, 10), 16), lines }));
  const out: (string[] | null)[] = [];
  let k = 0;
  words.forEach((w, i) => {
    const want = slotAddress(w, i);
    let found: string[] | null = null;
    for (let j = k; j < blocks.length; j++) {
      if (blocks[j]!.addr === want) {
        found = blocks[j]!.lines;
        k = j + 1;
        break;
      }
    }
    out.push(found);
  });
  return out;
}

/** The bytes the driver writes into the slot for a word, and the size of QEMU's block for it. */
export function slotBytes(w: TestWord): number[] {
  const x = w.word >>> 0;
  if (w.mode === Mode.A32) return [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24];
  if (w.mode === Mode.T16) return [x & 0xff, (x >>> 8) & 0xff];
  return [(x >>> 16) & 0xff, x >>> 24, x & 0xff, (x >>> 8) & 0xff];
}
