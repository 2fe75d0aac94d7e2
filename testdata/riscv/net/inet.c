#define _GNU_SOURCE
// Inet sockets against host servers the test starts (argv: TCP echo port, UDP echo port, a closed
// port): blocking and non-blocking connect, poll/epoll readiness, half-close, UDP sendto/recvfrom
// and connected UDP, a listener inside the guest accepting its own connection, getaddrinfo through
// /etc/hosts, socket options. Prints only what does not depend on ephemeral ports.
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in loopback(int port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

static void show_addr(const char *what, struct sockaddr_in *a, int with_port) {
  char buf[64];
  inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
  if (with_port) printf("%s: family %d %s:%d\n", what, a->sin_family, buf, ntohs(a->sin_port));
  else printf("%s: family %d %s port>0 %d\n", what, a->sin_family, buf, ntohs(a->sin_port) > 0);
}

static void tcp_echo(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = loopback(port);
  printf("connect: %d\n", connect(s, (struct sockaddr *)&a, sizeof a));
  struct sockaddr_in l;
  socklen_t ll = sizeof l;
  getsockname(s, (struct sockaddr *)&l, &ll);
  show_addr("tcp local", &l, 0);
  ll = sizeof l;
  getpeername(s, (struct sockaddr *)&l, &ll);
  show_addr("tcp peer", &l, 1);
  int one = 1;
  printf("nodelay: %d\n", setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
  int v = 0;
  socklen_t vl = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &vl);
  printf("SO_TYPE %d len %d\n", v, (int)vl);
  char msg[200];
  long total = 0;
  for (int i = 0; i < 20; i++) {
    int n = snprintf(msg, sizeof msg, "line %d of the echo test\n", i);
    if (send(s, msg, n, 0) != n) printf("short send\n");
    total += n;
  }
  printf("shutdown: %d\n", shutdown(s, SHUT_WR));
  char buf[1024];
  long got = 0;
  unsigned sum = 0;
  for (;;) {
    ssize_t n = recv(s, buf, sizeof buf, 0);
    if (n <= 0) {
      printf("recv end: %zd\n", n);
      break;
    }
    for (ssize_t i = 0; i < n; i++) sum = sum * 31 + (unsigned char)buf[i];
    got += n;
  }
  printf("echo: sent %ld got %ld sum %08x\n", total, got, sum);
  close(s);
}

static void tcp_nonblocking(int port, int closed) {
  int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct sockaddr_in a = loopback(port);
  int r = connect(s, (struct sockaddr *)&a, sizeof a);
  printf("nb connect: %d %s\n", r, r < 0 ? strerror(errno) : "");
  struct pollfd p = {s, POLLOUT, 0};
  printf("poll: %d revents %x\n", poll(&p, 1, 5000), p.revents);
  int err = -1;
  socklen_t el = sizeof err;
  getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &el);
  printf("SO_ERROR %d\n", err);
  char buf[16];
  r = recv(s, buf, sizeof buf, 0);
  printf("recv nothing yet: %d %s\n", r, r < 0 ? strerror(errno) : "");
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull};
  printf("epoll_ctl: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev));
  send(s, "ping", 4, 0);
  struct epoll_event out[4];
  int n = epoll_wait(ep, out, 4, 5000);
  printf("epoll_wait: %d events %x data %llx\n", n, n > 0 ? out[0].events : 0, n > 0 ? (unsigned long long)out[0].data.u64 : 0ull);
  int avail = -1;
  ioctl(s, FIONREAD, &avail);
  printf("FIONREAD %d\n", avail);
  r = recv(s, buf, sizeof buf, 0);
  printf("recv: %d '%.*s'\n", r, r > 0 ? r : 0, buf);
  close(ep);
  close(s);

  s = socket(AF_INET, SOCK_STREAM, 0);
  a = loopback(closed);
  r = connect(s, (struct sockaddr *)&a, sizeof a);
  printf("refused: %d %s\n", r, r < 0 ? strerror(errno) : "");
  close(s);
}

static void udp(int port) {
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in a = loopback(port), from;
  for (int i = 0; i < 3; i++) {
    char msg[64], buf[128];
    int n = snprintf(msg, sizeof msg, "datagram %d", i);
    printf("sendto: %zd\n", sendto(s, msg, n, 0, (struct sockaddr *)&a, sizeof a));
    socklen_t fl = sizeof from;
    ssize_t r = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
    printf("recvfrom: %zd '%.*s' len %d\n", r, (int)(r > 0 ? r : 0), buf, (int)fl);
    show_addr("udp from", &from, 1);
  }
  struct sockaddr_in l;
  socklen_t ll = sizeof l;
  getsockname(s, (struct sockaddr *)&l, &ll);
  show_addr("udp local", &l, 0);
  close(s);
  // Connected UDP with send/recv and MSG_TRUNC.
  s = socket(AF_INET, SOCK_DGRAM, 0);
  printf("udp connect: %d\n", connect(s, (struct sockaddr *)&a, sizeof a));
  send(s, "0123456789", 10, 0);
  char small[4];
  ssize_t r = recv(s, small, sizeof small, MSG_TRUNC);
  printf("recv MSG_TRUNC: %zd '%.4s'\n", r, small);
  close(s);
}

