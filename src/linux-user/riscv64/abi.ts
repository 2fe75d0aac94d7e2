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
  createCpu: (mem, opts) => new Riscv64Cpu(mem, opts),
  mapVectors: (as: AddressSpace) => mapRiscv64Vectors(as, RISCV64_LAYOUT.stackTop),
  cpuinfo: riscv64Cpuinfo,
  debugArch: () => new RiscvDebugArch(),
};

/**
 * The extensions the CPU implements (RV64GC, Zicntr, Zba, Zbb, Zbs, Zicond) as QEMU 10's
 * riscv_isa_string writes them for such a CPU (`-cpu rv64i,m=true,a=true,f=true,d=true,c=true,
 * zicsr=true,zifencei=true,zicntr=true,zba=true,zbb=true,zbs=true,zicond=true,mmu=true`): the
 * single letters, then the multi-letter ones in QEMU's isa_edata_arr order, with what M, A and
 * C+D imply (zmmul, zaamo/zalrsc, zca/zcd) and the named features QEMU derives for every CPU
 * (zic64b, ziccamoa, ..., ssu64xl). test/linux-user/proc.test.ts compares with that qemu.
 */
export const RISCV64_ISA =
  "rv64imafdc_zic64b_ziccamoa_ziccif_zicclsm_ziccrse_zicond_zicntr_zicsr_zifencei_zmmul_za64rs_zaamo_zalrsc_zca_zcd_zba_zbb_zbs_shcounterenw_shgatpa_shtvala_shvsatpa_shvstvala_shvstvecd_ssccptr_sscounterenw_sstvala_sstvecd_ssu64xl";

/** QEMU's -cpu option for the CPU tciemu-riscv64 emulates (what RISCV64_ISA describes). */
export const RISCV64_QEMU_CPU =
  "rv64i,m=true,a=true,f=true,d=true,c=true,zicsr=true,zifencei=true,zicntr=true,zba=true,zbb=true,zbs=true,zicond=true,mmu=true";

/** /proc/cpuinfo as qemu-riscv64 makes it up (linux-user/riscv/target_proc.h open_cpuinfo: "sv48" for any RV64 with an MMU). */
export function riscv64Cpuinfo(cpus: number): string {
  let s = "";
  for (let i = 0; i < cpus; i++) s += `processor\t: ${i}\nhart\t\t: ${i}\nisa\t\t: ${RISCV64_ISA}\nmmu\t\t: sv48\nuarch\t\t: qemu\n\n`;
  return s;
}
