/* epoll and eventfd on i386 (glibc, static): struct epoll_event is packed here (12 bytes, the data at
 * offset 4; ARM EABI and riscv64 have 16), so the test prints the raw bytes the kernel writes into a
 * buffer pre-filled with a marker. Level- and edge-triggered, one-shot, epoll_pwait, errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

_Static_assert(sizeof(struct epoll_event) == 12, "i386 epoll_event is packed");

static unsigned char buf[4 * 12 + 4];

static void wait_(const char *what, int ep, int max, int timeout) {
  memset(buf, 0xaa, sizeof buf);
  int n = epoll_wait(ep, (struct epoll_event *)buf, max, timeout);
  printf("%s: %d", what, n < 0 ? -errno : n);
  for (int i = 0; i < 4 * 12 + 4 && n > 0; i++) printf(i % 12 ? "%02x" : " %02x", buf[i]);
  printf("\n");
}

static int ctl(int ep, int op, int fd, unsigned events, unsigned long long data) {
  struct epoll_event ev = {.events = events, .data.u64 = data};
  return epoll_ctl(ep, op, fd, &ev) < 0 ? -errno : 0;
}

int main(void) {
  int p[2];
  pipe(p);
  int e = eventfd(0, EFD_NONBLOCK);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  printf("epoll_create1 ok %d, epoll_create(0) %d\n", ep >= 0, epoll_create(0) < 0 ? -errno : 0);
  /* one call per statement: C leaves the order of a call's argument evaluation open */
  int r1 = ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0x1122334455667788ull);
  int r2 = ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0);
  int r3 = ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0);
  int r4 = ctl(ep, EPOLL_CTL_ADD, 99, EPOLLIN, 0);
  printf("add pipe %d, again %d, self %d, bad fd %d\n", r1, r2, r3, r4);
  wait_("nothing", ep, 4, 0);
  wait_("timeout 20 ms", ep, 4, 20);
  write(p[1], "x", 1);
  wait_("pipe readable", ep, 4, -1);
  printf("add eventfd ET %d\n", ctl(ep, EPOLL_CTL_ADD, e, EPOLLIN | EPOLLOUT | EPOLLET, 0xcafe0001ull));
  wait_("both", ep, 4, 0);
  wait_("edge reported", ep, 4, 0);
  unsigned long long one = 1, v = 0;
  write(e, &one, 8);
  wait_("eventfd readable", ep, 4, 0);
  int n1 = (int)read(e, &v, 8);
  int n2 = read(e, &v, 8) < 0 ? -errno : 0;
  printf("eventfd read %d value %llu, again %d\n", n1, v, n2);
  printf("mod oneshot %d\n", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 0x0102030405060708ull));
  wait_("oneshot", ep, 4, 0);
  wait_("disabled", ep, 4, 0);
  r1 = ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 42);
  r2 = ctl(ep, EPOLL_CTL_DEL, e, 0, 0);
  printf("rearm %d, del eventfd %d\n", r1, r2);
  memset(buf, 0xaa, sizeof buf);
  int n = epoll_pwait(ep, (struct epoll_event *)buf, 4, 0, NULL);
  printf("epoll_pwait: %d events %08x data %llu\n", n, ((struct epoll_event *)buf)->events, (unsigned long long)((struct epoll_event *)buf)->data.u64);
  close(p[1]);
  wait_("hangup", ep, 4, 0);
  printf("maxevents 0: %d\n", epoll_wait(ep, (struct epoll_event *)buf, 0, 0) < 0 ? -errno : 0);
  return 0;
}
