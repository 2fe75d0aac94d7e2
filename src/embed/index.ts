// tciemu's embedding API: a Linux guest process (riscv64 by default; createGuest({ abi: "arm" }) for armhf) as a typed object, the same in Node, a Web
// Worker or a page (nothing here imports node:* or touches the DOM, and nothing generates code).
//
//   import { createGuest } from "tciemu/src/embed/index.ts";
//   const g = createGuest({ onStdout: (b) => print(b), deterministic: true });
//   g.loadElf(elfBytes, ["prog", "arg1"]);
//   g.addBreakpoint(0x10078);
//   let r = g.run(10_000_000);            // { reason: "breakpoint" | "budget" | "exit" | ..., insns, pc }
//   g.getReg("a0"); g.readMemory(addr, 16); g.setReg("a0", 1);
//   r = g.run();                          // continues (over the breakpoint)
//
// run(budget) executes at most `budget` guest instructions and says why it returned:
//   "budget"     the budget is spent (call run() again to continue)
//   "exit"       the process exited (exitCode; signal when a fatal signal ended it)
//   "breakpoint" the pc reached a breakpoint; that instruction has not run yet
//   "watchpoint" an instruction is about to access a watched range; it has not run yet (see watch)
//   "fault"      the guest faulted (page fault, illegal instruction, misaligned access, ebreak);
//                the next run() delivers the signal as Linux would (a handler, or death)
//   "blocked"    nothing can run until the host brings something (every process waits, one of
//                them on a stdin pull source that has no data yet or on the network: a host
//                socket; let the event loop run and call run() again at input or a socket event),
//                or a syscall hook said block (the pc is at that ecall, which the next run()
//                executes again)
//   "idle"       every process sleeps or waits with a timeout (nanosleep, a poll timeout, a socket
//                wait with a deadline): run() again after wakeInMs (idleUntilNs: that deadline on
//                the host's monotonic clock), or earlier at input or a socket event
//   "stopped"    requestStop() was called (from a hook or callback)
//
// Hooks (the engine's run control, src/exec/cpu-exec.ts):
//   - breakpoints on guest pcs: a TB is never translated across a breakpoint and the CPU loop stops
//     before a TB that starts at one, so the hit is exact and costs nothing elsewhere (QEMU's way).
//   - watchpoints on address ranges: every TLB entry of a page holding a watched range carries a
//     flag bit that makes the interpreter's inline check fail, so all guest loads and stores to
//     those pages go through the softmmu slow path, which checks the ranges and stops precisely at
//     the accessing instruction. Other pages run at full speed. Accesses made by the kernel side (a
//     read() syscall filling a buffer) are not guest accesses and are not seen.
//   - syscalls: onSyscall is called before every syscall with its number and arguments; it may
//     observe, return a result instead of running it, or block it.
//
// Deterministic mode (deterministic: true): the guest's clocks advance with the instruction count
// (nsPerInsn per instruction, plus any time it sleeps), getrandom/AT_RANDOM come from a seeded
// generator and the in-memory file system's times follow the same clock, so the same program and
// inputs give the same instruction count and the same output on every run and every host.
import { Stop, type CpuExec } from "../exec/cpu-exec.ts";
import type { LinuxHost } from "../linux-user/host.ts";
import { LinuxProcess, SliceStop, type ProcessOptions } from "../linux-user/process.ts";
import type { Kernel } from "../linux-user/kernel.ts";
import { errnoText } from "../linux-user/errno.ts";
import { Tty } from "../linux-user/tty.ts";
import type { LinuxAbi } from "../linux-user/abi.ts";
import { LINUX_ABIS, abiByName } from "../linux-user/abis.ts";
import { PROT_EXEC, PROT_READ, PROT_WRITE } from "../linux-user/address-space.ts";
import { RISCV64_SYSCALLS } from "../linux-user/riscv64/syscalls.ts";
import { CpuEvent } from "../linux-user/user-cpu.ts";
import type { DebugArch } from "../exec/debug-arch.ts";
import { EmbedHost, type DeterministicOptions, type EmbedHostOptions, type StdinSource } from "./host.ts";

