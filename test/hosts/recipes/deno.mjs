// Deno, with no permission but reading the guest: deno run --allow-read=demo.elf deno.mjs demo.elf
import { createGuest } from "tciemu"; // from node_modules next to a package.json, or "npm:tciemu"

const g = createGuest({ deterministic: true });
g.loadElf(Deno.readFileSync(Deno.args[0]), ["demo"]);
const t0 = performance.now();
const r = g.run();
for (let out = g.stdout(); out.length > 0;) out = out.subarray(Deno.stdout.writeSync(out));
console.error(JSON.stringify({ reason: r.reason, exitCode: r.exitCode, insns: g.insns, ms: performance.now() - t0 }));
