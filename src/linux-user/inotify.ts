// inotify (Linux's fs/notify/inotify/, fs/notify/fsnotify.c, include/linux/fsnotify.h): watches on
// inodes, and the events guest processes of this kernel cause on them through the emulator's file
// calls, queued per inotify instance and read as struct inotify_event records.
//
// `FsNotify` is the kernel-wide table of watches (Linux's inode marks), keyed by the host file's
// (device, inode) as file-locks.ts and fifos.ts key theirs (a birth time, when the host knows one,
// tells a reused inode number from the file watched). The syscall handlers tell it what they did:
// a description of a host file or FIFO carries a `FileNotify` (OpenNotify here) that reports its
// reads, writes and last close; path calls (create, unlink, rename, chmod, truncate, utimes...)
// call the table's methods with host paths. An event about an inode goes to the watches on it
// (without a name) and, for the events Linux reports on children, to the watches on the directory
// its name is in (with the name), the directory's first within an instance, as fsnotify does. The
// directory is the one of the path the call used (the file's dentry; a last-component link that
// the call follows is resolved first); a description keeps the path it was opened by.
//
// An inode is deleted (IN_DELETE_SELF, then IN_IGNORED for each watch) when its last name goes and
// no guest description has it open, else at the last such description's close, after its
// IN_CLOSE_*, as Linux's final dput does.
//
// Changes the host's own programs make are found by looking (FsNotify.scanHost): while an
// instance's queue is empty and it is read or polled, at most every SCAN_NS, watched files'
// metadata and watched directories' names are compared with the last look; a thread waiting on an
// instance is looked at again every SCAN_NS (Waiter.recheckNs) rather than counting as deadlocked.
// Node's fs.watch would call back asynchronously, after the synchronous guest code that has to see
// the change, and watches paths, not inodes. Not seen: what the kernel itself opens (execve's and
// the loader's files: Linux reports their IN_OPEN and IN_CLOSE_NOWRITE), and a
// directory that is a process's working directory is deleted at rmdir (Linux: when the last
// process leaves it).
import { byteStringToBytes } from "./bytes.ts";
import { EAGAIN, EEXIST, EINVAL, O, S_IFDIR, S_IFIFO, S_IFMT } from "./errno.ts";
import { anonInode } from "./eventfd.ts";
import { FileDesc, POLL, WOULD_BLOCK, type FdTable, type FileNotify } from "./files.ts";
import type { HostFs, HostStat } from "./host-api.ts";
import { realPath } from "./paths.ts";

/** inotify's mask bits (include/uapi/linux/inotify.h). */
export const IN = {
  ACCESS: 0x1,
  MODIFY: 0x2,
  ATTRIB: 0x4,
  CLOSE_WRITE: 0x8,
  CLOSE_NOWRITE: 0x10,
  OPEN: 0x20,
  MOVED_FROM: 0x40,
  MOVED_TO: 0x80,
  CREATE: 0x100,
  DELETE: 0x200,
  DELETE_SELF: 0x400,
  MOVE_SELF: 0x800,
  UNMOUNT: 0x2000,
  Q_OVERFLOW: 0x4000,
  IGNORED: 0x8000,
  ONLYDIR: 0x01000000,
  DONT_FOLLOW: 0x02000000,
  EXCL_UNLINK: 0x04000000,
  MASK_CREATE: 0x10000000,
  MASK_ADD: 0x20000000,
  ISDIR: 0x40000000,
  ONESHOT: 0x80000000,
} as const;

/** Every event a watch can ask for. */
export const IN_ALL_EVENTS = 0xfff;
/** Every bit inotify_add_watch accepts (ALL_INOTIFY_BITS). */
export const ALL_INOTIFY_BITS =
  (IN_ALL_EVENTS |
    IN.UNMOUNT |
    IN.Q_OVERFLOW |
    IN.IGNORED |
    IN.ONLYDIR |
    IN.DONT_FOLLOW |
    IN.EXCL_UNLINK |
    IN.MASK_ADD |
    IN.MASK_CREATE |
    IN.ISDIR |
    IN.ONESHOT) >>>
  0;
