// A Linux process (QEMU's linux-user/main.c, the per-target cpu_loop.c and signal.c, made generic):
// its address space, fd table, signal dispositions, threads, ids and resources, and the loop that
// runs its threads on the architecture's UserCpu: CPU events become syscalls (the kernel's
// dispatcher) or signals, and pending signals are delivered whenever the loop regains control.
//
// The run loop is public in pieces so that embedders and debuggers can drive it: runSlice() runs
// one slice and says why it stopped (Continue, Exit, Blocked by a syscall hook, a Fault to report
// before its signal, or a Foreign exception that is not Linux's); handleException() handles an
// engine exception a stepper left pending; prepare() is what precedes every slice. run() is the
// plain loop to exit.
import type { ExecOptions } from "../exec/cpu-exec.ts";
import type { LinuxAbi } from "./abi.ts";
import { AddressSpace, OutOfGuestMemory } from "./address-space.ts";
import type { DispatchTarget, SyscallDispatcher } from "./dispatcher.ts";
import { ETIMEDOUT, O, S_IFMT } from "./errno.ts";
import { ExitProcess, FatalSignal } from "./exit.ts";
import { FdTable, HostFile, StdioFile } from "./files.ts";
import type { LinuxHost } from "./host-api.ts";
import { Kernel } from "./kernel.ts";
import type { AddressLayout } from "./layouts.ts";
import { loadProgram } from "./loader.ts";
import { riscv64Abi } from "./riscv64/abi.ts";
import {
  BUS_ADRALN,
  ILL_ILLOPC,
  NSIG,
  SA_NODEFER,
  SA_ONSTACK,
  SA_RESETHAND,
  SIGBUS,
  SIGFPE,
  SIGILL,
  SIGSEGV,
  SIGTRAP,
  SIG_DFL,
  SIG_IGN,
  SEGV_ACCERR,
  SEGV_MAPERR,
  SS_DISABLE,
  SS_ONSTACK,
  MINSIGSTKSZ,
  TRAP_BRKPT,
  UNBLOCKABLE,
  defaultAction,
  sigbit,
  signalName,
  type SigAction,
  type SigInfo,
} from "./signals.ts";
import { SyscallArgs } from "./syscall-args.ts";
import type { Rlimit, Task, Zombie } from "./task.ts";
import { Thread } from "./thread.ts";
import { CpuEvent, type UserCpu } from "./user-cpu.ts";
import { WaitQueue, type Waiter } from "./wait.ts";

export { ExitProcess, FatalSignal } from "./exit.ts";
export type { Waiter } from "./wait.ts";
export { Thread } from "./thread.ts";

export interface ProcessOptions extends ExecOptions {
  /** The guest architecture (default riscv64, the first guest; CLIs pass theirs). */
  abi?: LinuxAbi;
  /** The kernel this process lives in (default: a new one for its ABI). */
  kernel?: Kernel;
  /** Guest RAM in bytes (default 1 GiB, allocated lazily by the host). At most 2 GiB. */
  ramBytes?: number;
  /** Reads a file for the loader (the interpreter named by PT_INTERP); null if missing. */
  readFile?: (path: string) => Uint8Array | null;
  /** Sysroot prefix for the interpreter and for absolute paths the guest opens (qemu's -L). */
  sysroot?: string;
  /** Instructions per slice between host checks (one thread). */
  slice?: number;
  /** Instructions per slice when several guest threads are runnable. */
  threadSlice?: number;
  /** Set for a forked child: its standard streams come from the parent's fd table. */
  forkOf?: LinuxProcess;
  /** Process ids (default: the host's). */
  pid?: number;
  ppid?: number;
}

export interface RunResult {
  exitCode: number;
  /** Set when a fatal signal ended the process. */
  signal?: number;
  insns: number;
}

/** Why runSlice() (and the other public steps of the run loop) returned. */
export const enum SliceStop {
  /** The slice ended (its budget, or a syscall or signal was handled): run again. */
  Continue = 0,
  /** The process has exited: see exitStatus. */
  Exit = 1,
  /** A syscall hook blocked a call (blockedSyscall); the thread is at the syscall instruction. */
  Blocked = 2,
  /** stopOnFault: a fault's signal is pending (pendingFault); the next slice delivers it. */
  Fault = 3,
  /** The CPU raised an exception Linux does not know (a debugger's or embedder's): cpu.excp. */
  Foreign = 4,
  /** The engine stopped at a breakpoint or watchpoint (cpu.debugStop); running again resumes. */
  Debug = 5,
  /**
   * Every thread waits for the host (a host socket): return to the host's event loop, at most
   * until idleDeadline, then run again (runProcessAsync does this).
   */
  Idle = 6,
}

