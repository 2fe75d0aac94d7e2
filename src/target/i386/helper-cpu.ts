// What the i386 helpers (helpers.ts) use of their CPU: an interface so that helpers.ts does not import
// cpu.ts, which registers them (no import cycle). I386Cpu implements it.
import type { CpuExec } from "../../exec/cpu-exec.ts";
import type { I386CpuModel } from "./cpu-model.ts";
import type { FpuMemory } from "./fpu/index.ts";

export interface I386HelperCpu {
  readonly exec: CpuExec;
  readonly R: Int32Array;
  readonly model: I386CpuModel;
  /** Guest memory for helpers that access it themselves (faults unwind to the calling op). */
  readonly mem: FpuMemory;
  /** The time-stamp counter RDTSC reads. */
  tsc: () => bigint;
  /** cpu_load_eflags: EFLAGS bits under updateMask from v (arithmetic flags into CC_SRC). */
  loadEflags(v: number, updateMask: number): void;
  /** cpu_x86_load_seg_cache */
  loadSegCache(seg: number, selector: number, base: number, limit: number, flags: number): void;
  /** The descriptor words (e1, e2) and the table address of a selector, or null (outside the table). */
  readDescriptor(selector: number): [number, number, number] | null;
  /** helper_load_seg: a segment register load with its protection checks. */
  loadSeg(seg: number, selector: number): void;
  /** raise_exception_err */
  raiseErr(excp: number, errorCode: number): never;
}
