// The kernel a set of guest processes shares (Linux's process table and scheduler, QEMU's
// cpu_loop for all of them at once): the host, the architecture's ABI and its syscall dispatcher
// (with -strace and embedder hooks), guest physical memory with its page cache, ONE CPU for
// every thread of every process, the scheduler, and the process table with pid allocation,
// process groups and sessions.
//
// runSlice() is the whole machine's step: pick the next runnable thread (round robin over all
// processes), switch to it (registers, and the address space: TLB and jump cache flushed), deliver
// its pending signals, run it for at most a slice, and handle what stopped it (a syscall, a fault)
// in its process. Blocked calls are Waiters whose readiness any process can change (a pipe, a
// child's exit, a futex); when no thread can run the kernel is idle until the earliest deadline
// or until the host brings input. run() loops until every process has exited, sleeping the host
// when idle; runAsync() is the same loop for hosts whose events arrive on their own event loop
// (host sockets: it awaits the host instead of sleeping when a wait is external, and now and then
// while guest code runs); embedders that must not block (a Web Worker) call runSlice() themselves
// and return to their event loop on SliceStop.Idle.
import type { ExecOptions } from "../exec/cpu-exec.ts";
import type { LinuxAbi } from "./abi.ts";
import type { AddressSpace } from "./address-space.ts";
import { SyscallDispatcher } from "./dispatcher.ts";
import { ETIMEDOUT } from "./errno.ts";
import { FileLocks } from "./file-locks.ts";
import { NamedPipes } from "./fifos.ts";
import { TerminalState, type FdTable } from "./files.ts";
import { FsNotify } from "./inotify.ts";
import type { LinuxHost } from "./host-api.ts";
import { KernelMemory } from "./kernel-memory.ts";
import { PageCache } from "./page-cache.ts";
import { SharedFiles } from "./shared-files.ts";
import { SysvIpc } from "./sysv-ipc.ts";
import { PhysicalMemory } from "./phys-mem.ts";
import { Scheduler, type IdleState } from "./scheduler.ts";
import { SI_KERNEL, SIGCONT, type SigInfo } from "./signals.ts";
import type { Thread } from "./thread.ts";
import { newNtpState, type NtpState, type ProcessTimers } from "./timers.ts";
import { CpuEvent, type UserCpu } from "./user-cpu.ts";
import { WAIT_MORE, WaitQueue } from "./wait.ts";
import { PtyTable } from "./pty.ts";

/** Why runSlice() (and the other public steps of the run loop) returned. */
export const enum SliceStop {
  /** The slice ended (its budget, or a syscall or signal was handled): run again. */
  Continue = 0,
  /** Every process has exited. */
  Exit = 1,
  /** A syscall hook blocked a call (blockedSyscall); the thread is at the syscall instruction. */
  Blocked = 2,
  /** stopOnFault: a fault's signal is pending (pendingFault); the next slice delivers it. */
  Fault = 3,
  /** The CPU raised an exception Linux does not know (a debugger's or embedder's): cpu.excp. */
  Foreign = 4,
  /** The engine stopped at a breakpoint or watchpoint (cpu.debugStop); running again resumes. */
  Debug = 5,
  /** No thread can run now: see Kernel.idleState (until a deadline, or host input or a host socket's event). */
  Idle = 6,
}

