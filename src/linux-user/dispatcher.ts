// The syscall dispatcher (QEMU's do_syscall with its strace and plugin hooks): looks the number up
// in the ABI's table, maps the argument registers, lets embedder hooks observe, override or block
// the call, runs the handler, prints -strace lines, and sets the result register.
import * as E from "./errno.ts";
import { ExitProcess } from "./exit.ts";
import { Strace } from "./strace.ts";
import type { SyscallArgs } from "./syscall-args.ts";
import { NO_RESULT, type SyscallDef, type SyscallResult, type SyscallTable } from "./syscall-table.ts";
import type { Task } from "./task.ts";
import type { UserCpu } from "./user-cpu.ts";
import type { OpenFlagMap } from "./layouts.ts";
import type { SigInfo } from "./signals.ts";

/** A syscall as hooks see it, before it runs. */
export interface SyscallEvent {
  readonly nr: number;
  /** The ABI's name for it, or `syscall_<nr>` when the ABI has none. */
  readonly name: string;
  /** The raw argument registers (args.big(i), args.ptr(i)...). */
  readonly args: SyscallArgs;
  /** Address of the syscall instruction. */
  readonly pc: number;
  readonly pid: number;
  readonly tid: number;
}

/**
 * What a hook decides: nothing (the next hook, then the syscall runs), a result to return instead
 * of running it (a value, or -errno), or block: the thread stops at the syscall instruction and
 * the run loop returns to its caller (LinuxProcess.runSlice says "blocked"); the call runs again
 * when the guest is resumed.
 */
export type SyscallDecision = void | undefined | { result: number | bigint } | { block: true };

export type SyscallHook = (ev: SyscallEvent) => SyscallDecision;

/** The process-side operations dispatching needs besides the handler's Task. */
export interface DispatchTarget {
  readonly task: Task;
  readonly cpu: UserCpu;
  readonly args: SyscallArgs;
  /** Set when a hook blocked the call: its number (the run loop reports and clears it). */
  blockedSyscall: number;
}

/** Syscalls whose -strace line is printed before they run (they may not return). */
const TRACED_BEFORE = new Set(["exit", "exit_group"]);
/** Syscalls that print no line of their own when they return no result. */
const SILENT_RETURN = new Set(["rt_sigreturn", "sigreturn"]);

export class SyscallDispatcher {
  /** Called with each -strace line (without the trailing newline) when -strace is on. */
  trace: ((line: string) => void) | null = null;
  private readonly strace: Strace;
  private hooks: SyscallHook[] = [];

  constructor(
    readonly table: SyscallTable,
    wordBytes: 4 | 8,
    straceFormats?: Record<string, string>,
    openFlags?: OpenFlagMap,
  ) {
    this.strace = new Strace(wordBytes, straceFormats, openFlags);
  }

  /** Adds a hook (called before every syscall, in the order added); returns its remover. */
  addHook(h: SyscallHook): () => void {
    this.hooks = [...this.hooks, h];
    return () => {
      this.hooks = this.hooks.filter((x) => x !== h);
    };
  }

  /** -strace: a signal is being taken (delivered to a handler or acted on by default). */
  traceSignal(si: SigInfo): void {
    this.trace?.(this.strace.signal(si));
  }

  /** The ABI's name of a syscall number, or `syscall_<nr>`. */
  nameOf(nr: number): string {
    return this.table.nameOf(nr) ?? `syscall_${nr}`;
  }

  /**
   * Runs the syscall the thread is stopped at; the pc is already past the instruction, which is
   * at `insnPc`.
   */
  dispatch(p: DispatchTarget, insnPc: number): void {
    const cpu = p.cpu;
    const t = p.task;
    const nr = cpu.syscallNr();
    const def = this.table.get(nr);
    const a = p.args;
    cpu.readSyscallArgs(a);
    a.load(def?.args ?? null);
    if (this.hooks.length && this.runHooks(p, nr, def, insnPc)) return;
    const tr = this.trace;
    const name = def?.name ?? null;
    let pre = "";
    if (tr) pre = `${t.thread.tid} ${this.strace.call(nr, name, a, t.as)}`;
    if (tr && name !== null && TRACED_BEFORE.has(name)) tr(pre);
    let ret: SyscallResult;
    try {
      ret = def ? def.fn(t, a) : -E.ENOSYS;
    } catch (e) {
      if (e instanceof ExitProcess || !tr) throw e;
      tr(pre);
      throw e;
    }
    if (ret === NO_RESULT) {
      if (!tr) return;
      const w = t.thread.wait;
      if (w?.result || w?.timeoutResult !== undefined) w.trace = (r) => tr(`${pre} = ${this.strace.ret(name, r)}`);
      else if (!w && !(name !== null && SILENT_RETURN.has(name))) tr(pre);
      return;
    }
    if (tr) tr(`${pre} = ${this.strace.ret(name, ret)}`);
    cpu.setSyscallResult(ret);
  }

  /** True when a hook handled the call (overrode or blocked it). */
  private runHooks(p: DispatchTarget, nr: number, def: SyscallDef | undefined, insnPc: number): boolean {
    const t = p.task;
    const ev: SyscallEvent = { nr, name: def?.name ?? `syscall_${nr}`, args: p.args, pc: insnPc, pid: t.pid, tid: t.thread.tid };
    for (const h of this.hooks) {
      const d = h(ev);
      if (!d) continue;
      if ("block" in d) {
        p.cpu.restartSyscall();
        p.blockedSyscall = nr;
      } else p.cpu.setSyscallResult(d.result);
      return true;
    }
    return false;
  }
}
