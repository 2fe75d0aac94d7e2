// The multi-process memory model: one pool of physical pages, per-process page tables, the zero
// page, copy-on-write after fork, MAP_SHARED pages that stay shared, the page cache sharing file
// pages between mappings, every page coming back when address spaces are released, and the pool in
// a SharedArrayBuffer (as the Node CLIs give it) behaving as in an ArrayBuffer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BufferHost, LinuxProcess } from "../../src/linux-user/index.ts";
import { repoRoot } from "../../tools/debian/paths.ts";
import { AddressSpace, PROT_EXEC, PROT_READ, PROT_WRITE } from "../../src/linux-user/address-space.ts";
import { PageCache, bytesSource, mapFile, type FileSource } from "../../src/linux-user/page-cache.ts";
import { OutOfGuestMemory, PhysicalMemory } from "../../src/linux-user/phys-mem.ts";

const RW = PROT_READ | PROT_WRITE;
const A = 0x10000;

function bytes(...xs: number[]): Uint8Array {
  return Uint8Array.from(xs);
}

describe("address spaces over one physical pool", () => {
  test("anonymous memory reads as zeros from the zero page and gets a page at its first write", () => {
    const mem = new PhysicalMemory(1 << 20);
    const as = new AddressSpace(mem);
    as.map(A, 64 << 10, RW);
    expect(as.read(A + 100, 4)).toEqual(new Uint8Array(4));
    expect(mem.inUse).toBe(0);
    expect(as.write(A + 5000, bytes(1, 2, 3))).toBe(true);
    expect(mem.inUse).toBe(1);
    expect(as.read(A + 5000, 3)).toEqual(bytes(1, 2, 3));
    as.release();
    expect(mem.inUse).toBe(0);
  });

  test("fork shares pages copy-on-write: a write on either side copies only that page", () => {
    const mem = new PhysicalMemory(1 << 20);
    const parent = new AddressSpace(mem);
    parent.map(A, 3 * 4096, RW);
    for (let i = 0; i < 3; i++) parent.write(A + i * 4096, bytes(10 + i));
    const used = mem.inUse;
    const child = parent.fork();
    expect(mem.inUse).toBe(used); // nothing copied yet
    child.write(A + 4096, bytes(99));
    expect(mem.inUse).toBe(used + 1);
    expect(parent.read(A + 4096, 1)).toEqual(bytes(11));
    expect(child.read(A + 4096, 1)).toEqual(bytes(99));
    parent.write(A, bytes(42));
    expect(child.read(A, 1)).toEqual(bytes(10));
    // The parent's page 2 is now only the parent's after the child goes: written in place.
    child.release();
    const before = mem.inUse;
    parent.write(A + 2 * 4096, bytes(7));
    expect(mem.inUse).toBe(before);
    parent.release();
    expect(mem.inUse).toBe(0);
  });

  test("MAP_SHARED anonymous pages stay shared across fork, even if untouched before it", () => {
    const mem = new PhysicalMemory(1 << 20);
    const parent = new AddressSpace(mem);
    parent.map(A, 2 * 4096, RW, true);
    parent.write(A, bytes(1));
    const child = parent.fork();
    child.write(A, bytes(2));
    child.write(A + 4096, bytes(3));
    expect(parent.read(A, 1)).toEqual(bytes(2));
    expect(parent.read(A + 4096, 1)).toEqual(bytes(3));
    expect(parent.sharedPhysAddr(A + 8)).toBe(child.sharedPhysAddr(A + 8));
    child.release();
    parent.release();
    expect(mem.inUse).toBe(0);
  });

  test("mappings are ranges: protect splits and merges them, unmap punches holes, findFree finds the gaps", () => {
    const mem = new PhysicalMemory(1 << 20);
    const as = new AddressSpace(mem);
    as.map(A, 16 * 4096, RW);
    as.write(A + 5 * 4096, bytes(5));
    expect(as.ranges()).toEqual([[A, A + 16 * 4096, RW]]);
    expect(as.protect(A + 4 * 4096, 2 * 4096, PROT_READ)).toBe(true);
    expect(as.ranges()).toEqual([
      [A, A + 4 * 4096, RW],
      [A + 4 * 4096, A + 6 * 4096, PROT_READ],
      [A + 6 * 4096, A + 16 * 4096, RW],
    ]);
    expect(as.write(A + 5 * 4096, bytes(6))).toBe(false);
    expect(as.read(A + 5 * 4096, 1)).toEqual(bytes(5));
    expect(as.protect(A + 4 * 4096, 2 * 4096, RW)).toBe(true);
    expect(as.ranges()).toEqual([[A, A + 16 * 4096, RW]]);
    as.unmap(A + 8 * 4096, 2 * 4096);
    expect(as.isMapped(A / 4096 + 8)).toBe(false);
    expect(as.protect(A, 16 * 4096, PROT_READ)).toBe(false); // a hole
    expect(as.findFree(2 * 4096, A + 16 * 4096)).toBe(A + 8 * 4096); // the hole
    expect(as.findFree(3 * 4096, A + 16 * 4096)).toBe(-1); // nothing below A (the floor)
    expect(as.findFree(3 * 4096, A + 20 * 4096)).toBe(A + 17 * 4096); // above the mappings
    // mremap's move keeps the data and the protection.
    as.movePages(A + 4 * 4096, A + 0x100000, 2);
    expect(as.read(A + 0x100000 + 4096, 1)).toEqual(bytes(5));
    expect(as.isMapped(A / 4096 + 5)).toBe(false);
    as.release();
    expect(mem.inUse).toBe(0);
  });

  test("the page cache shares a file's pages between mappings, copy-on-write, and fresh pages for a new version", () => {
    const mem = new PhysicalMemory(1 << 20);
    const cache = new PageCache(mem, 1000);
    const data = new Uint8Array(3 * 4096 + 10).map((_, i) => i & 0xff);
    // as a host file's source: read while the file is open, every page mapped at once
    const eager = (src: FileSource): FileSource => ({ ...src, lasting: false });
    const v1 = eager(bytesSource(data, "file:1", "v1"));
    const a = new AddressSpace(mem),
      b = new AddressSpace(mem);
    mapFile(a, cache, v1, A, 4, 0, PROT_READ);
    mapFile(b, cache, v1, A, 4, 0, RW);
    expect(mem.inUse).toBe(4); // the file's four pages, once
    expect(a.ramOffset(A + 4096, PROT_READ)).toBe(b.ramOffset(A + 4096, PROT_READ));
    expect(b.read(A + 3 * 4096, 12)).toEqual(Uint8Array.from([...data.subarray(3 * 4096)].concat([0, 0])));
    b.write(A + 4096, bytes(0xee));
    expect(a.read(A + 4096, 1)).toEqual(bytes(0));
    expect(b.read(A + 4096, 1)).toEqual(bytes(0xee));
    // Another version of the file: new pages; the old mapping keeps its own.
    const v2 = eager(bytesSource(new Uint8Array(4096).fill(5), "file:1", "v2"));
    const c = new AddressSpace(mem);
    mapFile(c, cache, v2, A, 1, 0, PROT_READ);
    expect(c.read(A, 1)).toEqual(bytes(5));
    expect(a.read(A, 1)).toEqual(bytes(0));
    for (const x of [a, b, c]) x.release();
    // Only the cache holds a page now (v2's; v1's went with their last mapping); reclaim gives it back.
    expect(cache.pages).toBe(1);
    expect(mem.inUse).toBe(1);
    expect(cache.reclaim(100)).toBe(1);
    expect(mem.inUse).toBe(0);
  });

  test("a file in memory is mapped lazily: each page comes from the page cache at its first touch", () => {
    const mem = new PhysicalMemory(1 << 20);
    const cache = new PageCache(mem, 1000);
    const data = new Uint8Array(3 * 4096 + 10).map((_, i) => (i * 7) & 0xff);
    const src = bytesSource(data, "file:2", "v1");
    const a = new AddressSpace(mem),
      b = new AddressSpace(mem);
    mapFile(a, cache, src, A, 5, 0, PROT_READ | PROT_EXEC); // one page past the end of the file
    mapFile(b, cache, src, A, 4, 0, RW);
    expect(mem.inUse).toBe(0);
    expect(a.pagesInUse).toBe(0);
    // a read loads one page, shared by both mappings (one physical page, two references)
    expect(a.read(A + 4096 + 5, 3)).toEqual(data.subarray(4096 + 5, 4096 + 8));
    expect(mem.inUse).toBe(1);
    expect(b.ramOffset(A + 4096, PROT_READ)).toBe(a.ramOffset(A + 4096, PROT_READ));
    expect(mem.inUse).toBe(1);
    // past the end of the file: zeros, and no page of its own until written
    expect(a.read(A + 4 * 4096, 4)).toEqual(new Uint8Array(4));
    expect(a.read(A + 3 * 4096 + 8, 4)).toEqual(Uint8Array.from([...data.subarray(3 * 4096 + 8), 0, 0]));
    expect(mem.inUse).toBe(2);
    // a write copies (the other mapping and the cache keep the file's bytes)
    expect(b.write(A + 4096, bytes(0xee))).toBe(true);
    expect(b.read(A + 4096, 1)).toEqual(bytes(0xee));
    expect(a.read(A + 4096, 1)).toEqual(data.subarray(4096, 4097));
    // permissions still apply to pages not loaded yet
    expect(a.ramOffset(A + 2 * 4096, PROT_WRITE)).toBe(-1);
    expect(a.write(A, bytes(1))).toBe(false);
    // mprotect splits the mapping; both halves still load from the right file pages
    expect(a.protect(A + 2 * 4096, 4096, PROT_READ)).toBe(true);
    expect(a.read(A + 2 * 4096, 2)).toEqual(data.subarray(2 * 4096, 2 * 4096 + 2));
    expect(a.read(A, 2)).toEqual(data.subarray(0, 2));
    // fork: the child loads lazily too, from the same cache pages
    const c = a.fork();
    expect(c.read(A + 4096, 1)).toEqual(data.subarray(4096, 4097));
    expect(c.ramOffset(A + 4096, PROT_READ)).toBe(a.ramOffset(A + 4096, PROT_READ));
    // mremap moves a loaded and an unloaded page alike
    a.movePages(A, A + 64 * 4096, 4);
    expect(a.read(A + 64 * 4096, 2)).toEqual(data.subarray(0, 2));
    expect(a.read(A + 65 * 4096 + 9, 1)).toEqual(data.subarray(4096 + 9, 4096 + 10));
    for (const x of [a, b, c]) x.release();
    expect(mem.inUse).toBe(cache.pages);
    cache.reclaim(100);
    expect(mem.inUse).toBe(0);
  });

  test("an exhausted pool throws OutOfGuestMemory after asking the page cache to give pages back", () => {
    const mem = new PhysicalMemory(16 * 4096);
    const cache = new PageCache(mem, 100);
    mem.reclaim = (n) => cache.reclaim(n);
    const f = bytesSource(new Uint8Array(8 * 4096).fill(1), "f", "1");
    const a = new AddressSpace(mem);
    mapFile(a, cache, f, A, 8, 0, PROT_READ);
    a.release(); // the cache keeps the 8 pages
    const b = new AddressSpace(mem);
    b.map(A, 15 * 4096, RW);
    for (let i = 0; i < 15; i++) b.write(A + i * 4096, bytes(1)); // needs the cached pages back
    expect(b.write(A + 15 * 4096, bytes(1))).toBe(false); // unmapped
    b.map(A + 15 * 4096, 4096, RW);
    expect(() => b.write(A + 15 * 4096, bytes(1))).toThrow(OutOfGuestMemory);
  });
});

