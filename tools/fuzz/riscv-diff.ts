// Differential random-instruction tester: tciemu vs qemu-riscv64 (linux-user).
//
//   npm run fuzz -- --count 200000 --seed 1
//   npx tsx tools/fuzz/riscv-diff.ts --oracle-only --count 200000 --seed 1
//
// Options:
//   --count N            random instructions in total (default 20000)
//   --seed S             seed (default 1)
//   --per-program M      random instructions per program (default 4000)
//   --program I          run only program I of the seed (to reproduce a failure)
//   --keep-failures DIR  save failing ELFs and reports (.elf, .txt) to DIR
//   --oracle-only        only run qemu; validate that every program exits 0 with well-formed output
//   --qemu PATH          the oracle (default: $TCIEMU_QEMU_RISCV64, trixie QEMU 10.x from the
//                        tools/debian cache, else /usr/bin/qemu-riscv64)
//   --vs-qemu PATH       compare against this other qemu instead of tciemu (oracle sanity checks)
//   --tciemu-module PATH module exporting runElf (default src/linux-user/index.ts)
//   --zicond / --no-zicond  force Zicond on/off (default: on if the oracle supports it)
//   --no-misaligned      no misaligned plain loads/stores
//   --max-mismatches K   stop after K mismatching programs (default 5)
//   --jobs J             concurrent qemu processes (default 2)
//   --quiet              no coverage table

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildProgram, coverageKeys, LAYOUT, RECORD_FCSR, RECORD_SIZE, type GeneratedProgram } from "./generate.ts";
import { INSNS } from "./encode.ts";
import {
  defaultQemu,
  ElfFiles,
  loadRunElf,
  objdumpRange,
  probeOracle,
  runQemu,
  runTciemu,
  type OracleInfo,
  type RunResult,
} from "./oracle.ts";

export interface FuzzOptions {
  count: number;
  seed: number;
  perProgram: number;
  program?: number;
  keepFailures?: string;
  oracleOnly: boolean;
  qemu?: string;
  vsQemu?: string;
  tciemuModule?: string;
  zicond?: boolean;
  misaligned: boolean;
  maxMismatches: number;
  jobs: number;
  /** Called with progress/report text; default console.log. */
  log?: (s: string) => void;
  quiet?: boolean;
}

export interface FuzzSummary {
  programs: number;
  instructions: number;
  mismatches: number;
  seconds: number;
  oracle: OracleInfo;
  candidate: string;
  reports: string[];
  coverage: Map<string, number>;
  features: Map<string, number>;
  summaryLine: string;
}

export const DEFAULT_OPTIONS: FuzzOptions = {
  count: 20000,
  seed: 1,
  perProgram: 4000,
  oracleOnly: false,
  misaligned: true,
  maxMismatches: 5,
  jobs: 2,
};

// ---------------------------------------------------------------------------
// Output parsing

const hex64 = (v: bigint) => "0x" + v.toString(16).padStart(16, "0");

function u64(b: Uint8Array, off: number): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i] ?? 0);
  return v;
}

function slotName(i: number): string {
  if (i === 0) return "counter";
  if (i < 32) return `x${i}`;
  if (i < 64) return `f${i - 32}`;
  return "fcsr";
}

function describeF(v: bigint): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, v, true);
  const d = dv.getFloat64(0, true);
  let s = `d=${Number.isNaN(d) ? "NaN" : d}`;
  if (v >> 32n === 0xffffffffn) {
    dv.setUint32(0, Number(v & 0xffffffffn), true);
    const f = dv.getFloat32(0, true);
    s += ` s=${Number.isNaN(f) ? "NaN" : f}`;
  }
  return s;
}

function describeFcsr(v: bigint): string {
  const fl = Number(v & 0x1fn);
  const names = ["NX", "UF", "OF", "DZ", "NV"].filter((_, i) => fl & (1 << i));
  return `frm=${Number((v >> 5n) & 7n)} flags=${names.join("|") || "-"}`;
}

interface Layout {
  stride: number; // bytes per record in stdout (record + optional memory dump)
  records: number;
  memOff: number; // offset of the final memory dump
}