export { EmbedHost, type DeterministicOptions, type EmbedHostOptions, type StdinSource } from "./host.ts";
export { MemFs } from "../linux-user/mem-fs.ts";
// A HostFs (MemFs included) names files by byte strings; these convert a text name and back.
export { utf8ToByteString, byteStringToUtf8 } from "../linux-user/bytes.ts";
export { unpackArchive, type ArchiveStats } from "./archive.ts";
export type { HostFs, LinuxHost, HostStat, HostDirEntry } from "../linux-user/host.ts";
import type { HostFs } from "../linux-user/host.ts";
export { ElfError } from "../linux-user/elf.ts";
import { ElfError } from "../linux-user/elf.ts";
import { byteStringToUtf8, utf8ToByteString } from "../linux-user/bytes.ts";
export { LINUX_ABIS, abiByName, abiForElf } from "../linux-user/abis.ts";
export type { LinuxAbi } from "../linux-user/abi.ts";

/** riscv64 syscall names by number, for syscall hooks and logs (`syscall_<nr>` when unknown). */
export function syscallName(nr: number): string {
  return RISCV64_SYSCALLS.nameOf(nr) ?? `syscall_${nr}`;
}

export type StopReason = "budget" | "exit" | "breakpoint" | "watchpoint" | "fault" | "blocked" | "idle" | "stopped";

export interface FaultInfo {
  /** RISC-V exception cause (mcause). */
  cause: number;
  name: string;
  /** Faulting address (page faults, misaligned accesses) or the instruction bits (illegal). */
  addr: bigint;
  /** The signal Linux delivers for it. */
  signal: number;
}

export type WatchKind = "read" | "write" | "access";

export interface WatchHit {
  id: number;
  /** The accessed address and size in bytes. */
  addr: bigint;
  size: number;
  write: boolean;
  /** For stores: the value about to be written. */
  value?: bigint;
}

export interface RunOutcome {
  reason: StopReason;
  /** Instructions retired by this call. */
  insns: number;
  /** Where the guest stands: the next instruction to execute. */
  pc: bigint;
  exitCode?: number;
  signal?: number;
  fault?: FaultInfo;
  watch?: WatchHit;
  /** For "blocked" by a syscall hook: the syscall number. */
  syscall?: number;
  /** For "idle": every process sleeps; the earliest wakes in this many milliseconds. */
  wakeInMs?: number;
  /** For "idle": that earliest deadline (host monotonic ns). */
  idleUntilNs?: bigint | null;
}

export interface SyscallEvent {
  nr: number;
  name: string;
  /** a0..a5. */
  args: bigint[];
  /** Address of the ecall instruction. */
  pc: bigint;
}

/**
 * What a syscall hook decides: nothing (run the syscall), a result to return instead of running it
 * (a value, or -errno), or block (run() returns "blocked"; the ecall runs again on the next run()).
 */
export type SyscallDecision = void | undefined | { result: bigint | number } | { block: true };

export type SyscallHook = (call: SyscallEvent, guest: Guest) => SyscallDecision;

export interface GuestOptions extends EmbedHostOptions {
  /**
   * The guest architecture: a LinuxAbi, or its name ("riscv64", ...; see LINUX_ABIS). Default
   * riscv64.
   */
  abi?: LinuxAbi | string;
  /** A complete host instead of the built-in EmbedHost (then stdin/onStdout/fs/... are ignored). */
  host?: LinuxHost;
  /** Guest RAM in bytes (default 256 MiB; pages are allocated by the host lazily). */
  ramBytes?: number;
  /** Sysroot for the ELF interpreter and absolute paths (qemu's -L). */
  sysroot?: string;
  /** Unused: the kernel reads executables and interpreters (PT_INTERP) through the host's file system. */
  readFile?: (path: string) => Uint8Array | null;
  /** One guest instruction per TB (slower; QEMU's -singlestep). */
  singlestep?: boolean;
  /** Instructions per slice between host checks (default 4M). */
  slice?: number;
  /** Stop with reason "fault" before delivering a fault's signal (default true). */
  stopOnFault?: boolean;
  onSyscall?: SyscallHook;
  /** Extra LinuxProcess options. */
  process?: ProcessOptions;
  /**
   * A terminal for the guest's standard streams instead of pipes: a Linux line discipline
   * (echo, line editing, Ctrl-C/Ctrl-\/Ctrl-Z to the foreground process group, Ctrl-D as end of
   * input) fed with terminalInput(), its output (echo included) going to onStdout.
   */
  terminal?: { rows?: number; cols?: number };
}

export type RegName = number | string;

