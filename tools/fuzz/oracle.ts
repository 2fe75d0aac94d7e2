// Running programs: the qemu-riscv64 oracle and tciemu (in-process).

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { constants as osConstants, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { qemuRiscv64 } from "../debian/paths.ts";
import { insnDef, type Operands } from "./encode.ts";
import { CodeBuffer, writeElf } from "./elf-writer.ts";

export interface RunResult {
  exitCode: number;
  signal?: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  insns?: number;
  /** Set when the runner itself failed (exception, timeout, spawn error). */
  error?: string;
}

export interface RunElfOptions {
  elf: Uint8Array;
  argv: string[];
  env?: string[];
  stdin?: Uint8Array;
  maxInsns?: number;
}
export type RunElf = (opts: RunElfOptions) => RunResult | Promise<RunResult>;

/** The fallback oracle when tools/debian/paths.ts finds nothing. */
export const SYSTEM_QEMU = "/usr/bin/qemu-riscv64";

/**
 * The reference qemu-riscv64: $TCIEMU_QEMU_RISCV64, else trixie's QEMU 10.x
 * from the tools/debian cache, else /usr/bin/qemu-riscv64 (bookworm, 7.2).
 */
export function defaultQemu(): string {
  return qemuRiscv64() ?? SYSTEM_QEMU;
}

export function qemuVersion(qemu: string): string {
  const r = spawnSync(qemu, ["--version"], { encoding: "utf8" });
  const m = /version\s+(\S+)/.exec(r.stdout ?? "");
  return m?.[1] ?? "unknown";
}

const SIGNUMS = osConstants.signals as Record<string, number>;

/** A scratch directory for ELF files handed to qemu (removed by `cleanup`). */
export class ElfFiles {
  readonly dir = mkdtempSync(join(tmpdir(), "tciemu-fuzz-"));
  private n = 0;
  write(elf: Uint8Array, name?: string): string {
    const p = join(this.dir, name ?? `p${this.n++}.elf`);
    writeFileSync(p, elf);
    chmodSync(p, 0o755); // qemu-user refuses files without exec permission
    return p;
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The program's name as both runs give it: qemu runs `./name.elf` from the file's directory (QEMU 10
 * passes that string as argv[0] and AT_EXECFN), tciemu gets it as argv[0] (its AT_EXECFN); both get an
 * empty environment. So the initial stack holds the same strings, at the same addresses, in both runs.
 */
export function programArgv0(elfPath: string): string {
  return "./" + basename(elfPath);
}

export function runQemu(qemu: string, cpuArgs: string[], elfPath: string, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolveRun) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(qemu, [...cpuArgs, programArgv0(elfPath)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {},
      cwd: dirname(elfPath),
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      resolveRun({
        exitCode: -1,
        stdout: new Uint8Array(),
        stderr: new Uint8Array(),
        error: String(e),
      });
    });
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      const r: RunResult = {
        exitCode: code ?? -1,
        stdout: new Uint8Array(Buffer.concat(out)),
        stderr: new Uint8Array(Buffer.concat(err)),
      };
      if (sig !== null) r.signal = SIGNUMS[sig] ?? -1;
      if (timedOut) r.error = `timeout after ${timeoutMs} ms`;
      resolveRun(r);
    });
  });
}

// ---------------------------------------------------------------------------
// tciemu

/** Module that exports runElf; relative to this file. */
export const TCIEMU_MODULE = "../../src/linux-user/index.ts";

/**
 * Loads tciemu's runElf. The specifier is not a literal so that the type
 * checker does not need src/linux-user/index.ts to exist yet.
 */
export async function loadRunElf(modulePath?: string): Promise<RunElf> {
  const spec = modulePath !== undefined ? pathToFileURL(resolve(modulePath)).href : TCIEMU_MODULE;
  let mod: { runElf?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ spec)) as { runElf?: unknown };
  } catch (e) {
    throw new Error(`cannot load tciemu runElf from ${spec}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof mod.runElf !== "function") throw new Error(`${spec} does not export a runElf function`);
  return mod.runElf as RunElf;
}

/** Runs `elf` in tciemu as runQemu runs the file at `elfPath` (see programArgv0). */
export async function runTciemu(runElf: RunElf, elf: Uint8Array, elfPath: string, maxInsns: number): Promise<RunResult> {
  try {
    const r = await runElf({ elf, argv: [programArgv0(elfPath)], env: [], maxInsns });
    return {
      exitCode: r.exitCode,
      ...(r.signal !== undefined ? { signal: r.signal } : {}),
      stdout: r.stdout,
      stderr: r.stderr,
      insns: r.insns,
    };
  } catch (e) {
    return {
      exitCode: -1,
      stdout: new Uint8Array(),
      stderr: new Uint8Array(),
      error: `runElf threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    };
  }
}

