// XZ's branch/call/jump (BCJ) filters and the delta filter, decode direction, applied in place to
// a whole block's output after LZMA2 (the filters are sequential over the data, so one pass over
// the block is what liblzma's streaming filters compute chunk by chunk). They follow the XZ file
// format specification and liblzma's simple/ and delta/ coders:
//   0x03 delta        byte-wise: out[i] += out[i - distance]
//   0x04 x86          E8/E9 rel32 calls and jumps
//   0x05 PowerPC      big-endian `bl` (opcode 18 with AA=0, LK=1)
//   0x06 IA-64        br.call in 128-bit bundles
//   0x07 ARM          A32 BL (cond AL, bytes xx xx xx EB)
//   0x08 ARM-Thumb    T32 BL pairs (F000 F800)
//   0x09 SPARC        call
//   0x0A ARM64        BL and ADRP
// Positions are relative to the block start plus the filter's start offset. Bytes at the end of a
// block that are too few for an instruction stay as they are.
import { XzError } from "./xz-error.ts";

export const FILTER_DELTA = 0x03;
export const FILTER_X86 = 0x04;
export const FILTER_POWERPC = 0x05;
export const FILTER_IA64 = 0x06;
export const FILTER_ARM = 0x07;
export const FILTER_ARMTHUMB = 0x08;
export const FILTER_SPARC = 0x09;
export const FILTER_ARM64 = 0x0a;
export const FILTER_LZMA2 = 0x21;

/** Undoes one filter over buf[start, end). `arg` is the delta distance or the BCJ start offset. */
export function unfilter(id: number, arg: number, buf: Uint8Array, start: number, end: number): void {
  switch (id) {
    case FILTER_DELTA:
      return undoDelta(arg, buf, start, end);
    case FILTER_X86:
      return undoX86(arg, buf, start, end);
    case FILTER_POWERPC:
      return undoPowerPc(arg, buf, start, end);
    case FILTER_IA64:
      return undoIa64(arg, buf, start, end);
    case FILTER_ARM:
      return undoArm(arg, buf, start, end);
    case FILTER_ARMTHUMB:
      return undoArmThumb(arg, buf, start, end);
    case FILTER_SPARC:
      return undoSparc(arg, buf, start, end);
    case FILTER_ARM64:
      return undoArm64(arg, buf, start, end);
    default:
      throw new XzError(`unsupported filter 0x${id.toString(16)}`);
  }
}

function undoDelta(distance: number, buf: Uint8Array, start: number, end: number): void {
  // The history before the block is zeros.
  for (let i = start + distance; i < end; i++) buf[i] = buf[i] + buf[i - distance];
}

function undoArm(startOffset: number, buf: Uint8Array, start: number, end: number): void {
  for (let i = start; i + 4 <= end; i += 4) {
    if (buf[i + 3] !== 0xeb) continue;
    const src = ((buf[i + 2] << 16) | (buf[i + 1] << 8) | buf[i]) << 2;
    const dest = (src - (startOffset + (i - start) + 8)) >>> 2;
    buf[i + 2] = dest >>> 16;
    buf[i + 1] = dest >>> 8;
    buf[i] = dest;
  }
}

function undoArmThumb(startOffset: number, buf: Uint8Array, start: number, end: number): void {
  for (let i = start; i + 4 <= end; i += 2) {
    if ((buf[i + 1] & 0xf8) !== 0xf0 || (buf[i + 3] & 0xf8) !== 0xf8) continue;
    const src = (((buf[i + 1] & 7) << 19) | (buf[i] << 11) | ((buf[i + 3] & 7) << 8) | buf[i + 2]) << 1;
    const dest = (src - (startOffset + (i - start) + 4)) >>> 1;
    buf[i + 1] = 0xf0 | ((dest >>> 19) & 7);
    buf[i] = dest >>> 11;
    buf[i + 3] = 0xf8 | ((dest >>> 8) & 7);
    buf[i + 2] = dest;
    i += 2;
  }
}

function undoPowerPc(startOffset: number, buf: Uint8Array, start: number, end: number): void {
  for (let i = start; i + 4 <= end; i += 4) {
    if (buf[i] >>> 2 !== 0x12 || (buf[i + 3] & 3) !== 1) continue;
    const src = ((buf[i] & 3) << 24) | (buf[i + 1] << 16) | (buf[i + 2] << 8) | (buf[i + 3] & ~3);
    const dest = src - (startOffset + (i - start));
    buf[i] = 0x48 | ((dest >>> 24) & 3);
    buf[i + 1] = dest >>> 16;
    buf[i + 2] = dest >>> 8;
    buf[i + 3] = (buf[i + 3] & 3) | (dest & 0xff);
  }
}

function undoSparc(startOffset: number, buf: Uint8Array, start: number, end: number): void {
  for (let i = start; i + 4 <= end; i += 4) {
    if (!((buf[i] === 0x40 && (buf[i + 1] & 0xc0) === 0) || (buf[i] === 0x7f && (buf[i + 1] & 0xc0) === 0xc0))) continue;
    const src = ((buf[i] << 24) | (buf[i + 1] << 16) | (buf[i + 2] << 8) | buf[i + 3]) << 2;
    let dest = (src - (startOffset + (i - start))) >>> 2;
    dest = (((0 - ((dest >>> 22) & 1)) << 22) & 0x3fffffff) | (dest & 0x3fffff) | 0x40000000;
    buf[i] = dest >>> 24;
    buf[i + 1] = dest >>> 16;
    buf[i + 2] = dest >>> 8;
    buf[i + 3] = dest;
  }
}