/** Called at a breakpoint or watchpoint hit (the instruction has not run yet); "stop" makes run() return. */
export type StopHook = (guest: Guest, hit: RunOutcome) => "stop" | "continue" | void;

const PROT_BITS: Record<string, number> = { r: PROT_READ, w: PROT_WRITE, x: PROT_EXEC };

function toNum(a: number | bigint): number {
  return typeof a === "bigint" ? Number(BigInt.asUintN(64, a)) : a;
}

/** Creates a guest process. */
export function createGuest(opts: GuestOptions = {}): Guest {
  return new Guest(opts);
}

/** A guest process as processes() lists it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** R running, S sleeping (blocked or waiting for the CPU), T stopped, Z zombie. */
  state: string;
  comm: string;
  argv: string[];
  /** For a zombie: how it ended. */
  exitCode?: number;
  signal?: number;
}

export class Guest {
  /** The first process (the one loadElf/loadProgram loads); its exit is run()'s "exit". */
  readonly process: LinuxProcess;
  /** The kernel every process of this guest lives in. */
  readonly kernel: Kernel;
  /** The execution engine (run control, TB cache, statistics). */
  readonly exec: CpuExec;
  /** The guest architecture's description (register names, disassembler). */
  readonly arch: DebugArch;
  readonly host: LinuxHost;
  /** The built-in host when no `host` option was given. */
  readonly embedHost: EmbedHost | null;
  onSyscall: SyscallHook | null;
  /** Set when the process has exited. */
  exited: { exitCode: number; signal?: number } | null = null;
  /** The guest's terminal (the `terminal` option), or null. */
  readonly terminal: Tty | null = null;

  private readonly bpHooks = new Map<number, StopHook>();
  /** Hooks of watchpoints, by the engine's watchpoint id. */
  private readonly watchHooks = new Map<number, StopHook | undefined>();
  private stopRequested = false;

  constructor(opts: GuestOptions = {}) {
    const eh = opts.host ? null : new EmbedHost(opts);
    this.embedHost = eh;
    this.host = opts.host ?? eh!;
    const abi = typeof opts.abi === "string" ? abiByName(opts.abi) : opts.abi;
    if (abi === null) throw new RangeError(`unknown guest architecture '${opts.abi}' (${LINUX_ABIS.map((a) => a.name).join(", ")})`);
    this.process = new LinuxProcess(this.host, {
      abi,
      ramBytes: opts.ramBytes ?? 256 << 20,
      sysroot: opts.sysroot === undefined ? undefined : utf8ToByteString(opts.sysroot),
      singlestep: opts.singlestep,
      slice: opts.slice ?? 1 << 22,
      ...opts.process,
    });
    this.kernel = this.process.kernel;
    this.exec = this.process.cpu.exec;
    this.arch = this.process.abi.debugArch();
    this.onSyscall = opts.onSyscall ?? null;
    this.stopOnFault = opts.stopOnFault ?? true;
    if (eh) eh.insns = () => this.insns;
    if (opts.terminal) {
      const host = this.host;
      const tty = new Tty(
        (b) => host.writeStdout(b),
        (pgrp, sig) => {
          if (pgrp > 0) this.kernel.killFromHost(-pgrp, sig);
        },
      );
      tty.rows = opts.terminal.rows ?? 24;
      tty.cols = opts.terminal.cols ?? 80;
      tty.terminal!.pgrp = this.process.pgid;
      tty.terminal!.sid = this.process.sid;
      for (let fd = 0; fd < 3; fd++) this.process.fds.installAt(fd, tty);
      this.terminal = tty;
    }
    // The embedder's onSyscall sees every process's calls. (Reads of a stdin pull source with no
    // data yet block the reading thread; when nothing else can run, run() returns "blocked".)
    this.process.sys.addHook((ev) => {
      const hook = this.onSyscall;
      if (!hook) return;
      const args: bigint[] = [];
      for (let i = 0; i < 6; i++) args.push(ev.args.big(i));
      return hook({ nr: ev.nr, name: ev.name, args, pc: BigInt(ev.pc) }, this);
    });
  }

  /** Stop with reason "fault" before delivering a fault's signal. */
  get stopOnFault(): boolean {
    return this.process.stopOnFault;
  }
  set stopOnFault(v: boolean) {
    this.process.stopOnFault = v;
  }

  // ---- loading and memory