/** What the kernel's run loop needs of a process (LinuxProcess implements it). */
export interface KernelProcess {
  readonly pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  readonly threads: readonly Thread[];
  readonly as: AddressSpace;
  /** Stopped by a stop signal: its threads are not scheduled. */
  readonly stopped: boolean;
  /** Has exited (a zombie until its parent reaps it). */
  readonly exited: boolean;
  /** Guest instructions its threads have run. */
  insnsRun: number;
  /** What precedes the thread's slice: a pending fault, then its deliverable signals (may throw the process's end). */
  beforeSlice(t: Thread): void;
  /** Handles a CPU event of the running thread (a syscall, a fault, a debugger stop). */
  onCpuEvent(ev: CpuEvent): SliceStop;
  /** Ends the process for what its code threw (exit_group, a fatal signal, no memory); rethrows anything else. */
  ended(e: unknown): void;
  /** kill(): a signal for the process. */
  signal(si: SigInfo): void;
  /** Ends the process at once with a signal (deadlock, the kernel shutting down). */
  terminate(sig: number): void;
  /** Its open files (null once it has exited). */
  readonly openFiles: FdTable | null;
  /** Its interval and POSIX timers (the kernel charges CPU time to them and asks for expiries). */
  readonly timers: ProcessTimers;
  /** Queues the signals of its timers that have expired at host time `monoNs`. */
  fireTimers(monoNs: bigint): void;
}

/**
 * Instructions per CPU run while some timer is armed: the engine cannot be interrupted, so the
 * kernel looks at the clocks at least this often (a few ms of guest code at the interpreter's speed).
 */
const TIMER_SLICE = 50_000;

/** Sleeps longer than this wait for the host (Kernel.hostSignals) rather than blocking it. */
const HOST_SIGNAL_LATENCY_NS = 5_000_000n;

export interface KernelOptions extends ExecOptions {
  /** Guest physical memory shared by all processes, in bytes (default 1 GiB, reserved lazily). At most 2 GiB. */
  ramBytes?: number;
  /**
   * Makes the guest RAM's buffer, zeroed (default `new ArrayBuffer`). The Node CLIs pass a
   * SharedArrayBuffer (src/cli/user-cli.ts says why); any buffer typed arrays can view will do.
   */
  allocateRam?: (bytes: number) => ArrayBufferLike;
  /** Instructions per slice when one thread is runnable. */
  slice?: number;
  /** Instructions per slice when several threads are runnable. */
  threadSlice?: number;
  /** Pages the page cache keeps for files no process maps any more (default a quarter of RAM). */
  pageCacheLimit?: number;
  /** Processes (and threads) at most, whatever RLIMIT_NPROC says (default 4096). */
  maxTasks?: number;
}

/** The pid of the process orphans are re-parented to (its role is played by the kernel: it reaps them). */
export const INIT_PID = 1;

