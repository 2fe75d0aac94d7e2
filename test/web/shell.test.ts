// An interactive shell the way the page runs one (src/web/shell-session.ts), in Node: a Debian
// riscv64 userland image (a tar made from the sysroot with GNU tar) unpacked into a MemFs by
// src/embed/archive.ts, dash started on the embedding API's terminal, commands typed at it.
// Checks the line discipline (echo, Ctrl-C to the foreground job, Ctrl-D), pipelines between
// processes, and the process list the embedding API gives.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { unpackArchive } from "../../src/embed/archive.ts";
import { MemFs, createGuest, type Guest } from "../../src/embed/index.ts";
import { requireUserland } from "../../tools/debian/paths.ts";

/** A small userland: dash, busybox, the C library, the merged-usr links. */
function userlandTar(): Uint8Array {
  const root = requireUserland();
  const files = [
    "./bin",
    "./lib",
    "./usr/bin/dash",
    "./usr/bin/sh",
    "./usr/bin/busybox",
    "./usr/lib/ld-linux-riscv64-lp64d.so.1",
    "./usr/lib/riscv64-linux-gnu/ld-linux-riscv64-lp64d.so.1",
    "./usr/lib/riscv64-linux-gnu/libc.so.6",
    "./tmp",
  ];
  const r = spawnSync("tar", ["-cf", "-", "-C", root, "--no-recursion", ...files], { maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  return new Uint8Array(r.stdout);
}

function shell(): { g: Guest; out: () => string } {
  const fs = new MemFs();
  const st = unpackArchive(fs, userlandTar());
  expect(st.files).toBeGreaterThanOrEqual(4);
  let text = "";
  const g = createGuest({
    fs,
    terminal: { rows: 24, cols: 80 },
    onStdout: (b) => (text += new TextDecoder().decode(b)),
    stopOnFault: false,
  });
  g.process.cwd = "/tmp";
  g.loadProgram("/bin/sh", ["sh", "-i"], ["PATH=/usr/bin:/bin", "PS1=$ ", "HOME=/tmp"]);
  return { g, out: () => text };
}

/**
 * Runs the guest until `want` appears in the output (or it exits, or waits for typing, or 40 rounds
 * have passed); returns the outcome reason.
 */
function until(g: Guest, out: () => string, want: string): string {
  let r = g.run(50_000_000);
  for (let round = 0; !out().includes(want) && r.reason !== "exit" && r.reason !== "blocked" && round < 40; round++) {
    if (r.reason === "idle") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(50, r.wakeInMs ?? 1));
    r = g.run(50_000_000);
  }
  return r.reason;
}

describe("an interactive shell on the embedding API's terminal", () => {
  test("typed commands run, Ctrl-C interrupts the foreground job, Ctrl-D ends the shell", { timeout: 300_000 }, () => {
    const { g, out } = shell();
    until(g, out, "$ ");
    g.terminalInput("echo $((6*7)) | busybox cat\r");
    until(g, out, "42\r\n$ ");
    expect(out()).toContain("echo $((6*7)) | busybox cat\r\n42\r\n"); // the line discipline echoes, ONLCR
    // A foreground job that would sleep for long: Ctrl-C reaches it (not the shell).
    g.terminalInput("busybox sleep 1000\r");
    until(g, out, "busybox sleep 1000\r\n");
    expect(g.processes().some((p) => p.comm === "busybox" && p.state !== "Z")).toBe(true);
    g.terminalInput("\x03");
    g.terminalInput("echo after $?\r");
    until(g, out, "after 130");
    expect(out()).toContain("^C");
    // A background job, seen in the process list and signalled through the embedding API.
    g.terminalInput("busybox sleep 1000 &\r");
    until(g, out, "&\r\n$ ");
    let sleeper = g.processes().find((p) => p.comm === "busybox" && p.state !== "Z");
    for (let i = 0; i < 50 && !sleeper; i++) {
      g.run(1_000_000);
      sleeper = g.processes().find((p) => p.comm === "busybox" && p.state !== "Z");
    }
    expect(sleeper).toBeDefined();
    expect(g.signal(sleeper!.pid, 15)).toBe(true);
    // wait for one pid reports how it ended (128 + SIGTERM); a bare `wait` would report 0.
    g.terminalInput("wait $!; echo waited $?\r");
    until(g, out, "waited 143");
    // Ctrl-D on an empty line: end of input, the shell exits.
    g.terminalInput("\x04");
    expect(until(g, out, "\u0000never")).toBe("exit");
    expect(out()).toMatch(/waited 143\r\n/);
    expect(g.exited).toEqual({ exitCode: 0 });
  });
});
