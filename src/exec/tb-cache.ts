// Translation blocks: metadata in parallel typed arrays, a hash table keyed by (pc, cs_base, flags), the
// per-TB jump slots and incoming-edge lists used for chaining, page lists for invalidation, and the
// bump-allocated code cache. Mirrors QEMU's accel/tcg/tb-maint.c and translate-all.c.
import type { TciState } from "../tci/state.ts";
import { PAGE_MASK, PAGE_SIZE, jcIndex } from "../tci/state.ts";

export class TbCache {
  count = 0;
  /** Next free word of the code cache (which starts at S.codeBase). */
  codeTop: number;
  readonly pcLo: Int32Array;
  readonly pcHi: Int32Array;
  /** QEMU's cs_base: a second key word (x86's CS base, ARM's second flags word); 0 when unused. */
  readonly csBase: Int32Array;
  readonly flags: Int32Array;
  readonly codeStart: Int32Array;
  readonly codeEnd: Int32Array;
  readonly icount: Int32Array;
  readonly invalid: Uint8Array;
  /** Per TB: 1 when translated without the optimizer and counting its entries (the cold tier). */
  readonly cold: Uint8Array;
  /** Per jump slot (tb * 2 + n): the TB it is chained to, or -1. */
  readonly jmpDest: Int32Array;
  /** Per TB: the jump slots of other TBs chained to it (QEMU's jmp_list). */
  incoming: number[][] = [];
  /** Per TB: unwind data (see EncodedTb). */
  insnOffsets: Int32Array[] = [];
  insnData: Int32Array[] = [];
  /** Per TB: RAM pages its guest code came from. */
  pages: number[][] = [];
  private readonly hashNext: Int32Array;
  private hash = new Map<number, number>();
  private readonly byPage = new Map<number, number[]>();
  // statistics (info jit)
  flushes = 0;
  invalidations = 0;
  translations = 0;
  chainedLinks = 0;

  constructor(
    readonly S: TciState,
    readonly maxTbs: number,
  ) {
    this.pcLo = new Int32Array(maxTbs);
    this.pcHi = new Int32Array(maxTbs);
    this.csBase = new Int32Array(maxTbs);
    this.flags = new Int32Array(maxTbs);
    this.codeStart = new Int32Array(maxTbs);
    this.codeEnd = new Int32Array(maxTbs);
    this.icount = new Int32Array(maxTbs);
    this.invalid = new Uint8Array(maxTbs);
    this.cold = new Uint8Array(maxTbs);
    this.jmpDest = new Int32Array(maxTbs * 2).fill(-1);
    this.hashNext = new Int32Array(maxTbs);
    this.codeTop = S.codeBase;
  }

  private static key(lo: number, hi: number, csBase: number, flags: number): number {
    // 30 bits: a small integer in V8 (with pointer compression), not a heap number the Map must
    // allocate and hash by value (kernel pcs, 0xffffffff8..., always made heap-number keys)
    return ((lo >>> 1) ^ Math.imul(hi, 0x9e3779b1) ^ Math.imul(flags, 0x85ebca6b) ^ Math.imul(csBase, 0x27d4eb2f)) & 0x3fffffff;
  }

  /** Finds a valid TB for (pc, cs_base, flags); with page >= 0, only one translated from that RAM page. */
  lookup(lo: number, hi: number, csBase: number, flags: number, page = -1): number {
    let t = this.hash.get(TbCache.key(lo, hi, csBase, flags));
    while (t !== undefined && t >= 0) {
      if (
        this.pcLo[t] === lo &&
        this.pcHi[t] === hi &&
        this.flags[t] === flags &&
        this.csBase[t] === csBase &&
        !this.invalid[t] &&
        (page < 0 || this.pages[t][0] === page)
      )
        return t;
      t = this.hashNext[t];
    }
    return -1;
  }

  /** Fills the jump-cache entry for a TB (used by lookup_and_goto_ptr). */
  jcInsert(tb: number): void {
    const S = this.S;
    const h = jcIndex(this.pcLo[tb]);
    S.jcLo[h] = this.pcLo[tb];
    S.jcHi[h] = this.pcHi[tb];
    S.jcCsBase[h] = this.csBase[tb];
    S.jcFlags[h] = this.flags[tb];
    S.jcCode[h] = this.codeStart[tb];
    S.jcTb[h] = tb;
  }

  jcLookup(lo: number, hi: number, csBase: number, flags: number): number {
    const S = this.S;
    const h = jcIndex(lo);
    const tb = S.jcTb[h];
    if (tb >= 0 && S.jcCode[h] >= 0 && S.jcLo[h] === lo && S.jcHi[h] === hi && S.jcFlags[h] === flags && S.jcCsBase[h] === csBase)
      return tb;
    return -1;
  }

