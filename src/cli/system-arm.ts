// tciemu-system-arm: the ARM `virt` board with a Cortex-A15, with qemu-system-arm's command line.
//
//   tciemu-system-arm -M virt -cpu cortex-a15 -m 256M -kernel zImage -initrd initrd.gz \
//       -append "console=ttyAMA0" -nographic
//
// The console is the PL011 on stdio. Ctrl-A x exits, Ctrl-A c switches between console and
// monitor, Ctrl-A h lists these keys. The exit status is 0 after a PSCI SYSTEM_OFF (or with
// -no-reboot, SYSTEM_RESET), 1 on a setup error. No firmware: the kernel is entered as QEMU's
// hw/arm/boot.c enters it; an XZ zImage is unpacked by tciemu and its Image entered directly
// (--unpack-zimage=auto, the default; =off runs the zImage's own decompressor).
import { readFileSync, writeFileSync, writeSync } from "node:fs";
import { formatJitStats, jitStats } from "../debug/jit-stats.ts";
import { DebugKill } from "../debug/session.ts";
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
import { memoryDisk, type BlockDevice } from "../hw/virtio-blk.ts";
import { ArmDebugArch } from "../target/arm/debug-arch.ts";
import { ArmSystemCpu } from "../target/arm/system-cpu.ts";
import { SystemDebug } from "./debug-cli.ts";
import { isMainModule } from "./main-module.ts";

const NAME = "tciemu-system-arm";
const VERSION = "0.1.0";

export interface ArmSystemOptions {
  memBytes: number;
  kernel: string | null;
  initrd: string | null;
  append: string;
  dtb: string | null;
  drives: string[];
  icountShift: number | null;
  logItems: string[];
  logFile: string | null;
  dfilter: string | null;
  gdb: string | null;
  startStopped: boolean;
  monitorStdio: boolean;
  noReboot: boolean;
  summary: boolean;
  dumpDtb: string | null;
  unpackZImage: boolean | "auto";
}

function fail(msg: string): never {
  process.stderr.write(`${NAME}: ${msg}\n`);
  process.exit(1);
}

function usage(): string {
  return `usage: ${NAME} [options]
ARM 'virt' board emulator with a Cortex-A15 (tciemu ${VERSION}, QEMU-compatible options)

-M virt                 machine (only 'virt')
-cpu cortex-a15         CPU (only cortex-a15: ARMv7-A with LPAE, VFPv4-D16, no Neon)
-m SIZE                 RAM size, e.g. 256M or 1G (default 128M, at most 3G)
-smp 1                  one CPU
-kernel FILE            zImage, Image or ELF kernel
-initrd FILE            initramfs
-append CMDLINE         kernel command line
-dtb FILE               use this device tree instead of the generated one (memory, /chosen, /psci fixed up)
-drive file=F,format=raw,if=virtio   a virtio-blk disk
-icount shift=N         deterministic virtual time: 2^N ns per instruction
-nographic              console on stdio (always)
-serial mon:stdio|stdio console on stdio (default)
-monitor stdio          start in the monitor
-no-reboot              exit instead of rebooting
-d item[,...]           logging: in_asm, op, op_opt, out_asm, exec, cpu, fpu, int, nochain (-d help lists them)
-D FILE                 log to FILE (default stderr)
-dfilter RANGE[,...]    restrict the TB logs to 0xLO..0xHI, 0xLO+LEN, 0xHI-LEN
-gdb tcp:[HOST]:PORT    gdb stub (r0-r15, cpsr, d0-d15, fpscr; memory at the CPU's current virtual addresses)
-s                      shorthand for -gdb tcp::1234
-S                      do not start the CPU: wait for gdb's continue
-machine dumpdtb=FILE   write the generated device tree and exit
--unpack-zimage=auto|on|off  unpack an XZ zImage and enter the Image (tciemu; default auto)
--summary               print instructions, seconds and MIPS at exit (tciemu)
-version, -h

Not yet on this board: savevm/loadvm.
`;
}

