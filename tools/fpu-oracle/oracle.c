/*
 * Host floating-point oracle for the tciemu FPU tests.
 *
 * Reads fixed-size binary records from stdin and writes one result record
 * per input record to stdout, computing each operation with the host FPU
 * under the requested rounding mode and reporting the IEEE exception flags
 * raised (in RISC-V fflags bit order).
 *
 * Input record (8 x uint32, host byte order):
 *   op, rm, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi
 * Output record (4 x uint32):
 *   r_lo, r_hi, flags, status   (status 0 = ok, 1 = unsupported rm / op)
 *
 * Binary32 operands and 32-bit integers live in the *_lo words.
 * rm: 0 RNE, 1 RTZ, 2 RDN, 3 RUP (RMM is not available on the host).
 *
 * Float-to-integer conversions use the host's rounding (lrint family) and
 * apply the RISC-V saturation rule for out-of-range / NaN inputs (the host
 * returns an "integer indefinite" there instead): the result saturates and
 * only NV is reported.
 *
 * Build: gcc -O2 -frounding-math -fno-fast-math -ffp-contract=off oracle.c -lm
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma STDC FENV_ACCESS ON

enum {
  NX = 1,
  UF = 2,
  OF = 4,
  DZ = 8,
  NV = 16,
};

static double d_of(uint32_t lo, uint32_t hi) {
  uint64_t u = ((uint64_t)hi << 32) | lo;
  double d;
  memcpy(&d, &u, 8);
  return d;
}

static float f_of(uint32_t a) {
  float f;
  memcpy(&f, &a, 4);
  return f;
}

static uint64_t bits_d(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}

static uint32_t bits_f(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

static uint32_t rv_flags(int fe) {
  uint32_t r = 0;
  if (fe & FE_INEXACT) r |= NX;
  if (fe & FE_UNDERFLOW) r |= UF;
  if (fe & FE_OVERFLOW) r |= OF;
  if (fe & FE_DIVBYZERO) r |= DZ;
  if (fe & FE_INVALID) r |= NV;
  return r;
}

static const int modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};

/* Volatile operands keep the compiler from folding or moving the arithmetic
   across the fenv calls. */
static volatile double vda, vdb, vdc, vdr;
static volatile float vfa, vfb, vfc, vfr;
static volatile int64_t vi;
static volatile uint64_t vu;

/* Results of the float-to-integer helpers. */
static uint64_t ires;
static uint32_t iflags;

/* Rounds x (finite or not) to a signed integer in [lo, hi] RISC-V style. */
static void to_signed(double x, int64_t lo, int64_t hi) {
  if (isnan(x)) {
    ires = (uint64_t)hi;
    iflags = NV;
    return;
  }
  feclearexcept(FE_ALL_EXCEPT);
  vi = llrint(x);
  int fe = fetestexcept(FE_ALL_EXCEPT);
  int64_t r = vi;
  if ((fe & FE_INVALID) || r < lo || r > hi) {
    ires = (uint64_t)(x < 0 ? lo : hi);
    iflags = NV;
    return;
  }
  ires = (uint64_t)r;
  iflags = rv_flags(fe);
}

static void to_unsigned(double x, uint64_t hi) {
  if (isnan(x)) {
    ires = hi;
    iflags = NV;
    return;
  }
  if (x >= 9223372036854775808.0) {
    /* Integral already; only the 64-bit case can be in range here. */
    if (hi == UINT64_MAX && x < 18446744073709551616.0) {
      vu = (uint64_t)x;
      ires = vu;
      iflags = 0;
    } else {
      ires = hi;
      iflags = NV;
    }
    return;
  }
  feclearexcept(FE_ALL_EXCEPT);
  vi = llrint(x);
  int fe = fetestexcept(FE_ALL_EXCEPT);
  int64_t r = vi;
  if ((fe & FE_INVALID) || r < 0 || (uint64_t)r > hi) {
    ires = x < 0 ? 0 : hi;
    iflags = NV;
    return;
  }
  ires = (uint64_t)r;
  iflags = rv_flags(fe);
}