/** The events a directory's watches also get about its entries' inodes (with the entry's name). */
const ON_CHILD = IN.ACCESS | IN.MODIFY | IN.ATTRIB | IN.CLOSE_WRITE | IN.CLOSE_NOWRITE | IN.OPEN;
/** How often at most the host scan looks for changes made by other programs (FsNotify.scanHost). */
export const SCAN_NS = 250_000_000n;
/** Linux's default /proc/sys/fs/inotify/max_queued_events (the host's is used when it has one). */
const DEFAULT_MAX_EVENTS = 16384;

/** Names are byte strings (bytes.ts): an event's name is their bytes. */
const enc = { encode: byteStringToBytes };

interface InotifyEvent {
  wd: number;
  mask: number;
  cookie: number;
  /** The entry's name without its NUL, or null (an event about the watched inode itself). */
  name: Uint8Array | null;
}

/** Bytes an event takes in read(): struct inotify_event and its name, NUL-padded to a multiple of 16. */
function eventSize(e: InotifyEvent): number {
  return 16 + (e.name ? (e.name.length + 16) & ~15 : 0);
}

/** An inode's key in the watch table. */
function inodeKey(st: HostStat): string {
  return `${st.dev}:${st.ino}`;
}

const isDir = (st: HostStat) => (st.mode & S_IFMT) === S_IFDIR;

/** One watch (Linux's inotify_inode_mark): an instance's interest in an inode. */
class Watch {
  constructor(
    readonly group: InotifyFile,
    readonly wd: number,
    readonly key: string,
    readonly btimeNs: bigint | undefined,
    /** The events asked for (IN_ALL_EVENTS bits). */
    public mask: number,
    /** IN_EXCL_UNLINK and IN_ONESHOT. */
    public flags: number,
  ) {}
  /**
   * For the host scan: the watched file's canonical path (moved by the guest's renames; null: not
   * looked at), whether it follows a last-component link, what the scan last saw, and whether the
   * guest changed the file or the directory since (seen again without events: the guest's own
   * changes were reported as they happened).
   */
  path: string | null = null;
  follow = true;
  seen: { size: bigint; mtimeNs: bigint; ctimeNs: bigint } | null = null;
  names: Map<string, bigint> | null = null;
  dirty = false;
  /** Whether host metadata `st` (same device and inode) is still the file watched. */
  sameFile(st: HostStat): boolean {
    return this.btimeNs === undefined || st.btimeNs === undefined || st.btimeNs <= 0n || st.btimeNs === this.btimeNs;
  }
}

/** The kernel's watches, and the events the syscall handlers report to them. */
export class FsNotify {
  private readonly marks = new Map<string, Watch[]>();
  /** Inodes whose last name went while a guest description had them open: deleted at its close. */
  private readonly doomed = new Set<string>();
  /** fsnotify_get_cookie: the last rename's cookie. */
  private cookie = 0;
  /** When the host scan may run again (monotonic ns). */
  private scanAt = 0n;

  constructor(
    readonly fs: HostFs,
    /** Every live process's descriptor table (whether a description still has a file open). */
    private readonly fdTables: () => Iterable<FdTable>,
    /** The host's monotonic clock (ns), which paces the host scan. */
    private readonly now: () => bigint = () => 0n,
  ) {}

  /** Whether any watch exists (nothing to report otherwise: the handlers skip their lookups). */
  get active(): boolean {
    return this.marks.size > 0;
  }

