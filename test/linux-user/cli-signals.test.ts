// The user-mode CLI's process and the host's signals, as qemu-user's (src/cli/host-signals.ts): a
// guest that dies of a signal takes the emulator with it by the same signal (the parent's wait
// sees it signalled, not an exit status of 128 + N), and a signal sent to the emulator's process
// reaches the guest's handler, or is ignored when the guest ignores it, or takes its default
// action. Each case runs a Python script under tciemu's CLI and under Debian's qemu-user, both
// spawned from this test the same way, and compares what a parent sees: stdout, stderr, the exit
// status and the signal.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { PYTHON_GUESTS } from "./python-guests.ts";

/** A script's mode picks what it does; the ones that wait print "ready" first. */
const SCRIPT = `
import os, signal, sys, time
mode = sys.argv[1]
if mode.startswith("die-"):
    # the guest's own fatal signal (default action); SIGUSR1's is Node's inspector on a bare Node
    os.kill(os.getpid(), getattr(signal, "SIG" + mode[4:]))
elif mode == "handler":
    def on_term(s, f):
        print("handler", s, flush=True)
        sys.exit(3)
    signal.signal(signal.SIGTERM, on_term)
    print("ready", flush=True)
    time.sleep(30)
    print("slept")
elif mode == "ignored":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("ready", flush=True)
    time.sleep(1)
    print("still running")
elif mode == "sigwait":
    # no thread can run and no deadline: only the host's signal ends the wait
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
    print("ready", flush=True)
    print("sigwait", signal.sigwait([signal.SIGUSR2]), flush=True)
elif mode == "default":
    print("ready", flush=True)
    time.sleep(20)
`;

interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs `argv`; when `send` is given, sends it once the guest printed "ready". Also returns how
 * long the process lived after the signal (a handler that waited for the guest's sleep to end
 * would print the same).
 */
function run(argv: string[], send?: NodeJS.Signals): Promise<{ outcome: Outcome; secondsAfterSignal: number }> {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-signals-"));
  return new Promise((resolve, reject) => {
    const p = spawn(argv[0], argv.slice(1), { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sent = 0;
    const timer = setTimeout(() => p.kill("SIGKILL"), 90_000);
    p.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
      if (send && !sent && stdout.includes("ready\n")) {
        sent = performance.now();
        p.kill(send);
      }
    });
    p.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    p.on("error", reject);
    p.on("close", (status, signal) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ outcome: { stdout, stderr, status, signal }, secondsAfterSignal: sent ? (performance.now() - sent) / 1000 : 0 });
    });
  });
}

const CASES: { mode: string; send?: NodeJS.Signals; everyGuest?: boolean }[] = [
  { mode: "die-SEGV", everyGuest: true },
  { mode: "die-TERM" },
  { mode: "die-ABRT" },
  { mode: "die-USR1" },
  { mode: "handler", send: "SIGTERM", everyGuest: true },
  { mode: "ignored", send: "SIGINT" },
  { mode: "sigwait", send: "SIGUSR2", everyGuest: true },
  { mode: "default", send: "SIGHUP" },
  { mode: "default", send: "SIGUSR1" },
  { mode: "default", send: "SIGQUIT" },
];

describe("the user-mode CLI and the host's signals", { timeout: 180_000 }, () => {
  for (const g of PYTHON_GUESTS) {
    for (const c of CASES) {
      if (g.arch !== "riscv64" && !c.everyGuest) continue;
      test(`${g.arch}: ${c.mode}${c.send ? ` + ${c.send} from the host` : ""}, as qemu-user`, async () => {
        const { qemu, sysroot } = g.tools();
        const py = join(sysroot, "usr/bin/python3.13");
        const cli = join(repoRoot(), `tools/bin/tciemu-${g.arch}`);
        const q = await run([qemu, ...g.qemuArgs, "-L", sysroot, py, "-S", "-c", SCRIPT, c.mode], c.send);
        const t = await run([cli, "-L", sysroot, py, "-S", "-c", SCRIPT, c.mode], c.send);
        // the reference did what the case is about
        if (c.mode.startsWith("die-") || c.mode === "default") expect(q.outcome.signal, q.outcome.stderr).not.toBeNull();
        else expect(q.outcome.status, q.outcome.stderr).not.toBeNull();
        expect(t.outcome).toEqual(q.outcome);
        // at once, not after the guest's 30 s sleep
        if (c.mode === "handler") expect([q.secondsAfterSignal, t.secondsAfterSignal].every((s) => s < 15)).toBe(true);
      });
    }
  }
});
