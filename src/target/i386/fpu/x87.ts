/**
 * x87 helpers: loads and stores, register moves, arithmetic, comparisons,
 * constants and control (QEMU's target/i386/tcg/fpu_helper.c, same names
 * without the helper_ prefix).  Every helper takes the register file R and
 * the base slot of the FPU block (see layout.ts); memory operands arrive as
 * values loaded by the translator, or through an FpuMemory for the
 * 80-bit and BCD forms.
 *
 * As in QEMU, the tag word is not checked by arithmetic (no stack-fault
 * exceptions), and the status word's C1 is not set by rounding.
 */

import {
  Flag,
  Relation,
  X80Precision,
  f32ToX80,
  f64ToX80,
  int32ToX80,
  int64ToX80,
  x80Add,
  x80Compare,
  x80CompareQuiet,
  x80Div,
  x80Mul,
  x80Sub,
  x80ToF32,
  x80ToF64,
  x80ToInt32,
  x80ToInt32RoundToZero,
  x80ToInt64,
  x80ToInt64RoundToZero,
} from "../../../fpu/index.ts";
import { FPUS_SE, X87_FPCS, X87_FPDP, X87_FPDS, X87_FPIP, X87_FPUC, X87_FPUS, X87_FT0, X87_TAGS, X87_TOP } from "./layout.ts";
import type { FpuMemory } from "./memory.ts";
import { fpSt, x87Begin, x87End } from "./status.ts";

/** Slot of ST(i). */
export function stSlot(R: Int32Array, base: number, i: number): number {
  return base + 3 * ((R[base + X87_TOP]! + i) & 7);
}

function copy80(R: Int32Array, dst: number, src: number): void {
  R[dst] = R[src]!;
  R[dst + 1] = R[src + 1]!;
  R[dst + 2] = R[src + 2]!;
}

/** Stores fpSt's floatx80 result registers into slot d. */
function put80(R: Int32Array, d: number): void {
  R[d] = fpSt.lo;
  R[d + 1] = fpSt.hi;
  R[d + 2] = fpSt.se & 0xffff;
}

function set80(R: Int32Array, d: number, lo: number, hi: number, se: number): void {
  R[d] = lo;
  R[d + 1] = hi;
  R[d + 2] = se;
}

export function fpush(R: Int32Array, base: number): void {
  const top = (R[base + X87_TOP]! - 1) & 7;
  R[base + X87_TOP] = top;
  R[base + X87_TAGS] = R[base + X87_TAGS]! & ~(1 << top);
}

export function fpop(R: Int32Array, base: number): void {
  const top = R[base + X87_TOP]!;
  R[base + X87_TAGS] = R[base + X87_TAGS]! | (1 << top);
  R[base + X87_TOP] = (top + 1) & 7;
}

/** Pushes and returns the new ST0 slot (the load helpers' new_fpstt sequence). */
function pushSlot(R: Int32Array, base: number): number {
  fpush(R, base);
  return base + 3 * R[base + X87_TOP]!;
}

// ------------------------------------------------------------ loads

export function flds_FT0(R: Int32Array, base: number, val: number): void {
  const st = x87Begin(R, base);
  f32ToX80(val, st);
  put80(R, base + X87_FT0);
  x87End(R, base);
}

export function fldl_FT0(R: Int32Array, base: number, lo: number, hi: number): void {
  const st = x87Begin(R, base);
  f64ToX80(lo, hi, st);
  put80(R, base + X87_FT0);
  x87End(R, base);
}

/** fild m16/m32 into FT0: rounded to the current precision, flags not recorded (as QEMU). */
export function fildl_FT0(R: Int32Array, base: number, val: number): void {
  int32ToX80(val, x87Begin(R, base));
  put80(R, base + X87_FT0);
}

export function flds_ST0(R: Int32Array, base: number, val: number): void {
  const st = x87Begin(R, base);
  f32ToX80(val, st);
  put80(R, pushSlot(R, base));
  x87End(R, base);
}

