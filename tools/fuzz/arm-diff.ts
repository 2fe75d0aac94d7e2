// Differential random-instruction tester: tciemu-arm vs qemu-arm (linux-user), cortex-a15 without
// Neon and with 16 D registers, as tciemu's CPU model.
//
//   npm run fuzz:arm -- --count 200000 --seed 1
//   npx tsx tools/fuzz/arm-diff.ts --oracle-only --count 20000 --seed 1
//
// Options:
//   --count N            random instructions in total (default 20000)
//   --seed S             seed (default 1)
//   --per-program M      random instructions per program (default 4000)
//   --program I          run only program I of the seed (to reproduce a failure)
//   --keep-failures DIR  save failing ELFs and reports (.elf, .txt) to DIR
//   --oracle-only        only run qemu; validate that every program exits 0 with well-formed output
//   --qemu PATH          the oracle (default: $TCIEMU_QEMU_ARM, else trixie's qemu-arm from the
//                        tools/debian cache)
//   --vs-qemu PATH       compare against this other qemu-arm instead of tciemu
//   --thumb-share P      share of Thumb blocks (default 0.5)
//   --max-mismatches K   stop after K mismatching programs (default 5)
//   --jobs J             concurrent qemu processes (default 2)
//   --quiet              no coverage table
//
// Output records (256 bytes each, see arm-generate.ts): a dump after every block (r15 = 0) and one
// per fault (signal number | 0x80000000, si_code, si_addr, the interrupted state), then the 4 KiB
// scratch memory. The first differing record is reported with its block's disassembly.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { trixieQemuUser } from "../debian/paths.ts";
import { armCoverageKeys, ARM_LAYOUT, ARM_RECORD_SIZE, buildArmProgram, type ArmProgram } from "./arm-generate.ts";
import { ElfFiles, qemuVersion, runQemu, runTciemu, type RunElf, type RunResult } from "./oracle.ts";

export const ARM_CPU_ARGS = ["-cpu", "cortex-a15,neon=off,vfp-d32=off"];

export interface ArmFuzzOptions {
  count: number;
  seed: number;
  perProgram: number;
  program?: number;
  keepFailures?: string;
  oracleOnly: boolean;
  qemu?: string;
  vsQemu?: string;
  thumbShare: number;
  maxMismatches: number;
  jobs: number;
  log?: (s: string) => void;
  quiet?: boolean;
}

export interface ArmFuzzSummary {
  programs: number;
  instructions: number;
  faults: number;
  mismatches: number;
  seconds: number;
  version: string;
  reports: string[];
  coverage: Map<string, number>;
  summaryLine: string;
}

export const ARM_DEFAULT_OPTIONS: ArmFuzzOptions = {
  count: 20000,
  seed: 1,
  perProgram: 4000,
  oracleOnly: false,
  thumbShare: 0.5,
  maxMismatches: 5,
  jobs: 2,
};

/** $TCIEMU_QEMU_ARM, else trixie's qemu-arm (QEMU 10.x) from the tools/debian cache. */
export function defaultArmQemu(): string | undefined {
  const env = process.env["TCIEMU_QEMU_ARM"];
  if (env) return env;
  return trixieQemuUser("arm");
}

// ---------------------------------------------------------------------------
// Output parsing

const SIGNAMES: Record<number, string> = { 4: "SIGILL", 5: "SIGTRAP", 7: "SIGBUS", 8: "SIGFPE", 11: "SIGSEGV" };

interface Rec {
  kind: "dump" | "fault";
  off: number;
  w: Uint32Array;
  /** Scratch memory after the record (memDumpEveryBlock). */
  mem?: Uint8Array;
}

interface Parsed {
  recs: Rec[];
  final?: Uint8Array;
  problem?: string;
}

function words(b: Uint8Array, off: number): Uint32Array {
  const w = new Uint32Array(64);
  const dv = new DataView(b.buffer, b.byteOffset + off, ARM_RECORD_SIZE);
  for (let i = 0; i < 64; i++) w[i] = dv.getUint32(i * 4, true);
  return w;
}

