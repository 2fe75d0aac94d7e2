// A Linux process running on the RISC-V CPU (QEMU's linux-user/main.c, riscv/cpu_loop.c and
// signal.c): loading, the exception loop, guest threads scheduled cooperatively on the one host
// thread, signal delivery and process exit. Syscalls live in syscalls.ts.
import { Access } from "../mem/softmmu.ts";
import { Stop } from "../exec/cpu-exec.ts";
import { RiscvCpu, type RiscvCpuOptions } from "../target/riscv/cpu.ts";
import { Excp, LOAD_RES, PC, RISCV_ENV_SLOTS, XREG } from "../target/riscv/cpu-state.ts";
import { AddressSpace, OutOfGuestMemory, PROT_EXEC, PROT_READ, PROT_WRITE } from "./address-space.ts";
import { AT, ElfError, HWCAP_RV64GC, buildInitialStack, imageSpan, loadElfImage, parseElf } from "./elf.ts";
import { ETIMEDOUT, O, S_IFMT } from "./errno.ts";
import { FdTable, HostFile, StdioFile } from "./files.ts";
import type { LinuxHost } from "./host.ts";
import { Syscalls } from "./syscalls.ts";
import {
  BUS_ADRALN,
  ILL_ILLOPC,
  NSIG,
  RT_SIGFRAME_SIZE,
  SA_NODEFER,
  SA_ONSTACK,
  SA_RESETHAND,
  SIGBUS,
  SIGILL,
  SIGINFO_SIZE,
  SIGSEGV,
  SIGTRAMP,
  SIGTRAP,
  SIG_DFL,
  SIG_IGN,
  SEGV_ACCERR,
  SEGV_MAPERR,
  SS_DISABLE,
  SS_ONSTACK,
  TRAP_BRKPT,
  UC_MCONTEXT,
  UC_SIGMASK,
  UC_STACK,
  UNBLOCKABLE,
  defaultAction,
  encodeSigInfo,
  sigbit,
  signalName,
  type SigAction,
  type SigInfo,
} from "./signals.ts";

export interface ProcessOptions extends RiscvCpuOptions {
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

/** Where things go in the guest address space (Sv39-sized user space, like Linux on riscv64). */
export const STACK_TOP = 0x3fffff0000;
export const STACK_SIZE = 8 << 20;
export const MMAP_TOP = 0x3f00000000;
export const PIE_BASE = 0x2aaaaaa000;

export class ExitProcess {
  constructor(readonly code: number) {}
}

export class FatalSignal {
  constructor(readonly sig: number) {}
}

export interface RunResult {
  exitCode: number;
  /** Set when a fatal signal ended the process. */
  signal?: number;
  insns: number;
}

/** Why a thread is not running, and what its syscall returns once it can. */
export interface Waiter {
  /** True when the thread may continue. */
  ready(): boolean;
  /** The syscall's result when ready; absent: the syscall is executed again (pc was rewound). */
  result?: () => number;
  /** Monotonic deadline (ns); at it the wait ends with timeoutResult. */
  deadline?: bigint;
  timeoutResult?: number;
  /** Called when the wait ends by timeout (to unregister). */
  cancel?: () => void;
  /** -strace: the call's text, completed with its result when the thread resumes. */
  trace?: (result: number) => void;
}

const REG_SLOTS = RISCV_ENV_SLOTS;

export class Thread {
  /** Saved CPU state (R slots from PC on) while the thread is not running. */
  regs = new Int32Array(REG_SLOTS);
  sigmask = 0n;
  pending: SigInfo[] = [];
  altSp = 0;
  altSize = 0;
  altFlags = SS_DISABLE;
  clearChildTid = 0;
  wait: Waiter | null = null;
  dead = false;
  constructor(readonly tid: number) {}
}

export interface FutexWaiter {
  thread: Thread;
  addr: number;
  bitset: number;
  woken: boolean;
}

export class LinuxProcess {
  readonly as: AddressSpace;
  readonly cpu: RiscvCpu;
  readonly sys: Syscalls;
  readonly fds = new FdTable();
  private readonly slice: number;
  private readonly threadSlice: number;
  brkStart = 0;
  brk = 0;
  exePath = "";
  readonly pid: number;
  readonly ppid: number;
  umask = 0o022;
  threads: Thread[] = [];
  cur: Thread;
  private nextTid: number;
  readonly sigactions: SigAction[] = [];
  futexWaiters: FutexWaiter[] = [];
  sigtramp = 0;
  /** Where the next mmap without a hint looks (top-down), like qemu's mmap_next_start. */
  mmapNext = MMAP_TOP;
  /** qemu's path() cache: absolute guest path -> host path (sysroot first). */
  private pathCache = new Map<string, string>();
  /** Set by the syscall layer: the current thread gave up its slice (sched_yield, blocked). */
  yieldNow = false;
  /** Ended children not yet waited for: pid and wait status. */
  zombies: Array<{ pid: number; status: number }> = [];
  /** Children created so far (pids are pid + 1000 + n). */
  private static nextPid = 0;

