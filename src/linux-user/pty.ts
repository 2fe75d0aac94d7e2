// Pseudo-terminals (Linux's drivers/tty/pty.c with devpts, the Unix 98 kind): the kernel-wide table
// of pairs. Opening /dev/ptmx makes a pair and returns its master, locked until unlockpt
// (TIOCSPTLCK); the slave is /dev/pts/N (N: TIOCGPTN), opened by name or with TIOCGPTPEER. The
// slave's side is a `Tty` (tty.ts: Linux's line discipline, termios, window size, job control): what
// the master writes is the slave's input (echo, canonical lines, ISIG signals), what the slave writes
// goes through its output processing (OPOST/ONLCR) to the master, which reads it as raw bytes.
// termios and window-size ioctls on the master act on the slave (tty_pair_get_tty). When the last
// slave closes, the master reads what is left then EIO and polls POLLHUP; when the master closes, the
// pair goes, the slave hangs up (reads 0, writes EIO) and its session leader gets SIGHUP and SIGCONT.
import { EAGAIN, EIO, O, S_IFCHR } from "./errno.ts";
import { FileDesc, POLL, WOULD_BLOCK } from "./files.ts";
import { kernelStat, type HostDirEntry, type HostStat } from "./host-api.ts";
import { Tty } from "./tty.ts";

const SIGHUP = 1,
  SIGCONT = 18,
  SIGWINCH = 28;

/** devpts's device number (an anonymous super block's, 0:N) and the slaves' major. */
const DEVPTS_DEV = 0x19n;
export const PTS_MAJOR = 136;

/** glibc's makedev. */
function makeDev(major: number, minor: number): bigint {
  const M = BigInt(major),
    m = BigInt(minor);
  return (m & 0xffn) | ((M & 0xfffn) << 8n) | ((m & ~0xffn) << 12n) | ((M & ~0xfffn) << 32n);
}

/** /dev/ptmx's stat (c 5,2, rw-rw-rw-, group tty, as devtmpfs has it) with the given times. */
export function ptmxStat(timeNs: bigint): HostStat {
  return kernelStat(5n, 87n, S_IFCHR | 0o666, { gid: 5, rdev: makeDev(5, 2), atimeNs: timeNs, mtimeNs: timeNs, ctimeNs: timeNs });
}

/** What opening a slave asks of the opener (the Task, narrowed). */
export interface PtyOpener {
  readonly pid: number;
  readonly sid: number;
  readonly pgid: number;
}

/** One master/slave pair (Linux's two tty_structs and the devpts inode). */
export class Pty {
  /** The slave's device: its line discipline; its output callback fills `toMaster`. */
  readonly tty: Tty;
  /** What the master reads: the slave's processed output and the echo. */
  private toMaster: Uint8Array[] = [];
  private queued = 0;
  /** Counts the master's wakeups for input (epoll's edge-triggered mode). */
  outGen = 0;
  /** TTY_PTY_LOCK: slaves cannot be opened (unlockpt clears it). */
  locked = true;
  /** Open slave descriptions. */
  slaves = 0;
  /** The master's TTY_OTHER_CLOSED: every slave closed since one was opened. */
  otherClosed = false;
  /** The master closed: the pair is gone, its slaves are hung up. */
  hungUp = false;
  xpixel = 0;
  ypixel = 0;
  readonly ctimeNs: bigint;

  constructor(
    readonly index: number,
    private readonly table: PtyTable,
    readonly uid: number,
    readonly gid: number,
    nowNs: bigint,
  ) {
    this.ctimeNs = nowNs;
    this.tty = new Tty(
      (b) => {
        if (b.length === 0) return;
        this.toMaster.push(b.slice());
        this.queued += b.length;
        this.outGen++;
      },
      (pgrp, sig) => table.signal(-pgrp, sig),
    );
    this.tty.rows = 0;
    this.tty.cols = 0;
    this.tty.path = this.slavePath;
  }

  get slavePath(): string {
    return `/dev/pts/${this.index}`;
  }

  /** Bytes the master can read now. */
  get pending(): number {
    return this.queued;
  }

  readMaster(buf: Uint8Array, nonblock: boolean): number {
    if (this.queued === 0) {
      if (this.otherClosed) return -EIO;
      return nonblock ? -EAGAIN : WOULD_BLOCK;
    }
    let n = 0;
    while (n < buf.length && this.toMaster.length) {
      const c = this.toMaster[0];
      const k = Math.min(c.length, buf.length - n);
      buf.set(c.subarray(0, k), n);
      n += k;
      if (k === c.length) this.toMaster.shift();
      else this.toMaster[0] = c.subarray(k);
    }
    this.queued -= n;
    return n;
  }

