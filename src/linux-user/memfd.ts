// memfd_create's files (Linux's mm/memfd.c over mm/shmem.c): an anonymous regular file in memory,
// with no name in any directory (st_nlink 0; /proc/self/fd/N reads "/memfd:NAME (deleted)").
//
// The contents are a SharedSegment (address-space.ts), Linux's shmem object: the file's pages are
// pages of the kernel's physical memory, so read() and write() copy to and from the same pages
// that every MAP_SHARED mapping of the file maps, in any process (a forked child's mappings too),
// and nothing needs writing back. MAP_PRIVATE mappings take references on the pages there are
// when they are made (copy-on-write, as the page cache's pages are): a later write() to such a page
// shows through until the mapping writes the page itself (not to a page that was a hole when the
// mapping was made: the mapping keeps zeros there, where Linux would show the write). The segment has a backing whose pages start as zeros,
// so a mapping's first touch of a hole allocates the file's page, as shmem_fault does, rather than
// mapping the zero page that a later write() would not replace.
//
// Seals (fcntl F_ADD_SEALS / F_GET_SEALS): SEAL, SHRINK, GROW, WRITE, FUTURE_WRITE, EXEC, with
// Linux's EPERM and EBUSY. Not modelled: SIGBUS for mapped pages past the end of the file, and
// F_SEAL_WRITE's EBUSY counts any MAP_SHARED mapping as writable (a memfd is opened O_RDWR, so
// Linux's VM_MAYWRITE counts them all unless the file was reopened read-only), and a write-sealed
// file's read-only MAP_SHARED mapping may still be mprotect'ed writable, and a memfd cannot be
// executed (fexecve: ENOENT).
import { SharedSegment, type MapFile, type PageTableObserver, type SegmentBacking } from "./address-space.ts";
import { EBUSY, EINVAL, ENOSPC, ENXIO, EOPNOTSUPP, EPERM, O, S_IFREG } from "./errno.ts";
import { FileDesc } from "./files.ts";
import type { HostStat } from "./host-api.ts";
import { OutOfGuestMemory, PAGE, ZERO_PAGE, type PhysicalMemory } from "./phys-mem.ts";

/** memfd_create's flags (MFD_*). */
export const MFD = { CLOEXEC: 1, ALLOW_SEALING: 2, HUGETLB: 4, NOEXEC_SEAL: 8, EXEC: 0x10 } as const;
/** File seals (F_SEAL_*), as F_ADD_SEALS takes and F_GET_SEALS returns them. */
export const SEAL = { SEAL: 1, SHRINK: 2, GROW: 4, WRITE: 8, FUTURE_WRITE: 0x10, EXEC: 0x20 } as const;
const ALL_SEALS = 0x3f;

/** fallocate's FALLOC_FL_KEEP_SIZE and FALLOC_FL_PUNCH_HOLE, the modes shmem has. */
export const FALLOC_KEEP_SIZE = 1,
  FALLOC_PUNCH_HOLE = 2;

/** NAME_MAX less "memfd:" (MFD_NAME_MAX_LEN). */
export const MFD_NAME_MAX = 249;

/** The memfd pseudo file system's device number (tmpfs's "shm" mount has an anonymous one too). */
const MEMFD_DEV = 1n;

/** A memfd's file (Linux's shmem inode): contents, size, seals, metadata; shared by its descriptions. */
export class MemInode implements SegmentBacking {
  /**
   * Inode numbers from 2^31 up: MemFs, whose files share device 1 with memfds, counts its own from 1,
   * and locks and shared mappings tell files apart by (device, inode).
   */
  private static nextIno = 0x80000000;
  readonly ino = MemInode.nextIno++;
  readonly seg: SharedSegment;
  size = 0;
  seals: number;
  mode: number;
  private mtimeNs: bigint;
  private ctimeNs: bigint;
  /** Open descriptions; the last one going drops the inode's hold on the segment (mappings keep theirs). */
  private opens = 0;

  constructor(
    private readonly mem: PhysicalMemory,
    private readonly observer: PageTableObserver,
    /** "memfd:NAME", as /proc/<pid>/fd and /proc/<pid>/maps name it. */
    readonly name: string,
    flags: number,
    private readonly uid: number,
    private readonly gid: number,
    private readonly now: () => bigint,
  ) {
    this.seg = new SharedSegment(mem, this);
    this.seg.users = 1;
    this.mtimeNs = this.ctimeNs = now();
    // memfd_create: MFD_NOEXEC_SEAL drops the x bits and seals exec (sealing stays allowed);
    // without MFD_ALLOW_SEALING the file is sealed against further seals.
    this.mode = flags & MFD.NOEXEC_SEAL ? 0o666 : 0o777;
    this.seals = flags & MFD.NOEXEC_SEAL ? SEAL.EXEC : flags & MFD.ALLOW_SEALING ? 0 : SEAL.SEAL;
  }

