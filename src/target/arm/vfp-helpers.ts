// VFP helpers (QEMU's target/arm/tcg/vfp_helper.c with translate-vfp.c's operation sequences) on
// src/fpu's QEMU-exact softfloat with the ARM status configuration.
//
// The helpers take register numbers, not values: their inputs are the slots of constant words
// holding 0..255 (ArmCpu's KONST table), so a VFP data-processing instruction is one bytecode call
// that reads and writes the S/D register slots itself. The FloatStatus follows FPSCR lazily (each
// helper compares FPSCR's control bits with the ones the status was set up for), and the flags an
// operation raises are folded into FPSCR's cumulative bits at once (QEMU folds them when FPSCR is
// read; the value seen by VMRS is the same).
import { CALL_NO_READ_GLOBALS, CALL_NO_WRITE_GLOBALS, Type } from "../../tcg/opcodes.ts";
import type { HelperFn, HelperInfo } from "../../tcg/context.ts";
import * as F from "../../fpu/index.ts";
import { Relation, Round, type FloatStatus } from "../../fpu/index.ts";
import { FPSCR, FPSCR_WRITABLE, TB_FLAGS2, TBF2_VECLEN_MASK, TBF2_VECSTRIDE_SHIFT, VFP } from "./cpu-state.ts";

const SIGN = -2147483648;
/** FPSCR bits that configure the status: AHP is read per conversion, the rest go to setArmFpscr. */
const FPSCR_STATUS_BITS = (1 << 25) | (1 << 24) | (3 << 22);

/** The VFP helpers need nothing from TCG globals: registers and FPSCR are plain env words. */
const FLAGS = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS;

