/*
 * A small glibc program for the disassembler test (test/i386/qemu-inasm.test.ts): run statically
 * linked under qemu-i386 -d in_asm, it translates over a thousand multi-instruction TBs of ordinary
 * compiler and libc code (x87 math, SSE2 string functions picked by glibc's ifuncs, printf).
 * Built at test time with i686-linux-gnu-gcc -O2 -static.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv) {
  char buf[256];
  int v[64];
  double x = 1.5;
  long long acc = 0;
  for (int i = 0; i < 10; i++) x = fabs(sin(x) * 3.0) + sqrt(x);
  for (int i = 0; i < 64; i++) v[i] = (i * 7919) % 101;
  qsort(v, 64, sizeof v[0], cmp);
  for (int i = 0; i < 64; i++) acc = acc * 31 + v[i];
  snprintf(buf, sizeof buf, "x=%.6f acc=%lld len=%zu", x, acc, strlen(argv[0]));
  memmove(buf + 1, buf, strlen(buf) + 1);
  buf[0] = '>';
  puts(buf);
  return argc > 1 ? atoi(argv[1]) : 0;
}