  /** inotify_init's max_queued_events: the host's setting (Linux's default without one). */
  maxQueuedEvents(): number {
    const h = this.fs.open("/proc/sys/fs/inotify/max_queued_events", O.RDONLY, 0);
    if (h < 0) return DEFAULT_MAX_EVENTS;
    const b = new Uint8Array(32);
    const n = this.fs.read(h, b, 0);
    this.fs.close(h);
    const v = n > 0 ? parseInt(new TextDecoder().decode(b.subarray(0, n)), 10) : NaN;
    return v > 0 ? v : DEFAULT_MAX_EVENTS;
  }

  // ---- watches

  watchOn(group: InotifyFile, st: HostStat): Watch | undefined {
    return this.marks.get(inodeKey(st))?.find((w) => w.group === group && w.sameFile(st));
  }

  addWatch(group: InotifyFile, wd: number, st: HostStat, mask: number, flags: number): Watch {
    const key = inodeKey(st);
    // a watch left on an earlier file with this inode number (deleted where the kernel did not see it) goes quietly
    const stale = this.marks.get(key)?.filter((w) => w.group === group && !w.sameFile(st)) ?? [];
    for (const w of stale) this.drop(w, false);
    const w = new Watch(group, wd, key, st.btimeNs !== undefined && st.btimeNs > 0n ? st.btimeNs : undefined, mask, flags);
    const list = this.marks.get(key);
    if (list) list.push(w);
    else this.marks.set(key, [w]);
    return w;
  }

  /** Removes a watch (fsnotify_destroy_mark); `ignored`: its instance gets IN_IGNORED. */
  drop(w: Watch, ignored = true): void {
    const list = this.marks.get(w.key);
    const i = list ? list.indexOf(w) : -1;
    if (i < 0) return;
    list!.splice(i, 1);
    if (list!.length === 0) this.marks.delete(w.key);
    w.group.forget(w);
    if (ignored) w.group.queue({ wd: w.wd, mask: IN.IGNORED, cookie: 0, name: null });
  }

  private watchesOf(st: HostStat | null): Watch[] | null {
    if (!st) return null;
    const list = this.marks.get(inodeKey(st));
    return list ? list.filter((w) => w.sameFile(st)) : null;
  }

  // ---- delivery

  /**
   * fsnotify(): event `mask` (IN_ISDIR added for a directory) about inode `st`, to the watches on
   * its directory `dir` with `name` (events on children only) and then to its own watches. `unlinked`
   * says whether the description's file has lost its name (IN_EXCL_UNLINK; events of descriptions).
   */
  private send(mask: number, st: HostStat | null, dir: HostStat | null, name: string | null, cookie = 0, unlinked?: () => boolean): void {
    const own = this.watchesOf(st);
    const parents = dir && name !== null && mask & ON_CHILD ? this.watchesOf(dir) : null;
    if (!own && !parents) return;
    if (own) for (const w of own) w.dirty = true;
    if (st && isDir(st)) mask |= IN.ISDIR;
    let gone: boolean | undefined;
    const deliver = (w: Watch, n: string | null) => {
      if (!(mask & w.mask & IN_ALL_EVENTS)) return;
      if (w.flags & IN.EXCL_UNLINK && unlinked && (gone ??= unlinked())) return;
      // inotify never reported IN_ISDIR with the self events
      const m = mask & (IN.MOVE_SELF | IN.DELETE_SELF) ? mask & ~IN.ISDIR : mask;
      w.group.queue({ wd: w.wd, mask: m, cookie, name: n === null ? null : enc.encode(n) });
      if (w.flags & IN.ONESHOT) this.drop(w);
    };
    if (parents) for (const w of parents) deliver(w, name);
    if (own) for (const w of own) deliver(w, null);
  }

  /** An event about directory `dir`'s entry `name` (IN_CREATE, IN_DELETE, IN_MOVED_*): to the directory's watches. */
  private entry(mask: number, dir: HostStat | null, name: string, cookie = 0): void {
    const ws = this.watchesOf(dir);
    if (!ws) return;
    for (const w of ws) {
      w.dirty = true;
      if (!(mask & w.mask & IN_ALL_EVENTS)) continue;
      w.group.queue({ wd: w.wd, mask, cookie, name: enc.encode(name) });
      if (w.flags & IN.ONESHOT) this.drop(w);
    }
  }

