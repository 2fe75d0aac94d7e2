// Messages between the page (main.ts) and the emulator worker (worker.ts).
import type { StepUnit, StepView } from "./stepper.ts";

export type ToWorker =
  /**
   * Load and run a program (the demo at page load, or an uploaded ELF). `run` numbers the runs: the
   * worker tags everything it sends about a run with it, so the page can drop what an earlier run
   * still had in flight when a new one started (without it, the worker counts on from the last).
   */
  | {
      type: "start";
      run?: number;
      elf: ArrayBuffer;
      argv: string[];
      env?: string[];
      pauseAtEntry?: boolean;
      deterministic?: boolean;
      /** The guest architecture by name; absent or "auto": the one the ELF header names. */
      arch?: string;
    }
  /**
   * Boot Linux on the `virt` board: OpenSBI fw_dynamic, a kernel Image, an initrd, the kernel
   * command line. The guest console is the UART, fed with "serial" messages.
   */
  | { type: "boot"; run?: number; bios: ArrayBuffer; kernel: ArrayBuffer; initrd?: ArrayBuffer; append: string; ramMiB?: number }
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
  | { type: "kill" };

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

/** Messages about a run carry its number (from "start" / "boot"; 0 before the first). */
export type FromWorker =
  /** The worker is up; `archs` are the guest architectures it has (LINUX_ABIS names). */
  | { type: "ready"; archs: string[] }
  | { type: "out"; run: number; data: Uint8Array }
  | { type: "stats"; run: number; stats: Stats }
  | { type: "view"; run: number; view: StepView; breakpoints: string[] }
  | { type: "exit"; run: number; exitCode: number; signal?: number; stats: Stats; program: string }
  | { type: "error"; run: number; message: string }
  /** A Content-Security-Policy violation seen inside the worker. */
  | { type: "csp"; directive: string; blocked: string; sample: string };
