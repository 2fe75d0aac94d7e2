// The debug tools' view of a Linux user-mode process (any architecture: its ABI's DebugArch):
// register layout, memory access that ignores page protections (as ptrace does), which exceptions
// are syscalls, plus the symbol table of its executable.
import type { CpuExec } from "../exec/cpu-exec.ts";
import { imageSpan, parseElf } from "../linux-user/elf.ts";
import type { LinuxProcess } from "../linux-user/process.ts";
import { RISCV64_LAYOUT } from "../linux-user/riscv64/structs.ts";
import type { AddressLayout } from "../linux-user/layouts.ts";
import { CpuEvent } from "../linux-user/user-cpu.ts";
import type { DebugArch, MemReader } from "../exec/debug-arch.ts";
import { SymbolTable } from "./symbols.ts";

export interface DebugTarget {
  exec: CpuExec;
  arch: DebugArch;
  R: Int32Array;
  readMem: MemReader;
  writeMem: (addr: number, data: Uint8Array) => boolean;
  isSyscall: (excp: number) => boolean;
  /** gdb's signal number for an exception that stops (the signal Linux would send; default: the stub's RISC-V table). */
  signalOf?: (excp: number) => number;
}

/** The signal Linux sends for each kind of CPU event, in gdb's numbering (SIGBUS is 10 there). */
function gdbSignalOfEvent(k: CpuEvent): number {
  switch (k) {
    case CpuEvent.IllegalInsn:
      return 4;
    case CpuEvent.Breakpoint:
    case CpuEvent.Debug:
      return 5;
    case CpuEvent.Arithmetic:
      return 8;
    case CpuEvent.Misaligned:
      return 10;
    default:
      return 11;
  }
}

const PAGE = 4096;

export function linuxDebugTarget(proc: LinuxProcess): DebugTarget {
  const exec = proc.cpu.exec;
  const readMem: MemReader = (addr, len) => {
    if (!(addr >= 0) || !(len >= 0)) return null;
    const out = new Uint8Array(len);
    for (let done = 0; done < len;) {
      const a = addr + done;
      const off = proc.as.ramOffset(a, 0);
      if (off < 0) return null;
      const n = Math.min(len - done, PAGE - (a % PAGE));
      out.set(exec.S.mem8.subarray(off, off + n), done);
      done += n;
    }
    return out;
  };
  return {
    exec,
    arch: proc.abi.debugArch(),
    R: exec.S.R,
    readMem,
    writeMem: (addr, data) => proc.as.write(addr, data, true),
    // Syscalls, and the exceptions the kernel handles without a signal (ARM's kuser-helper calls, which
    // kindOf reports as Budget): the user never sees them as stops.
    isSyscall: (e) => {
      const k = proc.cpu.kindOf(e);
      return k === CpuEvent.Syscall || k === CpuEvent.Budget;
    },
    signalOf: (e) => gdbSignalOfEvent(proc.cpu.kindOf(e)),
  };
}

/** Symbols of the main executable as loaded (PIEs at the loader's bias). */
export function executableSymbols(elf: Uint8Array, layout: AddressLayout = RISCV64_LAYOUT): SymbolTable {
  try {
    const info = parseElf(elf);
    const bias = info.type === 3 ? layout.pieBase - imageSpan(info).lo : 0;
    return SymbolTable.fromElf(elf, bias);
  } catch {
    return SymbolTable.empty();
  }
}
