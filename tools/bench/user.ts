// User-mode benchmark (issue 4.7): real Debian programs (workloads.ts) of a
// guest (riscv64 by default, or armhf with --guest arm) under tciemu, QEMU's
// TCG interpreter (tools/qemu-tci/build.sh) and QEMU's JIT (trixie's
// qemu-user, tools/debian/fetch.sh qemu). The ARM guest runs every emulator
// with -cpu cortex-a15,neon=off,vfp-d32=off, the CPU tciemu implements.
//
//   npx tsx tools/bench/user.ts [--guest riscv64|arm] [--scale X] [--only name[,name...]]
//                               [--emulators tciemu,qemu-tci,qemu-jit]
//                               [--timeout SECONDS] [--json FILE] [--no-qemu-count]
//                               [--cpu-time]   (table and ratios on CPU seconds, not wall)
//                               [--tsx]        (tciemu from the sources through tsx, not a fresh build)
//                               [--short]      (the 1-3 s set of issue 17.3: short Debian runs, coreutils, dash)
//                               [--arch i386]  (Debian i386 programs: tciemu-i386, qemu-i386 -cpu qemu32,-sse3)
//
// The guest instruction count of each workload comes from tciemu's --summary
// line of its (timed) run: a correct emulator executes the same instructions
// for the same program and input, so one count serves all three. MIPS is that
// count over each emulator's wall-clock time (process start to exit, so
// tciemu's includes Node's start-up and loading the compiled CLI, built from
// the sources into a scratch folder at the start of the run; --tsx runs the
// TypeScript through tsx instead, about a second more).
// When tciemu does not complete a workload (or is not selected), the count
// comes from QEMU's bb plugin instead, if `tools/qemu-tci/build.sh counter`
// has been run; when both exist they are compared (they differ only by a few
// thousand start-up instructions: auxv, environment, vDSO).
//
// Every run's stdout and exit status are compared across emulators (qemu's
// JIT is the reference when it ran) and, where the workload has one, checked
// by the host (a hash computed by Node, a host decompression). A run whose
// output differs is reported as "mismatch" and gets no MIPS, so a broken run
// cannot produce a fast number.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot, sysrootDir, userlandDir, trixieQemuRiscv64, qemuRiscv64, trixieQemuUser } from "../debian/paths.ts";
import { qemuCountRiscv64, qemuTciFor, qemuTciRiscv64, type QemuCounter } from "../qemu-tci/paths.ts";
import { build, ROOT } from "../build/build.ts";
import { binFile, binOfSource } from "../build/bins.ts";
import { SHORT_WORKLOADS, WORKLOADS, envScale, type Invocation, type Workload } from "./workloads.ts";

export type Emulator = "tciemu" | "qemu-tci" | "qemu-jit";
/** The guests the benchmark runs: Debian riscv64 or armhf programs. */
export type BenchGuest = "riscv64" | "arm" | "i386";

interface GuestSpec {
  /** tciemu's CLI for the guest, relative to the repository. */
  cli: string;
  sysroot: string;
  /** The dynamic loader whose presence says the sysroot is there. */
  interp: string;
  /** Options every emulator gets (the ARM CPU model). */
  cpuArgs: string[];
  tci: string | undefined;
  jit: string | undefined;
  fetch: string;
}

function guestSpec(g: BenchGuest): GuestSpec {
  if (g === "i386")
    return {
      cli: "src/cli/i386-user.ts",
      sysroot: sysrootDir("i386"),
      interp: "lib/ld-linux.so.2",
      cpuArgs: ["-cpu", "qemu32,-sse3"],
      tci: qemuTciFor("i386"),
      jit: trixieQemuUser("i386"),
      fetch: "bash tools/debian/fetch.sh sysroot i386",
    };
  if (g === "arm")
    return {
      cli: "src/cli/arm-user.ts",
      sysroot: sysrootDir("armhf"),
      interp: "lib/ld-linux-armhf.so.3",
      cpuArgs: ["-cpu", "cortex-a15,neon=off,vfp-d32=off"],
      tci: qemuTciFor("arm"),
      jit: trixieQemuUser("arm"),
      fetch: "bash tools/debian/fetch.sh sysroot armhf",
    };
  return {
    cli: "src/cli/riscv64-user.ts",
    sysroot: sysrootDir(),
    interp: "lib/ld-linux-riscv64-lp64d.so.1",
    cpuArgs: [],
    tci: qemuTciRiscv64(),
    jit: trixieQemuRiscv64() ?? qemuRiscv64(),
    fetch: "bash tools/debian/fetch.sh sysroot",
  };
}
export const EMULATORS: readonly Emulator[] = ["tciemu", "qemu-tci", "qemu-jit"];