  /** Registers a freshly encoded TB. */
  add(
    lo: number,
    hi: number,
    csBase: number,
    flags: number,
    start: number,
    end: number,
    icount: number,
    pages: number[],
    insnOffsets: Int32Array,
    insnData: Int32Array,
  ): number {
    const tb = this.count++;
    this.pcLo[tb] = lo;
    this.pcHi[tb] = hi;
    this.csBase[tb] = csBase;
    this.flags[tb] = flags;
    this.codeStart[tb] = start;
    this.codeEnd[tb] = end;
    this.icount[tb] = icount;
    this.invalid[tb] = 0;
    this.cold[tb] = 0;
    this.incoming[tb] = [];
    this.insnOffsets[tb] = insnOffsets;
    this.insnData[tb] = insnData;
    this.pages[tb] = pages;
    this.S.jmpTarget[tb * 2] = this.S.jmpTarget[tb * 2 + 1] = -1;
    this.jmpDest[tb * 2] = this.jmpDest[tb * 2 + 1] = -1;
    const k = TbCache.key(lo, hi, csBase, flags);
    this.hashNext[tb] = this.hash.get(k) ?? -1;
    this.hash.set(k, tb);
    for (const p of pages) {
      let list = this.byPage.get(p);
      if (!list) this.byPage.set(p, (list = []));
      list.push(tb);
    }
    this.translations++;
    return tb;
  }

  /** Chains jump slot `slot` (= src * 2 + n) to TB `dst` (QEMU's tb_add_jump). */
  link(slot: number, dst: number): void {
    if (this.invalid[dst] || this.jmpDest[slot] >= 0 || this.invalid[slot >> 1]) return;
    this.jmpDest[slot] = dst;
    this.S.jmpTarget[slot] = this.codeStart[dst];
    this.incoming[dst].push(slot);
    this.chainedLinks++;
  }

  /** Drops the jump-cache entries of TBs starting on guest page (lo, hi). */
  jcFlushPage(lo: number, hi: number): void {
    const S = this.S;
    const page = lo & PAGE_MASK;
    // jcIndex maps the pcs of one page to consecutive slots (wrapping): visit just those.
    const mask = S.jcCode.length - 1;
    const first = jcIndex(page);
    const n = ((jcIndex((page + PAGE_SIZE - 1) | 0) - first) & mask) + 1;
    for (let i = 0; i < n; i++) {
      const h = (first + i) & mask;
      if ((S.jcLo[h] & PAGE_MASK) === page && S.jcHi[h] === hi) {
        S.jcCode[h] = -1;
        S.jcTb[h] = -1;
      }
    }
  }

  /** Removes a TB: unlinks every jump into it and out of it, drops it from lookup structures. */
  invalidate(tb: number): void {
    if (this.invalid[tb]) return;
    this.invalid[tb] = 1;
    this.invalidations++;
    const S = this.S;
    for (const slot of this.incoming[tb]) {
      if (this.jmpDest[slot] === tb) {
        this.jmpDest[slot] = -1;
        S.jmpTarget[slot] = -1;
      }
    }
    this.incoming[tb] = [];
    for (let n = 0; n < 2; n++) {
      const slot = tb * 2 + n;
      this.jmpDest[slot] = -1;
      S.jmpTarget[slot] = -1;
    }
    const h = jcIndex(this.pcLo[tb]);
    if (S.jcTb[h] === tb) {
      S.jcCode[h] = -1;
      S.jcTb[h] = -1;
    }
  }

  /** Invalidates every TB whose code came from a RAM page; returns how many there were. */
  invalidatePage(page: number): number {
    const list = this.byPage.get(page);
    if (!list) return 0;
    this.byPage.delete(page);
    for (const tb of list) this.invalidate(tb);
    return list.length;
  }

  hasCodeOnPage(page: number): boolean {
    return this.byPage.has(page);
  }

  /** Drops everything (QEMU's tb_flush): the code cache is reused from the start. */
  flush(): void {
    this.count = 0;
    this.codeTop = this.S.codeBase;
    this.hash = new Map();
    this.byPage.clear();
    this.incoming = [];
    this.insnOffsets = [];
    this.insnData = [];
    this.pages = [];
    this.jmpDest.fill(-1);
    this.S.jmpTarget.fill(-1);
    this.S.jcCode.fill(-1);
    this.S.jcTb.fill(-1);
    this.flushes++;
  }

  /** The TB whose code contains offset `pc` (TBs are allocated in increasing order). */
  findByCodeOffset(pc: number): number {
    let lo = 0,
      hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.codeStart[mid] <= pc) lo = mid + 1;
      else hi = mid - 1;
    }
    const tb = hi;
    return tb >= 0 && pc < this.codeEnd[tb] ? tb : -1;
  }

  pagesWithCode(): IterableIterator<number> {
    return this.byPage.keys();
  }
}
