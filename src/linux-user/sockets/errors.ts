// Host-socket errors (src/net/host-sockets.ts's small code set) as the errno a Linux socket call returns.
import type { HostError } from "../../net/host-sockets.ts";
import { EACCES, EADDRINUSE, ECONNREFUSED, ECONNRESET, EHOSTUNREACH, EIO, ENOENT, EPERM, ETIMEDOUT } from "../errno.ts";

/** A positive errno for a host error (null: an orderly close, 0). */
export function errnoOfHost(e: HostError | null, fallback = ECONNRESET): number {
  if (e === null) return 0;
  switch (e.code) {
    case "refused":
      return ECONNREFUSED;
    case "unreachable":
      return EHOSTUNREACH;
    case "timeout":
      return ETIMEDOUT;
    case "reset":
      return ECONNRESET;
    case "in-use":
      return EADDRINUSE;
    case "access":
      return EACCES;
    case "not-found":
      return ENOENT;
    case "denied":
      return EPERM;
    default:
      return fallback === 0 ? EIO : fallback;
  }
}