export interface EmuResult {
  emulator: Emulator;
  /**
   * ok: ran, exit 0, output verified. missing: emulator not installed.
   * failed: non-zero exit / crash / spawn error. timeout: killed.
   * mismatch: exited 0 but its output differs from the reference or fails the host check.
   */
  status: "ok" | "missing" | "failed" | "timeout" | "mismatch";
  /** Why the status is not ok (first lines of stderr, what differs, how to install). */
  detail?: string;
  /** Wall-clock seconds of the whole process (geometric mean in the geomean row). */
  seconds?: number;
  /** Guest MIPS: the workload's instruction count / seconds (only when ok and the count is known). */
  mips?: number;
  /**
   * CPU seconds (user + system) of the process and its children, from the
   * parent's cutime/cstime (Linux; 10 ms resolution). Less sensitive than the
   * wall clock to other load on the machine.
   */
  cpuSeconds?: number;
  /** The instruction count / cpuSeconds. */
  cpuMips?: number;
  exitCode?: number | null;
  /** sha256 of the guest's stdout. */
  outputSha256?: string;
  outputBytes?: number;
  /** tciemu only: the run time tciemu itself measured (excludes Node start-up and loading). */
  selfSeconds?: number;
}

export interface Row {
  workload: string;
  description: string;
  /** Input size note, e.g. "40.0 MiB". */
  input: string;
  /**
   * Guest instructions: from tciemu's --summary; when tciemu did not complete
   * (or was not asked for), from QEMU's bb plugin if `build.sh counter` was run.
   */
  insns?: number;
  insnsSource?: "tciemu" | "qemu-plugin";
  /** QEMU's own count (bb plugin, JIT), a cross-check of tciemu's; startup differs by a few thousand. */
  qemuInsns?: number;
  results: Partial<Record<Emulator, EmuResult>>;
  /**
   * tciemu speed relative to QEMU TCI: tciemu MIPS / TCI MIPS (= TCI seconds /
   * tciemu seconds, wall clock); > 1 means tciemu is faster.
   */
  tciemuVsTci?: number;
  /** tciemu speed relative to QEMU's JIT: tciemu MIPS / JIT MIPS (wall clock). */
  tciemuVsJit?: number;
  /** The same two ratios on CPU seconds (robust against other load on the machine). */
  cpuTciemuVsTci?: number;
  cpuTciemuVsJit?: number;
  /** The geometric-mean row (last): seconds, MIPS and ratios are geometric means over the workloads where they exist. */
  geomean?: boolean;
  /** Geomean row only: how many workloads each mean is over. */
  counts?: Partial<Record<Emulator | "tciemuVsTci" | "tciemuVsJit" | "cpuTciemuVsTci" | "cpuTciemuVsJit", number>>;
}

export interface UserBenchOptions {
  scale: number;
  emulators: Emulator[];
  log: (s: string) => void;
  /** Only these workloads (names from workloads.ts). */
  only?: string[];
  /** Per-run limit in seconds (default 1800 × max(scale, 1)). */
  timeoutSec?: number;
  /**
   * Also count instructions with QEMU's bb plugin (tools/qemu-tci/build.sh counter), when built:
   * the fallback count when tciemu does not complete, and a cross-check of tciemu's. Default true.
   */
  qemuCount?: boolean;
  /** The guest (default riscv64). */
  guest?: BenchGuest;
  /** Run tciemu from the TypeScript source through tsx instead of a fresh compiled build. */
  tsx?: boolean;
  /**
   * "debian" (default): the long-run set (workloads.ts WORKLOADS, from the sysroot); "short": the
   * 1-3 s programs of issue 17.3 (SHORT_WORKLOADS, from the userland: coreutils and dash too).
   */
  set?: "debian" | "short";
}

// ---------------------------------------------------------------------------
// Emulator command lines
// ---------------------------------------------------------------------------

