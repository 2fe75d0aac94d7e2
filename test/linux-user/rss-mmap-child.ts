// Run by rss-mmap.test.ts in a Node process of its own: testdata/riscv/user/mmapchurn.elf maps,
// fills and unmaps memory for N rounds in one process, and this reports, as one JSON line, the
// host's RSS (after a GC) when a tenth of the rounds are done and at the end, the most it was at any
// "round" line in between, the kernel's physical pages in use and their high-water mark, the guest
// instructions executed and the guest's output.
import { readFileSync } from "node:fs";
import { NodeFs } from "../../src/cli/node-host.ts";
import { BufferHost } from "../../src/linux-user/host.ts";
import { SliceStop } from "../../src/linux-user/kernel.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";

const [path, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const host = new BufferHost(new Uint8Array(0), new NodeFs());
const p = new LinuxProcess(host, {});
p.load(new Uint8Array(readFileSync(path)), ["mmapchurn", roundsArg], [], path);
const dec = new TextDecoder();
const rss = () => {
  gc();
  return process.memoryUsage().rss;
};
const tenth = Math.max(10, Math.round(rounds / 100) * 10);
let rssAtTenth = 0;
let pagesAtTenth = 0;
let rssMax = 0;
let seen = 0;
for (;;) {
  const s = p.runSlice(1 << 22);
  if (s === SliceStop.Exit) break;
  if (s === SliceStop.Idle) p.kernel.waitIdle();
  const lines = dec.decode(host.stdout()).match(/^round \d+$/gm)?.length ?? 0;
  if (lines === seen) continue;
  seen = lines;
  const now = rss();
  if (!rssAtTenth && lines * 10 >= tenth) {
    rssAtTenth = now;
    pagesAtTenth = p.kernel.phys.inUse;
  } else if (rssAtTenth) rssMax = Math.max(rssMax, now);
}
process.stdout.write(
  JSON.stringify({
    out: dec.decode(host.stdout()),
    status: p.exitStatus,
    insns: p.cpu.exec.insns,
    rssAtTenth,
    rssMax,
    rssEnd: rss(),
    pagesAtTenth,
    pagesEnd: p.kernel.phys.inUse,
    highWater: p.kernel.phys.highWater,
  }) + "\n",
);
