// The system emulator's gdb stub and -d logging, driven by Debian's gdb-multiarch against
// tciemu-system-riscv64 running Debian's OpenSBI alone (no kernel): -S stops the hart at the reset
// vector, stepi walks the boot ROM, a breakpoint stops at OpenSBI's entry, memory reads show the
// ROM, kill ends the emulator. Fails (does not skip) when gdb-multiarch or OpenSBI is missing.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { opensbiFirmware, repoRoot } from "../../tools/debian/paths.ts";
import { parseGdbDevice } from "../../src/cli/debug-cli.ts";
import { qemuIntLine } from "../../src/debug/system.ts";

function gdbPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v gdb-multiarch"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("gdb-multiarch is not installed (apt-get install gdb-multiarch; .ci/run installs it)");
  }
}

function firmware(): string {
  const p = opensbiFirmware("fw_dynamic", "bin");
  if (!p) throw new Error("Debian's OpenSBI is missing: run 'bash tools/debian/fetch.sh system'");
  return p;
}

const tsx = () => join(repoRoot(), "node_modules/tsx/dist/esm/index.mjs");
const cli = () => join(repoRoot(), "src/cli/system-riscv64.ts");

/** Starts tciemu-system-riscv64 with a gdb stub on a free port; resolves with the port. */
function startSystem(extra: string[]) {
  const child = spawn(process.execPath, ["--import", tsx(), cli(), "-bios", firmware(), "-nographic", "-gdb", "tcp::0", ...extra], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "",
    stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  const port = new Promise<number>((resolve, reject) => {
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /gdb stub listening on [^:]+:(\d+)/.exec(stderr);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`tciemu-system-riscv64 exited (${code}) before listening: ${stderr}`)));
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, done, out: () => stdout, err: () => stderr };
}

