// CLINT: msip, mtimecmp and mtime as OpenSBI's aclint-mswi / aclint-mtimer drivers use them.
import { describe, expect, test } from "vitest";
import { Clint, CLINT_MSIP, CLINT_MTIME, CLINT_MTIMECMP } from "../../src/hw/clint.ts";
import { MIP_MSIP, MIP_MTIP, type HartIrqs } from "../../src/hw/device.ts";

class Mip implements HartIrqs {
  bits = 0;
  setPending(bit: number, level: boolean): void {
    this.bits = level ? this.bits | (1 << bit) : this.bits & ~(1 << bit);
  }
  has(bit: number): boolean {
    return (this.bits & (1 << bit)) !== 0;
  }
}

function make(startNs = 0) {
  const clock = {
    ns: startNs,
    nowNs() {
      return this.ns;
    },
  };
  const mip = new Mip();
  const c = new Clint(mip, clock);
  const write64 = (off: number, v: bigint) => {
    c.write(off, 4, Number(v & 0xffffffffn));
    c.write(off + 4, 4, Number(v >> 32n));
  };
  const read64 = (off: number) => BigInt(c.read(off, 4)) | (BigInt(c.read(off + 4, 4)) << 32n);
  return { c, clock, mip, write64, read64 };
}

describe("clint", () => {
  test("mtime counts at 10 MHz from the clock", () => {
    const { clock, read64, c } = make();
    expect(read64(CLINT_MTIME)).toBe(0n);
    clock.ns = 1_000_000_000;
    expect(read64(CLINT_MTIME)).toBe(10_000_000n);
    clock.ns = 1234;
    expect(c.mtime()).toBe(12);
  });

  test("mtimecmp drives MTIP; OpenSBI disables with -1", () => {
    const { c, clock, mip, write64, read64 } = make();
    // reset value 0 <= mtime: MTIP pending until firmware programs mtimecmp
    expect(mip.has(MIP_MTIP)).toBe(true);
    write64(CLINT_MTIMECMP, 0xffff_ffff_ffff_ffffn);
    expect(mip.has(MIP_MTIP)).toBe(false);
    expect(read64(CLINT_MTIMECMP)).toBe(0xffff_ffff_ffff_ffffn);
    expect(c.nextDeadlineNs()).toBe(Infinity);
    clock.ns = 5000; // mtime 50
    write64(CLINT_MTIMECMP, 150n);
    expect(mip.has(MIP_MTIP)).toBe(false);
    expect(c.nextDeadlineNs()).toBe(15000);
    clock.ns = 14999;
    c.update();
    expect(mip.has(MIP_MTIP)).toBe(false);
    clock.ns = 15000;
    c.update();
    expect(mip.has(MIP_MTIP)).toBe(true);
    expect(c.timerPending).toBe(true);
    // the next event in the future clears it at once
    write64(CLINT_MTIMECMP, 1000n);
    expect(mip.has(MIP_MTIP)).toBe(false);
  });

  test("msip drives MSIP (bit 0 only)", () => {
    const { c, mip } = make();
    c.write(CLINT_MSIP, 4, 0xffffffff);
    expect(c.read(CLINT_MSIP, 4)).toBe(1);
    expect(mip.has(MIP_MSIP)).toBe(true);
    c.write(CLINT_MSIP, 4, 2);
    expect(mip.has(MIP_MSIP)).toBe(false);
  });

  test("mtime is writable (QEMU) and keeps counting from the new value", () => {
    const { c, clock, write64, read64 } = make();
    clock.ns = 1000;
    write64(CLINT_MTIME, 0x1_0000_0005n);
    expect(read64(CLINT_MTIME)).toBe(0x1_0000_0005n);
    clock.ns = 2000;
    expect(read64(CLINT_MTIME)).toBe(0x1_0000_000fn);
    write64(CLINT_MTIMECMP, 0x1_0000_0014n);
    expect(c.nextDeadlineNs()).toBe(2500);
  });

  test("bad accesses read 0 and change nothing", () => {
    const { c, mip } = make();
    c.write(CLINT_MSIP, 1, 1);
    c.write(CLINT_MSIP, 2, 1);
    c.write(CLINT_MSIP + 4, 4, 1); // hart 1 does not exist
    c.write(CLINT_MSIP + 2, 4, 1); // misaligned
    expect(mip.has(MIP_MSIP)).toBe(false);
    expect(c.read(CLINT_MTIME, 1)).toBe(0);
    expect(c.read(CLINT_MTIMECMP + 8, 4)).toBe(0);
    expect(c.read(0xfffc, 4)).toBe(0);
    expect(c.read(0x20000, 4)).toBe(0);
    for (let off = 0; off < 0x10000; off += 0x3f7) {
      for (const size of [1, 2, 3, 4, 8]) {
        c.read(off, size);
        c.write(off, size, -1);
      }
    }
  });
});
