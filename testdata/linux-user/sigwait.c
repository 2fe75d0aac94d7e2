/* sigwait, sigwaitinfo and sigtimedwait (rt_sigtimedwait, and rt_sigtimedwait_time64 through glibc on 32-bit
 * ABIs), built static with glibc for riscv64, armhf and i386 (tools/build-testdata.sh,
 * tools/build-testdata-arm.sh, testdata/i386/progs/build.sh) and compared with qemu-<arch>:
 * pending signals taken in Linux's order (standard before real-time, lowest first, a real-time signal
 * queued twice), their siginfo, a timeout (EAGAIN), bad arguments, SIGALRM from a timer, a signal from
 * another process while waiting, an unblocked handled signal ending the wait (EINTR), an unblocked
 * waited-for signal taken without running its handler, SIGCHLD's siginfo, a blocked ignored signal, and
 * a process-wide signal taken by the thread that waits for it, and the order pending signals reach their
 * handlers in. Only what does not depend on timing or
 * on pids is printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled[65];
static void on_signal(int sig) { handled[sig]++; }
static volatile int order[16], norder;
static void log_signal(int sig) {
  if (norder < 16) order[norder++] = sig;
}

static const char *errname(int e) {
  switch (e) {
    case EAGAIN: return "EAGAIN";
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    default: return "other";
  }
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* what a siginfo says, with pids as their relation to us */
static void show(const char *what, int r, const siginfo_t *si, pid_t child) {
  if (r < 0) {
    printf("%s: -1 %s\n", what, errname(errno));
    return;
  }
  const char *from = si->si_pid == getpid() ? "self" : si->si_pid == child && child ? "child" : si->si_pid == 0 ? "0" : "other";
  printf("%s: %d signo=%d code=%d pid=%s uid=%s", what, r, si->si_signo, si->si_code, from, si->si_uid == getuid() ? "ok" : "other");
  if (si->si_signo == SIGCHLD) printf(" status=%d", si->si_status);
  if (si->si_code == SI_QUEUE) printf(" value=%d", si->si_value.sival_int);
  printf("\n");
}

/* waits until process pid sleeps (in the call the test is about), as /proc/<pid>/stat says */
static void wait_sleeping(pid_t pid) {
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  for (int i = 0; i < 20000; i++) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) break;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n > 0) {
      buf[n] = 0;
      char *p = strrchr(buf, ')');
      if (p && p[1] == ' ' && p[2] == 'S') return;
    }
    usleep(500);
  }
  printf("child: parent never slept\n");
}

/* a child that sends sig to its parent once the parent sleeps, then exits */
static pid_t sender(int sig) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    wait_sleeping(getppid());
    kill(getppid(), sig);
    _exit(0);
  }
  return pid;
}

static void reap(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid || st != 0) printf("child ended badly: %#x\n", st);
}

static sigset_t set_of(int a, int b) {
  sigset_t s;
  sigemptyset(&s);
  if (a) sigaddset(&s, a);
  if (b) sigaddset(&s, b);
  return s;
}