  /** tcflush's TCIFLUSH on the master: what the master has not read goes. */
  flushMaster(): void {
    this.toMaster = [];
    this.queued = 0;
  }

  /** TIOCSWINSZ on either side (tty_do_resize of the slave): SIGWINCH to its foreground group when it changed. */
  resize(rows: number, cols: number, xpixel: number, ypixel: number): void {
    const t = this.tty;
    if (t.rows === rows && t.cols === cols && this.xpixel === xpixel && this.ypixel === ypixel) return;
    t.rows = rows;
    t.cols = cols;
    this.xpixel = xpixel;
    this.ypixel = ypixel;
    const pgrp = t.terminal!.pgrp;
    if (pgrp > 0) this.table.signal(-pgrp, SIGWINCH);
  }

  winsize(): { rows: number; cols: number; xpixel: number; ypixel: number } {
    return { rows: this.tty.rows, cols: this.tty.cols, xpixel: this.xpixel, ypixel: this.ypixel };
  }

  /**
   * Opens a slave description (open of /dev/pts/N, TIOCGPTPEER): EIO while locked; without O_NOCTTY
   * a session leader with no controlling terminal gets this one if no session has it (tty_open's
   * tty_open_proc_set_tty).
   */
  openSlave(who: PtyOpener, flags: number): FileDesc | number {
    if (this.hungUp || this.locked) return -EIO;
    const d = new PtySlave(this, flags);
    this.slaves++;
    this.otherClosed = false;
    const term = this.tty.terminal!;
    if (!(flags & O.NOCTTY) && who.pid === who.sid && term.sid === 0 && !this.table.sessionHasTerminal(who.sid)) {
      term.sid = who.sid;
      term.pgrp = who.pgid;
    }
    return d;
  }

  slaveClosed(): void {
    if (--this.slaves === 0) this.otherClosed = true;
  }

  /** The master's last close (pty_close + tty_vhangup of the slave). */
  masterClosed(): void {
    this.hungUp = true;
    this.toMaster = [];
    this.queued = 0;
    const term = this.tty.terminal!;
    // tty_signal_session_leader: the session leader gets SIGHUP and SIGCONT
    if (term.sid > 0) {
      this.table.signal(term.sid, SIGHUP);
      this.table.signal(term.sid, SIGCONT);
    }
    term.sid = 0;
    term.pgrp = 0;
    this.table.remove(this);
  }

  /** stat of /dev/pts/N: a character device of major 136 owned by the master's opener, mode 0600 (devpts's default). */
  slaveStat(): HostStat {
    return {
      dev: DEVPTS_DEV,
      ino: BigInt(this.index + 3),
      mode: S_IFCHR | 0o600,
      nlink: 1,
      uid: this.uid,
      gid: this.gid,
      rdev: makeDev(PTS_MAJOR, this.index),
      size: 0n,
      blksize: 1024,
      blocks: 0n,
      atimeNs: this.ctimeNs,
      mtimeNs: this.ctimeNs,
      ctimeNs: this.ctimeNs,
    };
  }
}

/** The master side: /dev/ptmx's description. */
export class PtyMaster extends FileDesc {
  constructor(
    readonly pty: Pty,
    flags: number,
  ) {
    super();
    this.flags = flags;
    this.path = "/dev/ptmx";
    this.terminal = pty.tty.terminal;
  }
  read(buf: Uint8Array): number {
    if (buf.length === 0) return 0;
    return this.pty.readMaster(buf, (this.flags & O.NONBLOCK) !== 0);
  }
  /** The slave's input, through its line discipline (never waits: the input queue has no bound here). */
  write(data: Uint8Array): number {
    this.pty.tty.input(data);
    return data.length;
  }
  override readable(): boolean {
    return this.pty.pending > 0 || this.pty.otherClosed;
  }
  override get pollGen(): number {
    return this.pty.outGen;
  }
  /** n_tty_poll of the master: data, POLLHUP once the slaves closed, always room. */
  override poll(): number {
    const p = this.pty;
    return (p.pending > 0 ? POLL.IN | POLL.RDNORM : 0) | (p.otherClosed ? POLL.HUP : 0) | POLL.OUT | POLL.WRNORM;
  }
  override isatty(): boolean {
    return true;
  }
  override winsize(): { rows: number; cols: number; xpixel: number; ypixel: number } {
    return this.pty.winsize();
  }
  override release(): number {
    this.pty.masterClosed();
    return 0;
  }
  stat(): HostStat {
    return ptmxStat(this.pty.ctimeNs);
  }
}

