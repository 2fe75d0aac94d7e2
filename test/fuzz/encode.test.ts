// Checks the fuzzer's independent RISC-V encoder (tools/fuzz/encode.ts):
// a few hand-computed words, then every instruction against GNU binutils
// (riscv64-linux-gnu-as round trip + objdump mnemonics), when installed.

import { describe, expect, it } from "vitest";
import { binutilsAvailable, crossCheck } from "../../tools/fuzz/encode-check.ts";
import { encode, INSNS } from "../../tools/fuzz/encode.ts";

describe("fuzz encoder", () => {
  it("covers RV64GC + Zicsr + Zba/Zbb/Zbs + Zicond", () => {
    const byExt = new Map<string, number>();
    for (const d of INSNS) byExt.set(d.ext, (byExt.get(d.ext) ?? 0) + 1);
    expect(Object.fromEntries(byExt)).toEqual({
      I: 51,
      M: 13,
      A: 22,
      F: 30,
      D: 32,
      Zicsr: 6,
      Zba: 8,
      Zbb: 24,
      Zbs: 8,
      Zicond: 2,
      C: 36,
    });
  });

  it("encodes known words", () => {
    expect(encode("add", { rd: 1, rs1: 2, rs2: 3 })).toBe(0x003100b3);
    expect(encode("lui", { rd: 1, imm: 0x12345 })).toBe(0x123450b7);
    expect(encode("jal", { rd: 0, imm: 0 })).toBe(0x0000006f);
    expect(encode("fence.tso")).toBe(0x8330000f);
    expect(encode("rev8", { rd: 1, rs1: 2 })).toBe(0x6b815093);
    expect(encode("czero.eqz", { rd: 0, rs1: 0, rs2: 0 })).toBe(0x0e005033);
    expect(encode("czero.nez", { rd: 0, rs1: 0, rs2: 0 })).toBe(0x0e007033);
    expect(encode("c.nop")).toBe(0x0001);
    expect(encode("c.mv", { rd: 1, rs2: 2 })).toBe(0x808a);
    expect(() => encode("c.addi", { rd: 1, imm: 0 })).toThrow();
    expect(() => encode("addi", { rd: 1, rs1: 1, imm: 2048 })).toThrow();
  });

  it("matches riscv64-linux-gnu-as and objdump for every instruction", () => {
    // A missing tool is a failure, not a skip: .ci/run installs binutils-riscv64-linux-gnu.
    expect(binutilsAvailable(), "riscv64-linux-gnu-as/objdump missing: apt-get install binutils-riscv64-linux-gnu").toBe(true);
    const r = crossCheck(60, 1);
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(INSNS.length * 60);
    expect(r.assembled).toBeGreaterThan(INSNS.length * 50);
  }, 120_000);
});
