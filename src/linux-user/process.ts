// A Linux process (Linux's task group with its mm, files and signal state; QEMU's linux-user
// main.c, per-target cpu_loop.c and signal.c made generic): its address space, fd table, signal
// dispositions, threads, ids and resources, its relatives (parent, children, process group,
// session), and what happens to it: fork, execve, exit, stops and signals. Processes live in a
// Kernel, which runs every thread of every process on one CPU (kernel.ts).
//
// The run loop is public in pieces so that embedders and debuggers can drive it: runSlice() runs
// one slice of the machine and says why it stopped (Continue, Exit when every process has exited,
// Blocked by a syscall hook, a Fault to report before its signal, a Foreign exception that is not
// Linux's, Idle when nothing can run now); handleException() handles an engine exception a stepper
// left pending; prepare() is what precedes every slice. run() is the plain loop to the end.
import type { LinuxAbi } from "./abi.ts";
import { OutOfGuestMemory, type AddressSpace } from "./address-space.ts";
import type { DispatchTarget, SyscallDispatcher } from "./dispatcher.ts";
import { ElfError } from "./elf.ts";
import * as E from "./errno.ts";
import { O, S_IFMT } from "./errno.ts";
import { prepareExec, type ExecImage } from "./execve.ts";
import { capsAfterExec, initialCaps, type CapSets } from "./capabilities.ts";
import { ExitProcess, FatalSignal } from "./exit.ts";
import type { FileLocks } from "./file-locks.ts";
import type { NamedPipes } from "./fifos.ts";
import { FdTable, HostFile, StdioFile, type TerminalState } from "./files.ts";
import type { LinuxHost } from "./host-api.ts";
import type { FsNotify } from "./inotify.ts";
import type { PtyTable } from "./pty.ts";
import { INIT_PID, Kernel, SliceStop, type KernelOptions, type KernelProcess } from "./kernel.ts";
import type { AddressLayout } from "./layouts.ts";
import { elfFileFromBytes, loadProgram, qemuFindVma, type ElfFile } from "./loader.ts";
import { hostFileSource, type PageCache } from "./page-cache.ts";
import type { SharedFiles } from "./shared-files.ts";
import { baseName, joinPath, linkTargetPath, normalizePath, realPath } from "./paths.ts";
import { procLookup } from "./procfs.ts";
import { riscv64Abi } from "./riscv64/abi.ts";
import {
  BUS_ADRALN,
  BUS_ADRERR,
  CLD_CONTINUED,
  CLD_EXITED,
  CLD_KILLED,
  CLD_STOPPED,
  ILL_ILLOPC,
  NSIG,
  SA_NOCLDSTOP,
  SA_NOCLDWAIT,
  SA_NODEFER,
  SA_ONSTACK,
  SA_RESETHAND,
  SA_RESTART,
  SIGBUS,
  SIGCHLD,
  SIGCONT,
  SIGFPE,
  SIGILL,
  SIGKILL,
  SIGSTOP,
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
  dequeueKey,
  isStopSignal,
  sigbit,
  signalName,
  type SigAction,
  type SigInfo,
} from "./signals.ts";
import { SyscallArgs } from "./syscall-args.ts";
import { WNOWAIT, WCONTINUED, WEXITED, WUNTRACED, type ChildReport, type ProcessView, type Rlimit, type Task } from "./task.ts";
import { inheritSched, Thread } from "./thread.ts";
import { ProcessTimers, type NtpState } from "./timers.ts";
import type { SysvIpc } from "./sysv-ipc.ts";
import { CpuEvent, type UserCpu } from "./user-cpu.ts";
import { Restart, WaitQueue, type Waiter } from "./wait.ts";

export { ExitProcess, FatalSignal } from "./exit.ts";
export { SliceStop } from "./kernel.ts";
export type { Waiter } from "./wait.ts";
export { Thread } from "./thread.ts";

export interface ProcessOptions extends KernelOptions {
  /** The guest architecture (default riscv64, the first guest; CLIs pass theirs). */
  abi?: LinuxAbi;
  /** The kernel this process lives in (default: a new one for its ABI and these options). */
  kernel?: Kernel;
  /** Unused: the kernel reads executables and interpreters through the host's file system. */
  readFile?: (path: string) => Uint8Array | null;
  /** Sysroot prefix for interpreters, executables and absolute paths the guest opens (qemu's -L), a byte string (bytes.ts). */
  sysroot?: string;
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

/** RLIMIT_* numbers the kernel itself looks at. */
const RLIMIT_NPROC = 6,
  RLIMIT_NOFILE = 7;

export class LinuxProcess implements Task, DispatchTarget, KernelProcess, ProcessView {
  readonly kernel: Kernel;
  readonly abi: LinuxAbi;
  as: AddressSpace;
  /** The syscall dispatcher (shared by the kernel's processes): -strace (`trace`) and hooks. */
  readonly sys: SyscallDispatcher;
  readonly fds: FdTable;
  readonly args: SyscallArgs;
  brkStart = 0;
  brk = 0;
  /** The executable's host path as loaded, and its canonical form once asked for. */
  private exeGiven = "";
  private exeReal: string | null = null;
  comm = "";
  argv: string[] = [];
  envp: string[] = [];
  readonly pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  cwd: string;
  umask = 0o022;
  groups: readonly number[] = [];
  /** Capability sets (capabilities.ts): the host's to start with, a fork's parent's, recomputed by execve. */
  caps: CapSets;
  threads: Thread[] = [];
  /** The process's running (or last run) thread. */
  cur: Thread;
  readonly sigactions: SigAction[] = [];
  signalsQueued = 0;
  futexes: WaitQueue<number>;
  /** The kernel's sigreturn trampoline. */
  sigtramp = 0;
  /** Where the next mmap without a hint looks (top-down), like qemu's mmap_next_start. */
  mmapNext: number;
  /** qemu's path() cache: absolute guest path -> host path (sysroot first). */
  private pathCache: Map<string, string>;
  /** setrlimit values (others are the host's). */
  private readonly rlimits = new Map<number, Rlimit>();
  /** Stop with SliceStop.Fault before delivering a fault's signal (debuggers, embedders). */
  stopOnFault = false;
  pendingFault: PendingFault | null = null;
  /** Set once the process has exited. */
  exitStatus: { exitCode: number; signal?: number } | null = null;
  exited = false;
  stopped = false;
  /** The process the host started (no guest parent): its stops stop the host (LinuxHost.suspend). */
  readonly startedByHost: boolean;
  insnsRun = 0;
  /** Relatives. */
  parent: LinuxProcess | null = null;
  readonly children = new Set<LinuxProcess>();
  /** The signal the parent gets when this process ends (clone's low byte; SIGCHLD for fork). */
  exitSignal = SIGCHLD;
  /** Has called execve (setpgid on it by the parent fails with EACCES). */
  execed = false;
  /** vfork: the parent sleeps until this child execs or exits. */
  vforkDone = true;
  /** Interval and POSIX timers (a forked child starts without any, as in Linux). */
  readonly timers = new ProcessTimers();
  /** For wait: the wait4 status of an exited child; a stop or continue not yet reported. */
  private waitStatus = 0;
  private stopReport = 0;
  private contReport = false;

