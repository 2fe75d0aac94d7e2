// The per-extension checkpoint programs in testdata/riscv (and the demo) run under tciemu and under
// Debian's qemu-riscv64; their output (register dumps at every checkpoint, memory checksums) must be
// byte-identical. Each program is run in three configurations of the core so the optimizer and the
// i64 lowering are covered too.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { qemuFor, riscvTestdataDir } from "../../tools/debian/paths.ts";
import { runElf } from "../../src/linux-user/index.ts";

const PROGRAMS = ["rv64i", "rv64m", "rv64a", "rv64f", "rv64d", "rv64c", "zicsr", "zba", "zbb", "zbs", "zicond", "smc"];
const CONFIGS = [
  { name: "default", opts: {} },
  { name: "no-optimizer", opts: { optimize: false } },
  { name: "singlestep", opts: { singlestep: true } },
];

function oracle(name: string, elfPath: string): Buffer {
  const q = qemuFor(name);
  if (!q) throw new Error(`no qemu-riscv64 that can run ${name}: run 'bash tools/debian/fetch.sh qemu'`);
  return execFileSync(q.path, [...q.args, elfPath], { maxBuffer: 64 << 20 });
}

describe("testdata programs match qemu-riscv64", () => {
  for (const name of [...PROGRAMS, "demo"]) {
    const path = name === "demo" ? join(riscvTestdataDir(), "demo.elf") : join(riscvTestdataDir(), "ext", `${name}.elf`);
    const configs = name === "demo" ? CONFIGS.slice(0, 1) : CONFIGS;
    for (const c of configs) {
      test(`${name} (${c.name})`, { timeout: 120_000 }, () => {
        const expected = oracle(name, path);
        const r = runElf({ elf: new Uint8Array(readFileSync(path)), argv: [path], ...c.opts });
        expect(r.exitCode).toBe(0);
        const got = Buffer.from(r.stdout);
        if (!got.equals(expected)) {
          const a = expected.toString("latin1").split("\n");
          const b = got.toString("latin1").split("\n");
          const i = a.findIndex((l, k) => l !== b[k]);
          throw new Error(`${name}: output differs from qemu at line ${i + 1}:\n  qemu:   ${a[i]}\n  tciemu: ${b[i]}`);
        }
      });
    }
  }
});
