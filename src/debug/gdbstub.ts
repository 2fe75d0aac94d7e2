// A gdb remote-protocol stub (QEMU's gdbstub/ for user mode), as protocol logic only: bytes come in
// and go out through a GdbTransport (the CLI's TCP server, a test's pipe), the guest is reached
// through a DebugSession and a DebugArch. No Node imports.
//
// Supported: qSupported (PacketSize, qXfer:features:read, swbreak, hwbreak, vContSupported,
// QStartNoAckMode), ?, g/G, p/P, m/M, X, Z0/z0 and Z1/z1 (breakpoints), Z2/z2 (write watchpoints:
// stop after a write that changes the bytes), c, s, vCont (c, C, s, S), Ctrl-C (\x03) while running,
// D, k, vKill, qAttached, qC, qfThreadInfo/qsThreadInfo, H, T, qXfer:features:read (the target
// description), qRcmd (`monitor info jit`, `monitor info tb`), and W/X at exit.
import type { Command, Controller, DebugSession, StopEvent } from "./session.ts";
import type { DebugArch, MemReader } from "../exec/debug-arch.ts";
import type { StopReason } from "./stepper.ts";

export interface GdbTransport {
  /**
   * Waits up to timeoutMs (-1: forever, 0: just poll) for input; returns what arrived (possibly
   * empty on timeout), or null when the connection is closed.
   */
  read(timeoutMs: number): Uint8Array | null;
  write(data: Uint8Array): void;
}

export interface GdbStubOptions {
  arch: DebugArch;
  R: Int32Array;
  readMem: MemReader;
  writeMem: (addr: number, data: Uint8Array) => boolean;
  /** gdb's signal number for a guest exception (default, RISC-V: illegal 4, ebreak 5, misaligned SIGBUS 10, else 11). */
  signalOf?: (excp: number) => number;
  /** `monitor ...` commands: returns the text to show, or null if unknown. */
  monitor?: (cmd: string) => string | null;
  /** Called with each protocol line for debugging the stub (`-d gdb`-style tracing). */
  trace?: (dir: "<-" | "->", packet: string) => void;
}

/**
 * gdb's numbers (gdb/signals.def, which the remote protocol uses) for Linux signals 1..31, by Linux
 * number (QEMU's gdb_signal_table read the other way); 143 is GDB_SIGNAL_UNKNOWN.
 */
const GDB_SIGNAL_OF_LINUX = [
  0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15, 143, 20, 19, 17, 18, 21, 22, 16, 24, 25, 26, 27, 28, 23, 32, 12,
];

/** The remote protocol's number for Linux signal `sig`. */
export function gdbSignalOfLinux(sig: number): number {
  return GDB_SIGNAL_OF_LINUX[sig] ?? 143;
}

const enc = new TextEncoder();
const dec = new TextDecoder("latin1");
const hex2 = (b: number) => b.toString(16).padStart(2, "0");

function toHexLE(v: bigint, bytes: number): string {
  let s = "";
  for (let i = 0; i < bytes; i++) s += hex2(Number((v >> BigInt(8 * i)) & 0xffn));
  return s;
}

function fromHexLE(h: string): bigint {
  let v = 0n;
  for (let i = h.length / 2 - 1; i >= 0; i--) v = (v << 8n) | BigInt(parseInt(h.slice(2 * i, 2 * i + 2), 16));
  return v;
}

function hexToBytes(h: string): Uint8Array {
  const b = new Uint8Array(h.length >> 1);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return b;
}

function escapeBinary(s: string): string {
  let r = "";
  for (const ch of s) r += ch === "#" || ch === "$" || ch === "}" || ch === "*" ? "}" + String.fromCharCode(ch.charCodeAt(0) ^ 0x20) : ch;
  return r;
}

/** The packet layer: framing, checksums, acks, and the out-of-band Ctrl-C. */
export class GdbConnection {
  private buf: number[] = [];
  noAck = false;
  closed = false;
  /** A \x03 arrived (while running, or between packets). */
  interruptPending = false;

  constructor(
    private readonly t: GdbTransport,
    private readonly trace?: (dir: "<-" | "->", packet: string) => void,
  ) {}

  private fill(timeoutMs: number): boolean {
    const d = this.t.read(timeoutMs);
    if (d === null) {
      this.closed = true;
      return false;
    }
    for (const b of d) {
      if (b === 0x03 && !this.inPacket()) this.interruptPending = true;
      else this.buf.push(b);
    }
    return d.length > 0;
  }

  private inPacket(): boolean {
    const i = this.buf.indexOf(0x24);
    return i >= 0 && !this.buf.includes(0x23, i);
  }

  /** Non-blocking check for Ctrl-C while the guest runs. */
  pollInterrupt(): boolean {
    if (!this.closed) this.fill(0);
    const r = this.interruptPending;
    this.interruptPending = false;
    return r || this.closed;
  }

