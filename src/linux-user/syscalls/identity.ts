// Who the process is and what it may use (QEMU's syscall.c, Linux's kernel/sys.c): pids, user and
// group ids (the host's; set*id answer as Linux's checks do, with CAP_SETUID/CAP_SETGID, but the
// ids stay the host's), process groups and sessions, umask, resource limits (the host's,
// overridable by the guest), uname (the host's with the guest's machine, as qemu), sysinfo,
// prctl, getrandom, capget/capset (capabilities.ts).
import * as E from "../errno.ts";
import { UTSNAME_FIELD, UTSNAME_SIZE, type AbiLayouts } from "../layouts.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { ProcessView, Task } from "../task.ts";
import type { Thread } from "../thread.ts";
import { enc, putU32, threadById } from "./common.ts";
import { bytesToByteString } from "../bytes.ts";
import {
  ALL_CAPS,
  CAP_SETGID,
  CAP_SETPCAP,
  CAP_SETUID,
  CAP_SYS_ADMIN,
  CAP_SYS_NICE,
  CAP_SYS_RESOURCE,
  capset,
  capValid,
  hasCap,
} from "../capabilities.ts";

const utf8 = new TextEncoder();

/** Default limits when the host does not say (qemu passes the host's through). */
function defaultRlimit(res: number): [number, number] {
  return res === 3 ? [8 << 20, -1] : res === 7 ? [1024, 1048576] : res === 4 ? [0, -1] : [-1, -1];
}

/** A 16-bit uid/gid call (i386's and ARM's old_uid_t ones) over its 32-bit handler: Linux's high2lowuid, ids above 65535 read as 65534. */
export const oldIdCall =
  (h: SyscallHandler): SyscallHandler =>
  (t, a) => {
    const r = h(t, a);
    return typeof r === "number" && r > 65535 ? 65534 : r;
  };

/**
 * cap_validate_magic: the number of 32-bit words per set a capget/capset header's version has (1
 * for v1, 2 for v2 and v3); an unknown version is rewritten to v3 in the header and is EINVAL.
 */
function capHeader(t: Task, hdr: number): number {
  const h = t.as.read(hdr, 4);
  if (!h) return -E.EFAULT;
  const version = new DataView(h.buffer, h.byteOffset).getUint32(0, true);
  if (version === 0x19980330) return 1;
  if (version === 0x20071026 || version === 0x20080522) return 2;
  return putU32(t, hdr, 0x20080522) ? -E.EINVAL : -E.EFAULT;
}

/** The header's pid (a signed 32-bit value), or null when it cannot be read. */
function readPid(t: Task, hdr: number): number | null {
  const b = t.as.read(hdr + 4, 4);
  return b ? new DataView(b.buffer, b.byteOffset).getInt32(0, true) : null;
}

