// The kernel a set of guest processes shares: the host, the architecture's ABI and its syscall
// dispatcher (with -strace and embedder hooks), the scheduler, and the process table with pid
// allocation. Today one program and the children fork runs to completion live in one kernel; the
// multi-process kernel (fork/execve/wait across concurrently running processes) grows here: a run
// loop over every process's threads on the one scheduler, and waits that span processes.
import type { LinuxAbi } from "./abi.ts";
import { SyscallDispatcher } from "./dispatcher.ts";
import type { LinuxHost } from "./host-api.ts";
import { Scheduler } from "./scheduler.ts";
import type { Thread } from "./thread.ts";

/** What the kernel knows of a process (LinuxProcess implements it). */
export interface KernelProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly threads: readonly Thread[];
}

export class Kernel {
  readonly sys: SyscallDispatcher;
  readonly scheduler: Scheduler;
  /** Live processes by pid. */
  readonly processes = new Map<number, KernelProcess>();
  private forks = 0;

  constructor(
    readonly host: LinuxHost,
    readonly abi: LinuxAbi,
  ) {
    this.sys = new SyscallDispatcher(abi.syscalls, abi.layouts.wordBytes, abi.straceFormats, abi.layouts.openFlags);
    this.scheduler = new Scheduler(host);
  }

  /** A pid for a child of `parent` (distinct from its thread ids, which count up from its pid). */
  childPid(parent: KernelProcess): number {
    return parent.pid + 1000 + ++this.forks * 10;
  }

  register(p: KernelProcess): void {
    this.processes.set(p.pid, p);
  }

  unregister(p: KernelProcess): void {
    if (this.processes.get(p.pid) === p) this.processes.delete(p.pid);
  }
}
