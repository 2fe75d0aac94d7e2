// Guest MIPS on the demo workload: Node (the embedding API) against the page in Chromium (the same
// code bundled, in a Web Worker), alternating, N runs each. Needs Debian's chromium.
//
//   npx tsx tools/web/bench.ts [runs]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createGuest } from "../../src/embed/index.ts";
import { buildWeb } from "./build.ts";
import { serveStatic } from "./serve.ts";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");

function nodeRun(elf: Uint8Array): number {
  const g = createGuest();
  g.loadElf(elf, ["demo"]);
  const t0 = performance.now();
  const r = g.run();
  return r.insns / (performance.now() - t0) / 1000;
}

const runs = Number(process.argv[2] ?? 3);
const elf = new Uint8Array(readFileSync(join(ROOT, "testdata/riscv/demo.elf")));
const out = mkdtempSync(join(tmpdir(), "tciemu-bench-"));
await buildWeb(out);
const site = await serveStatic(out);
const profile = mkdtempSync(join(tmpdir(), "tciemu-chromium-"));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
type Exits = { tciemu?: { exits: { stats: { mips: number } }[] } };
await page.goto(site.url);
const browser: number[] = [];
const node: number[] = [];
for (let i = 0; i < runs; i++) {
  if (i > 0) await page.click("#run-demo");
  await page.waitForFunction((n) => ((globalThis as unknown as Exits).tciemu?.exits.length ?? 0) > n, i, { timeout: 300_000 });
  browser.push(await page.evaluate((n) => (globalThis as unknown as Exits).tciemu!.exits[n].stats.mips, i));
  node.push(nodeRun(elf));
}
await ctx.close();
await site.close();
rmSync(out, { recursive: true, force: true });
rmSync(profile, { recursive: true, force: true });
const f = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(", ");
const best = (xs: number[]) => Math.max(...xs);
console.log(
  `demo.elf guest MIPS  Node: ${f(node)} (best ${best(node).toFixed(1)})  browser: ${f(browser)} (best ${best(browser).toFixed(1)})`,
);
console.log(`Node/browser (best) = ${(best(node) / best(browser)).toFixed(2)}`);
