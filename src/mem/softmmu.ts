// The softmmu: TLB maintenance and the slow path of guest memory access (QEMU's accel/tcg/cputlb.c).
//
// The interpreter checks a TLB entry inline and comes here only on a miss, a misaligned access, or an
// entry whose tag carries a flag bit: TLB_NOTDIRTY (a page holding translated code: a store must first
// invalidate those TBs) or TLB_MMIO (a device). Filling an entry is the machine's business (a Linux
// user-mode page table, or the target's MMU in system mode), reached through MmuHooks.
import { PAGE_BITS, PAGE_MASK, PAGE_SIZE, TLB_SIZE_BITS, tlbIndex, type SlowPath, type TciState } from "../tci/state.ts";
import { MO_ALIGN, MO_ALIGN_4, MO_RMW, MO_SIGN, MO_SIZE } from "../tcg/opcodes.ts";

export { PAGE_BITS, PAGE_MASK, PAGE_SIZE } from "../tci/state.ts";

/** Flag bits in a tag's page-offset bits; any of them makes the inline compare fail. */
export const TLB_NOTDIRTY = 1 << 11;
export const TLB_MMIO = 1 << 10;
/** The page holds a watchpoint: every access checks the watchpoints first. */
export const TLB_WATCH = 1 << 9;

export const enum Access {
  Read = 0,
  Write = 1,
  Fetch = 2,
}

/** A device region, for system mode. Offsets are relative to the region; sizes are 1, 2, 4 or 8. */
export interface MmioDevice {
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
}

export interface MmuHooks {
  /**
   * Makes the TLB hold an entry for the page of (lo, hi) allowing `access` in `mmuIdx` (by calling
   * Softmmu.setEntry), or raises the guest's fault (throws). `retaddr` locates the faulting op.
   */
  tlbFill(lo: number, hi: number, access: Access, mmuIdx: number, retaddr: number): void;
  /** A misaligned access with MO_ALIGN set: raise the target's misaligned-address fault. */
  unaligned(lo: number, hi: number, access: Access, mmuIdx: number, retaddr: number): never;
}

/** What the softmmu asks of the execution engine that owns the TBs and the watchpoints. */
export interface SoftmmuClient {
  /** A store to a RAM page that holds translated code: invalidate the TBs on it. */
  codeWrite(ramPage: number): void;
  /** An access to a watched page: raises the engine's watchpoint stop if a watchpoint matches. */
  checkWatch(lo: number, hi: number, size: number, read: boolean, write: boolean, vlo: number, vhi: number, retaddr: number): void;
}

export class Softmmu implements SlowPath {
  hi = 0;
  /** RAM pages that hold translated code (their write tags carry TLB_NOTDIRTY). */
  readonly codePages: Uint8Array;
  /** Per entry: the MMIO device and its base (only for TLB_MMIO entries). */
  private readonly ioDev: (MmioDevice | null)[];
  private readonly ioBase: Float64Array;
  /** Some entry has been a device's since the last flushAll (only then does it clear ioDev). */
  private ioUsed = false;
  /**
   * Bit m: mmu index m has had a writable RAM entry since the last flushAll. Marking a code page
   * visits only those indexes' entries (user mode uses one of the eight; a cold start marks a code
   * page per few TBs).
   */
  private writeIdxUsed = 0;
  /** Guest virtual pages (address / PAGE_SIZE) holding watchpoints, with how many. */
  private readonly watchPages = new Map<number, number>();

  constructor(
    readonly S: TciState,
    ramBytes: number,
    readonly hooks: MmuHooks,
    private readonly client: SoftmmuClient,
  ) {
    this.codePages = new Uint8Array(Math.ceil(ramBytes / PAGE_SIZE));
    this.ioDev = new Array(S.tlbReadLo.length).fill(null);
    this.ioBase = new Float64Array(S.tlbReadLo.length);
  }

  /** The TLB_WATCH bit for the tags of guest page (lo, hi). */
  private watchBit(lo: number, hi: number): number {
    if (this.watchPages.size === 0) return 0;
    return this.watchPages.has((hi >>> 0) * 2 ** (32 - PAGE_BITS) + (lo >>> PAGE_BITS)) ? TLB_WATCH : 0;
  }

