// tciemu-system-riscv64: the RISC-V `virt` board, with qemu-system-riscv64's command line.
//
//   tciemu-system-riscv64 -M virt -m 256M -bios fw_dynamic.bin -kernel Image -initrd initrd.gz \
//       -append "console=ttyS0" -nographic
//
// The console is the UART on stdio. Ctrl-A x exits, Ctrl-A c switches between console and monitor,
// Ctrl-A h lists these keys. The exit status is 0 after a guest poweroff, the guest's code after a
// sifive-test failure, 1 on a setup error.
import { cachedOpensbi } from "./debian-cache.ts";
import { DEFAULT_SNAPSHOT_DIR, SnapshotDir } from "./snapshot-dir.ts";
import { loadVirtSnapshot, saveVirtSnapshot, snapshotInfo } from "../hw/virt-snapshot.ts";
import { SnapshotError } from "../hw/vmstate.ts";
import { readFileSync, writeFileSync, writeSync } from "node:fs";
import { BootError, VirtBoard, type VirtOptions } from "../hw/virt.ts";
import { memoryDisk, type BlockDevice } from "../hw/virtio-blk.ts";
import { formatJitStats, jitStats } from "../debug/jit-stats.ts";
import type { CpuExec } from "../exec/cpu-exec.ts";
import { DebugKill, SystemDebug } from "./debug-cli.ts";
import { OptionError, VirtfsArgs } from "./virtfs-options.ts";
import { isMainModule } from "./main-module.ts";
import { NetArgError, NetArgs } from "./net-args.ts";
import type { NodeUserNetdev } from "./user-netdev.ts";
import { NetOptionError } from "../net/user-net-config.ts";

const jitStatsText = (exec: CpuExec) => formatJitStats(jitStats(exec));

const VERSION = "0.1.0";

export interface SystemOptions {
  machine: string;
  memBytes: number;
  bios: string | null;
  kernel: string | null;
  initrd: string | null;
  append: string;
  dtb: string | null;
  drives: string[];
  /** -virtfs, -fsdev, -device (virtio-9p shares). */
  virtfs: VirtfsArgs;
  icountShift: number | null;
  logItems: string[];
  logFile: string | null;
  dfilter: string | null;
  /** -gdb tcp::PORT (-s: tcp::1234). */
  gdb: string | null;
  /** -S: the CPU does not start until gdb continues (or the monitor's `cont`). */
  startStopped: boolean;
  monitorStdio: boolean;
  /** -snapshot-dir: where savevm/loadvm keep snapshot files. */
  snapshotDir: string;
  /** -loadvm: start from this snapshot. */
  loadvm: string | null;
  noReboot: boolean;
  summary: boolean;
  dumpDtb: string | null;
  /** -netdev, -device virtio-net-device and -nic. */
  net: NetArgs;
}

function fail(msg: string): never {
  process.stderr.write(`tciemu-system-riscv64: ${msg}\n`);
  process.exit(1);
}

