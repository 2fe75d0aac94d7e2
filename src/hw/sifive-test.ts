// SiFive test finisher ("sifive,test0", also the syscon behind syscon-poweroff/-reboot) as QEMU's
// hw/misc/sifive_test.c, at 0x100000 on the virt board. A 2- or 4-byte write at offset 0:
//   0x5555                -> onExit({ kind: "poweroff", code: 0 })
//   0x3333 | code << 16   -> onExit({ kind: "fail", code })
//   0x7777                -> onExit({ kind: "reset" })
// Other values, other offsets and 1-byte writes are ignored; reads return 0.
import type { MmioDevice } from "./device.ts";

export const SIFIVE_TEST_SIZE = 0x1000;
export const FINISHER_FAIL = 0x3333;
export const FINISHER_PASS = 0x5555;
export const FINISHER_RESET = 0x7777;

export type TestExit = { kind: "poweroff"; code: 0 } | { kind: "fail"; code: number } | { kind: "reset" };

export class SifiveTest implements MmioDevice {
  constructor(private readonly onExit: (e: TestExit) => void) {}

  read(_offset: number, _size: number): number {
    return 0;
  }

  write(offset: number, size: number, value: number): void {
    if (offset !== 0 || (size !== 2 && size !== 4)) return;
    const status = value & 0xffff;
    const code = size === 4 ? (value >>> 16) & 0xffff : 0;
    if (status === FINISHER_PASS) this.onExit({ kind: "poweroff", code: 0 });
    else if (status === FINISHER_FAIL) this.onExit({ kind: "fail", code });
    else if (status === FINISHER_RESET) this.onExit({ kind: "reset" });
  }
}
