// setsockopt/getsockopt (Linux's sk_setsockopt/sk_getsockopt and the protocol levels): SOL_SOCKET
// options are kept in Socket.opts with Linux's rules (buffer sizes doubled, timeouts as timevals,
// SO_ERROR cleared when read); options of the IP, IPv6, TCP and UDP levels are kept as set and
// read back, with Linux's values for those a program reads before setting (TCP_NODELAY 0,
// IP_TTL 64, IPV6_V6ONLY 0...). Options that change host behaviour are read where they matter
// (IPV6_V6ONLY when an AF_INET6 socket binds, SO_LINGER at close, timeouts when a call blocks).
import { EINVAL, ENOPROTOOPT, EOPNOTSUPP } from "../errno.ts";
import type { Struct } from "../struct.ts";
import type { TimevalField } from "../layouts.ts";
import { AF_INET6, AF_UNIX } from "./sockaddr.ts";
import { SO, SOCK_STREAM, SOL_IP, SOL_IPV6, SOL_SOCKET, SOL_TCP, SOL_UDP, type Socket } from "./socket.ts";

/** net.core.wmem_max / rmem_max (Linux's defaults): SO_SNDBUF/SO_RCVBUF are capped there before doubling. */
const WMEM_MAX = 212992;
const RMEM_MAX = 212992;
const SOCK_MIN_SNDBUF = 4608;
const SOCK_MIN_RCVBUF = 2304;

/** Values Linux reports for protocol options nobody set (as 4-byte ints unless given as bytes). */
const PROTO_DEFAULTS: Record<string, number | Uint8Array> = {
  // IP
  [`${SOL_IP}:1`]: 0, // IP_TOS
  [`${SOL_IP}:2`]: 64, // IP_TTL
  [`${SOL_IP}:3`]: 0, // IP_HDRINCL
  [`${SOL_IP}:4`]: new Uint8Array(0), // IP_OPTIONS
  [`${SOL_IP}:8`]: 0, // IP_PKTINFO
  [`${SOL_IP}:10`]: 1, // IP_MTU_DISCOVER (IP_PMTUDISC_WANT)
  [`${SOL_IP}:11`]: 0, // IP_RECVERR
  [`${SOL_IP}:12`]: 0, // IP_RECVTTL
  [`${SOL_IP}:13`]: 0, // IP_RECVTOS
  [`${SOL_IP}:15`]: 0, // IP_FREEBIND
  [`${SOL_IP}:19`]: 0, // IP_TRANSPARENT
  [`${SOL_IP}:32`]: 0, // IP_MULTICAST_IF
  [`${SOL_IP}:33`]: 1, // IP_MULTICAST_TTL
  [`${SOL_IP}:34`]: 1, // IP_MULTICAST_LOOP
  [`${SOL_IP}:49`]: 1, // IP_MULTICAST_ALL
  // IPv6
  [`${SOL_IPV6}:16`]: 64, // IPV6_UNICAST_HOPS
  [`${SOL_IPV6}:17`]: 0, // IPV6_MULTICAST_IF
  [`${SOL_IPV6}:18`]: 1, // IPV6_MULTICAST_HOPS
  [`${SOL_IPV6}:19`]: 1, // IPV6_MULTICAST_LOOP
  [`${SOL_IPV6}:23`]: 1, // IPV6_MTU_DISCOVER
  [`${SOL_IPV6}:25`]: 0, // IPV6_RECVERR
  [`${SOL_IPV6}:26`]: 0, // IPV6_V6ONLY
  [`${SOL_IPV6}:49`]: 0, // IPV6_RECVPKTINFO
  [`${SOL_IPV6}:67`]: 0, // IPV6_TCLASS
  // TCP
  [`${SOL_TCP}:1`]: 0, // TCP_NODELAY
  [`${SOL_TCP}:2`]: 536, // TCP_MAXSEG
  [`${SOL_TCP}:3`]: 0, // TCP_CORK
  [`${SOL_TCP}:4`]: 7200, // TCP_KEEPIDLE
  [`${SOL_TCP}:5`]: 75, // TCP_KEEPINTVL
  [`${SOL_TCP}:6`]: 9, // TCP_KEEPCNT
  [`${SOL_TCP}:7`]: 6, // TCP_SYNCNT
  [`${SOL_TCP}:8`]: 60, // TCP_LINGER2
  [`${SOL_TCP}:9`]: 0, // TCP_DEFER_ACCEPT
  [`${SOL_TCP}:10`]: 0, // TCP_WINDOW_CLAMP
  [`${SOL_TCP}:12`]: 1, // TCP_QUICKACK
  [`${SOL_TCP}:13`]: new TextEncoder().encode("cubic\0\0\0\0\0\0\0\0\0\0\0"), // TCP_CONGESTION (16 bytes)
  [`${SOL_TCP}:18`]: 0, // TCP_USER_TIMEOUT
  [`${SOL_TCP}:23`]: 0, // TCP_FASTOPEN
  [`${SOL_TCP}:25`]: 0, // TCP_NOTSENT_LOWAT
  // UDP
  [`${SOL_UDP}:1`]: 0, // UDP_CORK
  [`${SOL_UDP}:100`]: 0, // UDP_ENCAP
};

