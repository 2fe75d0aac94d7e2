// The i386 Linux ABI (a 32-bit task as qemu-i386 runs it): what tciemu-i386 runs.
import { I386DebugArch } from "../../target/i386/debug-arch.ts";
import {
  DESC_B_MASK,
  DESC_G_MASK,
  DESC_P_MASK,
  DESC_S_MASK,
  EIP,
  GDT_BASE,
  GDT_ENTRIES,
  R_CS,
  R_DS,
  R_ES,
  R_FS,
  R_GS,
  R_SS,
  USER_CS,
  USER_DS,
  segSel,
} from "../../target/i386/cpu-state.ts";
import type { LinuxAbi } from "../abi.ts";
import { PROT_EXEC, PROT_READ, PROT_WRITE, type AddressSpace } from "../address-space.ts";
import { MINSIGSTKSZ } from "../signals.ts";
import { I386UserCpu } from "./cpu.ts";
import { i386Signals } from "./signal-frame.ts";
import { I386_LAYOUT, I386_LAYOUTS } from "./structs.ts";
import { I386_SYSCALLS } from "./syscalls.ts";
import { i386Vdso, i386VdsoAt } from "./vdso.ts";

/** CPUID.1:EDX of `qemu32,-sse3`: AT_HWCAP, as QEMU's get_elf_hwcap. */
const HWCAP = 0x0781abfd;

/** write_dt: an 8-byte descriptor. */
function descriptor(base: number, limit: number, flags: number): Uint8Array {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, ((base << 16) | (limit & 0xffff)) >>> 0, true);
  dv.setUint32(4, (((base >>> 16) & 0xff) | (base & 0xff000000) | (limit & 0x000f0000) | flags) >>> 0, true);
  return b;
}

export const i386Abi: LinuxAbi<I386UserCpu> = {
  name: "i386",
  machine: "i686",
  elf: { machine: 3, machineName: "i386", elfClass: 1, wrongClass: "64-bit ELF (x86-64); only i386 is supported", execStackDefault: true },
  layout: I386_LAYOUT,
  layouts: I386_LAYOUTS,
  syscalls: I386_SYSCALLS,
  coreDump: true,
  // QEMU prints set_thread_area as "0x%x"; the old path calls run newer handlers (open is openat with
  // AT_FDCWD first), so "-" skips the arguments the call itself does not have
  straceFormats: {
    set_thread_area: "h",
    get_thread_area: "h",
    access: "-sA",
    open: "-sOM",
    creat: "-s-M",
    link: "-s-s-",
    unlink: "-s-",
    chmod: "-sM",
    rename: "-s-s",
    mkdir: "-sM",
    rmdir: "-s-",
    symlink: "s-s",
    readlink: "-spu",
    stat: "-sp-",
    lstat: "-sp-",
    stat64: "-sp-",
    lstat64: "-sp-",
  },
  auxv: { hwcap: HWCAP, hwcap2: 0, platform: "i686", minsigstksz: MINSIGSTKSZ },
  signals: i386Signals,
  createCpu: (mem, opts) => new I386UserCpu(mem, opts),
  /** The vdso page (QEMU's load_elf_vdso), where QEMU's mmap would put it. */
  mapVectors: (as: AddressSpace, alloc?: (len: number) => number) => {
    const v = i386Vdso();
    const base = alloc ? alloc(4096) : 0xffffc000;
    as.map(base, 4096, PROT_READ | PROT_EXEC);
    as.write(base, i386VdsoAt(base), true);
    return { sigtramp: base + v.sigreturn, vdsoBase: base, vdsoEntry: base + v.vsyscall };
  },
  /**
   * target_cpu_copy_regs: an IDT (software interrupts 3, 4 and 0x80 allowed at CPL 3) and a GDT
   * (__USER_CS and __USER_DS flat) mmapped in guest memory, then the segment registers loaded
   * through them (FS keeps the data descriptor with a null selector, QEMU's "Wine hack").
   */
  startCpu: (uc: I386UserCpu, as: AddressSpace, alloc: (len: number) => number) => {
    const cpu = uc.cpu;
    const idt = alloc(256 * 8);
    as.map(idt, 4096, PROT_READ | PROT_WRITE);
    const gate = (n: number, dpl: number) => as.write(idt + 8 * n, descriptor(0, 0, 0x8000 | (dpl << 13)), true);
    for (let i = 0; i < 20; i++) gate(i, 0);
    gate(3, 3);
    gate(4, 3);
    gate(0x80, 3);
    cpu.setIdt(idt, 255);
    const gdt = alloc(8 * GDT_ENTRIES);
    as.map(gdt, 4096, PROT_READ | PROT_WRITE);
    const flat = DESC_G_MASK | DESC_B_MASK | DESC_P_MASK | DESC_S_MASK | (3 << 13);
    as.write(gdt + (USER_CS & ~7), descriptor(0, 0xfffff, flat | (0xa << 8)), true);
    as.write(gdt + (USER_DS & ~7), descriptor(0, 0xfffff, flat | (0x2 << 8)), true);
    cpu.setGdt(gdt, 8 * GDT_ENTRIES - 1);
    cpu.loadSeg(R_CS, USER_CS);
    cpu.loadSeg(R_SS, USER_DS);
    cpu.loadSeg(R_DS, USER_DS);
    cpu.loadSeg(R_ES, USER_DS);
    cpu.loadSeg(R_FS, USER_DS);
    cpu.loadSeg(R_GS, USER_DS);
    cpu.R[segSel(R_FS)] = 0;
    // init_thread: edx = 0 (no atexit function for the program)
    cpu.setReg(2, 0);
  },
  /** QEMU's cpu_copy for i386: the new thread's GDT, a copy of its creator's in a page of its own. */
  cloneThreadCpu: (as: AddressSpace, regs: Int32Array, alloc: (len: number) => number) => {
    const size = 8 * GDT_ENTRIES;
    const gdt = alloc(size);
    if (gdt < 0) return false;
    as.map(gdt, 4096, PROT_READ | PROT_WRITE);
    const table = as.read(regs[GDT_BASE - EIP] >>> 0, size);
    if (table) as.write(gdt, table, true);
    regs[GDT_BASE - EIP] = gdt | 0;
    return true;
  },
  /** target_cpu_free: the exiting thread's GDT is unmapped. */
  exitThreadCpu: (uc: I386UserCpu, as: AddressSpace) => as.unmap(uc.cpu.R[GDT_BASE] >>> 0, 4096),
  debugArch: () => new I386DebugArch(),
};
