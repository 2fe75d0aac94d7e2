// QEMU's -d logging for tciemu: the item names, their formats and -dfilter, written to a sink
// (stderr or the -D file). Everything is attached through an ExecObserver that has only the hooks
// the enabled items need (none: no observer at all, so the engine's null checks skip everything);
// `int` is its exception event, which sees each exception with its precise pc.
//
//   in_asm   guest code of each TB as translated (QEMU's translator_loop log)
//   op       TCG ops as the front end emitted them (tcg_dump_ops, "OP:")
//   op_opt   after the optimizer and dead-op removal ("OP after optimization and liveness analysis:")
//   out_asm  the TB's bytecode with code-cache offsets ("OUT: [size=...]")
//   exec     one "Trace" line per TB entered from the execution loop
//   cpu      guest registers before each TB entered from the execution loop (with fpu: FP too)
//   int      each exception (syscall, fault) as riscv_cpu_do_interrupt logs it
//   nochain  no TB chaining, so that exec and cpu see every TB
//   strace   syscalls (user mode; the CLI wires it)
//   jit      JIT statistics at exit
import type { CpuExec, ExecObserver } from "../exec/cpu-exec.ts";
import type { Op, TcgContext } from "../tcg/context.ts";
import { Opc } from "../tcg/opcodes.ts";
import { disasBytecode } from "../tci/disas.ts";
import type { EncodedTb } from "../tci/encode.ts";
import { formatJitStats, jitStats } from "./jit-stats.ts";
import type { DebugArch, MemReader } from "../exec/debug-arch.ts";
import type { SymbolTable } from "./symbols.ts";
import { dumpOps } from "./tcg-dump.ts";

export const LOG_ITEMS: readonly (readonly [string, string])[] = [
  ["out_asm", "show generated host assembly code (TCI bytecode) for each compiled TB"],
  ["in_asm", "show target assembly code for each compiled TB"],
  ["op", "show micro ops for each compiled TB"],
  ["op_opt", "show micro ops after optimization"],
  ["int", "show interrupts/exceptions in short format"],
  ["exec", "show trace before each executed TB (lots of logs)"],
  ["cpu", "show CPU registers before entering a TB (lots of logs)"],
  ["fpu", "include FPU registers in the 'cpu' logging"],
  ["nochain", 'do not chain compiled TBs so that "exec" and "cpu" show\ncomplete traces'],
  ["strace", "log every user-mode syscall, its input, and its result"],
  ["jit", "show JIT statistics (TBs, code cache, ops per insn, chaining) at exit"],
];

export type LogItem = "out_asm" | "in_asm" | "op" | "op_opt" | "int" | "exec" | "cpu" | "fpu" | "nochain" | "strace" | "jit";

/** `-d help`'s text (QEMU's qemu_print_log_usage layout). */
export function logHelp(): string {
  return "Log items (comma separated):\n" + LOG_ITEMS.map(([n, h]) => `${n.padEnd(15)} ${h}\n`).join("");
}

/**
 * Parses -d's comma-separated items (repeatable; "all" enables everything). Returns "help" for
 * `help`, or the first unknown item as { unknown }.
 */
export function parseLogItems(specs: string[]): Set<LogItem> | "help" | { unknown: string } {
  const set = new Set<LogItem>();
  for (const spec of specs)
    for (const raw of spec.split(",")) {
      const it = raw.trim();
      if (!it) continue;
      if (it === "help" || it === "?") return "help";
      if (it === "all") {
        for (const [n] of LOG_ITEMS) if (n !== "nochain") set.add(n as LogItem);
        continue;
      }
      if (!LOG_ITEMS.some(([n]) => n === it)) return { unknown: it };
      set.add(it as LogItem);
    }
  return set;
}

export interface AddrRange {
  lo: number;
  hi: number;
}

function parseNum(s: string): number {
  const t = s.trim();
  if (!/^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.test(t)) throw new Error("Bad range specifier");
  return t.startsWith("0x") || t.startsWith("0X")
    ? parseInt(t.slice(2), 16)
    : t.length > 1 && t[0] === "0"
      ? parseInt(t, 8)
      : parseInt(t, 10);
}

/**
 * QEMU's -dfilter syntax: comma-separated `lo..hi` (inclusive), `lo+len` or `hi-len` ranges.
 * Throws Error("Bad range specifier") like QEMU.
 */
