// Memory (QEMU's linux-user/mmap.c, Linux's mm/mmap.c, mm/mremap.c, mm/madvise.c, mm/msync.c): brk,
// mmap (and mmap2's page-unit offset on 32-bit ABIs), munmap, mprotect, mremap, madvise, mincore,
// msync. MAP_PRIVATE file mappings are copy-on-write pages of the page cache; MAP_SHARED ones map
// the file's shared segment (src/linux-user/shared-files.ts: every process sees the same pages,
// and written bytes go back to the file); a memfd's (memfd.ts) map its own segment, the file's
// pages themselves; MAP_SHARED anonymous memory stays shared with forked children.
import { NO_ACCESS, PROT_EXEC, PROT_READ, PROT_WRITE, type FilePages } from "../address-space.ts";
import * as E from "../errno.ts";
import { S_IFMT, S_IFREG } from "../errno.ts";
import { HostFile, SyntheticFile, type FileDesc } from "../files.ts";
import { MemFile } from "../memfd.ts";
import { bytesSource, hostFileSource, mapFile, type FileSource } from "../page-cache.ts";
import { mmapLimit, type AbiLayouts } from "../layouts.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { PAGE } from "./common.ts";

const MAP_SHARED = 0x01,
  MAP_PRIVATE = 0x02,
  MAP_FIXED = 0x10,
  MAP_ANONYMOUS = 0x20,
  MAP_FIXED_NOREPLACE = 0x100000;

export function doMmap(t: Task, addr: number, len: number, prot: number, flags: number, fd: number, off: number): number {
  const as = t.as;
  if (len === 0 || off % PAGE || off < 0) return -E.EINVAL;
  const type = flags & 0xf;
  if (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== 3) return -E.EINVAL;
  const size = Math.ceil(len / PAGE) * PAGE;
  if (size > mmapLimit(t.layout)) return -E.ENOMEM;
  let file: FileDesc | null = null;
  if (!(flags & MAP_ANONYMOUS)) {
    file = t.fds.get(fd);
    if (!file) return -E.EBADF;
    if (file.handle < 0 && !(file instanceof SyntheticFile) && !(file instanceof MemFile)) return -E.ENODEV;
    if (file instanceof HostFile && file.isDir) return -E.ENODEV; // a directory has no mmap
    if (!file.canRead()) return -E.EACCES;
    if (type === MAP_SHARED && prot & PROT_WRITE && !file.canWrite()) return -E.EACCES;
    if (file instanceof MemFile && type !== MAP_PRIVATE) {
      const e = file.inode.mapSharedCheck((prot & PROT_WRITE) !== 0);
      if (e) return e;
    }
  }
  let at: number;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (addr % PAGE) return -E.EINVAL;
    at = addr;
    if (at + size > t.layout.taskSize) return -E.ENOMEM;
    if (flags & MAP_FIXED_NOREPLACE && !(flags & MAP_FIXED))
      for (let a = at; a < at + size; a += PAGE) if (as.isMapped(a / PAGE)) return -E.EEXIST;
  } else {
    at = t.findMmapRange(size, addr);
    if (at < 0) return -E.ENOMEM;
  }
  const p = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
  if (!file) {
    as.map(at, size, p, type !== MAP_PRIVATE);
    return at;
  }
  if (file instanceof MemFile) {
    // a memfd's pages are its segment's: mapped shared, or referenced copy-on-write
    const inode = file.inode;
    if (type !== MAP_PRIVATE) as.mapSegment(at, size / PAGE, p, inode.seg, off / PAGE, inode.mapName);
    else as.mapPages(at, inode.privatePages(off / PAGE, size / PAGE), p, inode.mapName, off / PAGE);
    return at;
  }
  let src: FileSource;
  if (file instanceof SyntheticFile) src = bytesSource(file.data);
  else {
    const st = file.stat();
    if (typeof st === "number") return st;
    // /proc/<pid>/maps names a regular file's mappings by the path it was opened by; the one device
    // mapped here is /dev/zero, whose private mappings Linux makes anonymous.
    const regular = (st.mode & S_IFMT) === S_IFREG;
    const name = regular && file.path !== null ? { path: file.path, dev: st.dev, ino: st.ino } : null;
    if (type !== MAP_PRIVATE) {
      // A regular file's pages are the file's, the same for every mapping of it; /dev/zero (and
      // any other device) gives fresh shared anonymous memory, as Linux's shmem_zero_setup does.
      if (regular) as.mapSegment(at, size / PAGE, p, t.sharedFiles.segment(file, st), off / PAGE, name);
      else as.map(at, size, p, true);
      return at;
    }
    src = hostFileSource(t.host.fs, file.handle, st, name?.path ?? null);
    // Copy-on-write pages of the page cache, read now; the mapping keeps the file open for the
    // pages it lacks (past the end of the file: SIGBUS while they still are; grown by mremap)
    if (file instanceof HostFile && regular) {
      mapFile(as, t.pageCache, src, at, size / PAGE, off, p, heldFilePages(t, file, name?.path ?? null));
      return at;
    }
  }
  // Copy-on-write pages of the page cache: shared with every other mapping of the file.
  mapFile(as, t.pageCache, src, at, size / PAGE, off, p);
  return at;
}