interface Command {
  file: string;
  args: string[];
  /** What it is, for the log. */
  what: string;
}

type Resolver = (sysroot: string, program: string, args: string[]) => Command;

function tsxLoader(): string | undefined {
  const p = join(repoRoot(), "node_modules", "tsx", "dist", "loader.mjs");
  return existsSync(p) ? p : undefined;
}

/**
 * How to run each emulator, or a reason it is missing. tciemu runs as the compiled CLI in `libDir`
 * (a dist/lib built from the sources, what users run) when one is given, else from the TypeScript
 * source through tsx (which adds ~1 s of start-up and, transpiling file by file, no `const enum`
 * inlining across files).
 */
export function resolveEmulators(guest: BenchGuest = "riscv64", libDir?: string): Record<Emulator, Resolver | string> {
  const loader = tsxLoader();
  const spec = guestSpec(guest);
  const cli = join(repoRoot(), spec.cli);
  const tci = spec.tci;
  const jit = spec.jit;
  const cpu = spec.cpuArgs;
  const bin = binOfSource(basename(spec.cli));
  const compiled = libDir !== undefined && bin !== null ? join(libDir, binFile(bin)) : undefined;
  return {
    tciemu:
      compiled !== undefined
        ? !existsSync(compiled)
          ? `${compiled} not built`
          : (sysroot, program, args) => ({
              file: process.execPath,
              args: [compiled, "-L", sysroot, "--summary", program, ...args],
              what: `node dist/lib/${basename(compiled)} --summary (built from the sources for this run)`,
            })
        : loader === undefined
          ? "node_modules/tsx not installed (npm ci)"
          : !existsSync(cli)
            ? `${cli} not found`
            : (sysroot, program, args) => ({
                file: process.execPath,
                args: ["--import", pathToFileURL(loader).href, cli, "-L", sysroot, "--summary", program, ...args],
                what: `node --import tsx ${spec.cli} --summary`,
              }),
    "qemu-tci":
      tci === undefined
        ? "QEMU TCI build not found (run: bash tools/qemu-tci/build.sh)"
        : (sysroot, program, args) => ({ file: tci, args: [...cpu, "-L", sysroot, program, ...args], what: [tci, ...cpu].join(" ") }),
    "qemu-jit":
      jit === undefined
        ? `qemu-${guest} not found (run: bash tools/debian/fetch.sh qemu)`
        : (sysroot, program, args) => ({ file: jit, args: [...cpu, "-L", sysroot, program, ...args], what: [jit, ...cpu].join(" ") }),
  };
}

// ---------------------------------------------------------------------------
// One run
// ---------------------------------------------------------------------------

interface RunOutput {
  seconds: number;
  cpuSeconds: number | undefined;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  spawnError?: string;
  stdout: Buffer;
  stderr: string;
}

/**
 * The fixed environment every guest (and tciemu's Node) gets, so runs are comparable; plus the
 * CLI's TCIEMU_OPTIMIZE_AFTER_MS when set (src/cli/tiering.ts), to compare its settings.
 */
function guestEnv(dir: string): NodeJS.ProcessEnv {
  const tiering = process.env.TCIEMU_OPTIMIZE_AFTER_MS;
  return {
    PATH: "/usr/bin:/bin",
    HOME: dir,
    LC_ALL: "C",
    LANG: "C",
    TZ: "UTC",
    TERM: "dumb",
    ...(tiering ? { TCIEMU_OPTIMIZE_AFTER_MS: tiering } : {}),
  };
}

