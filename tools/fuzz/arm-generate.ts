// Seeded random ARM (A32 + T32/T16 + VFP) test-program generator for the differential fuzzer.
//
// Instructions are random words built from spec/arm's decode patterns (every form the decoders
// know, random operands) plus some uniformly random words (mostly UNDEFINED), each classified by
// the generated decoders so that the ones that would wreck the harness are rejected: branches and
// anything else that writes the pc or r9, and SVC. Whatever else happens is recorded:
//
//   - faults (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE) go to a handler on an alternate stack that
//     writes a record with the siginfo and the whole interrupted state from the signal frame
//     (r0..r15, CPSR with the IT and T bits, FPSCR, d0..d15), then resumes after the faulting
//     instruction (advancing the IT state as the hardware would) by editing the frame;
//   - after each block of random items a dump routine writes the state the same way.
//
// Layout (static ELF, ARM entry):
//   text 0x210000 (right after the data, so that no gap lies between them):  _start (install the handler, load the initial state), blocks, epilogue, dump,
//                  handler
//   data 0x200000 (64 KiB, RW), relative to r9 = B = 0x202000 (r9 is never written by blocks):
//     B-0x400 .. B+0xc00  scratch (4 KiB), the memory dumped at the end
//     B+0xd00  record written by dump (256 bytes); B+0xe00 record written by the handler
//     B+0xf00  saved lr around dump calls; B+0xf04 counter
//     (random stores may reach these too: both emulators see the same)
//     0x204000 initial state table; 0x205000 sigaction; 0x205100 stack_t; 0x208000.. altstack
//
// Record (64 words): [0] counter (dump) or 0x80000000|signo (fault), [1] si_code, [2] si_addr,
// [3..18] r0..r15 (dump: r15 = 0), [19] CPSR (dump: MRS, without T/IT), [20] FPSCR,
// [21..52] d0..d15, [53..63] 0.
//
// Blocks are in ARM or Thumb state; Thumb blocks also get IT blocks. Items besides random
// instructions: forward conditional branches (b<c>, cbz/cbnz), bl to the next item, bx to the
// next item, islands in the other state entered with blx (immediate or register) that return
// with bx lr, and ldrex/strex pairs that succeed.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DecodeNode, PatternDef } from "../decodetree/ast.ts";
import { type ArgSetRegistry, parseDecoder } from "../decodetree/parse.ts";
import { disasA32, disasA32Uncond } from "../../src/target/arm/decode-a32.ts";
import { disasT16 } from "../../src/target/arm/decode-t16.ts";
import { disasT32 } from "../../src/target/arm/decode-t32.ts";
import { disasVfp } from "../../src/target/arm/decode-vfp.ts";
import { A32, T16, T32 } from "./arm-asm.ts";
import { writeArmElf, type ArmElfSymbol } from "./arm-elf.ts";
import { Rng } from "./rng.ts";

const ROOT = resolve(import.meta.dirname, "../..");

export const ARM_LAYOUT = {
  TEXT: 0x210000,
  DATA: 0x200000,
  DATA_SIZE: 0x10000,
  B: 0x202000,
  REC: 0xd00,
  FAULTREC: 0xe00,
  LR: 0xf00,
  COUNTER: 0xf04,
  SCRATCH: -0x400,
  SCRATCH_SIZE: 0x1000,
  INIT: 0x204000,
  SIGACTION: 0x205000,
  SIGSTACK: 0x205100,
  ALTSTACK: 0x208000,
  ALTSTACK_SIZE: 0x4000,
} as const;

export const ARM_RECORD_WORDS = 64;
export const ARM_RECORD_SIZE = ARM_RECORD_WORDS * 4;
const BASE_REG = 9;

// ---------------------------------------------------------------------------
// Patterns and classification

interface Pattern {
  p: PatternDef;
  /** a32, uncond, vfp (A32 or T32 encoding), t32, t16 */
  set: "a32" | "uncond" | "vfp" | "t32" | "t16";
}

function flatten(n: DecodeNode, out: PatternDef[] = []): PatternDef[] {
  if (n.kind === "group") for (const m of n.members) flatten(m, out);
  else out.push(n);
  return out;
}

let patternCache: { arm: Pattern[]; thumb: Pattern[] } | null = null;

function loadPatterns(): { arm: Pattern[]; thumb: Pattern[] } {
  if (patternCache) return patternCache;
  const reg: ArgSetRegistry = new Map();
  const parse = (f: string, w: 16 | 32) =>
    flatten(parseDecoder([{ path: f, text: readFileSync(join(ROOT, "spec/arm", f), "utf8") }], w, reg).root);
  const a32 = parse("a32.decode", 32).map((p) => ({ p, set: "a32" as const }));
  const uncond = parse("a32-uncond.decode", 32).map((p) => ({ p, set: "uncond" as const }));
  const vfp = parse("vfp.decode", 32).map((p) => ({ p, set: "vfp" as const }));
  const t32 = parse("t32.decode", 32).map((p) => ({ p, set: "t32" as const }));
  const t16 = parse("t16.decode", 16).map((p) => ({ p, set: "t16" as const }));
  patternCache = { arm: [...a32, ...uncond, ...vfp], thumb: [...t32, ...vfp, ...t16] };
  return patternCache;
}

/** What the decoders make of a word: the first trans_* they call, with its arguments. */
export interface Decoded {
  name: string;
  args: Record<string, number>;
}

/** Decodes a word as QEMU's translator would try it (A32 / T32 / T16 order). */
export function classify(word: number, thumb: boolean, inIt: boolean): Decoded {
  let found: Decoded = { name: "-", args: {} };
  const h = new Proxy(
    {},
    {
      get(_t, k) {
        if (k === "condexecMask") return inIt ? 0x10 : 0;
        if (typeof k === "string" && k.startsWith("trans_"))
          return (a: Record<string, number>) => {
            // QEMU's valid_cp: v7 leaves cp8..cp13 to the VFP decoder
            if (/^(MCR|MRC|MCRR|MRRC)$/.test(k.slice(6)) && a["cp"]! >= 8 && a["cp"]! < 14) return false;
            if (found.name === "-") found = { name: k.slice(6), args: { ...a } };
            return true;
          };
        return undefined;
      },
    },
  ) as never;
  if (!thumb) {
    if (word >>> 28 === 15) disasA32Uncond(h, word);
    else if (!disasA32(h, word)) disasVfp(h, word);
  } else if (word >>> 16 >= 0xe800) {
    if (!disasT32(h, word) && word >>> 28 === 14) disasVfp(h, word);
  } else disasT16(h, word & 0xffff);
  return found;
}

