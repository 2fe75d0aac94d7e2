// System V IPC objects (Linux's ipc/util.c, ipc/shm.c, ipc/sem.c, ipc/msg.c): one IPC namespace per
// kernel, so every guest process of a run (a forked child, an exec'd program) finds the same keys
// and ids. The syscall side (argument decoding, the ABI's structs, blocking) is syscalls/ipc.ts.
//
//   - Ids are Linux's: index + 32768 * sequence, the indexes given out cyclically (the next free one
//     after the last given, as idr_alloc_cyclic) and the sequence counting the wraps, so a fresh IPC
//     namespace's ids are 0, 1, 2... as Linux's, and a stale id of a removed object is EINVAL rather
//     than its successor's until the indexes come round again.
//   - Shared memory: a segment is a SharedSegment (address-space.ts, the pages MAP_SHARED anonymous
//     memory and memfds use), held by the namespace and by every mapping of it; shm_nattch counts
//     the mappings (Linux counts VMAs too: fork and a split mapping add one). IPC_RMID on an
//     attached segment marks it SHM_DEST with the private key; its last detach (shmdt, munmap, exit,
//     exec) destroys it.
//   - Semaphores: arrays of values with the waiting operations (for GETNCNT/GETZCNT and wakeups)
//     and per-process undo adjustments (SEM_UNDO), applied when the process exits.
//   - Message queues: messages in send order with their type, the byte and count limits.
import { SharedSegment, type MapFile } from "./address-space.ts";
import * as E from "./errno.ts";
import type { PhysicalMemory } from "./phys-mem.ts";

export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000,
  IPC_EXCL = 0o2000,
  IPC_NOWAIT = 0o4000;
/** shm mode bits beyond the permissions. */
export const SHM_DEST = 0o1000,
  SHM_LOCKED = 0o2000;

/** Linux's default limits (include/uapi/linux/{shm,sem,msg}.h), as a fresh IPC namespace has them. */
export const SHMMIN = 1,
  SHMMNI = 4096,
  SHMSEG = SHMMNI;
export const SEMMNI = 32000,
  SEMMSL = 32000,
  SEMMNS = SEMMNI * SEMMSL,
  SEMOPM = 500,
  SEMVMX = 32767,
  SEMAEM = SEMVMX,
  SEMUME = SEMOPM,
  SEMMNU = SEMMNS,
  SEMMAP = SEMMNS,
  SEMUSZ = 20;
export const MSGMNI = 32000,
  MSGMAX = 8192,
  MSGMNB = 16384,
  MSGPOOL = (MSGMNI * MSGMNB) / 1024,
  MSGMAP = MSGMNB,
  MSGTQL = MSGMNB,
  MSGSSZ = 16,
  MSGSEG = 0xffff;
const SEQ_MULTIPLIER = 32768;
const SEM_UNDO = 0x1000;
/** ipcid_seq_max(): INT_MAX >> 15. */
const IPCID_SEQ_MAX = 0xffff;

/** Who a call runs as (the host's ids: tciemu has no setuid). */
export interface IpcCred {
  pid: number;
  uid: number;
  gid: number;
  groups: readonly number[];
  /** CAP_IPC_OWNER (ipcperms passes every permission), CAP_SYS_ADMIN (IPC_SET/IPC_RMID of any object). */
  ipcOwner: boolean;
  sysAdmin: boolean;
}

/** struct kern_ipc_perm: the key, owner, creator and mode of an object. */
export class IpcPerm {
  id = -1;
  seq = 0;
  deleted = false;
  constructor(
    public key: number,
    public uid: number,
    public gid: number,
    readonly cuid: number,
    readonly cgid: number,
    public mode: number,
  ) {}

  /** ipcperms: whether `cred` has the permission bits of `flag` (0o444 read, 0o222 write); CAP_IPC_OWNER has them all. */
  allows(cred: IpcCred, flag: number): boolean {
    const requested = (flag >> 6) | (flag >> 3) | flag;
    let granted = this.mode;
    if (cred.uid === this.uid || cred.uid === this.cuid) granted >>= 6;
    else if (cred.gid === this.gid || cred.gid === this.cgid || cred.groups.includes(this.gid) || cred.groups.includes(this.cgid))
      granted >>= 3;
    return (requested & ~granted & 7) === 0 || cred.ipcOwner;
  }

  /** IPC_SET and IPC_RMID: the owner, the creator or CAP_SYS_ADMIN (ipcctl_obtain_check's EPERM). */
  owned(cred: IpcCred): boolean {
    return cred.sysAdmin || cred.uid === this.uid || cred.uid === this.cuid;
  }
}

