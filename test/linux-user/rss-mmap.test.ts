// Issue 17.6: a long run that maps and unmaps memory keeps the host's RSS flat. Our guest program
// testdata/riscv/user/mmapchurn.elf maps an anonymous region (64 KiB to 3.9 MiB), fills and sums
// it, unmaps it, and grows and shrinks the heap every 10 rounds: about 1.45 million guest
// instructions and up to 1,000 fresh guest pages a round. By default 100 rounds (~1.5 x 10^8
// instructions); `npm run test:rss-long` runs 700 (~10^9). It runs in a Node process of its own
// (rss-mmap-child.ts), which reads its RSS after a GC.
import { describe, expect, test } from "vitest";
import { runRssProbe } from "./rss-run.ts";

const ROUNDS = Number(process.env.TCIEMU_RSS_ROUNDS ?? 100);

describe("memory over a long run", () => {
  test(`${ROUNDS} rounds of mmap + fill + munmap (and brk) keep the RSS flat`, { timeout: 3_600_000 }, () => {
    const { stderr, m } = runRssProbe("rss-mmap-child.ts", "testdata/riscv/user/mmapchurn.elf", ROUNDS);
    expect(stderr).toBe("");
    expect(m.status).toEqual({ exitCode: 0 });
    expect(m.out.trimEnd().split("\n").at(-1)).toBe("done");
    expect(m.out.match(/^round \d+$/gm)).toHaveLength(Math.floor(ROUNDS / 10));
    expect(m.insns).toBeGreaterThan(ROUNDS * 1.4e6);
    // Guest memory: the pages of each unmapped region are back in the pool.
    expect(m.pagesEnd).toBeLessThanOrEqual(m.pagesAtTenth);
    // The pool's high-water mark is one region plus the heap and the program, not the sum of all rounds.
    expect(m.highWater).toBeLessThan(2500);
    // The host: after the first tenth of the run, the RSS grows by at most 24 MiB (V8's heap and
    // code settle; guest pages are reused from the free list, never newly committed).
    const mib = (x: number) => (x / 1048576).toFixed(1);
    const growth = (Math.max(m.rssMax, m.rssEnd) - m.rssAtTenth) / 1048576;
    expect(growth, `RSS ${mib(m.rssAtTenth)} -> max ${mib(m.rssMax)}, end ${mib(m.rssEnd)} MiB`).toBeLessThan(24);
  });
});