/** Instructions that branch or change the state: only the generator's own items use them. */
const BRANCHES = new Set([
  "B",
  "BL",
  "BLX_i",
  "BLX_r",
  "BX",
  "BXJ",
  "B_cond_thumb",
  "CBZ",
  "TBB",
  "TBH",
  "BL_BLX_prefix",
  "BL_suffix",
  "BLX_suffix",
  "SVC",
]);

const MEMORY = /^(LDR|STR|LDM|STM|SWP|LDREX|STREX|VLDR|VSTR|VLDM|VSTM)/;
/** Names whose rt = 15 only sets flags (VMRS APSR_nzcv, VMOV to r15, MRC to APSR_nzcv). */
const RT15_FLAGS = new Set(["VMSR_VMRS", "VMOV_single", "MRC"]);

function bits(list: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 16; i++) if (list & (1 << i)) out.push(i);
  return out;
}

/** Core registers an instruction may write (an over-approximation is fine: it only rejects more). */
export function writtenRegs(d: Decoded): number[] {
  const a = d.args;
  const out: number[] = [];
  for (const k of ["rd", "rt", "rt2", "ra"]) if (k in a) out.push(a[k]!);
  // exclusives: rt2 = 15 stands for "no second register"; A32 LDREXD's is rt + 1
  if (/EX/.test(d.name) && a["rt2"] === 15) out.splice(out.lastIndexOf(15), 1);
  if (d.name === "LDREXD_a32") out.push(a["rt"]! + 1);
  if ("rn" in a && (a["w"] || ("p" in a && !a["p"] && MEMORY.test(d.name)))) out.push(a["rn"]!);
  if ("list" in a && /^LDM/.test(d.name)) out.push(...bits(a["list"]!));
  // A32 LDRD: the second register is rt + 1
  if (/^LDRD/.test(d.name) && !("rt2" in a) && "rt" in a) out.push(a["rt"]! + 1);
  if (RT15_FLAGS.has(d.name) && a["rt"] === 15) return out.filter((r) => r !== 15);
  return out;
}

/**
 * QEMU emulates the FPA coprocessor (cp1/cp2, NWFPE) for UNDEFINED A32 coprocessor instructions
 * (any condition), which Linux on ARMv7 does not; tciemu does not either, so they are not generated.
 */
function fpaSpace(word: number): boolean {
  const cp = (word >>> 8) & 0xf;
  return (word & 0x0c000000) === 0x0c000000 && (cp === 1 || cp === 2);
}

// ---------------------------------------------------------------------------
// Program construction

interface Emitted {
  word: number;
  size: 2 | 4;
  /** Thumb code (32-bit words are stored as two halfwords, first one first); default: the block's state. */
  thumb?: boolean;
}

/** One block item: instructions (maybe with a late-bound branch target) and coverage keys. */
interface Item {
  state: "arm" | "thumb";
  cover: string[];
  /** Builds the item's instructions for address `at`; `next(k)` is the address of the k-th following item. */
  build(at: number, next: (k: number) => number): Emitted[];
  /** Fixed size in bytes (so addresses can be computed before building). */
  size: number;
  text: string;
}

export interface ArmBlockInfo {
  index: number;
  start: number;
  end: number;
  thumb: boolean;
  lines: string[];
}

export interface ArmProgram {
  seed: number;
  index: number;
  elf: Uint8Array;
  blocks: ArmBlockInfo[];
  insnCount: number;
  staticInsns: number;
  coverage: Map<string, number>;
  features: Map<string, number>;
  memDumpEveryBlock: boolean;
}

export interface ArmGenOptions {
  /** Items per block [min, max] (default [12, 40]). */
  blockItems?: [number, number];
  /** Write the scratch memory after every dump record too. */
  memDumpEveryBlock?: boolean;
  /** Thumb blocks: probability (default 0.5). */
  thumbShare?: number;
}

const hex = (v: number, d = 8) => (v >>> 0).toString(16).padStart(d, "0");

class Gen {
  readonly cover = new Map<string, number>();
  readonly features = new Map<string, number>();
  insns = 0;
  constructor(readonly rng: Rng) {}

  feat(k: string): void {
    this.features.set(k, (this.features.get(k) ?? 0) + 1);
  }

  /** A random instruction word of a state, accepted by the harness's rules. */
  randomWord(thumb: boolean, inIt: boolean, island: boolean): { word: number; size: 2 | 4; d: Decoded } {
    const rng = this.rng;
    const pats = thumb ? loadPatterns().thumb : loadPatterns().arm;
    for (let tries = 0; ; tries++) {
      let word: number;
      let size: 2 | 4 = 4;
      if (rng.chance(0.06)) {
        word = rng.u32();
        if (thumb && (word >>> 16 < 0xe800 || rng.chance(0.4))) {
          word &= 0xffff;
          if (word >= 0xe800) word &= 0x7fff;
          size = 2;
        }
      } else {
        const { p, set } = rng.pick(pats);
        word = ((rng.u32() & ~p.fixedmask) | p.fixedbits) >>> 0;
        if (set === "t16") {
          word &= 0xffff;
          size = 2;
        } else if (set === "vfp" && thumb) word = ((word & 0x0fffffff) | 0xe0000000) >>> 0;
        else if ((set === "vfp" || set === "a32") && word >>> 28 === 15) word = ((word & 0x0fffffff) | 0xe0000000) >>> 0;
        // a good share of unconditional A32 instructions, so that cond-fail paths stay a minority
        if (!thumb && set !== "uncond" && rng.chance(0.6)) word = ((word & 0x0fffffff) | 0xe0000000) >>> 0;
      }
      if (thumb && size === 4 && word >>> 16 < 0xe800) continue;
      if (!thumb && fpaSpace(word)) continue;
      const d = classify(word, thumb, inIt);
      if (BRANCHES.has(d.name)) continue;
      // IT inside IT blocks and at the end of a block are the generator's business
      if (d.name === "IT") continue;
      // QEMU's user mode does semihosting for these (tciemu, as Linux, does not)
      if (d.name === "HLT" && d.args["imm"] === (thumb ? 0x3c : 0xf000)) continue;
      const w = writtenRegs(d);
      if (w.includes(15) || w.includes(BASE_REG) || (island && w.includes(14))) continue;
      return { word, size, d };
    }
  }
}

