// System V IPC calls (Linux's ipc/shm.c, ipc/sem.c, ipc/msg.c, ipc/syscall.c; QEMU's do_shmctl,
// do_semctl, do_msgctl, do_ipc): shmget, shmat, shmdt, shmctl, semget, semop, semtimedop, semctl,
// msgget, msgsnd, msgrcv, msgctl, and the ipc(2) multiplexer (i386; qemu-arm serves it too). The
// objects are the kernel's (src/linux-user/sysv-ipc.ts), shared by every process.
//
// Structures are the ABI's ipc64 ones (asm-generic's ipc64_perm, shmid64_ds, semid64_ds,
// msqid64_ds; i386 and ARM EABI use the same as every 32-bit ABI): they differ only by the size of a
// long, and on 32-bit ABIs each time is a long and its high word. The command's IPC_64 bit (glibc
// sets it on 32-bit ABIs) is dropped, as QEMU does (cmd & 0xff): every layout is the 64 one.
//
// Blocking (semop, msgsnd on a full queue, msgrcv with no message) parks the thread with a Waiter
// whose readiness is the operation's: it completes when another process makes it possible, fails
// with EIDRM when the object is removed, EAGAIN at semtimedop's timeout, and EINTR when a signal
// handler runs (SysV IPC calls are never restarted after a handler, signal(7)).
import { PAGE_SIZE as PAGE, PROT_EXEC, PROT_READ, PROT_WRITE } from "../address-space.ts";
import * as E from "../errno.ts";
import { CAP_IPC_OWNER, CAP_SYS_ADMIN, CAP_SYS_RESOURCE, hasCap } from "../capabilities.ts";
import type { AbiLayouts } from "../layouts.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import {
  findMessage,
  handOver,
  IPC_NOWAIT,
  MSGMAX,
  MSGMAP,
  MSGMNB,
  MSGMNI,
  MSGPOOL,
  MSGSEG,
  MSGSSZ,
  MSGTQL,
  SEMAEM,
  SEMMAP,
  SEMMNI,
  SEMMNS,
  SEMMNU,
  SEMMSL,
  SEMOPM,
  SEMUME,
  SEMUSZ,
  SEMVMX,
  SHM_LOCKED,
  SHMMIN,
  SHMMNI,
  SHMSEG,
  type IpcCred,
  type IpcPerm,
  type Message,
  type MsgReceiver,
  type SemOp,
  type SemSet,
  type SemWaiter,
  type ShmSegment,
} from "../sysv-ipc.ts";
import type { Task } from "../task.ts";
import { Restart, WAIT_MORE } from "../wait.ts";
import { readTimespec } from "./common.ts";

const IPC_RMID = 0,
  IPC_SET = 1,
  IPC_STAT = 2,
  IPC_INFO = 3;
const SHM_LOCK = 11,
  SHM_UNLOCK = 12,
  SHM_STAT = 13,
  SHM_INFO = 14;
const SHM_RDONLY = 0o10000,
  SHM_RND = 0o20000,
  SHM_REMAP = 0o40000,
  SHM_EXEC = 0o100000;
const GETPID = 11,
  GETVAL = 12,
  GETALL = 13,
  GETNCNT = 14,
  GETZCNT = 15,
  SETVAL = 16,
  SETALL = 17,
  SEM_STAT = 18,
  SEM_INFO = 19;
const MSG_STAT = 11,
  MSG_INFO = 12;
const MSG_NOERROR = 0o10000,
  MSG_EXCEPT = 0o20000,
  MSG_COPY = 0o40000;
/** ipc(2)'s call numbers (Linux's include/linux/ipc.h, QEMU's IPCOP_*). */
const IPCOP = {
  semop: 1,
  semget: 2,
  semctl: 3,
  semtimedop: 4,
  msgsnd: 11,
  msgrcv: 12,
  msgget: 13,
  msgctl: 14,
  shmat: 21,
  shmdt: 22,
  shmget: 23,
  shmctl: 24,
} as const;

