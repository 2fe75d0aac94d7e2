// Socket addresses as the guest passes them (struct sockaddr_in, sockaddr_in6, sockaddr_un: the same
// layout on every Linux ABI, ports in network byte order) and as tciemu keeps them: inet addresses
// as host text ("127.0.0.1", "::1") and a port, unix addresses as the raw bytes of sun_path.
import { parseDottedQuad } from "../../net/ipv4-address.ts";
import { formatIpv6, isV4Mapped, parseIpv6 } from "../../net/ipv6-address.ts";
import { EAFNOSUPPORT, EFAULT, EINVAL } from "../errno.ts";
import type { Task } from "../task.ts";

export const AF_UNSPEC = 0,
  AF_UNIX = 1,
  AF_INET = 2,
  AF_INET6 = 10,
  AF_NETLINK = 16,
  AF_PACKET = 17;

export const SOCKADDR_IN_SIZE = 16;
export const SOCKADDR_IN6_SIZE = 28;
/** sizeof(struct sockaddr_un): sun_family and a 108-byte sun_path. */
export const SOCKADDR_UN_SIZE = 110;
export const UNIX_PATH_MAX = 108;
/** The largest address a guest may pass (struct sockaddr_storage). */
export const SOCKADDR_MAX = 128;

export interface InetAddr {
  family: typeof AF_INET | typeof AF_INET6;
  /** Dotted quad for AF_INET, RFC 5952 text for AF_INET6. */
  host: string;
  port: number;
  flowinfo?: number;
  scopeId?: number;
}

export interface UnixAddr {
  family: typeof AF_UNIX;
  /**
   * "path": a file system name (bytes up to the first NUL); "abstract": Linux's abstract namespace
   * (`name` includes the leading NUL); "unnamed": no name (an unbound or socketpair socket).
   */
  kind: "path" | "abstract" | "unnamed";
  name: Uint8Array;
}

export interface UnspecAddr {
  family: typeof AF_UNSPEC;
}

export type SockAddr = InetAddr | UnixAddr | UnspecAddr;

export const UNNAMED: UnixAddr = { family: AF_UNIX, kind: "unnamed", name: new Uint8Array(0) };

const dec = new TextDecoder();

/** Text form of a unix address for messages and keys ("@name" for abstract ones, as ss(8) shows them). */
export function unixName(a: UnixAddr): string {
  if (a.kind === "abstract") return "@" + dec.decode(a.name.subarray(1));
  return dec.decode(a.name);
}

/**
 * Decodes a guest sockaddr of `bytes.length` (the guest's addrlen) bytes; -EINVAL for short or
 * malformed ones, -EAFNOSUPPORT for families tciemu does not have.
 */
export function parseSockaddr(bytes: Uint8Array): SockAddr | number {
  if (bytes.length < 2) return -EINVAL;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const family = dv.getUint16(0, true);
  switch (family) {
    case AF_UNSPEC:
      return { family: AF_UNSPEC };
    case AF_INET: {
      if (bytes.length < SOCKADDR_IN_SIZE) return -EINVAL;
      return { family, host: `${bytes[4]}.${bytes[5]}.${bytes[6]}.${bytes[7]}`, port: dv.getUint16(2, false) };
    }
    case AF_INET6: {
      // Linux accepts the 24-byte RFC 2133 form without sin6_scope_id.
      if (bytes.length < 24) return -EINVAL;
      return {
        family,
        host: formatIpv6(bytes.subarray(8, 24)),
        port: dv.getUint16(2, false),
        flowinfo: dv.getUint32(4, false),
        scopeId: bytes.length >= SOCKADDR_IN6_SIZE ? dv.getUint32(24, true) : 0,
      };
    }
    case AF_UNIX: {
      if (bytes.length > SOCKADDR_UN_SIZE) return -EINVAL;
      const path = bytes.subarray(2);
      if (path.length === 0) return { family, kind: "unnamed", name: new Uint8Array(0) };
      if (path[0] === 0) return { family, kind: "abstract", name: path.slice() };
      const nul = path.indexOf(0);
      const name = (nul >= 0 ? path.subarray(0, nul) : path).slice();
      return { family, kind: "path", name };
    }
  }
  return -EAFNOSUPPORT;
}