/** Encodes "add rd, r9, #off" / "movw rd, #v" for address setup in a state. */
function setupAdd(thumb: boolean, rd: number, off: number): Emitted {
  return thumb ? { word: T32.addw(rd, BASE_REG, off), size: 4 } : { word: A32.addi(rd, BASE_REG, off), size: 4 };
}
function setupMovw(thumb: boolean, rd: number, v: number): Emitted {
  return thumb ? { word: T32.movw(rd, v), size: 4 } : { word: A32.movw(rd, v), size: 4 };
}

function fmtWord(e: Emitted, thumb: boolean): string {
  if (!thumb) return hex(e.word);
  return e.size === 2 ? hex(e.word, 4) : `${hex(e.word >>> 16, 4)} ${hex(e.word & 0xffff, 4)}`;
}

/** A random instruction item, with address setup for memory instructions when allowed. */
function randomItem(g: Gen, thumb: boolean, inIt: boolean, island: boolean): Item {
  const rng = g.rng;
  const r = g.randomWord(thumb, inIt, island);
  const pre: Emitted[] = [];
  const a = r.d.args;
  if (!inIt && MEMORY.test(r.d.name) && "rn" in a) {
    const rn = a["rn"]!;
    if (rn !== 15 && rn !== BASE_REG && !(island && rn === 14) && rng.chance(0.85)) {
      const off = rng.range(-64, 255) * 4;
      pre.push(setupAdd(thumb, rn, off));
      g.feat("mem-setup");
    }
    const rm = a["rm"];
    if (rm !== undefined && rm !== rn && rm !== 15 && rm !== BASE_REG && !(island && rm === 14) && rng.chance(0.85)) {
      pre.push(setupMovw(thumb, rm, rng.below(64)));
      g.feat("index-setup");
    }
  }
  const emitted = [...pre, { word: r.word, size: r.size }].map((e) => ({ ...e, thumb }));
  const size = emitted.reduce((s, e) => s + e.size, 0);
  return {
    state: thumb ? "thumb" : "arm",
    cover: [`${thumb ? "T:" : "A:"}${r.d.name}`],
    size,
    build: () => emitted,
    text: emitted.map((e) => fmtWord(e, thumb)).join(" ; ") + `  ${r.d.name}`,
  };
}

const COND_RANDOM = (rng: Rng) => rng.below(14); // eq..le (no al/nv)

/** A 16-bit forward branch to `target` if it is in reach, else b<cond>.n, else a nop. */
function thumbFwd(at: number, target: number, enc: () => number, reach: number, cond: number): number {
  const off = target - at - 4;
  // cbz cannot branch backwards (to the next halfword), b<c>.n can
  if (off >= (reach === 126 ? 0 : -256) && off <= reach) return enc();
  if (off <= 254) return T16.bcond(at, target, cond);
  return T16.nop();
}

/** A forward conditional branch over the next `skip` items. */
function branchItem(g: Gen, thumb: boolean, skip: number): Item {
  const rng = g.rng;
  const cond = COND_RANDOM(rng);
  if (!thumb)
    return {
      state: "arm",
      cover: ["A:B(cond)"],
      size: 4,
      build: (at, next) => [{ word: A32.b(at, next(skip + 1), cond), size: 4 }],
      text: `b${cond} +${skip}`,
    };
  // Thumb: cbz/cbnz on a random low register, or b<c>.n (the items skipped are small enough)
  if (rng.chance(0.3)) {
    const rn = rng.below(8);
    const nz = rng.chance(0.5);
    return {
      state: "thumb",
      cover: ["T:CBZ"],
      size: 2,
      // cbz reaches 126 bytes forward: farther targets (big islands) get a b<c>.n, or a nop
      build: (at, next) => [{ word: thumbFwd(at, next(skip + 1), () => T16.cbz(at, next(skip + 1), rn, nz), 126, cond), size: 2 }],
      text: `cb${nz ? "n" : ""}z r${rn} +${skip}`,
    };
  }
  return {
    state: "thumb",
    cover: ["T:B_cond_thumb"],
    size: 2,
    build: (at, next) => [{ word: thumbFwd(at, next(skip + 1), () => T16.bcond(at, next(skip + 1), cond), 254, cond), size: 2 }],
    text: `b${cond}.n +${skip}`,
  };
}

/** bl to the next item: tests the link value (lr = next | thumb). */
function blNextItem(thumb: boolean): Item {
  return {
    state: thumb ? "thumb" : "arm",
    cover: [thumb ? "T:BL" : "A:BL"],
    size: 4,
    build: (at) => [thumb ? { word: T32.bl(at, at + 4), size: 4 } : { word: A32.bl(at, at + 4), size: 4 }],
    text: "bl .+4",
  };
}