export class Kernel {
  readonly sys: SyscallDispatcher;
  readonly scheduler = new Scheduler();
  readonly phys: PhysicalMemory;
  readonly memory: KernelMemory;
  readonly pageCache: PageCache;
  /** MAP_SHARED file mappings: one segment per mapped file, for every process. */
  readonly sharedFiles: SharedFiles;
  /** File locks between guest processes (fcntl record locks, OFD locks, flock). */
  readonly fileLocks = new FileLocks();
  /** Named pipes (and socket inodes) mknod made, as placeholders on the host, for every process. */
  readonly namedPipes = new NamedPipes();
  /** System V shared memory, semaphores and message queues (one IPC namespace for every process). */
  readonly ipc: SysvIpc;
  /**
   * The UTS names sethostname and setdomainname gave (one UTS namespace for every process; the
   * bytes as given, at most 64), null for the host's.
   */
  readonly uts: { nodename: Uint8Array | null; domainname: Uint8Array | null } = { nodename: null, domainname: null };
  /**
   * How far the guest's CLOCK_REALTIME is from the host's (ns): what clock_settime, settimeofday
   * and stime set with CAP_SYS_TIME (one clock for every process; the host's is never changed).
   */
  private realtimeOffsetNs = 0n;
  /** The kernel's timezone (sys_tz) settimeofday sets and gettimeofday reads. */
  readonly sysTz = { minuteswest: 0, dsttime: 0 };
  /** The NTP state adjtimex and clock_adjtime read and set (one for every process). */
  readonly ntp: NtpState = newNtpState();
  /** The guest's CLOCK_REALTIME (ns since the epoch). */
  realtimeNs(): bigint {
    return this.host.realtimeNs() + this.realtimeOffsetNs;
  }
  /** Sets the guest's CLOCK_REALTIME to `ns` (the host's clock stays as it is). */
  setRealtimeNs(ns: bigint): void {
    this.realtimeOffsetNs = ns - this.host.realtimeNs();
  }
  /** inotify's watches (inodes of the host's file system), for every process. */
  readonly fsnotify: FsNotify;
  /** The one CPU every thread of every process runs on. */
  readonly cpu: UserCpu;
  /** Every process by pid, zombies included (until reaped). */
  readonly processes = new Map<number, KernelProcess>();
  /** Futexes on MAP_SHARED memory, keyed by physical address (private ones are per address space). */
  readonly sharedFutexes = new WaitQueue<number>();
  /** The host's terminal (when the guest's stdio is one): its foreground process group. */
  readonly hostTerminal = new TerminalState();
  /** Pseudo-terminal pairs (/dev/ptmx, /dev/pts/N), for every process. */
  readonly ptys = new PtyTable((pid, sig) => {
    if (pid !== -1) this.killFromHost(pid, sig);
  });
  /** The register file after reset (what execve starts from). */
  readonly resetRegs: Int32Array;
  /** The thread whose registers are in the CPU. */
  current: Thread | null = null;
  currentProcess: KernelProcess | null = null;
  /** After SliceStop.Idle: when something can run again. */
  idleState: IdleState = { deadline: null, external: false };
  /** Set when a syscall hook blocked a call (the process reports it, runSlice returns Blocked). */
  blockedSyscall = -1;
  readonly maxTasks: number;
  private readonly slice: number;
  private readonly threadSlice: number;
  private sliceLeft = 0;
  private yieldRequested = false;
  private readonly ids = new Set<number>();
  private nextId = 0;
  private live = 0;
  /** The empty address space the MMU holds when the running process has exited. */
  private readonly noProcess: AddressSpace;
  /** Processes with an armed timer. */
  private readonly timed = new Set<KernelProcess>();

  constructor(
    readonly host: LinuxHost,
    readonly abi: LinuxAbi,
    readonly opts: KernelOptions = {},
  ) {
    this.sys = new SyscallDispatcher(abi.syscalls, abi.layouts.wordBytes, abi.straceFormats, abi.layouts.openFlags);
    const ram = opts.ramBytes ?? 1 << 30;
    if (ram > 2 ** 31) throw new RangeError("guest RAM is at most 2 GiB (the TLB's addends are 32-bit)");
    this.phys = new PhysicalMemory(ram, opts.allocateRam);
    this.memory = new KernelMemory(this.phys);
    this.noProcess = this.memory.newAddressSpace();
    this.pageCache = new PageCache(this.phys, opts.pageCacheLimit ?? Math.floor(this.phys.pages / 4));
    this.phys.reclaim = (n) => this.pageCache.reclaim(n);
    this.sharedFiles = new SharedFiles(this.phys);
    this.ipc = new SysvIpc(
      this.phys,
      () => Number(this.realtimeNs() / 1_000_000_000n),
      () => this.currentProcess?.pid ?? 0,
    );
    this.cpu = abi.createCpu(this.memory, opts);
    this.memory.attachJumpCache(this.cpu.exec);
    this.resetRegs = new Int32Array(this.cpu.regSlots);
    this.cpu.saveRegs(this.resetRegs);
    this.slice = opts.slice ?? 1 << 22;
    this.threadSlice = opts.threadSlice ?? 100_000;
    this.maxTasks = opts.maxTasks ?? 4096;
    this.fsnotify = new FsNotify(
      host.fs,
      () => this.fdTables(),
      () => host.monotonicNs(),
    );
  }

  /** The descriptor table of every process that has not exited. */
  private *fdTables(): Iterable<FdTable> {
    for (const p of this.processes.values()) {
      const t = p.openFiles;
      if (t) yield t;
    }
  }

  // ---- ids and the process table

