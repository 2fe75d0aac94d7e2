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
import { coprocText } from "./disas-coproc.ts";
import { A32Disassembler } from "./disas-a32.ts";
import { COND, type InsnText } from "./disas-format.ts";
import { ThumbDisassembler } from "./disas-thumb.ts";
import { VfpDisassembler, vdupText } from "./disas-vfp.ts";

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

/**
 * A32 words whose "should be" bits are off, which QEMU's patterns reject but
 * LLVM only flags as SoftFail (and so capstone prints): the word with those
 * bits set right decodes to the same text.  [mask, value, bits to clear,
 * bits to set].
 */
const A32_SHOULD_BE: readonly (readonly [number, number, number, number])[] = [
  [0x0d900000, 0x01100000, 0x0000f000, 0], // TST/TEQ/CMP/CMN: Rd field
  [0x0fe00000, 0x01e00000, 0x000f0000, 0], // MVN (register forms): Rn field
  [0x0fe000f0, 0x00000090, 0x0000f000, 0], // MUL: Ra field
  [0x0f9000f0, 0x01000050, 0x00000f00, 0], // QADD/QSUB/QDADD/QDSUB
  [0x0ff00090, 0x01600080, 0x0000f000, 0], // SMULxy: Ra field
  [0x0ff000b0, 0x012000a0, 0x0000f000, 0], // SMULWx: Ra field
  [0x0f800010, 0x06000010, 0, 0x00000f00], // parallel add/subtract: bits 11:8 one
  [0x0fb000f0, 0x01000090, 0x00000f00, 0], // SWP/SWPB
  [0x0ff002f0, 0x01400000, 0x00000f0f, 0x000f0000], // MRS Rd, SPSR: bits 19:16 one, 11:8 and 3:0 zero
  [0x0f8000f0, 0x06800070, 0x00000300, 0], // SXTAB & co: bits 9:8 zero
  [0x0ff000f0, 0x068000b0, 0, 0x00000f00], // SEL: bits 11:8 one
  [0x0ff00f90, 0x0ee00a10, 0x0000006f, 0], // VMSR: bits 6:5 and 3:0 zero (capstone rejects bit 7, and such VMRS)
];

/** The text of one A32 word at `pc`, or null where capstone does not decode it. */
export function disasArmWord(insn: number, pc: number): InsnText | null {
  insn >>>= 0;
  const t = disasArmWordStrict(insn, pc);
  if (t !== undefined) return t;
  for (const [mask, value, clear, set] of A32_SHOULD_BE) {
    if ((insn & mask) >>> 0 !== value) continue;
    const fixed = ((insn & ~clear) | set) >>> 0;
    if (fixed === insn) continue;
    const t2 = disasArmWordStrict(fixed, pc);
    if (t2) return t2;
  }
  const unprivilegedStore = ((insn >>> 21) & 0x9) === 1 && !(insn & 0x00100000);
  if ((insn & 0x0e400090) >>> 0 === 0x00000090 && insn & 0x60 && insn & 0xf00 && !unprivilegedStore) {
    // extra load/store, register offset: bits 11:8 should be zero (capstone rejects STRHT with them set)
    const t3 = disasArmWordStrict((insn & ~0xf00) >>> 0, pc);
    if (t3) return t3;
  }
  return null;
}

/** undefined when no pattern (or fallback) takes the word; null when capstone rejects it. */
function disasArmWordStrict(insn: number, pc: number): InsnText | null | undefined {
  if (insn >>> 28 === 15) {
    a32.insn = insn;
    a32.pc = pc;
    a32.text = null;
    if (disasA32Uncond(a32, insn)) return a32.text;
    return coprocText(insn, "", true) ?? undefined;
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
  return a32AcquireRelease(insn) ?? vdupText(insn, COND[insn >>> 28]!) ?? coprocText(insn, COND[insn >>> 28]!, false) ?? undefined;
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
