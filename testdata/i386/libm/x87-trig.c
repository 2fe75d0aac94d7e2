/*
 * x87-trig: the x87 transcendental instructions that QEMU computes through the
 * host's libm (fsin, fcos, fptan, fsincos; target/i386/tcg/fpu_helper.c), run
 * on doubles read from stdin.  Freestanding i386 Linux program (int $0x80, no
 * libc), so it runs under qemu-i386 and, later, tciemu-i386 alike.
 *
 * Input: little-endian IEEE doubles, 8 bytes each, until EOF.
 * Output: one 48-byte record per input:
 *   double fsin(x), fcos(x), fptan(x) (the tangent, ST1 after fptan),
 *          fsincos(x) sine (ST1), fsincos(x) cosine (ST0),
 *   uint32 flags: bit 0..3 = C2 (argument out of range) after fsin, fcos,
 *          fptan, fsincos; when C2 is set the instruction left ST0 = x and
 *          pushed nothing, and x is what the record holds,
 *   uint32 zero.
 * Each x is loaded with fldl (exact) and each result stored with fstpl; the
 * results are doubles already (QEMU converts libm's double to floatx80), so
 * the store is exact.  Values stay in memory as integers between the asm
 * blocks: copying a double through the x87 stack would quieten SNaNs.
 *
 * Build: bash testdata/i386/libm/build.sh
 */

typedef unsigned int u32;
typedef unsigned long long u64;

static int sys3(int nr, int a, int b, int c) {
  int ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
  return ret;
}

#define SYS_exit_group 252
#define SYS_read 3
#define SYS_write 4

static void write_all(const char *p, int n) {
  while (n > 0) {
    int w = sys3(SYS_write, 1, (int)p, n);
    if (w <= 0) sys3(SYS_exit_group, 2, 0, 0);
    p += w;
    n -= w;
  }
}

/* C2 is bit 10 of the status word. */
#define C2 0x400

static u32 op_fsin(const u64 *x, u64 *r) {
  u32 sw;
  __asm__ volatile("fldl %2\n\tfsin\n\tfnstsw %%ax\n\tfstpl %0" : "=m"(*r), "=&a"(sw) : "m"(*x));
  return (sw & C2) != 0;
}

static u32 op_fcos(const u64 *x, u64 *r) {
  u32 sw;
  __asm__ volatile("fldl %2\n\tfcos\n\tfnstsw %%ax\n\tfstpl %0" : "=m"(*r), "=&a"(sw) : "m"(*x));
  return (sw & C2) != 0;
}

/* fptan pushes 1.0 above the tangent unless C2 is set. */
static u32 op_fptan(const u64 *x, u64 *r) {
  u32 sw;
  __asm__ volatile(
      "fldl %2\n\t"
      "fptan\n\t"
      "fnstsw %%ax\n\t"
      "testw $0x400, %%ax\n\t"
      "jnz 1f\n\t"
      "fstp %%st(0)\n"
      "1:\n\t"
      "fstpl %0"
      : "=m"(*r), "=&a"(sw)
      : "m"(*x));
  return (sw & C2) != 0;
}

/* fsincos leaves the cosine in ST0 and the sine in ST1 unless C2 is set. */
static u32 op_fsincos(const u64 *x, u64 *s, u64 *c) {
  u32 sw;
  __asm__ volatile(
      "fldl %3\n\t"
      "fsincos\n\t"
      "fnstsw %%ax\n\t"
      "testw $0x400, %%ax\n\t"
      "jnz 1f\n\t"
      "fstpl %1\n\t"
      "fstpl %0\n\t"
      "jmp 2f\n"
      "1:\n\t"
      "fstl %1\n\t"
      "fstpl %0\n"
      "2:"
      : "=m"(*s), "=m"(*c), "=&a"(sw)
      : "m"(*x));
  return (sw & C2) != 0;
}

#define BATCH 512

static u64 in[BATCH];
static u64 out[BATCH * 6];

int main(void) {
  int have = 0; /* bytes in in[] */
  for (;;) {
    int n = sys3(SYS_read, 0, (int)((char *)in + have), (int)sizeof in - have);
    if (n < 0) return 3;
    have += n;
    int count = have / 8;
    if (count == BATCH || (n == 0 && count > 0)) {
      for (int i = 0; i < count; i++) {
        u64 *o = &out[i * 6];
        u32 flags = op_fsin(&in[i], &o[0]);
        flags |= op_fcos(&in[i], &o[1]) << 1;
        flags |= op_fptan(&in[i], &o[2]) << 2;
        flags |= op_fsincos(&in[i], &o[3], &o[4]) << 3;
        o[5] = flags;
      }
      write_all((const char *)out, count * 48);
      int rest = have - count * 8;
      for (int i = 0; i < rest; i++) ((char *)in)[i] = ((char *)in)[count * 8 + i];
      have = rest;
    }
    if (n == 0) return have == 0 ? 0 : 4; /* a trailing partial double is an error */
  }
}

__asm__(
    ".globl _start\n"
    "_start:\n\t"
    "xorl %ebp, %ebp\n\t"
    "andl $-16, %esp\n\t"
    "call main\n\t"
    "movl %eax, %ebx\n\t"
    "movl $252, %eax\n\t"
    "int $0x80\n\t"
    "hlt\n");
