// File descriptors and I/O (QEMU's syscall.c, Linux's fs/read_write.c, fs/fcntl.c, fs/select.c):
// read/write and their vector and positional forms, open/close/dup, fcntl, ioctl, pipes, sendfile,
// splice/tee/vmsplice (Linux's fs/splice.c), sync_file_range (poll and select are in poll.ts).
// Blocking transfers (a pipe with no data and a writer in another thread) park the thread and
// restart the call when it can proceed.
import { concat } from "../bytes.ts";
import { PROT_WRITE } from "../address-space.ts";
import * as E from "../errno.ts";
import { CAP_SYS_ADMIN, CAP_SYS_RESOURCE, hasCap } from "../capabilities.ts";
import { O, S_IFBLK, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG } from "../errno.ts";
import { callerOf, HostFile, PipeBuffer, PipeEnd, StdioFile, SyntheticDir, SyntheticFile, WOULD_BLOCK, type FileDesc } from "../files.ts";
import type { ProcNode } from "../procfs.ts";
import { linkTargetPath } from "../paths.ts";
import type { Thread } from "../thread.ts";
import { POLL_NS, Restart, WAIT_MORE } from "../wait.ts";
import { Tty, defaultTermios } from "../tty.ts";
import { ldisc, PtyMaster, PtySlave } from "../pty.ts";
import { WINSIZE, type AbiLayouts } from "../layouts.ts";
import { SI_USER, SIGPIPE, SIGTTIN, SIGTTOU } from "../signals.ts";
import { ttyJobControl, ttyWriteJobControl } from "./tty-job-control.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import type { SyscallArgs } from "../syscall-args.ts";
import type { Task } from "../task.ts";
import { Socket } from "../sockets/socket.ts";
import { UnixStreamSocket } from "../sockets/unix.ts";
import { MemFile, MemInode, MFD, MFD_NAME_MAX } from "../memfd.ts";
import { AT_FDCWD, getU32, PAGE, pathArg, procNode, putU32, resolvePath } from "./common.ts";
import { checkOpenHow, OPEN_HOW_SIZE, resolveOpenHow } from "./openat2.ts";
import { FifoEnd, HostFifo, type NamedNode } from "../fifos.ts";
import { InotifyFile } from "../inotify.ts";
import type { HostStat } from "../host-api.ts";
import { F_GETLK, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW, F_SETLK, F_SETLKW, fcntlLock, flock } from "./locks.ts";
import { pollSyscalls } from "./poll.ts";
import { SignalFd } from "../signalfd.ts";
import { bytesToByteString } from "../bytes.ts";

/**
 * A read or write that would block: the thread waits until `ready`, then the call runs again; on a
 * socket at most SO_RCVTIMEO/SO_SNDTIMEO (`timeoutNs`, 0: none), then EAGAIN, and a handler makes it
 * EINTR even with SA_RESTART (read(2) is sock_recvmsg there, sock_intr_errno).
 */
export function blockAgain(t: Task, d: FileDesc, ready: () => boolean, timeoutNs: bigint, timeoutResult = -E.EAGAIN): SyscallResult {
  t.restartSyscall();
  t.block({
    ready,
    external: d.external,
    recheckNs: d.recheckNs ?? undefined,
    deadline: timeoutNs > 0n ? t.host.monotonicNs() + timeoutNs : undefined,
    timeoutResult,
    restart: timeoutNs > 0n && timeoutResult !== 0 ? Restart.NoHandler : Restart.Sys,
  });
  return NO_RESULT;
}

/**
 * A read that would block: the thread waits until the description is readable, then reads again
 * (a socket's SO_RCVTIMEO ends the wait with EAGAIN, a pty slave's VTIME with VMIN 0 with 0 bytes).
 */
function blockRead(t: Task, r: number, d: FileDesc): SyscallResult {
  if (r !== WOULD_BLOCK) return r;
  if (d instanceof Socket) return blockAgain(t, d, () => d.readable(), d.opts.rcvTimeoNs);
  const vtime = d instanceof PtySlave || d instanceof Tty ? ldisc(d)!.vtimeNs : 0n;
  return blockAgain(t, d, () => d.readable(), vtime, vtime ? 0 : -E.EAGAIN);
}

/**
 * read/readv of a signalfd: the caller's pending signals of its mask into `tmp`, then `put` copies
 * the bytes read to the guest (false: EFAULT). With none pending it waits (unless O_NONBLOCK) for one;
 * a handled signal outside the mask ends the wait with EINTR, or restarts it under SA_RESTART
 * (-ERESTARTSYS), but one of the mask that arrives unblocked is read rather than delivered, since
 * signalfd_dequeue looks for a signal again before it checks for a pending one.
 */
function readSignals(t: Task, d: SignalFd, tmp: Uint8Array, put: (n: number) => boolean): SyscallResult {
  const who = callerOf(t);
  const take = (): number => {
    const n = d.readFor(who, tmp);
    return n <= 0 || put(n) ? n : -E.EFAULT;
  };
  const n = take();
  if (n !== WOULD_BLOCK) return n;
  t.block({
    ready: () => d.pendingFor(who),
    result: () => {
      const r = take();
      return r === WOULD_BLOCK ? WAIT_MORE : r;
    },
    partial: () => {
      const r = take();
      return r === WOULD_BLOCK ? null : r;
    },
  });
  return NO_RESULT;
}

/**
 * pread/pwrite/preadv/pwritev's checks before the access ones, in ksys_pread64's order: a negative
 * position, the fd, then ESPIPE for a file without positional I/O (a pipe, socket or terminal). 0
 * when they pass.
 */
/**
 * preadv2/pwritev2's RWF_* flags: RWF_SUPPORTED of current Linux (HIPRI, DSYNC, SYNC, NOWAIT, APPEND,
 * NOAPPEND, ATOMIC, DONTCACHE, NOSIGNAL).
 */
const RWF_APPEND = 0x10,
  RWF_NOAPPEND = 0x20,
  RWF_ATOMIC = 0x40,
  RWF_DONTCACHE = 0x80,
  RWF_SUPPORTED = 0x1ff;

/**
 * kiocb_set_rw_flags' checks of preadv2/pwritev2's flags, made once the length is known not to be 0:
 * unknown bits are EOPNOTSUPP, APPEND with NOAPPEND EINVAL, ATOMIC EOPNOTSUPP (reads never have it;
 * writes only with O_DIRECT on a file system that supports it, which no descriptor here is), and so
 * is DONTCACHE (only some file systems have it). HIPRI, DSYNC, SYNC and NOSIGNAL change nothing the
 * guest can see here (NOSIGNAL: a broken pipe still raises SIGPIPE); NOWAIT is accepted and the
 * I/O done as without it (a difference for a pipe or socket with nothing ready: Linux says EAGAIN).
 */
function rwfCheck(flags: number): number {
  if (flags === 0) return 0;
  if (flags & ~RWF_SUPPORTED) return -E.EOPNOTSUPP;
  if (flags & RWF_APPEND && flags & RWF_NOAPPEND) return -E.EINVAL;
  return flags & (RWF_ATOMIC | RWF_DONTCACHE) ? -E.EOPNOTSUPP : 0;
}

function positionalCheck(t: Task, fd: number, pos: number): number {
  if (pos < 0) return -E.EINVAL;
  const d = t.fds.get(fd);
  if (!d) return -E.EBADF;
  return d.positional() ? 0 : -E.ESPIPE;
}

export function doRead(t: Task, fd: number, buf: number, count: number, pos: number | null): SyscallResult {
  if (pos !== null) {
    const e = positionalCheck(t, fd, pos);
    if (e) return e;
  }
  const d = t.fds.get(fd);
  if (!d) return -E.EBADF;
  if (!d.canRead()) return -E.EBADF;
  const job = d.terminal ? ttyJobControl(t, d, SIGTTIN) : null;
  if (job !== null) return job;
  const n0 = Math.min(count, 16 << 20);
  if (n0 > 0 && (t.as.ramOffset(buf, PROT_WRITE) < 0 || t.as.ramOffset(buf + n0 - 1, PROT_WRITE) < 0)) return -E.EFAULT;
  const tmp = new Uint8Array(n0);
  if (d instanceof SignalFd) return readSignals(t, d, tmp, (n) => t.as.write(buf, tmp.subarray(0, n)));
  t.sharedFiles.beforeRead(d);
  const n = d.read(tmp, pos);
  if (n < 0) return blockRead(t, n, d);
  if (n > 0) d.notify?.accessed();
  if (!t.as.write(buf, tmp.subarray(0, n))) return -E.EFAULT;
  return n;
}

/** After `d.write(data, pos)` wrote n > 0 bytes: its file's shared mappings show them (seekable files), inotify hears IN_MODIFY. */
function wroteFile(t: Task, d: FileDesc, pos: number | null, data: Uint8Array, n: number): void {
  if (n <= 0) return;
  t.sharedFiles.written(d, pos ?? d.pos - n, data.subarray(0, n));
  d.notify?.modified();
}