/** add rX, pc, #k; bx rX to the next item, same state. */
function bxNextItem(g: Gen, thumb: boolean): Item {
  const rx = g.rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 14]);
  if (!thumb)
    return {
      state: "arm",
      cover: ["A:BX"],
      size: 8,
      // add rx, pc, #0 -> at + 8, the instruction after the bx
      build: (at) => [
        { word: A32.addi(rx, 15, 0), size: 4 },
        { word: A32.bx(rx), size: 4 },
      ],
      text: `add r${rx}, pc, #0 ; bx r${rx}`,
    };
  // Thumb: adr needs a 4-aligned target: addw rx, pc, #k then orr 1; the bx is 16-bit
  return {
    state: "thumb",
    cover: ["T:BX"],
    size: 10,
    build: (at) => {
      const target = at + 10;
      const base = (at + 4) & ~3;
      return [
        { word: T32.addw(rx, 15, target - base + 1), size: 4 },
        { word: T32.addw(rx, rx, 0), size: 4 },
        { word: T16.bx(rx), size: 2 },
      ];
    },
    text: `addw r${rx}, pc ; bx r${rx}`,
  };
}

/**
 * An island in the other state: entered by blx (immediate, or a register holding the address
 * with the right bit 0), a few random instructions, then bx lr back.
 */
function islandItem(g: Gen, thumb: boolean): Item {
  const rng = g.rng;
  const n = rng.range(1, 5);
  const inner: Emitted[] = [];
  const innerText: string[] = [];
  for (let i = 0; i < n; i++) {
    const it = randomItem(g, !thumb, false, true);
    for (const e of it.build(0, () => 0)) inner.push(e);
    innerText.push(it.text);
    for (const c of it.cover) g.cover.set(c, (g.cover.get(c) ?? 0) + 1);
  }
  inner.push(thumb ? { word: A32.bx(14), size: 4, thumb: false } : { word: T16.bx(14), size: 2, thumb: true });
  const innerSize = inner.reduce((s, e) => s + e.size, 0);
  const viaReg = rng.chance(0.5);
  const rx = rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);
  if (!thumb) {
    // ARM: [blx island | add rx,pc,#4+1 ; blx rx] [b over] island(thumb) [pad to 4] over:
    const head = viaReg ? 8 : 4;
    const pad = (head + 4 + innerSize) % 4 ? 2 : 0;
    return {
      state: "arm",
      cover: [viaReg ? "A:BLX_r" : "A:BLX_i"],
      size: head + 4 + innerSize + pad,
      build: (at) => {
        const island = at + head + 4;
        const over = island + innerSize + pad;
        const out: Emitted[] = viaReg
          ? [
              { word: A32.addi(rx, 15, island + 1 - (at + 8)), size: 4 },
              { word: (0xe12fff30 | rx) >>> 0, size: 4 },
            ]
          : [{ word: A32.blxi(at, island), size: 4 }];
        out.push({ word: A32.b(at + head, over), size: 4 });
        out.push(...inner);
        if (pad) out.push({ word: T16.nop(), size: 2 });
        return out;
      },
      text: `blx thumb island { ${innerText.join(" ; ")} }`,
    };
  }
  // Thumb: [blx island | addw rx, pc ; blx rx] [b.n over] [pad to 4] island(arm) over:
  const head = viaReg ? 6 : 4;
  return {
    state: "thumb",
    cover: [viaReg ? "T:BLX_r" : "T:BLX_i"],
    // the size depends on the alignment of `at`; reserve the worst case and pad with nops
    size: head + 2 + 2 + innerSize,
    build: (at) => {
      const afterB = at + head + 2;
      const island = (afterB + 3) & ~3;
      const out: Emitted[] = viaReg
        ? [
            { word: T32.addw(rx, 15, island - ((at + 4) & ~3)), size: 4 },
            { word: 0x4780 | (rx << 3), size: 2 },
          ]
        : [{ word: T32.blx(at, island), size: 4 }];
      const end = at + head + 2 + 2 + innerSize;
      out.push({ word: T16.b(at + head, end), size: 2 });
      if (island !== afterB) out.push({ word: T16.nop(), size: 2 });
      out.push(...inner);
      if (island === afterB) out.push({ word: T16.nop(), size: 2 });
      return out;
    },
    text: `blx arm island { ${innerText.join(" ; ")} }`,
  };
}

/** ldrex / a few ALU instructions / strex on the same aligned scratch word (the strex succeeds). */
function exclusiveItem(g: Gen, thumb: boolean): Item {
  const rng = g.rng;
  const regs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12];
  const rn = rng.pick(regs);
  const rt = rng.pick(regs.filter((r) => r !== rn));
  const rd = rng.pick(regs.filter((r) => r !== rn && r !== rt));
  const off = rng.range(-64, 255) * 4;
  const e: Emitted[] = [setupAdd(thumb, rn, off)];
  if (thumb) {
    e.push({ word: (0xe8500f00 | (rn << 16) | (rt << 12)) >>> 0, size: 4 });
    e.push({ word: T32.addw(rt, rt, rng.below(100)), size: 4 });
    e.push({ word: (0xe8400000 | (rn << 16) | (rt << 12) | (rd << 8)) >>> 0, size: 4 });
  } else {
    e.push({ word: (0xe1900f9f | (rn << 16) | (rt << 12)) >>> 0, size: 4 });
    e.push({ word: A32.addi(rt, rt, rng.below(100)), size: 4 });
    e.push({ word: (0xe1800f90 | (rn << 16) | (rd << 12) | rt) >>> 0, size: 4 });
  }
  return {
    state: thumb ? "thumb" : "arm",
    cover: [thumb ? "T:LDREX/STREX pair" : "A:LDREX/STREX pair"],
    size: e.reduce((s, x) => s + x.size, 0),
    build: () => e,
    text: `ldrex r${rt}, [r${rn}] ; add ; strex r${rd}, r${rt}, [r${rn}]`,
  };
}

/** An IT instruction and its 1..4 conditional instructions (Thumb). */
function itItem(g: Gen): Item {
  const rng = g.rng;
  const firstcond = rng.chance(0.05) ? rng.pick([14, 15]) : rng.below(14);
  const count = rng.range(1, 4);
  let mask = 1 << (4 - count); // the terminating 1
  for (let i = 0; i < count - 1; i++) if (rng.chance(0.5)) mask |= 1 << (3 - i);
  const it = 0xbf00 | (firstcond << 4) | mask;
  const parts: Emitted[] = [{ word: it, size: 2 }];
  const texts = [`it ${firstcond}/${mask.toString(2)}`];
  for (let i = 0; i < count; i++) {
    const r = g.randomWord(true, true, false);
    parts.push({ word: r.word, size: r.size });
    texts.push(r.d.name);
    g.cover.set(`T:${r.d.name}(IT)`, (g.cover.get(`T:${r.d.name}(IT)`) ?? 0) + 1);
  }
  return {
    state: "thumb",
    cover: ["T:IT"],
    size: parts.reduce((s, e) => s + e.size, 0),
    build: () => parts,
    text: texts.join(" ; "),
  };
}