  /** A free id for a process or thread (pids and tids share one space, as in Linux); `want` if it is free. */
  allocId(want?: number): number {
    if (want !== undefined && !this.ids.has(want)) {
      this.ids.add(want);
      if (want >= this.nextId) this.nextId = want + 1;
      return want;
    }
    if (this.nextId < 2) this.nextId = 2;
    while (this.ids.has(this.nextId)) this.nextId = this.nextId >= 4194303 ? 2 : this.nextId + 1;
    const id = this.nextId++;
    this.ids.add(id);
    return id;
  }

  /**
   * The host can send the guest signals (its terminal's Ctrl-C, Ctrl-Z or a resize, host-terminal.ts):
   * a wait that no guest thread or deadline can end is no deadlock then, and the kernel waits for the host.
   */
  hostSignals = false;

  /** The first process stopped by default (LinuxHost.suspend): the host stops before the next slice. */
  private suspendingFor: KernelProcess | null = null;

  private suspendSignal = 0;

  /** Process `p`, started by the host, was stopped by a stop signal's default action, `sig`. */
  hostChildStopped(p: KernelProcess, sig: number): void {
    if (!this.host.suspend) return;
    this.suspendingFor = p;
    this.suspendSignal = sig;
  }

  /**
   * Between slices (never inside a signal's delivery to a group): when nothing in the guest runs
   * any more (Ctrl-Z stopped the whole job), the host stops, then the group goes on.
   */
  private suspendHost(p: KernelProcess): void {
    this.suspendingFor = null;
    if (!p.stopped) return; // continued meanwhile
    for (const q of this.processes.values()) if (!q.exited && !q.stopped) return; // a guest process may continue it
    this.host.suspend!(this.suspendSignal);
    this.killFromHost(-p.pgid, SIGCONT);
  }

  /**
   * Linux's orphaned process group: no member has a parent in another group of the same session
   * (a job-control shell that could continue it). The first process's parent is the host's.
   */
  orphanedGroup(pgid: number): boolean {
    for (const p of this.processGroup(pgid)) {
      const parent = this.processes.get(p.ppid);
      if (parent && !parent.exited) {
        if (parent.pgid !== pgid && parent.sid === p.sid) return false;
      } else if (p.ppid !== INIT_PID && (this.host.parentSid ?? p.sid) === p.sid) return false;
    }
    return true;
  }

  /** Keeps `id` from being allocated: it names a process outside the guest (a host parent, group or session). */
  reserveId(id: number): void {
    this.ids.add(id);
  }

  freeId(id: number): void {
    this.ids.delete(id);
  }

  /** Ids in use (processes, threads, zombies). */
  get tasks(): number {
    return this.ids.size;
  }

  addProcess(p: KernelProcess): void {
    this.processes.set(p.pid, p);
    this.live++;
  }

  /** The process exited (it may stay in the table as a zombie). */
  processExited(p: KernelProcess): void {
    this.live--;
    for (const t of p.threads) this.removeThread(t);
    if (this.currentProcess === p) this.memory.switchTo(this.noProcess);
  }

  /** The process is gone for good (reaped): its pid is free again. */
  removeProcess(p: KernelProcess): void {
    if (this.processes.get(p.pid) === p) this.processes.delete(p.pid);
    this.freeId(p.pid);
  }

  /** Processes that have not exited. */
  get liveProcesses(): number {
    return this.live;
  }

  addThread(t: Thread): void {
    this.scheduler.add(t);
  }

  removeThread(t: Thread): void {
    this.scheduler.remove(t);
    if (t.tid !== t.tgid) this.freeId(t.tid);
  }

  /** Processes in process group `pgid` (not exited). */
  processGroup(pgid: number): KernelProcess[] {
    const r: KernelProcess[] = [];
    for (const p of this.processes.values()) if (p.pgid === pgid && !p.exited) r.push(p);
    return r;
  }

