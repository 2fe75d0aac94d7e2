/*
 * tciemu's built-in demo (`npm start`): a freestanding RV64GC Linux program
 * that shows off the emulator and exercises the CPU: double-precision
 * Mandelbrot, fixed-point Julia set, prime sieve, CRC32, N-queens,
 * 64/128-bit integer arithmetic, atomics, sorting, and floating point.
 * Output is deterministic; exit status 0 when every self-check passes.
 */
#include "rt.h"

static int failures;

static void check(const char *what, int ok) {
  if (!ok) {
    rt_printf("  ** self-check failed: %s\n", what);
    failures++;
  }
}

/* print a non-negative double with `digits` decimals (no libm, no %f) */
static void print_fixed(double v, int digits) {
  int neg = v < 0;
  if (neg) v = -v;
  unsigned long scale = 1;
  for (int i = 0; i < digits; i++) scale *= 10;
  unsigned long whole = (unsigned long)v;
  unsigned long frac = (unsigned long)((v - (double)whole) * (double)scale + 0.5);
  if (frac >= scale) whole++, frac -= scale;
  rt_printf("%s%lu.%0*lu", neg ? "-" : "", whole, digits, frac);
}

/* ---------------------------------------------------------------- mandelbrot */
#define MW 72
#define MH 24
static void mandelbrot(void) {
  static const char shades[] = " .:-=+*#%@";
  unsigned long total_iter = 0;
  rt_printf("[mandelbrot] %dx%d, double precision, up to 500 iterations\n", MW, MH);
  for (int y = 0; y < MH; y++) {
    char line[MW + 2];
    double ci = -1.2 + 2.4 * y / (MH - 1);
    for (int x = 0; x < MW; x++) {
      double cr = -2.2 + 3.0 * x / (MW - 1);
      double zr = 0, zi = 0;
      int it = 0;
      while (it < 500 && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        it++;
      }
      total_iter += (unsigned long)it;
      line[x] = it >= 500 ? '@' : shades[it % 9];
    }
    line[MW] = '\n';
    rt_write_all(1, line, MW + 1);
  }
  rt_printf("[mandelbrot] total iterations %lu\n", total_iter);
}

/* ------------------------------------------------- julia (fixed point, RV64M) */
static void julia(void) {
  /* Q4.28 fixed point, c = -0.8 + 0.156i */
  const long one = 1L << 28;
  const long cr = -(one * 8) / 10, ci = (one * 156) / 1000;
  unsigned long hist[8] = {0};
  unsigned long hash = 1469598103934665603ul;
  for (int y = 0; y < 120; y++) {
    for (int x = 0; x < 160; x++) {
      long zr = (long)(x - 80) * (3 * one / 160);
      long zi = (long)(y - 60) * (2 * one / 120);
      int it = 0;
      while (it < 256) {
        long zr2 = (zr * zr) >> 28, zi2 = (zi * zi) >> 28;
        if (zr2 + zi2 > 4 * one) break;
        zi = ((2 * zr * zi) >> 28) + ci;
        zr = zr2 - zi2 + cr;
        it++;
      }
      hist[it >> 5]++;
      hash = (hash ^ (unsigned long)it) * 1099511628211ul;
    }
  }
  rt_printf("[julia] 160x120 Q4.28 fixed point, c=-0.8+0.156i, hash %016lx\n", hash);
  rt_printf("[julia] histogram:");
  for (int i = 0; i < 8; i++) rt_printf(" %lu", hist[i]);
  rt_printf("\n");
}

/* --------------------------------------------------------------------- sieve */
#define SIEVE_N 2000000
static uint64_t sieve_bits[SIEVE_N / 128 + 1]; /* odd numbers only */
static void sieve(void) {
  for (unsigned long i = 3; i * i < SIEVE_N; i += 2) {
    if (sieve_bits[i >> 7] & (1ul << ((i >> 1) & 63))) continue;
    for (unsigned long j = i * i; j < SIEVE_N; j += 2 * i) sieve_bits[j >> 7] |= 1ul << ((j >> 1) & 63);
  }
  unsigned long count = 1, last = 2; /* 2 */
  for (unsigned long i = 3; i < SIEVE_N; i += 2)
    if (!(sieve_bits[i >> 7] & (1ul << ((i >> 1) & 63)))) count++, last = i;
  rt_printf("[sieve] primes below %d: %lu (largest %lu)\n", SIEVE_N, count, last);
  check("prime count", count == 148933 && last == 1999993);
}

