/* epoll and eventfd through the ARM EABI syscalls (built -mthumb): struct epoll_event is 16 bytes here
 * (u32 events, 4 bytes of padding, u64 data at offset 8; x86 packs it to 12), so the test fills the
 * padding with a marker and prints the raw bytes the kernel writes back. Covers epoll_create,
 * epoll_create1, epoll_ctl ADD/MOD/DEL and its errors, epoll_wait, epoll_pwait, level-,
 * edge-triggered and one-shot entries over a pipe and an eventfd, timeouts, eventfd and eventfd2 (counter,
 * semaphore, non-blocking). Prints every result. Not epoll_pwait2: qemu-arm 10 answers ENOSYS (Linux has it,
 * and so does tciemu). */
#include "rt.h"

#define SYS_epoll_create 250
#define SYS_epoll_ctl 251
#define SYS_epoll_wait 252
#define SYS_epoll_pwait 346
#define SYS_eventfd 351
#define SYS_eventfd2 356
#define SYS_epoll_create1 357
#define SYS_pipe2 359
#define EPOLLIN 0x1
#define EPOLLOUT 0x4
#define EPOLLHUP 0x10
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EFD_SEMAPHORE 1
#define O_NONBLOCK 04000
#define O_CLOEXEC 02000000

/* the kernel's ARM EABI layout: natural alignment of the u64 */
struct epoll_event {
  uint32_t events;
  uint64_t data;
};
_Static_assert(sizeof(struct epoll_event) == 16, "ARM EABI epoll_event is 16 bytes");

static struct epoll_event evs[4];

static long sys(long n, long a, long b, long c, long d, long e, long f) { return rt_syscall(n, a, b, c, d, e, f); }

static long ctl(int ep, int op, int fd, uint32_t events, uint64_t data) {
  uint8_t raw[16];
  memset(raw, 0xee, sizeof raw); /* the padding: ignored by the kernel */
  memcpy(raw, &events, 4);
  memcpy(raw + 8, &data, 8);
  return sys(SYS_epoll_ctl, ep, op, fd, (long)raw, 0, 0);
}

/* prints a wait's result and the raw bytes of each event it wrote (the rest of evs stays 0xaa) */
static void show(const char *what, long n) {
  rt_printf("%s: %ld", what, n);
  for (long i = 0; i < n && i < 4; i++) {
    const uint8_t *b = (const uint8_t *)&evs[i];
    rt_printf(" [");
    for (int k = 0; k < 16; k++) rt_printf("%02x", b[k]);
    rt_printf("]");
  }
  rt_printf("\n");
}

static long wait_(const char *what, int ep, int max, int timeout) {
  memset(evs, 0xaa, sizeof evs);
  long n = sys(SYS_epoll_wait, ep, (long)evs, max, timeout, 0, 0);
  show(what, n);
  return n;
}

static void efd_read(int fd, const char *what) {
  uint64_t v = 0;
  long r = rt_read(fd, &v, 8);
  rt_printf("%s: read %ld value %u\n", what, r, (unsigned)v);
}

static void efd_write(int fd, uint64_t v) {
  long r = rt_write(fd, &v, 8);
  rt_printf("eventfd write %u: %ld\n", (unsigned)v, r);
}

