// The Debian boot of `npm run bench -- --only boot` (Debian's riscv64 kernel + OpenSBI to our
// initramfs shell, in-process, 256 MiB virt board), run in a child that tools/bench/jitless.ts starts
// under `node --jitless`. Prints one JSON line: guest instructions, wall and CPU seconds from board
// creation to the shell marker (tsx's start-up and the initramfs build are outside the timing).
//
//   node --jitless --import tsx tools/bench/jitless-boot.ts [limit seconds]
import { readFileSync } from "node:fs";
import { opensbiFirmware, systemBusybox, systemKernel } from "../debian/paths.ts";
import { buildInitramfs, SHELL_STARTING } from "../system/initramfs.ts";
import { VirtBoard } from "../../src/hw/virt.ts";

export interface BootFigures {
  ok: boolean;
  insns: number;
  secs: number;
  cpuSecs: number;
}

/** Boots to SHELL_STARTING (or until `limitSecs` of wall time) and returns the figures. */
export function bootToShell(limitSecs: number): BootFigures {
  const kernel = systemKernel();
  const bios = opensbiFirmware("fw_dynamic", "bin");
  const busybox = systemBusybox();
  if (!kernel || !bios || !busybox) throw new Error("missing Debian system files: run 'bash tools/debian/fetch.sh system'");
  const initrd = buildInitramfs({ busybox }).gz;
  let out = "";
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const board = new VirtBoard({
    ramBytes: 256 << 20,
    bios: new Uint8Array(readFileSync(bios)),
    kernel: new Uint8Array(readFileSync(kernel)),
    initrd,
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

if (process.argv[1]?.endsWith("jitless-boot.ts")) process.stdout.write(JSON.stringify(bootToShell(Number(process.argv[2] ?? 1800))) + "\n");
