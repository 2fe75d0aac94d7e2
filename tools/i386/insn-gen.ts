// Generates i386 test instructions: every opcode of the one-byte, 0F, 0F 38 and 0F 3A maps (plus VEX
// forms), with random prefixes (operand/address size, segment, REP/REPNE, LOCK, repeats, up to and
// beyond the 15-byte limit) and random ModRM/SIB/displacement/immediate bytes. Each instruction is cut
// to the length our decoder gives it, so a test that runs them under qemu-i386 checks that length too.
//
// The instructions are also run (tests execute them in testdata/i386/insn-harness.S), so the generator
// keeps them harmless: memory operands must stay away from the program (they may hit the scratch area
// or unmapped memory), and branch targets must land in int3 padding or unmapped memory.
//
//   npx tsx tools/i386/insn-gen.ts [--seed N] [--count N]   prints the instructions as hex, one a line
import { I386Decoder, type CodeReader } from "../../src/target/i386/decode.ts";
import { Fault, I386Insn, MO_16, Special, T, Unit } from "../../src/target/i386/insn.ts";

/** Register values at slot entry (insn-harness.S sets them). */
export const REG_VALUES = [0x20007f10, 0x20007f50, 0x20007f90, 0x20007fd0, 0x20008000, 0x20008010, 0x20008050, 0x20008090];
/** Where the harness puts slot i: SLOTS + (i << SLOT_SHIFT). */
export const SLOTS = 0x09000000;
export const SLOT_SHIFT = 8;
export const SLOT_SIZE = 1 << SLOT_SHIFT;
/** Address ranges a test instruction must not touch or jump to (program, slots, stack, vdso). */
const PROTECTED: [number, number][] = [
  [0x08040000, 0x08200000],
  [0x3ff00000, 0x40a00000],
];
const SCRATCH: [number, number] = [0x20000000, 0x20010000];

export interface GenInsn {
  /** the bytes of the instruction as QEMU reads them (our decoder's length) */
  bytes: Uint8Array;
  /** the decoder's verdict */
  fault: Fault;
  /** which form it was generated for, e.g. "0f 38 00 /3 mem 66" */
  form: string;
}

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEGS = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];
const PREFIX_BYTES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);

interface Form {
  map: number; // 0 one-byte, 1 0F, 2 0F38, 3 0F3A, 4 VEX
  op: number;
  reg: number;
  mem: boolean;
}

/** All opcode forms: map × opcode × ModRM.reg × (register | memory operand). */
export function allForms(): Form[] {
  const forms: Form[] = [];
  for (let map = 0; map < 4; map++)
    for (let op = 0; op < 256; op++) {
      if (map === 0 && (PREFIX_BYTES.has(op) || op === 0x0f)) continue;
      if (map === 1 && (op === 0x38 || op === 0x3a)) continue;
      for (let reg = 0; reg < 8; reg++) for (const mem of [false, true]) forms.push({ map, op, reg, mem });
    }
  // VEX: c5 (0F) and c4 (0F, 0F38, 0F3A) over a sample of opcodes
  for (let op = 0; op < 256; op++) for (const mem of [false, true]) forms.push({ map: 4, op, reg: op & 7, mem });
  return forms;
}

function prefixesFor(r: () => number, map: number): number[] {
  const p: number[] = [];
  const x = r();
  if (map >= 1 && map <= 3 && x < 0.6) {
    // the SSE prefix selects the instruction
    p.push([0x66, 0xf3, 0xf2][Math.floor(r() * 3)]!);
    if (r() < 0.15) p.unshift([0x66, 0xf3, 0xf2][Math.floor(r() * 3)]!);
  } else if (x < 0.75) {
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) {
      const k = r();
      p.push(k < 0.25 ? 0x66 : k < 0.4 ? 0x67 : k < 0.55 ? 0xf3 : k < 0.65 ? 0xf2 : k < 0.75 ? 0xf0 : SEGS[Math.floor(r() * 6)]!);
    }
  }
  if (r() < 0.02) while (p.length < 13 + Math.floor(r() * 3)) p.push(SEGS[Math.floor(r() * 6)]!); // near and past 15 bytes
  return p;
}

function modrmFor(r: () => number, f: Form): number[] {
  const mod = f.mem ? Math.floor(r() * 3) : 3;
  const rm = Math.floor(r() * 8);
  const out = [(mod << 6) | (f.reg << 3) | rm];
  for (let i = 0; i < 10; i++) out.push(Math.floor(r() * 256));
  // small displacements most of the time, so that memory operands land in the scratch area
  if (r() < 0.7) {
    const disp = f.mem && (rm === 4 ? 2 : 1);
    if (disp) out[disp] = Math.floor(r() * 64) - 32;
  }
  return out.map((v) => v & 0xff);
}

function encode(r: () => number, f: Form): number[] {
  const pre = prefixesFor(r, f.map);
  const tail = modrmFor(r, f);
  switch (f.map) {
    case 0:
      return [...pre, f.op, ...tail];
    case 1:
      return [...pre, 0x0f, f.op, ...tail];
    case 2:
      return [...pre, 0x0f, 0x38, f.op, ...tail];
    case 3:
      return [...pre, 0x0f, 0x3a, f.op, ...tail];
    default: {
      // VEX: c5 RvvvvLpp or c4 RXBmmmmm WvvvvLpp; in 32-bit mode R (and X, B) must be 1
      const pp = Math.floor(r() * 4);
      const L = r() < 0.5 ? 4 : 0;
      const vvvv = r() < 0.6 ? 0x78 : Math.floor(r() * 16) << 3;
      if (r() < 0.4) return [0xc5, 0x80 | vvvv | L | pp, f.op, ...tail];
      const mmmmm = r() < 0.9 ? 1 + Math.floor(r() * 3) : Math.floor(r() * 32);
      return [0xc4, 0xe0 | mmmmm, (r() < 0.5 ? 0x80 : 0) | vvvv | L | pp, f.op, ...tail];
    }
  }
}

