/*
 * x87 / SSE / SSE2 operation runner for the tciemu i386 FPU tests.
 *
 * Run under qemu-i386 (or tciemu-i386): reads fixed-size binary records from
 * stdin, executes one floating-point instruction (with a fixed prologue and
 * epilogue) per record and writes the raw machine state afterwards.
 * `fpu-ops --list` prints the operation names, one per line, in op-code
 * order, so the test never depends on a hand-kept numbering.
 *
 * Input record, 16 x uint32:
 *   op, ctrl, a[4], b[4], c[4], imm, 0
 *   x87 ops:  ctrl = control word, ST0 = a, ST1 = b, ST2 = c (80-bit values
 *             as significand low, high, sign/exponent); memory operands are
 *             taken from c's words
 *   SSE ops:  ctrl = MXCSR, xmm0 = a, xmm1 = b, memory operand = b,
 *             integer operand = c[0] (c[0..1] for MMX)
 * Output record, 20 x uint32:
 *   [0] control word, [1] status word, [2] tag word (all from fnsave after
 *   the operation), [3..14] ST0..ST3 (3 words each, from that fnsave),
 *   [15..17] memory result, [18] EFLAGS after the operation, [19] MXCSR.
 *   SSE ops put xmm0 in [3..6] and their integer / MMX result in [15..16].
 *
 * Build: see build.sh (i686-linux-gnu-gcc -static -O1, freestanding: no libc).
 */
#include <stddef.h>
#include <stdint.h>

/* Freestanding: our own start-up code, system calls and string functions. */
typedef int ssize_t;
static ssize_t sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
  return (ssize_t)r;
}
static ssize_t read(int fd, void *p, size_t n) { return sys3(3, fd, (long)p, (long)n); }
static ssize_t write(int fd, const void *p, size_t n) { return sys3(4, fd, (long)p, (long)n); }
static void _exit(int status) {
  for (;;) sys3(252, status, 0, 0);
}
void *memcpy(void *d, const void *s, size_t n) {
  uint8_t *dd = d;
  const uint8_t *ss = s;
  while (n--) *dd++ = *ss++;
  return d;
}
void *memset(void *d, int c, size_t n) {
  uint8_t *dd = d;
  while (n--) *dd++ = (uint8_t)c;
  return d;
}
static int strcmp(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (uint8_t)*a - (uint8_t)*b;
}
static size_t strlen(const char *a) {
  size_t n = 0;
  while (a[n]) n++;
  return n;
}
int main(int argc, char **argv);
__asm__(".globl _start\n_start:\n\txorl %ebp, %ebp\n\tmovl (%esp), %eax\n\tleal 4(%esp), %ecx\n"
        "\tandl $-16, %esp\n\tsubl $8, %esp\n\tpushl %ecx\n\tpushl %eax\n\tcall main\n"
        "\tmovl %eax, %ebx\n\tmovl $252, %eax\n\tint $0x80\n");

typedef struct __attribute__((packed)) {
  uint32_t lo, hi;
  uint16_t se;
} x80_t;

/* Globals (not static) because the inline assembly names them. */
static uint32_t in[16];
static uint32_t out[20];
x80_t A, B, C;
uint32_t M[4];          /* memory operand (c's words) */
uint32_t R[4];          /* memory result */
uint8_t save[108];      /* fnsave area */
uint16_t cw;
uint32_t mx;
uint32_t efl;
uint32_t X0[4] __attribute__((aligned(16))), X1[4] __attribute__((aligned(16)));  /* xmm0, xmm1 images */
uint8_t env[28];
static uint8_t fx[512 + 16];

#define LOAD3 "fninit\n\tfldcw cw\n\tfldt C\n\tfldt B\n\tfldt A\n\t"
#define SAVE "\n\tfnsave save"
#define X(name, body) static void name(void) { __asm__ volatile(LOAD3 body SAVE ::: "memory", "cc"); }
#define XF(name, body) \
  static void name(void) { __asm__ volatile(LOAD3 body "\n\tpushfl\n\tpopl efl" SAVE ::: "memory", "cc"); }

