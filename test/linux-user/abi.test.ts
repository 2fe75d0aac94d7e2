// The architecture-independent parts of Linux user mode that the riscv64 guest does not exercise
// by itself: ELF32 parsing and loading (checked against binutils' readelf on Debian's i386 and
// armhf binaries), the one-line errors for executables of another machine or class, the initial
// stack with 4-byte words, 64-bit syscall arguments in register pairs, declarative structs, and
// that src/linux-user has no import cycles.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot, riscvTestdataDir, sysrootDir, type DebianArch } from "../../tools/debian/paths.ts";
import { AddressSpace } from "../../src/linux-user/address-space.ts";
import { PhysicalMemory } from "../../src/linux-user/phys-mem.ts";
import { AT, buildInitialStack, imageSpan, loadElfImage, parseElf, type ElfTarget } from "../../src/linux-user/elf.ts";
import { riscv64Abi } from "../../src/linux-user/riscv64/abi.ts";
import { struct } from "../../src/linux-user/struct.ts";
import { SyscallArgs, compileArgs } from "../../src/linux-user/syscall-args.ts";

const I386: ElfTarget = { machine: 3, machineName: "i386", elfClass: 1, wrongClass: "64-bit ELF; only i386 is supported" };
const ARM: ElfTarget = { machine: 40, machineName: "ARM", elfClass: 1, wrongClass: "64-bit ELF; only 32-bit ARM is supported" };

function tool(name: string): string {
  const r = spawnSync("which", [name], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${name} is missing: apt-get install binutils-i686-linux-gnu binutils-arm-linux-gnueabihf`);
  return r.stdout.trim();
}

function sysrootProgram(arch: DebianArch, name: string): string {
  const p = join(sysrootDir(arch), "usr", "bin", name);
  try {
    statSync(p);
  } catch {
    throw new Error(`no ${arch} sysroot: run 'bash tools/debian/fetch.sh sysroot ${arch}'`);
  }
  return p;
}

interface ReadelfInfo {
  type: string;
  entry: number;
  segments: Array<{ type: string; offset: number; vaddr: number; filesz: number; memsz: number; flags: number }>;
  interp: string | null;
}

function readelf(bin: string, file: string): ReadelfInfo {
  const r = spawnSync(tool(bin), ["-lhW", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${bin} failed: ${r.stderr}`);
  const type = /Type:\s+(\w+)/.exec(r.stdout)![1];
  const entry = Number(/Entry point address:\s+(0x[0-9a-f]+)/.exec(r.stdout)![1]);
  const segments: ReadelfInfo["segments"] = [];
  let interp: string | null = null;
  for (const line of r.stdout.split("\n")) {
    const m = /^\s+([A-Z_]+)\s+(0x[0-9a-f]+) (0x[0-9a-f]+) 0x[0-9a-f]+ (0x[0-9a-f]+) (0x[0-9a-f]+) ([RWE ]{3}) /.exec(line);
    if (m) {
      const f = m[6];
      const flags = (f[0] === "R" ? 4 : 0) | (f[1] === "W" ? 2 : 0) | (f[2] === "E" ? 1 : 0);
      segments.push({ type: m[1], offset: Number(m[2]), vaddr: Number(m[3]), filesz: Number(m[4]), memsz: Number(m[5]), flags });
    }
    const i = /Requesting program interpreter: (.*)\]/.exec(line);
    if (i) interp = i[1];
  }
  return { type, entry, segments, interp };
}

const TYPES: Record<number, string> = {
  1: "LOAD",
  2: "DYNAMIC",
  3: "INTERP",
  4: "NOTE",
  6: "PHDR",
  7: "TLS",
  0x6474e550: "GNU_EH_FRAME",
  0x6474e551: "GNU_STACK",
  0x6474e552: "GNU_RELRO",
  0x6474e553: "GNU_PROPERTY",
  0x70000001: "EXIDX",
};