export function parseDfilter(spec: string): AddrRange[] {
  const out: AddrRange[] = [];
  for (const part of spec.split(",")) {
    const m = /^(.+?)(\.\.|\+|-)(.+)$/.exec(part.trim());
    if (!m) throw new Error("Bad range specifier");
    const a = parseNum(m[1]),
      b = parseNum(m[3]);
    if (m[2] === "..") {
      if (b < a) throw new Error("Bad range specifier");
      out.push({ lo: a, hi: b });
    } else if (m[2] === "+") {
      if (b === 0) throw new Error("Bad range specifier");
      out.push({ lo: a, hi: a + b - 1 });
    } else {
      if (b === 0 || b > a + 1) throw new Error("Bad range specifier");
      out.push({ lo: a - b + 1, hi: a });
    }
  }
  return out;
}

export interface LogSink {
  write(text: string): void;
}

export interface LoggerOptions {
  items: Set<LogItem>;
  filter?: AddrRange[] | null;
  arch: DebugArch;
  readMem: MemReader;
  symbols?: SymbolTable;
  sink: LogSink;
}

const pcOf = (lo: number, hi: number) => (hi >>> 0) * 4294967296 + (lo >>> 0);
const hex16 = (v: number | bigint) => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, "0");

export class ExecLogger {
  private detachers: (() => void)[] = [];
  private lastLinks = 0;

  constructor(
    readonly exec: CpuExec,
    readonly o: LoggerOptions,
  ) {}

  private has(i: LogItem): boolean {
    return this.o.items.has(i);
  }

  inRange(pc: number): boolean {
    const f = this.o.filter;
    if (!f || f.length === 0) return true;
    for (const r of f) if (pc >= r.lo && pc <= r.hi) return true;
    return false;
  }

  /** The observer for the enabled items, or null when none needs one. */
  observer(): ExecObserver | null {
    const obs: ExecObserver = {};
    if (this.has("in_asm") || this.has("op")) obs.opsBefore = (ctx, ops, lo, hi) => this.opsBefore(ctx, ops, lo, hi);
    if (this.has("op_opt")) obs.opsAfter = (ctx, ops, lo, hi) => this.opsAfter(ctx, ops, lo, hi);
    if (this.has("out_asm")) obs.encoded = (tb, enc) => this.outAsm(tb, enc);
    if (this.has("exec") || this.has("cpu")) obs.enterTb = (tb) => this.enterTb(tb);
    if (this.has("int")) obs.exception = () => this.logInt();
    return Object.keys(obs).length ? obs : null;
  }

  /** Attaches to the CPU: the observer and nochain. */
  install(): this {
    if (this.has("nochain")) this.exec.opts.noChain = true;
    const obs = this.observer();
    if (obs) this.detachers.push(this.exec.addObserver(obs));
    return this;
  }

  uninstall(): void {
    for (const d of this.detachers.reverse()) d();
    this.detachers = [];
  }

  /** `-d jit` at exit. */
  finish(): void {
    if (this.has("jit")) this.o.sink.write(formatJitStats(jitStats(this.exec)));
  }

  private sym(pc: number): string {
    return this.o.symbols?.lookup(pc) ?? "";
  }

  private opsBefore(ctx: TcgContext, ops: Op[], lo: number, hi: number): void {
    const pc = pcOf(lo, hi);
    if (!this.inRange(pc)) return;
    let s = "";
    if (this.has("in_asm")) {
      s += `----------------\nIN: ${this.sym(pc)}\n`;
      const pcs: number[] = [];
      for (const op of ops) if (op.opc === Opc.insn_start) pcs.push(pcOf(op.args[0], op.args[1]));
      const arch = this.o.arch;
      const R = this.exec.S.R;
      if (arch.inAsmTb) for (const line of arch.inAsmTb(R, pcs, this.o.readMem)) s += line + "\n";
      else
        for (const ipc of pcs) {
          const line = arch.inAsmLine(ipc, this.o.readMem, R);
          s += (line ? line.text : `0x${ipc.toString(16).padStart(8, "0")}:  (unreadable)`) + "\n";
        }
      s += "\n";
    }
    if (this.has("op")) s += "OP:\n" + this.dump(ctx, ops) + "\n";
    this.o.sink.write(s);
  }