  constructor(
    readonly host: LinuxHost,
    readonly opts: ProcessOptions = {},
  ) {
    this.as = new AddressSpace(opts.ramBytes ?? 1 << 30);
    const cpu = new RiscvCpu(
      {
        codeRamOffset: (lo, hi) => this.as.codeRamOffset(lo, hi),
        fetchFault: (lo, hi) => cpu.exec.raise(Excp.InsnPageFault, lo, hi, -1),
      },
      opts,
    );
    this.as.mmu = cpu.exec.attachSoftmmu(this.as.ram, this.as);
    this.cpu = cpu;
    const exec = cpu.exec;
    this.as.raiseFault = (access, lo, hi, retaddr) => {
      const misaligned = (access & 0x100) !== 0;
      const a = access & 0xff;
      const excp = misaligned
        ? a === Access.Write
          ? Excp.StoreMisaligned
          : Excp.LoadMisaligned
        : a === Access.Write
          ? Excp.StorePageFault
          : a === Access.Fetch
            ? Excp.InsnPageFault
            : Excp.LoadPageFault;
      return exec.raise(excp, lo, hi, retaddr);
    };
    this.as.onCodeWrite = (page) => {
      exec.invalidateCodePage(page);
    };
    this.sys = new Syscalls(this);
    this.slice = opts.slice ?? 1 << 22;
    this.threadSlice = opts.threadSlice ?? 100_000;
    this.pid = opts.pid ?? host.pid ?? 1000;
    this.ppid = opts.ppid ?? host.ppid ?? 1;
    this.nextTid = this.pid + 1;
    this.cur = new Thread(this.pid);
    this.threads.push(this.cur);
    for (let i = 0; i <= NSIG; i++) this.sigactions.push({ handler: SIG_DFL, flags: 0, mask: 0n });
    // Standard streams.
    const hs = host.stdioHandles;
    for (let fd = 0; fd < 3 && !opts.forkOf; fd++) {
      if (hs) {
        const st = host.fs.fstat(hs[fd]);
        const mode = typeof st === "number" ? 0o010000 : st.mode & S_IFMT;
        const f = new HostFile(host.fs, hs[fd], fd === 0 ? O.RDONLY : O.WRONLY, `/proc/self/fd/${fd}`, mode);
        f.release = () => 0; // never close the host's own stdio
        f.path = null;
        // The host's own stdio: always at the host's file position (it may be shared or O_APPEND).
        f.seekable = false;
        this.fds.installAt(fd, f);
      } else this.fds.installAt(fd, new StdioFile(host, fd));
    }
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

  /** Loads the program and builds its stack; throws ElfError with a one-line reason. */
  load(elf: Uint8Array, argv: string[], envp: string[], exePath = argv[0] ?? "prog", execfn = argv[0] ?? exePath): void {
    this.exePath = exePath;
    const info = parseElf(elf, exePath);
    const bias = info.type === 3 ? PIE_BASE - imageSpan(info).lo : 0;
    const img = loadElfImage(this.as, elf, info, bias);
    let entry = img.entry;
    let interpBase = 0;
    if (info.interp) {
      const path = (this.opts.sysroot ?? "").replace(/\/+$/, "") + info.interp;
      const data = this.opts.readFile?.(path) ?? this.opts.readFile?.(info.interp) ?? null;
      if (!data)
        throw new ElfError(
          `${exePath}: cannot load interpreter ${info.interp}${this.opts.sysroot ? ` (looked in ${this.opts.sysroot})` : ""}: no such file`,
        );
      const ii = parseElf(data, info.interp);
      const span = imageSpan(ii);
      const base = this.as.findFree(span.hi - span.lo + 4096, MMAP_TOP);
      if (base < 0) throw new ElfError(`${exePath}: no room for the interpreter`);
      const li = loadElfImage(this.as, data, ii, base - span.lo);
      interpBase = li.bias + span.lo;
      entry = li.entry;
      this.mmapNext = base;
    }
    this.brkStart = this.brk = Math.ceil(img.end / 4096) * 4096;
    this.as.map(STACK_TOP - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE);
    // The signal return trampoline (qemu's setup_sigtramp), below the stack.
    this.sigtramp = STACK_TOP;
    this.as.map(this.sigtramp, 4096, PROT_READ | PROT_EXEC);
    this.as.write(this.sigtramp, SIGTRAMP, true);
    const auxv: Array<[number, number]> = [
      [AT.HWCAP, HWCAP_RV64GC],
      [AT.PAGESZ, 4096],
      [AT.CLKTCK, 100],
      [AT.PHDR, img.phdr],
      [AT.PHENT, 56],
      [AT.PHNUM, info.phnum],
      [AT.BASE, interpBase],
      [AT.FLAGS, 0],
      [AT.ENTRY, img.entry],
      [AT.UID, 0],
      [AT.EUID, 0],
      [AT.GID, 0],
      [AT.EGID, 0],
      [AT.SECURE, 0],
      [AT.HWCAP2, 0],
      [AT.MINSIGSTKSZ, 2048],
    ];
    const sp = buildInitialStack(this.as, STACK_TOP - 8, argv, envp, auxv, execfn, this.host.randomBytes(16));
    this.cpu.setX(2, sp);
    this.cpu.pc = BigInt(entry);
  }

  // ---- fork

  /**
   * fork (clone without CLONE_VM, and vfork) by running the child to completion at once: the child
   * gets a copy of the address space, registers (a0 = 0), signal dispositions and the fd table
   * (sharing open file descriptions, so offsets and pipes are shared as after a real fork), runs
   * until it exits, and leaves a zombie for wait4. Enough for shells, whose parent only waits.
   */
  forkChild(exitSignal: number, setup: (child: LinuxProcess) => void): number {
    const pid = this.pid + 1000 + ++LinuxProcess.nextPid * 10;
    const child = new LinuxProcess(this.host, { ...this.opts, forkOf: this, pid, ppid: this.pid });
    this.as.copyInto(child.as);
    child.cpu.R.set(this.cpu.R.subarray(PC, PC + REG_SLOTS), PC);
    child.cpu.setX(10, 0);
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
    child.sys.trace = this.sys.trace;
    child.sys.inheritLimits(this.sys);
    setup(child);
    const r = child.run();
    const status = r.signal ? r.signal : (r.exitCode & 0xff) << 8;
    this.zombies.push({ pid, status });
    if (exitSignal) this.queueSignal({ signo: exitSignal, code: 1, pid, uid: this.host.uid ?? 0 }, null);
    return pid;
  }

  // ---- threads

  private saveRegs(t: Thread): void {
    t.regs.set(this.cpu.R.subarray(PC, PC + REG_SLOTS));
  }
  private loadRegs(t: Thread): void {
    this.cpu.R.set(t.regs, PC);
    this.cpu.R[LOAD_RES] = this.cpu.R[LOAD_RES + 1] = -1; // a context switch drops reservations
  }

  /** Creates a thread whose registers are a copy of the current ones (clone). */
  newThread(): Thread {
    const t = new Thread(this.nextTid++);
    this.saveRegs(t);
    t.sigmask = this.cur.sigmask;
    this.threads.push(t);
    return t;
  }

  /** Sets register i of a thread that is not running. */
  setSavedX(t: Thread, i: number, v: number | bigint): void {
    if (t === this.cur) return this.cpu.setX(i, v);
    const b = BigInt.asIntN(64, BigInt(v));
    const s = XREG - PC + 2 * i;
    t.regs[s] = Number(BigInt.asIntN(32, b));
    t.regs[s + 1] = Number(BigInt.asIntN(32, b >> 32n));
  }

  /** Ends the current thread (exit): CLONE_CHILD_CLEARTID, then the next thread runs. */
  exitThread(code: number): void {
    const t = this.cur;
    const live = this.threads.filter((x) => !x.dead);
    if (live.length <= 1) throw new ExitProcess(code);
    t.dead = true;
    if (t.clearChildTid) {
      const z = new Uint8Array(4);
      if (this.as.write(t.clearChildTid, z)) this.futexWake(t.clearChildTid, 1, -1);
    }
    this.threads = this.threads.filter((x) => x !== t);
    this.yieldNow = true;
  }

  futexWake(addr: number, n: number, bitset: number): number {
    let woken = 0;
    for (const w of this.futexWaiters) {
      if (woken >= n) break;
      if (w.addr === addr && !w.woken && (w.bitset & bitset) !== 0) {
        w.woken = true;
        woken++;
      }
    }
    if (woken) this.futexWaiters = this.futexWaiters.filter((w) => !w.woken);
    return woken;
  }

  /** Parks the current thread until `w` is ready. */
  block(w: Waiter): void {
    this.cur.wait = w;
    this.yieldNow = true;
  }

  private runnable(t: Thread, now: () => bigint): boolean {
    if (t.dead) return false;
    const w = t.wait;
    if (!w) return true;
    if (w.ready()) return true;
    if (w.deadline !== undefined && now() >= w.deadline) return true;
    return false;
  }

  /** Picks the next thread to run (round robin from the current one), waiting for timeouts. */
  private schedule(): void {
    for (;;) {
      let nowCache: bigint | null = null;
      const now = () => (nowCache ??= this.host.monotonicNs());
      const n = this.threads.length;
      const start = Math.max(0, this.threads.indexOf(this.cur));
      for (let k = 1; k <= n; k++) {
        const t = this.threads[(start + k) % n];
        if (this.runnable(t, now)) return this.switchTo(t);
      }
      // Everything is blocked: sleep until the earliest deadline, or give up.
      let earliest: bigint | null = null;
      for (const t of this.threads)
        if (t.wait?.deadline !== undefined && (earliest === null || t.wait.deadline < earliest)) earliest = t.wait.deadline;
      if (earliest === null) {
        this.host.writeStderr(new TextEncoder().encode(`tciemu: all guest threads are blocked forever (deadlock)\n`));
        throw new ExitProcess(1);
      }
      const d = earliest - this.host.monotonicNs();
      if (d > 0n) this.host.sleepNs?.(d);
      if (!this.host.sleepNs) {
        // No way to sleep: let the earliest deadline expire now.
        for (const t of this.threads) if (t.wait?.deadline === earliest) t.wait.deadline = 0n;
      }
    }
  }

  private switchTo(t: Thread): void {
    if (t !== this.cur) {
      if (!this.cur.dead) this.saveRegs(this.cur);
      this.loadRegs(t);
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
        this.cpu.setX(10, r);
        w.trace?.(r);
      }
    }
  }