function usage(): string {
  return `usage: tciemu-system-riscv64 [options]
RISC-V 64 'virt' board emulator (tciemu ${VERSION}, QEMU-compatible options)

-M virt                 machine (only 'virt')
-m SIZE                 RAM size, e.g. 256M or 1G (default 256M; the Debian kernel needs >= 80M)
-smp 1                  one hart
-bios FILE|default|none M-mode firmware (default: Debian's OpenSBI fw_dynamic.bin, see tools/debian/fetch.sh system)
-kernel FILE            kernel Image, loaded at 0x80200000 and entered in S mode by OpenSBI
-initrd FILE            initramfs
-append CMDLINE         kernel command line
-dtb FILE               use this device tree instead of the generated one (/chosen is patched)
-drive file=F,format=raw,if=virtio   a virtio-blk disk
-virtfs local,path=DIR,mount_tag=TAG,security_model=none|passthrough[,readonly=on]
                        share DIR with the guest over virtio-9p (mount -t 9p -o trans=virtio TAG /mnt)
-fsdev local,id=ID,path=DIR,security_model=none[,readonly=on]
-device virtio-9p-device,fsdev=ID,mount_tag=TAG      the same share, in two options
-netdev user,id=ID[,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT][,net=ADDR[/MASK]]
        [,host=ADDR][,dns=ADDR][,dhcpstart=ADDR][,restrict=on|off][,hostname=H][,domainname=D]
        [,allow=PROTO:HOST:PORTS]   user-mode network (NAT: DHCP, DNS, TCP/UDP to the host's sockets);
                        allow= (tciemu) limits what the guest may reach, e.g. allow=tcp:127.0.0.1:8000
-device virtio-net-device,netdev=ID[,mac=52:54:00:12:34:56]   a virtio-net NIC on that network
-nic user[,mac=MAC][,-netdev user options]   both at once; -nic none: no NIC
-icount shift=N         deterministic virtual time: 2^N ns per instruction
-nographic              console on stdio (always)
-serial mon:stdio|stdio console on stdio (default)
-monitor stdio          start in the monitor
-loadvm NAME            start from snapshot NAME (saved by the monitor's savevm)
-snapshot-dir DIR       where snapshots are kept (tciemu's own flag; default tciemu-snapshots/)
-no-reboot              exit instead of rebooting
-d item[,...]           logging: in_asm, op, op_opt, out_asm, exec, cpu, fpu, int, nochain, jit
                        (as in user mode; int: riscv_cpu_do_interrupt lines; -d help lists them)
-D FILE                 log to FILE (default stderr)
-dfilter RANGE[,...]    restrict in_asm/op/op_opt/out_asm/exec/cpu to TBs in 0xLO..0xHI, 0xLO+LEN, 0xHI-LEN
-gdb tcp:[HOST]:PORT    gdb stub (registers x0-x31, pc, f0-f31, fcsr; memory at the hart's current
                        virtual addresses; breakpoints, stepi, continue, Ctrl-C, detach, kill)
-s                      shorthand for -gdb tcp::1234
-S                      do not start the CPU: wait for gdb's continue (or the monitor's 'cont')
-machine dumpdtb=FILE   write the generated device tree and exit
--summary               print instructions, seconds and MIPS at exit (tciemu)
-version, -h
`;
}

