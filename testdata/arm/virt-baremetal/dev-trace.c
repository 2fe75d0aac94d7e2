/*
 * Random register traffic to the ARM virt board's interrupt controller (GICv2 distributor and CPU
 * interface, GICv2m) and to the PL011 and PL031 registers that do not depend on the wall clock,
 * for checking tciemu's device models against QEMU: every access is reported on the PL011
 *   R <addr> <size> <value>   a read and what it returned
 *   W <addr> <size> <value>   a write
 *   E                         the end
 * and the checker replays the writes (and this program's own output, which goes through the same
 * UART: its transmit interrupt is part of the state) and compares every read. Accesses are aligned
 * to their size; most go to the registers Linux uses, with values that make interrupts flow
 * (enables, priorities, pending bits, SGIs, acknowledge and end-of-interrupt), some are random.
 * Interrupts stay masked in CPSR: only the registers' view of the state is checked.
 */
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define UART 0x09000000u
#define RTC 0x09010000u
#define GICD 0x08000000u
#define GICC 0x08010000u
#define V2M 0x08020000u
#define STEPS 30000

static void putc(int c) { *(volatile u32 *)UART = c; }
static void hex(u32 v) {
  putc(' ');
  for (int i = 28; i >= 0; i -= 4) putc("0123456789abcdef"[(v >> i) & 15]);
}

static u32 seed = 0x9e3779b9;
static u32 rnd(void) {
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return seed;
}

static u32 rd(u32 addr, int size) {
  u32 v = size == 1 ? *(volatile u8 *)addr : size == 2 ? *(volatile u16 *)addr : *(volatile u32 *)addr;
  putc('R');
  hex(addr);
  hex(size);
  hex(v);
  putc('\n');
  return v;
}

static void wr(u32 addr, int size, u32 v) {
  if (size == 1) *(volatile u8 *)addr = v;
  else if (size == 2) *(volatile u16 *)addr = v;
  else *(volatile u32 *)addr = v;
  putc('W');
  hex(addr);
  hex(size);
  hex(v);
  putc('\n');
}

/* An interrupt ID worth poking: SGIs, the timer PPIs, the UART, virtio, v2m, or any. */
static u32 some_irq(void) {
  static const u32 ids[] = {1, 5, 15, 27, 30, 33, 34, 48, 63, 80, 81, 100, 287};
  return rnd() % 4 ? ids[rnd() % 13] : rnd() % 300;
}

static u32 last_ack = 1023;

static void step(void) {
  u32 k = rnd() % 100, irq = some_irq(), v = rnd();
  int sizes[] = {1, 2, 4, 4, 4};
  if (k < 4) wr(GICD, 4, rnd() % 4 ? 1 : rnd() % 4);                          /* GICD_CTLR */
  else if (k < 8) wr(GICC, 4, rnd() % 4 ? (rnd() % 2 ? 1 : 0x201) : (rnd() & 0x21f)); /* GICC_CTLR */
  else if (k < 11) wr(GICC + 4, 4, rnd() % 3 ? 0xf0 : v & 0xff);            /* PMR */
  else if (k < 13) wr(GICC + 8 + (rnd() % 2) * 0x14, 4, v & 7);             /* BPR, ABPR */
  else if (k < 20) wr(GICD + 0x100 + (irq / 32) * 4, 4, 1u << (irq % 32));  /* ISENABLER */
  else if (k < 22) wr(GICD + 0x180 + (irq / 32) * 4, 4, 1u << (irq % 32));  /* ICENABLER */
  else if (k < 28) wr(GICD + 0x200 + (irq / 32) * 4, 4, 1u << (irq % 32));  /* ISPENDR */
  else if (k < 30) wr(GICD + 0x280 + (irq / 32) * 4, 4, 1u << (irq % 32));  /* ICPENDR */
  else if (k < 31) wr(GICD + 0x300 + (irq / 32) * 4, 4, 1u << (irq % 32));  /* ISACTIVER */
  else if (k < 32) wr(GICD + 0x380 + (irq / 32) * 4, 4, rnd() % 2 ? 1u << (irq % 32) : 0xffffffff); /* ICACTIVER */
  else if (k < 36) wr(GICD + 0x400 + irq, 1, v & 0xff);                     /* IPRIORITYR */
  else if (k < 38) wr(GICD + 0xc00 + (irq / 16) * 4, 4, v);                 /* ICFGR */
  else if (k < 39) wr(GICD + 0x80 + (irq / 32) * 4, 4, rnd() % 4 ? 0 : v);  /* IGROUPR */
  else if (k < 43) wr(GICD + 0xf00, 4, (v & 0x03ff000f));                   /* SGIR */
  else if (k < 45) wr(GICD + 0xf10 + (rnd() % 32), 1, v & 0xff);            /* C/SPENDSGIR */
  else if (k < 55) { u32 a = rd(GICC + 0xc, 4); if ((a & 0x3ff) < 1020) last_ack = a; } /* IAR */
  else if (k < 62) wr(GICC + 0x10, 4, rnd() % 4 ? last_ack : v & 0x3ff);   /* EOIR */
  else if (k < 64) wr(GICC + 0x1000, 4, rnd() % 2 ? last_ack : v & 0x3ff); /* DIR */
  else if (k < 68) rd(GICC + ((rnd() % 2) ? 0x14 : 0x18), 4);                /* RPR, HPPIR */
  else if (k < 70) rd(GICC + 0xd0 + (rnd() % 8) * 4, 4);                     /* APR, NSAPR */
  else if (k < 71) wr(GICC + 0xd0 + (rnd() % 8) * 4, 4, rnd() % 2 ? 0 : v);
  else if (k < 76) rd(GICD + ((rnd() % 0x3f0) & ~3u), 4);                    /* distributor state */
  else if (k < 78) wr(V2M + 0x40, 4, 80 + rnd() % 70);                       /* MSI_SETSPI_NS */
  else if (k < 79) rd(V2M + (rnd() % 0x1000 & ~3u), rnd() % 2 ? 4 : 2);
  else if (k < 84) {                                                         /* PL011, not DR */
    static const u32 regs[] = {0x04, 0x18, 0x20, 0x24, 0x28, 0x2c, 0x34, 0x38, 0x3c, 0x40, 0x44, 0x48, 0xfe0, 0xfec};
    u32 off = regs[rnd() % 14];
    if (rnd() % 2) rd(UART + off, 4);
    else wr(UART + off, 4, off == 0x38 ? v & 0x7ff : v);
  } else if (k < 86) {                                                       /* PL011 CR, no loopback */
    wr(UART + 0x30, 4, v & 0xff7f);
  } else if (k < 89) {                                                       /* PL031, not DR */
    static const u32 regs[] = {0x04, 0x0c, 0x10, 0x14, 0x18, 0x1c, 0xfe0, 0xff0};
    u32 off = regs[rnd() % 8];
    if (rnd() % 2) rd(RTC + off, 4);
    else wr(RTC + off, 4, off == 0x04 ? 0xfffff000u + (v & 0xff) : v);
  } else {                                                                   /* anywhere in the GIC */
    int size = sizes[rnd() % 5];
    u32 base = rnd() % 2 ? GICD : GICC;
    u32 off = (rnd() % (base == GICD ? 0x1000 : 0x1010)) & ~(u32)(size - 1);
    if (off >= 0x10 && off < 0x14 && base == GICC) off = 0x18; /* keep EOIR to the cases above */
    if (rnd() % 2) rd(base + off, size);
    else wr(base + off, size, v);
  }
}

int main(void) {
  for (int i = 0; i < STEPS; i++) step();
  putc('E');
  putc('\n');
  return 0;
}