describe("ELF32", () => {
  const cases: Array<[DebianArch, string, ElfTarget, string]> = [
    ["i386", "i686-linux-gnu-readelf", I386, "basename"],
    ["i386", "i686-linux-gnu-readelf", I386, "busybox"],
    ["armhf", "arm-linux-gnueabihf-readelf", ARM, "basename"],
  ];
  for (const [arch, bin, target, prog] of cases) {
    test(`${arch} ${prog}: headers as readelf shows them, and loaded below 4 GiB`, () => {
      const file = sysrootProgram(arch, prog);
      const data = new Uint8Array(readFileSync(file));
      const want = readelf(bin, file);
      const info = parseElf(data, file, target);
      expect(info.elfClass).toBe(1);
      expect(info.type).toBe(want.type === "DYN" ? 3 : 2);
      expect(info.entry).toBe(want.entry);
      expect(info.interp).toBe(want.interp);
      expect(info.segments.map((s) => ({ ...s, type: TYPES[s.type] ?? `0x${s.type.toString(16)}` }))).toEqual(want.segments);
      expect(info.execStack).toBe(want.segments.some((s) => s.type === "GNU_STACK" && s.flags & 1));

      // Load a PIE where a 32-bit Linux would and check every byte of every segment.
      const as = new AddressSpace(new PhysicalMemory(64 << 20));
      const bias = info.type === 3 ? 0x56555000 - imageSpan(info).lo : 0;
      const img = loadElfImage(as, data, info, bias);
      expect(img.end).toBeLessThan(2 ** 32);
      for (const s of info.segments.filter((x) => x.type === 1)) {
        const got = Buffer.from(as.read(s.vaddr + bias, s.memsz)!);
        expect(got.subarray(0, s.filesz).equals(data.subarray(s.offset, s.offset + s.filesz)), `segment at 0x${s.vaddr.toString(16)}`).toBe(
          true,
        );
        expect(got.subarray(s.filesz).every((b) => b === 0)).toBe(true);
      }
    });
  }

  test("the right machine and class, with one-line errors", () => {
    const i386 = new Uint8Array(readFileSync(sysrootProgram("i386", "basename")));
    const arm = new Uint8Array(readFileSync(sysrootProgram("armhf", "basename")));
    const riscv = new Uint8Array(readFileSync(join(riscvTestdataDir(), "demo.elf")));
    const x86_64 = new Uint8Array(readFileSync(join(riscvTestdataDir(), "bad", "x86_64.elf")));
    const rv32 = new Uint8Array(readFileSync(join(riscvTestdataDir(), "bad", "riscv32.elf")));
    expect(() => parseElf(i386, "p", riscv64Abi.elf)).toThrow(/^p: ELF for i386, not RISC-V$/);
    expect(() => parseElf(arm, "p", riscv64Abi.elf)).toThrow(/^p: ELF for ARM, not RISC-V$/);
    expect(() => parseElf(rv32, "p", riscv64Abi.elf)).toThrow(/^p: 32-bit ELF \(riscv32\); only riscv64 is supported$/);
    expect(() => parseElf(riscv, "p", I386)).toThrow(/^p: ELF for RISC-V, not i386$/);
    expect(() => parseElf(x86_64, "p", I386)).toThrow(/^p: ELF for x86-64, not i386$/);
    expect(() => parseElf(arm, "p", I386)).toThrow(/^p: ELF for ARM, not i386$/);
    expect(() => parseElf(i386.subarray(0, 40), "p", I386)).toThrow(/^p: truncated ELF header$/);
    expect(parseElf(riscv, "p", riscv64Abi.elf).elfClass).toBe(2);
  });
});

