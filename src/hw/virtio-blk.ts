// virtio-blk backend (device ID 2) for the virtio-mmio transport, after QEMU's hw/block/virtio-blk.c.
// One request queue of 256 entries. Requests: VIRTIO_BLK_T_IN (read), T_OUT (write), T_FLUSH,
// T_GET_ID (serial string, up to 20 bytes); anything else gets VIRTIO_BLK_S_UNSUPP.
// Features: SEG_MAX (queue size - 2, as QEMU's seg-max-adjust), BLK_SIZE (512), FLUSH, and RO when
// the disk is read-only.
//
// Defined behaviour: a chain without a 16-byte readable header or without a writable status byte
// is malformed (the transport sets DEVICE_NEEDS_RESET, as QEMU's virtio_error "missing headers");
// a read/write whose length is not a multiple of 512, that reaches past the end of the disk, that
// is longer than MAX_REQUEST_BYTES, or a write to a read-only disk completes with VIRTIO_BLK_S_IOERR;
// a backend callback that throws gives VIRTIO_BLK_S_IOERR too.
import type { DescChain, VirtioBackend } from "./virtio-mmio.ts";

export const VIRTIO_ID_BLOCK = 2;

export const VIRTIO_BLK_F_SIZE_MAX = 1n;
export const VIRTIO_BLK_F_SEG_MAX = 2n;
export const VIRTIO_BLK_F_RO = 5n;
export const VIRTIO_BLK_F_BLK_SIZE = 6n;
export const VIRTIO_BLK_F_FLUSH = 9n;

export const VIRTIO_BLK_T_IN = 0;
export const VIRTIO_BLK_T_OUT = 1;
export const VIRTIO_BLK_T_FLUSH = 4;
export const VIRTIO_BLK_T_GET_ID = 8;

export const VIRTIO_BLK_S_OK = 0;
export const VIRTIO_BLK_S_IOERR = 1;
export const VIRTIO_BLK_S_UNSUPP = 2;

export const SECTOR_SIZE = 512;
export const VIRTIO_BLK_ID_BYTES = 20;
export const VIRTIO_BLK_QUEUE_SIZE = 256;
/** Longest read or write accepted in one request (larger ones get IOERR). */
export const MAX_REQUEST_BYTES = 64 << 20;
/** Requests are copied through buffers of at most this size. */
const CHUNK = 1 << 20;
const TWO32 = 0x1_0000_0000;

/** A disk as callbacks (a file, a sparse image, a network disk...). */
export interface BlockDevice {
  /** Size in bytes; the guest sees floor(size / 512) sectors. */
  readonly size: number;
  readonly readOnly?: boolean;
  /** Fills `dst` with the bytes at `offset` (always inside [0, size)). */
  read(offset: number, dst: Uint8Array): void;
  /** Stores `src` at `offset` (always inside [0, size)). */
  write(offset: number, src: Uint8Array): void;
  flush?(): void;
}

export interface VirtioBlkOptions {
  /** Refuse writes and offer VIRTIO_BLK_F_RO (default: the BlockDevice's readOnly, else false). */
  readOnly?: boolean;
  /** The string GET_ID returns (default "tciemu-disk"); at most 20 bytes are used. */
  serial?: string;
}

/** A BlockDevice over a Uint8Array disk image (writes modify the array). */
export function memoryDisk(image: Uint8Array, readOnly = false): BlockDevice {
  return {
    size: image.length,
    readOnly,
    read: (offset, dst) => dst.set(image.subarray(offset, offset + dst.length)),
    write: (offset, src) => image.set(src, offset),
  };
}

export class VirtioBlk implements VirtioBackend {
  readonly deviceId = VIRTIO_ID_BLOCK;
  readonly features: bigint;
  readonly queueSizes = [VIRTIO_BLK_QUEUE_SIZE];
  readonly disk: BlockDevice;
  readonly readOnly: boolean;
  private readonly serial: Uint8Array;
  private readonly config = new Uint8Array(0x24);
  private readonly sectors: number;

  constructor(disk: Uint8Array | BlockDevice, opts: VirtioBlkOptions = {}) {
    this.disk = disk instanceof Uint8Array ? memoryDisk(disk) : disk;
    this.readOnly = opts.readOnly ?? this.disk.readOnly ?? false;
    this.serial = new TextEncoder().encode(opts.serial ?? "tciemu-disk").subarray(0, VIRTIO_BLK_ID_BYTES);
    this.sectors = Math.floor(Math.max(0, this.disk.size) / SECTOR_SIZE);
    this.features =
      (1n << VIRTIO_BLK_F_SEG_MAX) |
      (1n << VIRTIO_BLK_F_BLK_SIZE) |
      (1n << VIRTIO_BLK_F_FLUSH) |
      (this.readOnly ? 1n << VIRTIO_BLK_F_RO : 0n);
    const dv = new DataView(this.config.buffer);
    dv.setUint32(0, this.sectors % TWO32, true); // capacity (u64, in 512-byte sectors)
    dv.setUint32(4, Math.floor(this.sectors / TWO32), true);
    dv.setUint32(8, 0, true); // size_max (feature not offered)
    dv.setUint32(12, VIRTIO_BLK_QUEUE_SIZE - 2, true); // seg_max
    dv.setUint32(20, SECTOR_SIZE, true); // blk_size
    dv.setUint16(34, 1, true); // num_queues
  }