/** Little-endian fields laid out one after another with the ABI's long size and alignment. */
class StructOut {
  readonly bytes: Uint8Array;
  private readonly dv: DataView;
  private off = 0;
  constructor(
    size: number,
    private readonly w: 4 | 8,
  ) {
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
  }
  i32(v: number): this {
    this.dv.setInt32(this.off, v | 0, true);
    this.off += 4;
    return this;
  }
  u16(v: number): this {
    this.dv.setUint16(this.off, v & 0xffff, true);
    this.off += 2;
    return this;
  }
  /** An unsigned long (values past 2^53 as a bigint). */
  long(v: number | bigint): this {
    this.off = Math.ceil(this.off / this.w) * this.w;
    const b = BigInt(v) & (this.w === 8 ? 0xffffffffffffffffn : 0xffffffffn);
    if (this.w === 8) this.dv.setBigUint64(this.off, b, true);
    else this.dv.setUint32(this.off, Number(b), true);
    this.off += this.w;
    return this;
  }
  /** A time: a long, and on 32-bit ABIs its high word after it (the *_high fields). */
  time(sec: number): this {
    this.long(sec);
    if (this.w === 4) this.long(Math.floor(sec / 4294967296));
    return this;
  }
}

export interface IpcOptions {
  /** SHMLBA: the alignment shmat requires of an address (ARM: 4 pages, __ARCH_FORCE_SHMLBA). */
  shmlba?: number;
}

