/* Timers that fire (built -marm): setitimer ITIMER_REAL (periodic, counted with pause), ITIMER_VIRTUAL and
 * ITIMER_PROF (counted while spinning), getitimer and the old value setitimer returns, their errors, a
 * forked child that does not inherit them, a timer signal interrupting a blocking read (EINTR) and a
 * nanosleep (EINTR, time left), POSIX timers (timer_create with SIGEV_SIGNAL and a sigev_value,
 * SIGEV_NONE, CLOCK_PROCESS_CPUTIME_ID, timer_settime/gettime/delete and their errors). Output is only
 * what does not depend on timing: counts, codes, values, and times checked against bounds. */
#include "rt.h"

#define SYS_fork 2
#define SYS_pause 29
#define SYS_setitimer 104
#define SYS_getitimer 105
#define SYS_wait4 114
#define SYS_nanosleep 162
#define SYS_timer_create 257
#define SYS_timer_settime 258
#define SYS_timer_gettime 259
#define SYS_timer_getoverrun 260
#define SYS_timer_delete 261
#define SYS_pipe2 359
#define SIGALRM 14
#define SIGVTALRM 26
#define SIGPROF 27
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2

struct timeval32 {
  long sec, usec;
};
struct itimerval32 {
  struct timeval32 interval, value;
};
struct timespec32 {
  long sec, nsec;
};
struct itimerspec32 {
  struct timespec32 interval, value;
};
struct sigevent32 {
  long value;
  int signo, notify, tid;
  int pad[12];
};

static long sys(long n, long a, long b, long c, long d, long e, long f) { return rt_syscall(n, a, b, c, d, e, f); }

static volatile int hits[65];
static volatile int last_code, last_value, last_signo;
/* the handler disarms a periodic timer itself at its limit, so no expiry can come after the count */
static volatile int limit[65], itimer_of[65] = {[SIGALRM] = ITIMER_REAL, [SIGVTALRM] = ITIMER_VIRTUAL, [SIGPROF] = ITIMER_PROF};
static volatile long posix_of[65];
static volatile int done[65];

static long setit(int which, long isec, long iusec, long vsec, long vusec, struct itimerval32 *old) {
  struct itimerval32 v = {{isec, iusec}, {vsec, vusec}};
  return sys(SYS_setitimer, which, (long)&v, (long)old, 0, 0, 0);
}

static void handler(int sig, rt_siginfo *si, void *ctx) {
  (void)ctx;
  if (done[sig]) return; /* an expiry that was already pending when the handler disarmed the timer */
  hits[sig]++;
  last_signo = si->si_signo;
  last_code = si->si_code;
  last_value = si->u.k.status; /* si_value: after si_tid and si_overrun (offset 20) */
  if (limit[sig] && hits[sig] == limit[sig]) {
    limit[sig] = 0;
    done[sig] = 1;
    if (posix_of[sig]) {
      struct itimerspec32 zero = {{0, 0}, {0, 0}};
      sys(SYS_timer_settime, posix_of[sig], 0, (long)&zero, 0, 0, 0);
    } else
      setit(itimer_of[sig], 0, 0, 0, 0, 0);
  }
}

static void spin_until(int sig, int n) {
  for (volatile unsigned i = 0; hits[sig] < n; i++) {
  }
}