int main(void) {
  /* ---- eventfd */
  int e1 = sys(SYS_eventfd2, 0, O_NONBLOCK | O_CLOEXEC, 0, 0, 0, 0);
  rt_printf("eventfd2(0, NONBLOCK|CLOEXEC) >= 0: %d\n", e1 >= 0);
  efd_read(e1, "empty");
  efd_write(e1, 5);
  efd_write(e1, 7);
  efd_read(e1, "counter");
  efd_read(e1, "after reset");
  int e2 = sys(SYS_eventfd2, 3, O_NONBLOCK | EFD_SEMAPHORE, 0, 0, 0, 0);
  for (int i = 0; i < 4; i++) efd_read(e2, "semaphore");
  rt_printf("eventfd2 bad flags: %ld\n", sys(SYS_eventfd2, 0, 0x10, 0, 0, 0, 0));
  int e3 = sys(SYS_eventfd, 2, 0, 0, 0, 0, 0);
  efd_read(e3, "eventfd(2)");
  {
    uint8_t small[4];
    rt_printf("short read: %ld, short write: %ld\n", rt_read(e3, small, 4), rt_write(e3, small, 4));
  }

  /* ---- epoll over a pipe */
  int p[2];
  rt_printf("pipe2: %ld\n", sys(SYS_pipe2, (long)p, O_NONBLOCK, 0, 0, 0, 0));
  int ep = sys(SYS_epoll_create1, 0, 0, 0, 0, 0, 0);
  int ep2 = sys(SYS_epoll_create, 1, 0, 0, 0, 0, 0);
  rt_printf("epoll_create1 ok %d, epoll_create ok %d, epoll_create(0) %ld, epoll_create1(bad) %ld\n", ep >= 0, ep2 >= 0,
            sys(SYS_epoll_create, 0, 0, 0, 0, 0, 0), sys(SYS_epoll_create1, 1, 0, 0, 0, 0, 0));
  rt_printf("add pipe: %ld\n", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0x1122334455667788ull));
  rt_printf("add again: %ld\n", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0));
  rt_printf("add self: %ld\n", ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0));
  rt_printf("add bad fd: %ld\n", ctl(ep, EPOLL_CTL_ADD, 99, EPOLLIN, 0));
  rt_printf("ctl on non-epoll: %ld\n", ctl(p[0], EPOLL_CTL_ADD, p[1], EPOLLIN, 0));
  rt_printf("mod missing: %ld, del missing: %ld, bad op: %ld\n", ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 0),
            ctl(ep, EPOLL_CTL_DEL, p[1], 0, 0), ctl(ep, 7, p[0], EPOLLIN, 0));
  wait_("nothing ready", ep, 4, 0);
  wait_("timeout 30 ms", ep, 4, 30);
  rt_write(p[1], "x", 1);
  wait_("pipe readable", ep, 4, -1);
  wait_("level-triggered again", ep, 4, 0);
  rt_printf("maxevents 0: %ld, on a pipe: %ld, bad epfd: %ld\n", sys(SYS_epoll_wait, ep, (long)evs, 0, 0, 0, 0),
            sys(SYS_epoll_wait, p[0], (long)evs, 1, 0, 0, 0), sys(SYS_epoll_wait, 99, (long)evs, 1, 0, 0, 0));

  /* ---- edge-triggered and one-shot over the eventfd, two events at once */
  rt_printf("add eventfd ET: %ld\n", ctl(ep, EPOLL_CTL_ADD, e1, EPOLLIN | EPOLLOUT | EPOLLET, 0xcafe0001ull));
  wait_("pipe + eventfd writable", ep, 4, 0);
  wait_("edge already reported", ep, 4, 0);
  efd_write(e1, 1);
  wait_("eventfd became readable", ep, 4, 0);
  wait_("pipe only, max 1", ep, 1, 0);
  rt_printf("mod pipe oneshot: %ld\n", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 0x0102030405060708ull));
  wait_("oneshot fires", ep, 4, 0);
  wait_("oneshot disabled", ep, 4, 0);
  rt_printf("rearm: %ld\n", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 0xffffffff00000000ull));
  {
    memset(evs, 0xaa, sizeof evs);
    long n = sys(SYS_epoll_pwait, ep, (long)evs, 4, 0, 0, 8);
    show("epoll_pwait", n);
    uint64_t mask = 0;
    memset(evs, 0xaa, sizeof evs);
    n = sys(SYS_epoll_pwait, ep, (long)evs, 4, 0, (long)&mask, 8);
    show("epoll_pwait with mask", n);
    rt_printf("epoll_pwait bad sigsetsize: %ld\n", sys(SYS_epoll_pwait, ep, (long)evs, 4, 0, (long)&mask, 4));
  }
  rt_printf("del eventfd: %ld\n", ctl(ep, EPOLL_CTL_DEL, e1, 0, 0));
  rt_close(p[1]);
  wait_("writer closed (hangup)", ep, 4, 0);
  rt_printf("nested epoll add: %ld\n", ctl(ep2, EPOLL_CTL_ADD, ep, EPOLLIN, 42));
  wait_("nested epoll readable", ep2, 4, 0);
  rt_close(p[0]);
  wait_("pipe closed: entry gone", ep, 4, 0);
  return 0;
}
