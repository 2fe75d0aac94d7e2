// The qemu-user command line of every Linux guest (tciemu-riscv64, tciemu-i386, tciemu-arm):
//
//   tciemu-<arch> [options] program [arguments...]
//
// Options follow qemu-user (see usage()). The exit status is the guest's; a fatal signal prints
// qemu's message and exits with 128 + signal. A guest's CLI gives its name, its LinuxAbi and how
// it parses -cpu (QEMU's model names) into process options.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { LinuxProcess, type ProcessOptions } from "../linux-user/process.ts";
import { holdOptimizingCompiler, optimizeSoon } from "./tiering.ts";
import { warmUpInterpreter } from "../exec/warmup.ts";
import type { LinuxAbi } from "../linux-user/abi.ts";
import { ElfError } from "../linux-user/elf.ts";
import { NodeLinuxHost } from "./node-host.ts";
import { checkLogOptions, isDebugKill, setupDebug } from "./debug-cli.ts";
import { hostNetwork } from "./user-network.ts";
import { attachHostTerminal } from "./host-terminal.ts";
import { exitBySignal, passHostSignals } from "./host-signals.ts";
import { ALLOW_ALL, DENY_ALL, PolicyError, RulePolicy, type NetPolicy } from "../net/net-policy.ts";
import { byteStringToUtf8, utf8ToByteString } from "../linux-user/bytes.ts";

const VERSION = "0.1.0";

/** What a guest's command supplies. */
export interface UserCliGuest {
  /** "tciemu-i386", the name in messages */
  readonly command: string;
  /** "i386": the name in help and version texts (qemu-<name>). */
  readonly qemuName: string;
  readonly abi: LinuxAbi;
  /** QEMU_CPU / -cpu default, e.g. "qemu32,-sse3". */
  readonly defaultCpu: string;
  /** One -cpu help line for the usage text. */
  readonly cpuUsage: string;
  /** The text of `-cpu help`. */
  readonly cpuHelp: string;
  /** Process options for a -cpu string, or an error message. */
  cpuOptions(cpu: string): Partial<ProcessOptions> | string;
}

interface UserOptions {
  sysroot: string;
  env: Map<string, string | null>;
  argv0: string | null;
  cpu: string;
  logItems: string[];
  /** --net-allow rules (tciemu): the only destinations guest sockets may reach; null = everything, as qemu-user. */
  netAllow: string[] | null;
  logFile: string | null;
  strace: boolean;
  singlestep: boolean;
  summary: boolean;
  /** src/debug: -dfilter ranges, -g gdb port, --debug prompt. */
  dfilter: string | null;
  gdbPort: number | null;
  debugPrompt: boolean;
  program: string;
  args: string[];
}

function usage(g: UserCliGuest): string {
  return `usage: ${g.command} [options] program [arguments...]
Linux ${g.qemuName} user-mode emulator (tciemu ${VERSION}, QEMU-compatible options)

Options and environment variables:

Argument      Env-variable      Description
-h                              print this help
-L path       QEMU_LD_PREFIX    set the elf interpreter prefix to 'path'
-E var=value  QEMU_SET_ENV      sets targets environment variable (see below)
-U var        QEMU_UNSET_ENV    unsets targets environment variable (see below)
-0 argv0      QEMU_ARGV0        forces target process argv[0] to be 'argv0'
-cpu model    QEMU_CPU          ${g.cpuUsage}
-d item[,...] QEMU_LOG          enable logging of specified items (use '-d help' for a list)
-D logfile    QEMU_LOG_FILENAME write logs to 'logfile' (default stderr)
-dfilter range,..                filter logging based on address range
-g port       QEMU_GDB          wait gdb connection to 'port' (0: any free port)
-singlestep   QEMU_SINGLESTEP   run in singlestep mode (one guest instruction per TB)
-strace       QEMU_STRACE       log system calls
-version      QEMU_VERSION      display version information and exit
--summary                       print instructions, TBs and guest MIPS on exit (tciemu)
--debug                         stop at the entry with a debugger prompt on stdin (tciemu)
--net-allow RULE  TCIEMU_NET_ALLOW  let guest sockets reach only what such rules allow (repeatable;
                                PROTO:HOST:PORTS with PROTO tcp|udp|*, e.g. tcp:127.0.0.1:8000-8100;
                                'none' allows nothing; default: everything, as qemu-user) (tciemu)
`;
}

