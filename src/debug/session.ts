// A debugging session on a CPU that something else drives (LinuxProcess.run's loop, the virt
// board's): it registers as the engine's DebugHandler, so every CpuExec.run call comes here, and
// decides, call by call, what runs, asking a Controller what to do whenever the guest stops. The
// controller is synchronous: the CLI prompt reads stdin, the gdb stub waits for packets; both block
// the emulator like QEMU's gdbstub does in user mode.
//
// Exceptions go back to the driver: a syscall raised while stepping or running is returned as
// Stop.Exception, the process runs the syscall and calls run() again, and the session picks up the
// command where it was (a `si` over an ecall completes when the syscall has been done). Faults
// (page faults, illegal instructions, ebreak) stop first and are reported to the controller, then
// delivered as signals when execution resumes, as gdb shows them.
import { Stop, type CpuExec, type DebugHandler } from "../exec/cpu-exec.ts";
import type { DebugArch, MemReader } from "../exec/debug-arch.ts";
import { Stepper, type OpStep, type StopReason } from "./stepper.ts";

export type Command =
  | { kind: "stepi"; count: number }
  | { kind: "stepop"; count: number }
  | { kind: "steptb"; count: number }
  | { kind: "continue" }
  | { kind: "detach" }
  | { kind: "kill" };

export interface StopEvent {
  reason: StopReason;
  pc: bigint;
  /** The last op step, for stepop commands. */
  op?: OpStep;
}

export interface Controller {
  /** The guest stopped (the first call is before its first instruction): return what to do next. */
  stopped(ev: StopEvent, session: DebugSession): Command;
  /** Polled while running at full speed: true interrupts (reported as { kind: "interrupt" }). */
  interrupted?(): boolean;
  /** Every op executed by a stepop command (for display). */
  opStepped?(s: OpStep): void;
}

/** Thrown out of the driver's run loop by the `kill` command. */
export class DebugKill extends Error {
  constructor() {
    super("killed by the debugger");
  }
}

export interface SessionOptions {
  arch: DebugArch;
  readMem: MemReader;
  writeMem?: (addr: number, data: Uint8Array) => boolean;
  /** Exceptions the OS handles without the user seeing them (syscalls: RISC-V ecall = 8). */
  isSyscall?: (excp: number) => boolean;
  /**
   * stepi runs one-instruction TBs so that every register is exact after it (gdb), instead of
   * op-stepping the TB (the CLI, which shows where inside the TB it is).
   */
  exactSteps?: boolean;
}

interface Running {
  cmd: Command;
  left: number;
  /** The pc the command started at: a breakpoint there does not stop `continue` at once. */
  startPc: number;
  /** The OS is handling an exception that ends the current step. */
  stepEndsAfterException: boolean;
}

export class DebugSession implements DebugHandler {
  readonly stepper: Stepper;
  private running: Running | null = null;
  private lastStop: StopEvent;
  /** A fault reported to the controller and not yet handed to the OS. */
  private faultPending = false;
  private attached = false;
  private detached = false;

  constructor(
    readonly exec: CpuExec,
    readonly controller: Controller,
    readonly opts: SessionOptions,
  ) {
    this.stepper = new Stepper(exec, {
      arch: opts.arch,
      readMem: opts.readMem,
      interrupted: controller.interrupted ? () => controller.interrupted!() : undefined,
    });
    this.lastStop = { reason: { kind: "start" }, pc: this.stepper.pc() };
  }

  /** Takes over the CPU's run() calls; the controller is asked first at the next one. */
  attach(): this {
    this.exec.setDebugHandler(this);
    this.attached = true;
    return this;
  }

  /** Lets the guest run on at full speed with nothing attached. */
  detach(): void {
    this.detached = true;
    if (this.attached) this.exec.setDebugHandler(null);
    this.attached = false;
    this.stepper.dispose();
  }

  /**
   * Stops the running command from outside the run loop (the CPU is idle, e.g. a hart in WFI, and
   * the controller saw an interrupt request): the controller is asked at the next run() call,
   * which may have a budget of 0.
   */
  interrupt(): void {
    if (this.running && !this.detached) this.stop({ kind: "interrupt" });
  }

  /** Starts in `cmd` instead of asking the controller first (a session carried over a reset). */
  resume(cmd: Command): this {
    const count = "count" in cmd ? Math.max(1, cmd.count) : 1;
    this.running = { cmd, left: count, startPc: -1, stepEndsAfterException: false };
    return this;
  }

  /** A command is in progress (the guest runs, as far as the controller knows). */
  get isRunning(): boolean {
    return this.running !== null;
  }

  get isDetached(): boolean {
    return this.detached;
  }

  private isSyscall(excp: number): boolean {
    return this.opts.isSyscall ? this.opts.isSyscall(excp) : excp === 8;
  }

  private stop(reason: StopReason, op?: OpStep): void {
    this.running = null;
    this.lastStop = { reason, pc: this.stepper.pc(), op };
  }

  /** The engine's run(budget), while the session is attached (DebugHandler). */
  run(budget: number): Stop {
    const exec = this.exec;
    const start = exec.insns;
    const r = this.running;
    if (r?.stepEndsAfterException) {
      // The syscall (or signal delivery) the last step raised is done: that step is complete.
      r.stepEndsAfterException = false;
      if (r.cmd.kind !== "continue" && --r.left <= 0) this.stop({ kind: "step" });
    }
    for (;;) {
      if (this.detached) {
        const left = budget - (exec.insns - start);
        return left > 0 ? exec.execute(left) : Stop.Budget;
      }
      if (!this.running) {
        const cmd = this.controller.stopped(this.lastStop, this);
        if (cmd.kind === "kill") throw new DebugKill();
        if (cmd.kind === "detach") {
          // The engine restarts at the pc global, which a TB only writes at its end: finish the TB.
          const r = this.stepper.finishTb();
          this.detach();
          if (this.faultPending || r?.kind === "exception") {
            this.faultPending = false;
            return Stop.Exception;
          }
          continue;
        }
        const count = "count" in cmd ? Math.max(1, cmd.count) : 1;
        this.running = { cmd, left: count, startPc: Number(this.stepper.pc()), stepEndsAfterException: false };
        if (this.faultPending) {
          // Resuming from a reported fault: the OS delivers it (signal handler or death) first.
          this.faultPending = false;
          this.running.stepEndsAfterException = true;
          return Stop.Exception;
        }
      }
      const used = exec.insns - start;
      if (used >= budget && !this.stepper.midTb) return Stop.Budget;
      const run = this.running!;
      let reason: StopReason;
      let op: OpStep | undefined;
      switch (run.cmd.kind) {
        case "stepi":
          reason = this.opts.exactSteps ? this.stepper.stepInsnExact() : this.stepper.stepInsn();
          break;
        case "steptb":
          reason = this.stepper.stepTb();
          break;
        case "stepop": {
          op = this.stepper.stepOp(this.controller.opStepped !== undefined);
          this.controller.opStepped?.(op);
          reason = op.stop ?? { kind: "step" };
          break;
        }
        default:
          reason = this.stepper.cont(budget - used, run.startPc);
      }
      run.startPc = -1;
      if (reason.kind === "exception") {
        if (this.isSyscall(reason.excp)) {
          run.stepEndsAfterException = run.cmd.kind !== "continue";
          return Stop.Exception;
        }
        this.faultPending = true;
        this.stop(reason, op);
        continue;
      }
      if (reason.kind === "budget") return Stop.Budget;
      if (reason.kind === "step") {
        if (--run.left > 0) continue;
        this.stop(reason, op);
        continue;
      }
      this.stop(reason, op);
    }
  }
}
