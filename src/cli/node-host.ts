// The Node.js side of Linux user mode: host stdio, clocks, randomness and the host file system
// (synchronous node:fs calls). Nothing under src/ except src/cli imports Node.
import * as fs from "node:fs";
import { nodeChildProcess, nodeCrypto, nodeTty } from "./lazy-node.ts";
import { utimesSeconds } from "./utimes-seconds.ts";
import * as os from "node:os";
import type { HostCapabilities, HostDirEntry, HostFs, HostStat, HostStatfs, LinuxHost } from "../linux-user/host.ts";
import { devMajor, devMinor } from "../linux-user/host-api.ts";
import { EAGAIN, EEXIST, EINVAL, EIO, ERRNO_BY_CODE, errnoByText, O } from "../linux-user/errno.ts";
import { byteStringToUtf8, utf8ToByteString } from "../linux-user/bytes.ts";
import type { GuestNetwork } from "../linux-user/sockets/guest-network.ts";

const C = fs.constants;

/** Fills buf from the OS: /dev/urandom where there is one (cheaper to start than node:crypto). */
function osRandom(buf: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  let fd = -1;
  try {
    fd = fs.openSync("/dev/urandom", "r");
    for (let got = 0; got < buf.length;) {
      const n = fs.readSync(fd, buf, got, buf.length - got, null);
      if (n <= 0) throw new Error("/dev/urandom: short read");
      got += n;
    }
    return buf;
  } catch {
    return nodeCrypto().randomFillSync(buf);
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}

/** Linux O_* bits to the host's. */
function hostFlags(f: number): number {
  let r = 0;
  const acc = f & O.ACCMODE;
  r |= acc === O.WRONLY ? C.O_WRONLY : acc === O.RDWR ? C.O_RDWR : C.O_RDONLY;
  const map: Array<[number, number | undefined]> = [
    [O.CREAT, C.O_CREAT],
    [O.EXCL, C.O_EXCL],
    [O.NOCTTY, C.O_NOCTTY],
    [O.TRUNC, C.O_TRUNC],
    [O.APPEND, C.O_APPEND],
    [O.NONBLOCK, C.O_NONBLOCK],
    [O.DIRECTORY, C.O_DIRECTORY],
    [O.NOFOLLOW, C.O_NOFOLLOW],
  ];
  for (const [l, h] of map) if (f & l && h !== undefined) r |= h;
  // O_CLOEXEC is the emulator's business (no exec of host processes); O_LARGEFILE is implied.
  return r;
}

/** An fs exception as -errno (Linux numbering). */
function errno(e: unknown): number {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && ERRNO_BY_CODE[code] !== undefined) return -ERRNO_BY_CODE[code];
  if (code === "EOF") return 0;
  if (e instanceof RangeError || e instanceof TypeError) return -EINVAL;
  return -EIO;
}

function toStat(s: fs.BigIntStats): HostStat {
  return {
    dev: s.dev,
    ino: s.ino,
    mode: Number(s.mode),
    nlink: Number(s.nlink),
    uid: Number(s.uid),
    gid: Number(s.gid),
    rdev: s.rdev,
    size: s.size,
    blksize: Number(s.blksize),
    blocks: s.blocks,
    atimeNs: s.atimeNs,
    mtimeNs: s.mtimeNs,
    ctimeNs: s.ctimeNs,
    btimeNs: s.birthtimeNs,
  };
}

function direntType(d: fs.Dirent): number {
  return d.isFile()
    ? 8
    : d.isDirectory()
      ? 4
      : d.isSymbolicLink()
        ? 10
        : d.isFIFO()
          ? 1
          : d.isCharacterDevice()
            ? 2
            : d.isBlockDevice()
              ? 6
              : d.isSocket()
                ? 12
                : 0;
}

