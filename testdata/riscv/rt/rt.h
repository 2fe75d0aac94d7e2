/* tciemu's tiny freestanding runtime for RISC-V Linux user-mode test programs. */
#ifndef TCIEMU_RT_H
#define TCIEMU_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Linux riscv64 (asm-generic) syscall numbers */
#define SYS_openat 56
#define SYS_close 57
#define SYS_lseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_uname 160
#define SYS_getpid 172
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mmap 222
#define SYS_mprotect 226

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

/* dump.S */
void dump_memsum(const void *start, const void *end);

#endif
