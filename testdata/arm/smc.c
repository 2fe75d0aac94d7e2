/* Self-modifying code (built -marm): the program's own text made writable with mprotect and patched, with and
 * without the cacheflush syscall (QEMU user mode notices stores to pages holding translated code), 100 patches
 * in a loop, and generated A32 and Thumb code in an anonymous RWX mapping rewritten and re-run, unmapped and
 * mapped again at the same address with other code. Prints every result. */
#include "rt.h"

#define MOV_R0(imm) (0xe3a00000u | ((imm) & 0xff)) /* mov r0, #imm */
#define ADD_R0_R0_R1 0xe0800001u
#define SUB_R0_R0_R1 0xe0400001u
#define BX_LR 0xe12fff1eu
#define T_MOVS_R0(imm) (0x2000u | ((imm) & 0xff)) /* movs r0, #imm */
#define T_BX_LR 0x4770u
#define JIT ((void *)0x40000000)
#define MAP_FIXED 0x10

/* patchme sits alone on its own page so that mprotect does not touch other text */
__asm__(".section .text.smc, \"ax\", %progbits\n"
        ".balign 4096\n"
        ".globl patchme\n"
        ".type patchme, %function\n"
        "patchme: mov r0, #1\n"
        "  bx lr\n"
        ".globl patch_ahead\n"
        ".type patch_ahead, %function\n"
        /* patch_ahead(word): stores word over `target` (a later block, behind a branch), then runs it */
        "patch_ahead: adr r1, 1f\n"
        "  str r0, [r1]\n"
        "  b 2f\n"
        "2: mov r0, #0\n"
        "1: mov r0, #7\n"
        "  bx lr\n"
        ".balign 4096\n"
        ".text\n");
extern int patchme(void);
extern int patch_ahead(uint32_t word);

static void flush(void *start, void *end) { rt_syscall(SYS_cacheflush, (long)start, (long)end, 0, 0, 0, 0); }

static void own_text(void) {
  volatile uint32_t *p = (volatile uint32_t *)(void *)patchme;
  void *page = (void *)((uintptr_t)p & ~4095u);
  rt_printf("patchme: %d\n", patchme());
  long r = rt_mprotect(page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
  rt_printf("mprotect rwx: %ld\n", r);
  p[0] = MOV_R0(2);
  flush((void *)p, (void *)(p + 1));
  rt_printf("patched, cacheflush: %d\n", patchme());
  p[0] = MOV_R0(3);
  rt_printf("patched, no cacheflush: %d\n", patchme());
  int sum = 0;
  for (int i = 0; i < 100; i++) {
    p[0] = MOV_R0(i);
    sum += patchme();
  }
  rt_printf("100 patches: sum %d\n", sum);
  rt_printf("patch_ahead: %d\n", patch_ahead(MOV_R0(9)));
  rt_printf("patch_ahead again: %d\n", patch_ahead(MOV_R0(11)));
  rt_mprotect(page, 4096, PROT_READ | PROT_EXEC);
  rt_printf("read-only again: %d\n", patchme());
}

static void generated(void) {
  uint32_t *code = rt_mmap(JIT, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  rt_printf("mmap rwx: %p\n", (void *)code);
  int (*f)(int, int) = (int (*)(int, int))(void *)code;
  code[0] = ADD_R0_R0_R1;
  code[1] = BX_LR;
  flush(code, code + 2);
  rt_printf("add: %d\n", f(40, 2));
  code[0] = SUB_R0_R0_R1;
  rt_printf("sub, no cacheflush: %d\n", f(40, 2));
  /* a loop: r0 = sum of 1..r1 */
  static const uint32_t loop[] = {
      0xe3a00000, /* mov r0, #0 */
      0xe0800001, /* 1: add r0, r0, r1 */
      0xe2511001, /* subs r1, r1, #1 */
      0x1afffffc, /* bne 1b */
      0xe12fff1e, /* bx lr */
  };
  for (unsigned i = 0; i < 5; i++) code[16 + i] = loop[i];
  int (*g)(int, int) = (int (*)(int, int))(void *)(code + 16);
  rt_printf("loop sum 1..100: %d\n", g(0, 100));
  code[17] = 0xe0400001; /* sub r0, r0, r1 */
  rt_printf("loop patched to sub: %d\n", g(0, 100));
  /* Thumb code at code + 64, called with bit 0 set */
  uint16_t *t = (uint16_t *)(code + 64);
  t[0] = T_MOVS_R0(42);
  t[1] = T_BX_LR;
  int (*th)(void) = (int (*)(void))(void *)((uintptr_t)t | 1);
  rt_printf("thumb: %d\n", th());
  t[0] = T_MOVS_R0(43);
  rt_printf("thumb patched: %d\n", th());
  rt_munmap(code, 4096);
  code = rt_mmap(JIT, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  code[0] = MOV_R0(77);
  code[1] = BX_LR;
  rt_printf("remapped: %d\n", f(0, 0));
  rt_munmap(code, 4096);
}

int main(void) {
  own_text();
  generated();
  rt_printf("done\n");
  return 0;
}
