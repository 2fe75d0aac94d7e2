/**
 * The i386 decoder against GNU objdump (Debian's binutils-i686-linux-gnu): generated instructions of
 * every opcode form (tools/i386/insn-gen.ts: all maps × ModRM.reg × register/memory, random prefixes,
 * ModRM/SIB/displacement/immediate bytes) that the decoder accepts are laid out 32 bytes apart, padded
 * with NOPs so that objdump resynchronises after each, and disassembled in one objdump run. For each we
 * check the length and the operands the translator will use: the memory operand (segment override,
 * base, index, scale, displacement), the immediates, the registers and the branch target.
 *
 * objdump disagrees by design in two places, both checked narrowly rather than skipped:
 *  - it gives up on prefixes after 13 of them (MAX_CODE_LENGTH - 1), where QEMU accepts 14 plus the
 *    opcode: those instructions must then come out as a run of prefix-only lines;
 *  - QEMU 10 accepts some encodings the SDM reserves or leaves undocumented (objdump prints "(bad)"):
 *    the register forms of MOVNTQ/MOVNTDQ (0F E7), MOVLPD/MOVHPD (66 0F 12/16) and MOVNTI (0F C3);
 *    BSF/BSR with REPNE, WBINVD (a NOP in user mode) and EMMS with 66/F2/F3; SFENCE with any rm; the
 *    MPX NOP space with 16-bit addressing; SALC (D6); the x87 register-form aliases (FSTP1, FCOM2,
 *    FXCH4, FCOMP5, ...). An instruction objdump rejects must be one of those. Those are confirmed
 *    by the qemu-i386 test (qemu-inasm.test.ts), which runs them; here they must be on that list.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { decodeBytes, I386Decoder } from "../../src/target/i386/decode.ts";
import {
  Fault,
  I386Insn,
  MAP_0F,
  MAP_1BYTE,
  MO_16,
  MO_8,
  PREFIX_DATA,
  PREFIX_REPNZ,
  PREFIX_REPZ,
  T,
  Unit,
} from "../../src/target/i386/insn.ts";
import { opName } from "../../src/target/i386/ops.ts";
import { allForms, generateInstructions, type GenInsn } from "../../tools/i386/insn-gen.ts";
import { OBJDUMP, requireCrossTools } from "./qemu-inasm.ts";

const SEED = Number(process.env.TCIEMU_I386_SEED ?? 7);
const BASE = 0x10000000;
const STRIDE = 32;
const PREFIX_BYTES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);
/** 0F opcodes where QEMU 10 accepts encodings objdump (and the SDM) call invalid, see above */
const QEMU_LENIENT_0F = new Set([0x09, 0x12, 0x16, 0x1a, 0x1b, 0x77, 0xae, 0xbc, 0xbd, 0xc3, 0xe7]);

// prettier-ignore
const GPR = [
  ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"],
  ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"],
  ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"],
];
const SEGS = ["es", "cs", "ss", "ds", "fs", "gs"];
const PREFIX_NAMES = new Set([...SEGS, "data16", "addr16", "lock", "repz", "repnz"]);

interface ObjdumpInsn {
  len: number;
  text: string;
}

