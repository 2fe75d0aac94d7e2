/* SO_RCVTIMEO / SO_SNDTIMEO on blocking sockets (built static with glibc for riscv64, armhf and i386 like
 * sigwait.c, compared with qemu-<arch>): a recv, read, recvfrom, recvmsg or accept that waits longer than
 * SO_RCVTIMEO fails with EAGAIN and the program goes on (the next call works); a send into a full socket
 * fails with EAGAIN after SO_SNDTIMEO; a handler with SA_RESTART interrupting a wait that has a timeout
 * makes it EINTR (Linux's sock_intr_errno). AF_UNIX stream and datagram sockets and a UDP socket on
 * 127.0.0.1. And readv: one read scattered over the buffers. Only what does not depend on timing is printed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static const char *errname(int e) {
  switch (e) {
    case 0: return "-";
    case EAGAIN: return "EAGAIN";
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EDOM: return "EDOM";
    case ENOTCONN: return "ENOTCONN";
    default: return "other";
  }
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long long t0;
static void start(void) {
  errno = 0;
  t0 = now_ms();
}
/* the call's result and errno, and whether it waited about `ms` (at least, and not many times over) */
static void report(const char *what, long r, int ms) {
  int e = errno;
  long long dt = now_ms() - t0;
  printf("%s: %ld %s waited=%s\n", what, r, errname(e), dt >= ms - 1 && dt < ms + 3000 ? "ok" : "no");
}

static void set_timeo(int fd, int opt, long usec) {
  struct timeval tv = {usec / 1000000, usec % 1000000};
  if (setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof tv) != 0) printf("setsockopt: %s\n", errname(errno));
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char buf[64];
  int sv[2];

  /* AF_UNIX stream: recv, read, recvmsg time out; then data arrives and recv works */
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  set_timeo(sv[0], SO_RCVTIMEO, 100000);
  socklen_t len;
  start();
  report("stream recv", recv(sv[0], buf, sizeof buf, 0), 100);
  start();
  report("stream read", read(sv[0], buf, sizeof buf), 100);
  struct iovec iov = {buf, sizeof buf};
  struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
  start();
  report("stream recvmsg", recvmsg(sv[0], &mh, 0), 100);
  write(sv[1], "hello", 5);
  start();
  report("stream recv after write", recv(sv[0], buf, sizeof buf, 0), 0);

  /* a bad timeout */
  struct timeval bad = {0, 1000000};
  errno = 0;
  int rb = setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &bad, sizeof bad);
  printf("usec 1000000: %d %s\n", rb, errname(errno));

  /* SO_SNDTIMEO: fill the socket, then a blocking send waits and fails */
  int fl = fcntl(sv[1], F_GETFL);
  fcntl(sv[1], F_SETFL, fl | O_NONBLOCK);
  long total = 0;
  for (;;) {
    long n = send(sv[1], buf, sizeof buf, 0);
    if (n < 0) break;
    total += n;
  }
  printf("filled: %s\n", total > 0 && errno == EAGAIN ? "yes" : "no");
  fcntl(sv[1], F_SETFL, fl);
  set_timeo(sv[1], SO_SNDTIMEO, 100000);
  start();
  report("stream send full", send(sv[1], buf, sizeof buf, 0), 100);
  close(sv[0]);
  close(sv[1]);

  /* AF_UNIX datagram */
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  set_timeo(sv[0], SO_RCVTIMEO, 50000);
  start();
  report("dgram recvfrom", recvfrom(sv[0], buf, sizeof buf, 0, NULL, NULL), 50);
  send(sv[1], "x", 1, 0);
  start();
  report("dgram recv after send", recv(sv[0], buf, sizeof buf, 0), 0);
  close(sv[0]);
  close(sv[1]);

  /* accept on a listening AF_UNIX socket (an abstract name) */
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un sun = {.sun_family = AF_UNIX};
  snprintf(sun.sun_path + 1, sizeof sun.sun_path - 1, "tciemu-rcvtimeo-%d", (int)getpid());
  bind(l, (struct sockaddr *)&sun, sizeof sun);
  listen(l, 1);
  set_timeo(l, SO_RCVTIMEO, 50000);
  start();
  report("accept", accept(l, NULL, NULL), 50);
  close(l);

  /* UDP on the loopback */
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(u, (struct sockaddr *)&sin, sizeof sin) != 0) printf("udp bind: %s\n", errname(errno));
  set_timeo(u, SO_RCVTIMEO, 50000);
  start();
  report("udp recvfrom", recvfrom(u, buf, sizeof buf, 0, NULL, NULL), 50);
  len = sizeof sin;
  getsockname(u, (struct sockaddr *)&sin, &len);
  sendto(u, "y", 1, 0, (struct sockaddr *)&sin, sizeof sin);
  start();
  report("udp recv after sendto", recv(u, buf, sizeof buf, 0), 0);
  close(u);

  /* readv is one read scattered over its buffers: a pipe holding exactly the first one's worth returns it,
   * a datagram socket gives one datagram, empty buffers read nothing */
  char a4[4], b4[4];
  struct iovec two[2] = {{a4, 4}, {b4, 4}};
  int pp[2];
  pipe(pp);
  write(pp[1], "abcd", 4);
  printf("readv pipe: %zd %.4s\n", readv(pp[0], two, 2), a4);
  struct iovec none[2] = {{a4, 0}, {b4, 0}};
  printf("readv empty buffers: %zd\n", readv(pp[0], none, 2));
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  send(sv[1], "xyz", 3, 0);
  send(sv[1], "uvw", 3, 0);
  memset(a4, 0, sizeof a4);
  ssize_t rv = readv(sv[0], two, 2);
  printf("readv dgram: %zd %.3s\n", rv, a4);
  close(sv[0]);
  close(sv[1]);

  /* a handler with SA_RESTART still makes a wait with a timeout fail with EINTR */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  set_timeo(sv[0], SO_RCVTIMEO, 5000000);
  struct itimerval it = {{0, 0}, {0, 50000}};
  start(); /* before arming the timer: the wait is at least its 50 ms */
  setitimer(ITIMER_REAL, &it, NULL);
  report("interrupted recv", recv(sv[0], buf, sizeof buf, 0), 50);
  printf("alarms: %d\n", alarms);
  return 0;
}