/** A description of the slave, /dev/pts/N: its own flags (O_NONBLOCK), the pair's line discipline. */
export class PtySlave extends FileDesc {
  constructor(
    readonly pty: Pty,
    flags: number,
  ) {
    super();
    this.flags = (flags & ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE;
    this.path = pty.slavePath;
    this.terminal = pty.tty.terminal;
  }
  read(buf: Uint8Array): number {
    if (this.pty.hungUp) return 0; // hung_up_tty_read
    return this.pty.tty.readInput(buf, (this.flags & O.NONBLOCK) !== 0);
  }
  write(data: Uint8Array): number {
    if (this.pty.hungUp) return -EIO;
    return this.pty.tty.writeOutput(data, (this.flags & O.NONBLOCK) !== 0);
  }
  override readable(): boolean {
    return this.pty.hungUp || this.pty.tty.readable();
  }
  override get pollGen(): number {
    return this.pty.tty.pollGen;
  }
  override writable(): boolean {
    return this.pty.hungUp || this.pty.tty.writable();
  }
  /** n_tty_poll of the slave; a hung-up file is everything (hung_up_tty_poll). */
  override poll(): number {
    if (this.pty.hungUp) return POLL.IN | POLL.OUT | POLL.ERR | POLL.HUP | POLL.RDNORM | POLL.WRNORM;
    return this.pty.tty.poll();
  }
  override isatty(): boolean {
    return true;
  }
  override winsize(): { rows: number; cols: number; xpixel: number; ypixel: number } {
    return this.pty.winsize();
  }
  override release(): number {
    this.pty.slaveClosed();
    return 0;
  }
  stat(): HostStat {
    return this.pty.slaveStat();
  }
}

/** The kernel's pairs by index (one devpts instance for every process); the lowest free index is next. */
export class PtyTable {
  private readonly pairs = new Map<number, Pty>();

  constructor(
    /** kill() from the kernel: a process (pid > 0) or a process group (-pgrp). */
    readonly signal: (pid: number, sig: number) => void,
  ) {}

  /** open of /dev/ptmx: a new locked pair and its master. */
  open(flags: number, uid: number, gid: number, nowNs: bigint): PtyMaster {
    let i = 0;
    while (this.pairs.has(i)) i++;
    const p = new Pty(i, this, uid, gid, nowNs);
    this.pairs.set(i, p);
    return new PtyMaster(p, (flags & ~(O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC)) | O.LARGEFILE);
  }

  get(index: number): Pty | null {
    return this.pairs.get(index) ?? null;
  }

  remove(p: Pty): void {
    if (this.pairs.get(p.index) === p) this.pairs.delete(p.index);
  }

  /** The pair that is session `sid`'s controlling terminal, or null. */
  ofSession(sid: number): Pty | null {
    if (sid === 0) return null; // a terminal's sid 0 means "no session", and a guest's sid 0 one outside its pid namespace
    for (const p of this.pairs.values()) if (p.tty.terminal!.sid === sid) return p;
    return null;
  }

  /**
   * A session leader exited (disassociate_ctty on exit): its controlling terminal's foreground
   * group gets SIGHUP, and no session has the terminal any more.
   */
  sessionLeaderExited(sid: number): void {
    const p = this.ofSession(sid);
    if (!p) return;
    const term = p.tty.terminal!;
    if (term.pgrp > 0) this.signal(-term.pgrp, SIGHUP);
    term.sid = 0;
    term.pgrp = 0;
  }

  sessionHasTerminal(sid: number): boolean {
    return this.ofSession(sid) !== null;
  }

  /** /dev/pts's entries: ptmx and the slaves. */
  entries(): HostDirEntry[] {
    const out: HostDirEntry[] = [{ name: "ptmx", ino: 2n, type: 2 }];
    for (const i of [...this.pairs.keys()].sort((a, b) => a - b)) out.push({ name: `${i}`, ino: BigInt(i + 3), type: 2 });
    return out;
  }
}

/** The line discipline a description's termios ioctls act on: a Tty, or a pty pair's slave side (from either end). */
export function ldisc(d: FileDesc): Tty | null {
  return d instanceof Tty ? d : d instanceof PtySlave || d instanceof PtyMaster ? d.pty.tty : null;
}
