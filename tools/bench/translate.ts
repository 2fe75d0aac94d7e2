// Translation speed: TBs translated per second by a cold process and by a warm one, on short
// Debian runs that translation dominates (issue 17.3). Each workload runs in one Node process
// several times, each time in a fresh LinuxProcess (its own empty code cache): the first round is
// what a user's first command costs (V8 has not compiled the translator yet: "cold"), the later
// rounds what the same translator costs once V8 has tiered it up ("warm"). Translation time is
// CpuExec.translateMs (guest bytes -> decoder -> TCG ops -> optimizer -> liveness -> encoder).
//
//   npx tsx tools/bench/translate.ts [--rounds N] [--bundle-only]     (npm run bench -- --only translate)
//
// The workload list runs in a bundle built with the package's esbuild settings (so tsx's transpiling
// is not measured), in a child node per list; every workload is also run cold in a child of its own.
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { NodeLinuxHost } from "../../src/cli/node-host.ts";
import { repoRoot, requireUserland, userlandDir } from "../debian/paths.ts";

export interface TranslateWorkload {
  name: string;
  /** Path inside the userland/sysroot, then its arguments. */
  program: string;
  args: string[];
}

/** Short runs that translation dominates: static busybox, a dynamically linked coreutils command, a shell script. */
export const TRANSLATE_WORKLOADS: TranslateWorkload[] = [
  { name: "busybox true", program: "bin/busybox", args: ["true"] },
  { name: "ls -l (dynamic coreutils)", program: "usr/bin/ls", args: ["-l", "/usr/lib/riscv64-linux-gnu"] },
  {
    name: "dash script (loop, case, arithmetic)",
    program: "usr/bin/dash",
    args: ["-c", 'i=0; s=""; while [ $i -lt 300 ]; do case $i in *7) s="$s$i";; esac; i=$((i+1)); done; echo ${#s}'],
  },
];

export interface TranslateRow {
  name: string;
  round: number;
  tbs: number;
  translateMs: number;
  runMs: number;
  /** CPU time of the run (user + system, all threads). */
  cpuMs: number;
  insns: number;
}

/** Runs each workload `rounds` times in this process, each in a fresh LinuxProcess. */
export function runTranslateRounds(workloads: TranslateWorkload[], rounds: number, root = userlandDir()): TranslateRow[] {
  const rows: TranslateRow[] = [];
  const readFile = (f: string) => {
    try {
      return new Uint8Array(readFileSync(f));
    } catch {
      return null;
    }
  };
  for (let round = 0; round < rounds; round++)
    for (const w of workloads) {
      const path = join(root, w.program);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const p = new LinuxProcess(new NodeLinuxHost(), { sysroot: root, readFile });
      p.cpu.exec.translationClock = () => performance.now();
      p.load(
        new Uint8Array(readFileSync(path)),
        [w.program.split("/").pop()!, ...w.args],
        ["PATH=/usr/bin:/bin", "LC_ALL=C"],
        realpathSync(path),
      );
      const r = p.run();
      if (r.exitCode !== 0) throw new Error(`${w.name}: exit ${r.exitCode}`);
      const e = p.cpu.exec;
      const c = process.cpuUsage(c0);
      const cpuMs = (c.user + c.system) / 1000;
      rows.push({
        name: w.name,
        round,
        tbs: e.tbs.translations,
        translateMs: e.translateMs,
        runMs: performance.now() - t0,
        cpuMs,
        insns: r.insns,
      });
    }
  return rows;
}

const MARK = "\n@@tciemu-translate@@";

function child(args: string[]): TranslateRow[] {
  const bundle = join(repoRoot(), "dist", "bench", "translate.mjs");
  const r = spawnSync(process.execPath, [bundle, "--child", ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`translate bench child: ${r.stderr}`);
  // The guests' output shares stdout with the result, which is the last line after a marker.
  return JSON.parse(r.stdout.slice(r.stdout.lastIndexOf(MARK) + MARK.length)) as TranslateRow[];
}

export async function runTranslateBench(opts: { rounds?: number; log?: (s: string) => void } = {}): Promise<void> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + "\n"));
  const rounds = opts.rounds ?? 4;
  requireUserland(); // dash and coreutils (throws with the fetch command when missing)
  // esbuild is imported here, not at the top, so that the bundle (which holds this file) runs without it.
  const { buildSync } = await import("esbuild");
  buildSync({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "es2022",
    outfile: join(repoRoot(), "dist", "bench", "translate.mjs"),
    external: ["esbuild"],
    logLevel: "warning",
  });
  const rate = (tbs: number, ms: number) => (ms > 0 ? ((tbs * 1000) / ms).toFixed(0) : "-");
  // On a shared machine the wall clock includes time the process was not running: the CPU-adjusted
  // figure scales translation's wall share of the run by the run's CPU time.
  const cpuTranslate = (r: TranslateRow) => (r.runMs > 0 ? (r.cpuMs * r.translateMs) / r.runMs : 0);
  log("TBs/s = TBs / time in translate(); CPU-adj. = the same with translation's share of the run's CPU time (shared machines)");
  log(
    "| workload | TBs | cold translate ms | cold TBs/s | CPU-adj. | cold run CPU ms | warm translate ms | warm TBs/s | CPU-adj. | warm run CPU ms |",
  );
  log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const sum = { coldTbs: 0, coldMs: 0, coldCpu: 0, warmTbs: 0, warmMs: 0, warmCpu: 0 };
  // Warm: the last of `rounds` rounds of the whole list in one node. Cold: each workload alone, first thing in a fresh node.
  const warmRows = child(["--rounds", String(rounds)]).filter((r) => r.round === rounds - 1);
  for (let i = 0; i < TRANSLATE_WORKLOADS.length; i++) {
    const cold = child(["--only", String(i), "--rounds", "1"])[0];
    const warm = warmRows[i];
    sum.coldTbs += cold.tbs;
    sum.coldMs += cold.translateMs;
    sum.coldCpu += cpuTranslate(cold);
    sum.warmTbs += warm.tbs;
    sum.warmMs += warm.translateMs;
    sum.warmCpu += cpuTranslate(warm);
    log(
      `| ${cold.name} | ${cold.tbs} | ${cold.translateMs.toFixed(0)} | ${rate(cold.tbs, cold.translateMs)} | ${rate(cold.tbs, cpuTranslate(cold))} | ` +
        `${cold.cpuMs.toFixed(0)} | ${warm.translateMs.toFixed(1)} | ${rate(warm.tbs, warm.translateMs)} | ${rate(warm.tbs, cpuTranslate(warm))} | ${warm.cpuMs.toFixed(0)} |`,
    );
  }
  log(
    `TBs translated per second: cold (first process) ${rate(sum.coldTbs, sum.coldMs)} (CPU-adj. ${rate(sum.coldTbs, sum.coldCpu)}), ` +
      `warm ${rate(sum.warmTbs, sum.warmMs)} (CPU-adj. ${rate(sum.warmTbs, sum.warmCpu)})`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n: string) => {
    const i = args.indexOf(`--${n}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (args.includes("--child")) {
    const only = opt("only");
    const list = only === undefined ? TRANSLATE_WORKLOADS : [TRANSLATE_WORKLOADS[Number(only)]];
    process.stdout.write(MARK + JSON.stringify(runTranslateRounds(list, Number(opt("rounds") ?? 1))) + "\n");
  } else await runTranslateBench({ rounds: opt("rounds") ? Number(opt("rounds")) : undefined });
}