/** Fault records have a signal number with bit 31 and a pc in the text; dump records have r15 = 0. */
function parse(p: ArmProgram, out: Uint8Array): Parsed {
  const recs: Rec[] = [];
  let off = 0;
  const scratch = ARM_LAYOUT.SCRATCH_SIZE;
  const dumps = p.blocks.length + 1;
  let nDump = 0;
  while (nDump < dumps) {
    if (off + ARM_RECORD_SIZE > out.length)
      return { recs, problem: `output ends after ${recs.length} records (${nDump} of ${dumps} dumps)` };
    const w = words(out, off);
    // a dump record of a big-endian (SETEND BE) state is byte-swapped: its r15 is 0 all the same
    const kind = w[18] === 0 ? "dump" : "fault";
    const r: Rec = { kind, off, w };
    off += ARM_RECORD_SIZE;
    if (kind === "dump") {
      nDump++;
      if (p.memDumpEveryBlock) {
        r.mem = out.subarray(off, off + scratch);
        off += scratch;
      }
    }
    recs.push(r);
  }
  const final = out.subarray(off);
  if (final.length !== scratch) return { recs, final, problem: `final memory dump has ${final.length} bytes, expected ${scratch}` };
  return { recs, final };
}

/** Checks the structure of an oracle run. Returns problems. */
export function validateArmOracleRun(p: ArmProgram, r: RunResult): string[] {
  const errs: string[] = [];
  if (r.error) errs.push(r.error);
  if (r.signal !== undefined) errs.push(`killed by signal ${r.signal}`);
  if (r.exitCode !== 0) errs.push(`exit code ${r.exitCode}${r.exitCode === 99 ? " (a fault outside the blocks)" : ""}`);
  if (r.stderr.length > 0) errs.push(`stderr: ${new TextDecoder().decode(r.stderr).slice(0, 400)}`);
  const ps = parse(p, r.stdout);
  if (ps.problem) errs.push(ps.problem);
  for (const rec of ps.recs) {
    if (rec.kind === "fault" && !SIGNAMES[rec.w[0]! & 0x7fffffff]) errs.push(`record at ${rec.off}: signal ${rec.w[0]! & 0x7fffffff}`);
    if (rec.kind === "dump" && rec.w[12] !== ARM_LAYOUT.B && rec.w[12] !== bswap(ARM_LAYOUT.B))
      errs.push(`record at ${rec.off}: r9 changed`);
    if (errs.length > 8) break;
  }
  return errs;
}

const bswap = (v: number) => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

// ---------------------------------------------------------------------------
// Comparison

function slotName(i: number): string {
  if (i === 0) return "signo/counter";
  if (i === 1) return "si_code";
  if (i === 2) return "si_addr";
  if (i < 19) return i === 16 ? "sp" : i === 17 ? "lr" : i === 18 ? "pc" : `r${i - 3}`;
  if (i === 19) return "cpsr";
  if (i === 20) return "fpscr";
  if (i < 53) return `d${(i - 21) >> 1}.${(i - 21) & 1 ? "hi" : "lo"}`;
  return `pad${i}`;
}

const hex = (v: number) => "0x" + (v >>> 0).toString(16).padStart(8, "0");

function describeCpsr(v: number): string {
  const f = ["N", "Z", "C", "V", "Q"].map((n, i) => (v & (1 << (31 - i)) ? n : "-")).join("");
  const it = ((v >>> 25) & 3) | (((v >>> 10) & 0x3f) << 2);
  return `${f} GE=${(v >>> 16) & 0xf} IT=${it.toString(16)} ${v & 0x20 ? "T" : "A"}${v & 0x200 ? " E" : ""}`;
}

