// Tiny hand-assembled riscv64 guest programs for the embedding and page tests.
import { writeElf } from "../../tools/fuzz/elf-writer.ts";

export const addi = (rd: number, rs1: number, imm: number) => ((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x13;
export const ECALL = 0x73;
const bge = (rs1: number, rs2: number, off: number) =>
  (((off >> 12) & 1) << 31) |
  (((off >> 5) & 0x3f) << 25) |
  (rs2 << 20) |
  (rs1 << 15) |
  (5 << 12) |
  (((off >> 1) & 0xf) << 8) |
  (((off >> 11) & 1) << 7) |
  0x63;
const jal = (rd: number, off: number) =>
  (((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;

const A0 = 10,
  A1 = 11,
  A2 = 12,
  A7 = 17,
  SP = 2;

/** read(0, sp, 16); write(1, sp, n); exit(0) — no loop; for raw-memory runs. */
export const ECHO_ONCE = [
  addi(A7, 0, 63),
  addi(A0, 0, 0),
  addi(A1, SP, 0),
  addi(A2, 0, 16),
  ECALL,
  addi(A2, A0, 0),
  addi(A0, 0, 1),
  addi(A7, 0, 64),
  ECALL,
  addi(A0, 0, 0),
  addi(A7, 0, 93),
  ECALL,
];

/** cat: read(0, buf, 64) until end of input, writing each chunk to stdout; then exit(0). */
export const CAT = [
  addi(A7, 0, 63), // 0x00 read
  addi(A0, 0, 0),
  addi(A1, SP, 0),
  addi(A2, 0, 64),
  ECALL, // 0x10
  bge(0, A0, 0x30 - 0x14), // 0x14 if a0 <= 0: exit
  addi(A2, A0, 0),
  addi(A0, 0, 1),
  addi(A1, SP, 0), // 0x20
  addi(A7, 0, 64),
  ECALL,
  jal(0, -0x2c), // 0x2c back to 0x00
  addi(A0, 0, 0), // 0x30 exit(0)
  addi(A7, 0, 93),
  ECALL,
];

export function words(code: number[]): Uint8Array {
  return new Uint8Array(Int32Array.from(code).buffer);
}

/** A static riscv64 ELF running `code` at 0x10000 (the loader gives it a stack). */
export function elfOf(code: number[]): Uint8Array {
  return writeElf({ text: words(code), textAddr: 0x10000, data: new Uint8Array(16), dataAddr: 0x20000, entry: 0x10000 });
}