/**
 * The pages of a host file a private mapping keeps (Linux's vma->vm_file: one reference on the
 * description while any VMA uses it), read at their first touch by the file's size then: a page
 * wholly past the end of the file is NO_ACCESS, which the fault makes SIGBUS (BUS_ADRERR).
 */
function heldFilePages(t: Task, file: HostFile, path: string | null): FilePages {
  const fs = t.host.fs,
    cache = t.pageCache;
  let users = 0;
  const sizeNow = () => {
    const st = file.stat();
    return typeof st === "number" ? null : st;
  };
  return {
    page(index) {
      const st = sizeNow();
      if (!st || index * PAGE >= Number(st.size)) return NO_ACCESS;
      return cache.page(hostFileSource(fs, file.handle, st, path), index);
    },
    beyondEnd(index) {
      const st = sizeNow();
      return !st || index * PAGE >= Number(st.size);
    },
    hold() {
      if (users++ === 0) file.refs++;
    },
    drop() {
      if (--users === 0) file.put();
    },
  };
}

function mremap(t: Task, old: number, oldSize: number, newSize: number, flags: number, newAddr: number): number {
  const as = t.as;
  // MREMAP_MAYMOVE 1, MREMAP_FIXED 2, MREMAP_DONTUNMAP 4; FIXED needs MAYMOVE (checked first, as Linux)
  if (flags & ~7 || (flags & 2 && !(flags & 1))) return -E.EINVAL;
  if (old % PAGE || newSize === 0) return -E.EINVAL;
  const oldLen = Math.ceil(oldSize / PAGE) * PAGE;
  const newLen = Math.ceil(newSize / PAGE) * PAGE;
  for (let a = old; a < old + oldLen; a += PAGE) if (!as.isMapped(a / PAGE)) return -E.EFAULT;
  const MAYMOVE = 1,
    FIXED = 2;
  if (flags & FIXED) {
    if (!(flags & MAYMOVE) || newAddr % PAGE) return -E.EINVAL;
    as.unmap(newAddr, newLen);
    as.movePages(old, newAddr, Math.min(oldLen, newLen) / PAGE);
    if (oldLen > newLen) as.unmap(old + newLen, oldLen - newLen);
    if (newLen > oldLen) as.mapContinuation((newAddr + oldLen - PAGE) / PAGE, newAddr + oldLen, newLen - oldLen);
    return newAddr;
  }
  if (newLen <= oldLen) {
    if (newLen < oldLen) as.unmap(old + newLen, oldLen - newLen);
    return old;
  }
  let free = true;
  for (let a = old + oldLen; a < old + newLen; a += PAGE) if (as.isMapped(a / PAGE)) free = false;
  if (free && old + newLen <= mmapLimit(t.layout)) {
    as.mapContinuation((old + oldLen - PAGE) / PAGE, old + oldLen, newLen - oldLen);
    return old;
  }
  if (!(flags & MAYMOVE)) return -E.ENOMEM;
  const to = t.findMmapRange(newLen);
  if (to < 0) return -E.ENOMEM;
  as.movePages(old, to, oldLen / PAGE);
  as.mapContinuation((to + oldLen - PAGE) / PAGE, to + oldLen, newLen - oldLen);
  return to;
}

