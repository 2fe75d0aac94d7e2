// The 9P wire codec: little-endian integers, strings (u16 length + bytes) and qids, read from a
// bounded message and written into a bounded reply buffer. Both sides are used by the server and
// by tests acting as the client.
//
// Strings are "byte strings": one JS char per byte (latin1), so any name a Linux guest sends,
// UTF-8 or not, survives the trip to a backend and back unchanged. `utf8ToBytes`/`bytesToUtf8`
// convert for user-facing code.
//
// 64-bit fields are JS numbers: exact up to 2^53. A larger value read from the wire keeps its
// magnitude (>= 2^53, inexact), so range checks against Number.MAX_SAFE_INTEGER still work.

/** The message is shorter than its fields say, or a field is malformed: answered with EPROTO. */
export class ProtocolError extends Error {}

/** The reply does not fit the buffer the guest provided. */
export class ReplyOverflow extends Error {}

const TWO32 = 0x1_0000_0000;

export interface Qid {
  type: number;
  version: number;
  path: number;
}

export const QID_SIZE = 13;

export class WireReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    const p = this.pos;
    if (n > this.end - p) throw new ProtocolError(`message truncated: need ${n} bytes at offset ${p}, have ${this.end - p}`);
    this.pos = p + n;
    return p;
  }

  u8(): number {
    return this.buf[this.need(1)];
  }

  u16(): number {
    const p = this.need(2);
    return this.buf[p] | (this.buf[p + 1] << 8);
  }

  u32(): number {
    const p = this.need(4);
    const b = this.buf;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** A u32 as a signed int32 (mode and id fields that may be -1). */
  i32(): number {
    return this.u32() | 0;
  }

  u64(): number {
    const lo = this.u32();
    const hi = this.u32();
    return hi * TWO32 + lo;
  }

  /** A two's-complement 64-bit value (times before 1970); exact within +-2^53. */
  i64(): number {
    const lo = this.u32();
    const hi = this.u32() | 0;
    return hi * TWO32 + lo;
  }

  bytes(n: number): Uint8Array {
    const p = this.need(n);
    return this.buf.subarray(p, p + n);
  }

  /** A 9P string as a byte string (one char per byte). */
  str(): string {
    const n = this.u16();
    return bytesToByteString(this.bytes(n));
  }

  qid(): Qid {
    const type = this.u8();
    const version = this.u32();
    const path = this.u64();
    return { type, version, path };
  }
}

export class WireWriter {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  private room(n: number): number {
    const p = this.pos;
    if (n > this.buf.length - p) throw new ReplyOverflow(`reply needs ${p + n} bytes, buffer has ${this.buf.length}`);
    this.pos = p + n;
    return p;
  }

  u8(v: number): this {
    this.buf[this.room(1)] = v;
    return this;
  }

  u16(v: number): this {
    const p = this.room(2);
    this.buf[p] = v;
    this.buf[p + 1] = v >>> 8;
    return this;
  }

  u32(v: number): this {
    const p = this.room(4);
    const b = this.buf;
    b[p] = v;
    b[p + 1] = v >>> 8;
    b[p + 2] = v >>> 16;
    b[p + 3] = v >>> 24;
    return this;
  }

  /** Non-negative integers up to 2^53 are exact; negative or non-finite values are written as 0. */
  u64(v: number): this {
    if (!(v >= 0) || v === Infinity) v = 0;
    const lo = v % TWO32;
    this.u32(lo);
    this.u32((v - lo) / TWO32);
    return this;
  }

  /** A two's-complement 64-bit value (times before 1970); exact within +-2^53, non-finite as 0. */
  i64(v: number): this {
    if (!Number.isFinite(v)) v = 0;
    const lo = ((v % TWO32) + TWO32) % TWO32;
    this.u32(lo);
    this.u32(((v - lo) / TWO32) | 0);
    return this;
  }

  bytes(data: Uint8Array): this {
    const p = this.room(data.length);
    this.buf.set(data, p);
    return this;
  }

  /** A byte string (chars 0..255) as a 9P string. */
  str(s: string): this {
    if (s.length > 0xffff) throw new ReplyOverflow("string longer than 65535 bytes");
    this.u16(s.length);
    const p = this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[p + i] = s.charCodeAt(i);
    return this;
  }

  qid(q: Qid): this {
    return this.u8(q.type).u32(q.version).u64(q.path);
  }
}

export function bytesToByteString(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, Array.from(b.subarray(i, i + 8192)));
  return s;
}

export function byteStringToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** A user-facing (UTF-16) name as the byte string the guest sees (UTF-8). */
export function utf8ToByteString(s: string): string {
  return bytesToByteString(new TextEncoder().encode(s));
}

/** A byte string as text for users (invalid UTF-8 becomes U+FFFD). */
export function byteStringToUtf8(s: string): string {
  return new TextDecoder().decode(byteStringToBytes(s));
}