  /** Installs a RAM mapping: guest page (lo, hi) -> RAM byte offset `ramOffset`. */
  setEntry(mmuIdx: number, lo: number, hi: number, ramOffset: number, read: boolean, write: boolean): void {
    const S = this.S;
    const page = lo & PAGE_MASK;
    const e = (mmuIdx << TLB_SIZE_BITS) + tlbIndex(lo);
    const watch = this.watchBit(lo, hi);
    S.tlbAddend[e] = (ramOffset - page) | 0;
    S.tlbReadLo[e] = read ? page | watch : -1;
    S.tlbReadHi[e] = hi;
    const code = this.codePages[ramOffset >>> PAGE_BITS] !== 0;
    S.tlbWriteLo[e] = write ? page | (code ? TLB_NOTDIRTY : 0) | watch : -1;
    S.tlbWriteHi[e] = hi;
    this.ioDev[e] = null;
    if (write) this.writeIdxUsed |= 1 << mmuIdx;
  }

  /** Installs a device mapping: every access to the page goes through the device. */
  setIoEntry(mmuIdx: number, lo: number, hi: number, dev: MmioDevice, pageOffsetInDevice: number, read: boolean, write: boolean): void {
    const S = this.S;
    const page = lo & PAGE_MASK;
    const e = (mmuIdx << TLB_SIZE_BITS) + tlbIndex(lo);
    const watch = this.watchBit(lo, hi);
    S.tlbReadLo[e] = read ? page | TLB_MMIO | watch : -1;
    S.tlbReadHi[e] = hi;
    S.tlbWriteLo[e] = write ? page | TLB_MMIO | watch : -1;
    S.tlbWriteHi[e] = hi;
    this.ioDev[e] = dev;
    this.ioBase[e] = pageOffsetInDevice;
    this.ioUsed = true;
  }

  /** Adds (delta 1) or removes (-1) a watched range of guest virtual addresses [addr, addr+len). */
  watchRange(addr: number, len: number, delta: 1 | -1): void {
    const first = Math.floor(addr / PAGE_SIZE),
      last = Math.floor((addr + len - 1) / PAGE_SIZE);
    for (let p = first; p <= last; p++) {
      const n = (this.watchPages.get(p) ?? 0) + delta;
      if (n > 0) this.watchPages.set(p, n);
      else this.watchPages.delete(p);
    }
    this.flushAll(); // entries are rebuilt with (or without) TLB_WATCH on the next access
  }

  /** Checks the watchpoints for an access of `size` bytes at (lo, hi), if its pages are watched. */
  private watched(lo: number, hi: number, size: number, read: boolean, write: boolean, vlo: number, vhi: number, retaddr: number): void {
    const a = (hi >>> 0) * 4294967296 + (lo >>> 0);
    const first = Math.floor(a / PAGE_SIZE),
      last = Math.floor((a + size - 1) / PAGE_SIZE);
    if (this.watchPages.has(first) || this.watchPages.has(last)) this.client.checkWatch(lo, hi, size, read, write, vlo, vhi, retaddr);
  }

  flushAll(): void {
    this.S.tlbReadLo.fill(-1);
    this.S.tlbWriteLo.fill(-1);
    this.writeIdxUsed = 0;
    // ioDev is read only for tags with TLB_MMIO, which setIoEntry sets together with it; clearing
    // the 8K-entry array is skipped when no device entry was made (user mode flushes at every
    // context switch).
    if (this.ioUsed) {
      this.ioDev.fill(null);
      this.ioUsed = false;
    }
  }

  flushPage(lo: number, hi: number): void {
    const page = lo & PAGE_MASK;
    const n = this.S.tlbReadLo.length >> TLB_SIZE_BITS;
    for (let m = 0; m < n; m++) {
      const e = (m << TLB_SIZE_BITS) + tlbIndex(lo);
      const S = this.S;
      if ((S.tlbReadLo[e] & PAGE_MASK) === page || (S.tlbWriteLo[e] & PAGE_MASK) === page) {
        S.tlbReadLo[e] = S.tlbWriteLo[e] = -1;
        this.ioDev[e] = null;
      }
    }
  }

  /** Marks a RAM page as holding code: stores to it take the slow path from now on. */
  markCodePage(ramPage: number): void {
    if (this.codePages[ramPage]) return;
    this.codePages[ramPage] = 1;
    const S = this.S;
    for (let m = 0, n = S.tlbWriteLo.length >> TLB_SIZE_BITS; m < n; m++) {
      if (!(this.writeIdxUsed & (1 << m))) continue;
      const end = (m + 1) << TLB_SIZE_BITS;
      for (let e = m << TLB_SIZE_BITS; e < end; e++) {
        const t = S.tlbWriteLo[e];
        if (t === -1 || t & TLB_MMIO) continue;
        if (((S.tlbAddend[e] + (t & PAGE_MASK)) | 0) >>> PAGE_BITS === ramPage) S.tlbWriteLo[e] = t | TLB_NOTDIRTY;
      }
    }
  }