function parseSize(s: string): number {
  const m = /^(\d+)([KMG]?)B?$/i.exec(s.trim());
  if (!m) fail(`invalid memory size '${s}'`);
  const unit = { "": 1 << 20, K: 1 << 10, M: 1 << 20, G: 1 << 30 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

export function parseArmSystemArgs(argv: string[]): ArmSystemOptions {
  const o: ArmSystemOptions = {
    memBytes: 128 << 20,
    kernel: null,
    initrd: null,
    append: "",
    dtb: null,
    drives: [],
    icountShift: null,
    logItems: [],
    logFile: null,
    dfilter: null,
    gdb: null,
    startStopped: false,
    monitorStdio: false,
    noReboot: false,
    summary: false,
    dumpDtb: null,
    unpackZImage: "auto",
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith("--unpack-zimage=") ? raw.slice(16) : null;
    const a = raw.replace(/^--?/, "-");
    const need = () => {
      if (i + 1 >= argv.length) fail(`option '${raw}' needs an argument`);
      return argv[++i];
    };
    if (eq !== null) {
      if (eq === "auto") o.unpackZImage = "auto";
      else if (eq === "on") o.unpackZImage = true;
      else if (eq === "off") o.unpackZImage = false;
      else fail(`--unpack-zimage: expected auto, on or off`);
      continue;
    }
    switch (a) {
      case "-h":
      case "-help":
        process.stdout.write(usage());
        process.exit(0);
      case "-version":
        process.stdout.write(`${NAME} version ${VERSION} (qemu-system-arm compatible command line)\n`);
        process.exit(0);
      case "-M":
      case "-machine": {
        for (const part of need().split(",")) {
          if (part === "virt" || part.startsWith("type=virt")) continue;
          if (part.startsWith("dumpdtb=")) o.dumpDtb = part.slice(8);
          else if (part === "help") {
            process.stdout.write("Supported machines are:\nvirt                 QEMU ARM Virtual Machine (Cortex-A15)\n");
            process.exit(0);
          } else fail(`unsupported machine '${part}' (only 'virt')`);
        }
        break;
      }
      case "-cpu": {
        const v = need();
        if (v === "help") {
          process.stdout.write("Available CPUs:\n  cortex-a15\n");
          process.exit(0);
        }
        if (v.split(",")[0] !== "cortex-a15") fail(`unsupported CPU '${v}' (only cortex-a15)`);
        break;
      }
      case "-m":
        o.memBytes = parseSize(need().replace(/^size=/, ""));
        break;
      case "-smp":
        if (parseInt(need(), 10) !== 1) fail("only -smp 1 is supported");
        break;
      case "-kernel":
        o.kernel = need();
        break;
      case "-initrd":
        o.initrd = need();
        break;
      case "-append":
        o.append = need();
        break;
      case "-dtb":
        o.dtb = need();
        break;
      case "-drive": {
        const kv = Object.fromEntries(
          need()
            .split(",")
            .map((p) => p.split("=") as [string, string]),
        );
        if (!kv.file) fail("-drive needs file=...");
        if (kv.format && kv.format !== "raw") fail(`-drive: only format=raw is supported`);
        if (kv.if && kv.if !== "virtio") fail(`-drive: only if=virtio is supported`);
        o.drives.push(kv.file);
        break;
      }
      case "-icount": {
        const v = need();
        const m = /(?:^|,)shift=(\d+)/.exec(v) ?? /^(\d+)$/.exec(v);
        if (!m) fail(`-icount: expected shift=N`);
        o.icountShift = Number(m[1]);
        break;
      }
      case "-nographic":
      case "-nodefaults":
        break;
      case "-serial": {
        const v = need();
        if (v !== "stdio" && v !== "mon:stdio") fail(`-serial: only stdio and mon:stdio are supported`);
        break;
      }
      case "-monitor": {
        const v = need();
        if (v === "stdio") o.monitorStdio = true;
        else if (v !== "none") fail(`-monitor: only stdio is supported`);
        break;
      }
      case "-no-reboot":
        o.noReboot = true;
        break;
      case "-d":
        o.logItems.push(...need().split(","));
        break;
      case "-D":
        o.logFile = need();
        break;
      case "-dfilter":
        o.dfilter = need();
        break;
      case "-gdb":
        o.gdb = need();
        break;
      case "-s":
        o.gdb = "tcp::1234";
        break;
      case "-S":
        o.startStopped = true;
        break;
      case "-summary":
        o.summary = true;
        break;
      case "-display":
      case "-vga":
      case "-nic":
      case "-net":
        need();
        break;
      default:
        fail(`unknown option '${raw}' (see -h)`);
    }
  }
  return o;
}

function readInput(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`could not load ${what} '${path}': ${code === "ENOENT" ? "No such file or directory" : String(code ?? e)}`);
  }
}

