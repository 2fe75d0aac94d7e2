/* Timers that fire on riscv64 (a subset of testdata/arm/timers.c): setitimer ITIMER_REAL (periodic,
 * counted with rt_sigsuspend: riscv64 has no pause), ITIMER_VIRTUAL and ITIMER_PROF (counted while
 * spinning), a timer signal interrupting nanosleep (EINTR, time left), and a POSIX timer with
 * SIGEV_SIGNAL and a sigev_value (si_code SI_TIMER, si_value at offset 24). Each handler disarms its
 * timer at the count it waits for and ignores a signal already pending then, so the output does not
 * depend on timing. */
#include "rt.h"

#define SYS_nanosleep 101
#define SYS_getitimer 102
#define SYS_setitimer 103
#define SYS_timer_create 107
#define SYS_timer_settime 110
#define SYS_timer_delete 111
#define SYS_rt_sigsuspend 133
#define SYS_rt_sigaction 134
#define SA_SIGINFO 4
#define SA_RESTART 0x10000000
#define SIGUSR1 10
#define SIGALRM 14
#define SIGVTALRM 26
#define SIGPROF 27

struct ksigaction {
  void (*handler)(int, void *, void *);
  unsigned long flags;
  unsigned long mask;
};
struct itimerval64 {
  long isec, iusec, vsec, vusec;
};
struct itimerspec64 {
  long isec, insec, vsec, vnsec;
};
struct sigevent64 {
  long value;
  int signo, notify, tid;
  int pad[11];
};

static volatile int hits[65], limit[65], done[65], which_of[65] = {[SIGALRM] = 0, [SIGVTALRM] = 1, [SIGPROF] = 2};
static volatile long posix_of[65], last_code, last_value;

static long setit(int which, long iusec, long vsec, long vusec) {
  struct itimerval64 v = {0, iusec, vsec, vusec};
  return rt_syscall(SYS_setitimer, which, (long)&v, 0, 0, 0, 0);
}

static void handler(int sig, void *info, void *uc) {
  (void)uc;
  if (done[sig]) return;
  hits[sig]++;
  last_code = ((int *)info)[2];
  last_value = *(long *)((char *)info + 24);
  if (limit[sig] && hits[sig] == limit[sig]) {
    done[sig] = 1;
    if (posix_of[sig]) {
      struct itimerspec64 zero = {0, 0, 0, 0};
      rt_syscall(SYS_timer_settime, posix_of[sig], 0, (long)&zero, 0, 0, 0);
    } else
      setit(which_of[sig], 0, 0, 0);
  }
}

static void on(int sig, unsigned long flags) {
  struct ksigaction a = {handler, SA_SIGINFO | flags, 0};
  rt_syscall(SYS_rt_sigaction, sig, (long)&a, 0, 8, 0, 0);
}

int main(void) {
  on(SIGALRM, 0);
  on(SIGVTALRM, SA_RESTART);
  on(SIGPROF, SA_RESTART);
  on(SIGUSR1, SA_RESTART);
  unsigned long none = 0;
  limit[SIGALRM] = 5;
  rt_printf("setitimer REAL 20ms/20ms: %ld\n", setit(0, 20000, 0, 20000));
  while (hits[SIGALRM] < 5) rt_syscall(SYS_rt_sigsuspend, (long)&none, 8, 0, 0, 0, 0);
  rt_printf("SIGALRM: %d si_code %ld\n", hits[SIGALRM], last_code);
  limit[SIGVTALRM] = 3;
  rt_printf("setitimer VIRTUAL 10ms/10ms: %ld\n", setit(1, 10000, 0, 10000));
  for (volatile unsigned i = 0; hits[SIGVTALRM] < 3; i++) {
  }
  rt_printf("SIGVTALRM: %d si_code %ld\n", hits[SIGVTALRM], last_code);
  limit[SIGPROF] = 3;
  rt_printf("setitimer PROF 10ms/10ms: %ld\n", setit(2, 10000, 0, 10000));
  for (volatile unsigned i = 0; hits[SIGPROF] < 3; i++) {
  }
  rt_printf("SIGPROF: %d si_code %ld\n", hits[SIGPROF], last_code);
  done[SIGALRM] = 0;
  hits[SIGALRM] = 0;
  setit(0, 0, 0, 30000);
  long ts[2] = {5, 0}, rem[2] = {0, 0};
  long r = rt_syscall(SYS_nanosleep, (long)ts, (long)rem, 0, 0, 0, 0);
  rt_printf("nanosleep interrupted: %ld, SIGALRM %d, time left in (4s, 5s) %d\n", r, hits[SIGALRM], rem[0] == 4 && rem[1] > 0);
  struct sigevent64 ev = {0x5678, SIGUSR1, 0, 0, {0}};
  long id = -1;
  rt_printf("timer_create: %ld id %lx\n", rt_syscall(SYS_timer_create, 1, (long)&ev, (long)&id, 0, 0, 0), id);
  posix_of[SIGUSR1] = id;
  limit[SIGUSR1] = 3;
  struct itimerspec64 its = {0, 10000000, 0, 10000000};
  rt_printf("timer_settime: %ld\n", rt_syscall(SYS_timer_settime, id, 0, (long)&its, 0, 0, 0));
  while (hits[SIGUSR1] < 3) rt_syscall(SYS_rt_sigsuspend, (long)&none, 8, 0, 0, 0, 0);
  rt_printf("SIGUSR1: %d si_code %ld si_value %lx\n", hits[SIGUSR1], last_code, last_value);
  rt_printf("timer_delete: %ld\n", rt_syscall(SYS_timer_delete, id, 0, 0, 0, 0, 0));
  return 0;
}