  /** The inode is gone (fsnotify_inoderemove): IN_DELETE_SELF, then every watch on it ends. */
  private deleted(st: HostStat): void {
    const key = inodeKey(st);
    if (!this.marks.has(key)) return;
    if (this.openAnywhere(key)) {
      this.doomed.add(key);
      return;
    }
    this.send(IN.DELETE_SELF, st, null, null);
    for (const w of this.watchesOf(st) ?? []) this.drop(w);
  }

  private openAnywhere(key: string): boolean {
    for (const t of this.fdTables())
      for (const fd of t.list()) {
        const n = t.get(fd)?.notify;
        if (n instanceof OpenNotify && n.key === key) return true;
      }
    return false;
  }

  // ---- what the handlers report

  /** The dentry a host path names: its directory's metadata and its name (a followed last-component link resolved first). */
  private dentry(hp: string, follow: boolean): { dir: HostStat | null; name: string; path: string } {
    let p = hp.replace(/\/+$/, "") || "/";
    let name = p.slice(p.lastIndexOf("/") + 1);
    const resolve = name === "." || name === ".." || name === "" || (follow && this.isLink(p));
    if (resolve && p.startsWith("/")) {
      const r = realPath(this.fs, p);
      if (typeof r === "string") {
        p = r;
        name = p.slice(p.lastIndexOf("/") + 1);
      }
    }
    const i = p.lastIndexOf("/");
    const dirPath = i < 0 ? "." : p.slice(0, i) || "/";
    if (p === "/") return { dir: null, name: "", path: p };
    const dir = this.fs.stat(dirPath, true);
    return { dir: typeof dir === "number" ? null : dir, name, path: p };
  }

  private isLink(p: string): boolean {
    const st = this.fs.stat(p, false);
    return typeof st !== "number" && (st.mode & S_IFMT) === 0o120000;
  }

  /** What a path names now (lstat), to report a removal or a rename after it: null when nothing watches. */
  lookup(hp: string): HostStat | null {
    if (!this.active) return null;
    const st = this.fs.stat(hp, false);
    return typeof st === "number" ? null : st;
  }

  /** A new name `hp` (open with O_CREAT, mkdir, mknod, symlink, link): IN_CREATE in its directory. */
  created(hp: string): void {
    if (!this.active) return;
    const st = this.fs.stat(hp, false);
    const { dir, name } = this.dentry(hp, false);
    this.entry(IN.CREATE | (typeof st !== "number" && isDir(st) ? IN.ISDIR : 0), dir, name);
  }

  /** link(): the file's link count changed (IN_ATTRIB), then its new name (IN_CREATE). */
  linked(st: HostStat | null, hp: string): void {
    if (!this.active) return;
    if (st) this.send(IN.ATTRIB, st, null, null);
    this.created(hp);
  }

  /**
   * unlink() or rmdir() of `hp`, which named `st` (lookup() before the call): a file's link count
   * changed (IN_ATTRIB), the inode is deleted with its last name, and the directory hears IN_DELETE.
   */
  removed(hp: string, st: HostStat | null): void {
    if (!st) return;
    const { dir, name } = this.dentry(hp, false);
    if (!isDir(st)) this.send(IN.ATTRIB, st, null, null);
    if (isDir(st) || st.nlink <= 1) this.deleted(st);
    this.entry(IN.DELETE | (isDir(st) ? IN.ISDIR : 0), dir, name);
  }

