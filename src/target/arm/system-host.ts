// What the ARM system-mode CPU needs from the board around it, as structural types of its own (the
// target layer does not import src/hw): src/hw/arm-virt-machine.ts's ArmCpuHost and
// src/hw/arm-generic-timer.ts's ArmGenericTimer satisfy them, and ArmSystemCpu satisfies the
// board's ArmCpu in turn.
import type { MmioDevice } from "../../mem/softmmu.ts";

/** The physical timer (0) or the virtual timer (1) of the generic timer. */
export type ArmTimerId = 0 | 1;
export const TIMER_PHYS: ArmTimerId = 0;
export const TIMER_VIRT: ArmTimerId = 1;

/** The generic timer as its cp15 registers reach it (QEMU's gt_* accessors). */
export interface ArmTimerRegs {
  cntfrq: number;
  cntkctl: number;
  readCounterInto(t: ArmTimerId, out: Int32Array, lo: number, hi: number): void;
  readCtl(t: ArmTimerId): number;
  writeCtl(t: ArmTimerId, value: number): void;
  readCval(t: ArmTimerId): bigint;
  writeCval(t: ArmTimerId, value: bigint): void;
  readTval(t: ArmTimerId): number;
  writeTval(t: ArmTimerId, value: number): void;
  pl0CanReadCounter(t: ArmTimerId): boolean;
  pl0CanAccessTimer(t: ArmTimerId): boolean;
  pl0CanReadFrequency(): boolean;
}

/** The board as the CPU sees it: RAM, the physical map, the timer, PSCI, table-walk reads. */
export interface ArmSystemHost {
  readonly ram: ArrayBuffer;
  readonly phys: {
    ramOffset(pa: number): number;
    device(pa: number): { dev: MmioDevice; pageOffset: number } | null;
  };
  readonly timer: ArmTimerRegs;
  /** A PSCI call (hvc #0): r0 to write back, and what the CPU does next. */
  psci(r0: number, r1: number, r2: number, r3: number): { r0: number; action: string };
  readPhys32(pa: number): number | null;
}

/** The state the board resets the CPU to (src/hw/arm-boot.ts's ArmBootState). */
export interface ArmResetState {
  regs: number[];
  cpsr: number;
  cp15: { sctlr: number; ttbr0?: number; ttbcr?: number; dacr?: number };
}

/** A level-sensitive input (IRQ, FIQ). */
export interface ArmIrqInput {
  set(level: boolean): void;
}
