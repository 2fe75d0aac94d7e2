// /proc for guest processes (Linux's fs/proc; QEMU's fake opens of /proc/self/{maps,stat,cmdline},
// /proc/cpuinfo): guest pids are not host pids, so everything under /proc/<pid> and /proc/self is
// made up from the kernel's process table, and /proc/cpuinfo describes the guest CPU (the ABI's
// cpuinfo, in qemu-user's words), /proc/sysvipc/* lists the kernel's System V IPC objects. Other
// /proc names (meminfo, version, sys/...) are the host's.
// Also /dev/fd/N and /dev/std{in,out,err}, which are links into /proc/self/fd on Linux.
import { ENOENT, ENOTDIR, ENXIO, O, S_IFCHR } from "./errno.ts";
import { CharDevice, HostFile, PipeEnd, type FdTable, type FileDesc } from "./files.ts";
import type { MapFile } from "./address-space.ts";
import { ptmxStat } from "./pty.ts";
import { Tty } from "./tty.ts";
import { devMajor, devMinor, type HostDirEntry, type HostFs, type HostStat } from "./host-api.ts";
import { baseName, joinPath, realPath } from "./paths.ts";
import { MemFile } from "./memfd.ts";
import { byteStringToBytes } from "./bytes.ts";
import type { ProcessView, Task } from "./task.ts";

// The files' text is a byte string (bytes.ts): the paths, names, argv and environment in it are
// the guest's bytes, and the rest is ASCII.
const enc = { encode: byteStringToBytes };

export type ProcNode =
  | { kind: "file"; data: () => Uint8Array }
  /** A character device the host's file system lacks (/dev/null in a browser): opening makes one. */
  | { kind: "device"; open: (flags: number) => FileDesc | number; stat: () => HostStat }
  | { kind: "dir"; entries: () => HostDirEntry[] }
  | { kind: "link"; target: () => string | number }
  /** An open file of a process: opening it reopens the description (/proc/<pid>/fd/N). */
  | { kind: "fd"; files: FdTable; fd: number; target: () => string | number };

const DT_DIR = 4,
  DT_REG = 8,
  DT_LNK = 10;

/**
 * Which of the standard descriptors is a terminal of the host's named /dev/pts/N (the CLI's
 * host-terminal.ts puts one there; the kernel's own pseudo-terminals are PtySlaves), or -1.
 */
function hostTerminalFd(t: Task): number {
  for (let fd = 0; fd < 3; fd++) {
    const d = t.fds.get(fd);
    if (d instanceof Tty && d.path?.startsWith("/dev/pts/")) return fd;
  }
  return -1;
}