  /** The next packet's payload (blocking), or null when the connection closed. */
  readPacket(): string | null {
    for (;;) {
      const start = this.buf.indexOf(0x24);
      if (start < 0)
        this.buf.length = 0; // acks and noise
      else if (start > 0) this.buf.splice(0, start);
      const h = this.buf.indexOf(0x23);
      if (this.buf[0] === 0x24 && h > 0 && this.buf.length >= h + 3) {
        const body = this.buf.slice(1, h);
        const sum = parseInt(String.fromCharCode(this.buf[h + 1], this.buf[h + 2]), 16);
        this.buf.splice(0, h + 3);
        let s = 0;
        for (const b of body) s = (s + b) & 0xff;
        if (!this.noAck) this.t.write(enc.encode(s === sum ? "+" : "-"));
        if (s !== sum) continue;
        const p = dec.decode(Uint8Array.from(body));
        this.trace?.("<-", p);
        return p;
      }
      if (this.closed) return null;
      this.fill(-1);
    }
  }

  send(payload: string): void {
    let s = 0;
    const bytes = new Uint8Array(payload.length);
    for (let i = 0; i < payload.length; i++) {
      bytes[i] = payload.charCodeAt(i) & 0xff;
      s = (s + bytes[i]) & 0xff;
    }
    this.trace?.("->", payload);
    const out = new Uint8Array(bytes.length + 4);
    out[0] = 0x24;
    out.set(bytes, 1);
    out.set(enc.encode("#" + hex2(s)), bytes.length + 1);
    this.t.write(out);
    // Acks from gdb are consumed (and ignored) by readPacket; no retransmission on '-'.
  }
}

/** The gdb server: a DebugSession controller that answers gdb's packets whenever the guest stops. */
export class GdbStub implements Controller {
  readonly conn: GdbConnection;
  private session: DebugSession | null = null;
  private lastReason: StopReason = { kind: "start" };
  private swbreak = false;
  private finished = false;

  constructor(
    transport: GdbTransport,
    readonly opts: GdbStubOptions,
  ) {
    this.conn = new GdbConnection(transport, opts.trace);
  }

  interrupted(): boolean {
    return this.conn.pollInterrupt();
  }

  stopped(ev: StopEvent, session: DebugSession): Command {
    this.session = session;
    this.lastReason = ev.reason;
    if (ev.reason.kind !== "start") this.conn.send(this.stopReply(ev.reason));
    return this.serve();
  }

  /** The guest exited: tells gdb (W / X packet) and lets it go. */
  exited(code: number, signal?: number): void {
    if (this.finished || this.conn.closed) return;
    this.finished = true;
    this.conn.send(signal !== undefined ? `X${hex2(gdbSignalOfLinux(signal))}` : `W${hex2(code & 0xff)}`);
  }

  private signalOf(excp: number): number {
    if (this.opts.signalOf) return this.opts.signalOf(excp);
    return excp === 2 ? 4 : excp === 3 ? 5 : excp === 4 || excp === 6 ? 10 : 11;
  }

  private stopReply(r: StopReason): string {
    switch (r.kind) {
      case "exception":
        return `T${hex2(this.signalOf(r.excp))}thread:1;`;
      case "interrupt":
        return "T02thread:1;";
      case "breakpoint":
        return `T05thread:1;${this.swbreak ? "swbreak:;" : ""}`;
      case "watchpoint":
        return `T05thread:1;watch:${r.addr.toString(16)};`;
      default:
        return "T05thread:1;";
    }
  }

  /** Register i of the target description; the pc is the stepper's (exact inside an op-stepped TB). */
  private reg(i: number): bigint {
    const { arch, R } = this.opts;
    if (arch.gdbRegs[i].name === "pc" && this.session) return BigInt.asUintN(64, this.session.stepper.pc());
    return arch.gdbGet(R, i);
  }

