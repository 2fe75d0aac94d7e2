// An interactive shell the way the page runs one (src/web/shell-session.ts), in Node, against Linux:
// Debian's riscv64 dash on the embedding API's terminal (src/linux-user/tty.ts) over a userland tar
// unpacked into a MemFs by src/embed/archive.ts, and the same dash on a pseudo-terminal under Linux
// itself (tools/linux-user/pty-session.py running tools/linux-user/linux-reference.sh: qemu-riscv64
// through binfmt_misc). The same keys are typed at both, each step once the output shows its
// marker; the terminal transcripts (echo, line editing, ^C, job messages, prompts) and the exit
// status must be byte-identical. Also checks the embedding API's process list while a job runs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { unpackArchive } from "../../src/embed/archive.ts";
import { MemFs, createGuest, type Guest } from "../../src/embed/index.ts";
import { repoRoot, requireUserland, trixieQemuUser } from "../../tools/debian/paths.ts";
import { userlandTar } from "./chromium.ts";

const ENV = ["PATH=/usr/bin:/bin", "HOME=/tmp", "PS1=$ "];

/** Keys typed at the shell; each step waits for `until` in the output that follows its keys. */
interface Step {
  send: string;
  until?: string;
}
const STEPS: Step[] = [
  { send: "", until: "$ " },
  // a pipeline between two processes, with the line discipline's echo and ONLCR
  { send: "echo $((6*7)) | busybox cat\r", until: "$ " },
  // line editing: DEL erases the typo, Ctrl-U the whole line, Ctrl-W a word
  { send: "echo abx\x7fc\r", until: "$ " },
  { send: "echo gone\x15echo kept one\x17two\r", until: "$ " },
  // Ctrl-C to the foreground job; the shell survives and reports 128 + SIGINT. (The job says when it
  // runs: the echo of the command line comes at once, before the job is the foreground group.)
  { send: "busybox sh -c 'echo started; exec busybox sleep 1000'\r", until: "started\r\n" },
  { send: "\x03", until: "$ " },
  { send: "echo after $?\r", until: "$ " },
  // Ctrl-Z stops the foreground job, `jobs` lists it, `fg` resumes it in the foreground until it ends
  // (its sleep's deadline passes while it is stopped, as on Linux)
  { send: "busybox sh -c 'echo started; exec busybox sleep 2'\r", until: "started\r\n" },
  { send: "\x1a", until: "$ " },
  { send: "jobs\r", until: "$ " },
  { send: "fg\r", until: "$ " },
  { send: "echo after fg $?\r", until: "$ " },
  // Ctrl-D ends a program's input, not the shell
  { send: "busybox cat\r", until: "cat\r\n" },
  { send: "hello\r", until: "hello\r\nhello\r\n" },
  { send: "\x04", until: "$ " },
  // a background job, killed; wait reports how it ended (SIGKILL: a job's shell ignores SIGTERM until
  // it has set up its signals, so a SIGTERM sent at once could be lost, on Linux too). wait's stderr
  // is dropped because dash races itself there, on Linux too: if the SIGCHLD is in by the end of the
  // kill builtin, dash reaps the job then and wait prints nothing; if not, wait reaps it and prints
  // "Killed" to stderr (dash 0.5.12 jobs.c, waitone with thisjob == job). Both are Linux behaviour.
  { send: "echo $?; busybox sleep 1000 &\r", until: "$ " },
  { send: "kill -9 $!; wait $! 2>/dev/null; echo waited $?\r", until: "$ " },
  // Ctrl-D on an empty line ends the shell
  { send: "\x04" },
];

/** The session under Linux, on a pseudo-terminal. */
function linuxSession(): { output: string; status: number } {
  const qemu = trixieQemuUser("riscv64");
  if (!qemu) throw new Error("no trixie qemu-riscv64: run 'bash tools/debian/fetch.sh qemu'");
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "tciemu-pty-")));
  try {
    const tool = join(repoRoot(), "tools", "linux-user", "pty-session.py");
    const reference = join(repoRoot(), "tools", "linux-user", "linux-reference.sh");
    // env sets PS1 inside: the reference's own bash drops PS1 from the environment it passes on.
    const args = [tool, JSON.stringify(STEPS), "--", reference, "--", "/usr/bin/env", ...ENV, "/usr/bin/dash", "-i"];
    const env = { PATH: "/usr/bin:/bin", HOME: "/tmp", TCIEMU_SYSROOT: requireUserland(), TCIEMU_QEMU_RISCV64: qemu };
    const r = spawnSync("python3", args, { cwd: dir, env, encoding: "latin1", timeout: 600_000 });
    if (r.error) throw new Error(`python3 ${tool}: ${r.error.message} (python3 is needed for the pseudo-terminal)`);
    const res = JSON.parse(r.stdout) as { output: string; status?: number; error?: string };
    if (res.error || r.status !== 0) throw new Error(`the Linux session failed: ${res.error ?? r.stderr}\n${res.output}`);
    return { output: res.output, status: res.status! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the guest until `want` shows after `from` in the output, or the shell waits for typing with nothing new, or it exits. */
function until(g: Guest, out: () => string, from: number, want: string | undefined): string {
  let r = g.run(50_000_000);
  for (let round = 0; round < 400; round++) {
    if (want !== undefined && out().indexOf(want, from) >= 0) break;
    if (r.reason === "exit" || (r.reason === "blocked" && want === undefined)) break;
    if (r.reason === "idle") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(20, r.wakeInMs ?? 1));
    r = g.run(50_000_000);
  }
  return r.reason;
}

describe("an interactive shell on the embedding API's terminal", () => {
  test("typed at like dash on a Linux pseudo-terminal: the same transcript and exit status", { timeout: 600_000 }, () => {
    const want = linuxSession();
    const fs = new MemFs();
    unpackArchive(fs, new Uint8Array(userlandTar({ gzip: false, extra: ["./tmp"] })));
    let text = "";
    const dec = new TextDecoder("latin1");
    const g = createGuest({ fs, terminal: { rows: 24, cols: 80 }, onStdout: (b) => (text += dec.decode(b)), stopOnFault: false });
    g.process.cwd = "/tmp";
    g.loadProgram("/usr/bin/dash", ["/usr/bin/dash", "-i"], ENV);
    const out = () => text;
    let jobSeen = false;
    for (const step of STEPS) {
      const from = text.length;
      g.terminalInput(step.send);
      until(g, out, from, step.until);
      // The background sleeper, as the embedding API lists it: its own process group, sleeping.
      if (step.send.includes("&")) {
        const find = () => g.processes().find((p) => p.argv.join(" ") === "busybox sleep 1000" && p.state !== "Z");
        // The prompt can come before the child's execve, and its nanosleep.
        for (let i = 0; i < 200 && find()?.state !== "S"; i++) g.run(200_000);
        const sleeper = find();
        expect(sleeper).toMatchObject({ state: "S", ppid: g.process.pid });
        expect(sleeper!.pgid).toBe(sleeper!.pid);
        jobSeen = true;
      }
    }
    expect(until(g, out, text.length, undefined)).toBe("exit");
    expect(jobSeen).toBe(true);
    expect(text).toBe(want.output);
    expect(g.exited?.exitCode ?? -1).toBe(want.status);
  });
});