/** The guest's bytes for an address (what getsockname/accept/recvfrom return). */
export function encodeSockaddr(a: SockAddr): Uint8Array {
  switch (a.family) {
    case AF_INET: {
      const b = new Uint8Array(SOCKADDR_IN_SIZE);
      const dv = new DataView(b.buffer);
      dv.setUint16(0, AF_INET, true);
      dv.setUint16(2, a.port, false);
      const ip = parseDottedQuad(a.host) ?? 0;
      dv.setUint32(4, ip, false);
      return b;
    }
    case AF_INET6: {
      const b = new Uint8Array(SOCKADDR_IN6_SIZE);
      const dv = new DataView(b.buffer);
      dv.setUint16(0, AF_INET6, true);
      dv.setUint16(2, a.port, false);
      dv.setUint32(4, a.flowinfo ?? 0, false);
      b.set(parseIpv6(a.host) ?? new Uint8Array(16), 8);
      dv.setUint32(24, a.scopeId ?? 0, true);
      return b;
    }
    case AF_UNIX: {
      // Linux returns sun_family, the name and, for path names, the terminating NUL.
      const extra = a.kind === "path" ? 1 : 0;
      const b = new Uint8Array(2 + a.name.length + extra);
      b[0] = AF_UNIX;
      b.set(a.name, 2);
      return b;
    }
    default: {
      const b = new Uint8Array(2);
      return b;
    }
  }
}

/** Reads the guest's (addr, addrlen) argument pair; -EFAULT/-EINVAL as Linux's move_addr_to_kernel. */
export function readSockaddr(t: Task, addr: number, len: number): SockAddr | number {
  if (len < 0 || len > SOCKADDR_MAX) return -EINVAL;
  if (len === 0) return -EINVAL;
  const b = t.as.read(addr, len);
  if (!b) return -EFAULT;
  return parseSockaddr(b);
}

/**
 * Writes an address to the guest's (addr, socklen_t *addrlen) pair as Linux's move_addr_to_user:
 * at most *addrlen bytes, and *addrlen becomes the address's full length. Nothing when addr is 0.
 */
export function writeSockaddr(t: Task, addr: number, lenPtr: number, a: SockAddr): number {
  if (addr === 0) return 0;
  const lb = t.as.read(lenPtr, 4);
  if (!lb) return -EFAULT;
  const have = new DataView(lb.buffer, lb.byteOffset).getInt32(0, true);
  if (have < 0) return -EINVAL;
  const bytes = encodeSockaddr(a);
  const n = Math.min(have, bytes.length);
  if (n > 0 && !t.as.write(addr, bytes.subarray(0, n))) return -EFAULT;
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  return t.as.write(lenPtr, out) ? 0 : -EFAULT;
}

/**
 * The host's text for an inet address on a socket of `family`: an AF_INET6 socket shows IPv4 peers
 * as mapped addresses (::ffff:a.b.c.d), as Linux does for dual-stack sockets.
 */
export function inetFromHost(family: typeof AF_INET | typeof AF_INET6, host: string, port: number): InetAddr {
  if (family === AF_INET) {
    const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
    return { family, host: m ? m[1] : parseDottedQuad(host) !== null ? host : "0.0.0.0", port };
  }
  if (parseDottedQuad(host) !== null) return { family, host: `::ffff:${host}`, port };
  const b = parseIpv6(host);
  return { family, host: b ? formatIpv6(b) : "::", port };
}

/** The address the host should use for a guest inet address: IPv4-mapped IPv6 becomes plain IPv4. */
export function hostText(a: InetAddr): string {
  if (a.family === AF_INET6) {
    const b = parseIpv6(a.host);
    if (b && isV4Mapped(b)) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  }
  return a.host;
}

/** The wildcard address of a family (INADDR_ANY, in6addr_any). */
export function anyAddr(family: typeof AF_INET | typeof AF_INET6): InetAddr {
  return family === AF_INET ? { family, host: "0.0.0.0", port: 0 } : { family, host: "::", port: 0 };
}