/* --------------------------------------------------------------------- crc32 */
static uint32_t crc_table[256];
static uint8_t crc_buf[1 << 18];
static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}
static void crc(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
  uint32_t check_value = crc32((const uint8_t *)"123456789", 9);
  check("crc32 check value", check_value == 0xcbf43926u);
  uint64_t s = 0x9e3779b97f4a7c15ull; /* xorshift64* */
  rt_printf("[crc32] check(\"123456789\") = %08x; 256 KiB blocks of xorshift64* data:", check_value);
  for (int round = 0; round < 4; round++) {
    for (size_t i = 0; i < sizeof crc_buf; i += 8) {
      s ^= s >> 12;
      s ^= s << 25;
      s ^= s >> 27;
      uint64_t v = s * 0x2545f4914f6cdd1dull;
      memcpy(crc_buf + i, &v, 8);
    }
    rt_printf(" %08x", crc32(crc_buf, sizeof crc_buf));
  }
  rt_printf("\n");
}

/* -------------------------------------------------------------------- queens */
static unsigned long queens(int n, unsigned cols, unsigned d1, unsigned d2, int row) {
  if (row == n) return 1;
  unsigned long count = 0;
  unsigned avail = ~(cols | d1 | d2) & ((1u << n) - 1);
  while (avail) {
    unsigned bit = avail & -avail;
    avail ^= bit;
    count += queens(n, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1, row + 1);
  }
  return count;
}
static void nqueens(void) {
  static const unsigned long expect[] = {0, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680};
  rt_printf("[queens]");
  for (int n = 4; n <= 11; n++) {
    unsigned long c = queens(n, 0, 0, 0, 0);
    rt_printf(" %d:%lu", n, c);
    check("n-queens", c == expect[n]);
  }
  rt_printf("\n");
}

/* ------------------------------------------------------- integer arithmetic */
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((unsigned __int128)a * b % m); }
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}
static int is_prime_mr(uint64_t n) {
  static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  if (n < 2) return 0;
  for (int i = 0; i < 12; i++)
    if (n % bases[i] == 0) return n == bases[i];
  uint64_t d = n - 1;
  int s = 0;
  while (!(d & 1)) d >>= 1, s++;
  for (int i = 0; i < 12; i++) {
    uint64_t x = powmod(bases[i], d, n);
    if (x == 1 || x == n - 1) continue;
    int comp = 1;
    for (int r = 1; r < s && comp; r++) {
      x = mulmod(x, x, n);
      if (x == n - 1) comp = 0;
    }
    if (comp) return 0;
  }
  return 1;
}
static void integers(void) {
  uint64_t n = 600851475143ull, f = 2;
  rt_printf("[factor] 600851475143 =");
  while (n > 1) {
    if (n % f == 0) {
      rt_printf(" %lu", (unsigned long)f);
      n /= f;
    } else {
      f++;
    }
  }
  rt_printf("\n");
  uint64_t m61 = (1ull << 61) - 1;
  int p61 = is_prime_mr(m61), p62 = is_prime_mr((1ull << 62) - 1);
  unsigned long count = 0;
  for (uint64_t k = 1000000000000000000ull; k < 1000000000000000000ull + 2000; k++) count += (unsigned long)is_prime_mr(k);
  rt_printf("[miller-rabin] 2^61-1 prime=%d, 2^62-1 prime=%d, primes in [1e18, 1e18+2000): %lu\n", p61, p62, count);
  check("mersenne 61", p61 == 1 && p62 == 0);
  /* 64-bit signed/unsigned division corner cases */
  volatile long a = (long)0x8000000000000000ull, b = -1, z = 0;
  rt_printf("[div] INT64_MIN/-1=%lx INT64_MIN%%-1=%ld 7/0=%lx 7%%0=%ld\n", (unsigned long)(a / b), a % b,
            (unsigned long)(7 / z), 7 % z);
}

