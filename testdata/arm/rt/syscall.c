/* Raw Linux syscall wrappers (ARM EABI: number in r7, args in r0..r5, result in r0). */
#include "rt.h"

long rt_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5) {
  register long r0 __asm__("r0") = a0;
  register long r1 __asm__("r1") = a1;
  register long r2 __asm__("r2") = a2;
  register long r3 __asm__("r3") = a3;
  register long r4 __asm__("r4") = a4;
  register long r5 __asm__("r5") = a5;
  register long r7 __asm__("r7") = n;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7) : "memory");
  return r0;
}

long rt_write(int fd, const void *buf, size_t n) { return rt_syscall(SYS_write, fd, (long)buf, (long)n, 0, 0, 0); }
long rt_read(int fd, void *buf, size_t n) { return rt_syscall(SYS_read, fd, (long)buf, (long)n, 0, 0, 0); }
long rt_openat(int dirfd, const char *path, int flags, int mode) {
  return rt_syscall(SYS_openat, dirfd, (long)path, flags, mode, 0, 0);
}
long rt_close(int fd) { return rt_syscall(SYS_close, fd, 0, 0, 0, 0, 0); }
long rt_lseek(int fd, long off, int whence) { return rt_syscall(SYS_lseek, fd, off, whence, 0, 0, 0); }
long rt_brk(void *addr) { return rt_syscall(SYS_brk, (long)addr, 0, 0, 0, 0, 0); }
void *rt_mmap(void *addr, size_t len, int prot, int flags, int fd, long off) {
  return (void *)rt_syscall(SYS_mmap2, (long)addr, (long)len, prot, flags, fd, off >> 12);
}
long rt_munmap(void *addr, size_t len) { return rt_syscall(SYS_munmap, (long)addr, (long)len, 0, 0, 0, 0); }
long rt_mprotect(void *addr, size_t len, int prot) {
  return rt_syscall(SYS_mprotect, (long)addr, (long)len, prot, 0, 0, 0);
}
void rt_exit(int code) {
  for (;;) rt_syscall(SYS_exit_group, code, 0, 0, 0, 0, 0);
}

long rt_write_all(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n > 0) {
    long r = rt_write(fd, p, n);
    if (r < 0) return r;
    if (r == 0) return -5; /* EIO */
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

const char *rt_getenv(const char *name) {
  size_t n = strlen(name);
  for (char **e = rt_environ; e && *e; e++) {
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  }
  return NULL;
}

long rt_sigaction(int sig, void *handler, unsigned long flags, void *restorer) {
  struct k_sigaction sa = {handler, flags | (restorer ? SA_RESTORER : 0), restorer, {0, 0}};
  return rt_syscall(SYS_rt_sigaction, sig, (long)&sa, 0, 8, 0, 0);
}

long rt_kill_self(int sig) {
  return rt_syscall(SYS_tkill, rt_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0), sig, 0, 0, 0, 0);
}