  // ---- the run loop

  /** Runs until the process exits or `maxInsns` instructions have run. */
  run(maxInsns = Infinity): RunResult {
    const cpu = this.cpu;
    const exec = cpu.exec;
    try {
      try {
        for (;;) {
          if (this.yieldNow || this.cur.dead || this.cur.wait) {
            this.yieldNow = false;
            this.schedule();
          }
          this.processSignals(this.cur);
          const left = maxInsns - exec.insns;
          if (left <= 0) return { exitCode: -1, insns: exec.insns };
          const multi = this.threads.length > 1;
          const budget = Math.min(multi ? this.threadSlice : this.slice, left);
          const stop = exec.run(budget);
          if (stop === Stop.Budget) {
            if (multi) this.yieldNow = true;
            continue;
          }
          this.handleException(exec.excp, exec.excpAux, exec.excpAuxHi);
        }
      } finally {
        this.closeAll();
      }
    } catch (e) {
      if (e instanceof ExitProcess) return { exitCode: e.code, insns: exec.insns };
      if (e instanceof FatalSignal) return { exitCode: 128 + e.sig, signal: e.sig, insns: exec.insns };
      if (e instanceof OutOfGuestMemory) {
        this.host.writeStderr(new TextEncoder().encode(`tciemu: out of guest memory (use a larger RAM size)\n`));
        return { exitCode: 1, insns: exec.insns };
      }
      throw e;
    }
  }

