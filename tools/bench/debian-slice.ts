// Runs one Debian workload of the bench set (workloads.ts) in-process for a fixed number of guest
// instructions, for deterministic measurements (callgrind instruction counts, the bytecode mix):
//
//   npx tsx tools/bench/debian-slice.ts prepare DIR NAME        write the inputs, print the invocation (JSON)
//   npx tsx tools/bench/debian-slice.ts run DIR NAME INSNS [--mix | --tbmix] [--jitless-safe] [--arch riscv64|i386|arm]
//
// `run` expects the workload's stdin (if any) on its own stdin (tools/bench/callgrind.ts arranges it)
// and discards nothing: the guest's stdout is the process's. With --mix it prints the dynamic
// bytecode mix (chaining off, each TB's ops weighted by its entries) and dispatches per guest insn.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { NodeLinuxHost } from "../../src/cli/node-host.ts";
import { BC_NAMES, Bc } from "../../src/tci/opcodes.ts";
import { insnWordsAt, opcodeAt } from "../../src/tci/format.ts";
import { Stop } from "../../src/exec/cpu-exec.ts";
import { armAbi } from "../../src/linux-user/arm/abi.ts";
import { i386Abi } from "../../src/linux-user/i386/abi.ts";
import { sysrootDir } from "../debian/paths.ts";
import { WORKLOADS, type Invocation } from "./workloads.ts";

type SavedInvocation = Omit<Invocation, "check">;

