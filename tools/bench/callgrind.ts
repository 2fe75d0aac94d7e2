// Deterministic cost of the interpreter: host instructions (valgrind's callgrind "Ir") per guest
// instruction on a Debian workload, with start-up, translation warm-up and V8's tier-up removed by
// subtracting a short run from a long one. Wall-clock time on a shared machine means nothing; this does.
//
//   npx tsx tools/bench/callgrind.ts [--only sha256sum,gzip,...] [--from 20e6] [--to 60e6]
//                                    [--node-flag --jitless ...] [--dir /tmp/tciemu-speed-slices]
//                                    [--arch riscv64|i386|arm]   (--guest too: the Debian programs of that guest)
//
// Each workload runs twice under `valgrind --tool=callgrind` (tools/bench/debian-slice.ts run), for
// `from` and `to` guest instructions; the result is (Ir(to) - Ir(from)) / (to - from), and Ir(from)
// alone is the cost of a short run with start-up. debian-slice.ts is bundled with esbuild into
// dist/bench/ first, so that tsx's transpiling is not measured, and node runs --single-threaded
// (V8 compiles on the main thread: the counts repeat within a few parts per thousand). Runs take
// minutes each (callgrind is ~50x slower than native): run it with nice.
import { spawnSync } from "node:child_process";
import { buildSync } from "esbuild";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../debian/paths.ts";
import { prepareSlice } from "./debian-slice.ts";
import { WORKLOADS } from "./workloads.ts";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = (opt("only") ?? WORKLOADS.map((w) => w.name).join(",")).split(",");
const from = Number(opt("from") ?? 20e6);
const to = Number(opt("to") ?? 60e6);
const dir = opt("dir") ?? "/tmp/tciemu-speed-slices";
const arch = opt("arch") ?? opt("guest") ?? "riscv64";
const nodeFlags: string[] = [];
for (let i = 0; i < args.length; i++) if (args[i] === "--node-flag") nodeFlags.push(args[++i]);

// The bundle sits two levels below the checkout, as the source does, so repoRoot() still finds it.
const slice = join(repoRoot(), "dist", "bench", "debian-slice.mjs");
buildSync({
  entryPoints: [join(repoRoot(), "tools", "bench", "debian-slice.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: slice,
  logLevel: "warning",
});

/** Ir of one run and the guest instructions it executed. */
function measure(name: string, insns: number, stdin: string | undefined): { ir: number; insns: number } {
  const tmp = mkdtempSync(join(tmpdir(), "tciemu-cg-"));
  const out = join(tmp, "callgrind.out");
  const inFd = stdin !== undefined && existsSync(stdin) ? openSync(stdin, "r") : "ignore";
  try {
    const r = spawnSync(
      "valgrind",
      [
        "--tool=callgrind",
        "--dump-instr=no",
        "--collect-jumps=no",
        `--callgrind-out-file=${out}`,
        process.execPath,
        "--single-threaded",
        ...nodeFlags,
        slice,
        "run",
        dir,
        name,
        String(insns),
        "--arch",
        arch,
      ],
      { stdio: [inFd, "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26 },
    );
    const m = /insns=(\d+)/.exec(r.stderr ?? "");
    const s = existsSync(out) ? /^summary: (\d+)/m.exec(readFileSync(out, "utf8")) : null;
    if (!m || !s) throw new Error(`${name}: callgrind run failed (exit ${r.status}): ${(r.stderr ?? "").slice(-2000)}`);
    return { ir: Number(s[1]), insns: Number(m[1]) };
  } finally {
    if (typeof inFd === "number") closeSync(inFd);
    rmSync(tmp, { recursive: true, force: true });
  }
}

const rows: string[] = [];
for (const name of only) {
  const inv = prepareSlice(dir, name);
  const a = measure(name, from, inv.stdin);
  const b = measure(name, to, inv.stdin);
  const per = (b.ir - a.ir) / (b.insns - a.insns);
  const line = `${name.padEnd(10)} Ir/insn ${per.toFixed(2).padStart(7)}   (Ir ${a.ir} @ ${a.insns}, ${b.ir} @ ${b.insns})`;
  process.stdout.write(line + "\n");
  rows.push(line);
}
