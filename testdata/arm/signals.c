/* Signals (built -marm, with Thumb parts): rt and non-rt frames (struct ucontext with its VFP frame, struct
 * sigcontext), return through sa_restorer and through the kernel's trampolines, registers and VFP state a
 * handler changes in the frame taking effect after sigreturn, Thumb handlers and signals interrupting Thumb
 * code, SIGSEGV/SIGILL/SIGTRAP from faults with their si_code and address, blocked and pending signals,
 * sigaltstack, nested handlers and SA_RESETHAND. Prints what the handlers see. */
#include "rt.h"

#define SIGWINCH 28
#define SYS_sigpending 73
#define SYS_sigprocmask 126
#define SIG_SETMASK 2
#define SI_TKILL (-6)
#define SYS_sigreturn 119
#define SYS_rt_sigreturn 173
#define SYS_rt_sigpending 176
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1

static uint8_t altstack[16384] __attribute__((aligned(16)));
static volatile int depth, count;
static uint32_t fault_skip; /* bytes to skip over a faulting instruction */

static const char *state(uint32_t cpsr) { return (cpsr & 0x20) ? "thumb" : "arm"; }

static void show_uc(struct rt_ucontext *uc) {
  struct rt_sigcontext *mc = &uc->mc;
  rt_printf("  uc_flags %lx uc_link %p ss_sp %s ss_flags %d ss_size %u\n", uc->flags, (void *)uc->link,
            uc->ss_sp == altstack ? "altstack" : uc->ss_sp ? "?" : "0", uc->ss_flags, (unsigned)uc->ss_size);
  rt_printf("  r0-r3 %08lx %08lx %08lx %08lx r7 %08lx cpsr %08lx (%s) oldmask %08lx sigmask %08lx %08lx\n", mc->r[0], mc->r[1],
            mc->r[2], mc->r[3], mc->r[7], mc->cpsr, state(mc->cpsr), mc->oldmask, uc->sigmask[0], uc->sigmask[1]);
  uint32_t *vfp = (uint32_t *)uc->regspace;
  rt_printf("  vfp magic %08x size %u fpscr %08x d8 %08x%08x next %08x\n", vfp[0], vfp[1], vfp[2 + 64], vfp[2 + 17], vfp[2 + 16],
            vfp[72]);
  rt_printf("  frame: interrupted sp - ucontext = %ld\n", (long)(mc->r[13] - (uintptr_t)uc));
}

/* ---- 1: rt frame from tkill, changed registers and VFP state */
static void rt_handler(int sig, rt_siginfo *si, void *ctx) {
  struct rt_ucontext *uc = ctx;
  uint32_t sp, fpscr;
  __asm__ volatile("mov %0, sp\n\tvmrs %1, fpscr" : "=r"(sp), "=r"(fpscr));
  rt_printf("rt handler: sig %d si_signo %d si_code %d pid-ok %d fpscr in handler %08x\n", sig, si->si_signo, si->si_code,
            si->u.k.pid == (int)rt_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0), fpscr);
  show_uc(uc);
  /* the syscall returns 1234; d8 and FPSCR come back from the frame */
  uc->mc.r[0] = 1234;
  uint32_t *vfp = (uint32_t *)uc->regspace;
  vfp[2 + 16] = 0x55555555;
  vfp[2 + 17] = 0x40091eb8;
  vfp[2 + 64] = 0x03c00000; /* RZ, FZ, DN */
  /* clobber the live VFP state: sigreturn must restore it */
  __asm__ volatile("vmov d8, %0, %0\n\tvmsr fpscr, %0" ::"r"(0) : "d8");
}

static void rt_frames(void) {
  rt_sigaction(SIGUSR1, (void *)rt_handler, SA_SIGINFO, 0);
  uint32_t r, lo, hi, fpscr;
  register long r0 __asm__("r0") = rt_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
  register long r1 __asm__("r1") = SIGUSR1;
  register long r7 __asm__("r7") = SYS_tkill;
  __asm__ volatile("vmov d8, %[a], %[b]\n\t"
                   "vmsr fpscr, %[m]\n\t"
                   "svc #0\n\t"
                   "vmov %[lo], %[hi], d8\n\t"
                   "vmrs %[f], fpscr"
                   : "+r"(r0), [lo] "=&r"(lo), [hi] "=&r"(hi), [f] "=&r"(fpscr)
                   : "r"(r1), "r"(r7), [a] "r"(0x11111111), [b] "r"(0x22222222), [m] "r"(0x00400000)
                   : "d8", "memory");
  r = r0;
  rt_printf("after sigreturn: tkill returned %u, d8 %08x%08x, fpscr %08x\n", r, hi, lo, fpscr);
  __asm__ volatile("vmsr fpscr, %0" ::"r"(0));
}