export function fldl_ST0(R: Int32Array, base: number, lo: number, hi: number): void {
  const st = x87Begin(R, base);
  f64ToX80(lo, hi, st);
  put80(R, pushSlot(R, base));
  x87End(R, base);
}

/** fild m16/m32: exact (the precision is maximised for the conversion). */
export function fildl_ST0(R: Int32Array, base: number, val: number): void {
  const st = x87Begin(R, base);
  const prec = st.floatx80Precision;
  st.floatx80Precision = X80Precision.X;
  int32ToX80(val, st);
  st.floatx80Precision = prec;
  put80(R, pushSlot(R, base));
}

export function fildll_ST0(R: Int32Array, base: number, lo: number, hi: number): void {
  const st = x87Begin(R, base);
  const prec = st.floatx80Precision;
  st.floatx80Precision = X80Precision.X;
  int64ToX80(lo, hi, st);
  st.floatx80Precision = prec;
  put80(R, pushSlot(R, base));
}

export function fldt_ST0(R: Int32Array, base: number, mem: FpuMemory, ptr: number): void {
  mem.prepare(ptr >>> 0, 10, false);
  const lo = mem.load32(ptr >>> 0);
  const hi = mem.load32((ptr + 4) >>> 0);
  const se = mem.load16((ptr + 8) >>> 0);
  set80(R, pushSlot(R, base), lo, hi, se);
}

// ------------------------------------------------------------ stores

export function fsts_ST0(R: Int32Array, base: number): number {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  const r = x80ToF32(R[s]!, R[s + 1]!, R[s + 2]!, st);
  x87End(R, base);
  return r;
}

/** fst m64: the float64 goes to R[dst] (low) and R[dst + 1] (high). */
export function fstl_ST0(R: Int32Array, base: number, dst: number): void {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  R[dst] = x80ToF64(R[s]!, R[s + 1]!, R[s + 2]!, st);
  R[dst + 1] = st.hi;
  x87End(R, base);
}

/** fist m16: the int16 (sign-extended) result. */
export function fist_ST0(R: Int32Array, base: number): number {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  let val = x80ToInt32(R[s]!, R[s + 1]!, R[s + 2]!, st);
  if (val !== (val << 16) >> 16) {
    st.flags = Flag.Invalid;
    val = -32768;
  }
  x87End(R, base);
  return val;
}

export function fistl_ST0(R: Int32Array, base: number): number {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  let val = x80ToInt32(R[s]!, R[s + 1]!, R[s + 2]!, st);
  if ((st.flags & Flag.Invalid) !== 0) val = -2147483648;
  x87End(R, base);
  return val;
}

/** fist m64: the int64 goes to R[dst] (low) and R[dst + 1] (high). */
export function fistll_ST0(R: Int32Array, base: number, dst: number): void {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  let lo = x80ToInt64(R[s]!, R[s + 1]!, R[s + 2]!, st);
  let hi = st.hi;
  if ((st.flags & Flag.Invalid) !== 0) {
    lo = 0;
    hi = -2147483648;
  }
  R[dst] = lo;
  R[dst + 1] = hi;
  x87End(R, base);
}

export function fistt_ST0(R: Int32Array, base: number): number {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  let val = x80ToInt32RoundToZero(R[s]!, R[s + 1]!, R[s + 2]!, st);
  if (val !== (val << 16) >> 16) {
    st.flags = Flag.Invalid;
    val = -32768;
  }
  x87End(R, base);
  return val;
}

export function fisttl_ST0(R: Int32Array, base: number): number {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  let val = x80ToInt32RoundToZero(R[s]!, R[s + 1]!, R[s + 2]!, st);
  if ((st.flags & Flag.Invalid) !== 0) val = -2147483648;
  x87End(R, base);
  return val;
}

