// Everything the interpreter touches, gathered in one object of fixed shape so the hot loop can load
// it into local variables once per entry. All of it is typed arrays and a few plain objects; the core
// has no Node-only dependency.
import type { HelperFn } from "../tcg/context.ts";
import { keepScratchArraysFast, withUnfrozenPrototype } from "./unfrozen-prototype.ts";

/** R-file slots the execution engine itself owns; a target's guest state starts at ENV_TARGET_BASE. */
export const ENV_BUDGET = 0; // guest instructions left in this slice (icount-style budget)
/** Always 0: the cs_base operand of lookup_tb for targets whose TBs have no cs_base. */
export const ENV_ZERO = 1;
export const ENV_TARGET_BASE = 2;

// ---- softmmu geometry: the one place that defines guest pages and the TLB's shape.
// Every guest tciemu has (RISC-V, i386, ARMv7) uses 4 KiB pages, as QEMU's TARGET_PAGE_BITS for them;
// a target states its page size (GuestTarget.pageBits) and the engine checks it against this.
export const PAGE_BITS = 12;
export const PAGE_SIZE = 1 << PAGE_BITS;
/** Clears the offset within a page (as a signed int32). */
export const PAGE_MASK = -PAGE_SIZE;
export const TLB_SIZE_BITS = 10; // entries per mmu index
export const TLB_SIZE = 1 << TLB_SIZE_BITS;
export const TLB_MASK = TLB_SIZE - 1;
export const MAX_MMU_IDX = 8;

/** Index of the TLB entry for the page of guest address (lo, _) within one mmu index's table. */
export function tlbIndex(lo: number): number {
  return (lo >>> PAGE_BITS) & TLB_MASK;
}

// ---- the jump cache: direct-mapped, pc -> TB, as QEMU's tb_jmp_cache.
export const JC_BITS = 12; // entries, as QEMU's TB_JMP_CACHE_BITS
export const JC_SIZE = 1 << JC_BITS;
export const JC_MASK = JC_SIZE - 1;

/**
 * The jump-cache slot of a TB starting at guest pc (lo, _): the one hash function every lookup and
 * insert uses (the interpreter's lookup_tb, the CPU loop, invalidation). Instructions start on even
 * addresses on RISC-V and ARM, so bit 0 carries nothing there; on x86 neighbouring pcs rarely both
 * start TBs.
 */
export function jcIndex(lo: number): number {
  return (lo >>> 1) & JC_MASK;
}

/** Interpreter return values. */
export const EXIT_NOCHAIN = -1; // exit_tb(0)-style: no chaining possible
export const EXIT_REQUESTED_BASE = -2; // -2 - tbId: tb_start found the budget spent; tb never ran

/** The out-of-line half of guest memory access: TLB miss, MMIO, unaligned, code pages, faults. */
export interface SlowPath {
  /** Returns the low 32 bits of the loaded value (extended per memop); sets `hi` for 64-bit loads. */
  load(lo: number, hi: number, memop: number, tlbBase: number, retaddr: number): number;
  /** Stores the low (8 << size) bits of (vlo, vhi). */
  store(vlo: number, vhi: number, lo: number, hi: number, memop: number, tlbBase: number, retaddr: number): void;
  hi: number;
}

export class TciState {
  /** The register file: engine slots, guest state (globals), scratch, then TB temps. */
  R: Int32Array;
  /** Byte and half-word views of R, for sub-word guest-state fields. */
  R8: Uint8Array;
  R16: Uint16Array;
  code: Int32Array;

  // Guest RAM views (replaced together when RAM is attached).
  mem8: Uint8Array = new Uint8Array(0);
  mem8s: Int8Array = new Int8Array(0);
  mem16: Uint16Array = new Uint16Array(0);
  mem16s: Int16Array = new Int16Array(0);
  mem32: Int32Array = new Int32Array(0);

  // Softmmu TLB: per (mmu index, entry) the page address tags (flag bits in the low bits force the
  // slow path) and the addend that turns a guest virtual address into a RAM byte offset.
  readonly tlbReadLo = new Int32Array(MAX_MMU_IDX * TLB_SIZE).fill(-1);
  readonly tlbReadHi = new Int32Array(MAX_MMU_IDX * TLB_SIZE);
  readonly tlbWriteLo = new Int32Array(MAX_MMU_IDX * TLB_SIZE).fill(-1);
  readonly tlbWriteHi = new Int32Array(MAX_MMU_IDX * TLB_SIZE);
  readonly tlbAddend = new Int32Array(MAX_MMU_IDX * TLB_SIZE);

  /** Per TB jump slot (tb * 2 + n): the code offset of the chained TB, or -1. */
  jmpTarget: Int32Array;

  // Jump cache for lookup_and_goto_ptr: the TB key (pc pair, cs_base, flags) -> code offset.
  readonly jcLo = new Int32Array(JC_SIZE);
  readonly jcHi = new Int32Array(JC_SIZE);
  readonly jcCsBase = new Int32Array(JC_SIZE);
  readonly jcFlags = new Int32Array(JC_SIZE).fill(-1);
  readonly jcCode = new Int32Array(JC_SIZE).fill(-1);
  readonly jcTb = new Int32Array(JC_SIZE).fill(-1);

  helpers: HelperFn[] = [];
  slow: SlowPath;
  /** Bytecode offset of the op that called a helper or the slow path (QEMU's GETPC()). */
  retaddr = 0;

  constructor(rSlots: number, codeWords: number, maxTbs: number, slow: SlowPath) {
    this.R = new Int32Array(rSlots);
    this.R8 = new Uint8Array(this.R.buffer);
    this.R16 = new Uint16Array(this.R.buffer);
    this.code = new Int32Array(codeWords);
    this.jmpTarget = new Int32Array(maxTbs * 2).fill(-1);
    this.slow = slow;
    this.keepStoresFast();
  }

  /** Under SES's lockdown, V8 11 stores slowly into typed arrays with frozen prototypes: see unfrozen-prototype.ts. */
  private keepStoresFast(): void {
    for (const v of Object.values(this)) if (ArrayBuffer.isView(v)) withUnfrozenPrototype(v);
    keepScratchArraysFast();
  }

  attachRam(buf: ArrayBuffer): void {
    this.mem8 = new Uint8Array(buf);
    this.mem8s = new Int8Array(buf);
    this.mem16 = new Uint16Array(buf);
    this.mem16s = new Int16Array(buf);
    this.mem32 = new Int32Array(buf);
    this.keepStoresFast();
  }
}
