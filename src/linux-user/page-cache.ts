// The page cache (Linux's mm/filemap.c): file pages in the kernel's PhysicalMemory, keyed by file
// identity and page index, shared by every mapping of the file in every process. Private file
// mappings (executables, libraries, MAP_PRIVATE) map these pages copy-on-write, so a library used
// by fifty processes is in memory once, and — since TBs are keyed by the physical page of their
// code — translated once.
//
// A file is known by its host identity (device, inode) and a version (size, mtime, ctime): a file
// whose version changed gets fresh pages (mappings made before keep the old ones, as with a
// private mapping of a file that is later rewritten). Pages no mapping uses stay cached for the
// next exec, up to `limit` pages; beyond it, and when the pool runs out, the least recently used
// files give their unmapped pages back.
import type { HostFs, HostStat } from "./host-api.ts";
import type { AddressSpace, FilePages, MapFile } from "./address-space.ts";
import { PAGE, ZERO_PAGE, type PhysicalMemory } from "./phys-mem.ts";

/** Where a mapping's bytes come from. */
export interface FileSource {
  /** The file's identity ("dev:ino"), or null when its pages must not be shared (copied per mapping). */
  readonly id: string | null;
  /** Changes whenever the contents may have (size, mtime, ctime). */
  readonly version: string;
  readonly size: number;
  /** Reads up to buf.length bytes at `pos` into buf; returns the count (short at the end of the file). */
  read(pos: number, buf: Uint8Array): number;
  /**
   * Its bytes stay readable for as long as a mapping lives (they are in memory), so a private
   * mapping may load each page when it is first touched; a host file's source is read while the
   * file is open and maps every page at once.
   */
  readonly lasting?: boolean;
  /** The file its mappings show in /proc/<pid>/maps (none: anonymous memory, as for bytes without a file). */
  readonly name?: MapFile;
}

/** A source over bytes in memory (tests, embedders, synthetic files); shared only when given an id. */
export function bytesSource(data: Uint8Array, id: string | null = null, version = `${data.length}`, name?: MapFile): FileSource {
  return {
    id,
    version,
    size: data.length,
    lasting: true,
    name,
    read(pos, buf) {
      const n = Math.max(0, Math.min(buf.length, data.length - pos));
      buf.set(data.subarray(pos, pos + n));
      return n;
    },
  };
}

/**
 * A source over an open host file (handle `h`, whose metadata is `st`), which its mappings show by
 * host path `path` (null: as anonymous memory).
 */
export function hostFileSource(fs: HostFs, h: number, st: HostStat, path: string | null): FileSource {
  return {
    id: `${st.dev}:${st.ino}`,
    name: path === null ? undefined : { path, dev: st.dev, ino: st.ino },
    version: `${st.size}:${st.mtimeNs}:${st.ctimeNs}`,
    size: Number(st.size),
    read(pos, buf) {
      let done = 0;
      while (done < buf.length) {
        const n = fs.read(h, buf.subarray(done), pos + done);
        if (n <= 0) break;
        done += n;
      }
      return done;
    },
  };
}

interface CachedFile {
  version: string;
  pages: Map<number, number>;
}

export class PageCache {
  /** Files in least-recently-used order (a Map keeps insertion order; a use moves a file to the end). */
  private readonly files = new Map<string, CachedFile>();
  private cached = 0;

  constructor(
    private readonly mem: PhysicalMemory,
    /** Pages kept for files no mapping uses any more. */
    readonly limit: number,
  ) {}

  /**
   * The physical page holding page `index` of `src`, with one reference for the caller (who maps
   * it). Past the end of the file: the zero page.
   */
  page(src: FileSource, index: number): number {
    if (index * PAGE >= src.size) return ZERO_PAGE;
    if (src.id === null) return this.load(src, index);
    let f = this.files.get(src.id);
    if (f && f.version !== src.version) {
      this.drop(src.id, f);
      f = undefined;
    }
    if (f) this.files.delete(src.id);
    else f = { version: src.version, pages: new Map() };
    this.files.set(src.id, f);
    let p = f.pages.get(index);
    if (p === undefined) {
      p = this.load(src, index);
      f.pages.set(index, p);
      this.cached++;
      this.mem.ref(p);
      if (this.cached > this.limit) this.reclaim(this.cached - this.limit);
      return p;
    }
    this.mem.ref(p);
    return p;
  }

  /** A fresh page holding page `index` of src (zero-filled past the end of the file). */
  private load(src: FileSource, index: number): number {
    const p = this.mem.alloc();
    const off = p * PAGE;
    src.read(index * PAGE, this.mem.mem8.subarray(off, off + PAGE));
    return p;
  }

  private drop(id: string, f: CachedFile): void {
    for (const p of f.pages.values()) this.mem.unref(p);
    this.cached -= f.pages.size;
    this.files.delete(id);
  }

  /** Forgets a file's pages (its contents changed); mappings keep theirs. */
  invalidate(id: string): void {
    const f = this.files.get(id);
    if (f) this.drop(id, f);
  }

  /** Gives back up to `want` pages that only the cache holds, least recently used files first; returns how many. */
  reclaim(want: number): number {
    let got = 0;
    for (const [id, f] of this.files) {
      for (const [i, p] of f.pages) {
        if (this.mem.refCount(p) !== 1) continue;
        f.pages.delete(i);
        this.mem.unref(p);
        this.cached--;
        if (++got >= want) break;
      }
      if (f.pages.size === 0) this.files.delete(id);
      if (got >= want) break;
    }
    return got;
  }

  /** Pages the cache holds (mapped or not). */
  get pages(): number {
    return this.cached;
  }
}

/**
 * Maps `n` pages of `src` from file offset `off` (page-aligned) at `addr` with `prot`, private and
 * copy-on-write over the page cache (Linux's MAP_PRIVATE file mapping); pages past the end of the
 * file read as zeros, unless `held` (the open file the mapping keeps) gives the pages it lacks:
 * past the end then, or grown by mremap.
 */
export function mapFile(
  as: AddressSpace,
  cache: PageCache,
  src: FileSource,
  addr: number,
  n: number,
  off: number,
  prot: number,
  held: FilePages | null = null,
): void {
  const first = Math.floor(off / PAGE);
  if (src.lasting) {
    as.mapFileLazily(addr, n, prot, { page: (index) => cache.page(src, index) }, first, src.name ?? null);
    return;
  }
  const pages = new Array<number>(n);
  for (let i = 0; i < n; i++) pages[i] = cache.page(src, first + i);
  as.mapPages(addr, pages, prot, src.name ?? null, first, held);
}