export function fisttll_ST0(R: Int32Array, base: number, dst: number): void {
  const st = x87Begin(R, base);
  const s = stSlot(R, base, 0);
  let lo = x80ToInt64RoundToZero(R[s]!, R[s + 1]!, R[s + 2]!, st);
  let hi = st.hi;
  if ((st.flags & Flag.Invalid) !== 0) {
    lo = 0;
    hi = -2147483648;
  }
  R[dst] = lo;
  R[dst + 1] = hi;
  x87End(R, base);
}

export function fstt_ST0(R: Int32Array, base: number, mem: FpuMemory, ptr: number): void {
  mem.prepare(ptr >>> 0, 10, true);
  const s = stSlot(R, base, 0);
  mem.store32(ptr >>> 0, R[s]!);
  mem.store32((ptr + 4) >>> 0, R[s + 1]!);
  mem.store16((ptr + 8) >>> 0, R[s + 2]!);
}

// ------------------------------------------------------------ stack and moves

export function fdecstp(R: Int32Array, base: number): void {
  R[base + X87_TOP] = (R[base + X87_TOP]! - 1) & 7;
  R[base + X87_FPUS] = R[base + X87_FPUS]! & ~0x4700;
}

export function fincstp(R: Int32Array, base: number): void {
  R[base + X87_TOP] = (R[base + X87_TOP]! + 1) & 7;
  R[base + X87_FPUS] = R[base + X87_FPUS]! & ~0x4700;
}

export function ffree_STN(R: Int32Array, base: number, n: number): void {
  R[base + X87_TAGS] = R[base + X87_TAGS]! | (1 << ((R[base + X87_TOP]! + n) & 7));
}

export function fmov_ST0_FT0(R: Int32Array, base: number): void {
  copy80(R, stSlot(R, base, 0), base + X87_FT0);
}

export function fmov_FT0_STN(R: Int32Array, base: number, n: number): void {
  copy80(R, base + X87_FT0, stSlot(R, base, n));
}

export function fmov_ST0_STN(R: Int32Array, base: number, n: number): void {
  copy80(R, stSlot(R, base, 0), stSlot(R, base, n));
}

export function fmov_STN_ST0(R: Int32Array, base: number, n: number): void {
  copy80(R, stSlot(R, base, n), stSlot(R, base, 0));
}

export function fxchg_ST0_STN(R: Int32Array, base: number, n: number): void {
  const a = stSlot(R, base, 0);
  const b = stSlot(R, base, n);
  for (let k = 0; k < 3; k++) {
    const t = R[a + k]!;
    R[a + k] = R[b + k]!;
    R[b + k] = t;
  }
}

// ------------------------------------------------------------ comparisons

/** C0, C2, C3 for less, equal, greater, unordered (fcom_ccval). */
const FCOM_CC = [0x0100, 0x4000, 0x0000, 0x4500];
/** EFLAGS CF, ZF, PF for less, equal, greater, unordered (fcomi_ccval). */
const FCOMI_CC = [0x01, 0x40, 0x00, 0x45];

function compareST0FT0(R: Int32Array, base: number, quiet: boolean): Relation {
  const st = x87Begin(R, base);
  const a = stSlot(R, base, 0);
  const b = base + X87_FT0;
  return quiet
    ? x80CompareQuiet(R[a]!, R[a + 1]!, R[a + 2]!, R[b]!, R[b + 1]!, R[b + 2]!, st)
    : x80Compare(R[a]!, R[a + 1]!, R[a + 2]!, R[b]!, R[b + 1]!, R[b + 2]!, st);
}

export function fcom_ST0_FT0(R: Int32Array, base: number): void {
  const rel = compareST0FT0(R, base, false);
  R[base + X87_FPUS] = (R[base + X87_FPUS]! & ~0x4500) | FCOM_CC[rel + 1]!;
  x87End(R, base);
}

