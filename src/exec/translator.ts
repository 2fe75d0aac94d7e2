// The shared translator loop (QEMU's accel/tcg/translator.c: translator_loop and translator_ld*).
//
// A target translates one guest instruction at a time through its TranslatorOps; this loop owns
// everything that is the same for every guest:
//   - code fetch: guest virtual pc -> RAM through the target's CodeSource, little-endian reads of
//     1, 2 or 4 bytes that may cross into the next page (x86 and Thumb-2 instructions can), and the
//     list of RAM pages the TB's code came from (for invalidation when the code is written);
//   - the fetch-fault rule: the first instruction of a TB raises the target's fetch fault when its
//     bytes cannot be read; a later one instead ends the TB before itself (its ops are rewound), so
//     the fault is raised, precisely, when a new TB starts at that instruction;
//   - when a TB ends: at the instruction budget (max_insns), before an instruction that starts on
//     another page than the TB's first one, and before an instruction that has a breakpoint;
//   - the chaining decision (translator_use_goto_tb): direct jumps chain only within the first page.
import type { TcgBuilder } from "../tcg/builder.ts";
import { PAGE_BITS, PAGE_MASK } from "../tci/state.ts";

/** Why translation of a TB stops (QEMU's DisasJumpType); targets add their own values from Target. */
export const enum DisasJump {
  /** Keep translating. */
  Next = 0,
  /** The loop ended the TB (budget, page end, breakpoint): fall through to pcNext, chainable. */
  TooMany = 1,
  /** The instruction emitted its own TB exit. */
  NoReturn = 2,
  /** First value a target may use for its own kinds of TB end. */
  Target = 3,
}

/** Where the translator loop reads guest code (the process's address space, or the MMU). */
export interface CodeSource {
  /** RAM byte offset of the code byte at guest address (lo, hi) executed under `flags`, or -1. */
  codeRamOffset(lo: number, hi: number, flags: number): number;
  /** Raises the target's instruction fetch fault for (lo, hi) (CpuExec.raise with retaddr -1). */
  fetchFault(lo: number, hi: number, flags: number): never;
  /**
   * With an MMU whose mappings change (system mode): the RAM page holding the code at (pc, flags)
   * now, or -1. A TB found in the hash table is used only if it was translated from that page
   * (QEMU keys TBs by physical address too). Absent when virtual code addresses never move.
   */
  codePage?(lo: number, hi: number, flags: number): number;
}

/** The per-target part of translation (QEMU's TranslatorOps). Each method gets the loop's context. */
export interface TranslatorOps {
  /** Start of a TB: reset per-TB translator state from db (pc, flags, cs_base). */
  tbStart(db: DisasContext): void;
  /** Start of an instruction at db.pcNext: emit its insn_start (pc and the target's extra word). */
  insnStart(db: DisasContext): void;
  /**
   * Translates the instruction at db.pcNext: reads its bytes with db.code8/16/32 (all of them before
   * changing any translator state: a fetch that must end the TB rewinds only the emitted ops), emits
   * its ops, advances db.pcNext past it, and sets db.isJmp when the instruction ends the TB.
   */
  translateInsn(db: DisasContext): void;
  /** End of the TB: emit the exit that db.isJmp calls for (a chainable goto_tb for TooMany). */
  tbStop(db: DisasContext): void;
}

/** Thrown by a code fetch that must end the TB before the current (not first) instruction. */
const END_TB_BEFORE_INSN = { endTbBeforeInsn: true };

export interface TranslateResult {
  /** Guest instructions in the TB. */
  icount: number;
  /** RAM pages (byte offset >> PAGE_BITS) the guest code was read from, for invalidation on writes. */
  pages: number[];
}

/** QEMU's DisasContextBase: the state the loop and the target share while translating one TB. */
export class DisasContext {
  b!: TcgBuilder;
  pcFirstLo = 0;
  pcFirstHi = 0;
  csBase = 0;
  flags = 0;
  /** Address of the next instruction to translate (the current one, inside translateInsn). */
  pcNextLo = 0;
  pcNextHi = 0;
  isJmp: number = DisasJump.Next;
  numInsns = 0;
  maxInsns = 1;
  /** RAM pages the TB's code came from, in order of first use. */
  pages: number[] = [];
  /** Chaining is off for this TB (-d nochain). */
  noChain = false;

  // one-entry translation cache of the code source: virtual page -> RAM offset of that page
  private cachedPageLo = 1;
  private cachedPageHi = 0;
  private cachedRam = -1;
  private code: CodeSource | null = null;
  private readonly mem8: () => Uint8Array;

  constructor(mem8: () => Uint8Array) {
    this.mem8 = mem8;
  }

