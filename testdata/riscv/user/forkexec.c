/*
 * Processes coming and going: `forkexec N` runs N rounds of fork (clone with SIGCHLD), execve of
 * /proc/self/exe with the argument "child" (which exits with status 7 at once) and wait4 for that
 * status, printing "round R" every 1000 rounds and "done" at the end. Any failure prints what
 * failed and exits 1. test/linux-user/rss.test.ts runs 10,000 rounds and watches the host's RSS.
 */
#include "rt.h"

#define SYS_clone 220
#define SYS_execve 221
#define SYS_wait4 260
#define SIGCHLD 17

static long parse(const char *s) {
  long v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return v;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) return 7;
  long rounds = argc > 1 ? parse(argv[1]) : 1000;
  for (long i = 1; i <= rounds; i++) {
    long pid = rt_syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
    if (pid < 0) {
      rt_printf("fork failed: %ld at round %ld\n", pid, i);
      return 1;
    }
    if (pid == 0) {
      char *args[] = {argv[0], "child", NULL};
      long r = rt_syscall(SYS_execve, (long)"/proc/self/exe", (long)args, (long)rt_environ, 0, 0, 0);
      rt_printf("execve failed: %ld\n", r);
      rt_exit(127);
    }
    int status = -1;
    long w = rt_syscall(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
    if (w != pid || status != 7 << 8) {
      rt_printf("wait4 gave %ld, status %d at round %ld\n", w, status, i);
      return 1;
    }
    if (i % 1000 == 0) rt_printf("round %ld\n", i);
  }
  rt_puts("done");
  return 0;
}
