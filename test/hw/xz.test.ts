// The XZ decoder against xz-utils: files compressed at test time by the host's `xz` with every
// filter, check type and LZMA2 setting we decode, multi-block and multi-stream files with padding,
// the real LZMA2+ARM-BCJ payload of Debian's armmp zImage (compared with `xz -dc` of the same
// bytes), and damaged input, which must give XzError and nothing else. `xz` is required
// (`apt-get install xz-utils`); the zImage comes from `bash tools/debian/fetch.sh system-arm`.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { crc32 } from "../../src/hw/xz/crc32.ts";
import { crc64 } from "../../src/hw/xz/crc64.ts";
import { sha256 } from "../../src/hw/xz/sha256.ts";
import { XzError, xzDecompress, xzStreamStart } from "../../src/hw/xz/xz.ts";
import { findZImagePayload } from "../../src/hw/arm-zimage.ts";
import { sysrootDir, systemArmDir } from "../../tools/debian/paths.ts";

function xz(args: string[], input: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(execFileSync("xz", args, { input, maxBuffer: 1 << 28 }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error("xz not found: apt-get install xz-utils");
    throw e;
  }
}

/** Deterministic pseudo-random bytes (xorshift32). */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s;
  }
  return out;
}

/** Text-like data with long repeats, short repeats and literals: exercises every LZMA symbol kind. */
function mixed(n: number, seed: number): Uint8Array {
  const words = ["the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ", "\n", "0123456789", "tciemu "];
  const r = noise(n, seed);
  const out = new Uint8Array(n);
  let o = 0;
  let i = 0;
  while (o < n) {
    const k = r[i++ % n];
    if (k < 40 && o > 300) {
      // a long copy from far back
      const from = (o - 1 - (((r[(i + 1) % n] << 8) | r[(i + 2) % n]) % o)) | 0;
      const len = Math.min(n - o, 20 + (r[(i + 3) % n] % 200));
      for (let j = 0; j < len; j++) out[o++] = out[from + j];
    } else if (k < 60) {
      out[o++] = r[(i + 5) % n]; // a literal
    } else {
      const w = words[k % words.length];
      for (let j = 0; j < w.length && o < n; j++) out[o++] = w.charCodeAt(j);
    }
  }
  return out;
}

/** A host ELF or an armhf one from the sysroot, as real machine code for the branch filters. */
function machineCode(path: string, fallbackSeed: number): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path)).subarray(0, 1 << 20);
  } catch {
    return mixed(1 << 19, fallbackSeed);
  }
}

function roundTrip(data: Uint8Array, args: string[]): void {
  const packed = xz(["-z", "-c", ...args], data);
  const out = xzDecompress(packed);
  expect(out.length).toBe(data.length);
  expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
}

