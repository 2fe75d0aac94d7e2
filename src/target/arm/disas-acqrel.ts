/**
 * The ARMv8 load-acquire / store-release instructions (LDA, STL, LDAEX,
 * STLEX and their byte, halfword and doubleword forms).  cortex-a15 lacks
 * them, so spec/arm has no patterns for them and QEMU raises UNDEFINED; but
 * capstone 5 decodes them, and QEMU's in_asm log shows capstone's text, so
 * the disassembler spells them when no pattern matched.  Encodings as in the
 * Arm ARM (and QEMU's a32.decode/t32.decode), with their should-be-one bits.
 */
import { COND, type InsnText, r } from "./disas-format.ts";

const SIZES = ["", "d", "b", "h"];

/** A32 (bits 27:20 = 0001 1xxx, bits 7:4 = 1001); null when not one of them. */
export function a32AcquireRelease(insn: number): InsnText | null {
  if ((insn & 0x0f8000f0) !== 0x01800090 || ((insn >>> 10) & 3) !== 3) return null;
  const cond = COND[insn >>> 28]!;
  const size = SIZES[(insn >>> 21) & 3]!;
  const load = (insn >>> 20) & 1;
  const rn = r((insn >>> 16) & 15);
  const op = (insn >>> 8) & 3; // 00 = LDA/STL, 10 = exclusive (11 is LDREX/STREX, 01 reserved)
  if (load) {
    if ((insn & 15) !== 15) return null;
    const rt = (insn >>> 12) & 15;
    if (op === 0 && size !== "d") return { mnemonic: `lda${size}${cond}`, operands: `${r(rt)}, [${rn}]` };
    if (op === 2) {
      // Doubleword: LLVM's GPRPair operand, the even/odd pair holding Rt.
      const regs = size === "d" ? `${r(rt & ~1)}, ${r(rt | 1)}` : r(rt);
      if (size === "d" && rt > 13) return null;
      return { mnemonic: `ldaex${size}${cond}`, operands: `${regs}, [${rn}]` };
    }
    return null;
  }
  const rt = insn & 15;
  if (op === 0 && ((insn >>> 12) & 15) === 15 && size !== "d") return { mnemonic: `stl${size}${cond}`, operands: `${r(rt)}, [${rn}]` };
  if (op === 2) {
    const rd = r((insn >>> 12) & 15);
    if (size === "d" && rt > 13) return null;
    const regs = size === "d" ? `${r(rt & ~1)}, ${r(rt | 1)}` : r(rt);
    return { mnemonic: `stlex${size}${cond}`, operands: `${rd}, ${regs}, [${rn}]` };
  }
  return null;
}

/** T32 (first halfword 1110 1000 110x); `cond` is the IT block's suffix. */
export function t32AcquireRelease(insn: number, cond: string): InsnText | null {
  if (insn >>> 21 !== 0x746 || ((insn >>> 8) & 15) !== 15) return null;
  const load = (insn >>> 20) & 1;
  const rn = r((insn >>> 16) & 15);
  const rt = r((insn >>> 12) & 15);
  const op = (insn >>> 4) & 15;
  const sz = ["b", "h", "", "d"][op & 3]!;
  if (op >= 8 && op <= 0xa && sz !== "d") {
    // LDA/STL: bits 3:0 must be 1111
    if ((insn & 15) !== 15) return null;
    return { mnemonic: `${load ? "lda" : "stl"}${sz}${cond}`, operands: `${rt}, [${rn}]` };
  }
  if (op >= 0xc) {
    if (load) {
      if ((insn & 15) !== 15) return null;
      // LDAEXD uses bits 11:8 as Rt2, but this form has them 1111 (checked above): only the single forms here.
      if (sz === "d") return null;
      return { mnemonic: `ldaex${sz}${cond}`, operands: `${rt}, [${rn}]` };
    }
    if (sz === "d") return null;
    return { mnemonic: `stlex${sz}${cond}`, operands: `${r(insn & 15)}, ${rt}, [${rn}]` };
  }
  return null;
}