  /** Answers packets until one resumes the guest. */
  private serve(): Command {
    const { arch, R } = this.opts;
    for (;;) {
      const p = this.conn.readPacket();
      if (p === null) return { kind: "detach" }; // gdb went away: run on, as QEMU does
      const cmd = p[0];
      const st = this.session!.stepper;
      switch (cmd) {
        case "?":
          this.conn.send(this.stopReply(this.lastReason.kind === "start" ? { kind: "step" } : this.lastReason));
          break;
        case "g": {
          let s = "";
          arch.gdbRegs.forEach((r, i) => (s += toHexLE(this.reg(i), r.bytes)));
          this.conn.send(s);
          break;
        }
        case "G": {
          let off = 1;
          arch.gdbRegs.forEach((r, i) => {
            const h = p.slice(off, off + 2 * r.bytes);
            off += 2 * r.bytes;
            if (h.length === 2 * r.bytes && !h.includes("x")) arch.gdbSet(R, i, fromHexLE(h));
          });
          this.conn.send("OK");
          break;
        }
        case "p": {
          const n = parseInt(p.slice(1), 16);
          const i = arch.gdbRegs.findIndex((r) => r.regnum === n);
          this.conn.send(i < 0 ? "E00" : toHexLE(this.reg(i), arch.gdbRegs[i].bytes));
          break;
        }
        case "P": {
          const [n, v] = p.slice(1).split("=");
          const i = arch.gdbRegs.findIndex((r) => r.regnum === parseInt(n, 16));
          if (i < 0) this.conn.send("E00");
          else {
            arch.gdbSet(R, i, fromHexLE(v));
            this.conn.send("OK");
          }
          break;
        }
        case "m": {
          const [a, l] = p.slice(1).split(",");
          const data = this.opts.readMem(parseInt(a, 16), Math.min(parseInt(l, 16), 0x4000));
          this.conn.send(data ? Array.from(data, hex2).join("") : "E14");
          break;
        }
        case "M": {
          const [al, h] = p.slice(1).split(":");
          const [a] = al.split(",");
          this.conn.send(this.opts.writeMem(parseInt(a, 16), hexToBytes(h)) ? "OK" : "E14");
          break;
        }
        case "X": {
          const colon = p.indexOf(":");
          const [a, l] = p.slice(1, colon).split(",");
          const raw: number[] = [];
          for (let i = colon + 1; i < p.length; i++) {
            const c = p.charCodeAt(i);
            raw.push(c === 0x7d ? p.charCodeAt(++i) ^ 0x20 : c);
          }
          const len = parseInt(l, 16);
          this.conn.send(len === 0 || this.opts.writeMem(parseInt(a, 16), Uint8Array.from(raw.slice(0, len))) ? "OK" : "E14");
          break;
        }
        case "Z":
        case "z": {
          const [type, a, len] = p.slice(1).split(",");
          const addr = parseInt(a, 16);
          if (type === "0" || type === "1") {
            if (cmd === "Z") st.addBreakpoint(addr);
            else st.removeBreakpoint(addr);
            this.conn.send("OK");
          } else if (type === "2") {
            if (cmd === "Z") this.conn.send(st.addWatchpoint(addr, parseInt(len, 16)) ? "OK" : "E14");
            else this.conn.send(st.removeWatchpoint(addr) ? "OK" : "E14");
          } else this.conn.send("");
          break;
        }
        case "c":
        case "C":
        case "s":
        case "S": {
          const args = p.slice(1);
          const addrPart = cmd === "c" || cmd === "s" ? args : args.split(";")[1];
          if (addrPart) arch.setReg(R, "pc", BigInt("0x" + addrPart));
          return cmd === "c" || cmd === "C" ? { kind: "continue" } : { kind: "stepi", count: 1 };
        }
        case "D":
          this.conn.send("OK");
          return { kind: "detach" };
        case "k":
          return { kind: "kill" };
        case "H":
        case "T":
          this.conn.send("OK");
          break;
        case "q":
        case "Q":
        case "v": {
          const r = this.query(p);
          if (r === null) break;
          if (r === "vCont;c") return { kind: "continue" };
          if (r === "vCont;s") return { kind: "stepi", count: 1 };
          if (r === "kill") {
            this.conn.send("OK");
            return { kind: "kill" };
          }
          this.conn.send(r);
          break;
        }
        default:
          this.conn.send("");
      }
    }
  }

  /** q/Q/v packets: the reply, null if already answered, or "vCont;c" / "vCont;s" / "kill" to resume. */
  private query(p: string): string | null {
    if (p.startsWith("qSupported")) {
      this.swbreak = p.includes("swbreak+");
      return "PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+";
    }
    if (p === "QStartNoAckMode") {
      this.conn.send("OK");
      this.conn.noAck = true;
      return null;
    }
    if (p === "qAttached" || p.startsWith("qAttached:")) return "1";
    if (p === "qC") return "QC1";
    if (p === "qfThreadInfo") return "m1";
    if (p === "qsThreadInfo") return "l";
    if (p.startsWith("qSymbol")) return "OK";
    if (p.startsWith("qXfer:features:read:")) {
      const [annex, range] = p.slice("qXfer:features:read:".length).split(":");
      const doc = this.opts.arch.gdbXml[annex];
      if (doc === undefined) return "E00";
      const [o, l] = range.split(",").map((x) => parseInt(x, 16));
      const part = doc.slice(o, o + l);
      return (o + l >= doc.length ? "l" : "m") + escapeBinary(part);
    }
    if (p.startsWith("qRcmd,")) {
      const text = dec.decode(hexToBytes(p.slice(6)));
      const out = this.opts.monitor?.(text.trim());
      if (out === null || out === undefined) return "";
      if (out) this.conn.send("O" + Array.from(enc.encode(out), hex2).join(""));
      return "OK";
    }
    if (p === "vCont?") return "vCont;c;C;s;S";
    if (p.startsWith("vCont;")) {
      const action = p.slice(6).split(";")[0];
      return action[0] === "s" || action[0] === "S" ? "vCont;s" : "vCont;c";
    }
    if (p.startsWith("vKill")) return "kill";
    return "";
  }
}
