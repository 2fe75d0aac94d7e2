/*
 * VFPv4 operation runner for the tciemu softfloat tests (ARM rules: default
 * NaN, flush-to-zero with the input-denormal flag, alternative half
 * precision, fused multiply-add NaN order, conversions).
 *
 * Run under qemu-arm -cpu cortex-a15,neon=off,vfp-d32=off (VFPv4-D16):
 * reads fixed-size binary records from stdin, executes one VFP
 * instruction per record with FPSCR set from the record, and writes the
 * destination register and FPSCR afterwards.  `vfp-ops --list` prints the
 * operation names in op-code order.
 *
 * Input record, 12 x uint32: op, fpscr, a[2], b[2], c[2], 0...
 *   single precision: s2 = a[0], s4 = b[0], s0 = c[0] (destination, and the
 *   accumulator of the multiply-accumulate forms)
 *   double precision: d1 = a, d2 = b, d0 = c (also for the conversions from
 *   double to a single-precision register s0)
 * Output record, 4 x uint32: d0 (low, high word; s0 is the low word),
 *   FPSCR after the instruction, 0.
 *
 * Build: see build.sh (arm-linux-gnueabihf-gcc -static -O1, freestanding).
 */
#include <stddef.h>
#include <stdint.h>

typedef int ssize_t;
static ssize_t sys3(long n, long a, long b, long c) {
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r7 __asm__("r7") = n;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
  return (ssize_t)r0;
}
static ssize_t read(int fd, void *p, size_t n) { return sys3(3, fd, (long)p, (long)n); }
static ssize_t write(int fd, const void *p, size_t n) { return sys3(4, fd, (long)p, (long)n); }
static void _exit(int status) {
  for (;;) sys3(248, status, 0, 0);
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
__asm__(".globl _start\n_start:\n\tmov fp, #0\n\tldr r0, [sp]\n\tadd r1, sp, #4\n\tbic sp, sp, #7\n"
        "\tbl main\n\tmov r7, #248\n\tsvc #0\n");

static uint32_t in[12];
static uint32_t out[4];
static uint32_t A[2], B[2], C[2], RES[2];
static uint32_t fpscr_in, fpscr_out;

#define SP(name, insn)                                                                          \
  static void name(void) {                                                                      \
    __asm__ volatile("vmsr fpscr, %[f]\n\tvldr s0, [%[c]]\n\tvldr s2, [%[a]]\n\tvldr s4, [%[b]]\n\t" \
                     insn "\n\tvmrs %[fo], fpscr\n\tvstr s0, [%[r]]"                            \
                     : [fo] "=&r"(fpscr_out)                                                    \
                     : [f] "r"(fpscr_in), [a] "r"(A), [b] "r"(B), [c] "r"(C), [r] "r"(RES)      \
                     : "memory", "s0", "s1", "s2", "s3", "s4", "s5");                           \
  }
#define DP(name, insn)                                                                          \
  static void name(void) {                                                                      \
    __asm__ volatile("vmsr fpscr, %[f]\n\tvldr d0, [%[c]]\n\tvldr d1, [%[a]]\n\tvldr d2, [%[b]]\n\t" \
                     insn "\n\tvmrs %[fo], fpscr\n\tvstr d0, [%[r]]"                            \
                     : [fo] "=&r"(fpscr_out)                                                    \
                     : [f] "r"(fpscr_in), [a] "r"(A), [b] "r"(B), [c] "r"(C), [r] "r"(RES)      \
                     : "memory", "d0", "d1", "d2");                                             \
  }

/* Double-precision source, single-precision result. */
#define SD(name, insn)                                                                          \
  static void name(void) {                                                                      \
    __asm__ volatile("vmsr fpscr, %[f]\n\tvldr d1, [%[a]]\n\tvldr d2, [%[b]]\n\tvldr s0, [%[c]]\n\t" \
                     insn "\n\tvmrs %[fo], fpscr\n\tvstr s0, [%[r]]"                            \
                     : [fo] "=&r"(fpscr_out)                                                    \
                     : [f] "r"(fpscr_in), [a] "r"(A), [b] "r"(B), [c] "r"(C), [r] "r"(RES)      \
                     : "memory", "d0", "d1", "d2");                                             \
  }

SP(vadd_f32, "vadd.f32 s0, s2, s4")
SP(vsub_f32, "vsub.f32 s0, s2, s4")
SP(vmul_f32, "vmul.f32 s0, s2, s4")
SP(vdiv_f32, "vdiv.f32 s0, s2, s4")
SP(vsqrt_f32, "vsqrt.f32 s0, s2")
SP(vmla_f32, "vmla.f32 s0, s2, s4")
SP(vmls_f32, "vmls.f32 s0, s2, s4")
SP(vnmla_f32, "vnmla.f32 s0, s2, s4")
SP(vnmls_f32, "vnmls.f32 s0, s2, s4")
SP(vnmul_f32, "vnmul.f32 s0, s2, s4")
SP(vfma_f32, "vfma.f32 s0, s2, s4")
SP(vfms_f32, "vfms.f32 s0, s2, s4")
SP(vfnma_f32, "vfnma.f32 s0, s2, s4")
SP(vfnms_f32, "vfnms.f32 s0, s2, s4")
SP(vcmp_f32, "vcmp.f32 s2, s4")
SP(vcmpe_f32, "vcmpe.f32 s2, s4")
SP(vcmp0_f32, "vcmp.f32 s2, #0")
SP(vcmpe0_f32, "vcmpe.f32 s2, #0")
SP(vabs_f32, "vabs.f32 s0, s2")
SP(vneg_f32, "vneg.f32 s0, s2")
SP(vcvt_s32_f32, "vcvt.s32.f32 s0, s4")
SP(vcvtr_s32_f32, "vcvtr.s32.f32 s0, s4")
SP(vcvt_u32_f32, "vcvt.u32.f32 s0, s4")
SP(vcvtr_u32_f32, "vcvtr.u32.f32 s0, s4")
SP(vcvt_f32_s32, "vcvt.f32.s32 s0, s4")
SP(vcvt_f32_u32, "vcvt.f32.u32 s0, s4")
SP(vcvt_s32_f32_fix16, "vcvt.s32.f32 s0, s0, #16")
SP(vcvt_u32_f32_fix3, "vcvt.u32.f32 s0, s0, #3")
SP(vcvt_s16_f32_fix8, "vcvt.s16.f32 s0, s0, #8")
SP(vcvt_u16_f32_fix1, "vcvt.u16.f32 s0, s0, #1")
SP(vcvt_f32_s32_fix16, "vcvt.f32.s32 s0, s0, #16")
SP(vcvt_f32_u32_fix31, "vcvt.f32.u32 s0, s0, #31")
SP(vcvt_f32_s16_fix4, "vcvt.f32.s16 s0, s0, #4")
SP(vcvt_f32_u16_fix16, "vcvt.f32.u16 s0, s0, #16")
SP(vcvtb_f16_f32, "vcvtb.f16.f32 s0, s4")
SP(vcvtt_f16_f32, "vcvtt.f16.f32 s0, s4")
SP(vcvtb_f32_f16, "vcvtb.f32.f16 s0, s4")
SP(vcvtt_f32_f16, "vcvtt.f32.f16 s0, s4")
SD(vcvt_f32_f64, "vcvt.f32.f64 s0, d2")
SD(vcvt_s32_f64, "vcvt.s32.f64 s0, d2")
SD(vcvtr_s32_f64, "vcvtr.s32.f64 s0, d2")
SD(vcvt_u32_f64, "vcvt.u32.f64 s0, d2")
SD(vcvtr_u32_f64, "vcvtr.u32.f64 s0, d2")
DP(vadd_f64, "vadd.f64 d0, d1, d2")
DP(vsub_f64, "vsub.f64 d0, d1, d2")
DP(vmul_f64, "vmul.f64 d0, d1, d2")
DP(vdiv_f64, "vdiv.f64 d0, d1, d2")
DP(vsqrt_f64, "vsqrt.f64 d0, d1")
DP(vmla_f64, "vmla.f64 d0, d1, d2")
DP(vnmls_f64, "vnmls.f64 d0, d1, d2")
DP(vnmul_f64, "vnmul.f64 d0, d1, d2")
DP(vfma_f64, "vfma.f64 d0, d1, d2")
DP(vfms_f64, "vfms.f64 d0, d1, d2")
DP(vfnma_f64, "vfnma.f64 d0, d1, d2")
DP(vfnms_f64, "vfnms.f64 d0, d1, d2")
DP(vcmp_f64, "vcmp.f64 d1, d2")
DP(vcmpe_f64, "vcmpe.f64 d1, d2")
DP(vcvt_f64_f32, "vcvt.f64.f32 d0, s4")
DP(vcvt_f64_s32, "vcvt.f64.s32 d0, s4")
DP(vcvt_f64_u32, "vcvt.f64.u32 d0, s4")
DP(vcvt_s32_f64_fix20, "vcvt.s32.f64 d0, d0, #20")
DP(vcvt_f64_u32_fix7, "vcvt.f64.u32 d0, d0, #7")

struct op {
  const char *name;
  void (*fn)(void);
};
#define OP(f) {#f, f}
static const struct op ops[] = {
    OP(vadd_f32), OP(vsub_f32), OP(vmul_f32), OP(vdiv_f32), OP(vsqrt_f32), OP(vmla_f32), OP(vmls_f32),
    OP(vnmla_f32), OP(vnmls_f32), OP(vnmul_f32), OP(vfma_f32), OP(vfms_f32), OP(vfnma_f32), OP(vfnms_f32),
    OP(vcmp_f32), OP(vcmpe_f32), OP(vcmp0_f32), OP(vcmpe0_f32), OP(vabs_f32), OP(vneg_f32), OP(vcvt_s32_f32),
    OP(vcvtr_s32_f32), OP(vcvt_u32_f32), OP(vcvtr_u32_f32), OP(vcvt_f32_s32), OP(vcvt_f32_u32),
    OP(vcvt_s32_f32_fix16), OP(vcvt_u32_f32_fix3), OP(vcvt_s16_f32_fix8), OP(vcvt_u16_f32_fix1),
    OP(vcvt_f32_s32_fix16), OP(vcvt_f32_u32_fix31), OP(vcvt_f32_s16_fix4), OP(vcvt_f32_u16_fix16),
    OP(vcvtb_f16_f32), OP(vcvtt_f16_f32), OP(vcvtb_f32_f16), OP(vcvtt_f32_f16), OP(vcvt_f32_f64),
    OP(vcvt_s32_f64), OP(vcvtr_s32_f64), OP(vcvt_u32_f64), OP(vcvtr_u32_f64), OP(vadd_f64), OP(vsub_f64),
    OP(vmul_f64), OP(vdiv_f64), OP(vsqrt_f64), OP(vmla_f64), OP(vnmls_f64), OP(vnmul_f64), OP(vfma_f64),
    OP(vfms_f64), OP(vfnma_f64), OP(vfnms_f64), OP(vcmp_f64), OP(vcmpe_f64), OP(vcvt_f64_f32),
    OP(vcvt_f64_s32), OP(vcvt_f64_u32), OP(vcvt_s32_f64_fix20), OP(vcvt_f64_u32_fix7),
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
  static uint32_t obuf[4 * 512];
  size_t k = 0;
  while (readall(in, sizeof in)) {
    if (in[0] >= NOPS) _exit(2);
    fpscr_in = in[1];
    A[0] = in[2];
    A[1] = in[3];
    B[0] = in[4];
    B[1] = in[5];
    C[0] = in[6];
    C[1] = in[7];
    RES[0] = RES[1] = 0;
    ops[in[0]].fn();
    out[0] = RES[0];
    out[1] = RES[1];
    out[2] = fpscr_out;
    out[3] = 0;
    for (int i = 0; i < 4; i++) obuf[4 * k + i] = out[i];
    if (++k == 512) {
      writeall(obuf, sizeof obuf);
      k = 0;
    }
  }
  writeall(obuf, 16 * k);
  return 0;
}