// ---------------------------------------------------------------------------
// The fixed code: prologue, dump, handler, epilogue (ARM state)

class Code {
  bytes: number[] = [];
  constructor(readonly base: number) {}
  get pc(): number {
    return this.base + this.bytes.length;
  }
  emit(e: Emitted): void {
    if (e.size === 2) this.bytes.push(e.word & 0xff, (e.word >>> 8) & 0xff);
    else if (e.size === 4 && (e.thumb ?? this.thumbWide)) {
      // a 32-bit Thumb instruction: first halfword first
      const hi = e.word >>> 16,
        lo = e.word & 0xffff;
      this.bytes.push(hi & 0xff, hi >>> 8, lo & 0xff, lo >>> 8);
    } else this.bytes.push(e.word & 0xff, (e.word >>> 8) & 0xff, (e.word >>> 16) & 0xff, (e.word >>> 24) & 0xff);
  }
  /** Set while emitting Thumb code: 32-bit words are two halfwords. */
  thumbWide = false;
  a(word: number): void {
    this.thumbWide = false;
    this.emit({ word, size: 4 });
  }
  align4(thumbPad: boolean): void {
    while (this.bytes.length % 4) {
      if (thumbPad) this.bytes.push(0x00, 0xbf);
      else this.bytes.push(0);
    }
  }
  patch(at: number, word: number): void {
    const o = at - this.base;
    for (let i = 0; i < 4; i++) this.bytes[o + i] = (word >>> (8 * i)) & 0xff;
  }
}

const L = ARM_LAYOUT;

/** The dump routine (ARM): writes a state record, keeps every register, flag and FP register. */
function emitDump(c: Code, memDump: boolean): void {
  const rec = L.REC;
  // r0..r8 at [3..11], r9 at [12], r10..r13 at [13..16]
  for (let r = 0; r <= 13; r++) c.a(A32.str(r, BASE_REG, rec + 12 + 4 * r));
  c.a(A32.ldr(0, BASE_REG, L.LR));
  c.a(A32.str(0, BASE_REG, rec + 12 + 4 * 14));
  c.a(A32.movw(0, 0));
  c.a(A32.str(0, BASE_REG, rec + 12 + 4 * 15));
  c.a(A32.str(0, BASE_REG, rec + 4));
  c.a(A32.str(0, BASE_REG, rec + 8));
  c.a(A32.mrs(0));
  c.a(A32.str(0, BASE_REG, rec + 4 * 19));
  c.a(A32.vmrs(0));
  c.a(A32.str(0, BASE_REG, rec + 4 * 20));
  c.a(A32.addi(0, BASE_REG, L.REC));
  c.a(A32.addi(0, 0, 4 * 21));
  c.a(A32.vstm(0, 0, 16));
  c.a(A32.ldr(0, BASE_REG, L.COUNTER));
  c.a(A32.addi(0, 0, 1));
  c.a(A32.str(0, BASE_REG, L.COUNTER));
  c.a(A32.str(0, BASE_REG, rec));
  c.a(A32.movw(0, 1));
  c.a(A32.addi(1, BASE_REG, L.REC));
  c.a(A32.movw(2, ARM_RECORD_SIZE));
  c.a(A32.movw(7, 4)); // write
  c.a(A32.svc0());
  if (memDump) {
    // the scratch memory too (after every record when localizing memory differences)
    c.a(A32.movw(0, 1));
    c.a(A32.addi(1, BASE_REG, L.SCRATCH));
    c.a(A32.movw(2, L.SCRATCH_SIZE));
    c.a(A32.svc0());
  }
  c.a(A32.ldr(0, BASE_REG, rec + 12));
  c.a(A32.ldr(1, BASE_REG, rec + 16));
  c.a(A32.ldr(2, BASE_REG, rec + 20));
  c.a(A32.ldr(7, BASE_REG, rec + 12 + 28));
  c.a(A32.bx(14));
}

/**
 * The fault handler (ARM, SA_SIGINFO): r0 signo, r1 siginfo, r2 ucontext. Writes a record with
 * the frame's registers, then moves the frame's pc past the faulting instruction and advances its
 * IT state (ITAdvance), and returns through the kernel's trampoline.
 */
