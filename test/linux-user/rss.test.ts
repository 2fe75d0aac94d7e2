// Memory is freed when processes exit: 10,000 rounds of fork + execve + exit + wait4 (our guest
// program testdata/riscv/user/forkexec.elf) in one kernel leave the host's RSS flat and the
// kernel's physical pages where they were, in a Node process of its own (rss-child.ts).
import { describe, expect, test } from "vitest";
import { runRssProbe } from "./rss-run.ts";

const ROUNDS = 10_000;

describe("memory at process exit", () => {
  test(`${ROUNDS} fork+exec+exit rounds keep the RSS flat`, { timeout: 900_000 }, () => {
    const { stderr, m } = runRssProbe("rss-child.ts", "testdata/riscv/user/forkexec.elf", ROUNDS);
    expect(stderr).toBe("");
    expect(m.status).toEqual({ exitCode: 0 });
    expect(m.out.trimEnd().split("\n").at(-1)).toBe("done");
    expect(m.out.match(/^round \d+$/gm)).toHaveLength(ROUNDS / 1000);
    expect(m.processesLeft).toBe(0);
    // Guest memory: every page a process had is back (the page cache keeps the program's file).
    expect(m.pagesEnd).toBeLessThanOrEqual(m.pagesAt1000);
    // The pool's high-water mark is a few processes' worth, not ten thousand.
    expect(m.highWater).toBeLessThan(2000);
    // The host: at most 24 MiB more after 9,000 more processes than after the first 1,000.
    const growth = (m.rssEnd - m.rssAt1000) / 1048576;
    expect(growth, `RSS ${(m.rssAt1000 / 1048576).toFixed(1)} -> ${(m.rssEnd / 1048576).toFixed(1)} MiB`).toBeLessThan(24);
  });
});
