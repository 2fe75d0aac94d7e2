// A FIFO that exists on the host (made by the host's mkfifo before the run; src/linux-user/fifos.ts
// HostFifo) on every guest, against Debian's qemu-user, through Python 3.13: O_WRONLY|O_NONBLOCK
// without a reader (ENXIO), a non-blocking reader (EOF without a writer, EAGAIN with one, poll),
// a reader whose open waits for a guest child to open for writing and reads to the end, a writer
// whose open waits for a child reader, a 300000-byte write to a child reader (whole, waiting for
// room), and a reader that waits for a host process's write while a guest child keeps running (the
// child's line comes first: before, the blocking host open and read stalled every guest process
// until the host wrote), O_RDWR (never waits). The host writer starts once the guest made a
// marker file, so the order does not depend on how fast the guest starts.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "vitest";
import { diff, runQemu, runTciemu, type Case, type Outcome } from "./harness.ts";
import { PYTHON_GUESTS, pythonCase } from "./python-guests.ts";

const SCRIPT = `import os, stat, errno, time, select, sys
A, B, MARK = sys.argv[1], sys.argv[2], sys.argv[3]
def e(f, *a):
    try: return f(*a)
    except OSError as x: return errno.errorcode[x.errno]
print(stat.S_ISFIFO(os.stat(A).st_mode), e(os.open, A, os.O_WRONLY | os.O_NONBLOCK))
r = os.open(A, os.O_RDONLY | os.O_NONBLOCK); print(os.read(r, 10), stat.S_ISFIFO(os.fstat(r).st_mode))
w = os.open(A, os.O_WRONLY | os.O_NONBLOCK); print(e(os.read, r, 10), os.write(w, b"hello"), os.read(r, 3), os.read(r, 10), e(os.read, r, 10))
p = select.poll(); p.register(r, select.POLLIN); print(p.poll(0)); os.write(w, b"x"); print(p.poll(0), os.read(r, 5))
os.close(w); print(os.read(r, 10)); os.close(r)
pid = os.fork()
if pid == 0:
    time.sleep(0.05); fd = os.open(A, os.O_WRONLY); os.write(fd, b"from the child"); time.sleep(0.05); os.write(fd, b" twice"); os.close(fd); os._exit(0)
fd = os.open(A, os.O_RDONLY); got = b""
while True:
    b = os.read(fd, 100)
    if not b: break
    got += b
print(got, os.waitpid(pid, 0)[1]); os.close(fd)
pid = os.fork()
if pid == 0:
    fd = os.open(A, os.O_RDONLY); time.sleep(0.05); print("child read", os.read(fd, 100), flush=True); os._exit(0)
fd = os.open(A, os.O_WRONLY); print("writer opened", flush=True); os.write(fd, b"to the child"); os.close(fd); os.waitpid(pid, 0)
pid = os.fork()
if pid == 0:
    fd = os.open(A, os.O_RDONLY); n = 0
    while True:
        b = os.read(fd, 65536)
        if not b: break
        n += len(b)
    print("child got", n, flush=True); os._exit(0)
fd = os.open(A, os.O_WRONLY); print("wrote", os.write(fd, bytes(300000)), flush=True); os.close(fd); os.waitpid(pid, 0)
pid = os.fork()
if pid == 0:
    time.sleep(0.1); print("child ran while the parent waits for the host", flush=True); os._exit(0)
open(MARK, "w").close()
fd = os.open(B, os.O_RDONLY); data = b""
while True:
    b = os.read(fd, 100)
    if not b: break
    data += b
print("from the host:", data, flush=True); os.waitpid(pid, 0)
r = os.open(B, os.O_RDWR); p = select.poll(); p.register(r, select.POLLIN); print(p.poll(0), e(os.read, os.open(B, os.O_RDONLY | os.O_NONBLOCK), 5))
`;

/** Runs `c` with two fresh host FIFOs and a host writer into the second once the guest makes the marker. */
function withHostFifos(run: (c: Case) => Outcome): Outcome {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "tciemu-hostfifo-")));
  const [a, b, mark] = [join(dir, "a"), join(dir, "b"), join(dir, "ready")];
  const mk = spawnSync("mkfifo", [a, b]);
  if (mk.error || mk.status !== 0) throw new Error(`mkfifo: ${mk.error?.message ?? mk.stderr}`);
  const writer = spawn("sh", ["-c", `while [ ! -e "${mark}" ]; do sleep 0.05; done; sleep 1; printf 'host bytes' > "${b}"`], {
    stdio: "ignore",
  });
  try {
    const c = pythonCase("python and a FIFO the host made", SCRIPT);
    return run({ ...c, argv: [...c.argv, a, b, mark] });
  } finally {
    writer.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a FIFO that exists on the host", () => {
  for (const g of PYTHON_GUESTS)
    test(
      `${g.arch}: python reads and writes a host FIFO as under qemu-user, without stalling other guest processes`,
      { timeout: 300_000 },
      () => {
        const { qemu, sysroot } = g.tools();
        const q = withHostFifos((c) => runQemu(c, qemu, sysroot, g.qemuArgs));
        if (q.status !== 0) throw new Error(`the script failed under qemu-user: ${q.stderr.toString()}`);
        const t = withHostFifos((c) => runTciemu(c, sysroot, g.abi ? { abi: g.abi } : {}));
        const d = diff(q, t);
        if (d) throw new Error(`${g.arch}: ${d}`);
      },
    );
});
