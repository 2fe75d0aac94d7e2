// MAP_SHARED file mappings (Linux's page cache pages of an inode, mapped shared): one SharedSegment
// per file, by (device, inode), for every process and every mapping of it, so that processes see
// each other's writes as Linux shows them (Python's multiprocessing locks and queues are
// semaphores in a MAP_SHARED file of /dev/shm; sqlite's -shm file; mmap'ed data files), and what
// the guest writes reaches the file: by msync, and when the file's last shared mapping goes
// (munmap, exit, exec).
//
// The file's pages are filled at their first touch and remember those bytes; a write-back writes
// only the byte runs that differ, so a page the guest did not write never overwrites the file.
// read() and write() of a mapped file stay coherent with its mappings, as Linux's one page cache
// keeps them: a read() first writes back what the mappings changed (beforeRead), a write() also goes
// into the filled pages (written). Not modelled: SIGBUS for pages past the end of the file (they
// read as zeros and are never written back), and a truncate does not zero the pages it cuts off.
import { SharedSegment, type SegmentBacking } from "./address-space.ts";
import { HostFile, type FileDesc } from "./files.ts";
import type { HostStat } from "./host-api.ts";
import { PAGE, type PhysicalMemory } from "./phys-mem.ts";

/** One mapped file: its segment, and the backing the segment fills from and writes back to. */
class MappedFile implements SegmentBacking {
  readonly seg: SharedSegment;

  constructor(
    mem: PhysicalMemory,
    /** The open file description writes go through (a reference held, as Linux's vma->vm_file). */
    public file: FileDesc,
    /** Called when the last mapping went: forget the file. */
    private readonly onReleased: () => void,
  ) {
    file.refs++;
    this.seg = new SharedSegment(mem, this);
  }

  fill(index: number, page: Uint8Array): void {
    this.file.read(page, index * PAGE);
  }
  writeBack(index: number, page: Uint8Array, original: Uint8Array): void {
    writeChangedRuns(this.file, index * PAGE, page, original);
  }
  get writable(): boolean {
    return this.file.canWrite();
  }
  released(): void {
    this.onReleased();
    this.file.put();
  }

  /** A writable description takes over from a read-only one, for write-backs. */
  preferWritable(file: FileDesc): void {
    if (this.file.canWrite() || !file.canWrite()) return;
    file.refs++;
    const old = this.file;
    this.file = file;
    old.put();
    this.seg.rememberFilled();
  }
}

export class SharedFiles {
  private readonly byInode = new Map<string, MappedFile>();
  /** Each host file description's key, looked up once (a description's file never changes). */
  private readonly keys = new WeakMap<FileDesc, string>();

  constructor(private readonly mem: PhysicalMemory) {}

  /**
   * The segment of the file `file` (whose stat is `st`): the one every current mapping of the file
   * uses, or a new one. A writable description replaces a read-only one for write-backs.
   */
  segment(file: FileDesc, st: HostStat): SharedSegment {
    const key = `${st.dev}:${st.ino}`;
    let m = this.byInode.get(key);
    if (m) m.preferWritable(file);
    else {
      m = new MappedFile(this.mem, file, () => this.byInode.delete(key));
      this.byInode.set(key, m);
    }
    return m.seg;
  }

  /** The segment of the file behind `d`, if it is mapped shared (nothing to look up while no file is). */
  private entryOf(d: FileDesc): MappedFile | undefined {
    if (this.byInode.size === 0 || !(d instanceof HostFile)) return undefined;
    let key = this.keys.get(d);
    if (key === undefined) {
      const st = d.stat();
      if (typeof st === "number") return undefined;
      key = `${st.dev}:${st.ino}`;
      this.keys.set(d, key);
    }
    return this.byInode.get(key);
  }

  /** read() of `d` is about to run: what its shared mappings changed goes to the file first. */
  beforeRead(d: FileDesc): void {
    this.entryOf(d)?.seg.sync(0, Infinity);
  }

  /** write() put `data` at offset `pos` of `d`'s file: its shared mappings show it. */
  written(d: FileDesc, pos: number, data: Uint8Array): void {
    this.entryOf(d)?.seg.absorb(pos, data);
  }
}

/**
 * Writes the byte runs where `page` differs from `original` to the file at `pos`, within the file's
 * current size (a mapping never extends its file).
 */
function writeChangedRuns(file: FileDesc, pos: number, page: Uint8Array, original: Uint8Array): void {
  const st = file.stat();
  if (typeof st === "number") return;
  const end = Math.min(PAGE, Number(st.size) - pos);
  let i = 0;
  while (i < end) {
    if (page[i] === original[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && page[j] !== original[j]) j++;
    file.write(page.subarray(i, j), pos + i);
    i = j;
  }
}