  /**
   * Loads a program from the guest's file system as execve would (a riscv64 ELF, static or with
   * its interpreter, or a "#!" script); throws ElfError with the errno's reason if it cannot.
   */
  loadProgram(path: string, argv: string[] = [path], env: string[] = []): { entry: bigint; sp: bigint } {
    const r = this.process.start(utf8ToByteString(path), argv.map(utf8ToByteString), env.map(utf8ToByteString));
    if (r < 0) throw new ElfError(`${path}: ${errnoText(-r)}`);
    return { entry: this.pc, sp: this.getReg("sp") };
  }

  /** The guest's file system (the sysroot it runs from). */
  get fs(): HostFs {
    return this.host.fs;
  }

  // ---- the terminal

  /** Keystrokes for the guest's terminal (the `terminal` option): what a user types. */
  terminalInput(data: Uint8Array | string): void {
    if (!this.terminal) throw new Error("terminalInput: the guest has no terminal (createGuest({ terminal: {} }))");
    this.terminal.input(typeof data === "string" ? new TextEncoder().encode(data) : data);
  }

  /** The terminal emulator's new size (the foreground group gets SIGWINCH). */
  terminalResize(rows: number, cols: number): void {
    this.terminal?.resize(rows, cols);
  }

  // ---- processes

  /** Every process (zombies included), by pid. */
  processes(): ProcessInfo[] {
    const out: ProcessInfo[] = [];
    for (const pid of this.process.pids()) {
      const p = this.kernel.processes.get(pid);
      if (!(p instanceof LinuxProcess)) continue;
      const info: ProcessInfo = {
        pid,
        ppid: p.ppid,
        pgid: p.pgid,
        sid: p.sid,
        state: p.stateLetter,
        comm: byteStringToUtf8(p.comm),
        argv: p.argv.map(byteStringToUtf8),
      };
      if (p.exitStatus) {
        info.exitCode = p.exitStatus.exitCode;
        if (p.exitStatus.signal !== undefined) info.signal = p.exitStatus.signal;
      }
      out.push(info);
    }
    return out;
  }

  /**
   * Sends signal `sig` as kill(2) would (from outside the guest): pid > 0 a process, pid < -1 the
   * process group -pid, -1 every process. Returns false if there is no such process.
   */
  signal(pid: number, sig: number): boolean {
    return this.kernel.killFromHost(pid, sig);
  }

  /** How process `pid` ended (null while it runs, or when there is no such process). */
  exitStatusOf(pid: number): { exitCode: number; signal?: number } | null {
    const p = this.kernel.processes.get(pid);
    return p instanceof LinuxProcess && p.exitStatus ? { ...p.exitStatus } : null;
  }

  /**
   * Runs the guest until process `pid` has exited (or the budget is spent, or run() would stop
   * for another reason); returns the outcome, whose exitCode/signal are that process's when it ended.
   */
  waitProcess(pid: number, budget = Infinity): RunOutcome {
    const start = this.insns;
    for (;;) {
      const st = this.exitStatusOf(pid);
      if (st) return { reason: "exit", insns: this.insns - start, pc: this.pc, ...st };
      const r = this.run(budget - (this.insns - start));
      if (r.reason !== "budget" || this.insns - start >= budget) {
        const done = this.exitStatusOf(pid);
        return done ? { ...r, reason: "exit", ...done } : r;
      }
    }
  }

  /** Loads an ELF of the guest architecture and builds its stack (argv, envp, auxv). Throws ElfError if unusable. */
  loadElf(elf: Uint8Array, argv: string[] = ["prog"], env: string[] = [], exePath?: string): { entry: bigint; sp: bigint } {
    const bytes = argv.map(utf8ToByteString);
    this.process.load(elf, bytes, env.map(utf8ToByteString), exePath !== undefined ? utf8ToByteString(exePath) : (bytes[0] ?? "prog"));
    return { entry: this.pc, sp: this.getReg("sp") };
  }

