// tciemu-i386's -strace and -d in_asm,op,cpu against qemu-i386 -cpu qemu32,-sse3, both with an empty
// environment (so the initial stack, and ESP in the cpu blocks, are the same):
//  - the int $0x80 hello: the whole -strace output; every in_asm and cpu block of -d in_asm,op,cpu and
//    every insn_start line of its op blocks ("---- pc cc_op"). The rest of an op block differs by
//    design (src/debug/tcg-dump.ts: one tb_start op for QEMU's prologue, temps named tmpN, helper calls
//    without env), so it is not compared.
//  - Debian's dynamically linked cat with -L, its stdout a pipe: every -strace line of the dynamic
//    loader and of the program up to its close(2) (after which qemu-i386's own log on the closed
//    stderr is lost), pids aside, minus the two calls whose text depends on the host:
//    set_tid_address returns the pid, and ugetrlimit's unused fifth argument is whatever the
//    loader's rdtsc left in edi.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { hasSysrootFor, repoRoot, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";

const CLI = join(repoRoot(), "src/cli/i386-user.ts");
const HELLO = join(repoRoot(), "testdata/i386/hello/hello.elf");
const QEMU_CPU = ["-cpu", "qemu32,-sse3"];

function qemu(args: string[]) {
  const q = trixieQemuUser("i386");
  if (!q) throw new Error("no trixie qemu-i386: run 'bash tools/debian/fetch.sh qemu'");
  return spawnSync(q, [...QEMU_CPU, ...args], { env: {}, encoding: "latin1", cwd: repoRoot() });
}

function tciemu(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { env: {}, encoding: "latin1", cwd: repoRoot() });
}

/** -strace lines with the pid replaced. */
const straceLines = (stderr: string) => stderr.split("\n").map((l) => l.replace(/^\d+ /, "PID "));

/** A -d log's blocks, as QEMU separates them, each as text. */
function logOf(run: (a: string[]) => ReturnType<typeof qemu>, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "tciemu-i386-dlog-"));
  try {
    const log = join(dir, "log");
    const r = run(["-d", "in_asm,op,cpu", "-D", log, ...args]);
    expect(r.status).toBe(0);
    return readFileSync(log, "latin1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("tciemu-i386 -strace and -d logs in qemu-i386's formats", { timeout: 180_000 }, () => {
  test("-strace of the int $0x80 hello", () => {
    const q = qemu(["-strace", HELLO]);
    const t = tciemu(["-strace", HELLO]);
    expect(t.stdout).toBe(q.stdout);
    expect(straceLines(t.stderr)).toEqual(straceLines(q.stderr));
    expect(straceLines(t.stderr)).toContain("PID write(1,0x804a000,14) = 14");
  });

  test("-d in_asm,op,cpu of the int $0x80 hello: in_asm and cpu blocks, insn_start words", () => {
    const q = logOf(qemu, [HELLO]);
    const t = logOf(tciemu, [HELLO]);
    const inAsm = (log: string) => [...log.matchAll(/^IN: .*\n(?:0x[0-9a-f]{8}:.*\n)+/gm)].map((m) => m[0]);
    const cpu = (log: string) => [...log.matchAll(/^EAX=[\s\S]*?\nEFER=.*\n/gm)].map((m) => m[0]);
    const insnStarts = (log: string) => [...log.matchAll(/^ ---- [0-9a-f]+ [0-9a-f]+$/gm)].map((m) => m[0]);
    expect(inAsm(t)).toEqual(inAsm(q));
    expect(cpu(t)).toEqual(cpu(q));
    expect(insnStarts(t)).toEqual(insnStarts(q));
    expect(inAsm(q).length).toBe(2);
    expect(cpu(q).length).toBe(2);
    expect(insnStarts(q)).toContain(" ---- 0000000008049000 0000000000000037"); // pc, CC_OP_DYNAMIC
  });

  test("-strace of Debian's cat (dynamic loader, glibc start-up, open and statx)", () => {
    if (!hasSysrootFor("i386")) throw new Error(`no i386 sysroot at ${sysrootDir("i386")}: run 'bash tools/debian/fetch.sh sysroot i386'`);
    const sysroot = sysrootDir("i386");
    const args = ["-L", sysroot, "-strace", join(sysroot, "usr/bin/cat"), "/etc/debian_version"];
    const pick = (stderr: string) => {
      const lines = straceLines(stderr);
      const end = lines.findIndex((l) => l.startsWith("PID close(2)"));
      expect(end).toBeGreaterThan(20);
      return lines.slice(0, end).filter((l) => !/^PID (set_tid_address|ugetrlimit)\(/.test(l));
    };
    const q = pick(qemu(args).stderr);
    const t = pick(tciemu(args).stderr);
    expect(t).toEqual(q);
    expect(t).toContain('PID openat(AT_FDCWD,"/etc/debian_version",O_RDONLY|O_LARGEFILE) = 3');
    expect(t.some((l) => /^PID write\(1,0x[0-9a-f]+,6\) = 6$/.test(l))).toBe(true);
    expect(t.some((l) => l.startsWith('PID access("/etc/ld.so.preload",R_OK) = -1 errno=2'))).toBe(true);
  });
});