function int32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v, true);
  return b;
}

function readInt(v: Uint8Array): number | null {
  if (v.length < 4) return null;
  return new DataView(v.buffer, v.byteOffset, v.length).getInt32(0, true);
}

/** SO_RCVTIMEO/SO_SNDTIMEO values: the ABI's timeval for the _OLD options, a 64-bit one for _NEW. */
export interface TimeoutLayouts {
  timeval: Struct<TimevalField>;
}

function timeoutNs(L: TimeoutLayouts, name: number, v: Uint8Array): bigint | number {
  const newStyle = name === SO.RCVTIMEO_NEW || name === SO.SNDTIMEO_NEW;
  const size = newStyle ? 16 : L.timeval.size;
  if (v.length < size) return -EINVAL;
  let sec: bigint, usec: bigint;
  if (newStyle) {
    const dv = new DataView(v.buffer, v.byteOffset, 16);
    sec = dv.getBigInt64(0, true);
    usec = dv.getBigInt64(8, true);
  } else {
    const t = L.timeval.view(v);
    sec = t.getBig("tv_sec");
    usec = t.getBig("tv_usec");
  }
  if (usec < 0n || usec >= 1_000_000n) return -33; // EDOM, as sock_set_timeout
  if (sec < 0n) return 0n;
  return sec * 1_000_000_000n + usec * 1000n;
}

function timeoutBytes(L: TimeoutLayouts, name: number, ns: bigint): Uint8Array {
  const sec = ns / 1_000_000_000n;
  const usec = (ns % 1_000_000_000n) / 1000n;
  if (name === SO.RCVTIMEO_NEW || name === SO.SNDTIMEO_NEW) {
    const b = new Uint8Array(16);
    const dv = new DataView(b.buffer);
    dv.setBigInt64(0, sec, true);
    dv.setBigInt64(8, usec, true);
    return b;
  }
  const t = L.timeval.alloc();
  t.set("tv_sec", sec);
  t.set("tv_usec", usec);
  return t.bytes;
}

/** setsockopt: 0 or -errno. */
export function setSocketOption(L: TimeoutLayouts, s: Socket, level: number, name: number, v: Uint8Array): number {
  if (level !== SOL_SOCKET) {
    if (s.family === AF_UNIX) return -EOPNOTSUPP;
    if (level === SOL_TCP && s.type !== SOCK_STREAM) return -EOPNOTSUPP;
    if (level === SOL_IPV6 && s.family !== AF_INET6) return -ENOPROTOOPT;
    if (level !== SOL_IP && level !== SOL_IPV6 && level !== SOL_TCP && level !== SOL_UDP) return -ENOPROTOOPT;
    return s.setProtoOption(level, name, v);
  }
  const o = s.opts;
  if (name === SO.LINGER) {
    if (v.length < 8) return -EINVAL;
    const dv = new DataView(v.buffer, v.byteOffset, 8);
    o.linger = dv.getInt32(0, true) ? Math.max(0, dv.getInt32(4, true)) : null;
    return 0;
  }
  if (name === SO.RCVTIMEO_OLD || name === SO.SNDTIMEO_OLD || name === SO.RCVTIMEO_NEW || name === SO.SNDTIMEO_NEW) {
    const ns = timeoutNs(L, name, v);
    if (typeof ns === "number") return ns;
    if (name === SO.RCVTIMEO_OLD || name === SO.RCVTIMEO_NEW) o.rcvTimeoNs = ns;
    else o.sndTimeoNs = ns;
    return 0;
  }
  if (name === SO.BINDTODEVICE) return 0;
  const x = readInt(v);
  if (x === null) return -EINVAL;
  switch (name) {
    case SO.REUSEADDR:
      o.reuseAddr = x !== 0;
      return 0;
    case SO.REUSEPORT:
      o.reusePort = x !== 0;
      return 0;
    case SO.KEEPALIVE:
      o.keepAlive = x !== 0;
      return 0;
    case SO.BROADCAST:
      o.broadcast = x !== 0;
      return 0;
    case SO.OOBINLINE:
      o.oobInline = x !== 0;
      return 0;
    case SO.PASSCRED:
      o.passCred = x !== 0;
      return 0;
    case SO.SNDBUF:
    case SO.SNDBUFFORCE:
      o.sndBuf = Math.max(SOCK_MIN_SNDBUF, 2 * Math.min(Math.max(x, 0), name === SO.SNDBUF ? WMEM_MAX : 0x3fffffff));
      s.buffersChanged();
      return 0;
    case SO.RCVBUF:
    case SO.RCVBUFFORCE:
      o.rcvBuf = Math.max(SOCK_MIN_RCVBUF, 2 * Math.min(Math.max(x, 0), name === SO.RCVBUF ? RMEM_MAX : 0x3fffffff));
      s.buffersChanged();
      return 0;
    case SO.RCVLOWAT:
      o.rcvLowat = Math.max(1, x);
      return 0;
    case SO.PRIORITY:
      o.priority = x;
      return 0;
    case SO.MARK:
      o.mark = x;
      return 0;
    case SO.DEBUG:
    case SO.DONTROUTE:
    case SO.TIMESTAMP_OLD:
    case SO.NO_CHECK:
    case SO.BSDCOMPAT:
    case SO.PASSSEC:
    case SO.RXQ_OVFL:
    case SO.ZEROCOPY:
    case SO.BUSY_POLL:
    case SO.INCOMING_CPU:
    case SO.PEEK_OFF:
    case SO.SNDLOWAT:
      return 0;
  }
  return -ENOPROTOOPT;
}

