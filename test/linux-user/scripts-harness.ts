// Shell scripts with Debian's riscv64 dash and bash, under tciemu (in-process: one kernel, every
// process of the script in it) and under Linux itself (tools/linux-user/linux-reference.sh:
// qemu-riscv64 registered with binfmt_misc, the sysroot overlaid on /usr and /etc), in a fresh
// temp dir each, with the same environment.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { NodeFs, NodeLinuxHost } from "../../src/cli/node-host.ts";
import { BufferHost } from "../../src/linux-user/host.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { repoRoot, requireUserland, trixieQemuUser } from "../../tools/debian/paths.ts";
import type { Outcome } from "./harness.ts";

export const SCRIPTS_DIR = join(repoRoot(), "testdata", "linux-user", "scripts");
export const REFERENCE = join(repoRoot(), "tools", "linux-user", "linux-reference.sh");
export const SCRIPT_ENV = ["PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C", "TERM=dumb"];

/** trixie's static qemu-riscv64 (binfmt_misc's F flag opens it once; the static build needs no libraries). */
function qemuForReference(): string {
  return trixieQemuUser("riscv64") ?? "";
}

export interface ScriptCase {
  name: string;
  text: string;
  /** "# shells: bash" restricts a script to some shells; default dash and bash. */
  shells: string[];
  /**
   * "# uid: N" runs it as a user other than root (RLIMIT_NPROC is not enforced on root): N plus
   * an offset unique to this test process, so that leftovers of another run do not count.
   */
  uid: number | null;
}

export function loadScripts(): ScriptCase[] {
  return readdirSync(SCRIPTS_DIR)
    .filter((f) => f.endsWith(".sh"))
    .sort()
    .map((f) => {
      const text = readFileSync(join(SCRIPTS_DIR, f), "utf8");
      const all = /^# shells: (.*)$/m.exec(text)?.[1].split(/\s+/) ?? ["dash", "bash"];
      // "# default-shells:" bounds npm test for scripts about a program rather than the shell
      // (python, make, perl); `npm run test:processes` (TCIEMU_PROCESSES_FULL=1) runs every shell.
      const bounded = /^# default-shells: (.*)$/m.exec(text)?.[1].split(/\s+/);
      const shells = bounded && process.env.TCIEMU_PROCESSES_FULL !== "1" ? bounded : all;
      const uid = /^# uid: (\d+)$/m.exec(text);
      return { name: f.replace(/\.sh$/, ""), text, shells, uid: uid ? Number(uid[1]) + (process.pid % 100000) : null };
    });
}

/** Whether the Linux reference can run here; null, or why not with the command to fix it. */
export function referenceProblem(): string | null {
  const env = { ...process.env, TCIEMU_SYSROOT: requireUserland(), TCIEMU_QEMU_RISCV64: qemuForReference() };
  const r = spawnSync(REFERENCE, ["--check"], { encoding: "utf8", env });
  if (r.status === 0) return null;
  return `the Linux reference cannot run: ${(r.stderr || r.error?.message || "").trim()}\n` + `check with: ${REFERENCE} --check`;
}

function setup(c: ScriptCase): string {
  const dir = realpathSync(mkdtempSync(join(os.tmpdir(), "tciemu-sh-")));
  writeFileSync(join(dir, "script.sh"), c.text);
  if (c.uid !== null) {
    chmodSync(dir, 0o777);
    chmodSync(join(dir, "script.sh"), 0o666);
  }
  return dir;
}

const envObject = () => Object.fromEntries(SCRIPT_ENV.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));

/** The script under Linux with qemu-riscv64 through binfmt_misc. */
export function runScriptLinux(c: ScriptCase, shell: string): Outcome {
  const dir = setup(c);
  try {
    const t0 = performance.now();
    const args = [...(c.uid !== null ? ["--uid", `${c.uid}`] : []), "--", `/usr/bin/${shell}`, "script.sh"];
    const env = { ...envObject(), TCIEMU_SYSROOT: requireUserland(), TCIEMU_QEMU_RISCV64: qemuForReference() };
    const r = spawnSync(REFERENCE, args, { cwd: dir, input: "", env, maxBuffer: 64 << 20, timeout: 600_000 });
    if (r.error) throw r.error;
    const status = r.status ?? 128 + (os.constants.signals[r.signal as keyof typeof os.constants.signals] ?? 0);
    return { stdout: r.stdout, stderr: r.stderr, status, files: {}, ms: performance.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const nodeHost = new NodeLinuxHost();

class ScriptHost extends BufferHost {
  readonly groups: number[] = [];
  readonly cpus = os.availableParallelism();
  readonly uname = { sysname: os.type(), nodename: os.hostname(), release: os.release(), version: os.version(), domainname: "(none)" };
  constructor(
    fs: NodeFs,
    readonly uid: number,
    readonly gid: number,
  ) {
    super(new Uint8Array(0), fs);
  }
  sleepNs(ns: bigint): void {
    const ms = Number(ns / 1_000_000n);
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }
  /** The limits this Node process has, which the reference's processes inherit too. */
  rlimit(res: number): [number, number] | null {
    return nodeHost.rlimit(res);
  }
}

/** The script under tciemu: the shell is the kernel's first process, everything it starts runs beside it. */
export function runScriptTciemu(c: ScriptCase, shell: string): Outcome & { processes: number } {
  const dir = setup(c);
  try {
    const t0 = performance.now();
    const sysroot = requireUserland();
    const prog = `${sysroot}/usr/bin/${shell}`;
    const uid = c.uid ?? process.getuid?.() ?? 0;
    const host = new ScriptHost(new NodeFs(dir), uid, c.uid ?? process.getgid?.() ?? 0);
    const p = new LinuxProcess(host, { sysroot });
    p.load(new Uint8Array(readFileSync(prog)), [`/usr/bin/${shell}`, "script.sh"], SCRIPT_ENV, realpathSync(prog), `/usr/bin/${shell}`);
    const r = p.run();
    return {
      stdout: Buffer.from(host.stdout()),
      stderr: Buffer.from(host.stderr()),
      status: r.exitCode,
      files: {},
      insns: r.insns,
      ms: performance.now() - t0,
      processes: p.kernel.processes.size,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
