// A process's guest address space (Linux's mm_struct: its VMAs and page table; QEMU's
// linux-user/mmap.c page flags): mapped ranges of guest virtual pages with read/write/execute
// permissions, and the pages of the kernel's PhysicalMemory behind them.
//
//   - A mapping is a VMA (a range of pages with one protection) until its pages are used: an
//     anonymous page reads as the zero page and gets a page of its own at its first write, so an
//     8 MiB stack or a 64 MiB PROT_NONE reservation is one VMA and costs nothing, and fork copies
//     only the pages that were written.
//   - Private pages shared with another address space (after fork) or with the page cache (file
//     mappings) are copy-on-write: the softmmu's TLB gets them read-only, and the first write
//     copies the page (or, when nobody else holds it any more, takes it over).
//   - A private file mapping whose bytes stay readable (an ELF the loader holds in memory) gets its
//     pages from the page cache when they are first touched, as Linux's page faults do: a 2 MiB
//     static busybox whose run touches a tenth of it copies a tenth of it.
//   - MAP_SHARED anonymous memory lives in a SharedSegment (Linux's shmem object) that forked
//     children reference too, so both sides see each other's writes. A MAP_SHARED file mapping is
//     a SharedSegment with a SegmentBacking (src/linux-user/shared-files.ts): one per file for
//     every process that maps it, its pages filled from the file when first touched, and the
//     bytes written to them written back to the file by msync and when the last mapping goes.
//
// The kernel's MMU glue (KernelMemory) fills the softmmu's TLB from the current address space
// and is told (PageTableObserver) when mappings change, so it can drop stale TLB and jump-cache
// entries. Everything else here is the emulator's own access to guest memory (loaders, syscalls,
// debuggers), which works on any address space, current or not.
import { PAGE, PhysicalMemory, ZERO_PAGE } from "./phys-mem.ts";

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;

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

/**
 * The file behind a shared file mapping's segment (Linux's address_space of an inode): where its
 * pages come from and where written bytes go.
 */
export interface SegmentBacking {
  /** Fills `page` (PAGE zero bytes) with the file's page `index`; zeros past the end of the file. */
  fill(index: number, page: Uint8Array): void;
  /**
   * Writes back the bytes of page `index` that differ from `original` (what the file held when the
   * page was filled or last written back).
   */
  writeBack(index: number, page: Uint8Array, original: Uint8Array): void;
  /** Whether the file was opened for writing (else nothing can change its pages). */
  readonly writable: boolean;
  /** The segment's last mapping went (after its last write-back). */
  released(): void;
}

/**
 * MAP_SHARED memory: its pages, by page index, shared by every VMA (of any process) that maps it.
 * Anonymous (no backing): pages read as zeros until written. A file's (backing): every page is
 * filled from the file at its first touch and remembers those bytes, so that only what the guest
 * wrote goes back to the file.
 */
