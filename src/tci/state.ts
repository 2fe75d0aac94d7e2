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
// 2^14 entries, four times QEMU's TB_JMP_CACHE_BITS: a miss here leaves the interpreter for the CPU
// loop's lookup (a page walk in system mode and a Map probe), where QEMU's helper_lookup_tb_ptr
// probes its hash table in place. The riscv Debian boot left the interpreter 500k times with 2^12
// entries, 262k with 2^14 (204k with 2^16, which costs 1.3 MB per engine and a 512 KB fill per flush).
export const JC_BITS = 14;
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
/**
 * EXIT_PROMOTE_BASE - tbId: a cold TB's tb_cold ran out (nothing of the TB ran, its charge refunded).
 * Below every EXIT_REQUESTED_BASE - tbId (tb ids fit the 22-bit jump-slot field), and above -2^30 so
 * that tciExec's return value stays a small integer in V8 (a heap number would deoptimize it).
 */
export const EXIT_PROMOTE_BASE = -(1 << 29);

/** The out-of-line half of guest memory access: TLB miss, MMIO, unaligned, code pages, faults. */
export interface SlowPath {
  /** Returns the low 32 bits of the loaded value (extended per memop); sets `hi` for 64-bit loads. */
  load(lo: number, hi: number, memop: number, tlbBase: number, retaddr: number): number;
  /** Stores the low (8 << size) bits of (vlo, vhi). */
  store(vlo: number, vhi: number, lo: number, hi: number, memop: number, tlbBase: number, retaddr: number): void;
  hi: number;
}

/**
 * Everything the interpreter touches, in one object of fixed shape.
 *
 * The register file, the TLB, the jump slots, the jump cache and the code cache are views of ONE
 * Int32Array, `code`, at fixed word offsets (R at 0, so a slot index is also its index in `code`; code
 * offsets are indices in `code` too, so the code cache starts at codeBase). The interpreter reads them
 * all through `code`: V8 checks a typed array's map and loads its length and data pointer once per
 * array per op, so one array instead of seven saves that for every second operand of every op (R and
 * the code in every instruction, three TLB arrays in every guest access). Everyone else keeps using
 * the named views (S.R, S.tlbReadLo, ...), which alias the same words.
 */
export class TciState {
  /** The register file: engine slots, guest state (globals), scratch, then TB temps (a view of code). */
  R: Int32Array;
  /** Byte and half-word views of R, for sub-word guest-state fields. */
  R8: Uint8Array;
  R16: Uint16Array;
  /** All the interpreter's words (see above); the code cache is code[codeBase .. code.length). */
  code: Int32Array;
  /** First word of the code cache in `code`. */
  readonly codeBase: number;

  // Guest RAM views (replaced together when RAM is attached).
  mem8: Uint8Array = new Uint8Array(0);
  mem8s: Int8Array = new Int8Array(0);
  mem16: Uint16Array = new Uint16Array(0);
  mem16s: Int16Array = new Int16Array(0);
  mem32: Int32Array = new Int32Array(0);

  // Softmmu TLB: per (mmu index, entry) the page address tags (flag bits in the low bits force the
  // slow path) and the addend that turns a guest virtual address into a RAM byte offset.
  readonly tlbReadLo: Int32Array;
  readonly tlbReadHi: Int32Array;
  readonly tlbWriteLo: Int32Array;
  readonly tlbWriteHi: Int32Array;
  readonly tlbAddend: Int32Array;
  /** Where each TLB array starts in `code`. */
  readonly tlbReadLoAt: number;
  readonly tlbReadHiAt: number;
  readonly tlbWriteLoAt: number;
  readonly tlbWriteHiAt: number;
  readonly tlbAddendAt: number;

  /** Per TB jump slot (tb * 2 + n): the code offset of the chained TB, or -1. */
  readonly jmpTarget: Int32Array;
  readonly jmpTargetAt: number;

  // Jump cache for lookup_and_goto_ptr: the TB key (pc pair, cs_base, flags) -> code offset.
  readonly jcLo: Int32Array;
  readonly jcHi: Int32Array;
  readonly jcCsBase: Int32Array;
  readonly jcFlags: Int32Array;
  readonly jcCode: Int32Array;
  readonly jcTb: Int32Array;
  readonly jcLoAt: number;
  readonly jcHiAt: number;
  readonly jcCsBaseAt: number;
  readonly jcFlagsAt: number;
  readonly jcCodeAt: number;

  helpers: HelperFn[] = [];
  slow: SlowPath;
  /** Bytecode offset of the op that called a helper or the slow path (QEMU's GETPC()). */
  retaddr = 0;

  constructor(rSlots: number, codeWords: number, maxTbs: number, slow: SlowPath) {
    const tlbWords = MAX_MMU_IDX * TLB_SIZE;
    let at = rSlots;
    const take = (n: number): number => {
      const a = at;
      at += n;
      return a;
    };
    this.tlbReadLoAt = take(tlbWords);
    this.tlbReadHiAt = take(tlbWords);
    this.tlbWriteLoAt = take(tlbWords);
    this.tlbWriteHiAt = take(tlbWords);
    this.tlbAddendAt = take(tlbWords);
    this.jmpTargetAt = take(maxTbs * 2);
    this.jcLoAt = take(JC_SIZE);
    this.jcHiAt = take(JC_SIZE);
    this.jcCsBaseAt = take(JC_SIZE);
    this.jcFlagsAt = take(JC_SIZE);
    this.jcCodeAt = take(JC_SIZE);
    this.codeBase = at;
    const words = new Int32Array(at + codeWords);
    const view = (from: number, n: number) => words.subarray(from, from + n);
    this.code = words;
    this.R = view(0, rSlots);
    this.R8 = new Uint8Array(words.buffer, 0, rSlots * 4);
    this.R16 = new Uint16Array(words.buffer, 0, rSlots * 2);
    this.tlbReadLo = view(this.tlbReadLoAt, tlbWords).fill(-1);
    this.tlbReadHi = view(this.tlbReadHiAt, tlbWords);
    this.tlbWriteLo = view(this.tlbWriteLoAt, tlbWords).fill(-1);
    this.tlbWriteHi = view(this.tlbWriteHiAt, tlbWords);
    this.tlbAddend = view(this.tlbAddendAt, tlbWords);
    this.jmpTarget = view(this.jmpTargetAt, maxTbs * 2).fill(-1);
    this.jcLo = view(this.jcLoAt, JC_SIZE);
    this.jcHi = view(this.jcHiAt, JC_SIZE);
    this.jcCsBase = view(this.jcCsBaseAt, JC_SIZE);
    this.jcFlags = view(this.jcFlagsAt, JC_SIZE).fill(-1);
    this.jcCode = view(this.jcCodeAt, JC_SIZE).fill(-1);
    this.jcTb = new Int32Array(JC_SIZE).fill(-1); // not read by the interpreter
    this.slow = slow;
    this.keepStoresFast();
  }

  /** Under SES's lockdown, V8 11 stores slowly into typed arrays with frozen prototypes: see unfrozen-prototype.ts. */
  private keepStoresFast(): void {
    for (const v of Object.values(this)) if (ArrayBuffer.isView(v)) withUnfrozenPrototype(v);
    keepScratchArraysFast();
  }

  attachRam(buf: ArrayBufferLike): void {
    this.mem8 = new Uint8Array(buf);
    this.mem8s = new Int8Array(buf);
    this.mem16 = new Uint16Array(buf);
    this.mem16s = new Int16Array(buf);
    this.mem32 = new Int32Array(buf);
    this.keepStoresFast();
  }
}
