/**
 * Micro benchmark of the SoftFloat fast paths (normal operands).
 *
 *   npx tsx tools/fpu-oracle/bench.ts [iterations]
 *
 * Prints ns/op for f64Add / f64Mul / f64Div / f64MulAdd (and a few others)
 * in RNE, with the NX flag clear before every op (the error term must be
 * computed) and with NX already accrued (RNE can skip it), plus RDN, and a
 * plain JS double baseline.
 */

import { SoftFloat } from "../../src/target/riscv/fpu/index.ts";

const N = Number(process.argv[2] ?? 2_000_000);
const POOL = 4096; // power of two
const MASK = POOL - 1;

// Operands: normal doubles of moderate magnitude, random significands.
const vals = new Float64Array(POOL);
let seed = 12345;
const rnd = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  return (seed >>> 8) / 16777216;
};
for (let i = 0; i < POOL; i++) vals[i] = (0.5 + rnd()) * 2 ** Math.floor(rnd() * 40 - 20) * (rnd() < 0.5 ? -1 : 1);
const words = new Int32Array(vals.buffer);
const f32words = new Int32Array(POOL);
{
  const f = new Float32Array(f32words.buffer);
  for (let i = 0; i < POOL; i++) f[i] = vals[i]!;
}

// Each op gets its own loop (a monomorphic call site, as in the interpreter).
// flags: -1 clears flags before every op, otherwise the initial flags value.
type Loop = (sf: SoftFloat, rm: number, clear: boolean) => number;

const loops: Record<string, Loop> = {
  // Harness floor: same loads and call shape, trivial body.
  f64Class(sf, _rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      const a = (i & MASK) << 1;
      const b = ((i * 7 + 3) & MASK) << 1;
      acc ^= sf.f64Class(words[a]!, words[a + 1]! ^ words[b + 1]!);
    }
    return acc;
  },
  f64Add(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      const a = (i & MASK) << 1;
      const b = ((i * 7 + 3) & MASK) << 1;
      sf.f64Add(words[a]!, words[a + 1]!, words[b]!, words[b + 1]!, rm);
      acc ^= sf.lo;
    }
    return acc;
  },
  f64Mul(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      const a = (i & MASK) << 1;
      const b = ((i * 7 + 3) & MASK) << 1;
      sf.f64Mul(words[a]!, words[a + 1]!, words[b]!, words[b + 1]!, rm);
      acc ^= sf.lo;
    }
    return acc;
  },
  f64Div(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      const a = (i & MASK) << 1;
      const b = ((i * 7 + 3) & MASK) << 1;
      sf.f64Div(words[a]!, words[a + 1]!, words[b]!, words[b + 1]!, rm);
      acc ^= sf.lo;
    }
    return acc;
  },
  f64MulAdd(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      const a = (i & MASK) << 1;
      const b = ((i * 7 + 3) & MASK) << 1;
      const c = ((i * 13 + 5) & MASK) << 1;
      sf.f64MulAdd(words[a]!, words[a + 1]!, words[b]!, words[b + 1]!, words[c]!, words[c + 1]!, rm, false, false);
      acc ^= sf.lo;
    }
    return acc;
  },
  f64Sqrt(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      const a = (i & MASK) << 1;
      sf.f64Sqrt(words[a]!, words[a + 1]! & 0x7fffffff, rm);
      acc ^= sf.lo;
    }
    return acc;
  },
  f32Add(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      acc ^= sf.f32Add(f32words[i & MASK]!, f32words[(i * 7 + 3) & MASK]!, rm);
    }
    return acc;
  },
  f32Mul(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      acc ^= sf.f32Mul(f32words[i & MASK]!, f32words[(i * 7 + 3) & MASK]!, rm);
    }
    return acc;
  },
  f32MulAdd(sf, rm, clear) {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (clear) sf.flags = 0;
      acc ^= sf.f32MulAdd(f32words[i & MASK]!, f32words[(i * 7 + 3) & MASK]!, f32words[(i * 13 + 5) & MASK]!, rm, false, false);
    }
    return acc;
  },
};

function time(fn: () => number): number {
  const t0 = process.hrtime.bigint();
  const sink = fn();
  const t1 = process.hrtime.bigint();
  if (sink === 0.5) console.log(""); // keep the result alive
  return Number(t1 - t0) / N;
}

/** Best of REPS timings (the machine may be shared / noisy). */
const REPS = 5;

function run(loop: Loop, rm: number, clear: boolean): number {
  const sf = new SoftFloat();
  let best = Infinity;
  for (let r = 0; r < REPS; r++) {
    sf.flags = clear ? 0 : 1;
    best = Math.min(
      best,
      time(() => loop(sf, rm, clear)),
    );
  }
  return best;
}

function baseline(): number {
  let best = Infinity;
  for (let r = 0; r < REPS; r++) {
    const t = time(() => {
      let acc = 0;
      for (let i = 0; i < N; i++) acc += vals[i & MASK]! * vals[(i * 7 + 3) & MASK]!;
      return acc;
    });
    best = Math.min(best, t);
  }
  return best;
}

// Warm up every path so the measurements see optimized code.
for (const loop of Object.values(loops)) {
  for (const rm of [0, 2]) {
    run(loop, rm, true);
    run(loop, rm, false);
  }
}
baseline();

console.log(`SoftFloat fast paths, ${N} ops each, best of ${REPS} (ns/op)`);
console.log(`plain JS a*b on doubles: ${baseline().toFixed(2)}`);
console.log("op            RNE(NX clear)  RNE(NX set)  RDN");
for (const [name, loop] of Object.entries(loops)) {
  const a = run(loop, 0, true);
  const b = run(loop, 0, false);
  const c = run(loop, 2, true);
  console.log(`${name.padEnd(12)}  ${a.toFixed(2).padStart(13)}  ${b.toFixed(2).padStart(11)}  ${c.toFixed(2).padStart(5)}`);
}
