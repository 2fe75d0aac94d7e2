// The CLI side of src/debug: -d items / -D file / -dfilter logging, `-d jit` at exit, the --debug
// prompt on stdin and the -g gdb server (TCP, served by a worker thread so that the synchronous
// emulator can block waiting for gdb). riscv64-user.ts calls setupDebug() after loading the program
// and finish() after it ran.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { nodeWorkerThreads } from "./lazy-node.ts";
import type { LinuxProcess, RunResult } from "../linux-user/process.ts";
import { CommandDebugger } from "../debug/debugger.ts";
import { GdbStub, type GdbTransport } from "../debug/gdbstub.ts";
import { formatJitStats, jitStats } from "../debug/jit-stats.ts";
import { executableSymbols, linuxDebugTarget, type DebugTarget } from "../debug/linux-user.ts";
import { ExecLogger, logHelp, parseDfilter, parseLogItems, type LogItem, type LogSink } from "../debug/log.ts";
import { DebugKill, DebugSession } from "../debug/session.ts";
import { qemuIntLine, virtDebugTarget, type SystemDebugMachine } from "../debug/system.ts";
import type { VirtMachine } from "../hw/virt-machine.ts";

export { DebugKill } from "../debug/session.ts";

export interface DebugCliOptions {
  /** -d arguments as given (comma-separated lists). */
  logItems: string[];
  logFile: string | null;
  dfilter?: string | null;
  /** -g port (0: any free port, printed on stderr). */
  gdbPort?: number | null;
  /** --debug: the interactive prompt on stdin. */
  debugPrompt?: boolean;
  /** The command's name in messages (default tciemu-riscv64). */
  progName?: string;
}

/**
 * Checks the -d items and -dfilter before anything runs: `-d help` prints the list and exits 0, an
 * unknown item prints it and exits 1, a bad -dfilter exits 1 (as qemu does). Returns the items.
 */
export function checkLogOptions(o: DebugCliOptions, progName = "tciemu-riscv64"): Set<LogItem> {
  const items = parseLogItems(o.logItems);
  if (items === "help") {
    process.stdout.write(logHelp());
    process.exit(0);
  }
  if ("unknown" in items) {
    process.stdout.write(logHelp());
    process.exit(1);
  }
  if (o.dfilter) {
    try {
      parseDfilter(o.dfilter);
    } catch (e) {
      process.stderr.write(`${progName}: ${(e as Error).message}\n`);
      process.exit(1);
    }
  }
  return items;
}

class FileSink implements LogSink {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  constructor(path: string | null) {
    this.fd = path ? openSync(path, "w") : 2;
  }
  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    if (this.fd !== 2) closeSync(this.fd);
  }
}

/** stdin as blocking lines (the guest keeps its own view of fd 0; the prompt reads between runs). */
class StdinLines {
  private pending = "";
  private eof = false;
  readLine(prompt: string): string | null {
    process.stderr.write(prompt);
    for (;;) {
      const nl = this.pending.indexOf("\n");
      if (nl >= 0) {
        const line = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        return line;
      }
      if (this.eof) {
        if (this.pending) {
          const l = this.pending;
          this.pending = "";
          return l;
        }
        return null;
      }
      const b = Buffer.alloc(4096);
      let n: number;
      try {
        n = readSync(0, b, 0, b.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
          sleep(10);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === "EOF") n = 0;
        else throw e;
      }
      if (n === 0) this.eof = true;
      else this.pending += b.toString("utf8", 0, n);
    }
  }
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

const STATE = 0,
  HEAD = 1,
  TAIL = 2,
  SEQ = 3,
  PORT = 4;

/** The TCP side of the gdb stub: a worker owns the socket; reads block on a SharedArrayBuffer. */
class WorkerTransport implements GdbTransport {
  private ctl = new Int32Array(new SharedArrayBuffer(5 * 4));
  private ring = new Uint8Array(new SharedArrayBuffer(1 << 16));
  private worker: Worker;

