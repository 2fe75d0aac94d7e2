// The guest CPU model: QEMU's `qemu32` with SSE3 removed (`-cpu qemu32,-sse3`), a Pentium Pro class
// i686 with MMX, SSE, SSE2 and FXSR and nothing later. It decides which instructions decode as valid
// (decode.ts asks `has`) and what CPUID returns. The CPUID values are those qemu-i386 10.0 reports for
// this model in user mode (target/i386/cpu.c: the qemu32 definition, PPRO_FEATURES, cpu_x86_cpuid);
// test/i386/cpuid.test.ts compares them with qemu-i386 itself.
import { Feat } from "./decode-tables.ts";

export interface I386CpuModel {
  /** the QEMU -cpu string this model reproduces */
  readonly qemuCpu: string;
  /** CPUID.1:EDX, CPUID.1:ECX */
  readonly features1Edx: number;
  readonly features1Ecx: number;
  /** decoder feature checks (QEMU's has_cpuid_feature) */
  has(f: Feat): boolean;
  /** CPUID.80000001:ECX.ABM and CPUID.7.0:EBX.BMI1 (select TZCNT/LZCNT for F3 0F BC/BD) */
  readonly abm: boolean;
  readonly bmi1: boolean;
  /** features gen_multi0F tests (the decoder supports models without them only) */
  readonly xsave: boolean;
  readonly rdtscp: boolean;
  readonly rdrand: boolean;
  readonly rdseed: boolean;
  readonly rdpid: boolean;
  /** GenuineIntel (SYSCALL is #UD outside 64-bit mode on Intel; SYSENTER allowed) */
  readonly vendorIntel: boolean;
  /** CPUID(leaf, subleaf) -> [eax, ebx, ecx, edx] as unsigned 32-bit numbers */
  cpuid(leaf: number, subleaf: number): [number, number, number, number];
}

// CPUID.1:EDX bits (QEMU's CPUID_*)
export const CPUID_FP87 = 1 << 0;
export const CPUID_DE = 1 << 2;
export const CPUID_PSE = 1 << 3;
export const CPUID_TSC = 1 << 4;
export const CPUID_MSR = 1 << 5;
export const CPUID_PAE = 1 << 6;
export const CPUID_MCE = 1 << 7;
export const CPUID_CX8 = 1 << 8;
export const CPUID_APIC = 1 << 9;
export const CPUID_SEP = 1 << 11;
export const CPUID_PGE = 1 << 13;
export const CPUID_CMOV = 1 << 15;
export const CPUID_PAT = 1 << 16;
export const CPUID_CLFLUSH = 1 << 19;
export const CPUID_MMX = 1 << 23;
export const CPUID_FXSR = 1 << 24;
export const CPUID_SSE = 1 << 25;
export const CPUID_SSE2 = 1 << 26;
// CPUID.1:ECX
export const CPUID_EXT_SSE3 = 1 << 0;
export const CPUID_EXT_HYPERVISOR = 1 << 31;

/** PPRO_FEATURES of target/i386/cpu.c: qemu32's CPUID.1:EDX. */
export const PPRO_FEATURES =
  CPUID_FP87 |
  CPUID_DE |
  CPUID_PSE |
  CPUID_TSC |
  CPUID_MSR |
  CPUID_MCE |
  CPUID_CX8 |
  CPUID_PGE |
  CPUID_CMOV |
  CPUID_PAT |
  CPUID_FXSR |
  CPUID_MMX |
  CPUID_SSE |
  CPUID_SSE2 |
  CPUID_PAE |
  CPUID_SEP |
  CPUID_APIC;