int main(void) {
  rt_sigaction(SIGALRM, (void *)handler, SA_SIGINFO, 0);
  rt_sigaction(SIGVTALRM, (void *)handler, SA_SIGINFO | SA_RESTART, 0);
  rt_sigaction(SIGPROF, (void *)handler, SA_SIGINFO | SA_RESTART, 0);
  rt_sigaction(SIGUSR1, (void *)handler, SA_SIGINFO | SA_RESTART, 0);
  struct itimerval32 cur;

  /* ---- ITIMER_REAL, periodic */
  limit[SIGALRM] = 5;
  long r0 = setit(ITIMER_REAL, 0, 20000, 0, 20000, 0);
  sys(SYS_getitimer, ITIMER_REAL, (long)&cur, 0, 0, 0, 0);
  rt_printf("setitimer REAL 20ms/20ms: %ld\n", r0);
  rt_printf("armed: interval %ld.%06ld value <= 20ms %d\n", cur.interval.sec, cur.interval.usec,
            cur.value.sec == 0 && cur.value.usec <= 20000);
  while (hits[SIGALRM] < 5) sys(SYS_pause, 0, 0, 0, 0, 0, 0);
  rt_printf("alarms: %d, si_signo %d si_code %d\n", hits[SIGALRM], last_signo, last_code);
  done[SIGALRM] = 0;
  rt_printf("disarm: %ld\n", setit(ITIMER_REAL, 0, 0, 0, 0, &cur));
  sys(SYS_getitimer, ITIMER_REAL, (long)&cur, 0, 0, 0, 0);
  rt_printf("after disarm: %ld.%06ld %ld.%06ld\n", cur.interval.sec, cur.interval.usec, cur.value.sec, cur.value.usec);

  /* ---- the old value, bounds, errors */
  setit(ITIMER_REAL, 0, 0, 10, 0, 0);
  sys(SYS_getitimer, ITIMER_REAL, (long)&cur, 0, 0, 0, 0);
  rt_printf("10s one-shot: left in (9s, 10s] %d\n", (cur.value.sec == 9 && cur.value.usec > 0) || (cur.value.sec == 10 && cur.value.usec == 0));
  setit(ITIMER_REAL, 0, 0, 0, 0, &cur);
  rt_printf("old value on disarm in (9s, 10s] %d, interval %ld.%06ld\n",
            (cur.value.sec == 9 && cur.value.usec > 0) || (cur.value.sec == 10 && cur.value.usec == 0), cur.interval.sec,
            cur.interval.usec);
  rt_printf("bad which: %ld, usec 1000000: %ld, negative: %ld, getitimer bad which: %ld\n", setit(3, 0, 0, 1, 0, 0),
            setit(ITIMER_REAL, 0, 0, 0, 1000000, 0), setit(ITIMER_REAL, 0, 0, -1, 0, 0),
            sys(SYS_getitimer, 5, (long)&cur, 0, 0, 0, 0));
  rt_printf("NULL new value disarms: %ld\n", sys(SYS_setitimer, ITIMER_REAL, 0, 0, 0, 0, 0));

  /* ---- CPU-time itimers */
  limit[SIGVTALRM] = 3;
  rt_printf("setitimer VIRTUAL 10ms/10ms: %ld\n", setit(ITIMER_VIRTUAL, 0, 10000, 0, 10000, 0));
  spin_until(SIGVTALRM, 3);
  setit(ITIMER_VIRTUAL, 0, 0, 0, 0, 0);
  rt_printf("SIGVTALRM: %d, si_code %d\n", hits[SIGVTALRM], last_code);
  limit[SIGPROF] = 3;
  rt_printf("setitimer PROF 10ms/10ms: %ld\n", setit(ITIMER_PROF, 0, 10000, 0, 10000, 0));
  spin_until(SIGPROF, 3);
  setit(ITIMER_PROF, 0, 0, 0, 0, 0);
  rt_printf("SIGPROF: %d, si_code %d\n", hits[SIGPROF], last_code);

  /* ---- fork: the child has no timers */
  setit(ITIMER_REAL, 0, 0, 10, 0, 0);
  long pid = sys(SYS_fork, 0, 0, 0, 0, 0, 0);
  if (pid == 0) {
    sys(SYS_getitimer, ITIMER_REAL, (long)&cur, 0, 0, 0, 0);
    rt_printf("child: REAL value %ld.%06ld\n", cur.value.sec, cur.value.usec);
    rt_exit(0);
  }
  int status = -1;
  sys(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
  rt_printf("child status %d\n", status);
  setit(ITIMER_REAL, 0, 0, 0, 0, 0);

  /* ---- a timer interrupts blocking calls (SIGALRM without SA_RESTART) */
  int p[2];
  sys(SYS_pipe2, (long)p, 0, 0, 0, 0, 0);
  setit(ITIMER_REAL, 0, 0, 0, 30000, 0);
  char c;
  rt_printf("read interrupted: %ld\n", rt_read(p[0], &c, 1));
  struct timespec32 ts = {5, 0}, rem = {0, 0};
  setit(ITIMER_REAL, 0, 0, 0, 30000, 0);
  long r = sys(SYS_nanosleep, (long)&ts, (long)&rem, 0, 0, 0, 0);
  rt_printf("nanosleep interrupted: %ld, time left in (4s, 5s) %d\n", r, rem.sec == 4 && rem.nsec > 0);

  /* ---- POSIX timers */
  struct sigevent32 ev = {0x1234, SIGUSR1, SIGEV_SIGNAL, 0, {0}};
  long id = -1;
  rt_printf("timer_create: %ld, id %08lx\n", sys(SYS_timer_create, CLOCK_MONOTONIC, (long)&ev, (long)&id, 0, 0, 0), id);
  struct itimerspec32 its = {{0, 10000000}, {0, 10000000}}, oits;
  posix_of[SIGUSR1] = id;
  limit[SIGUSR1] = 3;
  rt_printf("timer_settime 10ms/10ms: %ld\n", sys(SYS_timer_settime, id, 0, (long)&its, 0, 0, 0));
  while (hits[SIGUSR1] < 3) sys(SYS_pause, 0, 0, 0, 0, 0, 0);
  rt_printf("SIGUSR1: %d, si_signo %d si_code %d si_value %x\n", hits[SIGUSR1], last_signo, last_code, last_value);
  struct itimerspec32 zero = {{0, 0}, {0, 0}};
  rt_printf("disarm again: %ld, old interval %ld.%09ld value %ld.%09ld\n",
            sys(SYS_timer_settime, id, 0, (long)&zero, (long)&oits, 0, 0), oits.interval.sec, oits.interval.nsec, oits.value.sec,
            oits.value.nsec);
  sys(SYS_timer_gettime, id, (long)&oits, 0, 0, 0, 0);
  rt_printf("gettime disarmed: %ld.%09ld %ld.%09ld\n", oits.interval.sec, oits.interval.nsec, oits.value.sec, oits.value.nsec);
  rt_printf("bad id: settime %ld gettime %ld getoverrun %ld delete %ld\n", sys(SYS_timer_settime, 0, 0, (long)&its, 0, 0, 0),
            sys(SYS_timer_gettime, 0x1234, (long)&oits, 0, 0, 0, 0), sys(SYS_timer_getoverrun, 0x1234, 0, 0, 0, 0, 0),
            sys(SYS_timer_delete, 7, 0, 0, 0, 0, 0));
  struct itimerspec32 bad = {{0, 0}, {0, 1000000000}};
  rt_printf("nsec 1e9: %ld, NULL value: %ld\n", sys(SYS_timer_settime, id, 0, (long)&bad, 0, 0, 0),
            sys(SYS_timer_settime, id, 0, 0, 0, 0, 0));
  rt_printf("delete: %ld, again: %ld\n", sys(SYS_timer_delete, id, 0, 0, 0, 0, 0), sys(SYS_timer_delete, id, 0, 0, 0, 0, 0));

  struct sigevent32 none = {0, 0, SIGEV_NONE, 0, {0}};
  long id2 = -1;
  sys(SYS_timer_create, CLOCK_MONOTONIC, (long)&none, (long)&id2, 0, 0, 0);
  struct itimerspec32 ten = {{0, 0}, {10, 0}};
  sys(SYS_timer_settime, id2, 0, (long)&ten, 0, 0, 0);
  sys(SYS_timer_gettime, id2, (long)&oits, 0, 0, 0, 0);
  rt_printf("SIGEV_NONE id %08lx, left in (9s, 10s] %d\n", id2, (oits.value.sec == 9 && oits.value.nsec > 0) || oits.value.sec == 10);
  struct sigevent32 badev = {0, 99, SIGEV_SIGNAL, 0, {0}};
  long id3 = -1;
  rt_printf("bad signal: %ld, bad notify: %ld\n", sys(SYS_timer_create, CLOCK_MONOTONIC, (long)&badev, (long)&id3, 0, 0, 0),
            (badev.signo = SIGUSR1, badev.notify = 7, sys(SYS_timer_create, CLOCK_MONOTONIC, (long)&badev, (long)&id3, 0, 0, 0)));
  sys(SYS_timer_delete, id2, 0, 0, 0, 0, 0);

  struct sigevent32 cpu = {0x77, SIGPROF, SIGEV_SIGNAL, 0, {0}};
  long id4 = -1;
  rt_printf("CPU-time timer: %ld, id %08lx\n", sys(SYS_timer_create, CLOCK_PROCESS_CPUTIME_ID, (long)&cpu, (long)&id4, 0, 0, 0), id4);
  struct itimerspec32 once = {{0, 0}, {0, 20000000}};
  hits[SIGPROF] = 0;
  done[SIGPROF] = 0;
  sys(SYS_timer_settime, id4, 0, (long)&once, 0, 0, 0);
  spin_until(SIGPROF, 1);
  rt_printf("SIGPROF from the CPU-time timer: si_code %d si_value %x\n", last_code, last_value);
  sys(SYS_timer_gettime, id4, (long)&oits, 0, 0, 0, 0);
  rt_printf("expired one-shot: %ld.%09ld\n", oits.value.sec, oits.value.nsec);
  return 0;
}