/* Register arithmetic, encoded as bytes to avoid the AT&T fsub/fsubr swap. */
X(x_fadd_st0_st1, ".byte 0xd8, 0xc1")
X(x_fmul_st0_st1, ".byte 0xd8, 0xc9")
X(x_fsub_st0_st1, ".byte 0xd8, 0xe1")
X(x_fsubr_st0_st1, ".byte 0xd8, 0xe9")
X(x_fdiv_st0_st1, ".byte 0xd8, 0xf1")
X(x_fdivr_st0_st1, ".byte 0xd8, 0xf9")
X(x_fadd_st1_st0, ".byte 0xdc, 0xc1")
X(x_fmul_st1_st0, ".byte 0xdc, 0xc9")
X(x_fsubr_st1_st0, ".byte 0xdc, 0xe1")
X(x_fsub_st1_st0, ".byte 0xdc, 0xe9")
X(x_fdivr_st1_st0, ".byte 0xdc, 0xf1")
X(x_fdiv_st1_st0, ".byte 0xdc, 0xf9")
X(x_faddp, ".byte 0xde, 0xc1")
X(x_fmulp, ".byte 0xde, 0xc9")
X(x_fsubrp, ".byte 0xde, 0xe1")
X(x_fsubp, ".byte 0xde, 0xe9")
X(x_fdivrp, ".byte 0xde, 0xf1")
X(x_fdivp, ".byte 0xde, 0xf9")
/* Memory-operand arithmetic (FT0 forms). */
X(x_fadds, "fadds M")
X(x_fmuls, "fmuls M")
X(x_fsubs, "fsubs M")
X(x_fsubrs, "fsubrs M")
X(x_fdivs, "fdivs M")
X(x_fdivrs, "fdivrs M")
X(x_faddl, "faddl M")
X(x_fsubl, "fsubl M")
X(x_fdivrl, "fdivrl M")
X(x_fiaddl, "fiaddl M")
X(x_fimull, "fimull M")
X(x_fidivl, "fidivl M")
X(x_fiadds, "fiadds M")
X(x_fisubrs, "fisubrs M")
/* Comparisons. */
X(x_fcom, ".byte 0xd8, 0xd1")
X(x_fcomp, ".byte 0xd8, 0xd9")
X(x_fcompp, ".byte 0xde, 0xd9")
X(x_fucom, ".byte 0xdd, 0xe1")
X(x_fucomp, ".byte 0xdd, 0xe9")
X(x_fucompp, ".byte 0xda, 0xe9")
XF(x_fcomi, ".byte 0xdb, 0xf1")
XF(x_fcomip, ".byte 0xdf, 0xf1")
XF(x_fucomi, ".byte 0xdb, 0xe9")
XF(x_fucomip, ".byte 0xdf, 0xe9")
X(x_fcoms, "fcoms M")
X(x_fcompl, "fcompl M")
X(x_ficoml, "ficoml M")
X(x_ftst, ".byte 0xd9, 0xe4")
X(x_fxam, ".byte 0xd9, 0xe5")
X(x_fxam_empty, "ffree %%st(0)\n\t.byte 0xd9, 0xe5")
/* Unary and transcendental. */
X(x_fchs, ".byte 0xd9, 0xe0")
X(x_fabs, ".byte 0xd9, 0xe1")
X(x_fsqrt, ".byte 0xd9, 0xfa")
X(x_frndint, ".byte 0xd9, 0xfc")
X(x_fscale, ".byte 0xd9, 0xfd")
X(x_fxtract, ".byte 0xd9, 0xf4")
X(x_fprem, ".byte 0xd9, 0xf8")
X(x_fprem1, ".byte 0xd9, 0xf5")
X(x_f2xm1, ".byte 0xd9, 0xf0")
X(x_fyl2x, ".byte 0xd9, 0xf1")
X(x_fyl2xp1, ".byte 0xd9, 0xf9")
X(x_fpatan, ".byte 0xd9, 0xf3")
X(x_fptan, ".byte 0xd9, 0xf2")
X(x_fsin, ".byte 0xd9, 0xfe")
X(x_fcos, ".byte 0xd9, 0xff")
X(x_fsincos, ".byte 0xd9, 0xfb")
/* Constants (pushed on a, b, c). */
X(x_fld1, ".byte 0xd9, 0xe8")
X(x_fldl2t, ".byte 0xd9, 0xe9")
X(x_fldl2e, ".byte 0xd9, 0xea")
X(x_fldpi, ".byte 0xd9, 0xeb")
X(x_fldlg2, ".byte 0xd9, 0xec")
X(x_fldln2, ".byte 0xd9, 0xed")
X(x_fldz, ".byte 0xd9, 0xee")
/* Stack manipulation. */
X(x_fxch, ".byte 0xd9, 0xc9")
X(x_fld_st1, ".byte 0xd9, 0xc1")
X(x_fst_st1, ".byte 0xdd, 0xd1")
X(x_fstp_st1, ".byte 0xdd, 0xd9")
X(x_ffree_st1, ".byte 0xdd, 0xc1")
X(x_fincstp, ".byte 0xd9, 0xf7")
X(x_fdecstp, ".byte 0xd9, 0xf6")
X(x_fnclex, "fdivs M\n\tfnclex")
/* Loads. */
X(x_flds, "flds M")
X(x_fldl, "fldl M")
X(x_fldt, "fldt M")
X(x_filds, "filds M")
X(x_fildl, "fildl M")
X(x_fildll, "fildll M")
X(x_fbld, "fbld M")
/* Stores (the memory result goes to R). */
X(x_fsts, "fsts R")
X(x_fstps, "fstps R")
X(x_fstl, "fstl R")
X(x_fstpt, "fstpt R")
X(x_fists, "fists R")
X(x_fistl, "fistl R")
X(x_fistpll, "fistpll R")
X(x_fisttps, "fisttps R")
X(x_fisttpl, "fisttpl R")
X(x_fisttpll, "fisttpll R")
X(x_fbstp, "fbstp R")
X(x_fnstsw, "fdivs M\n\tfnstsw R")
X(x_fnstcw, "fnstcw R")

