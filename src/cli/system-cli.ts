// The qemu-system command line of every tciemu board (tciemu-system-riscv64, tciemu-system-arm):
//
//   tciemu-system-<arch> -M virt -m 256M -kernel K -initrd I -append "console=..." -nographic
//
// Options follow qemu-system (see usage()); the console is the board's UART on stdio. Ctrl-A x
// exits, Ctrl-A c switches between console and monitor, Ctrl-A h lists these keys. The monitor
// (QEMU's HMP subset) has savevm/loadvm/delvm/info snapshots, stop/cont, system_reset and quit
// here, and the board's own commands (info registers, info jit, info mtree, x, xp) from its
// descriptor. A board's command gives its name, its options beyond the common ones, how its
// board is made from the options, and how it runs, saves and answers the monitor.
import { readFileSync, writeFileSync, writeSync } from "node:fs";
import { constants as osConstants } from "node:os";
import type { SystemDebugMachine } from "../debug/system.ts";
import type { VirtMachine } from "../hw/virt-machine.ts";
import type { SnapshotInfo } from "../hw/virt-snapshot.ts";
import { SnapshotError } from "../hw/vmstate.ts";
import type { Virtio9pShare } from "../hw/virtio-9p.ts";
import type { BlockDevice } from "../hw/virtio-blk.ts";
import type { NetBackend } from "../net/nic-link.ts";
import { NetOptionError } from "../net/user-net-config.ts";
import { DebugKill, SystemDebug } from "./debug-cli.ts";
import { DriveArgs, openDrive } from "./drive-options.ts";
import { NetArgError, NetArgs } from "./net-args.ts";
import { DEFAULT_SNAPSHOT_DIR, SnapshotDir } from "./snapshot-dir.ts";
import type { NodeUserNetdev } from "./user-netdev.ts";
import { deviceDriver, OptionError, VirtfsArgs } from "./virtfs-options.ts";

export const VERSION = "0.1.0";

/** The options every board's command takes (board-specific ones live in `extra`). */
export interface SystemOptions<X = unknown> {
  machine: string;
  memBytes: number;
  kernel: string | null;
  initrd: string | null;
  append: string;
  dtb: string | null;
  /** -drive and -device virtio-blk-device. */
  drives: DriveArgs;
  /** -snapshot: every drive's writes stay in memory. */
  snapshot: boolean;
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
  /** The board's own options. */
  extra: X;
}

/** What the board's make() gets besides the options: files read, devices resolved. */
export interface SystemInputs {
  kernel?: Uint8Array;
  initrd?: Uint8Array;
  dtb?: Uint8Array;
  disks: BlockDevice[];
  shares: Virtio9pShare[];
  /** One per NIC, in -nic/-device order, with its backend (null: not connected). */
  nics: { backend: NetBackend | null; mac?: Uint8Array }[];
  serialOut: (b: Uint8Array) => void;
}

/** How a machine run ended: "reset" (a new board unless -no-reboot), or the process's exit status. */
export type SystemExit = "reset" | number;

