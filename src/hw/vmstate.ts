// Device and CPU state for snapshots (QEMU's VMState, in a simpler form): each piece of the machine
// writes its fields in a fixed order with a StateWriter and reads them back with a StateReader.
//
// Loading is two-phase so that a bad snapshot leaves the running machine untouched: loadState()
// only reads and checks the saved fields and returns the function that applies them; the board
// calls every loadState first and the appliers only when all of them succeeded.

/** A snapshot that cannot be used: truncated, corrupted, from another machine or format. */
export class SnapshotError extends Error {}

export class StateWriter {
  private buf = new Uint8Array(256);
  private dv = new DataView(this.buf.buffer);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
    this.dv = new DataView(b.buffer);
  }

  u8(v: number): this {
    this.room(1);
    this.buf[this.n++] = v;
    return this;
  }
  bool(v: boolean): this {
    return this.u8(v ? 1 : 0);
  }
  u32(v: number): this {
    this.room(4);
    this.dv.setUint32(this.n, v >>> 0, true);
    this.n += 4;
    return this;
  }
  i32(v: number): this {
    this.room(4);
    this.dv.setInt32(this.n, v | 0, true);
    this.n += 4;
    return this;
  }
  /** A float64 (times in ns, counts beyond 2^32). */
  f64(v: number): this {
    this.room(8);
    this.dv.setFloat64(this.n, v, true);
    this.n += 8;
    return this;
  }
  /** A 64-bit value (stored as its low 64 bits, unsigned). */
  u64(v: bigint): this {
    this.room(8);
    this.dv.setBigUint64(this.n, BigInt.asUintN(64, v), true);
    this.n += 8;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.u32(b.length);
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
    return this;
  }
  u32s(a: Uint32Array | Int32Array): this {
    this.u32(a.length);
    for (let i = 0; i < a.length; i++) this.u32(a[i]);
    return this;
  }
  string(s: string): this {
    return this.bytes(new TextEncoder().encode(s));
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

export class StateReader {
  private readonly dv: DataView;
  private n = 0;

  constructor(
    private readonly buf: Uint8Array,
    /** What is being read, for error messages ("uart16550 state"). */
    readonly what: string,
  ) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(k: number): void {
    if (this.n + k > this.buf.length) throw new SnapshotError(`${this.what} is truncated`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.n++];
  }
  bool(): boolean {
    const v = this.u8();
    if (v > 1) throw new SnapshotError(`${this.what}: bad boolean ${v}`);
    return v === 1;
  }
  u32(): number {
    this.need(4);
    const v = this.dv.getUint32(this.n, true);
    this.n += 4;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.dv.getInt32(this.n, true);
    this.n += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.dv.getFloat64(this.n, true);
    this.n += 8;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const v = this.dv.getBigUint64(this.n, true);
    this.n += 8;
    return v;
  }
  bytes(max = this.buf.length): Uint8Array {
    const len = this.u32();
    if (len > max) throw new SnapshotError(`${this.what}: a field of ${len} bytes (at most ${max})`);
    this.need(len);
    const b = this.buf.slice(this.n, this.n + len);
    this.n += len;
    return b;
  }
  /** A u32 array of exactly `len` entries. */
  u32s(len: number): Uint32Array {
    const n = this.u32();
    if (n !== len) throw new SnapshotError(`${this.what}: ${n} entries where this machine has ${len}`);
    const a = new Uint32Array(n);
    for (let i = 0; i < n; i++) a[i] = this.u32();
    return a;
  }
  string(max = 4096): string {
    return new TextDecoder("utf-8", { fatal: true }).decode(this.bytes(max));
  }
  /** A number that must lie in [lo, hi]. */
  range(v: number, lo: number, hi: number, field: string): number {
    if (!(v >= lo && v <= hi)) throw new SnapshotError(`${this.what}: ${field} ${v} out of range`);
    return v;
  }
  /** Everything not read yet (a view, for bulk data at the end of a section). */
  rest(): Uint8Array {
    const b = this.buf.subarray(this.n);
    this.n = this.buf.length;
    return b;
  }
  /** Checks that everything was read. */
  end(): void {
    if (this.n !== this.buf.length) throw new SnapshotError(`${this.what} has ${this.buf.length - this.n} unexpected trailing bytes`);
  }
}

/** A piece of the machine whose state goes into snapshots. */
export interface VmState {
  saveState(w: StateWriter): void;
  /** Reads and checks the saved state; returns the function that applies it (see above). */
  loadState(r: StateReader): () => void;
}
