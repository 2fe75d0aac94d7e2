// /proc/cpuinfo describes the guest CPU as qemu-user makes it up (linux-user/riscv/target_proc.h):
// tciemu's must be byte-identical to Debian's qemu-riscv64 configured as the CPU tciemu emulates
// (RISCV64_QEMU_CPU), one entry per host CPU. (/proc/<pid> is compared with Linux itself by the
// proc.sh script of processes.test.ts.)
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import { describe, expect, test } from "vitest";
import { BufferHost } from "../../src/linux-user/host.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { RISCV64_QEMU_CPU } from "../../src/linux-user/riscv64/abi.ts";
import { NodeFs } from "../../src/cli/node-host.ts";
import { requireTools } from "./harness.ts";
import { readFileSync, realpathSync } from "node:fs";

class CpusHost extends BufferHost {
  /** What qemu counts: sysconf(_SC_NPROCESSORS_ONLN). */
  readonly cpus = os.cpus().length;
}

describe("/proc/cpuinfo", () => {
  test("matches qemu-riscv64 with the CPU tciemu emulates", { timeout: 120_000 }, () => {
    const { qemu, sysroot } = requireTools();
    const prog = `${sysroot}/usr/bin/busybox`;
    const q = spawnSync(qemu, ["-cpu", RISCV64_QEMU_CPU, "-L", sysroot, prog, "cat", "/proc/cpuinfo"], { encoding: "utf8" });
    expect(q.status, q.stderr).toBe(0);
    const host = new CpusHost(new Uint8Array(0), new NodeFs());
    const p = new LinuxProcess(host, { sysroot });
    p.load(new Uint8Array(readFileSync(prog)), ["busybox", "cat", "/proc/cpuinfo"], [], realpathSync(prog));
    const r = p.run();
    expect(r.exitCode).toBe(0);
    expect(new TextDecoder().decode(host.stdout())).toBe(q.stdout);
    expect(q.stdout).toContain("isa\t\t: rv64imafdc_");
  });
});
