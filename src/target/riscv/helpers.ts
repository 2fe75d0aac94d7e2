// RISC-V helpers called from bytecode: floating point (through the exact soft-float in fpu/),
// CSR access, exceptions and a few bit-manipulation ops. Each receives R-file slot indices
// (see HelperFn) and reads/writes the guest state in R directly.
import { CALL_NO_RWG_SE, CALL_NO_WRITE_GLOBALS, Type } from "../../tcg/opcodes.ts";
import type { HelperInfo } from "../../tcg/context.ts";
import { SoftFloat } from "./fpu/index.ts";
import { Excp, FFLAGS, FRM } from "./cpu-state.ts";

const CANON32 = 0x7fc00000;

export interface RiscvHelperHost {
  R: Int32Array;
  raise(excp: number, tvalLo: number, tvalHi: number): never;
  /** CSR read/modify/write: writes the old value to R[out], R[out+1] (see translate.ts csrOp). */
  csr(out: number, code: number, srcLo: number, srcHi: number): void;
}

/** Returns the helper table (name -> info) for a CPU. */
export function makeRiscvHelpers(host: RiscvHelperHost): Map<string, HelperInfo> {
  const R = host.R;
  const sf = new SoftFloat();
  const out = new Map<string, HelperInfo>();
  // FP helpers write fflags (not a TCG global) and may raise illegal-instruction for a bad rm.
  const FPF = CALL_NO_WRITE_GLOBALS;
  const add = (name: string, fn: HelperInfo["fn"], flags: number, outType: Type | null, ins: Type[]) =>
    out.set(name, { name, fn, flags, out: outType, ins });

  /** Resolves a rounding-mode operand (7 = dynamic: frm). */
  const rm = (slot: number): number => {
    let m = R[slot];
    if (m === 7) m = R[FRM];
    if (m > 4) host.raise(Excp.IllegalInsn, 0, 0);
    sf.flags = 0;
    return m;
  };
  const acc = () => {
    R[FFLAGS] |= sf.flags;
  };
  const unbox = (s: number) => (R[s + 1] === -1 ? R[s] : CANON32);
  const put32 = (d: number, v: number) => {
    R[d] = v;
    R[d + 1] = -1;
  };
  const put64 = (d: number) => {
    R[d] = sf.lo;
    R[d + 1] = sf.hi;
  };
  const putX = (d: number, v: number) => {
    R[d] = v;
    R[d + 1] = v >> 31;
  };

  add("raise", (_o, e, t) => host.raise(R[e], R[t], R[t + 1]), 0, null, [Type.I32, Type.I64]);
  add("csr", (o, code, src) => host.csr(o, R[code], R[src], R[src + 1]), 0, Type.I64, [Type.I32, Type.I64]);
  add(
    "orc_b",
    (o, a) => {
      for (let h = 0; h < 2; h++) {
        const v = R[a + h];
        let r = 0;
        for (let i = 0; i < 4; i++) if ((v >>> (8 * i)) & 0xff) r |= 0xff << (8 * i);
        R[o + h] = r;
      }
    },
    CALL_NO_RWG_SE,
    Type.I64,
    [Type.I64],
  );

  const I = Type.I64,
    W = Type.I32;
  // binary32 arithmetic
  const s2 = (name: string, f: (a: number, b: number, m: number) => number) =>
    add(
      name,
      (o, a, b, m) => {
        const mode = rm(m);
        put32(o, f(unbox(a), unbox(b), mode));
        acc();
      },
      FPF,
      I,
      [I, I, W],
    );
  s2("fadd_s", (a, b, m) => sf.f32Add(a, b, m));
  s2("fsub_s", (a, b, m) => sf.f32Sub(a, b, m));
  s2("fmul_s", (a, b, m) => sf.f32Mul(a, b, m));
  s2("fdiv_s", (a, b, m) => sf.f32Div(a, b, m));
  const s4 = (name: string, np: boolean, na: boolean) =>
    add(
      name,
      (o, a, b, c, m) => {
        const mode = rm(m);
        put32(o, sf.f32MulAdd(unbox(a), unbox(b), unbox(c), mode, np, na));
        acc();
      },
      FPF,
      I,
      [I, I, I, W],
    );
  s4("fmadd_s", false, false);
  s4("fmsub_s", false, true);
  s4("fnmsub_s", true, false);
  s4("fnmadd_s", true, true);
  add(
    "fsqrt_s",
    (o, a, m) => {
      const mode = rm(m);
      put32(o, sf.f32Sqrt(unbox(a), mode));
      acc();
    },
    FPF,
    I,
    [I, W],
  );
  const sgnj = (name: string, f: (a: number, b: number) => number, d: boolean) =>
    add(
      name,
      (o, a, b) => {
        if (d) {
          R[o] = R[a];
          R[o + 1] = f(R[a + 1], R[b + 1]);
        } else put32(o, f(unbox(a), unbox(b)));
      },
      CALL_NO_RWG_SE,
      I,
      [I, I],
    );
  sgnj("fsgnj_s", (a, b) => (a & 0x7fffffff) | (b & 0x80000000), false);
  sgnj("fsgnjn_s", (a, b) => (a & 0x7fffffff) | (~b & 0x80000000), false);
  sgnj("fsgnjx_s", (a, b) => a ^ (b & 0x80000000), false);
  sgnj("fsgnj_d", (a, b) => (a & 0x7fffffff) | (b & 0x80000000), true);
  sgnj("fsgnjn_d", (a, b) => (a & 0x7fffffff) | (~b & 0x80000000), true);
  sgnj("fsgnjx_d", (a, b) => a ^ (b & 0x80000000), true);
  // Two-operand ops without a rounding mode (min/max, compares): they only raise flags.
  const noRm = (name: string, op: (o: number, a: number, b: number) => void) =>
    add(
      name,
      (o, a, b) => {
        sf.flags = 0;
        op(o, a, b);
        acc();
      },
      FPF,
      I,
      [I, I],
    );
  noRm("fmin_s", (o, a, b) => put32(o, sf.f32Min(unbox(a), unbox(b))));
  noRm("fmax_s", (o, a, b) => put32(o, sf.f32Max(unbox(a), unbox(b))));
  noRm("feq_s", (o, a, b) => putX(o, sf.f32Eq(unbox(a), unbox(b))));
  noRm("flt_s", (o, a, b) => putX(o, sf.f32Lt(unbox(a), unbox(b))));
  noRm("fle_s", (o, a, b) => putX(o, sf.f32Le(unbox(a), unbox(b))));
  add("fclass_s", (o, a) => putX(o, sf.f32Class(unbox(a))), CALL_NO_RWG_SE, I, [I]);
  const cvt = (name: string, fn: (o: number, a: number, m: number) => void) =>
    add(
      name,
      (o, a, m) => {
        const mode = rm(m);
        fn(o, a, mode);
        acc();
      },
      FPF,
      I,
      [I, W],
    );
  cvt("fcvt_w_s", (o, a, m) => putX(o, sf.f32ToI32(unbox(a), m)));
  cvt("fcvt_wu_s", (o, a, m) => putX(o, sf.f32ToU32(unbox(a), m)));
  cvt("fcvt_l_s", (o, a, m) => (sf.f32ToI64(unbox(a), m), put64(o)));
  cvt("fcvt_lu_s", (o, a, m) => (sf.f32ToU64(unbox(a), m), put64(o)));
  cvt("fcvt_s_w", (o, a, m) => put32(o, sf.i32ToF32(R[a], m)));
  cvt("fcvt_s_wu", (o, a, m) => put32(o, sf.u32ToF32(R[a], m)));
  cvt("fcvt_s_l", (o, a, m) => put32(o, sf.i64ToF32(R[a], R[a + 1], m)));
  cvt("fcvt_s_lu", (o, a, m) => put32(o, sf.u64ToF32(R[a], R[a + 1], m)));

  // binary64
  const d2 = (name: string, f: (al: number, ah: number, bl: number, bh: number, m: number) => void) =>
    add(
      name,
      (o, a, b, m) => {
        const mode = rm(m);
        f(R[a], R[a + 1], R[b], R[b + 1], mode);
        put64(o);
        acc();
      },
      FPF,
      I,
      [I, I, W],
    );
  d2("fadd_d", (al, ah, bl, bh, m) => sf.f64Add(al, ah, bl, bh, m));
  d2("fsub_d", (al, ah, bl, bh, m) => sf.f64Sub(al, ah, bl, bh, m));
  d2("fmul_d", (al, ah, bl, bh, m) => sf.f64Mul(al, ah, bl, bh, m));
  d2("fdiv_d", (al, ah, bl, bh, m) => sf.f64Div(al, ah, bl, bh, m));
  const d4 = (name: string, np: boolean, na: boolean) =>
    add(
      name,
      (o, a, b, c, m) => {
        const mode = rm(m);
        sf.f64MulAdd(R[a], R[a + 1], R[b], R[b + 1], R[c], R[c + 1], mode, np, na);
        put64(o);
        acc();
      },
      FPF,
      I,
      [I, I, I, W],
    );
  d4("fmadd_d", false, false);
  d4("fmsub_d", false, true);
  d4("fnmsub_d", true, false);
  d4("fnmadd_d", true, true);
  cvt("fsqrt_d", (o, a, m) => (sf.f64Sqrt(R[a], R[a + 1], m), put64(o)));
  noRm("fmin_d", (o, a, b) => (sf.f64Min(R[a], R[a + 1], R[b], R[b + 1]), put64(o)));
  noRm("fmax_d", (o, a, b) => (sf.f64Max(R[a], R[a + 1], R[b], R[b + 1]), put64(o)));
  noRm("feq_d", (o, a, b) => putX(o, sf.f64Eq(R[a], R[a + 1], R[b], R[b + 1])));
  noRm("flt_d", (o, a, b) => putX(o, sf.f64Lt(R[a], R[a + 1], R[b], R[b + 1])));
  noRm("fle_d", (o, a, b) => putX(o, sf.f64Le(R[a], R[a + 1], R[b], R[b + 1])));
  add("fclass_d", (o, a) => putX(o, sf.f64Class(R[a], R[a + 1])), CALL_NO_RWG_SE, I, [I]);
  cvt("fcvt_s_d", (o, a, m) => put32(o, sf.f64ToF32(R[a], R[a + 1], m)));
  cvt("fcvt_d_s", (o, a) => (sf.f32ToF64(unbox(a)), put64(o)));
  cvt("fcvt_w_d", (o, a, m) => putX(o, sf.f64ToI32(R[a], R[a + 1], m)));
  cvt("fcvt_wu_d", (o, a, m) => putX(o, sf.f64ToU32(R[a], R[a + 1], m)));
  cvt("fcvt_l_d", (o, a, m) => (sf.f64ToI64(R[a], R[a + 1], m), put64(o)));
  cvt("fcvt_lu_d", (o, a, m) => (sf.f64ToU64(R[a], R[a + 1], m), put64(o)));
  cvt("fcvt_d_w", (o, a) => (sf.i32ToF64(R[a]), put64(o)));
  cvt("fcvt_d_wu", (o, a) => (sf.u32ToF64(R[a]), put64(o)));
  cvt("fcvt_d_l", (o, a, m) => (sf.i64ToF64(R[a], R[a + 1], m), put64(o)));
  cvt("fcvt_d_lu", (o, a, m) => (sf.u64ToF64(R[a], R[a + 1], m), put64(o)));
  return out;
}
