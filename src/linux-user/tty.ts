// A terminal device with Linux's line discipline (drivers/tty/n_tty.c, the parts shells and
// line-oriented programs use), for hosts that have keystrokes rather than a terminal of their own
// (the browser's xterm.js): the host feeds typed bytes with input() and gets the device's output
// (the guest's writes and the echo, with \n -> \r\n) through a callback.
//
//   - canonical mode (ICANON): a line is edited (VERASE, VKILL, VWERASE) and becomes readable at
//     Enter; VEOF (Ctrl-D) ends a read early, or reads as end of input on an empty line;
//   - raw mode: every byte is readable at once (what readline and editors ask for with TCSETS);
//   - ISIG: VINTR (Ctrl-C), VQUIT (Ctrl-\) and VSUSP (Ctrl-Z) become SIGINT, SIGQUIT and SIGTSTP
//     for the foreground process group (tcsetpgrp), which job-control shells switch per job;
//   - ECHO, ECHOE, ECHOCTL (^C), ICRNL, OPOST + ONLCR; the window size (TIOCGWINSZ/TIOCSWINSZ);
//   - VMIN/VTIME for raw reads (readInput), IXON's VSTOP/VSTART and tcflow (`stopped`), tcflush.
// A pseudo-terminal's slave side (pty.ts) is one of these, whose output goes to the master.
import { EAGAIN, EINVAL, O, S_IFCHR } from "./errno.ts";
import { FileDesc, POLL, TerminalState, WOULD_BLOCK } from "./files.ts";
import type { HostStat } from "./host-api.ts";

// c_iflag, c_oflag, c_lflag bits (asm-generic)
export const ICRNL = 0o400,
  IXON = 0o2000,
  OPOST = 1,
  ONLCR = 4,
  ISIG = 1,
  ICANON = 2,
  ECHO = 0o10,
  ECHOE = 0o20,
  ECHOK = 0o40,
  ECHOCTL = 0o1000,
  ECHOKE = 0o4000,
  IEXTEN = 0o100000;
// c_cc indexes
export const VINTR = 0,
  VQUIT = 1,
  VERASE = 2,
  VKILL = 3,
  VEOF = 4,
  VTIME = 5,
  VMIN = 6,
  VSTART = 8,
  VSTOP = 9,
  VSUSP = 10,
  VWERASE = 14;

/** struct termios as the line discipline keeps it (the ABI's layout encodes it for TCGETS/TCSETS). */
export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  /** c_cc (19 bytes, NCCS of the generic ABI). */
  cc: Uint8Array;
}

/** Linux's default for a new terminal (stty sane). */
export function defaultTermios(): Termios {
  const cc = new Uint8Array(19);
  cc.set([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0]);
  return {
    iflag: ICRNL | IXON,
    oflag: OPOST | ONLCR,
    cflag: 0o277, // B38400 | CS8 | CREAD
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    cc,
  };
}

const SIGINT = 2,
  SIGQUIT = 3,
  SIGTSTP = 20;

/** One end-of-file mark in the input queue (VEOF on an empty line). */
const EOF_MARK = -1;

export class Tty extends FileDesc {
  termios: Termios = defaultTermios();
  rows = 24;
  cols = 80;
  /** Bytes readable now (complete lines in canonical mode), with EOF marks. */
  private ready: number[] = [];
  /** Output suspended (IXON's VSTOP, tcflow TCOOFF): writes wait until VSTART or TCOON. */
  stopped = false;
  /** The line being edited (canonical mode). */
  private line: number[] = [];
  private readonly enc = new TextEncoder();

  constructor(
    /** Where the device's output goes (the terminal emulator). */
    private readonly output: (data: Uint8Array) => void,
    /** Sends a signal to a process group (the kernel's). */
    private readonly signalGroup: (pgrp: number, sig: number) => void,
    /**
     * A device that stands for a real one (the host's terminal, driven in raw mode): its job-control
     * state (the kernel's hostTerminal), its name (/proc/self/fd links, ttyname) and its stat.
     */
    device?: { terminal: TerminalState; path: string; stat: () => HostStat },
  ) {
    super();
    this.flags = O.RDWR;
    this.terminal = device?.terminal ?? new TerminalState();
    this.path = device?.path ?? "/dev/tty";
    this.deviceStat = device?.stat ?? null;
  }
  private readonly deviceStat: (() => HostStat) | null;

  // ---- the host's side