  /**
   * rename(from, to) of inode `st` over `over` (lookup() of both before the call): IN_MOVED_FROM and
   * IN_MOVED_TO with one cookie, the replaced file's link count (IN_ATTRIB), IN_MOVE_SELF, then the
   * replaced inode is deleted if that was its last name (fsnotify_move, then the final dput).
   */
  moved(from: string, to: string, st: HostStat | null, over: HostStat | null): void {
    if (!st) return;
    if (over && over.dev === st.dev && over.ino === st.ino) return; // two names of one file: nothing happens
    const cookie = (this.cookie = (this.cookie + 1) >>> 0 || 1);
    const d = isDir(st) ? IN.ISDIR : 0;
    const a = this.dentry(from, false),
      b = this.dentry(to, false);
    this.renamePaths(a.path, b.path);
    this.entry(IN.MOVED_FROM | d, a.dir, a.name, cookie);
    this.entry(IN.MOVED_TO | d, b.dir, b.name, cookie);
    if (over) this.send(IN.ATTRIB, over, null, null);
    this.send(IN.MOVE_SELF, st, null, null);
    for (const n of this.openOf(st)) n.at = b;
    if (over && (isDir(over) || over.nlink <= 1)) this.deleted(over);
  }

  /** The host scan's paths of watched files at or under `from` now lead through `to`. */
  private renamePaths(from: string, to: string): void {
    const from0 = realPath(this.fs, from.slice(0, from.lastIndexOf("/")) || "/");
    const to0 = realPath(this.fs, to.slice(0, to.lastIndexOf("/")) || "/");
    if (typeof from0 !== "string" || typeof to0 !== "string") return;
    const a = `${from0 === "/" ? "" : from0}/${from.slice(from.lastIndexOf("/") + 1)}`;
    const b = `${to0 === "/" ? "" : to0}/${to.slice(to.lastIndexOf("/") + 1)}`;
    for (const list of this.marks.values())
      for (const w of list)
        if (w.path === a || w.path?.startsWith(a + "/")) {
          w.path = b + w.path.slice(a.length);
          w.dirty = true;
        }
  }

  /**
   * Where the host scan looks for the file add_watch found at host path `hp` (null: a path the
   * kernel answers itself): its canonical path, a last-component link kept with `follow` false.
   */
  setScanPath(w: Watch, hp: string | null, follow: boolean): void {
    if (hp === null || !hp.startsWith("/")) return;
    let p: string | number;
    if (follow) p = realPath(this.fs, hp);
    else {
      const s = hp.replace(/\/+$/, "");
      const dir = realPath(this.fs, s.slice(0, s.lastIndexOf("/")) || "/");
      p = typeof dir === "string" ? `${dir === "/" ? "" : dir}/${s.slice(s.lastIndexOf("/") + 1)}` : dir;
    }
    if (typeof p !== "string") return;
    w.path = p;
    w.follow = follow;
    this.look(w);
  }

  /** Records what the host scan sees of a watch's file now (and of a directory, its names). */
  private look(w: Watch): HostStat | null {
    const st = w.path === null ? -1 : this.fs.stat(w.path, w.follow);
    if (typeof st === "number" || inodeKey(st) !== w.key) return null;
    w.seen = { size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs };
    if (isDir(st)) {
      const ents = this.fs.readdir(w.path!);
      w.names = typeof ents === "number" ? null : new Map(ents.map((e) => [e.name, BigInt(e.ino) * 16n + BigInt(e.type & 15)]));
    }
    w.dirty = false;
    return st;
  }

