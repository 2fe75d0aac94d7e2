// Guest MIPS with V8's JIT off (`node --jitless`: Ignition only, no Sparkplug/Maglev/TurboFan), the
// closest reproducible stand-in for browsers with the JIT disabled (Safari Lockdown Mode, hardened
// browsers): the demo through the CLI, next to the same run with the JIT on. Issue 17 asks for at
// least 10 MIPS here.
//
//   npx tsx tools/bench/jitless.ts            (npm run bench -- --only jitless)
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../debian/paths.ts";

interface Summary {
  insns: number;
  secs: number;
  mips: number;
  cpuSecs: number;
  cpuMips: number;
}

/** Runs the demo once with the given node flags; the CLI's --summary line gives the figures. */
function runDemo(nodeFlags: string[]): Summary {
  const root = repoRoot();
  const r = spawnSync(
    process.execPath,
    [
      ...nodeFlags,
      "--import",
      join(root, "node_modules", "tsx", "dist", "esm", "index.mjs"),
      join(root, "src", "cli", "riscv64-user.ts"),
      "--summary",
      join(root, "testdata", "riscv", "demo.elf"),
    ],
    { cwd: root, encoding: "utf8", maxBuffer: 16 << 20 },
  );
  const m = /tciemu: ([\d,]+) guest instructions, .*?, ([\d.]+) s, ([\d.]+) MIPS \(CPU ([\d.]+) s, ([\d.]+) MIPS\)/.exec(r.stderr ?? "");
  if (r.status !== 0 || !m)
    throw new Error(`demo under node ${nodeFlags.join(" ")} failed (exit ${r.status}): ${(r.stderr ?? "").slice(-800)}`);
  return { insns: Number(m[1].replace(/,/g, "")), secs: Number(m[2]), mips: Number(m[3]), cpuSecs: Number(m[4]), cpuMips: Number(m[5]) };
}

export function runJitlessBench(opts: { log?: (s: string) => void } = {}): void {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + "\n"));
  const jit = runDemo([]);
  const jitless = runDemo(["--jitless"]);
  log(`demo.elf, ${jitless.insns.toLocaleString("en-US")} guest instructions, time inside the run (wall, and the process's CPU time):`);
  log("| node | wall s | MIPS | CPU s | MIPS by CPU time |");
  log("|---|---:|---:|---:|---:|");
  for (const [what, s] of [
    ["JIT on", jit],
    ["--jitless", jitless],
  ] as const)
    log(`| ${what} | ${s.secs.toFixed(2)} | ${s.mips.toFixed(1)} | ${s.cpuSecs.toFixed(2)} | ${s.cpuMips.toFixed(1)} |`);
  log(`\nJIT-less / JIT (CPU time): ${(jitless.cpuMips / jit.cpuMips).toFixed(3)} (issue 17: at least 10 MIPS JIT-less)`);
}

if (process.argv[1]?.endsWith("jitless.ts")) runJitlessBench();
