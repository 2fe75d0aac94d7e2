// File locks (Linux's fs/locks.c and fs/fcntl.c): fcntl's record-lock commands (POSIX F_GETLK,
// F_SETLK, F_SETLKW and their *64 forms; OFD F_OFD_GETLK/SETLK/SETLKW) and flock(2), over the
// kernel's lock table (file-locks.ts). A lock request that conflicts blocks until it can be
// granted (F_SETLKW, flock without LOCK_NB); a signal handler makes it EINTR unless SA_RESTART.
import * as E from "../errno.ts";
import { O } from "../errno.ts";
import { F_RDLCK, F_UNLCK, F_WRLCK, OFFSET_MAX, type RangeLock } from "../file-locks.ts";
import type { FileDesc } from "../files.ts";
import type { FlockField } from "../layouts.ts";
import type { Struct, StructBuf } from "../struct.ts";
import { NO_RESULT, type SyscallHandler, type SyscallResult } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { Restart } from "../wait.ts";

export const F_GETLK = 5,
  F_SETLK = 6,
  F_SETLKW = 7,
  F_OFD_GETLK = 36,
  F_OFD_SETLK = 37,
  F_OFD_SETLKW = 38;

/** A struct flock's range as absolute first and last byte (flock_to_posix_lock), or -errno. */
function lockRange(d: FileDesc, v: StructBuf<FlockField>): { start: bigint; end: bigint } | number {
  let base: bigint;
  switch (v.get("l_whence")) {
    case 0: // SEEK_SET
      base = 0n;
      break;
    case 1: // SEEK_CUR
      base = BigInt(d.pos);
      break;
    case 2: {
      // SEEK_END
      const st = d.stat();
      if (typeof st === "number") return st;
      base = st.size;
      break;
    }
    default:
      return -E.EINVAL;
  }
  let start = base + v.getBig("l_start");
  if (start < 0n) return -E.EINVAL;
  const len = v.getBig("l_len");
  let end = OFFSET_MAX;
  if (len > 0n) {
    if (len - 1n > OFFSET_MAX - start) return -E.EOVERFLOW;
    end = start + len - 1n;
  } else if (len < 0n) {
    // POSIX-2001: the len bytes before start
    end = start - 1n;
    start += len;
    if (start < 0n) return -E.EINVAL;
  }
  return { start, end };
}

/**
 * fcntl's lock commands (5..7 and 36..38; fcntl64 maps F_*LK64 to 5..7) with `S` the struct the
 * call takes (struct flock, or flock64 for fcntl64 and the OFD commands).
 */
export function fcntlLock(t: Task, d: FileDesc, cmd: number, ptr: number, S: Struct<FlockField>): SyscallResult {
  const raw = t.as.read(ptr, S.size);
  if (!raw) return -E.EFAULT;
  const v = S.view(raw);
  const type = v.get("l_type");
  if (type !== F_RDLCK && type !== F_WRLCK && type !== F_UNLCK) return -E.EINVAL;
  if (d.flags & O.PATH) return -E.EBADF; // check_fcntl_cmd
  const ofd = cmd >= F_OFD_GETLK;
  const locks = t.fileLocks;
  if (cmd === F_GETLK || cmd === F_OFD_GETLK) {
    // fcntl_getlk
    if (type === F_UNLCK || (ofd && v.get("l_pid") !== 0)) return -E.EINVAL;
    const r = lockRange(d, v);
    if (typeof r === "number") return r;
    const key = locks.keyOf(d);
    if (typeof key === "number") return key;
    const c = locks.conflict(key, { owner: ofd ? d : t.fds, ofd, type, ...r, pid: t.pid });
    if (!c) v.set("l_type", F_UNLCK);
    else {
      v.set("l_type", c.type).set("l_whence", 0).set("l_start", c.start);
      v.set("l_len", c.end === OFFSET_MAX ? 0n : c.end - c.start + 1n).set("l_pid", c.ofd ? -1 : c.pid);
    }
    return t.as.write(ptr, raw) ? 0 : -E.EFAULT;
  }
  // fcntl_setlk
  const r = lockRange(d, v);
  if (typeof r === "number") return r;
  if ((type === F_RDLCK && !d.canRead()) || (type === F_WRLCK && !d.canWrite())) return -E.EBADF;
  if (ofd && v.get("l_pid") !== 0) return -E.EINVAL;
  const key = locks.keyOf(d);
  if (typeof key === "number") return key;
  const req: RangeLock = { owner: ofd ? d : t.fds, ofd, type, ...r, pid: t.pid };
  const c = type === F_UNLCK ? null : locks.conflict(key, req);
  if (!c) {
    locks.setRange(key, req);
    return 0;
  }
  if (cmd === F_SETLK || cmd === F_OFD_SETLK) return -E.EAGAIN;
  if (locks.deadlock(req, c)) return -E.EDEADLK;
  // waits, then runs again (the range is computed anew: SEEK_CUR and SEEK_END may have moved)
  const unblock = locks.block(key, req);
  t.restartSyscall();
  t.block({
    ready: () => {
      const free = !locks.conflict(key, req);
      if (free) unblock();
      return free;
    },
    cancel: unblock,
    restart: Restart.Sys,
  });
  return NO_RESULT;
}

const LOCK_SH = 1,
  LOCK_EX = 2,
  LOCK_NB = 4,
  LOCK_UN = 8;

/**
 * flock(fd, operation): a whole-file lock of the open file description, apart from record locks.
 * Changing a lock's type drops the old one first (not atomic), as Linux's flock_lock_inode does.
 */
export const flock: SyscallHandler = (t, a) => {
  const op = a.int(1);
  const cmd = op & ~LOCK_NB;
  const type = cmd === LOCK_SH ? F_RDLCK : cmd === LOCK_EX ? F_WRLCK : cmd === LOCK_UN ? F_UNLCK : -1;
  if (type < 0) return -E.EINVAL;
  const d = t.fds.get(a.int(0));
  if (!d || d.flags & O.PATH) return -E.EBADF;
  const locks = t.fileLocks;
  const key = locks.keyOf(d);
  if (typeof key === "number") return key;
  const have = locks.flockOf(key, d);
  if (have === type) return 0;
  if (have !== F_UNLCK) locks.setFlock(key, d, F_UNLCK);
  if (type === F_UNLCK) return 0;
  if (!locks.flockConflict(key, d, type)) {
    locks.setFlock(key, d, type);
    return 0;
  }
  if (op & LOCK_NB) return -E.EAGAIN;
  t.restartSyscall();
  t.block({ ready: () => !locks.flockConflict(key, d, type), restart: Restart.Sys });
  return NO_RESULT;
};