/** A fault stopped at (stopOnFault), before its signal is delivered. */
export interface PendingFault {
  event: CpuEvent;
  /** The target's exception number and the fault address (the pc for illegal instructions). */
  excp: number;
  addr: number;
  code: number;
  /** The signal Linux delivers for it. */
  signal: number;
}

const enc = new TextEncoder();

export class LinuxProcess implements Task, DispatchTarget {
  readonly kernel: Kernel;
  readonly abi: LinuxAbi;
  readonly as: AddressSpace;
  readonly cpu: UserCpu;
  /** The syscall dispatcher (shared by the kernel's processes): -strace (`trace`) and hooks. */
  readonly sys: SyscallDispatcher;
  readonly fds = new FdTable();
  readonly args: SyscallArgs;
  private readonly slice: number;
  private readonly threadSlice: number;
  brkStart = 0;
  brk = 0;
  exePath = "";
  readonly pid: number;
  readonly ppid: number;
  /**
   * Process group and session: today every process leads its own (setpgid/setsid change
   * nothing, a forked child does not inherit them), as the serial fork has always shown it.
   */
  pgid: number;
  sid: number;
  umask = 0o022;
  threads: Thread[] = [];
  /** The running thread. */
  cur: Thread;
  private nextTid: number;
  readonly sigactions: SigAction[] = [];
  readonly futexes = new WaitQueue<number>();
  /** The kernel's sigreturn trampoline. */
  sigtramp = 0;
  /** Where the next mmap without a hint looks (top-down), like qemu's mmap_next_start. */
  mmapNext: number;
  /** qemu's path() cache: absolute guest path -> host path (sysroot first). */
  private pathCache = new Map<string, string>();
  /** The current thread gave up its slice (sched_yield, blocked, exited). */
  yieldNow = false;
  readonly zombies: Zombie[] = [];
  /** setrlimit values (others are the host's). */
  private readonly rlimits = new Map<number, Rlimit>();
  /** Set when a syscall hook blocked a call: its number (until the next slice). */
  blockedSyscall = -1;
  /** Stop with SliceStop.Fault before delivering a fault's signal (debuggers, embedders). */
  stopOnFault = false;
  pendingFault: PendingFault | null = null;
  /** Set once the process has exited. */
  exitStatus: { exitCode: number; signal?: number } | null = null;

  constructor(
    readonly host: LinuxHost,
    readonly opts: ProcessOptions = {},
  ) {
    this.kernel = opts.kernel ?? new Kernel(host, opts.abi ?? riscv64Abi);
    this.abi = this.kernel.abi;
    this.sys = this.kernel.sys;
    this.as = new AddressSpace(opts.ramBytes ?? 1 << 30);
    this.cpu = this.abi.createCpu(this.as, opts);
    this.args = new SyscallArgs(this.abi.layouts.wordBytes === 8 ? 64 : 32);
    this.mmapNext = this.abi.layout.mmapBase;
    this.slice = opts.slice ?? 1 << 22;
    this.threadSlice = opts.threadSlice ?? 100_000;
    this.pid = opts.pid ?? host.pid ?? 1000;
    this.ppid = opts.ppid ?? host.ppid ?? 1;
    this.pgid = this.sid = this.pid;
    this.nextTid = this.pid + 1;
    this.cur = new Thread(this.pid, this.pid, this.cpu.regSlots);
    this.threads.push(this.cur);
    for (let i = 0; i <= NSIG; i++) this.sigactions.push({ handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0 });
    this.kernel.register(this);
    // Standard streams.
    const hs = host.stdioHandles;
    for (let fd = 0; fd < 3 && !opts.forkOf; fd++) {
      if (hs) {
        const st = host.fs.fstat(hs[fd]);
        const mode = typeof st === "number" ? 0o010000 : st.mode & S_IFMT;
        const f = new HostFile(host.fs, hs[fd], fd === 0 ? O.RDONLY : O.WRONLY, `/proc/self/fd/${fd}`, mode);
        f.borrowed = true; // never close the host's own stdio
        f.path = null;
        // The host's own stdio: always at the host's file position (it may be shared or O_APPEND).
        f.seekable = false;
        this.fds.installAt(fd, f);
      } else this.fds.installAt(fd, new StdioFile(host, fd));
    }
  }

