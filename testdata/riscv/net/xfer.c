// Bulk TCP both ways (argv: send|recv PORT MiB): "send" writes MiB of xorshift64 data (seed 1,
// little-endian words) to the host, half-closes and prints the host's reply; "recv" reads until
// end of stream and prints the byte count and a 64-bit FNV-1a over the little-endian words.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(atoi(argv[2]));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
    perror("connect");
    return 1;
  }
  long total = atol(argv[3]) << 20;
  static uint64_t buf[8192];
  if (strcmp(argv[1], "send") == 0) {
    uint64_t x = 1;
    for (long done = 0; done < total;) {
      for (int i = 0; i < 8192; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = x;
      }
      long n = total - done < (long)sizeof buf ? total - done : (long)sizeof buf;
      for (long off = 0; off < n;) {
        ssize_t w = write(s, (char *)buf + off, n - off);
        if (w <= 0) {
          perror("write");
          return 1;
        }
        off += w;
      }
      done += n;
    }
    shutdown(s, SHUT_WR);
    char reply[256];
    ssize_t r, got = 0;
    while ((r = read(s, reply + got, sizeof reply - 1 - got)) > 0) got += r;
    reply[got] = 0;
    printf("sent %ld, host says: %s\n", total, reply);
  } else {
    uint64_t h = 0xcbf29ce484222325ull;
    long got = 0;
    ssize_t r;
    int carry = 0;
    while ((r = read(s, (char *)buf + carry, sizeof buf - carry)) > 0) {
      got += r;
      int have = carry + r, words = have / 8;
      for (int i = 0; i < words; i++) {
        h ^= buf[i];
        h *= 0x100000001b3ull;
      }
      carry = have % 8;
      memmove(buf, (char *)buf + 8 * words, carry);
    }
    printf("received %ld fnv %016llx\n", got, (unsigned long long)h);
  }
  close(s);
  return 0;
}