  /**
   * Maps [addr, addr+len) as fresh zeroed memory. addr is page-aligned (4 KiB); prot is a string of
   * "r", "w", "x" or PROT_* bits.
   */
  map(addr: number | bigint, len: number, prot: string | number = "rw"): void {
    const a = toNum(addr);
    if (a % 4096) throw new RangeError("map: address must be page-aligned");
    this.process.as.map(a, len, this.protBits(prot));
  }
  unmap(addr: number | bigint, len: number): void {
    this.process.as.unmap(toNum(addr), len);
  }
  protect(addr: number | bigint, len: number, prot: string | number): boolean {
    return this.process.as.protect(toNum(addr), len, this.protBits(prot));
  }
  private protBits(prot: string | number): number {
    if (typeof prot === "number") return prot & 7;
    let p = 0;
    for (const c of prot) {
      if (!(c in PROT_BITS)) throw new RangeError(`bad protection '${prot}'`);
      p |= PROT_BITS[c];
    }
    return p;
  }
  /** Mapped ranges as [start, end, "rwx"-style protection]. */
  mappings(): Array<[number, number, string]> {
    return this.process.as.ranges().map(([s, e, p]) => [s, e, (p & 1 ? "r" : "-") + (p & 2 ? "w" : "-") + (p & 4 ? "x" : "-")]);
  }

  /** Reads guest memory (readable pages only); throws RangeError if a byte is not readable. */
  readMemory(addr: number | bigint, len: number): Uint8Array {
    const r = this.process.as.read(toNum(addr), len);
    if (!r) throw new RangeError(`readMemory: 0x${toNum(addr).toString(16)}+${len} is not readable`);
    return r;
  }
  /** Writes guest memory; `force` ignores write protection (e.g. patching code). Throws if unmapped. */
  writeMemory(addr: number | bigint, data: Uint8Array, force = false): void {
    if (!this.process.as.write(toNum(addr), data, force))
      throw new RangeError(`writeMemory: 0x${toNum(addr).toString(16)}+${data.length} is not writable`);
  }
  readU64(addr: number | bigint): bigint {
    return new DataView(this.readMemory(addr, 8).buffer).getBigUint64(0, true);
  }
  readCString(addr: number | bigint, max = 4096): string | null {
    const b = this.process.as.readCString(toNum(addr), max);
    return b ? new TextDecoder().decode(b) : null;
  }

  // ---- registers (named as the architecture's DebugArch names them)

  private regName(r: RegName): string {
    if (typeof r === "number") {
      const name = this.arch.generalRegs[r];
      if (!Number.isInteger(r) || name === undefined) throw new RangeError(`bad register ${r}`);
      return name;
    }
    return r;
  }
  /**
   * A register by number (the architecture's general registers: RISC-V x0..x31) or by any name the
   * architecture knows ("x5", "a0", "pc", "fcsr", "ft0" on RISC-V), as an unsigned 64-bit value.
   */
  getReg(r: RegName): bigint {
    const v = this.arch.getReg(this.exec.S.R, this.regName(r));
    if (v === undefined) throw new RangeError(`bad register name '${r}'`);
    return BigInt.asUintN(64, v);
  }
  setReg(r: RegName, v: bigint | number): void {
    if (!this.arch.setReg(this.exec.S.R, this.regName(r), BigInt(v))) throw new RangeError(`bad register name '${r}'`);
  }
  /** The general registers (RISC-V: x0..x31) as unsigned 64-bit values. */
  regs(): bigint[] {
    return this.arch.generalRegs.map((n) => BigInt.asUintN(64, this.arch.getReg(this.exec.S.R, n) ?? 0n));
  }
  /** RISC-V: a floating-point register's raw 64 bits (NaN-boxed for single precision). */
  getFReg(i: number): bigint {
    return this.getReg(`f${i}`);
  }
  setFReg(i: number, v: bigint): void {
    this.setReg(`f${i}`, v);
  }
  get pc(): bigint {
    return this.getReg("pc");
  }
  set pc(v: bigint) {
    this.setReg("pc", v);
  }
  /** Guest instructions retired so far. */
  get insns(): number {
    return this.process.insns;
  }

  // ---- breakpoints

  /**
   * Stops run() before the instruction at `pc` executes. With a hook, the hook is called there
   * instead, and run() goes on unless it returns "stop".
   */
  addBreakpoint(pc: number | bigint, hook?: StopHook): void {
    const p = toNum(pc);
    if (hook) this.bpHooks.set(p, hook);
    else this.bpHooks.delete(p);
    const exec = this.exec;
    if (!exec.hasBreakpoint(p)) exec.addBreakpoint(p);
  }
  removeBreakpoint(pc: number | bigint): boolean {
    const p = toNum(pc);
    this.bpHooks.delete(p);
    return this.exec.removeBreakpoint(p);
  }
  breakpoints(): number[] {
    return this.exec.breakpoints().sort((a, b) => a - b);
  }

  // ---- watchpoints

