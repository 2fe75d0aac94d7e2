/*
 * Signal delivery in Linux user mode: SIGSEGV (unmapped and read-only pages) caught by an
 * SA_SIGINFO handler that inspects siginfo and the ucontext (pc, registers, fcsr) and resumes
 * after the faulting instruction through rt_sigreturn; a handler on a sigaltstack; SIGUSR1 sent
 * with kill while blocked (delivered on unblock); SIGILL; and, with an argument, an uncaught
 * SIGSEGV (qemu prints "uncaught target signal 11" and the exit status is 139).
 * Prints only emulator-independent facts (no absolute stack addresses).
 */
#include "rt.h"

#define SYS_rt_sigaction 134
#define SYS_rt_sigprocmask 135
#define SYS_sigaltstack 132
#define SYS_kill 129
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_NODEFER 0x40000000
#define SIGILL 4
#define SIGUSR1 10
#define SIGSEGV 11

struct ksigaction {
  void (*handler)(int, void *, void *);
  unsigned long flags;
  unsigned long mask;
};

/* struct ucontext: uc_flags, uc_link, uc_stack (24), uc_sigmask (8), pad to 176, mcontext */
#define UC_MCONTEXT 176
#define UC_SIGMASK 40
#define MC_PC 0
#define MC_REG(i) (8 * (i))
#define MC_FCSR (256 + 256)

static volatile int hits;
static volatile long last_code, last_addr_ok, last_signo;
static volatile long saw_s2, saw_fcsr, mask_had_sig;
static char altstack[16384] __attribute__((aligned(16)));
static volatile long on_alt;
static volatile unsigned long expect_addr;

static void segv(int sig, void *info, void *ucv) {
  char *uc = ucv;
  int *si = info;
  hits++;
  last_signo = sig * 100 + si[0];
  last_code = si[2];
  last_addr_ok = *(unsigned long *)((char *)info + 16) == expect_addr;
  unsigned long *pc = (unsigned long *)(uc + UC_MCONTEXT + MC_PC);
  saw_s2 = *(unsigned long *)(uc + UC_MCONTEXT + MC_REG(18));
  saw_fcsr = *(unsigned *)(uc + UC_MCONTEXT + MC_FCSR);
  mask_had_sig = (*(unsigned long *)(uc + UC_SIGMASK) >> (SIGSEGV - 1)) & 1;
  char probe;
  on_alt = &probe >= altstack && &probe < altstack + sizeof altstack;
  *pc += 4; /* skip the (uncompressed) faulting instruction */
}

static volatile int usr1;
static void on_usr1(int sig, void *info, void *uc) {
  (void)info;
  (void)uc;
  usr1 += sig;
}

static void ill(int sig, void *info, void *ucv) {
  char *uc = ucv;
  (void)info;
  last_signo = sig;
  *(unsigned long *)(uc + UC_MCONTEXT + MC_PC) += 4;
}

static long sigaction(int sig, void (*h)(int, void *, void *), unsigned long flags) {
  struct ksigaction a = {h, flags, 0};
  return rt_syscall(SYS_rt_sigaction, sig, (long)&a, 0, 8, 0, 0);
}

static long load_at(unsigned long addr) {
  long v = 0x5a5a;
  register long s2 __asm__("s2") = 0x1234567;
  __asm__ volatile(".option push\n.option norvc\nld %0, 0(%1)\n.option pop" : "+r"(v) : "r"(addr), "r"(s2) : "memory");
  return v;
}

static void store_at(unsigned long addr) {
  __asm__ volatile(".option push\n.option norvc\nsd zero, 0(%0)\n.option pop" : : "r"(addr) : "memory");
}

int main(int argc, char **argv) {
  (void)argv;
  rt_printf("sigaction: %ld\n", sigaction(SIGSEGV, segv, SA_SIGINFO));
  /* set fcsr: frm = 1 (RTZ), fflags = NX */
  __asm__ volatile("csrw fcsr, %0" : : "r"(0x21));

  expect_addr = 0x10;
  long v = load_at(0x10);
  rt_printf("load unmapped: hits=%d signo=%ld code=%ld addr_ok=%ld value=%ld s2=%lx fcsr=%lx masked=%ld\n", hits, last_signo, last_code, last_addr_ok, v, saw_s2, saw_fcsr, mask_had_sig);

  char *ro = rt_mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  expect_addr = (unsigned long)ro + 8;
  store_at((unsigned long)ro + 8);
  rt_printf("store read-only: hits=%d code=%ld addr_ok=%ld\n", hits, last_code, last_addr_ok);

  /* on an alternate stack */
  struct {
    void *sp;
    int flags;
    unsigned long size;
  } ss = {altstack, 0, sizeof altstack};
  rt_printf("sigaltstack: %ld\n", rt_syscall(SYS_sigaltstack, (long)&ss, 0, 0, 0, 0, 0));
  sigaction(SIGSEGV, segv, SA_SIGINFO | SA_ONSTACK);
  expect_addr = 0x20;
  load_at(0x20);
  rt_printf("altstack: hits=%d on_alt=%ld\n", hits, on_alt);

  /* kill while blocked: delivered at unblock */
  sigaction(SIGUSR1, on_usr1, SA_SIGINFO);
  unsigned long set = 1ul << (SIGUSR1 - 1), old = 0;
  rt_syscall(SYS_rt_sigprocmask, 0, (long)&set, (long)&old, 8, 0, 0);
  rt_syscall(SYS_kill, rt_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0), SIGUSR1, 0, 0, 0, 0);
  rt_printf("blocked: usr1=%d\n", usr1);
  rt_syscall(SYS_rt_sigprocmask, 1, (long)&set, 0, 8, 0, 0);
  rt_printf("unblocked: usr1=%d\n", usr1);

  /* an illegal instruction */
  sigaction(SIGILL, ill, SA_SIGINFO);
  __asm__ volatile(".word 0xffffffff");
  rt_printf("sigill: signo=%ld\n", last_signo);

  /* bad sigaction arguments */
  rt_printf("sigaction(SIGKILL): %ld, bad size: %ld\n", sigaction(9, segv, 0), rt_syscall(SYS_rt_sigaction, SIGUSR1, 0, 0, 4, 0, 0));

  if (argc > 1) {
    sigaction(SIGSEGV, 0, 0); /* SIG_DFL */
    rt_printf("now faulting for real\n");
    load_at(0x30);
    rt_printf("not reached\n");
  }
  return 0;
}
