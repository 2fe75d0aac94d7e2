// Runs a Debian program (riscv64 by default; armhf or i386 with their ABI, and qemu's -cpu) under tciemu (in-process:
// LinuxProcess with the host file system and in-memory stdio) and under Debian's qemu-user with the
// same -L sysroot, in a temp dir.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as os from "node:os";
import { dirname, join } from "node:path";
import { hasSysroot, qemuRiscv64, sysrootDir } from "../../tools/debian/paths.ts";
import { BufferHost } from "../../src/linux-user/host.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import type { LinuxAbi } from "../../src/linux-user/abi.ts";
import { hostCapabilities, hostGroups, NodeFs } from "../../src/cli/node-host.ts";
import { utf8ToByteString } from "../../src/linux-user/bytes.ts";

export interface Case {
  name: string;
  /** Guest argv; argv[0] is a path inside the sysroot ("/usr/bin/busybox"). */
  argv: string[];
  stdin?: string | Uint8Array;
  /** Files to create in the temp dir before running (relative paths). */
  files?: Record<string, string | Uint8Array>;
  /** Compare these files in the temp dir after the run too. */
  outputs?: string[];
  /** Run with -strace in tciemu? (no: for debugging only) */
}

export interface Outcome {
  stdout: Buffer;
  stderr: Buffer;
  status: number;
  files: Record<string, Buffer | null>;
  insns?: number;
  ms: number;
}

/** 2024-01-02 03:04:05 UTC, the mtime of every input file. */
const FIXED_TIME = 1704164645;

export const ENV = ["PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C", "TERM=dumb"];

export function requireTools(): { qemu: string; sysroot: string } {
  if (!hasSysroot()) throw new Error(`no riscv64 Debian sysroot at ${sysrootDir()}: run 'bash tools/debian/fetch.sh sysroot'`);
  const qemu = qemuRiscv64();
  if (!qemu) throw new Error("no qemu-riscv64 to compare with: run 'bash tools/debian/fetch.sh qemu'");
  return { qemu, sysroot: sysrootDir() };
}

function setup(c: Case): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "tciemu-lu-")));
  for (const [rel, data] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), data);
    utimesSync(join(dir, rel), FIXED_TIME, FIXED_TIME); // archives record it
  }
  // directories too (deepest first, then the temp dir), for listings such as ls -la
  const dirs = new Set<string>();
  for (const rel of Object.keys(c.files ?? {})) for (let d = dirname(rel); d !== "."; d = dirname(d)) dirs.add(d);
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) utimesSync(join(dir, d), FIXED_TIME, FIXED_TIME);
  utimesSync(dir, FIXED_TIME, FIXED_TIME);
  return dir;
}

function collect(c: Case, dir: string): Record<string, Buffer | null> {
  const r: Record<string, Buffer | null> = {};
  for (const f of c.outputs ?? []) r[f] = existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : null;
  return r;
}

/** Runs a case under qemu-user; `qemuArgs` go before -L (e.g. ["-cpu", "..."]). */
export function runQemu(c: Case, qemu: string, sysroot: string, qemuArgs: string[] = []): Outcome {
  const dir = setup(c);
  try {
    const t0 = performance.now();
    const prog = sysroot + c.argv[0];
    const r = spawnSync(qemu, [...qemuArgs, "-L", sysroot, prog, ...c.argv.slice(1)], {
      cwd: dir,
      input: c.stdin ?? "",
      env: Object.fromEntries(ENV.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)])),
      maxBuffer: 256 << 20,
    });
    if (r.error) throw r.error;
    const status = r.status ?? 128 + (os.constants.signals[r.signal as keyof typeof os.constants.signals] ?? 0);
    return { stdout: r.stdout, stderr: r.stderr, status, files: collect(c, dir), ms: performance.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

class TestHost extends BufferHost {
  readonly uid = process.getuid?.() ?? 0;
  readonly gid = process.getgid?.() ?? 0;
  readonly groups = hostGroups();
  /** The test process's capabilities, as NodeLinuxHost (qemu-user's guest has its own process's). */
  readonly capabilities = hostCapabilities();
  readonly cpus = os.availableParallelism();
  /** The host's nice value, as NodeLinuxHost (qemu-user's guest has its own process's: the test's). */
  readonly nice = os.getPriority();
  readonly uname = { sysname: os.type(), nodename: os.hostname(), release: os.release(), version: os.version(), domainname: "(none)" };
  sleepNs(ns: bigint): void {
    const ms = Number(ns / 1_000_000n);
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }
}

/** Runs a case under tciemu; `abi` chooses the guest (default riscv64); `strace`: to stderr, or to a function. */
export function runTciemu(c: Case, sysroot: string, opts: { strace?: boolean | ((line: string) => void); abi?: LinuxAbi } = {}): Outcome {
  const dir = setup(c);
  try {
    const t0 = performance.now();
    const prog = sysroot + c.argv[0];
    const stdin = typeof c.stdin === "string" ? new TextEncoder().encode(c.stdin) : (c.stdin ?? new Uint8Array(0));
    const host = new TestHost(stdin, new NodeFs(dir));
    const p = new LinuxProcess(host, {
      ...(opts.abi ? { abi: opts.abi } : {}),
      sysroot: utf8ToByteString(sysroot),
      readFile: (f) => {
        try {
          return new Uint8Array(readFileSync(f));
        } catch {
          return null;
        }
      },
    });
    if (typeof opts.strace === "function") p.sys.trace = opts.strace;
    else if (opts.strace) p.sys.trace = (l) => process.stderr.write(l + "\n");
    // The kernel's names, arguments and environment are byte strings: the text's UTF-8, as spawnSync gives qemu.
    const b = utf8ToByteString;
    p.load(new Uint8Array(readFileSync(prog)), [prog, ...c.argv.slice(1)].map(b), ENV.map(b), b(realpathSync(prog)), b(prog));
    const r = p.run();
    return {
      stdout: Buffer.from(host.stdout()),
      stderr: Buffer.from(host.stderr()),
      status: r.exitCode,
      files: collect(c, dir),
      insns: r.insns,
      ms: performance.now() - t0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A readable description of the first difference, or null when identical. */
export function diff(a: Outcome, b: Outcome): string | null {
  const show = (x: Buffer) => JSON.stringify(x.toString("latin1").slice(0, 600));
  // Two outputs from a little before their first difference, so that a long one shows where it differs.
  const around = (x: Buffer, y: Buffer) => {
    let i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    const from = Math.max(0, x.lastIndexOf(10, Math.max(0, i - 1)) + 1);
    const at = from > 0 ? ` (from byte ${from})` : "";
    const part = (z: Buffer) => JSON.stringify(z.subarray(from, from + 600).toString("latin1"));
    return `${at}:\n  qemu:   ${part(x)}\n  tciemu: ${part(y)}`;
  };
  if (a.status !== b.status)
    return `exit status: qemu ${a.status}, tciemu ${b.status}\n  qemu stderr: ${show(a.stderr)}\n  tciemu stderr: ${show(b.stderr)}`;
  if (!a.stdout.equals(b.stdout)) return `stdout differs${around(a.stdout, b.stdout)}`;
  if (!a.stderr.equals(b.stderr)) return `stderr differs${around(a.stderr, b.stderr)}`;
  for (const f of Object.keys(a.files)) {
    const x = a.files[f],
      y = b.files[f];
    if ((x === null) !== (y === null) || (x && y && !x.equals(y)))
      return `output file ${f} differs (qemu ${x?.length ?? "missing"} bytes, tciemu ${y?.length ?? "missing"} bytes)`;
  }
  return null;
}
