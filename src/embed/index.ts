// tciemu's embedding API: a riscv64 Linux guest process as a typed object, the same in Node, a Web
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
//   "blocked"    a syscall cannot complete yet (stdin has no data, or a syscall hook said block);
//                the pc is at the ecall, which the next run() executes again
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
import { Stop } from "../exec/cpu-exec.ts";
import type { LinuxHost } from "../linux-user/host.ts";
import { ExitProcess, FatalSignal, LinuxProcess, type ProcessOptions } from "../linux-user/process.ts";
import { OutOfGuestMemory, PROT_EXEC, PROT_READ, PROT_WRITE } from "../linux-user/address-space.ts";
import { ABI_NAMES, Excp } from "../target/riscv/cpu-state.ts";
import type { RiscvCpu } from "../target/riscv/cpu.ts";
import { EmbedHost, type DeterministicOptions, type EmbedHostOptions, type StdinSource } from "./host.ts";
import { processLoop, syscallLayer } from "./internals.ts";
import { syscallName } from "./syscall-names.ts";

export { EmbedHost, type DeterministicOptions, type EmbedHostOptions, type StdinSource } from "./host.ts";
export { MemFs } from "../linux-user/mem-fs.ts";
export type { HostFs, LinuxHost, HostStat, HostDirEntry } from "../linux-user/host.ts";
export { ElfError } from "../linux-user/elf.ts";
export { syscallName } from "./syscall-names.ts";

export type StopReason = "budget" | "exit" | "breakpoint" | "watchpoint" | "fault" | "blocked" | "stopped";

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
  /** For "blocked": the syscall number. */
  syscall?: number;
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
  /** A complete host instead of the built-in EmbedHost (then stdin/onStdout/fs/... are ignored). */
  host?: LinuxHost;
  /** Guest RAM in bytes (default 256 MiB; pages are allocated by the host lazily). */
  ramBytes?: number;
  /** Sysroot for the ELF interpreter and absolute paths (qemu's -L). */
  sysroot?: string;
  /** Reads a file for the loader (the PT_INTERP interpreter); default: from `fs`. */
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
}

export type RegName = number | string;

/** Called at a breakpoint or watchpoint hit (the instruction has not run yet); "stop" makes run() return. */
export type StopHook = (guest: Guest, hit: RunOutcome) => "stop" | "continue" | void;

const PROT_BITS: Record<string, number> = { r: PROT_READ, w: PROT_WRITE, x: PROT_EXEC };

function toNum(a: number | bigint): number {
  return typeof a === "bigint" ? Number(BigInt.asUintN(64, a)) : a;
}

function pcNum(lo: number, hi: number): number {
  return (hi >>> 0) * 4294967296 + (lo >>> 0);
}

const CAUSE_NAMES: Record<number, string> = {
  0: "instruction address misaligned",
  1: "instruction access fault",
  2: "illegal instruction",
  3: "breakpoint (ebreak)",
  4: "load address misaligned",
  5: "load access fault",
  6: "store address misaligned",
  7: "store access fault",
  12: "instruction page fault",
  13: "load page fault",
  15: "store page fault",
};

function faultSignal(cause: number): number {
  if (cause === Excp.IllegalInsn) return 4; // SIGILL
  if (cause === Excp.Breakpoint) return 5; // SIGTRAP
  if (cause === Excp.LoadMisaligned || cause === Excp.StoreMisaligned) return 7; // SIGBUS
  return 11; // SIGSEGV
}

/** Creates a guest process. */
export function createGuest(opts: GuestOptions = {}): Guest {
  return new Guest(opts);
}

export class Guest {
  readonly process: LinuxProcess;
  readonly cpu: RiscvCpu;
  readonly host: LinuxHost;
  /** The built-in host when no `host` option was given. */
  readonly embedHost: EmbedHost | null;
  onSyscall: SyscallHook | null;
  stopOnFault: boolean;
  /** Set when the process has exited. */
  exited: { exitCode: number; signal?: number } | null = null;

