// Guest MIPS with V8's JIT off (`node --jitless`: Ignition only, no Sparkplug/Maglev/TurboFan), the
// closest reproducible stand-in for browsers with the JIT disabled (Safari Lockdown Mode, hardened
// browsers): the demo through the CLI, next to the same run with the JIT on. Issue 17 asks for at
// least 10 MIPS here, and the Debian boot completing: --boot adds the boot of `--only boot`
// (tools/bench/jitless-boot.ts) under --jitless, about 1.4 G guest instructions, minutes at JIT-less
// speed, so it is off by default (`npm run bench -- --only jitless --jitless-boot`).
//
//   npx tsx tools/bench/jitless.ts [--boot]   (npm run bench -- --only jitless [--jitless-boot])
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../build/build.ts";
import { binFile } from "../build/bins.ts";
import { repoRoot } from "../debian/paths.ts";
import type { BootFigures } from "./debian-boot.ts";

interface Summary {
  insns: number;
  secs: number;
  mips: number;
  cpuSecs: number;
  cpuMips: number;
}

/** Runs `script` (a TypeScript file of the checkout) under node with `nodeFlags`, through tsx. */
function runTs(nodeFlags: string[], script: string[]) {
  const root = repoRoot();
  return spawnSync(process.execPath, [...nodeFlags, "--import", join(root, "node_modules", "tsx", "dist", "esm", "index.mjs"), ...script], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 16 << 20,
  });
}

/** The Debian boot to the shell under `node --jitless` (tools/bench/jitless-boot.ts), niced: it takes minutes. */
function runBoot(limitSecs: number): BootFigures {
  const root = repoRoot();
  const r = runTs(["--jitless"], [join(root, "tools", "bench", "jitless-boot.ts"), String(limitSecs)]);
  const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{"))
    throw new Error(`boot under node --jitless failed (exit ${r.status}): ${(r.stderr ?? "").slice(-800)}`);
  return JSON.parse(line) as BootFigures;
}

/**
 * The compiled CLI, built fresh into a scratch folder: what users run. (Through tsx the demo ran at
 * 3.6 MIPS JIT-less instead of 5.5: tsx leaves const enums as objects, so every `case Bc.x` of the
 * interpreter's switch is a property load that only an optimizing compiler folds away.)
 */
async function compiledCli(): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), "tciemu-jitless-dist-"));
  process.on("exit", () => rmSync(dist, { recursive: true, force: true }));
  await build(repoRoot(), ["lib"], dist, () => {});
  return join(dist, "lib", binFile("tciemu-riscv64"));
}

/** Runs the demo once with the given node flags; the CLI's --summary line gives the figures. */
function runDemo(nodeFlags: string[], cli: string): Summary {
  const root = repoRoot();
  const r = spawnSync(process.execPath, [...nodeFlags, cli, "--summary", join(root, "testdata", "riscv", "demo.elf")], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 16 << 20,
  });
  const m = /tciemu: ([\d,]+) guest instructions, .*?, ([\d.]+) s, ([\d.]+) MIPS \(CPU ([\d.]+) s, ([\d.]+) MIPS\)/.exec(r.stderr ?? "");
  if (r.status !== 0 || !m)
    throw new Error(`demo under node ${nodeFlags.join(" ")} failed (exit ${r.status}): ${(r.stderr ?? "").slice(-800)}`);
  return { insns: Number(m[1].replace(/,/g, "")), secs: Number(m[2]), mips: Number(m[3]), cpuSecs: Number(m[4]), cpuMips: Number(m[5]) };
}

export async function runJitlessBench(opts: { log?: (s: string) => void; boot?: boolean; bootLimitSecs?: number } = {}): Promise<void> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + "\n"));
  const cli = await compiledCli();
  const jit = runDemo([], cli);
  // Three JIT-less runs: their speed is bimodal (~3.5 or ~5.9 MIPS on the same instructions, from
  // run to run; README, "JIT-less, second pass").
  const runs = [0, 1, 2].map(() => runDemo(["--jitless"], cli));
  const jitless = [...runs].sort((a, b) => a.cpuMips - b.cpuMips)[1];
  log(
    `demo.elf (compiled CLI), ${jitless.insns.toLocaleString("en-US")} guest instructions, time inside the run (wall, and the process's CPU time):`,
  );
  log("| node | wall s | MIPS | CPU s | MIPS by CPU time |");
  log("|---|---:|---:|---:|---:|");
  for (const [what, s] of [["JIT on", jit], ...runs.map((r, i) => [`--jitless, run ${i + 1}`, r] as const)] as const)
    log(`| ${what} | ${s.secs.toFixed(2)} | ${s.mips.toFixed(1)} | ${s.cpuSecs.toFixed(2)} | ${s.cpuMips.toFixed(1)} |`);
  log(
    `\nJIT-less (the median run) / JIT (CPU time): ${(jitless.cpuMips / jit.cpuMips).toFixed(3)}; ${jitless.cpuMips.toFixed(1)} MIPS (issue 17: at least 10 MIPS JIT-less)`,
  );
  if (!opts.boot) {
    log("(the Debian boot under --jitless: add --jitless-boot to npm run bench, or --boot to this tool; it takes minutes)");
    return;
  }
  const limit = opts.bootLimitSecs ?? 1800;
  const b = runBoot(limit);
  log(`\nDebian kernel + OpenSBI to the initramfs shell under node --jitless (the boot of --only boot):`);
  log("| node | reached the shell | guest insns | wall s | MIPS | CPU s | MIPS by CPU time |");
  log("|---|---|---:|---:|---:|---:|---:|");
  log(
    `| --jitless | ${b.ok ? "yes" : `no (stopped after ${limit} s)`} | ${b.insns.toLocaleString("en-US")} | ${b.secs.toFixed(1)} | ${(b.insns / b.secs / 1e6).toFixed(1)} | ${b.cpuSecs.toFixed(1)} | ${(b.insns / b.cpuSecs / 1e6).toFixed(1)} |`,
  );
}

if (process.argv[1]?.endsWith("jitless.ts")) await runJitlessBench({ boot: process.argv.includes("--boot") });