static void *waiter_thread(void *arg) {
  (void)arg;
  sigset_t s = set_of(SIGUSR1, SIGUSR2);
  for (int i = 0; i < 2; i++) {
    int sig = 0;
    int r = sigwait(&s, &sig);
    printf("thread sigwait: %d sig=%d\n", r, sig);
  }
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  siginfo_t si;
  struct timespec ts;
  const int RT0 = SIGRTMIN, RT1 = SIGRTMIN + 1;
  sigset_t all;
  sigemptyset(&all);
  int waited[] = {SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGHUP};
  for (unsigned i = 0; i < sizeof waited / sizeof waited[0]; i++) sigaddset(&all, waited[i]);
  sigaddset(&all, RT0);
  sigaddset(&all, RT1);
  sigprocmask(SIG_BLOCK, &all, NULL);

  /* 1. pending signals, in Linux's order */
  kill(getpid(), RT1);
  kill(getpid(), SIGUSR2);
  kill(getpid(), RT0);
  sigqueue(getpid(), RT0, (union sigval){.sival_int = 7});
  raise(SIGTERM); /* tgkill: SI_TKILL */
  kill(getpid(), SIGUSR1);
  kill(getpid(), SIGUSR1); /* standard signals don't queue */
  for (int i = 0; i < 6; i++) {
    memset(&si, 0, sizeof si);
    show("sigwaitinfo", sigwaitinfo(&all, &si), &si, 0);
  }
  ts = (struct timespec){0, 0};
  show("sigtimedwait zero", sigtimedwait(&all, &si, &ts), &si, 0);

  /* sigwait (no siginfo) and the plain rt_sigtimedwait syscall with a NULL info */
  kill(getpid(), SIGHUP);
  int sig = 0;
  int rw = sigwait(&all, &sig);
  printf("sigwait: %d sig=%d\n", rw, sig);
  kill(getpid(), SIGHUP);
  sigset_t hup = set_of(SIGHUP, 0);
  printf("rt_sigtimedwait NULL info: %ld\n", syscall(SYS_rt_sigtimedwait, &hup, NULL, NULL, 8));

  /* 2. a timeout */
  long long t0 = now_ms();
  ts = (struct timespec){0, 100000000};
  show("sigtimedwait 100ms", sigtimedwait(&all, &si, &ts), &si, 0);
  long long dt = now_ms() - t0;
  printf("waited at least 100ms: %s\n", dt >= 99 && dt < 5000 ? "yes" : "no");
  struct {
    long sec, nsec;
  } native = {0, 20000000};
  errno = 0;
  long r = syscall(SYS_rt_sigtimedwait, &all, &si, &native, 8);
  printf("rt_sigtimedwait 20ms: %ld %s\n", r, errname(errno));

  /* 3. bad arguments */
  ts = (struct timespec){0, 1000000000};
  show("nsec 1e9", sigtimedwait(&all, &si, &ts), &si, 0);
  ts = (struct timespec){-1, 0};
  show("negative sec", sigtimedwait(&all, &si, &ts), &si, 0);
  errno = 0;
  r = syscall(SYS_rt_sigtimedwait, &all, &si, NULL, 4);
  printf("sigsetsize 4: %ld %s\n", r, errname(errno));
  errno = 0;
  r = syscall(SYS_rt_sigtimedwait, (void *)16, &si, NULL, 8);
  printf("bad set: %ld %s\n", r, errname(errno));
  errno = 0;
  r = syscall(SYS_rt_sigtimedwait, &all, &si, (void *)16, 8);
  printf("bad timeout: %ld %s\n", r, errname(errno));

  /* 4. SIGALRM from a timer */
  struct itimerval it = {{0, 0}, {0, 50000}};
  setitimer(ITIMER_REAL, &it, NULL);
  sigset_t alrm = set_of(SIGALRM, 0);
  show("SIGALRM", sigwaitinfo(&alrm, &si), &si, 0);

  /* 5. a signal from another process while we wait */
  pid_t child = sender(SIGUSR1);
  ts = (struct timespec){10, 0};
  sigset_t usr1 = set_of(SIGUSR1, 0);
  show("from a child", sigtimedwait(&usr1, &si, &ts), &si, child);
  reap(child);

  /* 6. an unblocked handled signal outside the set ends the wait: EINTR after the handler */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESTART; /* never restarted all the same */
  sigaction(SIGUSR2, &sa, NULL);
  sigset_t usr2 = set_of(SIGUSR2, 0);
  sigprocmask(SIG_UNBLOCK, &usr2, NULL);
  child = sender(SIGUSR2);
  show("interrupted", sigtimedwait(&usr1, &si, &ts), &si, child);
  printf("handler ran: %d\n", handled[SIGUSR2]);
  reap(child);

  /* 7. an unblocked waited-for signal is taken, its handler does not run */
  child = sender(SIGUSR2);
  show("unblocked in set", sigtimedwait(&usr2, &si, &ts), &si, child);
  printf("handler ran: %d\n", handled[SIGUSR2]);
  reap(child);

  /* 8. SIGCHLD with the child's status (blocked only now: the senders' SIGCHLD were discarded) */
  sigset_t chld = set_of(SIGCHLD, 0);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  fflush(stdout);
  child = fork();
  if (child == 0) _exit(7);
  show("SIGCHLD", sigwaitinfo(&chld, &si), &si, child);
  int st = 0;
  pid_t w = waitpid(child, &st, 0);
  printf("waitpid: %s status=%#x\n", w == child ? "child" : "?", st);

  /* 9. a blocked signal whose action is to ignore it is still queued for sigwait */
  signal(SIGUSR1, SIG_IGN);
  kill(getpid(), SIGUSR1);
  show("ignored but blocked", sigwaitinfo(&usr1, &si), &si, 0);
  signal(SIGUSR1, SIG_DFL);

  /* 10. signals sent to the process while every thread blocks them: the thread in sigwait takes them */
  sigprocmask(SIG_BLOCK, &usr2, NULL);
  pthread_t th;
  pthread_create(&th, NULL, waiter_thread, NULL);
  kill(getpid(), SIGUSR1);
  usleep(50000);
  kill(getpid(), SIGUSR2);
  pthread_join(th, NULL);
  printf("handler ran: %d\n", handled[SIGUSR2]);

  /* 11. pending signals run their handlers in the order Linux dequeues them, lowest first (each frame
   * goes on top of the last, so the handler of the last one taken runs first) */
  int sigs[] = {SIGUSR2, RT0 + 6, SIGUSR1, RT1, SIGHUP};
  sigset_t five;
  sigemptyset(&five);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = log_signal;
  for (int i = 0; i < 5; i++) {
    sigaction(sigs[i], &sa, NULL);
    sigaddset(&five, sigs[i]);
  }
  sigprocmask(SIG_BLOCK, &five, NULL);
  for (int i = 0; i < 5; i++) kill(getpid(), sigs[i]);
  sigprocmask(SIG_UNBLOCK, &five, NULL);
  printf("handlers ran:");
  for (int i = 0; i < norder; i++) printf(" %d", order[i]);
  printf("\n");
  return 0;
}