  /**
   * A signal from outside the guest (an embedder, the terminal's Ctrl-C; SI_USER for a host
   * process's kill, whose sender the guest cannot know): to process `pid`, or process group -pid
   * (pid < -1), or every process (-1). False when no process matched.
   */
  killFromHost(pid: number, sig: number, code = SI_KERNEL): boolean {
    const si: SigInfo = { signo: sig, code, pid: 0, uid: 0 };
    const targets =
      pid > 0
        ? [this.processes.get(pid)].filter((p) => p !== undefined)
        : pid === -1
          ? [...this.processes.values()]
          : this.processGroup(-pid);
    const live = targets.filter((p) => !p.exited);
    for (const p of live) if (sig) p.signal(si);
    return live.length > 0;
  }

  // ---- timers

  /** A process armed or disarmed a timer, exec'd or exited: whether the kernel watches its clocks. */
  timersChanged(p: KernelProcess): void {
    if (!p.exited && p.timers.armed) this.timed.add(p);
    else this.timed.delete(p);
  }

  /** Queues the signals of every expired timer (a signal ends the blocked call it interrupts). */
  private fireTimers(): void {
    const now = this.host.monotonicNs();
    for (const p of [...this.timed]) {
      try {
        p.fireTimers(now);
      } catch (e) {
        p.ended(e);
      }
      this.timersChanged(p);
    }
  }

  /** The earliest deadline of a timer on the host's clock, or null. */
  private nextTimerDeadline(): bigint | null {
    let d: bigint | null = null;
    const now = this.host.monotonicNs();
    for (const p of this.timed) {
      const x = p.timers.nextRealDeadline(now);
      if (x !== null && (d === null || x < d)) d = x;
    }
    return d;
  }

  // ---- the run loop

  /** Makes the running thread give up the CPU at the end of the current event (sched_yield, blocked). */
  yieldCpu(): void {
    this.yieldRequested = true;
  }

  /**
   * Whether thread t can run now; completes its wait if it ended (the result is applied when the
   * thread is switched in).
   */
  private canRun = (t: Thread): boolean => {
    const p = this.processes.get(t.tgid);
    if (!p || p.stopped || p.exited || t.dead) return false;
    const w = t.wait;
    if (!w) return true;
    if (w.ready()) {
      if (w.result) {
        const r = w.result();
        if (r === WAIT_MORE) return false;
        t.wait = null;
        t.resume = { result: r, trace: w.trace };
      } else t.wait = null;
      return true;
    }
    if (w.deadline !== undefined && this.host.monotonicNs() >= w.deadline) {
      w.cancel?.();
      t.wait = null;
      // A call that would have run again when ready (no result()) ends here instead: past its instruction.
      t.resume = { result: w.timeout ? w.timeout() : (w.timeoutResult ?? -ETIMEDOUT), trace: w.trace, atSyscall: !w.result };
      return true;
    }
    return false;
  };

  private considered = (t: Thread): boolean => {
    const p = this.processes.get(t.tgid);
    return p !== undefined && !p.exited && !t.dead;
  };

  /** Loads thread t into the CPU and its process's address space into the MMU (a context switch). */
  activate(t: Thread): void {
    this.switchTo(t);
  }

  private switchTo(t: Thread): void {
    const prev = this.current;
    if (t !== prev) {
      if (prev && !prev.dead) this.cpu.saveRegs(prev.regs);
      this.cpu.loadRegs(t.regs);
      this.current = t;
    }
    const p = this.processes.get(t.tgid)!;
    this.currentProcess = p;
    this.memory.switchTo(p.as);
    const r = t.resume;
    if (r) {
      t.resume = null;
      if (r.atSyscall) this.cpu.enterSyscall();
      this.cpu.setSyscallResult(r.result);
      r.trace?.(r.result);
    }
  }

