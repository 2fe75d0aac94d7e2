/*
 * The ARMv7-A system architecture as a kernel meets it, printed on the PL011 so the same ELF can be
 * compared between qemu-system-arm -M virt -cpu cortex-a15,neon=off,vfp-d32=off and tciemu's CPU:
 * ID and cp15 registers, banked registers of every mode, exceptions (UNDEF, SVC, BKPT, prefetch and
 * data aborts from the MMU, alignment faults) with their LR, SPSR, CPSR and fault registers, a
 * trip to User mode and back (MRC at PL0 traps, LDM/STM with ^), LDM with ^ as an exception
 * return, the virtual timer's interrupt through the GIC with WFI, VFP enable/disable (FPEXC) and
 * PSCI calls over HVC. Lines:  <tag> <hex values...>.
 */
typedef unsigned int u32;

#define UART ((volatile u32 *)0x09000000)
#define GICD ((volatile u32 *)0x08000000)
#define GICC ((volatile u32 *)0x08010000)

static void putc(int c) { UART[0] = c; }
static void puts(const char *s) { while (*s) putc(*s++); }
static void hex(u32 v) {
  putc(' ');
  for (int i = 28; i >= 0; i -= 4) putc("0123456789abcdef"[(v >> i) & 15]);
}
static void line(const char *tag, int n, const u32 *v) {
  puts(tag);
  for (int i = 0; i < n; i++) hex(v[i]);
  putc('\n');
}

#define CP15_READ(crn, op1, crm, op2) ({ u32 _v; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v)::"memory"); _v; })
#define CP15_WRITE(crn, op1, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(v) : "memory")
static void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static u32 cpsr(void) { u32 v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }

/* Written by the exception handlers (start of sys-check-vectors in the asm below). */
volatile u32 exc_count, exc_kind, exc_lr, exc_spsr, exc_cpsr, exc_iar;
volatile u32 resume_pc;

void record(u32 kind, u32 lr, u32 spsr, u32 cpsr_now) {
  exc_count++;
  exc_kind = kind;
  exc_lr = lr;
  exc_spsr = spsr;
  exc_cpsr = cpsr_now;
  if (kind == 6) {
    exc_iar = GICC[3]; /* GICC_IAR */
    GICC[4] = exc_iar; /* GICC_EOIR */
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" ::"r"(0)); /* CNTV_CTL = 0 */
  }
}

static void report(const char *what) {
  u32 v[9] = {exc_count, exc_kind, exc_lr, exc_spsr, exc_cpsr, CP15_READ(c5, 0, c0, 0), CP15_READ(c6, 0, c0, 0),
              CP15_READ(c5, 0, c0, 1), CP15_READ(c6, 0, c0, 2)};
  puts("X ");
  line(what, 9, v);
}

extern char vectors[];
extern void set_mode_stacks(void);
extern u32 banked_probe(u32 mode, u32 value);
extern void user_trip(void);
extern u32 user_result[4];
extern u32 user_back[2];
extern void ldm_eret_test(void);
extern u32 eret_result[2];
extern void srs_rfe_test(void);
extern u32 srs_result[4];
extern void eret_test(void);
extern u32 eret2_result[2];

static u32 l1[4096] __attribute__((aligned(16384)));

static void mmu_on(void) {
  for (u32 i = 0; i < 4096; i++) l1[i] = 0;
  /* 0x40000000..0x40ffffff: normal memory, RW at PL1 only except 0x40300000 (user RW) */
  for (u32 i = 0x400; i < 0x410; i++) l1[i] = (i << 20) | (1 << 10) | (3 << 2) | 2; /* AP=01, C B */
  l1[0x403] = (0x403u << 20) | (3 << 10) | (3 << 2) | 2;                         /* AP=11 */
  l1[0x401] = (0x401u << 20) | (3 << 10) | (3 << 2) | 2;                         /* code: user-executable too */
  l1[0x402] = (0x402u << 20) | (3 << 10) | (3 << 2) | 2;                         /* data: user RW */
  l1[0x080] = (0x080u << 20) | (1 << 10) | (1 << 4) | 2;                         /* GIC, XN */
  l1[0x090] = (0x090u << 20) | (3 << 10) | (1 << 4) | 2;                         /* UART, user too, XN */
  l1[0x500] = (0x401u << 20) | (1 << 10) | (1 << 4) | 2;                         /* code alias, XN */
  dsb();
  CP15_WRITE(c2, 0, c0, 2, 0);          /* TTBCR */
  CP15_WRITE(c2, 0, c0, 0, (u32)l1);    /* TTBR0 */
  CP15_WRITE(c3, 0, c0, 0, 0x55555555); /* DACR: client */
  CP15_WRITE(c8, 0, c7, 0, 0);
  dsb();
  isb();
  CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) | 1);
  isb();
}

