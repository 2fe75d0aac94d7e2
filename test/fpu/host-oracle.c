/*
 * Host x86-64 floating-point oracle for the src/fpu tests.
 *
 * Reads fixed-size records from stdin, runs each operation on the host's
 * SSE or x87 unit with the given control register, and writes the result
 * and the host's exception flags.  Every operation is one inline-asm
 * instruction, so the compiler cannot change what is computed.
 *
 * Input record (12 x uint32, little endian):
 *   op, ctrl, a0, a1, a2, b0, b1, b2, c0, c1, c2, 0
 *     float32 / int32 operands in a0; float64 / int64 in (a0 = lo, a1 = hi);
 *     floatx80 as (a0 = significand lo, a1 = significand hi, a2 = sign/exp).
 *     ctrl is MXCSR for SSE ops, the x87 control word for x87 ops.
 * Output record (4 x uint32):
 *   r0, r1, r2, flags
 *     flags: MXCSR & 0x3f for SSE ops (comis: | EFLAGS ZF/PF/CF << 8);
 *     the x87 status word for x87 ops (fcomi: | EFLAGS << 16).
 *
 * Build: gcc -O1 -mfma -mf16c -msse4.1 host-oracle.c -lm   (ops needing FMA/F16C are only
 * run when the test saw those CPU features).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>
#include <math.h>

enum {
  /* SSE single */
  S_ADD = 1, S_SUB, S_MUL, S_DIV, S_SQRT, S_MIN, S_MAX, S_CMP, S_COMI, S_UCOMI,
  S_CVT_SD, S_CVT_SI, S_CVTT_SI, S_CVT_SI64, S_CVTT_SI64, S_FROM_I32, S_FROM_I64,
  S_FMA, S_TO_F16, S_FROM_F16, S_ROUND, S_REM,
  /* SSE double */
  D_ADD = 32, D_SUB, D_MUL, D_DIV, D_SQRT, D_MIN, D_MAX, D_CMP, D_COMI, D_UCOMI,
  D_CVT_SS, D_CVT_SI, D_CVTT_SI, D_CVT_SI64, D_CVTT_SI64, D_FROM_I32, D_FROM_I64,
  D_FMA, D_ROUND, D_REM,
  /* x87 */
  X_ADD = 64, X_SUB, X_MUL, X_DIV, X_SQRT, X_PREM, X_PREM1, X_RNDINT, X_SCALE,
  X_COM, X_UCOM, X_COMI, X_UCOMI, X_LD32, X_LD64, X_ST32, X_ST64, X_IST16,
  X_IST32, X_IST64, X_ILD32, X_ILD64, X_BLD, X_BST, X_XTRACT, X_ISTT16, X_ISTT32,
  X_ISTT64,
  /* host libm (double) */
  L_SIN = 96, L_COS, L_TAN
};

typedef struct __attribute__((packed)) {
  uint64_t m;
  uint16_t se;
} x80_t;

static float f32(uint32_t a) { float f; memcpy(&f, &a, 4); return f; }
static uint32_t b32(float f) { uint32_t a; memcpy(&a, &f, 4); return a; }
static double f64(uint32_t lo, uint32_t hi) { uint64_t u = ((uint64_t)hi << 32) | lo; double d; memcpy(&d, &u, 8); return d; }
static uint64_t b64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

#define SSE_BIN(insn, T, x, y)                                                   \
  __asm__ volatile("ldmxcsr %[mi]\n\t" insn " %[b], %[a]\n\tstmxcsr %[mo]"       \
                   : [a] "+x"(x), [mo] "=m"(mo)                                  \
                   : [b] "x"(y), [mi] "m"(mi))