  // ---- Task: the process as syscall handlers see it

  get task(): Task {
    return this;
  }
  get thread(): Thread {
    return this.cur;
  }
  get layout(): AddressLayout {
    return this.abi.layout;
  }
  get machine(): string {
    return this.abi.machine;
  }

  /** Host path for an absolute guest path: the sysroot copy if it exists (qemu's path()). */
  sysrootPath(p: string): string {
    const root = this.opts.sysroot;
    if (!root || !p.startsWith("/")) return p;
    let r = this.pathCache.get(p);
    if (r === undefined) {
      const full = root.replace(/\/+$/, "") + p;
      r = this.host.fs.access(full, 0) === 0 ? full : p;
      this.pathCache.set(p, r);
    }
    return r;
  }

  getRlimit(res: number): Rlimit | null {
    return this.rlimits.get(res) ?? this.host.rlimit?.(res) ?? null;
  }
  setRlimit(res: number, v: Rlimit): void {
    this.rlimits.set(res, v);
    if (res === 7) this.fds.limit = v[0] < 0 ? 1 << 20 : Math.min(v[0], 1 << 20); // RLIMIT_NOFILE
  }

  block(w: Waiter): void {
    this.cur.wait = w;
    this.yieldNow = true;
  }
  restartSyscall(): void {
    this.cpu.restartSyscall();
  }
  setResult(v: number): void {
    this.cpu.setSyscallResult(v);
  }
  yieldCpu(): void {
    this.yieldNow = true;
  }
  stackPointer(): number {
    return this.cpu.sp;
  }

  // ---- loading

  /** Loads the program and builds its stack; throws ElfError with a one-line reason. */
  load(elf: Uint8Array, argv: string[], envp: string[], exePath = argv[0] ?? "prog", execfn = argv[0] ?? exePath): void {
    this.exePath = exePath;
    const r = loadProgram(this.as, this.abi, {
      elf,
      argv,
      envp,
      exePath,
      execfn,
      sysroot: this.opts.sysroot,
      readFile: this.opts.readFile,
      random: this.host.randomBytes(16),
      uid: this.host.uid ?? 0,
      gid: this.host.gid ?? 0,
    });
    this.brkStart = this.brk = r.brk;
    this.mmapNext = r.mmapNext;
    this.sigtramp = r.sigtramp;
    this.cpu.sp = r.sp;
    this.cpu.pc = r.entry;
  }

  // ---- fork

  /**
   * fork (clone without CLONE_VM, and vfork) by running the child to completion at once: the child
   * gets a copy of the address space, registers (the syscall returns 0 there), signal dispositions
   * and the fd table (sharing open file descriptions, so offsets and pipes are shared as after a
   * real fork), runs until it exits, and leaves a zombie for wait4. Enough for shells, whose parent
   * only waits.
   */
  fork(exitSignal: number, newSp: number, tls: number | null, setup: (child: Task) => void): number {
    const pid = this.kernel.childPid(this);
    const child = new LinuxProcess(this.host, { ...this.opts, kernel: this.kernel, forkOf: this, pid, ppid: this.pid });
    this.as.copyInto(child.as);
    const regs = new Int32Array(this.cpu.regSlots);
    this.cpu.saveRegs(regs);
    this.cpu.initCloneRegs(regs, newSp, tls);
    child.cpu.loadRegs(regs);
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    child.exePath = this.exePath;
    child.umask = this.umask;
    child.sigtramp = this.sigtramp;
    child.mmapNext = this.mmapNext;
    child.pathCache = this.pathCache;
    for (let i = 0; i <= NSIG; i++) child.sigactions[i] = { ...this.sigactions[i] };
    child.cur.sigmask = this.cur.sigmask;
    child.cur.altSp = this.cur.altSp;
    child.cur.altSize = this.cur.altSize;
    child.cur.altFlags = this.cur.altFlags;
    for (const fd of child.fds.list()) child.fds.close(fd);
    for (const fd of this.fds.list()) child.fds.installAt(fd, this.fds.get(fd)!, this.fds.cloexec(fd));
    for (const [k, v] of this.rlimits) child.setRlimit(k, v);
    setup(child);
    const r = child.run();
    const status = r.signal ? r.signal : (r.exitCode & 0xff) << 8;
    this.zombies.push({ pid, status });
    if (exitSignal) this.queueSignal({ signo: exitSignal, code: 1, pid, uid: this.host.uid ?? 0 }, null);
    return pid;
  }

