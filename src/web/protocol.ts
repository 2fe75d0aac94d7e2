// Messages between the page (main.ts) and the emulator worker (worker.ts).
import type { SnapshotInfo } from "../hw/virt-snapshot.ts";
import type { StoredSnapshotMeta } from "./snapshot-store.ts";
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
      /** Inet sockets go through the Wisp relay at this URL (ws:/wss:); absent: unix sockets only. */
      wisp?: string;
    }
  /**
   * Boot Linux on a `virt` board. riscv64 (the default): OpenSBI fw_dynamic, a kernel Image, an
   * initrd, the kernel command line. arm: a zImage (or Image) and an initrd, entered as
   * qemu-system-arm -M virt -cpu cortex-a15 enters them (no firmware). The guest console is the
   * UART (ns16550a / PL011), fed with "serial" messages.
   */
  | {
      type: "boot";
      run?: number;
      machine?: PageMachine;
      /** The riscv64 board's firmware (required there; the ARM board has none). */
      bios?: ArrayBuffer;
      kernel: ArrayBuffer;
      initrd?: ArrayBuffer;
      append: string;
      ramMiB?: number;
      /** A virtio-net card on the user-mode NAT, carried over the Wisp relay at this URL (ws:/wss:); absent: no network card. */
      wisp?: string;
    }
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
  | {
      type: "shell";
      run?: number;
      image: ArrayBuffer;
      argv: string[];
      env?: string[];
      rows: number;
      cols: number;
      /** Inet sockets of every process of the session go through the Wisp relay at this URL (ws:/wss:); absent: unix sockets only. */
      wisp?: string;
    }
  /** Keystrokes for the shell's terminal, raw as typed (its line discipline echoes and edits). */
  | { type: "tty"; data: Uint8Array }
  | { type: "resize"; rows: number; cols: number }
  | SnapshotRequest
  | ShareRequest;

/** The boards the page boots: tciemu-system-riscv64's and tciemu-system-arm's `virt`. */
export type PageMachine = "riscv64" | "arm";

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
  | { type: "csp"; directive: string; blocked: string; sample: string }
  | SnapshotReply
  | ShareReply;

// ---- snapshots of the booted machine (src/web/README.md "Snapshots")

/** Where the page keeps its one saved machine in the browser's storage (snapshot-store.ts). */
export const STORED_SNAPSHOT = "page";
/** RAM of the page's machine: "Boot Debian" boots it, a snapshot must have been taken with it. */
export const PAGE_RAM_MIB = 256;

export type SnapshotRequest =
  /** Saves the running machine: into the browser's storage (with the terminal's text), or as a file for the page to download. */
  | { type: "savevm"; id: number; target: "storage" | "file"; screen?: string }
  /**
   * Resumes a snapshot on a new board (no firmware or kernel needed: RAM comes from the snapshot).
   * `run` is the number the resumed machine's messages will carry; a refused snapshot leaves the
   * running machine (and its run) as it was.
   */
  | { type: "loadvm"; run: number; source: "storage" }
  | { type: "loadvm"; run: number; source: "file"; name: string; data: ArrayBuffer }
  /** What the browser's storage holds ("stored" answers). */
  | { type: "snapshot-query"; id: number }
  /** Deletes the saved machine from the browser's storage. */
  | { type: "snapshot-forget"; id: number };

export type SnapshotReply =
  /** A save worked: `data` is the snapshot file when the target was "file". */
  | { type: "saved"; id: number; target: "storage" | "file"; info: SnapshotInfo; bytes: number; ms: number; data?: ArrayBuffer }
  /** A save, query or forget failed; `blocked`: the machine cannot be saved in its current state (a mounted share). */
  | { type: "snapshot-error"; id: number; message: string; blocked?: boolean }
  | { type: "stored"; id: number; meta: StoredSnapshotMeta | null }
  /**
   * The machine runs from a snapshot now, as run `run`. Times: `startedAtMs` (ms since the epoch, as
   * performance.timeOrigin + now) when the worker began, then ms spent reading and restoring it.
   */
  | {
      type: "resumed";
      run: number;
      source: "storage" | "file";
      name: string;
      info: SnapshotInfo;
      screen: string;
      startedAtMs: number;
      readMs: number;
      restoreMs: number;
    }
  /** Nothing was resumed (`missing`: storage holds no snapshot); the running machine is untouched. */
  | { type: "loadvm-failed"; run: number; source: "storage" | "file"; message: string; missing: boolean };

// ---- the shared folder (virtio-9p, tag "host"; src/web/page-share.ts)

export interface ShareItem {
  /** Byte-string path (the guest's bytes, one char per byte): what share-read takes. */
  path: string;
  /** The path as text. */
  name: string;
  type: "file" | "dir" | "symlink" | "other";
  size: number;
  mtimeSec: number;
}

export type ShareRequest =
  /** Adds files; `path` is "/"-separated text relative to the share's root (a dropped folder's relative path). */
  | { type: "share-import"; id: number; files: { path: string; data: ArrayBuffer; mtimeMs?: number }[] }
  /** One file (`path` from a ShareItem), or the whole share as a tar archive (`path` null). */
  | { type: "share-read"; id: number; path: string | null }
  | { type: "share-list" };

export type ShareReply =
  /** The tree (sent after share-list, after imports and, at most once a second, after the guest changed it). */
  | { type: "share-list"; items: ShareItem[]; truncated: boolean; usedBytes: number; capacityBytes: number; tag: string }
  | { type: "share-imported"; id: number; files: number; bytes: number }
  | { type: "share-data"; id: number; name: string; data: ArrayBuffer }
  | { type: "share-error"; id: number; message: string };