  constructor(port: number, host: string) {
    this.worker = new (nodeWorkerThreads().Worker)(new URL("./gdb-socket-worker.mjs", import.meta.url), {
      workerData: { ctl: this.ctl.buffer, ring: this.ring.buffer, port, host },
      execArgv: [],
    });
  }

  private state(): number {
    return Atomics.load(this.ctl, STATE);
  }

  /** gdb has connected (or connected and left): non-blocking. */
  isConnected(): boolean {
    return this.state() >= 2 && this.state() !== 4;
  }

  /** Blocks until the server listens; returns its port (or throws). */
  listening(): number {
    while (this.state() === 0) Atomics.wait(this.ctl, SEQ, Atomics.load(this.ctl, SEQ), 100);
    if (this.state() === 4) throw new Error("cannot listen");
    return Atomics.load(this.ctl, PORT);
  }

  /** Blocks until gdb connects. */
  connected(): void {
    while (this.state() === 1) Atomics.wait(this.ctl, SEQ, Atomics.load(this.ctl, SEQ), 1000);
  }

  read(timeoutMs: number): Uint8Array | null {
    const deadline = timeoutMs < 0 ? Infinity : Date.now() + timeoutMs;
    for (;;) {
      const seq = Atomics.load(this.ctl, SEQ);
      const head = Atomics.load(this.ctl, HEAD),
        tail = Atomics.load(this.ctl, TAIL);
      if (head !== tail) {
        const size = this.ring.length;
        const n = (head - tail + size) % size;
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = this.ring[(tail + i) % size];
        Atomics.store(this.ctl, TAIL, head);
        return out;
      }
      if (this.state() >= 3) return null;
      const left = deadline - Date.now();
      if (left <= 0) return new Uint8Array(0);
      Atomics.wait(this.ctl, SEQ, seq, Math.min(left, 1000));
    }
  }

  write(data: Uint8Array): void {
    if (this.state() === 2) this.worker.postMessage(data);
  }