/* fldcw of c[0] before an add, then fnstcw: precision and rounding from memory. */
X(x_fldcw_fadd, "fldcw M\n\t.byte 0xd8, 0xc1\n\tfnstcw R")

/* fldenv of an environment built from the record. */
static void x_fldenv(void) {
  memset(env, 0, sizeof env);
  memcpy(env, &in[1], 4);       /* control word */
  memcpy(env + 4, &in[2], 4);   /* status word */
  memcpy(env + 8, &in[3], 4);   /* tag word */
  __asm__ volatile(LOAD3 "fldenv env" SAVE ::: "memory", "cc");
}

/* frstor of a state built from the record: env as above, ST0 = b, ST1 = c, ST2..7 = a. */
static void x_frstor(void) {
  memset(save, 0, sizeof save);
  memcpy(save, &in[1], 4);
  memcpy(save + 4, &in[2], 4);
  memcpy(save + 8, &in[3], 4);
  memcpy(save + 28, &B, 10);
  memcpy(save + 38, &C, 10);
  for (int i = 2; i < 8; i++) memcpy(save + 28 + 10 * i, &A, 10);
  __asm__ volatile("frstor save" SAVE ::: "memory", "cc");
}

/*
 * fxsave: out[3..6] = xmm0 as saved, [7..9] = ST0 as saved, [10] = MXCSR
 * mask, [11] = the 4 bytes after ST0 (QEMU leaves them), [12..14] = the
 * FIP/FCS/FDP words, [15..16] = FCW FSW FTW FOP, [17] = MXCSR.
 */
static uint32_t fxo[20];
static void x_fxsave(void) {
  uint8_t *p = (uint8_t *)(((uintptr_t)fx + 15) & ~(uintptr_t)15);
  memset(p, 0xaa, 512);
  __asm__ volatile("ldmxcsr mx\n\tmovups X0, %%xmm0\n\t" LOAD3 "fxsave (%0)" SAVE ::"r"(p) : "memory", "cc", "xmm0");
  memcpy(&fxo[3], p + 160, 16);
  memcpy(&fxo[7], p + 32, 10);
  fxo[9] &= 0xffff;
  memcpy(&fxo[10], p + 28, 4);
  memcpy(&fxo[11], p + 42, 4);
  memcpy(&fxo[12], p + 8, 12);
  memcpy(&fxo[15], p, 8);
  memcpy(&fxo[17], p + 24, 4);
}