  // SegmentBacking: the file is its pages; a new page starts as zeros and nothing goes back.
  fill(): void {}
  writeBack(): void {}
  readonly writable = false;
  released(): void {}

  /** The path /proc/<pid>/fd/N shows. */
  get linkName(): string {
    return `/${this.name} (deleted)`;
  }

  /**
   * What /proc/<pid>/maps names its mappings by: "/memfd:NAME (deleted)" on the memfd device (no
   * host file has that path, so it shows as deleted), not anonymous memory for smaps, as qemu-user
   * shows a host memfd's mapping.
   */
  get mapName(): MapFile {
    return (this.mapFile ??= { path: `/${this.name}`, dev: MEMFD_DEV, ino: BigInt(this.ino) });
  }
  private mapFile: MapFile | undefined;

  opened(): void {
    this.opens++;
  }
  closed(): void {
    if (--this.opens === 0) this.seg.drop();
  }

  read(buf: Uint8Array, pos: number): number {
    const n = Math.max(0, Math.min(buf.length, this.size - pos));
    const m = this.mem.mem8;
    for (let done = 0; done < n;) {
      const at = pos + done;
      const index = Math.floor(at / PAGE),
        off = at % PAGE;
      const k = Math.min(n - done, PAGE - off);
      const p = this.seg.pages.get(index);
      if (p === undefined) buf.fill(0, done, done + k);
      else buf.set(m.subarray(p * PAGE + off, p * PAGE + off + k), done);
      done += k;
    }
    return n;
  }

  /** Writes data at pos (shmem_write_begin's seal checks first); bytes or -errno. */
  write(data: Uint8Array, pos: number): number {
    if (this.seals & (SEAL.WRITE | SEAL.FUTURE_WRITE)) return -EPERM;
    const end = pos + data.length;
    if (this.seals & SEAL.GROW && end > this.size) return -EPERM;
    if (data.length === 0) return 0;
    if (end > this.size) this.zeroFrom(this.size, pos);
    const m = this.mem.mem8;
    let done = 0;
    try {
      while (done < data.length) {
        const at = pos + done;
        const off = at % PAGE;
        const k = Math.min(data.length - done, PAGE - off);
        const p = this.seg.page(Math.floor(at / PAGE), true);
        this.observer.writing(p);
        m.set(data.subarray(done, done + k), p * PAGE + off);
        done += k;
      }
    } catch (e) {
      if (!(e instanceof OutOfGuestMemory)) throw e;
    }
    if (done === 0) return -ENOSPC;
    this.size = Math.max(this.size, pos + done);
    this.modified();
    return done;
  }

  /** ftruncate (shmem_setattr): the shrink and grow seals, then the new size. */
  truncate(len: number): number {
    if (len === this.size) return 0;
    if (len < this.size ? this.seals & SEAL.SHRINK : this.seals & SEAL.GROW) return -EPERM;
    if (len < this.size) this.cut(len);
    else this.zeroFrom(this.size, len);
    this.size = len;
    this.modified();
    return 0;
  }