  private readonly loop: ReturnType<typeof processLoop>;
  private readonly sliceLen: number;
  private readonly threadSlice = 100_000;
  private readonly bpHooks = new Map<number, StopHook>();
  /** Hooks of watchpoints, by the engine's watchpoint id. */
  private readonly watchHooks = new Map<number, StopHook | undefined>();
  private pendingFault: { excp: number; lo: number; hi: number } | null = null;
  private blockedSyscall = -1;
  private stopRequested = false;

  constructor(opts: GuestOptions = {}) {
    const eh = opts.host ? null : new EmbedHost(opts);
    this.embedHost = eh;
    this.host = opts.host ?? eh!;
    const fs = this.host.fs;
    const readFile =
      opts.readFile ??
      ((path: string): Uint8Array | null => {
        const st = fs.stat(path, true);
        if (typeof st === "number") return null;
        const h = fs.open(path, 0, 0);
        if (h < 0) return null;
        const buf = new Uint8Array(Number(st.size));
        let off = 0;
        while (off < buf.length) {
          const n = fs.read(h, buf.subarray(off), off);
          if (n <= 0) break;
          off += n;
        }
        fs.close(h);
        return buf.subarray(0, off);
      });
    this.process = new LinuxProcess(this.host, {
      ramBytes: opts.ramBytes ?? 256 << 20,
      sysroot: opts.sysroot,
      readFile,
      singlestep: opts.singlestep,
      ...opts.process,
    });
    this.cpu = this.process.cpu;
    this.loop = processLoop(this.process);
    this.sliceLen = opts.slice ?? 1 << 22;
    this.onSyscall = opts.onSyscall ?? null;
    this.stopOnFault = opts.stopOnFault ?? true;
    if (eh) eh.insns = () => this.insns;

    // Syscall hook.
    const cpu = this.cpu;
    const sys = syscallLayer(this.process);
    const dispatch = sys.dispatch.bind(sys);
    sys.dispatch = () => {
      const nr = cpu.xLo(17);
      // Reads of stdin from a pull source that has nothing yet: park the guest (run() returns).
      if (eh && (nr === 63 || nr === 65) && cpu.xLo(10) === 0) {
        const max = nr === 63 ? toNum(cpu.getX(12)) : 4096;
        if (max > 0 && !eh.stdinReady(Math.min(max, 1 << 16))) return this.block(nr);
      }
      const hook = this.onSyscall;
      if (!hook) return dispatch();
      const args: bigint[] = [];
      for (let i = 10; i <= 15; i++) args.push(cpu.getX(i));
      const d = hook({ nr, name: syscallName(nr), args, pc: cpu.pc - 4n }, this);
      if (!d) return dispatch();
      if ("block" in d) return this.block(nr);
      cpu.setX(10, d.result);
    };
  }

  private block(nr: number): void {
    this.cpu.pc = this.cpu.pc - 4n; // back to the ecall: it runs again on resume
    this.blockedSyscall = nr;
  }

  // ---- loading and memory

