// The host an embedded guest talks to: stdio through callbacks (or buffers), a file system the
// embedder supplies (an in-memory MemFs by default), and clocks and randomness that are either the
// real ones or, in deterministic mode, functions of the guest's instruction count and a seed.
//
// Nothing here touches Node or the DOM: the same object works in Node, a Web Worker and a page.
import { concat, type HostFs, type LinuxHost } from "../linux-user/host.ts";
import { MemFs } from "../linux-user/mem-fs.ts";
import type { GuestNetwork } from "../linux-user/sockets/guest-network.ts";

/** Deterministic mode: time is the instruction count, randomness a seeded generator. */
export interface DeterministicOptions {
  /** Guest nanoseconds per retired instruction (default 10: the guest sees a 100 MIPS CPU). */
  nsPerInsn?: number;
  /** CLOCK_REALTIME at instruction 0, in ns since the epoch (default 2023-11-14T22:13:20Z). */
  epochNs?: bigint;
  /** Seed of getrandom(), AT_RANDOM and friends (default 1). */
  seed?: number;
}

/** Where guest standard input comes from. */
export type StdinSource =
  | Uint8Array
  | string
  /** Called when the guest reads: up to `max` bytes, an empty array for end of input, or null when
   * nothing is available yet (the read blocks: run() returns "blocked"; call run() again later). */
  | ((max: number) => Uint8Array | null);

export interface EmbedHostOptions {
  stdin?: StdinSource;
  /** Guest writes to fd 1 and 2. Without a callback the bytes are kept (see EmbedHost.stdout()). */
  onStdout?: (data: Uint8Array) => void;
  onStderr?: (data: Uint8Array) => void;
  /** The file system the guest sees (host paths = guest paths). Default: an empty MemFs. */
  fs?: HostFs;
  deterministic?: boolean | DeterministicOptions;
  pid?: number;
  /** The network user-mode sockets reach (host sockets and policy); default: unix sockets only. */
  network?: GuestNetwork;
}

const DEFAULT_EPOCH = 1_700_000_000_000_000_000n;

/** A small seeded PRNG (xorshift128+ on 32-bit halves is overkill here: splitmix32 suffices). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class EmbedHost implements LinuxHost {
  readonly fs: HostFs;
  readonly stdioHandles = null;
  readonly pid: number | undefined;
  readonly network: GuestNetwork | undefined;
  /** Set by the Guest: instructions retired so far (the deterministic clock's source). */
  insns: () => number = () => 0;
  private readonly det: Required<DeterministicOptions> | null;
  private readonly rand: (() => number) | null;
  /** Nanoseconds the guest slept (nanosleep etc.) in deterministic mode: time jumps forward. */
  private sleptNs = 0n;
  private stdinBuf: Uint8Array | null = null;
  private stdinPos = 0;
  private stdinFn: ((max: number) => Uint8Array | null) | null = null;
  private pending: Uint8Array | null = null;
  private pendingPos = 0;
  private readonly out: Uint8Array[] = [];
  private readonly err: Uint8Array[] = [];
  private readonly onOut: ((d: Uint8Array) => void) | null;
  private readonly onErr: ((d: Uint8Array) => void) | null;
  /** Host clock at creation (ms), the origin of CLOCK_MONOTONIC; only read when not deterministic. */
  private readonly t0: number;

  constructor(o: EmbedHostOptions = {}) {
    this.fs = o.fs ?? new MemFs();
    this.pid = o.pid;
    this.network = o.network;
    this.onOut = o.onStdout ?? null;
    this.onErr = o.onStderr ?? null;
    this.setStdin(o.stdin ?? new Uint8Array(0));
    if (o.deterministic) {
      const d = o.deterministic === true ? {} : o.deterministic;
      this.det = { nsPerInsn: d.nsPerInsn ?? 10, epochNs: d.epochNs ?? DEFAULT_EPOCH, seed: d.seed ?? 1 };
      this.rand = splitmix32(this.det.seed);
      if (this.fs instanceof MemFs) {
        const det = this.det;
        this.fs.now = () => det.epochNs + this.virtualNs();
      }
    } else {
      this.det = null;
      this.rand = null;
    }
    // Deterministic mode reads no host clock at all (hardened JavaScript's compartments have none).
    this.t0 = this.det ? 0 : typeof performance !== "undefined" ? performance.now() : Date.now();
  }

  get deterministic(): boolean {
    return this.det !== null;
  }

  /** Replaces the stdin source (bytes, text or a pull function). */
  setStdin(src: StdinSource): void {
    this.stdinPos = 0;
    this.pending = null;
    if (typeof src === "function") {
      this.stdinFn = src;
      this.stdinBuf = null;
    } else {
      this.stdinFn = null;
      this.stdinBuf = typeof src === "string" ? new TextEncoder().encode(src) : src;
    }
  }

  private virtualNs(): bigint {
    return BigInt(this.insns()) * BigInt(this.det!.nsPerInsn) + this.sleptNs;
  }

  writeStdout(d: Uint8Array): void {
    if (this.onOut) this.onOut(d.slice());
    else this.out.push(d.slice());
  }
  writeStderr(d: Uint8Array): void {
    if (this.onErr) this.onErr(d.slice());
    else this.err.push(d.slice());
  }
  readStdin(max: number): Uint8Array {
    if (this.stdinFn) {
      if (!this.pending || this.pendingPos >= this.pending.length) {
        // A read the Guest did not pre-check (it pre-checks read/readv on fd 0): pull now, and
        // answer "nothing" as end of input if the source has nothing yet.
        const r = this.stdinFn(max);
        if (r === null) return new Uint8Array(0);
        this.pending = r;
        this.pendingPos = 0;
      }
      const r = this.pending.subarray(this.pendingPos, this.pendingPos + max);
      this.pendingPos += r.length;
      return r;
    }
    const b = this.stdinBuf!;
    const r = b.subarray(this.stdinPos, this.stdinPos + max);
    this.stdinPos += r.length;
    return r;
  }
  /**
   * Whether a read of stdin would complete now (data or end of input). With a pull function this
   * pulls into a small pending buffer; false means the source has nothing yet (the read must wait).
   */
  stdinReady(max: number): boolean {
    if (!this.stdinFn) return true;
    if (this.pending && this.pendingPos < this.pending.length) return true;
    const r = this.stdinFn(max);
    if (r === null) return false;
    this.pending = r;
    this.pendingPos = 0;
    return true;
  }
  realtimeNs(): bigint {
    if (this.det) return this.det.epochNs + this.virtualNs();
    return BigInt(Date.now()) * 1_000_000n;
  }
  monotonicNs(): bigint {
    if (this.det) return this.virtualNs();
    const now = typeof performance !== "undefined" ? performance.now() : Date.now();
    return BigInt(Math.round((now - this.t0) * 1e6)) + 1_000_000_000n;
  }
  randomBytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    if (this.rand) {
      for (let i = 0; i < n; i++) b[i] = this.rand() & 0xff;
    } else crypto.getRandomValues(b);
    return b;
  }
  sleepNs(ns: bigint): void {
    // A guest cannot block the embedder's thread: sleeping advances the virtual clock in
    // deterministic mode and returns at once otherwise (the deadline then counts as reached).
    if (this.det && ns > 0n) this.sleptNs += ns;
  }

  /** Output kept when no onStdout/onStderr callback was given. */
  stdout(): Uint8Array {
    return concat(this.out);
  }
  stderr(): Uint8Array {
    return concat(this.err);
  }
}
