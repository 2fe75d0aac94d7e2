// The few LinuxProcess / CpuExec members the embedding layer needs that are not public API yet.
//
// LinuxProcess.run() is a closed loop (it runs to exit or a budget and then closes every fd), so a
// pausable run with breakpoints, watchpoints and stops on faults needs the loop's parts: the
// thread scheduler and the exception handler. They are reached here, in one place, with a check
// that they exist, so a rename in linux-user fails loudly with a clear message instead of subtly.
import type { LinuxProcess } from "../linux-user/process.ts";

interface ProcessLoopParts {
  /** Picks the next runnable guest thread (waiting out timeouts). */
  schedule(): void;
  /** Handles a guest exception: syscalls, signals for faults. */
  handleException(excp: number, auxLo: number, auxHi: number): void;
  /** Closes every guest fd (at exit). */
  closeAll(): void;
}

export function processLoop(p: LinuxProcess): ProcessLoopParts {
  const x = p as unknown as Record<string, unknown>;
  for (const name of ["schedule", "handleException", "closeAll"]) {
    if (typeof x[name] !== "function")
      throw new Error(`tciemu embed: LinuxProcess.${name}() is missing (linux-user changed; update src/embed/internals.ts)`);
  }
  const parts = p as unknown as ProcessLoopParts;
  return {
    schedule: () => parts.schedule(),
    handleException: (e, lo, hi) => parts.handleException(e, lo, hi),
    closeAll: () => parts.closeAll(),
  };
}

/** The syscall dispatcher the exception handler calls (wrapped for syscall hooks). */
export interface SyscallDispatch {
  dispatch(): void;
}

export function syscallLayer(p: LinuxProcess): SyscallDispatch {
  const sys = p.sys as unknown as Record<string, unknown>;
  if (typeof sys.dispatch !== "function") throw new Error("tciemu embed: Syscalls.dispatch() is missing (update src/embed/internals.ts)");
  return p.sys as unknown as SyscallDispatch;
}
