// The instruction layout of the bytecode: where each operand of an opcode lives (spec/tci/README.md).
//
// Word 0 holds the opcode in its low OP_BITS bits. An operand marked `^x` in bytecode.def lives in the
// opcode word's high bits (signed), an operand pair `(xy)` shares one word (16 bits each, x low), and
// every other operand has a word of its own. The interpreter decodes the layouts by hand; everything
// else (the encoder, the op stepper, the disassembler, tools and tests) goes through this module.
import { BC_LAYOUT, BC_NAMES, BC_OPERANDS, BC_WORDS } from "./opcodes.ts";

export const OP_BITS = 10;
export const OP_MASK = (1 << OP_BITS) - 1;
/** Range of a `^x` field: a signed (32 - OP_BITS)-bit value. */
export const HIGH_FIELD_MIN = -(1 << (31 - OP_BITS));
export const HIGH_FIELD_MAX = (1 << (31 - OP_BITS)) - 1;
/** Range of a field of a `(xy)` pair. */
export const PAIR_FIELD_MAX = 0xffff;

const enum Place {
  Word = 0,
  High = 1,
  PairLo = 2,
  PairHi = 3,
}

/** Per opcode and operand: the word offset (from the opcode word) and the place within it. */
const OFFSET: Int8Array[] = [];
const PLACE: Int8Array[] = [];
for (let op = 0; op < BC_LAYOUT.length; op++) {
  const layout = BC_LAYOUT[op];
  const n = BC_OPERANDS[op].length;
  const off = new Int8Array(n),
    place = new Int8Array(n);
  let word = 1,
    k = 0;
  for (let i = 0; i < layout.length;) {
    if (layout[i] === "^") {
      off[k] = 0;
      place[k++] = Place.High;
      i += 2;
    } else if (layout[i] === "(") {
      off[k] = word;
      place[k++] = Place.PairLo;
      off[k] = word;
      place[k++] = Place.PairHi;
      word++;
      i += 4;
    } else {
      off[k] = word++;
      place[k++] = Place.Word;
      i++;
    }
  }
  OFFSET.push(off);
  PLACE.push(place);
}

/** The opcode of the instruction at pc. */
export function opcodeAt(code: Int32Array, pc: number): number {
  return code[pc] & OP_MASK;
}

/** Length in words of the instruction at pc, or 0 if the word there is not an opcode. */
export function insnWordsAt(code: Int32Array, pc: number): number {
  return BC_WORDS[code[pc] & OP_MASK] ?? 0;
}

/** Operand `i` (in BC_OPERANDS order) of the instruction at pc. */
export function operandAt(code: Int32Array, pc: number, i: number): number {
  const op = code[pc] & OP_MASK;
  const w = code[pc + OFFSET[op][i]];
  switch (PLACE[op][i]) {
    case Place.High:
      return w >> OP_BITS;
    case Place.PairLo:
      return w & 0xffff;
    case Place.PairHi:
      return w >>> 16;
    default:
      return w;
  }
}

/** All operands of the instruction at pc, in BC_OPERANDS order. */
export function operandsAt(code: Int32Array, pc: number): number[] {
  const n = BC_OPERANDS[code[pc] & OP_MASK].length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = operandAt(code, pc, i);
  return out;
}

/**
 * Writes one instruction at code[pos]; returns the position after it. Throws a RangeError when an
 * operand does not fit its packed field (the caller keeps slot indices and jump slots in range).
 */
export function writeInsn(code: Int32Array, pos: number, op: number, operands: ArrayLike<number>): number {
  const off = OFFSET[op],
    place = PLACE[op];
  if (off === undefined) throw new RangeError(`bytecode: no opcode ${op}`);
  if (operands.length !== off.length)
    throw new RangeError(`bytecode: ${BC_NAMES[op]} takes ${off.length} operands, got ${operands.length}`);
  const words = BC_WORDS[op];
  code[pos] = op;
  for (let k = 1; k < words; k++) code[pos + k] = 0;
  for (let i = 0; i < off.length; i++) {
    const v = operands[i];
    const at = pos + off[i];
    switch (place[i]) {
      case Place.High:
        if (v < HIGH_FIELD_MIN || v > HIGH_FIELD_MAX) throw new RangeError(`bytecode: ${BC_NAMES[op]} operand ${v} out of range`);
        code[at] |= v << OP_BITS;
        break;
      case Place.PairLo:
      case Place.PairHi:
        if (v < 0 || v > PAIR_FIELD_MAX) throw new RangeError(`bytecode: ${BC_NAMES[op]} operand ${v} out of range`);
        code[at] |= place[i] === Place.PairLo ? v : v << 16;
        break;
      default:
        code[at] = v;
    }
  }
  return pos + words;
}