/** What a board's command supplies. */
export interface SystemBoard<B, X> {
  /** "tciemu-system-arm": the name in messages. */
  readonly command: string;
  /** "arm": the name in version texts (qemu-system-<name>). */
  readonly qemuName: string;
  /** The usage text's second line, e.g. "ARM 'virt' board emulator with a Cortex-A15". */
  readonly title: string;
  /** The lines of `-M help`. */
  readonly machineHelp: string;
  readonly defaultMemBytes: number;
  /** Usage lines of the board's own options (placed after -smp). */
  readonly usageBoard: string;
  /** Usage lines after the common ones (before -version). */
  readonly usageTail?: string;
  /** A line at the end of the usage text. */
  readonly usageNote?: string;
  /** Whether -netdev/-nic/-device virtio-net-device are supported (else only -nic none). */
  readonly network: boolean;
  /** The board's options at their defaults. */
  defaultExtra(): X;
  /**
   * Parses one board option (`name` with its leading dashes normalised to one, `raw` as given);
   * `need` takes its argument. Returns false when the option is not the board's.
   */
  parseOption(x: X, name: string, raw: string, need: () => string, fail: (msg: string) => never): boolean;
  /** Checks before the board is made (e.g. a missing -kernel), with the options as parsed. */
  check?(o: SystemOptions<X>, fail: (msg: string) => never): void | Promise<void>;
  /** Makes the board; throws the board's setup errors (isSetupError says which are the user's). */
  make(o: SystemOptions<X>, inputs: SystemInputs): B;
  isSetupError(e: unknown): e is Error;
  /** The debugger's and logs' view of the board's CPU. */
  debugMachine(b: B): VirtMachine | SystemDebugMachine;
  fdt(b: B): Uint8Array;
  run(b: B, budget: number, noReboot: boolean): "budget" | "wfi" | "exit";
  /** After run() said "exit". */
  exitStatus(b: B): SystemExit;
  input(b: B, bytes: Uint8Array): void;
  requestExit(b: B): void;
  nowNs(b: B): number;
  nextDeadlineNs(b: B): number;
  insns(b: B): number;
  /** The monitor's system_reset: true when the board reset itself, false to make a new one. */
  resetInPlace(b: B): boolean;
  /** The board's monitor commands (info registers/jit/mtree, x, xp); undefined: not one of them. */
  monitor(b: B, cmd: string, args: string[]): string | undefined;
  /** `help`'s list of the board's commands. */
  readonly monitorHelp: string;
  /** What `info` lists. */
  readonly infoHelp: string;
  saveSnapshot(b: B, name: string, savedAtMs: number, version: string): Uint8Array;
  loadSnapshot(b: B, data: Uint8Array): SnapshotInfo;
  snapshotInfo(data: Uint8Array): SnapshotInfo;
}

function usage<B, X>(d: SystemBoard<B, X>): string {
  const net = d.network
    ? `-netdev user,id=ID[,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT][,net=ADDR[/MASK]]
        [,host=ADDR][,dns=ADDR][,dhcpstart=ADDR][,restrict=on|off][,hostname=H][,domainname=D]
        [,allow=PROTO:HOST:PORTS]   user-mode network (NAT: DHCP, DNS, TCP/UDP to the host's sockets);
                        allow= (tciemu) limits what the guest may reach, e.g. allow=tcp:127.0.0.1:8000
-device virtio-net-device,netdev=ID[,mac=52:54:00:12:34:56]   a virtio-net NIC on that network
-nic user[,mac=MAC][,-netdev user options]   both at once; -nic none: no NIC
`
    : `-nic none               no network card (this board has none yet)
`;
  return `usage: ${d.command} [options]
${d.title} (tciemu ${VERSION}, QEMU-compatible options)

-M virt                 machine (only 'virt')
${d.usageBoard}-initrd FILE            initramfs
-append CMDLINE         kernel command line
-dtb FILE               use this device tree instead of the generated one (/chosen is patched)
-drive file=F,format=raw,if=virtio[,readonly=on][,snapshot=on]
                        a virtio-blk disk: the guest's writes go to F (not with readonly=on;
                        snapshot=on keeps them in memory until the exit)
-drive file=F,format=raw,if=none,id=ID -device virtio-blk-device,drive=ID   the same disk
-snapshot               every drive as with snapshot=on
-virtfs local,path=DIR,mount_tag=TAG,security_model=none|passthrough[,readonly=on]
                        share DIR with the guest over virtio-9p (mount -t 9p -o trans=virtio TAG /mnt)
-fsdev local,id=ID,path=DIR,security_model=none[,readonly=on]
-device virtio-9p-device,fsdev=ID,mount_tag=TAG      the same share, in two options
${net}-icount shift=N         deterministic virtual time: 2^N ns per instruction
-nographic              console on stdio (always)
-serial mon:stdio|stdio console on stdio (default)
-monitor stdio          start in the monitor
-loadvm NAME            start from snapshot NAME (saved by the monitor's savevm)
-snapshot-dir DIR       where snapshots are kept (tciemu's own flag; default ${DEFAULT_SNAPSHOT_DIR}/)
-no-reboot              exit instead of rebooting
${d.usageTail ?? ""}-machine dumpdtb=FILE   write the generated device tree and exit
--summary               print instructions, seconds and MIPS at exit (tciemu)
-version, -h
${d.usageNote ?? ""}`;
}

