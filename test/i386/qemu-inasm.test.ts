/**
 * The i386 decoder and disassembler against Debian trixie's qemu-i386 (QEMU 10, -cpu qemu32,-sse3).
 *
 * 1. Generated instructions of every opcode form (tools/i386/insn-gen.ts: every map × opcode ×
 *    ModRM.reg × register/memory operand, plus VEX, with random prefixes, operand bytes and lengths
 *    up to and past 15 bytes) run one per TB in testdata/i386/insn-harness.S under
 *    `qemu-i386 -one-insn-per-tb -d in_asm`. For each:
 *      - the TB QEMU translated has exactly the bytes our decoder consumed (also for instructions
 *        QEMU rejects: it logs the bytes it read before raising the exception);
 *      - the exception QEMU raised matches the decoder's verdict: #UD -> SIGILL at the instruction,
 *        #GP (too long) -> SIGSEGV with si_code SI_KERNEL at the instruction, and a valid instruction
 *        never raises SIGILL there (except UD0/UD1/UD2 and RDPKRU/WRPKRU, which QEMU decodes and then
 *        faults on when run);
 *      - our in_asm text (formatInAsm) is byte-for-byte what QEMU logged.
 * 2. A glibc program (testdata/i386/inasm-demo.c) without -one-insn-per-tb: every multi-instruction
 *    TB in the program's own code must print exactly as QEMU printed it.
 *
 * Set TCIEMU_I386_SEED to try other instruction sets. qemu-i386 and the i686 cross toolchain are
 * required: without them these tests fail with the command that installs them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeBytes } from "../../src/target/i386/decode.ts";
import { formatInAsm } from "../../src/target/i386/disas/in-asm.ts";
import { Fault } from "../../src/target/i386/insn.ts";
import { opName } from "../../src/target/i386/ops.ts";
import { repoRoot } from "../../tools/debian/paths.ts";
import { allForms, generateInstructions, SLOT_SIZE, SLOTS, type GenInsn } from "../../tools/i386/insn-gen.ts";
import {
  CC,
  parseInAsm,
  QEMU_CPU,
  qemuInAsmFor,
  requireCrossTools,
  requireQemuI386,
  type HarnessRun,
  type InAsmBlock,
} from "./qemu-inasm.ts";

const SEED = Number(process.env.TCIEMU_I386_SEED ?? 1);
const SIGILL = 4;
const SIGSEGV = 11;
const SI_KERNEL = 0x80;
/** instructions QEMU decodes as valid and that raise #UD when executed */
const RUNTIME_UD = new Set(["UD", "RDPKRU", "WRPKRU"]);

/** The bytes of a TB as QEMU printed them (first and continuation lines). */
function blockBytes(b: InAsmBlock): number {
  let n = 0;
  for (const l of b.lines) {
    const m = /^0x[0-9a-f]{8}: ((?: [0-9a-f]{2})+)/.exec(l);
    if (m) n += m[1]!.trim().split(" ").length;
  }
  return n;
}

