/**
 * Field transforms named by `!function=` in spec/riscv/insn32.decode and
 * spec/riscv/insn16.decode; the generated decoder (decode-generated.ts)
 * applies them to the raw field value.  Values are JS int32 numbers.
 */

/** Branch and jump offsets count halfwords. */
export function ex_shift_1(imm: number): number {
  return imm << 1;
}

/** RVC word-sized load/store offsets count words. */
export function ex_shift_2(imm: number): number {
  return imm << 2;
}

/** RVC doubleword-sized load/store offsets count doublewords. */
export function ex_shift_3(imm: number): number {
  return imm << 3;
}

/** c.addi16sp adjusts sp in 16-byte units. */
export function ex_shift_4(imm: number): number {
  return imm << 4;
}

/**
 * lui/auipc immediates are the upper 20 bits of a 32-bit value; the int32
 * result is already sign-extended the way RV64 wants it.
 */
export function ex_shift_12(imm: number): number {
  return imm << 12;
}

/** RVC 3-bit register fields (rd', rs1', rs2') name x8..x15 (or f8..f15). */
export function ex_rvc_register(reg: number): number {
  return reg + 8;
}
