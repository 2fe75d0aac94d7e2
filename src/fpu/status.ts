/**
 * The floating-point status object, modelled on QEMU's `float_status`
 * (include/fpu/softfloat-types.h): the rounding mode, the accrued exception
 * flags and the target-specific behaviour switches that every operation
 * reads.  It also carries the result registers of operations whose results
 * do not fit in one int32 (float64, floatx80, 64-bit integers), so that no
 * operation allocates.
 */

/** FloatRoundMode (same numbering as QEMU). */
export const enum Round {
  NearestEven = 0,
  Down = 1,
  Up = 2,
  ToZero = 3,
  TiesAway = 4,
  /** Round to odd, overflow to the largest finite number. */
  ToOdd = 5,
  /** Round to odd, overflow to infinity. */
  ToOddInf = 6,
  /** Round to nearest even, overflow to the largest finite number. */
  NearestEvenMax = 7,
}

/** Exception flag bits (QEMU's float_flag_*, same values). */
export const enum Flag {
  Invalid = 0x0001,
  DivByZero = 0x0002,
  Overflow = 0x0004,
  Underflow = 0x0008,
  Inexact = 0x0010,
  /** An input denormal was flushed to zero (flushInputsToZero). */
  InputDenormalFlushed = 0x0020,
  /** A denormal result was flushed to zero (flushToZero). */
  OutputDenormalFlushed = 0x0040,
  InvalidIsi = 0x0080,
  InvalidImz = 0x0100,
  InvalidIdi = 0x0200,
  InvalidZdz = 0x0400,
  InvalidSqrt = 0x0800,
  InvalidCvti = 0x1000,
  InvalidSnan = 0x2000,
  /** An input denormal was consumed (not flushed). */
  InputDenormalUsed = 0x4000,
}

/** floatx80 rounding precision (x87 precision control). */
export const enum X80Precision {
  /** 64-bit significand. */
  X = 0,
  /** 53-bit significand. */
  D = 1,
  /** 24-bit significand. */
  S = 2,
}

/** FloatX80Behaviour bits (QEMU's floatx80_* behaviour flags). */
export const enum X80Behaviour {
  DefaultInfIntBitIsZero = 1,
  PseudoInfValid = 2,
  PseudoNanValid = 4,
  UnnormalValid = 8,
  PseudoDenormalValid = 16,
}

/** Float2NaNPropRule: which input NaN a two-operand operation returns. */
export const enum Nan2Rule {
  None = 0,
  /** Prefer an SNaN, then operand A over B (ARM). */
  SAB = 1,
  /** Prefer an SNaN, then operand B over A. */
  SBA = 2,
  /** Prefer A over B whatever their kinds. */
  AB = 3,
  /** Prefer B over A whatever their kinds. */
  BA = 4,
  /** x87: QNaN over SNaN, then the larger significand, then the positive sign. */
  X87 = 5,
}

/**
 * Float3NaNPropRule for muladd (a * b + c): 2-bit operand indexes in
 * preference order at bits 0, 2, 4, and bit 6 = prefer an SNaN first.
 */
export const enum Nan3Rule {
  None = 0,
  ABC = 0 | (1 << 2) | (2 << 4),
  ACB = 0 | (2 << 2) | (1 << 4),
  BAC = 1 | (0 << 2) | (2 << 4),
  BCA = 1 | (2 << 2) | (0 << 4),
  CAB = 2 | (0 << 2) | (1 << 4),
  CBA = 2 | (1 << 2) | (0 << 4),
  S_ABC = ABC | 64,
  S_ACB = ACB | 64,
  S_BAC = BAC | 64,
  S_BCA = BCA | 64,
  S_CAB = CAB | 64,
  S_CBA = CBA | 64,
}

/** FloatInfZeroNaNRule: what 0 * inf + NaN returns. */
export const enum InfZeroNan {
  None = 0,
  /** The input NaN. */
  DnanNever = 1,
  /** The default NaN. */
  DnanAlways = 2,
  /** The default NaN if the input NaN is quiet. */
  DnanIfQnan = 3,
  /** Or-ed in: do not raise Invalid for 0 * inf + QNaN. */
  SuppressInvalid = 128,
}

/** Flags for muladd (QEMU's float_muladd_*). */
export const enum MulAdd {
  NegateC = 1,
  NegateProduct = 2,
  NegateResult = 4,
  /** 0 * x + +-0 takes the sign of the addend. */
  SuppressAddProductZero = 8,
}

/** FloatRelation returned by the compare operations. */
export const enum Relation {
  Less = -1,
  Equal = 0,
  Greater = 1,
  Unordered = 2,
}

export class FloatStatus {
  /** Accrued exception flags (Flag bits); operations only OR bits in. */
  flags = 0;
  roundingMode: Round = Round.NearestEven;
  /** floatx80 rounding precision (x87 PC field). */
  floatx80Precision: X80Precision = X80Precision.X;
  floatx80Behaviour = 0;
  nan2Rule: Nan2Rule = Nan2Rule.None;
  nan3Rule: Nan3Rule = Nan3Rule.None;
  infZeroNanRule = 0;
  /** Detect tininess before rounding (ARM) instead of after (x86). */
  tininessBeforeRounding = false;
  /** Flush denormal results to zero. */
  flushToZero = false;
  /** With flushToZero: detect the denormal result before rounding. */
  ftzBeforeRounding = false;
  /** Flush denormal inputs to zero. */
  flushInputsToZero = false;
  /** Return the default NaN instead of propagating input NaNs. */
  defaultNanMode = false;
  /**
   * The default NaN: bit 7 is its sign, bits 6..0 the top fraction bits;
   * the remaining fraction bits are copies of bit 0 (QEMU's
   * default_nan_pattern).
   */
  defaultNanPattern = 0;

  /** Result registers: low / high word of a 64-bit result, floatx80 sign+exponent. */
  lo = 0;
  hi = 0;
  se = 0;

  /** Copies every setting (not the result registers) from another status. */
  copyFrom(o: FloatStatus): void {
    this.flags = o.flags;
    this.roundingMode = o.roundingMode;
    this.floatx80Precision = o.floatx80Precision;
    this.floatx80Behaviour = o.floatx80Behaviour;
    this.nan2Rule = o.nan2Rule;
    this.nan3Rule = o.nan3Rule;
    this.infZeroNanRule = o.infZeroNanRule;
    this.tininessBeforeRounding = o.tininessBeforeRounding;
    this.flushToZero = o.flushToZero;
    this.ftzBeforeRounding = o.ftzBeforeRounding;
    this.flushInputsToZero = o.flushInputsToZero;
    this.defaultNanMode = o.defaultNanMode;
    this.defaultNanPattern = o.defaultNanPattern;
  }
}
