// The bytecode disassembler (QEMU's print_insn_tci): one line per instruction with its code-cache
// offset, mnemonic and operands, decoded with the operand layouts of spec/tci/bytecode.def.
import { BC_NAMES, BC_OPERANDS, BC_WORDS } from "./opcodes.ts";
import { OP_MASK, operandsAt } from "./format.ts";
import { TLB_SIZE_BITS } from "./state.ts";

/** Formats one instruction at `pc`; returns the text and the instruction length in words. */
export function disasBytecode(
  code: Int32Array,
  pc: number,
  slotName: (slot: number) => string = (s) => `r${s}`,
): { text: string; len: number } {
  const op = code[pc] & OP_MASK;
  const letters = BC_OPERANDS[op];
  if (letters === undefined) return { text: `.word 0x${(code[pc] >>> 0).toString(16)}`, len: 1 };
  const parts: string[] = [];
  const values = operandsAt(code, pc);
  for (let i = 0; i < letters.length; i++) {
    const v = values[i];
    switch (letters[i]) {
      case "d":
      case "s":
        parts.push(slotName(v));
        break;
      case "i":
        parts.push(v >= -4096 && v <= 4096 ? String(v) : `0x${(v >>> 0).toString(16)}`);
        break;
      case "t":
        parts.push(`@${v}`);
        break;
      case "m":
        parts.push(`mmu${v >> TLB_SIZE_BITS}`);
        break;
      case "o":
        parts.push(`mo=0x${v.toString(16)}`);
        break;
      case "h":
        parts.push(`helper#${v}`);
        break;
      case "j":
        parts.push(`tb${v >> 1}.slot${v & 1}`);
        break;
      case "x":
        parts.push(`tb${v}`);
        break;
      default:
        parts.push(String(v));
    }
  }
  return { text: `${BC_NAMES[op]} ${parts.join(", ")}`, len: BC_WORDS[op] };
}

/** Disassembles code[start, end) into lines "  offset: words | instruction". */
export function disasRange(code: Int32Array, start: number, end: number, slotName?: (slot: number) => string): string[] {
  const lines: string[] = [];
  for (let pc = start; pc < end;) {
    const { text, len } = disasBytecode(code, pc, slotName);
    const words = Array.from(code.subarray(pc, pc + len), (w) => (w >>> 0).toString(16).padStart(8, "0")).join(" ");
    lines.push(`  ${String(pc).padStart(8, "0")}:  ${text.padEnd(48)} | ${words}`);
    pc += len;
  }
  return lines;
}
