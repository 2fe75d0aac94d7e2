// MAP_SHARED file mappings (Linux's page cache pages of an inode, mapped shared): one SharedSegment
// per file, by (device, inode), for every process and every mapping of it, so that processes see
// each other's writes as Linux shows them (Python's multiprocessing locks and queues are
// semaphores in a MAP_SHARED file of /dev/shm; sqlite's -shm file; mmap'ed data files), and what
// the guest writes reaches the file: by msync, and when the file's last shared mapping goes
// (munmap, exit, exec).
//
// The file's pages are filled at their first touch and remember those bytes; a write-back writes
// only the byte runs that differ, so a page the guest did not write never overwrites the file.
// Not modelled: coherence with read()/write() of the same file while it is mapped (Linux's one page
// cache makes a write() visible in the mapping at once; here a page keeps the bytes it was filled
// with, and a read() sees the mapping's writes after msync), and SIGBUS for pages past the end of
// the file (they read as zeros and are never written back).
import { SharedSegment, type SegmentBacking } from "./address-space.ts";
import type { FileDesc } from "./files.ts";
import type { HostStat } from "./host-api.ts";
import { PAGE, type PhysicalMemory } from "./phys-mem.ts";

interface Entry {
  seg: SharedSegment;
  /** The open file description writes go through (a reference held, as Linux's vma->vm_file). */
  file: FileDesc;
}

export class SharedFiles {
  private readonly byInode = new Map<string, Entry>();

  constructor(private readonly mem: PhysicalMemory) {}

  /**
   * The segment of the file `file` (whose stat is `st`): the one every current mapping of the file
   * uses, or a new one. A writable description replaces a read-only one for write-backs.
   */
  segment(file: FileDesc, st: HostStat): SharedSegment {
    const key = `${st.dev}:${st.ino}`;
    const e = this.byInode.get(key);
    if (e) {
      if (!e.file.canWrite() && file.canWrite()) {
        file.refs++;
        const old = e.file;
        e.file = file;
        if (--old.refs === 0) old.release();
        e.seg.rememberFilled();
      }
      return e.seg;
    }
    file.refs++;
    const entry: Entry = { seg: null as unknown as SharedSegment, file };
    const backing: SegmentBacking = {
      fill: (index, page) => {
        entry.file.read(page, index * PAGE);
      },
      writeBack: (index, page, original) => writeChangedRuns(entry.file, index * PAGE, page, original),
      get writable() {
        return entry.file.canWrite();
      },
      released: () => {
        this.byInode.delete(key);
        if (--entry.file.refs === 0) entry.file.release();
      },
    };
    entry.seg = new SharedSegment(this.mem, backing);
    this.byInode.set(key, entry);
    return entry.seg;
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
