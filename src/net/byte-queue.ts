// A FIFO of bytes kept as the chunks they arrived in (no copying on push): the NAT's TCP send
// buffer holds what the host sent until the guest acknowledges it, and segments copy ranges out.

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Index of the first live chunk, and bytes already consumed from it. */
  private first = 0;
  private skip = 0;
  private len = 0;

  get length(): number {
    return this.len;
  }

  /** Appends `data` (kept by reference: the caller must not modify it afterwards). */
  push(data: Uint8Array): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.len += data.length;
  }

  /** Copies bytes [offset, offset+n) of the queue into dst at dstOffset. */
  copyTo(dst: Uint8Array, dstOffset: number, offset: number, n: number): void {
    if (offset < 0 || n < 0 || offset + n > this.len) throw new RangeError("ByteQueue.copyTo outside the queue");
    let i = this.first;
    let off = offset + this.skip;
    while (off >= this.chunks[i].length) off -= this.chunks[i++].length;
    while (n > 0) {
      const c = this.chunks[i++];
      const k = Math.min(n, c.length - off);
      dst.set(off === 0 && k === c.length ? c : c.subarray(off, off + k), dstOffset);
      dstOffset += k;
      n -= k;
      off = 0;
    }
  }

  /** Removes the first n bytes (n is clamped to the length). */
  drop(n: number): void {
    n = Math.min(n, this.len);
    this.len -= n;
    n += this.skip;
    while (n > 0 && this.first < this.chunks.length && n >= this.chunks[this.first].length) n -= this.chunks[this.first++].length;
    this.skip = n;
    // Compact the array now and then so it does not grow without bound.
    if (this.first > 64 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
    if (this.len === 0) {
      this.chunks = [];
      this.first = 0;
      this.skip = 0;
    }
  }

  clear(): void {
    this.drop(this.len);
  }
}
