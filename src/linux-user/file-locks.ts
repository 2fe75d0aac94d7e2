// Advisory file locks between guest processes (Linux's fs/locks.c), kept by the kernel for every
// process, per file (device, inode): POSIX record locks (fcntl F_SETLK, owned by the fd table, i.e.
// the process), OFD locks (F_OFD_SETLK, owned by the open file description) and flock(2) locks
// (whole-file, owned by the description, in a list of their own). Host processes do not see them
// (Node has no lock API): a guest's locks only exclude other guest processes of the same kernel.
import type { FileDesc } from "./files.ts";

export const F_RDLCK = 0,
  F_WRLCK = 1,
  F_UNLCK = 2;

/** The end of a lock to end of file (Linux's OFFSET_MAX). */
export const OFFSET_MAX = (1n << 63n) - 1n;

/** A POSIX or OFD lock on the bytes start..end (inclusive; end OFFSET_MAX: to end of file). */
export interface RangeLock {
  /** The fd table (POSIX: the process's files) or the open file description (OFD). */
  owner: object;
  ofd: boolean;
  type: number;
  start: bigint;
  end: bigint;
  /** The process that set it (F_GETLK's l_pid; -1 for OFD locks). */
  pid: number;
}

interface FlockLock {
  desc: FileDesc;
  type: number;
}

interface FileState {
  /** Every POSIX and OFD lock: grouped by owner in the order owners first locked, each group by start (Linux's flc_posix). */
  posix: RangeLock[];
  flock: FlockLock[];
}

/** A blocked POSIX F_SETLKW request (Linux's blocked_hash entries), for deadlock detection. */
interface BlockedRequest {
  key: string;
  req: RangeLock;
}

/** How many owners deadlock detection follows (Linux's MAX_DEADLK_ITERATIONS). */
const MAX_DEADLK_ITERATIONS = 10;

const overlaps = (a: RangeLock, s: bigint, e: bigint) => a.start <= e && s <= a.end;

export class FileLocks {
  private files = new Map<string, FileState>();
  /** The files each POSIX owner (fd table) holds locks in, so that a close looks a file up only when it must. */
  private posixFiles = new Map<object, Set<string>>();
  /** The file of each description holding OFD or flock locks. */
  private descFiles = new Map<FileDesc, string>();
  private blocked: BlockedRequest[] = [];

  /** The file a description refers to, as a lock-table key, or -errno. */
  keyOf(d: FileDesc): string | number {
    const st = d.stat();
    return typeof st === "number" ? st : `${st.dev}:${st.ino}`;
  }

  private state(key: string): FileState {
    let s = this.files.get(key);
    if (!s) this.files.set(key, (s = { posix: [], flock: [] }));
    return s;
  }

  private drop(key: string): void {
    const s = this.files.get(key);
    if (s && !s.posix.length && !s.flock.length) this.files.delete(key);
  }

  /** The first lock of another owner conflicting with `req` (posix_test_lock), or null. */
  conflict(key: string, req: RangeLock): RangeLock | null {
    const s = this.files.get(key);
    if (!s) return null;
    for (const l of s.posix)
      if (l.owner !== req.owner && overlaps(l, req.start, req.end) && (l.type === F_WRLCK || req.type === F_WRLCK)) return l;
    return null;
  }

  /**
   * Whether a POSIX request that `blocker` holds up would wait for itself (posix_locks_deadlock):
   * the blocker's owner waits for a lock whose owner waits ... for a lock of the request's owner.
   * OFD requests are never checked (their owner is no process).
   */
  deadlock(req: RangeLock, blocker: RangeLock): boolean {
    if (req.ofd) return false;
    let b: RangeLock | null = blocker;
    for (let i = 0; i <= MAX_DEADLK_ITERATIONS && b; i++) {
      const owner: object = b.owner;
      const w = this.blocked.find((x) => x.req.owner === owner);
      b = w ? this.conflict(w.key, w.req) : null;
      if (b?.owner === req.owner) return true;
    }
    return false;
  }

  /** Records a blocked POSIX request (for deadlock()); the returned function forgets it. */
  block(key: string, req: RangeLock): () => void {
    if (req.ofd) return () => {};
    const e: BlockedRequest = { key, req };
    this.blocked.push(e);
    return () => {
      this.blocked = this.blocked.filter((x) => x !== e);
    };
  }