export class SharedSegment {
  readonly pages = new Map<number, number>();
  users = 0;
  /** For a writable backing: each filled page's bytes as the file last had them. */
  private readonly originals = new Map<number, Uint8Array>();
  /**
   * Whether a mapping may ever have written the pages (mapped or mprotect'ed PROT_WRITE): until
   * then a write-back has nothing to look for, and a read() of a large read-only mapped file (a
   * database in mmap mode) compares no pages.
   */
  mappedWritable = false;
  constructor(
    private readonly mem: PhysicalMemory,
    private readonly backing: SegmentBacking | null = null,
  ) {}
  page(index: number, alloc: boolean): number {
    let p = this.pages.get(index);
    if (p === undefined) {
      const b = this.backing;
      if (!alloc && !b) return ZERO_PAGE;
      p = this.mem.alloc();
      this.pages.set(index, p);
      if (b) {
        const bytes = this.bytes(p);
        b.fill(index, bytes);
        if (b.writable) this.originals.set(index, bytes.slice());
      }
    }
    return p;
  }
  private bytes(p: number): Uint8Array {
    return this.mem.mem8.subarray(p * PAGE, p * PAGE + PAGE);
  }
  /** The backing became writable: every filled page remembers its bytes as they are now. */
  rememberFilled(): void {
    for (const [index, p] of this.pages) if (!this.originals.has(index)) this.originals.set(index, this.bytes(p).slice());
  }
  /**
   * A write() of `data` at file offset `pos` (the backing's file): the filled pages show it, and
   * remember it as the file's own bytes, as Linux's single page cache would.
   */
  absorb(pos: number, data: Uint8Array): void {
    if (!this.backing || data.length === 0) return;
    const end = pos + data.length;
    for (let index = Math.floor(pos / PAGE); index * PAGE < end; index++) {
      const p = this.pages.get(index);
      if (p === undefined) continue;
      const ps = index * PAGE;
      const from = Math.max(ps, pos),
        to = Math.min(ps + PAGE, end);
      const src = data.subarray(from - pos, to - pos);
      this.mem.mem8.set(src, p * PAGE + (from - ps));
      this.originals.get(index)?.set(src, from - ps);
    }
  }
  /** msync: writes back what changed in pages [first, end) (a no-op without a writable backing). */
  sync(first: number, end: number): void {
    const b = this.backing;
    if (!b || !b.writable || !this.mappedWritable) return;
    for (const [index, orig] of this.originals) {
      if (index < first || index >= end) continue;
      const bytes = this.bytes(this.pages.get(index)!);
      b.writeBack(index, bytes, orig);
      orig.set(bytes);
    }
  }
  /**
   * Called after a user went and others remain (a SysV shm segment counts its attaches by its
   * mappings: shm_nattch, and destruction at the last detach after IPC_RMID).
   */
  onDrop: (() => void) | null = null;
  drop(): void {
    if (--this.users > 0) {
      this.onDrop?.();
      return;
    }
    if (this.backing) {
      this.sync(0, Infinity);
      this.backing.released();
      this.originals.clear();
    }
    for (const p of this.pages.values()) this.mem.unref(p);
    this.pages.clear();
  }
}

/**
 * The pages of a file, mapped private and loaded at first touch: page(i) is the physical page holding
 * the file's page i (the zero page past its end), with one reference for the mapping, or NO_ACCESS
 * for a page wholly past the end of a file that raises SIGBUS there (`beyondEnd`). `hold` and `drop`,
 * when present, count the VMAs using it (the open file a mapping keeps, Linux's vma->vm_file).
 */
export interface FilePages {
  page(index: number): number;
  /** Whether page `index` lies wholly past the end of the file now (a fault there is SIGBUS). */
  beyondEnd?(index: number): boolean;
  hold?(): void;
  drop?(): void;
}

/**
 * The file /proc/<pid>/maps names a mapping by (Linux's vma->vm_file): the host path it was opened
 * by (made canonical when /proc shows it), its device and inode.
 */
export interface MapFile {
  readonly path: string;
  readonly dev: bigint;
  readonly ino: bigint;
  /** MAP_SHARED anonymous memory (Linux's shmem file, shown as "/dev/zero (deleted)" whatever the host has). */
  readonly anonymous?: boolean;
  /** The canonical path, once /proc has looked it up. */
  canonical?: string;
}

/** MAP_SHARED anonymous memory's name, as Linux's shmem_zero_setup gives it: a deleted /dev/zero on device 0:1. */
let shmemInodes = 0;
function sharedAnonName(): MapFile {
  return { path: "/dev/zero", dev: 1n, ino: BigInt(++shmemInodes), anonymous: true };
}

/** One line of /proc/<pid>/maps: [start, end) in bytes, its protection, and the file behind it from byte `offset`. */
export interface Mapping {
  start: number;
  end: number;
  prot: number;
  shared: boolean;
  file: MapFile | null;
  offset: number;
}

