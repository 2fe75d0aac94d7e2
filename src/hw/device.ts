// The small interfaces that connect devices to the board (src/hw/virt*.ts) and to each other.
//
// A device is an MmioDevice mapped at some physical base; the softmmu calls it with offsets relative
// to that base and sizes 1, 2 or 4 (an 8-byte guest access arrives as two 4-byte accesses, low word
// first; a misaligned one arrives byte by byte). Values are passed as JS numbers holding the
// little-endian bits of the access; devices accept negative (int32) values for 4-byte writes and
// return unsigned values from reads. No device method ever throws because of what the guest did.
export type { MmioDevice } from "../mem/softmmu.ts";

/** mip bit numbers. */
export const MIP_SSIP = 1;
export const MIP_MSIP = 3;
export const MIP_STIP = 5;
export const MIP_MTIP = 7;
export const MIP_SEIP = 9;
export const MIP_MEIP = 11;

/** The hart's interrupt-pending bits that devices drive (mip bits: 1 SSIP, 3 MSIP, 5 STIP, 7 MTIP, 9 SEIP, 11 MEIP). */
export interface HartIrqs {
  setPending(bit: number, level: boolean): void;
}

/** A level-triggered interrupt line into an interrupt controller. */
export interface IrqLine {
  set(level: boolean): void;
}

/** Machine time in nanoseconds (virtual or real, the board decides). */
export interface Clock {
  nowNs(): number;
}

/**
 * Guest physical memory for DMA: returns false (and does nothing) if any byte is outside RAM.
 * `read` returns null in that case. The array `read` returns may be a view into guest RAM: devices
 * only read it, and only until they return to the board. RAM is assumed to be one contiguous range
 * (virtio checks a buffer by its first and last byte), and `read` should be cheap (a view, as
 * RamDma's): devices call it for every descriptor.
 */
export interface DmaMemory {
  read(addr: number, len: number): Uint8Array | null;
  write(addr: number, data: Uint8Array): boolean;
}

/** An IrqLine that goes nowhere (for tests and unwired devices). */
export const NO_IRQ: IrqLine = { set() {} };

/** An IrqLine that remembers its level and counts rising edges: handy in tests and for polling boards. */
export class IrqLatch implements IrqLine {
  level = false;
  raised = 0;
  set(level: boolean): void {
    if (level && !this.level) this.raised++;
    this.level = level;
  }
}

/** DmaMemory over one Uint8Array of RAM at guest physical address `base` (the board's RAM, or a test's). */
export class RamDma implements DmaMemory {
  constructor(
    readonly ram: Uint8Array,
    readonly base: number,
  ) {}

  private ok(addr: number, len: number): boolean {
    return (
      Number.isSafeInteger(addr) && Number.isSafeInteger(len) && len >= 0 && addr >= this.base && addr - this.base + len <= this.ram.length
    );
  }

  read(addr: number, len: number): Uint8Array | null {
    if (!this.ok(addr, len)) return null;
    const o = addr - this.base;
    return this.ram.subarray(o, o + len);
  }

  write(addr: number, data: Uint8Array): boolean {
    if (!this.ok(addr, data.length)) return false;
    this.ram.set(data, addr - this.base);
    return true;
  }
}
