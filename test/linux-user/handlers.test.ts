// Generic syscall handlers called directly, the way a 32-bit ABI's table will call them before
// an i386 or ARM CPU exists to run real programs: a riscv64 process stands in as the Task
// (handlers never see its CPU), the arguments are 32-bit registers mapped by argument specs
// (register pairs for 64-bit values, constants for old calls that reuse *at() handlers), and
// the results are what the file's contents and the calls' definitions imply. The guests' own
// tests compare whole programs with qemu-i386 / qemu-arm once their CPUs run.
import { describe, expect, test } from "vitest";
import { BufferHost } from "../../src/linux-user/host.ts";
import type { AbiLayouts } from "../../src/linux-user/layouts.ts";
import { MemFs } from "../../src/linux-user/mem-fs.ts";
import { LinuxProcess } from "../../src/linux-user/process.ts";
import { RISCV64_LAYOUTS } from "../../src/linux-user/riscv64/structs.ts";
import { struct } from "../../src/linux-user/struct.ts";
import { AT_FDCWD_ARG, SyscallArgs, compileArgs, type ArgSpec } from "../../src/linux-user/syscall-args.ts";
import type { SyscallHandler } from "../../src/linux-user/syscall-table.ts";
import { ioSyscalls } from "../../src/linux-user/syscalls/io.ts";
import { memorySyscalls } from "../../src/linux-user/syscalls/memory.ts";

/** A 32-bit ABI's layouts, for the handlers that depend on the word size. */
const L32: AbiLayouts = {
  ...RISCV64_LAYOUTS,
  wordBytes: 4,
  timespec: struct("timespec", 8, { tv_sec: [0, "s32"], tv_nsec: [4, "s32"] }),
  iovec: struct("iovec", 8, { iov_base: [0, "u32"], iov_len: [4, "u32"] }),
};
const io = ioSyscalls(L32);
const mem = memorySyscalls(L32);

const EBADF = -9;
const BUF = 0x10000;

function setup() {
  const fs = new MemFs();
  fs.writeFile("/f.txt", "0123456789abcdef");
  const p = new LinuxProcess(new BufferHost(new Uint8Array(0), fs), {});
  p.as.map(BUF, 0x4000, 3);
  p.as.write(BUF, new TextEncoder().encode("/f.txt\0"));
  const call = (h: SyscallHandler, regs: number[], spec?: ArgSpec) => {
    const a = new SyscallArgs(32);
    a.rawLo.set(regs.map((r) => r | 0));
    a.load(spec ? compileArgs(spec) : null);
    return h(p, a);
  };
  const u32 = (addr: number) => new DataView(p.as.read(addr, 4)!.buffer).getUint32(0, true);
  return { p, call, u32 };
}

describe("generic handlers on a 32-bit ABI", () => {
  test("open as openat(AT_FDCWD, ...), pread64 with a register pair, _llseek, read", () => {
    const { p, call } = setup();
    const fd = call(io.openat, [BUF, 0, 0], [AT_FDCWD_ARG, 0, 1, 2]) as number;
    expect(fd).toBe(3);
    // pread64(fd, buf, 4, pos = 10) with pos in (r3, r4)
    expect(call(io.pread64, [fd, BUF + 0x100, 4, 10, 0], [0, 1, 2, [3, 4]])).toBe(4);
    expect(new TextDecoder().decode(p.as.read(BUF + 0x100, 4)!)).toBe("abcd");
    // a position beyond 4 GiB reads nothing (the high word counts)
    expect(call(io.pread64, [fd, BUF + 0x100, 4, 10, 1], [0, 1, 2, [3, 4]])).toBe(0);
    // _llseek(fd, 0, 5, &result, SEEK_SET), then read continues there
    expect(call(io._llseek, [fd, 0, 5, BUF + 0x200, 0])).toBe(0);
    expect(new DataView(p.as.read(BUF + 0x200, 8)!.buffer).getBigInt64(0, true)).toBe(5n);
    expect(call(io.read, [fd, BUF + 0x100, 3])).toBe(3);
    expect(new TextDecoder().decode(p.as.read(BUF + 0x100, 3)!)).toBe("567");
    expect(call(io._llseek, [99, 0, 0, BUF + 0x200, 0])).toBe(EBADF);
  });

  test("dup2", () => {
    const { call } = setup();
    const fd = call(io.openat, [BUF, 0, 0], [AT_FDCWD_ARG, 0, 1, 2]) as number;
    expect(call(io.dup2, [fd, fd])).toBe(fd);
    expect(call(io.dup2, [fd, 10])).toBe(10);
    expect(call(io.dup2, [99, 3])).toBe(EBADF);
    expect(call(io.dup2, [99, 99])).toBe(EBADF);
  });

  test("pipe as pipe2(fds, 0), poll with a timeout of 0", () => {
    const { p, call, u32 } = setup();
    expect(call(io.pipe2, [BUF + 0x300], [0, { value: 0 }])).toBe(0);
    const r = u32(BUF + 0x300),
      w = u32(BUF + 0x304);
    // struct pollfd { fd, events = POLLIN, revents }
    const pfd = new Uint8Array(8);
    new DataView(pfd.buffer).setInt32(0, r, true);
    new DataView(pfd.buffer).setInt16(4, 1, true);
    p.as.write(BUF + 0x400, pfd);
    expect(call(io.poll, [BUF + 0x400, 1, 0])).toBe(0);
    p.as.write(BUF + 0x500, Uint8Array.of(42));
    expect(call(io.write, [w, BUF + 0x500, 1])).toBe(1);
    expect(call(io.poll, [BUF + 0x400, 1, 0])).toBe(1);
    expect(new DataView(p.as.read(BUF + 0x400, 8)!.buffer).getInt16(6, true)).toBe(1);
  });

  test("fcntl64's F_GETLK64 reports no lock", () => {
    const { p, call } = setup();
    const fd = call(io.openat, [BUF, 0, 0], [AT_FDCWD_ARG, 0, 1, 2]) as number;
    p.as.write(BUF + 0x600, Uint8Array.of(1, 0)); // l_type = F_WRLCK
    expect(call(io.fcntl64, [fd, 12, BUF + 0x600])).toBe(0);
    expect(p.as.read(BUF + 0x600, 2)).toEqual(Uint8Array.of(2, 0)); // F_UNLCK
  });

  test("old mmap takes its six arguments from memory, mmap2 its offset in pages", () => {
    const { p, call } = setup();
    const args = new Uint8Array(24);
    const dv = new DataView(args.buffer);
    [0, 8192, 3, 0x22, -1, 0].forEach((v, i) => dv.setInt32(4 * i, v, true)); // anonymous, private
    p.as.write(BUF + 0x700, args);
    const at = call(mem.old_mmap, [BUF + 0x700]) as number;
    expect(at).toBeGreaterThan(0);
    expect(p.as.isMapped(at / 4096) && p.as.isMapped(at / 4096 + 1)).toBe(true);
    const fd = call(io.openat, [BUF, 0, 0], [AT_FDCWD_ARG, 0, 1, 2]) as number;
    const m = call(mem.mmap2, [0, 4096, 1, 2, fd, 0]) as number;
    expect(new TextDecoder().decode(p.as.read(m, 4)!)).toBe("0123");
    expect(call(mem.mmap2, [0, 4096, 1, 2, 99, 0])).toBe(EBADF);
  });
});