/** SIGPIPE for the writing thread (queued directly when it is not running: it is delivered as it resumes). */
function sigpipe(t: Task, th: Thread): void {
  const si = { signo: SIGPIPE, code: SI_USER, pid: t.pid, uid: t.host.uid ?? 0 };
  if (th === t.thread) t.queueSignal(si, th);
  else if (!th.pending.some((p) => p.signo === SIGPIPE)) th.pending.push(si);
}

/**
 * write(2) to a description: what it takes now; a blocking pipe write that does not fit waits
 * for room and goes on where it stopped (Linux's pipe_write; a host FIFO too, asking the host again), returning the whole count, or what
 * it wrote before a signal handler interrupted it, or EPIPE (with SIGPIPE) if the readers go.
 */
export function doWrite(t: Task, fd: number, data: Uint8Array | null, pos: number | null): SyscallResult {
  if (pos !== null) {
    const e = positionalCheck(t, fd, pos);
    if (e) return e;
  }
  const d = t.fds.get(fd);
  if (!d) return -E.EBADF;
  if (!d.canWrite()) return -E.EBADF;
  if (!data) return -E.EFAULT;
  const job = d.terminal ? ttyWriteJobControl(t, d, SIGTTOU) : null;
  if (job !== null) return job;
  const th = t.thread;
  const n = d.write(data, pos);
  wroteFile(t, d, pos, data, n);
  if (n === -E.EPIPE) sigpipe(t, th);
  // a pipe, or a FIFO of the host's (whose room only a write finds out: it waits, polling, and goes on)
  const pipe = d instanceof PipeEnd || d instanceof HostFifo;
  if (n !== WOULD_BLOCK && (n < 0 || n === data.length || !pipe || d.flags & O.NONBLOCK)) return n;
  let done = Math.max(0, n);
  if (!pipe) return blockAgain(t, d, () => d.writable(), d instanceof Socket ? d.opts.sndTimeoNs : 0n);
  t.block({
    ready: () => (d instanceof PipeEnd ? d.roomFor(data.length - done) : d.writable()),
    recheckNs: d.recheckNs ?? undefined,
    result: () => {
      const r = d.write(data.subarray(done));
      if (r === WOULD_BLOCK) return WAIT_MORE;
      if (r < 0) {
        if (r === -E.EPIPE) sigpipe(t, th);
        return done > 0 ? done : r;
      }
      done += r;
      return done === data.length ? done : WAIT_MORE;
    },
    partial: () => (done > 0 ? done : null),
  });
  return NO_RESULT;
}

/**
 * The host's network interfaces (name, ifindex) as Linux lists them in /sys/class/net, which
 * qemu-user's guest sees through the host's own ioctls; none on a host without that directory.
 */
function hostInterfaces(t: Task): Array<{ name: string; index: number }> {
  const fs = t.host.fs;
  const ents = fs.readdir("/sys/class/net");
  if (typeof ents === "number") return [];
  const out: Array<{ name: string; index: number }> = [];
  const buf = new Uint8Array(32);
  for (const e of ents) {
    if (e.name === "." || e.name === "..") continue;
    const h = fs.open(`/sys/class/net/${e.name}/ifindex`, O.RDONLY, 0);
    if (h < 0) continue;
    const n = fs.read(h, buf, 0);
    fs.close(h);
    const index = n > 0 ? parseInt(new TextDecoder().decode(buf.subarray(0, n)), 10) : NaN;
    if (Number.isInteger(index)) out.push({ name: e.name, index });
  }
  return out;
}

