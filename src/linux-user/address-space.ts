// A Linux process's guest address space, emulated in JS (QEMU's linux-user/mmap.c plus the page-flag
// tracking of accel/tcg/user-exec.c): a page table from guest virtual pages to pages of one RAM
// buffer, with read/write/execute permissions. The softmmu's TLB is filled from it; an access the
// page table does not allow becomes the guest's page fault (and, in the runner, SIGSEGV).
import { Access, PAGE_SIZE, PAGE_BITS, type MmuHooks, type Softmmu } from "../mem/softmmu.ts";

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;

const PAGE = 4096;

export class OutOfGuestMemory extends Error {}

/** Raises the guest fault for a failed access (set by the CPU glue). */
export type FaultRaiser = (access: Access, lo: number, hi: number, retaddr: number) => never;

export class AddressSpace implements MmuHooks {
  readonly ram: ArrayBuffer;
  readonly mem8: Uint8Array;
  /** vpn -> ramPage * 8 + prot; RAM page 0 is never used: ramPage 0 means "not backed yet" (a
   * mapped page reads as zeros and gets its RAM on first access, so big reservations are cheap). */
  private readonly pages = new Map<number, number>();
  private readonly freeRam: number[] = [];
  private ramTop = 1;
  private readonly ramPages: number;
  mmu!: Softmmu;
  raiseFault!: FaultRaiser;
  /** Called when a store hits a page with translated code (invalidate its TBs). */
  onCodeWrite: (ramPage: number) => void = () => {};

  constructor(ramBytes: number) {
    this.ram = new ArrayBuffer(ramBytes);
    this.mem8 = new Uint8Array(this.ram);
    this.ramPages = ramBytes / PAGE;
  }

  // ---- page table

  private allocRam(): number {
    const p = this.freeRam.pop();
    if (p !== undefined) {
      this.mem8.fill(0, p * PAGE, p * PAGE + PAGE);
      return p;
    }
    if (this.ramTop >= this.ramPages) throw new OutOfGuestMemory("guest RAM exhausted");
    return this.ramTop++;
  }