  /** Counts the input's arrivals (epoll's edge-triggered mode). */
  private inputGen = 0;
  override get pollGen(): number {
    return this.inputGen;
  }

  /** Keystrokes from the terminal emulator. */
  input(data: Uint8Array): void {
    this.inputGen++;
    const t = this.termios;
    const canon = (t.lflag & ICANON) !== 0;
    for (let c of data) {
      if (c === 13 && t.iflag & ICRNL) c = 10;
      if (t.iflag & IXON && c !== 0) {
        // n_tty's flow control: VSTOP and VSTART are not input
        if (c === t.cc[VSTOP]) {
          this.stopped = true;
          continue;
        }
        if (c === t.cc[VSTART]) {
          this.stopped = false;
          continue;
        }
      }
      if (t.lflag & ISIG) {
        const sig = c === t.cc[VINTR] ? SIGINT : c === t.cc[VQUIT] ? SIGQUIT : c === t.cc[VSUSP] ? SIGTSTP : 0;
        if (sig && c !== 0) {
          this.line = [];
          this.ready = [];
          // n_tty_receive_signal_char: the character is echoed (^C), no newline after it.
          if (t.lflag & ECHO) this.echoCtl(c);
          this.signalGroup(this.terminal!.pgrp, sig);
          continue;
        }
      }
      if (!canon) {
        this.ready.push(c);
        if (t.lflag & ECHO) this.echoChar(c);
        continue;
      }
      if (c === t.cc[VERASE] || c === 8) {
        if (this.line.length) {
          const gone = this.line.pop()!;
          if (t.lflag & ECHO && t.lflag & ECHOE) this.out(gone < 32 && t.lflag & ECHOCTL ? [8, 8, 32, 32, 8, 8] : [8, 32, 8]);
        }
      } else if (c === t.cc[VKILL]) {
        while (this.line.length) {
          this.line.pop();
          if (t.lflag & ECHO && t.lflag & ECHOE) this.out([8, 32, 8]);
        }
      } else if (c === t.cc[VWERASE] && t.lflag & IEXTEN) {
        while (this.line.length && this.line[this.line.length - 1] === 32) this.eraseOne();
        while (this.line.length && this.line[this.line.length - 1] !== 32) this.eraseOne();
      } else if (c === t.cc[VEOF]) {
        // Ends the read with what the line has; on an empty line, end of input.
        if (this.line.length) this.ready.push(...this.line);
        else this.ready.push(EOF_MARK);
        this.line = [];
      } else if (c === 10) {
        this.line.push(10);
        this.ready.push(...this.line);
        this.line = [];
        if (t.lflag & ECHO) this.out([10]);
      } else {
        this.line.push(c);
        if (t.lflag & ECHO) this.echoChar(c);
      }
    }
  }

  /** The terminal emulator's size changed (SIGWINCH for the foreground group). */
  resize(rows: number, cols: number): void {
    this.rows = rows;
    this.cols = cols;
    this.signalGroup(this.terminal!.pgrp, 28);
  }

  private eraseOne(): void {
    this.line.pop();
    if (this.termios.lflag & ECHO) this.out([8, 32, 8]);
  }

  private echoChar(c: number): void {
    if (c < 32 && c !== 9 && c !== 10 && this.termios.lflag & ECHOCTL) this.echoCtl(c);
    else this.out([c]);
  }

  private echoCtl(c: number): void {
    this.out([94, c ^ 64]); // ^C
  }

  /** Output processing (OPOST | ONLCR: \n -> \r\n). */
  private out(bytes: ArrayLike<number>): void {
    const b = Uint8Array.from(bytes);
    this.output(this.post(b));
  }

  private post(b: Uint8Array): Uint8Array {
    const t = this.termios;
    if (!(t.oflag & OPOST) || !(t.oflag & ONLCR) || !b.includes(10)) return b;
    const out: number[] = [];
    for (const c of b) {
      if (c === 10) out.push(13);
      out.push(c);
    }
    return Uint8Array.from(out);
  }

  // ---- the guest's side (FileDesc)

  read(buf: Uint8Array): number {
    return this.readInput(buf, (this.flags & O.NONBLOCK) !== 0);
  }