  /**
   * fallocate (shmem_fallocate), after vfs_fallocate's checks: PUNCH_HOLE (with KEEP_SIZE) frees the
   * whole pages of the range and zeroes the partial ones (`flush` then drops the caller's TLB
   * entries, as for a shrink); mode 0 or KEEP_SIZE gives every page of the range memory, and
   * without KEEP_SIZE extends the file to its end. Other modes: EOPNOTSUPP. A range the pool
   * cannot hold is ENOSPC.
   */
  fallocate(mode: number, off: number, len: number, flush: () => void): number {
    if (mode & ~(FALLOC_KEEP_SIZE | FALLOC_PUNCH_HOLE)) return -EOPNOTSUPP;
    const end = off + len;
    const pages = this.seg.pages;
    if (mode & FALLOC_PUNCH_HOLE) {
      if (this.seals & (SEAL.WRITE | SEAL.FUTURE_WRITE)) return -EPERM;
      const first = Math.ceil(off / PAGE),
        last = Math.floor(end / PAGE);
      const zero = (index: number, from: number, to: number) => {
        const p = pages.get(index);
        if (p !== undefined && to > from) this.zeroPage(p, from, to);
      };
      if (first > last) zero(Math.floor(off / PAGE), off % PAGE, end - Math.floor(off / PAGE) * PAGE);
      else {
        if (off % PAGE) zero(first - 1, off % PAGE, PAGE);
        if (end % PAGE) zero(last, 0, end % PAGE);
        this.eachPage(first, last, (index, p) => {
          pages.delete(index);
          this.mem.unref(p);
        });
        flush();
      }
      this.modified();
      return 0;
    }
    if (this.seals & SEAL.GROW && end > this.size) return -EPERM;
    // more pages than the pool has is ENOSPC at once; a pool that runs out midway gives back the
    // pages this call allocated (shmem_undo_range)
    const first = Math.floor(off / PAGE),
      last = Math.ceil(end / PAGE);
    if (last - first > this.mem.pages - this.mem.inUse) return -ENOSPC;
    const added: number[] = [];
    try {
      for (let index = first; index < last; index++) {
        if (pages.has(index)) continue;
        this.seg.page(index, true);
        added.push(index);
      }
    } catch (e) {
      if (!(e instanceof OutOfGuestMemory)) throw e;
      for (const index of added) {
        this.mem.unref(pages.get(index)!);
        pages.delete(index);
      }
      return -ENOSPC;
    }
    if (!(mode & FALLOC_KEEP_SIZE) && end > this.size) {
      this.zeroFrom(this.size, end);
      this.size = end;
      this.modified();
    }
    return 0;
  }

  /**
   * Bytes [len, size) are gone: whole pages past len go back to the pool (a private mapping keeps
   * its own reference; a MAP_SHARED one that touches them again gets new zero pages, where Linux
   * would raise SIGBUS), and the partial last page is zeroed past len. The caller drops the current
   * address space's TLB entries (MemFile.truncate's `flush`); other address spaces' go when the CPU
   * switches to them.
   */
  private cut(len: number): void {
    const pages = this.seg.pages;
    this.eachPage(Math.ceil(len / PAGE), Infinity, (index, p) => {
      pages.delete(index);
      this.mem.unref(p);
    });
    if (len % PAGE) {
      const p = pages.get(Math.floor(len / PAGE));
      if (p !== undefined) this.zeroPage(p, len % PAGE);
    }
  }

  /**
   * The file grows from `from` to `to`: bytes a mapping wrote past the old end (which Linux would
   * not have let it keep) read as zeros.
   */
  private zeroFrom(from: number, to: number): void {
    if (to <= from) return;
    this.eachPage(Math.floor(from / PAGE), Math.ceil(to / PAGE), (index, p) =>
      this.zeroPage(p, Math.max(0, from - index * PAGE), Math.min(PAGE, to - index * PAGE)),
    );
  }

  /**
   * Calls fn(index, page) for the pages the file has with first <= index < end, walking the indexes
   * or the page map, whichever is shorter (a 1 TiB sparse file has few pages). fn may delete the
   * page it is given.
   */
  private eachPage(first: number, end: number, fn: (index: number, p: number) => void): void {
    const pages = this.seg.pages;
    if (end - first < pages.size) {
      for (let index = first; index < end; index++) {
        const p = pages.get(index);
        if (p !== undefined) fn(index, p);
      }
    } else for (const [index, p] of pages) if (index >= first && index < end) fn(index, p);
  }

  private zeroPage(p: number, from: number, to = PAGE): void {
    this.observer.writing(p);
    this.mem.mem8.fill(0, p * PAGE + from, p * PAGE + to);
  }

  /**
   * SEEK_DATA (`data`) or SEEK_HOLE from `off` (< size), as shmem's mapping_seek_hole_data sees the
   * file: the pages it has are data, the others holes, and the end of the file is a hole.
   */
  seekHoleData(off: number, data: boolean): number {
    const pages = this.seg.pages;
    const first = Math.floor(off / PAGE),
      end = Math.ceil(this.size / PAGE);
    if (!data) {
      let i = first;
      while (i < end && pages.has(i)) i++;
      return Math.min(Math.max(off, i * PAGE), this.size);
    }
    let found = -1;
    for (const i of pages.keys()) if (i >= first && i < end && (found < 0 || i < found)) found = i;
    return found < 0 ? -ENXIO : Math.max(off, found * PAGE);
  }

  /** The contents changed: mtime and ctime are now. */
  private modified(): void {
    this.mtimeNs = this.ctimeNs = this.now();
  }