/* ---- 2: non-rt frames, with and without sa_restorer */
static void plain_handler(int sig) {
  uint32_t fp;
  __asm__ volatile("mov %0, sp" : "=r"(fp));
  struct rt_ucontext *uc = (struct rt_ucontext *)(uintptr_t)fp;
  (void)uc;
  rt_printf("plain handler: sig %d count %d\n", sig, ++count);
}

__attribute__((naked, target("arm"))) static void my_restorer(void) {
  __asm__ volatile("mov r7, #119\n\tsvc #0");
}

static void plain_frames(void) {
  struct k_sigaction sa = {(void *)plain_handler, 0, 0, {0, 0}};
  rt_syscall(SYS_rt_sigaction, SIGUSR2, (long)&sa, 0, 8, 0, 0);
  rt_kill_self(SIGUSR2);
  sa.flags = SA_RESTORER;
  sa.restorer = (void *)my_restorer;
  rt_syscall(SYS_rt_sigaction, SIGUSR2, (long)&sa, 0, 8, 0, 0);
  rt_kill_self(SIGUSR2);
  /* the old sigaction syscall (struct old_sigaction: handler, mask, flags, restorer) */
  unsigned long old[4] = {(unsigned long)plain_handler, 0, 0, 0};
  long r = rt_syscall(SYS_sigaction, SIGUSR2, (long)old, 0, 0, 0, 0);
  rt_kill_self(SIGUSR2);
  rt_printf("old sigaction %ld count %d\n", r, count);
}

/* ---- 3: Thumb handler, signal in Thumb code */
__attribute__((target("thumb"), noinline)) static void thumb_handler(int sig, rt_siginfo *si, void *ctx) {
  struct rt_ucontext *uc = ctx;
  rt_printf("thumb handler: sig %d code %d interrupted %s\n", sig, si->si_code, state(uc->mc.cpsr));
  uc->mc.r[4] = 0xcafe;
}

__attribute__((target("thumb"), noinline)) static uint32_t thumb_raise(void) {
  register uint32_t r4 __asm__("r4") = 1;
  register long r0 __asm__("r0") = rt_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
  register long r1 __asm__("r1") = SIGUSR1;
  register long r7 __asm__("r7") = SYS_tkill;
  __asm__ volatile("svc #0" : "+r"(r0), "+r"(r4) : "r"(r1), "r"(r7) : "memory");
  return r4;
}

static void thumb(void) {
  rt_printf("thumb handler address bit 0: %u\n", (unsigned)((uintptr_t)thumb_handler & 1));
  rt_sigaction(SIGUSR1, (void *)thumb_handler, SA_SIGINFO, 0);
  rt_printf("from arm code: r4 %x\n", (unsigned)rt_kill_self(SIGUSR1));
  rt_printf("from thumb code: r4 %x\n", thumb_raise());
}

/* ---- 4: faults */
static void fault_handler(int sig, rt_siginfo *si, void *ctx) {
  struct rt_ucontext *uc = ctx;
  rt_printf("  fault: sig %d code %d addr %p %s\n", sig, si->si_code, si->u.addr, state(uc->mc.cpsr));
  uc->mc.r[15] += fault_skip;
}

extern char smc_page_ro[];
__asm__(".section .rodata.ro, \"a\"\n.balign 4096\nsmc_page_ro: .space 4096\n.text");

__attribute__((target("thumb"), noinline)) static void thumb_faults(void) {
  fault_skip = 2;
  rt_printf("thumb udf #7:\n");
  __asm__ volatile("udf #7");
  rt_printf("thumb bkpt #1:\n");
  __asm__ volatile("bkpt #1");
  fault_skip = 4;
  rt_printf("thumb udf.w:\n");
  __asm__ volatile("udf.w #300");
}