function writeAllSync(fd: number, d: Uint8Array): void {
  let off = 0;
  while (off < d.length) {
    try {
      off += writeSync(fd, d, off, d.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

export async function main(argv: string[]): Promise<void> {
  const o = parseArmSystemArgs(argv);
  if (!o.kernel && !o.dumpDtb) fail("no -kernel given (the virt board has no firmware)");
  const kernel = o.kernel ? readInput(o.kernel, "kernel") : new Uint8Array(64);
  const initrd = o.initrd ? readInput(o.initrd, "initrd") : undefined;
  const dtb = o.dtb ? readInput(o.dtb, "device tree") : undefined;
  const disks: BlockDevice[] = o.drives.map((f) => memoryDisk(readInput(f, "disk image")));
  const dbg = new SystemDebug({
    logItems: o.logItems,
    logFile: o.logFile,
    dfilter: o.dfilter,
    gdb: o.dumpDtb ? null : o.gdb,
    startStopped: o.startStopped,
    progName: NAME,
  });
  const noChain = o.logItems.some((s) => s.split(",").includes("nochain"));
  const out = (b: Uint8Array) => writeAllSync(1, b);

  let cpu!: ArmSystemCpu;
  const make = (): ArmVirtBoard => {
    try {
      const b = new ArmVirtBoard({
        ramBytes: o.memBytes,
        kernel,
        initrd,
        append: o.append,
        dtb,
        disks,
        serialOut: out,
        icountShift: o.icountShift,
        unpackZImage: o.unpackZImage,
        random: (d) => void crypto.getRandomValues(d as Uint8Array<ArrayBuffer>),
        cpu: (host) => (cpu = new ArmSystemCpu(host, { noChain })),
      });
      dbg.attach(armDebugMachine(cpu));
      return b;
    } catch (e) {
      if (e instanceof ArmBootError) fail(e.message);
      throw e;
    }
  };
  const board = make();
  if (o.dumpDtb) {
    writeFileSync(o.dumpDtb, board.fdt);
    return;
  }

  // Console input: raw mode on a terminal; Ctrl-A x / c / h as in QEMU's mux.
  let monitor = o.monitorStdio;
  let ctrlA = false;
  let quit = false;
  const stdin = process.stdin;
  if (stdin.isTTY) stdin.setRawMode(true);
  const enc = new TextEncoder();
  const monitorLine: number[] = [];
  const showPrompt = () => out(enc.encode("(qemu) "));
  if (monitor) {
    out(enc.encode(`QEMU ${VERSION} monitor (tciemu) - type 'help' for more information\n`));
    showPrompt();
  }
  stdin.on("data", (chunk: Uint8Array) => {
    const fwd: number[] = [];
    for (const c of chunk) {
      if (ctrlA) {
        ctrlA = false;
        if (c === 0x78 /* x */) {
          out(enc.encode("QEMU: Terminated\n"));
          quit = true;
          board.cpu.requestExit();
          continue;
        }
        if (c === 0x63 /* c */) {
          monitor = !monitor;
          if (monitor) {
            out(enc.encode(`\nQEMU ${VERSION} monitor - type 'help' for more information\n`));
            showPrompt();
          }
          continue;
        }
        if (c === 0x68 /* h */) {
          out(
            enc.encode(
              "\nC-a h    print this help\nC-a x    exit emulator\nC-a c    switch between console and monitor\nC-a C-a  sends C-a\n",
            ),
          );
          continue;
        }
        if (c !== 1) continue;
      } else if (c === 1) {
        ctrlA = true;
        continue;
      }
      if (monitor) {
        if (c === 13 || c === 10) {
          out(enc.encode("\n"));
          const line = new TextDecoder().decode(Uint8Array.from(monitorLine)).trim();
          monitorLine.length = 0;
          const r = armMonitorCommand(board, cpu, line);
          if (r.quit) {
            quit = true;
            board.cpu.requestExit();
          }
          if (r.text) out(enc.encode(r.text.endsWith("\n") ? r.text : r.text + "\n"));
          if (!r.quit) showPrompt();
        } else if (c === 127 || c === 8) monitorLine.pop();
        else {
          monitorLine.push(c);
          out(Uint8Array.of(c));
        }
        continue;
      }
      fwd.push(c === 10 && !stdin.isTTY ? 13 : c);
    }
    if (fwd.length) board.input(Uint8Array.from(fwd));
  });
  stdin.on("end", () => {});

  const t0 = performance.now();
  const m = board.machine;
  let exitCode: number | null = null;
  for (;;) {
    if (quit) break;
    if (!dbg.poll()) {
      await new Promise((res) => setTimeout(res, 20));
      continue;
    }
    let r: "budget" | "wfi" | "exit";
    try {
      r = m.run(4_000_000, o.noReboot);
    } catch (e) {
      if (!(e instanceof DebugKill)) throw e;
      process.stderr.write(`${NAME}: terminated via gdbstub\n`);
      break;
    }
    if (r === "exit") {
      exitCode = 0;
      break;
    }
    if (r === "wfi") {
      try {
        dbg.idle();
      } catch (e) {
        if (!(e instanceof DebugKill)) throw e;
        process.stderr.write(`${NAME}: terminated via gdbstub\n`);
        break;
      }
      const wait = Math.max(0, Math.min(20, (m.nextDeadlineNs() - m.nowNs()) / 1e6));
      await new Promise((res) => setTimeout(res, wait));
    } else await new Promise((res) => setImmediate(res));
  }
  if (stdin.isTTY) stdin.setRawMode(false);
  stdin.pause();
  const secs = (performance.now() - t0) / 1000;
  await dbg.finish(exitCode);
  if (o.summary)
    process.stderr.write(
      `tciemu: ${m.insns.toLocaleString("en-US")} guest instructions, ${secs.toFixed(2)} s, ${(m.insns / secs / 1e6).toFixed(1)} MIPS\n`,
    );
  process.exit(0);
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

/** The monitor (QEMU's HMP subset): info registers (arm_cpu_dump_state), info jit, info mtree, x, xp, system_reset, quit. */
export function armMonitorCommand(board: ArmVirtBoard, cpu: ArmSystemCpu, line: string): { text?: string; quit?: boolean } {
  const [cmd, ...args] = line.split(/\s+/).filter(Boolean);
  const m = board.machine;
  const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
  switch (cmd) {
    case undefined:
      return {};
    case "help":
    case "?":
      return { text: "info registers|jit|mtree, x /Nx ADDR, xp /Nx ADDR, system_reset, quit" };
    case "q":
    case "quit":
      return { quit: true };
    case "system_reset":
      board.reset();
      return {};
    case "info":
      switch (args[0]) {
        case "registers":
          return { text: new ArmDebugArch({ osabi: null }).dumpState(cpu.R, false).trimEnd() };
        case "jit":
          return { text: formatJitStats(jitStats(cpu.exec)) };
        case "mtree":
          return { text: armMtree(board.opts.ramBytes) };
      }
      return { text: "info registers | info jit | info mtree" };
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
      return { text: lines.join("\n") };
    }
  }
  return { text: `unknown command: '${cmd}'` };
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

if (isMainModule(import.meta.url))
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${NAME}: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
