/* Thumb-2 IT blocks: every condition under every NZCV value, IT blocks of 1..4 instructions with
 * then/else slots, flag-setting instructions inside a block (later slots see the new flags), 16-bit
 * instructions that do not set flags inside a block, a branch ending a block, and conditional
 * 32-bit instructions. Built with -mthumb. */
#include "rt.h"

static unsigned lines;

#define RUN(c, inv)                                                                                   \
  for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {                                                        \
    uint32_t fl = nzcv << 28, r0 = 0, r1 = 0, r2 = 0, f;                                              \
    __asm__ volatile("msr APSR_nzcvq, %[fl]\n\t"                                                      \
                     "movs %[r0], #0\n\t" /* sets flags: restore them */                             \
                     "msr APSR_nzcvq, %[fl]\n\t"                                                      \
                     "it " #c "\n\t"                                                                  \
                     "mov" #c " %[r0], #1\n\t"                                                        \
                     "ite " #c "\n\t"                                                                 \
                     "add" #c " %[r0], %[r0], #2\n\t"                                                 \
                     "add" #inv " %[r0], %[r0], #4\n\t"                                               \
                     "itete " #c "\n\t"                                                               \
                     "add" #c " %[r1], %[r1], #1\n\t"                                                 \
                     "add" #inv " %[r1], %[r1], #2\n\t"                                               \
                     "add" #c " %[r1], %[r1], #4\n\t"                                                 \
                     "add" #inv " %[r1], %[r1], #8\n\t"                                               \
                     "ittt " #c "\n\t"                                                                \
                     "cmp" #c " %[r1], #5\n\t"                                                        \
                     "mov" #c " %[r2], #1\n\t"                                                        \
                     "add" #c " %[r2], %[r2], #16\n\t"                                                \
                     "it " #c "\n\t"                                                                  \
                     "b" #c " 1f\n\t"                                                                 \
                     "orr %[r2], %[r2], #0x100\n"                                                     \
                     "1:\n\t"                                                                         \
                     "itt " #inv "\n\t"                                                               \
                     "orr" #inv " %[r2], %[r2], #0x80000000\n\t"                                      \
                     "mvn" #inv " %[r1], %[r1]\n\t"                                                   \
                     "mrs %[f], APSR"                                                                 \
                     : [r0] "+&l"(r0), [r1] "+&l"(r1), [r2] "+&l"(r2), [f] "=&r"(f)                   \
                     : [fl] "r"(fl)                                                                   \
                     : "cc");                                                                         \
    rt_printf("%-3s nzcv=%x: %08x %08x %08x %08x\n", #c, nzcv, r0, r1, r2, f);                        \
    lines++;                                                                                          \
  }

/* al in an IT block, and a condition-failed block where a flag-setting 16-bit form is not one */
static void extra(void) {
  for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
    uint32_t fl = nzcv << 28, a = 5, b = 7, f;
    __asm__ volatile("msr APSR_nzcvq, %[fl]\n\t"
                     ".inst.n 0xbfe8\n\t" /* it al (gas refuses the form) */
                     "add.w %[a], %[a], %[b]\n\t"
                     "itt mi\n\t"
                     "lslmi %[a], %[a], #1\n\t" /* 16-bit LSL in an IT block: no flags */
                     "submi %[b], %[a], %[b]\n\t"
                     "itte vs\n\t"
                     "mulvs %[a], %[b], %[a]\n\t"
                     "rsbvs %[b], %[b], #0\n\t"
                     "movvc %[b], #3\n\t"
                     "mrs %[f], APSR"
                     : [a] "+&l"(a), [b] "+&l"(b), [f] "=&r"(f)
                     : [fl] "r"(fl)
                     : "cc");
    rt_printf("extra nzcv=%x: %08x %08x %08x\n", nzcv, a, b, f);
  }
}

int main(void) {
  RUN(eq, ne)
  RUN(ne, eq)
  RUN(cs, cc)
  RUN(cc, cs)
  RUN(mi, pl)
  RUN(pl, mi)
  RUN(vs, vc)
  RUN(vc, vs)
  RUN(hi, ls)
  RUN(ls, hi)
  RUN(ge, lt)
  RUN(lt, ge)
  RUN(gt, le)
  RUN(le, gt)
  extra();
  rt_printf("%u lines\n", lines);
  return 0;
}
