// What a guest architecture provides to the execution engine (QEMU's CPUClass/TCGCPUOps and
// TranslatorOps in one place): its guest state layout in the register file, how wide its addresses
// are, what keys its TBs, and the per-instruction half of translation.
import type { TcgContext } from "../tcg/context.ts";
import type { CodeSource, TranslatorOps } from "./translator.ts";

export interface GuestTarget {
  /**
   * Guest virtual address width. 32-bit guests keep addresses in i32 temps and their loads and
   * stores use the *_a32 bytecodes (the address wraps at 2^32 at no extra cost); 64-bit guests use
   * i64 address pairs.
   */
  readonly addressBits: 32 | 64;
  /** Guest page size as a power of two; must be the softmmu's PAGE_BITS. */
  readonly pageBits: number;
  /** R slot of the guest pc (low word of a pair; the high word is 0 for 32-bit guests). */
  readonly pcSlot: number;
  /** R slot of the TB key's cs_base word (x86's CS base, ARM's second flags word), or -1 if none. */
  readonly csBaseSlot: number;
  /** R slot of the TB-flags word: translation-relevant CPU state (mode, privilege, FP enabled...). */
  readonly flagsSlot: number;
  /** Number of R slots of guest state, from ENV_TARGET_BASE on. */
  readonly envSlots: number;
  /** Creates the TCG globals in ctx (called once). */
  initGlobals(ctx: TcgContext): void;
  /** The per-instruction half of translation; the engine's translatorLoop drives it. */
  readonly translator: TranslatorOps;
  /** Where guest code is read from (null for test guests that emit ops without reading code). */
  readonly code: CodeSource | null;
  /** Writes back per-instruction state (at least the pc) from an insn_start record (3 words each). */
  restoreState(data: Int32Array, index: number): void;
}
