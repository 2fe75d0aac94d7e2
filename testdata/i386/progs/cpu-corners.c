/*
 * i386 corner cases whose output tciemu must reproduce byte for byte (test/i386/programs.test.ts runs
 * it under tciemu-i386 and qemu-i386 -cpu qemu32,-sse3): EFLAGS after every ALU operation on
 * boundary operands, string instructions with REP and both directions, SSE2 arithmetic and
 * conversions of special values, x87 rounding modes and transcendentals, self-modifying code
 * (a patched function and an instruction patched ahead in the same TB) and signals (SIGSEGV, SIGFPE,
 * SIGILL, SIGTRAP, SIGBUS-free alignment, a legacy handler, sigaltstack, FP state across a handler).
 * Built by build.sh with Debian's i686 cross compiler.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <emmintrin.h>

static const uint32_t V[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0xdeadbeef};
#define NV (sizeof V / sizeof V[0])

#define ALU2(name, insn)                                                                   \
  static uint32_t name(uint32_t a, uint32_t b, uint32_t cin, uint32_t *fl) {               \
    uint32_t f;                                                                            \
    __asm__ volatile("push %4; popf; " insn " %2, %0; pushf; pop %1"                       \
                     : "+r"(a), "=&r"(f) : "r"(b), "0"(a), "r"(cin) : "cc");               \
    *fl = f & 0x8d5;                                                                       \
    return a;                                                                              \
  }
ALU2(op_add, "addl") ALU2(op_adc, "adcl") ALU2(op_sub, "subl") ALU2(op_sbb, "sbbl") ALU2(op_and, "andl")
ALU2(op_or, "orl") ALU2(op_xor, "xorl") ALU2(op_imul, "imull")

#define ALU8(name, insn)                                                                   \
  static uint32_t name(uint32_t a, uint32_t b, uint32_t cin, uint32_t *fl) {               \
    uint32_t f;                                                                            \
    __asm__ volatile("push %4; popf; " insn " %b2, %b0; pushf; pop %1"                     \
                     : "+q"(a), "=&r"(f) : "q"(b), "0"(a), "r"(cin) : "cc");               \
    *fl = f & 0x8d5;                                                                       \
    return a;                                                                              \
  }
ALU8(op_add8, "addb") ALU8(op_sub8, "subb") ALU8(op_adc8, "adcb") ALU8(op_sbb8, "sbbb")

#define SHIFT(name, insn)                                                                  \
  static uint32_t name(uint32_t a, uint32_t c, uint32_t cin, uint32_t *fl) {               \
    uint32_t f;                                                                            \
    __asm__ volatile("push %4; popf; " insn " %%cl, %0; pushf; pop %1"                     \
                     : "+r"(a), "=&r"(f) : "c"(c), "0"(a), "r"(cin) : "cc");               \
    *fl = f & 0x8d5;                                                                       \
    return a;                                                                              \
  }
SHIFT(op_shl, "shll") SHIFT(op_shr, "shrl") SHIFT(op_sar, "sarl") SHIFT(op_rol, "roll") SHIFT(op_ror, "rorl")
SHIFT(op_rcl, "rcll") SHIFT(op_rcr, "rcrl")

#define UN(name, insn)                                                                     \
  static uint32_t name(uint32_t a, uint32_t b, uint32_t cin, uint32_t *fl) {               \
    uint32_t f;                                                                            \
    (void)b;                                                                               \
    __asm__ volatile("push %3; popf; " insn " %0; pushf; pop %1"                           \
                     : "+r"(a), "=&r"(f) : "0"(a), "r"(cin) : "cc");                       \
    *fl = f & 0x8d5;                                                                       \
    return a;                                                                              \
  }
UN(op_inc, "incl") UN(op_dec, "decl") UN(op_neg, "negl") UN(op_not, "notl") UN(op_bswap, "bswapl")

typedef uint32_t (*alu_fn)(uint32_t, uint32_t, uint32_t, uint32_t *);
static const struct { const char *name; alu_fn f; } ALU[] = {
    {"add", op_add}, {"adc", op_adc}, {"sub", op_sub}, {"sbb", op_sbb}, {"and", op_and}, {"or", op_or},
    {"xor", op_xor}, {"imul", op_imul}, {"add8", op_add8}, {"sub8", op_sub8}, {"adc8", op_adc8},
    {"sbb8", op_sbb8}, {"shl", op_shl}, {"shr", op_shr}, {"sar", op_sar}, {"rol", op_rol}, {"ror", op_ror},
    {"rcl", op_rcl}, {"rcr", op_rcr}, {"inc", op_inc}, {"dec", op_dec}, {"neg", op_neg}, {"not", op_not},
    {"bswap", op_bswap},
};

static void flags(void) {
  for (unsigned k = 0; k < sizeof ALU / sizeof ALU[0]; k++) {
    uint32_t h = 0;
    for (unsigned i = 0; i < NV; i++)
      for (unsigned j = 0; j < NV; j++)
        for (uint32_t cin = 0x202; cin <= 0x203; cin++) {
          uint32_t fl, r = ALU[k].f(V[i], V[j] & (ALU[k].name[0] == 'r' || ALU[k].name[1] == 'h' || ALU[k].name[1] == 'a' ? 0x3f : ~0u), cin, &fl);
          h = h * 31 + r * 7 + fl;
          if (i == j || j == 1) printf("%s %08x %08x c%u -> %08x %03x\n", ALU[k].name, V[i], V[j], cin & 1, r, fl);
        }
    printf("%s hash %08x\n", ALU[k].name, h);
  }
}

static void strings(void) {
  char a[64], b[64];
  for (int i = 0; i < 64; i++) a[i] = (char)(i * 7 + 1), b[i] = (char)(i * 7 + 1);
  b[40] = 0;
  int n = 64;
  const char *s = a, *d = b;
  __asm__ volatile("cld; repe cmpsb" : "+S"(s), "+D"(d), "+c"(n) : : "cc", "memory");
  printf("repe cmpsb stops at %d, ecx %d\n", (int)(s - a), n);
  char buf[32];
  memset(buf, '.', sizeof buf);
  char *p = buf + 20;
  n = 8;
  __asm__ volatile("std; rep stosb; cld" : "+D"(p), "+c"(n) : "a"('x') : "cc", "memory");
  printf("std rep stosb: %.32s edi-buf %d\n", buf, (int)(p - buf));
  uint32_t w[8] = {1, 2, 3, 4, 5, 6, 7, 8}, w2[8] = {0};
  const uint32_t *src = w + 7;
  uint32_t *dst = w2 + 7;
  n = 8;
  __asm__ volatile("std; rep movsl; cld" : "+S"(src), "+D"(dst), "+c"(n) : : "cc", "memory");
  printf("std rep movsl: %u %u %u %u %u %u %u %u\n", w2[0], w2[1], w2[2], w2[3], w2[4], w2[5], w2[6], w2[7]);
  const char *q = "hello, world";
  n = 20;
  __asm__ volatile("cld; repne scasb" : "+D"(q), "+c"(n) : "a"(',') : "cc");
  printf("repne scasb: ecx %d\n", n);
}

static void sse2(void) {
  static const double D[] = {0.0, -0.0, 1.5, -2.5, 2.5, 1e300, -1e-310, 2147483647.5, -2147483648.5, 4294967296.0, 1.0 / 0.0, 0.0 / 0.0};
  for (unsigned i = 0; i < sizeof D / sizeof D[0]; i++) {
    __m128d x = _mm_set_sd(D[i]);
    __m128d y = _mm_set_sd(3.0);
    int r = _mm_cvtsd_si32(x), t = _mm_cvttsd_si32(x);
    __m128 f = _mm_cvtsd_ss(_mm_setzero_ps(), x);
    double s = _mm_cvtsd_f64(_mm_sqrt_sd(x, x)), q = _mm_cvtsd_f64(_mm_div_sd(x, y)), m = _mm_cvtsd_f64(_mm_mul_sd(x, x));
    float ff = _mm_cvtss_f32(f);
    uint64_t bs, bq, bm;
    uint32_t bf;
    memcpy(&bs, &s, 8), memcpy(&bq, &q, 8), memcpy(&bm, &m, 8), memcpy(&bf, &ff, 4);
    printf("sse2 %a: cvt %d cvtt %d ss %08x sqrt %016llx /3 %016llx sq %016llx mxcsr %04x\n", D[i], r, t, bf, (unsigned long long)bs,
           (unsigned long long)bq, (unsigned long long)bm, _mm_getcsr());
    _mm_setcsr(0x1f80);
  }
  __m128i a = _mm_set_epi32(0x7fffffff, -1, 0x8000, 5), b = _mm_set_epi32(1, 1, 0x8000, -7);
  __m128i r[] = {_mm_add_epi32(a, b), _mm_adds_epi16(a, b), _mm_subs_epu8(a, b), _mm_mullo_epi16(a, b), _mm_mulhi_epi16(a, b),
                 _mm_mul_epu32(a, b), _mm_sad_epu8(a, b), _mm_packs_epi32(a, b), _mm_srai_epi32(a, 3), _mm_cmpgt_epi32(a, b)};
  for (unsigned i = 0; i < sizeof r / sizeof r[0]; i++) {
    uint32_t o[4];
    memcpy(o, &r[i], 16);
    printf("sse2 int %u: %08x %08x %08x %08x\n", i, o[3], o[2], o[1], o[0]);
  }
}

static void x87(void) {
  static const long double X[] = {0.5L, 1.0L, 3.0L, -7.25L, 1e4000L, 1e-4000L, 0.1L, 3.14159265358979323846L};
  static const unsigned short CW[] = {0x37f, 0x77f, 0xb7f, 0xf7f, 0x07f, 0x27f};
  for (unsigned c = 0; c < sizeof CW / sizeof CW[0]; c++)
    for (unsigned i = 0; i < sizeof X / sizeof X[0]; i++) {
      long double x = X[i], r[8];
      unsigned short sw;
      __asm__ volatile("fldcw %0" : : "m"(CW[c]));
      __asm__ volatile("fsqrt" : "=t"(r[0]) : "0"(x));
      __asm__ volatile("frndint" : "=t"(r[1]) : "0"(x * 3.3L));
      __asm__ volatile("fsin" : "=t"(r[2]) : "0"(x));
      __asm__ volatile("fyl2x" : "=t"(r[3]) : "0"(x), "u"(1.5L) : "st(1)");
      __asm__ volatile("fpatan" : "=t"(r[4]) : "0"(x), "u"(2.0L) : "st(1)");
      __asm__ volatile("f2xm1" : "=t"(r[5]) : "0"(x / 4096));
      __asm__ volatile("fprem1" : "=t"(r[6]) : "0"(x), "u"(0.7L));
      __asm__ volatile("fscale" : "=t"(r[7]) : "0"(x), "u"(-3.0L));
      __asm__ volatile("fnstsw %0" : "=m"(sw));
      printf("x87 cw %03x x %Lg:", CW[c], x);
      for (int k = 0; k < 8; k++) {
        unsigned char b[10];
        memcpy(b, &r[k], 10);
        printf(" %02x%02x.%02x%02x%02x%02x%02x%02x%02x%02x", b[9], b[8], b[7], b[6], b[5], b[4], b[3], b[2], b[1], b[0]);
      }
      printf(" sw %04x\n", sw & 0x3f7f);
      __asm__ volatile("fnclex");
    }
  unsigned short cw = 0x37f;
  __asm__ volatile("fldcw %0" : : "m"(cw));
}

static void smc(void) {
  unsigned char *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  /* mov $imm, %eax; ret */
  static const unsigned char f[] = {0xb8, 1, 0, 0, 0, 0xc3};
  memcpy(code, f, sizeof f);
  int (*fn)(void) = (int (*)(void))code;
  int a = fn();
  code[1] = 42;
  int b = fn();
  /* patches the immediate of the instruction right after its own store, in the same TB:
     movb $99, 9(%ecx) (4 bytes: c6 41 09 63); nop * 3; mov $7, %eax (at +8: b8 07 ..); ret */
  static const unsigned char g[] = {0xc6, 0x41, 0x09, 0x63, 0x90, 0x90, 0x90, 0x90, 0xb8, 7, 0, 0, 0, 0xc3};
  memcpy(code + 64, g, sizeof g);
  int c, d;
  __asm__ volatile("call *%1" : "=a"(c) : "r"(code + 64), "c"(code + 64) : "memory");
  code[64 + 9] = 8;
  __asm__ volatile("call *%1" : "=a"(d) : "r"(code + 64), "c"(code + 64) : "memory");
  printf("smc: %d %d %d %d\n", a, b, c, d);
  munmap(code, 4096);
}