  /** Watches guest accesses to [addr, addr+len); returns an id for removeWatchpoint. */
  addWatchpoint(addr: number | bigint, len: number, kind: WatchKind = "write", hook?: StopHook): number {
    const w = this.exec.addWatchpoint(toNum(addr), Math.max(1, len), kind !== "write", kind !== "read");
    this.watchHooks.set(w.id, hook);
    return w.id;
  }
  removeWatchpoint(id: number): boolean {
    this.watchHooks.delete(id);
    return this.exec.removeWatchpoint(id);
  }

  /** Asks a running run() to return "stopped" soon (at the next TB boundary). Safe from hooks. */
  requestStop(): void {
    this.stopRequested = true;
    this.process.cpu.requestExit();
  }

  // ---- running

  /** Runs at most `budget` instructions; see the top of this file for the reasons it returns. */
  run(budget = Infinity): RunOutcome {
    const p = this.process;
    const start = p.insns;
    const target = start + Math.max(0, budget);
    const out = (reason: StopReason, extra: Partial<RunOutcome> = {}): RunOutcome => ({
      reason,
      insns: p.insns - start,
      pc: this.pc,
      ...extra,
    });
    if (this.exited) return out("exit", { ...this.exited });
    this.stopRequested = false;
    for (;;) {
      // A fault reported by the previous run() is delivered first; then threads and signals.
      const prep = p.prepare();
      if (prep === SliceStop.Exit) return out("exit", this.finish());
      if (prep === SliceStop.Idle) {
        const idle = this.idle();
        if (idle) return out(idle.reason, idle);
        continue;
      }
      const left = target - p.insns;
      if (left <= 0) return out("budget");
      // A breakpoint or watchpoint reported by the last run() is stepped over by the engine.
      const r = this.stopOf(p.runSlice(left));
      if (r?.reason === "exit") return out("exit", r);
      if (r && !this.hooked(r)) return out(r.reason, r);
      if (this.stopRequested) return out("stopped");
    }
  }

  /**
   * No thread can run: with a deterministic clock, time jumps to the next deadline; otherwise
   * run() returns "idle" (wakeInMs: when a sleeping guest wakes) or "blocked" (it waits for
   * input), so that the embedder's event loop can run meanwhile.
   */
  private idle(): (Partial<RunOutcome> & { reason: StopReason }) | null {
    const { deadline, external } = this.kernel.idleState;
    if (deadline !== null) {
      const ns = deadline - this.host.monotonicNs();
      // A wait on the host (input, a socket) must let the event loop run: no synchronous sleep then.
      if (this.embedHost?.deterministic || (!this.embedHost && this.host.sleepNs && !external)) {
        if (ns > 0n) this.host.sleepNs!(ns);
        return null;
      }
      if (ns <= 0n) return null;
      return { reason: "idle", wakeInMs: Number(ns) / 1e6, idleUntilNs: deadline };
    }
    if (external) {
      // The thread in the CPU waits at its syscall instruction (it runs again when input comes).
      const t = this.kernel.current;
      return t?.wait ? { reason: "blocked", syscall: this.kernel.cpu.syscallNr() } : { reason: "blocked" };
    }
    this.kernel.waitIdle(); // a deadlock: every process is killed
    return null;
  }

  /** Calls the hook of a breakpoint or watchpoint stop; true when run() should go on. */
  private hooked(r: Partial<RunOutcome> & { reason: StopReason }): boolean {
    let hook: StopHook | undefined;
    if (r.reason === "breakpoint") hook = this.bpHooks.get(toNum(this.pc));
    else if (r.reason === "watchpoint" && r.watch) hook = this.watchHooks.get(r.watch.id);
    if (!hook) return false;
    const outcome: RunOutcome = { insns: 0, pc: this.pc, ...r };
    return hook(this, outcome) !== "stop";
  }

