// tciemu's own ARM test programs (testdata/arm, sources and build script tools/build-testdata-arm.sh): A32
// and Thumb integer instructions with their flags, IT blocks, VFP arithmetic and conversions under every
// rounding mode with flush-to-zero and default-NaN, exclusives and the kuser helpers, unaligned accesses
// and their SIGBUS, signal frames and faults, self-modifying code, epoll/eventfd (ARM EABI's 16-byte
// epoll_event), and timers that fire (setitimer, POSIX timers). Each runs under trixie's qemu-arm and under tciemu (also without the optimizer and one instruction per block); stdout and the exit status
// must be byte-identical.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { armAbi, runElf } from "../../src/linux-user/index.ts";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const DIR = join(repoRoot(), "testdata", "arm");
const CPU = ["-cpu", "cortex-a15,neon=off,vfp-d32=off"];
/** name, arguments (vfp with an argument prints every round-to-nearest result, not just hashes) */
const PROGRAMS: [string, string[]][] = [
  ["alu-arm", []],
  ["alu-thumb", []],
  ["it", []],
  ["vfp-arm", ["all"]],
  ["vfp-thumb", []],
  ["excl", []],
  ["unaligned", []],
  ["signals", []],
  ["smc", []],
  ["epoll", []],
  ["timers", []],
];
const CONFIGS = [
  { name: "default", opts: {} },
  { name: "no-optimizer", opts: { optimize: false } },
  { name: "singlestep", opts: { singlestep: true } },
];

function qemu(elf: string, args: string[]): { stdout: Buffer; status: number | null } {
  const q = trixieQemuUser("arm");
  if (!q) throw new Error("qemu-arm (Debian trixie) is missing: bash tools/debian/fetch.sh qemu");
  const r = spawnSync(q, [...CPU, elf, ...args], { maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, status: r.status };
}

describe("testdata/arm programs match qemu-arm", () => {
  for (const [name, args] of PROGRAMS) {
    const path = join(DIR, `${name}.elf`);
    // the large table programs run once; the others also without the optimizer and one instruction per block
    for (const c of name.startsWith("alu") || name.startsWith("vfp") ? CONFIGS.slice(0, 1) : CONFIGS) {
      test(`${name} (${c.name})`, { timeout: 180_000 }, () => {
        if (!existsSync(path)) throw new Error(`${path} is missing: bash tools/build-testdata-arm.sh`);
        const expected = qemu(path, args);
        const r = runElf({ abi: armAbi, elf: new Uint8Array(readFileSync(path)), argv: [path, ...args], ...c.opts });
        const got = Buffer.from(r.stdout);
        if (!got.equals(expected.stdout)) {
          const a = expected.stdout.toString("latin1").split("\n");
          const b = got.toString("latin1").split("\n");
          const i = a.findIndex((l, k) => l !== b[k]);
          throw new Error(`${name}: output differs from qemu-arm at line ${i + 1}:\n  qemu-arm: ${a[i]}\n  tciemu:   ${b[i]}`);
        }
        expect(r.exitCode).toBe(expected.status);
        expect(expected.status).toBe(0);
      });
    }
  }
});
