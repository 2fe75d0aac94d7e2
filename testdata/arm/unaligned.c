/* Unaligned accesses (built -marm, with a Thumb part): single loads and stores of words and halfwords at every
 * misalignment work (SCTLR.A is clear for user code), LDRD/STRD work at word alignment; the forms that
 * require alignment whatever SCTLR.A says (LDRD/STRD off a word, LDM/STM, LDREX/STREX, VLDR/VSTR, VLDM) raise
 * SIGBUS with BUS_ADRALN and the address. The handler prints the signal and skips the instruction. */
#include "rt.h"

static uint8_t buf[64] __attribute__((aligned(16)));
static volatile int faults;

static void handler(int sig, rt_siginfo *si, void *ctx) {
  struct rt_ucontext *uc = ctx;
  uint32_t pc = uc->mc.r[15], thumb = (uc->mc.cpsr >> 5) & 1;
  rt_printf("  signal %d code %d addr buf+%ld %s\n", sig, si->si_code, (long)((uint8_t *)si->u.addr - buf),
            thumb ? "thumb" : "arm");
  faults++;
  /* every faulting instruction here is 4 bytes long, in both states */
  uc->mc.r[15] = pc + 4;
}

static void fill(void) {
  for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(i * 37 + 11);
}

static void singles(void) {
  for (unsigned off = 0; off < 4; off++) {
    fill();
    uint32_t w, h, sh, sb;
    __asm__ volatile("ldr %0, [%4, %5]\n\tldrh %1, [%4, %5]\n\tldrsh %2, [%4, %5]\n\tldrsb %3, [%4, %5]"
                     : "=&r"(w), "=&r"(h), "=&r"(sh), "=&r"(sb)
                     : "r"(buf + 1), "r"(off)
                     : "memory");
    __asm__ volatile("str %0, [%1, #8]\n\tstrh %0, [%1, #14]" ::"r"(0xa1b2c3d4), "r"(buf + off) : "memory");
    rt_printf("off %u: ldr %08x ldrh %08x ldrsh %08x ldrsb %08x mem", off, w, h, sh, sb);
    for (unsigned i = 8; i < 18; i++) rt_printf(" %02x", buf[i]);
    rt_printf("\n");
  }
}

__attribute__((target("thumb"), noinline)) static void thumb_singles(void) {
  fill();
  uint32_t a, b;
  __asm__ volatile("ldr %0, [%2, #1]\n\tldrh.w %1, [%2, #3]\n\tstr.w %0, [%2, #21]" : "=&r"(a), "=&r"(b) : "r"(buf) : "memory");
  rt_printf("thumb: ldr %08x ldrh %08x mem %02x %02x %02x %02x\n", a, b, buf[21], buf[22], buf[23], buf[24]);
}

static void doubles(void) {
  fill();
  register uint32_t lo __asm__("r4") = 0, hi __asm__("r5") = 0;
  __asm__ volatile("ldrd r4, r5, [%2, #4]" : "=r"(lo), "=r"(hi) : "r"(buf) : "memory");
  rt_printf("ldrd word-aligned: %08x %08x\n", lo, hi);
  lo = 0x01020304, hi = 0x05060708;
  __asm__ volatile("strd r4, r5, [%0, #12]" ::"r"(buf), "r"(lo), "r"(hi) : "memory");
  rt_printf("strd word-aligned: %02x %02x\n", buf[12], buf[19]);
  rt_printf("ldrd buf+2:\n");
  lo = hi = 0;
  __asm__ volatile("ldrd r4, r5, [%2, #2]" : "+r"(lo), "+r"(hi) : "r"(buf) : "memory");
  rt_printf("  -> %08x %08x\n", lo, hi);
  rt_printf("strd buf+1:\n");
  __asm__ volatile("strd r4, r5, [%0, #1]" ::"r"(buf), "r"(lo), "r"(hi) : "memory");
}

static void multiples(void) {
  fill();
  rt_printf("ldm buf+1:\n");
  register uint32_t a __asm__("r4") = 0, b __asm__("r5") = 0;
  __asm__ volatile("ldm %2, {r4, r5}" : "+r"(a), "+r"(b) : "r"(buf + 1) : "memory");
  rt_printf("  -> %08x %08x\n", a, b);
  rt_printf("stmdb buf+34:\n");
  __asm__ volatile("stmdb %0, {r4, r5}" ::"r"(buf + 34), "r"(a), "r"(b) : "memory");
  rt_printf("push/pop with sp at buf+46:\n");
  __asm__ volatile("mov r6, sp\n\tmov sp, %0\n\tpush {r4}\n\tmov sp, r6" ::"r"(buf + 46), "r"(a) : "r6", "memory");
}

static void exclusive(void) {
  uint32_t v = 0, st = 0;
  rt_printf("ldrex buf+2:\n");
  __asm__ volatile("ldrex %0, [%1]" : "+r"(v) : "r"(buf + 2) : "memory");
  rt_printf("strex buf+1:\n");
  __asm__ volatile("strex %0, %1, [%2]" : "+&r"(st) : "r"(v), "r"(buf + 1) : "memory");
  rt_printf("ldrexh buf+1:\n");
  __asm__ volatile("ldrexh %0, [%1]" : "+r"(v) : "r"(buf + 1) : "memory");
  rt_printf("  status %u\n", st);
}

static void vfp(void) {
  fill();
  double d = 0;
  float f = 0;
  rt_printf("vldr.64 buf+4 (word-aligned):\n");
  __asm__ volatile("vldr %P0, [%1, #4]" : "+w"(d) : "r"(buf) : "memory");
  union {
    double d;
    uint64_t u;
  } u = {d};
  rt_printf("  -> %08x%08x\n", (uint32_t)(u.u >> 32), (uint32_t)u.u);
  rt_printf("vldr.32 buf+2:\n");
  __asm__ volatile("vldr %0, [%1]" : "+t"(f) : "r"(buf + 2) : "memory");
  rt_printf("vstr.64 buf+1:\n");
  __asm__ volatile("vstr %P0, [%1]" ::"w"(d), "r"(buf + 1) : "memory");
  rt_printf("vldmia buf+3:\n");
  __asm__ volatile("vldmia %1, {%P0}" : "+w"(d) : "r"(buf + 3) : "memory");
}

__attribute__((target("thumb"), noinline)) static void thumb_faults(void) {
  register uint32_t lo __asm__("r4") = 0, hi __asm__("r5") = 0;
  rt_printf("thumb ldrd buf+6:\n");
  __asm__ volatile("ldrd r4, r5, [%2]" : "+r"(lo), "+r"(hi) : "r"(buf + 6) : "memory");
  rt_printf("thumb ldm.w buf+2:\n");
  __asm__ volatile("ldmia.w %2, {r4, r5}" : "+r"(lo), "+r"(hi) : "r"(buf + 2) : "memory");
}

int main(void) {
  rt_sigaction(SIGBUS, (void *)handler, SA_SIGINFO | SA_NODEFER, 0);
  singles();
  thumb_singles();
  doubles();
  multiples();
  exclusive();
  vfp();
  thumb_faults();
  rt_printf("%d faults\n", faults);
  return 0;
}
