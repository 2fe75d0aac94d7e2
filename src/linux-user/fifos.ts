// Named pipes (FIFOs, Linux's fs/pipe.c fifo_open) for hosts that cannot make one: Node's fs has no
// mknod/mkfifo, and the in-memory MemFs has no node types beyond files, directories and links.
//
// mknod(S_IFIFO) makes the name on the host as an empty regular file (a placeholder, created
// exclusively with the mode asked for) and records its identity (device, inode, birth time) here,
// in a table the kernel keeps for every process. The kernel then shows that inode as Linux shows a
// FIFO: stat/lstat/fstat/statx say S_IFIFO with size 0, getdents says DT_FIFO, and open() gives
// ends of one pipe per FIFO (a PipeBuffer shared by every guest process of this kernel) with
// fifo_open's semantics: O_RDONLY waits for a writer (O_NONBLOCK: at once), O_WRONLY waits for a
// reader (O_NONBLOCK without one: ENXIO), O_RDWR never waits. The pipe's contents go when its last
// end closes. Names are the host's: unlink, rename and link act on the placeholder as on any file;
// the kernel forgets the FIFO when its last name goes (unlink, rename over it).
//
// Host processes, and a later run of the emulator, see an empty regular file (the table lives in
// this kernel only; nothing on the host marks the file); they cannot talk to the guest through it.
// This was chosen over host FIFOs because Node has no mknod and a host FIFO's blocking opens and
// reads would stall the one host thread every guest process runs on. A FIFO the host already has
// is opened as the host's (HostFifo, below), non-blocking, with the waits polled by the kernel. mknod of a socket inode
// (S_IFSOCK) is recorded the same way and shows S_IFSOCK (open: ENXIO, connect: ECONNREFUSED, as
// Linux).
import { EAGAIN, ENXIO, O, S_IFIFO, S_IFMT, S_IFREG, S_IFSOCK } from "./errno.ts";
import { HostFile, PipeBuffer, PipeEnd, WOULD_BLOCK } from "./files.ts";
import { POLL_NS } from "./wait.ts";
import type { HostDirEntry, HostFs, HostStat } from "./host-api.ts";

/** DT_FIFO and DT_SOCK (getdents' d_type). */
const DT_FIFO = 1,
  DT_SOCK = 12;

/** One named pipe (or socket inode): its type and, for a FIFO, the pipe its opens share. */
export class NamedNode {
  /** How many times a reader and a writer opened it (Linux's r_counter, w_counter): what a waiting open waits for. */
  readerOpens = 0;
  writerOpens = 0;
  private pipe: PipeBuffer | null = null;
  constructor(
    /** S_IFIFO or S_IFSOCK. */
    readonly type: number,
    /** The placeholder's birth time when the host knows it (an inode number the host reuses is another file). */
    readonly btimeNs: bigint | undefined,
  ) {}
  /** The pipe of the ends open now (a new, empty one when none is). */
  get buf(): PipeBuffer {
    const p = this.pipe;
    if (p && p.readers + p.writers > 0) return p;
    return (this.pipe = new PipeBuffer());
  }
}

/** An end of a named pipe: a pipe end whose metadata is the FIFO's (the placeholder's, as S_IFIFO). */
export class FifoEnd extends PipeEnd {
  /** The node's open counts when this end opened (a waiting open waits for the other's to change). */
  private readonly readerOpensAtOpen: number;
  private readonly writerOpensAtOpen: number;
  constructor(
    readonly node: NamedNode,
    buf: PipeBuffer,
    acc: number,
    flags: number,
    readonly fs: HostFs,
    /** The placeholder, open on the host (fstat, times); closed with the description. */
    readonly h: number,
    path: string,
  ) {
    super(buf, acc !== O.RDONLY, flags, acc === O.RDWR);
    this.flags |= flags & ~(O.ACCMODE | O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC);
    this.path = path;
    this.readerOpensAtOpen = node.readerOpens;
    this.writerOpensAtOpen = node.writerOpens;
  }
  protected override writersCame(): boolean {
    return this.node.writerOpens !== this.writerOpensAtOpen;
  }
  /** wait_for_partner: a reader opened since this writer did, or a writer since this reader did. */
  partnerCame(): boolean {
    return this.isRead ? this.writersCame() : this.node.readerOpens !== this.readerOpensAtOpen;
  }
  override stat(): HostStat {
    const st = this.fs.fstat(this.h);
    return typeof st === "number" ? super.stat() : asNode(st, this.node.type);
  }
  override release(): number {
    super.release();
    return this.fs.close(this.h);
  }
}