describe("initial stack", () => {
  for (const wordBytes of [4, 8] as const) {
    test(`${wordBytes}-byte words: argc, argv, envp, auxv, strings, alignment`, () => {
      const as = new AddressSpace(new PhysicalMemory(1 << 20));
      const top = 0xfffde000;
      as.map(top - 0x10000, 0x10000, 3);
      const random = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
      const sp = buildInitialStack(
        as,
        top - wordBytes,
        ["prog", "a b"],
        ["X=1"],
        [[AT.PAGESZ, 4096]],
        "/bin/prog",
        random,
        wordBytes,
        "i686",
      );
      expect(sp % 16).toBe(0);
      const word = (i: number) => {
        const b = as.read(sp + i * wordBytes, wordBytes)!;
        const dv = new DataView(b.buffer);
        return wordBytes === 4 ? dv.getUint32(0, true) : Number(dv.getBigUint64(0, true));
      };
      const str = (a: number) => new TextDecoder().decode(as.readCString(a)!);
      expect(word(0)).toBe(2);
      expect([str(word(1)), str(word(2)), word(3)]).toEqual(["prog", "a b", 0]);
      expect([str(word(4)), word(5)]).toEqual(["X=1", 0]);
      const aux = new Map<number, number>();
      for (let i = 6; word(i) !== AT.NULL; i += 2) aux.set(word(i), word(i + 1));
      expect(aux.get(AT.PAGESZ)).toBe(4096);
      expect(as.read(aux.get(AT.RANDOM)!, 16)).toEqual(random);
      expect(str(aux.get(AT.EXECFN)!)).toBe("/bin/prog");
      expect(str(aux.get(AT.PLATFORM)!)).toBe("i686");
    });
  }
});

describe("syscall arguments", () => {
  test("64-bit arguments in register pairs on a 32-bit ABI, sign and zero extension", () => {
    const a = new SyscallArgs(32);
    a.rawLo.set([-1, 0x7fff0000, 5, 0x89abcdef | 0, 0x12, 0, 0, 0]);
    a.load(compileArgs([0, 1, 2, [3, 4]]));
    expect(a.int(0)).toBe(-1);
    expect(a.long(0)).toBe(-1);
    expect(a.ptr(0)).toBe(0xffffffff);
    expect(a.ptr(1)).toBe(0x7fff0000);
    expect(a.long(3)).toBe(0x12 * 2 ** 32 + 0x89abcdef);
    a.load(null);
    expect(a.ptr(3)).toBe(0x89abcdef);
    expect(a.long(3)).toBe((0x89abcdef | 0) as number);
  });
  test("64-bit registers", () => {
    const a = new SyscallArgs(64);
    a.rawLo.set([-1, 0x1000, 0, 0, 0, 0, 0, 0]);
    a.rawHi.set([-1, 0x3f, 0, 0, 0, 0, 0, 0]);
    a.load(null);
    expect(a.long(0)).toBe(-1);
    expect(a.int(0)).toBe(-1);
    expect(a.big(0)).toBe(-1n);
    expect(a.ptr(1)).toBe(0x3f00001000);
  });
});

describe("struct layouts", () => {
  test("fields by name, 64-bit values as numbers or bigints, optional fields", () => {
    const s = struct("t", 24, { a: [0, "s64"], b: [8, "u32"], c: [12, "s16"], d: [16, "u64"] });
    const b = s
      .alloc()
      .set("a", -5)
      .set("b", 0xfffffffe)
      .set("c", -2)
      .set("d", 2n ** 64n - 1n);
    b.setOpt("missing", 1);
    const v = s.view(b.bytes);
    expect([v.get("a"), v.get("b"), v.get("c"), v.getBig("d"), v.getOpt("missing")]).toEqual([-5, 0xfffffffe, -2, 2n ** 64n - 1n, 0]);
    expect(() => struct("bad", 8, { x: [6, "u32"] })).toThrow(/outside the struct/);
  });
});

describe("module structure", () => {
  test("no import cycles in src/linux-user or what it imports", () => {
    const graph = new Map<string, string[]>();
    const visit = (file: string) => {
      if (graph.has(file)) return;
      const src = readFileSync(file, "utf8");
      const deps = [...src.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gs)].map((m) => resolve(dirname(file), m[1]));
      graph.set(file, deps);
      deps.forEach(visit);
    };
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith(".ts")) visit(join(dir, e.name));
    };
    walk(join(repoRoot(), "src", "linux-user"));
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const dfs = (f: string) => {
      state.set(f, 1);
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 1) cycles.push(stack.slice(stack.indexOf(d)).concat(d).join(" -> "));
        else if (!state.has(d)) dfs(d);
      }
      stack.pop();
      state.set(f, 2);
    };
    for (const f of graph.keys()) if (!state.has(f)) dfs(f);
    expect(cycles).toEqual([]);
  });
});
