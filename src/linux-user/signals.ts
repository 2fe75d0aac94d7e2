// Linux signals (QEMU's linux-user/signal.c): numbers and names as i386, ARM and riscv64 share them,
// default actions, and the kernel-side state (sigaction, siginfo). The frames the kernel builds on
// the guest stack to run a handler are per architecture (riscv64/signal-frame.ts).
export const SIGHUP = 1,
  SIGINT = 2,
  SIGQUIT = 3,
  SIGILL = 4,
  SIGTRAP = 5,
  SIGABRT = 6,
  SIGBUS = 7,
  SIGFPE = 8,
  SIGKILL = 9,
  SIGUSR1 = 10,
  SIGSEGV = 11,
  SIGUSR2 = 12,
  SIGPIPE = 13,
  SIGALRM = 14,
  SIGTERM = 15,
  SIGSTKFLT = 16,
  SIGCHLD = 17,
  SIGCONT = 18,
  SIGSTOP = 19,
  SIGTSTP = 20,
  SIGTTIN = 21,
  SIGTTOU = 22,
  SIGURG = 23,
  SIGXCPU = 24,
  SIGXFSZ = 25,
  SIGVTALRM = 26,
  SIGPROF = 27,
  SIGWINCH = 28,
  SIGIO = 29,
  SIGPWR = 30,
  SIGSYS = 31;
export const NSIG = 64;

const NAMES: Record<number, string> = {
  1: "Hangup",
  2: "Interrupt",
  3: "Quit",
  4: "Illegal instruction",
  5: "Trace/breakpoint trap",
  6: "Aborted",
  7: "Bus error",
  8: "Floating point exception",
  9: "Killed",
  10: "User defined signal 1",
  11: "Segmentation fault",
  12: "User defined signal 2",
  13: "Broken pipe",
  14: "Alarm clock",
  15: "Terminated",
  16: "Stack fault",
  17: "Child exited",
  18: "Continued",
  19: "Stopped (signal)",
  20: "Stopped",
  21: "Stopped (tty input)",
  22: "Stopped (tty output)",
  23: "Urgent I/O condition",
  24: "CPU time limit exceeded",
  25: "File size limit exceeded",
  26: "Virtual timer expired",
  27: "Profiling timer expired",
  28: "Window changed",
  29: "I/O possible",
  30: "Power failure",
  31: "Bad system call",
};

/** strsignal() text, as qemu prints it. */
export function signalName(sig: number): string {
  if (NAMES[sig]) return NAMES[sig];
  if (sig >= 34 && sig <= 64) return `Real-time signal ${sig - 34}`;
  return `Unknown signal ${sig}`;
}

const SHORT = [
  "",
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGILL",
  "SIGTRAP",
  "SIGABRT",
  "SIGBUS",
  "SIGFPE",
  "SIGKILL",
  "SIGUSR1",
  "SIGSEGV",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGSTKFLT",
  "SIGCHLD",
  "SIGCONT",
  "SIGSTOP",
  "SIGTSTP",
  "SIGTTIN",
  "SIGTTOU",
  "SIGURG",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGPROF",
  "SIGWINCH",
  "SIGIO",
  "SIGPWR",
  "SIGSYS",
];
/** "SIGSEGV", for -strace. */
export function signalConst(sig: number): string {
  return SHORT[sig] ?? `${sig}`;
}

export const SIG_DFL = 0,
  SIG_IGN = 1;
export const SA_NOCLDSTOP = 1,
  SA_NOCLDWAIT = 2,
  SA_SIGINFO = 4,
  SA_RESTORER = 0x04000000,
  SA_ONSTACK = 0x08000000,
  SA_RESTART = 0x10000000,
  SA_NODEFER = 0x40000000,
  SA_RESETHAND = 0x80000000;
export const SS_ONSTACK = 1,
  SS_DISABLE = 2;

/** si_code values. */
export const SI_USER = 0,
  SI_KERNEL = 0x80,
  SI_TKILL = -6,
  CLD_EXITED = 1,
  CLD_KILLED = 2,
  CLD_DUMPED = 3,
  CLD_STOPPED = 5,
  CLD_CONTINUED = 6,
  SEGV_MAPERR = 1,
  SEGV_ACCERR = 2,
  BUS_ADRALN = 1,
  BUS_ADRERR = 2,
  ILL_ILLOPC = 1,
  TRAP_BRKPT = 1;

export interface SigAction {
  handler: number;
  flags: number;
  mask: bigint;
  /** sa_restorer (ABIs with SA_RESTORER: i386, ARM), else 0. */
  restorer: number;
}