  /**
   * A read of the input (a pty slave's descriptions have flags of their own: `nonblock`). Canonical
   * mode reads at most a line; otherwise (n_tty_read) VMIN bytes, or the buffer full, end the wait:
   * VMIN 0 with VTIME 0 reads what is there (0 bytes at once), VMIN 0 with VTIME waits for one
   * byte (at most VTIME tenths of a second, `vtimeNs`: then 0); with both set, the first byte ends
   * the wait (the inter-byte timer is not modelled).
   */
  readInput(buf: Uint8Array, nonblock: boolean): number {
    if (buf.length === 0) return 0;
    const r = this.ready;
    if (!(this.termios.lflag & ICANON) && r.length < Math.min(this.vmin, buf.length)) {
      if (this.termios.cc[VMIN] === 0 && this.termios.cc[VTIME] === 0) return 0;
      if (!nonblock || r.length === 0) return nonblock ? -EAGAIN : WOULD_BLOCK;
    }
    if (r.length === 0) return nonblock ? -EAGAIN : WOULD_BLOCK;
    if (r[0] === EOF_MARK) {
      r.shift();
      return 0;
    }
    const canon = (this.termios.lflag & ICANON) !== 0;
    let n = 0;
    while (n < buf.length && r.length && r[0] !== EOF_MARK) {
      const c = r.shift()!;
      buf[n++] = c;
      if (canon && c === 10) break;
    }
    return n;
  }

  write(data: Uint8Array): number {
    return this.writeOutput(data, (this.flags & O.NONBLOCK) !== 0);
  }

  /** A write of the guest's output (processed by OPOST), waiting while output is stopped. */
  writeOutput(data: Uint8Array, nonblock: boolean): number {
    if (this.stopped && data.length) return nonblock ? -EAGAIN : WOULD_BLOCK;
    this.output(this.post(data));
    return data.length;
  }

  /**
   * tcflow (TCXONC): TCOOFF (0) and TCOON (1) suspend and resume output, TCIOFF (2) and TCION (3)
   * send VSTOP and VSTART to the other side; 0 or -EINVAL.
   */
  flow(action: number): number {
    if (action === 0) this.stopped = true;
    else if (action === 1) this.stopped = false;
    else if (action === 2 || action === 3) {
      const c = this.termios.cc[action === 2 ? VSTOP : VSTART];
      if (c !== 0) this.output(Uint8Array.of(c));
    } else return -EINVAL;
    return 0;
  }

  override writable(): boolean {
    return !this.stopped;
  }

  /** What a non-canonical read waits for (input_available_p's amount: VMIN when VTIME is 0, else 1). */
  private get vmin(): number {
    const cc = this.termios.cc;
    return cc[VTIME] === 0 && cc[VMIN] > 0 ? cc[VMIN] : 1;
  }
  /** How long a non-canonical read with VMIN 0 waits for a byte (VTIME tenths of a second), or 0n. */
  get vtimeNs(): bigint {
    const cc = this.termios.cc;
    return this.termios.lflag & ICANON || cc[VMIN] !== 0 ? 0n : BigInt(cc[VTIME]) * 100_000_000n;
  }
  /** Input readiness: a line (canonical) or an end-of-file mark, VMIN bytes (raw; see readInput). */
  override readable(): boolean {
    return this.ready.length >= (this.termios.lflag & ICANON ? 1 : this.vmin);
  }
  /** n_tty_poll: readable as above; output never waits (the emulator takes every byte at once). */
  override poll(): number {
    return (this.readable() ? POLL.IN | POLL.RDNORM : 0) | (this.stopped ? 0 : POLL.OUT | POLL.WRNORM);
  }
  override get external(): boolean {
    return true;
  }
  override isatty(): boolean {
    return true;
  }
  override winsize(): { rows: number; cols: number } {
    return { rows: this.rows, cols: this.cols };
  }
  /** Bytes a read could take now (FIONREAD). */
  get inputBytes(): number {
    let n = 0;
    for (const c of this.ready) if (c !== EOF_MARK) n++;
    return n;
  }
  /** TCSETSF: the input not read yet is dropped. */
  flushInput(): void {
    this.ready = [];
    this.line = [];
  }

  stat(): HostStat {
    if (this.deviceStat) return this.deviceStat();
    return {
      dev: 5n,
      ino: 3n,
      mode: S_IFCHR | 0o620,
      nlink: 1,
      uid: 0,
      gid: 0,
      rdev: (136n << 8n) | 0n, // /dev/pts/0
      size: 0n,
      blksize: 1024,
      blocks: 0n,
      atimeNs: 0n,
      mtimeNs: 0n,
      ctimeNs: 0n,
    };
  }
}
