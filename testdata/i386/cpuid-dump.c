/*
 * Prints CPUID for a range of leaves and subleaves, one "leaf subleaf: eax ebx ecx edx" line each, so
 * that test/i386/cpuid.test.ts can compare the CPU model (src/target/i386/cpu-model.ts) with what
 * qemu-i386 -cpu qemu32,-sse3 answers. Built at test time with i686-linux-gnu-gcc -O2 -static.
 */
#include <stdio.h>

static void dump(unsigned leaf, unsigned sub) {
  unsigned a, b, c, d;
  __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(sub));
  printf("%08x %x: %08x %08x %08x %08x\n", leaf, sub, a, b, c, d);
}

int main(void) {
  static const unsigned bases[] = {0, 0x40000000, 0x80000000, 0xc0000000};
  for (unsigned i = 0; i < sizeof bases / sizeof bases[0]; i++)
    for (unsigned leaf = bases[i]; leaf <= bases[i] + 0x24; leaf++)
      for (unsigned sub = 0; sub < 6; sub++) dump(leaf, sub);
  dump(0x7fffffff, 0);
  dump(0xffffffff, 0);
  return 0;
}