function overlaps(lo: number, hi: number, ranges: [number, number][]): boolean {
  for (const [a, b] of ranges) if (lo < b && hi > a) return true;
  return false;
}

/** Is a decoded instruction harmless to run at `pc` in the harness? */
export function harmless(insn: I386Insn, pc: number): boolean {
  if (insn.fault !== Fault.NONE) return true;
  if (insn.hasMem && insn.aflag !== MO_16) {
    let ea = insn.memDisp;
    if (insn.memBase >= 0) ea += REG_VALUES[insn.memBase]!;
    if (insn.memIndex >= 0) ea += REG_VALUES[insn.memIndex]! << insn.memScale;
    ea >>>= 0;
    let lo = ea;
    let hi = ea + 512;
    // BT* Ev,Gv: the bit offset in the register also moves the address
    if (insn.special === Special.BitTest && insn.unit[2] === Unit.INT && !insn.hasEa[2]) {
      const off = insn.dflag === MO_16 ? ((REG_VALUES[insn.n[2]!]! << 16) >> 16) >> 3 : (REG_VALUES[insn.n[2]!]! | 0) >> 3;
      lo = Math.min(lo, ea + off - 8);
      hi = Math.max(hi, ea + off + 8);
    }
    if (hi > 0x100000000 || overlaps(lo, hi, PROTECTED)) return false;
    if (lo < SCRATCH[1] && hi > SCRATCH[0] && !(lo >= SCRATCH[0] && hi <= SCRATCH[1])) return false;
  }
  // direct branches: into this slot's (or the previous slot's) int3 padding, or unmapped memory
  for (let i = 0; i < 3; i++) {
    if (insn.type[i] !== T.J) continue;
    let target = (pc + insn.len + insn.opImm[i]!) >>> 0;
    if (insn.dflag === MO_16) target &= 0xffff;
    const slot = pc - ((pc - SLOTS) % SLOT_SIZE);
    const inOwnPad = target >= pc + insn.len + 5 && target < slot + SLOT_SIZE;
    const inPrevPad = target >= slot - SLOT_SIZE + 32 && target < slot;
    if (!inOwnPad && !inPrevPad && overlaps(target, target + 16, [...PROTECTED, [SLOTS, SLOTS + 0x01000000]])) return false;
  }
  // far pointers (CALLF/JMPF ptr16:32): keep the offset out of all code
  if (insn.unit[1] === Unit.IMM && insn.type[1] === T.I_unsigned && insn.type[2] === T.I_unsigned) {
    const off = insn.opImm[1]! >>> 0;
    if (overlaps(off, off + 16, [...PROTECTED, [SLOTS, SLOTS + 0x01000000]])) return false;
  }
  return true;
}

/**
 * `count` instructions for slots 0..count-1: the forms are taken in a seeded random order (cycling
 * through all of them before repeating), each with fresh random prefixes and operand bytes.
 */
export function generateInstructions(seed: number, count: number): GenInsn[] {
  const r = rng(seed);
  const forms = allForms();
  for (let i = forms.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [forms[i], forms[j]] = [forms[j]!, forms[i]!];
  }
  const decoder = new I386Decoder();
  const insn = new I386Insn();
  const out: GenInsn[] = [];
  let k = 0;
  while (out.length < count) {
    const f = forms[k++ % forms.length]!;
    const pc = SLOTS + out.length * SLOT_SIZE;
    for (let attempt = 0; attempt < 20; attempt++) {
      const bytes = encode(r, f);
      const read: CodeReader = (a) => bytes[(a - pc) >>> 0] ?? 0;
      decoder.decode(insn, pc, read);
      if (insn.len > bytes.length || !harmless(insn, pc)) continue;
      const mapName = ["", "0f ", "0f 38 ", "0f 3a ", "vex "][f.map]!;
      out.push({
        bytes: Uint8Array.from(bytes.slice(0, insn.len)),
        fault: insn.fault,
        form: `${mapName}${f.op.toString(16).padStart(2, "0")} /${f.reg} ${f.mem ? "mem" : "reg"}`,
      });
      break;
    }
  }
  return out;
}

/** The slots.inc the harness includes: one slot per instruction. */
export function harnessSlots(insns: GenInsn[]): string {
  const lines: string[] = [];
  for (const g of insns) {
    lines.push(`        .balign ${SLOT_SIZE}, 0xcc`);
    lines.push(`        .byte ${[...g.bytes].map((b) => "0x" + b.toString(16)).join(",")}`);
    lines.push(`        jmp resume`);
  }
  lines.push(`        .balign ${SLOT_SIZE}, 0xcc`);
  return lines.join("\n") + "\n";
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");

if (process.argv[1]?.endsWith("insn-gen.ts")) {
  const arg = (name: string, def: number) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : def;
  };
  for (const g of generateInstructions(arg("--seed", 1), arg("--count", 20)))
    console.log(`${hex(g.bytes).padEnd(50)} ${g.form} fault=${g.fault}`);
}