export function memorySyscalls(L: AbiLayouts) {
  const handlers = {
    brk: (t, a) => {
      const as = t.as;
      const want = a.ptr(0);
      if (want === 0 || want < t.brkStart) return t.brk;
      const oldTop = Math.ceil(t.brk / PAGE) * PAGE;
      const newTop = Math.ceil(want / PAGE) * PAGE;
      if (newTop > oldTop) {
        for (let x = oldTop; x < newTop; x += PAGE) if (as.isMapped(x / PAGE)) return t.brk;
        as.map(oldTop, newTop - oldTop, PROT_READ | PROT_WRITE);
      } else if (newTop < oldTop) as.unmap(newTop, oldTop - newTop);
      t.brk = want;
      return t.brk;
    },
    /** mmap(addr, len, prot, flags, fd, off): the offset in bytes. */
    mmap: (t, a) => doMmap(t, a.ptr(0), a.ptr(1), a.int(2), a.int(3), a.int(4), a.long(5)),
    /** mmap2 (32-bit ABIs): the offset in 4096-byte units, so files beyond 4 GiB can be mapped. */
    mmap2: (t, a) => doMmap(t, a.ptr(0), a.ptr(1), a.int(2), a.int(3), a.int(4), a.ptr(5) * PAGE),
    /** The old mmap (i386): one pointer to the six arguments, as longs. */
    old_mmap: (t, a) => {
      const w = L.wordBytes;
      const b = t.as.read(a.ptr(0), 6 * w);
      if (!b) return -E.EFAULT;
      const dv = new DataView(b.buffer);
      const arg = (i: number, signed: boolean) =>
        w === 8
          ? Number(signed ? dv.getBigInt64(8 * i, true) : dv.getBigUint64(8 * i, true))
          : signed
            ? dv.getInt32(4 * i, true)
            : dv.getUint32(4 * i, true);
      return doMmap(t, arg(0, false), arg(1, false), arg(2, true), arg(3, true), arg(4, true), arg(5, false));
    },
    /** msync(addr, len, flags): shared file pages in the range go back to their files (MS_SYNC and MS_ASYNC alike). */
    msync: (t, a) => {
      const addr = a.ptr(0),
        len = a.ptr(1),
        flags = a.int(2);
      const MS_ASYNC = 1,
        MS_INVALIDATE = 2,
        MS_SYNC = 4;
      if (addr % PAGE || flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC) || (flags & MS_ASYNC && flags & MS_SYNC)) return -E.EINVAL;
      return t.as.syncShared(addr, Math.ceil(len / PAGE) * PAGE) ? 0 : -E.ENOMEM;
    },
    munmap: (t, a) => {
      const addr = a.ptr(0),
        len = a.ptr(1);
      if (addr % PAGE || len === 0) return -E.EINVAL;
      t.as.unmap(addr, Math.ceil(len / PAGE) * PAGE);
      return 0;
    },
    mprotect: (t, a) => {
      const addr = a.ptr(0);
      if (addr % PAGE) return -E.EINVAL;
      // PROT_READ/WRITE/EXEC, PROT_SEM, PROT_GROWSDOWN/GROWSUP; any other bit is EINVAL
      if (a.int(2) & ~(0xf | 0x03000000)) return -E.EINVAL;
      const len = Math.ceil(a.ptr(1) / PAGE) * PAGE;
      if (len === 0) return 0;
      return t.as.protect(addr, len, a.int(2) & 7) ? 0 : -E.ENOMEM;
    },
    mremap: (t, a) => mremap(t, a.ptr(0), a.ptr(1), a.ptr(2), a.int(3), a.ptr(4)),
    madvise: (t, a) => {
      const addr = a.ptr(0),
        advice = a.int(2);
      if (addr % PAGE) return -E.EINVAL;
      const len = Math.ceil(a.ptr(1) / PAGE) * PAGE;
      if (advice === 4 /* MADV_DONTNEED */ || advice === 8 /* MADV_FREE */) {
        for (let x = addr; x < addr + len; x += PAGE) if (!t.as.isMapped(x / PAGE)) return -E.ENOMEM;
        t.as.discard(addr, len);
      }
      return 0;
    },
    /** mlock/munlock(addr, len): nothing is swapped, so only the range is checked (rounded out to pages). */
    mlock: (t, a) => {
      const start = Math.floor(a.ptr(0) / PAGE) * PAGE;
      const end = Math.ceil((a.ptr(0) + a.ptr(1)) / PAGE) * PAGE;
      for (let x = start; x < end; x += PAGE) if (!t.as.isMapped(x / PAGE)) return -E.ENOMEM;
      return 0;
    },
    mincore: (t, a) => {
      const addr = a.ptr(0);
      const n = Math.ceil(a.ptr(1) / PAGE);
      const v = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        if (!t.as.isMapped(addr / PAGE + i)) return -E.ENOMEM;
        v[i] = 1;
      }
      return t.as.write(a.ptr(2), v) ? 0 : -E.EFAULT;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
