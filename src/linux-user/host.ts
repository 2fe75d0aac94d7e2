// The embedder's side of Linux user mode: the interfaces (host-api.ts) and BufferHost, a host that
// keeps standard output in memory and reads standard input from a buffer, over an in-memory file
// system (MemFs) unless given another one.
import { concat } from "./bytes.ts";
import type { HostFs, LinuxHost } from "./host-api.ts";
import { MemFs } from "./mem-fs.ts";

export type { HostCapabilities, HostDirEntry, HostFs, HostStat, HostStatfs, LinuxHost } from "./host-api.ts";
export { concat } from "./bytes.ts";

/** A host that captures output in memory and reads stdin from a buffer (tests, fuzzing, workers). */
export class BufferHost implements LinuxHost {
  private out: Uint8Array[] = [];
  private err: Uint8Array[] = [];
  private inPos = 0;
  /** When set, the clocks follow this function (deterministic runs). */
  clock: (() => bigint) | null = null;
  readonly fs: HostFs;
  constructor(
    private readonly stdin: Uint8Array = new Uint8Array(0),
    fs?: HostFs,
  ) {
    this.fs = fs ?? new MemFs();
  }
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