/** One of the three id tables (struct ipc_ids). */
export class IpcIds<T extends { perm: IpcPerm }> {
  private readonly byIndex = new Map<number, T>();
  private seq = 0;
  private lastIdx = -1;

  get inUse(): number {
    return this.byIndex.size;
  }

  /** The highest index in use, or -1 (ipc_get_maxidx). */
  get maxIndex(): number {
    let m = -1;
    for (const i of this.byIndex.keys()) if (i > m) m = i;
    return m;
  }

  values(): IterableIterator<T> {
    return this.byIndex.values();
  }

  /** The object with a key (never IPC_PRIVATE). */
  byKey(key: number): T | null {
    if (key === IPC_PRIVATE) return null;
    for (const o of this.byIndex.values()) if (o.perm.key === key) return o;
    return null;
  }

  /**
   * Gives `o` the next free index after the last one given (wrapping at IPCMNI) and its id
   * (ipc_idr_alloc); the sequence goes up when the indexes wrap. -ENOSPC when every index is taken.
   */
  add(o: T): number {
    let idx = -1;
    for (let k = 1; k <= SEQ_MULTIPLIER; k++) {
      const i = (this.lastIdx + k) % SEQ_MULTIPLIER;
      if (!this.byIndex.has(i)) {
        idx = i;
        break;
      }
    }
    if (idx < 0) return -E.ENOSPC;
    if (idx <= this.lastIdx) {
      this.seq++;
      if (this.seq >= IPCID_SEQ_MAX) this.seq = 0;
    }
    this.lastIdx = idx;
    const p = o.perm;
    p.seq = this.seq;
    p.id = idx + SEQ_MULTIPLIER * p.seq;
    this.byIndex.set(idx, o);
    return p.id;
  }

  /** The object of an id (ipc_obtain_object_check): -EINVAL for none or a stale sequence. */
  get(id: number): T | number {
    if (id < 0) return -E.EINVAL;
    const o = this.byIndex.get(id % SEQ_MULTIPLIER);
    if (!o || o.perm.id !== id) return -E.EINVAL;
    return o;
  }

  /** The object of an id for IPC_SET, IPC_RMID, SHM_(UN)LOCK: -EINVAL, or -EPERM unless cred owns it (ipcctl_obtain_check). */
  getOwned(id: number, cred: IpcCred): T | number {
    const o = this.get(id);
    if (typeof o === "number") return o;
    return o.perm.owned(cred) ? o : -E.EPERM;
  }

  /** The object at an index (SHM_STAT, SEM_STAT, MSG_STAT take one), or -EINVAL. */
  at(index: number): T | number {
    return this.byIndex.get(index) ?? -E.EINVAL;
  }

  remove(o: T): void {
    this.byIndex.delete(o.perm.id % SEQ_MULTIPLIER);
    o.perm.deleted = true;
  }
}

// ---- shared memory

export class ShmSegment {
  readonly seg: SharedSegment;
  atime = 0;
  dtime = 0;
  ctime: number;
  lpid = 0;
  /** The name /proc/<pid>/maps shows: "/SYSV<key> (deleted)" with the key it was created with, the inode being the id. */
  name: MapFile | null = null;
  /** The key it was created with (IPC_RMID makes perm.key IPC_PRIVATE). */
  readonly createdKey: number;
  constructor(
    readonly perm: IpcPerm,
    readonly segsz: number,
    readonly cpid: number,
    now: number,
    mem: PhysicalMemory,
  ) {
    this.ctime = now;
    this.createdKey = perm.key;
    this.seg = new SharedSegment(mem);
    this.seg.users = 1; // the namespace's hold, until it is destroyed
  }
  /** Mappings of the segment (shm_nattch). */
  get nattch(): number {
    return this.seg.users - 1;
  }
  get pages(): number {
    return Math.ceil(this.segsz / 4096);
  }
}

// ---- semaphores

export interface Semaphore {
  val: number;
  pid: number;
}

/** struct sembuf. */
export interface SemOp {
  num: number;
  op: number;
  flg: number;
}

/**
 * A blocked semop (struct sem_queue): its operations and process, the operation that blocks it
 * (GETNCNT/GETZCNT count by that one, as Linux's count_semcnt), and its result once another
 * process's change let it complete (update_queue runs it in that process's call, as Linux does).
 */
export interface SemWaiter {
  readonly sops: SemOp[];
  readonly pid: number;
  blocking: SemOp;
  done: number | null;
}

