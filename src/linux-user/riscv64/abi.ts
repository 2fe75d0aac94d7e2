// The riscv64 Linux ABI (RV64GC, lp64d): what tciemu-riscv64 runs.
import { RiscvDebugArch } from "../../target/riscv/debug-arch.ts";
import type { LinuxAbi } from "../abi.ts";
import type { AddressSpace } from "../address-space.ts";
import { MINSIGSTKSZ } from "../signals.ts";
import { Riscv64Cpu } from "./cpu.ts";
import { HWCAP_RV64GC } from "./hwprobe.ts";
import { mapRiscv64Vectors, riscv64Signals } from "./signal-frame.ts";
import { RISCV64_LAYOUT, RISCV64_LAYOUTS } from "./structs.ts";
import { RISCV64_SYSCALLS } from "./syscalls.ts";

export const riscv64Abi: LinuxAbi<Riscv64Cpu> = {
  name: "riscv64",
  machine: "riscv64",
  elf: { machine: 243, machineName: "RISC-V", elfClass: 2, wrongClass: "32-bit ELF (riscv32); only riscv64 is supported" },
  layout: RISCV64_LAYOUT,
  layouts: RISCV64_LAYOUTS,
  syscalls: RISCV64_SYSCALLS,
  straceFormats: { riscv_hwprobe: "xddddd" },
  // No AT_PLATFORM: Linux has none for riscv.
  auxv: { hwcap: HWCAP_RV64GC, hwcap2: 0, platform: null, minsigstksz: MINSIGSTKSZ },
  signals: riscv64Signals,
  createCpu: (as, opts) => new Riscv64Cpu(as, opts),
  mapVectors: (as: AddressSpace) => mapRiscv64Vectors(as, RISCV64_LAYOUT.stackTop),
  debugArch: () => new RiscvDebugArch(),
};