function layoutOf(p: GeneratedProgram): Layout {
  const stride = RECORD_SIZE + (p.memDumpEveryBlock ? LAYOUT.MEM_DUMP_SIZE : 0);
  return { stride, records: p.records, memOff: stride * p.records };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks the structure of an oracle run (oracle-only mode). Returns problems. */
export function validateOracleRun(p: GeneratedProgram, r: RunResult): string[] {
  const errs: string[] = [];
  if (r.error) errs.push(r.error);
  if (r.signal !== undefined) errs.push(`killed by signal ${r.signal}`);
  if (r.exitCode !== 0) errs.push(`exit code ${r.exitCode}`);
  if (r.stderr.length > 0) errs.push(`stderr: ${new TextDecoder().decode(r.stderr).slice(0, 400)}`);
  if (r.stdout.length !== p.expectedStdoutLength) {
    errs.push(`stdout length ${r.stdout.length}, expected ${p.expectedStdoutLength}`);
  }
  const L = layoutOf(p);
  const n = Math.min(L.records, Math.floor(r.stdout.length / L.stride));
  for (let i = 0; i < n && errs.length < 8; i++) {
    const off = i * L.stride;
    if (u64(r.stdout, off) !== BigInt(i + 1)) errs.push(`record ${i}: counter ${u64(r.stdout, off)}`);
    if (u64(r.stdout, off + 16) !== BigInt(LAYOUT.SP)) errs.push(`record ${i}: sp changed`);
    if (u64(r.stdout, off + 64) !== BigInt(LAYOUT.BASE)) errs.push(`record ${i}: x8 changed`);
    const frm = (u64(r.stdout, off + 8 * RECORD_FCSR) >> 5n) & 7n;
    if (frm > 4n) errs.push(`record ${i}: frm=${frm}`);
  }
  return errs;
}

// ---------------------------------------------------------------------------
// Comparison and reports

interface Mismatch {
  summary: string;
  record?: number; // index of the first differing record
  memoryOnly?: boolean;
  details: string[];
}

function blockRange(p: GeneratedProgram, record: number): { start: number; end: number; label: string } | undefined {
  if (record <= 0) return undefined;
  const b = p.blocks[record - 1];
  if (!b) return undefined;
  return { start: b.start, end: b.end, label: `block_${b.index}` };
}

function compareRuns(p: GeneratedProgram, ref: RunResult, cand: RunResult, candName: string): Mismatch | undefined {
  const L = layoutOf(p);
  const details: string[] = [];
  const a = ref.stdout;
  const b = cand.stdout;
  // First differing record.
  for (let i = 0; i < L.records; i++) {
    const off = i * L.stride;
    const ra = a.subarray(off, off + RECORD_SIZE);
    const rb = b.subarray(off, off + RECORD_SIZE);
    if (rb.length < RECORD_SIZE) {
      details.push(
        `${candName} output ends inside record ${i} (${b.length} bytes, expected ${a.length}); ` +
          `it stopped in ${i === 0 ? "the prologue" : `block_${i}`}`,
      );
      return {
        summary: `${candName} output truncated at record ${i}`,
        record: i,
        details,
      };
    }
    if (!equalBytes(ra, rb)) {
      const prevOff = (i - 1) * L.stride;
      details.push(`first difference in record ${i} (${i === 0 ? "initial state after the prologue" : `after block_${i}`}):`);
      details.push(`  ${"reg".padEnd(8)}${"before".padEnd(20)}${"qemu".padEnd(20)}${candName.padEnd(20)}`);
      for (let s = 0; s <= RECORD_FCSR; s++) {
        const va = u64(a, off + 8 * s);
        const vb = u64(b, off + 8 * s);
        if (va === vb) continue;
        const before = i > 0 ? hex64(u64(a, prevOff + 8 * s)) : "-";
        let line = `  ${slotName(s).padEnd(8)}${before.padEnd(20)}${hex64(va).padEnd(20)}${hex64(vb).padEnd(20)}`;
        if (s >= 32 && s < 64) line += ` ${describeF(va)} vs ${describeF(vb)}`;
        if (s === RECORD_FCSR) line += ` ${describeFcsr(va)} vs ${describeFcsr(vb)}`;
        details.push(line);
      }
      const blk = p.blocks[i - 1];
      if (blk && i > 0) {
        const vals = [...blk.inputs, RECORD_FCSR].map((sl) => `${slotName(sl)}=${hex64(u64(a, prevOff + 8 * sl))}`);
        details.push("  block inputs (state before the block):");
        for (let k = 0; k < vals.length; k += 4) details.push("    " + vals.slice(k, k + 4).join("  "));
      }
      return {
        summary: `register state differs after ${i === 0 ? "prologue" : `block_${i}`}`,
        record: i,
        details,
      };
    }
    if (p.memDumpEveryBlock) {
      const ma = a.subarray(off + RECORD_SIZE, off + L.stride);
      const mb = b.subarray(off + RECORD_SIZE, off + L.stride);
      if (!equalBytes(ma, mb)) {
        details.push(`memory differs after ${i === 0 ? "the prologue" : `block_${i}`}:`);
        details.push(...memDiff(ma, mb, candName));
        return {
          summary: `memory differs after block_${i}`,
          record: i,
          memoryOnly: true,
          details,
        };
      }
    }
  }
  const fa = a.subarray(L.memOff);
  const fb = b.subarray(L.memOff);
  if (!equalBytes(fa, fb)) {
    details.push("final memory dump differs (all register records equal):");
    details.push(...memDiff(fa, fb, candName));
    return { summary: "final memory differs", memoryOnly: true, details };
  }
  if (ref.exitCode !== cand.exitCode || ref.signal !== cand.signal || cand.error) {
    details.push(`exit: qemu ${ref.exitCode}/${ref.signal ?? "-"}, ${candName} ${cand.exitCode}/${cand.signal ?? "-"} ${cand.error ?? ""}`);
    return { summary: "exit status differs", details };
  }
  if (a.length !== b.length) {
    return {
      summary: `stdout length differs: ${a.length} vs ${b.length}`,
      details,
    };
  }
  return undefined;
}

function memDiff(a: Uint8Array, b: Uint8Array, candName: string): string[] {
  const out: string[] = [];
  if (a.length !== b.length) out.push(`  length ${a.length} vs ${b.length}`);
  let shown = 0;
  for (let i = 0; i < Math.min(a.length, b.length) && shown < 16; i++) {
    if (a[i] === b[i]) continue;
    const addr = LAYOUT.MEM_DUMP + i;
    const where = addr < LAYOUT.SCRATCH ? `sp+${addr - LAYOUT.SP}` : `x8${addr - LAYOUT.BASE >= 0 ? "+" : ""}${addr - LAYOUT.BASE}`;
    out.push(
      `  0x${addr.toString(16)} (${where}): qemu 0x${a[i]!.toString(16).padStart(2, "0")} ${candName} 0x${b[i]!.toString(16).padStart(2, "0")}`,
    );
    shown++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Driver

export async function runFuzz(options: Partial<FuzzOptions> = {}): Promise<FuzzSummary> {
  const o: FuzzOptions = { ...DEFAULT_OPTIONS, ...options };
  const log = o.log ?? ((s: string) => console.log(s));
  const t0 = performance.now();
  const qemu = o.qemu ?? defaultQemu();
  const oracle = await probeOracle(qemu, o.zicond);
  const misaligned = o.misaligned && oracle.misaligned;
  const genOpts = { zicond: oracle.zicond, misaligned };

  let candidate: string;
  let runCandidate: ((p: GeneratedProgram, elfPath: string) => Promise<RunResult>) | undefined;
  if (o.oracleOnly) {
    candidate = "none (oracle only)";
  } else if (o.vsQemu !== undefined) {
    const other = await probeOracle(o.vsQemu, oracle.zicond ? true : false);
    candidate = `qemu ${other.version}`;
    runCandidate = (_p, path) => runQemu(other.qemu, other.cpuArgs, path);
  } else {
    const runElf = await loadRunElf(o.tciemuModule);
    candidate = "tciemu";
    runCandidate = (p, path) => runTciemu(runElf, p.elf, path, 4 * (p.staticInsns + p.records * 120) + 100_000);
  }
  const candName = o.vsQemu !== undefined ? "other" : "tciemu";

  log(
    `fuzz: oracle ${oracle.qemu} (QEMU ${oracle.version}${oracle.cpuArgs.length ? " " + oracle.cpuArgs.join(" ") : ""}), ` +
      `candidate ${candidate}; zicond=${oracle.zicond} misaligned=${misaligned}; seed=${o.seed}`,
  );

  const nPrograms = Math.max(1, Math.ceil(o.count / o.perProgram));
  const indices = o.program !== undefined ? [o.program] : Array.from({ length: nPrograms }, (_, i) => i);
  const files = new ElfFiles();
  const coverage = new Map<string, number>();
  const features = new Map<string, number>();
  const reports: string[] = [];
  let programs = 0;
  let instructions = 0;
  let mismatches = 0;

  // Pipeline: keep up to `jobs` qemu runs in flight ahead of the in-order consumer.
  interface Job {
    p: GeneratedProgram;
    path: string;
    ref: Promise<RunResult>;
  }
  const start = (index: number): Job => {
    const p = buildProgram(o.seed, index, o.perProgram, genOpts);
    const path = files.write(p.elf, `s${o.seed}-p${index}.elf`);
    return { p, path, ref: runQemu(oracle.qemu, oracle.cpuArgs, path) };
  };
  const queue: Job[] = [];
  let next = 0;
  const fill = () => {
    while (queue.length < Math.max(1, o.jobs) && next < indices.length) queue.push(start(indices[next++]!));
  };

  const repro = (index: number) =>
    `npx tsx tools/fuzz/riscv-diff.ts --seed ${o.seed} --per-program ${o.perProgram} --program ${index}` +
    (o.oracleOnly ? " --oracle-only" : "") +
    (o.vsQemu !== undefined ? ` --vs-qemu ${o.vsQemu}` : "") +
    (o.qemu !== undefined ? ` --qemu ${o.qemu}` : "") +
    (o.tciemuModule !== undefined ? ` --tciemu-module ${o.tciemuModule}` : "") +
    (misaligned ? "" : " --no-misaligned") +
    (o.zicond === false ? " --no-zicond" : "");

  const keep = (p: GeneratedProgram, report: string, extra?: { name: string; elf: Uint8Array }) => {
    if (o.keepFailures === undefined) return;
    mkdirSync(o.keepFailures, { recursive: true });
    const base = join(o.keepFailures, `s${o.seed}-p${p.index}`);
    writeFileSync(base + ".elf", p.elf);
    writeFileSync(base + ".txt", report + "\n");
    if (extra) writeFileSync(base + extra.name, extra.elf);
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
      for (const [k, v] of p.features) features.set(k, (features.get(k) ?? 0) + v);

      const oracleErrs = validateOracleRun(p, ref);
      if (oracleErrs.length > 0) {
        mismatches++;
        const lines = [
          `ORACLE FAILURE seed=${o.seed} program=${p.index}: qemu did not run the program cleanly`,
          ...oracleErrs.map((e) => "  " + e),
          `  reproduce: ${repro(p.index)}`,
        ];
        const bad = Math.floor(ref.stdout.length / layoutOf(p).stride);
        const br = blockRange(p, bad);
        if (br) lines.push(`  ${br.label} (where qemu stopped):`, indent(objdumpRange(path, br.start, br.end) ?? blockText(p, bad)));
        const report = lines.join("\n");
        reports.push(report);
        log(report);
        keep(p, report);
        if (mismatches >= o.maxMismatches) break;
        continue;
      }
      if (!runCandidate) continue;

      const cand = await runCandidate(p, path);
      const mm = compareRuns(p, ref, cand, candName);
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
      let extra: { name: string; elf: Uint8Array } | undefined;
      let rec = mm.record;
      let elfPathForDisasm = path;
      let prog = p;
      if (mm.memoryOnly && !p.memDumpEveryBlock) {
        // Localize: same random stream, but dump memory after every block.
        const pm = buildProgram(o.seed, p.index, o.perProgram, {
          ...genOpts,
          memDumpEveryBlock: true,
        });
        const pmPath = files.write(pm.elf, `s${o.seed}-p${p.index}-mem.elf`);
        const [r2, c2] = [await runQemu(oracle.qemu, oracle.cpuArgs, pmPath), await runCandidate(pm, pmPath)];
        const mm2 = compareRuns(pm, r2, c2, candName);
        if (mm2 && mm2.record !== undefined) {
          lines.push(`localized with a memory dump after every block (${pmPath.split("/").pop()}):`, ...mm2.details);
          rec = mm2.record;
          elfPathForDisasm = pmPath;
          prog = pm;
          extra = { name: "-mem.elf", elf: pm.elf };
        } else {
          lines.push("(could not localize the memory difference with per-block memory dumps)");
        }
      }
      if (rec !== undefined) {
        const br = blockRange(prog, rec);
        if (br) {
          lines.push(`${br.label} [0x${br.start.toString(16)}, 0x${br.end.toString(16)}):`);
          lines.push(indent(objdumpRange(elfPathForDisasm, br.start, br.end) ?? blockText(prog, rec)));
        }
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
    // Let in-flight qemu runs finish before removing their files.
    await Promise.all(queue.map((j) => j.ref));
  } finally {
    files.cleanup();
  }

  const seconds = (performance.now() - t0) / 1000;
  if (!o.quiet) log(coverageTable(coverage, features, genOpts.zicond));
  const summaryLine =
    `fuzz summary: ${o.oracleOnly ? "validated" : "compared"} ${instructions} instructions in ${programs} programs, ` +
    `${mismatches} ${o.oracleOnly ? "oracle failures" : "mismatches"}, ${seconds.toFixed(1)} s ` +
    `(seed ${o.seed}, QEMU ${oracle.version} vs ${candidate})`;
  log(summaryLine);
  return {
    programs,
    instructions,
    mismatches,
    seconds,
    oracle,
    candidate,
    reports,
    coverage,
    features,
    summaryLine,
  };
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => "    " + l)
    .join("\n");
}

function blockText(p: GeneratedProgram, record: number): string {
  return p.blocks[record - 1]?.lines.join("\n") ?? "(no block)";
}

export function coverageTable(coverage: Map<string, number>, features: Map<string, number>, zicond: boolean): string {
  const keys = coverageKeys({ zicond });
  const lines: string[] = [];
  const byExt = new Map<string, string[]>();
  const extOf = new Map(INSNS.map((d) => [d.name, d.ext as string]));
  for (const k of keys) {
    const ext = extOf.get(k) ?? "helper";
    const list = byExt.get(ext) ?? [];
    list.push(k);
    byExt.set(ext, list);
  }
  const counts = keys.map((k) => coverage.get(k) ?? 0);
  const missing = keys.filter((k) => (coverage.get(k) ?? 0) === 0);
  lines.push(
    `coverage: ${keys.length - missing.length}/${keys.length} instruction kinds generated; ` +
      `min ${Math.min(...counts)}, max ${Math.max(...counts)} per kind` +
      (missing.length ? `; never generated: ${missing.join(" ")}` : ""),
  );
  for (const [ext, ks] of byExt) {
    const cells = ks.map((k) => `${k} ${coverage.get(k) ?? 0}`);
    let line = `  ${ext}:`;
    for (const c of cells) {
      if (line.length + c.length > 118) {
        lines.push(line);
        line = "     ";
      }
      line += " " + c;
    }
    lines.push(line);
  }
  const notGen = INSNS.filter((d) => (d.ext !== "Zicond" || zicond) && !coverage.has(d.name)).map((d) => d.name);
  if (notGen.length) lines.push(`  encoder instructions never emitted as a principal instruction: ${notGen.join(" ")}`);
  const feats = [...features.entries()].sort((x, y) => x[0].localeCompare(y[0]));
  let fl = "  features:";
  for (const [k, v] of feats) {
    const c = ` ${k} ${v}`;
    if (fl.length + c.length > 118) {
      lines.push(fl);
      fl = "     ";
    }
    fl += c;
  }
  lines.push(fl);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv: string[]): Partial<FuzzOptions> {
  const o: Partial<FuzzOptions> = {};
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
      case "--tciemu-module":
        o.tciemuModule = val();
        break;
      case "--zicond":
        o.zicond = true;
        break;
      case "--no-zicond":
        o.zicond = false;
        break;
      case "--no-misaligned":
        o.misaligned = false;
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
          "usage: riscv-diff.ts [--count N] [--seed S] [--per-program M] [--program I] [--keep-failures DIR]\n" +
            "       [--oracle-only] [--qemu PATH] [--vs-qemu PATH] [--tciemu-module PATH] [--zicond|--no-zicond]\n" +
            "       [--no-misaligned] [--max-mismatches K] [--jobs J] [--quiet]",
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
  let opts: Partial<FuzzOptions>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(2);
  }
  runFuzz(opts).then(
    (s) => process.exit(s.mismatches === 0 ? 0 : 1),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(2);
    },
  );
}