  /** Maps [addr, addr+len) as fresh zeroed pages (replacing what was there). addr is page-aligned. */
  map(addr: number, len: number, prot: number): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    for (let i = 0; i < n; i++) {
      this.unmapPage(first + i);
      this.pages.set(first + i, prot);
    }
    this.flushRange(first, n);
  }

  /** The RAM page behind a mapped page entry, allocating it on first use; updates the entry. */
  private back(vpn: number, e: number): number {
    let rp = Math.floor(e / 8);
    if (rp === 0) {
      rp = this.allocRam();
      this.pages.set(vpn, rp * 8 + (e & 7));
    }
    return rp;
  }

  /** madvise(MADV_DONTNEED): the pages read as zeros again (their RAM is freed). */
  discard(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    for (let i = 0; i < n; i++) {
      const e = this.pages.get(first + i);
      if (e === undefined || e < 8) continue;
      const rp = Math.floor(e / 8);
      this.onCodeWrite(rp);
      this.freeRam.push(rp);
      this.pages.set(first + i, e & 7);
    }
    this.flushRange(first, n);
  }

  /** Mapped ranges in address order as [start, end, prot] (for /proc/self/maps). */
  ranges(): Array<[number, number, number]> {
    const vpns = [...this.pages.keys()].sort((a, b) => a - b);
    const out: Array<[number, number, number]> = [];
    for (const v of vpns) {
      const prot = this.pages.get(v)! & 7;
      const last = out[out.length - 1];
      if (last && last[1] === v * PAGE && last[2] === prot) last[1] += PAGE;
      else out.push([v * PAGE, v * PAGE + PAGE, prot]);
    }
    return out;
  }

  unmap(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    for (let i = 0; i < n; i++) this.unmapPage(first + i);
    this.flushRange(first, n);
  }

  private unmapPage(vpn: number): void {
    const e = this.pages.get(vpn);
    if (e === undefined) return;
    this.pages.delete(vpn);
    const ramPage = Math.floor(e / 8);
    if (ramPage === 0) return;
    this.onCodeWrite(ramPage); // its TBs must go: the page will hold something else
    this.freeRam.push(ramPage);
  }

  /** Changes permissions; returns false if some page in the range is unmapped. */
  protect(addr: number, len: number, prot: number): boolean {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    for (let i = 0; i < n; i++) if (!this.pages.has(first + i)) return false;
    for (let i = 0; i < n; i++) {
      const e = this.pages.get(first + i)!;
      this.pages.set(first + i, (e & ~7) + prot);
    }
    this.flushRange(first, n);
    return true;
  }

  /** Moves pages (mremap) without copying data. */
  movePages(from: number, to: number, n: number): void {
    const f = Math.floor(from / PAGE),
      t = Math.floor(to / PAGE);
    const entries: number[] = [];
    for (let i = 0; i < n; i++) {
      entries.push(this.pages.get(f + i)!);
      this.pages.delete(f + i);
    }
    for (let i = 0; i < n; i++) {
      this.unmapPage(t + i);
      this.pages.set(t + i, entries[i]);
    }
    this.flushRange(f, n);
    this.flushRange(t, n);
  }

  isMapped(vpn: number): boolean {
    return this.pages.has(vpn);
  }
  protOf(vpn: number): number {
    const e = this.pages.get(vpn);
    return e === undefined ? -1 : e & 7;
  }

  /** Finds a free range of `len` bytes below `below` (top-down, page-aligned), or -1. */
  findFree(len: number, below: number, above = 0x10000): number {
    const n = Math.ceil(len / PAGE);
    let end = Math.floor(below / PAGE);
    const floor = Math.ceil(above / PAGE);
    while (end - n >= floor) {
      let ok = true;
      for (let i = end - 1; i >= end - n; i--) {
        if (this.pages.has(i)) {
          end = i;
          ok = false;
          break;
        }
      }
      if (ok) return (end - n) * PAGE;
    }
    return -1;
  }

  /** The lowest free range of len bytes in [from, to), page aligned, or -1 (QEMU's page_find_range_empty). */
  findFreeUp(len: number, from: number, to: number): number {
    const n = Math.ceil(len / PAGE);
    let start = Math.ceil(from / PAGE);
    const limit = Math.floor(to / PAGE);
    while (start + n <= limit) {
      let ok = true;
      for (let i = start; i < start + n; i++) {
        if (this.pages.has(i)) {
          start = i + 1;
          ok = false;
          break;
        }
      }
      if (ok) return start * PAGE;
    }
    return -1;
  }

  private flushRange(firstVpn: number, n: number): void {
    if (!this.mmu) return;
    if (n > 64) {
      this.mmu.flushAll();
      return;
    }
    for (let i = 0; i < n; i++) {
      const a = (firstVpn + i) * PAGE;
      this.mmu.flushPage(a | 0, Math.floor(a / 4294967296) | 0);
    }
  }

  // ---- MmuHooks

  tlbFill(lo: number, hi: number, access: Access, mmuIdx: number, retaddr: number): void {
    const vpn = (hi >>> 0) * 1048576 + (lo >>> PAGE_BITS);
    const e = this.pages.get(vpn);
    const need = access === Access.Write ? PROT_WRITE : access === Access.Fetch ? PROT_EXEC : PROT_READ;
    if (e === undefined || !(e & need)) this.raiseFault(access, lo, hi, retaddr);
    const ramOff = this.back(vpn, e) * PAGE;
    this.mmu.setEntry(mmuIdx, lo, hi, ramOff, (e & PROT_READ) !== 0, (e & PROT_WRITE) !== 0);
  }

  unaligned(lo: number, hi: number, access: Access, _mmuIdx: number, retaddr: number): never {
    return this.raiseFault(access | 0x100, lo, hi, retaddr);
  }

  codeWrite(ramPage: number): void {
    this.onCodeWrite(ramPage);
  }

  /** RAM offset of an executable guest byte, or -1. */
  codeRamOffset(lo: number, hi: number): number {
    const vpn = (hi >>> 0) * 1048576 + (lo >>> PAGE_BITS);
    const e = this.pages.get(vpn);
    if (e === undefined || !(e & PROT_EXEC)) return -1;
    return this.back(vpn, e) * PAGE + (lo & (PAGE - 1));
  }

  // ---- access from the emulator itself (loaders, syscalls); guest addresses are JS numbers < 2^53

  /** RAM offset for guest address `addr` if `prot` is allowed, else -1. */
  ramOffset(addr: number, prot: number): number {
    const vpn = Math.floor(addr / PAGE);
    const e = this.pages.get(vpn);
    if (e === undefined || (prot && (e & prot) !== prot)) return -1;
    return this.back(vpn, e) * PAGE + (addr % PAGE);
  }

  /** Copies guest memory out; returns null if any byte is not readable. */
  read(addr: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const off = this.ramOffset(addr + done, PROT_READ);
      if (off < 0) return null;
      const n = Math.min(len - done, PAGE - ((addr + done) % PAGE));
      out.set(this.mem8.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  /**
   * Copies into guest memory; returns false if any byte is not writable (checked first). `force`
   * ignores permissions (the loader writing read-only segments).
   */
  write(addr: number, data: Uint8Array, force = false): boolean {
    const prot = force ? 0 : PROT_WRITE;
    for (let a = addr - (addr % PAGE); a < addr + data.length; a += PAGE) if (this.ramOffset(Math.max(a, addr), prot) < 0) return false;
    let done = 0;
    while (done < data.length) {
      const off = this.ramOffset(addr + done, prot);
      const n = Math.min(data.length - done, PAGE - ((addr + done) % PAGE));
      const ramPage = Math.floor(off / PAGE);
      if (this.mmu?.codePages[ramPage]) this.onCodeWrite(ramPage);
      this.mem8.set(data.subarray(done, done + n), off);
      done += n;
    }
    return true;
  }

  /** Reads a NUL-terminated string (at most `max` bytes); null if unreadable or unterminated. */
  readCString(addr: number, max = 4096): Uint8Array | null {
    const bytes: number[] = [];
    for (let i = 0; i < max; i++) {
      const off = this.ramOffset(addr + i, PROT_READ);
      if (off < 0) return null;
      const c = this.mem8[off];
      if (c === 0) return Uint8Array.from(bytes);
      bytes.push(c);
    }
    return null;
  }

  /** Makes `to` (a fresh address space of the same RAM size) a copy of this one (fork). */
  copyInto(to: AddressSpace): void {
    if (to.ram.byteLength !== this.ram.byteLength) throw new Error("copyInto: RAM sizes differ");
    for (const [k, v] of this.pages) to.pages.set(k, v);
    to.freeRam.length = 0;
    to.freeRam.push(...this.freeRam);
    to.ramTop = this.ramTop;
    to.mem8.set(this.mem8.subarray(0, this.ramTop * PAGE));
    to.mmu?.flushAll();
  }

  /** Number of RAM pages in use (for statistics and memory limits). */
  get pagesInUse(): number {
    return this.ramTop - this.freeRam.length;
  }
}

export { PAGE_SIZE };