static void listener(void) {
  int l = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = loopback(0);
  printf("bind: %d\n", bind(l, (struct sockaddr *)&a, sizeof a));
  printf("listen: %d\n", listen(l, 4));
  socklen_t al = sizeof a;
  getsockname(l, (struct sockaddr *)&a, &al);
  show_addr("listening", &a, 0);
  int acc = 0;
  socklen_t vl = sizeof acc;
  getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &acc, &vl);
  printf("SO_ACCEPTCONN %d\n", acc);
  int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int r = connect(c, (struct sockaddr *)&a, sizeof a);
  printf("self connect: %d %s\n", r, r < 0 ? strerror(errno) : "");
  struct pollfd p = {l, POLLIN, 0};
  printf("poll listener: %d %x\n", poll(&p, 1, 5000), p.revents);
  struct sockaddr_in peer;
  socklen_t pl = sizeof peer;
  int s = accept4(l, (struct sockaddr *)&peer, &pl, SOCK_CLOEXEC);
  printf("accept4: %d cloexec %d\n", s >= 0, (fcntl(s, F_GETFD) & FD_CLOEXEC) != 0);
  show_addr("accepted peer", &peer, 0);
  p.fd = c;
  p.events = POLLOUT;
  poll(&p, 1, 5000);
  send(c, "from client", 11, 0);
  char buf[32];
  ssize_t n = recv(s, buf, 11, MSG_WAITALL);
  printf("server got: %zd '%.*s'\n", n, (int)n, buf);
  write(s, "reply", 5);
  close(s);
  p.events = POLLIN;
  poll(&p, 1, 5000);
  n = read(c, buf, sizeof buf);
  printf("client got: %zd '%.*s'\n", n, (int)(n > 0 ? n : 0), buf);
  poll(&p, 1, 5000); // a non-blocking socket: the peer's FIN may still be on its way
  n = read(c, buf, sizeof buf);
  printf("client eof: %zd\n", n);
  close(c);
  close(l);
}

static void names(void) {
  struct addrinfo hints, *res;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  int r = getaddrinfo("localhost", "80", &hints, &res);
  printf("getaddrinfo localhost: %d\n", r);
  if (r == 0) {
    show_addr("localhost", (struct sockaddr_in *)res->ai_addr, 1);
    freeaddrinfo(res);
  }
  hints.ai_flags = AI_NUMERICHOST;
  r = getaddrinfo("127.0.0.1", "8080", &hints, &res);
  printf("getaddrinfo numeric: %d\n", r);
  if (r == 0) freeaddrinfo(res);
  // A server's wildcard addresses, both families (python's http.server asks this): glibc sorts
  // them by the source address a connected UDP socket shows (an AF_INET6 socket connected to an
  // IPv4 address must show a mapped one, or glibc's assertion fails).
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  r = getaddrinfo(NULL, "8000", &hints, &res);
  printf("getaddrinfo passive: %d\n", r);
  if (r == 0) {
    for (struct addrinfo *p = res; p; p = p->ai_next) printf("  family %d\n", p->ai_family);
    freeaddrinfo(res);
  }
}

/** getsockname of a UDP socket of `family` connected to `peer` (text): the source address. */
static void udp_source(int family, const char *peer) {
  int s = socket(family, SOCK_DGRAM, 0);
  struct sockaddr_storage a, l;
  memset(&a, 0, sizeof a);
  socklen_t alen;
  if (strchr(peer, ':')) {
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&a;
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons(9);
    inet_pton(AF_INET6, peer, &a6->sin6_addr);
    alen = sizeof *a6;
  } else {
    struct sockaddr_in *a4 = (struct sockaddr_in *)&a;
    a4->sin_family = AF_INET;
    a4->sin_port = htons(9);
    inet_pton(AF_INET, peer, &a4->sin_addr);
    alen = sizeof *a4;
  }
  char text[INET6_ADDRSTRLEN] = "?";
  socklen_t llen = sizeof l;
  if (connect(s, (struct sockaddr *)&a, alen) != 0) {
    printf("udp %s connect %s: %s\n", family == AF_INET ? "inet" : "inet6", peer, strerror(errno));
  } else if (getsockname(s, (struct sockaddr *)&l, &llen) == 0) {
    if (l.ss_family == AF_INET) inet_ntop(AF_INET, &((struct sockaddr_in *)&l)->sin_addr, text, sizeof text);
    else inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&l)->sin6_addr, text, sizeof text);
    printf("udp %s connected to %s: source %s, port %s\n", family == AF_INET ? "inet" : "inet6", peer, text,
           ntohs(((struct sockaddr_in *)&l)->sin_port) ? "set" : "0");
  }
  close(s);
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  setvbuf(stdout, NULL, _IOLBF, 0);
  tcp_echo(atoi(argv[1]));
  tcp_nonblocking(atoi(argv[1]), atoi(argv[3]));
  udp(atoi(argv[2]));
  listener();
  names();
  udp_source(AF_INET, "127.0.0.1");
  udp_source(AF_INET, "0.0.0.0");
  udp_source(AF_INET6, "::ffff:127.0.0.1");
  udp_source(AF_INET6, "::1");
  udp_source(AF_INET6, "::");
  return 0;
}