interface Mismatch {
  summary: string;
  rec?: Rec;
  refRec?: Rec;
  memoryOnly?: boolean;
  details: string[];
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function memDiff(a: Uint8Array, b: Uint8Array, candName: string): string[] {
  const out: string[] = [];
  if (a.length !== b.length) out.push(`  length ${a.length} vs ${b.length}`);
  let shown = 0;
  for (let i = 0; i < Math.min(a.length, b.length) && shown < 16; i++) {
    if (a[i] === b[i]) continue;
    const off = ARM_LAYOUT.SCRATCH + i;
    out.push(
      `  0x${(ARM_LAYOUT.B + off).toString(16)} (r9${off >= 0 ? "+" : ""}${off}): qemu 0x${a[i]!.toString(16).padStart(2, "0")} ` +
        `${candName} 0x${b[i]!.toString(16).padStart(2, "0")}`,
    );
    shown++;
  }
  return out;
}

function compareRuns(p: ArmProgram, ref: RunResult, cand: RunResult, candName: string): Mismatch | undefined {
  const A = parse(p, ref.stdout);
  const B = parse(p, cand.stdout);
  const details: string[] = [];
  for (let i = 0; i < A.recs.length; i++) {
    const ra = A.recs[i]!;
    const rb = B.recs[i];
    if (!rb) {
      details.push(
        `${candName} output ends before record ${i} (${cand.stdout.length} bytes, qemu ${ref.stdout.length}): ${B.problem ?? ""}`,
      );
      return { summary: `${candName} output truncated at record ${i}`, refRec: ra, details };
    }
    let diff = false;
    for (let s = 0; s < 64; s++) if (ra.w[s] !== rb.w[s]) diff = true;
    if (diff) {
      details.push(
        `first difference in record ${i} (${ra.kind === "dump" ? "block dump" : `qemu: fault ${SIGNAMES[ra.w[0]! & 0x7fffffff] ?? ra.w[0]}`}):`,
      );
      details.push(`  ${"field".padEnd(14)}${"qemu".padEnd(12)}${candName.padEnd(12)}`);
      for (let s = 0; s < 64; s++) {
        if (ra.w[s] === rb.w[s]) continue;
        let line = `  ${slotName(s).padEnd(14)}${hex(ra.w[s]!).padEnd(12)}${hex(rb.w[s]!).padEnd(12)}`;
        if (s === 19) line += ` ${describeCpsr(ra.w[s]!)} vs ${describeCpsr(rb.w[s]!)}`;
        details.push(line);
      }
      if (ra.kind === "fault" || rb.kind === "fault") {
        details.push(
          `  qemu pc ${hex(ra.w[18]!)} cpsr ${describeCpsr(ra.w[19]!)}; ${candName} pc ${hex(rb.w[18]!)} cpsr ${describeCpsr(rb.w[19]!)}`,
        );
      }
      const prev = A.recs[i - 1];
      if (prev) {
        details.push("  state before (previous record, qemu):");
        const regs = Array.from({ length: 16 }, (_, r) => `r${r}=${hex(prev.w[3 + r]!)}`);
        for (let k = 0; k < 16; k += 4) details.push("    " + regs.slice(k, k + 4).join(" "));
        details.push(`    cpsr=${hex(prev.w[19]!)} (${describeCpsr(prev.w[19]!)}) fpscr=${hex(prev.w[20]!)}`);
      }
      return { summary: `record ${i} differs`, rec: rb, refRec: ra, details };
    }
    if (ra.mem && rb.mem && !equalBytes(ra.mem, rb.mem)) {
      details.push(`memory differs after record ${i}:`, ...memDiff(ra.mem, rb.mem, candName));
      return { summary: `memory differs after record ${i}`, rec: rb, refRec: ra, memoryOnly: true, details };
    }
  }
  if (B.recs.length > A.recs.length) {
    details.push(`${candName} has more records (${B.recs.length} vs ${A.recs.length})`);
    return { summary: "extra records", details };
  }
  if (A.final && B.final && !equalBytes(A.final, B.final)) {
    details.push("final memory dump differs (all records equal):", ...memDiff(A.final, B.final, candName));
    return { summary: "final memory differs", memoryOnly: true, details };
  }
  if (ref.exitCode !== cand.exitCode || ref.signal !== cand.signal || cand.error || !equalBytes(ref.stdout, cand.stdout)) {
    details.push(`exit: qemu ${ref.exitCode}/${ref.signal ?? "-"}, ${candName} ${cand.exitCode}/${cand.signal ?? "-"} ${cand.error ?? ""}`);
    details.push(`stdout: ${ref.stdout.length} vs ${cand.stdout.length} bytes`);
    return { summary: "exit status or output differs", details };
  }
  if (!equalBytes(ref.stderr, cand.stderr)) {
    details.push(`stderr differs: ${new TextDecoder().decode(cand.stderr).slice(0, 400)}`);
    return { summary: "stderr differs", details };
  }
  return undefined;
}

/** The block a record belongs to: a fault's pc, or the dump count. */
function blockOf(p: ArmProgram, recs: Rec[], rec: Rec | undefined): ArmProgram["blocks"][number] | undefined {
  if (!rec) return undefined;
  if (rec.kind === "fault") {
    const pc = rec.w[18]!;
    return p.blocks.find((b) => pc >= b.start && pc < b.end) ?? p.blocks.find((b) => b.start > pc);
  }
  const dumpsBefore = recs.slice(0, recs.indexOf(rec)).filter((r) => r.kind === "dump").length;
  return dumpsBefore === 0 ? undefined : p.blocks[dumpsBefore - 1];
}

export const ARM_OBJDUMP = "arm-linux-gnueabihf-objdump";

function objdumpRange(elfPath: string, start: number, stop: number): string | undefined {
  const r = spawnSync(ARM_OBJDUMP, ["-d", `--start-address=0x${start.toString(16)}`, `--stop-address=0x${stop.toString(16)}`, elfPath], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0 || r.error) return undefined;
  const lines = r.stdout.split("\n");
  const i = lines.findIndex((l) => l.startsWith("Disassembly of section"));
  return lines
    .slice(i >= 0 ? i + 1 : 0)
    .filter((l) => l.trim() !== "")
    .join("\n");
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => "    " + l)
    .join("\n");
}

