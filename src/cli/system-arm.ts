// tciemu-system-arm: the ARM `virt` board with a Cortex-A15, with qemu-system-arm's command line
// (src/cli/system-cli.ts has the options, the console and the monitor every board shares; this
// file is the board's descriptor: -cpu, --unpack-zimage, the board, its monitor commands, its
// snapshots).
//
//   tciemu-system-arm -M virt -cpu cortex-a15 -m 256M -kernel zImage -initrd initrd.gz \
//       -append "console=ttyAMA0" -nographic
//
// The console is the PL011 on stdio. Ctrl-A x exits, Ctrl-A c switches between console and
// monitor, Ctrl-A h lists these keys. The exit status is 0 after a PSCI SYSTEM_OFF (or with
// -no-reboot, SYSTEM_RESET), 1 on a setup error. No firmware: the kernel is entered as QEMU's
// hw/arm/boot.c enters it; an XZ zImage is unpacked by tciemu and its Image entered directly
// (--unpack-zimage=auto, the default; =off runs the zImage's own decompressor).
import { formatJitStats, jitStats } from "../debug/jit-stats.ts";
import type { SystemDebugMachine } from "../debug/system.ts";
import {
  ArmBootError,
  ArmVirtBoard,
  ARM_VIRT_GIC_CPU,
  ARM_VIRT_GIC_DIST,
  ARM_VIRT_MMIO,
  ARM_VIRT_RTC,
  ARM_VIRT_UART0,
} from "../hw/arm-virt.ts";
import { loadArmVirtSnapshot, saveArmVirtSnapshot } from "../hw/arm-virt-snapshot.ts";
import { snapshotInfo } from "../hw/virt-snapshot.ts";
import { ArmDebugArch } from "../target/arm/debug-arch.ts";
import { ArmSystemCpu } from "../target/arm/system-cpu.ts";
import { isMainModule } from "./main-module.ts";
import type { SnapshotDir } from "./snapshot-dir.ts";
import {
  parseSystemArgs,
  runSystemCli,
  systemMain,
  systemMonitorCommand,
  type MonitorReply,
  type SystemBoard,
  type SystemOptions,
} from "./system-cli.ts";

/** The ARM board's own options. */
export interface ArmSystemExtra {
  /** --unpack-zimage=auto|on|off (tciemu). */
  unpackZImage: boolean | "auto";
}

/** The options as the shared parser returns them, with the board's at the top as before. */
export type ArmSystemOptions = SystemOptions<ArmSystemExtra> & ArmSystemExtra;

/** The board with the CPU the CLI made for it (the monitor and the debugger need the concrete CPU). */
export interface ArmCliBoard {
  board: ArmVirtBoard;
  cpu: ArmSystemCpu;
}

export const ARM_SYSTEM: SystemBoard<ArmCliBoard, ArmSystemExtra> = {
  command: "tciemu-system-arm",
  qemuName: "arm",
  title: "ARM 'virt' board emulator with a Cortex-A15",
  machineHelp: "virt                 QEMU ARM Virtual Machine (Cortex-A15)",
  defaultMemBytes: 128 << 20,
  usageBoard: `-cpu cortex-a15         CPU (only cortex-a15: ARMv7-A with LPAE, VFPv4-D16, no Neon)
-m SIZE                 RAM size, e.g. 256M or 1G (default 128M, at most 3G)
-smp 1                  one CPU
-kernel FILE            zImage, Image or ELF kernel (no firmware: entered as QEMU's hw/arm/boot.c does)
`,
  usageTail: `-d item[,...]           logging: in_asm, op, op_opt, out_asm, exec, cpu, fpu, int, nochain (-d help lists them)
-D FILE                 log to FILE (default stderr)
-dfilter RANGE[,...]    restrict the TB logs to 0xLO..0xHI, 0xLO+LEN, 0xHI-LEN
-gdb tcp:[HOST]:PORT    gdb stub (r0-r15, cpsr, d0-d15, fpscr; memory at the CPU's current virtual addresses)
-s                      shorthand for -gdb tcp::1234
-S                      do not start the CPU: wait for gdb's continue
--unpack-zimage=auto|on|off  unpack an XZ zImage and enter the Image (tciemu; default auto)
`,
  network: false,
  defaultExtra: () => ({ unpackZImage: "auto" }),
  parseOption(x, name, raw, need, fail) {
    if (raw.startsWith("--unpack-zimage=")) {
      const v = raw.slice(16);
      if (v === "auto") x.unpackZImage = "auto";
      else if (v === "on") x.unpackZImage = true;
      else if (v === "off") x.unpackZImage = false;
      else fail(`--unpack-zimage: expected auto, on or off`);
      return true;
    }
    if (name !== "-cpu") return false;
    const v = need();
    if (v === "help") {
      process.stdout.write("Available CPUs:\n  cortex-a15\n");
      process.exit(0);
    }
    if (v.split(",")[0] !== "cortex-a15") fail(`unsupported CPU '${v}' (only cortex-a15)`);
    return true;
  },
  check(o, fail) {
    if (!o.kernel && !o.dumpDtb) fail("no -kernel given (the virt board has no firmware)");
  },
  make(o, inp) {
    const noChain = o.logItems.some((s) => s.split(",").includes("nochain"));
    let cpu!: ArmSystemCpu;
    const board = new ArmVirtBoard({
      ramBytes: o.memBytes,
      kernel: inp.kernel ?? new Uint8Array(64),
      initrd: inp.initrd,
      append: o.append,
      dtb: inp.dtb,
      disks: inp.disks,
      shares: inp.shares,
      serialOut: inp.serialOut,
      icountShift: o.icountShift,
      unpackZImage: o.extra.unpackZImage,
      random: (d) => void crypto.getRandomValues(d as Uint8Array<ArrayBuffer>),
      cpu: (host) => (cpu = new ArmSystemCpu(host, { noChain })),
    });
    return { board, cpu };
  },
  isSetupError: (e): e is Error => e instanceof ArmBootError,
  debugMachine: (b) => armDebugMachine(b.cpu),
  fdt: (b) => b.board.fdt,
  run: (b, budget, noReboot) => b.board.machine.run(budget, noReboot),
  // The machine carries out a reset itself unless -no-reboot: then the run ends as QEMU's does.
  exitStatus: () => 0,
  input: (b, bytes) => b.board.input(bytes),
  requestExit: (b) => b.board.cpu.requestExit(),
  nowNs: (b) => b.board.machine.nowNs(),
  nextDeadlineNs: (b) => b.board.machine.nextDeadlineNs(),
  insns: (b) => b.board.machine.insns,
  resetInPlace: (b) => {
    b.board.reset();
    return true;
  },
  monitor: (b, cmd, args) => armMonitor(b.board, b.cpu, cmd, args),
  monitorHelp: "info registers|jit|mtree|snapshots, x /Nx ADDR, xp /Nx ADDR",
  infoHelp: "info registers | info jit | info mtree | info snapshots",
  saveSnapshot: (b, name, at, version) => saveArmVirtSnapshot(b.board, name, at, version),
  loadSnapshot: (b, data) => loadArmVirtSnapshot(b.board, data),
  snapshotInfo,
};

