// The ARM boot benchmark: Debian's armmp kernel to our initramfs shell on the ARM virt board, tciemu
// (in-process, real-time clock, the XZ zImage unpacked by the board as its fast path) next to
// trixie's qemu-system-arm 10.0 (tools/debian/fetch.sh qemu-system-arm; JIT, -M virt -cpu
// cortex-a15, the zImage's own decompressor) on the same files,
// wall time to the same console marker.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArmVirtBoard } from "../../src/hw/arm-virt.ts";
import { ArmSystemCpu } from "../../src/target/arm/system-cpu.ts";
import { FETCH_QEMU_SYSTEM_ARM, qemuSystemArm, systemArmBusybox, systemArmKernel } from "../debian/paths.ts";
import { buildInitramfs, SHELL_STARTING } from "../system/initramfs.ts";

export interface ArmBootRow {
  emulator: string;
  insns: number | null;
  secs: number | null;
  note?: string;
}

/** Boots tciemu once (fast path unless `unpack` is false) and returns instructions and seconds to the shell. */
export function armBootTciemu(kernel: Uint8Array, initrd: Uint8Array, unpack: boolean, limitSecs = 900): ArmBootRow {
  let out = "";
  const t0 = performance.now();
  const board = new ArmVirtBoard({
    ramBytes: 256 << 20,
    kernel,
    initrd,
    append: "console=ttyAMA0",
    serialOut: (b) => (out += new TextDecoder().decode(b)),
    unpackZImage: unpack,
    cpu: (host) => new ArmSystemCpu(host),
  });
  while (!out.includes(SHELL_STARTING)) {
    const r = board.machine.run(2_000_000);
    if (r === "exit" || performance.now() - t0 > limitSecs * 1000) break;
  }
  const secs = (performance.now() - t0) / 1000;
  const ok = out.includes(SHELL_STARTING);
  return {
    emulator: unpack ? "tciemu (Node, zImage unpacked by the board)" : "tciemu (Node, the zImage's own decompressor)",
    insns: board.machine.insns,
    secs,
    note: ok ? undefined : "did not reach the shell",
  };
}

export function armBootQemu(kernelPath: string, initrd: Uint8Array): Promise<ArmBootRow> {
  const initrdPath = join(mkdtempSync(join(tmpdir(), "tciemu-bench-arm-")), "initrd.gz");
  writeFileSync(initrdPath, initrd);
  const emulator = "qemu-system-arm 10.0 (JIT, zImage decompressor)";
  const qemu = qemuSystemArm();
  if (qemu === undefined) return Promise.resolve({ emulator, insns: null, secs: null, note: `n/a (${FETCH_QEMU_SYSTEM_ARM})` });
  return new Promise((resolve) => {
    const q0 = performance.now();
    let qout = "";
    const args = ["-M", "virt", "-cpu", "cortex-a15", "-m", "256M", "-nic", "none", "-kernel", kernelPath, "-initrd", initrdPath];
    const p = spawn(qemu, [...args, "-append", "console=ttyAMA0", "-nographic"], { stdio: ["ignore", "pipe", "pipe"] });
    p.on("error", () => resolve({ emulator, insns: null, secs: null, note: `n/a (${qemu} did not start)` }));
    p.stdout.on("data", (d: Buffer) => {
      qout += d.toString("latin1");
      if (qout.includes(SHELL_STARTING)) {
        resolve({ emulator, insns: null, secs: (performance.now() - q0) / 1000 });
        p.kill("SIGKILL");
      }
    });
    setTimeout(() => {
      p.kill("SIGKILL");
      resolve({ emulator, insns: null, secs: null, note: "no shell within 300 s" });
    }, 300_000);
  });
}

export async function runArmBootBench(log: (s: string) => void): Promise<void> {
  const kernelPath = systemArmKernel();
  const busybox = systemArmBusybox();
  if (!kernelPath || !busybox) {
    log("  missing: run 'bash tools/debian/fetch.sh system-arm'");
    return;
  }
  const initrd = buildInitramfs({ busybox }).gz;
  const kernel = new Uint8Array(readFileSync(kernelPath));
  const rows = [armBootTciemu(kernel, initrd, true), await armBootQemu(kernelPath, initrd)];
  log("| emulator | guest insns to shell | wall s | MIPS |");
  log("|---|---:|---:|---:|");
  for (const r of rows) {
    const insns = r.insns === null ? "" : r.insns.toLocaleString("en-US");
    const secs = r.secs === null ? (r.note ?? "n/a") : r.secs.toFixed(1) + (r.note ? ` (${r.note})` : "");
    const mips = r.insns !== null && r.secs ? (r.insns / r.secs / 1e6).toFixed(1) : "";
    log(`| ${r.emulator} | ${insns} | ${secs} | ${mips} |`);
  }
  const [t, q] = rows;
  if (t.secs !== null && q.secs !== null) log(`\ntciemu/QEMU-JIT ARM boot-time ratio: ${(t.secs / q.secs).toFixed(1)}x slower`);
}