/** A guest path under /proc (or /dev/fd, /dev/std*) that the kernel answers itself, or null (the host's). */
export function procLookup(t: Task, path: string): ProcNode | null {
  if (path === "/dev/tty") {
    // The controlling terminal: the session's pseudo-terminal, or the terminal among the standard descriptors.
    const pty = t.ptys.ofSession(t.sid);
    if (pty) return { kind: "device", open: (flags) => pty.openSlave(t, flags | O.NOCTTY), stat: () => pty.slaveStat() };
    for (let fd = 0; fd < 3; fd++) if (t.fds.get(fd)?.isatty()) return fdNode(t, t, fd);
    return { kind: "link", target: () => -ENXIO };
  }
  if (path === "/dev/ptmx") {
    // a new pseudo-terminal pair, its master (pty.ts)
    const now = () => t.realtimeNs();
    return {
      kind: "device",
      open: (flags) => t.ptys.open(flags, t.host.uid ?? 0, t.host.gid ?? 0, now()),
      stat: () => ptmxStat(now()),
    };
  }
  if (path === "/dev/pts") {
    // the kernel's own pseudo-terminals, and the host's terminal the CLI gave the guest (host-terminal.ts)
    const fd = hostTerminalFd(t);
    const host = fd < 0 ? null : t.fds.get(fd)!;
    const entries = () => {
      const e = t.ptys.entries();
      const name = host?.path!.slice("/dev/pts/".length);
      if (host && name && !e.some((x) => x.name === name)) e.push({ name, ino: (host.stat() as HostStat).ino, type: 2 });
      return e;
    };
    return { kind: "dir", entries };
  }
  const pts = /^\/dev\/pts\/(\d+)$/.exec(path);
  if (pts) {
    const pty = String(Number(pts[1])) === pts[1] ? t.ptys.get(Number(pts[1])) : null;
    if (!pty) {
      const hostTty = hostTerminalFd(t);
      if (hostTty >= 0 && t.fds.get(hostTty)!.path === path) return fdNode(t, t, hostTty);
      return { kind: "link", target: () => -ENOENT };
    }
    return { kind: "device", open: (flags) => pty.openSlave(t, flags), stat: () => pty.slaveStat() };
  }
  const mem = /^\/dev\/(null|zero|full|random|urandom)$/.exec(path);
  if (mem && typeof t.host.fs.stat(path, true) === "number") {
    const kind = mem[1] as CharDevice["kind"];
    const make = (flags: number) => new CharDevice(kind, flags, (n) => t.host.randomBytes(n));
    return { kind: "device", open: make, stat: () => make(0).stat() };
  }
  const dev = /^\/dev\/(?:fd\/(\d+)|(stdin|stdout|stderr))$/.exec(path);
  if (dev) return fdNode(t, t, dev[1] !== undefined ? Number(dev[1]) : ["stdin", "stdout", "stderr"].indexOf(dev[2]));
  if (path === "/dev/fd") return procLookup(t, `/proc/${t.pid}/fd`);
  // below a descriptor's link (/dev/fd/N/name): the process's, not the host's /dev/fd
  if (/^\/dev\/fd\/\d+\//.test(path)) return procLookup(t, `/proc/${t.pid}/fd/${path.slice(8)}`);
  if (!path.startsWith("/proc")) return null;
  const parts = path.split("/").filter((x) => x !== "");
  if (parts[0] !== "proc") return null;
  if (parts.length === 1) return { kind: "dir", entries: () => procRoot(t) };
  const head = parts[1];
  if (head === "self") {
    if (parts.length === 2) return { kind: "link", target: () => `${t.pid}` };
    return procLookup(t, ["", "proc", `${t.pid}`, ...parts.slice(2)].join("/"));
  }
  if (head === "thread-self") {
    if (parts.length === 2) return { kind: "link", target: () => `${t.pid}/task/${t.thread.tid}` };
    return procLookup(t, ["", "proc", `${t.pid}`, "task", `${t.thread.tid}`, ...parts.slice(2)].join("/"));
  }
  if (head === "cpuinfo" && parts.length === 2) {
    const text = t.cpuinfo(Math.max(1, t.host.cpus ?? 1));
    if (text !== null) return { kind: "file", data: () => enc.encode(text) };
  }
  if (head === "sysvipc" && parts.length === 3) {
    const name = parts[2];
    if (t.ipc.procFile(name) !== null) return { kind: "file", data: () => enc.encode(t.ipc.procFile(name)!) };
  }
  if (!/^\d+$/.test(head)) return null;
  const p = t.processView(Number(head));
  if (!p) return { kind: "link", target: () => -ENOENT };
  return pidNode(t, p, parts.slice(2));
}

function procRoot(t: Task): HostDirEntry[] {
  const own = new Set(["self", "thread-self", "cpuinfo"]);
  const out: HostDirEntry[] = [];
  const host = t.host.fs.readdir("/proc");
  if (typeof host !== "number") for (const e of host) if (!/^\d+$/.test(e.name) && !own.has(e.name)) out.push(e);
  out.push(
    { name: "self", ino: 0n, type: DT_LNK },
    { name: "thread-self", ino: 0n, type: DT_LNK },
    { name: "cpuinfo", ino: 0n, type: DT_REG },
  );
  for (const pid of t.pids()) out.push({ name: `${pid}`, ino: BigInt(pid) << 8n, type: DT_DIR });
  return out;
}

const PID_FILES = ["cmdline", "comm", "cwd", "environ", "exe", "fd", "maps", "smaps", "stat", "statm", "status", "task"];

function pidNode(t: Task, p: ProcessView, rest: string[]): ProcNode {
  if (rest.length === 0)
    return {
      kind: "dir",
      entries: () =>
        PID_FILES.map((name) => ({
          name,
          ino: 0n,
          type: name === "fd" || name === "task" ? DT_DIR : name === "cwd" || name === "exe" ? DT_LNK : DT_REG,
        })),
    };
  const [what, ...more] = rest;
  if (what === "task") {
    if (more.length === 0)
      return { kind: "dir", entries: () => p.threads.filter((x) => !x.dead).map((x) => ({ name: `${x.tid}`, ino: 0n, type: DT_DIR })) };
    if (!p.threads.some((x) => `${x.tid}` === more[0])) return { kind: "link", target: () => -ENOENT };
    return pidNode(t, p, more.slice(1));
  }
  if (what === "fd") {
    const files = p.openFiles;
    if (!files) return { kind: "link", target: () => -ENOENT };
    if (more.length === 0) return { kind: "dir", entries: () => files.list().map((fd) => ({ name: `${fd}`, ino: 0n, type: DT_LNK })) };
    if (more.length > 1 || !/^\d+$/.test(more[0])) return { kind: "link", target: () => -ENOTDIR };
    return fdNode(t, p, Number(more[0]));
  }
  if (more.length) return { kind: "link", target: () => -ENOTDIR };
  const file = (f: () => string): ProcNode => ({ kind: "file", data: () => enc.encode(f()) });
  switch (what) {
    case "cmdline":
      return { kind: "file", data: () => nulList(p.as ? p.argv : []) };
    case "environ":
      return { kind: "file", data: () => nulList(p.as ? p.envp : []) };
    case "comm":
      return file(() => `${p.comm}\n`);
    case "exe":
      return { kind: "link", target: () => (p.as ? p.exePath : -ENOENT) };
    case "cwd":
      return { kind: "link", target: () => p.cwd };
    case "maps":
      return file(() => maps(t, p));
    case "smaps":
      return file(() => maps(t, p, true));
    case "stat":
      return file(() => statLine(p));
    case "statm": {
      return file(() => {
        const n = p.as?.pagesInUse ?? 0;
        return `${n} ${n} 0 0 0 0 0\n`;
      });
    }
    case "status":
      return file(() => status(t, p));
  }
  return { kind: "link", target: () => -ENOENT };
}

/** /proc/<pid>/fd/N (and /dev/fd/N): a link to what the descriptor is, which open() reopens. */
function fdNode(t: Task, p: ProcessView, fd: number): ProcNode {
  const files = p.openFiles;
  const d = files?.get(fd);
  if (!files || !d) return { kind: "link", target: () => -ENOENT };
  return { kind: "fd", files, fd, target: () => describeFd(t, files, fd) };
}

/**
 * readlink of /proc/<pid>/fd/N: the file's path (" (deleted)" once the path no longer leads to the
 * open file: unlinked, or an O_TMPFILE's "DIR/#INO"), pipe:[ino], anon_inode:[eventfd] (and [eventpoll], [timerfd], [signalfd]), or the device.
 */
export function describeFd(t: Task, files: FdTable, fd: number): string | number {
  const d = files.get(fd);
  if (!d) return -ENOENT;
  if (d instanceof HostFile && d.path && d.h >= 0) {
    // d_path: the canonical path ("./x", "sub/../x" and links resolved), not the one opened by
    const fs = t.host.fs;
    const open = fs.fstat(d.h);
    const shown = canonicalPath(fs, d.path);
    return typeof open === "number" || stillNamed(fs, shown, open.dev, open.ino) ? shown : `${shown} (deleted)`;
  }
  if (d.path) return d.path;
  if (d.anonName !== null) return `anon_inode:${d.anonName}`;
  if (d instanceof MemFile) return d.inode.linkName;
  if (d instanceof PipeEnd) return `pipe:[${d.buf.ino}]`;
  return d.isatty() ? "/dev/pts/0" : "/dev/null";
}

function nulList(xs: readonly string[]): Uint8Array {
  return enc.encode(xs.map((x) => `${x}\0`).join(""));
}

/**
 * /proc/<pid>/maps as qemu-user prints it (open_self_maps): start-end without leading zeros, the
 * protection with p or s (MAP_SHARED), the file offset, the device, the inode and, from column 73,
 * the file's canonical path (" (deleted)" once the path no longer leads to it), or [stack], [heap]
 * and [vdso] for the regions that start where the loader put them. `smaps` adds qemu's block of
 * sizes and flags after each line (no page counts: Rss and the like are 0 as in qemu).
 */
export function maps(t: Task, p: ProcessView, smaps = false): string {
  const as = p.as;
  if (!as) return "";
  const { stack, heap, vdso } = as.special;
  const hex = (n: number | bigint, width: number) => n.toString(16).padStart(width, "0");
  let out = "";
  for (const m of as.mappings()) {
    const f = m.file;
    const perms = `${m.prot & 1 ? "r" : "-"}${m.prot & 2 ? "w" : "-"}${m.prot & 4 ? "x" : "-"}${m.shared ? "s" : "p"}`;
    const dev = f ? `${hex(devMajor(f.dev), 2)}:${hex(devMinor(f.dev), 2)}` : "00:00";
    const head = `${hex(m.start, 0)}-${hex(m.end, 0)} ${perms} ${hex(m.offset, 8)} ${dev} ${f ? f.ino : 0}`;
    const at = m.start === 0 ? "" : m.start === stack ? "[stack]" : m.start === heap ? "[heap]" : m.start === vdso ? "[vdso]" : "";
    const path = at || (f ? shownPath(t.host.fs, f) : "");
    // qemu's dprintf("%*s%s\n", 73 - count, "", path): a negative width pads on the other side
    out += `${head}${" ".repeat(Math.abs(73 - head.length))}${path}\n`;
    if (smaps) out += smapsBlock(m.end - m.start, m.prot, m.shared, !f || f.anonymous === true);
  }
  return out;
}

/** qemu's smaps fields, in its order. */
const SMAPS_FIELDS = [
  "Size",
  "KernelPageSize",
  "MMUPageSize",
  "Rss",
  "Pss",
  "Pss_Dirty",
  "Shared_Clean",
  "Shared_Dirty",
  "Private_Clean",
  "Private_Dirty",
  "Referenced",
  "Anonymous",
  "LazyFree",
  "AnonHugePages",
  "ShmemPmdMapped",
  "FilePmdMapped",
  "Shared_Hugetlb",
  "Private_Hugetlb",
  "Swap",
  "SwapPss",
  "Locked",
];

/** qemu's smaps block for a region of `size` bytes: page counts 0, Anonymous the whole region if it is anonymous memory. */
function smapsBlock(size: number, prot: number, shared: boolean, anonymous: boolean): string {
  const kb = Math.floor(size / 1024);
  const value = (field: string) => (field === "Size" ? kb : field.endsWith("PageSize") ? 4 : field === "Anonymous" && anonymous ? kb : 0);
  const [r, w, x] = [prot & 1, prot & 2, prot & 4];
  const flags = [r && "rd", w && "wr", x && "ex", shared && "sh", r && "mr", w && "mw", x && "me", shared && "ms"];
  return (
    SMAPS_FIELDS.map((f) => `${`${f}:`.padEnd(23)}${value(f)} kB\n`).join("") +
    `THPeligible:    0\nVmFlags:${flags.map((f) => (f ? ` ${f}` : "")).join("")}\n`
  );
}

/**
 * The path Linux's d_path shows for a mapped file: canonical (symbolic links resolved; the
 * directory's, if the file is gone), with " (deleted)" when it no longer names the mapped file.
 */
function shownPath(fs: HostFs, f: MapFile): string {
  f.canonical ??= canonicalPath(fs, f.path);
  return !f.anonymous && stillNamed(fs, f.canonical, f.dev, f.ino) ? f.canonical : `${f.canonical} (deleted)`;
}

/**
 * A file's path as d_path shows it: canonical (symbolic links, "." and ".." resolved), or its
 * directory's canonical path and its name when the path leads nowhere now (unlinked, O_TMPFILE's
 * "DIR/#INO"); the path itself when not even the directory resolves.
 */
function canonicalPath(fs: HostFs, path: string): string {
  if (!path.startsWith("/")) return path;
  const r = realPath(fs, path);
  if (typeof r === "string") return r;
  const dir = realPath(fs, path.slice(0, path.lastIndexOf("/")) || "/");
  return typeof dir === "number" ? path : joinPath(dir, baseName(path));
}

/** Whether `path` still leads to the file (dev, ino): Linux's d_path says " (deleted)" when not. */
function stillNamed(fs: HostFs, path: string, dev: bigint, ino: bigint): boolean {
  const st = fs.stat(path, true);
  return typeof st !== "number" && st.dev === dev && st.ino === ino;
}

/** /proc/<pid>/stat: the fields procps and busybox ps read (times in clock ticks from instructions). */
function statLine(p: ProcessView): string {
  const ticks = Math.floor(p.insnsRun / 1e6); // CPU time as a 100 MIPS guest would take, at 100 ticks/s
  const rss = p.as?.pagesInUse ?? 0;
  const f: (string | number)[] = [
    p.pid,
    `(${p.comm})`,
    p.stateLetter,
    p.ppid,
    p.pgid,
    p.sid,
    0,
    -1,
    0x400000,
    0,
    0,
    0,
    0,
    ticks,
    0,
    0,
    0,
    20,
    0,
  ];
  f.push(p.threads.filter((x) => !x.dead).length || 1, 0, 0, rss * 4096, rss);
  while (f.length < 52) f.push(0);
  return f.join(" ") + "\n";
}

/** A capability set as /proc/<pid>/status shows it (%016llx). */
const hex = (v: bigint) => v.toString(16).padStart(16, "0");

function status(t: Task, p: ProcessView): string {
  const names: Record<string, string> = { R: "R (running)", S: "S (sleeping)", T: "T (stopped)", Z: "Z (zombie)" };
  const uid = t.host.uid ?? 0,
    gid = t.host.gid ?? 0;
  const rss = (p.as?.pagesInUse ?? 0) * 4;
  return (
    `Name:\t${p.comm}\nUmask:\t0022\nState:\t${names[p.stateLetter]}\nTgid:\t${p.pid}\nNgid:\t0\nPid:\t${p.pid}\nPPid:\t${p.ppid}\n` +
    `TracerPid:\t0\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\nGid:\t${gid}\t${gid}\t${gid}\t${gid}\nFDSize:\t64\n` +
    `VmRSS:\t${rss} kB\nThreads:\t${p.threads.filter((x) => !x.dead).length || 1}\n` +
    `CapInh:\t${hex(p.caps.inheritable)}\nCapPrm:\t${hex(p.caps.permitted)}\nCapEff:\t${hex(p.caps.effective)}\n` +
    `CapBnd:\t${hex(p.caps.bounding)}\nCapAmb:\t${hex(p.caps.ambient)}\n`
  );
}