  /**
   * Changes made by the host's own programs, which no syscall here reports: at most every SCAN_NS,
   * each watched file's metadata and each watched directory's names are compared with what the
   * last look saw. A file's size or modification time changed is IN_MODIFY, its change time alone
   * IN_ATTRIB; a name that no longer leads to the file is IN_DELETE_SELF (gone) or IN_MOVE_SELF
   * (another file there now: the scan stops looking); a directory's new and vanished names are
   * IN_CREATE and IN_DELETE. Coarser than Linux: nothing is said of a directory's children's own
   * changes, several changes between two looks are one event, and a look after a guest change of
   * the same file sees the host's change with it and says nothing.
   */
  scanHost(): void {
    const now = this.now();
    if (now < this.scanAt) return;
    this.scanAt = now + SCAN_NS;
    for (const list of [...this.marks.values()])
      for (const w of [...list]) {
        if (w.path === null || !w.seen) continue;
        if (w.dirty) {
          this.look(w);
          continue;
        }
        const before = w.seen,
          names = w.names;
        const st = this.fs.stat(w.path, w.follow);
        if (typeof st === "number" || inodeKey(st) !== w.key) {
          const gone = typeof st === "number";
          this.hostEvent(w, gone ? IN.DELETE_SELF : IN.MOVE_SELF, null);
          if (gone) this.drop(w);
          else w.path = null;
          continue;
        }
        this.look(w);
        if (isDir(st)) {
          // a directory's own times change with its entries: only the names are compared
          if (!names || !w.names) continue;
          for (const [n, v] of names) if (w.names.get(n) !== v) this.hostEvent(w, IN.DELETE | ((v & 15n) === 4n ? IN.ISDIR : 0), n);
          for (const [n, v] of w.names) if (names.get(n) !== v) this.hostEvent(w, IN.CREATE | ((v & 15n) === 4n ? IN.ISDIR : 0), n);
        } else if (st.size !== before.size || st.mtimeNs !== before.mtimeNs) this.hostEvent(w, IN.MODIFY, null);
        else if (st.ctimeNs !== before.ctimeNs) this.hostEvent(w, IN.ATTRIB, null);
      }
  }

  /** An event the host scan found, for one watch. */
  private hostEvent(w: Watch, mask: number, name: string | null): void {
    if (!(mask & w.mask & IN_ALL_EVENTS) || !this.marks.get(w.key)?.includes(w)) return;
    w.group.queue({ wd: w.wd, mask, cookie: 0, name: name === null ? null : enc.encode(name) });
    if (w.flags & IN.ONESHOT) this.drop(w);
  }

  /** The guest's open descriptions of inode `st` (their paths follow a rename, as a dentry's name does). */
  private *openOf(st: HostStat): Iterable<OpenNotify> {
    const key = inodeKey(st);
    for (const t of this.fdTables())
      for (const fd of t.list()) {
        const n = t.get(fd)?.notify;
        if (n instanceof OpenNotify && n.key === key) yield n;
      }
  }

  /**
   * A change of the file `hp` names (following a last-component link with `follow`): chmod, chown
   * and utimes (IN_ATTRIB), truncate (IN_MODIFY), utimes of one time only (IN_ACCESS, IN_MODIFY).
   */
  changed(hp: string, follow: boolean, mask: number): void {
    if (!this.active) return;
    const st = this.fs.stat(hp, follow);
    if (typeof st === "number") return;
    const { dir, name } = this.dentry(hp, follow);
    this.send(mask, st, dir, name);
  }

  /**
   * open() gave description `d` of host file `hp` (metadata `st`), which `created` made: IN_CREATE,
   * IN_OPEN, and IN_MODIFY for a truncation (O_TRUNC of an existing regular file). The description
   * then reports its reads, writes and close.
   */
  opened(d: FileDesc, hp: string, st: HostStat | number, flags: number, created: boolean): void {
    if (typeof st === "number") return;
    const n = new OpenNotify(this, st, hp, (flags & O.ACCMODE) !== O.RDONLY, (st.mode & S_IFMT) !== S_IFIFO);
    d.notify = n;
    if (!this.active) return;
    if (created) this.created(hp);
    n.event(IN.OPEN);
    if (flags & O.TRUNC && !created && (st.mode & S_IFMT) === 0o100000) n.event(IN.MODIFY);
  }

  /** A description's event (OpenNotify). */
  fileEvent(n: OpenNotify, mask: number): void {
    // the path a description was opened by may end in a link (followed): its file's own name, found at the first event
    const { dir, name } = (n.at ??= this.dentry(n.path, true));
    this.send(mask, n.st, dir, name, 0, () => n.unlinked());
  }