  /**
   * What a stop of the process's run loop means for run(): null to go on; debug events, faults to
   * stop on, blocked syscalls and exit as a partial outcome.
   */
  private stopOf(s: SliceStop): (Partial<RunOutcome> & { reason: StopReason }) | null {
    const p = this.process;
    switch (s) {
      case SliceStop.Continue:
        return null;
      case SliceStop.Exit:
        return { reason: "exit", ...this.finish() };
      case SliceStop.Blocked:
        return { reason: "blocked", syscall: this.kernel.blockedSyscall };
      case SliceStop.Fault: {
        const pf = p.pendingFault!;
        const addr = pf.event === CpuEvent.IllegalInsn ? 0n : BigInt(pf.addr);
        return { reason: "fault", fault: { cause: pf.excp, name: p.cpu.exceptionName(pf.excp), addr, signal: pf.signal } };
      }
      case SliceStop.Debug:
        return this.debugStop(p.cpu.debugStop);
      case SliceStop.Foreign:
        throw new Error(`tciemu embed: unexpected CPU exception ${p.cpu.excp}`);
      case SliceStop.Idle:
        return null; // the next run() loop turn decides (prepare says Idle again)
    }
  }

  /** The outcome of an engine stop at a breakpoint or watchpoint. */
  private debugStop(stop: number): Partial<RunOutcome> & { reason: StopReason } {
    if (stop === Stop.Breakpoint) return { reason: "breakpoint" };
    const h = this.exec.watchHit;
    if (!h) return { reason: "watchpoint" };
    const watch: WatchHit = { id: h.watchpoint.id, addr: BigInt(h.addr), size: h.size, write: h.write };
    if (h.write && !h.watchpoint.read) watch.value = BigInt.asUintN(h.size * 8, (BigInt(h.valueHi >>> 0) << 32n) | BigInt(h.valueLo >>> 0));
    return { reason: "watchpoint", watch };
  }

  /**
   * For steppers that execute bytecode themselves (src/web/stepper.ts): handles the exception the
   * CPU left in exec.excp/excpAux (pc already restored to the instruction) as run() would. Returns
   * the outcome when the guest stops (exit, fault, blocked), null when it simply goes on.
   */
  deliverException(excp: number, lo: number, hi: number): RunOutcome | null {
    const p = this.process;
    if (this.exited) return this.outcome("exit", { ...this.exited });
    const s = p.handleException(excp, lo, hi);
    // No thread can run now (the one stepped waits for input, say): what run() would report.
    const r = s === SliceStop.Idle ? this.idle() : this.stopOf(s);
    return r ? this.outcome(r.reason, r) : null;
  }

  /** Delivers a fault reported by the last stop (what the next run() would do first). */
  deliverPendingFault(): RunOutcome | null {
    const p = this.process;
    if (!p.pendingFault) return null;
    if (this.exited) return this.outcome("exit", { ...this.exited });
    const s = p.prepare();
    return s === SliceStop.Exit ? this.outcome("exit", this.finish()) : null;
  }

  private outcome(reason: StopReason, extra: Partial<RunOutcome>): RunOutcome {
    return { reason, insns: 0, pc: this.pc, ...extra };
  }

  /** Whether a fault stop is waiting to be delivered by the next run(). */
  get faultPending(): boolean {
    return this.process.pendingFault !== null;
  }

  /** Records the end: every process has exited; the outcome is the first process's. */
  private finish(): { exitCode: number; signal?: number } {
    this.exited = { ...(this.process.exitStatus ?? { exitCode: 0 }) };
    return this.exited;
  }

  /** Output captured by the built-in host when no onStdout/onStderr callback was given. */
  stdout(): Uint8Array {
    return this.embedHost?.stdout() ?? new Uint8Array(0);
  }
  stderr(): Uint8Array {
    return this.embedHost?.stderr() ?? new Uint8Array(0);
  }
  /** Replaces standard input (built-in host only). */
  setStdin(src: StdinSource): void {
    if (!this.embedHost) throw new Error("setStdin: the guest uses an embedder-supplied host");
    this.embedHost.setStdin(src);
  }
}

/** Runs a riscv64 Linux ELF to completion (convenience). */
export function runElf(
  elf: Uint8Array,
  argv: string[],
  opts: GuestOptions & { env?: string[]; maxInsns?: number } = {},
): { exitCode: number; signal?: number; insns: number; stdout: Uint8Array; stderr: Uint8Array } {
  const g = createGuest({ stopOnFault: false, ...opts });
  g.loadElf(elf, argv, opts.env ?? []);
  let r = g.run(opts.maxInsns ?? Infinity);
  while (r.reason === "breakpoint" || r.reason === "watchpoint" || r.reason === "stopped") r = g.run((opts.maxInsns ?? Infinity) - g.insns);
  return { exitCode: r.exitCode ?? -1, signal: r.signal, insns: g.insns, stdout: g.stdout(), stderr: g.stderr() };
}
