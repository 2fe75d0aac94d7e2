/**
 * Micro benchmark of src/fpu (ns per operation on normal operands).
 *
 *   npx tsx test/fpu/bench.ts [iterations] [name filter]
 */

import * as F from "../../src/fpu/index.ts";

const N = Number(process.argv[2] ?? 1_000_000);
const POOL = 4096;
const MASK = POOL - 1;
let seed = 12345;
const rnd = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  return (seed >>> 8) / 16777216;
};
const vals = new Float64Array(POOL);
for (let i = 0; i < POOL; i++) vals[i] = (0.5 + rnd()) * 2 ** Math.floor(rnd() * 40 - 20) * (rnd() < 0.5 ? -1 : 1);
const w64 = new Int32Array(vals.buffer);
const f32 = new Float32Array(POOL);
for (let i = 0; i < POOL; i++) f32[i] = vals[i]!;
const w32 = new Int32Array(f32.buffer);
// floatx80 copies: (lo, hi, se)
const x80 = new Int32Array(POOL * 3);
{
  const st = F.x87Status();
  for (let i = 0; i < POOL; i++) {
    F.f64ToX80(w64[2 * i]!, w64[2 * i + 1]!, st);
    x80[3 * i] = st.lo;
    x80[3 * i + 1] = st.hi;
    x80[3 * i + 2] = st.se;
  }
}

const sse = F.sseStatus();
const x87 = F.x87Status();
type Loop = () => number;
const loops: Record<string, Loop> = {
  f32Add() {
    let acc = 0;
    for (let i = 0; i < N; i++) acc ^= F.f32Add(w32[i & MASK]!, w32[(i * 7 + 3) & MASK]!, sse);
    return acc;
  },
  f32Mul() {
    let acc = 0;
    for (let i = 0; i < N; i++) acc ^= F.f32Mul(w32[i & MASK]!, w32[(i * 7 + 3) & MASK]!, sse);
    return acc;
  },
  f32Div() {
    let acc = 0;
    for (let i = 0; i < N; i++) acc ^= F.f32Div(w32[i & MASK]!, w32[(i * 7 + 3) & MASK]!, sse);
    return acc;
  },
  f64Add() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) << 1,
        b = ((i * 7 + 3) & MASK) << 1;
      acc ^= F.f64Add(w64[a]!, w64[a + 1]!, w64[b]!, w64[b + 1]!, sse);
    }
    return acc;
  },
  f64Mul() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) << 1,
        b = ((i * 7 + 3) & MASK) << 1;
      acc ^= F.f64Mul(w64[a]!, w64[a + 1]!, w64[b]!, w64[b + 1]!, sse);
    }
    return acc;
  },
  f64Div() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) << 1,
        b = ((i * 7 + 3) & MASK) << 1;
      acc ^= F.f64Div(w64[a]!, w64[a + 1]!, w64[b]!, w64[b + 1]!, sse);
    }
    return acc;
  },
  f64Sqrt() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) << 1;
      acc ^= F.f64Sqrt(w64[a]!, w64[a + 1]! & 0x7fffffff, sse);
    }
    return acc;
  },
  f64MulAdd() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) << 1,
        b = ((i * 7 + 3) & MASK) << 1,
        c = ((i * 13 + 5) & MASK) << 1;
      acc ^= F.f64MulAdd(w64[a]!, w64[a + 1]!, w64[b]!, w64[b + 1]!, w64[c]!, w64[c + 1]!, 0, sse);
    }
    return acc;
  },
  f64Compare() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) << 1,
        b = ((i * 7 + 3) & MASK) << 1;
      acc ^= F.f64Compare(w64[a]!, w64[a + 1]!, w64[b]!, w64[b + 1]!, sse);
    }
    return acc;
  },
  x80Add() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) * 3,
        b = ((i * 7 + 3) & MASK) * 3;
      acc ^= F.x80Add(x80[a]!, x80[a + 1]!, x80[a + 2]!, x80[b]!, x80[b + 1]!, x80[b + 2]!, x87);
    }
    return acc;
  },
  x80Mul() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) * 3,
        b = ((i * 7 + 3) & MASK) * 3;
      acc ^= F.x80Mul(x80[a]!, x80[a + 1]!, x80[a + 2]!, x80[b]!, x80[b + 1]!, x80[b + 2]!, x87);
    }
    return acc;
  },
  x80Div() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) * 3,
        b = ((i * 7 + 3) & MASK) * 3;
      acc ^= F.x80Div(x80[a]!, x80[a + 1]!, x80[a + 2]!, x80[b]!, x80[b + 1]!, x80[b + 2]!, x87);
    }
    return acc;
  },
  x80Sqrt() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) * 3;
      acc ^= F.x80Sqrt(x80[a]!, x80[a + 1]!, x80[a + 2]! & 0x7fff, x87);
    }
    return acc;
  },
  x80ToF64() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) * 3;
      acc ^= F.x80ToF64(x80[a]!, x80[a + 1]!, x80[a + 2]!, x87);
    }
    return acc;
  },
  f64ToX80() {
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const a = (i & MASK) << 1;
      acc ^= F.f64ToX80(w64[a]!, w64[a + 1]!, x87);
    }
    return acc;
  },
};

const only = process.argv[3];
for (const [name, loop] of Object.entries(loops)) {
  if (only && !name.includes(only)) continue;
  loop(); // warm up
  const t0 = performance.now();
  const r = loop();
  const dt = performance.now() - t0;
  console.log(`${name.padEnd(12)} ${((dt * 1e6) / N).toFixed(1).padStart(7)} ns/op  (${r & 1})`);
}
