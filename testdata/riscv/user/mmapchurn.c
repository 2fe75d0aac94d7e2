/*
 * Guest memory coming and going in one process: `mmapchurn N` runs N rounds of mmap of an anonymous
 * private region (64 KiB to 3.9 MiB, a different size each round), fills every byte of it, sums it
 * back, and munmaps it; every 10 rounds it also grows and shrinks the heap with brk. It prints
 * "round R" every 10 rounds and the checksum with "done" at the end; a failure prints what failed
 * and exits 1. test/linux-user/rss-mmap.test.ts runs it for ~10^8 (or, with TCIEMU_RSS_INSNS,
 * ~10^9) guest instructions and checks that the host's RSS stays flat (issue 17.6).
 */
#include "rt.h"

#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20

static long parse(const char *s) {
  long v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return v;
}

int main(int argc, char **argv) {
  long rounds = argc > 1 ? parse(argv[1]) : 100;
  unsigned long sum = 0;
  for (long r = 1; r <= rounds; r++) {
    unsigned long len = (unsigned long)((r * 7) % 61 + 1) << 16;
    unsigned long *p = rt_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ((long)p < 0 && (long)p > -4096) {
      rt_printf("mmap failed: %ld at round %ld\n", (long)p, r);
      return 1;
    }
    for (unsigned long i = 0; i < len / 8; i++) p[i] = i * 2654435761u + (unsigned long)r;
    for (unsigned long i = 0; i < len / 8; i += 3) sum += p[i];
    long e = rt_munmap(p, len);
    if (e) {
      rt_printf("munmap failed: %ld at round %ld\n", e, r);
      return 1;
    }
    if (r % 10 == 0) {
      char *b0 = (char *)rt_brk(0);
      char *b1 = (char *)rt_brk(b0 + (1 << 20));
      if (b1 != b0 + (1 << 20)) {
        rt_printf("brk failed at round %ld\n", r);
        return 1;
      }
      memset(b0, (int)r, 1 << 20);
      rt_brk(b0);
      rt_printf("round %ld\n", r);
    }
  }
  rt_printf("sum %lx\ndone\n", sum);
  return 0;
}
