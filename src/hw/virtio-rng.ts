// virtio-rng (entropy device, ID 4) backend for the virtio-mmio transport, after QEMU's
// hw/virtio/virtio-rng.c: one request queue of 8 entries; each chain's writable buffers are filled
// with bytes from the source (at most MAX_RNG_BYTES per request; the used length says how many).
// No device features, no config space. Readable descriptors in a request are ignored.
//
// The source is a callback (e.g. `(b) => crypto.getRandomValues(b)`; it is never asked for more
// than 65536 bytes at once) or a seed for a deterministic generator (xoshiro128**), so that runs
// can be replayed exactly.
import type { DescChain, VirtioBackend } from "./virtio-mmio.ts";
import type { StateReader, StateWriter, VmState } from "./vmstate.ts";

export const VIRTIO_ID_RNG = 4;
export const VIRTIO_RNG_QUEUE_SIZE = 8;
/** Most bytes delivered for one request. */
export const MAX_RNG_BYTES = 65536;

export type VirtioRngSource = { source: (dst: Uint8Array) => void } | { seed: number };

/** A deterministic byte generator (xoshiro128**, seeded through splitmix32). */
export class SeededRandom {
  readonly s = new Uint32Array(4);

  constructor(seed: number) {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  next32(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  fill(dst: Uint8Array): void {
    for (let i = 0; i < dst.length; i += 4) {
      const v = this.next32();
      for (let j = 0; j < 4 && i + j < dst.length; j++) dst[i + j] = v >>> (8 * j);
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class VirtioRng implements VirtioBackend, VmState {
  readonly deviceId = VIRTIO_ID_RNG;
  readonly features = 0n;
  readonly queueSizes = [VIRTIO_RNG_QUEUE_SIZE];
  private readonly fill: (dst: Uint8Array) => void;
  /** The deterministic generator, when seeded (its state is part of snapshots). */
  private readonly seeded: SeededRandom | null = null;

  constructor(src: VirtioRngSource) {
    if ("source" in src) this.fill = src.source;
    else {
      const g = new SeededRandom(src.seed);
      this.seeded = g;
      this.fill = (d) => g.fill(d);
    }
  }

  saveState(w: StateWriter): void {
    w.bool(this.seeded !== null);
    if (this.seeded) w.u32s(this.seeded.s);
  }

  loadState(r: StateReader): () => void {
    const seeded = r.bool();
    const s = seeded ? r.u32s(4) : null;
    return () => {
      if (s && this.seeded) this.seeded.s.set(s);
    };
  }

  readConfig(): number {
    return 0;
  }

  writeConfig(): void {}

  process(_queue: number, chain: DescChain): number {
    const n = Math.min(chain.writableLength, MAX_RNG_BYTES);
    const buf = new Uint8Array(n);
    try {
      this.fill(buf);
    } catch {
      return 0; // the source failed: complete the request with no bytes
    }
    return chain.write(0, buf) ? n : -1;
  }
}