  /** Resets the context for a new TB (called by translatorLoop). */
  reset(b: TcgBuilder, code: CodeSource | null, pcLo: number, pcHi: number, csBase: number, flags: number, maxInsns: number): void {
    this.b = b;
    this.code = code;
    this.pcFirstLo = this.pcNextLo = pcLo;
    this.pcFirstHi = this.pcNextHi = pcHi;
    this.csBase = csBase;
    this.flags = flags;
    this.maxInsns = maxInsns;
    this.numInsns = 0;
    this.isJmp = DisasJump.Next;
    this.pages = [];
    this.cachedPageLo = 1; // no page has bit 0 set: nothing cached
    this.cachedRam = -1;
  }

  /** True when guest address (lo, hi) is on the TB's first page. */
  onFirstPage(lo: number, hi: number): boolean {
    return hi === this.pcFirstHi && (lo & PAGE_MASK) === (this.pcFirstLo & PAGE_MASK);
  }

  /** Whether a direct jump to (lo, hi) may chain with goto_tb (QEMU's translator_use_goto_tb). */
  useGotoTb(lo: number, hi: number): boolean {
    return !this.noChain && this.onFirstPage(lo, hi);
  }

  /** Advances pcNext by n bytes (wrapping the 64-bit pair). */
  advance(n: number): void {
    const lo = (this.pcNextLo + n) | 0;
    if (lo >>> 0 < this.pcNextLo >>> 0) this.pcNextHi = (this.pcNextHi + 1) | 0;
    this.pcNextLo = lo;
  }

  // ---- code fetch (QEMU's translator_ldub/lduw/ldl), little-endian

  /** The RAM offset of code byte (lo, hi), recording its page; ends the TB or faults if unreadable. */
  private ramOffset(lo: number, hi: number): number {
    const page = lo & PAGE_MASK;
    if (page !== this.cachedPageLo || hi !== this.cachedPageHi) {
      const code = this.code;
      if (!code) throw new Error("translator: this target reads no guest code");
      const off = code.codeRamOffset(page, hi, this.flags);
      if (off < 0) {
        if (this.numInsns <= 1) code.fetchFault(lo, hi, this.flags);
        throw END_TB_BEFORE_INSN;
      }
      this.cachedPageLo = page;
      this.cachedPageHi = hi;
      this.cachedRam = off;
      const ramPage = off >>> PAGE_BITS;
      if (!this.pages.includes(ramPage)) this.pages.push(ramPage);
    }
    return this.cachedRam + (lo & ~PAGE_MASK);
  }

  code8(lo: number, hi: number): number {
    return this.mem8()[this.ramOffset(lo, hi)];
  }

  code16(lo: number, hi: number): number {
    if ((lo & ~PAGE_MASK) <= ~PAGE_MASK - 1) {
      const m = this.mem8();
      const o = this.ramOffset(lo, hi);
      return m[o] | (m[o + 1] << 8);
    }
    const lo1 = (lo + 1) | 0;
    return this.code8(lo, hi) | (this.code8(lo1, lo1 === 0 ? (hi + 1) | 0 : hi) << 8);
  }

  code32(lo: number, hi: number): number {
    if ((lo & ~PAGE_MASK) <= ~PAGE_MASK - 3) {
      const m = this.mem8();
      const o = this.ramOffset(lo, hi);
      return m[o] | (m[o + 1] << 8) | (m[o + 2] << 16) | (m[o + 3] << 24);
    }
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const a = (lo + i) | 0;
      v |= this.code8(a, a >>> 0 < lo >>> 0 ? (hi + 1) | 0 : hi) << (8 * i);
    }
    return v;
  }
}

/**
 * Translates one TB (QEMU's translator_loop): instructions from db's pc until the target ends the
 * TB or one of the loop's rules does. `breakpointAt` says whether an instruction has a breakpoint
 * (the TB then ends before it, so that breakpoints are always at the start of a TB).
 */
export function translatorLoop(
  ops: TranslatorOps,
  db: DisasContext,
  breakpointAt: ((lo: number, hi: number) => boolean) | null,
): TranslateResult {
  const ctx = db.b.ctx;
  ops.tbStart(db);
  for (;;) {
    const insnLo = db.pcNextLo,
      insnHi = db.pcNextHi;
    if (db.numInsns > 0 && breakpointAt !== null && breakpointAt(insnLo, insnHi)) {
      db.isJmp = DisasJump.TooMany;
      break;
    }
    const mark = ctx.ops.length;
    db.numInsns++;
    ops.insnStart(db);
    try {
      ops.translateInsn(db);
    } catch (e) {
      if (e !== END_TB_BEFORE_INSN) throw e;
      // A later instruction's bytes are not readable (or on a page that is not mapped): end the TB
      // before it; the next TB starts there and raises the fault with the precise pc.
      ctx.ops.length = mark;
      db.numInsns--;
      db.pcNextLo = insnLo;
      db.pcNextHi = insnHi;
      db.isJmp = DisasJump.TooMany;
      break;
    }
    if (db.isJmp !== DisasJump.Next) break;
    if (db.numInsns >= db.maxInsns || !db.onFirstPage(db.pcNextLo, db.pcNextHi)) {
      db.isJmp = DisasJump.TooMany;
      break;
    }
  }
  ops.tbStop(db);
  return { icount: db.numInsns, pages: db.pages };
}
