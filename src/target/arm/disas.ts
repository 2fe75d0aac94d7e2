/**
 * ARM (A32 and Thumb) disassembler producing the text QEMU 10 logs for
 * `-d in_asm` on an ARM guest.  QEMU disassembles with capstone 5
 * (disas/capstone.c: CS_ARCH_ARM, CS_MODE_ARM or CS_MODE_THUMB, SKIPDATA
 * on, a fresh handle per block); this module reproduces capstone's text for
 * the instructions the cortex-a15 guest decodes, and capstone's `.byte`
 * lines where capstone does not decode a word.
 *
 * Instructions are identified by the generated decoders (decode-a32.ts,
 * decode-vfp.ts, decode-t32.ts, decode-t16.ts) in the order QEMU's
 * translator tries them, and spelled by disas-a32.ts, disas-vfp.ts and
 * disas-thumb.ts.
 */
import { disasA32, disasA32Uncond } from "./decode-a32.ts";
import { disasVfp } from "./decode-vfp.ts";
import { a32AcquireRelease } from "./disas-acqrel.ts";
import { A32Disassembler } from "./disas-a32.ts";
import { COND, type InsnText } from "./disas-format.ts";
import { ThumbDisassembler } from "./disas-thumb.ts";
import { VfpDisassembler } from "./disas-vfp.ts";

export type { InsnText } from "./disas-format.ts";

/** One disassembled instruction (or skipped data) of a block. */
export interface DisasLine {
  address: number;
  /** The instruction's bytes as capstone groups them: one 32-bit word (ARM) or 16-bit halfwords (Thumb). */
  units: number[];
  mnemonic: string;
  operands: string;
}

const a32 = new A32Disassembler();
const vfp = new VfpDisassembler();
const thumb = new ThumbDisassembler();

/** capstone's SKIPDATA text for unknown bytes: `.byte 0x01, 0xf9, ...` in memory order. */
function skipData(bytes: number[]): InsnText {
  return { mnemonic: ".byte", operands: bytes.map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(", ") };
}

/** The text of one A32 word at `pc`, or null where capstone does not decode it. */
export function disasArmWord(insn: number, pc: number): InsnText | null {
  insn >>>= 0;
  if (insn >>> 28 === 15) {
    a32.insn = insn;
    a32.pc = pc;
    a32.text = null;
    return disasA32Uncond(a32, insn) ? a32.text : null;
  }
  // QEMU's order (disas_arm_insn): the A32 decoder, then VFP.
  a32.insn = insn;
  a32.pc = pc;
  a32.text = null;
  if (disasA32(a32, insn)) return a32.text;
  vfp.insn = insn;
  vfp.cond = COND[insn >>> 28]!;
  vfp.text = null;
  if (disasVfp(vfp, insn)) return vfp.text;
  return a32AcquireRelease(insn);
}

/**
 * Disassembles `size` bytes at `pc` the way QEMU's cap_disas_target walks a
 * translation block: instruction by instruction, with skipped data where
 * capstone fails (4 bytes in ARM state, 2 in Thumb state) and the IT state
 * carried from one Thumb instruction to the next.
 */
export function disasArmBlock(read: (addr: number) => number, pc: number, size: number, isThumb: boolean): DisasLine[] {
  const out: DisasLine[] = [];
  const end = pc + size;
  const byte = (a: number) => read(a) & 0xff;
  if (!isThumb) {
    for (let a = pc; a + 4 <= end; a += 4) {
      const bytes = [byte(a), byte(a + 1), byte(a + 2), byte(a + 3)];
      const w = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
      const t = disasArmWord(w, a) ?? skipData(bytes);
      out.push({ address: a, units: [w], ...t });
    }
    return out;
  }
  thumb.resetIt();
  for (let a = pc; a + 2 <= end;) {
    const hw1 = byte(a) | (byte(a + 1) << 8);
    const wide = hw1 >= 0xe800;
    if (wide && a + 4 <= end) {
      const hw2 = byte(a + 2) | (byte(a + 3) << 8);
      const t = thumb.disas32(((hw1 << 16) | hw2) >>> 0, a);
      if (t) {
        out.push({ address: a, units: [hw1, hw2], ...t });
        a += 4;
        continue;
      }
    } else if (!wide) {
      const t = thumb.disas16(hw1, a);
      if (t) {
        out.push({ address: a, units: [hw1], ...t });
        a += 2;
        continue;
      }
    }
    out.push({ address: a, units: [hw1], ...skipData([byte(a), byte(a + 1)]) });
    thumb.skipped();
    a += 2;
  }
  return out;
}

/**
 * QEMU's cap_dump_insn layout for one line: address, the instruction units
 * padded to 4 bytes' width, then the mnemonic padded to 8 and the operands.
 */
export function formatDisasLine(l: DisasLine, isThumb: boolean): string {
  const hex = (v: number, digits: number) => v.toString(16).padStart(digits, "0");
  const digits = isThumb ? 4 : 8;
  let s = `0x${hex(l.address, 8)}: `;
  for (const u of l.units) s += ` ${hex(u, digits)}`;
  const bytes = l.units.length * (isThumb ? 2 : 4);
  if (bytes < 4) s += " ".repeat(((4 - bytes) / (isThumb ? 2 : 4)) * (isThumb ? 5 : 9));
  return `${s}  ${l.mnemonic.padEnd(8)} ${l.operands}`;
}