// ---------------------------------------------------------------------------
// Probing the oracle

export interface OracleInfo {
  qemu: string;
  version: string;
  cpuArgs: string[];
  zicond: boolean;
  misaligned: boolean;
}

/** A tiny program: `body`, then exit_group(0). Data page (RW) at 0x200000 in x8. */
function probeElf(body: { name: string; o: Operands }[]): Uint8Array {
  const code = new CodeBuffer(0x10000);
  const e = (name: string, o: Operands = {}) => {
    const d = insnDef(name);
    code.emit(d.enc(o), d.size);
  };
  e("lui", { rd: 8, imm: 0x200 });
  for (const b of body) e(b.name, b.o);
  e("addi", { rd: 10, rs1: 0, imm: 0 });
  e("addi", { rd: 17, rs1: 0, imm: 94 });
  code.emit(0x00000073, 4);
  return writeElf({
    text: code.toBytes(),
    textAddr: 0x10000,
    data: new Uint8Array(64),
    dataAddr: 0x200000,
    entry: 0x10000,
  });
}

async function probeOk(files: ElfFiles, qemu: string, cpuArgs: string[], elf: Uint8Array): Promise<boolean> {
  const r = await runQemu(qemu, cpuArgs, files.write(elf), 20_000);
  return r.exitCode === 0 && r.signal === undefined && r.error === undefined;
}

export async function probeOracle(qemu: string, wantZicond: boolean | undefined): Promise<OracleInfo> {
  if (!existsSync(qemu)) throw new Error(`qemu-riscv64 not found at ${qemu}`);
  const files = new ElfFiles();
  try {
    const base = probeElf([
      { name: "sh1add.uw", o: { rd: 5, rs1: 6, rs2: 7 } },
      { name: "clz", o: { rd: 5, rs1: 6 } },
      { name: "rev8", o: { rd: 5, rs1: 6 } },
      { name: "bseti", o: { rd: 5, rs1: 6, imm: 40 } },
      { name: "fadd.d", o: { rd: 1, rs1: 2, rs2: 3, rm: 7 } },
      { name: "c.add", o: { rd: 5, rs2: 6 } },
      { name: "amoadd.d", o: { rd: 5, rs1: 8, rs2: 6 } },
    ]);
    if (!(await probeOk(files, qemu, [], base))) {
      throw new Error(`${qemu} cannot run a basic RV64GC+Zba/Zbb/Zbs probe program`);
    }
    const misaligned = await probeOk(
      files,
      qemu,
      [],
      probeElf([
        { name: "ld", o: { rd: 5, rs1: 8, imm: 3 } },
        { name: "sw", o: { rs2: 5, rs1: 8, imm: 9 } },
        { name: "fld", o: { rd: 1, rs1: 8, imm: 13 } },
      ]),
    );
    let cpuArgs: string[] = [];
    let zicond = false;
    if (wantZicond !== false) {
      const z = probeElf([{ name: "czero.eqz", o: { rd: 5, rs1: 6, rs2: 7 } }]);
      for (const args of [[], ["-cpu", "rv64,zicond=true"]]) {
        if (await probeOk(files, qemu, args, z)) {
          cpuArgs = args;
          zicond = true;
          break;
        }
      }
      if (wantZicond === true && !zicond) throw new Error(`${qemu} does not support Zicond`);
    }
    return { qemu, version: qemuVersion(qemu), cpuArgs, zicond, misaligned };
  } finally {
    files.cleanup();
  }
}

export const BINUTILS_OBJDUMP = "riscv64-linux-gnu-objdump";

/** objdump -d of [start, stop) of an ELF on disk, or undefined if objdump is missing. */
export function objdumpRange(elfPath: string, start: number, stop: number): string | undefined {
  const r = spawnSync(
    BINUTILS_OBJDUMP,
    ["-d", `--start-address=0x${start.toString(16)}`, `--stop-address=0x${stop.toString(16)}`, elfPath],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (r.status !== 0 || r.error) return undefined;
  const lines = r.stdout.split("\n");
  const i = lines.findIndex((l) => l.startsWith("Disassembly of section"));
  return lines
    .slice(i >= 0 ? i + 1 : 0)
    .filter((l) => l.trim() !== "")
    .join("\n");
}
