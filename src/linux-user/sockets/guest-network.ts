// The guest's network namespace in user mode: what every socket of every process of one host
// shares. Inet sockets reach the outside through the host-socket interface (src/net/host-sockets.ts:
// Node's sockets in the CLI, a Wisp relay in a page), under the same NetPolicy the system-mode NAT
// obeys; unix sockets live entirely here (their names: file system paths and the abstract
// namespace). A page, whose host has no name server the guest could reach, can also have a
// resolver address that the kernel answers itself from HostSockets.lookup (src/net's DnsProxy).
import { DnsProxy } from "../../net/dns-proxy.ts";
import type { HostSockets } from "../../net/host-sockets.ts";
import { ALLOW_ALL, type NetPolicy } from "../../net/net-policy.ts";
import { EADDRINUSE, ECONNREFUSED, O, S_IFSOCK } from "../errno.ts";
import type { HostFs, NetworkNamespace } from "../host-api.ts";
import type { Task } from "../task.ts";
import { AT_FDCWD, resolvePath } from "../syscalls/common.ts";
import { bytesToByteString } from "../bytes.ts";
import type { InetAddr, UnixAddr } from "./sockaddr.ts";
import { AF_UNIX } from "./sockaddr.ts";

export interface GuestNetworkOptions {
  /** The host's network; null (the default): none, inet sockets fail with ENETUNREACH. */
  sockets?: HostSockets | null;
  /** What inet sockets may reach (connect, sendto, names looked up by the resolver). Default: everything. */
  policy?: NetPolicy;
  /**
   * An address (e.g. 10.0.2.3:53) whose DNS queries the kernel answers itself from
   * sockets.lookup, for hosts whose guests cannot reach a name server (a page). Default: none.
   */
  resolver?: { host: string; port: number } | null;
}

/** What a unix socket needs of the namespace it is bound in. */
export interface UnixBindable {
  /** The key it is registered under (for unbinding), or null. */
  boundKey: string | null;
}

export class GuestNetwork implements NetworkNamespace {
  readonly isGuestNetwork = true;
  readonly host: HostSockets | null;
  readonly policy: NetPolicy;
  readonly resolver: { host: string; port: number } | null;
  private readonly unixNames = new Map<string, UnixBindable>();
  /**
   * The placeholder each path-bound socket keeps open until it goes, as Linux's unix_sock holds its
   * path: its inode lives on after an unlink, so a new socket bound to the name gets another inode
   * number (asyncio tells its own socket file from a replacement by st_ino).
   */
  private readonly unixFiles = new Map<UnixBindable, { fs: HostFs; h: number }>();
  private autobindNext = 0;
  private nextEphemeral = 0;
  private dns: DnsProxy | null = null;

  constructor(opts: GuestNetworkOptions = {}) {
    this.host = opts.sockets ?? null;
    this.policy = opts.policy ?? ALLOW_ALL;
    this.resolver = opts.resolver ?? null;
  }

  hostActive(): boolean {
    return this.host?.active?.() ?? false;
  }

  // ---- unix socket names