function runGdb(port: number, cmds: string[]): Promise<string> {
  const args = ["-batch", "-nx", "-ex", "set confirm off", "-ex", "set pagination off", "-ex", `target remote 127.0.0.1:${port}`];
  for (const c of cmds) args.push("-ex", c);
  return new Promise((resolve, reject) => {
    const g = spawn(gdbPath(), args, { stdio: ["ignore", "pipe", "pipe"] });
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

describe("gdb-multiarch against tciemu-system-riscv64 -S -gdb", () => {
  test("reset vector, stepi through the boot ROM, break at OpenSBI's entry, x, kill", { timeout: 120_000 }, async () => {
    gdbPath();
    const sys = startSystem(["-S"]);
    const port = await sys.port;
    const out = await runGdb(port, [
      "info registers pc",
      "stepi",
      "info registers pc",
      "stepi",
      "info registers pc",
      "stepi",
      "info registers pc",
      "break *0x80000000",
      "continue",
      "info registers pc",
      "x/4wx 0x1000",
      "p/x $a0",
      "kill",
    ]);
    const code = await sys.done;
    expect(out).toMatch(/pc\s+0x1000\s+0x1000\n/);
    expect(out).toMatch(/pc\s+0x1004\s+0x1004\n[^]*pc\s+0x1008\s+0x1008\n[^]*pc\s+0x100c\s+0x100c\n/);
    expect(out).toContain("Breakpoint 1 at 0x80000000");
    expect(out).toMatch(/Breakpoint 1, 0x0000000080000000 in \?\? \(\)/);
    expect(out).toMatch(/pc\s+0x80000000\s+0x80000000\n/);
    expect(out).toMatch(/0x1000:\s+0x00000297\s+0x02828613\s+0xf1402573\s+0x0202b583/);
    expect(out).toMatch(/\$1 = 0x0\n/); // mhartid
    expect(out).toContain("[Inferior 1 (Remote target) killed]");
    expect(sys.out()).toBe(""); // OpenSBI never got to print its banner
    expect(sys.err()).toContain("terminated via gdbstub");
    expect(code).toBe(0);
  });

  test("Ctrl-C stops a running hart; memory writes; detach lets it run on", { timeout: 120_000 }, async () => {
    gdbPath();
    const sys = startSystem(["-S"]);
    const port = await sys.port;
    const args = ["-batch", "-nx", "-ex", "set confirm off", "-ex", `target remote 127.0.0.1:${port}`];
    for (const c of ["continue", "info registers pc", "set {int}0x80001000 = 0x12345678", "x/1wx 0x80001000", "detach"])
      args.push("-ex", c);
    const g = spawn(gdbPath(), args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    g.stdout.on("data", (d) => (out += d));
    g.stderr.on("data", (d) => (out += d));
    // Interrupt once OpenSBI has printed its banner (gdb sends \x03 on SIGINT).
    for (let i = 0; i < 600 && !sys.out().includes("OpenSBI"); i++) await new Promise((r) => setTimeout(r, 100));
    g.kill("SIGINT");
    await new Promise((r) => g.on("exit", r));
    sys.child.kill("SIGKILL");
    await sys.done;
    expect(sys.out()).toContain("OpenSBI");
    expect(out).toContain("Program received signal SIGINT, Interrupt.");
    expect(out).toMatch(/pc\s+0x8[0-9a-f]{7}\s/);
    expect(out).toMatch(/0x80001000:\s+0x12345678/);
    expect(out).toContain("[Inferior 1 (Remote target) detached]");
  });
});

describe("tciemu-system-riscv64 -d", () => {
  test("in_asm, op_opt, exec, cpu with -dfilter into -D", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "tciemu-sys-log-"));
    try {
      const log = join(dir, "d.log");
      const child = spawn(
        process.execPath,
        [
          "--import",
          tsx(),
          cli(),
          "-bios",
          firmware(),
          "-nographic",
          "-d",
          "in_asm,op_opt,exec,cpu,nochain",
          "-dfilter",
          "0x1000+0x100",
          "-D",
          log,
        ],
        { stdio: ["ignore", "ignore", "ignore"] },
      );
      // The boot ROM runs first; wait until the firmware's first filtered-out TB has been logged
      // past it (the log then holds the ROM's TBs in full), however slow the machine is.
      const exited = new Promise((r) => child.on("exit", r));
      for (let i = 0; i < 1100; i++) {
        if (existsSync(log) && /Trace 0: 0x0 \[[0-9a-f]{8}\/000000008/.test(readFileSync(log, "utf8"))) break;
        if (existsSync(log) && readFileSync(log, "utf8").includes("0x00001014:") && i > 50) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill("SIGKILL");
      await exited;
      const text = readFileSync(log, "utf8");
      expect(text).toContain("----------------\nIN: \n0x00001000:  00000297          auipc                   t0,0x0\n");
      expect(text).toContain("0x00001014:  00028067          jr                      t0\n");
      expect(text).toContain("OP after optimization and liveness analysis:\n");
      expect(text).toMatch(/Trace 0: 0x[0-9a-f]+ \[00000000\/0000000000001000\/[0-9a-f]{8}\/00000600\] \n pc       0000000000001000\n/);
      expect(text).not.toMatch(/IN: \n0x8/); // filtered out
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("int lines in QEMU's riscv_cpu_do_interrupt layout", () => {
    expect(qemuIntLine("exception 9 at pc 0x80200abc, tval 0x0, priv 1")).toBe(
      "riscv_cpu_do_interrupt: hart:0, async:0, cause:0000000000000009, epc:0x0000000080200abc, tval:0x0000000000000000, desc=supervisor_ecall",
    );
    expect(qemuIntLine("interrupt 5 at pc 0xffffffff80001234, priv 1")).toBe(
      "riscv_cpu_do_interrupt: hart:0, async:1, cause:0000000000000005, epc:0xffffffff80001234, tval:0x0000000000000000, desc=s_timer",
    );
  });

  test("-gdb device syntax", () => {
    expect(parseGdbDevice("tcp::1234")).toEqual({ host: "127.0.0.1", port: 1234 });
    expect(parseGdbDevice("tcp:0.0.0.0:5000")).toEqual({ host: "0.0.0.0", port: 5000 });
    expect(parseGdbDevice("unix:/tmp/s")).toBeNull();
  });
});
