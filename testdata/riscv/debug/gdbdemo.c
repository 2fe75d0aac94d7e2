/*
 * A small program for the debugger tests (test/debug/gdb.test.ts, test/debug/cli.test.ts): a
 * function to break in, a global to print and watch, a loop, a syscall. Built with -g -Og.
 * Prints "total 84 counter 84" and exits 0.
 */
#include "rt.h"

volatile long counter; /* watched: every call of add_squares changes it */
long answer;

__attribute__((noinline)) long add_squares(long a, long b) {
  long r = a * a + b * b;
  counter += r;
  return r;
}

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  long total = 0;
  for (long i = 1; i <= 4; i++) total += add_squares(i, i + 1);
  answer = total;
  rt_printf("total %ld counter %ld\n", total, counter);
  return 0;
}