int main(void) {
  u32 v[16];
  v[0] = cpsr();
  v[1] = CP15_READ(c0, 0, c0, 0);
  v[2] = CP15_READ(c0, 0, c0, 1);
  v[3] = CP15_READ(c0, 0, c0, 5);
  v[4] = CP15_READ(c0, 0, c1, 0);
  v[5] = CP15_READ(c0, 0, c1, 1);
  v[6] = CP15_READ(c0, 0, c1, 4);
  v[7] = CP15_READ(c0, 0, c2, 0);
  v[8] = CP15_READ(c0, 1, c0, 1);
  v[9] = CP15_READ(c1, 0, c0, 0);
  v[10] = CP15_READ(c14, 0, c0, 0);
  v[11] = CP15_READ(c1, 0, c0, 2);
  line("ID", 12, v);
  for (u32 sel = 0; sel < 3; sel++) {
    CP15_WRITE(c0, 2, c0, 0, sel);
    isb();
    v[sel] = CP15_READ(c0, 1, c0, 0);
  }
  line("CCSIDR", 3, v);

  CP15_WRITE(c12, 0, c0, 0, (u32)vectors);
  isb();
  set_mode_stacks();
  /* banked registers: write r8..r14 in each mode, read back from SVC's view */
  static const u32 modes[] = {0x11, 0x12, 0x17, 0x1b, 0x1f, 0x13};
  for (int i = 0; i < 6; i++) v[i] = banked_probe(modes[i], 0x1000 * (i + 1));
  line("BANK", 6, v);

  /* UNDEF, SVC, BKPT */
  __asm__ volatile(".word 0xe7f000f0" ::: "memory");
  report("UDF");
  __asm__ volatile("svc #0x42" ::: "memory");
  report("SVC");
  __asm__ volatile("bkpt #3" ::: "memory");
  report("BKPT");
  /* coprocessor registers that do not exist */
  __asm__ volatile("mrc p15, 7, r0, c15, c15, 7" ::: "r0", "memory");
  report("C15IMPDEF");
  __asm__ volatile("mrc p15, 0, r0, c4, c0, 0" ::: "r0", "memory");
  report("NOREG");

  mmu_on();
  v[0] = CP15_READ(c1, 0, c0, 0);
  v[1] = CP15_READ(c2, 0, c0, 0);
  line("MMU", 2, v);
  /* data aborts: translation fault, permission (write to the read-only alias would be... use XN fetch) */
  (void)*(volatile u32 *)0x80000010;
  report("DABT-TRANS");
  *(volatile u32 *)0x80000020 = 1;
  report("DABT-TRANS-W");
  /* alignment faults with SCTLR.A */
  CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) | 2);
  isb();
  {
    volatile u32 x[2] = {1, 2};
    (void)*(volatile u32 *)((char *)x + 1);
  }
  report("DABT-ALIGN");
  CP15_WRITE(c1, 0, c0, 0, CP15_READ(c1, 0, c0, 0) & ~2u);
  isb();
  /* ATS1CPR on mapped and unmapped addresses */
  CP15_WRITE(c7, 0, c8, 0, 0x40212345);
  isb();
  v[0] = CP15_READ(c7, 0, c4, 0);
  CP15_WRITE(c7, 0, c8, 0, 0x90000000);
  isb();
  v[1] = CP15_READ(c7, 0, c4, 0);
  line("PAR", 2, v);
  /* prefetch aborts: unmapped and XN */
  {
    void (*f)(void) = (void (*)(void))0x80001000;
    __asm__ volatile("adr r0, 1f\n ldr r1, =resume_pc\n str r0, [r1]\n blx %0\n 1:" ::"r"(f) : "r0", "r1", "lr", "memory");
    report("PABT-TRANS");
    f = (void (*)(void))0x50000100;
    __asm__ volatile("adr r0, 1f\n ldr r1, =resume_pc\n str r0, [r1]\n blx %0\n 1:" ::"r"(f) : "r0", "r1", "lr", "memory");
    report("PABT-XN");
  }

  /* User mode: MRC SCTLR traps, TPIDRURO reads, SVC back; LDM/STM ^ from SVC */
  CP15_WRITE(c13, 0, c0, 3, 0x7e57);
  user_trip();
  line("USER", 4, user_result);
  report("USER-LAST");
  line("USERBACK", 2, user_back);
  ldm_eret_test();
  line("ERET", 2, eret_result);
  srs_rfe_test();
  line("SRS", 4, srs_result);
  eret_test();
  line("ERET2", 2, eret2_result);

  /* VFP: FPEXC.EN off -> VFP instructions UNDEF; on -> they run */
  CP15_WRITE(c1, 0, c0, 2, 0xf << 20); /* CPACR: cp10, cp11 full access */
  isb();
  {
    u32 fpsid, mvfr0, mvfr1, fpexc;
    __asm__ volatile("vmrs %0, fpsid\n vmrs %1, mvfr0\n vmrs %2, mvfr1\n vmrs %3, fpexc" : "=r"(fpsid), "=r"(mvfr0), "=r"(mvfr1), "=r"(fpexc));
    v[0] = fpsid, v[1] = mvfr0, v[2] = mvfr1, v[3] = fpexc;
    line("VFPID", 4, v);
    __asm__ volatile("vmov.f32 s0, #1.0" ::: "s0", "memory");
    report("VFP-OFF");
    __asm__ volatile("vmsr fpexc, %0" ::"r"(1u << 30));
    u32 r;
    __asm__ volatile("vmov.f32 s0, #1.5\n vadd.f32 s0, s0, s0\n vmov %0, s0" : "=r"(r)::"s0", "memory");
    v[0] = r;
    line("VFP-ON", 1, v);
  }

  /* The virtual timer's PPI (27) through the GIC, taken out of WFI */
  GICD[0] = 1;                    /* GICD_CTLR */
  GICD[0x100 / 4] = 1u << 27;     /* ISENABLER0 */
  GICD[0x400 / 4 + 6] = 0;        /* priorities of 24..27 */
  GICC[0] = 1;                    /* GICC_CTLR */
  GICC[1] = 0xff;                 /* PMR */
  __asm__ volatile("mcr p15, 0, %0, c14, c3, 0" ::"r"(2000)); /* CNTV_TVAL */
  __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" ::"r"(1));    /* CNTV_CTL: enable */
  isb();
  __asm__ volatile("wfi\n cpsie i\n nop\n cpsid i" ::: "memory");
  report("IRQ");
  v[0] = exc_iar;
  v[1] = CP15_READ(c12, 0, c1, 0); /* ISR */
  line("IAR", 2, v);

  /* PSCI over HVC */
  {
    register u32 r0 __asm__("r0") = 0x84000000; /* PSCI_VERSION */
    __asm__ volatile(".arch_extension virt\n hvc #0" : "+r"(r0)::"r1", "r2", "r3", "memory");
    v[0] = r0;
    r0 = 0x84000006; /* MIGRATE_INFO_TYPE */
    __asm__ volatile("hvc #0" : "+r"(r0)::"r1", "r2", "r3", "memory");
    v[1] = r0;
    r0 = 0x8400000a; /* PSCI_FEATURES(CPU_ON) */
    register u32 r1 __asm__("r1") = 0x84000003;
    __asm__ volatile("hvc #0" : "+r"(r0), "+r"(r1)::"r2", "r3", "memory");
    v[2] = r0;
    line("PSCI", 3, v);
  }
  puts("E\n");
  return 0;
}