  private closeAll(): void {
    for (const fd of this.fds.list()) this.fds.close(fd);
  }

  private handleException(excp: number, auxLo: number, auxHi: number): void {
    const cpu = this.cpu;
    const addr = (auxHi >>> 0) * 4294967296 + (auxLo >>> 0);
    const pc = Number(cpu.pc);
    switch (excp) {
      case Excp.UEcall: {
        cpu.pc = cpu.pc + 4n;
        this.sys.dispatch();
        return;
      }
      case Excp.IllegalInsn:
        return this.forceSignal({ signo: SIGILL, code: ILL_ILLOPC, addr: pc });
      case Excp.Breakpoint:
        return this.forceSignal({ signo: SIGTRAP, code: TRAP_BRKPT, addr: pc });
      case Excp.LoadMisaligned:
      case Excp.StoreMisaligned:
        return this.forceSignal({ signo: SIGBUS, code: BUS_ADRALN, addr });
      default: {
        const mapped = this.as.isMapped(Math.floor(addr / 4096));
        return this.forceSignal({ signo: SIGSEGV, code: mapped ? SEGV_ACCERR : SEGV_MAPERR, addr });
      }
    }
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
  processSignals(t: Thread): void {
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
        this.host.writeStderr(new TextEncoder().encode(`qemu: uncaught target signal ${sig} (${signalName(sig)}) - core dumped\n`));
      throw new FatalSignal(sig);
    }
    const cpu = this.cpu;
    let sp = Number(BigInt.asUintN(64, cpu.getX(2)));
    const onAlt = this.onAltStack(t, sp);
    if (act.flags & SA_ONSTACK && !(t.altFlags & SS_DISABLE) && !onAlt) sp = t.altSp + t.altSize;
    const frame = Math.floor((sp - RT_SIGFRAME_SIZE) / 16) * 16;
    const buf = new Uint8Array(RT_SIGFRAME_SIZE);
    const dv = new DataView(buf.buffer);
    buf.set(encodeSigInfo(si), 0);
    const uc = SIGINFO_SIZE;
    dv.setBigUint64(uc + UC_STACK, BigInt(t.altSp), true);
    dv.setInt32(uc + UC_STACK + 8, t.altFlags & SS_DISABLE ? SS_DISABLE : onAlt ? SS_ONSTACK : 0, true);
    dv.setBigUint64(uc + UC_STACK + 16, BigInt(t.altSize), true);
    dv.setBigUint64(uc + UC_SIGMASK, t.sigmask, true);
    const mc = uc + UC_MCONTEXT;
    dv.setBigUint64(mc, BigInt.asUintN(64, cpu.pc), true);
    for (let i = 1; i < 32; i++) dv.setBigUint64(mc + 8 * i, BigInt.asUintN(64, cpu.getX(i)), true);
    for (let i = 0; i < 32; i++) dv.setBigUint64(mc + 256 + 8 * i, cpu.getF(i), true);
    dv.setUint32(mc + 256 + 256, cpu.fcsr, true);
    if (!this.as.write(frame, buf)) {
      // No room for the frame: SIGSEGV with the default action (qemu's force_sigsegv).
      if (sig === SIGSEGV) act.handler = SIG_DFL;
      this.sigactions[SIGSEGV].handler = SIG_DFL;
      if (this.coreDumps())
        this.host.writeStderr(new TextEncoder().encode(`qemu: uncaught target signal ${SIGSEGV} (${signalName(SIGSEGV)}) - core dumped\n`));
      throw new FatalSignal(SIGSEGV);
    }
    cpu.pc = BigInt(act.handler);
    cpu.setX(2, frame);
    cpu.setX(10, sig);
    cpu.setX(11, frame);
    cpu.setX(12, frame + SIGINFO_SIZE);
    cpu.setX(1, this.sigtramp);
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
    const r = this.sys.getRlimit(4);
    return r === null || r[0] !== 0;
  }