// ---------------------------------------------------------------------------
// Driver

export async function runArmFuzz(options: Partial<ArmFuzzOptions> = {}): Promise<ArmFuzzSummary> {
  const o: ArmFuzzOptions = { ...ARM_DEFAULT_OPTIONS, ...options };
  const log = o.log ?? ((s: string) => console.log(s));
  const t0 = performance.now();
  const qemu = o.qemu ?? defaultArmQemu();
  if (!qemu || !existsSync(qemu)) throw new Error(`qemu-arm not found (${qemu ?? "run tools/debian/fetch.sh qemu"})`);
  const version = qemuVersion(qemu);
  let runCandidate: ((p: ArmProgram, path: string) => Promise<RunResult>) | undefined;
  let candidate: string;
  if (o.oracleOnly) candidate = "none (oracle only)";
  else if (o.vsQemu !== undefined) {
    const other = o.vsQemu;
    candidate = `qemu ${qemuVersion(other)}`;
    runCandidate = (_p, path) => runQemu(other, ARM_CPU_ARGS, path);
  } else {
    const mod = await import("../../src/linux-user/index.ts");
    const runElf: RunElf = (opts) => mod.runElf({ ...opts, abi: mod.armAbi });
    candidate = "tciemu";
    runCandidate = (p, path) => runTciemu(runElf, p.elf, path, 40 * p.staticInsns + 1_000_000);
  }
  const candName = o.vsQemu !== undefined ? "other" : "tciemu";
  log(`fuzz:arm: oracle ${qemu} (QEMU ${version} ${ARM_CPU_ARGS.join(" ")}), candidate ${candidate}; seed=${o.seed}`);

  const nPrograms = Math.max(1, Math.ceil(o.count / o.perProgram));
  const indices = o.program !== undefined ? [o.program] : Array.from({ length: nPrograms }, (_, i) => i);
  const files = new ElfFiles();
  const coverage = new Map<string, number>();
  const reports: string[] = [];
  let programs = 0;
  let instructions = 0;
  let faults = 0;
  let mismatches = 0;
  const genOpts = { thumbShare: o.thumbShare };

  interface Job {
    p: ArmProgram;
    path: string;
    ref: Promise<RunResult>;
  }
  const start = (index: number): Job => {
    const p = buildArmProgram(o.seed, index, o.perProgram, genOpts);
    const path = files.write(p.elf, `s${o.seed}-p${index}.elf`);
    return { p, path, ref: runQemu(qemu, ARM_CPU_ARGS, path) };
  };
  const queue: Job[] = [];
  let next = 0;
  const fill = () => {
    while (queue.length < Math.max(1, o.jobs) && next < indices.length) queue.push(start(indices[next++]!));
  };
  const repro = (index: number) =>
    `npx tsx tools/fuzz/arm-diff.ts --seed ${o.seed} --per-program ${o.perProgram} --program ${index}` +
    (o.thumbShare !== ARM_DEFAULT_OPTIONS.thumbShare ? ` --thumb-share ${o.thumbShare}` : "") +
    (o.oracleOnly ? " --oracle-only" : "") +
    (o.vsQemu !== undefined ? ` --vs-qemu ${o.vsQemu}` : "") +
    (o.qemu !== undefined ? ` --qemu ${o.qemu}` : "");
  const keep = (p: ArmProgram, report: string, extra?: { name: string; elf: Uint8Array }) => {
    if (o.keepFailures === undefined) return;
    mkdirSync(o.keepFailures, { recursive: true });
    const base = join(o.keepFailures, `arm-s${o.seed}-p${p.index}`);
    // executable: qemu-arm refuses to load a file without x permission ("Exec format error")
    writeFileSync(base + ".elf", p.elf, { mode: 0o755 });
    writeFileSync(base + ".txt", report + "\n");
    if (extra) writeFileSync(base + extra.name, extra.elf, { mode: 0o755 });
  };

  try {
    fill();
    while (queue.length > 0) {
      const job = queue.shift()!;
      fill();
      const { p, path } = job;
      const ref = await job.ref;
      programs++;
      instructions += p.insnCount;
      for (const [k, v] of p.coverage) coverage.set(k, (coverage.get(k) ?? 0) + v);
      const errs = validateArmOracleRun(p, ref);
      if (errs.length > 0) {
        mismatches++;
        const report = [
          `ORACLE FAILURE seed=${o.seed} program=${p.index}: qemu did not run the program cleanly`,
          ...errs.map((e) => "  " + e),
          `  reproduce: ${repro(p.index)}`,
        ].join("\n");
        reports.push(report);
        log(report);
        keep(p, report);
        if (mismatches >= o.maxMismatches) break;
        continue;
      }
      faults += parse(p, ref.stdout).recs.filter((r) => r.kind === "fault").length;
      if (!runCandidate) continue;
      const cand = await runCandidate(p, path);
      let mm = compareRuns(p, ref, cand, candName);
      if (!mm) continue;
      mismatches++;
      const lines = [`MISMATCH seed=${o.seed} program=${p.index}: ${mm.summary}`, ...mm.details];
      lines.push(
        `  exit status: qemu ${ref.exitCode}${ref.signal !== undefined ? ` signal ${ref.signal}` : ""}, ` +
          `${candName} ${cand.exitCode}${cand.signal !== undefined ? ` signal ${cand.signal}` : ""}` +
          (cand.insns !== undefined ? ` (${cand.insns} insns)` : ""),
      );
      if (cand.error) lines.push(`  ${candName} error: ${cand.error.split("\n").slice(0, 12).join("\n    ")}`);
      if (cand.stderr.length) lines.push(`  ${candName} stderr: ${new TextDecoder().decode(cand.stderr).slice(0, 800)}`);
      let prog = p;
      let elfPath = path;
      let extra: { name: string; elf: Uint8Array } | undefined;
      if (mm.memoryOnly && !p.memDumpEveryBlock) {
        const pm = buildArmProgram(o.seed, p.index, o.perProgram, { ...genOpts, memDumpEveryBlock: true });
        const pmPath = files.write(pm.elf, `s${o.seed}-p${p.index}-mem.elf`);
        const [r2, c2] = [await runQemu(qemu, ARM_CPU_ARGS, pmPath), await runCandidate(pm, pmPath)];
        const mm2 = compareRuns(pm, r2, c2, candName);
        if (mm2?.refRec) {
          lines.push(`localized with a memory dump after every block:`, ...mm2.details);
          mm = mm2;
          prog = pm;
          elfPath = pmPath;
          extra = { name: "-mem.elf", elf: pm.elf };
        } else lines.push("(could not localize the memory difference with per-block memory dumps)");
      }
      const refRecs = parse(prog, (prog === p ? ref : await runQemu(qemu, ARM_CPU_ARGS, elfPath)).stdout).recs;
      const blk = blockOf(prog, refRecs, mm.refRec);
      if (blk) {
        lines.push(`block_${blk.index} [0x${blk.start.toString(16)}, 0x${blk.end.toString(16)}) ${blk.thumb ? "Thumb" : "ARM"}:`);
        lines.push(indent(objdumpRange(elfPath, blk.start, blk.end) ?? blk.lines.join("\n")));
      }
      lines.push(`reproduce: ${repro(p.index)}${o.keepFailures ? ` (ELF kept in ${o.keepFailures})` : ""}`);
      const report = lines.join("\n");
      reports.push(report);
      log(report);
      keep(p, report, extra);
      if (mismatches >= o.maxMismatches) {
        log(`stopping after ${mismatches} mismatching programs`);
        break;
      }
    }
    await Promise.all(queue.map((j) => j.ref));
  } finally {
    files.cleanup();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!o.quiet) log(armCoverageTable(coverage));
  const summaryLine =
    `fuzz:arm summary: ${o.oracleOnly ? "validated" : "compared"} ${instructions} instructions in ${programs} programs ` +
    `(${faults} faults), ${mismatches} ${o.oracleOnly ? "oracle failures" : "mismatches"}, ${seconds.toFixed(1)} s ` +
    `(seed ${o.seed}, QEMU ${version} vs ${candidate})`;
  log(summaryLine);
  return { programs, instructions, faults, mismatches, seconds, version, reports, coverage, summaryLine };
}

