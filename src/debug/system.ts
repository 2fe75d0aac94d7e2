// The debug tools' view of the system emulator's hart (src/hw/virt-machine.ts): register layout,
// memory as gdb sees it (virtual addresses through the current MMU mode, as QEMU's
// cpu_memory_rw_debug does: Sv39 when the hart is in S or U mode with satp set, physical in M mode
// or bare), the slice budget, and QEMU's -d int lines for exceptions and interrupts. No Node imports.
import type { VirtMachine } from "../hw/virt-machine.ts";
import type { DebugTarget } from "./linux-user.ts";
import type { DebugArch, MemReader } from "../exec/debug-arch.ts";
import type { CpuExec } from "../exec/cpu-exec.ts";
import { RiscvDebugArch } from "../target/riscv/debug-arch.ts";

const PAGE = 4096;
// Access kinds of RiscvMmu.translate (src/mem/softmmu.ts Access, a const enum)
const ACCESS_READ = 0,
  ACCESS_FETCH = 2;

/** QEMU's riscv_intr_names (interrupt causes 0..15). */
// prettier-ignore
export const INTERRUPT_NAMES = [
  "u_software", "s_software", "vs_software", "m_software", "u_timer", "s_timer", "vs_timer", "m_timer",
  "u_external", "s_external", "vs_external", "m_external", "reserved", "reserved", "reserved", "reserved",
];

/**
 * The physical address of virtual address `va` for the debugger (no permission checks beyond the
 * page walk: readable or executable pages, user pages from S mode), or -1.
 */
export function debugTranslate(m: VirtMachine, va: number): number {
  if (!(va >= 0) || va >= 2 ** 64) return -1;
  const lo = (va % 4294967296) | 0,
    hi = Math.floor(va / 4294967296) | 0;
  const perms = { r: false, w: false };
  const priv = m.priv.priv;
  let pa = m.mmu.translate(lo, hi, ACCESS_READ, priv, true, perms);
  if (pa < 0) pa = m.mmu.translate(lo, hi, ACCESS_FETCH, priv, true, perms);
  if (pa < 0 && priv === 0) pa = m.mmu.translate(lo, hi, ACCESS_READ, 1, true, perms);
  return pa < 0 ? -1 : pa;
}

/** Reads or writes guest memory page by page through debugTranslate (RAM and boot ROM only). */
function access(m: VirtMachine, addr: number, len: number, fn: (off: number, done: number, n: number) => void): boolean {
  if (!(addr >= 0) || !(len >= 0)) return false;
  for (let done = 0; done < len;) {
    const a = addr + done;
    const pa = debugTranslate(m, a);
    if (pa < 0) return false;
    const n = Math.min(len - done, PAGE - (a % PAGE));
    const off = m.ramOffset(pa);
    if (off < 0 || m.ramOffset(pa + n - 1) !== off + n - 1) return false;
    fn(off, done, n);
    done += n;
  }
  return true;
}

export function virtReadMem(m: VirtMachine): MemReader {
  return (addr, len) => {
    const out = new Uint8Array(len);
    return access(m, addr, len, (off, done, n) => out.set(m.ram8.subarray(off, off + n), done)) ? out : null;
  };
}

/** Writes guest memory (also the boot ROM, as gdb may) and drops the TBs translated from it. */
export function virtWriteMem(m: VirtMachine): (addr: number, data: Uint8Array) => boolean {
  return (addr, data) => {
    const pages = new Set<number>();
    const ok = access(m, addr, data.length, (off, done, n) => {
      m.ram8.set(data.subarray(done, done + n), off);
      pages.add(off >>> 12);
    });
    for (const p of pages) m.exec.tbs.invalidatePage(p);
    if (pages.size) m.flushTlb(); // jump cache entries of the old code
    return ok;
  };
}

/**
 * A system emulator other than the RISC-V virt machine, as the CLI's debugger and logs see it (the
 * ARM board): its engine, its debug target, and where -d int lines go (already in QEMU's form).
 */
export interface SystemDebugMachine {
  readonly exec: CpuExec;
  readonly debugTarget: DebugTarget;
  logInt: ((line: string) => void) | null;
}

/** The debug target of a virt machine's hart: every exception is the guest's own (none stops gdb). */
export function virtDebugTarget(m: VirtMachine): DebugTarget {
  return {
    exec: m.exec,
    arch: new RiscvDebugArch({ osabi: null }),
    R: m.cpu.R,
    readMem: virtReadMem(m),
    writeMem: virtWriteMem(m),
    isSyscall: () => true,
  };
}

const hex16 = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, "0");

/**
 * Turns VirtMachine.logInt's lines ("exception 9 at pc 0x..., tval 0x..., priv 1", "interrupt 7 at
 * pc 0x..., priv 3") into QEMU's riscv_cpu_do_interrupt lines; other text is returned unchanged.
 */
export function qemuIntLine(line: string, arch: DebugArch = new RiscvDebugArch()): string {
  let m = /^exception (\d+) at pc 0x([0-9a-f]+), tval 0x([0-9a-f]+)/.exec(line);
  if (m) return arch.intLine(Number(m[1]), BigInt("0x" + m[2]), BigInt("0x" + m[3]));
  m = /^interrupt (\d+) at pc 0x([0-9a-f]+)/.exec(line);
  if (m) {
    const cause = Number(m[1]);
    return `riscv_cpu_do_interrupt: hart:0, async:1, cause:${hex16(BigInt(cause))}, epc:0x${hex16(BigInt("0x" + m[2]))}, tval:0x${hex16(0n)}, desc=${INTERRUPT_NAMES[cause] ?? "reserved"}`;
  }
  return line;
}