  onAltStack(t: Thread, sp: number): boolean {
    return !(t.altFlags & SS_DISABLE) && sp > t.altSp && sp <= t.altSp + t.altSize;
  }

  /** rt_sigreturn: restores the state saved in the frame at sp. Returns false on a bad frame. */
  sigreturn(): boolean {
    const cpu = this.cpu;
    const t = this.cur;
    const frame = Number(BigInt.asUintN(64, cpu.getX(2)));
    const buf = this.as.read(frame, RT_SIGFRAME_SIZE);
    if (!buf) return false;
    const dv = new DataView(buf.buffer);
    const uc = SIGINFO_SIZE;
    t.sigmask = dv.getBigUint64(uc + UC_SIGMASK, true) & ~UNBLOCKABLE;
    const mc = uc + UC_MCONTEXT;
    cpu.pc = dv.getBigUint64(mc, true);
    for (let i = 1; i < 32; i++) cpu.setX(i, dv.getBigUint64(mc + 8 * i, true));
    for (let i = 0; i < 32; i++) cpu.setF(i, dv.getBigUint64(mc + 256 + 8 * i, true));
    cpu.fcsr = dv.getUint32(mc + 512, true);
    // sigaltstack from uc_stack (ignored if it would be invalid, like do_sigaltstack's checks)
    const ssSp = Number(dv.getBigUint64(uc + UC_STACK, true));
    const ssFlags = dv.getInt32(uc + UC_STACK + 8, true);
    const ssSize = Number(dv.getBigUint64(uc + UC_STACK + 16, true));
    if (!this.onAltStack(t, Number(BigInt.asUintN(64, cpu.getX(2))))) {
      if (ssFlags & SS_DISABLE) {
        t.altFlags = SS_DISABLE;
        t.altSp = t.altSize = 0;
      } else if (ssSize >= 2048) {
        t.altSp = ssSp;
        t.altSize = ssSize;
        t.altFlags = 0;
      }
    }
    return true;
  }

  // ---- memory helpers for mmap

  /** A free range of len bytes (top-down from the last mmap, like the kernel's mmap_base). */
  findMmapRange(len: number, hint = 0): number {
    if (hint) {
      const h = Math.floor(hint / 4096) * 4096;
      let free = h + len <= MMAP_TOP && h >= 0x10000;
      for (let a = h; free && a < h + len; a += 4096) if (this.as.isMapped(a / 4096)) free = false;
      if (free) return h;
    }
    let at = this.as.findFree(len, this.mmapNext);
    if (at < 0) at = this.as.findFree(len, MMAP_TOP);
    if (at >= 0) this.mmapNext = at;
    return at;
  }

  /** Guest-visible protection flags for a mapping. */
  static protBits(prot: number): number {
    return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
  }
}
