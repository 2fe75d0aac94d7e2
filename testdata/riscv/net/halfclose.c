// What a TCP program sees of shutdown(SHUT_WR), of a client bind before connect, and of listen,
// over each host network: Node's sockets (the CLI, compared with qemu-riscv64) and a Wisp relay
// (the page; Wisp v1 has no half-close and no listening). test/net/wisp-user.test.ts runs it.
// Usage: halfclose.elf ECHO_PORT (an echo server on 127.0.0.1 that ends its side after the client's).
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static const char *result(int r) { return r == 0 ? "ok" : strerror(errno); }

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  int port = atoi(argv[1]);
  setvbuf(stdout, NULL, _IONBF, 0);

  // Half-close: send, end the write side, read the echo until the end of the stream (or an error).
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = loopback(port);
  if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
    perror("connect");
    return 1;
  }
  const char msg[] = "hello over a half-closed stream\n";
  printf("send: %zd\n", send(s, msg, sizeof msg - 1, 0));
  printf("shutdown(SHUT_WR): %s\n", result(shutdown(s, SHUT_WR)));
  ssize_t w = send(s, "x", 1, MSG_NOSIGNAL);
  printf("send after shutdown: %s\n", w < 0 ? strerror(errno) : "sent");
  char buf[256];
  size_t total = 0;
  for (;;) {
    ssize_t n = read(s, buf + total, sizeof buf - 1 - total);
    if (n > 0) {
      total += n;
      continue;
    }
    buf[total] = 0;
    printf("read %zu bytes%s, then %s\n", total, strcmp(buf, msg) == 0 ? " (the echo)" : "", n == 0 ? "the end of the stream" : strerror(errno));
    break;
  }
  close(s);

  // A client that binds to the wildcard address and port 0 before connecting.
  s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in any = loopback(0);
  any.sin_addr.s_addr = htonl(INADDR_ANY);
  printf("bind 0.0.0.0:0: %s\n", result(bind(s, (struct sockaddr *)&any, sizeof any)));
  struct sockaddr_in got;
  socklen_t len = sizeof got;
  getsockname(s, (struct sockaddr *)&got, &len);
  printf("bound to an ephemeral port: %s\n", ntohs(got.sin_port) != 0 ? "yes" : "no");
  printf("connect after bind: %s\n", result(connect(s, (struct sockaddr *)&a, sizeof a)));
  printf("send: %zd\n", send(s, "bound\n", 6, MSG_NOSIGNAL));
  ssize_t n = recv(s, buf, sizeof buf, 0);
  printf("echo: %zd\n", n);
  close(s);

  // A server: bind to a port of the loopback address, listen; and listen without bind.
  s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in lo = loopback(0);
  printf("bind 127.0.0.1:0: %s\n", result(bind(s, (struct sockaddr *)&lo, sizeof lo)));
  printf("listen: %s\n", result(listen(s, 4)));
  close(s);
  s = socket(AF_INET, SOCK_STREAM, 0);
  printf("listen without bind: %s\n", result(listen(s, 4)));
  close(s);
  return 0;
}