export interface SigInfo {
  signo: number;
  code: number;
  /** si_addr for faults; si_pid / si_uid for kill. */
  addr?: number;
  pid?: number;
  uid?: number;
  /** SIGCHLD: the child's exit code, or the signal that ended or stopped it. */
  status?: number;
  /** A POSIX timer's signal (si_code SI_TIMER): si_timerid, si_overrun, si_value. */
  timerId?: number;
  overrun?: number;
  value?: bigint;
  /**
   * Sent to the process (kill), not to a thread (tkill, a fault): while every thread blocks it, it waits
   * on one thread's queue but is Linux's shared pending, which rt_sigtimedwait in any thread may take.
   */
  toProcess?: boolean;
}

/** Default action of a signal with SIG_DFL: "ignore", "core" (terminate, qemu prints) or "term". */
export function defaultAction(sig: number): "ignore" | "core" | "term" | "stop" {
  switch (sig) {
    case SIGCHLD:
    case SIGURG:
    case SIGWINCH:
    case SIGCONT:
      return "ignore";
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
      return "stop";
    case SIGQUIT:
    case SIGILL:
    case SIGTRAP:
    case SIGABRT:
    case SIGBUS:
    case SIGFPE:
    case SIGSEGV:
    case SIGXCPU:
    case SIGXFSZ:
    case SIGSYS:
      return "core";
    default:
      return "term";
  }
}

export const sigbit = (sig: number): bigint => 1n << BigInt(sig - 1);
/** Signals whose default action stops the process. */
export const isStopSignal = (sig: number): boolean => sig === SIGSTOP || sig === SIGTSTP || sig === SIGTTIN || sig === SIGTTOU;
/** Signals a fault raises, which Linux's next_signal takes before any other (SYNCHRONOUS_MASK). */
export const SYNCHRONOUS = sigbit(SIGSEGV) | sigbit(SIGBUS) | sigbit(SIGILL) | sigbit(SIGTRAP) | sigbit(SIGFPE) | sigbit(SIGSYS);

/**
 * The order in which Linux's dequeue_signal takes pending signals (lower first): the thread's own
 * before those sent to the process, then as next_signal, synchronous ones first, then by number
 * (standard before real-time); equal keys keep their queue order (a real-time signal queued twice).
 */
export function dequeueKey(si: SigInfo): number {
  return (si.toProcess ? 200 : 0) + (SYNCHRONOUS & sigbit(si.signo) ? 0 : 100) + si.signo;
}

/** What nextPending reads of a thread (a Thread: thread.ts imports this file, not the other way round). */
export interface SignalQueue {
  readonly pending: SigInfo[];
  readonly dead: boolean;
}

/**
 * The pending signal of `set` Linux's dequeue_signal takes for thread `th`: from the thread's own
 * queue first, then from the process's (signals sent to the process, which tciemu keeps on the
 * queue of the thread it chose, marked toProcess); within a queue as next_signal does (a
 * synchronous one first, else the lowest number, the oldest of a real-time signal queued several
 * times). null: none pending.
 */
export function nextPending(th: SignalQueue, threads: readonly SignalQueue[], set: bigint): { queue: SigInfo[]; index: number } | null {
  const pick = (shared: boolean): { queue: SigInfo[]; index: number } | null => {
    let best: { queue: SigInfo[]; index: number } | null = null;
    let bestKey = Infinity;
    for (const x of shared ? [th, ...threads] : [th]) {
      if (x !== th && x.dead) continue;
      const queue = x.pending;
      for (let index = 0; index < queue.length; index++) {
        const p = queue[index];
        if (!(set & sigbit(p.signo)) || (p.toProcess ?? false) !== shared) continue;
        const key = dequeueKey(p);
        if (key < bestKey) {
          best = { queue, index };
          bestKey = key;
        }
      }
    }
    return best;
  };
  return pick(false) ?? pick(true);
}

/** Takes the signal nextPending chooses off its queue (rt_sigtimedwait, a signalfd's read), or null. */
export function takePending(th: SignalQueue, threads: readonly SignalQueue[], set: bigint): SigInfo | null {
  const at = nextPending(th, threads, set);
  return at ? at.queue.splice(at.index, 1)[0] : null;
}

/** Signals that can never be blocked. */
export const UNBLOCKABLE = sigbit(SIGKILL) | sigbit(SIGSTOP);

/** Minimal alternate signal stack size (MINSIGSTKSZ as sigaltstack checks it). */
export const MINSIGSTKSZ = 2048;