function parseSize(s: string): number {
  const m = /^(\d+)([KMG]?)B?$/i.exec(s.trim());
  if (!m) fail(`invalid memory size '${s}'`);
  const unit = { "": 1 << 20, K: 1 << 10, M: 1 << 20, G: 1 << 30 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

export function parseSystemArgs(argv: string[]): SystemOptions {
  const o: SystemOptions = {
    machine: "virt",
    memBytes: 256 << 20,
    bios: "default",
    kernel: null,
    initrd: null,
    append: "",
    dtb: null,
    drives: [],
    virtfs: new VirtfsArgs(),
    icountShift: null,
    logItems: [],
    logFile: null,
    dfilter: null,
    gdb: null,
    startStopped: false,
    monitorStdio: false,
    snapshotDir: DEFAULT_SNAPSHOT_DIR,
    loadvm: null,
    noReboot: false,
    summary: false,
    dumpDtb: null,
    net: new NetArgs(),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i].replace(/^--?/, "-");
    const need = () => {
      if (i + 1 >= argv.length) fail(`option '${argv[i]}' needs an argument`);
      return argv[++i];
    };
    switch (a) {
      case "-h":
      case "-help":
        process.stdout.write(usage());
        process.exit(0);
      case "-version":
        process.stdout.write(`tciemu-system-riscv64 version ${VERSION} (qemu-system-riscv64 compatible command line)\n`);
        process.exit(0);
      case "-M":
      case "-machine": {
        const v = need();
        for (const part of v.split(",")) {
          if (part === "virt") o.machine = "virt";
          else if (part.startsWith("dumpdtb=")) o.dumpDtb = part.slice(8);
          else if (part === "help") {
            process.stdout.write("Supported machines are:\nvirt                 RISC-V VirtIO board\n");
            process.exit(0);
          } else fail(`unsupported machine '${part}' (only 'virt')`);
        }
        break;
      }
      case "-m":
        o.memBytes = parseSize(need().replace(/^size=/, ""));
        break;
      case "-smp": {
        const v = need();
        if (parseInt(v, 10) !== 1) fail("only -smp 1 is supported");
        break;
      }
      case "-bios":
        o.bios = need();
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
      case "-virtfs":
      case "-fsdev":
      case "-netdev":
      case "-nic":
      case "-device":
      case "-net": {
        const v = need();
        try {
          if (a === "-virtfs") o.virtfs.addVirtfs(v);
          else if (a === "-fsdev") o.virtfs.addFsdev(v);
          else if (a === "-netdev") o.net.addNetdev(v);
          else if (a === "-nic") o.net.addNic(v);
          else if (a === "-net") {
            if (v !== "none") fail(`-net ${v}: the legacy -net option is not supported (use -nic or -netdev with -device)`);
          } else if (/^virtio-9p-/.test(v.split(",")[0])) o.virtfs.addDevice(v);
          else if (!o.net.addDevice(v)) fail(`-device ${v}: '${v.split(",")[0]}' is not a valid device model name`);
        } catch (e) {
          if (e instanceof OptionError || e instanceof NetArgError) fail(e.message);
          throw e;
        }
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
      case "-loadvm":
        o.loadvm = need();
        break;
      case "-snapshot-dir":
        o.snapshotDir = need();
        break;
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
        need();
        break;
      default:
        fail(`unknown option '${argv[i]}' (see -h)`);
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

async function defaultBios(): Promise<string> {
  const p = cachedOpensbi("fw_dynamic", "bin");
  if (!p) fail("no -bios given and Debian's OpenSBI is not in the cache: run 'bash tools/debian/fetch.sh system'");
  return p;
}

export async function main(argv: string[]): Promise<void> {
  const o = parseSystemArgs(argv);
  const biosPath = o.bios === "default" ? await defaultBios() : o.bios;
  const bios = biosPath === "none" || biosPath === null ? new Uint8Array(0) : readInput(biosPath, "firmware");
  const kernel = o.kernel ? readInput(o.kernel, "kernel") : undefined;
  const initrd = o.initrd ? readInput(o.initrd, "initrd") : undefined;
  const dtb = o.dtb ? readInput(o.dtb, "device tree") : undefined;
  const disks: BlockDevice[] = o.drives.map((f) => memoryDisk(readInput(f, "disk image")));
  for (const w of o.virtfs.warnings) process.stderr.write(`tciemu-system-riscv64: ${w}\n`);
  let shares: ReturnType<VirtfsArgs["resolve"]>;
  try {
    shares = o.virtfs.resolve();
  } catch (e) {
    if (e instanceof OptionError) fail(e.message);
    throw e;
  }
  let nicPlans;
  try {
    nicPlans = o.net.resolve((w) => process.stderr.write(`tciemu-system-riscv64: ${w}\n`));
  } catch (e) {
    if (e instanceof NetArgError) fail(e.message);
    throw e;
  }
  // Host events (socket data, timers) wake the machine loop from its WFI sleep.
  let wakeLoop: (() => void) | null = null;
  const wake = () => {
    const w = wakeLoop;
    wakeLoop = null;
    w?.();
  };
  const netdevs = new Map<string, NodeUserNetdev>();
  for (const p of nicPlans) {
    if (p.config === null || p.netdev === null || netdevs.has(p.netdev)) continue;
    try {
      // loaded only when there is a network, so runs without one start as fast as before
      const { startUserNetdev } = await import("./user-netdev.ts");
      netdevs.set(p.netdev, await startUserNetdev(p.config, wake));
    } catch (e) {
      if (e instanceof NetOptionError) fail(`${p.origin}: ${e.message}`);
      throw e;
    }
  }
  const dbg = new SystemDebug({ logItems: o.logItems, logFile: o.logFile, dfilter: o.dfilter, gdb: o.gdb, startStopped: o.startStopped });

  const out = (b: Uint8Array) => writeAllSync(1, b);
  let board: VirtBoard;
  const make = (): VirtBoard => {
    const opts: VirtOptions = {
      ramBytes: o.memBytes,
      bios,
      kernel,
      initrd,
      append: o.append,
      dtb,
      disks,
      shares,
      nics: nicPlans.map((p) => ({ backend: p.netdev === null ? null : netdevs.get(p.netdev)!.net, mac: p.mac })),
      serialOut: out,
      icountShift: o.icountShift,
      random: (d) => void crypto.getRandomValues(d as Uint8Array<ArrayBuffer>),
    };
    try {
      const b = new VirtBoard(opts);
      dbg.attach(b.machine);
      return b;
    } catch (e) {
      if (e instanceof BootError) fail(e.message);
      throw e;
    }
  };
  board = make();
  if (o.dumpDtb) {
    writeFileSync(o.dumpDtb, board.fdt);
    return;
  }
  const snapshots = new SnapshotDir(o.snapshotDir);
  if (o.loadvm !== null) {
    const r = monitorCommand(board, `loadvm ${o.loadvm}`, () => {}, snapshots);
    if (r.text) fail(r.text.replace(/^Error: /, "-loadvm: "));
  }

  // Console input: raw mode on a terminal; Ctrl-A x / c / h as in QEMU's mux.
  let monitor = o.monitorStdio;
  let ctrlA = false;
  let quit: number | null = null;
  const stdin = process.stdin;
  if (stdin.isTTY) stdin.setRawMode(true);
  const monitorLine: number[] = [];
  const showPrompt = () => out(new TextEncoder().encode("(qemu) "));
  if (monitor) {
    out(new TextEncoder().encode(`QEMU ${VERSION} monitor (tciemu) - type 'help' for more information\n`));
    showPrompt();
  }
  const onData = (chunk: Uint8Array) => {
    const fwd: number[] = [];
    void fwd;
    for (const c of chunk) {
      if (ctrlA) {
        ctrlA = false;
        if (c === 0x78 /* x */) {
          out(new TextEncoder().encode("QEMU: Terminated\n"));
          quit = 0;
          board.machine.exec.requestExit();
          continue;
        }
        if (c === 0x63 /* c */) {
          monitor = !monitor;
          if (monitor) {
            out(new TextEncoder().encode("\nQEMU 0.1.0 monitor - type 'help' for more information\n"));
            showPrompt();
          }
          continue;
        }
        if (c === 0x68 /* h */) {
          out(
            new TextEncoder().encode(
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
          out(new TextEncoder().encode("\n"));
          const line = new TextDecoder().decode(Uint8Array.from(monitorLine)).trim();
          monitorLine.length = 0;
          const r = monitorCommand(board, line, () => (board = make()), snapshots);
          if (r.cont !== undefined) dbg.paused = !r.cont;
          if (r.quit) {
            quit = 0;
            board.machine.exec.requestExit();
          }
          if (r.text) out(new TextEncoder().encode(r.text.endsWith("\n") ? r.text : r.text + "\n"));
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
  };
  stdin.on("data", onData);
  stdin.on("end", () => {});

  const t0 = performance.now();
  const restoreTty = () => {
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
  };
  let status = 0;
  let exitCode: number | null = null;
  const killed = () => {
    process.stderr.write("tciemu-system-riscv64: terminated via gdbstub\n");
    status = 0;
  };
  for (;;) {
    if (quit !== null) {
      status = quit;
      break;
    }
    if (!dbg.poll()) {
      await new Promise((res) => setTimeout(res, 20));
      continue;
    }
    let r: "budget" | "wfi" | "exit";
    try {
      r = board.machine.run(4_000_000);
    } catch (e) {
      if (!(e instanceof DebugKill)) throw e;
      killed();
      break;
    }
    if (r === "exit") {
      const e = board.exit!;
      if (e.kind === "reset") {
        if (o.noReboot) break;
        board = make();
        continue;
      }
      status = e.kind === "fail" ? e.code : 0;
      exitCode = status;
      break;
    }
    // Let stdin and timers run; in WFI with real time, sleep until the next timer deadline.
    if (r === "wfi") {
      try {
        dbg.idle();
      } catch (e) {
        if (!(e instanceof DebugKill)) throw e;
        killed();
        break;
      }
      const wait = Math.max(0, Math.min(20, (board.machine.nextDeadlineNs() - board.machine.nowNs()) / 1e6));
      await new Promise<void>((res) => {
        const t = setTimeout(res, wait);
        wakeLoop = () => {
          clearTimeout(t);
          res();
        };
      });
      wakeLoop = null;
    } else await new Promise((res) => setImmediate(res));
  }
  restoreTty();
  for (const n of netdevs.values()) n.stop();
  const secs = (performance.now() - t0) / 1000;
  await dbg.finish(exitCode);
  if (o.summary)
    process.stderr.write(
      `tciemu: ${board.machine.insns.toLocaleString("en-US")} guest instructions, ${secs.toFixed(2)} s, ${(board.machine.insns / secs / 1e6).toFixed(1)} MIPS\n`,
    );
  process.exit(status);
}

/** The monitor (QEMU's HMP subset). */
export function monitorCommand(
  board: VirtBoard,
  line: string,
  reset: () => void,
  snapshots: SnapshotDir | null = null,
): { text?: string; quit?: boolean; cont?: boolean } {
  const [cmd, ...args] = line.split(/\s+/).filter(Boolean);
  const m = board.machine;
  const hex = (v: bigint | number, w = 16) => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(w, "0");
  switch (cmd) {
    case undefined:
      return {};
    case "help":
    case "?":
      return {
        text: "info registers|jit|mtree|snapshots, x /Nx ADDR, xp /Nx ADDR, savevm NAME, loadvm NAME, delvm NAME, stop, cont, system_reset, quit",
      };
    case "savevm":
    case "loadvm":
    case "delvm":
      return snapshotCommand(board, cmd, args.join(" "), snapshots);
    case "c":
    case "cont":
      return { cont: true };
    case "stop":
      return { cont: false };
    case "q":
    case "quit":
      return { quit: true };
    case "system_reset":
      reset();
      return {};
    case "info":
      switch (args[0]) {
        case "registers": {
          const c = m.cpu;
          const lines = [` pc       ${hex(c.pc)}`, ` priv     ${m.priv.priv}`];
          for (let i = 0; i < 32; i += 4)
            lines.push([0, 1, 2, 3].map((k) => ` x${String(i + k).padEnd(2)} ${hex(c.getX(i + k))}`).join(""));
          lines.push(` mstatus  ${hex(m.priv.mstatus)}  satp ${hex(m.priv.satp)}  mepc ${hex(m.priv.mepc)}  sepc ${hex(m.priv.sepc)}`);
          return { text: lines.join("\n") };
        }
        case "jit":
          return { text: jitStatsText(m.exec) };
        case "mtree":
          return { text: mtreeText() };
        case "snapshots":
          return { text: snapshotList(snapshots) };
      }
      return { text: "info registers | info jit | info mtree | info snapshots" };
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
      return { text: lines.join("\n") };
    }
  }
  return { text: `unknown command: '${cmd}'` };
}

function snapshotCommand(board: VirtBoard, cmd: string, name: string, dir: SnapshotDir | null): { text?: string } {
  if (!dir) return { text: "Error: snapshots are not available here" };
  const bad = SnapshotDir.checkName(name);
  if (bad) return { text: `Error: ${bad}` };
  try {
    if (cmd === "savevm") {
      dir.save(name, saveVirtSnapshot(board, name, Date.now(), VERSION));
      return {};
    }
    if (cmd === "delvm") return dir.delete(name) ? {} : { text: `Error: Snapshot '${name}' does not exist` };
    const data = dir.load(name);
    if (!data) return { text: `Error: Snapshot '${name}' does not exist` };
    loadVirtSnapshot(board, data);
    return {};
  } catch (e) {
    if (e instanceof SnapshotError) return { text: `Error: ${e.message}` };
    throw e;
  }
}

/** `info snapshots` in QEMU's layout (VM SIZE is the snapshot file's size). */
function snapshotList(dir: SnapshotDir | null): string {
  const names = dir?.list() ?? [];
  if (names.length === 0) return "There is no snapshot available.";
  const lines = [
    "List of snapshots present on all disks:",
    "ID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT",
    "--        ---               -------                ----     --------     ------",
  ];
  names.forEach((n, i) => {
    const data = dir!.load(n)!;
    let date = "?",
      icount = "?";
    try {
      const info = snapshotInfo(data);
      date = new Date(info.savedAtMs).toISOString().replace("T", " ").slice(0, 19);
      icount = String(info.icount);
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
      date = `(unusable: ${e.message})`;
    }
    const size = `${(data.length / (1 << 20)).toFixed(1)} MiB`;
    lines.push(`${String(i + 1).padEnd(10)}${n.padEnd(18)}${size.padStart(10)} ${date}  ${icount}`);
  });
  return lines.join("\n");
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

// Run only as the entry point, so tests can import monitorCommand.
if (isMainModule(import.meta.url))
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`tciemu-system-riscv64: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