  /** A description's last close: IN_CLOSE_*, then the inode's deletion if its last name went while it was open. */
  fileClosed(n: OpenNotify): void {
    if (this.active) this.fileEvent(n, n.writer ? IN.CLOSE_WRITE : IN.CLOSE_NOWRITE);
    if (this.doomed.size && this.doomed.has(n.key) && !this.openAnywhere(n.key)) {
      this.doomed.delete(n.key);
      this.send(IN.DELETE_SELF, n.st, null, null);
      for (const w of this.watchesOf(n.st) ?? []) this.drop(w);
    }
  }
}

/** A description's file as inotify sees it (Linux's file->f_path): its inode, and the path it was opened by. */
export class OpenNotify implements FileNotify {
  private keyStr: string | null = null;
  /**
   * Its name (Linux's dentry): the directory it is in and its name there, found at the first event
   * (a directory renamed since is still the same directory), then moved with the file by rename().
   */
  at: { dir: HostStat | null; name: string; path: string } | null = null;
  constructor(
    readonly fsn: FsNotify,
    readonly st: HostStat,
    /** The path it was opened by. */
    readonly path: string,
    /** Opened for writing (FMODE_WRITE): its close is IN_CLOSE_WRITE. */
    readonly writer: boolean,
    /** Reads and writes are reported (not a FIFO's: Linux reports only their opens and closes). */
    readonly data: boolean,
  ) {}
  /** Its inode's key in the watch table. */
  get key(): string {
    return (this.keyStr ??= inodeKey(this.st));
  }
  event(mask: number): void {
    if (this.fsn.active) this.fsn.fileEvent(this, mask);
  }
  accessed(): void {
    if (this.data) this.event(IN.ACCESS);
  }
  modified(): void {
    if (this.data) this.event(IN.MODIFY);
  }
  attrib(): void {
    this.event(IN.ATTRIB);
  }
  closed(): void {
    this.fsn.fileClosed(this);
  }
  /** Whether its name no longer leads to the file (Linux's d_unlinked). */
  unlinked(): boolean {
    const st = this.fsn.fs.stat(this.at?.path ?? this.path, false);
    return typeof st === "number" || st.dev !== this.st.dev || st.ino !== this.st.ino;
  }
}

/** An inotify instance (Linux's fsnotify_group with inotify's ops): its watches and its event queue. */
export class InotifyFile extends FileDesc {
  private readonly byWd = new Map<number, Watch>();
  private events: InotifyEvent[] = [];
  /** Index of the first unread event in `events`. */
  private head = 0;
  /** Bytes the queued events take (FIONREAD). */
  private bytes = 0;
  private overflowQueued = false;
  private lastWd = 0;
  private gen = 0;
  private readonly maxEvents: number;

  constructor(
    private readonly fsn: FsNotify,
    flags: number,
  ) {
    super();
    this.flags = O.RDONLY | (flags & O.NONBLOCK);
    this.maxEvents = fsn.maxQueuedEvents();
  }

  override get anonName(): string {
    return "inotify";
  }

  /** inotify_add_watch on inode `st` with `arg` (the checks of the mask and path done): the wd, or -errno. */
  addWatch(st: HostStat, arg: number, hp: string | null): number {
    const events = arg & IN_ALL_EVENTS,
      flags = arg & (IN.EXCL_UNLINK | IN.ONESHOT);
    const old = this.fsn.watchOn(this, st);
    if (old) {
      if (arg & IN.MASK_CREATE) return -EEXIST;
      if (!(arg & IN.MASK_ADD)) {
        old.mask = 0;
        old.flags = 0;
      }
      old.mask |= events;
      old.flags |= flags;
      return old.wd;
    }
    // idr_alloc_cyclic from 1: a removed watch's wd is not given again soon
    let wd = this.lastWd;
    do wd = wd >= 0x7fffffff ? 1 : wd + 1;
    while (this.byWd.has(wd));
    this.lastWd = wd;
    const w = this.fsn.addWatch(this, wd, st, events, flags);
    this.byWd.set(wd, w);
    this.fsn.setScanPath(w, hp, !(arg & IN.DONT_FOLLOW));
    return wd;
  }

