// The Linux ABIs tciemu has, for hosts that choose the guest by name or by the program itself (the
// page, the embedding API). Each new guest adds its LinuxAbi to LINUX_ABIS.
import type { LinuxAbi } from "./abi.ts";
import { riscv64Abi } from "./riscv64/abi.ts";

export const LINUX_ABIS: readonly LinuxAbi[] = [riscv64Abi];

/** The ABI called `name` ("riscv64", "i386", "arm"), or null. */
export function abiByName(name: string): LinuxAbi | null {
  return LINUX_ABIS.find((a) => a.name === name) ?? null;
}

/** The ABI whose ELF machine and class match an ELF file's header, or null (not an ELF, or no such guest). */
export function abiForElf(elf: Uint8Array): LinuxAbi | null {
  if (elf.length < 20 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) return null;
  const cls = elf[4];
  const machine = elf[18] | (elf[19] << 8); // e_machine, little-endian
  return LINUX_ABIS.find((a) => a.elf.machine === machine && a.elf.elfClass === cls) ?? null;
}