export function identitySyscalls(L: AbiLayouts) {
  const RL = L.rlimit;

  // A 32-bit ABI's struct rlimit (getrlimit/setrlimit) has 32-bit fields: infinity is 0xffffffff
  // there and larger limits read as infinity (Linux's compat_sys_getrlimit). prlimit64 takes the
  // ABI's rlimit64 (two 64-bit values on every ABI), which the 32-bit tables pass in as `rlimit`.
  const narrow = RL.size === 8;
  const INF32 = 0xffffffff;

  /**
   * getrlimit/setrlimit/prlimit64 on the layout's struct rlimit (-1: RLIM_INFINITY), of process
   * `p` (the caller's own, or another's for prlimit64); the checks are the caller's capabilities.
   */
  function rlimit(t: Task, res: number, newAddr: number, oldAddr: number, p: ProcessView = t): number {
    if (res < 0 || res > 15) return -E.EINVAL;
    const cur = p.getRlimit(res) ?? defaultRlimit(res);
    if (oldAddr) {
      const b = RL.alloc();
      const out = (x: number) => (narrow && (x < 0 || x > INF32) ? INF32 : x);
      b.set("rlim_cur", out(cur[0])).set("rlim_max", out(cur[1]));
      if (!t.as.write(oldAddr, b.bytes)) return -E.EFAULT;
    }
    if (newAddr) {
      const b = t.as.read(newAddr, RL.size);
      if (!b) return -E.EFAULT;
      const v = RL.view(b);
      const inp = (x: number) => (narrow && x === INF32 ? -1 : x);
      const nv: [number, number] = [inp(v.get("rlim_cur")), inp(v.get("rlim_max"))];
      const lim = (x: number) => (x < 0 ? Infinity : x);
      if (lim(nv[0]) > lim(nv[1])) return -E.EINVAL;
      // do_prlimit: RLIMIT_NOFILE above fs.nr_open (1048576), or a hard limit raised without CAP_SYS_RESOURCE
      if (res === 7 && lim(nv[1]) > 1048576) return -E.EPERM;
      if (lim(nv[1]) > lim(cur[1]) && !hasCap(t.caps, CAP_SYS_RESOURCE)) return -E.EPERM;
      p.setRlimit(res, nv);
    }
    return 0;
  }

  function prctl(t: Task, a: { int(i: number): number; ptr(i: number): number; long(i: number): number }): number {
    const option = a.int(0),
      arg2 = a.ptr(1);
    switch (option) {
      case 15: {
        // PR_SET_NAME: the command name (/proc/<pid>/comm), at most 15 bytes
        const b = t.as.readCString(arg2, 16) ?? t.as.read(arg2, 16);
        if (!b) return -E.EFAULT;
        t.comm = bytesToByteString(b.subarray(0, 15)).replace(/\0.*$/, "");
        return 0;
      }
      case 16: {
        // PR_GET_NAME
        const name = enc.encode(t.comm).subarray(0, 15);
        const b = new Uint8Array(16);
        b.set(name);
        return t.as.write(arg2, b) ? 0 : -E.EFAULT;
      }
      case 1: // PR_SET_PDEATHSIG
      case 4: // PR_SET_DUMPABLE
      case 38: // PR_SET_NO_NEW_PRIVS
        return 0;
      case 3: // PR_GET_DUMPABLE
        return 1;
      case 23: // PR_CAPBSET_READ (cap_prctl: EINVAL for an unknown capability)
        return capValid(a.long(1)) ? Number((t.caps.bounding >> BigInt(a.long(1))) & 1n) : -E.EINVAL;
      case 24: {
        // PR_CAPBSET_DROP (cap_prctl_drop): CAP_SETPCAP first, then a known capability
        if (!hasCap(t.caps, CAP_SETPCAP)) return -E.EPERM;
        if (!capValid(a.long(1))) return -E.EINVAL;
        t.caps = { ...t.caps, bounding: t.caps.bounding & ~(1n << BigInt(a.long(1))) };
        return 0;
      }
      case 47: {
        // PR_CAP_AMBIENT: IS_SET 1, RAISE 2 (permitted and inheritable), LOWER 3, CLEAR_ALL 4
        const op = a.long(1),
          cap = a.long(2);
        if (op === 4) {
          if (a.long(2) | a.long(3) | a.long(4)) return -E.EINVAL;
          t.caps = { ...t.caps, ambient: 0n };
          return 0;
        }
        if (!capValid(cap) || a.long(3) | a.long(4)) return -E.EINVAL;
        const bit = 1n << BigInt(cap);
        if (op === 1) return t.caps.ambient & bit ? 1 : 0;
        if (op === 2) {
          if (!(t.caps.permitted & bit) || !(t.caps.inheritable & bit)) return -E.EPERM;
          t.caps = { ...t.caps, ambient: t.caps.ambient | bit };
          return 0;
        }
        if (op === 3) {
          t.caps = { ...t.caps, ambient: t.caps.ambient & ~bit };
          return 0;
        }
        return -E.EINVAL;
      }
    }
    return -E.EINVAL;
  }

  /**
   * sethostname/setdomainname (kernel/sys.c): CAP_SYS_ADMIN (EPERM), 0 <= len <= 64 (EINVAL), then
   * the bytes (EFAULT). The name is the guest kernel's own (Kernel.uts), never the host machine's.
   */
  function setUtsName(t: Task, a: { ptr(i: number): number; int(i: number): number }, field: "nodename" | "domainname"): number {
    if (!hasCap(t.caps, CAP_SYS_ADMIN)) return -E.EPERM;
    const len = a.int(1);
    if (len < 0 || len > 64) return -E.EINVAL;
    const b = len ? t.as.read(a.ptr(0), len) : new Uint8Array(0);
    if (!b) return -E.EFAULT;
    t.uts[field] = new Uint8Array(b); // the len bytes as given; the field is NUL-padded after them
    return 0;
  }

  const uid = (t: Task) => t.host.uid ?? 0;
  const gid = (t: Task) => t.host.gid ?? 0;
  /**
   * The set*id calls' checks (kernel/sys.c) against ids that are all the host's (real, effective,
   * saved and filesystem ids alike, which these calls leave as they are): an id of -1 where it
   * must be given, or any id of -1 as setresuid's "unchanged" aside, is invalid (EINVAL); with
   * CAP_SETUID (CAP_SETGID for the group calls) any id may be given, without it only the current
   * one (EPERM). `ids` are the arguments as unsigned 32-bit values, -1 for "leave it".
   */
  const setIds = (t: Task, cur: number, cap: number, ids: number[], required: boolean): number => {
    if (required && ids[0] === -1) return -E.EINVAL; // setuid(-1): make_kuid's invalid id
    if (hasCap(t.caps, cap)) return 0;
    return ids.every((v) => v === -1 || v === cur) ? 0 : -E.EPERM;
  };
  /** The arguments of a set*id call as ids: 32-bit ones, or the 16-bit calls' old_uid_t (Linux's low2highuid: 0xffff is -1). */
  const idArgs = (a: { uint(i: number): number }, n: number, bits: 16 | 32): number[] => {
    const r: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = bits === 16 ? a.uint(i) & 0xffff : a.uint(i) >>> 0;
      r.push(v === (bits === 16 ? 0xffff : 0xffffffff) ? -1 : v);
    }
    return r;
  };
  const setidCall =
    (n: number, group: boolean, bits: 16 | 32): SyscallHandler =>
    (t, a) =>
      setIds(t, group ? gid(t) : uid(t), group ? CAP_SETGID : CAP_SETUID, idArgs(a, n, bits), n === 1);
  /**
   * setfsuid/setfsgid: the old filesystem id, always; the id changes (here: would) only when it is
   * valid and either the current one or the caller has the capability. The 16-bit calls map 0xffff
   * to -1 as Linux's setfsuid16 does (QEMU passes 0xffff to the host as 65535).
   */
  const setfsCall =
    (group: boolean, bits: 16 | 32): SyscallHandler =>
    (t) => {
      const old = group ? gid(t) : uid(t);
      return bits === 16 ? low16(old) : old;
    };

  const getres = (t: Task, a: { ptr(i: number): number }, v: number) => {
    for (let i = 0; i < 3; i++) if (!putU32(t, a.ptr(i), v)) return -E.EFAULT;
    return 0;
  };
  /** An id as the 16-bit calls give it (Linux's high2lowuid: above 65535 reads as 65534). */
  const low16 = (v: number) => (v > 65535 ? 65534 : v);
  const getres16 = (t: Task, a: { ptr(i: number): number }, v: number) => {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, low16(v), true);
    for (let i = 0; i < 3; i++) if (!t.as.write(a.ptr(i), b)) return -E.EFAULT;
    return 0;
  };
  /** getgroups(size, list) with `bytes`-wide ids: 4 (gid_t), or 2 (the 16-bit call's old_gid_t). */
  const getgroupsOf =
    (bytes: 2 | 4): SyscallHandler =>
    (t, a) => {
      const g = t.groups;
      const size = a.int(0);
      if (size < 0) return -E.EINVAL;
      if (size === 0) return g.length;
      if (size < g.length) return -E.EINVAL;
      const b = new Uint8Array(bytes * g.length);
      const dv = new DataView(b.buffer);
      for (let i = 0; i < g.length; i++)
        if (bytes === 2) dv.setUint16(2 * i, low16(g[i]), true);
        else dv.setUint32(4 * i, g[i] >>> 0, true);
      return t.as.write(a.ptr(1), b) ? g.length : -E.EFAULT;
    };

  /**
   * The threads getpriority/setpriority name: PRIO_PROCESS (0) one thread by tid, PRIO_PGRP (1)
   * every thread of a process group, PRIO_USER (2) every thread of a user (all the guest's are the
   * host's user); who 0 is the caller's own. EINVAL for another `which`.
   */
  function prioThreads(t: Task, which: number, who: number): Thread[] | number {
    const live = (pids: number[], keep: (pgid: number) => boolean) =>
      pids.flatMap((pid) => {
        const p = t.processView(pid);
        return p && keep(p.pgid) ? p.threads.filter((th) => !th.dead) : [];
      });
    switch (which) {
      case 0: {
        const th = threadById(t, who);
        return th ? [th] : [];
      }
      case 1: {
        const g = who === 0 ? t.pgid : who;
        return live(t.pids(), (pgid) => pgid === g);
      }
      case 2:
        return who === 0 || who >>> 0 === uid(t) ? live(t.pids(), () => true) : [];
    }
    return -E.EINVAL;
  }

  /**
   * setgroups(size, list) with `bytes`-wide ids (2: the 16-bit call's old_gid_t), in QEMU's order:
   * EINVAL for a size outside 0..NGROUPS_MAX, EFAULT, then EPERM without CAP_SETGID, and EINVAL for a gid
   * of -1 (0xffff for the 16-bit call). The process's groups become the list, sorted (groups_sort).
   */
  const setgroupsOf =
    (bytes: 2 | 4): SyscallHandler =>
    (t, a) => {
      const size = a.int(0);
      if (size < 0 || size > 65536) return -E.EINVAL;
      const b = size ? t.as.read(a.ptr(1), bytes * size) : new Uint8Array(0);
      if (!b) return -E.EFAULT;
      if (!hasCap(t.caps, CAP_SETGID)) return -E.EPERM;
      const dv = new DataView(b.buffer, b.byteOffset);
      const g: number[] = [];
      for (let i = 0; i < size; i++) {
        const v = bytes === 2 ? dv.getUint16(2 * i, true) : dv.getUint32(4 * i, true);
        if (v === (bytes === 2 ? 0xffff : 0xffffffff)) return -E.EINVAL; // (gid_t)-1 is no group (groups_from_user)
        g.push(v);
      }
      t.groups = g.sort((x, y) => x - y);
      return 0;
    };

  const handlers = {
    getpid: (t) => t.pid,
    getppid: (t) => t.ppid,
    getuid: uid,
    geteuid: uid,
    getgid: gid,
    getegid: gid,
    getresuid: (t, a) => getres(t, a, uid(t)),
    getresgid: (t, a) => getres(t, a, gid(t)),
    setuid: setidCall(1, false, 32),
    setgid: setidCall(1, true, 32),
    setreuid: setidCall(2, false, 32),
    setregid: setidCall(2, true, 32),
    setresuid: setidCall(3, false, 32),
    setresgid: setidCall(3, true, 32),
    setfsuid: setfsCall(false, 32),
    setfsgid: setfsCall(true, 32),
    /** The 16-bit calls (i386's and ARM's 23, 46, 70, 71, 164, 170, 138, 139): old_uid_t ids, 0xffff for -1. */
    setuid16: setidCall(1, false, 16),
    setgid16: setidCall(1, true, 16),
    setreuid16: setidCall(2, false, 16),
    setregid16: setidCall(2, true, 16),
    setresuid16: setidCall(3, false, 16),
    setresgid16: setidCall(3, true, 16),
    setfsuid16: setfsCall(false, 16),
    setfsgid16: setfsCall(true, 16),
    setgroups: setgroupsOf(4),
    setgroups16: setgroupsOf(2),
    /** The 16-bit calls (i386's 164/165, 170/171, 80): old_uid_t/old_gid_t values. */
    getresuid16: (t, a) => getres16(t, a, uid(t)),
    getresgid16: (t, a) => getres16(t, a, gid(t)),
    getgroups16: getgroupsOf(2),
    getgroups: getgroupsOf(4),
    getpgid: (t, a) => {
      const pid = a.int(0);
      const p = pid === 0 ? t : t.processView(pid);
      return p ? p.pgid : -E.ESRCH;
    },
    getsid: (t, a) => {
      const pid = a.int(0);
      const p = pid === 0 ? t : t.processView(pid);
      return p ? p.sid : -E.ESRCH;
    },
    setsid: (t) => t.setsid(),
    setpgid: (t, a) => t.setpgid(a.int(0), a.int(1)),
    umask: (t, a) => {
      const old = t.umask;
      t.umask = a.int(0) & 0o777;
      return old;
    },
    prctl: (t, a) => prctl(t, a),
    /** getpriority(which, who): 20 - the lowest nice value of the threads named (nice_to_rlimit). */
    getpriority: (t, a) => {
      const ths = prioThreads(t, a.int(0), a.int(1));
      if (typeof ths === "number") return ths;
      let r = -E.ESRCH;
      for (const th of ths) r = Math.max(r, 20 - th.sched.nice);
      return r;
    },
    /**
     * setpriority(which, who, nice): nice clamped to -20..19 on every thread named (Linux's
     * set_one_prio); lowering it needs CAP_SYS_NICE or RLIMIT_NICE's room (EACCES), none named is ESRCH.
     */
    setpriority: (t, a) => {
      const ths = prioThreads(t, a.int(0), a.int(1));
      if (typeof ths === "number") return ths;
      const nice = Math.min(19, Math.max(-20, a.int(2)));
      const lim = (t.getRlimit(13) ?? [0, 0])[0]; // RLIMIT_NICE
      const canLower = hasCap(t.caps, CAP_SYS_NICE) || lim < 0 || 20 - nice <= lim;
      let r = -E.ESRCH;
      for (const th of ths) {
        if (nice < th.sched.nice && !canLower) r = -E.EACCES;
        else {
          th.sched.nice = nice;
          if (r === -E.ESRCH) r = 0;
        }
      }
      return r;
    },
    /**
     * nice(inc), i386's and ARM's 34 (sys_nice): the calling thread's nice value moved by inc and
     * clamped to -20..19; lowering it needs CAP_SYS_NICE or RLIMIT_NICE's room (EPERM). The result is
     * qemu-user's, which calls the host's C library nice(): the new nice value where the kernel
     * says 0 (and 0 for a new value of -1, which that nice() returns with errno unset).
     */
    nice: (t, a) => {
      const inc = Math.min(40, Math.max(-40, a.int(0)));
      const th = t.thread;
      const nice = Math.min(19, Math.max(-20, th.sched.nice + inc));
      const lim = (t.getRlimit(13) ?? [0, 0])[0]; // RLIMIT_NICE
      if (inc < 0 && !(hasCap(t.caps, CAP_SYS_NICE) || lim < 0 || 20 - nice <= lim)) return -E.EPERM;
      th.sched.nice = nice;
      return nice === -1 ? 0 : nice;
    },
    /**
     * prlimit64(pid, res, new, old): the caller's own, or another guest process's, which all have
     * the caller's ids (check_prlimit_permission passes; a zombie's too); ESRCH for no process.
     */
    prlimit64: (t, a) => {
      const pid = a.int(0);
      const p = pid === 0 || pid === t.pid ? t : t.processView(pid);
      if (!p) return -E.ESRCH;
      return rlimit(t, a.int(1), a.ptr(2), a.ptr(3), p);
    },
    getrlimit: (t, a) => rlimit(t, a.int(0), 0, a.ptr(1)),
    setrlimit: (t, a) => rlimit(t, a.int(0), a.ptr(1), 0),
    uname: (t, a) => {
      const u = t.host.uname ?? { sysname: "Linux", nodename: "tciemu", release: "6.12.0", version: "#1 SMP", domainname: "(none)" };
      const buf = new Uint8Array(UTSNAME_SIZE);
      // The host's names are text: their UTF-8 bytes; a name sethostname set is the guest's bytes.
      const put = (i: number, s: string | Uint8Array) =>
        buf.set((typeof s === "string" ? utf8.encode(s) : s).subarray(0, UTSNAME_FIELD - 1), UTSNAME_FIELD * i);
      put(0, u.sysname);
      put(1, t.uts.nodename ?? u.nodename);
      put(2, u.release);
      put(3, u.version);
      put(4, t.machine);
      put(5, t.uts.domainname ?? u.domainname);
      return t.as.write(a.ptr(0), buf) ? 0 : -E.EFAULT;
    },
    sethostname: (t, a) => setUtsName(t, a, "nodename"),
    setdomainname: (t, a) => setUtsName(t, a, "domainname"),
    sysinfo: (t, a) => {
      const b = L.sysinfo.alloc();
      b.set("uptime", t.host.monotonicNs() / 1_000_000_000n);
      const mem = t.as.mem;
      b.set("totalram", mem.pages * 4096);
      b.set("freeram", (mem.pages - mem.inUse) * 4096);
      b.set("procs", t.pids().length);
      b.set("mem_unit", 1);
      return t.as.write(a.ptr(0), b.bytes) ? 0 : -E.EFAULT;
    },
    getrandom: (t, a) => {
      const n = Math.min(a.long(1), 1 << 20);
      return t.as.write(a.ptr(0), t.host.randomBytes(n)) ? n : -E.EFAULT;
    },
    /**
     * capget(header, data) (kernel/capability.c): an unknown header version is rewritten to v3 and
     * EINVAL (0 without data); v1 has one 32-bit word per set, v2 and v3 two. Without data 0; a
     * negative pid EINVAL, another process's (ESRCH if none) or the caller's sets (0 or its pid).
     */
    capget: (t, a) => {
      const words = capHeader(t, a.ptr(0));
      if (words < 0) return words === -E.EINVAL && !a.ptr(1) ? 0 : words;
      if (!a.ptr(1)) return 0;
      const pid = readPid(t, a.ptr(0));
      if (pid === null) return -E.EFAULT;
      if (pid < 0) return -E.EINVAL;
      const p = pid === 0 || pid === t.pid ? t : t.processView(pid);
      if (!p) return -E.ESRCH;
      const c = p.caps;
      const b = new Uint8Array(12 * words);
      const dv = new DataView(b.buffer);
      for (let i = 0; i < words; i++) {
        const w = (x: bigint) => Number((x >> BigInt(32 * i)) & 0xffffffffn);
        dv.setUint32(12 * i, w(c.effective), true);
        dv.setUint32(12 * i + 4, w(c.permitted), true);
        dv.setUint32(12 * i + 8, w(c.inheritable), true);
      }
      return t.as.write(a.ptr(1), b) ? 0 : -E.EFAULT;
    },
    /**
     * capset(header, data): the version as capget's (EINVAL), a pid other than 0 or the caller's
     * EPERM, the data read (EFAULT; v1's upper words are 0), then cap_capset's rules: the sets can
     * only shrink (EPERM), for this process and the children it forks from now on.
     */
    capset: (t, a) => {
      const words = capHeader(t, a.ptr(0));
      if (words < 0) return words;
      const pid = readPid(t, a.ptr(0));
      if (pid === null) return -E.EFAULT;
      if (pid !== 0 && pid !== t.pid) return -E.EPERM;
      const b = t.as.read(a.ptr(1), 12 * words);
      if (!b) return -E.EFAULT;
      const dv = new DataView(b.buffer, b.byteOffset);
      const set = (off: number) => {
        let v = 0n;
        for (let i = 0; i < words; i++) v |= BigInt(dv.getUint32(12 * i + off, true)) << BigInt(32 * i);
        return v;
      };
      // mk_kernel_cap: bits past the last capability are dropped
      const next = capset(t.caps, set(0) & ALL_CAPS, set(4) & ALL_CAPS, set(8) & ALL_CAPS);
      if (!next) return -E.EPERM;
      t.caps = next;
      return 0;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