/** "GenuineIntel" as CPUID.0 returns it in EBX, EDX, ECX. */
const VENDOR = [0x756e6547, 0x49656e69, 0x6c65746e];
/** "QEMU Virtual CPU version 2.5+" in CPUID.80000002..80000004 (eax, ebx, ecx, edx each). */
// prettier-ignore
const MODEL_ID = [
  0x554d4551, 0x72695620, 0x6c617574, 0x55504320,
  0x72657620, 0x6e6f6973, 0x352e3220, 0x0000002b,
  0, 0, 0, 0,
];
/** CPUID.4 subleaves 0-3: L1D, L1I, L2, L3 as QEMU's default cache model encodes them. */
// prettier-ignore
const CACHE_LEAF4 = [
  [0x00000121, 0x01c0003f, 0x0000003f, 0x00000001],
  [0x00000122, 0x01c0003f, 0x0000003f, 0x00000001],
  [0x00000143, 0x03c0003f, 0x00000fff, 0x00000001],
  [0x00000163, 0x03c0003f, 0x00003fff, 0x00000006],
];
/** CPUID.2: legacy cache descriptors. */
const CACHE_LEAF2 = [0x00000001, 0x00000000, 0x0000004d, 0x002c307d];
/** "TCGTCGTCGTCG": the hypervisor leaf of TCG. */
const HYPERVISOR_LEAF = [0x40000001, 0x54474354, 0x43544743, 0x47435447];

const LEVEL = 4;
const XLEVEL = 0x80000004;
/** family 6, model 6, stepping 3 */
const VERSION = 0x663;

/** Features qemu32 decodes (PPRO_FEATURES minus what has_cpuid_feature never asks). */
function makeQemu32(clflush: boolean): I386CpuModel {
  const edx = (PPRO_FEATURES | (clflush ? CPUID_CLFLUSH : 0)) >>> 0;
  const ecx = CPUID_EXT_HYPERVISOR >>> 0;
  const feats = new Set<Feat>([Feat.CMOV, Feat.CX8, Feat.FXSR, Feat.SSE, Feat.SSE2]);
  if (clflush) feats.add(Feat.CLFLUSH);
  const leaf = (index: number, count: number): [number, number, number, number] => {
    switch (index) {
      case 0:
        return [LEVEL, VENDOR[0]!, VENDOR[2]!, VENDOR[1]!];
      case 1:
        return [VERSION, 8 << 8 /* CLFLUSH line size in quadwords, always reported */, ecx, edx];
      case 2:
        return [CACHE_LEAF2[0]!, CACHE_LEAF2[1]!, CACHE_LEAF2[2]!, CACHE_LEAF2[3]!];
      case 4: {
        const c = CACHE_LEAF4[count];
        return c ? [c[0]!, c[1]!, c[2]!, c[3]!] : [0, 0, 0, 0];
      }
      case 0x40000000:
        return [HYPERVISOR_LEAF[0]!, HYPERVISOR_LEAF[1]!, HYPERVISOR_LEAF[2]!, HYPERVISOR_LEAF[3]!];
      case 0x80000000:
        return [XLEVEL, VENDOR[0]!, VENDOR[2]!, VENDOR[1]!];
      case 0x80000001:
        return [VERSION, 0, 0, 0];
      case 0x80000002:
      case 0x80000003:
      case 0x80000004: {
        const i = (index - 0x80000002) * 4;
        return [MODEL_ID[i]!, MODEL_ID[i + 1]!, MODEL_ID[i + 2]!, MODEL_ID[i + 3]!];
      }
      default:
        return [0, 0, 0, 0]; // leaf 3, 0x40000001
    }
  };
  return {
    qemuCpu: clflush ? "qemu32,-sse3,+clflush" : "qemu32,-sse3",
    features1Edx: edx,
    features1Ecx: ecx,
    has: (f) => f === Feat.None || feats.has(f),
    abm: false,
    bmi1: false,
    xsave: false,
    rdtscp: false,
    rdrand: false,
    rdseed: false,
    rdpid: false,
    vendorIntel: true,
    cpuid(leafIn: number, subleaf: number) {
      // cpu_x86_cpuid: an index beyond its range's limit answers as the highest basic leaf
      let index = leafIn >>> 0;
      const limit = index >= 0xc0000000 ? 0 : index >= 0x80000000 ? XLEVEL : index >= 0x40000000 ? 0x40000001 : LEVEL;
      if (index > limit) index = LEVEL;
      return leaf(index, subleaf >>> 0).map((v) => v >>> 0) as [number, number, number, number];
    },
  };
}

/** tciemu-i386's default: `-cpu qemu32,-sse3`. */
export const QEMU32_NO_SSE3: I386CpuModel = makeQemu32(false);
/** The same with CLFLUSH (`-cpu qemu32,-sse3,+clflush`), for programs that need it. */
export const QEMU32_NO_SSE3_CLFLUSH: I386CpuModel = makeQemu32(true);