function emitHandler(c: Code, faultRec: number, blocksEnd: number): void {
  const lit: Array<[number, number, number]> = [];
  const ldrLit = (rt: number, value: number) => {
    lit.push([c.pc, rt, value]);
    c.a(A32.ldr(rt, 15, 0)); // patched below
    return rt;
  };
  ldrLit(4, faultRec);
  c.a(A32.dpi(12, false, 3, 0, 0x80000000)); // orr r3, r0, #0x80000000
  c.a(A32.str(3, 4, 0));
  c.a(A32.ldr(3, 1, 8)); // si_code
  c.a(A32.str(3, 4, 4));
  c.a(A32.ldr(3, 1, 12)); // si_addr
  c.a(A32.str(3, 4, 8));
  const copy = (from: number, to: number, n: number) => {
    c.a(A32.addi(5, 2, from));
    c.a(A32.addi(6, 4, to));
    c.a(A32.movw(7, 0));
    const loop = c.pc;
    c.a(A32.ldrr(3, 5, 7, 2));
    c.a(A32.strr(3, 6, 7, 2));
    c.a(A32.addi(7, 7, 1));
    c.a(A32.dpi(10, true, 0, 7, n)); // cmp r7, #n
    c.a(A32.b(c.pc, loop, 0xb)); // blt
  };
  copy(32, 12, 17); // arm_r0 .. arm_cpsr -> [3..19]
  c.a(A32.ldr(3, 2, 232 + 264)); // vfp fpscr
  c.a(A32.str(3, 4, 80));
  copy(240, 84, 32); // d0..d15 -> [21..52]
  c.a(A32.dpr(13, false, 8, 0, 2)); // mov r8, r2
  c.a(A32.movw(0, 1));
  c.a(A32.dpr(13, false, 1, 0, 4)); // mov r1, r4
  c.a(A32.movw(2, ARM_RECORD_SIZE));
  c.a(A32.movw(7, 4));
  c.a(A32.svc0());
  // resume after the faulting instruction; a fault outside the blocks (a wild jump, or in the
  // harness itself) ends the program with exit status 99
  c.a(A32.ldr(0, 8, 92)); // pc
  ldrLit(3, L.TEXT);
  c.a(A32.dpr(10, true, 0, 0, 3)); // cmp r0, r3
  const bBad1 = c.pc;
  c.a(0); // blo bad
  ldrLit(3, blocksEnd);
  c.a(A32.dpr(10, true, 0, 0, 3));
  const bBad2 = c.pc;
  c.a(0); // bhs bad
  c.a(A32.ldr(1, 8, 96)); // cpsr
  c.a(A32.dpi(8, true, 0, 1, 0x20)); // tst r1, #T
  const bThumb = c.pc;
  c.a(0); // bne thumb (patched)
  c.a(A32.addi(0, 0, 4));
  const bStore = c.pc;
  c.a(0); // b store (patched)
  const thumb = c.pc;
  c.patch(bThumb, A32.b(bThumb, thumb, 1));
  c.a(A32.ldrh(3, 0));
  c.a(A32.movsh(3, 3, 1, 11)); // lsr #11
  c.a(A32.dpi(10, true, 0, 3, 0x1d)); // cmp r3, #0x1d
  c.a(((A32.addi(0, 0, 2) & 0x0fffffff) | (3 << 28)) >>> 0); // addlo
  c.a(((A32.addi(0, 0, 4) & 0x0fffffff) | (2 << 28)) >>> 0); // addhs
  // ITAdvance on the IT bits of r1: IT[1:0] = cpsr[26:25], IT[7:2] = cpsr[15:10]
  c.a(A32.movsh(5, 1, 1, 25));
  c.a(A32.dpi(0, false, 5, 5, 3));
  c.a(A32.movsh(6, 1, 1, 10));
  c.a(A32.dpi(0, false, 6, 6, 0x3f));
  c.a(((A32.dpr(12, false, 5, 5, 6) | (2 << 7)) >>> 0) >>> 0); // orr r5, r5, r6, lsl #2
  c.a(A32.dpi(8, true, 0, 5, 7)); // tst r5, #7
  c.a(((A32.dpi(13, false, 5, 0, 0) & 0x0fffffff) | (0 << 28)) >>> 0); // moveq r5, #0
  const bDone = c.pc;
  c.a(0); // beq itdone (patched)
  c.a(A32.dpi(0, false, 6, 5, 0xe0));
  c.a(A32.dpi(0, false, 5, 5, 0x1f));
  c.a(A32.movsh(5, 5, 0, 1));
  c.a(A32.dpi(0, false, 5, 5, 0x1f));
  c.a(A32.dpr(12, false, 5, 5, 6));
  const itdone = c.pc;
  c.patch(bDone, A32.b(bDone, itdone, 0));
  c.a(A32.dpi(14, false, 1, 1, 0x06000000)); // bic IT[1:0]
  c.a(A32.dpi(14, false, 1, 1, 0x0000fc00)); // bic IT[7:2]
  c.a(A32.dpi(0, false, 6, 5, 3));
  c.a(((A32.dpr(12, false, 1, 1, 6) | (25 << 7)) >>> 0) >>> 0); // orr r1, r1, r6, lsl #25
  c.a(A32.movsh(6, 5, 1, 2));
  c.a(((A32.dpr(12, false, 1, 1, 6) | (10 << 7)) >>> 0) >>> 0); // orr r1, r1, r6, lsl #10
  const store = c.pc;
  c.patch(bStore, A32.b(bStore, store));
  c.a(A32.str(0, 8, 92));
  c.a(A32.str(1, 8, 96));
  c.a(A32.bx(14));
  const bad = c.pc;
  c.patch(bBad1, A32.b(bBad1, bad, 3));
  c.patch(bBad2, A32.b(bBad2, bad, 2));
  c.a(A32.movw(0, 99));
  c.a(A32.movw(7, 248)); // exit_group
  c.a(A32.svc0());
  // literal pool
  for (const [at, rt, value] of lit) {
    c.patch(at, A32.ldrLit(at, rt, c.pc));
    c.a(value >>> 0);
  }
}

/** Random initial register values, biased to interesting ones. */
function randomWord32(rng: Rng): number {
  switch (rng.below(8)) {
    case 0:
      return rng.pick([0, 1, -1, 0x7fffffff, 0x80000000, 0xffff, 0x8000, 0x7f, 0x80, 31, 32, 0x100]) >>> 0;
    case 1:
      return rng.range(-16, 16) >>> 0;
    case 2:
      return (1 << rng.below(32)) >>> 0;
    case 3:
      return (L.B + rng.range(-256, 256) * 4) >>> 0;
    default:
      return rng.u32();
  }
}

