// A file time for Node's utimes family (utimesSync, lutimesSync, futimesSync), which takes seconds.
// A negative number means "now" to Node (its toUnixTimestamp), so a time before 1970 cannot go as a
// number; a numeric string is taken as it is. libuv keeps whole microseconds: it splits the double
// into seconds and a fraction, truncates the fraction's nanoseconds toward zero and drops the rest
// below a microsecond (uv__fs_to_timespec). The double of an exact decimal like 4.005006 is a hair
// below it, which that truncation took down to 4.005005, so the string carries half a microsecond
// more (away from zero): every whole microsecond arrives exactly, the digits below one are dropped.
export function utimesSeconds(ns: bigint): string {
  const abs = ns < 0n ? -ns : ns;
  const us = (abs % 1_000_000_000n) / 1000n;
  return `${ns < 0n ? "-" : ""}${abs / 1_000_000_000n}.${us.toString().padStart(6, "0")}5`;
}

/** Seconds and nanoseconds as a time in ns (the guest's struct timespec, a 9P time). */
export function timespecNs(sec: number, nsec: number): bigint {
  return BigInt(sec) * 1_000_000_000n + BigInt(nsec);
}