/** Host metadata of a placeholder as the guest sees the node. */
function asNode(st: HostStat, type: number): HostStat {
  return { ...st, mode: type | (st.mode & 0o7777), size: 0n, blocks: 0n };
}

export class NamedPipes {
  private nodes = new Map<string, NamedNode>();

  /** How many nodes there are (none: nothing to look up). */
  get size(): number {
    return this.nodes.size;
  }

  private static key(st: HostStat): string {
    return `${st.dev}:${st.ino}`;
  }

  /** Records the placeholder just made for a node of `type` (S_IFIFO, S_IFSOCK). */
  add(st: HostStat, type: number): void {
    const bt = st.btimeNs !== undefined && st.btimeNs > 0n ? st.btimeNs : undefined;
    this.nodes.set(NamedPipes.key(st), new NamedNode(type, bt));
  }

  /** The node a host file is the placeholder of, or null. */
  find(st: HostStat | number): NamedNode | null {
    if (this.nodes.size === 0 || typeof st === "number" || (st.mode & S_IFMT) !== S_IFREG) return null;
    const n = this.nodes.get(NamedPipes.key(st));
    if (!n) return null;
    if (n.btimeNs !== undefined && st.btimeNs !== undefined && st.btimeNs > 0n && st.btimeNs !== n.btimeNs) return null;
    return n;
  }

  /** Host metadata as the guest sees it: a placeholder's is its node's. */
  stat(st: HostStat | number): HostStat | number {
    const n = this.find(st);
    return n && typeof st !== "number" ? asNode(st, n.type) : st;
  }

  /** Directory entries of host directory `dir` as getdents shows them: placeholders as DT_FIFO / DT_SOCK. */
  entries(fs: HostFs, dir: string, ents: HostDirEntry[]): HostDirEntry[] {
    if (this.nodes.size === 0) return ents;
    const inos = new Set<bigint>();
    for (const k of this.nodes.keys()) inos.add(BigInt(k.slice(k.indexOf(":") + 1)));
    return ents.map((e) => {
      if (e.type !== 8 || !inos.has(BigInt(e.ino)) || e.name === "." || e.name === "..") return e;
      const n = this.find(fs.stat(`${dir}/${e.name}`, false));
      return n ? { ...e, type: n.type === S_IFIFO ? DT_FIFO : DT_SOCK } : e;
    });
  }

  /**
   * A name of host file `st` is going (unlink, rename over it): the node goes with its last name
   * (ends already open keep their pipe, as an unlinked FIFO's do).
   */
  unlinked(st: HostStat | number): void {
    const n = this.find(st);
    if (n && typeof st !== "number" && st.nlink <= 1) this.nodes.delete(NamedPipes.key(st));
  }

  /**
   * open() of a node's placeholder, already open on the host as `h`: a FIFO end (and whether the
   * open must wait for a partner), or -errno (the host handle is then closed).
   */
  open(node: NamedNode, fs: HostFs, h: number, path: string, flags: number): { end: FifoEnd; wait: boolean } | number {
    const acc = flags & O.ACCMODE;
    const buf = node.type === S_IFIFO ? node.buf : null;
    // fifo_open: a socket inode cannot be opened; O_WRONLY | O_NONBLOCK without a reader is ENXIO.
    if (!buf || (acc === O.WRONLY && flags & O.NONBLOCK && buf.readers === 0)) {
      fs.close(h);
      return -ENXIO;
    }
    const end = new FifoEnd(node, buf, acc, flags, fs, h, path);
    if (acc !== O.WRONLY) node.readerOpens++;
    if (acc !== O.RDONLY) node.writerOpens++;
    const wait = !(flags & O.NONBLOCK) && ((acc === O.RDONLY && buf.writers === 0) || (acc === O.WRONLY && buf.readers === 0));
    return { end, wait };
  }
}

