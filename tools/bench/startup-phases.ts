// The steps of `tciemu-riscv64 -L sysroot busybox true` (src/cli/riscv64-user.ts) in one process,
// each timed, for tools/bench/startup.ts (which bundles this file like the package and runs it):
// prints one JSON object, step -> milliseconds (and RSS in MiB after the steps that allocate).
//
//   node phases.cjs <sysroot>
import { modulesStart } from "./startup-mark.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NodeLinuxHost } from "../../src/cli/node-host.ts";
import { allocateGuestRam } from "../../src/cli/user-cli.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { holdOptimizingCompiler, optimizeSoon } from "../../src/cli/tiering.ts";
import { warmUpInterpreter } from "../../src/exec/warmup.ts";

const modulesEnd = performance.now();
const sysroot = process.argv[2];
const mib = () => process.memoryUsage().rss / 1048576;
const out: Record<string, number> = {};
out["node start -> bundle parsed, first module runs"] = modulesStart;
out["modules' top-level code (tables, decoders)"] = modulesEnd - modulesStart;
out["RSS after loading (MiB)"] = mib();
let t = performance.now();
let cpu = process.cpuUsage();
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
out["  CPU ms until the first module runs (all threads)"] = cpuMs(cpu);
// Wall time per step, and its CPU time (all threads: on a shared machine the wall clock also counts
// time the process waited for a core).
const step = (name: string) => {
  const now = performance.now();
  out[name] = now - t;
  out[`  ${name}: CPU ms`] = cpuMs(process.cpuUsage(cpu));
  t = now;
  cpu = process.cpuUsage();
};
// As the CLI: TurboFan limited to the interpreter for the run's first moments (src/cli/tiering.ts).
holdOptimizingCompiler();
warmUpInterpreter();
step("interpreter warm-up (src/tci/warmup.ts)");
out["RSS after warm-up (MiB)"] = mib();
const host = new NodeLinuxHost();
const proc = new LinuxProcess(host, {
  sysroot,
  allocateRam: allocateGuestRam, // as the CLI
  readFile: (p) => {
    try {
      return readFileSync(p);
    } catch {
      return null;
    }
  },
});
step("new LinuxProcess (CPU state, code cache, guest RAM reservation)");
out["RSS after new LinuxProcess (MiB)"] = mib();
const path = join(sysroot, "bin/busybox");
proc.load(readFileSync(path), ["busybox", "true"], [], path, "busybox");
step("load busybox (ELF loader, auxv, stack)");
optimizeSoon();
const r = proc.run();
step("run: translate and execute");
out["RSS after the run (MiB)"] = mib();
out["  guest instructions (count)"] = r.insns;
out["  TBs translated (count)"] = proc.cpu.exec.tbs.translations;
out["total in process"] = performance.now();
process.stdout.write(JSON.stringify(out) + "\n");
