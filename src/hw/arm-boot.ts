// Loading a kernel on the ARM virt board without firmware, as QEMU's hw/arm/boot.c
// (arm_setup_direct_kernel_boot, arm_write_bootloader, do_cpu_reset) does it for a 32-bit CPU with
// neither EL2 nor EL3, plus the optional "unpacked zImage" fast path of tciemu.
//
// QEMU's layout (RAM at `ramBase`, KERNEL_LOAD_ADDR = 0x10000):
//   ramBase + 0x0       the boot stub: mov r0,#0; ldr r1,=board_id; ldr r2,=dtb; ldr pc,=entry
//   ramBase + 0x10000   the raw kernel (zImage or Image) — the entry point
//   initrd              ramBase + min(RAM/2, 128 MiB), but not below the kernel's end; 4 KiB aligned
//   DTB                 right after the initrd, 4 KiB aligned ("some 32bit kernels will trash
//                       anything in the 4K page the initrd ends in")
// The CPU starts at ramBase in its reset state: SVC mode, A/I/F masked, MMU and caches off
// (SCTLR = 0x00c50078 for the Cortex-A15), r0..r14 = 0. The board ID is 0xffffffff ("DT only").
// An ELF kernel is loaded by its program headers instead and entered at its entry point with no
// stub and no arguments (QEMU's !is_linux path); its DTB goes to ramBase if the image leaves room.
//
// The fast path (`unpackZImage`): the zImage's XZ payload is unpacked here and the Image placed
// where the zImage's own decompressor (arch/arm/boot/compressed/head.S) puts it — the start of RAM
// rounded down to 128 MiB (AUTO_ZRELADDR, validated against the DTB's memory node by
// fdt_check_mem_start) plus the kernel's TEXT_OFFSET (0x208000 for Debian's armmp, which enables
// platforms needing it) — and the CPU is set up as __enter_kernel leaves it after cache_off:
//   r0 = 0, r1 = the board ID (r7), r2 = the DTB address (r8), pc = the Image's start (r4),
//   r3 = 0xc, r5 = r6 = r10 = 0, r9 = MIDR (0x414fc0f0, left by cache_off's CPU-ID lookup),
//   SVC mode with A/I/F masked, SCTLR = 0x00c55078 (MMU and D-cache off; the I-cache and
//   round-robin replacement bits cache_on set stay on), TTBR0 = Image - 16 KiB (the decompressor's
//   page table), TTBCR = 0, DACR = 0xfffffffd.
// r11, r12, sp and lr point into wherever the decompressor relocated itself; they are dead on
// entry (arch/arm/kernel/head.S only reads r0..r2) and are 0 here. The initrd and DTB stay where
// QEMU put them for the zImage, so the kernel sees the same memory map either way.
import { findZImagePayload, isZImage, unpackZImage, ZImageError, type ZImagePayload } from "./arm-zimage.ts";

export const ARM_KERNEL_LOAD_OFFSET = 0x10000;
export const ARM_BOARD_ID_DT = 0xffffffff;
/** CPSR at reset: SVC mode (0x13) with A, I and F masked. */
export const ARM_RESET_CPSR = 0x1d3;
/** The Cortex-A15's SCTLR reset value in QEMU (cortex_a15_initfn). */
export const CORTEX_A15_RESET_SCTLR = 0x00c50078;
/** QEMU's Cortex-A15 MIDR (r2p0... as QEMU reports it: 0x414fc0f0). */
export const CORTEX_A15_MIDR = 0x414fc0f0;
const KIB = 1024;
const MIB = 1 << 20;

export class ArmBootError extends Error {
  override name = "ArmBootError";
}

/** The CPU state the board asks the ARM CPU to start in. */
export interface ArmBootState {
  /** r0..r15 (r15 = pc). */
  regs: number[];
  cpsr: number;
  /** cp15 registers that differ from the CPU's reset values (absent: reset value). */
  cp15: { sctlr: number; ttbr0?: number; ttbcr?: number; dacr?: number };
}

/** A piece of guest physical memory to fill. */
export interface ArmBootBlob {
  addr: number;
  data: Uint8Array;
  what: string;
}

export interface ArmBootPlan {
  blobs: ArmBootBlob[];
  state: ArmBootState;
  /** Where the DTB goes; the board writes it there once it is built (it depends on the initrd). */
  dtbAddr: number;
  /** The initrd's [start, end), or null. */
  initrd: { start: number; end: number } | null;
  /** Room for the DTB: it must end at or below this address. */
  dtbLimit: number;
  /** "zimage-unpacked" when the fast path was taken. */
  kind: "linux" | "zimage-unpacked" | "elf";
  payload?: ZImagePayload;
}

