// What one bytecode op costs in V8's Ignition (`node --jitless`), by the shape of the interpreter loop:
// the floor under issue 17.5's JIT-less MIPS. Each variant is a stand-alone script written to a temp
// directory (tools only: nothing here is in src/) with the loop shape of src/tci/interpreter.ts, a
// `for (;;) { w = C[pc]; switch (w & 0x3ff) { ... } }` over 200 cases, that runs 20 ops of one opcode
// and a loop-back op in an Int32Array, 4.2 M ops in all; the runs alternate and the medians are printed.
//
//   npx tsx tools/bench/ignition-floor.ts [--runs 5]
//
// Variants: "head" is the loop and the switch with a case body of `pc += 2`; "decode" adds the operand
// word and its fields; "loads" the four 32-bit halves of two i64 operands; "or_i64" the two stores as
// well (the whole op, as the interpreter has it); "or_i64, case 150" the same op in a case past
// Ignition's 255th feedback slot (its bytecodes carry Wide prefixes); "or_i32" the 32-bit op of the
// ARM and i386 guests (one slot per value); "or_i64, function table" the op as a function called
// through an array of 200 functions instead of the switch.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CASES = 200;
const OPS_PER_ROUND = 21; // 20 ops and the loop-back op
const ROUNDS = 200_000;

const BODIES = {
  head: "pc += 2;",
  decode: "d = w >> 10; p = C[pc + 1]; a = p & 0xffff; b = p >>> 16; pc += 2;",
  loads: "d = w >> 10; p = C[pc + 1]; a = p & 0xffff; b = p >>> 16; lo = R[a] | R[b]; hi = R[a + 1] | R[b + 1]; pc += 2;",
  or_i64: "d = w >> 10; p = C[pc + 1]; a = p & 0xffff; b = p >>> 16; lo = R[a] | R[b]; R[d + 1] = R[a + 1] | R[b + 1]; R[d] = lo; pc += 2;",
  or_i32: "d = w >> 10; p = C[pc + 1]; R[d] = R[p & 0xffff] | R[p >>> 16]; pc += 2;",
};

/** The program: 20 ops of `opcode` on slots 0..103, then opcode 0, which loops back. */
const PROGRAM = `const C = new Int32Array(1 << 16), R = new Int32Array(1024);
function program(opcode) {
  let q = 0;
  for (let i = 0; i < 20; i++) {
    C[q++] = opcode | (((i * 2) % 100) << 10);
    C[q++] = ((i * 2 + 2) % 100) | (((i * 2 + 4) % 100) << 16);
  }
  C[q] = 0;
}`;

const TIMING = `function time(run) {
  run(100);
  const t0 = process.hrtime.bigint();
  run(${ROUNDS});
  const ns = Number(process.hrtime.bigint() - t0);
  console.log((ns / ${ROUNDS} / ${OPS_PER_ROUND}).toFixed(1));
}`;

function switchScript(body: string, opcode: number): string {
  let cases = "";
  for (let k = 1; k < CASES; k++) cases += `      case ${k}: { ${body} break; }\n`;
  return `${PROGRAM}
function run(n) {
  let pc = 0, w = 0, d = 0, p = 0, a = 0, b = 0, lo = 0, hi = 0, count = 0;
  for (;;) {
    w = C[pc];
    switch (w & 0x3ff) {
      case 0: pc = 0; if (++count === n) return count + hi + d; break;
${cases}    }
  }
}
${TIMING}
program(${opcode});
time(run);
`;
}

function tableScript(body: string, opcode: number): string {
  let fns = "";
  for (let k = 1; k < CASES; k++) fns += `T[${k}] = function (w, pc) { let d = 0, p = 0, a = 0, b = 0, lo = 0; ${body} return pc; };\n`;
  return `${PROGRAM}
const T = [function () { return -1; }];
${fns}
function run(n) {
  let pc = 0, w = 0, count = 0;
  for (;;) {
    w = C[pc];
    pc = T[w & 0x3ff](w, pc);
    if (pc < 0) { pc = 0; if (++count === n) return count; }
  }
}
${TIMING}
program(${opcode});
time(run);
`;
}

const VARIANTS: { name: string; script: string }[] = [
  { name: "head (loop, switch, pc += 2)", script: switchScript(BODIES.head, 1) },
  { name: "decode (+ operand word and fields)", script: switchScript(BODIES.decode, 1) },
  { name: "loads (+ four i32 loads)", script: switchScript(BODIES.loads, 1) },
  { name: "or_i64 (+ two stores), case 1", script: switchScript(BODIES.or_i64, 1) },
  { name: "or_i32 (a 32-bit guest's op: two loads, one store), case 1", script: switchScript(BODIES.or_i32, 1) },
  { name: "or_i64, case 150 (Wide prefixes)", script: switchScript(BODIES.or_i64, 150) },
  { name: "or_i64, function table, no switch", script: tableScript(BODIES.or_i64, 1) },
];

const args = process.argv.slice(2);
const ri = args.indexOf("--runs");
const runs = ri >= 0 ? Number(args[ri + 1]) : 5;
const dir = mkdtempSync(join(tmpdir(), "tciemu-ignition-floor-"));
try {
  const files = VARIANTS.map((v, i) => {
    const f = join(dir, `v${i}.cjs`);
    writeFileSync(f, v.script);
    return f;
  });
  const times: number[][] = VARIANTS.map(() => []);
  for (let r = 0; r < runs; r++)
    files.forEach((f, i) => {
      const p = spawnSync(process.execPath, ["--jitless", f], { encoding: "utf8" });
      if (p.status !== 0) throw new Error(`${VARIANTS[i].name}: ${p.stderr}`);
      times[i].push(Number(p.stdout.trim()));
    });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`node ${process.version} --jitless, ${runs} alternating runs, ns per op (median, min-max)`);
  console.log("| loop shape | ns/op | range |\n|---|---:|---:|");
  VARIANTS.forEach((v, i) =>
    console.log(`| ${v.name} | ${median(times[i]).toFixed(1)} | ${Math.min(...times[i])}-${Math.max(...times[i])} |`),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