  // ---- threads

  /** clone(CLONE_VM|CLONE_THREAD): a thread whose registers are a copy of the current ones. */
  cloneThread(newSp: number, tls: number | null): Thread {
    const t = new Thread(this.nextTid++, this.pid, this.cpu.regSlots);
    this.cpu.saveRegs(t.regs);
    this.cpu.initCloneRegs(t.regs, newSp, tls);
    t.sigmask = this.cur.sigmask;
    this.threads.push(t);
    return t;
  }

  /** Ends the current thread (exit): CLONE_CHILD_CLEARTID, then the next thread runs. */
  exitThread(code: number): void {
    const t = this.cur;
    const live = this.threads.filter((x) => !x.dead);
    if (live.length <= 1) throw new ExitProcess(code);
    t.dead = true;
    if (t.clearChildTid) {
      const z = new Uint8Array(4);
      if (this.as.write(t.clearChildTid, z)) this.futexes.wake(t.clearChildTid, 1, -1);
    }
    this.threads = this.threads.filter((x) => x !== t);
    this.yieldNow = true;
  }

  exitGroup(code: number): never {
    throw new ExitProcess(code);
  }

  /**
   * Switches to the next runnable thread (the scheduler's pick) and completes its wait; false
   * when every thread waits for the host (SliceStop.Idle).
   */
  private schedule(): boolean {
    const t = this.kernel.scheduler.pick(this.threads, this.cur);
    if (!t) return false;
    this.switchTo(t);
    return true;
  }

  /** After SliceStop.Idle: the earliest deadline of a blocked call (monotonic ns), or null. */
  get idleDeadline(): bigint | null {
    return this.kernel.scheduler.idleDeadline;
  }

  private switchTo(t: Thread): void {
    if (t !== this.cur) {
      if (!this.cur.dead) this.cpu.saveRegs(this.cur.regs);
      this.cpu.loadRegs(t.regs);
      this.cur = t;
    }
    const w = t.wait;
    if (w) {
      t.wait = null;
      let r: number | null = null;
      if (w.ready()) {
        if (w.result) r = w.result();
      } else {
        w.cancel?.();
        r = w.timeoutResult ?? -ETIMEDOUT;
      }
      if (r !== null) {
        this.cpu.setSyscallResult(r);
        w.trace?.(r);
      }
    }
  }

  // ---- the run loop

  /**
   * What precedes every slice: delivers a fault reported by the last stop, switches threads when
   * the current one yielded, blocked or exited, and delivers pending signals.
   */
  prepare(): SliceStop {
    return this.guard(() => (this.prepareInner() ? SliceStop.Continue : SliceStop.Idle));
  }

  /** False when no thread can run until the host's event loop has run (SliceStop.Idle). */
  private prepareInner(): boolean {
    const pf = this.pendingFault;
    if (pf) {
      this.pendingFault = null;
      this.deliverFault(pf.event, pf.addr, pf.code);
    }
    if (this.yieldNow || this.cur.dead || this.cur.wait) {
      this.yieldNow = false;
      if (!this.schedule()) {
        this.yieldNow = true; // choose again next time
        return false;
      }
    }
    this.processSignals(this.cur);
    return true;
  }

  /**
   * Runs one slice: prepare(), then at most `budget` instructions (capped by the slice length)
   * of the current thread, then handles what stopped it. With budget <= 0 it only prepares.
   */
  runSlice(budget: number): SliceStop {
    if (this.exitStatus) return SliceStop.Exit;
    this.blockedSyscall = -1;
    try {
      if (!this.prepareInner()) return SliceStop.Idle;
      if (budget <= 0) return SliceStop.Continue;
      const multi = this.threads.length > 1;
      const ev = this.cpu.run(Math.min(multi ? this.threadSlice : this.slice, budget));
      if (ev === CpuEvent.Budget) {
        if (multi) this.yieldNow = true;
        return SliceStop.Continue;
      }
      return this.onEvent(ev);
    } catch (e) {
      return this.ended(e);
    }
  }