/*
 * fxrstor of an image built from the record: FCW = ctrl, FSW = a0, FTW = a1,
 * MXCSR = 0x1f80 | a2 & 0x3f, ST0 = b, xmm0 = c; out[15..17] = xmm0 words 0..2.
 */
static void x_fxrstor(void) {
  uint8_t *p = (uint8_t *)(((uintptr_t)fx + 15) & ~(uintptr_t)15);
  memset(p, 0, 512);
  memcpy(p, &in[1], 2);
  memcpy(p + 2, &in[2], 2);
  p[4] = (uint8_t)in[3];
  uint32_t m = 0x1f80 | (in[4] & 0x3f);
  memcpy(p + 24, &m, 4);
  memcpy(p + 32, &B, 10);
  memcpy(p + 160, &in[10], 16);
  __asm__ volatile("fxrstor (%0)\n\tmovups %%xmm0, X0\n\tstmxcsr mx" SAVE ::"r"(p) : "memory", "cc", "xmm0");
  memcpy(&fxo[15], X0, 12);
}

/* SSE: xmm0 = a, xmm1 = b, op, xmm0 out. */
#define S(name, body)                                                                   \
  static void name(void) {                                                              \
    __asm__ volatile("ldmxcsr mx\n\tmovups X0, %%xmm0\n\tmovups X1, %%xmm1\n\t" body   \
                     "\n\tpushfl\n\tpopl efl\n\tstmxcsr mx\n\tmovups %%xmm0, X0\n\tfnsave save" \
                     ::: "memory", "cc", "xmm0", "xmm1", "eax");                        \
  }