export interface ArmBootOptions {
  ramBase: number;
  ramBytes: number;
  kernel: Uint8Array;
  initrd?: Uint8Array;
  /**
   * Unpack an XZ zImage and enter the decompressed kernel directly (see above): true insists
   * (an error if the kernel is not an XZ zImage), "auto" does it when it can, false never.
   */
  unpackZImage?: boolean | "auto";
}

/** Plans the memory image and the CPU entry state for booting `kernel` (QEMU's arm_load_kernel). */
export function planArmBoot(o: ArmBootOptions): ArmBootPlan {
  const ramEnd = o.ramBase + o.ramBytes;
  if (isElf(o.kernel)) return planElf(o);
  const entry = o.ramBase + ARM_KERNEL_LOAD_OFFSET;
  if (o.kernel.length > o.ramBytes - ARM_KERNEL_LOAD_OFFSET)
    throw new ArmBootError(`kernel is too large to fit in RAM (kernel size ${o.kernel.length}, RAM size ${o.ramBytes})`);
  const imageEnd = entry + o.kernel.length;
  // Initrd: far enough for the decompressed kernel not to clobber it, not beyond lowmem.
  let initrdStart = o.ramBase + Math.min(o.ramBytes / 2, 128 * MIB);
  initrdStart = alignUp(Math.max(initrdStart, imageEnd), 4 * KIB);
  let initrd: { start: number; end: number } | null = null;
  if (o.initrd !== undefined) {
    if (initrdStart >= ramEnd) throw new ArmBootError("not enough space after kernel to load initrd");
    if (initrdStart + o.initrd.length > ramEnd) throw new ArmBootError("could not load initrd: too big to fit into RAM after the kernel");
    initrd = { start: initrdStart, end: initrdStart + o.initrd.length };
  }
  const dtbAddr = alignUp(initrdStart + (o.initrd?.length ?? 0), 4 * KIB);
  if (dtbAddr >= ramEnd) throw new ArmBootError("not enough space for the DTB after the kernel/initrd");

  const blobs: ArmBootBlob[] = [];
  if (initrd !== null) blobs.push({ addr: initrd.start, data: o.initrd!, what: "initrd" });

  const unpack = o.unpackZImage === true || (o.unpackZImage === "auto" && hasXzPayload(o.kernel));
  if (unpack) {
    if (!isZImage(o.kernel)) throw new ArmBootError("cannot unpack the kernel: it is not a zImage");
    let unpacked: { image: Uint8Array; payload: ZImagePayload };
    try {
      unpacked = unpackZImage(o.kernel);
    } catch (e) {
      if (e instanceof ZImageError) throw new ArmBootError(`cannot unpack the zImage: ${e.message}`);
      throw e;
    }
    const { image, payload } = unpacked;
    // head.S: r4 = (pc & 0xf8000000) + TEXT_OFFSET, pc being inside the zImage at `entry`.
    const memStart = Math.floor(entry / (128 * MIB)) * (128 * MIB);
    if (memStart < o.ramBase) throw new ArmBootError("RAM does not start on a 128 MiB boundary: the zImage cannot find it");
    const kernelAt = memStart + payload.textOffset;
    const kernelEnd = kernelAt + image.length + payload.kernelBssSize;
    if (kernelEnd > ramEnd) throw new ArmBootError("the decompressed kernel does not fit in RAM: use more memory (-m)");
    if (initrd !== null && initrd.start < kernelEnd)
      throw new ArmBootError("the decompressed kernel would overwrite the initrd: use more memory (-m)");
    if (dtbAddr < kernelEnd) throw new ArmBootError("the decompressed kernel would overwrite the DTB: use more memory (-m)");
    blobs.push({ addr: kernelAt, data: image, what: "kernel Image (unpacked from the zImage)" });
    const regs = new Array<number>(16).fill(0);
    regs[0] = 0;
    regs[1] = ARM_BOARD_ID_DT;
    regs[2] = dtbAddr;
    regs[3] = 0xc;
    regs[4] = kernelAt;
    regs[7] = ARM_BOARD_ID_DT;
    regs[8] = dtbAddr;
    regs[9] = CORTEX_A15_MIDR;
    regs[15] = kernelAt;
    return {
      blobs,
      state: {
        regs,
        cpsr: ARM_RESET_CPSR,
        cp15: { sctlr: CORTEX_A15_RESET_SCTLR | (1 << 12) | (1 << 14), ttbr0: kernelAt - 16 * KIB, ttbcr: 0, dacr: 0xfffffffd },
      },
      dtbAddr,
      initrd,
      dtbLimit: ramEnd,
      kind: "zimage-unpacked",
      payload,
    };
  }

  blobs.push({ addr: entry, data: o.kernel, what: "kernel" });
  blobs.push({ addr: o.ramBase, data: bootStub(ARM_BOARD_ID_DT, dtbAddr, entry), what: "boot stub" });
  const regs = new Array<number>(16).fill(0);
  regs[15] = o.ramBase;
  return {
    blobs,
    state: { regs, cpsr: ARM_RESET_CPSR, cp15: { sctlr: CORTEX_A15_RESET_SCTLR } },
    dtbAddr,
    initrd,
    dtbLimit: ramEnd,
    kind: "linux",
  };
}

