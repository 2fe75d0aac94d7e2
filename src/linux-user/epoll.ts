// An epoll instance (Linux's fs/eventpoll.c) as a file description: the interest list, keyed by
// (fd, description) as Linux keys it by (file, fd), with each entry's events, its user data (the
// 8 bytes of epoll_data, kept as bytes), and what edge-triggered and one-shot modes need.
// Readiness is computed when asked (poll() of the watched descriptions), not pushed: a wait scans
// the list, so a description that goes away (its last fd closed) simply drops out.
import { anonInode } from "./eventfd.ts";
import { FileDesc, POLL, type Caller } from "./files.ts";
import type { HostStat } from "./host-api.ts";

export const EPOLLIN = 0x1,
  EPOLLPRI = 0x2,
  EPOLLOUT = 0x4,
  EPOLLERR = 0x8,
  EPOLLHUP = 0x10,
  EPOLLRDHUP = 0x2000,
  EPOLLEXCLUSIVE = 1 << 28,
  EPOLLWAKEUP = 1 << 29,
  EPOLLONESHOT = 1 << 30,
  EPOLLET = 1 << 31;

export interface EpollEntry {
  fd: number;
  file: FileDesc;
  events: number;
  data: Uint8Array;
  /** One-shot entry that fired: silent until EPOLL_CTL_MOD. */
  disabled: boolean;
  /** Edge-triggered: what was last reported. */
  lastMask: number;
  lastGen: number;
}

export interface EpollEvent {
  events: number;
  data: Uint8Array;
}

export class EpollFile extends FileDesc {
  private readonly watched: EpollEntry[] = [];

  constructor(flags: number) {
    super();
    this.flags = 2 | (flags & 0o4000);
  }

  /** /proc/<pid>/fd shows "anon_inode:[eventpoll]", as Linux names the inode. */
  override get anonName(): string {
    return "[eventpoll]";
  }

  find(fd: number, file: FileDesc): EpollEntry | undefined {
    return this.watched.find((e) => e.fd === fd && e.file === file);
  }

  add(fd: number, file: FileDesc, events: number, data: Uint8Array, who?: Caller): void {
    this.watched.push({ fd, file, events, data, disabled: false, lastMask: 0, lastGen: file.pollGenFor(who) });
  }

  remove(e: EpollEntry): void {
    const i = this.watched.indexOf(e);
    if (i >= 0) this.watched.splice(i, 1);
  }

  /** Whether a watched description's readiness comes from the host (waits on it are external). */
  override get external(): boolean {
    return this.watched.some((e) => e.file.external);
  }
  /** A watched description's readiness may come from the host's state (inotify): the shortest recheck. */
  override get recheckNs(): bigint | null {
    let r: bigint | null = null;
    for (const e of this.watched) {
      const n = e.file.recheckNs;
      if (n !== null && (r === null || n < r)) r = n;
    }
    return r;
  }

  /** Entries whose description is gone (closed everywhere) leave the list (eventpoll_release). */
  private prune(): void {
    for (let i = this.watched.length - 1; i >= 0; i--) if (this.watched[i].file.refs <= 0) this.watched.splice(i, 1);
  }

  /**
   * Up to `max` ready events (ep_send_events) for thread `who` (the one waiting: a signalfd's
   * readiness is its caller's); `consume`: one-shot and edge-triggered state advance.
   */
  collect(max: number, consume: boolean, who?: Caller): EpollEvent[] {
    this.prune();
    const out: EpollEvent[] = [];
    for (const e of this.watched) {
      if (out.length >= max) break;
      if (e.disabled) continue;
      const mask = e.file.poll(who) & (e.events | EPOLLERR | EPOLLHUP);
      if (mask === 0) {
        if (consume) e.lastMask = 0;
        continue;
      }
      if (e.events & EPOLLET) {
        const gen = e.file.pollGenFor(who);
        if ((mask & ~e.lastMask) === 0 && gen === e.lastGen) continue;
        if (consume) {
          e.lastMask = mask;
          e.lastGen = gen;
        }
      }
      if (consume && e.events & EPOLLONESHOT) e.disabled = true;
      out.push({ events: mask, data: e.data });
    }
    return out;
  }

  override poll(who?: Caller): number {
    return this.collect(1, false, who).length > 0 ? POLL.IN | POLL.RDNORM : 0;
  }

  read(): number {
    return -22;
  }
  write(): number {
    return -22;
  }
  stat(): HostStat {
    return anonInode();
  }
}