export function fucom_ST0_FT0(R: Int32Array, base: number): void {
  const rel = compareST0FT0(R, base, true);
  R[base + X87_FPUS] = (R[base + X87_FPUS]! & ~0x4500) | FCOM_CC[rel + 1]!;
  x87End(R, base);
}

/** fcomi: returns the EFLAGS value (CF/ZF/PF; OF, SF, AF clear) for CC_SRC with CC_OP_EFLAGS. */
export function fcomi_ST0_FT0(R: Int32Array, base: number): number {
  const rel = compareST0FT0(R, base, false);
  x87End(R, base);
  return FCOMI_CC[rel + 1]!;
}

export function fucomi_ST0_FT0(R: Int32Array, base: number): number {
  const rel = compareST0FT0(R, base, true);
  x87End(R, base);
  return FCOMI_CC[rel + 1]!;
}

// ------------------------------------------------------------ arithmetic

type X80Op = typeof x80Add;

/** dst = op(a, b) for slots a, b (operands read before the result is written). */
function arith(R: Int32Array, base: number, op: X80Op, dst: number, a: number, b: number): void {
  const st = x87Begin(R, base);
  op(R[a]!, R[a + 1]!, R[a + 2]!, R[b]!, R[b + 1]!, R[b + 2]!, st);
  put80(R, dst);
  x87End(R, base);
}

export function fadd_ST0_FT0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  arith(R, base, x80Add, s, s, base + X87_FT0);
}
export function fmul_ST0_FT0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  arith(R, base, x80Mul, s, s, base + X87_FT0);
}
export function fsub_ST0_FT0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  arith(R, base, x80Sub, s, s, base + X87_FT0);
}
export function fsubr_ST0_FT0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  arith(R, base, x80Sub, s, base + X87_FT0, s);
}
export function fdiv_ST0_FT0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  arith(R, base, x80Div, s, s, base + X87_FT0);
}
export function fdivr_ST0_FT0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  arith(R, base, x80Div, s, base + X87_FT0, s);
}

export function fadd_STN_ST0(R: Int32Array, base: number, n: number): void {
  const d = stSlot(R, base, n);
  arith(R, base, x80Add, d, d, stSlot(R, base, 0));
}
export function fmul_STN_ST0(R: Int32Array, base: number, n: number): void {
  const d = stSlot(R, base, n);
  arith(R, base, x80Mul, d, d, stSlot(R, base, 0));
}
export function fsub_STN_ST0(R: Int32Array, base: number, n: number): void {
  const d = stSlot(R, base, n);
  arith(R, base, x80Sub, d, d, stSlot(R, base, 0));
}
export function fsubr_STN_ST0(R: Int32Array, base: number, n: number): void {
  const d = stSlot(R, base, n);
  arith(R, base, x80Sub, d, stSlot(R, base, 0), d);
}
export function fdiv_STN_ST0(R: Int32Array, base: number, n: number): void {
  const d = stSlot(R, base, n);
  arith(R, base, x80Div, d, d, stSlot(R, base, 0));
}
export function fdivr_STN_ST0(R: Int32Array, base: number, n: number): void {
  const d = stSlot(R, base, n);
  arith(R, base, x80Div, d, stSlot(R, base, 0), d);
}

export function fchs_ST0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  R[s + 2] = R[s + 2]! ^ 0x8000;
}

export function fabs_ST0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  R[s + 2] = R[s + 2]! & 0x7fff;
}

// ------------------------------------------------------------ constants

const RC_DOWN = 0x400;
const RC_UP = 0x800;
const RC_CHOP = 0xc00;

function loadConst(R: Int32Array, base: number, se: number, hi: number, lo: number): void {
  set80(R, stSlot(R, base, 0), lo, hi, se);
}
/** Rounding control of the control word. */
function rc(R: Int32Array, base: number): number {
  return R[base + X87_FPUC]! & 0xc00;
}

