// Linux syscalls for riscv64 guests (QEMU's linux-user/syscall.c), dispatched on a7 with arguments
// in a0..a5 and the result (or -errno) in a0. Unimplemented calls return -ENOSYS.
import { xslot } from "../target/riscv/cpu-state.ts";
import { PROT_EXEC, PROT_READ, PROT_WRITE } from "./address-space.ts";
import { ExitProcess, MMAP_TOP, type LinuxProcess } from "./process.ts";

export const EPERM = 1,
  ENOENT = 2,
  EBADF = 9,
  ENOMEM = 12,
  EACCES = 13,
  EFAULT = 14,
  EINVAL = 22,
  ENOTTY = 25,
  ESPIPE = 29,
  ENOSYS = 38;

const MAP_PRIVATE = 0x02,
  MAP_FIXED = 0x10,
  MAP_ANONYMOUS = 0x20;

/** Syscall numbers (asm-generic, as riscv64 uses them). */
export const NR = {
  ioctl: 29,
  close: 57,
  read: 63,
  write: 64,
  readv: 65,
  writev: 66,
  fstat: 80,
  exit: 93,
  exit_group: 94,
  set_tid_address: 96,
  set_robust_list: 99,
  clock_gettime: 113,
  rt_sigaction: 134,
  rt_sigprocmask: 135,
  uname: 160,
  gettimeofday: 169,
  getpid: 172,
  getppid: 173,
  getuid: 174,
  geteuid: 175,
  getgid: 176,
  getegid: 177,
  gettid: 178,
  brk: 214,
  munmap: 215,
  mmap: 222,
  mprotect: 226,
  prlimit64: 261,
  getrandom: 278,
  rseq: 293,
} as const;

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(NR).map(([k, v]) => [v, k]));

export class Syscalls {
  /** Called for each syscall when -strace is on. */
  trace: ((line: string) => void) | null = null;

  constructor(private readonly p: LinuxProcess) {}

  /** 64-bit argument as a JS number (exact below 2^53; addresses and sizes always are). */
  arg(i: number): number {
    const R = this.p.cpu.R;
    const s = xslot(10 + i);
    return R[s + 1] * 4294967296 + (R[s] >>> 0);
  }
  /** Argument as a signed 32-bit int (fds, flags). */
  argInt(i: number): number {
    return this.p.cpu.R[xslot(10 + i)];
  }

  dispatch(): void {
    const cpu = this.p.cpu;
    const nr = cpu.xLo(17);
    const ret = this.call(nr);
    if (this.trace) this.trace(`${this.p.host ? "" : ""}${NAMES[nr] ?? `syscall_${nr}`}(${[0, 1, 2].map((i) => "0x" + this.arg(i).toString(16)).join(",")}) = ${ret}`);
    cpu.setX(10, ret);
  }

  private call(nr: number): number | bigint {
    const p = this.p;
    const as = p.as;
    switch (nr) {
      case NR.write: {
        const fd = this.argInt(0);
        const data = as.read(this.arg(1), this.arg(2));
        if (!data) return -EFAULT;
        return this.writeFd(fd, data);
      }
      case NR.writev: {
        const fd = this.argInt(0);
        const iov = this.arg(1),
          n = this.argInt(2);
        let total = 0;
        for (let i = 0; i < n; i++) {
          const ent = as.read(iov + 16 * i, 16);
          if (!ent) return -EFAULT;
          const dv = new DataView(ent.buffer);
          const data = as.read(Number(dv.getBigUint64(0, true)), Number(dv.getBigUint64(8, true)));
          if (!data) return -EFAULT;
          const r = this.writeFd(fd, data);
          if (r < 0) return r;
          total += r;
        }
        return total;
      }
      case NR.read: {
        const fd = this.argInt(0);
        if (fd !== 0) return -EBADF;
        const data = p.host.readStdin(this.arg(2));
        if (!as.write(this.arg(1), data)) return -EFAULT;
        return data.length;
      }
      case NR.close:
        return 0;
      case NR.exit:
      case NR.exit_group:
        throw new ExitProcess(this.argInt(0) & 0xff);
      case NR.brk: {
        const want = this.arg(0);
        if (want === 0 || want < p.brkStart) return p.brk;
        const oldTop = Math.ceil(p.brk / 4096) * 4096;
        const newTop = Math.ceil(want / 4096) * 4096;
        if (newTop > oldTop) {
          for (let a = oldTop; a < newTop; a += 4096) if (as.isMapped(a / 4096)) return p.brk;
          as.map(oldTop, newTop - oldTop, PROT_READ | PROT_WRITE);
        } else if (newTop < oldTop) as.unmap(newTop, oldTop - newTop);
        p.brk = want;
        return p.brk;
      }
      case NR.mmap: {
        const addr = this.arg(0),
          len = this.arg(1),
          prot = this.argInt(2),
          flags = this.argInt(3);
        if (len === 0) return -EINVAL;
        if (!(flags & MAP_ANONYMOUS)) return -ENOSYS; // file mappings: see issue 4
        const size = Math.ceil(len / 4096) * 4096;
        let at = addr;
        if (flags & MAP_FIXED) {
          if (addr % 4096) return -EINVAL;
        } else {
          at = as.findFree(size, MMAP_TOP);
          if (at < 0) return -ENOMEM;
        }
        as.map(at, size, prot & (PROT_READ | PROT_WRITE | PROT_EXEC));
        void MAP_PRIVATE;
        return at;
      }
      case NR.munmap:
        if (this.arg(0) % 4096) return -EINVAL;
        as.unmap(this.arg(0), this.arg(1));
        return 0;
      case NR.mprotect:
        return as.protect(this.arg(0), this.arg(1), this.argInt(2) & 7) ? 0 : -ENOMEM;
      case NR.set_tid_address:
      case NR.gettid:
      case NR.getpid:
        return 1000;
      case NR.getppid:
        return 1;
      case NR.getuid:
      case NR.geteuid:
      case NR.getgid:
      case NR.getegid:
        return 0;
      case NR.set_robust_list:
      case NR.rt_sigaction:
      case NR.rt_sigprocmask:
        return 0;
      case NR.ioctl:
        return -ENOTTY;
      case NR.uname: {
        const buf = new Uint8Array(65 * 6);
        const put = (i: number, s: string) => buf.set(new TextEncoder().encode(s), 65 * i);
        put(0, "Linux");
        put(1, "tciemu");
        put(2, "6.12.0");
        put(3, "#1 SMP tciemu");
        put(4, "riscv64");
        put(5, "(none)");
        return as.write(this.arg(0), buf) ? 0 : -EFAULT;
      }
      case NR.clock_gettime: {
        const clk = this.argInt(0);
        const ns = clk === 0 ? p.host.realtimeNs() : p.host.monotonicNs();
        const b = new Uint8Array(16);
        const dv = new DataView(b.buffer);
        dv.setBigInt64(0, ns / 1_000_000_000n, true);
        dv.setBigInt64(8, ns % 1_000_000_000n, true);
        return as.write(this.arg(1), b) ? 0 : -EFAULT;
      }
      case NR.getrandom: {
        const n = Math.min(this.arg(1), 1 << 20);
        return as.write(this.arg(0), p.host.randomBytes(n)) ? n : -EFAULT;
      }
      case NR.prlimit64:
      case NR.rseq:
        return -ENOSYS;
    }
    return -ENOSYS;
  }

  writeFd(fd: number, data: Uint8Array): number {
    if (fd === 1) this.p.host.writeStdout(data);
    else if (fd === 2) this.p.host.writeStderr(data);
    else return -EBADF;
    return data.length;
  }
}