/**
 * A FIFO that exists on the host (made by mkfifo before the emulator started, or by a host
 * process): the host's FIFO itself, so host processes and the guest talk through it, opened
 * non-blocking on the host because a blocking open, read or write would stall the one host thread
 * every guest process runs on. The guest still sees fifo_open's and pipe_read's waits, made by
 * asking the host again (Waiter.recheckNs, every POLL_NS while nothing else runs): a blocking read
 * with no data waits (the host says EAGAIN); a reader opened without O_NONBLOCK takes "no writer"
 * (a read of 0) for end of file only once a writer was seen (data or EAGAIN), as its open would
 * have waited for one; a write that does not fit waits and retries. A readiness test reads ahead
 * into a buffer of its own (the host has no poll for Node), which reads then return first.
 */
export class HostFifo extends HostFile {
  private ahead: Uint8Array | null = null;
  private eofAhead = false;
  private sawWriter: boolean;
  /** When a write last found the host's pipe full (writable() waits POLL_NS before trying again). */
  private fullAt: bigint | null = null;
  constructor(
    fs: HostFs,
    h: number,
    flags: number,
    path: string,
    mode: number,
    private readonly now: () => bigint,
  ) {
    super(fs, h, flags, path, mode);
    // a blocking reader's open waits for a writer (fifo_open); any other end has no such wait
    this.sawWriter = (flags & O.ACCMODE) !== O.RDONLY || (flags & O.NONBLOCK) !== 0;
  }
  override get recheckNs(): bigint | null {
    return POLL_NS;
  }
  /** Whether a writer has been seen (a blocking reader's open waits until then), asking the host once more. */
  writerCame(): boolean {
    if (!this.sawWriter) this.probe();
    return this.sawWriter;
  }
  /** One non-blocking host read ahead: true when a read has data or an end of file to report now. */
  private probe(): boolean {
    if (this.ahead || this.eofAhead) return true;
    const b = new Uint8Array(65536);
    const n = this.fs.read(this.h, b, null);
    if (n > 0) {
      this.ahead = b.slice(0, n);
      this.sawWriter = true;
      return true;
    }
    if (n === -EAGAIN) {
      this.sawWriter = true;
      return false;
    }
    if (n === 0) {
      if (!this.sawWriter) return false;
      this.eofAhead = true;
    }
    return true; // an error: the read reports it
  }
  override read(buf: Uint8Array): number {
    const a = this.ahead;
    if (a) {
      const k = Math.min(buf.length, a.length);
      buf.set(a.subarray(0, k));
      this.ahead = k < a.length ? a.subarray(k) : null;
      return k;
    }
    if (this.eofAhead) {
      this.eofAhead = false;
      return 0;
    }
    const n = this.fs.read(this.h, buf, null);
    if (n > 0) this.sawWriter = true;
    const wait = n === -EAGAIN || (n === 0 && buf.length > 0 && !this.sawWriter);
    if (n === -EAGAIN) this.sawWriter = true;
    if (!wait) return n;
    return this.flags & O.NONBLOCK ? (n === 0 ? 0 : -EAGAIN) : WOULD_BLOCK;
  }
  override write(data: Uint8Array): number {
    const n = this.fs.write(this.h, data, null);
    if (n !== -EAGAIN) return n;
    if (this.flags & O.NONBLOCK) return n;
    this.fullAt = this.now();
    return WOULD_BLOCK;
  }
  override readable(): boolean {
    return this.canRead() && this.probe();
  }
  override writable(): boolean {
    if (!this.canWrite()) return false;
    if (this.fullAt !== null && this.now() - this.fullAt < POLL_NS) return false;
    this.fullAt = null;
    return true;
  }
}
