// Messages between the page (main.ts) and the emulator worker (worker.ts).
import type { StepUnit, StepView } from "./stepper.ts";

export type ToWorker =
  /** Load and run a program (the demo at page load, or an uploaded ELF). */
  | { type: "start"; elf: ArrayBuffer; argv: string[]; env?: string[]; pauseAtEntry?: boolean; deterministic?: boolean }
  /**
   * Boot Linux on the `virt` board: OpenSBI fw_dynamic, a kernel Image, an initrd, the kernel
   * command line. The guest console is the UART, fed with "serial" messages.
   */
  | { type: "boot"; bios: ArrayBuffer; kernel: ArrayBuffer; initrd?: ArrayBuffer; append: string; ramMiB?: number }
  /** Raw terminal bytes for the booted machine's serial console (Enter is "\r", as a serial terminal sends). */
  | { type: "serial"; data: Uint8Array }
  /** Bytes typed into the terminal (one line at a time, with its newline). */
  | { type: "stdin"; data: Uint8Array }
  /** End of input (Ctrl-D on an empty line). */
  | { type: "eof" }
  | { type: "pause" }
  | { type: "continue" }
  | { type: "step"; unit: StepUnit }
  | { type: "breakpoint"; pc: string; on: boolean }
  /** Ends the program (Ctrl-C). */
  | { type: "kill" }
  /**
   * An interactive shell (shell-session.ts) over a Debian userland image: a tar or newc cpio,
   * gzipped or not; argv[0] is the shell's path in the image.
   */
  | { type: "shell"; image: ArrayBuffer; argv: string[]; env?: string[]; rows: number; cols: number }
  /** Keystrokes for the shell's terminal, raw as typed (its line discipline echoes and edits). */
  | { type: "tty"; data: Uint8Array }
  | { type: "resize"; rows: number; cols: number };

/** "blocked": a user program waits for input, or the booted machine idles in WFI. */
export type WorkerState = "idle" | "running" | "paused" | "blocked" | "exited";

export interface Stats {
  state: WorkerState;
  insns: number;
  /** Guest MIPS over the time spent running guest code (not waiting). */
  mips: number;
  /** Seconds spent running guest code. */
  runSeconds: number;
  /** Guest MIPS over the last status interval. */
  recentMips: number;
  /** "user": a Linux program (the embedding API); "system": the virt board booting Linux. */
  mode: "user" | "system";
}

export type FromWorker =
  | { type: "ready" }
  | { type: "out"; data: Uint8Array }
  | { type: "stats"; stats: Stats }
  | { type: "view"; view: StepView; breakpoints: string[] }
  | { type: "exit"; exitCode: number; signal?: number; stats: Stats; program: string }
  | { type: "error"; message: string }
  /** A Content-Security-Policy violation seen inside the worker. */
  | { type: "csp"; directive: string; blocked: string; sample: string };