export class SemSet {
  readonly sems: Semaphore[];
  otime = 0;
  ctime: number;
  /** Blocked semops, in the order they blocked. */
  readonly waiters = new Set<SemWaiter>();
  constructor(
    readonly perm: IpcPerm,
    nsems: number,
    now: number,
  ) {
    this.ctime = now;
    this.sems = Array.from({ length: nsems }, () => ({ val: 0, pid: 0 }));
  }
}

/** A process's SEM_UNDO adjustments (struct sem_undo_list): semid -> per-semaphore adjustment. */
type UndoList = Map<SemSet, Int32Array>;

// ---- messages

export interface Message {
  type: number;
  text: Uint8Array;
}

/**
 * A receiver blocked in msgrcv (struct msg_receiver): what it takes (msgtyp, MSG_EXCEPT), how much
 * (Infinity with MSG_NOERROR), and what a sender handed it: the message, or -E2BIG.
 */
export interface MsgReceiver {
  readonly msgtyp: number;
  readonly except: boolean;
  readonly maxsize: number;
  readonly pid: number;
  got: Message | number | null;
}

export class MsgQueue {
  readonly messages: Message[] = [];
  /** Blocked receivers, in the order they blocked. */
  readonly receivers: MsgReceiver[] = [];
  cbytes = 0;
  qbytes = MSGMNB;
  stime = 0;
  rtime = 0;
  ctime: number;
  lspid = 0;
  lrpid = 0;
  constructor(
    readonly perm: IpcPerm,
    now: number,
  ) {
    this.ctime = now;
  }
  /** msg_fits_inqueue. */
  fits(size: number): boolean {
    return this.cbytes + size <= this.qbytes && this.messages.length + 1 <= this.qbytes;
  }
}

/** testmsg: whether a receiver asking for msgtyp (with MSG_EXCEPT: any other type) takes a message of `type`. */
function takes(type: number, msgtyp: number, except: boolean): boolean {
  if (msgtyp === 0) return true;
  if (msgtyp < 0) return type <= -msgtyp;
  return except ? type !== msgtyp : type === msgtyp;
}

/**
 * pipelined_send: a new message goes straight to the first blocked receiver that takes it (one
 * whose buffer is too small is woken with E2BIG instead and the next one tried), as Linux hands it
 * over; false when none takes it (it goes on the queue).
 */
export function handOver(q: MsgQueue, m: Message, now: number): boolean {
  for (let i = 0; i < q.receivers.length; i++) {
    const r = q.receivers[i];
    if (!takes(m.type, r.msgtyp, r.except)) continue;
    q.receivers.splice(i--, 1);
    if (r.maxsize < m.text.length) {
      r.got = -E.E2BIG;
      continue;
    }
    r.got = m;
    q.lrpid = r.pid;
    q.rtime = now;
    return true;
  }
  return false;
}

/** msgrcv's choice of message (find_msg): the index in the queue, or -1. */
export function findMessage(q: MsgQueue, msgtyp: number, except: boolean): number {
  const m = q.messages;
  if (msgtyp === 0) return m.length ? 0 : -1;
  if (msgtyp > 0) {
    for (let i = 0; i < m.length; i++) if (except ? m[i].type !== msgtyp : m[i].type === msgtyp) return i;
    return -1;
  }
  // the lowest type <= |msgtyp|, the first of them
  const limit = -msgtyp;
  let best = -1;
  for (let i = 0; i < m.length; i++) if (m[i].type <= limit && (best < 0 || m[i].type < m[best].type)) best = i;
  return best;
}

/** The kernel's IPC namespace. */
export class SysvIpc {
  readonly shm = new IpcIds<ShmSegment>();
  readonly sem = new IpcIds<SemSet>();
  readonly msg = new IpcIds<MsgQueue>();
  /** Pages of every segment (shm_tot). */
  shmTot = 0;
  /** Semaphores of every set (used_sems). */
  usedSems = 0;
  /** Messages and bytes queued in every queue (msg_hdrs, msg_bytes). */
  msgHdrs = 0;
  msgBytes = 0;
  /** SEM_UNDO adjustments by process (thread group) id. */
  private readonly undo = new Map<number, UndoList>();

  constructor(
    private readonly mem: PhysicalMemory,
    /** Seconds since the epoch (the IPC times). */
    readonly now: () => number,
    /** The running process's pid (a detach by munmap or exit is its). */
    private readonly currentPid: () => number,
  ) {}