  unmarkCodePage(ramPage: number): void {
    if (!this.codePages[ramPage]) return;
    this.codePages[ramPage] = 0;
    const S = this.S;
    for (let m = 0, n = S.tlbWriteLo.length >> TLB_SIZE_BITS; m < n; m++) {
      if (!(this.writeIdxUsed & (1 << m))) continue;
      const end = (m + 1) << TLB_SIZE_BITS;
      for (let e = m << TLB_SIZE_BITS; e < end; e++) {
        const t = S.tlbWriteLo[e];
        if (t !== -1 && t & TLB_NOTDIRTY && ((S.tlbAddend[e] + (t & PAGE_MASK)) | 0) >>> PAGE_BITS === ramPage)
          S.tlbWriteLo[e] = t & ~TLB_NOTDIRTY;
      }
    }
  }

  // ---- the slow path proper

  /** Finds or fills the entry for a guest page; returns its index. */
  private entry(lo: number, hi: number, access: Access, tlbBase: number, retaddr: number): number {
    const S = this.S;
    const e = tlbBase + tlbIndex(lo);
    const tags = access === Access.Write ? S.tlbWriteLo : S.tlbReadLo;
    const his = access === Access.Write ? S.tlbWriteHi : S.tlbReadHi;
    const page = lo & PAGE_MASK;
    if ((tags[e] & PAGE_MASK) !== page || his[e] !== hi || tags[e] === -1) {
      this.hooks.tlbFill(lo, hi, access, tlbBase >>> TLB_SIZE_BITS, retaddr);
      if ((tags[e] & PAGE_MASK) !== page || his[e] !== hi || tags[e] === -1) throw new Error("softmmu: tlbFill did not install an entry");
    }
    return e;
  }

  private loadByte(lo: number, hi: number, tlbBase: number, retaddr: number): number {
    const e = this.entry(lo, hi, Access.Read, tlbBase, retaddr);
    const S = this.S;
    if (S.tlbReadLo[e] & TLB_MMIO) return this.ioDev[e]!.read(this.ioBase[e] + (lo & ~PAGE_MASK), 1) & 0xff;
    return S.mem8[(S.tlbAddend[e] + lo) | 0];
  }

  load(lo: number, hi: number, memop: number, tlbBase: number, retaddr: number): number {
    const size = memop & MO_SIZE;
    const bytes = 1 << size;
    const S = this.S;
    const access = memop & MO_RMW ? Access.Write : Access.Read;
    if (this.watchPages.size) this.watched(lo, hi, bytes, true, access === Access.Write, 0, 0, retaddr);
    if (lo & (bytes - 1)) {
      if (memop & MO_ALIGN || (memop & MO_ALIGN_4 && lo & 3)) this.hooks.unaligned(lo, hi, access, tlbBase >>> TLB_SIZE_BITS, retaddr);
      // Byte by byte: correct across pages and for any alignment.
      let vlo = 0,
        vhi = 0;
      for (let i = 0; i < bytes; i++) {
        const alo = (lo + i) | 0;
        const ahi = (hi + (alo >>> 0 < lo >>> 0 ? 1 : 0)) | 0;
        const byte = this.loadByte(alo, ahi, tlbBase, retaddr);
        if (i < 4) vlo |= byte << (8 * i);
        else vhi |= byte << (8 * (i - 4));
      }
      return this.extend(vlo, vhi, memop);
    }
    if (access === Access.Write) this.entry(lo, hi, Access.Write, tlbBase, retaddr); // must be writable too
    const e = this.entry(lo, hi, Access.Read, tlbBase, retaddr);
    if (S.tlbReadLo[e] & TLB_MMIO) {
      const dev = this.ioDev[e]!;
      const off = this.ioBase[e] + (lo & ~PAGE_MASK);
      if (size === 3) {
        const vlo = dev.read(off, 4);
        return this.extend(vlo, dev.read(off + 4, 4), memop);
      }
      return this.extend(dev.read(off, bytes), 0, memop);
    }
    const host = (S.tlbAddend[e] + lo) | 0;
    switch (size) {
      case 0:
        return this.extend(S.mem8[host], 0, memop);
      case 1:
        return this.extend(S.mem16[host >> 1], 0, memop);
      case 2:
        return this.extend(S.mem32[host >> 2], 0, memop);
      default:
        return this.extend(S.mem32[host >> 2], S.mem32[(host >> 2) + 1], memop);
    }
  }