  /**
   * Binds `s` to `addr`: a path name creates an empty file there (Linux creates a socket inode;
   * the host file system may have no such thing), EADDRINUSE if anything exists; an abstract name
   * must be free; an unnamed address autobinds to an abstract name "\0xxxxx" (as Linux). Returns
   * the bound address or -errno.
   */
  bindUnix(t: Task, s: UnixBindable, addr: UnixAddr): UnixAddr | number {
    if (addr.kind === "path") {
      const hp = resolvePath(t, AT_FDCWD, bytesToByteString(addr.name), false);
      if (typeof hp === "number") return hp;
      const h = t.host.fs.open(hp, O.CREAT | O.EXCL | O.WRONLY, 0o777 & ~t.umask);
      if (h < 0) return h === -17 ? -EADDRINUSE : h;
      this.unixFiles.set(s, { fs: t.host.fs, h });
      t.fsnotify.created(hp); // unix_bind's vfs_mknod: IN_CREATE
      const st = t.host.fs.stat(hp, false);
      if (typeof st === "number") return st;
      // unix_bind makes a socket inode (S_IFSOCK | 0777 & ~umask): the placeholder shows as one
      // (stat, getdents, open's ENXIO), as mknod's does
      t.namedPipes.add(st, S_IFSOCK);
      const key = `p:${st.dev}:${st.ino}`;
      this.unixNames.set(key, s);
      s.boundKey = key;
      return addr;
    }
    let name = addr.name;
    if (addr.kind === "unnamed") {
      for (let i = 0; i < 0x100000; i++) {
        const n = (this.autobindNext++ & 0xfffff).toString(16).padStart(5, "0");
        const cand = new Uint8Array(6);
        cand.set(new TextEncoder().encode(n), 1);
        if (!this.unixNames.has(abstractKey(cand))) {
          name = cand;
          break;
        }
      }
      if (name.length === 0) return -EADDRINUSE;
    }
    const key = abstractKey(name);
    if (this.unixNames.has(key)) return -EADDRINUSE;
    this.unixNames.set(key, s);
    s.boundKey = key;
    return { family: AF_UNIX, kind: "abstract", name };
  }

  /** The socket bound to `addr`, or -errno (ENOENT and friends for paths, ECONNREFUSED for no socket there). */
  lookupUnix(t: Task, addr: UnixAddr): UnixBindable | number {
    let key: string;
    if (addr.kind === "path") {
      const hp = resolvePath(t, AT_FDCWD, bytesToByteString(addr.name), false);
      if (typeof hp === "number") return hp;
      const st = t.host.fs.stat(hp, true);
      if (typeof st === "number") return st;
      key = `p:${st.dev}:${st.ino}`;
    } else if (addr.kind === "abstract") key = abstractKey(addr.name);
    else return -ECONNREFUSED;
    return this.unixNames.get(key) ?? -ECONNREFUSED;
  }

  unbindUnix(s: UnixBindable): void {
    if (s.boundKey !== null && this.unixNames.get(s.boundKey) === s) this.unixNames.delete(s.boundKey);
    s.boundKey = null;
    const f = this.unixFiles.get(s);
    if (f) {
      this.unixFiles.delete(s);
      f.fs.close(f.h);
    }
  }

  /**
   * A local port for a socket bound to port 0 on a host that cannot listen (no host listener to
   * pick one): from Linux's default ephemeral range, 32768-60999, in turn.
   */
  ephemeralPort(): number {
    const p = 32768 + (this.nextEphemeral % (61000 - 32768));
    this.nextEphemeral++;
    return p;
  }

  // ---- the kernel's own resolver (pages)

  isResolver(a: InetAddr): boolean {
    const r = this.resolver;
    if (!r || a.port !== r.port) return false;
    return a.host === r.host || a.host === `::ffff:${r.host}`;
  }

  /** Answers a DNS query sent to the resolver address; `reply` gets the response (later), or never. */
  answerDns(query: Uint8Array, reply: (response: Uint8Array) => void): void {
    if (!this.host) return;
    // Loopback answers stay loopback: the guest's 127.0.0.1 is the host's in user mode.
    this.dns ??= new DnsProxy(this.host, this.policy, 0x7f000001, () => performance.now());
    this.dns.poll();
    this.dns.handle(query, reply);
  }
}

function abstractKey(name: Uint8Array): string {
  let s = "a:";
  for (const b of name) s += b.toString(16).padStart(2, "0");
  return s;
}

/** What networkOf needs of a LinuxHost. */
interface NetworkHolder {
  readonly network?: NetworkNamespace;
}

const defaults = new WeakMap<NetworkHolder, GuestNetwork>();

/** The network of a host: its own (LinuxHost.network), else one without host sockets (unix sockets only). */
export function networkOf(host: NetworkHolder): GuestNetwork {
  if (host.network instanceof GuestNetwork) return host.network;
  let n = defaults.get(host);
  if (!n) defaults.set(host, (n = new GuestNetwork()));
  return n;
}
