// The user-mode CLI's process group and session, as qemu-user's: the first guest process is in the
// group and session of the process that started tciemu (qemu-user's guest is its own host
// process), not a session leader of its own. So setpgid(0, 0) succeeds, a group leader's setsid()
// fails with EPERM, and getsid/getpgrp name the starter's session and group. Each guest's python3
// runs the same script under tciemu's CLI and under Debian's qemu-user, both spawned from this test
// process the same way, so the ids they print are the same host ids. Each also runs as the first
// process of a new pid namespace (util-linux's unshare; the tests run as root), where the starter's
// group and session leaders are outside and both emulators' guests see ids 0, as in a container.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../tools/debian/paths.ts";
import { PYTHON_GUESTS } from "./python-guests.ts";

const SCRIPT = `
import os, sys
pid = os.getpid()
def errno(f):
    try:
        return f()
    except OSError as e:
        return "errno %d" % e.errno
print("starter's session", os.getsid(0), "group", os.getpgrp(), "session leader", os.getsid(0) == pid, "group leader", os.getpgrp() == pid)
print("setsid while in the starter's group", errno(os.setsid) == pid)
print("session leader now", os.getsid(0) == pid, "group", os.getpgrp() == pid)
print("setpgid(0, 0) of a session leader", errno(lambda: os.setpgid(0, 0)))
r = os.fork()
if r == 0:
    print("child: same session", os.getsid(0) == os.getsid(os.getppid()), "group", os.getpgrp() == os.getpgid(os.getppid()))
    print("child: setsid of a non-leader", errno(os.setsid) == os.getpid())
    print("child: setpgid(0, 0) of a session leader", errno(lambda: os.setpgid(0, 0)))
    sys.stdout.flush()
    os._exit(0)
os.waitpid(r, 0)
print("parent: setpgid(child, 0) after it left", errno(lambda: os.setpgid(r, 0)))
`;

const SCRIPT_NO_SETSID = `
import os
pid = os.getpid()
print("starter's session", os.getsid(0), "group", os.getpgrp())
os.setpgid(0, 0)
print("own group after setpgid(0, 0)", os.getpgrp() == pid, "session unchanged", os.getsid(0) != pid)
try:
    os.setsid()
    print("setsid of a group leader succeeded")
except OSError as e:
    print("setsid of a group leader", e.errno)
`;

function runIn(argv: string[]): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-session-"));
  try {
    const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, encoding: "utf8", timeout: 120_000 });
    if (r.error) throw r.error;
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the user-mode CLI's process group and session", { timeout: 240_000 }, () => {
  for (const g of PYTHON_GUESTS) {
    for (const [name, script] of [
      ["setsid, then setpgid of a leader, in a child too", SCRIPT],
      ["setpgid(0, 0), then setsid of a group leader", SCRIPT_NO_SETSID],
    ]) {
      for (const [where, prefix] of [
        ["", []],
        [" in a new pid namespace", ["unshare", "--pid", "--fork", "--mount-proc"]],
      ] as const) {
        test(`${g.arch}: ${name}${where}, as qemu-user`, () => {
          const { qemu, sysroot } = g.tools();
          const py = join(sysroot, "usr/bin/python3.13");
          const cli = join(repoRoot(), `tools/bin/tciemu-${g.arch}`);
          const q = runIn([...prefix, qemu, ...g.qemuArgs, "-L", sysroot, py, "-S", "-c", script]);
          const t = runIn([...prefix, cli, "-L", sysroot, py, "-S", "-c", script]);
          expect(q.status, q.stderr).toBe(0);
          expect(q.stdout).toMatch(where ? /starter's session 0 group 0/ : /starter's session \d+ group \d+/);
          expect(t.stdout).toBe(q.stdout);
          expect(t.stderr).toBe(q.stderr);
          expect(t.status).toBe(q.status);
        });
      }
    }
  }
});
