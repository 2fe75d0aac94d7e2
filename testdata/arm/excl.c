/* Exclusives and atomics (built -mthumb, with an A32 part): ldrex/strex of bytes, halfwords, words and
 * doublewords, strex failing after clrex or to another address, exclusive loops as gcc's __atomic builtins
 * write them, dmb/dsb/isb, the kuser helpers (version, get_tls after set_tls, cmpxchg, cmpxchg64, memory
 * barrier), and the A32-only swp/swpb. Prints every result. */
#include "rt.h"

static volatile uint32_t w = 0x11223344;
static volatile uint16_t hw = 0xbeef;
static volatile uint8_t by = 0x7f;
static volatile uint64_t dw = 0x0123456789abcdefull;
static volatile uint32_t other;

static void exclusives(void) {
  uint32_t v, st, v2;
  __asm__ volatile("ldrex %0, [%2]\n\tadd %0, %0, #1\n\tstrex %1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(&w) : "memory");
  rt_printf("ldrex/strex word: %08x status %u mem %08x\n", v, st, w);
  __asm__ volatile("ldrexh %0, [%2]\n\teor %0, %0, #0xff\n\tstrexh %1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(&hw) : "memory");
  rt_printf("ldrexh/strexh: %08x status %u mem %04x\n", v, st, hw);
  __asm__ volatile("ldrexb %0, [%2]\n\tadd %0, %0, #1\n\tstrexb %1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(&by) : "memory");
  rt_printf("ldrexb/strexb: %08x status %u mem %02x\n", v, st, by);
  {
    register uint32_t lo __asm__("r4"), hi __asm__("r5");
    __asm__ volatile("ldrexd %0, %1, [%3]\n\tadds %0, %0, #1\n\tadc %1, %1, #0\n\tstrexd %2, %0, %1, [%3]"
                     : "=&r"(lo), "=&r"(hi), "=&r"(st)
                     : "r"(&dw)
                     : "memory", "cc");
    rt_printf("ldrexd/strexd: %08x%08x status %u mem %08x%08x\n", hi, lo, st, (uint32_t)(dw >> 32), (uint32_t)dw);
  }
  /* clrex between the load and the store: the store fails and memory keeps its value */
  __asm__ volatile("ldrex %0, [%2]\n\tclrex\n\tstrex %1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(&w) : "memory");
  rt_printf("clrex then strex: status %u mem %08x\n", st, w);
  /* strex with no ldrex before it */
  __asm__ volatile("clrex\n\tmov %0, #5\n\tstrex %1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(&w) : "memory");
  rt_printf("strex without ldrex: status %u mem %08x\n", st, w);
  /* the monitor is on another address */
  __asm__ volatile("ldrex %0, [%3]\n\tmov %2, #9\n\tstrex %1, %2, [%4]"
                   : "=&r"(v), "=&r"(st), "=&r"(v2)
                   : "r"(&w), "r"(&other)
                   : "memory");
  rt_printf("strex to another address: status %u mem %08x %08x\n", st, w, other);
  /* a plain store between the load and the store does not clear the monitor in user mode emulation; the
   * exclusive store compares the value (QEMU's cmpxchg): an unchanged value succeeds */
  __asm__ volatile("ldrex %0, [%3]\n\tstr %0, [%3]\n\tadd %2, %0, #2\n\tstrex %1, %2, [%3]"
                   : "=&r"(v), "=&r"(st), "=&r"(v2)
                   : "r"(&w)
                   : "memory");
  rt_printf("ldrex, str same value, strex: status %u mem %08x\n", st, w);
  /* a narrower strex after a word ldrex (UNPREDICTABLE): QEMU stores when the byte matches the loaded word's
   * low byte but reports failure, since its status compares all 32 bits */
  w = 0x11223344;
  __asm__ volatile("ldrex %0, [%3]\n\tmov %2, #0x55\n\tstrexb %1, %2, [%3]"
                   : "=&r"(v), "=&r"(st), "=&r"(v2)
                   : "r"(&w)
                   : "memory");
  rt_printf("ldrex then strexb: status %u mem %08x\n", st, w);
  w = 0x44;
  __asm__ volatile("ldrex %0, [%3]\n\tmov %2, #0x66\n\tstrexb %1, %2, [%3]"
                   : "=&r"(v), "=&r"(st), "=&r"(v2)
                   : "r"(&w)
                   : "memory");
  rt_printf("ldrex then strexb, small word: status %u mem %08x\n", st, w);
  __asm__ volatile("dmb ish\n\tdsb sy\n\tisb\n\tdmb ishst\n\tdsb st" ::: "memory");
  rt_printf("barriers ok\n");
}

static void builtins(void) {
  static uint32_t counter;
  static uint64_t big = 0xfffffffffffffff0ull;
  uint32_t sum = 0;
  for (uint32_t i = 0; i < 100; i++) sum += __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
  rt_printf("fetch_add: counter %u sum %u\n", counter, sum);
  uint32_t expected = 4950;
  int ok = __atomic_compare_exchange_n(&counter, &expected, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  rt_printf("cas hit: %d counter %u expected %u\n", ok, counter, expected);
  expected = 8;
  ok = __atomic_compare_exchange_n(&counter, &expected, 9, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
  rt_printf("cas miss: %d counter %u expected %u\n", ok, counter, expected);
  uint32_t old = __atomic_exchange_n(&counter, 0xdead, __ATOMIC_SEQ_CST);
  rt_printf("xchg: old %u counter %x\n", old, counter);
  old = __atomic_fetch_or(&counter, 0x10000, __ATOMIC_RELEASE) ^ __atomic_fetch_and(&counter, 0xff00ff, __ATOMIC_RELAXED);
  rt_printf("or/and: %x counter %x\n", old, counter);
  uint64_t o64 = __atomic_fetch_add(&big, 0x20, __ATOMIC_SEQ_CST);
  rt_printf("fetch_add64: old %08x%08x now %08x%08x\n", (uint32_t)(o64 >> 32), (uint32_t)o64, (uint32_t)(big >> 32), (uint32_t)big);
}

static void kuser(void) {
  rt_printf("kuser_helper_version %d\n", KUSER_HELPER_VERSION);
  long r = rt_syscall(SYS_set_tls, 0x12345670, 0, 0, 0, 0, 0);
  rt_printf("set_tls %ld get_tls %p\n", r, kuser_get_tls());
  uint32_t tp;
  __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
  rt_printf("TPIDRURO %08x\n", tp);
  static volatile int cell = 5;
  int rc = kuser_cmpxchg(5, 6, &cell);
  rt_printf("cmpxchg 5->6: rc %d cell %d\n", rc, cell);
  rc = kuser_cmpxchg(5, 7, &cell);
  rt_printf("cmpxchg 5->7: rc %s cell %d\n", rc ? "nonzero" : "0", cell);
  static volatile long long cell64 = 0x100000000ll;
  long long o = 0x100000000ll, n = 0x2ffffffffll;
  rc = kuser_cmpxchg64(&o, &n, &cell64);
  rt_printf("cmpxchg64 hit: rc %d cell %08x%08x\n", rc, (uint32_t)(cell64 >> 32), (uint32_t)cell64);
  rc = kuser_cmpxchg64(&o, &n, &cell64);
  rt_printf("cmpxchg64 miss: rc %s cell %08x%08x\n", rc ? "nonzero" : "0", (uint32_t)(cell64 >> 32), (uint32_t)cell64);
  kuser_dmb();
  rt_printf("kuser_memory_barrier ok\n");
}

__attribute__((target("arm"), noinline)) static void swp(void) {
  static volatile uint32_t cell = 0xaaaa5555;
  static volatile uint8_t cellb = 0x42;
  /* swp r0, r1, [r2]; swpb r3, r4, [r5] as words (gas warns that they are deprecated) */
  register uint32_t old __asm__("r0"), oldb __asm__("r3");
  register uint32_t v __asm__("r1") = 0x600d, vb __asm__("r4") = 0x1ff;
  register volatile void *p __asm__("r2") = &cell, *pb __asm__("r5") = &cellb;
  __asm__ volatile(".inst 0xe1020091\n\t.inst 0xe1453094" : "=&r"(old), "=&r"(oldb) : "r"(v), "r"(p), "r"(vb), "r"(pb) : "memory");
  rt_printf("swp: old %08x mem %08x; swpb: old %02x mem %02x\n", old, cell, oldb, cellb);
}

int main(void) {
  exclusives();
  builtins();
  kuser();
  swp();
  rt_printf("done\n");
  return 0;
}