describe("checksums", () => {
  test("CRC32, CRC64 and SHA-256 of the standard check strings", () => {
    const s = new TextEncoder().encode("123456789");
    expect(crc32(s)).toBe(0xcbf43926);
    const [lo, hi] = crc64(s);
    expect(((BigInt(hi) << 32n) | BigInt(lo)).toString(16)).toBe("995dc9bbdf1939fa");
    const abc = new TextEncoder().encode("abc");
    expect(Buffer.from(sha256(abc)).toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const long = noise(1000, 9);
    expect(crc32(long, 0, 1000)).toBe(crc32(long.subarray(500), 0, 500, crc32(long, 0, 500)));
  });
});

describe("xz round trips against xz-utils", () => {
  const text = mixed(300_000, 1);
  const random = noise(100_000, 2);

  test.each([
    ["-0", []],
    ["-6", ["-6"]],
    ["-9e", ["-9e"]],
    ["CRC32", ["--check=crc32"]],
    ["no check", ["--check=none"]],
    ["SHA-256", ["--check=sha256"]],
    ["lc=0 lp=4 pb=4", ["--lzma2=preset=6,lc=0,lp=4,pb=4"]],
    ["lc=4 lp=0 pb=0", ["--lzma2=preset=6,lc=4,lp=0,pb=0"]],
    ["small dictionary", ["--lzma2=dict=4KiB"]],
    ["nice=273 depth=0 mf=bt4", ["--lzma2=preset=9,nice=273,mf=bt4"]],
    ["fast mode hc3", ["--lzma2=preset=1,mode=fast,mf=hc3"]],
    ["many blocks", ["--block-size=10000"]],
    ["block sizes in headers", ["-T2", "--block-size=65536"]],
  ] as [string, string[]][])("text, %s", (_name, args) => roundTrip(text, args));

  test("incompressible data becomes uncompressed LZMA2 chunks", () => roundTrip(random, ["-6"]));
  test("empty input", () => roundTrip(new Uint8Array(0), []));
  test("one byte", () => roundTrip(new Uint8Array([42]), []));
  test("long runs (overlapping matches, distance 0)", () => {
    const d = new Uint8Array(200_000);
    d.fill(7, 0, 100_000);
    for (let i = 100_000; i < d.length; i++) d[i] = i % 3;
    roundTrip(d, []);
  });

  test.each([
    ["--x86", "/usr/bin/xz"],
    ["--arm", join(sysrootDir("armhf"), "usr/bin/busybox")],
    ["--armthumb", join(sysrootDir("armhf"), "usr/bin/busybox")],
    ["--arm64", "/usr/bin/xz"],
    ["--powerpc", "/usr/bin/xz"],
    ["--ia64", "/usr/bin/xz"],
    ["--sparc", "/usr/bin/xz"],
  ])("BCJ filter %s", (filter, file) => {
    const code = machineCode(file, 3);
    roundTrip(code, [filter, "--lzma2=preset=6"]);
    roundTrip(noise(65_536, 4), [filter, "--lzma2=preset=0"]); // random bytes hit every branch pattern
    roundTrip(code.subarray(0, 70_001), [`${filter}=start=4096`, "--lzma2=preset=1"]);
  });

  test("delta filter, and three filters in a chain", () => {
    const samples = new Uint8Array(100_000);
    for (let i = 0; i < samples.length; i++) samples[i] = (128 + 100 * Math.sin(i / 50)) & 0xff;
    roundTrip(samples, ["--delta=dist=1", "--lzma2=preset=6"]);
    roundTrip(samples, ["--delta=dist=256", "--lzma2=preset=6"]);
    roundTrip(machineCode("/usr/bin/xz", 5), ["--delta=dist=4", "--x86", "--lzma2=preset=3"]);
  });

  test("concatenated streams with stream padding", () => {
    const a = xz(["-zc", "--check=crc64"], text.subarray(0, 1000));
    const b = xz(["-zc", "--check=sha256"], text.subarray(1000, 5000));
    const cat = new Uint8Array(a.length + 8 + b.length + 4);
    cat.set(a, 0);
    cat.set(b, a.length + 8);
    expect(Buffer.from(xzDecompress(cat)).equals(Buffer.from(text.subarray(0, 5000)))).toBe(true);
    expect(xzStreamStart(cat, a.length)).toBe(0);
    expect(xzStreamStart(cat, a.length + 8 + b.length)).toBe(a.length + 8);
  });
});

describe("damaged input gives XzError", () => {
  const data = mixed(40_000, 7);
  const packed = xz(["-zc", "--check=crc64", "--block-size=15000"], data);

  const expectXzError = (bad: Uint8Array) => {
    let err: unknown = null;
    let out: Uint8Array | null = null;
    try {
      out = xzDecompress(bad, { maxOutput: 1 << 24 });
    } catch (e) {
      err = e;
    }
    if (err === null) {
      // Only a flip in something no check covers may go unnoticed, and then the output is right.
      expect(Buffer.from(out!).equals(Buffer.from(data))).toBe(true);
    } else {
      expect(err).toBeInstanceOf(XzError);
    }
  };

  test("every truncation", () => {
    for (let n = 0; n < packed.length; n += n < 64 ? 1 : 97) expectXzError(packed.subarray(0, n));
  });

  test("2000 single-byte corruptions (seeded)", () => {
    const r = noise(4000, 11);
    for (let k = 0; k < 2000; k++) {
      const bad = packed.slice();
      const at = ((r[2 * k] << 8) | r[2 * k + 1]) % bad.length;
      bad[at] ^= 1 << (r[(k * 7) % r.length] & 7) || 1;
      expectXzError(bad);
    }
  });

  test("garbage, wrong magic, unsupported things", () => {
    expectXzError(new Uint8Array(0));
    expectXzError(noise(4096, 12));
    const bad = packed.slice();
    bad[0] = 0;
    expectXzError(bad);
    expect(() => xzDecompress(packed, { maxOutput: 100 })).toThrow(XzError);
  });
});

describe("Debian's armmp zImage payload", () => {
  test("the LZMA2 + ARM BCJ stream decodes to what xz -dc gives", () => {
    const boot = join(systemArmDir(), "boot");
    let names: string[] = [];
    try {
      names = readdirSync(boot).filter((n) => /^vmlinuz-.*armmp/.test(n));
    } catch {
      // reported below
    }
    if (names.length === 0) throw new Error(`no armmp kernel in ${boot}: run bash tools/debian/fetch.sh system-arm`);
    const zimage = new Uint8Array(readFileSync(join(boot, names[0])));
    const p = findZImagePayload(zimage);
    expect(p.format).toBe("xz");
    const stream = zimage.subarray(p.start, p.end);
    const ours = xzDecompress(stream);
    const theirs = xz(["-dc"], stream);
    expect(ours.length).toBe(p.inflatedSize);
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  }, 60_000);
});