  /** Capacity in 512-byte sectors. */
  get capacity(): number {
    return this.sectors;
  }

  readConfig(offset: number, size: number): number {
    if (offset < 0 || offset + size > this.config.length) return 0;
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.config[offset + i] << (8 * i);
    return v >>> 0;
  }

  writeConfig(): void {
    // writeback (0x20) is only writable with VIRTIO_BLK_F_CONFIG_WCE, which is not offered
  }

  process(_queue: number, chain: DescChain): number {
    if (chain.readableLength < 16 || chain.writableLength < 1) return -1;
    const hdr = chain.read(0, 16);
    if (hdr === null) return -1;
    const type = (hdr[0] | (hdr[1] << 8) | (hdr[2] << 16) | (hdr[3] << 24)) >>> 0;
    const sector =
      ((hdr[12] | (hdr[13] << 8) | (hdr[14] << 16) | (hdr[15] << 24)) >>> 0) * TWO32 +
      ((hdr[8] | (hdr[9] << 8) | (hdr[10] << 16) | (hdr[11] << 24)) >>> 0);
    const inLen = chain.writableLength - 1; // data the device writes, before the status byte
    let status: number;
    let used = 1;
    switch (type) {
      case VIRTIO_BLK_T_IN: {
        status = this.rangeOk(sector, inLen) ? this.doRead(chain, sector * SECTOR_SIZE, inLen) : VIRTIO_BLK_S_IOERR;
        if (status < 0) return -1;
        used = chain.writableLength;
        break;
      }
      case VIRTIO_BLK_T_OUT: {
        const outLen = chain.readableLength - 16;
        status = !this.readOnly && this.rangeOk(sector, outLen) ? this.doWrite(chain, sector * SECTOR_SIZE, outLen) : VIRTIO_BLK_S_IOERR;
        if (status < 0) return -1;
        break;
      }
      case VIRTIO_BLK_T_FLUSH:
        try {
          this.disk.flush?.();
          status = VIRTIO_BLK_S_OK;
        } catch {
          status = VIRTIO_BLK_S_IOERR;
        }
        break;
      case VIRTIO_BLK_T_GET_ID: {
        const n = Math.min(this.serial.length + 1, inLen, VIRTIO_BLK_ID_BYTES);
        const id = new Uint8Array(n);
        id.set(this.serial.subarray(0, n));
        if (!chain.write(0, id)) return -1;
        status = VIRTIO_BLK_S_OK;
        used = chain.writableLength;
        break;
      }
      default:
        status = VIRTIO_BLK_S_UNSUPP;
    }
    if (!chain.write(chain.writableLength - 1, Uint8Array.of(status))) return -1;
    return used;
  }

  private rangeOk(sector: number, len: number): boolean {
    return len % SECTOR_SIZE === 0 && len <= MAX_REQUEST_BYTES && sector <= this.sectors && len / SECTOR_SIZE <= this.sectors - sector;
  }

  /** Disk -> guest; returns a status, or -1 on DMA failure. */
  private doRead(chain: DescChain, offset: number, len: number): number {
    const buf = new Uint8Array(Math.min(len, CHUNK));
    for (let done = 0; done < len;) {
      const n = Math.min(CHUNK, len - done);
      const part = n === buf.length ? buf : buf.subarray(0, n);
      try {
        this.disk.read(offset + done, part);
      } catch {
        return VIRTIO_BLK_S_IOERR;
      }
      if (!chain.write(done, part)) return -1;
      done += n;
    }
    return VIRTIO_BLK_S_OK;
  }

  /** Guest -> disk; returns a status, or -1 on DMA failure. */
  private doWrite(chain: DescChain, offset: number, len: number): number {
    for (let done = 0; done < len;) {
      const n = Math.min(CHUNK, len - done);
      const data = chain.read(16 + done, n);
      if (data === null) return -1;
      try {
        this.disk.write(offset + done, data);
      } catch {
        return VIRTIO_BLK_S_IOERR;
      }
      done += n;
    }
    return VIRTIO_BLK_S_OK;
  }
}
