// Node and Bun: node node.mjs demo.elf | bun node.mjs demo.elf
import { readFileSync } from "node:fs";
import { createGuest } from "tciemu";

const g = createGuest({ deterministic: true, onStdout: (b) => process.stdout.write(b) });
g.loadElf(readFileSync(process.argv[2]), ["demo"]);
const t0 = performance.now();
const r = g.run();
console.error(JSON.stringify({ reason: r.reason, exitCode: r.exitCode, insns: g.insns, ms: performance.now() - t0 }));