/** getsockopt: the option's bytes (the caller copies at most optlen of them), or -errno. */
export function getSocketOption(L: TimeoutLayouts, s: Socket, level: number, name: number): Uint8Array | number {
  if (level !== SOL_SOCKET) {
    if (s.family === AF_UNIX) return -EOPNOTSUPP;
    if (level === SOL_TCP && s.type !== SOCK_STREAM) return -EOPNOTSUPP;
    if (level === SOL_IPV6 && s.family !== AF_INET6) return -ENOPROTOOPT;
    const set = s.getProtoOption(level, name);
    if (typeof set !== "number") return set;
    if (level === SOL_TCP && name === 11) {
      // TCP_INFO: tcpi_state (ESTABLISHED = 1, LISTEN = 10, CLOSE = 7), the rest zero.
      const b = new Uint8Array(232);
      b[0] = s.listening ? 10 : s.peerAddr() ? 1 : 7;
      return b;
    }
    const d = PROTO_DEFAULTS[`${level}:${name}`];
    if (d === undefined) return -ENOPROTOOPT;
    return typeof d === "number" ? int32(d) : d;
  }
  const o = s.opts;
  switch (name) {
    case SO.TYPE:
      return int32(s.type);
    case SO.DOMAIN:
      return int32(s.family);
    case SO.PROTOCOL:
      return int32(s.protocol || (s.family === AF_UNIX ? 0 : s.type === SOCK_STREAM ? 6 : 17));
    case SO.ERROR: {
      const e = s.softError;
      s.softError = 0;
      return int32(e);
    }
    case SO.ACCEPTCONN:
      return int32(s.listening ? 1 : 0);
    case SO.REUSEADDR:
      return int32(o.reuseAddr ? 1 : 0);
    case SO.REUSEPORT:
      return int32(o.reusePort ? 1 : 0);
    case SO.KEEPALIVE:
      return int32(o.keepAlive ? 1 : 0);
    case SO.BROADCAST:
      return int32(o.broadcast ? 1 : 0);
    case SO.OOBINLINE:
      return int32(o.oobInline ? 1 : 0);
    case SO.PASSCRED:
      return int32(o.passCred ? 1 : 0);
    case SO.SNDBUF:
      return int32(o.sndBuf);
    case SO.RCVBUF:
      return int32(o.rcvBuf);
    case SO.RCVLOWAT:
      return int32(o.rcvLowat);
    case SO.SNDLOWAT:
      return int32(1);
    case SO.PRIORITY:
      return int32(o.priority);
    case SO.MARK:
      return int32(o.mark);
    case SO.DEBUG:
    case SO.DONTROUTE:
    case SO.TIMESTAMP_OLD:
    case SO.NO_CHECK:
    case SO.BSDCOMPAT:
    case SO.PASSSEC:
    case SO.RXQ_OVFL:
    case SO.ZEROCOPY:
    case SO.BUSY_POLL:
      return int32(0);
    case SO.PEEK_OFF:
      return int32(-1);
    case SO.INCOMING_CPU:
      return int32(-1);
    case SO.LINGER: {
      const b = new Uint8Array(8);
      const dv = new DataView(b.buffer);
      dv.setInt32(0, o.linger === null ? 0 : 1, true);
      dv.setInt32(4, o.linger ?? 0, true);
      return b;
    }
    case SO.RCVTIMEO_OLD:
    case SO.RCVTIMEO_NEW:
      return timeoutBytes(L, name, o.rcvTimeoNs);
    case SO.SNDTIMEO_OLD:
    case SO.SNDTIMEO_NEW:
      return timeoutBytes(L, name, o.sndTimeoNs);
    case SO.PEERCRED: {
      const c = s.peerCred();
      const b = new Uint8Array(12);
      const dv = new DataView(b.buffer);
      dv.setInt32(0, c?.pid ?? 0, true);
      dv.setInt32(4, c?.uid ?? -1, true);
      dv.setInt32(8, c?.gid ?? -1, true);
      return b;
    }
    case SO.BINDTODEVICE:
      return new Uint8Array(0);
  }
  return -ENOPROTOOPT;
}
