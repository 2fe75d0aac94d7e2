/*
 * Random VMSAv7 page tables, short-descriptor and LPAE, translated by the CPU's own
 * address-translation operations (ATS1CPR/CPW/CUR/CUW into PAR), for checking tciemu's MMU walker
 * (src/target/arm/mmu.ts) against QEMU. Each round, with the MMU off, it builds tables in an arena
 * at 0x40400000, picks random SCTLR/TTBCR/TTBR/DACR/PRRR/NMRR values (keeping an identity mapping
 * of its own code and data valid), turns the MMU on, translates random addresses, turns the MMU off
 * and reports everything on the PL011:
 *   I <round>                      a new round: forget the previous tables
 *   W <addr> <value>               a 32-bit word written into a table (unwritten table words are 0)
 *   R <sctlr> <ttbcr> <ttbr0> <ttbr0hi> <ttbr1> <ttbr1hi> <dacr> <prrr> <nmrr>   as read back
 *   Q <va> <op> <par> <parhi>      op 0..3 = ATS1CPR, ATS1CPW, ATS1CUR, ATS1CUW
 *   E                              the end
 * Table pointers only ever point at zeroed, allocated tables, so the report is the whole input.
 */
typedef unsigned int u32;

#define UART ((volatile u32 *)0x09000000)
#define ARENA 0x40400000u
#define ARENA_END 0x40800000u
#define CODE_VA 0x40100000u
#define DATA_VA 0x40200000u
#define ROUNDS 400
#define QUERIES 10

static void putc(int c) { UART[0] = c; }
static void puts(const char *s) { while (*s) putc(*s++); }
static void hex(u32 v) {
  putc(' ');
  for (int i = 28; i >= 0; i -= 4) putc("0123456789abcdef"[(v >> i) & 15]);
}

static u32 seed = 0x2545f491;
static u32 rnd(void) {
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return seed;
}
static int chance(int percent) { return rnd() % 100 < (u32)percent; }

#define CP15_READ(crn, op1, crm, op2) ({ u32 _v; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v)::"memory"); _v; })
#define CP15_WRITE(crn, op1, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(v) : "memory")
static void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static void tlbiall(void) { CP15_WRITE(c8, 0, c7, 0, 0); dsb(); isb(); }
static void ttbr_write(int n, u32 lo, u32 hi) {
  if (n == 0) __asm__ volatile("mcrr p15, 0, %0, %1, c2" ::"r"(lo), "r"(hi) : "memory");
  else __asm__ volatile("mcrr p15, 1, %0, %1, c2" ::"r"(lo), "r"(hi) : "memory");
}
static void ttbr_read(int n, u32 *lo, u32 *hi) {
  if (n == 0) __asm__ volatile("mrrc p15, 0, %0, %1, c2" : "=r"(*lo), "=r"(*hi)::"memory");
  else __asm__ volatile("mrrc p15, 1, %0, %1, c2" : "=r"(*lo), "=r"(*hi)::"memory");
}

/* ---- the arena and traced table writes */
static u32 arena_next;
static u32 alloc_table(u32 size) {
  u32 a = (arena_next + size - 1) & ~(size - 1);
  if (a + size > ARENA_END) return 0;
  for (u32 i = 0; i < size; i += 4) *(volatile u32 *)(a + i) = 0;
  arena_next = a + size;
  return a;
}
static void wr(u32 addr, u32 v) {
  *(volatile u32 *)addr = v;
  putc('W');
  hex(addr);
  hex(v);
  putc('\n');
}
static u32 rd(u32 addr) { return *(volatile u32 *)addr; }

/* ---- short descriptors */
static u32 l1_0, l1_1, ttbcr_n;

static u32 l1_slot(u32 va) {
  u32 mask = ttbcr_n ? ~(0xffffffffu >> ttbcr_n) : 0;
  return (va & mask) ? l1_1 + ((va >> 20) << 2) : l1_0 + (((va >> 20) & (0xfffu >> ttbcr_n)) << 2);
}

static u32 random_short_l1(void) {
  u32 r = rnd(), k = rnd() % 100;
  if (k < 8) return r & ~3u;                                   /* fault */
  if (k < 50) {                                                /* page table */
    u32 l2 = alloc_table(1024);
    if (!l2) return 0;
    return l2 | (r & 0x3ec) | 1;                               /* domain, NS, PXN; SBZ bit 4 clear */
  }
  if (k < 88) return (r & ~3u & ~(1u << 18)) | (k < 78 ? 2 : 3); /* section (3: PXN) */
  return (r & ~3u) | (1u << 18) | 2;                           /* supersection */
}

static u32 random_short_l2(void) {
  u32 r = rnd(), k = rnd() % 100;
  if (k < 12) return r & ~3u;
  if (k < 35) return (r & ~3u) | 1; /* 64 KiB */
  return (r & ~3u) | 2 | (r & 1);   /* 4 KiB (bit 0: XN) */
}

