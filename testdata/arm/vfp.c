/* VFPv4-D16: arithmetic, fused multiply-add, square root, compares, and conversions (integer,
 * fixed-point, single/double, half precision with and without AHP) on special and ordinary values,
 * under every rounding mode and with flush-to-zero and default-NaN; prints the results and the
 * FPSCR (cumulative exception flags) after each, as hashes per operation and mode plus the
 * round-to-nearest results in full. Built -marm and -mthumb. */
#include "rt.h"

static const uint32_t SV[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x7f7fffff, 0x00800000, 0x00000001, 0x807fffff,
    0x7f800000, 0xff800000, 0x7fc00001, 0x7f800001, 0x40400000, 0x3eaaaaab, 0x1e3ce508, 0x4b800001,
    0xcf000000, 0x4f800000, 0x477fe000, 0x33800000,
};
#define NSV (sizeof SV / sizeof SV[0])
static const uint64_t DV[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x7fefffffffffffffull, 0x0010000000000000ull, 0x0000000000000001ull, 0x800fffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000001ull, 0x7ff0000000000001ull,
    0x4008000000000000ull, 0x3fd5555555555555ull, 0x3bc79ca10c924223ull, 0x4340000000000001ull,
    0xc1e0000000000000ull, 0x41efffffffe00000ull, 0x36a0000000000000ull, 0x47efffffe0000000ull,
};
#define NDV (sizeof DV / sizeof DV[0])

/* rounding mode in bits 23:22, FZ bit 24, DN bit 25, AHP bit 26 */
static const uint32_t MODES[] = {0, 1u << 22, 2u << 22, 3u << 22, 1u << 24, 1u << 25, (3u << 22) | (3u << 24)};
#define NMODES (sizeof MODES / sizeof MODES[0])

static uint32_t h;
static int verbose;
static void mix(uint32_t v) { h = (h ^ v) * 0x01000193u; }

union sf {
  uint32_t u;
  float f;
};
union df {
  uint64_t u;
  double d;
};

static void report(const char *name, uint32_t mode) { rt_printf("%-16s mode=%08x hash=%08x\n", name, mode, h); }

#define BIN_S(label, insn)                                                                                                  \
  for (unsigned m = 0; m < NMODES; m++) {                                                                                   \
    h = 0x811c9dc5u;                                                                                                        \
    for (unsigned i = 0; i < NSV; i++)                                                                                      \
      for (unsigned j = 0; j < NSV; j++) {                                                                                  \
        union sf a = {SV[i]}, b = {SV[j]}, c = {SV[(i + j) % NSV]}, r;                                                      \
        uint32_t f;                                                                                                         \
        r.f = c.f;                                                                                                          \
        __asm__ volatile("vmsr fpscr, %[m]\n\t" insn "\n\tvmrs %[f], fpscr"                                                \
                         : [r] "+&t"(r.f), [f] "=&r"(f)                                                                     \
                         : [a] "t"(a.f), [b] "t"(b.f), [m] "r"(MODES[m]));                                                  \
        mix(r.u);                                                                                                           \
        mix(f);                                                                                                             \
        if (verbose && m == 0) rt_printf("%s %08x %08x %08x -> %08x %08x\n", label, a.u, b.u, c.u, r.u, f);                \
      }                                                                                                                     \
    report(label, MODES[m]);                                                                                                \
  }

#define BIN_D(label, insn)                                                                                                  \
  for (unsigned m = 0; m < NMODES; m++) {                                                                                   \
    h = 0x811c9dc5u;                                                                                                        \
    for (unsigned i = 0; i < NDV; i++)                                                                                      \
      for (unsigned j = 0; j < NDV; j++) {                                                                                  \
        union df a = {DV[i]}, b = {DV[j]}, c = {DV[(i + j) % NDV]}, r;                                                      \
        uint32_t f;                                                                                                         \
        r.d = c.d;                                                                                                          \
        __asm__ volatile("vmsr fpscr, %[m]\n\t" insn "\n\tvmrs %[f], fpscr"                                                \
                         : [r] "+&w"(r.d), [f] "=&r"(f)                                                                     \
                         : [a] "w"(a.d), [b] "w"(b.d), [m] "r"(MODES[m]));                                                  \
        mix((uint32_t)r.u);                                                                                                 \
        mix((uint32_t)(r.u >> 32));                                                                                         \
        mix(f);                                                                                                             \
        if (verbose && m == 0)                                                                                              \
          rt_printf("%s %08x%08x %08x%08x -> %08x%08x %08x\n", label, (uint32_t)(a.u >> 32), (uint32_t)a.u,                 \
                    (uint32_t)(b.u >> 32), (uint32_t)b.u, (uint32_t)(r.u >> 32), (uint32_t)r.u, f);                         \
      }                                                                                                                     \
    report(label, MODES[m]);                                                                                                \
  }

