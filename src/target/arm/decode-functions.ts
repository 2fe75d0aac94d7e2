/**
 * Field transforms named by `!function=` in spec/arm/*.decode.  The
 * generated decoders (decode-a32.ts, decode-t32.ts, decode-t16.ts,
 * decode-vfp.ts) call them with the handler as context, the way QEMU's
 * decoders pass their DisasContext; each follows the QEMU function of the
 * same name (target/arm/tcg/translate.h and translate.c).  Values are
 * int32 numbers.
 */

/** What the transforms read from the translator: QEMU's DisasContext fields. */
export interface ArmDecodeContext {
  /** IT-block state: non-zero inside an IT block (QEMU's DisasContext.condexec_mask). */
  readonly condexecMask: number;
}

/** QEMU translate.h times_2: halfword-scaled offsets, A32 immediate rotations. */
export function times_2(_s: ArmDecodeContext, x: number): number {
  return (x * 2) | 0;
}

/** QEMU translate.h times_4: word-scaled offsets. */
export function times_4(_s: ArmDecodeContext, x: number): number {
  return (x * 4) | 0;
}

/** QEMU translate.h negate: SUBW-form ADR offsets. */
export function negate(_s: ArmDecodeContext, x: number): number {
  return -x | 0;
}

/** QEMU translate.h plus_2: T16 CPS imod (2 = enable, 3 = disable). */
export function plus_2(_s: ArmDecodeContext, x: number): number {
  return x + 2;
}

/** QEMU translate.c t32_expandimm_rot: the rotation part of ThumbExpandImm (0 for the replicated forms). */
export function t32_expandimm_rot(_s: ArmDecodeContext, x: number): number {
  return x & 0xc00 ? (x >>> 7) & 0x1f : 0;
}

/** QEMU translate.c t32_expandimm_imm: the unrotated immediate of ThumbExpandImm. */
export function t32_expandimm_imm(_s: ArmDecodeContext, x: number): number {
  const imm = x & 0xff;
  switch ((x >>> 8) & 0xf) {
    case 0: // 000000XY
      return imm;
    case 1: // 00XY00XY
      return imm * 0x00010001;
    case 2: // XY00XY00
      return Math.imul(imm, 0x01000100);
    case 3: // XYXYXYXY
      return Math.imul(imm, 0x01010101);
    default: // rotated 1bcdefgh
      return imm | 0x80;
  }
}

/**
 * QEMU translate.c t32_branch24: turn S:J1:J2:imm10:imm11 (J1, J2 at bits
 * 22:21 of the sign-extended value) into S:I1:I2:... with I = NOT(J XOR S),
 * then append the final zero bit.
 */
export function t32_branch24(_s: ArmDecodeContext, x: number): number {
  if (x >= 0) x ^= 3 << 21;
  return x << 1;
}

/** QEMU translate.c t16_setflags: 16-bit data processing sets flags only outside an IT block. */
export function t16_setflags(s: ArmDecodeContext): number {
  return s.condexecMask === 0 ? 1 : 0;
}

/** QEMU translate.c t16_push_list: PUSH's extra bit 8 is LR. */
export function t16_push_list(_s: ArmDecodeContext, x: number): number {
  return (x & 0xff) | ((x & 0x100) << (14 - 8));
}

/** QEMU translate.c t16_pop_list: POP's extra bit 8 is PC. */
export function t16_pop_list(_s: ArmDecodeContext, x: number): number {
  return (x & 0xff) | ((x & 0x100) << (15 - 8));
}
