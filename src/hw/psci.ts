// PSCI (Power State Coordination Interface) calls as QEMU's target/arm/tcg/psci.c handles them when
// it plays the firmware for a kernel booted without one: on `-M virt` with a Cortex-A15 (no EL2,
// no EL3) the conduit is HVC (hw/arm/virt.c), so the CPU hands every `hvc #0` to psciCall instead
// of taking the exception. The function ID is in r0, arguments in r1..r3; the result goes back in
// r0, and some calls also ask the machine to do something (`action`).
//
// This is a pure function of the registers and the machine's one CPU (MPIDR affinity 0, on):
//   PSCI_VERSION            → 0x00010001 (PSCI 1.1, QEMU_PSCI_VERSION_1_1)
//   PSCI_FEATURES(fn)       → 0 for the functions below that exist in SMC32 form, else NOT_SUPPORTED
//   MIGRATE_INFO_TYPE       → 2 (no trusted OS: migration not required)
//   AFFINITY_INFO(mpidr, l) → level 0: 0 (ON) for MPIDR 0, INVALID_PARAMETERS for other CPUs;
//                             levels above 0: 0 (always on)
//   CPU_ON(mpidr, ...)      → ALREADY_ON for CPU 0, INVALID_PARAMETERS for any other (QEMU's
//                             arm_set_cpu_on with one CPU)
//   CPU_SUSPEND(state, ...) → INVALID_PARAMETERS if state has bits in 31:17, else r0 = 0 and the
//                             CPU waits for an interrupt (QEMU: "we always go into WFI")
//   CPU_OFF                 → the only CPU goes off: nothing runs any more (action "cpu-off")
//   SYSTEM_OFF / _RESET     → the machine powers off / resets (action "system-off" / "system-reset");
//                             the CPU does not return from the call
//   SMC64 IDs (bit 30), MIGRATE, anything else → NOT_SUPPORTED (-1)
// The PSCI 0.1 IDs QEMU also accepts (0x95c1ba5e + n) work the same way.

export const PSCI_0_2_FN_BASE = 0x84000000;
export const PSCI_0_2_64BIT = 0x40000000;
export const PSCI_FN_PSCI_VERSION = PSCI_0_2_FN_BASE + 0;
export const PSCI_FN_CPU_SUSPEND = PSCI_0_2_FN_BASE + 1;
export const PSCI_FN_CPU_OFF = PSCI_0_2_FN_BASE + 2;
export const PSCI_FN_CPU_ON = PSCI_0_2_FN_BASE + 3;
export const PSCI_FN_AFFINITY_INFO = PSCI_0_2_FN_BASE + 4;
export const PSCI_FN_MIGRATE = PSCI_0_2_FN_BASE + 5;
export const PSCI_FN_MIGRATE_INFO_TYPE = PSCI_0_2_FN_BASE + 6;
export const PSCI_FN_MIGRATE_INFO_UP_CPU = PSCI_0_2_FN_BASE + 7;
export const PSCI_FN_SYSTEM_OFF = PSCI_0_2_FN_BASE + 8;
export const PSCI_FN_SYSTEM_RESET = PSCI_0_2_FN_BASE + 9;
export const PSCI_FN_PSCI_FEATURES = PSCI_0_2_FN_BASE + 10;
export const PSCI_FN64_CPU_SUSPEND = PSCI_0_2_FN_BASE + PSCI_0_2_64BIT + 1;
export const PSCI_FN64_CPU_ON = PSCI_0_2_FN_BASE + PSCI_0_2_64BIT + 3;
export const PSCI_FN64_AFFINITY_INFO = PSCI_0_2_FN_BASE + PSCI_0_2_64BIT + 4;
export const PSCI_FN64_MIGRATE = PSCI_0_2_FN_BASE + PSCI_0_2_64BIT + 5;
/** PSCI 0.1 function IDs (QEMU's, also KVM's). */
export const PSCI_0_1_FN_CPU_SUSPEND = 0x95c1ba5e;
export const PSCI_0_1_FN_CPU_OFF = 0x95c1ba5f;
export const PSCI_0_1_FN_CPU_ON = 0x95c1ba60;
export const PSCI_0_1_FN_MIGRATE = 0x95c1ba61;