/** Where /proc/<pid>/maps names a region [stack], [heap] or [vdso] (qemu: the region that starts there; 0 for none). */
export interface SpecialRegions {
  stack: number;
  heap: number;
  vdso: number;
}

/**
 * A mapped range [start, end) of guest pages with one protection (MAP_SHARED ones: in a segment,
 * from page segOff; lazily loaded file ones: from the file's page fileOff). `name` is the file
 * /proc shows for it, from the file's page `pgoff`. `acct` is Linux's VM_ACCOUNT: a private mapping
 * that was ever writable, which Linux never merges with one that was not (a RELRO range of a library
 * stays apart from the read-only segment before it).
 */
interface Vma {
  start: number;
  end: number;
  prot: number;
  seg: SharedSegment | null;
  segOff: number;
  file: FilePages | null;
  fileOff: number;
  name: MapFile | null;
  pgoff: number;
  acct: boolean;
}

export class AddressSpace {
  /** Mapped ranges, sorted by address, not overlapping. */
  private vmas: Vma[] = [];
  /** Private pages with memory of their own: vpn -> physical page (one reference each). */
  private readonly pages = new Map<number, number>();
  /** The VMA the last lookup found (accesses cluster). */
  private hint = -1;
  /** Processes using this address space (vfork children and CLONE_VM processes share it). */
  users = 1;
  /** Set by the loader: where [stack], [heap] and [vdso] start. */
  special: SpecialRegions = { stack: 0, heap: 0, vdso: 0 };

  constructor(
    readonly mem: PhysicalMemory,
    readonly observer: PageTableObserver = NO_OBSERVER,
  ) {}

  // ---- VMAs