/** objdump -D of the raw bytes at BASE: address -> (length, "mnemonic operands"). */
function objdumpRaw(bytes: Uint8Array): Map<number, ObjdumpInsn> {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-objdump-"));
  try {
    const bin = join(dir, "insns.bin");
    writeFileSync(bin, bytes);
    const args = ["-D", "-b", "binary", "-m", "i386", "--insn-width=16", `--adjust-vma=0x${BASE.toString(16)}`, bin];
    const out = execFileSync(OBJDUMP, args, { maxBuffer: 1 << 30 }).toString();
    const res = new Map<number, ObjdumpInsn>();
    for (const line of out.split("\n")) {
      const m = /^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*\t?(.*)$/.exec(line);
      if (m) res.set(parseInt(m[1]!, 16), { len: m[2]!.trim().split(" ").length, text: m[3]!.trim() });
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Splits AT&T operands at top-level commas: "0x4(%eax,%ebx,2),%ecx" -> ["0x4(%eax,%ebx,2)", "%ecx"]. */
function splitOperands(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

interface MemOperand {
  seg: number;
  disp: number;
  base: string;
  index: string;
  scale: number;
}

const MEM_RE = /^\*?(?:%([a-z]s):)?(-?0x[0-9a-f]+|-?\d+)?(?:\((%[a-z]+)?(?:,(%[a-z]+)(?:,(\d))?)?\))?$/;

function parseMem(op: string): MemOperand | undefined {
  const m = MEM_RE.exec(op);
  if (!m || (!m[2] && m[3] === undefined && m[4] === undefined)) return undefined;
  const d = m[2] ?? "0";
  return {
    seg: m[1] ? SEGS.indexOf(m[1]) : -1,
    disp: d.startsWith("-") ? -parseInt(d.slice(1)) : parseInt(d),
    base: m[3]?.slice(1) ?? "",
    index: m[4] && m[4] !== "%eiz" ? m[4].slice(1) : "",
    scale: m[5] ? Number(m[5]) : 1,
  };
}

/** Why `insn` (decoded from `g`) disagrees with objdump's `o`, or "" when they agree. */
function compare(insn: I386Insn, pc: number, o: ObjdumpInsn): string {
  if (o.len !== insn.len) return `length: objdump ${o.len}`;
  // "es addr16 data16 jne 0x100003ba": prefixes and mnemonic are words, the operands one token
  const words = o.text.split(/\s+/);
  const last = words[words.length - 1]!;
  const ops = words.length > 1 && /^[*$%(0-9-]/.test(last) ? splitOperands(last).map((s) => (s === "(%dx)" ? "%dx" : s)) : [];
  const a16 = insn.aflag === MO_16;
  const regName = (r: number) => (r < 0 ? "" : GPR[a16 ? 1 : 2]![r]!);

  // the ModRM / moffs memory operand
  if (insn.hasMem) {
    const m = ops.map(parseMem).find((x) => x !== undefined);
    if (!m) return "no memory operand in objdump";
    // POP Ev with an ESP base: QEMU folds the pop's ESP increment into the displacement
    const popAdjust = opName(insn.op) === "POP" && insn.memBase === 4 ? (insn.dflag === MO_16 ? 2 : 4) : 0;
    const mask = a16 ? 0xffff : 0xffffffff;
    if (m.seg !== insn.override && !(m.seg < 0 && insn.override === insn.memDefSeg)) return `segment ${m.seg} vs ${insn.override}`;
    if (m.base !== regName(insn.memBase)) return `base ${m.base} vs ${regName(insn.memBase)}`;
    if (m.index !== regName(insn.memIndex)) return `index ${m.index} vs ${regName(insn.memIndex)}`;
    if (insn.memIndex >= 0 && m.scale !== 1 << insn.memScale) return `scale ${m.scale} vs ${1 << insn.memScale}`;
    if (((m.disp - (insn.memDisp - popAdjust)) & mask) !== 0) return `disp ${m.disp} vs ${insn.memDisp - popAdjust}`;
  }

  // immediates: objdump prints them truncated to the operand size
  const imms = ops.filter((s) => s.startsWith("$")).map((s) => parseInt(s.slice(1)) >>> 0);
  for (let i = 0; i < 3; i++) {
    if (insn.unit[i] !== Unit.IMM || insn.type[i] === T.J) continue;
    // ... or, for an imm8 sign-extended into a 16/32-bit operation, to that operation's size
    const x = insn.opImm[i]!;
    const v = (insn.ot[i] === MO_8 ? x & 0xff : insn.ot[i] === MO_16 ? x & 0xffff : x) >>> 0;
    if (!imms.includes(v) && !imms.includes(x & 0xffff) && !imms.includes(x >>> 0))
      return `immediate 0x${v.toString(16)} not in objdump's ${imms.map((n) => n.toString(16))}`;
  }

  // direct branch targets
  for (let i = 0; i < 3; i++) {
    if (insn.type[i] !== T.J) continue;
    // with a 16-bit operand size QEMU truncates the target to IP; objdump does for rel16 only
    const target = (pc + insn.len + insn.opImm[i]!) >>> 0;
    const ip = insn.dflag === MO_16 ? target & 0xffff : target;
    if (!ops.includes("0x" + target.toString(16)) && !ops.includes("0x" + ip.toString(16))) return `branch target 0x${ip.toString(16)}`;
  }

  // registers named by the instruction's operands
  const regs = new Set(ops.map((s) => s.replace(/^\*/, "")).filter((s) => s.startsWith("%")));
  for (let i = 0; i < 3; i++) {
    // registers encoded in the instruction (objdump leaves some fixed ones out: cwtl, aad)
    if (insn.hasEa[i] || insn.n[i]! < 0 || insn.type[i]! >= T.R0 || insn.type[i] === T.TwoOp) continue;
    const n = insn.n[i]!;
    let name = "";
    switch (insn.unit[i]) {
      case Unit.INT: {
        name = GPR[Math.min(insn.ot[i]!, 2)]![n]!;
        if (regs.has("%" + name)) break;
        // objdump names a 16-bit source register by its 32-bit name in lar, lsl, pinsrw and mov to a
        // segment register; and it prints BSWAP with a 66 prefix on 16 bits, which QEMU performs on 32
        const op = opName(insn.op);
        if (insn.ot[i] === MO_16 && (insn.unit[0] === Unit.SEG || op === "LAR" || op === "LSL" || op === "PINSRW")) name = GPR[2]![n]!;
        if (op === "BSWAP" && insn.dflag === MO_16) name = GPR[1]![n]!;
        break;
      }
      case Unit.SSE:
        name = "xmm" + n;
        break;
      case Unit.MMX:
        name = "mm" + n;
        // with 66 and F2/F3 together objdump lets 66 widen the MMX operand of movdq2q/movq2dq
        if (insn.prefix & PREFIX_DATA && insn.prefix & (PREFIX_REPZ | PREFIX_REPNZ) && !regs.has("%" + name)) name = "xmm" + n;
        break;
      case Unit.SEG:
        name = SEGS[n]!;
        break;
      case Unit.CR:
        name = "cr" + n;
        break;
      case Unit.DR:
        name = "db" + n;
        break;
      default:
        continue;
    }
    if (!regs.has("%" + name)) return `register %${name} not in objdump's ${[...regs]}`;
  }
  return "";
}

describe("i386 decoder vs objdump", () => {
  let insns: GenInsn[] = [];
  let objdump = new Map<number, ObjdumpInsn>();

  beforeAll(() => {
    requireCrossTools();
    insns = generateInstructions(SEED, allForms().length).filter((g) => g.fault === Fault.NONE);
    const buf = new Uint8Array(insns.length * STRIDE).fill(0x90);
    insns.forEach((g, i) => buf.set(g.bytes, i * STRIDE));
    objdump = objdumpRaw(buf);
  }, 120_000);

  test("lengths and operands agree", () => {
    const decoder = new I386Decoder();
    const insn = new I386Insn();
    const failures: string[] = [];
    let compared = 0;
    let lenient = 0;
    insns.forEach((g, i) => {
      const pc = BASE + i * STRIDE;
      const o = objdump.get(pc);
      decodeBytes(g.bytes, pc, decoder, insn);
      const hex = Buffer.from(g.bytes).toString("hex");
      let prefixes = 0;
      while (PREFIX_BYTES.has(g.bytes[prefixes]!)) prefixes++;
      if (prefixes >= 14) {
        // objdump prints the prefixes on a line of their own; the opcode and what follows come after
        const onlyPrefixes = o !== undefined && o.len <= prefixes && o.text.split(" ").every((w) => PREFIX_NAMES.has(w));
        if (!onlyPrefixes) failures.push(`${hex} (${g.form}): objdump ${JSON.stringify(o)}`);
        return;
      }
      if (o?.text.includes("(bad)")) {
        const known = insn.map === MAP_0F ? QEMU_LENIENT_0F.has(insn.b) : insn.map === MAP_1BYTE && (insn.b === 0xd6 || insn.b >= 0xd8);
        if (!known) failures.push(`${hex} (${g.form}, ${opName(insn.op)}): QEMU accepts, objdump says ${o.text}`);
        lenient++;
        return;
      }
      compared++;
      const why = o ? compare(insn, pc, o) : "objdump has no instruction there";
      if (why) failures.push(`${hex} (${g.form}, ${opName(insn.op)}): ${why}; objdump: ${o?.text}`);
    });
    expect(failures.slice(0, 40)).toEqual([]);
    // the lenient encodings are rare; a flood of them would mean the list hides a decoder bug
    expect(lenient).toBeLessThan(compared / 50);
    expect(compared).toBeGreaterThan(5000);
  });
});