static void sse(uint32_t op, const uint32_t *in, uint32_t *out) {
  uint32_t mi = in[1] & ~0x3fu, mo = 0;
  float fa = f32(in[2]), fb = f32(in[5]), fc = f32(in[8]);
  double da = f64(in[2], in[3]), db = f64(in[5], in[6]), dc = f64(in[8], in[9]);
  uint32_t r0 = 0, r1 = 0, extra = 0;
  uint64_t rf;
  switch (op) {
  case S_ADD: SSE_BIN("addss", float, fa, fb); r0 = b32(fa); break;
  case S_SUB: SSE_BIN("subss", float, fa, fb); r0 = b32(fa); break;
  case S_MUL: SSE_BIN("mulss", float, fa, fb); r0 = b32(fa); break;
  case S_DIV: SSE_BIN("divss", float, fa, fb); r0 = b32(fa); break;
  case S_SQRT: fb = fa; SSE_BIN("sqrtss", float, fa, fb); r0 = b32(fa); break;
  case S_MIN: SSE_BIN("minss", float, fa, fb); r0 = b32(fa); break;
  case S_MAX: SSE_BIN("maxss", float, fa, fb); r0 = b32(fa); break;
  case S_CMP:
    switch (in[8] & 7) {
    case 0: SSE_BIN("cmpss $0,", float, fa, fb); break;
    case 1: SSE_BIN("cmpss $1,", float, fa, fb); break;
    case 2: SSE_BIN("cmpss $2,", float, fa, fb); break;
    case 3: SSE_BIN("cmpss $3,", float, fa, fb); break;
    case 4: SSE_BIN("cmpss $4,", float, fa, fb); break;
    case 5: SSE_BIN("cmpss $5,", float, fa, fb); break;
    case 6: SSE_BIN("cmpss $6,", float, fa, fb); break;
    default: SSE_BIN("cmpss $7,", float, fa, fb); break;
    }
    r0 = b32(fa);
    break;
  case D_CMP:
    switch (in[8] & 7) {
    case 0: SSE_BIN("cmpsd $0,", double, da, db); break;
    case 1: SSE_BIN("cmpsd $1,", double, da, db); break;
    case 2: SSE_BIN("cmpsd $2,", double, da, db); break;
    case 3: SSE_BIN("cmpsd $3,", double, da, db); break;
    case 4: SSE_BIN("cmpsd $4,", double, da, db); break;
    case 5: SSE_BIN("cmpsd $5,", double, da, db); break;
    case 6: SSE_BIN("cmpsd $6,", double, da, db); break;
    default: SSE_BIN("cmpsd $7,", double, da, db); break;
    }
    rf = b64(da); r0 = (uint32_t)rf; r1 = rf >> 32;
    break;
  case S_COMI: case S_UCOMI: case D_COMI: case D_UCOMI: {
    uint64_t fl;
    if (op == S_COMI)
      __asm__ volatile("ldmxcsr %[mi]\n\tcomiss %[b], %[a]\n\tpushfq\n\tpopq %[f]\n\tstmxcsr %[mo]" : [f] "=r"(fl), [mo] "=m"(mo) : [a] "x"(fa), [b] "x"(fb), [mi] "m"(mi) : "cc");
    else if (op == S_UCOMI)
      __asm__ volatile("ldmxcsr %[mi]\n\tucomiss %[b], %[a]\n\tpushfq\n\tpopq %[f]\n\tstmxcsr %[mo]" : [f] "=r"(fl), [mo] "=m"(mo) : [a] "x"(fa), [b] "x"(fb), [mi] "m"(mi) : "cc");
    else if (op == D_COMI)
      __asm__ volatile("ldmxcsr %[mi]\n\tcomisd %[b], %[a]\n\tpushfq\n\tpopq %[f]\n\tstmxcsr %[mo]" : [f] "=r"(fl), [mo] "=m"(mo) : [a] "x"(da), [b] "x"(db), [mi] "m"(mi) : "cc");
    else
      __asm__ volatile("ldmxcsr %[mi]\n\tucomisd %[b], %[a]\n\tpushfq\n\tpopq %[f]\n\tstmxcsr %[mo]" : [f] "=r"(fl), [mo] "=m"(mo) : [a] "x"(da), [b] "x"(db), [mi] "m"(mi) : "cc");
    extra = (uint32_t)(fl & 0x8d5) << 8; /* CF PF AF ZF SF OF */
    break;
  }
  case S_CVT_SD: {
    double r;
    __asm__ volatile("ldmxcsr %[mi]\n\tcvtss2sd %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=x"(r), [mo] "=m"(mo) : [a] "x"(fa), [mi] "m"(mi));
    rf = b64(r); r0 = (uint32_t)rf; r1 = rf >> 32;
    break;
  }
  case D_CVT_SS: {
    float r;
    __asm__ volatile("ldmxcsr %[mi]\n\tcvtsd2ss %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=x"(r), [mo] "=m"(mo) : [a] "x"(da), [mi] "m"(mi));
    r0 = b32(r);
    break;
  }
  case S_CVT_SI: case S_CVTT_SI: case D_CVT_SI: case D_CVTT_SI: {
    int32_t r;
    if (op == S_CVT_SI) __asm__ volatile("ldmxcsr %[mi]\n\tcvtss2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(fa), [mi] "m"(mi));
    else if (op == S_CVTT_SI) __asm__ volatile("ldmxcsr %[mi]\n\tcvttss2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(fa), [mi] "m"(mi));
    else if (op == D_CVT_SI) __asm__ volatile("ldmxcsr %[mi]\n\tcvtsd2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(da), [mi] "m"(mi));
    else __asm__ volatile("ldmxcsr %[mi]\n\tcvttsd2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(da), [mi] "m"(mi));
    r0 = (uint32_t)r;
    break;
  }
  case S_CVT_SI64: case S_CVTT_SI64: case D_CVT_SI64: case D_CVTT_SI64: {
    int64_t r;
    if (op == S_CVT_SI64) __asm__ volatile("ldmxcsr %[mi]\n\tcvtss2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(fa), [mi] "m"(mi));
    else if (op == S_CVTT_SI64) __asm__ volatile("ldmxcsr %[mi]\n\tcvttss2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(fa), [mi] "m"(mi));
    else if (op == D_CVT_SI64) __asm__ volatile("ldmxcsr %[mi]\n\tcvtsd2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(da), [mi] "m"(mi));
    else __asm__ volatile("ldmxcsr %[mi]\n\tcvttsd2si %[a], %[r]\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "x"(da), [mi] "m"(mi));
    r0 = (uint32_t)r; r1 = (uint64_t)r >> 32;
    break;
  }
  case S_FROM_I32: case D_FROM_I32: case S_FROM_I64: case D_FROM_I64: {
    int32_t i32 = (int32_t)in[2];
    int64_t i64 = (int64_t)(((uint64_t)in[3] << 32) | in[2]);
    float rs = 0; double rd = 0;
    if (op == S_FROM_I32) __asm__ volatile("ldmxcsr %[mi]\n\tcvtsi2ssl %[i], %[r]\n\tstmxcsr %[mo]" : [r] "+x"(rs), [mo] "=m"(mo) : [i] "r"(i32), [mi] "m"(mi));
    else if (op == S_FROM_I64) __asm__ volatile("ldmxcsr %[mi]\n\tcvtsi2ssq %[i], %[r]\n\tstmxcsr %[mo]" : [r] "+x"(rs), [mo] "=m"(mo) : [i] "r"(i64), [mi] "m"(mi));
    else if (op == D_FROM_I32) __asm__ volatile("ldmxcsr %[mi]\n\tcvtsi2sdl %[i], %[r]\n\tstmxcsr %[mo]" : [r] "+x"(rd), [mo] "=m"(mo) : [i] "r"(i32), [mi] "m"(mi));
    else __asm__ volatile("ldmxcsr %[mi]\n\tcvtsi2sdq %[i], %[r]\n\tstmxcsr %[mo]" : [r] "+x"(rd), [mo] "=m"(mo) : [i] "r"(i64), [mi] "m"(mi));
    if (op == S_FROM_I32 || op == S_FROM_I64) { r0 = b32(rs); }
    else { rf = b64(rd); r0 = (uint32_t)rf; r1 = rf >> 32; }
    break;
  }
  case S_FMA:
    /* a * b + c: vfmadd231ss c += a * b */
    __asm__ volatile("ldmxcsr %[mi]\n\tvfmadd231ss %[b], %[a], %[c]\n\tstmxcsr %[mo]" : [c] "+x"(fc), [mo] "=m"(mo) : [a] "x"(fa), [b] "x"(fb), [mi] "m"(mi));
    r0 = b32(fc);
    break;
  case D_FMA:
    __asm__ volatile("ldmxcsr %[mi]\n\tvfmadd231sd %[b], %[a], %[c]\n\tstmxcsr %[mo]" : [c] "+x"(dc), [mo] "=m"(mo) : [a] "x"(da), [b] "x"(db), [mi] "m"(mi));
    rf = b64(dc); r0 = (uint32_t)rf; r1 = rf >> 32;
    break;
  case S_TO_F16: {
    __m128i r;
    __m128 v = _mm_set_ss(fa);
    /* imm 4: use MXCSR.RC */
    __asm__ volatile("ldmxcsr %[mi]\n\tvcvtps2ph $4, %[v], %[r]\n\tstmxcsr %[mo]" : [r] "=x"(r), [mo] "=m"(mo) : [v] "x"(v), [mi] "m"(mi));
    r0 = (uint32_t)_mm_cvtsi128_si32(r) & 0xffff;
    break;
  }
  case S_FROM_F16: {
    __m128 r;
    __m128i v = _mm_cvtsi32_si128((int)(in[2] & 0xffff));
    __asm__ volatile("ldmxcsr %[mi]\n\tvcvtph2ps %[v], %[r]\n\tstmxcsr %[mo]" : [r] "=x"(r), [mo] "=m"(mo) : [v] "x"(v), [mi] "m"(mi));
    r0 = b32(_mm_cvtss_f32(r));
    break;
  }
  case S_ROUND: {
    /* imm 4: round with MXCSR.RC, precision exception not suppressed */
    __asm__ volatile("ldmxcsr %[mi]\n\troundss $4, %[a], %[a]\n\tstmxcsr %[mo]" : [a] "+x"(fa), [mo] "=m"(mo) : [mi] "m"(mi));
    r0 = b32(fa);
    break;
  }
  case D_ROUND:
    __asm__ volatile("ldmxcsr %[mi]\n\troundsd $4, %[a], %[a]\n\tstmxcsr %[mo]" : [a] "+x"(da), [mo] "=m"(mo) : [mi] "m"(mi));
    goto dres;
  case S_REM:
  case D_REM: {
    /* IEEE remainder computed by the hardware: x87 fprem1 repeated until C2 clears is exact, and the exact
     * remainder of two floats/doubles is representable in their format, so the stores below do not round.
     * (glibc's remainder() is not used: 2.36 returns +0 instead of -0 for some divisors below 2^-1021.)
     * Flags: the x87 invalid bit only (fld of a signalling NaN, x infinite, y zero). */
    volatile float xs = fa, ys = fb;
    volatile double xd = da, yd = db;
    long double r;
    uint16_t sw;
#define FPREM1_LOOP "1: fprem1\n\tfnstsw %%ax\n\ttestw $0x400, %%ax\n\tjnz 1b\n\tfstp %%st(1)\n\tfnstsw %[sw]"
    if (op == S_REM)
      __asm__ volatile("fnclex\n\tflds %[y]\n\tflds %[x]\n\t" FPREM1_LOOP : "=t"(r), [sw] "=m"(sw) : [x] "m"(xs), [y] "m"(ys) : "ax", "cc");
    else
      __asm__ volatile("fnclex\n\tfldl %[y]\n\tfldl %[x]\n\t" FPREM1_LOOP : "=t"(r), [sw] "=m"(sw) : [x] "m"(xd), [y] "m"(yd) : "ax", "cc");
    mo = sw & 1;
    if (op == S_REM) {
      r0 = b32((float)r);
      break;
    }
    da = (double)r;
    goto dres;
  }
  case D_ADD: SSE_BIN("addsd", double, da, db); goto dres;
  case D_SUB: SSE_BIN("subsd", double, da, db); goto dres;
  case D_MUL: SSE_BIN("mulsd", double, da, db); goto dres;
  case D_DIV: SSE_BIN("divsd", double, da, db); goto dres;
  case D_SQRT: db = da; SSE_BIN("sqrtsd", double, da, db); goto dres;
  case D_MIN: SSE_BIN("minsd", double, da, db); goto dres;
  case D_MAX: SSE_BIN("maxsd", double, da, db); goto dres;
  dres:
    rf = b64(da); r0 = (uint32_t)rf; r1 = rf >> 32;
    break;
  default:
    fprintf(stderr, "host-oracle: unknown op %u\n", op);
    exit(2);
  }
  out[0] = r0;
  out[1] = r1;
  out[2] = 0;
  out[3] = (mo & 0x3f) | extra;
}

/*
 * Runs an x87 sequence with ST0 = a, ST1 = b loaded first; the status word
 * is taken right after the operation, before the result is stored (a store
 * would change C1).
 */
#define X87S(body, post, ...)                                                     \
  __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" body    \
                   "\n\tfnstsw %[sw]\n\t" post "\n\tfninit"                       \
                   : [sw] "=m"(sw), ##__VA_ARGS__                                 \
                   : [a] "m"(xa), [b] "m"(xb), [cw] "m"(cw), [i32] "m"(i32),     \
                     [i64] "m"(i64), [m32] "m"(m32), [m64] "m"(m64), [bcd] "m"(bcd) \
                   : "memory", "cc")
#define X87(body, ...) X87S(body, "", ##__VA_ARGS__)

static void x87(uint32_t op, const uint32_t *in, uint32_t *out) {
  uint16_t cw = (uint16_t)(in[1] | 0x3f); /* all exceptions masked */
  uint16_t sw = 0;
  x80_t xa = {((uint64_t)in[3] << 32) | in[2], (uint16_t)in[4]};
  x80_t xb = {((uint64_t)in[6] << 32) | in[5], (uint16_t)in[7]};
  x80_t xr = {0, 0}, xr2 = {0, 0};
  int32_t i32 = (int32_t)in[2];
  int64_t i64 = (int64_t)(((uint64_t)in[3] << 32) | in[2]);
  uint32_t m32 = in[2];
  uint64_t m64 = ((uint64_t)in[3] << 32) | in[2];
  uint8_t bcd[10];
  uint64_t fl = 0;
  int16_t r16 = 0;
  int32_t r32 = 0;
  int64_t r64 = 0;
  uint32_t s32 = 0;
  uint64_t s64 = 0;
  memcpy(bcd, &in[2], 10);
  switch (op) {
  case X_ADD: X87S("fadd %%st(1), %%st", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_SUB: X87S("fsub %%st(1), %%st", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_MUL: X87S("fmul %%st(1), %%st", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_DIV: X87S("fdiv %%st(1), %%st", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_SQRT: X87S("fsqrt", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_PREM: X87S("fprem", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_PREM1: X87S("fprem1", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_RNDINT: X87S("frndint", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_SCALE: X87S("fscale", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_COM: X87("fcom %%st(1)", [r] "=m"(xr)); break;
  case X_UCOM: X87("fucom %%st(1)", [r] "=m"(xr)); break;
  case X_COMI: X87("fcomi %%st(1), %%st\n\tpushfq\n\tpopq %[f]", [r] "=m"(xr), [f] "=r"(fl)); break;
  case X_UCOMI: X87("fucomi %%st(1), %%st\n\tpushfq\n\tpopq %[f]", [r] "=m"(xr), [f] "=r"(fl)); break;
  case X_LD32: X87S("fstp %%st(0)\n\tflds %[m32]", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_LD64: X87S("fstp %%st(0)\n\tfldl %[m64]", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_ST32: X87("fstps %[o]", [r] "=m"(xr), [o] "=m"(s32)); break;
  case X_ST64: X87("fstpl %[o]", [r] "=m"(xr), [o] "=m"(s64)); break;
  case X_IST16: X87("fistps %[o]", [r] "=m"(xr), [o] "=m"(r16)); break;
  case X_IST32: X87("fistpl %[o]", [r] "=m"(xr), [o] "=m"(r32)); break;
  case X_IST64: X87("fistpll %[o]", [r] "=m"(xr), [o] "=m"(r64)); break;
  case X_ISTT16: X87("fisttps %[o]", [r] "=m"(xr), [o] "=m"(r16)); break;
  case X_ISTT32: X87("fisttpl %[o]", [r] "=m"(xr), [o] "=m"(r32)); break;
  case X_ISTT64: X87("fisttpll %[o]", [r] "=m"(xr), [o] "=m"(r64)); break;
  case X_ILD32: X87S("fstp %%st(0)\n\tfildl %[i32]", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_ILD64: X87S("fstp %%st(0)\n\tfildll %[i64]", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_BLD: X87S("fstp %%st(0)\n\tfbld %[bcd]", "fstpt %[r]", [r] "=m"(xr)); break;
  case X_BST: X87("fbstp %[o]", [r] "=m"(xr), [o] "=m"(bcd)); break;
  case X_XTRACT: X87S("fxtract", "fstpt %[r]\n\tfstpt %[r2]", [r] "=m"(xr), [r2] "=m"(xr2)); break;
  default:
    fprintf(stderr, "host-oracle: unknown op %u\n", op);
    exit(2);
  }
  switch (op) {
  case X_ST32: out[0] = s32; out[1] = 0; out[2] = 0; break;
  case X_ST64: out[0] = (uint32_t)s64; out[1] = s64 >> 32; out[2] = 0; break;
  case X_IST16: case X_ISTT16: out[0] = (uint32_t)(int32_t)r16; out[1] = 0; out[2] = 0; break;
  case X_IST32: case X_ISTT32: out[0] = (uint32_t)r32; out[1] = 0; out[2] = 0; break;
  case X_IST64: case X_ISTT64: out[0] = (uint32_t)r64; out[1] = (uint64_t)r64 >> 32; out[2] = 0; break;
  case X_BST: memcpy(out, bcd, 10); out[2] &= 0xffff; break;
  case X_XTRACT:
    /* significand (ST0) and exponent (ST1): pack as r0 = sig.m lo, r1 = sig.m hi, r2 = sig.se | exp.se << 16; the exponent's significand is checked through its value only */
    out[0] = (uint32_t)xr.m; out[1] = xr.m >> 32; out[2] = xr.se | ((uint32_t)xr2.se << 16);
    break;
  default: out[0] = (uint32_t)xr.m; out[1] = xr.m >> 32; out[2] = xr.se; break;
  }
  out[3] = sw | (uint32_t)(fl & 0x8d5) << 16;
  if (op == X_XTRACT) out[3] = sw | (uint32_t)((xr2.m >> 48) & 0xffff) << 16;
}

/* The host C library's sin, cos, tan (the functions qemu-i386's fsin & co. call). */
static void libm(uint32_t op, const uint32_t *in, uint32_t *out) {
  volatile double x = f64(in[2], in[3]);
  double r = op == L_SIN ? sin(x) : op == L_COS ? cos(x) : tan(x);
  uint64_t u = b64(r);
  out[0] = (uint32_t)u;
  out[1] = u >> 32;
  out[2] = 0;
  out[3] = 0;
}

int main(void) {
  static uint32_t in[12 * 4096], out[4 * 4096];
  for (;;) {
    size_t n = fread(in, 48, 4096, stdin);
    if (n == 0) break;
    for (size_t i = 0; i < n; i++) {
      const uint32_t *r = &in[12 * i];
      if (r[0] < 64) sse(r[0], r, &out[4 * i]);
      else if (r[0] < 96) x87(r[0], r, &out[4 * i]);
      else libm(r[0], r, &out[4 * i]);
    }
    if (fwrite(out, 16, n, stdout) != n) return 1;
  }
  return 0;
}