/**
 * CPU seconds (user + system) of this process's waited-for children so far:
 * cutime + cstime of /proc/self/stat. The runs are sequential, so the
 * difference around one run is that run's CPU time. Undefined off Linux.
 */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "latin1");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // f[0] is field 3 (state); cutime and cstime are fields 16 and 17
    return (Number(f[13]) + Number(f[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on every Linux port

function runOnce(cmd: Command, stdinFile: string | undefined, cwd: string, timeoutSec: number): Promise<RunOutput> {
  return new Promise((resolvePromise) => {
    const stdinFd = stdinFile !== undefined ? openSync(stdinFile, "r") : "ignore";
    const chunks: Buffer[] = [];
    let stderr = "";
    let timedOut = false;
    let settled = false;
    const cpu0 = childrenCpuSeconds();
    const t0 = performance.now();
    const child = spawn(cmd.file, cmd.args, { cwd, env: guestEnv(cwd), stdio: [stdinFd, "pipe", "pipe"] });
    const finish = (r: Omit<RunOutput, "seconds" | "cpuSeconds" | "stdout" | "stderr" | "timedOut">) => {
      if (settled) return;
      settled = true;
      const seconds = (performance.now() - t0) / 1000;
      const cpu1 = childrenCpuSeconds();
      clearTimeout(timer);
      if (typeof stdinFd === "number") closeSync(stdinFd);
      const cpuSeconds = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
      resolvePromise({ ...r, seconds, cpuSeconds, timedOut, stdout: Buffer.concat(chunks), stderr });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutSec * 1000);
    child.stdout!.on("data", (c: Buffer) => chunks.push(c));
    child.stderr!.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
      if (stderr.length > 1 << 16) stderr = stderr.slice(-(1 << 15));
    });
    child.on("error", (e) => finish({ exitCode: null, signal: null, spawnError: String(e) }));
    child.on("close", (code, signal) => finish({ exitCode: code, signal }));
  });
}

const SUMMARY_RE = /tciemu: ([\d,]+) guest instructions, [\d,]+ TBs translated, ([\d.]+) s/g;

function parseSummary(stderr: string): { insns: number; selfSeconds: number } | undefined {
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  SUMMARY_RE.lastIndex = 0;
  while ((m = SUMMARY_RE.exec(stderr)) !== null) last = m;
  if (last === undefined) return undefined;
  return { insns: Number(last[1].replace(/,/g, "")), selfSeconds: Number(last[2]) };
}

/** The first few meaningful lines of stderr (without tciemu's summary). */
function stderrGist(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("tciemu: "));
  const s = lines.slice(0, 3).join(" | ");
  return s.length > 300 ? s.slice(0, 297) + "..." : s;
}

/** Counts the workload's guest instructions with QEMU's bb plugin (JIT): untimed. */
async function countWithQemu(
  counter: QemuCounter,
  sysroot: string,
  program: string,
  inv: Invocation,
  dir: string,
  timeoutSec: number,
): Promise<{ insns: number; sha256: string; stdout: Buffer } | string> {
  const logFile = join(dir, ".qemu-plugin.log");
  const cmd: Command = {
    file: counter.qemu,
    args: ["-L", sysroot, "-plugin", `${counter.plugin},inline=on`, "-d", "plugin", "-D", logFile, program, ...inv.args],
    what: "qemu bb plugin",
  };
  const out = await runOnce(cmd, inv.stdin, dir, timeoutSec);
  if (out.spawnError !== undefined) return out.spawnError;
  if (out.timedOut) return "timeout";
  if (out.exitCode !== 0) return `exit ${out.exitCode ?? out.signal}: ${stderrGist(out.stderr)}`;
  let text = "";
  try {
    text = readFileSync(logFile, "utf8");
  } catch {
    return "no plugin log";
  }
  const m = /Total: bb's: \d+, insns: (\d+)/.exec(text) ?? /insns: (\d+)/.exec(text);
  if (m === null) return "no instruction count in the plugin log";
  return { insns: Number(m[1]), sha256: createHash("sha256").update(out.stdout).digest("hex"), stdout: out.stdout };
}

// ---------------------------------------------------------------------------
// Benchmark
// ---------------------------------------------------------------------------

function geomean(xs: number[]): number | undefined {
  const v = xs.filter((x) => Number.isFinite(x) && x > 0);
  if (v.length === 0) return undefined;
  return Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
}

const RUN_ORDER: Emulator[] = ["qemu-jit", "qemu-tci", "tciemu"]; // the JIT (reference) first: it takes seconds

