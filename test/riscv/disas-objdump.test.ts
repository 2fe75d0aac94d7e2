/**
 * Checks the generated RISC-V decoder against hand-checked encodings, and
 * disassemble() against GNU objdump (Debian's binutils-riscv64-linux-gnu,
 * 2.40 on Debian 12) over every pattern with random operands, random words
 * and every 16-bit encoding.  objdump is required: without it these tests
 * fail rather than skip.
 *
 * Zicond: binutils 2.40 predates it and prints czero.eqz/czero.nez as
 * `.4byte`, so for those words we check that objdump says `.4byte` and that
 * we print the mnemonic the way later binutils do (`czero.eqz rd,rs1,rs2`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { decodeInsn16, decodeInsn32, type RiscvDecodeHandler } from "../../src/target/riscv/decode-generated.ts";
import { disassemble } from "../../src/target/riscv/disas.ts";
import type { ArgSetDef, DecodeNode, FieldDef, PatternDef } from "../../tools/decodetree/ast.ts";
import { parseDecodeFile } from "../../tools/decodetree/parse.ts";
import { objdump, objdumpVersion } from "./objdump-harness.ts";

/** Every extension we decode that binutils 2.40 knows (so not Zicond). */
const ARCH = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zba1p0_zbb1p0_zbs1p0";

// prettier-ignore
const GPR = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
  "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"];

/** Deterministic xorshift32, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

/** A handler that records the trans_* call it receives and accepts it. */
function recorder(): {
  handler: RiscvDecodeHandler;
  calls: [string, object][];
} {
  const calls: [string, object][] = [];
  const handler = new Proxy(
    {},
    {
      get: (_t, name) => (a: object) => {
        calls.push([String(name).replace(/^trans_/, ""), a]);
        return true;
      },
    },
  ) as RiscvDecodeHandler;
  return { handler, calls };
}

function decodeOnce(insn: number, width: 16 | 32): [string, object] | null {
  const { handler, calls } = recorder();
  const ok = width === 32 ? decodeInsn32(handler, insn) : decodeInsn16(handler, insn);
  expect(calls.length).toBeLessThanOrEqual(1);
  return ok ? calls[0]! : null;
}

function patterns(file: string, width: number, argsets: Map<string, ArgSetDef>): PatternDef[] {
  const out: PatternDef[] = [];
  const visit = (n: DecodeNode): void => (n.kind === "group" ? n.members.forEach(visit) : void out.push(n));
  visit(parseDecodeFile(readFileSync(file, "utf8"), file, width, argsets).root);
  return out;
}

/** Writes the raw (pre-!function) value `raw` into the bits of field `f`. */
function packField(word: number, f: FieldDef, raw: number): number {
  let shift = f.parts.reduce((n, p) => n + p.len, 0);
  for (const p of f.parts) {
    shift -= p.len;
    const mask = (2 ** p.len - 1) * 2 ** p.pos;
    word = ((word & ~mask) | (((raw >>> shift) & (2 ** p.len - 1)) << p.pos)) >>> 0;
  }
  return word;
}

/**
 * Instruction words for every pattern: random operand bits, plus operands
 * drawn from values that select objdump aliases (0, 1, -1, 255, ...).
 */
function patternWords(pats: PatternDef[], perPattern: number, next: () => number): number[] {
  const special = [0, 1, 2, 3, 0xff, 0x7ff, 0xffffffff, 0x800];
  const words: number[] = [];
  for (const p of pats) {
    for (let i = 0; i < perPattern; i++) {
      let w = next();
      if (i % 4 === 1) w &= next() & next(); // mostly zero operands: x0, imm 0
      if (i % 4 === 2) w |= next() | next(); // mostly one bits: imm -1
      if (i % 4 === 3) {
        for (const [, v] of p.args) {
          if (v.kind === "field" && next() % 2) w = packField(w, v.field, special[next() % special.length]!);
        }
      }
      words.push(((w & ~p.fixedmask) | p.fixedbits) >>> 0);
    }
  }
  return words;
}

interface Mismatch {
  offset: number;
  insn: string;
  objdump: string;
  ours: string;
}

/**
 * Disassembles `code` (at `base`) with objdump and with disassemble() and
 * returns the instructions where the two differ.
 */