  constructor(
    readonly host: LinuxHost,
    readonly opts: ProcessOptions = {},
    from: LinuxProcess | null = null,
  ) {
    this.kernel = from?.kernel ?? opts.kernel ?? new Kernel(host, opts.abi ?? riscv64Abi, opts);
    const k = this.kernel;
    this.abi = k.abi;
    this.sys = k.sys;
    this.args = new SyscallArgs(this.abi.layouts.wordBytes === 8 ? 64 : 32);
    this.mmapNext = this.abi.layout.mmapBase;
    this.pid = k.allocId(from ? undefined : (opts.pid ?? host.pid ?? 1000));
    this.ppid = from ? from.pid : (opts.ppid ?? host.ppid ?? INIT_PID);
    this.startedByHost = !from;
    this.pgid = from ? from.pgid : (host.pgid ?? this.pid);
    this.umask = from ? from.umask : (host.umask ?? 0o022);
    this.groups = from ? from.groups : (host.groups ?? []);
    this.caps = from ? { ...from.caps } : initialCaps(host);
    this.sid = from ? from.sid : (host.sid ?? this.pid);
    // a group or session named by a host process outside the guest: no guest process gets its id
    if (!from) for (const id of [this.pgid, this.sid, this.ppid]) if (id !== this.pid && id > 0) k.reserveId(id);
    this.cwd = from ? from.cwd : host.fs.getcwd();
    this.pathCache = from ? from.pathCache : new Map();
    this.as = from ? from.as : k.memory.newAddressSpace();
    this.futexes = from ? from.futexes : new WaitQueue<number>();
    this.fds = from ? from.fds.clone() : new FdTable();
    this.fds.fileLocks = k.fileLocks;
    for (let i = 0; i <= NSIG; i++)
      this.sigactions.push(from ? { ...from.sigactions[i] } : { handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0 });
    this.cur = new Thread(this.pid, this.pid, k.cpu.regSlots);
    // the first process starts with the host's nice value (qemu-user's is its own process's)
    this.cur.sched = from ? inheritSched(from.cur.sched) : { ...this.cur.sched, nice: host.nice ?? 0 };
    this.threads.push(this.cur);
    if (from) {
      this.parent = from;
      from.children.add(this);
      this.stopOnFault = from.stopOnFault;
    } else {
      this.cur.regs.set(k.resetRegs);
      this.installStdio();
    }
    k.addProcess(this);
    k.addThread(this.cur);
    // The kernel's first process is the CPU's from the start (embedders may set registers before running it).
    if (!k.current) k.activate(this.cur);
  }

  private installStdio(): void {
    const host = this.host;
    const hs = host.stdioHandles;
    for (let fd = 0; fd < 3; fd++) {
      if (hs) {
        const st = host.fs.fstat(hs[fd]);
        const mode = typeof st === "number" ? 0o010000 : st.mode & S_IFMT;
        const f = new HostFile(host.fs, hs[fd], fd === 0 ? O.RDONLY : O.WRONLY, `/proc/self/fd/${fd}`, mode);
        f.borrowed = true; // never close the host's own stdio
        f.path = null;
        // The host's own stdio: always at the host's file position (it may be shared or O_APPEND).
        f.seekable = false;
        if (f.isatty()) f.terminal = this.kernel.hostTerminal;
        this.fds.installAt(fd, f);
      } else this.fds.installAt(fd, new StdioFile(host, fd));
    }
    const term = this.kernel.hostTerminal;
    if (term.sid === 0) {
      term.sid = this.sid;
      term.pgrp = this.pgid;
    }
  }

  // ---- Task: the process as syscall handlers see it

