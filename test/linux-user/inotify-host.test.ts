// inotify and changes made on the host by other programs (src/linux-user/inotify.ts's host scan):
// the guest waits for events while this test, a host process, changes the watched files; under
// qemu-user the host's kernel reports them. GNU tail -f must print what the host appends (before
// the scan, every guest thread blocked in tail's poll looked like a deadlock and tail was killed),
// and a Python script reads the IN_MODIFY, IN_CREATE and IN_DELETE of host changes made one at a
// time (each after the guest printed the previous event: the scan sees one change per look).
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { ENV } from "./harness.ts";
import { PYTHON_GUESTS } from "./python-guests.ts";

const TSX_IMPORT = ["--import", pathToFileURL(join(repoRoot(), "node_modules", "tsx", "dist", "loader.mjs")).href];

interface Session {
  /** Resolves when the output so far contains `text` (rejects after a minute or at exit). */
  waitFor(text: string): Promise<void>;
  /** Ends the program (SIGTERM) and gives its stdout and stderr. */
  stop(): Promise<{ stdout: string; stderr: string }>;
}

function start(cmd: string, args: string[], cwd: string): Session {
  const p = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: Object.fromEntries(ENV.map((kv) => kv.split(/=(.*)/s, 2))) });
  let stdout = "",
    stderr = "",
    exited = false;
  const waiters: Array<() => void> = [];
  const poke = () => waiters.splice(0).forEach((w) => w());
  p.stdout.on("data", (d: Buffer) => ((stdout += d.toString("latin1")), poke()));
  p.stderr.on("data", (d: Buffer) => ((stderr += d.toString("latin1")), poke()));
  const closed = new Promise<void>((r) => p.on("close", () => ((exited = true), poke(), r())));
  return {
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${JSON.stringify(text)} in a minute: ${stdout} ${stderr}`)), 60_000);
        const check = () => {
          if (stdout.includes(text)) {
            clearTimeout(timer);
            resolve();
          } else if (exited) {
            clearTimeout(timer);
            reject(new Error(`exited before ${JSON.stringify(text)}: ${stdout} ${stderr}`));
          } else waiters.push(check);
        };
        check();
      }),
    stop: async () => {
      p.kill("SIGTERM");
      await closed;
      return { stdout, stderr };
    },
  };
}

/** The guest program under qemu-user and under tciemu's CLI, each in a fresh directory prepared by `setup`, driven by `drive`. */
async function both(
  g: (typeof PYTHON_GUESTS)[number],
  argv: string[],
  setup: (dir: string) => void,
  drive: (s: Session, dir: string) => Promise<void>,
): Promise<[string, string]> {
  const { qemu, sysroot } = g.tools();
  const out: string[] = [];
  for (const [cmd, args] of [
    [qemu, [...g.qemuArgs, "-L", sysroot, sysroot + argv[0], ...argv.slice(1)]],
    [
      process.execPath,
      [...TSX_IMPORT, join(repoRoot(), "src", "cli", `${g.arch}-user.ts`), "-L", sysroot, sysroot + argv[0], ...argv.slice(1)],
    ],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), "tciemu-inotify-host-"));
    try {
      setup(dir);
      const s = start(cmd, [...args], dir);
      await drive(s, dir);
      const r = await s.stop();
      out.push(`${r.stdout}\n--- stderr\n${r.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [out[0], out[1]];
}

const WATCH = `import ctypes, os, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.inotify_init1(0)
os.mkdir("d")
with open("d/f", "w") as fh:
    fh.write("1")
print(libc.inotify_add_watch(fd, b"d/f", 0x2 | 0x4), libc.inotify_add_watch(fd, b"d", 0x100 | 0x200), "ready", flush=True)
for step in range(3):
    buf = os.read(fd, 4096)
    i = 0
    while i < len(buf):
        wd, mask, cookie, n = struct.unpack_from("iIII", buf, i)
        print(step, wd, hex(mask), cookie, buf[i + 16 : i + 16 + n].rstrip(b"\\0").decode(), flush=True)
        i += 16 + n
print("done", flush=True)
`;

describe("inotify sees the host's changes", () => {
  for (const g of PYTHON_GUESTS) {
    test(`${g.arch}: tail -f prints what the host appends, as under qemu-user`, { timeout: 300_000 }, async () => {
      const [q, t] = await both(
        g,
        ["/usr/bin/tail", "-f", "log"],
        (dir) => writeFileSync(join(dir, "log"), "line1\n"),
        async (s, dir) => {
          await s.waitFor("line1\n");
          // time for tail to block in its read of the inotify descriptor (appended earlier, tail's
          // look at the file after adding its watch finds the line: the same output, but no test
          // of the scan)
          await new Promise((r) => setTimeout(r, 1500));
          appendFileSync(join(dir, "log"), "line2\n");
          await s.waitFor("line2\n");
        },
      );
      expect(t).toBe(q);
    });
    test(
      `${g.arch}: a Python script reads IN_MODIFY, IN_CREATE, IN_DELETE of host changes, as under qemu-user`,
      { timeout: 300_000 },
      async () => {
        const [q, t] = await both(
          g,
          ["/usr/bin/python3.13", "-S", "-c", WATCH],
          () => {},
          async (s, dir) => {
            await s.waitFor("ready");
            appendFileSync(join(dir, "d/f"), "2");
            await s.waitFor("\n0 ");
            writeFileSync(join(dir, "d/new"), "");
            await s.waitFor("\n1 ");
            unlinkSync(join(dir, "d/new"));
            await s.waitFor("done");
          },
        );
        expect(t).toBe(q);
      },
    );
  }
});
