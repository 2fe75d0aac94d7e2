// A file time for Node's utimes family (utimesSync, lutimesSync, futimesSync), which takes seconds.
// A negative number means "now" to Node (its toUnixTimestamp), so a time before 1970 cannot go as a
// number; a numeric string is taken as it is, and the exact decimal of the nanoseconds loses nothing
// Node could keep (libuv keeps microseconds).
export function utimesSeconds(ns: bigint): string {
  const abs = ns < 0n ? -ns : ns;
  return `${ns < 0n ? "-" : ""}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, "0")}`;
}

/** Seconds and nanoseconds as a time in ns (the guest's struct timespec, a 9P time). */
export function timespecNs(sec: number, nsec: number): bigint {
  return BigInt(sec) * 1_000_000_000n + BigInt(nsec);
}
