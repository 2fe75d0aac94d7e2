/**
 * The softfloat statuses behind the x87 and SSE helpers (QEMU's
 * env->fp_status and env->sse_status).  They carry no guest state: every
 * helper configures them from the control word / MXCSR slots and starts
 * with empty flags, then merges what the operation raised back into the
 * status word / MXCSR (QEMU's save_exception_flags / merge_exception_flags
 * and update_mxcsr_from_sse_status).
 */

import { Flag, mxcsrFlagsFromStatus, setMxcsr, setX87ControlWord, sseStatus, x87Status, type FloatStatus } from "../../../fpu/index.ts";
import { FPUC_EM, FPUS_B, FPUS_DE, FPUS_IE, FPUS_OE, FPUS_PE, FPUS_SE, FPUS_UE, FPUS_ZE, SSE_MXCSR, X87_FPUC, X87_FPUS } from "./layout.ts";

/** env->fp_status. */
export const fpSt: FloatStatus = x87Status();
/** env->sse_status. */
export const sseSt: FloatStatus = sseStatus();

let fpConfiguredFor = -1;
let sseConfiguredFor = -1;

/** Configures fp_status from the control word and clears its flags. */
export function x87Begin(R: Int32Array, base: number): FloatStatus {
  const cw = R[base + X87_FPUC]!;
  if (cw !== fpConfiguredFor) {
    setX87ControlWord(fpSt, cw);
    fpConfiguredFor = cw;
  }
  fpSt.flags = 0;
  return fpSt;
}

/**
 * Helpers that change fp_status's rounding mode or precision temporarily
 * must call this before returning if they did not restore it.
 */
export function x87Reconfigure(): void {
  fpConfiguredFor = -1;
}

/** fpu_set_exception: records exception bits and the summary bits they imply. */
export function fpuSetException(R: Int32Array, base: number, mask: number): void {
  let fpus = R[base + X87_FPUS]! | mask;
  if ((fpus & ~R[base + X87_FPUC]! & FPUC_EM) !== 0) fpus |= FPUS_SE | FPUS_B;
  R[base + X87_FPUS] = fpus;
}

/** merge_exception_flags: the status word exception bits for the operation's softfloat flags. */
export function x87End(R: Int32Array, base: number): void {
  const f = fpSt.flags;
  if (f === 0) return;
  fpuSetException(
    R,
    base,
    (f & Flag.Invalid ? FPUS_IE : 0) |
      (f & Flag.DivByZero ? FPUS_ZE : 0) |
      (f & Flag.Overflow ? FPUS_OE : 0) |
      (f & Flag.Underflow ? FPUS_UE : 0) |
      (f & Flag.Inexact ? FPUS_PE : 0) |
      (f & Flag.InputDenormalFlushed ? FPUS_DE : 0),
  );
}

/** Configures sse_status from MXCSR (rounding, DAZ, FZ) and clears its flags. */
export function sseBegin(R: Int32Array, base: number): FloatStatus {
  const mx = R[base + SSE_MXCSR]! & ~0x3f;
  if (mx !== sseConfiguredFor) {
    setMxcsr(sseSt, mx);
    sseConfiguredFor = mx;
  }
  sseSt.flags = 0;
  return sseSt;
}

/** Merges the operation's flags into MXCSR. */
export function sseEnd(R: Int32Array, base: number): void {
  if (sseSt.flags !== 0) R[base + SSE_MXCSR] = R[base + SSE_MXCSR]! | mxcsrFlagsFromStatus(sseSt);
}

/** Forgets the cached configuration (after a helper changed sse_status's rounding mode). */
export function sseReconfigure(): void {
  sseConfiguredFor = -1;
}