const FAULT_NAME: Record<number, string> = { [Fault.NONE]: "NONE", [Fault.UD]: "UD", [Fault.GP]: "GP" };
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("i386 decoder and disassembler vs qemu-i386, one instruction per TB", () => {
  let insns: GenInsn[] = [];
  let run: HarnessRun;

  beforeAll(() => {
    requireQemuI386();
    requireCrossTools();
    insns = generateInstructions(SEED, allForms().length);
    run = qemuInAsmFor(insns);
  }, 300_000);

  test("the harness ran every slot", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.outcomes.length).toBe(insns.length);
    const missing = insns.map((_, i) => SLOTS + i * SLOT_SIZE).filter((pc) => !run.blocks.has(pc));
    expect(missing.slice(0, 10)).toEqual([]);
  });

  test("instruction lengths and exceptions match QEMU's", () => {
    const failures: string[] = [];
    const seen = new Map<string, number>();
    insns.forEach((g, i) => {
      const pc = SLOTS + i * SLOT_SIZE;
      const block = run.blocks.get(pc);
      if (!block) return;
      const qemuLen = blockBytes(block);
      if (qemuLen !== g.bytes.length)
        failures.push(`${hex(g.bytes)} (${g.form}): QEMU's TB has ${qemuLen} bytes, decoder ${g.bytes.length}`);
      const o = run.outcomes[i]!;
      const atInsn = o.signal !== 0 && o.eip === pc;
      const ud = atInsn && o.signal === SIGILL;
      const gp = atInsn && o.signal === SIGSEGV && o.code === SI_KERNEL;
      const op = opName(decodeBytes(g.bytes, pc).op);
      const ok = g.fault === Fault.UD ? ud : g.fault === Fault.GP ? gp : !ud || RUNTIME_UD.has(op);
      const key = `${FAULT_NAME[g.fault]}->${ud ? "SIGILL" : gp ? "#GP" : atInsn ? `signal ${o.signal}` : "ok"}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (!ok) failures.push(`${hex(g.bytes)} (${g.form}, ${op}): decoder ${FAULT_NAME[g.fault]}, QEMU ${JSON.stringify(o)}`);
    });
    expect(failures.slice(0, 40)).toEqual([]);
    // the generated set exercises every verdict
    expect(seen.get("UD->SIGILL")).toBeGreaterThan(1000);
    expect(seen.get("GP->#GP")).toBeGreaterThan(10);
    expect(seen.get("NONE->ok")).toBeGreaterThan(3000);
    expect([...seen].filter(([k]) => k.startsWith("NONE")).reduce((n, [, v]) => n + v, 0)).toBeGreaterThan(5000);
  });

  test("formatInAsm prints what QEMU logged", () => {
    const failures: string[] = [];
    insns.forEach((g, i) => {
      const pc = SLOTS + i * SLOT_SIZE;
      const block = run.blocks.get(pc);
      if (!block) return;
      const ours = formatInAsm((a) => g.bytes[a - pc] ?? -1, pc, g.bytes.length);
      const theirs = block.lines.join("\n") + "\n";
      if (ours !== theirs) failures.push(`${hex(g.bytes)} (${g.form})\n  QEMU: ${JSON.stringify(theirs)}\n  ours: ${JSON.stringify(ours)}`);
    });
    expect(failures.slice(0, 20)).toEqual([]);
  });
});

/** The PT_LOAD file contents of a 32-bit little-endian ELF: a byte reader over its load addresses. */
function elfReader(elf: Buffer): (addr: number) => number {
  const segs: { vaddr: number; data: Buffer }[] = [];
  const phoff = elf.readUInt32LE(28);
  const phentsize = elf.readUInt16LE(42);
  const phnum = elf.readUInt16LE(44);
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (elf.readUInt32LE(p) !== 1) continue; // PT_LOAD
    const offset = elf.readUInt32LE(p + 4);
    const filesz = elf.readUInt32LE(p + 16);
    segs.push({ vaddr: elf.readUInt32LE(p + 8), data: elf.subarray(offset, offset + filesz) });
  }
  return (addr) => {
    for (const s of segs) if (addr >= s.vaddr && addr < s.vaddr + s.data.length) return s.data[addr - s.vaddr]!;
    return -1;
  };
}

describe("i386 disassembler vs qemu-i386 on a glibc program", () => {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-demo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("every TB of the program prints as QEMU printed it", () => {
    const qemu = requireQemuI386();
    requireCrossTools();
    const elf = join(dir, "demo.elf");
    execFileSync(CC, ["-O2", "-static", "-o", elf, join(repoRoot(), "testdata", "i386", "inasm-demo.c"), "-lm"]);
    const log = join(dir, "in_asm.log");
    const r = spawnSync(qemu, ["-cpu", QEMU_CPU, "-d", "in_asm", "-D", log, elf], { encoding: "utf8", timeout: 120_000 });
    expect(r.stdout).toMatch(/^>x=5\.040918 acc=/);
    const read = elfReader(readFileSync(elf));
    const failures: string[] = [];
    let checked = 0;
    let multi = 0;
    for (const block of parseInAsm(readFileSync(log, "utf8")).values()) {
      if (read(block.pc) < 0) continue; // QEMU's vdso
      const size = blockBytes(block);
      const theirs = block.lines.join("\n") + "\n";
      const ours = formatInAsm(read, block.pc, size);
      checked++;
      if (block.lines.length > 1) multi++;
      if (ours !== theirs)
        failures.push(`TB 0x${block.pc.toString(16)}\n  QEMU: ${JSON.stringify(theirs)}\n  ours: ${JSON.stringify(ours)}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    expect(multi).toBeGreaterThan(300);
  }, 120_000);
});
