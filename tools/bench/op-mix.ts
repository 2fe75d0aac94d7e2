// Dynamic bytecode mix of a guest program: each TB's opcode histogram weighted by how often the TB
// ran (chaining is turned off to count TB entries). npx tsx tools/bench/op-mix.ts prog.elf [insns]
import { readFileSync } from "node:fs";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { BufferHost } from "../../src/linux-user/host.ts";
import { BC_NAMES } from "../../src/tci/opcodes.ts";
import { insnWordsAt, opcodeAt } from "../../src/tci/format.ts";

const p = new LinuxProcess(new BufferHost(), { noChain: true });
p.load(new Uint8Array(readFileSync(process.argv[2])), ["x", ...process.argv.slice(4)], []);
const e = p.cpu.exec;
const runs = new Map<number, number>();
e.addObserver({ enterTb: (tb) => runs.set(tb, (runs.get(tb) ?? 0) + 1) });
const r = p.run(Number(process.argv[3] ?? 5e7));
const mix = new Map<string, number>();
let total = 0;
for (const [tb, n] of runs) {
  for (let pc = e.tbs.codeStart[tb]; pc < e.tbs.codeEnd[tb]; pc += insnWordsAt(e.S.code, pc)) {
    const name = BC_NAMES[opcodeAt(e.S.code, pc)];
    mix.set(name, (mix.get(name) ?? 0) + n);
    total += n;
  }
}
console.log(`guest insns ${r.insns}, bytecode ops (static upper bound per TB) ${total}, ops/insn ${(total / r.insns).toFixed(2)}`);
for (const [k, v] of [...mix].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}% ${k}`);