export const PSCI_VERSION_1_1 = 0x10001;
export const PSCI_RET_SUCCESS = 0;
export const PSCI_RET_NOT_SUPPORTED = -1;
export const PSCI_RET_INVALID_PARAMS = -2;
export const PSCI_RET_DENIED = -3;
export const PSCI_RET_ALREADY_ON = -4;
/** MIGRATE_INFO_TYPE: "Trusted OS not present or does not require migration". */
export const PSCI_TOS_MIGRATION_NOT_REQUIRED = 2;

/** What the machine must do after the call, besides writing `r0`. */
export type PsciAction = "none" | "wfi" | "cpu-off" | "system-off" | "system-reset";

export interface PsciResult {
  /** The value for r0 (an int32); meaningless for the actions that do not return. */
  r0: number;
  action: PsciAction;
}

/** The MPIDR affinity of the board's only CPU (QEMU virt's CPU 0). */
export const PSCI_BOOT_CPU_MPIDR = 0;

/** Handles a PSCI call from AArch32 state with the function ID in r0 and arguments in r1..r3. */
export function psciCall(r0: number, r1: number, r2: number): PsciResult {
  const fn = r0 >>> 0;
  const arg1 = r1 >>> 0;
  const ret = (v: number): PsciResult => ({ r0: v | 0, action: "none" });
  if (fn & PSCI_0_2_64BIT) return ret(PSCI_RET_NOT_SUPPORTED); // an SMC64 function ID from AArch32
  switch (fn) {
    case PSCI_FN_PSCI_VERSION:
      return ret(PSCI_VERSION_1_1);
    case PSCI_FN_MIGRATE_INFO_TYPE:
      return ret(PSCI_TOS_MIGRATION_NOT_REQUIRED);
    case PSCI_FN_AFFINITY_INFO:
      if (r2 >>> 0 !== 0) return ret(0); // everything above affinity level 0 is always on
      return ret(arg1 === PSCI_BOOT_CPU_MPIDR ? 0 /* ON */ : PSCI_RET_INVALID_PARAMS);
    case PSCI_FN_SYSTEM_RESET:
      return { r0: 0, action: "system-reset" };
    case PSCI_FN_SYSTEM_OFF:
      return { r0: 0, action: "system-off" };
    case PSCI_0_1_FN_CPU_ON:
    case PSCI_FN_CPU_ON:
      return ret(arg1 === PSCI_BOOT_CPU_MPIDR ? PSCI_RET_ALREADY_ON : PSCI_RET_INVALID_PARAMS);
    case PSCI_0_1_FN_CPU_OFF:
    case PSCI_FN_CPU_OFF:
      return { r0: 0, action: "cpu-off" };
    case PSCI_0_1_FN_CPU_SUSPEND:
    case PSCI_FN_CPU_SUSPEND:
      if (arg1 & 0xfffe0000) return ret(PSCI_RET_INVALID_PARAMS);
      return { r0: 0, action: "wfi" };
    case PSCI_FN_PSCI_FEATURES:
      return ret(psciFeature(arg1));
    default:
      return ret(PSCI_RET_NOT_SUPPORTED);
  }
}

/** PSCI_FEATURES for an AArch32 caller (QEMU's QEMU_PSCI_1_0_FN_PSCI_FEATURES case). */
function psciFeature(fn: number): number {
  switch (fn) {
    case PSCI_FN_PSCI_VERSION:
    case PSCI_FN_MIGRATE_INFO_TYPE:
    case PSCI_FN_AFFINITY_INFO:
    case PSCI_FN_SYSTEM_RESET:
    case PSCI_FN_SYSTEM_OFF:
    case PSCI_0_1_FN_CPU_ON:
    case PSCI_FN_CPU_ON:
    case PSCI_0_1_FN_CPU_OFF:
    case PSCI_FN_CPU_OFF:
    case PSCI_0_1_FN_CPU_SUSPEND:
    case PSCI_FN_CPU_SUSPEND:
    case PSCI_FN_PSCI_FEATURES:
      return PSCI_RET_SUCCESS;
    default:
      return PSCI_RET_NOT_SUPPORTED; // including the SMC64 forms, which an AArch32 caller cannot use
  }
}
