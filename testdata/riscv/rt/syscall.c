/* Raw Linux syscall wrappers (riscv64: number in a7, args in a0..a5, result in a0). */
#include "rt.h"

long rt_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5) {
  register long r_a0 __asm__("a0") = a0;
  register long r_a1 __asm__("a1") = a1;
  register long r_a2 __asm__("a2") = a2;
  register long r_a3 __asm__("a3") = a3;
  register long r_a4 __asm__("a4") = a4;
  register long r_a5 __asm__("a5") = a5;
  register long r_a7 __asm__("a7") = n;
  __asm__ volatile("ecall"
                   : "+r"(r_a0)
                   : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
                   : "memory");
  return r_a0;
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
  return (void *)rt_syscall(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);
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
