// Syscall handlers and the per-architecture tables that give them numbers. Generic handlers live in
// syscalls/*.ts by topic; an architecture's table (riscv64/syscalls.ts) maps each of its numbers to
// a handler, its name (strace, hooks) and, on 32-bit ABIs, where 64-bit arguments come from.
import { compileArgs, type ArgSpec, type CompiledArgs, type SyscallArgs } from "./syscall-args.ts";
import type { Task } from "./task.ts";

/** Returned by a handler that set the result itself, blocked, or must not set one (sigreturn). */
export const NO_RESULT = Symbol("no result");
export type SyscallResult = number | typeof NO_RESULT;

export type SyscallHandler = (t: Task, a: SyscallArgs) => SyscallResult;

/** [name, handler, 64-bit argument pairs (32-bit ABIs)] */
export type SyscallEntry = readonly [name: string, fn: SyscallHandler, args?: ArgSpec];

/** One compiled table entry. */
export interface SyscallDef {
  readonly nr: number;
  readonly name: string;
  readonly fn: SyscallHandler;
  readonly args: CompiledArgs | null;
}

/** Numbers to handlers: a dense array for the usual numbers, a map above (ARM's 0xf0000 calls). */
export class SyscallTable {
  private readonly dense: Array<SyscallDef | undefined> = [];
  private readonly sparse = new Map<number, SyscallDef>();
  private readonly byName = new Map<string, SyscallDef>();

  constructor(entries: Record<number, SyscallEntry>) {
    for (const [k, [name, fn, spec]] of Object.entries(entries)) {
      const nr = Number(k);
      const def: SyscallDef = { nr, name, fn, args: spec ? compileArgs(spec) : null };
      if (nr >= 0 && nr < 4096) this.dense[nr] = def;
      else this.sparse.set(nr, def);
      this.byName.set(name, def);
    }
  }

  get(nr: number): SyscallDef | undefined {
    return nr >= 0 && nr < 4096 ? this.dense[nr] : this.sparse.get(nr);
  }

  /** The number of a syscall by name (tests, tools), or -1. */
  numberOf(name: string): number {
    return this.byName.get(name)?.nr ?? -1;
  }

  /** The name of a number, or null when the ABI has no such syscall. */
  nameOf(nr: number): string | null {
    return this.get(nr)?.name ?? null;
  }
}
