// The ARM EABI Linux ABI (armhf: ARMv7-A, VFPv3-D16 hard float, Thumb-2): what tciemu-arm runs.
// The CPU is QEMU's cortex-a15 with neon=off,vfp-d32=off; AT_HWCAP is what QEMU 10's
// get_elf_hwcap reports for it, AT_PLATFORM "v7l" and uname's machine "armv7l" as QEMU's.
import { ArmDebugArch } from "../../target/arm/debug-arch.ts";
import type { LinuxAbi } from "../abi.ts";
import type { AddressSpace } from "../address-space.ts";
import { MINSIGSTKSZ } from "../signals.ts";
import { ArmUserCpu } from "./cpu.ts";
import { armSignals, mapArmVectors } from "./signal-frame.ts";
import { ARM_LAYOUT, ARM_LAYOUTS } from "./structs.ts";
import { ARM_SYSCALLS } from "./syscalls.ts";

/**
 * swp half thumb fastmult vfp edsp thumbee vfpv3 vfpv3d16 tls vfpv4 idiva idivt lpae
 * (linux-user/elfload.c get_elf_hwcap for cortex-a15,neon=off,vfp-d32=off).
 */
export const ARM_HWCAP = 0x0017e8d7;

export const armAbi: LinuxAbi<ArmUserCpu> = {
  name: "arm",
  machine: "armv7l",
  elf: { machine: 40, machineName: "ARM", elfClass: 1, wrongClass: "64-bit ELF (AArch64); only 32-bit ARM is supported" },
  layout: ARM_LAYOUT,
  layouts: ARM_LAYOUTS,
  syscalls: ARM_SYSCALLS,
  straceFormats: { set_tls: "x", get_tls: "", cacheflush: "xxd", arm_fadvise64_64: "dddddd" },
  coreDump: true,
  auxv: { hwcap: ARM_HWCAP, hwcap2: 0, platform: "v7l", minsigstksz: MINSIGSTKSZ },
  signals: armSignals,
  createCpu: (mem, opts) => new ArmUserCpu(mem, opts),
  mapVectors: (as: AddressSpace) => mapArmVectors(as, ARM_LAYOUT.stackTop),
  debugArch: () => new ArmDebugArch(),
};
