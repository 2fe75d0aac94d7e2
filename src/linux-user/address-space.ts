// A process's guest address space (Linux's mm_struct with its page table, QEMU's linux-user/mmap.c
// page flags): guest virtual pages mapped to pages of the kernel's PhysicalMemory with
// read/write/execute permissions.
//
//   - Anonymous memory starts as the zero page and gets a page of its own at the first write.
//   - Private pages shared with another address space (after fork) or with the page cache (file
//     mappings) are copy-on-write: the softmmu's TLB gets them read-only, and the first write
//     copies the page (or, when nobody else holds it any more, takes it over).
//   - MAP_SHARED anonymous pages stay shared across fork (both processes see each other's writes).
//
// The kernel's MMU glue (KernelMemory) fills the softmmu's TLB from the current address space
// and is told (PageTableObserver) when mappings change, so it can drop stale TLB and jump-cache
// entries. Everything else here is the emulator's own access to guest memory (loaders, syscalls,
// debuggers), which works on any address space, current or not.
import { PAGE, PhysicalMemory, ZERO_PAGE } from "./phys-mem.ts";

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
/** Page-table entry bit: a MAP_SHARED page (not copied on fork or on write). */
const SHARED = 8;
/** Entry = physical page * ENTRY_PAGE + flag bits. */
const ENTRY_PAGE = 16;

export { OutOfGuestMemory } from "./phys-mem.ts";
export const PAGE_SIZE = PAGE;

/** What the kernel's MMU glue needs to hear about page-table changes and kernel-side writes. */
export interface PageTableObserver {
  /** The mappings of pages [firstVpn, firstVpn + n) of `as` changed: drop what the TLB and jump cache hold for them. */
  remapped(as: AddressSpace, firstVpn: number, n: number): void;
  /** The emulator is about to write to physical page `page`: drop the TBs translated from it. */
  writing(page: number): void;
}

const NO_OBSERVER: PageTableObserver = { remapped: () => {}, writing: () => {} };

/** translate() result for an access that the page table does not allow. */
export const NO_ACCESS = -1;

export class AddressSpace {
  /** vpn -> physical page * 16 + SHARED + prot. */
  private readonly pt = new Map<number, number>();
  /** Processes using this address space (vfork children and CLONE_VM processes share it). */
  users = 1;

  constructor(
    readonly mem: PhysicalMemory,
    readonly observer: PageTableObserver = NO_OBSERVER,
  ) {}

  // ---- mapping