export function parseArmSystemArgs(argv: string[]): ArmSystemOptions {
  const o = parseSystemArgs(ARM_SYSTEM, argv);
  return { ...o, unpackZImage: o.extra.unpackZImage };
}

export function main(argv: string[]): Promise<void> {
  return systemMain(ARM_SYSTEM, argv);
}

/** The ARM CPU as the CLI's debugger and logs see it (src/debug/system.ts SystemDebugMachine). */
function armDebugMachine(cpu: ArmSystemCpu): SystemDebugMachine {
  return {
    exec: cpu.exec,
    debugTarget: {
      exec: cpu.exec,
      arch: new ArmDebugArch({ osabi: null }),
      R: cpu.R,
      readMem: (addr, len) => cpu.readVirtual(addr, len),
      writeMem: (addr, data) => cpu.writeVirtual(addr, data),
      isSyscall: () => true,
    },
    get logInt() {
      return cpu.logInt;
    },
    set logInt(f) {
      cpu.logInt = f;
    },
  };
}

/** The monitor (QEMU's HMP subset) on this board: info registers (arm_cpu_dump_state), info jit, info mtree, x, xp, snapshots, system_reset, quit. */
export function armMonitorCommand(
  board: ArmVirtBoard,
  cpu: ArmSystemCpu,
  line: string,
  snapshots: SnapshotDir | null = null,
): MonitorReply {
  return systemMonitorCommand(ARM_SYSTEM, { board, cpu }, line, () => board.reset(), snapshots);
}

/** The board's own monitor commands. */
function armMonitor(board: ArmVirtBoard, cpu: ArmSystemCpu, cmd: string, args: string[]): string | undefined {
  const m = board.machine;
  const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
  switch (cmd) {
    case "info":
      switch (args[0]) {
        case "registers":
          return new ArmDebugArch({ osabi: null }).dumpState(cpu.R, false).trimEnd();
        case "jit":
          return formatJitStats(jitStats(cpu.exec));
        case "mtree":
          return armMtree(board.opts.ramBytes);
      }
      return undefined;
    case "x":
    case "xp": {
      const fmt = /^\/(\d+)([xdub]?)$/.exec(args[0] ?? "") ?? ["", "1", "x"];
      const n = Math.min(Number(fmt[1]), 4096);
      const addr = Number(args[args.length - 1] ?? "0") >>> 0;
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        const a = (addr + 4 * i) >>> 0;
        const pa = cmd === "x" ? cpu.debugTranslate(a) : a;
        const v = pa < 0 ? null : m.physRead(pa, 4);
        if (v === null) {
          lines.push(`${hex8(a)}: Cannot access memory`);
          break;
        }
        lines.push(`${hex8(a)}: 0x${hex8(v)}`);
      }
      return lines.join("\n");
    }
  }
  return undefined;
}

function armMtree(ramBytes: number): string {
  const r = (base: number, size: number, kind: string, name: string) =>
    `    ${base.toString(16).padStart(16, "0")}-${(base + size - 1).toString(16).padStart(16, "0")} (prio 0, ${kind}): ${name}`;
  return [
    "address-space: memory",
    "  0000000000000000-ffffffffffffffff (prio 0, i/o): system",
    r(ARM_VIRT_GIC_DIST, 0x1000, "i/o", "gic_dist"),
    r(ARM_VIRT_GIC_CPU, 0x2000, "i/o", "gic_cpu"),
    r(0x08020000, 0x1000, "i/o", "gicv2m"),
    r(ARM_VIRT_UART0, 0x1000, "i/o", "pl011"),
    r(ARM_VIRT_RTC, 0x1000, "i/o", "pl031"),
    r(ARM_VIRT_MMIO, 0x4000, "i/o", "virtio-mmio x32"),
    r(0x40000000, ramBytes, "ram", "mach-virt.ram"),
  ].join("\n");
}

if (isMainModule(import.meta.url)) runSystemCli(ARM_SYSTEM.command, main);
