// Measures what the logging hooks cost when logging is off (not a vitest file; run it by hand):
//
//   npx tsx test/debug/log-overhead.ts [runs=5] [program=testdata/riscv/demo.elf]
//
// Three configurations of the same program, interleaved run by run, each run in a fresh Node
// process (so that one configuration's type feedback cannot slow down another's):
//   none       no observer attached: what every run without -d gets (the engine's null checks)
//   disabled   an observer with all four hooks installed, each returning at once (a logger that is
//              attached but has nothing enabled, the worst case of "installed but off")
//   logger     ExecLogger.install() with no items: attaches nothing, so it must equal "none"
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BufferHost } from "../../src/linux-user/host.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import type { ExecObserver } from "../../src/exec/cpu-exec.ts";
import { ExecLogger } from "../../src/debug/log.ts";
import { linuxDebugTarget } from "../../src/debug/linux-user.ts";

const runs = Number(process.argv[2] ?? 5);
const path = process.argv[3] ?? "testdata/riscv/demo.elf";
const elf = new Uint8Array(readFileSync(path));

type Mode = "none" | "disabled" | "logger";

interface Sample {
  /** Guest MIPS by wall-clock time and by the process's own CPU time (less sensitive to other load). */
  mips: number;
  cpuMips: number;
  insns: number;
  secs: number;
}

function once(mode: Mode): Sample {
  const host = new BufferHost();
  const p = new LinuxProcess(host, {});
  p.load(elf, ["prog"], []);
  const exec = p.cpu.exec;
  if (mode === "disabled") {
    const state = { on: false, n: 0 };
    const obs: ExecObserver = {
      opsBefore: () => {
        if (state.on) state.n++;
      },
      opsAfter: () => {
        if (state.on) state.n++;
      },
      encoded: () => {
        if (state.on) state.n++;
      },
      enterTb: () => {
        if (state.on) state.n++;
      },
    };
    exec.addObserver(obs);
  } else if (mode === "logger") {
    const t = linuxDebugTarget(p);
    new ExecLogger(exec, { items: new Set(), arch: t.arch, readMem: t.readMem, sink: { write: () => {} } }).install();
    if (exec.observed) throw new Error("a logger with no items must not attach an observer");
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = p.run();
  const c = process.cpuUsage(c0);
  const secs = (performance.now() - t0) / 1000;
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}`);
  return { mips: r.insns / secs / 1e6, cpuMips: r.insns / ((c.user + c.system) / 1e6) / 1e6, insns: r.insns, secs };
}

const modes: Mode[] = ["none", "disabled", "logger"];
if (process.env.LOG_OVERHEAD_CHILD) {
  const r = once(process.env.LOG_OVERHEAD_CHILD as Mode);
  console.log(JSON.stringify(r));
} else {
  const res: Record<Mode, Sample[]> = { none: [], disabled: [], logger: [] };
  for (let i = 0; i < runs; i++)
    for (const m of modes) {
      const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(runs), path], {
        env: { ...process.env, LOG_OVERHEAD_CHILD: m },
        encoding: "utf8",
      });
      const r = JSON.parse(out.trim().split("\n").pop()!) as Sample;
      res[m].push(r);
      process.stderr.write(
        `run ${i + 1} ${m.padEnd(9)} ${r.secs.toFixed(2)} s  ${r.mips.toFixed(1)} MIPS wall, ${r.cpuMips.toFixed(1)} MIPS cpu\n`,
      );
    }
  const med = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  const stat = (m: Mode, k: "mips" | "cpuMips") => ({ med: med(res[m].map((x) => x[k])), best: Math.max(...res[m].map((x) => x[k])) });
  const pct = (v: number, b: number) => `${v >= b ? "+" : ""}${(((v - b) / b) * 100).toFixed(1)}%`;
  for (const k of ["mips", "cpuMips"] as const) {
    const base = stat("none", k);
    console.log(k === "mips" ? "guest MIPS by wall-clock time:" : "guest MIPS by process CPU time:");
    for (const m of modes) {
      const v = stat(m, k);
      console.log(
        `  ${m.padEnd(9)} median ${v.med.toFixed(1)} (${pct(v.med, base.med)})  best ${v.best.toFixed(1)} (${pct(v.best, base.best)})`,
      );
    }
  }
}
