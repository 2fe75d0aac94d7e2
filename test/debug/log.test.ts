// -d logging: QEMU's formats, checked against qemu-riscv64 10's own logs where both can be
// compared (guest code columns of in_asm, the instruction count derived from in_asm + exec), and
// against fixed layouts elsewhere.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { qemuFor, riscvTestdataDir } from "../../tools/debian/paths.ts";
import { ExecLogger, logHelp, parseDfilter, parseLogItems, type LogItem } from "../../src/debug/log.ts";
import { executableSymbols, linuxDebugTarget } from "../../src/debug/linux-user.ts";
import { newProcess, testElf } from "./harness.ts";
import { BC_WORDS, Bc } from "../../src/tci/opcodes.ts";
import { OP_MASK } from "../../src/tci/format.ts";

function logRun(prog: string, items: LogItem[], filter?: string): { log: string; insns: number; stdout: string } {
  const elf = testElf(prog);
  const { p, host } = newProcess(elf);
  const t = linuxDebugTarget(p);
  const parts: string[] = [];
  const logger = new ExecLogger(p.cpu.exec, {
    items: new Set(items),
    filter: filter ? parseDfilter(filter) : null,
    arch: t.arch,
    readMem: t.readMem,
    symbols: executableSymbols(elf),
    sink: { write: (s) => parts.push(s) },
  }).install();
  p.run();
  logger.finish();
  return { log: parts.join(""), insns: p.cpu.exec.insns, stdout: Buffer.from(host.stdout()).toString() };
}

/** tools/build-testdata.sh's `count`: instructions executed, from an in_asm + exec,nochain log. */
function countFromLog(log: string): { total: number; traces: number; tbs: Map<string, number> } {
  const key = (h: string) => h.replace(/^0x/, "").replace(/^0+/, "");
  const len = new Map<string, number>();
  let inTb = false,
    n = 0,
    start = "",
    total = 0,
    traces = 0;
  for (const line of log.split("\n")) {
    if (line.startsWith("IN:")) {
      inTb = true;
      n = 0;
      start = "";
    } else if (inTb && /^0x[0-9a-f]+:/.test(line)) {
      if (!start) start = key(line.slice(0, line.indexOf(":")));
      n++;
    } else if (inTb && line === "") {
      if (start) len.set(start, n);
      inTb = false;
    } else if (line.startsWith("Trace ")) {
      const m = /\/([0-9a-f]+)\//.exec(line)!;
      total += len.get(key(m[1])) ?? 0;
      traces++;
    }
  }
  return { total, traces, tbs: len };
}