export function fld1_ST0(R: Int32Array, base: number): void {
  loadConst(R, base, 0x3fff, 0x80000000 | 0, 0);
}
export function fldl2t_ST0(R: Int32Array, base: number): void {
  loadConst(R, base, 0x4000, 0xd49a784b | 0, rc(R, base) === RC_UP ? 0xcd1b8aff | 0 : 0xcd1b8afe | 0);
}
export function fldl2e_ST0(R: Int32Array, base: number): void {
  const m = rc(R, base);
  loadConst(R, base, 0x3fff, 0xb8aa3b29 | 0, m === RC_DOWN || m === RC_CHOP ? 0x5c17f0bb : 0x5c17f0bc);
}
export function fldpi_ST0(R: Int32Array, base: number): void {
  const m = rc(R, base);
  loadConst(R, base, 0x4000, 0xc90fdaa2 | 0, m === RC_DOWN || m === RC_CHOP ? 0x2168c234 : 0x2168c235);
}
export function fldlg2_ST0(R: Int32Array, base: number): void {
  const m = rc(R, base);
  loadConst(R, base, 0x3ffd, 0x9a209a84 | 0, m === RC_DOWN || m === RC_CHOP ? 0xfbcff798 | 0 : 0xfbcff799 | 0);
}
export function fldln2_ST0(R: Int32Array, base: number): void {
  const m = rc(R, base);
  loadConst(R, base, 0x3ffe, 0xb17217f7 | 0, m === RC_DOWN || m === RC_CHOP ? 0xd1cf79ab | 0 : 0xd1cf79ac | 0);
}
export function fldz_ST0(R: Int32Array, base: number): void {
  loadConst(R, base, 0, 0, 0);
}
export function fldz_FT0(R: Int32Array, base: number): void {
  set80(R, base + X87_FT0, 0, 0, 0);
}

// ------------------------------------------------------------ control

export function fnstsw(R: Int32Array, base: number): number {
  return (R[base + X87_FPUS]! & ~0x3800) | ((R[base + X87_TOP]! & 7) << 11);
}

export function fnstcw(R: Int32Array, base: number): number {
  return R[base + X87_FPUC]!;
}

/** fldcw (cpu_set_fpuc): rounding and precision are read from the slot by every helper. */
export function fldcw(R: Int32Array, base: number, val: number): void {
  R[base + X87_FPUC] = val & 0xffff;
}

export function fclex(R: Int32Array, base: number): void {
  R[base + X87_FPUS] = R[base + X87_FPUS]! & 0x7f00;
}

/**
 * fwait: true if an unmasked exception is pending (ES set).  QEMU raises
 * #MF then only when CR0.NE is set, which it never is in user mode.
 */
export function fwait(R: Int32Array, base: number): boolean {
  return (R[base + X87_FPUS]! & FPUS_SE) !== 0;
}

/** fninit (do_fninit): the registers themselves are kept. */
export function fninit(R: Int32Array, base: number): void {
  R[base + X87_FPUS] = 0;
  R[base + X87_TOP] = 0;
  R[base + X87_FPCS] = 0;
  R[base + X87_FPDS] = 0;
  R[base + X87_FPIP] = 0;
  R[base + X87_FPDP] = 0;
  R[base + X87_FPUC] = 0x37f;
  R[base + X87_TAGS] = 0xff;
}

// ------------------------------------------------------------ BCD

/** fbld: loads an 18-digit packed BCD integer (digits are not validated, as in QEMU). */
export function fbld_ST0(R: Int32Array, base: number, mem: FpuMemory, ptr: number): void {
  mem.prepare(ptr >>> 0, 10, false);
  // val = val * 100 + digits, 64-bit, as (hi, lo) with the low part kept below 2^32.
  let hi = 0,
    lo = 0;
  for (let i = 8; i >= 0; i--) {
    const v = mem.load8((ptr + i) >>> 0);
    const d = (v >> 4) * 10 + (v & 0xf);
    // (hi * 2^32 + lo) * 100 + d, wrapping mod 2^64
    const l = lo * 100 + d;
    const carry = Math.floor(l / 4294967296);
    lo = l - carry * 4294967296;
    hi = (Math.imul(hi, 100) + carry) | 0;
  }
  const st = x87Begin(R, base);
  int64ToX80(lo | 0, hi, st);
  let se = st.se;
  if ((mem.load8((ptr + 9) >>> 0) & 0x80) !== 0) se ^= 0x8000;
  const rlo = st.lo,
    rhi = st.hi;
  set80(R, pushSlot(R, base), rlo, rhi, se & 0xffff);
}