S(s_addps, "addps %%xmm1, %%xmm0")
S(s_subps, "subps %%xmm1, %%xmm0")
S(s_mulps, "mulps %%xmm1, %%xmm0")
S(s_divps, "divps %%xmm1, %%xmm0")
S(s_minps, "minps %%xmm1, %%xmm0")
S(s_maxps, "maxps %%xmm1, %%xmm0")
S(s_sqrtps, "sqrtps %%xmm1, %%xmm0")
S(s_addss, "addss %%xmm1, %%xmm0")
S(s_subss, "subss X1, %%xmm0")
S(s_mulss, "mulss %%xmm1, %%xmm0")
S(s_divss, "divss %%xmm1, %%xmm0")
S(s_minss, "minss %%xmm1, %%xmm0")
S(s_maxss, "maxss %%xmm1, %%xmm0")
S(s_sqrtss, "sqrtss %%xmm1, %%xmm0")
S(s_rcpss, "rcpss %%xmm1, %%xmm0")
S(s_rsqrtss, "rsqrtss %%xmm1, %%xmm0")
S(s_rcpps, "rcpps %%xmm1, %%xmm0")
S(s_rsqrtps, "rsqrtps %%xmm1, %%xmm0")
S(s_addpd, "addpd %%xmm1, %%xmm0")
S(s_subpd, "subpd %%xmm1, %%xmm0")
S(s_mulpd, "mulpd %%xmm1, %%xmm0")
S(s_divpd, "divpd X1, %%xmm0")
S(s_minpd, "minpd %%xmm1, %%xmm0")
S(s_maxpd, "maxpd %%xmm1, %%xmm0")
S(s_sqrtpd, "sqrtpd %%xmm1, %%xmm0")
S(s_addsd, "addsd %%xmm1, %%xmm0")
S(s_subsd, "subsd %%xmm1, %%xmm0")
S(s_mulsd, "mulsd X1, %%xmm0")
S(s_divsd, "divsd %%xmm1, %%xmm0")
S(s_minsd, "minsd %%xmm1, %%xmm0")
S(s_maxsd, "maxsd %%xmm1, %%xmm0")
S(s_sqrtsd, "sqrtsd %%xmm1, %%xmm0")
S(s_cmpps0, "cmpps $0, %%xmm1, %%xmm0")
S(s_cmpps1, "cmpps $1, %%xmm1, %%xmm0")
S(s_cmpps2, "cmpps $2, %%xmm1, %%xmm0")
S(s_cmpps3, "cmpps $3, %%xmm1, %%xmm0")
S(s_cmpps4, "cmpps $4, %%xmm1, %%xmm0")
S(s_cmpps5, "cmpps $5, %%xmm1, %%xmm0")
S(s_cmpps6, "cmpps $6, %%xmm1, %%xmm0")
S(s_cmpps7, "cmpps $7, %%xmm1, %%xmm0")
S(s_cmpss1, "cmpss $1, %%xmm1, %%xmm0")
S(s_cmpss6, "cmpss $6, %%xmm1, %%xmm0")
S(s_cmppd0, "cmppd $0, %%xmm1, %%xmm0")
S(s_cmppd2, "cmppd $2, %%xmm1, %%xmm0")
S(s_cmppd3, "cmppd $3, %%xmm1, %%xmm0")
S(s_cmppd5, "cmppd $5, %%xmm1, %%xmm0")
S(s_cmpsd0, "cmpsd $0, %%xmm1, %%xmm0")
S(s_cmpsd7, "cmpsd $7, %%xmm1, %%xmm0")
S(s_comiss, "comiss %%xmm1, %%xmm0")
S(s_ucomiss, "ucomiss %%xmm1, %%xmm0")
S(s_comisd, "comisd %%xmm1, %%xmm0")
S(s_ucomisd, "ucomisd %%xmm1, %%xmm0")
S(s_cvtps2pd, "cvtps2pd %%xmm1, %%xmm0")
S(s_cvtpd2ps, "cvtpd2ps %%xmm1, %%xmm0")
S(s_cvtss2sd, "cvtss2sd %%xmm1, %%xmm0")
S(s_cvtsd2ss, "cvtsd2ss %%xmm1, %%xmm0")
S(s_cvtdq2ps, "cvtdq2ps %%xmm1, %%xmm0")
S(s_cvtdq2pd, "cvtdq2pd %%xmm1, %%xmm0")
S(s_cvtps2dq, "cvtps2dq %%xmm1, %%xmm0")
S(s_cvttps2dq, "cvttps2dq %%xmm1, %%xmm0")
S(s_cvtpd2dq, "cvtpd2dq %%xmm1, %%xmm0")
S(s_cvttpd2dq, "cvttpd2dq %%xmm1, %%xmm0")
S(s_cvtsi2ss, "cvtsi2ssl M, %%xmm0")
S(s_cvtsi2sd, "cvtsi2sdl M, %%xmm0")
S(s_cvtss2si, "cvtss2si %%xmm1, %%eax\n\tmovl %%eax, R")
S(s_cvttss2si, "cvttss2si %%xmm1, %%eax\n\tmovl %%eax, R")
S(s_cvtsd2si, "cvtsd2si %%xmm1, %%eax\n\tmovl %%eax, R")
S(s_cvttsd2si, "cvttsd2si %%xmm1, %%eax\n\tmovl %%eax, R")
S(s_cvtpi2ps, "movq M, %%mm0\n\tcvtpi2ps %%mm0, %%xmm0\n\temms")
S(s_cvtpi2pd, "movq M, %%mm0\n\tcvtpi2pd %%mm0, %%xmm0\n\temms")
S(s_cvtps2pi, "cvtps2pi %%xmm1, %%mm0\n\tmovq %%mm0, R\n\temms")
S(s_cvttps2pi, "cvttps2pi %%xmm1, %%mm0\n\tmovq %%mm0, R\n\temms")
S(s_cvtpd2pi, "cvtpd2pi %%xmm1, %%mm0\n\tmovq %%mm0, R\n\temms")
S(s_cvttpd2pi, "cvttpd2pi %%xmm1, %%mm0\n\tmovq %%mm0, R\n\temms")
S(s_ldmxcsr_addss, "ldmxcsr M\n\taddss %%xmm1, %%xmm0")

struct op {
  const char *name;
  void (*fn)(void);
  int sse;
};