async function benchWorkload(
  w: Workload,
  scale: number,
  emulators: Emulator[],
  resolvers: Record<Emulator, Resolver | string>,
  sysroot: string,
  timeoutSec: number,
  counter: QemuCounter | undefined,
  log: (s: string) => void,
): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), `tciemu-bench-${w.name}-`));
  try {
    const inv: Invocation = w.prepare(dir, scale);
    const program = join(sysroot, inv.program);
    const row: Row = { workload: w.name, description: w.description, input: inv.inputNote, results: {} };
    log(
      `${w.name}: ${inv.program} ${inv.args.map((a) => a.replace(dir + "/", "")).join(" ")}${inv.stdin ? " < " + inv.stdin.replace(dir + "/", "") : ""} (${inv.inputNote})`,
    );
    if (!existsSync(program)) {
      for (const e of emulators) row.results[e] = { emulator: e, status: "failed", detail: `${program} not in the sysroot` };
      return row;
    }
    const keys = new Map<Emulator, string>();
    for (const e of RUN_ORDER.filter((x) => emulators.includes(x))) {
      const res = resolvers[e];
      if (typeof res === "string") {
        row.results[e] = { emulator: e, status: "missing", detail: res };
        log(`  ${e}: missing — ${res}`);
        continue;
      }
      const cmd = res(sysroot, program, inv.args);
      const out = await runOnce(cmd, inv.stdin, dir, timeoutSec);
      const r: EmuResult = {
        emulator: e,
        status: "ok",
        seconds: out.seconds,
        cpuSeconds: out.cpuSeconds,
        exitCode: out.exitCode,
        outputSha256: createHash("sha256").update(out.stdout).digest("hex"),
        outputBytes: out.stdout.length,
      };
      if (e === "tciemu") {
        const s = parseSummary(out.stderr);
        if (s !== undefined) r.selfSeconds = s.selfSeconds;
        if (s !== undefined && out.exitCode === 0 && !out.timedOut) row.insns = s.insns;
      }
      if (out.spawnError !== undefined) {
        r.status = "failed";
        r.detail = out.spawnError;
      } else if (out.timedOut) {
        r.status = "timeout";
        r.detail = `killed after ${timeoutSec} s`;
      } else if (out.exitCode !== 0) {
        r.status = "failed";
        r.detail = `${out.signal !== null ? "signal " + out.signal : "exit " + out.exitCode}${stderrGist(out.stderr) ? ": " + stderrGist(out.stderr) : ""}`;
      } else if (inv.check !== undefined) {
        const bad = inv.check(out.stdout);
        if (bad !== undefined) {
          r.status = "mismatch";
          r.detail = `host check: ${bad}`;
        }
      }
      if (r.status === "ok") keys.set(e, r.outputSha256!);
      row.results[e] = r;
      log(
        `  ${e}: ${r.status} ${out.seconds.toFixed(2)} s (cpu ${out.cpuSeconds?.toFixed(2) ?? "?"} s)${r.detail ? " — " + r.detail : ""}`,
      );
    }
    // Cross-emulator check: everyone that exited 0 must agree with the reference.
    const ref = keys.get("qemu-jit") ?? keys.get("qemu-tci") ?? keys.get("tciemu");
    const refName = keys.has("qemu-jit") ? "qemu-jit" : keys.has("qemu-tci") ? "qemu-tci" : "tciemu";
    if (counter !== undefined) {
      const c = await countWithQemu(counter, sysroot, program, inv, dir, timeoutSec);
      if (typeof c === "string") log(`  qemu-plugin count: failed — ${c}`);
      else if (ref !== undefined && c.sha256 !== ref) log(`  qemu-plugin count: output differs from ${refName}'s; count not used`);
      else if (ref === undefined && inv.check !== undefined && inv.check(c.stdout) !== undefined)
        log(`  qemu-plugin count: output fails the host check; count not used`);
      else row.qemuInsns = c.insns;
    }
    for (const [e, k] of keys) {
      if (k !== ref) {
        const r = row.results[e]!;
        r.status = "mismatch";
        r.detail = `stdout differs from ${refName}'s (sha256 ${k.slice(0, 12)} vs ${ref!.slice(0, 12)}, ${r.outputBytes} vs ${row.results[refName]!.outputBytes} bytes)`;
        log(`  ${e}: MISMATCH — ${r.detail}`);
        if (e === "tciemu") row.insns = undefined;
      }
    }
    if (row.insns !== undefined) {
      row.insnsSource = "tciemu";
      if (row.qemuInsns !== undefined) {
        const rel = Math.abs(row.insns - row.qemuInsns) / row.qemuInsns;
        if (rel > 0.005)
          log(
            `  WARNING: tciemu counted ${row.insns.toLocaleString("en-US")} instructions, QEMU's plugin ${row.qemuInsns.toLocaleString("en-US")} (${(rel * 100).toFixed(2)}% apart)`,
          );
      }
    } else if (row.qemuInsns !== undefined) {
      row.insns = row.qemuInsns;
      row.insnsSource = "qemu-plugin";
    }
    if (row.insns !== undefined) {
      for (const r of Object.values(row.results)) {
        if (r.status !== "ok") continue;
        if (r.seconds! > 0) r.mips = row.insns / r.seconds! / 1e6;
        if (r.cpuSeconds !== undefined && r.cpuSeconds > 0) r.cpuMips = row.insns / r.cpuSeconds / 1e6;
      }
    }
    const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? a / b : undefined);
    const m = (e: Emulator) => row.results[e]?.mips;
    const c = (e: Emulator) => row.results[e]?.cpuMips;
    row.tciemuVsTci = ratio(m("tciemu"), m("qemu-tci"));
    row.tciemuVsJit = ratio(m("tciemu"), m("qemu-jit"));
    row.cpuTciemuVsTci = ratio(c("tciemu"), c("qemu-tci"));
    row.cpuTciemuVsJit = ratio(c("tciemu"), c("qemu-jit"));
    log(
      `  => ${row.insns !== undefined ? `${row.insns.toLocaleString("en-US")} insns (${row.insnsSource}); ` : "insns unknown (no verified count from tciemu or the qemu counter); "}` +
        emulators
          .map(
            (e) =>
              `${e} ${row.results[e]?.mips !== undefined ? row.results[e]!.mips!.toFixed(1) + " MIPS" : (row.results[e]?.status ?? "-")}`,
          )
          .join(", "),
    );
    return row;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function geomeanRow(rows: Row[], emulators: Emulator[]): Row {
  const g: Row = {
    workload: "geomean",
    description: "geometric mean over the workloads with a value",
    input: "",
    results: {},
    geomean: true,
    counts: {},
  };
  for (const e of emulators) {
    const ok = rows.map((r) => r.results[e]).filter((r): r is EmuResult => r?.status === "ok");
    const mipsList = ok.map((r) => r.mips).filter((x): x is number => x !== undefined);
    const all = rows.map((r) => r.results[e]);
    const status = ok.length > 0 ? "ok" : all.every((r) => r?.status === "missing") ? "missing" : "failed";
    g.results[e] = {
      emulator: e,
      status,
      seconds: geomean(ok.map((r) => r.seconds!)),
      mips: geomean(mipsList),
      cpuSeconds: geomean(ok.map((r) => r.cpuSeconds).filter((x): x is number => x !== undefined)),
      cpuMips: geomean(ok.map((r) => r.cpuMips).filter((x): x is number => x !== undefined)),
      detail: status === "missing" ? all[0]?.detail : undefined,
    };
    g.counts![e] = mipsList.length;
  }
  for (const k of ["tciemuVsTci", "tciemuVsJit", "cpuTciemuVsTci", "cpuTciemuVsJit"] as const) {
    const v = rows.map((r) => r[k]).filter((x): x is number => x !== undefined);
    g[k] = geomean(v);
    g.counts![k] = v.length;
  }
  return g;
}

