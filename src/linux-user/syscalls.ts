// Linux syscalls for riscv64 guests (QEMU's linux-user/syscall.c), dispatched on a7 with arguments
// in a0..a5 and the result (or -errno) in a0. Unimplemented calls return -ENOSYS.
import { xslot } from "../target/riscv/cpu-state.ts";
import { PROT_EXEC, PROT_READ, PROT_WRITE } from "./address-space.ts";
import * as E from "./errno.ts";
import { O, S_IFMT } from "./errno.ts";
import { FileDesc, HostFile, PipeBuffer, PipeEnd, SyntheticFile, WOULD_BLOCK } from "./files.ts";
import { concat, type HostStat } from "./host.ts";
import { ExitProcess, MMAP_TOP, type FutexWaiter, type LinuxProcess, type Thread } from "./process.ts";
import { NSIG, SIGKILL, SIGPIPE, SIGSTOP, SI_TKILL, SI_USER, SS_DISABLE, SS_ONSTACK, UNBLOCKABLE, sigbit } from "./signals.ts";
import { NR, NAMES, Strace } from "./strace.ts";

export { NR } from "./strace.ts";
export const { EPERM, ENOENT, EBADF, ENOMEM, EACCES, EFAULT, EINVAL, ENOTTY, ESPIPE, ENOSYS } = E;

const MAP_SHARED = 0x01,
  MAP_PRIVATE = 0x02,
  MAP_FIXED = 0x10,
  MAP_ANONYMOUS = 0x20,
  MAP_FIXED_NOREPLACE = 0x100000;
const AT_FDCWD = -100,
  AT_SYMLINK_NOFOLLOW = 0x100,
  AT_REMOVEDIR = 0x200,
  AT_EMPTY_PATH = 0x1000;
const CLONE_VM = 0x100,
  CLONE_THREAD = 0x10000,
  CLONE_SETTLS = 0x80000,
  CLONE_PARENT_SETTID = 0x100000,
  CLONE_CHILD_CLEARTID = 0x200000,
  CLONE_CHILD_SETTID = 0x1000000;
const PAGE = 4096;

/** Returned by a syscall that set a0 itself or must not (rt_sigreturn, a blocked call). */
const NO_RESULT = Symbol("no result");
type Ret = number | typeof NO_RESULT;

const enc = new TextEncoder();
const dec = new TextDecoder();

export class Syscalls {
  /** Called with each -strace line (without the trailing newline) when -strace is on. */
  trace: ((line: string) => void) | null = null;
  private strace: Strace;
  private rlimits = new Map<number, [number, number]>();

  constructor(private readonly p: LinuxProcess) {
    this.strace = new Strace(p);
  }

  /** 64-bit argument as a JS number (exact below 2^53; addresses and sizes always are). */
  arg(i: number): number {
    const R = this.p.cpu.R;
    const s = xslot(10 + i);
    return R[s + 1] * 4294967296 + (R[s] >>> 0);
  }
  /** Unsigned 64-bit argument (addresses; the top half of a negative number is dropped). */
  addr(i: number): number {
    const R = this.p.cpu.R;
    const s = xslot(10 + i);
    return (R[s + 1] >>> 0) * 4294967296 + (R[s] >>> 0);
  }
  /** Argument as a signed 32-bit int (fds, flags). */
  argInt(i: number): number {
    return this.p.cpu.R[xslot(10 + i)];
  }

  dispatch(): void {
    const cpu = this.p.cpu;
    const nr = cpu.xLo(17);
    const tr = this.trace;
    let pre = "";
    if (tr)
      pre = `${this.p.cur.tid} ${this.strace.call(
        nr,
        (i) => this.addr(i),
        (i) => this.arg(i),
      )}`;
    if (tr && (nr === NR.exit || nr === NR.exit_group)) tr(pre);
    let ret: Ret;
    try {
      ret = this.call(nr);
    } catch (e) {
      if (e instanceof ExitProcess || !tr) throw e;
      tr(pre);
      throw e;
    }
    if (ret === NO_RESULT) {
      const w = this.p.cur.wait;
      if (tr && w?.result) w.trace = (r) => tr(`${pre} = ${this.strace.ret(nr, r, (i) => this.addr(i))}`);
      else if (tr && w?.timeoutResult !== undefined) w.trace = (r) => tr(`${pre} = ${this.strace.ret(nr, r, (i) => this.addr(i))}`);
      else if (tr && nr !== NR.rt_sigreturn && !w) tr(pre);
      return;
    }
    if (tr) tr(`${pre} = ${this.strace.ret(nr, ret, (i) => this.addr(i))}`);
    cpu.setX(10, ret);
  }

  // ---- memory helpers
  private u32(addr: number): number | null {
    const b = this.p.as.read(addr, 4);
    return b ? new DataView(b.buffer).getUint32(0, true) : null;
  }
  private putU32(addr: number, v: number): boolean {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    return this.p.as.write(addr, b);
  }
  putU32Public(addr: number, v: number): boolean {
    return this.putU32(addr, v);
  }
  private putI32(addr: number, v: number): boolean {
    return this.putU32(addr, v);
  }
  private str(addr: number): string | null {
    const b = this.p.as.readCString(addr, 4096);
    return b ? dec.decode(b) : null;
  }
  /** Reads a struct timespec as ns; null on fault. */
  private timespec(addr: number): bigint | null {
    const b = this.p.as.read(addr, 16);
    if (!b) return null;
    const dv = new DataView(b.buffer);
    return dv.getBigInt64(0, true) * 1_000_000_000n + dv.getBigInt64(8, true);
  }
  private putTimespec(addr: number, ns: bigint): boolean {
    const b = new Uint8Array(16);
    const dv = new DataView(b.buffer);
    dv.setBigInt64(0, ns / 1_000_000_000n, true);
    dv.setBigInt64(8, ns % 1_000_000_000n, true);
    return this.p.as.write(addr, b);
  }

  // ---- paths

  /** Host path for a guest path relative to dirfd; `sysroot`: qemu's path() applies. */
  private resolve(dirfd: number, path: string, sysroot: boolean): string | number {
    if (path.startsWith("/")) return sysroot ? this.p.sysrootPath(path) : path;
    if (dirfd === AT_FDCWD) return path;
    const d = this.p.fds.get(dirfd);
    if (!d) return -E.EBADF;
    if (!d.path) return -E.ENOTDIR;
    if (path === "") return d.path;
    return d.path + "/" + path;
  }
  /** Host path of the guest path in argument `pathIdx`, relative to the dirfd in `dirfdIdx`, or -errno. */
  private hostPathArg(dirfdIdx: number, pathIdx: number): string | number {
    const path = this.pathArg(pathIdx);
    return typeof path === "number" ? path : this.resolve(this.argInt(dirfdIdx), path, false);
  }
  /** renameat/linkat's (olddirfd, old, newdirfd, new): both copied in first, then resolved, as Linux. */
  private hostPathPair(): [string, string] | number {
    const a = this.pathArg(1),
      b = this.pathArg(3);
    if (typeof a === "number") return a;
    if (typeof b === "number") return b;
    const ha = this.resolve(this.argInt(0), a, false),
      hb = this.resolve(this.argInt(2), b, false);
    if (typeof ha === "number") return ha;
    if (typeof hb === "number") return hb;
    return [ha, hb];
  }
  private pathArg(i: number): string | number {
    const a = this.addr(i);
    if (a === 0) return -E.EFAULT;
    const s = this.str(a);
    return s === null ? -E.EFAULT : s;
  }
  private isProcSelf(path: string, what: string): boolean {
    return path === `/proc/self/${what}` || path === `/proc/${this.p.pid}/${what}`;
  }

  // ---- stat