static void short_round(u32 *vas, int nq) {
  ttbcr_n = rnd() % 3;
  l1_0 = alloc_table(16384);
  l1_1 = alloc_table(16384);
  /* Identity sections for the code (read-only) and data, domain 0, Normal WBWA. */
  wr(l1_slot(CODE_VA), CODE_VA | (1u << 15) | (3u << 10) | (1u << 12) | 0xc | 2);
  wr(l1_slot(DATA_VA), DATA_VA | (3u << 10) | (1u << 12) | 0xc | 2);
  for (int q = 0; q < nq; q++) {
    u32 va;
    do {
      va = q > 0 && chance(30) ? (vas[q - 1] & 0xfff00000u) | (rnd() & 0xfffff) : rnd();
    } while ((va >> 20) == (CODE_VA >> 20) || (va >> 20) == (DATA_VA >> 20));
    vas[q] = va;
    u32 s1 = l1_slot(va), d1 = rd(s1);
    if (d1 == 0) {
      d1 = random_short_l1();
      if (d1) wr(s1, d1);
    }
    if ((d1 & 3) == 1) {
      u32 s2 = (d1 & 0xfffffc00u) | ((va >> 10) & 0x3fc);
      if (rd(s2) == 0) wr(s2, random_short_l2());
    }
  }
  u32 ttbcr = ttbcr_n;
  if (chance(10)) ttbcr |= ttbcr_n == 2 ? (1u << 4) : (1u << 5); /* PD for the half without our code */
  u32 dacr = (rnd() & ~3u) | (chance(50) ? 1 : 3);
  ttbr_write(0, l1_0 | (rnd() & 0x7f), rnd() & 0xff0000);
  ttbr_write(1, l1_1 | (rnd() & 0x7f), rnd() & 0xff0000);
  CP15_WRITE(c2, 0, c0, 2, ttbcr);
  CP15_WRITE(c3, 0, c0, 0, dacr);
  CP15_WRITE(c10, 0, c2, 0, rnd());
  CP15_WRITE(c10, 0, c2, 1, rnd());
}

/* ---- long descriptors (LPAE) */
static u32 t0sz, t1sz;

/* A random 64-bit descriptor for `level` (1..3); tables get a fresh table. */
static void random_lpae(int level, u32 *lo, u32 *hi) {
  u32 r = rnd(), h = rnd(), k = rnd() % 100;
  u32 oa_hi = chance(25) ? (h & 0xff) : 0;
  *hi = (h & 0xfff00000u) | oa_hi; /* upper attributes + PA[39:32] */
  if (k < 8) { *lo = r & ~1u; return; }
  if (level < 3 && k < 68) {
    u32 t = alloc_table(4096);
    if (!t) { *lo = 0; *hi = 0; return; }
    *lo = t | 3;
    *hi = (h & 0xf8000000u); /* table attributes; address within 32 bits */
    return;
  }
  u32 attrs = r & 0xffc;
  if (chance(85)) attrs |= 1u << 10; /* AF */
  u32 bits = level == 1 ? 30 : level == 2 ? 21 : 12;
  u32 oa = bits >= 32 ? 0 : (r & ~((1u << bits) - 1));
  if (level == 3) *lo = oa | attrs | (chance(90) ? 3 : 1);
  else *lo = oa | attrs | 1;
}

/* The table slot for `va` at `level` in a walk starting at `table`, creating descriptors on the way. */
static void lpae_fill(u32 table, int level, int inputsize, u32 va) {
  for (;;) {
    int shift = 9 * (4 - level) + 3;
    u32 idxbits = level == 4 - (inputsize - 4) / 9 ? (u32)(inputsize - shift) : 9;
    u32 idx = (va >> shift) & ((1u << idxbits) - 1);
    u32 slot = table + idx * 8;
    u32 lo = rd(slot), hi = rd(slot + 4);
    if (lo == 0 && hi == 0) {
      random_lpae(level, &lo, &hi);
      if (lo || hi) { wr(slot, lo); wr(slot + 4, hi); }
    }
    if ((lo & 3) != 3 || level == 3 || (hi & 0xff)) return;
    table = lo & 0xfffff000u;
    level++;
  }
}

static u32 lpae_l1_0, lpae_l1_1;

