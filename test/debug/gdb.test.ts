// The gdb stub, driven by Debian's gdb-multiarch (installed by .ci/run): break at a function,
// step, read registers and variables, watch a variable, continue to exit. Fails when
// gdb-multiarch is missing.
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, riscvTestdataDir } from "../../tools/debian/paths.ts";

function gdbPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v gdb-multiarch"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("gdb-multiarch is not installed (apt-get install gdb-multiarch; .ci/run installs it)");
  }
}

/** Starts tciemu-riscv64 -g 0 on a program; resolves with the port once it listens. */
function startStub(prog: string, extra: string[] = []) {
  const child = spawn(join(repoRoot(), "tools/bin/tciemu-riscv64"), [...extra, "-g", "0", prog], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "",
    stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  const port = new Promise<number>((resolve, reject) => {
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /waiting for gdb on localhost:(\d+)/.exec(stderr);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`tciemu exited (${code}) before listening: ${stderr}`)));
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, done, out: () => stdout, err: () => stderr };
}

function runGdb(port: number, elf: string, cmds: string[]): Promise<string> {
  const args = [
    "-batch",
    "-nx",
    "-ex",
    "set confirm off",
    "-ex",
    "set pagination off",
    "-ex",
    `directory ${riscvTestdataDir()}`,
    "-ex",
    `file ${elf}`,
    "-ex",
    `target remote 127.0.0.1:${port}`,
  ];
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

describe("gdb-multiarch against tciemu-riscv64 -g", () => {
  const elf = join(riscvTestdataDir(), "debug", "gdbdemo.elf");

  test("break, step, registers, variables, watchpoint, monitor, continue to exit", { timeout: 120_000 }, async () => {
    gdbPath();
    const stub = startStub(elf);
    const port = await stub.port;
    const out = await runGdb(port, elf, [
      "break add_squares",
      "continue",
      "info registers pc",
      "print a",
      "print counter",
      "stepi",
      "info registers pc",
      "finish",
      "print counter",
      "print/x $sp",
      "delete",
      "watch counter",
      "continue",
      "monitor info jit",
      "delete",
      "continue",
    ]);
    const code = await stub.done;
    expect(out).toMatch(/Breakpoint 1 at 0x10120: file debug\/gdbdemo\.c, line 12\./);
    expect(out).toMatch(/Breakpoint 1, add_squares \(a=a@entry=1, b=b@entry=2\) at debug\/gdbdemo\.c:12/);
    expect(out).toMatch(/pc\s+0x10120\s+0x10120 <add_squares>/);
    expect(out).toMatch(/\$1 = 1\n/);
    expect(out).toMatch(/\$2 = 0\n/);
    expect(out).toMatch(/pc\s+0x10124\s+0x10124 <add_squares\+4>/);
    expect(out).toMatch(/in main \(argc=<optimized out>, argv=<optimized out>\) at debug\/gdbdemo\.c:21/);
    expect(out).toMatch(/Value returned is \$3 = 5/);
    expect(out).toMatch(/\$4 = 5\n/);
    expect(out).toMatch(/\$5 = 0x[0-9a-f]+\n/);
    expect(out).toMatch(/Hardware watchpoint 2: counter\n\nOld value = 5\nNew value = 18\n/);
    expect(out).toContain("Translation buffer state:");
    expect(out).toContain("[Inferior 1 (Remote target) exited normally]");
    expect(stub.out()).toBe("total 84 counter 84\n");
    expect(code).toBe(0);
  });

  test("kill from gdb ends the program", { timeout: 120_000 }, async () => {
    const stub = startStub(elf);
    const port = await stub.port;
    const out = await runGdb(port, elf, ["break main", "continue", "info registers pc", "kill"]);
    expect(out).toMatch(/Breakpoint 1, main /);
    expect(await stub.done).toBe(137);
    expect(stub.out()).toBe("");
  });
});
