/*
 * Host libm oracle for src/fpu/libm-glibc.ts: the machine's glibc sin, cos,
 * tan (and fma, for the exact-fma emulation), on doubles given as hex bit
 * patterns.  Built and run by tools/libm/oracle.ts.
 *
 *   oracle build          prints "fma" if glibc's IFUNC picks the FMA build
 *                         of sin/cos/tan on this CPU (FMA and AVX2 usable), else "sse2"
 *   oracle trig           stdin: one 16-digit hex double per line
 *                         stdout: "SIN COS TAN" as 16-digit hex per line
 *   oracle fma            stdin: "A B C" per line; stdout: fma(A, B, C)
 *
 * GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA,-AVX makes glibc pick its SSE2
 * build even on an FMA machine (the tunable is read before IFUNCs resolve).
 * The functions are called through volatile pointers so that gcc neither
 * folds nor inlines them: the results are the shared library's.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double (*volatile fsin)(double) = sin;
static double (*volatile fcos)(double) = cos;
static double (*volatile ftan)(double) = tan;
static double (*volatile ffma)(double, double, double) = fma;

static double from_hex(const char *s, char **end) {
  uint64_t u = strtoull(s, end, 16);
  double d;
  memcpy(&d, &u, 8);
  return d;
}

static unsigned long long bits(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return (unsigned long long)u;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  char line[256];
  if (strcmp(mode, "build") == 0) {
    __builtin_cpu_init();
    puts(__builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2") ? "fma" : "sse2");
    return 0;
  }
  if (strcmp(mode, "trig") == 0) {
    while (fgets(line, sizeof line, stdin)) {
      double x = from_hex(line, NULL);
      printf("%016llx %016llx %016llx\n", bits(fsin(x)), bits(fcos(x)), bits(ftan(x)));
    }
    return ferror(stdout) ? 1 : 0;
  }
  if (strcmp(mode, "fma") == 0) {
    while (fgets(line, sizeof line, stdin)) {
      char *p;
      double a = from_hex(line, &p);
      double b = from_hex(p, &p);
      double c = from_hex(p, &p);
      printf("%016llx\n", bits(ffma(a, b, c)));
    }
    return ferror(stdout) ? 1 : 0;
  }
  fprintf(stderr, "usage: oracle build|trig|fma\n");
  return 2;
}
