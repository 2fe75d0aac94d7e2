// tciemu-arm: run a 32-bit ARM (armhf) Linux program, with qemu-arm's command line.
//
//   tciemu-arm [options] program [arguments...]
//
// Options follow qemu-user (see usage()). The exit status is the guest's; a fatal signal prints
// qemu's message and exits with 128 + signal.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { armAbi } from "../linux-user/arm/abi.ts";
import { LinuxProcess } from "../linux-user/process.ts";
import { ElfError } from "../linux-user/elf.ts";
import { NodeLinuxHost } from "./node-host.ts";
import { checkLogOptions, isDebugKill, setupDebug } from "./debug-cli.ts";

const VERSION = "0.1.0";
const NAME = "tciemu-arm";
/** The CPU tciemu implements (QEMU's cortex-a15 with Neon and D16-D31 off): the default and only model. */
const CPU_MODEL = "cortex-a15";
const CPU_HELP = `Available CPUs:
  ${CPU_MODEL}  (ARMv7VE, Thumb-2, VFPv4-D16, no Advanced SIMD: QEMU's cortex-a15,neon=off,vfp-d32=off)
  max         (the same)
  any         (the same)
`;

interface UserOptions {
  sysroot: string;
  env: Map<string, string | null>;
  argv0: string | null;
  cpu: string;
  logItems: string[];
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

function usage(): string {
  return `usage: ${NAME} [options] program [arguments...]
Linux ARM user-mode emulator (tciemu ${VERSION}, QEMU-compatible options)

Options and environment variables:

Argument      Env-variable      Description
-h                              print this help
-L path       QEMU_LD_PREFIX    set the elf interpreter prefix to 'path'
-E var=value  QEMU_SET_ENV      sets targets environment variable (see below)
-U var        QEMU_UNSET_ENV    unsets targets environment variable (see below)
-0 argv0      QEMU_ARGV0        forces target process argv[0] to be 'argv0'
-cpu model    QEMU_CPU          select CPU (-cpu help for list): ${CPU_MODEL} (neon=off,vfp-d32=off)
-d item[,...] QEMU_LOG          enable logging of specified items (use '-d help' for a list)
-D logfile    QEMU_LOG_FILENAME write logs to 'logfile' (default stderr)
-dfilter range,..                filter logging based on address range
-g port       QEMU_GDB          wait gdb connection to 'port' (0: any free port)
-singlestep   QEMU_SINGLESTEP   run in singlestep mode (one guest instruction per TB)
-strace       QEMU_STRACE       log system calls
-version      QEMU_VERSION      display version information and exit
--summary                       print instructions, TBs and guest MIPS on exit (tciemu)
--debug                         stop at the entry with a debugger prompt on stdin (tciemu)
`;
}

function fail(msg: string): never {
  process.stderr.write(`${NAME}: ${msg}\n`);
  process.exit(1);
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): UserOptions {
  const o: UserOptions = {
    sysroot: env.QEMU_LD_PREFIX ?? "",
    env: new Map(),
    argv0: env.QEMU_ARGV0 ?? null,
    cpu: env.QEMU_CPU ?? CPU_MODEL,
    logItems: env.QEMU_LOG ? env.QEMU_LOG.split(",") : [],
    logFile: env.QEMU_LOG_FILENAME ?? null,
    strace: env.QEMU_STRACE !== undefined,
    singlestep: env.QEMU_SINGLESTEP !== undefined,
    summary: false,
    dfilter: null,
    gdbPort: env.QEMU_GDB ? Number(env.QEMU_GDB) : null,
    debugPrompt: false,
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
        process.stdout.write(usage());
        process.exit(0);
      case "-version":
        process.stdout.write(`${NAME} version ${VERSION} (qemu-arm compatible command line)\n`);
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
          process.stdout.write(CPU_HELP);
          process.exit(0);
        }
        checkCpu(o.cpu);
        break;
      case "-d":
        o.logItems.push(...need(a).split(","));
        checkLogOptions({ logItems: o.logItems, logFile: null }, NAME); // -d help, unknown items: exit
        break;
      case "-dfilter":
        o.dfilter = need(a);
        checkLogOptions({ logItems: [], logFile: null, dfilter: o.dfilter }, NAME);
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
      default:
        fail(`unknown option '${a}' (see -h)`);
    }
  }
  if (i >= argv.length) fail("no program given (see -h)");
  o.program = argv[i];
  o.args = argv.slice(i + 1);
  return o;
}

/**
 * -cpu MODEL[,feature=on|off...]: the model must be one tciemu implements; its properties may only
 * restate what it is (neon=off, vfp-d32=off), since tciemu has no Advanced SIMD or D16-D31.
 */
function checkCpu(spec: string): void {
  const [model, ...props] = spec.split(",");
  if (![CPU_MODEL, "max", "any"].includes(model!)) fail(`unable to find CPU model '${model}'`);
  for (const p of props) {
    const [k, v] = p.split("=");
    if ((k === "neon" || k === "vfp-d32") && (v === "off" || v === "false")) continue;
    fail(`CPU property '${p}' is not supported (tciemu's ${CPU_MODEL} has neon=off,vfp-d32=off)`);
  }
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

export function main(argv: string[]): void {
  const o = parseArgs(argv, process.env);
  const path = findProgram(o.program);
  let elf: Uint8Array;
  try {
    if (statSync(path).isDirectory()) fail(`${o.program}: is a directory`);
    elf = new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`${o.program}: ${code === "ENOENT" ? "No such file or directory" : code === "EACCES" ? "Permission denied" : String(e)}`);
  }
  const envMap = new Map<string, string>();
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("QEMU_")) envMap.set(k, v);
  for (const [k, v] of o.env) v === null ? envMap.delete(k) : envMap.set(k, v);
  const envp = [...envMap].map(([k, v]) => `${k}=${v}`);
  const host = new NodeLinuxHost();
  const proc = new LinuxProcess(host, {
    abi: armAbi,
    sysroot: o.sysroot,
    singlestep: o.singlestep,
    readFile: (p) => {
      try {
        return new Uint8Array(readFileSync(p));
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
    proc.load(elf, [o.argv0 ?? o.program, ...o.args], envp, real, o.program);
  } catch (e) {
    if (e instanceof ElfError) fail(e.message);
    throw e;
  }
  const dbg = setupDebug(proc, { ...o, progName: NAME }, elf, (write) => (proc.sys.trace = (line) => write(`${line}\n`)));
  const t0 = performance.now();
  let r;
  try {
    r = proc.run();
  } catch (e) {
    if (!isDebugKill(e)) throw e;
    dbg.finish(null);
    process.exitCode = 137;
    return;
  }
  dbg.finish(r);
  const secs = (performance.now() - t0) / 1000;
  if (o.summary) {
    const tbs = proc.cpu.exec.tbs;
    process.stderr.write(
      `tciemu: ${r.insns.toLocaleString("en-US")} guest instructions, ${tbs.translations.toLocaleString("en-US")} TBs translated, ` +
        `${secs.toFixed(2)} s, ${(r.insns / secs / 1e6).toFixed(1)} MIPS\n`,
    );
  }
  process.exitCode = r.exitCode;
}

main(process.argv.slice(2));