function randomDouble(rng: Rng): [number, number] {
  const specials: Array<[number, number]> = [
    [0, 0],
    [0, 0x80000000],
    [0, 0x7ff00000],
    [0, 0xfff00000],
    [0, 0x7ff80000],
    [1, 0x7ff00000],
    [0, 0x7ff40000],
    [1, 0],
    [0xffffffff, 0x000fffff],
    [0, 0x00100000],
    [0xffffffff, 0x7fefffff],
    [0, 0x3ff00000],
    [0, 0xbff00000],
    [0, 0x3fe00000],
    [0, 0x41e00000],
    [0, 0xc1e00000],
    [0, 0x41f00000],
    [0xffc00000, 0x41dfffff],
  ];
  if (rng.chance(0.3)) return rng.pick(specials);
  if (rng.chance(0.4)) {
    // two singles (S registers) with special values
    const s = () =>
      rng.chance(0.4)
        ? rng.pick([
            0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0x00000001, 0x007fffff, 0x00800000, 0x3f800000, 0x4f000000,
            0xcf000000, 0x7f7fffff,
          ])
        : ((rng.below(2) << 31) | ((rng.range(100, 160) & 0xff) << 23) | (rng.u32() & 0x7fffff)) >>> 0;
    return [s() >>> 0, s() >>> 0];
  }
  const exp = rng.chance(0.2) ? rng.below(0x800) : 0x3ff + rng.range(-80, 80);
  return [rng.u32(), ((rng.below(2) << 31) | (exp << 20) | (rng.u32() & 0xfffff)) >>> 0];
}