/**
 * A kernel path (a byte string, bytes.ts) as the Buffer Node's fs takes: its exact bytes. Names
 * come back from Node as "latin1" strings, which are byte strings, rather than as Buffers: the
 * first Buffer Node's C++ side makes (readdir's, readlink's with encoding "buffer") invalidated
 * the optimized interpreter loop (V8 "code dependencies"), whose recompile cost ~60 ms of CPU.
 */
function hostPath(p: string): Buffer {
  return Buffer.from(p, "latin1");
}

/**
 * The real host file system. Handles are host file descriptors. Paths and names are byte strings
 * (bytes.ts) and go to Node as Buffers, so a name that is not UTF-8 reaches the host file system
 * and comes back (readdir, readlink, getcwd) exactly. With `cwd` set (host text, as a user writes a
 * path), relative paths are taken relative to it and chdir changes only it (several emulated
 * processes in one Node process); otherwise the Node process's own working directory is the guest's.
 */
export class NodeFs implements HostFs {
  /** The working directory as a byte string, or null for the Node process's. */
  private cwd: string | null;
  constructor(cwd: string | null = null) {
    this.cwd = cwd === null ? null : utf8ToByteString(cwd);
  }
  private absPath(p: string): string {
    if (this.cwd === null || p.startsWith("/")) return p;
    return p === "" ? p : this.cwd.replace(/\/+$/, "") + "/" + p;
  }
  private abs(p: string): Buffer {
    return hostPath(this.absPath(p));
  }
  /** Handles opened with O_NONBLOCK: their reads and writes say EAGAIN (a host FIFO) rather than wait. */
  private readonly nonblocking = new Set<number>();
  open(path: string, flags: number, mode: number): number {
    try {
      const h = fs.openSync(this.abs(path), hostFlags(flags), mode);
      if (flags & O.NONBLOCK) this.nonblocking.add(h);
      else this.nonblocking.delete(h);
      return h;
    } catch (e) {
      return errno(e);
    }
  }
  /**
   * Linux's own O_TMPFILE (open(2) with __O_TMPFILE | O_DIRECTORY: Node passes numeric flags
   * through), so the file never has a name and the host file system decides what it supports
   * (EOPNOTSUPP where it has no tmpfile operation, as the guest would see on Linux). Node has no
   * constant for it; __O_TMPFILE is 0o20000000 on the Linux hosts Node runs on (x86-64, arm64,
   * ...). Other host OSes have none: undefined makes the kernel create and unlink a name instead.
   */
  openTmpfile = process.platform === "linux" ? this.openLinuxTmpfile : undefined;
  private openLinuxTmpfile(dir: string, flags: number, mode: number): number {
    try {
      return fs.openSync(this.abs(dir), hostFlags(flags) | C.O_DIRECTORY | 0o20000000, mode);
    } catch (e) {
      return errno(e);
    }
  }
  close(h: number): number {
    this.nonblocking.delete(h);
    try {
      fs.closeSync(h);
      return 0;
    } catch (e) {
      return errno(e);
    }
  }
  read(h: number, buf: Uint8Array, pos: number | null): number {
    for (;;) {
      try {
        return fs.readSync(h, buf, 0, buf.length, pos);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") {
          if (this.nonblocking.has(h)) return -EAGAIN;
          continue; // a non-blocking stdin: wait for data like a blocking read
        }
        if (code === "EOF") return 0;
        return errno(e);
      }
    }
  }
  write(h: number, data: Uint8Array, pos: number | null): number {
    let off = 0;
    while (off < data.length) {
      try {
        off += fs.writeSync(h, data, off, data.length - off, pos === null ? null : pos + off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
          if (this.nonblocking.has(h)) return off > 0 ? off : -EAGAIN;
          continue;
        }
        return off > 0 ? off : errno(e);
      }
    }
    return off;
  }
  fstat(h: number): HostStat | number {
    try {
      return toStat(fs.fstatSync(h, { bigint: true }));
    } catch (e) {
      return errno(e);
    }
  }
  stat(path: string, follow: boolean): HostStat | number {
    const p = this.abs(path);
    try {
      return toStat(follow ? fs.statSync(p, { bigint: true }) : fs.lstatSync(p, { bigint: true }));
    } catch (e) {
      return errno(e);
    }
  }
  /**
   * Node's statfs has the type, sizes and counts; f_frsize is taken as f_bsize. The mount flags
   * are those of the host's mount holding the file (/proc/self/mountinfo, as Linux's
   * calculate_f_flags); f_fsid and f_namelen are the host's statfs's as coreutils' `stat -f` prints
   * them (Node has neither), asked once per file system: 0 and 255 where that fails.
   */
  statfs(path: string): HostStatfs | number {
    try {
      const p = this.abs(path);
      const s = fs.statfsSync(p, { bigint: true });
      const dev = fs.statSync(p, { bigint: true }).dev;
      let real: string | null = null;
      try {
        real = fs.realpathSync.native(p, { encoding: "latin1" });
      } catch {
        // a deleted file's or a pipe's /proc/self/fd link: by its device alone
      }
      // `stat -f` runs in a process of its own: /proc/self there is not ours
      const id = fsIdentity(dev, hostPath(p.toString("latin1").replace(/^\/proc\/self\//, `/proc/${process.pid}/`)));
      const bsize = Number(s.bsize);
      return {
        type: Number(s.type),
        bsize,
        blocks: s.blocks,
        bfree: s.bfree,
        bavail: s.bavail,
        files: s.files,
        ffree: s.ffree,
        fsid: id.fsid,
        namelen: id.namelen,
        frsize: bsize,
        flags: mountFlags(real, devMajor(dev), devMinor(dev)),
      };
    } catch (e) {
      return errno(e);
    }
  }
  /**
   * By the handle's /proc/self/fd link, which reaches an unlinked file or a pipe too; elsewhere than on
   * Linux ENOSYS (the kernel then asks by the path the file was opened with).
   */
  fstatfs(h: number): HostStatfs | number {
    return process.platform === "linux" ? this.statfs(`/proc/self/fd/${h}`) : -ERRNO_BY_CODE.ENOSYS;
  }
  readdir(path: string): HostDirEntry[] | number {
    const p = this.absPath(path);
    try {
      // opendir/readSync keeps the file system's own order (readdirSync sorts); names as bytes.
      const dir = fs.opendirSync(hostPath(p), { bufferSize: 128, encoding: "latin1" });
      const out: HostDirEntry[] = [];
      try {
        for (let d = dir.readSync(); d; d = dir.readSync()) {
          let ino = 0n;
          try {
            ino = fs.lstatSync(hostPath(p + "/" + d.name), { bigint: true }).ino;
          } catch {
            // raced away: keep 0
          }
          out.push({ name: d.name, ino, type: direntType(d) });
        }
      } finally {
        dir.closeSync();
      }
      return out;
    } catch (e) {
      return errno(e);
    }
  }
  readlink(path: string): string | number {
    try {
      return fs.readlinkSync(this.abs(path), "latin1");
    } catch (e) {
      return errno(e);
    }
  }
  private wrap(f: () => void): number {
    try {
      f();
      return 0;
    } catch (e) {
      return errno(e);
    }
  }
  mkdir(path: string, mode: number): number {
    return this.wrap(() => fs.mkdirSync(this.abs(path), { mode }));
  }
  rmdir(path: string): number {
    return this.wrap(() => fs.rmdirSync(this.abs(path)));
  }
  unlink(path: string): number {
    return this.wrap(() => fs.unlinkSync(this.abs(path)));
  }
  rename(from: string, to: string): number {
    return this.wrap(() => fs.renameSync(this.abs(from), this.abs(to)));
  }
  link(from: string, to: string): number {
    return this.wrap(() => fs.linkSync(this.abs(from), this.abs(to)));
  }
  linkHandle = process.platform === "linux" ? this.linkLinuxHandle : undefined;
  /**
   * Node has no linkat: the host's `ln -L /proc/PID/fd/H TO` makes the link (linkat with
   * AT_SYMLINK_FOLLOW through the descriptor's /proc link, which Linux allows for an O_TMPFILE file
   * and refuses with ENOENT for an unlinked one), its error read back from ln's message. An existing
   * name is EEXIST first (ln would make the link inside an existing directory). A command line is
   * text: a name that is not UTF-8 is reached by a temporary ASCII name beside it, linked (link(2)
   * takes bytes) to the name and removed.
   */
  private linkLinuxHandle(h: number, to: string): number {
    const dst = this.abs(to);
    try {
      fs.lstatSync(dst);
      return -EEXIST;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") return errno(e);
    }
    const text = dst.toString("utf8");
    if (!Buffer.from(text, "utf8").equals(dst)) {
      const dir = dst.subarray(0, dst.lastIndexOf(0x2f) + 1);
      let dfd = -1;
      try {
        dfd = fs.openSync(dir.length ? dir : ".", C.O_RDONLY | C.O_DIRECTORY);
        const tmp = `.tciemu-link-${process.pid}-${h}`;
        const r = this.lnFollow(h, `/proc/${process.pid}/fd/${dfd}/${tmp}`);
        if (r < 0) return r;
        const tmpPath = Buffer.concat([dir, Buffer.from(tmp)]);
        const linked = this.wrap(() => fs.linkSync(tmpPath, dst));
        this.wrap(() => fs.unlinkSync(tmpPath));
        return linked;
      } catch (e) {
        return errno(e);
      } finally {
        if (dfd >= 0) fs.closeSync(dfd);
      }
    }
    return this.lnFollow(h, text);
  }
  /** `ln -L /proc/PID/fd/H dst`: 0 or ln's error. */
  private lnFollow(h: number, dst: string): number {
    const r = nodeChildProcess().spawnSync("ln", ["-L", "--", `/proc/${process.pid}/fd/${h}`, dst], {
      env: { ...process.env, LC_ALL: "C" },
      encoding: "latin1",
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (r.error) return -EIO;
    if (r.status === 0) return 0;
    const msg = (r.stderr ?? "").trim();
    return -(errnoByText(msg.slice(msg.lastIndexOf(": ") + 2)) || EIO);
  }
  symlink(target: string, path: string): number {
    return this.wrap(() => fs.symlinkSync(hostPath(target), this.abs(path)));
  }
  chmod(path: string, mode: number): number {
    return this.wrap(() => fs.chmodSync(this.abs(path), mode));
  }
  chown(path: string, uid: number, gid: number, follow: boolean): number {
    return this.wrap(() => (follow ? fs.chownSync : fs.lchownSync)(this.abs(path), uid, gid));
  }
  fchown(h: number, uid: number, gid: number): number {
    return this.wrap(() => fs.fchownSync(h, uid, gid));
  }
  ftruncate(h: number, len: number): number {
    return this.wrap(() => fs.ftruncateSync(h, len));
  }
  fsync(h: number): number {
    return this.wrap(() => fs.fsyncSync(h));
  }
  utimes(path: string, atimeNs: bigint | null, mtimeNs: bigint | null, follow: boolean): number {
    const p = this.abs(path);
    try {
      let a = atimeNs,
        m = mtimeNs;
      if (a === null || m === null) {
        const s = fs.statSync(p, { bigint: true });
        a ??= s.atimeNs;
        m ??= s.mtimeNs;
      }
      // Node takes seconds, and libuv keeps microseconds of them: finer nanoseconds are lost. A
      // negative number means "now" to Node (toUnixTimestamp), so the times go as numeric strings
      // (exact decimals of the ns, which it takes as they are), also before 1970.
      const at = utimesSeconds(a),
        mt = utimesSeconds(m);
      if (follow) fs.utimesSync(p, at, mt);
      else fs.lutimesSync(p, at, mt);
      return 0;
    } catch (e) {
      return errno(e);
    }
  }
  access(path: string, mode: number): number {
    return this.wrap(() => fs.accessSync(this.abs(path), mode));
  }
  getcwd(): string {
    if (this.cwd !== null) return this.cwd;
    try {
      // realpath(3) of ".": getcwd's bytes, which process.cwd() would decode as UTF-8
      return fs.realpathSync.native(".", "latin1");
    } catch {
      return utf8ToByteString(process.cwd());
    }
  }
  chdir(path: string): number {
    // Node's process.chdir takes text only: a name that is not UTF-8 is out of its reach (the
    // kernel keeps each process's working directory itself and does not call this).
    if (this.cwd === null) return this.wrap(() => process.chdir(byteStringToUtf8(path)));
    try {
      const p = fs.realpathSync.native(this.abs(path), "latin1");
      if (!fs.statSync(hostPath(p)).isDirectory()) return -ERRNO_BY_CODE.ENOTDIR;
      this.cwd = p;
      return 0;
    } catch (e) {
      return errno(e);
    }
  }
  isatty(h: number): boolean {
    // Every process asks about its stdio at start. node:tty loads node:net and Node's streams
    // (~4 ms of a `busybox true`), so it is asked only about character devices that can be
    // terminals: not files or pipes, and on Linux not major 1 (/dev/null, /dev/zero, /dev/urandom).
    try {
      const st = fs.fstatSync(h);
      if (!st.isCharacterDevice()) return false;
      if (process.platform === "linux" && ((st.rdev >> 8) & 0xfff) === 1) return false;
    } catch {
      return false;
    }
    return nodeTty().isatty(h);
  }
  winsize(h: number): { rows: number; cols: number } | null {
    if (!this.isatty(h)) return null;
    const s = h === 1 ? process.stdout : h === 2 ? process.stderr : null;
    if (s && "columns" in s && s.columns) return { rows: (s as { rows: number }).rows, cols: s.columns as number };
    return { rows: 24, cols: 80 };
  }
}

/**
 * The host process's supplementary groups as the kernel has them (/proc/self/status on Linux):
 * Node's process.getgroups() adds the effective gid when the list lacks it, which getgroups(2)
 * does not (qemu-user's guest gets the kernel's list).
 */
export function hostGroups(): number[] {
  try {
    const line = /^Groups:(.*)$/m.exec(fs.readFileSync("/proc/self/status", "latin1"));
    if (line) return line[1].trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // not Linux: Node's list
  }
  return process.getgroups?.() ?? [];
}

/** statfs's f_flags for a mount's options (flags_by_mnt) and its super block's (flags_by_sb). */
const MNT_OPTION_FLAGS: Record<string, number> = {
  ro: 1,
  nosuid: 2,
  nodev: 4,
  noexec: 8,
  noatime: 1024,
  nodiratime: 2048,
  relatime: 4096,
  nosymfollow: 0x2000,
};
const SB_OPTION_FLAGS: Record<string, number> = { ro: 1, sync: 16, mand: 64 };
const ST_VALID = 0x20;

/**
 * statfs's f_flags for a file on device major:minor whose canonical path is `real` (latin1 bytes;
 * null when it has none): ST_VALID and the flags of the host's mount holding it, the one with the
 * longest mount point above the path among the mounts of that device (the last listed, the top
 * one, of equals), from /proc/self/mountinfo; 0 (unknown: glibc's statvfs then looks itself) when
 * no mount matches or the host has no mountinfo.
 */
function mountFlags(real: string | null, major: number, minor: number): number {
  let text: string;
  try {
    text = fs.readFileSync("/proc/self/mountinfo", "latin1");
  } catch {
    return 0;
  }
  const dev = `${major}:${minor}`;
  const unescape = (x: string) => x.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  let best = -2,
    flags = 0;
  for (const line of text.split("\n")) {
    // id parent major:minor root mount-point mount-options [optional fields] - type source super-options
    const f = line.split(" ");
    const dash = f.indexOf("-", 6);
    if (dash < 0 || f[2] !== dev) continue;
    const point = unescape(f[4]);
    const under = real !== null && (point === "/" || real === point || real.startsWith(point + "/"));
    const rank = real === null ? 0 : under ? point.length : -1;
    if (rank < best || rank < 0) continue;
    best = rank;
    flags = ST_VALID;
    for (const o of f[5].split(",")) flags |= MNT_OPTION_FLAGS[o] ?? 0;
    for (const o of (f[dash + 3] ?? "").split(",")) flags |= SB_OPTION_FLAGS[o] ?? 0;
  }
  return flags;
}

const fsIdentities = new Map<bigint, { fsid: [number, number]; namelen: number }>();

/**
 * f_fsid and f_namelen of the file system on device `dev`, which Node's statfs lacks: coreutils'
 * `stat -f -c '%i %l'` of `path` (it prints f_fsid's words as one hexadecimal number, the first
 * word high), once per device; [0, 0] and 255 when that fails.
 */
function fsIdentity(dev: bigint, path: Buffer): { fsid: [number, number]; namelen: number } {
  let id = fsIdentities.get(dev);
  if (id) return id;
  id = { fsid: [0, 0], namelen: 255 };
  const arg = path.toString("utf8");
  if (Buffer.from(arg, "utf8").equals(path)) {
    const r = nodeChildProcess().spawnSync("stat", ["-f", "-c", "%i %l", "--", arg], {
      env: { ...process.env, LC_ALL: "C" },
      encoding: "latin1",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const m = r.status === 0 ? /^([0-9a-f]+) (\d+)\n?$/.exec(r.stdout ?? "") : null;
    if (m) {
      const v = BigInt("0x" + m[1]);
      id = { fsid: [Number(v >> 32n) >>> 0, Number(v & 0xffffffffn)], namelen: Number(m[2]) };
    }
    fsIdentities.set(dev, id);
  }
  return id;
}

/**
 * The host process's capability sets (/proc/self/status's CapInh, CapPrm, CapEff, CapBnd, CapAmb
 * on Linux: hexadecimal masks), which qemu-user's guest has as its own (it passes capget to the
 * host); undefined elsewhere (the kernel's default: root's full set for uid 0).
 */
export function hostCapabilities(): HostCapabilities | undefined {
  try {
    const status = fs.readFileSync("/proc/self/status", "latin1");
    const mask = (name: string) => {
      const m = new RegExp(`^Cap${name}:\\s*([0-9a-f]+)$`, "m").exec(status);
      if (!m) throw new Error(`no Cap${name}`);
      return BigInt("0x" + m[1]);
    };
    return { inheritable: mask("Inh"), permitted: mask("Prm"), effective: mask("Eff"), bounding: mask("Bnd"), ambient: mask("Amb") };
  } catch {
    return undefined;
  }
}

/**
 * The host process's process group and session (/proc/self/stat's fields 5 and 6 on Linux; Node
 * has no getpgid/getsid). qemu-user's guest is in its host process's group and session, so it is
 * no session leader: setpgid(0, 0) succeeds there and setsid() too unless it leads its group.
 */
export function hostSession(pid: number | "self" = "self"): { pgid: number; sid: number; tpgid: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
    // after the command name, which may hold spaces and parentheses: state ppid pgrp session tty_nr tpgid ...
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pgid = Number(f[2]);
    const sid = Number(f[3]);
    const tpgid = Number(f[5]);
    // 0 is a real answer: the group or session leader is outside tciemu's pid namespace (a
    // container), and qemu-user's guest sees 0 then too.
    if (Number.isInteger(pgid) && Number.isInteger(sid) && pgid >= 0 && sid >= 0) return { pgid, sid, tpgid };
  } catch {
    // not Linux: the guest leads its own session
  }
  return null;
}

export class NodeLinuxHost implements LinuxHost {
  /** User-mode sockets' network (the CLI gives it the host's sockets, as qemu-user does). */
  network?: GuestNetwork;
  private readonly t0 = process.hrtime.bigint();
  private readonly wall0 = BigInt(Date.now()) * 1_000_000n;
  readonly fs = new NodeFs();
  readonly stdioHandles: [number, number, number] = [0, 1, 2];
  readonly pid = process.pid;
  readonly ppid = process.ppid;
  /** Set by the CLI when the guest has the host's terminal (host-terminal.ts): tciemu stops as qemu-user's process does. */
  suspend?: (sig: number) => void;
  /** Set by the CLI (host-signals.ts): the host's signals the first guest process catches are passed on to it. */
  catchSignal?: (sig: number, caught: boolean) => void;
  private readonly session = hostSession();
  readonly pgid = this.session?.pgid;
  readonly sid = this.session?.sid;
  get parentSid(): number | undefined {
    return hostSession(process.ppid)?.sid;
  }
  /** The guest inherits Node's umask, which is cleared: the kernel applies the guest's own to every mode it creates with. */
  readonly umask = process.umask(0);
  readonly uid = process.getuid?.() ?? 0;
  readonly gid = process.getgid?.() ?? 0;
  readonly groups = hostGroups();
  readonly capabilities = hostCapabilities();
  readonly nice = os.getPriority();
  readonly cpus = os.availableParallelism();
  readonly uname = { sysname: os.type(), nodename: os.hostname(), release: os.release(), version: os.version(), domainname: "(none)" };
  private limits: Map<number, [number, number]> | null = null;
  rlimit(resource: number): [number, number] | null {
    if (!this.limits) {
      this.limits = new Map();
      // Linux hosts: /proc/self/limits lists them in RLIMIT_* order.
      try {
        const lines = fs.readFileSync("/proc/self/limits", "latin1").split("\n").slice(1).filter(Boolean);
        const order = [
          "Max cpu time",
          "Max file size",
          "Max data size",
          "Max stack size",
          "Max core file size",
          "Max resident set",
          "Max processes",
          "Max open files",
          "Max locked memory",
          "Max address space",
          "Max file locks",
          "Max pending signals",
          "Max msgqueue size",
          "Max nice priority",
          "Max realtime priority",
          "Max realtime timeout",
        ];
        for (const l of lines) {
          const i = order.findIndex((o) => l.startsWith(o));
          if (i < 0) continue;
          const f = l.slice(26).trim().split(/\s+/);
          const v = (x: string) => (x === "unlimited" ? -1 : Number(x));
          this.limits.set(i, [v(f[0]), v(f[1])]);
        }
      } catch {
        // not Linux: defaults
      }
    }
    return this.limits.get(resource) ?? null;
  }
  writeStdout(d: Uint8Array): void {
    this.fs.write(1, d, null);
  }
  writeStderr(d: Uint8Array): void {
    this.fs.write(2, d, null);
  }
  readStdin(max: number): Uint8Array {
    const b = new Uint8Array(Math.min(max, 1 << 16));
    const n = this.fs.read(0, b, null);
    return b.subarray(0, Math.max(0, n));
  }
  realtimeNs(): bigint {
    return this.wall0 + (process.hrtime.bigint() - this.t0);
  }
  monotonicNs(): bigint {
    return process.hrtime.bigint() - this.t0;
  }
  /** Random bytes drawn from the OS in 4 KiB batches (every execve asks for AT_RANDOM's 16). */
  private pool = new Uint8Array(0);
  private poolPos = 0;
  randomBytes(n: number): Uint8Array {
    if (n > 1024) return osRandom(new Uint8Array(n));
    if (this.poolPos + n > this.pool.length) {
      this.pool = osRandom(new Uint8Array(4096));
      this.poolPos = 0;
    }
    const r = this.pool.slice(this.poolPos, this.poolPos + n);
    this.poolPos += n;
    return r;
  }
  sleepNs(ns: bigint): void {
    const ms = Number(ns / 1_000_000n);
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }
}
