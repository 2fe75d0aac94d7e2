// The kernel's guest "physical" memory (QEMU system mode's RAM, Linux's page allocator): one pool
// of 4 KiB pages in a single ArrayBuffer shared by every process of a Kernel, with a reference
// count per page. Processes map these pages through their own page tables (AddressSpace), so
// fork shares them copy-on-write and the page cache shares file pages between processes; one
// CpuExec then serves every process, and its TBs, keyed by the physical page of their code, are
// shared too.
//
// Page 0 is the zero page: never written, never freed, mapped read-only wherever anonymous memory
// has not been written yet (Linux's ZERO_PAGE), so large reservations cost nothing.
//
// Freed pages go on a LIFO free list and are handed out again first, so the set of host pages
// ever touched is the peak of guest memory in use: a long run of short processes keeps the host's
// RSS flat (the ArrayBuffer's untouched tail is never committed by the host OS).

/** Thrown when the pool has no free page left (the process that asked dies: ENOMEM-like). */
export class OutOfGuestMemory extends Error {}

export const PAGE = 4096;
export const ZERO_PAGE = 0;

export class PhysicalMemory {
  readonly ram: ArrayBufferLike;
  readonly mem8: Uint8Array;
  /** Total pages of the pool (page 0 included). */
  readonly pages: number;
  private readonly refs: Int32Array;
  private readonly freeList: Int32Array;
  private nFree = 0;
  /** Pages above this have never been handed out (they are still zero). */
  private top = 1;
  /**
   * A page's last reference went away (before it is reused): the kernel drops the TBs translated
   * from it, since the page will hold something else.
   */
  onFree: (page: number) => void = () => {};
  /** Asked for pages when the pool is exhausted (the page cache gives back unmapped pages). */
  reclaim: (want: number) => number = () => 0;

  /** `allocate` makes the (zeroed) buffer: KernelOptions.allocateRam. */
  constructor(ramBytes: number, allocate: (bytes: number) => ArrayBufferLike = (n) => new ArrayBuffer(n)) {
    if (ramBytes % PAGE || ramBytes < 16 * PAGE) throw new RangeError(`guest RAM must be a multiple of ${PAGE} bytes, at least 64 KiB`);
    this.ram = allocate(ramBytes);
    if (this.ram.byteLength !== ramBytes) throw new RangeError(`guest RAM: asked for ${ramBytes} bytes, got ${this.ram.byteLength}`);
    this.mem8 = new Uint8Array(this.ram);
    this.pages = ramBytes / PAGE;
    this.refs = new Int32Array(this.pages);
    this.freeList = new Int32Array(this.pages);
    this.refs[ZERO_PAGE] = 1; // pinned
  }

  /** A zeroed page with one reference. Throws OutOfGuestMemory when none is left. */
  alloc(): number {
    let p: number;
    if (this.nFree > 0) {
      p = this.freeList[--this.nFree];
      this.mem8.fill(0, p * PAGE, p * PAGE + PAGE);
    } else if (this.top < this.pages) {
      p = this.top++;
    } else {
      if (this.reclaim(64) > 0 && this.nFree > 0) return this.alloc();
      throw new OutOfGuestMemory("guest RAM exhausted");
    }
    this.refs[p] = 1;
    return p;
  }

  /** A new page holding a copy of page `src` (copy-on-write), with one reference. */
  allocCopy(src: number): number {
    const p = this.alloc();
    this.mem8.copyWithin(p * PAGE, src * PAGE, src * PAGE + PAGE);
    return p;
  }

  ref(p: number): void {
    if (p !== ZERO_PAGE) this.refs[p]++;
  }

  /** Drops a reference; the page is freed with its last one. */
  unref(p: number): void {
    if (p === ZERO_PAGE) return;
    const n = --this.refs[p];
    if (n > 0) return;
    if (n < 0) throw new Error(`phys-mem: page ${p} freed twice`);
    this.onFree(p);
    this.freeList[this.nFree++] = p;
  }

  refCount(p: number): number {
    return this.refs[p];
  }

  /** Pages in use (with at least one reference), the zero page excluded. */
  get inUse(): number {
    return this.top - 1 - this.nFree;
  }

  /** Pages ever handed out: the host memory the pool has touched. */
  get highWater(): number {
    return this.top;
  }

  /** Byte offset of a page in the pool. */
  offset(p: number): number {
    return p * PAGE;
  }
}
