// Hardened JavaScript (SES): node ses.mjs demo.elf
import "ses";
import { readFileSync } from "node:fs";

lockdown({ evalTaming: "no-eval", errorTaming: "safe", overrideTaming: "min" });
// The API as one script, evaluated in a compartment given only the two globals SES withholds and
// tciemu needs (the float views; SES shares TextEncoder/TextDecoder with every compartment itself).
const source = readFileSync(new URL(import.meta.resolve("tciemu/script")), "utf8");
const compartment = new Compartment({ globals: { Float32Array, Float64Array }, __options__: true });
const { createGuest } = compartment.evaluate(source);

const g = createGuest({ deterministic: true, onStdout: (b) => process.stdout.write(b) });
g.loadElf(readFileSync(process.argv[2]), ["demo"]);
const t0 = performance.now();
const r = g.run();
console.error(JSON.stringify({ reason: r.reason, exitCode: r.exitCode, insns: g.insns, ms: performance.now() - t0 }));
