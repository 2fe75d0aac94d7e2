// Runs a guest program for a fixed number of instructions (for instruction-count profiling under
// valgrind, where wall time means nothing): npx tsx tools/bench/guest-slice.ts prog.elf N
import { readFileSync } from "node:fs";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { BufferHost } from "../../src/linux-user/host.ts";

const p = new LinuxProcess(new BufferHost(), {});
p.load(new Uint8Array(readFileSync(process.argv[2])), ["x"], []);
const r = p.run(Number(process.argv[3] ?? 1e7));
console.log(`insns=${r.insns}`);