  /** Index of the VMA holding page vpn, or -1. */
  private find(vpn: number): number {
    const v = this.vmas;
    const h = this.hint;
    if (h >= 0 && h < v.length && v[h].start <= vpn && vpn < v[h].end) return h;
    let lo = 0,
      hi = v.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = v[mid];
      if (vpn < m.start) hi = mid - 1;
      else if (vpn >= m.end) lo = mid + 1;
      else return (this.hint = mid);
    }
    return -1;
  }

  /** Index of the first VMA ending after vpn. */
  private firstEndingAfter(vpn: number): number {
    const v = this.vmas;
    let lo = 0,
      hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid].end <= vpn) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Splits the VMA containing vpn so that a VMA starts at vpn (no-op at a boundary or a hole). */
  private splitAt(vpn: number): void {
    const i = this.find(vpn);
    if (i < 0) return;
    const a = this.vmas[i];
    if (a.start === vpn) return;
    const b: Vma = {
      start: vpn,
      end: a.end,
      prot: a.prot,
      seg: a.seg,
      segOff: a.segOff + (vpn - a.start),
      file: a.file,
      fileOff: a.fileOff + (vpn - a.start),
      name: a.name,
      pgoff: a.pgoff + (vpn - a.start),
      acct: a.acct,
    };
    if (a.seg) a.seg.users++;
    a.file?.hold?.();
    a.end = vpn;
    this.vmas.splice(i + 1, 0, b);
    this.hint = -1;
  }

  /**
   * Removes the mappings of [first, end): their private pages drop a reference (unless `keep`,
   * for moves), their segments a user. Returns the removed VMA pieces (for moves).
   */
  private removeRange(first: number, end: number, keep = false): Vma[] {
    this.splitAt(first);
    this.splitAt(end);
    const i = this.firstEndingAfter(first);
    let j = i;
    while (j < this.vmas.length && this.vmas[j].start < end) j++;
    const removed = this.vmas.splice(i, j - i);
    this.hint = -1;
    if (!keep)
      for (const r of removed) {
        r.seg?.drop();
        r.file?.drop?.();
      }
    const pages = this.pages;
    if (pages.size > 0) {
      if (end - first < pages.size) {
        for (let vpn = first; vpn < end; vpn++) {
          const p = pages.get(vpn);
          if (p === undefined) continue;
          pages.delete(vpn);
          if (!keep) this.mem.unref(p);
        }
      } else {
        for (const [vpn, p] of pages) {
          if (vpn < first || vpn >= end) continue;
          pages.delete(vpn);
          if (!keep) this.mem.unref(p);
        }
      }
    }
    return removed;
  }

  /** Inserts a VMA (its range is free), merging it with equal neighbours. */
  private insert(v: Vma): void {
    const vm = this.vmas;
    let i = this.firstEndingAfter(v.start);
    vm.splice(i, 0, v);
    // Merge with the next and the previous when they continue each other.
    const join = (a: Vma, b: Vma) =>
      a.end === b.start &&
      a.prot === b.prot &&
      a.seg === b.seg &&
      (!a.seg || a.segOff + (a.end - a.start) === b.segOff) &&
      a.file === b.file &&
      (!a.file || a.fileOff + (a.end - a.start) === b.fileOff) &&
      a.name === b.name &&
      (!a.name || a.pgoff + (a.end - a.start) === b.pgoff) &&
      a.acct === b.acct;
    if (i + 1 < vm.length && join(vm[i], vm[i + 1])) {
      vm[i].end = vm[i + 1].end;
      vm[i + 1].seg?.drop();
      vm[i + 1].file?.drop?.();
      vm.splice(i + 1, 1);
    }
    if (i > 0 && join(vm[i - 1], vm[i])) {
      vm[i - 1].end = vm[i].end;
      vm[i].seg?.drop();
      vm[i].file?.drop?.();
      vm.splice(i, 1);
      i--;
    }
    this.hint = -1;
  }

  // ---- mapping

  /** Maps [addr, addr+len) as fresh zero-filled pages (replacing what was there). addr is page-aligned. */
  map(addr: number, len: number, prot: number, shared = false): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    if (n <= 0) return;
    this.removeRange(first, first + n);
    let seg: SharedSegment | null = null;
    if (shared) {
      seg = new SharedSegment(this.mem);
      seg.users = 1;
    }
    this.insert(newVma(first, n, prot, { seg, name: seg ? sharedAnonName() : null }));
    this.observer.remapped(this, first, n);
  }

  /**
   * Maps physical pages (file pages from the page cache) at addr, private and copy-on-write. Each
   * page must carry one reference for this mapping, which the address space now owns (the zero
   * page needs none). `name` is the file they are pages of, from its page `pgoff`.
   */
  mapPages(
    addr: number,
    pages: ArrayLike<number>,
    prot: number,
    name: MapFile | null = null,
    pgoff = 0,
    file: FilePages | null = null,
  ): void {
    const first = Math.floor(addr / PAGE),
      n = pages.length;
    if (n === 0) return;
    this.removeRange(first, first + n);
    // `file`: where pages the mapping lacks come from (past the end when mapped, or grown by mremap)
    file?.hold?.();
    this.insert(newVma(first, n, prot, { name, pgoff, file, fileOff: pgoff }));
    for (let i = 0; i < n; i++) if (pages[i] !== ZERO_PAGE) this.pages.set(first + i, pages[i]);
    this.observer.remapped(this, first, n);
  }

  /**
   * Maps `n` pages of a file at addr, private and copy-on-write, from the file's page `firstIndex`;
   * each page is taken from `file` when it is first touched (read, written or executed).
   */
  mapFileLazily(addr: number, n: number, prot: number, file: FilePages, firstIndex: number, name: MapFile | null = null): void {
    const first = Math.floor(addr / PAGE);
    if (n <= 0) return;
    this.removeRange(first, first + n);
    file.hold?.();
    this.insert(newVma(first, n, prot, { file, fileOff: firstIndex, name, pgoff: firstIndex }));
    this.observer.remapped(this, first, n);
  }

  /**
   * Maps `n` pages of a shared segment (a MAP_SHARED file's, src/linux-user/shared-files.ts) at
   * addr, from the segment's page `firstIndex`: every mapping of the segment, in any address
   * space, sees the same pages.
   */
  mapSegment(addr: number, n: number, prot: number, seg: SharedSegment, firstIndex: number, name: MapFile | null = null): void {
    const first = Math.floor(addr / PAGE);
    if (n <= 0) return;
    this.removeRange(first, first + n);
    seg.users++;
    if (prot & PROT_WRITE) seg.mappedWritable = true;
    this.insert(newVma(first, n, prot, { seg, segOff: firstIndex, name, pgoff: firstIndex }));
    this.observer.remapped(this, first, n);
  }

  /**
   * mremap's growth: maps [addr, addr+len) as the continuation of the mapping that holds page
   * `vpn`: the same shared segment from the page after it, the same file's pages (private,
   * loaded when touched: the file's bytes past the old end, SIGBUS past its last page), or else
   * fresh private memory, with its
   * protection (and its file's name, from the page after it, as the one VMA Linux grows).
   */
  mapContinuation(vpn: number, addr: number, len: number): void {
    const i = this.find(vpn);
    if (i < 0) return;
    const v = this.vmas[i];
    const next = vpn - v.start + 1;
    if (v.seg) this.mapSegment(addr, Math.ceil(len / PAGE), v.prot, v.seg, v.segOff + next, v.name);
    else if (v.file) this.mapFileLazily(addr, Math.ceil(len / PAGE), v.prot, v.file, v.fileOff + next, v.name);
    else {
      this.map(addr, len, v.prot);
      if (v.name) this.rename(Math.floor(addr / PAGE), Math.ceil(len / PAGE), v.name, v.pgoff + next);
    }
  }

  /** Gives the private pages [first, first + n), one fresh anonymous VMA, the name of a file from its page `pgoff`. */
  private rename(first: number, n: number, name: MapFile, pgoff: number): void {
    const i = this.find(first);
    const v = this.vmas[i];
    if (v.start !== first || v.end !== first + n) return;
    this.vmas.splice(i, 1);
    this.insert({ ...v, name, pgoff });
  }

  /** The shared segment mapped at page vpn from its page 0 (where shmat attached it), or null. */
  segmentStartingAt(vpn: number): SharedSegment | null {
    const i = this.find(vpn);
    if (i < 0) return null;
    const v = this.vmas[i];
    return v.seg && v.segOff + (vpn - v.start) === 0 ? v.seg : null;
  }

  /**
   * shmdt: unmaps the mappings of `seg` among pages [first, first + n) that continue the attach
   * at page `first` (page k of the range maps the segment's page k), as Linux's shmdt walks them.
   */
  unmapSegment(first: number, n: number, seg: SharedSegment): void {
    const ranges: Array<[number, number]> = [];
    for (const v of this.vmas)
      if (v.seg === seg && v.start < first + n && v.end > first && v.segOff === v.start - first)
        ranges.push([v.start, Math.min(v.end, first + n)]);
    for (const [a, b] of ranges) {
      this.removeRange(a, b);
      this.observer.remapped(this, a, b - a);
    }
  }

  /** msync: the shared file pages of [addr, addr+len) go back to their files. False if a page is unmapped. */
  syncShared(addr: number, len: number): boolean {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    if (n <= 0) return true;
    if (!this.covered(first, n)) return false;
    for (const v of this.vmas) {
      if (!v.seg || v.end <= first || v.start >= first + n) continue;
      const from = Math.max(v.start, first),
        to = Math.min(v.end, first + n);
      v.seg.sync(v.segOff + (from - v.start), v.segOff + (to - v.start));
    }
    return true;
  }

  unmap(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    if (n <= 0) return;
    this.removeRange(first, first + n);
    this.observer.remapped(this, first, n);
  }

  /** Whether every page of [first, first + n) is mapped. */
  private covered(first: number, n: number): boolean {
    let vpn = first;
    let i = this.find(vpn);
    while (i >= 0 && i < this.vmas.length && this.vmas[i].start <= vpn) {
      vpn = this.vmas[i].end;
      if (vpn >= first + n) return true;
      i++;
    }
    return false;
  }

  /** Changes permissions; returns false if some page in the range is unmapped. */
  protect(addr: number, len: number, prot: number): boolean {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    if (n <= 0) return true;
    if (!this.covered(first, n)) return false;
    this.splitAt(first);
    this.splitAt(first + n);
    const i = this.firstEndingAfter(first);
    let j = i;
    while (j < this.vmas.length && this.vmas[j].start < first + n) j++;
    const pieces = this.vmas.splice(i, j - i);
    for (const v of pieces) {
      v.prot = prot & 7;
      if (v.seg && prot & PROT_WRITE) v.seg.mappedWritable = true;
      if (!v.seg && prot & PROT_WRITE) v.acct = true;
      this.insert(v);
    }
    this.observer.remapped(this, first, n);
    return true;
  }

  /** madvise(MADV_DONTNEED): private pages read as zeros again (their memory is released). */
  discard(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE),
      n = Math.ceil(len / PAGE);
    const pages = this.pages;
    if (n < pages.size) {
      for (let vpn = first; vpn < first + n; vpn++) {
        const p = pages.get(vpn);
        if (p !== undefined) {
          pages.delete(vpn);
          this.mem.unref(p);
        }
      }
    } else {
      for (const [vpn, p] of pages) {
        if (vpn < first || vpn >= first + n) continue;
        pages.delete(vpn);
        this.mem.unref(p);
      }
    }
    this.observer.remapped(this, first, n);
  }

  /** Moves pages (mremap) without copying data; the destination's old pages are unmapped. */
  movePages(from: number, to: number, n: number): void {
    const f = Math.floor(from / PAGE),
      t = Math.floor(to / PAGE);
    const moved: Array<[number, number]> = [];
    for (const [vpn, p] of this.pages) if (vpn >= f && vpn < f + n) moved.push([vpn, p]);
    const pieces = this.removeRange(f, f + n, true);
    this.removeRange(t, t + n);
    for (const v of pieces) this.insert({ ...v, start: v.start - f + t, end: v.end - f + t });
    for (const [vpn, p] of moved) this.pages.set(vpn - f + t, p);
    this.observer.remapped(this, f, n);
    this.observer.remapped(this, t, n);
  }

  /** Whether an access to mapped page `vpn` is a bus error: a file mapping's page wholly past the file's end (Linux's SIGBUS). */
  busError(vpn: number): boolean {
    const i = this.find(vpn);
    if (i < 0 || this.pages.has(vpn)) return false;
    const v = this.vmas[i];
    return !v.seg && v.file?.beyondEnd?.(v.fileOff + (vpn - v.start)) === true;
  }

  isMapped(vpn: number): boolean {
    return this.find(vpn) >= 0;
  }
  protOf(vpn: number): number {
    const i = this.find(vpn);
    return i < 0 ? -1 : this.vmas[i].prot;
  }

  /**
   * The lines of /proc/<pid>/maps: the VMAs in address order, neighbours joined as Linux merges
   * VMAs: the same protection and sharing, and either both private anonymous memory or both the
   * same file (or shared segment) at consecutive offsets.
   */
  mappings(): Mapping[] {
    const out: Mapping[] = [];
    let lastVma: Vma | null = null;
    for (const v of this.vmas) {
      const last = out[out.length - 1];
      const p = lastVma;
      lastVma = v;
      if (
        p &&
        last.end === v.start * PAGE &&
        p.prot === v.prot &&
        p.seg === v.seg &&
        p.acct === v.acct &&
        (v.name === null ? p.name === null : p.name !== null && sameFile(p.name, v.name) && p.pgoff + (p.end - p.start) === v.pgoff)
      ) {
        last.end = v.end * PAGE;
        continue;
      }
      out.push({
        start: v.start * PAGE,
        end: v.end * PAGE,
        prot: v.prot,
        shared: v.seg !== null,
        file: v.name,
        offset: v.name ? v.pgoff * PAGE : 0,
      });
    }
    return out;
  }

  /** Mapped ranges in address order as [start, end, prot] (for debuggers and embedders). */
  ranges(): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    for (const v of this.vmas) {
      const last = out[out.length - 1];
      if (last && last[1] === v.start * PAGE && last[2] === v.prot) last[1] = v.end * PAGE;
      else out.push([v.start * PAGE, v.end * PAGE, v.prot]);
    }
    return out;
  }

  /** Finds a free range of `len` bytes below `below` (top-down, page-aligned), or -1. */
  findFree(len: number, below: number, above = 0x10000): number {
    const n = Math.ceil(len / PAGE);
    const floor = Math.ceil(above / PAGE);
    let end = Math.floor(below / PAGE);
    // Walk the VMAs downwards from the one at or below `end`.
    let i = this.firstEndingAfter(end - 1); // first VMA ending after end-1, i.e. reaching page end-1
    if (i >= this.vmas.length || this.vmas[i].start >= end) i--;
    for (;;) {
      const v = i >= 0 ? this.vmas[i] : null;
      const gapStart = v ? Math.max(v.end, floor) : floor;
      if (v && v.end > end) {
        end = Math.min(end, v.start);
        i--;
        continue;
      }
      if (end - n >= gapStart) return (end - n) * PAGE;
      if (!v || v.start <= floor) return -1;
      end = v.start;
      i--;
    }
  }

  /** The lowest free range of len bytes in [from, to), page aligned, or -1 (QEMU's page_find_range_empty). */
  findFreeUp(len: number, from: number, to: number): number {
    const n = Math.ceil(len / PAGE);
    let start = Math.ceil(from / PAGE);
    const limit = Math.floor(to / PAGE);
    // Walk the VMAs upwards from the first one reaching page `start`.
    for (let i = this.firstEndingAfter(start); start + n <= limit; i++) {
      const v = i < this.vmas.length ? this.vmas[i] : null;
      if (!v || v.start >= start + n) return start * PAGE;
      start = Math.max(start, v.end);
    }
    return -1;
  }

  // ---- fork and exit

  /**
   * A copy for a forked child (Linux's dup_mm): private pages become copy-on-write in both, shared
   * segments stay shared. The parent's TLB loses its writable entries (they must fault to copy now).
   */
  fork(): AddressSpace {
    const child = new AddressSpace(this.mem, this.observer);
    for (const v of this.vmas) {
      if (v.seg) v.seg.users++;
      v.file?.hold?.();
      child.vmas.push({ ...v });
    }
    child.special = { ...this.special };
    const mem = this.mem;
    for (const [vpn, p] of this.pages) {
      mem.ref(p);
      child.pages.set(vpn, p);
    }
    this.observer.remapped(this, 0, Infinity);
    return child;
  }

  /** Drops every mapping (the last user exited or exec'd). */
  release(): void {
    for (const p of this.pages.values()) this.mem.unref(p);
    this.pages.clear();
    for (const v of this.vmas) {
      v.seg?.drop();
      v.file?.drop?.();
    }
    this.vmas = [];
    this.hint = -1;
    this.observer.remapped(this, 0, Infinity);
  }

  /** Pages with memory of their own (not the zero page): the process's resident set. */
  get pagesInUse(): number {
    let n = this.pages.size;
    for (const v of this.vmas)
      if (v.seg) for (const idx of v.seg.pages.keys()) if (idx >= v.segOff && idx < v.segOff + (v.end - v.start)) n++;
    return n;
  }

  // ---- translation (the TLB fill and the emulator's own accesses)

  /**
   * The physical page behind guest page `vpn` for an access needing `prot` (PROT_READ, PROT_WRITE
   * or PROT_EXEC; 0 ignores permissions, as a debugger's read does), or NO_ACCESS. A write
   * (or `forWrite`, a debugger's forced write) gets a page of its own first (copy-on-write).
   */
  physPage(vpn: number, prot: number, forWrite = prot === PROT_WRITE): number {
    const i = this.find(vpn);
    if (i < 0) return NO_ACCESS;
    const v = this.vmas[i];
    if ((v.prot & prot) !== prot) return NO_ACCESS;
    if (v.seg) return v.seg.page(v.segOff + (vpn - v.start), forWrite);
    let p = this.pages.get(vpn);
    if (p === undefined) {
      p = v.file ? v.file.page(v.fileOff + (vpn - v.start)) : ZERO_PAGE;
      if (p < 0) return NO_ACCESS; // past the end of the file: SIGBUS (busError)
      if (p !== ZERO_PAGE) this.pages.set(vpn, p); // the mapping's reference, as if mapped eagerly
    }
    if (!forWrite || (p !== ZERO_PAGE && this.mem.refCount(p) === 1)) return p;
    // Copy-on-write: a page of our own (a copy, or a fresh zero page).
    const np = p === ZERO_PAGE ? this.mem.alloc() : this.mem.allocCopy(p);
    this.pages.set(vpn, np);
    this.mem.unref(p);
    this.observer.remapped(this, vpn, 1);
    return np;
  }

  /** Whether guest page `vpn` (known to be mapped on page `phys`) may be written without a fault now. */
  writableNow(vpn: number, phys: number): boolean {
    const i = this.find(vpn);
    if (i < 0) return false;
    const v = this.vmas[i];
    if (!(v.prot & PROT_WRITE) || phys === ZERO_PAGE) return false;
    return v.seg !== null || this.mem.refCount(phys) === 1;
  }

  /** The physical address behind a byte of a MAP_SHARED page (the key of a shared futex), or -1 for other memory. */
  sharedPhysAddr(addr: number): number {
    const vpn = Math.floor(addr / PAGE);
    const i = this.find(vpn);
    if (i < 0 || !this.vmas[i].seg) return -1;
    return this.physPage(vpn, 0, true) * PAGE + (addr % PAGE);
  }

  /** Pool offset of guest address `addr` if `prot` is allowed (copy-on-write for PROT_WRITE), else -1. */
  ramOffset(addr: number, prot: number): number {
    const p = this.physPage(Math.floor(addr / PAGE), prot);
    return p < 0 ? -1 : p * PAGE + (addr % PAGE);
  }

  /** Copies guest memory out; returns null if any byte is not readable. */
  read(addr: number, len: number): Uint8Array | null {
    // a length no guest buffer can have (negative, or more than the 4 GiB a 32-bit guest addresses
    // and any guest's RAM) is a fault, not a host allocation
    if (!(len >= 0 && len <= 0x100000000)) return null;
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
      const i = this.find(Math.floor(a / PAGE));
      if (i < 0 || (this.vmas[i].prot & need) !== need) return false;
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

/** A VMA of pages [first, first + n) with protection `prot` and the given backing (none: private anonymous memory). */
function newVma(first: number, n: number, prot: number, backing: Partial<Vma>): Vma {
  const v: Vma = {
    start: first,
    end: first + n,
    prot: prot & 7,
    seg: null,
    segOff: 0,
    file: null,
    fileOff: 0,
    name: null,
    pgoff: 0,
    acct: false,
  };
  Object.assign(v, backing);
  v.acct = !v.seg && (prot & PROT_WRITE) !== 0;
  return v;
}

/** Whether two names are the same file (mappings made by different mmap calls have names of their own). */
function sameFile(a: MapFile, b: MapFile): boolean {
  return a === b || (a.dev === b.dev && a.ino === b.ino && a.path === b.path && a.anonymous === b.anonymous);
}