  private opsAfter(ctx: TcgContext, ops: Op[], lo: number, hi: number): void {
    if (!this.inRange(pcOf(lo, hi))) return;
    this.o.sink.write("OP after optimization and liveness analysis:\n" + this.dump(ctx, ops) + "\n");
  }

  private dump(ctx: TcgContext, ops: Op[]): string {
    return dumpOps(ctx, ops, { globalName: (n) => this.o.arch.globalName(n) }).join("\n") + "\n";
  }

  private slotNames(): (s: number) => string {
    const ctx = this.exec.ctx;
    const m = new Map<number, string>();
    for (let g = 0; g < ctx.nGlobals; g++) if (!m.has(ctx.slot[g])) m.set(ctx.slot[g], this.o.arch.globalName(ctx.name[g]));
    return (s) => m.get(s) ?? `r${s}`;
  }
  private names: ((s: number) => string) | null = null;

  private outAsm(tb: number, enc: EncodedTb): void {
    const tbs = this.exec.tbs;
    const pc = pcOf(tbs.pcLo[tb], tbs.pcHi[tb]);
    if (!this.inRange(pc)) return;
    const code = this.exec.S.code;
    const names = (this.names ??= this.slotNames());
    let s = `OUT: [size=${(enc.end - enc.start) * 4}]\n`;
    const marker = (i: number, prologue: boolean) =>
      `  -- guest addr 0x${hex16(pcOf(enc.insnData[i * 3], enc.insnData[i * 3 + 1]))}${prologue ? " + tb prologue" : ""}\n`;
    let next = 0; // next guest instruction whose marker is due
    for (let p = enc.start; p < enc.end;) {
      if (p === enc.start && enc.insnOffsets.length) s += marker(next++, true);
      while (next < enc.insnOffsets.length && enc.insnOffsets[next] <= p) s += marker(next++, false);
      const { text, len } = disasBytecode(code, p, names);
      const words = Array.from(code.subarray(p, p + len), (w) => (w >>> 0).toString(16).padStart(8, "0")).join(" ");
      s += `0x${p.toString(16).padStart(8, "0")}:  ${words.padEnd(36)} ${text}\n`;
      p += len;
    }
    this.o.sink.write(s + "\n");
  }

  private enterTb(tb: number): void {
    const exec = this.exec;
    const tbs = exec.tbs;
    const pc = pcOf(tbs.pcLo[tb], tbs.pcHi[tb]);
    let s = "";
    if (this.has("exec") && tbs.chainedLinks !== this.lastLinks) {
      // run() chained the previous TB's exit to this one just before entering it
      const slot = tbs.incoming[tb]?.[tbs.incoming[tb].length - 1];
      if (slot !== undefined && tbs.chainedLinks === this.lastLinks + 1)
        s += `Linking TBs 0x${tbs.codeStart[slot >> 1].toString(16)} index ${slot & 1} -> 0x${tbs.codeStart[tb].toString(16)}\n`;
      this.lastLinks = tbs.chainedLinks;
    }
    if (this.inRange(pc)) {
      if (this.has("exec")) {
        const cflags = (exec.opts.singlestep ? 0x1 | 0x200 : 0) | (exec.opts.noChain ? 0x200 | 0x400 : 0);
        s += `Trace 0: 0x${tbs.codeStart[tb].toString(16)} [00000000/${hex16(pc)}/${(tbs.flags[tb] >>> 0).toString(16).padStart(8, "0")}/${cflags.toString(16).padStart(8, "0")}] ${this.sym(pc)}\n`;
      }
      if (this.has("cpu")) s += this.o.arch.dumpState(exec.S.R, this.has("fpu"));
    }
    if (s) this.o.sink.write(s);
  }

  private logInt(): void {
    const exec = this.exec;
    const R = exec.S.R;
    const pc = (BigInt(R[this.o.arch.pcSlot + 1] >>> 0) << 32n) | BigInt(R[this.o.arch.pcSlot] >>> 0);
    const tval = (BigInt(exec.excpAuxHi >>> 0) << 32n) | BigInt(exec.excpAux >>> 0);
    this.o.sink.write(this.o.arch.intLine(exec.excp, pc, tval) + "\n");
  }
}
