// The Node.js side of Linux user mode: host stdio, clocks and randomness. (The file system part of
// the host lives here too as it grows; nothing under src/ except src/cli imports Node.)
import { readSync, writeSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import type { LinuxHost } from "../linux-user/host.ts";

export class NodeLinuxHost implements LinuxHost {
  private readonly t0 = process.hrtime.bigint();
  writeStdout(d: Uint8Array): void {
    writeAll(1, d);
  }
  writeStderr(d: Uint8Array): void {
    writeAll(2, d);
  }
  readStdin(max: number): Uint8Array {
    const b = Buffer.alloc(Math.min(max, 1 << 16));
    for (;;) {
      try {
        const n = readSync(0, b, 0, b.length, null);
        return new Uint8Array(b.buffer, b.byteOffset, n);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") continue;
        if (code === "EOF") return new Uint8Array(0);
        throw e;
      }
    }
  }
  realtimeNs(): bigint {
    return BigInt(Date.now()) * 1_000_000n;
  }
  monotonicNs(): bigint {
    return process.hrtime.bigint() - this.t0;
  }
  randomBytes(n: number): Uint8Array {
    return randomFillSync(new Uint8Array(n));
  }
}

function writeAll(fd: number, d: Uint8Array): void {
  let off = 0;
  while (off < d.length) {
    try {
      off += writeSync(fd, d, off, d.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}