static void run(const uint32_t *in, uint32_t *out) {
  uint32_t op = in[0], rm = in[1];
  uint64_t r = 0;
  uint32_t flags = 0;
  out[3] = 0;
  if (rm > 3) {
    out[0] = out[1] = out[2] = 0;
    out[3] = 1;
    return;
  }
  fesetround(modes[rm]);
  vda = d_of(in[2], in[3]);
  vdb = d_of(in[4], in[5]);
  vdc = d_of(in[6], in[7]);
  vfa = f_of(in[2]);
  vfb = f_of(in[4]);
  vfc = f_of(in[6]);
  feclearexcept(FE_ALL_EXCEPT);
  switch (op) {
  /* binary64 */
  case 1: vdr = vda + vdb; r = bits_d(vdr); break;
  case 2: vdr = vda - vdb; r = bits_d(vdr); break;
  case 3: vdr = vda * vdb; r = bits_d(vdr); break;
  case 4: vdr = vda / vdb; r = bits_d(vdr); break;
  case 5: vdr = sqrt(vda); r = bits_d(vdr); break;
  case 6: vdr = fma(vda, vdb, vdc); r = bits_d(vdr); break;
  case 7: vdr = fma(vda, vdb, -vdc); r = bits_d(vdr); break;
  case 8: vdr = fma(-vda, vdb, vdc); r = bits_d(vdr); break;
  case 9: vdr = fma(-vda, vdb, -vdc); r = bits_d(vdr); break;
  case 10: r = vda == vdb; break;
  case 11: r = vda < vdb; break;
  case 12: r = vda <= vdb; break;
  case 13: to_signed(vda, INT32_MIN, INT32_MAX); r = ires & 0xffffffffu; flags = iflags; goto done;
  case 14: to_unsigned(vda, UINT32_MAX); r = ires & 0xffffffffu; flags = iflags; goto done;
  case 15: to_signed(vda, INT64_MIN, INT64_MAX); r = ires; flags = iflags; goto done;
  case 16: to_unsigned(vda, UINT64_MAX); r = ires; flags = iflags; goto done;
  case 17: vdr = (double)(int32_t)in[2]; r = bits_d(vdr); break;
  case 18: vdr = (double)(uint32_t)in[2]; r = bits_d(vdr); break;
  case 19: vi = (int64_t)(((uint64_t)in[3] << 32) | in[2]); vdr = (double)vi; r = bits_d(vdr); break;
  case 20: vu = ((uint64_t)in[3] << 32) | in[2]; vdr = (double)vu; r = bits_d(vdr); break;
  case 21: vfr = (float)vda; r = bits_f(vfr); break;
  case 22: vdr = (double)vfa; r = bits_d(vdr); break;
  /* binary32 */
  case 33: vfr = vfa + vfb; r = bits_f(vfr); break;
  case 34: vfr = vfa - vfb; r = bits_f(vfr); break;
  case 35: vfr = vfa * vfb; r = bits_f(vfr); break;
  case 36: vfr = vfa / vfb; r = bits_f(vfr); break;
  case 37: vfr = sqrtf(vfa); r = bits_f(vfr); break;
  case 38: vfr = fmaf(vfa, vfb, vfc); r = bits_f(vfr); break;
  case 39: vfr = fmaf(vfa, vfb, -vfc); r = bits_f(vfr); break;
  case 40: vfr = fmaf(-vfa, vfb, vfc); r = bits_f(vfr); break;
  case 41: vfr = fmaf(-vfa, vfb, -vfc); r = bits_f(vfr); break;
  case 42: r = vfa == vfb; break;
  case 43: r = vfa < vfb; break;
  case 44: r = vfa <= vfb; break;
  /* binary32 -> integer: the float widens to double exactly (sNaN is
     reported as invalid either way, as NaN inputs are). */
  case 45: to_signed(f_of(in[2]), INT32_MIN, INT32_MAX); r = ires & 0xffffffffu; flags = iflags; goto done;
  case 46: to_unsigned(f_of(in[2]), UINT32_MAX); r = ires & 0xffffffffu; flags = iflags; goto done;
  case 47: to_signed(f_of(in[2]), INT64_MIN, INT64_MAX); r = ires; flags = iflags; goto done;
  case 48: to_unsigned(f_of(in[2]), UINT64_MAX); r = ires; flags = iflags; goto done;
  case 49: vfr = (float)(int32_t)in[2]; r = bits_f(vfr); break;
  case 50: vfr = (float)(uint32_t)in[2]; r = bits_f(vfr); break;
  case 51: vi = (int64_t)(((uint64_t)in[3] << 32) | in[2]); vfr = (float)vi; r = bits_f(vfr); break;
  case 52: vu = ((uint64_t)in[3] << 32) | in[2]; vfr = (float)vu; r = bits_f(vfr); break;
  default:
    out[0] = out[1] = out[2] = 0;
    out[3] = 1;
    return;
  }
  flags = rv_flags(fetestexcept(FE_ALL_EXCEPT));
done:
  out[0] = (uint32_t)r;
  out[1] = (uint32_t)(r >> 32);
  out[2] = flags;
}

int main(void) {
  size_t cap = 1 << 20, len = 0;
  uint8_t *buf = malloc(cap);
  if (!buf) return 2;
  for (;;) {
    if (len == cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      if (!buf) return 2;
    }
    size_t n = fread(buf + len, 1, cap - len, stdin);
    if (n == 0) break;
    len += n;
  }
  size_t count = len / 32;
  uint32_t *out = malloc(count * 16 + 16);
  if (!out) return 2;
  for (size_t i = 0; i < count; i++) {
    uint32_t rec[8];
    memcpy(rec, buf + i * 32, 32);
    run(rec, out + i * 4);
  }
  fesetround(FE_TONEAREST);
  if (fwrite(out, 16, count, stdout) != count) return 3;
  return 0;
}