/** Runs the user-mode benchmark set; the last row is the geometric mean. */
export async function runUserBench(opts: UserBenchOptions): Promise<Row[]> {
  const { scale, log } = opts;
  const emulators = EMULATORS.filter((e) => opts.emulators.includes(e));
  const only = opts.only;
  const set = opts.set === "short" ? SHORT_WORKLOADS : WORKLOADS;
  const workloads = only === undefined || only.length === 0 ? set : set.filter((w) => only.includes(w.name));
  if (only !== undefined) {
    const unknown = only.filter((n) => !set.some((w) => w.name === n));
    if (unknown.length > 0) throw new Error(`unknown workload(s) ${unknown.join(", ")}; have ${set.map((w) => w.name).join(", ")}`);
  }
  const timeoutSec = opts.timeoutSec ?? 1800 * Math.max(scale, 1);
  const guest = opts.guest ?? "riscv64";
  const spec = guestSpec(guest);
  if (opts.set === "short" && guest !== "riscv64") throw new Error("the short-run set is riscv64's (its userland)");
  const sysroot = opts.set === "short" ? userlandDir("riscv64") : spec.sysroot;
  // A fresh build in a scratch folder, so the figures are the sources' (not a stale dist/).
  let libDir: string | undefined;
  if (!opts.tsx && emulators.includes("tciemu")) {
    const dist = mkdtempSync(join(tmpdir(), "tciemu-bench-dist-"));
    process.on("exit", () => rmSync(dist, { recursive: true, force: true }));
    await build(ROOT, ["lib"], dist, () => {});
    libDir = join(dist, "lib");
  }
  const resolvers = resolveEmulators(guest, libDir);
  for (const e of emulators) {
    const r = resolvers[e];
    log(`${e}: ${typeof r === "string" ? "MISSING — " + r : r(sysroot, "PROGRAM", []).what}`);
  }
  const rows: Row[] = [];
  if (!existsSync(join(sysroot, spec.interp))) {
    const why = `no ${guest} sysroot at ${sysroot} (run: ${opts.set === "short" ? "bash tools/debian/fetch.sh userland" : spec.fetch})`;
    log(why);
    for (const w of workloads) {
      const row: Row = { workload: w.name, description: w.description, input: "", results: {} };
      for (const e of emulators) row.results[e] = { emulator: e, status: "missing", detail: why };
      rows.push(row);
    }
  } else {
    const load = loadavg()[0];
    const ncpu = cpus().length;
    log(`scale ${scale}, sysroot ${sysroot}, load average ${load.toFixed(2)} on ${ncpu} CPUs`);
    if (load > ncpu - 0.5) log(`WARNING: the machine is busy (load ${load.toFixed(2)} on ${ncpu} CPUs): wall-clock times will be inflated`);
    // QEMU's bb-plugin counter is built for riscv64 only; other guests count with tciemu
    const counter = opts.qemuCount === false || guest !== "riscv64" ? undefined : qemuCountRiscv64();
    if (counter === undefined && opts.qemuCount !== false && guest === "riscv64")
      log("qemu instruction counter: not built (bash tools/qemu-tci/build.sh counter); counts come from tciemu only");
    for (const w of workloads) rows.push(await benchWorkload(w, scale, emulators, resolvers, sysroot, timeoutSec, counter, log));
  }
  rows.push(geomeanRow(rows, emulators));
  return rows;
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

function fmtNum(x: number | undefined, digits: number): string {
  return x === undefined ? "-" : x.toFixed(digits);
}

function cell(r: EmuResult | undefined, what: "seconds" | "mips" | "cpuSeconds" | "cpuMips"): string {
  if (r === undefined) return "";
  if (r.status !== "ok" && r[what] === undefined) return r.status;
  return fmtNum(r[what], what === "seconds" || what === "cpuSeconds" ? 2 : 1);
}

/** A plain-text table of the rows (Markdown-compatible), plus notes for the runs that did not succeed. */
export function formatUserTable(rows: Row[], timeBase: "wall" | "cpu" = "wall"): string {
  const sk = timeBase === "cpu" ? "cpuSeconds" : "seconds";
  const mk = timeBase === "cpu" ? "cpuMips" : "mips";
  const unit = timeBase === "cpu" ? "cpu s" : "s";
  const emus = EMULATORS.filter((e) => rows.some((r) => r.results[e] !== undefined));
  const head = ["workload", "input", "guest insns", ...emus.flatMap((e) => [`${e} ${unit}`, `${e} MIPS`])];
  if (emus.includes("tciemu") && emus.includes("qemu-tci")) head.push("tciemu/TCI");
  if (emus.includes("tciemu") && emus.includes("qemu-jit")) head.push("tciemu/JIT");
  const body = rows.map((r) => {
    const c = [
      r.workload,
      r.input,
      r.insns !== undefined ? r.insns.toLocaleString("en-US") + (r.insnsSource === "qemu-plugin" ? "*" : "") : r.geomean ? "" : "?",
    ];
    for (const e of emus) c.push(cell(r.results[e], sk), cell(r.results[e], mk));
    if (head.includes("tciemu/TCI")) c.push(fmtNum(timeBase === "cpu" ? r.cpuTciemuVsTci : r.tciemuVsTci, 3));
    if (head.includes("tciemu/JIT")) c.push(fmtNum(timeBase === "cpu" ? r.cpuTciemuVsJit : r.tciemuVsJit, 4));
    return c;
  });
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (c: string[]) => "| " + c.map((x, i) => (i < 2 ? x.padEnd(w[i]) : x.padStart(w[i]))).join(" | ") + " |";
  const out = [
    line(head),
    "|" + w.map((n, i) => (i < 2 ? ":" : "") + "-".repeat(i < 2 ? n + 1 : n + 1) + (i < 2 ? "" : ":")).join("|") + "|",
    ...body.map(line),
  ];
  const notes: string[] = [];
  for (const r of rows) {
    if (r.geomean) continue;
    for (const e of emus) {
      const x = r.results[e];
      if (x !== undefined && x.status !== "ok") notes.push(`${r.workload} / ${e}: ${x.status}${x.detail ? " — " + x.detail : ""}`);
    }
  }
  const g = rows.find((r) => r.geomean);
  if (g?.counts) {
    const c = Object.entries(g.counts)
      .filter(([k]) =>
        EMULATORS.includes(k as Emulator)
          ? emus.includes(k as Emulator)
          : (timeBase === "cpu") === k.startsWith("cpu") && head.includes(/Jit$/.test(k) ? "tciemu/JIT" : "tciemu/TCI"),
      )
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    out.push(
      "",
      `geomean MIPS/ratios over the workloads that have them (${c}); ratios are tciemu MIPS / other MIPS (>1 = tciemu faster); times are ${timeBase === "cpu" ? "CPU (user+sys)" : "wall-clock"} seconds.`,
    );
  }
  if (rows.some((r) => r.insnsSource === "qemu-plugin"))
    out.push("* instruction count from QEMU's bb plugin (tciemu did not run or complete that workload)");
  if (notes.length > 0) out.push("", ...notes);
  return out.join("\n");
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

function parseCli(argv: string[]): UserBenchOptions & { json?: string; timeBase: "wall" | "cpu" } {
  let scale = envScale();
  let only: string[] | undefined;
  let emulators: Emulator[] = [...EMULATORS];
  let timeoutSec: number | undefined;
  let json: string | undefined;
  let qemuCount = true;
  let timeBase: "wall" | "cpu" = "wall";
  let guest: BenchGuest = "riscv64";
  let tsx = false;
  let set: "debian" | "short" = "debian";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--scale") scale = Number(val());
    else if (a === "--guest" || a === "--arch") {
      const g = val();
      if (g !== "riscv64" && g !== "arm" && g !== "i386") throw new Error(`${a} must be riscv64, arm or i386 (got ${g})`);
      guest = g;
    } else if (a === "--only") only = (only ?? []).concat(val().split(",").filter(Boolean));
    else if (a === "--emulators") emulators = val().split(",").filter(Boolean) as Emulator[];
    else if (a === "--timeout") timeoutSec = Number(val());
    else if (a === "--json") json = val();
    else if (a === "--no-qemu-count") qemuCount = false;
    else if (a === "--cpu-time") timeBase = "cpu";
    else if (a === "--tsx") tsx = true;
    else if (a === "--short") set = "short";
    else if (a === "-h" || a === "--help") {
      process.stdout.write(
        "usage: npx tsx tools/bench/user.ts [--guest riscv64|arm|i386] [--scale X] [--only name[,name]] [--emulators tciemu,qemu-tci,qemu-jit] [--timeout S] [--json FILE] [--no-qemu-count] [--cpu-time] [--tsx] [--short]\n" +
          `workloads: ${WORKLOADS.map((w) => w.name).join(", ")}\nwith --short: ${SHORT_WORKLOADS.map((w) => w.name).join(", ")}\n`,
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(scale > 0)) throw new Error("--scale must be a positive number");
  for (const e of emulators) if (!EMULATORS.includes(e)) throw new Error(`unknown emulator ${e}; have ${EMULATORS.join(", ")}`);
  return { scale, only, emulators, timeoutSec, json, qemuCount, timeBase, guest, tsx, set, log: (s) => process.stderr.write(s + "\n") };
}

async function cli(): Promise<void> {
  const o = parseCli(process.argv.slice(2));
  const rows = await runUserBench(o);
  process.stdout.write(formatUserTable(rows, o.timeBase) + "\n");
  if (o.json !== undefined)
    writeFileSync(o.json, JSON.stringify({ scale: o.scale, timeBase: o.timeBase, loadavg: loadavg(), rows }, null, 2) + "\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  cli().catch((e: unknown) => {
    process.stderr.write(`user bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  });
}
