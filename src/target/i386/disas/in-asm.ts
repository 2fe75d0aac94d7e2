// The lines of a translation block in qemu-i386's -d in_asm log (disas/capstone.c: cap_disas_target
// and cap_dump_insn): capstone decodes the TB's bytes in chunks of up to 1024 (an instruction that
// straddles a chunk boundary comes out as .byte lines, as in QEMU), and each instruction is printed as
//   0x08049000:  b8 04 00 00 00           movl     $4, %eax
// with at most 8 bytes on the first line and the rest on continuation lines.
import { disasBytes, type ByteReader } from "./disas.ts";

const CHUNK = 1024;
/** bytes per line (cap_insn_split for x86) */
const SPLIT = 8;

const addr = (a: number) => "0x" + (a >>> 0).toString(16).padStart(8, "0");
const hexBytes = (b: Uint8Array, from: number, to: number) => {
  let s = "";
  for (let i = from; i < to; i++) s += " " + b[i]!.toString(16).padStart(2, "0");
  return s;
};

/** One instruction in QEMU's layout (cap_dump_insn), every line ending in "\n". */
export function formatInsnLines(pc: number, bytes: Uint8Array, mnemonic: string, operands: string): string {
  const n = bytes.length;
  let s = addr(pc) + ": " + hexBytes(bytes, 0, Math.min(n, SPLIT));
  if (n < SPLIT) s += " ".repeat((SPLIT - n) * 3);
  s += "  " + mnemonic.padEnd(8) + " " + operands + "\n";
  for (let i = SPLIT; i < n; i += SPLIT) s += addr(pc + i) + ": " + hexBytes(bytes, i, Math.min(n, i + SPLIT)) + "\n";
  return s;
}

/**
 * The in_asm body of a TB of `size` bytes at `pc` (without QEMU's "----------------" and "IN:" header
 * lines). Bytes the reader cannot supply end the output with QEMU's "unable to read memory" line.
 */
export function formatInAsm(read: ByteReader, pc: number, size: number): string {
  let out = "";
  let done = 0;
  while (done < size) {
    const n = Math.min(CHUNK, size - done);
    const buf = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const b = read((pc + done + i) >>> 0);
      if (b < 0) return out + `${addr(pc + done)}: unable to read memory\n`;
      buf[i] = b;
    }
    let off = 0;
    while (off < n) {
      const at = (pc + done + off) >>> 0;
      const d = disasBytes(buf, off, n, at);
      out += formatInsnLines(at, buf.subarray(off, off + d.length), d.mnemonic, d.operands);
      off += d.length;
    }
    done += n;
  }
  return out;
}
