// Start-up as a user meets it: `tciemu-riscv64 -L sysroot busybox true`, end to end, next to
// `node -e 0` measured in the same run (issue 17's targets: at most 3x the time, RSS within 40 MB),
// and where the time goes. The CLI is the compiled one (dist/lib, npm run build), started the way
// npm's bin link starts it (its #! line); `--tsx` adds the TypeScript source through tsx.
//
//   npx tsx tools/bench/startup.ts [--runs N] [--tsx]          (npm run bench -- --only startup)
//
// Wall times are medians and minimums over N alternating runs; max RSS comes from the kernel
// (getrusage of each child, read by a preload through NODE_OPTIONS, the same for every command).
// The phase breakdown runs the same steps as the CLI in one process (a bundle of
// tools/bench/startup-phases.ts built with the package's esbuild settings) and times each.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { build, CLI_FORMAT, ROOT } from "../build/build.ts";
import { binFile } from "../build/bins.ts";
import { sysrootDir } from "../debian/paths.ts";

export interface StartupRow {
  what: string;
  medianMs: number;
  minMs: number;
  /** user + system CPU time of the process (all its threads), median. */
  cpuMs: number;
  maxRssMiB: number;
}

// CommonJS (--require): an ES module preload (--import) would start Node's ES module loader in every
// process, which the CLIs, CommonJS files, do not otherwise load (tools/build/build.ts).
const PRELOAD = `const { appendFileSync } = require("node:fs");
process.on("exit", () => {
  const u = process.resourceUsage();
  appendFileSync(process.env.TCIEMU_RSS_OUT, u.maxRSS + " " + (u.userCPUTime + u.systemCPUTime) + "\\n");
});
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Times `cmds` (alternating, `runs` rounds), and in a second run of each (with a preload through
 * NODE_OPTIONS, the same for all) reads its peak RSS and CPU time from getrusage.
 */
function measure(cmds: { what: string; argv: string[] }[], runs: number, tmp: string): StartupRow[] {
  const preload = join(tmp, "rss-preload.cjs");
  writeFileSync(preload, PRELOAD);
  const times = cmds.map(() => [] as number[]);
  const cpu = cmds.map(() => [] as number[]);
  const rss = cmds.map(() => 0);
  for (let round = 0; round < runs; round++)
    cmds.forEach((c, i) => {
      const t0 = performance.now();
      const r = spawnSync(c.argv[0], c.argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
      times[i].push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`${c.argv.join(" ")}: status ${r.status}\n${r.stderr}`);
      // one more run with the preload (kept out of the wall times)
      const out = join(tmp, `rss-${i}`);
      rmSync(out, { force: true });
      spawnSync(c.argv[0], c.argv.slice(1), {
        stdio: "ignore",
        env: { ...process.env, NODE_OPTIONS: `--require=${preload}`, TCIEMU_RSS_OUT: out },
      });
      const [kib, us] = readFileSync(out, "utf8").trim().split(" ").map(Number);
      rss[i] = Math.max(rss[i], kib);
      cpu[i].push(us / 1000);
    });
  return cmds.map((c, i) => ({
    what: c.what,
    medianMs: median(times[i]),
    minMs: Math.min(...times[i]),
    cpuMs: median(cpu[i]),
    maxRssMiB: rss[i] / 1024,
  }));
}

/** The CLI's steps in one process, each timed (tools/bench/startup-phases.ts). */
async function phases(tmp: string, sysroot: string, runs: number): Promise<string[]> {
  const out = join(tmp, "phases.cjs");
  // Built as the CLIs are (one CommonJS file).
  await esbuild.build({
    ...CLI_FORMAT,
    absWorkingDir: ROOT,
    entryPoints: ["tools/bench/startup-phases.ts"],
    outfile: out,
    outExtension: {},
  });
  const rows: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [out, sysroot], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`startup-phases: ${r.stderr}`);
    for (const [k, v] of Object.entries(JSON.parse(r.stdout) as Record<string, number>)) (rows[k] ??= []).push(v);
  }
  return Object.entries(rows).map(([k, v]) => `| ${k} | ${median(v).toFixed(1)} |`);
}

export async function runStartupBench(opts: { runs?: number; tsx?: boolean; log?: (s: string) => void } = {}): Promise<StartupRow[]> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + "\n"));
  const runs = opts.runs ?? 10;
  const sysroot = sysrootDir();
  const busybox = join(sysroot, "bin/busybox");
  const tmp = mkdtempSync(join(tmpdir(), "tciemu-startup-"));
  try {
    // A fresh build in a scratch folder, so the numbers are the sources' (not a stale dist/).
    await build(ROOT, ["lib"], join(tmp, "dist"), () => {});
    const bin = join(tmp, "dist/lib", binFile("tciemu-riscv64"));
    const cmds = [
      { what: "node -e 0", argv: [process.execPath, "-e", "0"] },
      { what: "tciemu-riscv64 -version (loading only)", argv: [bin, "-version"] },
      { what: "tciemu-riscv64 -L sysroot busybox true", argv: [bin, "-L", sysroot, busybox, "true"] },
    ];
    if (opts.tsx)
      cmds.push({
        what: "the same through tsx (source)",
        argv: [process.execPath, "--import", "tsx", join(ROOT, "src/cli/riscv64-user.ts"), "-L", sysroot, busybox, "true"],
      });
    const rows = measure(cmds, runs, tmp);
    const node = rows[0];
    log(`node ${process.version}, load average ${loadavg()[0].toFixed(1)}, ${runs} runs each (alternating)`);
    log("| command | wall median ms | wall min ms | x node -e 0 | CPU ms (all threads) | x node -e 0 | max RSS MiB | RSS - node's |");
    log("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of rows)
      log(
        `| ${r.what} | ${r.medianMs.toFixed(0)} | ${r.minMs.toFixed(0)} | ${(r.medianMs / node.medianMs).toFixed(2)} | ` +
          `${r.cpuMs.toFixed(0)} | ${(r.cpuMs / node.cpuMs).toFixed(2)} | ${r.maxRssMiB.toFixed(1)} | ${(r.maxRssMiB - node.maxRssMiB).toFixed(1)} |`,
      );
    const cli = rows[2];
    log(
      `target (issue 17): <= 3x node -e 0 and RSS within 40 MB: ${(cli.medianMs / node.medianMs).toFixed(2)}x (min ${(cli.minMs / node.minMs).toFixed(2)}x, CPU ${(cli.cpuMs / node.cpuMs).toFixed(2)}x), +${(cli.maxRssMiB - node.maxRssMiB).toFixed(1)} MiB`,
    );
    log("\nWhere the time goes (one process, the CLI's steps; medians, ms):");
    log("| step | ms |");
    log("|---|---:|");
    for (const l of await phases(tmp, sysroot, Math.min(runs, 5))) log(l);
    return rows;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf("--runs");
  await runStartupBench({ runs: i >= 0 ? Number(args[i + 1]) : undefined, tsx: args.includes("--tsx") });
}