  /**
   * Chooses the thread to run next and prepares it (switch, pending fault, signals); null when
   * none can run (idleState says until when) or every process has exited.
   */
  private prepareThread(): Thread | null {
    if (this.timed.size) this.fireTimers();
    for (let guard = 0; guard < 1000; guard++) {
      if (this.live === 0) return null;
      let t = this.current;
      const keep = t !== null && !this.yieldRequested && this.sliceLeft > 0 && t.wait === null && this.canRun(t);
      if (!keep) {
        this.yieldRequested = false;
        t = this.scheduler.pick(this.current, this.canRun);
        if (!t) {
          const idle = this.scheduler.idle(this.considered, () => this.host.monotonicNs());
          const timer = this.timed.size ? this.nextTimerDeadline() : null;
          if (timer !== null && (idle.deadline === null || timer < idle.deadline)) idle.deadline = timer;
          // Signals the host may still send (a terminal's Ctrl-C): no wait is hopeless, the host is
          // waited for. Not for a short sleep: the host's timers have a millisecond's grain, and a
          // signal waits that long at most.
          if (this.hostSignals && (idle.deadline === null || idle.deadline - this.host.monotonicNs() > HOST_SIGNAL_LATENCY_NS))
            idle.external = true;
          this.idleState = idle;
          this.charge(null);
          return null;
        }
        this.sliceLeft = this.scheduler.threads.length > 1 ? this.threadSlice : this.slice;
      }
      this.switchTo(t!);
      const p = this.currentProcess!;
      try {
        p.beforeSlice(t!);
      } catch (e) {
        p.ended(e);
        continue;
      }
      if (t!.wait || t!.dead || p.stopped || p.exited) continue;
      this.charge(t);
      return t;
    }
    return this.current;
  }

  /** The thread whose CPU time runs (Thread.runSince), or null while none runs. */
  private charged: Thread | null = null;

  /**
   * Charges CPU time at the switches: the thread that stops running (another is chosen, or none and
   * the kernel idles) gets the host time since it started, on its own and its process's count; the
   * next one starts. A thread that keeps running reads no clock, however many calls it makes.
   */
  private charge(next: Thread | null): void {
    const prev = this.charged;
    if (prev === next) return;
    const now = this.host.monotonicNs();
    if (prev) {
      const d = now - prev.runSince;
      prev.runNs += d;
      prev.runSince = -1n;
      const pp = this.processes.get(prev.tgid);
      if (pp) pp.timers.runNs += d;
    }
    if (next) next.runSince = now;
    this.charged = next;
  }

  /** What precedes each slice (thread choice, signals), without running guest code. */
  prepare(): SliceStop {
    const t = this.prepareThread();
    return t ? SliceStop.Continue : this.live === 0 ? SliceStop.Exit : SliceStop.Idle;
  }

  /**
   * Runs one slice: prepare, then at most `budget` instructions (capped by the slice length) of the
   * chosen thread, then handles what stopped it. With budget <= 0 it only prepares.
   */
  runSlice(budget: number): SliceStop {
    this.blockedSyscall = -1;
    if (this.suspendingFor) this.suspendHost(this.suspendingFor);
    const t = this.prepareThread();
    if (!t) return this.live === 0 ? SliceStop.Exit : SliceStop.Idle;
    if (budget <= 0) return SliceStop.Continue;
    const p = this.currentProcess!;
    const cpu = this.cpu;
    const before = cpu.insns;
    // A CPU-time timer: the process is charged the host time it runs (QEMU's guest runs on the host's CPU clocks).
    const timers = this.timed.size && p.timers.cpuArmed ? p.timers : null;
    const t0 = timers ? this.host.monotonicNs() : 0n;
    let ev: CpuEvent;
    try {
      ev = cpu.run(Math.min(this.sliceLeft, budget, this.timed.size ? TIMER_SLICE : Infinity));
    } finally {
      const ran = cpu.insns - before;
      p.insnsRun += ran;
      this.sliceLeft -= ran;
    }
    const t1 = timers ? this.host.monotonicNs() : 0n;
    if (timers) {
      timers.userNs += t1 - t0;
      timers.cpuNs += t1 - t0;
    }
    if (ev === CpuEvent.Budget) return SliceStop.Continue;
    try {
      return p.onCpuEvent(ev);
    } catch (e) {
      p.ended(e);
      return SliceStop.Continue;
    } finally {
      if (timers) timers.cpuNs += this.host.monotonicNs() - t1;
    }
  }