function undoArm64(startOffset: number, buf: Uint8Array, start: number, end: number): void {
  for (let i = start; i + 4 <= end; i += 4) {
    let insn = (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)) >>> 0;
    const pc = (startOffset + (i - start)) >>> 0;
    if (insn >>> 26 === 0x25) {
      // BL: a 26-bit word offset
      insn = (0x94000000 | ((insn - (pc >>> 2)) & 0x03ffffff)) >>> 0;
    } else if ((insn & 0x9f000000) >>> 0 === 0x90000000) {
      // ADRP: only small page offsets (±512 MiB) are converted
      const src = ((insn >>> 29) & 3) | ((insn >>> 3) & 0x001ffffc);
      if ((src + 0x00020000) & 0x001c0000) continue;
      const dest = (src - (pc >>> 12)) >>> 0;
      insn = (insn & 0x9000001f) | ((dest & 3) << 29) | ((dest & 0x0003fffc) << 3) | ((0 - (dest & 0x00020000)) & 0x00e00000);
      insn >>>= 0;
    } else {
      continue;
    }
    buf[i] = insn;
    buf[i + 1] = insn >>> 8;
    buf[i + 2] = insn >>> 16;
    buf[i + 3] = insn >>> 24;
  }
}

const X86_ALLOWED = [true, true, true, false, true, false, false, false];
const X86_BIT_NUMBER = [0, 1, 2, 2, 3, 3, 3, 3];
const isX86MsByte = (b: number) => b === 0 || b === 0xff;

function undoX86(startOffset: number, buf: Uint8Array, start: number, end: number): void {
  const size = end - start;
  if (size < 5) return;
  let prevMask = 0;
  let prevPos = -5; // positions relative to the block (plus the start offset below)
  const limit = size - 5;
  let pos = 0;
  while (pos <= limit) {
    let b = buf[start + pos];
    if (b !== 0xe8 && b !== 0xe9) {
      pos++;
      continue;
    }
    const offset = pos - prevPos;
    prevPos = pos;
    if (offset > 5) {
      prevMask = 0;
    } else {
      for (let i = 0; i < offset; i++) {
        prevMask &= 0x77;
        prevMask <<= 1;
      }
    }
    b = buf[start + pos + 4];
    if (isX86MsByte(b) && X86_ALLOWED[(prevMask >>> 1) & 7] && prevMask >>> 1 < 0x10) {
      let src = ((b << 24) | (buf[start + pos + 3] << 16) | (buf[start + pos + 2] << 8) | buf[start + pos + 1]) >>> 0;
      let dest: number;
      for (;;) {
        dest = (src - (startOffset + pos + 5)) >>> 0;
        if (prevMask === 0) break;
        const i = X86_BIT_NUMBER[prevMask >>> 1];
        b = (dest >>> (24 - i * 8)) & 0xff;
        if (!isX86MsByte(b)) break;
        src = (dest ^ (2 ** (32 - i * 8) - 1)) >>> 0;
      }
      buf[start + pos + 4] = ~(((dest >>> 24) & 1) - 1);
      buf[start + pos + 3] = dest >>> 16;
      buf[start + pos + 2] = dest >>> 8;
      buf[start + pos + 1] = dest;
      pos += 5;
      prevMask = 0;
    } else {
      pos++;
      prevMask |= 1;
      if (isX86MsByte(b)) prevMask |= 0x10;
    }
  }
}

const IA64_BRANCH_TABLE = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 6, 6, 0, 0, 7, 7, 4, 4, 0, 0, 4, 4, 0, 0];

function undoIa64(startOffset: number, buf: Uint8Array, start: number, end: number): void {
  for (let i = start; i + 16 <= end; i += 16) {
    const mask = IA64_BRANCH_TABLE[buf[i] & 0x1f];
    for (let slot = 0, bitPos = 5; slot < 3; slot++, bitPos += 41) {
      if (((mask >>> slot) & 1) === 0) continue;
      const bytePos = bitPos >>> 3;
      const bitRes = BigInt(bitPos & 7);
      let insn = 0n;
      for (let j = 0; j < 6; j++) insn |= BigInt(buf[i + j + bytePos]) << BigInt(8 * j);
      let norm = insn >> bitRes;
      if (((norm >> 37n) & 0xfn) !== 0x5n || ((norm >> 9n) & 0x7n) !== 0n) continue;
      let src = Number((norm >> 13n) & 0xfffffn);
      src |= Number((norm >> 36n) & 1n) << 20;
      src <<= 4;
      const dest = ((src - (startOffset + (i - start))) >>> 0) >>> 4;
      norm &= ~(0x8fffffn << 13n);
      norm |= BigInt(dest & 0xfffff) << 13n;
      norm |= BigInt(dest & 0x100000) << 16n;
      insn &= (1n << bitRes) - 1n;
      insn |= norm << bitRes;
      for (let j = 0; j < 6; j++) buf[i + j + bytePos] = Number((insn >> BigInt(8 * j)) & 0xffn);
    }
  }
}