function qemuLog(prog: string, items: string): string {
  const q = qemuFor(prog.replace(/^.*\//, "").replace(/\.elf$/, ""));
  if (!q) throw new Error("no qemu-riscv64: run 'bash tools/debian/fetch.sh qemu' or apt-get install qemu-user");
  const dir = mkdtempSync(join(tmpdir(), "tciemu-log-"));
  execFileSync(q.path, [...q.args, "-d", items, "-D", join(dir, "q.log"), join(riscvTestdataDir(), prog)], { maxBuffer: 64 << 20 });
  return readFileSync(join(dir, "q.log"), "latin1");
}

describe("-d items", () => {
  test("help and item parsing", () => {
    expect(logHelp()).toMatch(/^Log items \(comma separated\):\nout_asm {9}show generated host assembly code/);
    expect(logHelp()).toContain("\nnochain         do not chain compiled TBs");
    expect(parseLogItems(["in_asm,op", "exec"])).toEqual(new Set(["in_asm", "op", "exec"]));
    expect(parseLogItems(["help"])).toBe("help");
    expect(parseLogItems(["in_asm,bogus"])).toEqual({ unknown: "bogus" });
  });

  test("-dfilter ranges as QEMU parses them", () => {
    expect(parseDfilter("0x1000..0x2000")).toEqual([{ lo: 0x1000, hi: 0x2000 }]);
    expect(parseDfilter("0x1000+0x100,0x3000-0x10")).toEqual([
      { lo: 0x1000, hi: 0x10ff },
      { lo: 0x2ff1, hi: 0x3000 },
    ]);
    expect(() => parseDfilter("0x2000..0x1000")).toThrow("Bad range specifier");
    expect(() => parseDfilter("bad")).toThrow("Bad range specifier");
  });

  test("in_asm + exec,nochain count the same instructions as qemu's log, with the same guest code columns", { timeout: 120_000 }, () => {
    const ours = logRun("ext/rv64i.elf", ["in_asm", "exec", "nochain"]);
    const theirs = qemuLog("ext/rv64i.elf", "in_asm,exec,nochain");
    const a = countFromLog(ours.log),
      b = countFromLog(theirs);
    expect(a.total).toBe(b.total);
    expect(a.total).toBeGreaterThanOrEqual(ours.insns);
    // "0x000167b4:  00001197          ": address and instruction bits, column for column
    const cols = (log: string) =>
      new Set(
        log
          .split("\n")
          .filter((l) => /^0x[0-9a-f]+:/.test(l))
          .map((l) => l.slice(0, 30)),
      );
    expect(cols(ours.log)).toEqual(cols(theirs));
    // the first TB, symbol line included
    const first = (log: string) =>
      log
        .split("\n")
        .slice(0, 3)
        .map((l) => l.slice(0, 30));
    expect(first(ours.log)).toEqual(first(theirs));
    expect(ours.log.split("\n")[1]).toBe("IN: _start");
  });

  test("exec and cpu lines have QEMU's layout", () => {
    const { log } = logRun("ext/rv64c.elf", ["exec", "cpu", "fpu"]);
    const lines = log.split("\n");
    expect(lines[0]).toMatch(/^Trace 0: 0x[0-9a-f]+ \[00000000\/00000000000[0-9a-f]{5}\/[0-9a-f]{8}\/[0-9a-f]{8}\] _start$/);
    expect(lines[1]).toMatch(/^ pc {7}[0-9a-f]{16}$/);
    expect(lines[2]).toMatch(/^ x0\/zero {2}0{16} x1\/ra {4}[0-9a-f]{16} x2\/sp {4}[0-9a-f]{16} x3\/gp {4}[0-9a-f]{16}$/);
    expect(lines[9]).toMatch(/^ x28\/t3 {3}[0-9a-f]{16} x29\/t4 {3}[0-9a-f]{16} x30\/t5 {3}[0-9a-f]{16} x31\/t6 {3}[0-9a-f]{16}$/);
    expect(lines[10]).toMatch(/^ fcsr {5}[0-9a-f]{16}$/);
    expect(lines[11]).toMatch(/^ f0\/ft0 {3}[0-9a-f]{16} f1\/ft1/);
    expect(log).toMatch(/\nLinking TBs 0x[0-9a-f]+ index [01] -> 0x[0-9a-f]+\n/);
  });

  test("op, op_opt and out_asm of a TB; int lines for syscalls; -dfilter restricts to TBs in range", () => {
    const { log } = logRun("debug/gdbdemo.elf", ["in_asm", "op", "op_opt", "out_asm", "int"], "0x10120+0x1a");
    const tbs = log.split("----------------\n").slice(1);
    expect(tbs.length).toBe(1); // add_squares only
    const tb = tbs[0];
    expect(tb).toMatch(/^IN: add_squares\n0x00010120:  02a50533          mul {21}a0,a0,a0\n/);
    expect(tb).toContain("OP:\n tb_start $0x0,$0x0\n\n ---- 0000000000010120 0000000000000000\n mul_i64 x10/a0,x10/a0,x10/a0\n");
    expect(tb).toContain("OP after optimization and liveness analysis:\n");
    expect(tb).toMatch(/qemu_ld_i64 x15\/a5,x14\/a4-0x768,un\+leq,0/);
    // The TB starts with tb_start (its opcode is the first word's low OP_BITS), and each line shows
    // the instruction's words (src/tci/format.ts: mul_i64 is ^d(ss), two words).
    const first =
      /OUT: \[size=\d+\]\n {2}-- guest addr 0x0000000000010120 \+ tb prologue\n0x[0-9a-f]{8}: {2}([0-9a-f]{8}) .*tb_start 8,/.exec(tb);
    expect(first).not.toBeNull();
    expect(parseInt(first![1], 16) & OP_MASK).toBe(Bc.tb_start);
    const mulWords = " [0-9a-f]{8}".repeat(BC_WORDS[Bc.mul_i64]);
    expect(tb).toMatch(new RegExp(`\\n0x[0-9a-f]{8}: ${mulWords} +mul_i64 x10/a0, x10/a0, x10/a0\\n`));
    // int: the write and exit_group ecalls, not filtered (they are not TB logs)
    const ints = log.split("\n").filter((l) => l.startsWith("riscv_cpu_do_interrupt"));
    expect(ints.length).toBe(2);
    expect(ints[0]).toMatch(
      /^riscv_cpu_do_interrupt: hart:0, async:0, cause:0000000000000008, epc:0x00000000000[0-9a-f]{5}, tval:0x0{16}, desc=user_ecall$/,
    );
  });

  test("jit statistics", () => {
    const { log } = logRun("ext/rv64m.elf", ["jit"]);
    expect(log).toMatch(/^Translation buffer state:\ngen code size {7}\d+\/4194304 words/);
    expect(log).toMatch(/\nTB count {12}\d+ in cache, \d+ translated\n/);
    expect(log).toMatch(/\nTCG ops per insn {4}\d+\.\d before optimization, \d+\.\d after \(cold TBs: dead ops removed only\)\n/);
    expect(log).toMatch(/\nTB flush count {6}0\n/);
    // -d jit attaches no observer, so the cold tier is on: every TB is first translated unoptimized,
    // and each promotion is one more translation
    const translated = Number(/\nTB count {12}\d+ in cache, (\d+) translated\n/.exec(log)![1]);
    const tier = /\nTB cold tier {8}(\d+) translated unoptimized, (\d+) of them again after 1024 entries\n/.exec(log);
    expect(tier, log).not.toBeNull();
    const [cold, promoted] = [Number(tier![1]), Number(tier![2])];
    expect(cold).toBeGreaterThan(0);
    expect(cold + promoted).toBe(translated);
  });
});
