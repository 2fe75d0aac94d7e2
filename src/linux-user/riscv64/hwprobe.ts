// What the riscv64 guest CPU reports about itself: AT_HWCAP (one bit per single-letter extension,
// I M A F D C) and the riscv_hwprobe syscall (Linux's arch/riscv/kernel/sys_hwprobe.c) with the
// extensions tciemu implements: IMA, FD, C, Zba, Zbb, Zbs, Zicond; misaligned accesses are fast.
import * as E from "../errno.ts";
import type { SyscallHandler } from "../syscall-table.ts";

export const HWCAP_RV64GC = ["I", "M", "A", "F", "D", "C"].reduce((m, c) => m | (1 << (c.charCodeAt(0) - 65)), 0);

/** riscv_hwprobe(pairs, count, cpusetsize, cpus, flags) */
export const riscvHwprobe: SyscallHandler = (t, a) => {
  const pairs = a.ptr(0),
    count = a.long(1);
  if (count > 1024) return -E.EINVAL;
  for (let i = 0; i < count; i++) {
    const at = pairs + 16 * i;
    const b = t.as.read(at, 16);
    if (!b) return -E.EFAULT;
    const dv = new DataView(b.buffer);
    const key = dv.getBigInt64(0, true);
    let val = 0n;
    switch (key) {
      case 0n: // MVENDORID
      case 1n: // MARCHID
      case 2n: // MIMPID
        val = 0n;
        break;
      case 3n: // BASE_BEHAVIOR: IMA
        val = 1n;
        break;
      case 4n: // IMA_EXT_0: FD, C, Zba, Zbb, Zbs, Zicond
        val = 1n | 2n | 8n | 16n | 32n | (1n << 35n);
        break;
      case 5n: // CPUPERF_0: misaligned accesses fast (emulated)
        val = 3n;
        break;
      default:
        dv.setBigInt64(0, -1n, true);
    }
    dv.setBigUint64(8, val, true);
    if (!t.as.write(at, b)) return -E.EFAULT;
  }
  return 0;
};
