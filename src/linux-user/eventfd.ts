// eventfd (Linux's fs/eventfd.c): a 64-bit counter as a file. write adds to it (blocking while it
// would pass 2^64-2), read returns it and resets it to 0, or with EFD_SEMAPHORE returns 1 and
// decrements it (blocking while it is 0). Readable while non-zero, writable while below the maximum.
import { EAGAIN, EINVAL, O } from "./errno.ts";
import { FileDesc, WOULD_BLOCK } from "./files.ts";
import { kernelStat, type HostStat } from "./host-api.ts";

export const EFD_SEMAPHORE = 1;
const MAX = 0xfffffffffffffffen;

export class EventFd extends FileDesc {
  private count: bigint;
  /** Counts changes, for epoll's edge-triggered mode. */
  private gen = 0;

  constructor(
    init: number,
    private readonly semaphore: boolean,
    flags: number,
  ) {
    super();
    this.count = BigInt(init >>> 0);
    this.flags = O.RDWR | (flags & O.NONBLOCK);
  }

  override get pollGen(): number {
    return this.gen;
  }

  /** /proc/<pid>/fd shows "anon_inode:[eventfd]", as Linux names the inode. */
  override get anonName(): string {
    return "[eventfd]";
  }

  read(buf: Uint8Array): number {
    if (buf.length < 8) return -EINVAL;
    if (this.count === 0n) return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
    const v = this.semaphore ? 1n : this.count;
    this.count -= v;
    this.gen++;
    new DataView(buf.buffer, buf.byteOffset, 8).setBigUint64(0, v, true);
    return 8;
  }

  write(data: Uint8Array): number {
    if (data.length < 8) return -EINVAL;
    const v = new DataView(data.buffer, data.byteOffset, 8).getBigUint64(0, true);
    if (v === 0xffffffffffffffffn) return -EINVAL;
    if (MAX - this.count < v) return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
    this.count += v;
    if (v !== 0n) this.gen++;
    return 8;
  }

  override readable(): boolean {
    return this.count > 0n;
  }
  override writable(): boolean {
    return this.count < MAX;
  }

  stat(): HostStat {
    return anonInode();
  }
}

/**
 * stat of an anonymous inode ([eventfd], [eventpoll]...): the one inode of anon_inodefs, whose mode
 * is 0600 with no file type (alloc_anon_inode).
 */
export function anonInode(): HostStat {
  return kernelStat(14n, 1n, 0o600);
}