  /** Loads a riscv64 ELF and builds its stack (argv, envp, auxv). Throws ElfError if unusable. */
  loadElf(elf: Uint8Array, argv: string[] = ["prog"], env: string[] = [], exePath?: string): { entry: bigint; sp: bigint } {
    this.process.load(elf, argv, env, exePath ?? argv[0] ?? "prog");
    return { entry: this.cpu.pc, sp: this.cpu.getX(2) };
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

  // ---- registers

  private regIndex(r: RegName): number {
    if (typeof r === "number") {
      if (r < 0 || r > 31 || !Number.isInteger(r)) throw new RangeError(`bad register ${r}`);
      return r;
    }
    const m = /^x(\d+)$/.exec(r);
    if (m && +m[1] < 32) return +m[1];
    const i = ABI_NAMES.indexOf(r);
    if (i >= 0) return i;
    if (r === "fp") return 8;
    throw new RangeError(`bad register name '${r}'`);
  }
  /** An integer register (number, "x5" or ABI name "a0") or "pc", as an unsigned 64-bit value. */
  getReg(r: RegName): bigint {
    if (r === "pc") return this.cpu.pc;
    return BigInt.asUintN(64, this.cpu.getX(this.regIndex(r)));
  }
  setReg(r: RegName, v: bigint | number): void {
    if (r === "pc") this.pc = BigInt(v);
    else this.cpu.setX(this.regIndex(r), v);
  }
  /** x0..x31 as unsigned 64-bit values. */
  regs(): bigint[] {
    const out: bigint[] = [];
    for (let i = 0; i < 32; i++) out.push(BigInt.asUintN(64, this.cpu.getX(i)));
    return out;
  }
  /** A floating-point register's raw 64 bits (NaN-boxed for single precision). */
  getFReg(i: number): bigint {
    return this.cpu.getF(i);
  }
  setFReg(i: number, v: bigint): void {
    this.cpu.setF(i, v);
  }
  get pc(): bigint {
    return BigInt.asUintN(64, this.cpu.pc);
  }
  set pc(v: bigint) {
    this.cpu.pc = v;
  }
  /** Guest instructions retired so far (exact also from inside a hook or callback). */
  get insns(): number {
    return this.cpu.exec.icount();
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
    const exec = this.cpu.exec;
    if (!exec.hasBreakpoint(p)) exec.addBreakpoint(p);
  }
  removeBreakpoint(pc: number | bigint): boolean {
    const p = toNum(pc);
    this.bpHooks.delete(p);
    return this.cpu.exec.removeBreakpoint(p);
  }
  breakpoints(): number[] {
    return this.cpu.exec.breakpoints().sort((a, b) => a - b);
  }

  // ---- watchpoints

  /** Watches guest accesses to [addr, addr+len); returns an id for removeWatchpoint. */
  addWatchpoint(addr: number | bigint, len: number, kind: WatchKind = "write", hook?: StopHook): number {
    const w = this.cpu.exec.addWatchpoint(toNum(addr), Math.max(1, len), kind !== "write", kind !== "read");
    this.watchHooks.set(w.id, hook);
    return w.id;
  }
  removeWatchpoint(id: number): boolean {
    this.watchHooks.delete(id);
    return this.cpu.exec.removeWatchpoint(id);
  }

  /** Asks a running run() to return "stopped" soon (at the next TB boundary). Safe from hooks. */
  requestStop(): void {
    this.stopRequested = true;
    this.cpu.exec.requestExit();
  }

  // ---- running

  /** Runs at most `budget` instructions; see the top of this file for the reasons it returns. */
  run(budget = Infinity): RunOutcome {
    const p = this.process;
    const cpu = this.cpu;
    const exec = cpu.exec;
    const start = exec.insns;
    const target = start + Math.max(0, budget);
    const out = (reason: StopReason, extra: Partial<RunOutcome> = {}): RunOutcome => ({
      reason,
      insns: exec.insns - start,
      pc: this.pc,
      ...extra,
    });
    if (this.exited) return out("exit", { ...this.exited });
    this.stopRequested = false;
    try {
      // A fault reported by the previous run() is delivered now.
      const pf = this.pendingFault;
      if (pf) {
        this.pendingFault = null;
        this.loop.handleException(pf.excp, pf.lo, pf.hi);
      }
      for (;;) {
        if (p.yieldNow || p.cur.dead || p.cur.wait) {
          p.yieldNow = false;
          this.loop.schedule();
        }
        p.processSignals(p.cur);
        const left = target - exec.insns;
        if (left <= 0) return out("budget");
        // A breakpoint or watchpoint reported by the last run() is stepped over by the engine.
        const multi = p.threads.length > 1;
        const stop = exec.run(Math.min(multi ? this.threadSlice : this.sliceLen, left));
        if (stop === Stop.Budget) {
          if (p.threads.length > 1) p.yieldNow = true;
          if (this.stopRequested) return out("stopped");
          continue;
        }
        const r = stop === Stop.Exception ? this.exception(exec.excp, exec.excpAux, exec.excpAuxHi) : this.debugStop(stop);
        if (r && !this.hooked(r)) return out(r.reason, r);
        if (this.stopRequested) return out("stopped");
      }
    } catch (e) {
      if (e instanceof ExitProcess) return out("exit", this.finish(e.code));
      if (e instanceof FatalSignal) return out("exit", this.finish(128 + e.sig, e.sig));
      if (e instanceof OutOfGuestMemory) {
        this.host.writeStderr(new TextEncoder().encode("tciemu: out of guest memory (use a larger RAM size)\n"));
        return out("exit", this.finish(1));
      }
      throw e;
    }
  }

  /** The outcome of an engine stop at a breakpoint or watchpoint. */
  private debugStop(stop: Stop): Partial<RunOutcome> & { reason: StopReason } {
    if (stop === Stop.Breakpoint) return { reason: "breakpoint" };
    const h = this.cpu.exec.watchHit;
    if (!h) return { reason: "watchpoint" };
    const watch: WatchHit = { id: h.watchpoint.id, addr: BigInt(h.addr), size: h.size, write: h.write };
    if (h.write && !h.watchpoint.read) watch.value = BigInt.asUintN(h.size * 8, (BigInt(h.valueHi >>> 0) << 32n) | BigInt(h.valueLo >>> 0));
    return { reason: "watchpoint", watch };
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
   * Handles a guest exception the way run() does: syscalls and fault signals go to the Linux layer;
   * debug events, faults to stop on and blocked syscalls come back as a partial outcome. May throw
   * ExitProcess/FatalSignal (callers catch them).
   */
  private exception(excp: number, lo: number, hi: number): (Partial<RunOutcome> & { reason: StopReason }) | null {
    if (excp !== Excp.UEcall && this.stopOnFault) {
      this.pendingFault = { excp, lo, hi };
      const addr = excp === Excp.IllegalInsn ? 0n : BigInt(pcNum(lo, hi));
      return { reason: "fault", fault: { cause: excp, name: CAUSE_NAMES[excp] ?? `exception ${excp}`, addr, signal: faultSignal(excp) } };
    }
    this.loop.handleException(excp, lo, hi);
    if (this.blockedSyscall >= 0) {
      const nr = this.blockedSyscall;
      this.blockedSyscall = -1;
      return { reason: "blocked", syscall: nr };
    }
    return null;
  }

  /**
   * For steppers that execute bytecode themselves (src/web/stepper.ts): handles the exception the
   * CPU left in exec.excp/excpAux (pc already restored to the instruction) as run() would. Returns
   * the outcome when the guest stops (exit, fault, blocked), null when it simply goes on.
   */
  deliverException(excp: number, lo: number, hi: number): RunOutcome | null {
    return this.outside(() => this.exception(excp, lo, hi));
  }

  /** Delivers a fault reported by the last stop (what the next run() would do first). */
  deliverPendingFault(): RunOutcome | null {
    const pf = this.pendingFault;
    if (!pf) return null;
    this.pendingFault = null;
    return this.outside(() => {
      this.loop.handleException(pf.excp, pf.lo, pf.hi);
      return null;
    });
  }

  private outside(f: () => (Partial<RunOutcome> & { reason: StopReason }) | null): RunOutcome | null {
    const start = this.cpu.exec.insns;
    const out = (reason: StopReason, extra: Partial<RunOutcome> = {}): RunOutcome => ({
      reason,
      insns: this.cpu.exec.insns - start,
      pc: this.pc,
      ...extra,
    });
    if (this.exited) return out("exit", { ...this.exited });
    try {
      const r = f();
      if (r) return out(r.reason, r);
      const p = this.process;
      if (p.yieldNow || p.cur.dead || p.cur.wait) {
        p.yieldNow = false;
        this.loop.schedule();
      }
      p.processSignals(p.cur);
      return null;
    } catch (e) {
      if (e instanceof ExitProcess) return out("exit", this.finish(e.code));
      if (e instanceof FatalSignal) return out("exit", this.finish(128 + e.sig, e.sig));
      throw e;
    }
  }

  /** Whether a fault stop is waiting to be delivered by the next run(). */
  get faultPending(): boolean {
    return this.pendingFault !== null;
  }

  private finish(exitCode: number, signal?: number): { exitCode: number; signal?: number } {
    this.exited = signal === undefined ? { exitCode } : { exitCode, signal };
    try {
      this.loop.closeAll();
    } catch {
      // closing is best effort at exit
    }
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
