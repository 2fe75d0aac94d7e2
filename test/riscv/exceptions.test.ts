// Precise exceptions: a fault in the middle of a TB reports the faulting instruction's pc and the
// architectural cause (and tval), instructions before it have taken effect and the ones after it
// have not. Programs are built from raw encodings (tools/fuzz/encode.ts) so each fault sits at a
// known address inside a longer straight-line block.
import { describe, expect, test } from "vitest";
import { encode } from "../../tools/fuzz/encode.ts";
import { writeElf } from "../../tools/fuzz/elf-writer.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { riscvCpuOf } from "../../src/linux-user/riscv64/cpu.ts";
import { BufferHost } from "../../src/linux-user/host.ts";
import { Excp } from "../../src/target/riscv/cpu-state.ts";

const TEXT = 0x10000;
const DATA = 0x20000;

type Insn = [string, object] | number;

function run(insns: Insn[], opts: object = {}) {
  const words = insns.map((i) => (typeof i === "number" ? i : encode(i[0], i[1] as never)));
  const text = new Uint8Array(new Int32Array(words).buffer);
  const elf = writeElf({ text, textAddr: TEXT, data: new Uint8Array(64), dataAddr: DATA, entry: TEXT });
  const p = new LinuxProcess(new BufferHost(), opts);
  p.load(elf, ["t"], []);
  const r = p.run(1000);
  return {
    p,
    r,
    excp: p.cpu.exec.excp,
    tval: BigInt.asUintN(64, (BigInt(p.cpu.exec.excpAuxHi) << 32n) | BigInt(p.cpu.exec.excpAux >>> 0)),
  };
}

// a0 = DATA (lui), a1 = 1, a2 = 2: setup used by every case
const SETUP: Insn[] = [
  ["lui", { rd: 10, imm: DATA >> 12 }],
  ["addi", { rd: 11, rs1: 0, imm: 1 }],
  ["addi", { rd: 12, rs1: 0, imm: 2 }],
];
const pcOf = (index: number) => BigInt(TEXT + 4 * index);

describe.each([{}, { optimize: false }, { singlestep: true }])("precise exceptions %o", (opts) => {
  test("load page fault", () => {
    const { p, r, excp, tval } = run(
      [...SETUP, ["addi", { rd: 13, rs1: 0, imm: 7 }], ["ld", { rd: 14, rs1: 0, imm: 0x100 }], ["addi", { rd: 13, rs1: 0, imm: 9 }]],
      opts,
    );
    expect(r.signal).toBe(11);
    expect(excp).toBe(Excp.LoadPageFault);
    expect(riscvCpuOf(p).pc).toBe(pcOf(4));
    expect(tval).toBe(0x100n);
    expect(riscvCpuOf(p).getX(13)).toBe(7n); // the instruction before ran, the one after did not
  });
  test("store page fault on read-only text", () => {
    const { p, excp, tval } = run(
      [...SETUP, ["lui", { rd: 15, imm: TEXT >> 12 }], ["sd", { rs1: 15, rs2: 11, imm: 8 }], ["addi", { rd: 11, rs1: 0, imm: 5 }]],
      opts,
    );
    expect(excp).toBe(Excp.StorePageFault);
    expect(riscvCpuOf(p).pc).toBe(pcOf(4));
    expect(tval).toBe(BigInt(TEXT + 8));
    expect(riscvCpuOf(p).getX(11)).toBe(1n);
  });
  test("illegal instruction (unknown CSR) inside a block", () => {
    const { p, r, excp } = run([...SETUP, ["csrrw", { rd: 13, rs1: 11, csr: 0x7c0 }], ["addi", { rd: 11, rs1: 0, imm: 5 }]], opts);
    expect(r.signal).toBe(4);
    expect(excp).toBe(Excp.IllegalInsn);
    expect(riscvCpuOf(p).pc).toBe(pcOf(3));
  });
  test("illegal encoding", () => {
    const { p, excp, tval } = run([...SETUP, 0xffffffff], opts);
    expect(excp).toBe(Excp.IllegalInsn);
    expect(riscvCpuOf(p).pc).toBe(pcOf(3));
    expect(tval).toBe(0xffffffffn);
  });
  test("ebreak", () => {
    const { p, r, excp } = run(
      [...SETUP, ["ebreak", {}]].map((x) => (Array.isArray(x) && x[0] === "ebreak" ? 0x00100073 : x)) as Insn[],
      opts,
    );
    expect(r.signal).toBe(5);
    expect(excp).toBe(Excp.Breakpoint);
    expect(riscvCpuOf(p).pc).toBe(pcOf(3));
  });
  test("misaligned AMO reports a store/AMO misaligned fault", () => {
    const { p, r, excp, tval } = run([...SETUP, ["addi", { rd: 13, rs1: 10, imm: 2 }], ["amoadd.w", { rd: 14, rs1: 13, rs2: 11 }]], opts);
    expect(r.signal).toBe(7);
    expect(excp).toBe(Excp.StoreMisaligned);
    expect(riscvCpuOf(p).pc).toBe(pcOf(4));
    expect(tval).toBe(BigInt(DATA + 2));
  });
  test("misaligned LR reports a load misaligned fault", () => {
    const { excp } = run([...SETUP, ["addi", { rd: 13, rs1: 10, imm: 4 }], ["lr.d", { rd: 14, rs1: 13 }]], opts);
    expect(excp).toBe(Excp.LoadMisaligned);
  });
  test("misaligned plain loads and stores work (RISC-V user mode, as qemu)", () => {
    const { p, r } = run(
      [
        ...SETUP,
        ["addi", { rd: 13, rs1: 10, imm: 3 }],
        ["sd", { rs1: 13, rs2: 12, imm: 0 }],
        ["ld", { rd: 14, rs1: 13, imm: 0 }],
        0x00100073,
      ],
      opts,
    );
    expect(r.signal).toBe(5);
    expect(riscvCpuOf(p).getX(14)).toBe(2n);
  });
  test("fetch fault on a jump to unmapped memory", () => {
    const { p, excp, tval } = run([...SETUP, ["lui", { rd: 13, imm: 0x50 }], ["jalr", { rd: 1, rs1: 13, imm: 0 }]], opts);
    expect(excp).toBe(Excp.InsnPageFault);
    expect(riscvCpuOf(p).pc).toBe(0x50000n);
    expect(tval).toBe(0x50000n);
    expect(riscvCpuOf(p).getX(1)).toBe(pcOf(5)); // the jump itself completed
  });
});