  /**
   * Handles an engine exception a stepper (which ran bytecode itself) left pending, in the current
   * process, then prepares the next slice.
   */
  handleException(excp: number, auxLo: number, auxHi: number): SliceStop {
    this.blockedSyscall = -1;
    const p = this.currentProcess;
    if (!p || p.exited) return this.prepare();
    try {
      const s = p.onCpuEvent(this.cpu.classify(excp, auxLo, auxHi));
      if (s !== SliceStop.Continue) return s;
    } catch (e) {
      p.ended(e);
    }
    return this.prepare();
  }

  /**
   * Runs until every process has exited or `maxInsns` more instructions have run. When no thread
   * can run it sleeps the host until the earliest deadline; with no deadline and no host input to
   * wait for, the guest has deadlocked: every process is killed. Returns false if the budget ran out.
   */
  run(maxInsns = Infinity): boolean {
    const stopAt = this.cpu.insns + maxInsns;
    for (;;) {
      const left = stopAt - this.cpu.insns;
      if (left <= 0) return false;
      const s = this.runSlice(left);
      if (s === SliceStop.Exit) return true;
      if (s === SliceStop.Idle) this.waitIdle();
      else if (s === SliceStop.Foreign) this.currentProcess?.terminate(11);
    }
  }

  /**
   * run() for guests whose waits the host ends from its event loop (host sockets): the same loop,
   * but when no thread can run and some wait is external it awaits `idle(deadline)` (the host
   * resolves it at a host socket's event, or at the deadline), and at least every `yieldMs` of
   * running it awaits `idle(0n)`, so that the host's events are seen while one process computes and
   * another waits for the network. Waits that only guest threads or time can end (a pipe, a child,
   * a sleep) are the same as in run(), except that a timed one awaits `idle(deadline)` too while
   * host sockets are open (NetworkNamespace.hostActive), so that their data arrives during a
   * guest's sleep. Returns false if the budget ran out.
   */
  async runAsync(idle: (deadlineNs: bigint | null) => Promise<void>, maxInsns = Infinity, yieldMs = 20): Promise<boolean> {
    const stopAt = this.cpu.insns + maxInsns;
    let since = performance.now();
    for (;;) {
      const left = stopAt - this.cpu.insns;
      if (left <= 0) return false;
      const s = this.runSlice(left);
      if (s === SliceStop.Exit) return true;
      if (s === SliceStop.Idle) {
        // A sleep (a deadline) while host sockets are open lets their events in meanwhile: data
        // that comes during a guest's sleep is there for its next read, as on Linux.
        const { external, deadline } = this.idleState;
        if (external || (deadline !== null && this.host.network?.hostActive?.())) await idle(deadline);
        else this.waitIdle();
        since = performance.now();
      } else {
        if (s === SliceStop.Foreign) this.currentProcess?.terminate(11);
        if (performance.now() - since >= yieldMs) {
          await idle(0n);
          since = performance.now();
        }
      }
    }
  }

  /** Blocks the host until the idle kernel has something to run (run()'s idle step). */
  waitIdle(): void {
    const { deadline, external } = this.idleState;
    if (deadline === null) {
      if (external) return; // the host brings input when it can (its reads block)
      this.host.writeStderr(new TextEncoder().encode(`tciemu: all guest threads are blocked forever (deadlock)\n`));
      for (const p of [...this.processes.values()]) if (!p.exited) p.terminate(9);
      return;
    }
    const d = deadline - this.host.monotonicNs();
    if (d > 0n && this.host.sleepNs) this.host.sleepNs(d);
    if (!this.host.sleepNs) {
      // No way to sleep: the earliest deadline counts as reached.
      for (const t of this.scheduler.threads) if (t.wait?.deadline === deadline) t.wait.deadline = 0n;
    }
  }
}