  /** Maps [addr, addr+len) as fresh zero-filled pages (replacing what was there). addr is page-aligned. */
  map(addr: number, len: number, prot: number, shared = false): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    const e = ZERO_PAGE * ENTRY_PAGE + (prot & 7) + (shared ? SHARED : 0);
    for (let i = 0; i < n; i++) {
      this.dropPage(first + i);
      this.pt.set(first + i, e);
    }
    this.observer.remapped(this, first, n);
  }

  /**
   * Maps physical pages (file pages from the page cache) at addr, private and copy-on-write. Each
   * page must carry one reference for this mapping, which the address space now owns.
   */
  mapPages(addr: number, pages: ArrayLike<number>, prot: number): void {
    const first = Math.floor(addr / PAGE);
    for (let i = 0; i < pages.length; i++) {
      this.dropPage(first + i);
      this.pt.set(first + i, pages[i] * ENTRY_PAGE + (prot & 7));
    }
    this.observer.remapped(this, first, pages.length);
  }

  unmap(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    for (let i = 0; i < n; i++) this.dropPage(first + i);
    this.observer.remapped(this, first, n);
  }

  private dropPage(vpn: number): void {
    const e = this.pt.get(vpn);
    if (e === undefined) return;
    this.pt.delete(vpn);
    this.mem.unref(Math.floor(e / ENTRY_PAGE));
  }

  /** Changes permissions; returns false if some page in the range is unmapped. */
  protect(addr: number, len: number, prot: number): boolean {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    for (let i = 0; i < n; i++) if (!this.pt.has(first + i)) return false;
    for (let i = 0; i < n; i++) {
      const e = this.pt.get(first + i)!;
      this.pt.set(first + i, e - (e & 7) + (prot & 7));
    }
    this.observer.remapped(this, first, n);
    return true;
  }

  /** madvise(MADV_DONTNEED): private pages read as zeros again (their memory is released). */
  discard(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    for (let i = 0; i < n; i++) {
      const e = this.pt.get(first + i);
      if (e === undefined || e & SHARED || e < ENTRY_PAGE) continue;
      this.mem.unref(Math.floor(e / ENTRY_PAGE));
      this.pt.set(first + i, e & (ENTRY_PAGE - 1));
    }
    this.observer.remapped(this, first, n);
  }

  /** Moves pages (mremap) without copying data; the destination's old pages are unmapped. */
  movePages(from: number, to: number, n: number): void {
    const f = Math.floor(from / PAGE),
      t = Math.floor(to / PAGE);
    const entries: number[] = [];
    for (let i = 0; i < n; i++) {
      entries.push(this.pt.get(f + i)!);
      this.pt.delete(f + i);
    }
    for (let i = 0; i < n; i++) {
      this.dropPage(t + i);
      if (entries[i] !== undefined) this.pt.set(t + i, entries[i]);
    }
    this.observer.remapped(this, f, n);
    this.observer.remapped(this, t, n);
  }

  isMapped(vpn: number): boolean {
    return this.pt.has(vpn);
  }
  protOf(vpn: number): number {
    const e = this.pt.get(vpn);
    return e === undefined ? -1 : e & 7;
  }

  /** Mapped ranges in address order as [start, end, prot] (for /proc/self/maps). */
  ranges(): Array<[number, number, number]> {
    const vpns = [...this.pt.keys()].sort((a, b) => a - b);
    const out: Array<[number, number, number]> = [];
    for (const v of vpns) {
      const prot = this.pt.get(v)! & 7;
      const last = out[out.length - 1];
      if (last && last[1] === v * PAGE && last[2] === prot) last[1] += PAGE;
      else out.push([v * PAGE, v * PAGE + PAGE, prot]);
    }
    return out;
  }

  /** Finds a free range of `len` bytes below `below` (top-down, page-aligned), or -1. */
  findFree(len: number, below: number, above = 0x10000): number {
    const n = Math.ceil(len / PAGE);
    let end = Math.floor(below / PAGE);
    const floor = Math.ceil(above / PAGE);
    while (end - n >= floor) {
      let ok = true;
      for (let i = end - 1; i >= end - n; i--) {
        if (this.pt.has(i)) {
          end = i;
          ok = false;
          break;
        }
      }
      if (ok) return (end - n) * PAGE;
    }
    return -1;
  }

  // ---- fork and exit

  /**
   * A copy for a forked child (Linux's dup_mm): private pages become copy-on-write in both, shared
   * pages stay shared. The parent's TLB loses its writable entries (they must fault to copy now).
   */
  fork(): AddressSpace {
    const child = new AddressSpace(this.mem, this.observer);
    const mem = this.mem;
    for (const [vpn, e0] of this.pt) {
      let e = e0;
      if (e & SHARED && e < ENTRY_PAGE) {
        // A shared page nobody has written yet must exist before both sides can see it.
        e = mem.alloc() * ENTRY_PAGE + (e & (ENTRY_PAGE - 1));
        this.pt.set(vpn, e);
      }
      mem.ref(Math.floor(e / ENTRY_PAGE));
      child.pt.set(vpn, e);
    }
    this.observer.remapped(this, 0, Infinity);
    return child;
  }

  /** Drops every mapping (the last user exited or exec'd). */
  release(): void {
    for (const e of this.pt.values()) this.mem.unref(Math.floor(e / ENTRY_PAGE));
    this.pt.clear();
    this.observer.remapped(this, 0, Infinity);
  }

  /** Pages with memory of their own (not the zero page): the process's resident set. */
  get pagesInUse(): number {
    let n = 0;
    for (const e of this.pt.values()) if (e >= ENTRY_PAGE) n++;
    return n;
  }

  // ---- translation (the TLB fill and the emulator's own accesses)

  /**
   * The physical page behind guest page `vpn` for an access needing `prot` (PROT_READ, PROT_WRITE
   * or PROT_EXEC; 0 ignores permissions, as a debugger's read does), or NO_ACCESS. A write
   * (or `forWrite`, a debugger's forced write) gets a page of its own first (copy-on-write).
   */
  physPage(vpn: number, prot: number, forWrite = prot === PROT_WRITE): number {
    const e = this.pt.get(vpn);
    if (e === undefined || (e & prot) !== prot) return NO_ACCESS;
    const p = Math.floor(e / ENTRY_PAGE);
    if (!forWrite) return p;
    if (e & SHARED) {
      if (p !== ZERO_PAGE) return p;
    } else if (p !== ZERO_PAGE && this.mem.refCount(p) === 1) return p;
    // Copy-on-write: a page of our own (a copy, or a fresh zero page).
    const np = p === ZERO_PAGE ? this.mem.alloc() : this.mem.allocCopy(p);
    this.pt.set(vpn, np * ENTRY_PAGE + (e & (ENTRY_PAGE - 1)));
    this.mem.unref(p);
    this.observer.remapped(this, vpn, 1);
    return np;
  }

  /** The physical address behind a byte of a MAP_SHARED page (the key of a shared futex), or -1 for other memory. */
  sharedPhysAddr(addr: number): number {
    const vpn = Math.floor(addr / PAGE);
    const e = this.pt.get(vpn);
    if (e === undefined || !(e & SHARED)) return -1;
    return this.physPage(vpn, 0, true) * PAGE + (addr % PAGE);
  }

  /** Whether guest page `vpn` (known to be mapped on page `phys`) may be written without a fault now. */
  writableNow(vpn: number, phys: number): boolean {
    const e = this.pt.get(vpn);
    if (e === undefined || !(e & PROT_WRITE) || phys === ZERO_PAGE) return false;
    return (e & SHARED) !== 0 || this.mem.refCount(phys) === 1;
  }

  /** Pool offset of guest address `addr` if `prot` is allowed (copy-on-write for PROT_WRITE), else -1. */
  ramOffset(addr: number, prot: number): number {
    const p = this.physPage(Math.floor(addr / PAGE), prot);
    return p < 0 ? -1 : p * PAGE + (addr % PAGE);
  }

  /** Copies guest memory out; returns null if any byte is not readable. */
  read(addr: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    const m = this.mem.mem8;
    let done = 0;
    while (done < len) {
      const a = addr + done;
      const p = this.physPage(Math.floor(a / PAGE), PROT_READ);
      if (p < 0) return null;
      const off = a % PAGE;
      const n = Math.min(len - done, PAGE - off);
      out.set(m.subarray(p * PAGE + off, p * PAGE + off + n), done);
      done += n;
    }
    return out;
  }

  /**
   * Copies into guest memory; returns false if any byte is not writable (checked first, nothing
   * is written then). `force` ignores permissions (the loader writing read-only segments, a
   * debugger patching code).
   */
  write(addr: number, data: Uint8Array, force = false): boolean {
    const need = force ? 0 : PROT_WRITE;
    const end = addr + data.length;
    for (let a = addr - (addr % PAGE); a < end; a += PAGE) {
      const e = this.pt.get(Math.floor(a / PAGE));
      if (e === undefined || (e & need) !== need) return false;
    }
    const m = this.mem.mem8;
    let done = 0;
    while (done < data.length) {
      const a = addr + done;
      const p = this.physPage(Math.floor(a / PAGE), need, true);
      const off = a % PAGE;
      const n = Math.min(data.length - done, PAGE - off);
      this.observer.writing(p);
      m.set(data.subarray(done, done + n), p * PAGE + off);
      done += n;
    }
    return true;
  }

  /** Reads a NUL-terminated string (at most `max` bytes); null if unreadable or unterminated. */
  readCString(addr: number, max = 4096): Uint8Array | null {
    const m = this.mem.mem8;
    const parts: Uint8Array[] = [];
    let total = 0;
    let a = addr;
    while (total < max) {
      const p = this.physPage(Math.floor(a / PAGE), PROT_READ);
      if (p < 0) return null;
      const off = a % PAGE;
      const lim = Math.min(PAGE - off, max - total);
      const base = p * PAGE + off;
      const page = m.subarray(base, base + lim);
      const z = page.indexOf(0);
      if (z >= 0) {
        parts.push(page.subarray(0, z));
        const out = new Uint8Array(total + z);
        let o = 0;
        for (const s of parts) {
          out.set(s, o);
          o += s.length;
        }
        return out;
      }
      parts.push(page);
      total += lim;
      a += lim;
    }
    return null;
  }
}
