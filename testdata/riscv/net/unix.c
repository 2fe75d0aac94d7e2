// AF_UNIX sockets, eventfd, epoll and poll inside one guest process: socketpair (stream, datagram,
// seqpacket), SCM_RIGHTS passing a pipe's end, SO_PEERCRED, path and abstract names with
// listen/connect/accept, a thread blocked in accept woken by another thread's connect, eventfd
// counters and semaphores, epoll edge-triggered and one-shot modes.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static void pairs(void) {
  int sv[2];
  printf("socketpair stream: %d\n", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  write(sv[0], "abc", 3);
  write(sv[0], "def", 3);
  char buf[64];
  printf("read joined: %zd\n", read(sv[1], buf, sizeof buf));
  // Pass a pipe's read end.
  int p[2];
  pipe(p);
  char cbuf[CMSG_SPACE(sizeof(int))];
  memset(cbuf, 0, sizeof cbuf);
  struct iovec iov = {"x", 1};
  struct msghdr m = {0};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = cbuf;
  m.msg_controllen = sizeof cbuf;
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &p[0], sizeof(int));
  printf("sendmsg rights: %zd\n", sendmsg(sv[0], &m, 0));
  close(p[0]);
  write(p[1], "through the passed pipe", 23);
  close(p[1]);
  char rb[8];
  struct iovec riov = {rb, sizeof rb};
  struct msghdr rm = {0};
  char rc[CMSG_SPACE(sizeof(int))];
  rm.msg_iov = &riov;
  rm.msg_iovlen = 1;
  rm.msg_control = rc;
  rm.msg_controllen = sizeof rc;
  printf("recvmsg: %zd flags %d controllen %d\n", recvmsg(sv[1], &rm, MSG_CMSG_CLOEXEC), rm.msg_flags, (int)rm.msg_controllen);
  struct cmsghdr *rcm = CMSG_FIRSTHDR(&rm);
  if (rcm && rcm->cmsg_type == SCM_RIGHTS) {
    int fd;
    memcpy(&fd, CMSG_DATA(rcm), sizeof fd);
    char pb[64];
    ssize_t n = read(fd, pb, sizeof pb);
    printf("passed fd reads: %zd '%.*s' cloexec %d\n", n, (int)n, pb, (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    close(fd);
  }
  struct ucred cr;
  socklen_t cl = sizeof cr;
  getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &cl);
  printf("peercred pid ok %d uid ok %d\n", cr.pid == getpid(), cr.uid == getuid());
  close(sv[0]);
  printf("read after peer close: %zd\n", read(sv[1], buf, sizeof buf));
  close(sv[1]);

  printf("socketpair dgram: %d\n", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
  send(sv[0], "one", 3, 0);
  send(sv[0], "two!", 4, 0);
  printf("dgram 1: %zd\n", recv(sv[1], buf, sizeof buf, 0));
  printf("dgram 2 truncated: %zd\n", recv(sv[1], buf, 2, MSG_TRUNC));
  close(sv[0]);
  close(sv[1]);

  printf("socketpair seqpacket: %d\n", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
  send(sv[0], "record-1", 8, 0);
  send(sv[0], "r2", 2, 0);
  struct iovec siov = {buf, 4};
  struct msghdr sm = {0};
  sm.msg_iov = &siov;
  sm.msg_iovlen = 1;
  printf("seqpacket: %zd flags %x\n", recvmsg(sv[1], &sm, 0), sm.msg_flags & MSG_TRUNC);
  printf("seqpacket next: %zd\n", recv(sv[1], buf, sizeof buf, 0));
  close(sv[0]);
  close(sv[1]);
  printf("inet socketpair: %d %s\n", socketpair(AF_INET, SOCK_STREAM, 0, sv), strerror(errno));
}

static struct sockaddr_un srv;
static socklen_t srvlen;
static int lfd;

static void *acceptor(void *arg) {
  (void)arg;
  int s = accept(lfd, NULL, NULL);
  char buf[32];
  ssize_t n = read(s, buf, sizeof buf);
  write(s, buf, n);
  close(s);
  return NULL;
}

static void named(int abstract) {
  lfd = socket(AF_UNIX, SOCK_STREAM, 0);
  memset(&srv, 0, sizeof srv);
  srv.sun_family = AF_UNIX;
  if (abstract) {
    memcpy(srv.sun_path, "\0tciemu-test", 12);
    srvlen = offsetof(struct sockaddr_un, sun_path) + 12;
  } else {
    strcpy(srv.sun_path, "sock");
    unlink("sock");
    srvlen = sizeof srv;
  }
  printf("bind %s: %d\n", abstract ? "abstract" : "path", bind(lfd, (struct sockaddr *)&srv, srvlen));
  if (!abstract) {
    struct stat st;
    printf("bind again: %d %s\n", bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&srv, srvlen), strerror(errno));
    printf("path exists: %d\n", stat("sock", &st) == 0);
  }
  printf("listen: %d\n", listen(lfd, 2));
  pthread_t th;
  pthread_create(&th, NULL, acceptor, NULL);
  usleep(20000);
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("connect: %d\n", connect(c, (struct sockaddr *)&srv, srvlen));
  write(c, "hello unix", 10);
  char buf[32];
  ssize_t n = read(c, buf, sizeof buf);
  printf("echo: %zd '%.*s'\n", n, (int)n, buf);
  pthread_join(th, NULL);
  struct sockaddr_un pn;
  socklen_t pl = sizeof pn;
  getpeername(c, (struct sockaddr *)&pn, &pl);
  printf("peer name len %d\n", (int)pl);
  close(c);
  close(lfd);
  if (!abstract) unlink("sock");
  c = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("connect to nobody: %d %s\n", connect(c, (struct sockaddr *)&srv, srvlen), strerror(errno));
  close(c);
}

static void events(void) {
  int e = eventfd(3, EFD_NONBLOCK);
  uint64_t v = 0;
  printf("eventfd read: %zd %llu\n", read(e, &v, 8), (unsigned long long)v);
  printf("eventfd empty: %zd %s\n", read(e, &v, 8), strerror(errno));
  v = 5;
  write(e, &v, 8);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.fd = e};
  epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
  struct epoll_event out[2];
  printf("epoll ET 1: %d\n", epoll_wait(ep, out, 2, 0));
  printf("epoll ET 2 (no new event): %d\n", epoll_wait(ep, out, 2, 0));
  write(e, &v, 8);
  printf("epoll ET 3 (new write): %d\n", epoll_wait(ep, out, 2, 0));
  int s = eventfd(2, EFD_SEMAPHORE);
  read(s, &v, 8);
  printf("semaphore: %llu\n", (unsigned long long)v);
  ev.events = EPOLLIN | EPOLLONESHOT;
  ev.data.fd = s;
  epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
  int n = epoll_wait(ep, out, 2, 0);
  printf("oneshot: %d\n", n);
  printf("oneshot again: %d\n", epoll_wait(ep, out, 2, 0));
  printf("epoll on regular file: %d %s\n", epoll_ctl(ep, EPOLL_CTL_ADD, open("/proc/self/exe", O_RDONLY), &ev), strerror(errno));
  int p[2];
  pipe(p);
  struct pollfd pf[3] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {99, POLLIN, 0}};
  printf("poll: %d %x %x %x\n", poll(pf, 3, 0), pf[0].revents, pf[1].revents, pf[2].revents);
  close(p[1]);
  printf("poll hup: %d %x\n", poll(pf, 1, 100), pf[0].revents);
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  struct timeval tv = {0, 1000};
  printf("select: %d %d\n", select(p[0] + 1, &rs, NULL, NULL, &tv), FD_ISSET(p[0], &rs));
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  pairs();
  named(0);
  named(1);
  events();
  return 0;
}