  /**
   * Sets (or with F_UNLCK removes) `req`'s range for its owner (posix_lock_inode without the conflict
   * check): the owner's locks in the range are replaced, split where they reach beyond it, and the
   * result merged with the owner's overlapping or adjacent locks of the same type.
   */
  setRange(key: string, req: RangeLock): void {
    const s = this.state(key);
    const at = s.posix.findIndex((l) => l.owner === req.owner);
    const mine = at < 0 ? [] : s.posix.filter((l) => l.owner === req.owner);
    const out: RangeLock[] = [];
    let start = req.start,
      end = req.end;
    for (const l of mine) {
      const adjacent = (l.end !== OFFSET_MAX && l.end + 1n === start) || (end !== OFFSET_MAX && end + 1n === l.start);
      if (req.type !== F_UNLCK && l.type === req.type && (overlaps(l, start, end) || adjacent)) {
        // the same type: absorbed into the request
        if (l.start < start) start = l.start;
        if (l.end > end) end = l.end;
        continue;
      }
      if (!overlaps(l, req.start, req.end)) {
        out.push(l);
        continue;
      }
      if (l.start < req.start) out.push({ ...l, end: req.start - 1n });
      if (l.end > req.end) out.push({ ...l, start: req.end + 1n });
    }
    if (req.type !== F_UNLCK) out.push({ ...req, start, end });
    out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const others = s.posix.filter((l) => l.owner !== req.owner);
    const pos = at < 0 ? others.length : s.posix.slice(0, at).filter((l) => l.owner !== req.owner).length;
    s.posix = [...others.slice(0, pos), ...out, ...others.slice(pos)];
    if (!req.ofd) {
      let files = this.posixFiles.get(req.owner);
      if (out.length) {
        if (!files) this.posixFiles.set(req.owner, (files = new Set()));
        files.add(key);
      } else if (files) {
        files.delete(key);
        if (!files.size) this.posixFiles.delete(req.owner);
      }
    } else if (out.length) this.remember(req.owner as FileDesc, key);
    this.drop(key);
  }

  /** Remembers that a description holds locks in `key`, to drop them when it is released. */
  private remember(d: FileDesc, key: string): void {
    this.descFiles.set(d, key);
    d.fileLocks = this;
  }

  /**
   * A descriptor of `d` closed in the fd table `owner`: the owner's POSIX locks on the file go,
   * whichever descriptor set them (locks_remove_posix from filp_close).
   */
  closed(d: FileDesc, owner: object): void {
    const files = this.posixFiles.get(owner);
    if (!files) return;
    const key = this.descFiles.get(d) ?? this.keyOf(d);
    if (typeof key !== "number" && files.has(key))
      this.setRange(key, { owner, ofd: false, type: F_UNLCK, start: 0n, end: OFFSET_MAX, pid: 0 });
  }

  /** The last reference to `d` went: its OFD and flock locks go (locks_remove_file). */
  released(d: FileDesc): void {
    const key = this.descFiles.get(d);
    if (key === undefined) return;
    this.descFiles.delete(d);
    const s = this.files.get(key);
    if (!s) return;
    s.posix = s.posix.filter((l) => l.owner !== d);
    s.flock = s.flock.filter((l) => l.desc !== d);
    this.drop(key);
  }

  /** Whether another description holds a flock lock conflicting with `type` (flock_locks_conflict). */
  flockConflict(key: string, d: FileDesc, type: number): boolean {
    const s = this.files.get(key);
    return !!s && s.flock.some((l) => l.desc !== d && (l.type === F_WRLCK || type === F_WRLCK));
  }

  /** The description's flock lock (F_RDLCK/F_WRLCK), or F_UNLCK. */
  flockOf(key: string, d: FileDesc): number {
    return this.files.get(key)?.flock.find((l) => l.desc === d)?.type ?? F_UNLCK;
  }

  /** Sets, or with F_UNLCK removes, the description's flock lock (without a conflict check). */
  setFlock(key: string, d: FileDesc, type: number): void {
    const s = this.state(key);
    s.flock = s.flock.filter((l) => l.desc !== d);
    if (type !== F_UNLCK) {
      s.flock.push({ desc: d, type });
      this.remember(d, key);
    }
    this.drop(key);
  }
}