let command = "tciemu";
function fail(msg: string): never {
  process.stderr.write(`${command}: ${msg}\n`);
  process.exit(1);
}

export function parseArgs(g: UserCliGuest, argv: string[], env: NodeJS.ProcessEnv): UserOptions {
  command = g.command;
  const o: UserOptions = {
    sysroot: env.QEMU_LD_PREFIX ?? "",
    env: new Map(),
    argv0: env.QEMU_ARGV0 ?? null,
    cpu: env.QEMU_CPU ?? g.defaultCpu,
    logItems: env.QEMU_LOG ? env.QEMU_LOG.split(",") : [],
    logFile: env.QEMU_LOG_FILENAME ?? null,
    strace: env.QEMU_STRACE !== undefined,
    singlestep: env.QEMU_SINGLESTEP !== undefined,
    summary: false,
    dfilter: null,
    gdbPort: env.QEMU_GDB ? Number(env.QEMU_GDB) : null,
    debugPrompt: false,
    netAllow: env.TCIEMU_NET_ALLOW !== undefined ? env.TCIEMU_NET_ALLOW.split(",").filter(Boolean) : null,
    program: "",
    args: [],
  };
  for (const kv of (env.QEMU_SET_ENV ?? "").split(",").filter(Boolean)) {
    const i = kv.indexOf("=");
    o.env.set(kv.slice(0, i), kv.slice(i + 1));
  }
  for (const k of (env.QEMU_UNSET_ENV ?? "").split(",").filter(Boolean)) o.env.set(k, null);
  let i = 0;
  const need = (opt: string) => {
    if (i + 1 >= argv.length) fail(`option '${opt}' needs an argument`);
    return argv[++i];
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("-")) break;
    const opt = a.replace(/^--?/, "-");
    switch (opt) {
      case "-h":
      case "-help":
        process.stdout.write(usage(g));
        process.exit(0);
      case "-version":
        process.stdout.write(`${g.command} version ${VERSION} (qemu-${g.qemuName} compatible command line)\n`);
        process.exit(0);
      case "-L":
        o.sysroot = need(a);
        break;
      case "-E": {
        const kv = need(a);
        const k = kv.indexOf("=");
        if (k < 0) fail(`-E expects var=value`);
        o.env.set(kv.slice(0, k), kv.slice(k + 1));
        break;
      }
      case "-U":
        o.env.set(need(a), null);
        break;
      case "-0":
        o.argv0 = need(a);
        break;
      case "-cpu":
        o.cpu = need(a);
        if (o.cpu === "help") {
          process.stdout.write(g.cpuHelp);
          process.exit(0);
        }
        if (typeof g.cpuOptions(o.cpu) === "string") fail(g.cpuOptions(o.cpu) as string);
        break;
      case "-d":
        o.logItems.push(...need(a).split(","));
        checkLogOptions({ logItems: o.logItems, logFile: null }, g.command); // -d help, unknown items: exit
        break;
      case "-dfilter":
        o.dfilter = need(a);
        checkLogOptions({ logItems: [], logFile: null, dfilter: o.dfilter }, g.command);
        break;
      case "-g":
        o.gdbPort = Number(need(a));
        if (!Number.isInteger(o.gdbPort) || o.gdbPort < 0 || o.gdbPort > 65535) fail(`bad gdb port '${argv[i]}'`);
        break;
      case "-debug":
        o.debugPrompt = true;
        break;
      case "-D":
        o.logFile = need(a);
        break;
      case "-strace":
        o.strace = true;
        break;
      case "-singlestep":
      case "-one-insn-per-tb":
        o.singlestep = true;
        break;
      case "-summary":
        o.summary = true;
        break;
      case "-net-allow":
        (o.netAllow ??= []).push(need(a));
        break;
      default:
        fail(`unknown option '${a}' (see -h)`);
    }
  }
  netPolicy(o.netAllow); // bad rules fail here, before anything runs
  if (i >= argv.length) fail("no program given (see -h)");
  o.program = argv[i];
  o.args = argv.slice(i + 1);
  return o;
}