/* ------------------------------------------------------------------ atomics */
static void atomics(void) {
  static long counter;
  static int flag;
  unsigned long cas_ok = 0;
  for (int i = 0; i < 10000; i++) {
    __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
    long expected = __atomic_load_n(&counter, __ATOMIC_RELAXED);
    if (__atomic_compare_exchange_n(&counter, &expected, expected ^ 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) cas_ok++;
    __atomic_fetch_xor(&flag, i * 40503, __ATOMIC_RELAXED);
  }
  int old = __atomic_exchange_n(&flag, 42, __ATOMIC_SEQ_CST);
  rt_printf("[atomics] amoadd sum %ld, lr/sc cas successes %lu, amoxor %d, amoswap -> %d\n", counter, cas_ok, old,
            flag);
}

/* ------------------------------------------------------------------- sorting */
#define NSORT 60000
static uint32_t sort_a[NSORT];
static void heap_sift(uint32_t *a, long start, long end) {
  long root = start;
  while (2 * root + 1 <= end) {
    long child = 2 * root + 1, sw = root;
    if (a[sw] < a[child]) sw = child;
    if (child + 1 <= end && a[sw] < a[child + 1]) sw = child + 1;
    if (sw == root) return;
    uint32_t t = a[root];
    a[root] = a[sw];
    a[sw] = t;
    root = sw;
  }
}
static void sorting(void) {
  uint32_t x = 2463534242u;
  for (int i = 0; i < NSORT; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    sort_a[i] = x % 1000000;
  }
  for (long s = (NSORT - 2) / 2; s >= 0; s--) heap_sift(sort_a, s, NSORT - 1);
  for (long e = NSORT - 1; e > 0; e--) {
    uint32_t t = sort_a[0];
    sort_a[0] = sort_a[e];
    sort_a[e] = t;
    heap_sift(sort_a, 0, e - 1);
  }
  int sorted = 1;
  uint64_t sum = 0;
  for (int i = 0; i < NSORT; i++) {
    if (i && sort_a[i - 1] > sort_a[i]) sorted = 0;
    sum = sum * 31 + sort_a[i];
  }
  rt_printf("[heapsort] %d xorshift32 keys: sorted=%d min=%u median=%u max=%u hash=%016lx\n", NSORT, sorted,
            sort_a[0], sort_a[NSORT / 2], sort_a[NSORT - 1], (unsigned long)sum);
  check("heapsort", sorted);
}

/* ------------------------------------------------------------ floating point */
static double atan_inv(int x) { /* arctan(1/x) by its Taylor series */
  double x2 = (double)x * x, term = 1.0 / x, sum = term;
  for (int k = 1; k < 40; k++) {
    term /= -x2;
    sum += term / (2 * k + 1);
  }
  return sum;
}
static void floats(void) {
  double pi = 4.0 * (4.0 * atan_inv(5) - atan_inv(239)); /* Machin */
  double s2 = __builtin_sqrt(2.0);
  double e = 1, t = 1;
  for (int k = 1; k < 20; k++) e += (t /= k);
  float h = 0;
  for (int k = 1; k <= 100000; k++) h += 1.0f / (float)k; /* float harmonic sum */
  double hd = 0;
  for (int k = 1; k <= 100000; k++) hd += 1.0 / k;
  rt_printf("[float] pi=");
  print_fixed(pi, 14);
  rt_printf(" sqrt2=");
  print_fixed(s2, 14);
  rt_printf(" e=");
  print_fixed(e, 14);
  rt_printf("\n[float] H(100000): single ");
  print_fixed(h, 6);
  rt_printf(", double ");
  print_fixed(hd, 12);
  union { double d; uint64_t u; } pu = {pi};
  union { float f; uint32_t u; } hu = {h};
  rt_printf("\n[float] bits pi=%016lx H32=%08x\n", (unsigned long)pu.u, hu.u);
  double err = pi - 3.141592653589793;
  check("pi", err < 1e-14 && err > -1e-14);
}

int main(int argc, char **argv) {
  rt_printf("tciemu demo: a RISC-V RV64GC program running in Linux user mode\n");
  if (argc > 1) {
    rt_printf("arguments:");
    for (int i = 1; i < argc; i++) rt_printf(" %s", argv[i]);
    rt_printf("\n");
  }
  mandelbrot();
  julia();
  sieve();
  crc();
  nqueens();
  integers();
  atomics();
  sorting();
  floats();
  if (failures) {
    rt_printf("demo: %d self-check(s) FAILED\n", failures);
    return 1;
  }
  rt_printf("demo: all self-checks passed\n");
  return 0;
}