  /**
   * Handles an engine exception that a stepper (which ran bytecode itself) left pending, as the
   * run loop would, then prepares the next slice.
   */
  handleException(excp: number, auxLo: number, auxHi: number): SliceStop {
    if (this.exitStatus) return SliceStop.Exit;
    this.blockedSyscall = -1;
    return this.guard(() => {
      const s = this.onEvent(this.cpu.classify(excp, auxLo, auxHi));
      if (s !== SliceStop.Continue) return s;
      return this.prepareInner() ? SliceStop.Continue : SliceStop.Idle;
    });
  }

  /** A CPU event: syscalls are dispatched, faults become signals (or a Fault stop). */
  private onEvent(ev: CpuEvent): SliceStop {
    const cpu = this.cpu;
    if (ev === CpuEvent.Syscall) {
      const at = cpu.pc;
      cpu.enterSyscall();
      this.sys.dispatch(this, at);
      return this.blockedSyscall >= 0 ? SliceStop.Blocked : SliceStop.Continue;
    }
    if (ev === CpuEvent.Other) return SliceStop.Foreign;
    if (ev === CpuEvent.Debug) return SliceStop.Debug;
    if (this.stopOnFault) {
      this.pendingFault = { event: ev, excp: cpu.excp, addr: cpu.faultAddr, code: cpu.faultCode, signal: faultSignal(ev) };
      return SliceStop.Fault;
    }
    this.deliverFault(ev, cpu.faultAddr, cpu.faultCode);
    return SliceStop.Continue;
  }

  /** The signal a fault raises for the current thread (Linux's force_sig_fault). */
  private deliverFault(ev: CpuEvent, addr: number, code: number): void {
    switch (ev) {
      case CpuEvent.IllegalInsn:
        return this.forceSignal({ signo: SIGILL, code: ILL_ILLOPC, addr });
      case CpuEvent.Breakpoint:
        return this.forceSignal({ signo: SIGTRAP, code: TRAP_BRKPT, addr });
      case CpuEvent.Misaligned:
        return this.forceSignal({ signo: SIGBUS, code: BUS_ADRALN, addr });
      case CpuEvent.Arithmetic:
        return this.forceSignal({ signo: SIGFPE, code, addr });
      default: {
        const mapped = this.as.isMapped(Math.floor(addr / 4096));
        return this.forceSignal({ signo: SIGSEGV, code: mapped ? SEGV_ACCERR : SEGV_MAPERR, addr });
      }
    }
  }

  /** Runs `f`, turning the ways a process ends into SliceStop.Exit (exitStatus set, fds closed). */
  private guard(f: () => SliceStop): SliceStop {
    try {
      return f();
    } catch (e) {
      return this.ended(e);
    }
  }

  /** The process ended by `e` (exit_group, a fatal signal, no guest memory left), else rethrows. */
  private ended(e: unknown): SliceStop {
    if (e instanceof ExitProcess) return this.finish(e.code);
    if (e instanceof FatalSignal) return this.finish(128 + e.sig, e.sig);
    if (e instanceof OutOfGuestMemory) {
      this.host.writeStderr(enc.encode(`tciemu: out of guest memory (use a larger RAM size)\n`));
      return this.finish(1);
    }
    throw e;
  }

  private finish(exitCode: number, signal?: number): SliceStop {
    this.exitStatus = signal === undefined ? { exitCode } : { exitCode, signal };
    this.close();
    return SliceStop.Exit;
  }

  /** Runs until the process exits or `maxInsns` instructions have run; closes its fds either way. */
  run(maxInsns = Infinity): RunResult {
    try {
      for (;;) {
        const left = maxInsns - this.cpu.insns;
        const s = this.runSlice(left);
        if (s === SliceStop.Exit) return { ...this.exitStatus!, insns: this.cpu.insns };
        if (s === SliceStop.Idle) this.waitIdleSync();
        if (s === SliceStop.Foreign) {
          // Nothing but Linux drives this loop: an unknown exception is a fault like any other.
          this.guard(() => {
            this.deliverFault(CpuEvent.PageFault, this.cpu.faultAddr, 0);
            return SliceStop.Continue;
          });
          if (this.exitStatus) return { ...this.exitStatus, insns: this.cpu.insns };
        }
        if (left <= 0) return { exitCode: -1, insns: this.cpu.insns };
      }
    } finally {
      this.close();
    }
  }

