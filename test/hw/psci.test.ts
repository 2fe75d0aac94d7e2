// PSCI calls as QEMU's target/arm/tcg/psci.c answers an AArch32 guest on a one-CPU machine.
import { describe, expect, test } from "vitest";
import {
  PSCI_0_1_FN_CPU_ON,
  PSCI_FN64_CPU_ON,
  PSCI_FN_AFFINITY_INFO,
  PSCI_FN_CPU_OFF,
  PSCI_FN_CPU_ON,
  PSCI_FN_CPU_SUSPEND,
  PSCI_FN_MIGRATE,
  PSCI_FN_MIGRATE_INFO_TYPE,
  PSCI_FN_PSCI_FEATURES,
  PSCI_FN_PSCI_VERSION,
  PSCI_FN_SYSTEM_OFF,
  PSCI_FN_SYSTEM_RESET,
  psciCall,
} from "../../src/hw/psci.ts";

const call = (fn: number, a = 0, b = 0) => psciCall(fn | 0, a, b);

describe("psci", () => {
  test("VERSION is 1.1, MIGRATE_INFO_TYPE says no trusted OS", () => {
    expect(call(PSCI_FN_PSCI_VERSION)).toEqual({ r0: 0x10001, action: "none" });
    expect(call(PSCI_FN_MIGRATE_INFO_TYPE).r0).toBe(2);
  });

  test("SYSTEM_OFF, SYSTEM_RESET and CPU_OFF stop the CPU", () => {
    expect(call(PSCI_FN_SYSTEM_OFF).action).toBe("system-off");
    expect(call(PSCI_FN_SYSTEM_RESET).action).toBe("system-reset");
    expect(call(PSCI_FN_CPU_OFF).action).toBe("cpu-off");
  });

  test("CPU_ON with one CPU: ALREADY_ON for CPU 0, INVALID_PARAMETERS for any other", () => {
    expect(call(PSCI_FN_CPU_ON, 0, 0x40008000).r0).toBe(-4);
    expect(call(PSCI_FN_CPU_ON, 1, 0x40008000).r0).toBe(-2);
    expect(call(PSCI_0_1_FN_CPU_ON, 0x100).r0).toBe(-2);
    expect(call(PSCI_FN64_CPU_ON, 0).r0).toBe(-1); // SMC64 from AArch32
  });

  test("AFFINITY_INFO and CPU_SUSPEND", () => {
    expect(call(PSCI_FN_AFFINITY_INFO, 0, 0).r0).toBe(0);
    expect(call(PSCI_FN_AFFINITY_INFO, 3, 0).r0).toBe(-2);
    expect(call(PSCI_FN_AFFINITY_INFO, 3, 1).r0).toBe(0);
    expect(call(PSCI_FN_CPU_SUSPEND, 0)).toEqual({ r0: 0, action: "wfi" });
    expect(call(PSCI_FN_CPU_SUSPEND, 0x20000).r0).toBe(-2);
  });

  test("FEATURES: the SMC32 functions QEMU implements; NOT_SUPPORTED for the rest", () => {
    for (const fn of [
      PSCI_FN_PSCI_VERSION,
      PSCI_FN_CPU_ON,
      PSCI_FN_SYSTEM_OFF,
      PSCI_FN_SYSTEM_RESET,
      PSCI_FN_PSCI_FEATURES,
      PSCI_FN_CPU_SUSPEND,
    ])
      expect(call(PSCI_FN_PSCI_FEATURES, fn).r0).toBe(0);
    for (const fn of [PSCI_FN_MIGRATE, PSCI_FN64_CPU_ON, 0x84000011, 0, 0xffffffff]) expect(call(PSCI_FN_PSCI_FEATURES, fn).r0).toBe(-1);
    expect(call(PSCI_FN_MIGRATE).r0).toBe(-1);
    expect(call(0x12345678).r0).toBe(-1);
  });
});
