// The interactive debugger of `tciemu-riscv64 --debug`: a DebugSession controller that reads
// commands line by line (from anything: the CLI gives it stdin) and prints to a writer.
//
//   si [N]            step N guest instructions            sop [N]   step N TCG ops
//   stb [N]           step N translation blocks             c         continue
//   b ADDR|SYMBOL     breakpoint on a guest pc              d [ADDR]  delete breakpoint(s)
//   w ADDR LEN        watchpoint: stop after a write that changes [ADDR, ADDR+LEN)
//   info reg          guest registers                       info b    breakpoints, watchpoints
//   info tb           the current TB's ops, position marked info temps  TB temps (R slots)
//   info jit          JIT statistics                         p X       register, tN temp, rN slot
//   x/N[bhwg] ADDR    memory                                 disas [ADDR] [N]
//   q                 quit (kills the guest)                 help
import { formatJitStats, jitStats } from "./jit-stats.ts";
import type { DebugTarget } from "./linux-user.ts";
import type { Command, Controller, DebugSession, StopEvent } from "./session.ts";
import type { OpStep, StopReason } from "./stepper.ts";
import type { SymbolTable } from "./symbols.ts";

export interface DebuggerIo {
  /** The next command line, or null at end of input (the guest then runs on without the debugger). */
  readLine(prompt: string): string | null;
  write(text: string): void;
}

const HELP = `Commands:
  si [N]            step N guest instructions (op by op)
  sop [N]           step N TCG ops: the op, its bytecode words, inputs before, outputs after
  stb [N]           step to the end of the current TB (N TBs)
  c                 continue until a breakpoint, a watchpoint, a fault or exit
  b ADDR|SYMBOL     breakpoint on a guest pc          d [ADDR]   delete one (or all)
  w ADDR LEN        watchpoint: stop after a write that changes [ADDR, ADDR+LEN)
  info reg          registers (info reg a0: one)      info b     breakpoints and watchpoints
  info tb           ops of the current TB, => marks the next one
  info temps        TCG temps of the current TB with their R slots and values
  info jit          JIT statistics
  p REG|tN|rN       a register (a0, x10, pc, ft0, fcsr; r0 on ARM), TB temp N, or R slot N (RN)
  x/N[bhwg] ADDR    N units of memory (bytes, halves, words, giants)
  disas [ADDR] [N]  guest instructions around the pc
  q                 quit (kills the program)
`;

const hex = (v: bigint | number, w = 16) => "0x" + BigInt.asUintN(64, BigInt(v)).toString(16).padStart(w, "0");

export class CommandDebugger implements Controller {
  private lastCmd = "";

  constructor(
    readonly t: DebugTarget,
    readonly io: DebuggerIo,
    readonly symbols?: SymbolTable,
  ) {}

  private out(s: string): void {
    this.io.write(s.endsWith("\n") ? s : s + "\n");
  }

  private where(pc: bigint): string {
    const n = Number(pc);
    const sym = this.symbols?.describe(n);
    const d = this.t.arch.disas(n, this.t.readMem, this.t.R);
    return `${hex(pc)}${sym ? ` <${sym}>` : ""}:  ${d ? d.text : "(unreadable)"}`;
  }

  private reasonText(r: StopReason): string {
    switch (r.kind) {
      case "start":
        return "stopped at the program's entry";
      case "breakpoint":
        return "breakpoint";
      case "watchpoint":
        return `watchpoint ${hex(r.addr, 0)} len ${r.len}: old ${Array.from(r.old, (b) => b.toString(16).padStart(2, "0")).join("")} new ${Array.from(r.now, (b) => b.toString(16).padStart(2, "0")).join("")}`;
      case "exception":
        return `exception: ${this.t.arch.excpName(r.excp)} (cause ${r.excp}); continuing delivers it to the program`;
      case "interrupt":
        return "interrupted";
      default:
        return "";
    }
  }

  opStepped(s: OpStep): void {
    this.out(formatOpStep(s));
  }

  stopped(ev: StopEvent, session: DebugSession): Command {
    const why = this.reasonText(ev.reason);
    if (why) this.out(`[${why}]`);
    const pos = session.stepper.position;
    this.out(`${this.where(ev.pc)}${pos ? `   [tb ${pos.tb}, op at ${pos.pc}]` : ""}`);
    for (;;) {
      const line = this.io.readLine("(tciemu) ");
      if (line === null) return { kind: "detach" };
      let cmdLine = line.trim();
      if (cmdLine === "") cmdLine = this.lastCmd;
      else this.lastCmd = cmdLine;
      if (cmdLine === "") continue;
      try {
        const r = this.execute(cmdLine, session);
        if (r) return r;
      } catch (e) {
        this.out(`error: ${(e as Error).message}`);
      }
    }
  }