static void faults(void) {
  for (int s = SIGILL; s <= SIGSEGV; s++) rt_sigaction(s, (void *)fault_handler, SA_SIGINFO, 0);
  fault_skip = 4;
  rt_printf("load from 0x10:\n");
  __asm__ volatile("ldr r0, [%0]" ::"r"(0x10) : "r0", "memory");
  rt_printf("store to a read-only page:\n");
  __asm__ volatile("str r0, [%0, #8]" ::"r"(smc_page_ro) : "memory");
  rt_printf("store to 0xfffffff0:\n");
  __asm__ volatile("str r0, [%0]" ::"r"(0xfffffff0) : "memory");
  rt_printf("udf #0:\n");
  __asm__ volatile("udf #0");
  rt_printf("vmrs fpsid at PL0:\n");
  __asm__ volatile("vmrs r0, fpsid" ::: "r0");
  rt_printf("mcr to a privileged cp15 register:\n");
  __asm__ volatile("mcr p15, 0, r0, c1, c0, 0" ::: "memory");
  rt_printf("bkpt #0x42:\n");
  __asm__ volatile("bkpt #0x42");
  thumb_faults();
}

/* ---- 5: masks, pending, altstack, nesting, SA_RESETHAND */
static void nest_inner(int sig, rt_siginfo *si, void *ctx) {
  (void)si;
  (void)ctx;
  rt_printf("  inner %d at depth %d\n", sig, depth);
}

static void nest_outer(int sig, rt_siginfo *si, void *ctx) {
  struct rt_ucontext *uc = ctx;
  uint32_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  (void)si;
  depth++;
  rt_printf("  outer %d on %s, ss_flags %d\n", sig, (sp >= (uintptr_t)altstack && sp < (uintptr_t)altstack + sizeof altstack) ? "altstack" : "main stack",
            uc->ss_flags);
  rt_kill_self(SIGUSR2);
  depth--;
}

static void masks(void) {
  unsigned long set[2] = {1ul << (SIGUSR2 - 1), 0}, old[2], pend[2];
  rt_sigaction(SIGUSR2, (void *)nest_inner, SA_SIGINFO, 0);
  rt_syscall(SYS_rt_sigprocmask, SIG_BLOCK, (long)set, (long)old, 8, 0, 0);
  rt_kill_self(SIGUSR2);
  rt_syscall(SYS_rt_sigpending, (long)pend, 8, 0, 0, 0, 0);
  rt_printf("blocked SIGUSR2: pending %08lx (old mask %08lx)\n", pend[0], old[0]);
  rt_syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)set, 0, 8, 0, 0);
  rt_printf("unblocked\n");

  struct {
    void *sp;
    int flags;
    size_t size;
  } ss = {altstack, 0, sizeof altstack}, oss;
  long r = rt_syscall(SYS_sigaltstack, (long)&ss, (long)&oss, 0, 0, 0, 0);
  rt_printf("sigaltstack %ld old flags %d\n", r, oss.flags);
  rt_sigaction(SIGUSR1, (void *)nest_outer, SA_SIGINFO | SA_ONSTACK, 0);
  rt_kill_self(SIGUSR1);
  rt_sigaction(SIGUSR1, (void *)nest_outer, SA_SIGINFO, 0);
  rt_kill_self(SIGUSR1);

  /* the old (non-rt) mask calls on an old_sigset_t */
  unsigned long m32 = 1ul << (SIGUSR2 - 1), o32 = 0, p32 = 0;
  rt_syscall(SYS_sigprocmask, SIG_BLOCK, (long)&m32, (long)&o32, 0, 0, 0);
  rt_kill_self(SIGUSR2);
  rt_syscall(SYS_sigpending, (long)&p32, 0, 0, 0, 0, 0);
  rt_printf("old sigprocmask: old %08lx pending %08lx\n", o32, p32);
  rt_syscall(SYS_sigprocmask, SIG_SETMASK, (long)&o32, (long)&m32, 0, 0, 0);
  rt_printf("old sigprocmask: unblocked (mask was %08lx)\n", m32);

  count = 0;
  rt_sigaction(SIGWINCH, (void *)plain_handler, SA_RESETHAND, 0);
  rt_kill_self(SIGWINCH);
  rt_kill_self(SIGWINCH); /* default action now: ignored */
  rt_printf("SA_RESETHAND: handler ran %d time(s)\n", count);
}

int main(void) {
  rt_frames();
  plain_frames();
  thumb();
  faults();
  masks();
  rt_printf("done\n");
  return 0;
}
