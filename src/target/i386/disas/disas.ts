// The i386 disassembler: capstone 5's AT&T syntax in 32-bit mode, which is what qemu-i386 prints for
// -d in_asm (disas/capstone.c). disasI386 gives one instruction; formatInAsm gives the lines QEMU
// logs for a translation block, including its ".byte 0xNN" lines for bytes capstone cannot decode.
import { AttDecoded, attDecode } from "./att-decode.ts";
import { AttPrinter } from "./att-print.ts";

export interface I386Disassembly {
  /** capstone's mnemonic (with any lock/rep/bnd prefix), e.g. "movl" or "rep stosb"; ".byte" for data */
  mnemonic: string;
  /** capstone's operand string, e.g. "$4, %eax" */
  operands: string;
  /** mnemonic and operands separated by a space (no space when there are no operands) */
  text: string;
  /** bytes consumed (1 for undecodable data) */
  length: number;
}

/** Reads a guest code byte, or returns -1 when the address cannot be read. */
export type ByteReader = (addr: number) => number;

const decoded = new AttDecoded();
const printer = new AttPrinter();

/** Disassembles from bytes[offset, end) as if at `pc` (capstone's cs_disasm_iter with SKIPDATA). */
export function disasBytes(bytes: Uint8Array, offset: number, end: number, pc: number): I386Disassembly {
  if (offset >= end) throw new Error("disasBytes: no bytes");
  if (attDecode(bytes, offset, end, decoded)) {
    const [mnemonic, operands] = printer.print(decoded, pc >>> 0);
    return { mnemonic, operands, text: operands ? `${mnemonic} ${operands}` : mnemonic, length: decoded.length };
  }
  const operands = "0x" + bytes[offset]!.toString(16).padStart(2, "0");
  return { mnemonic: ".byte", operands, text: `.byte ${operands}`, length: 1 };
}

/**
 * Disassembles one instruction at `pc`: from a byte array (its start is `pc`), or through a reader
 * (at most 15 bytes are read; unreadable bytes end the buffer).
 */
export function disasI386(code: Uint8Array | ByteReader, pc: number): I386Disassembly {
  if (code instanceof Uint8Array) return disasBytes(code, 0, Math.min(code.length, 15), pc);
  const buf = new Uint8Array(15);
  let n = 0;
  while (n < 15) {
    const b = code((pc + n) >>> 0);
    if (b < 0) break;
    buf[n++] = b & 0xff;
  }
  if (n === 0) throw new Error(`disasI386: cannot read 0x${(pc >>> 0).toString(16)}`);
  return disasBytes(buf, 0, n, pc);
}