  private addr(s: string | undefined): number {
    if (s === undefined) throw new Error("address expected");
    const sym = this.symbols?.byNameLookup(s);
    if (sym) return sym.addr;
    const pc = this.t.arch.getReg(this.t.R, s);
    if (pc !== undefined) return Number(BigInt.asUintN(64, pc));
    const v = Number(s.startsWith("0x") ? parseInt(s.slice(2), 16) : parseInt(s, 10));
    if (!Number.isFinite(v)) throw new Error(`bad address '${s}'`);
    return v;
  }

  /** Runs one command; returns a Command when it resumes the guest. */
  execute(line: string, session: DebugSession): Command | null {
    const st = session.stepper;
    const [cmd, ...args] = line.split(/\s+/);
    const count = () => (args[0] ? Math.max(1, parseInt(args[0], 10) || 1) : 1);
    switch (cmd) {
      case "si":
      case "stepi":
        return { kind: "stepi", count: count() };
      case "sop":
        return { kind: "stepop", count: count() };
      case "stb":
        return { kind: "steptb", count: count() };
      case "c":
      case "cont":
      case "continue":
        return { kind: "continue" };
      case "q":
      case "quit":
      case "kill":
        return { kind: "kill" };
      case "detach":
        return { kind: "detach" };
      case "b":
      case "break": {
        const a = this.addr(args[0]);
        st.addBreakpoint(a);
        this.out(`breakpoint at ${hex(a)}${this.symbols?.describe(a) ? ` <${this.symbols.describe(a)}>` : ""}`);
        return null;
      }
      case "d":
      case "delete":
        if (args[0] === undefined) st.clearBreakpoints();
        else if (!st.removeBreakpoint(this.addr(args[0]))) this.out("no breakpoint there");
        return null;
      case "w":
      case "watch": {
        const a = this.addr(args[0]);
        const len = args[1] ? parseInt(args[1], 0) || Number(args[1]) : 8;
        if (!st.addWatchpoint(a, len)) this.out("cannot read that memory");
        else this.out(`watchpoint on ${hex(a)} len ${len}`);
        return null;
      }
      case "info":
      case "i":
        this.info(args, session);
        return null;
      case "p":
      case "print":
        this.print(args[0], session);
        return null;
      case "disas":
      case "disassemble": {
        const pc = args[0] ? this.addr(args[0]) : Number(st.pc());
        const n = args[1] ? parseInt(args[1], 10) : 8;
        let a = pc;
        for (let i = 0; i < n; i++) {
          const d = this.t.arch.disas(a, this.t.readMem, this.t.R);
          if (!d) break;
          const sym = this.symbols?.describe(a);
          this.out(`${a === Number(st.pc()) ? "=> " : "   "}${hex(a)}${sym ? ` <${sym}>` : ""}:  ${d.text}`);
          a += d.len;
        }
        return null;
      }
      case "help":
      case "h":
      case "?":
        this.out(HELP);
        return null;
    }
    if (cmd.startsWith("x")) {
      this.examine(cmd, args[0]);
      return null;
    }
    this.out(`unknown command '${cmd}' (try help)`);
    return null;
  }

  private info(args: string[], session: DebugSession): void {
    const st = session.stepper;
    switch (args[0]) {
      case "reg":
      case "registers":
      case "r":
        if (args[1]) {
          const v = this.t.arch.getReg(this.t.R, args[1]);
          this.out(v === undefined ? `no register '${args[1]}'` : `${args[1]} ${hex(v)} ${BigInt.asIntN(64, v)}`);
        } else {
          let s = this.t.arch.dumpState(this.t.R, true);
          if (st.midTb)
            s = s.replace(
              /^ pc {7}[0-9a-f]+/,
              ` pc       ${BigInt.asUintN(64, st.pc()).toString(16).padStart(16, "0")} (mid-TB: registers as of the last op)`,
            );
          this.out(s);
        }
        return;
      case "b":
      case "break":
      case "breakpoints":
        for (const b of st.breakpoints)
          this.out(`breakpoint ${hex(b)}${this.symbols?.describe(b) ? ` <${this.symbols.describe(b)}>` : ""}`);
        for (const w of st.watchpoints) this.out(`watchpoint ${hex(w.addr)} len ${w.len}`);
        return;
      case "tb": {
        const l = st.currentTbListing();
        this.out(l.length ? l.join("\n") : "not inside a TB (sop enters the next one)");
        return;
      }
      case "temps": {
        const ts = st.temps();
        if (!ts.length) this.out("no TB temps here (not inside a TB, or the TB has none)");
        for (const t of ts)
          this.out(`${t.name.padEnd(8)} r${String(t.slot).padEnd(6)} ${hex(t.value, t.type ? 16 : 8)}${t.live ? "" : "  (not live)"}`);
        return;
      }
      case "jit":
        this.out(formatJitStats(jitStats(this.t.exec)));
        return;
    }
    this.out("info reg | info b | info tb | info temps | info jit");
  }