/** Returns the helper table (name -> info); `R` is the CPU's register file. */
export function makeVfpHelpers(R: Int32Array): Map<string, HelperInfo> {
  const st: FloatStatus = F.armVfpStatus();
  let statusFpscr = -1;
  /** Brings the status in line with FPSCR (rounding mode, flush-to-zero, default NaN). */
  const sync = (): void => {
    const c = R[FPSCR] & FPSCR_STATUS_BITS;
    if (c !== statusFpscr) {
      F.setArmFpscr(st, c);
      statusFpscr = c;
    }
    st.flags = 0;
  };
  /** Folds the operation's exception flags into FPSCR (vfp_exceptbits_from_host). */
  const done = (): void => {
    if (st.flags !== 0) R[FPSCR] |= F.armFpscrFlagsFromStatus(st);
  };
  const S = (k: number) => VFP + R[k];
  const D = (k: number) => VFP + 2 * R[k];

  const out = new Map<string, HelperInfo>();
  const I = Type.I32;
  const add = (name: string, fn: HelperFn, nIn: number, outType: Type | null = null) =>
    out.set(name, { name, fn, flags: FLAGS, out: outType, ins: new Array<Type>(nIn).fill(I) });

  // ---- three-operand arithmetic: (d, n, m) register numbers
  const sp3 = (name: string, f: (d: number, n: number, m: number) => number) =>
    add(
      name,
      (_o, d, n, m) => {
        sync();
        const sd = S(d);
        R[sd] = f(R[sd], R[S(n)], R[S(m)]);
        done();
      },
      3,
    );
  sp3("vadd_s", (_d, n, m) => F.f32Add(n, m, st));
  sp3("vsub_s", (_d, n, m) => F.f32Sub(n, m, st));
  sp3("vmul_s", (_d, n, m) => F.f32Mul(n, m, st));
  sp3("vdiv_s", (_d, n, m) => F.f32Div(n, m, st));
  // gen_VMLA_sp ... gen_VNMLA_sp: the order of the add's inputs matters for NaNs
  sp3("vmla_s", (d, n, m) => F.f32Add(d, F.f32Mul(n, m, st), st));
  sp3("vmls_s", (d, n, m) => F.f32Add(d, F.f32Mul(n, m, st) ^ SIGN, st));
  sp3("vnmls_s", (d, n, m) => {
    const t = F.f32Mul(n, m, st);
    return F.f32Add(d ^ SIGN, t, st);
  });
  sp3("vnmla_s", (d, n, m) => {
    const t = F.f32Mul(n, m, st) ^ SIGN;
    return F.f32Add(d ^ SIGN, t, st);
  });
  sp3("vnmul_s", (_d, n, m) => F.f32Mul(n, m, st) ^ SIGN);
  // do_vfm_sp: muladd(±n, m, ±d)
  sp3("vfma_s", (d, n, m) => F.f32MulAdd(n, m, d, 0, st));
  sp3("vfms_s", (d, n, m) => F.f32MulAdd(n ^ SIGN, m, d, 0, st));
  sp3("vfnms_s", (d, n, m) => F.f32MulAdd(n, m, d ^ SIGN, 0, st));
  sp3("vfnma_s", (d, n, m) => F.f32MulAdd(n ^ SIGN, m, d ^ SIGN, 0, st));

  /** Double-precision three-operand: f gets (dlo, dhi, nlo, nhi, mlo, mhi) and returns lo with st.hi set. */
  const dp3 = (name: string, f: (dl: number, dh: number, nl: number, nh: number, ml: number, mh: number) => number) =>
    add(
      name,
      (_o, d, n, m) => {
        sync();
        const sd = D(d),
          sn = D(n),
          sm = D(m);
        const lo = f(R[sd], R[sd + 1], R[sn], R[sn + 1], R[sm], R[sm + 1]);
        R[sd] = lo;
        R[sd + 1] = st.hi;
        done();
      },
      3,
    );
  dp3("vadd_d", (_dl, _dh, nl, nh, ml, mh) => F.f64Add(nl, nh, ml, mh, st));
  dp3("vsub_d", (_dl, _dh, nl, nh, ml, mh) => F.f64Sub(nl, nh, ml, mh, st));
  dp3("vmul_d", (_dl, _dh, nl, nh, ml, mh) => F.f64Mul(nl, nh, ml, mh, st));
  dp3("vdiv_d", (_dl, _dh, nl, nh, ml, mh) => F.f64Div(nl, nh, ml, mh, st));
  dp3("vmla_d", (dl, dh, nl, nh, ml, mh) => {
    const tl = F.f64Mul(nl, nh, ml, mh, st);
    return F.f64Add(dl, dh, tl, st.hi, st);
  });
  dp3("vmls_d", (dl, dh, nl, nh, ml, mh) => {
    const tl = F.f64Mul(nl, nh, ml, mh, st);
    return F.f64Add(dl, dh, tl, st.hi ^ SIGN, st);
  });
  dp3("vnmls_d", (dl, dh, nl, nh, ml, mh) => {
    const tl = F.f64Mul(nl, nh, ml, mh, st);
    return F.f64Add(dl, dh ^ SIGN, tl, st.hi, st);
  });
  dp3("vnmla_d", (dl, dh, nl, nh, ml, mh) => {
    const tl = F.f64Mul(nl, nh, ml, mh, st);
    return F.f64Add(dl, dh ^ SIGN, tl, st.hi ^ SIGN, st);
  });
  dp3("vnmul_d", (_dl, _dh, nl, nh, ml, mh) => {
    const lo = F.f64Mul(nl, nh, ml, mh, st);
    st.hi ^= SIGN;
    return lo;
  });
  dp3("vfma_d", (dl, dh, nl, nh, ml, mh) => F.f64MulAdd(nl, nh, ml, mh, dl, dh, 0, st));
  dp3("vfms_d", (dl, dh, nl, nh, ml, mh) => F.f64MulAdd(nl, nh ^ SIGN, ml, mh, dl, dh, 0, st));
  dp3("vfnms_d", (dl, dh, nl, nh, ml, mh) => F.f64MulAdd(nl, nh, ml, mh, dl, dh ^ SIGN, 0, st));
  dp3("vfnma_d", (dl, dh, nl, nh, ml, mh) => F.f64MulAdd(nl, nh ^ SIGN, ml, mh, dl, dh ^ SIGN, 0, st));

  // ---- square root: (d, m)
  add(
    "vsqrt_s",
    (_o, d, m) => {
      sync();
      R[S(d)] = F.f32Sqrt(R[S(m)], st);
      done();
    },
    2,
  );
  add(
    "vsqrt_d",
    (_o, d, m) => {
      sync();
      const sm = D(m),
        sd = D(d);
      R[sd] = F.f64Sqrt(R[sm], R[sm + 1], st);
      R[sd + 1] = st.hi;
      done();
    },
    2,
  );

  // ---- compares: (d, m, flags) with flags bit 0 = E (signalling), bit 1 = Z (compare with +0)
  const setNzcv = (rel: Relation) => {
    const nzcv = rel === Relation.Equal ? 0x6 : rel === Relation.Less ? 0x8 : rel === Relation.Greater ? 0x2 : 0x3;
    R[FPSCR] = (R[FPSCR] & 0x0fffffff) | (nzcv << 28);
  };
  add(
    "vcmp_s",
    (_o, d, m, how) => {
      sync();
      const e = R[how] & 1;
      const b = R[how] & 2 ? 0 : R[S(m)];
      const a = R[S(d)];
      setNzcv(e ? F.f32Compare(a, b, st) : F.f32CompareQuiet(a, b, st));
      done();
    },
    3,
  );
  add(
    "vcmp_d",
    (_o, d, m, how) => {
      sync();
      const e = R[how] & 1;
      const sd = D(d),
        sm = D(m);
      const bl = R[how] & 2 ? 0 : R[sm],
        bh = R[how] & 2 ? 0 : R[sm + 1];
      setNzcv(e ? F.f64Compare(R[sd], R[sd + 1], bl, bh, st) : F.f64CompareQuiet(R[sd], R[sd + 1], bl, bh, st));
      done();
    },
    3,
  );

  // ---- precision conversions
  add(
    "vcvt_d_s",
    (_o, d, m) => {
      sync();
      const sd = D(d);
      R[sd] = F.f32ToF64(R[S(m)], st);
      R[sd + 1] = st.hi;
      done();
    },
    2,
  );
  add(
    "vcvt_s_d",
    (_o, d, m) => {
      sync();
      const sm = D(m);
      R[S(d)] = F.f64ToF32(R[sm], R[sm + 1], st);
      done();
    },
    2,
  );
  /** FPSCR.AHP: alternative half precision (get_ahp_flag). */
  const ieeeHalf = () => (R[FPSCR] & (1 << 26)) === 0;
  // vfp_fcvt_f16_to_f32 (d, m, top): flushing input denormals is off for the conversion
  add(
    "vcvt_s_h",
    (_o, d, m, t) => {
      sync();
      const v = R[S(m)];
      const h = R[t] ? v >>> 16 : v & 0xffff;
      const save = st.flushInputsToZero;
      st.flushInputsToZero = false;
      R[S(d)] = F.f16ToF32(h, ieeeHalf(), st);
      st.flushInputsToZero = save;
      done();
    },
    3,
  );
  // vfp_fcvt_f32_to_f16 (d, m, top): flushing output denormals is off; writes one half of Sd
  add(
    "vcvt_h_s",
    (_o, d, m, t) => {
      sync();
      const save = st.flushToZero;
      st.flushToZero = false;
      const h = F.f32ToF16(R[S(m)], ieeeHalf(), st) & 0xffff;
      st.flushToZero = save;
      const sd = S(d);
      R[sd] = R[t] ? (R[sd] & 0xffff) | (h << 16) : (R[sd] & ~0xffff) | h;
      done();
    },
    3,
  );

  // ---- integer conversions: (d, m, kind) kind bit 0 = signed
  add(
    "vcvt_s_int",
    (_o, d, m, s) => {
      sync();
      const v = R[S(m)];
      R[S(d)] = R[s] ? F.int32ToF32(v, st) : F.uint32ToF32(v, st);
      done();
    },
    3,
  );
  add(
    "vcvt_d_int",
    (_o, d, m, s) => {
      sync();
      const v = R[S(m)];
      const sd = D(d);
      R[sd] = R[s] ? F.int32ToF64(v, st) : F.uint32ToF64(v, st);
      R[sd + 1] = st.hi;
      done();
    },
    3,
  );
  // CONV_FTOI: a NaN converts to 0 with Invalid. kind bit 0 = signed, bit 1 = round to zero
  add(
    "vcvt_int_s",
    (_o, d, m, k) => {
      sync();
      const a = R[S(m)];
      const kind = R[k];
      let r: number;
      if (F.f32IsAnyNan(a)) {
        st.flags |= F.Flag.Invalid;
        r = 0;
      } else {
        const mode = kind & 2 ? Round.ToZero : st.roundingMode;
        r = kind & 1 ? F.f32ToInt32Scalbn(a, mode, 0, st) : F.f32ToUint32Scalbn(a, mode, 0, st);
      }
      R[S(d)] = r;
      done();
    },
    3,
  );
  add(
    "vcvt_int_d",
    (_o, d, m, k) => {
      sync();
      const sm = D(m);
      const lo = R[sm],
        hi = R[sm + 1];
      const kind = R[k];
      let r: number;
      if (F.f64IsAnyNan(lo, hi)) {
        st.flags |= F.Flag.Invalid;
        r = 0;
      } else {
        const mode = kind & 2 ? Round.ToZero : st.roundingMode;
        r = kind & 1 ? F.f64ToInt32Scalbn(lo, hi, mode, 0, st) : F.f64ToUint32Scalbn(lo, hi, mode, 0, st);
      }
      R[S(d)] = r;
      done();
    },
    3,
  );

  // ---- fixed point (trans_VCVT_fix_sp/dp): (d, opc, fracBits). opc = op:U:sx as QEMU switches on it.
  // Fixed to float rounds to nearest; float to fixed rounds to zero; a NaN converts to 0 with Invalid.
  add(
    "vcvt_fix_s",
    (_o, d, opc, fb) => {
      sync();
      const sd = S(d);
      const x = R[sd],
        shift = R[fb];
      const op = R[opc];
      if (op < 4) {
        const m = st.roundingMode;
        st.roundingMode = Round.NearestEven;
        switch (op) {
          case 0:
            R[sd] = F.int32ToF32Scalbn((x << 16) >> 16, -shift, st);
            break;
          case 1:
            R[sd] = F.int32ToF32Scalbn(x, -shift, st);
            break;
          case 2:
            R[sd] = F.uint32ToF32Scalbn(x & 0xffff, -shift, st);
            break;
          default:
            R[sd] = F.uint32ToF32Scalbn(x, -shift, st);
        }
        st.roundingMode = m;
      } else if (F.f32IsAnyNan(x)) {
        st.flags |= F.Flag.Invalid;
        R[sd] = 0;
      } else {
        switch (op) {
          case 4:
            R[sd] = (F.f32ToInt16Scalbn(x, Round.ToZero, shift, st) << 16) >> 16;
            break;
          case 5:
            R[sd] = F.f32ToInt32Scalbn(x, Round.ToZero, shift, st);
            break;
          case 6:
            R[sd] = F.f32ToUint16Scalbn(x, Round.ToZero, shift, st) & 0xffff;
            break;
          default:
            R[sd] = F.f32ToUint32Scalbn(x, Round.ToZero, shift, st);
        }
      }
      done();
    },
    3,
  );
  add(
    "vcvt_fix_d",
    (_o, d, opc, fb) => {
      sync();
      const sd = D(d);
      const lo = R[sd],
        hi = R[sd + 1],
        shift = R[fb];
      const op = R[opc];
      if (op < 4) {
        const m = st.roundingMode;
        st.roundingMode = Round.NearestEven;
        let r: number;
        switch (op) {
          case 0:
            r = F.int32ToF64Scalbn((lo << 16) >> 16, -shift, st);
            break;
          case 1:
            r = F.int32ToF64Scalbn(lo, -shift, st);
            break;
          case 2:
            r = F.uint32ToF64Scalbn(lo & 0xffff, -shift, st);
            break;
          default:
            r = F.uint32ToF64Scalbn(lo, -shift, st);
        }
        st.roundingMode = m;
        R[sd] = r;
        R[sd + 1] = st.hi;
      } else {
        // The to-fixed helpers return the 16/32-bit integer extended to 64 bits (uint64_t result).
        let r: number;
        if (F.f64IsAnyNan(lo, hi)) {
          st.flags |= F.Flag.Invalid;
          r = 0;
        } else
          switch (op) {
            case 4:
              r = (F.f64ToInt16Scalbn(lo, hi, Round.ToZero, shift, st) << 16) >> 16;
              break;
            case 5:
              r = F.f64ToInt32Scalbn(lo, hi, Round.ToZero, shift, st);
              break;
            case 6:
              r = F.f64ToUint16Scalbn(lo, hi, Round.ToZero, shift, st) & 0xffff;
              break;
            default:
              r = F.f64ToUint32Scalbn(lo, hi, Round.ToZero, shift, st);
          }
        R[sd] = r;
        R[sd + 1] = op & 2 ? 0 : r >> 31;
      }
      done();
    },
    3,
  );
  // ---- VMSR FPSCR (vfp_set_fpscr): the kept bits, and Len/Stride into the TB flags (they select
  // the translation). It writes the flags2 global, so it is not one of the FLAGS helpers.
  out.set("set_fpscr", {
    name: "set_fpscr",
    fn: (_o, v) => {
      const val = R[v] & FPSCR_WRITABLE;
      R[FPSCR] = val;
      R[TB_FLAGS2] =
        (R[TB_FLAGS2] & ~(TBF2_VECLEN_MASK | (3 << TBF2_VECSTRIDE_SHIFT))) |
        ((val >>> 16) & 7) |
        (((val >>> 20) & 3) << TBF2_VECSTRIDE_SHIFT);
    },
    flags: 0,
    out: null,
    ins: [I],
  });
  return out;
}