  /**
   * run() for guests that use the host's network: the same loop, but on SliceStop.Idle it awaits
   * `idle(deadline)` (the host resolves it when a host socket event arrives, or at the deadline),
   * and at least every `yieldMs` of running it awaits `idle(0n)` so that the host's events are
   * seen while some thread computes and another waits for the network.
   */
  async runAsync(idle: (deadlineNs: bigint | null) => Promise<void>, maxInsns = Infinity, yieldMs = 20): Promise<RunResult> {
    try {
      let since = performance.now();
      for (;;) {
        const left = maxInsns - this.cpu.insns;
        const s = this.runSlice(left);
        if (s === SliceStop.Exit) return { ...this.exitStatus!, insns: this.cpu.insns };
        if (s === SliceStop.Idle) {
          await idle(this.idleDeadline);
          since = performance.now();
        } else if (performance.now() - since >= yieldMs) {
          await idle(0n);
          since = performance.now();
        }
        if (s === SliceStop.Foreign) {
          this.guard(() => {
            this.deliverFault(CpuEvent.PageFault, this.cpu.faultAddr, 0);
            return SliceStop.Continue;
          });
          if (this.exitStatus) return { ...this.exitStatus, insns: this.cpu.insns };
        }
        if (left <= 0) return { exitCode: -1, insns: this.cpu.insns };
      }
    } finally {
      this.close();
    }
  }

  /**
   * run()'s answer to SliceStop.Idle: a synchronous caller cannot let the host's event loop run,
   * so it sleeps to the earliest deadline; with none, the guest would wait forever (the host
   * socket's events need runAsync) and the process ends like a deadlock.
   */
  private waitIdleSync(): void {
    const d = this.idleDeadline;
    if (d === null) {
      this.host.writeStderr(enc.encode(`tciemu: every guest thread waits for the network, which needs an asynchronous run loop\n`));
      this.finish(1);
      return;
    }
    const ns = d - this.host.monotonicNs();
    if (ns > 0n) this.host.sleepNs?.(ns);
  }

  /** Closes every guest fd (at exit). */
  close(): void {
    for (const fd of this.fds.list()) this.fds.close(fd);
    this.kernel.unregister(this);
  }

  /** Guest instructions retired so far. */
  get insns(): number {
    return this.cpu.insns;
  }

  // ---- signals

  /** A synchronous signal (fault): if blocked or ignored, the default action applies (force_sig). */
  forceSignal(si: SigInfo): void {
    const t = this.cur;
    const act = this.sigactions[si.signo];
    if (t.sigmask & sigbit(si.signo) || act.handler === SIG_IGN) {
      act.handler = SIG_DFL;
      t.sigmask &= ~sigbit(si.signo);
    }
    t.pending.unshift(si);
    this.processSignals(t);
  }

  /** Queues a signal for a thread (tkill) or the process (kill: the first thread not blocking it). */
  queueSignal(si: SigInfo, target: Thread | null): void {
    let t = target;
    if (!t) t = this.threads.find((x) => !(x.sigmask & sigbit(si.signo))) ?? this.cur;
    if (t.pending.some((p) => p.signo === si.signo) && si.signo < 32) return; // standard signals don't queue
    t.pending.push(si);
    if (t.wait && !(t.sigmask & sigbit(si.signo))) {
      // interrupt the wait: the syscall returns -EINTR
      const w = t.wait;
      w.cancel?.();
      t.wait = { ready: () => true, result: () => -4 };
    }
  }

  /** Delivers the thread's deliverable pending signals (qemu's process_pending_signals). */
  processSignals(t: Thread = this.cur): void {
    for (let guard = 0; guard < 64 && t.pending.length; guard++) {
      const i = t.pending.findIndex((p) => !(t.sigmask & sigbit(p.signo)) || (sigbit(p.signo) & UNBLOCKABLE) !== 0n);
      if (i < 0) return;
      const [si] = t.pending.splice(i, 1);
      this.deliver(t, si);
    }
  }

