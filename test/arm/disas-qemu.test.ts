/**
 * src/target/arm/disas.ts against Debian trixie's qemu-arm 10 itself: every
 * pattern of spec/arm (A32, A32 unconditional, VFP in both states, T32,
 * T16) with random operands, plus undefined encodings, run through
 * testdata/arm/disas/driver.elf under `qemu-arm -cpu cortex-a15,neon=off,
 * vfp-d32=off -one-insn-per-tb -d in_asm`; the lines qemu-arm logs for each
 * instruction's block must equal ours, character for character.  Fails
 * (does not skip) when qemu-arm is missing.
 */
import { describe, expect, test } from "vitest";
import { disasArmBlock, formatDisasLine } from "../../src/target/arm/disas.ts";
import { Mode, patternWords, type TestWord, undefinedWords } from "./disas-words.ts";
import { qemuInAsm, slotAddress, slotBytes } from "./qemu-in-asm.ts";

const SEED = 20261206;
const PER_PATTERN = 24;

function ours(w: TestWord, i: number): string[] {
  const bytes = slotBytes(w);
  const thumb = w.mode !== Mode.A32;
  const base = slotAddress(w, i);
  return disasArmBlock((a) => bytes[a - base] ?? 0, base, bytes.length, thumb).map((l) => formatDisasLine(l, thumb));
}

function compare(words: TestWord[]): void {
  const theirs = qemuInAsm(words);
  const missing = words.flatMap((w, i) => (theirs[i] ? [] : [`${w.origin} ${w.word.toString(16)}`]));
  expect(missing.slice(0, 20).join(", "), `${missing.length} words left no block in qemu-arm's log`).toBe("");
  const bad: string[] = [];
  words.forEach((w, i) => {
    const mine = ours(w, i).join("\n");
    const ref = theirs[i]!.join("\n");
    if (mine !== ref)
      bad.push(
        `${w.origin} ${w.word.toString(16).padStart(8, "0")}:\n  qemu: ${ref.replaceAll("\n", "\n        ")}\n  ours: ${mine.replaceAll("\n", "\n        ")}`,
      );
  });
  expect(bad.slice(0, 40).join("\n"), `${bad.length} of ${words.length} words differ`).toBe("");
}

describe("ARM disassembly matches qemu-arm -d in_asm", () => {
  test(`every pattern, ${PER_PATTERN} words each (seed ${SEED})`, () => {
    compare(patternWords(PER_PATTERN, SEED));
  }, 600_000);

  test("undefined encodings", () => {
    compare(undefinedWords());
  }, 120_000);
});
