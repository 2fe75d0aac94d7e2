// The gdb stub with an ARM guest, against qemu-arm's: gdb-multiarch (`set architecture arm`) runs the same
// session on `tciemu-arm -g` and on `qemu-arm -g` with testdata/arm/excl.elf (Thumb main, A32 runtime, kuser
// helper calls, which must not stop the debugger): breakpoints in both states, stepi across the
// interworking call, registers (core, CPSR, FPSCR, VFP), disassembly, continue to exit. The transcripts must
// be identical apart from the stub's own lines. Fails when gdb-multiarch or qemu-arm is missing.
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, trixieQemuUser } from "../../tools/debian/paths.ts";

const DIR = join(repoRoot(), "testdata", "arm");
const ELF = "excl.elf";
const CMDS = [
  "break main",
  "break rt_printf",
  "continue",
  "info registers r0 pc cpsr",
  "stepi",
  "stepi",
  "x/4i $pc",
  "info registers pc cpsr",
  "continue",
  "info registers r0 r1 r2 r3 sp lr pc cpsr",
  "stepi 6",
  "info registers r0 r1 r2 r3 sp lr pc cpsr",
  "print $fpscr",
  "info registers s0 d8",
  "delete",
  "continue",
];

function gdbPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v gdb-multiarch"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("gdb-multiarch is not installed (apt-get install gdb-multiarch; .ci/run installs it)");
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

/** Starts a stub; resolves once something listens on `port` (or tciemu reports its port). */
function startStub(cmd: string, args: string[], port: number | null) {
  const child = spawn(cmd, args, { cwd: DIR, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "",
    stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  const listening = new Promise<number>((resolve, reject) => {
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /waiting for gdb on localhost:(\d+)/.exec(stderr);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`${cmd} exited (${code}) before gdb connected: ${stderr}`)));
    if (port !== null) setTimeout(() => resolve(port), 3000); // qemu-arm prints nothing: give it time to listen
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { listening, done, out: () => stdout };
}

function runGdb(port: number): Promise<string> {
  const args = ["-batch", "-nx", "-ex", "set confirm off", "-ex", "set pagination off", "-ex", "set architecture arm"];
  args.push("-ex", `file ${ELF}`, "-ex", `target remote 127.0.0.1:${port}`);
  for (const c of CMDS) args.push("-ex", c);
  return new Promise((resolve, reject) => {
    const g = spawn(gdbPath(), args, { cwd: DIR, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    g.stdout.on("data", (d) => (out += d));
    g.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      g.kill("SIGKILL");
      reject(new Error(`gdb timed out:\n${out}`));
    }, 90_000);
    g.on("exit", () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

/** The transcript without what differs by stub: qemu's remote file reads and its process id. */
function normalize(s: string): string {
  return s
    .split("\n")
    .filter((l) => !l.startsWith("Reading ") && !l.startsWith("warning: File transfers"))
    .join("\n")
    .replace(/\[Inferior 1 \((process \d+|Remote target)\) exited/, "[Inferior 1 exited");
}

describe("gdb-multiarch against tciemu-arm -g and qemu-arm -g", () => {
  test("breakpoints, stepi, registers, kuser helpers, continue to exit", { timeout: 240_000 }, async () => {
    gdbPath();
    const q = trixieQemuUser("arm");
    if (!q) throw new Error("qemu-arm (Debian trixie) is missing: bash tools/debian/fetch.sh qemu");
    const qport = await freePort();
    const qs = startStub(q, ["-cpu", "cortex-a15,neon=off,vfp-d32=off", "-g", String(qport), ELF], qport);
    const theirs = await runGdb(await qs.listening);
    const qcode = await qs.done;

    const ts = startStub(join(repoRoot(), "tools/bin/tciemu-arm"), ["-g", "0", ELF], null);
    const ours = await runGdb(await ts.listening);
    const tcode = await ts.done;

    expect(theirs).toContain("Breakpoint 2, 0x");
    expect(normalize(ours)).toBe(normalize(theirs));
    expect(ts.out()).toBe(qs.out());
    expect(tcode).toBe(qcode);
  });
});
