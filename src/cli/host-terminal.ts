// The user-mode CLI's terminal: when tciemu's standard input is a terminal in the foreground, the
// guest gets a terminal device with Linux's line discipline (src/linux-user/tty.ts) in its place,
// and the host's terminal runs raw underneath.
//
// qemu-user passes the guest's termios calls to the host's terminal, so raw mode, echo, Ctrl-C
// and window sizes work as on Linux. Node can set a terminal raw (libuv) but cannot set the rest of
// a termios, so tciemu keeps the guest's termios itself: the host's terminal is raw (every byte,
// no echo, no output processing, no signals) and the line discipline does what the guest asked
// for: canonical editing and echo, ISIG (Ctrl-C, Ctrl-\ and Ctrl-Z become signals for the guest's
// foreground process group), ONLCR, VMIN/VTIME. Keystrokes come from Node's event loop (the CLI
// runs the kernel with runAsync, which yields to it); a resize sends SIGWINCH. When the process
// tciemu started stops (Ctrl-Z), tciemu stops as qemu does: the host terminal gets its settings
// back, tciemu sends itself SIGSTOP, and raw mode comes back when the shell continues it.
//
// Only in the foreground: setting the terminal from a background job would stop tciemu with
// SIGTTOU, where qemu-user, touching nothing until the guest does, runs on. A background run or
// stdin that is no terminal keeps the host's descriptors as they are.
import * as fs from "node:fs";
import type { LinuxProcess } from "../linux-user/process.ts";
import { Tty } from "../linux-user/tty.ts";
import type { HostStat } from "../linux-user/host-api.ts";
import { nodeChildProcess } from "./lazy-node.ts";
import { hostSession } from "./node-host.ts";

export interface HostTerminal {
  /** The device the guest's terminal descriptors share. */
  readonly tty: Tty;
  /** Gives the host's terminal its settings back and stops reading it (the guest has exited). */
  release(): void;
  /** Stops tciemu by stop signal `sig` (guest numbering), the host's terminal as it was meanwhile, until it is continued. */
  suspend(sig: number): void;
}

/** The stop signals (Linux's numbers, the same on every guest ABI tciemu has), as Node names them. */
const STOP_SIGNALS: Record<number, NodeJS.Signals> = { 19: "SIGSTOP", 20: "SIGTSTP", 21: "SIGTTIN", 22: "SIGTTOU" };

/** The terminal's foreground process group is tciemu's own (/proc/self/stat's tpgid and pgrp). */
function inForeground(): boolean {
  const s = hostSession();
  return s === null || s.tpgid === s.pgid; // not Linux: no way to tell, as a foreground run is the usual one
}

/**
 * Puts the guest's terminal in place of `proc`'s standard descriptors that are the host's terminal
 * (stdin's), or returns null when stdin is no terminal or tciemu runs in the background. `wake`
 * ends the kernel's idle wait (runAsync) when keystrokes come.
 */
export function attachHostTerminal(proc: LinuxProcess, wake: () => void): HostTerminal | null {
  // (the host's isatty does not load node:tty for files, pipes and /dev/null: start-up)
  if (!proc.host.fs.isatty(0) || !inForeground()) return null;
  const stdin = process.stdin as import("node:tty").ReadStream;
  if (typeof stdin.setRawMode !== "function") return null;
  const device = fs.fstatSync(0);
  // the terminal's stat as the host's file system gives it (times change as it is used)
  const hostFs = proc.host.fs;
  const stat0 = hostFs.fstat(0);
  if (typeof stat0 === "number") return null;
  const stat = (): HostStat => {
    const st = hostFs.fstat(0);
    return typeof st === "number" ? stat0 : st;
  };
  const same = (h: number) => {
    try {
      const s = fs.fstatSync(h);
      return s.isCharacterDevice() && s.rdev === device.rdev;
    } catch {
      return false;
    }
  };
  const fds = [0, 1, 2].filter((h) => h === 0 || same(h));
  // Echo and output go to the terminal whatever stdout is: its own descriptor if stdout or stderr
  // is it, else stdin's (terminals are opened read-write).
  const out = fds.find((h) => h !== 0) ?? 0;
  let path = "/dev/tty";
  try {
    path = fs.readlinkSync("/proc/self/fd/0", "latin1"); // a kernel path is a byte string (bytes.ts)
  } catch {
    // not Linux
  }
  const kernel = proc.kernel;
  const tty = new Tty(
    (data) => {
      for (let off = 0; off < data.length;) {
        try {
          off += fs.writeSync(out, data, off);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "EAGAIN") return; // the terminal went away
        }
      }
    },
    (pgrp, sig) => {
      if (pgrp > 0) kernel.killFromHost(-pgrp, sig);
      wake();
    },
    { terminal: kernel.hostTerminal, path, stat },
  );
  const size = () => {
    const s = [process.stdout, process.stderr].find((x) => x.isTTY) as import("node:tty").WriteStream | undefined;
    if (s) return { rows: s.rows, cols: s.columns };
    return null;
  };
  const s0 = size();
  if (s0) {
    tty.rows = s0.rows;
    tty.cols = s0.cols;
  }
  const onResize = () => {
    const s = size();
    if (s && (s.rows !== tty.rows || s.cols !== tty.cols)) {
      tty.resize(s.rows, s.cols);
      wake();
    }
  };
  const onData = (b: Buffer) => {
    tty.input(b);
    wake();
  };
  const raw = () => {
    stdin.setRawMode(true);
    // libuv's raw mode keeps output processing (OPOST): the line discipline does the guest's own.
    nodeChildProcess().spawnSync("stty", ["-opost"], { stdio: [0, "ignore", "ignore"] });
  };
  raw();
  kernel.hostSignals = true;
  stdin.on("data", onData);
  process.on("SIGWINCH", onResize);
  for (const h of fds) proc.fds.installAt(h, tty);
  let released = false;
  return {
    tty,
    release() {
      if (released) return;
      released = true;
      stdin.off("data", onData);
      process.off("SIGWINCH", onResize);
      stdin.setRawMode(false); // the settings libuv saved before it first made the terminal raw
      stdin.pause();
      stdin.unref?.();
    },
    suspend(sig) {
      // the same signal as qemu-user's process gets from the host's kernel (the shell reports it)
      const name = STOP_SIGNALS[sig] ?? "SIGSTOP";
      if (!released) stdin.setRawMode(false);
      // with the signal's default action (host-signals.ts may listen for it): the last listener
      // gone, libuv restores SIG_DFL; tciemu stops inside kill() and goes on when continued
      const listeners = name === "SIGSTOP" ? [] : process.listeners(name);
      for (const l of listeners) process.off(name, l as () => void);
      process.kill(process.pid, name);
      for (const l of listeners) process.on(name, l as () => void);
      if (released) return;
      // continued: the shell may have changed the terminal's size meanwhile
      raw();
      onResize();
    },
  };
}