#define OP(f) {#f, f, 0}
#define SOP(f) {#f, f, 1}

static const struct op ops[] = {
    OP(x_fadd_st0_st1), OP(x_fmul_st0_st1), OP(x_fsub_st0_st1), OP(x_fsubr_st0_st1), OP(x_fdiv_st0_st1),
    OP(x_fdivr_st0_st1), OP(x_fadd_st1_st0), OP(x_fmul_st1_st0), OP(x_fsubr_st1_st0), OP(x_fsub_st1_st0),
    OP(x_fdivr_st1_st0), OP(x_fdiv_st1_st0), OP(x_faddp), OP(x_fmulp), OP(x_fsubrp), OP(x_fsubp), OP(x_fdivrp),
    OP(x_fdivp), OP(x_fadds), OP(x_fmuls), OP(x_fsubs), OP(x_fsubrs), OP(x_fdivs), OP(x_fdivrs), OP(x_faddl),
    OP(x_fsubl), OP(x_fdivrl), OP(x_fiaddl), OP(x_fimull), OP(x_fidivl), OP(x_fiadds), OP(x_fisubrs), OP(x_fcom),
    OP(x_fcomp), OP(x_fcompp), OP(x_fucom), OP(x_fucomp), OP(x_fucompp), OP(x_fcomi), OP(x_fcomip), OP(x_fucomi),
    OP(x_fucomip), OP(x_fcoms), OP(x_fcompl), OP(x_ficoml), OP(x_ftst), OP(x_fxam), OP(x_fxam_empty), OP(x_fchs),
    OP(x_fabs), OP(x_fsqrt), OP(x_frndint), OP(x_fscale), OP(x_fxtract), OP(x_fprem), OP(x_fprem1), OP(x_f2xm1),
    OP(x_fyl2x), OP(x_fyl2xp1), OP(x_fpatan), OP(x_fptan), OP(x_fsin), OP(x_fcos), OP(x_fsincos), OP(x_fld1),
    OP(x_fldl2t), OP(x_fldl2e), OP(x_fldpi), OP(x_fldlg2), OP(x_fldln2), OP(x_fldz), OP(x_fxch), OP(x_fld_st1),
    OP(x_fst_st1), OP(x_fstp_st1), OP(x_ffree_st1), OP(x_fincstp), OP(x_fdecstp), OP(x_fnclex), OP(x_flds),
    OP(x_fldl), OP(x_fldt), OP(x_filds), OP(x_fildl), OP(x_fildll), OP(x_fbld), OP(x_fsts), OP(x_fstps),
    OP(x_fstl), OP(x_fstpt), OP(x_fists), OP(x_fistl), OP(x_fistpll), OP(x_fisttps), OP(x_fisttpl),
    OP(x_fisttpll), OP(x_fbstp), OP(x_fnstsw), OP(x_fnstcw), OP(x_fldcw_fadd), OP(x_fldenv), OP(x_frstor),
    OP(x_fxsave), OP(x_fxrstor),
    SOP(s_addps), SOP(s_subps), SOP(s_mulps), SOP(s_divps), SOP(s_minps), SOP(s_maxps), SOP(s_sqrtps),
    SOP(s_addss), SOP(s_subss), SOP(s_mulss), SOP(s_divss), SOP(s_minss), SOP(s_maxss), SOP(s_sqrtss),
    SOP(s_rcpss), SOP(s_rsqrtss), SOP(s_rcpps), SOP(s_rsqrtps), SOP(s_addpd), SOP(s_subpd), SOP(s_mulpd),
    SOP(s_divpd), SOP(s_minpd), SOP(s_maxpd), SOP(s_sqrtpd), SOP(s_addsd), SOP(s_subsd), SOP(s_mulsd),
    SOP(s_divsd), SOP(s_minsd), SOP(s_maxsd), SOP(s_sqrtsd), SOP(s_cmpps0), SOP(s_cmpps1), SOP(s_cmpps2),
    SOP(s_cmpps3), SOP(s_cmpps4), SOP(s_cmpps5), SOP(s_cmpps6), SOP(s_cmpps7), SOP(s_cmpss1), SOP(s_cmpss6),
    SOP(s_cmppd0), SOP(s_cmppd2), SOP(s_cmppd3), SOP(s_cmppd5), SOP(s_cmpsd0), SOP(s_cmpsd7), SOP(s_comiss),
    SOP(s_ucomiss), SOP(s_comisd), SOP(s_ucomisd), SOP(s_cvtps2pd), SOP(s_cvtpd2ps), SOP(s_cvtss2sd),
    SOP(s_cvtsd2ss), SOP(s_cvtdq2ps), SOP(s_cvtdq2pd), SOP(s_cvtps2dq), SOP(s_cvttps2dq), SOP(s_cvtpd2dq),
    SOP(s_cvttpd2dq), SOP(s_cvtsi2ss), SOP(s_cvtsi2sd), SOP(s_cvtss2si), SOP(s_cvttss2si), SOP(s_cvtsd2si),
    SOP(s_cvttsd2si), SOP(s_cvtpi2ps), SOP(s_cvtpi2pd), SOP(s_cvtps2pi), SOP(s_cvttps2pi), SOP(s_cvtpd2pi),
    SOP(s_cvttpd2pi), SOP(s_ldmxcsr_addss),
};