static sigjmp_buf jb;
static volatile int legacy_hits;
static void on_fault(int sig, siginfo_t *si, void *uc0) {
  ucontext_t *uc = uc0;
  printf("signal %d code %d addr %p trapno %d err %x\n", sig, si->si_code, si->si_addr, (int)uc->uc_mcontext.gregs[REG_TRAPNO],
         (unsigned)uc->uc_mcontext.gregs[REG_ERR]);
  /* clobber the FP state: sigreturn must bring the interrupted one back */
  __asm__ volatile("fninit; pxor %%xmm0, %%xmm0" : : : "xmm0");
  siglongjmp(jb, 1);
}
static void on_usr1(int sig) {
  legacy_hits += sig;
  __asm__ volatile("fninit; pcmpeqd %%xmm1, %%xmm1" : : : "xmm1");
}

int main(void);
static void signals(void) {
  static char alt[16384];
  stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt};
  sigaltstack(&ss, 0);
  struct sigaction sa = {0};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigaction(SIGSEGV, &sa, 0), sigaction(SIGFPE, &sa, 0), sigaction(SIGILL, &sa, 0), sigaction(SIGTRAP, &sa, 0);
  if (!sigsetjmp(jb, 1)) *(volatile int *)16 = 1;
  if (!sigsetjmp(jb, 1)) {
    volatile int z = 0;
    printf("%d\n", 5 / z);
  }
  if (!sigsetjmp(jb, 1)) __asm__ volatile("ud2");
  if (!sigsetjmp(jb, 1)) __asm__ volatile("int3");
  if (!sigsetjmp(jb, 1)) __asm__ volatile("int $0x40");
  if (!sigsetjmp(jb, 1)) *(volatile int *)(uintptr_t)main = 0; /* write to text */
  struct sigaction su = {0};
  su.sa_handler = on_usr1;
  sigaction(SIGUSR1, &su, 0);
  volatile double d = 1.25;
  __m128d keep = _mm_set1_pd(3.5);
  long double ld = 2.5L;
  __asm__ volatile("" : "+x"(keep));
  raise(SIGUSR1);
  __asm__ volatile("" : "+x"(keep));
  printf("after handler: hits %d d %g keep %g ld %Lg\n", legacy_hits, d, _mm_cvtsd_f64(keep), ld * 2);
}

int main(void) {
  setvbuf(stdout, 0, _IOFBF, 1 << 16);
  flags();
  strings();
  sse2();
  x87();
  fflush(stdout);
  smc();
  fflush(stdout);
  signals();
  return 0;
}
