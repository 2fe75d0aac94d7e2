// The demo through the package in every supported JavaScript host, timed inside run() by the host
// recipes of test/hosts/recipes/ (the same files the tests run): plain Node, Node after SES's
// lockdown() with the API in a Compartment (issue 18's goal: at most 1.3x plain Node), Deno with
// only --allow-read, Bun. Alternating runs, medians.
//
//   npx tsx tools/bench/hosts.ts [--runs N]          (npm run bench -- --only hosts)
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { makeConsumer, npmBinary, parseRecipeResult } from "../build/consumer.ts";

export async function runHostsBench(opts: { runs?: number; log?: (s: string) => void } = {}): Promise<void> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + "\n"));
  const runs = opts.runs ?? 3;
  const c = await makeConsumer();
  try {
    const hosts = [
      { what: "Node", argv: [process.execPath, "node.mjs", "demo.elf"] },
      { what: "Node + SES lockdown, API in a Compartment", argv: [process.execPath, "ses.mjs", "demo.elf"] },
      {
        what: "Deno (--allow-read=demo.elf only)",
        argv: [npmBinary("deno"), "run", "--no-prompt", "--no-lock", `--allow-read=${c.elf}`, "deno.mjs", c.elf],
      },
      { what: "Bun", argv: [npmBinary("bun"), "node.mjs", "demo.elf"] },
    ];
    const ms = hosts.map(() => [] as number[]);
    let insns = 0;
    for (let i = 0; i < runs; i++)
      hosts.forEach((h, k) => {
        const r = spawnSync(h.argv[0], h.argv.slice(1), { cwd: c.dir, encoding: "utf8", maxBuffer: 16 << 20 });
        const res = parseRecipeResult(r.stderr ?? "");
        if (r.status !== 0 || !res) throw new Error(`${h.what}: ${r.error ?? r.stderr}`);
        ms[k].push(res.ms);
        insns = res.insns;
      });
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const node = med(ms[0]);
    log(`demo.elf, ${insns.toLocaleString("en-US")} instructions (deterministic mode), ${runs} runs each, median time inside run():`);
    log("| host | ms | MIPS | x Node |");
    log("|---|---:|---:|---:|");
    hosts.forEach((h, k) => {
      const m = med(ms[k]);
      log(`| ${h.what} | ${m.toFixed(0)} | ${(insns / m / 1000).toFixed(1)} | ${(m / node).toFixed(2)} |`);
    });
  } finally {
    c.cleanup();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--runs");
  await runHostsBench({ runs: i >= 0 ? Number(process.argv[i + 1]) : undefined });
}