/* unary: the input in %[a], the result in %[r] (a core register for "r", a VFP one for "t"/"w") */
#define UN(label, TIN, NV, VALS, CIN, TOUT, COUT, insn)                                                                    \
  for (unsigned m = 0; m < NMODES; m++) {                                                                                   \
    h = 0x811c9dc5u;                                                                                                        \
    for (unsigned i = 0; i < NV; i++) {                                                                                     \
      union {                                                                                                               \
        TIN v;                                                                                                              \
        uint64_t u;                                                                                                         \
      } a = {0};                                                                                                            \
      union {                                                                                                               \
        TOUT v;                                                                                                             \
        uint64_t u;                                                                                                         \
      } r = {0};                                                                                                            \
      uint32_t f;                                                                                                           \
      a.u = VALS[i];                                                                                                        \
      __asm__ volatile("vmsr fpscr, %[m]\n\t" insn "\n\tvmrs %[f], fpscr"                                                  \
                       : [r] "=&" COUT(r.v), [f] "=&r"(f)                                                                   \
                       : [a] CIN(a.v), [m] "r"(MODES[m] | ahp));                                                            \
      mix((uint32_t)r.u);                                                                                                   \
      mix((uint32_t)(r.u >> 32));                                                                                           \
      mix(f);                                                                                                               \
      if (verbose && m == 0)                                                                                                \
        rt_printf("%s %08x%08x -> %08x%08x %08x\n", label, (uint32_t)(a.u >> 32), (uint32_t)a.u, (uint32_t)(r.u >> 32),     \
                  (uint32_t)r.u, f);                                                                                        \
    }                                                                                                                       \
    report(label, MODES[m] | ahp);                                                                                          \
  }

static const uint64_t IV[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0xfffffffe, 0x00010000, 0x80000001};
#define NIV (sizeof IV / sizeof IV[0])
static uint64_t SV64[NSV], HV[12];
#define NHV (sizeof HV / sizeof HV[0])

static void arithmetic(void) {
  BIN_S("vadd.f32", "vadd.f32 %[r], %[a], %[b]");
  BIN_S("vsub.f32", "vsub.f32 %[r], %[a], %[b]");
  BIN_S("vmul.f32", "vmul.f32 %[r], %[a], %[b]");
  BIN_S("vdiv.f32", "vdiv.f32 %[r], %[a], %[b]");
  BIN_S("vnmul.f32", "vnmul.f32 %[r], %[a], %[b]");
  BIN_S("vmla.f32", "vmla.f32 %[r], %[a], %[b]");
  BIN_S("vmls.f32", "vmls.f32 %[r], %[a], %[b]");
  BIN_S("vnmla.f32", "vnmla.f32 %[r], %[a], %[b]");
  BIN_S("vnmls.f32", "vnmls.f32 %[r], %[a], %[b]");
  BIN_S("vfma.f32", "vfma.f32 %[r], %[a], %[b]");
  BIN_S("vfms.f32", "vfms.f32 %[r], %[a], %[b]");
  BIN_S("vfnma.f32", "vfnma.f32 %[r], %[a], %[b]");
  BIN_S("vfnms.f32", "vfnms.f32 %[r], %[a], %[b]");
  BIN_S("vcmp.f32", "vcmp.f32 %[a], %[b]\n\tvmrs APSR_nzcv, fpscr\n\tmrs %[f], APSR\n\tvmov %[r], %[f]");
  BIN_S("vcmpe.f32", "vcmpe.f32 %[a], %[b]\n\tvmrs APSR_nzcv, fpscr\n\tmrs %[f], APSR\n\tvmov %[r], %[f]");
  BIN_D("vadd.f64", "vadd.f64 %P[r], %P[a], %P[b]");
  BIN_D("vsub.f64", "vsub.f64 %P[r], %P[a], %P[b]");
  BIN_D("vmul.f64", "vmul.f64 %P[r], %P[a], %P[b]");
  BIN_D("vdiv.f64", "vdiv.f64 %P[r], %P[a], %P[b]");
  BIN_D("vnmul.f64", "vnmul.f64 %P[r], %P[a], %P[b]");
  BIN_D("vmla.f64", "vmla.f64 %P[r], %P[a], %P[b]");
  BIN_D("vnmls.f64", "vnmls.f64 %P[r], %P[a], %P[b]");
  BIN_D("vfma.f64", "vfma.f64 %P[r], %P[a], %P[b]");
  BIN_D("vfnms.f64", "vfnms.f64 %P[r], %P[a], %P[b]");
  BIN_D("vcmpe.f64", "vcmpe.f64 %P[a], %P[b]\n\tvmrs APSR_nzcv, fpscr\n\tmrs %[f], APSR\n\tvmov %P[r], %[f], %[f]");
}