function compareWithObjdump(code: Uint8Array, base = 0n): { count: number; mismatches: Mismatch[] } {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  const lines = objdump(code, ARCH, base);
  const mismatches: Mismatch[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { offset, text } = lines[i]!;
    const size = (lines[i + 1]?.offset ?? code.length) - offset;
    // The 32 bits fetched at pc, as a translator would read them.
    const fetched = offset + 4 <= code.length ? view.getUint32(offset, true) : view.getUint16(offset, true);
    const ours = disassemble(fetched, base + BigInt(offset));
    const insn = (size === 2 ? fetched & 0xffff : fetched).toString(16).padStart(size * 2, "0");
    let expected = text;
    const czero = /^czero\.(eqz|nez)\t/.exec(ours.text);
    if (czero && text === `.4byte\t0x${fetched.toString(16)}`) {
      // Zicond, unknown to binutils 2.40: check our text independently.
      const rd = GPR[(fetched >>> 7) & 31]!;
      const rs1 = GPR[(fetched >>> 15) & 31]!;
      const rs2 = GPR[(fetched >>> 20) & 31]!;
      expected = `czero.${czero[1]}\t${rd},${rs1},${rs2}`;
    }
    if (ours.text !== expected || ours.length !== size) {
      mismatches.push({
        offset,
        insn,
        objdump: `${text} (${size} bytes)`,
        ours: `${ours.text} (${ours.length} bytes)`,
      });
    }
  }
  return { count: lines.length, mismatches };
}

function words32(words: number[]): Uint8Array {
  const code = new Uint8Array(words.length * 4);
  const v = new DataView(code.buffer);
  words.forEach((w, i) => v.setUint32(i * 4, w >>> 0, true));
  return code;
}

function expectNoMismatch(r: { count: number; mismatches: Mismatch[] }, expectedCount: number): void {
  expect(r.count).toBe(expectedCount);
  expect(r.mismatches.slice(0, 25)).toEqual([]);
}