  get task(): Task {
    return this;
  }
  get cpu(): UserCpu {
    return this.kernel.cpu;
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
  get pageCache(): PageCache {
    return this.kernel.pageCache;
  }
  get sharedFiles(): SharedFiles {
    return this.kernel.sharedFiles;
  }
  get fileLocks(): FileLocks {
    return this.kernel.fileLocks;
  }
  get namedPipes(): NamedPipes {
    return this.kernel.namedPipes;
  }
  get ipc(): SysvIpc {
    return this.kernel.ipc;
  }
  get uts(): { nodename: Uint8Array | null; domainname: Uint8Array | null } {
    return this.kernel.uts;
  }
  realtimeNs(): bigint {
    return this.kernel.realtimeNs();
  }
  setRealtimeNs(ns: bigint): void {
    this.kernel.setRealtimeNs(ns);
  }
  get sysTz(): { minuteswest: number; dsttime: number } {
    return this.kernel.sysTz;
  }
  get ntp(): NtpState {
    return this.kernel.ntp;
  }
  get fsnotify(): FsNotify {
    return this.kernel.fsnotify;
  }
  get ptys(): PtyTable {
    return this.kernel.ptys;
  }
  get terminal(): TerminalState {
    return this.kernel.hostTerminal;
  }
  cpuinfo(cpus: number): string | null {
    return this.abi.cpuinfo?.(cpus) ?? null;
  }
  get sharedFutexes(): WaitQueue<number> {
    return this.kernel.sharedFutexes;
  }
  get blockedSyscall(): number {
    return this.kernel.blockedSyscall;
  }
  set blockedSyscall(v: number) {
    this.kernel.blockedSyscall = v;
  }
  /** The executable's canonical host path (/proc/self/exe), symlinks resolved when first asked for. */
  get exePath(): string {
    if (this.exeReal === null) {
      const r = this.exeGiven.startsWith("/") ? realPath(this.host.fs, this.exeGiven) : this.exeGiven;
      this.exeReal = typeof r === "string" ? r : this.exeGiven;
    }
    return this.exeReal;
  }
  set exePath(p: string) {
    this.exeGiven = p;
    this.exeReal = null;
  }

  get stateLetter(): string {
    if (this.exited) return "Z";
    if (this.stopped) return "T";
    // R: a thread can run (or runs); S: every thread waits (a sleep, a read, a wait4...).
    return this.threads.some((t) => !t.dead && t.wait === null) ? "R" : "S";
  }
  get openFiles(): FdTable | null {
    return this.exited ? null : this.fds;
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
    if (res === RLIMIT_NOFILE) this.fds.limit = v[0] < 0 ? 1 << 20 : Math.min(v[0], 1 << 20);
  }

  block(w: Waiter): void {
    this.cur.wait = w;
    this.kernel.yieldCpu();
  }
  restartSyscall(): void {
    this.cpu.restartSyscall();
  }
  setResult(v: number): void {
    this.cpu.setSyscallResult(v);
  }
  yieldCpu(): void {
    this.kernel.yieldCpu();
  }
  stackPointer(): number {
    return this.cpu.sp;
  }

  // ---- loading

  /**
   * Loads the program (the kernel's first process, or an embedder's) and builds its stack; throws
   * ElfError with a one-line reason. The registers are those of a fresh execve. argv, envp and the
   * paths are byte strings (bytes.ts), as every name in the kernel.
   */
  load(elf: Uint8Array, argv: string[], envp: string[], exePath = argv[0] ?? "prog", execfn = argv[0] ?? exePath): void {
    // Share the pages with later execs of the same file when the host knows it by that path.
    const st = this.host.fs.stat(exePath, true);
    const same = typeof st !== "number" && Number(st.size) === elf.length;
    const path = joinPath(this.cwd, exePath);
    const file = same
      ? elfFileFromBytes(elf, `${st.dev}:${st.ino}`, `${st.size}:${st.mtimeNs}:${st.ctimeNs}`, { path, dev: st.dev, ino: st.ino })
      : elfFileFromBytes(elf);
    const as = this.kernel.memory.newAddressSpace();
    try {
      this.loadImage(as, { exe: file, exePath: path, execfn, argv, close: () => {} }, envp);
    } catch (e) {
      as.release();
      throw e;
    }
    this.replaceAddressSpace(as);
    // The first process: its registers are the CPU's from now on (embedders may set them before running).
    const k = this.kernel;
    if (!k.current || k.current.dead || k.current === this.cur) k.activate(this.cur);
  }

  /**
   * Starts a program from the host file system as execve would (ELF with its interpreter, or a
   * "#!" script), for a kernel's first process or an embedder's; 0 or -errno.
   */
  start(path: string, argv: string[], envp: string[]): number {
    const r = this.execve(path, argv, envp);
    const k = this.kernel;
    if (r === 0 && (!k.current || k.current.dead || k.current === this.cur)) k.activate(this.cur);
    return r;
  }

  /** Loads an image into `as` and sets the current thread's saved registers to its entry state. */
  private loadImage(as: AddressSpace, img: ExecImage, envp: string[]): void {
    const k = this.kernel;
    const opened: ElfFile[] = [];
    try {
      const r = loadProgram(as, this.abi, {
        exe: img.exe,
        argv: img.argv,
        envp,
        exePath: img.exePath,
        execfn: img.execfn,
        openInterp: (path) => {
          const f = this.openExecutable(this.sysrootPath(path));
          if (typeof f === "number") return null;
          opened.push(f);
          return f;
        },
        cache: k.pageCache,
        sysroot: this.opts.sysroot,
        random: this.host.randomBytes(16),
        uid: this.host.uid ?? 0,
        gid: this.host.gid ?? 0,
      });
      const regs = this.cur.regs;
      regs.set(k.resetRegs);
      // The entry state goes through the CPU (the only code that knows the register layout).
      const cpu = k.cpu;
      const running = k.current;
      if (running && running !== this.cur && !running.dead) cpu.saveRegs(running.regs);
      cpu.loadRegs(regs);
      cpu.pc = r.entry;
      cpu.sp = r.sp;
      let mmapNext = r.mmapNext;
      if (this.abi.startCpu) {
        // The per-image CPU setup (i386's IDT and GDT, mapped in the new image as QEMU's
        // target_cpu_copy_regs does; a forked child inherits them with the address space). Its
        // segment loads read the new GDT through the MMU, so the MMU looks at `as` meanwhile.
        const layout = this.abi.layout;
        const prevAs = k.memory.current;
        k.memory.switchTo(as);
        try {
          this.abi.startCpu(cpu, as, (len) => {
            const at = layout.qemuLayout ? qemuFindVma(as, layout, len) : as.findFree(len, mmapNext);
            if (at < 0) throw new OutOfGuestMemory();
            if (!layout.qemuLayout) mmapNext = at;
            return at;
          });
        } finally {
          k.memory.switchTo(prevAs);
        }
      }
      cpu.saveRegs(regs);
      if (running && running !== this.cur && !running.dead) cpu.loadRegs(running.regs);
      this.brkStart = this.brk = r.brk;
      this.mmapNext = mmapNext;
      this.sigtramp = r.sigtramp;
      this.exePath = img.exePath;
      this.argv = img.argv;
      this.envp = envp;
      this.comm = baseName(img.execfn).slice(0, 15);
    } finally {
      for (const f of opened) f.close?.();
    }
  }

  /** Opens a host file as an executable to load (its first bytes and a page-cache source), or -errno. */
  openExecutable(hostPath: string): ElfFile | number {
    return openElfFile(this.host, hostPath);
  }

  /** The host path behind a /proc link (execve of /proc/self/exe, as busybox does for its applets). */
  procTarget(path: string): string | number | null {
    if (!path.startsWith("/proc/") && !path.startsWith("/dev/")) return null;
    for (let depth = 0; depth < 8; depth++) {
      const node = procLookup(this, normalizePath(path));
      if (!node) return depth === 0 ? null : path;
      if (node.kind === "file" || node.kind === "dir" || node.kind === "device") return -E.EACCES;
      const target = node.target();
      if (typeof target === "number") return target;
      path = linkTargetPath(path, target);
    }
    return -E.ELOOP;
  }

  /** Makes `as` this process's address space (the old one is released if nobody else uses it). */
  private replaceAddressSpace(as: AddressSpace): void {
    const old = this.as;
    this.as = as;
    this.futexes = new WaitQueue<number>();
    if (this.kernel.currentProcess === this) this.kernel.memory.switchTo(as);
    if (--old.users === 0) old.release();
  }

  // ---- execve

  execve(path: string, argv: string[], envp: string[]): number {
    const img = prepareExec(this, path, argv);
    if (typeof img === "number") return img;
    const as = this.kernel.memory.newAddressSpace();
    try {
      this.loadImage(as, img, envp);
    } catch (e) {
      img.close();
      as.release();
      if (e instanceof ElfError) return -E.ENOEXEC;
      if (e instanceof OutOfGuestMemory) return -E.ENOMEM;
      throw e;
    }
    img.close();
    // Past the point of no return: the other threads go (de_thread), the caller becomes the leader.
    const t = this.cur;
    for (const x of this.threads) if (x !== t) this.killThread(x);
    this.threads = [t];
    if (t.tid !== this.pid) {
      this.kernel.freeId(t.tid);
      t.tid = this.pid;
    }
    t.clearChildTid = 0;
    t.altSp = t.altSize = 0;
    t.altFlags = SS_DISABLE;
    t.interrupted = null;
    this.replaceAddressSpace(as);
    this.kernel.cpu.loadRegs(t.regs);
    this.execed = true;
    this.caps = capsAfterExec(this.caps, this.host.uid ?? 0);
    this.fds.closeOnExec();
    // Handled signals go back to their default action; ignored ones stay ignored (POSIX).
    for (const a of this.sigactions) {
      if (a.handler !== SIG_IGN) a.handler = SIG_DFL;
      a.flags = 0;
      a.mask = 0n;
      a.restorer = 0;
    }
    this.hostSignalsChanged();
    this.exitSignal = SIGCHLD;
    // POSIX timers are deleted (exit_itimers), the interval timers go on.
    this.timers.clearPosix();
    this.kernel.timersChanged(this);
    this.releaseVforkParent();
    return 0;
  }

  // ---- fork

  fork(exitSignal: number, newSp: number, tls: number | null, shareVm: boolean, vfork: boolean, setup: (child: Task) => void): number {
    const k = this.kernel;
    const nproc = this.getRlimit(RLIMIT_NPROC);
    if (k.tasks >= k.maxTasks || (nproc && nproc[0] >= 0 && k.tasks >= nproc[0])) return -E.EAGAIN;
    let childAs: AddressSpace;
    try {
      childAs = shareVm ? this.as : this.as.fork();
    } catch (e) {
      if (e instanceof OutOfGuestMemory) return -E.ENOMEM;
      throw e;
    }
    if (shareVm) this.as.users++;
    const child = new LinuxProcess(this.host, this.opts, this);
    if (!shareVm) {
      child.as = childAs;
      child.futexes = new WaitQueue<number>();
    }
    const regs = child.cur.regs;
    this.cpu.saveRegs(regs);
    this.cpu.initCloneRegs(regs, newSp, tls);
    child.exitSignal = exitSignal;
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    child.exeGiven = this.exeGiven;
    child.exeReal = this.exeReal;
    child.comm = this.comm;
    child.argv = this.argv;
    child.envp = this.envp;
    child.umask = this.umask;
    child.sigtramp = this.sigtramp;
    child.mmapNext = this.mmapNext;
    child.cur.sigmask = this.cur.sigmask;
    child.cur.altSp = this.cur.altSp;
    child.cur.altSize = this.cur.altSize;
    child.cur.altFlags = this.cur.altFlags;
    for (const [r, v] of this.rlimits) child.setRlimit(r, v);
    setup(child);
    if (vfork) {
      // The parent sleeps until the child execs or exits (it shares our memory until then); the
      // wait's result is the call's.
      child.vforkDone = false;
      this.block({ ready: () => child.vforkDone, result: () => child.pid, restart: Restart.NoIntr });
    }
    return child.pid;
  }

  private releaseVforkParent(): void {
    this.vforkDone = true;
  }

  // ---- threads

  /** clone(CLONE_VM|CLONE_THREAD): a thread whose registers are a copy of the current ones. */
  cloneThread(newSp: number, tls: number | null): Thread | null {
    const k = this.kernel;
    const nproc = this.getRlimit(RLIMIT_NPROC);
    if (k.tasks >= k.maxTasks || (nproc && nproc[0] >= 0 && k.tasks >= nproc[0])) return null;
    const t = new Thread(k.allocId(), this.pid, this.cpu.regSlots);
    this.cpu.saveRegs(t.regs);
    if (this.abi.cloneThreadCpu && !this.abi.cloneThreadCpu(this.as, t.regs, (len) => this.findMmapRange(len))) return null;
    this.cpu.initCloneRegs(t.regs, newSp, tls);
    t.sigmask = this.cur.sigmask;
    t.sched = inheritSched(this.cur.sched);
    this.threads.push(t);
    k.addThread(t);
    this.hostSignalsChanged();
    return t;
  }

  /** Ends the current thread (exit): CLONE_CHILD_CLEARTID, then the next thread runs. */
  exitThread(code: number): void {
    const t = this.cur;
    const live = this.threads.filter((x) => !x.dead);
    if (live.length <= 1) throw new ExitProcess(code);
    this.abi.exitThreadCpu?.(this.cpu, this.as);
    this.killThread(t);
    this.threads = this.threads.filter((x) => x !== t);
    this.hostSignalsChanged();
    this.kernel.yieldCpu();
  }

  private killThread(t: Thread): void {
    this.handOverShared(t);
    t.dead = true;
    t.wait?.cancel?.();
    t.wait = null;
    if (t.clearChildTid) {
      const z = new Uint8Array(4);
      if (this.as.write(t.clearChildTid, z)) this.futexes.wake(t.clearChildTid, 1, -1);
    }
    this.kernel.removeThread(t);
  }

  /**
   * Signals sent to the process that wait on the queue of thread `t`, which goes: Linux keeps them
   * in the process's shared_pending, so they move to a thread that stays (one that does not block
   * the signal if there is one, which then takes it), and sigpending, sigtimedwait and signalfds
   * still see them.
   */
  private handOverShared(t: Thread): void {
    if (!t.pending.some((p) => p.toProcess)) return;
    const shared = t.pending.filter((p) => p.toProcess);
    t.pending = t.pending.filter((p) => !p.toProcess);
    const live = this.threads.filter((x) => x !== t && !x.dead);
    if (live.length === 0) return;
    for (const si of shared) {
      const bit = sigbit(si.signo);
      const to = live.find((x) => !(x.sigmask & bit) || (x.sigwaitSet & bit) !== 0n) ?? live[0];
      if (si.signo < 32 && to.pending.some((p) => p.signo === si.signo && p.toProcess)) continue;
      to.pending.push(si);
      if (!((to.sigmask | to.sigwaitSet) & bit)) this.interrupt(to);
    }
  }

  exitGroup(code: number): never {
    throw new ExitProcess(code);
  }

  // ---- the run loop (KernelProcess)

  beforeSlice(t: Thread): void {
    this.cur = t;
    const pf = this.pendingFault;
    if (pf) {
      this.pendingFault = null;
      this.deliverFault(pf.event, pf.addr, pf.code);
    }
    this.processSignals(t);
  }

  onCpuEvent(ev: CpuEvent): SliceStop {
    const cpu = this.cpu;
    if (ev === CpuEvent.Syscall) {
      const at = cpu.pc;
      cpu.enterSyscall();
      this.sys.dispatch(this, at);
      return this.kernel.blockedSyscall >= 0 ? SliceStop.Blocked : SliceStop.Continue;
    }
    if (ev === CpuEvent.Other) return SliceStop.Foreign;
    if (ev === CpuEvent.Debug) return SliceStop.Debug;
    if (this.stopOnFault) {
      const fs = cpu.faultSignal?.() ?? null;
      this.pendingFault = { event: ev, excp: cpu.excp, addr: cpu.faultAddr, code: cpu.faultCode, signal: fs ? fs.signo : faultSignal(ev) };
      return SliceStop.Fault;
    }
    this.deliverFault(ev, cpu.faultAddr, cpu.faultCode);
    return SliceStop.Continue;
  }

  /** The signal a fault raises for the current thread (Linux's force_sig_fault). */
  private deliverFault(ev: CpuEvent, addr: number, code: number): void {
    // a file mapping's page past the end of the file (Linux's filemap_fault: VM_FAULT_SIGBUS)
    if (ev === CpuEvent.PageFault && this.as.busError(Math.floor(addr / 4096)))
      return this.forceSignal({ signo: SIGBUS, code: BUS_ADRERR, addr });
    const fs = this.cpu.faultSignal?.() ?? null;
    if (fs) return this.forceSignal({ signo: fs.signo, code: fs.code, addr: fs.addr });
    switch (ev) {
      case CpuEvent.IllegalInsn:
        // The ABI may give a code (ARM's cpu loop: ILL_ILLOPN, or ILL_ILLTRP for a bad SWI).
        return this.forceSignal({ signo: SIGILL, code: code || ILL_ILLOPC, addr });
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

  /** The process ended by `e` (exit_group, a fatal signal, no guest memory left), else rethrows. */
  ended(e: unknown): void {
    if (e instanceof ExitProcess) return this.finish(e.code);
    if (e instanceof FatalSignal) return this.finish(128 + e.sig, e.sig);
    if (e instanceof OutOfGuestMemory) {
      this.writeOwnStderr(`tciemu: out of guest memory (use a larger RAM size)\n`);
      return this.finish(128 + SIGKILL, SIGKILL);
    }
    throw e;
  }

  terminate(sig: number): void {
    if (!this.exited) this.finish(128 + sig, sig);
  }

  /** Writes a message where the process's own stderr goes (as qemu's messages do), else to the host's. */
  private writeOwnStderr(text: string): void {
    const d = this.fds.get(2);
    if (d?.canWrite()) d.write(enc.encode(text), null);
    else this.host.writeStderr(enc.encode(text));
  }

  /** The process has ended: it becomes a zombie for its parent (Linux's do_exit and exit_notify). */
  private finish(exitCode: number, signal?: number): void {
    if (this.exited) return;
    const k = this.kernel;
    this.exited = true;
    this.stopped = false;
    this.exitStatus = signal === undefined ? { exitCode } : { exitCode, signal };
    this.waitStatus = signal === undefined ? (exitCode & 0xff) << 8 : signal & 0x7f;
    for (const t of this.threads) {
      t.dead = true;
      t.wait?.cancel?.();
      t.wait = null;
    }
    k.processExited(this);
    k.timersChanged(this);
    this.hostSignalsChanged(); // the host's signals have nobody to go to now
    for (const fd of this.fds.list()) this.fds.close(fd);
    if (this.pid === this.sid) k.ptys.sessionLeaderExited(this.sid);
    // SEM_UNDO adjustments (exit_sem); shm attaches go with the address space (exit_shm)
    k.ipc.exitProcess(this.pid);
    if (--this.as.users === 0) this.as.release();
    this.releaseVforkParent();
    // Orphans go to init, which reaps them.
    for (const c of this.children) {
      c.parent = null;
      c.ppid = INIT_PID;
      if (c.exited) k.removeProcess(c);
    }
    this.children.clear();
    const parent = this.parent;
    if (!parent || parent.exited) {
      this.parent = null;
      k.removeProcess(this);
      return;
    }
    const act = parent.sigactions[SIGCHLD];
    if (this.exitSignal === SIGCHLD && (act.handler === SIG_IGN || act.flags & SA_NOCLDWAIT)) {
      // Nobody will wait: reaped at once (and wait4 says ECHILD).
      parent.children.delete(this);
      this.parent = null;
      k.removeProcess(this);
    }
    if (this.exitSignal > 0 && this.exitSignal <= NSIG)
      parent.queueSignal(
        {
          signo: this.exitSignal,
          code: signal === undefined ? CLD_EXITED : CLD_KILLED,
          pid: this.pid,
          uid: this.host.uid ?? 0,
          status: signal ?? exitCode & 0xff,
        },
        null,
      );
  }

  /** A stop signal's default action: the process stops; its parent hears of it. */
  private stop(sig: number): void {
    if (this.stopped || this.exited) return;
    this.stopped = true;
    this.stopReport = sig;
    this.contReport = false;
    if (this.kernel.currentProcess === this) this.kernel.yieldCpu();
    this.notifyParent(CLD_STOPPED, sig);
    if (this.startedByHost) this.kernel.hostChildStopped(this, sig);
  }

  /** SIGCONT: a stopped process runs again. */
  private cont(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopReport = 0;
    this.contReport = true;
    this.notifyParent(CLD_CONTINUED, SIGCONT);
  }

  private notifyParent(code: number, status: number): void {
    const p = this.parent;
    if (!p || p.exited) return;
    if (p.sigactions[SIGCHLD].flags & SA_NOCLDSTOP) return;
    p.queueSignal({ signo: SIGCHLD, code, pid: this.pid, uid: this.host.uid ?? 0, status }, null);
  }

  // ---- wait

  waitChild(sel: number, options: number, consume: boolean): ChildReport | null | number {
    let any = false;
    for (const c of this.children) {
      if (sel > 0 ? c.pid !== sel : sel === 0 ? c.pgid !== this.pgid : sel < -1 ? c.pgid !== -sel : false) continue;
      // __WCLONE: only children whose exit signal is not SIGCHLD; by default only the others (__WALL: both).
      const clone = c.exitSignal !== SIGCHLD;
      if (!(options & 0x40000000) && clone !== ((options & 0x80000000) !== 0)) continue;
      any = true;
      const uid = this.host.uid ?? 0;
      if (c.exited && options & WEXITED) {
        const st = c.waitStatus;
        const killed = (st & 0x7f) !== 0;
        const r: ChildReport = {
          pid: c.pid,
          status: st,
          code: killed ? CLD_KILLED : CLD_EXITED,
          siStatus: killed ? st & 0x7f : st >> 8,
          uid,
        };
        if (consume && !(options & WNOWAIT)) {
          this.children.delete(c);
          c.parent = null;
          this.kernel.removeProcess(c);
        }
        return r;
      }
      if (c.stopped && c.stopReport && options & WUNTRACED) {
        const r: ChildReport = { pid: c.pid, status: 0x7f | (c.stopReport << 8), code: CLD_STOPPED, siStatus: c.stopReport, uid };
        if (consume && !(options & WNOWAIT)) c.stopReport = 0;
        return r;
      }
      if (c.contReport && options & WCONTINUED) {
        const r: ChildReport = { pid: c.pid, status: 0xffff, code: CLD_CONTINUED, siStatus: SIGCONT, uid };
        if (consume && !(options & WNOWAIT)) c.contReport = false;
        return r;
      }
    }
    return any ? null : -E.ECHILD;
  }

  // ---- other processes

  processView(pid: number): ProcessView | null {
    const p = this.kernel.processes.get(pid);
    return p instanceof LinuxProcess ? p : null;
  }

  pids(): number[] {
    return [...this.kernel.processes.keys()].sort((a, b) => a - b);
  }

  kill(pid: number, si: SigInfo): number {
    const k = this.kernel;
    let targets: LinuxProcess[];
    if (pid > 0) {
      const p = k.processes.get(pid);
      if (!(p instanceof LinuxProcess)) return -E.ESRCH;
      targets = [p];
    } else if (pid === -1) {
      // Every process but init and the caller itself.
      targets = [...k.processes.values()].filter((p): p is LinuxProcess => p instanceof LinuxProcess && p !== this && !p.exited);
      if (targets.length === 0) return -E.ESRCH;
    } else {
      const g = pid === 0 ? this.pgid : -pid;
      targets = k.processGroup(g).filter((p): p is LinuxProcess => p instanceof LinuxProcess);
      if (targets.length === 0) return -E.ESRCH;
    }
    if (si.signo === 0) return 0;
    for (const p of targets) if (!p.exited) p.queueSignal(si, null);
    return 0;
  }

  signalThread(tgid: number | null, tid: number, si: SigInfo): number {
    for (const p of this.kernel.processes.values()) {
      if (!(p instanceof LinuxProcess) || p.exited || (tgid !== null && p.pid !== tgid)) continue;
      const th = p.threads.find((x) => x.tid === tid && !x.dead);
      if (!th) continue;
      if (si.signo) p.queueSignal(si, th);
      return 0;
    }
    return -E.ESRCH;
  }

  setpgid(pid: number, pgid: number): number {
    const k = this.kernel;
    if (pgid < 0) return -E.EINVAL;
    const p = pid === 0 ? this : k.processes.get(pid);
    if (!(p instanceof LinuxProcess) || (p !== this && p.parent !== this)) return -E.ESRCH;
    if (p.parent === this && p !== this) {
      if (p.sid !== this.sid) return -E.EPERM;
      if (p.execed) return -E.EACCES;
    }
    if (p.sid === p.pid) return -E.EPERM; // a session leader
    const g = pgid === 0 ? p.pid : pgid;
    if (g !== p.pid && !k.processGroup(g).some((x) => x.sid === this.sid)) return -E.EPERM;
    p.pgid = g;
    return 0;
  }

  orphanedGroup(pgid: number): boolean {
    return this.kernel.orphanedGroup(pgid);
  }

  setsid(): number {
    // A process group leader, or anyone whose pid names a group, cannot start a session.
    if (this.kernel.processGroup(this.pid).length > 0) return -E.EPERM;
    this.sid = this.pgid = this.pid;
    return this.pid;
  }

  // ---- timers

  /** A timer was set or deleted (the kernel watches the clocks of processes with armed timers). */
  timersChanged(): void {
    this.kernel.timersChanged(this);
  }

  fireTimers(monoNs: bigint): void {
    const pending = (si: SigInfo) => this.threads.some((t) => t.pending.includes(si));
    for (const { si, tid } of this.timers.expire(monoNs, pending)) {
      const th = tid === null ? null : (this.threads.find((t) => t.tid === tid && !t.dead) ?? null);
      this.queueSignal(si, th);
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

  /** kill(): a signal for the process (KernelProcess). */
  signal(si: SigInfo): void {
    this.queueSignal(si, null);
  }

  /**
   * A signal for a thread (tkill) or the process (kill: the first thread not blocking it), as
   * Linux's send_signal and its job-control side effects: SIGCONT resumes, stop signals stop
   * (unless handled), ignored signals are discarded, and a deliverable one (a handler, or a fatal
   * default action) ends the thread's blocked call so that the thread runs and takes it. As in
   * Linux, a process killed by another dies when it next runs, not inside the sender's kill().
   */
  queueSignal(si: SigInfo, target: Thread | null): void {
    if (this.exited) return;
    const sig = si.signo;
    const bit = sigbit(sig);
    const act = this.sigactions[sig];
    if (sig === SIGCONT) {
      this.cont();
      for (const t of this.threads) t.pending = t.pending.filter((p) => !isStopSignal(p.signo));
    } else if (isStopSignal(sig)) {
      for (const t of this.threads) t.pending = t.pending.filter((p) => p.signo !== SIGCONT);
    }
    if (sig === SIGKILL) this.stopped = false; // a stopped process wakes up to die
    if (target === null) si.toProcess = true;
    // Linux's wants_signal: a thread that does not block it, or one waiting for it in rt_sigtimedwait.
    let t = target ?? this.threads.find((x) => !x.dead && (!(x.sigmask & bit) || (x.sigwaitSet & bit) !== 0n)) ?? this.cur;
    if (t.dead) t = this.cur;
    // A signal rt_sigtimedwait waits for is queued for it as a blocked one would be (real_blocked).
    const blocked = ((t.sigmask | t.sigwaitSet) & bit) !== 0n && (bit & UNBLOCKABLE) === 0n;
    const dfl = act.handler === SIG_DFL;
    if (!blocked) {
      if (act.handler === SIG_IGN || (dfl && defaultAction(sig) === "ignore")) {
        // Discarded. -strace shows it taken (when the thread next runs) where QEMU would see it:
        // QEMU's host handler stays installed after SA_RESETHAND put back the default action, and
        // handle_pending_signal prints before dropping the signal.
        const hostSees = dfl && act.flags & SA_RESETHAND;
        if (this.sys.trace && hostSees && !(sig < 32 && t.pending.some((p) => p.signo === sig))) t.pending.push(si);
        return;
      }
      if (dfl && isStopSignal(sig)) {
        // The terminal's stop signals do not stop an orphaned group (get_signal), nobody would continue it.
        if (sig !== SIGSTOP && this.kernel.orphanedGroup(this.pgid)) return;
        return this.stop(sig);
      }
    }
    if (sig < 32 && t.pending.some((p) => p.signo === sig)) return; // standard signals don't queue
    t.pending.push(si);
    this.signalsQueued++;
    if (!blocked) this.interrupt(t);
  }

  /** A signal ends thread t's blocked call; its delivery decides between EINTR and a restart. */
  private interrupt(t: Thread): void {
    const w = t.wait;
    if (!w) return;
    w.cancel?.();
    t.wait = null;
    t.interrupted = { restart: w.restart ?? Restart.Sys, atSyscall: !w.result, partial: w.partial?.() ?? null, trace: w.trace };
  }

  /** Delivers the thread's deliverable pending signals (qemu's process_pending_signals). */
  processSignals(t: Thread = this.cur): void {
    for (let guard = 0; guard < 64 && t.pending.length && !this.stopped; guard++) {
      // the deliverable one Linux's dequeue_signal would take first
      let i = -1;
      for (let k = 0; k < t.pending.length; k++) {
        const p = t.pending[k];
        if (t.sigmask & sigbit(p.signo) && (sigbit(p.signo) & UNBLOCKABLE) === 0n) continue;
        if (i < 0 || dequeueKey(p) < dequeueKey(t.pending[i])) i = k;
      }
      if (i < 0) break;
      const [si] = t.pending.splice(i, 1);
      this.deliver(t, si);
    }
    const ic = t.interrupted;
    if (ic && !this.stopped) {
      // No handler ran: the call starts again (or returns what it already did).
      t.interrupted = null;
      if (ic.partial !== null) this.endCall(ic, ic.partial);
      else if (!ic.atSyscall) this.cpu.restartSyscall();
    }
    if (t.savedMask !== null && !t.wait && !t.interrupted) {
      t.sigmask = t.savedMask;
      t.savedMask = null;
    }
  }

  /** Makes an interrupted call return `result` (the pc after the syscall instruction). */
  private endCall(ic: NonNullable<Thread["interrupted"]>, result: number): void {
    if (ic.atSyscall) this.cpu.enterSyscall();
    this.cpu.setSyscallResult(result);
    ic.trace?.(result);
  }

  private deliver(t: Thread, si: SigInfo): void {
    const sig = si.signo;
    const act = this.sigactions[sig];
    // -strace: every signal taken, before its action (QEMU's handle_pending_signal)
    this.sys.traceSignal(si);
    if (act.handler === SIG_IGN) return;
    if (act.handler === SIG_DFL) {
      const what = defaultAction(sig);
      if (what === "ignore") return;
      if (what === "stop") return this.stop(sig);
      if (what === "core" && this.coreDumps())
        this.writeOwnStderr(`qemu: uncaught target signal ${sig} (${signalName(sig)}) - core dumped\n`);
      throw new FatalSignal(sig);
    }
    // A handler runs: settle a call the signal interrupted (Linux's syscall restart logic).
    const ic = t.interrupted;
    if (ic) {
      t.interrupted = null;
      if (ic.partial !== null) this.endCall(ic, ic.partial);
      else if (ic.restart === Restart.NoIntr || (ic.restart === Restart.Sys && act.flags & SA_RESTART)) {
        if (!ic.atSyscall) this.cpu.restartSyscall();
      } else this.endCall(ic, -E.EINTR);
    }
    const cpu = this.cpu;
    let sp = cpu.sp;
    const onAlt = t.onAltStack(sp);
    if (act.flags & SA_ONSTACK && !(t.altFlags & SS_DISABLE) && !onAlt) sp = t.altSp + t.altSize;
    // rt_sigsuspend: the frame restores the mask from before the call.
    const runMask = t.sigmask;
    if (t.savedMask !== null) {
      t.sigmask = t.savedMask;
      t.savedMask = null;
    }
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
      if (this.coreDumps()) this.writeOwnStderr(`qemu: uncaught target signal ${SIGSEGV} (${signalName(SIGSEGV)}) - core dumped\n`);
      throw new FatalSignal(SIGSEGV);
    }
    t.sigmask = (runMask | act.mask | (act.flags & SA_NODEFER ? 0n : sigbit(sig))) & ~UNBLOCKABLE;
    if (act.flags & SA_RESETHAND) {
      act.handler = SIG_DFL;
      this.hostSignalsChanged();
    }
  }

  /**
   * The first process (the host's own, LinuxHost.catchSignal): after a change of its signal
   * dispositions, its threads' masks or its threads, tells the host which signals it would not
   * meet with their default action at once: those it catches or ignores, and those every thread
   * blocks (they wait, pending, for sigwait or a signalfd).
   */
  hostSignalsChanged(): void {
    const host = this.host;
    if (!this.startedByHost || !host.catchSignal) return;
    let blocked = -1n;
    for (const t of this.threads) {
      if (t.dead) continue;
      blocked &= t.sigmask;
      // its mask's changes too (threads are few; those of other processes have no hook)
      t.onMaskChange ??= () => this.hostSignalsChanged();
    }
    for (let sig = 1; sig < 32; sig++)
      host.catchSignal(sig, !this.exited && (this.sigactions[sig].handler !== SIG_DFL || (blocked & sigbit(sig)) !== 0n));
  }

  /**
   * Whether qemu would dump core for a fatal signal, and so print "qemu: uncaught target signal N
   * (...) - core dumped": when its target has ELF core dumps (LinuxAbi.coreDump), whatever
   * RLIMIT_CORE says. tciemu never writes the core file itself.
   */
  coreDumps(): boolean {
    return this.abi.coreDump === true;
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

  // ---- the public run API (the whole kernel runs; these are the process's view of it)

  /** What precedes each slice: thread choice, a pending fault, signal delivery. */
  prepare(): SliceStop {
    return this.kernel.prepare();
  }

  /** Runs one slice of the kernel (whichever thread is next); see SliceStop. */
  runSlice(budget: number): SliceStop {
    return this.kernel.runSlice(budget);
  }

  /** Handles an engine exception a stepper left pending, as the run loop would, then prepares the next slice. */
  handleException(excp: number, auxLo: number, auxHi: number): SliceStop {
    return this.kernel.handleException(excp, auxLo, auxHi);
  }

  /**
   * Runs the kernel until every process has exited (or `maxInsns` instructions have run) and
   * returns this process's status. An exit by its last thread, a fatal signal or the deadlock
   * check all end it.
   */
  run(maxInsns = Infinity): RunResult {
    const done = this.kernel.run(maxInsns);
    const insns = this.insns;
    if (!this.exitStatus) return { exitCode: done ? 0 : -1, insns };
    return { ...this.exitStatus, insns };
  }

  /**
   * run() for guests that use the host's network: the kernel's runAsync (on SliceStop.Idle with a
   * wait on the host it awaits `idle(deadline)`, which the host resolves at a host socket's event
   * or at the deadline, and at least every `yieldMs` of running it awaits `idle(0n)`).
   */
  async runAsync(idle: (deadlineNs: bigint | null) => Promise<void>, maxInsns = Infinity, yieldMs = 20): Promise<RunResult> {
    const done = await this.kernel.runAsync(idle, maxInsns, yieldMs);
    const insns = this.insns;
    if (!this.exitStatus) return { exitCode: done ? 0 : -1, insns };
    return { ...this.exitStatus, insns };
  }

  /** After SliceStop.Idle: the earliest deadline of a blocked call (monotonic ns), or null. */
  get idleDeadline(): bigint | null {
    return this.kernel.idleState.deadline;
  }

  /** Closes every guest fd (an embedder abandoning the process). */
  close(): void {
    for (const fd of this.fds.list()) this.fds.close(fd);
  }

  /** Guest instructions retired so far by the whole kernel (the CPU's count). */
  get insns(): number {
    return this.cpu.insns;
  }

  // ---- memory helpers for mmap

  /** A free range of len bytes (top-down from the last mmap, like the kernel's mmap_base). */
  findMmapRange(len: number, hint = 0): number {
    const layout = this.abi.layout;
    if (layout.qemuLayout) return qemuFindVma(this.as, layout, len, hint);
    const top = layout.mmapBase;
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

/** Opens a host file as an executable to load: its first bytes and a page-cache source, or -errno. */
export function openElfFile(host: LinuxHost, hostPath: string): ElfFile | number {
  const fs = host.fs;
  const h = fs.open(hostPath, O.RDONLY, 0);
  if (h < 0) return h;
  const st = fs.fstat(h);
  if (typeof st === "number") {
    fs.close(h);
    return st;
  }
  const src = hostFileSource(fs, h, st, hostPath);
  const head = new Uint8Array(Math.min(src.size, 4096));
  src.read(0, head);
  return { head, src, close: () => void fs.close(h) };
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