#define NOPS (sizeof ops / sizeof ops[0])

static int readall(void *p, size_t n) {
  uint8_t *b = p;
  while (n > 0) {
    ssize_t r = read(0, b, n);
    if (r <= 0) return 0;
    b += r;
    n -= (size_t)r;
  }
  return 1;
}

static void writeall(const void *p, size_t n) {
  const uint8_t *b = p;
  while (n > 0) {
    ssize_t r = write(1, b, n);
    if (r <= 0) _exit(3);
    b += r;
    n -= (size_t)r;
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--list") == 0) {
    for (size_t i = 0; i < NOPS; i++) {
      writeall(ops[i].name, strlen(ops[i].name));
      writeall("\n", 1);
    }
    return 0;
  }
  static uint32_t obuf[20 * 256];
  size_t k = 0;
  while (readall(in, sizeof in)) {
    if (in[0] >= NOPS) _exit(2);
    const struct op *op = &ops[in[0]];
    memset(out, 0, sizeof out);
    memset(R, 0, sizeof R);
    memset(fxo, 0, sizeof fxo);
    efl = 0;
    cw = (uint16_t)in[1];
    mx = op->sse ? in[1] : 0x1f80;
    memcpy(&A, &in[2], 10);
    memcpy(&B, &in[6], 10);
    memcpy(&C, &in[10], 10);
    memcpy(M, &in[10], 16);
    memcpy(X0, &in[2], 16);
    memcpy(X1, &in[6], 16);
    op->fn();
    uint32_t cw32, sw32, tw32;
    memcpy(&cw32, save, 4);
    memcpy(&sw32, save + 4, 4);
    memcpy(&tw32, save + 8, 4);
    out[0] = cw32 & 0xffff;
    out[1] = sw32 & 0xffff;
    out[2] = tw32 & 0xffff;
    if (op->fn == x_fxsave || op->fn == x_fxrstor) {
      for (int i = 0; i < 4; i++) {
        memcpy(&out[3 + 3 * i], save + 28 + 10 * i, 10);
        out[5 + 3 * i] &= 0xffff;
      }
      if (op->fn == x_fxsave) memcpy(&out[3], &fxo[3], 15 * 4);
      else memcpy(&out[15], &fxo[15], 12);
    } else if (op->sse) {
      memcpy(&out[3], X0, 16);
      memcpy(&out[15], R, 12);
    } else {
      for (int i = 0; i < 4; i++) {
        memcpy(&out[3 + 3 * i], save + 28 + 10 * i, 10);
        out[5 + 3 * i] &= 0xffff;
      }
      memcpy(&out[15], R, 12);
    }
    out[18] = efl & 0x8d5;
    out[19] = mx;
    memcpy(&obuf[20 * k], out, sizeof out);
    if (++k == 256) {
      writeall(obuf, sizeof obuf);
      k = 0;
    }
  }
  writeall(obuf, 20 * 4 * k);
  return 0;
}
