// tciemu-system-riscv64: the RISC-V `virt` board, with qemu-system-riscv64's command line
// (src/cli/system-cli.ts has the options, the console and the monitor every board shares).
//
//   tciemu-system-riscv64 -M virt -m 256M -bios fw_dynamic.bin -kernel Image -initrd initrd.gz \
//       -append "console=ttyS0" -nographic
//
// The exit status is 0 after a guest poweroff, the guest's code after a sifive-test failure, 1 on
// a setup error.
import { readFileSync } from "node:fs";
import { cachedOpensbi } from "./debian-cache.ts";
import { loadVirtSnapshot, saveVirtSnapshot, snapshotInfo } from "../hw/virt-snapshot.ts";
import { BootError, VirtBoard } from "../hw/virt.ts";
import { formatJitStats, jitStats } from "../debug/jit-stats.ts";
import { isMainModule } from "./main-module.ts";
import type { SnapshotDir } from "./snapshot-dir.ts";
import {
  parseSystemArgs as parseBoardArgs,
  runSystemCli,
  systemMain,
  systemMonitorCommand,
  type MonitorReply,
  type SystemBoard,
  type SystemOptions,
} from "./system-cli.ts";

/** The riscv64 board's own options. */
export interface RiscvSystemExtra {
  /** -bios FILE|default|none. */
  bios: string | null;
}

/** The options as the shared parser returns them, with -bios at the top as before. */
export type RiscvSystemOptions = SystemOptions<RiscvSystemExtra> & RiscvSystemExtra;

export const RISCV64_SYSTEM: SystemBoard<VirtBoard, RiscvSystemExtra> = {
  command: "tciemu-system-riscv64",
  qemuName: "riscv64",
  title: "RISC-V 64 'virt' board emulator",
  machineHelp: "virt                 RISC-V VirtIO board",
  defaultMemBytes: 256 << 20,
  usageBoard: `-m SIZE                 RAM size, e.g. 256M or 1G (default 256M; the Debian kernel needs >= 80M)
-smp 1                  one hart
-bios FILE|default|none M-mode firmware (default: Debian's OpenSBI fw_dynamic.bin, see tools/debian/fetch.sh system)
-kernel FILE            kernel Image, loaded at 0x80200000 and entered in S mode by OpenSBI
`,
  usageTail: `-d item[,...]           logging: in_asm, op, op_opt, out_asm, exec, cpu, fpu, int, nochain, jit
                        (as in user mode; int: riscv_cpu_do_interrupt lines; -d help lists them)
-D FILE                 log to FILE (default stderr)
-dfilter RANGE[,...]    restrict in_asm/op/op_opt/out_asm/exec/cpu to TBs in 0xLO..0xHI, 0xLO+LEN, 0xHI-LEN
-gdb tcp:[HOST]:PORT    gdb stub (registers x0-x31, pc, f0-f31, fcsr; memory at the hart's current
                        virtual addresses; breakpoints, stepi, continue, Ctrl-C, detach, kill)
-s                      shorthand for -gdb tcp::1234
-S                      do not start the CPU: wait for gdb's continue (or the monitor's 'cont')
`,
  network: true,
  defaultExtra: () => ({ bios: "default" }),
  parseOption(x, name, _raw, need) {
    if (name !== "-bios") return false;
    x.bios = need();
    return true;
  },
  make(o, inp) {
    let bios: Uint8Array = new Uint8Array(0);
    if (o.extra.bios !== "none" && o.extra.bios !== null) {
      const path = o.extra.bios === "default" ? cachedOpensbi("fw_dynamic", "bin") : o.extra.bios;
      if (!path) throw new BootError("no -bios given and Debian's OpenSBI is not in the cache: run 'bash tools/debian/fetch.sh system'");
      bios = readFirmware(path);
    }
    return new VirtBoard({
      ramBytes: o.memBytes,
      bios,
      kernel: inp.kernel,
      initrd: inp.initrd,
      append: o.append,
      dtb: inp.dtb,
      disks: inp.disks,
      shares: inp.shares,
      nics: inp.nics,
      serialOut: inp.serialOut,
      icountShift: o.icountShift,
      random: (d) => void crypto.getRandomValues(d as Uint8Array<ArrayBuffer>),
    });
  },
  isSetupError: (e): e is Error => e instanceof BootError,
  debugMachine: (b) => b.machine,
  fdt: (b) => b.fdt,
  run: (b, budget) => b.machine.run(budget),
  exitStatus(b) {
    const e = b.exit!;
    return e.kind === "reset" ? "reset" : e.kind === "fail" ? e.code : 0;
  },
  input: (b, bytes) => b.input(bytes),
  requestExit: (b) => b.machine.exec.requestExit(),
  nowNs: (b) => b.machine.nowNs(),
  nextDeadlineNs: (b) => b.machine.nextDeadlineNs(),
  insns: (b) => b.machine.insns,
  resetInPlace: () => false,
  monitor: riscvMonitor,
  monitorHelp: "info registers|jit|mtree|snapshots, x /Nx ADDR, xp /Nx ADDR",
  infoHelp: "info registers | info jit | info mtree | info snapshots",
  saveSnapshot: saveVirtSnapshot,
  loadSnapshot: loadVirtSnapshot,
  snapshotInfo,
};

