// Who the process is and what it may use (QEMU's syscall.c, Linux's kernel/sys.c): pids, user and
// group ids (the host's; set*id succeed only as root), process groups and sessions, umask,
// resource limits (the host's, overridable by the guest), uname (the host's with the guest's
// machine, as qemu), sysinfo, prctl, getrandom, capget.
import * as E from "../errno.ts";
import { UTSNAME_FIELD, UTSNAME_SIZE, type AbiLayouts } from "../layouts.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import type { Thread } from "../thread.ts";
import { enc, putU32, threadById } from "./common.ts";
import { bytesToByteString } from "../bytes.ts";

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

export function identitySyscalls(L: AbiLayouts) {
  const RL = L.rlimit;

  // A 32-bit ABI's struct rlimit (getrlimit/setrlimit) has 32-bit fields: infinity is 0xffffffff
  // there and larger limits read as infinity (Linux's compat_sys_getrlimit). prlimit64 takes the
  // ABI's rlimit64 (two 64-bit values on every ABI), which the 32-bit tables pass in as `rlimit`.
  const narrow = RL.size === 8;
  const INF32 = 0xffffffff;

  /** getrlimit/setrlimit/prlimit64 on the layout's struct rlimit (-1: RLIM_INFINITY). */
  function rlimit(t: Task, res: number, newAddr: number, oldAddr: number): number {
    if (res < 0 || res > 15) return -E.EINVAL;
    const cur = t.getRlimit(res) ?? defaultRlimit(res);
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
      t.setRlimit(res, nv);
    }
    return 0;
  }

  function prctl(t: Task, option: number, arg2: number): number {
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
    }
    return -E.EINVAL;
  }

  function setUtsName(t: Task, a: { ptr(i: number): number; int(i: number): number }, field: "nodename" | "domainname"): number {
    if (uid(t) !== 0) return -E.EPERM;
    const len = a.int(1);
    if (len < 0 || len > 64) return -E.EINVAL;
    const b = len ? t.as.read(a.ptr(0), len) : new Uint8Array(0);
    if (!b) return -E.EFAULT;
    t.uts[field] = new Uint8Array(b); // the len bytes as given; the field is NUL-padded after them
    return 0;
  }

  const uid = (t: Task) => t.host.uid ?? 0;
  const gid = (t: Task) => t.host.gid ?? 0;
  const setid = (t: Task) => (uid(t) === 0 ? 0 : -E.EPERM);
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
   * EINVAL for a size outside 0..NGROUPS_MAX, EFAULT, then EPERM but for root, and EINVAL for a gid
   * of -1 (0xffff for the 16-bit call). The process's groups become the list, sorted (groups_sort).
   */
  const setgroupsOf =
    (bytes: 2 | 4): SyscallHandler =>
    (t, a) => {
      const size = a.int(0);
      if (size < 0 || size > 65536) return -E.EINVAL;
      const b = size ? t.as.read(a.ptr(1), bytes * size) : new Uint8Array(0);
      if (!b) return -E.EFAULT;
      if (uid(t) !== 0) return -E.EPERM;
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
    setuid: setid,
    setgid: setid,
    setreuid: setid,
    setregid: setid,
    setresuid: setid,
    setresgid: setid,
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
    prctl: (t, a) => prctl(t, a.int(0), a.ptr(1)),
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
     * set_one_prio); lowering it is for root or within RLIMIT_NICE (EACCES), none named is ESRCH.
     */
    setpriority: (t, a) => {
      const ths = prioThreads(t, a.int(0), a.int(1));
      if (typeof ths === "number") return ths;
      const nice = Math.min(19, Math.max(-20, a.int(2)));
      const lim = (t.getRlimit(13) ?? [0, 0])[0]; // RLIMIT_NICE
      const canLower = uid(t) === 0 || lim < 0 || 20 - nice <= lim;
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
     * clamped to -20..19; lowering it is for root or within RLIMIT_NICE (EPERM). The result is
     * qemu-user's, which calls the host's C library nice(): the new nice value where the kernel
     * says 0 (and 0 for a new value of -1, which that nice() returns with errno unset).
     */
    nice: (t, a) => {
      const inc = Math.min(40, Math.max(-40, a.int(0)));
      const th = t.thread;
      const nice = Math.min(19, Math.max(-20, th.sched.nice + inc));
      const lim = (t.getRlimit(13) ?? [0, 0])[0]; // RLIMIT_NICE
      if (inc < 0 && !(uid(t) === 0 || lim < 0 || 20 - nice <= lim)) return -E.EPERM;
      th.sched.nice = nice;
      return nice === -1 ? 0 : nice;
    },
    prlimit64: (t, a) => {
      const pid = a.int(0);
      if (pid !== 0 && pid !== t.pid) return t.processView(pid) ? -E.EPERM : -E.ESRCH;
      return rlimit(t, a.int(1), a.ptr(2), a.ptr(3));
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
    /** sethostname(name, len) (kernel/sys.c): root only (EPERM), 0 <= len <= 64 (EINVAL), then the bytes. */
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
    /** capget(header, data): no capabilities; an unknown header version is rewritten to v3 and EINVAL (with data). */
    capget: (t, a) => {
      const h = t.as.read(a.ptr(0), 4);
      if (!h) return -E.EFAULT;
      const version = new DataView(h.buffer, h.byteOffset).getUint32(0, true);
      const words = version === 0x19980330 ? 1 : version === 0x20071026 || version === 0x20080522 ? 2 : 0;
      if (words === 0) {
        if (!putU32(t, a.ptr(0), 0x20080522)) return -E.EFAULT;
        return a.ptr(1) ? -E.EINVAL : 0;
      }
      if (a.ptr(1) && !t.as.write(a.ptr(1), new Uint8Array(12 * words))) return -E.EFAULT;
      return 0;
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