/** The policy of --net-allow rules: everything without rules, nothing for 'none' alone. */
function netPolicy(rules: string[] | null): NetPolicy {
  if (rules === null) return ALLOW_ALL;
  const real = rules.filter((r) => r !== "none");
  if (real.length === 0) return DENY_ALL;
  try {
    return new RulePolicy(real);
  } catch (e) {
    if (e instanceof PolicyError) fail(`--net-allow: ${e.message}`);
    throw e;
  }
}

/**
 * A NUL-separated list the kernel keeps of this process (/proc/self/cmdline, /proc/self/environ)
 * as byte strings, or null where there is none (not Linux).
 */
function procList(path: string): string[] | null {
  try {
    const l = readFileSync(path).toString("latin1").split("\0");
    l.pop();
    return l;
  } catch {
    return null;
  }
}

/**
 * The guest's arguments as bytes: Node decodes the command line as UTF-8 (bytes that are not
 * become U+FFFD), /proc/self/cmdline keeps the bytes, and the guest's arguments are its last ones.
 * An entry is taken from there only if it decodes to Node's text (else the text's UTF-8).
 */
function argBytes(args: string[]): string[] {
  const raw = procList("/proc/self/cmdline") ?? [];
  const tail = raw.slice(Math.max(0, raw.length - args.length));
  return args.map((a, i) => (tail.length === args.length && byteStringToUtf8(tail[i]) === a ? tail[i] : utf8ToByteString(a)));
}

/** The environment's entries ("K=V") as bytes by their text, from /proc/self/environ as argBytes does. */
function envBytes(): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of procList("/proc/self/environ") ?? []) m.set(byteStringToUtf8(e), e);
  return m;
}

/** Resolves the program like qemu-user: as given, then in PATH if it has no slash. */
function findProgram(p: string): string {
  if (p.includes("/") || existsSync(p)) return p;
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const c = resolve(dir, p);
    if (existsSync(c)) return c;
  }
  return p;
}

/**
 * The CLIs' guest RAM (KernelOptions.allocateRam). V8 counts the size of an ArrayBuffer, but not of a
 * SharedArrayBuffer, as external memory that garbage collections should relieve: the 1 GiB RAM
 * reservation, untouched but counted, cost `busybox true` two or three extra collections (~10 ms)
 * and a lower old-generation limit.
 */
export const allocateGuestRam = (bytes: number): ArrayBufferLike => new SharedArrayBuffer(bytes);