export function prepareSlice(dir: string, name: string): SavedInvocation {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}; have ${WORKLOADS.map((x) => x.name).join(", ")}`);
  const wdir = join(dir, name);
  const file = join(wdir, "invocation.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SavedInvocation;
  mkdirSync(wdir, { recursive: true });
  const inv = w.prepare(wdir, 1);
  const saved: SavedInvocation = { program: inv.program, args: inv.args, stdin: inv.stdin, inputNote: inv.inputNote };
  writeFileSync(file, JSON.stringify(saved));
  return saved;
}

type SliceArch = "riscv64" | "i386" | "arm";

function runSlice(dir: string, name: string, insns: number, mix: boolean, arch: SliceArch, tbMix: boolean): void {
  const inv = prepareSlice(dir, name);
  // The inputs are the same for every guest; only the sysroot (and the ABI) differ.
  const sysroot = arch === "arm" ? sysrootDir("armhf") : arch === "i386" ? sysrootDir("i386") : sysrootDir();
  const program = join(sysroot, inv.program);
  const p = new LinuxProcess(new NodeLinuxHost(), {
    sysroot,
    abi: arch === "arm" ? armAbi : arch === "i386" ? i386Abi : undefined,
    noChain: tbMix,
    readFile: (f) => {
      try {
        return new Uint8Array(readFileSync(f));
      } catch {
        return null;
      }
    },
  });
  p.load(new Uint8Array(readFileSync(program)), [program, ...inv.args], ["PATH=/usr/bin:/bin", "LC_ALL=C"], realpathSync(program));
  const e = p.cpu.exec;
  const counts = new Int32Array(BC_NAMES.length);
  if (mix) {
    // Exact dynamic dispatch counts: every bytecode instruction is stepped (CpuExec.stepBytecode).
    // The stepper never follows a chain, so after a goto_tb it runs the TB's own exit (pc update,
    // exit_tb) that a chained full-speed run skips: those are not counted; neither is the tb_start
    // of a TB entered through a chain or the jump cache (goto_tb and lookup_tb charge the budget
    // themselves and skip it).
    let skipToExit = false;
    let chainedEntry = false;
    e.setDebugHandler({
      run(budget: number): Stop {
        const start = e.insns;
        for (;;) {
          const s = e.stepBytecode();
          if (s.pc >= 0) {
            const op = opcodeAt(e.S.code, s.pc);
            if (!skipToExit && !(op === Bc.tb_start && chainedEntry)) counts[op]++;
            if (op === Bc.tb_start) chainedEntry = false;
            if (op === Bc.goto_tb) skipToExit = chainedEntry = true;
            else if (op === Bc.lookup_tb) chainedEntry = true;
            else if (op === Bc.exit_tb) skipToExit = false;
          }
          if (s.stop !== Stop.Budget) return s.stop;
          if (s.tbDone && e.insns - start >= budget) return Stop.Budget;
        }
      },
    });
  }
  // --tbmix: a fast approximation of --mix. Chaining off, each TB's whole bytecode (both sides of its
  // branches, its exits) counted once per entry; the TB exits a chained run skips (goto_tb's pc update
  // and exit_tb) are left out.
  const tbOps = new Map<number, Int32Array>();
  const entries = new Map<number, number>();
  if (tbMix)
    e.addObserver({
      encoded(tb, enc) {
        const h = new Int32Array(BC_NAMES.length);
        let skip = false;
        for (let pc = enc.start; pc < enc.end; pc += insnWordsAt(e.S.code, pc)) {
          const op = opcodeAt(e.S.code, pc);
          if (!skip) h[op]++;
          if (op === Bc.goto_tb) skip = true;
          else if (op === Bc.exit_tb) skip = false;
        }
        tbOps.set(tb, h);
      },
      enterTb(tb) {
        entries.set(tb, (entries.get(tb) ?? 0) + 1);
      },
    });
  const r = p.run(insns);
  process.stderr.write(`insns=${r.insns} tbs=${e.tbs.translations}\n`);
  if (tbMix) {
    for (const [tb, n] of entries) tbOps.get(tb)?.forEach((c, op) => (counts[op] += c * n));
    // The hottest TBs: where a front end's op sequences are worth reading (-d op_opt -dfilter).
    const hot = [...entries].sort((a, b) => b[1] - a[1]).slice(0, 12);
    for (const [tb, n] of hot) {
      const ops = tbOps.get(tb)?.reduce((x, y) => x + y, 0) ?? 0;
      const pc = (e.tbs.pcLo[tb]! >>> 0).toString(16);
      process.stderr.write(`tb pc 0x${pc} entries ${n} insns ${e.tbs.icount[tb]} dispatches ${ops}\n`);
    }
  }
  if (!mix && !tbMix) return;
  let total = 0;
  for (const c of counts) total += c;
  process.stderr.write(`bytecode dispatches ${total}, per guest insn ${(total / r.insns).toFixed(3)}\n`);
  const order = [...counts.keys()].filter((k) => counts[k] > 0).sort((a, b) => counts[b] - counts[a]);
  for (const k of order.slice(0, 45))
    process.stderr.write(
      `${((100 * counts[k]) / total).toFixed(2).padStart(6)}% ${(counts[k] / r.insns).toFixed(3)}/insn ${BC_NAMES[k]}\n`,
    );
}

/** --arch (or its alias --guest, as tools/bench/user.ts takes it): riscv64, i386 or arm. */
function archArg(): SliceArch {
  let i = process.argv.indexOf("--arch");
  if (i < 0) i = process.argv.indexOf("--guest");
  const a = i >= 0 ? process.argv[i + 1] : "riscv64";
  if (a !== "riscv64" && a !== "i386" && a !== "arm") throw new Error(`debian-slice: unknown --arch ${a} (riscv64, i386 or arm)`);
  return a;
}

function cli(): void {
  const [cmd, dir, name, n] = process.argv.slice(2);
  if (cmd === "prepare") process.stdout.write(JSON.stringify(prepareSlice(dir, name)) + "\n");
  else if (cmd === "run") runSlice(dir, name, Number(n), process.argv.includes("--mix"), archArg(), process.argv.includes("--tbmix"));
  else {
    process.stderr.write("usage: debian-slice.ts prepare DIR NAME | run DIR NAME INSNS [--mix | --tbmix] [--arch riscv64|i386|arm]\n");
    process.exit(2);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) cli();