describe("the pool's buffer (KernelOptions.allocateRam)", () => {
  test("a SharedArrayBuffer pool runs a program as an ArrayBuffer one does; a buffer of the wrong size is refused", () => {
    // The Node CLIs give the RAM a SharedArrayBuffer (src/cli/user-cli.ts): same guest, same answers.
    const elf = new Uint8Array(readFileSync(join(repoRoot(), "testdata/riscv/user/signals.elf")));
    const run = (allocateRam?: (n: number) => ArrayBufferLike) => {
      const host = new BufferHost();
      const p = new LinuxProcess(host, { ramBytes: 64 << 20, allocateRam });
      p.load(elf, ["signals"], []);
      const r = p.run();
      return { exitCode: r.exitCode, insns: r.insns, out: new TextDecoder().decode(host.stdout()), ram: p.kernel.phys.ram };
    };
    const plain = run();
    const shared = run((n) => new SharedArrayBuffer(n));
    expect(plain.ram).toBeInstanceOf(ArrayBuffer);
    expect(shared.ram).toBeInstanceOf(SharedArrayBuffer);
    expect(plain.out.length).toBeGreaterThan(0);
    expect({ ...shared, ram: null }).toEqual({ ...plain, ram: null });
    expect(() => new PhysicalMemory(64 * 4096, (n) => new ArrayBuffer(n - 4096))).toThrow(RangeError);
  });
});