function parseSize(s: string, fail: (m: string) => never): number {
  const m = /^(\d+)([KMG]?)B?$/i.exec(s.trim());
  if (!m) fail(`invalid memory size '${s}'`);
  const unit = { "": 1 << 20, K: 1 << 10, M: 1 << 20, G: 1 << 30 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

/** A fail() that prints `command: msg` and exits with status 1 (QEMU's setup errors). */
export function failer(command: string): (msg: string) => never {
  return (msg: string): never => {
    process.stderr.write(`${command}: ${msg}\n`);
    process.exit(1);
  };
}

export function parseSystemArgs<B, X>(d: SystemBoard<B, X>, argv: string[]): SystemOptions<X> {
  const fail: (msg: string) => never = failer(d.command);
  const o: SystemOptions<X> = {
    machine: "virt",
    memBytes: d.defaultMemBytes,
    kernel: null,
    initrd: null,
    append: "",
    dtb: null,
    drives: new DriveArgs(),
    snapshot: false,
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
    extra: d.defaultExtra(),
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const a = raw.replace(/^--?/, "-");
    const need = () => {
      if (i + 1 >= argv.length) fail(`option '${raw}' needs an argument`);
      return argv[++i];
    };
    if (d.parseOption(o.extra, a, raw, need, fail)) continue;
    switch (a) {
      case "-h":
      case "-help":
        process.stdout.write(usage(d));
        process.exit(0);
      case "-version":
        process.stdout.write(`${d.command} version ${VERSION} (qemu-system-${d.qemuName} compatible command line)\n`);
        process.exit(0);
      case "-M":
      case "-machine": {
        for (const part of need().split(",")) {
          if (part === "virt" || part === "type=virt") o.machine = "virt";
          else if (part.startsWith("dumpdtb=")) o.dumpDtb = part.slice(8);
          else if (part === "help") {
            process.stdout.write(`Supported machines are:\n${d.machineHelp}\n`);
            process.exit(0);
          } else fail(`unsupported machine '${part}' (only 'virt')`);
        }
        break;
      }
      case "-m":
        o.memBytes = parseSize(need().replace(/^size=/, ""), fail);
        break;
      case "-smp":
        if (parseInt(need(), 10) !== 1) fail(`only -smp 1 is supported`);
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
      case "-drive":
        try {
          o.drives.addDrive(need());
        } catch (e) {
          if (e instanceof OptionError) fail(e.message);
          throw e;
        }
        break;
      case "-snapshot":
        o.snapshot = true;
        break;
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
          else if (a === "-net") {
            if (v !== "none") fail(`-net ${v}: the legacy -net option is not supported (use -nic or -netdev with -device)`);
          } else if (a === "-device" && /^virtio-9p-/.test(deviceDriver(v))) o.virtfs.addDevice(v);
          else if (a === "-device" && /^virtio-blk/.test(deviceDriver(v))) o.drives.addDevice(v);
          else if (!d.network) {
            if (!(a === "-nic" && v === "none")) fail(`${a} ${v}: this board has no network card yet`);
          } else if (a === "-netdev") o.net.addNetdev(v);
          else if (a === "-nic") o.net.addNic(v);
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
        fail(`unknown option '${raw}' (see -h)`);
    }
  }
  return o;
}

function readInput(path: string, what: string, fail: (m: string) => never): Uint8Array {
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

/** The monitor's answer: text to print, and what the loop does next. */
export interface MonitorReply {
  text?: string;
  quit?: boolean;
  cont?: boolean;
}

/** The monitor (QEMU's HMP subset): the common commands here, the board's from its descriptor. */
export function systemMonitorCommand<B, X>(
  d: SystemBoard<B, X>,
  board: B,
  line: string,
  reset: () => void,
  snapshots: SnapshotDir | null = null,
): MonitorReply {
  const [cmd, ...args] = line.split(/\s+/).filter(Boolean);
  switch (cmd) {
    case undefined:
      return {};
    case "help":
    case "?":
      return { text: `${d.monitorHelp}, savevm NAME, loadvm NAME, delvm NAME, stop, cont, system_reset, quit` };
    case "savevm":
    case "loadvm":
    case "delvm":
      return snapshotCommand(d, board, cmd, args.join(" "), snapshots);
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
      if (args[0] === "snapshots") return { text: snapshotList(d, snapshots) };
      return { text: d.monitor(board, cmd, args) ?? d.infoHelp };
  }
  const text = d.monitor(board, cmd, args);
  return { text: text ?? `unknown command: '${cmd}'` };
}

function snapshotCommand<B, X>(d: SystemBoard<B, X>, board: B, cmd: string, name: string, dir: SnapshotDir | null): MonitorReply {
  if (!dir) return { text: "Error: snapshots are not available here" };
  const bad = SnapshotDir.checkName(name);
  if (bad) return { text: `Error: ${bad}` };
  try {
    if (cmd === "savevm") {
      dir.save(name, d.saveSnapshot(board, name, Date.now(), VERSION));
      return {};
    }
    if (cmd === "delvm") return dir.delete(name) ? {} : { text: `Error: Snapshot '${name}' does not exist` };
    const data = dir.load(name);
    if (!data) return { text: `Error: Snapshot '${name}' does not exist` };
    d.loadSnapshot(board, data);
    return {};
  } catch (e) {
    if (e instanceof SnapshotError) return { text: `Error: ${e.message}` };
    throw e;
  }
}

/** `info snapshots` in QEMU's layout (VM SIZE is the snapshot file's size). */
function snapshotList<B, X>(d: SystemBoard<B, X>, dir: SnapshotDir | null): string {
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
      const info = d.snapshotInfo(data);
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

/** Runs a board's command: parses argv, makes the board, and runs it with the console on stdio until it stops. */
export async function systemMain<B, X>(d: SystemBoard<B, X>, argv: string[]): Promise<void> {
  const fail: (msg: string) => never = failer(d.command);
  const o = parseSystemArgs(d, argv);
  await d.check?.(o, fail);
  const kernel = o.kernel ? readInput(o.kernel, "kernel", fail) : undefined;
  const initrd = o.initrd ? readInput(o.initrd, "initrd", fail) : undefined;
  const dtb = o.dtb ? readInput(o.dtb, "device tree", fail) : undefined;
  let disks: BlockDevice[];
  try {
    disks = o.drives.resolve().map((drive) => openDrive(drive, o.snapshot));
  } catch (e) {
    if (e instanceof OptionError) fail(e.message);
    throw e;
  }
  for (const w of o.virtfs.warnings) process.stderr.write(`${d.command}: ${w}\n`);
  let shares: ReturnType<VirtfsArgs["resolve"]>;
  try {
    shares = o.virtfs.resolve();
  } catch (e) {
    if (e instanceof OptionError) fail(e.message);
    throw e;
  }
  let nicPlans;
  try {
    nicPlans = o.net.resolve((w) => process.stderr.write(`${d.command}: ${w}\n`));
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
  const dbg = new SystemDebug({
    logItems: o.logItems,
    logFile: o.logFile,
    dfilter: o.dfilter,
    gdb: o.dumpDtb ? null : o.gdb,
    startStopped: o.startStopped,
    progName: d.command,
  });

  const out = (b: Uint8Array) => writeAllSync(1, b);
  const inputs: SystemInputs = {
    kernel,
    initrd,
    dtb,
    disks,
    shares,
    nics: nicPlans.map((p) => ({ backend: p.netdev === null ? null : netdevs.get(p.netdev)!.net, mac: p.mac })),
    serialOut: out,
  };
  const make = (): B => {
    try {
      const b = d.make(o, inputs);
      dbg.attach(d.debugMachine(b));
      return b;
    } catch (e) {
      if (d.isSetupError(e)) fail(e.message);
      throw e;
    }
  };
  let board = make();
  if (o.dumpDtb) {
    writeFileSync(o.dumpDtb, d.fdt(board));
    return;
  }
  const snapshots = new SnapshotDir(o.snapshotDir);
  if (o.loadvm !== null) {
    const r = systemMonitorCommand(d, board, `loadvm ${o.loadvm}`, () => {}, snapshots);
    if (r.text) fail(r.text.replace(/^Error: /, "-loadvm: "));
  }
  const systemReset = () => {
    if (!d.resetInPlace(board)) board = make();
  };

  // Console input: raw mode on a terminal; Ctrl-A x / c / h as in QEMU's mux.
  const enc = new TextEncoder();
  let monitor = o.monitorStdio;
  let ctrlA = false;
  let quit: number | null = null;
  const stdin = process.stdin;
  if (stdin.isTTY) stdin.setRawMode(true);
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
          quit = 0;
          d.requestExit(board);
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
          const r = systemMonitorCommand(d, board, line, systemReset, snapshots);
          if (r.cont !== undefined) dbg.paused = !r.cont;
          if (r.quit) {
            quit = 0;
            d.requestExit(board);
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
    if (fwd.length) d.input(board, Uint8Array.from(fwd));
  });
  stdin.on("end", () => {});
  // QEMU's termsig_handler: SIGINT, SIGHUP and SIGTERM end the run the orderly way (the terminal
  // given back, status 0) with its message; Node cannot tell who sent the signal, so there is no
  // "from pid N" part.
  const onTermSignal = (name: NodeJS.Signals) => {
    process.stderr.write(`${d.command}: terminating on signal ${osConstants.signals[name]}\n`);
    quit = 0;
    d.requestExit(board);
    wakeLoop?.();
  };
  for (const s of ["SIGINT", "SIGHUP", "SIGTERM"] as const) process.on(s, onTermSignal);

  const t0 = performance.now();
  let status = 0;
  let exitCode: number | null = null;
  const killed = () => {
    process.stderr.write(`${d.command}: terminated via gdbstub\n`);
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
      r = d.run(board, 4_000_000, o.noReboot);
    } catch (e) {
      if (!(e instanceof DebugKill)) throw e;
      killed();
      break;
    }
    if (r === "exit") {
      const e = d.exitStatus(board);
      if (e === "reset") {
        if (o.noReboot) break;
        board = make();
        continue;
      }
      status = e;
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
      const wait = Math.max(0, Math.min(20, (d.nextDeadlineNs(board) - d.nowNs(board)) / 1e6));
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
  if (stdin.isTTY) stdin.setRawMode(false);
  stdin.pause();
  for (const n of netdevs.values()) n.stop();
  const secs = (performance.now() - t0) / 1000;
  await dbg.finish(exitCode);
  if (o.summary) {
    const n = d.insns(board);
    process.stderr.write(
      `tciemu: ${n.toLocaleString("en-US")} guest instructions, ${secs.toFixed(2)} s, ${(n / secs / 1e6).toFixed(1)} MIPS\n`,
    );
  }
  process.exit(status);
}

/** Runs `main` as a command's entry point (internal errors: a message and status 1). */
export function runSystemCli(command: string, main: (argv: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${command}: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
