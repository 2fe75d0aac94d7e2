// Library entry points for Linux user mode.
import { BufferHost } from "./host.ts";
import { LinuxProcess, type ProcessOptions } from "./process.ts";
import { utf8ToByteString } from "./bytes.ts";

export { LinuxProcess, SliceStop, type ProcessOptions, type RunResult } from "./process.ts";
export { BufferHost, type LinuxHost } from "./host.ts";
export { ElfError } from "./elf.ts";
export { Kernel } from "./kernel.ts";
export type { LinuxAbi } from "./abi.ts";
export type { SyscallEvent, SyscallHook, SyscallDecision } from "./dispatcher.ts";
export { riscv64Abi } from "./riscv64/abi.ts";
export { armAbi } from "./arm/abi.ts";

export interface RunElfOptions extends ProcessOptions {
  elf: Uint8Array;
  /** Arguments and environment as text: the guest gets their UTF-8 bytes. */
  argv: string[];
  env?: string[];
  stdin?: Uint8Array;
  maxInsns?: number;
}

export interface RunElfResult {
  exitCode: number;
  signal?: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  insns: number;
}

/** Runs a Linux ELF (riscv64 unless `abi` says otherwise) to completion with in-memory stdio. */
export function runElf(opts: RunElfOptions): RunElfResult {
  const host = new BufferHost(opts.stdin);
  const p = new LinuxProcess(host, opts);
  p.load(opts.elf, opts.argv.map(utf8ToByteString), (opts.env ?? []).map(utf8ToByteString));
  const r = p.run(opts.maxInsns ?? Infinity);
  return { exitCode: r.exitCode, signal: r.signal, stdout: host.stdout(), stderr: host.stderr(), insns: r.insns };
}