describe("generated decoder", () => {
  // Encodings checked against the RISC-V spec tables (and GNU as).
  const known32: [number, string, object][] = [
    [0xfff00513, "addi", { imm: -1, rs1: 0, rd: 10 }], // li a0,-1
    [0x00000013, "addi", { imm: 0, rs1: 0, rd: 0 }], // nop
    [0xfffff2b7, "lui", { imm: -4096, rd: 5 }],
    [0x00000517, "auipc", { imm: 0, rd: 10 }],
    [0xff5ff0ef, "jal", { imm: -12, rd: 1 }],
    [0x00b50863, "beq", { imm: 16, rs2: 11, rs1: 10 }],
    [0x800550e3, "bge", { imm: -2048, rs2: 0, rs1: 10 }],
    [0x00008067, "jalr", { imm: 0, rs1: 1, rd: 0 }], // ret
    [0xffc12503, "lw", { imm: -4, rs1: 2, rd: 10 }],
    [0x00113423, "sd", { imm: 8, rs1: 2, rs2: 1 }],
    [0x03f51513, "slli", { shamt: 63, rs1: 10, rd: 10 }],
    [0x4215d513, "srai", { shamt: 33, rs1: 11, rd: 10 }],
    [0x41f5d51b, "sraiw", { shamt: 31, rs1: 11, rd: 10 }],
    [0x40b50533, "sub", { rd: 10, rs1: 10, rs2: 11 }],
    [0x02c5a533, "mulhsu", { rd: 10, rs1: 11, rs2: 12 }],
    [0x027362bb, "remw", { rd: 5, rs1: 6, rs2: 7 }],
    [0x1605b52f, "lr_d", { aq: 1, rl: 1, rs2: 0, rs1: 11, rd: 10 }],
    [0x0cc5a52f, "amoswap_w", { aq: 1, rl: 0, rs2: 12, rs1: 11, rd: 10 }],
    [0x6ac59543, "fmadd_d", { rd: 10, rs1: 11, rs2: 12, rs3: 13, rm: 1 }],
    [0xc2251553, "fcvt_l_d", { rd: 10, rs1: 10, rm: 1 }],
    [0xe2050553, "fmv_x_d", { rd: 10, rs1: 10 }],
    [0x30002573, "csrrs", { csr: 0x300, rs1: 0, rd: 10 }],
    [0x3402d073, "csrrwi", { csr: 0x340, rs1: 5, rd: 0 }],
    [0x0330000f, "fence", { pred: 3, succ: 3 }],
    [0x8330000f, "fence", { pred: 3, succ: 3 }], // fence.tso
    [0x0100000f, "fence", { pred: 1, succ: 0 }], // pause
    [0x0000100f, "fence_i", {}],
    [0x00000073, "ecall", {}],
    [0x00100073, "ebreak", {}],
    [0x30200073, "mret", {}],
    [0x10200073, "sret", {}],
    [0x10500073, "wfi", {}],
    [0x12b50073, "sfence_vma", { rs1: 10, rs2: 11 }],
    [0x20c5c533, "sh2add", { rd: 10, rs1: 11, rs2: 12 }],
    [0x08c5853b, "add_uw", { rd: 10, rs1: 11, rs2: 12 }],
    [0x0805c53b, "zext_h", { rd: 10, rs1: 11 }],
    [0x6b85d513, "rev8", { rd: 10, rs1: 11 }],
    [0x2875d513, "orc_b", { rd: 10, rs1: 11 }],
    [0x63f5d513, "rori", { shamt: 63, rs1: 11, rd: 10 }],
    [0x2a859513, "bseti", { shamt: 40, rs1: 11, rd: 10 }],
    [0x0ec5d533, "czero_eqz", { rd: 10, rs1: 11, rs2: 12 }],
    [0x0ec5f533, "czero_nez", { rd: 10, rs1: 11, rs2: 12 }],
  ];
  // RVC encodings and the 32-bit instruction each expands to.
  const known16: [number, string, object][] = [
    [0x0808, "addi", { imm: 16, rs1: 2, rd: 10 }], // c.addi4spn a0,sp,16
    [0x41c8, "lw", { imm: 4, rs1: 11, rd: 10 }],
    [0x7ef0, "ld", { imm: 248, rs1: 13, rd: 12 }],
    [0xe798, "sd", { imm: 8, rs1: 15, rs2: 14 }],
    [0x2988, "fld", { imm: 16, rs1: 11, rd: 10 }],
    [0x157d, "addi", { imm: -1, rs1: 10, rd: 10 }], // c.addi a0,-1
    [0x2505, "addiw", { imm: 1, rs1: 10, rd: 10 }],
    [0x5501, "addi", { imm: -32, rs1: 0, rd: 10 }], // c.li a0,-32
    [0x7101, "addi", { imm: -512, rs1: 2, rd: 2 }], // c.addi16sp sp,-512
    [0x757d, "lui", { imm: -4096, rd: 10 }], // c.lui a0,0xfffff
    [0x917d, "srli", { shamt: 63, rs1: 10, rd: 10 }],
    [0x8585, "srai", { shamt: 1, rs1: 11, rd: 11 }],
    [0x9a01, "andi", { imm: -32, rs1: 12, rd: 12 }],
    [0x8d0d, "sub", { rd: 10, rs1: 10, rs2: 11 }],
    [0x9c25, "addw", { rd: 8, rs1: 8, rs2: 9 }],
    [0xb001, "jal", { imm: -2048, rd: 0 }], // c.j
    [0xd101, "beq", { imm: -256, rs2: 0, rs1: 10 }], // c.beqz
    [0xeffd, "bne", { imm: 254, rs2: 0, rs1: 15 }], // c.bnez
    [0x157e, "slli", { shamt: 63, rs1: 10, rd: 10 }],
    [0x357e, "fld", { imm: 504, rs1: 2, rd: 10 }], // c.fldsp
    [0x557e, "lw", { imm: 252, rs1: 2, rd: 10 }], // c.lwsp
    [0x757e, "ld", { imm: 504, rs1: 2, rd: 10 }], // c.ldsp
    [0x8082, "jalr", { imm: 0, rs1: 1, rd: 0 }], // c.jr ra
    [0x852e, "addi", { imm: 0, rs1: 11, rd: 10 }], // c.mv a0,a1
    [0x9002, "ebreak", {}],
    [0x9502, "jalr", { imm: 0, rs1: 10, rd: 1 }], // c.jalr a0
    [0x952e, "add", { rd: 10, rs1: 10, rs2: 11 }],
    [0xa42e, "fsd", { imm: 8, rs1: 2, rs2: 11 }], // c.fsdsp
    [0xdfaa, "sw", { imm: 252, rs1: 2, rs2: 10 }], // c.swsp
    [0xff86, "sd", { imm: 504, rs1: 2, rs2: 1 }], // c.sdsp
    [0x4001, "addi", { imm: 0, rs1: 0, rd: 0 }], // c.li zero,0: a HINT, still valid
  ];
  // Reserved RVC encodings: no pattern may match.
  const reserved16: [number, string][] = [
    [0x0000, "all-zero halfword"],
    [0x0004, "c.addi4spn with nzuimm=0"],
    [0x6501, "c.lui with nzimm=0"],
    [0x6101, "c.addi16sp with nzimm=0"],
    [0x2001, "c.addiw with rd=0"],
    [0x4002, "c.lwsp with rd=0"],
    [0x6002, "c.ldsp with rd=0"],
    [0x8002, "c.jr with rs1=0"],
    [0x8000, "quadrant 0, funct3=100"],
    [0x9c41, "c.subw/c.addw space, funct2=10"],
  ];

  test.each(known32)("32-bit %s decodes to %s", (insn, name, args) => {
    expect(decodeOnce(insn, 32)).toEqual([name, args]);
    // The word may also arrive as a negative int32.
    expect(decodeOnce(insn | 0, 32)).toEqual([name, args]);
  });
  test.each(known16)("16-bit %s decodes to %s", (insn, name, args) => {
    expect(decodeOnce(insn, 16)).toEqual([name, args]);
  });
  test.each(reserved16)("16-bit %s (%s) is not decoded", (insn) => {
    expect(decodeOnce(insn, 16)).toBeNull();
  });
  test("a handler returning false makes the decoder report no match", () => {
    const declining = new Proxy({}, { get: () => () => false }) as RiscvDecodeHandler;
    expect(decodeInsn32(declining, 0x00b50533)).toBe(false);
    expect(decodeInsn16(declining, 0x7101)).toBe(false);
  });
  test("unknown 32-bit words are not decoded", () => {
    expect(decodeOnce(0xffffffff, 32)).toBeNull();
    expect(decodeOnce(0x0000007f, 32)).toBeNull();
  });
});

