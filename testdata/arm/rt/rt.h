/* tciemu's tiny freestanding runtime for ARM (EABI, armhf) Linux user-mode test programs. */
#ifndef TCIEMU_RT_H
#define TCIEMU_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Linux ARM EABI syscall numbers (r7) */
#define SYS_exit 1
#define SYS_read 3
#define SYS_write 4
#define SYS_close 6
#define SYS_getpid 20
#define SYS_kill 37
#define SYS_brk 45
#define SYS_munmap 91
#define SYS_mprotect 125
#define SYS_sigaction 67
#define SYS_sigaltstack 186
#define SYS_mmap2 192
#define SYS_gettid 224
#define SYS_tkill 238
#define SYS_exit_group 248
#define SYS_rt_sigaction 174
#define SYS_rt_sigprocmask 175
#define SYS_openat 322
#define SYS_lseek 19
#define SYS_cacheflush 0xf0002
#define SYS_set_tls 0xf0005

#define AT_FDCWD (-100)
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void *)-1)

/* from start.S */
extern long rt_argc;
extern char **rt_argv;
extern char **rt_environ;

long rt_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);
long rt_write(int fd, const void *buf, size_t n);
long rt_read(int fd, void *buf, size_t n);
long rt_openat(int dirfd, const char *path, int flags, int mode);
long rt_close(int fd);
long rt_lseek(int fd, long off, int whence);
long rt_brk(void *addr);
void *rt_mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
long rt_munmap(void *addr, size_t len);
long rt_mprotect(void *addr, size_t len, int prot);
__attribute__((noreturn)) void rt_exit(int code);

/* writes all of buf (retrying short writes); returns 0 or -errno */
long rt_write_all(int fd, const void *buf, size_t n);

/* printf subset: %d %i %u %x %X %o %c %s %p %% with l/ll/z, width, '0', '-' */
int rt_vsnprintf(char *out, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int rt_dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_puts(const char *s); /* writes s and a newline */

const char *rt_getenv(const char *name);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* ---- signals (the kernel's ARM structures) */
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SA_SIGINFO 0x4
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_RESTORER 0x04000000

struct k_sigaction {
  void *handler;
  unsigned long flags;
  void *restorer;
  unsigned long mask[2];
};

typedef struct {
  int si_signo, si_errno, si_code;
  union {
    void *addr;
    struct {
      int pid, uid, status;
    } k;
  } u;
  int pad[26];
} rt_siginfo;

/* struct sigcontext (arch/arm/include/uapi/asm/sigcontext.h) */
struct rt_sigcontext {
  unsigned long trap_no, error_code, oldmask;
  unsigned long r[16]; /* arm_r0 .. arm_pc */
  unsigned long cpsr, fault_address;
};

/* struct ucontext: flags, link, stack (3 words), sigcontext, sigmask (128 bytes), regspace */
struct rt_ucontext {
  unsigned long flags;
  struct rt_ucontext *link;
  void *ss_sp;
  int ss_flags;
  size_t ss_size;
  struct rt_sigcontext mc;
  unsigned long sigmask[32];
  unsigned long long regspace[64] __attribute__((aligned(8)));
};

long rt_sigaction(int sig, void *handler, unsigned long flags, void *restorer);
long rt_kill_self(int sig);

/* ---- the kuser helpers (the vector page at 0xffff0000) */
#define KUSER_HELPER_VERSION (*(volatile int *)0xffff0ffc)
typedef int (*kuser_cmpxchg_t)(int oldval, int newval, volatile int *ptr);
#define kuser_cmpxchg (*(kuser_cmpxchg_t)0xffff0fc0)
typedef void *(*kuser_get_tls_t)(void);
#define kuser_get_tls (*(kuser_get_tls_t)0xffff0fe0)
typedef void (*kuser_dmb_t)(void);
#define kuser_dmb (*(kuser_dmb_t)0xffff0fa0)
typedef int (*kuser_cmpxchg64_t)(const long long *oldval, const long long *newval, volatile long long *ptr);
#define kuser_cmpxchg64 (*(kuser_cmpxchg64_t)0xffff0f60)

#endif