  private deliver(t: Thread, si: SigInfo): void {
    const sig = si.signo;
    const act = this.sigactions[sig];
    if (act.handler === SIG_IGN) return;
    if (act.handler === SIG_DFL) {
      const what = defaultAction(sig);
      if (what === "ignore" || what === "stop") return;
      if (what === "core" && this.coreDumps())
        this.host.writeStderr(enc.encode(`qemu: uncaught target signal ${sig} (${signalName(sig)}) - core dumped\n`));
      throw new FatalSignal(sig);
    }
    const cpu = this.cpu;
    let sp = cpu.sp;
    const onAlt = t.onAltStack(sp);
    if (act.flags & SA_ONSTACK && !(t.altFlags & SS_DISABLE) && !onAlt) sp = t.altSp + t.altSize;
    const ok = this.abi.signals.setupFrame({
      cpu,
      as: this.as,
      thread: t,
      sig,
      info: si,
      action: act,
      sp,
      ssFlags: t.altFlags & SS_DISABLE ? SS_DISABLE : onAlt ? SS_ONSTACK : 0,
      sigtramp: this.sigtramp,
    });
    if (!ok) {
      // No room for the frame: SIGSEGV with the default action (qemu's force_sigsegv).
      if (sig === SIGSEGV) act.handler = SIG_DFL;
      this.sigactions[SIGSEGV].handler = SIG_DFL;
      if (this.coreDumps())
        this.host.writeStderr(enc.encode(`qemu: uncaught target signal ${SIGSEGV} (${signalName(SIGSEGV)}) - core dumped\n`));
      throw new FatalSignal(SIGSEGV);
    }
    t.sigmask = (t.sigmask | act.mask | (act.flags & SA_NODEFER ? 0n : sigbit(sig))) & ~UNBLOCKABLE;
    if (act.flags & SA_RESETHAND) act.handler = SIG_DFL;
  }

  /**
   * Whether qemu would dump core for a fatal signal, and so print "qemu: uncaught target signal N
   * (...) - core dumped": only when RLIMIT_CORE allows a core file (qemu 10 prints nothing when the
   * soft limit is 0). Hosts that don't know their limits (in-memory ones) get the message. tciemu
   * never writes the core file itself.
   */
  coreDumps(): boolean {
    const r = this.getRlimit(4);
    return r === null || r[0] !== 0;
  }

  /** sigreturn / rt_sigreturn: restores the state saved in the frame at sp. Returns false on a bad frame. */
  sigreturn(rt: boolean): boolean {
    const t = this.cur;
    const r = this.abi.signals.restoreFrame(this.cpu, this.as, rt);
    if (!r) return false;
    t.sigmask = r.mask & ~UNBLOCKABLE;
    // sigaltstack from uc_stack (ignored if it would be invalid, like do_sigaltstack's checks)
    const ss = r.stack;
    if (ss && !t.onAltStack(this.cpu.sp)) {
      if (ss.flags & SS_DISABLE) {
        t.altFlags = SS_DISABLE;
        t.altSp = t.altSize = 0;
      } else if (ss.size >= MINSIGSTKSZ) {
        t.altSp = ss.sp;
        t.altSize = ss.size;
        t.altFlags = 0;
      }
    }
    return true;
  }

  // ---- memory helpers for mmap

  /** A free range of len bytes (top-down from the last mmap, like the kernel's mmap_base). */
  findMmapRange(len: number, hint = 0): number {
    const top = this.abi.layout.mmapBase;
    if (hint) {
      const h = Math.floor(hint / 4096) * 4096;
      let free = h + len <= top && h >= 0x10000;
      for (let a = h; free && a < h + len; a += 4096) if (this.as.isMapped(a / 4096)) free = false;
      if (free) return h;
    }
    let at = this.as.findFree(len, this.mmapNext);
    if (at < 0) at = this.as.findFree(len, top);
    if (at >= 0) this.mmapNext = at;
    return at;
  }
}

/** The signal Linux sends for a fault event. */
export function faultSignal(ev: CpuEvent): number {
  switch (ev) {
    case CpuEvent.IllegalInsn:
      return SIGILL;
    case CpuEvent.Breakpoint:
      return SIGTRAP;
    case CpuEvent.Misaligned:
      return SIGBUS;
    case CpuEvent.Arithmetic:
      return SIGFPE;
    default:
      return SIGSEGV;
  }
}