  /**
   * ipcget: the id of the object with `key` (checked with `check`, Linux's more_checks, and the
   * permissions the flags ask for), or a new one from `create` (IPC_PRIVATE, or IPC_CREAT and no
   * object with the key); EEXIST, ENOENT, EACCES as Linux.
   */
  get<T extends { perm: IpcPerm }>(
    ids: IpcIds<T>,
    cred: IpcCred,
    key: number,
    flg: number,
    create: (perm: IpcPerm) => T | number,
    check: (o: T) => number = () => 0,
  ): number {
    const o = ids.byKey(key);
    if (!o) {
      if (key !== IPC_PRIVATE && !(flg & IPC_CREAT)) return -E.ENOENT;
      const made = create(new IpcPerm(key, cred.uid, cred.gid, cred.uid, cred.gid, flg & 0o777));
      if (typeof made === "number") return made;
      return ids.add(made);
    }
    if (flg & IPC_CREAT && flg & IPC_EXCL) return -E.EEXIST;
    if (!o.perm.allows(cred, flg)) return -E.EACCES;
    const e = check(o);
    return e < 0 ? e : o.perm.id;
  }

  /**
   * /proc/sysvipc/{shm,sem,msg} (Linux's sysvipc_*_proc_show), the objects by index, in a 64-bit
   * kernel's format on every guest (what qemu-user shows from its host); null for another name.
   */
  procFile(name: string): string | null {
    const r = (v: number | string, w: number) => String(v).padStart(w);
    const o = (v: number) => (v & 0o7777).toString(8).padStart(4);
    const head = (p: IpcPerm) => `${r(p.key | 0, 10)} ${r(p.id, 10)}  ${o(p.mode)}`;
    const ids = (p: IpcPerm) => `${r(p.uid, 5)} ${r(p.gid, 5)} ${r(p.cuid, 5)} ${r(p.cgid, 5)}`;
    const byIndex = <T extends { perm: IpcPerm }>(t: IpcIds<T>) =>
      [...t.values()].sort((a, b) => (a.perm.id % SEQ_MULTIPLIER) - (b.perm.id % SEQ_MULTIPLIER));
    let out: string;
    if (name === "shm") {
      out =
        "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n";
      for (const s of byIndex(this.shm))
        out +=
          `${head(s.perm)} ${r(s.segsz, 21)} ${r(s.cpid, 5)} ${r(s.lpid, 5)}  ${r(s.nattch, 5)} ${ids(s.perm)} ` +
          `${r(s.atime, 10)} ${r(s.dtime, 10)} ${r(s.ctime, 10)} ${r(s.seg.pages.size * 4096, 21)} ${r(0, 21)}\n`;
    } else if (name === "sem") {
      out = "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n";
      for (const s of byIndex(this.sem))
        out += `${head(s.perm)} ${r(s.sems.length, 10)} ${ids(s.perm)} ${r(s.otime, 10)} ${r(s.ctime, 10)}\n`;
    } else if (name === "msg") {
      out = "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n";
      for (const q of byIndex(this.msg))
        out +=
          `${head(q.perm)}  ${r(q.cbytes, 10)} ${r(q.messages.length, 10)} ${r(q.lspid, 5)} ${r(q.lrpid, 5)} ${ids(q.perm)} ` +
          `${r(q.stime, 10)} ${r(q.rtime, 10)} ${r(q.ctime, 10)}\n`;
    } else return null;
    return out;
  }

  // ---- shm

  newShm(cred: IpcCred, perm: IpcPerm, size: number, shmmax: number): ShmSegment | number {
    if (size < SHMMIN || size > shmmax) return -E.EINVAL;
    if (this.shm.inUse >= SHMMNI) return -E.ENOSPC;
    const s = new ShmSegment(perm, size, cred.pid, this.now(), this.mem);
    this.shmTot += s.pages;
    s.seg.onDrop = () => this.detached(s);
    return s;
  }

  /** A mapping of the segment went (shm_close): the time, and destruction after IPC_RMID. */
  private detached(s: ShmSegment): void {
    s.dtime = this.now();
    s.lpid = this.currentPid();
    if (s.perm.mode & SHM_DEST && s.nattch === 0) this.destroyShm(s);
  }

  /** IPC_RMID: destroyed now if nothing maps it, else at its last detach (SHM_DEST, private key). */
  removeShm(s: ShmSegment): void {
    if (s.nattch > 0) {
      s.perm.mode |= SHM_DEST;
      s.perm.key = IPC_PRIVATE;
    } else this.destroyShm(s);
  }

  private destroyShm(s: ShmSegment): void {
    this.shm.remove(s);
    this.shmTot -= s.pages;
    s.seg.onDrop = null;
    s.seg.drop();
  }

  // ---- sem

