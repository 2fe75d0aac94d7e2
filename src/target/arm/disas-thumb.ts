/**
 * Thumb (T32 and T16) disassembly text in capstone 5's spelling, with the
 * IT-block state capstone keeps while it walks a block.
 */
import type { InsnText } from "./disas-format.ts";

export class ThumbDisassembler {
  resetIt(): void {}
  skipped(): void {}
  disas32(_insn: number, _pc: number): InsnText | null {
    return null;
  }
  disas16(_insn: number, _pc: number): InsnText | null {
    return null;
  }
}