  private print(what: string | undefined, session: DebugSession): void {
    if (!what) throw new Error("what to print?");
    const st = session.stepper;
    const m = /^t(\d+)$/.exec(what);
    if (m) {
      const t = st.temps().find((x) => x.name === `tmp${m[1]}`);
      this.out(
        t ? `${what} = ${hex(t.value, t.type ? 16 : 8)} (r${t.slot})${t.live ? "" : " (not live)"}` : `no temp ${what} in the current TB`,
      );
      return;
    }
    // R slot N is rN, or RN where rN names a guest register (ARM's r0..r15)
    const r = /^R(\d+)$/.exec(what) ?? (this.t.arch.getReg(this.t.R, what) === undefined ? /^r(\d+)$/.exec(what) : null);
    if (r) {
      const s = +r[1];
      const R = this.t.R;
      if (s >= R.length) throw new Error("no such slot");
      this.out(`r${s} = ${hex(R[s] >>> 0, 8)}  (pair r${s}:r${s + 1} = ${hex((BigInt(R[s + 1] >>> 0) << 32n) | BigInt(R[s] >>> 0))})`);
      return;
    }
    const v = this.t.arch.getReg(this.t.R, what);
    if (v === undefined) throw new Error(`no register or temp '${what}'`);
    const shown = what.replace(/^\$/, "") === "pc" ? st.pc() : v;
    this.out(`${what} = ${hex(shown)} (${BigInt.asIntN(64, shown)})`);
  }

  private examine(cmd: string, where: string | undefined): void {
    const m = /^x(?:\/(\d*)([bhwg]?))?$/.exec(cmd);
    if (!m) throw new Error("x/N[bhwg] ADDR");
    const n = m[1] ? parseInt(m[1], 10) : 1;
    const size = { b: 1, h: 2, w: 4, g: 8, "": 4 }[m[2] as "b" | "h" | "w" | "g" | ""];
    const a = this.addr(where);
    const data = this.t.readMem(a, n * size);
    if (!data) throw new Error(`cannot access memory at ${hex(a)}`);
    const perLine = Math.max(1, 16 / size);
    for (let i = 0; i < n; i += perLine) {
      const parts: string[] = [];
      for (let j = i; j < Math.min(n, i + perLine); j++) {
        let v = 0n;
        for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(data[j * size + k]);
        parts.push("0x" + v.toString(16).padStart(size * 2, "0"));
      }
      this.out(`${hex(a + i * size)}:  ${parts.join(" ")}`);
    }
  }
}

/** A stepped op for display: the IR op(s), the bytecode with its words, inputs before, outputs after. */
export function formatOpStep(s: OpStep): string {
  if (s.tb < 0) return `  (no TB: ${s.stop?.kind ?? "?"})`;
  const lines: string[] = [];
  const head = `  tb ${s.tb} @${hex(s.insnPc, 0)}`;
  if (s.ops.length) for (const op of s.ops) lines.push(`${head} op ${op.index}: ${op.text}`);
  else lines.push(`${head}: (no IR for this TB)`);
  for (const b of s.bytecode)
    lines.push(
      `    ${b.pc.toString(16).padStart(8, "0")}:  ${b.words
        .map((w) => (w >>> 0).toString(16).padStart(8, "0"))
        .join(" ")
        .padEnd(44)} ${b.text}`,
    );
  const vals = (vs: typeof s.inputs) => vs.map((v) => `${v.name}=${v.value === null ? "?" : hex(v.value, v.bits / 4)}`).join(" ");
  if (s.inputs.length) lines.push(`    in:  ${vals(s.inputs)}`);
  if (s.outputs.length) lines.push(`    out: ${vals(s.outputs)}`);
  if (s.stop?.kind === "exception") lines.push(`    -> exception ${s.stop.excp}`);
  else if (s.tbDone) lines.push(`    -> TB exit${s.exitValue !== undefined ? ` (${s.exitValue})` : ""}`);
  else if (s.insnDone) lines.push(`    -> next guest instruction`);
  return lines.join("\n");
}