/** The firmware file (a missing one is a setup error with QEMU's wording). */
function readFirmware(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BootError(`could not load firmware '${path}': ${code === "ENOENT" ? "No such file or directory" : String(code ?? e)}`);
  }
}

export function parseSystemArgs(argv: string[]): RiscvSystemOptions {
  const o = parseBoardArgs(RISCV64_SYSTEM, argv);
  return { ...o, bios: o.extra.bios };
}

export function main(argv: string[]): Promise<void> {
  return systemMain(RISCV64_SYSTEM, argv);
}

/** The monitor (QEMU's HMP subset) on this board. */
export function monitorCommand(board: VirtBoard, line: string, reset: () => void, snapshots: SnapshotDir | null = null): MonitorReply {
  return systemMonitorCommand(RISCV64_SYSTEM, board, line, reset, snapshots);
}

/** The board's own monitor commands: info registers, info jit, info mtree, x, xp. */
function riscvMonitor(board: VirtBoard, cmd: string, args: string[]): string | undefined {
  const m = board.machine;
  const hex = (v: bigint | number, w = 16) => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(w, "0");
  switch (cmd) {
    case "info":
      switch (args[0]) {
        case "registers": {
          const c = m.cpu;
          const lines = [` pc       ${hex(c.pc)}`, ` priv     ${m.priv.priv}`];
          for (let i = 0; i < 32; i += 4)
            lines.push([0, 1, 2, 3].map((k) => ` x${String(i + k).padEnd(2)} ${hex(c.getX(i + k))}`).join(""));
          lines.push(` mstatus  ${hex(m.priv.mstatus)}  satp ${hex(m.priv.satp)}  mepc ${hex(m.priv.mepc)}  sepc ${hex(m.priv.sepc)}`);
          return lines.join("\n");
        }
        case "jit":
          return formatJitStats(jitStats(m.exec));
        case "mtree":
          return mtreeText();
      }
      return undefined;
    case "x":
    case "xp": {
      const fmt = /^\/(\d+)([xdub]?)$/.exec(args[0] ?? "") ?? ["", "1", "x"];
      const n = Number(fmt[1]);
      const addr = Number(BigInt(args[args.length - 1] ?? "0"));
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        const a = addr + 4 * i;
        let pa = a;
        if (cmd === "x") {
          const perms = { r: false, w: false };
          pa = m.mmu.translate(a | 0, Math.floor(a / 4294967296) | 0, 0, m.priv.priv, true, perms);
          if (pa < 0) {
            lines.push(`${hex(a)}: Cannot access memory`);
            break;
          }
        }
        const off = m.ramOffset(pa);
        const v = off < 0 ? 0 : new DataView(m.ram).getUint32(off, true);
        lines.push(`${hex(a)}: 0x${v.toString(16).padStart(8, "0")}`);
      }
      return lines.join("\n");
    }
  }
  return undefined;
}

function mtreeText(): string {
  return [
    "address-space: memory",
    "  0000000000000000-ffffffffffffffff (prio 0, i/o): system",
    "    0000000000001000-0000000000001fff (prio 0, rom): riscv_virt_board.mrom",
    "    0000000000100000-0000000000100fff (prio 0, i/o): riscv.sifive.test",
    "    0000000000101000-0000000000101fff (prio 0, i/o): goldfish_rtc",
    "    0000000002000000-000000000200ffff (prio 0, i/o): riscv.aclint.swi / mtimer",
    "    000000000c000000-000000000c5fffff (prio 0, i/o): riscv.sifive.plic",
    "    0000000010000000-0000000010000007 (prio 0, i/o): serial",
    "    0000000010001000-0000000010008fff (prio 0, i/o): virtio-mmio x8",
    "    0000000080000000-....             (prio 0, ram): riscv_virt_board.ram",
  ].join("\n");
}

// Run only as the entry point, so tests can import monitorCommand.
if (isMainModule(import.meta.url)) runSystemCli(RISCV64_SYSTEM.command, main);