static void unary(uint32_t ahp) {
#define T "t"
#define W "w"
#define R "r"
  UN("vsqrt.f32", float, NSV, SV64, T, float, T, "vsqrt.f32 %[r], %[a]");
  UN("vabs.f32", float, NSV, SV64, T, float, T, "vabs.f32 %[r], %[a]");
  UN("vneg.f32", float, NSV, SV64, T, float, T, "vneg.f32 %[r], %[a]");
  UN("vcmp.f32 #0", float, NSV, SV64, T, uint32_t, R, "vcmp.f32 %[a], #0\n\tvmrs APSR_nzcv, fpscr\n\tmrs %[r], APSR");
  UN("vsqrt.f64", double, NDV, DV, W, double, W, "vsqrt.f64 %P[r], %P[a]");
  UN("vneg.f64", double, NDV, DV, W, double, W, "vneg.f64 %P[r], %P[a]");
  UN("vcvt.f64.f32", float, NSV, SV64, T, double, W, "vcvt.f64.f32 %P[r], %[a]");
  UN("vcvt.f32.f64", double, NDV, DV, W, float, T, "vcvt.f32.f64 %[r], %P[a]");
  UN("vcvt.s32.f32", float, NSV, SV64, T, float, T, "vcvt.s32.f32 %[r], %[a]");
  UN("vcvtr.s32.f32", float, NSV, SV64, T, float, T, "vcvtr.s32.f32 %[r], %[a]");
  UN("vcvt.u32.f32", float, NSV, SV64, T, float, T, "vcvt.u32.f32 %[r], %[a]");
  UN("vcvtr.u32.f64", double, NDV, DV, W, float, T, "vcvtr.u32.f64 %[r], %P[a]");
  UN("vcvt.s32.f64", double, NDV, DV, W, float, T, "vcvt.s32.f64 %[r], %P[a]");
  UN("vcvt.f32.s32", float, NIV, IV, T, float, T, "vcvt.f32.s32 %[r], %[a]");
  UN("vcvt.f32.u32", float, NIV, IV, T, float, T, "vcvt.f32.u32 %[r], %[a]");
  UN("vcvt.f64.s32", float, NIV, IV, T, double, W, "vcvt.f64.s32 %P[r], %[a]");
  UN("vcvt.s32.f32 #16", float, NSV, SV64, T, float, T, "vmov.f32 %[r], %[a]\n\tvcvt.s32.f32 %[r], %[r], #16");
  UN("vcvt.u16.f32 #4", float, NSV, SV64, T, float, T, "vmov.f32 %[r], %[a]\n\tvcvt.u16.f32 %[r], %[r], #4");
  UN("vcvt.f32.s16 #3", float, NIV, IV, T, float, T, "vmov.f32 %[r], %[a]\n\tvcvt.f32.s16 %[r], %[r], #3");
  UN("vcvt.f64.u32 #31", double, NIV, IV, W, double, W, "vmov.f64 %P[r], %P[a]\n\tvcvt.f64.u32 %P[r], %P[r], #31");
  UN("vcvt.s32.f64 #1", double, NDV, DV, W, double, W, "vmov.f64 %P[r], %P[a]\n\tvcvt.s32.f64 %P[r], %P[r], #1");
  UN("vcvtb.f16.f32", float, NSV, SV64, T, float, T, "vmov.f32 %[r], %[a]\n\tvcvtb.f16.f32 %[r], %[a]");
  UN("vcvtt.f16.f32", float, NSV, SV64, T, float, T, "vmov.f32 %[r], %[a]\n\tvcvtt.f16.f32 %[r], %[a]");
  UN("vcvtb.f32.f16", float, NHV, HV, T, float, T, "vcvtb.f32.f16 %[r], %[a]");
  UN("vcvtt.f32.f16", float, NHV, HV, T, float, T, "vcvtt.f32.f16 %[r], %[a]");
#undef T
#undef W
#undef R
}

/* FPSCR: what VMSR keeps (QEMU's vfp_set_fpscr masking), and VMRS to APSR_nzcv */
static void fpscr(void) {
  static const uint32_t WV[] = {0, 0xffffffff, 0xf7c0009f, 0x03c00000, 0x00370000, 0x00009f00, 0x80000000};
  for (unsigned i = 0; i < sizeof WV / sizeof WV[0]; i++) {
    uint32_t r, f;
    __asm__ volatile("vmsr fpscr, %[w]\n\tvmrs %[r], fpscr\n\tvmrs APSR_nzcv, fpscr\n\tmrs %[f], APSR\n\tvmsr fpscr, %[z]"
                     : [r] "=&r"(r), [f] "=&r"(f)
                     : [w] "r"(WV[i]), [z] "r"(0)
                     : "cc");
    rt_printf("vmsr %08x -> fpscr %08x apsr %08x\n", WV[i], r, f);
  }
  /* FPSID, MVFR0/1 and FPEXC are not readable at PL0 (UNDEFINED): signals.c checks that SIGILL */
}

int main(int argc, char **argv) {
  (void)argv;
  verbose = argc > 1;
  for (unsigned i = 0; i < NSV; i++) SV64[i] = SV[i];
  static const uint16_t H[] = {0x0000, 0x8000, 0x3c00, 0x7bff, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x7e01, 0x7c01, 0xffff, 0x5555};
  for (unsigned i = 0; i < NHV; i++) HV[i] = H[i] | (uint32_t)H[(i + 5) % NHV] << 16;
  rt_printf("vfp (%s)\n",
#ifdef __thumb__
            "thumb"
#else
            "arm"
#endif
  );
  arithmetic();
  unary(0);
  unary(1u << 26);
  fpscr();
  rt_printf("done\n");
  return 0;
}
