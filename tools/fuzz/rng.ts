// Small deterministic PRNG (sfc32 seeded through splitmix32) for the fuzzer.
// Same seed -> same programs, on every platform.

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: number[]) {
    const st = { s: 0x12345678 };
    for (const s of seeds) {
      st.s = (st.s ^ Math.imul((s >>> 0) ^ splitmix32(st), 0x27d4eb2d)) | 0;
      // fold in high bits of large seeds too
      st.s = (st.s ^ Math.floor(s / 0x100000000)) | 0;
    }
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    if (n <= 0) throw new Error(`Rng.below(${n})`);
    if (n <= 0x100000000) {
      // rejection sampling for exact uniformity
      const lim = Math.floor(0x100000000 / n) * n;
      for (;;) {
        const v = this.u32();
        if (v < lim) return v % n;
      }
    }
    return Math.floor((this.u32() * 0x100000000 + this.u32()) % n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() < p * 0x100000000;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error("Rng.pick of empty array");
    return xs[this.below(xs.length)]!;
  }

  /** Uniform 64-bit value as a bigint in [0, 2^64). */
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
}
