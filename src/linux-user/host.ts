// What the Linux user-mode emulator needs from its embedder. The core never imports Node: the CLI
// supplies a Node implementation (src/cli/node-host.ts), a browser page an in-memory one.

export interface LinuxHost {
  writeStdout(data: Uint8Array): void;
  writeStderr(data: Uint8Array): void;
  /** Up to `max` bytes of standard input; an empty array at end of input. */
  readStdin(max: number): Uint8Array;
  /** Nanoseconds since the Unix epoch, and since an arbitrary start (monotonic). */
  realtimeNs(): bigint;
  monotonicNs(): bigint;
  randomBytes(n: number): Uint8Array;
}

/** A host that captures output in memory and reads stdin from a buffer (tests, fuzzing, workers). */
export class BufferHost implements LinuxHost {
  private out: Uint8Array[] = [];
  private err: Uint8Array[] = [];
  private inPos = 0;
  /** When set, the clocks follow this function (deterministic runs). */
  clock: (() => bigint) | null = null;
  constructor(private readonly stdin: Uint8Array = new Uint8Array(0)) {}
  writeStdout(d: Uint8Array): void {
    this.out.push(d.slice());
  }
  writeStderr(d: Uint8Array): void {
    this.err.push(d.slice());
  }
  readStdin(max: number): Uint8Array {
    const r = this.stdin.subarray(this.inPos, this.inPos + max);
    this.inPos += r.length;
    return r;
  }
  realtimeNs(): bigint {
    return this.clock ? this.clock() + 1_700_000_000_000_000_000n : BigInt(Date.now()) * 1_000_000n;
  }
  monotonicNs(): bigint {
    return this.clock ? this.clock() : BigInt(Math.round(performance.now() * 1e6));
  }
  randomBytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    crypto.getRandomValues(b);
    return b;
  }
  stdout(): Uint8Array {
    return concat(this.out);
  }
  stderr(): Uint8Array {
    return concat(this.err);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const r = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    r.set(p, o);
    o += p.length;
  }
  return r;
}
