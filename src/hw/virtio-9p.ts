// virtio-9p (device ID 9) backend for the virtio-mmio transport, after QEMU's
// hw/9pfs/virtio-9p-device.c: one request queue of 128 entries (QEMU's MAX_REQ), feature
// VIRTIO_9P_MOUNT_TAG, config space = tag_len (u16) + the mount tag (no NUL). Each chain is one 9P
// request: the readable buffers hold the T-message, the writable ones receive the R-message (Linux's
// 9pnet_virtio may split both across pages: zero-copy reads and writes put the data in the guest's
// own pages after an 11-byte header). The server (src/hw/9p/server.ts) answers every chain before
// the next is looked at.
//
// Defined behaviour: a chain with fewer than 7 readable bytes (no header, no tag to answer) or
// fewer than 11 writable ones (no room for even an Rlerror) needs a reset, as QEMU's virtio_error
// ("The guest sent a VirtFS request without space for the reply", "malformed VirtFS request");
// anything wrong inside a request is answered with Rlerror.
import type { FsBackend } from "./9p/backend.ts";
import { MAX_MSIZE, NinePServer, type NinePServerOptions } from "./9p/server.ts";
import type { DescChain, VirtioBackend } from "./virtio-mmio.ts";

export const VIRTIO_ID_9P = 9;
export const VIRTIO_9P_F_MOUNT_TAG = 0n;
export const VIRTIO_9P_QUEUE_SIZE = 128;
/** Longest mount tag in bytes (QEMU's MAX_TAG_LEN - 1). */
export const VIRTIO_9P_MAX_TAG = 31;

export interface Virtio9pShare extends NinePServerOptions {
  /** The mount tag the guest names (`mount -t 9p TAG /mnt`). */
  tag: string;
  fs: FsBackend;
}

export class Virtio9p implements VirtioBackend {
  readonly deviceId = VIRTIO_ID_9P;
  readonly features = 1n << VIRTIO_9P_F_MOUNT_TAG;
  readonly queueSizes = [VIRTIO_9P_QUEUE_SIZE];
  readonly server: NinePServer;
  private readonly config: Uint8Array;
  /** Reply buffer, reused across requests (grown up to the largest msize). */
  private reply = new Uint8Array(0);

  constructor(share: Virtio9pShare) {
    const tag = new TextEncoder().encode(share.tag);
    if (tag.length === 0 || tag.length > VIRTIO_9P_MAX_TAG)
      throw new Error(`mount tag '${share.tag}' (${tag.length} bytes) is longer than maximum (${VIRTIO_9P_MAX_TAG} bytes)`);
    this.config = new Uint8Array(2 + tag.length);
    this.config[0] = tag.length;
    this.config.set(tag, 2);
    this.server = new NinePServer(share.fs, share);
  }

  readConfig(offset: number, size: number): number {
    if (offset < 0 || offset + size > this.config.length) return 0;
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.config[offset + i] << (8 * i);
    return v >>> 0;
  }

  writeConfig(): void {
    // the config space is read-only
  }

  /** The guest's fids name host files a snapshot cannot hold (QEMU blocks migration the same way). */
  snapshotBlocker(): string | null {
    return this.server.fidCount > 0
      ? `the shared directory '${new TextDecoder().decode(this.config.subarray(2))}' is mounted (virtio-9p)`
      : null;
  }

  process(_queue: number, chain: DescChain): number {
    if (chain.readableLength < 7 || chain.writableLength < 11) return -1;
    // copy no more than the message says it is, and never more than the largest msize: a guest
    // offering a huge readable chain gets EPROTO for it, not a huge allocation
    const hdr = chain.read(0, 4);
    if (hdr === null) return -1;
    const size = (hdr[0] | (hdr[1] << 8) | (hdr[2] << 16) | (hdr[3] << 24)) >>> 0;
    const req = chain.read(0, Math.max(7, Math.min(size, chain.readableLength, MAX_MSIZE)));
    if (req === null) return -1;
    const room = Math.min(chain.writableLength, MAX_MSIZE);
    if (this.reply.length < room) this.reply = new Uint8Array(Math.max(room, Math.min(2 * this.reply.length, MAX_MSIZE)));
    const reply = this.reply.subarray(0, room);
    const n = this.server.handle(req, reply);
    if (n < 0) return -1;
    return chain.write(0, reply.subarray(0, n)) ? n : -1;
  }

  reset(): void {
    this.server.reset();
  }
}
