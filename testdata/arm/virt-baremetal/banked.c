/*
 * MRS/MSR (banked register) on the ARM virt board, printed on the PL011 so the same ELF can be
 * compared between qemu-system-arm and tciemu's CPU (test/arm-system/banked-qemu.test.ts): every
 * (R, SYSm) encoding of both instructions, in A32 and T32, plus r15 as the register, executed from
 * each PL1 mode (SVC, FIQ, IRQ, ABT, UND, System). An UNDEFINED access leaves the marker 0xdeadbeef
 * (MRS) and counts in the UNDEF handler; after each MSR sweep every mode's banked registers are
 * dumped as the modes themselves see them. On a CPU without the Virtualization Extensions
 * (QEMU's -M virt -cpu cortex-a15) every form is UNDEFINED; with them (-M virt,virtualization=on,
 * where the program leaves Hyp mode first) the architecture's banked register table applies.
 * Lines:  <tag> <hex values...>.
 */
typedef unsigned int u32;

#define UART ((volatile u32 *)0x09000000)

static void putc(int c) { UART[0] = c; }
static void puts(const char *s) { while (*s) putc(*s++); }
static void hex(u32 v) {
  putc(' ');
  for (int i = 28; i >= 0; i -= 4) putc("0123456789abcdef"[(v >> i) & 15]);
}
static void line(const char *tag, const char *sub, int n, const u32 *v) {
  puts(tag);
  puts(sub);
  for (int i = 0; i < n; i++) hex(v[i]);
  putc('\n');
}

extern char vectors[];
extern char mrs_table_a[], msr_table_a[], mrs_table_t[], msr_table_t[];
extern volatile u32 undef_count;
extern void fill_banks(void);
extern void sweep(u32 mode, void *table, u32 *out, u32 n, u32 msr);
extern void dump_banks(u32 *out);

#define ENTRIES 65

int main(void) {
  static u32 out[ENTRIES], banks[30];
  static const u32 modes[] = {0x13, 0x11, 0x12, 0x17, 0x1b, 0x1f};
  static const char *const names[] = {" svc", " fiq", " irq", " abt", " und", " sys"};
  __asm__ volatile("mcr p15, 0, %0, c12, c0, 0; isb" ::"r"(vectors) : "memory");
  for (int m = 0; m < 6; m++) {
    for (int t = 0; t < 2; t++) {
      char *mrs = t ? mrs_table_t + 1 : mrs_table_a, *msr = t ? msr_table_t + 1 : msr_table_a;
      const char *set = t ? "T" : "A";
      fill_banks();
      u32 before = undef_count;
      sweep(modes[m], mrs, out, ENTRIES, 0);
      u32 n = undef_count - before;
      line("MRS", set, ENTRIES, out);
      line("MRSUNDEF", names[m], 1, &n);
      fill_banks();
      before = undef_count;
      sweep(modes[m], msr, out, ENTRIES, 1);
      n = undef_count - before;
      dump_banks(banks);
      line("MSR", set, 30, banks);
      line("MSRUNDEF", names[m], 1, &n);
    }
  }
  puts("DONE\n");
  return 0;
}