  newSem(perm: IpcPerm, nsems: number): SemSet | number {
    if (nsems === 0) return -E.EINVAL;
    if (this.usedSems + nsems > SEMMNS || this.sem.inUse >= SEMMNI) return -E.ENOSPC;
    this.usedSems += nsems;
    return new SemSet(perm, nsems, this.now());
  }

  removeSem(s: SemSet): void {
    this.sem.remove(s);
    this.usedSems -= s.sems.length;
    for (const list of this.undo.values()) list.delete(s);
  }

  /** The undo adjustments of process `pid` for set `s` (created empty). */
  undoFor(pid: number, s: SemSet): Int32Array {
    let list = this.undo.get(pid);
    if (!list) this.undo.set(pid, (list = new Map()));
    let adj = list.get(s);
    if (!adj) list.set(s, (adj = new Int32Array(s.sems.length)));
    return adj;
  }

  /** The adjustment a process has for semaphore `num` of `s` (0 without one). */
  undoValue(pid: number, s: SemSet, num: number): number {
    return this.undo.get(pid)?.get(s)?.[num] ?? 0;
  }

  /**
   * perform_atomic_semop: `sops` all at once for process `pid` on a copy of the values; 0 (and, with
   * `apply`, done: values, last pids, SEM_UNDO adjustments, sem_otime), -ERANGE, or the operation
   * that must wait.
   */
  semop(s: SemSet, sops: SemOp[], pid: number, apply: boolean): number | SemOp {
    const vals = s.sems.map((x) => x.val);
    const undo = new Map<number, number>();
    for (const sop of sops) {
      const cur = vals[sop.num];
      if (sop.op === 0 && cur !== 0) return sop;
      const r = cur + sop.op;
      if (r < 0) return sop;
      if (r > SEMVMX) return -E.ERANGE;
      if (sop.flg & SEM_UNDO) {
        const u = (undo.get(sop.num) ?? this.undoValue(pid, s, sop.num)) - sop.op;
        if (u < -SEMAEM - 1 || u > SEMAEM) return -E.ERANGE;
        undo.set(sop.num, u);
      }
      vals[sop.num] = r;
    }
    if (!apply) return 0;
    for (const sop of sops) s.sems[sop.num].pid = pid;
    for (let i = 0; i < vals.length; i++) s.sems[i].val = vals[i];
    if (undo.size) {
      const adj = this.undoFor(pid, s);
      for (const [num, u] of undo) adj[num] = u;
    }
    s.otime = this.now();
    return 0;
  }

  /**
   * The values changed (update_queue): the blocked semops that can complete now do, in the order
   * they blocked, each in its own process's name; after one that changed values the scan starts
   * over. Their callers return `done` when they next run.
   */
  updateQueue(s: SemSet): void {
    for (let again = true; again;) {
      again = false;
      for (const w of s.waiters) {
        const r = this.semop(s, w.sops, w.pid, true);
        if (typeof r !== "number") {
          w.blocking = r;
          continue;
        }
        w.done = r;
        s.waiters.delete(w);
        if (r === 0 && w.sops.some((x) => x.op !== 0)) {
          again = true;
          break;
        }
      }
    }
  }

  /** SETVAL/SETALL: every process's adjustment of the semaphore (num < 0: all of them) is 0 again. */
  clearUndo(s: SemSet, num: number): void {
    for (const list of this.undo.values()) {
      const adj = list.get(s);
      if (adj) {
        if (num < 0) adj.fill(0);
        else adj[num] = 0;
      }
    }
  }

  /**
   * The process `pid` exited (exit_sem): its adjustments are added to the semaphores, clamped to
   * [0, SEMVMX], and the semaphores it touched name it as the last pid.
   */
  exitProcess(pid: number): void {
    const list = this.undo.get(pid);
    if (!list) return;
    this.undo.delete(pid);
    for (const [s, adj] of list) {
      if (s.perm.deleted) continue;
      for (let i = 0; i < adj.length; i++) {
        if (adj[i] === 0) continue;
        const sem = s.sems[i];
        sem.val = Math.min(SEMVMX, Math.max(0, sem.val + adj[i]));
        sem.pid = pid;
      }
      this.updateQueue(s);
    }
  }

  // ---- msg

  newMsg(perm: IpcPerm): MsgQueue | number {
    if (this.msg.inUse >= MSGMNI) return -E.ENOSPC;
    return new MsgQueue(perm, this.now());
  }

  removeMsg(q: MsgQueue): void {
    this.msg.remove(q);
    this.msgHdrs -= q.messages.length;
    this.msgBytes -= q.cbytes;
    q.messages.length = 0;
    q.receivers.length = 0;
    q.cbytes = 0;
  }
}