static void lpae_round(u32 *vas, int nq) {
  t0sz = rnd() % 2;
  t1sz = rnd() % 8;
  lpae_l1_0 = alloc_table(4096);
  lpae_l1_1 = alloc_table(4096);
  /* Identity 2 MiB blocks for code (PL1 read-only) and data, AttrIndx 0, AF set. */
  u32 l2 = alloc_table(4096);
  wr(lpae_l1_0 + 8, l2 | 3);
  wr(lpae_l1_0 + 12, 0);
  wr(l2 + 0, 0x40000000u | (1u << 10) | (3u << 8) | (2u << 6) | 1);
  wr(l2 + 4, 0);
  wr(l2 + 8, 0x40200000u | (1u << 10) | (3u << 8) | 1);
  wr(l2 + 12, 0);
  int in1 = 32 - (int)t1sz;
  for (int q = 0; q < nq; q++) {
    u32 va;
    for (;;) {
      va = q > 0 && chance(30) ? (vas[q - 1] & 0xffe00000u) | (rnd() & 0x1fffff) : rnd();
      if ((va >> 21) != (CODE_VA >> 21) && (va >> 21) != (DATA_VA >> 21)) break;
    }
    vas[q] = va;
    int ttbr1 = t1sz == 0 ? va > (0xffffffffu >> t0sz) : va >= ~(0xffffffffu >> t1sz);
    if (!ttbr1) {
      if (t0sz && (va >> 31)) continue; /* the gap: nothing to build */
      lpae_fill(lpae_l1_0, 1, 32 - (int)t0sz, va);
    } else {
      if (in1 < 32 && (va >> in1) != (0xffffffffu >> in1)) continue;
      lpae_fill(lpae_l1_1, 4 - (in1 - 4) / 9, in1, va);
    }
  }
  u32 ttbcr = (1u << 31) | t0sz | (t1sz << 16) | (rnd() & 0x00403f00u);
  if (chance(8)) ttbcr |= 1u << 23; /* EPD1 */
  ttbr_write(0, lpae_l1_0, rnd() & 0x00ff0000);
  ttbr_write(1, lpae_l1_1, (rnd() & 0x00ff0000) | (chance(5) ? (rnd() & 0xff00) : 0));
  CP15_WRITE(c2, 0, c0, 2, ttbcr);
  CP15_WRITE(c3, 0, c0, 0, rnd());
  CP15_WRITE(c10, 0, c2, 0, rnd() | 0xff); /* MAIR0: AttrIndx 0 (our code and data) is Normal WB */
  CP15_WRITE(c10, 0, c2, 1, rnd());
}

/* ---- translate */
static u32 ats(u32 va, int op, u32 *hi) {
  switch (op) {
  case 0: CP15_WRITE(c7, 0, c8, 0, va); break;
  case 1: CP15_WRITE(c7, 0, c8, 1, va); break;
  case 2: CP15_WRITE(c7, 0, c8, 2, va); break;
  default: CP15_WRITE(c7, 0, c8, 3, va); break;
  }
  isb();
  u32 lo;
  __asm__ volatile("mrrc p15, 0, %0, %1, c7" : "=r"(lo), "=r"(*hi)::"memory");
  return lo;
}

static u32 vas[QUERIES], ops[QUERIES], parlo[QUERIES], parhi[QUERIES];

int main(void) {
  u32 sctlr0 = CP15_READ(c1, 0, c0, 0);
  puts("mmu-walk\n");
  for (int round = 0; round < ROUNDS; round++) {
    putc('I');
    hex(round);
    putc('\n');
    arena_next = ARENA;
    if (round % 2) lpae_round(vas, QUERIES);
    else short_round(vas, QUERIES);
    u32 sctlr = sctlr0 | 1;
    if (chance(40)) sctlr |= 1u << 29; /* AFE */
    if (chance(40)) sctlr |= 1u << 28; /* TRE */
    if (chance(25)) sctlr |= 1u << 19; /* WXN */
    if (chance(25)) sctlr |= 1u << 20; /* UWXN */
    for (int q = 0; q < QUERIES; q++) ops[q] = rnd() % 4;
    tlbiall();
    CP15_WRITE(c1, 0, c0, 0, sctlr);
    isb();
    for (int q = 0; q < QUERIES; q++) parlo[q] = ats(vas[q], ops[q], &parhi[q]);
    u32 sctlr_on = CP15_READ(c1, 0, c0, 0);
    CP15_WRITE(c1, 0, c0, 0, sctlr0);
    isb();
    tlbiall();
    u32 t0l, t0h, t1l, t1h;
    ttbr_read(0, &t0l, &t0h);
    ttbr_read(1, &t1l, &t1h);
    putc('R');
    hex(sctlr_on);
    hex(CP15_READ(c2, 0, c0, 2));
    hex(t0l);
    hex(t0h);
    hex(t1l);
    hex(t1h);
    hex(CP15_READ(c3, 0, c0, 0));
    hex(CP15_READ(c10, 0, c2, 0));
    hex(CP15_READ(c10, 0, c2, 1));
    putc('\n');
    for (int q = 0; q < QUERIES; q++) {
      putc('Q');
      hex(vas[q]);
      hex(ops[q]);
      hex(parlo[q]);
      hex(parhi[q]);
      putc('\n');
    }
  }
  puts("E\n");
  return 0;
}