  /** fchmod (shmem_setattr): F_SEAL_EXEC keeps the x bits as they are (EPERM). */
  chmod(mode: number): number {
    if (this.seals & SEAL.EXEC && (this.mode ^ mode) & 0o111) return -EPERM;
    this.mode = mode;
    this.ctimeNs = this.now();
    return 0;
  }

  /** F_ADD_SEALS (memfd_add_seals) through a description that `canWrite`. */
  addSeals(seals: number, canWrite: boolean): number {
    if (!canWrite) return -EPERM;
    if (seals & ~ALL_SEALS) return -EINVAL;
    if (this.seals & SEAL.SEAL) return -EPERM;
    // F_SEAL_EXEC on an executable file implies the write seals (W^X from the start)
    if (seals & SEAL.EXEC && this.mode & 0o111) seals |= SEAL.SHRINK | SEAL.GROW | SEAL.WRITE | SEAL.FUTURE_WRITE;
    // F_SEAL_WRITE while the file is mapped shared (mapping_deny_writable): EBUSY
    if (seals & SEAL.WRITE && !(this.seals & SEAL.WRITE) && this.seg.users > 1) return -EBUSY;
    this.seals |= seals;
    return 0;
  }

  /** mmap MAP_SHARED with `writable` protection: refused once the file is write-sealed. */
  mapSharedCheck(writable: boolean): number {
    return writable && this.seals & (SEAL.WRITE | SEAL.FUTURE_WRITE) ? -EPERM : 0;
  }

  /** A MAP_PRIVATE mapping of n pages from page `first`: the pages the file has, a reference each; zeros elsewhere. */
  privatePages(first: number, n: number): number[] {
    const r: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = first + i < Math.ceil(this.size / PAGE) ? this.seg.pages.get(first + i) : undefined;
      if (p === undefined) r.push(ZERO_PAGE);
      else {
        this.mem.ref(p);
        r.push(p);
      }
    }
    return r;
  }

  stat(): HostStat {
    return {
      dev: MEMFD_DEV,
      ino: BigInt(this.ino),
      mode: S_IFREG | this.mode,
      nlink: 0,
      uid: this.uid,
      gid: this.gid,
      rdev: 0n,
      size: BigInt(this.size),
      blksize: PAGE,
      blocks: BigInt(this.seg.pages.size * (PAGE / 512)),
      atimeNs: this.mtimeNs,
      mtimeNs: this.mtimeNs,
      ctimeNs: this.ctimeNs,
    };
  }
}

/** An open description of a memfd (memfd_create's, or another from opening /proc/<pid>/fd/N). */
export class MemFile extends FileDesc {
  constructor(
    readonly inode: MemInode,
    flags: number,
  ) {
    super();
    this.flags = flags;
    inode.opened();
  }
  read(buf: Uint8Array, pos: number | null): number {
    const n = this.inode.read(buf, pos ?? this.pos);
    if (pos === null) this.pos += n;
    return n;
  }
  write(data: Uint8Array, pos: number | null): number {
    const at = pos ?? (this.flags & O.APPEND ? this.inode.size : this.pos);
    const n = this.inode.write(data, at);
    if (n > 0 && pos === null) this.pos = at + n;
    return n;
  }
  stat(): HostStat {
    return this.inode.stat();
  }
  override seek(off: number, whence: number): number {
    const size = this.inode.size;
    let np: number;
    if (whence === 0) np = off;
    else if (whence === 1) np = this.pos + off;
    else if (whence === 2) np = size + off;
    else if (whence === 3 || whence === 4) {
      // SEEK_DATA / SEEK_HOLE
      if (off < 0 || off >= size) return -ENXIO;
      np = this.inode.seekHoleData(off, whence === 3);
      if (np < 0) return np;
    } else return -EINVAL;
    if (np < 0) return -EINVAL;
    return (this.pos = np);
  }
  override positional(): boolean {
    return true;
  }
  /** fsync/fdatasync: nothing to write anywhere (shmem's noop_fsync). */
  override sync(): number {
    return 0;
  }
  /** ftruncate; `flush` drops the caller's TLB entries for pages a shrink gave back (see MemInode.cut). */
  override truncate(len: number, flush?: () => void): number {
    const shrinks = len < this.inode.size;
    const r = this.inode.truncate(len);
    if (r === 0 && shrinks) flush?.();
    return r;
  }
  override release(): number {
    this.inode.closed();
    return 0;
  }
}
