// Runs one of the RSS probes (rss-child.ts, rss-mmap-child.ts) on a guest program in a Node process
// of its own, with the GC exposed so the probe can read its RSS after a collection, and returns the
// probe's last output line (its JSON measurements) with the process's stderr.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../../tools/debian/paths.ts";

export function runRssProbe(probe: string, program: string, rounds: number): { stderr: string; m: Record<string, any> } {
  const root = repoRoot();
  const r = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(root, "test/linux-user", probe), join(root, program), `${rounds}`],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 16 << 20,
    },
  );
  return { stderr: r.stderr, m: JSON.parse(r.stdout.trim().split("\n").pop()!) };
}