export function buildArmProgram(seed: number, index: number, insnTarget: number, opts: ArmGenOptions = {}): ArmProgram {
  const rng = new Rng(seed, index, 0xa4a);
  const g = new Gen(rng);
  const [minItems, maxItems] = opts.blockItems ?? [12, 40];
  const thumbShare = opts.thumbShare ?? 0.5;
  const c = new Code(L.TEXT);
  const symbols: ArmElfSymbol[] = [];
  const mark = (name: string, addr: number, type: ArmElfSymbol["type"] = "notype") => symbols.push({ name, addr, type });

  // ---- data: initial state, sigaction, stack_t
  const data = new Uint8Array(L.DATA_SIZE);
  const dv = new DataView(data.buffer);
  const put = (addr: number, v: number) => dv.setUint32(addr - L.DATA, v >>> 0, true);
  for (let i = 0; i < 16; i++) {
    const [lo, hi] = randomDouble(rng);
    put(L.INIT + 8 * i, lo);
    put(L.INIT + 8 * i + 4, hi);
  }
  // FPSCR: rounding mode, FZ, DN, AHP, some cumulative flags and NZCV; Len/Stride 0
  let fpscr = rng.below(4) << 22;
  if (rng.chance(0.3)) fpscr |= 1 << 24;
  if (rng.chance(0.3)) fpscr |= 1 << 25;
  if (rng.chance(0.2)) fpscr |= 1 << 26;
  if (rng.chance(0.3)) fpscr |= rng.u32() & 0x9f;
  fpscr |= rng.u32() & 0xf0000000;
  put(L.INIT + 128, fpscr);
  put(L.INIT + 132, rng.u32() & 0xf80f0000); // NZCVQ, GE
  const initRegs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14];
  initRegs.forEach((r, i) => put(L.INIT + 136 + 4 * i, r === 13 ? L.B + 0x800 : randomWord32(rng)));
  // struct sigaction: handler and restorer (patched once known), flags SA_SIGINFO|SA_RESTORER|SA_ONSTACK|SA_NODEFER, mask 0
  put(L.SIGACTION + 4, 0x4 | 0x04000000 | 0x08000000 | 0x40000000);
  put(L.SIGSTACK, L.ALTSTACK);
  put(L.SIGSTACK + 4, 0);
  put(L.SIGSTACK + 8, L.ALTSTACK_SIZE);

  // ---- _start (ARM)
  mark("_start", c.pc, "func");
  mark("$a", c.pc);
  c.a(A32.movw(BASE_REG, L.B & 0xffff));
  c.a(A32.movt(BASE_REG, L.B >>> 16));
  // The emulators' stacks (and QEMU's vDSO, tciemu's signal trampolines) are at different
  // places: unmap them so that random addresses find the same memory in both. Nothing here uses
  // the initial stack; the handler runs on its own stack and returns through its own restorer.
  for (const base of [0x40000000, 0xbe000000]) {
    c.a(A32.movw(0, 0));
    c.a(A32.movt(0, base >>> 16));
    c.a(A32.movw(1, 0));
    c.a(A32.movt(1, 0x100));
    c.a(A32.movw(7, 91)); // munmap
    c.a(A32.svc0());
  }
  // sigaltstack(&ss, NULL)
  c.a(A32.movw(0, L.SIGSTACK & 0xffff));
  c.a(A32.movt(0, L.SIGSTACK >>> 16));
  c.a(A32.movw(1, 0));
  c.a(A32.movw(7, 186));
  c.a(A32.svc0());
  for (const sig of [4, 5, 7, 8, 11]) {
    c.a(A32.movw(0, sig));
    c.a(A32.movw(1, L.SIGACTION & 0xffff));
    c.a(A32.movt(1, L.SIGACTION >>> 16));
    c.a(A32.movw(2, 0));
    c.a(A32.movw(3, 8));
    c.a(A32.movw(7, 174));
    c.a(A32.svc0());
  }
  c.a(A32.movw(0, L.INIT & 0xffff));
  c.a(A32.movt(0, L.INIT >>> 16));
  c.a(A32.vldm(0, 0, 16));
  c.a(A32.ldr(1, 0, 128));
  c.a(A32.vmsr(1));
  c.a(A32.ldr(1, 0, 132));
  c.a(A32.msr(1));
  c.a(A32.addi(0, 0, 136));
  c.a(A32.ldm(0, 0x7dff)); // r0..r8, r10..r14
  const dumpCalls: number[] = [];
  // record 0
  c.a(A32.str(14, BASE_REG, L.LR));
  dumpCalls.push(c.pc);
  c.a(0);
  c.a(A32.ldr(14, BASE_REG, L.LR));

  // ---- blocks
  const blocks: ArmBlockInfo[] = [];
  let state: "arm" | "thumb" = "arm";
  const items0Text: string[] = [];
  void items0Text;
  while (g.insns < insnTarget) {
    const thumb = rng.chance(thumbShare);
    const want: "arm" | "thumb" = thumb ? "thumb" : "arm";
    const n = rng.range(minItems, maxItems);
    // the items
    const items: Item[] = [];
    while (items.length < n) {
      const k = rng.below(100);
      const remaining = n - items.length;
      let it: Item;
      if (k < 6 && remaining > 2) it = branchItem(g, thumb, rng.range(0, Math.min(3, remaining - 2)));
      else if (k < 8) it = blNextItem(thumb);
      else if (k < 10) it = bxNextItem(g, thumb);
      else if (k < 13) it = islandItem(g, thumb);
      else if (k < 15) it = exclusiveItem(g, thumb);
      else if (thumb && k < 25) it = itItem(g);
      else it = randomItem(g, thumb, false, false);
      for (const cv of it.cover) g.cover.set(cv, (g.cover.get(cv) ?? 0) + 1);
      items.push(it);
    }
    // transition into the block's state (saving lr around the blx)
    if (want !== state) {
      if (state === "arm") {
        c.a(A32.str(14, BASE_REG, L.LR));
        const at = c.pc;
        c.a(0);
        c.thumbWide = true;
        const entry = c.pc;
        c.patch(at, A32.blxi(at, entry));
        mark("$t", entry);
        c.emit({ word: T32.ldr(14, BASE_REG, L.LR), size: 4, thumb: true });
      } else {
        c.thumbWide = true;
        c.emit({ word: T32.str(14, BASE_REG, L.LR), size: 4, thumb: true });
        const at = c.pc;
        // blx to the next 4-aligned address: pad after it
        const target = (at + 4 + 3) & ~3;
        c.emit({ word: T32.blx(at, target), size: 4 });
        while (c.pc < target) c.emit({ word: T16.nop(), size: 2 });
        mark("$a", c.pc);
        c.a(A32.ldr(14, BASE_REG, L.LR));
      }
      state = want;
    }
    c.thumbWide = thumb;
    const start = c.pc;
    mark(`block_${blocks.length + 1}`, start, "func");
    // addresses of items (sizes are fixed; Thumb islands pad themselves)
    const addrs: number[] = [];
    let at = start;
    for (const it of items) {
      addrs.push(at);
      at += it.size;
    }
    addrs.push(at);
    const lines: string[] = [];
    items.forEach((it, i) => {
      const es = it.build(addrs[i]!, (k) => addrs[Math.min(i + k, items.length)]!);
      let sz = 0;
      for (const e of es) {
        c.emit(e);
        sz += e.size;
      }
      if (sz !== it.size) throw new Error(`arm-generate: item size ${sz} != ${it.size} (${it.text})`);
      lines.push(`${hex(addrs[i]!)}: ${it.text}`);
      g.insns += es.length;
    });
    // end of block: save lr, call dump (ARM), restore lr
    if (thumb) {
      c.emit({ word: T32.str(14, BASE_REG, L.LR), size: 4, thumb: true });
      dumpCalls.push(-c.pc); // negative: a Thumb blx
      c.emit({ word: 0, size: 4 });
      c.emit({ word: T32.ldr(14, BASE_REG, L.LR), size: 4, thumb: true });
    } else {
      c.a(A32.str(14, BASE_REG, L.LR));
      dumpCalls.push(c.pc);
      c.a(0);
      c.a(A32.ldr(14, BASE_REG, L.LR));
    }
    blocks.push({ index: blocks.length + 1, start, end: c.pc, thumb, lines });
  }
  // ---- back to ARM, epilogue
  if (state === "thumb") {
    c.thumbWide = true;
    const at = c.pc;
    const target = (at + 4 + 3) & ~3;
    c.emit({ word: T32.blx(at, target), size: 4 });
    while (c.pc < target) c.emit({ word: T16.nop(), size: 2 });
  }
  c.thumbWide = false;
  mark("epilogue", c.pc, "func");
  mark("$a", c.pc);
  c.a(A32.movw(0, 1));
  c.a(A32.addi(1, BASE_REG, L.SCRATCH));
  c.a(A32.movw(2, L.SCRATCH_SIZE));
  c.a(A32.movw(7, 4));
  c.a(A32.svc0());
  c.a(A32.movw(0, 0));
  c.a(A32.movw(7, 248)); // exit_group
  c.a(A32.svc0());
  // ---- dump, handler
  const dump = c.pc;
  mark("dump", dump, "func");
  emitDump(c, opts.memDumpEveryBlock ?? false);
  const handler = c.pc;
  mark("handler", handler, "func");
  emitHandler(c, L.B + L.FAULTREC, dump);
  put(L.SIGACTION, handler);
  // sa_restorer: rt_sigreturn
  put(L.SIGACTION + 8, c.pc);
  mark("restorer", c.pc, "func");
  c.a(A32.movw(7, 173));
  c.a(A32.svc0());
  for (const at of dumpCalls) {
    if (at > 0) c.patch(at, A32.bl(at, dump));
    else {
      const a = -at;
      const w = T32.blx(a, dump);
      const o = a - c.base;
      const hi = w >>> 16,
        lo = w & 0xffff;
      c.bytes[o] = hi & 0xff;
      c.bytes[o + 1] = hi >>> 8;
      c.bytes[o + 2] = lo & 0xff;
      c.bytes[o + 3] = lo >>> 8;
    }
  }
  // mapping symbols for the Thumb blocks
  for (const b of blocks) mark(b.thumb ? "$t" : "$a", b.start);
  const text = Uint8Array.from(c.bytes);
  const elf = writeArmElf({ text, textAddr: L.TEXT, data, dataAddr: L.DATA, entry: L.TEXT, symbols });
  return {
    seed,
    index,
    elf,
    blocks,
    insnCount: g.insns,
    staticInsns: c.bytes.length / 2,
    coverage: g.cover,
    features: g.features,
    memDumpEveryBlock: opts.memDumpEveryBlock ?? false,
  };
}

/** Every pattern name the generator can produce, per state (for the coverage report). */
export function armCoverageKeys(): string[] {
  const { arm, thumb } = loadPatterns();
  const keys = new Set<string>();
  for (const p of arm) keys.add(`A:${p.p.name}`);
  for (const p of thumb) keys.add(`T:${p.p.name}`);
  for (const b of BRANCHES) {
    keys.delete(`A:${b}`);
    keys.delete(`T:${b}`);
  }
  return [...keys].sort();
}
