// System V IPC (src/linux-user/sysv-ipc.ts, syscalls/ipc.ts) on every guest, against Debian's
// qemu-user: the Python script testdata/linux-user/sysv-ipc.py calls libc's shmget/shmat/shmdt/
// shmctl, semget/semop/semtimedop/semctl and msgget/msgsnd/msgrcv/msgctl through ctypes (glibc
// reaches them through ipc(2) on i386 and the direct calls on riscv64 and ARM; the script also
// calls ipc(2) itself on i386 and ARM, and i386's direct calls), forks for the cross-process cases
// (a segment shared by parent and child, attach counts over fork and exit, a blocked semop woken by
// another process, SEM_UNDO at exit, blocked msgsnd/msgrcv, EIDRM for waiters of a removed object,
// EINTR from a handler) and prints errno values and stat fields, never ids, keys or addresses.
// Perl's built-in shmread/shmwrite, msgsnd/msgrcv and semop/semctl (testdata/linux-user/sysv-ipc.pl)
// are a second program on the same calls, and -strace's lines of them are QEMU's. Before, every call
// was ENOSYS. /proc/sysvipc/* is compared with what qemu-user shows of its host's (in the fresh
// namespace: the guest's own objects), pids and times masked.
//
// qemu-arm's msqid64_ds is 4 bytes off Linux's from msg_stime on (QEMU's target_msqid_ds aligns its
// 64-bit times to 8 on ARM, where Linux has two longs each), so under it the message-queue part
// prints only the ipc_perm fields; the full output of tciemu's ARM run is compared with qemu-i386's
// instead, whose 32-bit layout is the same asm-generic one.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { diff, runQemu, runTciemu, type Case } from "./harness.ts";
import { spawnSync } from "node:child_process";
import { PYTHON_GUESTS, type PythonGuest } from "./python-guests.ts";

const SCRIPT = readFileSync(new URL("../../testdata/linux-user/sysv-ipc.py", import.meta.url), "utf8");
const part = (...args: string[]): Case => ({ name: args.join(" "), argv: ["/usr/bin/python3.13", "-S", "-c", SCRIPT, ...args] });

const guest = (arch: PythonGuest["arch"]) => PYTHON_GUESTS.find((g) => g.arch === arch)!;

/**
 * `c` under g's qemu-user in an IPC namespace of its own (`unshare --ipc`, as root), whose ids start
 * at 0 like those of tciemu's kernel and where no other program's objects show in the *_INFO answers.
 */
function runQemuFreshIpc(g: PythonGuest, c: Case) {
  const { qemu, sysroot } = g.tools();
  const u = spawnSync("unshare", ["--ipc", "true"]);
  if (u.error || u.status !== 0) throw new Error(`'unshare --ipc' does not work here: ${u.error ?? u.stderr.toString()}`);
  return runQemu(c, "unshare", sysroot, ["--ipc", qemu, ...g.qemuArgs]);
}

/** Runs `c` under qemu-user (in a fresh IPC namespace; it must succeed) and tciemu on guest `g`; throws on any difference. */
function expectSameAsQemu(g: PythonGuest, c: Case): void {
  const q = runQemuFreshIpc(g, c);
  if (q.status !== 0) throw new Error(`the script failed under qemu-user: ${q.stderr.toString()}`);
  const t = runTciemu(c, g.tools().sysroot, g.abi ? { abi: g.abi } : {});
  const d = diff(q, t);
  if (d) throw new Error(`${g.arch}: ${d}`);
}

describe("System V IPC", () => {
  for (const g of PYTHON_GUESTS) {
    const c = g.arch === "arm" ? part("shm", "sem", "msg", "proc", "perm-only") : part("shm", "sem", "msg", "proc");
    test(`${g.arch}: shared memory, semaphores and message queues match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, c));
  }

  // perl's built-in SysV calls (shmread/shmwrite attach and detach each time)
  const PERL: Case = {
    name: "perl shmread/shmwrite, msgsnd/msgrcv, semop/semctl",
    argv: ["/usr/bin/perl", "-e", readFileSync(new URL("../../testdata/linux-user/sysv-ipc.pl", import.meta.url), "utf8")],
  };
  for (const g of PYTHON_GUESTS) test(`${g.arch}: ${PERL.name} match qemu-user`, { timeout: 300_000 }, () => expectSameAsQemu(g, PERL));

  // -strace's shmat, semctl and ipc lines (QEMU's print_shmat, print_semctl, print_ipc), ids and
  // address digits masked
  const STRACE: Case = {
    name: "-strace of shmat, semctl, ipc",
    argv: [
      "/usr/bin/python3.13",
      "-S",
      "-c",
      [
        "import ctypes",
        "libc = ctypes.CDLL(None)",
        "libc.shmat.restype = ctypes.c_void_p",
        "id = libc.shmget(0, 10000, 0o1600)",
        "libc.shmat(id, None, 0)",
        "libc.shmat(id, None, 0o10000)",
        "libc.shmctl(id, 0, None)",
        "s = libc.semget(0, 2, 0o1600)",
        "libc.semctl(s, 1, 16, 3)",
        "libc.semctl(s, 1, 12)",
        "libc.semctl(s, 0, 14)",
        "libc.semctl(s, 0, 0)",
      ].join("\n"),
    ],
  };
  const ipcLines = (log: string) =>
    log
      .split("\n")
      .filter((l) => /^\d+ (shmat|semctl|ipc)\(/.test(l))
      .map((l) =>
        l
          .replace(/^\d+ /, "")
          .replace(/^(shmat|semctl)\(\d+,/, "$1(ID,")
          .replace(/^ipc\((\d+),\d+,/, "ipc($1,ID,")
          .replace(/^(ipc\((2|23),.*) = \d+$/, "$1 = ID")
          .replace(/0x[0-9a-f]+/g, (h) => "0x" + "h".repeat(h.length - 2)),
      );
  for (const g of PYTHON_GUESTS)
    test(`${g.arch}: -strace's SysV IPC lines match qemu-user's`, { timeout: 300_000 }, () => {
      const { qemu, sysroot } = g.tools();
      const q = ipcLines(runQemu(STRACE, qemu, sysroot, [...g.qemuArgs, "-strace"]).stderr.toString());
      if (q.length < 6) throw new Error(`qemu-user's -strace has ${q.length} lines of these calls`);
      const lines: string[] = [];
      runTciemu(STRACE, sysroot, { ...(g.abi ? { abi: g.abi } : {}), strace: (l) => lines.push(l) });
      expect(ipcLines(lines.join("\n"))).toEqual(q);
    });

  test("arm: msqid64_ds is the 32-bit asm-generic layout qemu-i386 shows", { timeout: 300_000 }, () => {
    const i386 = guest("i386"),
      arm = guest("arm");
    const c = part("msg");
    const q = runQemuFreshIpc(i386, c);
    expect(q.status).toBe(0);
    // i386 alone makes its direct calls
    q.stdout = Buffer.from(
      q.stdout
        .toString()
        .split("\n")
        .filter((l) => !l.startsWith("direct "))
        .join("\n"),
    );
    const t = runTciemu(c, arm.tools().sysroot, { abi: arm.abi });
    const d = diff(q, t);
    if (d) throw new Error(d);
  });
});