  private extend(vlo: number, vhi: number, memop: number): number {
    const size = memop & MO_SIZE;
    const signed = (memop & MO_SIGN) !== 0;
    switch (size) {
      case 0:
        vlo = signed ? (vlo << 24) >> 24 : vlo & 0xff;
        this.hi = vlo >> 31;
        return vlo;
      case 1:
        vlo = signed ? (vlo << 16) >> 16 : vlo & 0xffff;
        this.hi = vlo >> 31;
        return vlo;
      case 2:
        this.hi = signed ? vlo >> 31 : 0;
        return vlo | 0;
      default:
        this.hi = vhi | 0;
        return vlo | 0;
    }
  }

  private storeByte(v: number, lo: number, hi: number, tlbBase: number, retaddr: number): void {
    const e = this.entry(lo, hi, Access.Write, tlbBase, retaddr);
    this.storeAt(e, lo, 0, v, 0);
  }

  /** Performs a store through entry e, handling code pages and devices. */
  private storeAt(e: number, lo: number, size: number, vlo: number, vhi: number): void {
    const S = this.S;
    const tag = S.tlbWriteLo[e];
    if (tag & TLB_MMIO) {
      const dev = this.ioDev[e]!;
      const off = this.ioBase[e] + (lo & ~PAGE_MASK);
      if (size === 3) {
        dev.write(off, 4, vlo);
        dev.write(off + 4, 4, vhi);
      } else dev.write(off, 1 << size, vlo);
      return;
    }
    const host = (S.tlbAddend[e] + lo) | 0;
    if (tag & TLB_NOTDIRTY) {
      // Self-modifying code: drop the TBs translated from this page, then write normally.
      const ramPage = host >>> PAGE_BITS;
      this.client.codeWrite(ramPage);
      this.unmarkCodePage(ramPage);
    }
    switch (size) {
      case 0:
        S.mem8[host] = vlo;
        return;
      case 1:
        S.mem16[host >> 1] = vlo;
        return;
      case 2:
        S.mem32[host >> 2] = vlo;
        return;
      default:
        S.mem32[host >> 2] = vlo;
        S.mem32[(host >> 2) + 1] = vhi;
    }
  }

  store(vlo: number, vhi: number, lo: number, hi: number, memop: number, tlbBase: number, retaddr: number): void {
    // where a code write's invalidation finds the storing op (precise self-modifying code)
    this.S.retaddr = retaddr;
    const size = memop & MO_SIZE;
    const bytes = 1 << size;
    if (this.watchPages.size) this.watched(lo, hi, bytes, false, true, vlo, vhi, retaddr);
    if (lo & (bytes - 1)) {
      if (memop & MO_ALIGN || (memop & MO_ALIGN_4 && lo & 3))
        this.hooks.unaligned(lo, hi, Access.Write, tlbBase >>> TLB_SIZE_BITS, retaddr);
      // Check that every byte is writable before writing any, so a fault leaves memory untouched.
      const last = (lo + bytes - 1) | 0;
      const lastHi = (hi + (last >>> 0 < lo >>> 0 ? 1 : 0)) | 0;
      this.entry(lo, hi, Access.Write, tlbBase, retaddr);
      // The second page, probed at its first byte: that is the address a fault reports (as QEMU).
      if ((last & PAGE_MASK) !== (lo & PAGE_MASK)) this.entry(last & PAGE_MASK, lastHi, Access.Write, tlbBase, retaddr);
      for (let i = 0; i < bytes; i++) {
        const alo = (lo + i) | 0;
        const ahi = (hi + (alo >>> 0 < lo >>> 0 ? 1 : 0)) | 0;
        const byte = i < 4 ? vlo >>> (8 * i) : vhi >>> (8 * (i - 4));
        this.storeByte(byte & 0xff, alo, ahi, tlbBase, retaddr);
      }
      return;
    }
    const e = this.entry(lo, hi, Access.Write, tlbBase, retaddr);
    this.storeAt(e, lo, size, vlo, vhi);
  }
}
