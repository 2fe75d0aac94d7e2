/**
 * Exact IEEE-754 binary32/binary64 arithmetic with RISC-V F/D semantics.
 * See softfloat.ts for the operation set.
 */

export { FFLAG_DZ, FFLAG_NV, FFLAG_NX, FFLAG_OF, FFLAG_UF, RM_RDN, RM_RMM, RM_RNE, RM_RTZ, RM_RUP, type FpState } from "./flags.ts";
export { SoftFloat } from "./softfloat.ts";
export { classify32, classify64 } from "./classify.ts";
export { NAN32, NAN64_HI } from "./scratch.ts";
