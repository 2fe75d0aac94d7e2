/**
 * Instruction words for the disassembler tests: every pattern of
 * spec/arm/*.decode with random operand bits (and a few chosen operand
 * values), in the state the pattern belongs to, plus undefined encodings.
 * Words that would make testdata/arm/disas/driver.S misbehave are replaced:
 * A32 SVC immediates in the OABI syscall range (0x900000-0x9fffff), the
 * semihosting calls qemu-arm implements (SVC 0x123456 / 0xab, HLT 0xf000 /
 * 0x3c, BKPT 0xab), immediates moved into PC (see safe()) and branches to
 * themselves (the driver survives them, but each costs a timer tick).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DecodeNode, PatternDef } from "../../tools/decodetree/ast.ts";
import { type ArgSetRegistry, parseDecoder } from "../../tools/decodetree/parse.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** How the driver runs a word: A32, T16 (bits 15:0) or T32 (first halfword in bits 31:16). */
export const enum Mode {
  A32 = 0,
  T16 = 1,
  T32 = 2,
}

export interface TestWord {
  mode: Mode;
  word: number;
  /** The pattern it was made from, or a label for the undefined ones. */
  origin: string;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

function patterns(n: DecodeNode, out: PatternDef[] = []): PatternDef[] {
  if (n.kind === "group") for (const m of n.members) patterns(m, out);
  else out.push(n);
  return out;
}

/** The spec/arm patterns by decoder. */
export function armPatterns(): Record<"a32" | "uncond" | "vfp" | "t32" | "t16", PatternDef[]> {
  const reg: ArgSetRegistry = new Map();
  const parse = (f: string, w: 16 | 32) =>
    patterns(parseDecoder([{ path: `spec/arm/${f}`, text: readFileSync(join(ROOT, "spec/arm", f), "utf8") }], w, reg).root);
  return {
    a32: parse("a32.decode", 32),
    uncond: parse("a32-uncond.decode", 32),
    vfp: parse("vfp.decode", 32),
    t32: parse("t32.decode", 32),
    t16: parse("t16.decode", 16),
  };
}

/**
 * Whether the driver can run the word without trouble.  Besides the SVC
 * and self-branch cases, no immediate may be moved into PC: qemu-arm maps
 * the kuser helper page at 0xffff0000, and jumping into it anywhere but a
 * helper's entry makes qemu-arm abort ("unhandled CPU exception 0x9").
 */
function safe(mode: Mode, w: number): boolean {
  if (mode === Mode.A32) {
    const rd15 = ((w >>> 12) & 15) === 15;
    if (rd15 && (w & 0x0fb00000) === 0x03000000) return false; // movw/movt pc
    if ((w & 0x0fffffff) === 0x0f123456) return false; // svc 0x123456: semihosting in qemu-arm
    if ((w & 0x0ff000f0) === 0x01000070 && (((w >>> 4) & 0xfff0) | (w & 15)) === 0xf000) return false; // hlt 0xf000: semihosting
    if (rd15 && (w & 0x0e000000) === 0x02000000 && ((w >>> 21) & 15) >= 13) return false; // mov/mvn/bic pc, #imm
    if (w >>> 28 !== 15 && ((w >>> 24) & 15) === 15 && ((w >>> 20) & 15) === 9) return false; // svc #0x9xxxxx: an OABI syscall
    if (((w >>> 25) & 7) === 5 && (w & 0xffffff) === 0xfffffe) return false; // b/bl to itself
  }
  if (mode === Mode.T16 && (w & 0xffff) === 0xe7fe) return false;
  // 0xe800 and up start a 32-bit instruction on a Thumb-2 CPU: the 16-bit BL/BLX halves are for Thumb-1 only.
  if (mode === Mode.T16 && (w & 0xffff) >= 0xe800) return false;
  if (mode === Mode.T16 && ((w & 0xffff) === 0xdfab || (w & 0xffff) === 0xbabc || (w & 0xffff) === 0xbeab)) return false; // semihosting
  if (mode === Mode.T32 && (w & 0xf0008000) >>> 0 === 0xf0000000 && ((w >>> 8) & 15) === 15) return false; // data processing, immediate, to pc
  return true;
}

/**
 * `perPattern` words for every pattern: random operand bits, some with all
 * operand bits clear or set.  A32 patterns with a condition field get a
 * random condition other than 1111; VFP patterns run in both states (T32
 * with 1110 on top).
 */
export function patternWords(perPattern: number, seed: number): TestWord[] {
  const next = rng(seed);
  const p = armPatterns();
  const out: TestWord[] = [];
  const add = (list: PatternDef[], mode: Mode, fix: (w: number) => number) => {
    for (const pat of list) {
      for (let i = 0; i < perPattern; i++) {
        const free = ~pat.fixedmask >>> 0;
        const r = i === 0 ? 0 : i === 1 ? 0xffffffff : next();
        let w = fix(((r & free) | pat.fixedbits) >>> 0) >>> 0;
        if (mode === Mode.T16) w &= 0xffff;
        for (let tries = 0; !safe(mode, w) && tries < 20; tries++)
          w = fix((((next() & free) | pat.fixedbits) >>> 0) & (mode === Mode.T16 ? 0xffff : 0xffffffff)) >>> 0;
        if (safe(mode, w)) out.push({ mode, word: w >>> 0, origin: pat.name });
      }
    }
  };
  const cond = (w: number) => (w >>> 28 === 15 ? ((w & 0x0fffffff) | ((next() % 15) << 28)) >>> 0 : w);
  add(p.a32, Mode.A32, cond);
  add(p.uncond, Mode.A32, (w) => w);
  add(p.vfp, Mode.A32, cond);
  add(p.t32, Mode.T32, (w) => w);
  add(p.vfp, Mode.T32, (w) => ((w & 0x0fffffff) | 0xe0000000) >>> 0);
  add(p.t16, Mode.T16, (w) => w);
  return out;
}

/**
 * Undefined encodings (no pattern, so QEMU raises UNDEFINED) of kinds whose
 * text is known: the ARMv8 instructions cortex-a15 lacks (CRC32 and HLT,
 * which capstone rejects too; load-acquire/store-release, which it prints),
 * all-ones words, the generic coprocessor instructions (CDP, LDC/STC, their
 * "2" forms), VDUP, Thumb BXNS/BLXNS, and words whose should-be bits are
 * off, which LLVM only soft-fails (compares with Rd != 0, MVN with Rn != 0,
 * T32 data processing with bit 15 set, BX with nonzero low bits).
 */
export function undefinedWords(seed = 77, perClass = 24): TestWord[] {
  const a = (word: number, origin: string): TestWord => ({ mode: Mode.A32, word: word >>> 0, origin });
  const t = (word: number, origin: string): TestWord => ({ mode: word >>> 16 ? Mode.T32 : Mode.T16, word: word >>> 0, origin });
  const out: TestWord[] = [
    a(0xe1021045, "undef crc32b"),
    a(0xe1421245, "undef crc32cw"),
    a(0xe1900c9f, "undef lda"),
    a(0xe180fc91, "undef stl"),
    a(0xe1900e9f, "undef ldaex"),
    a(0xe1c02e91, "undef stlexb"),
    a(0xe1000070, "undef hlt"),
    a(0xffffffff, "undef all-ones"),
    a(0xe7ffffff, "undef all-ones cond"),
    a(0xe6000010, "undef media"),
    a(0xf57ff070, "undef sb"),
    t(0xba80, "undef t16 hlt"),
    t(0xfac0f080, "undef t32 crc32b"),
    t(0xe8d00faf, "undef t32 lda"),
    t(0xffffffff, "undef t32 all-ones"),
  ];
  const next = rng(seed);
  const cond = () => (next() % 15) << 28;
  const cp = () => [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15][next() % 13]!;
  /** `perClass` words: fixed bits, random elsewhere, then `fix`. */
  const cls = (origin: string, make: () => TestWord | null) => {
    for (let i = 0, n = 0; n < perClass && i < perClass * 20; i++) {
      const w = make();
      if (w && safe(w.mode, w.word)) {
        out.push(w);
        n++;
      }
    }
    void origin;
  };
  cls("cdp", () => a(cond() | 0x0e000000 | (next() & 0x00ff00ef) | (cp() << 8), "undef cdp"));
  cls("ldc/stc", () => a(cond() | 0x0c000000 | (next() & 0x01ff00ff) | (cp() << 8) | 0x00800000, "undef ldc/stc"));
  cls("cdp2/ldc2", () => a(0xfc000000 | (next() & 0x03ff00ff) | (cp() << 8), "undef coprocessor 2"));
  cls("compare rd", () => a(cond() | 0x01100000 | ((next() % 4) << 21) | (next() & 0x000fff6f) | 0x1000, "undef compare with rd"));
  cls("mvn rn", () => a(cond() | 0x01e00000 | (next() & 0x001fffef) | 0x10000, "undef mvn with rn"));
  cls("vdup", () => a(cond() | 0x0e800b10 | (next() & 0x006ff0a0), "undef vdup"));
  cls("t16 bx", () => t(0x4700 | (next() & 0xff), "undef t16 bx/bxns"));
  cls("t32 dp bit15", () => t(0xea000000 | (next() & 0x01ff7fff) | 0x8000, "undef t32 data processing bit 15"));
  cls("t32 coprocessor", () => t(0xec000000 | (next() & 0x11ff00ff) | (cp() << 8) | 0x00800000, "undef t32 coprocessor"));
  return out;
}