/** QEMU's `bootloader[]` without board setup: set r0..r2 and jump to the kernel. */
export function bootStub(boardId: number, dtb: number, entry: number): Uint8Array {
  const words = [
    0xe3a00000, // mov r0, #0
    0xe59f1004, // ldr r1, [pc, #4]
    0xe59f2004, // ldr r2, [pc, #4]
    0xe59ff004, // ldr pc, [pc, #4]
    boardId >>> 0,
    dtb >>> 0,
    entry >>> 0,
  ];
  const out = new Uint8Array(4 * words.length);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w, true));
  return out;
}

/** True if the kernel is a zImage whose payload the fast path can unpack. */
export function hasXzPayload(kernel: Uint8Array): boolean {
  if (!isZImage(kernel)) return false;
  try {
    return findZImagePayload(kernel).format === "xz";
  } catch (e) {
    if (e instanceof ZImageError) return false;
    throw e;
  }
}

function isElf(b: Uint8Array): boolean {
  return b.length >= 52 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

/**
 * An ELF32 little-endian ARM executable: PT_LOAD segments at their physical addresses, entered at
 * e_entry in the reset state (QEMU's arm_load_elf + do_cpu_reset for !is_linux). The DTB goes to
 * the start of RAM if the image does not cover it, else it is not loaded (dtbAddr = -1).
 */
function planElf(o: ArmBootOptions): ArmBootPlan {
  const b = o.kernel;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b[4] !== 1 || b[5] !== 1) throw new ArmBootError("ELF kernel: only 32-bit little-endian ELF files are supported");
  if (dv.getUint16(18, true) !== 40) throw new ArmBootError("ELF kernel: not an ARM executable (e_machine != EM_ARM)");
  const entry = dv.getUint32(24, true);
  const phoff = dv.getUint32(28, true);
  const phentsize = dv.getUint16(42, true);
  const phnum = dv.getUint16(44, true);
  if (phentsize < 32 || phoff + phnum * phentsize > b.length) throw new ArmBootError("ELF kernel: program headers outside the file");
  const ramEnd = o.ramBase + o.ramBytes;
  const blobs: ArmBootBlob[] = [];
  let low = Infinity;
  let high = 0;
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (dv.getUint32(ph, true) !== 1) continue; // PT_LOAD
    const off = dv.getUint32(ph + 4, true);
    const paddr = dv.getUint32(ph + 12, true);
    const filesz = dv.getUint32(ph + 16, true);
    const memsz = dv.getUint32(ph + 20, true);
    if (memsz === 0) continue;
    if (off + filesz > b.length || filesz > memsz) throw new ArmBootError("ELF kernel: a segment lies outside the file");
    if (paddr < o.ramBase || paddr + memsz > ramEnd)
      throw new ArmBootError(`ELF kernel: segment at 0x${paddr.toString(16)} (${memsz} bytes) is not in RAM`);
    const data = new Uint8Array(memsz);
    data.set(b.subarray(off, off + filesz));
    blobs.push({ addr: paddr, data, what: `ELF segment ${i}` });
    low = Math.min(low, paddr);
    high = Math.max(high, paddr + memsz);
  }
  if (blobs.length === 0) throw new ArmBootError("ELF kernel: no loadable segment");
  // The DTB at the start of RAM, below the image (boot.c: dtb_start = loader_start, limit = image start).
  const dtbAddr = low > o.ramBase ? o.ramBase : -1;
  const regs = new Array<number>(16).fill(0);
  regs[15] = entry;
  return {
    blobs,
    state: { regs, cpsr: ARM_RESET_CPSR, cp15: { sctlr: CORTEX_A15_RESET_SCTLR } },
    dtbAddr,
    initrd: null,
    dtbLimit: low > o.ramBase ? low : high,
    kind: "elf",
  };
}

function alignUp(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}
