/**
 * The guest-memory interface of the helpers that read or write memory
 * themselves (fldt/fstt, fbld/fbstp, fnstenv/fldenv, fnsave/frstor,
 * fxsave/fxrstor), as QEMU's X86Access does.
 */
export interface FpuMemory {
  /**
   * Called once with the whole range before any access (QEMU's
   * access_prepare): the place to raise the page fault, so that a faulting
   * store writes nothing.
   */
  prepare(addr: number, size: number, write: boolean): void;
  load8(addr: number): number;
  load16(addr: number): number;
  load32(addr: number): number;
  store8(addr: number, value: number): void;
  store16(addr: number, value: number): void;
  store32(addr: number, value: number): void;
}

/** An FpuMemory over a byte array (for signal frames and tests): address = offset. */
export class ArrayFpuMemory implements FpuMemory {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  prepare(addr: number, size: number): void {
    if (addr < 0 || addr + size > this.bytes.length)
      throw new RangeError(`FPU memory access ${addr}+${size} outside ${this.bytes.length} bytes`);
  }
  load8(addr: number): number {
    return this.view.getUint8(addr);
  }
  load16(addr: number): number {
    return this.view.getUint16(addr, true);
  }
  load32(addr: number): number {
    return this.view.getInt32(addr, true);
  }
  store8(addr: number, value: number): void {
    this.view.setUint8(addr, value);
  }
  store16(addr: number, value: number): void {
    this.view.setUint16(addr, value & 0xffff, true);
  }
  store32(addr: number, value: number): void {
    this.view.setInt32(addr, value | 0, true);
  }
}
