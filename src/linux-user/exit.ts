// How a process ends, as control flow: exit_group and fatal signals unwind the kernel code that
// runs on the guest's behalf (a syscall handler, signal delivery) back to the process's run loop.

/** The process called exit_group (or its last thread exited) with this status. */
export class ExitProcess {
  constructor(readonly code: number) {}
}

/** A signal's default action killed the process. */
export class FatalSignal {
  constructor(readonly sig: number) {}
}