  /** inotify_rm_watch: 0, or -EINVAL for a wd this instance does not have. */
  rmWatch(wd: number): number {
    const w = this.byWd.get(wd);
    if (!w) return -EINVAL;
    this.fsn.drop(w);
    return 0;
  }

  /** The table dropped one of this instance's watches. */
  forget(w: Watch): void {
    this.byWd.delete(w.wd);
  }

  private get length(): number {
    return this.events.length - this.head;
  }

  /** fsnotify_insert_event with inotify_merge: an event equal to the last one unread is not queued again; past max_queued_events, IN_Q_OVERFLOW once. */
  queue(e: InotifyEvent): void {
    if (this.length >= this.maxEvents) {
      if (this.overflowQueued) return;
      this.overflowQueued = true;
      e = { wd: -1, mask: IN.Q_OVERFLOW, cookie: 0, name: null };
    } else if (this.length > 0) {
      const last = this.events[this.events.length - 1];
      if (!(last.mask & IN.IGNORED) && last.mask === e.mask && last.wd === e.wd && sameName(last.name, e.name)) return;
    }
    this.events.push(e);
    this.bytes += eventSize(e);
    this.gen++;
  }

  /** inotify_read: whole events while they fit; EINVAL when the first does not. */
  read(buf: Uint8Array): number {
    if (this.length === 0) this.scan();
    if (this.length === 0) return this.flags & O.NONBLOCK ? -EAGAIN : WOULD_BLOCK;
    let off = 0;
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    while (this.length > 0) {
      const e = this.events[this.head];
      const size = eventSize(e);
      if (size > buf.length - off) {
        if (off === 0) return -EINVAL;
        break;
      }
      dv.setInt32(off, e.wd, true);
      dv.setUint32(off + 4, e.mask >>> 0, true);
      dv.setUint32(off + 8, e.cookie >>> 0, true);
      dv.setUint32(off + 12, size - 16, true);
      buf.fill(0, off + 16, off + size);
      if (e.name) buf.set(e.name, off + 16);
      off += size;
      this.head++;
      this.bytes -= size;
      if (e.mask & IN.Q_OVERFLOW) this.overflowQueued = false;
    }
    if (this.head === this.events.length) {
      this.events = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
    return off;
  }

  write(): number {
    return -EINVAL;
  }

  /** FIONREAD: the bytes a read would return for every queued event. */
  get pendingBytes(): number {
    return this.bytes;
  }

  /** With nothing queued, a look for the host's changes (at most every SCAN_NS). */
  private scan(): void {
    if (this.length === 0 && this.byWd.size > 0) this.fsn.scanHost();
  }
  override readable(): boolean {
    this.scan();
    return this.length > 0;
  }
  override writable(): boolean {
    return false;
  }
  override poll(): number {
    this.scan();
    return this.length > 0 ? POLL.IN | POLL.RDNORM : 0;
  }
  /** A wait for events looks for the host's changes again after SCAN_NS. */
  override get recheckNs(): bigint | null {
    return this.byWd.size > 0 ? SCAN_NS : null;
  }
  override get pollGen(): number {
    return this.gen;
  }

  stat(): HostStat {
    // an anonymous inode: mode 0600 with no file type, as Linux's anon_inode_inode
    return anonInode();
  }

  /** Closing the instance removes its watches without events. */
  override release(): number {
    for (const w of [...this.byWd.values()]) this.fsn.drop(w, false);
    return 0;
  }
}

function sameName(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