  close(): void {
    this.worker.postMessage("close");
  }
}

export interface DebugCli {
  /** Call with the run's result (or after a DebugKill) to print -d jit, tell gdb, close the log. */
  finish(r: RunResult | null): void;
}

/** Attaches logging, the prompt and the gdb server as the options ask. */
export function setupDebug(
  proc: LinuxProcess,
  o: DebugCliOptions,
  elf: Uint8Array,
  setStrace: (write: (line: string) => void) => void,
): DebugCli {
  const items = checkLogOptions(o, o.progName);
  const target = linuxDebugTarget(proc);
  const symbols = executableSymbols(elf, proc.abi.layout);
  const prog = o.progName ?? "tciemu-riscv64";
  const sink = items.size ? new FileSink(o.logFile) : null;
  if (sink && items.has("strace"))
    setStrace((text) => {
      sink.write(text);
      sink.flush();
    });

  let session: DebugSession | null = null;
  let stub: GdbStub | null = null;
  let transport: WorkerTransport | null = null;
  const sessionOpts = {
    arch: target.arch,
    readMem: target.readMem,
    writeMem: target.writeMem,
    isSyscall: target.isSyscall,
  };
  if (o.gdbPort !== null && o.gdbPort !== undefined) {
    transport = new WorkerTransport(o.gdbPort, "127.0.0.1");
    let port: number;
    try {
      port = transport.listening();
    } catch {
      process.stderr.write(`${prog}: cannot listen on tcp port ${o.gdbPort}\n`);
      process.exit(1);
    }
    process.stderr.write(`${prog}: waiting for gdb on localhost:${port}\n`);
    transport.connected();
    const monitor = (cmd: string): string | null => {
      if (cmd === "info jit") return formatJitStats(jitStats(target.exec));
      if (cmd === "info tb") return (session?.stepper.currentTbListing().join("\n") ?? "") + "\n";
      return null;
    };
    stub = new GdbStub(transport, {
      arch: target.arch,
      R: target.R,
      readMem: target.readMem,
      writeMem: target.writeMem,
      signalOf: target.signalOf,
      monitor,
    });
    session = new DebugSession(target.exec, stub, { ...sessionOpts, exactSteps: true }).attach();
  } else if (o.debugPrompt) {
    const stdin = new StdinLines();
    const dbg = new CommandDebugger(target, { readLine: (p) => stdin.readLine(p), write: (t) => process.stderr.write(t) }, symbols);
    session = new DebugSession(target.exec, dbg, sessionOpts).attach();
  }
  // The logger wraps run() after the debugger so that -d int sees what the process sees.
  const logger = sink
    ? new ExecLogger(target.exec, {
        items,
        filter: o.dfilter ? parseDfilter(o.dfilter) : null,
        arch: target.arch,
        readMem: target.readMem,
        symbols,
        sink,
      }).install()
    : null;

  return {
    finish(r) {
      logger?.finish();
      sink?.close();
      if (stub && transport) {
        if (r) stub.exited(r.exitCode, r.signal);
        transport.close();
      }
      if (o.debugPrompt && r && !session?.isDetached) process.stderr.write(`[program exited with code ${r.exitCode}]\n`);
    },
  };
}

export function isDebugKill(e: unknown): boolean {
  return e instanceof DebugKill;
}

// ---- tciemu-system-riscv64

export interface SystemDebugOptions {
  /** -d arguments as given. */
  logItems: string[];
  logFile: string | null;
  dfilter: string | null;
  /** -gdb tcp:[HOST]:PORT / -s (tcp::1234); null: no gdb stub. */
  gdb: string | null;
  /** -S: do not start the CPU until gdb (or the monitor's `cont`) says so. */
  startStopped: boolean;
  /** The program name in messages (default tciemu-system-riscv64). */
  progName?: string;
}

const SYS = "tciemu-system-riscv64";

/** Parses QEMU's -gdb device: tcp::PORT, tcp:HOST:PORT, or a bare port. */
export function parseGdbDevice(spec: string): { host: string; port: number } | null {
  const m = /^(?:tcp:)?(?:([^:]*):)?(\d+)$/.exec(spec.trim());
  if (!m) return null;
  return { host: m[1] || "127.0.0.1", port: Number(m[2]) };
}

/**
 * -d logging and the gdb stub for the system emulator. The board can be rebuilt (reset), so the
 * CLI calls attach() with each new machine; the main loop calls poll() before each slice, idle()
 * when the hart sleeps in WFI, and finish() at the end.
 */
/** The debug target of a RISC-V virt machine, or of another board's machine that provides its own. */
function debugTargetOf(m: VirtMachine | SystemDebugMachine): DebugTarget {
  return "debugTarget" in m ? m.debugTarget : virtDebugTarget(m);
}

export class SystemDebug {
  private readonly items: Set<LogItem>;
  private readonly sink: FileSink | null;
  private logger: ExecLogger | null = null;
  private transport: WorkerTransport | null = null;
  private stub: GdbStub | null = null;
  private session: DebugSession | null = null;
  private machine: VirtMachine | SystemDebugMachine | null = null;
  /** -S and gdb not connected yet, or the monitor's `stop`. */
  paused: boolean;

  private readonly sys: string;

  constructor(private readonly o: SystemDebugOptions) {
    this.sys = o.progName ?? SYS;
    const items = checkLogOptions({ logItems: o.logItems, logFile: o.logFile, dfilter: o.dfilter }, this.sys);
    if (items.has("strace")) {
      process.stderr.write(`${this.sys}: -d strace is for user mode; ignored\n`);
      items.delete("strace");
    }
    this.items = items;
    this.sink = items.size ? new FileSink(o.logFile) : null;
    this.paused = o.startStopped;
    if (o.gdb !== null) {
      const dev = parseGdbDevice(o.gdb);
      if (!dev) {
        process.stderr.write(`${this.sys}: -gdb: expected tcp::PORT, got '${o.gdb}'\n`);
        process.exit(1);
      }
      this.transport = new WorkerTransport(dev.port, dev.host);
      let port: number;
      try {
        port = this.transport.listening();
      } catch {
        process.stderr.write(`${this.sys}: -gdb ${o.gdb}: cannot listen on tcp port ${dev.port}\n`);
        process.exit(1);
      }
      process.stderr.write(
        `${this.sys}: gdb stub listening on ${dev.host}:${port}${o.startStopped ? " (CPU stopped until gdb continues)" : ""}\n`,
      );
    }
  }