export async function runUserCli(g: UserCliGuest, argv: string[]): Promise<void> {
  holdOptimizingCompiler();
  const o = parseArgs(g, argv, process.env);
  const cpuOpts = g.cpuOptions(o.cpu);
  if (typeof cpuOpts === "string") fail(cpuOpts);
  // The interpreter's warm-up (which new LinuxProcess would run) comes before the rest: it is what
  // queues tciExec's TurboFan compile (~110 ms on another thread), and the earlier that starts, the
  // sooner its code arrives and the less likely a short process waits for it at exit (tiering.ts).
  warmUpInterpreter();
  const path = findProgram(o.program);
  let elf: Uint8Array;
  try {
    if (statSync(path).isDirectory()) fail(`${o.program}: is a directory`);
    elf = readFileSync(path); // a Buffer is a Uint8Array of its own (no copy)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`${o.program}: ${code === "ENOENT" ? "No such file or directory" : code === "EACCES" ? "Permission denied" : String(e)}`);
  }
  const envMap = new Map<string, string>();
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("QEMU_")) envMap.set(k, v);
  for (const [k, v] of o.env) v === null ? envMap.delete(k) : envMap.set(k, v);
  // Paths, arguments and the environment are byte strings in the kernel (bytes.ts): the host's
  // own bytes where Node's text came from them, else the text's UTF-8.
  const hostEnv = envBytes();
  const envp = [...envMap].map(([k, v]) => {
    const e = `${k}=${v}`;
    return (process.env[k] === v ? hostEnv.get(e) : undefined) ?? utf8ToByteString(e);
  });
  const host = new NodeLinuxHost();
  // The guest's sockets are the host's, as with qemu-user (the policy allows everything by default).
  const net = hostNetwork(host, netPolicy(o.netAllow));
  host.network = net.network;
  const proc = new LinuxProcess(host, {
    ...cpuOpts,
    allocateRam: allocateGuestRam,
    abi: g.abi,
    sysroot: utf8ToByteString(o.sysroot),
    singlestep: o.singlestep,
    readFile: (p) => {
      try {
        return readFileSync(p);
      } catch {
        return null;
      }
    },
  });
  if (o.strace) proc.sys.trace = (line) => host.writeStderr(new TextEncoder().encode(`${line}\n`));
  let real = resolve(path);
  try {
    real = realpathSync(path);
  } catch {
    // keep the resolved path
  }
  try {
    const [program, ...args] = argBytes([o.program, ...o.args]);
    proc.load(elf, [o.argv0 === null ? program : utf8ToByteString(o.argv0), ...args], envp, utf8ToByteString(real), program);
  } catch (e) {
    if (e instanceof ElfError) fail(byteStringToUtf8(e.message));
    throw e;
  }
  const dbg = setupDebug(proc, { ...o, progName: g.command }, elf, (write) => (proc.sys.trace = (line) => write(`${line}\n`)));
  // The host's terminal becomes the guest's, with its line discipline (not with --debug's prompt on stdin).
  const terminal = o.debugPrompt ? null : attachHostTerminal(proc, net.wake);
  if (terminal) host.suspend = (sig) => terminal.suspend(sig);
  // kill(1) of tciemu reaches the guest's handlers, as qemu-user's process is the guest's.
  const signals = passHostSignals(proc.kernel, () => proc.pid, net.wake, terminal !== null);
  host.catchSignal = signals.catchSignal;
  proc.hostSignalsChanged(); // what the process has from its start (none: Node has reset them all)
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  optimizeSoon();
  let r;
  try {
    r = await proc.runAsync(net.idle);
  } catch (e) {
    terminal?.release();
    signals.release();
    if (!isDebugKill(e)) throw e;
    dbg.finish(null);
    process.exitCode = 137;
    return;
  }
  terminal?.release();
  signals.release();
  // Died of a signal: tciemu dies of it too at exit (its parent sees what qemu-user's would).
  if (r.signal !== undefined) exitBySignal(r.signal, host);
  net.finish(r.exitCode);
  dbg.finish(r);
  const secs = (performance.now() - t0) / 1000;
  if (o.summary) {
    const tbs = proc.cpu.exec.tbs;
    // CPU time too: on a shared machine the wall clock measures the other processes as well.
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    process.stderr.write(
      `tciemu: ${r.insns.toLocaleString("en-US")} guest instructions, ${tbs.translations.toLocaleString("en-US")} TBs translated, ` +
        `${secs.toFixed(2)} s, ${(r.insns / secs / 1e6).toFixed(1)} MIPS (CPU ${cpuSecs.toFixed(2)} s, ${(r.insns / cpuSecs / 1e6).toFixed(1)} MIPS)\n`,
    );
  }
  // Guest output is written synchronously, so when nothing else keeps Node's event loop alive the
  // process can end here: a normal return would first tear down the environment and the heap (~5 ms).
  if (process.getActiveResourcesInfo().length === 0) process.exit(r.exitCode);
  process.exitCode = r.exitCode;
}