export function ipcSyscalls(L: AbiLayouts, opts: IpcOptions = {}) {
  const w = L.wordBytes;
  const SHMLBA = opts.shmlba ?? PAGE;
  /** SHMMAX and SHMALL: ULONG_MAX - 2^24. */
  const SHMMAX = (w === 8 ? 0xffffffffffffffffn : 0xffffffffn) - (1n << 24n);
  const permSize = w === 8 ? 48 : 36;
  const shmidSize = permSize + (w === 8 ? 64 : 48);
  const semidSize = permSize + (w === 8 ? 40 : 28);
  const msqidSize = permSize + (w === 8 ? 72 : 52);

  const cred = (t: Task): IpcCred => ({
    pid: t.pid,
    uid: t.host.uid ?? 0,
    gid: t.host.gid ?? 0,
    groups: t.groups,
    ipcOwner: hasCap(t.caps, CAP_IPC_OWNER),
    sysAdmin: hasCap(t.caps, CAP_SYS_ADMIN),
  });

  function perm(o: StructOut, p: IpcPerm): StructOut {
    // key, uid, gid, cuid, cgid, mode (a u32, or a u16 and padding: the same bytes), seq, padding, two unused longs
    return o.i32(p.key).i32(p.uid).i32(p.gid).i32(p.cuid).i32(p.cgid).i32(p.mode).u16(p.seq).u16(0).long(0).long(0);
  }

  /** IPC_SET's fields of the ipc64_perm at the start of a struct: uid, gid and the mode's permissions. */
  function readPerm(t: Task, buf: number, size: number): { uid: number; gid: number; mode: number; dv: DataView } | number {
    const b = t.as.read(buf, size);
    if (!b) return -E.EFAULT;
    const dv = new DataView(b.buffer);
    return { uid: dv.getUint32(4, true), gid: dv.getUint32(8, true), mode: dv.getUint16(20, true), dv };
  }

  function setPerm(p: IpcPerm, v: { uid: number; gid: number; mode: number }): void {
    p.uid = v.uid;
    p.gid = v.gid;
    p.mode = (p.mode & ~0o777) | (v.mode & 0o777);
  }

  const write = (t: Task, addr: number, o: StructOut) => (t.as.write(addr, o.bytes) ? 0 : -E.EFAULT);

  // ---- shared memory

  function shmget(t: Task, key: number, size: number, flg: number): number {
    const ipc = t.ipc;
    return ipc.get(
      ipc.shm,
      cred(t),
      key,
      flg,
      (p) => ipc.newShm(cred(t), p, size, Number(SHMMAX)),
      (s) => (size > s.segsz ? -E.EINVAL : 0),
    );
  }

  function shmat(t: Task, id: number, addr: number, flg: number): number {
    if (id < 0) return -E.EINVAL;
    if (addr) {
      if (addr % SHMLBA) {
        if (flg & SHM_RND) {
          addr -= addr % SHMLBA;
          if (addr === 0 && flg & SHM_REMAP) return -E.EINVAL;
        } else return -E.EINVAL;
      }
    } else if (flg & SHM_REMAP) return -E.EINVAL;
    const s = t.ipc.shm.get(id);
    if (typeof s === "number") return s;
    let prot = PROT_READ,
      acc = 0o444;
    if (!(flg & SHM_RDONLY)) {
      prot |= PROT_WRITE;
      acc |= 0o222;
    }
    if (flg & SHM_EXEC) {
      prot |= PROT_EXEC;
      acc |= 0o111;
    }
    if (!s.perm.allows(cred(t), acc)) return -E.EACCES;
    const size = s.pages * PAGE;
    if (addr) {
      if (addr + size > t.layout.taskSize) return -E.EINVAL;
      if (!(flg & SHM_REMAP)) for (let a = addr; a < addr + size; a += PAGE) if (t.as.isMapped(a / PAGE)) return -E.EINVAL;
    } else {
      const at = t.findMmapRange(size + SHMLBA - PAGE);
      if (at < 0) return -E.ENOMEM;
      addr = Math.ceil(at / SHMLBA) * SHMLBA;
    }
    s.name ??= { path: `/SYSV${(s.createdKey >>> 0).toString(16).padStart(8, "0")}`, dev: 1n, ino: BigInt(s.perm.id) };
    // held meanwhile (do_shmat's shm_nattch++): SHM_REMAP over the last attach of a removed
    // segment must not destroy it before the new attach maps it
    s.seg.users++;
    t.as.mapSegment(addr, s.pages, prot, s.seg, 0, s.name);
    s.seg.users--;
    s.atime = t.ipc.now();
    s.lpid = t.pid;
    return addr;
  }

  function shmdt(t: Task, addr: number): number {
    if (addr % PAGE) return -E.EINVAL;
    const seg = t.as.segmentStartingAt(addr / PAGE);
    if (!seg) return -E.EINVAL;
    let s: ShmSegment | null = null;
    for (const x of t.ipc.shm.values()) if (x.seg === seg) s = x;
    if (!s) return -E.EINVAL;
    t.as.unmapSegment(addr / PAGE, s.pages, seg);
    return 0;
  }

  function shmctl(t: Task, id: number, cmd: number, buf: number): number {
    const ipc = t.ipc;
    cmd &= 0xff;
    if (id < 0) return -E.EINVAL;
    switch (cmd) {
      case IPC_INFO: {
        const o = new StructOut(5 * w, w).long(SHMMAX).long(SHMMIN).long(SHMMNI).long(SHMSEG).long(SHMMAX);
        return write(t, buf, o) || Math.max(0, ipc.shm.maxIndex);
      }
      case SHM_INFO: {
        let rss = 0;
        for (const s of ipc.shm.values()) rss += s.seg.pages.size;
        const o = new StructOut(w === 8 ? 48 : 24, w).i32(ipc.shm.inUse).long(ipc.shmTot).long(rss).long(0).long(0).long(0);
        return write(t, buf, o) || Math.max(0, ipc.shm.maxIndex);
      }
      case IPC_STAT:
      case SHM_STAT: {
        const s = cmd === SHM_STAT ? ipc.shm.at(id) : ipc.shm.get(id);
        if (typeof s === "number") return s;
        if (!s.perm.allows(cred(t), 0o444)) return -E.EACCES;
        const o = perm(new StructOut(shmidSize, w), s.perm).long(s.segsz).time(s.atime).time(s.dtime).time(s.ctime);
        o.i32(s.cpid).i32(s.lpid).long(s.nattch).long(0).long(0);
        return write(t, buf, o) || (cmd === SHM_STAT ? s.perm.id : 0);
      }
      case IPC_SET: {
        const v = readPerm(t, buf, shmidSize);
        if (typeof v === "number") return v;
        const s = ipc.shm.getOwned(id, cred(t));
        if (typeof s === "number") return s;
        setPerm(s.perm, v);
        s.ctime = ipc.now();
        return 0;
      }
      case IPC_RMID: {
        const s = ipc.shm.getOwned(id, cred(t));
        if (typeof s === "number") return s;
        ipc.removeShm(s);
        return 0;
      }
      case SHM_LOCK:
      case SHM_UNLOCK: {
        const s = ipc.shm.getOwned(id, cred(t));
        if (typeof s === "number") return s;
        if (cmd === SHM_LOCK) s.perm.mode |= SHM_LOCKED;
        else s.perm.mode &= ~SHM_LOCKED;
        return 0;
      }
    }
    return -E.EINVAL;
  }

  // ---- semaphores

  function semget(t: Task, key: number, nsems: number, flg: number): number {
    if (nsems < 0 || nsems > SEMMSL) return -E.EINVAL;
    const ipc = t.ipc;
    return ipc.get(
      ipc.sem,
      cred(t),
      key,
      flg,
      (p) => ipc.newSem(p, nsems),
      (s) => (nsems > s.sems.length ? -E.EINVAL : 0),
    );
  }

  function semtimedop(t: Task, id: number, sopsAddr: number, nsops: number, tsAddr: number, TS: AbiLayouts["timespec"]): SyscallResult {
    let timeout: bigint | undefined;
    if (tsAddr) {
      const ts = readTimespec(t, TS, tsAddr);
      if (typeof ts === "number") return ts;
      timeout = ts;
    }
    if (nsops > SEMOPM) return -E.E2BIG;
    if (nsops < 1 || id < 0) return -E.EINVAL;
    const b = t.as.read(sopsAddr, 6 * nsops);
    if (!b) return -E.EFAULT;
    const dv = new DataView(b.buffer);
    const sops: SemOp[] = [];
    let max = 0,
      alter = false;
    for (let i = 0; i < nsops; i++) {
      const sop = { num: dv.getUint16(6 * i, true), op: dv.getInt16(6 * i + 2, true), flg: dv.getInt16(6 * i + 4, true) };
      sops.push(sop);
      if (sop.num > max) max = sop.num;
      if (sop.op !== 0) alter = true;
    }
    const s = t.ipc.sem.get(id);
    if (typeof s === "number") return s;
    if (max >= s.sems.length) return -E.EFBIG;
    if (!s.perm.allows(cred(t), alter ? 0o222 : 0o444)) return -E.EACCES;
    const r = t.ipc.semop(s, sops, t.pid, true);
    if (typeof r === "number") {
      if (r === 0 && alter) t.ipc.updateQueue(s);
      return r;
    }
    if (r.flg & IPC_NOWAIT) return -E.EAGAIN;
    const waiter: SemWaiter = { sops, pid: t.pid, blocking: r, done: null };
    s.waiters.add(waiter);
    t.block({
      ready: () => waiter.done !== null || s.perm.deleted,
      result: () => waiter.done ?? -E.EIDRM,
      deadline: timeout === undefined ? undefined : t.host.monotonicNs() + timeout,
      timeoutResult: -E.EAGAIN,
      cancel: () => s.waiters.delete(waiter),
      // done before the signal came: the call's result stands (as Linux's queue.status)
      partial: () => waiter.done,
      restart: Restart.NoHandler,
    });
    return NO_RESULT;
  }

  function semctl(t: Task, id: number, semnum: number, cmd: number, arg: number, val: number): number {
    const ipc = t.ipc;
    cmd &= 0xff;
    if (id < 0) return -E.EINVAL;
    const c = cred(t);
    switch (cmd) {
      case IPC_INFO:
      case SEM_INFO: {
        const info = cmd === SEM_INFO;
        const o = new StructOut(40, w).i32(SEMMAP).i32(SEMMNI).i32(SEMMNS).i32(SEMMNU).i32(SEMMSL).i32(SEMOPM).i32(SEMUME);
        o.i32(info ? ipc.sem.inUse : SEMUSZ)
          .i32(SEMVMX)
          .i32(info ? ipc.usedSems : SEMAEM);
        return write(t, arg, o) || Math.max(0, ipc.sem.maxIndex);
      }
      case IPC_STAT:
      case SEM_STAT: {
        const s = cmd === SEM_STAT ? ipc.sem.at(id) : ipc.sem.get(id);
        if (typeof s === "number") return s;
        if (!s.perm.allows(c, 0o444)) return -E.EACCES;
        const o = perm(new StructOut(semidSize, w), s.perm).time(s.otime).time(s.ctime).long(s.sems.length).long(0).long(0);
        return write(t, arg, o) || (cmd === SEM_STAT ? s.perm.id : 0);
      }
      case IPC_SET: {
        const v = readPerm(t, arg, semidSize);
        if (typeof v === "number") return v;
        const s = ipc.sem.getOwned(id, c);
        if (typeof s === "number") return s;
        setPerm(s.perm, v);
        s.ctime = ipc.now();
        return 0;
      }
      case IPC_RMID: {
        const s = ipc.sem.getOwned(id, c);
        if (typeof s === "number") return s;
        ipc.removeSem(s);
        return 0;
      }
      case SETVAL: {
        if (val < 0 || val > SEMVMX) return -E.ERANGE;
        const s = ipc.sem.get(id);
        if (typeof s === "number") return s;
        if (semnum < 0 || semnum >= s.sems.length) return -E.EINVAL;
        if (!s.perm.allows(c, 0o222)) return -E.EACCES;
        ipc.clearUndo(s, semnum);
        s.sems[semnum].val = val;
        s.sems[semnum].pid = t.pid;
        s.ctime = ipc.now();
        ipc.updateQueue(s);
        return 0;
      }
      case GETALL:
      case SETALL:
      case GETVAL:
      case GETPID:
      case GETNCNT:
      case GETZCNT: {
        const s = ipc.sem.get(id);
        if (typeof s === "number") return s;
        if (!s.perm.allows(c, cmd === SETALL ? 0o222 : 0o444)) return -E.EACCES;
        const n = s.sems.length;
        if (cmd === GETALL) {
          const b = new Uint8Array(2 * n);
          const dv = new DataView(b.buffer);
          s.sems.forEach((x, i) => dv.setUint16(2 * i, x.val, true));
          return t.as.write(arg, b) ? 0 : -E.EFAULT;
        }
        if (cmd === SETALL) {
          const b = t.as.read(arg, 2 * n);
          if (!b) return -E.EFAULT;
          const dv = new DataView(b.buffer);
          for (let i = 0; i < n; i++) if (dv.getUint16(2 * i, true) > SEMVMX) return -E.ERANGE;
          ipc.clearUndo(s, -1);
          for (let i = 0; i < n; i++) {
            s.sems[i].val = dv.getUint16(2 * i, true);
            s.sems[i].pid = t.pid;
          }
          s.ctime = ipc.now();
          ipc.updateQueue(s);
          return 0;
        }
        if (semnum < 0 || semnum >= n) return -E.EINVAL;
        if (cmd === GETVAL) return s.sems[semnum].val;
        if (cmd === GETPID) return s.sems[semnum].pid;
        let count = 0;
        for (const x of s.waiters) if (x.blocking.num === semnum && (cmd === GETZCNT ? x.blocking.op === 0 : x.blocking.op < 0)) count++;
        return count;
      }
    }
    return -E.EINVAL;
  }

  // ---- message queues

  function msgget(t: Task, key: number, flg: number): number {
    const ipc = t.ipc;
    return ipc.get(ipc.msg, cred(t), key, flg, (p) => ipc.newMsg(p));
  }

  function msgsnd(t: Task, id: number, msgp: number, msgsz: number, flg: number): SyscallResult {
    if (msgsz > MSGMAX || msgsz < 0 || id < 0) return -E.EINVAL;
    const head = t.as.read(msgp, w);
    if (!head) return -E.EFAULT;
    const hv = new DataView(head.buffer);
    const type = w === 8 ? Number(hv.getBigInt64(0, true)) : hv.getInt32(0, true);
    if (type < 1) return -E.EINVAL;
    const text = t.as.read(msgp + w, msgsz);
    if (!text) return -E.EFAULT;
    const q = t.ipc.msg.get(id);
    if (typeof q === "number") return q;
    const send = (): number | null => {
      if (q.perm.deleted) return -E.EIDRM;
      if (!q.perm.allows(cred(t), 0o222)) return -E.EACCES;
      if (!q.fits(msgsz)) return null;
      q.lspid = t.pid;
      q.stime = t.ipc.now();
      const m = { type, text };
      if (handOver(q, m, q.stime)) return 0;
      q.messages.push(m);
      q.cbytes += msgsz;
      t.ipc.msgHdrs++;
      t.ipc.msgBytes += msgsz;
      return 0;
    };
    const r = send();
    if (r !== null) return r;
    if (flg & IPC_NOWAIT) return -E.EAGAIN;
    t.block({
      ready: () => q.perm.deleted || q.fits(msgsz),
      result: () => send() ?? WAIT_MORE,
      restart: Restart.NoHandler,
    });
    return NO_RESULT;
  }

  function msgrcv(t: Task, id: number, msgp: number, msgsz: number, msgtyp: number, flg: number): SyscallResult {
    if (id < 0 || msgsz < 0) return -E.EINVAL;
    if (flg & MSG_COPY) return -E.EINVAL;
    const q = t.ipc.msg.get(id);
    if (typeof q === "number") return q;
    const except = (flg & MSG_EXCEPT) !== 0;
    /** do_msg_fill: the type and as much of the text as fits go to msgp. */
    const fill = (m: Message): number => {
      const n = Math.min(msgsz, m.text.length);
      const out = new Uint8Array(w + n);
      const dv = new DataView(out.buffer);
      if (w === 8) dv.setBigInt64(0, BigInt(m.type), true);
      else dv.setInt32(0, m.type, true);
      out.set(m.text.subarray(0, n), w);
      return t.as.write(msgp, out) ? n : -E.EFAULT;
    };
    if (!q.perm.allows(cred(t), 0o444)) return -E.EACCES;
    const i = findMessage(q, msgtyp, except);
    if (i >= 0) {
      const m = q.messages[i];
      if (msgsz < m.text.length && !(flg & MSG_NOERROR)) return -E.E2BIG;
      q.messages.splice(i, 1);
      q.cbytes -= m.text.length;
      t.ipc.msgHdrs--;
      t.ipc.msgBytes -= m.text.length;
      q.lrpid = t.pid;
      q.rtime = t.ipc.now();
      return fill(m);
    }
    if (flg & IPC_NOWAIT) return -E.ENOMSG;
    // wait for a sender to hand a message over (pipelined_send)
    const r: MsgReceiver = { msgtyp, except, maxsize: flg & MSG_NOERROR ? Infinity : msgsz, pid: t.pid, got: null };
    q.receivers.push(r);
    const got = () => (r.got === null ? null : typeof r.got === "number" ? r.got : fill(r.got));
    t.block({
      ready: () => r.got !== null || q.perm.deleted,
      result: () => got() ?? -E.EIDRM,
      cancel: () => {
        const k = q.receivers.indexOf(r);
        if (k >= 0) q.receivers.splice(k, 1);
      },
      // a message handed over before the signal came is received (Linux's r_msg wins)
      partial: got,
      restart: Restart.NoHandler,
    });
    return NO_RESULT;
  }

  function msgctl(t: Task, id: number, cmd: number, buf: number): number {
    const ipc = t.ipc;
    cmd &= 0xff;
    if (id < 0) return -E.EINVAL;
    const c = cred(t);
    switch (cmd) {
      case IPC_INFO:
      case MSG_INFO: {
        const info = cmd === MSG_INFO;
        const o = new StructOut(32, w)
          .i32(info ? ipc.msg.inUse : MSGPOOL)
          .i32(info ? ipc.msgHdrs : MSGMAP)
          .i32(MSGMAX)
          .i32(MSGMNB)
          .i32(MSGMNI)
          .i32(MSGSSZ)
          .i32(info ? ipc.msgBytes : MSGTQL)
          .u16(MSGSEG);
        return write(t, buf, o) || Math.max(0, ipc.msg.maxIndex);
      }
      case IPC_STAT:
      case MSG_STAT: {
        const q = cmd === MSG_STAT ? ipc.msg.at(id) : ipc.msg.get(id);
        if (typeof q === "number") return q;
        if (!q.perm.allows(c, 0o444)) return -E.EACCES;
        const o = perm(new StructOut(msqidSize, w), q.perm).time(q.stime).time(q.rtime).time(q.ctime);
        o.long(q.cbytes).long(q.messages.length).long(q.qbytes).i32(q.lspid).i32(q.lrpid).long(0).long(0);
        return write(t, buf, o) || (cmd === MSG_STAT ? q.perm.id : 0);
      }
      case IPC_SET: {
        const v = readPerm(t, buf, msqidSize);
        if (typeof v === "number") return v;
        const q = ipc.msg.getOwned(id, c);
        if (typeof q === "number") return q;
        const qbytesAt = permSize + (w === 8 ? 40 : 32);
        const qbytes = w === 8 ? Number(v.dv.getBigUint64(qbytesAt, true)) : v.dv.getUint32(qbytesAt, true);
        if (qbytes > MSGMNB && !hasCap(t.caps, CAP_SYS_RESOURCE)) return -E.EPERM;
        q.qbytes = qbytes;
        setPerm(q.perm, v);
        q.ctime = ipc.now();
        return 0;
      }
      case IPC_RMID: {
        const q = ipc.msg.getOwned(id, c);
        if (typeof q === "number") return q;
        ipc.removeMsg(q);
        return 0;
      }
    }
    return -E.EINVAL;
  }

  // ---- the handlers

  const handlers = {
    shmget: (t, a) => shmget(t, a.int(0), a.ptr(1), a.int(2)),
    shmat: (t, a) => shmat(t, a.int(0), a.ptr(1), a.int(2)),
    shmdt: (t, a) => shmdt(t, a.ptr(0)),
    shmctl: (t, a) => shmctl(t, a.int(0), a.int(1), a.ptr(2)),
    semget: (t, a) => semget(t, a.int(0), a.int(1), a.int(2)),
    semop: (t, a) => semtimedop(t, a.int(0), a.ptr(1), a.ptr(2), 0, L.timespec),
    /** semtimedop with the layouts' timespec (semtimedop_time64: build with the 64-bit one). */
    semtimedop: (t, a) => semtimedop(t, a.int(0), a.ptr(1), a.ptr(2), a.ptr(3), L.timespec),
    semctl: (t, a) => semctl(t, a.int(0), a.int(1), a.int(2), a.ptr(3), a.int(3)),
    msgget: (t, a) => msgget(t, a.int(0), a.int(1)),
    msgsnd: (t, a) => msgsnd(t, a.int(0), a.ptr(1), a.long(2), a.int(3)),
    msgrcv: (t, a) => msgrcv(t, a.int(0), a.ptr(1), a.long(2), a.long(3), a.int(4)),
    msgctl: (t, a) => msgctl(t, a.int(0), a.int(1), a.ptr(2)),
    /**
     * ipc(call, first, second, third, ptr, fifth) (Linux's sys_ipc, QEMU's do_ipc): the call's low
     * 16 bits select the operation, the high ones a version (msgrcv's version 0 passes msgp and
     * msgtyp through a two-long struct at ptr; shmat returns the address through `third`).
     */
    ipc: (t, a) => {
      const call = a.uint(0) & 0xffff,
        version = a.uint(0) >>> 16;
      const first = a.int(1),
        second = a.ptr(2),
        third = a.ptr(3),
        ptr = a.ptr(4),
        fifth = a.long(5),
        fifthPtr = a.ptr(5);
      const long = (v: number) => (w === 4 ? v | 0 : v);
      switch (call) {
        case IPCOP.semop:
          return semtimedop(t, first, ptr, second, 0, L.timespec);
        case IPCOP.semtimedop:
          return semtimedop(t, first, ptr, second, fifthPtr, L.timespec);
        case IPCOP.semget:
          return semget(t, first, second | 0, third | 0);
        case IPCOP.semctl: {
          if (!ptr) return -E.EINVAL;
          const b = t.as.read(ptr, w);
          if (!b) return -E.EFAULT;
          const dv = new DataView(b.buffer);
          const arg = w === 8 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
          return semctl(t, first, second | 0, third | 0, arg, dv.getInt32(0, true));
        }
        case IPCOP.msgsnd:
          return msgsnd(t, first, ptr, long(second), third | 0);
        case IPCOP.msgrcv: {
          if (version !== 0) return msgrcv(t, first, ptr, long(second), fifth, third | 0);
          if (!ptr) return -E.EINVAL;
          const b = t.as.read(ptr, 2 * w);
          if (!b) return -E.EFAULT;
          const dv = new DataView(b.buffer);
          const msgp = w === 8 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
          const msgtyp = w === 8 ? Number(dv.getBigInt64(8, true)) : dv.getInt32(4, true);
          return msgrcv(t, first, msgp, long(second), msgtyp, third | 0);
        }
        case IPCOP.msgget:
          return msgget(t, first, second | 0);
        case IPCOP.msgctl:
          return msgctl(t, first, second | 0, ptr);
        case IPCOP.shmat: {
          if (version === 1) return -E.EINVAL;
          const r = shmat(t, first, ptr, second | 0);
          if (r < 0) return r;
          const b = new Uint8Array(w);
          const dv = new DataView(b.buffer);
          if (w === 8) dv.setBigUint64(0, BigInt(r), true);
          else dv.setUint32(0, r, true);
          return t.as.write(third, b) ? 0 : -E.EFAULT;
        }
        case IPCOP.shmdt:
          return shmdt(t, ptr);
        case IPCOP.shmget:
          return shmget(t, first, second, third | 0);
        case IPCOP.shmctl:
          return shmctl(t, first, second | 0, ptr);
      }
      return -E.ENOSYS;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