describe("disassemble() matches objdump", () => {
  const argsets = new Map<string, ArgSetDef>();
  const pats32 = patterns("spec/riscv/insn32.decode", 32, argsets);
  const pats16 = patterns("spec/riscv/insn16.decode", 16, argsets);

  test("objdump is installed", () => {
    expect(objdumpVersion(), "install binutils-riscv64-linux-gnu (riscv64-linux-gnu-objdump)").not.toBeNull();
  });

  test("hand-picked examples", () => {
    const cases: [number, bigint, string][] = [
      [0x00008067, 0n, "ret"],
      [0x00b50863, 0x1000n, "beq\ta0,a1,1010"],
      [0xff5ff0ef, 0x10n, "jal\t4"],
      [0xfff00513, 0n, "li\ta0,-1"],
      [0x30002573, 0n, "csrr\ta0,mstatus"],
      [0x00302573, 0n, "frcsr\ta0"],
      [0x6ac59543, 0n, "fmadd.d\tfa0,fa1,fa2,fa3,rtz"],
      [0x22a50553, 0n, "fmv.d\tfa0,fa0"],
      [0x0000006f, 0xfffffffffffff000n, "j\tfffffffffffff000"],
      [0x0ec5d533, 0n, "czero.eqz\ta0,a1,a2"],
      [0xffffffff, 0n, ".4byte\t0xffffffff"],
      [0x8082, 0n, "ret"],
      [0x852e, 0n, "mv\ta0,a1"],
      [0x0000, 0n, "unimp"],
      [0x0004, 0n, ".2byte\t0x4"],
      [0x4501_0001 | 0, 0n, "nop"], // only the low 16 bits count for RVC
    ];
    for (const [insn, pc, text] of cases) expect(disassemble(insn, pc).text).toBe(text);
    expect(disassemble(0x8082, 0n).length).toBe(2);
    expect(disassemble(0x00008067, 0n).length).toBe(4);
  });

  test("every 32-bit pattern with random operands", () => {
    const words = patternWords(pats32, 160, rng(1));
    expectNoMismatch(compareWithObjdump(words32(words)), words.length);
  });

  test("random 32-bit words", () => {
    const next = rng(2);
    // Major opcodes we decode, so most words land in decoded space.
    const opcodes = [0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b];
    opcodes.push(0x43, 0x47, 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, 0x73);
    const words: number[] = [];
    for (let i = 0; i < 30000; i++) {
      const w = i & 1 ? next() & next() : next();
      words.push((w & ~0x7f) | opcodes[next() % opcodes.length]!);
    }
    // Fully random 32-bit-length words (low bits 11, not the 48/64-bit prefixes).
    for (let i = 0; i < 5000; i++) {
      const w = next() | 3;
      words.push((w & 0x1c) === 0x1c ? w & ~0x10 : w);
    }
    expectNoMismatch(compareWithObjdump(words32(words)), words.length);
  });

  test("every 16-bit encoding", () => {
    const halves: number[] = [];
    for (let h = 0; h < 0x10000; h++) if ((h & 3) !== 3) halves.push(h);
    const code = new Uint8Array(halves.length * 2);
    const v = new DataView(code.buffer);
    halves.forEach((h, i) => v.setUint16(i * 2, h, true));
    expectNoMismatch(compareWithObjdump(code), halves.length);
  });

  test("RVC patterns with random operands at a high pc (targets wrap at 2^64)", () => {
    const halves = patternWords(pats16, 40, rng(3));
    const words = patternWords(pats32, 8, rng(4)).filter((w) => (w & 0x7f) === 0x63 || (w & 0x7f) === 0x6f);
    const code = new Uint8Array(halves.length * 2 + words.length * 4);
    const v = new DataView(code.buffer);
    halves.forEach((h, i) => v.setUint16(i * 2, h, true));
    words.forEach((w, i) => v.setUint32(halves.length * 2 + i * 4, w, true));
    expectNoMismatch(compareWithObjdump(code, 0xffffffffffff0000n), halves.length + words.length);
  });
});
