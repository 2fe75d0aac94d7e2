#!/usr/bin/env bash
# Builds testdata/riscv/net/*.c (socket test programs) with Debian's riscv64-linux-gnu-gcc against
# its glibc, dynamically linked: tests run them with -L on the trixie sysroot, under tciemu and
# qemu-riscv64 alike (getaddrinfo needs glibc's NSS modules, which only a dynamic program loads).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
D="$ROOT/testdata/riscv/net"
CC="${RISCV_CC:-riscv64-linux-gnu-gcc}"
for src in "$D"/*.c; do
  name="$(basename "${src%.c}")"
  (cd "$D" && "$CC" -O2 -Wall -Wextra -fno-ident -Wl,--build-id=none -o "$name.elf" "$name.c" -lpthread)
  printf '  %-24s %6d bytes\n' "net/$name.elf" "$(stat -c %s "$D/$name.elf")"
done
