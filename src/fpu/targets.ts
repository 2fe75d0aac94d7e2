/**
 * The float_status configurations QEMU 10 gives its x86 and ARM targets
 * (target/i386/tcg/fpu_helper.c cpu_init_fp_statuses / update_fp_status /
 * update_mxcsr_status, target/arm/tcg/vfp_helper.c
 * arm_set_default_fp_behaviours / vfp_set_fpcr_to_host, target/arm/cpu.c).
 */

import { FloatStatus, InfZeroNan, Nan2Rule, Nan3Rule, Round, X80Precision } from "./status.ts";

/** x86 rounding-control field (x87 RC, MXCSR RC) to a softfloat rounding mode. */
export const X86_ROUND_MODES: readonly Round[] = [Round.NearestEven, Round.Down, Round.Up, Round.ToZero];

/**
 * The x87 status (QEMU's env->fp_status): x87 NaN propagation, default NaN
 * with the sign set (0xffff c0000000 00000000), tininess after rounding,
 * precision and rounding from the control word (see setX87ControlWord).
 */
export function x87Status(): FloatStatus {
  const st = new FloatStatus();
  st.nan2Rule = Nan2Rule.X87;
  st.defaultNanPattern = 0b11000000;
  st.ftzBeforeRounding = true;
  setX87ControlWord(st, 0x37f);
  return st;
}

/** Applies an x87 control word's RC and PC fields (update_fp_status). */
export function setX87ControlWord(st: FloatStatus, fpuc: number): void {
  st.roundingMode = X86_ROUND_MODES[(fpuc >> 10) & 3]!;
  const pc = (fpuc >> 8) & 3;
  st.floatx80Precision = pc === 0 ? X80Precision.S : pc === 2 ? X80Precision.D : X80Precision.X;
}

/**
 * The SSE status (QEMU's env->sse_status).  QEMU uses the x87 NaN rule for
 * SSE too (real SSE hardware returns the first operand's NaN), muladd picks
 * a, b, c in order and does not raise Invalid for 0 * inf + QNaN, and
 * flush-to-zero is detected before rounding (hardware: after).
 */
export function sseStatus(): FloatStatus {
  const st = new FloatStatus();
  st.nan2Rule = Nan2Rule.X87;
  st.nan3Rule = Nan3Rule.ABC;
  st.infZeroNanRule = InfZeroNan.DnanNever | InfZeroNan.SuppressInvalid;
  st.defaultNanPattern = 0b11000000;
  st.ftzBeforeRounding = true;
  setMxcsr(st, 0x1f80);
  return st;
}

/**
 * Applies MXCSR's rounding control, DAZ, FZ and exception flag bits to the
 * SSE status (update_mxcsr_status).  The flags become the status's accrued
 * flags (DE has no softfloat counterpart and is not carried).
 */
export function setMxcsr(st: FloatStatus, mxcsr: number): void {
  st.roundingMode = X86_ROUND_MODES[(mxcsr >> 13) & 3]!;
  st.flags =
    (mxcsr & 1 ? 0x01 : 0) | // IE -> invalid
    (mxcsr & 4 ? 0x02 : 0) | // ZE -> divbyzero
    (mxcsr & 8 ? 0x04 : 0) | // OE -> overflow
    (mxcsr & 16 ? 0x08 : 0) | // UE -> underflow
    (mxcsr & 32 ? 0x10 : 0); // PE -> inexact
  st.flushInputsToZero = (mxcsr & 0x40) !== 0;
  st.flushToZero = (mxcsr & 0x8000) !== 0;
}

/**
 * MXCSR exception bits for the status's accrued flags
 * (update_mxcsr_from_sse_status): a flushed denormal output counts as
 * underflow and inexact; DE is never produced.
 */
export function mxcsrFlagsFromStatus(st: FloatStatus): number {
  const f = st.flags;
  return (
    (f & 0x01 ? 1 : 0) | (f & 0x02 ? 4 : 0) | (f & 0x04 ? 8 : 0) | (f & 0x08 ? 16 : 0) | (f & 0x10 ? 32 : 0) | (f & 0x40 ? 16 | 32 : 0)
  );
}

/**
 * An ARM VFP status as QEMU's FPST_A32 (arm_set_default_fp_behaviours):
 * tininess before rounding, flush-to-zero detected before rounding, SNaN
 * then operand A for two NaNs, SNaN then C, A, B for muladd (whose
 * operands are a * b + c), the default NaN for 0 * inf + QNaN, default NaN
 * 0x7fc00000 / 0x7ff8000000000000.  FPSCR's RMode, FZ and DN are applied
 * by setArmFpscr.
 */
export function armVfpStatus(): FloatStatus {
  const st = new FloatStatus();
  st.tininessBeforeRounding = true;
  st.ftzBeforeRounding = true;
  st.nan2Rule = Nan2Rule.SAB;
  st.nan3Rule = Nan3Rule.S_CAB;
  st.infZeroNanRule = InfZeroNan.DnanIfQnan;
  st.defaultNanPattern = 0b01000000;
  return st;
}

/** ARM FPSCR.RMode (bits 23:22) to a softfloat rounding mode. */
export const ARM_ROUND_MODES: readonly Round[] = [Round.NearestEven, Round.Up, Round.Down, Round.ToZero];

/**
 * Applies FPSCR's RMode, FZ (flushes both inputs and outputs in AArch32)
 * and DN to an A32 status (vfp_set_fpcr_to_host).
 */
export function setArmFpscr(st: FloatStatus, fpscr: number): void {
  st.roundingMode = ARM_ROUND_MODES[(fpscr >>> 22) & 3]!;
  const fz = (fpscr & (1 << 24)) !== 0;
  st.flushToZero = fz;
  st.flushInputsToZero = fz;
  st.defaultNanMode = (fpscr & (1 << 25)) !== 0;
}

/**
 * The "standard FPSCR" status used by Advanced SIMD (FPST_STD): default NaN,
 * flush-to-zero, round to nearest, whatever FPSCR says.
 */
export function armStandardStatus(): FloatStatus {
  const st = armVfpStatus();
  st.flushToZero = true;
  st.flushInputsToZero = true;
  st.defaultNanMode = true;
  return st;
}

/**
 * FPSCR cumulative exception bits (IOC, DZC, OFC, UFC, IXC, IDC in bits
 * 0..4 and 7) for the status's accrued flags (vfp_exceptbits_from_host
 * without FPCR.AH): a flushed output counts as underflow, a flushed input
 * sets IDC.
 */
export function armFpscrFlagsFromStatus(st: FloatStatus): number {
  const f = st.flags;
  return (
    (f & 0x01 ? 1 : 0) | (f & 0x02 ? 2 : 0) | (f & 0x04 ? 4 : 0) | (f & (0x08 | 0x40) ? 8 : 0) | (f & 0x10 ? 16 : 0) | (f & 0x20 ? 0x80 : 0)
  );
}