export function ioSyscalls(L: AbiLayouts) {
  const IOV = L.iovec;
  /** The ABI's O_* flags to and from the generic values the handlers use. */
  const flagsIn = (f: number) => (L.openFlags ? L.openFlags.toGeneric(f) : f);
  const flagsOut = (f: number) => (L.openFlags ? L.openFlags.fromGeneric(f) : f);
  const polls = pollSyscalls(L);

  function iovecs(t: Task, addr: number, n: number): Array<[number, number]> | null {
    if (n < 0 || n > 1024) return null;
    const b = t.as.read(addr, IOV.size * n);
    if (!b) return null;
    const r: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      const v = IOV.view(b.subarray(IOV.size * i));
      r.push([v.get("iov_base"), v.get("iov_len")]);
    }
    return r;
  }

  /** An iov_len is a size_t read as ssize_t: a "negative" one is EINVAL (Linux's iovec import). */
  const maxIovLen = L.wordBytes === 4 ? 0x7fffffff : Number.MAX_SAFE_INTEGER;

  /**
   * readv/preadv: one read of the whole length, scattered over the buffers (Linux's iov_iter), so a
   * pipe holding exactly the first buffer's worth returns it rather than waiting for more, and a
   * datagram socket gives one datagram.
   */
  function doReadv(t: Task, fd: number, iovAddr: number, cnt: number, pos: number | null, rwf = 0): SyscallResult {
    if (pos !== null) {
      const e = positionalCheck(t, fd, pos);
      if (e) return e;
    }
    const iov = iovecs(t, iovAddr, cnt);
    if (!iov) return cnt < 0 || cnt > 1024 ? -E.EINVAL : -E.EFAULT;
    if (iov.some(([, len]) => len > maxIovLen)) return -E.EINVAL;
    const d = t.fds.get(fd);
    if (!d) return -E.EBADF;
    if (!d.canRead()) return -E.EBADF;
    const job = d.terminal ? ttyJobControl(t, d, SIGTTIN) : null;
    if (job !== null) return job;
    let want = 0;
    for (const [base, len] of iov) {
      if (len === 0) continue;
      if (t.as.ramOffset(base, PROT_WRITE) < 0 || t.as.ramOffset(base + len - 1, PROT_WRITE) < 0) return -E.EFAULT;
      want += len;
    }
    if (want === 0) return 0;
    const ef = rwfCheck(rwf);
    if (ef) return ef;
    const tmp = new Uint8Array(Math.min(want, 16 << 20));
    const scatter = (n: number): boolean => {
      let off = 0;
      for (const [base, len] of iov) {
        if (off >= n) break;
        const k = Math.min(len, n - off);
        if (k > 0 && !t.as.write(base, tmp.subarray(off, off + k))) return false;
        off += k;
      }
      return true;
    };
    if (d instanceof SignalFd) return readSignals(t, d, tmp, scatter);
    t.sharedFiles.beforeRead(d);
    const n = d.read(tmp, pos);
    if (n < 0) return blockRead(t, n, d);
    if (n > 0) d.notify?.accessed();
    return scatter(n) ? n : -E.EFAULT;
  }

  function doWritev(t: Task, fd: number, iovAddr: number, cnt: number, pos: number | null, rwf = 0): SyscallResult {
    if (pos !== null) {
      const e = positionalCheck(t, fd, pos);
      if (e) return e;
    }
    const iov = iovecs(t, iovAddr, cnt);
    if (!iov) return cnt < 0 || cnt > 1024 ? -E.EINVAL : -E.EFAULT;
    if (iov.some(([, len]) => len > maxIovLen)) return -E.EINVAL;
    // Gather into one buffer so a pipe or terminal sees a single write, like the kernel.
    const parts: Uint8Array[] = [];
    for (const [base, len] of iov) {
      if (len === 0) continue;
      const b = t.as.read(base, len);
      if (!b) return -E.EFAULT;
      parts.push(b);
    }
    const all = concat(parts);
    if (all.length === 0) return t.fds.get(fd) ? 0 : -E.EBADF;
    const ef = rwfCheck(rwf);
    if (ef) return ef;
    if (rwf & RWF_APPEND) {
      // IOCB_APPEND: at the end of a regular file; pwritev2 leaves the file position where it was
      const d = t.fds.get(fd);
      const st = d?.stat();
      if (d && st && typeof st !== "number" && (st.mode & 0o170000) === 0o100000) {
        if (pos === null) d.seek(0, 2);
        else pos = Number(st.size);
      }
    }
    return doWrite(t, fd, all, pos);
  }

  /**
   * vmsplice(fd, iov, nr_segs, flags): into a pipe from the buffers (its write end) or, as Linux
   * also permits, out of it into them (its read end). Into: what fits now (wait_for_space, then
   * iter_to_pipe: possibly short), EPIPE and SIGPIPE without readers, EAGAIN on a full pipe under
   * SPLICE_F_NONBLOCK or O_NONBLOCK. Out of: like a read, but only SPLICE_F_NONBLOCK makes an empty
   * pipe EAGAIN (vmsplice_to_user ignores O_NONBLOCK). The bytes are copied (Linux maps the pages:
   * a guest changing them afterwards changes what the reader gets there, not here). A FIFO the
   * host provides takes writev/readv; any other file is EBADF.
   */
  function vmsplice(t: Task, fd: number, iovAddr: number, cnt: number, flags: number): SyscallResult {
    if (flags & ~SPLICE_F_ALL) return -E.EINVAL;
    const d = t.fds.get(fd);
    if (!d) return -E.EBADF;
    const toPipe = d.canWrite();
    if (!toPipe && !d.canRead()) return -E.EBADF;
    const iov = iovecs(t, iovAddr, cnt);
    if (!iov) return cnt > 1024 ? -E.EINVAL : -E.EFAULT;
    if (iov.some(([, len]) => len > maxIovLen)) return -E.EINVAL;
    const total = iov.reduce((n, [, len]) => n + len, 0);
    if (total === 0) return 0;
    if (!(d instanceof PipeEnd)) {
      if (!isFifo(d)) return -E.EBADF;
      return toPipe ? doWritev(t, fd, iovAddr, cnt, null) : doReadv(t, fd, iovAddr, cnt, null);
    }
    const b = d.buf;
    const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0 || (toPipe && (d.flags & O.NONBLOCK) !== 0);
    const wait = pipeWait(t, toPipe ? null : d, toPipe ? d : null, nonblock);
    if (wait !== null) return wait;
    let done = 0;
    if (toPipe) {
      let left = Math.min(total, b.room);
      for (const [base, len] of iov) {
        const k = Math.min(len, left);
        if (k === 0) continue;
        const chunk = t.as.read(base, k);
        if (!chunk) break;
        b.push(chunk);
        done += k;
        left -= k;
      }
    } else {
      if (b.size === 0) return 0;
      const data = new Uint8Array(Math.min(total, b.size));
      b.peek(data);
      for (const [base, len] of iov) {
        const k = Math.min(len, data.length - done);
        if (k === 0) continue;
        if (!t.as.write(base, data.subarray(done, done + k))) break;
        done += k;
      }
      b.consume(done);
    }
    return done > 0 ? done : -E.EFAULT;
  }

  /** open of `path` at `dirfd`; `hostPath`: `path` is a host path already resolved (openat2), not a guest one. */
  function doOpen(t: Task, dirfd: number, path: string, flags: number, mode: number, depth = 0, hostPath = false): SyscallResult {
    const fs = t.host.fs;
    if (path === "") return -E.ENOENT; // getname: open has no AT_EMPTY_PATH
    if (flags & O.TMPFILE & ~O.DIRECTORY) {
      // build_open_flags: O_TMPFILE is __O_TMPFILE with O_DIRECTORY, without O_CREAT, for writing
      if ((flags & (O.TMPFILE | O.CREAT)) !== O.TMPFILE || (flags & O.ACCMODE) === O.RDONLY) return -E.EINVAL;
      const hp = hostPath ? path : resolvePath(t, dirfd, path, true);
      if (typeof hp === "number") return hp;
      return openTmpfile(t, hp, flags, mode);
    }
    if (path.startsWith("/")) {
      const node = procNode(t, path);
      // a path through a descriptor's magic link (/proc/self/fd/N/name: N a directory) is walked
      if (node?.kind === "link" && node.target() === -E.ENOTDIR && depth < 8) {
        const hp = resolveOpenHow(t, AT_FDCWD, path, flags, 0);
        return typeof hp === "number" ? hp : doOpen(t, AT_FDCWD, hp, flags, mode, depth + 1, true);
      }
      if (node) return openProcNode(t, node, path, flags, mode, depth);
    }
    const hp = hostPath ? path : resolvePath(t, dirfd, path, true);
    if (typeof hp === "number") return hp;
    let hflags = flags & ~(O.CLOEXEC | O.PATH | O.LARGEFILE);
    if (flags & O.PATH) hflags = (hflags & ~O.ACCMODE) | O.RDONLY;
    const pre = fs.stat(hp, !(flags & O.NOFOLLOW));
    // A FIFO on the host: opened non-blocking there, its waits made by the kernel (HostFifo)
    if (typeof pre !== "number" && (pre.mode & S_IFMT) === S_IFIFO && !(flags & O.PATH)) return openHostFifo(t, hp, flags, pre.mode);
    // A named pipe's placeholder is not truncated (Linux ignores O_TRUNC on a FIFO).
    if (t.namedPipes.size && t.namedPipes.find(pre)) hflags &= ~O.TRUNC;
    // whether O_CREAT makes the file (IN_CREATE), asked only while inotify watches something
    const creates = (flags & O.CREAT) !== 0 && (!t.fsnotify.active || typeof fs.stat(hp, false) === "number");
    let h = fs.open(hp, hflags, mode & ~t.umask & 0o7777);
    // O_PATH needs no access to the file, and with O_NOFOLLOW it names a final symlink itself: a
    // description of the path alone (the host's open refused EACCES, or ELOOP for the link)
    if (flags & O.PATH && (h === -E.EACCES || (h === -E.ELOOP && flags & O.NOFOLLOW))) {
      const st = fs.stat(hp, !(flags & O.NOFOLLOW));
      if (typeof st === "number") return st;
      if (h === -E.ELOOP && (st.mode & S_IFMT) !== S_IFLNK) return h;
      h = -1;
    }
    if (h < 0 && h !== -1) return h;
    const st = h >= 0 ? fs.fstat(h) : fs.stat(hp, !(flags & O.NOFOLLOW));
    const named = h >= 0 && !(flags & O.PATH) ? t.namedPipes.find(st) : null;
    if (named) return openFifo(t, named, h, hp, flags, t.namedPipes.stat(st), creates);
    const m = typeof st === "number" ? 0 : st.mode;
    const d = new HostFile(fs, h, (flags & ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE, hp, m);
    if (h >= 0 && d.isatty()) d.terminal = t.terminal;
    if (!(flags & O.PATH)) t.fsnotify.opened(d, hp, st, flags, creates);
    return installNew(t, d, flags);
  }

  /**
   * open() of a named pipe (fifo_open): its end now, or once the other side opens (a reader waits
   * for a writer, a writer for a reader, as the kernel's wait machinery parks blocking pipe reads);
   * a signal ends the wait (the end is dropped) and the call restarts or fails with EINTR.
   */
  function openFifo(
    t: Task,
    node: NamedNode,
    h: number,
    hp: string,
    flags: number,
    st: HostStat | number,
    creates: boolean,
  ): SyscallResult {
    const r = t.namedPipes.open(node, t.host.fs, h, hp, flags | O.LARGEFILE);
    if (typeof r === "number") return r;
    const { end, wait } = r;
    t.fsnotify.opened(end, hp, st, flags & ~O.TRUNC, creates);
    if (!wait) return installNew(t, end, flags);
    return installWhen(t, end, flags, () => end.partnerCame());
  }

  /** fifo_open's wait for the other end: description d is held meanwhile (a signal or the thread's end drops it), installed when ready. */
  function installWhen(t: Task, d: FileDesc, flags: number, ready: () => boolean, recheckNs?: bigint): SyscallResult {
    d.refs++;
    t.block({
      ready,
      result: () => {
        d.refs--;
        return installNew(t, d, flags);
      },
      cancel: () => d.put(),
      recheckNs,
    });
    return NO_RESULT;
  }

  /**
   * open() of a FIFO the host has (HostFifo): the host's open is non-blocking, and fifo_open's waits
   * are the kernel's, asking the host again while other threads run: a writer without O_NONBLOCK
   * waits for a reader (the host's ENXIO), a reader without it for a writer (seen as data or
   * EAGAIN from a read ahead); a signal ends the wait (EINTR or a restart).
   */
  function openHostFifo(t: Task, hp: string, flags: number, mode: number): SyscallResult {
    const fs = t.host.fs;
    const hflags = (flags & ~(O.CLOEXEC | O.LARGEFILE | O.CREAT | O.EXCL | O.TRUNC)) | O.NONBLOCK;
    const make = (h: number) =>
      new HostFifo(fs, h, (flags & ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE, hp, mode, () =>
        t.host.monotonicNs(),
      );
    const acc = flags & O.ACCMODE;
    let h = fs.open(hp, hflags, 0);
    if (h === -E.ENXIO && acc === O.WRONLY && !(flags & O.NONBLOCK)) {
      t.block({
        ready: () => (h = fs.open(hp, hflags, 0)) !== -E.ENXIO,
        result: () => (h < 0 ? h : installNew(t, make(h), flags)),
        cancel: () => void (h >= 0 && fs.close(h)),
        recheckNs: POLL_NS,
      });
      return NO_RESULT;
    }
    if (h < 0) return h;
    const d = make(h);
    if (d.writerCame()) return installNew(t, d, flags);
    return installWhen(t, d, flags, () => d.writerCame(), POLL_NS);
  }

  /**
   * open(dir, O_TMPFILE): an unnamed regular file in directory `hp`. A host that has Linux's
   * O_TMPFILE does it (HostFs.openTmpfile: no name is ever visible, and the host's file system
   * gives its own answer where it has no O_TMPFILE, as Linux would); elsewhere (an in-memory file
   * system, a host OS without O_TMPFILE) a new name in the directory is created exclusively and
   * unlinked at once, which is what glibc's tmpfile() and Python's tempfile fall back to anyway:
   * the same file for the guest, only briefly visible to others. Its path is Linux's name for it,
   * "DIR/#INO", which /proc shows " (deleted)"; reopening it there is not supported (ENOENT).
   */
  function openTmpfile(t: Task, hp: string, flags: number, mode: number): number {
    const fs = t.host.fs;
    const hflags = flags & ~(O.CLOEXEC | O.LARGEFILE | O.TMPFILE);
    const m = mode & ~t.umask & 0o7777;
    let h: number;
    if (fs.openTmpfile) h = fs.openTmpfile(hp, hflags, m);
    else {
      do {
        const name = `${hp}/.#tmpfile-${Array.from(t.host.randomBytes(6), (b) => b.toString(16).padStart(2, "0")).join("")}`;
        h = fs.open(name, hflags | O.CREAT | O.EXCL, m);
        if (h >= 0) fs.unlink(name);
      } while (h === -E.EEXIST);
    }
    if (h < 0) return h;
    const st = fs.fstat(h);
    if (typeof st === "number") {
      fs.close(h);
      return st;
    }
    // F_GETFL shows O_TMPFILE as Linux keeps it in f_flags
    const d = new HostFile(fs, h, (flags & ~O.CLOEXEC) | O.LARGEFILE, `${hp}/#${st.ino}`, st.mode);
    t.fsnotify.opened(d, d.path!, st, flags, false); // reported in the directory by that name, as Linux
    return installNew(t, d, flags);
  }

  function installNew(t: Task, d: FileDesc, flags: number): number {
    const fd = t.fds.install(d, (flags & O.CLOEXEC) !== 0);
    if (fd < 0 && d.refs === 0) d.release();
    return fd;
  }

  /** open() of a /proc node: made-up contents, a directory listing, a link followed, or an fd reopened. */
  function openProcNode(t: Task, node: ProcNode, path: string, flags: number, mode: number, depth: number): SyscallResult {
    const acc = flags & O.ACCMODE;
    // F_GETFL: the open's flags, with O_LARGEFILE as Linux forces it (qemu on a 64-bit host too)
    const fileFlags = (flags & ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE;
    switch (node.kind) {
      case "file": {
        if (acc !== O.RDONLY) return -E.EACCES;
        if (flags & O.DIRECTORY) return -E.ENOTDIR;
        const d = new SyntheticFile(node.data());
        d.flags = fileFlags;
        return installNew(t, d, flags);
      }
      case "dir": {
        if (acc !== O.RDONLY) return -E.EISDIR;
        const d = new SyntheticDir(path, node.entries);
        d.flags = fileFlags;
        return installNew(t, d, flags);
      }
      case "device": {
        const d = node.open((flags & ~(O.CREAT | O.EXCL | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE);
        return typeof d === "number" ? d : installNew(t, d, flags);
      }
      case "link": {
        const target = node.target();
        if (typeof target === "number") return target;
        if (flags & O.NOFOLLOW && !(flags & O.PATH)) return -E.ELOOP;
        if (depth > 8) return -E.ELOOP;
        // Relative targets are within /proc (self -> <pid>); absolute ones are host paths (exe, cwd).
        const next = linkTargetPath(path, target);
        return doOpen(t, AT_FDCWD, next, flags, mode, depth + 1);
      }
      case "fd": {
        const d = node.files.get(node.fd);
        if (!d) return -E.ENOENT;
        // A named pipe is opened again by its name, as fifo_open (while the name is there).
        if (d instanceof FifoEnd && d.path) return doOpen(t, AT_FDCWD, d.path, flags, mode, depth + 1);
        if (d instanceof PipeEnd) {
          if (acc === O.RDWR) return -E.EINVAL;
          return installNew(t, new PipeEnd(d.buf, acc === O.WRONLY, flags), flags);
        }
        if ((d instanceof HostFile || d instanceof PtySlave) && d.path) return doOpen(t, AT_FDCWD, d.path, flags, mode, depth + 1);
        // a memfd: another description of the same file
        if (d instanceof MemFile)
          return installNew(t, new MemFile(d.inode, (flags & ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE), flags);
        // A terminal or in-memory stream: the same description again.
        return t.fds.install(d, (flags & O.CLOEXEC) !== 0);
      }
    }
  }

  function fcntl(t: Task, fd: number, cmd: number, arg: number, argPtr: number): SyscallResult {
    const d = t.fds.get(fd);
    if (!d) return -E.EBADF;
    switch (cmd) {
      case 0: // F_DUPFD
      case 1030: // F_DUPFD_CLOEXEC
        if (arg < 0 || arg >= t.fds.limit) return -E.EINVAL;
        return t.fds.install(d, cmd === 1030, arg);
      case 1: // F_GETFD
        return t.fds.cloexec(fd) ? 1 : 0;
      case 2: // F_SETFD
        t.fds.setCloexec(fd, (arg & 1) !== 0);
        return 0;
      case 3: // F_GETFL
        return flagsOut(d.flags);
      case 4: {
        // F_SETFL: only O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME change
        const mask = O.APPEND | O.NONBLOCK | O.ASYNC | O.DIRECT | O.NOATIME;
        d.flags = (d.flags & ~mask) | (flagsIn(arg) & mask);
        return 0;
      }
      case F_GETLK:
      case F_SETLK:
      case F_SETLKW:
        return fcntlLock(t, d, cmd, argPtr, L.flock);
      case F_OFD_GETLK:
      case F_OFD_SETLK:
      case F_OFD_SETLKW:
        return fcntlLock(t, d, cmd, argPtr, L.flock64);
      case 1031: {
        // F_SETPIPE_SZ (pipe_set_size): a power-of-two number of pages, at least one, at most 2 GiB
        // (EINVAL); growing past 1 MiB (pipe-max-size) needs CAP_SYS_RESOURCE (EPERM)
        if (!(d instanceof PipeEnd)) return -E.EBADF;
        const want = arg >>> 0;
        if (want > 2 ** 31) return -E.EINVAL;
        let size = 4096;
        while (size < want) size *= 2;
        if (size > d.buf.capacity && size > 1 << 20 && !hasCap(t.caps, CAP_SYS_RESOURCE)) return -E.EPERM;
        if (size < d.buf.size) return -E.EBUSY;
        d.buf.capacity = size;
        return size;
      }
      case 8: // F_SETOWN: no SIGIO/SIGURG is ever sent, so the owner is accepted and not kept
      case 9: // F_GETOWN
      case 11: // F_GETSIG
        return 0;
      case 10: // F_SETSIG
        return arg < 0 || arg > 64 ? -E.EINVAL : 0;
      case 1032: // F_GETPIPE_SZ
        return d instanceof PipeEnd ? d.buf.capacity : -E.EBADF;
      case 1033: // F_ADD_SEALS: memfds only (other files have no seals: EINVAL)
        return d instanceof MemFile ? d.inode.addSeals(arg >>> 0, d.canWrite()) : -E.EINVAL;
      case 1034: // F_GET_SEALS
        return d instanceof MemFile ? d.inode.seals : -E.EINVAL;
    }
    return -E.EINVAL;
  }

  function ioctl(t: Task, fd: number, req: number, arg: number): SyscallResult {
    const d = t.fds.get(fd);
    if (!d) return -E.EBADF;
    switch (req) {
      case 0x5401: {
        // TCGETS: a line-discipline device's settings, or a host terminal's defaults (stty sane)
        if (!d.isatty()) return -E.ENOTTY;
        const tio = ldisc(d)?.termios ?? defaultTermios();
        const b = L.termios.alloc();
        b.set("c_iflag", tio.iflag).set("c_oflag", tio.oflag).set("c_cflag", tio.cflag).set("c_lflag", tio.lflag);
        const cc = L.termios.offsetOf("c_cc");
        b.bytes.set(tio.cc.subarray(0, Math.min(tio.cc.length, L.termios.size - cc)), cc);
        return t.as.write(arg, b.bytes) ? 0 : -E.EFAULT;
      }
      case 0x5402: // TCSETS
      case 0x5403: // TCSETSW
      case 0x5404: {
        // TCSETSF
        if (!d.isatty()) return -E.ENOTTY;
        const job = ttyJobControl(t, d, SIGTTOU);
        if (job !== null) return job;
        const l = ldisc(d);
        if (!l) return 0; // the host's terminal keeps its own settings
        const raw = t.as.read(arg, L.termios.size);
        if (!raw) return -E.EFAULT;
        const v = L.termios.view(raw);
        const cc = L.termios.offsetOf("c_cc");
        l.termios = {
          iflag: v.low32("c_iflag"),
          oflag: v.low32("c_oflag"),
          cflag: v.low32("c_cflag"),
          lflag: v.low32("c_lflag"),
          cc: raw.slice(cc, cc + 19),
        };
        if (req === 0x5404) l.flushInput();
        return 0;
      }
      case 0x5414: {
        // TIOCSWINSZ
        const pty = d instanceof PtySlave || d instanceof PtyMaster ? d.pty : null;
        if (!(d instanceof Tty) && !pty) return d.isatty() ? 0 : -E.ENOTTY;
        const w = t.as.read(arg, WINSIZE.size);
        if (!w) return -E.EFAULT;
        const v = WINSIZE.view(w);
        if (pty) pty.resize(v.get("ws_row"), v.get("ws_col"), v.get("ws_xpixel"), v.get("ws_ypixel"));
        else (d as Tty).resize(v.get("ws_row"), v.get("ws_col"));
        return 0;
      }
      case 0x5413: {
        // TIOCGWINSZ
        const ws = d.winsize();
        if (!ws) return -E.ENOTTY;
        const b = WINSIZE.alloc()
          .set("ws_row", ws.rows)
          .set("ws_col", ws.cols)
          .set("ws_xpixel", ws.xpixel ?? 0)
          .set("ws_ypixel", ws.ypixel ?? 0);
        return t.as.write(arg, b.bytes) ? 0 : -E.EFAULT;
      }
      case 0x540f: // TIOCGPGRP: the terminal's foreground process group
        if (!d.isatty()) return -E.ENOTTY;
        // a pseudo-terminal's (tiocgpgrp): from its slave only for the session it is the terminal of; 0 for none
        if (d instanceof PtySlave || d instanceof PtyMaster) {
          if (d instanceof PtySlave && d.terminal!.sid !== t.sid) return -E.ENOTTY;
          return putU32(t, arg, d.terminal!.pgrp) ? 0 : -E.EFAULT;
        }
        return putU32(t, arg, d.terminal?.pgrp || t.pgid) ? 0 : -E.EFAULT;
      case 0x5410: {
        // TIOCSPGRP (tcsetpgrp); a pseudo-terminal must be the caller's controlling terminal (tiocspgrp)
        if (!d.isatty()) return -E.ENOTTY;
        if ((d instanceof PtySlave || d instanceof PtyMaster) && d.terminal!.sid !== t.sid) return -E.ENOTTY;
        const job = ttyJobControl(t, d, SIGTTOU);
        if (job !== null) return job === -E.EIO ? -E.ENOTTY : job; // tiocspgrp
        const pg = getU32(t, arg);
        if (pg === null) return -E.EFAULT;
        if ((pg | 0) < 0) return -E.EINVAL;
        if (d.terminal) d.terminal.pgrp = pg | 0;
        return 0;
      }
      case 0x5429: // TIOCGSID
        if (!d.isatty()) return -E.ENOTTY;
        // a pseudo-terminal's (tiocgsid): ENOTTY from its slave but for its session, and when no session has it
        if (d instanceof PtySlave && d.terminal!.sid !== t.sid) return -E.ENOTTY;
        if (d instanceof PtyMaster && !d.terminal!.sid) return -E.ENOTTY;
        return putU32(t, arg, d.terminal?.sid || t.sid) ? 0 : -E.EFAULT;
      case 0x540e: {
        // TIOCSCTTY (tiocsctty): a session leader without one takes a pseudo-terminal no session has
        if (!d.isatty()) return -E.ENOTTY;
        if (!(d instanceof PtySlave || d instanceof PtyMaster)) return 0;
        const term = d.terminal!;
        if (t.pid === t.sid && term.sid === t.sid) return 0;
        if (t.pid !== t.sid || t.ptys.sessionHasTerminal(t.sid)) return -E.EPERM;
        if (term.sid !== 0 && !(arg === 1 && hasCap(t.caps, CAP_SYS_ADMIN))) return -E.EPERM; // stealing it
        term.sid = t.sid;
        term.pgrp = t.pgid;
        return 0;
      }
      case 0x5422: // TIOCNOTTY
        return d.isatty() ? 0 : -E.ENOTTY;
      case 0x5409: // TCSBRK (tcdrain, tcsendbreak): output is never pending, no line to break
      case 0x5425: // TCSBRKP
        if (!d.isatty()) return -E.ENOTTY;
        return ttyJobControl(t, d, SIGTTOU) ?? 0;
      case 0x540a: {
        // TCXONC (tcflow): on the master, TCIOFF/TCION are the slave's input; its own output never stops
        if (!d.isatty()) return -E.ENOTTY;
        const job = ttyJobControl(t, d, SIGTTOU);
        if (job !== null) return job;
        if (arg >>> 0 > 3) return -E.EINVAL;
        if (d instanceof PtyMaster) {
          if (arg >= 2) d.pty.tty.input(Uint8Array.of(d.pty.tty.termios.cc[arg === 2 ? 9 : 8]));
          return 0;
        }
        return ldisc(d)?.flow(arg) ?? 0;
      }
      case 0x540b: {
        // TCFLSH (tcflush): TCIFLUSH (0), TCOFLUSH (1), TCIOFLUSH (2); output is never pending
        if (!d.isatty()) return -E.ENOTTY;
        const job = ttyJobControl(t, d, SIGTTOU);
        if (job !== null) return job;
        if (arg >>> 0 > 2) return -E.EINVAL;
        if (arg !== 1) {
          if (d instanceof PtyMaster) d.pty.flushMaster();
          else ldisc(d)?.flushInput();
        }
        return 0;
      }
      case 0x80045430: // TIOCGPTN: the pair's number (the master's only)
        if (!(d instanceof PtyMaster)) return -E.ENOTTY;
        return putU32(t, arg, d.pty.index) ? 0 : -E.EFAULT;
      case 0x40045431: {
        // TIOCSPTLCK: unlockpt (0) or lock again
        if (!(d instanceof PtyMaster)) return -E.ENOTTY;
        const v = getU32(t, arg);
        if (v === null) return -E.EFAULT;
        d.pty.locked = v !== 0;
        return 0;
      }
      case 0x80045439: // TIOCGPTLCK
        if (!(d instanceof PtyMaster)) return -E.ENOTTY;
        return putU32(t, arg, d.pty.locked ? 1 : 0) ? 0 : -E.EFAULT;
      case 0x5441: {
        // TIOCGPTPEER: the slave opened from its master (arg: open flags), as if by name
        if (!(d instanceof PtyMaster)) return -E.ENOTTY;
        const flags = flagsIn(arg);
        const s = d.pty.openSlave(t, flags | O.LARGEFILE);
        return typeof s === "number" ? s : installNew(t, s, flags);
      }
      case 0x8933: // SIOCGIFINDEX: struct ifreq { char ifr_name[16]; int ifr_ifindex; ... }
      case 0x8910: {
        // SIOCGIFNAME: the index's name. On any socket (dev_ioctl); ENODEV for no such interface.
        if (!(d instanceof Socket)) return -E.ENOTTY;
        const req20 = t.as.read(arg, 20);
        if (!req20) return -E.EFAULT;
        const ifs = hostInterfaces(t);
        if (req === 0x8933) {
          const end = req20.subarray(0, 16).indexOf(0);
          const name = new TextDecoder().decode(req20.subarray(0, end < 0 ? 16 : end));
          const i = ifs.find((x) => x.name === name);
          if (!i) return -E.ENODEV;
          const b = new Uint8Array(4);
          new DataView(b.buffer).setInt32(0, i.index, true);
          return t.as.write(arg + 16, b) ? 0 : -E.EFAULT;
        }
        const index = new DataView(req20.buffer, req20.byteOffset).getInt32(16, true);
        const i = ifs.find((x) => x.index === index);
        if (!i) return -E.ENODEV;
        const b = new Uint8Array(16);
        b.set(new TextEncoder().encode(i.name).subarray(0, 15));
        return t.as.write(arg, b) ? 0 : -E.EFAULT;
      }
      case 0x541b: {
        // FIONREAD: a regular file's bytes after the position (Linux's do_vfs_ioctl)
        let n = d instanceof PipeEnd ? d.buf.size : d instanceof Socket ? d.inq() : d instanceof InotifyFile ? d.pendingBytes : 0;
        if (d instanceof PtyMaster) n = d.pty.pending;
        else if (ldisc(d)) n = ldisc(d)!.inputBytes;
        if (d instanceof HostFile && (d.mode & S_IFMT) === S_IFREG) {
          const st = d.stat();
          if (typeof st !== "number") n = Number(st.size) - d.pos;
        }
        if (d instanceof MemFile) n = d.inode.size - d.pos;
        return putU32(t, arg, n) ? 0 : -E.EFAULT;
      }
      case 2: {
        // FIGETBSZ: the file system's block size
        if (d instanceof PipeEnd) return putU32(t, arg, 4096) ? 0 : -E.EFAULT;
        if (!(d instanceof HostFile)) return -E.ENOTTY;
        const st = d.stat();
        if (typeof st === "number") return st;
        return putU32(t, arg, Number(st.blksize)) ? 0 : -E.EFAULT;
      }
      case 0x5421: {
        // FIONBIO
        const v = getU32(t, arg);
        if (v === null) return -E.EFAULT;
        d.flags = v ? d.flags | O.NONBLOCK : d.flags & ~O.NONBLOCK;
        return 0;
      }
      case 0x5451: // FIOCLEX
        t.fds.setCloexec(fd, true);
        return 0;
      case 0x5450: // FIONCLEX
        t.fds.setCloexec(fd, false);
        return 0;
    }
    return -E.ENOTTY;
  }

  const handlers = {
    // counts are size_t: unsigned (0xffffffff on i386 is 4 GiB, not -1)
    read: (t, a) => doRead(t, a.int(0), a.ptr(1), a.ptr(2), null),
    write: (t, a) => doWrite(t, a.int(0), a.ptr(2) === 0 ? new Uint8Array(0) : t.as.read(a.ptr(1), a.ptr(2)), null),
    pread64: (t, a) => doRead(t, a.int(0), a.ptr(1), a.ptr(2), a.long(3)),
    pwrite64: (t, a) => doWrite(t, a.int(0), t.as.read(a.ptr(1), a.ptr(2)), a.long(3)),
    readv: (t, a) => doReadv(t, a.int(0), a.ptr(1), a.int(2), null),
    writev: (t, a) => doWritev(t, a.int(0), a.ptr(1), a.int(2), null),
    /** preadv/pwritev(fd, iov, cnt, pos_l, pos_h): one long on 64-bit ABIs, split on 32-bit (the table's pair). */
    preadv: (t, a) => doReadv(t, a.int(0), a.ptr(1), a.int(2), a.long(3)),
    pwritev: (t, a) => doWritev(t, a.int(0), a.ptr(1), a.int(2), a.long(3)),
    /**
     * preadv2/pwritev2(fd, iov, cnt, pos, flags) (the tables put flags at 4): position -1 is the file
     * position, as readv/writev (do_readv), any other negative one EINVAL; RWF_* flags: rwfCheck.
     */
    preadv2: (t, a) => {
      const pos = a.long(3);
      return doReadv(t, a.int(0), a.ptr(1), a.int(2), pos === -1 ? null : pos, a.int(4));
    },
    pwritev2: (t, a) => {
      const pos = a.long(3);
      return doWritev(t, a.int(0), a.ptr(1), a.int(2), pos === -1 ? null : pos, a.int(4));
    },
    openat: (t, a) => {
      const path = pathArg(t, a, 1);
      if (typeof path === "number") return path;
      return doOpen(t, a.int(0), path, flagsIn(a.int(2)), a.int(3));
    },
    /**
     * openat2(dirfd, path, how, size): sys_openat2's size checks (EINVAL under OPEN_HOW_SIZE_VER0,
     * E2BIG over a page or for a non-zero byte past the struct, copy_struct_from_user), then
     * build_open_flags's (openat2.ts), then the path, walked by resolveOpenHow (which also goes
     * through a directory's /proc/self/fd/N, as openat here does not). QEMU drops the O_* bits it does not know (and the upper 32)
     * before the host sees them and takes any size of zeros; Linux's EINVAL and E2BIG are kept.
     */
    openat2: (t, a) => {
      const size = a.ptr(3);
      if (size < OPEN_HOW_SIZE) return -E.EINVAL;
      if (size > PAGE) return -E.E2BIG;
      const b = t.as.read(a.ptr(2), size);
      if (!b) return -E.EFAULT;
      if (b.subarray(OPEN_HOW_SIZE).some((x) => x !== 0)) return -E.E2BIG;
      const v = new DataView(b.buffer, b.byteOffset, OPEN_HOW_SIZE);
      const flags = flagsIn(v.getUint32(0, true)),
        mode = v.getBigUint64(8, true),
        resolve = v.getBigUint64(16, true);
      const e = checkOpenHow(flags, v.getUint32(4, true), mode, resolve);
      if (e) return e;
      const path = pathArg(t, a, 1);
      if (typeof path === "number") return path;
      const hp = resolveOpenHow(t, a.int(0), path, flags, Number(resolve));
      if (typeof hp === "number") return hp;
      return doOpen(t, AT_FDCWD, hp, flags, Number(mode), 0, true);
    },
    close: (t, a) => t.fds.close(a.int(0)),
    /** memfd_create(name, flags): an anonymous file in memory (src/linux-user/memfd.ts), in mm/memfd.c's order of checks. */
    memfd_create: (t, a) => {
      const flags = a.uint(1);
      const known = MFD.CLOEXEC | MFD.ALLOW_SEALING | MFD.HUGETLB | MFD.NOEXEC_SEAL | MFD.EXEC;
      // with MFD_HUGETLB, a huge page size may be encoded in bits 26..31
      if (flags & ~(flags & MFD.HUGETLB ? known | (0x3f << 26) : known)) return -E.EINVAL;
      if (flags & MFD.EXEC && flags & MFD.NOEXEC_SEAL) return -E.EINVAL;
      // the name: at most MFD_NAME_MAX bytes before its NUL (strnlen_user: a fault is EFAULT)
      const addr = a.ptr(0);
      const name = t.as.readCString(addr, MFD_NAME_MAX + 1);
      if (!name) return t.as.read(addr, MFD_NAME_MAX + 1) ? -E.EINVAL : -E.EFAULT;
      // hugetlbfs is not modelled: Linux without CONFIG_HUGETLBFS says ENOSYS (hugetlb_file_setup)
      if (flags & MFD.HUGETLB) return -E.ENOSYS;
      const host = t.host;
      const inode = new MemInode(t.as.mem, t.as.observer, "memfd:" + bytesToByteString(name), flags, host.uid ?? 0, host.gid ?? 0, () =>
        t.realtimeNs(),
      );
      return installNew(t, new MemFile(inode, O.RDWR | O.LARGEFILE), flags & MFD.CLOEXEC ? O.CLOEXEC : 0);
    },
    /**
     * close_range(first, last, flags): unsigned ints; flags other than CLOSE_RANGE_UNSHARE (2) and
     * CLOSE_RANGE_CLOEXEC (4), or first > last, are EINVAL; CLOEXEC marks the fds close-on-exec
     * instead of closing them. UNSHARE is taken as given: the fd table is the process's.
     */
    close_range: (t, a) => {
      const first = a.uint(0),
        last = a.uint(1),
        flags = a.uint(2);
      if (flags & ~6 || first > last) return -E.EINVAL;
      for (const fd of t.fds.list()) {
        if (fd < first || fd > last) continue;
        if (flags & 4) t.fds.setCloexec(fd, true);
        else t.fds.close(fd);
      }
      return 0;
    },
    lseek: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      // whence past SEEK_HOLE is EINVAL before any file's llseek (ksys_lseek)
      if (a.int(2) >>> 0 > 4) return -E.EINVAL;
      return d.seek(a.long(1), a.int(2));
    },
    dup: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      return t.fds.install(d);
    },
    dup3: (t, a) => {
      const oldfd = a.int(0),
        newfd = a.int(1),
        flags = a.int(2);
      const d = t.fds.get(oldfd);
      if (!d) return -E.EBADF;
      if (oldfd === newfd || flags & ~O.CLOEXEC) return -E.EINVAL;
      if (newfd < 0 || newfd >= t.fds.limit) return -E.EBADF;
      return t.fds.installAt(newfd, d, (flags & O.CLOEXEC) !== 0);
    },
    fcntl: (t, a) => fcntl(t, a.int(0), a.int(1), a.long(2), a.ptr(2)),
    ioctl: (t, a) => ioctl(t, a.int(0), a.int(1) >>> 0, a.ptr(2)),
    pipe2: (t, a) => {
      const flags = a.int(1);
      // O_EXCL is O_NOTIFICATION_PIPE
      if (flagsIn(flags) & ~(O.CLOEXEC | O.NONBLOCK | O.DIRECT | O.EXCL)) return -E.EINVAL;
      const buf = new PipeBuffer();
      const r = new PipeEnd(buf, false, flags),
        w = new PipeEnd(buf, true, flags);
      const fr = t.fds.install(r, (flags & O.CLOEXEC) !== 0);
      if (fr < 0) return fr;
      const fw = t.fds.install(w, (flags & O.CLOEXEC) !== 0);
      if (fw < 0) {
        t.fds.close(fr);
        return fw;
      }
      const b = new Uint8Array(8);
      new DataView(b.buffer).setInt32(0, fr, true);
      new DataView(b.buffer).setInt32(4, fw, true);
      if (!t.as.write(a.ptr(0), b)) {
        t.fds.close(fr);
        t.fds.close(fw);
        return -E.EFAULT;
      }
      return 0;
    },
    /** sendfile(out, in, off_t *offset, count): the offset is a long (sendfile64 on 32-bit ABIs: loff_t). */
    sendfile: sendfileWith(L.wordBytes),
    sendfile64: sendfileWith(8),
    copy_file_range: copyFileRange,
    splice,
    tee,
    vmsplice: (t, a) => vmsplice(t, a.int(0), a.ptr(1), a.ptr(2), a.uint(3)),
    sync_file_range: syncFileRange,
    /**
     * fadvise64(fd, offset, len, advice) (the ABIs' variants map their registers to these):
     * advice is taken and ignored, after generic_fadvise's checks: EBADF, ESPIPE on a pipe,
     * EINVAL for a negative length or an advice other than POSIX_FADV_NORMAL..NOREUSE (0..5).
     */
    fadvise64: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      if (isFifo(d)) return -E.ESPIPE;
      if (a.long(2) < 0) return -E.EINVAL;
      const advice = a.int(3);
      return advice >= 0 && advice <= 5 ? 0 : -E.EINVAL;
    },
    // poll, ppoll and pselect6 live in poll.ts (with select and epoll); tables may take them from either.
    ppoll: polls.ppoll,
    pselect6: polls.pselect6,
    poll: polls.poll,
    /** dup2: like dup3 without flags, except that dup2(fd, fd) checks fd and returns it. */
    dup2: (t, a) => {
      const oldfd = a.int(0),
        newfd = a.int(1);
      const d = t.fds.get(oldfd);
      if (!d) return -E.EBADF;
      if (oldfd === newfd) return newfd;
      if (newfd < 0 || newfd >= t.fds.limit) return -E.EBADF;
      return t.fds.installAt(newfd, d, false);
    },
    /** _llseek(fd, offset_high, offset_low, loff_t *result, whence) (32-bit ABIs). */
    _llseek: (t, a) => {
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      if (a.int(4) >>> 0 > 4) return -E.EINVAL;
      const r = d.seek(a.int(1) * 4294967296 + a.uint(2), a.int(4));
      if (r < 0) return r;
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, BigInt(r), true);
      return t.as.write(a.ptr(3), b) ? 0 : -E.EFAULT;
    },
    /** fcntl64 (32-bit ABIs): F_GETLK64/F_SETLK64/F_SETLKW64 (12..14) take struct flock64. */
    fcntl64: (t, a) => {
      const cmd = a.int(1);
      if (cmd < 12 || cmd > 14) return fcntl(t, a.int(0), cmd, a.long(2), a.ptr(2));
      const d = t.fds.get(a.int(0));
      return d ? fcntlLock(t, d, cmd - 7, a.ptr(2), L.flock64) : -E.EBADF;
    },
    flock,
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}

function sendfileWith(offBytes: 4 | 8): SyscallHandler {
  return (t, a) => {
    const out = a.int(0),
      inp = a.int(1),
      offAddr = a.ptr(2),
      count = Math.min(a.long(3), 1 << 24);
    // do_sendfile's order: the input descriptor, its offset (rw_verify_area: a negative one is EINVAL), the output
    const di = t.fds.get(inp);
    if (!di) return -E.EBADF;
    let off: number | null = null;
    if (offAddr) {
      const b = t.as.read(offAddr, offBytes);
      if (!b) return -E.EFAULT;
      const dv = new DataView(b.buffer);
      off = offBytes === 8 ? Number(dv.getBigInt64(0, true)) : dv.getInt32(0, true);
      if (off < 0) return -E.EINVAL;
    }
    const dout = t.fds.get(out);
    if (!dout) return -E.EBADF;
    const tmp = new Uint8Array(count);
    t.sharedFiles.beforeRead(di);
    const n = di.read(tmp, off);
    if (n < 0) return n === WOULD_BLOCK ? -E.EAGAIN : n;
    if (n > 0) di.notify?.accessed();
    const w = n ? dout.write(tmp.subarray(0, n), null) : 0;
    if (w < 0) return w === WOULD_BLOCK ? -E.EAGAIN : w;
    wroteFile(t, dout, null, tmp, w);
    if (offAddr) {
      const b = new Uint8Array(offBytes);
      const dv = new DataView(b.buffer);
      if (offBytes === 8) dv.setBigInt64(0, BigInt(off! + w), true);
      else dv.setInt32(0, off! + w, true);
      t.as.write(offAddr, b);
    } else if (w < n) di.seek(w - n, 1);
    return w;
  };
}

/** A loff_t in guest memory (little-endian on every guest), or null on a fault. */
function readLoff(t: Task, addr: number): number | null {
  const b = t.as.read(addr, 8);
  return b ? Number(new DataView(b.buffer, b.byteOffset).getBigInt64(0, true)) : null;
}

function writeLoff(t: Task, addr: number, v: number): boolean {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(v), true);
  return t.as.write(addr, b);
}

/** The most one copy_file_range call copies (the caller loops, as for any short copy). */
const MAX_COPY = 16 << 20;

/**
 * copy_file_range(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags) (QEMU passes it to the
 * host; Linux's vfs_copy_file_range and generic_copy_file_checks): between regular files, from and to
 * the offsets given (advanced in guest memory) or the file positions (advanced), shortened at the end
 * of the input; overlapping ranges of one file are EINVAL.
 */
const copyFileRange: SyscallHandler = (t, a) => {
  const offInAddr = a.ptr(1),
    offOutAddr = a.ptr(3),
    len = a.ptr(4);
  // the order of Linux's checks: descriptors, offsets, flags, then generic_copy_file_checks
  const di = t.fds.get(a.int(0)),
    dout = t.fds.get(a.int(2));
  if (!di || !dout) return -E.EBADF;
  const offIn = offInAddr ? readLoff(t, offInAddr) : di.pos;
  const offOut = offOutAddr ? readLoff(t, offOutAddr) : dout.pos;
  if (offIn === null || offOut === null) return -E.EFAULT;
  if (a.uint(5) !== 0) return -E.EINVAL;
  const sti = di.stat(),
    sto = dout.stat();
  if (typeof sti === "number") return sti;
  if (typeof sto === "number") return sto;
  if ((sti.mode & S_IFMT) === S_IFDIR || (sto.mode & S_IFMT) === S_IFDIR) return -E.EISDIR;
  const fileish = (d: FileDesc) => d instanceof HostFile || d instanceof MemFile;
  if (!fileish(di) || !fileish(dout) || (sti.mode & S_IFMT) !== S_IFREG || (sto.mode & S_IFMT) !== S_IFREG) return -E.EINVAL;
  if (!di.canRead() || !dout.canWrite() || dout.flags & O.APPEND) return -E.EBADF;
  // a memfd and a file of another file system: different superblocks, neither with a copy of its own (EXDEV)
  if (di instanceof MemFile !== dout instanceof MemFile) return -E.EXDEV;
  // offsets that wrap as unsigned 64-bit sums (a negative one with a longer count)
  const wraps = (pos: number) => BigInt.asUintN(64, BigInt(pos)) + BigInt(len) >= 1n << 64n;
  if (wraps(offIn) || wraps(offOut)) return -E.EOVERFLOW;
  const size = Number(sti.size);
  const count = offIn >= size ? 0 : Math.min(len, size - offIn);
  if (sti.dev === sto.dev && sti.ino === sto.ino && offOut + count > offIn && offOut < offIn + count) return -E.EINVAL;
  if (offIn < 0 || offOut < 0) return -E.EINVAL; // rw_verify_area
  if (count === 0) return 0;
  const buf = new Uint8Array(Math.min(count, MAX_COPY));
  t.sharedFiles.beforeRead(di);
  const n = di.read(buf, offIn);
  if (n <= 0) return n;
  di.notify?.accessed();
  const w = dout.write(buf.subarray(0, n), offOut);
  if (w <= 0) return w;
  wroteFile(t, dout, offOut, buf, w);
  if (offInAddr) writeLoff(t, offInAddr, offIn + w);
  else di.pos = offIn + w;
  if (offOutAddr) writeLoff(t, offOutAddr, offOut + w);
  else dout.pos = offOut + w;
  return w;
};

/** splice/tee/vmsplice flags: SPLICE_F_MOVE, NONBLOCK, MORE, GIFT (accepted; only NONBLOCK changes anything). */
const SPLICE_F_ALL = 0xf;
const SPLICE_F_NONBLOCK = 2;
/** The most a read or write moves in one call (Linux's MAX_RW_COUNT). */
const MAX_RW_COUNT = 0x7ffff000;

/**
 * A pipe as splice sees one (Linux's get_pipe_info, and S_ISFIFO for fadvise): the kernel's own
 * pipes, and the FIFOs the host provides (a named FIFO, the host's stdio pipes, an in-memory
 * host's stdio), which the data reaches through their read and write.
 */
function isFifo(d: FileDesc): boolean {
  return d instanceof PipeEnd || d instanceof StdioFile || (d instanceof HostFile && (d.mode & S_IFMT) === S_IFIFO);
}

/**
 * What splice, tee and vmsplice wait for on the kernel's pipes before moving anything, in Linux's
 * order (ipipe_prep, then opipe_prep / wait_for_space): a source pipe that is empty while it has
 * writers, then a destination pipe without readers (EPIPE and SIGPIPE) or full. null when the
 * transfer can go on (a source pipe may still be empty: its writers are gone, the call returns 0),
 * else EAGAIN under `nonblock`, or the thread waits and the call runs again (ERESTARTSYS there).
 */
function pipeWait(t: Task, src: PipeEnd | null, dst: PipeEnd | null, nonblock: boolean): SyscallResult | null {
  const ip = src?.buf,
    op = dst?.buf;
  if (ip && ip.size === 0 && ip.writers > 0) return nonblock ? -E.EAGAIN : blockAgain(t, src!, () => ip.size > 0 || ip.writers === 0, 0n);
  if (op && op.readers === 0) {
    sigpipe(t, t.thread);
    return -E.EPIPE;
  }
  if (op && op.room <= 0) return nonblock ? -E.EAGAIN : blockAgain(t, dst!, () => op.room > 0 || op.readers === 0, 0n);
  return null;
}

/**
 * Moves up to len bytes from src to dst, at least one a pipe (Linux's do_splice), or copies them
 * leaving the source pipe as it was (tee: `keep`). After pipeWait: at most what the source pipe
 * holds and what the destination pipe has room for; other ends through the read and write paths
 * (pread/pwrite at srcPos/dstPos, else the file position advances; shared mappings kept coherent;
 * a socket or terminal with nothing to read or no room waits like read and write do). The bytes moved.
 */
function transfer(
  t: Task,
  src: FileDesc,
  srcPos: number | null,
  dst: FileDesc,
  dstPos: number | null,
  len: number,
  nonblock: boolean,
  keep: boolean,
): SyscallResult {
  const ip = src instanceof PipeEnd ? src : null,
    op = dst instanceof PipeEnd ? dst : null;
  const wait = pipeWait(t, ip, op, nonblock);
  if (wait !== null) return wait;
  // between two FIFOs of the host, at most a pipe's default capacity a call
  let n = Math.min(len, ip || op ? MAX_COPY : 65536);
  if (ip) n = Math.min(n, ip.buf.size);
  if (op) n = Math.min(n, op.buf.room);
  if (n === 0) return 0;
  const data = new Uint8Array(n);
  let got: number;
  if (ip) got = ip.buf.peek(data);
  else {
    t.sharedFiles.beforeRead(src);
    got = src.read(data, srcPos);
    // an AF_UNIX stream takes the call's non-blocking mode (unix_stream_splice_read: MSG_DONTWAIT)
    if (got === WOULD_BLOCK && nonblock && src instanceof UnixStreamSocket && !src.seqpacket) return -E.EAGAIN;
    if (got < 0) return blockRead(t, got, src);
    if (got > 0) src.notify?.accessed();
  }
  const chunk = data.subarray(0, got);
  let w = got;
  if (op) op.buf.push(chunk);
  else if (got > 0) {
    w = dst.write(chunk, dstPos);
    wroteFile(t, dst, dstPos, chunk, w);
    if (w === -E.EPIPE) sigpipe(t, t.thread);
    // nothing taken from a source pipe yet: wait for room and run again
    if (w === WOULD_BLOCK && ip) return blockAgain(t, dst, () => dst.writable(), dst instanceof Socket ? dst.opts.sndTimeoNs : 0n);
    if (w < 0) {
      if (!ip && srcPos === null && src.positional()) src.seek(-got, 1);
      return w === WOULD_BLOCK ? -E.EAGAIN : w;
    }
  }
  if (ip && !keep) ip.buf.consume(w);
  else if (!ip && w < got && srcPos === null && src.positional()) src.seek(w - got, 1);
  return w;
}

/**
 * splice(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags): Linux's checks in
 * __do_splice's and do_splice's order (len 0 first, then flags, descriptors, an offset given for
 * a pipe, the offsets read, the access modes, EINVAL unless an end is a pipe), then pipe to pipe
 * (not the same pipe), pipe to file or socket (EINVAL for an offset on a file without pwrite,
 * or O_APPEND) or file or socket to pipe. Non-blocking with SPLICE_F_NONBLOCK or a pipe end's
 * O_NONBLOCK; SPLICE_F_MOVE and SPLICE_F_MORE are accepted. Offsets given advance in guest memory.
 */
const splice: SyscallHandler = (t, a) => {
  const offInAddr = a.ptr(1),
    offOutAddr = a.ptr(3),
    len = Math.min(a.ptr(4), MAX_RW_COUNT),
    flags = a.uint(5);
  if (len === 0) return 0;
  if (flags & ~SPLICE_F_ALL) return -E.EINVAL;
  const di = t.fds.get(a.int(0)),
    dout = t.fds.get(a.int(2));
  if (!di || !dout) return -E.EBADF;
  const ipipe = isFifo(di),
    opipe = isFifo(dout);
  if ((ipipe && offInAddr) || (opipe && offOutAddr)) return -E.ESPIPE;
  const offOut = offOutAddr ? readLoff(t, offOutAddr) : null;
  const offIn = offInAddr ? readLoff(t, offInAddr) : null;
  if ((offOutAddr && offOut === null) || (offInAddr && offIn === null)) return -E.EFAULT;
  if (!di.canRead() || !dout.canWrite()) return -E.EBADF;
  let nonblock = (flags & SPLICE_F_NONBLOCK) !== 0;
  if (ipipe && opipe) {
    if (di instanceof PipeEnd && dout instanceof PipeEnd && di.buf === dout.buf) return -E.EINVAL;
    nonblock ||= ((di.flags | dout.flags) & O.NONBLOCK) !== 0;
  } else if (ipipe) {
    if (offOut !== null && !dout.positional()) return -E.EINVAL;
    if (dout.flags & O.APPEND || (offOut ?? dout.pos) < 0) return -E.EINVAL;
    nonblock ||= (di.flags & O.NONBLOCK) !== 0;
  } else if (opipe) {
    if (offIn !== null && !di.positional()) return -E.EINVAL;
    if ((offIn ?? di.pos) < 0 || (di instanceof HostFile && di.isDir)) return -E.EINVAL;
    nonblock ||= (dout.flags & O.NONBLOCK) !== 0;
  } else return -E.EINVAL;
  const r = transfer(t, di, offIn, dout, offOut, len, nonblock, false);
  if (r === NO_RESULT || r < 0) return r;
  if (offOutAddr && !writeLoff(t, offOutAddr, offOut! + r)) return -E.EFAULT;
  if (offInAddr && !writeLoff(t, offInAddr, offIn! + r)) return -E.EFAULT;
  return r;
};

/**
 * tee(fd_in, fd_out, len, flags): copies up to len bytes from one pipe to another without taking
 * them from the first (do_tee: flags first, then len 0, descriptors, access modes, EINVAL unless
 * both are pipes and different ones). Waits and fails as splice between pipes does. The source
 * must be one of the kernel's pipes (a FIFO the host provides cannot be read without taking the
 * bytes: EINVAL here, Linux would copy); the destination may be a host FIFO.
 */
const tee: SyscallHandler = (t, a) => {
  const len = Math.min(a.ptr(2), MAX_RW_COUNT),
    flags = a.uint(3);
  if (flags & ~SPLICE_F_ALL) return -E.EINVAL;
  if (len === 0) return 0;
  const di = t.fds.get(a.int(0)),
    dout = t.fds.get(a.int(1));
  if (!di || !dout) return -E.EBADF;
  if (!di.canRead() || !dout.canWrite()) return -E.EBADF;
  if (!(di instanceof PipeEnd) || !isFifo(dout) || (dout instanceof PipeEnd && di.buf === dout.buf)) return -E.EINVAL;
  const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0 || ((di.flags | dout.flags) & O.NONBLOCK) !== 0;
  return transfer(t, di, null, dout, null, len, nonblock, true);
};

/**
 * sync_file_range(fd, offset, nbytes, flags) (i386 passes the 64-bit values as register pairs,
 * ARM's arm_sync_file_range takes flags second; their tables map them): writes are not cached
 * here, so only Linux's checks in ksys_sync_file_range's order: the fd, then flags beyond
 * SYNC_FILE_RANGE_WAIT_BEFORE|WRITE|WAIT_AFTER, a negative offset or length, a range past the
 * largest loff_t (EINVAL), then ESPIPE unless a regular file, directory, link or block device.
 */
const syncFileRange: SyscallHandler = (t, a) => {
  const d = t.fds.get(a.int(0));
  if (!d) return -E.EBADF;
  const off = a.long(1),
    n = a.long(2);
  if (a.uint(3) & ~7 || off < 0 || n < 0 || off + n >= 2 ** 63) return -E.EINVAL;
  const st = d.stat();
  if (typeof st === "number") return st;
  const type = st.mode & S_IFMT;
  return type === S_IFREG || type === S_IFDIR || type === S_IFLNK || type === S_IFBLK ? 0 : -E.ESPIPE;
};
