/* Integer instructions, A32 (-marm) or T32 (-mthumb) from the same source: every data-processing,
 * shift, multiply, divide, saturating, parallel add/sub, packing, extend and bit-field form, each on
 * a grid of operand values and two input flag states; prints the result and the APSR after it
 * (NZCVQ and GE). */
#include "rt.h"

static const uint32_t V[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0x8000ffff, 0xfffe0001, 0x00ff7f80};
#define NV (sizeof V / sizeof V[0])
/* shift amounts, as register operands */
static const uint32_t S[] = {0, 1, 7, 31, 32, 33, 255, 256 + 4};
#define NS (sizeof S / sizeof S[0])
/* the input APSR: nothing, or C and all GE bits (for adc/sbc/rrx and sel) */
static const uint32_t FL[] = {0, 0x200f0000};

static void line(const char *name, uint32_t a, uint32_t b, uint32_t c, uint32_t r, uint32_t r2, uint32_t f) {
  rt_printf("%-10s %08x %08x %08x -> %08x %08x %08x\n", name, a, b, c, r, r2, f);
}

/* rd = op(a, b) with flags in and out */
#define OP2(label, insn, SET)                                                                                      \
  for (unsigned i = 0; i < NV; i++)                                                                                \
    for (unsigned j = 0; j < N##SET; j++)                                                                          \
      for (unsigned k = 0; k < 2; k++) {                                                                           \
        uint32_t r, f, a = V[i], b = SET[j];                                                                       \
        __asm__ volatile("msr APSR_nzcvqg, %[fl]\n\t" insn "\n\tmrs %[f], APSR"                                     \
                         : [r] "=&r"(r), [f] "=&r"(f)                                                              \
                         : [a] "r"(a), [b] "r"(b), [fl] "r"(FL[k])                                                 \
                         : "cc");                                                                                  \
        line(label, a, b, FL[k], r, 0, f);                                                                         \
      }

/* rd = op(a, b, c): accumulating forms */
#define OP3(label, insn)                                                                                           \
  for (unsigned i = 0; i < NV; i++)                                                                                \
    for (unsigned j = 0; j < NV; j += 2)                                                                           \
      for (unsigned k = 1; k < NV; k += 3) {                                                                       \
        uint32_t r, f, a = V[i], b = V[j], c = V[k];                                                               \
        __asm__ volatile("msr APSR_nzcvqg, %[fl]\n\t" insn "\n\tmrs %[f], APSR"                                     \
                         : [r] "=&r"(r), [f] "=&r"(f)                                                              \
                         : [a] "r"(a), [b] "r"(b), [c] "r"(c), [fl] "r"(0)                                         \
                         : "cc");                                                                                  \
        line(label, a, b, c, r, 0, f);                                                                             \
      }

/* 64-bit results: {lo, hi} = op(a, b) with lo/hi also inputs (accumulate) */
#define OP64(label, insn)                                                                                          \
  for (unsigned i = 0; i < NV; i++)                                                                                \
    for (unsigned j = 0; j < NV; j++) {                                                                            \
      uint32_t lo = V[(i + j) % NV], hi = V[(i * 3 + 1) % NV], f, a = V[i], b = V[j], lo0 = lo, hi0 = hi;           \
      __asm__ volatile("msr APSR_nzcvqg, %[fl]\n\t" insn "\n\tmrs %[f], APSR"                                       \
                       : [lo] "+&r"(lo), [hi] "+&r"(hi), [f] "=&r"(f)                                              \
                       : [a] "r"(a), [b] "r"(b), [fl] "r"(0)                                                       \
                       : "cc");                                                                                    \
      line(label, a, b, lo0 ^ hi0, lo, hi, f);                                                                     \
    }

/* rd = op(a) with an immediate or nothing */
#define OP1(label, insn)                                                                                           \
  for (unsigned i = 0; i < NV; i++)                                                                                \
    for (unsigned k = 0; k < 2; k++) {                                                                             \
      uint32_t r, f, a = V[i];                                                                                     \
      __asm__ volatile("msr APSR_nzcvqg, %[fl]\n\t" insn "\n\tmrs %[f], APSR"                                       \
                       : [r] "=&r"(r), [f] "=&r"(f)                                                                \
                       : [a] "r"(a), [fl] "r"(FL[k])                                                               \
                       : "cc");                                                                                    \
      line(label, a, 0, FL[k], r, 0, f);                                                                           \
    }

static void data_processing(void) {
  OP2("adds", "adds %[r], %[a], %[b]", V);
  OP2("adcs", "adcs %[r], %[a], %[b]", V);
  OP2("subs", "subs %[r], %[a], %[b]", V);
  OP2("sbcs", "sbcs %[r], %[a], %[b]", V);
  OP2("rsbs", "rsbs %[r], %[a], %[b]", V);
  OP2("ands", "ands %[r], %[a], %[b]", V);
  OP2("orrs", "orrs %[r], %[a], %[b]", V);
  OP2("eors", "eors %[r], %[a], %[b]", V);
  OP2("bics", "bics %[r], %[a], %[b]", V);
  OP2("cmp", "cmp %[a], %[b]\n\tmov %[r], #0", V);
  OP2("cmn", "cmn %[a], %[b]\n\tmov %[r], #0", V);
  OP2("tst", "tst %[a], %[b]\n\tmov %[r], #0", V);
  OP2("teq", "teq %[a], %[b]\n\tmov %[r], #0", V);
  OP2("adds lsl", "adds %[r], %[a], %[b], lsl #3", V);
  OP2("subs asr", "subs %[r], %[a], %[b], asr #31", V);
  OP2("ands ror", "ands %[r], %[a], %[b], ror #9", V);
  OP2("orrs lsr", "orrs %[r], %[a], %[b], lsr #32", V);
  OP2("eors rrx", "eors %[r], %[a], %[b], rrx", V);
  OP2("movs rrx", "movs %[r], %[b], rrx", V);
  OP2("mvns asr", "mvns %[r], %[b], asr #32", V);
  OP2("adc lsl", "adc %[r], %[a], %[b], lsl #1", V);
  OP1("adds #", "adds %[r], %[a], #0xff000000");
  OP1("adcs #", "adcs %[r], %[a], #1");
  OP1("subs #", "subs %[r], %[a], #0x80000000");
  OP1("rsbs #", "rsbs %[r], %[a], #0");
  OP1("ands #", "ands %[r], %[a], #0x3fc00000");
  OP1("orrs #", "orrs %[r], %[a], #0x0ff00000");
  OP1("eors #", "eors %[r], %[a], #0x3fc");
  OP1("bics #", "bics %[r], %[a], #0xff");
  OP1("movs #", "movs %[r], #0x80000000");
  OP1("mvns #", "mvns %[r], #0xff");
  OP1("cmp #", "cmp %[a], #0x7f\n\tmov %[r], #0");
  OP1("tst #", "tst %[a], #0x80000000\n\tmov %[r], #0");
  OP1("movw", "movw %[r], #0xbeef");
  OP1("movt", "mov %[r], %[a]\n\tmovt %[r], #0xdead");
#ifdef __thumb__
  OP2("orns", "orns %[r], %[a], %[b]", V);
  OP1("orn #", "orn %[r], %[a], #0xff00ff00");
  OP1("addw", "addw %[r], %[a], #4095");
  OP1("subw", "subw %[r], %[a], #4095");
#else
  OP2("rscs", "rscs %[r], %[a], %[b]", V);
  OP1("rscs #", "rscs %[r], %[a], #0x100");
  /* register-shifted register operands (A32 only) */
  OP2("adds lslr", "adds %[r], %[a], %[a], lsl %[b]", S);
  OP2("ands lsrr", "ands %[r], %[a], %[a], lsr %[b]", S);
  OP2("orrs asrr", "orrs %[r], %[b], %[a], asr %[b]", S);
  OP2("movs rorr", "movs %[r], %[a], ror %[b]", S);
  OP2("eor rorr", "eor %[r], %[a], %[a], ror %[b]", S);
#endif
}

static void shifts(void) {
  OP2("lsls", "lsls %[r], %[a], %[b]", S);
  OP2("lsrs", "lsrs %[r], %[a], %[b]", S);
  OP2("asrs", "asrs %[r], %[a], %[b]", S);
  OP2("rors", "rors %[r], %[a], %[b]", S);
  OP2("lsl", "lsl %[r], %[a], %[b]", S);
  OP2("ror", "ror %[r], %[a], %[b]", S);
  OP1("lsls #", "lsls %[r], %[a], #31");
  OP1("lsrs #32", "lsrs %[r], %[a], #32");
  OP1("asrs #32", "asrs %[r], %[a], #32");
  OP1("rors #", "rors %[r], %[a], #1");
  OP1("rrxs", "rrxs %[r], %[a]");
}

static void multiply(void) {
  OP2("mul", "mul %[r], %[a], %[b]", V);
  OP3("mla", "mla %[r], %[a], %[b], %[c]");
  OP3("mls", "mls %[r], %[a], %[b], %[c]");
  OP64("umull", "umull %[lo], %[hi], %[a], %[b]");
  OP64("smull", "smull %[lo], %[hi], %[a], %[b]");
  OP64("umlal", "umlal %[lo], %[hi], %[a], %[b]");
  OP64("smlal", "smlal %[lo], %[hi], %[a], %[b]");
  OP64("umaal", "umaal %[lo], %[hi], %[a], %[b]");
  OP2("smulbb", "smulbb %[r], %[a], %[b]", V);
  OP2("smultb", "smultb %[r], %[a], %[b]", V);
  OP2("smulwt", "smulwt %[r], %[a], %[b]", V);
  OP3("smlabt", "smlabt %[r], %[a], %[b], %[c]");
  OP3("smlatt", "smlatt %[r], %[a], %[b], %[c]");
  OP3("smlawb", "smlawb %[r], %[a], %[b], %[c]");
  OP64("smlalbt", "smlalbt %[lo], %[hi], %[a], %[b]");
  OP2("smuad", "smuad %[r], %[a], %[b]", V);
  OP2("smusdx", "smusdx %[r], %[a], %[b]", V);
  OP3("smlad", "smlad %[r], %[a], %[b], %[c]");
  OP3("smlsdx", "smlsdx %[r], %[a], %[b], %[c]");
  OP64("smlald", "smlald %[lo], %[hi], %[a], %[b]");
  OP64("smlsldx", "smlsldx %[lo], %[hi], %[a], %[b]");
  OP2("smmul", "smmul %[r], %[a], %[b]", V);
  OP2("smmulr", "smmulr %[r], %[a], %[b]", V);
  OP3("smmla", "smmla %[r], %[a], %[b], %[c]");
  OP3("smmlsr", "smmlsr %[r], %[a], %[b], %[c]");
  OP2("sdiv", "sdiv %[r], %[a], %[b]", V);
  OP2("udiv", "udiv %[r], %[a], %[b]", V);
#ifndef __thumb__
  OP2("muls", "muls %[r], %[a], %[b]", V);
  OP64("umulls", "umulls %[lo], %[hi], %[a], %[b]");
  OP64("smlals", "smlals %[lo], %[hi], %[a], %[b]");
#endif
}

static void saturating(void) {
  OP2("qadd", "qadd %[r], %[a], %[b]", V);
  OP2("qsub", "qsub %[r], %[a], %[b]", V);
  OP2("qdadd", "qdadd %[r], %[a], %[b]", V);
  OP2("qdsub", "qdsub %[r], %[a], %[b]", V);
  OP1("ssat", "ssat %[r], #8, %[a]");
  OP1("ssat asr", "ssat %[r], #16, %[a], asr #4");
  OP1("usat", "usat %[r], #7, %[a]");
  OP1("usat lsl", "usat %[r], #31, %[a], lsl #1");
  OP1("ssat16", "ssat16 %[r], #4, %[a]");
  OP1("usat16", "usat16 %[r], #9, %[a]");
}

static void parallel(void) {
  OP2("sadd16", "sadd16 %[r], %[a], %[b]", V);
  OP2("ssub8", "ssub8 %[r], %[a], %[b]", V);
  OP2("sasx", "sasx %[r], %[a], %[b]", V);
  OP2("uadd8", "uadd8 %[r], %[a], %[b]", V);
  OP2("usub16", "usub16 %[r], %[a], %[b]", V);
  OP2("usax", "usax %[r], %[a], %[b]", V);
  OP2("qadd8", "qadd8 %[r], %[a], %[b]", V);
  OP2("qsub16", "qsub16 %[r], %[a], %[b]", V);
  OP2("uqadd16", "uqadd16 %[r], %[a], %[b]", V);
  OP2("uqsax", "uqsax %[r], %[a], %[b]", V);
  OP2("shadd8", "shadd8 %[r], %[a], %[b]", V);
  OP2("shasx", "shasx %[r], %[a], %[b]", V);
  OP2("uhsub8", "uhsub8 %[r], %[a], %[b]", V);
  OP2("uhadd16", "uhadd16 %[r], %[a], %[b]", V);
  OP2("sel", "sel %[r], %[a], %[b]", V);
  OP2("usad8", "usad8 %[r], %[a], %[b]", V);
  OP3("usada8", "usada8 %[r], %[a], %[b], %[c]");
  /* GE from an add, then sel */
  OP2("uadd8+sel", "uadd8 %[r], %[a], %[b]\n\tsel %[r], %[a], %[b]", V);
}

static void packing(void) {
  OP2("pkhbt", "pkhbt %[r], %[a], %[b], lsl #8", V);
  OP2("pkhtb", "pkhtb %[r], %[a], %[b], asr #31", V);
  OP2("sxtab", "sxtab %[r], %[a], %[b], ror #8", V);
  OP2("uxtah", "uxtah %[r], %[a], %[b], ror #24", V);
  OP2("sxtab16", "sxtab16 %[r], %[a], %[b]", V);
  OP2("uxtab16", "uxtab16 %[r], %[a], %[b], ror #16", V);
  OP1("sxtb", "sxtb %[r], %[a]");
  OP1("sxth", "sxth %[r], %[a], ror #8");
  OP1("uxtb16", "uxtb16 %[r], %[a], ror #24");
  OP1("rev", "rev %[r], %[a]");
  OP1("rev16", "rev16 %[r], %[a]");
  OP1("revsh", "revsh %[r], %[a]");
  OP1("rbit", "rbit %[r], %[a]");
  OP1("clz", "clz %[r], %[a]");
  OP1("ubfx", "ubfx %[r], %[a], #5, #11");
  OP1("sbfx", "sbfx %[r], %[a], #28, #4");
  OP1("bfi", "mov %[r], #0x55\n\tbfi %[r], %[a], #12, #17");
  OP1("bfc", "mov %[r], %[a]\n\tbfc %[r], #3, #29");
}

int main(void) {
  rt_printf("alu (%s)\n",
#ifdef __thumb__
            "thumb"
#else
            "arm"
#endif
  );
  data_processing();
  shifts();
  multiply();
  saturating();
  parallel();
  packing();
  rt_printf("done\n");
  return 0;
}