/** fbstp's store part (fbst_ST0): ST0 rounded to an integer as 18 BCD digits, or the BCD indefinite. */
export function fbst_ST0(R: Int32Array, base: number, mem: FpuMemory, ptr: number): void {
  const st = x87Begin(R, base);
  mem.prepare(ptr >>> 0, 10, true);
  const s = stSlot(R, base, 0);
  const lo = x80ToInt64(R[s]!, R[s + 1]!, R[s + 2]!, st);
  const hi = st.hi;
  // |val| >= 10^18 (0x0de0b6b3a7640000)?
  const neg = hi < 0;
  let mh = hi,
    ml = lo;
  if (neg) {
    ml = -lo | 0;
    mh = (~hi + (ml === 0 ? 1 : 0)) | 0;
  }
  const big = mh >>> 0 > 0x0de0b6b3 || (mh === 0x0de0b6b3 && ml >>> 0 >= 0xa7640000) || (neg && mh < 0);
  if (big) {
    st.flags = Flag.Invalid;
    for (let k = 0; k < 7; k++) mem.store8((ptr + k) >>> 0, 0);
    mem.store8((ptr + 7) >>> 0, 0xc0);
    mem.store8((ptr + 8) >>> 0, 0xff);
    mem.store8((ptr + 9) >>> 0, 0xff);
    x87End(R, base);
    return;
  }
  let p = ptr;
  const end = ptr + 9;
  mem.store8(end >>> 0, (R[s + 2]! & 0x8000) !== 0 ? 0x80 : 0);
  // Two decimal digits at a time from |val| < 10^18, as (vh, vl) uint32 words.
  let vh = mh >>> 0,
    vl = ml >>> 0;
  while (p < end && (vh | vl) !== 0) {
    const qh = Math.floor(vh / 100);
    const t = (vh - qh * 100) * 4294967296 + vl; // < 100 * 2^32, exact
    const ql = Math.floor(t / 100);
    const v = t - ql * 100;
    vh = qh;
    vl = ql;
    mem.store8(p >>> 0, (Math.floor(v / 10) << 4) | (v % 10));
    p++;
  }
  while (p < end) mem.store8(p++ >>> 0, 0);
  x87End(R, base);
}

// ------------------------------------------------------------ fxam

/** fxam: classifies ST0 into C3, C2, C0, with C1 = sign. */
export function fxam_ST0(R: Int32Array, base: number): void {
  const s = stSlot(R, base, 0);
  const lo = R[s]!,
    hi = R[s + 1]!,
    se = R[s + 2]!;
  let fpus = R[base + X87_FPUS]! & ~0x4700;
  if ((se & 0x8000) !== 0) fpus |= 0x200;
  if ((R[base + X87_TAGS]! & (1 << (R[base + X87_TOP]! & 7))) !== 0) {
    R[base + X87_FPUS] = fpus | 0x4100; // empty
    return;
  }
  const exp = se & 0x7fff;
  if (exp === 0x7fff) {
    if (hi === -2147483648 && lo === 0)
      fpus |= 0x500; // infinity
    else if (hi < 0) fpus |= 0x100; // NaN
  } else if (exp === 0) {
    fpus |= (hi | lo) === 0 ? 0x4000 : 0x4400; // zero / denormal
  } else if (hi < 0) {
    fpus |= 0x400; // normal
  }
  R[base + X87_FPUS] = fpus;
}
