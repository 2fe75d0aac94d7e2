// Run by rss.test.ts in a Node process of its own: testdata/riscv/user/forkexec.elf does N rounds
// of fork + execve + exit + wait4 in one kernel, and this reports, as one JSON line, the host's
// RSS (after a GC) when round 1000 is printed and at the end, the kernel's physical pages in use
// and their high-water mark, and the guest's output.
import { readFileSync } from "node:fs";
import { NodeFs } from "../../src/cli/node-host.ts";
import { BufferHost } from "../../src/linux-user/host.ts";
import { SliceStop } from "../../src/linux-user/kernel.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";

const [path, rounds] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const host = new BufferHost(new Uint8Array(0), new NodeFs());
const p = new LinuxProcess(host, {});
p.load(new Uint8Array(readFileSync(path)), ["forkexec", rounds], [], path);
const dec = new TextDecoder();
const rss = () => {
  gc();
  return process.memoryUsage().rss;
};
let rssAt1000 = 0;
let pagesAt1000 = 0;
const t0 = performance.now();
for (;;) {
  const s = p.runSlice(1 << 22);
  if (s === SliceStop.Exit) break;
  if (s === SliceStop.Idle) p.kernel.waitIdle();
  if (!rssAt1000 && dec.decode(host.stdout()).includes("round 1000\n")) {
    rssAt1000 = rss();
    pagesAt1000 = p.kernel.phys.inUse;
  }
}
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({
    out: dec.decode(host.stdout()),
    status: p.exitStatus,
    rssAt1000,
    rssEnd: rss(),
    pagesAt1000,
    pagesEnd: p.kernel.phys.inUse,
    highWater: p.kernel.phys.highWater,
    processesLeft: p.kernel.processes.size,
    msPerRound: ms / Number(rounds),
  }) + "\n",
);
