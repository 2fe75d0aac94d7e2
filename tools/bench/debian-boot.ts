// The Debian boot the benches time: Debian's riscv64 kernel + OpenSBI to our initramfs shell on the
// 256 MiB virt board, in-process, real-time clock (as a user runs it). `npm run bench -- --only boot`
// (tools/bench/run.ts) runs it with the JIT, tools/bench/jitless-boot.ts under `node --jitless`.
import { readFileSync } from "node:fs";
import { opensbiFirmware, systemBusybox, systemKernel } from "../debian/paths.ts";
import { buildInitramfs, SHELL_STARTING } from "../system/initramfs.ts";
import { VirtBoard } from "../../src/hw/virt.ts";

export interface BootFiles {
  kernel: string;
  bios: string;
  /** The gzip'd initramfs (busybox shell), built once. */
  initrd: Uint8Array;
}

export interface BootFigures {
  ok: boolean;
  insns: number;
  secs: number;
  cpuSecs: number;
}

/** The boot's files, or null when `tools/debian/fetch.sh system` has not fetched them. */
export function bootFiles(): BootFiles | null {
  const kernel = systemKernel();
  const bios = opensbiFirmware("fw_dynamic", "bin");
  const busybox = systemBusybox();
  if (!kernel || !bios || !busybox) return null;
  return { kernel, bios, initrd: buildInitramfs({ busybox }).gz };
}

/** Boots to SHELL_STARTING (or until `limitSecs` of wall time) from board creation on; returns the figures. */
export function bootToShell(files: BootFiles, limitSecs: number): BootFigures {
  let out = "";
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const board = new VirtBoard({
    ramBytes: 256 << 20,
    bios: new Uint8Array(readFileSync(files.bios)),
    kernel: new Uint8Array(readFileSync(files.kernel)),
    initrd: files.initrd,
    append: "console=ttyS0",
    serialOut: (b) => (out += new TextDecoder().decode(b)),
  });
  while (!out.includes(SHELL_STARTING)) {
    const r = board.machine.run(2_000_000);
    if (r === "exit" || performance.now() - t0 > limitSecs * 1000) break;
  }
  const c = process.cpuUsage(c0);
  return {
    ok: out.includes(SHELL_STARTING),
    insns: board.machine.insns,
    secs: (performance.now() - t0) / 1000,
    cpuSecs: (c.user + c.system) / 1e6,
  };
}
