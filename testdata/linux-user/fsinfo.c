/* statfs/fstatfs (statfs64/fstatfs64 through glibc on i386 and ARM, the plain 32-bit calls directly) and
 * copy_file_range, built static with glibc for riscv64, armhf and i386 like sigwait.c and compared with
 * qemu-<arch>. Prints what does not change while it runs: file system types, block sizes, name lengths,
 * total blocks and inodes (not the free counts, which other processes change, nor f_fsid and f_flags,
 * which tciemu's Node host cannot learn); copy_file_range with and without offsets, at EOF, within one
 * file, and its errors. Runs in the current directory (a scratch file "fsinfo.tmp" is made and removed). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *errname(int e) {
  switch (e) {
    case 0: return "-";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EISDIR: return "EISDIR";
    case EFAULT: return "EFAULT";
    case ENOENT: return "ENOENT";
    case EXDEV: return "EXDEV";
    case ENOSYS: return "ENOSYS";
    case EOVERFLOW: return "EOVERFLOW";
    case ESPIPE: return "ESPIPE";
    default: return "other";
  }
}

static void show(const char *what, int r, const struct statfs *s) {
  if (r != 0) {
    printf("%s: -1 %s\n", what, errname(errno));
    return;
  }
  printf("%s: type=%#lx bsize=%ld namelen=%ld frsize=%ld blocks=%llu files=%llu\n", what, (unsigned long)s->f_type,
         (long)s->f_bsize, (long)s->f_namelen, (long)s->f_frsize, (unsigned long long)s->f_blocks, (unsigned long long)s->f_files);
}

static void cfr(const char *what, int in, loff_t *oi, int out, loff_t *oo, size_t len, unsigned flags) {
  errno = 0;
  ssize_t r = copy_file_range(in, oi, out, oo, len, flags);
  printf("%s: %zd %s", what, r, errname(errno));
  if (oi) printf(" off_in=%lld", (long long)*oi);
  if (oo) printf(" off_out=%lld", (long long)*oo);
  printf(" pos_in=%lld pos_out=%lld\n", (long long)lseek(in, 0, SEEK_CUR), (long long)lseek(out, 0, SEEK_CUR));
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct statfs s;
  show("statfs .", statfs(".", &s), &s);
  show("statfs /proc", statfs("/proc", &s), &s);
  errno = 0;
  show("statfs missing", statfs("no/such/file", &s), &s);
  int p[2];
  pipe(p);
  show("fstatfs pipe", fstatfs(p[0], &s), &s);
  int sk = socket(AF_UNIX, SOCK_STREAM, 0);
  show("fstatfs socket", fstatfs(sk, &s), &s);
  int ev = eventfd(0, 0);
  show("fstatfs eventfd", fstatfs(ev, &s), &s);
  errno = 0;
  show("fstatfs bad fd", fstatfs(99, &s), &s);
#if UINTPTR_MAX == 0xffffffff
  /* the plain 32-bit calls (glibc uses the 64 ones): struct statfs with 32-bit words */
  struct {
    uint32_t type, bsize, blocks, bfree, bavail, files, ffree, fsid[2], namelen, frsize, flags, spare[4];
  } s32;
  long r = syscall(SYS_statfs, ".", &s32);
  printf("statfs32 .: %ld type=%#x bsize=%u namelen=%u blocks=%u\n", r, s32.type, s32.bsize, s32.namelen, s32.blocks);
  r = syscall(SYS_fstatfs, p[1], &s32);
  printf("fstatfs32 pipe: %ld type=%#x bsize=%u\n", r, s32.type, s32.bsize);
#else
  printf("statfs32 .: n/a\nfstatfs32 pipe: n/a\n");
#endif

  /* copy_file_range */
  const char *tmp = "fsinfo.tmp", *tmp2 = "fsinfo.tmp2";
  int a = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0644);
  char data[100];
  for (int i = 0; i < 100; i++) data[i] = 'a' + i % 26;
  write(a, data, sizeof data);
  lseek(a, 0, SEEK_SET);
  int b = open(tmp2, O_RDWR | O_CREAT | O_TRUNC, 0644);
  cfr("whole", a, NULL, b, NULL, 1000, 0);
  cfr("at eof", a, NULL, b, NULL, 1000, 0);
  loff_t oi = 10, oo = 0;
  cfr("offsets", a, &oi, b, &oo, 20, 0);
  oi = 90;
  oo = 5;
  cfr("short at eof", a, &oi, b, &oo, 50, 0);
  char got[128];
  ssize_t n = pread(b, got, sizeof got, 0);
  printf("out: %zd %.*s\n", n, (int)n, got);
  oi = 0;
  oo = 10;
  cfr("overlap", a, &oi, a, &oo, 20, 0);
  oi = 0;
  oo = 200;
  cfr("same file apart", a, &oi, a, &oo, 20, 0);
  cfr("flags", a, NULL, b, NULL, 10, 1);
  oi = -1;
  cfr("negative offset", a, &oi, b, NULL, 10, 0);
  errno = 0;
  ssize_t rb = copy_file_range(a, (loff_t *)16, b, NULL, 10, 0);
  printf("bad offset pointer: %zd %s\n", rb, errname(errno));
  int ap = open(tmp2, O_WRONLY | O_APPEND);
  cfr("append", a, NULL, ap, NULL, 10, 0);
  int wo = open(tmp, O_WRONLY);
  cfr("write-only in", wo, NULL, b, NULL, 10, 0);
  int d = open(".", O_RDONLY | O_DIRECTORY);
  cfr("directory", d, NULL, b, NULL, 10, 0);
  cfr("pipe", a, NULL, p[1], NULL, 10, 0);
  cfr("bad fd", 99, NULL, b, NULL, 10, 0);
  unlink(tmp);
  unlink(tmp2);
  return 0;
}