  /** A log line (the monitor's and -d int's). */
  log(text: string): void {
    if (!this.sink) return;
    this.sink.write(text.endsWith("\n") ? text : text + "\n");
  }

  /** Attaches logging (and the gdb session, if one is open) to a new machine. */
  attach(m: VirtMachine | SystemDebugMachine): void {
    const prev = this.machine;
    this.machine = m;
    this.logger?.uninstall();
    const target = debugTargetOf(m);
    if (this.items.has("int")) {
      const arch = target.arch;
      // Another board's CPU (SystemDebugMachine) writes its -d int lines in QEMU's form itself.
      m.logInt = "debugTarget" in m ? (line) => this.log(line) : (line) => this.log(qemuIntLine(line, arch));
    }
    const others = new Set(this.items);
    others.delete("int");
    this.logger = this.sink
      ? new ExecLogger(m.exec, {
          items: others,
          filter: this.o.dfilter ? parseDfilter(this.o.dfilter) : null,
          arch: target.arch,
          readMem: target.readMem,
          sink: this.sink,
        }).install()
      : null;
    // A reset while gdb is attached: the new hart keeps gdb's breakpoints and goes on running.
    if (prev && this.session && !this.session.isDetached && this.stub) {
      const old = this.session;
      const running = old.isRunning;
      old.detach();
      this.session = this.openSession(m);
      for (const b of old.stepper.breakpoints) this.session.stepper.addBreakpoint(b);
      if (running) this.session.resume({ kind: "continue" });
    }
  }

  private openSession(m: VirtMachine | SystemDebugMachine): DebugSession {
    const target = debugTargetOf(m);
    if (!this.stub) {
      const monitor = (cmd: string): string | null => {
        const exec = this.machine!.exec;
        if (cmd === "info jit") return formatJitStats(jitStats(exec));
        if (cmd === "info tb") return (this.session?.stepper.currentTbListing().join("\n") ?? "") + "\n";
        return null;
      };
      this.stub = new GdbStub(this.transport!, {
        arch: target.arch,
        R: target.R,
        readMem: target.readMem,
        writeMem: target.writeMem,
        monitor,
      });
    } else {
      Object.assign(this.stub.opts, { arch: target.arch, R: target.R, readMem: target.readMem, writeMem: target.writeMem });
    }
    return new DebugSession(m.exec, this.stub, {
      arch: target.arch,
      readMem: target.readMem,
      writeMem: target.writeMem,
      isSyscall: target.isSyscall,
      exactSteps: true,
    }).attach();
  }

  /**
   * Before each slice: opens the gdb session once gdb has connected (the CPU stops for it, as QEMU
   * stops the VM). Returns false while the CPU must not run.
   */
  poll(): boolean {
    this.sink?.flush();
    if (this.transport && !this.session && this.machine && this.transport.isConnected()) {
      this.session = this.openSession(this.machine);
      this.paused = false;
    }
    return !this.paused;
  }

  /** The hart sleeps (WFI): a Ctrl-C from gdb must still stop it. */
  idle(): void {
    const s = this.session;
    if (!s || s.isDetached || !s.isRunning || !this.stub) return;
    if (this.stub.interrupted()) {
      s.interrupt();
      this.machine!.exec.run(0); // gdb is served inside; may throw DebugKill
    }
  }

  /** At exit: -d jit, the W packet to gdb, the log file. */
  async finish(exitCode: number | null): Promise<void> {
    this.logger?.finish();
    this.sink?.close();
    if (this.stub && this.transport) {
      if (exitCode !== null && this.session && !this.session.isDetached) this.stub.exited(exitCode);
      this.transport.close();
      await new Promise((r) => setTimeout(r, 100)); // let the worker flush the socket
    }
  }
}
