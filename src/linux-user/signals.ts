// Linux signals for riscv64 guests (QEMU's linux-user/signal.c and riscv/signal.c, Linux's
// arch/riscv/kernel/signal.c): numbers and names, sigaction state, and the rt_sigframe the kernel
// builds on the guest stack to run a handler.
//
//   struct rt_sigframe { siginfo_t info (128 bytes); struct ucontext uc; }
//   struct ucontext { u64 uc_flags; ucontext *uc_link; stack_t uc_stack (24 bytes);
//                     sigset_t uc_sigmask (8 bytes); u8 __unused[120];
//                     struct sigcontext uc_mcontext (16-aligned, at offset 176) }
//   struct sigcontext { u64 pc; u64 x1..x31; union __riscv_fp_state (u64 f[32], u32 fcsr; padded
//                     to the Q-extension size of 528 bytes) }
//
// The return address (ra) of a handler is a two-instruction trampoline `li a7, 139; ecall` (as
// QEMU does instead of the kernel's vDSO __vdso_rt_sigreturn), on a page of its own.
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
  SA_ONSTACK = 0x08000000,
  SA_RESTART = 0x10000000,
  SA_NODEFER = 0x40000000,
  SA_RESETHAND = 0x80000000;
export const SS_ONSTACK = 1,
  SS_DISABLE = 2;

/** si_code values. */
export const SI_USER = 0,
  SI_TKILL = -6,
  SEGV_MAPERR = 1,
  SEGV_ACCERR = 2,
  BUS_ADRALN = 1,
  ILL_ILLOPC = 1,
  TRAP_BRKPT = 1;

export interface SigAction {
  handler: number;
  flags: number;
  mask: bigint;
}

export interface SigInfo {
  signo: number;
  code: number;
  /** si_addr for faults; si_pid / si_uid for kill. */
  addr?: number;
  pid?: number;
  uid?: number;
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
/** Signals that can never be blocked. */
export const UNBLOCKABLE = sigbit(SIGKILL) | sigbit(SIGSTOP);

// Frame layout (byte offsets).
export const SIGINFO_SIZE = 128;
export const UC_FLAGS = 0,
  UC_LINK = 8,
  UC_STACK = 16,
  UC_SIGMASK = 40,
  UC_MCONTEXT = 176;
export const SC_SIZE = 8 * 32 + 528;
export const UCONTEXT_SIZE = UC_MCONTEXT + SC_SIZE;
export const RT_SIGFRAME_SIZE = SIGINFO_SIZE + UCONTEXT_SIZE;

/** Encodes a siginfo_t (128 bytes). */
export function encodeSigInfo(si: SigInfo): Uint8Array {
  const b = new Uint8Array(SIGINFO_SIZE);
  const dv = new DataView(b.buffer);
  dv.setInt32(0, si.signo, true);
  dv.setInt32(8, si.code, true);
  if (si.addr !== undefined) dv.setBigUint64(16, BigInt(si.addr), true);
  else {
    dv.setInt32(16, si.pid ?? 0, true);
    dv.setUint32(20, si.uid ?? 0, true);
  }
  return b;
}

/** The sigreturn trampoline: li a7, 139; ecall. */
export const SIGTRAMP = Uint8Array.from([0x93, 0x08, 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00]);