export function armCoverageTable(coverage: Map<string, number>): string {
  const keys = armCoverageKeys();
  const missing = keys.filter((k) => (coverage.get(k) ?? 0) === 0);
  const lines = [`coverage: ${keys.length - missing.length}/${keys.length} decode patterns generated (A: ARM, T: Thumb)`];
  if (missing.length) lines.push(`  never generated: ${missing.join(" ")}`);
  const extra = [...coverage.entries()].filter(([k]) => !keys.includes(k)).sort((a, b) => a[0].localeCompare(b[0]));
  const inIt = extra.filter(([k]) => k.endsWith("(IT)")).length;
  const others = extra.filter(([k]) => !k.endsWith("(IT)"));
  lines.push(`  ${inIt} kinds inside IT blocks; items: ${others.map(([k, v]) => `${k} ${v}`).join(", ")}`);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv: string[]): Partial<ArmFuzzOptions> {
  const o: Partial<ArmFuzzOptions> = {};
  const num = (v: string | undefined, name: string): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${name} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = () => argv[++i];
    switch (a) {
      case "--count":
        o.count = num(val(), a);
        break;
      case "--seed":
        o.seed = num(val(), a);
        break;
      case "--per-program":
        o.perProgram = Math.max(1, num(val(), a));
        break;
      case "--program":
        o.program = num(val(), a);
        break;
      case "--keep-failures":
        o.keepFailures = val();
        break;
      case "--oracle-only":
        o.oracleOnly = true;
        break;
      case "--qemu":
        o.qemu = val();
        break;
      case "--vs-qemu":
        o.vsQemu = val();
        break;
      case "--thumb-share":
        o.thumbShare = Math.min(1, num(val(), a));
        break;
      case "--max-mismatches":
        o.maxMismatches = Math.max(1, num(val(), a));
        break;
      case "--jobs":
        o.jobs = Math.max(1, num(val(), a));
        break;
      case "--quiet":
        o.quiet = true;
        break;
      case "--":
        break;
      case "-h":
      case "--help":
        console.log(
          "usage: arm-diff.ts [--count N] [--seed S] [--per-program M] [--program I] [--keep-failures DIR]\n" +
            "       [--oracle-only] [--qemu PATH] [--vs-qemu PATH] [--thumb-share P] [--max-mismatches K] [--jobs J] [--quiet]",
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  return o;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  let opts: Partial<ArmFuzzOptions>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(2);
  }
  runArmFuzz(opts).then(
    (s) => process.exit(s.mismatches === 0 ? 0 : 1),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(2);
    },
  );
}