  private encodeStat(st: HostStat): Uint8Array {
    const b = new Uint8Array(128);
    const dv = new DataView(b.buffer);
    dv.setBigUint64(0, st.dev, true);
    dv.setBigUint64(8, st.ino, true);
    dv.setUint32(16, st.mode, true);
    dv.setUint32(20, st.nlink, true);
    dv.setUint32(24, st.uid, true);
    dv.setUint32(28, st.gid, true);
    dv.setBigUint64(32, st.rdev, true);
    dv.setBigInt64(48, st.size, true);
    dv.setInt32(56, st.blksize, true);
    dv.setBigInt64(64, st.blocks, true);
    const t = (o: number, ns: bigint) => {
      dv.setBigInt64(o, ns / 1_000_000_000n, true);
      dv.setBigUint64(o + 8, ns % 1_000_000_000n, true);
    };
    t(72, st.atimeNs);
    t(88, st.mtimeNs);
    t(104, st.ctimeNs);
    return b;
  }
  private encodeStatx(st: HostStat, mask: number): Uint8Array {
    const b = new Uint8Array(256);
    const dv = new DataView(b.buffer);
    const hasB = st.btimeNs !== undefined && st.btimeNs > 0n;
    dv.setUint32(0, 0x7ff | (hasB ? 0x800 : 0), true); // STATX_BASIC_STATS (| STATX_BTIME)
    void mask;
    dv.setUint32(4, st.blksize, true);
    dv.setUint32(16, st.nlink, true);
    dv.setUint32(20, st.uid, true);
    dv.setUint32(24, st.gid, true);
    dv.setUint16(28, st.mode, true);
    dv.setBigUint64(32, st.ino, true);
    dv.setBigUint64(40, st.size, true);
    dv.setBigUint64(48, st.blocks, true);
    const t = (o: number, ns: bigint) => {
      dv.setBigInt64(o, ns / 1_000_000_000n, true);
      dv.setUint32(o + 8, Number(ns % 1_000_000_000n), true);
    };
    t(64, st.atimeNs);
    if (hasB) t(80, st.btimeNs!);
    t(96, st.ctimeNs);
    t(112, st.mtimeNs);
    const major = (d: bigint) => Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn));
    const minor = (d: bigint) => Number((d & 0xffn) | ((d >> 12n) & ~0xffn));
    dv.setUint32(128, major(st.rdev), true);
    dv.setUint32(132, minor(st.rdev), true);
    dv.setUint32(136, major(st.dev), true);
    dv.setUint32(140, minor(st.dev), true);
    return b;
  }

  /** stat of (dirfd, path, flags) with AT_EMPTY_PATH and /proc/self/exe. */
  private statAt(dirfd: number, path: string, flags: number): HostStat | number {
    if (path === "" && flags & AT_EMPTY_PATH) {
      if (dirfd === AT_FDCWD) return this.p.host.fs.stat(".", true);
      const d = this.p.fds.get(dirfd);
      return d ? d.stat() : -E.EBADF;
    }
    if (path === "") return -E.ENOENT;
    if (this.isProcSelf(path, "exe")) return this.p.host.fs.stat(this.p.exePath, true);
    const hp = this.resolve(dirfd, path, true);
    if (typeof hp === "number") return hp;
    return this.p.host.fs.stat(hp, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  }

  // ---- I/O

  /** Runs a blocking-capable transfer: WOULD_BLOCK parks the thread and re-executes the syscall. */
  private blockOn(r: number, d: FileDesc, reading: boolean): Ret {
    if (r !== WOULD_BLOCK) return r;
    if (this.p.threads.length <= 1) return reading ? 0 : -E.EPIPE; // nobody could ever unblock it
    this.p.cpu.pc = this.p.cpu.pc - 4n;
    this.p.block({ ready: () => (reading ? d.readable() : d.writable()) });
    return NO_RESULT;
  }

  private doRead(fd: number, buf: number, count: number, pos: number | null): Ret {
    const d = this.p.fds.get(fd);
    if (!d) return -E.EBADF;
    if (!d.canRead()) return -E.EBADF;
    if (pos !== null && pos < 0) return -E.EINVAL;
    const n0 = Math.min(count, 16 << 20);
    if (n0 > 0 && (this.p.as.ramOffset(buf, PROT_WRITE) < 0 || this.p.as.ramOffset(buf + n0 - 1, PROT_WRITE) < 0)) return -E.EFAULT;
    const tmp = new Uint8Array(n0);
    const n = d.read(tmp, pos);
    if (n < 0) return this.blockOn(n, d, true);
    if (!this.p.as.write(buf, tmp.subarray(0, n))) return -E.EFAULT;
    return n;
  }

  private doWrite(fd: number, data: Uint8Array | null, pos: number | null): Ret {
    const d = this.p.fds.get(fd);
    if (!d) return -E.EBADF;
    if (!d.canWrite()) return -E.EBADF;
    if (!data) return -E.EFAULT;
    if (pos !== null && pos < 0) return -E.EINVAL;
    const n = d.write(data, pos);
    if (n === -E.EPIPE) this.p.queueSignal({ signo: SIGPIPE, code: SI_USER, pid: this.p.pid, uid: 0 }, this.p.cur);
    if (n < 0) return this.blockOn(n, d, false);
    return n;
  }

  private iovecs(addr: number, n: number): Array<[number, number]> | null {
    if (n < 0 || n > 1024) return null;
    const b = this.p.as.read(addr, 16 * n);
    if (!b) return null;
    const dv = new DataView(b.buffer);
    const r: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) r.push([Number(dv.getBigUint64(16 * i, true)), Number(dv.getBigUint64(16 * i + 8, true))]);
    return r;
  }

  private doReadv(fd: number, iovAddr: number, cnt: number, pos: number | null): Ret {
    const iov = this.iovecs(iovAddr, cnt);
    if (!iov) return cnt < 0 || cnt > 1024 ? -E.EINVAL : -E.EFAULT;
    let total = 0;
    for (const [base, len] of iov) {
      if (len === 0) continue;
      const r = this.doRead(fd, base, len, pos === null ? null : pos + total);
      if (r === NO_RESULT) return total > 0 ? total : r;
      if (r < 0) return total > 0 ? total : r;
      total += r;
      if (r < len) break;
    }
    return total;
  }

  private doWritev(fd: number, iovAddr: number, cnt: number, pos: number | null): Ret {
    const iov = this.iovecs(iovAddr, cnt);
    if (!iov) return cnt < 0 || cnt > 1024 ? -E.EINVAL : -E.EFAULT;
    // Gather into one buffer so a pipe or terminal sees a single write, like the kernel.
    const parts: Uint8Array[] = [];
    for (const [base, len] of iov) {
      if (len === 0) continue;
      const b = this.p.as.read(base, len);
      if (!b) return -E.EFAULT;
      parts.push(b);
    }
    const all = concat(parts);
    const size = all.length;
    if (size === 0) {
      const d = this.p.fds.get(fd);
      return d ? 0 : -E.EBADF;
    }
    return this.doWrite(fd, all, pos);
  }

  // ---- open

  private doOpen(dirfd: number, path: string, flags: number, mode: number): number {
    const p = this.p;
    const fs = p.host.fs;
    if (this.isProcSelf(path, "exe")) path = p.exePath;
    else if (this.isProcSelf(path, "maps")) return p.fds.install(new SyntheticFile(enc.encode(this.maps())), (flags & O.CLOEXEC) !== 0);
    const hp = this.resolve(dirfd, path, true);
    if (typeof hp === "number") return hp;
    if ((flags & O.TMPFILE) === O.TMPFILE) return -E.EOPNOTSUPP;
    let hflags = flags & ~(O.CLOEXEC | O.PATH | O.LARGEFILE);
    if (flags & O.PATH) hflags = (hflags & ~O.ACCMODE) | O.RDONLY;
    let h = fs.open(hp, hflags, mode & ~p.umask & 0o7777);
    if (h === -E.EACCES && flags & O.PATH) {
      const st = fs.stat(hp, !(flags & O.NOFOLLOW));
      if (typeof st === "number") return st;
      h = -1;
    }
    if (h < 0 && h !== -1) return h;
    const st = h >= 0 ? fs.fstat(h) : fs.stat(hp, true);
    const m = typeof st === "number" ? 0 : st.mode;
    const d = new HostFile(fs, h, (flags & ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE, hp, m);
    if (h < 0) d.release = () => 0;
    const fd = p.fds.install(d, (flags & O.CLOEXEC) !== 0);
    if (fd < 0) d.release();
    return fd;
  }

  private maps(): string {
    const hex = (n: number) => n.toString(16).padStart(8, "0");
    return this.p.as
      .ranges()
      .map(
        ([s, e, prot]) =>
          `${hex(s)}-${hex(e)} ${prot & 1 ? "r" : "-"}${prot & 2 ? "w" : "-"}${prot & 4 ? "x" : "-"}p 00000000 00:00 0 ${s <= 0x3fffff0000 - 4096 && e >= 0x3fffff0000 - 8 * 1024 * 1024 && e <= 0x3fffff0000 ? "                         [stack]" : ""}\n`,
      )
      .join("");
  }

  // ---- mmap

  private mmap(addr: number, len: number, prot: number, flags: number, fd: number, off: number): number {
    const p = this.p;
    const as = p.as;
    if (len === 0 || off % PAGE || off < 0) return -E.EINVAL;
    const type = flags & 0xf;
    if (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== 3) return -E.EINVAL;
    const size = Math.ceil(len / PAGE) * PAGE;
    if (size > MMAP_TOP) return -E.ENOMEM;
    let file: FileDesc | null = null;
    if (!(flags & MAP_ANONYMOUS)) {
      file = p.fds.get(fd);
      if (!file) return -E.EBADF;
      if (file.handle < 0 && !(file instanceof SyntheticFile)) return -E.ENODEV;
      if (!file.canRead()) return -E.EACCES;
      if (type === MAP_SHARED && prot & PROT_WRITE && !file.canWrite()) return -E.EACCES;
    }
    let at: number;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
      if (addr % PAGE) return -E.EINVAL;
      at = addr;
      if (at + size > 0x4000000000) return -E.ENOMEM;
      if (flags & MAP_FIXED_NOREPLACE && !(flags & MAP_FIXED))
        for (let a = at; a < at + size; a += PAGE) if (as.isMapped(a / PAGE)) return -E.EEXIST;
    } else {
      at = p.findMmapRange(size, addr);
      if (at < 0) return -E.ENOMEM;
    }
    as.map(at, size, prot & (PROT_READ | PROT_WRITE | PROT_EXEC));
    if (file) {
      // Private (and, emulated by a copy, shared) file mappings: read the file into the pages.
      const chunk = new Uint8Array(Math.min(len, 1 << 20));
      for (let done = 0; done < len;) {
        const want = Math.min(chunk.length, len - done);
        const n =
          file instanceof SyntheticFile
            ? file.read(chunk.subarray(0, want), off + done)
            : p.host.fs.read(file.handle, chunk.subarray(0, want), off + done);
        if (n <= 0) break;
        as.write(at + done, chunk.subarray(0, n), true);
        done += n;
      }
    }
    return at;
  }

  private mremap(old: number, oldSize: number, newSize: number, flags: number, newAddr: number): number {
    const as = this.p.as;
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
      if (newLen > oldLen) as.map(newAddr + oldLen, newLen - oldLen, as.protOf((old + oldLen - PAGE) / PAGE));
      return newAddr;
    }
    if (newLen <= oldLen) {
      if (newLen < oldLen) as.unmap(old + newLen, oldLen - newLen);
      return old;
    }
    const prot = as.protOf((old + oldLen - PAGE) / PAGE);
    let free = true;
    for (let a = old + oldLen; a < old + newLen; a += PAGE) if (as.isMapped(a / PAGE)) free = false;
    if (free && old + newLen <= MMAP_TOP) {
      as.map(old + oldLen, newLen - oldLen, prot);
      return old;
    }
    if (!(flags & MAYMOVE)) return -E.ENOMEM;
    const to = this.p.findMmapRange(newLen);
    if (to < 0) return -E.ENOMEM;
    as.movePages(old, to, oldLen / PAGE);
    as.map(to + oldLen, newLen - oldLen, prot);
    return to;
  }

  // ---- futex

  private futex(): Ret {
    const p = this.p;
    const uaddr = this.addr(0);
    const op = this.argInt(1);
    const val = this.argInt(2) >>> 0;
    const cmd = op & 127;
    const val3 = this.argInt(5);
    switch (cmd) {
      case 0: // FUTEX_WAIT
      case 9: {
        // FUTEX_WAIT_BITSET
        const bitset = cmd === 9 ? val3 : -1;
        if (bitset === 0) return -E.EINVAL;
        if (uaddr % 4) return -E.EINVAL;
        const cur = this.u32(uaddr);
        if (cur === null) return -E.EFAULT;
        if (cur !== val) return -E.EAGAIN;
        let deadline: bigint | undefined;
        const tsAddr = this.addr(3);
        if (tsAddr) {
          const ts = this.timespec(tsAddr);
          if (ts === null) return -E.EFAULT;
          if (cmd === 9) {
            // absolute, on CLOCK_MONOTONIC or (FUTEX_CLOCK_REALTIME) CLOCK_REALTIME
            const nowClk = op & 256 ? p.host.realtimeNs() : p.host.monotonicNs();
            deadline = p.host.monotonicNs() + (ts - nowClk);
          } else deadline = p.host.monotonicNs() + ts;
        }
        const w: FutexWaiter = { thread: p.cur, addr: uaddr, bitset, woken: false };
        p.futexWaiters.push(w);
        p.block({
          ready: () => w.woken,
          result: () => 0,
          deadline,
          timeoutResult: -E.ETIMEDOUT,
          cancel: () => {
            p.futexWaiters = p.futexWaiters.filter((x) => x !== w);
          },
        });
        return NO_RESULT;
      }
      case 1: // FUTEX_WAKE
        return p.futexWake(uaddr, val, -1);
      case 10: // FUTEX_WAKE_BITSET
        if (val3 === 0) return -E.EINVAL;
        return p.futexWake(uaddr, val, val3);
      case 3: // FUTEX_REQUEUE
      case 4: {
        // FUTEX_CMP_REQUEUE
        if (cmd === 4) {
          const cur = this.u32(uaddr);
          if (cur === null) return -E.EFAULT;
          if (cur !== val3 >>> 0) return -E.EAGAIN;
        }
        const woken = p.futexWake(uaddr, val, -1);
        const nReq = this.argInt(3);
        const uaddr2 = this.addr(4);
        let moved = 0;
        for (const w of p.futexWaiters) {
          if (moved >= nReq) break;
          if (w.addr === uaddr && !w.woken) {
            w.addr = uaddr2;
            moved++;
          }
        }
        return woken + moved;
      }
      case 5: {
        // FUTEX_WAKE_OP
        const uaddr2 = this.addr(4);
        const old = this.u32(uaddr2);
        if (old === null) return -E.EFAULT;
        const opc = (val3 >>> 28) & 7;
        const cmp = (val3 >>> 24) & 15;
        let oparg = (val3 << 8) >> 20;
        const cmparg = (val3 << 20) >> 20;
        if ((val3 >>> 28) & 8) oparg = 1 << (oparg & 31);
        const o = old | 0;
        const nv = opc === 0 ? oparg : opc === 1 ? o + oparg : opc === 2 ? o | oparg : opc === 3 ? o & ~oparg : o ^ oparg;
        this.putU32(uaddr2, nv);
        let n = p.futexWake(uaddr, val, -1);
        const c =
          cmp === 0
            ? o === cmparg
            : cmp === 1
              ? o !== cmparg
              : cmp === 2
                ? o < cmparg
                : cmp === 3
                  ? o <= cmparg
                  : cmp === 4
                    ? o > cmparg
                    : o >= cmparg;
        if (c) n += p.futexWake(uaddr2, this.argInt(3), -1);
        return n;
      }
      default:
        return -E.ENOSYS;
    }
  }

  // ---- sleeping

  private sleepUntil(deadlineMono: bigint): Ret {
    const p = this.p;
    if (p.threads.length <= 1) {
      const d = deadlineMono - p.host.monotonicNs();
      if (d > 0n) p.host.sleepNs?.(d);
      return 0;
    }
    p.block({ ready: () => false, deadline: deadlineMono, timeoutResult: 0 });
    return NO_RESULT;
  }

  // ---- dispatch

  private call(nr: number): Ret {
    const p = this.p;
    const as = p.as;
    const fs = p.host.fs;
    switch (nr) {
      // ---- files
      case NR.read:
        return this.doRead(this.argInt(0), this.addr(1), this.arg(2), null);
      case NR.write:
        return this.doWrite(this.argInt(0), this.arg(2) === 0 ? new Uint8Array(0) : as.read(this.addr(1), this.arg(2)), null);
      case NR.pread64:
        return this.doRead(this.argInt(0), this.addr(1), this.arg(2), this.arg(3));
      case NR.pwrite64:
        return this.doWrite(this.argInt(0), as.read(this.addr(1), this.arg(2)), this.arg(3));
      case NR.readv:
        return this.doReadv(this.argInt(0), this.addr(1), this.argInt(2), null);
      case NR.writev:
        return this.doWritev(this.argInt(0), this.addr(1), this.argInt(2), null);
      case NR.preadv:
        return this.doReadv(this.argInt(0), this.addr(1), this.argInt(2), this.arg(3));
      case NR.pwritev:
        return this.doWritev(this.argInt(0), this.addr(1), this.argInt(2), this.arg(3));
      case NR.openat: {
        const path = this.pathArg(1);
        if (typeof path === "number") return path;
        return this.doOpen(this.argInt(0), path, this.argInt(2), this.argInt(3));
      }
      case NR.close:
        return p.fds.close(this.argInt(0));
      case NR.close_range: {
        const first = this.arg(0) >>> 0,
          last = Math.min(this.addr(1), 1 << 20);
        for (const fd of p.fds.list()) if (fd >= first && fd <= last) p.fds.close(fd);
        return 0;
      }
      case NR.lseek: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        return d.seek(this.arg(1), this.argInt(2));
      }
      case NR.fstat: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        const st = d.stat();
        if (typeof st === "number") return st;
        return as.write(this.addr(1), this.encodeStat(st)) ? 0 : -E.EFAULT;
      }
      case NR.newfstatat: {
        const path = this.pathArg(1);
        if (typeof path === "number") return path;
        const st = this.statAt(this.argInt(0), path, this.argInt(3));
        if (typeof st === "number") return st;
        return as.write(this.addr(2), this.encodeStat(st)) ? 0 : -E.EFAULT;
      }
      case NR.statx: {
        const path = this.pathArg(1);
        if (typeof path === "number") return path;
        const st = this.statAt(this.argInt(0), path, this.argInt(2));
        if (typeof st === "number") return st;
        return as.write(this.addr(4), this.encodeStatx(st, this.argInt(3))) ? 0 : -E.EFAULT;
      }
      case NR.getdents64: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        if (!(d instanceof HostFile)) return -E.ENOTDIR;
        const ents = d.entries();
        if (typeof ents === "number") return ents;
        const count = this.arg(2);
        const out: number[] = [];
        let i = d.pos;
        const parts: Uint8Array[] = [];
        let size = 0;
        for (; i < ents.length; i++) {
          const name = enc.encode(ents[i].name);
          const reclen = Math.ceil((19 + name.length + 1) / 8) * 8;
          if (size + reclen > count) break;
          const b = new Uint8Array(reclen);
          const dv = new DataView(b.buffer);
          dv.setBigUint64(0, ents[i].ino, true);
          dv.setBigInt64(8, BigInt(i + 1), true);
          dv.setUint16(16, reclen, true);
          b[18] = ents[i].type;
          b.set(name, 19);
          parts.push(b);
          size += reclen;
        }
        void out;
        if (i < ents.length && parts.length === 0) return -E.EINVAL;
        const all = new Uint8Array(size);
        let o = 0;
        for (const b of parts) {
          all.set(b, o);
          o += b.length;
        }
        if (!as.write(this.addr(1), all)) return -E.EFAULT;
        d.pos = i;
        return size;
      }
      case NR.readlinkat: {
        const path = this.pathArg(1);
        if (typeof path === "number") return path;
        let target: string | number;
        if (this.isProcSelf(path, "exe")) target = p.exePath;
        else {
          const m = /^\/proc\/(?:self|\d+)\/fd\/(\d+)$/.exec(path);
          if (m) {
            const d = p.fds.get(Number(m[1]));
            target = d ? (d.path ?? (d instanceof PipeEnd ? `pipe:[${d.buf.ino}]` : "/dev/null")) : -E.ENOENT;
          } else {
            const hp = this.resolve(this.argInt(0), path, true);
            target = typeof hp === "number" ? hp : fs.readlink(hp);
          }
        }
        if (typeof target === "number") return target;
        const size = this.arg(3);
        if ((size | 0) <= 0) return -E.EINVAL;
        const b = enc.encode(target).subarray(0, size);
        return as.write(this.addr(2), b) ? b.length : -E.EFAULT;
      }
      case NR.faccessat:
      case NR.faccessat2: {
        const path = this.pathArg(1);
        if (typeof path === "number") return path;
        const flags = nr === NR.faccessat2 ? this.argInt(3) : 0;
        if (path === "" && flags & AT_EMPTY_PATH) return p.fds.get(this.argInt(0)) ? 0 : -E.EBADF;
        const hp = this.resolve(this.argInt(0), this.isProcSelf(path, "exe") ? p.exePath : path, true);
        if (typeof hp === "number") return hp;
        return fs.access(hp, this.argInt(2) & 7);
      }
      case NR.mkdirat: {
        const hp = this.hostPathArg(0, 1);
        if (typeof hp === "number") return hp;
        return fs.mkdir(hp, this.argInt(2) & ~p.umask & 0o7777);
      }
      case NR.unlinkat: {
        const hp = this.hostPathArg(0, 1);
        if (typeof hp === "number") return hp;
        return this.argInt(2) & AT_REMOVEDIR ? fs.rmdir(hp) : fs.unlink(hp);
      }
      case NR.renameat:
      case NR.renameat2: {
        const paths = this.hostPathPair();
        if (typeof paths === "number") return paths;
        const [ha, hb] = paths;
        const flags = nr === NR.renameat2 ? this.argInt(4) : 0;
        if (flags & ~1) return -E.EINVAL;
        if (flags & 1 && typeof fs.stat(hb, false) !== "number") return -E.EEXIST; // RENAME_NOREPLACE
        return fs.rename(ha, hb);
      }
      case NR.linkat: {
        const paths = this.hostPathPair();
        if (typeof paths === "number") return paths;
        const [ha, hb] = paths;
        return fs.link(ha, hb);
      }
      case NR.symlinkat: {
        const target = this.pathArg(0),
          b = this.pathArg(2);
        if (typeof target === "number") return target;
        if (typeof b === "number") return b;
        const hb = this.resolve(this.argInt(1), b, false);
        if (typeof hb === "number") return hb;
        return fs.symlink(target, hb);
      }
      case NR.fchmodat: {
        const hp = this.hostPathArg(0, 1);
        if (typeof hp === "number") return hp;
        return fs.chmod(hp, this.argInt(2) & 0o7777);
      }
      case NR.fchmod: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        return d.path ? fs.chmod(d.path, this.argInt(1) & 0o7777) : 0;
      }
      case NR.fchownat:
      case NR.fchown:
        return 0;
      case NR.ftruncate: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        if (this.arg(1) < 0) return -E.EINVAL;
        if (!d.canWrite()) return -E.EINVAL;
        return d.truncate(this.arg(1));
      }
      case NR.truncate: {
        const path = this.pathArg(0);
        if (typeof path === "number") return path;
        const h = fs.open(path, O.WRONLY, 0);
        if (h < 0) return h;
        const r = fs.ftruncate(h, this.arg(1));
        fs.close(h);
        return r;
      }
      case NR.fsync:
      case NR.fdatasync: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        return d.sync() === 0 ? 0 : 0;
      }
      case NR.sync:
      case NR.syncfs:
        return 0;
      case NR.utimensat: {
        const pa = this.addr(1);
        let hp: string | number;
        if (pa === 0) {
          const d = p.fds.get(this.argInt(0));
          if (!d) return -E.EBADF;
          hp = d.path ?? -E.EBADF;
        } else {
          const path = this.pathArg(1);
          if (typeof path === "number") return path;
          hp = this.resolve(this.argInt(0), path, true);
        }
        if (typeof hp === "number") return hp;
        let at: bigint | null = p.host.realtimeNs(),
          mt: bigint | null = at;
        const ta = this.addr(2);
        if (ta) {
          const b = as.read(ta, 32);
          if (!b) return -E.EFAULT;
          const dv = new DataView(b.buffer);
          const one = (o: number, now: bigint): bigint | null => {
            const ns = dv.getBigInt64(o + 8, true);
            if (ns === 0x3fffffffn) return now; // UTIME_NOW
            if (ns === 0x3ffffffen) return null; // UTIME_OMIT
            return dv.getBigInt64(o, true) * 1_000_000_000n + ns;
          };
          at = one(0, at!);
          mt = one(16, mt!);
        }
        return fs.utimes(hp, at, mt, (this.argInt(3) & AT_SYMLINK_NOFOLLOW) === 0);
      }
      case NR.getcwd: {
        const cwd = enc.encode(fs.getcwd() + "\0");
        if (this.arg(1) < cwd.length) return -E.ERANGE;
        return as.write(this.addr(0), cwd) ? cwd.length : -E.EFAULT;
      }
      case NR.chdir: {
        const path = this.pathArg(0);
        if (typeof path === "number") return path;
        return fs.chdir(path);
      }
      case NR.fchdir: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        return d.path ? fs.chdir(d.path) : -E.ENOTDIR;
      }
      case NR.dup: {
        const d = p.fds.get(this.argInt(0));
        if (!d) return -E.EBADF;
        return p.fds.install(d);
      }
      case NR.dup3: {
        const oldfd = this.argInt(0),
          newfd = this.argInt(1),
          flags = this.argInt(2);
        const d = p.fds.get(oldfd);
        if (!d) return -E.EBADF;
        if (oldfd === newfd || flags & ~O.CLOEXEC) return -E.EINVAL;
        if (newfd < 0 || newfd >= p.fds.limit) return -E.EBADF;
        return p.fds.installAt(newfd, d, (flags & O.CLOEXEC) !== 0);
      }
      case NR.fcntl:
        return this.fcntl(this.argInt(0), this.argInt(1), this.arg(2));
      case NR.ioctl:
        return this.ioctl(this.argInt(0), this.argInt(1) >>> 0, this.addr(2));
      case NR.pipe2: {
        const flags = this.argInt(1);
        const buf = new PipeBuffer();
        const r = new PipeEnd(buf, false, flags),
          w = new PipeEnd(buf, true, flags);
        const fr = p.fds.install(r, (flags & O.CLOEXEC) !== 0);
        if (fr < 0) return fr;
        const fw = p.fds.install(w, (flags & O.CLOEXEC) !== 0);
        if (fw < 0) {
          p.fds.close(fr);
          return fw;
        }
        const b = new Uint8Array(8);
        new DataView(b.buffer).setInt32(0, fr, true);
        new DataView(b.buffer).setInt32(4, fw, true);
        if (!as.write(this.addr(0), b)) {
          p.fds.close(fr);
          p.fds.close(fw);
          return -E.EFAULT;
        }
        return 0;
      }
      case NR.sendfile: {
        const out = this.argInt(0),
          inp = this.argInt(1),
          offAddr = this.addr(2),
          count = Math.min(this.arg(3), 1 << 24);
        const di = p.fds.get(inp),
          dout = p.fds.get(out);
        if (!di || !dout) return -E.EBADF;
        let off: number | null = null;
        if (offAddr) {
          const b = as.read(offAddr, 8);
          if (!b) return -E.EFAULT;
          off = Number(new DataView(b.buffer).getBigInt64(0, true));
        }
        const tmp = new Uint8Array(count);
        const n = di.read(tmp, off);
        if (n < 0) return n === WOULD_BLOCK ? -E.EAGAIN : n;
        const w = n ? dout.write(tmp.subarray(0, n), null) : 0;
        if (w < 0) return w === WOULD_BLOCK ? -E.EAGAIN : w;
        if (offAddr) {
          const b = new Uint8Array(8);
          new DataView(b.buffer).setBigInt64(0, BigInt(off! + w), true);
          as.write(offAddr, b);
        } else if (w < n) di.seek(w - n, 1);
        return w;
      }
      case NR.ppoll:
        return this.ppoll();
      case NR.pselect6:
        return this.pselect();
      case NR.fadvise64:
      case NR.flock:
      case NR.readahead:
        return 0;
      case NR.fallocate:
        return -E.EOPNOTSUPP;

      // ---- memory
      case NR.brk: {
        const want = this.addr(0);
        if (want === 0 || want < p.brkStart) return p.brk;
        const oldTop = Math.ceil(p.brk / PAGE) * PAGE;
        const newTop = Math.ceil(want / PAGE) * PAGE;
        if (newTop > oldTop) {
          for (let a = oldTop; a < newTop; a += PAGE) if (as.isMapped(a / PAGE)) return p.brk;
          as.map(oldTop, newTop - oldTop, PROT_READ | PROT_WRITE);
        } else if (newTop < oldTop) as.unmap(newTop, oldTop - newTop);
        p.brk = want;
        return p.brk;
      }
      case NR.mmap:
        return this.mmap(this.addr(0), this.addr(1), this.argInt(2), this.argInt(3), this.argInt(4), this.arg(5));
      case NR.munmap: {
        const a = this.addr(0),
          len = this.addr(1);
        if (a % PAGE || len === 0) return -E.EINVAL;
        as.unmap(a, Math.ceil(len / PAGE) * PAGE);
        return 0;
      }
      case NR.mprotect: {
        const a = this.addr(0);
        if (a % PAGE) return -E.EINVAL;
        const len = Math.ceil(this.addr(1) / PAGE) * PAGE;
        if (len === 0) return 0;
        return as.protect(a, len, this.argInt(2) & 7) ? 0 : -E.ENOMEM;
      }
      case NR.mremap:
        return this.mremap(this.addr(0), this.addr(1), this.addr(2), this.argInt(3), this.addr(4));
      case NR.madvise: {
        const a = this.addr(0),
          advice = this.argInt(2);
        if (a % PAGE) return -E.EINVAL;
        const len = Math.ceil(this.addr(1) / PAGE) * PAGE;
        if (advice === 4 /* MADV_DONTNEED */ || advice === 8 /* MADV_FREE */) {
          for (let x = a; x < a + len; x += PAGE) if (!as.isMapped(x / PAGE)) return -E.ENOMEM;
          as.discard(a, len);
        }
        return 0;
      }
      case NR.msync:
      case NR.mlock:
      case NR.munlock:
      case NR.mlockall:
      case NR.munlockall:
        return 0;
      case NR.mincore: {
        const a = this.addr(0);
        const n = Math.ceil(this.addr(1) / PAGE);
        const v = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          if (!as.isMapped(a / PAGE + i)) return -E.ENOMEM;
          v[i] = 1;
        }
        return as.write(this.addr(2), v) ? 0 : -E.EFAULT;
      }
      case NR.membarrier:
        return 0;

      // ---- process, threads
      case NR.exit:
        p.exitThread(this.argInt(0) & 0xff);
        return NO_RESULT;
      case NR.exit_group:
        throw new ExitProcess(this.argInt(0) & 0xff);
      case NR.clone:
        return this.clone(this.arg(0), this.addr(1), this.addr(2), this.addr(3), this.addr(4));
      case NR.clone3:
        return -E.ENOSYS;
      case NR.set_tid_address:
        p.cur.clearChildTid = this.addr(0);
        return p.cur.tid;
      case NR.futex:
        return this.futex();
      case NR.set_robust_list:
      case NR.get_robust_list:
      case NR.rseq:
        return -E.ENOSYS;
      case NR.gettid:
        return p.cur.tid;
      case NR.getpid:
        return p.pid;
      case NR.getppid:
        return p.ppid;
      case NR.getuid:
      case NR.geteuid:
        return p.host.uid ?? 0;
      case NR.getgid:
      case NR.getegid:
        return p.host.gid ?? 0;
      case NR.getresuid:
      case NR.getresgid: {
        const v = nr === NR.getresuid ? (p.host.uid ?? 0) : (p.host.gid ?? 0);
        for (let i = 0; i < 3; i++) if (!this.putU32(this.addr(i), v)) return -E.EFAULT;
        return 0;
      }
      case NR.setuid:
      case NR.setgid:
      case NR.setreuid:
      case NR.setregid:
      case NR.setresuid:
      case NR.setresgid:
      case NR.setgroups:
        return (p.host.uid ?? 0) === 0 ? 0 : -E.EPERM;
      case NR.getgroups: {
        const g = p.host.groups ?? [];
        const size = this.argInt(0);
        if (size === 0) return g.length;
        if (size < g.length) return -E.EINVAL;
        for (let i = 0; i < g.length; i++) if (!this.putU32(this.addr(1) + 4 * i, g[i])) return -E.EFAULT;
        return g.length;
      }
      case NR.getpgid:
      case NR.getsid:
      case NR.setsid:
        return p.pid;
      case NR.setpgid:
        return 0;
      case NR.umask: {
        const old = p.umask;
        p.umask = this.argInt(0) & 0o777;
        return old;
      }
      case NR.prctl:
        return this.prctl();
      case NR.personality:
        return 0;
      case NR.sched_yield:
        if (p.threads.length > 1) p.yieldNow = true;
        return 0;
      case NR.sched_getaffinity: {
        const size = this.arg(1);
        const n = Math.max(1, p.host.cpus ?? 1);
        const bytes = 8 * Math.ceil(n / 64);
        if (size < bytes || size % 8) return -E.EINVAL;
        const b = new Uint8Array(bytes);
        for (let i = 0; i < n; i++) b[i >> 3] |= 1 << (i & 7);
        return as.write(this.addr(2), b) ? bytes : -E.EFAULT;
      }
      case NR.sched_setaffinity:
      case NR.sched_setscheduler:
      case NR.sched_setparam:
      case NR.sched_getscheduler:
        return 0;
      case NR.sched_getparam:
        return this.putU32(this.addr(1), 0) ? 0 : -E.EFAULT;
      case NR.sched_get_priority_max:
      case NR.sched_get_priority_min:
        return 0;
      case NR.getcpu:
        if (this.addr(0)) this.putU32(this.addr(0), 0);
        if (this.addr(1)) this.putU32(this.addr(1), 0);
        return 0;
      case NR.getpriority:
        return 20;
      case NR.setpriority:
        return 0;
      case NR.wait4: {
        const pid = this.argInt(0);
        const i = p.zombies.findIndex((z) => pid === -1 || pid === 0 || z.pid === pid || -pid === p.pid);
        if (i < 0) return -E.ECHILD;
        const z = p.zombies.splice(i, 1)[0];
        if (this.addr(1) && !this.putU32(this.addr(1), z.status)) return -E.EFAULT;
        if (this.addr(3)) as.write(this.addr(3), new Uint8Array(144));
        return z.pid;
      }
      case NR.waitid:
        return -E.ECHILD;
      case NR.execve:
      case NR.execveat: {
        // Like qemu without binfmt_misc: the host cannot execute a riscv64 program.
        const path = this.pathArg(nr === NR.execve ? 0 : 1);
        if (typeof path === "number") return path;
        if (this.isProcSelf(path, "exe")) return -E.ENOEXEC;
        const st = fs.stat(nr === NR.execve ? path : (this.resolve(this.argInt(0), path, false) as string), true);
        if (typeof st === "number") return st;
        if ((st.mode & S_IFMT) === 0o40000) return -E.EACCES;
        return -E.ENOEXEC;
      }

      // ---- signals
      case NR.rt_sigaction:
        return this.sigaction(this.argInt(0), this.addr(1), this.addr(2), this.arg(3));
      case NR.rt_sigprocmask:
        return this.sigprocmask(this.argInt(0), this.addr(1), this.addr(2), this.arg(3));
      case NR.rt_sigreturn:
        if (!p.sigreturn()) p.forceSignal({ signo: 11, code: SI_USER, pid: p.pid, uid: 0 });
        return NO_RESULT;
      case NR.sigaltstack:
        return this.sigaltstack(this.addr(0), this.addr(1));
      case NR.rt_sigpending: {
        const m = p.cur.pending.reduce((a, s) => a | sigbit(s.signo), 0n);
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigUint64(0, m, true);
        return as.write(this.addr(0), b) ? 0 : -E.EFAULT;
      }
      case NR.rt_sigsuspend: {
        const b = as.read(this.addr(0), 8);
        if (!b) return -E.EFAULT;
        const mask = new DataView(b.buffer).getBigUint64(0, true) & ~UNBLOCKABLE;
        const t = p.cur;
        if (!t.pending.some((s) => !(mask & sigbit(s.signo)))) {
          if (p.threads.length <= 1) return -E.EINTR; // nothing could ever arrive
          p.cpu.pc = p.cpu.pc - 4n;
          p.block({ ready: () => t.pending.some((s) => !(mask & sigbit(s.signo))) });
          return NO_RESULT;
        }
        const old = t.sigmask;
        t.sigmask = mask;
        p.cpu.setX(10, -E.EINTR);
        p.processSignals(t);
        // The handler's frame saved `mask`; the mask after sigreturn is the old one.
        if (t.sigmask !== mask) t.sigmask = old;
        return NO_RESULT;
      }
      case NR.kill: {
        const pid = this.argInt(0),
          sig = this.argInt(1);
        if (sig < 0 || sig > NSIG) return -E.EINVAL;
        if (pid !== p.pid && pid !== 0 && pid !== -1) return -E.ESRCH;
        if (sig) p.queueSignal({ signo: sig, code: SI_USER, pid: p.pid, uid: p.host.uid ?? 0 }, null);
        return 0;
      }
      case NR.tkill:
      case NR.tgkill: {
        const tid = nr === NR.tgkill ? this.argInt(1) : this.argInt(0);
        const sig = nr === NR.tgkill ? this.argInt(2) : this.argInt(1);
        if (nr === NR.tgkill && this.argInt(0) !== p.pid) return -E.ESRCH;
        if (sig < 0 || sig > NSIG) return -E.EINVAL;
        const t = p.threads.find((x) => x.tid === tid);
        if (!t) return -E.ESRCH;
        if (sig) p.queueSignal({ signo: sig, code: SI_TKILL, pid: p.pid, uid: p.host.uid ?? 0 }, t);
        return 0;
      }

      // ---- time
      case NR.clock_gettime: {
        const ns = this.clock(this.argInt(0));
        if (ns === null) return -E.EINVAL;
        return this.putTimespec(this.addr(1), ns) ? 0 : -E.EFAULT;
      }
      case NR.clock_getres: {
        const clk = this.argInt(0);
        if (this.clock(clk) === null) return -E.EINVAL;
        if (!this.addr(1)) return 0;
        return this.putTimespec(this.addr(1), clk === 5 || clk === 6 ? 4_000_000n : 1n) ? 0 : -E.EFAULT;
      }
      case NR.gettimeofday: {
        const ns = p.host.realtimeNs();
        if (this.addr(0)) {
          const b = new Uint8Array(16);
          const dv = new DataView(b.buffer);
          dv.setBigInt64(0, ns / 1_000_000_000n, true);
          dv.setBigInt64(8, (ns % 1_000_000_000n) / 1000n, true);
          if (!as.write(this.addr(0), b)) return -E.EFAULT;
        }
        if (this.addr(1) && !as.write(this.addr(1), new Uint8Array(8))) return -E.EFAULT;
        return 0;
      }
      case NR.nanosleep: {
        const ns = this.timespec(this.addr(0));
        if (ns === null) return -E.EFAULT;
        if (ns < 0n) return -E.EINVAL;
        return this.sleepUntil(p.host.monotonicNs() + ns);
      }
      case NR.clock_nanosleep: {
        const clk = this.argInt(0),
          flags = this.argInt(1);
        const ns = this.timespec(this.addr(2));
        if (ns === null) return -E.EFAULT;
        const now = this.clock(clk);
        if (now === null) return -E.EINVAL;
        const rel = flags & 1 ? ns - now : ns;
        return this.sleepUntil(p.host.monotonicNs() + (rel > 0n ? rel : 0n));
      }
      case NR.times: {
        const ticks = p.host.monotonicNs() / 10_000_000n;
        if (this.addr(0)) {
          const b = new Uint8Array(32);
          new DataView(b.buffer).setBigInt64(0, ticks, true);
          if (!as.write(this.addr(0), b)) return -E.EFAULT;
        }
        return Number(ticks);
      }
      case NR.getrusage: {
        const b = new Uint8Array(144);
        const dv = new DataView(b.buffer);
        const us = p.host.monotonicNs() / 1000n;
        dv.setBigInt64(0, us / 1_000_000n, true);
        dv.setBigInt64(8, us % 1_000_000n, true);
        dv.setBigInt64(32, BigInt(Math.floor((p.as.pagesInUse * 4096) / 1024)), true);
        return as.write(this.addr(1), b) ? 0 : -E.EFAULT;
      }
      case NR.getitimer:
      case NR.setitimer:
        if (nr === NR.setitimer && this.addr(2)) as.write(this.addr(2), new Uint8Array(32));
        if (nr === NR.getitimer) as.write(this.addr(1), new Uint8Array(32));
        return 0;

      // ---- system information
      case NR.uname: {
        const u = p.host.uname ?? { sysname: "Linux", nodename: "tciemu", release: "6.12.0", version: "#1 SMP", domainname: "(none)" };
        const buf = new Uint8Array(65 * 6);
        const put = (i: number, s: string) => buf.set(enc.encode(s).subarray(0, 64), 65 * i);
        put(0, u.sysname);
        put(1, u.nodename);
        put(2, u.release);
        put(3, u.version);
        put(4, "riscv64");
        put(5, u.domainname);
        return as.write(this.addr(0), buf) ? 0 : -E.EFAULT;
      }
      case NR.sysinfo: {
        const b = new Uint8Array(112);
        const dv = new DataView(b.buffer);
        dv.setBigInt64(0, p.host.monotonicNs() / 1_000_000_000n, true);
        const total = BigInt(p.as.ram.byteLength);
        dv.setBigUint64(32, total, true);
        dv.setBigUint64(40, total - BigInt(p.as.pagesInUse * 4096), true);
        dv.setUint16(80, p.threads.length, true);
        dv.setUint32(104, 1, true);
        return as.write(this.addr(0), b) ? 0 : -E.EFAULT;
      }
      case NR.prlimit64: {
        const pid = this.argInt(0);
        if (pid !== 0 && pid !== p.pid) return -E.ESRCH;
        return this.rlimit(this.argInt(1), this.addr(2), this.addr(3));
      }
      case NR.getrlimit:
        return this.rlimit(this.argInt(0), 0, this.addr(1));
      case NR.setrlimit:
        return this.rlimit(this.argInt(0), this.addr(1), 0);
      case NR.getrandom: {
        const n = Math.min(this.arg(1), 1 << 20);
        return as.write(this.addr(0), p.host.randomBytes(n)) ? n : -E.EFAULT;
      }
      case NR.riscv_hwprobe:
        return this.hwprobe(this.addr(0), this.arg(1));
      case NR.capget:
        if (this.addr(1)) as.write(this.addr(1), new Uint8Array(24));
        return 0;
    }
    return -E.ENOSYS;
  }

  private clock(clk: number): bigint | null {
    const h = this.p.host;
    switch (clk) {
      case 0: // REALTIME
      case 5: // REALTIME_COARSE
      case 8: // REALTIME_ALARM
      case 11: // TAI
        return h.realtimeNs();
      case 1: // MONOTONIC
      case 4: // MONOTONIC_RAW
      case 6: // MONOTONIC_COARSE
      case 7: // BOOTTIME
      case 9:
      case 2: // PROCESS_CPUTIME_ID
      case 3: // THREAD_CPUTIME_ID
        return h.monotonicNs();
    }
    return null;
  }

  /** A resource limit as the guest sees it (its own setrlimit, else the host's); null if unknown. */
  getRlimit(res: number): [number, number] | null {
    return this.rlimits.get(res) ?? this.p.host.rlimit?.(res) ?? null;
  }

  private rlimit(res: number, newAddr: number, oldAddr: number): number {
    if (res < 0 || res > 15) return -E.EINVAL;
    let cur = this.rlimits.get(res) ?? this.p.host.rlimit?.(res) ?? null;
    if (!cur) cur = res === 3 ? [8 << 20, -1] : res === 7 ? [1024, 1048576] : res === 4 ? [0, -1] : [-1, -1];
    if (oldAddr) {
      const b = new Uint8Array(16);
      const dv = new DataView(b.buffer);
      dv.setBigInt64(0, BigInt(cur[0]), true);
      dv.setBigInt64(8, BigInt(cur[1]), true);
      if (!this.p.as.write(oldAddr, b)) return -E.EFAULT;
    }
    if (newAddr) {
      const b = this.p.as.read(newAddr, 16);
      if (!b) return -E.EFAULT;
      const dv = new DataView(b.buffer);
      const v: [number, number] = [Number(dv.getBigInt64(0, true)), Number(dv.getBigInt64(8, true))];
      this.rlimits.set(res, v);
      if (res === 7) this.p.fds.limit = v[0] < 0 ? 1 << 20 : Math.min(v[0], 1 << 20);
    }
    return 0;
  }

  private hwprobe(pairs: number, count: number): number {
    if (count > 1024) return -E.EINVAL;
    for (let i = 0; i < count; i++) {
      const a = pairs + 16 * i;
      const b = this.p.as.read(a, 16);
      if (!b) return -E.EFAULT;
      const dv = new DataView(b.buffer);
      const key = dv.getBigInt64(0, true);
      let val = 0n;
      switch (key) {
        case 0n: // MVENDORID
        case 1n: // MARCHID
        case 2n: // MIMPID
          val = 0n;
          break;
        case 3n: // BASE_BEHAVIOR: IMA
          val = 1n;
          break;
        case 4n: // IMA_EXT_0: FD, C, Zba, Zbb, Zbs, Zicond
          val = 1n | 2n | 8n | 16n | 32n | (1n << 35n);
          break;
        case 5n: // CPUPERF_0: misaligned accesses fast (emulated)
          val = 3n;
          break;
        default:
          dv.setBigInt64(0, -1n, true);
      }
      dv.setBigUint64(8, val, true);
      if (!this.p.as.write(a, b)) return -E.EFAULT;
    }
    return 0;
  }

  private fcntl(fd: number, cmd: number, arg: number): number {
    const p = this.p;
    const d = p.fds.get(fd);
    if (!d) return -E.EBADF;
    switch (cmd) {
      case 0: // F_DUPFD
      case 1030: // F_DUPFD_CLOEXEC
        if (arg < 0 || arg >= p.fds.limit) return -E.EINVAL;
        return p.fds.install(d, cmd === 1030, arg);
      case 1: // F_GETFD
        return p.fds.cloexec(fd) ? 1 : 0;
      case 2: // F_SETFD
        p.fds.setCloexec(fd, (arg & 1) !== 0);
        return 0;
      case 3: // F_GETFL
        return d.flags;
      case 4: {
        // F_SETFL: only O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME change
        const mask = O.APPEND | O.NONBLOCK | O.ASYNC | O.DIRECT | O.NOATIME;
        d.flags = (d.flags & ~mask) | (arg & mask);
        return 0;
      }
      case 5: {
        // F_GETLK: nothing else holds locks
        const b = this.p.as.read(this.addr(2), 2);
        if (!b) return -E.EFAULT;
        const out = new Uint8Array(2);
        out[0] = 2; // F_UNLCK
        return this.p.as.write(this.addr(2), out) ? 0 : -E.EFAULT;
      }
      case 6: // F_SETLK
      case 7: // F_SETLKW
      case 36: // F_OFD_GETLK..
      case 37:
      case 38:
        return 0;
      case 1031: // F_SETPIPE_SZ
        return d instanceof PipeEnd ? Math.max(4096, arg) : -E.EBADF;
      case 1032: // F_GETPIPE_SZ
        return d instanceof PipeEnd ? 65536 : -E.EBADF;
      case 1033: // F_ADD_SEALS
      case 1034: // F_GET_SEALS
        return -E.EINVAL;
    }
    return -E.EINVAL;
  }

  private ioctl(fd: number, req: number, arg: number): number {
    const d = this.p.fds.get(fd);
    if (!d) return -E.EBADF;
    switch (req) {
      case 0x5401: {
        // TCGETS
        if (!d.isatty()) return -E.ENOTTY;
        const b = new Uint8Array(60);
        const dv = new DataView(b.buffer);
        dv.setUint32(0, 0x500, true); // iflag ICRNL|IXON
        dv.setUint32(4, 0x5, true); // oflag OPOST|ONLCR
        dv.setUint32(8, 0xbf, true); // cflag B38400|CS8|CREAD
        dv.setUint32(12, 0x8a3b, true); // lflag ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN
        b.set([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22], 17);
        return this.p.as.write(arg, b) ? 0 : -E.EFAULT;
      }
      case 0x5402: // TCSETS
      case 0x5403:
      case 0x5404:
        return d.isatty() ? 0 : -E.ENOTTY;
      case 0x5413: {
        // TIOCGWINSZ
        const ws = d.winsize();
        if (!ws) return -E.ENOTTY;
        const b = new Uint8Array(8);
        const dv = new DataView(b.buffer);
        dv.setUint16(0, ws.rows, true);
        dv.setUint16(2, ws.cols, true);
        return this.p.as.write(arg, b) ? 0 : -E.EFAULT;
      }
      case 0x540f: // TIOCGPGRP
        if (!d.isatty()) return -E.ENOTTY;
        return this.putI32(arg, this.p.pid) ? 0 : -E.EFAULT;
      case 0x541b: {
        // FIONREAD
        const n = d instanceof PipeEnd ? d.buf.size : 0;
        return this.putI32(arg, n) ? 0 : -E.EFAULT;
      }
      case 0x5421: {
        // FIONBIO
        const v = this.u32(arg);
        if (v === null) return -E.EFAULT;
        d.flags = v ? d.flags | O.NONBLOCK : d.flags & ~O.NONBLOCK;
        return 0;
      }
      case 0x5451: // FIOCLEX
        this.p.fds.setCloexec(fd, true);
        return 0;
      case 0x5450: // FIONCLEX
        this.p.fds.setCloexec(fd, false);
        return 0;
    }
    return -E.ENOTTY;
  }

  private ppoll(): Ret {
    const p = this.p;
    const fdsAddr = this.addr(0),
      nfds = this.arg(1);
    if (nfds > 4096) return -E.EINVAL;
    const b = nfds ? p.as.read(fdsAddr, 8 * nfds) : new Uint8Array(0);
    if (!b) return -E.EFAULT;
    const dv = new DataView(b.buffer);
    let ready = 0;
    for (let i = 0; i < nfds; i++) {
      const fd = dv.getInt32(8 * i, true);
      const ev = dv.getInt16(8 * i + 4, true);
      let rev = 0;
      if (fd >= 0) {
        const d = p.fds.get(fd);
        if (!d)
          rev = 0x20; // POLLNVAL
        else {
          if (ev & 1 && d.readable()) rev |= 1;
          if (ev & 4 && d.writable()) rev |= 4;
          if (d instanceof PipeEnd && !d.isWrite && d.buf.writers === 0) rev |= 0x10; // POLLHUP
        }
      }
      dv.setInt16(8 * i + 6, rev, true);
      if (rev) ready++;
    }
    if (ready === 0) {
      const ts = this.addr(2) ? this.timespec(this.addr(2)) : null;
      if (ts === 0n || p.threads.length <= 1) {
        if (ts !== null && ts > 0n) p.host.sleepNs?.(ts);
        if (!p.as.write(fdsAddr, b)) return -E.EFAULT;
        return 0;
      }
      p.cpu.pc = p.cpu.pc - 4n;
      p.block({ ready: () => true });
      return NO_RESULT;
    }
    return p.as.write(fdsAddr, b) ? ready : -E.EFAULT;
  }

  private pselect(): Ret {
    const p = this.p;
    const n = this.argInt(0);
    if (n < 0 || n > 1024) return -E.EINVAL;
    const words = Math.ceil(n / 64);
    const sets = [1, 2, 3].map((i) => (this.addr(i) ? p.as.read(this.addr(i), 8 * words) : null));
    let ready = 0;
    const out = sets.map((s) => (s ? new Uint8Array(s.length) : null));
    for (let fd = 0; fd < n; fd++) {
      for (let k = 0; k < 2; k++) {
        const s = sets[k];
        if (!s || !(s[fd >> 3] & (1 << (fd & 7)))) continue;
        const d = p.fds.get(fd);
        if (!d) return -E.EBADF;
        if (k === 0 ? d.readable() : d.writable()) {
          out[k]![fd >> 3] |= 1 << (fd & 7);
          ready++;
        }
      }
    }
    for (let k = 0; k < 3; k++) if (out[k]) p.as.write(this.addr(k + 1), out[k]!);
    return ready;
  }

  private prctl(): number {
    const option = this.argInt(0);
    switch (option) {
      case 15: // PR_SET_NAME
        return 0;
      case 16: {
        // PR_GET_NAME
        const name = enc.encode(this.p.exePath.split("/").pop() ?? "").subarray(0, 15);
        const b = new Uint8Array(16);
        b.set(name);
        return this.p.as.write(this.addr(1), b) ? 0 : -E.EFAULT;
      }
      case 1: // PR_SET_PDEATHSIG
      case 4: // PR_SET_DUMPABLE
      case 38: // PR_SET_NO_NEW_PRIVS
        return 0;
      case 3: // PR_GET_DUMPABLE
        return 1;
    }
    return -E.EINVAL;
  }

  inheritLimits(parent: Syscalls): void {
    for (const [k, v] of parent.rlimits) this.rlimits.set(k, v);
  }

  private clone(flags: number, newsp: number, ptid: number, tls: number, ctid: number): number {
    const p = this.p;
    if (!(flags & CLONE_THREAD)) {
      // fork, vfork (CLONE_VM|CLONE_VFORK): the child runs to completion now (see forkChild)
      if (flags & CLONE_VM && !(flags & 0x4000)) return -E.ENOSYS; // a process sharing memory
      return p.forkChild(flags & 0xff, (child) => {
        if (newsp) child.cpu.setX(2, newsp);
        if (flags & CLONE_SETTLS) child.cpu.setX(4, tls);
        if (flags & CLONE_CHILD_SETTID) new Syscalls(child).putU32Public(ctid, child.pid);
        if (flags & CLONE_CHILD_CLEARTID) child.cur.clearChildTid = ctid;
        if (flags & CLONE_PARENT_SETTID) this.putU32(ptid, child.pid);
      });
    }
    if (!(flags & CLONE_VM)) return -E.EINVAL;
    const t: Thread = p.newThread();
    p.setSavedX(t, 10, 0);
    if (newsp) p.setSavedX(t, 2, newsp);
    if (flags & CLONE_SETTLS) p.setSavedX(t, 4, tls);
    if (flags & CLONE_PARENT_SETTID) this.putU32(ptid, t.tid);
    if (flags & CLONE_CHILD_SETTID) this.putU32(ctid, t.tid);
    if (flags & CLONE_CHILD_CLEARTID) t.clearChildTid = ctid;
    return t.tid;
  }

  private sigaction(sig: number, act: number, oact: number, size: number): number {
    const p = this.p;
    if (size !== 8) return -E.EINVAL;
    if (sig < 1 || sig > NSIG) return -E.EINVAL;
    if (act && (sig === SIGKILL || sig === SIGSTOP)) return -E.EINVAL;
    const a = p.sigactions[sig];
    let nb: Uint8Array | null = null;
    if (act) {
      nb = p.as.read(act, 24);
      if (!nb) return -E.EFAULT;
    }
    if (oact) {
      const b = new Uint8Array(24);
      const dv = new DataView(b.buffer);
      dv.setBigUint64(0, BigInt(a.handler), true);
      dv.setBigUint64(8, BigInt(a.flags >>> 0), true);
      dv.setBigUint64(16, a.mask, true);
      if (!p.as.write(oact, b)) return -E.EFAULT;
    }
    if (nb) {
      const dv = new DataView(nb.buffer);
      a.handler = Number(dv.getBigUint64(0, true));
      a.flags = Number(dv.getBigUint64(8, true) & 0xffffffffn);
      a.mask = dv.getBigUint64(16, true) & ~UNBLOCKABLE;
      if (a.handler === 1) for (const t of p.threads) t.pending = t.pending.filter((s) => s.signo !== sig);
    }
    return 0;
  }

  private sigprocmask(how: number, set: number, oset: number, size: number): number {
    const t = this.p.cur;
    if (size !== 8) return -E.EINVAL;
    let nv: bigint | null = null;
    if (set) {
      const b = this.p.as.read(set, 8);
      if (!b) return -E.EFAULT;
      nv = new DataView(b.buffer).getBigUint64(0, true);
      if (how < 0 || how > 2) return -E.EINVAL;
    }
    if (oset) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, t.sigmask, true);
      if (!this.p.as.write(oset, b)) return -E.EFAULT;
    }
    if (nv !== null) {
      if (how === 0) t.sigmask |= nv;
      else if (how === 1) t.sigmask &= ~nv;
      else t.sigmask = nv;
      t.sigmask &= ~UNBLOCKABLE;
    }
    return 0;
  }

  private sigaltstack(ss: number, oss: number): number {
    const p = this.p;
    const t = p.cur;
    const sp = Number(BigInt.asUintN(64, p.cpu.getX(2)));
    const on = p.onAltStack(t, sp);
    if (oss) {
      const b = new Uint8Array(24);
      const dv = new DataView(b.buffer);
      dv.setBigUint64(0, BigInt(t.altSp), true);
      dv.setInt32(8, t.altFlags & SS_DISABLE ? SS_DISABLE : on ? SS_ONSTACK : 0, true);
      dv.setBigUint64(16, BigInt(t.altSize), true);
      if (!p.as.write(oss, b)) return -E.EFAULT;
    }
    if (ss) {
      const b = p.as.read(ss, 24);
      if (!b) return -E.EFAULT;
      if (on) return -E.EPERM;
      const dv = new DataView(b.buffer);
      const spv = Number(dv.getBigUint64(0, true));
      const flags = dv.getInt32(8, true);
      const size = Number(dv.getBigUint64(16, true));
      if (flags & ~(SS_DISABLE | 0x80000000)) return -E.EINVAL;
      if (flags & SS_DISABLE) {
        t.altSp = 0;
        t.altSize = 0;
        t.altFlags = SS_DISABLE;
      } else {
        if (size < 2048) return -E.ENOMEM;
        t.altSp = spv;
        t.altSize = size;
        t.altFlags = 0;
      }
    }
    return 0;
  }
}

void NAMES;
void S_IFMT;
